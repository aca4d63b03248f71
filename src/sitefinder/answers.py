"""The answer records: what each command's one core call returns, as data, never as words.

Every command of the CLI makes one call into the core (queries.py, importer.py, update.py) and
hands the record it gets to `output.emit`. The records live here, below both, so that the output
side can read them without importing the modules that compute them (and their SQLite, geocoders
and HTTP). A record holds enums, numbers and `Site`/`Contact`/`Trial` values; the words people
read are made from them by `output.views`, the JSON and CSV by `output.schema`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Union

from sitefinder.models import Contact, RankedSite, Resolution, Site, Trial

if TYPE_CHECKING:  # the map's scene: only a map answer carries one
    from sitefinder.geomap import Scene


class ChineseNames(NamedTuple):
    """Names in Chinese characters, for someone who typed Chinese (or asked with --lang zh)."""

    place: str  # the resolved place ("" when it has none)
    province: str  # the resolved place's province
    sites: dict[int, tuple[str, str]]  # site id → (city, province); "" where none is known
    facilities: dict[int, str] = {}  # site id → facility name in Chinese (data/facilities_zh.csv); never mutated


class NearResult(NamedTuple):
    """`near PLACE`: the place as understood and its nearest sites, nearest first."""

    resolution: Resolution
    sites: list[RankedSite]
    trial: Trial
    unplaced: int = 0  # matching sites without coordinates: listed by `list`, never ranked
    nearest_outside_km: float | None = None  # when --within left nothing: how far the nearest is
    considered: int = 0
    chinese: ChineseNames | None = None
    closed_left_out: int = 0  # sites matching every other filter, left out as closed (`--all` shows them)


class RegionAnswer(NamedTuple):
    """`near China`, `near 山东`: a province or country is not a point to measure from; its sites are the answer."""

    query: str
    region: str  # the region's name as the sites file writes it, or as typed
    kind: str  # "country" or "province"
    sites: list[Site]
    trial: Trial
    chinese: ChineseNames | None = None
    closed_left_out: int = 0
    notes: tuple[str, ...] = ()  # what else the query could mean (河北 is also Tianjin's 河北区)


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


class SiteDetail(NamedTuple):
    """`show SITE`: one site and the trial it belongs to."""

    site: Site
    trial: Trial
    chinese: ChineseNames | None = None


class TrialSummary(NamedTuple):
    """`info`: the trial's facts and where its sites are."""

    trial: Trial
    site_count: int
    provinces: list[str]  # sorted, as the sites file names them
    countries: list[str]
    sites_name: str  # the sites file, for messages
    lang: str = "en"  # the words of the view (`info --lang zh`); JSON and CSV are the same in every language


class MapResult(NamedTuple):
    """`map PLACE`: `near`'s answer and the scene (view, land, markers) around it."""

    near: NearResult
    scene: Scene
    out: Path | None = None  # the map file to write, when one was asked for


class ImportResult(NamedTuple):
    """`import`: the study's trial and sites, and where they were written."""

    trial: Trial
    sites: list[Site]
    unplaced: list[str]  # facilities that could not be placed: listed, never ranked
    from_registry: int  # sites whose coordinates are the registry's own geoPoint
    sites_path: Path | None = None  # where they were written, once they were
    trial_path: Path | None = None


# A status as shown: (the effective status enum or None, where it comes from: "site", "trial" or None).
ShownStatus = tuple[Union[str, None], Union[str, None]]


class SiteChange(NamedTuple):
    """One site whose own status or whose people changed between two versions of the data."""

    site: Site  # as it is now
    status: tuple[ShownStatus, ShownStatus] | None  # (before, after), when the site's own status changed
    contacts: tuple[tuple[Contact, ...], tuple[Contact, ...]] | None  # (before, after), when its people changed


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


Answer = Union[NearResult, RegionAnswer, SiteList, SiteDetail, TrialSummary, MapResult, ImportResult, UpdateResult]
