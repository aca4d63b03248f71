"""Offline place resolution against the GeoNames-derived gazetteer that ships with the package.

The gazetteer is an indexed SQLite file (built by scripts/build_gazetteer.py), opened read-only:
a lookup reads a few pages instead of parsing megabytes on every run.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

from sitefinder.distance import sphere_km, spread_around
from sitefinder.errors import PlaceNotFound, RegionNotPlace, SitefinderError, UsageError
from sitefinder.models import Place, Resolution
from sitefinder.regions import province_key
from sitefinder.text import clean_query, has_cjk, name_key, quoted

SCHEMA_VERSION = 6
MAIN_CITY_KM = 30.0  # a city's suburbs and wards lie within this of its centre
MAX_QUERY_LENGTH = 200
# A runner-up with at least this share of the leader's population is a real contender.
CONTENDER_SHARE = 0.10
# Same-name records closer than this are one city (GeoNames often has the city and its core district).
SAME_CITY_KM = 30.0
SUGGESTION_MARGIN = 3.0  # rapidfuzz ratio points
DISTRICT_DEGREES = 0.08  # about 9 km: a place this near a place four times its size is a district of it
MAX_SPOKEN_CHARS = 8  # Chinese place names are two to four characters, rarely more
MAX_SPOKEN_KEYS = 64  # readings tried for one query (characters with several readings multiply)

# Separators between a place and its qualifiers, mapped to a comma (no regex: see text.py).
_TO_COMMA = str.maketrans({"，": ",", "、": ",", ";": ",", "；": ","})
_LATIN_CITY_WORDS = ("municipality", "city", "shi")


class Gazetteer:
    """Read-only access to the gazetteer file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            # immutable=1: the file ships inside the package and never changes, so SQLite may skip locking.
            self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error as exc:
            raise SitefinderError(f"cannot read the gazetteer {path}: {exc}; reinstall sitefinder") from exc
        if version != SCHEMA_VERSION:
            raise SitefinderError(f"the gazetteer {path} has schema {version}, expected {SCHEMA_VERSION}; "
                                  "rebuild it with scripts/build_gazetteer.py")
        self._country_names: dict[str, str] | None = None
        self._country_codes_by_name: dict[str, str] = {}
        self._has_china: bool | None = None

    def rows(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple]:
        """Rows of a query on the file, for modules with tables of their own (china.py)."""
        return self._db.execute(sql, parameters).fetchall()

    def has_china(self) -> bool:
        """Whether the file holds China's divisions (china.py's tables); an older file answers False."""
        if self._has_china is None:
            self._has_china = bool(self.rows("SELECT 1 FROM sqlite_master WHERE name = 'cn_division'"))
        return self._has_china

    def places(self, key: str) -> list[Place]:
        rows = self._db.execute(
            "SELECT p.id, p.name, p.admin1, p.country, p.latitude, p.longitude, p.population "
            "FROM name n JOIN place p ON p.id = n.place WHERE n.key = ?", (key,)).fetchall()
        return [self._place(row) for row in rows]

    def place_by_id(self, geonameid: int) -> Place | None:
        row = self._db.execute(
            "SELECT id, name, admin1, country, latitude, longitude, population FROM place WHERE id = ?",
            (geonameid,)).fetchone()
        return self._place(row) if row else None

    def alias_note(self, name: str, geonameid: int) -> str:
        """Why a name that is not the place's own leads to it (gazetteer/aliases.csv), or ""."""
        row = self._db.execute("SELECT note FROM alias WHERE key = ? AND place = ?",
                               (name_key(name), geonameid)).fetchone()
        return row[0] if row else ""

    def regions(self, text: str) -> set[tuple[str, str]]:
        """(country code, admin1 name or "") for a province, state or country name."""
        rows = self._db.execute("SELECT country, admin1 FROM region WHERE key = ?", (province_key(text),))
        return set(rows.fetchall())

    def divisions(self, text: str) -> set[tuple[str, str]]:
        """(country code, admin1 name) for what a registry writes as a state: a province, state or
        country name as `regions` reads it, or a part of a state standing for it (the province "RM"
        or "Roma" for Latium, "Isère" for Rhône-Alpes, "Surrey" for England)."""
        for form in (text, *_without_division_word(text)):
            key = province_key(form)
            rows = self._db.execute("SELECT country, admin1 FROM region WHERE key = ? UNION "
                                    "SELECT country, admin1 FROM part WHERE key = ?", (key, key)).fetchall()
            if rows:
                return set(rows)
        return set()

    def chinese_name(self, geonameid: int) -> str:
        """The place's name in Chinese characters, simplified where GeoNames has it, else "" (chosen
        when the gazetteer was built: scripts/build_gazetteer.py, chinese_names)."""
        row = self._db.execute("SELECT zh FROM place WHERE id = ?", (geonameid,)).fetchone()
        return row[0] if row else ""

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

    def country_code_of(self, name: str) -> str:
        """The ISO code of a country as the gazetteer names it (the inverse of country_name)."""
        self.country_name("")  # loads the table
        return self._country_codes_by_name.get(name, "")

    def division_places(self, country: str, admin1: str | None = None) -> list[Place]:
        """The places of a division (or with no admin1, of a country), most populous first."""
        rows = self._db.execute(
            "SELECT id, name, admin1, country, latitude, longitude, population FROM place WHERE country = ? "
            "AND (? IS NULL OR admin1 = ?) ORDER BY population DESC, id", (country, admin1, admin1)).fetchall()
        return [self._place(row) for row in rows]

    def division_middle(self, country: str, admin1: str) -> Place | None:
        """A division (province, state, prefecture) as one point: the median latitude and longitude of
        its places, named after the division, with its largest place's id (for the record)."""
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
        places = self.division_places(country, admin1)
        if not places:
            return None
        city = places[0]
        people = ((place.latitude, place.longitude, place.population) for place in places)
        share, reach = spread_around(city.latitude, city.longitude, people, MAIN_CITY_KM)
        return city, share, reach

    def part_city(self, text: str, country: str) -> tuple[Place, float, float] | None:
        """For a part of a state (a province: "AN", "Ancona"), as `main_city` for a state: its main
        place, the share of its people within MAIN_CITY_KM of it, the distance nine in ten live within."""
        row = self._db.execute("SELECT place, share, reach FROM part_city WHERE key = ? AND country = ?",
                               (province_key(text), country)).fetchone()
        place = self.place_by_id(row[0]) if row else None
        return (place, row[1], row[2]) if place else None

    def division_reaches(self, country: str, admin1: str, latitude: float, longitude: float, km: float) -> bool:
        """Whether a place of the division lies within about `km` of the point (a degree box)."""
        degrees = km / 111.0
        row = self._db.execute(
            "SELECT 1 FROM place WHERE latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ? AND country = ? "
            "AND admin1 = ? LIMIT 1", (latitude - degrees, latitude + degrees, longitude - degrees,
                                       longitude + degrees, country, admin1)).fetchone()
        return row is not None

    def is_district(self, place: Place) -> bool:
        """Whether a place lies inside a much larger place of another name: GeoNames lists districts
        of cities as places (Madrid's Salamanca), which a registry's "Salamanca, Spain" never means."""
        if place.geonameid is None:
            return False
        row = self._db.execute(
            "SELECT 1 FROM place WHERE latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ? AND population > ? "
            "AND id != ? LIMIT 1",
            (place.latitude - DISTRICT_DEGREES, place.latitude + DISTRICT_DEGREES, place.longitude - DISTRICT_DEGREES,
             place.longitude + DISTRICT_DEGREES, 4 * max(place.population, 1), place.geonameid)).fetchone()
        return row is not None

    def close_spellings(self, text: str, countries: set[str], limit: int = 5) -> list[tuple[float, Place]]:
        """(score, place) for the names in these countries closest to `text`, best first (rapidfuzz
        ratio, 0-100). Used when importing a registry location, never for what a person typed."""
        key = name_key(text)
        if len(key) < 4 or not countries:
            return []
        from rapidfuzz import fuzz, process

        rows = self._db.execute(
            "SELECT n.key, p.id, p.name, p.admin1, p.country, p.latitude, p.longitude, p.population FROM name n "
            f"JOIN place p ON p.id = n.place WHERE length(n.key) BETWEEN ? AND ? AND p.country IN "
            f"({','.join('?' * len(countries))})", [len(key) - 2, len(key) + 2, *sorted(countries)]).fetchall()
        matches = process.extract(key, [row[0] for row in rows], scorer=fuzz.ratio, limit=limit * 4, score_cutoff=75)
        return [(score, self._place(rows[index][1:])) for _, score, index in matches][: limit * 4]

    def country_name(self, code: str) -> str:
        if self._country_names is None:
            self._country_names = dict(self._db.execute("SELECT code, name FROM country").fetchall())
            self._country_codes_by_name = {name: code for code, name in self._country_names.items()}
        return self._country_names.get(code, code)

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Close spellings of well-known place names, best first. Only on the miss path."""
        key = name_key(text.translate(_TO_COMMA).split(",")[0])
        if has_cjk(key):
            return self.same_sounding(key, limit)
        if len(key) < 3:
            return []
        from rapidfuzz import fuzz, process  # 30 ms to import: only paid when a query misses

        rows = self._db.execute(
            "SELECT key, label, population FROM suggestion WHERE length(key) BETWEEN ? AND ?",
            (len(key) - 2, len(key) + 2)).fetchall()
        matches = process.extract(key, [row[0] for row in rows], scorer=fuzz.ratio, limit=20, score_cutoff=80)
        if not matches:
            return []
        # Only the spellings about as close as the closest: "Guangzou" suggests Guangzhou, not also Guanzhou.
        top = max(score for _, score, _ in matches)
        best = sorted((m for m in matches if m[1] >= top - SUGGESTION_MARGIN), key=lambda m: (-m[1], -rows[m[2]][2]))
        return [rows[index][1] for _, _, index in best[:limit]]

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
        labels: dict[str, str] = {}  # one suggestion per Chinese name: the most populous place of it
        for geonameid, name, admin1, country, _ in found:
            chinese = self.chinese_name(geonameid)
            if chinese and chinese != key and chinese not in labels:
                labels[chinese] = f"{chinese} ({name}, {admin1 or self.country_name(country)})"
        return list(labels.values())[:limit]

    def _place(self, row: tuple) -> Place:
        geonameid, name, admin1, country, latitude, longitude, population = row
        return Place(name=name, province=admin1, country=self.country_name(country), latitude=latitude,
                     longitude=longitude, population=population, geonameid=geonameid)


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """`22.54,114.06`, `-33.87, 151.21`, `22.54 114.06` or full-width `２２.５４，１１４.０６` as
    (latitude, longitude); None when it is not two numbers."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text).replace("−", "-")  # full-width digits and comma; a minus sign
    parts = text.replace(",", " ").split()
    if len(parts) != 2 or not all(_is_decimal(part) for part in parts):
        return None
    latitude, longitude = float(parts[0]), float(parts[1])
    if not -90 <= latitude <= 90:
        raise UsageError(f"latitude {latitude:g} is out of range: it must be between -90 and 90 (write LAT,LON)")
    if not -180 <= longitude <= 180:
        raise UsageError(f"longitude {longitude:g} is out of range: it must be between -180 and 180 (write LAT,LON)")
    return latitude, longitude


def _is_decimal(text: str) -> bool:
    """A plain decimal number: digits with an optional sign and fraction (no exponent, nan or inf)."""
    whole, _, fraction = text.lstrip("+-").partition(".")
    return (text.count("-") + text.count("+") <= 1 and text[0] not in "." and 1 <= len(whole) <= 3
            and whole.isascii() and whole.isdigit() and (not fraction or (fraction.isascii() and fraction.isdigit())))


def resolve(query: str, gazetteer: Gazetteer, preferred: frozenset[int] = frozenset()) -> Resolution:
    """Resolve what a person typed to one place, keeping the alternatives it considered.

    `preferred` holds GeoNames ids of the cities that host a site of the loaded trial: among
    same-name places those come first (someone asking about "Taizhou" for this trial most likely
    means the Taizhou with a site), then the most populous.
    """
    text = clean_query(query)
    if not text:
        raise UsageError("the place is empty: give a city (Guangzhou, 广州) or coordinates (22.54,114.06)")
    if len(text) > MAX_QUERY_LENGTH:
        raise UsageError(f"the place is {len(text)} characters long; give a city name of at most {MAX_QUERY_LENGTH}")
    coordinates = parse_coordinates(text)
    if coordinates:
        latitude, longitude = coordinates
        place = Place(name=f"{latitude:g},{longitude:g}", province="", country="", latitude=latitude,
                      longitude=longitude, source="coordinates")
        return Resolution(query=query, place=place)

    from sitefinder.china import city_of_qualifier, names_an_institution, resolve_china  # China's divisions (天河区, 广州天河) first

    if names_an_institution(text):
        raise PlaceNotFound(text, [], hint="that names a hospital or university: give the city it is in")
    if text.isascii() and len(name_key(text)) <= 2:  # "GZ", "BJ": only a place of exactly that main name
        short = [place for place in gazetteer.places(name_key(text)) if name_key(place.name) == name_key(text)]
        if not short:
            raise PlaceNotFound(text, [])
        return _choose(query, short, preferred)

    china = resolve_china(query, text, gazetteer, preferred)
    if china is not None:
        return china
    for head, qualifiers in _readings(text):
        region_sets = [gazetteer.divisions(qualifier) for qualifier in qualifiers]
        if not all(region_sets):
            continue
        candidates = [place for place in _lookup(gazetteer, head)
                      if all(_within(place, regions, gazetteer) for regions in region_sets)]
        if candidates and not qualifiers:
            countries = {(code, admin1) for code, admin1 in gazetteer.regions(text) if not admin1}
            if countries and not any(_within(place, countries, gazetteer) for place in candidates):
                # "China" is a country, not China in Maine; "Singapore" and "Luxembourg" are both
                raise RegionNotPlace(text, countries, hint="that is a country: give a city in it")
        if candidates:
            return _choose(query, candidates, preferred)
    if regions := gazetteer.regions(text):
        raise RegionNotPlace(text, regions, hint=f"that is a province or country: give a city in it, "
                                                f"or run: sitefinder list --province {quoted(text)}")
    approximate = _main_city_of_qualifier(query, text, gazetteer)
    if approximate is not None:
        return approximate
    china_city = city_of_qualifier(query, text, gazetteer)  # "Foo District, Guangzhou": the city, saying so
    if china_city is not None:
        return china_city
    raise PlaceNotFound(text, gazetteer.suggest(text))


def _main_city_of_qualifier(query: str, text: str, gazetteer: Gazetteer) -> Resolution | None:
    """"Gangnam-gu, Seoul", "Torrette, Ancona": a ward or quarter the gazetteer lacks, in a division
    that is mostly one city, is that city, as an imported site would be (placement's rule)."""
    from sitefinder.placement import main_city_placement

    for head, qualifiers in _readings(text):
        if len(qualifiers) == 1:
            placement = main_city_placement(head, qualifiers[0], gazetteer)
            if placement is not None and placement.place is not None:
                place = placement.place
                note = (f"{head} is not in the offline gazetteer: using {place.name}, the main city of "
                        f"{qualifiers[0]}, as an approximation (--online looks {head} up)")
                return Resolution(query=query, place=place, notes=(note,))
    return None


def _readings(text: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Ways to split a query into a place name and qualifiers, the most literal first."""
    yield text, ()
    parts = [part.strip() for part in text.translate(_TO_COMMA).split(",") if part.strip()]
    if len(parts) > 1:
        yield parts[0], tuple(parts[1:])
        return
    words = text.split()
    for cut in range(len(words) - 1, 0, -1):  # "Taizhou Jiangsu" and "Jiangsu Taizhou"
        yield " ".join(words[:cut]), (" ".join(words[cut:]),)
        yield " ".join(words[cut:]), (" ".join(words[:cut]),)
    if len(words) == 1 and has_cjk(text):  # 江苏泰州: Chinese puts the province first, with no space
        for cut in range(1, len(text)):
            yield text[cut:], (text[:cut],)
            yield text[:cut], (text[cut:],)


# GeoNames keeps small places under one spelling: "St. Louis" and "Saint Louis" must both find it.
_ABBREVIATIONS = {"st": "Saint", "ste": "Sainte", "mt": "Mount", "ft": "Fort", "pt": "Port",
                  "n": "North", "s": "South", "e": "East", "w": "West"}  # "W. Palm Beach", "N Little Rock"
_SPELLED_OUT = {"saint": "St.", "sainte": "Ste.", "mount": "Mt.", "fort": "Ft."}


def other_spellings(name: str) -> list[str]:
    """The name with its first word abbreviated or spelled out: "Ft. Myers" → ["Fort Myers"],
    "St-Jérôme" (as Québec writes it) → ["Saint-Jérôme"], "E. Lansing" → ["East Lansing"]."""
    space, hyphen = name.find(" "), name.find("-")
    cut = min(index for index in (space, hyphen, len(name)) if index >= 0)
    first, separator, rest = name[:cut], name[cut:cut + 1], name[cut + 1:]
    word = first.casefold().rstrip(".")
    if rest and word in _ABBREVIATIONS and first.casefold() not in _SPELLED_OUT:
        return [f"{_ABBREVIATIONS[word]}{separator}{rest}"]
    if rest and separator == " " and first.casefold() in _SPELLED_OUT:
        return [f"{_SPELLED_OUT[first.casefold()]} {rest}"]
    return []


# Suffixes that make a name a ward of one of the big cities a Japanese prefecture or a Korean
# province or metropolitan city is named after or led by (-ku, -gu); then all that make it a
# district of some city (Chinese -qu: which city, a province does not say).
CITY_WARD_SUFFIXES = ("-ku", " ku", "-gu", " gu")
WARD_SUFFIXES = (*CITY_WARD_SUFFIXES, " district", " dist.", " dist", "-qu", " qu")
# Those and what else people and registries append to a town's name ("Ota-shi", "Taichung City").
_ADDED_SUFFIXES = (*WARD_SUFFIXES, "-shi", " shi", "-si", " si", "-gun", " gun", "-cho", "-machi", "-mura", " city",
                   " municipality")


# What separates a town from what is written after it in one field: "Milano (MI)",
# "Porto Alegre - RS", "Guangzhou, Guangdong", "Frankfurt/Main".
_QUALIFIER_SEPARATORS = (",", "，", " - ", " – ", " (", "/")


def split_qualifier(name: str) -> tuple[str, str]:
    """A town and what follows it in the same field: "Milano (MI)" → ("Milano", "MI"), "Roma RM" →
    ("Roma", "RM"), "Sao Paulo - SP" → ("Sao Paulo", "SP"); ("", "") when nothing follows."""
    for separator in _QUALIFIER_SEPARATORS:
        head, found, rest = name.partition(separator)
        if found and head.strip() and rest.strip(" )"):
            return head.strip(), rest.strip(" )")
    words = name.split()
    if len(words) > 1 and 2 <= len(words[-1]) <= 3 and words[-1].isalpha() and words[-1].isupper():
        return " ".join(words[:-1]), words[-1]  # "Roma RM", "CURITIBA PR"; the whole name is tried first
    return "", ""


def written_forms(name: str) -> list[str]:
    """The name as written, then without what is added to a town's name ("TOULOUSE Cedex 9",
    "Praha 2", "Chuo-ku", "Haidian District", "75013 Paris") and with "St."/"Saint"
    the other way round, then a hyphenated name's first part ("Ostrava-Poruba"), each once."""
    tried = [name]
    words = name.split()
    if len(words) > 1 and words[0].isdigit():  # "75013 Paris"
        tried.append(" ".join(words[1:]))
    if "cedex" in (word.casefold() for word in words):  # "TOULOUSE Cedex 9", "Bron Cedex"
        tried.append(" ".join(words[: [word.casefold() for word in words].index("cedex")]))
    if len(words) > 1 and words[-1].isdigit():  # "Praha 2", "Wien 9"
        tried.append(" ".join(words[:-1]))
    tried += other_spellings(name)
    folded = name.casefold()
    for suffix in _ADDED_SUFFIXES:
        if folded.endswith(suffix) and len(name) > len(suffix) + 2:
            tried.append(name[: -len(suffix)])
    first, hyphen, _ = name.partition("-")
    if hyphen and len(words) == 1 and "," not in name and len(first) >= 4:  # "Ostrava-Poruba": the city
        tried.append(first)
    return [form for index, form in enumerate(tried) if form and form not in tried[:index]]


def _lookup(gazetteer: Gazetteer, head: str) -> list[Place]:
    key = name_key(head)
    if not key:
        return []
    for form in written_forms(head):  # "Ft. Myers", "Shinjuku-ku", "Praha 2"
        places = gazetteer.places(name_key(form))
        if places:
            return places
    for word in _LATIN_CITY_WORDS:  # "GuangzhouShi", "Beijing Municipality" written as one word
        if key.endswith(word) and len(key) - len(word) >= 3:
            return gazetteer.places(key[: -len(word)])
    return []


# Words that say a name is a division, written after it: Japan's -to, -fu, -ken ("Aichi-ken"),
# Korea's special and metropolitan cities, Taiwan's and others' "City", China's "Zizhiqu".
_DIVISION_WORDS = ("to", "fu", "ken", "city", "special city", "metropolitan city", "zizhiqu", "uygur zizhiqu",
                   "state", "region", "department", "departamento", "provincia", "region metropolitana")


def _without_division_word(text: str) -> list[str]:
    """The name without a division word after it: "Aichi-ken" → ["Aichi"], "Taipei City" → ["Taipei"]."""
    folded = " ".join(text.replace("-", " ").split()).casefold()
    return [text[: len(text) - len(word) - 1].strip(" -") for word in _DIVISION_WORDS
            if folded.endswith(" " + word) and len(folded) > len(word) + 2]


def _within(place: Place, regions: set[tuple[str, str]], gazetteer: Gazetteer) -> bool:
    return any(place.country == gazetteer.country_name(country) and (not admin1 or place.province == admin1)
               for country, admin1 in regions)


def _choose(query: str, candidates: list[Place], preferred: frozenset[int]) -> Resolution:
    ranked = sorted(candidates, key=lambda p: (p.geonameid not in preferred, -p.population, p.geonameid or 0))
    distinct: list[Place] = []
    for place in ranked:
        if not any(other.country == place.country and sphere_km(other.latitude, other.longitude, place.latitude, place.longitude) < SAME_CITY_KM for other in distinct):
            distinct.append(place)
    leader, alternatives = distinct[0], tuple(distinct[1:])
    ambiguous = bool(alternatives) and alternatives[0].population >= CONTENDER_SHARE * leader.population
    return Resolution(query=query, place=leader, alternatives=alternatives, ambiguous=ambiguous)
