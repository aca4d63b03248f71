"""China's divisions in English written in the Chinese order (issue 20): "Guangdong Guangzhou
Tianhe", "Guangzhou Tianhe", "Guangzhou, Tianhe", a street after ("Guangzhou Tianhe District Tiyu
West Road 123") or before ("No. 123 Renmin Road, Tianhe District, Guangzhou"), said unread; level
words shortened ("Tianhe Dist."). Each case is generated from the division table, through the
benchmark's own forms; a word of one or two letters is never read as a place in a chain."""

from __future__ import annotations

import sys
from collections import Counter

import pytest

from conftest import ROOT
from sitefinder.distance import sphere_km
from sitefinder.errors import PlaceNotFound
from sitefinder.queries import open_gazetteer
from sitefinder.resolver import resolve

sys.path.insert(0, str(ROOT / "benchmarks"))
import china as benchmark  # noqa: E402

DIVISIONS = benchmark.divisions()
GAZETTEER = open_gazetteer()
BY_CODE = {row["code"]: row for row in DIVISIONS}
FORMS = ("en chain", "en city district", "en city, district", "en chain, street", "en address", "en chain, city typo")


def _typed() -> list[tuple[str, str, dict]]:
    """(form, query, county) for one county in 17, where no other county is written alike in that form."""
    gazetteer = open_gazetteer()
    typed = [(form, query, row) for row in DIVISIONS[::17] if row["level"] == "county"
             for form, query in benchmark.forms(row, BY_CODE, gazetteer).items() if form in FORMS and query]
    every = Counter(query.lower() for _, query, _ in typed)
    return [(form, query, row) for form, query, row in typed if every[query.lower()] == 1]


TYPED = _typed()


def test_the_english_forms_cover_the_table() -> None:
    assert {form for form, _, _ in TYPED} == set(FORMS) and len(TYPED) >= 500


def _km(query: str, row: dict) -> tuple[float, tuple[str, ...]]:
    found = resolve(query, open_gazetteer())
    return sphere_km(found.place.latitude, found.place.longitude, float(row["latitude"]),
                     float(row["longitude"])), found.notes


@pytest.mark.parametrize(("form", "query", "row"), TYPED, ids=[query for _, query, _ in TYPED])
def test_an_english_chain_lands_at_the_county(form: str, query: str, row: dict) -> None:
    km, notes = _km(query, row)
    assert km <= 25.0, (query, notes)
    if "street" in form or "address" in form:  # the street is said unread, and what was used
        street = benchmark.STREET if form.endswith("street") else benchmark.STREET_FIRST
        assert any(street in note for note in notes), notes


def test_a_slip_the_chain_does_not_confirm_is_not_read() -> None:
    """"Guangzou X" where X is a county of another province: Guangzou is never read as Guangzhou,
    nor X answered as though the chain placed it there."""
    gazetteer = open_gazetteer()
    cases = [(query, row) for form, query, row in TYPED if form == "en chain, city typo"][::9]
    others = [(query, row) for form, query, row in TYPED if form == "en city district"]
    checked = 0
    for (query, row), (other, far) in zip(cases, reversed(others)):
        if far["code"][:2] == row["code"][:2]:
            continue
        typed = " ".join([*query.split()[:-1], other.split()[-1]])
        checked += 1
        try:
            found = resolve(typed, gazetteer)
        except PlaceNotFound:
            continue
        assert not any("read " in note for note in found.notes), (typed, found.notes)
    assert checked >= 10


@pytest.mark.parametrize(("typed", "meant"), [("Guangdong Guangzou Tianhe", "Guangzhou"),
                                              ("Guangdon Guangzhou Tianhe", "Guangdong")])
def test_a_slip_the_chain_confirms_is_said(typed: str, meant: str) -> None:
    found = resolve(typed, open_gazetteer())
    assert found.name_zh == "天河区" and any(meant in note and "read " in note for note in found.notes), found.notes


@pytest.mark.parametrize("written", ["Tianhe Dist.", "Tianhe Dist., Guangzhou", "Tianhe Distr", "Guangzhou Tianhe Dist"])
def test_a_level_word_written_short(written: str) -> None:
    assert resolve(written, open_gazetteer()).name_zh == resolve("天河区", open_gazetteer()).name_zh


def test_the_street_is_said_through_the_cli(cli) -> None:
    run = cli("near", "Guangzhou Tianhe District Tiyu West Road 123", "--json")
    assert run.exit_code == 0, run.stderr
    assert "Tiyu West Road 123" in run.stderr and "Guangzhou Tianhe District" in run.stderr, run.stderr


@pytest.mark.parametrize("typed", ["GZ天河", "GZ Tianhe", "Tianhe GZ", "SZ Nanshan"])
def test_a_word_of_two_letters_is_no_place_in_a_chain(typed: str) -> None:
    with pytest.raises(PlaceNotFound):
        resolve(typed, open_gazetteer())


def _functional_areas() -> list[dict]:
    from sitefinder.china import functional_area

    return [row for row in DIVISIONS if row["level"] != "province" and functional_area(row["name"]) is not None]


FUNCTIONAL = _functional_areas()


def test_functional_areas_are_found_in_the_table() -> None:
    assert len(FUNCTIONAL) >= 10  # 浦东新区, 苏州工业园区, 峰峰矿区, 六枝特区, 神农架林区, ...


@pytest.mark.parametrize("row", FUNCTIONAL, ids=[row["name"] for row in FUNCTIONAL])
def test_a_functional_area_is_shown_and_read_by_what_it_is(row: dict) -> None:
    """"Suzhougongyeyuan District" was 苏州工业园区's English, and "Suzhou Industrial Park" unknown;
    浦东新区 "Pudong District": shown as its own English names it (Pudong New Area), and read so."""
    from sitefinder.china import functional_area

    core, words = functional_area(row["name"])
    english = GAZETTEER.rows("SELECT english FROM cn_division WHERE code = ?", (row["code"],))[0][0]
    assert english.endswith(" " + words) and len(english) > len(words) + 2, english
    found = resolve(english, GAZETTEER)
    assert sphere_km(found.place.latitude, found.place.longitude, float(row["latitude"]),
                     float(row["longitude"])) <= 25.0, (english, found.place)


@pytest.mark.parametrize("name", sorted({row["name"] for row in DIVISIONS if row["name"].endswith("林区")
                                         and len(row["name"]) == 4}))
def test_a_district_whose_name_ends_in_lin_is_no_forestry_district(name: str) -> None:
    """万柏林区 is the district of 万柏林 ("Wanbailin District"), not a forestry district of 万柏."""
    from sitefinder.china import bare_forms, functional_area

    assert functional_area(name) is None and name[:-1] in bare_forms(name, "county")
    english = GAZETTEER.rows("SELECT english FROM cn_division WHERE name = ?", (name,))[0][0]
    assert english.lower().removesuffix(" district").endswith("lin"), english
