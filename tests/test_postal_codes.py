"""A postal code typed alone (`near 02115`): a US ZIP code is its point, said so; any other postal
code (China's six digits, 510000) is not in the offline gazetteer, and the error says what to type."""

from __future__ import annotations

import json
import sqlite3

import pytest

from sitefinder.distance import sphere_km
from sitefinder.errors import PlaceNotFound
from sitefinder.gazetteer import Gazetteer
from sitefinder.paths import gazetteer_path
from sitefinder.resolver import resolve
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(gazetteer_path())


def _zip_rows(step: int) -> list[tuple[str, str, str, float, float]]:
    """Every `step`-th ZIP code of the gazetteer, with its postal city, state and point."""
    db = sqlite3.connect(gazetteer_path())
    try:
        rows = db.execute("SELECT code, city, admin1, latitude, longitude FROM zip WHERE country = 'US' ORDER BY code").fetchall()
    finally:
        db.close()
    return rows[::step]


@pytest.mark.parametrize("code, city, state, latitude, longitude", _zip_rows(997))
def test_a_zip_code_alone_is_its_postal_point_said_so(code: str, city: str, state: str, latitude: float,
                                                        longitude: float, gazetteer: Gazetteer) -> None:
    for typed in (code, f"{code}-0001", f" {code} "):
        resolution = resolve(typed, gazetteer)
        place = resolution.place
        assert sphere_km(place.latitude, place.longitude, latitude, longitude) < 1
        assert (place.name, place.province, place.country) == (city, state, "United States")
        assert any(code in note and "ZIP" in note for note in resolution.notes)


def test_a_known_zip_code_lies_in_its_city() -> None:
    # 02115 is Boston's (Longwood, Fenway): within a few km of the city's centre (GeoNames: 42.3584, -71.0598)
    run = run_cli("near", "02115", "--json", "--limit", "1")
    assert run.exit_code == 0, run.stderr
    origin = json.loads(run.stdout)["origin"]
    assert sphere_km(origin["latitude"], origin["longitude"], 42.3584, -71.0598) < 5
    assert "02115" in run.stderr and "ZIP" in run.stderr


def test_a_zip_code_the_gazetteer_lacks_says_so() -> None:
    run = run_cli("near", "00000")
    assert run.exit_code == 1
    assert "ZIP" in run.stderr and "city" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("code", ["510000", "100080", "1234", "1234567"])
def test_another_postal_code_says_to_type_the_place(code: str, gazetteer: Gazetteer) -> None:
    with pytest.raises(PlaceNotFound) as miss:
        resolve(code, gazetteer)
    assert miss.value.hint.key == "hint.postal_code"
    run = run_cli("near", code, "--lang", "zh")
    assert run.exit_code == 1
    assert "邮政编码" in run.stderr and "城市" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("code", "country", "country_zh"), [
    ("SW1A 1AA", "UK", "英国"), ("LS1 4DY", "UK", "英国"), ("ls14dy", "UK", "英国"), ("EC1A 1BB", "UK", "英国"),
    ("M1 1AE", "UK", "英国"), ("K1A 0B1", "Canada", "加拿大"), ("1105 AZ", "Netherlands", "荷兰")])
def test_a_lettered_postcode_abroad_says_its_country_s_are_unknown_offline(code: str, country: str,
                                                                          country_zh: str) -> None:
    # "SW1A 1AA" said only "no place called …, use --online"; the town typed with it is read ("Leeds LS1 3EX")
    run = run_cli("near", code)
    assert run.exit_code == 1
    assert f"{country} postcodes are not known offline" in run.stderr and "town" in run.stderr, run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    chinese = run_cli("near", code, "--lang", "zh")
    assert chinese.exit_code == 1 and country_zh in chinese.stderr and "邮政编码" in chinese.stderr, chinese.stderr


def test_the_town_with_its_postcode_is_the_town() -> None:
    run = run_cli("near", "Leeds LS1 4DY", "--json", "--limit", "1")
    assert run.exit_code == 0, run.stderr
    assert json.loads(run.stdout)["origin"]["name"] == "Leeds"
