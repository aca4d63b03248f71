"""A country or region means one thing everywhere: `list --country`, `list --province`, `import
--country` and `near`'s answer for a region all read it by one rule (countries.py).

Hong Kong, Macau and Taiwan mean their own sites, however the row writes them; China means the
mainland; an unknown name is a usage error with the closest names; a known one with no site is an
empty answer. The registry records in tests/fixtures/regions are real (README there)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import make_site, listing_exit
from sitefinder.errors import UsageError
from sitefinder.models import Site
from sitefinder.queries import matching_sites, nearest_sites, open_gazetteer, trial_summary
from sitefinder.sitesfile import write_sites_file

REGIONS = Path(__file__).parent / "fixtures" / "regions"


def _site(site_id: int, city: str, province: str, country: str, latitude: float, longitude: float) -> Site:
    return make_site(site_id, facility=f"Hospital {site_id}", city=city, province=province, latitude=latitude,
                     longitude=longitude, status="RECRUITING")._replace(country=country)


# Each row as a registry or a hand-made file may write it, and the region it lies in.
ROWS: list[tuple[Site, str]] = [
    (_site(1, "Beijing", "Beijing", "China", 39.9, 116.4), "CN"),
    (_site(2, "Guangzhou", "Guangdong", "China", 23.12, 113.25), "CN"),
    (_site(3, "Shanghai", "", "China", 31.22, 121.46), "CN"),
    (_site(4, "Hong Kong", "", "Hong Kong", 22.28, 114.17), "HK"),
    (_site(5, "Tuen Mun", "", "Hong Kong", 22.39, 113.97), "HK"),
    (_site(6, "Kowloon", "Hong Kong", "China", 22.32, 114.18), "HK"),  # "Kowloon, Hong Kong, China"
    (_site(7, "Macau", "", "Macao", 22.19, 113.54), "MO"),
    (_site(8, "Taipei City", "", "Taiwan", 25.05, 121.53), "TW"),
    (_site(9, "Keelung", "", "Taiwan", 25.13, 121.74), "TW"),
    (_site(10, "Taichung", "Taiwan", "China", 24.15, 120.68), "TW"),  # Taiwan written under China
    (_site(11, "Seoul", "", "Korea, Republic of", 37.57, 126.98), "KR"),
    (_site(12, "Boston", "Massachusetts", "United States", 42.36, -71.06), "US"),
    (_site(13, "San Juan", "", "Puerto Rico", 18.47, -66.11), "PR"),
]

NAMES = {
    "HK": ["Hong Kong", "香港", "Hong Kong SAR", "hong kong", "Hong Kong, China", "中國香港"],
    "MO": ["Macau", "Macao", "澳门", "澳門", "Macao SAR"],
    "TW": ["Taiwan", "台湾", "臺灣", "台灣", "Taiwan, Province of China", "Republic of China", "中華民國"],
    "CN": ["China", "中国", "中國", "PRC", "People's Republic of China", "中华人民共和国", "Mainland China"],
    "KR": ["South Korea", "Korea, Republic of", "Republic of Korea", "韩国"],
    "US": ["United States", "USA", "United States of America"],
}
BY_NAME = [(code, name) for code, names in NAMES.items() for name in names]


def _ids(code: str) -> list[int]:
    return sorted(site.id for site, where in ROWS if where == code)


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    path = tmp_path / "sites.csv"
    write_sites_file(path, [site for site, _ in ROWS])
    return path


@pytest.fixture
def mixed_indexed(tmp_path: Path) -> Path:
    """The same rows, with enough mainland rows after them that the file is read through its index."""
    from sitefinder.versions import INDEX_THRESHOLD_BYTES

    path = tmp_path / "big.csv"
    padding = [_site(100 + n, "Chengdu", "Sichuan", "China", 30.66, 104.06) for n in range(1, 600)]
    write_sites_file(path, [*(site for site, _ in ROWS), *padding])
    assert path.stat().st_size > INDEX_THRESHOLD_BYTES
    return path


def _listed(result) -> list[int]:
    return sorted(site["id"] for site in result.json()["sites"])


@pytest.mark.parametrize("row, code", ROWS, ids=lambda value: getattr(value, "facility", value))
def test_a_site_lies_in_its_region_however_written(row: Site, code: str) -> None:
    from sitefinder.countries import site_area

    assert site_area(row.country, row.province, row.city, open_gazetteer()) == code


@pytest.mark.parametrize("code, name", BY_NAME)
def test_a_name_means_its_own_country_or_region_only(code: str, name: str) -> None:
    from sitefinder.countries import area_named

    assert area_named(name, open_gazetteer()).codes == frozenset([code])


def test_china_written_with_its_parts_is_read_as_the_mainland() -> None:
    from sitefinder.countries import own_codes, written_codes

    # the gazetteer files "China" under Hong Kong and Macau too (to place "Hong Kong, China")
    written = written_codes("China", open_gazetteer())
    assert {"CN", "HK", "MO"} <= written
    assert own_codes(written) == frozenset(["CN"])


@pytest.mark.parametrize("code, name", BY_NAME)
def test_list_country_is_the_sites_that_lie_there(cli, mixed: Path, code: str, name: str) -> None:
    result = cli("list", "--country", name, "--sites", str(mixed), "--json")
    assert result.exit_code == 0, result.stderr
    assert _listed(result) == _ids(code)


@pytest.mark.parametrize("code, name", [(code, name) for code, name in BY_NAME if code in ("HK", "MO", "TW")])
def test_list_province_of_hong_kong_macau_taiwan_is_the_same_sites(cli, mixed: Path, code: str, name: str) -> None:
    from sitefinder.regions import find_province

    if find_province(name) is None:
        pytest.skip("a country's name only, no --province")
    result = cli("list", "--province", name, "--sites", str(mixed), "--json")
    assert result.exit_code == 0, result.stderr
    assert _listed(result) == _ids(code)


@pytest.mark.parametrize("code, name", BY_NAME)
def test_the_index_reads_regions_by_the_same_rule(mixed: Path, mixed_indexed: Path, code: str, name: str) -> None:
    small = [site.id for site in matching_sites(mixed, country=name).sites]
    big = [site.id for site in matching_sites(mixed_indexed, country=name, stream=True).sites]
    assert sorted(small) == _ids(code)
    assert sorted(site_id for site_id in big if site_id < 100) == _ids(code)
    assert (len(big) > len(small)) == (code == "CN")  # the padding is the mainland's


@pytest.mark.parametrize("name", ["Hong Kong SAR", "Taiwan", "臺灣", "台湾", "Macao SAR", "China", "中国", "USA",
                                  "South Korea"])
@pytest.mark.parametrize("indexed", [False, True])
def test_near_a_region_lists_what_list_country_lists(mixed: Path, mixed_indexed: Path, name: str,
                                                     indexed: bool) -> None:
    from sitefinder.answers import RegionAnswer

    path = mixed_indexed if indexed else mixed
    answer = nearest_sites(name, path, all_statuses=True)
    assert isinstance(answer, RegionAnswer)
    listed = matching_sites(path, country=name, all_statuses=True)
    assert sorted(site.id for site in answer.sites) == sorted(site.id for site in listed.sites)
    assert answer.sites


@pytest.mark.parametrize("name, code", [("Hong Kong SAR", "HK"), ("Taiwan", "TW"), ("臺灣", "TW"), ("Macao SAR", "MO")])
def test_near_a_region_through_the_cli(cli, mixed: Path, name: str, code: str) -> None:
    result = cli("near", name, "--sites", str(mixed), "--json")
    assert result.exit_code == 0, result.stderr
    assert sorted(site["id"] for site in result.json()["sites"]) == _ids(code)
    assert result.json()["origin"]["source"] == "region"
    assert "has no site" not in result.stderr and "没有该试验" not in result.stderr
    assert "list --country" in result.stderr  # the command that lists the same sites
    assert "province" not in result.stderr and "省" not in result.stderr


@pytest.mark.parametrize("typed, meant", [("Chian", "China"), ("Chnia", "China"), ("Untied States", "United States"),
                                          ("Jpan", "Japan"), ("Hong Knog", "Hong Kong"), ("Taiwna", "Taiwan")])
@pytest.mark.parametrize("command", ["list", "import"])
def test_a_mistyped_country_is_a_usage_error_with_did_you_mean(cli, mixed: Path, tmp_path: Path, typed: str,
                                                               meant: str, command: str) -> None:
    args = (["list", "--sites", str(mixed)] if command == "list"
            else ["import", str(REGIONS / "NCT04251754.json"), "--out", str(tmp_path / "out")])
    result = cli(*args, "--country", typed)
    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    assert "did you mean" in result.stderr and meant in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("typed", ["Narnia", "Atlantis", "Qwxz"])
def test_an_unknown_country_is_a_usage_error(cli, mixed: Path, typed: str) -> None:
    result = cli("list", "--country", typed, "--sites", str(mixed))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown country or region")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_country_of_two_is_read_as_one_and_said(cli, mixed: Path) -> None:
    result = cli("list", "--country", "Korea", "--sites", str(mixed), "--json")
    assert result.exit_code == 0
    assert _listed(result) == _ids("KR")
    assert "South Korea" in result.stderr and "North Korea" in result.stderr


@pytest.mark.parametrize("name", ["Japan", "France", "North Korea", "日本"])
def test_a_known_country_without_a_site_is_an_empty_answer(cli, mixed: Path, name: str) -> None:
    result = cli("list", "--country", name, "--sites", str(mixed), "--json")
    assert result.exit_code == 1
    assert result.json()["sites"] == []


def test_a_known_region_without_a_site_is_an_empty_answer(cli, tmp_path: Path) -> None:
    path = tmp_path / "sites.csv"
    write_sites_file(path, [site for site, code in ROWS if code != "MO"])
    result = cli("list", "--country", "澳門", "--sites", str(path), "--json")
    assert result.exit_code == 1
    assert result.json()["sites"] == []


# Real records: NCT05843643 has 35 sites in China and 3 in Taiwan, NCT04251754 and NCT05183685 one in Hong Kong each.
@pytest.mark.parametrize("name, countries", [("China", {"China": 35}), ("中国", {"China": 35}),
                                             ("Taiwan", {"Taiwan": 3}), ("臺灣", {"Taiwan": 3}),
                                             ("Hong Kong", {"Hong Kong": 2}), ("香港", {"Hong Kong": 2})])
def test_import_country_keeps_what_list_country_lists(cli, tmp_path: Path, name: str, countries: dict) -> None:
    studies = [str(REGIONS / f"{nct}.json") for nct in ("NCT05843643", "NCT04251754", "NCT05183685")]
    whole = cli("import", *studies, "--out", str(tmp_path / "all"))
    assert whole.exit_code == 0, whole.stderr
    some = cli("import", *studies, "--country", name, "--out", str(tmp_path / "some"))
    assert some.exit_code == 0, some.stderr
    listed = cli("list", "--country", name, "--all", "--sites", str(tmp_path / "all" / "sites.csv"), "--json")
    kept = cli("list", "--all", "--sites", str(tmp_path / "some" / "sites.csv"), "--json")
    by_country: dict[str, int] = {}
    for site in kept.json()["sites"]:
        by_country[site["country"]] = by_country.get(site["country"], 0) + 1
    assert by_country == countries
    assert sorted(site["facility"] for site in listed.json()["sites"]) == \
        sorted(site["facility"] for site in kept.json()["sites"])


def test_a_region_with_no_site_in_the_import_is_said(cli, tmp_path: Path) -> None:
    result = cli("import", str(REGIONS / "NCT05843643.json"), "--country", "香港", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1  # nothing to write: no study has a site there
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("nct, country", [("NCT05843643", "Taiwan"), ("NCT05756322", "Taiwan"),
                                          ("NCT04251754", "Hong Kong")])
def test_info_never_counts_divisions_the_rows_do_not_name(cli, tmp_path: Path, nct: str, country: str) -> None:
    out = tmp_path / "out"
    imported = cli("import", str(REGIONS / f"{nct}.json"), "--country", country, "--out", str(out))
    assert imported.exit_code == 0, imported.stderr
    for lang in ("en", "zh"):
        result = cli("info", "--sites", str(out / "sites.csv"), "--lang", lang)
        assert result.exit_code == 0
        line = next(line for line in result.stdout.splitlines() if line.startswith(("Sites", "研究中心")))
        assert " 0 " not in line and "省" not in line and "province" not in line
        assert ("台湾" if country == "Taiwan" else "香港") in line if lang == "zh" else country in line  # Simplified


def test_info_counts_divisions_when_every_row_names_one(tmp_path: Path) -> None:
    path = tmp_path / "sites.csv"
    write_sites_file(path, [site for site, code in ROWS if code == "CN" and site.province])
    summary = trial_summary(path)
    assert summary.without_province == 0 and summary.provinces == ["Beijing", "Guangdong"]


def test_usage_error_in_the_core_for_an_unknown_country(mixed: Path) -> None:
    with pytest.raises(UsageError) as caught:
        matching_sites(mixed, country="Chian")
    assert "China" in str(caught.value)


def test_fixture_records_are_unchanged_copies() -> None:
    for path in REGIONS.glob("NCT*.json"):
        study = json.loads(path.read_text(encoding="utf-8"))
        assert study["protocolSection"]["identificationModule"]["nctId"] == path.stem


@pytest.mark.parametrize("name, code", [("Taiwan", "TW"), ("臺灣", "TW"), ("Hong Kong SAR", "HK")])
def test_map_of_a_region_is_drawn_from_its_city_never_called_a_province(cli, mixed: Path, name: str,
                                                                          code: str) -> None:
    result = cli("map", name, "--sites", str(mixed), "--json")
    assert result.exit_code == 0, result.stderr
    assert sorted(site["id"] for site in result.json()["sites"]) == _ids(code)
    assert "province" not in result.stderr and "省" not in result.stderr and "capital" not in result.stderr
