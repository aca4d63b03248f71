"""A facility's Chinese name (data/facilities_zh.csv) attaches to every listing of that hospital,
however a study's staff wrote its English name: one normalisation (facilities.facility_words) read
the same way for the table and for a site, and only that: a name of another hospital gets none."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conftest import make_site
from sitefinder.facilities import facility_zh
from sitefinder.models import Contact

TABLE = Path(__file__).resolve().parents[1] / "data" / "facilities_zh.csv"


def _zh(facility: str, city: str) -> str:
    return facility_zh(make_site(1, facility=facility, city=city))


# As the registry's staff wrote the table's hospitals in 190 real records (and the ways they vary).
@pytest.mark.parametrize(("facility", "city", "chinese"), [
    ("The First Affiliated Hospital of Wenzhou Medical University /ID# 253649", "Wenzhou", "温州医科大学附属第一医院"),
    ("First Affiliated Hospital of Wenzhou Medical University", "Wenzhou", "温州医科大学附属第一医院"),
    ("the first affiliated hospital of wenzhou medical university", "Wenzhou", "温州医科大学附属第一医院"),
    ("The First Affiliated Hospital of Wenzhou Medical University Site 123", "Wenzhou", "温州医科大学附属第一医院"),
    ("The First Affiliated Hospital of Wenzhou Medical University (Site 456)", "Wenzhou", "温州医科大学附属第一医院"),
    ("The First Affiliated Hospital of Wenzhou Medical Univ.", "Wenzhou", "温州医科大学附属第一医院"),
    ("The First Affiliated Hospital, Wenzhou Medical University", "Wenzhou", "温州医科大学附属第一医院"),
    ("The Hunan Cancer Hospital", "Changsha", "湖南省肿瘤医院"),
    ("HUNAN CANCER HOSPITAL.", "Changsha", "湖南省肿瘤医院"),
    ("Peking University Cancer Hospital & Institute", "Beijing", "北京大学肿瘤医院"),
    ("Peking University Cancer Hospital and Institute", "Beijing", "北京大学肿瘤医院"),
    ("Jilin Province Cancer Hospital", "Changchun", "吉林省肿瘤医院"),
    ("Jilin Provincial Cancer Hospital", "Changchun", "吉林省肿瘤医院"),
    ("Linyi People's Hospital /ID# 252898", "Linyi", "临沂市人民医院"),
    ("Linyi Peoples Hospital", "Linyi", "临沂市人民医院"),
    ("Sichuan Provincial People's Hospital", "Chengdu", "四川省人民医院"),
    ("Taizhou Hospital, Zhejiang Province", "Taizhou", "浙江省台州医院"),
    ("Qujing First People's Hospital - Site 0042", "Qujing", "曲靖市第一人民医院"),
    ("SHANGHAI CHEST HOSPITAL", "Shanghai", "上海市胸科医院"),
    ("The First Affilated Hospital of Nanchang University", "Nanchang", "南昌大学第一附属医院"),  # a slipped letter
])
def test_a_hospital_written_otherwise_gets_its_chinese_name(facility: str, city: str, chinese: str) -> None:
    assert _zh(facility, city) == chinese


# Other hospitals, a word or a few letters apart from one of the table's: none gets its name.
@pytest.mark.parametrize(("facility", "city"), [
    ("Hunan Provincial People's Hospital", "Changsha"),
    ("Hunan Cancer Hospital Xiangya Branch", "Changsha"),
    ("Henan Provincial People's Hospital", "Zhengzhou"),
    ("Xuzhou Central Hospital", "Xuzhou"),  # 徐州市中心医院, not 徐州市第一人民医院 (facilities_zh.md)
    ("LinYi Cancer Hospital", "Linyi"),
    ("The Second Affiliated Hospital of Wenzhou Medical University", "Wenzhou"),
    ("Wenzhou Medical University", "Wenzhou"),
    ("The First Affiliated Hospital of Wenzhou University", "Wenzhou"),
    ("Shandong Provincial Chest Hospital", "Jinan"),
    ("Shanghai Chest Hospital Pulmonary", "Shanghai"),
    ("Jilin University First Hospital", "Changchun"),
    ("Peking University Third Hospital", "Beijing"),
    ("Peking University People's Hospital", "Beijing"),
    ("Beijing Cancer Hospital Site", "Beijing"),
    ("Tianjin Medical University General Hospital", "Tianjin"),
    ("Mianyang Third People's Hospital", "Mianyang"),
    ("The Third Affiliated Hospital of Guangxi Medical University", "Nanning"),
    ("The First Affiliated Hospital of Xinxiang University", "Xinxiang"),
])
def test_another_hospital_gets_no_chinese_name(facility: str, city: str) -> None:
    assert _zh(facility, city) == ""


def test_every_row_of_the_table_reads_its_own_name_and_no_two_rows_are_read_alike() -> None:
    from sitefinder.facilities import facility_words

    rows = list(csv.DictReader(TABLE.open(encoding="utf-8")))
    assert all(_zh(row["facility"], row["city"]) == row["facility_zh"] for row in rows)
    keys = {}
    for row in rows:
        key = (facility_words(row["facility"]), row["city"].casefold())
        assert keys.setdefault(key, row["facility_zh"]) == row["facility_zh"], key


def _wenzhou_and_beijing(sites_file):
    return sites_file(
        make_site(714, "The First Affiliated Hospital of Wenzhou Medical University", "Wenzhou", "Zhejiang",
                  28.0, 120.65),
        make_site(1064, "The First Affiliated Hospital of Wenzhou Medical University /ID# 253649", "Wenzhou",
                  "Zhejiang", 28.0, 120.65, contacts=(Contact(name="Rong Yu", role="PRIMARY"),)),
        make_site(1065, "The Second Affiliated Hospital of Wenzhou Medical University", "Wenzhou", "Zhejiang",
                  28.0, 120.65),
        make_site(827, "Beijing Cancer Hospital", "Beijing", "Beijing", 39.9, 116.4),
        make_site(1370, "Peking University Cancer Hospital & Institute", "Beijing", "Beijing", 39.9, 116.4),
        make_site(828, "Peking University Third Hospital", "Beijing", "Beijing", 39.9, 116.4),
    )


def test_list_gives_every_listing_of_a_hospital_its_chinese_name(cli, sites_file) -> None:
    path = _wenzhou_and_beijing(sites_file)
    run = cli("list", "--city", "Wenzhou", "--all", "--sites", str(path), "--json", "--lang", "zh")
    assert run.exit_code == 0, run.stderr
    names = {site["id"]: site["facility_zh"] for site in run.json()["sites"]}
    assert names == {714: "温州医科大学附属第一医院", 1064: "温州医科大学附属第一医院", 1065: None}


def test_show_of_a_chinese_name_finds_every_listing_of_that_hospital(cli, sites_file) -> None:
    path = _wenzhou_and_beijing(sites_file)
    run = cli("show", "温州医科大学附属第一医院", "--sites", str(path))
    assert run.exit_code != 0 and run.stdout == ""  # two listings: which one is asked (AmbiguousSite)
    assert "714 " in run.stderr and "1064 " in run.stderr and "1065 " not in run.stderr


def test_by_hospital_shows_a_hospital_of_two_english_names_once(cli, sites_file) -> None:
    path = _wenzhou_and_beijing(sites_file)
    run = cli("near", "Beijing", "--by", "hospital", "--all", "--limit", "20", "--sites", str(path), "--json",
              "--lang", "zh")
    assert run.exit_code == 0, run.stderr
    hospitals = run.json()["hospitals"]
    named = [hospital["facility_zh"] for hospital in hospitals]
    assert named.count("北京大学肿瘤医院") == 1, named
    listed = {listing["site_id"] for hospital in hospitals for trial in hospital["trials"] for listing in trial["listings"]}
    assert {827, 1370, 828} <= listed
    cancer = next(hospital for hospital in hospitals if hospital["facility_zh"] == "北京大学肿瘤医院")
    assert {listing["site_id"] for trial in cancer["trials"] for listing in trial["listings"]} == {827, 1370}


@pytest.mark.parametrize(("first", "second", "same"), [
    ("Teva Investigational Site 13840", "Teva Investigational Site 13842", False),  # named by their number alone
    ("Research Site 12", "Research Site 14", False),
    ("Novartis Investigative Site (Site 3)", "Novartis Investigative Site (Site 4)", False),
    ("Institute for Rheumatology /ID# 253172", "Institute for Rheumatology /ID# 253175", True),
    ("Beijing Cancer Hospital Site 123", "Beijing Cancer Hospital (Site 456)", True),
    ("Brigham & Women's Hospital", "Brigham and Women's Hospital", True),
    ("Sun Yat-sen University Cancer Center", "Sun Yat-Sen University Cancer Centre", True),
    ("Hunan Provincial People's Hospital", "Hunan Cancer Hospital", False),
])
def test_a_sponsors_site_number_is_left_out_only_where_a_name_is_left(first: str, second: str, same: bool) -> None:
    from sitefinder.hospitals import hospital_key

    keys = {hospital_key(make_site(1, facility=name, city="Changsha")) for name in (first, second)}
    assert (len(keys) == 1) is same
