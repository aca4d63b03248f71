"""The questions sitefinder answers, as plain functions: which place, which sites, how far.

Each command of the CLI calls one function here (`nearest_sites`, `near_by_hospital`, `matching_sites`,
`site_detail`, `trial_summary`, `map_near`) and hands the record it returns (answers.py) to `output.emit`, which
never reads data itself.
"""

from __future__ import annotations

import functools
import itertools
import math
from pathlib import Path
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from sitefinder.answers import (ChineseNames, Hospital, HospitalAnswer, MapResult, NearResult, RegionAnswer, SameHospital,
                                SiteDetail, SiteList, TrialSummary)
from sitefinder.distance import nearest_first, rank_sites
from sitefinder.errors import PlaceNotFound, RegionNotPlace, SitefinderError, UsageError
from sitefinder.filters import check_given, typed_options, typed_words
from sitefinder.models import Place, RankedSite, Resolution, Site, Trial
from sitefinder.paths import default_sites_path, gazetteer_path
from sitefinder.status import CLOSED_STATUSES, JOINABLE_FILTER, effective_status, joinable, parse_status_option
from sitefinder.text import ascii_number, clipped, fold, has_cjk, quoted, site_id_written, written_as_number
from sitefinder.wording import Phrase, Said, command, for_trials, language_of, said, say, suggestion, wants_chinese

if TYPE_CHECKING:  # the gazetteer opens SQLite: imported by the paths that resolve a place
    from sitefinder.errors import RegionNotPlace
    from sitefinder.gazetteer import Gazetteer
    from sitefinder.geomap import Scene
    from sitefinder.countries import Area
    from sitefinder.hospitals import HospitalKey, HospitalNames
    from sitefinder.regions import Province
    from sitefinder.sitestore import CityFilter, IndexedSource, MemorySource, PlaceCount, StatusFilter

T = TypeVar("T")


def open_gazetteer() -> Gazetteer:
    from sitefinder.gazetteer import open_shipped

    return open_shipped()


def locate(query: str, preferred: frozenset[int] = frozenset(), online: bool = False,
           lang: str | None = None, area: str = "") -> Resolution:
    """Resolve a place offline; only with `online` does the query leave the machine, and only on a miss.

    `preferred`: GeoNames ids of the cities hosting a site, which win among same-name places.
    """
    from sitefinder.resolver import resolve

    from sitefinder.errors import AskedBack, NotOnePlace, RegionNotPlace

    try:
        return resolve(query, open_gazetteer(), preferred=preferred, lang=lang, area=area)
    except (RegionNotPlace, AskedBack, NotOnePlace):
        raise  # a province or country: the caller answers with its sites; asked back (BJ, two cities), a part
        # of China (东北): no geocoder reads it
    except PlaceNotFound as miss:
        if not online:
            raise PlaceNotFound(miss.query, miss.suggestions,
                                hint=miss.hint or said("hint.online"),
                                lang=lang) from None
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
        raise UsageError(key="usage.limit", limit=limit)
    if within_km is not None and not (math.isfinite(within_km) and within_km > 0):
        raise UsageError(key="usage.within", within=within_km)


def open_sites(path: Path | None) -> MemorySource | IndexedSource:
    """The sites of a file (the shipped one by default); a large file through its cached index (see sitestore.py)."""
    from sitefinder.sitestore import open_source

    # the one thing the core says while it works (a first index build of a large file) is said by
    # the output side: a line on stderr, to a terminal only
    from sitefinder.output.streams import progress

    return open_source(path or default_sites_path(), progress=progress)


def _answer(sites_path: Path | None, question: Callable[[MemorySource | IndexedSource], T]) -> T:
    """`question` asked of the sites; if their cached index turns out damaged, it was removed, and
    the question is asked once more, of an index rebuilt from the file."""
    from sitefinder.sitestore import IndexDamaged

    try:
        return question(open_sites(sites_path))
    except IndexDamaged:
        return question(open_sites(sites_path))


def status_filter(status: str | None, all_statuses: bool) -> str | frozenset[str | None] | None:
    """`--status` as typed, else every status (`--all`), else the sites a patient can still join."""
    if status is not None:
        # 尚未開始招募: Traditional characters read as Simplified, as a place's are (OpenCC's table)
        forms = tuple(open_gazetteer().simplified_forms(status)) if has_cjk(status) else ()
        return parse_status_option(status, forms)
    return None if all_statuses else JOINABLE_FILTER


def without_closed(sites: list[Site], trial_of: Callable[[Site], Trial], wanted: object) -> tuple[list[Site], int]:
    """The sites to show and how many closed ones were left out (none unless the default filter is on).
    `trial_of`: each site's own trial (source.trial_of), whose status a site without one shows."""
    if wanted is not JOINABLE_FILTER:
        return sites, 0
    kept = [site for site in sites if joinable(effective_status(site.status, trial_of(site).overall_status)[0])]
    return kept, len(sites) - len(kept)


def _with_trials(result: T, source: MemorySource | IndexedSource, sites: Iterable[Site]) -> T:
    """The answer with the trials of its sites, so that each row can name its own."""
    from sitefinder.catalogue import trial_id_of

    ids = [trial_id_of(site, source.trial) for site in sites]
    return result._replace(trials=source.trials_by_id(ids),  # type: ignore[attr-defined]
                           many_trials=len(source.trial_ids()) > 1)


def _chosen(source: MemorySource | IndexedSource, trials: Iterable[str], condition: str | None,
            sites_path: Path | None) -> frozenset[str] | None:
    from sitefinder.catalogue import check_condition, parse_trial_options

    trials = list(trials)
    return source.select_trials(parse_trial_options(trials, source.trial_ids() if trials else ()),
                                check_condition(condition), sites_path)


class Narrowing(NamedTuple):
    """One filter as typed ("--country China", or the region a query named) and the sites it keeps,
    in count_matching's terms; None: that dimension is not narrowed by it."""

    typed: str
    province: str | None = None
    city: CityFilter | None = None
    countries: frozenset[str] | None = None
    trials: frozenset[str] | None = None


def _count_together(source: MemorySource | IndexedSource, parts: Sequence[Narrowing]) -> int:
    """How many sites (of any status) every one of `parts` keeps."""
    provinces = {part.province for part in parts if part.province is not None}
    if len(provinces) > 1:  # two provinces named apart: count_matching holds one
        return 0
    cities = [part.city for part in parts if part.city is not None]
    countries = [part.countries for part in parts if part.countries is not None]
    trials = [part.trials for part in parts if part.trials is not None]
    return source.count_matching(next(iter(provinces), None), None, cities[0] if cities else None,
                                 functools.reduce(frozenset.intersection, countries) if countries else None,
                                 functools.reduce(frozenset.intersection, trials) if trials else None)


class EmptyCause(NamedTuple):
    """Why no site matches: `alone`, the first filter typed that matches no site of the dataset by
    itself; else `together`, the fewest filters that each match sites but none together, each with
    the sites it matches by itself (what to drop, and what is left if it is dropped)."""

    alone: str = ""
    together: dict[str, int] = {}
    # of `together`'s --trial and --condition, the countries their sites are in (most sites first,
    # MAX_AREAS_NAMED; each name a phrase said in the answer's language): not where the others ask
    where: dict[str, tuple[str, ...]] = {}


MAX_AREAS_NAMED = 3  # countries a notice names of a filter's sites: bounded, as every list said is


def _areas_named(source: MemorySource | IndexedSource, part: Narrowing) -> tuple[str, ...]:
    """The countries (names in English and Chinese) the sites of a --trial or --condition are in, most first."""
    from sitefinder.countries import area_name

    gazetteer = open_gazetteer()
    counts = source.areas_counted(part.province, part.city, part.countries, part.trials)
    codes = sorted((code for code in counts if code), key=lambda code: (-counts[code], code))
    names = tuple(said("name.either", en=area_name(frozenset([code]), gazetteer),
                       zh=gazetteer.country_name_zh(code) or area_name(frozenset([code]), gazetteer))
                  for code in codes[:MAX_AREAS_NAMED])
    return (*names, "…") if len(codes) > MAX_AREAS_NAMED else names


def empty_cause(source: MemorySource | IndexedSource, parts: Sequence[Narrowing]) -> EmptyCause:
    """The one rule of list, near and map for naming why their filters leave no site (statuses
    aside: an empty EmptyCause means the filters hold sites together, and the status, the default
    of joinable sites or the distance emptied the answer). Each filter is counted against the whole
    dataset, never within the others: `--condition headache --country China` is not "no site in
    China" when 106 are (no headache trial has one). Pairs are tried before triples, and so on:
    at most 2**len(parts) counts, and the filters typed are at most five."""
    alone = [_count_together(source, [part]) for part in parts]
    for part, count in zip(parts, alone):
        if not count:
            return EmptyCause(alone=part.typed)
    counted = dict(zip(parts, alone))
    for size in range(2, len(parts) + 1):
        for group in itertools.combinations(parts, size):
            if not _count_together(source, group):
                return EmptyCause(together={part.typed: counted[part] for part in group},
                                  where={part.typed: _areas_named(source, part) for part in group
                                         if part.trials is not None})
    return EmptyCause()


def filter_parts(source: MemorySource | IndexedSource, sites_path: Path | None, trials: Iterable[str] = (),
                 condition: str | None = None, province: tuple[str, str | None] | None = None,
                 city: tuple[str, CityFilter | None] | None = None,
                 country: tuple[str, frozenset[str] | None] | None = None) -> list[Narrowing]:
    """The filters typed, each as the sites it keeps by itself, in the order the options are named
    (as typed: `province` is (text, name matched), and so on)."""
    parts = []
    trials = list(trials)
    if trials:
        parts.append(Narrowing(" ".join(f"--trial {nct}" for nct in trials),
                               trials=_chosen(source, trials, None, sites_path)))
    if condition is not None:
        parts.append(Narrowing(f"--condition {condition}", trials=_chosen(source, (), condition, sites_path)))
    if city is not None and city[0]:
        parts.append(Narrowing(f"--city {city[0]}", city=city[1]))
    if province is not None and province[0]:
        parts.append(Narrowing(f"--province {province[0]}", province=province[1]))
    if country is not None and country[0]:
        parts.append(Narrowing(f"--country {country[0]}", countries=country[1]))
    return parts


# How many of a dataset's conditions a notice names, most common first.
MAX_CONDITIONS_NAMED = 6


def condition_notes(source: MemorySource | IndexedSource, condition: str | None,
                    chosen: frozenset[str] | None) -> tuple[str, ...]:
    """When --condition matches no trial (肺癌, asthma): that conditions are the registry's English
    terms, naming the dataset's own, most common first (a person typing Chinese learns what to type)."""
    if condition is None or chosen is None or chosen:
        return ()
    counts: dict[str, int] = {}
    for trial in source.trials_by_id(source.trial_ids()).values() or [source.trial]:
        for term in trial.conditions:
            counts[term] = counts.get(term, 0) + 1
    if not counts:
        return ()
    named = sorted(counts, key=lambda term: -counts[term])
    terms = ", ".join(named[:MAX_CONDITIONS_NAMED]) + (" …" if len(named) > MAX_CONDITIONS_NAMED else "")
    return (said("notice.condition_none", condition=quoted(condition), terms=terms),)


MAX_PROVINCE_COUNTRIES = 12  # countries one --province name is counted in: bounded, as every loop is


def province_countries_notes(source: MemorySource | IndexedSource, typed: str | None, province_name: str | None,
                             status: StatusFilter, city: CityFilter | None, countries: frozenset[str] | None,
                             chosen: frozenset[str] | None) -> tuple[str, ...]:
    """When --province names regions of several countries that hold sites of the answer (Punjab:
    India's and Pakistan's), that all are kept and how to keep one; none with --country, which
    has kept one already."""
    if typed is None or province_name is None or countries is not None:
        return ()
    from sitefinder.countries import area_name, regions_named
    from sitefinder.wording import shell_word

    gazetteer = open_gazetteer()
    by_country: dict[str, list[str]] = {}
    for key in sorted(regions_named(province_name, gazetteer)):
        code, slash, admin1 = key.partition("/")
        if slash and (code in by_country or len(by_country) < MAX_PROVINCE_COUNTRIES):
            by_country.setdefault(code, []).append(admin1)
    if len(by_country) < 2:
        return ()
    held = sorted(((code, count) for code in by_country
                   if (count := source.count_matching(province_name, status, city, frozenset([code]), chosen))),
                  key=lambda item: (-item[1], item[0]))
    if len(held) < 2:
        return ()
    named = {code: area_name(frozenset([code]), gazetteer) for code, _ in held}
    regions = "; ".join(", ".join([*filter(None, by_country[code]), named[code]]) + f" ({count})" for code, count in held)
    return (said("notice.province_countries", province=quoted(typed), count=len(held), regions=regions,
                 example=shell_word(named[held[0][0]])),)


class _NoCountries:
    """The sites' states but those that name a country: a registry's junk state ("Republic of
    Korea") is no province (countries.site_region keeps no site under it). Read lazily, each time it
    is iterated: a Chinese province is matched by its table alone, with no gazetteer opened."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = list(names)

    def __iter__(self) -> Iterator[str]:
        from sitefinder.countries import written_codes

        gazetteer = open_gazetteer()
        return (name for name in self.names if not written_codes(name, gazetteer))


def match_province(text: str, site_provinces: Iterable[str] = ()) -> str:
    """The province or state a --province value names: a Chinese one by its English name, one a site
    names as written, or a state the gazetteer knows ("Bavaria" for sites whose rows name none but
    lie there: countries.site_region); else a usage error with the closest names."""
    from sitefinder.regions import china_part, direction_word, provinces_listed
    from sitefinder.regions import match_province as match  # the province table: only for --province

    part = china_part(text) if has_cjk(text) else None
    if part is not None:  # --province 东北: its provinces, one to give (never Ghana's Upper East)
        raise UsageError(key="usage.province_part", value=quoted(text),
                         provinces=said("name.either", **provinces_listed(part)), example=part[0].chinese)
    if has_cjk(text) and direction_word(text):
        raise UsageError(key="usage.province_direction", value=quoted(text))

    def country_named(typed: str) -> str:  # as --country reads it ("Republic of Korea": South Korea)
        try:
            return area_of(typed).name
        except UsageError:
            return ""

    from sitefinder.regions import find_province, region_of_code

    gazetteer = open_gazetteer()
    if not find_province(text) and not region_of_code(text) and gazetteer.is_part(text):
        _not_a_province_but_part(text, gazetteer)
    try:
        return match(_region_in_full(text), _NoCountries(site_provinces),
                     known=lambda typed: any(admin1 for _, admin1 in gazetteer.divisions(typed)),
                     country_named=country_named)
    except UsageError as unknown:
        hint = unknown.values.get("hint")
        if getattr(hint, "key", "") == "usage.province_is_country":
            raise
        _not_a_province_but_city(text, gazetteer)
        raise


def _not_a_province_but_part(text: str, gazetteer: Gazetteer) -> None:
    """`--province Surrey` (Leeds, "Greater London", "West Yorkshire"): a county, district or city
    of a state, which the sites' regions (a state each) cannot tell apart from the rest of that
    state: listing England's sites for it widened the filter silently. A usage error naming the
    state and what to run: the state's sites, or the sites nearest to the part's main place."""
    states = sorted(gazetteer.divisions(text))
    code, state = states[0]
    bounds = gazetteer.part_bounds(text, code)
    middle = max((place for place, _ in bounds), key=lambda place: place.population, default=None)
    near_words = f"{middle.name}, {middle.province}" if middle is not None else f"{text}, {state}"
    state_zh = gazetteer.region_name_zh(code, state) or state
    raise UsageError(key="usage.province_is_part", query=quoted(text),
                     state=said("name.either", en=state, zh=state_zh),
                     listing=suggestion("list", "--province", state), near=suggestion("near", near_words))


def _not_a_province_but_city(text: str, gazetteer: Gazetteer) -> None:
    """`--province Mianyang` (绵阳): a city, read as `near` reads it by its own name, is said to be a
    city of its province, with the --city that lists its sites (as --city given a province says
    which option lists it: usage.city_is_region); nothing for a text no place is named by."""
    from sitefinder.regions import region_chinese
    from sitefinder.resolver import resolve

    try:
        place = resolve(text, gazetteer).place
    except SitefinderError:
        return
    if place.source != "gazetteer" or not place.province:
        return
    chinese = region_chinese(place.province, "province") or gazetteer.state_name_zh(place) or place.province
    raise UsageError(key="usage.province_is_city", query=quoted(text),
                     province=said("name.either", en=place.province, zh=chinese),
                     command=suggestion("list", "--city", text))


# What a Chinese name of a state or prefecture abroad ends in, and is written without: 东京(都),
# 兵库(县), 三重(县), 京都(府), 安大略(省), 加利福尼亚(州).
_CHINESE_REGION_ENDINGS = ("都", "道", "府", "县", "縣", "省", "州")


def _region_in_full(text: str) -> str:
    """A --province value in Chinese without its ending, in full, where exactly that full name is a
    first-level division abroad and the value alone names none (兵库 → 兵库县, 东京 → 东京都);
    any other value as typed. Only --province reads so: `near 和歌山` stays the city."""
    from sitefinder.regions import find_province

    typed = text.strip()
    if not has_cjk(typed) or len(typed) < 2 or find_province(typed):
        return text
    from sitefinder.output.simplified import simplified

    gazetteer = open_gazetteer()
    if any(admin1 for _, admin1 in gazetteer.divisions(typed)):
        return text
    # in Simplified characters, as the Chinese names of divisions abroad are kept (兵庫 → 兵库县)
    full = list(dict.fromkeys(written + ending for written in dict.fromkeys((typed, simplified(typed)))
                              for ending in _CHINESE_REGION_ENDINGS
                              if any(admin1 for _, admin1 in gazetteer.divisions(written + ending))))
    return full[0] if len(full) == 1 else text


def nearest_sites(query: str, sites_path: Path | None = None, limit: int | None = None,
                  within_km: float | None = None, province: str | None = None, status: str | None = None,
                  online: bool = False, lang: str | None = None, all_statuses: bool = False,
                  trials: Iterable[str] = (), condition: str | None = None,
                  stream: bool = False, area: str = "", names: bool = False,
                  country: str | None = None) -> NearResult | RegionAnswer:
    """The sites nearest to what a person typed, with how the place was understood.

    `province` and `status` are as typed (`山东`, `not yet recruiting`); a bad value is a UsageError.
    `limit` None: every site within `within_km`, else five. A province or country is answered with
    its sites (RegionAnswer). `lang` "zh", or a query in Chinese, adds names in Chinese characters.
    Without `status` only the sites a patient can still join are ranked (each by its own trial's
    status when it gives none), unless `all_statuses`.
    `trials` (NCT ids) and `condition` (words of the trials' conditions, keywords or MeSH terms)
    narrow a dataset of many trials; the sites of all the trials left are ranked together.
    With `stream`, a region's sites are an iterable read from a large file's index as it is
    iterated (for writers that write as they go), as `matching_sites` gives them. `names`: the
    Chinese names as data (JSON, CSV), in whatever language the answer is said.
    """
    from sitefinder.errors import RegionNotPlace

    query = query.strip()
    check_given(province=province, status=status, country=country, condition=condition, trials=trials)
    check_limits(limit, within_km)
    status_value = status_filter(status, all_statuses)
    in_chinese = wants_chinese(lang, typed_words(query, province, status, country, condition))
    lang = "zh" if in_chinese else lang  # a Chinese filter word: the place's notices in Chinese too

    def question(source: MemorySource | IndexedSource) -> NearResult | RegionAnswer:
        province_name = match_province(province, source.provinces()) if province else None
        chosen = _chosen(source, trials, condition, sites_path)
        countries, country_notes = country_filter(country)
        filter_notes = (*country_notes, *condition_notes(source, condition, chosen),
                        *province_countries_notes(source, province, province_name, status_value, None, countries, chosen))
        try:
            # A site's own name (江门市中心医院, 山东省肿瘤医院) is that site, before its words are read
            # as a place (山东省… would be the province, 北京大学… Beijing and the rest unknown).
            from sitefinder.china import names_a_facility, names_an_institution

            named = _facility_as_place(query, source, whole_name=True) if names_a_facility(query) else None
            resolution = named or _naming_site_cities(
                locate(query, source.preferred_cities(), online=online, lang=lang, area=area), query, source)
        except RegionNotPlace as region:
            answer = _region_answer(region, source, province_name, status_value, in_chinese, chosen,
                                    stream=stream, countries=countries, names=names,
                                    filters=filter_parts(source, sites_path, trials, condition,
                                                         (province or "", province_name),
                                                         country=(country or "", countries)))
            answer = answer._replace(notes=(*answer.notes, *filter_notes))
            namesakes = [city for city in _region_site_cities(region, query, source)  # within --country, if given
                         if countries is None or open_gazetteer().country_code_of(city.place.country) in countries]
            if answer.sites or answer.status_counts or answer.kind == "country" and not namesakes:
                return _region_trials(answer._replace(notes=(*answer.notes, *(said(
                    "notice.region_city_sites", query=query, ids=city.ids, place=city.shown, ask=city.ask)
                    for city in namesakes))), source, chosen)
            # no site in the region, but a city of its name has some: that city, the region said beside it
            capital = _city_for_region(answer, namesakes, query) if namesakes else _capital_of(answer, source)
            if capital is None:  # 新疆: no site there; the nearest to Ürümqi (_capital_of)
                return _with_trials(answer, source, answer.sites)
            resolution = capital
        except PlaceNotFound as miss:
            facility = _facility_as_place(query, source)
            if facility is None:
                from sitefinder.text import clean_query

                if names_a_facility(query) and not names_an_institution(clean_query(query)):  # else said so
                    raise PlaceNotFound(miss.query, miss.suggestions,
                                        hint=said(for_trials("hint.facility_no_site", len(source.trial_ids()) > 1)),
                                        lang=lang) from None
                raise
            resolution = facility
        result = find_nearest(resolution, source, limit=effective_limit(limit, within_km), within_km=within_km,
                              province=province_name, status=status_value, trials=chosen,
                              countries=countries)._replace(notes=filter_notes)
        if status_value is JOINABLE_FILTER:
            result = result._replace(closed_left_out=closed_left_out(
                result, source, len(result.sites) >= (effective_limit(limit, within_km) or math.inf), within_km,
                province_name, chosen, countries))
        result = result._replace(limit_left_out=limit_left_out(
            result, source, effective_limit(limit, within_km), within_km, province_name, status_value, chosen,
            countries))
        if not result.sites and not result.considered:
            parts = filter_parts(source, sites_path, trials, condition, (province or "", province_name),
                                 country=(country or "", countries))
            result = _why_no_site(result, source, parts, province_name, status_value, chosen, countries)
        if in_chinese or names:
            result = result._replace(chinese=chinese_names([entry.site for entry in result.sites], resolution,
                                                           shown=in_chinese))
        result = result._replace(provinces=kept_provinces([entry.site for entry in result.sites]))
        return _with_trials(result, source, [entry.site for entry in result.sites])

    def asked(limit: int | None) -> tuple[str, ...]:
        """Every filter typed (--status and --all too) with this --limit: what a suggested command
        repeats, so that typed back it answers a superset of this answer."""
        return typed_options(province=province, country=country, within=within_km, limit=limit, trial=trials,
                             condition=condition, status=status, all=all_statuses)

    answer = _answer(sites_path, question)
    if isinstance(answer, RegionAnswer):
        return answer._replace(asked=asked(limit))
    if answer.limit_left_out:
        # room for the sites the limit hid beside those shown: then it answers exactly those and these
        answer = answer._replace(more_asked=asked(len(answer.sites) + answer.limit_left_out))
    return answer._replace(asked=asked(_room_for_closed(answer, limit, within_km, len(answer.sites))))


def _room_for_closed(answer: NearResult, limit: int | None, within_km: float | None, shown: int) -> int | None:
    """The --limit of the command that shows the closed sites counted (closed_left_out) too: room
    for them beside the `shown` (sites or hospitals) and those the limit hid at the same distance
    (limit_left_out), never less than typed; then, with --all, it answers every one of them."""
    wanted = effective_limit(limit, within_km)
    if not answer.closed_left_out or wanted is None:
        return limit
    return max(wanted, shown + answer.limit_left_out + answer.closed_left_out)


MAX_SITE_CITY_SITES = 5  # sites of one registry city read to name their place: bounded, as every read is


def _naming_site_cities(resolution: Resolution, query: str, source: MemorySource | IndexedSource,
                        listing: bool = False) -> Resolution:
    """The resolution, with the place of any site whose registry city is the query as written
    ("Gannan", site 23's, placed at Ganzhou) named when it is elsewhere: resolver.with_site_cities.
    `listing`: for `list --city` and `show`, which answer with those sites too."""
    from sitefinder.resolver import with_site_cities
    from sitefinder.sitestore import CityFilter

    if resolution.place.source == "coordinates" or not fold(query):
        return resolution
    # The first few, decoded as read: near Guangzhou in a big file has 731 sites of that registry city,
    # whose decoding would cost what the index saves; one registry city is placed at one or two places.
    sites = list(itertools.islice(source.listing_stream(None, CityFilter(fold(query)), None), MAX_SITE_CITY_SITES))
    return _listings_that_answer(with_site_cities(resolution, sites, open_gazetteer(), listing), source)


def _listings_that_answer(resolution: Resolution, source: MemorySource | IndexedSource) -> Resolution:
    """The resolution with a region dwarfed by the city answered (resolver._beside_regions), or a
    province a city's name is too (吉林: china.py), said without its `list --province` where that
    listing would list no site of the data ("near Manchester": Jamaica's parish, where no site
    lies): a command suggested gives an answer."""
    import shlex

    notes = []
    for note in resolution.notes:
        if isinstance(note, Said) and note.key == "notice.region_dwarfed" and not _province_has_sites(
                str(note.values["head"]), source):
            note = said(note.key, **{**note.values, "sites": said("notice.region_dwarfed.none")})
        elif isinstance(note, Phrase) and note.key == "notice.china.also_province" and not _province_has_sites(
                shlex.split(str(note.values["command"]))[-1], source):  # 吉林, the city: Jilin has no site
            note = say("notice.china.also_province.none", note.lang, used=note.values["used"])
        notes.append(note)
    return resolution._replace(notes=tuple(notes))


def _province_has_sites(text: str, source: MemorySource | IndexedSource) -> bool:
    """Whether `list --province TEXT` lists a site of the data, whatever its status."""
    try:
        province = match_province(text, source.provinces())
    except UsageError:
        return False
    return source.count_matching(province, None) > 0


class _SiteCity(NamedTuple):
    """A place holding sites whose registry city is a region's name, as a notice names it."""

    ids: str  # "113, 301"
    place: Place
    shown: object  # str or wording.Said: in Chinese by its Chinese names
    ask: object  # what to type for it ("Lebanon, New Hampshire"), a wording.Said checked to answer it


def _region_site_cities(region: RegionNotPlace, query: str, source: MemorySource | IndexedSource) -> list[_SiteCity]:
    """Each place holding sites whose registry city is the region's name, outside that region
    (resolver.region_site_cities): "Lebanon" and Lebanon, New Hampshire. Read as
    _naming_site_cities reads a registry city: its first few sites."""
    from sitefinder.resolver import named_place, region_site_cities, said_asked
    from sitefinder.sitestore import CityFilter

    name = fold(query.split(",")[0])  # "Washington, USA": the registry city is Washington
    if region.meant or not name:  # a code (HK) is no registry city
        return []
    gazetteer = open_gazetteer()
    sites = list(itertools.islice(source.listing_stream(None, CityFilter(name), None), MAX_SITE_CITY_SITES))
    return [_SiteCity(", ".join(str(site.id) for site in group), place, named_place(place, gazetteer),
                      said_asked(place, gazetteer, source.preferred_cities()))
            for group, place in region_site_cities(region, sites, gazetteer)]


def _city_for_region(answer: RegionAnswer, namesakes: list[_SiteCity], query: str) -> Resolution:
    """The city of a region's name that holds sites, when the region holds none: the answer, saying
    that the name is also the region and how to list it ("near Lebanon": Lebanon, New Hampshire)."""
    city = namesakes[0]
    kind = ("kind.country" if answer.kind == "country" else "kind.division" if answer.country not in ("", "China")
            else "kind.province")
    note = said("notice.city_not_region", query=query, kind=said(kind), place=city.shown, ids=city.ids,
                command=suggestion("list", f"--{answer.option}", answer.region))
    return Resolution(query=query, place=city.place, alternatives=tuple(other.place for other in namesakes[1:]),
                      notes=(note,))


def _capital_of(answer: RegionAnswer, source: MemorySource | IndexedSource) -> Resolution | None:
    """A province without a site of the trial, as the place to measure from: its capital."""
    from sitefinder.regions import find_province

    province = find_province(answer.region) or find_province(answer.meant or answer.query)
    if province is None:
        return None
    try:
        found = locate(province.capital, source.preferred_cities())
    except PlaceNotFound:
        return None
    from sitefinder.regions import AUTONOMOUS_REGIONS

    chinese = open_gazetteer().chinese_name(found.place.geonameid) if found.place.geonameid else ""
    capital = said("name.either", en=found.place.name, zh=chinese or found.place.name)
    # a province's capital (省会), an autonomous region's (首府); Hong Kong, Macau and Taiwan: no such word
    kind = ("empty.region_city" if province.country != "CN" else
            "empty.region_capital.autonomous" if province.name in AUTONOMOUS_REGIONS else "empty.region_capital")
    region = _region_named(answer, province)
    if answer.together:  # sites there, but none the filters keep: the nearest that they keep
        filters = {typed: count for typed, count in answer.together.items() if typed != answer.query}
        note = said(f"{kind}.filtered", region=region, capital=capital, count=answer.together[answer.query],
                    filters=", ".join(filters))
    else:
        note = said(for_trials(kind, len(source.trial_ids()) > 1), region=region, capital=capital)
    # what else the name means (海南 is also Wuhai's 海南区) is said too
    return found._replace(query=answer.query, notes=(*answer.notes, note), alternatives=(), ambiguous=False)


def _region_named(answer: RegionAnswer, province: Province | None) -> Said:
    """A province of China's area named back in a sentence: in English as typed (a code with its
    region, "HK (Hong Kong)"), in Chinese by its Chinese name however it was typed (新疆 for
    Xinjiang, XINJIANG or 新疆維吾爾自治區), as the capital it is measured from is."""
    from sitefinder.regions import shown_chinese

    return said("name.either", en=answer.named, zh=shown_chinese(province) if province else answer.named)


def _province_from_capital(region: RegionAnswer, sites_path: Path | None) -> NearResult | RegionAnswer:
    """A province's sites (as `near 山东` lists them), ranked from its capital, for a map of it."""
    def question(source: MemorySource | IndexedSource) -> NearResult | RegionAnswer:
        resolution = _capital_of(region, source)
        if resolution is None:
            return region
        ranked = rank_sites(resolution.place, [site for site in region.sites if site.has_coordinates],
                            limit=len(region.sites), tie_order=tie_order(source))
        place = resolution.place
        chinese = open_gazetteer().chinese_name(place.geonameid) if place.geonameid else ""
        from sitefinder.regions import find_province

        named = _region_named(region, find_province(region.region) or find_province(region.meant or region.query))
        note = said("notice.region_city" if region.kind == "region" else "notice.province_capital",
                    query=named, count=len(ranked), capital=said("name.either", en=place.name,
                                                                        zh=chinese or place.name))
        return NearResult(resolution=resolution._replace(notes=(note,)), sites=ranked, trial=region.trial,
                          considered=len(region.sites), chinese=region.chinese, closed_left_out=region.closed_left_out,
                          trials=region.trials, many_trials=region.many_trials)

    return _answer(sites_path, question)


# A part of a Chinese facility name that can stand for the site ("江门中心" no, "江门市中心医院" yes):
# one or two characters (广, 医院) are in too many names to name one.
MIN_FACILITY_PART = 3


def _facility_as_place(query: str, source: MemorySource | IndexedSource, whole_name: bool = False) -> Resolution | None:
    """`near 江门市中心医院`: a query that names one site's facility (in Chinese, or the registry's
    whole English name) is measured from that site; None when it names none or several. Without
    `whole_name`, a part of the Chinese name of at least MIN_FACILITY_PART characters will do."""
    from sitefinder.facilities import facility_zh
    from sitefinder.models import Place

    key = fold(query)
    if not key:
        return None
    part = has_cjk(query) and not whole_name and len(key) >= MIN_FACILITY_PART
    named = [site for site in source.sites() if site.has_coordinates
             and (key == fold(site.facility) or key == fold(facility_zh(site))
                  or (part and key in fold(facility_zh(site))))]
    if len({(site.latitude, site.longitude) for site in named}) != 1:
        return None
    site = named[0]
    assert site.latitude is not None and site.longitude is not None
    place = Place(name=site.facility, province=site.province, country=site.country, latitude=site.latitude,
                  longitude=site.longitude, geonameid=site.geonameid, source="site")
    return Resolution(query=query, place=place, notes=(said("notice.facility_origin", query=query, id=site.id),))


def _region_answer(region: RegionNotPlace, source: MemorySource | IndexedSource, province: str | None,
                   status: str | frozenset[str | None] | None, in_chinese: bool,
                   trials: frozenset[str] | None = None, stream: bool = False,
                   names: bool = False, countries: frozenset[str] | None = None,
                   filters: Sequence[Narrowing] = ()) -> RegionAnswer:
    """The sites of the province or country a query named; `names`: their Chinese names as data;
    `filters`: the filters typed (filter_parts), for why none is there when the region has sites.

    With `stream` (and no Chinese names to add, which need every site), the sites are the index's
    iterable (sitestore.StreamedSites): counted, and decoded only as a writer reads them. At 1M
    rows, `near Japan --json` (28,163 sites shown of 47,046) held every site and the whole JSON
    text, 3.3 s and 220 MB; streamed, 1.7 s and 32 MB (README, Large sites files). The answer is
    the same: the index filters on the status a site shows as `without_closed` does (`list --json`
    is streamed the same way).
    """
    from sitefinder.countries import area_name, own_codes
    from sitefinder.regions import find_province

    listed = None if status is JOINABLE_FILTER else status
    read = region.meant or region.query  # a code (HK) is read as its country's name (Hong Kong)
    named = find_province(read)
    whole = frozenset(code for code, admin1 in region.regions if not admin1)
    if named is None and len(whole) == len(region.regions) == 1:  # "HKSAR": Hong Kong, a region, as its name is
        by_name = find_province(area_name(whole, open_gazetteer()))
        named = by_name if by_name is not None and by_name.country != "CN" else None
    where: tuple[str | None, frozenset[str] | None]
    if named is not None and named.country != "CN":  # Hong Kong, Macau, Taiwan: the sites that lie there
        name, kind = named.name, "region"
        where = (province, frozenset([named.country]))
    elif named is not None or any(admin1 for _, admin1 in region.regions):
        name, kind = _region_name(region, named, source), "province"
        where = (name, None)
    else:  # a country: its own sites, as list --country reads it (China's without Hong Kong's)
        codes = own_codes(frozenset(code for code, admin1 in region.regions if not admin1))
        name, kind = area_name(codes, open_gazetteer()), "country"
        where = (province, codes)
    own = Narrowing(region.query, province=name if kind == "province" else None,
                    countries=where[1] if kind != "province" else None)  # the region's own sites
    if countries is not None:  # --country as well: the region's sites within it
        where = (where[0], countries if where[1] is None else where[1] & countries)

    if stream and not in_chinese:
        sites: Any = source.listing_stream(where[0], None, status, where[1], trials)
        closed = source.count_matching(where[0], None, None, where[1], trials) - len(sites) \
            if status is JOINABLE_FILTER else 0
    else:
        sites = source.listing(where[0], None, listed, where[1], trials)
        sites, closed = without_closed(sites, source.trial_of, status)
    counts = None
    if not len(sites) and status is not None and status is not JOINABLE_FILTER:
        # none with that status: the region's sites by status, not "no site there" (Shandong has 2)
        counts = status_counts(source, where[0], None, where[1], trials)[0] or None
    # sites there, but none that the filters keep: those filters, never "no site there"
    cause = empty_cause(source, [own, *filters]) if not len(sites) and counts is None and filters else EmptyCause()
    country = ""
    if kind == "province":  # the country of a province: its one country code's name
        of_province = {code for code, admin1 in region.regions if admin1} or ({"CN"} if named is not None else set())
        country = open_gazetteer().country_name(of_province.pop()) if len(of_province) == 1 else ""
    chinese = None
    if in_chinese or names:
        from sitefinder.regions import region_chinese

        zh = region_chinese(name, kind) or _region_answer_zh(name, kind, region)
        chinese = (chinese_names(sites, shown=in_chinese) if isinstance(sites, list) else streamed_names()
                   )._replace(place=zh, province=zh if kind == "province" else "")
    return RegionAnswer(query=region.query, region=name, kind=kind, sites=sites, trial=source.trial, status_counts=counts,
                        chinese=chinese, closed_left_out=closed, notes=region.notes, country=country,
                        meant=region.meant, provinces=kept_provinces(sites) if isinstance(sites, list) else {},
                        together=cause.together, together_where=cause.where)


def _region_name(region: RegionNotPlace, named: Province | None, source: MemorySource | IndexedSource) -> str:
    """The province a region answer lists: a Chinese one by its English name; a state abroad that
    no site is in ("Bavaria", "Georgia") by the gazetteer's name, answered with no sites rather than
    as an unknown --province."""
    try:
        return match_province(region.meant or region.query, source.provinces())
    except UsageError:
        if named is not None:
            raise
        return sorted(admin1 for _, admin1 in region.regions if admin1)[0]


def _region_trials(answer: RegionAnswer, source: MemorySource | IndexedSource,
                   chosen: frozenset[str] | None) -> RegionAnswer:
    """A region's answer with the trials its rows name: read from its sites when they are a list;
    for streamed sites, not by reading them all first: a dataset of one trial needs none, one of
    many the trials chosen (each row still names its own)."""
    if len(source.trial_ids()) <= 1:
        return _with_trials(answer, source, answer.sites) if isinstance(answer.sites, list) else answer
    return _with_chosen_trials(answer, source, chosen)


def _with_chosen_trials(answer: T, source: MemorySource | IndexedSource, chosen: frozenset[str] | None) -> T:
    """A listing of a dataset of many trials with the trials its sites belong to, of those it was
    chosen from (the rows name theirs; its data date is the oldest's; of an answer of one trial's
    sites, its top names that trial), the same whether its sites are a list or streamed from the
    index. An empty listing keeps every trial it was chosen from."""
    from sitefinder.catalogue import trial_id_of
    from sitefinder.sitestore import StreamedSites

    sites = answer.sites  # type: ignore[attr-defined]
    ids = source.trial_ids() if chosen is None else sorted(chosen)
    shown = set(sites.trial_ids() if isinstance(sites, StreamedSites)
                else (trial_id_of(site, source.trial) for site in sites))
    if shown:
        ids = [nct for nct in ids if nct in shown]
    return answer._replace(trials=source.trials_by_id(ids), many_trials=True)  # type: ignore[attr-defined]


def area_of(country: str) -> Area:
    """The country or region a --country value names (countries.area_named): a usage error if none."""
    from sitefinder.countries import area_named

    return area_named(country, open_gazetteer())


def country_filter(country: str | None) -> tuple[frozenset[str] | None, tuple[str, ...]]:
    """A --country value as the ISO codes whose sites it keeps (None: not given) and what was
    guessed of it (its notices): one reading for list, near, map and --by hospital."""
    if not country:
        return None, ()
    area = area_of(country)
    return area.codes, tuple(area.notes)


def _region_answer_zh(name: str, kind: str, region: RegionNotPlace) -> str:
    """The Chinese name of a state or country abroad whose sites an answer lists (华盛顿州, 日本), ""
    where none is known or the name means regions of several names in Chinese."""
    gazetteer = open_gazetteer()
    if kind == "province":  # the region of the answer's name; else the one region read ("Saitama Prefecture")
        named = [(code, admin1) for code, admin1 in region.regions if admin1 == name] or \
            [(code, admin1) for code, admin1 in region.regions if admin1]
        found = {gazetteer.region_name_zh(code, admin1) for code, admin1 in named}
    elif kind == "country":
        found = {gazetteer.country_name_zh(code) for code, admin1 in region.regions if not admin1}
    else:
        return ""
    return found.pop() if len(found) == 1 else ""


def kept_provinces(sites: list[Site]) -> dict[int, str]:
    """The province or state each site is kept under by --province and counted under by `info`
    (countries.shown_region: its placed city's, else its registry state's), so that its table cell
    says what the filter reads: a Seoul site whose registry state is "Republic of Korea" or
    "Gangnam-gu" is shown in Seoul, as `list --province Seoul` lists it. JSON and CSV say it too
    (`province`), beside the registry's text (`province_registry`)."""
    if not sites:
        return {}
    from sitefinder.countries import shown_region

    gazetteer = open_gazetteer()
    return {site.id: shown_region(site, gazetteer) for site in sites}


def _province_zh(text: str) -> str:
    from sitefinder.regions import find_province, shown_chinese

    province = find_province(text) if text else None
    return shown_chinese(province) if province else ""


def _region_zh(code: str) -> str:
    from sitefinder.regions import region_of_code, shown_chinese

    region = region_of_code(code)
    return shown_chinese(region) if region else ""


def place_region_zh(place: Place, gazetteer: Gazetteer) -> str:
    """The Chinese name of the region a place is shown in (its province or state, else its country):
    China's from regions.py (广东, 臺灣), a first-level division abroad from the gazetteer (华盛顿州),
    a country by its Chinese name (加拿大); "" where none is known."""
    from sitefinder.regions import CHINA_AREA

    code = gazetteer.country_code_of(place.country)
    if code in CHINA_AREA or not code:
        return _province_zh(place.province) or _province_zh(place.country) or (
            "中国" if code == "CN" and not place.province else "")
    if place.province:
        return gazetteer.region_name_zh(code, place.province)
    return gazetteer.country_name_zh(code)


def site_names_zh() -> Callable[[Site], tuple[str, str]]:
    """A site's (city, province) in Chinese: its city by its gazetteer id, however it was placed
    (importer._city_of_point for a registry point); its province the one --province keeps it under
    (countries.site_region: its placed city's, else its registry state's), so that what is shown
    is what is filtered. Each city's name is read once (a streamed listing names a few thousand
    cities across a million sites)."""
    from sitefinder.regions import CHINA_AREA
    from sitefinder.countries import site_region

    gazetteer = open_gazetteer()

    # By the row's place, which is all they depend on: a 100k-row file names about 12k places.
    @functools.lru_cache(maxsize=50_000)
    def of_place(place: tuple[str, str, str, int | None, float | None, float | None]) -> tuple[str, str]:
        country, province, city, geonameid, latitude, longitude = place
        code, slash, admin1 = site_region(country, province, city, geonameid, latitude, longitude,
                                          gazetteer).partition("/")
        # Hong Kong, Macau and Taiwan (key "TW/"): the region itself, by its code (台湾, not "Taiwan")
        shown = ((_province_zh(admin1) if admin1 else _region_zh(code)) if slash and code in CHINA_AREA
                 else gazetteer.region_name_zh(code, admin1) if slash else "")  # abroad: 华盛顿州, 东京都
        return gazetteer.chinese_name(geonameid) if geonameid else "", shown

    def names(site: Site) -> tuple[str, str]:
        return of_place((site.country, site.province, site.city, site.geonameid, site.latitude, site.longitude))

    return names


def chinese_names(sites: list[Site], resolution: Resolution | None = None, shown: bool = True) -> ChineseNames:
    """Chinese names of the sites' cities (GeoNames) and provinces, and of the resolved place (and
    of its namesakes' places and regions, for a notice naming them in Chinese).
    `shown`: whether people read the answer in Chinese (else the names are data only)."""
    from sitefinder.facilities import facility_zh

    gazetteer = open_gazetteer()
    site_names = site_names_zh()
    namesakes = (resolution.place, *resolution.alternatives) if resolution and resolution.ambiguous else ()
    regions = {(other.province or other.country, other.country): zh for other in namesakes
               if (zh := place_region_zh(other, gazetteer))}
    others = {other.geonameid: zh for other in namesakes if other.geonameid
              and (zh := gazetteer.chinese_name(other.geonameid))}
    return ChineseNames(*place_names_zh(resolution), facilities={site.id: name for site in sites if (name := facility_zh(site))},
                        sites={site.id: site_names(site) for site in sites}, shown=shown, regions=regions, others=others,
                        notes=note_names_zh(sites, gazetteer) if shown else {})


def note_names_zh(sites: list[Site], gazetteer: Gazetteer) -> dict[str, str]:
    """ChineseNames.notes: of each site with a location note or placed by the gazetteer (whose
    coordinate_source names the place: "GeoNames 1854376 (Okazaki)"), the place it was placed at
    (its GeoNames id) and that place's region by their English names, and an alias's reason, in
    Chinese where the gazetteer has them."""
    found: dict[str, str] = {}
    for site in sites:
        if not (site.location_note or site.coordinate_source not in ("", "registry")):
            continue
        # the registry's own state, which a note or a source may name ("postal codes (Sihhiye,
        # Ankara)": a site placed at a postal code's middle has no gazetteer place)
        if site.province and site.province not in found and (zh := place_region_zh(
                Place(site.city, site.province, site.country, 0.0, 0.0), gazetteer)):
            found[site.province] = zh
        if not site.geonameid:
            continue
        place = gazetteer.place_by_id(site.geonameid)
        if place is None:
            continue
        if (chinese := gazetteer.chinese_name(site.geonameid)):
            found[place.name] = chinese
        # its state, then its country (by the place without its state: Saint-Pierre's state and
        # country are both "Reunion", whose state has no Chinese name and whose country has, 留尼汪)
        for region, named in ((place.province, place), (place.country, place._replace(province=""))):
            if region and region not in found and (zh := place_region_zh(named, gazetteer)):
                found[region] = zh
        reason = gazetteer.alias_note(site.city, site.geonameid)
        if reason and (zh := gazetteer.alias_note_zh(reason)):
            found[reason] = zh
    for site in sites:  # then every other name its note holds (a state a postal code named, a country)
        if site.location_note:
            _note_value_names(site, gazetteer, found)
    return found


def _note_value_names(site: Site, gazetteer: Gazetteer, found: dict[str, str]) -> None:
    """The names a site's note holds (wording.note_values) that found has none of yet, in Chinese
    where known: a state of the site's country ("Sao Paulo": 圣保罗州) or a country (Brazil: 巴西),
    each of a list ("China, Hong Kong, Macao"), a division shown with its Chinese name ("Hohhot,
    Inner Mongolia (呼和浩特市)": 内蒙古呼和浩特市, as china_named names a place of China)."""
    import re

    from sitefinder.china import label_zh
    from sitefinder.regions import china_named
    from sitefinder.text import has_cjk
    from sitefinder.wording import note_values

    codes = sorted(gazetteer.country_codes(site.country)) if site.country else []
    for value in note_values(site.location_note):
        if (chinese := label_zh(value, gazetteer)):  # a division by its chain (山东德州市临邑县), "Jinzhou (锦州), Liaoning"
            found.setdefault(value, chinese)
            continue
        labelled = re.fullmatch(r"(.+?) \(([^()]+)\)", value)
        if labelled and has_cjk(labelled[2]) and not has_cjk(labelled[1]):
            named = labelled[1].split(", ")
            found.setdefault(value, china_named(labelled[2], named[-1] if len(named) > 1 else ""))
            continue
        for part in value.split(", "):
            if part in found or has_cjk(part) or len(part) > 60:
                continue
            zh = _province_zh(part) or next((name for code in codes if (name := gazetteer.region_name_zh(code, part))), "") or \
                next((name for code in sorted(gazetteer.country_codes(part))[:1] if (name := gazetteer.country_name_zh(code))), "")
            if zh:
                found[part] = zh


def place_names_zh(resolution: Resolution | None) -> tuple[str, str]:
    """The resolved place's Chinese name and its province's ("" where none is known)."""
    place = resolution.place if resolution else None
    if resolution is None or place is None:
        return "", ""
    gazetteer = open_gazetteer()
    name = resolution.name_zh or (gazetteer.chinese_name(place.geonameid) if place.geonameid else "")
    if place.source == "coordinates":
        return name, ""
    # a township of Taiwan: Taiwan; Kowloon (admin1 Kowloon City): Hong Kong; abroad its state's
    return name, (_province_zh(place.province) or _province_zh(place.country)
                  or (place_region_zh(place, gazetteer) if place.province else ""))


def streamed_names(resolution: Resolution | None = None) -> ChineseNames:
    """Chinese names as data for a streamed listing: each site's worked out as it is written."""
    from sitefinder.facilities import facility_zh

    site_names = site_names_zh()
    return ChineseNames(*place_names_zh(resolution), {}, shown=False,
                        of=lambda site: (facility_zh(site), *site_names(site)))


def matching_sites(sites_path: Path | None = None, province: str | None = None, city: str | None = None,
                   status: str | None = None, country: str | None = None, lang: str | None = None,
                   all_statuses: bool = False, stream: bool = False, trials: Iterable[str] = (),
                   condition: str | None = None, names: bool = False) -> SiteList:
    """The trial's sites matching the filters (as typed), by province, then city, then id.

    `city` is understood as `near` understands a place (济南, jinan, Ganzhou for the registry's
    "Gannan"); `country` as a country name in any language the gazetteer knows. Without `status`
    the closed sites are left out (and counted), unless `all_statuses`. With `stream`, the sites of
    a large file are an iterable read from its index as it is iterated (for writers that write as
    they go), not a list held whole.
    """
    check_given(city=city, province=province, country=country, status=status, condition=condition, trials=trials)
    status_value = status_filter(status, all_statuses)
    in_chinese = wants_chinese(lang, typed_words(province, city, country, status, condition))
    lang = "zh" if in_chinese else lang

    def question(source: MemorySource | IndexedSource) -> SiteList:
        province_name = match_province(province, source.provinces()) if province else None
        countries, notes = country_filter(country)
        try:
            reading = read_city(city, source, lang) if city else None
        except RegionNotPlace as region:  # `list --city 广东`: the option that lists it, not "no place called 广东"
            kind, listing = _region_listing(region, lang)
            raise UsageError(key="usage.city_is_region", query=quoted(city or ""), kind=said(f"kind.{kind}"),
                             command=listing) from None
        city_filter = reading.filter if reading else None
        place = reading.place if reading else None
        notes = (*notes, *(reading.notes if reading else ()))
        chosen = _chosen(source, trials, condition, sites_path)
        notes = (*notes, *condition_notes(source, condition, chosen),
                 *province_countries_notes(source, province, province_name, status_value, city_filter, countries, chosen))
        if stream and not in_chinese:
            # Counted first (indexed): an empty answer takes the path below, which says why and what to try.
            shown = source.count_matching(province_name, status_value, city_filter, countries, chosen)
            if shown:
                closed = 0
                if status_value is JOINABLE_FILTER:
                    closed = source.count_matching(province_name, None, city_filter, countries, chosen) - shown
                streamed = SiteList(source.listing_stream(province_name, city_filter, status_value, countries,  # type: ignore[arg-type]
                                                          chosen), source.trial, streamed_names(place) if names else None,
                                    closed, notes=notes, place=place)
                if len(source.trial_ids()) <= 1:
                    return streamed
                # a dataset of many trials: the trials of the sites named (read once, from the index)
                return _with_chosen_trials(streamed, source, chosen)
        listed = None if status_value is JOINABLE_FILTER else status_value
        sites, closed = without_closed(source.listing(province_name, city_filter, listed, countries, chosen),
                                       source.trial_of, status_value)
        answer = SiteList(sites, source.trial,
                          chinese_names(sites, place, shown=in_chinese) if in_chinese or names else None,
                          closed, notes=notes, provinces=kept_provinces(sites), place=place)
        answer = (_with_trials(answer, source, sites) if len(source.trial_ids()) <= 1
                  else _with_chosen_trials(answer, source, chosen))
        if sites:
            return answer
        # Why it is empty: the filter that matches no site by itself, else those that match apart but not together
        cause = empty_cause(source, filter_parts(source, sites_path, trials, condition, (province or "", province_name),
                                                 (city or "", city_filter), (country or "", countries)))
        if city and cause.alone == f"--city {city}":
            # a place the gazetteer read (a district without a GeoNames point, 沙坪坝, too), not a
            # registry's spelling alone: the nearest sites of this question, its other filters kept
            if city_filter is not None and (city_filter.geonameid is not None or place is not None):
                return answer._replace(try_instead=command(
                    "near", city, *typed_options(province=province, country=country, status=status, trial=trials,
                                                 condition=condition, all=all_statuses)))
            return answer
        if cause.alone or cause.together:
            return answer._replace(alone=cause.alone, together=cause.together, together_where=cause.where)
        if status is not None and status_value is not None:
            counts, counted_trials = status_counts(source, province_name, city_filter, countries, chosen)
            # the data date of the trials counted, not of every trial of the dataset
            return answer._replace(status_counts=counts, trials=counted_trials or answer.trials)
        return answer

    asked = typed_options(province=province, city=city, country=country, trial=trials, condition=condition,
                          status=status, all=all_statuses)
    return _answer(sites_path, question)._replace(asked=asked)


def status_counts(source: MemorySource | IndexedSource, province: str | None, city: CityFilter | None = None,
                  countries: frozenset[str] | None = None,
                  trials: frozenset[str] | None = None) -> tuple[dict[str | None, int], dict[str, Trial]]:
    """How many of the sites the other filters leave have each status shown (by each site's own
    trial: effective_status), most first, then by name; and those sites' trials. What `list
    --status` could ask for, said when --status left none: by list, near and a region's answer
    alike, counted by the source (in SQL for an index: no site decoded)."""
    pairs = source.statuses_counted(province, city, countries, trials)
    counted = source.trials_by_id({nct for _, nct in pairs if nct})
    counts: dict[str | None, int] = {}
    for (status, nct), count in pairs.items():
        shown = effective_status(status, counted.get(nct, source.trial).overall_status)[0]
        counts[shown] = counts.get(shown, 0) + count
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0] or ""))), counted


class CityReading(NamedTuple):
    """A --city value (or the place `show` finds a site by) as read: the filter of its sites,
    whether the text names that city plainly (read whole, with no notice: "Beijing", not "Beijing
    Chest"), the place it was read as (None: a registry's spelling only), said as `near` says it
    (output.views.place_notices), and what is said of the reading (a county read as its city)."""

    filter: CityFilter
    plainly: bool
    place: Resolution | None = None
    notes: tuple[str, ...] = ()


def _region_listing(region: RegionNotPlace, lang: str | None) -> tuple[str, str]:
    """A region typed where a city is asked (`list --city 广东`, `show Japan`): its kind, and the
    command that lists it (--province or --country), the region named as the answer's language names it there."""
    from sitefinder.countries import area_name, own_codes
    from sitefinder.regions import find_province, region_asked

    named = find_province(region.meant or region.query)
    admin1s = sorted(admin1 for _, admin1 in region.regions if admin1)
    if named is not None:  # China's provinces; Hong Kong, Macau and Taiwan are listed as countries are
        option, kind, name = ("province", "province", named.name) if named.country == "CN" else \
            ("country", "region", named.name)
    elif admin1s:
        option, kind, name = "province", "division", admin1s[0]
    else:
        option, kind = "country", "country"
        name = area_name(own_codes(frozenset(code for code, _ in region.regions)), open_gazetteer())
    asked = region_asked(name, "province" if kind == "division" else kind, lang)
    return kind, suggestion("list", f"--{option}", asked)


def understand_city(text: str, source: MemorySource | IndexedSource, lang: str | None = None) -> CityFilter:
    """A --city value as a filter: the registry's spelling, or the gazetteer city it names.

    A typo that names neither is a PlaceNotFound with "did you mean" (said in `lang`).
    """
    return read_city(text, source, lang).filter


def read_city(text: str, source: MemorySource | IndexedSource, lang: str | None = None) -> CityReading:
    """A city typed (`list --city`, `show PLACE`), read by the resolver `near` reads a place with,
    its namesakes kept to be said; a county-level division no site names as its city is read as the
    city it is in, said so (`_district_city`)."""
    from sitefinder.resolver import resolve
    from sitefinder.sitestore import CityFilter

    key = fold(text)
    try:
        resolution = resolve(text, open_gazetteer(), preferred=source.preferred_cities(), lang=lang)
    except PlaceNotFound:
        if any(fold(name) == key for name in source.cities()):
            return CityReading(CityFilter(key), True)
        raise
    own = city_filter(key, resolution.place.geonameid)
    place = _naming_site_cities(resolution, text, source, listing=True)
    district = _district_city(text, resolution, own, source, lang)
    if district is None:
        return CityReading(own, not resolution.notes, place)
    return CityReading(district[0], not resolution.notes, place, (district[1],))


def city_filter(key: str, geonameid: int | None) -> CityFilter:
    """The filter of the sites in a gazetteer city typed as `key` (folded): those placed in it, those
    whose registry city is written as typed, and those the registry placed itself at that city under
    any of its names (sitestore.CityFilter)."""
    from sitefinder.sitestore import CityFilter

    if geonameid is None:
        return CityFilter(key)
    gazetteer = open_gazetteer()
    place = gazetteer.place_by_id(geonameid)
    if place is None:
        return CityFilter(key, geonameid)
    from sitefinder.placenames import suffixed_keys

    # "Kawasaki-shi", "Setagaya-ku": a registry's city with the suffix it appends, at that city
    return CityFilter(key, geonameid, suffixed_keys(gazetteer.names_of(geonameid)), (place.latitude, place.longitude))


def site_detail(query: str, sites_path: Path | None = None, lang: str | None = None,
                names: bool = False) -> SiteDetail:
    """One site, by id or a fragment of its facility name, with the trial it belongs to (its own, in
    a dataset of many); `lang` "zh", or a query in Chinese, adds names in Chinese characters;
    `names`: the names as data (JSON, CSV) in any language."""
    in_chinese = wants_chinese(lang, query)

    def question(source: MemorySource | IndexedSource) -> SiteDetail:
        site, reading = find_site(source, query, "zh" if in_chinese else lang)
        place = reading.place if reading else None
        return SiteDetail(site, source.trial_of(site),
                          chinese_names([site], place, shown=in_chinese) if in_chinese or names else None,
                          place=place, notes=reading.notes if reading else (), same_hospital=same_hospital(source, site))

    return _answer(sites_path, question)


def same_hospital(source: MemorySource | IndexedSource, site: Site) -> tuple[SameHospital, ...]:
    """The other listings of a site's hospital in the data, by id, each with whom to call: found as
    `near --by hospital` finds a hospital's listings (a word of its name in the facility index,
    kept when hospitals.HospitalNames says they are the one hospital), so that show and near
    agree on which listings are one hospital."""
    from sitefinder.catalogue import trial_id_of
    from sitefinder.contacts import reachable_contact
    from sitefinder.hospitals import HospitalNames, search_words

    names = HospitalNames()
    key = names.of(site)
    found: dict[int, Site] = {}
    for word in sorted(search_words(key)):
        for other in source.facility_matches(word):
            if other.id != site.id and names.of(other) == key:
                found.setdefault(other.id, other)
    if not found:
        return ()
    trials = source.trials_by_id(sorted({trial_id_of(other, source.trial) for other in found.values()}))
    listings = []
    for other in sorted(found.values(), key=lambda listed: listed.id):
        trial = trials.get(trial_id_of(other, source.trial), source.trial)
        own = reachable_contact(other.contacts)
        central = None if own else reachable_contact(trial.central_contacts)
        listings.append(SameHospital(other, trial, own or central, central is not None))
    return tuple(listings)


def trial_summary(sites_path: Path | None = None, nct_id: str | None = None, lang: str | None = None) -> TrialSummary:
    """The trial's facts and where its sites are; for a dataset of several trials, each trial's
    status, phase, site count and data date, or, with `nct_id`, that one trial's facts. `lang`: the
    words people read ("en" by default)."""
    wanted = None
    if nct_id is not None:  # the argument, said as one: `info ""` is no "--trial ''"
        from sitefinder.importer import nct_id_of

        wanted = nct_id_of(nct_id)
        if wanted is None:
            raise UsageError(key="usage.nct_id", value=quoted(nct_id.strip()))

    from sitefinder.catalogue import import_countries

    # what an import --country kept (trials.json, by ISO code): said by name, never as the whole
    codes = import_countries(sites_path or default_sites_path())
    kept: tuple[str, ...] | None = None
    kept_zh: dict[str, str] = {}
    if codes is not None:
        from sitefinder.countries import area_name

        gazetteer = open_gazetteer()
        kept = tuple(sorted(area_name(frozenset([code]), gazetteer) for code in codes))
        kept_zh = {area_name(frozenset([code]), gazetteer): zh for code in codes if (zh := gazetteer.country_name_zh(code))}

    def question(source: MemorySource | IndexedSource) -> TrialSummary:
        rows = source.trial_rows()
        if wanted is not None:
            chosen = source.select_trials(frozenset([wanted]), None, sites_path)  # an id the dataset lacks: a usage error
            trial = source.trials_by_id(chosen or ()).get(wanted, source.trial)
            sites = source.listing(None, None, None, trials=frozenset([wanted]))
            from sitefinder.sitestore import places_counted

            provinces, countries, without, zh = _where_counted(places_counted(sites), lang == "zh")
            return TrialSummary(trial=trial, site_count=len(sites), provinces=provinces, countries=countries,
                                sites_name=source.name, lang=lang or "en", without_province=without,
                                countries_zh=zh)
        provinces, countries, without, zh = _where_counted(source.places_counted(), lang == "zh")
        return TrialSummary(
            trial=source.trial, site_count=source.count(), provinces=provinces, countries=countries,
            sites_name=source.name, trials=rows if len(rows) > 1 else [], lang=lang or "en",
            without_province=without, countries_zh={**zh, **kept_zh}, import_countries=kept)

    return _answer(sites_path, question)


def _where_counted(places: list[PlaceCount], chinese: bool = False) -> tuple[list[str], list[str], int, dict[str, str]]:
    """`info`'s provinces or states, countries and count of sites in no province, by the one rule
    that shows and filters them (countries.site_region, site_area): five Korean sites whose state
    is "Republic of Korea" are in the five provinces their cities are, of one South Korea however
    the registry spells it. A region outside the mainland (Hong Kong) has no province of its own.
    With `chinese`, each country's name in Chinese too, where the gazetteer has one (澳大利亚)."""
    from sitefinder.countries import area_name

    gazetteer = open_gazetteer()
    provinces: set[str] = set()
    countries: set[str] = set()
    chinese_names: dict[str, str] = {}
    without = 0
    for place in places:
        code, slash, admin1 = place.region.partition("/")
        name = admin1 if slash else place.province if code else ""
        if name:
            provinces.add(name)
        else:
            without += place.sites
        country = area_name(frozenset([place.area]), gazetteer) if place.area else place.country
        if country:
            countries.add(country)
            if chinese and place.area and (zh := gazetteer.country_name_zh(place.area)):
                chinese_names[country] = zh
    return sorted(provinces), sorted(countries), without, chinese_names


def closed_left_out(result: NearResult, source: MemorySource | IndexedSource, full: bool,
                    within_km: float | None, province: str | None, trials: frozenset[str] | None,
                    countries: frozenset[str] | None = None) -> int:
    """How many closed sites `near --all` would add to this answer, the count its notice gives: those
    within --within; else, when the answer is `full` (as many as were asked for), those no farther
    than its farthest; else every closed site matching the other filters. Never a count of the whole
    file for an answer about one place (676 closed sites "left out" of `near Guangzhou -w 50`)."""
    radius = within_km
    if radius is None and full and result.sites:
        radius = _farthest_shown(result)
    if radius is None:
        return source.count_matching(province, CLOSED_STATUSES, countries=countries, trials=trials)
    return _count_within(result, source, radius, province, CLOSED_STATUSES, trials, countries)


def limit_left_out(result: NearResult, source: MemorySource | IndexedSource, limit: int | None,
                   within_km: float | None, province: str | None, status: StatusFilter,
                   trials: frozenset[str] | None, countries: frozenset[str] | None = None) -> int:
    """How many sites matching every filter the limit hid although they are within --within, or,
    without it, as near as the farthest shown (a tie): `near 北京 -w 10 -n 1` showed one site of
    three 0.0 km away and said nothing. 0 when the answer is not full (nothing was cut)."""
    if limit is None or not result.sites or len(result.sites) < limit:
        return 0
    radius = within_km if within_km is not None else _farthest_shown(result)
    return max(0, _count_within(result, source, radius, province, status, trials, countries) - len(result.sites))


def _farthest_shown(result: NearResult) -> float:
    return max(entry.distance_km for entry in result.sites)


def hospitals_left_out(result: NearResult, hospitals: Sequence[Hospital], shown: frozenset[HospitalKey],
                       names: HospitalNames, source: MemorySource | IndexedSource, limit: int | None,
                       within_km: float | None, province: str | None, status: StatusFilter,
                       trials: frozenset[str] | None, countries: frozenset[str] | None = None) -> int:
    """limit_left_out counted in hospitals, for `near --by hospital` (`shown`: the keys of `hospitals`):
    how many hospitals matching every filter the limit hid although one of their sites is within
    --within or, without it, as near as the farthest hospital shown (by its nearest site); a
    hospital of several trials is one. 0 when fewer than the limit are shown (nothing was cut)."""
    if limit is None or not hospitals or len(hospitals) < limit:
        return 0
    radius = within_km if within_km is not None else max(hospital.distance_km for hospital in hospitals)
    within = _ranked_within(result, source, radius, province, status, trials, countries)
    return len({names.of(entry.site) for entry in within} - shown)


def _count_within(result: NearResult, source: MemorySource | IndexedSource, radius: float, province: str | None,
                  status: StatusFilter, trials: frozenset[str] | None, countries: frozenset[str] | None) -> int:
    """How many sites of these filters lie within `radius` km of the answer's place, by rank_sites'
    distances: what closed_left_out and limit_left_out count beyond the sites shown."""
    return len(_ranked_within(result, source, radius, province, status, trials, countries))


def _ranked_within(result: NearResult, source: MemorySource | IndexedSource, radius: float, province: str | None,
                   status: StatusFilter, trials: frozenset[str] | None,
                   countries: frozenset[str] | None) -> list[RankedSite]:
    """The sites of these filters within `radius` km of the answer's place, ranked (rank_sites)."""
    origin = result.resolution.place
    found = source.candidates(origin, None, radius, province, status, trials, countries)
    return rank_sites(origin, found.placed, within_km=radius)


def _why_no_site(result: NearResult, source: MemorySource | IndexedSource, parts: Sequence[Narrowing],
                 province_name: str | None, status_value: Any, chosen: frozenset[str] | None,
                 countries: frozenset[str] | None = None) -> NearResult:
    """A near answer that no site matches, with why, by list's rule (empty_cause): the filter that
    matches no site by itself, or the filters that match apart but not together; else the sites by
    status when --status left none."""
    cause = empty_cause(source, parts)
    if cause.alone or cause.together:
        return result._replace(alone=cause.alone, together=cause.together, together_where=cause.where)
    if status_value is not None and status_value is not JOINABLE_FILTER:
        return result._replace(status_counts=status_counts(source, province_name, None, countries, chosen)[0])
    return result


def tie_order(source: MemorySource | IndexedSource) -> Callable[[Site], tuple[bool, bool, int]]:
    """The one order of sites at the same shown distance (one hospital's point, one city's centre):
    recruiting first (by its own trial's status where the site states none), then those with a
    phone or e-mail of their own, then by id. File order hid the useful one: `near 郑州 -n 3` showed
    three sites not yet recruiting, with no phone, and left out one recruiting with a phone."""
    from sitefinder.contacts import reachable_contact

    trial_status: dict[str, str | None] = {}  # each trial's status read once

    def key(site: Site) -> tuple[bool, bool, int]:
        if site.nct_id not in trial_status:
            trial_status[site.nct_id] = source.trial_of(site).overall_status
        status = effective_status(site.status, trial_status[site.nct_id])[0]
        return status != "RECRUITING", reachable_contact(site.contacts) is None, site.id

    return key


def find_nearest(resolution: Resolution, source: MemorySource | IndexedSource, limit: int | None = 5,
                 within_km: float | None = None, province: str | None = None,
                 status: str | frozenset[str | None] | None = None, trials: frozenset[str] | None = None,
                 countries: frozenset[str] | None = None) -> NearResult:
    check_limits(limit, within_km)
    origin = resolution.place
    found = source.candidates(origin, limit, within_km, province, status, trials, countries)
    ranked = rank_sites(origin, found.placed, limit=limit, within_km=within_km, tie_order=tie_order(source))
    unplaced, unplaced_in, unknown = found.unplaced, "", 0
    if unplaced and origin.country:
        # the sites without coordinates in the place's own country, not the file's (a site in Turkey
        # was "1 matching site not ranked" of `near Guangzhou`): those could be near
        here = frozenset(open_gazetteer().country_codes(origin.country))
        if here:
            unplaced = source.count_unplaced(province, status, here & countries if countries is not None else here,
                                             trials)
            # and those of a country no table knows ("Nowhereland"): they could be anywhere
            unknown = source.count_unplaced(province, status, frozenset([""]), trials) if countries is None else 0
            unplaced_in = origin.country
            unplaced += unknown
    nearest_outside = None
    if not ranked and within_km is not None and found.considered > found.unplaced:
        anywhere = source.candidates(origin, 1, None, province, status, trials, countries)
        nearest_outside = rank_sites(origin, anywhere.placed, limit=1)[0].distance_km
    return NearResult(resolution=resolution, sites=ranked, trial=source.trial, unplaced=unplaced,
                      nearest_outside_km=nearest_outside, considered=found.considered, unplaced_in=unplaced_in,
                      unplaced_unknown=unknown)


# The kind of a county-level division, by the English word its name ends with, as a notice names it.
_LEVEL_KINDS = ((" District", "district"), (" County", "county"), (" City", "city"), (" Banner", "banner"))


def _district_city(text: str, resolution: Resolution, own: CityFilter, source: MemorySource | IndexedSource,
                   lang: str | None) -> tuple[CityFilter, str] | None:
    """A county-level division typed as a city (长沙市芙蓉区, "Furong District, Changsha", 长沙县) that
    no site is in by its own name: the filter of the city it is in, and the notice saying so; else
    None (a site names it as its city, or its city has no site either: the answer is its own)."""
    from sitefinder.regions import find_province, shown_chinese
    from sitefinder.sitestore import CityFilter

    place = resolution.place
    if not resolution.city_geonameid:
        return None
    if resolution.city_geonameid == place.geonameid:
        # its seat is its city's GeoNames place (长沙县 at Changsha's): the sites its own filter
        # (or the city's names, at its point) finds are its city's, unless a site's registry city is
        # the name typed
        own = CityFilter(own.key)
    if source.count_matching(None, None, own, None, None):
        return None
    city_sites = city_filter(fold(text), resolution.city_geonameid)
    if not source.count_matching(None, None, city_sites, None, None):
        return None  # "here are Guangzhou's sites" above "no site in that city" said two things
    province = find_province(place.province)
    language = language_of(lang, text)
    if language == "zh":
        district = resolution.name_zh or place.name
        city = resolution.within_zh or (shown_chinese(province) if province else place.province)
    else:
        district, city = place.name, resolution.within or place.province
    kind = next((kind for suffix, kind in _LEVEL_KINDS if place.name.endswith(suffix)), "division")
    return city_sites, say("notice.district_city", language, district=district, city=city,
                           kind=said(f"kind.county_level.{kind}"))


def _sites_in_place(text: str, source: MemorySource | IndexedSource, lang: str | None = None
                    ) -> tuple[list[Site], list[str], CityReading | None, RegionNotPlace | None]:
    """The sites in the city a text names (青岛, Qingdao, 芙蓉区: 长沙's), the places a typo may have
    meant, how the text was read (read_city), None when it names no place, and the province or
    country it names instead of a city."""
    from sitefinder.errors import RegionNotPlace

    try:
        reading = read_city(text, source, lang)
    except RegionNotPlace as region:
        return [], [], None, region
    except PlaceNotFound as miss:
        return [], miss.suggestions, None, None
    return source.in_city(reading.filter), [], reading, None


def _looks_like_a_number(text: str) -> bool:
    """"-1", "7.0", "1e3": meant as an id, not as a name to look for."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def _no_site_with_id(text: str, known: str, source: MemorySource | IndexedSource) -> SitefinderError:
    """`show N` of an id no site has. Ids are never given again (siteids), so one the dataset gave
    out is a site that was removed: said with the site it was and the run that removed it when the
    dataset remembers them (datasets.removed_sites), else as removed; an id past them all, as no
    site's. Either way with the listing of the same data (`--sites` repeated)."""
    from sitefinder.datasets import read_meta, removed_sites

    listing = suggestion("list")
    number = int(text) if len(text) <= 19 else 0
    shown = Path(source.name)
    gone = removed_sites(shown).get(number)
    if gone is not None:
        facility, city = _removed_named(gone.facility, gone.city)
        return SitefinderError(key="error.site_removed", id=number, facility=facility, city=city,
                               nct_id=gone.nct_id, by=gone.removed_by, on=gone.removed_on, command=listing)
    mark = read_meta(shown).get("id_high_water")
    if isinstance(mark, int) and not isinstance(mark, bool) and 1 <= number <= mark:
        return SitefinderError(key="error.site_id_gone", id=number, known=known, command=listing)
    return SitefinderError(key="error.no_site_id", id=text, known=known, command=listing)


def _removed_named(facility: str, city: str) -> tuple[str, str]:
    """A removed site's hospital and city as its error names them: in Chinese too where the hospital
    has a Chinese name (福建省肿瘤医院，福州), its city then China's of that name; else as registered."""
    from sitefinder.facilities import facility_zh

    zh = facility_zh(Site(id=0, facility=facility, city=city, province="", country="China", status=None,
                          latitude=None, longitude=None))
    if not zh:
        return facility, city
    places = [place for place in open_gazetteer().places(fold(city)) if place.country == "China" and place.geonameid]
    town = max(places, key=lambda place: place.population) if places else None
    city_zh = open_gazetteer().chinese_name(town.geonameid) if town is not None and town.geonameid else ""
    return said("name.either", en=facility, zh=zh), said("name.either", en=city, zh=city_zh or city)


def find_site(source: MemorySource | IndexedSource, query: str,
              lang: str | None = None) -> tuple[Site, CityReading | None]:
    """One site by id, else every site whose facility name (English or Chinese, whole or a fragment)
    or city matches: one rule, so that `show Beijing` finds the three sites in Beijing, whichever
    name says "Beijing". More than one is an AmbiguousSite listing them. With the site, how the
    query was read as a place when the site was found by its city (its namesakes are said). A miss
    suggests `sitefinder list` (its `--sites` added where it is said: SitefinderError.with_options)."""
    from sitefinder.resolver import MAX_QUERY_LENGTH

    if len(query.strip()) > MAX_QUERY_LENGTH:  # said as what `show` takes, not as a place too long
        raise UsageError(key="usage.site_query_too_long", length=len(query.strip()), most=MAX_QUERY_LENGTH)
    # ７: a full-width digit is a digit; "site 7", "#7", "No. 7": the id, not a name to look for
    text = site_id_written(query)
    ids = source.id_range()
    known = said("error.site_ids", first=ids[0], last=ids[1]) if ids else said("error.no_sites_in_file")
    if text.isascii() and text.isdigit():
        from sitefinder.sitesfile import MAX_SITE_ID

        site = source.site_by_id(int(text)) if len(text) <= 19 and int(text) <= MAX_SITE_ID else None
        if site is not None:
            return site, None
        from sitefinder.contacts import MIN_NUMBER_DIGITS, has_number

        if len(text) < MIN_NUMBER_DIGITS:
            raise _no_site_with_id(text, known, source)
        called = [site for site in source.sites() if any(has_number(contact, text) for contact in site.contacts)]
        if not called:  # 87343088: no site has that id, so it is a number to call
            _check_central_contact(source, text)
            raise _no_site_with_id(text, known, source)
        return _one_site(called, text, lang), None
    if _looks_like_a_number(text) and not written_as_number(text):  # "+8613800138000" is a number to call
        raise SitefinderError(key="error.site_id_number", id=quoted(text), known=known, command=suggestion("list"))
    key = fold(text)
    if not key:
        raise UsageError(key="usage.show_empty")
    from sitefinder.contacts import has_email, has_number, names_contact
    from sitefinder.facilities import facility_zh

    # By facility (indexed on a large file), by its Chinese name (the shipped sites have one), by city;
    # a piece inside a word of a facility's name ("Yu" of Yunnan) only after a person's name part.
    holding = source.facility_matches(key)
    found = {site.id: site for site in holding if _whole_words_of(key, site.facility)}
    inside = {site.id: site for site in holding if site.id not in found}
    if has_cjk(text):
        # in the Simplified characters the names are kept in, when typed in Traditional (江門中心醫院,
        # the name `show` prints under zh_TW)
        keys = [key, *(fold(form) for form in open_gazetteer().simplified_forms(text))]
        found.update((site.id, site) for site in source.sites() if any(one in fold(facility_zh(site)) for one in keys))
        if not found:  # 江门中心医院, 北大一院: a Chinese name shortened keeps its characters in order
            found.update((site.id, site) for site in source.sites()
                         if any(_shortened(one, fold(facility_zh(site))) for one in keys))
    # A city read plainly ("Beijing") adds its sites; one read with a part left over or approximated
    # ("Beijing Chest") names a hospital or a person before it names every site in that city.
    in_city, suggestions, reading, region = _sites_in_place(text, source, lang)
    named = set(found)  # found by a name, not by the place the text was read as
    if reading is not None and reading.plainly:
        found.update((site.id, site) for site in in_city)
    if not found:  # whom a person calls: an investigator's name, or a given or family name of it ("Hui Zhu"
        # is also a name of 睢宁县; "Yu" a piece of Yunnan), a number, an e-mail address
        found.update((site.id, site) for site in source.sites()
                     if any(names_contact(contact, text) or has_number(contact, text) or has_email(contact, text)
                            for contact in site.contacts))
        named.update(found)
    if not found:  # a piece of a word of a facility's name: "Tiant" of Tiantan
        found.update(inside)
        named.update(found)
    from sitefinder.china import names_a_facility

    # A city with a part left over ("Qingdao 市南") is its sites; a hospital's name that no site has
    # (柳州市工人医院) is not answered by another hospital of its city (柳州市人民医院): named instead.
    other_hospital = names_a_facility(text) and bool(in_city)
    if not found and not other_hospital:
        found.update((site.id, site) for site in in_city)
    matches = sorted(found.values(), key=lambda site: site.id)
    if not matches:
        _check_central_contact(source, text)
        if other_hospital:
            hint: str = said("error.city_sites", sites="".join(_sites_named(in_city, text, lang)))
        elif region is not None:  # 广东: a province, whose sites `list` shows
            kind, listing = _region_listing(region, language_of(lang, text))
            # 山东省人民医院 is a hospital no site is, never the province its first word names
            hint = said("error.region_hospital" if names_a_facility(text) else "error.region_listed",
                        kind=said(f"kind.{kind}"), command=listing)
        else:
            cities = {fold(city) for city in source.cities()}
            shown_names = tuple(name for name in suggestions if fold(name.split(",")[0]) in cities)  # what show can show
            hint = said("error.did_you_mean", names=shown_names) if shown_names else ""
        raise SitefinderError(key="error.no_site_matches", query=quoted(text), hint=hint, command=suggestion("list"))
    site = _one_site(matches, text, lang)
    # How the text was read as a place is said only when the site was found as that place's: not of
    # 江门市中心医院 found by its name ("使用 江门市；其后的部分未使用：中心医院" misstated how), but of
    # "Jingzhou", the city's whole name (its namesakes said) as well as a word of its hospital's.
    if reading is None or site not in in_city:
        return site, None
    return site, (reading if site.id not in named or reading.plainly or _names_the_city(text, site, reading) else None)


def _names_the_city(text: str, site: Site, reading: CityReading) -> bool:
    """Whether a text is the whole name of the city it was read as (or of the site's city), nothing
    left over: what its reading's notices are about."""
    from sitefinder.text import name_key

    place = reading.place
    names = {site.city, *((place.place.name, place.name_zh) if place is not None else ())}
    return name_key(text) in {name_key(name) for name in names if name}


def _check_central_contact(source: MemorySource | IndexedSource, text: str) -> None:
    """Raise the error that names a trial's central contact when `text` is their name or number:
    whom `show` cannot show as a site, but the patient may call."""
    from sitefinder.contacts import has_email, has_number, names_contact

    central = next(((trial, contact) for trial in _trials_of(source) for contact in trial.central_contacts
                    if names_contact(contact, text) or has_number(contact, text) or has_email(contact, text)), None)
    if central is not None:
        raise SitefinderError(key="error.central_contact", query=quoted(text), name=central[1].name,
                              nct_id=central[0].nct_id,
                              command=suggestion("info", central[0].nct_id))


def _one_site(matches: list[Site], text: str, lang: str | None = None) -> Site:
    """The one site a query found, else an AmbiguousSite listing them (in Chinese names for a
    query in Chinese, where the sites have them)."""
    if len(matches) == 1:
        return matches[0]
    from sitefinder.errors import AmbiguousSite

    shown, more = _sites_named(matches, text, lang)
    raise AmbiguousSite(key="error.ambiguous_site", query=quoted(text), count=len(matches), shown=shown, more=more,
                        command=suggestion("show", str(matches[0].id)))


def _sites_named(sites: list[Site], text: str, lang: str | None = None, most: int = 6) -> tuple[str, str]:
    """The first `most` sites as "7 江门市中心医院; 12 …" (their Chinese names for a query in Chinese,
    where they have them), and "; and N more" for the rest, to name them in an error."""
    from sitefinder.contacts import lead_contact
    from sitefinder.facilities import facility_zh

    chinese = has_cjk(text) or lang == "zh"  # a query in Chinese, or a Chinese answer asked for
    city_zh = site_names_zh() if chinese else None

    def named(site: Site) -> str:
        # what tells two listings of one hospital apart (two trials, two departments): the city,
        # the trial of a dataset of many, the lead investigator; each cut, as any echoed data. For a
        # query in Chinese, its Chinese name, which names its city, else its city in Chinese too
        lead = lead_contact(site.contacts)
        zh = facility_zh(site) if chinese else ""
        city = "" if zh else (city_zh(site)[0] if city_zh else "") or site.city
        told = ("；" if chinese else "; ").join(part for part in (
            city, site.nct_id if many_trials else "", lead.name if lead else "") if part)
        if zh:
            return f"{zh}（{clipped(told, 50)}）" if told else zh
        if chinese:
            return f"{clipped(site.facility, 60)}（{clipped(told, 50)}）"
        return f"{clipped(site.facility, 60)} ({clipped(told, 50)})"

    many_trials = len({site.nct_id for site in sites}) > 1
    shown: list[str] = []
    for site in sites[:most]:  # up to `most`, and no more than a line of an error can hold
        if shown and sum(map(len, shown)) > MAX_NAMED_CHARS:
            break
        shown.append(f"{site.id} {named(site)}")
    more = said("error.and_more", count=len(sites) - len(shown)) if len(sites) > len(shown) else ""
    return ("；" if chinese else "; ").join(shown), more


MAX_NAMED_CHARS = 300  # of the sites an error names: with its other words, under 600 characters


def _whole_words_of(key: str, facility: str) -> bool:
    """Whether a folded text is whole words of a facility's name, one after another ("beijingchest"
    of Beijing Chest Hospital, "yatsen" of Sun Yat-sen), not a piece inside one ("yu" of Yunnan)."""
    spaced = "".join(character if character.isalnum() else " " for character in facility)
    words = [word for word in map(fold, spaced.split()) if word]
    for start in range(len(words)):
        joined = ""
        for word in words[start:]:
            joined += word
            if joined == key:
                return True
            if not key.startswith(joined):
                break
    return False


def _shortened(short: str, name: str) -> bool:
    """Whether a Chinese name of three characters or more is `name` with characters left out, the
    rest in order: 江门中心医院 of 江门市中心医院, 北大一院 of 北京大学第一医院."""
    if len(short) < 3 or not name:
        return False
    rest = iter(name)
    return all(character in rest for character in short)


def _trials_of(source: MemorySource | IndexedSource) -> list[Trial]:
    """The dataset's trials with their whole facts (an index lists only some fields of each)."""
    ids = [row.trial.nct_id for row in source.trial_rows()]
    return list(source.trials_by_id(ids).values()) or [source.trial]


def map_near(query: str, sites_path: Path | None = None, limit: int | None = None, within_km: float | None = None,
             province: str | None = None, status: str | None = None, online: bool = False,
             lang: str | None = None, view: str = "fit", aspect: float = 2.0, out: Path | None = None,
             all_statuses: bool = False, trials: Iterable[str] = (), condition: str | None = None,
             area: str = "", names: bool = False, country: str | None = None) -> MapResult:
    """`near`'s answer and the map around it. `aspect`: the drawing's width over its height; `out`:
    the file the map is for (then with the world's land and borders), else the terminal."""
    from sitefinder.geomap import VIEWS, choose_view, scene
    from sitefinder.regions import region_asked

    if view not in VIEWS:
        raise UsageError(key="usage.view", view=quoted(view), views=", ".join(VIEWS))
    result = nearest_sites(query, sites_path, limit=limit, within_km=within_km, province=province, status=status,
                           online=online, lang=lang, all_statuses=all_statuses, trials=trials, condition=condition,
                           area=area, names=names, country=country)
    if isinstance(result, RegionAnswer) and result.kind in ("province", "region") and result.sites:
        result = _province_from_capital(result, sites_path)  # `map 山东` draws what `near 山东` lists
    if isinstance(result, RegionAnswer):
        raise UsageError(key="usage.map_region", query=result.named if result.meant else quoted(result.query),
                         kind=said(f"kind.{result.kind}"),
                         command=suggestion("list", f"--{result.option}",
                                            region_asked(result.region, result.kind, language_of(lang, query))))
    place = result.resolution.place
    box = open_gazetteer().country_box(place.country) if view == "country" and place.country else None
    chosen = choose_view(view, place, result.sites, aspect, box)
    return MapResult(result, scene(chosen, place, result.sites, with_land=out is not None), out)


def near_by_hospital(query: str, sites_path: Path | None = None, limit: int | None = None,
                     within_km: float | None = None, province: str | None = None, status: str | None = None,
                     online: bool = False, lang: str | None = None, trials: Iterable[str] = (),
                     condition: str | None = None, all_statuses: bool = False,
                     stream: bool = False, area: str = "", names: bool = False,
                     country: str | None = None) -> HospitalAnswer | RegionAnswer:
    """The hospitals nearest to a place, each once with every listing of every trial it runs
    (hospitals.py); `limit` counts hospitals, not sites. Sites are ranked in growing batches until
    enough hospitals are found, then every listing of those hospitals is read (_hospital_listings),
    so that a hospital shows the same listings whatever `limit` is."""
    from sitefinder.errors import RegionNotPlace
    from sitefinder.hospitals import HospitalNames, group_by_hospital

    query = query.strip()
    check_given(province=province, status=status, country=country, condition=condition, trials=trials)
    check_limits(limit, within_km)
    status_value = status_filter(status, all_statuses)  # joinable sites by default, as near's
    wanted = effective_limit(limit, within_km)
    in_chinese = wants_chinese(lang, typed_words(query, province, status, country, condition))  # headers and notices
    lang = "zh" if in_chinese else lang

    def question(source: MemorySource | IndexedSource) -> HospitalAnswer | RegionAnswer:
        province_name = match_province(province, source.provinces()) if province else None
        chosen = _chosen(source, trials, condition, sites_path)
        countries, country_notes = country_filter(country)
        filter_notes = (*country_notes, *condition_notes(source, condition, chosen))
        try:
            # read as `near` reads it, its notices the same (a site's registry city elsewhere too)
            resolution = _naming_site_cities(locate(query, source.preferred_cities(), online=online, lang=lang,
                                                    area=area), query, source)
        except RegionNotPlace as region:
            answer = _region_answer(region, source, province_name, status_value, in_chinese, chosen,
                                    stream=stream, names=names, countries=countries)
            return _region_trials(answer._replace(notes=(*answer.notes, *filter_notes)), source, chosen)
        # Group first, then limit: sites are ranked in growing batches until they hold `wanted`
        # hospitals (every site nearer than a batch's last is in it, so those are the nearest
        # hospitals); then every listing of each of them is read, wherever its study placed it.
        budget = None if wanted is None else wanted * 8  # hospitals run several trials: more sites than hospitals
        hospital_names = HospitalNames()
        while True:
            result = find_nearest(resolution, source, limit=budget, within_km=within_km,
                                  province=province_name, status=status_value, trials=chosen, countries=countries)
            keys = list(dict.fromkeys(hospital_names.of(entry.site) for entry in result.sites))
            if budget is None or wanted is None or len(keys) >= wanted or len(result.sites) < budget:
                break
            budget *= 4  # bounded: once a batch is not filled, every matching site has been ranked
        kept = frozenset(keys[:wanted] if wanted is not None else keys)
        listings = _hospital_listings(resolution, source, [entry for entry in result.sites
                                                           if hospital_names.of(entry.site) in kept],
                                      kept, hospital_names, province_name, status_value, chosen, countries)
        result = _with_trials(result._replace(sites=listings, notes=filter_notes), source,
                              [entry.site for entry in listings])
        hospitals = group_by_hospital(listings, result.trials, source.trial, hospital_names)
        if status_value is JOINABLE_FILTER:
            result = result._replace(closed_left_out=closed_left_out(
                result, source, wanted is not None and len(kept) >= wanted, within_km, province_name, chosen,
                countries))
        result = result._replace(limit_left_out=hospitals_left_out(
            result, hospitals, kept, hospital_names, source, wanted, within_km, province_name, status_value, chosen,
            countries))
        if not result.sites and not result.considered:
            parts = filter_parts(source, sites_path, trials, condition, (province or "", province_name),
                                 country=(country or "", countries))
            result = _why_no_site(result, source, parts, province_name, status_value, chosen, countries)
        if in_chinese or names:
            result = result._replace(chinese=chinese_names([entry.site for entry in listings], resolution,
                                                           shown=in_chinese))
        result = result._replace(provinces=kept_provinces([entry.site for entry in listings]))
        return HospitalAnswer(result, hospitals)

    def asked(limit: int | None) -> tuple[str, ...]:  # as near's (nearest_sites), --by hospital kept
        return typed_options(province=province, country=country, within=within_km, limit=limit, trial=trials,
                             condition=condition, status=status, all=all_statuses, by="hospital")

    answer = _answer(sites_path, question)
    if isinstance(answer, RegionAnswer):
        return answer._replace(asked=asked(limit))
    near = answer.near
    if near.limit_left_out:
        # room for the hospitals the limit hid beside those shown, as near's notice offers for sites
        near = near._replace(more_asked=asked(len(answer.hospitals) + near.limit_left_out))
    # room in --all for every hospital the closed sites counted may add (one each at the most)
    return answer._replace(near=near._replace(asked=asked(_room_for_closed(near, limit, within_km,
                                                                            len(answer.hospitals)))))


def _hospital_listings(resolution: Resolution, source: MemorySource | IndexedSource, ranked: list[RankedSite],
                       hospitals: frozenset[HospitalKey], names: HospitalNames, province: str | None,
                       status: str | frozenset[str | None] | None, trials: frozenset[str] | None,
                       countries: frozenset[str] | None = None) -> list[RankedSite]:
    """Every placed listing of the hospitals kept that the filters let through, nearest first: those
    ranked, and those their studies placed farther off (found by a word of the hospital's name in
    the facility index, kept when `names` says they are one of the hospitals, then the filters of
    every listing: sitestore.filter_sites, the rule of a listing)."""
    from sitefinder.hospitals import search_words
    from sitefinder.sitestore import filter_sites

    found = {entry.site.id: entry.site for entry in ranked}
    for word in sorted({word for hospital in hospitals for word in search_words(hospital)}):
        for site in source.facility_matches(word):
            if names.of(site) in hospitals and site.has_coordinates:
                found.setdefault(site.id, site)
    extra = [site for site_id, site in found.items() if site_id not in {entry.site.id for entry in ranked}]
    if not extra:
        return ranked
    from sitefinder.catalogue import trial_id_of

    catalogue = source.trials_by_id(sorted({trial_id_of(site, source.trial) for site in extra}))
    kept = filter_sites(extra, source.trial, province=province, status=status, countries=countries, trials=trials,
                        catalogue=catalogue)
    return nearest_first([*ranked, *rank_sites(resolution.place, kept, limit=None)], tie_order(source))
