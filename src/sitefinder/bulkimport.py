"""Importing many registry studies into one dataset: what people download from the registry.

Accepted, any mix, as several arguments: one study object (API v2), the website's JSON export
(`ctg-studies.json`, a JSON array of study objects), a saved API search page (`{"studies": [...],
"nextPageToken", "totalCount"}`), a folder or a zip of `NCT*.json` files (the bulk download; saved
search pages among their other *.json files too), and an NCT id (with --online). Search pages that
hold only part of their search are noted (search_of), so that the answer says what is missing. Every read is bounded: a file's bytes, a zip's members and their unpacked
size, the number of studies. A zip is read in memory, never extracted, so a member named
`../../x` cannot write anywhere (such names are skipped, as are links and nested folders past a depth).

A study that cannot be used (not an object, no protocolSection, a field of the wrong type) is skipped
and reported by its index and NCT id, or, with `strict`, fails the whole import. Nothing is
published until every study has been read and placed (datasets.write_trials_dataset).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from sitefinder.answers import (BulkResult, LeftOut, Numbered, PointSetAside, SearchPage, SearchPages, Skipped,
                                TrialChange)
from sitefinder.errors import ImportFailed, SitefinderError, UsageError, phrase_of
from sitefinder.models import Site, Trial
from sitefinder.text import quoted

# One JSON file is parsed whole: an export of 1,000 real studies is about 24 MB and peaks near 0.3 GB
# parsed; a larger download goes as a zip or folder, read one study at a time.
MAX_FILE_BYTES = 128 * 1024 * 1024
MAX_ZIP_MEMBERS = 100_000
MAX_ZIP_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024
MAX_STUDIES = 100_000
MAX_FOLDER_DEPTH = 4
PROGRESS_AFTER_S = 1.0  # imports shorter than this say nothing while they run


class Study(NamedTuple):
    source: str
    position: int | None  # its place in an export or page (0-based); `index` would hide tuple.index
    data: Any  # what the file holds at that place: a study object, if all is well
    retrieved: str = ""


Progress = Callable[[int, int | None], None]  # studies done, studies in all (None while unknown)


def import_many(sources: list[str], out: Path | str, online: bool = False, strict: bool = False,
                country: str | None = None, progress: Progress | None = None, lang: str | None = None,
                replace: bool = False) -> BulkResult:
    """`sitefinder import A B ...`: every study of every source, placed offline, published as one
    dataset into `out` (as typed: an empty name is no directory, not the current one), never over a
    file sitefinder did not write (datasets.check_target), nor over a dataset of trials this import
    leaves out unless `replace` (_replaced_trials)."""
    from sitefinder.datasets import check_target, writer_lock
    from sitefinder.importer import import_study, more_unread
    from sitefinder.wording import said, skipped_phrase
    from sitefinder.placement import Placer
    from sitefinder.gazetteer import open_shipped  # not queries' wrapper: its module is `near`'s (4 M instructions)

    if not sources:
        raise UsageError(key="import.no_sources")
    from sitefinder.filters import check_given

    check_given(country=country)
    if not str(out).strip():
        raise UsageError(key="import.out_empty")
    out_dir = Path(out)
    try:  # a name that is not UTF-8 (a stray byte) could not be printed or put in JSON once written
        str(out_dir).encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(key="import.out_not_utf8",
                         name=str(out_dir).encode('utf-8', 'surrogateescape').decode('utf-8', 'backslashreplace')) from None
    check_target(out_dir, keep_foreign=True)  # before the work: it would be refused after it
    gazetteer = open_shipped()
    countries = None
    if country is not None:  # read as list --country reads it: China's sites without Hong Kong's
        from sitefinder.countries import area_named

        countries = area_named(country, gazetteer).codes
    pages: list[SearchPage] = []  # the saved search pages read, filled as their studies are read
    studies = (study for source in sources for study in _studies(source, online, pages))  # read as they are placed
    # One memo of placements for every study: an export's studies share their cities (a country's
    # many trials at the same hospitals), so each distinct location is worked out once per import.
    placer = Placer(gazetteer)
    trials: list[Trial] = []
    sites: list[Site] = []
    unplaced: list[str] = []
    set_aside: list[PointSetAside] = []
    unread: list[tuple[str, str]] = []
    skipped: list[Skipped] = []
    outside: list[str] = []
    seen: set[str] = set()
    from_registry = 0
    sites_out = 0  # what --country keeps out: these sites, and the studies of `outside`
    started = time.monotonic()
    done = 0
    progressed = False
    for done, study in enumerate(studies, start=1):
        if done > MAX_STUDIES:
            raise ImportFailed(key="import.too_many", most=MAX_STUDIES)
        nct_id = _nct_id_of(study.data)
        try:
            if not isinstance(study.data, dict) or not isinstance(study.data.get("protocolSection"), dict):
                raise ImportFailed(key="import.no_protocol")
            # numbered from 1 in each study (an unnamed site is "Unnamed site N", its place in its
            # trial, as update names it); the dataset's ids are given when it is published
            result = import_study(study.data, gazetteer, retrieved=study.retrieved, countries=countries, placer=placer)
            nct_id = result.trial.nct_id.upper()
            if not _is_nct(nct_id):
                raise ImportFailed(key="import.bad_nct_id", value=quoted(result.trial.nct_id))
        except ImportFailed as exc:
            skipped.append(Skipped(study.source, study.position, nct_id, phrase_of(exc)))
            if strict:
                raise ImportFailed(key="import.strict_skipped", skipped=skipped_phrase(*skipped[-1])) from None
            continue
        if nct_id in seen:
            skipped.append(Skipped(study.source, study.position, nct_id, said("import.skip.duplicate")))
            continue
        seen.add(nct_id)
        sites_out += result.left_out
        if not result.sites:  # no site in the countries asked for: left out, and said (one list, counted by it)
            if result.left_out:
                outside.append(nct_id)
            else:  # no location at all: skipped and named, never dropped without a word
                skipped.append(Skipped(study.source, study.position, nct_id, said("import.skip.no_locations")))
            continue
        if strict and result.unplaced:
            raise ImportFailed(key="import.strict_unplaced", nct_id=nct_id, count=len(result.unplaced),
                               names="; ".join(result.unplaced[:5]))
        trials.append(result.trial._replace(nct_id=nct_id))
        sites.extend(result.sites)
        unplaced.extend(result.unplaced)
        set_aside.extend(result.points_set_aside)
        unread = more_unread(unread, result)
        from_registry += result.from_registry
        if progress is not None and time.monotonic() - started > PROGRESS_AFTER_S:
            progress(done, None)
            progressed = True
    if progressed and progress is not None:  # the count said last is the true one, not the last second's
        progress(done, done)
    if not trials:
        where = said("import.in_country", country=country) if country else ""
        failed = [item for item in skipped  # a study that failed to read, before one with no location (or its copy)
                  if getattr(item.reason, "key", "") not in ("import.skip.no_locations", "import.skip.duplicate")]
        if failed:
            raise ImportFailed(key="import.none_imported", skipped=skipped_phrase(*failed[0]))
        raise ImportFailed(key="import.no_locations." + ("one" if done == 1 else "many"), where=where)
    importing = {trial.nct_id for trial in trials}
    replaced = _replaced_trials(out_dir, importing, replace)
    try:
        sites_path, trials_path, numbered, earlier, changes = _publish(out_dir, sites, trials, countries, importing, replace)
    except _Moved:  # another writer published meanwhile: numbered again against its data, now under the lock
        with writer_lock(out_dir):
            sites_path, trials_path, numbered, earlier, changes = _publish(out_dir, sites, trials, countries, importing, replace)
    from sitefinder.versions import wants_index

    if wants_index(sites_path):
        from sitefinder.sitestore import warm_index

        warm_index(sites_path)
    from sitefinder.update import names_as_data
    from sitefinder.wording import language_of

    changed_sites = [site for change in changes for site in (*change.removed, *(item.site for item in change.changed))]
    return BulkResult(trials, numbered.sites, unplaced, from_registry, skipped, sites_path, trials_path,
                      lang=language_of(lang, " ".join(sources)), points_set_aside=set_aside, replaced=replaced,
                      statuses_unread=unread, ids=numbered, earlier=earlier, search=search_of(pages),
                      studies_read=done, outside_country=tuple(outside), country=country or "",
                      left_out=LeftOut(f"--country {country}", len(outside), sites_out) if country is not None else None,
                      changes=changes, chinese=names_as_data(changed_sites))


class _Moved(Exception):
    """Another writer published in --out after the dataset there was read for its ids: never shown,
    the import numbers its sites again, under the writer lock."""


def _publish(out_dir: Path, sites: list[Site], trials: list[Trial], countries: frozenset[str] | None,
             importing: set[str], replace: bool) -> tuple[Path, Path, Numbered, bool, list[TrialChange]]:
    """Number the sites against the dataset already in `out_dir` (siteids.dataset_ids: a site it had
    keeps its id, a new one gets the next above its high-water mark, whatever the order of the
    studies) and publish them with the mark. Under the writer lock, before the switch, the trials
    this import leaves out are asked about again and the dataset must be the one numbered against
    (_Moved when another writer published meanwhile)."""
    from sitefinder.datasets import current_version, earlier_dataset, next_meta, write_trials_dataset
    from sitefinder.importer import _today
    from sitefinder.siteids import dataset_ids
    from sitefinder.versions import SITES_FILE

    earlier = earlier_dataset(out_dir)
    numbered = dataset_ids(earlier.sites, sites, earlier.high_water)

    def check() -> None:
        _replaced_trials(out_dir, importing, replace)
        if current_version(out_dir) != earlier.version:
            raise _Moved

    gone = set(numbered.removed)  # remembered for `show`
    meta = next_meta(out_dir / SITES_FILE, numbered.high_water, [site for site in earlier.sites if site.id in gone],
                     "import", _today())
    sites_path, trials_path = write_trials_dataset(out_dir, numbered.sites, trials, countries, meta=meta,
                                                   keep_foreign=True, check=check)
    from sitefinder.update import trial_changes

    changes = trial_changes(earlier.sites, earlier.trials, numbered.sites, trials)
    return sites_path, trials_path, numbered, earlier.version is not None, changes


def _replaced_trials(out_dir: Path, importing: set[str], replace: bool) -> tuple[str, ...]:
    """The trials of the dataset already in `out_dir` that this import leaves out, which publishing
    it would lose. Without `replace` they are a usage error, before anything is written: an import
    into the directory of another trial replaced it without a word. The same trials again (a
    refresh), or those and more, lose nothing and are not asked about. The trials there are those
    its trials.json describes and those only its sites name (an entry edited out of trials.json:
    their sites would go without a word). A dataset that cannot be read names none."""
    from sitefinder.versions import SITES_FILE

    existing = out_dir / SITES_FILE
    if not existing.is_file():  # a new dataset: nothing to lose, and no store loaded to learn so
        return ()
    from sitefinder.sitesfile import read_sites_file
    from sitefinder.sitestore import MemorySource

    try:
        there = MemorySource(read_sites_file(existing)).trial_ids()
    except SitefinderError:
        return ()
    left_out = tuple(nct for nct in there if nct and nct not in importing)
    if left_out and not replace:
        from sitefinder.wording import ids_named

        raise UsageError(key="import.would_replace", out=out_dir, count=len(left_out), trials=ids_named(left_out))
    return left_out


def _is_nct(text: str) -> bool:
    from sitefinder.catalogue import NCT_ID

    return NCT_ID.match(text) is not None


def _nct_id_of(data: Any) -> str:
    """The NCT id a record names, for a message about it; "" when it names none."""
    try:
        value = data["protocolSection"]["identificationModule"]["nctId"]
    except (KeyError, TypeError):
        return ""
    return value.strip().upper()[:20] if isinstance(value, str) else ""


def search_of(pages: list[SearchPage]) -> SearchPages | None:
    """What the saved search pages of an import hold of their search: None when none was given.
    The registry says how many studies a search found (`totalCount`, on the page that asked for the
    count) and whether more pages follow (`nextPageToken`); several pages of one search given
    together are complete when they hold that many, or, the count unknown, when the last page
    (the one with no token) is among them."""
    if not pages:
        return None
    totals = [page.total for page in pages if page.total is not None]
    total = max(totals) if totals else None
    given = sum(page.studies for page in pages)
    if total is not None:
        complete = given >= total
    else:
        complete = any(not page.next_token for page in pages)
    return SearchPages(tuple(pages), total, given, complete)


def _studies(source: str, online: bool, pages: list[SearchPage]) -> Iterator[Study]:
    from sitefinder.importer import _shown, _today, load_study, registry_id

    path = Path(source)
    nct_id = registry_id(source)  # an NCT id as written (any case, full-width) that names no file
    if nct_id is not None:
        yield Study(nct_id, None, load_study(source, online=online), _today())
        return
    try:
        is_folder = path.is_dir()
    except (OSError, ValueError):  # a name too long to be a file, a NUL: read below, which says so
        is_folder = False
    if is_folder:
        yield from _folder_studies(path, pages)
        return
    raw = _read(path)
    if raw[:4] == b"PK\x03\x04" or (raw[:4] == b"PK\x05\x06"):
        yield from _zip_studies(path, raw, pages)
        return
    yield from _json_studies(_shown(str(path)), raw, pages)


def _read(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    from sitefinder.importer import _shown
    from sitefinder.paths import read_bounded

    try:
        return read_bounded(path, limit)
    except FileNotFoundError:
        from sitefinder.errors import MissingInput

        raise MissingInput(_shown(path), key="import.no_file") from None
    except OSError as exc:
        from sitefinder.wording import os_reason
        raise ImportFailed(key="import.unreadable", path=_shown(path), what=os_reason(exc)) from None


def _json_studies(where: str, raw: bytes, pages: list[SearchPage], pages_only: bool = False) -> Iterator[Study]:
    """The studies of one JSON text: a study, an export (array) or a search page (`studies`), the
    page noted in `pages`. `pages_only`: a file of a folder or zip not named NCT*.json, read only
    when it is a saved search page (anything else there is not a study file, as README.txt is not)."""
    from sitefinder.importer import not_a_study_record

    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        if pages_only:
            return
        raise not_a_study_record(where, raw, exc) from None
    if pages_only and not (isinstance(data, dict) and isinstance(data.get("studies"), list)):
        return
    if isinstance(data, (list, dict)) and not (data if isinstance(data, list) else data.get("studies", True)):
        raise ImportFailed(key="import.no_studies", where=where)
    if isinstance(data, list) and not any(isinstance(item, dict) for item in data):
        raise not_a_study_record(where, raw)  # [1, 2, 3]: a list, but of no records at all
    if isinstance(data, list):  # the website's export
        for index, item in enumerate(data):
            yield Study(where, index, item)
    elif isinstance(data, dict) and isinstance(data.get("studies"), list):  # a saved API search page
        pages.append(_page(where, data))
        for index, item in enumerate(data["studies"]):
            yield Study(where, index, item)
    elif isinstance(data, dict) and isinstance(data.get("protocolSection"), dict):
        yield Study(where, None, data)
    else:
        raise not_a_study_record(where, raw)


def _page(where: str, data: dict[str, Any]) -> SearchPage:
    """A saved search page as the import's answer names it: its file, its studies, the search's
    count (when the page holds one) and the token of the page after it (when there is one)."""
    total, token = data.get("totalCount"), data.get("nextPageToken")
    return SearchPage(where, len(data["studies"]),
                      total if isinstance(total, int) and not isinstance(total, bool) and total >= 0 else None,
                      token if isinstance(token, str) and token.strip() else None)


def _is_study_name(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return base.upper().startswith("NCT") and base.lower().endswith(".json")


def _folder_studies(folder: Path, pages: list[SearchPage]) -> Iterator[Study]:
    """NCT*.json files of a folder and its subfolders (to a depth), in name order, and the saved
    search pages among its other *.json files; links are not followed."""
    found: list[Path] = []

    def walk(directory: Path, depth: int) -> None:
        try:
            entries = sorted(directory.iterdir())
        except OSError as exc:
            from sitefinder.wording import os_reason
            raise ImportFailed(key="import.unreadable", path=directory, what=os_reason(exc)) from None
        for entry in entries:
            if entry.is_symlink():
                continue
            if entry.is_dir() and depth < MAX_FOLDER_DEPTH:
                walk(entry, depth + 1)
            elif entry.is_file() and _is_json_name(entry.name):
                found.append(entry)
                if len(found) > MAX_ZIP_MEMBERS:
                    raise ImportFailed(key="import.folder_too_many", path=folder, most=MAX_ZIP_MEMBERS)

    walk(folder, 0)
    from sitefinder.importer import MAX_STUDY_BYTES

    read = 0
    for path in found:
        study_file = _is_study_name(path.name)
        try:
            raw = _read(path, MAX_STUDY_BYTES if study_file else MAX_FILE_BYTES)
        except ImportFailed:
            if study_file:
                raise
            continue  # another file, too large or unreadable to be a saved page: not a study file
        for study in _json_studies(str(path), raw, pages, pages_only=not study_file):
            read += 1
            yield study
    if not read and not any(_is_study_name(path.name) for path in found):
        raise ImportFailed(key="import.folder_empty", path=folder)


def _is_json_name(name: str) -> bool:
    return name.rsplit("/", 1)[-1].lower().endswith(".json")


def _zip_studies(path: Path, raw: bytes, pages: list[SearchPage]) -> Iterator[Study]:
    """NCT*.json members of a zip, and the saved search pages among its other *.json members, read
    in memory (never extracted), each and all bounded."""
    import io
    import zipfile  # here: 1.4-2 ms of `-X importtime` that an import of JSON files never needs

    from sitefinder.importer import MAX_STUDY_BYTES

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFailed(key="import.bad_zip", path=path, detail=exc) from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise ImportFailed(key="import.zip_too_many", path=path, count=len(members), most=MAX_ZIP_MEMBERS)
    wanted = [member for member in members if not member.is_dir() and _safe_member(member.filename)
              and _is_json_name(member.filename)]
    if not wanted:
        raise ImportFailed(key="import.zip_empty", path=path)
    read = 0
    if sum(member.file_size for member in wanted) > MAX_ZIP_UNPACKED_BYTES:
        raise ImportFailed(key="import.zip_too_large", path=path, most=MAX_ZIP_UNPACKED_BYTES // 2**30)
    for member in sorted(wanted, key=lambda item: item.filename):
        where = f"{path}:{member.filename}"
        study_file = _is_study_name(member.filename)
        most = MAX_STUDY_BYTES if study_file else MAX_FILE_BYTES  # a page holds many studies
        if member.file_size > most and not study_file:
            continue  # too large to be a saved page: not a study file
        if member.file_size > most:
            raise ImportFailed(key="import.study_too_large", where=where, most=most // 2**20)
        try:
            with archive.open(member) as handle:
                data = handle.read(most + 1)  # the header's size may lie: the read is bounded too
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
            raise ImportFailed(key="import.unpack_failed", where=where, detail=exc) from None
        if len(data) > most and not study_file:
            continue
        if len(data) > most:
            raise ImportFailed(key="import.study_too_large", where=where, most=most // 2**20)
        for study in _json_studies(where, data, pages, pages_only=not study_file):
            read += 1
            yield study
    if not read and not any(_is_study_name(member.filename) for member in wanted):
        raise ImportFailed(key="import.zip_empty", path=path)


def _safe_member(name: str) -> bool:
    """No absolute paths, no `..`, no deep nesting: a name that points outside the archive is not a study."""
    parts = name.replace("\\", "/").split("/")
    return not name.startswith(("/", "\\")) and ".." not in parts and ":" not in parts[0] \
        and len(parts) <= MAX_FOLDER_DEPTH + 1
