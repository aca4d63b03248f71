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

EXPORT = Path(__file__).parent / "fixtures" / "export"
NAMES = ["NCT05288205", "NCT04547049", "NCT02856893"]


def _study(nct_id: str) -> dict:
    return json.loads((EXPORT / f"{nct_id}.json").read_text(encoding="utf-8"))


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
