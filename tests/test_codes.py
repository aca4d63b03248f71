"""A country's or region's code means what its name means (#20), in every command: `near HK` is
`near "Hong Kong"`, `near TWN` is `near Taiwan`; and a code that is also the pinyin initials of a
Chinese province or big city (BJ: Benin or 北京) is asked back, never silently the country. Each
case is generated from the gazetteer's data: every code of the country table, every collision the
rule computes, every alpha-3 code."""

from __future__ import annotations

import json
from typing import Any

import pytest

from sitefinder.china import CHINA_AREA, INITIALS_PEOPLE, places_of_initials
from sitefinder.errors import CodeOrInitials, PlaceNotFound, RegionNotPlace, UsageError
from sitefinder.gazetteer import Gazetteer, open_shipped
from sitefinder.paths import gazetteer_path
from sitefinder.regions import PROVINCES, display_region
from sitefinder.resolver import country_meant, read_code, resolve
from tests.conftest import listing_exit, run_cli


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(gazetteer_path())


def _gazetteer() -> Gazetteer:
    from sitefinder.queries import open_gazetteer

    return open_gazetteer()


def _codes() -> list[str]:
    """Every ISO 3166 alpha-2 code of the gazetteer's country table (GeoNames' countryInfo)."""
    return sorted(code for code, in _gazetteer().rows("SELECT code FROM country") if len(code) == 2)


def _name(code: str) -> str:
    return display_region(_gazetteer().country_name(code).strip())


def _collisions() -> list[str]:
    """The codes of a country outside China's area whose letters are a Chinese place's pinyin initials."""
    return [code for code in _codes() if code not in CHINA_AREA and places_of_initials(code, _gazetteer())]


def _territories() -> list[str]:
    """The codes of places GeoNames keeps as countries that the gazetteer reads as part of another
    (Hong Kong and Macau of China, Puerto Rico of the United States, Réunion of France: a country's
    name means them too), and the regions of China's table (regions.PROVINCES: Taiwan)."""
    gazetteer = _gazetteer()
    parts = {part for code in _codes() for part in gazetteer.country_codes(gazetteer.country_name(code))
             if part != code}
    parts |= {province.country for province in PROVINCES if province.country != "CN"}
    return sorted(parts)


def _outcome(query: str, gazetteer: Gazetteer) -> Any:
    try:
        found = resolve(query, gazetteer)
    except RegionNotPlace as region:
        return ("region", frozenset(region.regions))
    except (PlaceNotFound, UsageError) as miss:
        return ("none", type(miss).__name__)
    return ("place", found.place.geonameid, found.place.latitude, found.place.longitude)


def _without_query(value: Any) -> Any:
    """A JSON answer without the "query" fields (the text as typed, which differs by design) and
    without the notice a code's answer adds saying whose code it is (notice.country_code, notice.region_code)."""
    if isinstance(value, dict):
        if set(value) == {"key", "text"}:  # a notice: the same one, its text naming what was typed
            return None if value["key"] in ("notice.country_code", "notice.region_code") else value["key"]
        # "query", and the filter an empty answer names as typed ("--country HK")
        return {key: _without_query(item) for key, item in value.items() if key not in ("query", "unmatched_filter")}
    if isinstance(value, list):
        return [kept for item in value if (kept := _without_query(item)) is not None]
    return value


# 1. A code means what its country's name means.

def test_the_territories_are_found(gazetteer: Gazetteer) -> None:
    territories = _territories()
    assert {"HK", "MO", "TW", "PR", "GU", "RE", "GP"} <= set(territories)


@pytest.mark.parametrize("code", [code for code in _territories() if code not in _collisions()])
def test_near_a_territorys_code_is_near_its_name(code: str) -> None:
    by_code, by_name = run_cli("near", code, "--json"), run_cli("near", _name(code), "--json")
    assert by_code.exit_code == by_name.exit_code, (code, by_code.stderr, by_name.stderr)
    assert by_code.exit_code == listing_exit(json.loads(by_code.stdout)), by_code.stderr
    assert _without_query(json.loads(by_code.stdout)) == _without_query(json.loads(by_name.stdout))


def _in_country(outcome: Any, code: str, gazetteer: Gazetteer) -> Any:
    """A name's outcome as its country's code means it: of a name that is also a state elsewhere
    ("Georgia", the US state; "Niger", Nigeria's), the regions within the country, else the country."""
    if outcome[0] != "region":
        return outcome
    within = gazetteer.country_codes(_name(code)) | {code}
    return ("region", frozenset({region for region in outcome[1] if region[0] in within} or {(code, "")}))


def test_every_code_without_a_collision_resolves_as_its_name(gazetteer: Gazetteer) -> None:
    collisions = set(_collisions())
    differ = [f"{code}: {_outcome(code, gazetteer)} / {_name(code)}: {_outcome(_name(code), gazetteer)}"
              for code in _codes() if code not in collisions
              and _outcome(code, gazetteer) != _in_country(_outcome(_name(code), gazetteer), code, gazetteer)]
    assert not differ, differ[:10]
    states = [code for code in _codes() if code not in collisions
              and _outcome(code, gazetteer) != _outcome(_name(code), gazetteer)]
    assert states == ["GE", "NE"]  # Georgia and Niger are also a US and a Nigerian state by name; never by code


def test_a_countrys_name_is_the_country_unless_its_main_city_bears_it(gazetteer: Gazetteer) -> None:
    """"Colombia" was a town in Cuba, "San Marino" one in California, "Kosovo" Kosovo Polje: a
    country's name is the country, unless the place of that name is its main city (Singapore)."""
    for name in ("Colombia", "San Marino", "Kosovo", "Brazil"):
        with pytest.raises(RegionNotPlace) as region:
            resolve(name, gazetteer)
        assert all(not admin1 for _, admin1 in region.value.regions), name
    for name, code in (("Singapore", "SG"), ("Mexico", "MX"), ("Djibouti", "DJ")):
        found = resolve(name, gazetteer)
        assert gazetteer.country_code_of(found.place.country) == code
        assert found.place.geonameid == gazetteer.main_city(code)[0].geonameid


def _alpha3_codes(gazetteer: Gazetteer) -> list[tuple[str, str]]:
    """(alpha-3, alpha-2) for every three-letter whole-country name of the region table that is no
    abbreviation of countries.ABBREVIATIONS: its alpha-2 is the country whose own name means them all."""
    from sitefinder.countries import ABBREVIATIONS

    rows = gazetteer.rows("SELECT key, country FROM region WHERE admin1 = '' AND length(key) = 3")
    whole: dict[str, set[str]] = {}
    for key, country in rows:
        if key.isalpha() and key.isascii() and key not in ABBREVIATIONS:
            whole.setdefault(key, set()).add(country)
    return sorted((key.upper(), code) for key, codes in whole.items() for code in codes
                  if gazetteer.country_codes(gazetteer.country_name(code)) == codes)


def test_every_alpha3_code_means_what_its_countrys_name_means(gazetteer: Gazetteer) -> None:
    pairs = _alpha3_codes(gazetteer)
    assert len(pairs) > 240 and ("HKG", "HK") in pairs and ("TWN", "TW") in pairs and ("FRA", "FR") in pairs
    # none is a big Chinese place's initials today (HEB, SJZ, NMG are no code); one that were is asked back
    asked = [alpha3 for alpha3, alpha2 in pairs if alpha2 not in CHINA_AREA and places_of_initials(alpha3, gazetteer)]
    assert all(_outcome(alpha3, gazetteer) == ("none", "CodeOrInitials") for alpha3 in asked)
    differ = [f"{alpha3}: {_outcome(alpha3, gazetteer)} / {_name(alpha2)}: {_outcome(_name(alpha2), gazetteer)}"
              for alpha3, alpha2 in pairs
              if alpha3 not in asked
              and _outcome(alpha3, gazetteer) != _in_country(_outcome(_name(alpha2), gazetteer), alpha2, gazetteer)]
    assert not differ, differ[:10]


@pytest.mark.parametrize("alpha3, name", [("HKG", "Hong Kong"), ("TWN", "Taiwan"), ("MAC", "Macau")])
def test_near_an_alpha3_code_is_near_its_name(alpha3: str, name: str) -> None:
    by_code, by_name = run_cli("near", alpha3, "--json"), run_cli("near", name, "--json")
    assert by_code.exit_code == by_name.exit_code == listing_exit(json.loads(by_code.stdout)), by_code.stderr
    assert _without_query(json.loads(by_code.stdout)) == _without_query(json.loads(by_name.stdout))


def test_a_country_option_reads_a_code_as_its_name(gazetteer: Gazetteer) -> None:
    differ = [code for code in _codes()
              if gazetteer.country_codes(country_meant(code, gazetteer))
              != gazetteer.country_codes(country_meant(_name(code), gazetteer))]
    assert not differ  # CS, Serbia and Montenegro: its name means Serbia and Montenegro, and so its code


@pytest.mark.parametrize("code", ["HK", "TW", "CN", "DE", "CS", "DEU"])
def test_list_country_by_code_is_list_country_by_name(code: str, gazetteer: Gazetteer) -> None:
    name = _name(read_code(code, gazetteer).code)
    by_code, by_name = run_cli("list", "--country", code, "--json"), run_cli("list", "--country", name, "--json")
    assert by_code.exit_code == by_name.exit_code == listing_exit(json.loads(by_code.stdout)), by_code.stderr
    assert _without_query(json.loads(by_code.stdout)) == _without_query(json.loads(by_name.stdout))
    if by_code.exit_code:  # an empty answer names the filter as it was typed
        assert by_code.json()["unmatched_filter"] == f"--country {code}"


# 2. A code that is also a Chinese place's pinyin initials is asked back, naming both.

def test_the_initials_of_every_province_are_computed() -> None:
    """Worked out apart from the rule, with pypinyin: each mainland province's Chinese name, its
    initials; the rule's places of those initials include it."""
    from pypinyin import Style, lazy_pinyin

    missing = []
    for province in PROVINCES:
        if province.country != "CN":
            continue
        letters = "".join(lazy_pinyin(province.chinese, style=Style.FIRST_LETTER)).upper()
        if not any(place.startswith(province.chinese) for place in places_of_initials(letters, _gazetteer())):
            missing.append(f"{province.chinese} {letters}: {places_of_initials(letters, _gazetteer())}")
    assert not missing


def test_the_initials_of_every_big_city_are_computed(gazetteer: Gazetteer) -> None:
    from pypinyin import Style, lazy_pinyin

    from sitefinder.china import short_name

    rows = gazetteer.rows("SELECT name, english FROM cn_division WHERE level = 'prefecture' AND population >= ? "
                          "AND code NOT LIKE 'TW%'", [INITIALS_PEOPLE])
    assert len(rows) > 50
    missing = []
    for name, english in rows:
        short = short_name(name)
        letters = "".join(lazy_pinyin(short, style=Style.FIRST_LETTER)).upper()
        if not any(place.startswith(short + " ") for place in places_of_initials(letters, gazetteer)):
            missing.append(f"{short} {english} {letters}")
    assert not missing, missing


def test_the_collisions_include_what_patients_write(gazetteer: Gazetteer) -> None:
    collisions = {code: places_of_initials(code, gazetteer) for code in _collisions()}
    for code, chinese in [("BJ", "北京"), ("SH", "上海"), ("GD", "广东"), ("SZ", "深圳"), ("CD", "成都"),
                          ("TJ", "天津"), ("SY", "沈阳"), ("KM", "昆明"), ("GY", "贵阳"), ("NC", "南昌"), ("SC", "四川"),
                          ("HN", "湖南"), ("HN", "河南"), ("HN", "海南")]:
        assert any(place.startswith(chinese) for place in collisions.get(code, [])), (code, collisions.get(code))
    for code in ("UK", "US", "DE", "JP", "FR", "KR", "HK", "MO", "TW", "CN"):
        assert code not in collisions


@pytest.mark.parametrize("code", _collisions())
def test_a_colliding_code_is_asked_back_naming_both(code: str, gazetteer: Gazetteer) -> None:
    with pytest.raises(CodeOrInitials) as asked:
        resolve(code, gazetteer)
    message = str(asked.value)
    assert _name(code) in message
    assert all(place in message for place in places_of_initials(code, gazetteer))
    run = run_cli("near", code, "--json")
    assert run.exit_code == 2 and run.stdout == ""  # asked back: a usage error (errors.AskedBack)
    from sitefinder.output.simplified import simplified  # what people read: Simplified, 臺中 as 台中

    assert _name(code) in run.stderr and simplified(places_of_initials(code, gazetteer)[0]) in run.stderr
    assert "Traceback" not in run.stderr


def test_the_ask_back_is_said_in_chinese_under_a_chinese_locale() -> None:
    run = run_cli("near", "BJ", env={"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""})
    assert run.exit_code == 2
    # Benin by its Chinese name (贝宁): every country has one (test_country_names_zh.py)
    benin = open_shipped().country_name_zh("BJ")
    assert "国家代码" in run.stderr and "北京" in run.stderr and benin and benin in run.stderr, run.stderr


def test_the_ask_back_takes_the_path_of_an_ambiguous_name(gazetteer: Gazetteer) -> None:
    """As `near Agincourt` is asked back: a PlaceNotFound with the readings as suggestions, exit 2."""
    with pytest.raises(CodeOrInitials) as asked:
        resolve("SZ", gazetteer)
    assert isinstance(asked.value, PlaceNotFound) and not isinstance(asked.value, RegionNotPlace)
    assert asked.value.suggestions[0] == "Eswatini"
    assert asked.value.suggestions[1:] == places_of_initials("SZ", gazetteer)
    assert run_cli("near", "Agincourt").exit_code == run_cli("near", "SZ").exit_code == 2


def test_a_code_for_a_country_the_option_names_is_never_asked_back(gazetteer: Gazetteer) -> None:
    """--country takes a country: BJ there is Benin."""
    assert gazetteer.country_codes(country_meant("BJ", gazetteer)) == {"BJ"}
    run = run_cli("list", "--country", "BJ", "--json")
    assert run.exit_code == 1 and _without_query(run.json()) == _without_query(
        run_cli("list", "--country", "Benin", "--json").json())


# 3. Codes with no such collision keep meaning their country; their messages name it.

@pytest.mark.parametrize("code", ["UK", "US", "DE", "JP", "FR", "KR", "DEU", "USA"])
def test_a_code_without_a_collision_is_its_country(code: str, gazetteer: Gazetteer) -> None:
    reading = read_code(code, gazetteer)
    assert reading is not None and not reading.initials
    with pytest.raises(RegionNotPlace) as region:
        resolve(code, gazetteer)
    assert (reading.code, "") in region.value.regions
    run = run_cli("near", code)
    assert run.exit_code == listing_exit(run_cli("near", code, "--json").json())
    assert f"{code} ({reading.country})" in run.stderr  # "DE (Germany) is a country…", not "DE is a country"


def test_a_codes_message_names_its_country_in_chinese() -> None:
    run = run_cli("near", "DE", env={"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""})
    assert run.exit_code == 1 and "DE（德国）" in run.stderr  # no site there


def test_map_of_a_code_names_its_country() -> None:
    run = run_cli("map", "DE")
    assert run.exit_code == 2 and "DE (Germany)" in run.stderr


def test_a_lower_case_word_is_no_code(gazetteer: Gazetteer) -> None:
    assert read_code("Bo", gazetteer) is None and read_code("de", gazetteer) is None


# 4. Initials that are no code are offered when nothing else is known.

def test_initials_that_name_nothing_offer_their_places(gazetteer: Gazetteer) -> None:
    with pytest.raises(PlaceNotFound) as miss:
        resolve("GZ", gazetteer)
    assert not isinstance(miss.value, CodeOrInitials)
    assert "广州 (Guangzhou, Guangdong)" in miss.value.suggestions
    run = run_cli("near", "GZ")
    assert run.exit_code == 1 and "广州" in run.stderr


# 5. A word as short as a code, not in capitals, is no code (read loosely, "Per" was Peru, "Mex" a state).

def test_an_alpha3_code_not_in_capitals_is_never_its_country(gazetteer: Gazetteer) -> None:
    read = []
    for alpha3, alpha2 in _alpha3_codes(gazetteer):
        for typed in (alpha3.capitalize(), alpha3.lower()):
            got = _outcome(typed, gazetteer)
            if got[0] == "region" and any(code == alpha2 for code, _ in got[1]):
                read.append(f"{typed}: {sorted(got[1])}")
    assert not read, read[:10]


def test_a_short_division_name_is_still_its_division(gazetteer: Gazetteer) -> None:
    """Only codes are dropped: a region's own name of three letters (Uri, Zug, Ain) is read as ever."""
    from sitefinder.regions import province_key
    from sitefinder.resolver import _regions_named

    rows = gazetteer.rows("SELECT key, country, admin1 FROM region WHERE length(key) = 3 AND admin1 != ''")
    own = sorted({(key, country, admin1) for key, country, admin1 in rows if key == province_key(admin1)})
    assert len(own) > 5
    lost = [key for key, country, admin1 in own if (country, admin1) not in _regions_named(key.capitalize(), gazetteer)]
    assert not lost, lost


# 6. A region's code (or name) under --country lists the sites in that region, not its country's.

@pytest.mark.parametrize("typed", ["HK", "Hong Kong", "MO", "Macau", "TW", "PR", "RE", "CN", "China", "中国"])
def test_list_country_lists_only_the_sites_within_it(typed: str, gazetteer: Gazetteer) -> None:
    """The shipped trial's 42 sites are in "China", which means Hong Kong and Macau too: that country
    lies within China, not within Hong Kong (`list --country HK` listed all 42)."""
    asked = gazetteer.country_codes(country_meant(typed, gazetteer))
    run = run_cli("list", "--country", typed, "--json")
    assert run.exit_code == listing_exit(run.json()), run.stderr
    sites = json.loads(run.stdout)["sites"]
    assert all(gazetteer.country_codes(site["country"]) <= asked for site in sites)
    every = json.loads(run_cli("list", "--json").stdout)["sites"]
    assert len(sites) == sum(gazetteer.country_codes(site["country"]) <= asked for site in every)


@pytest.mark.parametrize("code", ["HK", "MO"])
def test_the_code_of_hong_kong_or_macau_is_a_region_s_not_a_country_s(code: str) -> None:
    """"HK：香港 的国家代码": a Chinese reader calls Hong Kong and Macau regions (as TW is said)."""
    run = run_cli("near", code, env={"LANG": "zh_CN.UTF-8"})
    assert "地区代码" in run.stderr and "国家" not in run.stderr, run.stderr
    assert "country" not in run_cli("near", code, "--lang", "en").stderr
