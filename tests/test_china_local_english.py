"""Hong Kong's districts, Macau's parishes and Taiwan's counties in the English people write them
(issue 20): "Eastern District, Hong Kong", "Yau Tsim Mong District", "St. Lawrence, Macau", "Se
Parish"; Taiwan's in pinyin with a level word in Traditional (新竹縣 "Xinzhu Xian": the keys read 縣
as 县 does). And counties by the exonym the world writes (Korla, Golmud), the official name shown
back. All generated from gazetteer/china_local.csv and scripts/build_china.py's COUNTY_EXONYMS."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT
from sitefinder.distance import sphere_km
from sitefinder.queries import open_gazetteer
from sitefinder.resolver import resolve

sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "scripts"))
import china as benchmark  # noqa: E402
from build_china import COUNTY_EXONYMS  # noqa: E402

LOCAL = benchmark.local_divisions()
TYPED = [(query, row) for row in LOCAL for form, query in benchmark.local_forms(row, open_gazetteer()).items()
         if query and not query.startswith(("North ", "South ", "East ", "West ", "Central "))]  # shared with Taiwan
DIVISIONS = benchmark.divisions()
EXONYMS = [(exonym, row) for row in DIVISIONS if row["level"] == "county"
           for exonym in COUNTY_EXONYMS.get(row["code"][:2], {}).get(row["name"], ())]


def _km(found, row: dict) -> float:
    return sphere_km(found.place.latitude, found.place.longitude, float(row["latitude"]), float(row["longitude"]))


def test_the_forms_cover_the_areas() -> None:
    assert {row["code"][:2] for _, row in TYPED} == {"HK", "MO", "TW"} and len(TYPED) >= 60
    assert len(EXONYMS) >= 150 and {row["code"][:2] for _, row in EXONYMS} == {"15", "54", "63", "65"}


@pytest.mark.parametrize(("query", "row"), TYPED, ids=[query for query, _ in TYPED])
def test_a_local_division_in_english_lands_at_its_seat(query: str, row: dict) -> None:
    found = resolve(query, open_gazetteer())
    assert _km(found, row) <= 25.0, (found.place.label, found.notes)


@pytest.mark.parametrize(("query", "row"), EXONYMS[::3], ids=[query for query, _ in EXONYMS[::3]])
def test_a_county_by_its_exonym_shows_its_official_name(query: str, row: dict) -> None:
    found = resolve(query, open_gazetteer())
    assert _km(found, row) <= 25.0, (found.place.label, found.notes)
    assert found.notes and row["name"] in found.notes[0], found.notes


def test_an_exonym_through_the_cli(cli) -> None:
    run = cli("near", "Golmud", "--json")
    assert run.exit_code == 0 and "格尔木市" in run.stderr, run.stderr
    assert abs(run.json()["origin"]["latitude"] - 36.41) < 0.1


def test_the_exonyms_agree_with_geonames() -> None:
    """A second source: where GeoNames has a place of China by the exonym, one lies within 50 km of
    the county's seat (a slip in the list would put Korla in another county; GeoNames places 措勤县's
    seat town, Coqen, 43 km from the table's point)."""
    gazetteer = open_gazetteer()
    checked = 0
    for exonym, row in EXONYMS:
        places = [place for place in gazetteer.places(benchmark.fold(exonym))
                  if gazetteer.country_code_of(place.country) == "CN"]
        if places:
            checked += 1
            assert min(_km_between(place, row) for place in places) <= 50.0, exonym
    assert checked >= 30


def _km_between(place, row: dict) -> float:
    return sphere_km(place.latitude, place.longitude, float(row["latitude"]), float(row["longitude"]))


@pytest.mark.parametrize("typed", ["Sé", "sé", "Sé, Macau", "Sé Parish"])
def test_macau_s_parish_of_two_letters_with_its_accent(typed: str) -> None:
    row = next(row for row in LOCAL if row["english"].startswith("Se|"))
    assert _km(resolve(typed, open_gazetteer()), row) <= 25.0


@pytest.mark.parametrize("typed", ["Sé", "Åre", "Mü"])
def test_a_short_name_with_an_accent_is_no_country_code(typed: str) -> None:
    """ISO codes are written in plain letters: "Sé" was Sweden (SE), "Åre" Aruba (AW), as countries."""
    from sitefinder.errors import RegionNotPlace, SitefinderError

    try:
        resolve(typed, open_gazetteer())
    except RegionNotPlace:
        pytest.fail(f"{typed} read as a country's code")
    except SitefinderError:
        pass


@pytest.mark.parametrize("row", [row for row in LOCAL if row["code"][:2] == "HK"], ids=lambda row: row["code"])
def test_a_district_of_hong_kong_with_its_area_written_between(row: dict) -> None:
    """"Yau Tsim Mong District, Kowloon, Hong Kong": the area (Kowloon, New Territories, Hong Kong
    Island) is no district; it was read as 九龍城區 (Kowloon City) and the district left unread."""
    english = row["english"].split("|")[0]
    for area in ("Kowloon", "New Territories", "Hong Kong Island"):
        found = resolve(f"{english} District, {area}, Hong Kong", open_gazetteer())
        assert _km(found, row) <= 25.0 and not found.notes, (area, found.place.label, found.notes)


TOWNSHIPS = benchmark.taiwan_townships()
TW_TYPED = [(query, row) for row in TOWNSHIPS
            if (query := benchmark.taiwan_forms(row, TOWNSHIPS).get("tw pinyin + level", ""))]
TW_UNIQUE = [(query, row) for query, row in TW_TYPED if not open_gazetteer().rows(
    "SELECT 1 FROM cn_key WHERE key = ? AND code NOT LIKE 'TW%' LIMIT 1", (benchmark.fold(query),))]


def test_the_township_forms_cover_taiwan() -> None:
    assert len(TW_TYPED) >= 300 and len(TW_UNIQUE) >= 250


@pytest.mark.parametrize(("query", "row"), TW_UNIQUE[::4], ids=[query for query, _ in TW_UNIQUE[::4]])
def test_a_township_in_pinyin_with_its_level_word(query: str, row: dict) -> None:
    """礁溪鄉 "Jiaoxi Xiang", 鹿港鎮 "Lugang Zhen", 士林區 "Shilin Qu" (not 林区, a forestry district):
    Taiwan's 鄉, 鎮, 區 read as 乡, 镇, 区 for the Latin keys; where no mainland division shares the key."""
    assert _km(resolve(query, open_gazetteer()), row) <= 25.0
