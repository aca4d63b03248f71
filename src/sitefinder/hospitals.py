"""`near PLACE --by hospital`: the nearest hospitals, each once, with every trial it runs.

A referring doctor asks "which hospital near my patient runs a trial for this, and whom do I call
there?". The registry lists a hospital once per study, spelt as each study's staff wrote it, so
sites are grouped by the words of the facility's name in one city (`HospitalNames`): case,
punctuation, accents, word order, articles and the medical school it belongs to ignored, common
variants read alike ("Centre", "Provincial"), and one slipped letter in a long word forgiven
("Pecking Union" for "Peking Union"). Two names that differ in any other word stay two hospitals:
"First" and "Second Affiliated Hospital" differ by one short word, "Zhongshan" and "Zhongnan" by
two letters; shown twice, a hospital is still found, while two shown as one would hide one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from sitefinder.answers import Hospital, HospitalListing, HospitalTrial
from sitefinder.contacts import reachable_contact
from sitefinder.countries import shown_province
from sitefinder.distance import shown_km
from sitefinder.facilities import hospital_name
from sitefinder.models import RankedSite, Site, Trial
from sitefinder.status import effective_status, openness
from sitefinder.text import fold

# The medical school a hospital belongs to, written after or before its name or left out:
# "The First Affiliated Hospital, College of Medicine, Zhejiang University" is the "First
# Affiliated Hospital of Zhejiang University School of Medicine".
_MEDICAL_SCHOOL = re.compile(r"\b(?:(?:school|college|faculty) of medicine|medical school)\b")
_NOT_A_NAME = frozenset({"the", "of", "and", "at", "a", "an"})
_VARIANTS = {"centre": "center", "ctr": "center", "provincial": "province", "hosp": "hospital",
             "univ": "university", "med": "medicine"}
# Words too common in hospitals' names to look one up by (`search_word`).
_COMMON = frozenset({"hospital", "university", "medical", "medicine", "center", "affiliated", "people",
                     "peoples", "province", "cancer", "general", "clinic", "institute", "school", "college",
                     "first", "second", "third", "health", "research", "sciences", "science", "city"})
_SHORTEST_FORGIVEN = 6  # a slipped letter is forgiven in words this long: not Hunan/Henan, Renji/Renmin
_MOST_NAMES_COMPARED = 64  # per city and length: bounds the comparison of names a file can make


class HospitalKey(NamedTuple):
    words: tuple[str, ...]  # the name's words, sorted: order is how a study's staff wrote it
    city: str


def hospital_words(facility: str) -> tuple[str, ...]:
    """The words that name a hospital, sorted: see the module's rule."""
    text = unicodedata.normalize("NFKD", hospital_name(facility)).casefold()
    text = _MEDICAL_SCHOOL.sub(" ", text.replace("'", "").replace("\u2019", ""))
    words = (_VARIANTS.get(word, word) for word in re.split(r"[^\w]+|_", text) if word)
    return tuple(sorted(word for word in (fold(word) for word in words) if word and word not in _NOT_A_NAME))


def hospital_key(site: Site) -> HospitalKey:
    return HospitalKey(hospital_words(site.facility), fold(site.city))


def search_word(key: HospitalKey) -> str:
    """A word of the hospital's name that its listings' folded facility names hold, for finding them
    in a sites file (the least common word: "tiantan" rather than "hospital")."""
    unchanged = [word for word in key.words if word not in _VARIANTS.values()] or list(key.words)
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
        if known is None:
            bucket = self._by_city.setdefault((key.city, len(key.words)), [])
            known = next((other for other in bucket if _one_slip_apart(other.words, key.words)), key)
            if known is key and len(bucket) < _MOST_NAMES_COMPARED:
                bucket.append(key)
            self._seen[key] = known
        return known


def _one_slip_apart(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Same words but one, and that one a letter added, left out, changed or two swapped."""
    only_first = set(first) - set(second)
    only_second = set(second) - set(first)
    if len(only_first) != 1 or len(only_second) != 1:
        return False
    word, other = only_first.pop(), only_second.pop()
    if min(len(word), len(other)) < _SHORTEST_FORGIVEN or not (word.isalpha() and other.isalpha()):
        return False
    return _edits_at_most_one(word, other)


def _edits_at_most_one(word: str, other: str) -> bool:
    """A letter added, left out, changed or two swapped (rapidfuzz's OSA distance ≤ 1, written out:
    the shipped trial's own names reach this, and rapidfuzz's import costs `near --by hospital` 30 ms)."""
    if abs(len(word) - len(other)) > 1:
        return False
    start = next((index for index, (a, b) in enumerate(zip(word, other)) if a != b), min(len(word), len(other)))
    if len(word) == len(other):
        return (word[start + 1:] == other[start + 1:]
                or (word[start:start + 2] == other[start:start + 2][::-1] and word[start + 2:] == other[start + 2:]))
    longer, shorter = (word, other) if len(word) > len(other) else (other, word)
    return longer[start + 1:] == shorter[start:]


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
