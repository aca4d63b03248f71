"""The streams for scripts and the person's notices: JSON and CSV on stdout, notices on stderr.

The standard library only: nothing here imports Rich, so `--json`, `--format csv` and an error
line never pay its import (see benchmarks/startup.py).
"""

from __future__ import annotations

import csv
import json
import os
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from sitefinder.text import is_utf8, printable, wrap_words

# Characters that start a formula in a spreadsheet (OWASP's list): a CSV cell starting with one is
# prefixed with ' so that opening the file runs nothing. A plain negative number stays a number.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_json(payload: Any) -> None:
    # JSON's own \u escapes where stdout cannot hold a character: still valid JSON, and the same data.
    sys.stdout.write(json.dumps(payload, ensure_ascii=not _stdout_is_utf8(), indent=2) + "\n")
    sys.stdout.flush()


def write_csv(header: Sequence[str], rows: Iterable[Sequence[str]], bom: bool = False) -> None:
    """One CSV row per row of cells (already text, see `csv_cell`); the header alone when there are none.
    `bom`: a byte-order mark first, by which a spreadsheet in a Chinese locale knows the file is UTF-8."""
    if bom:
        sys.stdout.write("\ufeff")
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    sys.stdout.flush()


def csv_cell(value: Any) -> str:
    """A value as a CSV cell: null as empty, numbers as written, text made inert (controls shown,
    a formula start quoted)."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = printable(str(value))
    if text.startswith(_FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text and text.lstrip("+-")[:1].isdigit()


def notice(message: str) -> None:
    """A message for the person, never for a script: stderr, one line, plain text.

    Not through Rich: an error path (a typo's "did you mean") should not pay Rich's import.
    """
    if sys.stderr is not None:  # `2>&-` closes it: then there is nowhere to say anything
        width = notice_width()
        text = printable(message)
        lines = wrap_words(text, width, cell_width) if width else [text]
        print("\n".join(lines), file=sys.stderr, flush=True)


def notice_width() -> int:
    """The width to wrap notices at on a terminal, as its own wrapping would break words: COLUMNS
    when it is set, else the terminal's. 0 (one line, not wrapped) when stderr is a file or a pipe:
    a log or a script reads each notice and error as one line."""
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
    return min(max(columns, 20), 1000)


def cell_width(text: str) -> int:
    """Terminal cells, without Rich: East Asian wide and full-width characters take two, combining
    marks none (unicodedata's tables, as Rich's own measure follows)."""
    return sum(0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
               for char in text)


def _stdout_is_utf8() -> bool:
    return is_utf8(getattr(sys.stdout, "encoding", None) or "utf-8")  # in-memory streams name none
