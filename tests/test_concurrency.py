"""Two writers, or a writer and a reader, as real processes: N imports of two studies into one
directory at once, M readers reading it all the while, and two `update`s at once.

Checked: no reader ever sees the sites of one study with the trial facts of the other (a mixed
pair) or a dataset that cannot be read (a dangling link); every writer succeeds (each waits its
turn); the directory ends with one whole pair and one version; two updates lose nothing. Before
the writer lock and the readers' single look-up of `current`, 17 of 30 double imports left
DIR/sites.csv dangling. The default run uses a size that fits CI (a few seconds on 2 cores);
`.ci/run` runs it again with SITEFINDER_CONCURRENCY_SCALE=3.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CTGOV_STUDY
from fake_services import FakeServices

pytestmark = pytest.mark.concurrency
SCALE = max(1, int(os.environ.get("SITEFINDER_CONCURRENCY_SCALE", "1")))
WRITERS = 4 * SCALE
READERS = 2

# A reader: reads DIR/sites.csv (with its trial.json) until told to stop; prints what it saw.
READER = r"""
import json, sys, time
from pathlib import Path
from sitefinder.errors import SitefinderError
from sitefinder.sitesfile import read_sites_file
path, stop = Path(sys.argv[1]), Path(sys.argv[2])
seen, errors, deadline = {}, [], time.monotonic() + 60
while not stop.exists() and time.monotonic() < deadline:
    try:
        data = read_sites_file(path)
    except SitefinderError as exc:
        errors.append(str(exc)[:200])
        continue
    key = f"{data.trial.nct_id} {len(data.sites)}"
    seen[key] = seen.get(key, 0) + 1
    time.sleep(0.005)  # leave the writers a share of 2 cores
print(json.dumps({"seen": seen, "errors": errors[:5], "error_count": len(errors)}))
"""


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("SITEFINDER_")}
    return {**env, "SITEFINDER_CACHE_DIR": str(tmp_path / "cache"), "SITEFINDER_DATA_DIR": str(tmp_path / "data"),
            "NO_COLOR": "1", **extra}


def sitefinder(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "sitefinder", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def readers(path: Path, stop: Path, env: dict[str, str]) -> list[subprocess.Popen]:
    return [subprocess.Popen([sys.executable, "-c", READER, str(path), str(stop)], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(READERS)]


def finish(processes: list[subprocess.Popen]) -> list[tuple[int, str, str]]:
    results = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        results.append((process.returncode, out, err))
    return results


def test_parallel_imports_and_readers_see_whole_pairs_only(tmp_path: Path) -> None:
    other = json.loads(CTGOV_STUDY.read_text(encoding="utf-8"))
    other["protocolSection"]["identificationModule"]["nctId"] = "NCT99999999"
    module = other["protocolSection"]["contactsLocationsModule"]
    module["locations"] = module["locations"][:3]
    studies = [str(CTGOV_STUDY), str(tmp_path / "other.json")]
    Path(studies[1]).write_text(json.dumps(other), encoding="utf-8")
    out, stop, env = tmp_path / "ds", tmp_path / "stop", environment(tmp_path)
    assert finish([sitefinder("import", studies[0], "--out", str(out), env=env)])[0][0] == 0

    reading = readers(out / "sites.csv", stop, env)
    time.sleep(0.3)  # the readers are reading before the writers start
    writers = finish([sitefinder("import", studies[number % 2], "--out", str(out), "--replace", env=env)
                      for number in range(WRITERS)])
    time.sleep(0.2)
    stop.touch()
    seen = [json.loads(result[1]) for result in finish(reading)]

    assert [code for code, _, _ in writers] == [0] * WRITERS, [err for _, _, err in writers]
    for report in seen:
        assert report["error_count"] == 0, report["errors"]  # never a dangling or half-read dataset
        assert set(report["seen"]) <= {"NCT07010263 42", "NCT99999999 3"}, report["seen"]  # never a mixed pair
        assert sum(report["seen"].values()) > 0
    final = subprocess.run([sys.executable, "-m", "sitefinder", "info", "--json", "--sites", str(out / "sites.csv")],
                           env=env, capture_output=True, text=True)
    assert final.returncode == 0, final.stderr
    answer = json.loads(final.stdout)
    assert f"{answer['trial']['nct_id']} {answer['site_count']}" in {"NCT07010263 42", "NCT99999999 3"}
    assert len(list((out / ".sitefinder").glob("v-*"))) == 1  # nothing left over, nothing in use removed


def test_two_updates_at_once_lose_nothing(tmp_path: Path) -> None:
    from test_update import changed_study

    with FakeServices() as fake:
        fake.studies["NCT07010263"] = changed_study()
        env = environment(tmp_path, SITEFINDER_CTGOV_URL=fake.url, SITEFINDER_TIMEOUT="20")
        copy = tmp_path / "data" / "NCT07010263" / "sites.csv"
        stop = tmp_path / "stop"
        updates = [sitefinder("update", "--json", env=env) for _ in range(2 * SCALE)]
        time.sleep(0.2)
        reading = readers(copy, stop, env)
        results = finish(updates)
        stop.touch()
        seen = [json.loads(result[1]) for result in finish(reading)]
    assert [code for code, _, _ in results] == [0] * len(results), [err for _, _, err in results]
    reports = [json.loads(out) for _, out, _ in results]
    # One of them compared with the shipped data, the others with what it published: the same ids.
    assert sorted(report["added_ids"] for report in reports)[-1] == [43]
    assert all(report["id_high_water"] == 43 for report in reports)
    for report in seen:
        assert set(report["seen"]) <= {"NCT07010263 42"}, report["seen"]
    info = subprocess.run([sys.executable, "-m", "sitefinder", "list", "--city", "Wuhan", "--json"], env=env,
                          capture_output=True, text=True)
    assert info.returncode == 0, info.stderr  # the default data are the fetched ones, not the shipped 2025 data
    assert [site["facility"] for site in json.loads(info.stdout)["sites"]] == ["Wuhan Union Hospital"]
    assert len(list(copy.parent.joinpath(".sitefinder").glob("v-*"))) == 1
