"""A country's or state's name that is also the registry city of sites elsewhere ("Lebanon": five
sites in Lebanon, New Hampshire; "Washington": site 656 in Washington, DC): the answer names that
city and how to ask for it, as `near 吉林` names the province beside the city. With no site in the
region, the city is the answer (never "no trial of this dataset has a site there" while a city of
that name has sites); with sites there, the region's sites, the city said beside them.

Generated: over names that the resolver reads as a region (country or first-level division) and
that a place of another state bears, each with a site in that place."""

from __future__ import annotations

import pytest

from conftest import make_site
from sitefinder.errors import RegionNotPlace, SitefinderError
from sitefinder.queries import open_gazetteer
from sitefinder.resolver import resolve

GAZETTEER = open_gazetteer()
NAMES = ("Lebanon", "Washington", "Jordan", "Georgia", "Victoria", "Delaware", "Nevada", "Peru", "Cuba",
         "Alberta", "Florida", "Indiana", "Chile", "Bavaria", "Valencia", "Cordoba", "Santa Fe", "Mendoza")


def _cases() -> list[tuple[str, object, tuple[str, str]]]:
    """(name, the largest place of the name outside the regions it means, one of those regions)."""
    cases = []
    for name in NAMES:
        try:
            resolve(name, GAZETTEER)
            continue
        except RegionNotPlace as region:
            regions = region.regions
        except SitefinderError:
            continue
        outside = [place for place in GAZETTEER.places(name.casefold().replace(" ", ""))
                   if place.name == name and not any(place.country == GAZETTEER.country_name(code)
                                                     and (not admin1 or place.province == admin1)
                                                     for code, admin1 in regions)]
        if outside:
            cases.append((name, max(outside, key=lambda place: place.population), sorted(regions)[0]))
    return cases


CASES = _cases()


def test_the_cases_are_many() -> None:
    assert len(CASES) >= 10, [name for name, *_ in CASES]


def _site(site_id: int, place, **fields):  # type: ignore[no-untyped-def]
    return make_site(site_id, facility=f"Hospital {site_id}", city=place.name, province=place.province,
                     latitude=place.latitude, longitude=place.longitude)._replace(country=place.country, **fields)


@pytest.mark.parametrize(("name", "place", "region"), CASES, ids=[name for name, *_ in CASES])
def test_a_region_with_no_site_answers_the_city_of_its_name(cli, sites_file, name, place, region) -> None:
    path = sites_file(_site(7, place))
    run = cli("near", name, "--sites", str(path), "--json")
    assert run.exit_code == 0, run.stderr
    origin = run.json()["origin"]
    assert (origin["name"], origin["country"], origin["latitude"]) == (place.name, place.country, place.latitude), origin
    assert run.json()["sites"][0]["id"] == 7
    assert "has a site there" not in run.stderr
    assert "sitefinder list --" in run.stderr, run.stderr  # how to ask for the region instead


@pytest.mark.parametrize(("name", "place", "region"), CASES, ids=[name for name, *_ in CASES])
def test_a_region_with_sites_names_the_city_of_its_name(cli, sites_file, name, place, region) -> None:
    code, admin1 = region
    inside = GAZETTEER.main_city(code, admin1 or None)
    assert inside is not None
    path = sites_file(_site(7, place), _site(8, inside[0]))
    run = cli("near", name, "--sites", str(path), "--json")
    assert run.exit_code == 0, run.stderr
    assert [site["id"] for site in run.json()["sites"]] == [8]
    ask = f"{place.name}, {place.province or place.country}"
    assert "7" in run.stderr and ask in run.stderr, run.stderr
    asked = cli("near", ask, "--sites", str(path), "--json")
    assert asked.exit_code == 0 and asked.json()["sites"][0]["id"] == 7, asked.stderr


def test_the_reported_lebanon_and_washington(cli, sites_file) -> None:
    lebanon = make_site(113, facility="Dartmouth Hitchcock-Medical Center", city="Lebanon", province="New Hampshire",
                        latitude=43.64229, longitude=-72.25176)._replace(country="United States")
    dc = make_site(656, facility="Barnard Medical Center", city="Washington", province="District of Columbia",
                   latitude=38.89511, longitude=-77.03637)._replace(country="United States")
    seattle = make_site(53, facility="Virginia Mason Medical Center", city="Seattle", province="Washington",
                        latitude=47.60621, longitude=-122.33207)._replace(country="United States")
    path = sites_file(lebanon, dc, seattle)
    run = cli("near", "Lebanon", "--sites", str(path))
    assert run.exit_code == 0 and "Dartmouth" in run.stdout, run.stderr
    assert "no trial of this dataset has a site there" not in run.stderr and "country" in run.stderr
    run = cli("near", "Washington", "--sites", str(path))
    assert run.exit_code == 0 and "Seattle" in run.stdout
    assert "656" in run.stderr and "Washington, District of Columbia" in run.stderr, run.stderr
    for language in ("en", "zh"):
        assert cli("near", "Washington", "--sites", str(path), "--lang", language).exit_code == 0


def test_a_site_of_no_state_placed_in_the_region_is_no_namesake(cli, sites_file) -> None:
    """"Mie", Japan, no state, placed at the prefecture's middle: in the region, not a city elsewhere."""
    middle = GAZETTEER.division_middle("JP", "Mie")
    assert middle is not None
    site = make_site(915, facility="Research Site", city="Mie", province="", latitude=middle.latitude,
                     longitude=middle.longitude)._replace(country="Japan", geonameid=middle.geonameid)
    for text in ("Mie, Japan", "Mie Prefecture"):
        run = cli("near", text, "--sites", str(sites_file(site)), "--json")
        assert run.exit_code == 0, run.stderr
        assert "is also the city" not in run.stderr, run.stderr


def test_a_namesake_outside_the_country_asked_for_is_not_used(cli, sites_file) -> None:
    lebanon = make_site(113, facility="Dartmouth Hitchcock-Medical Center", city="Lebanon", province="New Hampshire",
                        latitude=43.64229, longitude=-72.25176)._replace(country="United States")
    run = cli("near", "Lebanon", "--country", "Lebanon", "--sites", str(sites_file(lebanon)), "--json")
    assert "New Hampshire" not in run.stderr and "New Hampshire" not in run.stdout, run.stderr
