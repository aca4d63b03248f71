"""`near PLACE --by hospital`: the nearest hospitals, each once, with every trial it runs.

A referring doctor asks "which hospital near my patient runs a trial for this, and whom do I call
there?". The registry lists a hospital once per study, spelt as each study's staff wrote it, so
sites are grouped by facility and city as written, folded (case, punctuation, whitespace and
accents ignored: "Sun Yat-sen University Cancer Center" = "SUN YAT SEN UNIVERSITY CANCER CENTER").
"""

from __future__ import annotations

from collections.abc import Iterable

from sitefinder.answers import Hospital, HospitalTrial
from sitefinder.contacts import reachable_contact
from sitefinder.models import RankedSite, Site, Trial
from sitefinder.text import fold


def hospital_key(site: Site) -> tuple[str, str]:
    return fold(site.facility), fold(site.city)


def group_by_hospital(ranked: Iterable[RankedSite], trials: dict[str, Trial], default: Trial,
                      limit: int | None) -> list[Hospital]:
    """Ranked sites (nearest first) as hospitals, nearest first; at most `limit` of them."""
    groups: dict[tuple[str, str], list[RankedSite]] = {}
    for entry in ranked:
        key = hospital_key(entry.site)
        if key not in groups and limit is not None and len(groups) >= limit:
            continue
        groups.setdefault(key, []).append(entry)
    hospitals = []
    for entries in groups.values():
        first = entries[0].site
        seen: set[str] = set()
        rows = []
        for entry in entries:
            trial = trials.get(entry.site.nct_id or default.nct_id, default)
            if trial.nct_id in seen:
                continue  # a study listing one hospital twice (two departments): once is enough here
            seen.add(trial.nct_id)
            own = reachable_contact(entry.site.contacts)
            central = None if own else reachable_contact(trial.central_contacts)
            rows.append(HospitalTrial(entry.site, trial, own or central, central is not None))
        hospitals.append(Hospital(first.facility, first.city, first.province, first.country, entries[0].distance_km,
                                  first.approximate, rows))
    return hospitals
