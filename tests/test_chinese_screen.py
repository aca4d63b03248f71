"""A Chinese screen (zh_CN, zh_TW, --lang zh; 80 columns and a phone's 40) says sitefinder's own
words in Chinese and keeps a figure with its unit: the states abroad an import's notices name (爱知县,
not Aichi), the country of a row with no city, where a site's point came from (离线地名库, not
"GeoNames 1854376 (Okazaki)"), a phase never split ("2 期/3" then "期"). What the registry wrote
(hospitals, titles, criteria, contacts) stays as it wrote it: the sweep tells it from sitefinder's
words by the dataset's own files."""

from __future__ import annotations

import csv
import itertools
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from conftest import CTGOV_STUDY, SHIPPED_SITES, make_site
from sitefinder.lines import wrap_words
from sitefinder.models import Site
from sitefinder.output.views import phase_words

ZH_LOCALES = ("zh_CN.UTF-8", "zh_TW.UTF-8")
WIDTHS = ("80", "40")

LOCATIONS = [  # facility, city, state, country, zip, the registry's point (None: placed offline)
    ("Aichi Research Site", "Aichi", "", "Japan", "", (32.51879, 130.62158)),  # in Kumamoto: set aside
    ("Genova Hospital", "Genova", "Liguria", "Italy", "", (41.9, 12.5)),  # in Rome: set aside
    ("CHU de la Réunion", "Saint-Pierre", "", "France", "97410", (43.29282, 5.40682)),  # in Marseille
    ("Hangzhou Hospital", "Hangzhou", "Zhejiang", "China", "", (25.04, 102.7)),  # in Yunnan
    ("Okazaki Clinic", "Okazaki", "Aichi", "Japan", "", None),
    ("Riga Clinic", "Riga", "", "Latvia", "", (56.946, 24.10589)),
    ("Hacettepe Clinic", "Sihhiye", "Ankara", "Turkey", "", None),  # a postal town: its codes' middle
]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """An imported study of sites abroad (its points set aside, one placed offline) and its import's
    stderr under --lang zh; its phases 2 and 3."""
    from conftest import run_cli

    folder = tmp_path_factory.mktemp("zh")
    data = json.loads(Path(CTGOV_STUDY).read_text(encoding="utf-8"))
    data["protocolSection"]["designModule"]["phases"] = ["PHASE2", "PHASE3"]
    data["protocolSection"]["contactsLocationsModule"]["locations"] = [
        {"facility": facility, "city": city, "state": state, "country": country, "zip": postcode,
         **({"geoPoint": {"lat": point[0], "lon": point[1]}} if point else {}),
         "contacts": [{"name": "A Doctor", "role": "CONTACT", "phone": "+81 52-853-8048"}]}
        for facility, city, state, country, postcode, point in LOCATIONS]
    study = folder / "study.json"
    study.write_text(json.dumps(data), encoding="utf-8")
    run = run_cli("import", str(study), "--out", str(folder / "d"), "--lang", "zh")
    assert run.exit_code == 0, run.stderr
    return folder / "d" / "sites.csv", run.stderr


# ---------------------------------------------------------------- the states an import's notices name

def test_an_imports_notices_name_the_states_abroad_in_chinese(dataset: tuple[Path, str]) -> None:
    _, said = dataset
    set_aside = [line for line in said.splitlines() if "登记处的坐标" in line]
    assert len(set_aside) == 4, said
    for chinese in ("爱知县", "利古里亚", "留尼汪", "浙江"):
        assert any(f"远在 {chinese} 之外" in line for line in set_aside), (chinese, said)
    for english in ("Aichi", "Liguria", "Reunion", "Zhejiang"):
        assert not any(f" {english} " in line for line in set_aside), (english, said)


def test_a_set_aside_point_in_english_names_the_state_as_placement_does(tmp_path: Path, cli) -> None:
    data = json.loads(Path(CTGOV_STUDY).read_text(encoding="utf-8"))
    data["protocolSection"]["contactsLocationsModule"]["locations"] = [
        {"facility": "Aichi Research Site", "city": "Aichi", "country": "Japan",
         "geoPoint": {"lat": 32.51879, "lon": 130.62158}}]
    study = tmp_path / "study.json"
    study.write_text(json.dumps(data), encoding="utf-8")
    run = cli("import", str(study), "--out", str(tmp_path / "d"))
    assert run.exit_code == 0 and "far outside Aichi: Aichi Research Site" in run.stderr, run.stderr


def test_a_notes_country_part_is_said_in_chinese(cli, dataset: tuple[Path, str]) -> None:
    """Saint-Pierre's state and country are both "Reunion" in the gazetteer: the note names it 留尼汪."""
    path, _ = dataset
    site = next(row["id"] for row in _rows(path) if row["city"] == "Saint-Pierre")
    run = cli("show", site, "--sites", str(path), "--lang", "zh")
    assert run.exit_code == 0, run.stderr
    assert "距 留尼汪 的任何地点" in _joined(run.stdout) and "Reunion" not in run.stdout, run.stdout


BRAZIL = ("The registry's point (-28.21171, -49.1632) is more than 50 km from every place of Sao Paulo, and the text "
          "could not be placed offline: the point is kept. (Could not be placed: there is no 'São José' in BR-SP (from "
          "the postal code 15090-000), and 4 places of that name in Brazil.)")
NOTES = [  # (city, province, country, geonameid, the note as the import wrote it, what its Chinese says)
    ("Hanzhou", "Zhejiang", "China", 1808926,
     "The registry's city 'Hanzhou' is read as Hangzhou, Zhejiang (the one close spelling in China, Hong Kong, Macao).",
     "（中国、香港、澳門 唯一"),  # Macau in its own script, as every screen names it (Simplified on zh-CN's)
    ("Huhehaote", "Inner Mongolia", "China", 2036892,
     "The registry's city 'Huhehaote' is the division Hohhot, Inner Mongolia (呼和浩特市): placed at its seat.",
     "即行政区 内蒙古呼和浩特市："),
    ("São José", "", "Brazil", None, BRAZIL, "距 圣保罗 的任何地点"),
    ("São José", "", "Brazil", None, BRAZIL, "而巴西有 4 个同名地点"),
]


@pytest.mark.parametrize("city, province, country, geonameid, note, said", NOTES)
def test_every_name_a_note_holds_is_said_in_chinese(city: str, province: str, country: str, geonameid: int | None,
                                                    note: str, said: str) -> None:
    """A list of regions, a division shown with its Chinese name, a state a postal code named, a
    country where a phrase may stand: each name the note holds, as the gazetteer names it in Chinese."""
    from sitefinder.gazetteer import open_shipped
    from sitefinder.queries import note_names_zh
    from sitefinder.wording import note_words

    site = make_site(1, city=city, province=province, geonameid=geonameid, location_note=note)._replace(country=country)
    assert said in note_words(note, "zh", note_names_zh([site], open_shipped()))
    assert note_words(note, "en", {}) == note


# ---------------------------------------------------------------- where a site's point came from

def test_show_says_where_a_point_came_from_in_chinese(cli, dataset: tuple[Path, str]) -> None:
    path, _ = dataset
    rows = {row["city"]: row for row in _rows(path)}
    assert rows["Okazaki"]["coordinate_source"].startswith("GeoNames ")  # the file keeps the English
    for city, said in (("Okazaki", "离线地名库：冈崎，编号"), ("Riga", "登记处给出")):
        run = cli("show", rows[city]["id"], "--sites", str(path), env={"LANG": "zh_CN.UTF-8", "COLUMNS": "100"})
        assert run.exit_code == 0, run.stderr
        line = next(line for line in run.stdout.splitlines() if line.startswith("坐标"))
        assert said in line and not re.search(r"[A-Za-z]{2,}", line), line
    run = cli("show", rows["Sihhiye"]["id"], "--sites", str(path), env={"LANG": "zh_CN.UTF-8", "COLUMNS": "100"})
    assert "离线地名库的邮政编码：Sihhiye，安卡拉" in run.stdout, run.stdout  # a postal town has no Chinese name
    said = run.stdout[run.stdout.index("\n坐标"):run.stdout.index("\n联系人")]  # the point's fields, not the registry's
    assert "在 安卡拉 的各邮政编码" in _joined(said) and "Ankara" not in said, run.stdout
    english = cli("show", rows["Okazaki"]["id"], "--sites", str(path), env={"COLUMNS": "100"})
    assert f"(city centre, {rows['Okazaki']['coordinate_source']})" in english.stdout, english.stdout


@pytest.mark.parametrize("source, said", [
    ("GeoNames 1806299 (Jiangmen)", "离线地名库：江门，编号 1806299"),
    ("GeoNames postal codes (Sihhiye, Ankara)", "离线地名库的邮政编码：Sihhiye，Ankara"),
    ("division seat (井陉县)", "行政区驻地：井陉县"),
    ("registry", "登记处给出"),
    ("my own survey", "my own survey"),  # a person's words in a file: as they are
])
def test_every_coordinate_source_has_its_phrase(source: str, said: str) -> None:
    from sitefinder.wording import source_words

    assert source_words(source, "zh", {"Jiangmen": "江门"}) == said
    assert source_words(source, "en") == ("registry" if source == "registry" else source)


# ---------------------------------------------------------------- a row with no city

def _abroad(site_id: int, city: str, country: str) -> Site:
    return make_site(site_id, f"Clinic {site_id}", city=city, province="", latitude=56.95, longitude=24.1)._replace(
        country=country, geonameid=None)


@pytest.mark.parametrize("env, said", [({"LANG": "zh_CN.UTF-8"}, "未给出城市（拉脱维亚）"),
                                       ({"LANG": "zh_TW.UTF-8"}, "未給出城市（拉脫維亞）"),
                                       ({}, "no city given (Latvia)")])
@pytest.mark.parametrize("width", WIDTHS)
def test_a_row_with_no_city_says_its_country(cli, sites_file, env: dict[str, str], said: str, width: str) -> None:
    path = sites_file(_abroad(1, "", "Latvia"), _abroad(2, "Riga", "Latvia"))
    run = cli("list", "--sites", str(path), env={**env, "COLUMNS": width})
    assert run.exit_code == 0, run.stderr
    assert said in _joined(run.stdout), run.stdout


@pytest.mark.parametrize("city, said", [("", "Latvia（拉脱维亚）"), ("Riga", "Riga, Latvia（拉脱维亚里加）")])
def test_show_says_the_country_of_a_site_abroad_in_chinese(cli, sites_file, city: str, said: str) -> None:
    path = sites_file(_abroad(1, city, "Latvia")._replace(geonameid=456172 if city else None))
    run = cli("show", "1", "--sites", str(path), "--lang", "zh")
    assert run.exit_code == 0, run.stderr
    assert re.search(f"^地点 +{re.escape(said)}$", run.stdout, re.MULTILINE), run.stdout


def test_a_near_row_with_no_city_says_its_country(cli, sites_file) -> None:
    path = sites_file(_abroad(1, "", "Latvia"))
    run = cli("near", "Riga", "--sites", str(path), "--lang", "zh", env={"COLUMNS": "120"})
    assert run.exit_code == 0, run.stderr
    assert "未给出城市（拉脱维亚）" in run.stdout, run.stdout


# ---------------------------------------------------------------- a figure never split from its unit

PHASES = ["EARLY_PHASE1", "PHASE1", "PHASE2", "PHASE3", "PHASE4", "NA"]


@pytest.mark.parametrize("phase", ["/".join(pair) for pair in itertools.combinations(PHASES[:5], 2)] + PHASES)
@pytest.mark.parametrize("width", range(4, 21))
def test_a_phase_is_never_split_from_its_unit(phase: str, width: int) -> None:
    for lines in (wrap_words(phase_words(phase, "zh"), width, cell_len),
                  wrap_words(phase_words(phase, "zh"), 1, cell_len, whole=True)):
        _assert_units_whole(lines)


@settings(max_examples=200, deadline=None)
@given(figure=st.from_regex(r"[1-9][0-9]{0,3}(\.[0-9])?", fullmatch=True),
       unit=st.sampled_from(["公里", "天", "个", "期", "个月", "km"]),
       before=st.sampled_from(["", "距离为", "已有", "超过", "登记数据日期为 2025-06-08，已有"]),
       after=st.sampled_from(["", "：此后状态和联系人可能已有变化", "研究中心", "（超过 30 天）"]),
       width=st.integers(min_value=4, max_value=40))
def test_a_figure_is_never_split_from_its_unit(figure: str, unit: str, before: str, after: str, width: int) -> None:
    text = f"{before} {figure} {unit}{' ' if unit.isascii() and after[:1].isalnum() else ''}{after}".strip()
    lines = wrap_words(text, width, cell_len)
    assert any(f"{figure} {unit}" in line for line in lines), (text, lines)


def test_an_id_is_no_figure_of_a_unit() -> None:
    """NCT07010263 is no count: "更新" after it may start the next line."""
    assert wrap_words("运行 sitefinder update NCT07010263 更新。", 24, cell_len) == \
        ["运行 sitefinder update", "NCT07010263 更新。"]


def test_a_status_is_never_split_inside_a_longer_run() -> None:
    lines = wrap_words("Hospital，龙岩 · 440.2 公里 · 尚未开始招募（试验） · 编号 5", 20, cell_len)
    assert "尚未开始招募（试验）" in lines, lines


@pytest.mark.parametrize("locale", ZH_LOCALES)
@pytest.mark.parametrize("width", WIDTHS)
def test_info_never_splits_the_phase(cli, dataset: tuple[Path, str], locale: str, width: str) -> None:
    path, _ = dataset
    run = cli("info", "--sites", str(path), env={"LANG": locale, "COLUMNS": width})
    assert run.exit_code == 0, run.stderr
    _assert_units_whole(run.stdout.splitlines())
    assert "2 期/3 期" in run.stdout, run.stdout


def test_a_title_is_wrapped_by_the_one_rule(cli, dataset: tuple[Path, str]) -> None:
    path, _ = dataset
    run = cli("near", "Riga", "--sites", str(path), env={"LANG": "zh_CN.UTF-8", "COLUMNS": "40"})
    assert run.exit_code == 0, run.stderr
    _assert_units_whole(run.stdout.splitlines())

def test_a_status_is_whole_in_traditional_characters_too(cli) -> None:
    """A view is in Traditional characters before it is wrapped: its labels are read in them."""
    run = cli("map", "广州", env={"LANG": "zh_TW.UTF-8", "COLUMNS": "40"})
    assert run.exit_code == 0, run.stderr
    legend = [line.strip() for line in run.stdout.splitlines() if "·" in line]  # the sites' lines
    assert legend and all("尚未開始招募（試驗）" in line for line in legend if "招" in line or "試" in line), legend


# ---------------------------------------------------------------- the sweep: every command, every screen

def _commands(path: Path | None) -> list[list[str]]:
    data = ["--sites", str(path)] if path else []
    place = ["Nagoya"] if path else ["广州"]
    first = _rows(path or SHIPPED_SITES)[0]["id"]
    return [["near", *place, *data], ["near", *place, "--by", "hospital", *data], ["list", "--all", *data],
            ["show", first, *data], ["info", *data], ["map", *place, *data],
            *([["show", row["id"], *data] for row in _rows(path)] if path else [])]


@pytest.mark.parametrize("locale", ZH_LOCALES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("shipped", [True, False])
def test_no_word_of_sitefinders_own_is_english_on_a_chinese_screen(cli, dataset: tuple[Path, str], locale: str,
                                                                    width: str, shipped: bool) -> None:
    path = None if shipped else dataset[0]
    # what the commands a notice suggests are written with: sitefinder's name, its commands and
    # options, the place typed, the dataset's path (wrapped anywhere on a narrow screen)
    typed = {"sitefinder", "near", "list", "show", "info", "map", "update", "all", "limit", "by", "hospital", "trial",
             *re.findall(r"[A-Za-z]+", str(path or "").casefold())}
    origin = cli("near", _commands(path)[0][1], *(["--sites", str(path)] if path else []), "--json").json()["origin"]
    known = _data_words(path or SHIPPED_SITES) | typed | {  # the place typed as the gazetteer names it
        word.casefold() for key in ("name", "province", "country") for word in re.findall(r"[A-Za-z]+", origin[key])}
    for command in _commands(path):
        run = cli(*command, env={"LANG": locale, "COLUMNS": width})
        assert run.exit_code == 0, (command, run.stderr)
        text = re.sub(r"--[a-z-]+", "", run.stdout + run.stderr)
        foreign = {word for word in re.findall(r"[A-Za-z]{2,}", text)
                   if word.casefold() not in known and word not in command}
        assert not foreign, (command, foreign, run.stdout, run.stderr)


def _data_words(path: Path) -> set[str]:
    """The Latin words of what the registry and the gazetteer wrote of a dataset's sites and trials:
    its facilities, places, contacts, titles and criteria (never its notes or point sources, which
    are sitefinder's words kept in English), the places its sites were placed at and the boundaries'
    source (Natural Earth)."""
    from sitefinder.gazetteer import open_shipped

    words = {"natural", "earth"}
    gazetteer = open_shipped()
    for row in _rows(path):
        places = [row[key] for key in ("facility", "city", "province", "country", "contacts")]
        if row["geonameid"] and (place := gazetteer.place_by_id(int(row["geonameid"]))):
            places += [place.name, place.province, place.country]
        words |= {word.casefold() for text in places for word in re.findall(r"[A-Za-z]+", text)}
    for name in ("trial.json", "trials.json"):
        if (path.parent / name).exists():
            facts = (path.parent / name).read_text(encoding="utf-8")
            facts = re.sub(r'"(overall_status|phase)": "[^"]*"', "", facts)
            words |= {word.casefold() for word in re.findall(r"[A-Za-z]+", facts)}
    return words


# ---------------------------------------------------------------- helpers

def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _joined(text: str) -> str:
    """A field's wrapped lines as one text (a key/value view's continuation lines joined)."""
    return re.sub(r"\n +", "", text)


_FIGURE_END = re.compile(r"(?<![A-Za-z0-9_.,])[0-9]+(?:\.[0-9]+)?$")


def _assert_units_whole(lines: list[str]) -> None:
    """No line ends with a figure whose unit starts the next (2 期/3 then 期), and no unit of two
    characters is split (50 公 then 里)."""
    for line, after in zip(lines, lines[1:]):
        assert not (_FIGURE_END.search(line.rstrip()) and re.match(r"\s*[期天个個公号號家]", after)), (line, after)
        assert not (line.rstrip().endswith("公") and after.lstrip().startswith("里")), (line, after)

