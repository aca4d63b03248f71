"""A patient's whole answer: which site (its id), whom to call, how current the data are, and places
understood as people type them, in any command."""

from __future__ import annotations

import re

import csv
import io
import subprocess

import pytest

from conftest import make_site, run_cli, listing_exit
from sitefinder.models import Contact, Trial
from test_installed import SCRIPT, clean_env


def test_near_shows_the_id_that_show_takes() -> None:
    nearest = run_cli("near", "Guangzhou", "--json").json()["sites"][0]
    assert (nearest["rank"], nearest["id"], nearest["city"]) == (1, 7, "Jiangmen")
    table = run_cli("near", "Guangzhou", env={"COLUMNS": "140"}).stdout
    assert table.splitlines()[4].startswith(" 7  Jiangmen Central Hospital")  # the id first: show 7 is next
    assert run_cli("show", "7", "--json").json()["site"]["city"] == "Jiangmen"


def test_every_answer_ends_with_whom_to_call_what_trial_means_and_the_data_date() -> None:
    for args in (["near", "Guangzhou"], ["list", "--province", "Shandong"]):
        lines = [line.rstrip() for line in run_cli(*args, env={"COLUMNS": "200"}).stdout.splitlines()]
        last_row = max(index for index, line in enumerate(lines) if line.lstrip()[:1].isdigit())
        footer = lines[last_row + 1:]  # whom to call first, right under the rows (in view at 80×24)
        assert footer[0] == ("The registry lists no phone or email for these sites: call the trial's central contact, "
                             "Zhifang Yao, M.D., 0760-8987 3999 (from abroad +86 760 8987 3999).")
        assert footer[1].startswith("Every contact of a site: sitefinder show ID (e.g. sitefinder show ")
        assert footer[2] == ('"(trial)": the registry gives no status for the site, so the trial\'s overall status '
                             "is shown; ask the site whether it has opened.")
        assert footer[3].startswith("Registry data of 2025-06-08, ") and "run sitefinder update NCT07010263" in footer[3]


def test_a_sites_own_phone_and_email_come_first(sites_file) -> None:
    path = sites_file(
        make_site(1, contacts=(Contact("A. Li", "PRINCIPAL_INVESTIGATOR", phone="+1 617-555-0100", phone_ext="12",
                                       email="a.li@example.org", phone_international="+1 617-555-0100"),)),
        make_site(2, city="Foshan"))
    (path.parent / "trial.json").write_text(
        '{"nct_id": "NCT01234567", "last_update": "2099-01-01", "central_contacts": '
        '[{"name": "Desk", "role": "CONTACT", "email": "desk@example.org"}]}', encoding="utf-8")
    out = run_cli("near", "Guangzhou", "--sites", str(path), env={"COLUMNS": "200"}).stdout
    assert "Call site 1: A. Li, +1 617-555-0100 ext. 12, a.li@example.org" in out
    assert "The registry lists no phone or email for the other sites: call the trial's central contact, Desk, " \
           "desk@example.org." in out
    assert "Registry data of 2099-01-01" in out and "update" not in out.split("Registry data")[1]  # not stale
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(
        run_cli("list", "--format", "csv", "--sites", str(path)).stdout))}
    # The extension too (#18: CSV wrote a contact its own way and dropped it).
    assert rows["1"]["investigators"] == "A. Li (PRINCIPAL_INVESTIGATOR): +1 617-555-0100 ext. 12, a.li@example.org"


def test_phone_numbers_are_made_dialable_when_data_are_imported() -> None:
    from sitefinder.contacts import international_number

    assert international_number("+86-0760-89873999") == "+86 760 8987 3999"  # the trunk 0 goes
    assert international_number("0760-89873999", "CN") == "+86 760 8987 3999"
    assert international_number("617-555-1212", "US") == "+1 617-555-1212"
    assert international_number("not a number") == ""


@pytest.mark.parametrize("args", [["near", "Guangzhou"], ["list"], ["show", "7"], ["info"]])
def test_json_says_how_current_the_data_are(args: list[str]) -> None:
    data = run_cli(*args, "--json").json()
    assert data["data_date"] == "2025-06-08"
    assert data["data_age_days"] > 30 and data["data_stale"] is True


def test_show_and_info_say_the_data_date() -> None:
    for args in (["show", "7"], ["info"]):
        out = " ".join(run_cli(*args, env={"COLUMNS": "200"}).stdout.split())
        assert "Data Registry data of 2025-06-08" in out and "sitefinder update NCT07010263" in out


def test_freshness_rule() -> None:
    import datetime

    from sitefinder.trial import freshness

    today = datetime.date(2026, 11, 30)
    assert freshness(Trial(last_update="2026-11-10"), today) == ("2026-11-10", 20, False)
    assert not freshness(Trial(last_update="2026-10-31"), today).stale  # 30 days: still current
    assert freshness(Trial(last_update="2026-10-30"), today).stale
    assert freshness(Trial(last_update="2020-01-01", retrieved="2026-11-29"), today) == ("2026-11-29", 1, False)
    assert freshness(Trial(), today) == ("", None, False)
    assert freshness(Trial(last_update="2026-12-01"), today) == ("2026-12-01", 0, False)  # a time zone ahead
    # a date past tomorrow is no age: "0 days old" of 2099-01-01 was untrue
    assert freshness(Trial(last_update="2099-01-01"), today) == ("2099-01-01", None, True)


def test_a_data_date_in_the_future_is_said_to_be_wrong(cli, tmp_path) -> None:
    import json

    from conftest import CTGOV_STUDY

    study = json.loads(CTGOV_STUDY.read_text(encoding="utf-8"))
    study["protocolSection"]["statusModule"]["lastUpdatePostDateStruct"] = {"date": "2099-01-01"}
    source = tmp_path / "study.json"
    source.write_text(json.dumps(study), encoding="utf-8")
    assert cli("import", str(source), "--out", str(tmp_path / "d")).exit_code == 0
    sites = str(tmp_path / "d" / "sites.csv")
    shown = " ".join(cli("show", "1", "--sites", sites).stdout.split())
    assert "2099-01-01, a date after today's" in shown and "days old" not in shown
    data = cli("near", "Guangzhou", "--sites", sites, "--json").json()
    assert (data["data_date"], data["data_age_days"]) == ("2099-01-01", None)


@pytest.mark.parametrize("city", ["济南", "jinan", "Jinan", "济南市", "JINAN"])
def test_list_city_understands_places_as_near_does(city: str) -> None:
    sites = run_cli("list", "--city", city, "--json").json()["sites"]
    assert [site["facility"] for site in sites] == ["Shandong Provincial Hospital", "Shandong Cancer Hospital"]


def test_list_city_finds_the_registry_spelling_through_the_real_city() -> None:
    sites = run_cli("list", "--city", "Ganzhou", "--json").json()["sites"]
    assert [(site["city"], site["id"]) for site in sites] == [("Gannan", 23)]
    assert [site["id"] for site in run_cli("list", "--city", "Gannan", "--json").json()["sites"]] == [23]


def test_list_city_typo_gets_did_you_mean() -> None:
    run = run_cli("list", "--city", "济男")
    assert run.exit_code == 1 and '您是否要找 山东济南市？' in run.stderr  # in the query's language, as typed back
    assert "进安" not in run.stderr  # jin an is "jinan" too, but sounds as neither 济 nor 男
    english = run_cli("list", "--city", "济男", "--lang", "en")
    assert english.exit_code == 1 and 'did you mean 山东济南市 (Jinan, Shandong)' in english.stderr


def test_show_understands_a_city() -> None:
    assert run_cli("show", "青岛", "--json").json()["site"]["id"] == 30
    beijing = run_cli("show", "北京")
    assert beijing.exit_code == 2 and "与 3 个研究中心匹配" in beijing.stderr


@pytest.mark.parametrize(("typed", "meant"), [("广洲", "广东广州市"),
                                              ("泰洲", '"江苏泰州市" 或 "浙江台州市"'),
                                              ("青到", "山东青岛市")])
def test_chinese_character_typos_get_same_sounding_suggestions(typed: str, meant: str) -> None:
    run = run_cli("near", typed)
    assert run.exit_code == 1 and f"您是否要找 {meant}？" in run.stderr  # suggested, never picked; in Chinese


def test_someone_who_types_chinese_sees_chinese_back() -> None:
    run = run_cli("near", "广州", "--limit", "2", env={"COLUMNS": "160"})
    assert run.stdout.startswith("离 广东广州 Guangzhou, Guangdong, China 最近的研究中心")
    assert re.search(r"^ +7  江门市中心医院 Jiangmen Central Hospital +江门 +广东 +61\.5", run.stdout, re.M)
    assert "Jiangmen Central Hospital" in run.stdout  # the registry's facility name stays as given
    data = run_cli("near", "广州", "--json").json()
    assert (data["origin"]["name_zh"], data["sites"][0]["city_zh"], data["sites"][0]["province_zh"]) == \
        ("广州", "江门", "广东")
    english = run_cli("near", "Guangzhou", "--json").json()  # the data are the same in every language
    assert (english["origin"]["name_zh"], english["sites"][0]["city_zh"]) == ("广州", "江门")
    assert run_cli("near", "Guangzhou", "--lang", "zh", "--json").json()["sites"][0]["city_zh"] == "江门"
    assert run_cli("list", "--lang", "ZH", "--json").json()["sites"][0]["province_zh"] == "北京"


@pytest.mark.parametrize("country", ["China", "中国", "china", "People's Republic of China"])
def test_a_country_is_answered_with_its_sites(country: str) -> None:
    run = run_cli("near", country, "--json")
    assert run.exit_code == 0, run.stderr
    data = run.json()
    assert (data["origin"]["source"], data["origin"]["name"], len(data["sites"])) == ("country", "China", 42)
    assert ("is a country" if country.isascii() else "是一个国家") in run.stderr  # in the query's language (#21)


def test_a_country_without_sites_and_a_province() -> None:
    usa = run_cli("near", "United States")
    assert usa.exit_code == 1 and usa.stdout == "" and "this trial has no site there" in usa.stderr
    shandong = run_cli("near", "山东", "--json").json()
    assert shandong["origin"]["source"] == "province" and len(shandong["sites"]) == 5
    assert run_cli("list", "--country", "中国", "--json").json()["sites"][0]["country"] == "China"
    assert run_cli("list", "--country", "USA", "--json").json()["sites"] == []


def test_within_returns_every_site_within_unless_limit_is_given() -> None:
    within = run_cli("near", "Shanghai", "--within", "800", "--json").json()["sites"]
    assert len(within) > 5 and all(site["distance_km"] <= 800 for site in within)
    limited = run_cli("near", "Shanghai", "--within", "800", "--limit", "3", "--json").json()["sites"]
    assert limited == within[:3]
    assert len(run_cli("near", "Shanghai", "--json").json()["sites"]) == 5


@pytest.mark.parametrize(("typed", "latitude", "longitude"), [
    ("-33.87,151.21", -33.87, 151.21), ("22.54，114.06", 22.54, 114.06), ("２２.５４，１１４.０６", 22.54, 114.06),
    ("-33.87, -70.6", -33.87, -70.6), ("40.7 -74.0", 40.7, -74.0),
])
def test_coordinates_as_people_type_them(typed: str, latitude: float, longitude: float) -> None:
    run = run_cli("near", typed, "--json")
    assert run.exit_code == 0, run.stderr
    origin = run.json()["origin"]
    assert (origin["latitude"], origin["longitude"], origin["query"]) == (latitude, longitude, typed)


def test_negative_numbers_for_options_are_still_usage_errors() -> None:
    run = run_cli("near", "Guangzhou", "--limit", "-5")
    assert run.exit_code == 2 and "--limit must be 1 or more, not -5" in run.stderr


def test_choices_ignore_case_and_statuses_are_read_as_written() -> None:
    assert run_cli("list", "--format", "JSON").json()["sites"]
    assert run_cli("list", "--format", "Csv").stdout.startswith("id,facility")
    assert run_cli("list", "--status", "Not Yet Recruiting", "--json").exit_code == 0
    assert run_cli("list", "--status", "active, not recruiting", "--json").json()["sites"] == []
    run = run_cli("list", "--status", "recruting")
    assert run.exit_code == 2 and 'did you mean "recruiting"?' in run.stderr
    assert '"active, not recruiting", "enrolling by invitation"' in run.stderr  # each value quoted


def test_help_shows_no_type_placeholders_for_flags_and_examples_one_per_line() -> None:
    for command in ("near", "list", "show", "info", "import", "update"):
        assert "<bool>" not in run_cli(command, "--help", env={"COLUMNS": "120"}).stdout, command
    top = run_cli("--help", env={"COLUMNS": "120"}).stdout
    lines = [line.strip() for line in top.splitlines() if line.strip()]
    start = lines.index("Examples:")
    assert lines[start + 1: start + 4] == ["sitefinder near Guangzhou", "sitefinder near 台州 --json",
                                           "sitefinder list --province Shandong"]


def test_the_installed_script_reads_negative_and_full_width_coordinates_and_chinese(tmp_path) -> None:
    import json

    for typed in ("-33.87,151.21", "２２.５４，１１４.０６"):
        run = subprocess.run([str(SCRIPT), "near", typed, "--json", "--limit", "1"], cwd=tmp_path, env=clean_env(),
                             capture_output=True, text=True, timeout=60)
        assert run.returncode == 0 and run.stderr == "", run.stderr
        assert json.loads(run.stdout)["origin"]["source"] == "coordinates"
    chinese = subprocess.run([str(SCRIPT), "near", "广州", "--limit", "1"], cwd=tmp_path,
                             env=clean_env(COLUMNS="160"), capture_output=True, text=True, timeout=60)
    assert chinese.returncode == 0 and "江门市中心医院 Jiangmen Central Hospital" in chinese.stdout
