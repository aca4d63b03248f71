"""A table uses the width it has: a trial's title is cut to its column's width at a word (two lines
at most, an ellipsis where it is cut), not to a fixed count of characters, so a wide terminal shows
titles whole that a narrow one shortens."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitefinder.catalogue import trials_json_text
from sitefinder.models import Trial

from conftest import make_site, run_cli

LONG = ("A Randomized, Double-blind, Placebo-controlled Phase 3 Study of Ivonescimab With Chemotherapy in "
        "Limited-stage Small Cell Lung Cancer")
TRIALS = (Trial(nct_id="NCT00000001", brief_title=LONG, overall_status="RECRUITING", phase="PHASE3"),
          Trial(nct_id="NCT00000002", brief_title="Aspirin for Headache in Adults", overall_status="COMPLETED"))


@pytest.fixture
def dataset(sites_file) -> Path:
    path = sites_file(make_site(1, "Guangzhou Hospital", nct_id="NCT00000001", status="RECRUITING"),
                      make_site(2, "Shenzhen Hospital", city="Shenzhen", latitude=22.54, longitude=114.06,
                                nct_id="NCT00000002", status="RECRUITING"))
    (path.parent / "trials.json").write_text(trials_json_text(TRIALS), encoding="utf-8")
    return path


def lines_of(stdout: str) -> list[str]:
    return stdout.splitlines()


@pytest.mark.parametrize("command", [["info"], ["list"], ["near", "Guangzhou"], ["near", "Guangzhou", "--by", "hospital"]])
def test_a_wide_terminal_shows_a_long_title_whole(dataset: Path, command: list[str]) -> None:
    run = run_cli(*command, "--sites", str(dataset), env={"COLUMNS": "220"})
    assert run.exit_code == 0, run.stderr
    assert LONG in run.stdout.replace("\n", " ") and "…" not in run.stdout
    assert max(len(line) for line in lines_of(run.stdout)) <= 220


def title_shown(stdout: str) -> tuple[str, int]:
    """The long title's text in info's table (its row's lines joined), and its column's width."""
    lines = stdout.splitlines()
    header = next(line for line in lines if line.startswith("Trial "))
    title_at, status_at = header.index("Title"), header.index("Status")
    row = next(index for index, line in enumerate(lines) if line.startswith("NCT00000001"))
    own = [lines[row], *(line for line in lines[row + 1:row + 2] if not line[:title_at].strip())]
    return " ".join(line[title_at:status_at].strip() for line in own), status_at - title_at - 2


@pytest.mark.parametrize("width", [100, 110])
def test_a_title_too_long_for_two_lines_of_its_column_is_cut_at_a_word(dataset: Path, width: int) -> None:
    run = run_cli("info", "--sites", str(dataset), env={"COLUMNS": str(width)})
    assert run.exit_code == 0, run.stderr
    assert max(len(line) for line in run.stdout.splitlines()) <= width
    shown, column = title_shown(run.stdout)
    assert shown.endswith("…") and LONG.startswith(shown[:-1]), shown
    assert column > len(LONG) // 2 - 40 and len(shown) > column  # two lines of the column it has


def test_a_title_that_two_lines_of_its_column_hold_is_whole(dataset: Path) -> None:
    run = run_cli("info", "--sites", str(dataset), env={"COLUMNS": "160"})
    shown, column = title_shown(run.stdout)
    assert shown == LONG and column < len(LONG)
