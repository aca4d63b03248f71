"""What a country or region typed to a filter means, and which country or region a site is in.

One rule for `list --country`, `import --country`, `--province` naming Hong Kong, Macau or Taiwan,
and `near`'s answer for a country or region (`near China`, `near "Hong Kong SAR"`):

- A site is in the country or region where it lies, by ISO 3166 code as GeoNames keeps them: its
  registry country ("China" is CN, "Hong Kong" HK, "Taiwan" TW), unless its state or city names a
  region that GeoNames keeps apart and the registry may write under its country ("Hong Kong,
  China": HK; "San Juan, Puerto Rico, United States": PR; Taiwan written under China: TW).
- A name typed means its own country or region only: "China" (中国, PRC, Mainland China) the
  mainland, CN; "Hong Kong" (香港, Hong Kong SAR) HK; "Macau" MO; "Taiwan" (臺灣) TW; "United
  States" US, not Puerto Rico. ClinicalTrials.gov files Hong Kong, Macau and Taiwan as countries of
  their own, so `--country China` is the sites it files under China.
- An unknown name is a usage error with the names it is closest to (Chian: did you mean China?);
  a name of two countries ("Korea") is read as the one registries mean, and said so.

The gazetteer's country names hold the parts with their country ("China" → CN, HK, MO), because a
registry's "Hong Kong, China" must be placed in Hong Kong; this module reads them as the country
alone.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, NamedTuple

from sitefinder.regions import CHINA_AREA, display_region
from sitefinder.text import name_key, quoted

if TYPE_CHECKING:
    from sitefinder.gazetteer import Gazetteer
    from sitefinder.models import Site
    from sitefinder.wording import Said

# Places GeoNames keeps as countries of their own but the registry writes under the country they
# belong to ("Saint-Pierre, France" is in Réunion; "Hong Kong, China"). The gazetteer build files
# each country's names under its parts too (scripts/build_gazetteer.py); a filter reads them apart.
COUNTRY_PARTS: dict[str, tuple[str, ...]] = {
    "FR": ("RE", "GP", "MQ", "GF", "YT", "PM", "BL", "MF", "NC", "PF", "WF"),
    "US": ("PR", "GU", "VI", "AS", "MP"),
    "CN": ("HK", "MO"),
    "NL": ("AW", "CW", "SX", "BQ"),
    "GB": ("GG", "JE", "IM"),
    "DK": ("FO", "GL"),
}
# Taiwan is no part of any country in the table above (GeoNames and ISO 3166 keep it apart); a row
# that writes it under China is still a site in Taiwan, as regions.PROVINCES names it.
_WRITTEN_UNDER = {"CN": ("TW",)}

# Official and common names the gazetteer's country table lacks, each for exactly one code.
# "Republic of China" and 中華民國 are Taiwan's official name, as "ROC" is read by the resolver;
# "Chinese Taipei" the name Taiwan takes part under in international bodies.
OTHER_NAMES: dict[str, str] = {
    "Republic of Korea": "KR", "Korea (South)": "KR", "Korea South": "KR", "大韩民国": "KR", "大韓民國": "KR",
    "Democratic People's Republic of Korea": "KP", "DPRK": "KP", "Korea (North)": "KP", "朝鲜": "KP",
    "Republic of China": "TW", "中華民國": "TW", "中华民国": "TW", "ROC": "TW", "Chinese Taipei": "TW",
    "中華臺北": "TW", "中华台北": "TW",
    "Hong Kong, China": "HK", "Hong Kong SAR, China": "HK", "中国香港": "HK", "中國香港": "HK",
    "Macao, China": "MO", "Macau, China": "MO", "中国澳门": "MO", "中國澳門": "MO",
    "香港特区": "HK", "香港特區": "HK", "澳门特区": "MO", "澳門特區": "MO",  # 特区: short for 特别行政区
    "中国台湾": "TW", "中國臺灣": "TW", "中國台灣": "TW",  # as 中国香港 is written: the region, not China
    "Holland": "NL", "Republic of Ireland": "IE",
}
# A name of two countries, read as the one the registry's rows of that name mean, with a notice:
# registries write South Korea as "Korea, Republic of" and no trial of theirs is in North Korea.
GUESSES: dict[str, tuple[str, str]] = {"Korea": ("KR", "KP"), "韩国朝鲜": ("KR", "KP")}


class Area(NamedTuple):
    """A country or region a filter names: its ISO codes, the name sitefinder shows, and what was guessed."""

    codes: frozenset[str]
    name: str
    notes: tuple[Said, ...] = ()


@functools.lru_cache(maxsize=1)
def _other_names() -> dict[str, str]:
    return {name_key(name): code for name, code in OTHER_NAMES.items()}


@functools.lru_cache(maxsize=1)
def _guesses() -> dict[str, tuple[str, str]]:
    return {name_key(name): codes for name, codes in GUESSES.items()}


def _parts(codes: frozenset[str]) -> frozenset[str]:
    return frozenset(part for code in codes for part in COUNTRY_PARTS.get(code, ()))


def written_codes(text: str, gazetteer: Gazetteer) -> frozenset[str]:
    """Every code a country name is written for, parts included ("China" → CN, HK, MO), as a
    registry's row is placed; empty for a name no table knows."""
    if not text.strip():
        return frozenset()
    other = _other_names().get(name_key(text))
    return frozenset([other]) if other else frozenset(gazetteer.country_codes(text))


def own_codes(codes: frozenset[str]) -> frozenset[str]:
    """The countries themselves among the codes a name is written for: China's without Hong Kong
    and Macau, the United States' without Puerto Rico."""
    return (codes - _parts(codes)) or codes


def area_named(text: str, gazetteer: Gazetteer) -> Area:
    """The country or region a `--country` value names, or a usage error with the closest names."""
    from sitefinder.errors import UsageError
    from sitefinder.wording import said

    text = country_meant(text, gazetteer)  # a code as its country's name: "HK" is Hong Kong, "FRA" France
    codes = own_codes(written_codes(text, gazetteer))
    if codes:
        return Area(codes, area_name(codes, gazetteer))
    area = other_area(text, gazetteer)
    if area is not None:
        return area
    # each in the answer's language (德国 或 根西岛 on a Chinese screen; --country reads either)
    close = [said("name.either", en=name, zh=next((zh for code in sorted(own_codes(written_codes(name, gazetteer)))
                                                   if (zh := gazetteer.country_name_zh(code))), name))
             for name in close_country_names(text, gazetteer)]  # 中国 is China's own, not Hong Kong's
    hint = said("usage.province_meant", names=tuple(close)) if close else said("usage.country_example")
    raise UsageError(key="usage.unknown_country", query=quoted(text), hint=hint)


def other_area(text: str, gazetteer: Gazetteer) -> Area | None:
    """The country or region a name of this module's own tables means (OTHER_NAMES: "Republic of
    China", "Chinese Taipei"; GUESSES: "Korea", with its notice), None for any other: the names the
    gazetteer's tables lack, read by `near` (resolver) as by --country."""
    from sitefinder.wording import said

    other = _other_names().get(name_key(text)) or _part_of(text, gazetteer)
    if other:
        return Area(frozenset([other]), area_name(frozenset([other]), gazetteer))
    guess = _guesses().get(name_key(text))
    if guess is None:
        return None
    chosen, unchosen = guess
    name = area_name(frozenset([chosen]), gazetteer)
    note = said("notice.country_guess", query=text, country=name, other=area_name(frozenset([unchosen]), gazetteer))
    return Area(frozenset([chosen]), name, (note,))


def _part_of(text: str, gazetteer: Gazetteer) -> str:
    """The code of a part written after its country ("HK, China", "Taiwan, China", "Puerto Rico,
    USA": a name or code of the part, then of the country it is kept under), else ""."""
    part, comma, whole = text.rpartition(",")
    if not comma or not part.strip() or "," in part:
        return ""
    named = own_codes(written_codes(country_meant(part.strip(), gazetteer), gazetteer))
    wholes = own_codes(written_codes(country_meant(whole.strip(), gazetteer), gazetteer))
    kept = {code for country in wholes for code in (*COUNTRY_PARTS.get(country, ()), *_WRITTEN_UNDER.get(country, ()))}
    return next(iter(named)) if len(named) == 1 and named <= kept else ""


def area_name(codes: frozenset[str], gazetteer: Gazetteer) -> str:
    """The name sitefinder shows for a country or region: the gazetteer's, Hong Kong, Macau and
    Taiwan as regions.PROVINCES names them ("Macau", not GeoNames' "Macao")."""
    return " / ".join(display_region(gazetteer.country_name(code)) for code in sorted(codes))


def close_country_names(text: str, gazetteer: Gazetteer, limit: int = 3) -> list[str]:
    """The country names closest to a mistyped one ("Chian" → China), best first; only on the error path."""
    from rapidfuzz import fuzz, process

    from sitefinder.text import close_score, has_cjk

    known = [*gazetteer.country_names(), *OTHER_NAMES, *GUESSES]
    if has_cjk(text):  # 中过: the countries' Chinese names too (the gazetteer's names are Latin)
        # the names --country reads: a suggestion is typed back
        known += [gazetteer.region_table_name_zh(gazetteer.country_code_of(name)) for name in gazetteer.country_names()]
    names = {name_key(name): name for name in known if name and name.isascii() == text.isascii()}
    matches = process.extract(name_key(text), list(names), scorer=fuzz.ratio, limit=limit,
                              score_cutoff=close_score(text, 70))
    return list(dict.fromkeys(names[key] for key, _, _ in matches))


def site_area(country: str, province: str, city: str, gazetteer: Gazetteer) -> str:
    """The ISO code of the country or region a site lies in, from its registry country, state and
    city as the sites file stores them; "" for a country no table knows."""
    return _site_area(country, province, city, gazetteer)


# One entry per distinct (country, state, city): a 100k-row file names 12,307, worked out in 0.34 s
# in all (27 us each, measured under load), once, when its index is built.
@functools.lru_cache(maxsize=20_000)
def _site_area(country: str, province: str, city: str, gazetteer: Gazetteer) -> str:
    written = written_codes(country, gazetteer)
    if not written:
        return ""
    own = own_codes(written)
    apart = (written - own) | frozenset(code for code in own for code in _WRITTEN_UNDER.get(code, ()))
    for text in (province, city):
        if apart and text:
            named = own_codes(written_codes(text, gazetteer)) & apart
            if len(named) == 1:
                return next(iter(named))
    return min(own)


def in_area(site: Site, codes: frozenset[str], gazetteer: Gazetteer) -> bool:
    """Whether a site lies in one of the countries or regions `codes`: the one test of membership."""
    return site_area(site.country, site.province, site.city, gazetteer) in codes


# A site's province or state, the one rule for what is shown (queries.chinese_names) and what
# --province, `near <province>` and the index's region column keep (sitestore), as a key:
# "CN/Zhejiang" (ISO code / the gazetteer's admin1 name), "HK/" for Hong Kong, Macau and Taiwan
# (no province of their own: the whole region, as countries.site_area finds it), else the folded
# registry state ("" for none) of a region no table knows. In order:
# 1. the placed city (the site's GeoNames id): the site is ranked from that city's point and named
#    by it, so a registry state that contradicts it (Hangzhou written in "Jiangsu") gives way to it
#    (placement read the state already, and placed the city where the state let it);
# 2. the registry state, read in any language or form within the site's country ("Bayern" and
#    "Bavaria", "浙江省" and "Zhejiang", "Beijing Municipality" and 北京 are one region);
# 3. a registry city near the registry's point (within SAME_PLACE_KM): "Munich" with no state
#    is in Bavaria; else a registry city that is itself a division of the country (a city
#    "Gyeonggi-do"). Only when the state says nothing the tables know;
# 4. else the folded state, as a region no table knows; but a state that names a country
#    ("Republic of Korea" as a Korean site's state) is no region at all: "" (none), so that a
#    country is never a province a site is shown, filtered or counted under.
REGION_POINT_DEGREES = 1  # a point is compared rounded to 0.1°: one lookup per city, not per site


def site_region(country: str, state: str, city: str, geonameid: int | None, latitude: float | None,
                longitude: float | None, gazetteer: Gazetteer) -> str:
    """The region key of a site (the rule above) from its fields as the sites file stores them."""
    written = written_region(country, state, city, geonameid, gazetteer)
    if written is not None:
        return written
    return pointed_region(country, state, city, latitude, longitude, gazetteer)


def pointed_region(country: str, state: str, city: str, latitude: float | None, longitude: float | None,
                   gazetteer: Gazetteer) -> str:
    """Step 3 of the rule, for a site whose written_region is None."""
    point = (round(latitude, REGION_POINT_DEGREES), round(longitude, REGION_POINT_DEGREES)) \
        if latitude is not None and longitude is not None else None
    return _city_region(country, state, city, point, gazetteer)


def region_of(site: Site, gazetteer: Gazetteer) -> str:
    """site_region of a Site."""
    return site_region(site.country, site.province, site.city, site.geonameid, site.latitude, site.longitude,
                       gazetteer)


def division_of(site: Site, gazetteer: Gazetteer) -> tuple[str, str]:
    """region_of a Site as (ISO code, the gazetteer's admin1 name): ("CN", "Zhejiang"), ("HK", "")
    for Hong Kong, Macau and Taiwan; ("", "") for a region no table knows."""
    code, slash, admin1 = region_of(site, gazetteer).partition("/")
    return (code, admin1) if slash else ("", "")


# One entry per distinct row place: a 100k-row file names about 12k (country, state, city)
@functools.lru_cache(maxsize=50_000)
def written_region(country: str, state: str, city: str, geonameid: int | None, gazetteer: Gazetteer) -> str | None:
    """Steps 1 and 2 of the rule, and the answer when step 3 cannot apply; None when the registry's
    point decides (step 3: a city and no state the tables know). Apart from the point, so that the
    rows of one place, each at its own point, are worked out once (an index build: 100k rows)."""

    area = site_area(country, state, city, gazetteer)
    if area in CHINA_AREA and area != "CN":
        return f"{area}/"
    place = gazetteer.place_by_id(geonameid) if geonameid else None
    if place is not None and place.province:
        return f"{gazetteer.country_code_of(place.country) or area}/{place.province}"
    named = {f"{code}/{admin1}" for code, admin1 in gazetteer.divisions(state) if admin1 and code == area} \
        if state and area else set()
    if len(named) == 1:
        return named.pop()
    return None if city and area else _unknown_region(state, gazetteer)


def _unknown_region(state: str, gazetteer: Gazetteer) -> str:
    """Step 4: the folded state, "" for a state that names a country (a registry's junk state)."""
    from sitefinder.text import fold

    return "" if written_codes(state, gazetteer) else fold(state)


@functools.lru_cache(maxsize=50_000)
def _city_region(country: str, state: str, city: str, point: tuple[float, float] | None, gazetteer: Gazetteer) -> str:
    """Step 3: the province of the place of the registry city's name nearest the registry's point,
    within SAME_PLACE_KM, else the division the city names; else step 4."""
    from sitefinder.distance import SAME_PLACE_KM, sphere_km

    area = site_area(country, state, city, gazetteer)
    if point is not None:
        near = sorted((sphere_km(*point, found.latitude, found.longitude), found.province)
                      for found in gazetteer.places(name_key(city))
                      if found.province and gazetteer.country_code_of(found.country) == area)
        if near and near[0][0] <= SAME_PLACE_KM:
            return f"{area}/{near[0][1]}"
    divisions = {f"{code}/{admin1}" for code, admin1 in gazetteer.divisions(city) if admin1 and code == area}
    if len(divisions) == 1:
        return divisions.pop()
    return _unknown_region(state, gazetteer)


def regions_named(text: str, gazetteer: Gazetteer | None = None) -> frozenset[str]:
    """The region keys (site_region's) a province or state name means: each first-level region the
    gazetteer names so ("Georgia": the US state; "Bayern": Bavaria; "Hong Kong": the region; "CA":
    California, not Andalusia by Cádiz's code nor Sardinia by Cagliari's), else each region a part
    of which is named so ("Roma", "RM": Latium), and the text itself for a site whose state no
    table knows. A province of China's table needs no gazetteer (`list --province Shandong` of a
    large file's index opens none)."""
    from sitefinder.regions import find_province
    from sitefinder.text import fold

    province = find_province(text)
    if province is not None:
        return frozenset([f"{province.country}/{province.name if province.country == 'CN' else ''}"])
    if gazetteer is None:
        from sitefinder.gazetteer import open_shipped

        gazetteer = open_shipped()
    def keys(rows: set[tuple[str, str]]) -> set[str]:  # a region: a first-level division, or HK/MO/TW
        return {f"{code}/{admin1}" for code, admin1 in rows if admin1 or code in CHINA_AREA}

    return frozenset((keys(gazetteer.regions(text)) or keys(gazetteer.divisions(text))) | {fold(text)})


# Abbreviations of countries and unions typed alone, which no ISO code or GeoNames name spells
# ("UAE" is ARE; "EU" is no country): None for a union of countries, no place to measure from.
ABBREVIATIONS: dict[str, str | None] = {"uae": "AE", "uk": "GB", "usa": "US", "us": "US", "prc": "CN",
                                        "roc": "TW", "eu": None}

class CodeReading(NamedTuple):
    """What a code typed alone means (read_code): the country it is the code of (ISO alpha-2, and the
    gazetteer's name for it; "" for a union), and the Chinese places its letters are the pinyin
    initials of (china.places_of_initials: BJ 北京), which make it mean two things."""

    typed: str
    code: str
    country: str
    initials: tuple[str, ...] = ()


def read_code(text: str, gazetteer: Gazetteer) -> CodeReading | None:
    """A country's code or abbreviation typed alone, or None for any other text. The one place that
    reads one, for near, map, list --country and import --country alike.

    A code is written in capitals ("Bo" is Bo, Sierra Leone, "BO" Bolivia): two that are an ISO 3166
    alpha-2 code ("HK", "DE"), three that are an alpha-3 one ("HKG", "DEU": the region table's names
    of a whole country; of a country and its parts, "FRA" for France and its overseas, the one whose
    name means them all), or an abbreviation of ABBREVIATIONS ("UK", "USA", "U.S.", "EU"). A code
    means what its country's name means (`near HK` is `near "Hong Kong"`, `near TW` `near Taiwan`):
    the caller reads the name. Read loosely, "UK" was Uk in Irkutsk, "US" Us in Île-de-France, each
    silently. `initials` are set for a code of a country outside China's area whose letters are also
    the pinyin initials of a Chinese province or big city (BJ, SZ, CD): HK, MO and TW name the
    region a Chinese patient means by them too."""
    if not text.isascii() or "," in text or len(text) > 6:
        return None
    key = name_key(text)
    if key in ABBREVIATIONS:
        code = ABBREVIATIONS[key] or ""
        return CodeReading(text, code, _country_named(code, gazetteer) if code else "")
    if not text.isupper() or not key.isalpha():
        return None
    code = key.upper() if len(key) == 2 else _alpha3(key, gazetteer) if len(key) == 3 else ""
    if not code or gazetteer.country_name(code) == code:
        return None
    from sitefinder.china import places_of_initials  # china.py only for a code typed alone

    initials = () if code in CHINA_AREA else tuple(places_of_initials(key, gazetteer))
    return CodeReading(text, code, _country_named(code, gazetteer), initials)


def _country_named(code: str, gazetteer: Gazetteer) -> str:
    """A country's name as sitefinder shows it: GeoNames' ("Germany"), a region of China as the
    region ("Macau", not "Macao")."""
    return display_region(gazetteer.country_name(code).strip())  # GeoNames writes "Bonaire, Saint Eustatius and Saba "


def _alpha3(key: str, gazetteer: Gazetteer) -> str:
    """The country an alpha-3 code (folded) names: of the whole countries the region table gives for
    it, the one whose own name means them all ("fra": France, with Réunion and the rest), else ""."""
    whole = {country for country, admin1 in gazetteer.regions(key) if not admin1}
    return next((code for code in sorted(whole) if gazetteer.country_codes(gazetteer.country_name(code)) == whole), "")


def country_meant(text: str, gazetteer: Gazetteer) -> str:
    """The country name a --country value means: a code's country's name ("HK" → "Hong Kong"), else the text."""
    reading = read_code(text, gazetteer)
    return reading.country if reading is not None and reading.country else text


def region_name(site: Site, gazetteer: Gazetteer) -> str:
    """The name of the province or state a site is kept under (region_of), as its table cell says
    it: the registry's state where it names that region ("Bayern"), else the gazetteer's admin1 name
    ("Seoul" for a Seoul site whose state is "Gangnam-gu" or "Republic of Korea"); a region outside
    the mainland by the registry's own word, else its name; the registry's state for a region no
    table knows; "" for none."""
    return region_named(region_of(site, gazetteer), site.province, gazetteer)


def region_named(key: str, state: str, gazetteer: Gazetteer) -> str:
    """region_name from a site's region key (site_region) and registry state: an index build has
    these, not a Site."""
    code, slash, admin1 = key.partition("/")
    if not slash:
        return state if code else ""
    if not admin1:
        return state or area_name(frozenset([code]), gazetteer)
    return state if _writes_region(state, key, gazetteer) else admin1


def shown_region(site: Site, gazetteer: Gazetteer) -> str:
    """The one province or state a site is shown under: its table cell, `list`'s sort key and the
    `province` of JSON and CSV (README, Output contract); region_name in its short word ("Guangxi",
    not the registry's "Guangxi Zhuang Autonomous Region"), as --province matches it."""
    return shown_region_named(region_of(site, gazetteer), site.province, gazetteer)


def shown_province(site: Site) -> str:
    """shown_region by the shipped gazetteer, "" for none: the `province` of JSON and CSV, so that
    they say what the table shows (the registry's own text beside it, `province_registry`). The
    output asks this rule, as it asks status.effective_status, and never opens the gazetteer itself."""
    from sitefinder.gazetteer import open_shipped

    return shown_region(site, open_shipped())


@functools.lru_cache(maxsize=20_000)
def shown_region_named(key: str, state: str, gazetteer: Gazetteer) -> str:
    """shown_region from a region key and registry state (for an index build: no Site there)."""
    from sitefinder.regions import short_province

    return short_province(region_named(key, state, gazetteer))


@functools.lru_cache(maxsize=20_000)
def _writes_region(state: str, key: str, gazetteer: Gazetteer) -> bool:
    """Whether a registry's state is a name of the region key ("Bayern" of DE/Bavaria, "Busan" of
    KR/Busan-gwangyeoksi): the registry's own word is then shown, as people write it."""
    code, _, admin1 = key.partition("/")
    # a name of the region itself, not of a part of it: a site in "Surrey" (Cambridgeshire, "London,
    # City Of", Italy's "AR") is shown under England (Tuscany), as the state's other sites are
    return bool(state) and (code, admin1) in gazetteer.regions(state)


def area_of_site(site: Site, gazetteer: Gazetteer) -> str:
    """The name of the country or region a site lies in (site_area), one name however the registry
    writes it ("Korea, Republic of" and "South Korea" are South Korea); the registry's for one no
    table knows."""
    code = site_area(site.country, site.province, site.city, gazetteer)
    return area_name(frozenset([code]), gazetteer) if code else site.country
