"""A site's location_note (how the import placed it) is kept in English in the sites file, as every
earlier file has it, and shown in the reader's language: `LANG=zh_CN.UTF-8 sitefinder show 23`
said "Registry city 'Gannan' is placed at Ganzhou…" under 备注. Every note kind placement and
the importer can write is a phrase of the catalogue (checked on their source), and each is read
back from its English and said in Chinese."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from sitefinder.wording import MESSAGES, note_words, said, say
from tests.conftest import run_cli

ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}
SOURCE = Path(__file__).resolve().parents[1] / "src" / "sitefinder"
NOTE_KEYS = sorted(key for key in MESSAGES if key.startswith("placed.") and not key.startswith("placed.word."))

# values a note holds that are phrases of their own, as placement gives them
PHRASES = {
    "field": said("placed.word.postal_code"),
    "state": said("placed.word.from_postal_code", state="Ohio", code="43210"),
    "where": said("placed.word.world"),
    "described": said("placed.word.capital_ward", capital="Tokyo", wards=said("placed.word.tokyo_wards"),
                      also=said("placed.word.largest_of", count="2")),
    "kind": said("placed.word.a_ward"),
    "named": said("placed.word.and", first="Busan, Daegu", last="Incheon"),
    "more": said("placed.word.more", count="3"),
    "note": said("placed.no_city"),
}


def values_for(key: str) -> dict[str, object]:
    names = {name for _, name, _, _ in string.Formatter().parse(MESSAGES[key]["en"]) if name}
    # a name of several words, with a full stop, as registries write them
    numbers = {"count": "12", "length": "3,001", "most": "1,000"}
    return {name: PHRASES.get(name) or numbers.get(name) or f"St. Xyz{index}" if name != "s" else "s"
            for index, name in enumerate(sorted(names))}


@pytest.mark.parametrize("key", NOTE_KEYS)
def test_each_note_kind_is_read_back_from_its_english_and_said_in_chinese(key: str) -> None:
    values = values_for(key)
    english = str(said(key, **values))
    assert note_words(english, "en") == english  # English screens show the file's words
    assert note_words(english, "zh") == say(key, "zh", **values), english
    # after another note, and before a reason the gazetteer gives in its own words
    other = said("placed.placed_at", city="'Gannan'", place="Ganzhou", region="Jiangxi")
    reason = "Registry spelling: Gannan is the region's name"
    assert note_words(f"{other} {english} {reason}", "zh") == \
        say("placed.placed_at", "zh", **other.values) + say(key, "zh", **values) + reason


def test_a_note_no_phrase_reads_is_shown_as_it_is() -> None:
    """An older file, or a note a person wrote: never lost, never half read."""
    for note in ("Placed by hand at the hospital's campus.", "The registry's city 'X' is somewhere else."):
        assert note_words(note, "zh") == note


def test_every_note_placement_and_the_importer_write_is_a_phrase_of_the_catalogue() -> None:
    """No English sentence is written as a note outside the catalogue: every text given to a
    Placement, or to a site's note, is a said() phrase, a name, or such notes joined."""
    def english_text(node: ast.AST) -> list[str]:
        return [part.value for part in ast.walk(node) if isinstance(part, ast.Constant)
                and isinstance(part.value, str) and any(char.isalpha() for char in part.value)
                and not _in_said(node, part)]

    def _in_said(root: ast.AST, constant: ast.Constant) -> bool:
        for call in ast.walk(root):
            if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "said" and any(
                    constant is inner for inner in ast.walk(call)):
                return True
        return False

    found = []
    for name in ("placement.py", "importer.py"):
        tree = ast.parse((SOURCE / name).read_text(encoding="utf-8"))
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            if getattr(call.func, "id", "") == "Placement" and len(call.args) > 1:
                found += [(name, text) for text in english_text(call.args[1])]
            found += [(name, text) for keyword in call.keywords if keyword.arg == "note"
                      for text in english_text(keyword.value)]
    assert found == [], found


def test_show_says_the_shipped_sites_note_in_chinese() -> None:
    english = run_cli("show", "23")
    assert "Registry city 'Gannan' is placed at Ganzhou, Jiangxi." in english.stdout.replace("\n", " ").replace(
        "  ", " ")
    chinese = run_cli("show", "23", env=ZH)
    assert chinese.exit_code == 0
    assert "is placed at" not in chinese.stdout and "登记处的城市 'Gannan'" in chinese.stdout, chinese.stdout


def test_an_imported_note_is_kept_in_english_in_the_file_and_said_in_chinese(tmp_path: Path) -> None:
    from tests.conftest import write_study

    study = {"protocolSection": {
        "identificationModule": {"nctId": "NCT09000001", "briefTitle": "Notes"},
        "statusModule": {"overallStatus": "RECRUITING"},
        "contactsLocationsModule": {"locations": [
            {"facility": "Inner Mongolia Hospital", "city": "Huhehaote", "country": "China"},
            {"facility": "Nowhere Clinic", "city": "Qqqxzv", "country": "China"}]}}}
    out = tmp_path / "notes"
    assert run_cli("import", str(write_study(tmp_path / "study.json", study)), "--out", str(out)).exit_code == 0
    text = (out / "sites.csv").read_text(encoding="utf-8")
    assert "The registry's city 'Huhehaote' is the division" in text and "Could not be placed" in text
    for site in ("1", "2"):
        shown = run_cli("show", site, "--sites", str(out / "sites.csv"), env=ZH).stdout
        assert "The registry" not in shown and "Could not" not in shown, shown


def _note_line(stdout: str) -> str:
    """The 备注 field of `show`, its wrapped lines joined."""
    lines = stdout.splitlines()
    at = next(index for index, line in enumerate(lines) if line.startswith("备注"))
    rest = []
    for line in lines[at + 1:]:
        if not line.startswith(" "):
            break
        rest.append(line.strip())
    return lines[at].removeprefix("备注").strip() + "".join(rest)


def test_a_shipped_note_names_its_places_and_reason_in_chinese() -> None:
    """`show 23 --lang zh` said 定位于 Ganzhou（Jiangxi）。Registry spelling: Gannan Medical University…"""
    result = run_cli("show", "23", "--lang", "zh", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    note = _note_line(result.stdout)
    assert "定位于 赣州（江西）" in note
    assert note.endswith("赣南医科大学及其附属医院在赣州；赣南（江西南部）是该地区的名称")
    assert [word for word in note.replace("'Gannan'", "").split() if word.isascii() and word.isalpha()] == []


@pytest.mark.parametrize(("city", "place", "geonameid", "province", "shown", "reason"), [
    ("Hankou", "Wuhan", 1791247, "Hubei", "武汉（湖北）", "武汉人仍说自己住在汉口"),
    ("Puxi", "Shanghai", 1796236, "Shanghai", "上海（上海）", "上海黄浦江以西的地区"),
    ("Yanbian", "Yanji", 2033467, "Jilin", "延吉（吉林）", "延边朝鲜族自治州：首府延吉"),
])
def test_a_note_by_another_name_says_why_in_chinese(sites_file, city: str, place: str, geonameid: int,
                                                     province: str, shown: str, reason: str) -> None:
    from sitefinder.importer import placement_note
    from sitefinder.models import Place
    from sitefinder.queries import open_gazetteer

    from conftest import make_site

    gazetteer = open_gazetteer()
    where = Place(name=place, province=province, country="China", latitude=0.0, longitude=0.0, geonameid=geonameid)
    note = placement_note(city, where, gazetteer)
    english_reason = gazetteer.alias_note(city, geonameid)
    assert english_reason and note.endswith(english_reason)  # the file keeps the English
    path = sites_file(make_site(1, city=city, province=province, geonameid=geonameid, location_note=note))
    result = run_cli("show", "1", "--sites", str(path), "--lang", "zh", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    said_zh = _note_line(result.stdout)
    assert shown in said_zh
    assert reason in said_zh
    assert english_reason not in said_zh
