"""A map of no site is an error as near's empty answer is: its notices on stderr, exit 1, nothing
on stdout (JSON: the empty answer) and no file written (`map 杭州 --condition zzzz` printed "最近的
0 个研究中心" and an empty map, and --out wrote a map of no site)."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_empty_cause import dataset  # noqa: F401  (the fixture dataset of 11 trials)


@pytest.mark.parametrize("extra", [["杭州", "--condition", "zzzz"], ["杭州", "--condition", "headache", "--country", "China"],
                                   ["Lhasa", "--within", "100"]], ids=" ".join)
@pytest.mark.parametrize("fmt", [[], ["--json"]], ids=["table", "json"])
def test_a_map_of_no_site_is_an_error_with_nothing_drawn(cli, dataset: Path, tmp_path: Path, extra: list[str],
                                                          fmt: list[str]) -> None:
    run = cli("map", *extra, "--sites", str(dataset), *fmt)
    assert run.exit_code == 1
    assert run.stderr.strip() and len(run.stderr.strip().splitlines()) <= 2
    if fmt:
        assert run.json()["sites"] == []  # JSON: the empty answer, as near's
    else:
        assert run.stdout == ""
    out = tmp_path / "map.svg"
    written = cli("map", *extra, "--sites", str(dataset), "--out", str(out))
    assert written.exit_code == 1 and written.stdout == "" and not out.exists()


def test_a_map_emptied_by_two_filters_says_them_and_draws_nothing(cli, dataset: Path) -> None:
    run = cli("map", "杭州", "--condition", "headache", "--country", "China", "--sites", str(dataset))
    assert run.exit_code == 1 and run.stdout == ""
    assert "--condition headache" in run.stderr and "--country China" in run.stderr
    assert "0 个研究中心" not in run.stderr
