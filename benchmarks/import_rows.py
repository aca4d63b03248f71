"""How long `sitefinder import` takes when the registry gives no geoPoints, so every row is placed offline.

Builds registry studies from the real locations in benchmarks/placement/locations.json (their
geoPoints removed), in the shape of the shipped record data/registry/NCT07010263.json, and times
`sitefinder import` on each as a separate process (wall time and peak memory), beside the Typer
floor and the physical limit of benchmarks/startup.py:

- the biggest real study among those locations (NCT05843643), as it is;
- 10,000 rows: the real rows cycled (what a registry with many sites in few places looks like);
- 2,000 rows in one city the gazetteer lacks ("Xyzzyville, Ohio"), and 2,000 distinct made-up city
  names (no two alike): what a hostile or broken registry answer could hold `import` and `update` for.

    python benchmarks/import_rows.py                 # every case, 3 runs each (median)
    python benchmarks/import_rows.py --rows 2000 --repeat 1
    python benchmarks/import_rows.py --keep before   # and each case's sites.csv and trial.json kept:
    diff -r before after                             # a change that must not change the data, checked
    python benchmarks/import_rows.py --interleave 25 [--against OTHER/bin/sitefinder]

--interleave N: issue #22's goal measured in one run: the Typer floor and `import` (and `--json`) of
the biggest study, N rounds, each round in a new seeded order (as startup.py's), medians of the
wall and CPU times and their ratios to the floor's; `--against` adds another install's script
(another branch's wheel) to the same rounds.
"""

from __future__ import annotations

import argparse
import copy
import csv
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TEMPLATE = ROOT / "data" / "registry" / "NCT07010263.json"
LOCATIONS = HERE / "placement" / "locations.json"
BIGGEST = "NCT05843643"
SCRIPT = Path(sys.executable).parent / "sitefinder"


def bare(location: dict) -> dict:
    return {key: value for key, value in location.items() if key not in ("geoPoint", "study")}


def study_with(locations: list[dict]) -> dict:
    study = json.loads(TEMPLATE.read_text(encoding="utf-8"))
    study = copy.deepcopy(study)
    study["protocolSection"]["contactsLocationsModule"]["locations"] = locations
    return study


def cases(rows: int) -> dict[str, list[dict]]:
    real = json.loads(LOCATIONS.read_text(encoding="utf-8"))["locations"]
    rng = random.Random(22)
    letters = "abcdefghijklmnopqrstuvwxyz"
    made_up = [{"facility": f"Clinic {n}", "city": "".join(rng.choice(letters) for _ in range(rng.randint(5, 11))).title(),
                "state": "Ohio", "country": "United States"} for n in range(rows // 5)]
    return {
        f"biggest real study ({BIGGEST})": [bare(loc) for loc in real if loc["study"] == BIGGEST],
        f"{rows:,} real rows, cycled": [bare(real[n % len(real)]) for n in range(rows)],
        f"{rows // 5:,} rows in one unknown city": [{"facility": f"Clinic {n}", "city": "Xyzzyville", "state": "Ohio",
                                                     "country": "United States"} for n in range(rows // 5)],
        f"{rows // 5:,} distinct made-up cities": made_up,
    }


def command(args: list[str]) -> list[str]:
    return [str(SCRIPT), *args] if SCRIPT.exists() else [sys.executable, "-m", "sitefinder", *args]


def run_once(argv: list[str]) -> tuple[float, int, int, float]:
    """Wall seconds, peak RSS (KiB), exit code and CPU seconds (user + system: on a shared machine
    it moves less with the other processes' load than the wall time) of one run."""
    started = time.perf_counter()
    import subprocess

    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    return (time.perf_counter() - started, usage.ru_maxrss, os.waitstatus_to_exitcode(status),
            usage.ru_utime + usage.ru_stime)


def interleaved(rounds: int, against: Path | None, work: Path) -> None:
    """The floor and the biggest study's import, interleaved (see the module's docstring)."""
    path = work / "study.json"
    biggest = next(iter(cases(10)))
    path.write_text(json.dumps(study_with(cases(10)[biggest])), encoding="utf-8")
    scripts = {"": command([])}
    if against is not None:
        scripts[" (--against)"] = [str(against)]
    runs: dict[str, list[str]] = {"floor: Typer hello world": [sys.executable, str(HERE / "hello_typer.py")]}
    for suffix, script in scripts.items():
        runs[f"import{suffix}"] = [*script, "import", str(path), "--out", str(work / "out")]
        runs[f"import --json{suffix}"] = [*script, "import", str(path), "--out", str(work / "out"), "--json"]
    results: dict[str, list[tuple[float, int, int, float]]] = {label: [] for label in runs}
    order, shuffler = list(runs), random.Random(20261203)
    for _ in range(rounds):
        shuffler.shuffle(order)
        for label in order:
            shutil.rmtree(work / "out", ignore_errors=True)  # each import into a new directory
            results[label].append(run_once(runs[label]))
            if results[label][-1][2] != 0:
                sys.exit(f"{label}: exit {results[label][-1][2]}")
    wall = {label: statistics.median(run[0] for run in got) for label, got in results.items()}
    cpu = {label: statistics.median(run[3] for run in got) for label, got in results.items()}
    floor = "floor: Typer hello world"
    print(f"{biggest}, {len(cases(10)[biggest])} rows: {rounds} interleaved rounds, medians; Python "
          f"{sys.version.split()[0]}, load {os.getloadavg()[0]:.1f}")
    print(f"{'case':34} {'wall ms':>8} {'x floor':>8} {'CPU ms':>8} {'x floor':>8}")
    for label in runs:
        print(f"{label:34} {wall[label] * 1000:8.1f} {wall[label] / wall[floor]:8.2f} {cpu[label] * 1000:8.1f} "
              f"{cpu[label] / cpu[floor]:8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="a directory to copy each case's imported files into")
    parser.add_argument("--interleave", type=int, metavar="ROUNDS",
                        help="only the biggest study against the Typer floor, interleaved, this many rounds")
    parser.add_argument("--against", type=Path, metavar="SCRIPT", help="with --interleave: another sitefinder script")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sitefinder-import-"))
    try:
        if args.interleave:
            interleaved(args.interleave, args.against, work)
            return
        floors = {"limit: Python + sqlite3 + json": [sys.executable, str(HERE / "limit.py")],
                  "floor: Typer hello world": [sys.executable, str(HERE / "hello_typer.py")]}
        floor_runs = {label: [run_once(argv) for _ in range(max(args.repeat, 5))] for label, argv in floors.items()}
        timed = {label: statistics.median(run[0] for run in runs) for label, runs in floor_runs.items()}
        cpu = {label: statistics.median(run[3] for run in runs) for label, runs in floor_runs.items()}
        typer_cpu = cpu["floor: Typer hello world"]
        print(f"Import without geoPoints: median of {args.repeat} runs; Python {sys.version.split()[0]}, "
              f"load {os.getloadavg()[0]:.1f}")
        print(f"{'case':44} {'rows':>6} {'median s':>9} {'peak MB':>8} {'vs Typer floor':>15} {'placed':>7} "
              f"{'CPU s':>7} {'vs floor':>8}")
        for label, seconds in timed.items():
            print(f"{label:44} {'':>6} {seconds:9.3f} {'':>8} {seconds / timed['floor: Typer hello world']:15.2f} "
                  f"{'':>7} {cpu[label]:7.3f} {cpu[label] / typer_cpu:8.2f}")
        for label, locations in cases(args.rows).items():
            path = work / "study.json"
            path.write_text(json.dumps(study_with(locations)), encoding="utf-8")
            runs = []
            for attempt in range(args.repeat):
                out = work / f"out-{attempt}"
                runs.append(run_once(command(["import", str(path), "--out", str(out)])))
                if runs[-1][2] != 0:
                    sys.exit(f"{label}: import failed (exit {runs[-1][2]})")
            if args.keep is not None:
                kept = args.keep / f"case-{list(cases(args.rows)).index(label)}"
                kept.mkdir(parents=True, exist_ok=True)
                for name in ("sites.csv", "trial.json"):
                    shutil.copyfile(work / "out-0" / name, kept / name)
            with (work / "out-0" / "sites.csv").open(encoding="utf-8", newline="") as handle:
                placed = sum(bool(row["latitude"]) for row in csv.DictReader(handle))
            seconds = statistics.median(run[0] for run in runs)
            memory = statistics.median(run[1] for run in runs) / 1024
            spent = statistics.median(run[3] for run in runs)
            print(f"{label:44} {len(locations):6,} {seconds:9.3f} {memory:8.1f} "
                  f"{seconds / timed['floor: Typer hello world']:15.2f} {placed!s:>7} {spent:7.3f} {spent / typer_cpu:8.2f}")
            for attempt in range(args.repeat):
                shutil.rmtree(work / f"out-{attempt}", ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
