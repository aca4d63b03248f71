"""A city's own county of its name is the city answered, never a namesake worth a notice: `near
乌鲁木齐` always said "乌鲁木齐 也是 新疆乌鲁木齐市乌鲁木齐县 的名称", where 长沙 (长沙县) and 南昌
(南昌县) said nothing, only because those counties' seats are nearer their city's. README's rule: "a
namesake is never the place answered itself (长沙县 beside 长沙)". Generated over every prefecture-level
city of the mainland that has a county (县, 区, 旗) of its own name."""

from __future__ import annotations

import pytest

from conftest import run_cli
from sitefinder.china import short_name
from sitefinder.queries import open_gazetteer

ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}


def _cities_with_own_county() -> list[tuple[str, str]]:
    rows = open_gazetteer().rows(
        "SELECT c.name, d.name FROM cn_division d JOIN cn_division c ON c.code = d.parent "
        "WHERE c.level = 'prefecture' AND d.level = 'county' AND c.code GLOB '[0-9]*'")
    # a city (市), not an autonomous prefecture named after a region (甘孜州's 甘孜县 is a town 400 km
    # from its seat: a place of its own)
    return sorted((city, county) for city, county in rows
                  if city.endswith("市") and county[:-1] == short_name(city) and county[-1] in "县区旗")


CITIES = _cities_with_own_county()


def test_there_are_such_cities() -> None:
    assert ("乌鲁木齐市", "乌鲁木齐县") in CITIES and ("长沙市", "长沙县") in CITIES and len(CITIES) > 20


@pytest.mark.parametrize("city, county", CITIES)
def test_a_citys_own_county_is_no_namesake_of_it(city: str, county: str) -> None:
    run = run_cli("near", short_name(city), "--limit", "1", "--json", env=ZH)
    assert run.exit_code == 0, run.stderr
    assert county not in run.stderr, run.stderr
    assert all(county not in (other.get("label") or "") for other in run.json()["origin"].get("alternatives", []))


def test_the_county_itself_is_still_found_by_its_name() -> None:
    run = run_cli("near", "乌鲁木齐县", "--limit", "1", env=ZH)
    assert run.exit_code == 0 and "乌鲁木齐县" in run.stdout, run.stdout
