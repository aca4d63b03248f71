"""Sites placed from the registry's own geoPoint: the same names as sites placed offline, and a point
that contradicts the row's own state or country is not trusted.

The fixtures are real study records (tests/fixtures/export, README beside them) whose China locations
all carry geoPoints, and the 1,347 real locations of benchmarks/placement with their points.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import run_cli, listing_exit
from sitefinder.distance import sphere_km
from sitefinder.importer import Fields, import_study, site_from_location
from sitefinder.queries import open_gazetteer

FIXTURES = Path(__file__).parent / "fixtures" / "export"
CHINA_STUDIES = ("NCT05288205.json", "NCT04547049.json", "NCT05351788.json")  # every China location has a geoPoint
BENCHMARK = Path(__file__).parents[1] / "benchmarks" / "placement"


def _studies() -> list[dict]:
    return [json.loads((FIXTURES / name).read_text(encoding="utf-8")) for name in CHINA_STUDIES]


def _without_points(study: dict) -> dict:
    for location in study["protocolSection"]["contactsLocationsModule"]["locations"]:
        location.pop("geoPoint", None)
    return study


def _import(tmp_path: Path, studies: list[dict], name: str) -> Path:
    folder = tmp_path / f"{name}-in"
    folder.mkdir()
    for study in studies:
        nct_id = study["protocolSection"]["identificationModule"]["nctId"]
        (folder / f"{nct_id}.json").write_text(json.dumps(study), encoding="utf-8")
    out = tmp_path / name
    run = run_cli("import", str(folder), "--out", str(out))
    assert run.exit_code == 0, run.stderr
    return out / "sites.csv"


@pytest.fixture(scope="module")
def datasets(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same studies imported twice: as the registry gives them (geoPoints), and without the points."""
    tmp_path = tmp_path_factory.mktemp("points")
    return _import(tmp_path, _studies(), "registry"), _import(tmp_path, [_without_points(s) for s in _studies()], "text")


def _listed(sites: Path, *args: str) -> list[dict]:
    run = run_cli("list", "--all", "--json", "--sites", str(sites), *args)
    assert run.exit_code == 0, run.stderr
    return run.json()["sites"]


class TestRegistryPlacedSitesHaveTheirChineseNames:
    def test_every_china_site_has_the_chinese_names_of_its_city_and_province_as_placed_offline(self, datasets) -> None:
        registry, text = datasets
        by_point = {site["id"]: site for site in _listed(registry, "--lang", "zh")}
        by_text = {site["id"]: site for site in _listed(text, "--lang", "zh")}
        assert by_point.keys() == by_text.keys() and len(by_point) >= 35
        assert all(site["coordinate_source"] == "registry" for site in by_point.values())
        for site_id, site in by_point.items():
            assert site["city_zh"] and site["province_zh"], site
            assert (site["city_zh"], site["province_zh"]) == (by_text[site_id]["city_zh"], by_text[site_id]["province_zh"])

    def test_list_city_in_chinese_finds_what_the_registry_spelling_finds(self, datasets) -> None:
        registry, _ = datasets
        sites = _listed(registry, "--lang", "zh")
        for city, city_zh in sorted({(site["city"], site["city_zh"]) for site in sites}):
            written = [site["id"] for site in _listed(registry, "--city", city)]
            assert written and [site["id"] for site in _listed(registry, "--city", city_zh)] == written, (city, city_zh)

    def test_show_by_chinese_city_answers_as_by_the_registry_spelling(self, datasets) -> None:
        registry, _ = datasets
        sites = _listed(registry, "--lang", "zh")
        for city, city_zh in sorted({(site["city"], site["city_zh"]) for site in sites}):
            by_name = run_cli("show", city, "--sites", str(registry), "--json")
            by_chinese = run_cli("show", city_zh, "--sites", str(registry), "--json")
            assert by_chinese.exit_code == by_name.exit_code, (city, city_zh, by_chinese.stderr)
            if by_name.exit_code == 0:
                assert by_chinese.json()["site"]["id"] == by_name.json()["site"]["id"]

    def test_the_zh_table_shows_the_province_the_registry_left_empty(self, datasets) -> None:
        registry, _ = datasets
        empty = [site for site in _listed(registry, "--lang", "zh") if not site["province_registry"]]
        assert len(empty) >= 8  # NCT04547049 gives no state for its Zhejiang sites, NCT05351788 for one
        for site in empty:
            table = run_cli("show", str(site["id"]), "--sites", str(registry), "--lang", "zh")
            assert table.exit_code == 0 and site["province_zh"] in table.stdout

    def test_a_registry_point_with_text_elsewhere_gets_no_city_it_is_not_in(self) -> None:
        """The text names a city 30 km or more from the registry's point (in the same province):
        the names are not that city's (the point is kept, the city identity is not guessed)."""
        location = {"facility": "H", "city": "Ningbo", "state": "Zhejiang", "country": "China",
                    "geoPoint": {"lat": 30.29365, "lon": 120.16142}}  # Hangzhou's point
        site = site_from_location(1, Fields(location, "location"), open_gazetteer())
        assert site.coordinate_source == "registry" and site.geonameid is None


def _location(city: str, state: str, country: str, lat: float, lon: float, zip_code: str = "") -> dict:
    return {"facility": f"Hospital of {city}", "city": city, "state": state, "zip": zip_code, "country": country,
            "geoPoint": {"lat": lat, "lon": lon}}


class TestAPointOutsideTheStatedPlaceIsNotTrusted:
    def test_hanzhou_zhejiang_with_a_point_in_yunnan_is_placed_at_hangzhou_saying_so(self) -> None:
        gazetteer = open_gazetteer()
        site = site_from_location(1, Fields(_location("Hanzhou", "Zhejiang", "China", 26.4965, 99.437), "location"),
                                  gazetteer)
        assert site.coordinate_source.startswith("GeoNames") and site.latitude is not None
        assert sphere_km(site.latitude, site.longitude, 30.29365, 120.16142) < 25  # Hangzhou
        assert "registry's point" in site.location_note and "Zhejiang" in site.location_note
        assert gazetteer.chinese_name(site.geonameid) == "杭州"

    def test_every_point_moved_to_another_country_is_set_aside_and_the_text_placed(self) -> None:
        """Real benchmark rows whose state the gazetteer reads as a division, each given the point
        of a row of another country more than 1,000 km away: none of those points is kept unsaid."""
        gazetteer = open_gazetteer()
        real = json.loads((BENCHMARK / "locations.json").read_text(encoding="utf-8"))["locations"]
        stated = [row for row in real if row.get("state")
                  and any(admin1 and code in gazetteer.country_codes(row["country"])
                          for code, admin1 in gazetteer.divisions(row["state"]))][::7]
        assert len(stated) > 100
        placed = 0
        for number, row in enumerate(stated):
            other = next(candidate for candidate in stated[number + 1:] + stated[:number]
                         if candidate["country"] != row["country"]
                         and sphere_km(row["geoPoint"]["lat"], row["geoPoint"]["lon"], candidate["geoPoint"]["lat"],
                                       candidate["geoPoint"]["lon"]) > 1000)
            bare = {key: value for key, value in row.items() if key != "study"}
            site = site_from_location(number, Fields({**bare, "geoPoint": other["geoPoint"]}, "location"), gazetteer)
            assert "registry's point" in site.location_note, row  # never kept, or kept, unsaid
            if site.coordinate_source != "registry":  # the text placed: the point is not used
                assert (site.latitude, site.longitude) != (other["geoPoint"]["lat"], other["geoPoint"]["lon"]), row
                placed += 1
        assert placed >= 0.95 * len(stated)

    def test_no_real_point_is_set_aside_but_ones_checked_by_hand_and_found_elsewhere(self) -> None:
        gazetteer = open_gazetteer()
        real = json.loads((BENCHMARK / "locations.json").read_text(encoding="utf-8"))["locations"]
        with (BENCHMARK / "registry_points_checked.csv").open(encoding="utf-8", newline="") as handle:
            checked = {(row["study"], row["facility"], row["city"]) for row in csv.DictReader(handle)}
        result = import_study({"protocolSection": {"identificationModule": {"nctId": "NCT00000001"},
                                                   "contactsLocationsModule": {"locations": [
                                                       {key: value for key, value in row.items() if key != "study"}
                                                       for row in real]}}}, gazetteer)
        doubted = {(row["study"], row["facility"], row["city"]) for row, site in zip(real, result.sites)
                   if "registry's point" in site.location_note}
        set_aside = {(row["study"], row["facility"], row["city"]) for row, site in zip(real, result.sites)
                     if site.coordinate_source != "registry"}
        assert set_aside <= doubted <= checked
        assert len(doubted) >= len(checked) // 2  # most of the points found wrong by hand are caught
        assert result.from_registry == len(real) - len(set_aside)
        assert len(result.points_set_aside) == len(set_aside)

    def test_import_says_so_and_near_no_longer_ranks_the_point(self, tmp_path: Path) -> None:
        study = json.loads((FIXTURES / "NCT04547049.json").read_text(encoding="utf-8"))
        locations = study["protocolSection"]["contactsLocationsModule"]["locations"]
        locations.append(_location("Hanzhou", "Zhejiang", "China", 26.4965, 99.437))
        source = tmp_path / "study.json"
        source.write_text(json.dumps(study), encoding="utf-8")
        run = run_cli("import", str(source), "--out", str(tmp_path / "d"), "--json")
        assert run.exit_code == 0, run.stderr
        summary = run.json()
        assert summary["registry_points_set_aside"] == ["Hospital of Hanzhou"]
        assert summary["placed_from_registry"] == len(locations) - 1
        table = run_cli("import", str(source), "--out", str(tmp_path / "d"))
        assert "Hospital of Hanzhou" in table.stderr and "Zhejiang" in table.stderr
        near = run_cli("near", "大理", "--within", "500", "--sites", str(tmp_path / "d" / "sites.csv"), "--json")
        assert near.exit_code == listing_exit(near.json())
        assert all(site["facility"] != "Hospital of Hanzhou" for site in near.json()["sites"])

    def test_a_point_in_its_state_is_kept_however_the_text_reads(self) -> None:
        gazetteer = open_gazetteer()
        site = site_from_location(1, Fields(_location("Nowhere Town", "Zhejiang", "China", 29.1, 119.6), "location"),
                                  gazetteer)
        assert site.coordinate_source == "registry" and (site.latitude, site.longitude) == (29.1, 119.6)

    def test_a_point_far_outside_whose_text_cannot_be_placed_is_kept_with_a_note(self) -> None:
        site = site_from_location(1, Fields(_location("Qqqxyzzy", "Zhejiang", "China", 26.4965, 99.437), "location"),
                                  open_gazetteer())
        assert site.coordinate_source == "registry" and "registry's point" in site.location_note
        assert "Zhejiang" in site.location_note
