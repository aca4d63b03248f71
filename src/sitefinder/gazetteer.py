"""The GeoNames-derived gazetteer that ships with the package: its SQL, and nothing else.

How a written name is read (its forms, suffixes and qualifiers) is placenames.py; what a person
typed is resolved in resolver.py, what a registry wrote in placement.py.

The gazetteer is an indexed SQLite file (built by scripts/build_gazetteer.py), opened read-only:
a lookup reads a few pages instead of parsing megabytes on every run.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from sitefinder.distance import bounding_box, sphere_km, spread_around
from sitefinder.errors import SitefinderError
from sitefinder.models import CONTENDER_SHARE, Place
from sitefinder.placenames import TO_COMMA, without_division_word
from sitefinder.regions import CHINA_AREA, METROPOLITAN_COUNTIES, place_words, province_key
from sitefinder.text import fold, has_cjk, name_key, written_in

# 8: the US postal tables (postal, zip) and the lookups placing registry rows asks for
# (place_division, town_name: scripts/build_gazetteer.py's add_placement_indexes).
# 9: main_city, each division's and country's main city and how its people lie around it.
SCHEMA_VERSION = 9
# The size of place a misspelt registry city is read as (placement.py); the gazetteer's town_name
# table holds the names of places this large, by country (scripts/build_gazetteer.py).
TOWN_MIN_POPULATION = 15_000
MAX_SPELLING_CHARS = 200  # the longest town name key is 168 characters; a longer "city" is not a misspelt town
MAIN_CITY_KM = 30.0  # a city's suburbs and wards lie within this of its centre
SUGGESTION_MARGIN = 3.0  # rapidfuzz ratio points
# A city of a division's name this large elsewhere is what the name means (Gazetteer.named_division):
# Ibaraki, Osaka (288,000), not Ibaraki Prefecture; Mie town in Ōita (34,000) is not Mie.
NAMESAKE_CITY_PEOPLE = 100_000
DISTRICT_KM = 9.0  # a place this near a place four times its size is a district of it
MAX_SPOKEN_CHARS = 8  # Chinese place names are two to four characters, rarely more
MAX_SPOKEN_KEYS = 64  # readings tried for one query (characters with several readings multiply)
MAX_REMEMBERED_NAMES = 20_000  # division and country names remembered by one Gazetteer
MAX_SIMPLIFIED = 4  # Simplified forms tried for one query: OpenCC gives a second one for a few characters (乾, 於, 徵)



def main_city_spread(places: Iterable[tuple[int, float, float, int]]) -> tuple[int, float, float] | None:
    """A division's or country's main city, from its places (id, latitude, longitude, population),
    most populous first (division_places' order): the first place's id, the share of their people
    within MAIN_CITY_KM of it and the distance nine in ten of them live within (spread_around).
    None for no places. The build stores it for every division and country (the main_city table)."""
    rows = list(places)
    if not rows:
        return None
    _, latitude, longitude, _ = rows[0]
    share, reach = spread_around(latitude, longitude, ((lat, lon, people) for _, lat, lon, people in rows),
                                 MAIN_CITY_KM)
    return rows[0][0], share, reach


class Gazetteer:
    """Read-only access to the gazetteer file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            # immutable=1: the file ships inside the package and never changes, so SQLite may skip locking.
            self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error as exc:
            raise SitefinderError(key="error.gazetteer_unreadable", path=path, detail=exc) from exc
        if version != SCHEMA_VERSION:
            raise SitefinderError(key="error.gazetteer_schema", path=path, version=version, expected=SCHEMA_VERSION)
        self._country_names: dict[str, str] | None = None
        self._country_codes_by_name: dict[str, str] = {}
        # What an import asks again for row after row, kept for the life of the gazetteer: one entry
        # per division or country asked about (a few thousand at most), never one per row.
        self._main_cities: dict[tuple[str, str | None], tuple[Place, float, float] | None] = {}
        self._middles: dict[tuple[str, str], Place | None] = {}
        self._towns: dict[tuple[str, int], tuple[list[str], list[int]]] = {}
        self._has_china: bool | None = None
        self._syllables: frozenset[str] | None = None
        self._city_keys: tuple[list[str], list[tuple[str, str, float, float, int]]] | None = None
        # Division and country names by key (regions, divisions): an import asks them for every row's
        # state and country, 503 and 176 queries for the 248 rows of NCT05843643; bounded below.
        self._region_rows: dict[tuple[str, str], frozenset[tuple[str, str]]] = {}
        # close_spellings' answers by (key, countries, limit): rows that differ only in their state
        # or postal code search for the same city (NCT05843643's "Ciudad Autonoma de Buenos Aire",
        # three times); bounded like the region rows.
        self._spellings: dict[tuple[str, tuple[str, ...], int], tuple[tuple[float, Place], ...]] = {}
        self._tables: dict[str, bool] = {}
        self._by_id: dict[int, Place | None] = {}  # place_by_id's answers, bounded like the region rows
        self._places: dict[str, tuple[Place, ...]] = {}  # places' answers by key, bounded likewise
        self._aliases: dict[tuple[str, int], str] | None = None  # alias_note's table, read whole

    def rows(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple]:
        """Rows of a query on the file, for modules with tables of their own (china.py)."""
        return self._db.execute(sql, parameters).fetchall()

    def pinyin_syllables(self) -> frozenset[str]:
        """Every pinyin syllable a character of the `pinyin` table reads as (about 400), read once."""
        if self._syllables is None:
            self._syllables = frozenset(reading for (readings,) in self.rows("SELECT readings FROM pinyin")
                                        for reading in readings.split())
        return self._syllables

    def city_pinyin_keys(self) -> tuple[list[str], list[tuple[str, str, float, float, int]]]:
        """The pinyin keys of China's prefecture-level cities and, in the same order, (English name,
        province, latitude, longitude, people) of each, most populous first: read once."""
        if self._city_keys is None:
            found = self.rows(
                "SELECT DISTINCT k.key, d.english, d.province, d.latitude, d.longitude, d.population FROM cn_key k "
                "JOIN cn_division d ON d.code = k.code WHERE k.form = 'latin' AND d.level = 'prefecture' "
                "ORDER BY d.population DESC, k.key")
            self._city_keys = ([row[0] for row in found], [tuple(row[1:]) for row in found])
        return self._city_keys

    def largest_city_people(self) -> int:
        """The people of China's most populous prefecture-level city: asked before city_pinyin_keys
        (6 ms to read), which an answer larger than a tenth of it never needs."""
        found = self.rows("SELECT MAX(population) FROM cn_division WHERE level = 'prefecture'")
        return int(found[0][0] or 0) if found else 0

    def has_china(self) -> bool:
        """Whether the file holds China's divisions (china.py's tables); an older file answers False."""
        if self._has_china is None:
            self._has_china = bool(self.rows("SELECT 1 FROM sqlite_master WHERE name = 'cn_division'"))
        return self._has_china

    def places(self, key: str) -> list[Place]:
        """The places of a name key, remembered (a new list each time): placing a row asks again for
        the names its state and country rules already asked (NCT05843643: 230 look-ups of 198 keys)."""
        found = self._places.get(key)
        if found is None:
            rows = self._db.execute(
                "SELECT p.id, p.name, p.admin1, p.country, p.latitude, p.longitude, p.population "
                "FROM name n JOIN place p ON p.id = n.place WHERE n.key = ?", (key,)).fetchall()
            found = tuple(self._place(row) for row in rows)
            if len(self._places) < MAX_REMEMBERED_NAMES:
                self._places[key] = found
        return list(found)

    def postal_places(self, key: str, country: str, admin1: str | None = None, written: str = "") -> list[Place]:
        """Postal localities of that name in a country (and state): the towns of mailing addresses
        (a ZIP code's city, "Flushing", "Macomb Township"; abroad a comuna, a commune, a post town:
        "Vitacura", "Ambilly", "Vällingby"), at the middle of their postal codes; no GeoNames id
        (they are not GeoNames places), source "postal". A locality abroad is stored without its
        name (build_postal.py): it is shown as `written`, the name the caller looked up."""
        rows = self._db.execute(
            "SELECT name, admin1, country, latitude, longitude FROM postal WHERE key = ? AND country = ? "
            "AND (? IS NULL OR admin1 = ?) ORDER BY zips DESC, admin1", (key, country, admin1, admin1)).fetchall()
        if not rows and country != "US":
            rows = self._abroad(written or key, "a.key = ? AND a.country = ? AND (? IS NULL OR d.admin1 = ?)",
                                (key, country, admin1, admin1))
        return self._postal(rows)

    def postal_localities(self, key: str, written: str, limit: int = 20) -> list[Place]:
        """The postal localities of that name in every country (a name typed alone: "Vällingby"),
        the most used first, at most `limit`; shown as `written`, as postal_places shows them."""
        rows = self._db.execute("SELECT name, admin1, country, latitude, longitude FROM postal WHERE key = ? "
                                "ORDER BY zips DESC, country, admin1 LIMIT ?", (key, limit)).fetchall()
        rows += self._abroad(written, "a.key = ?", (key,), limit)
        return self._postal(rows[:limit])

    def _abroad(self, written: str, where: str, parameters: tuple, limit: int = -1) -> list[tuple]:
        """(name, admin1, country, latitude, longitude) of postal localities abroad (postal_abroad:
        no name of their own, points in ten-thousandths of a degree), named `written`."""
        if not self._has_table("postal_abroad"):
            return []
        return [(written, admin1, code, latitude / 10_000, longitude / 10_000)
                for admin1, code, latitude, longitude in self._db.execute(
                    "SELECT d.admin1, a.country, a.latitude, a.longitude FROM postal_abroad a JOIN postal_division d "
                    f"ON d.id = a.division WHERE {where} ORDER BY a.country, d.admin1 LIMIT ?", (*parameters, limit))]

    def _postal(self, rows: list[tuple]) -> list[Place]:
        return [Place(name=name, province=admin1, country=self.country_name(code), latitude=latitude,
                      longitude=longitude, source="postal") for name, admin1, code, latitude, longitude in rows]

    def postal_names_starting(self, key: str, country: str, admin1: str, limit: int = 3) -> list[tuple[str, Place]]:
        """(key, locality) of the postal localities abroad in a state whose key begins with `key` and is
        longer ("umhlanga" → "umhlangarocks"), at most `limit`: a post town written short."""
        if not self._has_table("postal_abroad") or not key:
            return []
        rows = self._db.execute(
            "SELECT a.key, a.latitude, a.longitude FROM postal_abroad a JOIN postal_division d ON d.id = a.division "
            "WHERE a.key > ? AND a.key < ? AND a.country = ? AND d.admin1 = ? ORDER BY a.key LIMIT ?",
            (key, key + "\uffff", country, admin1, limit)).fetchall()
        return [(found, Place(name=found, province=admin1, country=self.country_name(country), latitude=latitude / 10_000,
                              longitude=longitude / 10_000, source="postal")) for found, latitude, longitude in rows]

    def division_towns(self, key: str, country: str) -> list[Place]:
        """The largest place of each second-level division of that name in a country whose places
        all lie around it (a partido, comuna, kabupaten: build_postal.py's division_town)."""
        if not self._has_table("division_town"):
            return []
        rows = self._db.execute(
            "SELECT p.id, p.name, p.admin1, p.country, p.latitude, p.longitude, p.population FROM division_town d "
            "JOIN place p ON p.id = d.place WHERE d.key = ? AND d.country = ?", (key, country)).fetchall()
        return [self._place(row) for row in rows]

    def simplified_forms(self, text: str) -> list[str]:
        """`text` in Simplified characters, when it has Traditional ones (廣州市天河區 → 广州市天河区):
        the mainland's divisions and GeoNames' Chinese names are written so. A character OpenCC gives
        two Simplified forms for (乾: 干 or 乾, as in 乾安县) yields both, at most MAX_SIMPLIFIED forms;
        empty when nothing changes. One query on the table `simplified` (OpenCC's TSCharacters, built by
        scripts/build_china.py), asked only for text with Chinese characters: nothing at start-up."""
        if text.isascii() or not self._has_table("simplified"):
            return []
        chars = sorted(set(text))
        found = dict(self._db.execute(f"SELECT char, simple FROM simplified WHERE char IN ({','.join('?' * len(chars))})",
                                      chars).fetchall())
        if not found:
            return []
        forms = [""]
        for char in text:
            forms = [head + simple for head in forms for simple in found.get(char, char).split()][:MAX_SIMPLIFIED]
        return [form for form in forms if form != text]

    def has_table(self, name: str) -> bool:
        """Whether the file holds a table (for china.py's: cn_former, built later than some files)."""
        return self._has_table(name)

    def _has_table(self, name: str) -> bool:
        """Whether the file holds a table (one built later than the file may not: postal_abroad)."""
        if name not in self._tables:
            self._tables[name] = bool(self.rows("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)))
        return self._tables[name]

    def postal_code_place(self, code: str, country: str) -> Place | None:
        """A postal code's point (a US ZIP code: its postal city's name, its state), or None."""
        row = self._db.execute("SELECT city, admin1, country, latitude, longitude FROM zip WHERE country = ? AND code = ?",
                               (country, code)).fetchone()
        if row is None:
            return None
        name, admin1, code, latitude, longitude = row
        return Place(name=name, province=admin1, country=self.country_name(code), latitude=latitude,
                     longitude=longitude, source="postal")

    def place_by_id(self, geonameid: int) -> Place | None:
        """The place of a GeoNames id, remembered: china.py reads a division's seat by its id for
        every reading of it (NCT05843643's 33 rows of the mainland: 105 look-ups of 28 places)."""
        if geonameid in self._by_id:
            return self._by_id[geonameid]
        row = self._db.execute(
            "SELECT id, name, admin1, country, latitude, longitude, population FROM place WHERE id = ?",
            (geonameid,)).fetchone()
        place = self._place(row) if row else None
        if len(self._by_id) < MAX_REMEMBERED_NAMES:
            self._by_id[geonameid] = place
        return place

    def names_of(self, geonameid: int) -> frozenset[str]:
        """Every name key of a place (its own name, its other names and scripts, its aliases): the
        names a registry may have written it by (the registry's "New York" is "New York City")."""
        return frozenset(key for (key,) in self._db.execute("SELECT key FROM name WHERE place = ?", (geonameid,)))

    def alias_note(self, name: str, geonameid: int) -> str:
        """Why a name that is not the place's own leads to it (gazetteer/aliases.csv), or "". The
        table (about a hundred notes, written by hand) is read whole once: an import asks it for
        every row it places by a name (NCT05843643: 57 times, one note found)."""
        if self._aliases is None:
            self._aliases = {(key, place): note for key, place, note in self.rows("SELECT key, place, note FROM alias")}
        return self._aliases.get((name_key(name), geonameid), "")

    def named_division(self, name: str, codes: Iterable[str], places: list[Place]) -> tuple[set[tuple[str, str]], list[Place]]:
        """THE rule for a name written with its country only that is a first-level division's own
        name there and places' too ("Mie, Japan"; a registry's city "Mie" with no state): the
        divisions it names, and the places of `places` that lie in them. The name means the division:
        a place of that name in it (Tottori-shi), or a city by another (Chattogram for Chittagong), is
        the place meant (Osaka, Tokyo: the city the division is named after); with none there, the
        division itself, never a small namesake elsewhere (Mie town in Ōita, 300 km from Mie
        Prefecture). A city elsewhere is what the name means (Ibaraki, Osaka, 288,000 people; Buenos
        Aires, outside Buenos Aires Province): NAMESAKE_CITY_PEOPLE. Read by `near` and import alike.
        (set(), places) when the name is no division's own name in those countries, or a city's."""
        wanted = set(codes)
        divisions = {(code, admin1) for code, admin1 in self.regions(name)
                     if admin1 and code in wanted and province_key(admin1) == name_key(name)}
        if not divisions:
            return set(), places

        def within(place: Place) -> bool:
            return (self.country_code_of(place.country), place.province) in divisions

        # its own name, or written longer (Tottori-shi; Brandenburg an der Havel, written short)
        inside = [place for place in places if within(place) and (
            name_key(place.name).startswith(name_key(name)) or place.population >= NAMESAKE_CITY_PEOPLE)]
        if not inside and any(place.population >= NAMESAKE_CITY_PEOPLE for place in places):
            return set(), places
        return divisions, inside

    def alias_note_zh(self, note: str) -> str:
        """An alias_note in Chinese (gazetteer/aliases.csv's note_zh), or "" (a file built before it)."""
        if not note or not self._has_table("alias_zh"):
            return ""
        row = self._db.execute("SELECT zh FROM alias_zh WHERE note = ?", (note,)).fetchone()
        return row[0] if row else ""

    def regions(self, text: str) -> set[tuple[str, str]]:
        """(country code, admin1 name or "") for a province, state or country name; a name typed in
        Traditional characters (德國, 澳大利亞) by its Simplified forms when it is none as typed: the
        table keeps the Chinese names of countries as a Chinese screen shows them, Simplified."""
        found = set(self._region_query("region", province_key(text)))
        if not found and has_cjk(text):
            for form in self.simplified_forms(text):
                found |= self._region_query("region", province_key(form))
        return found

    def _region_query(self, table: str, key: str) -> frozenset[tuple[str, str]]:
        """(country, admin1) rows of `region` ("region") or of `region` and `part` ("part") for a
        key, remembered: a few thousand distinct names at most in a real import, and past
        MAX_REMEMBERED_NAMES (a hostile answer of made-up states) asked again, not kept. Both
        answers come from one query: a row's state is asked as a region and as a division
        (NCT05843643: 96 of its 101 division keys were asked as regions too, each once more)."""
        found = self._region_rows.get((table, key))
        if found is None:
            rows = self._db.execute("SELECT country, admin1, 0 FROM region WHERE key = ? "
                                    "UNION ALL SELECT country, admin1, 1 FROM part WHERE key = ?", (key, key)).fetchall()
            answers = {"region": frozenset((code, admin1) for code, admin1, in_part in rows if not in_part),
                       "part": frozenset((code, admin1) for code, admin1, _ in rows)}
            if len(self._region_rows) < MAX_REMEMBERED_NAMES:
                self._region_rows.update(((name, key), answer) for name, answer in answers.items())
            found = answers[table]
        return found

    def divisions(self, text: str) -> set[tuple[str, str]]:
        """(country code, admin1 name) for what a registry writes as a state: a province, state or
        country name as `regions` reads it, or a part of a state standing for it (the province "RM"
        or "Roma" for Latium, "Isère" for Rhône-Alpes, "Surrey" for England)."""
        rows = self._region_query("part", province_key(text))
        if rows:
            return set(rows)
        for form in without_division_word(text):  # worked out only when the name as written is none
            rows = self._region_query("part", province_key(form))
            if rows:
                return set(rows)
        if province_key(text) in METROPOLITAN_COUNTIES:  # "West Yorkshire": England, by its boroughs
            return {("GB", "England")}
        return set()

    def is_part(self, text: str) -> bool:
        """Whether a name of what a registry writes as a state is only a part of a state (a county,
        a district, a city's borough: "Surrey", "Leeds", "West Yorkshire"), no state or country."""
        return bool(self.divisions(text)) and not self.regions(text)

    def part_bounds(self, text: str, country: str) -> list[tuple[Place, float]]:
        """Where a part of a state (is_part) of the country (ISO code) lies: its main places, each
        with the distance nine in ten of its people live within (part_city; a metropolitan county
        by its boroughs'; a part the table gives none, as its most populous place of that name, at
        MAIN_CITY_KM); [] when nothing tells."""
        names = METROPOLITAN_COUNTIES.get(province_key(text), (text,))
        bounds = []
        for name in names:
            found = self.part_city(name, country)
            if found is not None:
                bounds.append((found[0], found[2]))
                continue
            country_name = self.country_name(country)
            own = [place for place in self.places(name_key(name)) if place.country == country_name]
            if own:
                bounds.append((max(own, key=lambda place: place.population), MAIN_CITY_KM))
        return bounds

    def chinese_name(self, geonameid: int) -> str:
        """The place's name in Chinese characters, simplified where GeoNames has it, else "" (chosen
        when the gazetteer was built: scripts/build_gazetteer.py, chinese_names)."""
        row = self._db.execute("SELECT zh FROM place WHERE id = ?", (geonameid,)).fetchone()
        return row[0] if row else ""

    def region_name_zh(self, country: str, admin1: str) -> str:
        """A first-level division's name in Chinese characters abroad (华盛顿州, 不列颠哥伦比亚省, 东京都,
        苏格兰), Simplified, "" where no source names it: the gazetteer's (ISO 3166-2's zh_CN names,
        GeoNames' zh: scripts/build_gazetteer.py, region_names_zh), else data/divisions_zh.csv's
        (scripts/divisions_zh_sources.py: ISO 3166-2 through pycountry, and the UK's four nations).
        The one rule of every Chinese screen that names a state abroad. China's own are regions.py's."""
        if not admin1:
            return ""
        row = self._db.execute("SELECT zh FROM region_zh WHERE country = ? AND admin1 = ?",
                               (country, admin1)).fetchone() if self._has_table("region_zh") else None
        return row[0] if row else _divisions_zh().get((country, fold(admin1)), "")

    def state_name_zh(self, place: Place) -> str:
        """The Chinese name of the state a place abroad lies in (华盛顿州 for Vancouver, Washington),
        by region_name_zh; "" for a place with no state, a state no source names, or a place of China,
        Hong Kong, Macau or Taiwan, whose provinces the province table names (regions.abroad_chinese
        reads no state there: looking one up read data/divisions_zh.csv on every `near Guangzhou`)."""
        if not place.province:
            return ""
        code = self.country_code_of(place.country)
        return "" if code in CHINA_AREA else self.region_name_zh(code, place.province)

    def country_codes(self, text: str) -> set[str]:
        """The ISO codes a country name means ("China", "中国", "People's Republic of China" → {"CN"})."""
        return {country for country, admin1 in self.regions(text) if not admin1}

    def country_box(self, country: str) -> tuple[float, float, float, float] | None:
        """West, south, east, north of where a country's places are: the 1st to 99th percentile of
        their coordinates, so that far islands (Alaska's Aleutians, France's overseas) do not make
        the whole world "the country". None for a country the gazetteer does not know."""
        codes = self.country_codes(country)
        rows = self._db.execute(f"SELECT longitude, latitude FROM place WHERE country IN "
                                f"({','.join('?' * len(codes))})", sorted(codes)).fetchall() if codes else []
        if len(rows) < 2:
            return None
        lons, lats = sorted(row[0] for row in rows), sorted(row[1] for row in rows)
        low, high = len(rows) // 100, len(rows) - 1 - len(rows) // 100
        return lons[low], lats[low], lons[high], lats[high]

    def country_names(self) -> list[str]:
        """Every country's name as the gazetteer names it, for suggestions on a mistyped one."""
        self.country_name("")  # loads the table
        return list(self._country_codes_by_name)

    def country_code_of(self, name: str) -> str:
        """The ISO code of a country as the gazetteer names it (the inverse of country_name)."""
        if self._country_names is None:  # loads the table (asked about ten times a row by an import)
            self.country_name("")
        return self._country_codes_by_name.get(name, "")

    def division_places(self, country: str, admin1: str | None = None) -> list[Place]:
        """The places of a division (or with no admin1, of a country), most populous first."""
        rows = self._db.execute(
            "SELECT id, name, admin1, country, latitude, longitude, population FROM place WHERE country = ? "
            "AND (? IS NULL OR admin1 = ?) ORDER BY population DESC, id", (country, admin1, admin1)).fetchall()
        return [self._place(row) for row in rows]

    def largest_place(self, country: str, admin1: str = "") -> int | None:
        """The GeoNames id of a country's (or with `admin1`, a division's) most populous place
        (division_places' first), read alone: building every place of Mexico to take the first
        cost 190 ms a country name."""
        return self.largest_row(country, admin1)[0]

    def largest_row(self, country: str, admin1: str = "") -> tuple[int | None, int]:
        """The id and population of a country's or division's most populous place; (None, 0) for none."""
        # two statements, not "? = '' OR admin1 = ?": each is one step down the place_division index
        row = self._db.execute("SELECT id, population FROM place WHERE country = ? AND admin1 = ? "
                               "ORDER BY population DESC, id LIMIT 1", (country, admin1)).fetchone() if admin1 else \
            self._db.execute("SELECT id, population FROM place WHERE country = ? ORDER BY population DESC, id LIMIT 1",
                             (country,)).fetchone()
        return (row[0], row[1]) if row else (None, 0)

    def division_middle(self, country: str, admin1: str) -> Place | None:
        """A division (province, state, prefecture) as one point: the median latitude and longitude of
        its places, named after the division, with its largest place's id (for the record)."""
        if (country, admin1) not in self._middles:
            self._middles[country, admin1] = self._division_middle(country, admin1)
        return self._middles[country, admin1]

    def _division_middle(self, country: str, admin1: str) -> Place | None:
        places = self.division_places(country, admin1)
        if not places:
            return None
        latitudes, longitudes = sorted(place.latitude for place in places), sorted(place.longitude for place in places)
        return Place(name=admin1, province=admin1, country=self.country_name(country),
                     latitude=latitudes[len(places) // 2], longitude=longitudes[len(places) // 2],
                     population=sum(place.population for place in places), geonameid=places[0].geonameid)

    def main_city(self, country: str, admin1: str | None = None) -> tuple[Place, float, float] | None:
        """A division's (or with no admin1, a country's) most populous place (Tokyo in Tokyo, Ankara
        in Ankara); the share of the division's people who live within MAIN_CITY_KM of it; and the
        distance within which nine in ten of them live. Together: how likely a place of the division
        the gazetteer lacks (a ward, a suburb) is that city, and how far off it can be if not."""
        if (country, admin1) not in self._main_cities:
            self._main_cities[country, admin1] = self._main_city(country, admin1)
        return self._main_cities[country, admin1]

    def _main_city(self, country: str, admin1: str | None) -> tuple[Place, float, float] | None:
        # Worked out by the build for every division and country (main_city_spread over the same
        # rows): reading a country's places at run time cost 16-44 ms for Turkey's 2,650 (a row
        # with no state, "Meram Konya"), one SQL row now; test_data checks the table against them.
        row = self._db.execute("SELECT place, share, reach FROM main_city WHERE country = ? AND admin1 = ? "
                               "AND whole = ?", (country, admin1 or "", admin1 is None)).fetchone()
        city = self.place_by_id(row[0]) if row else None
        return (city, row[1], row[2]) if city else None

    def part_city(self, text: str, country: str) -> tuple[Place, float, float] | None:
        """For a part of a state (a province: "AN", "Ancona"), as `main_city` for a state: its main
        place, the share of its people within MAIN_CITY_KM of it, the distance nine in ten live within."""
        row = self._db.execute("SELECT place, share, reach FROM part_city WHERE key = ? AND country = ?",
                               (province_key(text), country)).fetchone()
        place = self.place_by_id(row[0]) if row else None
        return (place, row[1], row[2]) if place else None

    def division_reaches(self, country: str, admin1: str | None, latitude: float, longitude: float,
                         km: float) -> bool:
        """Whether a place of the division (with no admin1, of the country) lies within `km` of the
        point (distance.bounding_box, then the distance itself: the box's corners are 40 % farther
        than its sides). Asked first of a box inside the circle (two thirds of `km` a side), whose
        first place found ends the search: SQLite reads the division's places most populous first,
        and a point at a city finds it at once (0.09 ms a point, against 1.3 ms for the whole
        division's scan that the full check makes when the answer is no)."""
        division = " AND country = ?" + (" AND admin1 = ?" if admin1 is not None else "")
        keys = (country, *([admin1] if admin1 is not None else []))
        box, params = bounding_box(latitude, longitude, km / 1.5)
        if self._db.execute(f"SELECT 1 FROM place WHERE {box}{division} LIMIT 1", (*params, *keys)).fetchone():
            return True
        box, params = bounding_box(latitude, longitude, km)
        rows = self._db.execute(f"SELECT latitude, longitude FROM place WHERE {box}{division}", (*params, *keys))
        return any(sphere_km(latitude, longitude, lat, lon) <= km for lat, lon in rows)

    def is_district(self, place: Place) -> bool:
        """Whether a place lies inside a much larger place of another name: GeoNames lists districts
        of cities as places (Madrid's Salamanca), which a registry's "Salamanca, Spain" never means."""
        if place.geonameid is None:
            return False
        box, params = bounding_box(place.latitude, place.longitude, DISTRICT_KM)
        row = self._db.execute(f"SELECT 1 FROM place WHERE {box} AND population > ? AND id != ? LIMIT 1",
                               (*params, 4 * max(place.population, 1), place.geonameid)).fetchone()
        return row is not None

    def close_spellings(self, text: str, countries: set[str], limit: int = 5) -> list[tuple[float, Place]]:
        """(score, place) for the names of towns (TOWN_MIN_POPULATION or more) in these countries
        closest to `text`, best first (rapidfuzz ratio, 0-100). Used when importing a registry
        location, never for what a person typed.

        Bounded per call: it compares only the country's town names within two characters of the
        length (the United States: about 13k), each length read once per gazetteer, 3-6 ms a call;
        reading all 349k names of every size took 60-660 ms a call. Keys and ids only, then the
        places of the few that match: with each name's place joined in, Japan's 4,220 names of five
        lengths took 16 ms to read (the place rows scattered over the file), the keys alone 1.4 ms."""
        key = name_key(text)
        if not 4 <= len(key) <= MAX_SPELLING_CHARS or not countries:
            return []
        asked = (key, tuple(sorted(countries)), limit)
        found = self._spellings.get(asked)
        if found is None:
            found = tuple(self._close_spellings(key, asked[1], limit))
            if len(self._spellings) < MAX_REMEMBERED_NAMES:
                self._spellings[asked] = found
        return list(found)

    def _close_spellings(self, key: str, countries: tuple[str, ...], limit: int) -> list[tuple[float, Place]]:
        from rapidfuzz import fuzz, process

        keys: list[str] = []
        ids: list[int] = []
        for code in countries:
            for length in range(len(key) - 2, len(key) + 3):
                these_keys, these_ids = self._town_names(code, length)
                keys += these_keys
                ids += these_ids
        matches = process.extract(key, keys, scorer=fuzz.ratio, limit=limit * 4, score_cutoff=75)[: limit * 4]
        wanted = sorted({ids[index] for _, _, index in matches})
        rows = {row[0]: row for row in self._db.execute(
            f"SELECT id, name, admin1, country, latitude, longitude, population FROM place "
            f"WHERE id IN ({','.join('?' * len(wanted))})", wanted)} if wanted else {}
        return [(score, self._place(rows[ids[index]])) for _, score, index in matches]

    def _town_names(self, code: str, length: int) -> tuple[list[str], list[int]]:
        """A country's town names of one length, (keys, place ids) in key order, read once."""
        if (code, length) not in self._towns:
            found = self._db.execute("SELECT key, place FROM town_name WHERE country = ? AND length = ? "
                                     "ORDER BY key, place", (code, length)).fetchall()
            self._towns[code, length] = ([row[0] for row in found], [row[1] for row in found])
        return self._towns[code, length]

    def country_name(self, code: str) -> str:
        if self._country_names is None:
            self._country_names = dict(self._db.execute("SELECT code, name FROM country").fetchall())
            self._country_codes_by_name = {name: code for code, name in self._country_names.items()}
        return self._country_names.get(code, code)

    def country_name_zh(self, code: str) -> str:
        """The one Chinese name of a country or region on a Chinese screen (中国, 德国, 阿根廷), "" for
        a code none names: data/countries_zh.csv (CLDR's names, the region table's own where it has
        one: scripts/cldr_sources.py), else the region table's (region_table_name_zh)."""
        from sitefinder.regions import country_chinese

        return country_chinese(code) or self.region_table_name_zh(code)

    def region_table_name_zh(self, code: str) -> str:
        """The country's name in Chinese characters that the region table reads (中国, 德国: what
        `--country` takes), or "" when it has none: a name that means that country (with its
        parts) and no other, Simplified (GB 2312) before Traditional, the shortest first. 法国 is
        France, not Réunion, its part."""
        whole = self.country_codes(self.country_name(code))
        rows = self._db.execute("SELECT key FROM region WHERE country = ? AND admin1 = ''", (code,)).fetchall()
        names = [key for key, in rows if has_cjk(key) and self.country_codes(key) == whole]
        return min(names, key=lambda name: (not written_in(name, "gb2312"), len(name), name), default="")

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Close spellings of well-known place names, best first. Only on the miss path."""
        key = name_key(text.translate(TO_COMMA).split(",")[0])
        if has_cjk(key):
            return self.same_sounding(key, limit)
        if len(key) < 3:
            return []
        from rapidfuzz import fuzz, process  # 30 ms to import: only paid when a query misses

        # Keys only, then the labels of the few that match: the 21,619 rows of a typical length with
        # their labels cost 30 ms to fetch, the keys alone 11 ms (the match itself 1 ms).
        keys = [row[0] for row in self._db.execute("SELECT key FROM suggestion WHERE length(key) BETWEEN ? AND ?",
                                                   (len(key) - 2, len(key) + 2))]
        matches = process.extract(key, keys, scorer=fuzz.ratio, limit=20, score_cutoff=80)
        if not matches:
            return []
        # Only the spellings about as close as the closest: "Guangzou" suggests Guangzhou, not also Guanzhou.
        top = max(score for _, score, _ in matches)
        close = {keys[index]: score for _, score, index in matches if score >= top - SUGGESTION_MARGIN}
        rows = self._db.execute(f"SELECT key, label, population FROM suggestion WHERE key IN "
                                f"({','.join('?' * len(close))})", list(close)).fetchall()
        best = without_tiny_equals(sorted(rows, key=lambda row: (-close[row[0]], -row[2])),
                                   lambda row: close[row[0]], lambda row: row[2])
        # a label of a city that is its own province ("Beijing, Beijing") names it once
        return [place_words(*(part.strip() for part in label.split(","))) for _, label, _ in best[:limit]]

    def same_sounding(self, key: str, limit: int = 3) -> list[str]:
        """Chinese place names that sound like `key`: 广洲 → 广州 (guangzhou), 泰洲 → 泰州, most
        populous first. A typo in Chinese is most often a character of the same pinyin."""
        if not 2 <= len(key) <= MAX_SPOKEN_CHARS:
            return []
        rows = dict(self._db.execute(f"SELECT char, readings FROM pinyin WHERE char IN ({','.join('?' * len(key))})",
                                     list(key)).fetchall())
        if any(char not in rows for char in key):
            return []
        spoken = [""]
        for char in key:  # every reading of every character, for characters with more than one (重: chong, zhong)
            spoken = [head + reading for head in spoken for reading in rows[char].split()][:MAX_SPOKEN_KEYS]
        found = self._db.execute(
            f"SELECT p.id, p.name, p.admin1, p.country, p.population FROM spoken s JOIN place p ON p.id = s.place "
            f"WHERE s.key IN ({','.join('?' * len(spoken))}) AND p.country IN ('CN', 'HK', 'MO', 'TW') "
            f"ORDER BY p.population DESC, p.id", spoken).fetchall()
        labels: dict[str, tuple[str, int, int]] = {}  # one suggestion per Chinese name: its most populous place
        for geonameid, name, admin1, country, people in found:
            chinese = self.chinese_name(geonameid)
            # Shown by its own name, which itself sounds as typed, character by character: a place
            # whose pinyin matched by another of its names is not offered by a name it does not
            # sound like (长纱 offered "开平 (Changsha, Guangdong)", a town Changsha labelled 开平)
            if chinese and chinese != key and chinese not in labels and len(chinese) == len(key) and all(
                    typed == own or set(rows[typed].split()) & set(self._readings(own)) for typed, own in zip(key, chinese)):
                labels[chinese] = (f"{chinese} ({name}, {admin1 or self.country_name(country)})",
                                   sum(typed == own for typed, own in zip(key, chinese)), people)
        ranked = sorted(labels.values(), key=lambda label: (-label[1], -label[2]))
        return [label for label, _, _ in without_tiny_equals(ranked, lambda label: label[1], lambda label: label[2])][:limit]

    def _readings(self, char: str) -> list[str]:
        """A character's pinyin readings (the `pinyin` table), [] for one it lacks."""
        row = self._db.execute("SELECT readings FROM pinyin WHERE char = ?", (char,)).fetchone()
        return row[0].split() if row else []

    def _place(self, row: tuple) -> Place:
        geonameid, name, admin1, country, latitude, longitude, population = row
        return Place(name=name, province=admin1, country=self.country_name(country), latitude=latitude,
                     longitude=longitude, population=population, geonameid=geonameid)


T = TypeVar("T")


def without_tiny_equals(ranked: list[T], closeness: Callable[[T], float], people: Callable[[T], int]) -> list[T]:
    """Suggestions without the tiny ones as close as a far bigger one: a place under CONTENDER_SHARE
    of the people of the most populous suggestion exactly as close to what was typed is a namesake
    no one meant (a village beside the city of that sound)."""
    largest: dict[float, int] = {}
    for item in ranked:
        largest[closeness(item)] = max(largest.get(closeness(item), 0), people(item))
    return [item for item in ranked if people(item) >= CONTENDER_SHARE * largest[closeness(item)]]


@functools.lru_cache(maxsize=1)
def open_shipped() -> Gazetteer:
    """The gazetteer that ships with the package, opened once per process: for the core's questions
    (queries.open_gazetteer) and for the sites store, which reads each site's country by it."""
    from sitefinder.paths import gazetteer_path

    return Gazetteer(gazetteer_path())


@functools.lru_cache(maxsize=1)
def _divisions_zh() -> dict[tuple[str, str], str]:
    """data/divisions_zh.csv ((ISO code, folded admin1) → Chinese); read on a Chinese answer's path only."""
    import csv

    from sitefinder.paths import data_dir

    with (data_dir() / "divisions_zh.csv").open(encoding="utf-8", newline="") as handle:
        return {(row["country"], fold(row["admin1"])): row["name_zh"] for row in csv.DictReader(handle)}
