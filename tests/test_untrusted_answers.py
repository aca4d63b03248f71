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
def test_geocoder_coordinates_are_checked_never_cached_never_zero(answer: dict) -> None:  # type: ignore[type-arg]
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
def test_sites_file_coordinates_use_the_same_reader(sites_file, text: str) -> None:  # type: ignore[no-untyped-def]
    from conftest import make_site
    path = sites_file(make_site(1))
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("23.11667", text)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = run_cli("list", "--sites", str(path))
    assert run.exit_code == 1 and run.stdout == ""
    assert f"{path}:2: latitude {text!r} is not a number" in run.stderr, run.stderr


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
