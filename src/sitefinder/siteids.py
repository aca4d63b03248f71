"""Site ids that stay: one rule for `update` and for `import` into a dataset that is already there.

A site id is what people write down ("site 7"), so an id must keep naming the same hospital: a site
the data held before keeps its id (the same trial, and the same site by `match_sites`), a new one
gets the next id above the highest the dataset has ever used (its high-water mark), and a removed
site's id is never given to another. Pure functions: reading and writing the mark is datasets'.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from sitefinder.answers import Numbered
from sitefinder.models import Contact, Site


def match_sites(old: Sequence[Site], new: Sequence[Site]) -> list[tuple[Site | None, Site | None]]:
    """Pairs (before, after) of the same site of one trial across two versions; (None, site) for a
    new one, (site, None) for one that went.

    A site is the same when its facility, city and contacts are (two "Hunan Cancer Hospital,
    Changsha" sites are told apart by their people); then, among those left, when facility and city
    are, in registry order (a site whose contacts changed)."""
    if not old:  # a new dataset, or a trial new to it: every site is new, and no key need be worked out
        return [(None, site) for site in new]  # (NCT05843643: 6.5 M instructions of folding)
    from sitefinder.text import fold

    def place(site: Site) -> tuple[str, str]:
        return fold(site.facility), fold(site.city)

    def whole(site: Site) -> tuple[object, ...]:
        return (*place(site), tuple(map(person, site.contacts)))

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


def person(contact: Contact) -> tuple[str, ...]:
    """A contact as compared across versions: the registry page writes "Rong Yu, M.D." where the API
    writes "Rong Yu", so degrees after the name's first comma do not make another person."""
    from sitefinder.text import fold

    return (fold(contact.name.split(",")[0]), contact.role, fold(contact.phone), contact.phone_ext.strip(),
            contact.email.strip().casefold())


def by_trial(sites: Iterable[Site]) -> dict[str, list[Site]]:
    """The sites of each trial, by its NCT id in capitals, each trial's in the order given: the one
    grouping by which ids are matched (trial_ids) and changes told (update.trial_changes)."""
    grouped: dict[str, list[Site]] = defaultdict(list)
    for site in sites:
        grouped[site.nct_id.upper()].append(site)
    return grouped


def trial_ids(old: Sequence[Site], new: Sequence[Site], high_water: int) -> Numbered:
    """The sites of one trial numbered against its sites before: each matched one (`match_sites`)
    keeps its id, each new one gets the next id above `high_water`, in registry order."""
    sites, kept, added, removed = [], [], [], []
    for before, after in match_sites(old, new):
        if after is None:
            if before is not None:
                removed.append(before.id)
        elif before is None:
            high_water += 1
            sites.append(after._replace(id=high_water))
            added.append(high_water)
        else:
            sites.append(after._replace(id=before.id))
            kept.append(before.id)
    return Numbered(sites, kept, added, removed, high_water)


def dataset_ids(old: Sequence[Site], new: Sequence[Site], high_water: int) -> Numbered:
    """The sites of many trials (each naming its trial, `nct_id`) numbered against a dataset's sites
    before, trial by trial (`trial_ids`: a site is only ever the same as a site of its own trial).
    The trials are taken in the order of their NCT ids, so the order in which the studies were given
    changes no id; the sites come back in that order, each trial's in registry order. The sites
    before of a trial that is no longer there are removed."""
    before, after = by_trial(old), by_trial(new)
    sites, kept, added, removed = [], [], [], []
    for nct_id in sorted(after):
        numbered = trial_ids(before.pop(nct_id, []), after[nct_id], high_water)
        sites += numbered.sites
        kept += numbered.kept
        added += numbered.added
        removed += numbered.removed
        high_water = numbered.high_water
    removed += [site.id for sites_before in before.values() for site in sites_before]
    return Numbered(sites, sorted(kept), added, sorted(removed), high_water)
