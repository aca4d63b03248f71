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


# ---------------------------------------------------------------- point 5: a number a patient can dial

@pytest.mark.parametrize("phone, region, national, international", [
    ("+86-0760-89873999", None, "0760-8987 3999", "+86 760 8987 3999"),
    ("0760 89873999", "CN", "0760-8987 3999", "+86 760 8987 3999"),
    ("+86 10 8888 1234", None, "010-8888 1234", "+86 10 8888 1234"),
    ("+86 138 0013 8000", None, "138 0013 8000", "+86 138 0013 8000"),  # a mobile has no area code
    ("+1 617 555 0100", None, "", "+1 617-555-0100"),  # only a Chinese number gets its domestic form
    ("not a number", None, "", ""),
])
def test_phone_forms(phone: str, region: str | None, national: str, international: str) -> None:
    from sitefinder.contacts import phone_forms

    assert phone_forms(phone, region) == (international, national)


def test_one_format_everywhere_domestic_and_international() -> None:
    from sitefinder.contacts import dialable
    from sitefinder.models import Contact

    contact = Contact("A", "CONTACT", phone="+86-0760-89873999", phone_international="+86 760 8987 3999",
                      phone_national="0760-8987 3999", phone_ext="12")
    assert dialable(contact) == "0760-8987 3999 (from abroad +86 760 8987 3999) ext. 12"
    assert dialable(contact._replace(phone_national="")) == "+86 760 8987 3999 ext. 12"
    assert dialable(Contact("B", "CONTACT", phone="12-34")) == "12-34"


def test_the_shipped_central_contact_is_dialled_the_same_way_in_every_view(cli) -> None:  # type: ignore[no-untyped-def]
    expected = "0760-8987 3999 (from abroad +86 760 8987 3999)"
    for args in (("show", "7"), ("near", "Guangzhou"), ("info",), ("list", "--province", "Guangdong")):
        out = cli(*args, env={"COLUMNS": "200"}).stdout
        assert expected in out, args
        assert "+86-760" not in out and "+86-0760" not in out, args
    central = cli("show", "7", "--json").json()["trial"]["central_contacts"][0]
    assert central["phone_national"] == "0760-8987 3999"


@pytest.mark.parametrize("columns", ["40", "60", "80"])
def test_a_footer_never_breaks_inside_a_number(cli, columns: str) -> None:  # type: ignore[no-untyped-def]
    out = cli("near", "Guangzhou", env={"COLUMNS": columns}).stdout
    flat = " ".join(out.split())
    assert "0760-8987 3999" in out and "+86 760 8987 3999" in out, out  # each form whole on one line
    assert "from abroad +86 760 8987 3999" in flat


def test_show_says_whom_to_call_when_the_site_lists_no_phone(cli) -> None:  # type: ignore[no-untyped-def]
    out = " ".join(cli("show", "7", env={"COLUMNS": "200"}).stdout.split())
    assert "No phone or email listed for this site: call Zhifang Yao, M.D., 0760-8987 3999" in out
