"""Many trials in one dataset: imports of what people download, questions across trials, update."""

from __future__ import annotations

import csv
import json
import re
import zipfile
from pathlib import Path

import pytest

from sitefinder.status import CLOSED_STATUSES

from conftest import CTGOV_STUDY, ROOT, listing_exit

EXPORT = ROOT / "tests" / "fixtures" / "export"
STUDIES = sorted(EXPORT.glob("NCT*.json"))


def study(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def write_export(tmp_path: Path, studies: list, name: str = "ctg-studies.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(studies), encoding="utf-8")
    return path


def location_count(data: dict, country: str | None = None) -> int:
    locations = data["protocolSection"].get("contactsLocationsModule", {}).get("locations", [])
    return sum(country is None or location.get("country") == country for location in locations)


@pytest.fixture
def dataset(cli, tmp_path: Path) -> Path:
    """The fixtures' export and the shipped study, imported as one dataset."""
    export = write_export(tmp_path, [study(path) for path in STUDIES])
    run = cli("import", str(export), str(CTGOV_STUDY), "--out", str(tmp_path / "many"), "--json")
    assert run.exit_code == 0, run.stderr
    return tmp_path / "many" / "sites.csv"


def test_an_export_array_becomes_one_dataset_each_site_naming_its_trial(dataset: Path) -> None:
    with dataset.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    expected = {study(path)["protocolSection"]["identificationModule"]["nctId"]: location_count(study(path))
                for path in [*STUDIES, CTGOV_STUDY]}
    counted: dict[str, int] = {}
    for row in rows:
        counted[row["nct_id"]] = counted.get(row["nct_id"], 0) + 1
    assert counted == expected
    assert sorted(int(row["id"]) for row in rows) == list(range(1, len(rows) + 1))  # ids unique in the dataset
    trials = json.loads((dataset.parent / "trials.json").read_text(encoding="utf-8"))["trials"]
    assert [trial["nct_id"] for trial in trials] == list(expected)
    by_id = {trial["nct_id"]: trial for trial in trials}
    assert by_id["NCT02856893"]["acronym"] == "APPLE"  # each study keeps its own facts
    assert "Carcinoma, Non-Small-Cell Lung" in by_id["NCT05288205"]["mesh_terms"]
    assert by_id["NCT07010263"]["central_contacts"] != by_id["NCT05288205"]["central_contacts"]


def test_search_pages_folders_and_zips_import_alike(cli, tmp_path: Path) -> None:
    half = len(STUDIES) // 2
    pages = []
    for number, chunk in enumerate((STUDIES[:half], STUDIES[half:])):
        page = tmp_path / f"page{number}.json"
        page.write_text(json.dumps({"studies": [study(p) for p in chunk], "nextPageToken": "x" if not number else None,
                                    "totalCount": len(STUDIES)}), encoding="utf-8")
        pages.append(str(page))
    folder = tmp_path / "bulk"
    (folder / "sub").mkdir(parents=True)
    for path in STUDIES:
        (folder / "sub" / path.name).write_bytes(path.read_bytes())
    (folder / "README.txt").write_text("not a study", encoding="utf-8")
    archive = tmp_path / "bulk.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for path in STUDIES:
            handle.write(path, f"ctg/{path.name}")
        handle.writestr("../NCT99999999.json", "{}")  # a name pointing outside: never a study
    answers = []
    for sources in (pages, [str(folder)], [str(archive)]):
        run = cli("import", *sources, "--out", str(tmp_path / f"o{len(answers)}"), "--json")
        assert run.exit_code == 0, run.stderr
        answers.append(run.json())
    assert {answer["trial_count"] for answer in answers} == {len(STUDIES)}
    assert len({answer["site_count"] for answer in answers}) == 1
    assert all(answer["skipped"] == [] for answer in answers)


@pytest.mark.parametrize("country", ["China", "中国", "PRC", "france", "CN", "CHN", "FR", "FRA"])
def test_country_keeps_only_its_sites(cli, tmp_path: Path, country: str) -> None:
    export = write_export(tmp_path, [study(path) for path in STUDIES])
    run = cli("import", str(export), "--country", country, "--out", str(tmp_path / "c"), "--json")
    assert run.exit_code == 0, run.stderr
    name = "France" if country in ("france", "FR", "FRA") else "China"
    assert run.json()["site_count"] == sum(location_count(study(path), name) for path in STUDIES)
    with (tmp_path / "c" / "sites.csv").open(encoding="utf-8") as handle:
        assert {row["country"] for row in csv.DictReader(handle)} == {name}


def test_an_unknown_country_is_a_usage_error(cli, tmp_path: Path) -> None:
    run = cli("import", str(STUDIES[0]), "--country", "Atlantis", "--out", str(tmp_path / "c"))
    assert run.exit_code == 2 and "unknown country" in run.stderr and not (tmp_path / "c").exists()


def test_a_bad_study_in_an_export_is_skipped_by_index_and_id_or_fails_with_strict(cli, tmp_path: Path) -> None:
    bad = study(STUDIES[1])
    bad["protocolSection"]["designModule"] = {"phases": 3}
    export = write_export(tmp_path, [study(STUDIES[0]), bad, "not a study", study(STUDIES[2])])
    nct = bad["protocolSection"]["identificationModule"]["nctId"]
    run = cli("import", str(export), "--out", str(tmp_path / "d"), "--json")
    assert run.exit_code == 0, run.stderr
    assert [(item["index"], item["nct_id"]) for item in run.json()["skipped"]] == [(1, nct), (2, None)]
    assert f"study 1 ({nct})" in run.stderr and "designModule.phases" in run.stderr
    assert run.json()["trial_count"] == 2
    strict = cli("import", str(export), "--out", str(tmp_path / "e"), "--strict")
    assert strict.exit_code == 1 and f"study 1 ({nct})" in strict.stderr and strict.stdout == ""
    assert not (tmp_path / "e" / "sites.csv").exists()


def test_a_failed_import_leaves_the_earlier_dataset(cli, tmp_path: Path, dataset: Path) -> None:
    before = dataset.read_bytes(), (dataset.parent / "trials.json").read_bytes()
    export = write_export(tmp_path, ["junk", {"protocolSection": 1}], "bad.json")
    run = cli("import", str(export), "--out", str(dataset.parent))
    assert run.exit_code == 1 and run.stderr.count("\n") <= 3
    assert (dataset.read_bytes(), (dataset.parent / "trials.json").read_bytes()) == before


def test_single_trial_files_of_earlier_versions_still_read(cli) -> None:
    run = cli("near", "Guangzhou", "--json", "--limit", "2")  # the shipped file: no nct_id column, no trials.json
    assert run.exit_code == 0, run.stderr
    assert [site["nct_id"] for site in run.json()["sites"]] == ["NCT07010263"] * 2


@pytest.fixture(params=["memory", "index"])
def store(request, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every question across trials is asked of the file in memory and through its SQLite index."""
    if request.param == "index":
        monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    return request.param


def test_near_ranks_every_trials_sites_together_and_names_each_rows_trial(cli, dataset: Path, store: str) -> None:
    run = cli("near", "Guangzhou", "--sites", str(dataset), "--limit", "8", "--json")
    assert run.exit_code == 0, run.stderr
    sites = run.json()["sites"]
    assert len({site["nct_id"] for site in sites}) >= 3  # several trials in one ranking
    assert [site["distance_km"] for site in sites] == sorted(site["distance_km"] for site in sites)
    labels = {site["nct_id"]: site["trial"] for site in sites}
    brief = study(CTGOV_STUDY)["protocolSection"]["identificationModule"]["briefTitle"]
    assert labels["NCT07010263"] == brief  # whole: a title is cut for a table only
    assert run.json()["nct_id"] is None  # several trials: none at the top
    table = cli("near", "Guangzhou", "--sites", str(dataset), "--limit", "3", env={"COLUMNS": "200"})
    assert "Trial" in table.stdout and "NCT05351788" in table.stdout


@pytest.mark.parametrize("args", [["near", "China"], ["near", "Guangdong", "--all"], ["near", "China", "--format", "csv"],
                                  ["near", "China", "--trial", "NCT07010263"]])
def test_a_regions_answer_names_each_rows_trial_from_the_index_as_from_memory(
        cli, dataset: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    fmt = [] if "--format" in args else ["--json"]
    memory = cli(*args, *fmt, "--sites", str(dataset))
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    indexed = cli(*args, *fmt, "--sites", str(dataset))
    assert memory.exit_code == 0 and (indexed.stdout, indexed.stderr) == (memory.stdout, memory.stderr)
    if fmt:
        assert len({site["nct_id"] for site in memory.json()["sites"]}) >= (1 if "--trial" in args else 2)


def test_trial_and_condition_narrow_near_list_and_map(cli, dataset: Path, store: str) -> None:
    one = cli("near", "Guangzhou", "--sites", str(dataset), "--trial", "nct07010263", "--limit", "50", "--json")
    assert {site["nct_id"] for site in one.json()["sites"]} == {"NCT07010263"}
    assert len(one.json()["sites"]) == 42
    # --all: both trials are completed, so their sites are closed and the default filter leaves them out
    two = cli("list", "--sites", str(dataset), "--trial", "NCT04014634", "--trial", "NCT02856893", "--all", "--json")
    assert {site["nct_id"] for site in two.json()["sites"]} == {"NCT04014634", "NCT02856893"}
    # MeSH terms count (NCT05351788 says "Non-small Cell Lung Cancer"), and "small cell" is not "non-small cell"
    nsclc = cli("list", "--sites", str(dataset), "--condition", "carcinoma, NON-SMALL-CELL lung", "--json")
    assert {site["nct_id"] for site in nsclc.json()["sites"]} == {"NCT05288205", "NCT05351788"}
    sclc = cli("list", "--sites", str(dataset), "--condition", "small cell lung", "--json")
    assert {site["nct_id"] for site in sclc.json()["sites"]} == {"NCT07010263"}
    headache = cli("map", "Amsterdam", "--sites", str(dataset), "--condition", "Cluster Headache", "--all", "--json")
    assert headache.exit_code == 0, headache.stderr
    assert {site["nct_id"] for site in headache.json()["sites"]} == {"NCT04014634"}
    none = cli("near", "Guangzhou", "--sites", str(dataset), "--condition", "asthma", "--json")
    assert none.exit_code == 1 and none.json()["sites"] == []


def test_closed_sites_are_left_out_by_each_sites_own_trials_status(cli, dataset: Path, store: str) -> None:
    """The joinable filter of a dataset of many trials: a site without a status of its own shows its
    own trial's, so a completed trial's sites are closed while another trial's sites stay."""
    every = cli("list", "--sites", str(dataset), "--all", "--json").json()["sites"]
    closed = [site for site in every if site["effective_status"] in CLOSED_STATUSES]
    by_trial = {site["nct_id"] for site in closed if site["status_source"] == "trial"}
    assert closed and by_trial  # the fixture has closed sites, some closed by their trial's status
    shown = cli("list", "--sites", str(dataset), "--json").json()
    assert {site["id"] for site in shown["sites"]} == {site["id"] for site in every} - {site["id"] for site in closed}
    assert shown["closed_left_out"] == len(closed)
    near = cli("near", "Guangzhou", "--sites", str(dataset), "--limit", "1000", "--json").json()
    placed = [site for site in every if site["latitude"] is not None]
    assert not {site["id"] for site in near["sites"]} & {site["id"] for site in closed}
    assert len(near["sites"]) == len([site for site in placed if site["effective_status"] not in CLOSED_STATUSES])
    assert near["closed_left_out"] == len(closed)
    hospitals = cli("near", "Guangzhou", "--sites", str(dataset), "--by", "hospital", "--limit", "1000", "--json")
    rows = [row for hospital in hospitals.json()["hospitals"] for row in hospital["trials"]]
    assert rows and all(row["effective_status"] not in CLOSED_STATUSES for row in rows)
    assert hospitals.json()["closed_left_out"] == len(closed)
    assert list(hospitals.json())[:3] == ["nct_id", "central_contacts", "trial"]  # one header rule


@pytest.mark.parametrize("args, message, code", [(["--trial", "NCT1"], "not an NCT id", 2),
                                                 (["--trial", "NCT99999999"], "has no trial NCT99999999", 1),
                                                 (["--condition", " ,; "], "--condition needs some words", 2)])
def test_bad_trial_filters_are_usage_errors_and_an_absent_trial_no_result(cli, dataset: Path, args: list,
                                                                          message: str, code: int) -> None:
    """A malformed id is usage (2); a well-formed one the dataset lacks is no result (1), as `show 999` is."""
    for command in (["near", "Guangzhou"], ["list"], ["map", "Guangzhou"]):
        run = cli(*command, "--sites", str(dataset), *args)
        assert run.exit_code == code and message in run.stderr and run.stdout == "", command
        assert run.stderr.count("\n") == 1


@pytest.mark.parametrize("command", [["near", "Guangzhou"], ["list"], ["info", "NCT99999999"]])
def test_an_unknown_trials_hint_asks_the_same_dataset(cli, dataset: Path, store: str, command: list) -> None:
    # the hint's line is run as it is written: without --sites it asked the shipped trial
    args = ["--trial", "NCT99999999"] if command[0] != "info" else []
    run = cli(*command, *args, "--sites", str(dataset))
    assert run.exit_code == 1 and "has no trial NCT99999999" in run.stderr  # well formed, absent: no result
    hint = run.stderr.rsplit("(see: sitefinder ", 1)[1].rstrip(")\n").split()
    assert hint == ["info", "--sites", str(dataset)]
    listed = cli(*hint)
    assert listed.exit_code == 0 and "NCT07010263" in listed.stdout


def test_by_hospital_lists_each_hospital_once_with_its_trials_and_whom_to_call(cli, tmp_path: Path, store: str) -> None:
    # two studies at one hospital, spelt differently: one hospital, two trials
    first, second = study(EXPORT / "NCT05288205.json"), study(EXPORT / "NCT05351788.json")  # both with contacts
    location = dict(first["protocolSection"]["contactsLocationsModule"]["locations"][0])
    location["facility"] = "  " + location["facility"].upper().replace(" ", "  ") + "."
    second["protocolSection"]["contactsLocationsModule"]["locations"].append(location)
    export = write_export(tmp_path, [first, second])
    assert cli("import", str(export), "--out", str(tmp_path / "h")).exit_code == 0
    run = cli("near", location["city"], "--by", "hospital", "--sites", str(tmp_path / "h" / "sites.csv"), "--json",
              "--limit", "3")
    assert run.exit_code == 0, run.stderr
    hospitals = run.json()["hospitals"]
    keys = [(h["facility"].casefold(), h["city"]) for h in hospitals]
    assert len(keys) == len(set(keys)) == 3
    top = hospitals[0]
    assert {row["nct_id"] for row in top["trials"]} == {first["protocolSection"]["identificationModule"]["nctId"],
                                                        second["protocolSection"]["identificationModule"]["nctId"]}
    # no site contact there: each trial's own central contact, said to be the trial's
    assert [(row["call"]["central"], row["call"]["line"].split(",")[0]) for row in top["trials"]] == \
        [(True, "Shanghai Allist Pharmaceuticals Co."), (True, "XiaoPin Jin")]
    assert all(row["effective_status"] for row in top["trials"])
    table = cli("near", location["city"], "--by", "hospital", "--sites", str(tmp_path / "h" / "sites.csv"),
                "--limit", "1", env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "Whom to call" in table.stdout and table.stdout.count("NCT") >= 2


def test_info_lists_the_trials_and_shows_one(cli, dataset: Path, store: str) -> None:
    listing = cli("info", "--sites", str(dataset), "--json").json()
    assert listing["trial_count"] == 7 and listing["site_count"] == sum(t["site_count"] for t in listing["trials"])
    apple = next(t for t in listing["trials"] if t["nct_id"] == "NCT02856893")
    assert (apple["trial"], apple["overall_status"], apple["phase"], apple["site_count"]) == \
        ("APPLE", "ACTIVE_NOT_RECRUITING", "PHASE2", 23)
    assert apple["data_date"]
    one = cli("info", "nct02856893", "--sites", str(dataset), "--json")
    assert one.exit_code == 0, one.stderr
    assert one.json()["trial"]["acronym"] == "APPLE" and one.json()["site_count"] == 23
    show = cli("show", "1", "--sites", str(dataset), "--json").json()
    assert show["site"]["nct_id"] == show["trial"]["nct_id"] == "NCT02856893"


def test_update_refreshes_every_trial_in_batched_pages_and_reports_each(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fake_services import FakeServices

    chosen = [study(path) for path in STUDIES[:4]]
    export = write_export(tmp_path, chosen)
    assert cli("import", str(export), "--out", str(tmp_path / "u")).exit_code == 0
    sites = tmp_path / "u" / "sites.csv"
    ids = [item["protocolSection"]["identificationModule"]["nctId"] for item in chosen]
    monkeypatch.setattr("sitefinder.update.BATCH_IDS", 3)  # two batches, the first in two pages
    monkeypatch.setattr("sitefinder.update.PAGE_SIZE", 2)
    with FakeServices() as fake:
        for item in chosen[:3]:  # the fourth is no longer answered for
            fake.studies[item["protocolSection"]["identificationModule"]["nctId"]] = item
        closed = fake.studies[ids[1]]
        closed["protocolSection"]["statusModule"]["overallStatus"] = "TERMINATED"
        locations = closed["protocolSection"]["contactsLocationsModule"]["locations"]
        gone = locations.pop(0)
        run = cli("update", "--sites", str(sites), "--json", env={"SITEFINDER_CTGOV_URL": fake.url})
        assert run.exit_code == 0, run.stderr
        searches = [path for path in fake.requests if path.startswith("/api/v2/studies?")]
    assert len(searches) == 3 and all("filter.ids=" in path for path in searches)
    answer = {item["nct_id"]: item for item in run.json()["trials"]}
    assert list(answer) == ids
    assert (answer[ids[1]]["overall_status_before"], answer[ids[1]]["overall_status"]) == ("COMPLETED", "TERMINATED")
    assert [site["facility"] for site in answer[ids[1]]["removed"]] == [gone["facility"]]
    assert answer[ids[0]]["added"] == answer[ids[0]]["removed"] == [] and answer[ids[0]]["found"]
    assert not answer[ids[3]]["found"] and "did not return" in run.stderr
    after = cli("info", "--sites", str(sites), "--json").json()
    assert {t["nct_id"]: t["overall_status"] for t in after["trials"]}[ids[1]] == "TERMINATED"
    assert all(t["data_date"] for t in after["trials"])


def test_a_failed_update_of_many_trials_changes_nothing(cli, tmp_path: Path) -> None:
    from fake_services import FakeServices

    export = write_export(tmp_path, [study(path) for path in STUDIES[:3]])
    assert cli("import", str(export), "--out", str(tmp_path / "u")).exit_code == 0
    sites = tmp_path / "u" / "sites.csv"
    before = sites.read_bytes(), (tmp_path / "u" / "trials.json").read_bytes()
    for mode in ("fail", "malformed", "truncated"):
        with FakeServices() as fake:
            fake.mode = mode
            run = cli("update", "--sites", str(sites), env={"SITEFINDER_CTGOV_URL": fake.url, "SITEFINDER_TIMEOUT": "2"})
        assert run.exit_code == 1 and run.stderr.count("\n") == 1 and run.stdout == "", (mode, run.stderr)
        assert (sites.read_bytes(), (tmp_path / "u" / "trials.json").read_bytes()) == before


def test_a_long_import_says_how_far_it_is_on_stderr(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """To a terminal, and its last progress line is the true count (it had stopped at the last
    second's, "Studies imported: 29…" for 190); to a file or pipe, no progress line at all (a log
    would keep a count that was never the end)."""
    import sitefinder.output.streams as streams

    monkeypatch.setattr("sitefinder.bulkimport.PROGRESS_AFTER_S", 0.0)  # as if every study took long
    export = write_export(tmp_path, [study(path) for path in STUDIES])
    off_terminal = cli("import", str(export), "--out", str(tmp_path / "o"), "--json")
    assert off_terminal.exit_code == 0 and off_terminal.json()["trial_count"] == len(STUDIES)
    assert "imported" not in off_terminal.stderr.lower() and "…" not in off_terminal.stderr
    monkeypatch.setattr(streams, "stderr_is_terminal", lambda: True)
    for lang, count in (("en", f"{len(STUDIES)} of {len(STUDIES)}"), ("zh", f"{len(STUDIES)} / {len(STUDIES)}")):
        run = cli("import", str(export), "--out", str(tmp_path / f"p{lang}"), "--json", "--lang", lang)
        assert run.exit_code == 0 and run.json()["trial_count"] == len(STUDIES)  # stdout stays data
        progress = [line for line in run.stderr.splitlines() if line.endswith("…")]
        assert progress and count in progress[-1], run.stderr
    monkeypatch.setattr("sitefinder.bulkimport.PROGRESS_AFTER_S", 60.0)
    quiet = cli("import", str(export), "--out", str(tmp_path / "q"), "--json")
    assert "imported" not in quiet.stderr.lower()  # a short import says nothing while it runs


def test_a_zip_is_read_within_bounds(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sitefinder.bulkimport.MAX_ZIP_MEMBERS", 3)
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for path in STUDIES:
            handle.write(path, path.name)
    run = cli("import", str(archive), "--out", str(tmp_path / "z"))
    assert run.exit_code == 1 and "at most 3" in run.stderr and not (tmp_path / "z" / "sites.csv").exists()
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as handle:
        handle.writestr("/etc/NCT00000001.json", "{}")
        handle.writestr("a/../../NCT00000002.json", "{}")
    run = cli("import", str(empty), "--out", str(tmp_path / "y"))
    assert run.exit_code == 1 and "no NCT*.json files" in run.stderr


@pytest.mark.benchmark
def test_many_trials_benchmark_runs() -> None:
    """Smoke: the benchmark runs end to end on a small export; no timing is asserted."""
    import subprocess
    import sys

    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "many_trials.py"), "--studies", "20",
                          "--repeat", "1"], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "Import: 20 studies" in run.stdout and "near Guangzhou --json (many)" in run.stdout


def test_the_import_builds_the_index_so_the_first_question_is_fast(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    cache = Path(os.environ["SITEFINDER_CACHE_DIR"])
    before = set(cache.glob("sites-*.sqlite"))
    export = write_export(tmp_path, [study(path) for path in STUDIES])
    assert cli("import", str(export), "--out", str(tmp_path / "w")).exit_code == 0
    built = set(cache.glob("sites-*.sqlite")) - before
    assert len(built) == 1
    stamp = next(iter(built)).stat().st_mtime_ns
    assert cli("near", "Paris", "--sites", str(tmp_path / "w" / "sites.csv"), "--json").exit_code == 0
    assert next(iter(built)).stat().st_mtime_ns == stamp  # used as built, not built again


def test_update_keeps_to_the_countries_the_import_kept(cli, tmp_path: Path) -> None:
    from fake_services import FakeServices

    chosen = [study(EXPORT / "NCT05288205.json"), study(EXPORT / "NCT05351788.json")]
    chosen[0]["protocolSection"]["contactsLocationsModule"]["locations"].append(
        {"facility": "Institut Curie", "city": "Paris", "country": "France"})
    export = write_export(tmp_path, chosen)
    assert cli("import", str(export), "--out", str(tmp_path / "k"), "--country", "China").exit_code == 0
    sites = tmp_path / "k" / "sites.csv"
    with FakeServices() as fake:
        for item in chosen:
            fake.studies[item["protocolSection"]["identificationModule"]["nctId"]] = item
        run = cli("update", "--sites", str(sites), "--json", env={"SITEFINDER_CTGOV_URL": fake.url})
    assert run.exit_code == 0, run.stderr
    assert all(item["added"] == [] for item in run.json()["trials"])
    with sites.open(encoding="utf-8") as handle:
        assert {row["country"] for row in csv.DictReader(handle)} == {"China"}


def test_a_study_given_twice_is_imported_once(cli, tmp_path: Path) -> None:
    export = write_export(tmp_path, [study(STUDIES[0]), study(STUDIES[1])])
    run = cli("import", str(export), str(STUDIES[1]), "--out", str(tmp_path / "t"), "--json")
    assert run.exit_code == 0, run.stderr
    assert run.json()["trial_count"] == 2 and run.json()["site_count"] == sum(map(location_count, map(study, STUDIES[:2])))
    assert [item["nct_id"] for item in run.json()["skipped"]] == [study(STUDIES[1])["protocolSection"]
                                                                 ["identificationModule"]["nctId"]]


def test_sites_naming_trials_without_a_trials_file_can_still_be_narrowed(cli, sites_file) -> None:
    from conftest import make_site

    path = sites_file(make_site(1, nct_id="NCT00000001"), make_site(2, "Other Hospital", nct_id="NCT00000002"))
    run = cli("list", "--sites", str(path), "--trial", "NCT00000002", "--json")
    assert run.exit_code == 0, run.stderr
    assert [site["facility"] for site in run.json()["sites"]] == ["Other Hospital"]


# ---------------------------------------------------------------- update of many, with #19's guarantees

def _nct(item: dict) -> str:
    return item["protocolSection"]["identificationModule"]["nctId"]


def _dataset_of(cli, tmp_path: Path, count: int = 3) -> tuple[Path, list[dict]]:
    chosen = [study(path) for path in STUDIES[:count]]
    assert cli("import", str(write_export(tmp_path, chosen)), "--out", str(tmp_path / "s")).exit_code == 0
    return tmp_path / "s" / "sites.csv", chosen


def _ids(sites: Path) -> dict[tuple[str, str, str], int]:
    with sites.open(encoding="utf-8") as handle:
        return {(row["nct_id"], row["facility"], row["city"]): int(row["id"]) for row in csv.DictReader(handle)}


def test_update_of_many_refuses_an_answer_with_a_study_not_asked_for(cli, tmp_path: Path) -> None:
    from fake_services import FakeServices

    sites, chosen = _dataset_of(cli, tmp_path)
    before = sites.read_bytes(), (sites.parent / "trials.json").read_bytes()
    for answered in ("NCT99999999", None):  # another study, and one that names none
        with FakeServices() as fake:
            for item in chosen:
                fake.studies[_nct(item)] = item
            other = json.loads(json.dumps(chosen[1]))
            if answered is None:
                del other["protocolSection"]["identificationModule"]["nctId"]
            else:
                other["protocolSection"]["identificationModule"]["nctId"] = answered
            fake.studies[_nct(chosen[1])] = other  # the registry answers the request with it
            run = cli("update", "--sites", str(sites), env={"SITEFINDER_CTGOV_URL": fake.url})
        assert run.exit_code == 1 and run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
        assert "not asked for" in run.stderr and "nothing was written" in run.stderr
        assert (sites.read_bytes(), (sites.parent / "trials.json").read_bytes()) == before


def test_update_of_many_keeps_site_ids_across_the_dataset_and_never_reuses_one(cli, tmp_path: Path) -> None:
    from fake_services import FakeServices

    sites, chosen = _dataset_of(cli, tmp_path)
    first = _ids(sites)
    top = max(first.values())
    locations = chosen[1]["protocolSection"]["contactsLocationsModule"]["locations"]
    gone = locations.pop(0)  # the first site of the second trial closes...
    locations.append({**locations[0], "facility": "A New Hospital"})  # ...and another opens
    chosen[0]["protocolSection"]["contactsLocationsModule"]["locations"].insert(
        0, {**chosen[0]["protocolSection"]["contactsLocationsModule"]["locations"][0], "facility": "Another New One"})
    with FakeServices() as fake:
        for item in chosen:
            fake.studies[_nct(item)] = item
        run = cli("update", "--sites", str(sites), "--json", env={"SITEFINDER_CTGOV_URL": fake.url})
        assert run.exit_code == 0, run.stderr
        second = _ids(sites)
        gone_id = first[(_nct(chosen[1]), gone["facility"], gone["city"])]
        answer = run.json()
        assert answer["removed_ids"] == [gone_id]
        assert sorted(answer["added_ids"]) == [top + 1, top + 2]  # above every id the dataset used, in any trial
        assert answer["id_high_water"] == top + 2
        by_trial = {item["nct_id"]: item for item in answer["trials"]}
        assert by_trial[_nct(chosen[1])]["removed_ids"] == [gone_id]
        assert len(by_trial[_nct(chosen[0])]["added_ids"]) == 1
        assert all(second[key] == first[key] for key in first if key in second)  # every other site keeps its id
        assert len(set(second.values())) == len(second)  # unique across the trials
        show = cli("show", str(first[next(iter(first))]), "--sites", str(sites), "--json")
        assert show.exit_code == 0 and show.json()["site"]["facility"] == next(iter(first))[1]
        locations.insert(0, gone)  # it opens again: a new id, never the one it had (someone's "site N")
        again = cli("update", "--sites", str(sites), "--json", env={"SITEFINDER_CTGOV_URL": fake.url})
    assert again.exit_code == 0, again.stderr
    assert again.json()["added_ids"] == [top + 3] and again.json()["id_high_water"] == top + 3
    assert _ids(sites)[(_nct(chosen[1]), gone["facility"], gone["city"])] == top + 3


def test_update_of_many_waits_for_another_writer_of_the_dataset(cli, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import fcntl

    from fake_services import FakeServices

    sites, chosen = _dataset_of(cli, tmp_path)
    before = sites.read_bytes(), (sites.parent / "trials.json").read_bytes()
    monkeypatch.setattr("sitefinder.datasets.LOCK_WAIT_SECONDS", 0.3)
    with FakeServices() as fake, open(sites.parent / ".sitefinder" / "lock", "a") as held:
        for item in chosen:
            fake.studies[_nct(item)] = item
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # another import or update is writing
        run = cli("update", "--sites", str(sites), env={"SITEFINDER_CTGOV_URL": fake.url})
    assert run.exit_code == 1 and run.stdout == "" and run.stderr.count("\n") == 2, run.stderr
    assert run.stderr.startswith("Waiting for another import or update in ")
    assert "another import or update is running" in run.stderr
    assert (sites.read_bytes(), (sites.parent / "trials.json").read_bytes()) == before


def test_update_of_many_publishes_nothing_its_readers_would_refuse(cli, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from fake_services import FakeServices

    sites, chosen = _dataset_of(cli, tmp_path)
    before = sites.read_bytes(), (sites.parent / "trials.json").read_bytes()
    monkeypatch.setattr("sitefinder.sitesfile.MAX_FILE_BYTES", len(before[0]) + 1000)  # the cap of every reader
    locations = chosen[0]["protocolSection"]["contactsLocationsModule"]["locations"]
    locations.extend({**locations[0], "facility": f"Hospital {number}"} for number in range(100))
    with FakeServices() as fake:
        for item in chosen:
            fake.studies[_nct(item)] = item
        run = cli("update", "--sites", str(sites), env={"SITEFINDER_CTGOV_URL": fake.url})
    assert run.exit_code == 1 and run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
    assert "sites.csv would be" in run.stderr and "nothing was written" in run.stderr
    assert (sites.read_bytes(), (sites.parent / "trials.json").read_bytes()) == before


def test_the_trial_and_hospital_headers_are_chinese_under_lang_zh(cli, dataset: Path) -> None:
    english = cli("near", "Guangzhou", "--sites", str(dataset), "--limit", "3", env={"COLUMNS": "200"})
    chinese = cli("near", "Guangzhou", "--sites", str(dataset), "--limit", "3", "--lang", "zh",
                  env={"COLUMNS": "200"})
    header = next(line for line in english.stdout.splitlines() if "Facility" in line)
    assert "Trial" in header
    chinese_header = next(line for line in chinese.stdout.splitlines() if "医院" in line)
    assert "Trial" not in chinese_header and "试验" in chinese_header
    by_hospital = [cli("near", "Guangzhou", "--by", "hospital", "--sites", str(dataset), "--limit", "6", *lang,
                       env={"COLUMNS": "200"}) for lang in ([], ["--lang", "zh"])]
    assert all(run.exit_code == 0 for run in by_hospital), by_hospital[1].stderr
    for english_word in ("Hospitals nearest", "Whom to call", "Trial  "):
        assert english_word in by_hospital[0].stdout and english_word not in by_hospital[1].stdout


def test_the_map_pages_table_names_each_sites_trial(cli, dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    run = cli("map", "Guangzhou", "--sites", str(dataset), "--limit", "6", "--json")
    assert cli("map", "Guangzhou", "--sites", str(dataset), "--limit", "6", "--out", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    headers = re.findall(r"<th>([^<]*)</th>", page)
    assert "Trial" in headers
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    trial_at = headers.index("Trial")
    trials = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[trial_at] for row in rows]
    assert [cell.split()[0] for cell in trials] == [site["nct_id"] for site in run.json()["sites"]]
    assert len(set(trials)) >= 2  # several trials in the one table


@pytest.mark.parametrize("lang", [[], ["--lang", "zh"]])
def test_by_hospital_says_how_current_the_data_are_as_near_does(cli, dataset: Path, lang: list[str]) -> None:
    """Every near answer ends with the registry data's date; --by hospital is one (its trials' oldest)."""
    for sites in ([], ["--sites", str(dataset)]):
        near = cli("near", "Beijing", *sites, *lang, env={"COLUMNS": "200"})
        hospitals = cli("near", "Beijing", "--by", "hospital", *sites, *lang, env={"COLUMNS": "200"})
        assert near.exit_code == hospitals.exit_code == 0, hospitals.stderr
        date_words = next(line for line in near.stdout.splitlines() if "2025-" in line or "2026-" in line)
        date = next(word for word in date_words.replace("，", " ").replace("（", " ").split() if word[:3] == "202")
        assert date in hospitals.stdout


def test_a_mistyped_trial_id_is_offered_the_datasets_closest_id(cli, dataset: Path) -> None:
    """`--trial NCT0584364` in a dataset of many said "it looks like NCT07010263", the shipped
    trial's id, not one of the dataset's."""
    trials = json.loads((dataset.parent / "trials.json").read_text(encoding="utf-8"))["trials"]
    for trial in trials:
        nct = trial["nct_id"]
        short = cli("near", "Guangzhou", "--trial", nct[:-1], "--sites", str(dataset))
        assert short.exit_code == 2 and f"did you mean {nct}?" in short.stderr, short.stderr
        other = nct[:-1] + str((int(nct[-1]) + 1) % 10)
        if other not in {t["nct_id"] for t in trials}:
            off = cli("near", "Guangzhou", "--trial", other, "--sites", str(dataset))
            assert off.exit_code == 1 and off.stderr.split("its trials: ", 1)[1].startswith(nct), off.stderr


# ---------------------------------------------------------------- words for many trials, not one

def test_empty_answers_speak_of_the_datasets_trials(cli, dataset: Path) -> None:
    """A dataset of many trials is not "this trial": each empty answer says no trial of it has a site there."""
    for args in (("list", "--city", "Lhasa"), ("near", "Tibet"), ("near", "Mongolia"), ("near", "Qinghai")):
        for lang, one, many in (("en", "this trial", "trial of this dataset"), ("zh", "该试验", "本数据集")):
            run = cli(*args, "--sites", str(dataset), "--lang", lang)
            assert run.exit_code in (0, 1), run.stderr
            assert one not in run.stderr.lower() and many in run.stderr, (args, lang, run.stderr)


def test_one_trial_is_still_this_trial(cli) -> None:
    run = cli("list", "--city", "Lhasa")
    assert "This trial has no site in that city" in run.stderr
    assert "is an autonomous region without a site of this trial" in cli("near", "Tibet").stderr


def test_an_empty_status_answer_gives_the_datasets_data_date(cli, dataset: Path) -> None:
    run = cli("list", "--status", "withdrawn", "--sites", str(dataset))
    assert "date of these registry data is unknown" not in run.stderr
    assert re.search(r"Oldest registry data \(NCT\d{8}\) of \d{4}-\d\d-\d\d", run.stderr), run.stderr


def test_json_of_many_trials_gives_the_oldest_data_date_not_null(cli, dataset: Path) -> None:
    trials = json.loads((dataset.parent / "trials.json").read_text(encoding="utf-8"))["trials"]
    date_of = {trial["nct_id"]: (trial["retrieved"] or trial["last_update"])[:10] for trial in trials}
    near = cli("near", "Beijing", "--limit", "12", "--json", "--sites", str(dataset)).json()
    shown = {site["nct_id"] for site in near["sites"]}
    assert len(shown) > 1 and near["data_date"] == min(date_of[nct] for nct in shown)
    for args in (("list",), ("near", "China")):
        data = cli(*args, "--json", "--sites", str(dataset)).json()
        assert len({site["nct_id"] for site in data["sites"]}) > 1
        assert data["data_date"] in date_of.values() and data["data_age_days"] is not None, args


@pytest.mark.parametrize(("phases", "english", "chinese"), [
    (["EARLY_PHASE1"], "Early phase 1", "早期 1 期"),
    (["NA"], "Not applicable", "不适用"),
    (["PHASE1", "PHASE2"], "Phase 1/Phase 2", "1 期/2 期"),
])
def test_registry_phases_read_as_words(cli, tmp_path: Path, phases: list[str], english: str, chinese: str) -> None:
    """The registry's enum values are never shown as written (EARLY Phase 1, NA), in the list and in one trial's facts."""
    data = study(CTGOV_STUDY)
    data["protocolSection"]["designModule"]["phases"] = phases
    data["protocolSection"]["identificationModule"]["nctId"] = "NCT00000009"
    other = write_export(tmp_path, [data, study(STUDIES[0])])
    assert cli("import", str(other), "--out", str(tmp_path / "d")).exit_code == 0
    sites = str(tmp_path / "d" / "sites.csv")
    for args in (("info",), ("info", "NCT00000009")):
        shown = cli(*args, "--sites", sites, env={"COLUMNS": "200"}).stdout
        assert english in shown and "EARLY" not in shown and " NA " not in shown, shown
        assert chinese in cli(*args, "--sites", sites, "--lang", "zh", env={"COLUMNS": "200"}).stdout


def test_an_arm_without_a_type_has_no_empty_brackets(cli, tmp_path: Path) -> None:
    data = study(CTGOV_STUDY)
    data["protocolSection"]["armsInterventionsModule"]["armGroups"] = [{"label": "Cohort A"},
                                                                       {"label": "Cohort B", "type": "PLACEBO_COMPARATOR"}]
    path = tmp_path / "one.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert cli("import", str(path), "--out", str(tmp_path / "d")).exit_code == 0
    shown = cli("info", "--sites", str(tmp_path / "d" / "sites.csv"), env={"COLUMNS": "200"}).stdout
    assert "Cohort A; Cohort B (placebo comparator)" in shown and "()" not in shown


def test_an_arms_type_is_said_in_chinese(cli, tmp_path: Path) -> None:
    data = study(CTGOV_STUDY)
    kinds = {"EXPERIMENTAL": "试验组", "ACTIVE_COMPARATOR": "阳性对照", "PLACEBO_COMPARATOR": "安慰剂对照",
             "SHAM_COMPARATOR": "假干预对照", "NO_INTERVENTION": "无干预", "OTHER": "其他"}
    data["protocolSection"]["armsInterventionsModule"]["armGroups"] = [
        {"label": f"Arm {index}", "type": kind} for index, kind in enumerate(kinds)] + [{"label": "Arm (b)"}]
    path = tmp_path / "one.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert cli("import", str(path), "--out", str(tmp_path / "d")).exit_code == 0
    sites = str(tmp_path / "d" / "sites.csv")
    shown = cli("info", "--sites", sites, "--lang", "zh", env={"COLUMNS": "400"}).stdout
    for index, zh in enumerate(kinds.values()):
        assert f"Arm {index}（{zh}）" in shown, shown
    assert "Arm (b)" in shown  # a label's own brackets are no type
    english = cli("info", "--sites", sites, env={"COLUMNS": "400"}).stdout
    assert "Arm 1 (active comparator)" in english and "（" not in english


# ---------------------------------------------------------------- an import over another trial's dataset

def test_import_over_another_trials_dataset_is_refused_without_replace(cli, tmp_path: Path) -> None:
    out = tmp_path / "d"
    assert cli("import", str(CTGOV_STUDY), "--out", str(out)).exit_code == 0
    before = (out / "sites.csv").read_bytes()
    other = str(STUDIES[0])
    run = cli("import", other, "--out", str(out))
    assert run.exit_code == 2 and run.stderr.count("\n") == 1
    assert "NCT07010263" in run.stderr and "--replace" in run.stderr and "nothing was written" in run.stderr
    assert (out / "sites.csv").read_bytes() == before  # nothing lost
    chinese = cli("import", other, "--out", str(out), "--lang", "zh")
    assert chinese.exit_code == 2 and chinese.stderr.startswith("错误：") and "NCT07010263" in chinese.stderr
    replaced = cli("import", other, "--out", str(out), "--replace")
    assert replaced.exit_code == 0, replaced.stderr
    assert "NCT07010263" in replaced.stderr and "replaced" in replaced.stderr.lower()  # said, on stderr
    assert cli("info", "--sites", str(out / "sites.csv"), "--json").json()["trial"]["nct_id"] == STUDIES[0].stem


def test_import_that_keeps_every_trial_there_needs_no_replace(cli, tmp_path: Path) -> None:
    """The same study again (a refresh), or the trials there and more: nothing is lost, nothing is asked."""
    out = tmp_path / "d"
    assert cli("import", str(CTGOV_STUDY), "--out", str(out)).exit_code == 0
    again = cli("import", str(CTGOV_STUDY), "--out", str(out))
    assert again.exit_code == 0 and "replaced" not in again.stderr
    more = cli("import", str(CTGOV_STUDY), str(STUDIES[0]), "--out", str(out))
    assert more.exit_code == 0 and "replaced" not in more.stderr
    fewer = cli("import", str(STUDIES[0]), "--out", str(out))
    assert fewer.exit_code == 2 and "NCT07010263" in fewer.stderr


def test_the_trial_lists_example_command_opens_that_trial_of_this_dataset(cli, dataset: Path) -> None:
    """`info --sites DIR/sites.csv` ends with the line that shows one trial: with --sites, or it asks the shipped data."""
    for lang in ("en", "zh"):
        run = cli("info", "--sites", str(dataset), "--lang", lang)
        example = re.search(r"(sitefinder info NCT\d{8}[^)）]*)[)）]", run.stdout)
        assert example is not None, run.stdout
        words = example.group(1).split()[1:]
        assert words[2:] == ["--sites", str(dataset), "--lang", lang], words  # what every suggestion repeats
        assert cli(*words).exit_code == 0
