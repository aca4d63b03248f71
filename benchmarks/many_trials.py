"""A dataset of many trials: how long an import of N studies takes, its peak memory, and how fast
`near` answers on it compared with `near` on the shipped single trial, in one interleaved run.

The export is built from real records in the repository: the eight study records of the tests and
the shipped data (their facts, conditions, contacts and MeSH terms), renumbered NCT9xxxxxxx, each
given a run of the 1,347 real registry locations of 190 studies in benchmarks/placement/ (their own
geoPoints), cycled, so that an export of 1,000 studies has about 30,000 locations, as the
registry's exports have (tens a study).

    python benchmarks/many_trials.py                     # 1,000 studies, 20 interleaved repetitions
    python benchmarks/many_trials.py --studies 200 --repeat 5
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from startup import base_env, command, measure, run_once  # noqa: E402

STATUSES = ("RECRUITING", "NOT_YET_RECRUITING", None, "ACTIVE_NOT_RECRUITING", "COMPLETED")


def templates() -> list[dict]:
    paths = [*sorted((ROOT / "tests" / "fixtures" / "export").glob("NCT*.json")),
             ROOT / "tests" / "fixtures" / "NCT03433391.json", ROOT / "data" / "registry" / "NCT07010263.json"]
    return [json.loads(path.read_text(encoding="utf-8")) for path in paths]


def build_export(studies: int, path: Path) -> int:
    """Write an export (a JSON array) of `studies` studies; return how many locations it holds."""
    pool = json.loads((HERE / "placement" / "locations.json").read_text(encoding="utf-8"))["locations"]
    models = templates()
    shuffler = random.Random(20261201)
    out, cursor, total = [], 0, 0
    for number in range(studies):
        study = json.loads(json.dumps(models[number % len(models)]))  # a deep copy
        protocol = study["protocolSection"]
        protocol["identificationModule"]["nctId"] = f"NCT9{number:07d}"
        count = 10 + shuffler.randrange(41)  # 10 to 50 sites, 30 on average
        locations = []
        for _ in range(count):
            source = pool[cursor % len(pool)]
            cursor += 1
            location = {key: source[key] for key in ("facility", "city", "state", "country", "geoPoint") if key in source}
            status = STATUSES[(number + cursor) % len(STATUSES)]
            if status:
                location["status"] = status
            locations.append(location)
        protocol.setdefault("contactsLocationsModule", {})["locations"] = locations
        total += count
        out.append(study)
    path.write_text(json.dumps(out), encoding="utf-8")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studies", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--build-only", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_only:
        print(build_export(args.studies, Path(args.build_only)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        export = work / "ctg-studies.json"
        # built in a child process: a child's peak RSS starts from its parent's at fork (Linux keeps
        # ru_maxrss across exec), so a parent holding the export would inflate every figure below
        built = subprocess.run([sys.executable, __file__, "--studies", str(args.studies), "--build-only", str(export)],
                               capture_output=True, text=True, check=True)
        locations = int(built.stdout)
        env = base_env(work / "cache")
        started = time.perf_counter()
        seconds, rss, _ = run_once(command(["import", str(export), "--out", str(work / "many")]), env)
        imported = time.perf_counter() - started
        sites = work / "many" / "sites.csv"
        if not sites.exists():
            sys.exit("the import failed: run it by hand to see why")
        print(f"Import: {args.studies:,} studies, {locations:,} locations ({export.stat().st_size / 2**20:.1f} MB): "
              f"{imported:.1f} s, peak {rss / 1024:.0f} MB")
        first, _, _ = run_once(command(["near", "Guangzhou", "--json", "--sites", str(sites)]), env)
        print(f"First near after the import (which builds the index in the cache): {first * 1000:.0f} ms")
        cases = {
            "near Guangzhou --json (shipped, 1 trial)": command(["near", "Guangzhou", "--json"]),
            "near Guangzhou --json (many)": command(["near", "Guangzhou", "--json", "--sites", str(sites)]),
            "near Boston --condition headache --json": command(["near", "Boston", "--condition", "headache", "--json",
                                                                "--sites", str(sites)]),
            "near Paris --trial NCT90000005 --json": command(["near", "Paris", "--trial", "NCT90000005", "--json",
                                                              "--sites", str(sites)]),
            "near Guangzhou --by hospital --json": command(["near", "Guangzhou", "--by", "hospital", "--json",
                                                            "--sites", str(sites)]),
            "list --condition lung --json": command(["list", "--condition", "non-small cell lung", "--json",
                                                     "--sites", str(sites)]),
            "info --json (many)": command(["info", "--json", "--sites", str(sites)]),
        }
        results = measure(cases, args.repeat, env)
        base = statistics.median(results["near Guangzhou --json (shipped, 1 trial)"][0])
        print(f"\nMedian of {args.repeat} interleaved runs; ratio to near on the shipped single trial")
        print(f"{'case':44} {'median ms':>9} {'ratio':>6} {'peak MB':>8}")
        for label, (times, memory, _) in results.items():
            median = statistics.median(times)
            print(f"{label:44} {median * 1000:9.1f} {median / base:6.2f} {statistics.median(memory) / 1024:8.1f}")


if __name__ == "__main__":
    main()
