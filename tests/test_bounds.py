"""What an error echoes is bounded and says what to do; a terminal of no width is one of unknown
width; a missing input file is one usage error everywhere. Each test failed before its fix."""

from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path

import pytest

from conftest import CTGOV_STUDY, run_cli

ROOT = Path(__file__).resolve().parents[1]


def closed_port_url() -> str:
    """A registry address nothing answers at (a port just freed): the connection is refused, offline."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def many_trials(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dataset of 150 trials: an update asks for all their ids in one request of ~2,000 characters."""
    folder = tmp_path_factory.mktemp("studies")
    study = json.loads(CTGOV_STUDY.read_text(encoding="utf-8"))
    for number in range(150):
        nct = f"NCT0{7010300 + number}"
        study["protocolSection"]["identificationModule"]["nctId"] = nct
        (folder / f"{nct}.json").write_text(json.dumps(study), encoding="utf-8")
    out = tmp_path_factory.mktemp("dataset")
    run = run_cli("import", str(folder), "--out", str(out))
    assert run.exit_code == 0, run.stderr
    return out / "sites.csv"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("dataset", [True, False])
def test_an_unreachable_registry_is_named_by_its_host_in_one_short_line(many_trials: Path, lang: str,
                                                                       dataset: bool) -> None:
    url = closed_port_url()
    args = ["update", "--sites", str(many_trials)] if dataset else ["update"]
    run = run_cli(*args, "--lang", lang, env={"SITEFINDER_CTGOV_URL": url})
    assert run.exit_code == 1
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and len(lines[0]) < 200, run.stderr
    host = url.split("//")[1]
    assert host in lines[0] and "/api/" not in lines[0] and "NCT0" not in lines[0]
    if lang == "zh":  # the service, the reason and what to do in Chinese, not "the registry", "Connection refused"
        assert "登记处" in lines[0] and "连接被拒绝" in lines[0] and "请检查网络连接" in lines[0]
        assert "the registry" not in lines[0] and "refused" not in lines[0]
    else:
        assert "check the network connection" in lines[0]


@pytest.mark.parametrize("url", ["http://u:secret@127.0.0.1:{port}/api", "http://127.0.0.1:{port}/" + "x" * 3000])
def test_an_error_never_echoes_a_whole_url_or_its_password(url: str) -> None:
    port = closed_port_url().rsplit(":", 1)[1]
    run = run_cli("update", env={"SITEFINDER_CTGOV_URL": url.format(port=port)})
    assert run.exit_code == 1
    assert len(run.stderr) < 200 and "secret" not in run.stderr and "xxxx" not in run.stderr, run.stderr


# ---------------------------------------------------------------- a terminal of no width

def _in_a_pty(columns: int, *args: str) -> str:
    """stdout and stderr of sitefinder run in a pseudo-terminal `columns` wide (0: one that reports
    its size as 0×0), COLUMNS unset."""
    import fcntl
    import pty
    import select
    import struct
    import termios

    env = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the terminal's size set, then sitefinder
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 0, columns, 0, 0))
        os.execve(sys.executable, [sys.executable, "-m", "sitefinder", *args], env)
    out = b""
    while select.select([fd], [], [], 30)[0]:
        try:
            data = os.read(fd, 65536)
        except OSError:  # the child has gone: the pty is closed
            break
        if not data:
            break
        out += data
    os.waitpid(pid, 0)
    return out.decode("utf-8", "replace").replace("\r\n", "\n")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pty of 0×0 as Linux makes one")
@pytest.mark.parametrize("columns", [0, 3])
def test_a_terminal_of_no_width_wraps_errors_at_80_columns(columns: int) -> None:
    shown = _in_a_pty(columns, "near", "Zzyzx")
    lines = [line for line in shown.splitlines() if line]
    assert lines and lines[0].startswith("Error: no place called 'Zzyzx'"), shown
    assert max(map(len, lines)) <= 80 and len(lines[0]) > 60, lines  # 80 columns, not 20
    assert len(lines) == 2


@pytest.mark.parametrize("columns", ["0", "1", "19"])
def test_a_width_of_a_few_columns_is_unknown_width(monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    from sitefinder.output import streams

    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(os, "get_terminal_size", lambda *args: os.terminal_size((0, 0)))
    assert streams.notice_width() == 80
    run = run_cli("near", "Jinan", "--limit", "1", env={"COLUMNS": columns})
    assert run.exit_code == 0
    assert max(map(len, run.stdout.splitlines())) > 40  # a table 80 wide, not blocks of 20


# ---------------------------------------------------------------- a missing input file

@pytest.mark.parametrize("args", [
    ["import", "{missing}.json", "--out", "{out}"],
    ["import", "{missing}", "--out", "{out}"],
    ["import", "{missing}.zip", "--out", "{out}"],
    ["import", "{missing}/", "--out", "{out}"],
    ["list", "--sites", "{missing}.csv"],
    ["near", "Guangzhou", "--sites", "{missing}.csv"],
    ["show", "1", "--sites", "{missing}.csv"],
    ["info", "--sites", "{missing}.csv"],
    ["map", "Guangzhou", "--sites", "{missing}.csv"],
    ["update", "--sites", "{missing}.csv"],
    ["list", "--json", "--sites", "{missing}.csv"],
    ["import", "{missing}.json", "--out", "{out}", "--json"],
])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_missing_input_file_is_a_usage_error_naming_it(tmp_path: Path, args: list[str], lang: str) -> None:
    missing = str(tmp_path / "nowhere" / "absent-file")
    run = run_cli(*(arg.format(missing=missing, out=tmp_path / "out") for arg in args), "--lang", lang)
    assert run.exit_code == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and missing in lines[0], run.stderr
    assert ("没有这个文件" if lang == "zh" else "no such file") in lines[0]
    assert run.stdout == ""


def test_a_missing_sites_file_named_by_the_environment_is_a_usage_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "absent.csv")
    run = run_cli("near", "Guangzhou", env={"SITEFINDER_SITES": missing})
    assert run.exit_code == 2 and missing in run.stderr and len(run.stderr.strip().splitlines()) == 1


LONG = "x" * 3000


@pytest.mark.parametrize("args", [[LONG], ["near", "Guangzhou", "--" + LONG], ["near", "Guangzhou", "--by", LONG],
                                  ["list", "--status", LONG], ["list", "--province", LONG], ["show", LONG],
                                  ["near", "Guangzhou", "--lang", LONG], ["list", "--sites", "/nowhere/" + LONG],
                                  ["import", LONG, "--out", "{tmp}"], ["near", LONG], ["list", "--country", LONG]])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_error_echoes_what_was_typed_cut_short(tmp_path: Path, args: list[str], lang: str) -> None:
    run = run_cli(*(arg.format(tmp=tmp_path) for arg in args), env={"LANG": "zh_CN.UTF-8" if lang == "zh" else "C.UTF-8"})
    assert run.exit_code in (1, 2)
    assert len(run.stderr.strip().splitlines()) == 1 and len(run.stderr) < 400, run.stderr[:500]
