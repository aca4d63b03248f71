"""A Chinese city and then what the gazetteer does not hold (a street, a number, a hospital, a
landmark), written without 市 as people write it (杭州文三路, 成都 春熙路): answered from the deepest
division read, or a known place inside it (汉口 in 武汉, 浦西 in 上海), the notice saying which part
was used and which was not; as 杭州市文三路 always was. A close spelling of another division (浦东
for 浦西, 硚口 for 汉口) never beats a name known inside the city, and a typo correction never turns a
part into a division already read (望京 is not 北京)."""

from __future__ import annotations

import json
import sys

import pytest

from conftest import ROOT, run_cli
from sitefinder.china import short_name
from sitefinder.distance import sphere_km
from sitefinder.errors import SitefinderError
from sitefinder.queries import open_gazetteer
from sitefinder.resolver import resolve

sys.path.insert(0, str(ROOT / "benchmarks"))
import china as benchmark  # noqa: E402

DIVISIONS = benchmark.divisions()
BY_CODE = {row["code"]: row for row in DIVISIONS}
# what follows a city: streets (路, 街, 大道), a number, a hospital, landmarks
TRAILING = ("文三路", "解放街", "世纪大道", "人民路100号", "第一人民医院", "火车站", "万达广场")
NEAR_KM = 50.0  # the answer is the city, or a place inside it


def _bare_counted() -> dict[str, int]:
    counted: dict[str, int] = {}
    for row in DIVISIONS:
        for form in {row["name"], short_name(row["name"])}:
            counted[form] = counted.get(form, 0) + 1
    return counted


def _cities(every: int = 9) -> list[tuple[dict, dict]]:
    """(prefecture-level city named 市, its province) whose short name no other division bears."""
    counted = _bare_counted()
    found = []
    for row in DIVISIONS:
        province = BY_CODE.get(row["code"][:2] + "0000")
        if row["level"] != "prefecture" or not row["name"].endswith("市") or province is None \
                or province["name"] == row["name"] or counted[short_name(row["name"])] > 1:
            continue
        found.append((row, province))
    return found[::every]


def _cases() -> list[tuple[str, str, dict]]:
    """(the query, the part not read, the city): the city bare or with 市, its province before it or
    not, the trailing part after it with or without a space."""
    cases = []
    for number, (city, province) in enumerate(_cities()):
        bare = short_name(city["name"])
        trailing = TRAILING[number % len(TRAILING)]
        if any(trailing.startswith(short_name(row["name"])) for row in DIVISIONS if row["code"][:4] == city["code"][:4]):
            continue  # the part after names a district of the city: read deeper, which another test covers
        for head in (bare, city["name"], short_name(province["name"]) + bare, province["name"] + city["name"]):
            cases.append((head + trailing, trailing, city))
        cases.append((bare + " " + trailing, trailing, city))
    return cases


CASES = _cases()


def test_the_cases_cover_the_country() -> None:
    assert len(CASES) >= 150 and len({city["code"][:2] for _, _, city in CASES}) >= 20


@pytest.mark.parametrize(("typed", "rest", "city"), CASES, ids=[typed for typed, _, _ in CASES])
def test_a_city_then_a_part_the_gazetteer_lacks_is_the_city_said_so(typed: str, rest: str, city: dict) -> None:
    found = resolve(typed, open_gazetteer(), lang="zh")
    place = found.place
    assert sphere_km(place.latitude, place.longitude, float(city["latitude"]), float(city["longitude"])) <= NEAR_KM
    assert any(rest in note and "未使用" in note for note in found.notes), found.notes


@pytest.mark.parametrize("typed", ["杭州文三路", "广州体育西路", "成都春熙路", "武汉光谷", "南京新街口", "重庆解放碑",
                                   "西安钟楼", "义乌稠城", "成都 春熙路"])
def test_the_reported_city_and_street_through_the_cli(cli, typed: str) -> None:
    run = cli("near", typed, "--lang", "zh")
    rest = typed.replace(" ", "")[2:]
    assert run.exit_code == 0, run.stderr
    assert "未使用" in run.stderr and rest in run.stderr, run.stderr


@pytest.mark.parametrize(("typed", "alone", "close"), [("上海浦西", "浦西", "浦东"), ("武汉汉口", "汉口", "硚口"),
                                                       ("成都天府", "天府", "")])
def test_a_name_known_inside_the_city_beats_a_close_spelling(cli, typed: str, alone: str, close: str) -> None:
    gazetteer = open_gazetteer()
    found, inside = resolve(typed, gazetteer), resolve(alone, gazetteer)
    assert sphere_km(found.place.latitude, found.place.longitude, inside.place.latitude, inside.place.longitude) <= 1.0
    run = cli("near", typed + "中山路8号", "--lang", "zh")
    assert run.exit_code == 0, run.stderr
    assert "未使用：中山路8号" in run.stderr, run.stderr
    if close:
        assert close not in run.stderr, run.stderr


@pytest.mark.parametrize(("typed", "city", "close"), [("上海虹桥", "上海", "虹口"), ("北京望京", "北京", "北京北京")])
def test_a_part_after_the_city_is_no_typo_of_another_division(cli, typed: str, city: str, close: str) -> None:
    gazetteer = open_gazetteer()
    found, alone = resolve(typed, gazetteer, lang="zh"), resolve(city, gazetteer)
    assert found.place == alone.place
    assert not any(close in note for note in found.notes), found.notes
    assert any(typed[len(city):] in note and "未使用" in note for note in found.notes), found.notes


@pytest.mark.parametrize("typed", ["中山大学肿瘤防治中心", "中山大道", "北京路", "吉林大学第一医院"])
def test_a_name_that_begins_with_a_city_s_is_not_that_city(typed: str) -> None:
    """中山大学 is in Guangzhou, 吉林大学 in Changchun, 中山大道 and 北京路 streets of other cities: a
    city's name that is the first word of a facility's or a street's is not the city."""
    gazetteer = open_gazetteer()
    try:
        found = resolve(typed, gazetteer, lang="zh")
    except SitefinderError:  # unknown or asked back: never the city
        return
    city = resolve(typed[:2], gazetteer)
    assert found.place != city.place, found


def test_a_place_known_inside_the_city_is_said_as_read_there(cli) -> None:
    """深圳蛇口工业区: Shekou, a GeoNames place in Shenzhen, the rest unread; never "深圳蛇口工业区 is no
    city or county: the small place of that name", which quoted the whole address as its name."""
    run = cli("near", "深圳蛇口工业区", "--json", "--lang", "zh")
    assert run.exit_code == 0, run.stderr
    assert json.loads(run.stdout)["origin"]["name"] == resolve("蛇口", open_gazetteer()).place.name
    assert "未使用：工业区" in run.stderr and "不是中国的市或县" not in run.stderr, run.stderr


@pytest.mark.parametrize("typed", ["东莞市长安镇", "东莞长安镇", "广东省东莞市长安镇"])
def test_a_town_inside_its_city_is_read_with_its_level_word(typed: str) -> None:
    """"使用 东莞市长安（长安）；其后的部分未使用：镇": the town's 镇 is part of what was read."""
    run = run_cli("near", typed, "--json")
    assert run.exit_code == 0 and run.json()["origin"]["name"] == "Chang’an", run.stderr
    assert "未使用" not in run.stderr, run.stderr
