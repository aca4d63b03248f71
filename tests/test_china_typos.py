"""Typos in a place written in pinyin or English (issue 20), each kind generated over the division
table, never one name: a slip of one letter (wrong, left out, typed twice or more, two swapped) in
any division of a chain that the next division confirms ("Suzhuo Kunshan", "Jiangsu Suzhuo
Kunshan"); a level word misspelt ("Haidian Distirct, Beijing", "Kunshan Ctiy"), read as the word;
a suggestion for a slip named by the same namesake rule as the answer ("Tianhr" suggests Guangzhou's
Tianhe, as "Tianhe" answers it); and a slip in Chinese asked back in Chinese from the province down
(广州天和区: 广东广州市天河区), as a namesake's Chinese notice asks with a Chinese query that works."""

from __future__ import annotations

import re
import sys

import pytest

from conftest import ROOT, run_cli
from sitefinder.distance import sphere_km
from sitefinder.errors import PlaceNotFound, RegionNotPlace
from sitefinder.queries import open_gazetteer
from sitefinder.resolver import resolve
from sitefinder.text import fold

sys.path.insert(0, str(ROOT / "benchmarks"))
import china as benchmark  # noqa: E402

DIVISIONS = benchmark.divisions()
BY_CODE = {row["code"]: row for row in DIVISIONS}
GAZETTEER = open_gazetteer()


def _english(code: str) -> str:
    rows = GAZETTEER.rows("SELECT english FROM cn_division WHERE code = ?", (code,))
    return rows[0][0] if rows else ""


def _keys() -> set[str]:
    return {key for key, in GAZETTEER.rows("SELECT key FROM cn_key")}


KEYS = _keys()


def _edits(word: str) -> dict[str, str]:
    """`word` with one slip of each kind near its middle: a letter wrong, left out, typed twice,
    two letters swapped (zhou → zhuo)."""
    at = len(word) // 2
    wrong = "x" if word[at].lower() != "x" else "q"
    return {"wrong": word[:at] + wrong + word[at + 1:], "missing": word[:at] + word[at + 1:],
            "doubled": word[:at] + word[at] + word[at:], "swapped": word[:at - 1] + word[at] + word[at - 1] + word[at + 1:]}


def _one_slip(a: str, b: str) -> bool:
    """The test's own reading of one slip (restricted Damerau-Levenshtein distance 1)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        return len(differ) == 1 or len(differ) == 2 and differ[1] == differ[0] + 1 \
            and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]]
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _chain_cases(every: int = 11) -> list[tuple[str, str, str, dict]]:
    """(kind, the chain typed, the name slipped as it should be, the county): a slip of each kind in
    the city ("Suzhuo Kunshan", "Jiangsu Suzhuo Kunshan") or the province ("Jaingsu Suzhou Kunshan"),
    where the slip spells no division and no other city or province of the county's name is one
    slip from it."""
    cities = {row["code"]: _english(row["code"]) for row in DIVISIONS if row["level"] in ("prefecture", "province")}
    cases = []
    counties = [row for row in DIVISIONS if row["level"] == "county" and row["code"][:2] not in ("11", "12", "31", "50")
                and row["code"][:4] + "00" in BY_CODE]
    for number, county in enumerate(counties[::every]):
        word = _english(county["code"]).split()[0]
        city = cities[county["code"][:4] + "00"]
        province = cities[county["code"][:2] + "0000"]
        if not word or len(fold(word)) < 3 or " " in city or not city.isalpha() or fold(word) == fold(city):
            continue
        which, name = (("city", city), ("province", province))[number % 2]
        if " " in name or len(name) < 6:
            continue
        for kind, slipped in _edits(name).items():
            key = fold(slipped)
            if key in KEYS or sum(_one_slip(key, fold(other)) for other in cities.values()) != 1:
                continue
            chain = f"{province} {city} {word}".replace(name, slipped, 1)
            cases.append((kind, chain, name, county))
            if which == "city":
                cases.append((kind, f"{slipped} {word}", name, county))
    return cases


CHAIN_CASES = _chain_cases()


def test_the_chain_slips_cover_every_kind() -> None:
    kinds = {kind for kind, *_ in CHAIN_CASES}
    assert kinds == {"wrong", "missing", "doubled", "swapped"} and len(CHAIN_CASES) >= 300
    assert len({county["code"][:2] for *_, county in CHAIN_CASES}) >= 25


def _km(place, row: dict) -> float:
    return sphere_km(place.latitude, place.longitude, float(row["latitude"]), float(row["longitude"]))


@pytest.mark.parametrize(("kind", "typed", "meant", "county"), CHAIN_CASES, ids=[typed for _, typed, _, _ in CHAIN_CASES])
def test_a_slip_the_chain_confirms_is_read_and_said(kind: str, typed: str, meant: str, county: dict) -> None:
    found = resolve(typed, GAZETTEER)
    assert _km(found.place, county) <= 25.0, (typed, found.place, found.notes)
    assert any("read " in note and meant in note for note in found.notes), found.notes


LEVEL_WORDS = ("District", "County", "Banner", "Prefecture", "City", "Province")


def _level_cases(every: int = 9) -> list[tuple[str, str, str]]:
    """(the name typed with its level word misspelt, as it should be, the word): "Haidian Distirct,
    Beijing", "Kunshan Ctiy", "Jiangsu Porvince", each kind of slip, where the slip is no word of a
    division's name."""
    words = {word.casefold() for english in GAZETTEER.rows("SELECT english FROM cn_division") for word in english[0].split()}
    cases = []
    # not a province-level city: "Beijing Province" is written by no one, and is the city
    rows = [row for row in DIVISIONS if row["level"] != "prefecture" and row["code"][:2] not in ("11", "12", "31", "50")][::every]
    for number, row in enumerate(rows):
        english = _english(row["code"])
        parent = _english(row["code"][:4] + "00") if row["level"] == "county" else ""
        if not english:
            continue
        if row["level"] == "province" and row["name"].endswith("自治区"):
            continue  # "Tibet Province", "Guangxi Province": no province is so called
        if row["level"] == "province":
            written = f"{english} Province"
        elif english.endswith(LEVEL_WORDS):
            written = english
        elif row["name"].endswith("市") and " " not in english:
            written = f"{english} City"
        else:
            continue
        level = written.split()[-1]
        kind = ("wrong", "missing", "doubled", "swapped")[number % 4]
        slipped = _edits(level)[kind]
        if slipped.casefold() in words or len(slipped) < 3 or slipped.casefold() in ("cty", "dist", "distr", "pref"):
            continue
        typed = written[: -len(level)] + slipped
        if parent and number % 3 == 0:
            typed, written = f"{typed}, {parent}", f"{written}, {parent}"
        cases.append((typed, written, level))
    return cases


LEVEL_CASES = _level_cases()


def test_the_level_word_slips_cover_every_word() -> None:
    assert {level for *_, level in LEVEL_CASES} >= {"District", "County", "City", "Province", "Banner"}
    assert len(LEVEL_CASES) >= 200


def _answer(query: str) -> tuple:
    """What a query answers: the place, or the regions of a province."""
    try:
        return resolve(query, GAZETTEER).place[:5], ()
    except RegionNotPlace as region:
        return (), tuple(sorted(region.regions))


@pytest.mark.parametrize(("typed", "written", "level"), LEVEL_CASES, ids=[typed for typed, _, _ in LEVEL_CASES])
def test_a_misspelt_level_word_is_read_as_the_word(typed: str, written: str, level: str) -> None:
    assert _answer(typed) == _answer(written), typed
    try:
        notes = resolve(typed, GAZETTEER).notes
    except RegionNotPlace as region:
        notes = region.notes
    slipped = typed.split(",")[0].split()[-1]
    assert any(slipped in note and level in note for note in notes), notes


def _shared_pinyin(every: int = 3) -> list[tuple[str, str]]:
    """(a county's pinyin with a letter typed twice, the pinyin) where the pinyin is also a town's in
    GeoNames that the suggestions know (tianhe: Guangzhou's district, a town in Chongqing)."""
    labels = dict(GAZETTEER.rows("SELECT key, label FROM suggestion"))
    cases = []
    for row in [row for row in DIVISIONS if row["level"] == "county"][::every]:
        word = _english(row["code"]).split()[0] if _english(row["code"]) else ""
        key = fold(word)
        if len(key) < 5 or key not in labels or not word.isalpha():
            continue
        typo = word[:3] + word[3] + word[3:]
        if fold(typo) in KEYS or fold(typo) in labels:
            continue
        cases.append((typo, word))
    return sorted(set(cases))


SHARED = _shared_pinyin()


def test_a_suggestion_is_the_place_its_spelling_answers() -> None:
    """"Tianhr" suggested "Tianhe, Chongqing", a town, while "Tianhe" answers Guangzhou's 天河区:
    the suggestion of a spelling names what that spelling answers (one namesake rule)."""
    checked = 0
    for typo, word in SHARED:
        try:
            resolve(typo, GAZETTEER)
        except PlaceNotFound as error:
            named = [str(s) for s in error.suggestions if fold(str(s).split(",")[0]) == fold(word)]
            if not named:
                continue
            answer = resolve(word, GAZETTEER).place
            suggested = resolve(named[0], GAZETTEER).place
            checked += 1
            assert sphere_km(answer.latitude, answer.longitude, suggested.latitude, suggested.longitude) <= 25.0, \
                (typo, named, answer, suggested)
    assert checked >= 30


def _hanzi_slips(every: int = 9) -> list[tuple[str, dict]]:
    """(a city and county in characters with the county's last character a homophone, the county):
    广州天和区, whose suggestion is 广东广州市天河区."""
    cases = []
    for row in [row for row in DIVISIONS if row["level"] == "county" and row["code"][:4] + "00" in BY_CODE][::every]:
        city = BY_CODE[row["code"][:4] + "00"]
        slipped = benchmark.slips(row["name"], GAZETTEER).get("wrong", "")
        if slipped and "口" not in slipped:
            cases.append((benchmark.official_short(city["name"]) + slipped, row))
    return cases


HANZI_SLIPS = _hanzi_slips()


def test_a_chinese_slip_is_asked_back_in_chinese() -> None:
    """广州天和区 (--lang zh): 您是否要找 广东广州市天河区？, never "(Tianhe District, 广州市, Guangdong)"."""
    checked = 0
    for typed, county in HANZI_SLIPS:
        try:
            resolve(typed, GAZETTEER, lang="zh")
        except PlaceNotFound as error:
            if not error.suggestions:
                continue
            checked += 1
            shown = [str(s) for s in error.suggestions]
            assert not any(re.search("[A-Za-z]", s) for s in shown), (typed, shown)
            assert any(s.split(" (")[-1].rstrip(")").endswith(county["name"]) and BY_CODE[county["code"][:2] + "0000"]["name"][:2]
                       in s.split(" (")[-1] and BY_CODE[county["code"][:4] + "00"]["name"] in s for s in shown), shown
        else:
            continue
    assert checked >= 30


def _two_namesakes() -> list[str]:
    """Names (in full, without their suffix, in pinyin) borne by several divisions where the answer
    calls the first other a real contender: 通州区, 长宁, taizhou, yushu."""
    counted: dict[str, int] = {}
    for row in DIVISIONS:
        for form in ("full", "bare", "pinyin"):
            query = benchmark.forms(row, BY_CODE, GAZETTEER)[form]
            counted[query] = counted.get(query, 0) + 1 if query else 0
    names = []
    for name in sorted(name for name, count in counted.items() if count >= 2):
        try:
            if resolve(name, GAZETTEER, lang="zh").ambiguous:
                names.append(name)
        except PlaceNotFound:
            continue
    return names


TWO_NAMESAKES = _two_namesakes()


@pytest.mark.parametrize("name", TWO_NAMESAKES)
def test_the_chinese_ambiguity_line_asks_with_a_chinese_query_that_works(cli, name: str) -> None:
    run = cli("near", name, "--lang", "zh", "--json")
    line = next(line for line in run.stderr.splitlines() if "有多个同名地点" in line)
    asked = re.findall("“([^”]+)”", line)
    assert asked and not any(re.search("[A-Za-z]", query) for query in asked), line
    other = run.json()["origin"]["alternatives"][0]  # as near ranked them (the trial's site cities first)
    place = cli("near", asked[0], "--json").json()["origin"]
    assert sphere_km(place["latitude"], place["longitude"], other["latitude"], other["longitude"]) <= 1.0, (line, place, other)


def test_there_are_two_namesake_cases() -> None:
    assert len(TWO_NAMESAKES) >= 8 and any(name.isascii() for name in TWO_NAMESAKES)


def _homophone_cases(every: int = 7) -> list[tuple[str, dict]]:
    """(a county-level division's full name with one character typed as another of the same pinyin,
    the division): 天和区 for 天河区, 武候区 for 武侯区, as a pinyin keyboard slips. The character put in
    is one other divisions' names use (a common one), and the name so typed is no division's."""
    readings = {char: set(spoken.split()) for char, spoken in GAZETTEER.rows("SELECT char, readings FROM pinyin")}
    used = sorted({char for row in DIVISIONS for char in row["name"]})
    names = {row["name"] for row in DIVISIONS}
    cases = []
    counties = [row for row in DIVISIONS if row["level"] == "county" and len(row["name"]) >= 3]
    for county in counties[::every]:
        at = (len(county["name"]) - 2) // 2  # a character of its own name, not its 区/县/市
        char = county["name"][at]
        if len(readings.get(char, ())) != 1:
            continue
        sounds = [other for other in used if other != char and readings.get(other) == readings[char]]
        if not sounds:
            continue
        typed = county["name"][:at] + sounds[0] + county["name"][at + 1:]
        if typed not in names:
            cases.append((typed, county))
    return cases


HOMOPHONE_CASES = _homophone_cases()


def test_the_homophone_slips_cover_the_country() -> None:
    assert len(HOMOPHONE_CASES) >= 200 and len({county["code"][:2] for _, county in HOMOPHONE_CASES}) >= 25


@pytest.mark.parametrize(("typed", "county"), HOMOPHONE_CASES, ids=[typed for typed, _ in HOMOPHONE_CASES])
def test_a_district_typed_with_a_homophone_is_suggested_to_type_back(typed: str, county: dict) -> None:
    """Never answered as another place silently; unknown, it suggests the division as typed back."""
    try:
        found = resolve(typed, GAZETTEER)
    except RegionNotPlace:
        pytest.skip("a province's name")
    except PlaceNotFound as miss:
        assert miss.suggestions, typed
        backs = [resolve(suggestion.split(" (")[0], GAZETTEER) for suggestion in miss.suggestions]
        assert any(_km(back.place, county) <= 25.0 for back in backs), (typed, miss.suggestions)
        return
    assert _km(found.place, county) <= 25.0 or found.notes, (typed, found.place)


def _province_slips() -> list[tuple[str, str]]:
    """(a province's English name with one slip of each kind, the province): Guangdon, Shangdong, Zhejaing."""
    from sitefinder.regions import PROVINCES

    cases = []
    for province in PROVINCES:  # the mainland's (香港 typed back is the city)
        word = province.name.replace(" ", "")
        if len(word) < 5 or province.country != "CN":
            continue
        for slipped in _edits(word).values():
            if fold(slipped) not in KEYS and fold(slipped) != fold(word):
                cases.append((slipped, province.name))
    return cases


PROVINCE_SLIPS = _province_slips()


@pytest.mark.parametrize(("typed", "province"), PROVINCE_SLIPS, ids=[typed for typed, _ in PROVINCE_SLIPS])
def test_a_misspelt_province_is_suggested_first_and_typed_back_is_the_province(typed: str, province: str) -> None:
    """"Shangdong" suggested Hang Dong, Chiang Mai; "Guangdon" Gangdong, Hunan: a province one slip away
    comes first, in Chinese on a Chinese screen, and typed back lists that province."""
    from sitefinder.regions import find_province, shown_chinese

    try:
        found = resolve(typed, GAZETTEER)
    except RegionNotPlace:
        pytest.skip("read as a region already")
    except PlaceNotFound as miss:
        if "one syllable" in str(miss):
            pytest.skip("a syllable alone (Huan): asked for the whole name")
        names = [str(suggestion) for suggestion in miss.suggestions]
        provinces = [name for name in names if find_province(name) is not None]
        # the provinces first (Shannxi is one slip from Shanxi and from Shaanxi: both), the one meant among them
        assert names[:len(provinces)] == provinces and province in provinces, (typed, names)
        chinese = shown_chinese(find_province(province))
        said = run_cli("near", typed, env={"LANG": "zh_CN.UTF-8"}).stderr
        offered = re.findall(r"\"([^\"]+)\"", said.split("您是否要找", 1)[1].split("？")[0]) or \
            [said.split("您是否要找 ", 1)[1].split("？")[0]]
        assert chinese in offered[:len(provinces)], said
        back = run_cli("near", chinese, "--json")
        document = back.json()  # the province's sites, or (none there) the nearest to its capital
        assert back.exit_code in (0, 1) and (document.get("region") or document["origin"]["province"]) == province
        return
    assert found.notes, (typed, found.place)  # read as a place of that spelling: said so
