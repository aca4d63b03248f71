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
# A sites file of this size or more is read through its index (sitestore), a smaller one whole: about
# 330 sites. Measured per run: parsing costs 1.2 ms per 100 sites (3.3 ms for 300, 12 ms for 1,000);
# the index 0.4-0.7 ms whatever the size, plus 3.6 ms to import hashlib for its file name. Here,
# below the store, so that a writer tells whether its file wants an index without importing
# sitestore (8 M instructions, a hundredth of an import of NCT05843643's 248 rows).
INDEX_THRESHOLD_BYTES = 64 * 1024
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


def wants_index(sites_path: Path) -> bool:
    """Whether the version in use of this sites file is large enough to be read through an index
    (INDEX_THRESHOLD_BYTES); False when it cannot be looked at."""
    try:
        return pinned_version(sites_path).stat().st_size >= INDEX_THRESHOLD_BYTES
    except (OSError, ValueError):
        return False
