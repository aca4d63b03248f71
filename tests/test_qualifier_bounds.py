"""A county, district or city written after a place bounds the answer: `divisions` reads it as its
whole state (Surrey, Peterborough, Cambridgeshire: England), so "Bretton, Peterborough" was the
middle of England's Bretton postal codes, by Chester, 190 km off, without a word, and "Newport,
Surrey" the Isle of Wight's Newport; England's metropolitan counties, which GeoNames divides into
boroughs, were no qualifier at all ("Leeds, West Yorkshire": no place called …)."""

from __future__ import annotations

import pytest

from sitefinder.distance import sphere_km
from sitefinder.errors import SitefinderError
from sitefinder.gazetteer import open_shipped
from sitefinder.resolver import resolve

GAZETTEER = open_shipped()
PETERBOROUGH = (52.5736, -0.2478)


@pytest.mark.parametrize(("typed", "most_km"), [("Bretton, Peterborough", 10), ("Bretton, Cambridgeshire", 80)])
def test_a_town_the_gazetteer_lacks_stays_in_its_county(typed: str, most_km: float) -> None:
    found = resolve(typed, GAZETTEER)
    assert sphere_km(found.place.latitude, found.place.longitude, *PETERBOROUGH) <= most_km, found.place
    assert found.notes  # approximated, and said so


@pytest.mark.parametrize(("typed", "city"), [
    ("Leeds, West Yorkshire", "Leeds"), ("Sheffield, South Yorkshire", "Sheffield"), ("Bradford, West Yorkshire", "Bradford"),
    ("Manchester, Greater Manchester", "Manchester"), ("Liverpool, Merseyside", "Liverpool"),
    ("Sunderland, Tyne and Wear", "Sunderland"), ("Coventry, West Midlands", "Coventry"),
    ("Oxford, Oxfordshire", "Oxford"), ("Sutton, Surrey", "Sutton")])
def test_a_county_qualifier_reads_its_town(typed: str, city: str) -> None:
    place = resolve(typed, GAZETTEER).place
    assert (place.name, place.province) == (city, "England")


def test_a_place_not_in_the_county_named_is_not_answered() -> None:
    # the Isle of Wight's Newport is 80 km from Surrey
    try:
        place = resolve("Newport, Surrey", GAZETTEER).place
    except SitefinderError:
        return
    assert sphere_km(place.latitude, place.longitude, 51.27, -0.45) < 50, place


@pytest.mark.parametrize("code", ["UK", "U.K."])
def test_a_country_abbreviation_qualifies_as_its_name(code: str) -> None:
    # "Bretton, UK" was unknown while "Bretton, United Kingdom" was Bretton's postal codes
    assert resolve(f"Bretton, {code}", GAZETTEER).place == resolve("Bretton, United Kingdom", GAZETTEER).place


def test_a_state_code_that_is_a_country_code_stays_the_state() -> None:
    assert resolve("Macomb Township, MI", GAZETTEER).place.province == "Michigan"
    assert resolve("Fort Sam Houston, TX", GAZETTEER).place.province == "Texas"


@pytest.mark.parametrize(("typed", "state"), [("Newcastle, Northern Ireland", "Northern Ireland"),
                                              ("Guadalajara, Mexico", "Jalisco"), ("Toluca, Mexico", "Mexico")])
def test_a_state_named_in_its_country_s_long_name_is_the_state(typed: str, state: str) -> None:
    # "Northern Ireland" also reads as the United Kingdom (its long name): the answer was Newcastle upon
    # Tyne, and the notice naming Newcastle, Northern Ireland could only give its coordinates
    assert resolve(typed, GAZETTEER).place.province == state
