"""A slip of one character inside an address chain (issue 20): wrong, left out or typed twice, in
the prefecture (河北省石家市长安区, 广东省广州州市天河区) or the province (河省石家庄市长安区, 内蒙古自治呼和浩特市
新城区), anywhere in the name. The chain is read again from where the slipped division began, and
a correction is taken only when the rest of the chain lies inside the corrected division; said in
a notice. A correction the rest does not confirm is never taken."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT
from sitefinder.china import MUNICIPALITIES, short_name
from sitefinder.distance import sphere_km
from sitefinder.errors import SitefinderError
from sitefinder.queries import open_gazetteer
from sitefinder.resolver import resolve

sys.path.insert(0, str(ROOT / "benchmarks"))
import china as benchmark  # noqa: E402

DIVISIONS = benchmark.divisions()
BY_CODE = {row["code"]: row for row in DIVISIONS}
NAMES = {row["name"] for row in DIVISIONS}
STRAY = "口"  # a character in no way like the one it replaces: no homophone, no shape


def _chained(every: int = 23) -> list[tuple[dict, dict, dict]]:
    """(county, its prefecture, its province) for counties whose county name is theirs alone, one in `every`."""
    counted: dict[str, int] = {}
    for row in DIVISIONS:
        counted[row["name"]] = counted.get(row["name"], 0) + 1
    found = []
    for row in DIVISIONS:
        prefecture = BY_CODE.get(row["code"][:4] + "00")
        if row["level"] != "county" or row["code"][:2] in MUNICIPALITIES or prefecture is None \
                or counted[row["name"]] > 1:
            continue
        found.append((row, prefecture, BY_CODE[row["code"][:2] + "0000"]))
    return found[::every]


def _slipped(name: str, at: int) -> dict[str, str]:
    """`name` with the character at `at` of its core replaced by a stray one, left out, typed twice."""
    return {"wrong": name[:at] + STRAY + name[at + 1:], "missing": name[:at] + name[at + 1:],
            "doubled": name[:at] + name[at] + name[at:]}


def _cases() -> list[tuple[str, str, dict]]:
    """(the chain as typed, as it should be written, the county) with one slip at each place of the
    prefecture's or the province's core, where the slipped form is no division's name."""
    cases = []
    for county, prefecture, province in _chained():
        meant = province["name"] + prefecture["name"] + county["name"]
        for which, name in (("prefecture", prefecture["name"]), ("province", province["name"])):
            for at in range(len(short_name(name))):
                for slipped in _slipped(name, at).values():
                    if slipped in NAMES or len(slipped) < 2:
                        continue
                    typed = (province["name"] + slipped if which == "prefecture" else slipped + prefecture["name"]) \
                        + county["name"]
                    cases.append((typed, meant, county))
    return cases[::5]


CASES = _cases()


def test_the_slips_cover_the_country() -> None:
    assert len(CASES) >= 150 and len({county["code"][:2] for _, _, county in CASES}) >= 25


def _km(query: str, row: dict) -> float:
    place = resolve(query, open_gazetteer()).place
    return sphere_km(place.latitude, place.longitude, float(row["latitude"]), float(row["longitude"]))


@pytest.mark.parametrize(("typed", "meant", "county"), CASES, ids=[typed for typed, _, _ in CASES])
def test_a_slip_inside_a_chain_the_county_confirms_is_read_so_and_said(typed: str, meant: str, county: dict) -> None:
    found = resolve(typed, open_gazetteer())
    assert _km(typed, county) <= 25.0
    assert found.notes and meant in found.notes[0], found.notes


@pytest.mark.parametrize("street", ["体育西路123号", "人民路8号"])
def test_the_street_after_a_corrected_chain_is_said_unread(cli, street: str) -> None:
    county, prefecture, province = _chained()[3]
    slipped = prefecture["name"][:1] + prefecture["name"][1:2] * 2 + prefecture["name"][2:]  # a character typed twice
    run = cli("near", province["name"] + slipped + county["name"] + street, "--json")
    assert run.exit_code == 0, run.stderr
    assert street in run.stderr and province["name"] + prefecture["name"] + county["name"] in run.stderr, run.stderr


def test_a_correction_the_rest_does_not_confirm_is_not_taken() -> None:
    """广东省广州州市南山区: 南山区 is Shenzhen's, so 广州市 is no confirmed reading: never 南山区 read
    inside 广州, nor a district of 广州 answered as though the chain said so."""
    gazetteer = open_gazetteer()
    for county, prefecture, province in _chained()[::7]:
        other = next(row for row in DIVISIONS if row["level"] == "county" and row["code"][:2] == county["code"][:2]
                     and row["code"][:4] != county["code"][:4] and row["name"] in NAMES
                     and not any(d["name"] == row["name"] and d["code"][:4] == county["code"][:4] for d in DIVISIONS))
        typed = province["name"] + prefecture["name"][:-1] + STRAY + prefecture["name"][-1:] + other["name"]
        try:
            found = resolve(typed, gazetteer)
        except SitefinderError:
            continue  # unknown, or asked back: never wrong
        assert not any("按" in note for note in found.notes), (typed, found.notes)


def _short_cases() -> list[tuple[str, dict]]:
    """(the chain written short, 省 and 市 left out, with a slip in the province's or the city's name
    and a street after, the county): 黑龙省鸡西城子河区中山大道123号, 中广东广州黄埔区人民路8号."""
    cases = []
    for number, (county, prefecture, province) in enumerate(_chained()):
        names = [short_name(province["name"]), short_name(prefecture["name"])]
        which = number % 2
        name = names[which]
        slipped = list(_slipped(name, number % len(name)).values())[number % 3]
        if len(slipped) < 2:
            continue
        names[which] = slipped
        cases.append(("".join(names) + county["name"] + "中山大道123号", county))
    return cases


SHORT_CASES = _short_cases()


@pytest.mark.parametrize(("typed", "county"), SHORT_CASES, ids=[typed for typed, _ in SHORT_CASES])
def test_a_slip_in_a_short_chain_before_a_street(typed: str, county: dict) -> None:
    found = resolve(typed, open_gazetteer())
    assert _km(typed, county) <= 25.0, found.notes
    assert any("中山大道123号" in note for note in found.notes), found.notes


def test_a_slip_that_makes_another_division_s_name_is_read_by_a_county_named_in_full() -> None:
    """贵州省黔南剑河县: 黔南 is a prefecture too, but 剑河县 lies in 黔东南 (one character away): read
    so and said. Generated: each prefecture one character from another division of its province."""
    gazetteer = open_gazetteer()
    checked = 0
    for county, prefecture, province in _chained(every=1):
        core = short_name(prefecture["name"])
        for at in range(len(core)):
            dropped = core[:at] + core[at + 1:]
            other = [row for row in DIVISIONS if row["code"][:2] == province["code"][:2] and row["code"] != prefecture["code"]
                     and short_name(row["name"]) == dropped and not county["code"].startswith(row["code"][:4])]
            if not other or len(dropped) < 2:
                continue
            typed = province["name"] + dropped + county["name"]
            found = resolve(typed, gazetteer)
            checked += 1
            assert _km(typed, county) <= 25.0 and found.notes and "按" in found.notes[0], (typed, found.notes)
    assert checked >= 10
