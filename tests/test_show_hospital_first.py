"""A hospital's name is never read as a place by its first word: `show 山东省人民医院` said "这是一个
省级行政区…sitefinder list --province 山东", as if the whole text were Shandong. `show` looks for
the facility first; the province's listing is offered as where such a hospital's sites are, and
"that is a province" only when the whole text is a province."""

from __future__ import annotations

import csv

import pytest

from conftest import ROOT, SHIPPED_SITES, run_cli
from sitefinder.regions import PROVINCES

ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}
MAINLAND = [province for province in PROVINCES if province.country == "CN"]


def _shipped_hospitals_named_by_a_place() -> list[str]:
    """The Chinese names of the shipped sites' hospitals that begin with a province or a city."""
    from sitefinder.facilities import facility_zh
    from sitefinder.sitesfile import read_sites_file

    cities = {row["facility_zh"][:2] for row in csv.DictReader((ROOT / "data" / "facilities_zh.csv").open(encoding="utf-8"))}
    heads = {province.chinese for province in PROVINCES} | cities
    names = {facility_zh(site) for site in read_sites_file(SHIPPED_SITES)[0]}
    return sorted(name for name in names if name and any(name.startswith(head) for head in heads))


HOSPITALS = _shipped_hospitals_named_by_a_place()


def test_the_shipped_data_have_hospitals_named_by_a_place() -> None:
    assert len(HOSPITALS) >= 10 and "山西省肿瘤医院" in HOSPITALS


@pytest.mark.parametrize("name", HOSPITALS)
def test_a_hospital_named_by_its_province_or_city_is_found_by_its_name(name: str) -> None:
    run = run_cli("show", name, env=ZH)
    assert run.exit_code in (0, 2), run.stderr  # the site, or several of that name to choose from
    assert name in run.stdout + run.stderr and "这是一个" not in run.stderr, run.stderr


@pytest.mark.parametrize("province", MAINLAND, ids=[province.name for province in MAINLAND])
def test_a_hospital_no_site_is_is_not_said_to_be_its_province(province) -> None:
    for name in (f"{province.chinese}省人民医院", f"{province.chinese}省第二人民医院"):
        run = run_cli("show", name, env=ZH)
        assert run.exit_code in (0, 1, 2), run.stderr
        assert "这是一个省级行政区" not in run.stderr, run.stderr
    if province.name in ("Beijing", "Shanghai", "Tianjin", "Chongqing"):
        return  # a municipality is a city too: its name alone is read as one
    whole = run_cli("show", province.chinese, env=ZH)  # the whole text a province: said so
    assert whole.exit_code in (0, 1, 2), whole.stderr
    assert whole.exit_code != 1 or "这是一个省级行政区" in whole.stderr, whole.stderr


def test_a_hospital_no_site_is_points_to_its_provinces_sites() -> None:
    run = run_cli("show", "山东省人民医院", env=ZH)
    assert run.exit_code == 1 and "sitefinder list --province 山东" in run.stderr, run.stderr
    assert "这是一个省级行政区" not in run.stderr
    english = run_cli("show", "Shandong Provincial People's Hospital")
    assert "that is a province" not in english.stderr, english.stderr
