"""JSON and CSV as a data contract, language-independent and faithful, on a dataset of many trials:
every trial an answer shows is in its JSON with its identity and central contacts; no text is cut
for display; the keys, columns and data values are the same in every language; a person listed
twice by the registry is one contact everywhere; CSV has every contact in columns of its own."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from sitefinder.models import Contact, Trial
from sitefinder.trial import trial_to_dict

from conftest import make_site, run_cli

LONG_TITLE = "A Randomised Study of Something Long Enough To Be Cut In A Table Column, Phase 2"
OTHER_TITLE = "Another Trial Whose Brief Title Is Also Longer Than Any Table Column Shows"
CENTRAL_A = (Contact("Zi Chen, Doctor", "CONTACT", phone="+8618117275173", email="zi.chen@example.com",
                     phone_international="+86 181 1727 5173", phone_national="181 1727 5173"),
             Contact("Min Yu, Doctor", "CONTACT", phone="+8615000679101", email="min.yu@example.com",
                     phone_international="+86 150 0067 9101", phone_national="150 0067 9101"))
CENTRAL_B = (Contact("Gong Zhenhua", "CONTACT", phone="021-80423288", email="gong@example.com",
                     phone_international="+86 21 8042 3288", phone_national="021-8042 3288"),)
TRIALS = (Trial(nct_id="NCT00000001", brief_title=LONG_TITLE, overall_status="RECRUITING",
                central_contacts=CENTRAL_A),
          Trial(nct_id="NCT00000002", brief_title=OTHER_TITLE, overall_status="NOT_YET_RECRUITING",
                central_contacts=CENTRAL_B))
SAME_PERSON = (Contact("Yang Liang", "CONTACT", phone="+86-20-87343088", email="yangl@example.com",
                       phone_international="+86 20 8734 3088", phone_national="020-8734 3088"),
               Contact("Yang Liang, Postdoc", "PRINCIPAL_INVESTIGATOR"),
               Contact("Yang Liang", "CONTACT", phone="+86-20-87343088", email="yangl@example.com",
                       phone_international="+86 20 8734 3088", phone_national="020-8734 3088"))
TWO_PEOPLE = (Contact("Rui Huang, Ph.D", "PRINCIPAL_INVESTIGATOR", email="rui@example.com"),
              Contact("Li Na", "CONTACT", phone="+86-20-61641888", phone_ext="12",
                      phone_international="+86 20 6164 1888", phone_national="020-6164 1888"))
NO_SUCH = "…"


def write_dataset(folder: Path) -> Path:
    """Two trials' sites in Guangzhou and Shenzhen, written as an import writes a dataset of many."""
    from sitefinder.sitesfile import write_sites_file

    folder.mkdir(parents=True, exist_ok=True)
    sites = [make_site(1, "Sun Yat-sen University Cancer Center", status="RECRUITING", nct_id="NCT00000001",
                       contacts=SAME_PERSON, geonameid=1809858),
             make_site(2, "Zhujiang Hospital", latitude=23.2, status="RECRUITING", nct_id="NCT00000002",
                       contacts=TWO_PEOPLE, geonameid=1809858),
             make_site(3, "Shenzhen People's Hospital", city="Shenzhen", latitude=22.54, longitude=114.06,
                       status="NOT_YET_RECRUITING", nct_id="NCT00000001", contacts=(), geonameid=1795565)]
    path = folder / "sites.csv"
    write_sites_file(path, sites)
    (folder / "trials.json").write_text(json.dumps({"trials": [trial_to_dict(trial) for trial in TRIALS]}),
                                        encoding="utf-8")
    return path


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "many")


def answer(*args: str) -> Any:
    run = run_cli(*args, "--json")
    assert run.exit_code == 0, run.stderr
    return run.json()


def csv_rows(*args: str) -> list[dict[str, str]]:
    run = run_cli(*args, "--format", "csv")
    assert run.exit_code == 0, run.stderr
    return list(csv.DictReader(io.StringIO(run.stdout)))


def site_records(found: Any) -> list[dict[str, Any]]:
    if "hospitals" in found:
        return [listing for hospital in found["hospitals"] for row in hospital["trials"] for listing in row["listings"]]
    return [found["site"]] if "site" in found else found.get("sites", [])


LISTINGS = [["near", "Guangzhou"], ["near", "广州"], ["list"], ["near", "China"], ["near", "Guangdong"],
            ["map", "Guangzhou"], ["near", "Guangzhou", "--by", "hospital"], ["list", "--lang", "zh"]]


# ---------------------------------------------------------------- 1. each trial of the answer, in its JSON

@pytest.mark.parametrize("args", LISTINGS)
def test_every_trial_an_answer_shows_is_in_its_json_with_its_central_contacts(dataset: Path, args: list[str]) -> None:
    found = answer(*args, "--sites", str(dataset))
    trials = {trial["nct_id"]: trial for trial in found["trials"]}
    shown = {row.get("nct_id") for row in found.get("hospitals", [])
             for row in row["trials"]} | {site["nct_id"] for site in found.get("sites", [])}
    assert shown and set(trials) == shown
    by_id = {trial.nct_id: trial for trial in TRIALS}
    for nct_id, trial in trials.items():
        assert trial["brief_title"] == by_id[nct_id].brief_title
        assert [contact["name"] for contact in trial["central_contacts"]] == \
            [contact.name for contact in by_id[nct_id].central_contacts]
        assert [contact["phone"] for contact in trial["central_contacts"]] == \
            [contact.phone for contact in by_id[nct_id].central_contacts]
        assert trial["overall_status"] == by_id[nct_id].overall_status
    assert found["nct_id"] is None and found["central_contacts"] == []  # no one trial: each is in `trials`


def test_show_names_its_trial_in_a_dataset_of_many(dataset: Path) -> None:
    found = answer("show", "3", "--sites", str(dataset))
    assert found["trial"]["nct_id"] == found["site"]["nct_id"] == "NCT00000001"
    assert [contact["name"] for contact in found["trial"]["central_contacts"]] == [c.name for c in CENTRAL_A]


@pytest.mark.parametrize("args", [["near", "Guangzhou"], ["list"], ["near", "China"], ["map", "Jinan"],
                                  ["near", "Guangzhou", "--by", "hospital"]])
def test_a_single_trials_answer_names_it_at_the_top_and_in_its_trials(args: list[str]) -> None:
    found = answer(*args)
    assert found["nct_id"] == "NCT07010263" and found["central_contacts"] and found["trial"]
    assert [trial["nct_id"] for trial in found["trials"]] == ["NCT07010263"]
    assert found["trials"][0]["central_contacts"] == found["central_contacts"]


def test_a_streamed_listing_of_many_trials_names_its_trials(dataset: Path, monkeypatch) -> None:
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    for args in (["list"], ["near", "China"]):
        found = answer(*args, "--sites", str(dataset))
        assert {trial["nct_id"] for trial in found["trials"]} == {site["nct_id"] for site in found["sites"]}


# ---------------------------------------------------------------- 2. nothing cut for display

@pytest.mark.parametrize("args", [*LISTINGS, ["show", "1"], ["info"], ["info", "NCT00000002"]])
def test_no_text_in_json_or_csv_is_cut_for_display(dataset: Path, args: list[str]) -> None:
    run = run_cli(*args, "--sites", str(dataset), "--json")
    assert run.exit_code == 0, run.stderr
    assert NO_SUCH not in run.stdout
    titles = {trial.nct_id: trial.brief_title for trial in TRIALS}
    for site in site_records(run.json()):
        if "trial" in site:
            assert site["trial"] == titles[site["nct_id"]]
    if args[0] != "map":
        text = run_cli(*args, "--sites", str(dataset), "--format", "csv")
        assert text.exit_code == 0, text.stderr
        assert NO_SUCH not in text.stdout
    table = run_cli(*args, "--sites", str(dataset), env={"COLUMNS": "80"})
    assert table.exit_code == 0, table.stderr


def test_the_trials_column_of_csv_is_the_whole_title(dataset: Path) -> None:
    rows = csv_rows("near", "Guangzhou", "--sites", str(dataset))
    assert {row["trial"] for row in rows} == {LONG_TITLE, OTHER_TITLE}
    assert {row["trial"] for row in csv_rows("info", "--sites", str(dataset))} == {LONG_TITLE, OTHER_TITLE}


# ---------------------------------------------------------------- 3. the same data in every language

def shape(value: Any) -> Any:
    """The keys of a JSON value, recursively (a list by its first item's)."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return None


def data_of(value: Any) -> Any:
    """A JSON answer without what is written for people (its notices' words)."""
    return {key: item for key, item in value.items() if key != "notices"}


LANGUAGE_CASES = [["near", "Guangzhou"], ["list"], ["near", "China"], ["near", "Guangdong"], ["map", "Guangzhou"],
                  ["near", "Guangzhou", "--by", "hospital"], ["show", "1"], ["show", "2"], ["info"],
                  ["info", "NCT00000001"]]


@pytest.mark.parametrize("args", LANGUAGE_CASES)
def test_json_is_the_same_data_in_every_language(dataset: Path, args: list[str]) -> None:
    english, chinese = (answer(*args, "--sites", str(dataset), "--lang", lang) for lang in ("en", "zh"))
    assert data_of(chinese) == data_of(english)


@pytest.mark.parametrize("args", [case for case in LANGUAGE_CASES if case[0] != "map"])
def test_csv_is_the_same_data_in_every_language(dataset: Path, args: list[str]) -> None:
    english, chinese = (run_cli(*args, "--sites", str(dataset), "--format", "csv", "--lang", lang)
                        for lang in ("en", "zh"))
    assert english.exit_code == chinese.exit_code == 0, chinese.stderr
    assert chinese.stdout == english.stdout


@pytest.mark.parametrize("latin, chinese", [("Guangzhou", "广州"), ("Guangdong", "广东"), ("China", "中国")])
def test_a_chinese_query_has_a_latin_ones_keys_and_columns(dataset: Path, latin: str, chinese: str) -> None:
    shapes = [json.dumps(shape(answer("near", query, "--sites", str(dataset)))) for query in (latin, chinese)]
    assert shapes[0] == shapes[1]  # the same keys in the same order
    headers = [list(csv_rows("near", query, "--sites", str(dataset))[0]) for query in (latin, chinese)]
    assert headers[0] == headers[1]


def test_chinese_names_are_data_whatever_the_language(dataset: Path) -> None:
    site = answer("near", "Guangzhou", "--sites", str(dataset))["sites"][0]
    assert site["city_zh"] == "广州" and site["province_zh"] == "广东"
    assert answer("near", "Guangzhou", "--sites", str(dataset))["origin"]["name_zh"] == "广州"
    assert csv_rows("list", "--sites", str(dataset))[0]["city_zh"] == "广州"


@pytest.mark.parametrize("command", ["list", "near"])
def test_a_streamed_listing_has_the_chinese_names_too(dataset: Path, monkeypatch, command: str) -> None:
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    args = ["list"] if command == "list" else ["near", "China"]
    sites = answer(*args, "--sites", str(dataset))["sites"]
    assert {site["city_zh"] for site in sites} == {"广州", "深圳"}
    assert {row["city_zh"] for row in csv_rows(*args, "--sites", str(dataset))} == {"广州", "深圳"}


# ---------------------------------------------------------------- 4. one person, one contact

def test_a_person_listed_twice_is_one_contact_in_every_output(dataset: Path) -> None:
    people = answer("show", "1", "--sites", str(dataset))["site"]["investigators"]
    assert len(people) == 1
    person = people[0]
    assert person["name"] == "Yang Liang, Postdoc"  # the richer form
    assert person["roles"] == ["PRINCIPAL_INVESTIGATOR", "CONTACT"] and person["role"] == "PRINCIPAL_INVESTIGATOR"
    assert person["phone"] == "+86-20-87343088" and person["email"] == "yangl@example.com"
    near = next(site for site in answer("near", "Guangzhou", "--sites", str(dataset))["sites"] if site["id"] == 1)
    assert near["investigators"] == people
    table = run_cli("show", "1", "--sites", str(dataset), env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.stderr
    listed = [line for line in table.stdout.splitlines() if "Yang Liang" in line and not line.startswith("Call")]
    assert len(listed) == 1 and "principal investigator, contact" in listed[0], table.stdout
    row = next(row for row in csv_rows("near", "Guangzhou", "--sites", str(dataset)) if row["id"] == "1")
    assert row["investigators"].count("Yang Liang") == 1
    assert row["contact_1_name"] == "Yang Liang, Postdoc" and row["contact_2_name"] == ""


@pytest.mark.parametrize("first, second, same", [
    ("Yang Liang", "Yang Liang, Postdoc", True), ("Ru Feng", "Ru Feng, M.D.", True),
    ("Rui Huang", "Rui Huang, Ph.D", True), ("Marlise Luskin", "Marlise Luskin, MD, PhD", True),
    ("Dr. Wei Zhang", "Wei Zhang", True), ("WEI ZHANG", "Wei Zhang, MD", True), ("杨亮", "杨亮, 主任医师", True), ("杨亮", "杨亮，博士", True),
    ("Laurie M Dennis", "Laurie M Dennis, RN, BS", True), ("杨亮", "杨明", False),
    ("Li Wei", "Li Na", False), ("Li, Wei", "Li, Na", False), ("Wei Zhang", "Wei Zhang Jr", False)])
def test_same_person_entries_are_merged_and_no_others(first: str, second: str, same: bool) -> None:
    from sitefinder.contacts import people

    merged = people((Contact(first, "CONTACT", email="a@example.com"), Contact(second, "PRINCIPAL_INVESTIGATOR",
                                                                             email="b@example.com")))
    assert len(merged) == (1 if same else 2)
    if same:
        assert merged[0].name == max((first, second), key=len)
        assert merged[0].roles == ("PRINCIPAL_INVESTIGATOR", "CONTACT")
        assert (merged[0].email, merged[0].more_emails) == ("a@example.com", ("b@example.com",))


def test_exact_duplicates_are_one_and_order_is_kept() -> None:
    from sitefinder.contacts import people

    one = Contact("A Li", "CONTACT", phone="123")
    assert people((one, Contact("B Wang", "CONTACT"), one)) == (one, Contact("B Wang", "CONTACT"))


# ---------------------------------------------------------------- 5. every contact in CSV columns of its own

def test_csv_gives_every_contact_columns_of_its_own(dataset: Path) -> None:
    rows = {row["id"]: row for row in csv_rows("list", "--sites", str(dataset))}
    two = rows["2"]
    assert (two["contact_1_name"], two["contact_1_roles"], two["contact_1_email"]) == \
        ("Rui Huang, Ph.D", "PRINCIPAL_INVESTIGATOR", "rui@example.com")
    assert (two["contact_2_name"], two["contact_2_roles"], two["contact_2_phone_ext"]) == ("Li Na", "CONTACT", "12")
    assert two["contact_2_phone"] == "'+86-20-61641888"  # neutralised as a formula start, on purpose
    assert two["contact_2_phone_national"] == "020-6164 1888"
    assert two["contact_count"] == "2" and rows["3"]["contact_count"] == "0"
    assert rows["3"]["contact_1_name"] == ""


def test_csv_columns_do_not_depend_on_how_many_contacts_sites_have(dataset: Path, sites_file) -> None:
    many = sites_file(make_site(1, contacts=tuple(Contact(f"Person {n} Name", "CONTACT", phone=f"+86-20-6164{n:04d}")
                                                  for n in range(9))))
    wide = run_cli("list", "--sites", str(many), "--format", "csv")
    narrow = run_cli("list", "--sites", str(dataset), "--format", "csv")
    assert wide.exit_code == narrow.exit_code == 0, wide.stderr
    assert wide.stdout.splitlines()[0] == narrow.stdout.splitlines()[0]
    row = next(csv.DictReader(io.StringIO(wide.stdout)))
    assert row["contact_count"] == "9"
    listed = json.loads(row["contacts"])  # every contact, whole, however many
    assert [person["name"] for person in listed] == [f"Person {n} Name" for n in range(9)]


def test_csv_has_the_trials_central_contacts(dataset: Path) -> None:
    rows = {row["id"]: row for row in csv_rows("near", "Guangzhou", "--sites", str(dataset))}
    assert "Zi Chen, Doctor" in rows["1"]["central_contacts"] and "Min Yu, Doctor" in rows["1"]["central_contacts"]
    assert "Gong Zhenhua" in rows["2"]["central_contacts"]


def test_a_hospitals_chinese_names_are_in_its_json_whatever_the_language(sites_file) -> None:
    """`near 广州 --by hospital` names a hospital 北京大学肿瘤医院 in its table: its JSON does too, in
    every language."""
    path = sites_file(make_site(1, "Beijing Cancer Hospital", city="Beijing", province="Beijing",
                                latitude=39.9075, longitude=116.39723, geonameid=1816670, status="RECRUITING"))
    english, chinese = (answer("near", "Beijing", "--by", "hospital", "--sites", str(path), "--lang", lang)
                        for lang in ("en", "zh"))
    hospital = english["hospitals"][0]
    assert (hospital["facility_zh"], hospital["city_zh"]) == ("北京大学肿瘤医院", "北京")
    assert hospital["trials"][0]["listings"][0]["facility_zh"] == "北京大学肿瘤医院"
    assert data_of(chinese) == data_of(english)
    table = run_cli("near", "北京", "--by", "hospital", "--sites", str(path), env={"COLUMNS": "200"})
    assert "北京大学肿瘤医院" in table.stdout


def test_a_trials_central_contact_listed_twice_is_one_in_info_and_show(tmp_path: Path) -> None:
    path = write_dataset(tmp_path / "twice")
    data = json.loads((path.parent / "trials.json").read_text(encoding="utf-8"))
    data["trials"][0]["central_contacts"] += [data["trials"][0]["central_contacts"][0],
                                              {"name": "Zi Chen", "role": "CONTACT", "email": "zc@example.com"}]
    (path.parent / "trials.json").write_text(json.dumps(data), encoding="utf-8")
    for found in (answer("info", "NCT00000001", "--sites", str(path))["trial"],
                  answer("show", "3", "--sites", str(path))["trial"],
                  next(trial for trial in answer("list", "--sites", str(path))["trials"]
                       if trial["nct_id"] == "NCT00000001")):
        assert [contact["name"] for contact in found["central_contacts"]] == ["Zi Chen, Doctor", "Min Yu, Doctor"]
        assert found["central_contacts"][0]["more_emails"] == ["zc@example.com"]
    table = run_cli("info", "NCT00000001", "--sites", str(path), env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.stderr
    assert table.stdout.count("Min Yu") == 1 and table.stdout.count("Zi Chen") == 1, table.stdout
