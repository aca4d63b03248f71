"""Round three, data side: numbers and names from any source are checked where they enter, the
registry's answer is checked against what was asked and what readers accept, and environment
variables are read strictly. Each test failed before its fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CTGOV_STUDY, run_cli
from fake_services import FakeServices
from sitefinder.paths import cache_dir


def study() -> dict:
    return json.loads(CTGOV_STUDY.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- one number reader

@pytest.mark.parametrize("value", [None, True, False, "1_0", "٢٣", "２３", "NaN", "inf", "-Infinity", "1e400",
                                   "", " ", "0x10", "95", [], {}, 200.0])
def test_the_number_reader_refuses_what_float_would_take(value: object) -> None:
    from sitefinder.numbers import coordinate

    with pytest.raises(ValueError):
        coordinate(value, 90)


@pytest.mark.parametrize("value, number", [("23.1", 23.1), (" -33.87 ", -33.87), (5, 5.0), ("1e1", 10.0),
                                           (".5", 0.5), ("+90", 90.0)])
def test_the_number_reader_reads_plain_numbers(value: object, number: float) -> None:
    from sitefinder.numbers import coordinate

    assert coordinate(value, 90) == number


_READER_VALUES = [None, True, False, "1_0", "٢٣", "２３", "NaN", "inf", "-Infinity", "1e400", "", " ", "0x10", "95",
                  [], {}, 200.0, float("nan"), float("-inf"), "23.1", " -33.87 ", 5, "1e1", ".5", "+90", "-90", 90,
                  -90.0, "90.0001", 180, "-180", 181, 0, "0", "+", "-.", "1.", "1e", "1e+2", b"12", 12.5]


@pytest.mark.parametrize("limit", [90, 180])
def test_is_coordinate_answers_as_the_reader_reads(limit: int) -> None:
    """is_coordinate asks without building the reader's error words: the same answer for every value."""
    from sitefinder.numbers import coordinate, is_coordinate

    for value in _READER_VALUES:
        try:
            coordinate(value, limit)
            read = True
        except ValueError:
            read = False
        assert is_coordinate(value, limit) is read, value


@pytest.mark.parametrize("answer", [
    {"lat": None, "lon": None},
    {"lon": "10"},
    {"lat": True, "lon": "10"},
    {"lat": "1_0", "lon": "10"},
    {"lat": "٢٣", "lon": "10"},
    {"lat": "２３", "lon": "10"},
    {"lat": "inf", "lon": "10"},
    {"lat": "23", "lon": "-181"},
])
def test_geocoder_coordinates_are_checked_never_cached_never_zero(answer: dict) -> None:
    with FakeServices() as fake:
        fake.places["qzxwvy springs"] = {**answer, "display_name": "Qzxwvy Springs",
                                          "address": {"town": "Qzxwvy Springs", "country": "Nowhere"}}
        run = run_cli("near", "Qzxwvy Springs", "--online", "--json",
                      env={"SITEFINDER_NOMINATIM_URL": fake.url, "SITEFINDER_TIMEOUT": "2"})
    assert run.exit_code == 1 and run.stdout == "" and run.stderr.count("\n") == 1, (run.stdout, run.stderr)
    assert "geocoder" in run.stderr and "Traceback" not in run.stderr
    assert not (cache_dir() / "geocode-cache.json").exists()


@pytest.mark.parametrize("address", [{"city": 5, "state": {"a": 1}, "country": None}, {"town": ["x"]}, "Paris",
                                     {"city": "Qzxwvy", "country": 7}])
def test_geocoder_names_are_type_checked(address: object) -> None:
    with FakeServices() as fake:
        fake.places["qzxwvy springs"] = {"lat": "40.7", "lon": "-74.0", "display_name": "Qzxwvy Springs",
                                          "address": address}
        run = run_cli("near", "Qzxwvy Springs", "--online",
                      env={"SITEFINDER_NOMINATIM_URL": fake.url, "SITEFINDER_TIMEOUT": "2"})
    assert run.exit_code == 1 and run.stdout == "", run.stdout
    assert "malformed answer (address" in run.stderr and run.stderr.count("\n") == 1, run.stderr
    assert "{'a': 1}" not in run.stderr + run.stdout
    assert not (cache_dir() / "geocode-cache.json").exists()


@pytest.mark.parametrize("text", ["1_0", "２３", "٢٣", "23.1e", "True"])
def test_sites_file_coordinates_use_the_same_reader(sites_file, text: str) -> None:
    from conftest import make_site
    path = sites_file(make_site(1))
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("23.11667", text)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = run_cli("list", "--sites", str(path))
    assert run.exit_code == 1 and run.stdout == ""
    assert f"{path}:2: latitude {text!r} is not a number" in run.stderr, run.stderr


def _decimal_or_none(text: str) -> float | None:
    from sitefinder.numbers import decimal

    try:
        return decimal(text)
    except ValueError:
        return None


def test_a_column_of_numbers_is_read_as_the_number_reader_reads_each_text() -> None:
    """numbers.decimals (a sites file's coordinate column at once) takes a text only where decimal
    takes it, and reads the same number: every text of up to five of the characters a decimal is
    written in, and texts float() would take that decimal refuses."""
    from itertools import product

    from sitefinder.numbers import decimals

    texts = ["".join(chars) for size in range(1, 6) for chars in product("01.+-eE", repeat=size)]
    texts += ["1_0", "٢٣", "２３", "nan", "-inf", "Infinity", "1e999", "-1e400", "1e-999", "0x10", "1\x00",
              "12.5", "+.5", "5.", "-0", "1E+05", "00012"]
    for text in texts:
        read = _decimal_or_none(text)
        assert decimals([text]) == (None if read is None else [read]), text
        assert decimals(["1.5", text, "2"]) == (None if read is None else [1.5, read, 2.0]), text


def test_a_registry_geopoint_of_true_is_not_a_coordinate(tmp_path: Path) -> None:
    data = study()
    location = data["protocolSection"]["contactsLocationsModule"]["locations"][0]
    location["geoPoint"] = {"lat": True, "lon": True}
    source = tmp_path / "study.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    run = run_cli("import", str(source), "--out", str(tmp_path / "out"), "--json")
    assert run.exit_code == 0, run.stderr
    first = run_cli("show", "1", "--json", "--sites", str(tmp_path / "out" / "sites.csv")).json()["site"]
    assert first["coordinate_source"] != "registry" and (first["latitude"], first["longitude"]) != (1.0, 1.0)


# ---------------------------------------------------------------- the registry's answer, and stable ids

from test_update import changed_study, env  # noqa: E402 - the fake registry's study a year on
from sitefinder.paths import default_sites_path, user_data_dir  # noqa: E402


@pytest.fixture
def registry():
    with FakeServices() as fake:
        yield fake


def locations(data: dict) -> list:
    return data["protocolSection"]["contactsLocationsModule"]["locations"]


def test_an_answer_about_another_study_is_refused(registry) -> None:
    other = study()
    other["protocolSection"]["identificationModule"]["nctId"] = "NCT99999999"
    locations(other)[:] = [{"facility": "Boston Hospital", "city": "Boston", "state": "Massachusetts",
                            "country": "United States"}]
    registry.studies["NCT07010263"] = other
    run = run_cli("update", "NCT07010263", env=env(registry))
    assert run.exit_code == 1 and run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
    assert "answered the request for NCT07010263 with study 'NCT99999999'" in run.stderr
    assert not (user_data_dir() / "NCT07010263").exists()
    assert run_cli("info", "--json").json()["trial"]["nct_id"] == "NCT07010263"
    run = run_cli("import", "NCT07010263", "--online", "--out", "x", env=env(registry))  # import too
    assert run.exit_code == 1 and "with study 'NCT99999999'" in run.stderr


def test_site_ids_are_stable_across_updates_and_never_reused(registry) -> None:
    shipped = {site["id"]: site["facility"] for site in run_cli("list", "--json").json()["sites"]}
    data = changed_study()  # site 30 (Qingdao) removed, Wuhan Union Hospital added at the end
    registry.studies["NCT07010263"] = data
    report = run_cli("update", "--json", env=env(registry)).json()
    assert (report["added_ids"], report["removed_ids"], report["id_high_water"]) == ([43], [30], 43)
    now = {site["id"]: site["facility"] for site in run_cli("list", "--json").json()["sites"]}
    assert {key: value for key, value in now.items() if key != 43} == {k: v for k, v in shipped.items() if k != 30}
    assert run_cli("show", "32", "--json").json()["site"]["facility"] == "Shanghai Chest Hospital"
    assert run_cli("show", "30").exit_code == 1  # gone, and not given to another
    # The new site goes again and another comes: 43 is not reused.
    locations(data)[-1] = {"facility": "Xiangya Hospital", "city": "Changsha", "state": "Hunan", "country": "China"}
    report = run_cli("update", "--json", env=env(registry)).json()
    assert (report["added_ids"], report["removed_ids"], report["id_high_water"]) == ([44], [43], 44)
    table = run_cli("update", env={**env(registry), "COLUMNS": "200"})
    assert "Nothing changed." in table.stdout
    locations(data).pop(0)
    table = run_cli("update", env={**env(registry), "COLUMNS": "200"})
    assert "Site ids: removed 1 (never reused); every other site keeps its id." in table.stdout


def test_one_of_two_same_named_sites_removed_is_told_apart_by_its_people(registry) -> None:
    data = study()
    hunan = [index for index, item in enumerate(locations(data)) if item["facility"] == "Hunan Cancer Hospital"]
    assert len(hunan) == 2
    second = locations(data)[hunan[0]]  # the first: matched in order, the other was said to go
    people = [contact["name"] for contact in second.get("contacts", [])]
    del locations(data)[hunan[0]]
    registry.studies["NCT07010263"] = data
    report = run_cli("update", "--json", env=env(registry)).json()
    assert [site["id"] for site in report["removed"]] == [hunan[0] + 1], report["removed"]
    # the shipped data write "Lin Wu, M.D." (the registry page), the API "Lin Wu"
    assert [person["name"].split(",")[0] for person in report["removed"][0]["investigators"]] == people
    assert report["changed"] == [] and report["added"] == []


def test_a_damaged_updated_copy_does_not_block_update(registry) -> None:
    registry.studies["NCT07010263"] = changed_study()
    assert run_cli("update", env=env(registry)).exit_code == 0
    copy = user_data_dir() / "NCT07010263" / "sites.csv"
    copy.resolve().write_text("id,facility\n1,x\n", encoding="utf-8")  # damaged in place
    assert run_cli("near", "Guangzhou").exit_code == 1
    run = run_cli("update", "--json", env=env(registry))
    assert run.exit_code == 0, run.stderr
    assert "could not be read" in run.stderr and "replaced" in run.stderr
    assert run_cli("near", "Guangzhou").exit_code == 0 and default_sites_path() == copy


@pytest.mark.parametrize("typed", ["ＮＣＴ07010263", "NCT０７０１０２６３", " nct07010263 "])
def test_a_full_width_nct_id_is_read_as_the_id(registry, typed: str) -> None:
    run = run_cli("update", typed, "--json", env=env(registry))
    assert run.exit_code == 0, run.stderr
    assert run.json()["nct_id"] == "NCT07010263" and registry.requests == ["/api/v2/studies/NCT07010263"]


@pytest.mark.parametrize("typed", ["NCT" + "0" * 5000, "NCT٠٧٠١٠٢٦٣", "x" * 5000])
def test_an_id_that_is_no_id_is_refused_and_cut(registry, tmp_path: Path, typed: str) -> None:
    for args in (["update", typed], ["import", typed, "--out", str(tmp_path / "o")]):
        run = run_cli(*args, env=env(registry))
        assert run.exit_code in (1, 2) and run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
        assert len(run.stderr) < 300 and "internal error" not in run.stderr
    assert registry.requests == []


# ---------------------------------------------------------------- environment variables

@pytest.mark.parametrize("variable, value", [
    ("SITEFINDER_CTGOV_URL", "example.org"), ("SITEFINDER_CTGOV_URL", "ftp://example.org"),
    ("SITEFINDER_CTGOV_URL", "registry"), ("SITEFINDER_CTGOV_URL", "http://"), ("SITEFINDER_CTGOV_URL", "http://x:99999"),
    ("SITEFINDER_TIMEOUT", "abc"), ("SITEFINDER_TIMEOUT", "-1"), ("SITEFINDER_TIMEOUT", "inf"),
    ("SITEFINDER_TIMEOUT", "nan"), ("SITEFINDER_TIMEOUT", "0"), ("SITEFINDER_TIMEOUT", "1_0"),
])
def test_junk_in_the_registry_variables_is_a_usage_error_naming_them(registry, variable: str, value: str) -> None:
    run = run_cli("update", env={**env(registry), variable: value})
    assert run.exit_code == 2 and run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
    assert variable in run.stderr and "internal error" not in run.stderr
    assert registry.requests == []


@pytest.mark.parametrize("variable, value", [
    ("SITEFINDER_NOMINATIM_URL", "nominatim.example.org"), ("SITEFINDER_NOMINATIM_URL", "ftp://x.org"),
    ("SITEFINDER_NOMINATIM_URL", "word"), ("SITEFINDER_TIMEOUT", "abc"), ("SITEFINDER_TIMEOUT", "-inf"),
])
def test_junk_in_the_geocoder_variables_is_a_usage_error_naming_them(registry, variable: str, value: str) -> None:
    run = run_cli("near", "Qzxwvy Springs", "--online",
                  env={"SITEFINDER_NOMINATIM_URL": registry.url, "SITEFINDER_TIMEOUT": "2", variable: value})
    assert run.exit_code == 2 and run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
    assert variable in run.stderr and registry.requests == []


def test_the_variables_are_read_only_when_the_network_is_used() -> None:
    run = run_cli("near", "Guangzhou", "--json", env={"SITEFINDER_TIMEOUT": "abc", "SITEFINDER_CTGOV_URL": "x"})
    assert run.exit_code == 0


# ---------------------------------------------------------------- the rest

def test_contacts_nested_deeply_are_a_file_and_line_error(sites_file) -> None:
    from conftest import make_site

    import csv

    path = sites_file(make_site(1))
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["contacts"] = "[" * 100_000
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    run = run_cli("list", "--sites", str(path))
    assert run.exit_code == 1 and f"{path}:2: contacts is JSON nested too deeply" in run.stderr, run.stderr


def test_a_clock_behind_the_data_date_never_makes_them_negative_days_old(sites_file) -> None:
    import datetime

    from conftest import make_site

    path = sites_file(make_site(1))
    ahead = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    (path.parent / "trial.json").write_text(json.dumps({"nct_id": "NCT07010263", "retrieved": ahead}), encoding="utf-8")
    # three days ahead: no age at all, and said to be wrong (one day ahead is a time zone: 0 days old)
    assert run_cli("list", "--json", "--sites", str(path)).json()["data_age_days"] is None
    table = run_cli("list", "--sites", str(path))
    assert "-3 days" not in table.stdout and "days old" not in table.stdout
    assert "this computer's clock is wrong" in " ".join(table.stdout.split())
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    (path.parent / "trial.json").write_text(json.dumps({"nct_id": "NCT07010263", "retrieved": tomorrow}),
                                            encoding="utf-8")
    assert run_cli("list", "--json", "--sites", str(path)).json()["data_age_days"] == 0


def test_a_map_file_name_too_long_is_a_clean_error(tmp_path: Path) -> None:
    run = run_cli("map", "Guangzhou", "--out", str(tmp_path / ("a" * 300 + ".svg")))
    assert run.exit_code == 1 and run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
    assert "internal error" not in run.stderr


def test_the_index_cache_keeps_one_index_per_dataset(tmp_path: Path) -> None:
    """Each version of a large dataset got its own index, and none was ever removed."""
    from conftest import make_site
    from sitefinder.datasets import write_dataset
    from sitefinder.models import Trial
    from sitefinder.sitestore import MAX_INDEXES
    from sitefinder.versions import INDEX_THRESHOLD_BYTES

    many = [make_site(number, facility=f"Hospital {number} " + "x" * 150) for number in range(1, 500)]
    out = tmp_path / "big"
    for version in range(3):
        write_dataset(out, many[: 400 + version], Trial(nct_id="NCT07010263"))
        assert (out / "sites.csv").stat().st_size > INDEX_THRESHOLD_BYTES
        assert run_cli("list", "--json", "--sites", str(out / "sites.csv")).json()["sites"][0]["id"] == 1
        assert len(list(cache_dir().glob("sites-*.sqlite"))) == 1
    for number in range(MAX_INDEXES + 5):  # and the cache as a whole is bounded
        (cache_dir() / f"sites-{number:016x}-00000000.sqlite").write_bytes(b"")
    write_dataset(out, many[:450], Trial(nct_id="NCT07010263"))
    assert run_cli("list", "--json", "--sites", str(out / "sites.csv")).exit_code == 0
    assert len(list(cache_dir().glob("sites-*.sqlite"))) == MAX_INDEXES


def test_an_unwritable_data_directory_is_a_clean_update_error(registry, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    run = run_cli("update", env={**env(registry), "SITEFINDER_DATA_DIR": str(blocker)})
    assert run.exit_code == 1 and run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
    assert "cannot write to" in run.stderr and "internal error" not in run.stderr


@pytest.mark.parametrize(("field", "length"), [("facility", 2001), ("city", 10_000), ("state", 2001),
                                               ("zip", 5000), ("country", 2001)])
def test_a_location_field_too_long_is_named_where_the_registry_wrote_it(tmp_path: Path, field: str,
                                                                        length: int) -> None:
    """A 10,000-character facility said "sites.csv:7: facility is 10000 characters long", a file
    that was never written; the study file and the location's field are what the user can look at."""
    record = study()
    locations = record["protocolSection"]["contactsLocationsModule"]["locations"]
    locations[-1][field] = "X" * length
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    run = run_cli("import", str(path), "--out", str(tmp_path / "out"))
    assert run.exit_code == 1 and run.stdout == ""
    assert str(path) in run.stderr and f"locations[{len(locations) - 1}].{field}" in run.stderr
    assert f"{length:,}" in run.stderr and "sites.csv" not in run.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("field", ["name", "phone", "email", "phoneExt"])
def test_a_contact_field_too_long_is_refused_not_cut_short(tmp_path: Path, field: str) -> None:
    """A 10,000-digit phone was cut to its first 300 digits and shown as the number to call."""
    record = study()
    location = record["protocolSection"]["contactsLocationsModule"]["locations"][0]
    location["contacts"] = [{"name": "Dr A", "role": "CONTACT", field: "9" * 10_000}]
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    run = run_cli("import", str(path), "--out", str(tmp_path / "out"))
    assert run.exit_code == 1 and run.stdout == ""
    assert f"locations[0].contacts[0].{field}" in run.stderr and "10,000" in run.stderr
    assert not (tmp_path / "out").exists()
