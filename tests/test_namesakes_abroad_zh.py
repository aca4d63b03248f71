"""A Chinese notice that names a place abroad names it as distinctly as the English one: the
English said "Birmingham is ambiguous: using Birmingham, England; for the one in Alabama …",
the Chinese "使用 伯明翰；如指Alabama的那个…", saying neither which Birmingham nor in Chinese
where the other is. Now each place abroad is named with its country and state in Chinese (英国
英格兰, 美国亚拉巴马州), the state in its own words only where no Chinese name of it is known."""

from __future__ import annotations

import csv
import re

import pytest

from sitefinder.gazetteer import open_shipped
from sitefinder.paths import data_dir
from sitefinder.resolver import resolve
from tests.conftest import run_cli

ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}
GAZETTEER = open_shipped()
# names of several real contenders abroad (the English notice says "is ambiguous")
NAMES = ["Birmingham", "Cambridge", "Springfield", "Portland", "Richmond", "Hamilton", "Kent", "Córdoba",
         "Newport", "Valencia", "Manchester", "Athens", "Columbus", "Jackson", "Aurora", "Durham", "Lancaster",
         "Windsor", "Waterloo", "Halifax", "Toledo", "Florence", "Salem", "Georgetown", "Kingston"]
with (data_dir() / "divisions_zh.csv").open(encoding="utf-8", newline="") as handle:
    DIVISIONS = {(row["country"], row["admin1"]): row["name_zh"] for row in csv.DictReader(handle)}


def where_in_chinese(province: str, country: str) -> tuple[str, str]:
    """(the country's Chinese name, the state's: Chinese where a source has one, else as it is)."""
    code = GAZETTEER.country_code_of(country)
    return GAZETTEER.country_name_zh(code), GAZETTEER.region_name_zh(code, province) or province


def notice(name: str, env: dict[str, str] | None = None, *extra: str) -> str:
    run = run_cli("near", name, "--json", *extra, env=env)
    assert run.exit_code == 0, run.stderr
    return next(line for line in run.stderr.splitlines() if "有多个同名地点" in line or "有多個同名地點" in line)


@pytest.mark.parametrize("name", NAMES)
def test_a_chinese_namesake_notice_says_where_each_place_abroad_is_in_chinese(name: str) -> None:
    resolution = resolve(name, GAZETTEER)
    assert resolution.ambiguous, name
    line = notice(name, ZH)
    used_part, _, how_part = line.partition("；")
    country, state = where_in_chinese(resolution.place.province, resolution.place.country)
    assert country and f"{country}{state}".replace(" ", "") in used_part.replace(" ", ""), (line, country, state)
    asks = re.findall(r"如指(.+?)的那个", how_part)
    assert asks, line
    for where in asks:  # each contender by its country and state in Chinese, never its state alone in English
        assert any(GAZETTEER.country_name_zh(code) and where.startswith(GAZETTEER.country_name_zh(code))
                   for code in {GAZETTEER.country_code_of(other.country) for other in resolution.alternatives}), line
    # what is left in Latin letters: what to type (in quotes), and states that have no Chinese name
    latin = re.findall(r"[A-Za-z]{2,}", re.sub(r"“[^”]*”", "", line).replace(name, ""))
    unnamed = {word for place in (resolution.place, *resolution.alternatives) if (
        GAZETTEER.country_code_of(place.country), place.province) not in DIVISIONS
        and not GAZETTEER.state_name_zh(place)
        for word in re.findall(r"[A-Za-z]{2,}", place.province)}
    assert set(latin) <= unnamed, (line, latin)


def test_the_english_notice_is_unchanged_and_the_separator_is_chinese_in_chinese() -> None:
    english = run_cli("near", "Cambridge", "--json").stderr
    assert 'Cambridge is ambiguous: using Cambridge, England; for the one in Ontario write "Cambridge, Ontario"; ' \
           'for the one in Massachusetts write "Cambridge, Massachusetts"' in english
    chinese = notice("剑桥", ZH)
    assert chinese.startswith("剑桥 有多个同名地点：使用 剑桥（英国英格兰）；如指加拿大安大略省的那个"), chinese
    assert "; " not in chinese
    assert "劍橋（英國英格蘭）" in notice("劍橋", {**ZH, "LANG": "zh_TW.UTF-8"})


def test_a_small_place_abroad_read_for_a_chinese_name_says_where_it_is() -> None:
    run = run_cli("near", "汉密尔顿", "--json", env=ZH)
    loose = next(line for line in run.stderr.splitlines() if "不是中国的市或县" in line)
    assert "Ohio, United States" not in loose and "（美国俄亥俄州）" in loose, loose


def test_a_zip_code_notice_says_its_state_in_chinese() -> None:
    run = run_cli("near", "02115", "--lang", "zh", "--json")
    assert "（美国马萨诸塞州）" in run.stderr and "Massachusetts" not in run.stderr, run.stderr


@pytest.mark.parametrize("admin1, city, zh, wrong", [("Saitama", "Kawagoe", "埼玉县", "琦玉"),
                                                     ("Niigata", "Nagaoka", "新潟县", "新泻"),
                                                     ("Tochigi", "Utsunomiya", "栃木县", "枥木")])
def test_japans_prefectures_keep_their_own_characters_in_chinese(admin1: str, city: str, zh: str, wrong: str) -> None:
    # iso-codes' zh_CN wrote look-alikes (琦玉, 新泻, 枥木); the shown name is the prefecture's own
    assert GAZETTEER.region_name_zh("JP", admin1) == zh and DIVISIONS[("JP", admin1)] == zh
    run = run_cli("near", city, "--lang", "zh", "--limit", "1")
    assert run.exit_code == 0 and f"离 {zh}" in run.stdout and wrong not in run.stdout, run.stdout
    region = run_cli("near", f"{admin1} Prefecture", "--lang", "zh")  # the shipped trial has no site in Japan
    assert region.exit_code == 1, region.stderr
    assert region.stderr.startswith(f"{admin1} Prefecture（{zh}）是一个一级行政区"), region.stderr
