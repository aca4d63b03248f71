"""A Chinese address with its postal code written first, as an envelope writes it (510000
广东省广州市天河区): the code is no part of the place; the chain after it is read as without it."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT
from sitefinder.distance import sphere_km
from sitefinder.queries import open_gazetteer
from sitefinder.resolver import resolve

sys.path.insert(0, str(ROOT / "benchmarks"))
import china as benchmark  # noqa: E402

DIVISIONS = benchmark.divisions()
BY_CODE = {row["code"]: row for row in DIVISIONS}
COUNTIES = [row for row in DIVISIONS if row["level"] == "county"]


@pytest.mark.parametrize("row", COUNTIES[::97], ids=lambda row: row["code"])
@pytest.mark.parametrize("written", ["{code} {chain}", "{code}{chain}", "中国 {code} {chain}", "{wide} {chain}"])
def test_a_chain_after_its_postal_code_is_the_chain(row: dict, written: str) -> None:
    chain = benchmark.forms(row, BY_CODE, open_gazetteer())["chain"]
    if not chain:
        pytest.skip("no chain for a division without a prefecture")
    code = row["code"][:2] + "0000"  # a six-digit code of the province's range, as written on mail
    wide = code.translate({ord(digit): ord(digit) + 0xFEE0 for digit in "0123456789"})  # full-width: ５１００００
    alone = resolve(chain, open_gazetteer())
    found = resolve(written.format(code=code, chain=chain, wide=wide), open_gazetteer())
    assert (found.place.latitude, found.place.longitude) == (alone.place.latitude, alone.place.longitude)
    assert found.name_zh == alone.name_zh
    assert sphere_km(found.place.latitude, found.place.longitude, float(row["latitude"]), float(row["longitude"])) <= 25


def test_a_postal_code_alone_still_says_to_type_the_district(cli) -> None:
    result = cli("near", "510000")
    assert result.exit_code != 0 and "510000" in result.stderr


def test_the_cli_reads_the_chain_after_its_code(cli) -> None:
    row = next(row for row in COUNTIES if row["code"].startswith("4401"))
    chain = benchmark.forms(row, BY_CODE, open_gazetteer())["chain"]
    with_code, without = cli("near", f"510000 {chain}", "--json"), cli("near", chain, "--json")
    assert with_code.exit_code == 0 and without.exit_code == 0
    shown, alone = with_code.json(), without.json()
    assert shown["sites"] == alone["sites"] and shown["sites"]  # the same sites, nearest first


@pytest.mark.parametrize("row", COUNTIES[5::131], ids=lambda row: row["code"])
@pytest.mark.parametrize("country", ["P.R. China", "PR China", "P. R. China", "P.R.China", "Mainland China"])
def test_china_however_an_english_address_writes_it_is_no_place(row: dict, country: str) -> None:
    """"Haidian District, Beijing, P.R. China": the district, as with ", China"; it was the city,
    the district said to be unknown."""
    written = benchmark.forms(row, BY_CODE, open_gazetteer())["X District, City"]
    if not written:
        pytest.skip("no English name")
    alone = resolve(written, open_gazetteer())
    found = resolve(f"{written}, {country}", open_gazetteer())
    assert (found.place.latitude, found.place.longitude) == (alone.place.latitude, alone.place.longitude)
    assert found.name_zh == alone.name_zh


def _with_v() -> list[tuple[dict, str]]:
    gazetteer = open_gazetteer()
    found = [(row, benchmark.forms(row, BY_CODE, gazetteer).get("pinyin ü as v", "")) for row in DIVISIONS
             if row["level"] != "province"]
    return [(row, typed) for row, typed in found if typed]


WITH_V = _with_v()


def test_there_are_divisions_whose_pinyin_has_u_umlaut() -> None:
    assert len(WITH_V) >= 4  # 吕梁, 旅顺口, 绿园, 绿春, 略阳


@pytest.mark.parametrize(("row", "typed"), WITH_V, ids=lambda value: value["code"] if isinstance(value, dict) else value)
def test_u_umlaut_typed_as_v_is_as_typed_as_u(row: dict, typed: str) -> None:
    """lvliang, as a Chinese keyboard writes ü, is what luliang is: 吕梁 (it was unknown)."""
    as_u = resolve(typed.replace("v", "u"), open_gazetteer())
    found = resolve(typed, open_gazetteer())
    assert (found.place.latitude, found.place.longitude) == (as_u.place.latitude, as_u.place.longitude)
    assert resolve(f"{typed[:1].upper()}{typed[1:]}", open_gazetteer()).name_zh == as_u.name_zh
