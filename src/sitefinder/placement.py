"""Placing a registry location offline: its city, state and country, as registry staff write them.

The rules, each for a class of what real records hold (benchmarks/placement.py measures them):
- The country must be one the gazetteer knows, in any of the registry's spellings ("Korea, Republic
  of", "Turkey (Türkiye)"); an unknown country leaves the site unplaced and says so. A country takes
  in the places GeoNames keeps apart (Réunion for France, Hong Kong for China).
- A state is read only as a division of that country ("Palermo, PA, Italy": PA is not Pennsylvania
  there), by any name the gazetteer knows for it (Gazetteer.divisions: local and ISO names and
  codes, a province standing for its state); one the country does not have is left out. A state
  written in the city's field counts too ("Milano (MI)", "Porto Alegre - RS").
- The city is tried as written, then in the forms placenames.written_forms strips of what registries
  add ("Cedex 9", "Praha 2", "Chuo-ku", "75013 Paris", "Lyon 3e Arrondissement", "Ostrava-Poruba", "St." for
  "Saint").
- Among same-name places, one whose own name is the city beats one that merely has it as another
  name (Mirano is not Milan), then the most populous; a town beats a district of a bigger city.
- A city in the wrong state (a registry typo: "Taiyuan, Shaanxi") is placed, with a note, when the
  name is the place's own and it is the one such namesake (or ten times any other): a town of
  15,000 or more next to the state written, or a city of 100,000 or more in a state spelt like it;
  a district named like a city elsewhere ("Wuzhong, Jiangsu") is not. Otherwise the site stays
  unplaced and the note says why.
- A ward or district ("Bunkyo-ku, Tokyo", "Gangnam-gu, Seoul", "Haidian District, Beijing") is part
  of a city of the state given: a namesake in another state is another ward, never a correction.
- A state that is no division but one city ("3e Arrondissement, Lyon", "Menteng, Jakarta") keeps
  the place in that city's division or within 100 km of it: a namesake or close spelling elsewhere
  (Paris's 3rd, Genteng in East Java) is not the row's, which is then placed at that city
  (approximate); "Kargopol, Arkhangelsk" (the oblast written as its capital) stays Kargopol.
- A place the gazetteer does not know in a known state (a ward, a suburb: most places of 1,000 people
  are known, so what is missing is mostly parts of cities) is placed at the state's main city, with
  a note and precision "state": always for a Japanese or Korean ward (-ku, -gu), otherwise only when
  half the state's people live within 30 km of that city (85 % when the name is a place elsewhere
  in the country: "Chaoyang, Beijing" is Beijing's district) and nine in ten within 100 km
  ("Tianhe District, Guangdong" is not put at Shenzhen). A province given for the state is taken
  on its own ("Torrette, AN" at Ancona, not the Marches' main city). With no state, a country
  that is mostly one city (Singapore).
- A postal locality the gazetteer's places lack (a US postal town; abroad a comuna, a commune, a post
  town: "Vitacura", "Ramos Mejía", "Vällingby") is placed at the middle of its postal codes, in the
  state given or the one state that has it; last of all, a post town written short ("Umhlanga" for
  Umhlanga Rocks) as the one locality of the state given whose name begins so.
- A Korean -gu of one city other than Seoul is placed at that city ("Haeundae-gu" at Busan); one
  that several cities have ("Seo-gu") needs the state or the postal code's zone, else stays unplaced
  naming them.
- A city of a mainland row that is a Chinese division's own name ("Gulou", "Chaoyang, Jilin", "Tianhe
  District", "Kunshan City") is read as `near` reads it (china.py's reading and ranking, the state
  narrowing it), at the division's seat, before GeoNames, whose place of the name may be a town
  elsewhere; a name the state does not decide says in the note which was used and the others.
- A city that is a first-level division's own name, with no state ("Mie, Japan"), is that division
  (Gazetteer.named_division, `near "Mie, Japan"`'s rule too): a place of that name in it (Osaka,
  Tottori-shi), else its middle, never a small namesake elsewhere (Mie town in Ōita); a city of
  100,000 elsewhere is the name's (Ibaraki, Osaka). A registry point is checked against it as
  against a state written.
- A state that is a part of a first-level division ("Cambridgeshire", "RM") keeps the place within
  reach of that part's main city: Bretton by Chester is in England, not in Cambridgeshire.
- A city field that is a place and its state at a space ("Meram Konya") is split as `near` splits
  a query (placenames.readings), the state one of the country's divisions.
- A city that is a division itself ("Hokkaido, Japan") is placed at its middle, precision "division";
  one that is a second-level division of one town ("Vicente López": the partido of Olivos) at that
  town, precision "state".
- A postal code says what the row does not: a French one its département, or an overseas part
  ("Saint-Denis, 93200" is near Paris, "Saint-Denis, 97400" on Réunion); a Brazilian CEP or a Korean
  postal code its state.
- A misspelt city ("Hanzhou") is placed when one spelling in the country (and state, when given) is
  clearly closest and names a town of 15,000 or more, with a note.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from sitefinder.distance import distinct_places, sphere_km
from sitefinder.gazetteer import TOWN_MIN_POPULATION
from sitefinder.placenames import CITY_WARD_SUFFIXES, WARD_SUFFIXES, readings, split_qualifier, written_forms
from sitefinder.models import Place
from sitefinder.regions import modern_name, province_key
from sitefinder.text import fold, name_key
from sitefinder.wording import said

if TYPE_CHECKING:
    from sitefinder.gazetteer import Gazetteer

DOMINANT = 10  # a namesake ten times the next is the one meant (Taiyuan the city, not a village Taiyuan)
# A city found only in another state is a registry typo of the state when it is a city this large
# ("Zhengzhou, Hainan"); a village elsewhere is not what a row meant ("Yuzhong, Chongqing").
CORRECTION_MIN_POPULATION = 100_000
SIMILAR_STATE_SCORE = 70  # rapidfuzz ratio of "hainan" and "henan": 73; "jiangsu" and "ningxia": 29
NEIGHBOUR_KM = 100.0  # a city this close to the state written is a border slip, not a district
NEIGHBOUR_MIN_POPULATION = 15_000  # a hamlet next door is not what a row meant ("Chaoyang, Beijing")
MISSPELT_MIN_POPULATION = TOWN_MIN_POPULATION  # close_spellings offers only towns this large
# A place unknown in a state is put at the state's main city when this share of the state's people
# live within 30 km of it (Ankara 0.92; Detroit in Michigan far less), and nine in ten within this
# distance (Ankara 15 km; not Western Cape, 0.69 but 186 km: a village there may be far from Cape Town).
MAIN_CITY_SHARE = 0.5
MAIN_CITY_REACH_KM = 100.0
# When the name is a place elsewhere in the country, only a state that is nearly all one city
# (Beijing 0.98, Shanghai 0.90) makes it that city's district; Hawaii (Honolulu 0.77) does not.
CITY_STATE_SHARE = 0.85


class Placement(NamedTuple):
    place: Place | None
    note: str  # what was corrected or why nothing was placed; "" when the city was found as written
    precision: str = "city"  # "city"; "division" (its middle); "state" (its main city, the place being unknown)


# No place name is this long (the gazetteer's longest is 168 characters); a longer field is not one,
# and reading it as one would cost time in proportion to whatever a broken registry answer holds.
MAX_FIELD_CHARS = 200
# The misspelling search is the one step whose cost (about 10 ms) is paid by every distinct row the
# gazetteer does not know; a registry answer of 10,000 made-up cities would hold an import for
# minutes. Real studies have at most a few hundred locations: past this many searches in one
# import, the rest are left unplaced with a note saying why (at most about 10 s of searching).
MAX_SPELLING_SEARCHES = 1_000


def _named_at(latitude: float, longitude: float, city: str, state: str, code: str, gazetteer: Gazetteer) -> int | None:
    """Placer.city_at's lookup: the first written form of `city` that names places of country
    `code` near the point; of those, one in the row's state where one is (Kansas City, Kansas and
    Kansas City, Missouri lie 5 km apart), and of those the nearest to the point."""
    from sitefinder.distance import SAME_PLACE_KM, sphere_km
    from sitefinder.placenames import written_forms
    from sitefinder.regions import province_key

    def km(place: Place) -> float:
        return sphere_km(latitude, longitude, place.latitude, place.longitude)

    for form in written_forms(city)[:MAX_WRITTEN_FORMS]:
        key = name_key(form)
        near = [place for place in (gazetteer.places(key) if key else [])
                if place.geonameid is not None and gazetteer.country_code_of(place.country) == code
                and km(place) <= SAME_PLACE_KM]
        in_state = [place for place in near if state and province_key(place.province) == province_key(state)]
        if near:
            return min(in_state or near, key=km).geonameid
    return None


# The written forms of a registry's city a point's name is looked up by (placenames.written_forms
# gives a handful; a hostile row's city gives no more work than this).
MAX_WRITTEN_FORMS = 8


class Placer:
    """place_location for the rows of one import, each distinct (city, state, country, postal code)
    worked out once: registries repeat them (a city's many hospitals), and 10,000 rows of 1,371
    distinct ones took 39.6 s placed one by one, 8.1 s remembered, with byte-identical results.
    What it keeps is one Placement per distinct row, so it is bounded by the rows it is given; the
    same for the check of a registry point against the row's state (point_outside)."""

    def __init__(self, gazetteer: Gazetteer, max_spelling_searches: int = MAX_SPELLING_SEARCHES) -> None:
        self.gazetteer, self.spellings_left = gazetteer, max_spelling_searches
        self._placed: dict[tuple[str, str, str, str], Placement] = {}
        self._outside: dict[tuple[float, float, str, str, str, str], str] = {}
        self._at: dict[tuple[float, float, str, str, str], int | None] = {}

    def point_outside(self, latitude: float, longitude: float, city: str, state: str, country: str,
                      postal_code: str = "") -> str:
        key = (latitude, longitude, city.strip(), state.strip(), country.strip(), postal_code.strip())
        if key not in self._outside:
            self._outside[key] = point_outside(latitude, longitude, *key[2:5], self.gazetteer, key[5])
        return self._outside[key]

    def city_at(self, latitude: float, longitude: float, city: str, state: str, code: str) -> int | None:
        """The GeoNames id of the place a registry's city names at its own point: a place of the
        city's name (any written form: "Kawasaki-shi", "Boston"), in the row's country (`code`),
        within SAME_PLACE_KM of the point, in its state where one is, the nearest; None for none. By the
        name alone, without a placement: the point is the registry's, the name only says which
        city that is. Each distinct (point, city, country) is looked up once."""
        key = (latitude, longitude, city.strip(), state.strip(), code)
        if key not in self._at:
            self._at[key] = _named_at(latitude, longitude, key[2], key[3], code, self.gazetteer)
        return self._at[key]

    def place(self, city: str, state: str, country: str, postal_code: str = "") -> Placement:
        key = (city.strip(), state.strip(), country.strip(), postal_code.strip())
        if key not in self._placed:
            searched: list[str] = []
            self._placed[key] = place_location(*key[:3], self.gazetteer, key[3],
                                               spellings=self.spellings_left > 0, searched=searched)
            self.spellings_left -= len(searched)
        return self._placed[key]


def place_location(city: str, state: str, country: str, gazetteer: Gazetteer, postal_code: str = "",
                   spellings: bool = True, searched: list[str] | None = None) -> Placement:
    """Where a registry location is, from its text alone. With `spellings` False, a city the
    gazetteer does not know is not searched for as a misspelling; each search made is appended to
    `searched` (the Placer's budget)."""
    city, state, country = city.strip(), state.strip(), country.strip()
    if not city:
        return Placement(None, said("placed.no_city"))
    for field, text in (("city", city), ("state", state), ("country", country), ("postal code", postal_code)):
        if len(text) > MAX_FIELD_CHARS:
            return Placement(None, said("placed.field_too_long", field=said(f"placed.word.{field.replace(' ', '_')}"),
                                        length=f"{len(text):,}"))
    where = ", ".join(part for part in (city, state, country) if part)
    countries = _country_names(country, gazetteer)
    if country and not countries:
        return Placement(None, said("placed.unknown_country", country=repr(country)))
    modern = modern_name(city) if "CN" in {gazetteer.country_code_of(name) for name in countries} else ""
    if modern:  # "Sinkiang, China" was a village in Shanxi by a stray alternate name: Xinjiang
        placed = place_location(modern, state, country, gazetteer, postal_code, spellings, searched)
        return placed._replace(note=f"{said('placed.old_romanisation', city=city, modern=modern)} {placed.note}".strip())
    head, qualifier = split_qualifier(city)  # "Milano (MI)", "Porto Alegre - RS": two fields in one
    part, postal_state = _postal_hint(countries, postal_code.strip(), gazetteer)
    if part:  # "Saint-Denis, France, 93200" is not Saint-Denis on Réunion (97400)
        countries = {part}
    codes = {gazetteer.country_code_of(name) for name in countries}
    state_label = (repr(state or qualifier) if state or qualifier
                   else said("placed.word.from_postal_code", state=postal_state, code=postal_code))
    state = state or qualifier or postal_state
    states = _states(state, countries, gazetteer)
    why_not = ""
    ward = city.casefold().endswith(WARD_SUFFIXES)
    city_ward = city.casefold().endswith(CITY_WARD_SUFFIXES)  # its state's main city, be the state what it may
    ward_note = ""
    capital = _capital_of_ward(city, codes) if not states and city_ward and countries else None
    if capital is not None and not capital[0]:  # "Naka-ku, Japan": Yokohama's, Nagoya's, Hiroshima's...
        return Placement(None, said("placed.ward_of_several", city=repr(city), cities=capital[1]))
    if capital is not None:
        # "Koto-Ku, Japan": Tokyo's Kōtō, not Kotō in Kumamoto (a -ku with no prefecture is a ward)
        state, described = capital
        state_label = repr(state)
        states = _states(state, countries, gazetteer)
        ward_note = said("placed.ward_no_state", city=city, described=described, state=state)
    elif city_ward and countries and codes == {"KR"} \
            and not _gazetteer_has(city, states, countries, gazetteer):
        korean = _korean_city_ward(city, states, gazetteer)  # "Haeundae-gu": Busan's; "Seo-gu": five cities'
        if korean is not None:
            return korean
    seat: list[Placement | None] = []
    # The state field holding a city, not a division ("3e Arrondissement, Lyon", "Menteng, Jakarta"):
    # a place of the city's name outside that city's division and far from it is another one's
    # (Paris's 3rd), never the row's.
    state_city = _state_city(state, states, countries, gazetteer)
    # A part of a division written as the state ("Bretton, Cambridgeshire"): a place far from it is
    # another namesake (Bretton by Chester), however its division (England) matches.
    state_part = _part_of_state(state, states, gazetteer)

    def in_part(placed: Placement | None) -> Placement | None:
        return placed if placed is None or placed.place is None or _in_part(placed.place, state_part) else None

    def division() -> Placement | None:  # worked out only when asked: a division's middle reads all its places
        if not seat:
            seat.append(_division_seat(city, countries, gazetteer))
        return seat[0]

    # A city written as a division of the mainland names itself ("Gulou", "Chaoyang, Jilin", "Chengzhong
    # District, Guangxi") is read as `near` reads it, before GeoNames: GeoNames' place of the name may
    # be a town elsewhere (古楼 in Chongqing for "Gulou"; a Chaoyang 147 km from Changchun's 朝阳区).
    division_named = "CN" in codes and _names_a_division(city, gazetteer)
    if division_named and (county := _mainland_division(city, state, countries, gazetteer)) is not None:
        return county

    for name in dict.fromkeys([*written_forms(city), *(written_forms(head) if head else ())]):
        found = [place for place in gazetteer.places(name_key(name)) if not countries or place.country in countries]
        if state_city is not None:
            found = [place for place in found if _near(place, state_city)]
        if not found:
            continue
        key = name_key(name)
        if states:
            in_state = [place for place in found if (_code(place, gazetteer), place.province) in states
                        and _in_part(place, state_part)]
            if in_state:
                return (_nearest_the_postal_code(in_state, postal_code, gazetteer)
                        or _qualified_namesake(in_state, key, gazetteer)
                        or Placement(_best(in_state, key, gazetteer), ward_note))
            if ward:  # Kotō, Tokyo is not Kotō, Kumamoto
                continue
            postal = in_part(_postal_town(city, head, states, countries, postal_code, gazetteer, state_city))
            if postal is not None:  # "Chesterfield, Michigan": a postal town, not Chesterfield, Missouri
                return postal
            distinct = distinct_places(sorted(found, key=lambda place: -place.population))
            place = _state_typo(distinct, key, state, states, gazetteer)
            if place is not None:
                return Placement(place, said("placed.state_slip", state=state_label, place=place.name,
                                             region=place.province or place.country))
            why_not = (said("placed.not_in_state.many", city=repr(city), state=state_label, count=str(len(distinct)),
                            where=country or said("placed.word.world")) if len(distinct) > 1 else
                       said("placed.not_in_state.one", city=repr(city), state=state_label, place=distinct[0].name,
                            region=distinct[0].province or distinct[0].country))
            continue
        # "Mie, Japan": the prefecture, or a place of its name in it, never Mie town in Ōita (as `near` reads it)
        divisions, inside = gazetteer.named_division(name, codes, found)
        if divisions and not inside and (seated := division()) is not None:
            return seated
        found = inside if divisions and inside else found
        qualified = _nearest_the_postal_code(found, postal_code, gazetteer) or _qualified_namesake(found, key, gazetteer)
        if qualified is not None:
            return qualified
        best = _best(found, key, gazetteer)
        if name_key(best.name) != key and (seated := division()) and seated.place is not None \
                and best.province != seated.place.province and best.population < seated.place.population / 2:
            # "Kanagawa, Japan": the prefecture, not a ward elsewhere with that other name; but "Kiev"
            # is Kyiv, a city larger than the oblast around it
            return seated
        return Placement(best, _namesakes_note(city, best, found, key, country, gazetteer))
    if not state and not head and countries and (spaced := _spaced_state(city, countries, gazetteer)):
        # "Meram Konya": a place and its state at a space, read as `near` reads it (placenames.readings)
        placed = place_location(*spaced, country, gazetteer, postal_code, spellings, searched)
        if placed.place is not None and placed.precision == "city":
            return placed
    if "TW" in codes:
        township = _taiwan_township(city, state, gazetteer)
        if township is not None:
            return township
    if "CN" in codes and not division_named and (county := _mainland_division(city, state, countries, gazetteer)):
        return county  # a division by another name of it ("Foo District, Guangzhou"), when GeoNames has none
    postal = in_part(_postal_town(city, head, states, countries, postal_code, gazetteer, state_city))
    if postal is not None:
        return postal
    if why_not:  # "Chaoyang, Beijing": a district of the city that is nearly all the state, not a namesake
        if states and (town := _division_town(city, states, countries, gazetteer, state_city)) is not None:
            return town  # "General San Martín, Buenos Aires": the partido, not a namesake town elsewhere
        main = _main_city(city, state, states, countries, city_ward, gazetteer, CITY_STATE_SHARE)
        return main._replace(note=f"{ward_note} {main.note}".strip()) if main else Placement(None, why_not)
    if seated := division():
        return seated
    town = _division_town(city, states, countries, gazetteer, state_city)
    if town is not None:  # "Vicente López, Buenos Aires": the partido, at Olivos
        return town
    if spellings and searched is not None:
        searched.append(city)
    found_elsewhere = ((in_part(_closest_spelling(city, states, countries, gazetteer, state_city)) if spellings else None)
                       or _main_city(city, state, states, countries, city_ward, gazetteer))
    if found_elsewhere is not None:
        return found_elsewhere._replace(note=f"{ward_note} {found_elsewhere.note}".strip())
    return (_city_for_state(city, state, states, countries, gazetteer)
            or _postal_town_written_short(city, states, gazetteer)
            or Placement(None, said("placed.unknown_place", where=repr(where)) if spellings else
                         said("placed.unknown_place.unsearched", where=repr(where), most=f"{MAX_SPELLING_SEARCHES:,}")))


# A registry geoPoint farther than this from every place of the state the row states (or of the
# part of a country its postal code names) is not the row's. Of the 1,347 real points of
# benchmarks/placement, every one not found wrong by hand is within 17.5 km of a place of its
# stated state (Free Soil, Michigan, a township; Bogotá 15 km from Cundinamarca's nearest); those
# checked by hand and found elsewhere are 54 km (Chuo-shi,
# Yamanashi, put in Tokyo) to 2,000 km off (Hanzhou, Zhejiang, put in Yunnan; CHU de la Réunion,
# postal code 97410, in Marseille). Bunkyo-ku's point in Chiba, 26 km from Tokyo's nearest place,
# is within it and kept: so close to the state, a border town's right point cannot be told apart.
POINT_OUTSIDE_KM = 50.0


def point_outside(latitude: float, longitude: float, city: str, state: str, country: str, gazetteer: Gazetteer,
                  postal_code: str = "") -> str:
    """The state a row states that its registry point lies more than POINT_OUTSIDE_KM outside of, by
    name ("Zhejiang"), or the country part its postal code names ("Saint-Pierre, France, 97410":
    Réunion); "" when the point is within it, or the row states neither in a way the gazetteer
    reads. The state is read as place_location reads it: the state field, one written in the city's
    field ("Milano (MI)"), or the postal code's (a French, Brazilian, Korean code). A country alone
    is not checked: the question costs a scan of the country's places (1.6 ms a row, ten times the
    import's own work for a row with a point), and on the benchmark it finds nothing (every point
    of a row with no state lies within 34 km of a place of its country)."""
    reaches = gazetteer.division_reaches
    city, state, country = city.strip(), state.strip(), country.strip()
    if max(len(city), len(state), len(country), len(postal_code)) > MAX_FIELD_CHARS:
        return ""
    countries = _country_names(country, gazetteer)
    if not countries:
        return ""
    part, postal_state = _postal_hint(countries, postal_code.strip(), gazetteer)
    if part:
        countries = {part}
    states = _states(state or split_qualifier(city)[1] or postal_state, countries, gazetteer)
    if not states and not state:  # "Aichi, Japan": the prefecture its city names (Gazetteer.named_division)
        places = [place for place in gazetteer.places(name_key(city)) if place.country in countries]
        states = gazetteer.named_division(city, {gazetteer.country_code_of(name) for name in countries}, places)[0]
    if states:
        if any(reaches(code, admin1, latitude, longitude, POINT_OUTSIDE_KM) for code, admin1 in states):
            return ""
        return " or ".join(sorted({admin1 for _, admin1 in states}))
    if not part or reaches(gazetteer.country_code_of(part), None, latitude, longitude, POINT_OUTSIDE_KM):
        return ""
    return part


def _names_a_division(city: str, gazetteer: Gazetteer) -> bool:
    from sitefinder.china import names_a_division  # china.py is read only for a row of China

    return names_a_division(city, gazetteer)


def _mainland_division(city: str, state: str, countries: set[str], gazetteer: Gazetteer) -> Placement | None:
    """"Gulou", "Chaoyang, Jilin", "Tianhe District", 海淀区: a division of the mainland (a prefecture,
    a county-level city, district, county or banner) read by China's division tables as `near`
    reads it (china.py: its reading, its namesakes ranked by china._rank, the state narrowing them),
    at its seat; only when that reading lies in the province the registry gives (or the city it
    writes as the state: "Tianhe, Guangzhou"). A name the state does not decide (no state: 鼓楼区 is
    Fuzhou's, Nanjing's, Kaifeng's and Xuzhou's) is placed at the one `near` answers, and the note
    says so and names the others (MAX_NAMESAKES_NAMED of them, and how many more).
    Costs one reading by china.py per distinct row: 1-2 ms against GeoNames' 0.1 ms (the benchmark's
    China rows, on a loaded machine); an import of the 10,000 rows of benchmarks/import_rows.py spends
    about 30 ms more CPU in placing (0.18-0.26 s before, 0.22-0.30 s after)."""
    from sitefinder.china import resolve_china
    from sitefinder.errors import SitefinderError
    from sitefinder.regions import find_province, same_region
    from sitefinder.text import has_cjk

    province = find_province(state) if state else None
    # 城中区 in "Guangxi": as the address chain 广西城中区 reads it (a Chinese name after a Latin one is not read)
    text = f"{province.chinese}{city}" if province is not None and has_cjk(city) else \
        ", ".join(part for part in (city, state) if part)
    try:
        resolution = resolve_china(text, text, gazetteer, frozenset(), "en")
    except SitefinderError:
        return None
    place = resolution.place if resolution is not None else None
    if resolution is None or place is None or place.country != "China":
        return None
    if state and not same_region(place.province, state) and name_key(resolution.within) != name_key(state):
        return None  # "Chaoyang, Hainan": no Chaoyang there; the state-slip rules below read it
    labels = resolution.labels
    used = labels[0] if labels else place.name
    others = [labels[number + 1] if number + 1 < len(labels) else f"{other.name}, {other.province or other.country}"
              for number, other in enumerate(resolution.alternatives) if other.country in countries]
    # a registry spelling of gazetteer/aliases.csv ("Gannan, Jiangxi" for Ganzhou) keeps its reason
    reason = gazetteer.alias_note(city, place.geonameid) if place.geonameid else ""
    if others:
        named = "; ".join(others[:MAX_NAMESAKES_NAMED])
        more = said("placed.word.more", count=str(len(others) - MAX_NAMESAKES_NAMED)) \
            if len(others) > MAX_NAMESAKES_NAMED else ""
        values = {"city": repr(city), "count": str(len(others) + 1), "used": used, "named": named, "more": more,
                  "s": "s" if len(others) > 1 else ""}
        note = said("placed.namesakes.state", state=state, **values) if state else said("placed.namesakes.china", **values)
        return Placement(place, f"{note} {reason}".strip())
    if reason:  # said as for any place by another name (importer.placement_note), with that reason
        return Placement(place, "")
    # A city found as written needs no note ("Kunshan", "Guangzhou City"); a district or county is said
    as_written = name_key(place.name) == name_key(re.sub(r"\s+city$", "", city, flags=re.IGNORECASE)) \
        and not place.name.endswith(DIVISION_LEVEL_WORDS)
    return Placement(place, "" if as_written else said("placed.division_seat", city=repr(city), used=used))


# The English level words of a county-level division that is no city ("Chaoyang District", "Pei County").
DIVISION_LEVEL_WORDS = (" District", " County", " Banner")


_TW_ABBREVIATIONS = {"dist.": "District", "dist": "District", "twp.": "Township", "twp": "Township"}


def _taiwan_township(city: str, state: str, gazetteer: Gazetteer) -> Placement | None:
    """"Linkou District, Taiwan", "Zhongzheng Dist., Taipei City", "Niaosong District, Kaohsiung":
    a township or district of Taiwan that GeoNames lacks, from China's division tables (china.py)."""
    from sitefinder.china import resolve_china
    from sitefinder.errors import SitefinderError

    words = [_TW_ABBREVIATIONS.get(word.casefold(), word) for word in city.split()]
    text = ", ".join(part for part in (" ".join(words), state) if part and fold(part) != "taiwan")
    try:
        resolution = resolve_china(text, text, gazetteer, frozenset())
    except SitefinderError:
        resolution = None
    if resolution is not None and resolution.place.country == "Taiwan":
        return Placement(resolution.place, said("placed.taiwan_township", city=repr(city), place=resolution.place.name))
    return _township_by_former_county(city, " ".join(words), state, gazetteer)


TW_FORMER_COUNTY_KM = 60.0  # 林口 is 20 km from Taipei, 中壢 11 km from Taoyuan; Taiwan's counties span 130 km


def _township_by_former_county(city: str, township: str, state: str, gazetteer: Gazetteer) -> Placement | None:
    """"Linkou, Taipei", "Chungli City, Taoyuan County": a township written with the county it was
    in before 2010–14 (臺北縣 is 新北市; 桃園縣 桃園市), which the county or city of that name today does
    not hold. It is the township of that name when Taiwan has only one, within TW_FORMER_COUNTY_KM
    of the state written."""
    from sitefinder.china import resolve_china
    from sitefinder.errors import SitefinderError

    def in_taiwan(text: str) -> list[Place]:
        try:
            resolution = resolve_china(text, text, gazetteer, frozenset()) if text else None
        except SitefinderError:
            return []
        return [place for place in (resolution.place, *resolution.alternatives)
                if place.country == "Taiwan"] if resolution else []

    words = state.split()
    # "Taoyuan County" is Hunan's 桃源县 too: the county of Taiwan, else the city it became
    counties = in_taiwan(state) or (in_taiwan(" ".join(words[:-1])) if words[-1:] in (["County"], ["county"]) else [])
    found = in_taiwan(township)
    if not counties or len(found) != 1 or sphere_km(found[0].latitude, found[0].longitude, counties[0].latitude,
                                                    counties[0].longitude) > TW_FORMER_COUNTY_KM:
        return None
    return Placement(found[0], said("placed.taiwan_former_county", city=repr(city), place=found[0].name, state=state))


CITY_AS_STATE_MIN_POPULATION = 50_000  # "Cabueñes, Gijón": a city of this size written where the state goes


def _city_for_state(city: str, state: str, states: set[tuple[str, str]], countries: set[str],
                    gazetteer: Gazetteer) -> Placement | None:
    """A quarter or hamlet the gazetteer lacks, written with its city where the state goes
    ("Cabueñes, Gijón", "Vitacura, Santiago"): placed at that city, approximately, when the
    "state" is no division of the country but one city of 50,000 or more in it."""
    place = _state_city(state, states, countries, gazetteer)
    if place is None:
        return None
    return Placement(place, said("placed.city_for_state", city=repr(city), state=repr(state), place=place.name,
                                 region=place.province or place.country), "state")


def _state_city(state: str, states: set[tuple[str, str]], countries: set[str], gazetteer: Gazetteer) -> Place | None:
    """The city a row writes where its state goes, when that text is no division of the country
    but names one city of CITY_AS_STATE_MIN_POPULATION or more in it ("Gijón", "Lyon", "Jakarta")."""
    if not state or states or not countries:
        return None
    found = [place for place in gazetteer.places(name_key(state)) if place.country in countries]
    distinct = distinct_places(sorted(found, key=lambda place: -place.population))
    if len(distinct) != 1 or distinct[0].population < CITY_AS_STATE_MIN_POPULATION:
        return None
    return distinct[0]


def _part_of_state(state: str, states: set[tuple[str, str]], gazetteer: Gazetteer) -> tuple[Place, float] | None:
    """The main city of a part of a first-level division written as the state (a county, a province:
    "Cambridgeshire", "RM"), with the distance nine in ten of the part's people live within of it;
    None for a state that is a division itself, or a part the gazetteer knows no city of."""
    if not state or len(states) != 1 or gazetteer.regions(state):
        return None
    (code, _), = states
    found = gazetteer.part_city(state, code)
    return (found[0], found[2]) if found is not None else None


def _in_part(place: Place, part: tuple[Place, float] | None) -> bool:
    """Whether a place lies near the part of a division the row writes as its state: within the
    distance nine in ten of its people live of its main city, and NEIGHBOUR_KM beyond (the gazetteer
    has no outline of a county; Peterborough is 50 km from Cambridge, Chester's Bretton 230 km)."""
    if part is None:
        return True
    city, reach = part
    return sphere_km(place.latitude, place.longitude, city.latitude, city.longitude) <= reach + NEIGHBOUR_KM


def _spaced_state(city: str, countries: set[str], gazetteer: Gazetteer) -> tuple[str, str] | None:
    """(place, state) of a city field that is a place and its state at a space ("Meram Konya"), split
    as `near` splits a query (placenames.readings), the state one of the country's divisions."""
    if " " not in city.strip():
        return None
    for head, qualifiers in readings(city):
        if len(qualifiers) == 1 and _states(qualifiers[0], countries, gazetteer):
            return head, qualifiers[0]
    return None


def _near(place: Place, city: Place) -> bool:
    """Whether a place lies in the division of the city the row writes as its state, or within
    NEIGHBOUR_KM of it: "Arkhangelsk" written for its oblast still has Kargopol, 349 km away."""
    return (place.country, place.province) == (city.country, city.province) or \
        sphere_km(place.latitude, place.longitude, city.latitude, city.longitude) <= NEIGHBOUR_KM


# What the first digits of a postal code say of where a place is, where they name a division:
# France's are the département (97x overseas), Brazil's CEP ranges are the states' (Correios).
_FRANCE_OVERSEAS = {"971": "GP", "972": "MQ", "973": "GF", "974": "RE", "975": "PM", "976": "YT", "977": "BL",
                    "978": "MF", "986": "WF", "987": "PF", "988": "NC"}
_FRANCE_ISO = {"20": "FR-20R", "75": "FR-75C"}  # Corsica and Paris are coded apart from the other départements
_BRAZIL_CEP = ((1000, "SP"), (20000, "RJ"), (29000, "ES"), (30000, "MG"), (40000, "BA"), (49000, "SE"), (50000, "PE"),
               (57000, "AL"), (58000, "PB"), (59000, "RN"), (60000, "CE"), (64000, "PI"), (65000, "MA"),
               (66000, "PA"), (68900, "AP"), (69000, "AM"), (69300, "RR"), (69400, "AM"), (69900, "AC"),
               (70000, "DF"), (72800, "GO"), (73000, "DF"), (73700, "GO"), (76800, "RO"), (77000, "TO"),
               (78000, "MT"), (78900, "RO"), (79000, "MS"), (80000, "PR"), (88000, "SC"), (90000, "RS"))

# Korea's five-digit postal codes (since 2015): the first two digits are the state's zone (Korea Post);
# checked against GeoNames' Korean postal codes, where every code's state agrees with this table.
_KOREA_POSTAL = ((1, "11"), (10, "41"), (21, "28"), (24, "42"), (27, "43"), (30, "50"), (31, "44"), (34, "30"),
                 (36, "47"), (41, "27"), (44, "31"), (46, "26"), (50, "48"), (54, "45"), (57, "46"), (61, "29"),
                 (63, "49"), (64, ""))


# Japan's seven-digit postal codes (〒113-8655): the first three digits are a zone of one prefecture
# (Japan Post's assignment, by JIS prefecture number as ISO 3166-2:JP codes them); checked against
# every Japanese registry row with a postal code (benchmarks/placement/locations.json), all agreeing.
_JAPAN_POSTAL = ((1, "01"), (10, "05"), (20, "03"), (30, "02"), (40, "01"), (100, "13"), (210, "14"), (260, "12"),
                 (300, "08"), (320, "09"), (330, "11"), (370, "10"), (380, "20"), (400, "19"), (410, "22"),
                 (440, "23"), (500, "21"), (510, "24"), (520, "25"), (530, "27"), (600, "26"), (630, "29"),
                 (640, "30"), (650, "28"), (680, "31"), (690, "32"), (700, "33"), (720, "34"), (740, "35"),
                 (760, "37"), (770, "36"), (780, "39"), (790, "38"), (800, "40"), (840, "41"), (850, "42"),
                 (860, "43"), (870, "44"), (880, "45"), (890, "46"), (900, "47"), (910, "18"), (920, "17"),
                 (930, "16"), (940, "15"), (960, "07"), (980, "04"), (990, "06"))
JAPAN_POSTAL_MARK = "〒"  # the postal mark Japanese addresses write before the code


def japan_prefecture(postal_code: str) -> str:
    """The ISO 3166-2 code of the prefecture a Japanese postal code ("〒113-8655", "1138655") lies in
    ("JP-13"), or "" for digits that are no such code."""
    digits = postal_code.replace(JAPAN_POSTAL_MARK, "").replace("-", "").replace(" ", "")
    if len(digits) != 7 or not digits.isascii() or not digits.isdigit() or int(digits[:3]) < 1:
        return ""
    number = int(digits[:3])
    return "JP-" + next(prefecture for start, prefecture in reversed(_JAPAN_POSTAL) if number >= start)


def _postal_hint(countries: set[str], postal_code: str, gazetteer: Gazetteer) -> tuple[str, str]:
    """(the one country part the code places the site in, or ""; the state it names, or "")."""
    digits = postal_code.replace("-", "").replace(" ", "").replace(JAPAN_POSTAL_MARK, "")
    if not countries or not digits.isdigit():
        return "", ""
    codes = {gazetteer.country_code_of(name) for name in countries}
    if "FR" in codes and len(digits) == 5:
        if digits[:3] in _FRANCE_OVERSEAS:
            return gazetteer.country_name(_FRANCE_OVERSEAS[digits[:3]]), ""
        return gazetteer.country_name("FR"), _FRANCE_ISO.get(digits[:2], f"FR-{digits[:2]}")
    if codes == {"KR"} and len(digits) == 5:  # "Seo-gu, 49241" is Busan's Seo-gu
        number = int(digits[:2])
        state = next((state for start, state in reversed(_KOREA_POSTAL) if number >= start), "")
        return "", f"KR-{state}" if state else ""
    if codes == {"JP"} and len(digits) == 7:  # "Chuo-ku, 104-0045" is Tokyo's Chūō
        return "", japan_prefecture(digits)
    if codes == {"BR"} and len(digits) == 8:
        number = int(digits[:5])
        state = next((state for start, state in reversed(_BRAZIL_CEP) if number >= start), "")
        return "", f"BR-{state}" if state else ""
    return "", ""


# The capital's wards, as their names fold (name_key): a ward written with no state is the capital's
# before any namesake elsewhere. Tokyo's 23 special wards (Tokyo Metropolitan Government); Seoul's 25
# autonomous districts (Seoul Metropolitan Government).
CAPITAL_WARDS = {
    "JP": ("Tokyo", frozenset(("chiyoda", "chuo", "minato", "shinjuku", "bunkyo", "taito", "sumida", "koto", "shinagawa",
                               "meguro", "ota", "setagaya", "shibuya", "nakano", "suginami", "toshima", "kita",
                               "arakawa", "itabashi", "nerima", "adachi", "katsushika", "edogawa")), "placed.word.tokyo_wards"),
    "KR": ("Seoul", frozenset(("jongno", "jung", "yongsan", "seongdong", "gwangjin", "dongdaemun", "jungnang",
                               "seongbuk", "gangbuk", "dobong", "nowon", "eunpyeong", "seodaemun", "mapo", "yangcheon",
                               "gangseo", "guro", "geumcheon", "yeongdeungpo", "dongjak", "gwanak", "seocho",
                               "gangnam", "songpa", "gangdong")), "placed.word.seoul_districts"),
}
# Words that join a city's name to the qualifier of its official name: "Newcastle upon Tyne",
# "Frankfurt am Main", "Freiburg im Breisgau", "Brandenburg an der Havel"; or a bracket: "Halle (Saale)".
QUALIFIER_WORDS = frozenset(("upon", "on", "am", "im", "an", "ob", "in", "bei", "unter", "vor", "near"))
QUALIFIED_DOMINANCE = 5  # Halle (Saale) is 11 times Halle (Westf.); Newcastle upon Tyne 40 times Newcastle, Co. Down


# The wards of Japan's largest designated cities, by prefecture (each city's own list): after the
# capital's, a -ku with no prefecture is one of these when its name is one prefecture's only.
DESIGNATED_WARDS = {
    "Osaka": ("Osaka", "kita miyakojima fukushima konohana chuo nishi minato taisho tennoji naniwa nishiyodogawa "
                       "yodogawa higashiyodogawa higashinari ikuno asahi joto tsurumi abeno suminoe sumiyoshi "
                       "higashisumiyoshi hirano nishinari"),
    "Kanagawa": ("Yokohama or Kawasaki", "tsurumi kanagawa nishi naka minami hodogaya isogo kanazawa kohoku totsuka "
                                          "konan asahi midori seya sakae izumi aoba tsuzuki kawasaki saiwai nakahara "
                                          "takatsu tama miyamae asao"),
    "Aichi": ("Nagoya", "chikusa higashi kita nishi nakamura naka showa mizuho atsuta nakagawa minato minami moriyama "
                        "midori meito tempaku tenpaku"),
    "Hyogo": ("Kobe", "higashinada nada hyogo nagata suma tarumi kita chuo nishi"),
    "Kyoto": ("Kyoto", "kita kamigyo sakyo nakagyo higashiyama shimogyo minami ukyo fushimi yamashina nishikyo"),
    "Fukuoka": ("Fukuoka", "higashi hakata chuo minami nishi jonan sawara"),
    "Hokkaido": ("Sapporo", "chuo kita higashi shiroishi toyohira minami nishi atsubetsu teine kiyota"),
    "Miyagi": ("Sendai", "aoba miyagino wakabayashi taihaku izumi"),
    "Hiroshima": ("Hiroshima", "naka higashi minami nishi asaminami asakita aki saeki"),
    "Chiba": ("Chiba", "chuo hanamigawa inage wakaba midori mihama"),
    "Saitama": ("Saitama", "nishi kita omiya minuma chuo sakura urawa minami midori iwatsuki"),
}


# The districts (-gu) of Korea's other cities that have them, by city: the six metropolitan cities
# (each its own state) and the cities of a province divided into gu (each city's own list; Incheon's
# Nam-gu is Michuhol-gu since 2018, both kept). A -gu is one of these when the gazetteer does not know
# it: a name one city's alone is that city; one that several share (Seo-gu: Busan, Daegu, Incheon,
# Gwangju, Daejeon) needs the state or the postal code, and without them stays unplaced, saying which.
KOREAN_CITY_WARDS = {
    "Busan": ("KR-26", "jung seo dong yeongdo busanjin dongnae nam buk haeundae saha geumjeong gangseo yeonje suyeong "
                       "sasang"),
    "Daegu": ("KR-27", "jung dong seo nam buk suseong dalseo"),
    "Incheon": ("KR-28", "jung dong michuhol nam yeonsu namdong bupyeong gyeyang seo"),
    "Gwangju": ("KR-29", "dong seo nam buk gwangsan"),
    "Daejeon": ("KR-30", "dong jung seo yuseong daedeok"),
    "Ulsan": ("KR-31", "jung nam dong buk"),
    "Suwon": ("KR-41", "jangan gwonseon paldal yeongtong"),
    "Seongnam": ("KR-41", "sujeong jungwon bundang"),
    "Goyang": ("KR-41", "deogyang ilsandong ilsanseo"),
    "Yongin": ("KR-41", "cheoin giheung suji"),
    "Anyang": ("KR-41", "manan dongan"),
    "Ansan": ("KR-41", "sangnok danwon"),
    "Bucheon": ("KR-41", "wonmi sosa ojeong"),
    "Cheongju": ("KR-43", "sangdang seowon heungdeok cheongwon"),
    "Cheonan": ("KR-44", "dongnam seobuk"),
    "Jeonju": ("KR-45", "wansan deokjin"),
    "Pohang": ("KR-47", "nam buk"),
    "Changwon": ("KR-48", "uichang seongsan masanhappo masanhoewon jinhae"),
}


def _korean_city_ward(city: str, states: set[tuple[str, str]], gazetteer: Gazetteer) -> Placement | None:
    """A Korean -gu the gazetteer lacks, placed at the city it is a district of ("Haeundae-gu" is
    Busan's, "Bundang-gu, Gyeonggi-do" Seongnam's, not the province's main city Suwon), with a note;
    a district of several such cities with no state to tell them apart stays unplaced, naming them.
    Seoul's own districts are the capital's rule (CAPITAL_WARDS), before this one."""
    keys = {name_key(form) for form in written_forms(city)[1:]}
    cities = []
    for name, (iso, wards) in KOREAN_CITY_WARDS.items():
        division = next(iter(gazetteer.divisions(iso)), None)
        if division is not None and keys & set(wards.split()) and (not states or division in states):
            cities.append((name, division))
    if not cities:
        return None
    if len(cities) > 1:
        if states:
            return None  # "Nam-gu, Gyeongsangbuk-do": Pohang's; a province holding two such cities does not say
        named = said("placed.word.and", first=", ".join(name for name, _ in cities[:-1]), last=cities[-1][0])
        return Placement(None, said("placed.korean_ward.several", city=repr(city), named=named))
    name, (code, admin1) = cities[0]
    found = [place for place in gazetteer.places(name_key(name)) if _code(place, gazetteer) == code
             and place.province == admin1]
    if not found:
        return None
    place = _best(found, name_key(name), gazetteer)
    return Placement(place, said("placed.korean_ward", city=repr(city), place=place.name), "state")


def _gazetteer_has(city: str, states: set[tuple[str, str]], countries: set[str], gazetteer: Gazetteer) -> bool:
    """Whether the gazetteer holds the ward itself (Yuseong, Daejeon), in the state given if any."""
    return any(place.country in countries and (not states or (_code(place, gazetteer), place.province) in states)
               for form in written_forms(city) for place in gazetteer.places(name_key(form)))


def _capital_of_ward(city: str, codes: set[str]) -> tuple[str, str] | None:
    """(the state, how the ward is known to be there) when a ward written with no state names one
    of the capital's wards, or in Japan one designated city's ward that no other such city has."""
    if len(codes) != 1 or (code := next(iter(codes))) not in CAPITAL_WARDS:
        return None
    keys = {name_key(form) for form in written_forms(city)[1:]}
    capital, wards, described = CAPITAL_WARDS[code]
    if keys & wards:
        others = [name for name, (_, names) in KOREAN_CITY_WARDS.items() if keys & set(names.split())] \
            if code == "KR" else []
        also = said("placed.word.largest_of", count=str(len(others) + 1)) if others else ""
        return capital, said("placed.word.capital_ward", capital=capital, wards=said(described), also=also)
    if code == "JP":
        states = [(state, cities) for state, (cities, wards_text) in DESIGNATED_WARDS.items()
                  if keys & set(wards_text.split())]
        if len(states) == 1:
            state, cities = states[0]
            return state, said("placed.word.designated_ward", cities=cities)
        if states:
            return "", ", ".join(cities for _, cities in states)  # a ward of several: say which, place none
    return None


def _qualified_name(name: str, key: str) -> bool:
    """Whether a place's own name is the written name and a qualifier: "Halle (Saale)" for "halle"."""
    for index, char in enumerate(name):
        if char in " (" and name_key(name[:index]) == key:
            rest = name[index:].strip()
            return rest.startswith("(") or rest.split()[0].casefold() in QUALIFIER_WORDS
    return False


def _qualified_namesake(found: list[Place], key: str, gazetteer: Gazetteer) -> Placement | None:
    """A city written short ("Halle", "Newcastle"): the place whose official name is the written one
    and a qualifier ("Halle (Saale)", "Newcastle upon Tyne"), when it is QUALIFIED_DOMINANCE times
    the largest place of exactly that name in the same country; a note names the namesake passed over."""
    qualified = sorted((place for place in found if _qualified_name(place.name, key)), key=lambda place: -place.population)
    if not qualified:
        return None
    city = qualified[0]
    exact = [place for place in found if name_key(place.name) == key and place.country == city.country]
    if not exact:
        return None
    namesake = max(exact, key=lambda place: place.population)
    if city.population < QUALIFIED_DOMINANCE * max(namesake.population, 1):
        return None
    return Placement(city, said("placed.qualified_namesake", city=repr(namesake.name), place=city.name,
                                region=city.province or city.country, name=namesake.name,
                                name_region=namesake.province or namesake.country))


# A post town written short ("Umhlanga" for Umhlanga Rocks) is read as the one postal locality of
# the state given whose name begins with it, when the name written has this many letters and what
# follows it this many: "Santa" or "San" never stands for a town.
POSTAL_PREFIX_MIN_CHARS = 6
POSTAL_PREFIX_MIN_REST = 4
POSTAL_CODE_KM = 30.0  # a namesake this near the row's ZIP code's point is the one its address means


def _nearest_the_postal_code(found: list[Place], postal_code: str, gazetteer: Gazetteer) -> Placement | None:
    """Among several namesakes ("Springfield, PA": Delaware County's or Pittsburgh's?), the one
    within POSTAL_CODE_KM of the row's US ZIP code's point; None when the code says nothing."""
    distinct = distinct_places(sorted(found, key=lambda place: -place.population))
    code = postal_code.strip()[:5]
    if len(distinct) < 2 or not (code.isascii() and code.isdigit() and len(code) == 5):
        return None
    countries = {gazetteer.country_code_of(place.country) for place in distinct}
    point = next((place for country in sorted(countries) if (place := gazetteer.postal_code_place(code, country))), None)
    if point is None:
        return None
    near = [place for place in distinct if place.country == point.country
            and sphere_km(place.latitude, place.longitude, point.latitude, point.longitude) <= POSTAL_CODE_KM]
    if len(near) != 1 or near[0] is distinct[0]:
        return None  # the usual choice agrees with the postal code, or the code does not decide
    place = near[0]
    return Placement(place, said("placed.postal_code_place", code=code, place=place.name,
                                 region=place.province or place.country))


def _postal_town(city: str, head: str, states: set[tuple[str, str]], countries: set[str], postal_code: str,
                 gazetteer: Gazetteer, state_city: Place | None = None) -> Placement | None:
    """A city that is a postal town, not a GeoNames place (a township, a neighbourhood with its own
    post office, a base: "Macomb Township", "Flushing", "Fort Sam Houston"), placed at the middle
    of its postal codes: in the state given, else the one state that has it (or that the row's
    postal code names). Failing that, the row's own postal code's point, when the code's state is
    the one given. A city written as the state ("Pumarín, Gijón") keeps the locality near that city."""
    if not countries:  # a row with no country is no US mailing address by default
        return None
    codes = sorted({gazetteer.country_code_of(name) for name in countries})
    zip_place = None
    zip_code = postal_code.strip()[:5]
    if zip_code.isascii() and zip_code.isdigit() and len(zip_code) == 5:
        zip_place = next((place for code in codes if (place := gazetteer.postal_code_place(zip_code, code))), None)
    for name in dict.fromkeys([*written_forms(city), *(written_forms(head) if head else ())]):
        key = name_key(name)
        for code in codes:
            found = gazetteer.postal_places(key, code, written=name)
            if states:
                found = [place for place in found if (code, place.province) in states]
            elif zip_place is not None:
                found = [place for place in found if place.province == zip_place.province] or found
            if state_city is not None:
                found = [place for place in found if _near(place, state_city)]
            if len(found) == 1:
                place = found[0]
                return Placement(place, said("placed.postal_town", city=repr(city), region=place.province))
    if zip_place is not None and (not states or any(zip_place.province == admin1 for _, admin1 in states)):
        return Placement(zip_place, said("placed.postal_code", city=repr(city), code=zip_code, place=zip_place.name,
                                         region=zip_place.province))
    return None


def _division_town(city: str, states: set[tuple[str, str]], countries: set[str], gazetteer: Gazetteer,
                   state_city: Place | None) -> Placement | None:
    """A second-level division written as the city (a partido, comuna, kabupaten: "Vicente López",
    "Partido de Tres de Febrero") whose places all lie within 15 km of its largest: placed at that
    place, approximately, with a note; in the state given, else the one such division of the country."""
    if not countries:
        return None
    codes = {gazetteer.country_code_of(name) for name in countries}
    for name in written_forms(city):
        found = [place for code in sorted(codes) for place in gazetteer.division_towns(name_key(name), code)]
        if states:
            found = [place for place in found if (_code(place, gazetteer), place.province) in states]
        if state_city is not None:
            found = [place for place in found if _near(place, state_city)]
        if len(distinct_places(found)) == 1:
            place = found[0]
            return Placement(place, said("placed.division_town", city=repr(city), region=place.province or place.country,
                                         place=place.name), "state")
    return None


def _postal_town_written_short(city: str, states: set[tuple[str, str]], gazetteer: Gazetteer) -> Placement | None:
    """A post town written short ("Umhlanga, KwaZulu-Natal" for Umhlanga Rocks): the one postal
    locality of the state given whose name begins with the city's, when no locality of the country
    bears the city's name itself (Çukurova is a name of its own, not short for "Çukurova
    Üniversitesi"). Tried last, after the state's main city: it is the loosest reading."""
    key = name_key(city)
    if len(states) != 1 or len(key) < POSTAL_PREFIX_MIN_CHARS:
        return None
    (code, admin1), = states
    longer = gazetteer.postal_names_starting(key, code, admin1)
    if len(longer) != 1 or len(longer[0][0]) - len(key) < POSTAL_PREFIX_MIN_REST or gazetteer.postal_places(key, code):
        return None
    return Placement(longer[0][1]._replace(name=city),
                     said("placed.postal_short", city=repr(city), region=admin1))


def _state_typo(distinct: list[Place], key: str, state: str, states: set[tuple[str, str]],
                gazetteer: Gazetteer) -> Place | None:
    """The city the registry meant when its state is a slip: a place of that name (its own, or a
    registry spelling in gazetteer/aliases.csv: "CABA"), either a town of 15,000 or more next to the
    state written (Bogotá in Cundinamarca; Krasnogorsk for "Moscow Region", which reads as the city
    Moscow) or a city of 100,000 or more in a state whose name is like it ("Zhengzhou, Hainan" for
    Henan, Shaanxi/Shanxi); the only such namesake, or the largest if it dwarfs the rest.
    Not a district whose name is a city elsewhere ("Wuzhong, Jiangsu" is Suzhou's, not Ningxia's)."""
    def likely(place: Place) -> bool:
        own_name = name_key(place.name) == key or bool(gazetteer.alias_note(key, place.geonameid or 0))
        if not own_name or place.population < NEIGHBOUR_MIN_POPULATION:  # Gejiu is also "Xicheng"
            return False
        if any(gazetteer.division_reaches(code, admin1, place.latitude, place.longitude, NEIGHBOUR_KM)
               for code, admin1 in states):
            return True  # a town next to the state written
        if place.population < CORRECTION_MIN_POPULATION:
            return False
        # Imported only for this rule: a slip next door ("Bogota, Cundinamarca") is settled above, and
        # rapidfuzz's import is 70 M instructions, a tenth of NCT05843643's import.
        from rapidfuzz import fuzz

        return fuzz.ratio(province_key(state), province_key(place.province)) >= SIMILAR_STATE_SCORE

    candidates = [place for place in distinct if likely(place)]
    if len(candidates) == 1 or (candidates and candidates[0].population >= DOMINANT * candidates[1].population):
        return candidates[0]
    return None


def _states(state: str, countries: set[str], gazetteer: Gazetteer) -> set[tuple[str, str]]:
    """(country code, admin1) for what the row writes as its state, within its country when known."""
    return {(code, admin1) for code, admin1 in gazetteer.divisions(state) if admin1
            and (not countries or gazetteer.country_name(code) in countries)} if state else set()


def _country_names(country: str, gazetteer: Gazetteer) -> set[str]:
    """The gazetteer's country names a registry country means (France: France, Réunion, ...)."""
    return {gazetteer.country_name(code) for code in gazetteer.country_codes(country)} if country else set()


def _code(place: Place, gazetteer: Gazetteer) -> str:
    return gazetteer.country_code_of(place.country)


# A namesake of CONTENDER_SHARE of the chosen place's people or more (near's rule for a real
# contender, models.py) is named in the note; at most this many are named.
MAX_NAMESAKES_NAMED = 3


def _namesakes_note(city: str, best: Place, found: list[Place], key: str, country: str, gazetteer: Gazetteer) -> str:
    """"Taizhou, China" with no state: Jiangsu's and Zhejiang's are both cities of millions. The
    place chosen stands (the most populous), and the note names the others so that a reader can
    correct the row; "" when no other place of the name comes near its size."""
    from sitefinder import distance
    from sitefinder.models import CONTENDER_SHARE

    others = [place for place in distinct_places(sorted(found, key=lambda place: -place.population))
              if name_key(place.name) == key and sphere_km(
                  place.latitude, place.longitude, best.latitude, best.longitude) > distance.SAME_PLACE_KM
              and place.population >= CONTENDER_SHARE * best.population > 0 and _seat_of_its_name(place, key, gazetteer)]
    if not others:
        return ""

    def label(place: Place) -> str:  # 锦州 and Dalian's 金州 are both "Jinzhou, Liaoning"
        chinese = gazetteer.chinese_name(place.geonameid) if place.country == "China" and place.geonameid else ""
        return f"{place.name}{f' ({chinese})' if chinese else ''}, {place.province or place.country}"

    named = "; ".join(label(place) for place in others[:MAX_NAMESAKES_NAMED])
    more = said("placed.word.more", count=str(len(others) - MAX_NAMESAKES_NAMED)) \
        if len(others) > MAX_NAMESAKES_NAMED else ""
    return said("placed.namesakes", city=repr(city), where=country or said("placed.word.world"), best=label(best),
                named=named, more=more)


def _seat_of_its_name(place: Place, key: str, gazetteer: Gazetteer) -> bool:
    """Whether a place of China counts as a city of its name: GeoNames' "Changsha, Guangdong" is the
    seat of 开平市 (Kaiping) and has Kaiping's people; a registry's "Changsha" means Hunan's."""
    if place.country != "China" or not place.geonameid:
        return True
    seated = gazetteer.rows("SELECT english FROM cn_division WHERE place = ?", [place.geonameid])
    return not seated or any(name_key(english.split(" ")[0]) == key for english, in seated)


def _best(places: list[Place], key: str, gazetteer: Gazetteer) -> Place:
    """The place whose own name is the city, else any; a town before a district of a bigger city
    (Salamanca, not Madrid's Salamanca); then the most populous."""
    ranked = sorted(places, key=lambda place: (name_key(place.name) != key, -place.population, place.geonameid or 0))
    top = ranked[0]
    # Only between namesakes of a size: a suburb far larger than a country town of its name is meant.
    peers = [place for place in ranked[:4] if name_key(place.name) == name_key(top.name)
             and place.population >= top.population / 2]
    if len(peers) > 1:
        towns = [place for place in peers if not gazetteer.is_district(place)]
        if towns:
            return towns[0]
    return top


def _division_seat(city: str, countries: set[str], gazetteer: Gazetteer) -> Placement | None:
    """A "city" that is a province, state or prefecture of the country: placed at its middle (the
    median of its places), which is where the registry's own point for such a row lies."""
    divisions = {(code, admin1) for code, admin1 in gazetteer.regions(city) if admin1
                 and (not countries or gazetteer.country_name(code) in countries)}
    if len(divisions) != 1:
        return None
    code, admin1 = divisions.pop()
    place = gazetteer.division_middle(code, admin1)
    if place is None:
        return None
    return Placement(place, said("placed.division_middle", city=repr(city), division=admin1), "division")


def postal_town_placement(city: str, state: str, gazetteer: Gazetteer) -> Placement | None:
    """`near`'s use of the postal-town rule: "Flushing, NY", a postal town typed with its state, or
    "Vitacura, Chile" with its country."""
    states = _states(state, set(), gazetteer)
    countries = ({gazetteer.country_name(code) for code, _ in states} if states
                 else _country_names(state, gazetteer))
    if not countries:
        return None
    return _postal_town(city, "", states, countries, "", gazetteer)


def division_town_placement(city: str, state: str, gazetteer: Gazetteer) -> Placement | None:
    """`near`'s use of the district rule: "Vicente López, Buenos Aires", a second-level division of
    one town typed with its state (or its country)."""
    states = _states(state, set(), gazetteer)
    countries = ({gazetteer.country_name(code) for code, _ in states} if states
                 else _country_names(state, gazetteer))
    return _division_town(city, states, countries, gazetteer, None) if countries else None


def main_city_placement(city: str, state: str, gazetteer: Gazetteer) -> Placement | None:
    """`near`'s use of the rule below: a place typed with its state ("Gangnam-gu, Seoul") that the
    gazetteer does not know, placed at the state's main city under the same conditions."""
    states = _states(state, set(), gazetteer)
    if len(states) != 1:
        return None
    return _main_city(city, state, states, set(), city.casefold().endswith(CITY_WARD_SUFFIXES), gazetteer)


def _main_city(city: str, state: str, states: set[tuple[str, str]], countries: set[str], ward: bool,
               gazetteer: Gazetteer, share_needed: float = MAIN_CITY_SHARE) -> Placement | None:
    """A place the gazetteer lacks in a known state, placed at the state's main city when that is
    where it most likely is: always for a ward (Tokyo's wards at Tokyo), and for any other name when
    most of the state's people live in and around that city and hardly any far from it (a district:
    "Altindag, Ankara" at Ankara); never in a state of many towns ("Nowhere Special, Michigan" stays
    unplaced). With no state, the same holds for a country that is mostly one city (Singapore)."""
    found, where = None, ""
    if len(states) == 1:
        (code, admin1), = states
        # a province standing for its state ("Torrette, AN") is smaller than the state: its own main city
        if not any(country == code for country, _ in gazetteer.regions(state)):
            found, where = gazetteer.part_city(state, code), state
        if found is None:
            found, where = gazetteer.main_city(code, admin1), admin1
    elif not states and len(countries) == 1 and not ward:
        found = gazetteer.main_city(gazetteer.country_code_of(next(iter(countries))))
        where = found[0].country if found else ""
    if found is None:
        return None
    place, share, reach = found
    if not ward and (share < share_needed or reach > MAIN_CITY_REACH_KM):
        return None
    kind = said("placed.word.a_ward" if ward else "placed.word.a_place")
    return Placement(place, said("placed.main_city", city=repr(city), kind=kind, where=where, place=place.name), "state")


def _closest_spelling(city: str, states: set[tuple[str, str]], countries: set[str],
                      gazetteer: Gazetteer, state_city: Place | None = None) -> Placement | None:
    """A misspelt city placed when one spelling in the country (and state, or near the city written
    as the state: "Menteng, Jakarta" is no Genteng in East Java) is clearly the closest."""
    if not countries:
        return None
    codes = {gazetteer.country_code_of(name) for name in countries}
    candidates = gazetteer.close_spellings(city, codes)
    # A misspelling is read only as a town of some size, and only within the state given: "Bakirkoy"
    # is a district of Istanbul the gazetteer lacks, not the village Kırköy 1,500 km east.
    candidates = [(score, place) for score, place in candidates if place.population >= MISSPELT_MIN_POPULATION
                  and (not states or (_code(place, gazetteer), place.province) in states)
                  and (state_city is None or _near(place, state_city))]
    if not candidates:
        return None
    best_score = candidates[0][0]
    close = distinct_places(sorted((place for score, place in candidates if score >= best_score - 3),
                                   key=lambda place: -place.population))
    if best_score < 85 or len(close) != 1:
        return None
    place = close[0]
    return Placement(place, said("placed.close_spelling", city=repr(city), place=place.name,
                                 region=place.province or place.country, countries=", ".join(sorted(countries))))
