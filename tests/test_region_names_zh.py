"""First-level divisions abroad in Chinese: a Chinese screen names a state, province, prefecture or
Land by its Chinese name wherever a source gives one (华盛顿州, 不列颠哥伦比亚, 东京都, 巴伐利亚), never
its English ("如指Washington的那个…" was the defect), in the namesake notice, the sites table and
JSON's `province_zh`; Traditional under zh_TW by the conversion every Chinese text gets.

Generated over every division of the gazetteer that has a Chinese name, each through the core's
plain calls, and a spread of them through the CLI; a sample checked against the sources the build
read (gazetteer/geonames_admin1_zh.csv; iso-codes' zh_CN catalogue where pycountry is installed)."""

from __future__ import annotations

import csv
import random

import pytest

from conftest import ROOT, make_site, run_cli
from sitefinder.models import Place, Resolution
from sitefinder.output.simplified import simplified
from sitefinder.output.views import place_notices
from sitefinder.queries import chinese_names, open_gazetteer, place_region_zh
from sitefinder.sitesfile import write_sites_file
from sitefinder.text import has_cjk

GAZETTEER = open_gazetteer()
CHINA_AREA = ("CN", "HK", "MO", "TW")


def _divisions() -> list[tuple[str, str, str, Place]]:
    """(country code, admin1, its Chinese name, its most populous place) of every division abroad
    that a place of the gazetteer lies in and that has a Chinese name."""
    named = dict(((country, admin1), zh) for country, admin1, zh in GAZETTEER.rows("SELECT country, admin1, zh FROM region_zh"))
    rows = GAZETTEER.rows("SELECT p.id, p.country, p.admin1 FROM place p JOIN region_zh r ON r.country = p.country "
                          "AND r.admin1 = p.admin1 ORDER BY p.country, p.admin1, p.population DESC, p.id")
    largest: dict[tuple[str, str], int] = {}
    for geonameid, country, admin1 in rows:
        largest.setdefault((country, admin1), geonameid)
    found = []
    for (country, admin1), geonameid in sorted(largest.items()):
        place = GAZETTEER.place_by_id(geonameid)
        assert place is not None
        found.append((country, admin1, named[(country, admin1)], place))
    return found


DIVISIONS = _divisions()


def test_most_divisions_abroad_have_a_chinese_name() -> None:
    """Every first-level division of the countries the brief names, and most of the world's."""
    abroad = {(country, admin1) for country, admin1 in GAZETTEER.rows(
        "SELECT DISTINCT country, admin1 FROM place WHERE admin1 != '' AND country NOT IN ('CN', 'HK', 'MO', 'TW')")}
    named = {(country, admin1) for country, admin1, *_ in DIVISIONS}
    assert len(named) >= 0.6 * len(abroad), (len(named), len(abroad))
    for country in ("US", "CA", "AU", "JP", "DE", "AT", "MX", "IN"):
        theirs = {division for division in abroad if division[0] == country}
        assert len(theirs & named) >= 0.85 * len(theirs), (country, sorted(theirs - named))
    assert all(has_cjk(zh) and simplified(zh) == zh for *_, zh, _ in DIVISIONS)


@pytest.mark.parametrize(("country", "admin1", "zh", "place"), DIVISIONS,
                         ids=[f"{country}-{admin1}" for country, admin1, *_ in DIVISIONS])
def test_a_namesake_notice_names_the_division_in_chinese(country: str, admin1: str, zh: str, place: Place) -> None:
    """The notice of a namesake in that division, as every command that reads a place says it."""
    assert place_region_zh(place, GAZETTEER) == zh
    leader = Place(name=place.name, province="Guangdong", country="China", latitude=23.1, longitude=113.3,
                   population=max(place.population, 1), geonameid=1809858)
    resolution = Resolution(query="某地", place=leader, alternatives=(place,), ambiguous=True)
    chinese = chinese_names([], resolution)
    assert chinese.regions[(admin1, place.country)] == zh
    notice = "".join(place_notices(resolution, chinese, "zh"))
    asked = notice.split("请输入“")[1].split("”")[0]
    assert f"{zh}的那个" in notice and asked.endswith(f", {zh}"), notice  # its country before it (东帝汶阿伊纳罗区)
    assert admin1 not in notice.replace(place.name, ""), notice


def test_a_resolved_place_abroad_has_its_province_in_chinese_in_json() -> None:
    """`province_zh` of the origin, through the CLI, over a spread of the divisions (every 15th)."""
    for country, admin1, zh, place in DIVISIONS[::15]:
        run = run_cli("near", f"{place.latitude},{place.longitude}", "--json")
        assert run.exit_code == 0
        # typed as the place and its division: the JSON names the division in Chinese as data
        typed = run_cli("near", f"{place.name}, {admin1}", "--json")
        if typed.exit_code != 0:
            continue
        origin = typed.json()["origin"]
        if (origin["province"], origin["country"]) == (admin1, place.country):
            assert origin["province_zh"] == zh, (place, origin)


def test_the_sites_table_names_states_abroad_in_chinese(tmp_path) -> None:
    """A Chinese table's province column: the state's Chinese name, Traditional under zh_TW."""
    chosen = random.Random(7).sample(DIVISIONS, 12)
    sites = [make_site(number + 1, facility=f"Hospital {number}", city=place.name, province=admin1,
                       latitude=place.latitude, longitude=place.longitude)._replace(
                           country=place.country, geonameid=place.geonameid, coordinate_precision="city")
             for number, (_, admin1, _, place) in enumerate(chosen)]
    path = tmp_path / "sites.csv"
    write_sites_file(path, sites)
    run = run_cli("list", "--all", "--sites", str(path), "--lang", "zh", env={"COLUMNS": "200"})
    assert run.exit_code == 0, run.stderr
    for _, admin1, zh, _ in chosen:
        assert zh in run.stdout, (zh, run.stdout)
    document = run_cli("list", "--all", "--sites", str(path), "--json").json()
    assert sorted(site["province_zh"] for site in document["sites"]) == sorted(zh for _, _, zh, _ in chosen)
    traditional = run_cli("list", "--all", "--sites", str(path), "--lang", "zh-TW", env={"COLUMNS": "200"})
    from sitefinder.output.traditional import convert

    assert all(convert(zh, "tw") in traditional.stdout for _, _, zh, _ in chosen)


def test_the_vancouver_notice_asks_in_chinese_and_the_ask_works() -> None:
    """LANG=zh_CN `near 温哥华`: the other Vancouver's state in Chinese, asked for in Chinese, and the
    ask answers that one."""
    run = run_cli("near", "温哥华", env={"LANG": "zh_CN.UTF-8"})
    washington = place_region_zh(Place("Vancouver", "Washington", "United States", 0, 0), GAZETTEER)
    assert washington and f"如指美国{washington}的那个" in run.stderr and "Washington" not in run.stderr, run.stderr
    ask = run.stderr.split("请输入“")[1].split("”")[0]
    origin = run_cli("near", ask, "--json").json()["origin"]
    assert (origin["province"], origin["province_zh"]) == ("Washington", washington)


def _geonames_rows() -> list[dict]:
    with open(ROOT / "gazetteer" / "geonames_admin1_zh.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_a_sample_agrees_with_the_sources() -> None:
    """A sample of the divisions GeoNames names in Chinese, found here by GeoNames' English name: its
    name as the mainland writes it (鳥取縣 → 鸟取县 aside, Japan's prefectures take iso-codes' names),
    or iso-codes' standard zh_CN name for that division, which the build ranks first."""
    rows = _geonames_rows()
    assert len(rows) >= 600
    shown = {(country, admin1): zh for country, admin1, zh, _ in DIVISIONS}
    try:
        import gettext

        import pycountry

        iso = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["zh_CN"])
        standard = {subdivision.country_code: set() for subdivision in pycountry.subdivisions}
        for subdivision in pycountry.subdivisions:
            standard[subdivision.country_code].add(iso.gettext(subdivision.name))
    except ImportError:  # the build-data extra is not installed: GeoNames' side alone
        standard = None
    matched = [row for row in rows if (row["country"], row["english"]) in shown]
    assert len(matched) >= 300
    agreed = 0
    for row in random.Random(3).sample(matched, 80):
        zh = shown[(row["country"], row["english"])]
        if zh == simplified(row["zh"]):
            agreed += 1
        elif standard is not None:
            assert zh in standard.get(row["country"], set()), (row, zh)
    assert agreed >= 20
