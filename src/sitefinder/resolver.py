"""Resolving what a person typed (`near`, `map`) to one place of the offline gazetteer."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, NamedTuple

from sitefinder.china import (ABROAD_NOTED, answered_suggestion, chinese_cities_beginning, city_of_qualifier, names_a_facility,
                              look_alike_cities, names_an_institution, own_pinyin, places_of_initials, resolve_china,
                              spells_a_division, with_sounding_divisions)
from sitefinder.countries import ABBREVIATIONS, CodeReading, country_meant, other_area, read_code
from sitefinder.distance import SAME_PLACE_KM, distinct_places, sphere_km
from sitefinder.errors import AskedBack, CodeOrInitials, PlaceNotFound, RegionNotPlace, SitefinderError, UsageError
from sitefinder.gazetteer import Gazetteer, open_shipped
from sitefinder.models import CONTENDER_SHARE, DIVISION_SOURCE, Place, Resolution, Site
from sitefinder.placenames import (LATIN_CITY_WORDS, TO_COMMA, called_by, compiled, is_street, other_spellings, parse_coordinates,
                                   ranking_key, readings, written_forms)
from sitefinder.regions import CHINA_AREA, display_region, modern_name, place_words, province_key, provinces_spelt_like, shown_chinese
from sitefinder.text import clean_query, fold, has_cjk, name_key, quoted
from sitefinder.wording import Said, language_of, said, say, suggestion

if TYPE_CHECKING:  # placement's rules only for a query with a qualifier that names no place ("Flushing, NY")
    from sitefinder.placement import Placement

MAX_QUERY_LENGTH = 200


def resolve(query: str, gazetteer: Gazetteer, preferred: frozenset[int] = frozenset(),
            lang: str | None = None, simplify: bool = True, area: str = "") -> Resolution:
    """Resolve what a person typed to one place, keeping the alternatives it considered.

    `preferred` holds GeoNames ids of the cities that host a site of the loaded trial: among
    same-name places those come first (someone asking about "Taizhou" for this trial most likely
    means the Taizhou with a site), then the most populous. `lang` ("zh", "en"; None: the script
    typed) is the language of the answer, which China's notices are written in. `area` ("HK", "MO",
    "TW", wording.locale_area): the region of China whose namesakes a person there means first.

    An answer reached loosely (by another name than the place's own, or a small place abroad for a
    word that reads as pinyin, or a town one letter from a big Chinese city) carries a notice saying
    what was matched and where (`loose_notes`); a postal address no part of which answers whole is
    read from its most specific known part (`_address`).
    """
    text = clean_query(query)
    if not text:
        raise UsageError(key="usage.place_empty")
    if len(text) > MAX_QUERY_LENGTH:
        raise UsageError(key="usage.place_too_long", length=len(text), most=MAX_QUERY_LENGTH)
    said_abroad = _said_abroad(query, text, gazetteer, preferred, lang)
    if said_abroad is not None:
        return said_abroad
    if has_cjk(text):
        _refuse_china_part(text, gazetteer, lang)
    coordinates = parse_coordinates(text)
    if coordinates:
        latitude, longitude = coordinates
        place = Place(name=f"{latitude:g},{longitude:g}", province="", country="", latitude=latitude,
                      longitude=longitude, source="coordinates")
        return Resolution(query=query, place=place)
    japanese = _japan_postcode_read(query, text, gazetteer, preferred, lang, area)
    if japanese is not None:
        return japanese
    postal = _postal_code(query, text, gazetteer)
    if postal is not None:
        return postal
    dropped = _postcodes_dropped(text)
    if dropped != text:  # read without its postcodes; its notices quote what was read
        try:
            found = resolve(dropped, gazetteer, preferred, lang, simplify, area)
        except PlaceNotFound:
            if "," in text:
                raise
            found = None  # "Highway 2000": no postcode after a place, a name with digits; read whole
        if found is not None:
            return found._replace(query=query, read=found.read or dropped)
    modern = modern_name(text)
    if modern:  # "Sinkiang", "Fukien", "Hankow": the place by its pinyin name, however that is read
        try:
            return _resolve_text(query, modern, gazetteer, preferred, lang)._replace(query=query)
        except RegionNotPlace as region:
            raise RegionNotPlace(text, region.regions, region.hint, region.notes) from None
    try:
        found = _resolve_text(query, text, gazetteer, preferred, lang, simplify, area)
    except RegionNotPlace:
        raise
    except PlaceNotFound:
        address = _address(query, text, gazetteer, preferred, lang)
        if address is None:
            raise
        return address
    # each notice once: a text read in another script (東京都千代田区 as 东京都千代田区) was resolved
    # whole, its loose notice said already, by the same rule for the same place
    loose = loose_notes(found, text, gazetteer, lang)
    if loose and has_cjk(text) and any(note in found.notes for form in gazetteer.simplified_forms(text)
                                       for note in loose_notes(found, form, gazetteer, lang)):
        loose = ()
    return _with_asks(told_apart(found._replace(notes=(*found.notes, *loose)), gazetteer), gazetteer, preferred,
                      language_of(lang, text))


def _said_abroad(query: str, text: str, gazetteer: Gazetteer, preferred: frozenset[int],
                 lang: str | None) -> Resolution | None:
    """A place abroad typed as a Chinese notice names it and asks it typed (伯明翰（美国亚拉巴马州）,
    regions.say_where): read as "伯明翰, 亚拉巴马州, 美国" is, and only a place in the country and
    state the bracket names; "伦敦（London, England）", a suggestion's form, as its English label.
    None for any other text: read as written (波特兰（美国缅因州） was Port Antonio, Jamaica)."""
    from sitefinder.regions import read_where

    where = read_where(text) if has_cjk(text) else None
    if where is None:
        return None
    name, country, state = where
    written = state if not country else ", ".join(part for part in (name, state, country) if part)
    try:
        found = resolve(written, gazetteer, preferred, lang)
    except PlaceNotFound:
        return None
    place = found.place
    if country and gazetteer.country_name_zh(gazetteer.country_code_of(place.country)) != country:
        return None
    if state and country and state not in (gazetteer.state_name_zh(place), place.province):
        return None
    return found._replace(query=query)


def _resolve_text(query: str, text: str, gazetteer: Gazetteer, preferred: frozenset[int],
                  lang: str | None, simplify: bool = True, area: str = "") -> Resolution:
    """`resolve` for a text that is not coordinates: as written, without the notices on loose answers."""
    if names_an_institution(text):
        raise PlaceNotFound(text, [], hint=said("hint.institution"), lang=lang)
    reading = read_code(text, gazetteer)
    if reading is not None:
        return _by_code(query, reading, gazetteer, preferred, lang)
    if text.isascii() and is_one_syllable(name_key(text), gazetteer) and not spells_a_division(name_key(text), gazetteer):
        return _one_syllable(query, text, gazetteer, preferred)  # "Chang", "Ha"; "xian" is Xi'an's own pinyin
    if text.isascii() and len(name_key(text)) <= 2:  # "GZ", "BJ": only a place of exactly that main name
        short = [place for place in gazetteer.places(name_key(text)) if name_key(place.name) == name_key(text)]
        if not short:
            coded = _code_in_small_letters(text, gazetteer)
            # each place once: "tw" is Taiwan's code in small letters and 台湾's initials
            initials = [place for place in _initials_suggested(text, gazetteer)
                        if place.split(" (")[-1].rstrip(")") not in coded]
            raise PlaceNotFound(text, [*coded, *initials], hint=said("hint.initials", text=text) if initials else "",
                                lang=lang)
        chosen = _choose(query, text, short, preferred)
        return chosen._replace(notes=(*chosen.notes, said("notice.exact_short", text=text,
                                                          place=_with_country(chosen.place, gazetteer),
                                                          country=chosen.place.country)))
    other = other_area(text, gazetteer)
    if other is not None:  # "Republic of China", "Chinese Taipei", "Korea": the country --country reads
        zh = gazetteer.country_name_zh(next(iter(other.codes))) if len(other.codes) == 1 else ""
        raise RegionNotPlace(text, {(code, "") for code in other.codes}, hint=said("hint.country"),
                             notes=other.notes, meant=said("name.either", en=other.name, zh=zh or other.name))
    # Chinese characters, or the pinyin or English name of a division of China (Altay, bomi, lishi,
    # bali), are China's first, as everywhere: Altay is 阿勒泰地区, not the Altai Republic
    regions = () if has_cjk(text) or spells_a_division(name_key(text), gazetteer) else _regions_alone(text, gazetteer)
    if regions and not any(code in CHINA_AREA for code, _ in regions) and not _main_city(
            _lookup(gazetteer, text), regions, gazetteer):
        # a state or country abroad before China's divisions' aliases: "Victoria" is the Australian
        # state, not Victoria (BC) noting Hong Kong's old capital; China's own are read by china.py
        raise RegionNotPlace(text, regions, hint=_region_hint(text, regions))
    china = resolve_china(query, text, gazetteer, preferred, lang, area)  # China's divisions (天河区, 广州天河) first
    if china is not None:
        return china
    backwards = _largest_first(text, gazetteer)
    if backwards:  # "Ontario, Cambridge", "Sao Paulo, Campinas": as "Cambridge, Ontario" is read
        try:
            found = _resolve_text(query, backwards, gazetteer, preferred, lang, simplify, area)
            # only a place inside the region written first: "Beijing, Xi'an" is two cities, asked back
            if _within(found.place, gazetteer.regions(text.translate(TO_COMMA).split(",")[0]), gazetteer):
                return found
        except PlaceNotFound:
            pass
    for head, qualifiers in readings(text):
        region_sets = [gazetteer.divisions(qualifier) for qualifier in qualifiers]
        if not all(region_sets):
            continue
        narrowed = [_state_before_country(regions, qualifier, gazetteer) for regions, qualifier in zip(region_sets, qualifiers)]
        if narrowed != region_sets and any(all(_within(place, regions, gazetteer) for regions in narrowed)
                                           for place in _lookup(gazetteer, head)):
            region_sets = narrowed  # "Newcastle, Northern Ireland": the one there, not Newcastle upon Tyne
        candidates = [place for place in _lookup(gazetteer, head)
                      if all(_within(place, regions, gazetteer) for regions in region_sets)
                      and all(_in_part(place, qualifier, gazetteer) for qualifier in qualifiers)]
        countries = set.intersection(*({code for code, admin1 in regions if not admin1} for regions in region_sets)) \
            if qualifiers else set()
        if countries:  # "Mie, Japan", "Lombardy, Italy": the division, as import reads a registry's city
            divisions, inside = gazetteer.named_division(head, countries, candidates)
            if divisions and not inside:
                raise RegionNotPlace(text, divisions, hint=_region_hint(head, divisions))
            candidates = inside if divisions else candidates
        if candidates and not qualifiers:
            regions = _regions_alone(text, gazetteer)
            if regions and not _main_city(candidates, regions, gazetteer):
                # "China" is a country, not China in Maine, nor "Colombia" a town in Cuba or in Huila;
                # "California" the state, not California in Maryland; "Singapore", "Luxembourg",
                # "Mexico" (Mexico City) and "New York" (New York City) are the region's main city too
                raise RegionNotPlace(text, regions, hint=_region_hint(text, regions))
            return _beside_regions(_choose(query, head, candidates, preferred), text, regions, gazetteer)
        if candidates:
            return _choose(query, head, candidates, preferred)
    if regions := _regions_named(text, gazetteer):
        raise RegionNotPlace(text, regions, hint=_region_hint(text, regions))
    parts = [part.strip() for part in text.translate(TO_COMMA).split(",") if part.strip()]
    if len(parts) >= 2 and gazetteer.country_codes(parts[0]) and not gazetteer.country_codes(parts[-1]):
        # "China, Guangzhou": the country written first, as a Chinese address is ordered (中国，广州),
        # read as "Guangzhou, China": not a place "China" the gazetteer lacks, in Guangzhou; and every
        # part after it so, largest first ("Canada, Quebec, Montréal" is Montréal, Quebec, Canada,
        # not Québec City in a census division called Montréal)
        return _resolve_text(query, ", ".join(parts[::-1]), gazetteer, preferred, lang, simplify)
    two = _two_places(parts, gazetteer)
    if two:
        raise AskedBack(text, two, hint=said("hint.two_places", first=two[0], second=two[1]), lang=lang)
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
    suggestions = list(dict.fromkeys(answered_suggestion(label, gazetteer, preferred)
                                     for label in _in_country_typed(gazetteer.suggest(text), text, gazetteer)))
    localities = _postal_localities_alone(text, gazetteer)
    if len(localities) == 1 and not suggestions:
        place = localities[0]
        where = ", ".join(part for part in (place.province, place.country) if part)
        return Resolution(query=query, place=place, notes=(_postal_note(place.name, where),))
    if not localities:
        suggestions = list(dict.fromkeys([*_initials_suggested(text, gazetteer), *_known_heads(text, gazetteer),
                                          *suggestions]))[:3]
    suggestions = [suggested_place(label, gazetteer) for label in suggestions]
    if not localities and has_cjk(text):  # 天和区, 杭洲: China's divisions of that sound first
        suggestions = with_sounding_divisions(text, suggestions, gazetteer, language_of(lang, text))
    elif not localities:  # Guangdon, Shangdong: a province misspelt, before places spelt alike (Gangdong, Hunan)
        provinces = [said("name.either", en=province.name, zh=shown_chinese(province))
                     for province in provinces_spelt_like(text)]
        suggestions = [*provinces, *(label for label in suggestions if label not in provinces)][:3]
    if localities:  # several, or a spelling of a place too (Agincourt, Audincourt): asked back, never picked
        raise AskedBack(text, [*suggestions, *(f"{place.name}, {place.province or place.country}"
                                                   for place in localities)][:4],
                            hint=said("hint.postal_localities"),
                            lang=lang)
    raise PlaceNotFound(text, suggestions, lang=lang)


def _in_country_typed(labels: list[str], text: str, gazetteer: Gazetteer) -> list[str]:
    """The suggestions of a place typed with its country's name ("Lyonn, France") that a place of
    that country bears: Lynn, Massachusetts is no answer to a question about France."""
    parts = [part.strip() for part in text.translate(TO_COMMA).split(",") if part.strip()]
    last = parts[-1] if len(parts) > 1 else ""
    if len(name_key(last)) <= MAX_CODE_LETTERS or not gazetteer.country_codes(last):
        return labels  # no country, or a code that may be a state's ("Bostn, MA")
    countries = {gazetteer.country_name(code) for code, admin1 in gazetteer.divisions(last) if not admin1}
    return [label for label in labels
            if any(place.country in countries for place in gazetteer.places(name_key(label.split(",")[0])))]


def _refuse_china_part(text: str, gazetteer: Gazetteer, lang: str | None) -> None:
    """东北, 华南: a part of China, its provinces said with one to list; 北部, 中部: a direction, unless
    a place of China bears the name (东方 is Hainan's 东方市). Neither is one place, nor the region
    abroad GeoNames names alike in Chinese (东北: Ghana's Upper East)."""
    from sitefinder.errors import NotOnePlace
    from sitefinder.regions import china_part, direction_word, provinces_listed

    part = china_part(text)
    if part is not None:
        raise NotOnePlace(text, "error.china_part", lang, name=quoted(text),
                          provinces=said("name.either", **provinces_listed(part)),
                          command=suggestion("list", "--province", part[0].chinese))
    if direction_word(text) and not spells_a_division(name_key(text), gazetteer) and not any(
            place.country == "China" for place in _lookup(gazetteer, text)):
        raise NotOnePlace(text, "error.direction", lang, name=quoted(text))


def suggested_place(label: str, gazetteer: Gazetteer) -> str:
    """A suggestion ("Guangzhou, Guangdong") as a phrase said in each language (wording.said): in
    Chinese by its Chinese names where the gazetteer has them (广东广州; 伦敦（London, England）),
    never the English name alone in a Chinese answer; a label it knows no Chinese for, as it is."""
    if isinstance(label, Said) or has_cjk(label) or "," not in label and label.count(" ") > 2:
        return label
    from sitefinder.regions import find_province, shown_chinese

    city, _, region = (part.strip() for part in label.partition(","))
    rows = gazetteer.rows("SELECT p.zh, p.admin1, p.country FROM name n JOIN place p ON p.id = n.place "
                          "WHERE n.key = ? AND p.zh != '' ORDER BY p.population DESC LIMIT 20", (name_key(city),))
    for zh, admin1, country in rows:
        province = find_province(admin1) if country in ("CN", "HK", "MO", "TW") else None
        if province is not None and (not region or find_province(region) in (province, find_province(country))
                                     or region in (province.name, province.country)):
            province_zh = shown_chinese(province)
            return said("name.either", en=label, zh=zh if zh.startswith(province_zh) else province_zh + zh)
        if province is None and region and country not in ("CN", "HK", "MO", "TW"):
            return said("name.either", en=label, zh=f"{zh}（{label}）")
    return label


# A US ZIP code, with or without its four more digits (02115, 02115-1234); any other run of
# digits a postal code could be (China's six, 510000; four to ten digits elsewhere)
_ZIP_CODE = re.compile(r"([0-9]{5})(?:-[0-9]{4})?")
_POSTAL_DIGITS = re.compile(r"[0-9]{4,10}")


def _postal_code(query: str, text: str, gazetteer: Gazetteer) -> Resolution | None:
    """A postal code typed alone: a US ZIP code is its point (the gazetteer holds them, from the
    placement of registry rows), said so; other countries' codes are not in the offline gazetteer,
    and digits alone name no place, so the error says to type the city or district instead. None
    for any other text (coordinates were read before this)."""
    zip_code = _ZIP_CODE.fullmatch(text)
    if zip_code is not None:
        place = gazetteer.postal_code_place(zip_code[1], "US")
        if place is None:
            raise PlaceNotFound(text, [], hint=said("hint.zip_unknown"))
        return Resolution(query=query, place=place,
                          notes=(said("notice.zip_code", code=text, place=_named(place, place.label, gazetteer)),))
    if _POSTAL_DIGITS.fullmatch(text):
        raise PlaceNotFound(text, [], hint=said("hint.postal_code"))
    for pattern, country, example in _LETTERED_POSTCODES if any("0" <= character <= "9" for character in text) else ():
        if compiled(pattern, re.IGNORECASE).fullmatch(text):  # "SW1A 1AA": no place, and no code the gazetteer has
            raise PlaceNotFound(text, [], hint=said("hint.postcode_lettered", country=country, example=example))
    return None


# A Japanese postal code: after the postal mark anywhere (〒100-0001, 〒 1000001), or written
# NNN-NNNN before or after the words of an address part ("113-8655 Tokyo"; Japan's only format).
# These and the next are compiled when first used (placenames.compiled): 11.7 M instructions of
# every start-up when they were compiled at import, for the few queries that hold a digit.
_JAPAN_MARKED = r"〒\s*([0-9]{3}-?[0-9]{4})(?![0-9])\s*"
_JAPAN_WRITTEN = r"(?:(?<=^)|(?<=[,，、\s]))([0-9]{3}-[0-9]{4})(?=$|[,，、\s]|[^\x00-\x7f])\s*"


# The end of a Japanese address written in characters, no place of the gazetteer: the block numbers
# (1-1, 7-3-1, 七丁目3番1号), then the town before them (千代田, 本郷) after the last division's mark
_JAPAN_BLOCK = (r"(?:[0-9０-９]+(?:[-‐－ー][0-9０-９]+)*|[0-9０-９一二三四五六七八九十]+丁目"
                r"(?:[0-9０-９]+番地?(?:[0-9０-９]+号?)?)?)$")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９－", "0123456789-")
_JAPAN_TOWN = r"(?<=[都道府県县縣市区區町村郡])[^都道府県县縣市区區町村郡]+$"


def _japan_postcode_read(query: str, text: str, gazetteer: Gazetteer, preferred: frozenset[int],
                         lang: str | None, area: str) -> Resolution | None:
    """An address with a Japanese postal code ("〒100-0001 東京都千代田区千代田1-1", "〒113-8655 Tokyo,
    Bunkyo-ku, Hongo 7-3-1"): read without the code (and, in characters, without its town and block
    numbers where the rest answers without them), within the prefecture the code names
    (placement.japan_prefecture) where the rest alone answers outside it or not at all. None for a
    text with no such code; a code alone names no place to answer (as other countries' codes)."""
    text = text.translate(_FULL_WIDTH_DIGITS)  # 〒１００－０００１, as a Japanese keyboard writes it
    if not any("0" <= character <= "9" for character in text):  # no code: its patterns left uncompiled
        return None
    found_code = compiled(_JAPAN_MARKED).search(text) or compiled(_JAPAN_WRITTEN).search(text)
    if found_code is None:
        return None
    from sitefinder.placement import japan_prefecture  # placement's rules only for an address with a code

    rest = re.sub(r"\s+(?=[,，、])", "", text[:found_code.start()] + " " + text[found_code.end():]).strip(" ,，、")
    if not rest:
        raise PlaceNotFound(text, [], hint=said("hint.postal_code"))
    readings = [rest]
    unnumbered = compiled(_JAPAN_BLOCK).sub("", rest).strip() if has_cjk(rest) else rest
    if unnumbered != rest:  # 千代田1-1: the town before block numbers is no place; 北海道深川 is one
        readings = [form for form in dict.fromkeys((compiled(_JAPAN_TOWN).sub("", unnumbered), unnumbered, rest)) if form]
    prefectures = {(code, admin1) for code, admin1 in gazetteer.divisions(japan_prefecture(found_code[1]))
                   if code == "JP" and admin1}
    first: Resolution | None = None
    missed: SitefinderError | None = None
    for reading in readings:
        for written in (reading, *(f"{reading}, {admin1}, Japan" for _, admin1 in prefectures)):
            try:  # "113-8655 Tokyo, Bunkyo-ku" is Tokyo's Bunkyō, not Bunkyo in Kanagawa
                found = resolve(written, gazetteer, preferred, lang, area=area)
            except SitefinderError as error:
                missed = missed or error
                continue
            found = found._replace(query=query, read=found.read or reading)
            if not prefectures or _within(found.place, prefectures, gazetteer):
                return found
            first = first or found
    if first is not None:
        return first
    assert missed is not None
    raise missed


# Postcodes with letters, as the UK ("SW1A 1AA", "LS1 4DY", "M1 1AE"), Canada ("K1A 0B1") and the
# Netherlands ("1105 AZ") write them: the gazetteer holds none (only US ZIP codes), so one typed
# alone is said to be unknown offline and the town asked for; after a town it is dropped
# (_postcodes_dropped: "Leeds LS1 3EX" is Leeds). Compiled when first used, as the Japanese ones.
_LETTERED_POSTCODES = (
    (r"[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}",
     said("name.either", en="UK", zh="英国"), said("name.either", en="Leeds", zh="利兹")),
    (r"[A-Z][0-9][A-Z] ?[0-9][A-Z][0-9]",
     said("name.either", en="Canada", zh="加拿大"), said("name.either", en="Toronto", zh="多伦多")),
    (r"[0-9]{4} ?[A-Z]{2}",
     said("name.either", en="Netherlands", zh="荷兰"), said("name.either", en="Amsterdam", zh="阿姆斯特丹")),
)


UNIONS = {"eu": said("name.either", en="the European Union", zh="欧盟")}


def _two_places(parts: list[str], gazetteer: Gazetteer) -> list[str]:
    """The two cities "Beijing, Shanghai" names, one not inside the other (the readings before found
    none of the first in the second), each by its own name and of ABROAD_NOTED people: asked back,
    as two places, never the second's main city "because Beijing is not in the gazetteer". Without
    a comma too ("Guangzhou Shenzhen", 广州 深圳), at any space: answered by the first, it was one of
    the two chosen silently (did you mean Guangzhou?)."""
    if len(parts) == 1:
        words = parts[0].split()
        return next((two for cut in range(1, len(words))
                     if (two := _two_places([" ".join(words[:cut]), " ".join(words[cut:])], gazetteer))), [])
    if len(parts) != 2:
        return []
    cities: list[str] = []
    for part in parts:
        own = [place for place in _lookup(gazetteer, part) if place.population >= ABROAD_NOTED and (
            name_key(place.name) == name_key(part)  # 北京，上海 too: a city by its Chinese name
            or has_cjk(part) and gazetteer.chinese_name(place.geonameid or 0) in (part, part + "市"))]
        if not own:
            return []
        place = max(own, key=lambda place: place.population)
        shown = place_words(place.name, place.province or place.country)
        cities.append(f"{part} ({shown})" if has_cjk(part) else shown)  # in the script typed: 广州 (Guangzhou, Guangdong)
    return cities if cities[0] != cities[1] else []


def _by_code(query: str, reading: CodeReading, gazetteer: Gazetteer, preferred: frozenset[int],
             lang: str | None) -> Resolution:
    """`near CODE`: what its country's name answers, named as the code (read_code)."""
    text = reading.typed
    if not reading.code:
        raise PlaceNotFound(text, [], hint=said("hint.union", text=text, union=UNIONS[name_key(text)]))
    # the country in each language (Germany, 德国; Benin in both when the gazetteer has no Chinese name)
    country = said("name.either", en=reading.country, zh=gazetteer.country_name_zh(reading.code) or reading.country)
    if reading.initials:  # BJ: Benin or 北京? asked back, as a name of several places is (Agincourt)
        raise CodeOrInitials(text, country, reading.initials, lang=lang)
    hint = said("hint.country_code", text=text, country=country)
    # What the name means, within the code's country: "Georgia" is also a US state, GE only the country.
    within = gazetteer.country_codes(reading.country) | {reading.code}
    try:
        found = resolve(reading.country, gazetteer, preferred, lang)
    except RegionNotPlace as region:  # a country, or a region (Hong Kong, Taiwan): its sites, said as the code
        regions = {(code, admin1) for code, admin1 in region.regions if code in within} or {(reading.code, "")}
        raise RegionNotPlace(text, regions, hint, region.notes if regions == region.regions else (),
                             meant=country) from None
    except PlaceNotFound:
        raise PlaceNotFound(text, [], hint=hint, lang=lang) from None
    if gazetteer.country_code_of(found.place.country) not in within:
        raise RegionNotPlace(text, {(reading.code, "")}, hint, meant=country)
    # a country whose name is a place's too (Puerto Rico: San Juan): that place, saying how the code was read
    code_of = "notice.region_code" if reading.code in CHINA_AREA[1:] else "notice.country_code"
    return found._replace(query=query, notes=(said(code_of, text=text, country=country), *found.notes))


def _code_in_small_letters(text: str, gazetteer: Gazetteer) -> list[str]:
    """The country or region whose code a word that names no place is, not written in capitals
    ("hk": Hong Kong), suggested: read_code reads only capitals ("Bo" is Bo, Sierra Leone)."""
    coded = read_code(text.upper(), gazetteer) if text.isascii() and text.isalpha() and not text.isupper() else None
    return [coded.country] if coded is not None and coded.country else []


def _initials_suggested(text: str, gazetteer: Gazetteer) -> list[str]:
    """The Chinese places two or three letters that name nothing are the pinyin initials of (GZ: 广州,
    贵州), suggested when nothing else is known."""
    key = name_key(text)
    return places_of_initials(key, gazetteer) if text.isascii() and key.isalpha() and 2 <= len(key) <= 3 else []


def _region_hint(text: str, regions: set[tuple[str, str]]) -> Said:
    return said("hint.country") if all(not admin1 for _, admin1 in regions) else \
        said("hint.region", command=suggestion("list", "--province", text))


def _main_city(places: list[Place], regions: set[tuple[str, str]], gazetteer: Gazetteer) -> bool:
    """Whether one of the places bearing a region's name is what the name means: THE rule for a name
    that is a country or a first-level division (state, province) and a place's too, one for both.
    The name is the region unless the place is the most populous place of the main region of that
    name, the one whose most populous place is the largest (Victoria: the Australian state, whose
    Melbourne outweighs Gozo's Victoria). So Singapore, Mexico City ("Mexico") and New York City
    are the place; California (Maryland), Queensland (Alberta), Victoria (BC's capital, but
    Vancouver is larger) and Washington (Seattle is the state's largest) are the region."""
    largest = {region: gazetteer.largest_row(*region) for region in sorted(regions)}  # one query a region
    main = max(largest, key=lambda region: largest[region][1])
    return any(place.geonameid is not None and place.geonameid == largest[main][0] and _within(place, {main}, gazetteer)
               for place in places) or _dwarfed(places, regions, gazetteer)


# A first-level region (state, province, parish) is what its name means unless a city of that name
# has this many times its people: Portland, Manchester and Hanover are the cities (Oregon's 650,000,
# England's, Lower Saxony's), not Jamaica's parishes of 22,000-62,000 people; Victoria (Australia),
# Washington, Buenos Aires, Munster and Bari stay the regions (measured over every admin1 name that
# is also the name of a city of more than 100,000 elsewhere: tests/test_region_names.py).
DWARFED_BY = 4


def _dwarfed(places: list[Place], regions: set[tuple[str, str]], gazetteer: Gazetteer) -> bool:
    """Whether the largest of the places a name means dwarfs every first-level region of that name
    (DWARFED_BY); never for a country's name (Georgia, Jordan: the countries)."""
    if not places or any(not admin1 for _, admin1 in regions):
        return False
    # the places the name would answer first (_choose): Santa Ana is Santa Ana, California (310,000),
    # not Taguig, reached by another name; Hanover is Hannover all the same
    key = name_key(next(iter(regions))[1])
    if _aliases_demoted(key, places):
        places = [place for place in places if _own_name(place, key)]
    people = max(place.population for place in places)
    middles = [gazetteer.division_middle(*region) for region in sorted(regions)]
    return all(middle is None or people >= DWARFED_BY * middle.population for middle in middles)


def _beside_regions(found: Resolution, text: str, regions: set[tuple[str, str]], gazetteer: Gazetteer) -> Resolution:
    """A city answered for a name that is also a first-level region it dwarfs (_dwarfed): said, with
    the regions as the last alternatives (JSON `alternatives`; never a contender of models.contenders), so that `list --province` is one step away."""
    if not regions or _within(found.place, regions, gazetteer):
        return found
    middles = [middle._replace(source=DIVISION_SOURCE) for region in sorted(regions)
               if (middle := gazetteer.division_middle(*region)) is not None]
    named = ", ".join(f"{middle.name}, {middle.country}" for middle in middles)
    note = said("notice.region_dwarfed", head=text, used=place_words(found.place.name, found.place.province,
                                                                      found.place.country),
                regions=named, sites=said("notice.region_dwarfed.sites", command=suggestion("list", "--province", text)))
    return found._replace(alternatives=(*found.alternatives, *middles), notes=(*found.notes, note))


MAX_CODE_LETTERS = 3  # ISO 3166 codes, of countries and of their divisions, are two or three letters


def _regions_named(text: str, gazetteer: Gazetteer) -> set[tuple[str, str]]:
    """The provinces, states and countries a text names (Gazetteer.regions); a word as short as a
    code and not written in capitals, only by the region's own name ("Ain", "Var", "Zug"): codes are
    written in capitals (read_code), and read loosely "Per" was Peru, "Aus" Australia, "Mex" a state."""
    regions = gazetteer.regions(text)
    whole = {code for code, admin1 in regions if not admin1}
    if whole:  # a country's name: a state abroad only by its own name, none within it (San Marino's castello)
        # ("Georgia" is also the US state; "HKSAR" Hong Kong, not Haute-Kotto, whose code is HK)
        regions = {(code, admin1) for code, admin1 in regions if not admin1 or code not in whole
                   and province_key(admin1) == province_key(text)}
    if has_cjk(text) or len(name_key(text)) > MAX_CODE_LETTERS or text.isupper():
        return regions  # 中国, 山东: two characters are a name, not a code; "Sé" (Macau's parish) is no "SE"
    return {(code, admin1) for code, admin1 in regions
            if province_key(admin1 or gazetteer.country_name(code)) == province_key(text)}


def _regions_alone(text: str, gazetteer: Gazetteer) -> set[tuple[str, str]]:
    """The regions a name a place bears too may mean instead (resolver._main_city): a country by any
    of its names, a state or province by its own only ("Victoria", not "Kashi" folded to "ka" nor
    "Saga County" to Saga Prefecture)."""
    return {(code, admin1) for code, admin1 in _regions_named(text, gazetteer)
            if not admin1 or province_key(admin1) == name_key(text)}


def _known_heads(text: str, gazetteer: Gazetteer) -> list[str]:
    """The places the first words of a query that matched nothing name ("Peking" of "Peking
    Union"): the first suggestions, as the query most likely meant them."""
    words = text.translate(TO_COMMA).split(",")[0].split()
    found: list[str] = []
    for cut in range(len(words) - 1, 0, -1):
        places = sorted(_lookup(gazetteer, " ".join(words[:cut])), key=lambda place: -place.population)
        if places:
            place = places[0]
            found.append(place_words(place.name, place.province or place.country))
            break
    return found


def _postal_localities_alone(text: str, gazetteer: Gazetteer) -> list[Place]:
    """The postal localities a name typed alone can be ("Vällingby", "Macomb Township"), as import
    reads a registry's city, one per place: tried last, when no place of the gazetteer has the name."""
    if "," in text.translate(TO_COMMA) or not text.replace(" ", "").replace("-", "").isalpha():
        return []
    return distinct_places(gazetteer.postal_localities(name_key(text), text))


def _postal_note(head: str, where: str) -> Said:
    return said("notice.postal_town", head=head, where=where)


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
        raise PlaceNotFound(text, [*_code_in_small_letters(text, gazetteer), *begun], hint=said("hint.one_syllable"))
    chosen = _choose(query, text, own, preferred)
    if not begun:
        return chosen
    note = said("notice.one_syllable", text=text, used=_with_country(chosen.place, gazetteer),
                country=chosen.place.country, names=tuple(begun))
    return chosen._replace(notes=(*chosen.notes, note))


def with_site_cities(resolution: Resolution, sites: list[Site], gazetteer: Gazetteer,
                     listing: bool = False) -> Resolution:
    """A query that is a site's registry city as written ("Gannan", site 23's, placed at Ganzhou,
    Jiangxi: its location_note) but answered elsewhere (Gannan is also Gansu's prefecture, Hezuo)
    names the site's place in a notice and the alternatives: the registry's spelling is how a
    patient of that hospital writes its city. `sites` are those of that registry city. `listing`:
    the answer lists those sites with the place's own (`list --city`, `show`), and says so."""
    origin = resolution.place
    far = [site for site in sites if site.latitude is not None and site.longitude is not None
           and sphere_km(origin.latitude, origin.longitude, site.latitude, site.longitude) > SAME_PLACE_KM]
    notes, alternatives = list(resolution.notes), list(resolution.alternatives)
    places = site_places(far, gazetteer)
    by_another_name = [note for note in notes if getattr(note, "key", "") in ANOTHER_NAME_NOTICES]
    if len(places) == 1 and by_another_name:
        # "Hanzhou" is only a stray other name of 甘州区 (the resolver says so), and how the registry
        # writes site 817's Hangzhou: the registry's spelling, which that hospital's patients
        # type, is the answer. A place's own name ("Gannan", "Fushan") stays the answer.
        (group, place), = places
        kept = [note for note in notes if note not in by_another_name]
        # the other named as China's notices name a division (甘州区 of 张掖), else as any place
        other = (said("name.either", en=resolution.labels[0] if resolution.labels else origin.label,
                      zh=f"{resolution.within_zh}{resolution.name_zh}") if resolution.name_zh
                 else _named(origin, origin.label, gazetteer))
        note = said("notice.site_city_used", city=resolution.name_read, ids=", ".join(str(each.id) for each in group),
                    place=_named(place, place.label, gazetteer), other=other)
        return Resolution(query=resolution.query, place=place, alternatives=(origin, *alternatives),
                          notes=(*kept, note), read=resolution.read)
    for group, place in places:
        site = group[0]
        ids = ", ".join(str(each.id) for each in group)
        notes.append(said("notice.site_city_listed" if listing else "notice.site_city", ids=ids, city=site.city,
                          place=_named(place, place.label, gazetteer), used=_named(origin, origin.label, gazetteer),
                          ask=said_asked(place, gazetteer)))
        if all(other.geonameid is None or other.geonameid != place.geonameid for other in alternatives):
            alternatives.append(place)
    return resolution._replace(notes=tuple(notes), alternatives=tuple(alternatives))


def site_places(sites: list[Site], gazetteer: Gazetteer) -> list[tuple[list[Site], Place]]:
    """Sites with coordinates grouped by the place they were placed at (the same point to 0.01°),
    each group with that place: how a notice names the sites of a registry city."""
    by_place: dict[tuple[float, float], list[Site]] = {}
    for site in sites:
        if site.latitude is not None and site.longitude is not None:
            by_place.setdefault((round(site.latitude, 2), round(site.longitude, 2)), []).append(site)
    return [(group, _site_place(group[0], gazetteer)) for group in by_place.values()]


def region_site_cities(region: RegionNotPlace, sites: list[Site], gazetteer: Gazetteer) -> list[tuple[list[Site], Place]]:
    """The places of the sites whose registry city is a region's name but which lie outside it
    ("Lebanon": Lebanon, New Hampshire, not the country; "Washington": site 656 in Washington, DC,
    not the state), grouped as site_places: the namesake the answer must name, and how to ask for it."""
    # in the region by the state the registry wrote, or by the place it was placed at (a row of no
    # state: "Mie, Japan" placed at the prefecture's middle)
    outside = [site for site in sites if not any(
        gazetteer.country_code_of(site.country) == code and (not admin1 or site.province == admin1)
        for code, admin1 in region.regions)]
    return [(group, place) for group, place in site_places(outside, gazetteer)
            if not _within(place, region.regions, gazetteer)]


def named_place(place: Place, gazetteer: Gazetteer) -> str | Said:
    """A place as a notice names it: by its label, and in Chinese by its Chinese names (_named)."""
    return _named(place, place.label, gazetteer)


# Set while typeable pastes a form back into the resolver: the answers read then ask nothing
# themselves (a contender's form is checked once, not each of its own contenders' in turn).
_PASTING: ContextVar[bool] = ContextVar("pasting", default=False)


def typeable(place: Place, forms: list[str], gazetteer: Gazetteer, preferred: frozenset[int] = frozenset(),
             lang: str | None = None) -> str:
    """The first of the forms a notice may tell a person to type for a place that, pasted, answers
    that very place; else its coordinates, which always do. "波特兰（美国缅因州）" was Port Antonio,
    Jamaica, "León, Leon" León, Mexico, "欧文, 苏格兰" nothing: a notice's advice is only as good as
    the answer it gives."""
    forms = [form for form in dict.fromkeys(forms) if form]
    if _PASTING.get():
        return forms[0] if forms else place.label
    token = _PASTING.set(True)
    try:
        for form in forms:
            try:
                found = resolve(form, gazetteer, preferred, lang).place
            except SitefinderError:
                continue
            if (found.geonameid or 0) == (place.geonameid or -1) or (
                    sphere_km(found.latitude, found.longitude, place.latitude, place.longitude) <= SAME_PLACE_KM):
                return form
    finally:
        _PASTING.reset(token)
    return f"{place.latitude:.4f},{place.longitude:.4f}"


def asked_forms(place: Place, gazetteer: Gazetteer, lang: str) -> list[str]:
    """What a notice may tell a person to type for a place, most natural first (typeable tries
    them): in Chinese its Chinese name with its state's (伯明翰, 亚拉巴马州), as the notice names it
    (伯明翰（美国亚拉巴马州）), then as in English; in English its name with its state or country,
    then with both."""
    english = [f"{place.name}, {place.province or place.country}",
               ", ".join(part for part in (place.name, place.province, place.country) if part)]
    if lang != "zh":
        return english
    from sitefinder.regions import abroad_chinese, china_named, say_where

    chinese = (gazetteer.chinese_name(place.geonameid) if place.geonameid else "") or place.name
    if gazetteer.country_code_of(place.country) in CHINA_AREA:  # 江西赣州, as china.py names it
        return [china_named(chinese, place.province) if chinese != place.name else "", *english]
    state = gazetteer.state_name_zh(place) or place.province or place.country
    where = abroad_chinese(place.province, place.country, gazetteer.state_name_zh(place))
    return [f"{chinese}, {state}", say_where(chinese, where) if where else "", *english]


def said_asked(place: Place, gazetteer: Gazetteer, preferred: frozenset[int] = frozenset()) -> Said:
    """What to type for a place, in either language, each form checked by typeable."""
    return said("name.either", en=typeable(place, asked_forms(place, gazetteer, "en"), gazetteer, preferred, "en"),
                zh=typeable(place, asked_forms(place, gazetteer, "zh"), gazetteer, preferred, "zh"))


def _with_asks(resolution: Resolution, gazetteer: Gazetteer, preferred: frozenset[int], lang: str) -> Resolution:
    """An ambiguous answer abroad with what to type for each real contender (Resolution.asks, as
    china.py gives its own): each a form that, pasted, answers that contender (typeable)."""
    if not resolution.ambiguous or resolution.asks or _PASTING.get() or not resolution.alternatives:
        return resolution
    from sitefinder.models import contenders

    named = set(contenders(resolution))
    if not named or any(gazetteer.country_code_of(place.country) in CHINA_AREA for place in named):
        return resolution
    leader = resolution.place
    # one in the leader's own state is told apart by its coordinates (views: two Newports in England)
    asks = tuple(typeable(other, asked_forms(other, gazetteer, lang), gazetteer, preferred, lang)
                 if other in named and (other.province, other.country) != (leader.province, leader.country) else ""
                 for other in resolution.alternatives)
    return resolution._replace(asks=asks)


# The notices that say a place was answered by another name than its own (GeoNames' alternate names)
ANOTHER_NAME_NOTICES = frozenset({"notice.alias_only", "notice.loose.another_name", "notice.loose.near_miss_alias"})


def _site_place(site: Site, gazetteer: Gazetteer) -> Place:
    """The place a site was placed at: its gazetteer place, else its own point and words."""
    found = gazetteer.place_by_id(site.geonameid) if site.geonameid else None
    return found or Place(name=site.city, province=site.province, country=site.country,
                          latitude=site.latitude or 0.0, longitude=site.longitude or 0.0, source="site")


def _named(place: Place, english: str, gazetteer: Gazetteer) -> str | Said:
    """A place named in a notice as `english`, and in a Chinese notice by its Chinese names where the
    gazetteer has them (江西赣州, which is also what to type for it): "研究中心 23 的 Gannan 是 Ganzhou,
    Jiangxi" was English inside a Chinese line."""
    from sitefinder.regions import abroad_named, china_named

    chinese = gazetteer.chinese_name(place.geonameid) if place.geonameid else ""
    abroad = abroad_named(place.name, chinese, place.province, place.country, gazetteer.state_name_zh(place))
    if abroad:  # abroad, with where it is in Chinese, as the English names its state: 伯明翰（英国英格兰）
        return said("name.either", en=english, zh=abroad)
    return said("name.either", en=english, zh=china_named(chinese, place.province)) if chinese else english


def _with_country(place: Place, gazetteer: Gazetteer) -> str | Said:
    """`_named` of a notice whose English says the country after the place ("{place}, {country}");
    its Chinese names the country within the place's own name (使用 Hamilton（美国俄亥俄州）)."""
    named = _named(place, place.label, gazetteer)
    if isinstance(named, Said):
        return named
    return said("name.either", en=place.label, zh=f"{place.label}, {place.country}" if place.country else place.label)


def _main_city_of_qualifier(query: str, text: str, gazetteer: Gazetteer) -> Resolution | None:
    """"Flushing, NY": a postal town, at the middle of its postal codes; "Vicente López, Buenos
    Aires": a district of one town, at that town; "Gangnam-gu, Seoul",
    "Torrette, Ancona": a ward or quarter the gazetteer lacks, in a division that is mostly one
    city, is that city. As an imported site would be (placement's rules). Never for a facility's
    name: 北京大学第一医院 is a hospital, not a ward of Beijing (吉林大学 is in Changchun, not Jilin)."""
    if names_a_facility(text):
        return None
    from sitefinder.placement import division_town_placement, main_city_placement, postal_town_placement

    # A head that is a place itself, split off at a space ("Peking Union"), is no ward of the
    # words after it: approximated, it was Puyca, the main city of Peru's Unión, "Peking is not in
    # the offline gazetteer"; it is asked back, suggesting Beijing (_known_heads).
    spaced = "," not in text.translate(TO_COMMA)
    # a street is no ward either ("Beckett Street, Sheffield"): the address reads its city (_address)
    # a country's code as the qualifier ("Bretton, UK") by the country's name, as `near UK` reads it
    written = [(head, _country_of_code(qualifiers[0], gazetteer)) for head, qualifiers in readings(text)
               if len(qualifiers) == 1 and _a_state(qualifiers, text) and not (spaced and _lookup(gazetteer, head))
               and not (not spaced and is_street(head))]
    rules: tuple[tuple[Callable[[str, str, Gazetteer], Placement | None], Callable[[str, str, Place], Said]], ...] = (
        (postal_town_placement, lambda head, state, place: _postal_note(head, place.province)),
        (division_town_placement, lambda head, state, place: said("notice.district_largest", head=head,
                                                                      name=_named(place, place.name, gazetteer))),
        (main_city_placement, lambda head, state, place: said("notice.main_city", head=head,
                                                              name=_named(place, place.name, gazetteer), state=state)),
    )
    for placed_by, note in rules:  # each rule over every reading before the next rule
        for head, state in written:
            placement = placed_by(head, state, gazetteer)
            # a county or city written as the state bounds the answer: "Bretton, Peterborough" was
            # the middle of England's Brettons, by Chester, 190 km off
            if placement is not None and placement.place is not None and _in_part(placement.place, state, gazetteer):
                return Resolution(query=query, place=placement.place, notes=(note(head, state, placement.place),))
    for head, state in written:  # "Bretton, Peterborough": a town the gazetteer lacks, at its part's main place
        middles = [middle for code in sorted({code for code, _ in gazetteer.divisions(state)})
                   for middle, _ in gazetteer.part_bounds(state, code)] if gazetteer.is_part(state) else []
        if middles:
            place = max(middles, key=lambda middle: middle.population)
            return Resolution(query=query, place=place, notes=(said(
                "notice.main_city", head=head, name=_named(place, place.name, gazetteer), state=state),))
    return None


# A part's places lie within this share of the distance nine in ten of its people live within of
# its main place, and this much beyond: its towns at its edge, which its people's reach leaves out.
PART_REACH_SHARE = 1.5
PART_MARGIN_KM = 25.0


def _in_part(place: Place, qualifier: str, gazetteer: Gazetteer) -> bool:
    """Whether a place lies within what a qualifier names, when that is a part of a state (a county,
    a district, a city: "Surrey", "Peterborough", "West Yorkshire"), which `divisions` reads as its
    whole state (England): "Newport, Surrey" was the Isle of Wight's Newport. True for any other
    qualifier, and for a part whose extent the gazetteer does not tell."""
    if not gazetteer.is_part(qualifier):
        return True
    code = gazetteer.country_code_of(place.country)
    bounds = gazetteer.part_bounds(qualifier, code) if code else []
    return not bounds or any(
        sphere_km(place.latitude, place.longitude, middle.latitude, middle.longitude)
        <= PART_REACH_SHARE * reach + PART_MARGIN_KM for middle, reach in bounds)


def _state_before_country(regions: set[tuple[str, str]], qualifier: str, gazetteer: Gazetteer) -> set[tuple[str, str]]:
    """A qualifier's regions without the whole country where it names one of the country's states
    too and not by the country's own name: "Northern Ireland" is a state of the United Kingdom, and
    a word of the kingdom's long name; "Mexico" stays the country and its state alike."""
    states = {(code, admin1) for code, admin1 in regions if admin1}
    wide = {code for code, admin1 in regions if not admin1 and any(code == state for state, _ in states)
            and fold(gazetteer.country_name(code)) != fold(qualifier)}
    return {(code, admin1) for code, admin1 in regions if admin1 or code not in wide} if wide else regions


def _country_of_code(qualifier: str, gazetteer: Gazetteer) -> str:
    """A qualifier that is a country's code or abbreviation (countries.read_code: "UK", "USA") as
    that country's name; any other, and an ISO code that is a state's too (CA: California), as
    written: an abbreviation ("UK", "USA") is a country's only (UK is also a province's code)."""
    if len(qualifier) > MAX_CODE_LETTERS + 2 or (
            fold(qualifier) not in ABBREVIATIONS and gazetteer.divisions(qualifier)):
        return qualifier
    reading = read_code(qualifier, gazetteer)
    return reading.country if reading is not None and reading.country else qualifier


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
            # "Saint Louis" and "St Louis" are one name: each spelling's places, so that the one
            # typed never leaves out the namesake GeoNames keeps under the other (St. Louis, Missouri)
            seen = {place.geonameid for place in places}
            for other in other_spellings(form) if form == head else ():
                places = [*places, *(place for place in gazetteer.places(name_key(other)) if place.geonameid not in seen)]
                seen |= {place.geonameid for place in places}
            return places
    for word in LATIN_CITY_WORDS:  # "GuangzhouShi", "Beijing Municipality" written as one word
        if key.endswith(word) and len(key) - len(word) >= 3:
            return gazetteer.places(key[: -len(word)])
    return []


def _within(place: Place, regions: set[tuple[str, str]], gazetteer: Gazetteer) -> bool:
    return any(place.country == gazetteer.country_name(country) and (not admin1 or place.province == admin1)
               for country, admin1 in regions)


def _choose(query: str, head: str, candidates: list[Place], preferred: frozenset[int]) -> Resolution:
    key = name_key(head)
    # A place reached only by a name not its own comes after one whose own name it is, when that one
    # is a city of ABROAD_NOTED people and a real contender (CONTENDER_SHARE of the other's people):
    # Gent is "Kent" by a stray alternate name, Kent, Washington (127,000) is Kent. Canton stays
    # Guangzhou (Canton, Ohio: 70,000 of 13 million), Brunswick Braunschweig (Brunswick, Ohio: 34,000).
    demote = _aliases_demoted(key, candidates)
    # A place reached by a slip of its name comes after a city of that very name: Abadan is Iran's
    # city, never Ibadan (3.6 million), which GeoNames also spells "Abadan"
    slips = _slips_demoted(key, candidates)
    # A city hosting a site wins among places of its name, not over one whose own name the query is:
    # Richmond, Virginia (a site's city, once "Manchester") never beat Manchester, England.
    owned = any(_own_name(p, key) for p in candidates)
    ranked = sorted(candidates, key=lambda p: (p.geonameid not in preferred or owned and not _own_name(p, key),
                                               demote and not _own_name(p, key), slips and _a_slip(p, key),
                                               -p.population, p.geonameid or 0))
    distinct = distinct_places(ranked)
    leader, alternatives = distinct[0], tuple(distinct[1:])
    ambiguous = bool(alternatives) and alternatives[0].population >= CONTENDER_SHARE * leader.population
    notes: tuple[str, ...] = ()
    namesake = next((place for place in alternatives if name_key(place.name) == key), None)
    if not ambiguous and namesake is not None and name_key(leader.name) != key:
        # "Halle": Halle (Saale), as import reads it, but say that a place of exactly that name exists
        gazetteer = open_shipped()  # each named in Chinese in a Chinese notice; what to type, as it reads
        asked = f"{namesake.name}, {namesake.province or namesake.country}"
        notes = (said("notice.far_larger", head=head,
                      used=_named(leader, f"{leader.name}, {leader.province or leader.country}", gazetteer),
                      namesake=_named(namesake, asked, gazetteer), ask=said_asked(namesake, gazetteer, preferred)),)
    return Resolution(query=query, place=leader, alternatives=alternatives, ambiguous=ambiguous, notes=notes)


def _aliases_demoted(key: str, candidates: list[Place]) -> bool:
    """Whether the places `key` reaches only by a name not their own come after those whose own name
    it is (see _choose)."""
    own = [place.population for place in candidates if _own_name(place, key)]
    aliased = [place.population for place in candidates if not _own_name(place, key)]
    return bool(own and aliased) and max(own) >= max(ABROAD_NOTED, CONTENDER_SHARE * max(aliased))


# An alternate name this few letters from the place's own is a spelling slip of it, not a name of
# its own (GeoNames spells Ibadan "Abadan", Pune "Puno", Delhi "Dili", Jakarta "Sakata")
SLIP_LETTERS = 2
# A city this large is what its own name means, before any place reached by a slip of that name,
# however large: Abadan (231,000) is not Ibadan, Valence (63,000) not Valencia, Edinburg (Texas,
# 84,000) not Edinburgh; an exonym of no city so large stays the city it names (Hanover,
# Pennsylvania, 38,000: Hanover is Hannover)
SLIP_CITY_PEOPLE = 50_000


def _slips_demoted(key: str, candidates: list[Place]) -> bool:
    """Whether the places `key` reaches by a slip of their name (_a_slip) come after those whose own
    name it is (see _choose): when one of those is a city of SLIP_CITY_PEOPLE."""
    return any(_own_name(place, key) and place.population >= SLIP_CITY_PEOPLE for place in candidates)


def _a_slip(place: Place, key: str) -> bool:
    """Whether `key` reaches a place only by an alternate name SLIP_LETTERS or fewer from its own,
    measured in one spelling of Saint/St. (placenames.ranking_key), as _own_name compares: "Saint
    John" and "St. John" are both a slip of St. John's, so both answer Saint John, New Brunswick."""
    if _own_name(place, key):
        return False
    from rapidfuzz.distance import Levenshtein  # only for a name both a city's own and another's alias

    return Levenshtein.distance(ranking_key(key), ranking_key(name_key(place.name.split(" (")[0]))) <= SLIP_LETTERS


def _own_name(place: Place, key: str) -> bool:
    """Whether `key` is a name the place is called by (placenames.called_by): its own, in either
    spelling of Saint/St. (Saint Louis is St. Louis, Missouri's), without its bracketed qualifier
    (Halle (Saale)) or the words after its short name (Newcastle upon Tyne is a Newcastle)."""
    return called_by(place.name, key)


# Loose answers (#20). An answer is spelled loosely when the whole query is not the place's own
# name: GeoNames keeps thousands of stray alternate names ("Tongji" for Tonj, South Sudan; "Sinkiang"
# for a village in Shanxi), and a patient in China typing pinyin means China. So a place answered
# by another name than its own, or abroad for a word that reads as pinyin, is said with a notice
# when it is smaller than ABROAD_NOTED (a city that large is what the name usually means: Peking,
# Saigon, Canton); and a town one letter from a big Chinese city's pinyin (Nanjin, Nanjing) says
# "did you mean" that city. Measured over every prefecture's pinyin with a letter dropped or
# changed and 120 small pinyin-spelled places abroad (tests/test_loose.py): none silent.
NEAR_MISS_RATIO = 10  # a city this many times the town's people is what a one-letter slip meant


def loose_notes(resolution: Resolution, text: str, gazetteer: Gazetteer, lang: str | None = None) -> tuple[str, ...]:
    """The notice a loose answer needs (see above), or none."""
    place = resolution.place
    if place.source != "gazetteer" or place.geonameid is None or "," in text.translate(TO_COMMA):
        return ()
    key = name_key(text)
    english = f"{place.label}, {place.country}" if place.country and place.country not in place.label else place.label
    # in Chinese by its Chinese names: abroad with where it is (Hamilton（美国俄亥俄州）), in China with its
    # province (山西天坛: "Tiantan, Shanxi, China" was English inside a Chinese notice)
    label = _named(place, english, gazetteer)
    if has_cjk(key):
        # a Chinese name that is no division (resolve_china answers those) matched a small place
        # GeoNames has of it: 天坛, the Temple of Heaven, was Tiantan, a village in Shanxi
        if resolution.name_zh or place.population >= ABROAD_NOTED:
            return ()
        if gazetteer.country_code_of(place.country) in ("HK", "MO", "TW"):
            return ()  # 铜锣湾, 中环, 太古: Hong Kong's place by a Chinese name of its own, in either script

        sounding = [name for name in gazetteer.same_sounding(key, MAX_NEAR_MISSES) if _a_city_named(name, gazetteer)]
        # then a city one look-alike character off (深川 for 深圳: 川 and 圳 look alike)
        sounding = [*sounding, *(name for name in look_alike_cities(key, gazetteer) if name.split(" (")[0] not in
                                 {each.split(" (")[0] for each in sounding})][:MAX_NEAR_MISSES]
        if sounding:  # 深镇, a town, sounds as 深圳 (shen zhen): the city is what was most likely meant
            return (say("notice.loose.small_chinese_homophone", language_of(lang, text), query=text, place=label,
                        cities=say("error.or", language_of(lang, text)).join(sounding)),)
        return (say("notice.loose.small_chinese", language_of(lang, text), query=text, place=label),)
    if not key.isascii() or not any(place.geonameid == other.geonameid for other in gazetteer.places(key)):
        return ()  # reached by a reading of part of the text (a qualifier), not by the whole as a name
    if resolution.name_zh and own_pinyin(key, gazetteer):
        # a Chinese division found by its own pinyin (Wuchang, 武昌区): china.py ranked its namesakes
        # and named them; no "another name" for its seat, no one-letter city (Xuchang) it is no slip of
        return ()
    own = name_key(place.name) == key or bool(gazetteer.alias_note(text, place.geonameid))
    abroad = gazetteer.country_code_of(place.country) not in CHINA_AREA
    language = language_of(lang, text)
    if place.population < ABROAD_NOTED and not own:
        return (say("notice.loose.another_name", language, query=text, place=label, people=place.population),)
    if place.population < ABROAD_NOTED and abroad and reads_as_pinyin(key, gazetteer):
        return (say("notice.loose.abroad", language, query=text, place=label, people=place.population),)
    missed = _near_misses(key, place, gazetteer, by_alias=not own)
    if missed:
        return (say("notice.loose.near_miss" if own else "notice.loose.near_miss_alias", language, query=text,
                    place=label, people=place.population, cities=say("error.or", language).join(missed)),)
    return ()


MAX_NEAR_MISSES = 3


def _a_city_named(suggestion: str, gazetteer: Gazetteer) -> bool:
    """Whether a suggestion of Gazetteer.same_sounding ("深圳 (Shenzhen, Guangdong)") is a prefecture-
    level city or larger: only those are offered for a small place typed by a homophone."""
    chinese = suggestion.split(" (")[0]
    return gazetteer.has_china() and bool(gazetteer.rows(
        "SELECT 1 FROM cn_division WHERE name IN (?, ?) AND level != 'county' LIMIT 1", (chinese, chinese + "市")))


def told_apart(resolution: Resolution, gazetteer: Gazetteer) -> Resolution:
    """A place named in English as a bigger place of another Chinese name is (深镇, a town of
    Guangdong, is "Shenzhen, Guangdong" as 深圳 is) named with its Chinese name, or as a town: the
    heading "Sites nearest to Shenzhen, Guangdong" read as the city of 13 million."""
    place = resolution.place
    if place.geonameid is None or resolution.name_zh:
        return resolution
    chinese = gazetteer.chinese_name(place.geonameid)
    bigger = [other for other in gazetteer.places(name_key(place.name)) if other.geonameid != place.geonameid
              and other.name == place.name and other.province == place.province and other.country == place.country
              and other.population > place.population
              and (not chinese or not other.geonameid or gazetteer.chinese_name(other.geonameid) != chinese)]
    if not bigger:
        return resolution
    return resolution._replace(place=place._replace(name=f"{place.name} ({chinese or 'town'})"))


def _near_misses(key: str, place: Place, gazetteer: Gazetteer, by_alias: bool) -> list[str]:
    """The Chinese cities (prefectures, province-level cities) whose pinyin is one letter from `key`
    and which are not the place answered, as shown ("Nanjing, Jiangsu"), most populous first: for
    an answer by its own name only those NEAR_MISS_RATIO times its size (Nanjin, a town, is more
    likely Nanjing than Nanjing is a slip for it); for one by another name (`by_alias`: "naning",
    an old spelling of Nanning, is also one letter from Nanjing and Nanping) any."""
    if not gazetteer.has_china() or not key.isalpha() or len(key) < 4:
        return []
    least = 0 if by_alias else NEAR_MISS_RATIO * max(place.population, 1)
    if least > gazetteer.largest_city_people():
        return []  # a city as large as the answer's tenfold does not exist (Guangzhou, Cambridge): no scan
    keys, rows = gazetteer.city_pinyin_keys()
    if not rows:
        return []
    from rapidfuzz import process  # only past that test: near Guangzhou --json never loads it
    from rapidfuzz.distance import Levenshtein

    # C speed over the 1,360 keys: 0.05 ms a call; a Python loop over their rows cost 10-14 ms an answer
    close = process.extract(key, keys, scorer=Levenshtein.distance, score_cutoff=1, limit=None)
    missed: list[str] = []
    for index in sorted(index for found, _, index in close if found != key):
        english, province, latitude, longitude, people = rows[index]
        if people >= least and sphere_km(place.latitude, place.longitude, latitude, longitude) > SAME_PLACE_KM:
            shown = place_words(english, province)
            if shown not in missed:
                missed.append(shown)
    return missed[:MAX_NEAR_MISSES]


def reads_as_pinyin(key: str, gazetteer: Gazetteer) -> bool:
    """Whether folded Latin letters split into pinyin syllables (the readings of the gazetteer's
    `pinyin` table): "tongji" (tong ji), "puren" (pu ren), not "tonj" or "cambridge"."""
    if not key.isascii() or not key.isalpha() or not gazetteer.has_china():
        return False
    syllables = gazetteer.pinyin_syllables()
    reachable = [True] + [False] * len(key)  # reachable[i]: key[:i] splits into syllables
    for end in range(1, len(key) + 1):
        reachable[end] = any(reachable[start] and key[start:end] in syllables
                             for start in range(max(0, end - MAX_SYLLABLE_LETTERS), end))
    return reachable[-1]


# A postal address on one line: "No. 8 Zhongshan Avenue West, Tianhe District, Guangzhou,
# Guangdong, China", "1600 Pennsylvania Ave NW, Washington, DC 20500". The street and number, the
# postcode and the facility are no place; the address is read from its most specific part that
# answers with the next part as its qualifier (or alone) and lies in the later parts' state and
# country, as a registry's location is (placement.py). Chinese addresses written in characters
# are read as a chain of divisions (china.py) before this.
MIN_ADDRESS_PARTS = 3
# A postcode after a part ("DC 20500", "SW1A 1AA", China's six digits "Beijing 100022"), or before
# it as Europe writes it ("100022 Beijing", "75008 Paris").
_POSTCODE = re.compile(r"\b(?=[A-Z0-9 -]*\d)[A-Z0-9]{2,6}(?:[ -][A-Z0-9]{3,4})?$")
_POSTCODE_FIRST = re.compile(r"^\d[\d -]{2,8}\d\s+(?=\D)")
_STATE_DASH = r"\s+[-–]\s+(?=[A-Z]{2,3}$)"  # "São Paulo - SP", "Curitiba – PR"


def _address(query: str, text: str, gazetteer: Gazetteer, preferred: frozenset[int],
             lang: str | None) -> Resolution | None:
    # "São Paulo - SP": a city and its state's code, as Brazil writes them, are two parts
    parts = [piece.strip() for part in text.translate(TO_COMMA).split(",") for piece in compiled(_STATE_DASH).split(part)
             if piece.strip()]
    cleaned = [_without_postcode(part) for part in parts]
    # Two parts, the first a street or a facility ("1 Main St, Springfield", "Rue X, Lyon", "MD
    # Anderson, Houston"): the city alone is the place, as after a street and a state
    street = len(parts) == 2 and _not_a_place(parts[0], gazetteer)
    kept = [part for index, part in enumerate(cleaned)
            if part and not any(ch.isdigit() for ch in part) and not (street and index == 0)]
    # Largest unit first ("Canada, Ontario, Cambridge, 1 Main St", "Ontario, Cambridge", as a Chinese
    # address is ordered): read from its end as the English order is from its start, so that the
    # deepest part is read within every larger one (Cambridge, Ontario; not Cambridge, England)
    backwards = bool(_largest_first(", ".join(kept), gazetteer))
    if len(parts) < MIN_ADDRESS_PARTS and not backwards and not street:
        return None
    ordered = kept[::-1] if backwards else kept
    # the last part a country, or a state its name is too ("Boston, MA": Massachusetts, not Morocco)
    countries = gazetteer.divisions(ordered[-1]) if ordered and gazetteer.country_codes(ordered[-1]) else set()
    later = ordered[:-1] if countries else ordered
    # two parts, largest first, answer by the deepest or not at all: "Shanghai, Nanjing" is two
    # cities (asked back), never Shanghai "read as an address"
    for index, part in enumerate(later if len(parts) >= MIN_ADDRESS_PARTS else later[:1]):
        for pair in (later[index:index + 2], [part]):
            written = ", ".join(pair)
            # read within the country the address ends with: "Bela Vista, Brasil", never Bela Vista
            # alone (Catchiungo, Angola, by another name) set aside and nothing found in Brazil
            bounded = f"{written}, {ordered[-1]}" if countries and written != ordered[-1] else written
            try:
                # its notices name what was read ("Chaoyang District is also..."), not the whole address
                found = _resolve_text(written, bounded, gazetteer, preferred, lang)
            except SitefinderError:
                continue
            if found.place.source == "coordinates" or not _consistent(found.place, later[index + 1:], countries, gazetteer):
                continue
            typed = ", ".join(pair[::-1]) if backwards else written  # quoted as it was typed
            note = said("notice.address", text=quoted(text), part=quoted(typed),
                        place=_named(found.place, found.place.label, gazetteer))
            return found._replace(query=query, read=typed, notes=(*found.notes, note))
    return None


def _not_a_place(part: str, gazetteer: Gazetteer) -> bool:
    """Whether an address part is a street (placenames.is_street: a number, "Beckett Street", "Rue
    X", "Ismaninger Str.") or a facility: a name of an institution ("General Hospital"), or of
    several words that no place, state or postal locality of the gazetteer bears ("MD Anderson").
    One unknown word is no facility: a misspelt place ("Cambrdge") keeps its suggestions."""
    if is_street(part) or names_a_facility(part):
        return True
    return len(part.split()) > 1 and not has_cjk(part) and not _lookup(gazetteer, part) \
        and not gazetteer.divisions(part) and not _postal_localities_alone(part, gazetteer)


def _largest_first(text: str, gazetteer: Gazetteer) -> str:
    """A Latin text of comma-separated parts written largest unit first ("Ontario, Cambridge"), its
    first part a country or state and its last none, with its parts in the English order
    ("Cambridge, Ontario"); "" for any other text. THE rule of the reverse order, the address's too."""
    parts = [part.strip() for part in text.translate(TO_COMMA).split(",") if part.strip()]
    if len(parts) < 2 or has_cjk(text) or not _outer(parts[0], gazetteer) or _outer(parts[-1], gazetteer):
        return ""
    return ", ".join(parts[::-1])


def _outer(part: str, gazetteer: Gazetteer) -> bool:
    """Whether an address part names a country or a first-level division (state, province): what
    the end an address's largest units are written at holds."""
    return bool(gazetteer.regions(part))


# A postcode after the words of a part, in the formats countries write: the UK's (OX3 9DU, SW1A 1AA),
# Canada's (M5G 1X8), the Netherlands' (1012 AB), Brazil's and Japan's (01310-100, 104-0045), and
# digits (Beijing 100022, Paris 75008, Melbourne VIC 3000, MA 02114-2696); or before them (050000
# Shijiazhuang). Digits alone (a ZIP code, a street's number) are no postcode after a place.
_CODE_AFTER = re.compile(r"(?<=[^\W\d_])\s+(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d|\d{4}\s?[A-Z]{2}"
                         r"|\d{3,5}-\d{3,4}|\d{4,6})$", re.IGNORECASE)
_CODE_BEFORE = re.compile(r"^\d{4,6}\s+")


def _postcodes_dropped(text: str) -> str:
    """A Latin address without its postcodes ("Chaoyang District, Beijing 100022", "Xinhua
    District, 050000 Shijiazhuang", "Oxford OX3 9DU", "Sydney NSW 2000, Australia"): a code is no
    place, and read with its city it hid the city that pins the district ("88 Jianguo Road,
    Chaoyang, Beijing 100022" was Liaoning's Chaoyang) or was read as a place whose region is the
    city ("Oxford OX3 9DU": Woodstock, the main city of Oxford County, Ontario). The first part
    keeps digits written before its words (a street's number)."""
    if has_cjk(text):  # Chinese characters: china.py reads their postcodes (Xi’an is Latin)
        return text
    first, *rest = text.split(",")
    kept = [_CODE_BEFORE.sub("", _CODE_AFTER.sub("", part.strip())) for part in rest]
    kept = [part for part in kept if part and not part.isdigit()]
    shown = [_CODE_AFTER.sub("", first.strip()), *kept]
    return ", ".join(shown) if shown != [part.strip() for part in (first, *rest)] else text


def _without_postcode(part: str) -> str:
    """An address part without its postcode ("DC 20500" → "DC", "Guangdong 510060" → "Guangdong")."""
    if part.replace(" ", "").replace("-", "").isdigit():
        return ""
    part = _POSTCODE_FIRST.sub("", part)
    return _POSTCODE.sub("", part).strip() if any(ch.isalpha() for ch in part.split()[0]) else part


def _consistent(place: Place, after: list[str], countries: set[tuple[str, str]], gazetteer: Gazetteer) -> bool:
    """Whether a place lies in the country an address ends with (or the state that name is too:
    `countries`, (code, admin1) rows) and in every later part that is a state of that country."""
    code = gazetteer.country_code_of(place.country)
    if countries and not _within(place, countries, gazetteer) and not (code in CHINA_AREA and ("CN", "") in countries):
        return False
    for part in after:
        states = {(country, admin1) for country, admin1 in gazetteer.divisions(part) if country == code and admin1}
        if states and not _within(place, states, gazetteer):
            return False
    return True
