"""--within reads a distance in kilometres written with its unit after the number, as people write
it (300km, 300 KM, 300公里, 300千米, full-width ３００ｋｍ): `--within 300km` was refused as no number.
Another unit (miles, metres, 英里) is refused in one line that says to give kilometres; never read
as kilometres. Generated over numbers, unit spellings and forms of the option."""

from __future__ import annotations

import itertools

import pytest

from conftest import run_cli
from sitefinder.errors import UsageError
from sitefinder.numbers import distance_km

NUMBERS = {"300": 300.0, "12.5": 12.5, "0.5": 0.5, "1e3": 1000.0, "２５０": 250.0, "１２．５": 12.5}
KM = ("km", "KM", "Km", "kms", "kilometres", "kilometers", "公里", "千米", "ｋｍ")
OTHER = ("mi", "miles", "mile", "MI", "英里", "m", "米", "metres", "ft", "里", "km/h", "kmm", "nmi")


@pytest.mark.parametrize("typed, number", NUMBERS.items())
def test_a_distance_with_a_km_unit_is_that_many_kilometres(typed: str, number: float) -> None:
    assert distance_km(typed) == number
    for unit, space in itertools.product(KM, ("", " ", "\u3000")):
        assert distance_km(f"{typed}{space}{unit}") == number, f"{typed}{space}{unit}"
        assert distance_km(f" {typed}{space}{unit} ") == number


@pytest.mark.parametrize("unit", OTHER)
def test_another_unit_is_refused_saying_to_give_kilometres(unit: str) -> None:
    for typed, space in itertools.product(NUMBERS, ("", " ")):
        with pytest.raises(UsageError) as refused:
            distance_km(f"{typed}{space}{unit}")
        assert refused.value.key == "usage.within_unit", (typed, unit)


@pytest.mark.parametrize("typed", ["", "far", "km", "公里", "nan", "inf", "1_0", "3,00km", "--5km", "km300"])
def test_a_text_that_is_no_number_is_refused_as_no_number(typed: str) -> None:
    with pytest.raises(UsageError) as refused:
        distance_km(typed)
    assert refused.value.key == ("usage.number_comma" if "," in typed else "usage.number")  # 3,00: says how to write it


def sites(*args: str) -> list[int]:
    run = run_cli(*args, "--json")
    assert run.exit_code == 0, run.stderr
    return [site["id"] for site in run.json()["sites"]]


@pytest.mark.parametrize("verb", ["near", "map"])
@pytest.mark.parametrize("written", [["--within", "300km"], ["--within", "300 km"], ["--within", "300公里"],
                                     ["-w", "300KM"], ["--within=300千米"], ["--within", "３００ｋｍ"]])
def test_near_and_map_answer_a_km_unit_as_the_number_alone(verb: str, written: list[str]) -> None:
    alone = sites(verb, "Guangzhou", "--within", "300")
    assert alone and sites(verb, "Guangzhou", *written) == alone


@pytest.mark.parametrize("lang, words", [("C.UTF-8", ("kilometres", "km")), ("zh_CN.UTF-8", ("公里",))])
@pytest.mark.parametrize("typed", ["300 miles", "300mi", "500m", "300英里"])
def test_another_unit_is_a_one_line_usage_error_in_the_screen_language(typed: str, lang: str,
                                                                       words: tuple[str, ...]) -> None:
    run = run_cli("near", "Guangzhou", "--within", typed, env={"LANG": lang})
    assert run.exit_code == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr, run.stderr
    if "英里" in typed:  # a Chinese word typed: the answer is in Chinese (wording.wants_chinese)
        words = ("公里",)
    assert typed in run.stderr and all(word in run.stderr for word in words), run.stderr
    if "公里" in words:
        assert "Error" not in run.stderr and "kilometres" not in run.stderr, run.stderr
