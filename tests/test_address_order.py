"""A comma-separated Latin address reads its deepest division in either order: the English order,
street first ("88 Jianguo Road, Chaoyang District, Beijing 100022"), and the reverse, largest unit
first, as a Chinese address is ordered and often written in English ("China, Beijing 100022,
Chaoyang District, 88 Jianguo Road"; "Canada, Ontario, Cambridge, 1 Main St", which read Cambridge,
England, by the name alone), with the notice saying which part was used.

Generated: over China's county-level divisions (the benchmark's table), each in both orders, with
and without a postcode and a street; abroad over the places whose name another place bears in
another state, each in the orders that the English order already answers."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT, run_cli
from sitefinder.distance import sphere_km
from sitefinder.errors import SitefinderError
from sitefinder.queries import open_gazetteer
from sitefinder.resolver import resolve
from sitefinder.text import fold, name_key

sys.path.insert(0, str(ROOT / "benchmarks"))
import china as benchmark  # noqa: E402

GAZETTEER = open_gazetteer()
STREET = benchmark.STREET_FIRST


def _english(code: str) -> str:
    rows = GAZETTEER.rows("SELECT english FROM cn_division WHERE code = ?", (code,))
    return rows[0][0] if rows else ""


def _china_cases(every: int = 9) -> list[tuple[str, str, dict]]:
    """(form, address, the county) for every `every`th county of a prefecture-level city."""
    rows = benchmark.divisions()
    by_code = {row["code"]: row for row in rows}
    cases = []
    for row in [row for row in rows if row["level"] == "county"][::every]:
        city_code = row["code"][:4] + "00"
        if city_code not in by_code and row["code"][:2] in ("11", "12", "31", "50"):
            city_code = row["code"][:2] + "0000"
        english, city, province = _english(row["code"]), _english(city_code), _english(row["code"][:2] + "0000")
        if not english or not city or not english.endswith((" District", " County", " City", " Banner")):
            continue
        outer = [] if city == province else [province]
        forms = {
            "reverse": ", ".join([*outer, city, english]),
            "reverse, street": ", ".join([*outer, city, english, STREET]),
            "reverse, postcode, street": ", ".join(["China", *outer, f"{city} {benchmark.POSTCODE}", english, STREET]),
            "english": ", ".join([english, city, *outer]),
            "english, street": ", ".join([STREET, english, city, *outer]),
            "english, postcode, street": ", ".join([STREET, english, f"{city} {benchmark.POSTCODE}", *outer, "China"]),
        }
        cases += [(form, address, row) for form, address in forms.items()]
    return cases


CHINA_CASES = _china_cases()


def test_the_china_cases_cover_the_divisions() -> None:
    assert len(CHINA_CASES) >= 1500
    assert len({row["code"][:2] for *_, row in CHINA_CASES}) >= 28


@pytest.mark.parametrize(("form", "address", "county"), CHINA_CASES, ids=[address for _, address, _ in CHINA_CASES])
def test_a_chinese_address_reads_its_district_in_either_order(form: str, address: str, county: dict) -> None:
    found = resolve(address, GAZETTEER)
    km = sphere_km(found.place.latitude, found.place.longitude, float(county["latitude"]), float(county["longitude"]))
    assert km <= 25.0, (address, found.place, found.notes)
    if "street" in form:  # the part used said, the street said unread
        assert any(STREET in note and _english(county["code"]).split()[0] in note for note in found.notes), found.notes


def _abroad_cases(limit: int = 160) -> list[tuple[str, str, int]]:
    """(form, address, GeoNames id) for places abroad of 50,000 people or more whose name a place
    of another state bears too, where "City, State" answers the place (the English order the
    resolver supports): each written largest unit first, with and without its country and a street."""
    rows = GAZETTEER.rows("SELECT id, name, admin1, country FROM place WHERE population >= 50000 AND admin1 != '' "
                          "AND country NOT IN ('CN', 'HK', 'MO', 'TW') ORDER BY population DESC, id")
    cases: list[tuple[str, str, int]] = []
    for geonameid, name, admin1, code in rows:
        if len(cases) >= 4 * limit:
            break
        if not name.replace(" ", "").isalpha() or not admin1.replace(" ", "").replace("-", "").isalpha() \
                or fold(name) == fold(admin1) or (code, admin1) not in GAZETTEER.regions(admin1):
            continue
        namesakes = [place for place in GAZETTEER.places(name_key(name))
                     if fold(place.name) == fold(name) and place.province != admin1]
        country = GAZETTEER.country_name(code)
        if not namesakes or GAZETTEER.regions(name) or any(ch.isdigit() for ch in country):
            continue
        try:
            english = resolve(f"{name}, {admin1}", GAZETTEER)
            if english.place.geonameid != geonameid or resolve(f"{STREET}, {name}, {admin1}, {country}",
                                                               GAZETTEER).place.geonameid != geonameid:
                continue
        except SitefinderError:
            continue
        cases += [("state, city", f"{admin1}, {name}", geonameid),
                  ("country, state, city", f"{country}, {admin1}, {name}", geonameid),
                  ("country, state, city, street", f"{country}, {admin1}, {name}, {STREET}", geonameid),
                  ("state, city, street", f"{admin1}, {name}, {STREET}", geonameid)]
    return cases


ABROAD_CASES = _abroad_cases()


def test_the_abroad_cases_cover_many_countries() -> None:
    assert len(ABROAD_CASES) >= 200
    countries = {GAZETTEER.place_by_id(geonameid).country for *_, geonameid in ABROAD_CASES}
    assert len(countries) >= 10, countries


@pytest.mark.parametrize(("form", "address", "geonameid"), ABROAD_CASES, ids=[address for _, address, _ in ABROAD_CASES])
def test_an_address_abroad_reads_its_city_in_either_order(form: str, address: str, geonameid: int) -> None:
    found = resolve(address, GAZETTEER)
    assert found.place.geonameid == geonameid, (address, found.place, found.notes)
    # the part used is said, as it was typed ("Ontario, Cambridge"), and is what namesakes quote;
    # an address of no street is read whole ("England, Leeds")
    part = found.read
    if "street" in form or part:
        assert part and part in address and found.place.name in part, (address, found.read)
        assert any(f"'{part}'" in note for note in found.notes), found.notes


def test_the_brief_examples_through_the_cli() -> None:
    """The examples of the defect, in English and in a Chinese locale."""
    for address, district in (("China, Beijing 100022, Chaoyang District, 88 Jianguo Road", "Chaoyang District"),
                              ("Guangdong, Guangzhou, Tianhe District, 123 Tianhe Rd", "Tianhe District"),
                              ("88 Jianguo Road, Chaoyang District, Beijing 100022", "Chaoyang District")):
        run = run_cli("near", address, "--json")
        assert run.exit_code == 0 and run.json()["origin"]["name"] == district, (address, run.stderr)
        assert district in run.stderr
    run = run_cli("near", "Canada, Ontario, Cambridge, 1 Main St", "--json")
    assert run.exit_code == 0 and run.json()["origin"]["province"] == "Ontario", run.stderr
    assert "'Ontario, Cambridge'" in run.stderr
    run = run_cli("near", "55 Fruit Street, Boston, MA 02114", "--json")  # MA the state, not Morocco
    assert run.exit_code == 0 and run.json()["origin"]["province"] == "Massachusetts", run.stderr
