"""Chinese names of cities abroad: the standard Simplified names (CLDR's exemplar cities,
gazetteer/cldr_cities_zh.csv), and GeoNames' Traditional-only names simplified, both typed and shown
(scripts/build_gazetteer.py: cldr_cities, simplified_abroad, chinese_names)."""

from __future__ import annotations

import csv

import pytest

from sitefinder.china import CHINA_AREA
from sitefinder.queries import open_gazetteer
from sitefinder.resolver import resolve
from sitefinder.text import name_key, written_in

from conftest import ROOT, make_site, run_cli

CLDR = ROOT / "gazetteer" / "cldr_cities_zh.csv"


def _cldr_places() -> list[tuple[dict[str, str], int]]:
    """Each CLDR city abroad with the gazetteer place the build gives its name: the most populous of
    its territory whose own name is the English exemplar city."""
    gazetteer = open_gazetteer()
    found = []
    with CLDR.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["territory"] in CHINA_AREA:
                continue
            places = gazetteer.rows("SELECT id, name FROM place WHERE country = ? ORDER BY population DESC, id",
                                    (row["territory"],))
            place = next((place for place, name in places if name_key(name) == name_key(row["city_en"])), None)
            if place is not None:
                found.append((row, place))
    return found


def test_every_cldr_city_is_shown_and_found_by_its_standard_chinese_name() -> None:
    """纽约 was an unknown place (GeoNames has 紐約 only), 迪拜 shown as 杜拜, 雅加达 as 勿礁维."""
    gazetteer = open_gazetteer()
    matched = _cldr_places()
    assert len(matched) > 250
    wrong = []
    for row, place in matched:
        shown = gazetteer.chinese_name(place)
        answer = resolve(row["city_zh"], gazetteer).place
        # the answer is that city, or a larger namesake of the same Chinese name (圣胡安: Puerto Rico's)
        if shown != row["city_zh"] or gazetteer.chinese_name(answer.geonameid or 0) != row["city_zh"]:
            wrong.append(f"{row['city_en']} {row['city_zh']}: shown {shown}, answered {answer.label}")
    assert not wrong, wrong


def test_a_city_abroad_named_in_traditional_characters_only_is_shown_in_simplified() -> None:
    """Of the places abroad of more than 100,000 people, every Chinese name shown is written in
    Simplified characters, but GeoNames' Japanese forms (豊中, 徳島), which OpenCC does not map."""
    gazetteer = open_gazetteer()
    rows = gazetteer.rows("SELECT name, zh, country FROM place WHERE zh != '' AND population > 100000 AND country "
                          f"NOT IN ({', '.join('?' * len(CHINA_AREA))})", CHINA_AREA)
    assert len(rows) > 2_500
    wrong = [(name, zh) for name, zh, country in rows if not written_in(zh, "gb2312") and country != "JP"
             and not any(0x3040 <= ord(char) < 0x3100 for char in zh)]  # kana: a Japanese name
    assert not wrong, wrong


@pytest.mark.parametrize(("typed", "city", "province"), [
    ("纽约", "New York City", "New York"), ("温哥华", "Vancouver", "British Columbia"), ("米兰", "Milan", "Lombardy"),
    ("西雅图", "Seattle", "Washington"), ("河内", "Hanoi", "Ha Noi"), ("华盛顿", "Washington", "District of Columbia"),
    ("旧金山", "San Francisco", "California"), ("迪拜", "Dubai", "Dubai")])
def test_near_a_city_abroad_by_its_chinese_name(cli, typed: str, city: str, province: str) -> None:
    run = cli("near", typed, "--json", "--limit", "1")
    assert run.exit_code == 0, run.stderr
    origin = run.json()["origin"]
    assert (origin["name"], origin["province"]) == (city, province)
    assert origin["name_zh"].startswith(typed)  # 华盛顿特区 for the District


def test_san_francisco_is_shown_by_the_mainlands_name(cli) -> None:
    run = cli("near", "San Francisco", "--json", "--lang", "zh", "--limit", "1")
    assert run.json()["origin"]["name_zh"] == "旧金山"  # GeoNames' shortest was Hong Kong's 三藩


@pytest.mark.parametrize(("typed", "host", "expected"), [("Manchester", "Richmond", "United Kingdom"),
                                                        ("Northampton", "Allentown", "United Kingdom"),
                                                        ("Salem", "Jerusalem", "India")])
def test_a_city_hosting_a_site_never_beats_a_place_of_that_very_name_by_an_alias(sites_file, typed: str, host: str,
                                                                                expected: str) -> None:
    """`near Manchester` on a dataset with a site in Richmond, Virginia (GeoNames keeps "Manchester" among
    its old names) answered Richmond: a site's city wins among places of its name, not over the place
    whose own name the query is."""
    from sitefinder.queries import open_gazetteer
    from sitefinder.resolver import _lookup

    place = next(p for p in sorted(_lookup(open_gazetteer(), typed), key=lambda p: -p.population) if p.name == host)
    path = sites_file(make_site(1, city=host, province=place.province, latitude=place.latitude,
                                longitude=place.longitude, geonameid=place.geonameid)._replace(country=place.country))
    run = run_cli("near", typed, "--json", "--sites", str(path))
    assert run.exit_code == 0 and run.json()["origin"]["country"] == expected, run.stderr
