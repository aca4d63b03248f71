"""Chinese places read as people in China write them: suggestions close to what was typed, a
province and a city that is not in it, Hong Kong's places in Simplified characters, two places in
one query, a slipped character in a chain without its province, and the exit code of an ask-back."""

from __future__ import annotations

import pytest

from conftest import run_cli
from sitefinder.errors import AskedBack, PlaceNotFound, RegionNotPlace
from sitefinder.exits import ExitCode
from sitefinder.queries import open_gazetteer
from sitefinder.resolver import resolve
from sitefinder.text import name_key

ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}


def _chinese_of(suggestion: str) -> str:
    """"长沙 (Changsha, Hunan)" → 长沙: the name a suggestion is shown by."""
    return suggestion.split(" (")[0]


def _close_in_characters(typed: str, shown: str) -> bool:
    """As long as what was typed, and differing from it in one character at most; a division shown
    from its province down (浙江杭州市 for 杭洲) by its own name at the end, with or without its 市/县/区."""
    if len(shown) == len(typed):
        return sum(a != b for a, b in zip(typed, shown)) <= 1
    ends = [shown[-len(typed):], shown[-len(typed) - 1:-1]]
    return len(shown) > len(typed) and any(sum(a != b for a, b in zip(typed, end)) <= 1 for end in ends)


# 1. A suggestion is close to what was typed, in the script typed, and shown by its own name.

@pytest.mark.parametrize("typed", ["长纱", "西按", "广洲", "杭洲", "成督", "郑洲", "南凝"])
def test_a_chinese_suggestion_is_one_character_from_what_was_typed(typed: str) -> None:
    try:
        found = resolve(typed, open_gazetteer())
    except PlaceNotFound as miss:
        suggestions = miss.suggestions
    else:
        pytest.skip(f"{typed} answers {found.place.label}")
    assert suggestions, typed
    far = [s for s in suggestions if not _close_in_characters(typed, _chinese_of(s))]
    assert far == [], (typed, suggestions)


@pytest.mark.parametrize("typed", ["长纱", "西按"])
def test_a_suggestion_names_the_place_by_the_name_it_matched(typed: str) -> None:
    """"开平 (Changsha, Guangdong)": a town labelled by its county; never offered."""
    with pytest.raises(PlaceNotFound) as miss:
        resolve(typed, open_gazetteer())
    gazetteer = open_gazetteer()
    for suggestion in miss.value.suggestions:
        chinese = _chinese_of(suggestion)
        if " (" not in suggestion:  # a division from its province down (湖南长沙市): read back as itself
            assert resolve(suggestion, gazetteer).place.country == "China", suggestion
            continue
        english = suggestion.split(" (")[1].split(",")[0].rstrip(")")
        assert any(name_key(place.name) == name_key(english) for place in gazetteer.places(chinese)) or \
            gazetteer.rows("SELECT 1 FROM cn_key k JOIN cn_division d ON d.code = k.code WHERE k.key = ? "
                           "AND d.english = ?", (chinese, english)), suggestion


@pytest.mark.parametrize("typed", ["Kent", "Canton, Ohio"])
def test_a_place_of_that_very_name_comes_before_one_reached_by_an_alias(typed: str) -> None:
    """Gent is "Kent" only by a stray alternate name; Kent, Washington (127,000) is Kent."""
    found = resolve(typed, open_gazetteer())
    assert name_key(found.place.name) == name_key(typed.split(",")[0])


# 2. A province and a city that is not in it.

@pytest.mark.parametrize("typed, city, province, similar", [
    ("浙江泰州", "泰州", "江苏", "台州"),
    ("江苏杭州", "杭州", "浙江", ""),
    ("江苏省杭州市", "杭州", "浙江", ""),
    ("浙江省泰州市", "泰州", "江苏", "台州"),
    ("湖北长沙", "长沙", "湖南", ""),
    ("广西南京", "南京", "江苏", ""),
])
def test_a_city_not_in_the_province_written_is_answered_with_where_it_is(typed: str, city: str, province: str,
                                                                      similar: str) -> None:
    run = run_cli("near", typed, "--json")
    assert run.exit_code == 0, run.stderr
    answer = run.json()
    assert answer["origin"]["province"] == {"江苏": "Jiangsu", "浙江": "Zhejiang", "湖南": "Hunan"}[province]
    notice = " ".join(notice["text"] for notice in answer["notices"])
    assert city in notice and province in notice
    if similar:
        assert similar in notice


def test_a_city_not_in_the_province_is_said_in_chinese() -> None:
    run = run_cli("near", "浙江泰州", "--limit", "1", env=ZH)
    assert run.exit_code == 0
    assert "泰州" in run.stderr and "江苏" in run.stderr and "台州" in run.stderr and "找不到" not in run.stderr


@pytest.mark.parametrize("typed, province", [("Hangzhou, Jiangsu", "Zhejiang"), ("Changsha, Hubei", "Hunan")])
def test_a_latin_city_not_in_the_province_is_answered_with_where_it_is(typed: str, province: str) -> None:
    found = resolve(typed, open_gazetteer())
    assert found.place.province == province
    assert any(province in note for note in found.notes)


# 3. Hong Kong's and Macau's places in Simplified characters.

@pytest.mark.parametrize("typed", ["中环", "金钟", "铜锣湾", "尖沙咀", "将军澳", "沙田", "新界", "旺角", "九龙城", "鲗鱼涌", "筲箕湾",
                                   "粉岭", "太古", "炮台山"])
def test_hong_kong_in_simplified_characters_is_hong_kong(typed: str) -> None:
    found = resolve(typed, open_gazetteer())
    assert found.place.country == "Hong Kong", found.place
    assert found.place.province != "Kowloon City" or "九龙城" == typed
    assert all("不是中国的市或县" not in note for note in found.notes), found.notes  # no "small place of the mainland"


def test_the_new_territories_are_not_named_as_a_district() -> None:
    found = resolve("新界", open_gazetteer())
    assert "Kowloon City" not in found.place.label


@pytest.mark.parametrize("typed, province", [("Binhai New Area", "Tianjin"), ("Pudong New Area", "Shanghai"),
                                             ("Pudong New District", "Shanghai")])
def test_a_new_area_in_english(typed: str, province: str) -> None:
    found = resolve(typed, open_gazetteer())
    assert found.place.province == province and found.name_zh.endswith("新区")


# 4. Two places, a slip without a province, region codes in small letters, the local name first.

@pytest.mark.parametrize("typed", ["Guangzhou Shenzhen", "广州 深圳", "Beijing Shanghai", "北京 上海", "Chengdu Wuhan", "广州深圳",
                                   "北京上海", "成都武汉"])
def test_two_places_without_a_comma_are_asked_back(typed: str) -> None:
    with pytest.raises(AskedBack) as asked:
        resolve(typed, open_gazetteer())
    assert len(asked.value.suggestions) == 2
    run = run_cli("near", typed)
    assert run.exit_code == ExitCode.USAGE and run.stdout == "" and run.stderr.count("\n") == 1


@pytest.mark.parametrize("typed", ["Guangzhou, Shanghai", "BJ", "北京，杭州"])
def test_every_ask_back_is_a_usage_error(typed: str) -> None:
    run = run_cli("near", typed)
    assert run.exit_code == ExitCode.USAGE and run.stdout == ""


def test_an_unknown_place_is_exit_1() -> None:
    run = run_cli("near", "Qwxzplk")
    assert run.exit_code == ExitCode.FAILURE


@pytest.mark.parametrize("typed, english", [("广洲市天河区", "Tianhe"), ("杭洲市西湖区", "Xihu"), ("广洲天河", "Tianhe"),
                                            ("Tianhe, Guangzou", "Tianhe"), ("Xihu, Hangzou", "Xihu")])
def test_a_slipped_city_in_a_chain_without_its_province(typed: str, english: str) -> None:
    found = resolve(typed, open_gazetteer())
    assert found.place.name.startswith(english)
    assert found.place.province in ("Guangdong", "Zhejiang")
    assert found.notes and any(("广州" in note or "杭州" in note or "Guangzhou" in note or "Hangzhou" in note)
                               for note in found.notes)


@pytest.mark.parametrize("typed, meant", [("hk", "Hong Kong"), ("tw", "Taiwan"), ("mo", "Macau")])
def test_a_region_code_in_small_letters_is_suggested_first(typed: str, meant: str) -> None:
    try:
        resolve(typed, open_gazetteer())
    except RegionNotPlace as region:
        assert region.regions == {(typed.upper(), "")}
    except PlaceNotFound as miss:
        assert miss.suggestions and miss.suggestions[0] == meant, miss.suggestions
        shown = [suggestion.split(" (")[-1].rstrip(")") for suggestion in miss.suggestions]
        assert shown.count(meant) == 1, miss.suggestions  # "Taiwan" or "台湾 (Taiwan)": one place, once


@pytest.mark.parametrize("locale", ["zh_HK.UTF-8", "zh_TW.UTF-8"])
def test_a_local_locale_prefers_the_local_namesake(locale: str) -> None:
    env = {"LANG": locale, "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}
    region = "Hong Kong" if "HK" in locale else "Taiwan"
    typed = "九龙" if "HK" in locale else "中山区"
    run = run_cli("near", typed, "--json", env=env)
    assert run.exit_code == 0, run.stderr
    answer = run.json()
    assert answer["origin"]["country"] == region
    mainland = run_cli("near", typed, "--json")
    assert mainland.json()["origin"]["country"] == "China"
