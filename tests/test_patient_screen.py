"""What a patient sees (issue 21): joinable sites first, their language, numbers they can dial."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitefinder.status import STATUS_WORDS, joinable, status_class

from conftest import make_site


def _trial_beside(path: Path, **facts: object) -> Path:
    base = {"nct_id": "NCT00000001", "brief_title": "A test trial", "overall_status": "RECRUITING"}
    (path.parent / "trial.json").write_text(json.dumps({**base, **facts}), encoding="utf-8")
    return path


# ---------------------------------------------------------------- point 2: joinable sites by default

@pytest.mark.parametrize("status, kind", [("RECRUITING", "open"), ("ENROLLING_BY_INVITATION", "open"),
                                          ("NOT_YET_RECRUITING", "not_yet"), ("WITHDRAWN", "closed"),
                                          ("COMPLETED", "closed"), ("ACTIVE_NOT_RECRUITING", "closed"),
                                          ("TERMINATED", "closed"), ("SUSPENDED", "closed")])
def test_status_class_says_open_not_yet_or_closed(status: str, kind: str) -> None:
    assert status_class(status) == kind
    assert joinable(status) == (kind != "closed")


def test_every_status_has_a_class() -> None:
    assert {status_class(status) for status in STATUS_WORDS} <= {"open", "not_yet", "closed", "unknown"}
    assert status_class(None) == "unknown"


def _mixed(sites_file) -> Path:  # type: ignore[no-untyped-def]
    path = sites_file(make_site(1, "Open Hospital", status="RECRUITING"),
                      make_site(2, "Gone Hospital", latitude=23.2, status="WITHDRAWN"),
                      make_site(3, "Done Hospital", latitude=23.3, status="COMPLETED"),
                      make_site(4, "Trial Status Hospital", latitude=23.4))
    return _trial_beside(path, overall_status="RECRUITING")


def test_near_leaves_out_closed_sites_and_says_how_to_see_them(cli, sites_file) -> None:  # type: ignore[no-untyped-def]
    path = _mixed(sites_file)
    result = cli("near", "Guangzhou", "--sites", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    assert [site["id"] for site in result.json()["sites"]] == [1, 4]
    assert result.json()["closed_left_out"] == 2
    assert "2 closed sites" in result.stderr and "--all" in result.stderr
    every = cli("near", "Guangzhou", "--sites", str(path), "--all", "--json")
    assert sorted(site["id"] for site in every.json()["sites"]) == [1, 2, 3, 4]
    assert "--all" not in every.stderr


def test_list_leaves_out_closed_sites_unless_all(cli, sites_file) -> None:  # type: ignore[no-untyped-def]
    path = _mixed(sites_file)
    shown = cli("list", "--sites", str(path), "--json").json()
    assert [site["id"] for site in shown["sites"]] == [1, 4] and shown["closed_left_out"] == 2
    table = cli("list", "--sites", str(path))
    assert "Gone Hospital" not in table.stdout and "2 closed sites" in table.stdout + table.stderr
    assert len(cli("list", "--sites", str(path), "--all", "--json").json()["sites"]) == 4


def test_an_explicit_status_is_shown_even_when_closed(cli, sites_file) -> None:  # type: ignore[no-untyped-def]
    path = _mixed(sites_file)
    assert [s["id"] for s in cli("list", "--sites", str(path), "--status", "withdrawn", "--json").json()["sites"]] == [2]


def test_a_closed_trial_is_judged_by_its_effective_status(cli, sites_file) -> None:  # type: ignore[no-untyped-def]
    path = _trial_beside(sites_file(make_site(1), make_site(2, latitude=23.2, status="RECRUITING")),
                         overall_status="COMPLETED")
    result = cli("near", "Guangzhou", "--sites", str(path), "--json")
    assert [site["id"] for site in result.json()["sites"]] == [2]


def test_a_completed_trials_footnote_does_not_ask_whether_the_site_has_opened(cli, sites_file) -> None:  # type: ignore[no-untyped-def]
    path = _trial_beside(sites_file(make_site(1), make_site(2, latitude=23.2)), overall_status="COMPLETED")
    result = cli("near", "Guangzhou", "--sites", str(path), "--all")
    assert result.exit_code == 0, result.stderr
    assert "Completed" in result.stdout
    assert "has opened" not in result.stdout
    not_yet = _trial_beside(path, overall_status="NOT_YET_RECRUITING")
    assert "has opened" in cli("near", "Guangzhou", "--sites", str(not_yet)).stdout
