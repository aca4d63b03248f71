"""`sitefinder update`: fetch a study from the registry, keep it as the data in use, say what changed.

The fetched study is written to the user data directory (`paths.updated_dataset_dir`) as one unit
(`datasets.write_dataset`): a failed or partial download raises before anything is written, so the
data in use stay exactly as they were. For the shipped trial, every later command reads the new
copy (`paths.default_sites_path`); `--sites` still wins.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitefinder.answers import (ChineseNames, DatasetUpdate, ImportResult, PointSetAside, ShownStatus, SiteChange,
                                TrialChange, UpdateResult)
from sitefinder.errors import UsageError, phrase_of
from sitefinder.models import Site, Trial
from sitefinder.siteids import by_trial, match_sites, person, trial_ids
from sitefinder.text import quoted
from sitefinder.wording import language_of, said

if TYPE_CHECKING:
    from sitefinder.gazetteer import Gazetteer


def refresh_from_registry(nct_id: str | None = None, sites_path: Path | None = None,
                          lang: str | None = None) -> UpdateResult | DatasetUpdate:
    """Fetch `nct_id` (default: the trial of the data in use) and compare it with the data in use;
    for a dataset of several trials, without `nct_id`, refresh them all (refresh_dataset).

    The data in use are read, compared and replaced under the dataset's writer lock, so that two
    updates at once each compare with what the other published and neither's data are lost. A
    copy that cannot be read never blocks its own replacement."""
    from sitefinder.datasets import high_water_of, next_meta, write_dataset, writer_lock
    from sitefinder.errors import DataFileError, MissingInput
    from sitefinder.importer import _today, fetch_study, nct_id_of
    from sitefinder.paths import SHIPPED_TRIAL, updated_dataset_dir
    from sitefinder.queries import open_gazetteer, open_sites

    notes: list[str] = []
    in_use: tuple[Trial, list[Site]] | None = None
    held: list[str] = []  # the trials of a sites file of several
    try:
        source = open_sites(sites_path)
        if sites_path is not None and len(source.trial_ids()) > 1:
            held = [nct.upper() for nct in source.trial_ids() if nct]
        else:
            in_use = source.trial, list(source.sites())
    except DataFileError as exc:
        if nct_id is None and sites_path is not None:
            raise  # a file of the user's that names no trial the registry could be asked for
        if sites_path is not None:  # the default is the copy kept here: said below, where it is replaced
            notes.append(said("update.unreadable", problem=phrase_of(exc)))
    if held and sites_path is not None and nct_id is None:
        return refresh_dataset(sites_path)._replace(lang=language_of(lang, ""))  # every trial of the dataset
    asked = nct_id if nct_id is not None else (in_use[0].nct_id if in_use else SHIPPED_TRIAL)
    if not asked.strip():
        raise UsageError(key="update.no_trial")
    wanted = nct_id_of(asked)
    if wanted is None:
        raise UsageError(key="usage.nct_id", value=quoted(asked.strip()))
    if sites_path is not None and wanted in held:
        # a trial of the dataset in use (--sites or SITEFINDER_SITES): refreshed inside it, as the
        # hints say; a copy in the user data directory would leave the data in use stale
        return refresh_dataset(sites_path, only=wanted)._replace(lang=language_of(lang, nct_id or ""))
    target = updated_dataset_dir(wanted)
    if sites_path is not None and in_use and in_use[0].nct_id.upper() == wanted and _published_here(sites_path):
        target = sites_path.parent  # a dataset `import --out DIR` made: refreshed where it is, as the hint says
    result = imported(wanted, fetch_study(wanted), 1, open_gazetteer(), retrieved=_today())
    with writer_lock(target):
        before_trial, before_sites = Trial(), list[Site]()
        named_copy = sites_path is not None and sites_path.absolute() == (target / "sites.csv").absolute()
        if sites_path is not None and not named_copy and in_use and in_use[0].nct_id.upper() == wanted:
            before_trial, before_sites = in_use  # the file the user named, of this trial
        elif (target / "sites.csv").exists() or (target / "sites.csv").is_symlink():
            try:
                before_trial, before_sites = _read(target / "sites.csv")
            except (DataFileError, MissingInput) as exc:  # a broken copy, a link to nothing: replaced
                notes.append(said("update.earlier_unreadable", problem=phrase_of(exc)))  # said in the answer's language
                if wanted == SHIPPED_TRIAL:
                    before_trial, before_sites = _read(_shipped_sites())
        elif wanted == SHIPPED_TRIAL:
            before_trial, before_sites = _read(_shipped_sites())
        high_water = high_water_of(target / "sites.csv", before_sites)
        sites, high_water = stable_ids(before_sites, result.sites, high_water)
        result = result._replace(trial=keep_curated(before_trial, result.trial))
        added, removed, changed = compare(before_sites, before_trial, sites, result.trial)
        gone = [site._replace(nct_id=site.nct_id or wanted) for site in removed]  # remembered for `show`
        new_sites_path, _ = write_dataset(target, sites, result.trial,
                                          meta=next_meta(target / "sites.csv", high_water, gone, "update", _today()))
    return UpdateResult(nct_id=wanted, trial=result.trial, before=before_trial, sites_path=new_sites_path,
                        site_count=len(sites), added=added, removed=removed, changed=changed,
                        unplaced=result.unplaced, is_default=wanted == SHIPPED_TRIAL, id_high_water=high_water,
                        notes=tuple(notes), lang=language_of(lang, nct_id or ""),
                        chinese=names_as_data([*added, *removed, *(change.site for change in changed)]),
                        points_set_aside=result.points_set_aside, statuses_unread=result.statuses_unread)


def imported(nct_id: str, study: dict[str, Any], total: int, gazetteer: Gazetteer, **options: Any) -> ImportResult:
    """The registry's record of `nct_id` read and placed (importer.import_study); one that cannot be
    used is said as that trial's, and as the whole run's of `total` trials (nothing is published):
    the reader's own words name only a field."""
    from sitefinder.errors import ImportFailed
    from sitefinder.importer import import_study

    try:
        return import_study(study, gazetteer, **options)
    except ImportFailed as exc:
        raise ImportFailed(key="update.unusable_study", nct_id=nct_id, problem=phrase_of(exc), total=total) from None


def _published_here(sites_path: Path) -> bool:
    """Whether a sites file is one that sitefinder published as a dataset (DIR/sites.csv, a link
    into DIR/.sitefinder): only such a directory is refreshed in place; a file of the user's own, or
    the shipped one, is never written over."""
    return sites_path.name == "sites.csv" and sites_path.is_symlink() and (sites_path.parent / ".sitefinder").is_dir()


def _read(sites_path: Path | None) -> tuple[Trial, list[Site]]:
    from sitefinder.queries import open_sites

    source = open_sites(sites_path)
    return source.trial, list(source.sites())


def _shipped_sites() -> Path:
    from sitefinder.paths import data_dir

    return data_dir() / "sites.csv"


def stable_ids(old: list[Site], new: list[Site], high_water: int) -> tuple[list[Site], int]:
    """The new sites of one trial with the ids they had before, a new one the next id above
    `high_water`, the highest ever used (siteids.trial_ids, the rule `import` follows too). Returns
    the sites and the new high-water mark."""
    numbered = trial_ids(old, new, high_water)
    return numbered.sites, numbered.high_water


def keep_curated(before: Trial, after: Trial) -> Trial:
    """The new registry facts, with the plain-language summary people wrote for the same trial kept
    (the registry has none: its eligibility text is the protocol's)."""
    if after.plain_summary or not before.plain_summary or before.nct_id.upper() != after.nct_id.upper():
        return after
    return after._replace(plain_summary=before.plain_summary)


def compare(old: list[Site], old_trial: Trial, new: list[Site], new_trial: Trial
            ) -> tuple[list[Site], list[Site], list[SiteChange]]:
    """Sites added, removed and changed, matched by `match_sites`. A status change is reported for a
    site when its own status (the registry's, for that site) is involved; a change of the trial's
    overall status, which every site without its own shows, is said once (UpdateResult.before/trial),
    not for each of them."""
    from sitefinder.status import effective_status

    def shown_status(site: Site, trial: Trial) -> ShownStatus:
        return effective_status(site.status, trial.overall_status)

    added, removed, changed = [], [], []
    for before, site in match_sites(old, new):
        if site is None:
            if before is not None:
                removed.append(before)
            continue
        if before is None:
            added.append(site)
            continue
        status = (shown_status(before, old_trial), shown_status(site, new_trial))
        if before.status is None and site.status is None:
            status = (status[0], status[0])  # only the trial's status: said once, not here
        contacts = (before.contacts, site.contacts)
        same_people = list(map(person, before.contacts)) == list(map(person, site.contacts))
        if status[0] != status[1] or not same_people:
            changed.append(SiteChange(site, status if status[0] != status[1] else None,
                                      None if same_people else contacts))
    return added, removed, changed


def trial_changes(old_sites: Sequence[Site], old_trials: Mapping[str, Trial], new_sites: Sequence[Site],
                  new_trials: Sequence[Trial]) -> list[TrialChange]:
    """What an import into a dataset already there changed in the trials it held, each compared as
    update compares (`compare`: sites added, removed, changed; the trial's status once): an import
    of a newer record said only "1371 kept", hiding the status changes update says. Only the trials
    that differ; a trial new to the dataset is no change of one (its sites are the ids' added)."""
    before, after = by_trial(old_sites), by_trial(new_sites)
    changes = []
    for trial in new_trials:
        nct_id = trial.nct_id.upper()
        if nct_id not in old_trials:
            continue
        added, removed, changed = compare(before[nct_id], old_trials[nct_id], after[nct_id], trial)
        change = TrialChange(nct_id, old_trials[nct_id], trial, True, len(after[nct_id]), added, removed, changed)
        if change.differs:
            changes.append(change)
    return changes


# ---------------------------------------------------------------- a dataset of many trials

BATCH_IDS = 100  # ids a request asks for: about 1.3 KB of query, well under any server's URL limit
PAGE_SIZE = 100  # studies a page holds (the API allows up to 1,000)
MAX_PAGES = 1_000
MAX_PAGE_BYTES = 128 * 1024 * 1024  # a page of 100 studies is a few MB


def refresh_dataset(sites_path: Path, only: str | None = None) -> DatasetUpdate:
    """Refresh every trial of a dataset of many (batched registry requests), or `only` that one (asked
    for by its id, as `update NCT…` asks), compare each with the data in use and publish the whole as
    one version: a failure anywhere changes nothing; every other trial's rows stay as they were.
    When the registry returned none of the trials, or nothing differs, nothing is written
    (DatasetUpdate.written).

    As for one trial (refresh_from_registry): the studies are fetched first, then the data in use are
    read again, compared and replaced under the dataset's writer lock (a trial another writer added
    meanwhile is fetched then). Site ids are the dataset's, unique across its trials: a site keeps
    its id (stable_ids, trial by trial), a new one gets the next above the dataset's high-water
    mark, so that no id is ever given to another site."""
    from sitefinder.datasets import writer_lock

    if only is not None:
        from sitefinder.importer import fetch_study

        asked = [only]
        studies = {only: fetch_study(only)}  # the registry's record of that id, or the error it is
    else:
        asked = _dataset_trial_ids(sites_path)
        studies = fetch_studies(asked)
    with writer_lock(sites_path.parent):
        result = _refresh_locked(sites_path, asked, studies, only is not None)
    from sitefinder.versions import wants_index

    if result.written and wants_index(result.sites_path):
        from sitefinder.sitestore import warm_index

        warm_index(result.sites_path)
    return result


def _dataset_trial_ids(sites_path: Path) -> list[str]:
    """The trials of a dataset, in its order: those trials.json describes, then any its sites name alone."""
    from sitefinder.sitesfile import read_sites_file
    from sitefinder.sitestore import MemorySource

    return [nct for nct in MemorySource(read_sites_file(sites_path)).trial_ids() if nct]


def _refresh_locked(sites_path: Path, asked: list[str], studies: dict[str, dict[str, Any]],
                    only: bool = False) -> DatasetUpdate:
    from sitefinder.catalogue import import_countries
    from sitefinder.datasets import high_water_of, next_meta, write_trials_dataset
    from sitefinder.importer import _today, more_unread
    from sitefinder.placement import Placer
    from sitefinder.queries import open_gazetteer
    from sitefinder.sitesfile import read_sites_file
    from sitefinder.sitestore import MemorySource

    data = read_sites_file(sites_path)  # as it is now, under the lock: what another writer published counts
    source = MemorySource(data)
    nct_ids = [nct for nct in source.trial_ids() if nct]
    missing = [] if only else sorted(set(nct_ids) - set(asked))
    if missing:  # named since the first read (another import or update): asked for now
        studies = {**studies, **fetch_studies(missing)}
    old_sites: dict[str, list[Site]] = defaultdict(list)
    for site in data.sites:
        old_sites[site.nct_id].append(site)
    high_water = high_water_of(sites_path, data.sites)
    gazetteer, countries, today = open_gazetteer(), import_countries(sites_path), _today()
    placer = Placer(gazetteer)  # one memo of placements for every trial of the dataset, as import's
    sites: list[Site] = []
    trials: list[Trial] = []
    changes: list[TrialChange] = []
    unplaced: list[str] = []
    set_aside: list[PointSetAside] = []
    unread: list[tuple[str, str]] = []
    befores = source.trials_by_id(nct_ids)
    earlier = list(befores.values())
    fetched = {}
    total = len(asked) + len(missing)  # the trials this run asked for
    for before in befores.values():
        if before.nct_id in studies:
            fetched[before.nct_id] = imported(before.nct_id, studies[before.nct_id], total, gazetteer,
                                              retrieved=today, countries=countries, placer=placer)
    numbered: dict[str, list[Site]] = {}
    for nct_id in sorted(fetched):  # in NCT id order, as import numbers: the order of the trials changes no id
        fresh = [site._replace(nct_id=nct_id) for site in fetched[nct_id].sites]
        numbered[nct_id], high_water = stable_ids(old_sites[nct_id], fresh, high_water)
    for before in befores.values():
        if before.nct_id not in fetched:  # withdrawn from the registry, or an id it no longer answers for: kept
            kept = old_sites[before.nct_id]
            sites.extend(kept)
            trials.append(before)
            if not only or before.nct_id in asked:  # a trial not asked for is no change of this run
                changes.append(TrialChange(before.nct_id, before, before, False, len(kept), [], [], []))
            continue
        result, renumbered = fetched[before.nct_id], numbered[before.nct_id]
        # the curated plain-language summary is people's words, not the registry's: kept as for one trial
        after = keep_curated(before, result.trial._replace(nct_id=before.nct_id))
        added, removed, changed = compare(old_sites[before.nct_id], before, renumbered, after)
        sites.extend(renumbered)
        trials.append(after)
        unplaced.extend(result.unplaced)
        set_aside.extend(result.points_set_aside)
        unread = more_unread(unread, result)
        changes.append(TrialChange(before.nct_id, before, after, True, len(renumbered), added, removed, changed))
    sites.extend(old_sites.get("", []))  # sites that name no trial (a file edited by hand): kept as they were
    # Nothing refreshed, or the same data again (a second run the same day): the version in use
    # stays, not a copy of it that says the registry answered when it did not
    written = any(change.found for change in changes) and (sites != list(data.sites) or trials != earlier)
    new_path = sites_path
    if written:
        gone = [site for change in changes for site in change.removed]  # remembered for `show`
        new_path, _ = write_trials_dataset(sites_path.parent, sites, trials, countries,
                                           meta=next_meta(sites_path, high_water, gone, "update", today))
    return DatasetUpdate(new_path, changes, len(sites), unplaced, id_high_water=high_water, written=written,
                         chinese=names_as_data([site for change in changes for site in (
                             *change.added, *change.removed, *(changed.site for changed in change.changed))]),
                         points_set_aside=set_aside, statuses_unread=unread)


def names_as_data(sites: list[Site]) -> ChineseNames | None:
    """The Chinese names of the sites an update added or removed, for its JSON (in every language);
    None when there are none (no gazetteer opened for that)."""
    if not sites:
        return None
    from sitefinder.queries import chinese_names

    return chinese_names(sites, shown=False)


def fetch_studies(nct_ids: list[str]) -> dict[str, dict[str, Any]]:
    """GET {SITEFINDER_CTGOV_URL}/api/v2/studies?filter.ids=A,B,...&pageSize=N, following nextPageToken:
    every study asked for that the registry has, by NCT id. Bounded: ids a request, bytes and pages.

    Every study of an answer must be one that was asked for (its nctId among the request's ids): a
    registry, proxy or cache that answers with another study would otherwise put that study's sites
    under another trial's name; such an answer fails the update and nothing is written."""
    import json
    from urllib.parse import urlencode

    from sitefinder import __version__
    from sitefinder.errors import ImportFailed, NetworkError
    from sitefinder.importer import CTGOV_URL
    from sitefinder.web import HTTPStatusError, get, service_url, shown_url

    base = service_url("SITEFINDER_CTGOV_URL", CTGOV_URL)  # before anything else: junk there is a usage error
    found: dict[str, dict[str, Any]] = {}
    pages = 0
    for start in range(0, len(nct_ids), BATCH_IDS):
        batch = nct_ids[start:start + BATCH_IDS]
        token = None
        while True:
            pages += 1
            if pages > MAX_PAGES:
                raise NetworkError(key="update.too_many_pages", url=shown_url(base), most=MAX_PAGES)
            query = {"filter.ids": ",".join(batch), "pageSize": str(min(PAGE_SIZE, len(batch))), "format": "json"}
            if token:
                query["pageToken"] = token
            try:
                body = get(f"{base}/api/v2/studies?{urlencode(query)}", max_bytes=MAX_PAGE_BYTES,
                           service=said("service.registry"),
                           headers={"Accept": "application/json", "User-Agent": f"sitefinder/{__version__}"})
            except HTTPStatusError as exc:
                raise NetworkError(key="update.http_status", url=shown_url(base), status=exc.status) from None
            try:
                page = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError):
                raise NetworkError(key="update.bad_page", url=shown_url(base)) from None
            if not isinstance(page, dict) or not isinstance(page.get("studies"), list):
                raise NetworkError(key="update.no_studies", url=shown_url(base))
            asked = set(batch)
            for study in page["studies"]:
                try:
                    answered = study["protocolSection"]["identificationModule"]["nctId"]
                except (KeyError, TypeError):
                    answered = None
                nct = answered.strip().upper() if isinstance(answered, str) else None
                if nct is None or nct not in asked:
                    which = "study " + quoted(answered, 20) if isinstance(answered, str) else "a study with no nctId"
                    raise ImportFailed(key="update.not_asked", url=shown_url(base), ids=_ids_shown(batch), which=which)
                found.setdefault(nct, study)
            token = page.get("nextPageToken")
            if not isinstance(token, str) or not token or not page["studies"]:
                break
    return found


def _ids_shown(nct_ids: list[str], most: int = 3) -> str:
    """The ids of a request, for a message: a few, and how many more."""
    shown = ", ".join(nct_ids[:most])
    return shown + (f" and {len(nct_ids) - most} more" if len(nct_ids) > most else "")
