"""People's words in Traditional characters, for a Traditional locale (zh_TW, zh_HK, zh_MO, zh_Hant).

The catalogue and the gazetteer write Chinese in Simplified characters; under a Traditional locale
the output shows what people read (tables, notices, errors, map files) in Taiwan's standard (`tw`:
OpenCC's s2tw) or Hong Kong's (`hk`: s2hk, for zh_HK and zh_MO). JSON and CSV are data for scripts
and stay as the data are.

By OpenCC's tables (data/traditional.tsv, built from them by scripts/build_traditional.py: see there
why it holds fewer phrases than OpenCC's 1 MB and how it still converts as OpenCC does), in
OpenCC's way: the longest phrase first (头发 → 頭髮, 发现 → 發現; 台州 stays 台州, 台湾 → 臺灣), else
each character's first form, then the region's variants. A name of Hong Kong, Macau or Taiwan
already in Traditional characters is shown as written (東涌, 臺北 under zh_HK).

Imported only under a Traditional locale (`streams.people`), so no other run reads the table.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import NamedTuple

from sitefinder.paths import data_dir

TABLE_FILE = "traditional.tsv"
VARIANTS = ("tw", "hk")


class Tables(NamedTuple):
    first: dict[str, str]  # Simplified character or phrase → its Traditional form (both regions)
    longest: dict[str, int]  # first character → the length of the longest phrase it begins
    variants: dict[str, dict[str, str]]  # region → its variant forms (characters and phrases)
    variant_longest: dict[str, int]  # region → its longest variant phrase
    kept: frozenset[str]  # names shown as written
    # region → its own words for the mainland's, in Traditional characters (Taiwan's 聯絡 for 聯繫):
    # OpenCC's TWPhrases, as far as sitefinder's own wording holds them (scripts/build_traditional.py)
    phrases: dict[str, dict[str, str]]


@functools.lru_cache(maxsize=1)
def tables() -> Tables:
    """The table, read once (measured: see README, "Traditional characters")."""
    with open(data_dir() / TABLE_FILE, encoding="utf-8") as handle:
        return tables_from(handle)


def tables_from(lines: Iterable[str]) -> Tables:
    """The tables of data/traditional.tsv's lines (see scripts/build_traditional.py for its form)."""
    rows: dict[str, dict[str, str]] = {}
    for line in lines:
        if not line.startswith("#"):
            kind, keys, values = line.rstrip("\n").split("\t")
            rows[kind] = dict(zip(keys.split(" "), values.split(" "))) if keys else {}
    variants = {variant: rows.get(variant, {}) for variant in VARIANTS}
    kept = rows.get("kept", {})
    longest = {char: int(length) for char, length in rows.get("longest", {}).items()}
    return Tables({**rows.get("st", {}), **kept}, longest, variants,
                  {variant: max(map(len, table), default=1) for variant, table in variants.items()}, frozenset(kept),
                  {variant: rows.get(f"{variant}_phrases", {}) for variant in VARIANTS})


def convert(text: str, variant: str, table: Tables | None = None) -> str:
    """`text` in Traditional characters, Taiwan's (`tw`) or Hong Kong's (`hk`) standard (by the
    shipped table, or `table`)."""
    if text.isascii():
        return text
    table = table or tables()
    first, longest = table.first, table.longest
    out: list[str] = []
    run: list[str] = []  # the converted characters since the last phrase: one segment, as OpenCC's
    at = 0
    while at < len(text):
        char = text[at]
        for length in range(min(longest.get(char, 1), len(text) - at), 1, -1):
            phrase = text[at:at + length]
            value = first.get(phrase)
            if value is not None:
                if run:
                    out.append(_variant("".join(run), variant, table))
                    run = []
                out.append(value if phrase in table.kept else _variant(value, variant, table))
                at += length
                break
        else:
            run.append(first.get(char, char))
            at += 1
    if run:
        out.append(_variant("".join(run), variant, table))
    return "".join(out)


def _variant(segment: str, variant: str, table: Tables) -> str:
    """A converted segment in the region's words (聯繫 → 聯絡 for Taiwan), then in its variant forms
    (臺 → 台 for Hong Kong), longest first: OpenCC's s2twp passes, its phrases before its variants."""
    phrases = table.phrases[variant]
    if phrases:
        segment = _longest_first(segment, phrases, max(map(len, phrases)))
    return _longest_first(segment, table.variants[variant], table.variant_longest[variant])


def _longest_first(segment: str, forms: dict[str, str], longest: int) -> str:
    """`segment` with each longest key of `forms` replaced by its value, left to right."""
    out: list[str] = []
    at = 0
    while at < len(segment):
        for length in range(min(longest, len(segment) - at), 0, -1):
            value = forms.get(segment[at:at + length])
            if value is not None:
                out.append(value)
                at += length
                break
        else:
            out.append(segment[at])
            at += 1
    return "".join(out)
