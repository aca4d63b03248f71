"""A dataset: a sites file and the trial.json beside it, written as one unit.

`sitefinder import --out DIR` and `sitefinder update` write both files of a study. Nobody may see
the sites of one import beside the trial facts of another, and a failed write (a full disk, an
unwritable file, SIGTERM) must leave the earlier pair exactly as it was. So every write goes to a
new version directory, `DIR/.sitefinder/v-…/`, whose files are fsynced; then the symlink
`DIR/.sitefinder/current` is switched to it by one rename, the single step that publishes the new
pair. `DIR/sites.csv` and `DIR/trial.json` are fixed relative symlinks through `current`, so
`--sites DIR/sites.csv` always reads a whole pair, and the directory can be moved.

Nothing is written that later commands would refuse: the text is parsed by the same readers first.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from sitefinder.errors import DataFileError, ImportFailed
from sitefinder.models import Site, Trial
from sitefinder.trial import TRIAL_FILE

SITES_FILE = "sites.csv"
STORE = ".sitefinder"
CURRENT = "current"
VERSION_PREFIX = "v-"


def write_dataset(out_dir: Path, sites: list[Site], trial: Trial) -> tuple[Path, Path]:
    """Publish `sites` and `trial` as DIR/sites.csv and DIR/trial.json in one step; return both paths."""
    from sitefinder.sitesfile import parse_sites, sites_csv_text
    from sitefinder.trial import trial_from_dict, trial_json_text

    if not sites:
        raise ImportFailed("the study lists no locations, so there is nothing to find; nothing was written")
    sites_text, trial_text = sites_csv_text(sites), trial_json_text(trial)
    try:  # the readers every later command uses: what they would refuse is refused now
        parse_sites(Path(SITES_FILE), sites_text)
        trial_from_dict(json.loads(trial_text), TRIAL_FILE)
    except DataFileError as exc:
        raise ImportFailed(f"the study cannot be used: {exc}; nothing was written") from None
    try:
        _publish(out_dir, {SITES_FILE: sites_text, TRIAL_FILE: trial_text})
    except OSError as exc:
        raise ImportFailed(f"cannot write to {out_dir}: {exc.strerror or exc}; "
                           "the data there are as they were") from None
    return out_dir / SITES_FILE, out_dir / TRIAL_FILE


def _publish(out_dir: Path, files: dict[str, str]) -> None:
    import tempfile

    store = out_dir / STORE
    store.mkdir(parents=True, exist_ok=True)
    version = Path(tempfile.mkdtemp(dir=store, prefix=VERSION_PREFIX))
    umask = os.umask(0o022)
    os.umask(umask)
    version.chmod(0o777 & ~umask)  # mkdtemp makes it private; the data are as readable as any file written here
    published = False
    try:
        for name, text in files.items():
            _write_synced(version / name, text)
        _fsync_directory(version)
        _replace_with_link(store / CURRENT, version.name)  # the one step that publishes the pair
        published = True
        _fsync_directory(store)
        for name in files:  # fixed links, made once (an earlier layout's plain files are replaced)
            _replace_with_link(out_dir / name, f"{STORE}/{CURRENT}/{name}")
    finally:
        if not published:
            shutil.rmtree(version, ignore_errors=True)
    for old in store.glob(VERSION_PREFIX + "*"):  # earlier versions, and any an interrupted write left
        if old.name != version.name:
            shutil.rmtree(old, ignore_errors=True)


def _write_synced(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_directory(path: Path) -> None:
    """Make a directory's entries durable (POSIX); where a directory cannot be opened, skip it."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _replace_with_link(path: Path, target: str) -> None:
    """Make `path` a symlink to `target` in one rename (never a moment without `path`)."""
    if path.is_symlink() and os.readlink(path) == target:
        return
    if path.is_dir() and not path.is_symlink():
        raise IsADirectoryError(21, f"{path} is a directory")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.link")
    try:
        temporary.unlink(missing_ok=True)
        os.symlink(target, temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_trials_dataset(out_dir: Path, sites: list[Site], trials: list[Trial],
                         countries: frozenset[str] | None = None) -> tuple[Path, Path]:
    """Publish a dataset of one or many trials in one step: DIR/sites.csv (each site with its
    nct_id), DIR/trials.json (one object per trial) and, for one trial, DIR/trial.json as earlier
    versions read it. Return the paths of the sites and the trials files."""
    from sitefinder.catalogue import TRIALS_FILE, trials_json_text
    from sitefinder.sitesfile import parse_sites, sites_csv_text
    from sitefinder.trial import trial_from_dict, trial_json_text

    if not sites:
        raise ImportFailed("the studies list no locations (in the countries asked for), so there is nothing "
                           "to find; nothing was written")
    files = {SITES_FILE: sites_csv_text(sites), TRIALS_FILE: trials_json_text(trials, countries)}
    if len(trials) == 1:
        files[TRIAL_FILE] = trial_json_text(trials[0])
    try:  # the readers every later command uses: what they would refuse is refused now
        parse_sites(Path(SITES_FILE), files[SITES_FILE])
        for item in json.loads(files[TRIALS_FILE])["trials"]:
            trial_from_dict(item, TRIALS_FILE)
    except DataFileError as exc:
        raise ImportFailed(f"the studies cannot be used: {exc}; nothing was written") from None
    try:
        _publish(out_dir, files)
    except OSError as exc:
        raise ImportFailed(f"cannot write to {out_dir}: {exc.strerror or exc}; "
                           "the data there are as they were") from None
    return out_dir / SITES_FILE, out_dir / TRIALS_FILE
