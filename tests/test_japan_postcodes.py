"""A Japanese postal address is read: the postal mark and code (〒100-0001 東京都千代田区千代田1-1,
"〒113-8655 Tokyo, Bunkyo-ku, Hongo 7-3-1") were "no place called ..."; the code names its
prefecture (placement.japan_prefecture), which bounds the answer and a registry row's placement.
And a notice is said once: `near 東京都千代田区` said its notice twice (the text read as typed and
in Simplified characters, each adding it)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from sitefinder.gazetteer import Gazetteer
from sitefinder.paths import gazetteer_path
from sitefinder.placement import japan_prefecture, place_location
from sitefinder.resolver import _within, resolve
from tests.conftest import ROOT, run_cli


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(gazetteer_path())


def _registry_codes() -> list[tuple[str, str, str]]:
    """(postal code, prefecture, city) of every Japanese registry row that writes both."""
    rows = json.loads((ROOT / "benchmarks" / "placement" / "locations.json").read_text(encoding="utf-8"))
    rows = rows if isinstance(rows, list) else rows["locations"]
    return sorted({(row["zip"], row["state"], row["city"]) for row in rows
                   if row.get("country") == "Japan" and row.get("zip") and row.get("state")})


def _prefecture(code: str, gazetteer: Gazetteer) -> str:
    (country, admin1), = gazetteer.divisions(japan_prefecture(code))
    assert country == "JP"
    return admin1


def test_every_registry_code_names_its_rows_prefecture(gazetteer: Gazetteer) -> None:
    rows = _registry_codes()
    assert len(rows) >= 15
    wrong = [f"{code}: {_prefecture(code, gazetteer)}, the row's {state}" for code, state, _ in rows
             if _prefecture(code, gazetteer) != state]
    assert not wrong, wrong


def test_every_prefecture_has_a_zone_and_no_code_is_read_as_none(gazetteer: Gazetteer) -> None:
    prefectures = {_prefecture(f"{zone:03d}-0000", gazetteer) for zone in range(1, 1000)}
    assert len(prefectures) == 47
    assert japan_prefecture("000-0000") == "" and japan_prefecture("12345") == "" and japan_prefecture("〒") == ""


@pytest.mark.parametrize("form", ["〒{code} {city}, {state}", "〒{code} {state}, {city}", "{dashed} {city}",
                                  "〒{code} {city}, Japan", "{city}, {state} {code}, Japan"])
def test_a_postal_address_in_latin_letters_is_read_within_its_codes_prefecture(form: str, gazetteer: Gazetteer) -> None:
    for code, state, city in _registry_codes():
        # unmarked, a code is Japan's as written NNN-NNNN (seven digits alone could be any country's)
        typed = form.format(code=code, city=city, state=state, dashed=f"{code[:3]}-{code[-4:]}")
        found = resolve(typed, gazetteer)
        assert _within(found.place, {("JP", state)}, gazetteer), (typed, found.place)


def _japanese_wards(gazetteer: Gazetteer) -> list[tuple[str, str, str]]:
    """(code of its prefecture's zone, its address in characters, prefecture) of each Japanese place
    whose Chinese name the gazetteer has, in a prefecture that has one too."""
    zones = {}
    for zone in range(1, 1000):
        zones.setdefault(_prefecture(f"{zone:03d}-0000", gazetteer), f"{zone:03d}-{zone * 7 % 10000:04d}")
    found = []
    for geonameid, admin1 in gazetteer.rows("SELECT id, admin1 FROM place WHERE country = 'JP' AND zh != '' "
                                            "AND population >= 100000 ORDER BY id"):
        prefecture_zh = gazetteer.region_name_zh("JP", admin1)
        zh = gazetteer.chinese_name(geonameid)
        if prefecture_zh and zh and admin1 in zones and not zh.startswith(prefecture_zh):
            found.append((zones[admin1], f"{prefecture_zh}{zh}", admin1))
    return found


def test_a_postal_address_in_characters_with_the_mark_is_read_without_code_and_block(gazetteer: Gazetteer) -> None:
    wards = _japanese_wards(gazetteer)
    assert len(wards) >= 30
    unread, outside = [], []
    for code, address, prefecture in wards:
        wide = code.translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))
        for typed in (f"〒{code} {address}1-1", f"〒{code}{address}", f"{code} {address}七丁目3番1号",
                      f"{address}2-1 〒{code}", f"〒{wide} {address}１－１"):
            try:
                found = resolve(typed, gazetteer)
            except Exception as error:  # noqa: BLE001 - every case named
                unread.append(f"{typed}: {error}")
                continue
            if not _within(found.place, {("JP", prefecture)}, gazetteer):
                outside.append(f"{typed}: {found.place.label}")
    assert not outside, outside[:10]
    assert len(unread) <= 0.05 * 5 * len(wards), unread[:10]


@pytest.mark.parametrize("typed", ["〒100-0001 東京都千代田区千代田1-1", "〒113-8655 Tokyo, Bunkyo-ku, Hongo 7-3-1",
                                   "〒１００－０００１ 東京都千代田区千代田一丁目1番1号", "東京都千代田区千代田1-1 〒100-0001"])
def test_near_a_japanese_postal_address(typed: str) -> None:
    run = run_cli("near", typed, "--json")
    assert run.exit_code == 0, run.stderr
    origin = run.json()["origin"]
    assert origin["country"] == "Japan" and origin["province"] == "Tokyo", origin
    if "千代田区" in typed:  # the ward, not Tokyo's middle
        assert origin["name"] == "Chiyoda", origin


def test_a_registry_row_is_placed_in_its_postal_codes_prefecture(gazetteer: Gazetteer) -> None:
    """A row of a ward and its code with no state: the code's prefecture (Chūō of Tokyo, not of Yamanashi)."""
    placed = place_location("Chuo-ku", "", "Japan", gazetteer, postal_code="〒104-0045")
    assert placed.place is not None and placed.place.province == "Tokyo", placed


def test_each_notice_is_said_once_whatever_the_script(gazetteer: Gazetteer) -> None:
    """Japanese places by their kanji (東京都千代田区, Traditional forms of the Chinese names) and Simplified."""
    simplified_of, simple = {}, {}
    for line in (ROOT / "data" / "simplified.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            traditional, simplified = line.split("\t")[:2]
            simplified_of.setdefault(simplified, traditional)
            simple[traditional] = simplified
    twice = []
    cases = 0
    for _, address, _ in _japanese_wards(gazetteer):
        traditional = "".join(simplified_of.get(char, char) for char in address)
        for typed in {address, traditional}:
            try:
                found = resolve(typed, gazetteer)
            except Exception:  # noqa: BLE001 - a name read as a region, or unknown: no notice to count
                continue
            cases += 1
            # as a screen shows them, in one script: 東京都千代田区 and 东京都千代田区 quoted are one notice
            said = Counter("".join(simple.get(char, char) for char in str(note)) for note in found.notes)
            if any(count > 1 for count in said.values()):
                twice.append(f"{typed}: {found.notes}")
    assert cases >= 30
    assert not twice, twice[:5]
    run = run_cli("near", "東京都千代田区", "--json")
    texts = [notice["text"] for notice in run.json()["notices"]]
    assert len(texts) == len(set(texts)), texts
