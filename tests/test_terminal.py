"""The terminal (output/terminal.py, views drawn): whole tables at pinned widths, Rich only where people read, help and completion.

Expected tables are whole, compared line by line with trailing spaces stripped (Rich pads cells),
so a change in any cell, border or footer shows here.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import typer

from conftest import make_site, run_cli, listing_exit
from sitefinder.cli import app
from sitefinder.models import Contact

NEAR_GUANGZHOU_100 = """\
Sites nearest to Guangzhou, Guangdong, China (23.1167, 113.2500)
Status of all 3 sites: Not yet recruiting (trial)
ID  Facility                                          City      Province      km  Investigator
────────────────────────────────────────────────────────────────────────────────────────────────────
 7  Jiangmen Central Hospital                         Jiangmen  Guangdong   61.5  Gengsheng Yu, M.D.
23  The First Affiliated Hospital of Gannan Medical   Gannan    Jiangxi    347.2  Jie Li, M.D.
    University
 8  Liuzhou People's Hospital                         Liuzhou   Guangxi    414.0  Leili Wang, M.D.
The registry lists no phone or email for these sites: call the trial's central contact, Zhifang Yao,
M.D., 0760-8987 3999 (from abroad +86 760 8987 3999).
Every contact of a site: sitefinder show ID (e.g. sitefinder show 7).
"(trial)": the registry gives no status for the site, so the trial's overall status is shown; ask
the site whether it has opened.
Registry data of 2025-06-08, 540 days old: statuses and contacts may have changed since (older than
30 days); run sitefinder update NCT07010263 to refresh them.
Distances are straight lines between city centres, not travel distances.
"""

NEAR_JINAN_60 = """\
Sites nearest to Jinan, Shandong, China (36.6683, 116.9972)
Status: Not yet recruiting (trial)
ID  Facility            City   Province   km  Investigator
────────────────────────────────────────────────────────────
27  Shandong            Jinan  Shandong  0.0  Zhe Yang, M.D.
    Provincial
    Hospital
The registry lists no phone or email for these sites: call
the trial's central contact, Zhifang Yao, M.D.,
0760-8987 3999 (from abroad +86 760 8987 3999).
Every contact of a site: sitefinder show ID (e.g. sitefinder
show 27).
"(trial)": the registry gives no status for the site, so the
trial's overall status is shown; ask the site whether it has
opened.
Registry data of 2025-06-08, 540 days old: statuses and
contacts may have changed since (older than 30 days); run
sitefinder update NCT07010263 to refresh them.
Distances are straight lines between city centres, not
travel distances.
"""

NEAR_JINAN_59_BLOCKS = """\
Sites nearest to Jinan, Shandong, China (36.6683, 116.9972)
Status: Not yet recruiting (trial)
ID            27
Facility      Shandong Provincial Hospital
City          Jinan
Province      Shandong
km            0.0
Investigator  Zhe Yang, M.D.

The registry lists no phone or email for these sites: call
the trial's central contact, Zhifang Yao, M.D.,
0760-8987 3999 (from abroad +86 760 8987 3999).
Every contact of a site: sitefinder show ID (e.g.
sitefinder show 27).
"(trial)": the registry gives no status for the site, so
the trial's overall status is shown; ask the site whether
it has opened.
Registry data of 2025-06-08, 540 days old: statuses and
contacts may have changed since (older than 30 days); run
sitefinder update NCT07010263 to refresh them.
Distances are straight lines between city centres, not
travel distances.
"""

LIST_SHANDONG_100 = """\
5 sites of NCT07010263
Status of all 5 sites: Not yet recruiting (trial)
ID  Facility                                               City       Province  Investigator
────────────────────────────────────────────────────────────────────────────────────────────────────
27  Shandong Provincial Hospital                           Jinan      Shandong  Zhe Yang, M.D.
28  Shandong Cancer Hospital                               Jinan      Shandong  Hui Zhu, M.D.
29  Linyi People's Hospital                                Linyi      Shandong  Zhongmin Zhang, M.D.
30  Qingdao Central Hospital of Health and Rehabilitation  Qingdao    Shandong  Zhen Zhang, M.D.
    Sciences University
31  Zaozhuang Municipal Hospital                           Zaozhuang  Shandong  Shifeng Kan, M.D.
The registry lists no phone or email for these sites: call the trial's central contact, Zhifang Yao,
M.D., 0760-8987 3999 (from abroad +86 760 8987 3999).
Every contact of a site: sitefinder show ID (e.g. sitefinder show 27).
"(trial)": the registry gives no status for the site, so the trial's overall status is shown; ask
the site whether it has opened.
Registry data of 2025-06-08, 540 days old: statuses and contacts may have changed since (older than
30 days); run sitefinder update NCT07010263 to refresh them.
"""


def stripped(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


@pytest.fixture(autouse=True)
def pinned_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """The footer says how old the data are: the tables here are drawn on one fixed day."""
    import datetime

    import sitefinder.trial

    monkeypatch.setattr(sitefinder.trial, "_today", lambda: datetime.date(2026, 11, 30))


@pytest.mark.parametrize(("args", "width", "expected"), [
    (["near", "Guangzhou", "--limit", "3"], "100", NEAR_GUANGZHOU_100),
    (["near", "Jinan", "--limit", "1"], "60", NEAR_JINAN_60),
    (["near", "Jinan", "--limit", "1"], "59", NEAR_JINAN_59_BLOCKS),
    (["list", "--province", "Shandong"], "100", LIST_SHANDONG_100),
], ids=["near-100", "near-60-table", "near-59-blocks", "list-100"])
def test_whole_table_at_a_pinned_width(args: list[str], width: str, expected: str) -> None:
    run = run_cli(*args, env={"COLUMNS": width})
    assert run.exit_code == 0, run.stderr
    assert stripped(run.stdout) == expected


def test_whole_show_view_at_a_pinned_width() -> None:
    run = run_cli("show", "30", env={"COLUMNS": "100"})
    assert run.exit_code == 0
    assert stripped(run.stdout).splitlines()[:13] == [
        "Qingdao Central Hospital of Health and Rehabilitation Sciences University",
        "Site           30",
        "Facility       Qingdao Central Hospital of Health and Rehabilitation Sciences University",
        "Location       Qingdao, Shandong, China",
        "Status         Not yet recruiting (trial)",
        "               \"(trial)\": the registry gives no status for the site, so the trial's overall status",
        "               is shown; ask the site whether it has opened.",
        "Call           No phone or email listed for this site: call Zhifang Yao, M.D., 0760-8987 3999 (from",
        "               abroad +86 760 8987 3999).",
        "Coordinates    36.0649, 120.3804 (city centre, GeoNames 1797929 (Qingdao))",
        "Contacts       Zhen Zhang, M.D. (primary)",
        "               Xiaotao Zhang, M.D. (backup)",
        "Trial contact  Zhifang Yao, M.D.: 0760-8987 3999 (from abroad +86 760 8987 3999)",
    ]


@pytest.mark.parametrize("width", range(60, 161, 4))
def test_no_word_is_ever_broken_and_no_line_is_too_wide(width: int) -> None:
    """A table when every word fits whole, else one block per site; either way nothing is cut."""
    run = run_cli("list", env={"COLUMNS": str(width)})
    assert run.exit_code == 0
    assert max(len(line) for line in run.stdout.splitlines()) <= width
    for word in ("Rehabilitation", "Heilongjiang", "Investigator", "Zhongmin", "Municipal"):
        assert word in run.stdout.split(), word


def test_column_widths_shrink_the_widest_column_and_never_below_a_word() -> None:
    from rich.text import Text

    from sitefinder.output.terminal import column_widths
    from sitefinder.output.views import Column

    rows = [[Text("1"), Text("The First Affiliated Hospital"), Text("Not yet recruiting (trial)")]]
    columns = (Column("ID", wrap=False), Column("Facility"), Column("Status", wrap=False))
    frame = 2 * 2  # two spaces between columns, none at the edges
    assert column_widths(columns, rows, 200) == [2, 29, 26]  # room to spare: natural widths
    assert column_widths(columns, rows, frame + 2 + 12 + 26) == [2, 12, 26]
    assert column_widths(columns, rows, frame + 2 + 10 + 26) == [2, 10, 26]  # "Affiliated"
    assert column_widths(columns, rows, frame + 2 + 9 + 26) is None  # a word would break: blocks


@pytest.mark.parametrize("name", ["屯門", "广州", "内蒙古", "乌鲁木齐", "香港 九龍"])
def test_a_short_chinese_name_is_never_broken_between_its_characters(name: str) -> None:
    """城/市 and 屯/門 a character a line: a place name of up to four characters is one piece; a table
    that cannot hold it whole is drawn as blocks."""
    from rich.cells import cell_len
    from rich.text import Text

    from sitefinder.output.terminal import column_widths
    from sitefinder.output.views import Column

    columns = (Column("编号", wrap=False), Column("医院"), Column("城市"), Column("状态", wrap=False))
    rows = [[Text("108"), Text("Department of Medicine, the University of Hong Kong"), Text(name),
             Text("尚未开始招募（试验）")]]
    for available in range(30, 90):
        widths = column_widths(columns, rows, available)
        if widths is not None:
            whole = max(cell_len(part) for part in name.split(" "))
            assert widths[2] >= whole, (available, widths)


_WORDS = ["Sites", "file", "a", "Principal investigator", "电话", "联系人", "Supercalifragilisticexpialidocious",
          "+86 760 8987 3999", "0760-8987 3999", "x" * 30, "", " ", "\t", "é", "ext. 12", "\n", "[bold]"]


@settings(deadline=None)  # a cold first call (Rich's imports) took 271 ms on a loaded machine
@given(fields=st.lists(st.tuples(st.lists(st.sampled_from(_WORDS), max_size=4).map(" ".join),
                                 st.lists(st.sampled_from(_WORDS), max_size=25).map(" ".join)), max_size=6),
       lines=st.sets(st.integers(0, 5)), width=st.integers(20, 130),
       colour=st.sampled_from([None, "standard", "truecolor"]))
def test_the_key_value_grid_draws_what_a_rich_table_grid_drew(fields: list[tuple[str, str]], lines: set[int],
                                                              width: int, colour: str | None) -> None:
    """terminal.Grid lays its cells out with Rich and joins them itself, without rich.table: the
    same characters and escape codes as the `Table.grid(padding=(0, 2))` it replaced, built here
    from the same cells and widths (names bold with at most a third of the width, values folded).
    A word wider than its value column (a long e-mail address) is folded there too, as Rich
    folded it: every line of a value starts in its column (test_grid_narrow.py)."""
    from rich.console import Console
    from rich.table import Table

    from sitefinder.output.terminal import _grid

    out = Console(markup=False, emoji=False, highlight=False, color_system=colour, force_terminal=colour is not None,
                  soft_wrap=False, width=width)
    drawn = _grid(out, fields, frozenset(lines))
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=False, max_width=max(width // 3, 8))
    table.add_column(overflow="fold")
    for name, value in drawn.rows:
        table.add_row(name, value)
    with out.capture() as ours:
        out.print(drawn)
    with out.capture() as rich_table:
        out.print(table)
    assert ours.get() == rich_table.get()


def test_markup_and_controls_in_every_cell_print_literally(sites_file) -> None:
    evil = "[bold red]X[/] :smile:"
    path = sites_file(make_site(1, facility=evil, city=evil, province=evil,
                                contacts=(Contact(name="Dr \x1b[2J[blink]Z[/blink]", role="PRIMARY",
                                                  phone="+1 617 555 0100\x07"),)))
    for args in (["list"], ["near", "0,0"], ["show", "1"]):
        run = run_cli(*args, "--sites", str(path), env={"COLUMNS": "200", "FORCE_COLOR": "1", "NO_COLOR": ""})
        assert run.exit_code == 0, run.stderr
        assert "[bold red]X[/] :smile:" in run.stdout  # not markup, not an emoji code
        assert "\\x1b[2J[blink]Z[/blink]" in run.stdout  # the investigator's ESC is shown, not obeyed
        assert "\x1b[2J" not in run.stdout and "\x07" not in run.stdout


def every_command() -> list[str]:
    return sorted(typer.main.get_command(app).commands)


@pytest.mark.parametrize("command", every_command())
def test_every_command_has_help_with_examples_first(command: str) -> None:
    run = run_cli(command, "--help")
    assert run.exit_code == 0 and run.stderr == ""
    assert f"sitefinder {command}" in run.stdout
    assert run.stdout.index("Examples") < run.stdout.index("Options")


@pytest.mark.parametrize("columns", [40, 60, 80, 100])
@pytest.mark.parametrize("command", ["", *every_command()])
def test_help_fits_the_terminal_in_cells_and_copies_clean(command: str, columns: int) -> None:
    """A phone's 40 columns too, and a Chinese example two cells a character: no line wider than
    the terminal, but for one word wider alone (an example's path, kept whole to be copied:
    test_help_examples.py); and what is copied from it is what was written (no invisible marks)."""
    from rich.cells import cell_len

    run = run_cli(*([command] if command else []), "--help", env={"COLUMNS": str(columns)})
    assert run.exit_code == 0, run.stderr
    wide = [line for line in run.stdout.splitlines() if cell_len(line) > columns]
    assert all(len(line.removesuffix(" \\").split()) == 1 for line in wide), wide
    assert all(ord(character) < 0x2000 or character.isprintable() for character in run.stdout)
    assert "\u2060" not in run.stdout


def test_every_command_is_listed_in_the_top_level_help() -> None:
    run = run_cli("--help", env={"COLUMNS": "120"})
    assert run.exit_code == 0
    assert every_command() == sorted(["near", "list", "show", "info", "import", "update", "map"])
    listed = run.stdout[run.stdout.index("Commands:"):].splitlines()
    for command in every_command():
        assert any(line.split()[:1] == [command] for line in listed), command


def complete(words: str) -> list[str]:
    """What bash completion offers after `words` (the last word is being typed)."""
    parts = words.split(" ")
    run = run_cli(env={"_SITEFINDER_COMPLETE": "complete_bash", "COMP_WORDS": words,
                       "COMP_CWORD": str(len(parts) - 1)})
    assert run.exit_code == 0, run.stderr
    return run.stdout.split()


def test_completion_of_provinces_statuses_and_commands() -> None:
    assert complete("sitefinder list --province Sh") == ["Shaanxi", "Shandong", "Shanghai", "Shanxi"]
    assert complete("sitefinder near Beijing --province 山") == ["山东", "山西"]
    assert complete("sitefinder list --status not") == ["not_yet_recruiting"]
    assert complete("sitefinder list --status ") == ["recruiting", "not_yet_recruiting", "active_not_recruiting",
                                                     "enrolling_by_invitation", "completed", "suspended",
                                                     "terminated", "withdrawn", "available"]
    assert complete("sitefinder i") == ["info", "import"]
    assert "--install-completion" in run_cli("--help").stdout


def test_every_completed_status_is_accepted() -> None:
    for status in complete("sitefinder list --status "):
        run = run_cli("list", "--status", status, "--json")
        assert run.exit_code == listing_exit(run.json()), status


# what an answer's JSON is made of, nested: every scalar json.dumps writes (NaN and the infinities
# too), lists and tuples, objects keyed by text and, now and then, by a number or None
_JSON_VALUES = st.recursive(
    st.one_of(st.integers(), st.floats(), st.text(max_size=6), st.none(), st.booleans()),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.lists(inner, max_size=2).map(tuple),
                            st.dictionaries(st.text(max_size=4), inner, max_size=3),
                            st.dictionaries(st.one_of(st.integers(), st.none()), inner, max_size=2)),
    max_leaves=12)


@given(st.lists(st.one_of(st.dictionaries(st.text(max_size=4), _JSON_VALUES, max_size=4), _JSON_VALUES), max_size=4),
       st.dictionaries(st.text(max_size=4), _JSON_VALUES, max_size=3),
       st.dictionaries(st.text(max_size=4), _JSON_VALUES, max_size=2), st.booleans())
def test_streamed_json_is_byte_for_byte_one_dump(items: list, rest: dict, head: dict, ascii_only: bool) -> None:
    import io
    import json

    from sitefinder.output.streams import json_escaped, write_streamed

    rest = {key: value for key, value in rest.items() if key != "sites"}
    head = {key: value for key, value in head.items() if key != "sites" and key not in rest}
    out = io.StringIO()
    write_streamed(out, "sites", iter(items), rest, ensure_ascii=ascii_only, head=head)
    dumped = json.dumps({**head, "sites": items, **rest}, ensure_ascii=ascii_only, indent=2)
    # as write_json writes one dump: the controls json leaves, escaped too where it is not ASCII
    assert out.getvalue() == (dumped if ascii_only else json_escaped(dumped)) + "\n"


def test_streamed_json_refuses_what_json_refuses() -> None:
    import io
    import json

    from sitefinder.output.streams import write_streamed

    for bad in ({"a": {1, 2}}, [object()], {(1, 2): "tuple key"}):
        with pytest.raises(TypeError) as streamed:
            write_streamed(io.StringIO(), "sites", iter([bad]), {})
        with pytest.raises(TypeError) as whole:
            json.dumps(bad, indent=2)
        assert str(streamed.value) == str(whole.value)
