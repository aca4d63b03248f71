"""The words of a notice about China's namesakes (#20): every place named in the notice's language
(an English line named "鼓楼区 (Gulou District, 南京市, Jiangsu)", a Chinese one "Tongzhou District,
江苏"; an English name may be followed by the official name in characters), a municipality named once (北京北京市朝阳区 was said), and the query it offers for another
namesake one that answers that namesake (it offered "广州天河" for every name)."""

from __future__ import annotations

import re
import sys

import pytest

from conftest import ROOT
from sitefinder.distance import sphere_km
from sitefinder.errors import SitefinderError
from sitefinder.queries import open_gazetteer
from sitefinder.resolver import resolve

sys.path.insert(0, str(ROOT / "benchmarks"))
import china as benchmark  # noqa: E402

COUNTIES = [row for row in benchmark.divisions() if row["level"] == "county"]
BY_NAME: dict[str, list[dict]] = {}
for _row in COUNTIES:
    BY_NAME.setdefault(_row["name"], []).append(_row)
GAZETTEER = open_gazetteer()
ENGLISH = dict(GAZETTEER.rows("SELECT code, english FROM cn_division"))
# every county-level name borne by two or more divisions: the Chinese, and the English they are written in
SHARED = sorted(name for name, rows in BY_NAME.items() if len(rows) > 1)
SHARED_ENGLISH = sorted({ENGLISH[rows[0]["code"]] for rows in BY_NAME.values() if len(rows) > 1 and ENGLISH.get(rows[0]["code"])})
CJK = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


def namesake_notes(query: str, lang: str) -> list[str]:
    try:
        resolution = resolve(query, GAZETTEER, lang=lang)
    except SitefinderError:
        return []
    return [note for note in resolution.notes if ("也是" in note if lang == "zh" else "is also the name of" in note)]


def test_the_shared_names_are_many() -> None:
    assert len(SHARED) > 20 and len(SHARED_ENGLISH) > 20


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_namesake_notice_names_places_in_its_own_language_only(lang: str) -> None:
    mixed = []
    for name in SHARED + SHARED_ENGLISH:
        for note in namesake_notes(name, lang):
            body = note[len(name):]  # the name as typed comes first, in the script typed
            if lang == "en":  # an English name may be followed by the official one: "Gulou District, Nanjing, Jiangsu (鼓楼区)"
                body = re.sub(r"\([\u3400-\u9fff]+\)", "", body)
            if (CJK if lang == "en" else LATIN).search(body):
                mixed.append(note)
    assert not mixed, f"{len(mixed)} notices, e.g. {mixed[:3]}"


def test_a_municipality_is_named_once() -> None:
    doubled = [note for name in SHARED for note in namesake_notes(name, "zh")
               if re.search(r"(北京|天津|上海|重庆)\1市", note)]
    assert not doubled, doubled[:3]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_query_a_namesake_notice_offers_answers_the_namesake(lang: str) -> None:
    """The example written after "for another" is typed back: it answers a namesake, not the place used."""
    pattern = re.compile(r'e\.g\. "([^"]+)"\)?$' if lang == "en" else r"（如 ([^）]+)）$")
    wrong, asked = [], 0
    for name in SHARED:
        query = name if lang == "zh" else ENGLISH.get(BY_NAME[name][0]["code"], "")
        if not query:
            continue
        for note in namesake_notes(query, lang):
            found = pattern.search(note)
            assert found, note
            asked += 1
            used = resolve(query, GAZETTEER, lang=lang).place
            other = resolve(found.group(1), GAZETTEER, lang=lang).place
            seats = [(float(row["latitude"]), float(row["longitude"])) for row in BY_NAME[name]]
            if sphere_km(used.latitude, used.longitude, other.latitude, other.longitude) < 1 or not any(
                    sphere_km(other.latitude, other.longitude, *seat) <= 25 for seat in seats):
                wrong.append((query, found.group(1), other.label))
    assert asked > 15
    assert not wrong, f"{len(wrong)} of {asked}, e.g. {wrong[:3]}"


@pytest.mark.parametrize("typed, asked", [("通州区", "南通"), ("Taizhou", "泰州")])
def test_two_namesakes_are_asked_for_in_chinese(typed: str, asked: str) -> None:
    """The line for two real contenders ("…如指江苏的那个，请输入“Tongzhou District, 江苏”") offers a
    Chinese query that answers the other."""
    from conftest import run_cli

    run = run_cli("near", typed, "--limit", "1", "--lang", "zh")
    line = next(line for line in run.stderr.splitlines() if "有多个同名地点" in line)
    ask = re.search(r"请输入“([^”]+)”", line)
    assert ask and not LATIN.search(ask.group(1)) and asked in ask.group(1), line
    again = run_cli("near", ask.group(1), "--limit", "1", "--json")
    assert again.exit_code == 0
    assert asked in again.stdout, again.stdout[:300]


def test_a_sites_registry_city_is_named_in_chinese() -> None:
    """"研究中心 23 的 Gannan 是 Ganzhou, Jiangxi：使用 Gannan, Gansu": the registry's own spelling stays,
    the places are said in Chinese, and the query offered answers the site's city."""
    from conftest import run_cli

    run = run_cli("near", "Gannan", "--limit", "1", "--lang", "zh")
    line = next(line for line in run.stderr.splitlines() if line.startswith("研究中心"))
    assert not LATIN.search(line.replace("Gannan", "", 1)), line
    ask = re.search(r"请输入“([^”]+)”", line)
    assert ask, line
    again = run_cli("near", ask.group(1), "--limit", "1", "--json")
    assert again.exit_code == 0 and '"Ganzhou"' in again.stdout
