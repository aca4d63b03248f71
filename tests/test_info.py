"""`info` through the command line: the trial summarised, in all three formats."""

from __future__ import annotations

import csv
import io

import pytest

from conftest import make_site


def test_info_summarises_the_trial(cli) -> None:
    run = cli("info")
    assert run.exit_code == 0
    for text in ("NCT07010263", "Not yet recruiting", "Phase 3", "480 participants", "Akeso", "Zhifang Yao",
                 "42 in 21 provinces"):
        assert text in run.stdout
    data = cli("info", "--json").json()
    assert data["trial"]["overall_status"] == "NOT_YET_RECRUITING" and data["site_count"] == 42
    rows = dict(csv.reader(io.StringIO(cli("info", "--format", "csv").stdout)))
    assert rows["sponsor"] == "Akeso"


def test_info_without_trial_file_says_so(cli, sites_file) -> None:
    path = sites_file(make_site(1))
    run = cli("info", "--sites", str(path))
    assert run.exit_code == 0 and "no readable trial.json" in run.stderr
    assert cli("info", "--sites", str(path), "--json").json()["site_count"] == 1


@pytest.mark.parametrize("given", ["", " ", "NCT123", "07010263"])
def test_infos_argument_that_is_no_nct_id_is_said_as_the_argument(cli, given: str) -> None:
    """`info ""` said "--trial '' is not an NCT id": info has no --trial; its argument is the id."""
    run = cli("info", given)
    assert run.exit_code == 2 and run.stdout == ""
    assert "is not an NCT id" in run.stderr and "--trial" not in run.stderr


def test_infos_argument_is_read_in_any_case_and_full_width(cli) -> None:
    for written in ("nct07010263", "ＮＣＴ０７０１０２６３"):
        run = cli("info", written, "--json")
        assert run.exit_code == 0, run.stderr
        assert run.json()["trial"]["nct_id"] == "NCT07010263"
