"""A division merged away is no namesake of the division that bears its bare name today: 南宁 is
南宁市, not the 南宁地区 merged into 崇左 in 2002 (it was named as "several places called 南宁",
pointing at Chongzuo), 上饶 is 上饶市, not the 上饶县 of before 2019."""

from __future__ import annotations

import csv

import pytest

from sitefinder.china import bare_forms, division_level
from sitefinder.gazetteer import open_shipped
from sitefinder.resolver import resolve

from conftest import ROOT

GAZETTEER = ROOT / "gazetteer"


def _shadowed() -> list[tuple[str, str, str]]:
    """(bare name, the current division bearing it, the former division of that bare name in the
    same province) for every such pair of the shipped tables."""
    with open(GAZETTEER / "china_divisions.csv", encoding="utf-8") as handle:
        current = list(csv.DictReader(handle))
    with open(GAZETTEER / "china_former.csv", encoding="utf-8") as handle:
        former = list(csv.DictReader(handle))
    bare_today: dict[tuple[str, str], str] = {}
    for row in current:
        if row["code"].endswith("0000"):
            continue
        for form in bare_forms(row["name"], division_level(row["code"])):
            bare_today.setdefault((form, row["code"][:2]), row["name"])
    pairs = []
    for row in former:
        for form in bare_forms(row["name"], division_level(row["code"])):
            # where the successor bears the bare name itself (通州市 → 通州区), it is a namesake of today
            if (form != row["name"] and (form, row["code"][:2]) in bare_today
                    and form not in row["successor_name"] and row["name"] != bare_today[(form, row["code"][:2])]):
                pairs.append((form, bare_today[(form, row["code"][:2])], row["name"]))
    return sorted(set(pairs))


PAIRS = _shadowed()


def test_there_are_such_pairs() -> None:
    assert ("南宁", "南宁市", "南宁地区") in PAIRS and len(PAIRS) >= 20


@pytest.mark.parametrize("bare, today, former", PAIRS)
def test_the_bare_name_is_todays_division_without_a_namesake_of_the_past(bare: str, today: str, former: str) -> None:
    gazetteer = open_shipped()
    resolution = resolve(bare, gazetteer)
    past = resolve(former, gazetteer)  # the former name itself still reads as its successor
    def spot(place) -> tuple[float, float]:
        return round(place.latitude, 3), round(place.longitude, 3)

    assert resolution.place.name and spot(resolution.place) != spot(past.place)
    assert all(spot(other) != spot(past.place) for other in resolution.alternatives), (bare, resolution.alternatives)
