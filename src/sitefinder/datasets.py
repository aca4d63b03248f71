"""A dataset: a sites file and the trial.json beside it, written as one unit.

`sitefinder import --out DIR` and `sitefinder update` write both files of a study. Nobody may see
the sites of one import beside the trial facts of another, and a failed write (a full disk, an
unwritable file, SIGTERM) must leave the earlier pair exactly as it was. So every write goes to a
new version directory, `DIR/.sitefinder/v-…/`, whose files are fsynced; then the symlink
`DIR/.sitefinder/current` is switched to it by one rename, the single step that publishes the new
pair. `DIR/sites.csv` and `DIR/trial.json` are fixed relative symlinks through `current`, so
`--sites DIR/sites.csv` always reads a whole pair, and the directory can be moved. A dataset of
many trials (`write_trials_dataset`) has `DIR/trials.json` instead of `trial.json` (both, for one
trial), published and checked the same way, under the same lock.

Nothing is written that later commands would refuse: the text is parsed by the same readers first,
its size is checked against the readers' caps, and the places it goes to are checked, before the
switch. One writer at a time per directory: `DIR/.sitefinder/lock` (flock), waited for a bounded
time; the writer removes only the version it replaced (and what interrupted writers left), never
the one in use. From the switch until the links and clean-up are done, SIGTERM, SIGHUP and Ctrl-C
are held, and one that arrived then ends the command saying that the new data are in use. Readers
look `current` up once (`pinned_version`) and read both files of that one version.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple, TextIO

from sitefinder.catalogue import TRIALS_FILE
from sitefinder.errors import DataFileError, ImportFailed, SitefinderError, UsageError, phrase_of
from sitefinder.models import Site, Trial
from sitefinder.paths import new_entry
from sitefinder.trial import TRIAL_FILE
from sitefinder.versions import CURRENT, SITES_FILE, STORE, VERSION_PREFIX, pinned_version

LOCK_FILE = "lock"
META_FILE = "dataset.json"  # facts about the dataset itself: the highest site id it ever used, the sites removed
# Long enough for another import or update of the same directory to finish (placing a few hundred
# sites offline takes seconds); short enough that a stuck writer is reported, not waited on for ever.
LOCK_WAIT_SECONDS = 60.0
_HELD: set[str] = set()  # the directories this process holds the lock of (update locks, then writes)
# Who is told, once, that a writer waits for another's lock (the CLI: a notice on stderr, in the
# answer's language): a wait of up to a minute said by nothing looked like a hang.
_WAIT_LISTENERS: list[Callable[[str], None]] = []


class waits_told:
    """While it is entered, a writer that must wait for another's lock first tells `listener` so
    (the phrase "dataset.waiting", a Said: the listener says it in its language)."""

    def __init__(self, listener: Callable[[str], None]) -> None:
        self.listener = listener

    def __enter__(self) -> None:
        _WAIT_LISTENERS.append(self.listener)

    def __exit__(self, *exc: object) -> None:
        _WAIT_LISTENERS.remove(self.listener)


class DatasetBusy(ImportFailed):
    """Another process is writing the same dataset directory."""


class StoppedAfterPublishing(SitefinderError):
    """A signal arrived while the new data were being published: they are in use; the command stops."""

    def __init__(self, signal_number: int, out_dir: Path) -> None:
        self.exit_code = 128 + signal_number
        from sitefinder.wording import said

        what = said("dataset.interrupted") if signal_number == 2 else said("dataset.signalled", signal=signal_number)
        facts = out_dir / (TRIAL_FILE if (out_dir / STORE / CURRENT / TRIAL_FILE).exists() else TRIALS_FILE)
        super().__init__(key="dataset.stopped_after_publishing", what=what, sites=out_dir / SITES_FILE, facts=facts)


def write_dataset(out_dir: Path, sites: list[Site], trial: Trial,
                  meta: dict[str, object] | None = None) -> tuple[Path, Path]:
    """Publish `sites` and `trial` as DIR/sites.csv and DIR/trial.json in one step; return both paths.

    `meta` (see META_FILE) is published with them, in the same version."""
    from sitefinder.sitesfile import MAX_FILE_BYTES, parse_sites, sites_csv_text
    from sitefinder.trial import MAX_TRIAL_BYTES, trial_from_dict, trial_json_text

    if not sites:
        raise ImportFailed(key="dataset.no_locations.one")
    sites_text, trial_text = sites_csv_text(sites), trial_json_text(trial)
    for name, text, limit in ((SITES_FILE, sites_text, MAX_FILE_BYTES), (TRIAL_FILE, trial_text, MAX_TRIAL_BYTES)):
        size = len(text.encode("utf-8"))
        if size > limit:  # every reader would refuse it, `update` included: never publish it
            raise ImportFailed(key="dataset.too_large.one", name=name, size=size / 2**20, most=limit // 2**20)
    try:  # the readers every later command uses: what they would refuse is refused now
        parse_sites(Path(SITES_FILE), sites_text)
        trial_from_dict(json.loads(trial_text), TRIAL_FILE)
    except DataFileError as exc:
        raise ImportFailed(key="dataset.unusable.one", problem=phrase_of(exc)) from None
    _publish_checked(out_dir, {SITES_FILE: sites_text, TRIAL_FILE: trial_text}, meta)
    return out_dir / SITES_FILE, out_dir / TRIAL_FILE


def _publish_checked(out_dir: Path, files: dict[str, str], meta: dict[str, object] | None,
                     keep_foreign: bool = False, check: Callable[[], object] | None = None) -> None:
    """Publish files whose contents every reader has accepted: the target checked before and, under
    the writer lock, again (and `check`, the caller's own, which raises to refuse); an OSError said
    as what it is, with the earlier data as they were."""
    if meta is not None:
        files[META_FILE] = json.dumps(meta, indent=1, sort_keys=True) + "\n"
    check_target(out_dir, keep_foreign)
    try:
        with writer_lock(out_dir):
            check_target(out_dir, keep_foreign)  # again: another writer may have run while this one waited
            if check is not None:
                check()
            _publish(out_dir, files)
    except OSError as exc:
        from sitefinder.wording import os_reason
        raise ImportFailed(key="dataset.cannot_write", path=out_dir, what=os_reason(exc)) from None


def check_target(out_dir: Path, keep_foreign: bool = False) -> None:
    """Refuse, before anything is written, a directory the publication could not finish in: the
    fixed links' places taken by directories, a `.sitefinder` or `current` that is not ours. With
    `keep_foreign` (an import), also one where a file of those names is not the link sitefinder
    makes (`sites.csv` → `.sitefinder/current/sites.csv`): a file the user wrote, or an earlier
    version's plain copy, which the link would replace and so lose. `update` replaces what it
    refreshes: the sites file the user named for it."""
    def fail(path: Path, what: str) -> ImportFailed:
        from sitefinder.wording import said

        return ImportFailed(key="dataset.target_taken", path=path, what=said(f"dataset.taken.{what}"))

    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(key="usage.import_out_file", path=out_dir)
    for name in (SITES_FILE, TRIAL_FILE, TRIALS_FILE):
        path = out_dir / name
        if path.is_dir() and not path.is_symlink():
            raise fail(path, "directory")
        if keep_foreign and (path.exists() or path.is_symlink()) and not _is_our_link(path):
            raise ImportFailed(key="dataset.foreign_file", path=path)
    store = out_dir / STORE
    if store.exists() and not store.is_dir() or store.is_symlink():
        raise fail(store, "store")
    current = store / CURRENT
    if current.exists() and not current.is_symlink():
        raise fail(current, "link")


class writer_lock:
    """The one writer of a dataset directory: an exclusive flock on DIR/.sitefinder/lock, waited for
    up to LOCK_WAIT_SECONDS, then a DatasetBusy. Re-entrant within a process (update locks before
    it compares, then writes)."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir, self.key = out_dir, str(out_dir.absolute())
        self.handle: TextIO | None = None

    def __enter__(self) -> None:
        import time

        if self.key in _HELD:
            return
        store = self.out_dir / STORE
        try:
            store.mkdir(parents=True, exist_ok=True)
            self.handle = open(store / LOCK_FILE, "a")  # noqa: SIM115 - held until __exit__
        except OSError as exc:
            from sitefinder.wording import os_reason
            raise ImportFailed(key="dataset.cannot_write", path=self.out_dir, what=os_reason(exc)) from None
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no lock
            fcntl = None  # type: ignore[assignment]
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        handle = self.handle
        told = False
        while fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told:  # at once, before the wait: then the result or the error follows
                    told = True
                    from sitefinder.wording import said

                    for listener in list(_WAIT_LISTENERS):
                        listener(said("dataset.waiting", path=self.out_dir, seconds=round(LOCK_WAIT_SECONDS)))
                if time.monotonic() >= deadline:
                    handle.close()
                    self.handle = None
                    raise DatasetBusy(key="dataset.busy", path=self.out_dir, lock=store / LOCK_FILE) from None
                time.sleep(0.05)
        _HELD.add(self.key)

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            _HELD.discard(self.key)
            self.handle.close()  # closing releases the lock


def read_meta(sites_path: Path) -> dict[str, object]:
    """The META_FILE of the version in use beside a dataset's sites file; {} when there is none or it is damaged."""
    try:
        data = json.loads((pinned_version(sites_path).parent / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def high_water_of(sites_path: Path, sites: Sequence[Site]) -> int:
    """The highest site id a dataset has ever used: the mark its META_FILE keeps (a removed site's id
    is above every id left), or its highest id when that is higher (a file of an earlier version, or
    one edited by hand, has no mark or an old one)."""
    mark = read_meta(sites_path).get("id_high_water")
    kept = mark if isinstance(mark, int) and not isinstance(mark, bool) and mark > 0 else 0
    return max([kept, *(site.id for site in sites)])


MAX_REMOVED_KEPT = 50_000  # removed sites remembered, the latest kept: about 150 bytes each, 7 MB at most


class RemovedSite(NamedTuple):
    """A site an update or import took out of a dataset, as META_FILE remembers it: so that `show`
    of its id (written down by someone, "site 7") says what became of it, not only that no site
    has it now."""

    id: int
    nct_id: str
    facility: str
    city: str
    removed_on: str  # the date of the run, YYYY-MM-DD
    removed_by: str  # the command: "update" or "import"


def removed_sites(sites_path: Path) -> dict[int, RemovedSite]:
    """The sites a dataset's updates and imports removed, by id; entries that are not one are skipped."""
    items = read_meta(sites_path).get("removed_sites")
    found: dict[int, RemovedSite] = {}
    for item in items if isinstance(items, list) else ():
        if not isinstance(item, dict):
            continue
        values = [item.get(field) for field in RemovedSite._fields]
        if isinstance(values[0], int) and not isinstance(values[0], bool) and all(
                isinstance(value, str) for value in values[1:]):
            found[values[0]] = RemovedSite(*values)  # type: ignore[arg-type]
    return found


def next_meta(sites_path: Path, high_water: int, removed: Iterable[Site], by: str, on: str) -> dict[str, object]:
    """The META_FILE of the version that replaces `sites_path`'s: the high-water mark, and the sites
    removed so far with those this run removes (each site naming its trial)."""
    kept = removed_sites(sites_path)
    for site in removed:
        kept[site.id] = RemovedSite(site.id, site.nct_id, site.facility, site.city, on, by)
    latest = list(kept.values())[-MAX_REMOVED_KEPT:]
    return {"id_high_water": high_water, "removed_sites": [item._asdict() for item in latest]}


class Earlier(NamedTuple):
    """The dataset already in a directory, as the next import into it numbers its sites against."""

    version: str | None  # the version `current` named when it was read; None: no dataset there
    sites: tuple[Site, ...]  # each naming its trial (an earlier version's single-trial file: trial.json's)
    high_water: int
    trials: dict[str, Trial] = {}  # its trials' facts, by NCT id: what an import compares its trials with


def current_version(out_dir: Path) -> str | None:
    """The version `DIR/.sitefinder/current` names, None when there is none: what a writer compares,
    under the lock, with what it read, to know whether another writer published meanwhile."""
    try:
        return os.readlink(out_dir / STORE / CURRENT)
    except OSError:
        return None


def earlier_dataset(out_dir: Path) -> Earlier:
    """The dataset an earlier import or update published in `out_dir` (nothing, for a new
    directory): its sites and high-water mark. A dataset that cannot be read has no sites to keep,
    but its mark still counts, so that no id it ever gave out is given to another site."""
    from sitefinder.sitesfile import read_sites_file

    version = current_version(out_dir)  # before the sites: a switch after it is seen by the caller's check
    sites_path = out_dir / SITES_FILE
    if version is None or not _is_our_link(sites_path):
        return Earlier(version, (), 0)
    try:
        data = read_sites_file(sites_path)
    except SitefinderError:
        return Earlier(version, (), high_water_of(sites_path, ()))
    from sitefinder.sitestore import MemorySource

    sites = tuple(site if site.nct_id else site._replace(nct_id=data.trial.nct_id.upper()) for site in data.sites)
    source = MemorySource(data)
    trials = {nct.upper(): trial for nct, trial in source.trials_by_id(nct for nct in source.trial_ids() if nct).items()}
    return Earlier(version, sites, high_water_of(sites_path, sites), trials)


def _publish(out_dir: Path, files: dict[str, str]) -> None:
    store = out_dir / STORE
    store.mkdir(parents=True, exist_ok=True)
    # the umask's mode: the data are as readable as any file written here (mkdtemp's would be private)
    version = new_entry(store, VERSION_PREFIX, "", os.mkdir)
    published = False
    held = _hold_signals()
    try:
        for name, text in files.items():
            _write_synced(version / name, text)
        _fsync_directory(version)
        held.start()  # from here until the links and clean-up are done, a signal waits
        _replace_with_link(store / CURRENT, version.name)  # the one step that publishes the pair
        published = True
    finally:
        if not published:
            shutil.rmtree(version, ignore_errors=True)
            held.release(raise_pending=False)  # before the switch: a signal stops it as before
    try:
        _fsync_directory(store)
        # fixed links, made once (an earlier layout's plain files are replaced); a file this version
        # lacks (trial.json of a dataset of many trials, trials.json after an update of one) loses its
        # link rather than keep one to nothing
        for name in (SITES_FILE, TRIAL_FILE, TRIALS_FILE):
            if name in files:
                _replace_with_link(out_dir / name, f"{STORE}/{CURRENT}/{name}")
            elif _is_our_link(out_dir / name):
                (out_dir / name).unlink()
        _remove_old_versions(store, version.name)
    except OSError as exc:
        held.release(raise_pending=True, out_dir=out_dir)
        from sitefinder.wording import os_reason
        raise ImportFailed(key="dataset.unfinished", current=store / CURRENT, version=version.name, path=out_dir,
                           what=os_reason(exc)) from None
    held.release(raise_pending=True, out_dir=out_dir)


def _remove_old_versions(store: Path, mine: str) -> None:
    """Every version but the one in use: the one this run replaced and any an interrupted writer left
    (under the lock, no other writer is at work). Never the one `current` names."""
    try:
        in_use = os.readlink(store / CURRENT)
    except OSError:
        return
    for old in store.glob(VERSION_PREFIX + "*"):
        if old.name not in (in_use, mine):
            shutil.rmtree(old, ignore_errors=True)


class _hold_signals:
    """SIGTERM, SIGHUP and SIGINT held between start() and release(): their handlers are swapped for
    one that notes the signal, and one that arrived is said then as StoppedAfterPublishing. (Handlers
    rather than a signal mask: a mask holds a signal off one thread only, and in a process with
    others it is taken by another thread and still raised in the main one.) Only the main thread
    can set handlers; elsewhere nothing is held."""

    NAMES = ("SIGTERM", "SIGHUP", "SIGINT")

    def __init__(self) -> None:
        self.previous: dict[int, object] = {}
        self.arrived: list[int] = []

    def start(self) -> None:
        import signal
        import threading

        if threading.current_thread() is not threading.main_thread() or self.previous:
            return
        for name in self.NAMES:
            number = getattr(signal, name, None)
            if number is not None:
                self.previous[number] = signal.signal(number, lambda got, frame: self.arrived.append(got))

    def release(self, raise_pending: bool, out_dir: Path | None = None) -> None:
        import signal

        for number, handler in self.previous.items():
            signal.signal(number, handler)  # type: ignore[arg-type]
        self.previous = {}
        if not self.arrived:
            return
        if raise_pending and out_dir is not None:
            raise StoppedAfterPublishing(self.arrived[0], out_dir)
        signal.raise_signal(self.arrived[0])  # nothing was published: the signal does what it always did


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


def _is_our_link(path: Path) -> bool:
    try:
        return os.readlink(path) == f"{STORE}/{CURRENT}/{path.name}"
    except OSError:
        return False


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
                         countries: frozenset[str] | None = None,
                         meta: dict[str, object] | None = None, keep_foreign: bool = False,
                         check: Callable[[], object] | None = None) -> tuple[Path, Path]:
    """Publish a dataset of one or many trials in one step: DIR/sites.csv (each site with its
    nct_id), DIR/trials.json (one object per trial) and, for one trial, DIR/trial.json as earlier
    versions read it; `meta` as for write_dataset; `keep_foreign` as for check_target. Return the
    paths of the sites and the trials files.

    The same checks before the switch as write_dataset: each file parsed by its reader and within
    the size that reader accepts, the places checked, one writer at a time."""
    from sitefinder.catalogue import MAX_TRIALS_BYTES, TRIALS_FILE, trials_json_text
    from sitefinder.sitesfile import MAX_FILE_BYTES, parse_sites, sites_csv_text
    from sitefinder.trial import MAX_TRIAL_BYTES, trial_from_dict, trial_json_text

    if not sites:
        raise ImportFailed(key="dataset.no_locations.many")
    files = {SITES_FILE: sites_csv_text(sites), TRIALS_FILE: trials_json_text(trials, countries)}
    limits = {SITES_FILE: MAX_FILE_BYTES, TRIALS_FILE: MAX_TRIALS_BYTES, TRIAL_FILE: MAX_TRIAL_BYTES}
    if len(trials) == 1:
        files[TRIAL_FILE] = trial_json_text(trials[0])
    for name, text in files.items():
        size = len(text.encode("utf-8"))
        if size > limits[name]:  # every reader would refuse it, `update` included: never publish it
            raise ImportFailed(key="dataset.too_large.many", name=name, size=size / 2**20, most=limits[name] // 2**20)
    try:  # the readers every later command uses: what they would refuse is refused now
        parse_sites(Path(SITES_FILE), files[SITES_FILE])
        for item in json.loads(files[TRIALS_FILE])["trials"]:
            trial_from_dict(item, TRIALS_FILE)
        if TRIAL_FILE in files:
            trial_from_dict(json.loads(files[TRIAL_FILE]), TRIAL_FILE)
    except DataFileError as exc:
        raise ImportFailed(key="dataset.unusable.many", problem=phrase_of(exc)) from None
    _publish_checked(out_dir, files, meta, keep_foreign, check)
    return out_dir / SITES_FILE, out_dir / TRIALS_FILE
