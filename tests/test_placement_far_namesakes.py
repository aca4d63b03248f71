"""Sites placed at a far namesake, silently, and the queries that name their places.

- A registry city that is a first-level division's name ("Mie", "Aichi", "Ishikawa", Japan, no
  state) is that division unless a place of the name lies in it (Osaka, Tokyo: the city the
  prefecture is named after) or a city of 100,000 elsewhere bears it (Ibaraki, Osaka): Mie town in
  Ōita is hundreds of km from Mie Prefecture. The registry's
  own point is checked against that division as against a state written ("Aichi" at 32.5, 130.6).
  `near "Mie, Japan"`, `near "Hyogo, Japan"` answer the prefecture, by the same rule.
- A state that is a part of a first-level division (a county: "Bretton, Cambridgeshire") keeps the
  place near that part: Bretton by Chester is not Peterborough's.
- A city field that is a place and its state at a space ("Meram Konya") is read as `near` reads it:
  one rule (placenames.readings), the same place.
"""

from __future__ import annotations

import pytest

from sitefinder.distance import sphere_km
from sitefinder.errors import RegionNotPlace, SitefinderError
from sitefinder.gazetteer import NAMESAKE_CITY_PEOPLE
from sitefinder.placement import place_location, point_outside
from sitefinder.queries import open_gazetteer
from sitefinder.regions import province_key
from sitefinder.resolver import resolve
from sitefinder.text import name_key

GAZETTEER = open_gazetteer()


def _division_names(code: str) -> list[tuple[str, str]]:
    """(the name a registry writes, admin1) of a country's first-level divisions whose own name is one word."""
    rows = GAZETTEER.rows("SELECT DISTINCT admin1 FROM region WHERE country = ?", (code,))
    found = []
    for admin1, in rows:
        name = admin1.removesuffix(" Prefecture").removesuffix(" Province")
        if name.isalpha() and province_key(name) == province_key(admin1):
            found.append((name, admin1))
    return found


DIVISIONS = [(code, name, admin1) for code in ("JP", "TR", "KR", "IT", "ES", "TH") for name, admin1 in _division_names(code)]


def test_the_divisions_are_many() -> None:
    assert len(DIVISIONS) >= 100
    assert ("JP", "Mie", "Mie") in DIVISIONS


def _expected_province(code: str, name: str, admin1: str) -> str:
    """The division, unless a city of NAMESAKE_CITY_PEOPLE of its name lies elsewhere and none in it
    (Ibaraki, Osaka): then that city's."""
    places = [place for place in GAZETTEER.places(name_key(name)) if place.country == GAZETTEER.country_name(code)]
    if any(place.province == admin1 for place in places):
        return admin1
    cities = [place for place in places if place.population >= NAMESAKE_CITY_PEOPLE]
    return max(cities, key=lambda place: place.population).province if cities else admin1


@pytest.mark.parametrize(("code", "name", "admin1"), DIVISIONS, ids=[f"{code}-{name}" for code, name, _ in DIVISIONS])
def test_a_city_that_is_a_divisions_name_is_placed_in_that_division(code: str, name: str, admin1: str) -> None:
    placed = place_location(name, "", GAZETTEER.country_name(code), GAZETTEER)
    assert placed.place is not None, placed.note
    assert placed.place.province == _expected_province(code, name, admin1), (name, placed)


@pytest.mark.parametrize(("code", "name", "admin1"), DIVISIONS, ids=[f"{code}-{name}" for code, name, _ in DIVISIONS])
def test_near_a_division_with_its_country_answers_in_that_division(code: str, name: str, admin1: str) -> None:
    text = f"{name}, {GAZETTEER.country_name(code)}"
    try:
        found = resolve(text, GAZETTEER)
    except RegionNotPlace as region:
        assert region.regions == {(code, admin1)}, (text, region.regions)
        return
    assert found.place.province == _expected_province(code, name, admin1), (text, found.place)


def test_a_registry_point_outside_the_division_its_city_names_is_set_aside() -> None:
    assert point_outside(32.51879, 130.62158, "Aichi", "", "Japan", GAZETTEER) == "Aichi"  # Kumamoto
    assert point_outside(35.18, 136.91, "Aichi", "", "Japan", GAZETTEER) == ""  # Nagoya


def test_a_suggestion_for_a_division_and_country_is_never_in_another_country() -> None:
    for text in ("Shiga, Japan", "Hyogo, Japan", "Mie Prefecture"):
        try:
            resolve(text, GAZETTEER)
        except RegionNotPlace as region:
            assert {code for code, _ in region.regions} == {"JP"}, (text, region.regions)
        except SitefinderError as error:
            pytest.fail(f"{text}: {error}")


def test_a_county_written_as_the_state_keeps_the_place_near_it() -> None:
    placed = place_location("Bretton", "Cambridgeshire", "United Kingdom", GAZETTEER, "PE3 9GZ")
    assert placed.place is not None
    cambridge = GAZETTEER.part_city("Cambridgeshire", "GB")
    assert cambridge is not None
    assert sphere_km(placed.place.latitude, placed.place.longitude, cambridge[0].latitude, cambridge[0].longitude) < 100


def _spaced_cases(limit: int = 60) -> list[tuple[str, str, int]]:
    """("Meram Konya", country, the GeoNames id `near` answers) for places of Turkey, Italy, Spain
    and Poland the gazetteer knows with their province at a space, that `near` answers in that province."""
    cases = [("Meram Konya", "Turkey", 0)]
    for code in ("TR", "IT", "ES", "PL"):
        rows = GAZETTEER.rows("SELECT name, admin1 FROM place WHERE country = ? AND population BETWEEN 20000 AND 200000 "
                              "ORDER BY population DESC LIMIT 200", (code,))
        kept = 0
        for name, admin1 in rows:
            if kept == limit // 4 or not name.isalpha() or not admin1.isalpha() or name_key(name) == name_key(admin1):
                continue
            cases.append((f"{name} {admin1}", GAZETTEER.country_name(code), 0))
            kept += 1
    found = []
    for text, country, _ in cases:
        try:
            answer = resolve(text, GAZETTEER)
        except SitefinderError:
            continue
        if answer.place.geonameid and answer.place.country == country and not answer.notes:
            found.append((text, country, answer.place.geonameid))
    return found


SPACED = _spaced_cases()


def test_the_spaced_cases_are_many() -> None:
    assert len(SPACED) >= 30
    assert SPACED[0][0] == "Meram Konya"


@pytest.mark.parametrize(("city", "country", "geonameid"), SPACED, ids=[city for city, *_ in SPACED])
def test_a_place_and_its_state_at_a_space_is_placed_where_near_answers(city: str, country: str, geonameid: int) -> None:
    placed = place_location(city, "", country, GAZETTEER)
    assert placed.place is not None, placed.note
    assert placed.place.geonameid == geonameid, (city, placed)
