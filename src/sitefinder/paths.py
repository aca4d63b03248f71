"""Where sitefinder finds its data and keeps its cache."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path

_PACKAGE_DATA = Path(__file__).resolve().parent / "data"  # where the wheel puts data/
_SOURCE_DATA = Path(__file__).resolve().parents[2] / "data"  # a source checkout or editable install


def data_dir() -> Path:
    return _PACKAGE_DATA if _PACKAGE_DATA.is_dir() else _SOURCE_DATA


# The trial whose data ship with the package; `sitefinder update` keeps a newer copy of it (and of
# any other study it fetches) in the user data directory, which then takes the shipped data's place.
SHIPPED_TRIAL = "NCT07010263"


def default_sites_path() -> Path:
    """The newest data of the shipped trial: the copy `sitefinder update` fetched, else the shipped file."""
    updated = updated_dataset_dir(SHIPPED_TRIAL) / "sites.csv"
    return updated if updated.exists() else data_dir() / "sites.csv"


def user_data_dir() -> Path:
    """SITEFINDER_DATA_DIR, else the platform's user data directory: the directory platformdirs'
    `user_data_dir("sitefinder", appauthor=False)` names (a test holds the two equal), worked out
    here because every command looks for updated data, and importing platformdirs cost 2-3 ms of
    each start."""
    if override := os.environ.get("SITEFINDER_DATA_DIR"):
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "sitefinder"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "sitefinder"
    xdg = os.environ.get("XDG_DATA_HOME", "").strip()
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "sitefinder"


def updated_dataset_dir(nct_id: str) -> Path:
    return user_data_dir() / nct_id.upper()


def gazetteer_path() -> Path:
    return data_dir() / "gazetteer.sqlite"


def cache_dir() -> Path:
    """SITEFINDER_CACHE_DIR, else the platform's user cache directory."""
    if override := os.environ.get("SITEFINDER_CACHE_DIR"):
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "sitefinder"


def replace_atomically(path: Path, write) -> None:  # type: ignore[no-untyped-def]
    """Call `write(tmp)` on a temporary file beside `path`, then move it into place in one step.

    A reader (or a concurrent sitefinder) sees the old file or the new one, never half of one;
    a failed write leaves no temporary file behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # as readable as any file written here (the umask's mode), unlike mkstemp's private file
    name = str(new_entry(path.parent, f".{path.name}.", ".tmp",
                         lambda free: os.close(os.open(free, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))))
    # Everything after the temporary file exists is inside the try: a signal (SIGTERM raises
    # Terminated) between its creation and the try would otherwise leave the file behind.
    try:
        write(Path(name))
        os.replace(name, path)
    finally:
        if os.path.exists(name):
            os.unlink(name)


def new_entry(parent: Path, prefix: str, suffix: str, create: Callable[[Path], object]) -> Path:
    """A new file or directory in `parent`, made by `create` (an exclusive open, os.mkdir: either
    fails with FileExistsError on a name in use) under an unused name: `prefix`, 12 random hex
    digits, `suffix`. What tempfile's mkstemp and mkdtemp do, without importing tempfile and
    `random` (2-3 ms of an `import`, which publishes a dataset this way)."""
    for _ in range(100):
        path = parent / f"{prefix}{os.urandom(6).hex()}{suffix}"
        try:
            create(path)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(errno.EEXIST, f"no unused name for a new entry in {parent}")


def read_bounded(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of a file, or an OSError (EFBIG) when it holds more.

    The size is found by reading, not by trusting st_size: a FIFO, /dev/zero or a file that grows
    reports a size that says nothing of what a read returns. A directory is an OSError (EISDIR).
    """
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"larger than {limit // (1024 * 1024)} MB, the most sitefinder reads")
    return data


# ---------------------------------------------------------------- path options, checked as they are parsed

SITES_VARIABLE = "SITEFINDER_SITES"


def sites_option(text: str) -> Path:
    """`--sites` (or SITEFINDER_SITES) as the sites file it names: a dataset's directory (what
    `import --out DIR` made) is its sites.csv, as people type it back; a usage error, naming the option
    and what to give, when it names nothing to read (empty: Path("") would be ".", a directory;
    a directory without a sites file; a file that is not there)."""
    from sitefinder.errors import MissingInput, UsageError

    option = SITES_VARIABLE if os.environ.get(SITES_VARIABLE) == text else "--sites"
    if not text.strip():
        raise UsageError(key="usage.sites_empty", option=option)
    path = Path(text)
    if path.is_dir():
        inside = path / "sites.csv"
        if inside.is_file():
            return inside
        raise UsageError(key="usage.sites_directory", option=option, path=path)
    if not path.exists():
        from sitefinder.text import clipped

        raise MissingInput(f"{option} {clipped(str(path), 120)}", key="usage.sites_missing")  # named, cut short
    return path


def map_file_option(text: str) -> Path:
    """`map --out` as the file it names: empty, or a directory, is a usage error saying what to give
    (the file's kind is checked with the format: output.choose_format)."""
    from sitefinder.errors import UsageError

    if not text.strip():
        raise UsageError(key="usage.map_out_empty")
    path = Path(text)
    if path.is_dir():
        raise UsageError(key="usage.map_out_directory", path=path, example=path / "sites.html")
    return path
