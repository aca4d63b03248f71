"""The output contract, nothing lost: `near --by hospital` shows every listing of the hospitals it
names whatever `--limit` is, in the columns and heading that `near` has; the JSON and CSV shape of
an answer never depends on what the question turned out to be (a city or a province); and the
notices people read on stderr are in every JSON answer that can have them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from sitefinder.facilities import hospital_name
from sitefinder.models import Site

from conftest import make_site, run_cli, listing_exit

# ---------------------------------------------------------------- the hospitals of `near --by hospital`

GUANGZHOU = (23.11667, 113.25)


def hospital_sites() -> list[Site]:
    """One hospital (Sun Clinic) listed three times: by trial A twice (two departments, one recruiting
    and one not yet), and by trial B, whose study placed it 100 km off; ten other hospitals between."""
    lat, lon = GUANGZHOU
    sites = [make_site(1, "Sun Clinic", latitude=lat, longitude=lon, status="NOT_YET_RECRUITING", nct_id="NCT00000001"),
             make_site(2, "SUN CLINIC.", latitude=lat, longitude=lon, status="RECRUITING", nct_id="NCT00000001")]
    sites += [make_site(10 + index, f"Other Hospital {index}", latitude=lat + 0.05 * (index + 1), longitude=lon,
                        status="RECRUITING", nct_id="NCT00000002") for index in range(10)]
    sites.append(make_site(30, "Sun  Clinic", latitude=lat + 0.9, longitude=lon, status="RECRUITING",
                           nct_id="NCT00000002"))
    return sites


def hospitals(sites_path, *args: str) -> list[dict]:
    run = run_cli("near", "Guangzhou", "--by", "hospital", "--sites", str(sites_path), "--json", *args)
    assert run.exit_code == 0, run.stderr
    return run.json()["hospitals"]


def listings(hospital: dict) -> set[int]:
    return {site["site_id"] for row in hospital["trials"] for site in row["listings"]}


@pytest.mark.parametrize("store", ["memory", "index"])
def test_a_hospital_shows_the_same_listings_whatever_the_limit(sites_file, monkeypatch, store: str) -> None:
    if store == "index":
        monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    path = sites_file(*hospital_sites())
    answers = [hospitals(path, "--limit", str(limit)) for limit in (1, 2, 5, 20)]
    firsts = [answer[0] for answer in answers]
    assert {first["facility"] for first in firsts} == {"Sun Clinic"}
    assert all(listings(first) == {1, 2, 30} for first in firsts), [listings(first) for first in firsts]
    assert [len(answer) for answer in answers] == [1, 2, 5, 11]
    # every hospital once, in every answer
    assert all(len({(h["facility"].casefold().strip(" ."), h["city"]) for h in answer}) == len(answer)
               for answer in answers)


@pytest.mark.parametrize("store", ["memory", "index"])
@pytest.mark.parametrize("numbered", ["Peking University Third Hospital /ID# 253138",
                                      "PEKING UNIVERSITY THIRD HOSPITAL /Id# 254675", "Peking University Third Hospital/ID#1"])
def test_a_sponsors_site_number_after_the_name_is_the_same_hospital(sites_file, monkeypatch, store: str,
                                                                    numbered: str) -> None:
    """`near 北京 --by hospital` listed "Peking University Third Hospital" and the same with AbbVie's
    "/ID# 253138" as two hospitals."""
    if store == "index":
        monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    lat, lon = GUANGZHOU
    path = sites_file(make_site(1, "Peking University Third Hospital", latitude=lat, longitude=lon,
                                status="RECRUITING", nct_id="NCT00000001"),
                      make_site(2, numbered, latitude=lat + 0.3, longitude=lon, status="RECRUITING",
                                nct_id="NCT00000002"),
                      make_site(3, "Other Hospital", latitude=lat + 0.1, longitude=lon, status="RECRUITING",
                                nct_id="NCT00000002"))
    found = hospitals(path)
    assert [hospital["facility"] for hospital in found] == ["Peking University Third Hospital", "Other Hospital"]
    assert listings(found[0]) == {1, 2}


# One hospital as different studies' staff write it (all from the real records: NCT04547049,
# NCT05288205, NCT05843643): words in another order, "College of Medicine" for "School of Medicine",
# an article, "Province" for "Provincial", a letter slipped in a long word.
SAME_HOSPITAL = [
    ("The First Affiliated Hospital, College of Medicine, Zhejiang University",
     "The First Affiliated Hospital, Zhejiang University School of Medicine /ID# 252633"),
    ("The First Affiliated Hospital, Zhejiang University School of Medicine", "First Affiliated Hospital of Zhejiang University"),
    ("Zhejiang Province People's Hospital /ID# 253860", "Zhejiang Provincial People's Hospital"),
    ("Pecking Union Medical College Hospital", "Peking Union Medical College Hospital /ID# 253045"),
    ("Beijing Tiantan Hospital, Captal Medical University", "Beijing Tiantan Hospital, Capital Medical University"),
    ("The first Affiliated Hospital, Sun Yat-sen University", "The First Affiliated Hospital, Sun Yat-sen University /ID# 252921"),
    ("Sun Yat-sen University Cancer Center", "Sun Yat-Sen University Cancer Centre"),
    ("Children's Hospital of Fudan University", "Fudan University Children's Hospital"),
]
# Different hospitals with much of their names in common: never one.
OTHER_HOSPITALS = [
    ("The First Affiliated Hospital, Zhejiang University", "The Second Affiliated Hospital, Zhejiang University"),
    ("Sun Yat-sen University Cancer Center", "Sun Yat-sen Memorial Hospital of Sun Yat-sen University"),
    ("Peking University Third Hospital", "Peking University First Hospital"),
    ("Beijing Cancer Hospital", "Cancer Hospital Chinese Academy Of Medical Sciences"),
    ("Zhejiang Cancer Hospital", "Zhejiang Provincial People's Hospital"),
    ("Zhongshan Hospital", "Zhongnan Hospital"),
    ("Beijing Chest Hospital, Capital Medical University", "Beijing Children's Hospital, Capital Medical University"),
    ("Sir Run Run Shaw Hospital, College of Medicine, Zhejiang University",
     "The Second Affiliated Hospital, College of Medicine, Zhejiang University"),
]


@pytest.mark.parametrize("store", ["memory", "index"])
@pytest.mark.parametrize(("first", "second"), SAME_HOSPITAL + OTHER_HOSPITALS)
def test_one_hospital_however_its_studies_spell_it_and_never_two_as_one(sites_file, monkeypatch, store: str,
                                                                        first: str, second: str) -> None:
    """`near --by hospital` on many trials listed 浙大一院 three times, spelt three ways."""
    if store == "index":
        monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    lat, lon = GUANGZHOU
    path = sites_file(make_site(1, first, latitude=lat, longitude=lon, status="RECRUITING", nct_id="NCT00000001"),
                      make_site(2, "Other Hospital", latitude=lat + 0.1, longitude=lon, status="RECRUITING",
                                nct_id="NCT00000002"),
                      # placed 100 km off by its study: still found as the same hospital's listing
                      make_site(3, second, latitude=lat + 0.9, longitude=lon, status="RECRUITING",
                                nct_id="NCT00000002"))
    found = hospitals(path, "--limit", "2")
    if (first, second) in SAME_HOSPITAL:
        assert [hospital["facility"] for hospital in found] == [hospital_name(first), "Other Hospital"]
        assert listings(found[0]) == {1, 3}
    else:
        assert listings(found[0]) == {1}
        assert [hospital["facility"] for hospital in hospitals(path)] == [first, "Other Hospital", second]


def test_a_hospitals_status_is_its_most_open_listing_and_says_which(sites_file) -> None:
    path = sites_file(*hospital_sites())
    sun = hospitals(path, "--limit", "1")[0]
    assert (sun["effective_status"], sun["status_site_id"]) == ("RECRUITING", 2)
    trial_a = next(row for row in sun["trials"] if row["nct_id"] == "NCT00000001")
    # the row of a trial listed twice is its most open listing; both are in it
    assert trial_a["site_id"] == 2 and trial_a["effective_status"] == "RECRUITING"
    assert [(site["site_id"], site["effective_status"]) for site in trial_a["listings"]] == \
        [(2, "RECRUITING"), (1, "NOT_YET_RECRUITING")]
    table = run_cli("near", "Guangzhou", "--by", "hospital", "--sites", str(path), "--limit", "1",
                    env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.stderr
    assert "Recruiting" in table.stdout and "Not yet recruiting" in table.stdout
    assert all(str(site_id) in table.stdout for site_id in (1, 2, 30))


def csv_header(*args: str) -> list[str]:
    run = run_cli(*args, "--format", "csv")
    assert run.exit_code == 0, run.stderr
    return next(csv.reader(io.StringIO(run.stdout)))


@pytest.mark.parametrize("place", ["Guangzhou", "广州"])
def test_the_hospital_csv_has_every_column_of_nears(place: str) -> None:
    near = csv_header("near", place)
    by_hospital = csv_header("near", place, "--by", "hospital")
    assert [key for key in near if key not in by_hospital] == []
    assert {"contact_of", "status_source"} <= set(by_hospital)


def title_place(stdout: str) -> str:
    """Where a near title says the answer is from: between "to"/"离" and the coordinates."""
    title = stdout.splitlines()[0]
    return title.split(" to ", 1)[1].rsplit(" (", 1)[0] if " to " in title else title.split("离 ", 1)[1].split(" 最近")[0]


@pytest.mark.parametrize("place", ["Guangzhou", "广州", "天河区", "Jinan", "台州"])
def test_the_hospital_heading_names_the_place_as_nears_does(place: str) -> None:
    near = run_cli("near", place, env={"COLUMNS": "200"})
    by_hospital = run_cli("near", place, "--by", "hospital", env={"COLUMNS": "200"})
    assert near.exit_code == by_hospital.exit_code == 0, by_hospital.stderr
    assert title_place(by_hospital.stdout) == title_place(near.stdout)


@pytest.mark.parametrize("columns", ["80", "60", "40"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_narrow_hospital_view_has_no_empty_labelled_line(columns: str, lang: str) -> None:
    run = run_cli("near", "Guangzhou", "--by", "hospital", "--lang", lang, "--limit", "3",
                  env={"COLUMNS": columns})
    assert run.exit_code == 0, run.stderr
    labels = {"#", "Hospital", "City", "km", "ID", "Trial", "Status", "Whom to call",
              "医院", "城市", "公里", "编号", "试验", "状态", "联系谁"}
    assert [line for line in run.stdout.splitlines() if line.rstrip() in labels] == []  # a label, no value
    assert all(len(line) <= int(columns) for line in run.stdout.splitlines())


def test_a_block_view_of_continued_rows_has_no_empty_line() -> None:
    """The class: any table drawn as blocks (too narrow for columns) leaves out its empty cells."""
    from sitefinder.output import terminal
    from sitefinder.output.views import Column, TableView

    view = TableView("T", [Column("Group"), Column("Item")], [["a", "one"], ["", "two"], ["b", "three"]])
    out = io.StringIO()
    from rich.console import Console

    console = Console(file=out, width=30, color_system=None, markup=False, emoji=False, highlight=False)
    original = terminal.console
    terminal.console = lambda: console  # type: ignore[assignment]
    try:
        terminal.MIN_TABLE_WIDTH, saved = 1000, terminal.MIN_TABLE_WIDTH
        terminal.draw_table(view)
    finally:
        terminal.console, terminal.MIN_TABLE_WIDTH = original, saved  # type: ignore[assignment]
    lines = out.getvalue().splitlines()
    assert [line for line in lines if line.strip() == "Group"] == []
    assert "two" in out.getvalue()
    # a continued row joins the block of its group: no blank line between "one" and "two"
    assert lines.index(next(line for line in lines if "two" in line)) == \
        lines.index(next(line for line in lines if "one" in line)) + 1


# ---------------------------------------------------------------- one shape, whatever the answer

@pytest.mark.parametrize("region, city", [("山东", "广州"), ("Shandong", "Guangzhou"), ("China", "Guangzhou"),
                                          ("中国", "台州")])
def test_a_regions_csv_has_nears_columns(region: str, city: str) -> None:
    assert csv_header("near", region) == csv_header("near", city)


@pytest.mark.parametrize("region, city", [("山东", "广州"), ("Shandong", "Guangzhou"), ("China", "Guangzhou"),
                                          ("中国", "台州")])
def test_a_regions_json_has_nears_keys(region: str, city: str) -> None:
    regional, local = (run_cli("near", place, "--json") for place in (region, city))
    assert regional.exit_code == local.exit_code == 0, regional.stderr
    assert list(regional.json()) == list(local.json())
    assert list(regional.json()["origin"]) == list(local.json()["origin"])
    assert list(regional.json()["sites"][0]) == list(local.json()["sites"][0])
    origin = regional.json()["origin"]
    assert origin["latitude"] is None and origin["geonameid"] is None and origin["country"] == "China"
    for site in regional.json()["sites"]:
        assert site["rank"] is None and site["distance_km"] is None  # no point to rank from


def test_a_provinces_origin_names_it_in_chinese_when_asked() -> None:
    origin = run_cli("near", "山东", "--json").json()["origin"]
    assert origin["name_zh"] and origin["name_zh"] in "山东省" and origin["province"] == "Shandong"
    assert origin["province_zh"] == origin["name_zh"]


# ---------------------------------------------------------------- the notices, in JSON too

def stderr_notices(run) -> list[str]:
    return [line for line in run.stderr.splitlines() if line]


NOTICE_CASES = [
    ["near", "广州市天河区中山大道西8号"], ["near", "Tongji"], ["near", "内蒙古"], ["near", "China"], ["near", "Cambridge"],
    ["near", "Guangzhou", "--by", "hospital"], ["near", "广州市天河区中山大道西8号", "--by", "hospital"], ["map", "Tongji"],
    ["list", "--city", "长沙市芙蓉区"], ["list", "--status", "recruiting"], ["list", "--condition", "asthma"],
    ["near", "Guangzhou", "--condition", "asthma"], ["near", "新疆"], ["info"],
]


@pytest.mark.parametrize("args", NOTICE_CASES)
def test_json_carries_exactly_the_notices_people_read(args: list[str]) -> None:
    run = run_cli(*args, "--json")
    assert run.exit_code == listing_exit(run.json()), run.stderr
    notices = run.json()["notices"]
    assert [notice["text"] for notice in notices] == stderr_notices(run)
    assert all(set(notice) == {"key", "text"} for notice in notices)


@pytest.mark.parametrize("args, key", [(["near", "Tongji"], "notice.loose.another_name"),
                                       (["near", "广州市天河区中山大道西8号"], "notice.china.rest_ignored"),
                                       (["near", "内蒙古"], "empty.region_capital.autonomous"),
                                       (["list", "--city", "长沙市芙蓉区"], "notice.district_city")])
def test_a_notice_of_the_catalogue_carries_its_key(args: list[str], key: str) -> None:
    keys = [notice["key"] for notice in run_cli(*args, "--json").json()["notices"]]
    assert key in keys


def test_the_count_of_unplaced_sites_is_a_notice_in_json(sites_file) -> None:
    path = sites_file(make_site(1), make_site(2, latitude=None, longitude=None))
    run = run_cli("near", "Guangzhou", "--sites", str(path), "--json")
    assert run.exit_code == 0, run.stderr
    assert [notice["key"] for notice in run.json()["notices"]] == ["notice.unplaced_count"]
    assert run.json()["notices"][0]["text"] == stderr_notices(run)[0]


def test_a_chinese_answers_notices_are_in_chinese_in_json() -> None:
    run = run_cli("near", "内蒙古", "--json")
    assert run.json()["notices"] and all("呼和浩特" in notice["text"] for notice in run.json()["notices"][:1])


def test_an_imports_notices_are_in_its_json(tmp_path) -> None:
    from conftest import CTGOV_STUDY

    study = json.loads(CTGOV_STUDY.read_text(encoding="utf-8"))
    study["protocolSection"]["contactsLocationsModule"]["locations"][0].update(city="Nowhereville Zzq", country="Xx")
    study["protocolSection"]["contactsLocationsModule"]["locations"][0].pop("geoPoint", None)
    path = tmp_path / "study.json"
    path.write_text(json.dumps(study), encoding="utf-8")
    run = run_cli("import", str(path), "--out", str(tmp_path / "out"), "--json")
    assert run.exit_code == 0, run.stderr
    assert [notice["text"] for notice in run.json()["notices"]] == stderr_notices(run)
    assert run.json()["notices"]


def test_a_slipped_letter_is_forgiven_only_in_one_long_word() -> None:
    from sitefinder.hospitals import HospitalNames

    names = HospitalNames()
    first = names.of(make_site(1, "Xiangya Hospital of Central South University"))
    assert names.of(make_site(2, "Xaingya Hospital of Central South University")) == first  # swapped
    assert names.of(make_site(3, "Xianya Hospital of Central South University")) == first  # left out
    assert names.of(make_site(4, "Xianya Hospital of Central South Univrsity")) != first  # 2 words wrong
    assert names.of(make_site(5, "Xiangya Hospital of Central South Univers")) != first  # 3 letters left out
    assert names.of(make_site(6, "Hunan Hospital")) != names.of(make_site(7, "Henan Hospital"))  # short words
    assert names.of(make_site(8, "Xiangya Hospital 2 of Central South University")) != first  # another word
