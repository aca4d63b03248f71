"""`near PLACE --by hospital`: the nearest hospitals, each once, with every trial it runs.

A referring doctor asks "which hospital near my patient runs a trial for this, and whom do I call
there?". The registry lists a hospital once per study, spelt as each study's staff wrote it, so
sites are grouped by facility and city as written, folded (case, punctuation, whitespace and
accents ignored: "Sun Yat-sen University Cancer Center" = "SUN YAT SEN UNIVERSITY CANCER CENTER").
"""

from __future__ import annotations

from collections.abc import Iterable

from sitefinder.answers import Hospital, HospitalListing, HospitalTrial
from sitefinder.contacts import reachable_contact
from sitefinder.facilities import hospital_name
from sitefinder.models import RankedSite, Site, Trial
from sitefinder.status import effective_status, openness
from sitefinder.text import fold


def hospital_key(site: Site) -> tuple[str, str]:
    """One hospital however its studies write it: folded, without a sponsor's site number."""
    return fold(hospital_name(site.facility)), fold(site.city)


def group_by_hospital(ranked: Iterable[RankedSite], trials: dict[str, Trial], default: Trial) -> list[Hospital]:
    """Ranked listings (nearest first) as hospitals, nearest first, each with every listing given:
    grouped first, so that what a hospital shows never depends on how many hospitals are asked for
    (the caller gives every listing of the hospitals it keeps: queries.near_by_hospital)."""
    groups: dict[tuple[str, str], list[RankedSite]] = {}
    for entry in ranked:
        groups.setdefault(hospital_key(entry.site), []).append(entry)
    hospitals = []
    for entries in groups.values():
        nearest = min(entries, key=lambda entry: entry.distance_km)
        by_trial: dict[str, list[HospitalListing]] = {}
        trial_of: dict[str, Trial] = {}
        for entry in entries:
            trial = trials.get(entry.site.nct_id or default.nct_id, default)
            trial_of[trial.nct_id] = trial
            own = reachable_contact(entry.site.contacts)
            central = None if own else reachable_contact(trial.central_contacts)
            by_trial.setdefault(trial.nct_id, []).append(
                HospitalListing(entry.site, own or central, central is not None, entry.distance_km))
        rows = []
        for nct_id, listings in by_trial.items():
            trial = trial_of[nct_id]
            listings.sort(key=lambda listing: (_openness(listing.site, trial), listing.distance_km, listing.site.id))
            best = listings[0]
            rows.append(HospitalTrial(best.site, trial, best.call, best.call_is_central, tuple(listings)))
        rows.sort(key=lambda row: (_openness(row.site, row.trial), row.listings[0].distance_km))
        first = nearest.site
        hospitals.append(Hospital(hospital_name(first.facility), first.city, first.province, first.country, nearest.distance_km,
                                  first.approximate, rows))
    return sorted(hospitals, key=lambda hospital: hospital.distance_km)


def _openness(site: Site, trial: Trial) -> int:
    return openness(effective_status(site.status, trial.overall_status)[0])
