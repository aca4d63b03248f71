"""A region named back in a Chinese sentence is named by its Chinese name, whatever script it was
typed in: `near Xinjiang` said "Xinjiang没有该试验的研究中心；以下是离其首府乌鲁木齐最近的研究中心",
`map Shandong` "Shandong是一个省：它的 5 个研究中心…"."""

from __future__ import annotations

import pytest

from conftest import run_cli
from sitefinder.regions import PROVINCES, shown_chinese

ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}
EMPTY = ("没有该试验的研究中心；以下是离", "起测量距离")


def said_lines(run) -> list[str]:
    return [line for line in run.stderr.splitlines() if any(words in line for words in EMPTY)]


@pytest.mark.parametrize("province", PROVINCES, ids=[province.name for province in PROVINCES])
def test_a_province_measured_from_its_capital_is_named_in_chinese(province) -> None:
    for command in ("near", "map"):
        run = run_cli(command, province.name, "--limit", "1", env=ZH)
        assert run.exit_code in (0, 1), run.stderr
        for line in said_lines(run):
            assert line.startswith((shown_chinese(province), province.chinese)) and province.name not in line, line


@pytest.mark.parametrize("typed", ["Xinjiang", "XINJIANG", "xinjiang uygur autonomous region", "新疆維吾爾自治區",
                                   "新疆维吾尔自治区", "新疆"])
def test_a_region_is_named_in_chinese_however_it_was_typed(typed: str) -> None:
    run = run_cli("near", typed, "--limit", "1", env=ZH)
    assert run.exit_code == 0, run.stderr
    assert "新疆没有该试验的研究中心；以下是离其首府乌鲁木齐最近的研究中心" in run.stderr, run.stderr


def test_english_still_names_the_region_as_typed() -> None:
    run = run_cli("near", "Xinjiang", "--limit", "1")
    assert "Xinjiang is an autonomous region without a site of this trial" in run.stderr, run.stderr


def test_a_region_whose_sites_the_filters_leave_out_is_named_as_other_region_answers_name_it(tmp_path) -> None:
    """"Bavaria是一个一级行政区，本数据集在那里有 1 个研究中心，但都不符合 --trial …": said as `near
    Bavaria` says it without the filter, with its Chinese name (views._region_said)."""
    import json

    from conftest import make_site
    from sitefinder.sitesfile import write_sites_file

    write_sites_file(tmp_path / "sites.csv", [
        make_site(1, city="Munich", province="Bavaria", latitude=48.14, longitude=11.58,
                  nct_id="NCT00000001")._replace(country="Germany"),
        make_site(2, city="Paris", province="Ile-de-France", latitude=48.85, longitude=2.35,
                  nct_id="NCT00000002")._replace(country="France")])
    (tmp_path / "trials.json").write_text(json.dumps({"trials": [{"nct_id": "NCT00000001", "brief_title": "One"},
                                                                 {"nct_id": "NCT00000002", "brief_title": "Two"}]}))
    run = run_cli("near", "Bavaria", "--trial", "NCT00000002", "--sites", str(tmp_path / "sites.csv"), env=ZH)
    assert run.exit_code == 1 and "Bavaria（巴伐利亚）是一个一级行政区" in run.stderr, run.stderr
    plain = run_cli("near", "Bavaria", "--sites", str(tmp_path / "sites.csv"), env=ZH)
    assert "Bavaria（巴伐利亚）" in plain.stderr, plain.stderr
