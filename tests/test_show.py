"""`show` through the command line: one site by id or name, its contacts, in all three formats."""

from __future__ import annotations

import re

import pytest

from conftest import make_site, run_cli


def test_show_qingdao_has_both_contacts_with_roles_and_the_trial_contact(cli) -> None:
    run = cli("show", "Qingdao")
    assert run.exit_code == 0
    assert "Zhen Zhang, M.D. (primary)" in run.stdout
    assert "Xiaotao Zhang, M.D. (backup)" in run.stdout
    assert "Zhifang Yao, M.D.: 0760-8987 3999 (from abroad +86 760 8987 3999)" in run.stdout  # from abroad: no trunk 0
    data = cli("show", "qingdao", "--json").json()
    assert [c["role"] for c in data["site"]["investigators"]] == ["PRIMARY", "BACKUP"]
    central = data["trial"]["central_contacts"][0]
    assert (central["name"], central["phone"], central["phone_international"]) == \
        ("Zhifang Yao, M.D.", "+86-0760-89873999", "+86 760 8987 3999")  # the registry's text is kept


def test_show_by_id_and_the_gannan_note(cli) -> None:
    site = cli("show", "23", "--json").json()["site"]
    assert site["facility"] == "The First Affiliated Hospital of Gannan Medical University"
    assert "Ganzhou" in site["location_note"]


def test_show_ambiguous_fragment_lists_matches_and_exits_2(cli) -> None:
    run = cli("show", "Hunan Cancer")
    assert run.exit_code == 2 and run.stdout == ""
    assert "20 Hunan Cancer Hospital" in run.stderr and "21 Hunan Cancer Hospital" in run.stderr


@pytest.mark.parametrize("args", [["show", "99"], ["show", "no such hospital"]])
def test_show_unknown_site_exits_1(cli, args) -> None:
    run = cli(*args)
    assert run.exit_code == 1 and run.stdout == "" and run.stderr.startswith("Error: ")


@pytest.mark.parametrize("english, chinese", [("No Such Hospital", "不存在的医院")])
def test_a_site_query_in_chinese_that_matches_nothing_says_so_in_chinese(cli, english: str, chinese: str) -> None:
    said = cli("show", english)
    assert said.exit_code == 1 and "no site matches" in said.stderr
    asked = cli("show", chinese)
    assert asked.exit_code == 1 and asked.stdout == "" and asked.stderr.startswith("错误：")
    assert "no site matches" not in asked.stderr and chinese in asked.stderr and "sitefinder list" in asked.stderr


# --- how people look a site up: by a name shortened as they say it, by whom they call ---------------

def _shipped_sites():
    from sitefinder.queries import open_sites

    return list(open_sites(None).sites())


def _chinese_names() -> dict[int, str]:
    from sitefinder.facilities import facility_zh

    return {site.id: facility_zh(site) for site in _shipped_sites() if facility_zh(site)}


def _in_order(short: str, name: str) -> bool:
    rest = iter(name)
    return all(character in rest for character in short)


def _dropped_forms() -> list[tuple[int, str]]:
    """Each shipped site's Chinese name as people shorten it: 市, 省 or 大学 left out (江门中心医院)."""
    forms = []
    for site_id, name in _chinese_names().items():
        for dropped in ("市", "省", "大学"):
            short = name.replace(dropped, "", 1)
            if short != name and len(short) >= 4:
                forms.append((site_id, short))
    return forms


@pytest.mark.parametrize("site_id, short", _dropped_forms())
def test_a_chinese_name_with_a_character_left_out_finds_its_site(cli, site_id: int, short: str) -> None:
    names = _chinese_names()
    also = sorted(other for other, name in names.items() if _in_order(short, name) or short in name)
    run = cli("show", short, "--json")
    if also == [site_id]:
        assert run.exit_code == 0, run.stderr
        assert run.json()["site"]["id"] == site_id
    else:  # several sites read so: each is listed, the one shortened among them
        assert run.exit_code == 2 and re.search(rf"(?<!\d){site_id} ", run.stderr)


def _investigators() -> list[tuple[str, list[int]]]:
    import re

    by_name: dict[str, list[int]] = {}
    for site in _shipped_sites():
        for contact in site.contacts:
            person = re.sub(r",?\s*(M\.?D\.?|Ph\.?D\.?|MD|PhD)\b.*$", "", contact.name).strip()
            if len(person.split()) >= 2:
                by_name.setdefault(person, []).append(site.id)
    return sorted((person, sorted(set(ids))) for person, ids in by_name.items())


@pytest.mark.parametrize("person, ids", _investigators())
def test_a_site_is_found_by_its_investigators_name(cli, person: str, ids: list[int]) -> None:
    run = cli("show", person, "--json")
    if len(ids) == 1:
        assert run.exit_code == 0, run.stderr
        assert run.json()["site"]["id"] == ids[0]
    else:
        assert run.exit_code == 2 and all(re.search(rf"(?<!\d){site_id} ", run.stderr) for site_id in ids)
    turned = " ".join(reversed(person.split()))  # family name first, as Chinese names are said
    assert cli("show", turned).exit_code == run.exit_code


_PHONES = ("+86-20-87343088", "020-8734 3099", "+86 571 8689 0123", "0571-86891234")


def test_a_site_is_found_by_its_phone_number_as_a_person_writes_part_of_it(cli, sites_file) -> None:
    from conftest import make_site

    from sitefinder.models import Contact

    sites = [make_site(number, facility=f"Hospital {number}",
                       contacts=(Contact(name=f"Doctor {number}", role="PRIMARY", phone=phone),))
             for number, phone in enumerate(_PHONES, start=1)]
    path = sites_file(*sites)
    for site_id, phone in enumerate(_PHONES, start=1):
        digits = "".join(ch for ch in phone if ch.isdigit())
        for written in (phone, f"{digits[-8:-4]} {digits[-4:]}", digits[-8:]):
            run = cli("show", written, "--sites", str(path), "--json")
            assert run.exit_code == 0, (written, run.stderr)
            assert run.json()["site"]["id"] == site_id
    assert cli("show", "8734", "--sites", str(path)).exit_code == 1  # too few digits to be one number


def test_a_site_is_found_by_a_contacts_email_address_as_copied(cli, sites_file) -> None:
    from conftest import make_site

    from sitefinder.models import Contact

    emails = ("luoyi@zju.edu.cn", "Marlise_Luskin@DFCI.HARVARD.EDU", "a.b@hospital.org")
    path = sites_file(*(make_site(number, facility=f"Hospital {number}",
                                  contacts=(Contact(name=f"Doctor {number}", role="CONTACT", email=email),))
                        for number, email in enumerate(emails, start=1)))
    for site_id, email in enumerate(emails, start=1):
        for written in (email, email.lower(), email.upper(), f"<{email}>", f"mailto:{email}"):
            run = cli("show", written, "--sites", str(path), "--json")
            assert run.exit_code == 0, (written, run.stderr)
            assert run.json()["site"]["id"] == site_id
    for part in ("zju.edu.cn", "luoyi@zju", "@hospital.org"):  # a part of an address is none
        assert cli("show", part, "--sites", str(path)).exit_code == 1, part


def test_the_trials_central_contact_is_named_as_such_not_a_place(cli) -> None:
    from sitefinder.queries import open_sites

    central = open_sites(None).trial.central_contacts[0].name.split(",")[0]
    run = cli("show", central)
    assert run.exit_code == 1 and run.stdout == ""
    assert "central contact" in run.stderr and "sitefinder info" in run.stderr
    assert "did you mean" not in run.stderr


def _central_numbers() -> list[str]:
    """Every central contact's number of the shipped trial, written as digits alone, its last eight
    digits, and with spaces."""
    from sitefinder.queries import open_sites

    numbers = [contact.phone for contact in open_sites(None).trial.central_contacts if contact.phone]
    assert numbers
    digits = ["".join(filter(str.isdigit, number)) for number in numbers]
    return [*digits, *(number[-8:] for number in digits), *numbers]


@pytest.mark.parametrize("number", _central_numbers())
def test_a_central_contacts_number_is_named_as_such_however_it_is_written(cli, number: str) -> None:
    """`show 89873999` said "no site has id 89873999" where `show "0760 8987 3999"` named the central
    contact: digits alone are a number to call once no site has that id."""
    run = cli("show", number)
    assert run.exit_code == 1 and run.stdout == ""
    assert "central contact" in run.stderr and "no site has id" not in run.stderr


def _other_hospitals_in_site_cities() -> list[tuple[str, str]]:
    """A hospital that is no site, named with the Chinese name of a city that has exactly one site
    (柳州市工人医院 where 柳州市人民医院 is the site): (query, the site's Chinese name)."""
    from sitefinder.facilities import facility_zh
    from sitefinder.queries import open_sites

    sites = open_sites(None).sites()
    by_city: dict[str, list[str]] = {}
    for site in sites:
        name = facility_zh(site)
        city = name[:name.index("市") + 1] if "市" in name[:4] else ""
        if city:
            by_city.setdefault(city, []).append(name)
    made = [(f"{city}{other}", names[0]) for city, names in sorted(by_city.items()) if len(names) == 1
            for other in ("工人医院", "妇幼保健院", "中医医院") if other not in names[0]]
    assert len(made) >= 30
    return made


@pytest.mark.parametrize(("query", "site_name"), _other_hospitals_in_site_cities())
def test_a_hospital_that_is_no_site_is_not_answered_by_another_of_its_city(cli, query: str, site_name: str) -> None:
    """`show 柳州市工人医院` showed 柳州市人民医院 (the one site in 柳州), exit 0, no word said."""
    run = cli("show", query)
    assert run.exit_code == 1 and run.stdout == "", run.stdout
    assert site_name in run.stderr  # the sites that city has are named, for the patient to choose


def _city_led_fragments() -> list[tuple[str, list[int]]]:
    """Two words of a facility that begins with its city's name, where the city has other sites
    ("Beijing Chest"): the fragment, and the sites whose facility holds it."""
    from sitefinder.text import fold

    sites = _shipped_sites()
    cases = {}
    for site in sites:
        words = site.facility.split()
        if len(words) >= 3 and fold(words[0]) == fold(site.city):
            fragment = " ".join(words[:2])
            same_city = [other for other in sites if fold(other.city) == fold(site.city)]
            holding = [other.id for other in sites if fold(fragment) in fold(other.facility)]
            if len(same_city) > len(holding):
                cases[fragment] = holding
    return sorted(cases.items())


def test_the_shipped_data_has_city_led_fragments() -> None:
    assert _city_led_fragments()


@pytest.mark.parametrize("fragment, holding", _city_led_fragments())
def test_a_fragment_of_a_facility_finds_the_facilities_holding_it_not_their_whole_city(
        cli, fragment: str, holding: list[int]) -> None:
    run = cli("show", fragment, "--json")
    if len(holding) == 1:
        assert run.exit_code == 0, run.stderr
        assert run.json()["site"]["id"] == holding[0]
    else:
        assert run.exit_code == 2
        listed = [int(part.split()[0]) for part in run.stderr.split(": ", 1)[1].split("; ")
                  if part.split() and part.split()[0].isdigit()]
        assert sorted(listed) == holding


@pytest.mark.parametrize("query", ["Qwerty Uiopson", "Xavier Nobody", "Zzyzx Clinic"])
def test_shows_did_you_mean_names_only_cities_with_sites(cli, query: str) -> None:
    from sitefinder.queries import open_sites
    from sitefinder.text import fold

    cities = {fold(city) for city in open_sites(None).cities()}
    run = cli("show", query)
    assert run.exit_code == 1
    if "did you mean" in run.stderr:
        meant = run.stderr.split("did you mean ", 1)[1].split("?")[0]
        assert all(fold(name.split(",")[0]) in cities for name in meant.split(" or "))


@pytest.mark.parametrize("variant", ["tw", "hk"])
def test_a_site_is_found_by_its_name_in_traditional_characters(cli, variant: str) -> None:
    """`show 首都醫科大學附屬北京胸科醫院`, the name `show 3` prints under zh_TW, found nothing."""
    from sitefinder.output.traditional import convert

    names = _chinese_names()
    for site_id, name in names.items():
        written = convert(name, variant)
        assert written != name or not any(ch in "医学门东广" for ch in name)
        run = cli("show", written, "--json")
        same = sorted(other for other, other_name in names.items() if name in other_name)
        if same == [site_id]:
            assert run.exit_code == 0, (written, run.stderr)
            assert run.json()["site"]["id"] == site_id
        else:
            assert run.exit_code == 2 and re.search(rf"(?<!\d){site_id} ", run.stderr), (written, run.stderr)


def test_every_listing_of_an_ambiguous_show_can_be_told_apart(cli) -> None:
    """`show "Hunan Cancer Hospital"` listed two identical choices: each choice names its lead
    investigator, so that a person picks the one they mean."""
    every = cli("list", "--all", "--json").json()["sites"]
    by_name: dict[str, list[dict]] = {}
    for site in every:
        by_name.setdefault(site["facility"], []).append(site)
    shared = {name: sites for name, sites in by_name.items() if len(sites) > 1}
    assert shared  # the shipped trial lists hospitals twice (two departments)
    for name, sites in shared.items():
        run = cli("show", name)
        assert run.exit_code == 2
        for site in sites:
            lead = site["investigators"][0]["name"]
            assert f"{site['id']} {name} ({site['city']}; {lead})" in run.stderr, run.stderr
        assert len(run.stderr) < 600 and run.stderr.count("\n") == 1


@pytest.mark.parametrize("typed", ["foo", "NCT123", "12345678"])
def test_info_of_what_is_no_nct_id_says_what_one_is_not_a_look_alike(cli, typed: str) -> None:
    run = cli("info", typed)
    assert run.exit_code == 2
    assert "NCT and 8 digits" in run.stderr and "looks like" not in run.stderr


def test_an_ambiguous_show_in_chinese_tells_its_choices_apart_too(cli) -> None:
    every = cli("list", "--all", "--json").json()["sites"]
    twice = [site for site in every if site["facility"] == "Hunan Cancer Hospital"]
    assert len(twice) == 2
    run = cli("show", "湖南肿瘤医院")
    assert run.exit_code == 2
    for site in twice:
        assert f"{site['id']} {site['facility_zh']}（{site['investigators'][0]['name']}）" in run.stderr


def test_sites_a_chinese_query_matches_are_named_with_their_cities_in_chinese(sites_file) -> None:
    """"700 Peking University Third Hospital (Beijing; …)" answered 北京: a site without a Chinese
    name is named by its registry name, with its city in Chinese, and Chinese punctuation."""
    from sitefinder.queries import open_gazetteer

    guangzhou = next(place for place in open_gazetteer().places("guangzhou") if place.country == "China")
    path = sites_file(*(make_site(number, facility=f"Riverside Clinic {number}", geonameid=guangzhou.geonameid)
                        for number in (1, 2)))
    run = run_cli("show", "广州", "--sites", str(path))
    assert run.exit_code == 2, run.stderr
    assert "Riverside Clinic 1（广州；Doctor 1）" in run.stderr and "Guangzhou" not in run.stderr, run.stderr
    english = run_cli("show", "Guangzhou", "--sites", str(path))
    assert "Riverside Clinic 1 (Guangzhou; Doctor 1)" in english.stderr, english.stderr


@pytest.mark.parametrize("locale", ["zh_CN.UTF-8", "C"])
def test_sites_a_latin_query_matches_are_named_in_chinese_on_a_chinese_answer(locale: str) -> None:
    """`show Hospital --lang zh` (or under a Chinese locale) named the sites in English inside a
    Chinese error: the answer's language names them, not the script of the query."""
    asked = () if locale.startswith("zh") else ("--lang", "zh")
    run = run_cli("show", "Hospital", *asked, env={"LANG": locale})
    assert run.exit_code == 2 and "北京大学肿瘤医院（" in run.stderr and "Beijing Cancer Hospital" not in run.stderr
