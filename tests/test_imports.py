"""What a command imports and when: the modules kept off a path stay off it, so that a change that
pulls one back in fails here rather than as a slower start (README, "Start-up, against the
physical limit" and "Import and update"). Runs of the package as a process, with -X importtime."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from conftest import ROOT
from sitefinder import numbers, placenames
from sitefinder.output import streams
from sitefinder.datasets import write_dataset
from sitefinder.paths import new_entry, replace_atomically
from sitefinder.queries import open_gazetteer
from conftest import make_site
from sitefinder.models import Trial

STUDY = ROOT / "data" / "registry" / "NCT07010263.json"


def imported(cwd: Path, *args: str, lang: str = "") -> set[str]:
    """Every module a run of `sitefinder ARGS` imports (under the locale `lang`, when given)."""
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "sitefinder", *args], cwd=cwd,
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "COLUMNS": "100", **({"LANG": lang} if lang else {})})
    assert run.returncode == 0, run.stderr[-2000:]
    names = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}
    assert "sitefinder.cli" in names, run.stderr[-2000:]
    return names


def packages(names: set[str]) -> set[str]:
    return {name.split(".")[0] for name in names}


def test_near_json_imports_neither_the_placement_rules_nor_what_only_imports_need(tmp_path: Path) -> None:
    """`near Guangzhou --json`: placement's rules are for a qualifier naming no place ("Flushing,
    NY"); fuzzy matching is for a miss, phone numbers and temporary names for imports."""
    names = imported(tmp_path, "near", "Guangzhou", "--json")
    assert not names & {"sitefinder.placement", "sitefinder.bulkimport", "sitefinder.datasets", "tempfile", "random"}
    assert not packages(names) & {"rich", "rapidfuzz", "phonenumbers", "geopy"}


@pytest.mark.parametrize("args, lang, reads", [
    (("near", "Guangzhou", "--json"), "C.UTF-8", False), (("near", "Guangzhou", "--json"), "zh_CN.UTF-8", False),
    (("near", "Guangzhou"), "zh_CN.UTF-8", False), (("near", "Guangzhou"), "en_US.UTF-8", False),
    (("near", "Guangzhou", "--json"), "zh_TW.UTF-8", False),  # JSON is the data, as written: nothing to convert
    (("near", "Guangzhou"), "zh_TW.UTF-8", True), (("near", "Guangzhou"), "zh_HK.UTF-8", True)])
def test_only_a_traditional_locale_reads_the_table_of_traditional_characters(tmp_path: Path, args: tuple[str, ...],
                                                                            lang: str, reads: bool) -> None:
    """output.traditional (and its table of 13,500 entries, 4 ms to read) is for people's words under
    zh_TW, zh_HK, zh_MO: no other run pays for it."""
    assert ("sitefinder.output.traditional" in imported(tmp_path, *args, lang=lang)) is reads


def test_a_qualifier_naming_no_place_still_reaches_the_placement_rules(tmp_path: Path) -> None:
    """The other side of the lazy import: "Flushing, NY" is a postal town, placed by placement's rule."""
    run = subprocess.run([sys.executable, "-m", "sitefinder", "near", "Flushing, NY", "--json"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert '"Flushing"' in run.stdout and "postal" in run.stderr


@pytest.mark.parametrize("as_json", [True, False])
def test_import_publishes_its_dataset_without_tempfile(tmp_path: Path, as_json: bool) -> None:
    """The version directory is named by paths.new_entry: tempfile (and the `random` it imports) cost
    an import 2-3 ms. `--json` draws nothing, so imports no Rich, nor `random` at all (rich.style
    imports it for the summary a person reads)."""
    names = imported(tmp_path, "import", str(STUDY), "--out", "out", *(["--json"] if as_json else []))
    assert "tempfile" not in names
    assert ("rich" in packages(names)) is not as_json and ("random" in names) is not as_json
    assert (tmp_path / "out" / "sites.csv").is_file()


@pytest.mark.parametrize("args", [["import", str(STUDY), "--out", "out"], ["info"]])
def test_a_key_value_view_is_drawn_without_rich_table(tmp_path: Path, args: list[str]) -> None:
    """`import`'s summary, `show` and `info` are key/value views (terminal.Grid): rich.table, and
    the fractions and decimal it imports, are for tables only (about 25 M instructions of an import)."""
    names = imported(tmp_path, *args)
    assert "rich.console" in names and "rich.table" not in names and "fractions" not in names


def test_a_new_entry_is_made_under_an_unused_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A name in use is never taken: the next random name is tried."""
    drawn = iter([b"\x00" * 6, b"\x00" * 6, b"\x01" * 6])
    monkeypatch.setattr(os, "urandom", lambda size: next(drawn))
    first = new_entry(tmp_path, "v-", "", os.mkdir)
    second = new_entry(tmp_path, "v-", "", os.mkdir)
    assert first.name == "v-000000000000" and second.name == "v-010101010101"
    assert first.is_dir() and second.is_dir()


def test_a_new_entry_gives_up_when_every_name_is_taken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "urandom", lambda size: b"\x07" * size)
    new_entry(tmp_path, "v-", "", os.mkdir)
    with pytest.raises(FileExistsError):
        new_entry(tmp_path, "v-", "", os.mkdir)


def test_published_data_are_as_readable_as_any_file_written_there(tmp_path: Path) -> None:
    """mkdtemp and mkstemp made their entries private (and the code chmodded them back): the entries
    made now have the umask's modes from the start."""
    umask = os.umask(0o027)
    try:
        sites_path, _ = write_dataset(tmp_path / "out", [make_site(1)], Trial(nct_id="NCT00000001"))
        replace_atomically(tmp_path / "index.db", lambda tmp: tmp.write_text("x", encoding="utf-8"))
    finally:
        os.umask(umask)
    version = sites_path.resolve().parent
    assert stat.S_IMODE(version.stat().st_mode) == 0o750
    assert stat.S_IMODE((tmp_path / "index.db").stat().st_mode) == 0o640
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")] == []


@given(st.text(alphabet="AZaz09 -5D\u0663²", max_size=14))
def test_the_postal_code_check_before_the_pattern_loses_no_match(name: str) -> None:
    """The pattern is compiled only for a name that could start with a postal code; the check before
    it must never turn away one that matches."""
    assert (placenames._leading_postal_code(name) is None) is (re.match(placenames._LEADING_POSTAL_CODE, name) is None)


@pytest.mark.parametrize("name", ["75013 Paris", "D-69120 Heidelberg", "162 68 Vällingby", "1105 AZ Amsterdam",
                                  "CH-8001 Zürich"])
def test_a_town_after_its_postal_code_is_still_read(name: str) -> None:
    assert name.split()[-1] in placenames.written_forms(name)


@pytest.mark.parametrize("text, countries", [("Umhlanga", {"ZA"}), ("Bunkyo-ku", {"JP"}),
                                             ("Ciudad Autonoma de Buenos Aire", {"AR"}), ("Sprngfield", {"US"}),
                                             ("Guadalajra", {"MX", "ES"})])
def test_close_spellings_are_those_of_every_row_read_whole(text: str, countries: set[str]) -> None:
    """close_spellings reads the names' keys and ids, then the places of those that match; the answer
    is that of reading every name with its place (the way it was read before)."""
    from rapidfuzz import fuzz, process

    from sitefinder.text import name_key

    gazetteer = open_gazetteer()
    key = name_key(text)
    keys, rows = [], []
    for code in sorted(countries):
        for length in range(len(key) - 2, len(key) + 3):
            found = gazetteer.rows(
                "SELECT t.key, p.id, p.name, p.admin1, p.country, p.latitude, p.longitude, p.population "
                "FROM town_name t JOIN place p ON p.id = t.place WHERE t.country = ? AND t.length = ? "
                "ORDER BY t.key, t.place", (code, length))
            keys += [row[0] for row in found]
            rows += [row[1:] for row in found]
    matches = process.extract(key, keys, scorer=fuzz.ratio, limit=20, score_cutoff=75)
    expected = [(score, gazetteer._place(rows[index])) for _, score, index in matches]
    assert expected, text  # every case has candidates: the comparison says something
    assert gazetteer.close_spellings(text, countries) == expected
    # asked again (remembered per gazetteer), by a text of the same key: the same answer, a new list
    again = gazetteer.close_spellings(f" {text.upper()} ", set(countries))
    assert again == expected and again is not gazetteer.close_spellings(text, countries)


def test_the_entry_point_leaves_what_is_loaded_out_of_later_collections(monkeypatch: pytest.MonkeyPatch) -> None:
    """The console script freezes the objects loaded with the command line (gc.freeze): the
    collections an import's rows trigger walked them all, 61 M of NCT05843643's 754 M instructions
    (31 M frozen). Only the entry point does it, once the CLI is loaded; a test runner never."""
    import gc

    from sitefinder import __main__ as entry

    monkeypatch.setattr(sys, "argv", ["sitefinder", "--version"])
    gc.unfreeze()
    try:
        with pytest.raises(SystemExit) as exit_info:
            entry.run()
        assert exit_info.value.code in (0, None)
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()



def compiled_by(cwd: Path, *args: str) -> list[str]:
    """Every pattern `re.compile` is given in a run of `sitefinder ARGS` (a fresh interpreter,
    re.compile watched before anything is imported): a module-level pattern shows here as much as
    one compiled on first use."""
    code = ("import json, re, sys\nseen = []\ncompile = re.compile\n"
            "re.compile = lambda pattern, flags=0: (seen.append(str(pattern)), compile(pattern, flags))[1]\n"
            "from sitefinder.__main__ import run\n"
            f"sys.argv = ['sitefinder', *{list(args)!r}]\n"
            "try:\n    run()\nexcept SystemExit as stop:\n    assert not stop.code, stop.code\n"
            "sys.stderr.write('COMPILED ' + json.dumps(seen))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stderr.rsplit("COMPILED ", 1)[-1])


COORDINATE_PATTERNS = ("_LONE_HEMISPHERE", "_HEMISPHERE_WORDS", "_DEGREES_MINUTES", "_DECIMAL_COMMAS", "_NUMBER")


@pytest.mark.parametrize("as_json", [True, False])
def test_import_compiles_neither_the_stored_contacts_pattern_nor_the_coordinate_readers(tmp_path: Path,
                                                                                        as_json: bool) -> None:
    """contacts' pattern of a stored contacts column is for reading a file's contacts in batches (an
    index build; about 11 M instructions to compile, 3-4 ms) and placenames' readers of typed
    coordinates are for `near`: an import uses neither, so neither is compiled on its path."""
    from sitefinder.contacts import CONTACT_ROLES

    role = f'"role": "(?:{"|".join(CONTACT_ROLES)})"'  # in the stored form's pattern, in no other
    readers = {getattr(pattern, "pattern", pattern) for pattern in map(placenames.__dict__.get, COORDINATE_PATTERNS)}
    seen = compiled_by(tmp_path, "import", str(STUDY), "--out", "out", *(["--json"] if as_json else []))
    assert (tmp_path / "out" / "sites.csv").is_file() and seen  # the watch saw the run's patterns
    assert not [pattern for pattern in seen if role in pattern]
    assert not readers & set(seen)
    assert not [pattern for pattern in seen if "编号" in pattern]  # text's site id as typed: `show`'s (2.5 M)
    # a distance typed (--within's, 1.3 M) and a suggested command in Chinese words (2.1 M)
    assert not {numbers._DISTANCE, streams._COMMAND, streams._COMMAND_WORD} & set(seen)
    # the other side: where they are used, they are compiled
    assert readers & set(compiled_by(tmp_path, "near", "22.54,114.06", "--json"))
    assert numbers._DISTANCE in compiled_by(tmp_path, "near", "Guangzhou", "--within", "300", "--json")


def test_a_province_abroad_the_gazetteer_knows_is_read_without_the_fuzzy_matcher(tmp_path: Path, sites_file) -> None:
    """`list --province Seoul --json` worked out "did you mean" with rapidfuzz before reading Seoul
    as the gazetteer's state: the suggestion is for the error alone."""
    from sitefinder.models import Site

    path = sites_file(Site(id=1, facility="Hospital", city="Seoul", province="", country="Korea, Republic of",
                           status="RECRUITING", latitude=37.56, longitude=126.97))
    names = imported(tmp_path, "list", "--province", "Seoul", "--json", "--sites", str(path))
    assert not packages(names) & {"rich", "rapidfuzz"}


@pytest.mark.parametrize("as_json", [True, False])
def test_a_state_slip_next_door_is_placed_without_the_fuzzy_matcher(tmp_path: Path, as_json: bool) -> None:
    """NCT05843643's "Bogota, Cundinamarca" (Bogotá is a district of its own beside Cundinamarca) is
    a state slip placed by the neighbour rule: rapidfuzz (70 M instructions to import, a tenth of
    the import) is for the other rule, a state spelt like the one written, and only read there."""
    study = json.loads(STUDY.read_text(encoding="utf-8"))
    study["protocolSection"]["contactsLocationsModule"]["locations"] = [
        {"facility": "Hospital", "city": "Bogota", "state": "Cundinamarca", "country": "Colombia"}]
    path = tmp_path / "study.json"
    path.write_text(json.dumps(study), encoding="utf-8")
    names = imported(tmp_path, "import", str(path), "--out", "out", *(["--json"] if as_json else []))
    row = (tmp_path / "out" / "sites.csv").read_text(encoding="utf-8").splitlines()[1]
    assert "(Bogotá)" in row and "but Bogotá is in Bogota D.C." in row
    assert "rapidfuzz" not in packages(names)


@pytest.mark.parametrize("as_json", [True, False])
def test_an_import_too_small_for_an_index_never_loads_the_store_nor_the_queries(tmp_path: Path, as_json: bool) -> None:
    """The index of a sites file is built after an import only from versions.INDEX_THRESHOLD_BYTES
    on; a smaller one is read whole by every command, so its import loads no sitestore (8 M
    instructions) to learn that. A larger one still builds its index (test_sitestore)."""
    names = imported(tmp_path, "import", str(STUDY), "--out", "out", *(["--json"] if as_json else []))
    assert (tmp_path / "out" / "sites.csv").stat().st_size < 64 * 1024
    assert "sitefinder.sitestore" not in names
    assert "sitefinder.queries" not in names  # `near`'s questions: an import opens the gazetteer itself


def test_places_and_places_by_id_are_read_once_per_gazetteer() -> None:
    """Placing a registry's rows asks the same names and ids again (the state's rules, china.py's
    seats): each is read from the file once per gazetteer, and each answer is a new list."""
    from sitefinder.gazetteer import Gazetteer
    from sitefinder.paths import gazetteer_path

    gazetteer = Gazetteer(gazetteer_path())
    first = gazetteer.places("guangzhou")
    seat = gazetteer.place_by_id(first[0].geonameid or 0)
    asked: list[str] = []
    gazetteer._db.set_trace_callback(asked.append)
    again = gazetteer.places("guangzhou")
    assert again == first and again is not first and first and seat == first[0]
    assert gazetteer.place_by_id(first[0].geonameid or 0) == seat
    assert asked == []
    again.clear()  # a caller's list is its own
    assert gazetteer.places("guangzhou") == first


@pytest.mark.parametrize("as_json", [True, False])
def test_an_import_with_no_site_in_china_never_loads_chinas_rules(tmp_path: Path, as_json: bool) -> None:
    """china.py (its rules of divisions, namesakes and readings: 8 M instructions to import) is for
    a row in China, Hong Kong, Macau or Taiwan: a study with none (most registry studies; the central
    contact's Chinese number is phonenumbers') never loads it. The shipped study, in China, does."""
    study = json.loads(STUDY.read_text(encoding="utf-8"))
    study["protocolSection"]["contactsLocationsModule"]["locations"] = [
        {"facility": "Hospital", "city": "Bogota", "state": "Cundinamarca", "country": "Colombia"},
        {"facility": "Clinic", "city": "Flagstaff", "state": "Arizona", "zip": "86001", "country": "United States",
         "geoPoint": {"lat": 35.19807, "lon": -111.65127}}]
    path = tmp_path / "study.json"
    path.write_text(json.dumps(study), encoding="utf-8")
    names = imported(tmp_path, "import", str(path), "--out", "out", *(["--json"] if as_json else []))
    assert (tmp_path / "out" / "sites.csv").read_text(encoding="utf-8").count("\n") == 3
    assert "sitefinder.countries" in names and "sitefinder.china" not in names
    assert "sitefinder.china" in imported(tmp_path, "import", str(STUDY), "--out", "out2",
                                          *(["--json"] if as_json else []))


@pytest.mark.parametrize("name", ["Buenos Aires", "Tokyo", "Surrey", "RM", "Isère", "Georgia", "Guangdong", "Nowhere"])
def test_a_state_asked_as_a_region_and_as_a_division_is_read_once(name: str) -> None:
    """A registry row's state is asked as a region (`regions`) and as a division (`divisions`):
    both answers come from one query, each the rows its own table(s) give."""
    from sitefinder.gazetteer import Gazetteer
    from sitefinder.paths import gazetteer_path
    from sitefinder.regions import province_key

    gazetteer = Gazetteer(gazetteer_path())
    key = province_key(name)
    region = set(gazetteer.rows("SELECT country, admin1 FROM region WHERE key = ?", (key,)))
    part = region | set(gazetteer.rows("SELECT country, admin1 FROM part WHERE key = ?", (key,)))
    asked: list[str] = []
    gazetteer._db.set_trace_callback(asked.append)
    assert gazetteer._region_query("region", key) == region
    assert gazetteer._region_query("part", key) == part
    assert len(asked) == 1
    fresh = Gazetteer(gazetteer_path())  # the other order
    assert fresh._region_query("part", key) == part and fresh._region_query("region", key) == region


def test_alias_notes_are_those_of_the_table_read_once() -> None:
    """alias_note reads gazetteer/aliases.csv's table whole, once: every note as a query of its key
    and place gives it, and "" for a name or place it does not hold."""
    from sitefinder.gazetteer import Gazetteer
    from sitefinder.paths import gazetteer_path

    gazetteer = Gazetteer(gazetteer_path())
    notes = gazetteer.rows("SELECT key, place, note FROM alias")
    assert len(notes) > 50  # the comparison says something
    asked: list[str] = []
    gazetteer._db.set_trace_callback(asked.append)
    for key, place, note in notes:
        assert gazetteer.alias_note(key, place) == note
        assert gazetteer.alias_note(key, -place) == "" and gazetteer.alias_note(f"{key}x", place) == ""
    assert gazetteer.alias_note("Nowhere", 1) == ""
    assert len([sql for sql in asked if sql == "SELECT key, place, note FROM alias"]) == 1


@pytest.mark.parametrize("name", ["guangzhou", "chengdu", "taichung", "macau"])
def test_a_place_of_chinas_area_reads_no_table_of_states_abroad(name: str) -> None:
    """A notice names a place of China, Hong Kong, Macau or Taiwan by the province table (regions.py):
    the Chinese names of states abroad (data/divisions_zh.csv, 1,680 rows) were read on every
    `near Guangzhou`, English and JSON included, for a name no notice then used."""
    from sitefinder import gazetteer as module
    from sitefinder.regions import CHINA_AREA

    gazetteer = open_gazetteer()
    places = [place for place in gazetteer.places(name) if gazetteer.country_code_of(place.country) in CHINA_AREA]
    assert places, name
    module._divisions_zh.cache_clear()
    assert {gazetteer.state_name_zh(place) for place in places} == {""}
    assert module._divisions_zh.cache_info().misses == 0


def test_a_state_abroad_is_still_named_in_chinese() -> None:
    """The table read above still names a state abroad where the gazetteer does not."""
    gazetteer = open_gazetteer()
    names = {gazetteer.state_name_zh(place) for place in gazetteer.places("vancouver") if place.country == "United States"}
    assert "华盛顿州" in names, names
