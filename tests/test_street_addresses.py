"""An address of two parts, a street (or a facility) and its city ("1 Main St, Springfield", "Rue X,
Lyon", "Ismaninger Str. 22, München", "MD Anderson, Houston"), reads its city with the address
notice, as three parts already did: a street or a facility is no place, and was read as one ("did
you mean Mā‘īn, Mādabā?").

Generated: the most populous cities of many countries that answer alone by their own name, each
after street forms in the languages registries write (English, French, German, Italian, Spanish,
Portuguese, Dutch, Polish) and facilities' names."""

from __future__ import annotations

import pytest

from conftest import run_cli
from sitefinder.errors import PlaceNotFound, SitefinderError
from sitefinder.queries import open_gazetteer
from sitefinder.resolver import resolve
from sitefinder.text import name_key

GAZETTEER = open_gazetteer()

STREETS = ("1 Main St", "100 Main Street", "Beckett Street", "Station Road", "12 Oak Ave", "Rue X",
           "5 Place d'Arsonval", "Boulevard Haussmann", "Ismaninger Str. 22", "Hauptstraße", "Via Roma 10",
           "Viale Europa", "Calle Mayor", "Avenida Paulista 1578", "Rua Augusta", "Kerkstraat 4", "ul. Długa 5")
FACILITIES = ("MD Anderson", "General Hospital", "Sun Yat-sen University Cancer Center")
COUNTRIES = ("US", "GB", "FR", "DE", "IT", "ES", "BR", "NL", "PL", "CA", "AU", "JP")


def _cities(per_country: int = 3) -> list[tuple[str, int]]:
    """(name, GeoNames id) of each country's most populous places that `near NAME` answers by
    themselves, silently (no notice: a city by its own name)."""
    found = []
    for code in COUNTRIES:
        rows = GAZETTEER.rows("SELECT id, name FROM place WHERE country = ? ORDER BY population DESC LIMIT 12",
                              (code,))
        kept = 0
        for geonameid, name in rows:
            if kept == per_country or not name.replace(" ", "").isalpha():
                continue
            try:
                alone = resolve(name, GAZETTEER)
            except SitefinderError:
                continue
            if alone.place.geonameid == geonameid and not alone.notes and not alone.ambiguous:
                found.append((name, geonameid))
                kept += 1
    return found


CITIES = _cities()
CASES = [(f"{street}, {city}", geonameid) for city, geonameid in CITIES for street in (*STREETS, *FACILITIES)]


def test_the_cases_cover_many_countries() -> None:
    assert len({GAZETTEER.place_by_id(geonameid).country for _, geonameid in CASES}) >= 10
    assert len(CASES) >= 500


@pytest.mark.parametrize(("address", "geonameid"), CASES, ids=[address for address, _ in CASES])
def test_a_street_or_facility_and_a_city_read_the_city(address: str, geonameid: int) -> None:
    found = resolve(address, GAZETTEER)
    assert found.place.geonameid == geonameid, (address, found.place)
    part, city = address.rsplit(", ", 1)
    if part in STREETS:  # read as an address, saying which part was used
        assert found.read == city, (address, found.read)
        assert any(f"'{city}'" in str(note) and "address" in str(note) for note in found.notes), found.notes
    else:  # a facility: as an address, or as a place of the city the gazetteer lacks; said either way
        assert any(part in str(note) and found.place.name in str(note) for note in found.notes), found.notes


def test_a_namesake_city_after_a_street_is_answered_as_alone_with_its_namesakes() -> None:
    """Springfield has many namesakes: the street does not change which is used, and they are said."""
    alone = resolve("Springfield", GAZETTEER)
    for street in ("1 Main St", "100 Main Street"):
        found = resolve(f"{street}, Springfield", GAZETTEER)
        assert found.place == alone.place and found.ambiguous == alone.ambiguous and found.ambiguous
        assert found.alternatives == alone.alternatives


def test_a_single_unknown_word_before_a_city_is_still_not_found() -> None:
    """Only a street or a name of several words that names no place is read as an address part:
    a misspelt place before a city ("Cambrdge") is no street."""
    with pytest.raises(PlaceNotFound):
        resolve("Xqzvy, Houston", GAZETTEER)


@pytest.mark.parametrize("address", ["1 Main St, Springfield", "100 Main Street, Houston", "Rue X, Lyon",
                                     "Ismaninger Str. 22, München", "5 Place d'Arsonval, Lyon",
                                     "Beckett Street, Leeds", "MD Anderson, Houston"])
def test_the_reported_addresses_through_the_cli(address: str) -> None:
    run = run_cli("near", address, "--json")
    city = address.rsplit(", ", 1)[1]
    assert run.exit_code == 0, run.stderr
    assert name_key(run.json()["origin"]["name"]) == name_key(resolve(city, GAZETTEER).place.name)
    assert "read as an address" in run.stderr and f"'{city}'" in run.stderr
