"""A region's name means one thing in every command.

A first-level division (state, province) or a country named alone is that region, as `list
--province` and `list --country` read it, unless a place bearing the name is the most populous
place of the region (Singapore, New York City): resolver._main_city, one rule for both. `near`
reads the names the gazetteer's tables lack ("Republic of China", "Korea", "HK, China") through the
same table as --country (countries.other_area), and --province takes a region's code as --country
does. Expected answers are worked out from the gazetteer's tables, not listed by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitefinder.countries import GUESSES, OTHER_NAMES, area_name
from sitefinder.errors import RegionNotPlace
from sitefinder.gazetteer import Gazetteer
from sitefinder.queries import open_gazetteer
from sitefinder.regions import PROVINCES
from sitefinder.resolver import resolve
from sitefinder.text import name_key
from tests.conftest import listing_exit
from tests.test_countries import ROWS, _ids, _listed

STATE_COUNTRIES = ("US", "AU", "CA")  # every US state, Australian state and territory, Canadian province
REGION_SOURCES = {"region", "province", "country"}


def _gazetteer() -> Gazetteer:
    return open_gazetteer()


def _states() -> list[tuple[str, str]]:
    rows = _gazetteer().rows(f"SELECT DISTINCT country, admin1 FROM place WHERE admin1 != '' AND country IN "
                             f"({','.join('?' * len(STATE_COUNTRIES))})", STATE_COUNTRIES)
    return sorted((country, admin1) for country, admin1 in rows)


def _countries() -> list[tuple[str, str]]:
    return sorted((code, name.strip()) for code, name in _gazetteer().rows("SELECT code, name FROM country"))


def _main_place_bearing(name: str, country: str, admin1: str, gazetteer: Gazetteer) -> int | None:
    """The region's most populous place (from the place table), when the name typed finds it; else None."""
    rows = gazetteer.rows("SELECT id FROM place WHERE country = ? AND (? = '' OR admin1 = ?) "
                          "ORDER BY population DESC, id LIMIT 1", (country, admin1, admin1))
    largest = rows[0][0] if rows else None
    named = {place.geonameid for place in gazetteer.places(name_key(name))}
    return largest if largest in named else None


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sitefinder.sitesfile import write_sites_file

    path = tmp_path_factory.mktemp("regions") / "sites.csv"
    write_sites_file(path, [site for site, _ in ROWS])
    return path


def _outcome(name: str, country: str, admin1: str, gazetteer: Gazetteer) -> str:
    """"" when `near NAME` answers as the rule says, else what it answered."""
    city = _main_place_bearing(name, country, admin1, gazetteer)
    try:
        found = resolve(name, gazetteer)
    except RegionNotPlace as region:
        if city is None and any(code == country and (not admin1 or admin1 == division)
                                for code, division in region.regions):
            return ""
        return f"{name}: the region {sorted(region.regions)}, expected the place {city}"
    except Exception as error:  # noqa: BLE001 - named in the failure, every name checked
        return f"{name}: {type(error).__name__} {error}"
    if city is not None and found.place.geonameid == city:
        return ""
    return f"{name}: {found.place.label}, {found.place.country} ({found.place.geonameid}), expected " + \
        (f"the place {city}" if city else f"the region {country} {admin1}")


def test_every_state_and_province_named_alone_is_the_region() -> None:
    """California was California, Maryland; Queensland a hamlet in Alberta; Victoria Victoria (BC)."""
    gazetteer = _gazetteer()
    wrong = [outcome for country, admin1 in _states() if (outcome := _outcome(admin1, country, admin1, gazetteer))]
    assert not wrong, wrong


def test_every_country_named_alone_is_the_country_unless_its_main_city_bears_it() -> None:
    gazetteer = _gazetteer()
    wrong = [outcome for code, name in _countries() if gazetteer.country_codes(name) == {code}
             and (outcome := _outcome(name, code, "", gazetteer))]
    assert not wrong, wrong


@pytest.mark.parametrize("name", ["California", "Florida", "Queensland", "Victoria", "Ontario", "Washington"])
def test_near_a_state_through_the_cli_is_its_region(cli, mixed: Path, name: str) -> None:
    result = cli("near", name, "--sites", str(mixed), "--json")
    assert result.json()["origin"]["source"] in REGION_SOURCES, result.stderr
    assert "ambiguous" not in result.stderr


def _other_names() -> list[str]:
    """Every name of countries.py's own tables, and each region kept apart written after China."""
    gazetteer = _gazetteer()
    parts = [code for code in ("HK", "MO", "TW")]
    return [*OTHER_NAMES, *GUESSES, *(f"{code}, China" for code in parts),
            *(f"{area_name(frozenset([code]), gazetteer)}, China" for code in parts)]


@pytest.mark.parametrize("name", _other_names())
def test_near_reads_a_name_as_list_country_does(cli, mixed: Path, name: str) -> None:
    """HKSAR was a province in near, "Republic of China" Republic (Missouri), "Chinese Taipei" New
    Taipei City, 中国台湾 unknown to --country: near and --country name the same region."""
    listed = cli("list", "--country", name, "--sites", str(mixed), "--json")
    assert listed.exit_code == listing_exit(listed.json()), listed.stderr
    near = cli("near", name, "--sites", str(mixed), "--json", "--all")
    assert near.json()["origin"]["source"] in REGION_SOURCES, near.stderr
    assert sorted(site["id"] for site in near.json()["sites"]) == _listed(listed)


@pytest.mark.parametrize("name", ["HKSAR", "香港特區", "中国台湾", "Republic of China", "中華民國"])
def test_a_region_of_china_kept_apart_is_a_region_in_near(cli, mixed: Path, name: str) -> None:
    near = cli("near", name, "--sites", str(mixed), "--json", "--all")
    assert near.json()["origin"]["source"] == "region", near.stderr
    assert "province" not in near.stderr and "国家" not in near.stderr and "省" not in near.stderr


@pytest.mark.parametrize("province", [province for province in PROVINCES if province.country != "CN"])
def test_list_province_takes_a_regions_code(cli, mixed: Path, province) -> None:
    by_code = cli("list", "--province", province.country, "--sites", str(mixed), "--json")
    assert by_code.exit_code == 0, by_code.stderr
    assert _listed(by_code) == _ids(province.country)
    assert _listed(cli("list", "--country", province.country, "--sites", str(mixed), "--json")) == _listed(by_code)


@pytest.mark.parametrize("province", [province for province in PROVINCES if province.country != "CN"])
def test_a_regions_code_in_small_letters_is_suggested(cli, province) -> None:
    result = cli("near", province.country.lower())
    assert result.exit_code == 1
    assert province.name in result.stderr


def _clashes(gazetteer: Gazetteer) -> list[tuple[str, set[tuple[str, str]], int]]:
    """Every first-level division whose name is alone the name of a place of more than 100,000 people
    outside it: (name, the divisions of that name, that place's people)."""
    from sitefinder.resolver import _lookup, _regions_alone

    found = []
    for (admin1,) in gazetteer.rows("SELECT DISTINCT admin1 FROM region WHERE admin1 != '' ORDER BY admin1"):
        regions = _regions_alone(admin1, gazetteer)
        if not regions or any(not division for _, division in regions):
            continue
        outside = [place.population for place in _lookup(gazetteer, admin1)
                   if name_key(place.name) == name_key(admin1) and place.population > 100_000
                   and place.province  # a place of no known division is not known to be outside (Kowloon City)
                   and not any(gazetteer.country_name(code) == place.country and place.province == division
                               for code, division in regions)]
        if outside:
            found.append((admin1, regions, max(outside)))
    return found


def test_a_city_that_dwarfs_a_region_of_its_name_is_the_answer_and_the_region_its_alternative() -> None:
    """Portland, Manchester, Hanover were Jamaica's parishes ("Portland is a province, and this trial
    has no site there"); a region of more than a quarter of the city's people is still the region."""
    from sitefinder.resolver import DWARFED_BY, _dwarfed, _lookup

    gazetteer = _gazetteer()
    clashes = _clashes(gazetteer)
    assert len(clashes) > 40  # the scan finds the class, not a handful
    wrong = []
    dwarfed = 0
    for name, regions, _ in clashes:
        if not _dwarfed(_lookup(gazetteer, name), regions, gazetteer):
            continue
        dwarfed += 1
        try:
            found = resolve(name, gazetteer)
        except RegionNotPlace:
            wrong.append(f"{name}: the region")
            continue
        people = {division: middle.population for division in regions
                  if (middle := gazetteer.division_middle(*division)) is not None}
        named = {(place.province, place.country) for place in found.alternatives if place.source == "division"}
        expected = {(admin1, gazetteer.country_name(code)) for code, admin1 in regions}
        if named != expected or not any(note.key == "notice.region_dwarfed" for note in found.notes) \
                or found.place.population < DWARFED_BY * max(people.values()):
            wrong.append(f"{name}: {found.place.label}, alternatives {sorted(named)}")
    assert dwarfed >= 10 and not wrong, wrong


@pytest.mark.parametrize(("name", "city", "region"), [("Portland", "Oregon", "Jamaica"),
                                                      ("Manchester", "England", "Jamaica"),
                                                      ("Hanover", "Lower Saxony", "Jamaica")])
def test_near_a_city_dwarfing_a_region_of_its_name(cli, mixed: Path, name: str, city: str, region: str) -> None:
    run = cli("near", name, "--sites", str(mixed), "--json")
    assert run.exit_code == 0, run.stderr
    origin = run.json()["origin"]
    assert origin["province"] == city and origin["source"] != "province"
    assert {"name": name, "country": region} in [{"name": alt["name"], "country": alt["country"]}
                                                  for alt in origin["alternatives"]]
    said = [notice["text"] for notice in run.json()["notices"] if notice["key"] == "notice.region_dwarfed"]
    assert len(said) == 1 and f"{name}, {region}" in said[0]
