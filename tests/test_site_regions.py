"""A site's province or state: one rule (countries.site_region) for what is shown and what every
filter keeps, in memory and through the index.

tests/fixtures/site_regions.csv holds real imported rows (ids below 2000: Hangzhou with and without
the registry's state, Munich and Augsburg with none, Dresden and Leipzig in "Sachsen") and three
made up: "Beijing Municipality", a Hangzhou site whose registry state says Jiangsu, Munich in "Bayern".
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

SITES = ROOT / "tests" / "fixtures" / "site_regions.csv"
HANGZHOU = {707, 708, 849, 1062, 2002}  # 2002's registry state (Jiangsu) contradicts its placed city
BAVARIA = {91, 575, 2003}  # Munich and Augsburg: no state, "Bayern"
SAXONY = {1256, 1257}  # "Sachsen"; Halle (1255) is in Saxony-Anhalt


@pytest.fixture(params=["memory", "index"])
def store(request, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "index":
        monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    return request.param


def ids(run) -> set[int]:
    assert run.exit_code == 0, run.stderr
    return {site["id"] for site in run.json()["sites"]}


@pytest.mark.parametrize("province", ["浙江", "浙江省", "Zhejiang", "zhejiang province"])
def test_a_province_keeps_the_sites_placed_there_whatever_the_registry_state(cli, store: str, province: str) -> None:
    city = cli("list", "--city", "Hangzhou", "--all", "--json", "--sites", str(SITES))
    assert ids(city) == HANGZHOU
    listed = cli("list", "--province", province, "--all", "--json", "--sites", str(SITES))
    assert ids(listed) == HANGZHOU
    near = cli("near", province, "--all", "--json", "--sites", str(SITES))
    assert ids(near) == HANGZHOU


def test_the_province_shown_is_the_province_filtered(cli, store: str) -> None:
    run = cli("list", "--province", "浙江", "--all", "--json", "--lang", "zh", "--sites", str(SITES))
    assert {site["province_zh"] for site in run.json()["sites"]} == {"浙江"}
    every = cli("list", "--all", "--json", "--lang", "zh", "--sites", str(SITES))
    shown = {site["id"]: site["province_zh"] for site in every.json()["sites"]}
    assert shown[2001] == "北京" and shown[2002] == "浙江"


@pytest.mark.parametrize("args, region", [(["list", "--province", "Zhejiang"], "Zhejiang"),
                                          (["near", "Bavaria"], "Bavaria"),
                                          (["near", "Hangzhou", "--within", "50"], "Zhejiang")])
def test_an_english_table_shows_the_province_a_site_without_a_state_is_kept_under(
        cli, store: str, args: list, region: str) -> None:
    # a row with no registry state had a blank Province cell in the very list --province kept it in
    kept = cli(*args, "--all", "--json", "--sites", str(SITES))
    unnamed = {site["id"] for site in kept.json()["sites"] if not site["province_registry"]}
    assert unnamed  # the data keep the registry's text: no state
    assert {site["province"] for site in kept.json()["sites"] if site["id"] in unnamed} == {region}  # and say the shown
    table = cli(*args, "--all", "--sites", str(SITES), env={"COLUMNS": "250"})
    assert table.exit_code == 0, table.stderr
    rows = {int(line.split()[0]): line for line in table.stdout.splitlines() if line.split()[:1] and line.split()[0].isdigit()}
    assert unnamed <= set(rows)
    # the region as a cell of its own (a facility's name may hold it: Zhejiang University)
    assert all(region in re.split(r"\s{2,}", rows[site_id].strip()) for site_id in unnamed), \
        [rows[site_id] for site_id in unnamed]


def test_a_registry_state_that_contradicts_the_placed_city_gives_way_to_the_city(cli, store: str) -> None:
    # the site is ranked from Hangzhou's point and named 杭州: Jiangsu's sites are those placed in Jiangsu
    run = cli("list", "--province", "Jiangsu", "--all", "--json", "--sites", str(SITES))
    assert 2002 not in {site["id"] for site in run.json()["sites"]}


@pytest.mark.parametrize("written", ["Beijing", "北京", "Beijing Municipality", "北京市"])
def test_a_municipality_in_any_form_is_one_region(cli, store: str, written: str) -> None:
    assert ids(cli("list", "--province", written, "--all", "--json", "--sites", str(SITES))) == {2001}


@pytest.mark.parametrize(("query", "expected"), [("Bavaria", BAVARIA), ("Bayern", BAVARIA), ("Saxony", SAXONY),
                                                 ("Sachsen", SAXONY)])
def test_a_state_abroad_answers_its_sites_written_in_any_language_or_not_at_all(
        cli, store: str, query: str, expected: set[int]) -> None:
    assert ids(cli("near", query, "--all", "--json", "--sites", str(SITES))) == expected
    assert ids(cli("list", "--province", query, "--all", "--json", "--sites", str(SITES))) == expected


def test_site_region_reads_the_placed_city_then_the_state_then_the_city_near_the_point() -> None:
    from sitefinder.countries import site_region
    from sitefinder.gazetteer import open_shipped

    gazetteer = open_shipped()
    assert site_region("China", "Jiangsu", "Hangzhou", 1808926, 30.29, 120.16, gazetteer) == "CN/Zhejiang"
    assert site_region("China", "浙江省", "", None, None, None, gazetteer) == "CN/Zhejiang"
    assert site_region("Germany", "", "Munich", None, 48.14, 11.58, gazetteer) == "DE/Bavaria"
    assert site_region("Germany", "Bayern", "", None, None, None, gazetteer) == "DE/Bavaria"
    # a state no table knows is its own text, as it was
    assert site_region("Germany", "Nowhere Land", "Nowhere", None, None, None, gazetteer) == "nowhereland"


@pytest.mark.parametrize("typed, words", [("Bavaria", "is a state or province,"), ("Bayern", "is a state or province,"),
                                          ("Zhejiang", "is a province,"), ("浙江", "是一个省级行政区"),
                                          ("Bayern --lang zh", "是一个一级行政区")])
def test_a_region_abroad_is_not_called_a_province(cli, typed: str, words: str) -> None:
    # "Bavaria is a province" said a German state was a province; China's provinces stay provinces
    query, *options = typed.split()
    run = cli("near", query, *options, "--all", "--sites", str(SITES))
    assert run.exit_code == 0, run.stderr
    assert words in run.stderr
