"""What a script reading many trials' answers relies on: the top of an answer of one trial's sites
names that trial, --trial takes a pasted list, --bom wherever CSV is, errors name paths as typed."""

from __future__ import annotations

import re
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


def test_hospitals_of_one_trial_name_it_at_the_top_too(cli, dataset: Path, store: str) -> None:
    document = cli("near", "Guangzhou", "--by", "hospital", "--trial", ONE, "--sites", str(dataset), "--json").json()
    (trial,) = document["trials"]
    assert document["nct_id"] == ONE and document["central_contacts"] == trial["central_contacts"]


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


def test_show_names_the_hospitals_listings_by_other_trials_and_whom_to_call_there(cli, tmp_path: Path,
                                                                                 store: str) -> None:
    """A site without a phone of its own: the same hospital (by near --by hospital's rule, spelt
    otherwise) listed by another trial of the dataset with one is said, in every language and JSON."""
    from test_many_trials import EXPORT, study, write_export

    first, second = study(EXPORT / "NCT05288205.json"), study(EXPORT / "NCT05351788.json")
    location = dict(first["protocolSection"]["contactsLocationsModule"]["locations"][0])
    location.pop("contacts", None)
    first["protocolSection"]["contactsLocationsModule"]["locations"][0] = location
    again = dict(location, facility="  " + location["facility"].upper() + ".",
                 contacts=[{"name": "Ann Lee", "role": "CONTACT", "phone": "+86 20 8734 3088"}])
    second["protocolSection"]["contactsLocationsModule"]["locations"].append(again)
    assert cli("import", str(write_export(tmp_path, [first, second])), "--out", str(tmp_path / "h")).exit_code == 0
    sites = str(tmp_path / "h" / "sites.csv")
    listed = cli("list", "--sites", sites, "--all", "--json").json()["sites"]
    mine = next(site for site in listed if site["facility"] == location["facility"] and site["nct_id"] == "NCT05288205")
    other = next(site for site in listed if site["facility"] == again["facility"].strip())
    run = cli("show", str(mine["id"]), "--sites", sites, "--json")
    assert run.exit_code == 0, run.stderr
    (record,) = [row for row in run.json()["same_hospital"] if row["site_id"] == other["id"]]
    assert record["nct_id"] == "NCT05351788" and record["call"]["name"] == "Ann Lee"
    assert record["call"]["central"] is False
    table = cli("show", str(mine["id"]), "--sites", sites, env={"COLUMNS": "200"})
    assert re.search(rf"\nAlso listed +site {other['id']} of NCT05351788: Ann Lee, ", table.stdout), table.stdout
    chinese = cli("show", str(mine["id"]), "--sites", sites, "--lang", "zh", env={"COLUMNS": "200"})
    assert re.search(rf"\n同一医院另见 +NCT05351788 的研究中心 {other['id']}：Ann Lee", chinese.stdout), chinese.stdout
    back = cli("show", str(other["id"]), "--sites", sites, "--json").json()["same_hospital"]
    assert mine["id"] in {row["site_id"] for row in back}  # each listing names the other
    lone = cli("show", "1", "--json").json()  # the shipped trial: no other trial lists its hospitals
    assert lone["same_hospital"] == []
