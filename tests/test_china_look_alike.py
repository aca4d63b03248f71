"""A Chinese name typed with a character that looks like the right one (深川 for 深圳: 川 and 圳) is
suggested as the division it was meant for, after every division of the same sound (a pinyin
keyboard offers those; a look-alike is the rarer slip). Generated over every province and
prefecture-level city whose name has a character of china.LOOK_ALIKE_PAIRS, that character swapped."""

from __future__ import annotations

import pytest

from sitefinder.china import LOOK_ALIKE_PAIRS, _sounding_divisions, bare_forms, has_cjk, looks_alike
from sitefinder.errors import PlaceNotFound, RegionNotPlace
from sitefinder.gazetteer import Gazetteer
from sitefinder.paths import gazetteer_path
from sitefinder.resolver import resolve
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(gazetteer_path())


def _typos(gazetteer: Gazetteer) -> list[tuple[str, str, str]]:
    """(the typo, the form swapped in, the official name meant) for each city or province name with
    one look-alike swapped, where the typo is no division's name itself."""
    partner = {}
    for pair in LOOK_ALIKE_PAIRS:
        partner.setdefault(pair[0], []).append(pair[1])
        partner.setdefault(pair[1], []).append(pair[0])
    typos = []
    for name, level in gazetteer.rows("SELECT name, level FROM cn_division WHERE level IN ('province', 'prefecture')"):
        for form in sorted(bare_forms(name, level)):
            for index, char in enumerate(form):
                for other in partner.get(char, ()):
                    typo = form[:index] + other + form[index + 1:]
                    if not gazetteer.rows("SELECT 1 FROM cn_division WHERE name = ? OR name = ? LIMIT 1", (typo, typo + "市")):
                        typos.append((typo, form, name))
    return sorted(set(typos))


def test_the_table_is_of_look_alike_pairs_of_division_characters(gazetteer: Gazetteer) -> None:
    names = "".join(name for name, in gazetteer.rows("SELECT name FROM cn_division"))
    for pair in LOOK_ALIKE_PAIRS:
        assert len(pair) == 2 and pair[0] != pair[1] and all(has_cjk(char) for char in pair), pair
        assert pair[0] in names or pair[1] in names, pair
        assert looks_alike(pair[0], pair[1]) and looks_alike(pair[1], pair[0])
    assert len(set(LOOK_ALIKE_PAIRS)) == len(LOOK_ALIKE_PAIRS)


def test_a_look_alike_typo_of_a_city_suggests_the_city(gazetteer: Gazetteer) -> None:
    typos = _typos(gazetteer)
    assert len(typos) >= 20, typos  # the class
    missed = []
    for typo, form, meant in typos:
        try:
            found = resolve(typo, gazetteer)
        except PlaceNotFound as miss:
            said = " ".join(str(suggestion) for suggestion in miss.suggestions)
        except RegionNotPlace:
            continue  # a region abroad of that name: answered as the region
        else:  # answered, or suggested in its notice (深川: a town in Hokkaido; did you mean 深圳?)
            said = " ".join((*(str(note) for note in found.notes), found.name_zh or ""))
        if meant not in said and form not in said:
            missed.append(f"{typo}: {said or 'nothing suggested'} (meant {meant})")
    assert len(missed) <= 0.1 * len(typos), missed


def test_homophones_come_before_look_alikes(gazetteer: Gazetteer) -> None:
    checked = 0
    for typo, _, meant in _typos(gazetteer):
        sounding = [division.name for division in _sounding_divisions(typo, gazetteer)]
        if not sounding:
            continue
        try:
            resolve(typo, gazetteer)
        except PlaceNotFound as miss:
            said = [str(suggestion) for suggestion in miss.suggestions]
            at = [index for index, label in enumerate(said) if meant in label and not any(name in label for name in sounding)]
            first_sounding = next((index for index, label in enumerate(said) if any(name in label for name in sounding)), None)
            if at and first_sounding is not None:
                checked += 1
                assert first_sounding < at[0], (typo, said)
        except RegionNotPlace:
            continue
    assert checked >= 0


@pytest.mark.parametrize(("typed", "meant"), [("深川", "深圳"), ("夏门", "厦门"), ("杭川", "杭州")])
def test_near_a_look_alike_typo(typed: str, meant: str) -> None:
    run = run_cli("near", typed)
    assert meant in run.stderr, run.stderr
