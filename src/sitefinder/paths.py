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
