"""China's divisions as people write them: 天河区, 广州天河, 广东省广州市天河区中山大道西8号,
"Tianhe District, Guangzhou", tianhe.

The gazetteer holds every province, prefecture-level and county-level division of mainland China
(the national administrative division codes), Hong Kong's districts, Macau's parishes and Taiwan's
counties and cities, in tables of their own (`cn_division`, `cn_key`; built by
scripts/build_china.py). `resolve_china` reads a query as a chain of them, largest first, and
answers at the deepest one's seat; `resolver.resolve` asks it first and goes on to GeoNames when
it answers None.

Namesakes (鼓楼区 is in Fuzhou, Kaifeng, Nanjing and Xuzhou; tianhe is in Guangzhou and Chongqing)
are ranked by one rule, stated in `_rank`, and always answered with a notice naming the others.
"""

from __future__ import annotations

import itertools
import re
import weakref
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from sitefinder.distance import sphere_km
from sitefinder.models import CONTENDER_SHARE, Place, Resolution
from sitefinder.regions import CHINA_AREA, china_named, place_words, region_asked
from sitefinder.text import clipped, fold, has_cjk, name_key, quoted
from sitefinder.wording import language_of, said, say, suggestion

if TYPE_CHECKING:
    from sitefinder.errors import AskedBack, PlaceNotFound
    from sitefinder.gazetteer import Gazetteer

MUNICIPALITIES = ("11", "12", "31", "50")  # province-level cities: the province is the city
MAX_CHAIN_CHARS = 60  # an address beyond this is street, number and building: never read
MAX_KEY_CHARS = 20  # 克孜勒苏柯尔克孜自治州 is 11; the longest official name has 16
# A place abroad written alike wins over a Chinese division only when it is this populous and more
# populous than the division's seat: "Anyang" is still Henan's (5 million) before Korea's (600,000).
FOREIGN_POPULATION = 1_000_000
ABROAD_NOTED = 100_000  # a place abroad this populous of the same Latin name is named in the notice
# A town in China of a division's name is named in the notice when it has this share of the people of
# the place answered: README's rule for a real contender (resolver.CONTENDER_SHARE). Named however
# small, Shenzhen, Taiwan (6,700) was "also" 深圳 and a town of no recorded people "also" 济南.
TOWN_SHARE = 0.10
SAME_PLACE_KM = 30.0  # a GeoNames place this near a division of its name is that division
# A namesake division whose seat is this near the place answered is answered by it (benchmarks/china.py
# counts a county right within 25 km): never its alternative. Not SAME_PLACE_KM: a division 26-30 km
# from the city may be a town of its own that a patient means (a city's own county of its name,
# 承德县 of 承德市, is the city however far: _own_county).
SAME_SEAT_KM = 25.0
ETHNIC = ("汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家",
          "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
          "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克",
          "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
          "各")
# The English (and pinyin) words written after a division's name, by its Chinese suffix.
LEVEL_WORDS = {"区": (" District", "qu"), "县": (" County", "xian"), "市": (" City", "shi"),
               "旗": (" Banner", "qi"), "州": (" Prefecture", "autonomousprefecture", "zhou"),
               "盟": (" League", "meng"), "省": (" Province", "sheng")}
_SIMPLIFIED_LEVELS = str.maketrans({"區": "区", "縣": "县", "鄉": "乡", "鎮": "镇"})  # Taiwan's, Hong Kong's and Macau's level words
_AUTONOMOUS = {"自治州": "州", "自治县": "县", "自治旗": "旗"}
_DROPPED = ("特别行政区", "自治区", "地区", "林区", "特区", "新区", "行政区", "省", "市", "区", "县", "旗", "盟",
            "區", "縣", "鄉", "鎮", "乡", "镇")  # the last six: Taiwan's (萬華區, 嘉義縣, 竹東鎮, 峨眉鄉)
_LEVEL_ORDER = {"prefecture": 0, "county": 1, "province": 2}
# How a query named a division (cn_key.form), best first: its Chinese name in full, without its suffix,
# its own Latin name (pinyin, English, exonym), that name with a level word (jianshi: 吉安市 "Ji'an" +
# shi, after 建始县 whose own name it is), Taiwan's older romanisations (talin, Wade-Giles for 大林;
# sihu, Tongyong Pinyin for 西湖, after 四湖鄉 whose pinyin it is), another reading of its characters
# or of its seat, then a name it had before the changes of 1990-2020 (former: 闸北区 is now 静安区).
# A query written as Wade-Giles is written (Lin-kou, hyphened) reads Wade-Giles first.
_FORM_ORDER = {"full": 0, "bare": 1, "latin": 2, "exonym": 2, "suffixed": 3, "wadegiles": 4, "tongyong": 4, "alias": 5, "former": 6}
_WADE_GILES_FIRST = {**_FORM_ORDER, "wadegiles": -1}
_ROMANISATIONS = frozenset(("wadegiles", "tongyong"))  # their names: the catalogue's notice.china.<form>


def division_level(code: str) -> str:
    """"province" (440000), "prefecture" (440100) or "county" (440106, 429021)."""
    if code.endswith("0000"):
        return "province"
    return "prefecture" if code.endswith("00") else "county"


def parent_code(code: str, codes: set[str]) -> str:
    """The prefecture a county belongs to, or its province when it has none (省直辖: 仙桃, 济源)."""
    level = division_level(code)
    if level == "province":
        return ""
    province = code[:2] + "0000"
    if level == "prefecture":
        return province
    if code[:2] in MUNICIPALITIES:  # 重庆's 县 (5002xx) belong to the city, as its districts do
        return code[:2] + "0100"
    prefecture = code[:4] + "00"
    return prefecture if prefecture in codes else province


def _named_after_people(core: str) -> str:
    """东乡族 → 东乡: a division named after its people alone (东乡族自治县, 鄂温克族自治旗) is
    called by the people's name, without 族."""
    return core[:-1] if core.endswith("族") and core[:-1] in ETHNIC else core


def _without_ethnic(core: str) -> str:
    """恩施土家族苗族 → 恩施; 博尔塔拉蒙古 → 博尔塔拉: the people's names an autonomous division carries."""
    changed = True
    while changed:
        changed = False
        for people in ETHNIC:
            for word in (people + "族", people):
                if core.endswith(word) and len(core) - len(word) >= 2:
                    core, changed = core[: -len(word)], True
                    break
            if changed:
                break
    return core


def short_name(name: str) -> str:
    """The name as said without its level: 成都市 → 成都, 广西壮族自治区 → 广西, 凉山彝族自治州 → 凉山."""
    for suffix in ("特别行政区", "自治区", "自治州", "地区", "省", "市", "盟"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            core = name[: -len(suffix)]
            return _without_ethnic(core) if suffix.startswith("自治") else core
    return name


def official_short(name: str) -> str:
    """The official name as shown beside the English: a city without 市 (成都, 昆山), as sitefinder has
    always shown cities; any other division in full (天河区, 恩施土家族苗族自治州)."""
    return name[:-1] if name.endswith("市") and len(name) >= 3 else name


def bare_forms(name: str, level: str) -> set[str]:
    """What people write for a division without its full name: 天河区 → 天河; 恩施土家族苗族自治州 →
    恩施州, 恩施; 长阳土家族自治县 → 长阳县, 长阳. Never a single character (城区 is not 城)."""
    forms = set()
    for suffix, short in _AUTONOMOUS.items():
        if name.endswith(suffix):
            core = _named_after_people(_without_ethnic(name[: -len(suffix)]))
            return {form for form in (core + short, core) if len(form) >= 2 and form != name}
    if name.endswith("族区"):  # 管城回族区, 梅里斯达斡尔族区: an ethnic district, 管城区 or 管城 to people
        core = _without_ethnic(name[:-1])
        return {form for form in (core + "区", core) if len(form) >= 2 and form != name}
    if name.endswith("自治区"):
        forms.add(_without_ethnic(name[:-3]))
    for suffix in _DROPPED:
        # a forestry district (林区) is 神农架林区 alone: 万柏林区 is the district of 万柏林, not of 万柏
        if name.endswith(suffix) and len(name) - len(suffix) >= (3 if suffix == "林区" else 2):
            forms.add(name[: -len(suffix)])
            break
    return {form for form in forms if len(form) >= 2 and form != name}


# Areas named by what they are, not by a level word, as their own English names them: 浦东新区 is
# "Pudong New Area", 苏州工业园区 "Suzhou Industrial Park", 峰峰矿区 "Fengfeng Mining District".
FUNCTIONAL_AREAS = {"工业园区": "Industrial Park", "新区": "New Area", "矿区": "Mining District",
                    "特区": "Special District", "林区": "Forestry District"}


def functional_area(name: str) -> tuple[str, str] | None:
    """(the name before it, the English words) of a functional area's name (苏州工业园区: 苏州, Industrial
    Park); None for a name whose last characters only look so (清新区, 万柏林区: their own 新, 林)."""
    for suffix, english in FUNCTIONAL_AREAS.items():
        core = name[: -len(suffix)]
        if name.endswith(suffix) and len(core) >= (3 if suffix == "林区" else 2):
            return core, english
    return None


def latin_forms(spoken: str, name: str) -> list[str]:
    """Folded Latin keys: "tianhe", "tianhedistrict", "tianhequ"; "kunshancity", "kunshanshi";
    Taiwan's and Hong Kong's level words in Traditional alike (新竹縣: "xinzhuxian", "xinzhucounty")."""
    name = name.translate(_SIMPLIFIED_LEVELS)
    # 新区 (林区) only where 新 (林) is no part of the name spoken (清新区 is Qingxin District)
    suffix = next((s for s in ("自治区", "自治州", "自治县", "自治旗", "工业园区", "矿区", "林区", "特区", "地区", "新区",
                               *LEVEL_WORDS, "乡", "镇")
                   if name.endswith(s) and not (s == "新区" and spoken.endswith("xin"))
                   and not (s == "林区" and spoken.endswith("lin"))), "")  # 士林區 is Shilin District, no forestry
    # 新区, a "new area" (浦东新区 "Pudong New Area", 滨海新区 "Binhai New Area"), as English writes it
    words = {"新区": ("newarea", "newdistrict", "xinqu", "district", "qu"),
             "自治州": ("autonomousprefecture", "prefecture", "zhou"), "自治县": ("autonomouscounty", "county", "xian"),
             "自治旗": ("autonomousbanner", "banner", "qi"),
             "自治区": ("autonomousregion", "region", "zizhiqu", "district", "qu"),
             "林区": ("forestrydistrict", "linqu", "district"),
             "工业园区": ("industrialpark", "gongyeyuanqu", "yuanqu"), "矿区": ("miningdistrict", "kuangqu", "district"),
             "乡": ("township", "xiang"), "镇": ("township", "town", "zhen"),  # Taiwan's 鄉, 鎮
             "特区": ("specialdistrict", "tequ", "district"), "地区": ("prefecture", "diqu", "region")}.get(
        suffix, tuple(fold(word) for word in LEVEL_WORDS.get(suffix, ())))
    return [spoken, *(spoken + word for word in words)]


class Division(NamedTuple):
    code: str
    name: str  # official, in full: 天河区
    level: str
    parent: str
    province: str  # English, as regions.PROVINCES names it
    english: str  # "Tianhe District", "Guangzhou"
    latitude: float
    longitude: float
    place: int  # the GeoNames place at its seat, 0 when none
    population: int  # that place's
    form: str = ""  # how the query named it: full, bare or latin
    city_place: int = 0  # a county-level division's city (its prefecture): the GeoNames place at its seat
    city_population: int = 0  # and that place's people, which rank districts that have none counted


class _Chain(NamedTuple):
    divisions: tuple[Division, ...]
    used: int  # characters of the query read
    starts: tuple[int, ...] = ()  # where each division's name began


def _divisions(gazetteer: Gazetteer, keys: Iterable[str]) -> dict[str, list[Division]]:
    keys = sorted(set(keys))
    if not keys:
        return {}
    rows = gazetteer.rows(
        f"SELECT k.key, k.form, d.code, d.name, d.level, d.parent, d.province, d.english, d.latitude, d.longitude, "
        f"d.place, d.population, COALESCE(c.place, 0), COALESCE(c.population, 0) FROM cn_key k "
        f"JOIN cn_division d ON d.code = k.code LEFT JOIN cn_division c ON c.code = d.parent AND c.level = 'prefecture' "
        f"WHERE k.key IN ({','.join('?' * len(keys))}) ORDER BY d.code", keys)
    found: dict[str, list[Division]] = {}
    for key, form, *fields, city_place, city_people in rows:  # the row, how it was named, its city's
        found.setdefault(key, []).append(Division._make((*fields, form, city_place, city_people)))
    return found


def _inside(child: Division, parent: Division) -> bool:
    if child.code == parent.code:
        return False
    if parent.level == "province":
        return child.code[:2] == parent.code[:2]
    return child.parent == parent.code or (parent.code[:2] in MUNICIPALITIES and parent.level == "prefecture"
                                           and child.code[:2] == parent.code[:2])


def _chains(text: str, gazetteer: Gazetteer) -> list[_Chain]:
    """Every reading of `text` as divisions each inside the one before, from its first character;
    the readings that read the most characters, deepest first."""
    best: list[_Chain] = []
    cache: dict[int, dict[str, list[Division]]] = {}

    def at(position: int) -> dict[str, list[Division]]:
        if position not in cache:
            cache[position] = _divisions(gazetteer, (text[position:end] for end in range(
                position + 2, min(len(text), position + MAX_KEY_CHARS) + 1)))
        return cache[position]

    def walk(position: int, chain: tuple[Division, ...], starts: tuple[int, ...], steps: list[int]) -> None:
        steps[0] += 1
        if steps[0] > 400:  # bounded: a chain is at most four divisions deep
            return
        extended = False
        for key, divisions in sorted(at(position).items(), key=lambda item: -len(item[0])):
            for division in divisions:
                if not chain or _inside(division, chain[-1]):
                    extended = True
                    walk(position + len(key), (*chain, division), (*starts, position), steps)
        if not extended and chain:
            best.append(_Chain(chain, position, starts))

    walk(0, (), (), [0])
    if not best:
        return []
    top = max((chain.used, len(chain.divisions)) for chain in best)
    return [chain for chain in best if (chain.used, len(chain.divisions)) == top]


def _rank(divisions: list[Division], preferred: frozenset[int], wade_giles: bool = False, area: str = "") -> list[Division]:
    """Namesakes in order: by how the query names each (_FORM_ORDER: the one written in full before
    one written without its suffix, 沙河市 the city, not a town Shahe; a division's own pinyin before
    another's older romanisation; Wade-Giles first when the query is written so, `wade_giles`); then
    a mainland division before a district of Hong Kong, Macau or Taiwan written alike (永康, xihu,
    wanzai: the mainland's characters and pinyin; Taiwan's own characters, 鳳山區, name only
    Taiwan's); among those districts, the ones of the area that has the most of them (東區 is four
    cities' of Taiwan and one district of Hong Kong: Taiwan's, so that the sites nearest are right
    for four of the five; neither side has its people counted); then the level (a prefecture before
    a county-level division: 南京市 before 南靖县, 亳州市 before 播州区; a province is read before any
    of this, `_names_a_province`); then the people (`_people`, like with like: by their cities' when any
    namesake has none counted of its own, `_by_city`; 武昌区 Wuhan's before 五常市 Harbin's); and only between namesakes equal in all of
    that, one hosting a site of the trial (its seat or its city's is a site city), where equal in
    people is a real contender's share (CONTENDER_SHARE: the answer calls such namesakes ambiguous
    and names the other): Taizhou for this trial is 台州 (a site), 1.5 million, before 泰州, 1.6 million.
    Hosting a site ranked before level and people in the round before (#20): `near Nanjing` was
    南靖县 (Zhangzhou hosts a site) and not 南京市, 9 million people. Measured on the benchmark:
    without the mainland-first step, 16 mainland bare and pinyin answers went to a Taiwanese
    township of a more populous seat. A person whose locale is Hong Kong's, Macau's or Taiwan's
    (`area`: "HK", "MO", "TW") reads that area's divisions before the mainland's at that step
    (中山区 under zh_TW is Taipei's, the mainland's named in the notice)."""
    order = _WADE_GILES_FIRST if wade_giles else _FORM_ORDER
    by_city = _by_city(divisions)
    areas: dict[str, set[str]] = {}
    for division in divisions:
        areas.setdefault(division.code[:2], set()).add(division.code)

    def key(division: Division) -> tuple:
        # Taiwan's counties too when written in characters: 连江县 in Simplified is Fuzhou's, 連江縣 as
        # Taiwan writes it is Matsu; "Taoyuan" in Latin letters stays Taiwan's city of 2 million
        local = division.code[:2] in ("HK", "MO", "TW") and (
            division.level == "county" or division.level == "prefecture" and division.form in ("full", "bare"))
        if area:
            local = division.code[:2] != area
        return (order.get(division.form, 6), local, -len(areas[division.code[:2]]) if local else 0,
                _LEVEL_ORDER[division.level], -_people(division, by_city), not hosts(division), division.code)

    def hosts(division: Division) -> bool:
        return division.place in preferred or division.level == "county" and division.city_place in preferred

    unique: dict[str, Division] = {}
    for division in sorted(divisions, key=key):
        unique.setdefault(division.code, division)
    ranked = list(unique.values())
    leader = ranked[0] if ranked else None
    if leader is not None and not hosts(leader):
        # Equal but for people: a real contender of the leader (CONTENDER_SHARE of its people or more,
        # as the answer calls it ambiguous) that hosts a site comes first. Taizhou for this trial is
        # 台州 (1.5 million, a site) before 泰州 (1.6 million); Wuchang stays 武昌区 (Wuhan's 10 million),
        # not 五常市 (95,000) though Harbin hosts a site.
        equal = key(leader)[:4]
        # A real contender by every measure: by its city's people and by its own (a district without
        # its own, its city's): 五常市 (95,000 of its own) is Harbin's, a city half Wuhan's size, yet
        # no contender of 武昌区 (Wuhan's 10 million).
        first = next((division for division in ranked[1:] if key(division)[:4] == equal and hosts(division)
                      and all(_people(division, measure) >= CONTENDER_SHARE * _people(leader, measure)
                              for measure in {by_city, False})), None)
        if first is not None:
            ranked = [first, *(division for division in ranked if division is not first)]
    return ranked


def _by_city(divisions: Iterable[Division]) -> bool:
    """Whether county-level namesakes are ranked by their cities' people: when any of them has none
    counted of its own. GeoNames counts the people of 577 of the 3,239 county-level seats, so a
    district with a count set against one without compared a town with a city: 鹤岗's 南山区 (none:
    Hegang's 0.6 million) came before 深圳's (11,371 at its seat point, in a city of 17 million)."""
    return any(division.level == "county" and division.code[:2] not in ("HK", "MO", "TW") and not division.population
               for division in divisions)


def _people(division: Division, by_city: bool = False) -> int:
    """The people that rank a division among namesakes of its level: its seat's; a county-level
    division's, when any of its namesakes has none counted (`_by_city`), its city's, whose part it is
    (like with like: 南山区 is Shenzhen's, 17 million, before Hegang's; a county-level city under its
    province, 仙桃市, has no city: its own); else a district's (区) that has none counted its city's
    (海州区 of Lianyungang: Lianyungang's; 宝山区 of Shanghai has its own 2.3 million). Compared only
    within a level (`_rank` orders by level first): a prefecture's people are never set against a
    district's borrowed from another city."""
    if division.level == "county" and (by_city or division.name.endswith(("区", "區")) and not division.population):
        return division.city_population or division.population
    return division.population


def _label(division: Division, gazetteer: Gazetteer, lang: str | None = "en", official: bool = True) -> str:
    """A division as a notice names it, in the notice's language only: in Chinese from its province
    down (江苏南京市鼓楼区, 北京朝阳区: a municipality once); in English by its English names, its
    official name after them (Gulou District, Nanjing, Jiangsu (鼓楼区)): pinyin alone does not tell
    滨州 from 彬州. A line that mixed the two ("鼓楼区 (Gulou District, 南京市, Jiangsu)") was half
    unreadable to either reader."""
    parent = _by_code(gazetteer, division.parent) if division.level == "county" else None
    city = parent if parent is not None and parent.level == "prefecture" else None
    if lang == "zh":
        from sitefinder.regions import find_province, shown_chinese

        province = find_province(division.province) if division.level != "province" else None
        head = shown_chinese(province) if province else ""
        middle = city.name if city is not None and short_name(city.name) != short_name(head) else ""
        return f"{head}{middle}{division.name}" if not division.name.startswith(head + middle) else division.name
    english = ", ".join([division.english, *_english_where(division, city)])
    return f"{english} ({division.name})" if official else english


def label_zh(label: str, gazetteer: Gazetteer) -> str:
    """A place of China named by an English label with its Chinese name in brackets, as a location
    note keeps it ("Linyi County, Dezhou, Shandong (临邑县)", _label's; "Jinzhou (锦州), Liaoning",
    placement's), as a Chinese notice names it: a division by its chain (_label: 山东德州市临邑县),
    another place by its name after its province (china_named: 辽宁锦州); "" for a label of no
    province of China's area. The note keeps the English; this reads it back on a Chinese screen."""
    from sitefinder.regions import find_province

    found = re.fullmatch(r"(?P<before>[^()]*?) \((?P<zh>[^()]+)\)(?P<after>[^()]*)", label)
    if found is None or not has_cjk(found["zh"]):
        return ""
    parts = [part.strip() for part in f"{found['before']},{found['after']}".split(",") if part.strip()]
    province = next((province for part in reversed(parts) if (province := find_province(part))), None)
    if province is None:
        return ""
    named = [division for division in _divisions(gazetteer, [found["zh"]]).get(found["zh"], [])
             if division.province == province.name and division.name == found["zh"]]
    # of namesakes in one province (two 鼓楼区), the one of the label's city
    chosen = next((division for division in named if _label(division, gazetteer, "en") == label), None) \
        or (named[0] if len(named) == 1 else None)
    return _label(chosen, gazetteer, "zh") if chosen is not None else china_named(found["zh"], province.name)


def _english_where(division: Division, city: Division | None) -> list[str]:
    """The English names written after a division's own: its prefecture-level city (unless named as
    its province, 北京市 in Beijing) and its province."""
    where = [city.english] if city is not None and fold(city.english) != fold(division.province) else []
    if division.level != "province" and division.province:
        where.append(division.province)
    return where


def _province_typed(text: str, division: Division, gazetteer: Gazetteer) -> bool:
    """Whether `text` begins with the province of `division`, in any of its written forms (广东省, 广东)."""
    province = _by_code(gazetteer, division.code[:2] + "0000") if division.code[:2].isdigit() else None
    return province is not None and any(text.startswith(form) for form in {province.name, short_name(province.name)})


def _ask(division: Division, gazetteer: Gazetteer, lang: str | None) -> str:
    """What to type for a namesake so that it, not the one answered, is the answer: in Chinese its
    chain (江苏南京市鼓楼区), in English its name and city ("Gulou District, Nanjing"), or its
    province where it has no city of its own (a county-level city under its province)."""
    if lang == "zh":
        return _label(division, gazetteer, "zh")
    parent = _by_code(gazetteer, division.parent) if division.level == "county" else None
    where = _english_where(division, parent if parent is not None and parent.level == "prefecture" else None)
    return ", ".join([division.english, *where[:1]])


def _rest_notice(key: str, lang: str | None, used: str, label: str, rest: str) -> str:
    """"using 广州市天河区（广东广州市天河区）; ignored what follows: 中山大道西8号": the part of an
    address read, named as read where that says more than the part typed (not 广东省（广东省）)."""
    shown = say("notice.china.label", lang, label=label) if fold(label) != fold(used) else ""
    return say(key, lang, used=used, label=shown, rest=rest)


def _by_code(gazetteer: Gazetteer, code: str) -> Division | None:
    rows = gazetteer.rows("SELECT code, name, level, parent, province, english, latitude, longitude, place, "
                          "population FROM cn_division WHERE code = ?", (code,))
    return Division(*rows[0]) if rows else None


def _place(division: Division, gazetteer: Gazetteer) -> Place:
    """A prefecture is its GeoNames city (the place sites and maps have always used: the city's
    centre, within a few km of its seat); a county is placed at its seat."""
    if division.place and division.level == "prefecture":
        city = gazetteer.place_by_id(division.place)
        # Named as the division, not as GeoNames names the point: its seat town for an autonomous
        # prefecture (凉山 at "Xichang"), a district for some cities (益阳 at "Heshan"), "Chang-hua"
        if city is not None and division.code[:2] == "TW":  # GeoNames puts New Taipei in "Taipei"
            return city._replace(name=division.english, province=division.province)
        if city is not None:
            return city._replace(name=division.english)
    country = division.code[:2] if division.code[:2] in ("HK", "MO", "TW") else "CN"
    return Place(name=division.english, province=division.province if country == "CN" else "",
                 country=gazetteer.country_name(country), latitude=division.latitude,
                 longitude=division.longitude, population=division.population, geonameid=division.place or None)


def _alias_only(query: str, leader: Division, gazetteer: Gazetteer, lang: str) -> list[str]:
    """A county-level division found in Latin letters only by another name of its seat (an old or
    stray spelling GeoNames keeps: "Hanzhou" for 甘州区) is answered with the close spellings of
    well-known places named beside it: a misspelling is never answered as the place it is close to
    (placement's rule), but Hangzhou is said."""
    if leader.form != "alias" or leader.level != "county" or not query.isascii():
        return []
    close = [name for name in gazetteer.suggest(query) if fold(name.split(",")[0]) != fold(query)]
    if not close:
        return []
    return [say("notice.alias_only", lang, query=query.strip(), place=_label(leader, gazetteer, lang), close=tuple(close))]


def _town_query(town: Place, ranked: list[Division], gazetteer: Gazetteer) -> str:
    """How to ask for a town named like a division: "Danshui, Guangdong"; by its coordinates when
    a division of that name (by any of its names: Xihu is also an old name of 西和县) is in the same
    province ("Feicheng, Shandong" is 肥城市, not the town Feicheng in 费县), or another town of that
    name is (Yunnan has several Xinhua): the query offered must answer that very town."""
    def elsewhere(latitude: float, longitude: float) -> bool:  # not the town itself (Kowloon, the area)
        return sphere_km(latitude, longitude, town.latitude, town.longitude) > SAME_PLACE_KM

    key = name_key(town.name)
    named = [*ranked, *_divisions(gazetteer, [key]).get(key, [])]
    alike = [place for place in gazetteer.places(key) if place.province == town.province
             and place.geonameid != town.geonameid and elsewhere(place.latitude, place.longitude)]
    if alike or any(division.province == town.province and elsewhere(division.latitude, division.longitude)
                    for division in named):
        return f"{town.latitude:.2f},{town.longitude:.2f}"
    return f"{town.name}, {town.province or town.country}"


def _towns_alike(key: str, ranked: list[Division], gazetteer: Gazetteer) -> list[Place]:
    """GeoNames places in China of the same name that are none of the divisions (Tianhe, a town in
    Chongqing, beside Guangzhou's 天河区): named in the notice too, never silently passed over."""
    if not key:
        return []
    people = _place(ranked[0], gazetteer).population
    towns = [place for place in gazetteer.places(key) if place.population >= TOWN_SHARE * people
             and (fold(place.name) == key or place.geonameid and _written_as(gazetteer.chinese_name(place.geonameid), key, gazetteer))
             and gazetteer.country_code_of(place.country) in CHINA_AREA
             and all(place.geonameid != d.place and sphere_km(place.latitude, place.longitude, d.latitude, d.longitude)
                     > SAME_PLACE_KM for d in ranked)]  # a division's own place (Panjin) is no town alike
    unique = {(town.name, town.province, town.country): town for town in sorted(towns, key=lambda p: p.population)}
    return sorted(unique.values(), key=lambda place: -place.population)[:3]  # one line per town named alike


def _town_region(town: Place, gazetteer: Gazetteer) -> str:
    """The region code of a place alike outside the mainland (HK, MO, TW), "" for the mainland's."""
    code = gazetteer.country_code_of(town.country)
    return code if code != "CN" else ""


def _abroad_label(place: Place, gazetteer: Gazetteer, lang: str) -> str:
    """A place abroad as a notice of this module names it: "Jeonju, North Jeolla, South Korea"; in
    Chinese with where it is in Chinese (全州（韩国全罗北道）), as the English says its state."""
    from sitefinder.regions import abroad_named

    english = f"{place.label}, {place.country}"
    if lang != "zh":
        return english
    chinese = gazetteer.chinese_name(place.geonameid) if place.geonameid else ""
    return abroad_named(place.name, chinese, place.province, place.country, gazetteer.state_name_zh(place)) or english


def _town_label(town: Place, gazetteer: Gazetteer, lang: str) -> str:
    """A place alike as the notice names it: the mainland's a town (Tianhe, Chongqing); one of Hong
    Kong, Macau or Taiwan a place of its region, never a town: Kowloon is 2.2 million people."""
    region = _town_region(town, gazetteer)
    english = f"{town.name}, {town.province or town.country}"
    # in Chinese by its Chinese name with its province (广东南头), where the gazetteer has one
    chinese = china_named(gazetteer.chinese_name(town.geonameid), town.province) \
        if lang == "zh" and town.geonameid else ""
    if not region:
        return say("notice.china.town", lang, name=chinese or english)
    name = gazetteer.country_name_zh(region) if lang == "zh" else town.country
    return say("notice.china.area", lang, name=chinese or english, region=name)


def _written_as(chinese: str, key: str, gazetteer: Gazetteer) -> bool:
    """Whether a place's Chinese name is `key`, in its own script or in Simplified (Hong Kong's
    馬鞍山, Ma On Shan, beside 马鞍山市)."""
    return bool(chinese) and (chinese == key or key in gazetteer.simplified_forms(chinese))


def chinese_cities_beginning(key: str, gazetteer: Gazetteer, limit: int = 3) -> list[str]:
    """The prefecture-level cities whose pinyin begins with `key` (folded Latin), most populous first:
    "Changsha, Hunan", "Changchun, Jilin", "Changzhou, Jiangsu" for "chang"."""
    if not key.isascii() or not key.isalpha() or not gazetteer.has_china():
        return []
    rows = gazetteer.rows(
        "SELECT d.english, d.province, MAX(d.population) AS people FROM cn_key k JOIN cn_division d ON d.code = k.code "
        "WHERE k.form = 'latin' AND k.key LIKE ? AND d.level = 'prefecture' GROUP BY d.code "
        "ORDER BY people DESC, d.code LIMIT 50", [key + "%"])
    # Named as shown, so by an English name of that beginning ("xinbei" is New Taipei: not offered)
    return [english if english == province else f"{english}, {province}" for english, province, _ in rows
            if fold(english).startswith(key)][:limit]


def spells_a_division(key: str, gazetteer: Gazetteer) -> bool:
    """Whether `key` (folded Latin) is a division's own pinyin or English name ("xian", Xi'an), not
    only an alias of one ("tai" for Taizhou, "lin" for Linzhou: one syllable of it)."""
    return gazetteer.has_china() and bool(gazetteer.rows(
        "SELECT 1 FROM cn_key WHERE key = ? AND form != 'alias' LIMIT 1", [key]))


def names_a_division(text: str, gazetteer: Gazetteer) -> bool:
    """Whether a registry's city is written as a division of the mainland, Hong Kong, Macau or Taiwan
    names itself: in characters, or its own pinyin or English name with or without its level word
    ("Gulou", "Gulou District", "Kunshan City", "Tianhe Dist."), not only an alias of one."""
    return has_cjk(text) or spells_a_division(fold(_unabbreviated(text)), gazetteer)


def own_pinyin(key: str, gazetteer: Gazetteer) -> bool:
    """Whether `key` (folded Latin) is a division's own pinyin or English name as written alone
    ("wuchang": 武昌区 and 五常市; "korla", its exonym), not with a level word (nanfengxian) nor an alias."""
    return gazetteer.has_china() and bool(gazetteer.rows(
        "SELECT 1 FROM cn_key WHERE key = ? AND form IN ('latin', 'exonym') LIMIT 1", [key]))


def _distinct_from_leader(leader: Division, others: list[Division], gazetteer: Gazetteer) -> list[Division]:
    """The namesakes that are another place than the one answered: never the same GeoNames place (长沙县
    is placed at Changsha's), nor a division inside it or around it with its seat within SAME_SEAT_KM
    (南昌县 in 南昌市): naming those as "ambiguous" told people to give coordinates for where they
    already were. Keelung's 中正區, 22 km from Taipei's, is in another city: still a namesake. Nor a
    city's own county of its name (乌鲁木齐县 of 乌鲁木齐市, 承德县 of 承德市), however far its seat:
    README's rule, "a namesake is never the place answered itself (长沙县 beside 长沙)"; `near 乌鲁木齐`
    named 乌鲁木齐县 (43 km) where `near 长沙` never named 长沙县 (14 km)."""
    origin = _place(leader, gazetteer)
    return [other for other in others if not (other.place and other.place == leader.place)
            and not _own_county(other, leader) and not (
        (_inside(other, leader) or _inside(leader, other))
        and sphere_km(origin.latitude, origin.longitude, other.latitude, other.longitude) <= SAME_SEAT_KM)]


def _own_county(county: Division, city: Division) -> bool:
    """Whether a county-level division is a city's own of its name (its name the city's and a level
    word: 乌鲁木齐县 in 乌鲁木齐市, 黄山区 in 黄山市); an autonomous prefecture named after a region is
    no city (甘孜县, 400 km from 甘孜州's seat, is a town of its own)."""
    return (city.level == "prefecture" and city.name.endswith("市") and county.parent == city.code
            and county.name[:-1] == short_name(city.name) and county.name[-1:] in ("县", "区", "旗"))


def _former(leader: Division, read: str, gazetteer: Gazetteer, lang: str) -> list[str]:
    """A division named by its name before a merger or renaming (闸北区, 2015; 南汇县; 宣武区) is its
    successor, said so: "闸北区 was merged into 静安区 in 2015: using 静安区"."""
    if leader.form != "former" or not gazetteer.has_table("cn_former"):
        return []
    rows = gazetteer.rows("SELECT key, name, year, kind FROM cn_former WHERE code = ? ORDER BY length(key) DESC",
                          (leader.code,))
    written = fold(read)
    for key, name, year, kind in rows:
        if key in written:
            return [say(f"notice.china.former_{kind}", lang, name=name, year=year, successor=leader.name,
                        english=leader.english)]
    return []


MAX_LABELLED = 5  # namesake divisions labelled in a Resolution (each label costs a query): as many as a notice names


def _answer(query: str, ranked: list[Division], gazetteer: Gazetteer, notes: list[str], lang: str,
            key: str = "", read: str = "") -> Resolution:
    leader = ranked[0]
    notes.extend(_former(leader, read, gazetteer, lang))
    # Taiwan's 桃園區 is the seat of 桃園市, 苗栗市 of 苗栗縣: the same place, never a namesake.
    others = [other for other in ranked[1:] if not (
        other.code[:2] == "TW" and other.parent == leader.code
        and sphere_km(other.latitude, other.longitude, leader.latitude, leader.longitude) <= SAME_PLACE_KM)]
    others = _one_per_place([leader, *_distinct_from_leader(leader, others, gazetteer)], gazetteer)[1:]
    towns = _towns_alike(key, ranked, gazetteer)
    notes.extend(_alias_only(query, leader, gazetteer, lang))
    if towns:
        first = _town_region(towns[0], gazetteer)
        place, ask = towns[0].name, _town_query(towns[0], ranked, gazetteer)
        chinese = gazetteer.chinese_name(towns[0].geonameid) if lang == "zh" and first and towns[0].geonameid else ""
        if chinese:  # 香港九龍: a place of Hong Kong, Macau or Taiwan asked for in Chinese on a Chinese screen
            place = ask = gazetteer.country_name_zh(first) + chinese
        notes.append(say("notice.china.areas" if first else "notice.china.towns", lang, query=query.strip(),
                         used=_label(leader, gazetteer, lang), towns="; ".join(_town_label(town, gazetteer, lang) for town in towns),
                         ask=ask, place=place))
    # With one namesake, resolver._choose's rule and message (a tenth of the leader's people makes
    # a real contender: resolver.CONTENDER_SHARE); with more, this notice names them all.
    # Without people on either side (Taiwan's townships) nothing ranks them: the notice names the
    # other by its city (基隆市中正區), which an ambiguity line, giving only coordinates, cannot.
    ambiguous = len(others) == 1 and 0 < leader.population and others[0].population >= 0.10 * leader.population
    # each label and query worked out once (each reads its city): the English labels are the Resolution's
    labels = tuple(_label(division, gazetteer) for division in (leader, *others[:MAX_LABELLED]))
    asks = tuple(_ask(other, gazetteer, lang) for other in others)
    # the towns alike follow the divisions among the alternatives: each labelled and asked for as the
    # notice names it (JSON's alternatives[].label, .query), the divisions past MAX_LABELLED unlabelled
    town_labels = (*[""] * (len(others) - MAX_LABELLED), *(_town_label(town, gazetteer, "en") for town in towns)) \
        if towns else ()
    if others and not ambiguous:
        shown = labels if lang != "zh" else tuple(_label(d, gazetteer, lang) for d in (leader, *others[:MAX_LABELLED]))
        named = ("；" if lang == "zh" else "; ").join(shown[1:])
        more = say("notice.china.more", lang, count=len(others) - MAX_LABELLED) if len(others) > MAX_LABELLED else ""
        notes.append(say("notice.china.namesakes", lang, query=query.strip(), named=named, more=more,
                         used=shown[0], ask=asks[0]))
    city = _by_code(gazetteer, leader.parent) if leader.level == "county" else None
    # a prefecture, not 北京市 (a province too); in the short form of an address chain (湖北恩施利川)
    within = city if city is not None and city.level == "prefecture" and fold(city.english) != fold(leader.province) \
        else None
    # A county-level city named as its prefecture (恩施市 in 恩施州, 喀什市 in 喀什地区) keeps its 市: the
    # one word that tells it from its city, which the title names once (湖北恩施市).
    named_as_city = within is not None and official_short(leader.name) in {  # 臺東市 in 臺東縣 too
        short_name(within.name), *bare_forms(within.name, within.level)}
    name_zh = leader.name if named_as_city else official_short(leader.name)
    return Resolution(query=query, place=_place(leader, gazetteer),
                      alternatives=(*(_place(other, gazetteer) for other in others), *towns), notes=tuple(notes),
                      asks=(*asks, *(_town_query(town, ranked, gazetteer) for town in towns)),
                      ambiguous=ambiguous, name_zh=name_zh,
                      within=within.english if within else "", within_zh=short_name(within.name) if within else "",
                      city_geonameid=city.place if city is not None else 0,
                      labels=(*labels, *town_labels))


def _region_of(division: Division) -> set[tuple[str, str]]:
    if division.code[:2] in ("HK", "MO", "TW"):
        return {(division.code[:2], "")}
    return {("CN", division.province)}


def resolve_china(query: str, text: str, gazetteer: Gazetteer, preferred: frozenset[int],
                  lang: str | None = None, area: str = "") -> Resolution | None:
    """The division `text` names, or None to let GeoNames answer. Raises RegionNotPlace for a
    province (its sites are the answer, as `near 山东`). The notices are in `lang` (the answer's:
    `--lang`, the locale), else in the script typed."""
    if not gazetteer.has_china():
        return None
    said = language_of(lang, query)
    if has_cjk(text):
        return _resolve_hanzi(query, text, gazetteer, preferred, said, area)
    found = _resolve_latin(query, text, gazetteer, preferred, said, area)
    if found is not None:
        return found
    mended, slipped = mended_level_words(text, gazetteer)
    if not slipped:
        return None
    # "Haidian Distirct, Beijing", "Kunshan Ctiy": read with the word as it is written, said so;
    # only for a text that names nothing as typed, so that no name is ever bent into a level word
    notes = tuple(say("notice.china.level_word_read", said, typed=typed, form=form, fixed=mended)
                  for typed, form in slipped)
    from sitefinder.errors import RegionNotPlace

    try:
        found = _resolve_latin(query, mended, gazetteer, preferred, said, area)
    except RegionNotPlace as region:
        raise RegionNotPlace(region.query, region.regions, region.hint, (*notes, *region.notes), region.meant) from None
    return found._replace(notes=(*notes, *found.notes)) if found is not None else None


# The English level words a Latin address writes after a name, as `mended_level_words` reads them
# misspelt (Distirct, Ctiy, Porvince); "Town" and "Area" are left out: one slip from Tong, Tan, Aera
# (Kwun Tong is Hong Kong's), too near a name's own word.
LEVEL_WORDS_EN = ("District", "County", "City", "Banner", "Prefecture", "League", "Province", "Township", "Region",
                  "Autonomous", "Municipality")


def mended_level_words(text: str, gazetteer: Gazetteer) -> tuple[str, list[tuple[str, str]]]:
    """`text` with each word that is one slip (`one_slip`) from a level word written as that word,
    and the (word typed, word read) pairs: never a text's first word (a level word follows a name),
    a word of one or two letters, a pinyin syllable (a name's own: tong, xian) or a word some
    division's name is."""
    words = re.split(r"(\s+|,|，)", text)
    slipped: list[tuple[str, str]] = []
    seen_word = False
    for index, word in enumerate(words):
        key = fold(word)
        if not key or not key.isalpha():
            continue
        if seen_word and len(key) >= MIN_LOOSE_LETTERS and key not in _LEVEL_KEYS:
            form = next((level for level in LEVEL_WORDS_EN if one_slip(key, level.casefold())), "")
            if form and not _a_name_word(key, gazetteer):
                words[index] = form
                slipped.append((word, form))
        seen_word = True
    return "".join(words), slipped


_LEVEL_KEYS = frozenset(level.casefold() for level in LEVEL_WORDS_EN)


def _a_name_word(key: str, gazetteer: Gazetteer) -> bool:
    """Whether a folded Latin word is a pinyin syllable or a division's name ("tong", "xian")."""
    return gazetteer.has_china() and bool(gazetteer.rows(
        "SELECT 1 FROM pinyin WHERE ' ' || readings || ' ' LIKE ? LIMIT 1", [f"% {key} %"])
        or gazetteer.rows("SELECT 1 FROM cn_key WHERE key = ? LIMIT 1", [key]))


def answered_suggestion(label: str, gazetteer: Gazetteer, preferred: frozenset[int]) -> str:
    """A close spelling the gazetteer suggests ("Tianhe, Chongqing", its most populous GeoNames place
    of the name, a town) named as what that name answers: a division's own pinyin is answered by
    `_rank`'s namesake rule (Guangzhou's 天河区), and its suggestion is the same place, "Tianhe,
    Guangzhou" (广东广州市天河区 in Chinese), a query that answers it; one rule for both. Any other
    label as it is."""
    name = label.split(",")[0].strip()
    key = fold(name)
    if not own_pinyin(key, gazetteer):
        return label
    from sitefinder.errors import PlaceNotFound

    try:
        found = resolve_china(name, name, gazetteer, preferred, lang="en")
    except PlaceNotFound:  # a province (Hunan): as suggested
        return label
    if found is None or not found.name_zh:
        return label  # a place abroad answers the name ("Delhi"): GeoNames' label is that rule's
    leader = next((d for d in _divisions(gazetteer, [key]).get(key, [])
                   if _place(d, gazetteer)[:5] == found.place[:5]), None)
    if leader is None:
        return label
    english = place_words(name, found.within or found.place.province or found.place.country)
    return said("name.either", en=english, zh=_label(leader, gazetteer, "zh"))


_SEPARATORS = str.maketrans({"，": ",", "、": ",", ";": ",", "；": ",", " ": ",", "　": ","})
# China's own name, written before an address (中国广东省广州市, 中华人民共和国北京市朝阳区) or after it in
# the English order (天河区, 广州, 中国): no division, so the chain was not read at all (#20).
COUNTRY_WORDS = ("中华人民共和国", "中華人民共和國", "中国", "中國")


def _without_country(parts: list[str]) -> list[str]:
    """The parts of an address without China's name: a part that is it, or begins or ends with it."""
    kept = []
    for part in parts:
        if part in COUNTRY_WORDS:
            continue
        for word in COUNTRY_WORDS:
            if part.startswith(word) and len(part) - len(word) >= 2:
                part = part[len(word):]
            if part.endswith(word) and len(part) - len(word) >= 2:
                part = part[: -len(word)]
        kept.append(part)
    return kept


def _latin_as_hanzi(part: str, gazetteer: Gazetteer) -> list[str]:
    """The Chinese names a Latin part of a mixed query names ("Guangzhou 天河" → 广州市; "广州 Tianhe" →
    天河区 and the other Tianhes), by its own pinyin or English; [part] when it names none."""
    found = _divisions(gazetteer, [fold(part)]).get(fold(part), [])
    names = [d.name for d in _rank([d for d in found if d.form != "alias"], frozenset())]
    return list(dict.fromkeys(names))[:MAX_MIXED_NAMES] or [part]


MAX_MIXED_NAMES = 4  # namesakes of a Latin part tried in a mixed query: 广州 Tianhe tries 天河区 four times


def _spans(text: str, parts: list[str]) -> list[tuple[int, int]]:
    """Where each part (a piece of `text` between separators, in order) was typed in `text`."""
    spans, cursor = [], 0
    for part in parts:
        start = text.find(part, cursor)
        start = cursor if start < 0 else start
        spans.append((start, start + len(part)))
        cursor = spans[-1][1]
    return spans


def _grouped(parts: list[str], spans: list[tuple[int, int]]) -> tuple[list[str], list[tuple[int, int]]]:
    """The parts with Latin words together ("Tianhe District"), and where each group was typed."""
    grouped: list[str] = []
    typed: list[tuple[int, int]] = []
    for part, span in zip(parts, spans):
        if grouped and part.isascii() and grouped[-1].isascii():
            grouped[-1] += " " + part
            typed[-1] = (typed[-1][0], span[1])
        else:
            grouped.append(part)
            typed.append(span)
    return grouped, typed


def _chunks(parts: list[str], gazetteer: Gazetteer) -> list[list[str]]:
    """Each reading of the parts as Chinese characters: Latin words together ("Tianhe District") as
    the divisions they name, at most MAX_MIXED_NAMES readings of each."""
    grouped, _ = _grouped(parts, [(0, 0)] * len(parts))
    readings: list[list[str]] = [[]]
    for part in grouped:
        forms = _latin_as_hanzi(part, gazetteer) if part.isascii() and any(ch.isalpha() for ch in part) else [part]
        readings = [[*reading, form] for reading in readings for form in forms][:MAX_MIXED_NAMES * 2]
    return readings


def _unread(parts: list[str], used: int, backwards: bool, text: str, spans: list[tuple[int, int]]) -> str:
    """What a reading of `parts` (joined, in the order read; each typed at its span of `text`) left
    after its first `used` characters, exactly as it was typed: its own characters, spaces and
    punctuation (never re-punctuated: "[bold red]x" stays so), in the order typed, so that a
    reversed reading (某路, 广州市, 广东省 read 广东省广州市某路) names its unread parts as written. A
    Latin part read as Chinese characters ("Tianhe" as 天河区) is echoed whole where it is unread."""
    pieces: list[tuple[int, int, int]] = []  # (where the part was typed, where its unread rest begins, its end)
    position = 0
    for part, (start, end) in zip(parts, spans):
        if position + len(part) > used:
            offset = max(0, used - position)
            if offset == 0 or text[start:end] == part:
                pieces.append((start, start + offset, end))
        position += len(part)
    pieces.sort()
    rest = ""
    for index, (start, begins, end) in enumerate(pieces):
        # between two unread parts, the separator typed between them (what lies between is read)
        rest += (text[pieces[index - 1][2]:start] if index else "") + text[begins:end]
    return clipped(rest.strip())


def _homophone(char: str, other: str, readings: dict[str, set[str]]) -> bool:
    return bool(readings.get(char, set()) & readings.get(other, set()))


# Characters of China's division names mistaken for one another by their look (形近字), the kinds a
# Chinese schoolbook's tables of look-alike characters list: the same part with another radical beside
# it or without it (川 圳, 夏 厦, 沈 沉, 浙 淅, 杭 抗, 沪 泸, 徐 涂, 锡 赐, 桂 挂, 郴 彬), or a stroke more
# or less, or placed elsewhere (未 末, 大 太, 土 士, 白 自, 乌 鸟, 泰 秦). Kept by hand: each
# pair has a character of a division's name (tests/test_china_look_alike.py checks it), and a typo of
# one for the other (深川 for 深圳) is suggested after every character that sounds the same.
LOOK_ALIKE_PAIRS = ("川圳", "川州", "夏厦", "沈沉", "郑邓", "浙淅", "杭抗", "沪泸", "徐涂", "津律", "佛拂", "晋普",
                    "昌冒", "渝榆", "锡赐", "桂挂", "汾份", "宜宣", "亳毫", "郴彬", "洛络", "湛堪", "泰秦", "乌鸟",
                    "岛鸟", "嘉喜", "吉古", "白自", "石右", "东车", "大太", "天夭", "土士", "未末", "日曰",
                    "王玉", "干千", "江汪", "都部", "衢瞿")
_LOOK_ALIKE = {(pair[0], pair[1]) for pair in LOOK_ALIKE_PAIRS} | {(pair[1], pair[0]) for pair in LOOK_ALIKE_PAIRS}


def looks_alike(char: str, other: str) -> bool:
    """Whether two characters are mistaken for each other by their look (LOOK_ALIKE_PAIRS)."""
    return (char, other) in _LOOK_ALIKE


def _slips(after: Division, rest: str, gazetteer: Gazetteer, named_too: bool = False) -> list[tuple[Division, str]]:
    """The divisions inside `after` that the unread `rest` begins with but for one character: a
    homophone (广洲 for 广州, 常沙 for 长沙, 济男 for 济南: a typo in Chinese is most often a character
    of the same pinyin) in any of its written forms, or any one character of its full name (杭卅市)
    or of a bare name that is the whole rest; never a text that is a division's name itself (北京，
    杭州 names two cities), unless `named_too` (浙江泰州: 泰州 is Jiangsu's, 台州 the one in 浙江 that
    sounds so). With the form as it should be written, longest first."""
    rows = gazetteer.rows("SELECT code, name, level, parent, province, english, latitude, longitude, place, "
                          "population FROM cn_division WHERE substr(code, 1, 2) = ?", (after.code[:2],))
    # never the division read already (北京 in 北京: the municipality's city). After a province only its
    # cities follow: a character that sounds otherwise is a slip there in a name of two (浙江杭卅);
    # after a city two characters one apart are as often two places (浦西 and 浦东, 虹桥 and 虹口)
    province = after.level == "province" and after.code[:2] not in MUNICIPALITIES
    return _slips_among([d for d in (Division(*row) for row in rows) if _inside(d, after)
                         and not _one_city(d, after)], rest, gazetteer, named_too,
                        shape=2 if province else 3)


def _one_city(division: Division, parent: Division) -> bool:
    """Whether `division` is the place `parent` is: a municipality's city (北京市 in 北京), which
    GeoNames and the gazetteer keep as a division inside the province of the same name."""
    return parent.level == "province" and parent.code[:2] in MUNICIPALITIES and division.level == "prefecture"


def _slips_among(inside: list[Division], rest: str, gazetteer: Gazetteer,
                 named_too: bool = False, shape: int = 2) -> list[tuple[Division, str]]:
    """_slips among the divisions `inside`; a character that sounds otherwise only in a form of
    `shape` characters or more."""
    chars = {char for char in rest[:MAX_KEY_CHARS]} | {char for d in inside for char in d.name}
    readings = {char: set(spoken.split()) for char, spoken in gazetteer.rows(
        f"SELECT char, readings FROM pinyin WHERE char IN ({','.join('?' * len(chars))})", sorted(chars))}
    found: list[tuple[Division, str, bool]] = []
    named = _divisions(gazetteer, (rest[:end] for end in range(2, min(len(rest), MAX_KEY_CHARS) + 1)))
    for division in inside:
        for form in sorted({division.name, *bare_forms(division.name, division.level)}, key=len, reverse=True):
            typed = rest[: len(form)]
            if len(typed) != len(form) or typed == form or typed in named and not named_too:
                continue  # 北京，杭州 is two cities: 杭州 is no slip for 通州
            differ = [(a, b) for a, b in zip(typed, form) if a != b]
            if len(differ) == 1 and (_homophone(*differ[0], readings)
                                     or len(form) >= shape and (form == division.name or typed == rest)):
                found.append((division, form, _homophone(*differ[0], readings)))
                break
    if any(homophone for *_, homophone in found):  # 常沙 is 长沙 (chang sha), not also 常德
        found = [item for item in found if item[2]]
    ranked = sorted(found, key=lambda item: (-len(item[1]), _LEVEL_ORDER[item[0].level], -item[0].population))
    return [(division, form) for division, form, _ in ranked]


MAX_SOUNDING_DIFFER = 2  # characters of a name typed as others of the same pinyin, at most: 天和区 (天河区) is one


def with_sounding_divisions(text: str, others: list[str], gazetteer: Gazetteer, lang: str | None) -> list[str]:
    """The suggestions for a Chinese name that names nothing: the divisions it sounds like first,
    each as a suggestion to type back (天和区 → 广东广州市天河区, 武候区 → 四川成都市武侯区, 杭洲 →
    浙江杭州市, 贵洲 → 贵州省), then `others` (GeoNames' places of that sound, Gazetteer.same_sounding)
    that are none of them (井山市: 湖北荆门市京山市, then 景山 of Beijing). A typo in Chinese is most
    often a character of the same pinyin (a pinyin keyboard offers both), and a district is what
    people type: GeoNames has few of their names, and shows a city's with English beside it."""
    divisions = _sounding_divisions(text, gazetteer)
    names = {form for division in divisions for form in {division.name, *bare_forms(division.name, division.level)}}
    # a place of that sound that is a division by its name (台州 for 泰洲, two characters off) is
    # offered as one too (浙江台州市), not by GeoNames' English beside it
    heads = [label.split(" (")[0] for label in others]
    named = _divisions(gazetteer, [head for head in heads if head not in names])
    for head in heads:
        found = [d for d in named.get(head, []) if d.form in ("full", "bare") and d.code not in
                 {division.code for division in divisions}]
        if found:
            divisions.append(max(found, key=lambda division: (-_LEVEL_ORDER.get(division.level, 3), _people(division))))
            names |= {head}
    # then a division one look-alike character off (深川: 深圳), after every one of the same sound
    codes = {division.code for division in divisions}
    looked = [division for division, form in _look_alike_divisions(text, gazetteer)
              if form not in names and division.code not in codes]

    def labelled(found: list[Division]) -> list[str]:
        labels = [_label(division, gazetteer, "zh") for division in found]
        if lang == "zh":
            return labels
        return [f"{label} ({_label(division, gazetteer, 'en', official=False)})" for label, division in zip(labels, found)]

    others = [label for label in others if label.split(" (")[0] not in names]
    return [*labelled(divisions), *others, *labelled(looked)][:MAX_SLIPS]


def _forms_alike(text: str, gazetteer: Gazetteer) -> Iterator[tuple[Division, str, list[tuple[str, str]]]]:
    """Each division's written forms of the length of `text` (its name, without its suffix) that are
    not `text` itself, in order, with the characters in which they differ (typed, own): the one scan
    that both the homophone and the look-alike suggestions read. Nothing for a text not all Chinese."""
    typed = text.strip()
    if not 2 <= len(typed) <= MAX_KEY_CHARS or not all(has_cjk(char) for char in typed):
        return
    rows = gazetteer.rows("SELECT code, name, level, parent, province, english, latitude, longitude, place, "
                          "population FROM cn_division")
    for division in (Division(*row) for row in rows):
        for form in sorted({division.name, *bare_forms(division.name, division.level)}):
            if len(form) == len(typed) and form != typed:
                yield division, form, [(a, b) for a, b in zip(typed, form) if a != b]


def _sounding_divisions(text: str, gazetteer: Gazetteer) -> list[Division]:
    """The divisions `text` sounds like (with_sounding_divisions): at least one character as typed;
    fewer characters changed first, then the higher level, then the more people."""
    candidates = [(division, differ) for division, form, differ in _forms_alike(text, gazetteer)
                  if len(differ) <= min(MAX_SOUNDING_DIFFER, len(form) - 1)]
    chars = sorted({char for _, differ in candidates for pair in differ for char in pair})
    readings = {char: set(spoken.split()) for char, spoken in gazetteer.rows(
        f"SELECT char, readings FROM pinyin WHERE char IN ({','.join('?' * len(chars))})", chars)} if chars else {}
    best: dict[str, tuple[int, Division]] = {}
    for division, differ in candidates:
        if all(_homophone(a, b, readings) for a, b in differ):
            changed = len(differ)
            if division.code not in best or changed < best[division.code][0]:
                best[division.code] = (changed, division)
    fewest = min((changed for changed, _ in best.values()), default=0)  # 天和区 is 天河区, not also 沾化区 by two
    ranked = sorted((item for item in best.values() if item[0] == fewest),
                    key=lambda item: (_LEVEL_ORDER.get(item[1].level, 3), -_people(item[1])))
    return [division for _, division in ranked[:MAX_SLIPS]]


def _look_alike_divisions(text: str, gazetteer: Gazetteer, levels: tuple[str, ...] = ()) -> list[tuple[Division, str]]:
    """The divisions (of `levels`, or any) whose name, in a written form of its length, is `text`
    but for one character that looks alike (LOOK_ALIKE_PAIRS: 深川 for 深圳), with that form; the
    higher level first, then the more people."""
    found: dict[str, tuple[Division, str]] = {}  # a division once, by its first form alike
    for division, form, differ in _forms_alike(text, gazetteer):
        if (not levels or division.level in levels) and len(differ) == 1 and looks_alike(*differ[0]):
            found.setdefault(division.code, (division, form))
    return sorted(found.values(), key=lambda item: (_LEVEL_ORDER.get(item[0].level, 3), -_people(item[0])))[:MAX_SLIPS]


def look_alike_cities(text: str, gazetteer: Gazetteer) -> list[str]:
    """The prefecture-level cities and provinces a Chinese name is one look-alike character from
    (深川: 深圳), labelled as Gazetteer.same_sounding labels ("深圳 (Shenzhen, Guangdong)"): what a
    name answered by a small place abroad may have meant, after the cities it sounds like."""
    return [f"{form} ({division.english}, {division.province})"
            for division, form in _look_alike_divisions(text, gazetteer, ("province", "prefecture"))]


def _slip_error(text: str, reading: str, used: str, chains: list[_Chain], gazetteer: Gazetteer,
                lang: str) -> PlaceNotFound | None:
    """Not found, suggesting the address as it should be written, when the part after what was read
    is one character from a division inside it (广东省广洲市天河区: did you mean 广东省广州市天河区?):
    as `near 杭洲` suggests 杭州, never the province's sites for the chain's first part alone."""
    from sitefinder.errors import PlaceNotFound

    rest = reading[len(used):]
    suggestions: dict[str, str] = {}  # one per address as it should be written (长沙市, 长沙县: 湖南长沙)
    # after each reading of what was read (河北 is the province and Tianjin's 河北区: 河北石家洲 is the former's)
    slips = [slip for chain in chains for slip in _slips(chain.divisions[-1], rest, gazetteer)]
    for division, form in sorted(slips, key=lambda item: -len(item[1])):
        fixed = used + form + rest[len(form):]
        found = _chains(fixed, gazetteer)
        deepest = found[0].divisions[-1] if found else division
        # in Chinese the address itself, or from its province down where it was typed without it
        label = _label(deepest, gazetteer, lang, official=False)
        if lang == "zh":
            suggestions.setdefault(fixed, fixed if _province_typed(fixed, deepest, gazetteer) else label)
        else:
            suggestions.setdefault(fixed, f"{fixed} ({label})")
    suggestions = dict(list(suggestions.items())[:MAX_SLIPS])
    return PlaceNotFound(text, list(suggestions.values()), lang=lang) if suggestions else None


MAX_SLIPS = 3  # suggestions for a slip in an address chain, as for a name alone (Gazetteer.suggest)


def _confirmed_slip(used: str, rest: str, slips: list[tuple[Division, str]],
                    gazetteer: Gazetteer) -> tuple[str, str, str] | None:
    """The one reading of a slip that the chain itself confirms: with the slipped part written as
    it should be, the whole text reads as divisions and one of them lies inside the corrected one
    (广洲市天河区: 天河区 is in 广州市; 广东省杭洲市西湖区: 西湖区 in 杭州市). As (the text so written, the
    part as typed, the part as it should be); None when nothing after the slip confirms it (浙江杭洲,
    广洲 alone: asked back, did you mean 杭州?)."""
    for division, form in slips:
        fixed = used + form + rest[len(form):]
        found = _chains(fixed, gazetteer)
        if found and found[0].used == len(fixed) and division.code in {d.code for d in found[0].divisions[:-1]}:
            return fixed, rest[: len(form)], form
    return None


def _top_slips(reading: str, gazetteer: Gazetteer) -> list[tuple[Division, str]]:
    """The slips (_slips) a chain that reads from no division at all begins with, among the
    provinces and prefecture-level cities (广洲市天河区: 广州市)."""
    rows = gazetteer.rows("SELECT code, name, level, parent, province, english, latitude, longitude, place, "
                          "population FROM cn_division WHERE level IN ('province', 'prefecture')")
    return _slips_among([Division(*row) for row in rows], reading, gazetteer)


def _one_edit(typed: str, form: str) -> bool:
    """Whether `typed` is `form` with one character wrong, left out or typed twice (广洲市, 广市, 广州州市)."""
    if typed == form or abs(len(typed) - len(form)) > 1:
        return False
    if len(typed) == len(form):
        return sum(a != b for a, b in zip(typed, form)) == 1
    shorter, longer = sorted((typed, form), key=len)
    return any(longer[:at] + longer[at + 1:] == shorter for at in range(len(longer)))


def _within(parent: Division | None, gazetteer: Gazetteer) -> list[Division]:
    """The divisions inside `parent`; for none, those an address begins with (provinces, prefecture-level cities)."""
    columns = "code, name, level, parent, province, english, latitude, longitude, place, population"
    if parent is None:
        return [Division(*row) for row in gazetteer.rows(
            f"SELECT {columns} FROM cn_division WHERE level IN ('province', 'prefecture')")]
    rows = gazetteer.rows(f"SELECT {columns} FROM cn_division WHERE substr(code, 1, 2) = ?", (parent.code[:2],))
    return [d for d in (Division(*row) for row in rows) if _inside(d, parent)]


def _relooked(reading: str, chains: list[_Chain], gazetteer: Gazetteer) -> tuple[str, str, str] | None:
    """A slip of one character, wrong, left out or typed twice, in any division of an address chain
    (广东省广州州市天河区, 河北省石家市长安区, 内蒙古自治呼和浩特市新城区, 河省石家庄市): read again from where
    each division began and where the reading stopped, with a division of that place one slip from
    what was typed there. Accepted only when the chain confirms it: the text so written reads on,
    into a division inside the corrected one, named in full, or ending the text (a street after it is
    no confirmation: 天河路 is no 天河区). As _confirmed_slip's (text so written, part typed, part as
    it should be); None when none is confirmed, or several that answer differently."""
    places: dict[tuple[int, str], Division | None] = {(0, ""): None}
    for chain in chains:
        for position, parent in zip((*chain.starts, chain.used), (None, *chain.divisions)):
            places.setdefault((position, parent.code if parent else ""), parent)
    found: list[tuple[int, str, str, str, str]] = []  # (characters read, deepest's code, fixed, typed, form)
    for (position, _), parent in places.items():
        rest = reading[position:]
        named = set(_divisions(gazetteer, (rest[:end] for end in range(2, min(len(rest), MAX_KEY_CHARS) + 1))))
        for division in _within(parent, gazetteer):
            if parent is not None and _one_city(division, parent):
                continue  # a correction never turns a part into the place read already (北京望京 is no 北京北京)
            for form in {division.name, *bare_forms(division.name, division.level)}:
                for length in {len(form) - 1, len(form), len(form) + 1}:
                    typed = rest[:length]
                    if len(typed) != length or not _one_edit(typed, form):
                        continue
                    fixed = reading[:position] + form + rest[length:]
                    for chain in _chains(fixed, gazetteer):
                        at = [i for i, d in enumerate(chain.divisions[:-1]) if d.code == division.code
                              and chain.starts[i] == position]
                        after = chain.divisions[at[0] + 1:] if at else ()
                        # a division after it named in full confirms it (a street may follow); its
                        # bare name only when the text ends there. A name typed that is a division's
                        # own (黔南 for 黔东南, 大田 for 莆田) only by one named in full: 浙江泰州 is
                        # Jiangsu's 泰州 said so (_in_another_province), not 台州
                        if any(d.form == "full" for d in after) or after and chain.used == len(fixed) \
                                and typed not in named:
                            found.append((chain.used - len(form) + length, chain.divisions[-1].code, fixed, typed, form))
                            break
    read = max((chain.used for chain in chains), default=0)
    found = [item for item in found if item[0] > read]  # a correction reads on past where the reading stopped
    if not found:
        return None
    most = max(item[0] for item in found)
    best = [item for item in found if item[0] == most]
    if len({item[1] for item in best}) > 1:
        return None  # two corrections, two places: asking is better than guessing
    # the name in full where it fits as well (石家市: 石家庄市, not 石家庄 and 市 after it)
    _, _, fixed, typed, form = min(best, key=lambda item: (-len(item[4]), -len(item[3]), item[2]))
    return fixed, typed, form


def _corrected(query: str, fixed: str, typed: str, form: str, gazetteer: Gazetteer, preferred: frozenset[int],
               lang: str) -> Resolution | None:
    """The answer of a chain whose slip the chain confirms (_confirmed_slip, _relooked), saying what
    was read so; one slip only is ever corrected."""
    resolution = _resolve_hanzi(query, fixed, gazetteer, preferred, lang, slipped=True)
    if resolution is None:
        return None
    note = say("notice.china.slip_read", lang, typed=typed, form=form, fixed=fixed)
    return resolution._replace(notes=(note, *resolution.notes))


def _without_postcode(parts: list[str]) -> list[str]:
    """The parts of an address without the postal code written before it (510000 广东省广州市天河区,
    510000广东省…): China writes the code first on an envelope, and the digits, read as a Latin part,
    made the whole address unknown. A code after the address is said as its unread rest."""
    while parts and parts[0].isdigit():  # str.isdigit: full-width digits (５１００００) too
        parts = parts[1:]
    if parts and parts[0][:1].isdigit():
        first = parts[0].lstrip("0123456789０１２３４５６７８９")
        parts = [first, *parts[1:]] if has_cjk(first[:1]) else parts
    return parts


def _resolve_hanzi(query: str, text: str, gazetteer: Gazetteer, preferred: frozenset[int], lang: str,
                   area: str = "", slipped: bool = False) -> Resolution | None:
    parts = _without_postcode(_without_country([part for part in text.translate(_SEPARATORS).split(",") if part]))
    if not parts or not any(has_cjk(part) for part in parts):
        return None
    if not has_cjk(parts[0]) and not _divisions(gazetteer, [fold(parts[0])]):
        return None  # a mixed address begins with a division's Latin name ("Guangzhou 天河"); "Sun Yat-sen 医院" is none
    orders = _chunks(parts, gazetteer)
    _, typed_at = _grouped(parts, _spans(text, parts))
    readings = ["".join(chunk)[:MAX_CHAIN_CHARS] for chunk in orders]
    pieces = {reading: (chunk, typed_at, False) for reading, chunk in zip(readings, orders)}
    if len(parts) > 1:  # "天河区, 广州": the city written after, as English does
        for chunk in list(orders):
            reading = "".join(reversed(chunk))[:MAX_CHAIN_CHARS]
            readings.append(reading)
            pieces.setdefault(reading, (list(reversed(chunk)), list(reversed(typed_at)), True))
    # Traditional characters (廣州市天河區, 鼓樓區) read as Simplified too: the mainland's names are
    # kept so. After the text as typed, which wins a tie: Taiwan's, Hong Kong's and Macau's own
    # names (臺中, 九龍, 東區) are kept as written there and stay theirs.
    typed = list(dict.fromkeys(readings))
    simplified = {form: reading for reading in typed for form in gazetteer.simplified_forms(reading)}
    readings = typed + list(simplified)
    found = [(reading, chains) for reading in readings if (chains := _chains(reading, gazetteer))]
    if not found:
        for reading in typed:  # 广洲市天河区: no division read from its first character
            confirmed = _confirmed_slip("", reading, _top_slips(reading, gazetteer), gazetteer)
            if confirmed is not None:
                return _corrected(query, *confirmed, gazetteer, preferred, lang)
        for reading in typed if not slipped else []:  # 河省石家庄市: a character left out of the first
            confirmed = _relooked(reading, [], gazetteer)
            if confirmed is not None:
                return _corrected(query, *confirmed, gazetteer, preferred, lang)
        return None
    reading, chains = max(found, key=lambda item: (item[1][0].used == len(item[0]), item[1][0].used))
    if reading not in typed and _a_local_name(readings[0], gazetteer):
        return None  # 九龍 is Kowloon as Hong Kong writes it (GeoNames' place), not 九龙县 read in Simplified
    used, rest = reading[: chains[0].used], reading[chains[0].used:]
    chain = chains[0].divisions
    known = _known_inside(chains, rest, gazetteer) if rest else None
    if known is not None:  # 武汉汉口, 上海浦西: a name known inside the city, before any close spelling (硚口, 浦东)
        length, town = known
        if town.geonameid not in {c.divisions[-1].place for c in chains}:
            return _town_inside(query, text, town, reading, len(used) + length, pieces, simplified, gazetteer, lang)
        used, rest = reading[: len(used) + length], reading[len(used) + length:]  # the city's own place, by another name
    if rest:
        slips = [slip for chain in chains for slip in _slips(chain.divisions[-1], rest, gazetteer)]
        confirmed = _confirmed_slip(used, rest, sorted(slips, key=lambda item: -len(item[1])), gazetteer)
        if confirmed is None and not slipped:
            confirmed = _relooked(reading, chains, gazetteer)
        if confirmed is not None:
            return _corrected(query, *confirmed, gazetteer, preferred, lang)
        slip = _slip_error(text, reading, used, chains, gazetteer, lang)
        if slip is not None:
            raise slip
    if rest and len(chain) == 1:
        elsewhere = _in_another_province(query, chain[0], rest, gazetteer, preferred, lang)
        if elsewhere is not None:
            return elsewhere
        two = _two_cities(text, chain[0], rest, gazetteer, lang)
        if two is not None:
            raise two
    ranked = _rank([chain.divisions[-1] for chain in chains], preferred, area=area)
    if rest and len(chain) == 1 and chain[0].form != "full" and not _city_before(ranked[0], rest):
        return None  # "中山大学肿瘤防治中心" is a hospital, not Zhongshan; 和平饭店 no 和平区
    # Read as well in Simplified (Taiwan's 和平區 is the mainland's 和平区 in Traditional): those come
    # after the place of the name as typed, and are named in the notice.
    score = (chains[0].used == len(reading), chains[0].used)
    also = [chain.divisions[-1] for other, more in found if other != reading
            and (more[0].used == len(other), more[0].used) == score for chain in more]
    ranked += [division for division in _rank(also, preferred, area=area) if division.code not in {d.code for d in ranked}]
    # said as typed (a Simplified reading of Traditional characters: its characters one for one, so
    # the typed reading's parts tell where its rest was typed)
    read_in, spans, backwards = pieces[simplified.get(reading, reading)]
    rest = _unread(read_in, len(used), backwards, text, spans) if rest else ""
    notes = [_rest_notice("notice.china.rest_ignored", lang, used, _label(ranked[0], gazetteer, lang), rest)] \
        if rest else []
    if _names_a_province(ranked):
        return _province_or_city(query, text, used, ranked, gazetteer, notes, lang)
    alone = len(chain) == 1 and not rest
    # a namesake notice names what was read (北京市朝阳区), not the street after it
    resolution = _answer(used if rest else query, ranked, gazetteer, notes, lang, key=name_key(used) if alone else "",
                         read=used)
    if rest:
        resolution = resolution._replace(query=query, read=used)
    if alone and area and ranked[0].code[:2] != area:
        local = _local_first(query, used, ranked[0], resolution, gazetteer, lang, area)
        if local is not None:
            return local
    abroad = _abroad(name_key(used), gazetteer) if alone else []  # 全州 is also Jeonju, 松山 Matsuyama
    if not abroad:
        return resolution
    return resolution._replace(
        alternatives=(*resolution.alternatives, *abroad[:2]),
        notes=(*resolution.notes, *(say("notice.china.abroad_too", lang, head=used, place=_abroad_label(place, gazetteer, lang),
                                        ask=f"{place.name}, {place.country}") for place in abroad[:2])))


# What begins the rest of a name that begins with a city's (中山大道, 北京路, 南京路: streets of
# other cities; 中山大学, 吉林大学: universities elsewhere): the city's name is then the first word of
# the street's or the facility's, not where it is.
STREET_WORDS_ZH = ("路", "街", "大街", "大道", "道", "巷", "弄", "胡同")


def _city_before(division: Division, rest: str) -> bool:
    """Whether a bare name with a `rest` after it (杭州文三路, 义乌稠城, 成都 春熙路) is read as the city
    it names, the rest said unread: a city's (a prefecture, a county-level 市, a municipality), not a
    district's or county's (和平饭店, 新华书店: their bare names are words), and not the first word
    of a street's or facility's name (STREET_WORDS_ZH, FACILITY_WORDS_ZH)."""
    city = division.level == "prefecture" or division.level == "county" and division.name.endswith("市") \
        or division.level == "province" and division.code[:2] in MUNICIPALITIES
    return city and not rest.startswith((*STREET_WORDS_ZH, *FACILITY_WORDS_ZH))


def _known_inside(chains: list[_Chain], rest: str, gazetteer: Gazetteer) -> tuple[int, Place] | None:
    """The longest beginning of `rest` that is a GeoNames place's name (汉口, 浦西: names a person in
    the city uses) inside the division read last: in its province and within SAME_PLACE_KM of its
    seat; the most populous of that name. As (its length, the place); None when there is none. A
    name known there beats a close spelling of another division (浦西 is no slip for 浦东)."""
    deepest = [chain.divisions[-1] for chain in chains]
    for length in range(min(len(rest), MAX_KEY_CHARS), 1, -1):
        if not has_cjk(rest[length - 1]):
            continue
        towns = [place for place in gazetteer.places(fold(rest[:length]))
                 if gazetteer.country_code_of(place.country) == "CN" and any(
                     place.province == division.province and (place.geonameid == division.place or sphere_km(
                         place.latitude, place.longitude, division.latitude, division.longitude) <= SAME_PLACE_KM)
                     for division in deepest)]
        if towns:  # 东莞市长安镇: the town with its own level word (镇, 乡, 街道), not "镇" left unread
            suffix = next((word for word in _TOWN_WORDS if rest[length:].startswith(word)), "")
            return length + len(suffix), max(towns, key=lambda place: place.population)
    return None


_TOWN_WORDS = ("街道", "镇", "乡", "鎮", "鄉")  # what follows a town's name as its level


def _town_inside(query: str, text: str, town: Place, reading: str, used: int,
                 pieces: dict[str, tuple[list[str], list[tuple[int, int]], bool]], simplified: dict[str, str],
                 gazetteer: Gazetteer, lang: str) -> Resolution:
    """The answer for a place known inside the city (_known_inside) that is not the city's own: that
    place, what follows it said unread."""
    read_in, spans, backwards = pieces[simplified.get(reading, reading)]
    rest = _unread(read_in, used, backwards, text, spans) if used < len(reading) else ""
    chinese = gazetteer.chinese_name(town.geonameid) if town.geonameid else ""
    label = chinese or town.name if lang == "zh" else town.name
    notes = (_rest_notice("notice.china.rest_ignored", lang, reading[:used], label, rest),) if rest else ()
    # its Chinese name, as a division's: the place was read inside the city named, no "small place of
    # that name" (resolver.loose_notes) quoting the whole address as its name
    return Resolution(query=query, place=town, notes=notes, read=reading[:used], name_zh=chinese)


def _in_another_province(query: str, province: Division, rest: str, gazetteer: Gazetteer, preferred: frozenset[int],
                         lang: str, named: list[Division] | None = None) -> Resolution | None:
    """A province and then a city or county that is in another (浙江泰州, 江苏省杭州市): the part
    after the province is read whole (a street after it, 广东省中山大道, is not a city), answered as
    the place it names, saying where that is and which of the province's own places sounds like it
    (泰州 is in 江苏; 浙江 has 台州): the name typed in full is what exists, the province the part
    that contradicts it. It was "not found", with no word of either. None when `province` is no
    province (北京上海 names two cities: asked back) or the rest is not a place wholly. `named`: the
    divisions the rest names, when read already (a Latin name's)."""
    if province.level != "province" or province.code[:2] in (*MUNICIPALITIES, "HK", "MO", "TW"):
        return None
    if any(place.province == province.province and gazetteer.country_code_of(place.country) == "CN"
           for place in gazetteer.places(fold(rest))):
        return None  # "Danshui, Guangdong": a town of that name is in the province (淡水 is Taiwan's district)
    if named is None:
        named = [chain.divisions[-1] for chain in _chains(rest, gazetteer) if chain.used == len(rest)]
    ranked = [division for division in _rank(named, preferred) if division.level != "province"]
    if not ranked:
        return None
    return _answer_elsewhere(query, province, ranked, rest, gazetteer, lang)


def _two_cities(text: str, first: Division, rest: str, gazetteer: Gazetteer, lang: str) -> AskedBack | None:
    """Two cities written together (北京上海, 广州深圳): asked back, as "广州 深圳" is
    (resolver._two_places), never one of them, nor "not found"."""
    from sitefinder.errors import AskedBack

    if first.level == "county" or first.level == "province" and first.code[:2] not in MUNICIPALITIES:
        return None
    second = [chain.divisions[-1] for chain in _chains(rest, gazetteer) if chain.used == len(rest)]
    cities = [division for division in _rank(second, frozenset()) if division.level == "prefecture"
              or division.level == "province" and division.code[:2] in MUNICIPALITIES]
    if not cities or cities[0].code[:2] == first.code[:2] and first.code[:2] in MUNICIPALITIES:
        return None
    shown = [f"{short_name(d.name)} ({place_words(d.english, d.province)})" for d in (first, cities[0])]
    return AskedBack(text, shown, hint=said("hint.two_places", first=shown[0], second=shown[1]), lang=lang)


def _answer_elsewhere(query: str, province: Division, ranked: list[Division], typed: str, gazetteer: Gazetteer,
                      lang: str) -> Resolution:
    """The answer of _in_another_province, and of a Latin query of the same kind ("Hangzhou,
    Jiangsu"): the place named (`ranked`, namesakes after it), with the notice. `typed` is the
    place's part as written, in characters when typed so (the province's places sounding like it
    are looked for only then: in Latin letters a namesake of that sound is found by its pinyin)."""
    leader = ranked[0]
    where = _by_code(gazetteer, leader.code[:2] + "0000")
    sounding = [division for division, _ in _slips(province, typed, gazetteer, named_too=True)
                if division.level == leader.level and _homophone_of(typed, division, gazetteer)] if has_cjk(typed) else []
    given = short_name(province.name) if has_cjk(typed) else province.province
    values = {"typed": typed, "province": given, "where": short_name(where.name) if where and lang == "zh" else
              leader.province, "used": _label(leader, gazetteer, lang)}
    if sounding:
        note = say("notice.china.in_another_province_sounding", lang, **values,
                   sounding=_label(sounding[0], gazetteer, lang), ask=short_name(province.name) + short_name(sounding[0].name))
    else:
        note = say("notice.china.in_another_province", lang, **values)
    resolution = _answer(query, ranked, gazetteer, [note], lang)
    return resolution._replace(alternatives=(*resolution.alternatives,
                                             *(_place(division, gazetteer) for division in sounding[:1])))


def _homophone_of(typed: str, division: Division, gazetteer: Gazetteer) -> bool:
    """Whether a division's name, in any written form of its length, sounds as `typed` does
    character by character (台州 for 泰州: tai zhou)."""
    forms = [form for form in {division.name, *bare_forms(division.name, division.level)} if len(form) == len(typed)]
    chars = sorted({*typed, *(char for form in forms for char in form)})
    readings = {char: set(spoken.split()) for char, spoken in gazetteer.rows(
        f"SELECT char, readings FROM pinyin WHERE char IN ({','.join('?' * len(chars))})", chars)}
    return any(all(a == b or _homophone(a, b, readings) for a, b in zip(typed, form)) for form in forms)


def _local_first(query: str, used: str, leader: Division, resolution: Resolution, gazetteer: Gazetteer, lang: str,
                 area: str) -> Resolution | None:
    """Under a locale of Hong Kong, Macau or Taiwan (`area`), a bare name that a place of that area
    bears in either script (九龙: Kowloon, 九龍), answered by a mainland division (九龙县), is that
    place, the division named in the notice: a person there means their own."""
    towns = sorted((place for place in gazetteer.places(fold(used)) if gazetteer.country_code_of(place.country) == area
                    and place.geonameid and _written_as(gazetteer.chinese_name(place.geonameid), used, gazetteer)),
                   key=lambda place: -place.population)
    if not towns:
        return None
    town = towns[0]
    note = say("notice.china.local_first", lang, typed=used, used=f"{town.name}, {town.country}",
               other=_label(leader, gazetteer, lang), ask=leader.name)
    return Resolution(query=query, place=town, alternatives=(resolution.place, *resolution.alternatives),
                      notes=(note,))


def _a_local_name(text: str, gazetteer: Gazetteer) -> bool:
    """Whether `text` as typed is the name of a place of Hong Kong, Macau or Taiwan: written in
    their Traditional characters it is theirs, never a mainland division read in Simplified."""
    return any(gazetteer.country_code_of(place.country) in ("HK", "MO", "TW") for place in gazetteer.places(fold(text)))


def _names_a_province(ranked: list[Division]) -> bool:
    """Whether a province is named as plainly as the leader: by a form as good (青海 read "jinghai",
    a reading of its characters no one uses, does not make 静海 the province)."""
    best = _FORM_ORDER.get(ranked[0].form, 5)
    return any(d.level == "province" and _FORM_ORDER.get(d.form, 5) <= best for d in ranked)


def _province_or_city(query: str, text: str, used: str, ranked: list[Division], gazetteer: Gazetteer,
                      notes: list[str], lang: str) -> Resolution | None:
    """A province's name means the province (its sites), unless a city has that very name: 吉林 is
    then the city, with a notice; 北京, 香港 are the city. 海南 stays the province, though Qinghai's
    海南藏族自治州 is 海南 for short: only a city of the name counts."""
    from sitefinder.errors import RegionNotPlace

    leader = next(division for division in ranked if division.level == "province")
    if leader.code in ("HK", "MO"):
        return None  # the city, as GeoNames has it
    if leader.code[:2] in MUNICIPALITIES:  # 北京 is the city
        city = [d for d in ranked if d.level == "prefecture" and d.code[:2] == leader.code[:2]]
        return _answer(query, city, gazetteer, notes, lang) if city else None
    cities = [d for d in ranked if d.level != "province" and d.name == short_name(leader.name) + "市"]
    if cities:
        notes.append(say("notice.china.also_province", lang, used=used,
                         command=suggestion("list", "--province", region_asked(leader.province, "province", lang))))
        return _answer(query, cities, gazetteer, notes, lang)
    others = [d for d in ranked if d.level != "province"][:3]
    also = (*notes, *((say("notice.china.province_namesakes", lang, used=used,
                            named=("；" if lang == "zh" else "; ").join(_label(d, gazetteer, lang) for d in others),
                            ask=_ask(others[0], gazetteer, lang)),)
                   if others else ()))
    # with a rest not read (广东省人民路八号), the province is named as read: 广东省 is a province, the rest said
    raise RegionNotPlace(used if notes else text, _region_of(leader), notes=also, hint=said(
        "hint.region", command=suggestion("list", "--province", region_asked(leader.province, "province", lang))))


# China's name as an English address ends with it: "P.R. China", "PR China", "P. R. China" fold to
# prchina; as a qualifier they named nothing, and "Haidian District, Beijing, P.R.China" was Beijing
# "because Haidian District is not in the gazetteer".
CHINA_WORDS = frozenset(("china", "prc", "prchina", "peoplesrepublicofchina", "thepeoplesrepublicofchina",
                         "mainlandchina", "chinamainland", "zhongguo"))


def _resolve_latin(query: str, text: str, gazetteer: Gazetteer, preferred: frozenset[int], lang: str,
                   area: str = "") -> Resolution | None:
    text = _unabbreviated(text)
    parts = [part.strip() for part in text.translate({ord("，"): ","}).split(",") if part.strip()]
    if not parts:
        return None
    # Divisions each inside the one before, every word read by its own pinyin or English: the
    # Chinese order is the reading ("Wuhai, Hainan" is 海南区 of Wuhai, not Wuhai said to be in Hainan;
    # "Huangshan, Tunxi" 屯溪区 of Huangshan, not Huangshan in a city of which Tunxi is an old name)
    chained = _latin_chain(query, text, gazetteer, preferred, lang, area, strict=True)
    if chained is not None:
        return chained
    readings = [(parts[0], parts[1:])]
    words = text.split()
    if len(parts) == 1 and len(words) > 1:
        for cut in range(1, len(words)):  # "Guangzhou Tianhe", "Tianhe Guangzhou"
            readings += [(" ".join(words[cut:]), [" ".join(words[:cut])]), (" ".join(words[:cut]), [" ".join(words[cut:])])]
    for head, qualifiers in list(readings):  # "Enshi Tujia and Miao Autonomous Prefecture" is Enshi
        shortened = _without_peoples(head)
        if shortened != head:
            readings.append((shortened, qualifiers))
    for head, qualifiers in readings:
        key = fold(head)
        if len(key) < MIN_LOOSE_LETTERS and not head.isascii() and key.isascii():
            # a name of two letters written with its accent is a name, no code: Macau's parish Sé,
            # keyed with its level word (Sé Parish) as its two letters alone are no key
            key = next((key + word for word in SHORT_NAME_WORDS if _divisions(gazetteer, [key + word])), key)
        if len(key) < MIN_LOOSE_LETTERS or not key.isascii():
            continue  # "GZ", "BJ": never a loose match
        candidates = _divisions(gazetteer, [key]).get(key, [])
        if not candidates and ("lv" in key or "nv" in key):
            # ü typed as v, as a Chinese keyboard's pinyin writes it (lvliang, Lv Liang: 吕梁); the keys
            # spell it u (Lüliang folds to luliang). Pinyin has v only so, and only after l and n.
            key = key.replace("lv", "lu").replace("nv", "nu")
            candidates = _divisions(gazetteer, [key]).get(key, [])
        named = [c for c in candidates if c.form != "alias" and c.level != "province"]
        qualifiers = [q for q in qualifiers if fold(q) not in CHINA_WORDS]
        provinces: list[Division] = []
        slipped: list[str] = []
        for qualifier in qualifiers:
            within = _divisions(gazetteer, [fold(q) for q in _qualifier_forms(qualifier)])
            outer = [d for divisions in within.values() for d in divisions]
            if not outer and candidates and len(qualifiers) == 1:
                # "Tianhe, Guangzou": a city one letter off, confirmed by the place named in it
                outer = [d for d in _close_cities(fold(qualifier), gazetteer) if any(_inside(c, d) for c in candidates)]
                slipped = [qualifier, outer[0].english] if len({d.code for d in outer}) == 1 else []
                outer = outer if slipped else []
            provinces = [o for o in outer if o.level == "province" and o.form != "alias"] if len(qualifiers) == 1 else []
            candidates = [c for c in candidates if any(_inside(c, o) for o in outer)]
        candidates = [c for c in candidates if not _cut_short(c, key, gazetteer)]
        if not candidates and named and len({p.code for p in provinces}) == 1 and (len(parts) > 1 or len(words) > 1):
            # "Hangzhou, Jiangsu": as 江苏杭州 (_in_another_province), the city where it is, said so
            elsewhere = _in_another_province(query, provinces[0], head, gazetteer, preferred, lang, named)
            if elsewhere is not None:
                return elsewhere
        if not candidates:
            continue
        if any(c.form != "alias" for c in candidates):  # a name's own pinyin before another's alias
            candidates = [c for c in candidates if c.form != "alias"]
        ranked = _rank(candidates, preferred, wade_giles=_written_as_wade_giles(head), area=area)
        if slipped:
            note = say("notice.china.slip_read", lang, typed=slipped[0], form=slipped[1], fixed=f"{head}, {slipped[1]}")
            return _answer(query, ranked, gazetteer, [note], lang)
        abroad = _abroad(key, gazetteer) if not qualifiers else []
        own = [place for place in abroad if _own_name(place, key)]
        as_written = ranked[0].form == "wadegiles" and _written_as_wade_giles(head)  # Mi-to is 彌陀, not Mito
        if own and not as_written and _abroad_first(own[0], ranked[0], preferred):  # "Delhi", "Saga"
            return _abroad_answer(query, head, own, ranked, gazetteer, lang)
        if abroad and all(c.form == "alias" for c in candidates) and abroad[0].population >= FOREIGN_POPULATION \
                and abroad[0].population > 10 * max(ranked[0].population, 1) and ranked[0].place not in preferred:
            return None  # "Saigon": Ho Chi Minh City (14 million) by its old name, not Sai Kung by a stray one
        if _names_a_province(ranked):  # "Hunan", never Konan in Japan
            return _province_or_city(query, text, head, ranked, gazetteer, [], lang)
        # Only by its own name: a city abroad matched by the Chinese reading of its characters (Busan
        # is "Fushan", 釜山; Pyongyang "Pingyang") never beats the division of that pinyin (浮山县, 平阳县),
        # as Chinese characters are read as China first.
        if own and not as_written and own[0].population >= FOREIGN_POPULATION and own[0].population > 10 * max(
                ranked[0].population, 1) and ranked[0].level == "county":
            return None
        notes = [say("notice.china.abroad_too", lang, head=head, place=_abroad_label(place, gazetteer, lang),
                     ask=f"{place.name}, {place.country}") for place in own[:2]]
        leader = ranked[0]
        own_name = any(c.code == leader.code and c.form == "latin" for c in candidates)  # Linkou is pinyin too
        # "talin" is 大林 only as Wade-Giles spells it; Lin-kou put 林口區 before 林口县 as Wade-Giles: said
        if leader.form in _ROMANISATIONS and (not own_name or own or any(c.code != leader.code for c in candidates)):
            notes.insert(0, say("notice.china.romanisation", lang, head=head, used=_label(ranked[0], gazetteer, lang),
                                style=say(f"notice.china.{ranked[0].form}", lang)))
        if leader.form == "exonym":  # Korla, Golmud: the official name shown back, 库尔勒市
            notes.insert(0, say("notice.china.exonym", lang, head=head, used=_label(leader, gazetteer, lang)))
        resolution = _answer(query, ranked, gazetteer, notes, lang, key=key if not qualifiers else "")
        return resolution._replace(alternatives=(*resolution.alternatives, *own[:2])) if own else resolution
    return _latin_chain(query, text, gazetteer, preferred, lang, area)


# Level words as an English address shortens them: "Tianhe Dist.", "Kunshan Cty", "Aba Pref."
LEVEL_ABBREVIATIONS = {"dist": "District", "distr": "District", "cty": "County", "cnty": "County",
                       "pref": "Prefecture"}
_ABBREVIATED = re.compile(r"\b(" + "|".join(LEVEL_ABBREVIATIONS) + r")\b\.?", re.IGNORECASE)
MAX_NAME_WORDS = 6  # "Enshi Tujia and Miao Autonomous Prefecture"
MIN_LOOSE_LETTERS = 3  # a word of one or two letters (GZ, BJ) is never a place in a chain
SHORT_NAME_WORDS = ("parish", "district")  # the level words a two-letter name is keyed with (Sé Parish)


def _latin_words(text: str) -> list[tuple[str, bool]]:
    """The words of a Latin address, each with whether a comma came before it."""
    return [(word, number > 0 and at == 0) for number, part in enumerate(text.translate({ord("，"): ","}).split(","))
            for at, word in enumerate(part.split())]


def _unabbreviated(text: str) -> str:
    """Level words written in full: "Tianhe Dist." → "Tianhe District"."""
    return _ABBREVIATED.sub(lambda match: LEVEL_ABBREVIATIONS[match.group(1).lower()], text)


def _latin_chain(query: str, text: str, gazetteer: Gazetteer, preferred: frozenset[int], lang: str,
                 area: str = "", strict: bool = False) -> Resolution | None:
    """A Latin address of divisions each inside the one before, in the Chinese order from its start
    ("Guangdong Guangzhou Tianhe", "Guangzhou, Tianhe", "Jiangsu Suzhou Kunshan City") or in the
    English order from its end ("123 Tiyu West Road, Tianhe District, Guangzhou"); what lies beyond
    the deepest division (a street, a number) is said unread. Two divisions or more, or one written
    with its level word ("Tianhe District Tiyu West Road 123"): a single pinyin word beside a street
    is too loose a reading. Each name is whole words of three letters or more, never across a comma.
    `strict`: only a chain of two divisions or more that reads every word, each by its own name
    (pinyin or English, with or without its level word); else also by another name (Lu'an, as
    typed, is 六安's alias luan), which the chain confirms."""
    words = _latin_words(text)
    groups = _groups(words)
    if len(groups) > 1:  # "Yau Tsim Mong District, Kowloon, Hong Kong": Kowloon is an area, no district
        words = [word for group in groups if fold(_as_typed(group)) not in HK_AREAS for word in group]
        if words:
            words[0] = (words[0][0], False)
    while words and fold(words[0][0]) in CHINA_WORDS:  # "China, Guangzhou, Tianhe"
        words = words[1:]
    while words and fold(words[-1][0]) in CHINA_WORDS:
        words = words[:-1]
    if len(words) < 2:
        return None
    forms = ("latin", "exonym", "suffixed") if strict else ("latin", "exonym", "suffixed", "alias", "wadegiles", "tongyong")
    found: dict[str, list[Division]] = {}

    def named(start: int, end: int) -> list[Division]:
        key = fold(" ".join(word for word, _ in words[start:end]))
        if key not in found:
            found[key] = [d for d in _divisions(gazetteer, [key]).get(key, []) if d.form in forms] \
                if len(key) >= MIN_LOOSE_LETTERS and key.isascii() else []
        return found[key]

    def runs(position: int, forwards: bool) -> Iterable[tuple[int, int]]:
        """(start, end) of the names that could begin (forwards) or end at `position`, longest first."""
        for size in range(min(MAX_NAME_WORDS, len(words) - position if forwards else position), 0, -1):
            start, end = (position, position + size) if forwards else (position - size, position)
            if not any(comma for _, comma in words[start + 1:end]):  # a name never runs across a comma
                yield start, end

    best: list[tuple[int, bool, tuple[Division, ...]]] = []  # (words read, forwards, the chain)
    slipped: dict[str, str] = {}  # a division read one letter off: its code, as typed
    deepest: set[str] = set()  # of them, those read as the chain's last division (_close_child)

    def walk(position: int, chain: tuple[Division, ...], forwards: bool, read: int, slips: bool) -> None:
        extended = False
        for start, end in runs(position, forwards):
            for division in named(start, end):
                if not chain or _inside(division, chain[-1]):
                    extended = True
                    walk(end if forwards else start, (*chain, division), forwards, read + end - start, slips)
        if not extended and slips and not any(d.code in slipped for d in chain):
            # "Guangdong Guangzou Tianhe": a province or city one letter off, taken only when a
            # division read after it lies inside it (the chain confirms it)
            for start, end in runs(position, forwards):
                typed = " ".join(word for word, _ in words[start:end])
                for division in _close_outer(fold(typed), gazetteer):
                    if not chain or _inside(division, chain[-1]):
                        slipped[division.code] = typed
                        walk(end if forwards else start, (*chain, division), forwards, read + end - start, slips)
            # "Suzhou Kunshna": the deepest division one letter off, taken when its parent was read
            # exactly and the word is one slip from one division inside it alone (the parent confirms
            # it); two such (or none) stay a suggestion
            for start, end in runs(position, forwards) if chain else ():
                typed = " ".join(word for word, _ in words[start:end])
                child = _close_child(fold(typed), chain[-1], gazetteer)
                if child is not None and not names_any(start, end):
                    slipped[child.code] = typed
                    deepest.add(child.code)
                    walk(end if forwards else start, (*chain, child), forwards, read + end - start, slips)
        if not extended and chain:
            best.append((read, forwards, chain))

    def readings(slips: bool) -> list[tuple[int, bool, tuple[Division, ...]]]:
        best.clear()
        walk(0, (), True, 0, slips)
        walk(len(words), (), False, 0, slips)
        return [(read, forwards, chain) for read, forwards, chain in best if chain[-1].level != "province"
                and (chain[-1].code not in slipped or chain[-1].code in deepest
                     and not names_any(*unread_span(read, forwards)))  # nothing deeper named after it
                and (len(chain) >= 2 or chain[-1].form == "suffixed" and not strict
                                                       and not names_any(*unread_span(read, forwards)))
                and (read == len(words) or not strict)]

    def unread_span(read: int, forwards: bool) -> tuple[int, int]:
        return (read, len(words)) if forwards else (0, len(words) - read)

    def names_any(start: int, end: int) -> bool:
        """Whether the words from `start` to `end` name any division: "Shanxi Yunheng Yuanqu" is
        not 裕安区 ("Yuan qu") with a street before it, since Shanxi is named there."""
        return any(named(first, last) for first in range(start, end)
                   for last in range(first + 1, min(end, first + MAX_NAME_WORDS) + 1))

    # a slip is looked for only in a text that names a division of China besides (Guangzou Tianhe):
    # "New York City" is never compared with every city of China
    best = readings(slips=False)
    if not strict and any(found.values()) and (not best or max(read for read, _, _ in best) < len(words)):
        # a slip read further than the exact reading ("Jiangsu, Suzhou, Kunshna, 88 Renmin Road":
        # Kunshan, not Suzhou with "Kunshna" said unread)
        exact = list(best)
        mended = readings(slips=True)
        if exact and (not mended or max(read for read, _, _ in mended) <= max(read for read, _, _ in exact)):
            best = exact
            slipped.clear()
            deepest.clear()
        else:
            best = mended
    if not best:
        return None
    top = max((read, len(chain)) for read, _, chain in best)
    chains = [(forwards, chain) for read, forwards, chain in best if (read, len(chain)) == top]
    if any(d.form != "alias" for _, chain in chains for d in chain):  # its own names before another's
        chains = [(forwards, chain) for forwards, chain in chains if all(d.form != "alias" for d in chain)] or chains
    ranked = _rank([chain[-1] for _, chain in chains], preferred, area=area)
    read, forwards = top[0], chains[0][0]
    used, unread = (words[:read], words[read:]) if forwards else (words[len(words) - read:], words[:len(words) - read])
    rest = _as_typed(unread)
    key = "notice.china.rest_ignored" if forwards else "notice.china.rest_before_ignored"
    notes = [_rest_notice(key, lang, _as_typed(used), _label(ranked[0], gazetteer, lang), rest)] if rest else []
    chain = next(chain for _, chain in chains if chain[-1].code == ranked[0].code)
    # a slip in the deepest division is confirmed by its parent, not by what lies inside it
    notes[:0] = [say("notice.china.slip_read" + (".inside" if d.code in deepest else ""), lang, typed=slipped[d.code],
                     form=d.english, parent=_label(chain[at - 1], gazetteer, lang, official=False) if at else "",
                     fixed=_as_typed(used).replace(slipped[d.code], d.english, 1))
                 for at, d in enumerate(chain) if d.code in slipped]
    if not rest:
        return _answer(query, ranked, gazetteer, notes, lang)
    # a namesake notice names what was read ("Gulou District, Jiangsu"), not the street before it
    return _answer(_as_typed(used), ranked, gazetteer, notes, lang)._replace(query=query, read=_as_typed(used))


def _close_outer(key: str, gazetteer: Gazetteer) -> list[Division]:
    """The provinces and prefecture-level cities whose own pinyin or English name is one slip
    (`one_slip`) from `key` (guangzou, suzhuo: 广州市, 苏州市; guangdon: 广东省), for a name of
    MIN_SLIP_LETTERS or more."""
    if len(key) < MIN_SLIP_LETTERS or not key.isascii() or not key.isalpha():
        return []
    close = [known for known, in gazetteer.rows("SELECT k.key FROM cn_key k JOIN cn_division d ON d.code = k.code "
                                                "WHERE d.level = 'province' AND k.form IN ('latin', 'exonym')")
             if one_slip(key, known)]
    provinces = [d for found in _divisions(gazetteer, close).values() for d in found if d.level == "province"]
    return [*provinces, *_close_cities(key, gazetteer)]


def _close_child(key: str, parent: Division, gazetteer: Gazetteer) -> Division | None:
    """The one division inside `parent` whose own pinyin or English name (with or without its level
    word) is one slip (`one_slip`) from `key` (kunshna in Suzhou: 昆山市), for a key of
    MIN_SLIP_LETTERS or more; None for none, or for several (a suggestion, never a guess)."""
    if len(key) < MIN_SLIP_LETTERS or not key.isascii() or not key.isalpha():
        return None
    rows = gazetteer.rows("SELECT DISTINCT k.key, k.code FROM cn_key k JOIN cn_division d ON d.code = k.code "
                          "WHERE substr(d.code, 1, 2) = ? AND d.code != ? AND k.form IN ('latin', 'exonym', 'suffixed')",
                          (parent.code[:2], parent.code))
    close = sorted({known for known, _ in rows if abs(len(known) - len(key)) <= 1 and one_slip(key, known)})
    children = {d.code: d for found in _divisions(gazetteer, close).values() for d in found
                if _inside(d, parent) and d.form in ("latin", "exonym", "suffixed")}
    return next(iter(children.values())) if len(children) == 1 else None


def one_slip(typed: str, known: str) -> bool:
    """Whether Latin `typed` is `known` with one slip of the hand: a letter wrong, left out or typed
    in besides (a letter typed twice), or two letters side by side swapped (suzhuo for suzhou: a
    swap is one slip, not the two changes Levenshtein counts). THE rule for a slip in a Latin name,
    a division's or a level word's (Distirct)."""
    if typed == known or abs(len(typed) - len(known)) > 1:
        return False
    if len(typed) != len(known):
        shorter, longer = sorted((typed, known), key=len)
        at = next((i for i, (a, b) in enumerate(zip(shorter, longer)) if a != b), len(shorter))
        return shorter[at:] == longer[at + 1:]
    differ = [i for i, (a, b) in enumerate(zip(typed, known)) if a != b]
    return len(differ) == 1 or (len(differ) == 2 and differ[1] == differ[0] + 1
                                and typed[differ[0]] == known[differ[1]] and typed[differ[1]] == known[differ[0]])


# Hong Kong's three areas, written in an address between its district and "Hong Kong": no division
# (九龍城區 is "Kowloon City"), so the chain reads past them
HK_AREAS = frozenset(("kowloon", "newterritories", "hongkongisland", "nt", "kln"))


def _groups(words: list[tuple[str, bool]]) -> list[list[tuple[str, bool]]]:
    """Words of _latin_words in their comma-separated groups."""
    groups: list[list[tuple[str, bool]]] = []
    for word, comma in words:
        if comma or not groups:
            groups.append([])
        groups[-1].append((word, comma))
    return groups


def _as_typed(words: list[tuple[str, bool]]) -> str:
    """Words of _latin_words written back, with their commas."""
    return "".join((", " if comma and at else " " if at else "") + word for at, (word, comma) in enumerate(words))


def _cut_short(division: Division, key: str, gazetteer: Gazetteer) -> bool:
    """Whether a district of Hong Kong or Macau is named in Latin letters only by its English name cut
    short where a place of its region of ABROAD_NOTED people, and more than the district's, has that as its own name:
    "Kowloon" is Kowloon (2.2 million), as 九龍 is, not 九龍城區 (Kowloon City, 0.4 million: "City" is
    城, the walled city, no level word); "Central" stays Central and Western (Central: 11,000)."""
    english = fold(division.english)
    return division.code[:2] in ("HK", "MO") and english != key and english.startswith(key) and any(
        fold(place.name) == key and gazetteer.country_code_of(place.country) == division.code[:2]
        and place.population >= max(ABROAD_NOTED, division.population) for place in gazetteer.places(key))


def _written_as_wade_giles(text: str) -> bool:
    """Whether Latin text is written as Taiwan wrote Wade-Giles, its syllables joined by hyphens
    (Pan-chiao, Lin-kou District, T'ai-pei): pinyin writes a name as one word (Banqiao, Linkou), so a
    hyphened spelling that is a Taiwanese township's Wade-Giles is read as that township first."""
    words = text.split()
    parts = words[0].replace("'", "").replace("’", "").split("-") if words else []
    return len(parts) >= 2 and all(part.isascii() and part.isalpha() for part in parts)


def _own_name(place: Place, key: str) -> bool:
    """Whether the key is the place's own name, with or without the word for a city that Korea and
    Japan write after it (Anyang-si), not an alias (Gwangju is "Guangzhou", a reading of 光州)."""
    name = fold(place.name)
    return name == key or any(name == key + word for word in ("si", "shi", "gun", "city"))


def _abroad_first(abroad: Place, leader: Division, preferred: frozenset[int]) -> bool:
    """Whether a place abroad whose own name is the one typed (ABROAD_NOTED people or more) comes
    before the Chinese division: when the division is named only by an alias (another reading of
    its characters, or an old or foreign spelling of its seat: "Delhi" for Delingha, "Kochi" for
    Geji County, "Porto" for Nehe), as a place's own name beats another's alias everywhere else; or
    when it is a county whose seat has under a tenth of that place's people ("Saga": Saga, Japan,
    233,000, before Saga County, Tibet). A division hosting a site of the trial stays first.
    Measured on the benchmark's 3,214 pinyin queries: no answer of a division's own pinyin changes
    but these (Saga, Taiping, Angren, Batang, Bama), each answered with a notice naming the division."""
    if leader.place in preferred:
        return False
    return leader.form == "alias" or (leader.level == "county" and abroad.population > 10 * max(leader.population, 1))


def _one_per_place(divisions: list[Division], gazetteer: Gazetteer) -> list[Division]:
    """The divisions in their order, each place answered once: a prefecture answers as its seat's
    city (海西州 as Delingha), which is its seat's county-level city too (德令哈市); "Delhi" named
    Delingha twice. Keelung's 中正區, 22 km from Taipei's, is another place: kept."""
    kept: list[Division] = []
    shown: list[Place] = []
    for division in divisions:
        place = _place(division, gazetteer)
        if not any(place.geonameid is not None and place.geonameid == other.geonameid
                   or sphere_km(place.latitude, place.longitude, other.latitude, other.longitude) <= 1 for other in shown):
            kept.append(division)
            shown.append(place)
    return kept


def _abroad_answer(query: str, head: str, own: list[Place], ranked: list[Division], gazetteer: Gazetteer,
                   lang: str) -> Resolution:
    """The place abroad, with the Chinese divisions of that name as alternatives and in the notice."""
    ranked = _one_per_place(ranked, gazetteer)
    named = ("；" if lang == "zh" else "; ").join(_label(division, gazetteer, lang) for division in ranked[:3])
    where = ranked[0].province or gazetteer.country_name(ranked[0].code[:2])  # Taiwan, Hong Kong, Macau
    note = say("notice.abroad_namesake", lang, head=head, named=named, used=_abroad_label(own[0], gazetteer, lang),
               ask=f"{head}, {where}")
    return Resolution(query=query, place=own[0], alternatives=(*own[1:3], *(_place(d, gazetteer) for d in ranked[:3])),
                      notes=(note,))


# The peoples an autonomous division is named for, as its English name writes them.
_PEOPLES_EN = frozenset(("tujia", "miao", "yi", "tibetan", "qiang", "hui", "mongol", "mongolian", "kazakh", "kyrgyz",
                         "dai", "bai", "zhuang", "buyei", "bouyei", "dong", "hani", "lisu", "jingpo", "korean", "li",
                         "yao", "she", "lahu", "va", "wa", "naxi", "nu", "derung", "pumi", "salar", "tu", "bonan",
                         "dongxiang", "yugur", "tajik", "xibe", "daur", "evenki", "oroqen", "manchu", "gelao", "mulao",
                         "maonan", "shui", "jing", "achang", "blang", "uyghur", "uygur", "ethnic", "nationalities",
                         "and", "autonomous", "tibetan-qiang"))


def _without_peoples(text: str) -> str:
    """"Enshi Tujia and Miao Autonomous Prefecture" → "Enshi Prefecture"; "Changyang Tujia
    Autonomous County" → "Changyang County"; anything without "Autonomous" as it is."""
    words = text.split()
    folded = [word.casefold().strip(",.") for word in words]
    if "autonomous" not in folded:
        return text
    first = next(index for index, word in enumerate(folded) if word in _PEOPLES_EN)
    level = [word for word, low in zip(words, folded) if low in ("prefecture", "county", "banner")][-1:]
    return " ".join(words[:first] + level) if first else text


def city_of_qualifier(query: str, text: str, gazetteer: Gazetteer, lang: str | None = None) -> Resolution | None:
    """"Foo District, Guangzhou": a district the gazetteer does not know, in a Chinese city it knows,
    is that city, said in the notice. Asked only when nothing else answered."""
    if not gazetteer.has_china():
        return None
    parts = [part.strip() for part in text.translate({ord("，"): ",", ord("、"): ","}).split(",") if part.strip()]
    if len(parts) < 2:
        return None
    for qualifier in (parts[-1], parts[1]):
        keys = [fold(form) for form in _qualifier_forms(qualifier)]
        found = [d for divisions in _divisions(gazetteer, keys).values() for d in divisions if d.level == "prefecture"]
        if len({d.code for d in found}) == 1:
            city = found[0]
            note = say("notice.china.city_it_is_in", language_of(lang, query), part=parts[0], city=_label(city, gazetteer, language_of(lang, query)))
            return Resolution(query=query, place=_place(city, gazetteer), notes=(note,),
                              name_zh=official_short(city.name))
    return None


MIN_SLIP_LETTERS = 5  # a city's pinyin this long, one letter off, is read as that city after a place in it


def _close_cities(key: str, gazetteer: Gazetteer) -> list[Division]:
    """The prefecture-level cities whose own pinyin is one slip (`one_slip`) from `key` (guangzou:
    广州市). A loop over the 1,360 keys of a length within one: on the miss path only."""
    if len(key) < MIN_SLIP_LETTERS or not key.isascii() or not key.isalpha():
        return []
    keys, _ = gazetteer.city_pinyin_keys()
    close = sorted({known for known in keys if abs(len(known) - len(key)) <= 1 and one_slip(key, known)})
    return [d for divisions in _divisions(gazetteer, close).values() for d in divisions
            if d.level == "prefecture" and d.form == "latin"]


def _qualifier_forms(text: str) -> list[str]:
    from sitefinder.regions import find_province

    forms = [text]
    province = find_province(text)  # "Shaanxi", "Inner Mongolia", "Tibet": its English, not its pinyin
    if province is not None:
        forms.append(province.chinese)
    folded = fold(text)
    for word in ("province", "city", "municipality", "shi", "sheng", "prefecture", "autonomousregion"):
        if folded.endswith(word) and len(folded) > len(word) + 2:
            forms.append(folded[: -len(word)])
    return forms


def _abroad(key: str, gazetteer: Gazetteer) -> list[Place]:
    """Places abroad of this name with ABROAD_NOTED people or more, most populous first: by a Latin
    name, or by the characters Korea's hanja and Japan's kanji write it in (全州 is Jeonju too)."""
    return sorted((place for place in gazetteer.places(key) if place.population >= ABROAD_NOTED
                   and gazetteer.country_code_of(place.country) not in CHINA_AREA), key=lambda p: -p.population)


# What is typed as a place but names an institution: read by its first word it would be a town
# ("Sun Yat-sen University Cancer Center" was Surigao, Philippines, by "Sun").
INSTITUTION_WORDS = frozenset(("university", "hospital", "cancer", "center", "centre", "institute", "clinic",
                               "college", "medical", "school", "affiliated"))


def names_an_institution(text: str) -> bool:
    words = {word.casefold().strip(".,()") for word in text.split()}
    return len(words) > 1 and bool(words & INSTITUTION_WORDS)


# Words that make a Chinese query a facility's name rather than a place's (English ones: INSTITUTION_WORDS).
FACILITY_WORDS_ZH = ("医院", "大学", "学院", "中心", "研究所", "研究院", "肿瘤", "医科", "卫生院", "保健院", "疗养院",
                     "诊所", "门诊")


def names_a_facility(text: str) -> bool:
    """Whether a query reads as a hospital's or university's name (江门市中心医院, 北京大学第一医院,
    "Peking University First Hospital"): the sites' names are searched for it before the gazetteer,
    and it is never approximated by the place its first word names."""
    return any(word in text for word in FACILITY_WORDS_ZH) or names_an_institution(text)


# Pinyin initials (#20). A patient in China writes a big city or a province by the first letters of
# its pinyin, in capitals: BJ 北京, SH 上海, GD 广东, SZ 深圳 and 苏州, CD 成都, HN 湖南, 河南 and 海南.
# Several are also a country's ISO code (BJ Benin, SZ Eswatini, CD DR Congo): such a code is never
# silently the country (countries.read_code asks back, naming both), and initials that are no code
# (GZ) are offered when nothing else is known. The initials are worked out from the gazetteer's own
# data, not listed: each name's characters read by the `pinyin` table so that the readings spell its
# pinyin (its English name, or a Latin name cn_key gives it), which picks 重庆's chong, not zhong.
# Which places: every province-level division, and the prefecture-level cities of INITIALS_PEOPLE
# or more (the population the gazetteer gives the seat: 61 of the mainland's 338, and 4 of Taiwan's
# cities): the cities a stranger to them knows.
INITIALS_PEOPLE = 2_000_000


class Initialled(NamedTuple):
    """A place written by its pinyin initials: its short Chinese name, English name and province (""
    for a province-level one), and its rank among places of the same initials (provinces first,
    then the more populous city)."""

    chinese: str
    english: str
    province: str
    rank: tuple[bool, int]


def places_of_initials(letters: str, gazetteer: Gazetteer) -> list[str]:
    """The Chinese places `letters` (two or three, any case) are the pinyin initials of, as shown
    ("北京 (Beijing)", "深圳 (Shenzhen, Guangdong)"): provinces first, then cities, most populous
    first; [] for none."""
    return [f"{place.chinese} ({place_words(place.english, place.province)})"
            for place in _initials(gazetteer).get(letters.upper(), ())]


# by gazetteer, worked out when first asked (only a query of two or three capitals pays it: 2 ms)
_INITIALS: weakref.WeakKeyDictionary[Gazetteer, dict[str, tuple[Initialled, ...]]] = weakref.WeakKeyDictionary()


def _initials(gazetteer: Gazetteer) -> dict[str, tuple[Initialled, ...]]:
    if gazetteer not in _INITIALS:
        _INITIALS[gazetteer] = _work_out_initials(gazetteer) if gazetteer.has_china() else {}
    return _INITIALS[gazetteer]


def _work_out_initials(gazetteer: Gazetteer) -> dict[str, tuple[Initialled, ...]]:
    rows = gazetteer.rows("SELECT code, name, english, province, level, population FROM cn_division "
                          "WHERE level = 'province' OR (level = 'prefecture' AND population >= ?)", [INITIALS_PEOPLE])
    chars = sorted({char for _, name, *_ in rows for char in short_name(name)})
    # the table writes ü as v (吕 lv), a name's pinyin as u (Lüliang, luliang): both are tried
    readings = {char: {spelled for reading in spoken.split() for spelled in (reading, reading.replace("v", "u"))}
                for char, spoken in gazetteer.rows(
                    f"SELECT char, readings FROM pinyin WHERE char IN ({','.join('?' * len(chars))})", chars)}
    found: dict[str, dict[str, Initialled]] = {}
    for code, name, english, province, level, people in rows:
        chinese = short_name(name)
        place = Initialled(chinese, english, province if level != "province" else "", (level != "province", -people))
        for syllables in itertools.product(*(sorted(readings.get(char, ())) for char in chinese)):
            # the reading that spells the place's own pinyin: 重庆 is chong qing, not zhong qing; 香港
            # xiang gang, a Latin name of it the gazetteer knows (cn_key), though its English is Hong Kong
            spelled = "".join(syllables)
            if spelled == name_key(english) or gazetteer.rows(
                    "SELECT 1 FROM cn_key WHERE key = ? AND code = ? AND form = 'latin'", [spelled, code]):
                kept = found.setdefault("".join(syllable[0] for syllable in syllables).upper(), {})
                # a municipality is a province and its prefecture (北京市 twice): one place, ranked as the province
                if chinese not in kept or place.rank < kept[chinese].rank:
                    kept[chinese] = place
    return {letters: tuple(sorted(kept.values(), key=lambda place: (place.rank, place.chinese)))
            for letters, kept in found.items()}
