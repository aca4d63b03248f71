"""One slip in the deepest division of a Latin chain ("Suzhou Kunshna"), read as that division with
the same kind of notice as a slip in its city ("Guangzhuo Tianhe", china.one_slip), when its parent
is read exactly and the slipped word is one slip from that parent's one child alone; a word one slip
from two children of the parent stays a suggestion (never a guess).

Generated over parent/child pairs of the division table: every kind of slip, both orders, with a
street after, in English and Chinese answers."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT, run_cli
from sitefinder.china import MIN_SLIP_LETTERS
from sitefinder.distance import sphere_km
from sitefinder.errors import PlaceNotFound, SitefinderError
from sitefinder.queries import open_gazetteer
from sitefinder.resolver import resolve
from sitefinder.text import fold

sys.path.insert(0, str(ROOT / "benchmarks"))
import china as benchmark  # noqa: E402
from test_china_typos import KEYS, _edits, _one_slip  # noqa: E402  (the test's own reading of a slip)

GAZETTEER = open_gazetteer()
DIVISIONS = benchmark.divisions()
BY_CODE = {row["code"]: row for row in DIVISIONS}
ENGLISH = dict(GAZETTEER.rows("SELECT code, english FROM cn_division"))
LATIN = {}
for key, code in GAZETTEER.rows("SELECT key, code FROM cn_key WHERE form IN ('latin', 'exonym', 'suffixed')"):
    LATIN.setdefault(code, set()).add(key)


def _children(parent: str) -> list[str]:
    return [row["code"] for row in DIVISIONS if row["level"] == "county" and row["code"][:4] + "00" == parent]


def _cases(every: int = 5) -> tuple[list[tuple[str, str, str, dict]], list[tuple[str, str]]]:
    """(kind, typed, the word slipped, the child) where the slip matches that child of the parent alone, and (typed,
    the parent) where it matches two children or more."""
    read, ambiguous = [], []
    parents = [row for row in DIVISIONS if row["level"] == "prefecture" and ENGLISH.get(row["code"], "").isalpha()]
    for number, parent in enumerate(parents):
        children = _children(parent["code"])
        for at, code in enumerate(children[::every]):
            word = ENGLISH.get(code, "").split()[0] if ENGLISH.get(code) else ""
            if len(word) < MIN_SLIP_LETTERS + 1 or not word.isalpha():
                continue
            kind = ("wrong", "missing", "doubled", "swapped")[(number + at) % 4]
            slipped = _edits(word)[kind]
            key = fold(slipped)
            if key in KEYS or len(key) < MIN_SLIP_LETTERS:
                continue
            matched = {child for child in children if any(_one_slip(key, known) for known in LATIN.get(child, ()))}
            if any(_one_slip(key, known) for known in LATIN.get(parent["code"], ())):
                continue  # a slip of the city's name too (Dongyying, Dongying): read as the city's, said so
            city = ENGLISH[parent["code"]]
            if matched == {code}:
                row = BY_CODE[code]
                order = (number + at) % 3
                typed = (f"{city} {slipped}", f"{slipped}, {city}", f"{city}, {slipped}, {benchmark.STREET_FIRST}")[order]
                read.append((kind, typed, slipped, row))
            elif len(matched) >= 2:
                ambiguous.append((f"{city} {slipped}", city))
    return read, ambiguous


READ, AMBIGUOUS = _cases()


def test_the_cases_cover_every_kind_and_province() -> None:
    assert {kind for kind, *_ in READ} == {"wrong", "missing", "doubled", "swapped"} and len(READ) >= 300
    assert len({row["code"][:2] for *_, row in READ}) >= 25


@pytest.mark.parametrize(("kind", "typed", "slipped", "county"), READ, ids=[typed for _, typed, _, _ in READ])
def test_a_slip_in_the_deepest_division_is_read_and_said(kind: str, typed: str, slipped: str, county: dict) -> None:
    found = resolve(typed, GAZETTEER)
    km = sphere_km(found.place.latitude, found.place.longitude, float(county["latitude"]), float(county["longitude"]))
    assert km <= 25.0, (typed, found.place, found.notes)
    assert any(f"read {slipped} as {ENGLISH[county['code']]}" in note for note in found.notes), found.notes


def test_a_slip_matching_two_children_stays_a_suggestion() -> None:
    assert len(AMBIGUOUS) >= 3, AMBIGUOUS
    for typed, city in AMBIGUOUS:
        try:
            found = resolve(typed, GAZETTEER)
        except PlaceNotFound:
            continue
        except SitefinderError:
            continue
        assert not any("the one division of" in note for note in found.notes), (typed, found.notes)


def test_the_brief_example_through_the_cli() -> None:
    run = run_cli("near", "Suzhou Kunshna", "--json")
    assert run.exit_code == 0, run.stderr
    assert run.json()["origin"]["name"].startswith("Kunshan") and "read Kunshna as Kunshan" in run.stderr
    zh = run_cli("near", "Suzhou Kunshna", "--lang", "zh")
    assert zh.exit_code == 0 and "“Kunshna”按“Kunshan”理解" in zh.stderr, zh.stderr
