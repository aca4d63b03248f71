"""Where every command gets its sites: the parsed file, or, for a larger file, an index of it.

A sites file of a few hundred rows parses in a few milliseconds. One of 100,000 rows takes
seconds to parse and validate, so on first use it is validated once and copied into an indexed
SQLite file in the user's cache directory; later runs read only the rows they need: those near
the origin for `near`, those of one province or status for `list`, one for `show ID`, none for
`info`. The index is rebuilt whenever the file's size or modification time changes.
"""

from __future__ import annotations

import heapq
import io
import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import compress, repeat
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple
from pathlib import Path

from sitefinder.answers import TrialRow
from sitefinder.contacts import contacts_from_list
from sitefinder.errors import SitefinderError
from sitefinder.models import Place, Site, SiteData, Trial
from sitefinder.paths import cache_dir, replace_atomically
from sitefinder.distance import SAME_PLACE_KM, SPHERE_MARGIN, SPHERE_SLACK_KM, bounding_box, in_box, sphere_km
from sitefinder.status import effective_status, site_statuses_shown_as, status_matches
from sitefinder.text import fold
from sitefinder import versions

if TYPE_CHECKING:  # sqlite3 itself is imported where an index is opened: `list` on a small file never needs it
    import mmap
    import sqlite3

    from sitefinder.sitesfile import SitesReader

# 12: a row's fields as columns of site_row (read by name, see _COLUMNS), not a JSON list: no row
# encoded as JSON at the build, none decoded by a read but its contacts. 11: the folded facility in
# site_row, out of the table every lookup is built from. 10: rows stored as JSON lists of the fields
# the meta table names. 9: a geonameid column from Site.geonameid, and city, country,
# facility and sort columns for every filter, the rows apart from the searched columns; each
# site's trial (nct_id) and the status it shows by its own trial (shown_status), the trial and
# trial_term tables of a dataset of many trials. 13: both of 12's, made on two branches at once:
# the area column (the ISO code of the country or region each site lies in, countries.site_area)
# and the rows as columns. 14: shown_status by the rule that a trial no longer enrolling
# overrides its site's stale "recruiting" (status.ENDS_ENROLMENT). 15: the region column holds
# countries.site_region (the placed city's province, else the state in any form), not the state's
# text folded: `--province 浙江` had left out Hangzhou's sites with no state. 16: no country_key
# column nor its lookup, which no query read (countries are answered by `area`). 17: the region of
# countries.site_region's steps 3 and 4: a registry city that is a division ("Gyeonggi-do"), none
# for a state that names a country ("Republic of Korea"). 18: the trials' condition terms as
# --condition reads them (abbreviations and word forms). 19: province_key is the shown province
# folded (countries.shown_region), `list`'s order, not the registry's state. (The stamp holds it:
# an index of another schema is rebuilt.)
INDEX_SCHEMA = 19
MAX_REMEMBERED_PLACES = 100_000  # distinct places whose region an index build remembers
BATCH_ROWS = 2_000  # rows read or written at a time: what the index build and a streamed listing hold
# A file this large is refused even through the index (what an index holds is on disk, but its
# build still takes time in proportion: 1M rows, 214 MB, take about 35-45 s of CPU).
MAX_INDEXED_FILE_BYTES = 4 * 1024**3
PROGRESS_AFTER_SECONDS = 1.0  # a build this long says how far it has come, then every PROGRESS_EVERY seconds
PROGRESS_EVERY = 5.0
FIRST_RADIUS_KM = 200.0
FEW_SITES = 2_000  # decoded in about 20 ms
HALF_EARTH_KM = 20_040.0


# One status, a set of them (the default: every status but the closed ones), or None for any.
StatusFilter = str | frozenset[str | None] | None


class CityFilter(NamedTuple):
    """Sites in a city: the registry's spelling (folded), or the gazetteer city the site was placed in
    (so that "Ganzhou" finds the registry's "Gannan" site, and 济南 finds "Jinan"), or, for a site
    the registry placed itself (no GeoNames id ties it), a name of that city written at that city
    (city_at): 纽约 and "New York City" find the registry's "New York", 伦敦 its London and not
    London, Ontario, and a neighbour of another name (Jersey City) stays out."""

    key: str
    geonameid: int | None = None
    # every folded name of the gazetteer city (gazetteer.names_of), and its point: a site whose
    # written city is one of them within SAME_PLACE_KM of it is in it
    names: frozenset[str] = frozenset()
    at: tuple[float, float] | None = None

    def matches(self, site: Site) -> bool:
        written = fold(site.city)
        return (written == self.key or (self.geonameid is not None and site.geonameid == self.geonameid)
                or (self.at is not None and written in self.names and site.latitude is not None
                    and site.longitude is not None
                    and in_box(*self.at, SAME_PLACE_KM, site.latitude, site.longitude)))


class Candidates(NamedTuple):
    placed: list[Site]  # a superset of the nearest `limit` matching sites that have coordinates
    unplaced: int  # matching sites without coordinates
    considered: int  # matching sites in all


class PlaceCount(NamedTuple):
    """Sites kept under one region (countries.site_region) of one country or region (site_area):
    a registry's state and country as one of its rows writes them, for a region or country no
    table knows."""

    region: str
    province: str
    area: str
    country: str
    sites: int


def places_counted(sites: Iterable[Site]) -> list[PlaceCount]:
    """The PlaceCounts of some sites, by the one rule for their region and country."""
    from sitefinder.countries import region_of, site_area
    from sitefinder.gazetteer import open_shipped as open_gazetteer

    gazetteer = open_gazetteer()
    counts: Counter[tuple[str, str]] = Counter()
    written: dict[tuple[str, str], tuple[str, str]] = {}
    for site in sites:
        key = (region_of(site, gazetteer), site_area(site.country, site.province, site.city, gazetteer))
        counts[key] += 1
        written.setdefault(key, (site.province, site.country))
    return [PlaceCount(region, written[region, area][0], area, written[region, area][1], count)
            for (region, area), count in counts.items()]


class MemorySource:
    """All sites in memory: every matching site is a candidate."""

    def __init__(self, data: SiteData) -> None:
        self.data, self.trial, self.name = data, data.trial, data.source
        self._trials = {trial.nct_id: trial for trial in data.trials}
        for site in data.sites:  # a trial the sites name but no trials.json describes: known by its id alone
            if site.nct_id and site.nct_id not in self._trials:
                self._trials[site.nct_id] = Trial(nct_id=site.nct_id)

    def trial_ids(self) -> list[str]:
        return list(self._trials)

    def trials_by_id(self, nct_ids: Iterable[str]) -> dict[str, Trial]:
        return {nct: self._trials[nct] for nct in nct_ids if nct in self._trials}

    def trial_of(self, site: Site) -> Trial:
        return self._trials.get(site.nct_id, self.trial)

    def select_trials(self, nct_ids: frozenset[str], condition: str | None,
                      sites_path: Path | None = None) -> frozenset[str] | None:
        """The trials --trial and --condition leave (None: every trial); `sites_path` as given, for the hint of an error."""
        from sitefinder.catalogue import chosen_trials

        return chosen_trials(self._trials, nct_ids, condition, sites_path)

    def trial_rows(self) -> list[TrialRow]:
        counts: dict[str, int] = {}
        for site in self.data.sites:
            nct = site.nct_id or self.trial.nct_id
            counts[nct] = counts.get(nct, 0) + 1
        return [TrialRow(trial, counts.get(trial.nct_id, 0)) for trial in self._trials.values()]

    def count(self) -> int:
        return len(self.data.sites)

    def provinces(self) -> set[str]:
        return {site.province for site in self.data.sites}

    def countries(self) -> set[str]:
        return {site.country for site in self.data.sites}

    def cities(self) -> set[str]:
        return {site.city for site in self.data.sites}

    def places_counted(self) -> list[PlaceCount]:
        """Each (region, country) the sites are kept under, with how many: `info`'s counts."""
        return places_counted(self.data.sites)

    def sites(self) -> Iterator[Site]:
        """Every site, in file order."""
        return iter(self.data.sites)

    def site_by_id(self, site_id: int) -> Site | None:
        return next((site for site in self.data.sites if site.id == site_id), None)

    def id_range(self) -> tuple[int, int] | None:
        ids = [site.id for site in self.data.sites]
        return (min(ids), max(ids)) if ids else None

    def preferred_cities(self) -> frozenset[int]:
        return frozenset(site.geonameid for site in self.data.sites if site.geonameid is not None)

    def listing(self, province: str | None, city: CityFilter | None, status: StatusFilter,
                countries: frozenset[str] | None = None, trials: frozenset[str] | None = None) -> list[Site]:
        """The matching sites in `list` order: province, city, then id."""
        return sort_by_region(filter_sites(self.data.sites, self.trial, province, city, status, countries,
                                           trials, self._trials))

    def count_matching(self, province: str | None, status: StatusFilter, city: CityFilter | None = None,
                       countries: frozenset[str] | None = None, trials: frozenset[str] | None = None) -> int:
        """How many sites match: `near` and `list` say how many closed ones they left out."""
        return len(filter_sites(self.data.sites, self.trial, province, city, status, countries, trials, self._trials))

    def listing_stream(self, province: str | None, city: CityFilter | None, status: StatusFilter,
                       countries: frozenset[str] | None = None, trials: frozenset[str] | None = None) -> list[Site]:
        return self.listing(province, city, status, countries, trials)

    def statuses_counted(self, province: str | None, city: CityFilter | None = None,
                         countries: frozenset[str] | None = None,
                         trials: frozenset[str] | None = None) -> dict[tuple[str | None, str], int]:
        """How many matching sites have each (own status, trial id): queries.status_counts reads
        each as its trial shows it."""
        return dict(Counter((site.status, site.nct_id) for site in filter_sites(
            self.data.sites, self.trial, province, city, None, countries, trials, self._trials)))

    def areas_counted(self, province: str | None, city: CityFilter | None = None,
                      countries: frozenset[str] | None = None, trials: frozenset[str] | None = None) -> dict[str, int]:
        """How many matching sites (of any status) lie in each country or region (its ISO code, the
        area --country keeps: countries.site_area; "" for one no table knows)."""
        from sitefinder.countries import site_area
        from sitefinder.gazetteer import open_shipped as open_gazetteer

        gazetteer = open_gazetteer()
        return dict(Counter(site_area(site.country, site.province, site.city, gazetteer) for site in filter_sites(
            self.data.sites, self.trial, province, city, None, countries, trials, self._trials)))

    def count_unplaced(self, province: str | None, status: StatusFilter, countries: frozenset[str] | None = None,
                       trials: frozenset[str] | None = None) -> int:
        """How many sites that match have no coordinates (near counts those of the place's country)."""
        return sum(not site.has_coordinates for site in filter_sites(self.data.sites, self.trial, province, None,
                                                                     status, countries, trials, self._trials))

    def facility_matches(self, key: str) -> list[Site]:
        """Sites whose folded facility name holds `key`, in file order."""
        return [site for site in self.data.sites if key in fold(site.facility)]

    def in_city(self, city: CityFilter) -> list[Site]:
        return [site for site in self.data.sites if city.matches(site)]

    def candidates(self, origin: Place, limit: int | None, within_km: float | None, province: str | None,
                   status: StatusFilter, trials: frozenset[str] | None = None,
                   countries: frozenset[str] | None = None) -> Candidates:
        matching = filter_sites(self.data.sites, self.trial, province=province, status=status, countries=countries,
                                trials=trials, catalogue=self._trials)
        placed = [site for site in matching if site.has_coordinates]
        return Candidates(placed, len(matching) - len(placed), len(matching))


class IndexDamaged(SitefinderError):
    """A cached index cannot be read (a damaged page, a truncated file); it has been removed."""

    def __init__(self, index_path: Path, reason: str) -> None:
        super().__init__(key="data.index_damaged", path=index_path, reason=reason)


class _CheckedConnection:
    """An index connection whose every failure is an IndexDamaged, after removing the index file."""

    def __init__(self, connection: sqlite3.Connection, index_path: Path) -> None:
        self.connection, self.index_path = connection, index_path

    def execute(self, sql: str, params: Sequence[object] = ()) -> _CheckedCursor:
        import sqlite3

        try:
            return _CheckedCursor(self.connection.execute(sql, params), self)
        except sqlite3.DatabaseError as exc:
            raise self.damaged(exc) from None

    def damaged(self, exc: Exception) -> IndexDamaged:
        self.connection.close()
        try:
            self.index_path.unlink()
        except OSError:
            pass
        return IndexDamaged(self.index_path, str(exc))


class _CheckedCursor:
    def __init__(self, cursor: sqlite3.Cursor, connection: _CheckedConnection) -> None:
        self.cursor, self.connection = cursor, connection

    def _checked(self, fetch):  # type: ignore[no-untyped-def]
        import sqlite3

        try:
            return fetch()
        except sqlite3.DatabaseError as exc:
            raise self.connection.damaged(exc) from None

    def fetchone(self):  # type: ignore[no-untyped-def]
        return self._checked(self.cursor.fetchone)

    def fetchall(self):  # type: ignore[no-untyped-def]
        return self._checked(self.cursor.fetchall)

    def fetchmany(self, size: int):  # type: ignore[no-untyped-def]
        return self._checked(lambda: self.cursor.fetchmany(size))

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._checked(self.cursor.fetchall))


class IndexedSource:
    """A large sites file through its SQLite index: only the rows a question needs are read."""

    def __init__(self, db: sqlite3.Connection, trial: Trial, name: str, index_path: Path) -> None:
        self._connection, self.trial, self.name, self.index_path = db, trial, name, index_path
        self._trials: dict[str, Trial] = {}  # decoded on demand: 1,000 trials' facts take 0.15 s to parse
        self._names: tuple[str, ...] | None = None

    @property
    def _db(self) -> _CheckedConnection:
        return _CheckedConnection(self._connection, self.index_path)

    def trial_ids(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT nct_id FROM trial ORDER BY position")]

    def trials_by_id(self, nct_ids: Iterable[str]) -> dict[str, Trial]:
        from sitefinder.trial import trial_from_dict

        wanted = [nct for nct in dict.fromkeys(nct_ids) if nct and nct not in self._trials]
        for start in range(0, len(wanted), 500):  # SQLite's variable limit
            chunk = wanted[start:start + 500]
            for nct, row in self._db.execute(f"SELECT nct_id, row FROM trial WHERE nct_id IN "
                                             f"({', '.join('?' * len(chunk))})", chunk):
                self._trials[nct] = trial_from_dict(json.loads(row), self.name)
        return {nct: self._trials[nct] for nct in nct_ids if nct in self._trials}

    def trial_of(self, site: Site) -> Trial:
        return self.trials_by_id([site.nct_id]).get(site.nct_id, self.trial)

    def select_trials(self, nct_ids: frozenset[str], condition: str | None,
                      sites_path: Path | None = None) -> frozenset[str] | None:
        """As MemorySource.select_trials, from the index's trial and term tables."""
        from sitefinder.catalogue import chosen_trials
        from sitefinder.models import Trial as Facts

        if not nct_ids and condition is None:
            return None
        known = {nct: Facts(nct_id=nct) for nct in self.trial_ids()}
        chosen = chosen_trials(known, nct_ids, None, sites_path) or frozenset(known)
        if condition is None:
            return chosen
        from sitefinder.catalogue import condition_keys, term_matches

        # SQL finds the terms that hold the words at all (a scan of ~10 short terms a trial: 2 ms for
        # 1,000 trials); the one rule (whole words, in order, not after "non") decides
        keys = condition_keys(condition)
        rows = self._db.execute("SELECT term, nct_id FROM trial_term WHERE "
                                + (" OR ".join(["instr(term, ?) > 0"] * len(keys)) or "0"), keys)
        matching = {nct for term, nct in rows if term_matches(term, condition)}
        return frozenset(chosen & matching)

    def trial_rows(self) -> list[TrialRow]:
        from sitefinder.models import Trial as Facts

        return [TrialRow(Facts(nct_id=nct, brief_title=title, acronym=acronym, overall_status=status, phase=phase,
                               last_update=last_update, retrieved=retrieved), count)
                for nct, title, acronym, status, phase, last_update, retrieved, count in self._db.execute(
                    "SELECT nct_id, brief_title, acronym, overall_status, phase, last_update, retrieved, site_count "
                    "FROM trial ORDER BY position")]

    def count(self) -> int:
        return self._meta("count")

    def provinces(self) -> set[str]:
        return set(self._meta("provinces"))

    def countries(self) -> set[str]:
        return set(self._meta("countries"))

    def cities(self) -> set[str]:
        return set(self._meta("city_names"))

    def places_counted(self) -> list[PlaceCount]:
        """MemorySource.places_counted, by the index's region and area columns (no row decoded)."""
        return [PlaceCount(*row) for row in self._db.execute(
            "SELECT s.region, MIN(r.province), s.area, MIN(r.country), COUNT(*) FROM site s "
            "JOIN site_row r ON r.position = s.position GROUP BY s.region, s.area")]

    def sites(self) -> Iterator[Site]:
        """Every site, in file order, decoded one at a time (read in batches: memory is one batch)."""
        return self._decoded("ORDER BY position", ())

    def _decoded(self, where_and_order: str, params: Sequence[object]) -> Iterator[Site]:
        """The sites of `SELECT ... FROM site JOIN site_row ... {where_and_order}`, decoded a batch at a time."""
        names = self._fields()
        cursor = self._db.execute(f"SELECT {self._columns()} FROM site JOIN site_row r USING (position) "
                                  f"{where_and_order}", params)
        while batch := cursor.fetchmany(BATCH_ROWS):
            yield from map(_decode, batch, repeat(names))

    def site_by_id(self, site_id: int) -> Site | None:
        return next(self._decoded("WHERE id = ?", (site_id,)), None)

    def facility_matches(self, key: str) -> list[Site]:
        """Sites whose folded facility name holds `key`, in file order: compared in SQLite on a
        column kept folded, so that only the matching rows are decoded."""
        return list(self._decoded("WHERE instr(facility_key, ?) > 0 ORDER BY position", (key,)))

    def in_city(self, city: CityFilter) -> list[Site]:
        """The sites in a city, in file order, from the indexed city and GeoNames columns."""
        where, params = self._filters(None, None, city)
        return list(self._decoded(f"WHERE {where} ORDER BY position", params))

    def id_range(self) -> tuple[int, int] | None:
        low, high = self._db.execute("SELECT MIN(id), MAX(id) FROM site").fetchone()
        return (low, high) if low is not None else None

    def preferred_cities(self) -> frozenset[int]:
        return frozenset(self._meta("cities"))

    def _fields(self) -> tuple[str, ...]:
        """The Site fields this index stores (its meta "fields") that Site has, in Site's order: what
        each row read by `_columns` holds."""
        if self._names is None:
            stored = set(self._meta("fields"))
            self._names = tuple(name for name in Site._fields if name in stored and name in _COLUMNS)
        return self._names

    def _columns(self) -> str:
        """The SELECT list of a row's `_fields`, each read by its name (see _COLUMNS)."""
        return ", ".join(_COLUMNS[name] for name in self._fields())

    def _meta(self, key: str):  # type: ignore[no-untyped-def]
        """Facts about the whole file, computed once when the index was built (a scan costs ~100 ms)."""
        return json.loads(self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()[0])

    def listing(self, province: str | None, city: CityFilter | None, status: StatusFilter,
                countries: frozenset[str] | None = None, trials: frozenset[str] | None = None) -> list[Site]:
        """As MemorySource.listing, every filter answered from an indexed column, in `list` order."""
        return list(self.listing_stream(province, city, status, countries, trials))

    def listing_stream(self, province: str | None, city: CityFilter | None, status: StatusFilter,
                       countries: frozenset[str] | None = None, trials: frozenset[str] | None = None) -> StreamedSites:
        """The listing as an iterable that decodes its rows as they are read (`list --json` of a
        million sites holds one batch at a time), with its length counted by the index."""
        where, params = self._filters(province, status, city, countries, trials)
        count = self._db.execute(f"SELECT COUNT(*) FROM site WHERE {where}", params).fetchone()[0]
        return StreamedSites(count, lambda: self._decoded(
            f"WHERE {where} ORDER BY province_key, city_key, id", params),
            lambda: [row[0] for row in self._db.execute(f"SELECT DISTINCT nct_id FROM site WHERE {where}", params)])

    def candidates(self, origin: Place, limit: int | None, within_km: float | None, province: str | None,
                   status: StatusFilter, trials: frozenset[str] | None = None,
                   countries: frozenset[str] | None = None) -> Candidates:
        """Ranked on the coordinates columns; only the rows that can be among the answer are decoded."""
        where, params = self._filters(province, status, countries=countries, trials=trials)
        considered = (self._db.execute(f"SELECT COUNT(*) FROM site WHERE {where}", params).fetchone()[0]
                      if params else self._meta("count"))
        unplaced = self._db.execute(f"SELECT COUNT(*) FROM site WHERE latitude IS NULL AND {where}",
                                    params).fetchone()[0]
        if trials is not None and considered <= FEW_SITES:
            # a few trials' sites: read them all through the trial index, rather than widening a box
            # over the whole file (--trial of a 30-site study among 30,000 sites: one query, not five)
            return Candidates(list(self._decoded(f"WHERE latitude IS NOT NULL AND {where} ORDER BY position", params)),
                              unplaced, considered)
        radius = within_km if within_km is not None else FIRST_RADIUS_KM
        while True:  # widen the box until it holds `limit` sites within its inscribed circle
            box, box_params = bounding_box(origin.latitude, origin.longitude, radius)
            points = self._db.execute(f"SELECT position, latitude, longitude FROM site WHERE {box} AND {where}",
                                      [*box_params, *params]).fetchall()
            rough = [sphere_km(origin.latitude, origin.longitude, latitude, longitude)
                     for _, latitude, longitude in points]
            inside = sum(km <= radius / SPHERE_MARGIN for km in rough)
            # no limit and no radius: every site, so the box grows to the whole earth
            if within_km is not None or (limit is not None and inside >= limit) or radius >= HALF_EARTH_KM:
                break
            radius = min(radius * 4, HALF_EARTH_KM)
        # rank_sites' own cutoff, on the coordinates alone: a site beyond it cannot be shown
        cutoff = (heapq.nsmallest(limit, rough)[-1] * SPHERE_MARGIN + SPHERE_SLACK_KM
                  if limit is not None and len(rough) > limit else math.inf)
        if within_km is not None:
            cutoff = min(cutoff, within_km * SPHERE_MARGIN + SPHERE_SLACK_KM)
        wanted = sorted(point[0] for point, km in zip(points, rough) if km <= cutoff)  # file order
        sites: list[Site] = []
        for start in range(0, len(wanted), BATCH_ROWS):
            chunk = wanted[start:start + BATCH_ROWS]
            sites += self._decoded(f"WHERE position IN ({','.join('?' * len(chunk))}) ORDER BY position", chunk)
        return Candidates(sites, unplaced, considered)

    def count_matching(self, province: str | None, status: StatusFilter, city: CityFilter | None = None,
                       countries: frozenset[str] | None = None, trials: frozenset[str] | None = None) -> int:
        where, params = self._filters(province, status, city, countries, trials)
        return self._db.execute(f"SELECT COUNT(*) FROM site WHERE {where}", params).fetchone()[0]

    def statuses_counted(self, province: str | None, city: CityFilter | None = None,
                         countries: frozenset[str] | None = None,
                         trials: frozenset[str] | None = None) -> dict[tuple[str | None, str], int]:
        """As MemorySource.statuses_counted, counted in SQL: no site is decoded (an empty `list
        --status` over a million sites read them all to count them)."""
        where, params = self._filters(province, None, city, countries, trials)
        return {(status, nct): count for status, nct, count in self._db.execute(
            f"SELECT status, nct_id, COUNT(*) FROM site WHERE {where} GROUP BY status, nct_id", params).fetchall()}

    def areas_counted(self, province: str | None, city: CityFilter | None = None,
                      countries: frozenset[str] | None = None, trials: frozenset[str] | None = None) -> dict[str, int]:
        """As MemorySource.areas_counted, by the index's area column (no row decoded)."""
        where, params = self._filters(province, None, city, countries, trials)
        return dict(self._db.execute(f"SELECT area, COUNT(*) FROM site WHERE {where} GROUP BY area", params).fetchall())

    def count_unplaced(self, province: str | None, status: StatusFilter, countries: frozenset[str] | None = None,
                       trials: frozenset[str] | None = None) -> int:
        where, params = self._filters(province, status, None, countries, trials)
        return self._db.execute(f"SELECT COUNT(*) FROM site WHERE latitude IS NULL AND {where}", params).fetchone()[0]

    def _filters(self, province: str | None, status: StatusFilter, city: CityFilter | None = None,
                 countries: frozenset[str] | None = None, trials: frozenset[str] | None = None
                 ) -> tuple[str, list[object]]:
        clauses: list[str] = ["1"]
        params: list[object] = []
        if province is not None:  # the region column: countries.site_region, as filter_sites reads it
            from sitefinder.countries import regions_named

            regions = sorted(regions_named(province))
            clauses.append(f"region IN ({', '.join('?' * len(regions))})")
            params.extend(regions)
        if city is not None:
            either, params_of = ["city_key = ?"], list[object]([city.key])
            if city.geonameid is not None:
                either.append("geonameid = ?")
                params_of.append(city.geonameid)
            if city.at is not None and city.names:
                box, box_params = bounding_box(*city.at, SAME_PLACE_KM)
                either.append(f"(city_key IN ({', '.join('?' * len(city.names))}) AND {box})")
                params_of += [*sorted(city.names), *box_params]
            clauses.append("(" + " OR ".join(either) + ")")
            params.extend(params_of)
        if countries is not None:
            clauses.append(f"area IN ({', '.join('?' * len(countries))})" if countries else "0")
            params.extend(sorted(countries))
        if trials is not None:
            ordered = sorted(trials)
            # a temporary table would do for thousands; --trial and --condition name tens
            clauses.append(f"nct_id IN ({', '.join('?' * len(ordered))})" if ordered else "0")
            params.extend(ordered)
        if status is not None and self._meta("many_trials"):  # each site shows its own trial's status
            wanted = status if isinstance(status, frozenset) else frozenset([status])
            named = sorted(value for value in wanted if value is not None)
            either = [f"shown_status IN ({', '.join('?' * len(named))})"] if named else []
            either += ["shown_status IS NULL"] if None in wanted else []
            clauses.append("(" + (" OR ".join(either) or "0") + ")")
            params.extend(named)
        elif status is not None:
            stored = site_statuses_shown_as(status, self.trial.overall_status)
            named = [value for value in stored if value is not None]
            either = [f"status IN ({', '.join('?' * len(named))})"] if named else []
            either += ["status IS NULL"] if None in stored else []
            clauses.append("(" + (" OR ".join(either) or "0") + ")")
            params.extend(named)
        return " AND ".join(clauses), params


class StreamedSites:
    """Sites read from the index as they are iterated; len() without reading them."""

    def __init__(self, count: int, rows: Callable[[], Iterator[Site]],
                 trial_ids: Callable[[], list[str]] = list) -> None:
        self._count, self._rows, self._trial_ids = count, rows, trial_ids

    def trial_ids(self) -> list[str]:
        """The trials the sites belong to, asked of the index (no site decoded): an answer of one
        trial's sites names that trial at its top, before its rows are written."""
        return self._trial_ids()

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __iter__(self) -> Iterator[Site]:
        return self._rows()


MAX_INDEXES = 16  # cached indexes kept in all (the most recently built); each dataset keeps one


def open_source(path: Path, progress: Callable[[str], None] | None = None) -> MemorySource | IndexedSource:
    """In memory for ordinary files, through the cached index for large ones. A dataset's
    DIR/sites.csv is read from the version in use, and its trial.json from the same version.
    `progress` is told, now and then, how far a first index build has come, once it has taken
    over a second."""
    from sitefinder.sitesfile import read_pinned

    return read_pinned(path, lambda pinned: _open_pinned(path, pinned, progress))


def _open_pinned(given: Path, path: Path, progress: Callable[[str], None] | None = None) -> MemorySource | IndexedSource:
    """`path` is the file to read (`given`'s version in use, for a dataset); messages name `given`.
    Read once: open_source reads again when a writer replaced the version meanwhile."""
    from sitefinder.sitesfile import read_sites_version

    try:
        stat = path.stat()
    except OSError:
        return MemorySource(read_sites_version(given, path))  # reading reports the problem with the file's name
    if stat.st_size < versions.INDEX_THRESHOLD_BYTES or not path.is_file():
        return MemorySource(read_sites_version(given, path))
    from sitefinder.catalogue import one_trial

    import hashlib  # here: it loads OpenSSL, 3 ms that ordinary files never need

    # Every edit changes the ctime, which no tool can set back (cp -p and tar restore the mtime; a
    # same-length edit keeps the size): with the inode, an edited or replaced file never matches.
    stamp = f"{INDEX_SCHEMA} {stat.st_dev} {stat.st_ino} {stat.st_size} {stat.st_mtime_ns} {stat.st_ctime_ns}"
    stamp += _trials_stamp(path)
    # Named by the path given (a dataset's versions share it, and each replaces the last one's
    # index) and by the file read.
    index_path = cache_dir() / (f"sites-{hashlib.sha256(str(given.absolute()).encode()).hexdigest()[:16]}-"
                                f"{hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:8]}.sqlite")
    db = _open_index(index_path, stamp)
    if db is None:
        # validates every row first, reading the file row by row
        db = _build_index(index_path, stamp, path, given, stat.st_size, progress)
        if db is None:  # no writable cache: slower, and bounded by what memory may hold, but the same answer
            return MemorySource(read_sites_version(given, path))
        prune_indexes(index_path)
    source = IndexedSource(db, Trial(), str(given), index_path)
    ids = source.trial_ids()  # the trials' facts stay in the index until asked for
    source.trial = one_trial(path, given if given != path else None, ids,
                             lambda: source.trials_by_id(ids)[ids[0]])
    return source


def prune_indexes(kept: Path) -> None:
    """Remove the indexes of the same path's earlier versions, and all but the MAX_INDEXES newest
    in all: the cache would otherwise keep a copy of every version of every dataset. A reader that
    has one open keeps reading it (POSIX); one that opens it next rebuilds it."""
    prefix = kept.name.rsplit("-", 1)[0] + "-"
    try:
        indexes = [(entry.stat().st_mtime_ns, entry) for entry in kept.parent.glob("sites-*.sqlite")]
    except OSError:
        return
    indexes.sort(reverse=True)
    for rank, (_, entry) in enumerate(indexes):
        if entry != kept and (entry.name.startswith(prefix) or rank >= MAX_INDEXES):
            try:
                entry.unlink()
            except OSError:
                pass


def _trials_stamp(path: Path) -> str:
    """trials.json is part of the index (each trial's row, its terms, every site's shown status)."""
    from sitefinder.catalogue import trials_path_for

    try:
        stat = trials_path_for(path).stat()
    except OSError:
        return " -"
    return f" {stat.st_dev} {stat.st_ino} {stat.st_size} {stat.st_mtime_ns} {stat.st_ctime_ns}"


def _open_index(index_path: Path, stamp: str) -> sqlite3.Connection | None:
    import sqlite3

    if not index_path.exists():
        return None
    try:
        db = _connect_read_only(index_path)
        row = db.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
        if row and row[0] == stamp:
            return db
        db.close()
    except sqlite3.Error:
        pass  # damaged or from another version: rebuilt below
    return None


def _build_index(index_path: Path, stamp: str, path: Path, named: Path, size: int,
                 progress: Callable[[str], None] | None) -> sqlite3.Connection | None:
    """The index of a sites file, built from the file read row by row: memory stays one batch of
    rows whatever the file's size. A bad row is its DataFileError (no index is left behind).
    `path` is the file read; messages name `named` (the path the user gave)."""
    import sqlite3

    from sitefinder.errors import DataFileError

    if size > MAX_INDEXED_FILE_BYTES:
        raise DataFileError(named, key="data.too_large_index", most=MAX_INDEXED_FILE_BYTES // 1024**3)

    def write(tmp: Path) -> None:
        with _collector_paused():
            try:
                _fill_new(tmp, lambda db: _fill_index(db, stamp, path, named, size, progress, _two_cores(size)))
            except _PartFailed:
                # the single-process build says what is wrong, and where, exactly as ever (or builds
                # the index after all: a worker that was killed only costs time)
                _fill_new(tmp, lambda db: _fill_index(db, stamp, path, named, size, progress, False))

    try:
        replace_atomically(index_path, write)  # a concurrent reader sees the old index or the new one
        return _connect_read_only(index_path)
    except (OSError, sqlite3.Error):
        return None


def _fill_new(tmp: Path, fill: Callable[[sqlite3.Connection], None]) -> None:
    """`fill` an empty database at `tmp` (emptied first: a build given up half way is started again)."""
    import sqlite3

    tmp.write_bytes(b"")
    db = sqlite3.connect(tmp)
    try:
        fill(db)
    finally:
        db.close()


# A file this large is indexed by two processes, each reading, checking and storing half of it
# (fork, where there is a second core to run on). Measured on benchmarks/make_sites.py files, wall:
# 1M rows (221 MB) 33 s -> 25 s, 100k (22 MB) 4.2 -> 2.6 s, 30k (6.5 MB) 0.75 -> 0.65 s; at 12k
# (2.6 MB) the fork, the part's copy and the worker's start cost about what they save.
TWO_PROCESSES_FROM_BYTES = 4 * 1024**2


def _two_cores(size: int) -> bool:
    """Whether the build of a file of `size` bytes shares its work with a second process."""
    import os

    if size < TWO_PROCESSES_FROM_BYTES or not hasattr(os, "fork"):
        return False
    usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    return len(usable) >= 2


class _PartFailed(Exception):
    """The two-process build gave up (a bad row, a repeated id, a worker that died): the build is
    done again by one process, which reports what it finds as ever."""


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while an index is built: the build makes no cycles, only rows
    that are let go batch by batch, and the collector kept scanning them (at 300k rows 1.1 s of
    10.5 s of CPU, in 1,370 collections)."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _connect_read_only(index_path: Path) -> sqlite3.Connection:
    import sqlite3

    return sqlite3.connect(f"{index_path.resolve().as_uri()}?mode=ro", uri=True)


def _site_tables(unique_ids: bool = True) -> str:
    # apart from the columns indexed, so that building each lookup reads a narrow table (the folded
    # facility, scanned by `show`, here too: at 1M rows the eight lookups took 10.3 s with it, 8.2 without)
    # the other fields of the Site, a column each (_COLUMNS reads them by name); contacts as the
    # JSON text of their stored shape, '' when none; nct_given NULL when the site's trial is
    # site.nct_id as given, '' when the file named none (site.nct_id is then the one trial's).
    # A worker's part has no UNIQUE ids: they are checked when the part joins the index.
    return f"""
        CREATE TABLE site (position INTEGER PRIMARY KEY, id INTEGER NOT NULL{" UNIQUE" if unique_ids else ""},
                           line INTEGER NOT NULL, latitude REAL, longitude REAL, region TEXT NOT NULL,
                           province_key TEXT NOT NULL, city_key TEXT NOT NULL, status TEXT, geonameid INTEGER,
                           nct_id TEXT NOT NULL, shown_status TEXT, area TEXT NOT NULL);
        CREATE TABLE site_row (position INTEGER PRIMARY KEY, facility TEXT NOT NULL, city TEXT NOT NULL,
                               province TEXT NOT NULL, country TEXT NOT NULL, coordinate_precision TEXT NOT NULL,
                               coordinate_source TEXT NOT NULL, location_note TEXT NOT NULL, contacts TEXT NOT NULL,
                               nct_given TEXT, facility_key TEXT NOT NULL);
    """


_SITE_COLUMNS = ("position, id, line, latitude, longitude, region, province_key, city_key, status, geonameid, "
                 "nct_id, shown_status, area")
_ROW_COLUMNS = ("position, facility, city, province, country, coordinate_precision, coordinate_source, "
                "location_note, contacts, nct_given, facility_key")


class _Span(io.RawIOBase):
    """The bytes of a file from `start` to `end` (None: to its end), read as a file of their own;
    `done` counts those read."""

    def __init__(self, path: Path, start: int = 0, end: int | None = None) -> None:
        super().__init__()
        self._file = path.open("rb", buffering=0)
        self._file.seek(start)
        self._left, self.done = (None if end is None else end - start), 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        view = memoryview(buffer)
        if self._left is not None:
            view = view[:self._left]
        read = self._file.readinto(view) or 0
        self.done += read
        if self._left is not None:
            self._left -= read
        return read

    def close(self) -> None:
        self._file.close()
        super().close()


@contextmanager
def _text_of(span: _Span, encoding: str) -> Iterator[io.TextIOWrapper]:
    # decoded by a wrapper of our own, so that progress reads the byte offset
    with span, io.BufferedReader(span, 1 << 16) as buffered, \
            io.TextIOWrapper(buffered, encoding=encoding, newline="") as handle:
        yield handle


class _Filled(NamedTuple):
    positions: int  # rows read, blank ones counted (the next row's position)
    sites: int  # sites stored
    lines: int  # lines read


def _fill_sites(db: sqlite3.Connection, reader: SitesReader, converter: _IndexRows, named: Path,
                site_counts: dict[str, int], after_batch: Callable[[int], None]) -> _Filled:
    """Store the sites `reader` reads, converted batch by batch; each site's trial counted in
    `site_counts` (and a trial no trials.json describes added to the converter's catalogue);
    `after_batch` is told the count so far."""
    import sqlite3

    from sitefinder.sitesfile import duplicate_id

    catalogue, one = converter.catalogue, converter.one
    count = positions = 0

    def insert(rows: list[tuple], texts: list[tuple]) -> None:
        try:
            db.executemany("INSERT INTO site VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            db.executemany("INSERT INTO site_row VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", texts)
        except sqlite3.IntegrityError:  # a repeated id: say where it was first, as the file reader does
            for row in rows:  # the rows before the repeat went in; the first one already there is it
                first = db.execute("SELECT line FROM site WHERE id = ?", (row[1],)).fetchone()
                if first and first[0] != row[2]:
                    raise duplicate_id(named, row[1], first[0], row[2]) from None
            raise

    for start, batch in _batches(reader.rows()):
        rows, texts, trials = converter.convert(start, batch)
        positions = start + len(batch)
        for nct, sites in trials.items():  # in file order, so that the trial table's order is the file's
            site_counts[nct or one.nct_id] = site_counts.get(nct or one.nct_id, 0) + sites
            if nct and nct not in catalogue:  # a trial no trials.json describes: still --trial
                catalogue[nct] = Trial(nct_id=nct)
        insert(rows, texts)
        count += len(rows)
        after_batch(count)
    return _Filled(positions, count, reader.lines_read())


def _fill_index(db: sqlite3.Connection, stamp: str, path: Path, named: Path, size: int,
                progress: Callable[[str], None] | None, two_processes: bool = False) -> None:
    import time

    from sitefinder.sitesfile import SitesReader, no_sites
    from sitefinder.wording import said  # how far it has come, said where a person reads it (streams.progress)

    db.executescript("""
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        PRAGMA cache_size = -65536;
        -- CREATE INDEX sorts on a second thread too when a core is free (at 1M rows, load 4: the eight
        -- lookups in 14.0 s wall rather than 18.5, the same CPU)
        PRAGMA threads = 2;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """ + _site_tables())
    from sitefinder.catalogue import trials_beside

    # each site's trial, for the status it shows (its own trial's when it gives none) and the trial table
    one, described = trials_beside(path, named if named != path else None, named=None)  # checked by _open_pinned
    catalogue = {trial.nct_id: trial for trial in described}
    site_counts: dict[str, int] = {}
    started = time.monotonic()
    shown = started - PROGRESS_EVERY
    split = _halfway_boundary(path, size) if two_processes else None
    span = _Span(path, 0, split)
    part: _Part | None = None

    def said_progress(count: int) -> None:
        nonlocal shown
        now = time.monotonic()
        if progress is not None and now - started >= PROGRESS_AFTER_SECONDS and now - shown >= PROGRESS_EVERY:
            shown = now
            more, bytes_done = part.progress() if part is not None else (0, 0)
            progress(said("progress.indexing", name=named.name, sites=count + more,
                           percent=(span.done + bytes_done) * 100 // max(size, 1)))

    def after_batch(count: int) -> None:
        if part is not None:
            part.check()
        said_progress(count)

    with _text_of(span, "utf-8-sig") as handle:
        reader = SitesReader(named, handle)
        converter = _IndexRows(reader, one, catalogue)
        if split is None:
            filled = _fill_sites(db, reader, converter, named, site_counts, after_batch)
        else:
            with _Part.started(path, named, split, reader.header, one, catalogue, db) as part:
                try:
                    filled = _fill_sites(db, reader, converter, named, site_counts, after_batch)
                except SitefinderError:  # the first half's, or the second's before it: one process says which
                    raise _PartFailed() from None
                filled = part.joined(db, filled, converter, site_counts, said_progress)
    count = filled.sites
    if not count:
        raise no_sites(named)
    province_keys, city_keys, country_keys, cities = converter.seen()
    if progress is not None and time.monotonic() - started >= PROGRESS_AFTER_SECONDS:
        progress(said("progress.lookups", name=named.name, sites=count))
    for column in ("latitude, longitude", "region", "city_key", "geonameid", "area", "status",
                   "province_key, city_key, id", "nct_id"):
        db.execute(f"CREATE INDEX site_{column.split(',')[0]} ON site ({column})")
    _fill_trials(db, [TrialRow(trial, site_counts.get(nct, 0)) for nct, trial in catalogue.items()])
    facts = {"stamp": stamp, "count": json.dumps(count), "cities": json.dumps(sorted(cities)),
             "provinces": json.dumps(sorted(province_keys), ensure_ascii=False),
             "countries": json.dumps(sorted(country_keys), ensure_ascii=False),
             "city_names": json.dumps(sorted(city_keys), ensure_ascii=False),
             "many_trials": json.dumps(len(described) > 1), "fields": json.dumps(list(_COLUMNS))}
    db.executemany("INSERT INTO meta VALUES (?, ?)", facts.items())
    db.commit()
    if progress is not None and time.monotonic() - started >= PROGRESS_AFTER_SECONDS:
        progress(said("progress.indexed", name=named.name, sites=count,
                      seconds=f"{time.monotonic() - started:.0f}"))


SPLIT_SEARCH_BYTES = 1024**2  # how far past the middle a line break outside quotes is looked for


def _halfway_boundary(path: Path, size: int) -> int | None:
    """A byte offset near the middle of the file, just after a line break with an even number of
    quote characters before it, where a row starts (else the first half's reader reports the end of
    the file inside a quoted field, and the build is done by one process); None if none is found
    within SPLIT_SEARCH_BYTES."""
    target, quotes, read = size // 2, 0, 0
    with path.open("rb") as handle:
        while read < target:
            chunk = handle.read(min(1 << 20, target - read))
            if not chunk:
                return None
            quotes += chunk.count(b'"')
            read += len(chunk)
        while read < target + SPLIT_SEARCH_BYTES:
            chunk = handle.read(1 << 16)
            start = 0
            while (end := chunk.find(b"\n", start)) >= 0:
                quotes += chunk.count(b'"', start, end + 1)
                start = end + 1
                if quotes % 2 == 0:
                    return read + start if read + start < size else None
            quotes += chunk.count(b'"', start)
            read += len(chunk)
            if not chunk:
                return None
    return None


class _Part:
    """The second half of a sites file, read, checked and stored by a forked process into a
    database of its own beside the index, then copied into the index: the work of a large build
    shared by two cores. Anything that goes wrong in it (a bad row, a dead process) is _PartFailed."""

    def __init__(self, pid: int, part: Path, shared: mmap.mmap) -> None:
        self.pid, self.path, self._shared = pid, part, shared
        self._status: int | None = None

    @classmethod
    @contextmanager
    def started(cls, path: Path, named: Path, split: int, header: list[str], one: Trial,
                catalogue: dict[str, Trial], db: sqlite3.Connection) -> Iterator[_Part]:
        import mmap
        import os
        import signal

        target = Path(db.execute("PRAGMA database_list").fetchone()[2] + ".part")
        target.unlink(missing_ok=True)
        shared = mmap.mmap(-1, 16)  # the worker's count and bytes read, for the progress line
        pid = os.fork()
        if pid == 0:  # pragma: no cover (the worker: measured by the parent's tests of its result)
            code = 1
            try:
                _fill_part(target, path, named, split, header, one, dict(catalogue), shared)
                code = 0
            finally:
                os._exit(code)  # never the parent's cleanup, its buffered output or its atexit
        part = cls(pid, target, shared)
        try:
            yield part
        finally:
            if part._status is None:  # given up (or interrupted): the worker is not waited for
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                os.waitpid(pid, 0)
            target.unlink(missing_ok=True)
            shared.close()

    def progress(self) -> tuple[int, int]:
        import struct

        count, done = struct.unpack_from("qq", self._shared)
        return count, done

    def check(self) -> None:
        """_PartFailed if the worker has stopped on a problem."""
        import os

        if self._status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self._status = status
        if self._status is not None and self._status != 0:
            raise _PartFailed()

    def joined(self, db: sqlite3.Connection, first: _Filled, converter: _IndexRows, site_counts: dict[str, int],
               said_progress: Callable[[int], None]) -> _Filled:
        """The worker's rows copied into the index `db` after `first`'s (positions and lines counted
        on from them), with what it saw of them; _PartFailed if it failed or repeats an id."""
        import os
        import pickle
        import sqlite3
        import time

        while self._status is None:  # its progress said while it finishes
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self._status = status
                break
            said_progress(first.sites)
            time.sleep(0.02)
        self.check()
        db.commit()  # ATTACH is refused inside a transaction
        db.execute("ATTACH DATABASE ? AS part", (str(self.path),))
        try:
            (summary,), = db.execute("SELECT value FROM part.summary").fetchall()
            filled, counts, order, seen = pickle.loads(summary)
            try:
                db.execute(f"INSERT INTO site SELECT position + ?, id, line + ?, "
                           f"{_SITE_COLUMNS.split(', ', 3)[3]} FROM part.site ORDER BY position",
                           (first.positions, first.lines))
            except sqlite3.IntegrityError:  # an id of the first half again (the one process says where)
                raise _PartFailed() from None
            db.execute(f"INSERT INTO site_row SELECT position + ?, {_ROW_COLUMNS.split(', ', 1)[1]} "
                       f"FROM part.site_row ORDER BY position", (first.positions,))
            db.commit()
        finally:
            db.execute("DETACH DATABASE part")
        for nct, sites in counts.items():
            site_counts[nct] = site_counts.get(nct, 0) + sites
        for nct in order:  # the trials first named in the second half, after those of the first
            if nct not in converter.catalogue:
                converter.catalogue[nct] = Trial(nct_id=nct)
        converter.join(seen)
        return _Filled(first.positions + filled.positions, first.sites + filled.sites, first.lines + filled.lines)


def _fill_part(target: Path, path: Path, named: Path, split: int, header: list[str], one: Trial,
               catalogue: dict[str, Trial], shared: mmap.mmap) -> None:
    """The worker's half: the rows from byte `split` on, stored in `target` with positions and
    lines counted from the half's start, and what the index's meta and trial tables need of them."""
    import pickle
    import sqlite3
    import struct

    from sitefinder.gazetteer import open_shipped
    from sitefinder.sitesfile import SitesReader

    open_shipped.cache_clear()  # its own connection: an SQLite connection is never used across a fork
    db = sqlite3.connect(target)
    try:
        # a small cache: the part's tables are only appended to; the index's own keeps its 64 MB
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -8192;"
                         + _site_tables(unique_ids=False))
        span = _Span(path, split)
        with _text_of(span, "utf-8") as handle:  # a U+FEFF here is text, not a byte order mark
            reader = SitesReader(named, handle, header=header)
            converter = _IndexRows(reader, one, catalogue)
            known = list(catalogue)
            counts: dict[str, int] = {}
            filled = _fill_sites(db, reader, converter, named, counts,
                                 lambda count: struct.pack_into("qq", shared, 0, count, span.done))
        known_set = set(known)
        order = [nct for nct in catalogue if nct not in known_set]
        db.execute("CREATE TABLE summary (value BLOB NOT NULL)")
        db.execute("INSERT INTO summary VALUES (?)", (pickle.dumps((filled, counts, order, converter.seen())),))
        db.commit()
    finally:
        db.close()


def _batches(rows: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[tuple[int, list[str]]]]]:
    """(position of the first, rows) for each BATCH_ROWS rows, in file order (a position is the
    row's rank in the file, blank rows counted)."""
    batch: list[tuple[int, list[str]]] = []
    start = 0
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH_ROWS:
            yield start, batch
            start += len(batch)
            batch = []
    if batch:
        yield start, batch


# Provinces, cities and countries (their fold) by their text, GeoNames ids
_Seen = tuple[dict[str, str], dict[str, str], dict[str, str], set[int]]


class _Converted(NamedTuple):
    rows: list[tuple]  # the site table's
    texts: list[tuple]  # site_row's
    trials: dict[str, int]  # the batch's sites by the nct_id each names, in the order they first appear


class _IndexRows:
    """The index's rows of a batch of a sites file's rows; what the meta table needs of them all.

    Column by column (the batch's records transposed, each key looked up by a C-level map): the
    folded keys of each distinct province, city and country are computed once (they repeat: 1M
    rows name about 20k cities), and their texts are the file's lists of each."""

    def __init__(self, reader: SitesReader, one: Trial, catalogue: dict[str, Trial]) -> None:
        self.reader, self.one, self.catalogue = reader, one, catalogue
        self.province_keys: dict[str, str] = {}  # fold
        self.shown_keys: dict[tuple[str, str], str] = {}  # the shown province folded, by (region key, state)
        self.city_keys: dict[str, str] = {}
        self.country_keys: dict[str, str] = {}
        self.cities: set[int | None] = set()
        self.shown_statuses: dict[tuple[str | None, str], str | None] = {}  # by (site status, nct_id)
        # (countries.site_area, countries.written_region) by (country, province, city, GeoNames id)
        self.places: dict[tuple[str, str, str, int | None], tuple[str, str | None]] = {}

    def convert(self, start: int, batch: list[tuple[int, list[str]]]) -> _Converted:
        """The index's rows of a batch. A bad row is its DataFileError."""
        kept, columns = self.reader.record_columns(batch)
        lines: Sequence[int] = [line for line, _ in batch]
        positions: Sequence[int] = range(start, start + len(batch))
        if kept is not None:  # blank rows: their positions are left out
            if not any(kept):
                return _Converted([], [], {})
            positions, lines = list(compress(positions, kept)), list(compress(lines, kept))
        (site_ids, facilities, cities, provinces, countries, statuses, latitudes, longitudes,
         precisions, sources, notes, contacts, geonameids, site_ncts) = columns
        self.cities.update(geonameids)
        trials = dict(Counter(site_ncts))  # in the order they first appear
        catalogue, one = self.catalogue, self.one
        shown_keys = list(zip(statuses, site_ncts))
        for key in dict.fromkeys(shown_keys):  # in file order, so that a new trial joins the catalogue so
            if key not in self.shown_statuses:
                status, site_nct = key
                if site_nct and site_nct not in catalogue:
                    catalogue[site_nct] = Trial(nct_id=site_nct)
                self.shown_statuses[key] = effective_status(status, catalogue.get(site_nct, one).overall_status)[0]
        for province in set(provinces).difference(self.province_keys):
            self.province_keys[province] = fold(province)
        for names, keys in ((cities, self.city_keys), (countries, self.country_keys)):
            for text in set(names).difference(keys):
                keys[text] = fold(text)
        ncts = [site_nct or one.nct_id for site_nct in site_ncts]
        # each distinct place's area (countries.site_area) and region (countries.site_region, but for
        # a row its registry's point decides) worked out once, and looked up by a C-level map: a call
        # a row cost a tenth of a million rows' build
        places = list(zip(countries, provinces, cities, geonameids))
        if len(self.places) > MAX_REMEMBERED_PLACES:  # bounded: a file of all-different places is only slower
            self.places.clear()
        from sitefinder.countries import pointed_region, site_area, written_region
        from sitefinder.gazetteer import open_shipped as open_gazetteer

        gazetteer = open_gazetteer()  # one per process, opened by the first batch
        for place in set(places).difference(self.places):
            self.places[place] = (site_area(*place[:3], gazetteer), written_region(*place, gazetteer))
        known = list(map(self.places.__getitem__, places))
        regions = list(map(itemgetter(1), known))
        if None in regions:
            for at in [at for at, region in enumerate(regions) if region is None]:
                regions[at] = pointed_region(countries[at], provinces[at], cities[at], latitudes[at], longitudes[at],
                                             gazetteer)
        from sitefinder.countries import shown_region_named

        # sorted by the province shown (sort_by_region), not the registry's text
        pairs = list(zip(regions, provinces))
        for pair in set(pairs).difference(self.shown_keys):  # each distinct (region, state) once
            self.shown_keys[pair] = shown_key(shown_region_named(*pair, gazetteer))
        shown = map(self.shown_keys.__getitem__, pairs)
        rows = list(zip(positions, site_ids, lines, latitudes, longitudes, regions,
                        shown, map(self.city_keys.__getitem__, cities),
                        statuses, geonameids, ncts,
                        map(self.shown_statuses.__getitem__, shown_keys), map(itemgetter(0), known)))
        texts = list(zip(positions, facilities, cities, provinces, countries, precisions, sources, notes,
                         contacts, map(_NCT_GIVEN.get, site_ncts), map(fold, facilities)))
        return _Converted(rows, texts, trials)

    def seen(self) -> _Seen:
        return self.province_keys, self.city_keys, self.country_keys, {city for city in self.cities if city is not None}

    def join(self, seen: _Seen) -> None:
        """What another converter `seen` of the file's other rows."""
        province_keys, city_keys, country_keys, cities = seen
        self.province_keys.update(province_keys)
        self.city_keys.update(city_keys)
        self.country_keys.update(country_keys)
        self.cities.update(cities)


def _fill_trials(db: sqlite3.Connection, rows: list[TrialRow]) -> None:
    """Each trial's facts as one row, the columns `info` lists, and its condition terms (for --condition)."""
    from sitefinder.catalogue import condition_terms
    from sitefinder.trial import trial_to_dict

    db.execute("""CREATE TABLE trial (nct_id TEXT PRIMARY KEY, position INTEGER NOT NULL, brief_title TEXT NOT NULL,
                  acronym TEXT NOT NULL, overall_status TEXT, phase TEXT NOT NULL, last_update TEXT NOT NULL,
                  retrieved TEXT NOT NULL, site_count INTEGER NOT NULL, row TEXT NOT NULL)""")
    db.execute("CREATE TABLE trial_term (term TEXT NOT NULL, nct_id TEXT NOT NULL)")
    db.executemany("INSERT INTO trial VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        (row.trial.nct_id, position, row.trial.brief_title, row.trial.acronym, row.trial.overall_status,
         row.trial.phase, row.trial.last_update, row.trial.retrieved, row.site_count,
         json.dumps(trial_to_dict(row.trial), ensure_ascii=False)) for position, row in enumerate(rows)])
    db.executemany("INSERT INTO trial_term VALUES (?, ?)",
                   [(term, row.trial.nct_id) for row in rows for term in condition_terms(row.trial)])


# Each field of a Site as the SELECT of a stored row reads it (`FROM site JOIN site_row`), by name:
# the index's meta "fields" lists the ones it stores (these), and a field it does not store reads as
# its default (Site's fields are checked against these by a test)
_COLUMNS = {"id": "id", "facility": "facility", "city": "city", "province": "province", "country": "country",
            "status": "status", "latitude": "latitude", "longitude": "longitude",
            "coordinate_precision": "coordinate_precision", "coordinate_source": "coordinate_source",
            "location_note": "location_note", "contacts": "contacts", "geonameid": "geonameid",
            "nct_id": "coalesce(nct_given, nct_id)"}
_NCT_GIVEN = {"": ""}  # .get: site_row.nct_given of a row's nct_id, "" for none, else None (site.nct_id's)

_CONTACTS = Site._fields.index("contacts")


def _decode(row: Sequence[object], names: tuple[str, ...] = Site._fields) -> Site:
    """A stored row as the SELECT of the fields `names` gives it (IndexedSource._columns): its
    contacts read from their text, a field the index does not store (an index built before the
    field existed) as Site's default."""
    values = list(row)
    if names == Site._fields:
        text = values[_CONTACTS]
        values[_CONTACTS] = contacts_from_list(json.loads(text)) if text else ()  # type: ignore[arg-type]
        return Site._make(values)
    fields = dict(zip(names, values))
    text = fields.get("contacts")
    fields["contacts"] = contacts_from_list(json.loads(text)) if text else ()  # type: ignore[arg-type]
    return Site(**fields)  # type: ignore[arg-type]


def filter_sites(sites: Iterable[Site], trial: Trial, province: str | None = None, city: CityFilter | None = None,
                 status: StatusFilter = None, countries: frozenset[str] | None = None,
                 trials: frozenset[str] | None = None, catalogue: dict[str, Trial] | None = None) -> list[Site]:
    """The sites matching every filter given; `status` compares the status shown (site's, else its
    trial's: from `catalogue` by the site's nct_id, else `trial`); `countries` holds the ISO codes
    of the countries or regions kept (countries.in_area, the rule the index's area column follows);
    `trials` the NCT ids kept."""
    catalogue = catalogue or {}
    if countries is not None or province is not None:
        from sitefinder.countries import in_area, region_of, regions_named
        from sitefinder.gazetteer import open_shipped as open_gazetteer

        gazetteer = open_gazetteer()
        wanted = regions_named(province, gazetteer) if province is not None else frozenset()
    return [
        site for site in sites
        if (province is None or region_of(site, gazetteer) in wanted)
        and (city is None or city.matches(site))
        and (countries is None or in_area(site, countries, gazetteer))
        and (trials is None or (site.nct_id or trial.nct_id) in trials)
        and status_matches(effective_status(site.status, catalogue.get(site.nct_id, trial).overall_status)[0], status)
    ]


def sort_by_region(sites: Sequence[Site]) -> list[Site]:
    """Province, then city, then id: how people scan a list of sites. The province shown
    (countries.shown_region), not the registry's text: by that, a site without a state came first
    and one shown province's rows were split ("Seoul" and "Republic of Korea"); the index's
    province_key column is this key (_IndexRows.convert)."""
    from sitefinder.countries import shown_region
    from sitefinder.gazetteer import open_shipped as open_gazetteer

    gazetteer = open_gazetteer()
    return sorted(sites, key=lambda site: (shown_key(shown_region(site, gazetteer)), fold(site.city), site.id))


def shown_key(province: str) -> str:
    """A shown province's sort key: folded, then as written (U+001F between), so that one region
    the registries spell two ways ("Tel Aviv", "Tel-Aviv") is two blocks, not rows interleaved by
    city; a site in none (Singapore's, one the gazetteer cannot place) after every province
    (U+10FFFF: the last character, by SQLite's byte order too), not before them all."""
    return f"{fold(province)}\x1f{province}" if province else "\U0010ffff"


def warm_index(path: Path) -> None:
    """Build a large dataset's index now (after an import or update), so that the first question
    asked of it is answered as fast as later ones: 1,000 studies' 30,000 sites take 1.8 s to index.
    Best effort: without a writable cache, questions are answered from the file. A file small
    enough to be read whole (no index) is not read again here (a writer asks versions.wants_index
    before importing this module at all)."""
    if not versions.wants_index(path):
        return
    try:
        source = open_source(path)
    except (SitefinderError, OSError):
        return
    if isinstance(source, IndexedSource):
        source._connection.close()
