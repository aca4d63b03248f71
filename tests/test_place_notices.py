"""One reading of a place, one set of notices (#20): `list --city`, `show PLACE`, `map`, `near` and
`near --by hospital` say the same namesake and district notices, made in one place; a county read as
its city is said so; an address that names its city has no namesake to tell of."""

from __future__ import annotations

import re
import sqlite3

import pytest

from conftest import ROOT, run_cli
from sitefinder.china import official_short
from sitefinder.distance import sphere_km
from sitefinder.queries import open_gazetteer, open_sites
from sitefinder.resolver import resolve
from sitefinder.text import fold


def _divisions() -> dict[str, dict]:
    with sqlite3.connect(ROOT / "data" / "gazetteer.sqlite") as db:
        db.row_factory = sqlite3.Row
        return {row["code"]: dict(row) for row in db.execute(
            "SELECT code, name, level, parent, province, english, latitude, longitude, place FROM cn_division "
            "WHERE code GLOB '[0-9]*'")}


DIVISIONS = _divisions()
COUNTIES = [row for row in DIVISIONS.values() if row["level"] == "county"]
SITES = list(open_sites(None).sites())
SITE_PLACES = {site.geonameid for site in SITES if site.geonameid}


def _prefecture(row: dict) -> dict | None:
    city = DIVISIONS.get(row["parent"])
    return city if city is not None and city["level"] == "prefecture" else None


def _province(row: dict) -> dict:
    return DIVISIONS[row["code"][:2] + "0000"]


NAMESAKE_LINE = ("also the name of", "is ambiguous", "也是", "有多个同名地点")


def _namesake_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if any(word in line for word in NAMESAKE_LINE)]


# ------------------------------------------------------------------ a county read as its city

def _counties_of_site_cities() -> list[tuple[str, str, str]]:
    """(typed, county's name as said, its city's name as said) for the counties (县) of the
    prefectures hosting a shipped site, in Chinese and in English: no site's registry city is a 县."""
    picked = []
    for row in COUNTIES:
        city = _prefecture(row)
        if city is None or city["place"] not in SITE_PLACES or not row["name"].endswith("县"):
            continue
        picked.append((row["name"], official_short(row["name"]), official_short(city["name"])))
        picked.append((row["english"], row["english"], city["english"]))
    return picked


@pytest.mark.parametrize(("typed", "county", "city"), _counties_of_site_cities(), ids=lambda value: value)
def test_a_county_listed_as_its_city_is_said_so(cli, typed: str, county: str, city: str) -> None:
    """`list --city 长沙县` listed 长沙市's two sites and said nothing: a registry names a site's city,
    never its county, so its city's sites are the answer, said so, in the language typed."""
    run = cli("list", "--city", typed, "--json")
    sites = run.json()["sites"]
    if not sites:
        return
    assert all(fold(site["city"]) != fold(typed) for site in sites)
    said = [notice["text"] for notice in run.json()["notices"] if notice["key"] == "notice.district_city"]
    assert len(said) == 1 and county in said[0] and city in said[0], (typed, run.stderr)
    assert said[0] in run.stderr.splitlines()
    assert all(("以下" in line) == (not typed.isascii()) for line in said)  # in the language typed


def test_changsha_county_in_both_languages(cli) -> None:
    chinese = cli("list", "--city", "长沙县", "--json")
    assert [site["id"] for site in chinese.json()["sites"]] == [20, 21]
    assert "长沙县" in chinese.stderr and "长沙" in chinese.stderr and "county" not in chinese.stderr
    english = cli("list", "--city", "Changsha County", "--json")
    assert "Changsha County is a county of Changsha" in english.stderr
    asked_zh = cli("list", "--city", "Changsha County", "--lang", "zh")
    assert "长沙县属于长沙" in asked_zh.stderr


# ------------------------------------------------------------------ namesakes, said by every command

def _shared_names() -> list[str]:
    """Names read with a namesake: the site cities' registry names (Taizhou, Gannan) and Chinese
    names, and the county-level names that a site city shares with another city (鼓楼区)."""
    gazetteer = open_gazetteer()
    names = {site.city for site in SITES if site.country == "China"}
    names |= {gazetteer.chinese_name(site.geonameid) for site in SITES if site.geonameid} - {""}
    by_name: dict[str, list[dict]] = {}
    for row in COUNTIES:
        by_name.setdefault(row["name"], []).append(row)
    for name, rows in by_name.items():
        if len(rows) > 1 and any((_prefecture(row) or {}).get("place") in SITE_PLACES for row in rows):
            names.add(name)
    return sorted(name for name in names if _namesake_lines(cli_stderr("near", name)))


def cli_stderr(*args: str) -> str:
    from conftest import run_cli

    return run_cli(*args).stderr


SHARED = _shared_names()


def test_the_shared_names_are_found_in_the_data() -> None:
    assert {"Taizhou", "Gannan", "鼓楼区"} <= set(SHARED)


@pytest.mark.parametrize("name", SHARED)
def test_every_command_that_reads_a_place_names_its_namesakes(cli, name: str) -> None:
    """`near Taizhou` named Jiangsu's Taizhou, `list --city Taizhou` did not, nor `show`: one set
    of notices, whatever reads the place."""
    said = _namesake_lines(cli("near", name).stderr)
    assert said
    for args in (("near", name, "--by", "hospital"), ("map", name), ("list", "--city", name),
                 ("list", "--city", name, "--json")):
        run = cli(*args)
        assert run.exit_code == 0, (args, run.stderr)
        assert _namesake_lines(run.stderr) == said, args
    listed = cli("list", "--city", name, "--json")
    assert len(_namesake_lines("\n".join(notice["text"] for notice in listed.json()["notices"]))) == len(said)
    shown = cli("show", name)
    if shown.exit_code == 0:
        assert _namesake_lines(shown.stderr) == said


def test_gulou_lists_fuzhous_and_names_xuzhous(cli) -> None:
    """Two site cities (Fuzhou, site 4; Xuzhou, site 22) have a 鼓楼区: the one the resolver reads
    (as `near`) is listed, the other named, with how to ask for it."""
    run = cli("list", "--city", "鼓楼区", "--json")
    assert [site["id"] for site in run.json()["sites"]] == [4]
    assert "徐州" in run.stderr and "福州" in run.stderr
    xuzhou = cli("list", "--city", "徐州鼓楼区", "--json")
    assert [site["id"] for site in xuzhou.json()["sites"]] == [22]


# ------------------------------------------------------------------ an address names its city

def _address_rows() -> list[dict]:
    """The county-level divisions whose name another in another province shares, under a
    prefecture: each written in an address that names its city leaves nothing ambiguous."""
    by_name: dict[str, list[dict]] = {}
    for row in COUNTIES:
        if _prefecture(row) is not None and row["code"][:2] not in ("11", "12", "31", "50"):
            by_name.setdefault(row["name"], []).append(row)
    rows = [row for name, rows in sorted(by_name.items()) if len({row["province"] for row in rows}) == len(rows) > 1
            for row in rows]
    return rows[::6] + [DIVISIONS["110105"]]  # and Beijing's 朝阳区 (Changchun and Shantou have one too)


def _addresses(row: dict) -> list[str]:
    """The division in whole addresses: English order with street, number and a six-digit postcode
    after or before the city, with or without the level word; Chinese order, with and without one."""
    city = _prefecture(row)
    province = _province(row)
    bare = row["english"].removesuffix(" District").removesuffix(" County")
    outer = province["english"] if city is None else city["english"]  # a municipality's district: its province
    english = [f"88 Jianguo Road, {row['english']}, {outer} 100022",
               f"88 Jianguo Road, {bare}, {outer} 100022",
               f"{row['english']}, 100022 {outer}",
               f"{row['english']}, {outer} 100022",
               f"Room 5, 88 Jianguo Road, {row['english']}, {outer}, {row['province']} 100022, China"]
    if city is None:
        return [*english[:-1], f"{province['name']}{row['name']}建国路88号 100022"]
    return [*english, f"{province['name']}{city['name']}{row['name']}建国路88号 100022",
            f"中国{official_short(city['name'])}{row['name']}建国路88号"]


@pytest.mark.parametrize("row", _address_rows(), ids=lambda row: row["code"])
def test_an_address_that_names_its_city_has_no_namesake(cli, row: dict) -> None:
    for address in _addresses(row):
        run = cli("near", address, "--lang", "en", "--json")
        assert run.exit_code == 0, (address, run.stderr)
        origin = run.json()["origin"]
        assert sphere_km(origin["latitude"], origin["longitude"], row["latitude"], row["longitude"]) <= 25, address
        assert _namesake_lines(run.stderr) == [], (address, run.stderr)


def test_an_address_that_leaves_the_place_ambiguous_quotes_the_name_read(cli) -> None:
    """"Gulou District, Jiangsu": Nanjing's and Xuzhou's, named by the name read, not by the address."""
    for address in ("88 Jianguo Road, Gulou District, Jiangsu 210000", "88 Jianguo Road, Gulou District, Jiangsu",
                    "Room 5, 88 Jianguo Road, Gulou District, Jiangsu, China", "江苏鼓楼区建国路88号"):
        run = cli("near", address, "--lang", "en")
        said = _namesake_lines(run.stderr)
        assert len(said) == 1 and "Jianguo" not in said[0] and "建国路" not in said[0], (address, run.stderr)
        assert "Gulou District" in said[0] and "Nanjing" in said[0], (address, said)


@pytest.mark.parametrize("query", ["广东省人民路八号", "山东省xx路", "浙江省杭州市文三路", "Guangdong Province, Renmin Road 8",
                                   "广州市天河区中山大道西8号", "北京市朝阳区建国路"])
def test_a_part_of_an_address_used_is_named_once(query: str) -> None:
    """"使用 广东省（广东省）": the part read is named again only where the name read says more."""
    for lang in ("zh", "en"):
        run = run_cli("near", query, "--lang", lang)
        doubled = re.search(r"(\S+?)[（(]\1[）)]", run.stderr)
        assert doubled is None, run.stderr
