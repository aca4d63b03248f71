"""Where sitefinder finds its data and keeps its cache."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE_DATA = Path(__file__).resolve().parent / "data"  # where the wheel puts data/
_SOURCE_DATA = Path(__file__).resolve().parents[2] / "data"  # a source checkout or editable install


def data_dir() -> Path:
    return _PACKAGE_DATA if _PACKAGE_DATA.is_dir() else _SOURCE_DATA


def default_sites_path() -> Path:
    return data_dir() / "sites.csv"


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
    os.close(handle)
    try:
        write(Path(name))
        os.replace(name, path)
    finally:
        if os.path.exists(name):
            os.unlink(name)
