"""Output hygiene and privacy by construction, in-process (interrupts and --debug: test_process.py)."""

from __future__ import annotations

import socket

import pytest

from conftest import make_site, run_cli

EVERY_COMMAND = [
    ["near", "Guangzhou"], ["near", "Guangzou"], ["near", "台州", "--json"], ["near", "22.5,114.1", "--format", "csv"],
    ["list"], ["list", "--province", "Shandong", "--json"], ["show", "Qingdao"], ["show", "30", "--json"],
    ["info"], ["info", "--json"], ["--version"], ["near", "--help"],
]


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Any attempt to reach the network is recorded and fails."""
    attempts: list[str] = []

    def refuse(name: str):
        def blocked(*args, **kwargs):
            attempts.append(f"{name}{args[1:2]}")
            raise OSError(f"network access attempted: {name}")
        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


@pytest.mark.parametrize("args", EVERY_COMMAND, ids=[" ".join(a) for a in EVERY_COMMAND])
def test_default_path_makes_no_network_call(no_network: list[str], args: list[str]) -> None:
    run = run_cli(*args)
    assert run.exit_code in (0, 1), run.stderr
    assert no_network == []
    if args == ["near", "Guangzou"]:
        assert "--online" in run.stderr  # the miss says the opt-in exists, and does not use it


def test_the_network_block_really_blocks(no_network: list[str]) -> None:
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9))
    assert no_network


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}, {"NO_COLOR": "", "TERM": "xterm-256color"}])
def test_piped_output_has_no_escape_codes(env: dict[str, str]) -> None:
    for args in (["near", "Beijing"], ["list"], ["show", "Qingdao"], ["info"]):
        run = run_cli(*args, env=env)
        assert run.exit_code == 0 and "\x1b" not in run.stdout and "\x1b" not in run.stderr


def test_forced_colour_is_still_only_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    run = run_cli("near", "Beijing", env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert run.exit_code == 0 and "\x1b[" in run.stdout  # FORCE_COLOR is honoured...
    assert not re.search(r"\x1b(?!\[[0-9;]*m)", run.stdout)  # ...with colour codes (SGR) and nothing else
    assert re.search(r"\x1b\[1mInvestigator *\x1b\[0m", run.stdout)  # the header is bold, the box and data are not
    assert re.search(r"^ 1  Beijing Cancer Hospital +Beijing +Beijing +0\.0", run.stdout, re.M)  # data: no style
    assert "\x1b[33mStatus of all 5 sites: Not yet recruiting (trial)\x1b[0m" in run.stdout  # not yet: yellow
    assert not re.search(r"\x1b\[[1-9][0-9;]*m[│┃┏┡└━─]", run.stdout)  # no style is switched on for the box


@pytest.mark.parametrize("env", [{"NO_COLOR": "1", "FORCE_COLOR": "1"}, {"TERM": "dumb", "FORCE_COLOR": "1"}])
def test_no_color_and_dumb_terminals_win_over_force_color(env: dict[str, str]) -> None:
    for args in (["near", "Beijing"], ["show", "1"]):
        run = run_cli(*args, env=env)
        assert run.exit_code == 0 and "\x1b" not in run.stdout


def test_narrow_terminal_shows_every_site_whole(sites_file) -> None:
    for args in (["list", "--province", "Shandong"], ["near", "Jinan", "--province", "Shandong"]):
        run = run_cli(*args, env={"COLUMNS": "40"})
        assert run.exit_code == 0
        assert all(len(line) <= 40 for line in run.stdout.splitlines())
        words = run.stdout.split()
        for word in ("Qingdao", "Zaozhuang", "Linyi", "Provincial", "Rehabilitation", "Shifeng", "Kan,"):
            assert word in words, word
        assert "…" not in run.stdout


def test_data_errors_never_show_a_traceback(sites_file) -> None:
    path = sites_file(make_site(1))
    path.write_text(path.read_text() + "1,dup,x,y,z,,1,1,,,,,\n")
    run = run_cli("near", "Guangzhou", "--sites", str(path))
    assert run.exit_code == 1 and "Traceback" not in run.stderr and "is used again" in run.stderr


def test_import_from_a_file_makes_no_network_call(no_network: list[str], tmp_path) -> None:
    from conftest import CTGOV_STUDY

    run = run_cli("import", str(CTGOV_STUDY), "--out", str(tmp_path))
    assert run.exit_code == 0 and no_network == []


@pytest.mark.parametrize("width", [40, 60, 80, 89, 90, 100, 109, 110, 120, 200])
@pytest.mark.parametrize("args", [["near", "Guangzhou", "--limit", "8"], ["list"], ["near", "Beijing"]])
def test_tables_fit_the_terminal_whole(width: int, args: list[str]) -> None:
    run = run_cli(*args, env={"COLUMNS": str(width)})
    assert run.exit_code == 0
    lines = run.stdout.splitlines()
    assert all(len(line) <= width for line in lines)
    cropped = [line for line in lines if line[:1] in "┃│┏┡└" and line[-1:] not in "┃│┓┩┘"]
    assert cropped == [], "the table's right-hand side was cut off"
    assert "Investigator" in run.stdout  # the header is never broken inside the word
