"""A Chinese notice names a place of China by its Chinese name where the gazetteer has one, with its
province (山西天坛, 广东南头), as its English names it with its province: "天坛 不是中国的市或县：按同名的
小地方 Tiantan, Shanxi, China 计算" and "Nantou 也是 Nantou, Guangdong（镇）" were English inside
Chinese lines (resolver.loose_notes, china._town_label)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import run_cli


@pytest.mark.parametrize(("query", "english", "chinese"), [
    ("天坛", "Tiantan, Shanxi", "山西天坛"),  # a small place by its Chinese name (notice.loose.small_chinese)
    ("Nantou", "Nantou, Guangdong", "广东南头（镇）"),  # a town alike (notice.china.towns)
])
def test_a_chinese_notice_names_a_place_of_china_in_chinese(query: str, english: str, chinese: str) -> None:
    result = run_cli("near", query, "--lang", "zh", "--limit", "1", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    notices = result.stderr
    assert chinese in notices
    assert f"{english}（" not in notices.replace(f"“{english}”", "")  # what to type may stay as typed
    assert f"{english}, China" not in notices


def test_a_town_with_no_chinese_name_keeps_its_english() -> None:
    result = run_cli("near", "Lushan", "--lang", "zh", "--limit", "1", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "Lushan, Guizhou（镇）" in result.stderr  # the gazetteer has no Chinese name for it


@pytest.mark.parametrize("typed", ["九龙", "屏山", "蓝田", "马鞍山", "马鞍山市"])
def test_a_place_of_hong_kong_named_like_a_division_is_asked_for_in_chinese(typed: str) -> None:
    """"如指Kowloon，请输入“Kowloon, Hong Kong”" on a Chinese screen: the place and what to type are
    Chinese (香港九龙), and what it says to type answers that place."""
    run = run_cli("near", typed, env={"LANG": "zh_CN.UTF-8"})
    asked = re.search(r"如指(\S+?)，请输入“([^”]+)”", run.stderr)
    assert asked is not None and not re.search(r"[A-Za-z]", asked.group(0)), run.stderr
    back = run_cli("near", asked.group(2), "--json", env={"LANG": "zh_CN.UTF-8"})
    assert back.exit_code == 0 and back.json()["origin"]["country"] == "Hong Kong", back.stderr


@pytest.mark.parametrize("typed", ["Halle, Germany", "Newcastle, United Kingdom", "Macao"])
def test_a_city_far_larger_than_its_namesake_is_said_in_chinese(typed: str) -> None:
    """"使用 Macau, Macau，它比…Mação, Santarem 大得多": both places in Chinese (澳门; Halle（德国…）),
    only what to type for the other as it reads ("Mação, Santarem")."""
    run = run_cli("near", typed, env={"LANG": "zh_CN.UTF-8"})
    said = next(line for line in run.stderr.splitlines() if "大得多" in line)
    prose = re.sub(r"“[^”]*”", "", said.split("：", 1)[1])
    assert "（" in prose and not re.search(r"[A-Za-z]{3,}, [A-Za-z]", prose), said
