"""The physical limit: a bare Python process that answers `near Guangzhou --json` and nothing more.

It opens the same gazetteer sitefinder ships (read-only, immutable), looks the city up by its key,
reads the shipped sites file, ranks the sites by great-circle distance and prints the nearest five as
JSON. Only the standard library (sqlite3, csv, json, math): no CLI framework, no validation, no
messages. No program that does this job in Python can start faster, so benchmarks/startup.py
compares every sitefinder command with it (the ratio says what all the rest costs).

    python benchmarks/limit.py            # prints the five nearest sites as JSON
"""

import csv
import importlib.util
import json
import math
import sqlite3
import sys
from pathlib import Path


def data_dir() -> Path:
    # The installed package's data (as sitefinder finds it), else the checkout's; no sitefinder import.
    spec = importlib.util.find_spec("sitefinder")
    if spec and spec.origin and (Path(spec.origin).parent / "data" / "gazetteer.sqlite").exists():
        return Path(spec.origin).parent / "data"
    return Path(__file__).resolve().parents[1] / "data"


def main(query: str = "guangzhou") -> None:
    data = data_dir()
    db = sqlite3.connect(f"{(data / 'gazetteer.sqlite').resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    row = db.execute("SELECT p.latitude, p.longitude FROM name n JOIN place p ON p.id = n.place WHERE n.key = ? "
                     "ORDER BY p.population DESC LIMIT 1", (query,)).fetchone()
    lat, lon = map(math.radians, row)
    ranked = []
    with open(data / "sites.csv", newline="", encoding="utf-8") as handle:
        for site in csv.DictReader(handle):
            if site["latitude"]:
                la, lo = math.radians(float(site["latitude"])), math.radians(float(site["longitude"]))
                h = math.sin((la - lat) / 2) ** 2 + math.cos(lat) * math.cos(la) * math.sin((lo - lon) / 2) ** 2
                ranked.append((2 * 6371.0088 * math.asin(math.sqrt(h)), site))
    ranked.sort(key=lambda pair: pair[0])
    json.dump([{"distance_km": round(km, 1), **site} for km, site in ranked[:5]], sys.stdout, ensure_ascii=False, indent=2)
    print()


if __name__ == "__main__":
    main()
