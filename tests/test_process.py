"""The process around a command (process.py): argv words, signals, closed and failing streams,
exit codes. In-process through `run_cli`, and by the installed script where only a real process shows it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli, wait_until_reading_a_pipe
from sitefinder.exits import ExitCode

SCRIPT = Path(sys.executable).parent / "sitefinder"


def test_exit_codes_are_one_enum() -> None:
    assert (ExitCode.OK, ExitCode.FAILURE, ExitCode.USAGE, ExitCode.INTERRUPTED) == (0, 1, 2, 130)
    assert ExitCode.for_signal(signal.SIGTERM) == 128 + signal.SIGTERM


# ---------------------------------------------------------------- argv words

def test_a_negative_option_value_is_left_as_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rewrite that keeps -33.87,151.21 a place never reaches an option's value."""
    monkeypatch.chdir(tmp_path)
    run = run_cli("map", "Guangzhou", "--out", "-1.svg")
    assert run.exit_code == 0, run.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["-1.svg"]
    missing = run_cli("list", "--sites", "-2.csv")
    assert missing.exit_code == 2  # a --sites that names no file: a usage error
    assert missing.stderr.startswith("Error: --sites -2.csv:"), missing.stderr
    study = run_cli("import", "-3.json", "--out", "x")  # an argument that is not a place: a file name
    assert study.exit_code != 0 and "' -3.json'" not in study.stderr and "-3.json" in study.stderr, study.stderr
    assert run_cli("show", "-4").stderr.count(" -4") == 0


@pytest.mark.parametrize("args", [["near", "-33.87,151.21", "--json"], ["near", "--json", "-33.87,151.21"],
                                  ["near", "--limit", "2", "-33.87,151.21", "--json"],
                                  ["map", "-33.87,151.21", "--json"]])
def test_a_negative_coordinate_is_still_a_place(args: list[str]) -> None:
    run = run_cli(*args)
    assert run.exit_code == 0, run.stderr
    assert run.json()["origin"]["latitude"] == -33.87


def test_a_negative_limit_is_a_usage_error_about_the_limit() -> None:
    run = run_cli("near", "Beijing", "--limit", "-3")
    assert run.exit_code == 2 and "--limit must be 1 or more, not -3" in run.stderr


@pytest.mark.parametrize("args", [["near", "Guang\udcffzhou"], ["show", "\udce9"], ["list", "--city", "Ji\udcffnan"],
                                  ["list", "--sites", "/tmp/\udcff.csv"]])
def test_an_argument_that_is_not_utf8_is_a_clean_usage_error(args: list[str]) -> None:
    run = run_cli(*args)
    assert run.exit_code == 2, run.stderr
    assert run.stderr.startswith("Error: ") and run.stderr.count("\n") == 1
    assert "internal error" not in run.stderr and "UTF-8" in run.stderr


# ---------------------------------------------------------------- interrupts

@pytest.mark.parametrize("where", ["sitefinder.queries.find_nearest", "sitefinder.output.views.near_view"])
def test_ctrl_c_anywhere_says_interrupted_and_exits_130(monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    module, name = where.rsplit(".", 1)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(sys.modules[module] if module in sys.modules else __import__(module, fromlist=[name]),
                        name, interrupted)
    run = run_cli("near", "Guangzhou")
    assert run.exit_code == 130
    assert run.stderr == "Error: interrupted\n"


def test_ctrl_c_exits_130_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import sitefinder.queries

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(sitefinder.queries, "find_nearest", interrupted)
    run = run_cli("near", "Guangzhou")
    assert run.exit_code == 130
    assert "Traceback" not in run.stderr and run.stderr.count("\n") <= 1


def test_unexpected_error_is_one_line_and_debug_shows_the_trace(monkeypatch: pytest.MonkeyPatch) -> None:
    import sitefinder.queries

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(sitefinder.queries, "find_nearest", broken)
    run = run_cli("near", "Guangzhou")
    assert run.exit_code == 1
    assert run.stderr == "Error: internal error: ZeroDivisionError: boom (run with --debug for details)\n"
    debug = run_cli("--debug", "near", "Guangzhou")
    assert debug.exit_code == 1 and "Traceback" in debug.stderr and "ZeroDivisionError" in debug.stderr


def test_ctrl_c_during_start_up_says_interrupted(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
                                                 ) -> None:
    """The entry point: an interrupt while the command line is still being loaded (Typer, the app)."""
    import sitefinder.__main__ as entry
    import sitefinder.cli

    def interrupted(arguments: list[str]):
        raise KeyboardInterrupt

    monkeypatch.setattr(sitefinder.cli, "app_for", interrupted)
    monkeypatch.setattr(sys, "argv", ["sitefinder", "near", "Guangzhou"])
    with pytest.raises(SystemExit) as stopped:
        entry.run()
    assert stopped.value.code == 130
    assert capsys.readouterr().err == "Error: interrupted\n"


def test_the_real_script_interrupted_while_reading_says_so(tmp_path: Path) -> None:
    process = subprocess.Popen([str(SCRIPT), "list", "--sites", "/dev/stdin"], cwd=tmp_path, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_until_reading_a_pipe(process.pid)  # the command is waiting for its input
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr.decode() == "Error: interrupted\n"


# ---------------------------------------------------------------- failing streams and files

@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["list"], ["list", "--json"], ["near", "Beijing", "--format", "csv"]])
def test_a_full_disk_on_stdout_says_what_failed(tmp_path: Path, args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        run = subprocess.run([str(SCRIPT), *args], cwd=tmp_path, stdout=full, stderr=subprocess.PIPE, text=True,
                             timeout=60)
    assert run.returncode == 1
    assert run.stderr.startswith("Error: ") and run.stderr.count("\n") == 1, run.stderr
    assert "internal error" not in run.stderr and "No space left on device" in run.stderr


def test_completion_into_an_unwritable_home_says_what_failed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o500)
    try:
        env = {**os.environ, "HOME": "/proc" if os.path.isdir("/proc") else str(home), "SHELL": "/bin/bash"}
        # From bash: Typer finds the shell to install for among the script's parent processes.
        run = subprocess.run(["bash", "-c", f"'{SCRIPT}' --install-completion bash"], cwd=tmp_path, env=env,
                             capture_output=True, text=True, timeout=60)
    finally:
        home.chmod(0o700)
    assert run.returncode == 1
    assert run.stderr.startswith("Error: ") and run.stderr.count("\n") == 1, run.stderr
    assert "internal error" not in run.stderr


# ---------------------------------------------------------------- terminal width

@pytest.mark.parametrize("columns", ["0", "1", "5", "100000000"])
@pytest.mark.parametrize("args", [["map", "Jinan"], ["near", "Jinan"], ["list", "--province", "Shandong"],
                                  ["show", "27"]])
def test_an_absurd_terminal_width_is_clamped(columns: str, args: list[str]) -> None:
    run = run_cli(*args, env={"COLUMNS": columns})
    assert run.exit_code == 0, run.stderr
    assert len(run.stdout) < 200_000
    assert max(len(line) for line in run.stdout.splitlines()) <= 1000


@pytest.mark.parametrize("words, unknown", [
    (["near", "Guangzhou", "--bogus"], "--bogus"),  # Click offered --bom
    (["near", "Guangzhou", "--xyz"], "--xyz"),
    (["list", "--zzzzzz", "1"], "--zzzzzz"),
    (["near", "Guangzhou", "--verbose"], "--verbose"),  # Click offered --all
    (["near", "Guangzhou", "-q"], "-q"),
])
def test_an_unknown_option_with_no_close_spelling_names_none(cli, words: list[str], unknown: str) -> None:
    run = cli(*words)
    assert run.exit_code == 2 and run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
    assert f"no option {unknown}" in run.stderr and "--help" in run.stderr, run.stderr
    assert "did you mean" not in run.stderr and "Possible" not in run.stderr, run.stderr


@pytest.mark.parametrize("words, meant", [
    (["near", "Guangzhou", "--limt", "3"], ["--limit"]),
    (["near", "Guangzhou", "--jsn"], ["--json"]),
    (["list", "--cty", "Jinan"], ["--city"]),
    (["list", "--provnce=Shandong"], ["--province"]),
    (["import", "x.json", "--out", "o", "--stric"], ["--strict"]),
])
def test_an_unknown_option_suggests_only_close_spellings(cli, words: list[str], meant: list[str]) -> None:
    run = cli(*words)
    assert run.exit_code == 2 and run.stderr.count("\n") == 1, run.stderr
    said = run.stderr.split("did you mean", 1)[1]
    named = [word.strip("?,;()") for word in said.split() if word.startswith("--") and word.strip("?,;()") != "--help"]
    assert named == meant, run.stderr


@pytest.mark.parametrize("words, typed", [
    (["info", "--trial", "NCT07010263"], "sitefinder info NCT07010263"),
    (["info", "--trial=NCT07010263"], "sitefinder info NCT07010263"),
    (["update", "--nct", "NCT02856893", "--sites", "x.csv"], "sitefinder update NCT02856893"),
    (["info", "--study"], "sitefinder info NCT_ID"),
])
def test_an_option_for_what_the_command_takes_as_its_argument_says_to_type_it_so(cli, words: list[str],
                                                                                 typed: str) -> None:
    run = cli(*words)
    assert run.exit_code == 2 and run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
    assert run.stderr.rstrip("\n").endswith(f"takes the trial as its argument, not as {words[1].split('=')[0]}: {typed}")
    chinese = cli(*words, "--lang", "zh")
    assert chinese.stderr.startswith("错误：") and typed in chinese.stderr, chinese.stderr
    other = cli("show", "--trial", "x")  # show takes a site, not a trial: the option is simply unknown
    assert other.exit_code == 2 and "no option --trial for sitefinder show" in other.stderr, other.stderr
