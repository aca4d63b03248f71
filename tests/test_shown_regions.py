"""One region a site: the province or state its table cell shows is the one --province filters it
under and `info` counts it under (countries.site_region), for registry rows whose state is junk (a
country's name, a district) or missing, and whose city is a division; in memory and through the index.
JSON and CSV keep the registry's own `province` text."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_site
from sitefinder.models import Site
from sitefinder.queries import kept_provinces, trial_summary

KOREA, GERMANY = "NCT00000001", "NCT00000002"


def foreign(site_id: int, city: str, state: str, country: str, latitude: float, longitude: float,
            nct_id: str = KOREA) -> Site:
    return make_site(site_id, facility=f"H{site_id}", city=city, province=state, latitude=latitude,
                     longitude=longitude, nct_id=nct_id)._replace(country=country)


SITES = [
    foreign(1, "Seoul", "Republic of Korea", "South Korea", 37.566, 126.9784),  # the state: a country
    foreign(2, "Seoul", "Gangnam-gu", "Korea, Republic of", 37.566, 126.9784),  # the state: a district
    foreign(3, "Gyeonggi-do", "Republic of Korea", "South Korea", 37.58944, 126.76917),  # the city: a province
    foreign(4, "Busan", "", "South Korea", 35.1028, 129.0403),  # no state
    foreign(5, "Munich", "Germany", "Germany", 48.137, 11.575, GERMANY),
    foreign(6, "Augsburg", "Bayern", "Germany", 48.3705, 10.8978, GERMANY),
]


@pytest.fixture(params=["memory", "index"])
def store(request, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "index":
        monkeypatch.setattr("sitefinder.sitestore.INDEX_THRESHOLD_BYTES", 0)
    return request.param


@pytest.fixture
def path(sites_file) -> Path:
    return sites_file(*SITES)


def listed_ids(run) -> set[int]:
    assert run.exit_code == 0, run.stderr
    return {site["id"] for site in run.json()["sites"]}


def test_no_country_is_a_province_a_site_is_shown_under() -> None:
    shown = kept_provinces(SITES)
    assert shown[1] == shown[2] == "Seoul"
    assert shown[3] == "Gyeonggi-do"
    assert shown[5] == "Bavaria"
    assert shown[6] == "Bayern"  # the registry's own word where it names the region
    assert not {site.country for site in SITES} & set(shown.values())


def test_every_shown_province_lists_its_site_and_no_other_regions(cli, path: Path, store: str) -> None:
    shown = kept_provinces(SITES)
    for site in SITES:
        run = cli("list", "--province", shown[site.id], "--all", "--json", "--sites", str(path))
        listed = listed_ids(run)
        assert site.id in listed
        assert {shown[other] for other in listed} <= {shown[site.id], "Bayern", "Bavaria"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_table_cell_is_the_filtered_province(cli, path: Path, store: str, lang: str) -> None:
    run = cli("near", "Seoul", "--all", "--limit", "3", "--sites", str(path), "--lang", lang)
    assert run.exit_code == 0, run.stderr
    rows = {int(line.split()[0]): line for line in run.stdout.splitlines() if line.split()[:1] in (["1"], ["2"], ["3"])}
    assert set(rows) == {1, 2, 3}
    assert rows[1].split()[3] == rows[2].split()[3] == "Seoul"
    assert rows[3].split()[3] == "Gyeonggi-do"
    assert "Republic" not in run.stdout and "Gangnam" not in run.stdout
    assert listed_ids(cli("list", "--province", "Gyeonggi-do", "--all", "--json", "--sites", str(path))) == {3}
    assert listed_ids(cli("list", "--province", "Seoul", "--all", "--json", "--sites", str(path))) == {1, 2}


def test_the_data_keep_the_registrys_state(cli, path: Path, store: str) -> None:
    run = cli("list", "--province", "Seoul", "--all", "--json", "--sites", str(path))
    assert run.exit_code == 0, run.stderr
    assert {site["id"]: site["province"] for site in run.json()["sites"]} == {1: "Republic of Korea", 2: "Gangnam-gu"}


@pytest.mark.parametrize("country", ["Republic of Korea", "Germany", "Korea, Republic of"])
def test_a_country_is_no_province(cli, path: Path, store: str, country: str) -> None:
    run = cli("list", "--province", country, "--all", "--sites", str(path))
    assert run.exit_code == 2
    assert "Traceback" not in run.stderr and run.stdout == ""


def test_info_counts_the_shown_provinces_of_one_country(cli, path: Path, store: str) -> None:
    korean = sorted(set(kept_provinces(SITES[:4]).values()))  # none of their states names its region
    assert len(korean) == 3
    summary = trial_summary(path, KOREA)
    assert summary.provinces == korean
    assert summary.countries == ["South Korea"] and summary.without_province == 0
    run = cli("info", KOREA, "--sites", str(path))
    assert run.exit_code == 0, run.stderr
    assert "4 in 3 provinces or states of South Korea" in " ".join(run.stdout.split())
    whole = cli("info", "--sites", str(path), "--json")
    assert whole.exit_code == 0, whole.stderr
    assert whole.json()["countries"] == ["Germany", "South Korea"]
    assert trial_summary(path).provinces == sorted({*korean, "Bavaria"})  # Bayern and Bavaria: one state
