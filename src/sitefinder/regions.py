"""China's provincial-level divisions, and matching what people type against them.

This table serves both the data build (mapping GeoNames admin1 codes to names) and the
`--province` option at run time. The admin1 codes are GeoNames' codes for China (CN.xx); the
build script checks each against the province's capital.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import NamedTuple

from sitefinder.text import fold, has_cjk, name_key, quoted


class Province(NamedTuple):
    name: str  # the English name sitefinder shows
    chinese: str  # simplified Chinese, without 省/市/自治区
    country: str  # ISO 3166 code: CN, or HK/MO/TW, which GeoNames keeps as countries
    admin1: str  # GeoNames admin1 code within `country` ("" for HK, MO, TW)
    capital: str  # GeoNames name of the capital, used by the data build to check `admin1`
    aliases: tuple[str, ...] = ()


PROVINCES: tuple[Province, ...] = (
    Province("Anhui", "安徽", "CN", "01", "Hefei"),
    Province("Beijing", "北京", "CN", "22", "Beijing", ("Peking",)),
    Province("Chongqing", "重庆", "CN", "33", "Chongqing", ("重慶",)),
    Province("Fujian", "福建", "CN", "07", "Fuzhou"),
    Province("Gansu", "甘肃", "CN", "15", "Lanzhou", ("甘肅",)),
    Province("Guangdong", "广东", "CN", "30", "Guangzhou", ("廣東", "Kwangtung")),
    Province("Guangxi", "广西", "CN", "16", "Nanning", ("廣西", "广西壮族", "廣西壯族", "Guangxi Zhuang")),
    Province("Guizhou", "贵州", "CN", "18", "Guiyang", ("貴州",)),
    Province("Hainan", "海南", "CN", "31", "Haikou"),
    Province("Hebei", "河北", "CN", "10", "Shijiazhuang"),
    Province("Heilongjiang", "黑龙江", "CN", "08", "Harbin", ("黑龍江",)),
    Province("Henan", "河南", "CN", "09", "Zhengzhou"),
    Province("Hubei", "湖北", "CN", "12", "Wuhan"),
    Province("Hunan", "湖南", "CN", "11", "Changsha"),
    Province("Inner Mongolia", "内蒙古", "CN", "20", "Hohhot", ("內蒙古", "内蒙", "內蒙", "Nei Mongol", "Nei Menggu", "Neimenggu")),
    Province("Jiangsu", "江苏", "CN", "04", "Nanjing", ("江蘇",)),
    Province("Jiangxi", "江西", "CN", "03", "Nanchang"),
    Province("Jilin", "吉林", "CN", "05", "Changchun"),
    Province("Liaoning", "辽宁", "CN", "19", "Shenyang", ("遼寧",)),
    Province("Ningxia", "宁夏", "CN", "21", "Yinchuan", ("寧夏", "宁夏回族", "寧夏回族", "Ningxia Hui")),
    Province("Qinghai", "青海", "CN", "06", "Xining"),
    # Shaanxi (陕西, capital Xi'an) and Shanxi (山西, capital Taiyuan) are different provinces.
    Province("Shaanxi", "陕西", "CN", "26", "Xi'an", ("陝西",)),
    Province("Shandong", "山东", "CN", "25", "Jinan", ("山東",)),
    Province("Shanghai", "上海", "CN", "23", "Shanghai"),
    Province("Shanxi", "山西", "CN", "24", "Taiyuan"),
    Province("Sichuan", "四川", "CN", "32", "Chengdu"),
    Province("Tianjin", "天津", "CN", "28", "Tianjin"),
    Province("Tibet", "西藏", "CN", "14", "Lhasa", ("Xizang",)),
    Province("Xinjiang", "新疆", "CN", "13", "Ürümqi",
             ("新疆维吾尔", "新疆維吾爾", "Xinjiang Uygur", "Xinjiang Uyghur", "Xinjiang Uighur")),
    Province("Yunnan", "云南", "CN", "29", "Kunming", ("雲南",)),
    Province("Zhejiang", "浙江", "CN", "02", "Hangzhou"),
    Province("Hong Kong", "香港", "HK", "", "Hong Kong", ("Xianggang", "Hong Kong SAR")),
    Province("Macau", "澳门", "MO", "", "Macau", ("澳門", "Macao", "Aomen", "Macao SAR", "Macau SAR")),
    Province("Taiwan", "台湾", "TW", "", "Taipei", ("臺灣", "台灣")),
)

# The Chinese Postal Map and Wade-Giles spellings of the provinces and of cities whose old name
# GeoNames lacks (the Postal Map Romanization, 1906, in use until pinyin in 1979): what older
# patients, old letterheads and foreign books write. Kept apart from the aliases above: such a
# name means the place by its modern name, however the gazetteer reads that (Sinkiang matched a
# village in Shanxi by a stray alternate name; Fukien is the Republic of China's Kinmen province).
ROMANISED: dict[str, str] = {
    "Anhwei": "Anhui", "Chekiang": "Zhejiang", "Fukien": "Fujian", "Heilungkiang": "Heilongjiang",
    "Honan": "Henan", "Hopeh": "Hebei", "Hopei": "Hebei", "Hupeh": "Hubei", "Hupei": "Hubei", "Kansu": "Gansu",
    "Kiangsi": "Jiangxi", "Kiangsu": "Jiangsu", "Kirin": "Jilin", "Kwangsi": "Guangxi", "Kwangtung": "Guangdong",
    "Kweichow": "Guizhou", "Ningsia": "Ningxia", "Shansi": "Shanxi", "Shantung": "Shandong", "Shensi": "Shaanxi",
    "Sinkiang": "Xinjiang", "Szechuan": "Sichuan", "Szechwan": "Sichuan", "Tsinghai": "Qinghai",
    "Chinghai": "Qinghai", "Peking": "Beijing", "Peiping": "Beijing", "Tientsin": "Tianjin",
    "Chungking": "Chongqing", "Hankow": "Wuhan", "Canton": "Guangzhou", "Amoy": "Xiamen", "Nanking": "Nanjing",
    "Tsingtao": "Qingdao", "Sian": "Xi'an", "Chengtu": "Chengdu", "Hangchow": "Hangzhou", "Foochow": "Fuzhou",
    "Tsinan": "Jinan", "Mukden": "Shenyang", "Lanchow": "Lanzhou", "Kweiyang": "Guiyang",
}


def modern_name(text: str) -> str:
    """The pinyin name an old romanisation means ("Sinkiang" → "Xinjiang"), else ""."""
    return _romanised().get(name_key(text), "")


@functools.lru_cache(maxsize=1)
def _romanised() -> dict[str, str]:
    return {name_key(old): modern for old, modern in ROMANISED.items()}


# The countries of PROVINCES (GeoNames keeps Hong Kong, Macau and Taiwan as countries): here, not in
# china.py, so that what only asks whether a code is one of them (countries, an import's rows abroad)
# never loads china.py's rules (8 M instructions).
CHINA_AREA = ("CN", "HK", "MO", "TW")

# Hong Kong's, Macau's and Taiwan's own names are in Traditional characters (臺北, 氹仔): beside
# them their region is written so too, never a mixed 台湾臺中.
TRADITIONAL = {"HK": "香港", "MO": "澳門", "TW": "臺灣"}


# The five autonomous regions (自治区): their capital is a 首府, a province's a 省会.
AUTONOMOUS_REGIONS = frozenset(("Guangxi", "Inner Mongolia", "Ningxia", "Tibet", "Xinjiang"))


def shown_chinese(province: Province) -> str:
    """The Chinese name shown for a province or region: its own script's (澳門, 臺灣; 广东)."""
    return TRADITIONAL.get(province.country, province.chinese)


# English words people append to a province name; folded, so "Autonomous Region" is one word here.
# Words registries add to a division's name in any country: "Seoul Teugbyeolsi" (special city),
# "Osjecko-baranjska Zupanija" (county), "Masovian Voivodeship", "Moscow Oblast", "Aichi Prefecture".
_LATIN_SUFFIXES = ("specialadministrativeregion", "autonomousregion", "municipality", "province", "sar", "sheng", "shi",
                   "teukbyeolsi", "teugbyeolsi", "gwangyeoksi", "teukbyeoljachisi", "zupanija", "voivodeship",
                   "oblast", "prefecture", "county")


# Remembered as name_key is: an import folds each row's state and country again and again (679
# times, 1.4 ms, for the 248 rows of NCT05843643).
@functools.lru_cache(maxsize=1 << 16)
def province_key(text: str) -> str:
    """Fold a province name so that "Shandong Province", "shandong" and "山东省" agree."""
    key = name_key(text)
    for suffix in _LATIN_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


@functools.lru_cache(maxsize=1)
def _by_key() -> dict[str, Province]:
    """Every name and alias, folded; built on first use, since most runs never ask."""
    index: dict[str, Province] = {}
    for province in PROVINCES:
        for name in (province.name, province.chinese, *province.aliases):
            index[province_key(name)] = province
    for old, modern in ROMANISED.items():  # "Fukien" is Fujian, "--province Szechwan" Sichuan
        named = index.get(province_key(modern))
        if named is not None and province_key(old) not in index:
            index[province_key(old)] = named
    return index


def find_province(text: str) -> Province | None:
    """The province a name means, or None. Exact after folding: no typo is corrected here."""
    return _by_key().get(province_key(text))


def provinces_spelt_like(text: str) -> list[Province]:
    """The provinces of China's area a Latin word misspells (Guangdon, Shangdong, Sichuang, Zhejaing):
    one slip (a letter wrong, left out, added, or two swapped) from a name of one, two in a name of
    eight letters or more; nearest first. Only on a miss: rapidfuzz is imported here."""
    from rapidfuzz.distance import OSA

    key = province_key(text)
    if len(key) < 4 or not key.isascii():
        return []
    found: dict[str, tuple[int, Province]] = {}
    for name, province in _by_key().items():
        if name.isascii() and len(name) >= 4:
            slips = OSA.distance(key, name, score_cutoff=2)
            if 0 < slips <= (2 if len(name) >= 8 else 1) and slips < found.get(province.name, (3, province))[0]:
                found[province.name] = (slips, province)
    return [province for _, province in sorted(found.values(), key=lambda item: (item[0], item[1].name))]


def province_names() -> list[str]:
    """Every English province name, for suggestions."""
    return [province.name for province in PROVINCES]


@functools.lru_cache(maxsize=1024)  # every site's province is compared with the one asked for
def region_key(text: str) -> str:
    """One key per region: a Chinese province's English name, else the folded text ("oregon")."""
    province = find_province(text)
    return province.name if province else fold(text)


@functools.lru_cache(maxsize=1024)
def region_apart(text: str) -> str:
    """"HK", "MO" or "TW" when a province name means Hong Kong, Macau or Taiwan, else "": those are
    kept apart as GeoNames keeps them, and a registry writes them as countries ("Taiwan", with no
    state), so their sites are the sites that lie there (countries.site_area), not a state's text."""
    province = find_province(text)
    return province.country if province is not None and province.country != "CN" else ""


def same_region(a: str, b: str) -> bool:
    """Whether two province/state texts name the same region ("Beijing Municipality" = "北京")."""
    return region_key(a) == region_key(b)


def match_province(text: str, site_provinces: Iterable[str] = (),
                   known: Callable[[str], bool] | None = None,
                   country_named: Callable[[str], str] | None = None) -> str:
    """The province a `--province` value names, or a usage error suggesting the nearest names.

    Chinese provinces are known whatever the sites; other regions (an imported trial in Oregon)
    are known when a site names them, or when `known` says so (the gazetteer's states: "Seoul"),
    asked before any suggestion is worked out (rapidfuzz is for the error alone). A country
    (`country_named` gives its name) is no province: the error says to ask --country.
    """
    from sitefinder.errors import UsageError

    province = find_province(text) or region_of_code(text)
    if province:
        return province.name
    for name in site_provinces:
        if fold(name) == fold(text) and fold(text):
            return name
    if known is not None and known(text):
        return text
    if country_named is not None and (country := country_named(text)):  # "Japan", "Republic of Korea"
        from sitefinder.wording import said

        raise UsageError(key="usage.unknown_province", query=quoted(text),
                         hint=said("usage.province_is_country", country=country, text=text))
    from rapidfuzz import fuzz, process  # only on this error path

    from sitefinder.text import close_score, has_cjk

    chinese = [province.chinese for province in PROVINCES] if has_cjk(text) else []  # 山栋: 山东
    choices = {province_key(name): name for name in (*site_provinces, *province_names(), *chinese)}
    matches = process.extract(province_key(text), list(choices), scorer=fuzz.ratio, limit=3,
                              score_cutoff=close_score(text, 60))
    from sitefinder.wording import said

    hint = said("usage.province_meant", names=tuple(choices[key] for key, _, _ in matches)) if matches \
        else said("usage.province_example")
    raise UsageError(key="usage.unknown_province", query=quoted(text), hint=hint)


def region_of_code(text: str) -> Province | None:
    """The region outside the mainland (Hong Kong, Macau, Taiwan) whose ISO code `--province` was
    given ("HK", "TW"), read as `--country HK` is: in capitals, as codes are written."""
    code = text.strip()
    return next((province for province in PROVINCES if province.country != "CN" and province.country == code), None)


def short_province(text: str) -> str:
    """The short word for a province: "Beijing" for "Beijing Municipality", "Guangxi" for the
    registry's "Guangxi Zhuang Autonomous Region"; a region outside China as written."""
    province = find_province(text)
    return province.name if province else text


def display_region(text: str) -> str:
    """Hong Kong, Macau and Taiwan named one way whether GeoNames keeps them as a country
    ("Macao") or a registry as a province ("Macau SAR"): the names sitefinder shows."""
    province = find_province(text) if text else None
    return province.name if province and province.country != "CN" else text


def province_namesake(city: str, province: str) -> Province | None:
    """The province a city bears the name of without being it (吉林市 in 吉林省: Jilin, whose capital
    is Changchun), else None: such a city is said with its level (Jilin City, 吉林省吉林市), for its
    name alone reads as the province's. A municipality is its province (Beijing: said once)."""
    found = find_province(province) if province else None
    if found is None or found.country != "CN" or fold(city) != fold(found.name) or fold(found.capital) == fold(city):
        return None
    return found


def place_words(*parts: str) -> str:
    """"Taipei, Taiwan" for ("Taipei", "Taiwan", "Taiwan"), "Macau" for ("Macau", "Macau", "Macao"):
    the parts of a place's name, each region named one way, none said twice."""
    shown: list[str] = []
    for part in parts:
        words = display_region(part)
        if words and fold(words) not in {fold(earlier) for earlier in shown}:
            shown.append(words)
    return ", ".join(shown)


def region_chinese(name: str, kind: str) -> str:
    """A province's or country's name in Chinese characters, "" when unknown: a province (and Taiwan,
    Hong Kong, Macau) from the province table; China as sitefinder writes it (中国); any other
    country by its English name as the gazetteer gives it (country_chinese)."""
    province = find_province(name)
    if province is not None:
        return shown_chinese(province)
    if kind != "country":
        return ""
    return "中国" if fold(name) == "china" else _chinese_countries()[1].get(fold(name), "")


# China's parts as people name them (the seven geographic regions taught at school), each by its
# provinces: none of them a province, and never a region abroad that GeoNames names alike in
# Chinese (东北 is its Chinese for Ghana's Upper East, 中部 for eight countries' Centre).
CHINA_PARTS: dict[str, tuple[str, ...]] = {
    "华北": ("Beijing", "Tianjin", "Hebei", "Shanxi", "Inner Mongolia"),
    "东北": ("Liaoning", "Jilin", "Heilongjiang"),
    "东三省": ("Liaoning", "Jilin", "Heilongjiang"),
    "华东": ("Shanghai", "Jiangsu", "Zhejiang", "Anhui", "Fujian", "Jiangxi", "Shandong"),
    "华中": ("Henan", "Hubei", "Hunan"),
    "华南": ("Guangdong", "Guangxi", "Hainan"),
    "西南": ("Chongqing", "Sichuan", "Guizhou", "Yunnan", "Tibet"),
    "西北": ("Shaanxi", "Gansu", "Qinghai", "Ningxia", "Xinjiang"),
}
_PART_TRADITIONAL = str.maketrans("華東", "华东")
# A word made of these alone is a direction, not a place: 北部, 中部, 东部, 西南部, 中央
DIRECTION_CHARACTERS = frozenset("东西南北中部方央東")


def china_part(text: str) -> tuple[Province, ...] | None:
    """The provinces a part of China named in Chinese stands for (东北, 东北地区, 華南: its
    provinces), None for any other text."""
    key = text.strip().translate(_PART_TRADITIONAL).removesuffix("地区").removesuffix("地區")
    names = CHINA_PARTS.get(key)
    if names is None:
        return None
    return tuple(province for name in names if (province := find_province(name)) is not None)


def provinces_listed(provinces: Iterable[Province]) -> dict[str, str]:
    """Provinces named one after another in each language ("en": "Liaoning, Jilin", "zh": "辽宁、吉林"),
    for a phrase's name.either: the one listing of a part's provinces, in an error of `near` or of --province."""
    shown = list(provinces)
    return {"en": ", ".join(province.name for province in shown), "zh": "、".join(province.chinese for province in shown)}


def direction_word(text: str) -> bool:
    """Whether a Chinese text is a direction alone (北部, 中部, 西南部, 中央): no place, in China or abroad."""
    key = text.strip().removesuffix("地区")
    return 2 <= len(key) <= 4 and all(char in DIRECTION_CHARACTERS for char in key)


def region_asked(name: str, kind: str, lang: str | None) -> str:
    """A province or country as a command suggested in an answer names it (`list --province 广东`):
    in Chinese on a Chinese screen where the option reads it so (China's provinces, Hong Kong, Macau,
    Taiwan, countries), else by its English name, as a state abroad always is."""
    return (region_chinese(name, kind) or name) if lang == "zh" else name


def country_chinese(code: str) -> str:
    """The one Chinese name of a country or region (ISO code) on a Chinese screen: 阿根廷, 英国,
    香港; "" for a code none names. data/countries_zh.csv, written by scripts/cldr_sources.py from
    CLDR's names (the gazetteer's own where it has one, so a name shown is a name `--country` reads
    where it reads any); Hong Kong, Macau and Taiwan as the province table shows them, in their own
    script (澳門, 臺灣), as every screen shows their sites' region."""
    region = next((province for province in PROVINCES if province.country == code and code != "CN"), None)
    return shown_chinese(region) if region is not None else _chinese_countries()[0].get(code, "")


def abroad_chinese(province: str, country: str, division: str = "") -> str:
    """Where a place outside China's area is, in Chinese, from its country down, as a Chinese
    notice names it so that it says as much as the English "Birmingham, England": 英国英格兰,
    美国亚拉巴马州; `division` is the state's Chinese name (Gazetteer.region_name_zh, found by the
    caller: this module opens no gazetteer), a division with none in its own words (美国 Ohio), a
    country with none in its own (Kosovo). "" for a place of China, Hong Kong, Macau or Taiwan
    (their provinces and regions are named by the province table) or of no country."""
    if not country or fold(country) == "china" or find_province(country) is not None:
        return ""
    nation = region_chinese(country, "country") or country
    if not province:
        return nation
    if fold(province) == fold(country) and division in ("", nation):  # a division named as its country: once
        return nation
    return f"{nation}{division}" if division else f"{nation} {province}"


def abroad_named(name: str, chinese: str, province: str, country: str, division: str = "") -> str:
    """A place outside China's area as a Chinese notice names it: its Chinese name (else its own)
    with where it is, from its country down (伯明翰（英国英格兰）, Hamilton（美国俄亥俄州）); "" for a
    place of China's area, which the province table and china.py name. `division`: as abroad_chinese's."""
    where = abroad_chinese(province, country, division)
    return say_where(chinese or name, where) if where else ""


def china_named(chinese: str, province: str) -> str:
    """A place of China's area named in Chinese with its province first, as Chinese writes an
    address and as the English names it with its province (江西赣州 for "Ganzhou, Jiangxi", 山西天坛):
    once where its name already starts so (北京 of Beijing); "" for a place with no Chinese name.
    The one rule of every notice that names such a place in Chinese (resolver, china.py)."""
    if not chinese:
        return ""
    found = find_province(province) if province else None
    head = shown_chinese(found) if found else ""
    return chinese if chinese.startswith(head) else head + chinese


def say_where(name: str, where: str) -> str:
    """A name with where it is, in Chinese: 伯明翰（英国英格兰）."""
    return f"{name}（{where}）"


# England's metropolitan counties, as registries and people write a town's county ("Leeds, West
# Yorkshire"): GeoNames divides them into their boroughs (its second-level divisions: Leeds,
# Bradford, …), so no table of the gazetteer names them. Each by its boroughs, whose parts it has.
METROPOLITAN_COUNTIES: dict[str, tuple[str, ...]] = {
    "westyorkshire": ("Leeds", "Bradford", "Wakefield", "Kirklees", "Calderdale"),
    "southyorkshire": ("Sheffield", "Barnsley", "Rotherham", "Doncaster"),
    "greatermanchester": ("Manchester", "Salford", "Bolton", "Bury", "Oldham", "Rochdale", "Stockport", "Tameside",
                          "Trafford", "Wigan"),
    "merseyside": ("Liverpool", "Knowsley", "Sefton", "St Helens", "Wirral"),
    "tyneandwear": ("Newcastle upon Tyne", "Gateshead", "North Tyneside", "South Tyneside", "Sunderland"),
    "westmidlands": ("Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull", "Walsall", "Wolverhampton"),
}


def read_where(text: str) -> tuple[str, str, str] | None:
    """A place named as a Chinese notice names it abroad (say_where over abroad_chinese), split so
    that it can be read back: "伯明翰（美国亚拉巴马州）" → ("伯明翰", "美国", "亚拉巴马州"),
    "Hamilton（美国 Ohio）" → ("Hamilton", "美国", "Ohio"), "巴黎（法国）" → ("巴黎", "法国", ""); the
    English label a suggestion puts in its bracket ("伦敦（London, England）") → ("伦敦", "", that
    label). None for a text of no such form, or whose bracket starts with no country abroad."""
    text = text.strip()
    for opening, closing in (("（", "）"), ("(", ")")):
        name, found, where = text[:-1].partition(opening) if text.endswith(closing) else ("", "", "")
        if found and name.strip() and where.strip() and closing not in where:
            break
    else:
        return None
    name, where = name.strip(), where.strip()
    if not has_cjk(where):  # "Lyon, Auvergne-Rhône-Alpes": Latin letters, accents and all
        return name, "", where
    countries = sorted({zh for code, zh in _chinese_countries()[0].items() if zh and code != "CN"}, key=len, reverse=True)
    country = next((zh for zh in countries if where.startswith(zh)), "")
    return (name, country, where[len(country):].strip()) if country else None


@functools.lru_cache(maxsize=1)
def _chinese_countries() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """data/countries_zh.csv by code and by the folded English name (the gazetteer's, and as
    sitefinder shows it: "Macau" for GeoNames' "Macao"), and that name's code; read on a Chinese
    answer's path only."""
    import csv

    from sitefinder.paths import data_dir

    by_code, by_name, codes = {}, {}, {}
    with (data_dir() / "countries_zh.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            by_code[row["code"]] = row["name_zh"]
            for name in (row["name_en"], display_region(row["name_en"])):
                by_name[fold(name)] = row["name_zh"]
                codes[fold(name)] = row["code"]
    return by_code, by_name, codes
