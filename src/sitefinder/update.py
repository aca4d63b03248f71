"""`sitefinder update`: fetch a study from the registry, keep it as the data in use, say what changed.

The fetched study is written to the user data directory (`paths.updated_dataset_dir`) as one unit
(`datasets.write_dataset`): a failed or partial download raises before anything is written, so the
data in use stay exactly as they were. For the shipped trial, every later command reads the new
copy (`paths.default_sites_path`); `--sites` still wins.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from sitefinder.answers import ShownStatus, SiteChange, UpdateResult
from sitefinder.errors import UsageError
from sitefinder.models import Contact, Site, Trial
from sitefinder.text import quoted


def refresh_from_registry(nct_id: str | None = None, sites_path: Path | None = None) -> UpdateResult:
    """Fetch `nct_id` (default: the trial of the data in use) and compare it with the data in use."""
    from sitefinder.datasets import write_dataset
    from sitefinder.importer import NCT_ID, _today, fetch_study, import_study
    from sitefinder.paths import SHIPPED_TRIAL, updated_dataset_dir
    from sitefinder.queries import open_gazetteer, open_sites

    in_use = open_sites(sites_path)
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
    result = result._replace(trial=keep_curated(before_trial, result.trial))
    new_sites_path, _ = write_dataset(target, result.sites, result.trial)
    added, removed, changed = compare(before_sites, before_trial, result.sites, result.trial)
    return UpdateResult(nct_id=wanted, trial=result.trial, before=before_trial, sites_path=new_sites_path,
                        site_count=len(result.sites), added=added, removed=removed, changed=changed,
                        unplaced=result.unplaced, is_default=wanted == SHIPPED_TRIAL)


def keep_curated(before: Trial, after: Trial) -> Trial:
    """The new registry facts, with the plain-language summary people wrote for the same trial kept
    (the registry has none: its eligibility text is the protocol's)."""
    if after.plain_summary or not before.plain_summary or before.nct_id.upper() != after.nct_id.upper():
        return after
    return after._replace(plain_summary=before.plain_summary)


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
