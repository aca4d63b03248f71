"""`sitefinder update`: fetch the current record from a fake registry on 127.0.0.1, say what changed,
and from then on answer from it; a failed download changes nothing."""

from __future__ import annotations

import re

import copy
import datetime
import json
from pathlib import Path

import pytest

from conftest import CTGOV_STUDY, SHIPPED_SITES
from fake_services import FakeServices
from sitefinder.paths import default_sites_path, user_data_dir


def changed_study() -> dict:
    """The shipped study a year on: Jiangmen recruits and has a phone, Qingdao left, Wuhan joined."""
    study = json.loads(CTGOV_STUDY.read_text(encoding="utf-8"))
    protocol = study["protocolSection"]
    protocol["statusModule"]["overallStatus"] = "RECRUITING"
    protocol["statusModule"]["lastUpdatePostDateStruct"] = {"date": "2026-10-02"}
    locations = protocol["contactsLocationsModule"]["locations"]
    jiangmen = next(item for item in locations if item["city"] == "Jiangmen")
    jiangmen["status"] = "RECRUITING"
    jiangmen["contacts"] = [{"name": "Gengsheng Yu", "role": "PRINCIPAL_INVESTIGATOR", "phone": "0750-3165 000"}]
    protocol["contactsLocationsModule"]["locations"] = [item for item in locations if item["city"] != "Qingdao"]
    protocol["contactsLocationsModule"]["locations"].append(
        {"facility": "Wuhan Union Hospital", "city": "Wuhan", "state": "Hubei", "country": "China",
         "status": "NOT_YET_RECRUITING", "contacts": [{"name": "Kai Li", "role": "CONTACT", "email": "kai@example.org"}]})
    return study


@pytest.fixture
def registry():
    with FakeServices() as fake:
        fake.studies["NCT07010263"] = changed_study()
        yield fake


def env(fake: FakeServices) -> dict[str, str]:
    return {"SITEFINDER_CTGOV_URL": fake.url, "SITEFINDER_TIMEOUT": "2"}


def test_update_says_what_changed_and_every_command_then_uses_the_new_data(cli, registry) -> None:
    assert user_data_dir() not in default_sites_path().parents  # the shipped data, until an update
    run = cli("update", "--json", env=env(registry))
    assert run.exit_code == 0, run.stderr
    report = run.json()
    assert registry.requests == ["/api/v2/studies/NCT07010263"]
    assert (report["nct_id"], report["site_count"], report["default"]) == ("NCT07010263", 42, True)
    assert (report["data_date_before"], report["data_date"]) == ("2025-06-08", datetime.date.today().isoformat())
    assert [site["facility"] for site in report["added"]] == ["Wuhan Union Hospital"]
    assert [site["city"] for site in report["removed"]] == ["Qingdao"]
    # the Chinese names are data, in update's sites too (in every language)
    assert (report["added"][0]["city_zh"], report["removed"][0]["city_zh"]) == ("武汉", "青岛")
    by_city = {change["city"]: change for change in report["changed"]}
    # Enums and contact objects, as in list and near (#18); the words people read beside them.
    jiangmen = by_city["Jiangmen"]
    assert jiangmen["status"] == {"before": "NOT_YET_RECRUITING", "before_source": "trial", "after": "RECRUITING",
                                  "after_source": "site", "before_words": "Not yet recruiting (trial)",
                                  "after_words": "Recruiting"}
    assert jiangmen["contacts"]["after"] == [{"name": "Gengsheng Yu", "role": "PRINCIPAL_INVESTIGATOR",
                                              "phone": "0750-3165 000", "phone_international": "+86 750 316 5000",
                                              "phone_national": "0750-316 5000"}]
    assert jiangmen["contacts"]["after_lines"] == ["Gengsheng Yu (principal investigator): 0750-316 5000 (from abroad +86 750 316 5000)"]
    assert [contact["role"] for contact in jiangmen["contacts"]["before"]] == ["PRIMARY"]
    # The trial's own status changed, which every site without its own shows: said once, not 40 times.
    assert (report["overall_status_before"], report["overall_status"]) == ("NOT_YET_RECRUITING", "RECRUITING")
    assert "Beijing" not in by_city  # and "Rong Yu, M.D." (the page) is "Rong Yu" (the API): the same person

    assert default_sites_path() == user_data_dir() / "NCT07010263" / "sites.csv"
    near = cli("near", "Guangzhou", "--json")
    assert near.json()["data_date"] == datetime.date.today().isoformat() and near.json()["data_stale"] is False
    first = near.json()["sites"][0]
    assert (first["city"], first["effective_status"], first["status_source"]) == ("Jiangmen", "RECRUITING", "site")
    table = cli("near", "Guangzhou", env={"COLUMNS": "140"})
    assert "Call site 7: Gengsheng Yu, 0750-316 5000 (from abroad +86 750 316 5000)" in table.stdout
    assert f"Registry data fetched on {datetime.date.today().isoformat()}, 0 days old." in table.stdout
    assert cli("list", "--city", "Qingdao", "--json").json()["sites"] == []
    # --sites still wins.
    shipped = cli("list", "--city", "Qingdao", "--json", "--sites", str(SHIPPED_SITES)).json()["sites"]
    assert [site["city"] for site in shipped] == ["Qingdao"]


def test_the_table_report_names_each_change(cli, registry) -> None:
    run = cli("update", env={**env(registry), "COLUMNS": "160"})
    assert run.exit_code == 0, run.stderr
    assert run.stdout.startswith("NCT07010263: 42 sites; 1 added, 1 removed, 1 changed since the data of 2025-06-08")
    assert re.search(r"^added +\d+ +Wuhan Union Hospital", run.stdout, re.M)
    assert re.search(r"^removed +\d+ ", run.stdout, re.M) and "(was Not yet recruiting (trial))" in run.stdout
    assert "status: Not yet recruiting (trial) → Recruiting" in run.stdout
    assert "every command now uses them" in run.stdout
    assert "The trial's overall status, shown for every site that states none: Not yet recruiting → Recruiting." \
        in run.stdout


def test_a_second_update_with_nothing_new_says_so(cli, registry) -> None:
    assert cli("update", env=env(registry)).exit_code == 0
    again = cli("update", "--json", env=env(registry)).json()
    assert (again["added"], again["removed"], again["changed"]) == ([], [], [])
    assert "Nothing changed." in cli("update", env=env(registry)).stdout


@pytest.mark.parametrize("mode", ["fail", "malformed", "slow", "truncated"])
def test_a_failed_or_partial_download_leaves_the_data_in_use_untouched(cli, registry, mode: str) -> None:
    assert cli("update", env=env(registry)).exit_code == 0  # an earlier, good update
    folder = user_data_dir() / "NCT07010263"
    before = {path.name: path.read_bytes() for path in (folder / "sites.csv", folder / "trial.json")}
    listing = sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))
    registry.mode = mode
    run = cli("update", env={**env(registry), "SITEFINDER_TIMEOUT": "1"})
    assert run.exit_code == 1 and run.stdout == ""
    assert run.stderr.startswith("Error: ") and run.stderr.count("\n") == 1, run.stderr
    assert {path.name: path.read_bytes() for path in (folder / "sites.csv", folder / "trial.json")} == before
    assert sorted(str(path.relative_to(folder)) for path in folder.rglob("*")) == listing  # no leftovers


def test_update_of_another_trial_is_kept_apart(cli, registry) -> None:
    other = copy.deepcopy(changed_study())
    other["protocolSection"]["identificationModule"]["nctId"] = "NCT01234567"
    registry.studies["NCT01234567"] = other
    run = cli("update", "nct01234567", "--json", env=env(registry))
    assert run.exit_code == 0, run.stderr
    report = run.json()
    assert report["default"] is False and len(report["added"]) == 42  # nothing of it was in use before
    assert Path(report["sites_file"]) == user_data_dir() / "NCT01234567" / "sites.csv"
    assert cli("info", "--json").json()["trial"]["nct_id"] == "NCT07010263"  # the default is untouched


@pytest.mark.parametrize(("args", "code", "message"), [
    (["update", "NCT123"], 2, "is not an NCT id"),
    (["update", "NCT00000000"], 1, "the registry has no study NCT00000000"),
])
def test_bad_ids_are_clean_errors(cli, registry, args: list[str], code: int, message: str) -> None:
    run = cli(*args, env=env(registry))
    assert run.exit_code == code and message in run.stderr and run.stderr.count("\n") == 1


def test_the_data_directory_is_the_one_platformdirs_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """paths.user_data_dir works the directory out itself (start-up time); platformdirs is the reference."""
    import platformdirs

    monkeypatch.delenv("SITEFINDER_DATA_DIR")
    for xdg in ("", "/tmp/xdg-data"):
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
        assert user_data_dir() == Path(platformdirs.user_data_dir("sitefinder", appauthor=False))


def test_an_imported_dataset_is_refreshed_where_it_is_and_its_hint_says_how(cli, registry, tmp_path) -> None:
    """`import … --out DIR`, then the stale-data hint under `near … --sites DIR/sites.csv` names a
    command that refreshes DIR itself (it used to save a copy elsewhere, so DIR stayed stale and
    the hint repeated for ever)."""
    other = copy.deepcopy(changed_study())
    other["protocolSection"]["identificationModule"]["nctId"] = "NCT01234567"
    registry.studies["NCT01234567"] = other
    study = tmp_path / "study.json"
    stale = copy.deepcopy(other)
    stale["protocolSection"]["statusModule"]["lastUpdatePostDateStruct"] = {"date": "2024-01-02"}
    study.write_text(json.dumps(stale), encoding="utf-8")
    out = tmp_path / "mytrial"
    assert cli("import", str(study), "--out", str(out)).exit_code == 0
    sites = out / "sites.csv"
    hint = cli("near", "Guangzhou", "--sites", str(sites))
    assert f"sitefinder update --sites {sites}" in " ".join(hint.stdout.split())
    run = cli("update", "--sites", str(sites), "--json", env=env(registry))
    assert run.exit_code == 0, run.stderr
    assert Path(run.json()["sites_file"]).resolve() == sites.resolve()
    assert not (user_data_dir() / "NCT01234567").exists()
    after = cli("near", "Guangzhou", "--sites", str(sites))
    assert "sitefinder update" not in " ".join(after.stdout.split())  # fresh now


def test_the_table_report_is_said_in_chinese_under_a_chinese_locale(cli, registry) -> None:
    """What update changed, in the answer's language (issue #20)."""
    zh = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}
    run = cli("update", env={**env(registry), **zh, "COLUMNS": "160"})
    assert run.exit_code == 0, run.stderr
    assert run.stdout.startswith("NCT07010263：42 个研究中心；自 2025-06-08 的数据以来新增 1 个，移除 1 个，变更 1 个")
    assert re.search(r"^新增 +\d+ +Wuhan Union Hospital", run.stdout, re.M) and "（原为 尚未开始招募（试验））" in run.stdout
    assert "状态：尚未开始招募（试验） → 正在招募" in run.stdout and "现在每个命令都使用这些数据" in run.stdout
    assert "试验的总体状态（显示在所有未注明自身状态的研究中心）：尚未开始招募 → 正在招募。" in run.stdout
    for english in ("sites;", "added", "status:", "every command now uses them", "The trial's overall status"):
        assert english not in run.stdout
    again = cli("update", env={**env(registry), **zh})
    assert "没有任何变化。" in again.stdout and "Nothing changed." not in again.stdout


def test_the_chinese_report_names_the_sites_as_near_does(cli, registry) -> None:
    """The facility and city columns of a Chinese report were the registry's English (Jiangmen Central
    Hospital, Wenzhou) where near shows 江门市中心医院 and 江门."""
    from sitefinder.facilities import facility_zh
    from sitefinder.sitesfile import read_sites_file

    zh = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}
    run = cli("update", env={**env(registry), **zh, "COLUMNS": "200"})
    assert run.exit_code == 0, run.stderr
    changed = [line for line in run.stdout.splitlines() if line.startswith(("变更", "移除"))]
    assert changed
    shipped = {site.id: site for site in read_sites_file(SHIPPED_SITES).sites}
    for line in changed:
        site = shipped[int(line.split()[1])]
        assert facility_zh(site) and facility_zh(site) in line, line
