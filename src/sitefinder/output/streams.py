"""The streams for scripts and the person's notices: JSON and CSV on stdout, notices on stderr.

The standard library only: nothing here imports Rich, so `--json`, `--format csv` and an error
line never pay its import (see benchmarks/startup.py).
"""

from __future__ import annotations

import csv
import functools
import json
import math
import operator
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import IO, Any

from sitefinder.text import UNSAFE, inert_cell, is_utf8, printable, usable_columns



def write_json(payload: Any) -> None:
    # JSON's own \u escapes where stdout cannot hold a character: still valid JSON, and the same data.
    ensure_ascii = not _stdout_is_utf8()
    text = json.dumps(payload, ensure_ascii=ensure_ascii, indent=2)
    sys.stdout.write((text if ensure_ascii else json_escaped(text)) + "\n")
    sys.stdout.flush()


# The control characters json leaves as they are (C1, bidi overrides, zero-width ones: it escapes
# only C0), written as JSON's \u escapes: the data stay the same, and a terminal that shows the
# JSON is never reordered by them. Outside strings JSON is ASCII, so a whole text can be escaped.
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in UNSAFE if code >= 0x7F}


def json_escaped(text: str) -> str:
    """JSON text with the controls json leaves (see _JSON_ESCAPES) as \\u escapes."""
    return text if text.isascii() and "\x7f" not in text else text.translate(_JSON_ESCAPES)


def _escaped_string(text: str) -> str:
    """json's string escape (not ensuring ASCII), with the controls it leaves escaped too."""
    encoded = json.encoder.encode_basestring(text)
    return encoded if encoded.isprintable() else encoded.translate(_JSON_ESCAPES)  # one C loop for most


def write_json_streamed(head: Mapping[str, Any], key: str, items: Iterable[Any],
                        rest: Mapping[str, Any] | Callable[[], Mapping[str, Any]]) -> int:
    """`{**head, key: [*items], **rest}` on stdout, written as the items come (see write_streamed);
    how many items there were."""
    count = write_streamed(sys.stdout, key, items, rest, ensure_ascii=not _stdout_is_utf8(), head=head)
    sys.stdout.flush()
    return count


def write_streamed(out: IO[str], key: str, items: Iterable[Any], rest: Mapping[str, Any] | Callable[[], Mapping[str, Any]],
                   ensure_ascii: bool = False, head: Mapping[str, Any] | None = None) -> int:
    """Write `{**head, key: [*items], **rest}` as json.dumps(..., indent=2) would, followed by a newline;
    return how many items were written. `rest` may be a function, called once the items are written
    (what they named: `trials`).

    json.dumps needs the whole payload and then the whole string in memory: for `list --json` of
    1M sites, 1.8 GB and 21.6 s for 180 MB of output. This writes the same bytes (a test holds them
    equal) holding one item at a time, each written by an IndentedJson."""
    indented = IndentedJson(ensure_ascii)
    string = indented.string
    out.write("{")
    for name, value in (head or {}).items():
        out.write("\n  " + string(name) + ": " + indented.text(value, "  ") + ",")
    out.write("\n  " + string(key) + ": [")
    count = 0
    for item in items:
        out.write((",\n    " if count else "\n    ") + indented.text(item, "    "))
        count += 1
    out.write("\n  ]" if count else "]")
    for name, value in (rest() if callable(rest) else rest).items():
        out.write(",\n  " + string(name) + ": " + indented.text(value, "  "))
    out.write("\n}\n")
    return count


class IndentedJson:
    """json.dumps(value, indent=2, ensure_ascii=...) of one value at a time, with each line after
    the first indented by a given text more.

    json.dumps with an indent runs the json module's pure-Python encoder, a generator resumed for
    every token: 175k instructions for one site of `list --json`, most of the command's time at
    600k sites (its C encoder, which writes no indent, is not much quicker on Python 3.11). This
    writes each member by the function that encoder calls for it (the string escape, int.__repr__,
    float.__repr__), an object's keys once for each set of keys, and joins the lines; a value of
    any other kind (an object keyed by other than text, a subclass, a type json does not write) is
    handed to json.dumps itself, which writes, or refuses, exactly as ever."""

    def __init__(self, ensure_ascii: bool) -> None:
        self.ensure_ascii = ensure_ascii
        self.string: Callable[[str], str] = json.encoder.encode_basestring_ascii if ensure_ascii else _escaped_string
        self._heads: dict[tuple[Any, ...], list[str] | None] = {}  # '"key": ' of each key, by an object's keys

    def text(self, value: Any, indent: str) -> str:
        kind = type(value)
        if kind is dict and value:
            keys = tuple(value)
            if keys in self._heads:
                heads = self._heads[keys]
            else:
                if len(self._heads) >= 256:  # bounded: answers have a few shapes of object
                    self._heads.clear()
                heads = self._heads[keys] = ([self.string(key) + ": " for key in keys]
                                             if all(type(key) is str for key in keys) else None)
            if heads is not None:
                inner = indent + "  "
                return ("{\n" + inner + (",\n" + inner).join(map(operator.add, heads, self._members(value.values(), inner)))
                        + "\n" + indent + "}")
        elif (kind is list or kind is tuple) and value:
            inner = indent + "  "
            return "[\n" + inner + (",\n" + inner).join(self._members(value, inner)) + "\n" + indent + "]"
        elif kind is str:
            return self.string(value)
        elif kind is int or kind is float or kind is bool or value is None:
            return self._members((value,), indent)[0]
        text = json.dumps(value, ensure_ascii=self.ensure_ascii, indent=2)
        text = text if self.ensure_ascii else json_escaped(text)
        return text.replace("\n", "\n" + indent)  # no string json.dumps writes holds a raw newline

    def _members(self, values: Iterable[Any], inner: str) -> list[str]:
        """The text of each of a list's items or an object's values, a scalar written here (no
        call for most), anything else by `text`."""
        string, texts = self.string, []
        for value in values:
            kind = type(value)
            if kind is str:
                texts.append(string(value))
            elif value is None:
                texts.append("null")
            elif kind is int:
                texts.append(int.__repr__(value))
            elif kind is float:
                texts.append(float.__repr__(value) if value == value and value not in _INFINITIES
                             else "NaN" if value != value else "Infinity" if value > 0 else "-Infinity")
            elif kind is bool:
                texts.append("true" if value else "false")
            else:
                texts.append(self.text(value, inner))
        return texts


_INFINITIES = (math.inf, -math.inf)


def write_csv(header: Sequence[str], rows: Iterable[Sequence[str]], bom: bool = False) -> int:
    """One CSV row per row of cells (already text, see `csv_cell`); the header alone when there are none.
    `bom`: a byte-order mark first, by which a spreadsheet in a Chinese locale knows the file is UTF-8.
    Returns how many rows were written."""
    if bom:
        sys.stdout.write("\ufeff")
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    sys.stdout.flush()
    return count


def csv_cell(value: Any) -> str:
    """A value as a CSV cell: null as empty, a number of the data as written, text made inert
    (controls shown, a formula start quoted: text.inert_cell, however much it looks like a number)."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return inert_cell(printable(str(value)))


# The Traditional characters people's words are shown in ("tw", "hk": output.traditional), or None
# for Simplified ones (output.simplified: Taiwan's, Hong Kong's and Macau's names too); chosen once
# a run, at the CLI boundary (process.guarded: `--lang`, the locale).
_script: list[str | None] = [None]
# The Chinese words of the command line, kept as typed inside a command a notice suggests (for_people)
_typed: list[frozenset[str]] = [frozenset()]


def show_in(script: str | None, typed: Iterable[str] = ()) -> str | None:
    """Show people's words in `script` from now on, the Chinese words of the command line (`typed`)
    as typed inside a suggested command; returns the script shown in before."""
    from sitefinder.lines import wrapped_in

    before, _script[0] = _script[0], script
    wrapped_in(script)  # its own labels (尚未開始招募) whole in the characters shown
    _typed[0] = frozenset(word.strip() for word in typed if not word.isascii())
    return before


def shown_in() -> str | None:
    return _script[0]


# A command a notice suggests ("sitefinder near 九龍 --sites 'my trials'"): its words, each bare or
# quoted as wording.command quotes them, up to the prose around it (a space-less Chinese mark, a
# bracket). A word of it the person typed stays in the characters it was typed in: pasted, the
# command must answer what it did (九龍 is Kowloon, 九龙 Sichuan's county); sitefinder's own words
# in it (编号 of "sitefinder show 编号") are converted as the prose is.
_COMMAND = r"sitefinder(?: (?:'[^']*'|[^\s'，。；：、）)」]+))+"
_COMMAND_WORD = r"'[^']*'|[^ ]+"


@functools.cache
def _pattern(pattern: str) -> re.Pattern[str]:
    """_COMMAND or _COMMAND_WORD, compiled when first used (2.1 M instructions the two): only
    Chinese words for people with a typed word in a suggested command read them, every command
    imports this module."""
    return re.compile(pattern)


def for_people(text: str) -> str:
    """Text a person reads, in the characters chosen (`show_in`): Traditional under a Traditional
    locale or --lang (the table of Traditional characters is read only then), else Simplified,
    every place's name included (臺灣臺北 is 台湾台北 for zh-CN), but never inside a command it
    suggests (_COMMAND). Never for JSON or CSV."""
    script = _script[0]
    if script is None and text.isascii():  # most English: no table looked at
        return text
    def converted(part: str) -> str:
        if script is None:
            from sitefinder.output.simplified import simplified

            return simplified(part)
        from sitefinder.output.traditional import convert

        return convert(part, script)

    typed = _typed[0]
    if not typed or "sitefinder" not in text:
        return converted(text)

    def command(found: re.Match[str]) -> str:
        return _pattern(_COMMAND_WORD).sub(lambda word: word.group() if word.group().strip("'") in typed
                                           else converted(word.group()), found.group())

    parts, start = [], 0
    for found in _pattern(_COMMAND).finditer(text):
        parts += [converted(text[start:found.start()]), command(found)]
        start = found.end()
    return "".join([*parts, converted(text[start:])])


def notice(message: str) -> None:
    """A message for the person, never for a script: stderr, plain text; one line, wrapped at the
    width of a terminal (see `notice_width`) so that the terminal never breaks a word.

    Not through Rich: an error path (a typo's "did you mean") should not pay Rich's import.
    """
    if sys.stderr is not None:  # `2>&-` closes it: then there is nowhere to say anything
        width = notice_width()
        text = printable(for_people(message))
        if width:  # a terminal: wrapped (a notice to a file or a pipe, most runs, imports no wrapping)
            from sitefinder.lines import wrap_words

            lines = wrap_words(text, width, cell_width)
        else:
            lines = [text]
        print("\n".join(lines), file=sys.stderr, flush=True)


def notice_width() -> int:
    """The width to wrap notices at on a terminal, as its own wrapping would break words: COLUMNS
    when it is set, else the terminal's; 80 when that is 0 or a few columns (a pty that reports
    0×0: text.usable_columns, as tables are drawn). 0 (one line, not wrapped) when stderr is a file
    or a pipe: a log or a script reads each notice and error as one line."""
    stream = sys.stderr
    try:
        if stream is None or not stream.isatty():
            return 0
    except (AttributeError, ValueError):
        return 0
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(stream.fileno()).columns
        except (AttributeError, OSError, ValueError):
            return 0
    return usable_columns(columns)


def cell_width(text: str) -> int:
    """Terminal cells, without Rich: East Asian wide and full-width characters take two, combining
    marks none (unicodedata's tables, as Rich's own measure follows)."""
    return sum(0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
               for char in text)


def progress(message: str) -> None:
    """How far a long piece of work has come (a first index build of a large file, once it has
    taken a second): one line on stderr, and only to a person watching a terminal, so that a
    script's stderr stays what it was. The core is given it as a callback (queries.open_sites)."""
    if stderr_is_terminal():
        import os

        from sitefinder.wording import locale_language, spoken

        notice(spoken(message, locale_language(os.environ)))  # the core's phrase, in the locale's language


def stderr_is_terminal() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced by something without a file, or closed
        return False


def _stdout_is_utf8() -> bool:
    return is_utf8(getattr(sys.stdout, "encoding", None) or "utf-8")  # in-memory streams name none
