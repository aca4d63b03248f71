"""`--province` means first-level regions (a state, a province), never a region abroad whose part a
code or name also spells: `--province CA` listed California and Andalusia (Cádiz's code) and
Sardinia (Cagliari's); a name of regions in several countries that hold sites (Punjab) is said."""

from __future__ import annotations

import pytest

from conftest import make_site
from sitefinder.china import CHINA_AREA
from sitefinder.countries import regions_named
from sitefinder.gazetteer import open_shipped
from sitefinder.models import Site

# The US states' postal codes: each is also an ISO code of some region elsewhere, or of a second-level
# division (a Spanish or Italian province) whose first-level region --province must not pull in.
US_STATE_CODES = ("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
                  "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY").split()


def test_a_code_means_first_level_regions_only() -> None:
    gazetteer = open_shipped()
    for code in US_STATE_CODES:
        named = {key for key in regions_named(code, gazetteer) if "/" in key}
        # Hong Kong, Macau and Taiwan are regions by their own codes (--province MO: Macau)
        first_level = {f"{country}/{admin1}" for country, admin1 in gazetteer.regions(code)
                       if admin1 or country in CHINA_AREA}
        assert named <= first_level, (code, named - first_level)
        assert any(key.startswith("US/") for key in named), code


@pytest.mark.parametrize(("typed", "region"), [("Roma", "IT/"), ("Isère", "FR/"), ("Surrey", "GB/")])
def test_a_part_still_stands_for_its_region_where_no_region_has_the_name(typed: str, region: str) -> None:
    assert any(key.startswith(region) for key in regions_named(typed)), regions_named(typed)


def _site(site_id: int, city: str, province: str, country: str, latitude: float, longitude: float) -> Site:
    return make_site(site_id, facility=f"Hospital {site_id}", city=city, province=province,
                     latitude=latitude, longitude=longitude)._replace(country=country)


WORLD = [
    _site(1, "Los Angeles", "California", "United States", 34.05, -118.24),
    _site(2, "Cádiz", "Cádiz", "Spain", 36.53, -6.29),
    _site(3, "Cagliari", "CA", "Italy", 39.22, 9.11),
    _site(4, "Boston", "MA", "United States", 42.36, -71.06),
    _site(5, "Ludhiana", "Punjab", "India", 30.90, 75.85),
    _site(6, "Lahore", "Punjab", "Pakistan", 31.55, 74.34),
]


@pytest.mark.parametrize(("typed", "ids"), [("CA", [1]), ("MA", [4]), ("California", [1])])
def test_list_by_a_state_code_keeps_that_state(cli, sites_file, typed: str, ids: list[int]) -> None:
    path = sites_file(*WORLD)
    run = cli("list", "--province", typed, "--sites", str(path), "--json")
    assert run.exit_code == 0, run.stderr
    assert [site["id"] for site in run.json()["sites"]] == ids
    assert "countries" not in run.stderr and "国家" not in run.stderr


@pytest.mark.parametrize("command", [("list",), ("near", "Delhi")])
def test_a_name_of_regions_in_two_countries_is_said(cli, sites_file, command: tuple[str, ...]) -> None:
    path = sites_file(*WORLD)
    run = cli(*command, "--province", "Punjab", "--sites", str(path), "--json")
    assert run.exit_code == 0, run.stderr
    assert sorted(site["id"] for site in run.json()["sites"]) == [5, 6]
    notice = next(line for line in run.stderr.splitlines() if "countries" in line)
    assert "India" in notice and "Pakistan" in notice and "--country" in notice
    narrowed = cli(*command, "--province", "Punjab", "--country", "India", "--sites", str(path), "--json")
    assert [site["id"] for site in narrowed.json()["sites"]] == [5] and "countries" not in narrowed.stderr


def test_the_notice_in_chinese(cli, sites_file) -> None:
    path = sites_file(*WORLD)
    run = cli("list", "--province", "Punjab", "--sites", str(path), "--lang", "zh")
    assert run.exit_code == 0, run.stderr
    assert any("个国家" in line and "--country" in line for line in run.stderr.splitlines()), run.stderr
