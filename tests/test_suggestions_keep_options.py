"""A command a notice suggests to see more (the sites --limit hid within --within or as near as
the last shown, the closed sites --all shows) repeats every option typed that shapes the answer:
the filters, --status, --all, --by, map's --out and --view, the format (--json, --format csv) and
--lang, changing only the option it is about (--limit, --all); typed back it answers at least
the sites it promises, those shown among them. `near 台北 --limit 9 --all` suggested `--limit 10`
without --all, whose answer then suggested --all again; `map 北京 --out m.html --all` suggested a
map drawn in the terminal.

Generated over commands of many options, each suggestion typed back (same dataset: ties at one
hospital point, closed sites, a second city 15 km away)."""

from __future__ import annotations

import csv
import io
import re
import shlex
from pathlib import Path

import pytest

from conftest import make_site, run_cli

SUGGESTED = re.compile(r"sitefinder [^（）()；;。\n]*")
# An option's long name, for a short one typed (`-f csv` is repeated as `--format csv`).
LONG = {"-f": "--format", "-n": "--limit", "-a": "--all", "-s": "--status", "-w": "--within", "-o": "--out",
        "-p": "--province", "-c": "--city", "-t": "--trial"}
FLAGS = frozenset(("--all", "--json", "--bom", "--online"))
# The options a notice is about: changed (--limit) or added (--all) by the command it suggests.
CHANGED = frozenset(("--limit",))
STATUSES = ("NOT_YET_RECRUITING", "RECRUITING", "COMPLETED", "RECRUITING", "TERMINATED", "NOT_YET_RECRUITING")


@pytest.fixture
def dataset(tmp_path: Path, sites_file) -> Path:
    """Six sites at Guangzhou's point (two closed), two at Foshan's (one closed), 15 km away."""
    return sites_file(
        *(make_site(number, facility=f"Guangzhou Hospital {number}", status=status)
          for number, status in enumerate(STATUSES, start=1)),
        make_site(7, facility="Foshan Hospital", city="Foshan", latitude=23.0268, longitude=113.1315,
                  status="RECRUITING"),
        make_site(8, facility="Foshan Hospital B", city="Foshan", latitude=23.0268, longitude=113.1315,
                  status="COMPLETED"))


def options_of(words: list[str]) -> list[tuple[str, ...]]:
    """A command line's options as (long name, value) pairs, a flag alone; --sites left out (its own test)."""
    found: list[tuple[str, ...]] = []
    at = 0
    while at < len(words):
        word = LONG.get(words[at], words[at])
        if word.startswith("-") and word in FLAGS:
            found.append((word,))
            at += 1
        elif word.startswith("-"):
            found.append((word, words[at + 1]))
            at += 2
        else:
            at += 1
    return [option for option in found if option[0] != "--sites"]


def shown(words: list[str], stderr: str, stdout: str) -> list[int | str]:
    """What an answer lists (site ids; hospital names for --by hospital), in any format it was written in."""
    options = dict((option[0], option[1:]) for option in options_of(words))
    if "--out" in options:  # a map file: the count it says it drew
        count = re.search(r"Map written to .*\((\d+) sites?\)|地图已写入 .*（(\d+) 个研究中心）", stderr)
        assert count, stderr
        return list(range(int(count.group(1) or count.group(2))))
    if options.get("--format") == ("csv",):
        rows = list(csv.DictReader(io.StringIO(stdout.lstrip("\ufeff"))))
        return [row.get("id") or row["facility"] for row in rows]
    if "--json" in options or options.get("--format") == ("json",):
        import json

        document = json.loads(stdout)
        if "hospitals" in document:
            return [hospital["facility"] for hospital in document["hospitals"]]
        return [site["id"] for site in document["sites"]]
    again = run_cli(*words, "--json")  # a table: the same answer in JSON
    assert again.exit_code in (0, 1), again.stderr
    return shown([*words, "--json"], again.stderr, again.stdout)


ASKED = [
    ("near", "Guangzhou", "--limit", "2", "--status", "recruiting", "--within", "50", "--json"),
    ("near", "Guangzhou", "-n", "2", "--status", "recruiting", "--within", "50", "--lang", "zh"),
    ("near", "Guangzhou", "--limit", "2", "--all", "-f", "csv", "--lang", "zh"),
    ("near", "Guangzhou", "--limit", "2", "--province", "Guangdong", "--country", "China", "--lang", "en"),
    ("near", "Guangzhou", "--limit", "2", "--format", "csv", "--bom"),
    ("near", "Guangzhou", "--limit", "2", "--online"),
    ("near", "Guangzhou", "--limit", "1", "--by", "hospital", "--json"),
    ("near", "Guangzhou", "--limit", "1", "--by", "hospital", "--all", "--lang", "zh"),
    ("near", "Guangzhou", "--limit", "1", "--within", "20", "--status", "completed"),
    ("map", "Guangzhou", "--limit", "2", "--view", "country", "--json"),
    ("map", "Guangzhou", "--limit", "2", "--all", "--view", "world", "--out", "OUT/map.html"),
    ("map", "Guangzhou", "-n", "2", "-o", "OUT/map.svg", "--lang", "zh", "--province", "Guangdong"),
    ("list", "--city", "Guangzhou", "--province", "Guangdong", "--json", "--lang", "zh"),
    ("list", "--country", "China", "--format", "csv"),
    ("near", "Guangdong", "--json", "--lang", "zh"),
    ("near", "Guangdong", "--country", "China", "-f", "csv"),
]


@pytest.mark.parametrize("asked", ASKED, ids=" ".join)
def test_a_suggested_command_keeps_every_option_and_answers_what_it_promises(
        asked: tuple[str, ...], dataset: Path, tmp_path: Path) -> None:
    words = [word.replace("OUT", str(tmp_path)) for word in asked] + ["--sites", str(dataset)]
    env = {"SITEFINDER_NOMINATIM_URL": "http://127.0.0.1:9"}  # --online: never a geocoder reached
    run = run_cli(*words, env=env)
    assert run.exit_code == 0, run.stderr
    first = shown(words, run.stderr, run.stdout)
    typed = options_of(words)
    suggestions = [(line, found.group(0).strip().rstrip(",，:：")) for line in run.stderr.splitlines()
                   for found in SUGGESTED.finditer(line)]
    same = [(line, command) for line, command in suggestions if shlex.split(command)[1] == words[0]]
    assert same, run.stderr  # every one of these answers suggests seeing more
    for line, command in same:
        again_words = shlex.split(command)[1:]
        kept = options_of(again_words)
        for option in typed:
            if option[0] in CHANGED:  # never fewer than typed
                assert any(other[0] == option[0] and int(other[1]) >= int(option[1]) for other in kept), (command, line)
            else:
                assert option in kept, (option, command, line)
        lang = ["--lang", words[words.index("--lang") + 1]] if "--lang" in words else []
        assert again_words[-2 - len(lang):] == ["--sites", str(dataset), *lang], command  # what every command repeats
        again = run_cli(*again_words, env=env)
        assert again.exit_code == 0, (command, again.stderr)
        promised = int(re.search(r"\d+", line).group(0))  # "2 more sites …", "已略去 2 个…"
        answered = shown(again_words, again.stderr, again.stdout)
        assert len(answered) >= len(first) + promised, (command, line, first, answered)
        if not any(option[0] == "--out" for option in typed):  # a map file says how many, not which
            assert set(first) <= set(answered), (command, first, answered)
