"""`list` through the command line, in all three formats; and what every command shares: help,
--version, --sites, SITEFINDER_SITES, data printed literally."""

from __future__ import annotations

import csv
import io

import pytest

from conftest import make_site, listing_exit
from sitefinder.models import Contact

SHANDONG = ["Shandong Provincial Hospital", "Shandong Cancer Hospital", "Linyi People's Hospital",
            "Qingdao Central Hospital of Health and Rehabilitation Sciences University", "Zaozhuang Municipal Hospital"]


def test_list_json_has_all_42_sites_with_the_documented_keys(cli) -> None:
    run = cli("list", "--json")
    assert run.exit_code == 0 and run.stderr == ""
    sites = run.json()["sites"]
    assert len(sites) == 42
    for key in ("id", "facility", "city", "province", "country", "status", "latitude", "longitude", "investigators"):
        assert key in sites[0]
    first = next(site for site in sites if site["id"] == 1)
    assert first["status"] is None
    assert (first["effective_status"], first["status_source"]) == ("NOT_YET_RECRUITING", "trial")
    assert isinstance(first["latitude"], float)
    assert first["investigators"] == [{"name": "Rong Yu, M.D.", "role": "PRIMARY"}]


def test_list_is_ordered_by_province_then_city(cli) -> None:
    sites = cli("list", "--json").json()["sites"]
    keys = [(site["province"].lower(), site["city"].lower(), site["id"]) for site in sites]
    assert keys == sorted(keys)


@pytest.mark.parametrize("typed", ["Shandong", "shandong", "SHANDONG PROVINCE", "山东", "山东省"])
def test_list_province_shandong(cli, typed: str) -> None:
    sites = cli("list", "--province", typed, "--json").json()["sites"]
    assert sorted(site["facility"] for site in sites) == sorted(SHANDONG)


def test_list_province_table_shows_primary_investigators(cli) -> None:
    run = cli("list", "--province", "Shandong", env={"COLUMNS": "140"})
    assert run.exit_code == 0
    for name in ("Zhe Yang, M.D.", "Hui Zhu, M.D.", "Zhongmin Zhang, M.D.", "Zhen Zhang, M.D.", "Shifeng Kan, M.D."):
        assert name in run.stdout
    assert "Xiaotao Zhang" not in run.stdout  # the backup is in `show`, the table names the lead
    assert "\x1b[" not in run.stdout


def test_shanxi_is_not_shaanxi(cli) -> None:
    assert [s["city"] for s in cli("list", "-p", "Shanxi", "--json").json()["sites"]] == ["Taiyuan"]
    run = cli("list", "-p", "Shaanxi", "--json")
    assert run.exit_code == 1 and run.json()["sites"] == []


def test_unknown_province_is_a_usage_error_with_suggestions(cli) -> None:
    run = cli("list", "--province", "Shandog", "--json")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert "did you mean Shandong" in run.stderr and run.stderr.count("\n") == 1


def test_real_province_without_sites_is_empty_not_an_error(cli) -> None:
    table = cli("list", "--province", "Hainan")
    assert (table.exit_code, table.stdout) == (1, "")
    assert "No site of this trial matches --province Hainan" in table.stderr and table.stderr.count("\n") == 1
    assert cli("list", "--province", "海南", "--json").json()["sites"] == []
    assert cli("list", "--province", "Hainan", "--format", "csv").stdout.strip().startswith("id,facility")


def test_list_city_and_status_filters(cli) -> None:
    assert len(cli("list", "--city", "changsha", "--json").json()["sites"]) == 2
    assert len(cli("list", "--status", "not yet recruiting", "--json").json()["sites"]) == 42
    assert len(cli("list", "--status", "NOT_YET_RECRUITING", "--json").json()["sites"]) == 42
    assert cli("list", "--status", "recruiting", "--json").json()["sites"] == []
    bad = cli("list", "--status", "open")
    assert bad.exit_code == 2 and "recruiting" in bad.stderr


def test_list_csv(cli) -> None:
    run = cli("list", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert len(rows) == 42
    qingdao = next(row for row in rows if row["city"] == "Qingdao")
    assert qingdao["investigators"] == "Zhen Zhang, M.D. (PRIMARY); Xiaotao Zhang, M.D. (BACKUP)"
    assert qingdao["status"] == "" and qingdao["effective_status"] == "NOT_YET_RECRUITING"


def test_json_and_format_csv_conflict(cli) -> None:
    run = cli("list", "--json", "--format", "csv")
    assert run.exit_code == 2 and run.stdout == ""


def test_markup_and_escapes_in_data_print_literally(cli, sites_file) -> None:
    path = sites_file(make_site(1, facility="[bold]X[/bold] [link=http://evil]click[/link]"),
                      make_site(2, facility="Evil\x1b[31mRed\x1b]0;title\x07", city="Foshan"))
    run = cli("list", "--sites", str(path))
    assert run.exit_code == 0
    assert "[bold]X[/bold]" in run.stdout and "[link=http://evil]click[/link]" in run.stdout
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout
    assert "Evil\\x1b[31mRed" in run.stdout
    csv_out = cli("list", "--sites", str(path), "--format", "csv").stdout
    assert "\x1b" not in csv_out and "\\x1b" in csv_out
    by_id = {site["id"]: site for site in cli("list", "--sites", str(path), "--json").json()["sites"]}
    assert by_id[2]["facility"].startswith("Evil\x1b")  # JSON keeps the data, escaped as \u001b


def test_sites_from_environment_variable(cli, sites_file) -> None:
    path = sites_file(make_site(7, facility="Env Hospital", contacts=(Contact("A. Li", "PRINCIPAL_INVESTIGATOR"),
                                                                      Contact("B. Wu", "PRIMARY"))))
    run = cli("list", "--json", env={"SITEFINDER_SITES": str(path)})
    assert [s["facility"] for s in run.json()["sites"]] == ["Env Hospital"]
    table = cli("list", env={"SITEFINDER_SITES": str(path)})
    assert "A. Li" in table.stdout and "B. Wu" not in table.stdout  # a principal investigator leads


def test_without_trial_file_status_is_unknown(cli, sites_file) -> None:
    path = sites_file(make_site(1), make_site(2, status="RECRUITING", city="Foshan"))
    sites = cli("list", "--sites", str(path), "--json").json()["sites"]
    assert {s["id"]: s["effective_status"] for s in sites} == {1: None, 2: "RECRUITING"}
    assert "Unknown" in cli("list", "--sites", str(path)).stdout


def test_help_has_examples_first_and_version(cli) -> None:
    for command in ("list", "near", "show", "info"):
        run = cli(command, "--help")
        assert run.exit_code == 0 and "Examples" in run.stdout and "sitefinder " + command in run.stdout
    assert cli("-h").exit_code == 0
    version = cli("--version")
    assert version.exit_code == 0 and "GeoNames" in version.stdout and "CC BY 4.0" in version.stdout
    chinese = cli("--version", env={"LANG": "zh_CN.UTF-8"})  # the attribution in the locale's language
    assert "GeoNames" in chinese.stdout and "地点数据" in chinese.stdout and "Place data" not in chinese.stdout


def test_no_command_shows_help_and_unknown_command_is_usage_error(cli) -> None:
    run = cli("frobnicate")
    assert run.exit_code == 2 and run.stderr.count("\n") == 1 and "Error:" in run.stderr


def test_csv_contacts_keep_the_extension_and_the_dialable_number(cli, sites_file) -> None:
    """One contact renderer: CSV writes the number as `show` does, extension included."""
    contact = Contact(name="Zhifang Yao", role="PRIMARY", phone="+86-0760-89873999", phone_ext="12",
                      email="yao@example.org", phone_international="+86 760 8987 3999")
    path = sites_file(make_site(1, contacts=(contact,)))
    listing = cli("list", "--format", "csv", "--sites", str(path))
    assert listing.exit_code == 0, listing.stderr
    cell = next(csv.DictReader(io.StringIO(listing.stdout)))["investigators"]
    assert cell == "Zhifang Yao (PRIMARY): +86 760 8987 3999 ext. 12, yao@example.org"
    assert "+86 760 8987 3999 ext. 12" in cli("show", "1", "--sites", str(path)).stdout
    for args in (["near", "Guangzhou"], ["show", "1"]):
        row = next(csv.DictReader(io.StringIO(cli(*args, "--format", "csv", "--sites", str(path)).stdout)))
        assert row["investigators"] == cell


@pytest.mark.parametrize("english, chinese, phrase", [
    (["list", "--city", "Shenzhen"], ["list", "--city", "深圳"], "no site in that city"),
    (["list", "--status", "recruiting"], ["list", "--status", "recruiting", "--lang", "zh"], "has that status"),
])
def test_an_empty_list_says_why_in_chinese_when_chinese_is_asked(cli, english: list, chinese: list,
                                                                  phrase: str) -> None:
    said = cli(*english)
    assert said.exit_code == 1 and phrase in said.stderr
    asked = cli(*chinese)
    assert asked.exit_code == 1 and asked.stderr.strip()
    assert phrase not in asked.stderr and any("\u4e00" <= char <= "\u9fff" for char in asked.stderr)


@pytest.mark.parametrize("trial_status", ["UNKNOWN", "COMPLETED", "TERMINATED", "WITHDRAWN", "SUSPENDED",
                                          "ACTIVE_NOT_RECRUITING"])
@pytest.mark.parametrize("site_status", ["RECRUITING", "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION"])
def test_a_trial_that_no_longer_enrolls_is_never_shown_open_by_a_sites_stale_status(
        cli, sites_file, trial_status: str, site_status: str) -> None:
    """NCT01943214 is UNKNOWN to the registry (last verified 2013) while its site still says
    RECRUITING: `show`, `near` and `list --status recruiting` called a dead study open. A site's
    own status is more precise than the trial's only while the trial as a whole may still enrol."""
    import json

    path = sites_file(make_site(1, status=site_status), make_site(2, status="COMPLETED", city="Foshan"))
    (path.parent / "trial.json").write_text(json.dumps({"nct_id": "NCT01943214", "overall_status": trial_status}),
                                            encoding="utf-8")
    every = cli("list", "--sites", str(path), "--all", "--json").json()["sites"]
    shown = {site["id"]: (site["effective_status"], site["status_source"]) for site in every}
    assert shown[1] == (trial_status, "trial")
    assert shown[2] == ("COMPLETED", "site")  # a closed site of a closed trial: its own word
    assert cli("list", "--sites", str(path), "--status", site_status, "--json").json()["sites"] == []
    assert cli("show", "1", "--sites", str(path), "--json").json()["site"]["effective_status"] == trial_status


@pytest.mark.parametrize("trial_status", ["UNKNOWN", "COMPLETED", "TERMINATED"])
@pytest.mark.parametrize("site_status", ["RECRUITING", "NOT_YET_RECRUITING"])
@pytest.mark.parametrize("command", [["list", "--all"], ["near", "Guangzhou", "--all"],
                                     ["near", "Guangzhou", "--all", "--by", "hospital"]])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_sites_status_set_aside_is_said_to_be_its_own_not_missing(cli, sites_file, trial_status: str,
                                                                    site_status: str, command: list[str],
                                                                    lang: str) -> None:
    """NCT02652234's sites say RECRUITING, the trial is UNKNOWN: the table showed "Unknown (trial)"
    with the footnote "the registry gives no status for the site", which is untrue."""
    import json

    from sitefinder.status import status_word
    from sitefinder.wording import say

    path = sites_file(make_site(1, status=site_status), make_site(2, status=None, city="Foshan"))
    (path.parent / "trial.json").write_text(json.dumps({"nct_id": "NCT02652234", "overall_status": trial_status}),
                                            encoding="utf-8")
    run = cli(*command, "--sites", str(path), "--lang", lang, env={"COLUMNS": "250"})
    assert run.exit_code == 0, run.stderr
    said = " ".join((run.stdout + run.stderr).split())
    assert status_word(site_status, lang) in said  # the site's own word, in the footnote
    missing = say("note.trial_status.closed" if trial_status != "UNKNOWN" else "note.trial_status.unknown", lang)
    assert " ".join(missing.split()) in said  # site 2 has none of its own: that note stands for it


def test_a_sites_own_status_still_wins_while_its_trial_enrolls(cli, sites_file) -> None:
    import json

    path = sites_file(make_site(1, status="COMPLETED"), make_site(2, status="RECRUITING", city="Foshan"))
    (path.parent / "trial.json").write_text(json.dumps({"nct_id": "NCT01943214", "overall_status": "RECRUITING"}),
                                            encoding="utf-8")
    every = cli("list", "--sites", str(path), "--all", "--json").json()["sites"]
    assert {site["id"]: site["effective_status"] for site in every} == {1: "COMPLETED", 2: "RECRUITING"}


@pytest.mark.parametrize("typed", ["Japan", "日本", "Republic of Korea", "France", "USA"])
@pytest.mark.parametrize("command", [["list"], ["near", "Guangzhou"]], ids=" ".join)
def test_a_country_given_as_a_province_is_pointed_to_country(cli, command: list, typed: str) -> None:
    run = cli(*command, "--province", typed)
    assert run.exit_code == 2 and run.stdout == ""
    assert "--country" in run.stderr and typed in run.stderr and run.stderr.count("\n") == 1
    assert "did you mean" not in run.stderr and "您是否要找" not in run.stderr


def _districts_without_a_point(every: int = 40) -> list[str]:
    """County-level divisions the gazetteer has no GeoNames place at (沙坪坝区), one name of several."""
    import sqlite3

    from conftest import ROOT

    with sqlite3.connect(ROOT / "data" / "gazetteer.sqlite") as db:
        names = [name for name, in db.execute("SELECT name FROM cn_division WHERE level = 'county' AND place = 0 "
                                                 "AND code GLOB '[0-9]*' ORDER BY code")]
        shared = {name for name, in db.execute("SELECT name FROM cn_division GROUP BY name HAVING COUNT(*) > 1")}
    return [name for name in names if name not in shared][::every]


@pytest.mark.parametrize("district", _districts_without_a_point())
def test_list_of_a_district_without_sites_says_how_to_see_the_nearest(cli, district: str) -> None:
    """`list --city 沙坪坝` said only "没有符合条件的研究中心": a district the gazetteer reads, with no
    GeoNames point of its own, gets the same `near` suggestion as a city, and it works typed back."""
    run = cli("list", "--city", district)
    if run.exit_code == 0:
        pytest.skip("the trial has a site there")
    assert run.exit_code == 1 and f"sitefinder near {district}" in run.stderr, run.stderr
    assert cli("near", district, "--json").exit_code == 0
