"""Whole screens at 60, 80 and 120 columns, compared as text (#21): what a person sees of `near`
(English and Chinese), `list`, `show` and `info`, with COLUMNS pinned, NO_COLOR, the day pinned
(the footer says how old the data are) and trailing spaces stripped. Each expected screen is a
file in tests/screens/, named by the command and the width; a change in any line shows here.

After a deliberate change of a view, look at the new screens, then rewrite them:
SITEFINDER_WRITE_SCREENS=1 python -m pytest tests/test_screens.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import run_cli

SCREENS = Path(__file__).parent / "screens"
COMMANDS = {
    "near-guangzhou": ["near", "Guangzhou"],
    "near-guangzhou-zh": ["near", "广州"],
    "list-shandong": ["list", "--province", "Shandong"],
    "show-7": ["show", "7"],
    "show-7-zh": ["show", "7", "--lang", "zh"],
    "info": ["info"],
    "info-zh": ["info", "--lang", "zh"],
}


@pytest.fixture(autouse=True)
def pinned_day(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime

    import sitefinder.trial

    monkeypatch.setattr(sitefinder.trial, "_today", lambda: datetime.date(2026, 11, 30))


def screen(args: list[str], width: int) -> str:
    run = run_cli(*args, env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert run.exit_code == 0, run.stderr
    return "\n".join(line.rstrip() for line in (run.stderr + run.stdout).splitlines()) + "\n"


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_whole_screen(name: str, width: int) -> None:
    path = SCREENS / f"{name}-{width}.txt"
    shown = screen(COMMANDS[name], width)
    if os.environ.get("SITEFINDER_WRITE_SCREENS"):
        path.write_text(shown, encoding="utf-8")
    assert shown == path.read_text(encoding="utf-8")
    assert all(len(line) <= width for line in shown.splitlines() if line.isascii())


@pytest.mark.parametrize("name", ["near-guangzhou", "near-guangzhou-zh"])
def test_the_nearest_site_and_whom_to_call_fit_an_80_by_24_screen(name: str) -> None:
    """The last 23 lines (the 24th is the prompt) hold the nearest site's row and the number to call."""
    from rich.cells import cell_len

    lines = screen(COMMANDS[name], 80).splitlines()
    visible = "\n".join(lines[-23:])
    assert visible.count("\n 7  ") + visible.count("\n   7  ") == 1, visible  # site 7 (Jiangmen), the nearest
    assert "0760-8987 3999" in visible and "+86 760 8987 3999" in visible
    assert max(cell_len(line) for line in lines) <= 80


def test_a_table_at_80_columns_says_a_shared_status_once_and_shows_short_provinces() -> None:
    text = screen(["list"], 80)
    assert text.count("Not yet recruiting") == 1 and "Status of all 42 sites" in text
    assert "Municipality" not in text and "Autonomous Region" not in text
    assert len(text.splitlines()) < 150  # a table, not 9-line blocks (304 lines)


def test_a_phone_number_in_a_table_cell_is_never_split(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Every wrapping cell is wrapped by lines.wrap_words at its column's width: Rich would break
    "+86 760 8987 3999" at any of its spaces (an update's "What" cell holds contacts' numbers)."""
    from sitefinder.output.terminal import draw_table
    from sitefinder.output.views import Column, TableView

    what = "contacts: Dr Li (primary): 0760-8987 3999 (from abroad +86 760 8987 3999) → none"
    view = TableView("", (Column("Change"), Column("ID", align="right", wrap=False), Column("Facility"),
                          Column("What")), [["changed", "7", "Jiangmen Central Hospital", what]])
    for width in range(60, 121, 2):
        monkeypatch.setenv("COLUMNS", str(width))
        draw_table(view)
        out = capsys.readouterr().out
        assert "+86 760 8987 3999" in out and "0760-8987 3999" in out, out
        assert max(len(line) for line in out.splitlines()) <= width


def test_notices_wrap_at_the_terminal_width_without_breaking_words(monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    from sitefinder.output import streams

    message = "新疆没有该试验的研究中心；以下是离其省会乌鲁木齐最近的研究中心 and then some English words to wrap"
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("COLUMNS", "40")
    streams.notice(message)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) > 1 and all(streams.cell_width(line) <= 40 for line in lines)
    assert "".join(lines).replace(" ", "") == message.replace(" ", "")  # nothing lost
    assert all(line.split()[-1] in message.split() for line in lines if line[-1:].isascii())  # no word broken


def test_a_notice_to_a_file_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from sitefinder.output import streams

    streams.notice("word " * 40)
    assert len(capsys.readouterr().err.splitlines()) == 1


def test_cell_width_counts_wide_characters_twice() -> None:
    from rich.cells import cell_len

    from sitefinder.output.streams import cell_width

    for text in ("江门市中心医院", "Jiangmen 江门", "（超过 30 天）", "café"):
        assert cell_width(text) == cell_len(text)


def test_chinese_lines_never_start_with_closing_punctuation() -> None:
    from sitefinder.lines import wrap_words

    for width in range(10, 60):
        for line in wrap_words("登记数据日期为 2025-06-08，已有 541 天：此后状态和联系人可能已有变化（超过 30 天）；运行更新。",
                               width, lambda text: sum(2 if ord(c) > 0x2E80 else 1 for c in text))[1:]:
            assert line[:1] not in "，。；：）", (width, line)


def test_info_in_chinese() -> None:
    text = screen(["info", "--lang", "zh"], 80)
    for label in ("状态", "联系电话", "开始日期", "预计完成日期", "年龄、性别", "研究中心"):
        assert f"\n{label} " in text, label
    assert "18 岁及以上；性别不限" in text and "Ages" not in text


def test_statuses_are_coloured_by_class_where_colour_is_on(sites_file) -> None:
    from conftest import make_site

    path = sites_file(make_site(1, facility="Open Hospital", status="RECRUITING"),
                      make_site(2, facility="Later Hospital", status="NOT_YET_RECRUITING"),
                      make_site(3, facility="Shut Hospital", status="WITHDRAWN"))
    colour = {"COLUMNS": "100", "NO_COLOR": "", "FORCE_COLOR": "1"}
    run = run_cli("list", "--all", "--sites", str(path), env=colour)
    assert "\x1b[32mRecruiting" in run.stdout  # open: green
    assert "\x1b[33mNot yet recruiting" in run.stdout  # not yet: yellow
    assert "\x1b[2mWithdrawn" in run.stdout  # closed: dim
    plain = run_cli("list", "--all", "--sites", str(path), env={"COLUMNS": "100"}).stdout
    assert "\x1b" not in plain and "Recruiting" in plain and "Withdrawn" in plain
    once = run_cli("list", "--sites", str(path), "--status", "recruiting", env=colour).stdout
    assert "\x1b[32mStatus: Recruiting" in once  # one site: its status said once, in its colour


@pytest.mark.parametrize("width", [60, 80, 120, 200])
def test_update_help_keeps_no_line_break_of_the_source(width: int) -> None:
    """The docstring's paragraph is three source lines; the help reflows it to the width."""
    run = run_cli("update", "--help", env={"COLUMNS": str(width)})
    lines = [line.strip() for line in run.stdout.splitlines()]
    start = next(index for index, line in enumerate(lines) if line.startswith("This asks"))
    end = next(index for index in range(start, len(lines)) if lines[index].endswith("changes nothing."))
    paragraph = " ".join(lines[start:end + 1])
    assert paragraph.startswith("This asks ClinicalTrials.gov (SITEFINDER_CTGOV_URL to use a mirror) for the study;")
    assert all(len(line) <= width for line in run.stdout.splitlines())
    source_ends = ("nothing else", "to move")  # where the docstring's own lines end
    assert not [line for line in lines[start:end] if line.endswith(source_ends)], lines[start:end + 1]
    assert len(lines[start]) > min(width, 80) - 14  # filled to the width (Click's plain help stops at 80)
