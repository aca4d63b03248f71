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

    from sitefinder.resolver import country_meant

    text = country_meant(text, gazetteer)  # a code as its country's name: "HK" is Hong Kong, "FRA" France
    codes = own_codes(written_codes(text, gazetteer))
    if codes:
        return Area(codes, area_name(codes, gazetteer))
    guess = _guesses().get(name_key(text))
    if guess is not None:
        chosen, other = guess
        name = area_name(frozenset([chosen]), gazetteer)
        note = said("notice.country_guess", query=text, country=name, other=area_name(frozenset([other]), gazetteer))
        return Area(frozenset([chosen]), name, (note,))
    close = close_country_names(text, gazetteer)
    hint = said("usage.province_meant", names=tuple(close)) if close else said("usage.country_example")
    raise UsageError(key="usage.unknown_country", query=quoted(text), hint=hint)


def area_name(codes: frozenset[str], gazetteer: Gazetteer) -> str:
    """The name sitefinder shows for a country or region: the gazetteer's, Hong Kong, Macau and
    Taiwan as regions.PROVINCES names them ("Macau", not GeoNames' "Macao")."""
    from sitefinder.regions import display_region

    return " / ".join(display_region(gazetteer.country_name(code)) for code in sorted(codes))


def close_country_names(text: str, gazetteer: Gazetteer, limit: int = 3) -> list[str]:
    """The country names closest to a mistyped one ("Chian" → China), best first; only on the error path."""
    from rapidfuzz import fuzz, process

    names = {name_key(name): name for name in (*gazetteer.country_names(), *OTHER_NAMES, *GUESSES)
             if name.isascii() == text.isascii()}
    matches = process.extract(name_key(text), list(names), scorer=fuzz.ratio, limit=limit, score_cutoff=70)
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
