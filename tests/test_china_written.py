"""China as its patients write it (issue 20): Traditional characters for mainland places, the
country's official names, the tool's own Chinese status words, full-width digits."""

from __future__ import annotations

import csv
import sys

import pytest

from conftest import ROOT, listing_exit
from sitefinder.china import bare_forms, short_name
from sitefinder.distance import sphere_km
from sitefinder.errors import RegionNotPlace
from sitefinder.queries import open_gazetteer
from sitefinder.resolver import resolve
from sitefinder.wording import STATUS_WORDS_ZH, say

sys.path.insert(0, str(ROOT / "benchmarks"))
import china as benchmark  # noqa: E402

DIVISIONS = benchmark.divisions()
BY_CODE = {row["code"]: row for row in DIVISIONS}
NAMES = [row["name"] for row in DIVISIONS]
# A Traditional name that is also Taiwan's or Hong Kong's own (和平區, 中山區) is theirs: see below.
with open(ROOT / "gazetteer" / "china_local.csv", encoding="utf-8") as _handle:
    LOCAL = list(csv.DictReader(_handle))
with open(ROOT / "gazetteer" / "taiwan_townships.csv", encoding="utf-8") as _handle:
    LOCAL += list(csv.DictReader(_handle))
LOCAL_NAMES = {form for row in LOCAL for name in (row["name"], *row["other_names"].split("|")) if name
               for form in (name, *bare_forms(name, "county"))}


def _unique_traditional(level: str) -> list[dict]:
    """The mainland divisions of a level whose Traditional name changes, is no other division's
    name in either script, and is none of Hong Kong's, Macau's or Taiwan's."""
    written = [benchmark.traditional(name) for name in NAMES]
    return [row for row in DIVISIONS if row["level"] == level and benchmark.traditional(row["name"]) != row["name"]
            and NAMES.count(row["name"]) == 1 and written.count(benchmark.traditional(row["name"])) == 1
            and benchmark.traditional(row["name"]) not in LOCAL_NAMES]


COUNTIES = _unique_traditional("county")
PREFECTURES = _unique_traditional("prefecture")


def km_to(query: str, row: dict) -> float:
    place = resolve(query, open_gazetteer()).place
    return sphere_km(place.latitude, place.longitude, float(row["latitude"]), float(row["longitude"]))


def test_the_traditional_forms_cover_the_table() -> None:
    assert len(COUNTIES) > 2000 and len(PREFECTURES) > 150  # most names change: 区 → 區, 县 → 縣


@pytest.mark.parametrize("row", COUNTIES[::11], ids=lambda row: row["code"])
def test_a_county_in_traditional_characters_lands_at_its_seat(row: dict) -> None:
    forms = benchmark.forms(row, BY_CODE, open_gazetteer())
    for query in (forms["traditional"], forms["traditional chain"]):
        if query:
            assert km_to(query, row) <= 25, query


@pytest.mark.parametrize("row", PREFECTURES, ids=lambda row: row["code"])
def test_every_prefecture_in_traditional_characters_is_itself(row: dict) -> None:
    forms = benchmark.forms(row, BY_CODE, open_gazetteer())
    for query in (forms["traditional"], forms["traditional chain"]):
        if query:
            assert km_to(query, row) <= 50, query


@pytest.mark.parametrize(("query", "code"), [
    ("天河區", "440106"), ("廣州市天河區", "440106"), ("廣東省廣州市天河區", "440106"), ("海淀區", "110108"),
    ("浦東新區", "310115"), ("長沙縣", "430121"), ("鄂爾多斯", "150600"), ("湖北省武漢市", "420100"),
    ("湖北省襄陽市", "420600"), ("吉林省乾安縣", "220723"), ("廣州天河", "440106"),
    ("连江县", "350122")])  # Fuzhou's in Simplified; Taiwan's 連江縣 (Matsu) as Taiwan writes it
def test_the_reported_traditional_queries(query: str, code: str) -> None:
    row = BY_CODE[code]
    assert km_to(query, row) <= (25 if row["level"] == "county" else 50)


def test_a_shared_name_in_traditional_names_the_others_as_in_simplified() -> None:
    resolution = resolve("鼓樓區", open_gazetteer())
    simplified = resolve("鼓楼区", open_gazetteer())
    assert resolution.place == simplified.place and len(resolution.alternatives) == len(simplified.alternatives) >= 3


@pytest.mark.parametrize("row", LOCAL, ids=lambda row: row["code"])
def test_hong_kong_macau_and_taiwan_keep_their_own_traditional_names(row: dict) -> None:
    """A division of Hong Kong, Macau or Taiwan by its own name is answered there, never by the
    mainland division the name reads as in Simplified; a mainland one of that name is named."""
    try:
        resolution = resolve(row["name"], open_gazetteer())
    except RegionNotPlace:  # 臺灣, 香港 as a region: their sites
        return
    assert resolution.place.country in ("Hong Kong", "Macao", "Taiwan"), row["name"]


@pytest.mark.parametrize(("query", "country"), [("九龍", "Hong Kong"), ("臺中", "Taiwan"), ("馬鞍山", "Hong Kong"),
                                                ("長治", "Taiwan"), ("澳門", "Macao")])
def test_a_local_name_is_local(query: str, country: str) -> None:
    assert resolve(query, open_gazetteer()).place.country == country


@pytest.mark.parametrize("row", [row for row in LOCAL if len(row["code"]) > 4], ids=lambda row: row["code"])
def test_a_taiwanese_district_named_as_a_mainland_one_names_it(row: dict) -> None:
    """和平區 is Taichung's, 龍潭區 Taoyuan's, as written there; the mainland's 和平区 (Tianjin,
    Shenyang) read in Simplified is named beside it, as any namesake is."""
    gazetteer = open_gazetteer()
    mainland = [other for other in DIVISIONS if other["name"] in gazetteer.simplified_forms(row["name"])]
    if not mainland or any(other["name"] == row["name"] for other in LOCAL if other is not row):
        return
    resolution = resolve(row["name"], gazetteer)
    assert resolution.place.country == "Taiwan"
    assert any(other.country == "China" for other in resolution.alternatives), row["name"]


def test_every_traditional_character_of_the_table_reads_as_opencc_says() -> None:
    gazetteer = open_gazetteer()
    with open(ROOT / "gazetteer" / "opencc_TSCharacters.txt", encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle if not line.startswith("#") and line.strip()]
    for char, simple in rows:
        first = simple.split()[0]
        if first != char:
            assert first in gazetteer.simplified_forms(char), char
    assert gazetteer.simplified_forms("广州") == []  # Simplified already: nothing to try


# ------------------------------------------------------------------ the country's official names

@pytest.mark.parametrize("query", ["中国", "中國", "中华人民共和国", "中華人民共和國", "People's Republic of China"])
def test_the_countrys_official_names_mean_china(cli, query: str) -> None:
    run = cli("near", query, "--json")
    assert run.exit_code == 0, run.stderr
    assert all(site["country"] == "China" for site in run.json()["sites"])


# ------------------------------------------------------------------ the tool's own status words

STATUS_LABELS = sorted({*STATUS_WORDS_ZH.values(),
                        *(say("status.trial_suffix", "zh", status=word) for word in STATUS_WORDS_ZH.values()),
                        *(say("status.trial_suffix", "en", status=word) for word in ("Not yet recruiting", "Recruiting"))})


@pytest.mark.parametrize("label", STATUS_LABELS)
def test_every_status_label_the_catalogue_shows_is_a_status_value(cli, label: str) -> None:
    run = cli("list", "--status", label, "--json")
    assert run.exit_code == listing_exit(run.json()), run.stderr


def test_the_status_shown_in_chinese_filters_as_its_enum(cli) -> None:
    shown = cli("list", "--status", STATUS_WORDS_ZH["NOT_YET_RECRUITING"], "--json").json()["sites"]
    enum = cli("list", "--status", "not yet recruiting", "--json").json()["sites"]
    # the same sites, the same data: the Chinese names are in every answer, whatever its language
    assert shown == enum and shown
    assert all(site["city_zh"] for site in shown)


# ------------------------------------------------------------------ full-width digits

FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


@pytest.mark.parametrize("site_id", ["7", "12", "42"])
def test_a_site_id_in_full_width_digits(cli, site_id: str) -> None:
    wide = cli("show", site_id.translate(FULL_WIDTH), "--json")
    assert wide.exit_code == 0, wide.stderr
    assert wide.json() == cli("show", site_id, "--json").json()


@pytest.mark.parametrize("args", [("--within", "1000.5"), ("--limit", "3"), ("--within=1000.5",)])
def test_number_options_in_full_width_digits(cli, args: tuple[str, ...]) -> None:
    wide = cli("near", "广州", *(arg.translate(FULL_WIDTH) for arg in args), "--json")
    assert wide.exit_code == 0, wide.stderr
    assert wide.json() == cli("near", "广州", *args, "--json").json()


# ------------------------------------------------------------------ former divisions

with open(ROOT / "gazetteer" / "china_former.csv", encoding="utf-8") as _handle:
    FORMER = list(csv.DictReader(_handle))


def test_the_former_divisions_hold_the_reported_ones() -> None:
    became = {row["name"]: row["successor_name"] for row in FORMER}
    assert {"闸北区": "静安区", "卢湾区": "黄浦区", "南汇县": "浦东新区", "宣武区": "西城区", "崇文区": "东城区",
            "密云县": "密云区", "通县": "通州区", "襄樊市": "襄阳市"}.items() <= became.items()
    assert all(row["successor"] in BY_CODE for row in FORMER) and len(FORMER) > 500


@pytest.mark.parametrize("row", FORMER, ids=lambda row: row["code"] + row["name"])
def test_every_former_division_is_its_successor_said_so(row: dict) -> None:
    gazetteer = open_gazetteer()
    resolution = resolve(row["name"], gazetteer)
    successor = BY_CODE[row["successor"]]
    places = [resolution.place, *resolution.alternatives]
    assert any(sphere_km(place.latitude, place.longitude, float(successor["latitude"]), float(successor["longitude"]))
               <= (25 if successor["level"] == "county" else 50) for place in places), row["name"]
    current = gazetteer.rows("SELECT 1 FROM cn_key WHERE key = ? AND form != 'former'", (row["name"],))
    if not current and sum(other["name"] == row["name"] for other in FORMER) == 1:
        # a former name of one division only, and no current one's (沙县 is 沙县区 without its suffix)
        assert any(row["name"] in note and row["successor_name"] in note and row["year"] in note
                   for note in resolution.notes), resolution.notes


@pytest.mark.parametrize(("query", "said"), [("上海市闸北区", "静安区"), ("閘北區", "静安区"), ("南汇", "浦东新区")])
def test_a_former_name_in_a_chain_or_traditional_or_bare(query: str, said: str) -> None:
    resolution = resolve(query, open_gazetteer())
    assert any(said in note for note in resolution.notes), resolution.notes


def test_the_former_notice_in_english(cli) -> None:
    run = cli("near", "闸北区", "--lang", "en")
    assert run.exit_code == 0 and "闸北区 was merged into 静安区 in 2015: using 静安区" in run.stderr


# ------------------------------------------------------------------ titles: each part said once

def _title(cli, query: str, *lang: str) -> str:
    run = cli("near", query, *lang)
    assert run.exit_code == 0, run.stderr
    line = next(line for line in run.stdout.splitlines() if line.startswith(("离 ", "離 ")))
    return line[2:].split(" ")[0]


def _named_as_prefecture() -> list[dict]:
    found = []
    for row in DIVISIONS:
        prefecture = BY_CODE.get(row["code"][:4] + "00") if row["level"] == "county" else None
        if prefecture is None or prefecture["code"][2:4] == "01" and row["code"][:2] in ("11", "12", "31", "50"):
            continue
        stems = {row["name"][:-1], *bare_forms(row["name"], "county")}
        if short_name(prefecture["name"]) in stems:
            found.append(row)
    return found


NAMED_AS_PREFECTURE = _named_as_prefecture()


def test_there_are_counties_named_as_their_prefecture() -> None:
    assert {"恩施市", "喀什市", "长沙县"} <= {row["name"] for row in NAMED_AS_PREFECTURE}


@pytest.mark.parametrize("row", NAMED_AS_PREFECTURE, ids=lambda row: row["code"])
def test_a_county_named_as_its_prefecture_is_said_once(cli, row: dict) -> None:
    prefecture = BY_CODE[row["code"][:4] + "00"]
    title = _title(cli, benchmark.forms(row, BY_CODE, open_gazetteer())["chain"])
    assert title.count(short_name(prefecture["name"])) == 1 and row["name"] in title, title


@pytest.mark.parametrize("row", LOCAL, ids=lambda row: row["code"])
@pytest.mark.parametrize("lang", ["zh-CN", "zh"])
def test_hong_kong_macau_and_taiwan_are_titled_in_simplified_characters_with_their_region(cli, row: dict,
                                                                                         lang: str) -> None:
    """Simplified where it is asked for (zh-CN: 台湾花莲县, was 臺灣花蓮縣), every place of Taiwan, Hong
    Kong and Macau; their own names as the gazetteer writes them, in Simplified characters."""
    from sitefinder.output.simplified import simplified

    region = {"HK": "香港", "MO": "澳门", "TW": "台湾"}[row["code"][:2]]
    county = next((other["name"] for other in LOCAL if other["code"] == row["code"][:4]), "") \
        if len(row["code"]) > 4 else ""
    query = county + row["name"] if len(row["code"]) > 2 else row["name"]
    if len(row["code"]) == 2:
        return  # the region itself: its sites
    if len(row["code"]) == 4 and sum(other["name"] == row["name"] for other in LOCAL) > 1:
        query = f"{region}{row['name']}"  # 東區 is four cities' of Taiwan and Hong Kong's: the region written
    title = _title(cli, query, "--lang", lang)
    own = simplified(row["name"][:-1] if row["name"].endswith("市") and len(row["name"]) >= 3 else row["name"])
    assert title.count(region) == 1 and own in title and title.count(own) == 1, title
    assert simplified(title) == title and not set(title) & TRADITIONAL_ONLY, title


# Characters only Traditional text writes (臺, 灣, 蓮, 縣, 區, 門…): OpenCC's table, its characters
# that are no Simplified form themselves (乾, 於 are both, and stay).
TRADITIONAL_ONLY = frozenset(char for char, forms in open_gazetteer().rows("SELECT char, simple FROM simplified")
                             if char not in forms.split())


@pytest.mark.parametrize(("query", "title"), [("澳門", "澳门"), ("澳门", "澳门"), ("九龍", "香港九龙"),
                                              ("喀什市", "新疆喀什市"), ("湖北省恩施土家族苗族自治州恩施市", "湖北恩施市")])
def test_the_reported_titles(cli, query: str, title: str) -> None:
    assert _title(cli, query) == title  # Simplified where Traditional is not asked for, Macau's and Hong Kong's too


@pytest.mark.parametrize(("query", "title"), [("澳門", "澳門"), ("澳门", "澳門"), ("九龍", "香港九龍")])
def test_the_reported_titles_in_traditional_characters(cli, query: str, title: str) -> None:
    assert _title(cli, query, "--lang", "zh-HK") == title
