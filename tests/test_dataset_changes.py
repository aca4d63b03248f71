"""What an import into a dataset already there, and an update, say of what they changed: the same
rule for both; a list of ids named as the refusal names it; a writer that waits says so at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CTGOV_STUDY, run_cli, shipped_study, write_study


@pytest.mark.parametrize("lang, said", [("en", "Waiting for another import or update in {out} to finish (at most 0 s)"),
                                        ("zh", "正在等待 {out} 中的另一个导入或更新完成（最多 0 秒）")])
def test_a_writer_that_waits_for_the_lock_says_so_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          lang: str, said: str) -> None:
    import fcntl

    monkeypatch.setattr("sitefinder.datasets.LOCK_WAIT_SECONDS", 0.3)
    out = tmp_path / "mytrial"
    assert run_cli("import", str(CTGOV_STUDY), "--out", str(out)).exit_code == 0
    with open(out / ".sitefinder" / "lock", "a") as held:  # another process is writing
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        run = run_cli("import", str(CTGOV_STUDY), "--out", str(out), "--lang", lang)
    first, error = run.stderr.splitlines()
    assert run.exit_code == 1 and first.startswith(said.format(out=out)), run.stderr
    assert str(out) in error
    quiet = run_cli("import", str(CTGOV_STUDY), "--out", str(out), "--lang", lang)  # nobody holds it: not said
    assert quiet.exit_code == 0 and "Waiting" not in quiet.stderr and "正在等待" not in quiet.stderr


@pytest.mark.parametrize("lang, more", [("en", " and 3 more"), ("zh", " 等另外 3 个")])
def test_the_replaced_trials_are_named_as_the_refusal_names_them(tmp_path: Path, lang: str, more: str) -> None:
    many = [write_study(tmp_path / f"NCT0000000{number}.json", shipped_study(f"NCT0000000{number}", 2))
            for number in range(1, 9)]
    out = tmp_path / "many"
    assert run_cli("import", *map(str, many), "--out", str(out)).exit_code == 0
    lone = write_study(tmp_path / "lone.json", shipped_study("NCT09999999", 2))
    refused = run_cli("import", str(lone), "--out", str(out), "--lang", lang)
    replaced = run_cli("import", str(lone), "--out", str(out), "--replace", "--lang", lang)
    assert refused.exit_code == 2 and replaced.exit_code == 0, (refused.stderr, replaced.stderr)
    named = "NCT00000001, NCT00000002, NCT00000003, NCT00000004, NCT00000005"
    for run in (refused, replaced):  # one rule: the first five, then how many more
        assert f"{named}{more}" in run.stderr, run.stderr
        assert "NCT00000006" not in run.stderr and "…" not in run.stderr


def _many(tmp_path: Path, count: int) -> tuple[Path, dict[str, dict]]:
    studies = {f"NCT0000001{number}": shipped_study(f"NCT0000001{number}", 2) for number in range(count)}
    files = [write_study(tmp_path / f"{nct}.json", data) for nct, data in studies.items()]
    assert run_cli("import", *map(str, files), "--out", str(tmp_path / "many")).exit_code == 0
    return tmp_path / "many" / "sites.csv", studies


@pytest.mark.parametrize("lang, unchanged", [("en", "7 trials unchanged"), ("zh", "7 个试验无变化")])
def test_update_of_a_dataset_lists_the_trials_that_changed_and_counts_the_rest(
        tmp_path: Path, lang: str, unchanged: str) -> None:
    from fake_services import FakeServices

    sites, studies = _many(tmp_path, 8)
    studies["NCT00000013"]["protocolSection"]["statusModule"]["overallStatus"] = "COMPLETED"
    with FakeServices() as fake:
        fake.studies = studies
        env = {"SITEFINDER_CTGOV_URL": fake.url, "COLUMNS": "80"}
        table = run_cli("update", "--sites", str(sites), "--lang", lang, env=env)
        data = run_cli("update", "--sites", str(sites), "--json", env=env)
    assert table.exit_code == 0, table.stderr
    listed = [nct for nct in studies if nct in table.stdout]
    assert listed == ["NCT00000013"], table.stdout  # not seven rows of "0 added, 0 removed, 0 changed"
    assert unchanged in table.stdout, table.stdout
    assert len(data.json()["trials"]) == 8  # the JSON keeps every trial: it is data


def test_an_import_into_a_dataset_says_what_changed_as_update_does(tmp_path: Path) -> None:
    data = shipped_study("NCT07010263", 4)
    locations = data["protocolSection"]["contactsLocationsModule"]["locations"]
    for location in locations:
        location["status"] = "RECRUITING"
    path = write_study(tmp_path / "NCT07010263.json", data)
    out = tmp_path / "mytrial"
    assert run_cli("import", str(path), "--out", str(out)).exit_code == 0
    ids = {row["facility"]: row["id"] for row in run_cli("list", "--sites", str(out / "sites.csv"), "--all",
                                                          "--json").json()["sites"]}
    gone = locations.pop(3)["facility"]
    locations[0]["status"] = "COMPLETED"
    data["protocolSection"]["statusModule"]["overallStatus"] = "ACTIVE_NOT_RECRUITING"
    write_study(path, data)
    table = run_cli("import", str(path), "--out", str(out), env={"COLUMNS": "200"})
    zh = run_cli("import", str(path), "--out", str(out), "--lang", "zh", env={"COLUMNS": "200"})  # nothing changed now
    assert table.exit_code == 0, table.stderr
    said = " ".join(table.stdout.split())
    first = locations[0]["facility"]
    assert f"changed {ids[first]} {first}" in said and "Recruiting → Completed" in said, table.stdout
    assert f"removed {ids[gone]} {gone}" in said, table.stdout  # the facility named, not only the id
    assert "Not yet recruiting → Active, not recruiting" in said, table.stdout  # the trial's status
    assert "变更" not in zh.stdout and zh.exit_code == 0
    write_study(path, shipped_study("NCT07010263", 4))  # back again: said in Chinese, and as data
    zh = run_cli("import", str(path), "--out", str(out), "--lang", "zh", env={"COLUMNS": "200"})
    assert "变更" in zh.stdout and "状态：" in zh.stdout, zh.stdout
    data_run = run_cli("import", str(path), "--out", str(out), "--json")
    assert data_run.json()["changes"] == []  # nothing changed since the last
    write_study(path, data)
    changes = run_cli("import", str(path), "--out", str(out), "--json").json()["changes"]
    assert [change["nct_id"] for change in changes] == ["NCT07010263"]
    assert changes[0]["overall_status_before"] == "NOT_YET_RECRUITING"
    assert changes[0]["overall_status"] == "ACTIVE_NOT_RECRUITING"
    assert [site["facility"] for site in changes[0]["removed"]] == [gone]
    assert first in [change["facility"] for change in changes[0]["changed"]]
