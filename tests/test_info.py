"""`info` through the command line: the trial summarised, in all three formats."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from conftest import ROOT, make_site


def test_info_summarises_the_trial(cli) -> None:
    run = cli("info")
    assert run.exit_code == 0
    for text in ("NCT07010263", "Not yet recruiting", "Phase 3", "480 participants", "Akeso", "Zhifang Yao",
                 "42 in 21 provinces"):
        assert text in run.stdout
    data = cli("info", "--json").json()
    assert data["trial"]["overall_status"] == "NOT_YET_RECRUITING" and data["site_count"] == 42
    (row,) = csv.DictReader(io.StringIO(cli("info", "--format", "csv").stdout))
    assert row["sponsor"] == "Akeso"


def test_info_without_trial_file_says_so(cli, sites_file) -> None:
    path = sites_file(make_site(1))
    run = cli("info", "--sites", str(path))
    assert run.exit_code == 0 and "no readable trial.json" in run.stderr
    assert cli("info", "--sites", str(path), "--json").json()["site_count"] == 1


@pytest.mark.parametrize("given", ["", " ", "NCT123", "07010263"])
def test_infos_argument_that_is_no_nct_id_is_said_as_the_argument(cli, given: str) -> None:
    """`info ""` said "--trial '' is not an NCT id": info has no --trial; its argument is the id."""
    run = cli("info", given)
    assert run.exit_code == 2 and run.stdout == ""
    assert "is not an NCT id" in run.stderr and "--trial" not in run.stderr


def test_infos_argument_is_read_in_any_case_and_full_width(cli) -> None:
    for written in ("nct07010263", "ＮＣＴ０７０１０２６３"):
        run = cli("info", written, "--json")
        assert run.exit_code == 0, run.stderr
        assert run.json()["trial"]["nct_id"] == "NCT07010263"


def test_one_trials_csv_carries_machine_values_as_the_many_trials_csv_does(cli) -> None:
    """`info -f csv` of one trial was field,value prose ("Not yet recruiting as of 2025-06-08, 543
    days old"): one row of the registry's values, under the many-trial CSV's columns and then the
    rest of `info --json`'s trial, the same bytes in every language."""
    import re

    from sitefinder.output.schema import TRIAL_LIST_FIELDS

    run = cli("info", "--format", "csv")
    assert run.exit_code == 0, run.stderr
    header, *rows = list(csv.reader(io.StringIO(run.stdout)))
    assert header[:len(TRIAL_LIST_FIELDS)] == list(TRIAL_LIST_FIELDS) and len(header) == len(set(header))
    assert len(rows) == 1
    row = dict(zip(header, rows[0]))
    data = cli("info", "--json").json()
    assert row["overall_status"] == data["trial"]["overall_status"] == "NOT_YET_RECRUITING"
    for key in ("start_date", "completion_date", "data_date"):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[key]), (key, row[key])
    from sitefinder.output.streams import csv_cell

    for key, value in data["trial"].items():  # every scalar of the JSON, as a cell writes it (controls shown)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            assert row[key] == csv_cell(value), key
    assert row["site_count"] == str(data["site_count"]) and row["data_age_days"] == str(data["data_age_days"])
    assert row["conditions"] == "; ".join(data["trial"]["conditions"])
    assert not [cell for cell in rows[0] if "days old" in cell or " as of " in cell]
    assert cli("info", "--format", "csv", "--lang", "zh").stdout == run.stdout


def test_taiwan_among_a_trials_countries_is_china_s_taiwan_on_a_mainland_screen(cli, sites_file, tmp_path) -> None:
    """"分布于中国、日本、台湾" listed Taiwan as a peer of the countries; the mainland writes 中国台湾
    (中国香港, 中国澳门) in such a list. Under zh_TW the region's own name stays (臺灣)."""
    path = sites_file(make_site(1), make_site(2, city="Taipei", province="Taipei", latitude=25.05,
                                              longitude=121.53)._replace(country="Taiwan"),
                      make_site(3, city="Tokyo", province="Tokyo", latitude=35.69, longitude=139.69)._replace(country="Japan"))
    shutil.copy(ROOT / "data" / "trial.json", tmp_path / "trial.json")
    mainland = cli("info", "--sites", str(path), env={"LANG": "zh_CN.UTF-8", "COLUMNS": "200"})
    assert mainland.exit_code == 0, mainland.stderr
    assert "中国台湾" in mainland.stdout and "、台湾" not in mainland.stdout, mainland.stdout
    taiwan = cli("info", "--sites", str(path), env={"LANG": "zh_TW.UTF-8", "COLUMNS": "200"})
    assert "臺灣" in taiwan.stdout and "中國臺灣" not in taiwan.stdout, taiwan.stdout
