"""Every place a notice tells a person to type answers that very place when pasted back: `near
Portland` under a Chinese locale said 请输入“波特兰（美国缅因州）” for site 976's city, which pasted was
Port Antonio, Jamaica; “伯明翰（美国亚拉巴马州）” and “圣路易斯（美国密苏里州）” were not found;
"León, Leon" was León, Mexico, not Nicaragua's; "欧文, 苏格兰" nothing. Generated over the notices
`near` prints for names of several places, with a site at a smaller namesake of each (so the site's
city is named too), in Chinese and in English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitefinder.gazetteer import open_shipped
from sitefinder.models import Contact, Site, contenders
from sitefinder.resolver import resolve
from sitefinder.sitesfile import write_sites_file
from tests.conftest import run_cli

ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}
GAZETTEER = open_shipped()
NAMES = ["Portland", "Birmingham", "Saint Louis", "Newcastle", "Cambridge", "Springfield", "Richmond", "Hamilton",
         "Leon", "San Juan", "Irvine", "Kingston", "Córdoba", "Valencia", "Durham", "Windsor", "Halifax", "Salem",
         "Georgetown", "Alexandria", "Santiago", "Paris", "Athens", "Toledo", "Florence"]
ASKED = {"zh": re.compile(r"请输入“([^”]+)”"), "en": re.compile(r'write "([^"]+)"')}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site at the second place of each name: its city named in the notices as well."""
    rows = []
    for number, name in enumerate(NAMES, start=1):
        found = resolve(name, GAZETTEER)
        other = next(iter(contenders(found)), None) or (found.alternatives or (found.place,))[0]
        rows.append(Site(id=number, facility=f"Hospital {number}", city=name, province=other.province,
                         country=other.country, status="RECRUITING", latitude=other.latitude,
                         longitude=other.longitude, geonameid=other.geonameid,
                         contacts=(Contact(name=f"Doctor {number}", role="PRIMARY"),)))
    path = tmp_path_factory.mktemp("namesakes") / "sites.csv"
    write_sites_file(path, rows)
    return path


def origin(document: dict) -> tuple[object, ...]:
    place = document["origin"]
    return place["name"], place["province"], place["country"], place["latitude"], place["longitude"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_form_asked_answers_another_place_than_the_one_used(sites: Path, lang: str) -> None:
    env = ZH if lang == "zh" else None
    asked = 0
    for name in NAMES:
        run = run_cli("near", name, "-n1", "--json", "--sites", str(sites), env=env)
        assert run.exit_code == 0, (name, run.stderr)
        used = origin(run.json())
        for line in run.stderr.splitlines():
            for form in ASKED[lang].findall(line):
                if form.startswith("sitefinder"):
                    continue
                asked += 1
                pasted = run_cli("near", form, "-n1", "--json", "--sites", str(sites), env=env)
                assert pasted.exit_code == 0, (name, form, pasted.stderr)
                assert origin(pasted.json()) != used, (name, form, line)
    assert asked >= len(NAMES)  # the notices did ask


@pytest.mark.parametrize(("typed", "province", "country"), [
    ("波特兰（美国缅因州）", "Maine", "United States"), ("伯明翰（美国亚拉巴马州）", "Alabama", "United States"),
    ("圣路易斯（美国密苏里州）", "Missouri", "United States"), ("伯明翰（英国英格兰）", "England", "United Kingdom"),
    ("伦敦（London, England）", "England", "United Kingdom"),
    ("里昂（Lyon, Auvergne-Rhône-Alpes）", "Auvergne-Rhône-Alpes", "France")])
def test_the_form_a_chinese_notice_names_a_place_by_is_read(typed: str, province: str, country: str) -> None:
    place = resolve(typed, GAZETTEER, lang="zh").place
    assert (place.province, place.country) == (province, country)


@pytest.mark.parametrize("typo", ["Portlnd", "Cambrige", "Leds", "Lyonn, France", "Bostn", "Torontoo"])
def test_a_chinese_suggestion_pasted_is_the_place_suggested(typo: str) -> None:
    # "您是否要找 里昂（Lyon, Auvergne-Rhône-Alpes）？" pasted was "找不到"
    run = run_cli("near", typo, "-n1", env=ZH)
    suggested = re.findall(r"您是否要找 (.+?)？", run.stderr)
    assert suggested, run.stderr
    form = re.split(r"、| 或 ", suggested[0])[0].strip("“”")
    label = re.search(r"（(.+)）", form)
    pasted = run_cli("near", form, "-n1", "--json", env=ZH)
    assert pasted.exit_code == 0, pasted.stderr
    assert label is not None
    name, _, where = label[1].partition(", ")
    assert (pasted.json()["origin"]["name"], pasted.json()["origin"]["province"]) == (name, where)
