"""A misspelt place written with its country suggests only places of that country: "Lyonn, France"
suggested Lynn, Massachusetts; "Shiga, Japan" Shiguai, Baotou (a suggestion in another country than
the one typed is wrong). Generated: the big cities of several countries, each with a letter doubled."""

from __future__ import annotations

import pytest

from sitefinder.errors import PlaceNotFound, SitefinderError
from sitefinder.queries import open_gazetteer
from sitefinder.resolver import resolve
from sitefinder.text import name_key

GAZETTEER = open_gazetteer()
COUNTRIES = ("FR", "JP", "DE", "IT", "ES", "GB", "BR", "TR", "PL", "AU")


def _cases(per_country: int = 4) -> list[tuple[str, str]]:
    cases = []
    for code in COUNTRIES:
        rows = GAZETTEER.rows("SELECT name FROM place WHERE country = ? ORDER BY population DESC LIMIT 40", (code,))
        country = GAZETTEER.country_name(code)
        kept = 0
        for name, in rows:
            if kept == per_country or not name.isascii() or not name.isalpha() or len(name) < 5:
                continue
            typo = name[:-1] + name[-1] * 2  # "Lyonn"
            try:
                resolve(f"{typo}, {country}", GAZETTEER)
            except PlaceNotFound as miss:
                if miss.suggestions:
                    cases.append((f"{typo}, {country}", country))
                    kept += 1
            except SitefinderError:
                continue
    return cases


CASES = [("Lyonn, France", "France"), *_cases()]


def test_the_cases_are_many() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize(("text", "country"), CASES, ids=[text for text, _ in CASES])
def test_every_suggestion_lies_in_the_country_typed(text: str, country: str) -> None:
    with pytest.raises(PlaceNotFound) as miss:
        resolve(text, GAZETTEER)
    for suggestion in miss.value.suggestions:
        head = str(suggestion).split(",")[0].split(" (")[0]
        assert any(place.country == country for place in GAZETTEER.places(name_key(head))), (text, suggestion)
