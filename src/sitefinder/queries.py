"""The questions sitefinder answers, as plain functions: which place, which sites, how far.

Each command of the CLI calls one function here (`near`, `list_sites`, `site_detail`,
`trial_summary`) and hands the record it returns to the renderer, which never reads data itself.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from sitefinder.distance import rank_sites
from sitefinder.errors import PlaceNotFound, SitefinderError, UsageError
from sitefinder.models import RankedSite, Resolution, Site, Trial
from sitefinder.paths import default_sites_path, gazetteer_path
from sitefinder.regions import match_province
from sitefinder.status import parse_status_option
from sitefinder.text import fold, quoted

if TYPE_CHECKING:  # the gazetteer opens SQLite: imported by the paths that resolve a place
    from sitefinder.gazetteer import Gazetteer
    from sitefinder.sitestore import IndexedSource, MemorySource

T = TypeVar("T")
ONLINE_HINT = "places the offline gazetteer lacks can be looked up with --online"


@functools.lru_cache(maxsize=1)
def open_gazetteer() -> Gazetteer:
    from sitefinder.gazetteer import Gazetteer

    return Gazetteer(gazetteer_path())


def locate(query: str, preferred: frozenset[int] = frozenset(), online: bool = False) -> Resolution:
    """Resolve a place offline; only with `online` does the query leave the machine, and only on a miss.

    `preferred`: GeoNames ids of the cities hosting a site, which win among same-name places.
    """
    from sitefinder.gazetteer import resolve

    try:
        return resolve(query, open_gazetteer(), preferred=preferred)
    except PlaceNotFound as miss:
        if not online:
            raise PlaceNotFound(miss.query, miss.suggestions, hint=miss.hint or ONLINE_HINT) from None
        from sitefinder.online import geocode_online

        return geocode_online(miss.query, miss.suggestions)


class NearResult(NamedTuple):
    resolution: Resolution
    sites: list[RankedSite]
    trial: Trial
    unplaced: int = 0  # matching sites without coordinates: listed by `list`, never ranked
    nearest_outside_km: float | None = None  # when --within left nothing: how far the nearest is
    considered: int = 0


def check_limits(limit: int, within_km: float | None) -> None:
    if limit < 1:
        raise UsageError(f"--limit must be 1 or more, not {limit}")
    if within_km is not None and not (math.isfinite(within_km) and within_km > 0):
        raise UsageError(f"--within must be a distance in km greater than 0, not {within_km:g}")


def open_sites(path: Path | None) -> MemorySource | IndexedSource:
    """The sites of a file (the shipped one by default); a large file through its cached index (see sitestore.py)."""
    from sitefinder.sitestore import open_source

    return open_source(path or default_sites_path())


def _answer(sites_path: Path | None, question: Callable[[MemorySource | IndexedSource], T]) -> T:
    """`question` asked of the sites; if their cached index turns out damaged, it was removed, and
    the question is asked once more, of an index rebuilt from the file."""
    from sitefinder.sitestore import IndexDamaged

    try:
        return question(open_sites(sites_path))
    except IndexDamaged:
        return question(open_sites(sites_path))


class SiteList(NamedTuple):
    sites: list[Site]
    trial: Trial


class SiteDetail(NamedTuple):
    site: Site
    trial: Trial


class TrialSummary(NamedTuple):
    trial: Trial
    site_count: int
    provinces: list[str]  # sorted, as the sites file names them
    countries: list[str]
    sites_name: str  # the sites file, for messages


def near(query: str, sites_path: Path | None = None, limit: int = 5, within_km: float | None = None,
         province: str | None = None, status: str | None = None, online: bool = False) -> NearResult:
    """The sites nearest to what a person typed, with how the place was understood.

    `province` and `status` are as typed (`山东`, `not yet recruiting`); a bad value is a UsageError.
    """
    check_limits(limit, within_km)
    status_value = parse_status_option(status) if status else None

    def question(source: MemorySource | IndexedSource) -> NearResult:
        province_name = match_province(province, source.provinces()) if province else None
        resolution = locate(query, source.preferred_cities(), online=online)
        return find_nearest(resolution, source, limit=limit, within_km=within_km, province=province_name,
                            status=status_value)

    return _answer(sites_path, question)


def list_sites(sites_path: Path | None = None, province: str | None = None, city: str | None = None,
               status: str | None = None) -> SiteList:
    """The trial's sites matching the filters (as typed), by province, then city, then id."""
    status_value = parse_status_option(status) if status else None

    def question(source: MemorySource | IndexedSource) -> SiteList:
        province_name = match_province(province, source.provinces()) if province else None
        return SiteList(source.listing(province_name, city, status_value), source.trial)

    return _answer(sites_path, question)


def site_detail(query: str, sites_path: Path | None = None) -> SiteDetail:
    """One site, by id or a fragment of its facility name, with the trial it belongs to."""
    return _answer(sites_path, lambda source: SiteDetail(find_site(source, query), source.trial))


def trial_summary(sites_path: Path | None = None) -> TrialSummary:
    """The trial's facts and where its sites are."""
    return _answer(sites_path, lambda source: TrialSummary(
        trial=source.trial, site_count=source.count(),
        provinces=sorted(province for province in source.provinces() if province),
        countries=sorted(country for country in source.countries() if country), sites_name=source.name))


def find_nearest(resolution: Resolution, source: MemorySource | IndexedSource, limit: int = 5,
                 within_km: float | None = None, province: str | None = None,
                 status: str | None = None) -> NearResult:
    check_limits(limit, within_km)
    origin = resolution.place
    found = source.candidates(origin, limit, within_km, province, status)
    ranked = rank_sites(origin, found.placed, limit=limit, within_km=within_km)
    nearest_outside = None
    if not ranked and within_km is not None and found.considered > found.unplaced:
        anywhere = source.candidates(origin, 1, None, province, status)
        nearest_outside = rank_sites(origin, anywhere.placed, limit=1)[0].distance_km
    return NearResult(resolution=resolution, sites=ranked, trial=source.trial, unplaced=found.unplaced,
                      nearest_outside_km=nearest_outside, considered=found.considered)


def find_site(source: MemorySource | IndexedSource, query: str) -> Site:
    """One site by id, or by a fragment of its facility name."""
    text = query.strip()
    if text.isascii() and text.isdigit():
        from sitefinder.sitesfile import MAX_SITE_ID

        site = source.site_by_id(int(text)) if len(text) <= 19 and int(text) <= MAX_SITE_ID else None
        if site is None:
            ids = source.id_range()
            known = f"ids run from {ids[0]} to {ids[1]}" if ids else "the sites file has no sites"
            raise SitefinderError(f"no site has id {text}; {known} (see: sitefinder list)")
        return site
    key = fold(text)
    if not key:
        raise UsageError("give a site id or part of a facility name, e.g. sitefinder show Qingdao")
    matches = [site for site in source.sites() if key in fold(site.facility)]
    if not matches:
        raise SitefinderError(f"no site's facility name contains {quoted(text)}; see: sitefinder list")
    if len(matches) > 1:
        from sitefinder.errors import AmbiguousSite

        shown = "; ".join(f"{site.id} {site.facility} ({site.city})" for site in matches[:6])
        more = f"; and {len(matches) - 6} more" if len(matches) > 6 else ""
        raise AmbiguousSite(f"{quoted(text)} matches {len(matches)} sites: {shown}{more}; "
                            f"give the id, e.g. sitefinder show {matches[0].id}")
    return matches[0]
