"""Shared fixtures: a pinned terminal, a private cache directory, and helpers to run the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitefinder.cli import app_for
from sitefinder.models import Contact, Site
from sitefinder.sitesfile import write_sites_file

ROOT = Path(__file__).resolve().parents[1]
# The registry's record of NCT07010263, as its web page and in the API's JSON shape (data/registry/README.md).
SEED = ROOT / "data" / "registry" / "NCT07010263.txt"
CTGOV_STUDY = ROOT / "data" / "registry" / "NCT07010263.json"
SHIPPED_SITES = ROOT / "data" / "sites.csv"


@pytest.fixture(autouse=True)
def pinned_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test sees the same terminal and never the developer's own settings or cache."""
    for name in ("SITEFINDER_SITES", "SITEFINDER_ONLINE", "SITEFINDER_DEBUG", "SITEFINDER_CTGOV_URL",
                 "SITEFINDER_NOMINATIM_URL", "SITEFINDER_TIMEOUT", "FORCE_COLOR", "TERM",
                 "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # the answer's language follows the locale (test_language.py)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("SITEFINDER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("SITEFINDER_DATA_DIR", str(tmp_path_factory.mktemp("data")))  # what `update` fetched


class Run:
    """The outcome of one CLI run, with stdout and stderr apart."""

    def __init__(self, result) -> None:
        self.exit_code: int = result.exit_code
        self.stdout: str = result.stdout
        self.stderr: str = result.stderr
        self.exception = result.exception

    def json(self):
        return json.loads(self.stdout)


def _runner() -> CliRunner:
    """stdout and stderr apart: Click 8.2 and later always do; before that it had to be asked for."""
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


def run_cli(*args: str, env: dict[str, str] | None = None) -> Run:
    """One run as the shipped script makes it: `sitefinder.__main__:run` calls `cli.run`, which runs
    `app_for(argv)` (the app holding only the command named), in-process with stdout and stderr apart."""
    return Run(_runner().invoke(app_for(list(args)), list(args), env=env))


@pytest.fixture
def cli():
    return run_cli


def make_site(site_id: int, facility: str = "Test Hospital", city: str = "Guangzhou", province: str = "Guangdong",
              latitude: float | None = 23.11667, longitude: float | None = 113.25, status: str | None = None,
              **extra) -> Site:
    return Site(id=site_id, facility=facility, city=city, province=province, country="China", status=status,
                latitude=latitude, longitude=longitude,
                contacts=extra.pop("contacts", (Contact(name=f"Doctor {site_id}", role="PRIMARY"),)), **extra)


@pytest.fixture
def sites_file(tmp_path: Path):
    """Write sites to a fresh sites.csv and return its path."""
    def write(*sites: Site) -> Path:
        path = tmp_path / "sites.csv"
        write_sites_file(path, sites)
        return path
    return write


def shipped_study(nct_id: str = "NCT07010263", count: int | None = None) -> dict:
    """The shipped registry record, as another trial (`nct_id`) and with its first `count` locations."""
    data = json.loads(CTGOV_STUDY.read_text(encoding="utf-8"))
    data["protocolSection"]["identificationModule"]["nctId"] = nct_id
    if count is not None:
        module = data["protocolSection"]["contactsLocationsModule"]
        module["locations"] = module["locations"][:count]
    return data


def write_study(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder (links followed), with its bytes."""
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def listing_exit(document: dict) -> int:
    """The exit code a listing's JSON answer comes with: 1 when it lists no site or hospital
    (nothing found, as grep's 1), else 0."""
    items = document.get("sites", document.get("hospitals"))
    return 1 if items == [] else 0


def wait_until_reading_a_pipe(pid: int, timeout: float = 30.0) -> None:
    """Wait until a process blocks reading a pipe (its stdin): past start-up, with its handlers in
    place, however loaded the machine is. A fixed sleep signalled a process still importing when the
    machine ran other work (load 15). Without /proc, a generous sleep."""
    import time

    wchan = Path(f"/proc/{pid}/wchan")
    if not wchan.exists():
        time.sleep(3)
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if "pipe_read" in wchan.read_text():
                return
        except OSError:
            return  # it ended: the caller's assertions say how
        time.sleep(0.05)
    raise AssertionError(f"process {pid} never waited for its input")
