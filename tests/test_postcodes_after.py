"""A postcode written after the place, as most countries' addresses put it (in the same part, or its
own): read without it, never as a place or a region of its own. "Oxford OX3 9DU" was Woodstock,
Ontario ("the main city of Oxford"); "Manchester M13 9WL, UK" and "Sydney NSW 2000, Australia"
were unknown."""

from __future__ import annotations

import pytest

from sitefinder.distance import sphere_km
from sitefinder.queries import open_gazetteer
from sitefinder.resolver import resolve

# (what is typed, the city meant: latitude, longitude), each country's postcode format
WRITTEN = [
    ("Oxford OX3 9DU", 51.75, -1.26),
    ("Oxford OX3 9DU, UK", 51.75, -1.26),
    ("Manchester M13 9WL, UK", 53.48, -2.24),
    ("Manchester M13 9WL", 53.48, -2.24),
    ("London SW1A 1AA", 51.51, -0.13),
    ("Edinburgh EH16 4SA, United Kingdom", 55.95, -3.19),
    ("Sydney NSW 2000, Australia", -33.87, 151.21),
    ("Melbourne VIC 3000", -37.81, 144.96),
    ("Melbourne VIC 3000, Australia", -37.81, 144.96),
    ("Amsterdam 1012 AB", 52.37, 4.89),
    ("Amsterdam 1012AB, Netherlands", 52.37, 4.89),
    ("Toronto ON M5G 1X8", 43.70, -79.42),
    ("São Paulo 01310-100, Brazil", -23.55, -46.63),
    ("Paris 75008", 48.85, 2.35),
    ("Paris 75008, France", 48.85, 2.35),
    ("Munich 81377, Germany", 48.14, 11.58),
    ("Boston, MA 02114", 42.36, -71.06),
    ("Boston MA 02114", 42.36, -71.06),
    ("Tokyo 104-0045, Japan", 35.69, 139.69),
    ("Guangzhou 510060", 23.13, 113.26),
]


@pytest.mark.parametrize(("typed", "latitude", "longitude"), WRITTEN, ids=[row[0] for row in WRITTEN])
def test_a_postcode_after_the_place_is_no_place(typed: str, latitude: float, longitude: float) -> None:
    place = resolve(typed, open_gazetteer()).place
    assert sphere_km(place.latitude, place.longitude, latitude, longitude) < 30, (typed, place)


@pytest.mark.parametrize("typed", ["Oxford OX3 9DU", "Melbourne VIC 3000, Australia"])
def test_the_answer_says_what_was_read(cli, typed: str) -> None:
    run = cli("near", typed, "--json")
    assert run.exit_code == 0, run.stderr
    origin = run.json()["origin"]
    assert origin["query"] == typed
    assert "main city" not in run.stderr and "Woodstock" not in run.stderr


@pytest.mark.parametrize("typed", ["Route 1234", "Area 51", "Highway 2000"])
def test_a_name_with_digits_is_not_cut_to_a_word_that_is_no_place(typed: str) -> None:
    """Where the words before the digits name no place either, the text is read as typed (and
    missed as before), not as its first word."""
    from sitefinder.errors import PlaceNotFound

    try:
        found = resolve(typed, open_gazetteer())
    except PlaceNotFound as miss:
        assert miss.query == typed
    else:
        assert found.query == typed
