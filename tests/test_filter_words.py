"""Filter words and coordinates as people type them: a Chinese filter word answers in Chinese as a
Chinese place does; status words in both scripts (Traditional too), listed in the error's
language with a did-you-mean; every empty filter one usage error; a condition that matches nothing
says that conditions are the registry's English terms; coordinates in the forms maps and people
write them, one parser, and a swapped pair named, never silently swapped."""

from __future__ import annotations

import random

import pytest

from sitefinder.errors import UsageError
from sitefinder.placenames import parse_coordinates
from sitefinder.status import STATUS_WORDS
from sitefinder.wording import STATUS_WORDS_ZH

from conftest import run_cli, listing_exit

# ---------------------------------------------------------------- the answer's language


@pytest.mark.parametrize("args", [["list", "--status", "尚未开始招募"], ["list", "--status", "尚未开始招募", "--json"],
                                  ["near", "Guangzhou", "--status", "尚未开始招募"],
                                  ["near", "Guangzhou", "--status", "尚未开始招募", "--by", "hospital"],
                                  ["map", "Guangzhou", "--status", "尚未开始招募"],
                                  ["list", "--condition", "肺癌"], ["near", "Guangzhou", "--condition", "肺癌"]])
def test_a_chinese_filter_word_answers_in_chinese(args: list[str]) -> None:
    run = run_cli(*args, env={"COLUMNS": "200"})
    assert run.exit_code == 0, run.stderr  # 肺癌 is lung cancer: the shipped trial's small-cell lung cancer
    said = run.stdout + run.stderr
    if "--json" in args:
        assert "city_zh" in run.json()["sites"][0]
    else:
        assert any("\u4e00" <= char <= "\u9fff" for char in said.replace("尚未开始招募", ""))
        assert "Registry data" not in said and "sites" not in said.replace("--sites", "")


def test_the_core_answers_a_chinese_status_in_chinese() -> None:
    from sitefinder.queries import matching_sites, nearest_sites

    assert matching_sites(status="尚未开始招募").chinese is not None
    assert nearest_sites("Guangzhou", status="尚未开始招募").chinese is not None  # type: ignore[union-attr]
    assert matching_sites(status="not yet recruiting").chinese is None


# ---------------------------------------------------------------- status words


def status_error(word: str, *extra: str) -> str:
    run = run_cli("list", "--status", word, *extra)
    assert run.exit_code == 2 and run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
    return run.stderr


@pytest.mark.parametrize("typo, meant", [("尚未开始招幕", "尚未开始招募"), ("正在招暮", "正在招募"), ("已完戍", "已完成"),
                                         ("recuiting", "recruiting"), ("not yet recuiting", "not yet recruiting")])
def test_a_status_typo_is_offered_the_word_meant_in_its_script(typo: str, meant: str) -> None:
    assert meant in status_error(typo)


def test_a_chinese_status_error_lists_the_chinese_words() -> None:
    message = status_error("尚未开始招幕")
    assert all(word in message for word in STATUS_WORDS_ZH.values())


def test_an_english_status_error_lists_every_status_accepted() -> None:
    message = status_error("bogus")
    for word in STATUS_WORDS.values():
        assert f'"{word.lower()}"' in message
        run = run_cli("list", "--status", word.lower(), "--json")
        assert run.exit_code == listing_exit(run.json()), (word, run.stderr)


def test_unknown_means_the_sites_shown_as_unknown(sites_file) -> None:
    from conftest import make_site

    path = sites_file(make_site(1), make_site(2, status="RECRUITING"))  # no trial.json: site 1's status is unknown
    for word in ("unknown", "Unknown", "状态不明"):
        run = run_cli("list", "--status", word, "--sites", str(path), "--json")
        assert run.exit_code == 0, run.stderr
        assert [site["id"] for site in run.json()["sites"]] == [1]


@pytest.mark.parametrize("traditional, simplified", [("尚未開始招募", "尚未开始招募"), ("招募中", "正在招募"),
                                                     ("尚未招募", "尚未开始招募"), ("已終止", "已终止"),
                                                     ("尚未開始招募（試驗）", "尚未开始招募（试验）"), ("已撤銷", "已撤销")])
def test_traditional_and_taiwan_status_words_are_read(traditional: str, simplified: str) -> None:
    wanted = run_cli("list", "--all", "--status", simplified, "--json")
    given = run_cli("list", "--all", "--status", traditional, "--json")
    assert wanted.exit_code == given.exit_code == listing_exit(wanted.json()), given.stderr
    assert given.json()["sites"] == wanted.json()["sites"]
    assert given.json().get("status_counts") == wanted.json().get("status_counts")


# ---------------------------------------------------------------- empty filters

EMPTY_FILTERS = [("list", "--city"), ("list", "--province"), ("list", "--country"), ("list", "--status"),
                 ("list", "--condition"), ("list", "--trial"), ("near", "--province"), ("near", "--status"),
                 ("near", "--condition"), ("near", "--trial"), ("map", "--province"), ("map", "--status"),
                 ("map", "--condition"), ("map", "--trial")]


@pytest.mark.parametrize("command, option", EMPTY_FILTERS)
@pytest.mark.parametrize("value", ["", "  "])
def test_every_empty_filter_is_one_usage_error(command: str, option: str, value: str) -> None:
    place = [] if command == "list" else ["Guangzhou"]
    run = run_cli(command, *place, option, value)
    assert run.exit_code == 2 and run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
    assert f"{option} is empty" in run.stderr


def test_an_empty_filter_of_import_is_the_same_usage_error(tmp_path) -> None:
    from conftest import CTGOV_STUDY

    run = run_cli("import", str(CTGOV_STUDY), "--out", str(tmp_path / "x"), "--country", "")
    assert run.exit_code == 2 and "--country is empty" in run.stderr and not (tmp_path / "x").exists()


def test_the_empty_filter_error_is_said_in_chinese_too() -> None:
    run = run_cli("list", "--city", "", "--lang", "zh")
    assert run.exit_code == 2 and "--city" in run.stderr and "错误" in run.stderr


# ---------------------------------------------------------------- conditions


@pytest.mark.parametrize("args", [["list"], ["near", "Guangzhou"], ["near", "Guangzhou", "--by", "hospital"],
                                  ["map", "Guangzhou"]])
@pytest.mark.parametrize("condition", ["肝豆状核变性", "asthma"])  # a Chinese name data/conditions_zh.csv lacks
def test_a_condition_matching_nothing_names_the_registrys_english_terms(args: list[str], condition: str) -> None:
    conditions = run_cli("info", "--json").json()["trial"]["conditions"]
    run = run_cli(*args, "--condition", condition, "--json")
    assert run.exit_code == 1, run.stderr  # nothing found
    assert conditions and all(term in run.stderr for term in conditions), run.stderr
    assert any(term in notice["text"] for notice in run.json()["notices"] for term in conditions)


def test_a_condition_that_matches_says_nothing_of_the_terms() -> None:
    run = run_cli("list", "--condition", "small cell lung", "--json")
    assert run.exit_code == 0 and run.json()["sites"] and run.json()["notices"] == []


# ---------------------------------------------------------------- coordinates


@pytest.mark.parametrize("text, expected", [
    ("22.54,114.06", (22.54, 114.06)), ("(22.54, 114.06)", (22.54, 114.06)), ("（22.54，114.06）", (22.54, 114.06)),
    ("[22.54, 114.06]", (22.54, 114.06)), ("22.54N,114.06E", (22.54, 114.06)), ("22.54°N 114.06°E", (22.54, 114.06)),
    ("22.54° N, 114.06° E", (22.54, 114.06)), ("22.54 n 114.06 e", (22.54, 114.06)), ("33.87S,151.21E", (-33.87, 151.21)),
    ("114.06E,22.54N", (22.54, 114.06)), ("40.7N 74.0W", (40.7, -74.0)), ("22.54、114.06", (22.54, 114.06)),
    ("22.54，114.06", (22.54, 114.06)), ("22.54;114.06", (22.54, 114.06)), ("22.54 , 114.06", (22.54, 114.06)),
    ("-33.87,151.21", (-33.87, 151.21)), ("２２.５４，１１４.０６", (22.54, 114.06))])
def test_coordinates_are_read_as_written(text: str, expected: tuple[float, float]) -> None:
    assert parse_coordinates(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("N22.54 E114.06", (22.54, 114.06)), ("S33.87, E151.21", (-33.87, 151.21)), ("E114.06 N22.54", (22.54, 114.06)),
    ("北纬22.54 东经114.06", (22.54, 114.06)), ("北纬22.54°，东经114.06°", (22.54, 114.06)),
    ("南纬33.87 东经151.21", (-33.87, 151.21)), ("北緯22.54 東經114.06", (22.54, 114.06)),
    ("22°32'N 114°3'E", (22.5333, 114.05)), ("22°32′24″N 114°03′36″E", (22.54, 114.06)),
    ("33°52'S 151°12'E", (-33.8667, 151.2)), ("40°42'N, 74°0'W", (40.7, -74.0)),
])
def test_coordinates_with_the_hemisphere_first_in_words_or_in_degrees_and_minutes(
        text: str, expected: tuple[float, float]) -> None:
    """`near "N22.54 E114.06"`, `"22°32'N 114°3'E"`, `"北纬22.54 东经114.06"` were read as place names."""
    found = parse_coordinates(text)
    assert found is not None and all(abs(got - want) < 1e-4 for got, want in zip(found, expected)), found


@pytest.mark.parametrize("text", ["Guangzhou", "22.54", "22.54N,114.06N", "N22", "1,2,3", "Route 66", "22.54E,114.06E"])
def test_what_is_no_coordinates_is_not_read_as_them(text: str) -> None:
    try:
        assert parse_coordinates(text) is None
    except UsageError as error:  # two values on one axis: said, never guessed
        assert "22.54" in str(error)


def test_a_swapped_pair_is_named_never_swapped() -> None:
    rng = random.Random(7)
    for _ in range(200):
        latitude, longitude = round(rng.uniform(-90, 90), 2), round(rng.choice([-1, 1]) * rng.uniform(90.01, 180), 2)
        with pytest.raises(UsageError) as raised:
            parse_coordinates(f"{longitude},{latitude}")
        assert f"did you mean {latitude:g},{longitude:g}?" in str(raised.value)


def test_a_swapped_pair_is_named_at_the_command_line_in_the_answers_language() -> None:
    english = run_cli("near", "114.06,22.54")
    assert english.exit_code == 2 and "did you mean 22.54,114.06?" in english.stderr
    chinese = run_cli("near", "114.06,22.54", "--lang", "zh")
    assert chinese.exit_code == 2 and "22.54,114.06" in chinese.stderr and "纬度" in chinese.stderr
    neither = run_cli("near", "95,200")
    assert neither.exit_code == 2 and "did you mean" not in neither.stderr


def test_a_coordinate_that_is_no_number_is_said_in_chinese_too() -> None:
    run = run_cli("near", "nan,nan", "--lang", "zh")
    assert run.exit_code == 2 and "错误" in run.stderr and "nan" in run.stderr and "number" not in run.stderr


@pytest.mark.parametrize("text", ["(22.54, 114.06)", "22.54N,114.06E", "22.54°N 114.06°E", "22.54、114.06"])
def test_written_coordinates_answer_as_plain_ones(text: str) -> None:
    plain = run_cli("near", "22.54,114.06", "--json")
    written = run_cli("near", text, "--json")
    assert written.exit_code == 0, written.stderr
    assert written.json()["sites"] == plain.json()["sites"]
