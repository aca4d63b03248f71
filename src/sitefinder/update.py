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
    """Fetch `nct_id` (default: the trial of the data in use) and compare it with the data in use.

    The data in use are read, compared and replaced under the dataset's writer lock, so that two
    updates at once each compare with what the other published and neither's data are lost. A
    copy that cannot be read never blocks its own replacement."""
    from sitefinder.datasets import read_meta, write_dataset, writer_lock
    from sitefinder.errors import DataFileError
    from sitefinder.importer import _today, fetch_study, import_study, nct_id_of
    from sitefinder.paths import SHIPPED_TRIAL, updated_dataset_dir
    from sitefinder.queries import open_gazetteer

    notes: list[str] = []
    in_use: tuple[Trial, list[Site]] | None = None
    try:
        in_use = _read(sites_path)
    except DataFileError as exc:
        if nct_id is None and sites_path is not None:
            raise  # a file of the user's that names no trial the registry could be asked for
        if sites_path is not None:  # the default is the copy kept here: said below, where it is replaced
            notes.append(f"The data in use could not be read ({exc}); they are replaced.")
    asked = nct_id if nct_id is not None else (in_use[0].nct_id if in_use else SHIPPED_TRIAL)
    if not asked.strip():
        raise UsageError("the data in use name no trial (no trial.json beside them); give an NCT id, "
                         "e.g. sitefinder update NCT07010263")
    wanted = nct_id_of(asked)
    if wanted is None:
        raise UsageError(f"{quoted(asked.strip())} is not an NCT id; it looks like NCT07010263")
    target = updated_dataset_dir(wanted)
    result = import_study(fetch_study(wanted), open_gazetteer(), retrieved=_today())
    with writer_lock(target):
        before_trial, before_sites = Trial(), list[Site]()
        named_copy = sites_path is not None and sites_path.absolute() == (target / "sites.csv").absolute()
        if sites_path is not None and not named_copy and in_use and in_use[0].nct_id.upper() == wanted:
            before_trial, before_sites = in_use  # the file the user named, of this trial
        elif (target / "sites.csv").exists() or (target / "sites.csv").is_symlink():
            try:
                before_trial, before_sites = _read(target / "sites.csv")
            except DataFileError as exc:
                notes.append(f"The earlier copy could not be read ({exc}); it is replaced.")
                if wanted == SHIPPED_TRIAL:
                    before_trial, before_sites = _read(_shipped_sites())
        elif wanted == SHIPPED_TRIAL:
            before_trial, before_sites = _read(_shipped_sites())
        high_water = max([_as_int(read_meta(target / "sites.csv").get("id_high_water")),
                          *(site.id for site in before_sites)], default=0)
        sites, high_water = stable_ids(before_sites, result.sites, high_water)
        result = result._replace(trial=keep_curated(before_trial, result.trial))
        new_sites_path, _ = write_dataset(target, sites, result.trial, meta={"id_high_water": high_water})
    added, removed, changed = compare(before_sites, before_trial, sites, result.trial)
    return UpdateResult(nct_id=wanted, trial=result.trial, before=before_trial, sites_path=new_sites_path,
                        site_count=len(sites), added=added, removed=removed, changed=changed,
                        unplaced=result.unplaced, is_default=wanted == SHIPPED_TRIAL, id_high_water=high_water,
                        notes=tuple(notes))


def _read(sites_path: Path | None) -> tuple[Trial, list[Site]]:
    from sitefinder.queries import open_sites

    source = open_sites(sites_path)
    return source.trial, list(source.sites())


def _shipped_sites() -> Path:
    from sitefinder.paths import data_dir

    return data_dir() / "sites.csv"


def _as_int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def match_sites(old: list[Site], new: list[Site]) -> list[tuple[Site | None, Site | None]]:
    """Pairs (before, after) of the same site across two versions; (None, site) for a new one,
    (site, None) for one that went.

    A site is the same when its facility, city and contacts are (two "Hunan Cancer Hospital,
    Changsha" sites are told apart by their people); then, among those left, when facility and city
    are, in registry order (a site whose contacts changed)."""
    from sitefinder.text import fold

    def place(site: Site) -> tuple[str, str]:
        return fold(site.facility), fold(site.city)

    def whole(site: Site) -> tuple[object, ...]:
        return (*place(site), tuple(map(_person, site.contacts)))

    pairs: dict[int, Site | None] = {}  # index in `new` → its site before
    left = list(old)
    for key in (whole, place):
        waiting: dict[tuple[object, ...], list[Site]] = defaultdict(list)
        for site in left:
            waiting[key(site)].append(site)
        for index, site in enumerate(new):
            if index not in pairs and waiting[key(site)]:
                pairs[index] = waiting[key(site)].pop(0)
        left = [site for sites in waiting.values() for site in sites]
    matched = [(pairs.get(index), site) for index, site in enumerate(new)]
    gone = {id(site) for site in left}
    return matched + [(site, None) for site in old if id(site) in gone]


def stable_ids(old: list[Site], new: list[Site], high_water: int) -> tuple[list[Site], int]:
    """The new sites with the ids they had before (matched by `match_sites`); a new site gets the next
    id above `high_water`, the highest ever used, so that a removed site's id never means another.
    Returns the sites and the new high-water mark."""
    sites = []
    for before, after in match_sites(old, new):
        if after is None:
            continue
        if before is None:
            high_water += 1
            sites.append(after._replace(id=high_water))
        else:
            sites.append(after._replace(id=before.id))
    return sites, high_water


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
        same_people = list(map(_person, before.contacts)) == list(map(_person, site.contacts))
        if status[0] != status[1] or not same_people:
            changed.append(SiteChange(site, status if status[0] != status[1] else None,
                                      None if same_people else contacts))
    return added, removed, changed


def _person(contact: Contact) -> tuple[str, ...]:
    """A contact as compared across versions: the registry page writes "Rong Yu, M.D." where the API
    writes "Rong Yu", so degrees after the name's first comma do not make another person."""
    from sitefinder.text import fold

    return (fold(contact.name.split(",")[0]), contact.role, fold(contact.phone), contact.phone_ext.strip(),
            contact.email.strip().casefold())
