"""The one reader of numbers that come from other hands: sites files, the registry, the geocoder.

Python's `float()` is lenient in ways that turn junk into places: it reads `1_0` as 10, Arabic-Indic
(`٢٣`) and full-width (`２３`) digits as numbers, `nan` and `inf` as floats, and a JSON `true` is an
int to it. A coordinate is a plain decimal number written in ASCII, or a JSON number (never a
boolean), finite and in range; anything else is refused with a reason, where it enters.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from typing import Any

# ASCII digits only (re's \d would take every Unicode digit), an optional sign, fraction and exponent.
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)


# The characters a text that _DECIMAL matches is written in. Among the texts written in these
# only, float() reads exactly those _DECIMAL matches (it reads other texts too: `1_0`, `٢٣`, ` 1`,
# `nan`, `inf`, each with a character not here), so a column of them is read by one check of its
# characters and float() of each, not a pattern matched each.
_DECIMAL_CHARACTERS = b"0123456789.+-eE"


def decimals(texts: Sequence[str]) -> list[float] | None:
    """`decimal` of each text (a column of a file, each stripped), or None when one is not the text
    of a finite decimal number; the caller reads such a column text by text, which says why."""
    joined = "".join(texts)
    if not joined.isascii() or joined.encode("ascii").translate(None, _DECIMAL_CHARACTERS):
        return None
    try:
        numbers = list(map(float, texts))
    except ValueError:
        return None
    return numbers if all(map(math.isfinite, numbers)) else None


def decimal(value: Any) -> float:
    """A JSON number or the ASCII text of a decimal number, finite; a ValueError that says what it is not."""
    number = _reading(value)
    if isinstance(number, tuple):
        from sitefinder.wording import said  # the words of the ValueError: the caller says them after the value

        raise ValueError(said(number[0], **number[1]))
    return number


def _reading(value: Any) -> float | tuple[str, dict[str, object]]:
    """The number `decimal` reads, or the catalogue key and values of why the value is none: one
    rule for `decimal`, which says why, and `is_coordinate`, which only asks (an import of a
    registry answer without geoPoints asks it of every row, and building the words of an error
    nobody reads took 6 µs a row, a quarter of the rest of reading a location)."""
    if value is None:
        return "number.none", {}
    if isinstance(value, bool):
        return "number.word", {"word": str(value).lower()}
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip()
        if text.lstrip("+-").lower() in ("nan", "inf", "infinity"):
            return "number.not_finite", {}
        if not _DECIMAL.fullmatch(text):
            return "number.not_ascii", {}
        number = float(text)
    else:
        return "number.word", {"word": type(value).__name__}
    if not math.isfinite(number):
        return "number.not_finite", {}
    return number


# The ways of writing kilometres after a distance's number (casefolded): --within 300km, 300 公里.
KILOMETRES = frozenset(("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "公里", "千米"))
# A distance typed: a decimal number (_DECIMAL's), or one with its thousands grouped by commas in
# threes as the tables print a distance ("1,671.4": views.distance_cell, f"{km:,.1f}"), and what
# follows it, apart by any white space.
_DISTANCE = (r"(?P<number>[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
             r"(?:[eE][+-]?[0-9]+)?))\s*(?P<unit>.*)")


@functools.cache
def _distance_pattern() -> re.Pattern[str]:
    """_DISTANCE, compiled when first used (1.3 M instructions): an import reads coordinates with
    this module, only --within reads a distance."""
    return re.compile(_DISTANCE, re.ASCII | re.DOTALL)


def distance_km(typed: str, option: str = "--within") -> float:
    """A distance typed for `option`, in kilometres: a decimal number with or without a km unit after
    it (300, 300km, 300 KM, 300公里, 300千米), full-width characters read as their ASCII (NFKC:
    ３００ｋｍ, １２．５); a UsageError for no number, and one that says to give kilometres for
    another unit (300 miles, 500m, 300英里: never read as kilometres). Whether the distance is one
    to measure by (finite, above 0) is the query's rule (queries.check_limits)."""
    import unicodedata

    from sitefinder.errors import UsageError
    from sitefinder.text import quoted

    text = unicodedata.normalize("NFKC", typed).strip()
    found = _distance_pattern().fullmatch(text)
    unit = found.group("unit") if found else ""
    if found is None or unit and not unit[0].isalpha():  # a unit is a word: 1_0 is no number
        # a comma that groups no thousands ("1,5": 1.5 to some readers, 15 to others) is said so
        key = "usage.number_comma" if "," in text and any(map(str.isdigit, text)) else "usage.number"
        raise UsageError(key=key, option=option, value=quoted(typed))
    if unit and unit.casefold() not in KILOMETRES:
        raise UsageError(key="usage.within_unit", option=option, value=quoted(typed), number=found.group("number"))
    return float(found.group("number").replace(",", ""))


def coordinate(value: Any, limit: float) -> float:
    """A latitude (`limit` 90) or longitude (180): `decimal`, and within ±limit."""
    number = decimal(value)
    if not -limit <= number <= limit:
        from sitefinder.wording import said

        raise ValueError(said("number.out_of_range", limit=limit))
    return number


def is_coordinate(value: Any, limit: float) -> bool:
    """Whether `coordinate` reads the value, by the same rules, without the words of its errors."""
    number = _reading(value)
    return not isinstance(number, tuple) and -limit <= number <= limit
