"""China as patients write it (issue #20, the tester's round on NCT07010263): each report a case of
a class, and each class generated from the tables (the gazetteer's `cn_division`/`cn_key`, the
national code table in gazetteer/china_divisions.csv, GeoNames' places), through the CLI and
through plain calls to resolver.resolve.

1. A shared pinyin answers the higher level first (南京市, not 南靖县), people next, a site only
   between equals; no "did you mean" for a division found by its own pinyin.
2. A slip that ends an address chain (浙江杭洲) is asked back with the chain as it should be
   written, never answered with the province's sites; one the rest of the chain confirms
   (广东省广洲市天河区: 天河区 is in 广州市) is read so, said in a notice.
3. China's own name before or after an address, Latin and Chinese parts mixed, and the unread parts
   said in the order typed.
4. A town named in English as a bigger place of another Chinese name is told apart (深镇).
5. Two cities in one query, or a country first, are said so truly.
"""

from __future__ import annotations

import re
import sys
from functools import cache

import pytest

from conftest import ROOT
from sitefinder.china import MUNICIPALITIES, SAME_SEAT_KM, short_name
from sitefinder.distance import sphere_km
from sitefinder.errors import PlaceNotFound, RegionNotPlace
from sitefinder.models import CONTENDER_SHARE
from sitefinder.queries import open_gazetteer, open_sites
from sitefinder.resolver import resolve
from sitefinder.text import fold

sys.path.insert(0, str(ROOT / "benchmarks"))
import china as benchmark  # noqa: E402

DIVISIONS = benchmark.divisions()
BY_CODE = {row["code"]: row for row in DIVISIONS}
PROVINCES = [row for row in DIVISIONS if row["level"] == "province" and row["code"][:2] not in MUNICIPALITIES]


@cache
def hosting() -> frozenset[int]:
    """The GeoNames places of the shipped trial's site cities, as `near` prefers them."""
    return frozenset(site.geonameid for site in open_sites(None).sites() if site.geonameid)


def shared_pinyin() -> list[str]:
    """Every pinyin key that is the own Latin name of a prefecture-level division and of a
    county-level one (nanjing: 南京市 and 南靖县), and of no province (hainan is the province's)."""
    rows = open_gazetteer().rows(
        "SELECT k.key, group_concat(DISTINCT d.level) FROM cn_key k JOIN cn_division d ON d.code = k.code "
        "WHERE k.form = 'latin' GROUP BY k.key")
    return sorted(key for key, levels in rows if {"prefecture", "county"} <= set(levels.split(","))
                  and "province" not in levels.split(","))


SHARED_PINYIN = shared_pinyin()


def of_key(key: str, level: str) -> list[tuple]:
    return open_gazetteer().rows(
        "SELECT d.code, d.name, d.english, d.latitude, d.longitude, d.place, d.population FROM cn_key k "
        "JOIN cn_division d ON d.code = k.code WHERE k.key = ? AND k.form = 'latin' AND d.level = ?", (key, level))


def test_the_class_is_the_table_s() -> None:
    assert {"nanjing", "suining", "bozhou", "xian", "chaoyang"} <= set(SHARED_PINYIN)
    assert len(SHARED_PINYIN) >= 80


@pytest.mark.parametrize("key", SHARED_PINYIN)
def test_a_shared_pinyin_is_the_prefecture_with_a_notice_naming_the_county(key: str) -> None:
    gazetteer = open_gazetteer()
    resolution = resolve(key, gazetteer, preferred=hosting())
    prefectures = of_key(key, "prefecture")
    top = max(people for *_, people in prefectures)
    place = resolution.place
    assert any(sphere_km(place.latitude, place.longitude, latitude, longitude) <= 50 and people == top
               for _, _, _, latitude, longitude, _, people in prefectures), (key, place)
    said = " ".join(resolution.notes)
    shown = {(round(other.latitude, 2), round(other.longitude, 2)) for other in resolution.alternatives}
    for code, name, english, latitude, longitude, seat, _ in of_key(key, "county"):
        if sphere_km(place.latitude, place.longitude, latitude, longitude) <= SAME_SEAT_KM or seat == place.geonameid:
            continue  # the same place (长沙县 at Changsha): no namesake of it
        if any(name[:-1] == short_name(city) and city.endswith("市") and code[:4] == city_code[:4]
               for city_code, city, *_ in prefectures):
            continue  # the city's own county of its name (乌鲁木齐县, 43 km off): the city, as 长沙县 is
        assert name in said or resolution.ambiguous and (round(latitude, 2), round(longitude, 2)) in shown, (key, name)


@pytest.mark.parametrize("key", SHARED_PINYIN[::3])
def test_near_a_shared_pinyin_answers_the_prefecture_through_the_cli(cli, key: str) -> None:
    run = cli("near", key, "--json", "--lang", "en")
    assert run.exit_code == 0, run.stderr
    origin = run.json()["origin"]
    prefectures = of_key(key, "prefecture")
    top = max(people for *_, people in prefectures)
    assert any(sphere_km(origin["latitude"], origin["longitude"], latitude, longitude) <= 50 and people == top
               for _, _, _, latitude, longitude, _, people in prefectures), (key, origin)
    assert "did you mean" not in run.stderr


@pytest.mark.parametrize(("query", "city", "namesake"), [
    ("Nanjing", "南京", "南靖县"), ("Suining", "遂宁", "睢宁县"), ("Bozhou", "亳州", "播州区"), ("Wuchang", "武昌区", "五常市")])
def test_the_reported_pinyin(cli, query: str, city: str, namesake: str) -> None:
    run = cli("near", query, "--lang", "en")
    assert run.exit_code == 0 and namesake in run.stderr, run.stderr
    assert "did you mean" not in run.stderr  # Wuchang was "did you mean Xuchang, Henan?"
    assert resolve(query, open_gazetteer(), preferred=hosting()).name_zh == city


def county_pinyin_pairs() -> list[tuple[str, list[tuple]]]:
    """Pinyin keys shared by county-level divisions only, told apart by the people of each (a
    district without any by its city's): the namesakes of the level, as _rank compares them."""
    rows = open_gazetteer().rows(
        "SELECT k.key, d.code, d.name, d.latitude, d.longitude, d.population, COALESCE(c.population, 0), d.place, "
        "COALESCE(c.place, 0) FROM cn_key k JOIN cn_division d ON d.code = k.code LEFT JOIN cn_division c "
        "ON c.code = d.parent AND c.level = 'prefecture' WHERE k.form = 'latin' AND d.level = 'county' AND "
        "substr(d.code, 1, 2) NOT IN ('TW', 'HK', 'MO') AND k.key NOT IN (SELECT key FROM cn_key WHERE form != 'latin' "
        "OR code IN (SELECT code FROM cn_division WHERE level != 'county' OR substr(code, 1, 2) IN ('TW', 'HK', 'MO')))")
    by_key: dict[str, list[tuple]] = {}
    for key, *row in rows:
        by_key.setdefault(key, []).append(row)
    return sorted((key, found) for key, found in by_key.items() if len(found) > 1)


def people(row: tuple, by_city: bool = False) -> int:
    _, name, _, _, own, city, _, _ = row
    return (city or own) if by_city or name.endswith("区") and not own else own


def expected(rows: list[tuple], hosting: frozenset[int]) -> tuple:
    """The rule: the most populous, like with like (by their cities' people when any has none of its
    own); a namesake hosting a site before it only when it is a real contender of it by every measure
    (CONTENDER_SHARE of its people or more, by the cities' and by its own)."""
    by_city = any(not row[4] for row in rows)
    first = max(rows, key=lambda row: people(row, by_city))
    hosts = [row for row in rows if row[6] in hosting or row[7] in hosting]
    if first in hosts:
        return first
    return next((row for row in sorted(hosts, key=lambda row: people(row, by_city), reverse=True)
                 if all(people(row, measure) >= CONTENDER_SHARE * people(first, measure)
                        for measure in {by_city, False})), first)


def _measured(rows: list[tuple]) -> list[int]:
    by_city = any(not row[4] for row in rows)
    return sorted(people(row, by_city) for row in rows)


COUNTY_PAIRS = [(key, rows) for key, rows in county_pinyin_pairs()
                if _measured(rows)[-1] > _measured(rows)[-2]]  # the people decide


@pytest.mark.parametrize(("key", "rows"), COUNTY_PAIRS[::4], ids=[key for key, _ in COUNTY_PAIRS[::4]])
def test_county_namesakes_rank_by_people_before_a_site(key: str, rows: list[tuple]) -> None:
    """People before hosting a site: Wuchang is 武昌区 (Wuhan's people) though Harbin hosts one."""
    first = expected(rows, hosting())
    place = resolve(key, open_gazetteer(), preferred=hosting()).place
    # within 25 km of the seat, or the namesakes' seats are that close (the answer is then right for both)
    assert sphere_km(place.latitude, place.longitude, first[2], first[3]) <= SAME_SEAT_KM, (key, first[1])


def test_a_site_decides_only_between_real_contenders() -> None:
    """Taizhou for this trial is 台州 (a site; 1.5 million) before 泰州 (1.6 million)."""
    assert resolve("Taizhou", open_gazetteer(), preferred=hosting()).name_zh == "台州"
    assert resolve("Taizhou", open_gazetteer()).name_zh == "泰州"


def test_the_county_class_is_not_empty() -> None:
    assert len(COUNTY_PAIRS) > 40


# 1b. No "did you mean" for a division found by its own pinyin that is one letter from a big city's.
def one_letter_from_a_city() -> list[str]:
    from rapidfuzz.distance import Levenshtein

    gazetteer = open_gazetteer()
    cities, _ = gazetteer.city_pinyin_keys()
    own = [key for (key,) in gazetteer.rows(
        "SELECT DISTINCT k.key FROM cn_key k JOIN cn_division d ON d.code = k.code WHERE k.form = 'latin' "
        "AND d.level = 'county' AND length(k.key) >= 5 AND substr(d.code, 1, 2) NOT IN ('TW', 'HK', 'MO')")]
    return sorted(key for key in own if any(Levenshtein.distance(key, city) == 1 for city in cities))


NEAR_CITY = one_letter_from_a_city()


@pytest.mark.parametrize("key", NEAR_CITY[::5])
def test_a_division_by_its_own_pinyin_is_no_slip_for_another_city(key: str) -> None:
    try:
        resolution = resolve(key, open_gazetteer(), preferred=hosting(), lang="en")
    except RegionNotPlace:
        return  # a province's pinyin (xinjiang): its sites
    if resolution.name_zh:  # answered as a division (not a place abroad of its own name: Saga)
        assert not any("did you mean" in note for note in resolution.notes), (key, resolution.notes)


# 2. A slip inside an address chain.
@cache
def readings() -> dict[str, set[str]]:
    return {char: set(spoken.split()) for char, spoken in open_gazetteer().rows("SELECT char, readings FROM pinyin")}


def homophone_slip(name: str) -> str:
    """`name` with its last character replaced by another of the same reading that makes it no
    division's name (杭州 → 杭洲 or the like), or "" when there is none."""
    gazetteer = open_gazetteer()
    spoken = readings().get(name[-1], set())
    for char in sorted(char for char, reads in readings().items() if reads & spoken and char != name[-1]):
        slipped = name[:-1] + char
        if not gazetteer.rows("SELECT 1 FROM cn_key WHERE key = ? LIMIT 1", (slipped,)) \
                and not gazetteer.simplified_forms(slipped) and "\u4e00" <= char <= "\u9fff":
            return slipped
    return ""


def slip_cases(confirmed: bool = False) -> list[tuple[str, str]]:
    """(the address with a homophone slip in its prefecture, the address as it should be written),
    for one prefecture-level city of each province and one of its counties: in full and without
    省/市; with the county after when `confirmed` (the county confirms the city: answered, said so)."""
    cases = []
    for province in PROVINCES:
        cities = [row for row in DIVISIONS if row["level"] == "prefecture" and row["code"][:2] == province["code"][:2]
                  and row["name"].endswith("市")]
        for city in cities[:1]:
            bare = short_name(city["name"])
            slipped = homophone_slip(bare)
            county = next((row for row in DIVISIONS if row["level"] == "county" and row["code"][:4] == city["code"][:4]
                           and not row["name"].startswith(bare)), None)
            if not slipped or county is None:
                continue
            short = short_name(province["name"])
            if confirmed:
                cases.append((province["name"] + slipped + "市" + county["name"],
                              province["name"] + city["name"] + county["name"]))
            else:
                cases += [(province["name"] + slipped + "市", province["name"] + city["name"]), (short + slipped, short + bare)]
    return cases


SLIPS = slip_cases()
CONFIRMED_SLIPS = slip_cases(confirmed=True)


def test_the_slip_class_covers_the_provinces() -> None:
    assert len(SLIPS) >= 40 and len(CONFIRMED_SLIPS) >= 20


@pytest.mark.parametrize(("typed", "meant"), CONFIRMED_SLIPS, ids=[typed for typed, _ in CONFIRMED_SLIPS])
def test_a_slip_the_rest_of_the_chain_confirms_is_read_so_and_said(typed: str, meant: str) -> None:
    """广东省广洲市天河区: 天河区 is in 广州市, so the city is 广州市, said in the notice; not asked back."""
    gazetteer = open_gazetteer()
    found, written = resolve(typed, gazetteer), resolve(meant, gazetteer)
    assert found.place == written.place
    assert found.notes and meant in found.notes[0] and "按" in found.notes[0], found.notes  # said in the script typed


@pytest.mark.parametrize(("typed", "meant"), SLIPS, ids=[typed for typed, _ in SLIPS])
def test_a_slip_in_a_chain_is_asked_back_as_it_should_be_written(typed: str, meant: str) -> None:
    with pytest.raises(PlaceNotFound) as caught:
        resolve(typed, open_gazetteer())
    assert not isinstance(caught.value, RegionNotPlace)  # never the province's sites
    assert any(suggestion.split(" (")[0] == meant for suggestion in caught.value.suggestions), caught.value.suggestions


@pytest.mark.parametrize(("typed", "meant"), [
    ("浙江省杭洲市", "浙江省杭州市"), ("浙江杭洲", "浙江杭州"), ("湖南常沙", "湖南长沙"),
    ("山东济男", "山东济南")])
def test_the_reported_slips_through_the_cli(cli, typed: str, meant: str) -> None:
    run = cli("near", typed)
    assert run.exit_code == 1 and meant in run.stderr and "省级行政区" not in run.stderr, run.stderr


@pytest.mark.parametrize("province", PROVINCES[::3], ids=lambda row: row["code"])
def test_a_province_with_an_unread_rest_says_what_was_not_read(cli, province: dict) -> None:
    typed = province["name"] + "人民路八号"
    with pytest.raises(RegionNotPlace) as caught:
        resolve(typed, open_gazetteer())
    assert any("人民路八号" in note for note in caught.value.notes)
    assert caught.value.query == province["name"]  # the province is named as read, the rest in the notice
    run = cli("near", typed)
    assert "人民路八号" in run.stderr, run.stderr


# 3. China's own name, mixed scripts, and the unread parts in the order typed.
SAMPLE = [row for row in DIVISIONS if row["level"] == "county"][::97]


@pytest.mark.parametrize("country", ["中国", "中华人民共和国", "中国 ", "中国，", "中華人民共和國"])
@pytest.mark.parametrize("row", SAMPLE, ids=lambda row: row["code"])
def test_china_written_before_an_address(country: str, row: dict) -> None:
    chain = benchmark.forms(row, BY_CODE, open_gazetteer())["chain"]
    resolution = resolve(country + chain, open_gazetteer())
    place = resolution.place
    assert sphere_km(place.latitude, place.longitude, float(row["latitude"]), float(row["longitude"])) <= 25
    assert not any("中国" in note or "中華" in note for note in resolution.notes), resolution.notes


@pytest.mark.parametrize("row", SAMPLE, ids=lambda row: row["code"])
def test_an_address_in_english_order_ending_with_china(row: dict) -> None:
    prefecture = BY_CODE.get(row["code"][:4] + "00") or BY_CODE[row["code"][:2] + "0100"]
    province = BY_CODE[row["code"][:2] + "0000"]
    parts = [row["name"], prefecture["name"], *([province["name"]] if province["name"] != prefecture["name"] else []), "中国"]
    resolution = resolve(" ".join(parts), open_gazetteer())
    place = resolution.place
    assert sphere_km(place.latitude, place.longitude, float(row["latitude"]), float(row["longitude"])) <= 25
    assert not resolution.notes or not any("未使用" in note or "ignored" in note for note in resolution.notes)


@pytest.mark.parametrize("typed", ["中国广东省广州市", "中国浙江杭州", "中国北京市朝阳区", "中华人民共和国广东省广州市",
                                   "中国 广东省 广州市 天河区"])
def test_the_reported_leading_countries_through_the_cli(cli, typed: str) -> None:
    run = cli("near", typed)
    assert run.exit_code == 0 and "未使用" not in run.stderr, run.stderr


@pytest.mark.parametrize("row", SAMPLE, ids=lambda row: row["code"])
def test_latin_and_chinese_parts_mixed(row: dict) -> None:
    gazetteer = open_gazetteer()
    prefecture = BY_CODE.get(row["code"][:4] + "00")
    if prefecture is None:
        pytest.skip("a municipality's district: its city is its province")
    city = benchmark.forms(prefecture, BY_CODE, gazetteer)["pinyin"]
    county = benchmark.forms(row, BY_CODE, gazetteer)["pinyin"]
    for typed in (f"{city} {row['name']}", f"{prefecture['name']} {county}", f"{row['name']} {city}"):
        place = resolve(typed, gazetteer).place
        assert sphere_km(place.latitude, place.longitude, float(row["latitude"]), float(row["longitude"])) <= 25, typed


@pytest.mark.parametrize("typed", ["Guangzhou 天河", "广州 Tianhe"])
def test_the_reported_mixed_scripts_through_the_cli(cli, typed: str) -> None:
    run = cli("near", typed, "--json")
    assert run.exit_code == 0, run.stderr
    assert sphere_km(run.json()["origin"]["latitude"], run.json()["origin"]["longitude"], 23.1248, 113.3616) < 5


@pytest.mark.parametrize("row", [row for row in DIVISIONS if row["level"] == "prefecture"][::29], ids=lambda row: row["code"])
def test_unread_parts_are_said_in_the_order_typed(row: dict) -> None:
    province = BY_CODE[row["code"][:2] + "0000"]
    typed = f"人民路, 八号楼, {row['name']}, {province['name']}"
    resolution = resolve(typed, open_gazetteer())
    assert any(note.endswith("：人民路, 八号楼") for note in resolution.notes), resolution.notes  # as typed


# 4. A town named in English as a bigger place of another Chinese name.
def towns_named_as_bigger() -> list[tuple[int, str, str]]:
    rows = open_gazetteer().rows(
        "SELECT a.id, a.zh, b.zh FROM place a JOIN place b ON a.name = b.name AND a.admin1 = b.admin1 "
        "AND a.country = b.country AND a.id != b.id WHERE a.country = 'CN' AND b.population > a.population "
        "AND b.population >= 100000 AND a.zh != '' AND b.zh != '' AND a.zh != b.zh")
    return sorted(set(rows))


TOWNS = towns_named_as_bigger()


@pytest.mark.parametrize(("town", "chinese", "bigger"), TOWNS, ids=[chinese for _, chinese, _ in TOWNS])
def test_a_town_is_not_headed_as_the_bigger_place_of_its_english_name(cli, town: int, chinese: str, bigger: str) -> None:
    resolution = resolve(chinese, open_gazetteer())
    if resolution.place.geonameid != town or resolution.name_zh:
        pytest.skip("answered as a division or another place of that name")
    run = cli("near", chinese, "--lang", "en")
    title = next(line for line in run.stdout.splitlines() if line.startswith("Sites nearest to"))
    assert chinese in title, title


def test_the_reported_homophone_town_offers_the_city(cli) -> None:
    run = cli("near", "深镇", "--lang", "en")
    assert run.exit_code == 0 and "did you mean 深圳" in run.stderr, run.stderr
    assert "Shenzhen (深镇)" in run.stdout


# 5. Two cities, or a country first.
BIG = ["Beijing", "Shanghai", "Guangzhou", "Chengdu", "Wuhan", "Xi'an", "Hangzhou", "Nanjing", "Shenyang", "Harbin"]


@pytest.mark.parametrize("pair", [(a, b) for a in BIG[:5] for b in BIG[5:]], ids=lambda pair: ", ".join(pair))
def test_two_cities_are_said_to_be_two(pair: tuple[str, str]) -> None:
    with pytest.raises(PlaceNotFound) as caught:
        resolve(", ".join(pair), open_gazetteer())
    assert len(caught.value.suggestions) == 2
    assert all(fold(name) in fold(" ".join(caught.value.suggestions)) for name in pair)
    assert "not in the offline gazetteer" not in str(caught.value)


BIG_ZH = ["北京", "上海", "广州", "成都", "武汉", "西安", "杭州", "南京"]


@pytest.mark.parametrize("pair", [(a, b) for a in BIG_ZH[:4] for b in BIG_ZH[4:]], ids=lambda pair: "，".join(pair))
def test_two_cities_in_chinese_are_said_to_be_two(pair: tuple[str, str]) -> None:
    with pytest.raises(PlaceNotFound) as caught:
        resolve("，".join(pair), open_gazetteer())
    assert len(caught.value.suggestions) == 2 and not isinstance(caught.value, RegionNotPlace)


def test_two_cities_through_the_cli(cli) -> None:
    run = cli("near", "Beijing, Shanghai", "--lang", "en")
    assert run.exit_code == 2 and "two places" in run.stderr and "not in the offline gazetteer" not in run.stderr


@pytest.mark.parametrize("city", BIG)
def test_a_country_written_first(cli, city: str) -> None:
    gazetteer = open_gazetteer()
    assert resolve(f"China, {city}", gazetteer).place == resolve(f"{city}, China", gazetteer).place
    run = cli("near", f"China, {city}", "--lang", "en")
    assert run.exit_code == 0 and "China is not" not in run.stderr, run.stderr



def _pinyin_also_a_region_abroad() -> list[str]:
    """Own pinyin or English names of China's divisions that are also a region's name abroad
    (Altay: the Altai Republic; bomi: Bomi County, Liberia; lishi; donga; kashi), from the tables."""
    from sitefinder.china import CHINA_AREA
    from sitefinder.queries import open_gazetteer

    gazetteer = open_gazetteer()
    keys = [key for (key,) in gazetteer.rows("SELECT DISTINCT key FROM cn_key WHERE form = 'latin'", [])]
    return sorted(key for key in keys if key.isalpha()
                  and any(code not in CHINA_AREA for code, _ in gazetteer.regions(key)))


def test_the_table_has_pinyin_that_is_also_a_region_abroad() -> None:
    assert {"altay", "bomi", "lishi"} <= set(_pinyin_also_a_region_abroad())


@pytest.mark.parametrize("key", _pinyin_also_a_region_abroad())
def test_a_divisions_pinyin_that_is_also_a_region_abroad_is_chinas_first(key: str) -> None:
    """After a region abroad was read before China's divisions (for California, Victoria), `near
    Altay` was the Altai Republic and `near bomi` Liberia's Bomi County: "a province, no site there"."""
    from sitefinder.china import CHINA_AREA
    from sitefinder.queries import open_gazetteer
    from sitefinder.resolver import resolve

    gazetteer = open_gazetteer()
    try:
        resolution = resolve(key, gazetteer)
    except RegionNotPlace as region:
        assert all(code in CHINA_AREA for code, _ in region.regions), (key, region.regions)
        return
    if gazetteer.country_codes(resolution.place.country) & set(CHINA_AREA):
        return
    # abroad (Bāli, India; Saga, Japan: the more populous) only with a notice naming China's division
    assert any(re.search("[\u4e00-\u9fff]", str(note)) for note in resolution.notes), (key, resolution)
