"""Large sites files: the cached index must give exactly the answers of the plain file."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

import sitefinder.sitestore as sources
from conftest import make_site
from sitefinder.models import Contact, Place, Site
from sitefinder.paths import cache_dir
from sitefinder.queries import find_nearest, open_sites
from sitefinder.models import Resolution
from sitefinder.sitesfile import read_sites_file, write_sites_file
from sitefinder.sitestore import IndexedSource, MemorySource


@pytest.fixture(autouse=True)
def plain_files_unless_a_test_asks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the default threshold, a run reads the file itself until a test sets the threshold to 0."""
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 10**12)


@pytest.fixture(params=["one process", "two processes"])
def processes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """A first index build by one process, or (whatever the file's size) shared with a forked worker."""
    if request.param == "two processes":
        monkeypatch.setattr(sources, "TWO_PROCESSES_FROM_BYTES", 0)
        if not sources._two_cores(1):
            pytest.skip("one usable CPU, or no fork: the build is always one process")
    return str(request.param)


@pytest.fixture
def world_file(tmp_path: Path) -> Path:
    rng = random.Random(11)
    statuses = [None, "RECRUITING", "NOT_YET_RECRUITING", "COMPLETED"]
    provinces = ["Guangdong", "Shandong", "Oregon", "Bavaria"]
    cities = ["Guangzhou", "Jinan", "Portland", "Munich"]
    sites = [make_site(i, facility=f"Site {i}", latitude=round(rng.uniform(-89.9, 89.9), 4),
                       longitude=round(rng.uniform(-180, 180), 4), status=rng.choice(statuses),
                       province=rng.choice(provinces), city=rng.choice(cities)) for i in range(1, 3001)]
    sites.append(make_site(3001, facility="Unplaced", latitude=None, longitude=None))
    sites += [make_site(3002 + i, facility=f"Twin {i}", latitude=10.0, longitude=179.99) for i in range(3)]
    path = tmp_path / "sites.csv"
    write_sites_file(path, sites)
    return path


def built_indexes() -> list[Path]:
    return list(cache_dir().glob("sites-*.sqlite"))


def answers(source, origin: Place, **options) -> list[tuple[int, float]]:
    result = find_nearest(Resolution(query="x", place=origin), source, **options)
    return [(entry.site.id, round(entry.distance_km, 6)) for entry in result.sites]


ORIGINS = [Place("a", "", "", 23.1, 113.2), Place("b", "", "", 89.5, 10.0), Place("c", "", "", -89.0, -170.0),
           Place("d", "", "", 10.0, -179.99), Place("e", "", "", 0.0, 0.0), Place("f", "", "", 45.5, -122.7)]


@pytest.mark.parametrize("origin", ORIGINS, ids=[o.name for o in ORIGINS])
@pytest.mark.parametrize("options", [{"limit": 1}, {"limit": 7}, {"limit": 50, "within_km": 1500.0},
                                     {"limit": 5, "province": "Shandong"}, {"limit": 5, "status": "RECRUITING"}])
def test_index_answers_equal_the_plain_files(world_file: Path, monkeypatch, origin: Place, options: dict) -> None:
    plain = MemorySource(read_sites_file(world_file))
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    indexed = open_sites(world_file)
    assert isinstance(indexed, IndexedSource)
    assert answers(indexed, origin, **options) == answers(plain, origin, **options)


def test_across_the_antimeridian_and_ties_keep_file_order(world_file: Path, monkeypatch) -> None:
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    nearest = answers(open_sites(world_file), Place("x", "", "", 10.0, -179.995), limit=3)
    assert [site_id for site_id, _ in nearest] == [3002, 3003, 3004]


def test_index_is_built_once_and_rebuilt_when_the_file_changes(world_file: Path, monkeypatch) -> None:
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    open_sites(world_file)
    index_files = built_indexes()
    assert len(index_files) == 1
    built = index_files[0].stat().st_mtime_ns
    open_sites(world_file)
    assert index_files[0].stat().st_mtime_ns == built  # reused
    write_sites_file(world_file, [make_site(1, facility="Only one now")])
    source = open_sites(world_file)
    assert [s.facility for s in source.candidates(ORIGINS[0], 5, None, None, None).placed] == ["Only one now"]


def test_a_bad_large_file_gets_no_index_and_a_clean_error(world_file: Path, monkeypatch, cli) -> None:
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    world_file.write_text(world_file.read_text() + "1,dup,a,b,c,,1,1,,,,,\n", encoding="utf-8")
    run = cli("near", "Guangzhou", "--sites", str(world_file))
    assert run.exit_code == 1 and "is used again" in run.stderr
    assert not built_indexes()


def test_near_through_the_cli_on_an_indexed_file(world_file: Path, monkeypatch, cli) -> None:
    plain = cli("near", "Portland, Oregon", "--sites", str(world_file), "--json", "--limit", "4").json()
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    indexed = cli("near", "Portland, Oregon", "--sites", str(world_file), "--json", "--limit", "4")
    assert indexed.exit_code == 0 and indexed.json() == plain
    unplaced = cli("near", "Guangzhou", "--sites", str(world_file), "--within", "1", "--json")
    assert unplaced.json()["sites"] == [] and "1 matching site in China has no coordinates" in unplaced.stderr


@pytest.mark.parametrize("filters", [[], ["--province", "Shandong"], ["--province", "oregon", "--status", "recruiting"],
                                     ["--city", "guangzhou"], ["--status", "completed", "--format", "csv"]])
def test_list_through_the_index_equals_the_plain_file(world_file: Path, monkeypatch, cli, filters) -> None:
    fmt = [] if "--format" in filters else ["--json"]
    plain = cli("list", "--sites", str(world_file), *filters, *fmt)
    assert not built_indexes(), "the first run read the file"
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    indexed = cli("list", "--sites", str(world_file), *filters, *fmt)
    assert plain.exit_code == indexed.exit_code == 0 and plain.stderr == indexed.stderr  # the same notices
    assert indexed.stdout == plain.stdout and len(plain.stdout) > 200
    assert built_indexes(), "the second run went through the index"


@pytest.mark.parametrize("args", [["show", "17"], ["show", "Site 2999"], ["show", "Twin"], ["show", "99999"],
                                  ["show", "30", "--json"], ["info"], ["info", "--json"]])
def test_show_and_info_through_the_index_equal_the_plain_file(world_file: Path, monkeypatch, cli, args) -> None:
    plain = cli(*args, "--sites", str(world_file))
    assert not built_indexes(), "the first run read the file"
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    indexed = cli(*args, "--sites", str(world_file))
    assert (indexed.exit_code, indexed.stdout, indexed.stderr) == (plain.exit_code, plain.stdout, plain.stderr)
    assert plain.stdout or plain.stderr.startswith("Error: ")
    assert built_indexes(), "the second run went through the index"


def test_index_orders_as_the_file_does_whatever_the_ids(tmp_path: Path, monkeypatch, cli) -> None:
    path = tmp_path / "sites.csv"
    write_sites_file(path, [make_site(site_id, facility=f"Same place {site_id}") for site_id in (30, 10, 20)])
    runs = []
    for threshold in (10**12, 0):  # the plain file, then its index
        monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", threshold)
        near = cli("near", "Guangzhou", "--sites", str(path), "--json").json()
        listed = cli("list", "--sites", str(path), "--json").json()
        runs.append(([site["id"] for site in near["sites"]], [site["id"] for site in listed["sites"]]))
    # ties in distance: none recruiting nor reachable, so by id (queries.tie_order), as lists are
    assert runs[0] == runs[1] == ([10, 20, 30], [10, 20, 30])


@pytest.mark.benchmark
def test_benchmark_script_runs(tmp_path: Path) -> None:
    """Smoke: the benchmark runs end to end (tiny sizes, few repetitions); no timing is asserted."""
    import subprocess
    import sys

    from conftest import ROOT

    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "startup.py"), "--repeat", "1", "--scale",
                          "--sizes", "300", "6000"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    for label in ("floor: Typer hello world", "near Guangzhou --json", "near 台州", "near Guangzou (miss)",
                  "list --province Shandong --json", "--help", "first run after install", "near 6,000", "list --province 300", "list all 6,000",
                  "validates the file, builds its index", "reads the file: no index under"):
        assert label in run.stdout, label


def test_an_unwritable_cache_only_costs_speed(world_file: Path, monkeypatch, cli) -> None:
    plain = cli("near", "Guangzhou", "--sites", str(world_file), "--json").json()
    blocked = world_file.parent / "not-a-directory"
    blocked.write_text("a file where the cache directory should be", encoding="utf-8")
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    run = cli("near", "Guangzhou", "--sites", str(world_file), "--json", env={"SITEFINDER_CACHE_DIR": str(blocked)})
    assert run.exit_code == 0 and run.json() == plain


@pytest.fixture
def varied_file(tmp_path: Path) -> Path:
    """Sites with every field told apart: contacts or none (several, with optional keys), notes,
    two trials, unplaced, a status or none (world_file's sites name no trial)."""
    sites = [make_site(i, facility=f"Hôpital {i}", status=[None, "RECRUITING", "COMPLETED"][i % 3],
                       latitude=None if i % 7 == 0 else 20.0 + i / 100, longitude=None if i % 7 == 0 else 110.0 + i / 100,
                       coordinate_precision="city" if i % 2 else "", coordinate_source=f"GeoNames {i}" if i % 2 else "",
                       location_note="a note, with \"quotes\"" if i % 5 == 0 else "",
                       contacts=() if i % 4 == 0 else (Contact(name=f"A. Li {i}", role="PRIMARY", phone="+86 1", email="a@b"),
                                                       Contact(name="B", role="BACKUP")),
                       geonameid=1809858 if i % 3 == 0 else None, nct_id=f"NCT0000000{2 + i % 2}")
             for i in range(1, 301)]
    path = tmp_path / "varied.csv"
    write_sites_file(path, sites)
    return path


def stored_index() -> Path:
    (index,) = built_indexes()
    return index


def test_the_index_stores_every_field_of_a_site_as_a_column_and_reads_it_back(varied_file: Path, world_file: Path,
                                                                             monkeypatch) -> None:
    import sqlite3

    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    for path in (world_file, varied_file):  # sites that name no trial, then sites that do
        for index in built_indexes():
            index.unlink()  # the varied file's index alone is left to look into
        indexed = sources.open_source(path)
        assert isinstance(indexed, IndexedSource) and tuple(indexed.sites()) == read_sites_file(path).sites
        indexed._connection.close()
    assert set(sources._COLUMNS) == set(Site._fields)  # a field added to Site needs its column
    with sqlite3.connect(stored_index()) as db:
        (fields,) = db.execute("SELECT value FROM meta WHERE key = 'fields'").fetchone()
        facility, contacts, note = db.execute("SELECT facility, contacts, location_note FROM site_row "
                                              "WHERE position = 4").fetchone()
    import json

    assert tuple(json.loads(fields)) == tuple(sources._COLUMNS)
    assert (facility, note) == ("Hôpital 5", 'a note, with "quotes"')  # the text itself, not a JSON list
    assert json.loads(contacts)[0] == {"name": "A. Li 5", "role": "PRIMARY", "phone": "+86 1", "email": "a@b"}


def test_the_index_reads_its_rows_by_the_field_names_it_lists(varied_file: Path, monkeypatch) -> None:
    """An index that does not store a field (built before the field existed) reads it as its
    default; one that lists a field this version does not know is read without it."""
    import json
    import sqlite3

    plain = read_sites_file(varied_file).sites
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    sources.open_source(varied_file)._connection.close()
    index = stored_index()
    with sqlite3.connect(index) as db:
        names = [name for name in sources._COLUMNS if name != "location_note"]
        names.insert(2, "a_field_from_a_later_version")
        db.execute("UPDATE meta SET value = ? WHERE key = 'fields'", (json.dumps(names),))
    edited = index.stat().st_mtime_ns
    source = sources.open_source(varied_file)
    assert built_indexes() == [index] and index.stat().st_mtime_ns == edited  # not rebuilt: the same stamp
    assert tuple(source.sites()) == tuple(site._replace(location_note="") for site in plain)
    assert source.site_by_id(5) == plain[4]._replace(location_note="")


def test_an_index_of_an_older_layout_is_replaced_cleanly(varied_file: Path, monkeypatch, cli) -> None:
    """An index built by an earlier version (rows as JSON lists, schema 11) in the cache is not
    read: its stamp names another schema, so the first run rebuilds it, and answers as the file."""
    import json
    import sqlite3

    from sitefinder.sitesfile import site_record

    answers_of = [["list", "--json"], ["show", "5", "--json"], ["near", "Guangzhou", "--json"], ["info", "--json"]]
    plain = [cli(*args, "--sites", str(varied_file)).stdout for args in answers_of]
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    sources.open_source(varied_file)._connection.close()
    index = stored_index()
    with sqlite3.connect(index) as db:  # what version 11 wrote at the same path
        (stamp,) = db.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
        assert stamp.startswith(f"{sources.INDEX_SCHEMA} ")
        old_stamp = f"{sources.INDEX_SCHEMA - 1} " + stamp.split(" ", 1)[1]
        db.execute("UPDATE meta SET value = ? WHERE key = 'stamp'", (old_stamp,))
        db.execute("UPDATE meta SET value = ? WHERE key = 'fields'", (json.dumps(Site._fields),))
        db.execute("DROP TABLE site_row")
        db.execute("CREATE TABLE site_row (position INTEGER PRIMARY KEY, row TEXT NOT NULL, facility_key TEXT NOT NULL)")
        db.executemany("INSERT INTO site_row VALUES (?, ?, ?)",
                       [(position, json.dumps(site_record(site), ensure_ascii=False), site.facility.lower())
                        for position, site in enumerate(read_sites_file(varied_file).sites)])
    assert [cli(*args, "--sites", str(varied_file)).stdout for args in answers_of] == plain
    assert built_indexes() == [index]  # the same path, rebuilt whole: nothing of the old one left beside it
    with sqlite3.connect(index) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone() == (stamp,)
        columns = [row[1] for row in db.execute("PRAGMA table_info(site_row)")]
    assert "row" not in columns and {"facility", "contacts", "nct_given"} <= set(columns)


@pytest.mark.parametrize("args", [["list", "--city", "Jinan"], ["list", "--country", "China"],
                                  ["list", "--province", "Oregon"], ["list", "--status", "completed"],
                                  ["show", "Unplaced"], ["near", "Guangzhou"], ["near", "Japan"],
                                  ["near", "China"], ["near", "Shandong"], ["near", "China", "--all"],
                                  ["near", "China", "--status", "completed"], ["near", "Guangdong", "--by", "hospital"]])
def test_every_filter_is_answered_from_the_index_decoding_only_the_answer(
        world_file: Path, monkeypatch, cli, args: list[str]) -> None:
    plain = cli(*args, "--sites", str(world_file), "--json")
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    cli("info", "--sites", str(world_file))  # builds the index
    decoded = []
    real_decode = sources._decode
    monkeypatch.setattr(sources, "_decode", lambda *args: decoded.append(1) or real_decode(*args))
    indexed = cli(*args, "--sites", str(world_file), "--json")
    assert indexed.exit_code == plain.exit_code and indexed.stdout == plain.stdout
    shown = len(indexed.json().get("sites", [])) if indexed.exit_code == 0 else 0
    assert len(decoded) <= max(shown, 1) * 2 + 10, (len(decoded), shown)  # never the 3,004 rows


def test_list_json_streams_the_same_bytes_as_one_dump(world_file: Path, monkeypatch, cli) -> None:
    plain = cli("list", "--sites", str(world_file), "--json").stdout
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    monkeypatch.setattr(sources, "BATCH_ROWS", 7)  # many batches
    assert cli("list", "--sites", str(world_file), "--json").stdout == plain


def test_a_slow_first_index_build_says_how_far_it_has_come(world_file: Path, monkeypatch, cli, processes) -> None:
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    monkeypatch.setattr(sources, "PROGRESS_AFTER_SECONDS", 0.0)
    monkeypatch.setattr(sources, "BATCH_ROWS", 500)
    import sitefinder.output.streams as streams

    assert "indexing" not in cli("near", "Guangzhou", "--sites", str(world_file), "--json").stderr  # not a terminal
    next(iter(built_indexes())).unlink()
    monkeypatch.setattr(streams, "stderr_is_terminal", lambda: True)
    run = cli("near", "Guangzhou", "--sites", str(world_file), "--json")
    assert run.exit_code == 0 and run.json()["sites"]
    assert "indexing sites.csv" in run.stderr and "indexed sites.csv: 3,004 sites" in run.stderr
    again = cli("near", "Guangzhou", "--sites", str(world_file), "--json")
    assert "indexing" not in again.stderr and "indexed" not in again.stderr  # built once


def test_a_repeated_id_in_a_large_file_names_both_lines(tmp_path: Path, monkeypatch, cli, processes) -> None:
    path = tmp_path / "sites.csv"
    write_sites_file(path, [make_site(i) for i in range(1, 5000)] + [make_site(17)])
    plain = cli("list", "--sites", str(path))
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    indexed = cli("list", "--sites", str(path))
    assert indexed.exit_code == plain.exit_code == 1 and indexed.stderr == plain.stderr
    assert "id 17 is used again (first on line 18)" in indexed.stderr and not built_indexes()


@pytest.mark.parametrize("args", [["near", "China", "--json"], ["near", "Shandong", "--format", "csv"],
                                  ["near", "China", "--all", "--json"], ["near", "Japan", "--json"]])
def test_a_regions_answer_streams_the_same_bytes_and_notices(world_file: Path, monkeypatch, cli,
                                                             args: list[str]) -> None:
    plain = cli(*args, "--sites", str(world_file))
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    monkeypatch.setattr(sources, "BATCH_ROWS", 7)  # many batches
    indexed = cli(*args, "--sites", str(world_file))
    assert (indexed.exit_code, indexed.stdout, indexed.stderr) == (plain.exit_code, plain.stdout, plain.stderr)
    if "Japan" in args:  # every site of the file is in China: an empty answer, nothing found
        assert plain.exit_code == 1 and plain.json()["sites"] == []
    else:
        assert plain.exit_code == 0 and len(plain.stdout) > 10_000


def test_a_regions_answer_is_decoded_only_as_it_is_written(world_file: Path, monkeypatch) -> None:
    """`near China --json` at 1M rows held every site and the whole text (304 MB): the sites are
    counted by the index and decoded as the writer reads them, none before."""
    from sitefinder.queries import nearest_sites

    whole = nearest_sites("China", world_file)
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    nearest_sites("China", world_file)  # builds the index
    decoded = []
    real_decode = sources._decode
    monkeypatch.setattr(sources, "_decode", lambda *args: decoded.append(1) or real_decode(*args))
    answer = nearest_sites("China", world_file, stream=True)
    assert len(decoded) <= 1  # the first site, whose spelling names the country
    assert len(answer.sites) == len(whole.sites) > 1000 and answer.closed_left_out == whole.closed_left_out
    assert list(answer.sites) == whole.sites and len(decoded) <= len(whole.sites) + 1


def test_list_csv_streams_the_same_rows(world_file: Path, monkeypatch, cli) -> None:
    plain = cli("list", "--sites", str(world_file), "--format", "csv").stdout
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    monkeypatch.setattr(sources, "BATCH_ROWS", 7)
    assert cli("list", "--sites", str(world_file), "--format", "csv").stdout == plain
    assert cli("list", "--sites", str(world_file), "--status", "completed", "--format", "csv").stdout.count("\n") > 1


def test_a_reader_whose_version_keeps_being_replaced_tries_a_bounded_number_of_times(
        tmp_path: Path, monkeypatch) -> None:
    import sitefinder.versions as versions
    from sitefinder.errors import MissingInput
    from sitefinder.sitesfile import PIN_ATTEMPTS

    looked_up = []

    def every_time_another_version(path: Path) -> Path:  # each gone before it is read
        looked_up.append(path)
        return tmp_path / f"v-{len(looked_up)}" / path.name

    monkeypatch.setattr(versions, "pinned_version", every_time_another_version)
    monkeypatch.setattr(versions, "replaced_while_read", lambda path, pinned: True)
    with pytest.raises(MissingInput, match="no such file"):  # a missing input file: a usage error, as ever
        sources.open_source(tmp_path / "sites.csv")
    assert len(looked_up) == PIN_ATTEMPTS  # one loop: not one inside another (20 x 20)


def first_run(tmp_path: Path, args: list[str], monkeypatch: pytest.MonkeyPatch, cli):
    """A first run that builds the index (in a cache of its own), batches of 7 rows so that the
    many_trials_file's 399 sites fill 58 of them and names first seen in any batch count."""
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    monkeypatch.setattr(sources, "BATCH_ROWS", 7)
    monkeypatch.setenv("SITEFINDER_CACHE_DIR", str(tmp_path / "cache-index"))
    run = cli(*args)
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 10**12)
    return run


@pytest.fixture
def many_trials_file(tmp_path: Path) -> Path:
    """Sites of several trials (some no trials.json describes, in the order they first appear), placed
    and not, blank rows among them, names that fold alike and one province written two ways."""
    import json

    rng = random.Random(5)
    trials = ["NCT00000001", "NCT00000002", "NCT00000003", "NCT00000004"]
    sites = [make_site(i, facility=rng.choice(["Hôpital", "Hospital", "Klinik"]) + f" {i}",
                       city=rng.choice(["Guangzhou", "Zürich", "Zurich", "São Paulo"]),
                       province=rng.choice(["Guangdong", "广东省", "Bavaria"]),
                       status=rng.choice([None, "RECRUITING", "COMPLETED"]), nct_id=rng.choice(trials),
                       latitude=round(rng.uniform(-60, 60), 4), longitude=round(rng.uniform(-170, 170), 4),
                       geonameid=rng.choice([None, 1809858, 2657896]))
             for i in range(1, 400)]
    sites[17] = sites[17]._replace(latitude=None, longitude=None)
    # named by one row each, in two different batches (rows 8 and 37)
    sites[8] = sites[8]._replace(city="Lonely", province="Solitary", country="Japan", geonameid=1850147)
    sites[37] = sites[37]._replace(city="Alone", province="Single", country="Peru", geonameid=3936456)
    path = tmp_path / "many.csv"
    write_sites_file(path, sites)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(30, "," * 13 + "\n")  # blank rows, counted in no batch's sites
    lines.insert(90, "\n")
    path.write_text("".join(lines), encoding="utf-8")
    (tmp_path / "trials.json").write_text(json.dumps({"trials": [
        {"nct_id": "NCT00000002", "brief_title": "Two", "overall_status": "RECRUITING"},
        {"nct_id": "NCT00000001", "brief_title": "One", "overall_status": "COMPLETED"}]}), encoding="utf-8")
    return path


@pytest.mark.parametrize("args", [["list", "--json", "--all"], ["info", "--json"], ["list", "--status", "recruiting", "--json"],
                                  ["list", "--city", "Zurich", "--json", "--all"], ["near", "Guangzhou", "--json", "--limit", "30"],
                                  ["list", "--province", "Guangdong", "--json"], ["list", "--trial", "NCT00000004", "--json"],
                                  ["list", "--country", "Japan", "--json", "--all"], ["show", "12", "--json"]])
def test_an_index_answers_as_the_file_itself(many_trials_file: Path, tmp_path: Path, cli, monkeypatch,
                                             args: list[str], processes: str) -> None:
    """The index is written straight from the checked fields, in batches; what it answers is what
    the file read whole answers (several trials, blank rows, names first seen in any batch)."""
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 10**12)
    plain = cli(*args, "--sites", str(many_trials_file))  # read whole, in this process
    assert plain.exit_code == 0
    indexed = first_run(tmp_path, [*args, "--sites", str(many_trials_file)], monkeypatch, cli)
    assert list((tmp_path / "cache-index").glob("sites-*.sqlite"))  # it was answered from an index
    assert indexed.exit_code == 0 and indexed.stdout == plain.stdout


# rows 7-20 (lines 9-22) are batches 1 and 2, rows 35-41 (lines 37-43) batch 5; id 12 is on line 14
@pytest.mark.parametrize("line, change", [(2, "bad row"), (12, "bad row"), (40, "bad row"), (300, "bad row"),
                                          (19, "repeated id"), (250, "repeated id")])
def test_a_bad_row_is_reported_by_the_index_build_as_by_the_file_reader(
        many_trials_file: Path, tmp_path: Path, cli, monkeypatch, line: int, change: str, processes: str) -> None:
    lines = many_trials_file.read_text(encoding="utf-8").splitlines(keepends=True)
    if change == "repeated id":
        lines[line - 1] = "12" + lines[line - 1][lines[line - 1].index(","):]
    else:
        lines[line - 1] = lines[line - 1].replace(",China,", ",China,not a status,", 1).replace(",,", ",", 1)
    many_trials_file.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 10**12)
    plain = cli("list", "--json", "--sites", str(many_trials_file))
    assert plain.exit_code == 1 and f"many.csv:{line}" in plain.stderr
    indexed = first_run(tmp_path, ["list", "--json", "--sites", str(many_trials_file)], monkeypatch, cli)
    assert (indexed.exit_code, indexed.stdout, indexed.stderr) == (plain.exit_code, "", plain.stderr)
    assert not [path for path in (tmp_path / "cache-index").rglob("*") if path.is_file()]  # no index, whole or half


# two problems in one batch of 7 rows (lines 9-15, line 9 the second one's), or a line break in a
# quoted field before them: the index build, reading a batch at once, says the first as the file reader does
@pytest.mark.parametrize("problems", [{10: "width", 13: "quote"}, {10: "quote", 13: "width"}, {9: "width", 15: "width"},
                                      {11: "break", 13: "width"}, {11: "break", 14: "quote"}, {9: "blank", 12: "width"}])
def test_the_first_of_two_problems_in_a_batch_is_said_by_the_index_build_as_by_the_file_reader(
        many_trials_file: Path, tmp_path: Path, cli, monkeypatch, problems: dict[int, str], processes: str) -> None:
    lines = many_trials_file.read_text(encoding="utf-8").splitlines(keepends=True)
    for line, problem in problems.items():
        row_id, _facility, rest = lines[line - 1].split(",", 2)
        lines[line - 1] = {"width": f"{row_id},,{_facility},{rest}", "quote": f'{row_id},"x" y,{rest}',
                           "break": f'{row_id},"two\nlines",{rest}', "blank": "\n"}[problem]
    many_trials_file.write_text("".join(lines), encoding="utf-8")
    plain = cli("list", "--json", "--sites", str(many_trials_file))
    assert plain.exit_code == 1 and "many.csv:" in plain.stderr
    indexed = first_run(tmp_path, ["list", "--json", "--sites", str(many_trials_file)], monkeypatch, cli)
    assert (indexed.exit_code, indexed.stdout, indexed.stderr) == (plain.exit_code, "", plain.stderr)
    assert not [path for path in (tmp_path / "cache-index").rglob("*") if path.is_file()]


def test_an_interrupted_first_build_leaves_no_index_and_the_next_run_builds_it_whole(world_file: Path,
                                                                                     monkeypatch, processes) -> None:
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    monkeypatch.setattr(sources, "PROGRESS_AFTER_SECONDS", 0.0)
    monkeypatch.setattr(sources, "BATCH_ROWS", 500)

    def interrupted(line: str) -> None:  # Ctrl-C while the rows are read, batches already written
        if "indexing" in line:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        sources.open_source(world_file, interrupted)
    assert not list(cache_dir().iterdir())  # neither a half index nor its temporary file
    source = sources.open_source(world_file)
    assert isinstance(source, IndexedSource) and source.count() == len(read_sites_file(world_file).sites)
    assert list(source.sites()) == list(read_sites_file(world_file).sites)


def test_a_slow_first_index_build_says_how_far_it_has_come_in_the_locales_language(
        world_file: Path, monkeypatch, cli) -> None:
    """The build's progress lines were English under a Chinese locale."""
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    monkeypatch.setattr(sources, "PROGRESS_AFTER_SECONDS", 0.0)
    monkeypatch.setattr(sources, "BATCH_ROWS", 500)
    import sitefinder.output.streams as streams

    monkeypatch.setattr(streams, "stderr_is_terminal", lambda: True)
    run = cli("near", "Guangzhou", "--sites", str(world_file), "--json", env={"LANG": "zh_CN.UTF-8"})
    assert run.exit_code == 0
    assert "正在为 sites.csv 建立索引" in run.stderr and "已为 sites.csv 建立索引：3,004 个研究中心" in run.stderr
    assert "indexing" not in run.stderr and "indexed" not in run.stderr


def built_by(path: Path, tmp_path: Path, name: str, two_processes: bool) -> list[str]:
    """The index _build_index makes of `path` (batches of 7 rows), dumped as SQL text."""
    import sqlite3

    index = tmp_path / f"{name}.sqlite"
    sources.TWO_PROCESSES_FROM_BYTES = 0 if two_processes else 10**12
    stat = path.stat()
    db = sources._build_index(index, "stamp", path, path, stat.st_size, None)
    assert db is not None
    db.close()
    with sqlite3.connect(index) as db:
        return list(db.iterdump())


@pytest.mark.parametrize("layout", ["many trials", "varied", "a quoted line break mid-file", "a stray quote",
                                    "second half blank"])
def test_two_processes_build_the_index_one_process_builds(many_trials_file: Path, varied_file: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch, layout: str) -> None:
    """Row for row, every table: the second half's positions and lines follow the first's, its
    trials join the catalogue after the first half's, its names join the meta table's lists."""
    if not sources._two_cores(10**12):
        pytest.skip("one usable CPU, or no fork")
    monkeypatch.setattr(sources, "BATCH_ROWS", 7)
    monkeypatch.setattr(sources, "TWO_PROCESSES_FROM_BYTES", sources.TWO_PROCESSES_FROM_BYTES)  # restored after
    path = varied_file if layout == "varied" else many_trials_file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    middle = len(lines) // 2
    if layout == "a quoted line break mid-file":  # line breaks inside quotes on either side of the middle
        for at in range(middle - 3, middle + 4):
            row_id, facility, rest = lines[at].split(",", 2)
            lines[at] = f'{row_id},"{facility}\n{"," * (at % 3)}\n",{rest}'
    elif layout == "a stray quote":  # a quote in an unquoted field (csv keeps it): the quotes counted are off by one
        row_id, facility, rest = lines[5].split(",", 2)
        lines[5] = f'{row_id},{facility} 5" screen,{rest}'
        row_id, facility, rest = lines[middle + 2].split(",", 2)
        lines[middle + 2] = f'{row_id},"{facility}\nsecond line",{rest}'
    elif layout == "second half blank":
        lines[middle:] = ["," * 13 + "\n"] * (len(lines) - middle)
    path.write_text("".join(lines), encoding="utf-8")
    splits: list[int | None] = []
    real_boundary = sources._halfway_boundary
    monkeypatch.setattr(sources, "_halfway_boundary", lambda *args: splits.append(real_boundary(*args)) or splits[-1])
    one = built_by(path, tmp_path, "one", two_processes=False)
    assert not splits
    two = built_by(path, tmp_path, "two", two_processes=True)
    assert splits and (splits[0] is not None or layout == "a stray quote")  # shared, but for a quote that misleads
    assert two == one and len(one) > 400
    assert [entry.name for entry in tmp_path.iterdir() if entry.suffix not in (".csv", ".sqlite", ".json")] == []


@pytest.mark.parametrize("death", ["an exception", "killed"])
def test_a_worker_that_dies_costs_only_time(many_trials_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            death: str) -> None:
    """The build is done again by one process: the same index, no part left beside it."""
    if not sources._two_cores(10**12):
        pytest.skip("one usable CPU, or no fork")
    monkeypatch.setattr(sources, "BATCH_ROWS", 7)
    monkeypatch.setattr(sources, "TWO_PROCESSES_FROM_BYTES", sources.TWO_PROCESSES_FROM_BYTES)
    one = built_by(many_trials_file, tmp_path, "one", two_processes=False)

    def dies(*args: object) -> None:
        if death == "killed":
            os.kill(os.getpid(), 9)
        raise RuntimeError("a worker's bug")

    monkeypatch.setattr(sources, "_fill_part", dies)
    started: list[int] = []
    real_check = sources._Part.check
    monkeypatch.setattr(sources._Part, "check", lambda part: started.append(part.pid) or real_check(part))
    assert built_by(many_trials_file, tmp_path, "two", two_processes=True) == one
    assert started  # there was a worker
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["many.csv", "one.sqlite", "trials.json", "two.sqlite"]


def test_one_process_without_a_second_cpu_or_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    big = sources.TWO_PROCESSES_FROM_BYTES
    assert not sources._two_cores(big - 1)  # a small file never pays for a worker
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert not sources._two_cores(big)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert sources._two_cores(big) == hasattr(os, "fork")
    monkeypatch.delattr(os, "fork", raising=False)
    assert not sources._two_cores(big)
