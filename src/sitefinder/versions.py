"""Where the version in use of a dataset is, for its readers (datasets.py writes them).

A dataset directory holds `.sitefinder/v-…/` versions, the symlink `.sitefinder/current` naming the
one in use, and the fixed links `sites.csv` and `trial.json` through it. A reader that followed
`DIR/sites.csv` and then `DIR/trial.json` would look `current` up twice, and a writer switching it
in between would pair one version's sites with the next one's trial facts; so readers look it up
once here and open both files of that version.
"""

from __future__ import annotations

import os
from pathlib import Path

SITES_FILE = "sites.csv"
STORE = ".sitefinder"
CURRENT = "current"
VERSION_PREFIX = "v-"


def pinned_version(sites_path: Path) -> Path:
    """For a dataset's DIR/sites.csv, the sites file of the version in use (DIR/.sitefinder/v-…/sites.csv),
    found by one look-up of `current`, so that trial.json is read from the same version; any other
    path as it is."""
    try:
        if os.readlink(sites_path) != f"{STORE}/{CURRENT}/{sites_path.name}":
            return sites_path
        version = os.readlink(sites_path.parent / STORE / CURRENT)
    except (OSError, ValueError):
        return sites_path
    if not version.startswith(VERSION_PREFIX) or "/" in version or os.sep in version:
        return sites_path
    return sites_path.parent / STORE / version / sites_path.name


def replaced_while_read(sites_path: Path, pinned: Path) -> bool:
    """Whether the pinned version was replaced while it was being read: read again. Either it is
    gone, or `current` names another version now: a writer's clean-up removes the old version's
    files one by one after the switch, so a reader can find its trial.json gone while the
    version's directory still stands."""
    return pinned != sites_path and (not pinned.parent.is_dir() or pinned_version(sites_path) != pinned)
