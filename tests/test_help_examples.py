"""A command example of `--help` is copied and pasted whole: at a phone's 40 columns Click broke
`sitefinder near Guangzhou --condition "lung cancer" --by hospital` after `--by`, leaving `hospital`
on a line of its own, and `--sites ~/.local/share/…` inside the path; pasted, that runs another
command. An example is one line where it fits, else broken only between shell words, each line but
the last ending in ` \\` (the shell joins them), the lines after the first indented; a word wider
than the line stays whole (the terminal folds it, and copies it as one line).
"""

from __future__ import annotations

import os
import pty
import re
import select
import shlex
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from conftest import run_cli
from sitefinder.cli import app

LOCALES = {"en": "C.UTF-8", "zh": "zh_CN.UTF-8"}
WIDTHS = [40, 60, 80]
COMMANDS = ["", *sorted(typer.main.get_command(app).commands)]


def documented(command: str) -> list[str]:
    """The examples the source writes for a command ("" the top level), in their order."""
    group = typer.main.get_command(app)
    text = group.commands[command].help if command else group.epilog  # type: ignore[attr-defined]
    return [line.strip() for line in (text or "").split("Examples:", 1)[1].splitlines()
            if line.strip().startswith("sitefinder ")]


def shown_examples(help_text: str) -> list[list[str]]:
    """The examples of a help screen, each as its lines (the ones a ` \\` continues joined to it)."""
    lines = help_text.splitlines()
    start = next(index for index, line in enumerate(lines) if line.strip() == "Examples:")
    examples: list[list[str]] = []
    continued = False
    for line in lines[start + 1:]:
        if line and not line.startswith(" "):  # the next section (Arguments:, Options:)
            break
        if continued:
            examples[-1].append(line)
        elif line.strip():
            examples.append([line])
        continued = line.endswith(" \\")
    return examples


def pasted(lines: list[str]) -> str:
    """What a POSIX shell reads from the lines pasted: a backslash before the line's end is removed
    with the line break (outside single quotes, as these breaks are, each between two words)."""
    return re.sub(r"\s+", " ", "\n".join(lines).replace("\\\n", "")).strip()


def check_examples(help_text: str, command: str, width: int) -> None:
    from rich.cells import cell_len

    examples = shown_examples(help_text)
    assert [pasted(lines) for lines in examples] == documented(command), help_text
    for lines in examples:
        indent = len(lines[0]) - len(lines[0].lstrip())
        for number, line in enumerate(lines):
            words = line.removesuffix(" \\").split()
            # wider than the terminal only as one word that is wider alone
            assert cell_len(line) <= width or len(words) == 1, (width, line)
            assert line.count('"') % 2 == 0 and line.count("'") % 2 == 0, line  # never inside a quoted word
            if number:
                assert len(line) - len(line.lstrip()) > indent, lines  # a continuation reads as one
        if cell_len(" ".join(line.strip() for line in lines)) + indent <= width - 2:
            assert len(lines) == 1, lines  # a command that fits is one line


@pytest.mark.parametrize("lang", list(LOCALES))
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", COMMANDS)
def test_every_example_of_every_help_pastes_as_the_command_written(command: str, width: int, lang: str) -> None:
    run = run_cli(*([command] if command else []), "--help", env={"COLUMNS": str(width), "LANG": LOCALES[lang]})
    assert run.exit_code == 0, run.stderr
    check_examples(run.stdout, command, width)


def test_the_examples_that_broke_at_a_phones_width_are_broken_between_words() -> None:
    run = run_cli("near", "--help", env={"COLUMNS": "40"})
    examples = {pasted(lines): lines for lines in shown_examples(run.stdout)}
    hospital = examples['sitefinder near Guangzhou --condition "lung cancer" --by hospital']
    assert len(hospital) > 1 and not any(line.strip() == "hospital" for line in hospital)
    update = shown_examples(run_cli("update", "--help", env={"COLUMNS": "40"}).stdout)[-1]
    assert any(line.strip().startswith("~/.local/share/sitefinder/NCT04000000/sites.csv") for line in update), update


def test_an_inline_command_of_an_options_help_is_never_broken() -> None:
    """`show`'s SITE help names `sitefinder list`, which was broken at 40 columns. (Typer 0.19,
    the lowest the project declares, prints no help for an argument: nothing to break there.)"""
    for width in WIDTHS:
        text = run_cli("show", "--help", env={"COLUMNS": str(width)}).stdout
        if "A site id" not in " ".join(text.split()):  # the argument's help is not printed at all
            continue
        assert "`sitefinder list`" in text, text


def _help_in_a_terminal(command: str, columns: int, lang: str) -> str:
    """`sitefinder COMMAND --help` run by the installed script in a pseudo-terminal `columns` wide
    (no COLUMNS: the width is the terminal's, as a phone's is)."""
    import fcntl
    import termios

    script = shutil.which("sitefinder", path=str(Path(sys.executable).parent))
    assert script, "the sitefinder script of this environment"
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}
    env["LANG"] = LOCALES[lang]
    process = subprocess.Popen([script, *([command] if command else []), "--help"], stdin=follower, stdout=follower,
                               stderr=follower, env=env, close_fds=True)
    os.close(follower)
    output = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the follower closed: the run is over
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.wait(30) == 0, output
    return output.decode("utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize("lang", list(LOCALES))
@pytest.mark.parametrize("columns", WIDTHS)
def test_near_help_in_a_real_terminal_pastes_into_a_real_shell(columns: int, lang: str) -> None:
    """In a pseudo-terminal of a phone's width, each example pasted into bash is the command written."""
    text = _help_in_a_terminal("near", columns, lang)
    check_examples(text, "near", columns)
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash to paste into")
    for lines, written in zip(shown_examples(text), documented("near")):
        block = "\n".join(lines).lstrip()
        words = subprocess.run([bash, "-c", 'sitefinder() { printf "%s\\n" sitefinder "$@"; }\n' + block],
                               capture_output=True, text=True, check=True).stdout.splitlines()
        assert words == shlex.split(written), block


@pytest.mark.parametrize("command", ["update", ""])
def test_other_helps_in_a_real_terminal_of_a_phone(command: str) -> None:
    for lang in LOCALES:
        check_examples(_help_in_a_terminal(command, 40, lang), command, 40)


@pytest.mark.parametrize("width", range(18, 101, 7))
def test_an_example_is_laid_out_between_shell_words_at_every_width(width: int) -> None:
    """The layout alone, at widths the CLI tests do not reach, over every example written and some
    with quoted words wider than the line (never broken inside)."""
    from sitefinder.cli import _example_lines

    examples = [example for command in COMMANDS for example in documented(command)]
    examples += ['sitefinder near "a quoted place name wider than any phone line" --json',
                 "sitefinder list --status 'not yet recruiting' --format csv > sites.csv && echo done",
                 "sitefinder near 江苏泰州 --within 300 --province 江苏 --country 中国 --lang zh"]
    for example in examples:
        lines = _example_lines(example, width)
        assert pasted(lines) == example and shlex.split(pasted(lines)) == shlex.split(example)
        assert all(line.endswith(" \\") for line in lines[:-1]) and not lines[-1].endswith("\\")
        for line in lines:
            assert line.count('"') % 2 == 0 and line.count("'") % 2 == 0, line
