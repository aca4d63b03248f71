"""A command line whose options come after "--" (read as the place's words, not as options) is a
usage error whose suggested command, typed back, works: `near -- --limit 1` suggested
`sitefinder near '' --limit 1`, itself an error (no place), and `near -- --lang zh x` suggested
`--lang 'zh x'`, no language. With no place left among the words, none is made up: the help.
Generated over commands, options and where the place is typed."""

from __future__ import annotations

import re
import shlex

import pytest

from conftest import run_cli

SUGGESTED = re.compile(r"sitefinder [^（）()；;。\n]*")
# The options each command takes (a suggestion repeats those typed: one show does not take fails as typed)
SHOWN = [("--json",), ("--lang", "zh"), ("--json", "--lang", "en")]
OPTIONS = {"near": [("--limit", "1"), ("--limit", "1", "--json"), ("-n", "2"), ("--within", "5", "--json"),
                    ("--province", "Guangxi", "Zhuang"), *SHOWN],
           "show": SHOWN, "list": [("--province", "Guangdong"), ("--province", "Guangxi", "Zhuang"), *SHOWN]}
OPTIONS["map"] = OPTIONS["near"]


def lines(verb: str) -> list[tuple[str, ...]]:
    made: list[tuple[str, ...]] = []
    for options in OPTIONS[verb]:
        made.append((verb, "--", *options))  # no place at all
        if "--province" not in options:  # a word after a text value is more of it (--province Guangxi Zhuang)
            made.append((verb, "--", *options, "Guangzhou"))  # the place after the options
        made.append((verb, "Guangzhou", "--", *options))  # the place before "--"
        made.append((verb, "--", "Hong", "Kong", *options))  # a place of two words, unquoted
    return made


@pytest.mark.parametrize("words", [line for verb in ("near", "map", "show", "list") for line in lines(verb)],
                         ids=" ".join)
def test_the_command_a_double_dash_error_suggests_works_typed_back(words: tuple[str, ...]) -> None:
    run = run_cli(*words)
    if run.exit_code != 2:  # read as it was typed after all (a place and words it takes)
        return
    assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr, run.stderr
    for found in SUGGESTED.finditer(run.stderr):
        command = found.group(0).strip().rstrip(",，:：?？")
        typed = shlex.split(command)[1:]
        assert "" not in typed, (words, command)  # no empty place
        again = run_cli(*typed)
        assert again.exit_code in (0, 1), (words, command, again.stderr)


@pytest.mark.parametrize("verb", ["near", "map", "show"])
def test_options_after_a_double_dash_and_no_place_say_so_in_the_answer_language(verb: str) -> None:
    run = run_cli(verb, "--", "--lang", "en")
    assert run.exit_code == 2
    assert '""' not in run.stderr and "''" not in run.stderr, run.stderr
    assert f"sitefinder {verb} --help" in run.stderr, run.stderr
    chinese = run_cli(verb, "--", "--json", "--lang", "en", env={"LANG": "zh_CN.UTF-8"})
    assert chinese.exit_code == 2 and "“--”" in chinese.stderr and "Error" not in chinese.stderr, chinese.stderr
