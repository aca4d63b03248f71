"""What a patient sees (issue 21): joinable sites first, their language, numbers they can dial."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitefinder.status import STATUS_WORDS, joinable, status_class
from sitefinder.text import has_cjk

from conftest import make_site, listing_exit


def _trial_beside(path: Path, **facts: object) -> Path:
    base = {"nct_id": "NCT00000001", "brief_title": "A test trial", "overall_status": "RECRUITING"}
    (path.parent / "trial.json").write_text(json.dumps({**base, **facts}), encoding="utf-8")
    return path


# ---------------------------------------------------------------- point 2: joinable sites by default

@pytest.mark.parametrize("status, kind", [("RECRUITING", "open"), ("ENROLLING_BY_INVITATION", "open"),
                                          ("NOT_YET_RECRUITING", "not_yet"), ("WITHDRAWN", "closed"),
                                          ("COMPLETED", "closed"), ("ACTIVE_NOT_RECRUITING", "closed"),
                                          ("TERMINATED", "closed"), ("SUSPENDED", "closed")])
def test_status_class_says_open_not_yet_or_closed(status: str, kind: str) -> None:
    assert status_class(status) == kind
    assert joinable(status) == (kind != "closed")


def test_every_status_has_a_class() -> None:
    assert {status_class(status) for status in STATUS_WORDS} <= {"open", "not_yet", "closed", "unknown"}
    assert status_class(None) == "unknown"


def _mixed(sites_file) -> Path:
    path = sites_file(make_site(1, "Open Hospital", status="RECRUITING"),
                      make_site(2, "Gone Hospital", latitude=23.2, status="WITHDRAWN"),
                      make_site(3, "Done Hospital", latitude=23.3, status="COMPLETED"),
                      make_site(4, "Trial Status Hospital", latitude=23.4))
    return _trial_beside(path, overall_status="RECRUITING")


def test_near_leaves_out_closed_sites_and_says_how_to_see_them(cli, sites_file) -> None:
    path = _mixed(sites_file)
    result = cli("near", "Guangzhou", "--sites", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    assert [site["id"] for site in result.json()["sites"]] == [1, 4]
    assert result.json()["closed_left_out"] == 2
    assert "2 closed sites" in result.stderr and "--all" in result.stderr
    every = cli("near", "Guangzhou", "--sites", str(path), "--all", "--json")
    assert sorted(site["id"] for site in every.json()["sites"]) == [1, 2, 3, 4]
    assert "--all" not in every.stderr


def test_list_leaves_out_closed_sites_unless_all(cli, sites_file) -> None:
    path = _mixed(sites_file)
    shown = cli("list", "--sites", str(path), "--json").json()
    assert [site["id"] for site in shown["sites"]] == [1, 4] and shown["closed_left_out"] == 2
    table = cli("list", "--sites", str(path))
    assert "Gone Hospital" not in table.stdout and "2 closed sites" in table.stdout + table.stderr
    assert len(cli("list", "--sites", str(path), "--all", "--json").json()["sites"]) == 4


def test_an_explicit_status_is_shown_even_when_closed(cli, sites_file) -> None:
    path = _mixed(sites_file)
    assert [s["id"] for s in cli("list", "--sites", str(path), "--status", "withdrawn", "--json").json()["sites"]] == [2]


def test_a_closed_trial_is_judged_by_its_effective_status(cli, sites_file) -> None:
    path = _trial_beside(sites_file(make_site(1), make_site(2, latitude=23.2, status="RECRUITING")),
                         overall_status="COMPLETED")
    result = cli("near", "Guangzhou", "--sites", str(path), "--json")
    assert result.json()["sites"] == []  # its site's "recruiting" is what a completed trial left behind
    every = cli("near", "Guangzhou", "--sites", str(path), "--all", "--json").json()["sites"]
    assert {site["id"]: (site["effective_status"], site["status_source"]) for site in every} == \
        {1: ("COMPLETED", "trial"), 2: ("COMPLETED", "trial")}


def test_a_completed_trials_footnote_does_not_ask_whether_the_site_has_opened(cli, sites_file) -> None:
    path = _trial_beside(sites_file(make_site(1), make_site(2, latitude=23.2)), overall_status="COMPLETED")
    result = cli("near", "Guangzhou", "--sites", str(path), "--all")
    assert result.exit_code == 0, result.stderr
    assert "Completed" in result.stdout
    assert "has opened" not in result.stdout
    not_yet = _trial_beside(path, overall_status="NOT_YET_RECRUITING")
    assert "has opened" in cli("near", "Guangzhou", "--sites", str(not_yet)).stdout


# ---------------------------------------------------------------- point 5: a number a patient can dial

@pytest.mark.parametrize("phone, region, national, international", [
    ("+86-0760-89873999", None, "0760-8987 3999", "+86 760 8987 3999"),
    ("0760 89873999", "CN", "0760-8987 3999", "+86 760 8987 3999"),
    ("+86 10 8888 1234", None, "010-8888 1234", "+86 10 8888 1234"),
    ("+86 138 0013 8000", None, "138 0013 8000", "+86 138 0013 8000"),  # a mobile has no area code
    ("+1 617 555 0100", None, "", "+1 617-555-0100"),  # only a Chinese number gets its domestic form
    ("not a number", None, "", ""),
])
def test_phone_forms(phone: str, region: str | None, national: str, international: str) -> None:
    from sitefinder.contacts import phone_forms

    assert phone_forms(phone, region) == (international, national)


def _every_phone() -> list[str]:
    """Every phone number of the fixtures and shipped records, and numbers of other countries and shapes."""
    root = Path(__file__).resolve().parent.parent
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            found.update(text for key, text in value.items() if key == "phone" and isinstance(text, str))
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in [*(root / "tests" / "fixtures").rglob("*.json"), *(root / "data" / "registry").glob("*.json")]:
        walk(json.loads(path.read_text(encoding="utf-8")))
    assert len(found) >= 5  # the fixtures hold numbers: a search that finds none proves nothing
    return sorted(found) + ["+44 20 7946 0958", "+49 30 901820", "+81 3-1234-5678", "+33 1 42 68 53 00",
                            "+61 2 9374 4000", "+91 11 2658 8500", "+55 11 3069-6000", "020-87343000",
                            "13800138000", "(617) 555-0100", "+86 (20) 8734 3000", "not a number", "+0 123"]


def test_phone_forms_are_what_the_whole_phonenumbers_package_writes() -> None:
    """contacts' phone forms (remembered per number) are the package's own answers, each side in a
    fresh process, so neither sees the other's cache."""
    import subprocess
    import sys

    cases = [(phone, region) for phone in _every_phone() for region in (None, "CN", "US", "DE")]
    reference = ("import json, sys, phonenumbers\n"
                 "def forms(phone, region):\n"
                 "    try:\n"
                 "        number = phonenumbers.parse(phone, region)\n"
                 "    except phonenumbers.NumberParseException:\n"
                 "        return ['', '']\n"
                 "    if not phonenumbers.is_valid_number(number):\n"
                 "        return ['', '']\n"
                 "    fmt = phonenumbers.PhoneNumberFormat\n"
                 "    national = phonenumbers.format_number(number, fmt.NATIONAL) if number.country_code == 86 else ''\n"
                 "    national = national.replace(' ', '-', 1) if national.startswith('0') else national\n"
                 "    return [phonenumbers.format_number(number, fmt.INTERNATIONAL), national]\n"
                 "print(json.dumps([forms(p, r) for p, r in json.load(sys.stdin)]))\n")
    ours = ("import json, sys\nfrom sitefinder.contacts import phone_forms\n"
            "print(json.dumps([list(phone_forms(p, r)) for p, r in json.load(sys.stdin)]))\n")
    answers = [json.loads(subprocess.run([sys.executable, "-c", code], input=json.dumps(cases), text=True,
                                         capture_output=True, check=True).stdout) for code in (reference, ours)]
    assert sum(1 for forms in answers[0] if forms[0]) > len(cases) // 3  # mostly valid numbers
    assert answers[1] == answers[0]


def test_one_format_everywhere_domestic_and_international() -> None:
    from sitefinder.contacts import dialable
    from sitefinder.models import Contact

    contact = Contact("A", "CONTACT", phone="+86-0760-89873999", phone_international="+86 760 8987 3999",
                      phone_national="0760-8987 3999", phone_ext="12")
    assert dialable(contact) == "0760-8987 3999 (from abroad +86 760 8987 3999) ext. 12"
    assert dialable(contact._replace(phone_national="")) == "+86 760 8987 3999 ext. 12"
    assert dialable(Contact("B", "CONTACT", phone="12-34")) == "12-34"


def test_the_shipped_central_contact_is_dialled_the_same_way_in_every_view(cli) -> None:
    expected = "0760-8987 3999 (from abroad +86 760 8987 3999)"
    for args in (("show", "7"), ("near", "Guangzhou"), ("info",), ("list", "--province", "Guangdong")):
        out = cli(*args, env={"COLUMNS": "200"}).stdout
        assert expected in out, args
        assert "+86-760" not in out and "+86-0760" not in out, args
    central = cli("show", "7", "--json").json()["trial"]["central_contacts"][0]
    assert central["phone_national"] == "0760-8987 3999"


@pytest.mark.parametrize("columns", ["40", "60", "80"])
def test_a_footer_never_breaks_inside_a_number(cli, columns: str) -> None:
    out = cli("near", "Guangzhou", env={"COLUMNS": columns}).stdout
    flat = " ".join(out.split())
    assert "0760-8987 3999" in out and "+86 760 8987 3999" in out, out  # each form whole on one line
    assert "from abroad +86 760 8987 3999" in flat


def test_show_says_whom_to_call_when_the_site_lists_no_phone(cli) -> None:
    out = " ".join(cli("show", "7", env={"COLUMNS": "200"}).stdout.split())
    assert "No phone or email listed for this site: call Zhifang Yao, M.D., 0760-8987 3999" in out


# ---------------------------------------------------------------- point 3: info's facts

REGISTRY_CRITERIA = ("Inclusion Criteria:\n\n1. Be between 22 and 70 years of age;\n2. Have pain:\n\n"
                     "   1. At least six weeks;\n   2. Intractable pain\n\nExclusion Criteria:\n\n"
                     "* Pregnant or \\>10 mg\\/day\n* Prior surgery\r\n* Bad\x1b[2J byte")


def test_eligibility_splits_into_can_and_cannot_join() -> None:
    from sitefinder.trial import eligibility_lists

    lists = eligibility_lists(REGISTRY_CRITERIA)
    assert lists.can_join == ("Be between 22 and 70 years of age;", "Have pain:",
                              "  At least six weeks;", "  Intractable pain")
    assert lists.cannot_join == ("Pregnant or >10 mg/day", "Prior surgery", "Bad\x1b[2J byte")
    assert lists.other == ""


def test_eligibility_without_sections_is_kept_as_text() -> None:
    from sitefinder.trial import eligibility_lists

    lists = eligibility_lists("Adults with cancer.\nNo pregnancy.")
    assert lists.can_join == () and lists.cannot_join == () and lists.other == "Adults with cancer.\nNo pregnancy."


@pytest.mark.parametrize("minimum, maximum, sex, words", [
    ("18 Years", "", "ALL", "18 years and older; any sex"),
    ("18 Years", "75 Years", "FEMALE", "18 to 75 years; women only"),
    ("", "17 Years", "MALE", "up to 17 years; men only"),
    ("", "", "", "any age; any sex"),
    ("6 Months", "", "ALL", "6 months and older; any sex"),
])
def test_ages_and_sex_in_words(minimum: str, maximum: str, sex: str, words: str) -> None:
    from sitefinder.trial import ages_and_sex

    assert ages_and_sex(minimum, maximum, sex) == words


def _imported_trial(tmp_path: Path, **facts: object) -> Path:
    path = tmp_path / "sites.csv"
    from sitefinder.sitesfile import write_sites_file

    write_sites_file(path, [make_site(1)])
    return _trial_beside(path, **facts)


def test_info_starts_with_status_as_of_whom_to_call_and_dates(cli, tmp_path: Path) -> None:
    path = _imported_trial(tmp_path, overall_status="RECRUITING", retrieved="2026-11-20", start_date="2025-05-29",
                           completion_date="2029-07-31", eligibility=REGISTRY_CRITERIA, minimum_age="18 Years",
                           sex="ALL", plain_summary="Adults with sore legs.",
                           central_contacts=[{"name": "A. Li", "role": "CONTACT", "phone": "+86-0760-89873999",
                                              "phone_international": "+86 760 8987 3999",
                                              "phone_national": "0760-8987 3999"}])
    out = cli("info", "--sites", str(path), env={"COLUMNS": "80"}).stdout
    lines = out.splitlines()
    assert lines[1].split()[0] == "Status" and "Recruiting as of 2026-11-20" in lines[1]
    assert "days old" in lines[1]
    assert lines[2].split()[0] == "Call" and "0760-8987 3999" in lines[2]
    assert "Start" in out and "Expected completion" in out and "2029-07-31" in out
    assert "\\x0a" not in out and "\\r" not in out
    assert "\\x1b" in out  # other controls are still shown, never interpreted
    assert "Can join" in out and "Cannot join" in out and "Be between 22 and 70" in out
    assert "18 years and older; any sex" in out
    assert "Adults with sore legs." in out  # the curated summary beside the registry's text
    assert "(contact)" not in out


def test_info_csv_keys_are_snake_case(cli, tmp_path: Path) -> None:
    path = _imported_trial(tmp_path, eligibility=REGISTRY_CRITERIA, minimum_age="18 Years", sex="ALL")
    out = cli("info", "--sites", str(path), "--format", "csv").stdout
    keys = next(csv.reader(io.StringIO(out)))  # one trial: one row under its header of keys
    assert keys and all(key == key.lower() and " " not in key for key in keys), keys
    assert {"eligibility", "minimum_age", "sex"} <= set(keys)


def test_update_keeps_the_curated_summary() -> None:
    from sitefinder.models import Trial
    from sitefinder.update import keep_curated

    before = Trial(nct_id="NCT1", plain_summary="Plain words.")
    assert keep_curated(before, Trial(nct_id="NCT1", eligibility="Inclusion Criteria: ...")).plain_summary == \
        "Plain words."
    assert keep_curated(before, Trial(nct_id="NCT2")).plain_summary == ""


def test_map_hover_text_has_real_line_breaks(cli, tmp_path: Path) -> None:
    out = tmp_path / "m.svg"
    assert cli("map", "Guangzhou", "--out", str(out)).exit_code == 0
    svg = out.read_text(encoding="utf-8")
    assert "\\x0a" not in svg and "Jiangmen Central Hospital (id 7)\n" in svg


# ---------------------------------------------------------------- point 4: Chinese in, Chinese out

def test_every_shipped_facility_has_a_chinese_name_with_its_source() -> None:
    import csv

    from sitefinder.facilities import facility_zh
    from sitefinder.sitesfile import read_sites_file

    rows = list(csv.DictReader((Path(__file__).parents[1] / "data" / "facilities_zh.csv").open(encoding="utf-8")))
    assert all(row["source"] and row["sure"] in ("yes", "no") for row in rows)
    sites = read_sites_file(Path(__file__).parents[1] / "data" / "sites.csv").sites
    names = {site.id: facility_zh(site) for site in sites}
    assert all(names.values()), [site_id for site_id, name in names.items() if not name]
    assert names[7] == "江门市中心医院"


@pytest.mark.parametrize("query, site_id", [("江门市中心医院", 7), ("江门市中心", 7), ("山东省立医院", 27),
                                            ("康复大学青岛", 30)])
def test_show_finds_a_site_by_its_chinese_name(cli, query: str, site_id: int) -> None:
    result = cli("show", query, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["site"]["id"] == site_id and result.json()["site"]["facility_zh"]


def test_chinese_query_gives_chinese_facility_names_and_words(cli) -> None:
    result = cli("near", "广州", env={"COLUMNS": "200"})
    assert "江门市中心医院" in result.stdout
    assert "尚未开始招募" in result.stdout  # the status in Chinese words
    data = cli("near", "广州", "--json").json()
    assert data["sites"][0]["facility_zh"] == "江门市中心医院"
    english = cli("near", "Guangzhou", "--json").json()  # the same data in every language
    assert english["sites"][0]["facility_zh"] == "江门市中心医院"


def test_show_takes_lang(cli) -> None:
    out = cli("show", "7", "--lang", "zh", env={"COLUMNS": "200"}).stdout
    assert "江门市中心医院" in out and "江门" in out


def test_near_finds_a_site_by_its_chinese_name(cli) -> None:
    result = cli("near", "江门市中心医院", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["sites"][0]["id"] == 7


# ---------------------------------------------------------------- Taiwan, Hong Kong, Macau: one name each

@pytest.mark.parametrize("query", ["Taipei", "台北", "Macau", "Macao", "澳门", "Hong Kong", "香港", "Kaohsiung"])
def test_taiwan_hong_kong_and_macau_are_named_once_and_one_way(cli, query: str) -> None:
    table = cli("near", query, "--limit", "1", env={"COLUMNS": "200"})
    title = table.stdout.splitlines()[0]
    for name in ("Taiwan", "Macau", "Hong Kong"):
        assert title.count(name) <= 1, title
    assert "Macao" not in title
    origin = cli("near", query, "--limit", "1", "--json").json()["origin"]
    assert origin["country"] in ("Taiwan", "Macau", "Hong Kong")
    assert origin["province"] in (None, origin["country"]) or origin["province"] != origin["country"]


def test_place_words_and_short_province() -> None:
    from sitefinder.regions import place_words, short_province

    assert place_words("Taipei", "Taiwan", "Taiwan") == "Taipei, Taiwan"
    assert place_words("Macau", "Macau", "Macao") == "Macau"
    assert place_words("Jinan", "Shandong", "China") == "Jinan, Shandong, China"
    assert short_province("Beijing Municipality") == "Beijing"
    assert short_province("Guangxi Zhuang Autonomous Region") == "Guangxi"
    assert short_province("Oregon") == "Oregon"


# ---------------------------------------------------------------- point 9: one matching rule for show

@pytest.mark.parametrize("query, ids", [("Beijing", [1, 2, 3]), ("北京", [1, 2, 3]), ("beijing", [1, 2, 3]),
                                        ("Hunan Cancer", [20, 21]), ("济南", [27, 28])])
def test_show_matches_city_and_facility_by_one_rule(cli, query: str, ids: list[int]) -> None:
    result = cli("show", query)
    assert result.exit_code == 2
    # said in the language of the query: Chinese typed, Chinese read
    assert (f"与 {len(ids)} 个研究中心匹配" if has_cjk(query) else f"matches {len(ids)} sites") in result.stderr
    listed = result.stderr.split("：" if has_cjk(query) else ": ", 2)[2]  # after "Error: 'X' matches N sites: "
    assert [int(number) for number in re.findall(r"(?:^|; |；)(\d+) ", listed)] == ids, listed


@pytest.mark.parametrize("query", ["Qingdao", "青岛", "Taizhou Hospital", "江门"])
def test_show_one_match_is_that_site(cli, query: str) -> None:
    assert cli("show", query, "--json").exit_code == 0


@pytest.mark.parametrize("query", ["-1", "7.5", "0", "1e3", "Qwxzy", "Qingdo"])
def test_show_says_no_site_matches(cli, query: str) -> None:
    result = cli("show", query)
    assert result.exit_code == 1, result.stderr
    assert "no site" in result.stderr and "no place called" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_show_a_typo_still_gets_did_you_mean(cli) -> None:
    assert "Qingdao" in cli("show", "Qingdo").stderr


# ---------------------------------------------------------------- point 8: every empty answer says why and what to try

def test_list_city_without_a_site_points_to_near(cli) -> None:
    result = cli("list", "--city", "Guangzhou")
    assert result.exit_code == 1
    assert "sitefinder near Guangzhou" in result.stderr
    data = cli("list", "--city", "Guangzhou", "--json").json()
    assert data["sites"] == [] and data["try"] == "sitefinder near Guangzhou"


def test_list_by_a_status_no_site_has_gives_the_counts_and_the_data_age(cli) -> None:
    result = cli("list", "--status", "recruiting")
    assert result.exit_code == 1
    assert "Not yet recruiting: 42" in result.stderr and "days old" in result.stderr
    assert cli("list", "--status", "recruiting", "--json").json()["status_counts"] == {"NOT_YET_RECRUITING": 42}


@pytest.mark.parametrize("query, capital", [("新疆", "Ürümqi"), ("Xinjiang", "Ürümqi"), ("Tibet", "Lhasa"),
                                            ("青海", "Xining")])
def test_a_province_without_a_site_answers_with_the_nearest_to_its_capital(cli, query: str, capital: str) -> None:
    result = cli("near", query, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["origin"]["name"] == capital and len(result.json()["sites"]) == 5
    # said in the query's language (#21); an autonomous region's capital is its 首府, a province's its 省会
    assert ("capital" if query.isascii() else "首府" if query == "新疆" else "省会") in result.stderr


def test_map_of_a_province_draws_it(cli) -> None:
    result = cli("map", "山东", "--json")
    assert result.exit_code == 0, result.stderr
    assert sorted(site["id"] for site in result.json()["sites"]) == [27, 28, 29, 30, 31]
    assert cli("map", "山东").exit_code == 0


def test_every_example_in_the_help_answers(cli) -> None:
    import re

    for command in ("near", "list", "show", "map", "info"):
        text = cli(command, "--help", env={"COLUMNS": "200"}).stdout
        for line in text.splitlines():
            line = line.strip().strip("│").strip()
            if not line.startswith("sitefinder ") or "--out" in line or ">" in line or "--online" in line:
                continue
            import shlex

            words = shlex.split(line)[1:]
            result = cli(*words)
            assert result.exit_code in (0, 2), (line, result.stderr)
            assert result.exit_code == 2 or result.stdout.strip(), (line, result.stderr)  # an answer, not nothing
            if result.exit_code == 0 and "--json" in words and "sites" in result.stdout:
                assert re.search(r'"sites": \[\s*\{', result.stdout) or '"site"' in result.stdout, line


def test_wrap_words_breaks_chinese_between_characters_and_never_inside_a_number() -> None:
    from rich.cells import cell_len

    from sitefinder.lines import wrap_words

    text = "登记处未列出这些研究中心的电话或邮箱：请联系 Zhifang Yao，0760-8987 3999 (境外拨打 +86 760 8987 3999)。"
    for width in range(20, 60):  # narrower than a number, the number overflows whole
        lines = wrap_words(text, width, cell_len)
        assert all(cell_len(line) <= width for line in lines), (width, lines)
        assert any("+86 760 8987 3999" in line for line in lines) and any("0760-8987 3999" in line for line in lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert wrap_words("a b  c", 80) == ["a b  c"]


@pytest.mark.parametrize("text", ["Zhen Zhang, M.D. (主要联系人)", "Qingdao, Shandong, China (山东青岛)",
                                  "Xiaotao Zhang, M.D. (备用联系人)", "坐标 36.0649, 120.3804 (城市中心, GeoNames 1797929)"])
def test_no_line_starts_with_a_closing_mark_and_a_short_chinese_name_stays_whole(text: str) -> None:
    """At a phone's width "(主要联系人" / ")" and "(山" / "东青岛)" were printed: a closing bracket
    goes with the word before it, an opening one with the word after, and a Chinese word of up to
    four characters (a place, in brackets or not) is one piece, as an English word is."""
    import re

    from rich.cells import cell_len

    from sitefinder.lines import wrap_words

    shorts = [word for word in re.findall(r"[(（]?[\u4e00-\u9fff]+[)）,，]?", text)
              if len(re.sub(r"[^\u4e00-\u9fff]", "", word)) <= 4]
    for width in range(12, 40):
        lines = wrap_words(text, width, cell_len)
        assert not any(line[:1] in ")）,，.。" for line in lines), (width, lines)
        assert not any(line[-1:] in "(（" for line in lines), (width, lines)
        for short in shorts:
            if cell_len(short) <= width:
                assert any(short in line for line in lines), (width, short, lines)


# ---------------------------------------------------------------- point 12: scripts

def test_near_and_list_json_say_which_trial(cli) -> None:
    for args in (("near", "Guangzhou"), ("list",), ("near", "山东")):
        data = cli(*args, "--json").json()
        assert list(data)[:2] == ["nct_id", "central_contacts"], args
        assert data["nct_id"] == "NCT07010263" and data["central_contacts"][0]["phone_national"] == "0760-8987 3999"


def test_csv_has_the_contact_columns_and_chinese_when_asked(cli, sites_file) -> None:
    import csv
    import io

    from sitefinder.models import Contact

    path = sites_file(make_site(1, contacts=(Contact("A. Li", "PRINCIPAL_INVESTIGATOR", phone="+86-0760-89873999",
                                                     phone_ext="12", phone_international="+86 760 8987 3999",
                                                     phone_national="0760-8987 3999", email="a@x.org"),)))
    rows = list(csv.DictReader(io.StringIO(cli("list", "--sites", str(path), "--format", "csv").stdout)))
    assert (rows[0]["contact_name"], rows[0]["contact_role"], rows[0]["contact_phone_national"],
            rows[0]["contact_phone_international"], rows[0]["contact_phone_ext"], rows[0]["contact_email"]) == \
        ("A. Li", "PRINCIPAL_INVESTIGATOR", "0760-8987 3999", "'+86 760 8987 3999", "12", "a@x.org")  # ' : not a formula
    assert (rows[0]["facility_zh"], rows[0]["city_zh"]) == ("", "")  # columns in every language; empty: unknown
    chinese = list(csv.DictReader(io.StringIO(cli("near", "广州", "--format", "csv").stdout)))
    assert chinese[0]["facility_zh"] == "江门市中心医院" and chinese[0]["city_zh"] == "江门"
    assert chinese[0]["province_zh"] == "广东"


def test_csv_bom_for_spreadsheets(cli) -> None:
    plain = cli("list", "--format", "csv").stdout
    bom = cli("list", "--format", "csv", "--bom").stdout
    assert not plain.startswith("\ufeff") and bom.startswith("\ufeff") and bom[1:] == plain
    assert cli("list", "--json", "--bom").exit_code == 2


# ---------------------------------------------------------------- points 10, 11: our own words

@pytest.mark.parametrize("args, wanted", [
    (("near", "Guangzhou", "--within", "far"), "--within takes a number, not 'far'"),
    (("near", "Guangzhou", "--within", "400 miles"), "--within takes kilometres, not '400 miles'"),
    (("near", "Guangzhou", "--limit", "x"), "--limit takes a whole number, not 'x'"),
    (("near", "Guangzhou", "--lang", "fr"), "--lang takes one of: en, zh, zh-CN, zh-TW, zh-HK; not 'fr'"),
    (("list", "--format", "xml"), "--format takes one of: table, json, csv; not 'xml'"),
])
def test_bad_option_values_are_said_in_our_words(cli, args: tuple[str, ...], wanted: str) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert wanted in result.stderr, result.stderr
    for leak in ("Input should be", "Value error", "unable to parse"):
        assert leak not in result.stderr


@pytest.mark.parametrize("args, wanted", [(("广州",), "您是否要运行：sitefinder near 广州"),
                                          (("Guangzhou",), "did you mean: sitefinder near Guangzhou"),
                                          (("help",), "sitefinder --help")])
def test_a_place_or_help_as_the_command_gets_a_suggestion(cli, args: tuple[str, ...], wanted: str) -> None:
    result = cli(*args)
    assert result.exit_code == 2 and wanted in result.stderr, result.stderr


def test_help_metavars_are_plain(cli) -> None:
    for command in ("update", "near", "show", "map"):
        text = cli(command, "--help", env={"COLUMNS": "120"}).stdout
        assert "[[" not in text and "{PLACE}" not in text, command
    assert "<bool>" not in cli("--help", env={"COLUMNS": "120"}).stdout


def test_show_completes_site_ids_and_cities() -> None:
    from sitefinder.cli import complete_site

    assert "7" in complete_site("7")
    assert "Jiangmen" in complete_site("Jiang") and "江门市中心医院" not in complete_site("Jiang")
    assert all(name.lower().startswith("bei") for name in complete_site("bei"))


def test_a_message_names_a_services_host_not_its_url() -> None:
    """A message names where to look, never the request (2,000 characters of ids) nor a password."""
    from sitefinder.web import shown_url, url_key

    assert shown_url("http://h:9/search?q=Zzyzx+Road+%E5%B9%BF&format=json") == "h:9"
    assert shown_url("http://u:p@h/x?q=a") == "h"
    assert shown_url("https://clinicaltrials.gov/api/v2/studies?filter.ids=" + ",".join(["NCT07010263"] * 200)) \
        == "clinicaltrials.gov"
    assert len(shown_url("not a url " * 100)) <= 60
    assert url_key("http://u:p@h/x?q=a+b") == "http://h/x?q=a b"  # the cache's key: no password either


# ---------------------------------------------------------------- point 6: map files say what the terminal says

def test_map_files_carry_whom_to_call_and_the_data_age(cli, tmp_path: Path) -> None:
    for name in ("m.svg", "m.html"):
        out = tmp_path / name
        assert cli("map", "Guangzhou", "--out", str(out)).exit_code == 0
        text = out.read_text(encoding="utf-8")
        assert "0760-8987 3999" in text and "Zhifang Yao" in text, name
        assert "days old" in text and "Registry data of 2025-06-08" in text, name
    page = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page


def test_map_files_in_chinese_when_asked(cli, tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    assert cli("map", "广州", "--out", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "江门市中心医院" in page and "登记数据" in page and '<html lang="zh">' in page


def test_labels_that_collide_become_a_numbered_list(cli, tmp_path: Path) -> None:
    import re

    out = tmp_path / "m.svg"
    assert cli("map", "Harbin", "--view", "country", "--limit", "42", "--out", str(out)).exit_code == 0
    svg = out.read_text(encoding="utf-8")
    listed = re.findall(r'<text [^>]*class="listed"[^>]*>(\d+)\. ', svg)
    beside = re.findall(r'<text [^>]*class="label"[^>]*>(\d+) ', svg)
    assert listed, "42 labels cannot all fit beside their markers"
    assert sorted(map(int, listed + beside)) == list(range(1, 43))


@pytest.mark.parametrize("args", [("list",), ("show", "7"), ("info",), ("near", "广州"), ("near", "Jinan", "-n", "1")])
@pytest.mark.parametrize("columns", ["60", "80", "120"])
def test_no_printed_line_ends_in_spaces(cli, args: tuple[str, ...], columns: str) -> None:
    out = cli(*args, env={"COLUMNS": columns}).stdout
    assert out and not [line for line in out.splitlines() if line != line.rstrip()]


# A site's own name typed as the place: the site, before any reading of its words as a place.
# (山东省肿瘤医院 was an "unknown province", 北京大学肿瘤医院 was Beijing with 大学肿瘤医院 "not in the
# gazetteer"; one character, 广, picked the one site whose name holds it.)
def _shipped_facilities_zh() -> list[tuple[int, str]]:
    from sitefinder.facilities import facility_zh
    from sitefinder.sitesfile import read_sites_file
    from sitefinder.paths import data_dir

    return [(site.id, name) for site in read_sites_file(data_dir() / "sites.csv").sites if (name := facility_zh(site))]


@pytest.mark.parametrize(("site_id", "name"), _shipped_facilities_zh())
def test_every_shipped_sites_chinese_name_is_that_site_as_a_place(cli, site_id: int, name: str) -> None:
    run = cli("near", name, "--json", "--limit", "1")
    assert run.exit_code == 0, run.stderr
    origin = run.json()["origin"]
    assert origin["source"] == "site", (name, run.stderr)
    sites = {site["id"]: site for site in cli("list", "--json", "--all").json()["sites"]}
    assert (origin["latitude"], origin["longitude"]) == (sites[site_id]["latitude"], sites[site_id]["longitude"])


@pytest.mark.parametrize("fragment", ["广", "天", "京", "吉", "川", "医院"])
def test_a_character_or_two_is_not_read_as_a_site(cli, fragment: str) -> None:
    run = cli("near", fragment, "--json")
    assert not (run.exit_code == 0 and run.json()["origin"]["source"] == "site"), run.stderr


def test_a_hospital_the_trial_lacks_says_to_give_its_city(cli) -> None:
    run = cli("near", "华西医院")
    assert run.exit_code == 1 and "这是医院或大学的名称" in run.stderr and "请写出它所在的城市" in run.stderr
    english = cli("near", "华西医院", "--lang", "en")
    assert english.exit_code == 1 and "names a hospital or university" in english.stderr \
        and "give the city" in english.stderr


def test_csv_names_the_number_to_call_when_the_site_has_none(cli) -> None:
    """The shipped sites list no phone or email: the tables say to call the trial's central contact,
    and so does every CSV row (contact_of says whose number it is)."""
    import csv
    import io

    central = cli("info", "--json").json()["trial"]["central_contacts"][0]
    for args in (("list",), ("near", "Guangzhou"), ("show", "7")):
        rows = list(csv.DictReader(io.StringIO(cli(*args, "--format", "csv").stdout)))
        assert rows, args
        for row in rows:
            assert (row["contact_name"], row["contact_phone_national"], row["contact_of"]) == \
                (central["name"], central["phone_national"], "trial"), args


def test_csv_names_the_sites_own_contact_first(cli, sites_file) -> None:
    import csv
    import io

    from sitefinder.models import Contact

    path = sites_file(make_site(1, contacts=(Contact("A. Li", "CONTACT", email="a@x.org"),)))
    row = next(csv.DictReader(io.StringIO(cli("list", "--sites", str(path), "--format", "csv").stdout)))
    assert (row["contact_name"], row["contact_email"], row["contact_of"]) == ("A. Li", "a@x.org", "site")


@given(st.text(alphabet=st.sampled_from(list("ab 12,.、（）()广州市 -+\u00a0")), max_size=40), st.integers(1, 50))
@settings(max_examples=400, deadline=None)
def test_a_text_that_fits_is_its_own_one_line(text: str, width: int) -> None:
    """wrap_words returns a text that fits as it is, without breaking it into pieces (a `list` of
    695 sites spent a third of its time there): the rule itself joins such a text back whole."""
    from rich.cells import cell_len

    from sitefinder.lines import _broken_at_words, wrap_words

    if cell_len(text) <= width:
        assert _broken_at_words(text, width, cell_len) == [text.rstrip()] == wrap_words(text, width, cell_len)


@given(st.text(alphabet=st.sampled_from(list("ab 12,.、（）()广州市 -+\u00a0·")), max_size=60), st.integers(1, 30))
@settings(max_examples=400, deadline=None)
def test_wrapping_never_loses_or_adds_a_character(text: str, width: int) -> None:
    """Every piece of the text comes back, in order, whatever the width (ASCII words are pieces
    whole); only spaces at a line's end are dropped."""
    from rich.cells import cell_len

    from sitefinder.lines import wrap_words

    from sitefinder.contacts import number_goes_on

    def one_piece(line: str) -> bool:  # a word, or a phone number's groups ("1 1", "8987 3999"): never broken
        words = line.strip().split(" ")
        return all(number_goes_on(before, word) for before, word in zip(words, words[1:]))

    lines = wrap_words(text, width, cell_len)
    assert "".join("".join(lines).split()) == "".join(text.split())
    wider = [line for line in lines if line.isascii() and cell_len(line) > width]
    assert all(map(one_piece, wider)), (lines, width)
