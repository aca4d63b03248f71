"""Facilities' names in Chinese: data/facilities_zh.csv (see data/facilities_zh.md for its sources).

Read when Chinese is asked for or typed (`--lang zh`, `show 江门市中心医院`), and by `near --by
hospital`, whose hospitals are one by their Chinese name: a table of 41 rows, parsed in well under a
millisecond. A row is found by the words of its English name (`facility_words`), the one rule by
which a listing is a hospital: every way a study's staff wrote it finds the row.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from typing import NamedTuple

from sitefinder.models import Site
from sitefinder.paths import data_dir
from sitefinder.text import fold

FACILITIES_FILE = "facilities_zh.csv"
MAX_TABLE_BYTES = 1024 * 1024

# A sponsor's number for its site, written after the hospital's name: "Portsmouth Hospitals University
# NHS Trust /ID# 252986" (256 of the 190 real records' locations; AbbVie's studies), "… Site 123",
# "… (Site 456)", "… - Site CN001". Not part of the hospital's name: one hospital in two such studies
# is one hospital. A "Site" without a number stays: it may be a word of the name.
_SPONSOR_SITE_NUMBER = re.compile(
    r"(?:\s*/\s*ID#\s*\d+|\s*[-,–]?\s*\(?\s*\bsite\s*(?:#|no\.?|number)?\s*[a-z]{0,3}\d+\s*\)?)\s*$",
    re.IGNORECASE)
# The medical school a hospital belongs to, written after or before its name or left out:
# "The First Affiliated Hospital, College of Medicine, Zhejiang University" is the "First
# Affiliated Hospital of Zhejiang University School of Medicine".
_MEDICAL_SCHOOL = re.compile(r"\b(?:(?:school|college|faculty) of medicine|medical school)\b")
# Words that name no hospital: articles and joins ("&" is no word either), and the province a
# provincial hospital's name says or not ("Jilin Province Cancer Hospital" is 吉林省肿瘤医院, the
# "Jilin Cancer Hospital"; "Sichuan Provincial People's Hospital" the "Sichuan People's Hospital").
_NOT_A_NAME = frozenset({"the", "of", "and", "at", "a", "an", "province", "provincial"})
WORD_VARIANTS = {"centre": "center", "ctr": "center", "hosp": "hospital", "hosptial": "hospital",
             "univ": "university", "med": "medicine"}
_SHORTEST_FORGIVEN = 6  # a slipped letter is forgiven in words this long: not Hunan/Henan, Renji/Renmin


# A sponsor's site that the registry names by its number alone ("Teva Investigational Site 13840",
# "Research Site 12"): the number is all that tells two of them in one city apart, so it stays.
_ANONYMOUS_SITE = re.compile(r"\b(?:investigational|investigative|research|clinical|study|trial)(?:\s+site)?\s*$", re.IGNORECASE)


def hospital_name(facility: str) -> str:
    """A facility's name as the hospital's, without a sponsor's site number after it."""
    name = facility
    while (found := _SPONSOR_SITE_NUMBER.search(name)) and found.start() < len(name):  # "… Site 12 /ID# 3"
        if "#" not in found.group() and _ANONYMOUS_SITE.search(name[:found.start()]):
            break
        name = name[:found.start()]
    return name.strip() or facility


def facility_words(facility: str) -> tuple[str, ...]:
    """The words that name a hospital, sorted (the one rule by which two listings, or a listing and a
    row of the Chinese names' table, are one hospital): case, accents, punctuation (commas, hyphens,
    "&"), articles, "Province", the medical school it belongs to and a sponsor's site number ignored,
    word order too (a study's staff wrote it), common shortenings read whole ("Univ." University)."""
    text = unicodedata.normalize("NFKD", hospital_name(facility)).casefold()
    text = _MEDICAL_SCHOOL.sub(" ", text.replace("'", "").replace("\u2019", ""))
    words = (WORD_VARIANTS.get(word, word) for word in re.split(r"[^\w]+|_", text) if word)
    return tuple(sorted(word for word in (fold(word) for word in words) if word and word not in _NOT_A_NAME))


def one_slip_apart(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Same words but one, and that one a letter added, left out, changed or two swapped, in a long
    word ("Affilated", "Pecking Union"): two names that differ in any other way are two hospitals
    ("First" and "Second Affiliated Hospital", "Zhongshan" and "Zhongnan")."""
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


class _Table(NamedTuple):
    by_place: dict[tuple[tuple[str, ...], str], str]  # (facility_words, folded city) → Chinese name
    by_name: dict[tuple[str, ...], str]  # facility_words → name, where only one name has those words
    by_city: dict[str, list[tuple[tuple[str, ...], str]]]  # folded city → its rows' words and names
    english: dict[str, tuple[str, ...]]  # Chinese name → the English names the table gives it


@functools.lru_cache(maxsize=1)
def _table() -> _Table:
    """The table, keyed by facility_words: the rule a site is looked up by."""
    from sitefinder.paths import read_bounded

    table = _Table({}, {}, {}, {})
    try:
        text = read_bounded(data_dir() / FACILITIES_FILE, MAX_TABLE_BYTES).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):  # a damaged install: names stay English, nothing fails
        return table
    by_name: dict[tuple[str, ...], set[str]] = {}
    english: dict[str, list[str]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        facility, city, chinese = (row.get(key) or "" for key in ("facility", "city", "facility_zh"))
        words, chinese = facility_words(facility), chinese.strip()
        if words and chinese:
            table.by_place[(words, fold(city))] = chinese
            table.by_city.setdefault(fold(city), []).append((words, chinese))
            by_name.setdefault(words, set()).add(chinese)
            english.setdefault(chinese, []).append(facility)
    table.by_name.update({words: next(iter(names)) for words, names in by_name.items() if len(names) == 1})
    table.english.update({chinese: tuple(names) for chinese, names in english.items()})
    return table


def facility_zh(site: Site) -> str:
    """The site's facility in Chinese, "" when the table does not know it: its row by the words of
    its name (facility_words) in its city, else in any city where one hospital has those words,
    else the one hospital of its city whose name is one slipped letter from it."""
    table = _table()
    words, city = facility_words(site.facility), fold(site.city)
    found = table.by_place.get((words, city)) or table.by_name.get(words)
    if found or not words:
        return found or ""
    slipped = {chinese for other, chinese in table.by_city.get(city, ()) if one_slip_apart(words, other)}
    return next(iter(slipped)) if len(slipped) == 1 else ""


def english_names(chinese: str) -> tuple[str, ...]:
    """The English names the table gives a hospital of that Chinese name (to find its listings by)."""
    return _table().english.get(chinese, ())
