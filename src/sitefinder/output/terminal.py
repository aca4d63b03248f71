"""The terminal: Rich, and only here. The one `Console`, data cells as `Text`, tables, widths.

Tables are `rich.table.Table`s and key/value views two-column `Grid`s, printed by one `Console` (see
`console`) with markup, emoji and highlighting off; every data cell is a `rich.text.Text`, so `[bold]` in a
facility name prints as those seven characters, and control characters that Rich would pass
through are made visible first by `text.printable`. Imported only when a table or map is drawn.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from sitefinder.output.views import Column, FieldsView, MapView, TableView
from sitefinder.lines import wrap_cut, wrap_words
from sitefinder.text import UNBROKEN_SPACE, is_utf8, printable, printable_lines, usable_columns

if TYPE_CHECKING:  # rich.table (and what it imports) only where a table is drawn: a map or a key/value view has none
    from rich.segment import Segment
    from rich.style import Style
    from rich.table import Table



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
    if usable_columns(made.width) != made.width:  # 0 or a few columns: unknown, 80 (text.MIN_COLUMNS)
        made = Console(**settings, width=usable_columns(made.width))
    return made


def width() -> int:
    """The terminal's width in columns, as Rich measures it."""
    return console().width


def cell(console: Console, text: str, style: str = "", lines: bool = False) -> Text:
    """Data text as a Rich Text: controls made visible (line breaks kept when `lines`), and on a
    stdout that is not UTF-8 what it cannot hold shown as `\\u6cf0` escapes before Rich measures
    it, so that the columns line up."""
    shown = printable_lines(text) if lines else printable(text)
    encoding = console.encoding
    if not is_utf8(encoding):
        shown = shown.encode(encoding, "backslashreplace").decode(encoding)
    return Text(shown, style=style)


def title_cell(console: Console, title: str) -> Text:
    """A view's title in bold, wrapped by lines.wrap_words as every other line is (Rich's own folding
    breaks at any space: "最近的 5" on one line, "个研究中心" on the next)."""
    shown = printable(title)
    return cell(console, "\n".join(wrap_words(shown, console.width, _cells)) if shown else shown, "bold", lines=True)


def print_trimmed(out: Console, *parts: Any) -> None:
    """Print `parts`, one under another, without the spaces Rich pads every cell and line with:
    a piped answer has no line that ends in spaces (a diff or a `grep 'x$'` sees the text)."""
    with out.capture() as captured:
        out.print(*parts, sep="\n")
    out.file.write("\n".join(line.rstrip(" ") for line in captured.get().split("\n")))
    out.file.flush()


def draw(view: TableView | FieldsView | MapView) -> None:
    from sitefinder.output.streams import for_people
    from sitefinder.output.views import written

    view = written(view, for_people)  # in the characters chosen (Traditional, else Simplified), before they are measured
    if isinstance(view, TableView):
        draw_table(view)
    elif isinstance(view, FieldsView):
        draw_fields(view)
    else:
        draw_map(view)


# Below this many columns no table of sites reads well (the facility column would be a word wide):
# one block of labelled lines per row instead.
MIN_TABLE_WIDTH = 60
# The lines a cut cell (Column.lines) takes in a block: a block's lines are the terminal's width,
# and two hold most trials' titles (at 80 columns, 136 cells).
BLOCK_LINES = 2
# Between two columns: one space of padding and the divider (a space); none at the edges. A boxed
# table spends 3 cells a column and 3 lines on rules: at 80 columns that is the facility column's
# room and the screen's last lines (measured on `near Guangzhou`: 28 lines boxed, 21 compact).
GAP = 2


def draw_table(view: TableView) -> None:
    """A compact Rich table (a rule under the header, columns two spaces apart); below
    MIN_TABLE_WIDTH columns, or when no widths fit, one block of labelled lines per row. The
    tables of `view.then` follow, each drawn the same way, and then the footer."""
    out = console()
    parts = table_parts(out, view)
    for table in view.then:
        parts += [*([""] if parts[-1:] != [""] else []), *table_parts(out, table)]  # blocks end in a blank line
    parts += footer_cells(out, view.footer)
    print_trimmed(out, *parts)  # one print: one render and one write, not one per line


def table_parts(out: Console, view: TableView) -> list[Any]:
    """What draw_table prints of one table: its title, lead lines and rows, without its footer."""
    headers = [column.header for column in view.columns]
    parts: list[Any] = [title_cell(out, view.title)] if view.title else []
    parts += [cell(out, part, style) for line, style in view.lead for part in wrap_words(line, out.width, _cells)]
    texts = [[shown(out, text) for text in row] for row in view.rows]
    styles = view.styles or [[""] * len(view.columns) for _ in view.rows]
    widths = column_widths(view.columns, texts, out.width) if out.width >= MIN_TABLE_WIDTH else None
    if widths is None:
        # One block a row, without its empty cells; a row whose first cell is empty continues the
        # row above (a hospital's other trials), so it joins that block: no empty "#" or "Hospital" line.
        room = _value_room(out, headers)
        for index, row in enumerate(view.rows):
            filled = [(header, text, column) for header, text, column in zip(headers, row, view.columns) if text]
            # a cell of at most `lines` lines is cut here to the block's width, its lines kept as cut
            fields = [(header, "\n".join(wrap_cut(printable(text), room, min(column.lines, BLOCK_LINES), _cells))
                       if column.lines else text)
                      for header, text, column in filled]
            parts.append(_grid(out, fields, frozenset(number for number, (_, _, column) in enumerate(filled)
                                                      if column.lines)))
            following = view.rows[index + 1] if index + 1 < len(view.rows) else None
            if following is None or following[0]:
                parts.append("")
    else:
        parts.append(_table(out, view.columns, widths, texts, styles))
    return parts


def _table(out: Console, columns: Sequence[Column], widths: Sequence[int], texts: Sequence[Sequence[str]],
           styles: Sequence[Sequence[str]]) -> Table:
    """The table itself, each cell wrapped here at its column's width by `lines.wrap_words`, so that
    a phone number is never split (Rich would break it at any space, no-break spaces included)."""
    from rich.box import Box
    from rich.table import Table

    rule = "─" if is_utf8(out.encoding) else "-"
    box = Box(f"    \n    \n {rule}{rule} \n    \n    \n    \n    \n    \n", ascii=rule == "-")
    table = Table(box=box, header_style="bold", show_edge=False, pad_edge=False, padding=(0, 1, 0, 0))
    for column, column_width in zip(columns, widths):
        table.add_column(column.header, justify="right" if column.align == "right" else "left",
                         width=column_width, overflow="fold", no_wrap=not column.wrap)
    for row, row_styles in zip(texts, styles):
        table.add_row(*(Text("\n".join(_wrapped(text, column, column_width)) if column.wrap else text, style=style)
                        for text, style, column, column_width in zip(row, row_styles, columns, widths)))
    return table


def _wrapped(text: str, column: Column, width: int) -> list[str]:
    """A cell's lines at its column's width: all of them, or its first `column.lines`, cut at a word."""
    return wrap_cut(text, width, column.lines, _cells) if column.lines else wrap_words(text, width, _cells)


def _cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def shown(console: Console, text: str) -> str:
    """Data text as a terminal shows it (see `cell`), before it is measured and wrapped."""
    text = printable(text)
    encoding = console.encoding
    return text if is_utf8(encoding) else text.encode(encoding, "backslashreplace").decode(encoding)


def footer_cells(out: Console, footer: Sequence[str]) -> list[Text]:
    """Footer lines wrapped here, never inside a phone number (see lines.wrap_words), then printed as they are."""
    return [cell(out, part, "dim") for line in footer for part in wrap_words(line, out.width, _cells)]


def column_widths(columns: Sequence[Column], rows: Sequence[Sequence[Text | str]], available: int,
                  gap: int = GAP) -> list[int] | None:
    """Column widths that fit `available` columns without breaking a word, or None when none do.

    Rich's own collapse narrows the widest columns with no regard for words ("Municipalit/y"), so
    the widths are chosen here and Rich draws with them: the widest column gives up a character
    first, never below its longest unbreakable piece (a word, or a whole phone number: see
    lines.wrap_words; its longest cell where cells stay whole; its first word where cells are cut
    to their column, Column.lines). Narrower than that, one block per
    row reads better than a table of broken words. `gap`: the cells between two columns.
    """
    natural, minimum = [], []
    for index, column in enumerate(columns):
        texts = set([column.header, *(_plain(row[index]) for row in rows)])  # a status or city repeats down a column
        natural.append(max(_cells(text) for text in texts))
        if not column.wrap:
            minimum.append(natural[-1])
        elif column.lines:  # cut to fit (lines.wrap_cut): only its first word must be whole (a trial's id)
            minimum.append(max(_cells(wrap_words(text, 1, _cells, whole=True)[0]) for text in texts))
        else:  # an e-mail address whole too: a column as wide as it, else blocks (where it has the line)
            minimum.append(max(_cells(piece) for text in texts for piece in wrap_words(text, 1, _cells, whole=True)))
    room = available - gap * (len(columns) - 1)
    if sum(minimum) > room:
        return None
    widths = list(natural)
    for _ in range(sum(widths) - room):
        widest = max((i for i in range(len(widths)) if widths[i] > minimum[i]), key=widths.__getitem__)
        widths[widest] -= 1
    return widths


def _plain(text: Text | str) -> str:
    return text if isinstance(text, str) else text.plain


def draw_fields(view: FieldsView) -> None:
    """A two-column key/value view, for one site or the trial."""
    out = console()
    print_trimmed(out, title_cell(out, view.title), _grid(out, view.fields, view.lines))


def _names_width(console: Console, names: Sequence[str]) -> int:
    """The cells the names of a key/value grid (_grid) take: the widest, at most a third of the width."""
    from rich.cells import cell_len

    return min(max((cell_len(name) for name in names), default=0), max(console.width // 3, 8))


def _value_room(console: Console, names: Sequence[str]) -> int:
    """The cells a value of a key/value grid (_grid) is wrapped to, beside the widest of `names`."""
    return max(console.width - _names_width(console, names) - 2, 10)


def _grid(console: Console, fields: Any, lines: frozenset[int] = frozenset()) -> Grid:
    """Names on the left (bold), values wrapped to what is left of the width. `lines`: the indexes
    of the values whose line breaks are breaks (FieldsView.lines); in any other a break is shown
    as `\\x0a`, as every view shows a control character of the data (text.printable)."""
    from rich.cells import cell_len

    fields = [(cell(console, name), value) for name, value in fields]  # measured as shown
    names = [name.plain for name, _ in fields]
    names_width, room = _names_width(console, names), _value_room(console, names)
    rows = []
    for index, (name, value) in enumerate(fields):
        # Wrapped here, line by line, so that a phone number is never split (see lines.wrap_words):
        # made visible first, so that a control is measured as the characters it is shown as. A word
        # wider than the value's room (an e-mail address) is broken there where a reader rejoins it
        # (contacts.copy_pieces), and what is still wider is folded in the value column (Grid): every
        # line of a value starts in its column, as a reader's eye looks for it.
        value = printable_lines(value) if index in lines else printable(value)
        wrapped = [piece for line in value.split("\n") for part in wrap_words(line, room, cell_len, whole=True)
                   for piece in ([part] if cell_len(part) <= room else wrap_words(part, room, cell_len))]
        rows.append((name, cell(console, "\n".join(wrapped), lines=True)))
    longest = max((cell_len(line) for _, value in rows for line in value.plain.split("\n")), default=0)
    return Grid(rows, names_width, max(min(longest, room), 1))


class Grid:
    """Two columns, drawn by Rich without `rich.table` (its import, with `fractions` and `decimal`,
    and its layout pass are about a fifth of what an `import` summary costs in Rich): the widths
    are chosen by `_grid`, each cell is laid out by Rich (`Console.render_lines`, as a table lays out
    its cells: names bold, cut with an ellipsis past their width; values folded), the columns two
    cells apart, every line of a row as tall as its taller cell. The same screen, byte for byte and
    escape code for escape code, as the `Table.grid(padding=(0, 2))` it replaced (a test holds the
    two equal over generated fields and widths)."""

    def __init__(self, rows: Sequence[tuple[Text, Text]], names_width: int, values_width: int) -> None:
        self.rows, self.names_width, self.values_width = rows, names_width, values_width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        bold = console.get_style("bold")
        gap = Segment("  ", bold)
        names = options.update(width=self.names_width, overflow="ellipsis", no_wrap=False, height=None, justify="left")
        values = options.update(width=self.values_width, overflow="fold", no_wrap=False, height=None, justify="left")
        for name, value in self.rows:
            left = [[*line, gap] for line in (_laid_out(console, name, self.names_width, bold)
                                              or console.render_lines(name, names, style=bold))]
            # every line fits its column (nearly every value), else Rich folds the line wider than
            # it (a word _grid could not break) in the value column, where each line of a value starts
            right = _laid_out(console, value, self.values_width) or console.render_lines(value, values)
            yield from self._row(left, right, len(right), bold)

    def _row(self, left: list[Any], right: list[Any], height: int, bold: Any) -> RenderResult:
        from rich.segment import Segment

        height = max(height, len(left), len(right))
        for name_line, value_line in zip(Segment.set_shape(left, self.names_width + 2, height, style=bold),
                                         Segment.set_shape(right, self.values_width, height)):
            yield from name_line
            yield from value_line
            yield Segment.line()


def _laid_out(console: Console, text: Text, width: int, style: Style | None = None) -> list[list[Segment]] | None:
    """A cell's lines as Rich lays them out (in the text's style, under `style`), without Rich's
    pass, when every line fits as it is (Grid's cells were wrapped or are short names, so nearly
    all do); None for a line Rich would fold or cut, or a tab it would expand: Rich then lays it
    out. A `list` of 695 sites in blocks spent half its time in that pass."""
    from rich.cells import cell_len
    from rich.segment import Segment

    if text.spans or "\t" in text.plain:
        return None
    lines = text.plain.split("\n")
    if any(cell_len(line) > width for line in lines):
        return None
    own = console.get_style(text.style) if text.style else None
    shown = style + own if style is not None else own
    # each line padded to the width, as a left-justified Text pads its lines
    return [[Segment(line + " " * (width - cell_len(line)), shown)] for line in lines]


LEGEND_INDENT = "   "
MAP_STYLES = {"coast": "green", "border": "bright_black", "origin": "bold red", "site": "bold yellow", "": ""}


def draw_map(view: MapView) -> None:
    from sitefinder.mapdraw import terminal_cells

    out = console()
    lines: list[Any] = [title_cell(out, view.title)]
    for row in terminal_cells(view.scene, view.columns, view.rows, braille=is_utf8(out.encoding)):
        text = Text()
        for dot in row:
            text.append(dot.text, MAP_STYLES[dot.kind])
        lines.append(text)
    lines.append(cell(out, view.origin_line, "red"))
    for line in view.site_lines:  # wrapped under the facility, past " 1 ": the ranks stand out
        parts = wrap_words(line, max(out.width - len(LEGEND_INDENT), 10), _cells)
        lines += [cell(out, (LEGEND_INDENT if index else "") + part.replace(UNBROKEN_SPACE, " "))
                  for index, part in enumerate(parts)]
    lines += footer_cells(out, view.footer)
    out.print(*lines, sep="\n", overflow="crop", no_wrap=False)
