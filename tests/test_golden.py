"""Each command's JSON on the shipped data, compared whole with tests/golden/*.json: a renamed,
dropped or retyped key fails here (README: fields are only ever added).

To accept a deliberate change (an added field), regenerate and review the diff:

    SITEFINDER_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest -n0 tests/test_golden.py
    git diff tests/golden/
"""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import pytest

from conftest import CTGOV_STUDY, ROOT, run_cli, listing_exit

GOLDEN = ROOT / "tests" / "golden"
COMMANDS = {
    "list": ["list", "--json"],
    "list-shandong-zh": ["list", "--province", "山东", "--json"],
    "near-guangzhou": ["near", "Guangzhou", "--json"],
    "near-taizhou-zh": ["near", "台州", "--limit", "3", "--json"],
    "near-china": ["near", "China", "--status", "recruiting", "--json"],
    "map-jinan": ["map", "Jinan", "--limit", "3", "--json"],
    "show-7": ["show", "7", "--json"],
    "info": ["info", "--json"],
}


@pytest.fixture(autouse=True)
def pinned_day(monkeypatch: pytest.MonkeyPatch) -> None:
    import sitefinder.trial

    monkeypatch.setattr(sitefinder.trial, "_today", lambda: datetime.date(2026, 11, 30))


def compare(name: str, answer: object) -> None:
    path = GOLDEN / f"{name}.json"
    text = json.dumps(answer, ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("SITEFINDER_REGENERATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path.name} is missing: regenerate (see this file's docstring)"
    assert text == path.read_text(encoding="utf-8"), f"{name}: the JSON differs from {path.name}"


@pytest.mark.parametrize("name", list(COMMANDS))
def test_json_is_exactly_the_golden_answer(name: str) -> None:
    run = run_cli(*COMMANDS[name])
    assert run.exit_code == listing_exit(run.json()), run.stderr
    compare(name, run.json())


def test_import_json_is_exactly_the_golden_answer(tmp_path: Path) -> None:
    run = run_cli("import", str(CTGOV_STUDY), "--out", str(tmp_path / "trial"), "--json")
    assert run.exit_code == 0, run.stderr
    answer = {key: value.replace(str(tmp_path), "TMP") if isinstance(value, str) else value
              for key, value in run.json().items()}
    compare("import", answer)
