"""`show WORD`: a site found by its facility's name says nothing of reading a place, and a word is a
person's given or family name before it is a piece of a city's or a hospital's word."""

from __future__ import annotations

import re

import pytest

from conftest import make_site
from sitefinder.models import Contact


def _shipped_sites():
    from sitefinder.queries import open_sites

    return list(open_sites(None).sites())


def _names_of_one_site() -> list[tuple[str, int]]:
    """Each shipped site's Chinese and English name that no other site has (江门市中心医院 begins with
    its city, 浙江省台州医院 with its province: read as places, they left a part over)."""
    from sitefinder.facilities import facility_zh

    sites = _shipped_sites()
    names = [(name, site.id) for site in sites for name in (facility_zh(site), site.facility)]
    return sorted((name, site_id) for name, site_id in names if [other for other, _ in names].count(name) == 1)


@pytest.mark.parametrize(("name", "site_id"), _names_of_one_site())
def test_a_site_found_by_its_name_says_nothing_of_reading_a_place(cli, name: str, site_id: int) -> None:
    for lang in ("zh_CN.UTF-8", "C.UTF-8"):
        run = cli("show", name, "--json", env={"LANG": lang})
        assert run.exit_code == 0, run.stderr
        assert run.json()["site"]["id"] == site_id
        assert run.stderr == "", run.stderr  # no "使用 江门市；其后的部分未使用：中心医院"
        assert run.json()["notices"] == [] and run.json()["city_read"] is None


def test_a_fragment_of_a_hospitals_name_says_nothing_of_reading_a_place(cli) -> None:
    run = cli("show", "Beijing Chest")
    assert run.exit_code == 0 and "Beijing Chest Hospital" in run.stdout
    assert run.stderr == "", run.stderr  # not "no Chest in the offline gazetteer: Beijing used"


def test_a_site_found_by_its_city_still_says_how_the_place_was_read(cli) -> None:
    run = cli("show", "Qingdao 市南", env={"LANG": "zh_CN.UTF-8"})
    assert run.exit_code == 0 and "青岛" in run.stderr


def _name_parts() -> list[tuple[str, list[int]]]:
    """Every given and family name of the shipped sites' contacts, titles aside, with the sites of a
    contact of that name; a word that is also a whole word of a facility's name or a city is left
    out (those name a hospital or a place first)."""
    from sitefinder.text import fold

    sites = _shipped_sites()
    places = {fold(word) for site in sites for word in re.split(r"[\W_]+", f"{site.facility} {site.city}") if word}
    parts: dict[str, set[int]] = {}
    for site in sites:
        for contact in site.contacts:
            person = re.sub(r",.*$", "", contact.name)
            for part in person.split():
                parts.setdefault(part, set()).add(site.id)
    return sorted((part, sorted(ids)) for part, ids in parts.items() if fold(part) not in places)


def test_the_shipped_contacts_have_name_parts_that_are_pieces_of_places() -> None:
    from sitefinder.text import fold

    parts = {fold(part) for part, _ in _name_parts()}
    assert {"gengsheng", "yu", "lin"} & parts and len(parts) > 30
    assert any(part in fold(site.facility) for part in parts for site in _shipped_sites())  # "yu" of Yunnan


def _listed(stderr: str) -> tuple[int, list[int]]:
    count = int(re.search(r"matches (\d+) sites", stderr).group(1))
    shown = stderr.split(" sites: ", 1)[1]
    return count, [int(number) for number in re.findall(r"(?:^|; )(\d+) ", shown)]


@pytest.mark.parametrize(("part", "ids"), _name_parts())
def test_a_given_or_family_name_alone_finds_that_persons_sites(cli, part: str, ids: list[int]) -> None:
    for typed in (part, part.upper(), part.lower()):
        run = cli("show", typed, "--json")
        if len(ids) == 1:
            assert run.exit_code == 0, run.stderr
            assert run.json()["site"]["id"] == ids[0]
        else:  # every site of a person of that name, and no other
            assert run.exit_code == 2 and run.stdout == ""
            count, listed = _listed(run.stderr)
            assert count == len(ids) and set(listed) <= set(ids) and listed, run.stderr


def _people_and_places(sites_file):
    return sites_file(
        make_site(1, "Yunnan Cancer Hospital", "Kunming", "Yunnan", 25.04, 102.7,
                  contacts=(Contact(name="Gaofeng Li, M.D.", role="PRIMARY"),)),
        make_site(2, "Jilin Cancer Hospital", "Changchun", "Jilin", 43.88, 125.32,
                  contacts=(Contact(name="Ying Cheng", role="PRIMARY"),)),
        make_site(3, "Linyi People's Hospital", "Linyi", "Shandong", 35.05, 118.34,
                  contacts=(Contact(name="Zhongmin Zhang", role="PRIMARY"),)),
        make_site(4, "Beijing Cancer Hospital", "Beijing", "Beijing", 39.9, 116.4,
                  contacts=(Contact(name="Rong Yu, M.D.", role="PRIMARY"),)),
        make_site(5, "Test Hospital A", "Guangzhou", "Guangdong",
                  contacts=(Contact(name="Gen Lin", role="PRIMARY"), Contact(name="Lǐ Yáng", role="BACKUP"))),
        make_site(6, "Test Hospital B", "Guangzhou", "Guangdong",
                  contacts=(Contact(name="Li Lin, PhD", role="PRIMARY"), Contact(name="Geng-Sheng Wu", role="BACKUP"))),
    )


@pytest.mark.parametrize(("typed", "ids"), [
    ("Yu", [4]),  # Rong Yu, not the "yu" of Yunnan
    ("yu", [4]),
    ("Lin", [5, 6]),  # Gen Lin and Li Lin, not Linyi or Jilin
    ("Li", [1, 5, 6]),  # Gaofeng Li, Li Lin, and Lǐ Yáng written with its tones
    ("Yang", [5]),
    ("Gengsheng", [6]),  # Geng-Sheng Wu
    ("Rong", [4]),
    ("Yun", [1]),  # no person's name: the piece of Yunnan
    ("Zhongmin", [3]),
    ("Cheng", [2]),
])
def test_a_persons_name_part_ranks_before_a_piece_of_a_place_word(cli, sites_file, typed: str, ids: list[int]) -> None:
    path = _people_and_places(sites_file)
    run = cli("show", typed, "--sites", str(path), "--json")
    if len(ids) == 1:
        assert run.exit_code == 0, run.stderr
        assert run.json()["site"]["id"] == ids[0]
    else:
        assert run.exit_code == 2, run.stderr
        assert _listed(run.stderr) == (len(ids), ids)
