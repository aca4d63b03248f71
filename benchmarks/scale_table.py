"""Time and peak memory of each command on synthetic sites files of 1k to 1M rows (one run each).

For each size it writes a file with make_sites.py, times the first run (which validates the file
and builds its index in the cache), then each command once on the warm index, as separate
processes: wall seconds and peak RSS, what `/usr/bin/time -v` reports as "Maximum resident set
size". `list --json` writes to /dev/null: its 180 MB of output at 1M rows are not kept.

    python benchmarks/scale_table.py                       # 1k 10k 100k 300k 1M
    python benchmarks/scale_table.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_sites import write_synthetic_sites  # noqa: E402
from startup import base_env, command  # noqa: E402

COMMANDS = {
    "near Guangzhou --json": ["near", "Guangzhou", "--json"],
    "near Japan --json": ["near", "Japan", "--json"],
    "list --city Guangzhou --json": ["list", "--city", "Guangzhou", "--json"],
    "list --country Japan --json": ["list", "--country", "Japan", "--json"],
    "list --province Shandong --json": ["list", "--province", "Shandong", "--json"],
    "list --status completed --json": ["list", "--status", "completed", "--json"],
    "show Guangzhou": ["show", "Guangzhou"],
    "show 7": ["show", "7"],
    "info": ["info"],
    "list --json (everything)": ["list", "--json"],
}


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB, exit code."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 300_000, 1_000_000])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sitefinder-scale-"))
    env = base_env(work / "cache")
    results: dict[int, dict[str, tuple[float, float, int]]] = {}
    try:
        for size in args.sizes:
            path = work / f"sites-{size}.csv"
            write_synthetic_sites(path, size)
            results[size] = {"first run (builds the index)": run_once(command(["info", "--sites", str(path)]), env)}
            for label, argv in COMMANDS.items():
                results[size][label] = run_once(command([*argv, "--sites", str(path)]), env)
            megabytes = path.stat().st_size / 1e6
            print(f"{size:>9,} rows ({megabytes:.0f} MB) done", file=sys.stderr)
            path.unlink()
        labels = list(next(iter(results.values())))
        print("seconds / peak MB, one run each; Python", sys.version.split()[0])
        print(f"{'command':34}" + "".join(f"{size:>17,}" for size in results))
        for label in labels:
            cells = []
            for size in results:
                seconds, memory, code = results[size][label]
                cells.append(f"{seconds:7.2f} s {memory:5.0f} MB" + ("!" if code else ""))
            print(f"{label:34}" + "".join(f"{cell:>17}" for cell in cells))
        print("(! = exit code other than 0)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
