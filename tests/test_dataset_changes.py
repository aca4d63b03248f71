"""What an import into a dataset already there, and an update, say of what they changed: the same
rule for both; a list of ids named as the refusal names it; a writer that waits says so at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CTGOV_STUDY, run_cli, write_study


def study(nct_id: str = "NCT07010263", count: int | None = None) -> dict:
    data = json.loads(CTGOV_STUDY.read_text(encoding="utf-8"))
    data["protocolSection"]["identificationModule"]["nctId"] = nct_id
    if count is not None:
        module = data["protocolSection"]["contactsLocationsModule"]
        module["locations"] = module["locations"][:count]
    return data


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
