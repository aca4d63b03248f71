"""One region a site: the province or state its table cell shows is the one --province filters it
under and `info` counts it under (countries.site_region), for registry rows whose state is junk (a
country's name, a district) or missing, and whose city is a division; in memory and through the index.
JSON and CSV give the shown one as `province` and the registry's own text as `province_registry`;
`list` is sorted by the shown one."""

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
        monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
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

    def shown(region: str) -> str:  # in Chinese by the division's Chinese name (首尔特别市), as filtered
        from sitefinder.queries import open_gazetteer

        return (open_gazetteer().region_name_zh("KR", region) or region) if lang == "zh" else region

    assert shown("Seoul") != "Seoul" or lang == "en"
    assert rows[1].split()[3] == rows[2].split()[3] == shown("Seoul")
    assert rows[3].split()[3] == shown("Gyeonggi-do")
    assert "Republic" not in run.stdout and "Gangnam" not in run.stdout
    assert listed_ids(cli("list", "--province", "Gyeonggi-do", "--all", "--json", "--sites", str(path))) == {3}
    assert listed_ids(cli("list", "--province", "Seoul", "--all", "--json", "--sites", str(path))) == {1, 2}


def test_the_data_give_the_shown_province_and_keep_the_registrys_state(cli, path: Path, store: str) -> None:
    run = cli("list", "--province", "Seoul", "--all", "--json", "--sites", str(path))
    assert run.exit_code == 0, run.stderr
    assert {site["id"]: (site["province"], site["province_registry"]) for site in run.json()["sites"]} == {
        1: ("Seoul", "Republic of Korea"), 2: ("Seoul", "Gangnam-gu")}


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_machine_output_says_the_province_the_table_shows(cli, path: Path, store: str, fmt: str) -> None:
    """JSON and CSV had `province` null for a site the table shows in Busan: what people read, scripts lost."""
    import csv
    import io
    import re

    table = cli("list", "--all", "--sites", str(path))
    assert table.exit_code == 0, table.stderr
    lines = [re.split(r"\s{2,}", line.strip()) for line in table.stdout.splitlines()]
    column = next(line for line in lines if "Province" in line).index("Province")
    cells = {int(line[0]): line[column] for line in lines if line[0].isdigit()}
    run = cli("list", "--all", "-f", fmt, "--sites", str(path))
    assert run.exit_code == 0, run.stderr
    rows = run.json()["sites"] if fmt == "json" else list(csv.DictReader(io.StringIO(run.stdout)))
    shown = {int(row["id"]): row["province"] for row in rows}
    registry = {int(row["id"]): row["province_registry"] for row in rows}
    assert shown == cells == kept_provinces(SITES)
    assert shown[4] == "Busan-gwangyeoksi" and registry[4] == (None if fmt == "json" else "")
    assert registry == {site.id: site.province or (None if fmt == "json" else "") for site in SITES}


def test_list_is_sorted_by_the_shown_province_then_city(cli, sites_file, store: str) -> None:
    """A site without a registry state came first, and rows of one shown province were split."""
    path = sites_file(*SITES, foreign(7, "Seoul", "", "South Korea", 37.566, 126.9784),
                      foreign(8, "Andong", "Gyeongsangbuk-do", "South Korea", 36.5684, 128.7294),
                      foreign(9, "Singapore", "", "Singapore", 1.28967, 103.85007),  # in no province at all
                      # Seoul as another registry writes it, on both sides of the city "Seoul"
                      foreign(10, "Apgujeong", "SEOUL", "South Korea", 37.566, 126.9784),
                      foreign(11, "Yongsan", "SEOUL", "South Korea", 37.566, 126.9784))
    run = cli("list", "--all", "--json", "--sites", str(path))
    assert run.exit_code == 0, run.stderr
    order = [(site["province"] is None, (site["province"] or "").casefold(), site["province"] or "",
              site["city"].casefold(), site["id"]) for site in run.json()["sites"]]
    assert order == sorted(order)
    provinces = [province for _, province, _, _, _ in order]
    assert provinces.count("seoul") == 5 and provinces[-1] == "" and "" not in provinces[:-1]  # none: last
    written = [site["province"] for site in run.json()["sites"]]
    runs = [name for at, name in enumerate(written) if at == 0 or written[at - 1] != name]
    assert len(runs) == len(set(runs)), written  # each province as shown in one block, never split


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


@pytest.mark.parametrize("lang, names", [("zh", ("台湾", "香港", "广东")), ("zh-tw", ("臺灣", "香港", "廣東"))])
def test_a_chinese_table_names_taiwan_and_hong_kong_in_chinese(cli, sites_file, store: str, lang: str,
                                                               names: tuple[str, str, str]) -> None:
    """The 省份 column said "Taiwan" and "Hong Kong" in English: a region without a province of its own."""
    path = sites_file(foreign(1, "Taipei", "", "Taiwan", 25.0478, 121.5319),
                      foreign(2, "Hong Kong", "", "Hong Kong", 22.2783, 114.1747),
                      foreign(3, "Guangzhou", "", "China", 23.11667, 113.25))
    run = cli("list", "--all", "--sites", str(path), "--lang", lang)
    assert run.exit_code == 0, run.stderr
    rows = {int(line.split()[0]): line for line in run.stdout.splitlines() if line.split()[:1] and line.split()[0].isdigit()}
    assert names[0] in rows[1] and names[1] in rows[2] and names[2] in rows[3]
    assert "Taiwan" not in run.stdout and "Hong Kong" not in rows[2].split("Hong Kong", 1)[1]


JAPAN = [foreign(11, "Chuo-ku", "Tokyo", "Japan", 35.6706, 139.7720), foreign(12, "Kobe", "Hyogo", "Japan", 34.6913, 135.1830),
         foreign(13, "Kyoto", "Kyoto", "Japan", 35.0211, 135.7538), foreign(14, "Toronto", "Ontario", "Canada", 43.7001, -79.4163),
         foreign(15, "Wakayama", "Wakayama", "Japan", 34.2333, 135.1667)]


@pytest.mark.parametrize("typed, wanted", [("东京", {11}), ("东京都", {11}), ("兵库", {12}), ("兵庫", {12}), ("京都", {13}),
                                           ("京都府", {13}), ("安大略", {14}), ("和歌山", {15})])
def test_a_region_abroad_is_filtered_by_its_chinese_name_without_its_ending(cli, sites_file, store: str, typed: str,
                                                                            wanted: set[int]) -> None:
    """--province 东京 suggested 北京: a Chinese name of a state or prefecture abroad is written without
    its ending (都, 县, 府, 省, 州) as often as with it."""
    assert listed_ids(cli("list", "--province", typed, "--sites", str(sites_file(*JAPAN)), "--json")) == wanted


def test_a_city_of_a_prefectures_name_stays_the_city_for_near(cli, sites_file) -> None:
    run = cli("near", "和歌山", "--sites", str(sites_file(*JAPAN)), "--json", "--limit", "1")
    assert run.exit_code == 0 and run.json()["origin"]["source"] != "province", run.stdout
