"""What people type as values, read or refused as usage errors (exit 2) that say what to give:
coordinates in other notations, path options that name nothing usable, misspelt option values."""

from __future__ import annotations

import re

import pytest

from conftest import run_cli


@pytest.mark.parametrize(("typed", "latitude", "longitude"), [
    ("geo:22.54,114.06", 22.54, 114.06),                  # RFC 5870 URI, as phones share a point
    ("GEO:-33.87,151.21;u=35", -33.87, 151.21),           # with its uncertainty parameter
    ("geo:48.2,16.37,183", 48.2, 16.37),                  # with an altitude
    ("22.54 114.06", 22.54, 114.06),
    ("22,54;114,06", 22.54, 114.06),                      # decimal commas, as Europe writes them
    ("22,54 114,06", 22.54, 114.06),
    ("-33,87; 151,21", -33.87, 151.21),
])
def test_unambiguous_coordinate_notations_are_read(typed: str, latitude: float, longitude: float) -> None:
    run = run_cli("near", typed, "--json", "--limit", "1")
    assert run.exit_code == 0, run.stderr
    origin = run.json()["origin"]
    assert origin["source"] == "coordinates"
    assert (origin["latitude"], origin["longitude"]) == (latitude, longitude)


@pytest.mark.parametrize(("typed", "meant"), [
    ("22.54/114.06", "22.54,114.06"),
    ("22,54,114,06", "22.54,114.06"),
    ("22.54,", None),
    (",114.06", None),
    ("22.54,114.06,5", None),
    ("1e1,2", None),
    ("22.54|114.06", "22.54,114.06"),
    ("22.54.114.06", None),
    ("geo:22.54", None),
])
def test_malformed_coordinates_are_usage_errors_saying_the_form(typed: str, meant: str | None) -> None:
    run = run_cli("near", typed)
    assert run.exit_code == 2, run.stderr
    assert "no place called" not in run.stderr
    assert "22.54,114.06" in run.stderr  # the accepted form, as an example
    if meant is not None:
        assert f"did you mean {meant}?" in run.stderr
    chinese = run_cli("near", typed, "--lang", "zh")
    assert chinese.exit_code == 2 and "纬度,经度" in chinese.stderr and "no place" not in chinese.stderr


@pytest.mark.parametrize("typed", ["91,200", "22.54,190", "geo:95,10"])
def test_coordinates_out_of_range_are_usage_errors(typed: str) -> None:
    run = run_cli("near", typed)
    assert run.exit_code == 2 and "out of range" in run.stderr


@pytest.mark.parametrize("typed", ["E1", "100730", "Praha 2", "+86-20-87343088", "8734 3099"])
def test_words_and_lone_numbers_are_still_places_to_look_up(typed: str) -> None:
    """A postcode district or a lone number is no attempt at coordinates: the place reader answers."""
    run = run_cli("near", typed)
    assert "LAT,LON" not in run.stderr and "纬度,经度" not in run.stderr


# ---------------------------------------------------------------- path options

@pytest.mark.parametrize("command", [("list",), ("near", "Guangzhou"), ("show", "7"), ("info",), ("map", "Guangzhou")])
def test_sites_option_naming_nothing_usable_is_a_usage_error(command: tuple[str, ...], tmp_path) -> None:
    (tmp_path / "dataset").mkdir()
    (tmp_path / "dataset" / "sites.csv").write_text("id\n", encoding="utf-8")
    for value, said in [("", "--sites is empty"), (str(tmp_path), "is a directory"),
                        (str(tmp_path / "nope.csv"), "no such file")]:
        run = run_cli(*command, "--sites", value)
        assert run.exit_code == 2, (value, run.stderr)
        assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
        assert said in run.stderr and "--sites" in run.stderr and "sites CSV file" in run.stderr
    beside = run_cli(*command, "--sites", str(tmp_path / "dataset"))  # a dataset's directory: its file read
    assert beside.exit_code == 1 and str(tmp_path / "dataset" / "sites.csv") in beside.stderr  # (a bad one here)


def test_sites_from_the_environment_is_checked_as_the_option() -> None:
    run = run_cli("list", env={"SITEFINDER_SITES": "/nonexistent/sites.csv"})
    assert run.exit_code == 2 and "SITEFINDER_SITES" in run.stderr and "no such file" in run.stderr


def test_path_option_errors_in_chinese() -> None:
    run = run_cli("near", "广州", "--sites", "")
    assert run.exit_code == 2 and run.stderr.startswith("错误：") and "--sites" in run.stderr


@pytest.mark.parametrize("value", ["", "DIR"])
def test_map_out_naming_no_file_is_a_usage_error(value: str, tmp_path) -> None:
    given = str(tmp_path) if value == "DIR" else value
    run = run_cli("map", "Guangzhou", "--out", given)
    assert run.exit_code == 2 and run.stderr.count("\n") == 1
    assert ".svg" in run.stderr and "--out" in run.stderr
    assert ("is a directory" if value else "--out is empty") in run.stderr


def test_import_out_that_is_a_file_is_a_usage_error(tmp_path) -> None:
    from conftest import CTGOV_STUDY

    target = tmp_path / "file.txt"
    target.write_text("mine", encoding="utf-8")
    run = run_cli("import", str(CTGOV_STUDY), "--out", str(target))
    assert run.exit_code == 2 and "--out" in run.stderr and "is not a directory" in run.stderr
    assert target.read_text(encoding="utf-8") == "mine"
    chinese = run_cli("import", str(CTGOV_STUDY), "--out", str(target), "--lang", "zh")
    assert chinese.exit_code == 2 and chinese.stderr.startswith("错误：") and "is not" not in chinese.stderr


# ---------------------------------------------------------------- misspelt option values

@pytest.mark.parametrize(("args", "meant"), [
    (("list", "--status", "招幕中"), "招募中"),
    (("list", "--status", "正再招募"), "正在招募"),
    (("list", "--status", "recruting"), "recruiting"),
    (("list", "--format", "jsn"), "json"),
    (("list", "--format", "cvs"), "csv"),
    (("list", "--lang", "zh_CN"), "zh-CN"),
    (("list", "--lang", "zh_tw"), "zh-TW"),
    (("list", "--lang", "zh-Hans"), "zh-CN"),
    (("list", "--lang", "zh-Hant"), "zh-TW"),
    (("list", "--lang", "chinese"), "zh"),
    (("list", "--lang", "english"), "en"),
    (("near", "Guangzhou", "--by", "hospitl"), "hospital"),
    (("near", "Guangzhou", "--by=hosptial"), "hospital"),
    (("map", "Guangzhou", "--view", "wrld"), "world"),
    (("list", "--province", "山栋"), "山东"),            # one character slipped of two: an input method's homophone
    (("list", "--province", "广冬省"), "广东"),
    (("list", "--country", "中过"), "中国"),
])
def test_misspelt_option_values_offer_the_closest(args: tuple[str, ...], meant: str) -> None:
    run = run_cli(*args)
    assert run.exit_code == 2 and run.stderr.count("\n") == 1
    offered = re.split("did you mean|您是否要找", run.stderr)
    assert len(offered) == 2 and meant in offered[1]


def test_did_you_mean_in_the_language_of_the_answer() -> None:
    run = run_cli("near", "广州", "--by", "hospitl")
    assert run.exit_code == 2 and "您是否要找" in run.stderr and "hospital" in run.stderr.split("您是否要找", 1)[1]
    english = run_cli("near", "Guangzhou", "--format", "jsn")
    assert "did you mean json?" in english.stderr


def test_nothing_close_offers_nothing() -> None:
    run = run_cli("list", "--format", "spreadsheet")
    assert run.exit_code == 2 and "did you mean" not in run.stderr and "table, json, csv" in run.stderr
