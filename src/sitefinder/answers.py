"""The answer records: what each command's one core call returns, as data, never as words.

Every command of the CLI makes one call into the core (queries.py, bulkimport.py, update.py) and
hands the record it gets to `output.emit`. The records live here, below both, so that the output
side can read them without importing the modules that compute them (and their SQLite, geocoders
and HTTP). A record holds enums, numbers and `Site`/`Contact`/`Trial` values; the words people
read are made from them by `output.views`, the JSON and CSV by `output.schema`.
"""

# Deliberately no `from __future__ import annotations` (nor in models.py): a NamedTuple turns every
# string annotation into a ForwardRef, compiling it, on every run; these 18 records' 106 fields cost
# 1.5-2 ms more that way (benchmarks/startup.py's every case defines them all).

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Union

from sitefinder.models import Contact, RankedSite, Resolution, Site, Trial

if TYPE_CHECKING:  # the map's scene: only a map answer carries one
    from sitefinder.geomap import Scene


class ChineseNames(NamedTuple):
    """Names in Chinese characters: for someone who typed Chinese (or asked with --lang zh), and as
    data for JSON and CSV in every language (their keys and values never depend on the language)."""

    place: str  # the resolved place ("" when it has none)
    province: str  # the resolved place's province
    sites: dict[int, tuple[str, str]]  # site id → (city, province); "" where none is known
    facilities: dict[int, str] = {}  # site id → facility name in Chinese (data/facilities_zh.csv); never mutated
    # Whether people read the answer in Chinese (its tables and notices): False for names that are
    # data only (an English question answered in JSON or CSV); output.views then reads no Chinese.
    shown: bool = True
    # A streamed listing's sites' names, worked out as each site is written (a large file's sites
    # are never held whole): (facility, city, province) of a site not in `sites`; None for none.
    of: Union[Callable[[Site], tuple[str, str, str]], None] = None
    # The resolved place's and its namesakes' regions in Chinese, by (province or country as the
    # place names it, its country): what a namesake notice says in Chinese ("如指华盛顿州的那个"), and
    # each namesake's own Chinese name by its GeoNames id, for what it says to type (温哥华, 华盛顿州)
    regions: dict[tuple[str, str], str] = {}
    others: dict[int, str] = {}
    # What a site's location note (kept in English) names, in Chinese, by its English: the place it
    # was placed at and its region (Ganzhou: 赣州, Jiangxi: 江西), and the reason an alias gives
    # (gazetteer/aliases.csv's note_zh); wording.note_words says the note with them
    notes: dict[str, str] = {}

    def site_names(self, site: Site) -> tuple[str, str, str]:
        """The site's (facility, city, province) in Chinese, "" where none is known."""
        if self.of is not None and site.id not in self.sites:
            return self.of(site)
        return (self.facilities.get(site.id, ""), *self.sites.get(site.id, ("", "")))


class NearResult(NamedTuple):
    """`near PLACE`: the place as understood and its nearest sites, nearest first."""

    resolution: Resolution
    sites: list[RankedSite]
    trial: Trial
    unplaced: int = 0  # matching sites without coordinates: listed by `list`, never ranked
    unplaced_in: str = ""  # the country `unplaced` counts them in (the place's), "" for everywhere
    unplaced_unknown: int = 0  # of them, those of a country no table knows (they could be anywhere)
    nearest_outside_km: float | None = None  # when --within left nothing: how far the nearest is
    considered: int = 0
    chinese: ChineseNames | None = None
    closed_left_out: int = 0  # sites matching every other filter, left out as closed (`--all` shows them)
    # sites matching every filter that --limit hid within --within, or as near as the last shown
    # (queries.limit_left_out); `more_asked`: the filters of the command that shows them too
    limit_left_out: int = 0
    more_asked: tuple[str, ...] = ()
    trials: dict[str, Trial] = {}  # the trial of each site shown, by NCT id (never mutated)
    many_trials: bool = False  # the dataset holds several trials: each row names its own
    notes: tuple[str, ...] = ()  # what the filters did (a --condition that matched no trial), beside the place's
    # when no site matches the filters: the one that matches none by itself, or those that match
    # apart but not together (with the sites each matches alone), or the sites by status when
    # --status left none (as SiteList's: queries.empty_cause)
    alone: str = ""
    together: dict[str, int] = {}  # never mutated
    together_where: dict[str, tuple[str, ...]] = {}  # where the sites of its --trial and --condition are
    status_counts: dict[str | None, int] | None = None
    # site id → the province or state each site is kept under by --province (countries.region_name),
    # for its table cell in place of the registry's state; {} for none worked out (never mutated)
    provinces: dict[int, str] = {}
    asked: tuple[str, ...] = ()  # the filters typed, as words, for the commands a notice suggests (typed_options)


class RegionAnswer(NamedTuple):
    """`near China`, `near 山东`: a province or country is not a point to measure from; its sites are the answer."""

    query: str
    region: str  # the region's name: a province's English name, a country's as the gazetteer names it
    # "country", "province", or "region": Hong Kong, Macau and Taiwan (countries.py), asked for by --country
    kind: str
    sites: list[Site]
    trial: Trial
    chinese: ChineseNames | None = None
    closed_left_out: int = 0
    trials: dict[str, Trial] = {}
    many_trials: bool = False
    notes: tuple[str, ...] = ()  # what else the query could mean (河北 is also Tianjin's 河北区)
    country: str = ""  # the country of a province, as the gazetteer names it ("" for a country itself)
    meant: str = ""  # the country's name a code typed stands for ("HK": Hong Kong), else ""
    status_counts: dict[str | None, int] | None = None  # its sites by status, when --status left none
    # when it has sites but none matches the filters: the region as typed and the filters that
    # empty it together, each with the sites it matches by itself (queries.empty_cause); never mutated
    together: dict[str, int] = {}
    together_where: dict[str, tuple[str, ...]] = {}  # as SiteList's
    # site id → the province or state each site is kept under by --province (countries.region_name),
    # for its table cell in place of the registry's state; {} for none worked out (never mutated)
    provinces: dict[int, str] = {}
    asked: tuple[str, ...] = ()  # the filters typed, as words, for the commands a notice suggests (typed_options)

    @property
    def named(self) -> str:
        """The query as said in a sentence: a code with its country ("BJ (Benin)"), else as typed."""
        if not self.meant:
            return self.query
        from sitefinder.wording import said

        return said("name.code", code=self.query, country=self.meant)

    @property
    def option(self) -> str:
        """The `list` option that asks for the same sites: --province for a province, else --country."""
        return "province" if self.kind == "province" else "country"


class SiteList(NamedTuple):
    """`list`: the sites matching the filters, by province, city, id."""

    sites: list[Site]
    trial: Trial
    chinese: ChineseNames | None = None
    closed_left_out: int = 0  # closed sites matching the filters, left out (`--all` shows them)
    # Why an empty answer is empty, and what to try: the command that finds the nearest sites to a
    # --city without one; the sites by effective status (None: unknown) when --status left none.
    try_instead: str = ""
    status_counts: dict[str | None, int] | None = None
    alone: str = ""  # the filter, as typed ("--province 西藏"), that matches no site of the data by itself
    # filters, as typed, that each match sites, but no site matches them all: each with the sites it
    # matches by itself (never mutated)
    together: dict[str, int] = {}
    # of them, --trial and --condition: the countries their sites are in, most first (queries.empty_cause)
    together_where: dict[str, tuple[str, ...]] = {}
    trials: dict[str, Trial] = {}
    many_trials: bool = False
    notes: tuple[str, ...] = ()  # how --city was read (芙蓉区 is a district of 长沙: 长沙's sites)
    # the place --city was read as (None: not given, or only a registry's spelling): its namesakes
    # are said as near says them (output.views.place_notices)
    place: Union[Resolution, None] = None
    # site id → the province or state each site is kept under by --province (countries.region_name),
    # for its table cell in place of the registry's state; {} for none worked out (never mutated)
    provinces: dict[int, str] = {}
    asked: tuple[str, ...] = ()  # the filters typed, as words, for the commands a notice suggests (typed_options)


class SameHospital(NamedTuple):
    """Another listing of a shown site's hospital in the dataset (another trial's site there, by the
    rule `near --by hospital` groups listings by): which site of which trial, and whom to call."""

    site: Site
    trial: Trial
    call: Contact | None  # its own contact with a phone or email, else its trial's central one
    call_is_central: bool


class SiteDetail(NamedTuple):
    """`show SITE`: one site and the trial it belongs to."""

    site: Site
    trial: Trial
    chinese: ChineseNames | None = None
    place: Union[Resolution, None] = None  # the place the site was found by (`show 鼓楼区`), its namesakes said
    notes: tuple[str, ...] = ()  # how that place was read (芙蓉区 is a district of 长沙: 长沙's site)
    # the hospital's other listings: a site without a phone is often reachable through another trial's
    same_hospital: tuple[SameHospital, ...] = ()


class TrialRow(NamedTuple):
    """What `info` lists of each trial of a dataset, without reading its whole facts."""

    trial: Trial  # for an indexed dataset, only the fields listed here are filled
    site_count: int


class TrialSummary(NamedTuple):
    """`info`: the trial's facts and where its sites are."""

    trial: Trial
    site_count: int
    provinces: list[str]  # sorted: the regions the sites are kept under (countries.site_region)
    countries: list[str]
    sites_name: str  # the sites file, for messages
    trials: list[TrialRow] = []  # every trial of a dataset of several (`info` without an NCT id)
    lang: str = "en"  # the words of the view (`info --lang zh`); JSON and CSV are the same in every language
    # sites whose row names no province or state (the registry writes Taiwan's, Hong Kong's and
    # often Japan's without one): the divisions are then not counted, never said to be 0
    without_province: int = 0
    # each country's name in Chinese where the gazetteer has one (澳大利亚), for `info --lang zh`'s prose
    countries_zh: dict[str, str] = {}
    # the countries an `import --country` kept the sites of (names; Chinese in countries_zh), None
    # for an import of every site: the site counts are then the dataset's, not the registry's
    import_countries: Union[tuple[str, ...], None] = None


class MapResult(NamedTuple):
    """`map PLACE`: `near`'s answer and the scene (view, land, markers) around it."""

    near: NearResult
    scene: "Scene"  # quoted: geomap is imported only where a map is drawn
    out: Path | None = None  # the map file to write, when one was asked for


class HospitalListing(NamedTuple):
    """One listing of a hospital by a trial: a site of the sites file, and whom to call about it."""

    site: Site
    call: Contact | None  # the site's own contact with a phone or email, else the trial's
    call_is_central: bool  # the trial's central contact, the site giving none
    distance_km: float  # this listing's own (studies place one hospital apart)


class HospitalTrial(NamedTuple):
    """One trial a hospital runs: every listing of it there (a study may list a hospital twice,
    two departments, each with its own status), the most open first; the trial's status and whom
    to call are that listing's."""

    site: Site  # the most open listing's site
    trial: Trial
    call: Contact | None  # whom to call about it: the site's own contact with a phone or email, else the trial's
    call_is_central: bool  # the trial's central contact, the site giving none
    listings: tuple[HospitalListing, ...] = ()  # every listing, the most open first (the first is `site`'s)


class Hospital(NamedTuple):
    """A hospital as `near --by hospital` shows it: once, with every trial it runs."""

    facility: str  # as the nearest of its sites writes it
    city: str
    province: str
    country: str
    distance_km: float  # to the nearest of its sites (they are one place, but studies place them apart)
    approximate: bool
    trials: list[HospitalTrial]  # the most open first, then the nearest; each trial once, with all its listings

    @property
    def status_site(self) -> Site:
        """The listing whose status is the hospital's: its most open (the first of its first trial)."""
        return self.trials[0].site


class HospitalAnswer(NamedTuple):
    """`near PLACE --by hospital`: the nearest hospitals, each once, with their trials."""

    near: NearResult  # the ranked sites the hospitals were grouped from
    hospitals: list[Hospital]


class PointSetAside(NamedTuple):
    """A site whose registry point lay far outside what its row states, placed from its text instead
    (placement.point_outside): its facility, the state or country it states as placement names it
    ("Aichi", "Zhejiang or Jiangsu"), and those names in Chinese where the gazetteer has them (Aichi:
    爱知县; a state with none is said as the registry names it, as a Chinese table names a city)."""

    facility: str
    stated: str
    stated_zh: dict[str, str] = {}


class ImportResult(NamedTuple):
    """`import`: the study's trial and sites, and where they were written."""

    trial: Trial
    sites: list[Site]
    unplaced: list[str]  # facilities that could not be placed: listed, never ranked
    from_registry: int  # sites whose coordinates are the registry's own geoPoint
    sites_path: Path | None = None  # where they were written, once they were
    trial_path: Path | None = None
    points_set_aside: list[PointSetAside] = []
    # (facility, or the trial's NCT id, and the status as the registry wrote it) of each status that
    # is none sitefinder knows (a registry's new word): stored as none, and said so
    statuses_unread: list[tuple[str, str]] = []
    left_out: int = 0  # its sites outside the countries asked for (--country), not imported


class LeftOut(NamedTuple):
    """What an import's filter kept out: the filter as typed ("--country China"), the studies with
    no site it keeps, and the sites it kept out (of those studies and of the studies imported)."""

    filter: str
    trials: int
    sites: int


class Skipped(NamedTuple):
    """A study left out of an import, and why."""

    source: str  # the file (and member) it came from
    position: int | None  # its place in an export or page (0-based), None for a file of its own
    nct_id: str  # "" when the record names none
    reason: str


class Numbered(NamedTuple):
    """Sites with their ids, and what became of the ids of the sites before."""

    sites: list[Site]  # every new site, with its id
    kept: list[int]  # ids that name the same site as before
    added: list[int]  # ids given out now, each above the mark before
    removed: list[int]  # ids of the sites before that are gone; never given out again
    high_water: int  # the highest id ever used, these included


class SearchPage(NamedTuple):
    """A saved registry search page an import read (`{"studies", "nextPageToken", "totalCount"}`)."""

    source: str
    studies: int  # the studies the file holds
    total: Union[int, None]  # the search's count of studies, when the page states it
    next_token: Union[str, None]  # the token of the page after this one, when there is one


class SearchPages(NamedTuple):
    """What the search pages of an import hold of their search (bulkimport.search_of)."""

    pages: tuple[SearchPage, ...]
    total: Union[int, None]
    given: int  # the studies the pages hold together
    complete: bool  # False: studies of the search are on pages not given

    @property
    def missing(self) -> Union[int, None]:
        return max(self.total - self.given, 0) if self.total is not None else None


# A status as shown: (the effective status enum or None, where it comes from: "site", "trial" or None).
ShownStatus = tuple[Union[str, None], Union[str, None]]


class SiteChange(NamedTuple):
    """One site whose own status or whose people changed between two versions of the data."""

    site: Site  # as it is now
    status: tuple[ShownStatus, ShownStatus] | None  # (before, after), when the site's own status changed
    contacts: tuple[tuple[Contact, ...], tuple[Contact, ...]] | None  # (before, after), when its people changed


class TrialChange(NamedTuple):
    """What changed for one trial of a dataset."""

    nct_id: str
    before: Trial
    after: Trial  # the new facts; the old ones when the registry no longer has the study
    found: bool  # the registry returned the study
    site_count: int
    added: list[Site]
    removed: list[Site]
    changed: list[SiteChange]

    @property
    def status_changed(self) -> bool:
        return self.before.overall_status != self.after.overall_status

    @property
    def differs(self) -> bool:
        """Returned, and its status or its sites changed (its data date always does)."""
        return self.found and (self.status_changed or bool(self.added or self.removed or self.changed))


class BulkResult(NamedTuple):
    """`import` of one study or many into one dataset: the trials and sites, and where they were written."""

    trials: list[Trial]
    sites: list[Site]
    unplaced: list[str]
    from_registry: int
    skipped: list[Skipped]
    sites_path: Path | None = None
    trials_path: Path | None = None
    lang: str = "en"  # the words of the view and the notices; JSON and CSV are the same in every language
    points_set_aside: list[PointSetAside] = []  # as ImportResult's, of every study
    replaced: tuple[str, ...] = ()  # the trials of the dataset there before that this import left out (--replace)
    statuses_unread: list[tuple[str, str]] = []  # as ImportResult's, of every study
    ids: Numbered = Numbered([], [], [], [], 0)  # what became of the site ids (siteids.dataset_ids)
    earlier: bool = False  # whether a dataset was in --out before, whose ids were kept
    search: Union[SearchPages, None] = None  # the saved search pages read, None when none was given
    left_out: Union[LeftOut, None] = None  # what --country kept out; None without it
    studies_read: int = 0  # every study given: the trials imported, those skipped and those outside --country
    outside_country: tuple[str, ...] = ()  # the studies with no site in --country, left out (their NCT ids)
    country: str = ""  # --country as typed, "" when not given
    # the trials the dataset there held that this import changed, compared as update compares
    # (update.trial_changes); their changed sites' Chinese names as data, as update's
    changes: list[TrialChange] = []
    chinese: Union[ChineseNames, None] = None


class UpdateResult(NamedTuple):
    """`update`: the fetched study, kept as the data in use, and what changed since the data before."""

    nct_id: str
    trial: Trial  # the new facts
    before: Trial  # the facts of the data in use before
    sites_path: Path
    site_count: int
    added: list[Site]
    removed: list[Site]
    changed: list[SiteChange]
    unplaced: list[str]
    is_default: bool  # commands without --sites now read it
    id_high_water: int = 0  # the highest site id this dataset has ever used (never given out again)
    notes: tuple[str, ...] = ()  # e.g. an earlier copy that could not be read, and was replaced
    lang: str = "en"  # the words of the view and the notices; JSON and CSV are the same in every language
    chinese: Union[ChineseNames, None] = None  # the added and removed sites' names in Chinese, as data
    points_set_aside: list[PointSetAside] = []  # as ImportResult's: what reading the record found, said as import says it
    statuses_unread: list[tuple[str, str]] = []  # as ImportResult's


class DatasetUpdate(NamedTuple):
    """`update` on a dataset of several trials: every trial refreshed, published as one unit."""

    sites_path: Path
    trials: list[TrialChange]
    site_count: int
    unplaced: list[str]
    id_high_water: int = 0  # the highest site id this dataset has ever used, in any trial (never given out again)
    notes: tuple[str, ...] = ()
    lang: str = "en"  # the words of the view and the notices; JSON and CSV are the same in every language
    chinese: Union[ChineseNames, None] = None  # every trial's added and removed sites' names in Chinese, as data
    points_set_aside: list[PointSetAside] = []  # as ImportResult's, of every trial refreshed
    statuses_unread: list[tuple[str, str]] = []  # as ImportResult's, of every trial refreshed (MAX_UNREAD_SAID in all)
    written: bool = True  # a new version was published (not when no trial was refreshed, or nothing differed)

    @property
    def refreshed(self) -> int:
        """The trials the registry returned, and so refreshed; the rest are kept as they were."""
        return sum(change.found for change in self.trials)

    @property
    def not_returned(self) -> list[str]:
        return [change.nct_id for change in self.trials if not change.found]

    @property
    def trials_changed(self) -> int:
        """The trials refreshed whose status or sites changed; with those unchanged, every one refreshed,
        and with those not returned, every one asked for (`trials`)."""
        return sum(change.differs for change in self.trials)

    @property
    def trials_unchanged(self) -> int:
        return self.refreshed - self.trials_changed


Answer = Union[NearResult, RegionAnswer, SiteList, SiteDetail, TrialSummary, MapResult, HospitalAnswer, ImportResult,
               BulkResult, UpdateResult, DatasetUpdate]
