"""Where sitefinder finds its data and keeps its cache."""

from __future__ import annotations

import os
import sys
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
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    # Everything after the temporary file exists is inside the try: a signal (SIGTERM raises
    # Terminated) between mkstemp and the try would otherwise leave the file behind.
    try:
        os.close(handle)
        umask = os.umask(0o022)
        os.umask(umask)
        os.chmod(name, 0o666 & ~umask)  # mkstemp makes it private; the result is as readable as any file written
        write(Path(name))
        os.replace(name, path)
    finally:
        if os.path.exists(name):
            os.unlink(name)


def read_bounded(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of a file, or an OSError (EFBIG) when it holds more.

    The size is found by reading, not by trusting st_size: a FIFO, /dev/zero or a file that grows
    reports a size that says nothing of what a read returns. A directory is an OSError (EISDIR).
    """
    import errno

    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"larger than {limit // (1024 * 1024)} MB, the most sitefinder reads")
    return data
