"""A country or state an address names bounds its answer: "Bela Vista" (a bairro of São Paulo, and
a municipality of several Brazilian states) in "Rua ..., Bela Vista, São Paulo - SP, Brasil" was
read as Catchiungo, Angola, which GeoNames also calls Bela Vista. Generated over every Brazilian
name a place abroad bears too, as registry staff and patients write Brazilian addresses (the
country in Portuguese, the state after the city with its code, the CEP), and over every country's
name in its own languages (gazetteer/countries_local.csv)."""

from __future__ import annotations

import csv

import pytest

from sitefinder.errors import SitefinderError
from sitefinder.gazetteer import Gazetteer
from sitefinder.paths import gazetteer_path
from sitefinder.resolver import resolve
from sitefinder.text import name_key
from tests.conftest import ROOT

# Brazil's states by the two letters its addresses write after the city ("São Paulo - SP")
UFS = ("AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA", "PB", "PR", "PE", "PI",
       "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(gazetteer_path())


def _state_codes(gazetteer: Gazetteer) -> dict[str, str]:
    codes = {}
    for uf in UFS:
        for country, admin1 in gazetteer.divisions(uf):
            if country == "BR" and admin1:
                codes[admin1] = uf
    return codes


def _brazilian_namesakes(gazetteer: Gazetteer) -> list[tuple[str, str]]:
    """(name, state) of every Brazilian place whose name a larger place abroad bears too (by its own
    name or another): the names a reading unbounded by the country answers abroad."""
    return gazetteer.rows(
        "SELECT DISTINCT p.name, p.admin1 FROM place p JOIN name n ON n.place = p.id WHERE p.country = 'BR' "
        "AND EXISTS (SELECT 1 FROM name m JOIN place q ON q.id = m.place WHERE m.key = n.key AND q.country != 'BR' "
        "AND q.population > p.population) ORDER BY p.name, p.admin1")


FORMS = ("Rua Exemplo 100, {name}, {state} - {uf}, 01000-000, Brasil",
         "Rua Exemplo 100, {name}, {state}, Brazil",
         "Av. Paulista 1000, {name}, Brasil",
         "{name}, {state} - {uf}, Brasil",
         "{name}, Brasil")


@pytest.mark.parametrize("form", FORMS)
def test_a_brazilian_name_in_an_address_naming_brazil_is_never_a_place_abroad(form: str, gazetteer: Gazetteer) -> None:
    codes = _state_codes(gazetteer)
    namesakes = _brazilian_namesakes(gazetteer)
    assert len(namesakes) > 100 and len(codes) >= 25  # the class, not the one example
    abroad, unplaced = [], []
    for name, state in namesakes:
        if not state and "{state}" in form:
            continue  # a place GeoNames puts in no state has none to write
        query = form.format(name=name, state=state, uf=codes.get(state, "")).replace(" - ,", ",")
        try:
            found = resolve(query, gazetteer)
        except SitefinderError:
            unplaced.append(query)
            continue
        if found.place.country != "Brazil":
            abroad.append(f"{query}: {found.place.label}, {found.place.country}")
        elif "{state}" in form and found.place.province != state:
            abroad.append(f"{query}: {found.place.label} (another state)")
    assert not abroad, abroad[:10]
    assert len(unplaced) <= 0.02 * len(namesakes), unplaced[:10]


def test_bela_vista_of_sao_paulo_as_its_address_is_written() -> None:
    gazetteer = Gazetteer(gazetteer_path())
    for query in ("Rua Maestro Cardim 769, Bela Vista, São Paulo - SP, 01323-001, Brasil",
                  "Bela Vista, São Paulo - SP, Brasil", "Bela Vista, Brasil", "Rua X 10, Bela Vista, Brazil"):
        found = resolve(query, gazetteer)
        assert (found.place.name, found.place.province) == ("Bela Vista", "Sao Paulo"), query


def test_every_country_is_known_by_its_name_in_its_own_languages(gazetteer: Gazetteer) -> None:
    """Brasil, Deutschland, España, Россия: each the country, unless the name is another region's
    already (then that one, as before)."""
    with (ROOT / "gazetteer" / "countries_local.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 200
    unknown = [f"{row['name']} ({row['code']})" for row in rows
               if row["code"] in {code for code, _ in gazetteer.rows("SELECT code, name FROM country")}
               and not gazetteer.regions(row["name"])]
    assert not unknown, unknown[:10]
    for name, code in (("Brasil", "BR"), ("Deutschland", "DE"), ("España", "ES"), ("Italia", "IT"), ("Polska", "PL")):
        assert code in gazetteer.country_codes(name), name
    assert name_key("Brasil") != name_key("Brazil")
