"""Reading and writing sites files (data/sites.csv and files of the same schema).

A sites file comes from other hands (edited by someone, imported from the registry), so every
row is validated and every problem is reported with the file and line it is on.
"""

from __future__ import annotations

import csv
import errno
import functools
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

from sitefinder.contacts import contact_records, contacts_from_list, contacts_to_list, stored_text, stored_texts
from sitefinder.errors import DataFileError, MissingInput
from sitefinder.models import Contact, Site, SiteData
from sitefinder.status import STATUS_WORDS, normalize_status
from sitefinder.text import CELL_QUOTE, cell_text, inert_cell, quoted

COLUMNS = ("id", "facility", "city", "province", "country", "status", "latitude", "longitude",
           "coordinate_precision", "coordinate_source", "geonameid", "location_note", "contacts", "nct_id")
REQUIRED_COLUMNS = ("id", "facility", "city", "province", "country", "latitude", "longitude")
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_FIELD_CHARS = 2000
MAX_SITE_ID = 2**63 - 1  # SQLite's largest integer, so that every id fits the index
MAX_GEONAMEID = 2**31 - 1  # GeoNames ids are below 13 million today; a 32-bit ceiling leaves room


PIN_ATTEMPTS = 20  # a version replaced while it was read is read again, from the new one (bounded: 12
# writers at once on a loaded 2-core machine used up 5; each attempt is one small read)


def read_sites_file(path: Path) -> SiteData:
    """Load a sites file and the trials beside it: trials.json, else trial.json (an older single-trial file).

    A dataset's DIR/sites.csv is read from the version in use, and its trials from that same
    version (datasets.pinned_version): never one version's sites with another's trial facts."""
    return read_pinned(path, lambda pinned: read_sites_version(path, pinned))


_Read = TypeVar("_Read")


def read_pinned(path: Path, read: Callable[[Path], _Read]) -> _Read:
    """`read` of the version of `path` in use (versions.pinned_version), read again from the new
    one when a writer replaced it while it was read (a DataFileError then), up to PIN_ATTEMPTS
    times: the one retry loop of every reader, so that retries never nest."""
    from sitefinder.versions import pinned_version, replaced_while_read

    for attempt in range(PIN_ATTEMPTS):
        pinned = pinned_version(path)
        try:
            return read(pinned)
        except DataFileError:
            if attempt + 1 < PIN_ATTEMPTS and replaced_while_read(path, pinned):
                continue
            raise
    raise AssertionError("unreachable")  # pragma: no cover


def read_sites_version(path: Path, pinned: Path) -> SiteData:
    """The sites and trials of `pinned`, `path`'s version in use (messages name `path`), read once."""
    from sitefinder.catalogue import trials_beside

    sites = tuple(parse_sites(path, _read_text(pinned, shown=path)))
    trial, trials = trials_beside(pinned, shown=path if pinned != path else None, named={site.nct_id for site in sites})
    return SiteData(sites=sites, trial=trial, source=str(path), trials=trials)


def _read_text(path: Path, shown: Path | None = None) -> str:
    """The text of `path`; messages name `shown` (the path the user gave), when it is another."""
    from sitefinder.paths import read_bounded

    opened, path = path, shown or path
    try:
        raw = read_bounded(opened, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise MissingInput(path, key="data.no_sites_file") from None  # gone since the option was read
    except IsADirectoryError:
        raise DataFileError(path, key="data.is_directory") from None
    except OSError as exc:
        if exc.errno == errno.EFBIG:
            raise DataFileError(path, key="data.too_large", most=MAX_FILE_BYTES // 2**20) from None
        from sitefinder.wording import os_reason
        raise DataFileError(path, key="data.unreadable", what=os_reason(exc)) from None
    try:
        return raw.decode("utf-8-sig")  # a BOM, as spreadsheet programs write, is fine
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataFileError(path, line=line, key="data.not_utf8_byte", byte=raw[exc.start]) from None


def parse_sites(path: Path, text: str) -> list[Site]:
    """Validate and convert the rows of a sites file; `path` is only used in messages."""
    sites: list[Site] = []
    first_line_of_id: dict[int, int] = {}
    for line, site in iter_sites(path, io.StringIO(text, newline="")):
        if site.id in first_line_of_id:
            raise duplicate_id(path, site.id, first_line_of_id[site.id], line)
        first_line_of_id[site.id] = line
        sites.append(site)
    return sites


def duplicate_id(path: Path, site_id: int, first_line: int, line: int) -> DataFileError:
    return DataFileError(path, line=line, key="data.duplicate_id", site_id=site_id, first_line=first_line)


def iter_sites(path: Path, handle: Iterable[str]) -> Iterator[tuple[int, Site]]:
    """(line, site) for each row of a sites file read from `handle` (text, newline=""), validated
    as parse_sites validates, one row at a time: what it holds is one row, whatever the file's size.
    Ids are not checked for repeats here (the caller keeps what it needs for that)."""
    reader = SitesReader(path, handle)
    any_site = False
    for line, fields in reader.rows():
        site = reader.site(line, fields)
        if site is not None:
            any_site = True
            yield line, site
    if not any_site:
        raise no_sites(path)


# A site as what a large file's index stores (SitesReader.record): its fields in Site's order, its
# contacts as their stored text (contacts.stored_text of their stored shape), as `site_record` gives
# it for a Site. The index build stores the fields as they were checked, without a Site and its
# Contacts built and taken apart again (at 1M rows that round trip took about 8 s of CPU).
SiteRecord = tuple
SITE_RECORD_FIELDS = Site._fields


def site_record(site: Site) -> SiteRecord:
    return (*site[:11], stored_text(contacts_to_list(site.contacts)), *site[12:])


def _stored_contacts(items: Any) -> str:
    return stored_text(contact_records(items))


def no_sites(path: Path) -> DataFileError:
    return DataFileError(path, line=1, key="data.no_sites")


_Row = TypeVar("_Row")


class SitesReader:
    """A sites file's rows in two steps, so that the work can be shared out: `rows` yields (line,
    fields) for each row of the header's width (the CSV, its encoding and the width are checked as
    it reads), and `site` or `record` checks and converts one, or says None for a blank row. The
    header is read and checked when the reader is made; or given, already checked, to a reader of
    the rest of a file (`handle` starting at a row, its lines counted from 1)."""

    def __init__(self, path: Path, handle: Iterable[str], header: list[str] | None = None) -> None:
        self.path = path
        self._reader = csv.reader(handle, strict=True)  # strict: a stray quote is an error
        if header is not None:
            self.header, self._fast = header, _FastRow(header)
            return
        with self._errors():
            try:
                header = [name.strip() for name in next(self._reader)]
            except StopIteration:
                header = []
        if not any(header):
            raise DataFileError(path, line=1, key="data.empty_header", columns=",".join(REQUIRED_COLUMNS))
        missing = [name for name in REQUIRED_COLUMNS if name not in header]
        if missing:
            raise DataFileError(path, line=1, key="data.missing_column", missing=", ".join(missing),
                                columns=",".join(REQUIRED_COLUMNS))
        self.header, self._fast = header, _FastRow(header)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except csv.Error as exc:
            from sitefinder.wording import csv_reason
            raise DataFileError(self.path, line=self._reader.line_num, key="data.bad_csv",
                                detail=csv_reason(exc)) from None
        except UnicodeDecodeError as exc:  # a streamed read decodes as it goes
            raise DataFileError(self.path, line=self._reader.line_num + 1, key="data.not_utf8_byte",
                                byte=exc.object[exc.start]) from None

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        reader, width = self._reader, len(self.header)
        with self._errors():
            for fields in reader:
                if len(fields) != width:
                    if not "".join(fields).strip():
                        continue  # blank lines are harmless
                    raise DataFileError(self.path, line=reader.line_num, key="data.field_count", count=len(fields),
                                        width=width)
                yield reader.line_num, fields

    def lines_read(self) -> int:
        return self._reader.line_num

    def site(self, line: int, fields: list[str]) -> Site | None:
        return self._fast.site(fields) or self._fully_checked(line, fields, lambda site: site)

    def record(self, line: int, fields: list[str]) -> SiteRecord | None:
        return self._fast.record(fields) or self._fully_checked(line, fields, site_record)

    def records(self, batch: list[tuple[int, list[str]]]) -> Sequence[SiteRecord | None]:
        """`record` of each (line, fields) of a batch: the quick reader checks the whole batch
        column by column; a batch it is not sure of is read row by row (which reports the first
        bad row, as ever)."""
        quick = self._fast.records([fields for _, fields in batch])
        return quick if quick is not None else [self.record(line, fields) for line, fields in batch]

    def record_columns(self, batch: list[tuple[int, list[str]]]) -> tuple[list[bool] | None, Sequence[Sequence[Any]]]:
        """The records of a batch's sites as `records` reads them, column by column in SiteRecord's
        order (what the index build stores: the quick reader's columns are never made rows and taken
        apart again), and which rows are sites: None when every one is, else False for a blank one."""
        quick = self._fast.record_columns([fields for _, fields in batch])
        if quick is not None:
            return None, quick
        read = [self.record(line, fields) for line, fields in batch]
        records = [record for record in read if record is not None]
        kept = [record is not None for record in read] if len(records) < len(read) else None
        return kept, list(zip(*records)) if records else [()] * len(SITE_RECORD_FIELDS)

    def _fully_checked(self, line: int, fields: list[str], converted: Callable[[Site], _Row]) -> _Row | None:
        """A row the quick reader was not sure of: blank (None), or read by _parse_row, which reports
        what is wrong with it."""
        if not "".join(fields).strip():
            return None
        return converted(_parse_row(self.path, line, dict(zip(self.header, fields))))


_FIELD_NAMES = ("id", "facility", "city", "province", "country", "status", "latitude", "longitude",
                "coordinate_precision", "coordinate_source", "geonameid", "location_note", "nct_id")
# the text columns of _FIELD_NAMES a spreadsheet's quote may lead (the others are numbers, codes and ids)
_TEXT_COLUMNS = tuple(_FIELD_NAMES.index(name) for name in ("facility", "city", "province", "country",
                                                            "coordinate_precision", "coordinate_source", "location_note"))
_MAX_STATUS_SPELLINGS = 1_000  # the distinct status texts remembered: a file of all-different ones is only slower


class _FastRow:
    """The ordinary row, converted without building a message for each check: `site` returns None
    for any row it is not sure of, which `_parse_row` then reads (and reports) as ever. So it only
    has to accept fewer rows than `_parse_row`, never more, and give the same Site for those.

    Measured on 100k rows of benchmarks/make_sites.py: _parse_row 10.5 s of a 21 s cProfile'd index
    build (a closure call per field, 1.4M calls; each coordinate read twice over), 6.4 s unprofiled."""

    def __init__(self, header: list[str]) -> None:
        # the position of each known column (the last one of a repeated name, as dict(zip()) keeps)
        where = {name: index for index, name in enumerate(header)}
        self.columns = [where.get(name) for name in _FIELD_NAMES]
        # the columns there are, picked in one C call (a list comprehension took 3 us a row)
        # (at least the REQUIRED_COLUMNS: itemgetter of several indexes gives a tuple)
        self.pick = itemgetter(*[index for index in self.columns if index is not None])
        self.absent = [at for at, index in enumerate(self.columns) if index is None]
        self.contacts = where.get("contacts")
        self.statuses: dict[str, str | None] = {}
        from sitefinder.catalogue import NCT_ID
        from sitefinder.numbers import _DECIMAL  # the one rule for a number's text, that decimal() applies

        self.nct_id, self.decimal = NCT_ID, _DECIMAL

    def site(self, fields: list[str]) -> Site | None:
        values = self._checked(fields, contacts_from_list)
        return None if values is None else Site._make(values)

    def record(self, fields: list[str]) -> SiteRecord | None:
        """The row as its SiteRecord, or None as for `site`."""
        return self._checked(fields, _stored_contacts)

    def records(self, rows: list[list[str]]) -> list[SiteRecord] | None:
        """The SiteRecords of many rows, or None when not sure of every one (none is blank, for one)."""
        columns = self.record_columns(rows)
        return None if columns is None else list(zip(*columns))

    def record_columns(self, rows: list[list[str]]) -> list[Sequence[Any]] | None:
        """The SiteRecords of many rows column by column, or None as for `records`.

        The checks of `_checked`, each made once a column, in a C-level pass over it (map, all, min,
        max, one set of the distinct values) rather than a few bytecodes a field: at 1M rows the index
        build spent about 16 us a row reading, checking and converting. It accepts no row that
        `_checked` leaves to _parse_row, and gives the same records."""
        if not rows:
            return [()] * len(SITE_RECORD_FIELDS)
        count = len(rows)
        columns = [list(map(str.strip, column)) for column in zip(*map(self.pick, rows))]
        for at in self.absent:
            columns.insert(at, [""] * count)
        if max(max(map(len, column)) for column in columns) > MAX_FIELD_CHARS:
            return None
        for at in _TEXT_COLUMNS:  # a cell quoted against spreadsheets (inert_cell): the quote taken off, as
            if CELL_QUOTE in "".join(map(itemgetter(0), filter(None, columns[at]))):  # _parse_row does ('Ākra, 's-Hertogenbosch: rows of
                columns[at] = list(map(cell_text, columns[at]))  # every other batch went row by row)
        (raw_ids, facilities, cities, provinces, countries, status_texts, latitude_texts, longitude_texts,
         precisions, sources, geonameid_texts, notes, nct_texts) = columns
        if not (all(facilities) and "".join(raw_ids).isascii() and all(map(str.isdigit, raw_ids))):
            return None
        site_ids = list(map(int, raw_ids))
        coordinates = self._coordinates(latitude_texts, longitude_texts)
        statuses = self._statuses(status_texts)
        geonameids = _whole_numbers(geonameid_texts, MAX_GEONAMEID, _geonameid_in_source, sources)
        nct_ids = list(map(str.upper, nct_texts))
        contacts = self._contacts_texts(rows)
        if (not 1 <= min(site_ids) <= max(site_ids) <= MAX_SITE_ID or coordinates is None or statuses is None
                or geonameids is None or not all(map(self.nct_id.match, set(nct_ids) - {""})) or contacts is None):
            return None
        latitudes, longitudes = coordinates
        return [site_ids, facilities, cities, provinces, countries, statuses, latitudes, longitudes,
                precisions, sources, notes, contacts, geonameids, nct_ids]

    def _coordinates(self, latitude_texts: list[str], longitude_texts: list[str]
                     ) -> tuple[Sequence[float | None], Sequence[float | None]] | None:
        """Each row's latitude and longitude (None and None for a row without), or None when not sure.
        Each column read at once (numbers.decimals: a pattern matched for each took 1.3 us)."""
        from sitefinder.numbers import decimals

        placed = list(map(any, zip(latitude_texts, longitude_texts)))
        if all(placed):  # every site placed: each column as it is
            given = latitude_texts, longitude_texts
        else:
            given = list(compress(latitude_texts, placed)), list(compress(longitude_texts, placed))
        if not (all(given[0]) and all(given[1])):
            return None  # a coordinate without the other
        north, east = decimals(given[0]), decimals(given[1])
        if north is None or east is None:
            return None
        if north and not (-90 <= min(north) and max(north) <= 90 and -180 <= min(east) and max(east) <= 180):
            return None
        if len(north) == len(placed):
            return north, east
        latitudes, longitudes = iter(north), iter(east)
        return ([next(latitudes) if site_placed else None for site_placed in placed],
                [next(longitudes) if site_placed else None for site_placed in placed])

    def _statuses(self, texts: list[str]) -> list[str | None] | None:
        """Each row's status (None for an empty one), or None when one is no registry status; each
        distinct spelling normalised once, in the same bounded memo as `_checked`'s."""
        memo = self.statuses
        distinct = set(texts) - {""}
        new = distinct.difference(memo)
        if new:
            if len(distinct) > _MAX_STATUS_SPELLINGS:
                return None  # more spellings than there are statuses: surely a bad one among them
            if len(memo) + len(new) > _MAX_STATUS_SPELLINGS:
                memo.clear()
                new = distinct
            for text in new:
                memo[text] = normalize_status(text)
        if any(memo[text] is None for text in distinct):
            return None
        return list(map(memo.get, texts))  # "" is never in the memo: None

    def _contacts_texts(self, rows: list[list[str]]) -> list[str] | None:
        """Each row's contacts as their stored text, or None when one is not a list of contacts."""
        if self.contacts is None:
            return [""] * len(rows)
        return stored_texts(list(map(itemgetter(self.contacts), rows)))

    def _checked(self, fields: list[str], contacts_read: Callable[[Any], object]) -> tuple | None:
        """The row's values in Site's field order, its contacts as `contacts_read` makes them of the
        column's JSON (it raises ValueError for a bad one); None when not sure."""
        values = list(map(str.strip, self.pick(fields)))
        for at in self.absent:  # a column the file does not have (nct_id, in a file of one trial)
            values.insert(at, "")
        if max(map(len, values)) > MAX_FIELD_CHARS:
            return None
        (raw_id, facility, city, province, country, status_text, latitude_text, longitude_text,
         precision, source, geonameid_text, note, nct_text) = values
        if not (raw_id.isascii() and raw_id.isdigit() and facility) or not 1 <= int(raw_id) <= MAX_SITE_ID:
            return None
        if CELL_QUOTE in (facility[:1], city[:1], province[:1], country[:1], precision[:1], source[:1], note[:1]):
            return None  # as record_columns
        latitude: float | None = None
        longitude: float | None = None
        if latitude_text or longitude_text:
            if not (self.decimal.fullmatch(latitude_text) and self.decimal.fullmatch(longitude_text)):
                return None
            latitude, longitude = float(latitude_text), float(longitude_text)
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                return None
        status = None
        if status_text:
            if status_text not in self.statuses:
                if len(self.statuses) >= _MAX_STATUS_SPELLINGS:
                    self.statuses.clear()
                self.statuses[status_text] = normalize_status(status_text)
            status = self.statuses[status_text]
            if status is None:
                return None
        if geonameid_text:
            if not (geonameid_text.isascii() and geonameid_text.isdigit()) or not 1 <= int(geonameid_text) <= MAX_GEONAMEID:
                return None
            geonameid: int | None = int(geonameid_text)
        else:
            geonameid = _geonameid(Path(), 0, "", source)  # from coordinate_source, which never raises
        nct_id = nct_text.upper()
        if nct_text and not self.nct_id.match(nct_id):
            return None
        contacts_text = "" if self.contacts is None else fields[self.contacts]
        contacts = contacts_read([])
        if contacts_text.strip():
            try:
                contacts = contacts_read(json.loads(contacts_text))
            except (ValueError, RecursionError):
                return None
        return (int(raw_id), facility, city, province, country, status, latitude, longitude, precision, source,
                note, contacts, geonameid, nct_id)


def _whole_numbers(texts: list[str], largest: int, otherwise: Callable[[str], int | None],
                   others: list[str]) -> Sequence[int | None] | None:
    """Each text as a whole number from 1 to `largest`, an empty one as `otherwise` makes it of the
    same row's text in `others`; None when a text is no such number."""
    if all(texts):  # every row has one: the column at once
        if not ("".join(texts).isascii() and all(map(str.isdigit, texts))):
            return None
        whole = list(map(int, texts))
        return whole if 1 <= min(whole) and max(whole) <= largest else None
    numbers: list[int | None] = []
    for text, other in zip(texts, others):
        if not text:
            numbers.append(otherwise(other))
        elif text.isascii() and text.isdigit() and 1 <= int(text) <= largest:
            numbers.append(int(text))
        else:
            return None
    return numbers


def _parse_row(path: Path, line: int, row: dict[str, str]) -> Site:
    def field(name: str, required: bool = False) -> str:
        value = row.get(name, "").strip()
        if len(value) > MAX_FIELD_CHARS:
            raise DataFileError(path, line=line, key="data.field_too_long", name=name, length=len(value),
                                most=MAX_FIELD_CHARS)
        if required and not value:
            raise DataFileError(path, line=line, key="data.field_empty", name=name)
        return value

    raw_id = field("id", required=True)
    if not raw_id.isascii() or not raw_id.isdigit() or not 1 <= int(raw_id) <= MAX_SITE_ID:
        raise DataFileError(path, line=line, key="data.bad_id", value=quoted(raw_id), most=MAX_SITE_ID)
    latitude = _coordinate(path, line, "latitude", field("latitude"), 90)
    longitude = _coordinate(path, line, "longitude", field("longitude"), 180)
    if (latitude is None) != (longitude is None):
        raise DataFileError(path, line=line, key="data.one_coordinate")
    status_text = field("status")
    status = normalize_status(status_text) if status_text else None
    if status_text and status is None:
        raise DataFileError(path, line=line, key="data.bad_status", value=quoted(status_text),
                            statuses=", ".join(STATUS_WORDS))
    def text(name: str, required: bool = False) -> str:  # a column of text, as sites_csv_text wrote it
        return cell_text(field(name, required))

    return Site(
        id=int(raw_id), facility=text("facility", required=True), city=text("city"),
        province=text("province"), country=text("country"), status=status,
        latitude=latitude, longitude=longitude, coordinate_precision=text("coordinate_precision"),
        coordinate_source=text("coordinate_source"), location_note=text("location_note"),
        contacts=_contacts(path, line, row.get("contacts", "")),
        geonameid=_geonameid(path, line, field("geonameid"), text("coordinate_source")),
        nct_id=_nct_id(path, line, field("nct_id")),
    )


def _nct_id(path: Path, line: int, text: str) -> str:
    """The site's trial; empty in single-trial files of earlier versions."""
    from sitefinder.catalogue import NCT_ID

    if text and not NCT_ID.match(text.upper()):
        raise DataFileError(path, line=line, key="data.bad_nct_id", value=quoted(text))
    return text.upper()


def _geonameid(path: Path, line: int, text: str, source: str) -> int | None:
    """The geonameid column; in a file written before it existed, the id in coordinate_source,
    however it was written there ("GeoNames 1797929 (Qingdao)", a hand-edited "GeoNames:1797929"):
    losing it would silently turn off --city matching and the Chinese names of the site's city."""
    if text:
        if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= MAX_GEONAMEID:
            raise DataFileError(path, line=line, key="data.bad_geonameid", value=quoted(text), most=MAX_GEONAMEID)
        return int(text)
    return _geonameid_in_source(source)


@functools.lru_cache(maxsize=4096)  # a file repeats its cities' sources; bounded: all-different ones are only slower
def _geonameid_in_source(source: str) -> int | None:
    folded = source.casefold()
    if not folded.startswith("geonames"):
        return None
    rest = folded[len("geonames"):].lstrip(" :#-=").removeprefix("id").lstrip(" :#-=")
    digits = rest[: len(rest) - len(rest.lstrip("0123456789"))]
    return int(digits) if digits.isascii() and digits and 1 <= int(digits) <= MAX_GEONAMEID else None


def _coordinate(path: Path, line: int, name: str, text: str, limit: float) -> float | None:
    from sitefinder.numbers import decimal

    if not text:
        return None
    try:
        value = decimal(text)  # the one number reader: no `1_0`, no `２３` or `٢٣`, no nan or inf
    except ValueError as exc:
        raise DataFileError(path, line=line, key="data.bad_number", name=name, value=quoted(text),
                            problem=exc.args[0]) from None
    if not -limit <= value <= limit:
        raise DataFileError(path, line=line, key="data.out_of_range", name=name, value=value, limit=limit)
    return value


def _contacts(path: Path, line: int, text: str) -> tuple[Contact, ...]:
    """The contacts column holds a JSON list: [{"name": "...", "role": "PRIMARY"}, ...]."""
    if not text.strip():
        return ()
    try:
        return contacts_from_list(json.loads(text))
    except ValueError as exc:  # json's own errors are ValueErrors too: say what the column must hold
        if isinstance(exc, json.JSONDecodeError):
            raise DataFileError(path, line=line, key="data.contacts_not_list") from None
        raise DataFileError(path, exc.args[0], line) from None  # contacts' own words (a phrase of the catalogue)
    except RecursionError:  # json nests by recursion: a column of 100,000 brackets
        raise DataFileError(path, line=line, key="data.contacts_too_deep") from None


def sites_csv_text(sites: Iterable[Site]) -> str:
    """The sites as the text of a sites file, in the schema `parse_sites` reads; the nct_id column only
    when a site names its trial, so that a file without it is written as earlier versions wrote it."""
    sites = list(sites)
    columns = COLUMNS if any(site.nct_id for site in sites) else COLUMNS[:-1]
    contacts_json = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(_, ensure_ascii=False), built once
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # csv quotes a field with a line feed but not one with a bare carriage return (it is not in the
    # line terminator), which the reader then takes for a line break: such rows are quoted whole.
    quoting_all = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(columns)
    for site in sites:
        # text as a spreadsheet shows it, never a formula (text.inert_cell; parse_sites takes the quote off)
        row = [
            site.id, inert_cell(site.facility), inert_cell(site.city), inert_cell(site.province),
            inert_cell(site.country), site.status or "", _number(site.latitude), _number(site.longitude),
            inert_cell(site.coordinate_precision), inert_cell(site.coordinate_source),
            "" if site.geonameid is None else site.geonameid, inert_cell(site.location_note),
            contacts_json(contacts_to_list(site.contacts)), site.nct_id,
        ][:len(columns)]
        (quoting_all if "\r" in "".join(map(str, row)) else writer).writerow(row)
    return buffer.getvalue()


def write_sites_file(path: Path, sites: Iterable[Site]) -> None:
    """Write a sites file (the data build and tests; imports go through `datasets.write_dataset`)."""
    path.write_text(sites_csv_text(sites), encoding="utf-8", newline="")


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}".rstrip("0").rstrip(".")
