"""`sitefinder import`: any registry study becomes a sites file, offline from a file or online by id."""

from __future__ import annotations

import copy
import csv
import json
import re
from pathlib import Path

import pytest

from conftest import CTGOV_STUDY, SHIPPED_SITES, run_cli
from fake_services import FakeServices
from sitefinder.errors import ImportFailed
from sitefinder.importer import import_study
from sitefinder.queries import open_gazetteer
from sitefinder.sitesfile import read_sites_file


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def study() -> dict:
    return json.loads(CTGOV_STUDY.read_text(encoding="utf-8"))


def test_importing_the_registry_json_reproduces_the_shipped_data(cli, tmp_path: Path) -> None:
    run = cli("import", str(CTGOV_STUDY), "--out", str(tmp_path / "t"), "--json")
    assert run.exit_code == 0, run.stderr
    summary = run.json()
    assert (summary["site_count"], summary["placed_offline"], summary["unplaced"]) == (42, 42, [])
    imported, shipped = rows(tmp_path / "t" / "sites.csv"), rows(SHIPPED_SITES)
    for mine, theirs in zip(imported, shipped, strict=True):
        # The API rendering leaves out the ", M.D." that the registry page gives each site contact.
        theirs_contacts = json.loads(theirs.pop("contacts"))
        mine_contacts = json.loads(mine.pop("contacts"))
        assert mine.pop("nct_id") == "NCT07010263"  # the column imports add: each site names its trial
        assert mine == theirs  # every column, coordinates and notes included
        assert mine_contacts == [{**c, "name": c["name"].removesuffix(", M.D.")} for c in theirs_contacts]
    trial = json.loads((tmp_path / "t" / "trial.json").read_text(encoding="utf-8"))
    assert (trial["nct_id"], trial["overall_status"], trial["enrollment"]) == ("NCT07010263", "NOT_YET_RECRUITING", 480)


def test_near_on_imported_data_gives_the_shipped_answer(cli, tmp_path: Path) -> None:
    assert cli("import", str(CTGOV_STUDY), "--out", str(tmp_path)).exit_code == 0
    imported = cli("near", "Guangzhou", "--sites", str(tmp_path / "sites.csv"), "--json").json()
    shipped = cli("near", "Guangzhou", "--json").json()
    strip = lambda sites: [(s["id"], s["facility"], s["distance_km"], s["effective_status"]) for s in sites]  # noqa: E731
    assert strip(imported["sites"]) == strip(shipped["sites"])
    assert imported["origin"] == shipped["origin"]


def test_state_narrows_geocoding_fuzhou_jiangxi_ranks_first_for_fuzhou_jiangxi(cli, tmp_path: Path) -> None:
    data = study()
    locations = data["protocolSection"]["contactsLocationsModule"]["locations"]
    locations.append({"facility": "Fuzhou Jiangxi Test Hospital", "city": "Fuzhou", "state": "Jiangxi",
                      "country": "China", "contacts": [{"name": "A. Li", "role": "PRINCIPAL_INVESTIGATOR"}]})
    source = tmp_path / "study.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    assert cli("import", str(source), "--out", str(tmp_path / "t")).exit_code == 0
    first = cli("near", "抚州", "--sites", str(tmp_path / "t" / "sites.csv"), "--json").json()["sites"][0]
    assert first["facility"] == "Fuzhou Jiangxi Test Hospital" and first["distance_km"] == 0
    table = cli("near", "抚州", "--sites", str(tmp_path / "t" / "sites.csv"))
    assert "A. Li" in table.stdout  # a principal investigator leads the investigator column


def test_geo_point_status_and_contact_details_carry_over() -> None:
    data = study()
    location = data["protocolSection"]["contactsLocationsModule"]["locations"][0]
    location.update(status="RECRUITING", geoPoint={"lat": 39.9, "lon": 116.4},
                    contacts=[{"name": "Rong Yu", "role": "CONTACT", "phone": "+86 10 1234", "phoneExt": "12",
                               "email": "ry@example.org"}, {"name": "P. I.", "role": "PRINCIPAL_INVESTIGATOR"}])
    result = import_study(data, open_gazetteer())
    site = result.sites[0]
    assert (site.latitude, site.longitude, site.coordinate_source) == (39.9, 116.4, "registry")
    assert site.status == "RECRUITING" and result.from_registry == 1
    assert (site.contacts[0].phone, site.contacts[0].phone_ext, site.contacts[0].email) == ("+86 10 1234", "12",
                                                                                          "ry@example.org")
    assert site.contacts[1].role == "PRINCIPAL_INVESTIGATOR"


def test_unplaceable_site_is_listed_not_ranked_or_fails_with_strict(cli, tmp_path: Path) -> None:
    data = study()
    data["protocolSection"]["contactsLocationsModule"]["locations"].append(
        {"facility": "Nowhere Clinic", "city": "Qwxzyville", "state": "Zzz", "country": "Nowhereland"})
    source = tmp_path / "study.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    run = cli("import", str(source), "--out", str(tmp_path / "t"))
    assert run.exit_code == 0 and "Not placed" in run.stderr and "Nowhere Clinic" in run.stderr
    sites = tmp_path / "t" / "sites.csv"
    assert any(s.facility == "Nowhere Clinic" and not s.has_coordinates for s in read_sites_file(sites).sites)
    assert "Nowhere Clinic" in cli("list", "--sites", str(sites)).stdout
    near = cli("near", "Beijing", "--sites", str(sites), "--limit", "50", "--json")
    assert "Nowhere Clinic" not in near.stdout and "1 matching site in China or of no known country has no coordinates" in near.stderr
    strict = cli("import", str(source), "--out", str(tmp_path / "s"), "--strict")
    assert strict.exit_code == 1 and "Nowhere Clinic" in strict.stderr
    assert not (tmp_path / "s" / "sites.csv").exists()


@pytest.mark.parametrize("content, message", [
    ("{not json", "not valid JSON"), ('{"studies": []}', "no protocolSection"), ("[]", "no protocolSection"),
])
def test_bad_study_files(cli, tmp_path: Path, content: str, message: str) -> None:
    source = tmp_path / "study.json"
    source.write_text(content, encoding="utf-8")
    run = cli("import", str(source), "--out", str(tmp_path / "t"))
    assert run.exit_code == 1 and message in run.stderr and run.stderr.count("\n") == 1


@pytest.mark.parametrize("name, content, what", [
    ("passwd", b"root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n", "plain text"),
    ("sites.csv", b"id,facility,city,latitude,longitude\n1,A Hospital,Jinan,36.6,117.0\n", "CSV"),
    ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "binary"),
    ("notes.txt", "病历 notes about a trial\n".encode("utf-8"), "plain text"),
    ("empty.json", b"", "empty"),
    ("blank.json", b"  \n\n", "empty"),
    ("config.json", b'{"name": "x", "version": 2}', "JSON"),
    ("numbers.json", b"[1, 2, 3]", "JSON"),
    ("broken.json", b'{"protocolSection": {', "not valid JSON"),
])
def test_a_file_that_is_no_study_record_says_what_import_expects(cli, tmp_path: Path, name: str, content: bytes,
                                                                  what: str) -> None:
    """Whatever the file is, one line: what it is, and what `import` takes (exit 1, a bad input file)."""
    source = tmp_path / name
    source.write_bytes(content)
    run = cli("import", str(source), "--out", str(tmp_path / "t"))
    assert run.exit_code == 1 and run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
    line = run.stderr
    assert name in line and what in line, line
    for expected in ("ClinicalTrials.gov study record", "JSON", "zip", "folder", "NCT id with --online"):
        assert expected in line, line
    assert not (tmp_path / "t" / "sites.csv").exists()


def test_a_study_file_that_breaks_off_still_says_where(cli, tmp_path: Path) -> None:
    source = tmp_path / "study.json"
    source.write_text('{"protocolSection": {"identificationModule": \n  {"nctId": "NCT1"', encoding="utf-8")
    run = cli("import", str(source), "--out", str(tmp_path / "t"))
    assert run.exit_code == 1 and "not valid JSON (line 2:" in run.stderr


def test_odd_but_valid_study_shapes_do_not_crash(tmp_path: Path) -> None:
    data = copy.deepcopy(study())
    module = data["protocolSection"]["contactsLocationsModule"]
    module["locations"] = [{"facility": None, "city": 5, "geoPoint": {"lat": "x"}}, {"contacts": None}]
    result = import_study(data, open_gazetteer())
    assert [site.id for site in result.sites] == [1, 2] and len(result.unplaced) == 2


def test_missing_file_and_nct_id_without_online(cli, tmp_path: Path) -> None:
    missing = cli("import", str(tmp_path / "none.json"), "--out", str(tmp_path))
    assert missing.exit_code == 2 and "no such file" in missing.stderr  # a file named that is not there: usage
    offline = cli("import", "NCT07010263", "--out", str(tmp_path))
    assert offline.exit_code == 2 and "needs --online" in offline.stderr


class TestOnlineImport:
    def test_fetches_by_id_from_the_configured_registry(self, cli, tmp_path: Path) -> None:
        with FakeServices() as fake:
            run = cli("import", "nct07010263", "--online", "--out", str(tmp_path), "--json",
                      env={"SITEFINDER_CTGOV_URL": fake.url})
            assert fake.requests == ["/api/v2/studies/NCT07010263"]
        assert run.exit_code == 0, run.stderr
        assert run.json()["site_count"] == 42 and (tmp_path / "sites.csv").exists()

    @pytest.mark.parametrize("mode, nct, code, message", [
        ("ok", "NCT00000000", 1, "has no study NCT00000000"),
        ("fail", "NCT07010263", 1, "answered HTTP 503"),
        ("malformed", "NCT07010263", 1, "not valid JSON"),
        ("slow", "NCT07010263", 1, "did not answer within 0.5 s; try again later, or allow it longer with "
                                   "SITEFINDER_TIMEOUT"),
    ])
    def test_registry_failures_are_one_clean_line(self, cli, tmp_path: Path, mode: str, nct: str, code: int,
                                                  message: str) -> None:
        with FakeServices() as fake:
            fake.mode = mode
            run = cli("import", nct, "--online", "--out", str(tmp_path),
                      env={"SITEFINDER_CTGOV_URL": fake.url, "SITEFINDER_TIMEOUT": "0.5"})
        assert run.exit_code == code and message in run.stderr, run.stderr
        assert run.stderr.count("\n") == 1 and run.stdout == ""

    def test_unreachable_registry(self, cli, tmp_path: Path) -> None:
        with FakeServices() as fake:
            url = fake.url  # the port is free again once the server is gone
        run = cli("import", "NCT07010263", "--online", "--out", str(tmp_path), env={"SITEFINDER_CTGOV_URL": url})
        assert run.exit_code == 1 and "cannot reach the registry" in run.stderr


def _study_with(locations: list[dict]) -> dict:
    data = study()
    data["protocolSection"]["contactsLocationsModule"]["locations"] = locations
    return data


class _CountingGazetteer:
    """The real gazetteer, counting the calls whose cost grows with the gazetteer (not the row)."""

    def __init__(self) -> None:
        self.real, self.calls = open_gazetteer(), {"close_spellings": 0, "division_places": 0, "places": 0}

    def __getattr__(self, name: str):
        attribute = getattr(self.real, name)
        if name in self.calls:
            def counted(*args, **kwargs):
                self.calls[name] += 1
                return attribute(*args, **kwargs)
            return counted
        return attribute


def test_repeated_rows_are_placed_once_with_the_same_answer() -> None:
    real = json.loads((Path(__file__).parents[1] / "benchmarks" / "placement" / "locations.json")
                      .read_text(encoding="utf-8"))["locations"]
    rows = [{key: value for key, value in loc.items() if key not in ("geoPoint", "study")} for loc in real[:40]]
    once = import_study(_study_with(rows), open_gazetteer()).sites
    counting = _CountingGazetteer()
    many = import_study(_study_with(rows * 5), counting).sites
    places_per_copy = counting.calls["places"]
    assert [site[1:] for site in many[:40]] == [site[1:] for site in once]
    assert [site[1:] for site in many] == [site[1:] for site in once] * 5
    single = _CountingGazetteer()
    import_study(_study_with(rows), single)
    assert places_per_copy == single.calls["places"]  # the four repeats cost no lookups at all


def test_a_hostile_registry_answer_cannot_make_an_import_search_without_bound() -> None:
    from sitefinder.placement import MAX_SPELLING_SEARCHES

    made_up = [{"facility": f"Clinic {n}", "city": f"Qzx{n:05d}ville", "state": "Ohio", "country": "United States"}
               for n in range(MAX_SPELLING_SEARCHES + 30)]
    counting = _CountingGazetteer()
    result = import_study(_study_with(made_up), counting)
    assert counting.calls["close_spellings"] == MAX_SPELLING_SEARCHES
    assert len(result.unplaced) == len(made_up)
    assert "not searched for as a misspelling" in result.sites[-1].location_note
    assert "not searched" not in result.sites[0].location_note
    # a city no sites file could hold is refused where it enters, before any search, named
    made_up.append({"facility": "Huge", "city": "x" * 100_000, "state": "Ohio", "country": "United States"})
    counting = _CountingGazetteer()
    with pytest.raises(ImportFailed, match=r"locations\[\d+\]\.city is 100,000 characters long"):
        import_study(_study_with(made_up), counting)


@pytest.mark.parametrize("text", ['{\n x: 1}', '{"a" 1}', '[1 2]', '{"a": "abc', '{"a": "\\q"}', '{"a": "\\u12"}',
                                  '{} x', '[1,]', '{"a": "\x01"}'])
def test_why_a_file_is_no_json_is_said_in_the_answer_s_language(text: str, tmp_path: Path) -> None:
    """"（第 2 行：Expecting property name enclosed in double quotes）": the parser's reason was English
    inside a Chinese error; each of its reasons is a phrase of the catalogue."""
    study = tmp_path / "broken.json"
    study.write_text(text, encoding="utf-8")
    run = run_cli("import", str(study), "--out", str(tmp_path / "out"), env={"LANG": "zh_CN.UTF-8"})
    assert run.exit_code == 1 and run.stderr.count("\n") == 1, run.stderr
    said = run.stderr.replace(str(study), "").replace("ClinicalTrials.gov", "").replace("JSON", "")
    assert not re.search(r"[A-Za-z]{4,}", said.replace("NCT07010263", "").replace("NCT*.json", "").replace("zip", "")
                         .replace("API v2", "").replace("--online", "").replace("uXXXX", "")), run.stderr
