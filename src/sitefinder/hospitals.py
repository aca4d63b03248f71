"""`near PLACE --by hospital`: the nearest hospitals, each once, with every trial it runs.

A referring doctor asks "which hospital near my patient runs a trial for this, and whom do I call
there?". The registry lists a hospital once per study, spelt as each study's staff wrote it, so
sites are grouped in one city by the hospital's name in Chinese where data/facilities_zh.csv knows
it ("Beijing Cancer Hospital" and "Peking University Cancer Hospital & Institute" are 北京大学肿瘤医院),
else by the words of the facility's name (`HospitalNames`; facilities.facility_words, the rule the
table is read by too): case, punctuation, accents, word order, articles, "Province" and the medical
school it belongs to ignored, common shortenings read whole ("Centre", "Univ."), and one slipped
letter in a long word forgiven ("Pecking Union" for "Peking Union"). Two names that differ in any other word stay two hospitals:
"First" and "Second Affiliated Hospital" differ by one short word, "Zhongshan" and "Zhongnan" by
two letters; shown twice, a hospital is still found, while two shown as one would hide one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from sitefinder.answers import Hospital, HospitalListing, HospitalTrial
from sitefinder.contacts import reachable_contact
from sitefinder.countries import shown_province
from sitefinder.distance import shown_km
from sitefinder.facilities import WORD_VARIANTS, english_names, facility_words, facility_zh, hospital_name, one_slip_apart
from sitefinder.models import RankedSite, Site, Trial
from sitefinder.status import effective_status, openness
from sitefinder.text import fold

# Words too common in hospitals' names to look one up by (`search_words`).
_COMMON = frozenset({"hospital", "university", "medical", "medicine", "center", "affiliated", "people",
                     "peoples", "province", "cancer", "general", "clinic", "institute", "school", "college",
                     "first", "second", "third", "health", "research", "sciences", "science", "city"})
_MOST_NAMES_COMPARED = 64  # per city and length: bounds the comparison of names a file can make


class HospitalKey(NamedTuple):
    words: tuple[str, ...]  # the name's words (facilities.facility_words); () for a hospital named in Chinese
    city: str
    zh: str = ""  # its name in the Chinese names' table: listings of two English names are one hospital


def hospital_key(site: Site) -> HospitalKey:
    """The hospital a listing is: by its Chinese name where the table knows it ("Beijing Cancer
    Hospital" and "Peking University Cancer Hospital & Institute" are both 北京大学肿瘤医院), else by
    the words of its English name, in its city."""
    chinese = facility_zh(site)
    if chinese:
        return HospitalKey((), fold(site.city), chinese)
    return HospitalKey(facility_words(site.facility), fold(site.city))


def search_words(key: HospitalKey) -> frozenset[str]:
    """Words of the hospital's names that its listings' folded facility names hold, for finding them
    in a sites file: one of each name the hospital goes by (the table's English names of a hospital
    named in Chinese), its least common ("tiantan" rather than "hospital")."""
    names = [facility_words(name) for name in english_names(key.zh)] if key.zh else [key.words]
    return frozenset(word for words in names if (word := _search_word(words)))


def _search_word(words: tuple[str, ...]) -> str:
    unchanged = [word for word in words if word not in WORD_VARIANTS.values()] or list(words)
    return max(unchanged, key=lambda word: (word not in _COMMON, len(word)), default="")


class HospitalNames:
    """Which hospital a listing is: its `hospital_key`, or the key of a hospital already seen in its
    city whose name differs from it by one slipped letter in one long word (the first seen names it)."""

    def __init__(self) -> None:
        self._seen: dict[HospitalKey, HospitalKey] = {}
        self._by_city: dict[tuple[str, int], list[HospitalKey]] = {}

    def of(self, site: Site) -> HospitalKey:
        key = hospital_key(site)
        known = self._seen.get(key)
        if known is None and key.zh:  # named by the table: no slip to forgive
            known = self._seen[key] = key
        if known is None:
            bucket = self._by_city.setdefault((key.city, len(key.words)), [])
            known = next((other for other in bucket if one_slip_apart(other.words, key.words)), key)
            if known is key and len(bucket) < _MOST_NAMES_COMPARED:
                bucket.append(key)
            self._seen[key] = known
        return known


def group_by_hospital(ranked: Iterable[RankedSite], trials: dict[str, Trial], default: Trial,
                      names: HospitalNames | None = None) -> list[Hospital]:
    """Ranked listings (nearest first) as hospitals, nearest first, each with every listing given:
    grouped first, so that what a hospital shows never depends on how many hospitals are asked for
    (the caller gives every listing of the hospitals it keeps: queries.near_by_hospital, with the
    `names` it kept them by)."""
    names = names or HospitalNames()
    groups: dict[HospitalKey, list[RankedSite]] = {}
    for entry in ranked:
        groups.setdefault(names.of(entry.site), []).append(entry)
    hospitals = []
    for entries in groups.values():
        # its name as its nearest site writes it, the lowest id among the nearest: never by which of
        # them the ranking put first (recruiting first, queries.tie_order)
        nearest = min(entries, key=lambda entry: (entry.distance_km, entry.site.id))
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
        # the province shown, as near's `province` (countries.shown_region), not the registry's text
        hospitals.append(Hospital(hospital_name(first.facility), first.city, shown_province(first), first.country,
                                  nearest.distance_km,
                                  first.approximate, rows))
    # nearest first as shown (to 0.1 km); hospitals as near as each other in the order of their
    # sites (queries.tie_order: the recruiting ones first)
    return sorted(hospitals, key=lambda hospital: shown_km(hospital.distance_km))


def _openness(site: Site, trial: Trial) -> int:
    return openness(effective_status(site.status, trial.overall_status)[0])
