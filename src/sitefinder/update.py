"""`sitefinder update`: fetch a study from the registry, keep it as the data in use, say what changed.

The fetched study is written to the user data directory (`paths.updated_dataset_dir`) as one unit
(`datasets.write_dataset`): a failed or partial download raises before anything is written, so the
data in use stay exactly as they were. For the shipped trial, every later command reads the new
copy (`paths.default_sites_path`); `--sites` still wins.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from sitefinder.answers import DatasetUpdate, ShownStatus, SiteChange, TrialChange, UpdateResult
from sitefinder.errors import UsageError
from sitefinder.models import Contact, Site, Trial
from sitefinder.text import quoted


def refresh_from_registry(nct_id: str | None = None, sites_path: Path | None = None) -> UpdateResult | DatasetUpdate:
    """Fetch `nct_id` (default: the trial of the data in use) and compare it with the data in use;
    for a dataset of several trials, without `nct_id`, refresh them all (refresh_dataset)."""
    from sitefinder.datasets import write_dataset
    from sitefinder.importer import NCT_ID, _today, fetch_study, import_study
    from sitefinder.paths import SHIPPED_TRIAL, updated_dataset_dir
    from sitefinder.queries import open_gazetteer, open_sites

    in_use = open_sites(sites_path)
    if nct_id is None and sites_path is not None and len(in_use.trial_ids()) > 1:
        return refresh_dataset(sites_path)  # every trial of the dataset
    wanted = (nct_id or in_use.trial.nct_id).strip().upper()
    if not wanted:
        raise UsageError("the data in use name no trial (no trial.json beside them); give an NCT id, "
                         "e.g. sitefinder update NCT07010263")
    if not NCT_ID.match(wanted):
        raise UsageError(f"{quoted(wanted)} is not an NCT id; it looks like NCT07010263")
    target = updated_dataset_dir(wanted)
    if in_use.trial.nct_id.upper() == wanted:
        before_trial, before_sites = in_use.trial, list(in_use.sites())
    elif (target / "sites.csv").exists():
        earlier = open_sites(target / "sites.csv")
        before_trial, before_sites = earlier.trial, list(earlier.sites())
    else:
        before_trial, before_sites = Trial(), []
    result = import_study(fetch_study(wanted), open_gazetteer(), retrieved=_today())
    new_sites_path, _ = write_dataset(target, result.sites, result.trial)
    added, removed, changed = compare(before_sites, before_trial, result.sites, result.trial)
    return UpdateResult(nct_id=wanted, trial=result.trial, before=before_trial, sites_path=new_sites_path,
                        site_count=len(result.sites), added=added, removed=removed, changed=changed,
                        unplaced=result.unplaced, is_default=wanted == SHIPPED_TRIAL)


def compare(old: list[Site], old_trial: Trial, new: list[Site], new_trial: Trial
            ) -> tuple[list[Site], list[Site], list[SiteChange]]:
    """Sites added, removed and changed, matched by facility and city (ids are registry order and
    shift when a site is added). A status change is reported for a site when its own status (the
    registry's, for that site) is involved; a change of the trial's overall status, which every site
    without its own shows, is said once (UpdateResult.before/trial), not for each of them."""
    from sitefinder.status import effective_status
    from sitefinder.text import fold

    def key(site: Site) -> tuple[str, str]:
        return fold(site.facility), fold(site.city)

    def shown_status(site: Site, trial: Trial) -> ShownStatus:
        return effective_status(site.status, trial.overall_status)

    waiting: dict[tuple[str, str], list[Site]] = defaultdict(list)
    for site in old:
        waiting[key(site)].append(site)
    added, changed = [], []
    for site in new:
        if not waiting[key(site)]:
            added.append(site)
            continue
        before = waiting[key(site)].pop(0)
        status = (shown_status(before, old_trial), shown_status(site, new_trial))
        if before.status is None and site.status is None:
            status = (status[0], status[0])  # only the trial's status: said once, not here
        contacts = (before.contacts, site.contacts)
        same_people = list(map(_person, before.contacts)) == list(map(_person, site.contacts))
        if status[0] != status[1] or not same_people:
            changed.append(SiteChange(site, status if status[0] != status[1] else None,
                                      None if same_people else contacts))
    removed = [site for sites in waiting.values() for site in sites]
    return added, removed, changed


def _person(contact: Contact) -> tuple[str, ...]:
    """A contact as compared across versions: the registry page writes "Rong Yu, M.D." where the API
    writes "Rong Yu", so degrees after the name's first comma do not make another person."""
    from sitefinder.text import fold

    return (fold(contact.name.split(",")[0]), contact.role, fold(contact.phone), contact.phone_ext.strip(),
            contact.email.strip().casefold())


# ---------------------------------------------------------------- a dataset of many trials

BATCH_IDS = 100  # ids a request asks for: about 1.3 KB of query, well under any server's URL limit
PAGE_SIZE = 100  # studies a page holds (the API allows up to 1,000)
MAX_PAGES = 1_000
MAX_PAGE_BYTES = 128 * 1024 * 1024  # a page of 100 studies is a few MB


def refresh_dataset(sites_path: Path) -> DatasetUpdate:
    """Refresh every trial of a dataset of many (batched registry requests), compare each with the data
    in use and publish the whole as one version: a failure anywhere changes nothing."""
    from sitefinder.catalogue import import_countries
    from sitefinder.datasets import write_trials_dataset
    from sitefinder.importer import _today, import_study
    from sitefinder.queries import open_gazetteer
    from sitefinder.sitesfile import read_sites_file

    data = read_sites_file(sites_path)
    old_sites: dict[str, list[Site]] = defaultdict(list)
    for site in data.sites:
        old_sites[site.nct_id].append(site)
    studies = fetch_studies([trial.nct_id for trial in data.trials])
    gazetteer, countries, today = open_gazetteer(), import_countries(sites_path), _today()
    sites: list[Site] = []
    trials: list[Trial] = []
    changes: list[TrialChange] = []
    unplaced: list[str] = []
    for before in data.trials:
        study = studies.get(before.nct_id)
        if study is None:  # withdrawn from the registry, or an id it no longer answers for: kept as it was
            kept = [site._replace(id=len(sites) + number) for number, site in enumerate(old_sites[before.nct_id], 1)]
            sites.extend(kept)
            trials.append(before)
            changes.append(TrialChange(before.nct_id, before, before, False, len(kept), [], [], []))
            continue
        result = import_study(study, gazetteer, retrieved=today, first_id=len(sites) + 1, countries=countries)
        after = result.trial._replace(nct_id=before.nct_id)
        added, removed, changed = compare(old_sites[before.nct_id], before, result.sites, after)
        sites.extend(result.sites)
        trials.append(after)
        unplaced.extend(result.unplaced)
        changes.append(TrialChange(before.nct_id, before, after, True, len(result.sites), added, removed, changed))
    new_path, _ = write_trials_dataset(sites_path.parent, sites, trials, countries)
    from sitefinder.sitestore import warm_index

    warm_index(new_path)
    return DatasetUpdate(new_path, changes, len(sites), unplaced)


def fetch_studies(nct_ids: list[str]) -> dict[str, dict]:
    """GET {SITEFINDER_CTGOV_URL}/api/v2/studies?filter.ids=A,B,...&pageSize=N, following nextPageToken:
    every study asked for that the registry has, by NCT id. Bounded: ids a request, bytes and pages."""
    import json
    import os
    from urllib.parse import urlencode

    from sitefinder import __version__
    from sitefinder.errors import NetworkError
    from sitefinder.importer import CTGOV_URL
    from sitefinder.web import HTTPStatusError, get, shown_url

    base = os.environ.get("SITEFINDER_CTGOV_URL", CTGOV_URL).rstrip("/")
    found: dict[str, dict] = {}
    pages = 0
    for start in range(0, len(nct_ids), BATCH_IDS):
        batch = nct_ids[start:start + BATCH_IDS]
        token = None
        while True:
            pages += 1
            if pages > MAX_PAGES:
                raise NetworkError(f"the registry at {shown_url(base)} sent more than {MAX_PAGES} pages; "
                                   "nothing was changed")
            query = {"filter.ids": ",".join(batch), "pageSize": str(min(PAGE_SIZE, len(batch))), "format": "json"}
            if token:
                query["pageToken"] = token
            try:
                body = get(f"{base}/api/v2/studies?{urlencode(query)}", max_bytes=MAX_PAGE_BYTES,
                           service="the registry",
                           headers={"Accept": "application/json", "User-Agent": f"sitefinder/{__version__}"})
            except HTTPStatusError as exc:
                raise NetworkError(f"the registry at {shown_url(base)} answered HTTP {exc.status}; try again later; "
                                   "nothing was changed") from None
            try:
                page = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError):
                raise NetworkError(f"the registry at {shown_url(base)} sent a malformed page; nothing was changed") \
                    from None
            if not isinstance(page, dict) or not isinstance(page.get("studies"), list):
                raise NetworkError(f"the registry at {shown_url(base)} sent a page without studies; "
                                   "nothing was changed")
            for study in page["studies"]:
                try:
                    nct = study["protocolSection"]["identificationModule"]["nctId"].upper()
                except (KeyError, TypeError, AttributeError):
                    continue  # not a study: nothing of it is used
                if nct in batch:
                    found[nct] = study
            token = page.get("nextPageToken")
            if not isinstance(token, str) or not token or not page["studies"]:
                break
    return found
