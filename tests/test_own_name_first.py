"""A name that is a city's own is never answered by another place that GeoNames also calls by a
spelling slip of its name: "Abadan" (Iran, 231,000) was Ibadan (Nigeria), which some GeoNames
alternate name spells "Abadan". Generated over every such name in the gazetteer: a place of its
own of SLIP_CITY_PEOPLE or more, and a bigger place elsewhere reached by an alternate name at most
two letters from its own (Puno and Pune, Dili and Delhi, Sakata and Jakarta, Valence and Valencia)."""

from __future__ import annotations

import pytest
from rapidfuzz.distance import Levenshtein

from sitefinder.gazetteer import Gazetteer
from sitefinder.paths import gazetteer_path
from sitefinder.resolver import SLIP_CITY_PEOPLE, SLIP_LETTERS, resolve
from sitefinder.text import name_key


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(gazetteer_path())


def _slipped(gazetteer: Gazetteer) -> list[tuple[str, str]]:
    """(own name, the bigger place's name) where a bigger place in another country is reached by a
    slip of a city's own name (within China, china.py reads pinyin and its old spellings)."""
    rows = gazetteer.rows(
        "SELECT a.key, own.name, other.name FROM name a JOIN place own ON own.id = a.place "
        "JOIN name b ON b.key = a.key JOIN place other ON other.id = b.place "
        "WHERE own.population >= ? AND other.population > own.population AND other.country != own.country",
        (SLIP_CITY_PEOPLE,))
    return sorted({(own, other) for key, own, other in rows if name_key(own) == key and name_key(other) != key
                   and Levenshtein.distance(key, name_key(other)) <= SLIP_LETTERS})


def test_a_citys_own_name_is_never_answered_by_a_slip_of_it_elsewhere(gazetteer: Gazetteer) -> None:
    wrong = []
    cases = 0
    for own, other in _slipped(gazetteer):
        key = name_key(own)
        owners = [place for place in gazetteer.places(key) if name_key(place.name) == key]
        if not owners or max(place.population for place in owners) < SLIP_CITY_PEOPLE:
            continue
        cases += 1
        try:
            found = resolve(own, gazetteer)
        except Exception:  # a region's name (asked as the region) is no slip answered
            continue
        if found.place.name == other and found.place.country not in {place.country for place in owners} \
                and not found.name_zh:  # a division of China read from a word's pinyin is china.py's rule
            wrong.append(f"{own}: {found.place.name}, {found.place.country}")
    assert cases >= 5, cases
    assert not wrong, wrong


@pytest.mark.parametrize(("query", "country"), [("Abadan", "Iran"), ("Sakata", "Japan"), ("Dili", "Timor Leste"),
                                                 ("Valence", "France"), ("Edinburg", "United States")])
def test_near_a_city_by_its_own_name(cli, query: str, country: str) -> None:
    run = cli("near", query, "--json")
    assert run.exit_code == 0, run.stderr
    origin = run.json()["origin"]
    assert origin["name"] == query and origin["country"] == country, origin


def test_an_exonym_a_letter_from_a_small_towns_name_is_still_the_city() -> None:
    """Hanover (Pennsylvania, 38,000) stays Hannover: no city of note of its own name."""
    found = resolve("Hanover", Gazetteer(gazetteer_path()))
    assert found.place.name == "Hannover"
