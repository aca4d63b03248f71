"""Every usage error of the command-line parser (Click's own, under Typer) is one line in the
reader's language, says where to read what to type, and exits 2: "错误：Missing option '--out' /
'-o'." told a Chinese reader nothing. Each kind of error Click raises is run in English,
Simplified and Traditional Chinese; a Chinese line may keep only what was typed, option and
command names and metavars in Latin letters."""

from __future__ import annotations

import re

import pytest

from sitefinder.process import click_exceptions, our_usage_words
from tests.conftest import run_cli

LOCALES = {
    "en": {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""},
    "zh_CN": {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""},
    "zh_TW": {"LANG": "zh_TW.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""},
}
PREFIX = {"en": "Error: ", "zh_CN": "错误：", "zh_TW": "錯誤："}

# (command line, the command whose help the line must point to): one per kind of Click error
KINDS = {
    "missing option": (["import", "study.json"], "import"),
    "missing argument": (["near"], "near"),
    "missing arguments": (["import"], "import"),
    "no such option": (["near", "Guangzhou", "--limti", "3"], "near"),
    "no such short option": (["near", "Guangzhou", "-x"], "near"),
    "invalid value": (["near", "Guangzhou", "--limit", "x"], "near"),
    "invalid choice": (["near", "Guangzhou", "--format", "xml"], "near"),
    "requires an argument": (["near", "Guangzhou", "--limit"], "near"),
    "requires an argument, short": (["list", "-c"], "list"),
    "takes no value": (["near", "Guangzhou", "--all=3"], "near"),
    "unexpected extra argument": (["info", "NCT07010263", "extra"], "info"),
    "no such command": (["nera", "Guangzhou"], ""),
    "no such option of the program": (["--bogus"], ""),
}


# commands and the values an option takes, which a Chinese line names as they are typed
NAMES = ("near", "list", "show", "info", "map", "update", "import", "table", "json", "csv")


def latin_left(line: str, typed: list[str]) -> list[str]:
    """The Latin words of a line once what was typed, options, commands, metavars and `sitefinder` are taken out."""
    for word in sorted(typed, key=len, reverse=True):
        line = line.replace(word, " ")
    line = re.sub(r"-{1,2}[A-Za-z][\w-]*|\bsitefinder\b|\b[A-Z][A-Z.]+\b|\bNCT\w*", " ", line)
    line = re.sub(rf"\b({'|'.join(NAMES)})\b", " ", line)
    return re.findall(r"[A-Za-z]{2,}", line)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_parser_error_is_one_line_in_the_readers_language(kind: str, locale: str) -> None:
    args, named = KINDS[kind]
    run = run_cli(*args, env=LOCALES[locale])
    assert run.exit_code == 2, (run.exit_code, run.stderr)
    assert run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
    line = run.stderr.strip()
    assert line.startswith(PREFIX[locale]), line
    where = f"sitefinder {named} --help" if named else "sitefinder --help"
    assert where in line or (named and f"sitefinder {named} " in line), line  # where to read what to type
    if locale != "en":
        assert latin_left(line[len(PREFIX[locale]):], args) == [], line
    if locale == "zh_TW":  # Traditional characters, not the Simplified of zh_CN
        simplified = run_cli(*args, env=LOCALES["zh_CN"]).stderr
        assert simplified != run.stderr or not re.search(r"[\u4e00-\u9fff]", line), line


def test_the_missing_option_is_named_once_by_its_long_name_in_chinese() -> None:
    line = run_cli("import", "study.json", env=LOCALES["zh_CN"]).stderr
    assert "--out" in line and "'" not in line, line


@pytest.mark.parametrize("error", [
    click_exceptions.BadParameter("Value must be an iterable."),
    click_exceptions.BadArgumentUsage("Argument 'place' takes 2 values."),
    click_exceptions.BadOptionUsage("--limit", "Option '--limit' requires 2 arguments."),
    click_exceptions.UsageError("Something Click may say one day."),
    click_exceptions.MissingParameter(param_type="parameter"),
], ids=lambda error: type(error).__name__)
def test_any_other_parser_error_is_chinese_too(error: Exception) -> None:
    """Kinds no command line of sitefinder reaches today still say nothing in English under zh."""
    line = our_usage_words(error, ["near", "Guangzhou", "--limit"], "zh")
    assert line is not None and latin_left(line, ["near", "Guangzhou"]) == [], line
    assert "--help" in line, line
