"""Tables at 80 columns spend no width on what no row shows: a column empty in every row is left
out, a trial every row shares is said once above the table (as a shared status is)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CTGOV_STUDY, ROOT, make_site, run_cli
from sitefinder.models import Contact

EXPORT = ROOT / "tests" / "fixtures" / "export"
NARROW = {"COLUMNS": "80"}


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("many") / "d"
    run = run_cli("import", str(EXPORT), str(CTGOV_STUDY), "--out", str(out))
    assert run.exit_code == 0, run.stderr
    return out / "sites.csv"


def header(stdout: str) -> str:
    lines = stdout.splitlines()
    return lines[lines.index(next(line for line in lines if line.startswith("─"))) - 1]


def test_a_column_no_row_fills_is_left_out(sites_file) -> None:
    path = sites_file(make_site(1, contacts=()), make_site(2, facility="Other Hospital", contacts=()))
    for args in (("list",), ("near", "Guangzhou")):
        run = run_cli(*args, "--sites", str(path), env=NARROW)
        assert run.exit_code == 0 and "─" in run.stdout, run.stdout
        assert "Investigator" not in run.stdout
    chinese = run_cli("list", "--sites", str(path), "--lang", "zh", env=NARROW)
    assert "研究者" not in chinese.stdout and "─" in chinese.stdout


def test_a_column_one_row_fills_is_kept(sites_file) -> None:
    path = sites_file(make_site(1, contacts=()), make_site(2, facility="Other Hospital",
                                                          contacts=(Contact("Dr Wang", "PRINCIPAL_INVESTIGATOR"),)))
    run = run_cli("list", "--sites", str(path), env=NARROW)
    assert "Investigator" in header(run.stdout) and "Dr Wang" in run.stdout


def test_one_trial_shown_is_said_once_not_in_a_column(dataset: Path) -> None:
    run = run_cli("list", "--all", "--city", "Barcelona", "--sites", str(dataset), env=NARROW)
    assert run.exit_code == 0 and "Trial" not in header(run.stdout)
    assert "Trial of all 3 sites: NCT02856893 APPLE" in run.stdout
    chinese = run_cli("list", "--all", "--city", "Barcelona", "--sites", str(dataset), "--lang", "zh", env=NARROW)
    assert "全部 3 个研究中心的试验：NCT02856893 APPLE" in chinese.stdout


def test_several_trials_shown_keep_the_column(dataset: Path) -> None:
    run = run_cli("list", "--all", "--city", "Wuhan", "--sites", str(dataset), env=NARROW)
    assert "Trial" in header(run.stdout)


@pytest.mark.parametrize("args", [("near", "Guangzhou", "--by", "hospital", "--limit", "3"),
                                  ("near", "Guangzhou", "--limit", "5"), ("list", "--province", "Shandong")])
def test_the_shipped_trial_fits_80_columns_as_a_table(args: tuple[str, ...]) -> None:
    run = run_cli(*args, env=NARROW)
    assert run.exit_code == 0 and "─" * 80 in run.stdout, run.stdout  # a table, not blocks of lines
    assert all(len(line) <= 80 for line in run.stdout.splitlines())
    assert "Trial" not in header(run.stdout)
