"""Facilities' names in Chinese: data/facilities_zh.csv (see data/facilities_zh.md for its sources).

Read only when Chinese is asked for or typed (`--lang zh`, `show 江门市中心医院`): a table of 40
rows, parsed in well under a millisecond, but no English answer needs it.
"""

from __future__ import annotations

import csv
import functools
import io

from sitefinder.models import Site
from sitefinder.paths import data_dir
from sitefinder.text import fold

FACILITIES_FILE = "facilities_zh.csv"
MAX_TABLE_BYTES = 1024 * 1024


@functools.lru_cache(maxsize=1)
def _table() -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """(facility, city) → name, and facility alone → name where only one city has that facility."""
    from sitefinder.paths import read_bounded

    try:
        text = read_bounded(data_dir() / FACILITIES_FILE, MAX_TABLE_BYTES).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):  # a damaged install: names stay English, nothing fails
        return {}, {}
    by_place: dict[tuple[str, str], str] = {}
    by_name: dict[str, set[str]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        facility, city, chinese = (row.get(key) or "" for key in ("facility", "city", "facility_zh"))
        if facility and chinese:
            by_place[(fold(facility), fold(city))] = chinese.strip()
            by_name.setdefault(fold(facility), set()).add(chinese.strip())
    return by_place, {key: next(iter(names)) for key, names in by_name.items() if len(names) == 1}


def facility_zh(site: Site) -> str:
    """The site's facility in Chinese, "" when the table does not know it."""
    by_place, by_name = _table()
    key = fold(site.facility)
    return by_place.get((key, fold(site.city))) or by_name.get(key, "")


# A sponsor's number for its site, written after the hospital's name: "Portsmouth Hospitals University
# NHS Trust /ID# 252986" (256 of the 190 real records' locations; AbbVie's studies). Not part of the
# hospital's name: one hospital in two such studies is one hospital.
_SPONSOR_SITE_NUMBER = r"\s*/\s*ID#\s*\d+\s*$"


def hospital_name(facility: str) -> str:
    """A facility's name as the hospital's, without a sponsor's site number after it."""
    import re

    return re.sub(_SPONSOR_SITE_NUMBER, "", facility, flags=re.IGNORECASE) or facility
