"""A --province that is no province or state is never silently widened to its parent: `list
--province Surrey` (and Leeds, "Greater London") listed all of England's sites without a word;
"West Yorkshire" said "did you mean East Yorkshire?"; `--province Mianyang` "did you mean Liaoning
or Xinjiang?" and 绵阳 a generic error. A county, district or city of a state says it is a part of
that state and what to run instead; a city says it is a city of its province and to use --city."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitefinder.models import Contact, Site
from sitefinder.sitesfile import write_sites_file
from tests.conftest import run_cli

ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows = [Site(id=number, facility=f"Hospital {number}", city=city, province=province, country="United Kingdom",
                 status="RECRUITING", latitude=latitude, longitude=longitude,
                 contacts=(Contact(name="Doctor", role="PRIMARY"),))
            for number, (city, province, latitude, longitude) in enumerate([
                ("Sutton", "Surrey", 51.3656, -0.1963), ("London", "England", 51.5085, -0.1257),
                ("London", "London, City Of", 51.5128, -0.0918),
                ("Leeds", "", 53.7965, -1.5478), ("Sheffield", "England", 53.3829, -1.4659)], start=1)]
    path = tmp_path_factory.mktemp("uk") / "sites.csv"
    write_sites_file(path, rows)
    return path


@pytest.mark.parametrize("typed", ["Surrey", "Leeds", "Greater London", "West Yorkshire", "Cambridgeshire",
                                   "South Yorkshire", "Greater Manchester"])
def test_a_part_of_a_state_is_said_so_with_what_to_run(sites: Path, typed: str) -> None:
    run = run_cli("list", "--province", typed, "--sites", str(sites))
    assert run.exit_code == 2, run.stdout
    assert "not a province or state" in run.stderr and "England" in run.stderr, run.stderr
    assert "list --province England" in run.stderr and "sitefinder near" in run.stderr
    assert "did you mean" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_the_state_itself_still_lists(sites: Path) -> None:
    run = run_cli("list", "--province", "England", "--json", "--sites", str(sites))
    assert run.exit_code == 0 and len(run.json()["sites"]) == 5


def test_the_province_column_is_one_level(sites: Path) -> None:
    # it mixed England, "Surrey" and "London, City Of" for sites all in England: the state, always
    run = run_cli("list", "--json", "--sites", str(sites))
    assert {site["province"] for site in run.json()["sites"]} == {"England"}
    assert {site["province_registry"] for site in run.json()["sites"]} >= {"Surrey", "London, City Of"}


@pytest.mark.parametrize("typed", ["Mianyang", "绵阳", "绵阳市"])
def test_a_city_given_as_province_says_its_province_and_city(typed: str) -> None:
    run = run_cli("list", "--province", typed, env=ZH)
    assert run.exit_code == 2
    assert "四川" in run.stderr and "--city" in run.stderr and "Liaoning" not in run.stderr, run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    english = run_cli("list", "--province", typed, "--lang", "en")
    assert "Sichuan" in english.stderr and "--city" in english.stderr, english.stderr
