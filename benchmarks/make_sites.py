"""Synthetic sites files of any size, placed in real gazetteer cities, for the scale benchmark.

    python benchmarks/make_sites.py 100000 /tmp/sites-100k.csv
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitefinder.models import Contact, Site  # noqa: E402
from sitefinder.paths import gazetteer_path  # noqa: E402
from sitefinder.sitesfile import sites_csv_text  # noqa: E402

STATUSES = [None, "RECRUITING", "NOT_YET_RECRUITING", "ACTIVE_NOT_RECRUITING", "COMPLETED"]


def write_synthetic_sites(path: Path, count: int, seed: int = 7) -> None:
    db = sqlite3.connect(gazetteer_path())
    cities = db.execute("SELECT id, name, admin1, country, latitude, longitude FROM place "
                        "WHERE population >= 50000 ORDER BY id").fetchall()
    countries = dict(db.execute("SELECT code, name FROM country").fetchall())
    rng = random.Random(seed)

    def site(site_id: int) -> Site:
        geonameid, name, admin1, country, latitude, longitude = rng.choice(cities)
        return Site(
            id=site_id, facility=f"{name} Research Hospital {site_id}", city=name, province=admin1,
            country=countries.get(country, country), status=rng.choice(STATUSES), latitude=latitude,
            longitude=longitude, coordinate_precision="city", coordinate_source=f"GeoNames {geonameid} ({name})", geonameid=geonameid,
            contacts=(Contact(name=f"Investigator {site_id}", role="PRINCIPAL_INVESTIGATOR"),),
        )

    # Written 10,000 rows at a time, so that a file of a million rows never needs them all in memory.
    with path.open("w", encoding="utf-8", newline="") as handle:
        for start in range(1, count + 1, 10_000):
            text = sites_csv_text(site(site_id) for site_id in range(start, min(start + 10_000, count + 1)))
            handle.write(text if start == 1 else text.split("\n", 1)[1])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Write a synthetic sites file of COUNT rows to PATH.")
    parser.add_argument("count", type=int)
    parser.add_argument("path", type=Path)
    arguments = parser.parse_args()
    write_synthetic_sites(arguments.path, arguments.count)
