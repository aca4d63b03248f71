"""A few real runs of the installed `sitefinder` script, as a person or a shell script runs it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import make_site, run_cli, wait_until_reading_a_pipe

SCRIPT = Path(sys.executable).parent / ("sitefinder.exe" if os.name == "nt" else "sitefinder")


def clean_env(**extra: str) -> dict[str, str]:
    # The test's own cache directory stays: the script must never write into the developer's.
    env = {key: value for key, value in os.environ.items()
           if (not key.startswith("SITEFINDER_") or key in ("SITEFINDER_CACHE_DIR", "SITEFINDER_DATA_DIR"))
           and key not in ("FORCE_COLOR", "NO_COLOR", "COLUMNS")}
    env.update(extra)
    return env


def sitefinder(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *args], cwd=cwd, env=clean_env(**env), capture_output=True, text=True,
                          timeout=60)


def test_the_script_is_installed() -> None:
    assert SCRIPT.exists(), f"{SCRIPT} is missing: install the package (pip install .) before running the tests"


def test_works_from_any_directory_with_the_shipped_data(tmp_path: Path) -> None:
    shandong = sitefinder("list", "--province", "Shandong", cwd=tmp_path, COLUMNS="120")
    assert shandong.returncode == 0, shandong.stderr
    for name in ("Zhe Yang", "Hui Zhu", "Zhongmin Zhang", "Zhen Zhang", "Shifeng Kan"):
        assert name in shandong.stdout
    listing = sitefinder("list", "--json", cwd=tmp_path)
    assert len(json.loads(listing.stdout)["sites"]) == 42
    qingdao = sitefinder("show", "Qingdao", cwd=tmp_path)
    assert "Zhen Zhang, M.D. (primary)" in qingdao.stdout and "Xiaotao Zhang, M.D. (backup)" in qingdao.stdout


def test_python_dash_m(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "sitefinder", "--version"], cwd=tmp_path, capture_output=True,
                         text=True, env=clean_env())
    assert run.returncode == 0 and run.stdout.startswith("sitefinder ")


def test_no_color_near_beijing(tmp_path: Path) -> None:
    run = sitefinder("near", "Beijing", cwd=tmp_path, NO_COLOR="1", TERM="xterm-256color", COLUMNS="140")
    assert run.returncode == 0 and run.stderr == ""
    assert "\x1b" not in run.stdout
    assert "\n 1  Beijing Cancer Hospital" in run.stdout


def test_list_into_head_exits_quietly(tmp_path: Path) -> None:
    run = subprocess.run(["bash", "-c", f"'{SCRIPT}' list | head -1; echo \"status=${{PIPESTATUS[0]}}\""],
                         cwd=tmp_path, env=clean_env(), capture_output=True, text=True, timeout=60)
    assert run.stderr == ""
    first_line, status = run.stdout.splitlines()
    assert first_line == "42 sites of NCT07010263"
    assert status == "status=0"  # the same whether or not it all fitted in the pipe before head closed it


def test_closed_pipe_with_more_output_than_the_pipe_holds(tmp_path: Path, sites_file) -> None:
    path = sites_file(*(make_site(i, facility=f"Hospital number {i}") for i in range(1, 3001)))
    for fmt in ("csv", "json", "table"):
        process = subprocess.Popen([str(SCRIPT), "list", "--sites", str(path), "--format", fmt], cwd=tmp_path,
                                   env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()  # the reader goes away, as `head -1` does
        stderr = process.stderr.read().decode()
        # Quietly, and 0 whether a write saw the pipe closed or the kernel had already taken the whole
        # output (one large write can complete before the reader goes away): the reader had what it wanted.
        assert process.wait(timeout=60) == 0, (fmt, stderr)
        assert stderr == "", stderr


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_head_of_every_format_exits_alike(tmp_path: Path, fmt: str) -> None:
    """`sitefinder list | head -1`: the exit code of a pipe whose reader stops is not the format's (nor the output's size)."""
    run = subprocess.run(["bash", "-c", f"'{SCRIPT}' list --all --format {fmt} | head -1; echo \"status=${{PIPESTATUS[0]}}\""],
                         cwd=tmp_path, env=clean_env(), capture_output=True, text=True, timeout=60)
    assert run.stderr == "" and run.stdout.splitlines()[-1] == "status=0", run.stdout


def test_ctrl_c_exits_130_quietly(tmp_path: Path) -> None:
    # Reading the sites file from a pipe that never ends keeps the command busy until the signal.
    process = subprocess.Popen([str(SCRIPT), "list", "--sites", "/dev/stdin"], cwd=tmp_path, env=clean_env(),
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_until_reading_a_pipe(process.pid)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert b"Traceback" not in stderr


@pytest.mark.parametrize("args, code", [(["near", "Guangzou"], 1), (["list", "--province", "Atlantis"], 2),
                                        (["near", "Beijing", "--limit", "0"], 2)])
def test_errors_from_the_real_script(tmp_path: Path, args: list[str], code: int) -> None:
    run = sitefinder(*args, "--json", cwd=tmp_path)
    assert run.returncode == code and run.stdout == ""
    assert run.stderr.startswith("Error: ") and run.stderr.count("\n") == 1


@pytest.mark.skipif(os.name == "nt", reason="pseudo-terminals are POSIX")
def test_piped_table_is_as_wide_as_the_terminal_it_was_typed_in(tmp_path: Path) -> None:
    """`sitefinder list | less`: stdout is a pipe, but the person's terminal (here stdin) is 132 wide."""
    import fcntl
    import pty
    import struct
    import termios

    controller, terminal = pty.openpty()
    try:
        fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 132, 0, 0))
        run = subprocess.run([str(SCRIPT), "list"], stdin=terminal, cwd=tmp_path, env=clean_env(),
                             capture_output=True, text=True, timeout=60)
    finally:
        os.close(controller)
        os.close(terminal)
    assert run.returncode == 0, run.stderr
    rule = [len(line) for line in run.stdout.splitlines() if line.startswith("─")]  # under the header: the table's width
    assert len(rule) == 1 and 120 < rule[0] <= 132 and max(map(len, run.stdout.splitlines())) <= 132
    assert "\x1b" not in run.stdout  # a pipe gets no emphasis, whatever the terminal


def test_a_stdout_that_is_not_utf8_gets_escapes_and_an_ascii_box(tmp_path: Path, sites_file) -> None:
    path = sites_file(make_site(1, facility="泰州医院 Taizhou 🏥", city="Taizhou", province="Zhejiang"))
    for args in (["list"], ["near", "台州"], ["show", "1"]):
        run = sitefinder(*args, "--sites", str(path), cwd=tmp_path, PYTHONIOENCODING="ascii", COLUMNS="100")
        assert run.returncode == 0 and run.stderr == "", run.stderr
        assert "\\u6cf0\\u5dde\\u533b\\u9662" in run.stdout and "\\U0001f3e5" in run.stdout
    lines = sitefinder("list", "--sites", str(path), cwd=tmp_path, PYTHONIOENCODING="ascii",
                       COLUMNS="100").stdout.splitlines()
    header = next(line for line in lines if line.startswith("ID "))
    row = next(line for line in lines if "\\u6cf0" in line)
    assert lines[lines.index(header) + 1].startswith("-----")  # an ASCII rule under the header
    assert header.index("Province") == row.index("Zhejiang")  # escapes were measured: columns align
    as_json = sitefinder("near", "台州", "--json", "--sites", str(path), cwd=tmp_path, PYTHONIOENCODING="ascii")
    answer = json.loads(as_json.stdout)  # JSON's own escapes, even for 🏥 outside the BMP: still JSON
    assert answer["origin"]["query"] == "台州" and answer["sites"][0]["facility"] == "泰州医院 Taizhou 🏥"


def test_the_script_builds_only_the_command_it_runs_and_answers_the_same(tmp_path: Path) -> None:
    """run() gives Typer only the named command (start-up time); the answer is the full app's."""
    from sitefinder.cli import app, app_for

    assert [info.name or info.callback.__name__ for info in app_for(["near", "x"]).registered_commands] == ["near"]
    assert [info.name for info in app_for(["list"]).registered_commands] == ["list"]
    for arguments in ([], ["--version"], ["frobnicate"], ["--debug", "near", "x"]):
        assert app_for(arguments) is app
    for args in (["near", "Guangzhou", "--json"], ["list", "--province", "Shandong"], ["near", "--limt", "3", "x"],
                 ["map", "Jinan", "--limit", "2"], ["show", "--help"]):
        script = sitefinder(*args, cwd=tmp_path, COLUMNS="100", NO_COLOR="1")
        full = run_cli(*args, env={"COLUMNS": "100"})
        assert (script.returncode, script.stdout, script.stderr) == (full.exit_code, full.stdout, full.stderr), args


def test_many_trials_from_the_real_script(tmp_path: Path) -> None:
    """A real export of several studies, imported and asked across trials by the installed script."""
    fixtures = Path(__file__).resolve().parent / "fixtures" / "export"
    studies = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(fixtures.glob("NCT*.json"))]
    (tmp_path / "ctg-studies.json").write_text(json.dumps(studies), encoding="utf-8")
    imported = sitefinder("import", "ctg-studies.json", "--country", "China", "--out", "lung", "--json", cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["trial_count"] == 4  # the four studies with a site in China
    hospitals = sitefinder("near", "Guangzhou", "--by", "hospital", "--condition", "lung", "--json",
                           "--sites", "lung/sites.csv", cwd=tmp_path)
    assert hospitals.returncode == 0, hospitals.stderr
    found = json.loads(hospitals.stdout)["hospitals"]
    assert found and all(row["nct_id"] in ("NCT05288205", "NCT05351788", "NCT04871997")
                         for hospital in found for row in hospital["trials"])
