"""The language of an answer: `--lang`, else the locale the person set, else the script they typed.

A patient in China whose terminal says LANG=zh_CN.UTF-8 reads Chinese even when they type the
pinyin their keyboard gives first (`near Kunshan`): the answer's words and the Chinese names of its
places follow the locale, as every program that honours LC_ALL/LC_MESSAGES/LANG does.
"""

from __future__ import annotations

import pytest

from sitefinder.wording import locale_language, wants_chinese
from tests.conftest import run_cli


@pytest.mark.parametrize("environ, expected", [
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "zh_TW.UTF-8"}, "zh"),
    ({"LANG": "zh_HK"}, "zh"),
    ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),          # LC_ALL before LANG (POSIX)
    ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, None),
    ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_GB.UTF-8"}, "zh"),     # messages are what we print
    ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_SG.UTF-8"}, "zh"),  # empty means unset
    ({"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}, "zh"),           # GNU's list, first entry
    ({"LANGUAGE": "zh_CN", "LANG": "C.UTF-8"}, None),                  # ignored in the C locale, as gettext does
    ({"LANG": "C.UTF-8"}, None),
    ({"LANG": "POSIX"}, None),
    ({}, None),
    ({"LANG": "en_US.UTF-8"}, None),
])
def test_locale_language_follows_the_posix_order(environ: dict[str, str], expected: str | None) -> None:
    assert locale_language(environ) == expected


@pytest.mark.parametrize("lang, typed, expected", [
    ("zh", "Kunshan", True), ("en", "昆山", False), (None, "昆山", True), (None, "Kunshan", False),
])
def test_wants_chinese_is_the_language_asked_for_else_the_script_typed(lang, typed, expected) -> None:
    assert wants_chinese(lang, typed) is expected


ZH_LOCALE = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}


def test_a_chinese_locale_answers_pinyin_in_chinese() -> None:
    answer = run_cli("near", "Kunshan", "--json", env=ZH_LOCALE).json()
    assert answer["origin"]["name_zh"] == "昆山"
    assert answer["origin"]["province_zh"] == "江苏"
    assert answer["sites"][0]["city_zh"] == "上海"
    table = run_cli("near", "Kunshan", "--limit", "2", env=ZH_LOCALE)
    assert table.exit_code == 0, table.stderr
    assert "研究者" in table.stdout and "Investigator" not in table.stdout


@pytest.mark.parametrize("command", [["list", "--province", "Shanghai"], ["show", "32"], ["info"]])
def test_every_command_follows_the_locale(command: list[str]) -> None:
    zh = run_cli(*command, env=ZH_LOCALE)
    en = run_cli(*command, env={**ZH_LOCALE, "LANG": "en_US.UTF-8"})
    assert zh.exit_code == en.exit_code == 0, zh.stderr + en.stderr
    assert zh.stdout != en.stdout
    assert any("\u4e00" <= char <= "\u9fff" for char in zh.stdout.replace(en.stdout, ""))


def test_lang_en_overrides_a_chinese_locale() -> None:
    run = run_cli("near", "Kunshan", "--json", "--lang", "en", env=ZH_LOCALE)
    assert run.json()["origin"]["name_zh"] == "昆山"  # data, in every language
    assert run.json() == run_cli("near", "Kunshan", "--json", env=ZH_LOCALE).json() | {"notices": run.json()["notices"]}
    table = run_cli("near", "Kunshan", "--limit", "2", "--lang", "en", env=ZH_LOCALE)
    assert "Investigator" in table.stdout


def test_an_english_locale_still_answers_chinese_typed_in_chinese() -> None:
    answer = run_cli("near", "昆山", "--json", env={"LANG": "en_US.UTF-8"}).json()
    assert answer["origin"]["name_zh"] == "昆山"


def test_the_namesake_notice_is_in_the_answers_language() -> None:
    """The notices of China's namesakes follow the answer's language, not only the script typed."""
    zh = run_cli("near", "Liangshan", "--json", env=ZH_LOCALE)
    assert zh.exit_code == 0 and "梁山县" in zh.stderr
    assert "is also the name of" not in zh.stderr and any("\u4e00" <= c <= "\u9fff" for c in zh.stderr.split("梁山县")[0])
    en = run_cli("near", "鼓楼区", "--json", "--lang", "en")
    assert en.exit_code == 0 and "is also" in en.stderr and "也是" not in en.stderr
    typed = run_cli("near", "鼓楼区", "--json")
    assert typed.exit_code == 0 and "也是" in typed.stderr


@pytest.mark.parametrize("query, chinese, english", [
    ("广东省广州市天河区", "广东广州天河区", "Tianhe District, Guangzhou, Guangdong"),
    ("昆山", "江苏苏州昆山", "Kunshan, Suzhou, Jiangsu"),
    ("利川", "湖北恩施利川", "Lichuan, Enshi Prefecture, Hubei"),
    ("北京市海淀区", "北京海淀区", "Haidian District, Beijing, China"),  # a city that is a province: said once
    ("臺中市西屯區", "台湾台中西屯区", "Xitun District, Taichung, Taiwan"),  # Simplified: no Traditional asked for
])
def test_a_districts_title_names_its_city(query: str, chinese: str, english: str) -> None:
    """天河区 alone is a district of four places' names; the title says whose, in both scripts."""
    run = run_cli("near", query, "--limit", "1", env={"COLUMNS": "200"})
    assert run.exit_code == 0, run.stderr
    title = run.stdout.splitlines()[0]
    assert f"{chinese} {english}" in title


def test_the_maps_title_says_the_place_as_nears_does() -> None:
    near = run_cli("near", "广州市天河区", "--limit", "1", env={"COLUMNS": "200"}).stdout.splitlines()[0]
    drawn = run_cli("map", "广州市天河区", "--limit", "1", env={"COLUMNS": "200"}).stdout.splitlines()[0]
    assert "广东广州天河区 Tianhe District, Guangzhou, Guangdong, China" in near
    assert "广东广州天河区 Tianhe District, Guangzhou, Guangdong, China" in drawn


@pytest.mark.parametrize("query, env, chinese", [
    ("火星市", {}, True),                      # typed in Chinese
    ("广洲", {}, True),                        # a suggestion too
    ("Guangzou", ZH_LOCALE, True),             # pinyin under a Chinese locale
    ("Guangzou", {}, False),
])
def test_a_place_not_found_is_said_in_the_answers_language(query: str, env: dict[str, str], chinese: bool) -> None:
    run = run_cli("near", query, env=env)
    assert run.exit_code == 1 and run.stdout == "" and len(run.stderr.strip().splitlines()) == 1
    prefix = "错误：" if chinese else "Error: "
    assert run.stderr.startswith(prefix)
    line = run.stderr[len(prefix):]
    assert any("\u4e00" <= char <= "\u9fff" for char in line.replace(query, "").replace("广州", "")) is chinese
    assert ("--online" in line) and (("找不到" in line) is chinese) and (("no place called" in line) is not chinese)


def test_lang_en_keeps_the_error_english_for_a_chinese_query() -> None:
    run = run_cli("near", "火星市", "--lang", "en")
    assert run.exit_code == 1 and "no place called" in run.stderr


@pytest.mark.parametrize("suggestions, hint", [([], ""), (["Guangzhou, Guangdong"], ""),
                                              (["A, B", "C, D"], "places the offline gazetteer lacks can be looked up with --online")])
def test_the_english_words_of_a_place_not_found_are_the_errors_own(suggestions: list[str], hint: str) -> None:
    """errors.py cannot read the catalogue (status imports errors), so the English message is made
    twice: here they are held equal."""
    from sitefinder.errors import PlaceNotFound
    from sitefinder.wording import place_not_found

    assert place_not_found("Guangzou", suggestions, hint, "en") == str(PlaceNotFound("Guangzou", suggestions, hint))
