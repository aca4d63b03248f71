"""What a script reading many trials' answers relies on: the top of an answer of one trial's sites
names that trial, --trial takes a pasted list, --bom wherever CSV is, errors name paths as typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_many_trials import dataset, store  # noqa: F401  (fixtures)

ONE = "NCT07010263"  # the shipped study, in the fixture dataset with its central contacts


@pytest.mark.parametrize("args", [["list", "--trial", ONE], ["list", "--condition", "small cell lung"],
                                  ["near", "Guangzhou", "--trial", ONE], ["near", "China", "--trial", ONE],
                                  ["map", "Guangzhou", "--trial", ONE]])
def test_an_answer_of_one_trials_sites_names_that_trial_at_its_top(cli, dataset: Path, store: str,
                                                                   args: list[str]) -> None:
    run = cli(*args, "--sites", str(dataset), "--json")
    assert run.exit_code == 0, run.stderr
    document = run.json()
    assert {site["nct_id"] for site in document["sites"]} == {ONE}
    (trial,) = document["trials"]
    assert document["nct_id"] == ONE
    assert document["trial"] == trial["trial"] and document["trial"]
    assert document["central_contacts"] == trial["central_contacts"] and document["central_contacts"]
    assert document["data_date"] == trial["data_date"]


def test_an_answer_of_several_trials_names_none_at_its_top(cli, dataset: Path, store: str) -> None:
    document = cli("list", "--sites", str(dataset), "--all", "--json").json()
    assert len(document["trials"]) > 1
    assert (document["nct_id"], document["trial"], document["central_contacts"]) == (None, None, [])


@pytest.mark.parametrize("command", [["list"], ["near", "Guangzhou"], ["map", "Guangzhou"]])
def test_trial_takes_a_list_of_ids_as_repeated_options(cli, dataset: Path, command: list[str]) -> None:
    repeated = cli(*command, "--sites", str(dataset), "--all", "--json", "-t", ONE, "-t", "NCT05288205")
    assert repeated.exit_code == 0, repeated.stderr
    assert len({site["nct_id"] for site in repeated.json()["sites"]}) == 2
    for listed in (f"{ONE},NCT05288205", f"{ONE}, nct05288205", f"{ONE} NCT05288205"):
        run = cli(*command, "--sites", str(dataset), "--all", "--json", "-t", listed)
        assert run.exit_code == 0 and run.stdout == repeated.stdout, (listed, run.stderr)


def test_a_bad_id_in_a_list_is_named_alone(cli, dataset: Path) -> None:
    run = cli("list", "--sites", str(dataset), "-t", f"{ONE},NCT0528820")
    assert run.exit_code == 2 and run.stdout == ""
    assert "'NCT0528820' is not an NCT id" in run.stderr and "did you mean NCT05288205?" in run.stderr


@pytest.mark.parametrize("command", [["show", "1"], ["info"], ["list"], ["near", "Guangzhou"]])
def test_every_command_that_writes_csv_takes_bom(cli, dataset: Path, command: list[str]) -> None:
    run = cli(*command, "--sites", str(dataset), "--format", "csv", "--bom")
    assert run.exit_code == 0, run.stderr
    assert run.stdout.startswith("\ufeff")
    without = cli(*command, "--sites", str(dataset), "--bom")
    assert without.exit_code == 2 and "--bom is for CSV" in without.stderr


def test_import_and_update_take_bom_too(cli, tmp_path: Path) -> None:
    for command in (["import", "x.json", "--out", str(tmp_path / "d")], ["update"]):
        run = cli(*command, "--bom")  # without --format csv: the option is known, its misuse said
        assert run.exit_code == 2 and "--bom is for CSV" in run.stderr, run.stderr


@pytest.mark.parametrize("out", ["/dev/full", "maps/sites.png"])
def test_a_map_files_error_names_the_path_as_typed(cli, out: str) -> None:
    for extra in ([], ["--json"]):
        run = cli("map", "Guangzhou", "--out", out, *extra)
        assert run.exit_code == 2 and (f"--out {out}:" in run.stderr or f"to {out}," in run.stderr), run.stderr
