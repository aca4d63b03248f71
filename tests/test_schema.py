"""The public JSON (output/schema.py): one null policy across every command, enums and contact
objects everywhere, and the exact shape of each command's answer on the shipped data (tests/golden/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import CTGOV_STUDY, make_site, run_cli


def empty_strings(value: Any, where: str = "") -> list[str]:
    """Every place in a JSON value that holds "" (the null policy says null)."""
    if value == "":
        return [where]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in empty_strings(item, f"{where}.{key}")]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in empty_strings(item, f"{where}[{index}]")]
    return []


@pytest.mark.parametrize("args", [["list"], ["near", "Guangzhou"], ["near", "China"], ["near", "台州"],
                                  ["map", "Jinan"], ["show", "7"], ["info"], ["list", "--lang", "zh"]])
def test_no_command_writes_an_empty_string_for_an_unknown_value(args: list[str]) -> None:
    run = run_cli(*args, "--json")
    assert run.exit_code == 0, run.stderr
    assert empty_strings(run.json()) == []


def test_a_trial_without_facts_is_null_in_every_command(sites_file) -> None:  # type: ignore[no-untyped-def]
    """No trial.json beside the sites: `nct_id` is null in `show` and `info` alike (it was "" in `info`)."""
    path = sites_file(make_site(1, province=""))
    for args in (["info"], ["show", "1"], ["list"]):
        run = run_cli(*args, "--json", "--sites", str(path))
        assert run.exit_code == 0, run.stderr
        assert empty_strings(run.json()) == [], args
    assert run_cli("info", "--json", "--sites", str(path)).json()["trial"]["nct_id"] is None
    assert run_cli("show", "1", "--json", "--sites", str(path)).json()["trial"]["nct_id"] is None
    assert run_cli("list", "--json", "--sites", str(path)).json()["sites"][0]["province"] is None


def test_import_json_follows_the_null_policy(tmp_path: Path) -> None:
    run = run_cli("import", str(CTGOV_STUDY), "--out", str(tmp_path), "--json")
    assert run.exit_code == 0, run.stderr
    assert empty_strings(run.json()) == []
