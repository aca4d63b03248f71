"""Synthetic sites files of any size, placed in real gazetteer cities, for the scale benchmark.

    python benchmarks/make_sites.py 100000 /tmp/sites-100k.csv
"""

from __future__ import annotations

import random
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitefinder.models import Contact, Site  # noqa: E402
from sitefinder.paths import gazetteer_path  # noqa: E402
from sitefinder.sitesfile import write_sites_file  # noqa: E402

STATUSES = [None, "RECRUITING", "NOT_YET_RECRUITING", "ACTIVE_NOT_RECRUITING", "COMPLETED"]


def write_synthetic_sites(path: Path, count: int, seed: int = 7) -> None:
    db = sqlite3.connect(gazetteer_path())
    cities = db.execute("SELECT id, name, admin1, country, latitude, longitude FROM place "
                        "WHERE population >= 50000 ORDER BY id").fetchall()
    countries = dict(db.execute("SELECT code, name FROM country").fetchall())
    rng = random.Random(seed)
    sites = []
    for site_id in range(1, count + 1):
        geonameid, name, admin1, country, latitude, longitude = rng.choice(cities)
        sites.append(Site(
            id=site_id, facility=f"{name} Research Hospital {site_id}", city=name, province=admin1,
            country=countries.get(country, country), status=rng.choice(STATUSES), latitude=latitude,
            longitude=longitude, coordinate_precision="city", coordinate_source=f"GeoNames {geonameid} ({name})", geonameid=geonameid,
            contacts=(Contact(name=f"Investigator {site_id}", role="PRINCIPAL_INVESTIGATOR"),),
        ))
    write_sites_file(path, sites)


if __name__ == "__main__":
    write_synthetic_sites(Path(sys.argv[2]), int(sys.argv[1]))
