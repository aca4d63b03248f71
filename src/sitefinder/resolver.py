"""Resolving what a person typed (`near`, `map`) to one place of the offline gazetteer."""

from __future__ import annotations

from collections.abc import Callable

from sitefinder.china import (ABROAD_NOTED, chinese_cities_beginning, city_of_qualifier, names_a_facility,
                              names_an_institution, resolve_china, spells_a_division)
from sitefinder.distance import SAME_PLACE_KM, distinct_places, sphere_km
from sitefinder.errors import PlaceNotFound, RegionNotPlace, UsageError
from sitefinder.gazetteer import Gazetteer
from sitefinder.models import Place, Resolution, Site
from sitefinder.placement import Placement, division_town_placement, main_city_placement, postal_town_placement
from sitefinder.placenames import LATIN_CITY_WORDS, TO_COMMA, parse_coordinates, readings, written_forms
from sitefinder.text import clean_query, name_key, quoted
from sitefinder.wording import language_of, say

MAX_QUERY_LENGTH = 200
# A runner-up with at least this share of the leader's population is a real contender.
CONTENDER_SHARE = 0.10


def resolve(query: str, gazetteer: Gazetteer, preferred: frozenset[int] = frozenset(),
            lang: str | None = None, simplify: bool = True) -> Resolution:
    """Resolve what a person typed to one place, keeping the alternatives it considered.

    `preferred` holds GeoNames ids of the cities that host a site of the loaded trial: among
    same-name places those come first (someone asking about "Taizhou" for this trial most likely
    means the Taizhou with a site), then the most populous. `lang` ("zh", "en"; None: the script
    typed) is the language of the answer, which China's notices are written in.
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

    if names_an_institution(text):
        raise PlaceNotFound(text, [], hint=say("hint.institution", language_of(lang, query)), lang=lang)
    if text.isascii() and is_one_syllable(name_key(text), gazetteer) and not spells_a_division(name_key(text), gazetteer):
        return _one_syllable(query, text, gazetteer, preferred)  # "Chang", "Ha"; "xian" is Xi'an's own pinyin
    if text.isascii() and len(name_key(text)) <= 2:  # "GZ", "BJ": only a place of exactly that main name
        short = [place for place in gazetteer.places(name_key(text)) if name_key(place.name) == name_key(text)]
        if not short:
            raise PlaceNotFound(text, [], lang=lang)
        return _choose(query, text, short, preferred)
    china = resolve_china(query, text, gazetteer, preferred, lang)  # China's divisions (天河区, 广州天河) first
    if china is not None:
        return china
    for head, qualifiers in readings(text):
        region_sets = [gazetteer.divisions(qualifier) for qualifier in qualifiers]
        if not all(region_sets):
            continue
        candidates = [place for place in _lookup(gazetteer, head)
                      if all(_within(place, regions, gazetteer) for regions in region_sets)]
        if candidates and not qualifiers:
            countries: set[tuple[str, str]] = {(code, admin1) for code, admin1 in gazetteer.regions(text) if not admin1}
            if countries and not any(_within(place, countries, gazetteer) for place in candidates):
                # "China" is a country, not China in Maine; "Singapore" and "Luxembourg" are both
                raise RegionNotPlace(text, countries, hint="that is a country: give a city in it")
        if candidates:
            return _choose(query, head, candidates, preferred)
    if regions := gazetteer.regions(text):
        raise RegionNotPlace(text, regions, hint=f"that is a province or country: give a city in it, "
                                                f"or run: sitefinder list --province {quoted(text)}")
    approximate = _main_city_of_qualifier(query, text, gazetteer)
    if approximate is not None:
        return approximate
    china_city = city_of_qualifier(query, text, gazetteer, lang)  # "Foo District, Guangzhou": the city, saying so
    if china_city is not None:
        return china_city
    # A place in Traditional characters that only GeoNames' Simplified name has (鄂爾多斯, a town):
    # read as Simplified, as China's divisions are (china._resolve_hanzi) before this.
    for form in gazetteer.simplified_forms(text) if simplify else ():
        try:
            return resolve(form, gazetteer, preferred, lang, simplify=False)._replace(query=query)
        except PlaceNotFound:
            continue
    suggestions = gazetteer.suggest(text)
    localities = _postal_localities_alone(text, gazetteer)
    if len(localities) == 1 and not suggestions:
        place = localities[0]
        where = ", ".join(part for part in (place.province, place.country) if part)
        return Resolution(query=query, place=place, notes=(_postal_note(place.name, where),))
    if localities:  # several, or a spelling of a place too (Agincourt, Audincourt): asked back, never picked
        raise PlaceNotFound(text, [*suggestions, *(f"{place.name}, {place.province or place.country}"
                                                   for place in localities)][:4],
                            hint="postal localities of that name: write the one you mean with its state or country",
                            lang=lang)
    raise PlaceNotFound(text, suggestions, lang=lang)


def _postal_localities_alone(text: str, gazetteer: Gazetteer) -> list[Place]:
    """The postal localities a name typed alone can be ("Vällingby", "Macomb Township"), as import
    reads a registry's city, one per place: tried last, when no place of the gazetteer has the name."""
    if "," in text.translate(TO_COMMA) or not text.replace(" ", "").replace("-", "").isalpha():
        return []
    return distinct_places(gazetteer.postal_localities(name_key(text), text))


def _postal_note(head: str, where: str) -> str:
    return (f"{head} is a postal town, not a place of the offline gazetteer: using the middle of its "
            f"postal codes in {where}")


# A query of one pinyin syllable ("Chang", "Bei", "Ha") is a part of a Chinese name, never a whole
# one (every division's name is two characters or more): read loosely it matched Dschang, Cameroon
# by an alternate name, Kita, Tokyo by the Chinese reading of 北, Ha, Bhutan (a town of 3,000). So
# it is answered only by a place whose own name it is and of ABROAD_NOTED people or more ("Bo",
# Sierra Leone, 233,000), with a notice naming the Chinese cities it begins; anything else is not
# found, suggesting those cities (did you mean Changsha, Changchun, Changzhou?).
MAX_SYLLABLE_LETTERS = 6  # zhuang, shuang, chuang


def is_one_syllable(key: str, gazetteer: Gazetteer) -> bool:
    """Whether `key` (folded Latin) is one pinyin syllable, a reading of a character the gazetteer
    knows (its `pinyin` table)."""
    if not key.isascii() or not key.isalpha() or not 1 <= len(key) <= MAX_SYLLABLE_LETTERS or not gazetteer.has_china():
        return False
    return bool(gazetteer.rows("SELECT 1 FROM pinyin WHERE ' ' || readings || ' ' LIKE ? LIMIT 1", [f"% {key} %"]))


def _one_syllable(query: str, text: str, gazetteer: Gazetteer, preferred: frozenset[int]) -> Resolution:
    key = name_key(text)
    begun = chinese_cities_beginning(key, gazetteer)
    own = [place for place in gazetteer.places(key) if name_key(place.name) == key and place.population >= ABROAD_NOTED]
    if not own:
        raise PlaceNotFound(text, begun, hint="that is one syllable of a Chinese name: write the whole name")
    chosen = _choose(query, text, own, preferred)
    if not begun:
        return chosen
    note = (f"{text} is one syllable of a Chinese name: using {chosen.place.label}, {chosen.place.country}; "
            f"did you mean " + " or ".join(begun) + "?")
    return chosen._replace(notes=(*chosen.notes, note))


def with_site_cities(resolution: Resolution, sites: list[Site], gazetteer: Gazetteer) -> Resolution:
    """A query that is a site's registry city as written ("Gannan", site 23's, placed at Ganzhou,
    Jiangxi: its location_note) but answered elsewhere (Gannan is also Gansu's prefecture, Hezuo)
    names the site's place in a notice and the alternatives: the registry's spelling is how a
    patient of that hospital writes its city. `sites` are those of that registry city."""
    origin = resolution.place
    far = [site for site in sites if site.latitude is not None and site.longitude is not None
           and sphere_km(origin.latitude, origin.longitude, site.latitude, site.longitude) > SAME_PLACE_KM]
    notes, alternatives = list(resolution.notes), list(resolution.alternatives)
    by_place: dict[tuple[float, float], list[Site]] = {}
    for site in far:
        by_place.setdefault((round(site.latitude or 0.0, 2), round(site.longitude or 0.0, 2)), []).append(site)
    for group in by_place.values():
        site = group[0]
        found = gazetteer.place_by_id(site.geonameid) if site.geonameid else None
        place = found or Place(name=site.city, province=site.province, country=site.country,
                               latitude=site.latitude or 0.0, longitude=site.longitude or 0.0, source="site")
        ids = ", ".join(str(each.id) for each in group)
        notes.append(f"site {ids}'s {site.city} is {place.label}: using {origin.label}; for the site's city "
                     f"write \"{place.name}, {place.province or place.country}\"")
        if all(other.geonameid is None or other.geonameid != place.geonameid for other in alternatives):
            alternatives.append(place)
    return resolution._replace(notes=tuple(notes), alternatives=tuple(alternatives))


def _main_city_of_qualifier(query: str, text: str, gazetteer: Gazetteer) -> Resolution | None:
    """"Flushing, NY": a postal town, at the middle of its postal codes; "Vicente López, Buenos
    Aires": a district of one town, at that town; "Gangnam-gu, Seoul",
    "Torrette, Ancona": a ward or quarter the gazetteer lacks, in a division that is mostly one
    city, is that city. As an imported site would be (placement's rules). Never for a facility's
    name: 北京大学第一医院 is a hospital, not a ward of Beijing (吉林大学 is in Changchun, not Jilin)."""
    if names_a_facility(text):
        return None
    written = [(head, qualifiers[0]) for head, qualifiers in readings(text)
               if len(qualifiers) == 1 and _a_state(qualifiers, text)]
    rules: tuple[tuple[Callable[[str, str, Gazetteer], Placement | None], Callable[[str, str, Place], str]], ...] = (
        (postal_town_placement, lambda head, state, place: _postal_note(head, place.province)),
        (division_town_placement, lambda head, state, place: (
            f"{head} is a district the offline gazetteer has no place of that name for: using "
            f"{place.name}, its largest place, as an approximation")),
        (main_city_placement, lambda head, state, place: (
            f"{head} is not in the offline gazetteer: using {place.name}, the main city of "
            f"{state}, as an approximation (--online looks {head} up)")),
    )
    for placed_by, note in rules:  # each rule over every reading before the next rule
        for head, state in written:
            placement = placed_by(head, state, gazetteer)
            if placement is not None and placement.place is not None:
                return Resolution(query=query, place=placement.place, notes=(note(head, state, placement.place),))
    return None


def _a_state(qualifiers: tuple[str, ...], text: str) -> bool:
    """Whether a qualifier may stand for a state in the approximations above. After a comma, any;
    split off at a space, a word of three letters or fewer only in capitals, as a state's code is
    written (Flushing NY): "Sun Yat-sen" is a person, not Yat-sen in Surigao del Sur (SUN)."""
    if "," in text.translate(TO_COMMA) or len(qualifiers) != 1:
        return True
    word = qualifiers[0]
    return len(word) > 3 or word.isupper() or not word.isascii()


def _lookup(gazetteer: Gazetteer, head: str) -> list[Place]:
    key = name_key(head)
    if not key:
        return []
    for form in written_forms(head):  # "Ft. Myers", "Shinjuku-ku", "Praha 2"
        places = gazetteer.places(name_key(form))
        if places:
            return places
    for word in LATIN_CITY_WORDS:  # "GuangzhouShi", "Beijing Municipality" written as one word
        if key.endswith(word) and len(key) - len(word) >= 3:
            return gazetteer.places(key[: -len(word)])
    return []


def _within(place: Place, regions: set[tuple[str, str]], gazetteer: Gazetteer) -> bool:
    return any(place.country == gazetteer.country_name(country) and (not admin1 or place.province == admin1)
               for country, admin1 in regions)


def _choose(query: str, head: str, candidates: list[Place], preferred: frozenset[int]) -> Resolution:
    ranked = sorted(candidates, key=lambda p: (p.geonameid not in preferred, -p.population, p.geonameid or 0))
    distinct = distinct_places(ranked)
    leader, alternatives = distinct[0], tuple(distinct[1:])
    ambiguous = bool(alternatives) and alternatives[0].population >= CONTENDER_SHARE * leader.population
    notes: tuple[str, ...] = ()
    key = name_key(head)
    namesake = next((place for place in alternatives if name_key(place.name) == key), None)
    if not ambiguous and namesake is not None and name_key(leader.name) != key:
        # "Halle": Halle (Saale), as import reads it, but say that a place of exactly that name exists
        notes = (f"{head}: using {leader.name}, {leader.province or leader.country}, far larger than "
                 f"{namesake.name}, {namesake.province or namesake.country}, the place of exactly that name "
                 f"(write \"{namesake.name}, {namesake.province or namesake.country}\" for that one)",)
    return Resolution(query=query, place=leader, alternatives=alternatives, ambiguous=ambiguous, notes=notes)
