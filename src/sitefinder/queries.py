"""The questions sitefinder answers, as plain functions: which place, which sites, how far.

Each command of the CLI calls one function here (`nearest_sites`, `near_by_hospital`, `matching_sites`,
`site_detail`, `trial_summary`, `map_near`) and hands the record it returns (answers.py) to `output.emit`, which
never reads data itself.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from sitefinder.answers import (ChineseNames, HospitalAnswer, MapResult, NearResult, RegionAnswer, SiteDetail, SiteList,
                                TrialSummary)
from sitefinder.distance import rank_sites
from sitefinder.errors import PlaceNotFound, SitefinderError, UsageError
from sitefinder.models import RankedSite, Resolution, Site, Trial
from sitefinder.paths import default_sites_path, gazetteer_path
from sitefinder.status import parse_status_option
from sitefinder.text import fold, has_cjk, quoted

if TYPE_CHECKING:  # the gazetteer opens SQLite: imported by the paths that resolve a place
    from sitefinder.errors import RegionNotPlace
    from sitefinder.gazetteer import Gazetteer
    from sitefinder.geomap import Scene
    from sitefinder.sitestore import CityFilter, IndexedSource, MemorySource

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
    from sitefinder.resolver import resolve

    from sitefinder.errors import RegionNotPlace

    try:
        return resolve(query, open_gazetteer(), preferred=preferred)
    except RegionNotPlace:
        raise  # a province or country: the caller answers with its sites
    except PlaceNotFound as miss:
        if not online:
            raise PlaceNotFound(miss.query, miss.suggestions, hint=miss.hint or ONLINE_HINT) from None
        from sitefinder.online import geocode_online

        return geocode_online(miss.query, miss.suggestions)


DEFAULT_LIMIT = 5


def effective_limit(limit: int | None, within_km: float | None) -> int | None:
    """--limit as given; else every site within --within; else the nearest five."""
    if limit is not None:
        return limit
    return None if within_km is not None else DEFAULT_LIMIT


def check_limits(limit: int | None, within_km: float | None) -> None:
    if limit is not None and limit < 1:
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


def _with_trials(result: T, source: MemorySource | IndexedSource, sites: Iterable[Site]) -> T:
    """The answer with the trials of its sites, so that each row can name its own."""
    from sitefinder.catalogue import trial_id_of

    ids = [trial_id_of(site, source.trial) for site in sites]
    return result._replace(trials=source.trials_by_id(ids),  # type: ignore[attr-defined]
                           many_trials=len(source.trial_ids()) > 1)


def _chosen(source: MemorySource | IndexedSource, trials: Iterable[str], condition: str | None
            ) -> frozenset[str] | None:
    from sitefinder.catalogue import check_condition, parse_trial_options

    return source.select_trials(parse_trial_options(trials), check_condition(condition))


def match_province(text: str, site_provinces: Iterable[str] = ()) -> str:
    from sitefinder.regions import match_province as match  # the province table: only for --province

    return match(text, site_provinces)


def nearest_sites(query: str, sites_path: Path | None = None, limit: int | None = None,
                  within_km: float | None = None, province: str | None = None, status: str | None = None,
                  online: bool = False, lang: str | None = None, trials: Iterable[str] = (), condition: str | None = None) -> NearResult | RegionAnswer:
    """The sites nearest to what a person typed, with how the place was understood.

    `province` and `status` are as typed (`山东`, `not yet recruiting`); a bad value is a UsageError.
    `limit` None: every site within `within_km`, else five. A province or country is answered with
    its sites (RegionAnswer). `lang` "zh", or a query in Chinese, adds names in Chinese characters.
    `trials` (NCT ids) and `condition` (words of the trials' conditions, keywords or MeSH terms)
    narrow a dataset of many trials; the sites of all the trials left are ranked together.
    """
    from sitefinder.errors import RegionNotPlace

    query = query.strip()
    check_limits(limit, within_km)
    status_value = parse_status_option(status) if status else None
    wants_chinese = lang == "zh" or (lang is None and has_cjk(query))

    def question(source: MemorySource | IndexedSource) -> NearResult | RegionAnswer:
        province_name = match_province(province, source.provinces()) if province else None
        chosen = _chosen(source, trials, condition)
        try:
            resolution = locate(query, source.preferred_cities(), online=online)
        except RegionNotPlace as region:
            answer = _region_answer(region, source, province_name, status_value, wants_chinese, chosen)
            return _with_trials(answer, source, answer.sites)
        result = find_nearest(resolution, source, limit=effective_limit(limit, within_km), within_km=within_km,
                              province=province_name, status=status_value, trials=chosen)
        if wants_chinese:
            result = result._replace(chinese=chinese_names([entry.site for entry in result.sites], resolution))
        return _with_trials(result, source, [entry.site for entry in result.sites])

    return _answer(sites_path, question)


def _region_answer(region: RegionNotPlace, source: MemorySource | IndexedSource, province: str | None,
                   status: str | None, wants_chinese: bool, trials: frozenset[str] | None = None) -> RegionAnswer:
    """The sites of the province or country a query named."""
    from sitefinder.regions import find_province

    named = find_province(region.query)
    if named is not None or any(admin1 for _, admin1 in region.regions):
        name = match_province(region.query, source.provinces())
        sites = source.listing(name, None, status, trials=trials)
        kind = "province"
    else:
        countries = countries_named(region.query, source)
        sites = source.listing(province, None, status, countries, trials=trials)
        name, kind = next((site.country for site in sites), region.query), "country"
    return RegionAnswer(query=region.query, region=name, kind=kind, sites=sites, trial=source.trial,
                        chinese=chinese_names(sites) if wants_chinese else None)


def countries_named(text: str, source: MemorySource | IndexedSource) -> frozenset[str]:
    """The folded country names, as the sites file writes them, that `text` means: "China", "中国",
    "PRC" all mean the sites file's "China"; a name the gazetteer does not know matches itself."""
    gazetteer = open_gazetteer()
    codes = gazetteer.country_codes(text)
    names = {fold(text)}
    for country in source.countries():
        if codes & gazetteer.country_codes(country):
            names.add(fold(country))
    return frozenset(names)


def chinese_names(sites: list[Site], resolution: Resolution | None = None) -> ChineseNames:
    """Chinese names of the sites' cities (GeoNames) and provinces, and of the resolved place."""
    from sitefinder.regions import find_province

    gazetteer = open_gazetteer()

    def province_zh(text: str) -> str:
        province = find_province(text) if text else None
        return province.chinese if province else ""

    place = resolution.place if resolution else None
    return ChineseNames(
        place=gazetteer.chinese_name(place.geonameid) if place and place.geonameid else "",
        province=province_zh(place.province) if place else "",
        sites={site.id: (gazetteer.chinese_name(site.geonameid) if site.geonameid else "",
                         province_zh(site.province)) for site in sites})


def matching_sites(sites_path: Path | None = None, province: str | None = None, city: str | None = None,
                   status: str | None = None, country: str | None = None, lang: str | None = None,
                   trials: Iterable[str] = (), condition: str | None = None) -> SiteList:
    """The trial's sites matching the filters (as typed), by province, then city, then id.

    `city` is understood as `near` understands a place (济南, jinan, Ganzhou for the registry's
    "Gannan"); `country` as a country name in any language the gazetteer knows.
    """
    status_value = parse_status_option(status) if status else None
    typed = " ".join(text for text in (province, city, country) if text)
    wants_chinese = lang == "zh" or (lang is None and has_cjk(typed))

    def question(source: MemorySource | IndexedSource) -> SiteList:
        province_name = match_province(province, source.provinces()) if province else None
        countries = countries_named(country, source) if country else None
        city_filter = understand_city(city, source) if city else None
        chosen = _chosen(source, trials, condition)
        sites = source.listing(province_name, city_filter, status_value, countries, trials=chosen)
        return _with_trials(SiteList(sites, source.trial, chinese_names(sites) if wants_chinese else None),
                            source, sites)

    return _answer(sites_path, question)


def understand_city(text: str, source: MemorySource | IndexedSource) -> CityFilter:
    """A --city value as a filter: the registry's spelling, or the gazetteer city it names.

    A typo that names neither is a PlaceNotFound with "did you mean".
    """
    from sitefinder.resolver import resolve
    from sitefinder.sitestore import CityFilter

    key = fold(text)
    try:
        place = resolve(text, open_gazetteer(), preferred=source.preferred_cities()).place
    except PlaceNotFound:
        if any(fold(name) == key for name in source.cities()):
            return CityFilter(key)
        raise
    return CityFilter(key, place.geonameid)


def site_detail(query: str, sites_path: Path | None = None) -> SiteDetail:
    """One site, by id or a fragment of its facility name, with the trial it belongs to."""
    def question(source: MemorySource | IndexedSource) -> SiteDetail:
        site = find_site(source, query)
        return SiteDetail(site, source.trial_of(site))

    return _answer(sites_path, question)


def trial_summary(sites_path: Path | None = None, nct_id: str | None = None) -> TrialSummary:
    """The trial's facts and where its sites are; for a dataset of several trials, each trial's
    status, phase, site count and data date, or, with `nct_id`, that one trial's facts."""
    from sitefinder.catalogue import parse_trial_options

    wanted = next(iter(parse_trial_options([nct_id])), None) if nct_id is not None else None

    def question(source: MemorySource | IndexedSource) -> TrialSummary:
        rows = source.trial_rows()
        if wanted is not None:
            chosen = source.select_trials(frozenset([wanted]), None)  # an id the dataset lacks: a usage error
            trial = source.trials_by_id(chosen or ()).get(wanted, source.trial)
            sites = source.listing(None, None, None, trials=frozenset([wanted]))
            return TrialSummary(trial=trial, site_count=len(sites),
                                provinces=sorted({site.province for site in sites if site.province}),
                                countries=sorted({site.country for site in sites if site.country}),
                                sites_name=source.name)
        return TrialSummary(
            trial=source.trial, site_count=source.count(),
            provinces=sorted(province for province in source.provinces() if province),
            countries=sorted(country for country in source.countries() if country), sites_name=source.name,
            trials=rows if len(rows) > 1 else [])

    return _answer(sites_path, question)


def find_nearest(resolution: Resolution, source: MemorySource | IndexedSource, limit: int | None = 5,
                 within_km: float | None = None, province: str | None = None,
                 status: str | None = None, trials: frozenset[str] | None = None) -> NearResult:
    check_limits(limit, within_km)
    origin = resolution.place
    found = source.candidates(origin, limit, within_km, province, status, trials)
    ranked = rank_sites(origin, found.placed, limit=limit, within_km=within_km)
    nearest_outside = None
    if not ranked and within_km is not None and found.considered > found.unplaced:
        anywhere = source.candidates(origin, 1, None, province, status, trials)
        nearest_outside = rank_sites(origin, anywhere.placed, limit=1)[0].distance_km
    return NearResult(resolution=resolution, sites=ranked, trial=source.trial, unplaced=found.unplaced,
                      nearest_outside_km=nearest_outside, considered=found.considered)


def _sites_in_place(text: str, source: MemorySource | IndexedSource) -> list[Site]:
    """The sites in the city a text names (青岛, Qingdao); a typo is a PlaceNotFound with "did you mean"."""
    from sitefinder.errors import RegionNotPlace

    try:
        city = understand_city(text, source)
    except RegionNotPlace:
        return []
    return [site for site in source.sites() if city.matches(site)]


def find_site(source: MemorySource | IndexedSource, query: str) -> Site:
    """One site by id, by a fragment of its facility name, or by its city (`show 青岛`)."""
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
        matches = _sites_in_place(text, source)
    if not matches:
        raise SitefinderError(f"no site's facility name or city matches {quoted(text)}; see: sitefinder list")
    if len(matches) > 1:
        from sitefinder.errors import AmbiguousSite

        shown = "; ".join(f"{site.id} {site.facility} ({site.city})" for site in matches[:6])
        more = f"; and {len(matches) - 6} more" if len(matches) > 6 else ""
        raise AmbiguousSite(f"{quoted(text)} matches {len(matches)} sites: {shown}{more}; "
                            f"give the id, e.g. sitefinder show {matches[0].id}")
    return matches[0]


def map_near(query: str, sites_path: Path | None = None, limit: int | None = None, within_km: float | None = None,
             province: str | None = None, status: str | None = None, online: bool = False,
             lang: str | None = None, view: str = "fit", aspect: float = 2.0, out: Path | None = None,
             trials: Iterable[str] = (), condition: str | None = None) -> MapResult:
    """`near`'s answer and the map around it. `aspect`: the drawing's width over its height; `out`:
    the file the map is for (then with the world's land and borders), else the terminal."""
    from sitefinder.geomap import VIEWS, choose_view, scene

    if view not in VIEWS:
        raise UsageError(f"unknown view {quoted(view)}; use one of: {', '.join(VIEWS)}")
    result = nearest_sites(query, sites_path, limit=limit, within_km=within_km, province=province, status=status,
                           online=online, lang=lang, trials=trials, condition=condition)
    if isinstance(result, RegionAnswer):
        raise UsageError(f"{quoted(result.query)} is a {result.kind}: give a city or coordinates to map the "
                         f"sites around it (or: sitefinder list --{result.kind} {quoted(result.region)})")
    place = result.resolution.place
    box = open_gazetteer().country_box(place.country) if view == "country" and place.country else None
    chosen = choose_view(view, place, result.sites, aspect, box)
    return MapResult(result, scene(chosen, place, result.sites, with_land=out is not None), out)


def near_by_hospital(query: str, sites_path: Path | None = None, limit: int | None = None,
                     within_km: float | None = None, province: str | None = None, status: str | None = None,
                     online: bool = False, lang: str | None = None, trials: Iterable[str] = (),
                     condition: str | None = None) -> HospitalAnswer | RegionAnswer:
    """The hospitals nearest to a place, each once with every trial it runs (hospitals.py); `limit`
    counts hospitals, not sites. Sites are ranked in growing batches until enough hospitals are found."""
    from sitefinder.errors import RegionNotPlace
    from sitefinder.hospitals import group_by_hospital

    query = query.strip()
    check_limits(limit, within_km)
    status_value = parse_status_option(status) if status else None
    wanted = effective_limit(limit, within_km)

    def question(source: MemorySource | IndexedSource) -> HospitalAnswer | RegionAnswer:
        province_name = match_province(province, source.provinces()) if province else None
        chosen = _chosen(source, trials, condition)
        try:
            resolution = locate(query, source.preferred_cities(), online=online)
        except RegionNotPlace as region:
            answer = _region_answer(region, source, province_name, status_value, False, chosen)
            return _with_trials(answer, source, answer.sites)
        budget = None if wanted is None else wanted * 8  # hospitals run several trials: more sites than hospitals
        while True:
            result = find_nearest(resolution, source, limit=budget, within_km=within_km,
                                  province=province_name, status=status_value, trials=chosen)
            result = _with_trials(result, source, [entry.site for entry in result.sites])
            hospitals = group_by_hospital(result.sites, result.trials, source.trial, wanted)
            if budget is None or wanted is None or len(hospitals) >= wanted or len(result.sites) < budget:
                return HospitalAnswer(result, hospitals)
            budget *= 4  # bounded: once a batch is not filled, every matching site has been ranked

    return _answer(sites_path, question)
