"""A site abroad that keeps the registry's point is tied to the city its text names at that point
(importer._city_of_point, Placer.city_at): a Chinese table names it in Chinese (波士顿, not "Boston"
under 马萨诸塞州), `list --city` finds it by any of that city's names, and its phone numbers are read
with its country's own code (France is FR, never Saint Barthélemy's BL, +590)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import CTGOV_STUDY
from sitefinder.gazetteer import open_shipped
from sitefinder.importer import country_code

LOCATIONS = [  # (city, state, country, latitude, longitude, the gazetteer city it names there)
    ("Boston", "Massachusetts", "United States", 42.35843, -71.05977, "Boston"),
    ("Kawasaki-shi", "Kanagawa", "Japan", 35.52056, 139.71722, "Kawasaki"),
    ("Paris", "", "France", 48.85341, 2.3488, "Paris"),
    ("Kansas City", "Kansas", "United States", 39.1142, -94.6275, "Kansas City"),
    ("Toronto", "Ontario", "Canada", 43.70011, -79.4163, "Toronto"),
]


@pytest.fixture
def dataset(cli, tmp_path: Path) -> Path:
    data = json.loads(Path(CTGOV_STUDY).read_text(encoding="utf-8"))
    data["protocolSection"]["contactsLocationsModule"]["locations"] = [
        {"facility": f"Hospital {index}", "city": city, "state": state, "country": country,
         "geoPoint": {"lat": latitude, "lon": longitude},
         "contacts": [{"name": "A Doctor", "role": "CONTACT", "phone": "01 42 16 00 00" if country == "France" else ""}]}
        for index, (city, state, country, latitude, longitude, _) in enumerate(LOCATIONS)]
    path = tmp_path / "study.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert cli("import", str(path), "--out", str(tmp_path / "d")).exit_code == 0
    return tmp_path / "d" / "sites.csv"


def test_each_registry_point_abroad_is_tied_to_the_city_its_text_names(dataset: Path) -> None:
    gazetteer = open_shipped()
    with dataset.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(LOCATIONS)
    for row, (city, state, _, _, _, named) in zip(rows, LOCATIONS):
        assert row["coordinate_source"] == "registry" and row["geonameid"], row
        place = gazetteer.place_by_id(int(row["geonameid"]))
        assert place is not None and place.name == named, (city, place)
        if state:  # Kansas City, Kansas: not the larger Kansas City, Missouri, 5 km away
            assert place.province == state, (city, place)


def test_a_chinese_table_names_a_city_abroad_in_chinese(cli, dataset: Path) -> None:
    run = cli("near", "Boston", "--sites", str(dataset), "--lang", "zh", "--limit", "1", env={"COLUMNS": "120"})
    assert run.exit_code == 0, run.stderr
    row = next(line for line in run.stdout.splitlines() if "Hospital 0" in line)
    assert "波士顿" in row and "Boston" not in row, row
    shown = cli("near", "Boston", "--sites", str(dataset), "--json", "--limit", "1").json()["sites"][0]
    assert shown["city"] == "Boston" and shown["city_zh"] == "波士顿"  # the registry's text kept beside


@pytest.mark.parametrize("typed, facility", [("川崎", "Hospital 1"), ("Kawasaki", "Hospital 1"), ("巴黎", "Hospital 2"),
                                             ("多伦多", "Hospital 4")])
def test_list_city_finds_a_registry_placed_site_by_any_name_of_its_city(cli, dataset: Path, typed: str,
                                                                        facility: str) -> None:
    run = cli("list", "--city", typed, "--sites", str(dataset), "--json", "--all")
    assert run.exit_code == 0, run.stderr
    assert [site["facility"] for site in run.json()["sites"]] == [facility]


def test_a_phone_abroad_is_read_with_the_countrys_own_code(dataset: Path) -> None:
    with dataset.open(encoding="utf-8", newline="") as handle:
        paris = next(row for row in csv.DictReader(handle) if row["city"] == "Paris")
    assert "+33 1 42 16 00 00" in paris["contacts"], paris["contacts"]


@pytest.mark.parametrize("country, code", [("France", "FR"), ("United States", "US"), ("Netherlands", "NL"),
                                           ("United Kingdom", "GB"), ("Denmark", "DK"), ("China", "CN"),
                                           ("Puerto Rico", "PR"), ("Japan", "JP")])
def test_a_countrys_code_is_its_own_not_a_territorys(country: str, code: str) -> None:
    assert country_code(country, open_shipped()) == code
