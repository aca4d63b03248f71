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
  add ("Cedex 9", "Praha 2", "Chuo-ku", "75013 Paris", "Ostrava-Poruba", "St." for "Saint").
- Among same-name places, one whose own name is the city beats one that merely has it as another
  name (Mirano is not Milan), then the most populous; a town beats a district of a bigger city.
- A city in the wrong state (a registry typo: "Taiyuan, Shaanxi") is placed, with a note, when the
  name is the place's own and it is the one such namesake (or ten times any other): a town of
  15,000 or more next to the state written, or a city of 100,000 or more in a state spelt like it;
  a district named like a city elsewhere ("Wuzhong, Jiangsu") is not. Otherwise the site stays
  unplaced and the note says why.
- A ward or district ("Bunkyo-ku, Tokyo", "Gangnam-gu, Seoul", "Haidian District, Beijing") is part
  of a city of the state given: a namesake in another state is another ward, never a correction.
- A place the gazetteer does not know in a known state (a ward, a suburb: most places of 1,000 people
  are known, so what is missing is mostly parts of cities) is placed at the state's main city, with
  a note and precision "state": always for a Japanese or Korean ward (-ku, -gu), otherwise only when
  half the state's people live within 30 km of that city (85 % when the name is a place elsewhere
  in the country: "Chaoyang, Beijing" is Beijing's district) and nine in ten within 100 km
  ("Tianhe District, Guangdong" is not put at Shenzhen). A province given for the state is taken
  on its own ("Torrette, AN" at Ancona, not the Marches' main city). With no state, a country
  that is mostly one city (Singapore).
- A city that is a division itself ("Hokkaido, Japan") is placed at its middle, precision "division".
- A postal code says what the row does not: a French one its département, or an overseas part
  ("Saint-Denis, 93200" is near Paris, "Saint-Denis, 97400" on Réunion); a Brazilian CEP its state.
- A misspelt city ("Hanzhou") is placed when one spelling in the country (and state, when given) is
  clearly closest and names a town of 15,000 or more, with a note.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from sitefinder.distance import distinct_places
from sitefinder.placenames import CITY_WARD_SUFFIXES, WARD_SUFFIXES, split_qualifier, written_forms
from sitefinder.models import Place
from sitefinder.regions import province_key
from sitefinder.text import name_key

if TYPE_CHECKING:
    from sitefinder.gazetteer import Gazetteer

DOMINANT = 10  # a namesake ten times the next is the one meant (Taiyuan the city, not a village Taiyuan)
# A city found only in another state is a registry typo of the state when it is a city this large
# ("Zhengzhou, Hainan"); a village elsewhere is not what a row meant ("Yuzhong, Chongqing").
CORRECTION_MIN_POPULATION = 100_000
SIMILAR_STATE_SCORE = 70  # rapidfuzz ratio of "hainan" and "henan": 73; "jiangsu" and "ningxia": 29
NEIGHBOUR_KM = 100.0  # a city this close to the state written is a border slip, not a district
NEIGHBOUR_MIN_POPULATION = 15_000  # a hamlet next door is not what a row meant ("Chaoyang, Beijing")
MISSPELT_MIN_POPULATION = 15_000
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


def place_location(city: str, state: str, country: str, gazetteer: Gazetteer, postal_code: str = "") -> Placement:
    """Where a registry location is, from its text alone."""
    city, state, country = city.strip(), state.strip(), country.strip()
    where = ", ".join(part for part in (city, state, country) if part)
    if not city:
        return Placement(None, "Could not be placed: the registry gives no city.")
    countries = _country_names(country, gazetteer)
    if country and not countries:
        return Placement(None, f"Could not be placed: the offline gazetteer does not know the country {country!r}.")
    head, qualifier = split_qualifier(city)  # "Milano (MI)", "Porto Alegre - RS": two fields in one
    part, postal_state = _postal_hint(countries, postal_code.strip(), gazetteer)
    if part:  # "Saint-Denis, France, 93200" is not Saint-Denis on Réunion (97400)
        countries = {part}
    state_label = (repr(state or qualifier) if state or qualifier
                   else f"{postal_state} (from the postal code {postal_code})")
    state = state or qualifier or postal_state
    states = _states(state, countries, gazetteer)
    why_not = ""
    ward = city.casefold().endswith(WARD_SUFFIXES)
    city_ward = city.casefold().endswith(CITY_WARD_SUFFIXES)  # its state's main city, be the state what it may
    division = _division_seat(city, countries, gazetteer)
    for name in dict.fromkeys([*written_forms(city), *(written_forms(head) if head else ())]):
        found = [place for place in gazetteer.places(name_key(name)) if not countries or place.country in countries]
        if not found:
            continue
        key = name_key(name)
        if states:
            in_state = [place for place in found if (_code(place, gazetteer), place.province) in states]
            if in_state:
                return Placement(_best(in_state, key, gazetteer), "")
            if ward:  # Kotō, Tokyo is not Kotō, Kumamoto
                continue
            distinct = distinct_places(sorted(found, key=lambda place: -place.population))
            place = _state_typo(distinct, key, state, states, gazetteer)
            if place is not None:
                return Placement(place, f"The registry gives the state {state_label}, but {place.name} is in "
                                        f"{place.province or place.country}: placed there.")
            why_not = (f"Could not be placed: there is no {city!r} in {state_label}, and {len(distinct)} places "
                       f"of that name in {country or 'the world'}." if len(distinct) > 1 else
                       f"Could not be placed: there is no {city!r} in {state_label}, and the one {distinct[0].name} "
                       f"elsewhere, in {distinct[0].province or distinct[0].country}, is not a likely slip of the "
                       "state.")
            continue
        best = _best(found, key, gazetteer)
        if division and name_key(best.name) != key and best.province != division.place.province \
                and best.population < division.place.population / 2:
            # "Kanagawa, Japan": the prefecture, not a ward elsewhere with that other name; but "Kiev"
            # is Kyiv, a city larger than the oblast around it
            return division
        return Placement(best, "")
    if why_not:  # "Chaoyang, Beijing": a district of the city that is nearly all the state, not a namesake
        return (_main_city(city, state, states, countries, city_ward, gazetteer, CITY_STATE_SHARE)
                or Placement(None, why_not))
    if division:
        return division
    return (_closest_spelling(city, states, countries, gazetteer)
            or _main_city(city, state, states, countries, city_ward, gazetteer)
            or Placement(None, f"Could not be placed: the offline gazetteer does not know {where!r}."))


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


def _postal_hint(countries: set[str], postal_code: str, gazetteer: Gazetteer) -> tuple[str, str]:
    """(the one country part the code places the site in, or ""; the state it names, or "")."""
    digits = postal_code.replace("-", "").replace(" ", "")
    if not countries or not digits.isdigit():
        return "", ""
    codes = {gazetteer.country_code_of(name) for name in countries}
    if "FR" in codes and len(digits) == 5:
        if digits[:3] in _FRANCE_OVERSEAS:
            return gazetteer.country_name(_FRANCE_OVERSEAS[digits[:3]]), ""
        return gazetteer.country_name("FR"), _FRANCE_ISO.get(digits[:2], f"FR-{digits[:2]}")
    if codes == {"BR"} and len(digits) == 8:
        number = int(digits[:5])
        state = next((state for start, state in reversed(_BRAZIL_CEP) if number >= start), "")
        return "", f"BR-{state}" if state else ""
    return "", ""


def _state_typo(distinct: list[Place], key: str, state: str, states: set[tuple[str, str]],
                gazetteer: Gazetteer) -> Place | None:
    """The city the registry meant when its state is a slip: a place of that name (its own, or a
    registry spelling in gazetteer/aliases.csv: "CABA"), either a town of 15,000 or more next to the
    state written (Bogotá in Cundinamarca; Krasnogorsk for "Moscow Region", which reads as the city
    Moscow) or a city of 100,000 or more in a state whose name is like it ("Zhengzhou, Hainan" for
    Henan, Shaanxi/Shanxi); the only such namesake, or the largest if it dwarfs the rest.
    Not a district whose name is a city elsewhere ("Wuzhong, Jiangsu" is Suzhou's, not Ningxia's)."""
    from rapidfuzz import fuzz

    def likely(place: Place) -> bool:
        own_name = name_key(place.name) == key or bool(gazetteer.alias_note(key, place.geonameid or 0))
        if not own_name or place.population < NEIGHBOUR_MIN_POPULATION:  # Gejiu is also "Xicheng"
            return False
        if any(gazetteer.division_reaches(code, admin1, place.latitude, place.longitude, NEIGHBOUR_KM)
               for code, admin1 in states):
            return True  # a town next to the state written
        return place.population >= CORRECTION_MIN_POPULATION and \
            fuzz.ratio(province_key(state), province_key(place.province)) >= SIMILAR_STATE_SCORE

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
    return Placement(place, f"The registry's city {city!r} is the division {admin1}, not a city: placed at "
                            "its middle.", "division")


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
    "Altindag, Ankara" at Ankara); never in a state of many towns ("Free Soil, Michigan" stays
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
    kind = "a ward" if ward else "a place"
    return Placement(place, f"The registry's city {city!r} is {kind} the offline gazetteer does not know in "
                            f"{where}: placed at {place.name}, its main city (approximate).", "state")


def _closest_spelling(city: str, states: set[tuple[str, str]], countries: set[str],
                      gazetteer: Gazetteer) -> Placement | None:
    """A misspelt city placed when one spelling in the country (and state) is clearly the closest."""
    if not countries:
        return None
    codes = {gazetteer.country_code_of(name) for name in countries}
    candidates = gazetteer.close_spellings(city, codes)
    # A misspelling is read only as a town of some size, and only within the state given: "Bakirkoy"
    # is a district of Istanbul the gazetteer lacks, not the village Kırköy 1,500 km east.
    candidates = [(score, place) for score, place in candidates if place.population >= MISSPELT_MIN_POPULATION
                  and (not states or (_code(place, gazetteer), place.province) in states)]
    if not candidates:
        return None
    best_score = candidates[0][0]
    close = distinct_places(sorted((place for score, place in candidates if score >= best_score - 3),
                                   key=lambda place: -place.population))
    if best_score < 85 or len(close) != 1:
        return None
    place = close[0]
    return Placement(place, f"The registry's city {city!r} is read as {place.name}, "
                            f"{place.province or place.country} (the one close spelling in {', '.join(sorted(countries))}).")
