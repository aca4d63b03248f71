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


def test_a_trial_without_facts_is_null_in_every_command(sites_file) -> None:
    """No trial.json beside the sites: `nct_id` is null in `show` and `info` alike (it was "" in `info`)."""
    path = sites_file(make_site(1, province=""))
    for args in (["info"], ["show", "1"], ["list"]):
        run = run_cli(*args, "--json", "--sites", str(path))
        assert run.exit_code == 0, run.stderr
        assert empty_strings(run.json()) == [], args
    assert run_cli("info", "--json", "--sites", str(path)).json()["trial"]["nct_id"] is None
    assert run_cli("show", "1", "--json", "--sites", str(path)).json()["trial"]["nct_id"] is None
    site = run_cli("list", "--json", "--sites", str(path)).json()["sites"][0]
    assert site["province_registry"] is None and site["province"] == "Guangdong"  # the registry wrote none; its city's


def test_import_json_follows_the_null_policy(tmp_path: Path) -> None:
    run = run_cli("import", str(CTGOV_STUDY), "--out", str(tmp_path), "--json")
    assert run.exit_code == 0, run.stderr
    assert empty_strings(run.json()) == []


@pytest.mark.parametrize("args", [["list"], ["near", "Guangzhou"], ["near", "China"], ["near", "山东"], ["near", "台州"],
                                  ["near", "Guangzhou", "--by", "hospital"], ["map", "Jinan"], ["show", "7"], ["info"]])
def test_every_answer_ends_with_its_notices(args: list[str]) -> None:
    """`notices`: what stderr said, as [{"key", "text"}] (key: the catalogue's phrase, or null), last."""
    run = run_cli(*args, "--json")
    assert run.exit_code == 0, run.stderr
    answer = run.json()
    assert list(answer)[-1] == "notices" and isinstance(answer["notices"], list)
    assert [notice["text"] for notice in answer["notices"]] == [line for line in run.stderr.splitlines() if line]
    assert all(set(notice) == {"key", "text"} and (notice["key"] is None or isinstance(notice["key"], str))
               for notice in answer["notices"])


@pytest.mark.parametrize("region", ["China", "山东", "Shandong", "中国"])
def test_a_regions_origin_has_a_places_keys(region: str) -> None:
    """One origin builder: a province or country has every key a city has, null where it has no value."""
    place = "台州" if region in ("山东", "中国") else "Guangzhou"
    assert list(run_cli("near", region, "--json").json()["origin"]) == list(run_cli("near", place, "--json").json()["origin"])
