"""A town people still name as where they live, which is now part of a city and no division of
its own (汉口 is Wuhan's: `near 汉口` was unknown, `near Hankou` a village of 2,400 in Tianjin):
the city, said so. gazetteer/aliases.csv holds them, each with why."""

from __future__ import annotations

import pytest

from sitefinder.distance import sphere_km
from sitefinder.queries import open_gazetteer
from sitefinder.resolver import resolve


@pytest.mark.parametrize(("typed", "latitude", "longitude"), [
    ("汉口", 30.58, 114.27), ("Hankou", 30.58, 114.27), ("漢口", 30.58, 114.27), ("hankou", 30.58, 114.27),
    ("Puxi", 31.22, 121.46), ("浦西", 31.22, 121.46),
])
def test_a_part_of_a_city_is_that_city(typed: str, latitude: float, longitude: float) -> None:
    place = resolve(typed, open_gazetteer()).place
    assert sphere_km(place.latitude, place.longitude, latitude, longitude) < 25, (typed, place)


def test_the_answer_names_the_city(cli) -> None:
    run = cli("near", "汉口", "--json")
    assert run.exit_code == 0, run.stderr
    assert run.json()["origin"]["name_zh"] == "武汉"
