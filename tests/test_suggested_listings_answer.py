"""A listing a notice suggests lists sites: "near Manchester" said Manchester, England dwarfs
Jamaica's parish of that name and suggested `sitefinder list --province Manchester`, which lists
nothing when no site lies in the parish. Generated over every region a city of its name dwarfs
(resolver._dwarfed), with sites in the city's country and none in the region's."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from sitefinder.resolver import _dwarfed, _lookup
from tests.conftest import make_site, run_cli
from tests.test_region_names import _clashes, _gazetteer
from tests.test_suggested_commands import suggested_commands


def _dwarfed_names() -> list[tuple[str, set[tuple[str, str]]]]:
    gazetteer = _gazetteer()
    return [(name, regions) for name, regions, _ in _clashes(gazetteer)
            if _dwarfed(_lookup(gazetteer, name), regions, gazetteer)]


@pytest.fixture(scope="module")
def far_sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One site in each dwarfing city (its own place), none in any dwarfed region."""
    from sitefinder.resolver import resolve
    from sitefinder.sitesfile import write_sites_file

    gazetteer = _gazetteer()
    sites = []
    for number, (name, _) in enumerate(_dwarfed_names(), 1):
        place = resolve(name, gazetteer).place
        sites.append(make_site(number, facility=f"Hospital {number}", city=place.name, province=place.province)
                     ._replace(country=place.country, latitude=place.latitude, longitude=place.longitude))
    path = tmp_path_factory.mktemp("dwarfed") / "sites.csv"
    write_sites_file(path, sites)
    return path


def test_a_dwarfed_region_with_no_site_is_said_without_a_listing_to_type(far_sites: Path) -> None:
    names = _dwarfed_names()
    assert len(names) >= 10  # the class
    empty = []
    for name, _ in names:
        run = run_cli("near", name, "--sites", str(far_sites), "--json")
        assert run.exit_code == 0, run.stderr
        notices = [notice["text"] for notice in run.json()["notices"] if notice["key"].startswith("notice.region_dwarfed")]
        assert len(notices) == 1, (name, notices)  # the region is still said
        for line in suggested_commands(notices[0]):
            listed = run_cli(*shlex.split(line)[1:], "--json")
            if listed.exit_code != 0 or not listed.json().get("sites"):
                empty.append(f"{name}: {line}")
    assert not empty, empty


def test_a_dwarfed_region_with_sites_still_suggests_its_listing(tmp_path: Path) -> None:
    from sitefinder.sitesfile import write_sites_file

    path = tmp_path / "sites.csv"
    write_sites_file(path, [make_site(1, city="Mandeville", province="Manchester")._replace(
        country="Jamaica", latitude=18.04, longitude=-77.5)])
    run = run_cli("near", "Manchester", "--sites", str(path), "--json")
    notices = [notice["text"] for notice in run.json()["notices"] if notice["key"] == "notice.region_dwarfed"]
    assert notices and suggested_commands(notices[0]), run.json()["notices"]
    listed = run_cli(*shlex.split(suggested_commands(notices[0])[0])[1:], "--json")
    assert listed.exit_code == 0 and listed.json()["sites"], listed.stderr


@pytest.mark.parametrize("typed", ["吉林", "Jilin"])
def test_a_city_that_is_a_province_too_suggests_the_provinces_listing_only_with_sites_there(
        typed: str, tmp_path: Path) -> None:
    """吉林 is the city, and a province too: `list --province 吉林` is suggested where it lists sites."""
    from sitefinder.sitesfile import write_sites_file

    path = tmp_path / "sites.csv"
    write_sites_file(path, [make_site(1)])  # Guangzhou: none in Jilin
    run = run_cli("near", typed, "--sites", str(path), "--json")
    assert run.exit_code == 0, run.stderr
    said = [notice["text"] for notice in run.json()["notices"] if notice["key"].startswith("notice.china.also_province")]
    assert said and not suggested_commands(said[0]), said
    write_sites_file(path, [make_site(1), make_site(2, city="Jilin", province="Jilin", latitude=43.85, longitude=126.56)])
    run = run_cli("near", typed, "--sites", str(path), "--json")
    said = [notice["text"] for notice in run.json()["notices"] if notice["key"] == "notice.china.also_province"]
    commands = suggested_commands(said[0]) if said else []
    assert commands, run.json()["notices"]
    listed = run_cli(*shlex.split(commands[0])[1:], "--json")
    assert listed.exit_code == 0 and listed.json()["sites"], listed.stderr
