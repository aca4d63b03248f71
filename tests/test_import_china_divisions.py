"""`import` places a registry city that is a division of mainland China as `near` reads it.

Generated over every prefecture-level and county-level division of gazetteer/china_divisions.csv,
written as registry staff write them ("Gulou", "Gulou District", "Kunshan City"), with their province
and without: the placement is the division `near` answers (china.py's reading and ranking, the state
narrowing it), at its seat, never a GeoNames town of the name elsewhere (古楼, a town in Chongqing,
for "Gulou"); and when the name is shared and the state does not decide, the row's note says which
was used and names the others, a bounded few.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from sitefinder.china import spells_a_division
from sitefinder.distance import sphere_km
from sitefinder.errors import SitefinderError
from sitefinder.models import Resolution
from sitefinder.placement import MAX_NAMESAKES_NAMED, place_location
from sitefinder.queries import open_gazetteer
from sitefinder.resolver import resolve
from sitefinder.text import fold

sys.path.insert(0, str(ROOT / "benchmarks"))
import china as benchmark  # noqa: E402

LEVEL_WORDS = (" District", " County", " Banner")
SAME_KM = 1.0  # the same seat: both answers are read from one table


def _mainland() -> dict[str, list[tuple[str, str, str]]]:
    """(code, English name, province) of each prefecture-level and county-level division of the
    mainland in china_divisions.csv, by province; the English names are the build's (cn_division)."""
    with sqlite3.connect(ROOT / "data" / "gazetteer.sqlite") as db:
        english = {code: (name, province) for code, name, province in
                   db.execute("SELECT code, english, province FROM cn_division")}
    by_province: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for row in benchmark.divisions():
        if row["level"] != "province" and row["code"] in english:
            name, province = english[row["code"]]
            by_province[province].append((row["code"], name, province))
    return dict(by_province)


MAINLAND = _mainland()


def _written(english: str) -> list[str]:
    """A division's name as registries write it: with its level word and without ("Gulou District",
    "Gulou"); a city with "City" after it ("Kunshan City")."""
    bare = next((english.removesuffix(word) for word in LEVEL_WORDS if english.endswith(word)), english)
    if bare != english:
        return [english, bare]
    return [english, f"{english} City"] if " " not in english else [english]


def _near(city: str, state: str) -> Resolution | None:
    """What `near` answers for the row's city (and state) when that is a division of the mainland
    (china.py's reading, which labels it), else None."""
    try:
        found = resolve(f"{city}, {state}" if state else city, open_gazetteer())
    except SitefinderError:
        return None
    return found if found.place.country == "China" and found.labels else None


# Every third division of each province, in the table's order: the whole table passes too (STRIDE 1),
# in three times the time (about 45 s of CPU for its 12,519 rows, each read by near and by import).
STRIDE = 3


def _rows(province: str) -> list[tuple[str, str]]:
    """Each division's name as written, alone and with its province; only a division's own name
    (an alias alone is no division's name: "Puxi" is Shanghai's Puxi, only an alias of 长垣市)."""
    gazetteer = open_gazetteer()
    return list(dict.fromkeys((city, state) for _, english, division_province in MAINLAND[province][::STRIDE]
                              for city in _written(english) for state in ("", division_province)
                              if spells_a_division(fold(city), gazetteer)))


def test_the_divisions_cover_the_mainland() -> None:
    assert len(MAINLAND) == 31 and sum(map(len, MAINLAND.values())) > 3000


def _others(near: Resolution) -> list:
    """near's alternatives in what a registry's "China" takes in (Hong Kong and Macau too)."""
    gazetteer = open_gazetteer()
    china = {gazetteer.country_name(code) for code in gazetteer.country_codes("China")}
    return [place for place in near.alternatives if place.country in china]


def _unnamed(city: str, state: str, note: str, near: Resolution) -> list[str]:
    """What the row's note should say of the namesakes and does not: the one used and the first
    MAX_NAMESAKES_NAMED others, how many more; nothing of others when near has none."""
    others = _others(near)
    if not others:
        return ["no others"] if " the other" in note else []
    named = others[:MAX_NAMESAKES_NAMED]
    expected = [f"placed at {near.labels[0]}", *(f"{place.name}, " for place in named),
                *(place.province or place.country for place in named)]
    if len(others) > MAX_NAMESAKES_NAMED:
        expected.append(f" and {len(others) - MAX_NAMESAKES_NAMED} more")
    absent = [words for words in expected if words not in note]
    return absent + (["bounded"] if note.count(";") > MAX_NAMESAKES_NAMED or len(note) > 500 else [])


@pytest.mark.parametrize("province", sorted(MAINLAND))
def test_a_division_written_as_the_city_is_placed_where_near_reads_it_and_says_which_namesake(province: str) -> None:
    gazetteer = open_gazetteer()
    wrong, unsaid = [], []
    for city, state in _rows(province):
        near = _near(city, state)
        if near is None:
            continue
        placed = place_location(city, state, "China", gazetteer)
        km = None if placed.place is None else sphere_km(
            placed.place.latitude, placed.place.longitude, near.place.latitude, near.place.longitude)
        if km is None or km > SAME_KM:
            wrong.append((city, state, f"near: {near.place.name}, {near.place.province}",
                          "import: " + (f"{placed.place.name}, {placed.place.province}, {km:.0f} km"
                                        if placed.place else placed.note)))
        elif absent := _unnamed(city, state, placed.note, near):
            unsaid.append((city, state, absent, placed.note))
    assert not wrong, f"{len(wrong)} rows: {wrong[:8]}"
    assert not unsaid, f"{len(unsaid)} rows: {unsaid[:6]}"


def test_the_tester_rows_through_import(tmp_path: Path) -> None:
    """Through the command: the sites file's coordinates are near's answer, its note names the rest."""
    names = [("Gulou", ""), ("Chaoyang", "Jilin"), ("Tianhe", ""), ("Xihu District", ""), ("Gulou", "Jiangsu")]
    study = json.loads((ROOT / "data" / "registry" / "NCT07010263.json").read_text(encoding="utf-8"))
    study["protocolSection"]["contactsLocationsModule"]["locations"] = [
        {"facility": f"Hospital {n}", "city": city, "state": state, "country": "China"}
        for n, (city, state) in enumerate(names)]
    source = tmp_path / "study.json"
    source.write_text(json.dumps(study), encoding="utf-8")
    run = run_cli("import", str(source), "--out", str(tmp_path / "out"), "--json")
    assert run.exit_code == 0, run.stderr
    with (tmp_path / "out" / "sites.csv").open(encoding="utf-8") as handle:
        sites = list(csv.DictReader(handle))
    for site, (city, state) in zip(sites, names, strict=True):
        near = _near(city, state)
        assert near is not None
        assert sphere_km(float(site["latitude"]), float(site["longitude"]), near.place.latitude,
                         near.place.longitude) <= SAME_KM, (city, state, site)
        assert bool(_others(near)) == (" the other" in site["location_note"]), (city, state, site["location_note"])
