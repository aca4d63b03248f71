"""The terminal: Rich, and only here. The one `Console`, data cells as `Text`, tables, widths.

Tables and key/value views are `rich.table.Table`s printed by one `Console` (see `console`) with
markup, emoji and highlighting off; every data cell is a `rich.text.Text`, so `[bold]` in a
facility name prints as those seven characters, and control characters that Rich would pass
through are made visible first by `text.printable`. Imported only when a table or map is drawn.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from sitefinder.output.views import Column, FieldsView, MapView, TableView
from sitefinder.text import is_utf8, printable

# A terminal narrower or wider than this is drawn as if it were this wide: COLUMNS=0 would leave no
# room at all, and COLUMNS=100000000 would have Rich allocate a line of that many cells.
MIN_WIDTH, MAX_WIDTH = 20, 1000


def console() -> Console:
    """The console every table is printed on, made once per command from the environment.

    Rich decides width (COLUMNS, else the terminal of stdin, stdout or stderr, else 80) and
    whether stdout shows emphasis (a terminal, or FORCE_COLOR), and draws an ASCII box where the
    encoding is not UTF-8. NO_COLOR and TERM=dumb turn every escape code off, bold included.
    """
    plain = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    settings: dict[str, Any] = dict(markup=False, emoji=False, highlight=False,
                                    color_system=None if plain else "auto", soft_wrap=False)
    made = Console(**settings)
    if not MIN_WIDTH <= made.width <= MAX_WIDTH:
        made = Console(**settings, width=min(max(made.width, MIN_WIDTH), MAX_WIDTH))
    return made


def width() -> int:
    """The terminal's width in columns, as Rich measures it."""
    return console().width


def cell(console: Console, text: str, style: str = "") -> Text:
    """Data text as a Rich Text: controls made visible, and on a stdout that is not UTF-8 what it
    cannot hold shown as `\\u6cf0` escapes before Rich measures it, so that the columns line up."""
    shown = printable(text)
    encoding = console.encoding
    if not is_utf8(encoding):
        shown = shown.encode(encoding, "backslashreplace").decode(encoding)
    return Text(shown, style=style)


def draw(view: TableView | FieldsView | MapView) -> None:
    if isinstance(view, TableView):
        draw_table(view)
    elif isinstance(view, FieldsView):
        draw_fields(view)
    else:
        draw_map(view)


def draw_table(view: TableView) -> None:
    """A boxed Rich table; on a narrow terminal, one block of labelled lines per row, so nothing is cut off."""
    out = console()
    headers = [column.header for column in view.columns]
    parts: list[Any] = [cell(out, view.title, "bold")] if view.title else []
    cells = [[cell(out, text) for text in row] for row in view.rows]
    widths = column_widths(view.columns, cells, out.width)
    if widths is None:
        for row in view.rows:
            parts += [_grid(out, zip(headers, row)), ""]
    else:
        table = Table(header_style="bold", safe_box=True)
        for column, column_width in zip(view.columns, widths):
            table.add_column(column.header, justify="right" if column.align == "right" else "left",
                             width=column_width, overflow="fold")
        for cells_of_row in cells:
            table.add_row(*cells_of_row)
        parts.append(table)
    parts += [cell(out, line, "dim") for line in view.footer]
    out.print(*parts, sep="\n")  # one print: one render and one write, not one per line


def column_widths(columns: Sequence[Column], rows: Sequence[Sequence[Text]], available: int) -> list[int] | None:
    """Column widths that fit `available` columns without breaking a word, or None when none do.

    Rich's own collapse narrows the widest columns with no regard for words ("Municipalit/y"), so
    the widths are chosen here and Rich draws with them: the widest column gives up a character
    first, never below its longest word (its longest cell where cells stay whole). Narrower than
    that, one block per row reads better than a table of broken words.
    """
    from rich.cells import cell_len

    natural, minimum = [], []
    for index, column in enumerate(columns):
        texts = [column.header, *(row[index].plain for row in rows)]
        natural.append(max(cell_len(text) for text in texts))
        minimum.append(natural[-1] if not column.wrap
                       else max(cell_len(word) for text in texts for word in text.split() or [""]))
    room = available - (3 * len(columns) + 1)  # "│ " before every cell, " " after it, and the closing "│"
    if sum(minimum) > room:
        return None
    widths = list(natural)
    for _ in range(sum(widths) - room):
        widest = max((i for i in range(len(widths)) if widths[i] > minimum[i]), key=widths.__getitem__)
        widths[widest] -= 1
    return widths


def draw_fields(view: FieldsView) -> None:
    """A two-column key/value view, for one site or the trial."""
    out = console()
    out.print(cell(out, view.title, "bold"), _grid(out, view.fields), sep="\n")


def _grid(console: Console, fields: Any) -> Table:
    """Names on the left (bold), values wrapped to what is left of the width."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=False, max_width=max(console.width // 3, 8))
    grid.add_column(overflow="fold")
    for name, value in fields:
        grid.add_row(cell(console, name), cell(console, value))
    return grid


MAP_STYLES = {"coast": "green", "border": "bright_black", "origin": "bold red", "site": "bold yellow", "": ""}


def draw_map(view: MapView) -> None:
    from sitefinder.mapdraw import terminal_cells

    out = console()
    lines: list[Any] = [cell(out, view.title, "bold")]
    for row in terminal_cells(view.scene, view.columns, view.rows, braille=is_utf8(out.encoding)):
        text = Text()
        for dot in row:
            text.append(dot.text, MAP_STYLES[dot.kind])
        lines.append(text)
    lines.append(cell(out, view.origin_line, "red"))
    lines += [cell(out, line) for line in view.site_lines]
    lines += [cell(out, line, "dim") for line in view.footer]
    out.print(*lines, sep="\n", overflow="crop", no_wrap=False)
