"""A site shown with its trial's status says why, in `show` as under a table; a status the
registry writes that sitefinder does not know is said at import, never dropped silently."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from sitefinder.status import STATUS_WORDS

from conftest import CTGOV_STUDY


def study() -> dict:
    return json.loads(CTGOV_STUDY.read_text(encoding="utf-8"))


def imported(cli, tmp_path: Path, data: dict, *extra: str):
    tmp_path.mkdir(parents=True, exist_ok=True)
    source = tmp_path / "study.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    return cli("import", str(source), "--out", str(tmp_path / "d"), *extra)


def with_statuses(overall: str, site_statuses: list[str | None]) -> dict:
    data = copy.deepcopy(study())
    data["protocolSection"]["statusModule"]["overallStatus"] = overall
    locations = data["protocolSection"]["contactsLocationsModule"]["locations"]
    for location, status in zip(locations, site_statuses):
        if status is None:
            location.pop("status", None)
        else:
            location["status"] = status
    return data


@pytest.mark.parametrize("overall, own", [("UNKNOWN", "RECRUITING"), ("COMPLETED", "RECRUITING"),
                                          ("TERMINATED", "NOT_YET_RECRUITING"), ("WITHDRAWN", "RECRUITING")])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_show_says_a_sites_own_status_was_set_aside_for_its_trials(cli, tmp_path: Path, overall: str, own: str,
                                                                    lang: str) -> None:
    assert imported(cli, tmp_path, with_statuses(overall, [own])).exit_code == 0
    sites = str(tmp_path / "d" / "sites.csv")
    run = cli("show", "1", "--sites", sites, "--lang", lang)
    assert run.exit_code == 0
    from sitefinder.status import status_word

    text = " ".join(run.stdout.split())
    assert status_word(own, lang) in text and status_word(overall, lang) in text  # both named
    record = cli("show", "1", "--sites", sites, "--json").json()["site"]
    assert (record["status"], record["effective_status"], record["status_source"]) == (own, overall, "trial")


def test_show_of_a_site_without_a_status_says_the_trials_is_shown(cli, tmp_path: Path) -> None:
    assert imported(cli, tmp_path, with_statuses("RECRUITING", [None])).exit_code == 0
    run = cli("show", "1", "--sites", str(tmp_path / "d" / "sites.csv"))
    assert "no status for the site" in " ".join(run.stdout.split())


@pytest.mark.parametrize("written", ["PAUSED", "Open for enrolment", "RECRUITING_SOON"])
def test_a_status_sitefinder_does_not_know_is_said_at_import(cli, tmp_path: Path, written: str) -> None:
    assert written.upper().replace(" ", "_") not in STATUS_WORDS
    data = with_statuses(written, [written, "RECRUITING"])
    run = imported(cli, tmp_path, data, "--json")
    assert run.exit_code == 0, run.stderr
    facility = data["protocolSection"]["contactsLocationsModule"]["locations"][0]["facility"]
    nct_id = data["protocolSection"]["identificationModule"]["nctId"]
    assert run.json()["statuses_not_read"] == [{"of": nct_id, "status": written}, {"of": facility, "status": written}]
    assert sum(written in line for line in run.stderr.splitlines()) == 2
    table = imported(cli, tmp_path / "again", data)
    assert f"{facility}: the registry's status '{written}'" in table.stderr


def _reported(run) -> tuple[list[dict], int]:
    """The statuses not read that a run's JSON gives, and how many stderr lines name them."""
    return run.json()["statuses_not_read"], sum("SUSPENDED_FOR_A_WHILE" in line for line in run.stderr.splitlines())


@pytest.mark.parametrize("lang, words", [("en", "is not one sitefinder knows"), ("zh", "不在 sitefinder 已知的状态中")])
def test_update_says_a_status_it_does_not_know_as_import_does(cli, tmp_path: Path, lang: str, words: str) -> None:
    """One study updated or a dataset of several: what import says of the registry's records, update says too."""
    from fake_services import FakeServices

    written = "SUSPENDED_FOR_A_WHILE"
    data = with_statuses(written, [written, "RECRUITING"])
    facility = data["protocolSection"]["contactsLocationsModule"]["locations"][0]["facility"]
    nct_id = data["protocolSection"]["identificationModule"]["nctId"]
    expected = [{"of": nct_id, "status": written}, {"of": facility, "status": written}]
    imported_run = imported(cli, tmp_path, data, "--json")
    assert _reported(imported_run) == (expected, 2)
    other = copy.deepcopy(study())
    other["protocolSection"]["identificationModule"]["nctId"] = "NCT00000001"
    many = tmp_path / "many"
    many.mkdir()
    (many / "export.json").write_text(json.dumps([data, other]), encoding="utf-8")
    assert cli("import", str(many / "export.json"), "--out", str(many / "d")).exit_code == 0
    with FakeServices() as fake:
        fake.studies[nct_id] = data
        fake.studies["NCT00000001"] = other
        for sites in (tmp_path / "d" / "sites.csv", many / "d" / "sites.csv"):
            run = cli("update", "--sites", str(sites), "--json", "--lang", lang, env={"SITEFINDER_CTGOV_URL": fake.url})
            assert run.exit_code == 0, run.stderr
            assert _reported(run) == (expected, 2)
            assert words in run.stderr
            table = cli("update", "--sites", str(sites), "--lang", lang, env={"SITEFINDER_CTGOV_URL": fake.url})
            assert f"{facility}" in table.stderr and words in table.stderr
