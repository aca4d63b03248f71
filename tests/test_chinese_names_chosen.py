"""Which of a place's Chinese names is shown: the one a reader in China uses (scripts/build_gazetteer.py:
chinese_names, japanese_forms, geonames_tags, read_as_named; text.CJK_SUFFIXES; build_china's English
names of divisions), and a city named as its province said with it (views.origin_words)."""

from __future__ import annotations

import sys

import pytest

from sitefinder.china import CHINA_AREA
from sitefinder.queries import open_gazetteer

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))


def _japanese() -> dict[str, str]:
    from build_china import simplified_table
    from build_gazetteer import japanese_forms

    return japanese_forms({char: forms.split()[0] for char, forms in simplified_table()})


@pytest.mark.parametrize(("query", "name", "expected"), [
    ("Ulaanbaatar", "Ulan Bator", "乌兰巴托"),  # not 库伦, its name until 1924
    ("Ahmedabad", "Ahmedabad", "艾哈迈达巴德"),  # not a stray 阿哇
    ("Yokohama", "Yokohama", "横滨"),  # not the Japanese 横浜
    ("Hamamatsu", "Hamamatsu", "滨松"),
    ("Incheon", "Incheon", "仁川"),  # not the fragment 仁川广域 (of 仁川广域市)
    ("Daegu", "Daegu", "大邱"),
    ("Tianhe, Chongqing", "Tianhe", "天和"),  # GeoNames also calls the town 大和 (Dahe)
])
def test_a_place_is_shown_by_the_name_used_in_china(cli, query: str, name: str, expected: str) -> None:
    run = cli("near", query, "--json", "--lang", "zh", "--limit", "1")
    assert run.exit_code == 0, run.stderr
    origin = run.json()["origin"]
    assert (origin["name"], origin["name_zh"]) == (name, expected)


@pytest.mark.parametrize(("typed", "name"), [("大邱", "Daegu"), ("仁川", "Incheon"), ("首尔", "Seoul"),
                                             ("横滨", "Yokohama")])
def test_a_city_abroad_is_found_by_its_chinese_name_without_its_korean_level(cli, typed: str, name: str) -> None:
    run = cli("near", typed, "--json", "--limit", "1")
    assert run.exit_code == 0, run.stderr
    assert run.json()["origin"]["name"] == name


def test_no_place_abroad_is_shown_with_a_japanese_form() -> None:
    """Every Chinese name shown abroad (Japan's too: 广岛, 丰中) is free of the characters Japan writes
    and the mainland does not (浜, 県, 広, 駅, 沢: OpenCC's JPShinjitaiCharacters), where the mainland
    can write it: not a name in kana (サワンナケート県), nor one with a form no table maps (瀬戸内's 戸)."""
    from sitefinder.text import written_in

    japanese = _japanese()
    assert {"浜", "県", "広", "駅", "沢"} <= set(japanese) and "国" not in japanese
    gazetteer = open_gazetteer()
    rows = gazetteer.rows("SELECT name, zh FROM place WHERE zh != '' AND population >= 15000 AND country "
                          f"NOT IN ({', '.join('?' * len(CHINA_AREA))})", CHINA_AREA)
    assert len(rows) > 5_000
    wrong = [(name, zh) for name, zh in rows if any(char in japanese for char in zh)
             and written_in("".join(japanese.get(char, char) for char in zh), "gb2312")]
    assert wrong == []


def test_no_place_abroad_is_shown_by_a_fragment_of_its_name() -> None:
    """广域 and 特别 are halves of a Korean city's level (仁川广域市, 首尔特别市): never shown alone."""
    gazetteer = open_gazetteer()
    rows = gazetteer.rows("SELECT name, zh FROM place WHERE zh LIKE '%广域' OR zh LIKE '%特别' OR zh LIKE '%廣域'"
                          " OR zh LIKE '%広域' OR zh LIKE '%特別'")
    assert rows == []


def test_a_county_level_city_is_named_as_its_seat_is_spelt(cli) -> None:
    """珲春 is Hunchun (GeoNames' name of its seat), not pypinyin's first reading Huichun, which GeoNames
    keeps among its other names: typed as Hunchun it is the division, with no notice."""
    run = cli("near", "Hunchun", "--json", "--limit", "1")
    assert run.exit_code == 0, run.stderr
    assert run.json()["origin"]["name"] == "Hunchun"
    assert run.stderr == ""


def test_a_city_named_as_its_province_is_said_with_it(cli) -> None:
    """吉林市 is a city of 吉林省: "吉林" alone reads as the province. Beijing is its province: once."""
    chinese = cli("near", "吉林市", "--limit", "1")
    assert chinese.exit_code == 0, chinese.stderr
    assert chinese.stdout.splitlines()[0].startswith("离 吉林省吉林市 Jilin City, Jilin, China ")
    english = cli("near", "Jilin City", "--limit", "1", "--lang", "en")
    assert english.stdout.splitlines()[0].startswith("Sites nearest to Jilin City, Jilin, China ")
    beijing = cli("near", "北京", "--limit", "1")
    assert beijing.stdout.splitlines()[0].startswith("离 北京 Beijing, China ")
