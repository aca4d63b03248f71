"""Write data/divisions_zh.csv: the Chinese names of first-level divisions outside China's area
(states, provinces, regions: 亚拉巴马州, 安大略省, 英格兰), which a Chinese notice names a place
abroad by ("使用 伯明翰（英国英格兰）"), as the English one names it by its state.

Source: the Simplified Chinese (zh_CN) translations of ISO 3166-2 in the iso-codes project, as
packaged by pycountry 24.6.1 (the build-data extra; LGPL-2.1+, its translations' facts), each
subdivision of the first level mapped to the gazetteer's admin1 name by the gazetteer's region
table (its code "DE-BY", else its ISO name within its country); a subdivision that maps to none or
to several is left out. The four countries of the United Kingdom, which iso-codes leaves
untranslated, are facts kept here (UNITED_KINGDOM). China's own divisions, Hong Kong's, Macau's
and Taiwan's are regions.PROVINCES' and china.py's, never this file's.

Run by hand after the gazetteer is rebuilt; sitefinder reads only the CSV (regions.division_chinese):

    .venv/bin/python scripts/divisions_zh_sources.py
"""

from __future__ import annotations

import csv
import gettext
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "divisions_zh.csv"
CHINA_AREA = ("CN", "HK", "MO", "TW")
UNITED_KINGDOM = {"GB-ENG": "英格兰", "GB-SCT": "苏格兰", "GB-WLS": "威尔士", "GB-NIR": "北爱尔兰"}
# Where iso-codes' zh_CN writes a look-alike for a character Chinese has and uses in the name: Japan's
# 埼玉 (Saitama; iso-codes 琦玉), 新潟 (Niigata; 新泻, the simplified 瀉 "to pour"), 栃木 (Tochigi; 枥木,
# the simplified 櫪) are written in Chinese with the prefectures' own characters (as 埼玉县 in the Chinese
# editions of the Japanese government's and the prefectures' own pages). Facts, kept here.
CORRECTED = {"JP-11": "埼玉县", "JP-15": "新潟县", "JP-09": "栃木县"}


def main() -> None:
    import pycountry

    from sitefinder.gazetteer import Gazetteer

    gazetteer = Gazetteer(ROOT / "data" / "gazetteer.sqlite")
    chinese = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["zh_CN"])
    rows = {}
    for division in pycountry.subdivisions:
        if division.parent_code or division.country_code in CHINA_AREA:
            continue
        zh = UNITED_KINGDOM.get(division.code) or CORRECTED.get(division.code) or chinese.gettext(division.name)
        if zh == division.name:
            continue
        found = {row for row in gazetteer.divisions(division.code) if row[1] and row[0] == division.country_code} \
            or {row for row in gazetteer.divisions(division.name) if row[1] and row[0] == division.country_code}
        if len(found) == 1:
            rows.setdefault(found.pop(), zh)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("country", "admin1", "name_zh"))
        writer.writerows((country, admin1, zh) for (country, admin1), zh in sorted(rows.items()))
    print(f"{OUT}: {len(rows)} divisions")


if __name__ == "__main__":
    main()
