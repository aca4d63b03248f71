"""`info` through the command line: the trial summarised, in all three formats."""

from __future__ import annotations

import csv
import io

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
