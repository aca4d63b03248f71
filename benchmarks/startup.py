"""How fast sitefinder answers, as a ratio to the physical limit and to the floors of its stack.

The limit (limit.py): a bare Python process that opens the same gazetteer, answers the same lookup
and prints JSON; the targets are ratios to it, an anchor that does not move when a Typer release gets
slower (Typer 0.29 doubled the floor by requiring pydantic). Two floors: a hello-world Typer app
(what Python + Typer cost to print anything), and the same app printing a 5-row Rich table shaped
like `near`'s (what any Typer + Rich app costs to draw a table). In one run, in the same
interpreter and environment, it interleaves the limit and both floors with sitefinder commands,
many repetitions each, and prints medians, the ratio of each median to the limit and to its
floor's, and peak memory. Interleaving spreads the machine's noise over every case alike; the ratios, not the
milliseconds, are the result. Commands that print JSON or only an error are compared with the Typer
floor; commands that draw tables with the Rich-table floor.

    python benchmarks/startup.py                 # startup table (30 repetitions)
    python benchmarks/startup.py --scale         # and 1k / 10k / 100k-site files
    python benchmarks/startup.py --repeat 3 --sizes 300 --scale   # a quick smoke run
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
HELLO = HERE / "hello_typer.py"
HELLO_TABLE = HERE / "hello_rich_table.py"
LIMIT_SCRIPT = HERE / "limit.py"
LIMIT = "limit: Python + sqlite3 + json"
TYPER_FLOOR = "floor: Typer hello world"
TABLE_FLOOR = "floor: Typer + Rich table"
SCRIPT = Path(sys.executable).parent / "sitefinder"

# (label, arguments, the floor it is compared with, target ratio to that floor or None, target ratio
# to the physical limit or None). The limit (benchmarks/limit.py) is the anchor that does not move when
# a Typer release gets slower; the floors show what the stack costs any app built on it.
STARTUP_CASES = [
    ("near Guangzhou --json", ["near", "Guangzhou", "--json"], TYPER_FLOOR, None, 3.5),
    ("list --province Shandong --json", ["list", "--province", "Shandong", "--json"], TYPER_FLOOR, None, 3.5),
    ("near Guangzou (miss)", ["near", "Guangzou"], TYPER_FLOOR, None, 5.0),
    ("near 台州 (table)", ["near", "台州"], TABLE_FLOOR, None, 5.0),
    ("list --province Shandong (table)", ["list", "--province", "Shandong"], TABLE_FLOOR, None, 5.0),
    ("show 7 (table)", ["show", "7"], TABLE_FLOOR, None, 5.0),
    ("--help", ["--help"], TYPER_FLOOR, None, 4.0),
]
EXTRA_CASES: list[tuple[str, list[str], str, float | None, float | None]] = [
    ("map 台州 (terminal)", ["map", "台州"], TABLE_FLOOR, None, None),
    # Chinese words in Simplified and in Traditional characters: the second reads data/traditional.tsv
    ("show 7 (table, LANG=zh_CN)", ["show", "7"], TABLE_FLOOR, None, None),
    ("show 7 (table, LANG=zh_TW)", ["show", "7"], TABLE_FLOOR, None, None),
]
LOCALES = {"show 7 (table, LANG=zh_CN)": "zh_CN.UTF-8", "show 7 (table, LANG=zh_TW)": "zh_TW.UTF-8"}


def command(args: list[str]) -> list[str]:
    if SCRIPT.exists():
        return [str(SCRIPT), *args]
    return [sys.executable, "-m", "sitefinder", *args]


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (KiB) and CPU seconds (user + system) of one run. On a shared machine
    the wall time moves with the other processes' load; the CPU time moves less."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = 0
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def measure(cases: dict[str, list[str]], repeat: int, env: dict[str, str],
            fresh_env: dict[str, callable] | None = None) -> dict[str, tuple[list[float], list[int], list[float]]]:  # type: ignore[valid-type]
    results: dict[str, tuple[list[float], list[int], list[float]]] = {label: ([], [], []) for label in cases}
    order = list(cases)
    shuffler = random.Random(20261124)
    for _ in range(repeat):
        # Round-robin, so every case sees the same noise, in a new order each round, so that no case
        # always runs right after the same one (in a fixed order, the case after the floor read 0.06-0.09 higher).
        shuffler.shuffle(order)
        for label in order:
            argv = cases[label]
            run_env = fresh_env[label]() if fresh_env and label in fresh_env else env
            seconds, rss, cpu = run_once(argv, run_env)
            results[label][0].append(seconds)
            results[label][1].append(rss)
            results[label][2].append(cpu)
    return results


def base_env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SITEFINDER_")}
    env.update(SITEFINDER_CACHE_DIR=str(cache), NO_COLOR="1", COLUMNS="100")
    return env


def startup_table(repeat: int, work: Path) -> None:
    env = base_env(work / "cache")
    cases = {LIMIT: [sys.executable, str(LIMIT_SCRIPT)], TYPER_FLOOR: [sys.executable, str(HELLO)],
             TABLE_FLOOR: [sys.executable, str(HELLO_TABLE)]}
    every = [*STARTUP_CASES, *EXTRA_CASES,
             ("first run after install", ["near", "Guangzhou", "--json"], TYPER_FLOOR, 2.0, None)]
    cases.update({label: command(args) for label, args, _, _, _ in every})
    counter = iter(range(10**6))

    def fresh() -> dict[str, str]:  # a user cache directory that has never been written
        return {**env, "SITEFINDER_CACHE_DIR": str(work / f"fresh-{next(counter)}")}

    def in_locale(locale: str) -> callable:  # type: ignore[valid-type]
        return lambda: {**env, "LANG": locale}

    results = measure(cases, repeat, env, {"first run after install": fresh,
                                           **{label: in_locale(locale) for label, locale in LOCALES.items()}})
    medians = {label: statistics.median(seconds) for label, (seconds, _, _) in results.items()}
    memory = {label: statistics.median(rss) / 1024 for label, (_, rss, _) in results.items()}
    cpu = {label: statistics.median(spent) for label, (_, _, spent) in results.items()}
    print(f"Startup: median of {repeat} interleaved runs; Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f}")
    limit = medians[LIMIT]
    print(f"{'case':36} {'median ms':>9} {'vs limit':>8} {'target':>6} {'vs floor':>14} {'target':>7} "
          f"{'peak MB':>8} {'vs floor':>9} {'CPU ms':>7} {'vs limit':>8}")
    for label in (LIMIT, TYPER_FLOOR, TABLE_FLOOR):
        ratio = medians[label] / medians[TYPER_FLOOR]
        print(f"{label:36} {medians[label] * 1000:9.1f} {medians[label] / limit:8.2f} {'':>6} {ratio:8.2f} typer "
              f"{'':>7} {memory[label]:8.1f} {'':>9} {cpu[label] * 1000:7.1f} {cpu[label] / cpu[LIMIT]:8.2f}")
    for label, _, floor, target, limit_target in every:
        ratio, to_limit = medians[label] / medians[floor], medians[label] / limit
        verdicts = [("ok" if ratio <= target else "OVER floor") if target else "",
                    ("ok" if to_limit <= limit_target else "OVER limit") if limit_target else ""]
        which = "table" if floor == TABLE_FLOOR else "typer"
        print(f"{label:36} {medians[label] * 1000:9.1f} {to_limit:8.2f} "
              f"{('≤%.1f' % limit_target) if limit_target else '':>6} {ratio:8.2f} {which} "
              f"{('≤%.2f' % target) if target else '':>7} {memory[label]:8.1f} {memory[label] - memory[floor]:+8.1f} "
              f"{cpu[label] * 1000:8.1f} {cpu[label] / cpu[LIMIT]:8.2f} {' '.join(v for v in verdicts if v)}")


def scale_table(repeat: int, sizes: list[int], work: Path) -> None:
    from make_sites import write_synthetic_sites

    from sitefinder.versions import INDEX_THRESHOLD_BYTES

    env = base_env(work / "cache-scale")
    # Each kind of command on the 42 shipped sites is the base its larger runs are compared with.
    kinds = {"near": ["near", "Guangzhou", "--json"], "list --province": ["list", "--province", "Shandong", "--json"],
             "list all": ["list", "--json"]}
    cases = {TYPER_FLOOR: [sys.executable, str(HELLO)]}
    cases.update({f"{kind} 42 (shipped)": command(args) for kind, args in kinds.items()})
    first_runs = {}
    for size in sizes:
        path = work / f"sites-{size}.csv"
        write_synthetic_sites(path, size)
        # The first `near` on a large file builds its index in the cache: timed once, reported apart.
        seconds, _, _ = run_once(command([*kinds["near"], "--sites", str(path)]), env)
        first_runs[size] = (seconds, path.stat().st_size >= INDEX_THRESHOLD_BYTES)
        cases.update({f"{kind} {size:,}": command([*args, "--sites", str(path)]) for kind, args in kinds.items()})
    results = measure(cases, repeat, env)
    medians = {label: statistics.median(seconds) for label, (seconds, _, _) in results.items()}
    floor = medians[TYPER_FLOOR]
    print(f"\nScale: median of {repeat} interleaved runs on synthetic sites files (real gazetteer cities)")
    print(f"{'case':28} {'median ms':>9} {'vs floor':>8} {'vs 42-site run':>15}")
    for label, median in medians.items():
        kind = next((kind for kind in kinds if label.startswith(kind + " ")), None)
        base = medians[f"{kind} 42 (shipped)"] if kind else floor
        print(f"{label:28} {median * 1000:9.1f} {median / floor:8.2f} {median / base:15.2f}")
    for size, (seconds, indexed) in first_runs.items():
        what = ("validates the file, builds its index" if indexed
                else f"reads the file: no index under {INDEX_THRESHOLD_BYTES // 1024} KB")
        print(f"first near on {size:,} sites ({what}): {seconds * 1000:.0f} ms ({seconds / floor:.1f}x floor)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--scale", action="store_true", help="also time 1k/10k/100k-site files")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    work = Path(tempfile.mkdtemp(prefix="sitefinder-bench-"))
    try:
        startup_table(args.repeat, work)
        if args.scale:
            scale_table(args.repeat, args.sizes, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
