"""A key/value field's every line starts in the value column, a word wider than that column too:
at 40 columns `show` drew "clinicaltrials@novonordisk.com。" from column 8 while the other values
started at 12, and `near --by hospital` an address 10 and 5 cells in under its label. A word wider
than the value column is broken there by lines.wrap_words' rule (an address after its "@", before
a "." of its domain), and what is still wider is folded in the value column."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_site, run_cli
from sitefinder.models import Contact

ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}
LETTERS = string.ascii_lowercase + string.digits
_TOKEN = st.text(LETTERS, min_size=12, max_size=90)
_ADDRESS = st.builds(lambda local, host, top: f"{local}@{host}.{top}", st.text(LETTERS, min_size=3, max_size=40),
                     st.text(LETTERS, min_size=3, max_size=40), st.sampled_from(["com", "org.cn", "edu"]))
_VALUE = st.lists(st.one_of(_TOKEN, _ADDRESS, st.sampled_from(["Call", "Dr Li", "+86 760 8987 3999", "。", "，"])),
                  min_size=1, max_size=5).map(" ".join)


def _drawn(fields: list[tuple[str, str]], width: int) -> tuple[list[str], int]:
    from rich.console import Console

    from sitefinder.output.terminal import _grid

    out = Console(markup=False, emoji=False, highlight=False, color_system=None, soft_wrap=False, width=width)
    grid = _grid(out, fields)
    with out.capture() as captured:
        out.print(grid)
    return captured.get().split("\n")[:-1], grid.names_width + 2


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Email", "联系谁", "试验联系人", "Site"]), _VALUE), min_size=1, max_size=4),
       st.integers(20, 60))
def test_every_line_of_a_value_starts_in_the_value_column(fields: list[tuple[str, str]], width: int) -> None:
    from rich.cells import cell_len

    lines, column = _drawn(fields, width)
    for line in lines:
        assert cell_len(line.rstrip()) <= width, (line, width)
        names, value = line[:column], line[column:]  # the names are ASCII or two-cell characters: cut by cells
        if cell_len(line[:column]) != column:
            continue  # a Chinese name's line: its own cells (held by the tests of Grid)
        if not names.strip():  # a line of a value below its first: it starts in the value column
            assert value[:1] != " " or not value.strip(), (line, column)
    # what the values hold is all there, in order, once the lines are joined
    joined = "".join(line[column:].strip() for line in lines if cell_len(line[:column]) == column)
    for _, value in fields:
        assert "".join(value.split()) in "".join(joined.split()) or any(cell_len(line[:column]) != column
                                                                          for line in lines), (value, lines)


def test_show_and_near_by_hospital_keep_an_address_in_the_value_column(sites_file) -> None:
    contact = Contact(name="Novo Nordisk", role="CONTACT", phone="+1 866-867-7178", email="clinicaltrials.contact@novonordisk.com")
    path = sites_file(make_site(1, facility="Novo Nordisk Investigational Site", contacts=(contact,)))
    for args, label in ((["show", "1"], "联系人"), (["near", "Guangzhou", "--by", "hospital"], "联系谁")):
        run = run_cli(*args, "--sites", str(path), env={**ZH, "COLUMNS": "40"})
        assert run.exit_code == 0, run.stderr
        lines = run.stdout.splitlines()
        start = next(line for line in lines if line.startswith(label))
        column = len(start) - len(start[len(label):].lstrip()) + len(label) - len(label) * 1  # cells: see below
        at = next(index for index, line in enumerate(lines) if "clinicaltrials.contact@" in line)
        from rich.cells import cell_len

        value_column = cell_len(start) - cell_len(start[len(label):].lstrip())
        assert cell_len(lines[at]) - cell_len(lines[at].lstrip()) == value_column, (lines[at], start)
        del column
