"""Province names as people type them."""

from __future__ import annotations

import pytest

from sitefinder.errors import UsageError
from sitefinder.regions import find_province, match_province, same_region


@pytest.mark.parametrize("typed", ["Shandong", "shandong", "SHANDONG", "Shandong Province", "山东", "山东省", "山東"])
def test_shandong_spellings(typed: str) -> None:
    assert find_province(typed).name == "Shandong"


@pytest.mark.parametrize("typed, name", [
    ("Beijing Municipality", "Beijing"), ("北京市", "Beijing"), ("Guangxi Zhuang Autonomous Region", "Guangxi"),
    ("广西壮族自治区", "Guangxi"), ("Inner Mongolia", "Inner Mongolia"), ("内蒙古自治区", "Inner Mongolia"),
    ("Xizang", "Tibet"), ("Ningxia Hui Autonomous Region", "Ningxia"), ("Hong Kong SAR", "Hong Kong"),
    ("澳門特別行政區", "Macau"),
])
def test_official_forms(typed: str, name: str) -> None:
    assert find_province(typed).name == name


def test_shanxi_and_shaanxi_are_different() -> None:
    assert find_province("Shanxi").name == "Shanxi"
    assert find_province("Shaanxi").name == "Shaanxi"
    assert find_province("山西").name == "Shanxi"
    assert find_province("陕西").name == "Shaanxi"
    assert not same_region("Shanxi", "Shaanxi")


def test_unknown_province_suggests_near_names() -> None:
    with pytest.raises(UsageError, match="did you mean Shandong"):
        match_province("Shandog")


def test_region_of_an_imported_trial_is_known_from_its_sites() -> None:
    assert match_province("oregon", ["Oregon", "Washington"]) == "Oregon"


def test_registry_forms_compare_equal() -> None:
    assert same_region("Beijing Municipality", "北京")
    assert not same_region("Beijing Municipality", "Tianjin")
