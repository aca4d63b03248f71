"""`list --city` reads a city's other names as `near` does: 东京 lists the registry's "Tokyo"
sites, which the registry placed itself (no GeoNames id ties them to the gazetteer's city)."""

from __future__ import annotations

import pytest

from sitefinder.models import Site


def abroad(site_id: int, city: str, country: str, latitude: float, longitude: float) -> Site:
    return Site(id=site_id, facility=f"Hospital {site_id}", city=city, province="", country=country,
                status="RECRUITING", latitude=latitude, longitude=longitude, coordinate_source="registry")


@pytest.fixture(params=["memory", "index"])
def world(request, sites_file, monkeypatch: pytest.MonkeyPatch):
    if request.param == "index":
        monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    return sites_file(abroad(1, "Tokyo", "Japan", 35.68, 139.69), abroad(2, "Tokyo", "Japan", 35.7, 139.7),
                      abroad(3, "Seoul", "Korea, Republic of", 37.56, 126.97), abroad(4, "Osaka", "Japan", 34.69, 135.5),
                      abroad(5, "Taizhou", "China", 28.66, 121.42))


@pytest.mark.parametrize("typed, written", [("东京", "Tokyo"), ("東京", "Tokyo"), ("首尔", "Seoul"), ("大阪", "Osaka")])
def test_a_citys_chinese_name_lists_the_registrys_sites(cli, world, typed: str, written: str) -> None:
    by_chinese = cli("list", "--city", typed, "--sites", str(world), "--json")
    by_english = cli("list", "--city", written, "--sites", str(world), "--json")
    assert by_chinese.exit_code == by_english.exit_code == 0, by_chinese.stderr
    ids = [site["id"] for site in by_english.json()["sites"]]
    assert ids and [site["id"] for site in by_chinese.json()["sites"]] == ids


def test_a_name_of_two_cities_is_not_widened_to_the_others_sites(cli, world) -> None:
    """泰州 (Jiangsu) is not the registry's "Taizhou" of Zhejiang (台州): the name alone is no tie."""
    run = cli("list", "--city", "泰州", "--sites", str(world), "--json")
    assert run.exit_code == 1 and run.json()["sites"] == []


@pytest.fixture(params=["memory", "index"])
def cities(request, sites_file, monkeypatch: pytest.MonkeyPatch):
    """Registry-placed sites of cities whose gazetteer name is not the registry's ("New York City",
    "New York") or whose name is also another city's (London, Ontario; Paris, Texas)."""
    if request.param == "index":
        monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    return sites_file(abroad(1, "New York", "United States", 40.71427, -74.00597),
                      abroad(2, "New York", "United States", 40.7636, -73.9553),
                      abroad(3, "London", "United Kingdom", 51.50853, -0.12574),
                      abroad(4, "London", "Canada", 42.98339, -81.23304),
                      abroad(5, "Paris", "France", 48.85341, 2.3488),
                      abroad(6, "Paris", "United States", 33.66094, -95.55551),
                      abroad(7, "Jersey City", "United States", 40.72816, -74.07764),
                      abroad(8, "Tokyo", "Japan", 35.6895, 139.69171),
                      abroad(9, "Kawasaki-shi", "Japan", 35.52056, 139.71722),
                      abroad(10, "Setagaya-ku", "Japan", 35.64825, 139.65376),
                      abroad(11, "Kawagoe-shi", "Japan", 35.90861, 139.48528),
                      abroad(12, "Suwon-si", "South Korea", 37.29111, 127.00889),
                      abroad(13, "Taichung City", "Taiwan", 24.1469, 120.6839))


@pytest.mark.parametrize("typed, wanted", [
    ("纽约", [1, 2]), ("紐約", [1, 2]), ("NYC", [1, 2]), ("New York City", [1, 2]), ("new york city", [1, 2]),
    ("伦敦", [3]), ("倫敦", [3]), ("巴黎", [5]), ("东京", [8]),
    # the registry's city with the suffix it appends ("Kawasaki-shi"), at that city
    ("Kawasaki", [9]), ("川崎", [9]), ("Setagaya", [10]), ("世田谷区", [10]), ("Kawagoe", [11]), ("Suwon", [12]),
    ("Taichung", [13])])
def test_a_city_named_otherwise_than_the_registry_wrote_it_lists_its_sites(cli, cities, typed: str,
                                                                           wanted: list[int]) -> None:
    """The registry's "New York" is the gazetteer's "New York City": a name of that city, at that
    city, is that city, however the name is written; a namesake elsewhere (London, Ontario) is not,
    nor is a neighbour of another name (Jersey City)."""
    run = cli("list", "--city", typed, "--sites", str(cities), "--json")
    assert run.exit_code == 0, run.stderr
    assert sorted(site["id"] for site in run.json()["sites"]) == wanted
