"""Write gazetteer/cldr_cities_zh.csv: the standard Simplified Chinese names of world cities from
Unicode CLDR, the exemplar cities of its time zones (America/New_York: 纽约, Asia/Dubai: 迪拜), as
packaged on PyPI by babel 2.19.0 (CLDR data under the Unicode License v3, copied beside the CSV as
gazetteer/cldr_cities_zh.LICENSE; babel itself BSD-3-Clause).

Run by hand when CLDR changes; the gazetteer build reads only the CSV, so it does not depend on
babel (the CSV is committed; its rows are facts, their source noted). Each row: the zone, its
territory (ISO 3166 code), the English exemplar city (CLDR's `en`, else the zone's last part) and
the Chinese one (CLDR's `zh`, Simplified as the mainland writes it). Zones with no Chinese exemplar
city, or whose Chinese one is a country's name in CLDR's `zh` territory names (Asia/Brunei: 文莱),
are left out: the name of a country is not that of its capital.

It also writes data/countries_zh.csv, the one Chinese name of every country and region a Chinese
screen names (read at run time by Gazetteer.country_name_zh): CLDR's `zh` territory name of each
ISO 3166 code the gazetteer's country table holds, except where the gazetteer already has a Chinese
name of its own for the country (香港, not CLDR's 中国香港特别行政区: the name people type and
sitefinder shows for the region), and, for the two codes CLDR no longer carries, the names given
in COUNTRIES_NOT_IN_CLDR.

And gazetteer/countries_local.csv: each country's name in its own official languages (CLDR's
territory name in each language its territory_languages call official or de facto official:
Brasil, Deutschland, Schweiz, Suisse, Svizzera, España, Россия), as people abroad write their own
country in an address ("Bela Vista, São Paulo - SP, Brasil"); read by the gazetteer build, which
keeps a name only where no country or division has it already.

    .venv/bin/pip install babel==2.19.0 && .venv/bin/python scripts/cldr_sources.py
"""

from __future__ import annotations

import csv
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "gazetteer" / "cldr_cities_zh.csv"
COUNTRIES_OUT = Path(__file__).resolve().parents[1] / "data" / "countries_zh.csv"
LOCAL_OUT = Path(__file__).resolve().parents[1] / "gazetteer" / "countries_local.csv"
OFFICIAL = ("official", "de_facto_official")  # CLDR territory_languages' statuses of a country's own languages
# Codes GeoNames' country table keeps from before a split, which CLDR no longer names: their
# common Chinese names (荷属安的列斯, dissolved 2010; 塞尔维亚和黑山, 2006).
COUNTRIES_NOT_IN_CLDR = {"AN": "荷属安的列斯", "CS": "塞尔维亚和黑山"}


def main() -> None:
    from babel import Locale
    from babel.core import get_global

    chinese, english = Locale.parse("zh"), Locale.parse("en")
    territories = get_global("zone_territories")
    countries = set(chinese.territories.values())
    rows = []
    for zone, names in sorted(chinese.time_zones.items()):
        city = names.get("city", "")
        territory = territories.get(zone, "")
        if not city or not territory or city in countries:
            continue
        named = zone.rsplit("/", 1)[-1].replace("_", " ")
        en = english.time_zones.get(zone, {}).get("city") or named
        if zone.startswith("Etc/") or not _same_place(named, en):
            # Etc/Unknown is "Unknown Location"; America/Miquelon's English city is Saint-Pierre but
            # its Chinese one 密克隆 (Miquelon), another island's town: where the zone's own city and
            # the English exemplar are not one name spelt two ways, which place the Chinese one
            # names is not known, so it is left out
            continue
        rows.append((zone, territory, en, city))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("zone", "territory", "city_en", "city_zh"))
        writer.writerows(rows)
    print(f"{OUT}: {len(rows)} cities")
    write_countries(chinese)


def write_countries(chinese: object) -> None:
    """data/countries_zh.csv: code, the gazetteer's English name (for the reader of the file), Chinese."""
    import sqlite3

    database = sqlite3.connect(Path(__file__).resolve().parents[1] / "data" / "gazetteer.sqlite")
    countries = database.execute("SELECT code, name FROM country ORDER BY code").fetchall()
    from sitefinder.gazetteer import Gazetteer

    gazetteer = Gazetteer(Path(__file__).resolve().parents[1] / "data" / "gazetteer.sqlite")
    rows = []
    for code, name in countries:
        own = gazetteer.region_table_name_zh(code)  # the gazetteer's own Chinese name, where it has one
        zh = own or chinese.territories.get(code) or COUNTRIES_NOT_IN_CLDR.get(code, "")  # type: ignore[attr-defined]
        if zh:
            rows.append((code, name.strip(), zh))
    with COUNTRIES_OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("code", "name_en", "name_zh"))
        writer.writerows(rows)
    print(f"{COUNTRIES_OUT}: {len(rows)} countries and regions")
    write_local_countries([code for code, _ in countries])


def write_local_countries(codes: list[str]) -> None:
    """gazetteer/countries_local.csv: code, language, the country's name in that language, for each
    official language of each country whose CLDR locale names the territory (nan_Hant has none)."""
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    languages = get_global("territory_languages")
    rows = []
    for code in codes:
        for language, info in sorted(languages.get(code, {}).items()):
            if info.get("official_status") not in OFFICIAL:
                continue
            try:
                name = Locale.parse(language).territories.get(code, "")
            except (UnknownLocaleError, ValueError):
                continue
            if name:
                rows.append((code, language, name))
    with LOCAL_OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("code", "language", "name"))
        writer.writerows(sorted(set(rows)))
    print(f"{LOCAL_OUT}: {len(rows)} names")


def _same_place(named: str, english: str) -> bool:
    """Whether a zone's own city and CLDR's English exemplar city are one name spelt two ways (Aqtau
    and Aktau, Tirane and Tirana, Noronha in Fernando de Noronha), not two places."""
    import difflib
    import unicodedata

    def folded(text: str) -> str:
        return "".join(char for char in unicodedata.normalize("NFKD", text.lower()) if char.isalnum())

    a, b = folded(named), folded(english)
    return a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.6


if __name__ == "__main__":
    main()
