"""How well sitefinder places registry locations offline: the registry's own point is the answer.

Reads benchmarks/placement/locations.json (1,347 real locations; README.md beside it), places each
from its city, state and country as `sitefinder import` does when a location has no geoPoint, and
reports the share within 10, 25 and 50 km of the registry's point, the share more than 100 km off,
the unplaced, how many registry points import sets aside as outside the row's own state, and the
same by country and by how each was placed (the city as written; a rule's
reading with a note; a division's middle; a state's main city). The registry's points are city-level, and a few are plainly
wrong (the README beside the data says which kind): read a failure before blaming the gazetteer.

    python benchmarks/placement.py                 # summary and the worst cases
    python benchmarks/placement.py --country Japan --all
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from sitefinder.distance import geodesic_km  # noqa: E402
from sitefinder.importer import Fields, site_from_location  # noqa: E402
from sitefinder.placement import POINT_OUTSIDE_KM  # noqa: E402
from sitefinder.queries import open_gazetteer  # noqa: E402


def place_all(locations: list[dict]) -> list[tuple[dict, float | None, str, str]]:
    """(location, km from the registry's point or None when not placed, note, how it was placed)
    for each location; "how" is the precision, with "+note" when a rule corrected or read the text."""
    gazetteer = open_gazetteer()
    results = []
    for number, location in enumerate(locations, 1):
        bare = {key: value for key, value in location.items() if key not in ("geoPoint", "study")}
        site = site_from_location(number, Fields(bare, "location"), gazetteer)
        point = location["geoPoint"]
        km = (geodesic_km(site.latitude, site.longitude, point["lat"], point["lon"])
              if site.has_coordinates else None)
        how = (site.coordinate_precision + ("+note" if site.location_note else "")) if site.has_coordinates else "unplaced"
        results.append((location, km, site.location_note or site.coordinate_source, how))
    return results


# Which rule of placement.py placed a row, told by the words of its note (the note is the record).
RULES = (("postal town", "postal town"), ("postal code", "postal code"), ("far larger than", "city written short"),
         ("special wards", "capital's ward"), ("25 districts", "capital's ward"), ("is the city", "city as state"),
         ("but ", "state slip"), ("close spelling", "close spelling"), ("is the division", "division's middle"),
         ("main city", "state's main city"), ("second-level division", "division's town"),
         ("Registry city", "other name"))


def registry_points(locations: list[dict], wrong: set[tuple[str, str, str]]) -> dict[str, int]:
    """The registry's points as `sitefinder import` uses them (placement.point_outside): how many are
    kept, set aside for the text's place, or doubted and kept (the text could not be placed), and of
    the last two how many are among the points checked by hand and found elsewhere than the site."""
    from sitefinder.placement import Placer

    gazetteer = open_gazetteer()
    placer = Placer(gazetteer)
    counts = {"points_kept": 0, "points_set_aside": 0, "points_set_aside_checked": 0, "points_doubted_kept": 0,
              "points_doubted_kept_checked": 0}
    for number, location in enumerate(locations, 1):
        row = {key: value for key, value in location.items() if key != "study"}
        site = site_from_location(number, Fields(row, "location"), gazetteer, placer)
        checked = (location.get("study"), location.get("facility"), location.get("city")) in wrong
        if site.coordinate_source != "registry":
            counts["points_set_aside"] += 1
            counts["points_set_aside_checked"] += checked
        elif "registry's point" in site.location_note:
            counts["points_doubted_kept"] += 1
            counts["points_doubted_kept_checked"] += checked
        else:
            counts["points_kept"] += 1
    return counts


def rule_of(note: str, how: str) -> str:
    if how == "unplaced":
        return "unplaced"
    return next((rule for words, rule in RULES if words in note), "registry point" if note == "registry" else "as written")


def summary(results: list[tuple[dict, float | None, str, str]]) -> dict[str, float]:
    count = len(results)
    placed = [km for _, km, _, _ in results if km is not None]
    return {"locations": count,
            "within_10": sum(km <= 10 for km in placed) / count, "within_25": sum(km <= 25 for km in placed) / count,
            "within_50": sum(km <= 50 for km in placed) / count, "over_100": sum(km > 100 for km in placed) / count,
            "unplaced": (count - len(placed)) / count}


def checked_wrong(data: Path) -> set[tuple[str, str, str]]:
    """(study, facility, city) of the registry points checked by hand and found elsewhere than the
    site (registry_points_checked.csv beside the data, each with its evidence)."""
    path = data.parent / "registry_points_checked.csv"
    if not path.exists():
        return set()
    with path.open(encoding="utf-8", newline="") as handle:
        return {(row["study"], row["facility"], row["city"]) for row in csv.DictReader(handle)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=HERE / "placement" / "locations.json")
    parser.add_argument("--country", help="only this country (as the registry writes it)")
    parser.add_argument("--all", action="store_true", help="list every location off by more than 25 km")
    parser.add_argument("--json", action="store_true", help="the summary as JSON")
    args = parser.parse_args()
    locations = json.loads(args.data.read_text(encoding="utf-8"))["locations"]
    if args.country:
        locations = [location for location in locations if location.get("country") == args.country]
    results = place_all(locations)
    total = summary(results)
    wrong = checked_wrong(args.data)
    kept = [result for result in results if (result[0].get("study"), result[0].get("facility"), result[0].get("city"))
            not in wrong]
    silent = [result for result in results if result[1] is None and not result[2].startswith("Could not be placed")]
    points = registry_points(locations, wrong)
    if args.json:
        rest = summary(kept)
        print(json.dumps({**total, "checked_set_aside": len(results) - len(kept),
                          "within_25_without_checked": rest["within_25"], "over_100_without_checked": rest["over_100"],
                          "unplaced_without_reason": len(silent), **points}, indent=2))
        return
    print(f"{total['locations']} locations: within 10 km {total['within_10']:.1%}, within 25 km "
          f"{total['within_25']:.1%}, within 50 km {total['within_50']:.1%}, over 100 km {total['over_100']:.1%}, "
          f"unplaced {total['unplaced']:.1%}")
    if silent:
        print(f"{len(silent)} unplaced rows do not say why")
    if len(kept) < len(results):
        rest = summary(kept)
        print(f"without the {len(results) - len(kept)} registry points checked by hand and found elsewhere than the site "
              f"(registry_points_checked.csv): within 25 km {rest['within_25']:.1%}, over 100 km {rest['over_100']:.1%}")
    print(f"the registry's points as import uses them (a point over {POINT_OUTSIDE_KM:g} km outside the state or "
          f"country the row states is not trusted): {points['points_kept']} kept, {points['points_set_aside']} set "
          f"aside for the text's place ({points['points_set_aside_checked']} of them checked by hand and found "
          f"elsewhere), {points['points_doubted_kept']} doubted but kept, the text not placeable "
          f"({points['points_doubted_kept_checked']} checked)")
    by_country = defaultdict(list)
    for result in results:
        by_country[result[0].get("country", "")].append(result)
    print(f"\n{'country':28} {'n':>5} {'≤25 km':>7} {'>100 km':>8} {'unplaced':>9}")
    for country, rows in sorted(by_country.items(), key=lambda item: -len(item[1])):
        part = summary(rows)
        print(f"{country:28} {len(rows):5} {part['within_25']:7.0%} {part['over_100']:8.0%} {part['unplaced']:9.0%}")
    by_rule = defaultdict(list)
    for result in results:
        by_rule[result[3]].append(result)
    print(f"\n{'placed as':28} {'n':>5} {'≤25 km':>7} {'>100 km':>8}")
    for how, rows in sorted(by_rule.items(), key=lambda item: -len(item[1])):
        part = summary(rows)
        print(f"{how:28} {len(rows):5} {part['within_25']:7.0%} {part['over_100']:8.0%}")
    by_named_rule = defaultdict(list)
    for result in results:
        by_named_rule[rule_of(result[2], result[3])].append(result)
    print(f"\n{'rule':28} {'n':>5} {'≤25 km':>7} {'>100 km':>8}")
    for rule, rows in sorted(by_named_rule.items(), key=lambda item: -len(item[1])):
        part = summary(rows)
        print(f"{rule:28} {len(rows):5} {part['within_25']:7.0%} {part['over_100']:8.0%}")
    misses = [(km, location, note) for location, km, note, _ in results if km is None or km > 25]
    misses.sort(key=lambda item: -(item[0] if item[0] is not None else 1e9))
    print(f"\n{len(misses)} off by more than 25 km or unplaced" + ("" if args.all else " (the first 40; --all for every one)"))
    for km, location, note in misses if args.all else misses[:40]:
        where = ", ".join(str(location.get(key)) for key in ("city", "state", "country") if location.get(key))
        print(f"  {'unplaced' if km is None else f'{km:8.0f} km'}  {where}  [{location.get('facility', '')[:50]}]  {note[:80]}")


if __name__ == "__main__":
    main()
