"""`update` of a dataset of many trials, as a coordinator runs it: one trial by its id refreshed where
the data in use are (the hint's own command), every trial's site changes shown by the run that
found them, an answer that refreshed nothing said as a failure, and counts said with their nouns."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from pathlib import Path

import pytest

from conftest import snapshot
from fake_services import FakeServices

EXPORT = Path(__file__).parent / "fixtures" / "export"
NAMES = ["NCT05288205", "NCT04547049", "NCT02856893"]
CHANGED = NAMES[0]


def _study(nct_id: str) -> dict:
    return json.loads((EXPORT / f"{nct_id}.json").read_text(encoding="utf-8"))


def _changed(nct_id: str) -> tuple[dict, dict]:
    """The study a while on: it ends, its first site leaves. Returns it and the site that left."""
    study = _study(nct_id)
    study["protocolSection"]["statusModule"]["overallStatus"] = "TERMINATED"
    gone = study["protocolSection"]["contactsLocationsModule"]["locations"].pop(0)
    return study, gone


@pytest.fixture
def dataset(cli, tmp_path: Path) -> Path:
    run = cli("import", *(str(EXPORT / f"{name}.json") for name in NAMES), "--out", str(tmp_path / "ds"))
    assert run.exit_code == 0, run.stderr
    return tmp_path / "ds" / "sites.csv"


def _rows(sites: Path) -> dict[str, list[str]]:
    """The sites file's lines by trial, as written."""
    text = sites.read_text(encoding="utf-8")
    by_trial: dict[str, list[str]] = {}
    for line, row in zip(text.splitlines()[1:], csv.DictReader(io.StringIO(text))):
        by_trial.setdefault(row["nct_id"], []).append(line)
    return by_trial


def _ids(sites: Path) -> dict[tuple[str, str, str], int]:
    with sites.open(encoding="utf-8") as handle:
        return {(row["nct_id"], row["facility"], row["city"]): int(row["id"]) for row in csv.DictReader(handle)}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# ---------------------------------------------------------------- 1. update NCT_ID inside the dataset

@pytest.mark.parametrize("how", ["option", "environment"])
def test_update_of_one_trial_refreshes_it_inside_the_dataset_in_use(cli, dataset: Path, how: str) -> None:
    before_rows, before_ids = _rows(dataset), _ids(dataset)
    study, gone = _changed(CHANGED)
    with FakeServices() as fake:
        fake.studies = {CHANGED: study}
        env = {"SITEFINDER_CTGOV_URL": fake.url}
        args = ["update", CHANGED, "--json"]
        if how == "option":
            args += ["--sites", str(dataset)]
        else:
            env["SITEFINDER_SITES"] = str(dataset)
        run = cli(*args, env=env)
    assert run.exit_code == 0, run.stderr
    answer = run.json()
    assert answer["sites_file"] == str(dataset)
    assert [trial["nct_id"] for trial in answer["trials"]] == [CHANGED]
    trial = answer["trials"][0]
    assert trial["found"] and trial["overall_status"] == "TERMINATED"
    assert [site["facility"] for site in trial["removed"]] == [gone["facility"]]
    after_rows, after_ids = _rows(dataset), _ids(dataset)
    for other in NAMES[1:]:
        assert after_rows[other] == before_rows[other]  # the other trials' rows untouched, byte for byte
    assert len(after_rows[CHANGED]) == len(before_rows[CHANGED]) - 1
    assert all(after_ids[key] == before_ids[key] for key in after_ids)  # every site kept its id
    info = cli("info", CHANGED, "--sites", str(dataset), "--json").json()
    assert info["trial"]["overall_status"] == "TERMINATED" and not info["data_stale"]


def test_update_of_one_trial_of_a_dataset_waits_for_its_other_writer(cli, dataset: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Serialised like every write of the dataset: while another import or update holds its lock,
    it waits, then says so, and the dataset is as it was."""
    import fcntl

    before = snapshot(dataset.parent)
    monkeypatch.setattr("sitefinder.datasets.LOCK_WAIT_SECONDS", 0.3)
    with FakeServices() as fake, open(dataset.parent / ".sitefinder" / "lock", "a") as held:
        fake.studies = {CHANGED: _changed(CHANGED)[0]}
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        run = cli("update", CHANGED, "--sites", str(dataset), env={"SITEFINDER_CTGOV_URL": fake.url})
    assert run.exit_code == 1 and "another import or update is running" in run.stderr, run.stderr
    assert snapshot(dataset.parent) == before


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_refresh_hint_under_sitefinder_sites_is_a_command_that_refreshes_the_data_in_use(
        cli, dataset: Path, lang: str) -> None:
    env = {"SITEFINDER_SITES": str(dataset)}
    hint = _flat(cli("list", "-t", CHANGED, "--lang", lang, env=env).stdout)
    command = re.search(r"sitefinder update[^;)，；。]*?(?= to refresh| 更新|$)", hint)
    assert command, hint
    words = command.group(0).split()[1:]
    with FakeServices() as fake:
        fake.studies = {name: _study(name) for name in NAMES}
        run = cli(*words, "--lang", lang, env={**env, "SITEFINDER_CTGOV_URL": fake.url})
    assert run.exit_code == 0, run.stderr
    refreshed = min(number for (nct_id, _, _), number in _ids(dataset).items() if nct_id == CHANGED)
    again = _flat(cli("show", str(refreshed), "--lang", lang, env=env).stdout)  # a site of the trial refreshed
    assert "sitefinder update" not in again, again  # the data in use are current: no loop
    every = _flat(cli("list", "--lang", lang, env=env).stdout)  # the dataset's oldest data: every trial's refresh
    assert not re.search(r"sitefinder update NCT", every), every


# ---------------------------------------------------------------- 2. each trial's changes, shown by this run

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_update_of_many_shows_each_trials_site_changes_in_its_own_answer(cli, dataset: Path, lang: str) -> None:
    study, gone = _changed(CHANGED)
    removed_id = _ids(dataset)[(CHANGED, gone["facility"], gone["city"])]
    with FakeServices() as fake:
        fake.studies = {name: _study(name) for name in NAMES}
        fake.studies[CHANGED] = study
        run = cli("update", "--sites", str(dataset), "--lang", lang, env={"SITEFINDER_CTGOV_URL": fake.url})
    assert run.exit_code == 0, run.stderr
    text = _flat(run.stdout)
    row = next((line for line in run.stdout.splitlines() if re.search(rf"\b{removed_id}\b", line)
                and ("removed" if lang == "en" else "移除") in line), "")
    assert CHANGED in text and row and gone["facility"].split()[0] in text, text
    assert "update --json" not in text  # no second fetch needed (it would find nothing changed)


# ---------------------------------------------------------------- 3. an update that got nothing

@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_an_answer_without_the_studies_refreshes_nothing_and_says_so(cli, dataset: Path, lang: str, fmt: str) -> None:
    before = snapshot(dataset.parent)
    with FakeServices() as fake:
        fake.studies = {}
        run = cli("update", "--sites", str(dataset), "--lang", lang, *(["--json"] if fmt == "json" else []),
                  env={"SITEFINDER_CTGOV_URL": fake.url})
    assert run.exit_code == 1, (run.stdout, run.stderr)
    assert snapshot(dataset.parent) == before  # nothing rewritten
    assert all(name in run.stderr for name in NAMES), run.stderr
    if fmt == "json":
        answer = run.json()
        assert answer["refreshed"] == 0 and answer["written"] is False
        assert sorted(answer["not_returned"]) == sorted(NAMES)
        assert not any(trial["found"] for trial in answer["trials"])
    else:
        text = _flat(run.stdout)
        assert ("0 of 3 trials refreshed" if lang == "en" else "3 个试验中已更新 0 个") in text, text
        assert "Saved in" not in text and "已保存" not in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_answer_that_drops_a_trial_counts_only_those_refreshed(cli, dataset: Path, lang: str) -> None:
    with FakeServices() as fake:
        fake.studies = {name: _study(name) for name in NAMES[:2]}
        run = cli("update", "--sites", str(dataset), "--lang", lang, "--json", env={"SITEFINDER_CTGOV_URL": fake.url})
        table = cli("update", "--sites", str(dataset), "--lang", lang, env={"SITEFINDER_CTGOV_URL": fake.url})
    assert run.exit_code == 0 == table.exit_code, run.stderr
    answer = run.json()
    assert answer["refreshed"] == 2 and answer["not_returned"] == [NAMES[2]] and answer["written"] is True
    assert NAMES[2] in run.stderr and NAMES[0] not in run.stderr
    assert any(NAMES[2] in notice["text"] for notice in answer["notices"])
    assert ("2 of 3 trials refreshed" if lang == "en" else "3 个试验中已更新 2 个") in _flat(table.stdout)


def test_one_trial_the_registry_does_not_return_fails_and_changes_nothing(cli, dataset: Path) -> None:
    before = snapshot(dataset.parent)
    with FakeServices() as fake:
        fake.studies = {}
        run = cli("update", CHANGED, "--sites", str(dataset), env={"SITEFINDER_CTGOV_URL": fake.url})
    assert run.exit_code == 1 and CHANGED in run.stderr, run.stderr
    assert snapshot(dataset.parent) == before


# ---------------------------------------------------------------- counts with their nouns

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_one_site_and_one_trial_are_said_in_the_singular(cli, tmp_path: Path, lang: str) -> None:
    study = _study(NAMES[1])
    locations = study["protocolSection"]["contactsLocationsModule"]["locations"]
    del locations[1:]
    path = tmp_path / "one.json"
    path.write_text(json.dumps(study), encoding="utf-8")
    assert cli("import", str(path), "--out", str(tmp_path / "one")).exit_code == 0
    with FakeServices() as fake:
        fake.studies = {NAMES[1]: copy.deepcopy(study)}
        single = cli("update", NAMES[1], "--sites", str(tmp_path / "one" / "sites.csv"), "--lang", lang,
                     env={"SITEFINDER_CTGOV_URL": fake.url})
    assert single.exit_code == 0, single.stderr
    text = _flat(single.stdout)
    assert not re.search(r"\b1 (sites|trials)\b", text), text
    assert ("1 site;" in text) if lang == "en" else ("1 个研究中心" in text), text


def test_every_english_count_of_a_noun_follows_the_one_plural_rule() -> None:
    """No phrase writes a number before a plural noun as it is ("{count} sites" said "1 sites")."""
    from sitefinder.wording import MESSAGES, say

    nouns = ("site", "trial", "study", "studies", "field", "member", "page", "day", "character", "time")
    fixed = re.compile(r"\{(\w+)\} (?:more |matching |closed )?(" + "|".join(nouns) + r")s?\b(?!\{| \{)")
    offending = [key for key, phrases in MESSAGES.items() if fixed.search(phrases["en"])]
    assert offending == [], offending
    assert say("update.trial_sites", "en", count=1, added=0, removed=0, changed=1).startswith("1 site;")
    assert say("update.trial_sites", "en", count=2, added=0, removed=0, changed=1).startswith("2 sites;")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_site_whose_status_changed_is_counted_in_the_update_s_title(cli, dataset: Path, lang: str) -> None:
    """"190 个试验中已更新 189 个…；0 个状态有变化" above a row of a site gone Recruiting → Completed: the
    count was of the trials' own status; the title counts the trials' and the sites' apart."""
    study = _study(CHANGED)
    location = next(place for place in study["protocolSection"]["contactsLocationsModule"]["locations"]
                    if place.get("status") != "COMPLETED")
    location["status"] = "COMPLETED"
    with FakeServices() as fake:
        fake.studies = {name: _study(name) for name in NAMES}
        fake.studies[CHANGED] = study
        run = cli("update", "--sites", str(dataset), "--lang", lang, env={"SITEFINDER_CTGOV_URL": fake.url})
    assert run.exit_code == 0, run.stderr
    said = "status changed: 0 trials, 1 site" if lang == "en" else "状态有变化：试验 0 个，研究中心 1 个"
    assert said in _flat(run.stdout), run.stdout
    if lang == "zh":  # the changed site's city in Chinese, as an added one's (was "Guangzhou" beside 广州)
        row = next(line for line in run.stdout.splitlines() if "已完成" in line and "→" in line)
        assert not re.search(r"\b(Beijing|Shanghai|Guangzhou|Tianjin|Chongqing|Wuhan|Chengdu|Hangzhou)\b", row), row
