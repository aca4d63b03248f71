"""Nothing lost and nothing misstated when many trials are updated or imported into one dataset: a
trial its trials.json does not describe, the machine-readable answer of an update of many, a site id
an update removed, a failure half way."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import snapshot
from fake_services import FakeServices

# the same three studies, imported as one dataset, and its lines by trial, as the update tests use
from test_update_in_dataset import EXPORT, NAMES, _rows, dataset  # noqa: E402,F401 (dataset: a fixture)


def _study(nct_id: str) -> dict:
    return json.loads((EXPORT / f"{nct_id}.json").read_text(encoding="utf-8"))


def _forget(sites: Path, *nct_ids: str) -> None:
    """Take trials' entries out of the dataset's trials.json, as a hand edit (or an older tool) does."""
    path = sites.with_name("trials.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["trials"] = [trial for trial in data["trials"] if trial["nct_id"] not in nct_ids]
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")


# ---------------------------------------------------------------- 1. a trial only its sites name

@pytest.mark.parametrize("forgotten", [NAMES[2:], NAMES[1:]], ids=["one-of-three", "two-of-three"])
@pytest.mark.parametrize("answered", [True, False], ids=["answered", "not-answered"])
def test_update_keeps_or_refreshes_a_trial_its_trials_file_does_not_describe(
        cli, dataset: Path, forgotten: list[str], answered: bool) -> None:
    """Its sites are the dataset's: refreshed when the registry answers for it, else kept row for row
    and said to be kept; a trials.json left with one entry does not make the dataset unreadable."""
    _forget(dataset, *forgotten)
    before = _rows(dataset)
    with FakeServices() as fake:
        fake.studies = {name: _study(name) for name in NAMES if answered or name not in forgotten}
        run = cli("update", "--sites", str(dataset), "--json", env={"SITEFINDER_CTGOV_URL": fake.url})
    assert run.exit_code == 0, run.stderr
    answer = run.json()
    trials = {trial["nct_id"]: trial for trial in answer["trials"]}
    assert sorted(trials) == sorted(NAMES)
    after = _rows(dataset)
    assert sorted(after) == sorted(NAMES)  # every trial's sites are still there
    for name in forgotten:
        assert trials[name]["found"] is answered
        assert len(after[name]) == len(before[name]) == trials[name]["site_count"]
        if not answered:
            assert after[name] == before[name]  # kept byte for byte
            assert name in run.stderr and "kept" in run.stderr, run.stderr
    assert answer["refreshed"] == (3 if answered else 3 - len(forgotten))
    info = cli("info", "--sites", str(dataset), "--json")
    assert info.exit_code == 0, info.stderr
    assert sorted(trial["nct_id"] for trial in info.json()["trials"]) == sorted(NAMES)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_dataset_of_several_missing_its_trials_json_names_that_file_and_a_way_back(
        cli, dataset: Path, lang: str) -> None:
    """Not "trial.json is missing" (a dataset of several never had one) with a hint to run update,
    which refuses the same dataset: trials.json, and the import that makes it again."""
    import os

    os.unlink(dataset.parent / ".sitefinder" / "current" / "trials.json")
    run = cli("list", "--sites", str(dataset), "--lang", lang)
    assert run.exit_code == 1 and run.stderr.count("\n") == 1, run.stderr
    assert str(dataset.with_name("trials.json")) in run.stderr and "trial.json:" not in run.stderr, run.stderr
    assert "sitefinder update" not in run.stderr and "sitefinder import" in run.stderr, run.stderr
    command = run.stderr[run.stderr.index("sitefinder import"):].split()
    assert command[1:] == ["import", "--online", "--out", str(dataset.parent), *sorted(NAMES)], command


def test_import_that_would_drop_a_trial_only_its_sites_name_is_refused_without_replace(cli, dataset: Path) -> None:
    """The same studies again but one, whose trials.json entry is gone: its sites would be lost."""
    _forget(dataset, NAMES[2])
    before = snapshot(dataset.parent)
    run = cli("import", *(str(EXPORT / f"{name}.json") for name in NAMES[:2]), "--out", str(dataset.parent))
    assert run.exit_code == 2 and run.stderr.count("\n") == 1, run.stderr
    assert NAMES[2] in run.stderr and "--replace" in run.stderr
    assert snapshot(dataset.parent) == before
    again = cli("import", *(str(EXPORT / f"{name}.json") for name in NAMES), "--out", str(dataset.parent))
    assert again.exit_code == 0, again.stderr  # every trial there imported again: nothing lost, nothing asked
    assert sorted(_rows(dataset)) == sorted(NAMES)


# ---------------------------------------------------------------- 3. an id no site has

def _ids(sites: Path) -> dict[tuple[str, str, str], int]:
    with sites.open(encoding="utf-8") as handle:
        return {(row["nct_id"], row["facility"], row["city"]): int(row["id"]) for row in csv.DictReader(handle)}


def _without_first_site(nct_id: str) -> tuple[dict, dict]:
    study = _study(nct_id)
    gone = study["protocolSection"]["contactsLocationsModule"]["locations"].pop(0)
    return study, gone


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("how", ["update", "update NCT", "import"])
def test_show_of_a_site_an_update_removed_says_so_and_by_which(cli, dataset: Path, lang: str, how: str) -> None:
    changed = NAMES[1]
    study, gone = _without_first_site(changed)
    removed = _ids(dataset)[(changed, gone["facility"], gone["city"])]
    with FakeServices() as fake:
        fake.studies = {name: _study(name) for name in NAMES}
        fake.studies[changed] = study
        env = {"SITEFINDER_CTGOV_URL": fake.url}
        if how == "import":
            path = dataset.parent.parent / f"{changed}.json"
            path.write_text(json.dumps(study), encoding="utf-8")
            args = ["import", *(str(EXPORT / f"{name}.json") for name in NAMES if name != changed), str(path),
                    "--out", str(dataset.parent)]
        else:
            args = ["update", *([changed] if how == "update NCT" else []), "--sites", str(dataset)]
        assert cli(*args, env=env).exit_code == 0
    run = cli("show", str(removed), "--sites", str(dataset), "--lang", lang)
    assert run.exit_code == 1 and run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
    assert str(removed) in run.stderr and changed in run.stderr and gone["facility"] in run.stderr, run.stderr
    assert f"sitefinder {how.split()[0]}" in run.stderr, run.stderr  # which command removed it
    assert ("removed" if lang == "en" else "移除") in run.stderr, run.stderr
    assert f"sitefinder list --sites {dataset}" in run.stderr, run.stderr  # what to do, of the same data
    assert "ids run from" not in run.stderr
    later = cli("show", str(removed), "--sites", str(dataset), "--json")  # the record stays with later versions
    assert later.exit_code == 1 and gone["facility"] in later.stderr


def test_show_of_an_id_no_site_ever_had_says_no_site_has_it_and_lists_the_same_data(cli, dataset: Path) -> None:
    top = max(_ids(dataset).values())
    run = cli("show", str(top + 5), "--sites", str(dataset))
    assert run.exit_code == 1 and run.stderr.count("\n") == 1, run.stderr
    assert f"no site has id {top + 5}" in run.stderr and "removed" not in run.stderr
    assert f"sitefinder list --sites {dataset}" in run.stderr, run.stderr


@pytest.mark.parametrize("query", ["7.5", "Atlantis General Hospital"])
def test_every_miss_of_show_lists_the_same_data(cli, dataset: Path, query: str) -> None:
    run = cli("show", query, "--sites", str(dataset))
    assert run.exit_code == 1 and run.stderr.count("\n") == 1, run.stderr
    assert f"sitefinder list --sites {dataset}" in run.stderr, run.stderr
    shipped = cli("show", query)  # the data in use by default: nothing to repeat
    assert shipped.exit_code == 1 and "(see: sitefinder list)" in shipped.stderr, shipped.stderr


# ---------------------------------------------------------------- 2. one answer for every trial

def _update_of_three(cli, dataset: Path, *args: str):
    """NAMES[1] loses its first site and ends; NAMES[2] is not returned; NAMES[0] is as it was."""
    study, gone = _without_first_site(NAMES[1])
    study["protocolSection"]["statusModule"]["overallStatus"] = "TERMINATED"
    removed = _ids(dataset)[(NAMES[1], gone["facility"], gone["city"])]
    with FakeServices() as fake:
        fake.studies = {NAMES[0]: _study(NAMES[0]), NAMES[1]: study}
        run = cli("update", "--sites", str(dataset), *args, env={"SITEFINDER_CTGOV_URL": fake.url})
    assert run.exit_code == 0, run.stderr
    return run, removed


def test_update_of_many_as_csv_is_one_table_of_every_trial_with_its_counts(cli, dataset: Path) -> None:
    before = {name: len(rows) for name, rows in _rows(dataset).items()}
    run, removed = _update_of_three(cli, dataset, "-f", "csv")
    lines = run.stdout.splitlines()
    assert lines[0].startswith("nct_id,") and not any(line == lines[0] for line in lines[1:]), run.stdout
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert [row["nct_id"] for row in rows] == NAMES  # every trial once, the one not returned too
    by_id = {row["nct_id"]: row for row in rows}
    assert [by_id[name]["found"] for name in NAMES] == ["True", "True", "False"]
    for name in NAMES:  # numbers as numbers, a column each, that add up
        row = by_id[name]
        assert int(row["site_count"]) == before[name] - int(row["removed"]) + int(row["added"]), row
    assert (int(by_id[NAMES[1]]["removed"]), by_id[NAMES[1]]["removed_ids"]) == (1, str(removed))
    assert (by_id[NAMES[1]]["overall_status_before"], by_id[NAMES[1]]["overall_status"]) == ("RECRUITING",
                                                                                            "TERMINATED")
    assert by_id[NAMES[0]]["added"] == by_id[NAMES[0]]["removed"] == by_id[NAMES[0]]["changed"] == "0"


@pytest.mark.parametrize("fmt", [["--json"], []], ids=["json", "table"])
def test_update_of_many_counts_add_up_to_the_trials_asked_for(cli, dataset: Path, fmt: list[str]) -> None:
    run, _ = _update_of_three(cli, dataset, *fmt)
    if fmt:
        answer = json.loads(run.stdout)  # one document
        assert [trial["nct_id"] for trial in answer["trials"]] == NAMES
        assert (answer["trials_asked"], answer["trials_changed"], answer["trials_unchanged"],
                answer["not_returned"]) == (3, 1, 1, [NAMES[2]])
        assert answer["refreshed"] == answer["trials_changed"] + answer["trials_unchanged"]
    else:
        text = " ".join(run.stdout.split())
        assert "2 of 3 trials refreshed" in text and "1 changed, 1 unchanged, 1 not returned" in text, text


# ---------------------------------------------------------------- 4. a failure half way

@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("which", ["every trial", "one trial", "a dataset of one"])
def test_an_unusable_record_in_the_registrys_answer_names_its_trial_and_changes_nothing(
        cli, dataset: Path, which: str, lang: str) -> None:
    bad = NAMES[1]
    if which == "a dataset of one":
        assert cli("import", str(EXPORT / f"{bad}.json"), "--out", str(dataset.parent.parent / "one")).exit_code == 0
        dataset = dataset.parent.parent / "one" / "sites.csv"
    before = snapshot(dataset.parent)
    with FakeServices() as fake:
        fake.studies = {name: _study(name) for name in NAMES}
        fake.studies[bad]["protocolSection"]["contactsLocationsModule"] = "see the sponsor's website"
        args = ["update", *([bad] if which == "one trial" else []), "--sites", str(dataset), "--lang", lang]
        run = cli(*args, env={"SITEFINDER_CTGOV_URL": fake.url})
    assert run.exit_code == 1 and run.stdout == "" and run.stderr.count("\n") == 1, (run.stdout, run.stderr)
    assert bad in run.stderr, run.stderr  # which trial's record
    assert ("nothing was written" if lang == "en" else "未写入任何内容") in run.stderr, run.stderr
    assert ("no trial was refreshed" if lang == "en" else "没有任何试验被更新") in run.stderr, run.stderr
    assert snapshot(dataset.parent) == before


def test_a_network_failure_on_a_later_batch_changes_nothing(cli, dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every batch is fetched before anything is compared or written: a failure on the third of three is the whole run's."""
    import fake_services

    monkeypatch.setattr("sitefinder.update.BATCH_IDS", 1)
    before = snapshot(dataset.parent)
    answer = fake_services.Handler._search

    def third_fails(handler, query):
        if sum(path.startswith("/api/v2/studies?") for path in handler.server.requests) == 3:
            return handler._send(503, b"Service Unavailable", "text/plain")
        return answer(handler, query)

    monkeypatch.setattr(fake_services.Handler, "_search", third_fails)
    with FakeServices() as fake:
        fake.studies = {name: _study(name) for name in NAMES}
        fake.studies[NAMES[0]]["protocolSection"]["statusModule"]["overallStatus"] = "TERMINATED"
        run = cli("update", "--sites", str(dataset), env={"SITEFINDER_CTGOV_URL": fake.url})
        asked = sum(path.startswith("/api/v2/studies?") for path in fake.requests)
    assert asked == 3
    assert run.exit_code == 1 and run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
    assert "503" in run.stderr and "nothing was changed" in run.stderr
    assert snapshot(dataset.parent) == before


def test_a_full_disk_while_an_update_of_many_writes_leaves_the_dataset_as_it_was(
        cli, dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    import sitefinder.datasets as datasets

    before = snapshot(dataset.parent)
    written: list[Path] = []
    write = datasets._write_synced

    def second_file_fails(path: Path, text: str) -> None:
        written.append(path)
        if len(written) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        write(path, text)

    monkeypatch.setattr(datasets, "_write_synced", second_file_fails)
    with FakeServices() as fake:
        fake.studies = {name: _study(name) for name in NAMES}
        fake.studies[NAMES[0]]["protocolSection"]["statusModule"]["overallStatus"] = "TERMINATED"
        run = cli("update", "--sites", str(dataset), env={"SITEFINDER_CTGOV_URL": fake.url})
    assert len(written) == 2
    assert run.exit_code == 1 and run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
    assert "No space left on device" in run.stderr and "as they were" in run.stderr
    assert snapshot(dataset.parent) == before


# ---------------------------------------------------------------- an import's counts

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_import_by_country_says_which_studies_it_left_out_and_its_counts_add_up(
        cli, tmp_path: Path, lang: str) -> None:
    """NCT02856893 and NCT04014634 have no site in China: said, not dropped without a word."""
    given = ["NCT05288205", "NCT02856893", "NCT04547049", "NCT04014634"]
    paths = [str(EXPORT / f"{name}.json") for name in given]
    run = cli("import", *paths, "--country", "China", "--out", str(tmp_path / "cn"), "--json", "--lang", lang)
    assert run.exit_code == 0, run.stderr
    answer = run.json()
    assert answer["no_site_in_country"] == ["NCT02856893", "NCT04014634"]
    assert answer["studies_read"] == len(given) == answer["trial_count"] + len(answer["skipped"]) + len(
        answer["no_site_in_country"])
    assert "NCT02856893" in run.stderr and "NCT04014634" in run.stderr, run.stderr
    assert any("NCT04014634" in notice["text"] for notice in answer["notices"])
    table = cli("import", *paths, "--country", "China", "--out", str(tmp_path / "cn2"), "--lang", lang)
    assert table.exit_code == 0 and "NCT04014634" in table.stderr, table.stderr


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_second_writer_is_refused_saying_what_holds_the_dataset_in_its_language(
        cli, dataset: Path, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import fcntl

    before = snapshot(dataset.parent)
    monkeypatch.setattr("sitefinder.datasets.LOCK_WAIT_SECONDS", 0.2)
    lock = dataset.parent / ".sitefinder" / "lock"
    with FakeServices() as fake, open(lock, "a") as held:
        fake.studies = {name: _study(name) for name in NAMES}
        fake.studies[NAMES[0]]["protocolSection"]["statusModule"]["overallStatus"] = "TERMINATED"
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        run = cli("update", "--sites", str(dataset), "--lang", lang, env={"SITEFINDER_CTGOV_URL": fake.url})
    waiting, error = run.stderr.splitlines()  # the wait said at once, then the error
    assert run.exit_code == 1 and run.stdout == "", run.stderr
    assert waiting.startswith("Waiting for another" if lang == "en" else "正在等待"), run.stderr
    assert str(lock) in error and str(dataset.parent) in error, run.stderr
    assert error.startswith("Error: another import or update" if lang == "en" else "错误：另一个导入或更新"), run.stderr
    assert snapshot(dataset.parent) == before


def test_a_removed_site_is_named_in_chinese_where_its_hospital_has_a_chinese_name() -> None:
    """"（Fujian Cancer Hospital，Fuzhou；…）已于 … 移除": the hospital and its city in Chinese too."""
    from sitefinder.queries import _removed_named
    from sitefinder.wording import spoken

    facility, city = _removed_named("Fujian Cancer Hospital", "Fuzhou")
    assert (spoken(facility, "zh"), spoken(city, "zh")) == ("福建省肿瘤医院", "福州")
    assert (spoken(facility, "en"), spoken(city, "en")) == ("Fujian Cancer Hospital", "Fuzhou")
    assert _removed_named("Riverside Clinic", "Springfield") == ("Riverside Clinic", "Springfield")
