"""China's parts and directions typed in Chinese (东北, 华南地区, 北部, 中部): no one place to measure
from, and never the region abroad GeoNames names alike in Chinese (东北 was Ghana's Upper East, 中部
eight countries' Centre, answered "no site there" to a patient in Harbin). A part says its provinces
and how to list one; --province of one says to give one province (exit 2)."""

from __future__ import annotations

import re

import pytest

from conftest import run_cli
from sitefinder.errors import NotOnePlace
from sitefinder.queries import open_gazetteer
from sitefinder.regions import CHINA_PARTS, china_part, direction_word, find_province
from sitefinder.resolver import resolve

PARTS = sorted(CHINA_PARTS)
DIRECTIONS = ["北部", "中部", "东部", "西部", "中央", "东南部"]


def test_every_part_is_made_of_china_s_provinces_each_in_one_part() -> None:
    seen: dict[str, str] = {}
    for part, names in CHINA_PARTS.items():
        for name in names:
            province = find_province(name)
            assert province is not None and province.country == "CN", (part, name)
            if part != "东三省":
                assert seen.setdefault(name, part) == part, (name, part, seen[name])
    assert len(seen) == 31  # the mainland's 31 provinces, municipalities and autonomous regions, once each


@pytest.mark.parametrize("typed", [*PARTS, *(part + "地区" for part in PARTS), "華北", "東北"])
def test_a_part_of_china_names_its_provinces_and_is_no_place(typed: str) -> None:
    with pytest.raises(NotOnePlace):
        resolve(typed, open_gazetteer())
    run = run_cli("near", typed)
    assert run.exit_code == 1 and run.stderr.count("\n") == 1, run.stderr
    provinces = china_part(typed)
    assert provinces and all(province.chinese in run.stderr for province in provinces), run.stderr
    listed = re.search(r"sitefinder list --province (\S+)", run.stderr)
    assert listed and find_province(listed.group(1)) in provinces, run.stderr
    assert not re.search(r"[A-Za-z]{4,}", run.stderr.replace(listed.group(0), "")), run.stderr  # all Chinese
    english = run_cli("near", typed, "--lang", "en")
    assert all(province.name in english.stderr for province in provinces), english.stderr


@pytest.mark.parametrize("typed", DIRECTIONS)
def test_a_direction_is_no_place_and_no_region_abroad(typed: str) -> None:
    assert direction_word(typed)
    run = run_cli("near", typed, "--json")
    assert run.exit_code == 1 and run.stdout == "", run.stderr
    assert "方位" in run.stderr, run.stderr


@pytest.mark.parametrize("typed", [*PARTS, *DIRECTIONS])
def test_province_of_a_part_or_direction_is_a_usage_error(typed: str) -> None:
    run = run_cli("list", "--province", typed)
    assert run.exit_code == 2 and run.stderr.count("\n") == 1, run.stderr
    example = re.search(r"--province (\S+)$", run.stderr.strip())
    if typed in CHINA_PARTS:
        assert example and find_province(example.group(1)) in china_part(typed), run.stderr
        assert run_cli("list", "--province", example.group(1)).exit_code in (0, 1)


@pytest.mark.parametrize("typed", ["东北", "中部", "华南"])
def test_every_command_that_reads_a_place_refuses_it_alike(typed: str) -> None:
    for command in (["map", typed], ["near", typed, "--by", "hospital"], ["list", "--city", typed]):
        run = run_cli(*command)
        assert run.exit_code == 1 and ("地区" in run.stderr or "方位" in run.stderr), (command, run.stderr)


@pytest.mark.parametrize("typed", ["东莞", "东城区", "西城区", "南京", "北京", "中山", "西安", "东营", "南宁", "北海",
                                   "东方", "东方市", "南部", "南部县", "北京市"])
def test_places_named_with_directions_are_still_places(typed: str) -> None:
    """东方 is Hainan's 东方市 and 南部 Sichuan's 南部县, though written in direction characters alone."""
    assert china_part(typed) is None
    assert run_cli("near", typed, "--json").exit_code == 0
