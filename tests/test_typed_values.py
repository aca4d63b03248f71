"""What people type as values, read or refused as usage errors (exit 2) that say what to give:
coordinates in other notations, path options that name nothing usable, misspelt option values."""

from __future__ import annotations

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


@pytest.mark.parametrize("typed", ["E1", "100730", "Praha 2"])
def test_words_and_lone_numbers_are_still_places_to_look_up(typed: str) -> None:
    """A postcode district or a lone number is no attempt at coordinates: the place reader answers."""
    run = run_cli("near", typed)
    assert "LAT,LON" not in run.stderr and "纬度,经度" not in run.stderr
