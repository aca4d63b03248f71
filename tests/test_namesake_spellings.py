"""A name alone is ranked as one name however its first word is spelt, and a place commonly called
by its short name is a namesake of that name: `near "Saint Louis"` answered Saint-Louis, Senegal
(while saying site 150's Saint Louis is St. Louis, Missouri, and "St Louis" found St. Louis); `near
Newcastle` named KwaZulu-Natal's Newcastle but not Newcastle upon Tyne (300,000), which import reads
"Newcastle, UK" as."""

from __future__ import annotations

import pytest

from sitefinder.gazetteer import open_shipped
from sitefinder.models import contenders
from sitefinder.placenames import called_by
from sitefinder.resolver import resolve

GAZETTEER = open_shipped()
# each name spelt out and abbreviated, as people type it
SPELLINGS = [("Saint Louis", "St Louis"), ("Saint Louis", "St. Louis"), ("Saint Paul", "St. Paul"),
             ("Saint Petersburg", "St Petersburg"), ("Saint Albans", "St Albans"), ("Mount Vernon", "Mt Vernon"),
             ("Mount Pleasant", "Mt. Pleasant"), ("Fort Worth", "Ft Worth"), ("Fort Myers", "Ft. Myers"),
             ("Saint John", "St. John"), ("Sainte-Foy", "Ste-Foy"), ("Fort Collins", "Ft Collins")]
ST_LOUIS = 4407066  # St. Louis, Missouri
NEWCASTLE_UPON_TYNE = 2641673


@pytest.mark.parametrize(("spelled", "short"), SPELLINGS)
def test_either_spelling_is_one_name(spelled: str, short: str) -> None:
    assert resolve(spelled, GAZETTEER).place.geonameid == resolve(short, GAZETTEER).place.geonameid


@pytest.mark.parametrize("query", ["Saint Louis", "St Louis", "Saint-Louis"])
def test_the_most_populous_of_either_spelling(query: str) -> None:
    found = resolve(query, GAZETTEER)
    assert found.place.geonameid == ST_LOUIS  # 280,000, not Saint-Louis, Senegal (254,000)
    assert any(other.country == "Senegal" for other in contenders(found))  # and named as a contender


def test_a_site_hosting_namesake_of_the_other_spelling() -> None:
    senegal = next(place for place in GAZETTEER.places("saintlouis") if place.country == "Senegal")
    assert resolve("St. Louis", GAZETTEER, preferred=frozenset({senegal.geonameid})).place.geonameid == senegal.geonameid
    assert resolve("Saint Louis", GAZETTEER, preferred=frozenset({ST_LOUIS})).place.geonameid == ST_LOUIS


def test_a_place_called_by_its_short_name_is_a_namesake() -> None:
    found = resolve("Newcastle", GAZETTEER)
    assert NEWCASTLE_UPON_TYNE in {place.geonameid for place in contenders(found)}
    hosting = resolve("Newcastle", GAZETTEER, preferred=frozenset({NEWCASTLE_UPON_TYNE}))
    assert hosting.place.geonameid == NEWCASTLE_UPON_TYNE
    assert {place.province for place in contenders(hosting)} >= {"New South Wales", "KwaZulu-Natal"}


@pytest.mark.parametrize(("name", "key", "called"), [
    ("Newcastle upon Tyne", "newcastle", True), ("Frankfurt am Main", "frankfurt", True),
    ("Halle (Saale)", "halle", True), ("St. Louis", "saintlouis", True), ("Saint-Louis", "stlouis", True),
    ("Mount Vernon", "mtvernon", True), ("Sainte-Foy", "stefoy", True),
    ("Gent", "kent", False), ("Newcastle", "newcastleupontyne", False), ("Fortaleza", "fortworth", False), ("Mountain View", "mountvernon", False)])
def test_called_by(name: str, key: str, called: bool) -> None:
    assert called_by(name, key) is called
