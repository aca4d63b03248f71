"""Tables and key/value blocks laid out as lines for a terminal of a given width.

Pure functions from strings and a width to lines; `render` decides where the lines go and
whether they are emphasised. Cells must already be printable (`text.printable`): nothing here
interprets markup or escape codes, and nothing in a cell is ever read as either.

Why not Rich: importing and running Rich's Table cost 40-45 ms per `near` (measured with
pyinstrument: 24 ms rich.table, 9 ms rich.console, 12 ms printing five rows), a quarter of a
bare Typer app's whole start-up, while the performance target leaves a tenth of it for
everything sitefinder does. What sitefinder's tables need is small: the display width of
Chinese text, word wrapping, shrinking the widest columns first, and a box.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

# The look of Rich's default box (HEAVY_HEAD), kept so that the tables look as they always have.
_TOP, _HEAD, _RULE, _ROW, _BOTTOM = ("┏━┳┓", "┃ ┃┃", "┡━╇┩", "│ ││", "└─┴┘")
_ASCII_BOX = ("+-++", "| ||", "+=++", "| ||", "+-++")
_ZERO_WIDTH_CATEGORIES = ("Mn", "Me", "Cf")  # combining marks, enclosing marks, format characters
MIN_WIDTH = 20  # narrower than this, no layout helps; lines may then run over


def cell_width(text: str) -> int:
    """How many terminal columns the text takes: wide (CJK, emoji) characters two, marks none."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.category(char) in _ZERO_WIDTH_CATEGORIES:
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def wrap(text: str, width: int) -> list[str]:
    """The text in lines of at most `width` columns, broken between words; a longer word is folded."""
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for word in text.split():
        size = cell_width(word)
        if line and used + 1 + size <= width:
            line.append(word)
            used += 1 + size
            continue
        if line:
            lines.append(" ".join(line))
        while size > width:  # no break inside: fold it (Chinese names have no spaces to break at)
            head, word = _chop(word, width)
            lines.append(head)
            size = cell_width(word)
        line, used = ([word], size) if word else ([], 0)
    if line:
        lines.append(" ".join(line))
    return lines or [""]


def _chop(word: str, width: int) -> tuple[str, str]:
    """The longest head of the word that fits in `width` columns (at least one character), and the rest."""
    used = 0
    for index, char in enumerate(word):
        used += cell_width(char)
        if used > width and index > 0:
            return word[:index], word[index:]
    return word, ""


def emphasised(text: str, start: str, reset: str) -> str:
    """The text between an emphasis code and its reset; empty text and empty codes stay as they are."""
    return start + text + reset if text and start else text


def longest_word(text: str) -> int:
    return max((cell_width(word) for word in text.split()), default=0)


def fit_columns(natural: Sequence[int], minimum: Sequence[int], available: int) -> list[int]:
    """Column widths that add up to at most `available`, or as close as whole characters allow.

    The widest column gives up a character first, so the table stays balanced and short values
    (ids, distances) never wrap while a long name still can; words stay whole as long as every
    column is wider than its longest word (`minimum`), and are folded only after that.
    """
    widths = list(natural)
    excess = sum(widths) - available
    for floors in (minimum, [1] * len(widths)):
        while excess > 0:
            shrinkable = [i for i in range(len(widths)) if widths[i] > floors[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=widths.__getitem__)
            widths[widest] -= 1
            excess -= 1
    return widths


def table_lines(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int, *,
                right: Sequence[bool], bold: str = "", reset: str = "",
                ascii_only: bool = False) -> list[str]:
    """A boxed table no wider than `width` (for widths of at least MIN_WIDTH): long cells wrap."""
    top, head, rule, body, bottom = _ASCII_BOX if ascii_only else (_TOP, _HEAD, _RULE, _ROW, _BOTTOM)
    count = len(headers)
    natural = [max([cell_width(headers[i]), *(cell_width(row[i]) for row in rows)]) for i in range(count)]
    minimum = [max([longest_word(headers[i]), *(longest_word(row[i]) for row in rows)]) for i in range(count)]
    frame = 3 * count + 1  # "│ " before every cell, " " after it, and the closing "│"
    widths = fit_columns(natural, minimum, max(width, MIN_WIDTH) - frame)

    def rule_line(chars: str) -> str:
        left, fill, middle, end = chars
        return left + middle.join(fill * (size + 2) for size in widths) + end

    def row_lines(cells: Sequence[str], chars: str, emphasis: str, normal: str) -> list[str]:
        wrapped = [wrap(cell, size) for cell, size in zip(cells, widths)]
        height = max(len(pieces) for pieces in wrapped)
        left, _, middle, end = chars
        lines = []
        for line_number in range(height):
            parts = []
            for pieces, size, flush_right in zip(wrapped, widths, right):
                text = pieces[line_number] if line_number < len(pieces) else ""
                padding = " " * max(size - cell_width(text), 0)
                text = emphasised(text, emphasis, normal)
                parts.append(padding + text if flush_right else text + padding)
            lines.append(f"{left} " + f" {middle} ".join(parts) + f" {end}")
        return lines

    lines = [rule_line(top), *row_lines(headers, head, bold, reset), rule_line(rule)]
    for row in rows:
        lines.extend(row_lines(row, body, "", ""))
    lines.append(rule_line(bottom))
    return lines


def field_lines(fields: Sequence[tuple[str, str]], width: int, *, bold: str = "", reset: str = "") -> list[str]:
    """Name/value pairs as two columns: names on the left, values wrapped to what is left of the width."""
    width = max(width, MIN_WIDTH)
    name_width = min(max((cell_width(name) for name, _ in fields), default=0), width // 3)
    value_width = width - name_width - 2
    lines = []
    for name, value in fields:
        names, values = wrap(name, name_width), wrap(value, value_width)
        for index in range(max(len(names), len(values))):
            label = names[index] if index < len(names) else ""
            text = values[index] if index < len(values) else ""
            padding = " " * (name_width - cell_width(label) + 2)
            lines.append((emphasised(label, bold, reset) + padding + text).rstrip())
    return lines
