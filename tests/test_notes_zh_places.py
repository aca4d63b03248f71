"""A location note is kept in English in the sites file; a Chinese screen says it in Chinese, the
places it names included. `show 29` said "…在 Shandong 有 2 个同名地点：定位于 Linyi, Shandong
(临沂市)；其他：Linyi County, Dezhou, Shandong (临邑县)": the phrase Chinese, its places English.
A place of China a note names by its English label is said as a Chinese notice names it (its chain
from the province down, 山东德州市临邑县), a province or country by its Chinese name.
"""

from __future__ import annotations

import pytest

from conftest import run_cli
from sitefinder.china import Division, _label, label_zh
from sitefinder.queries import open_gazetteer
from sitefinder.wording import note_words, said

ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}


def note_of(run) -> str:
    lines = run.stdout.splitlines()
    start = next(number for number, line in enumerate(lines) if line.startswith("备注"))
    block = [lines[start]] + [line for line in lines[start + 1:] if line.startswith(" ")][:4]
    return "".join(line[2:].strip() if number else line.removeprefix("备注").strip() for number, line in enumerate(block))


def test_show_says_the_places_of_a_namesake_note_in_chinese() -> None:
    run = run_cli("show", "29", env=ZH)
    assert run.exit_code == 0, run.stderr
    note = note_of(run)
    assert "在 山东 有 2 个同名地点" in note and "定位于 山东临沂市" in note and "山东德州市临邑县" in note, note
    assert "Shandong" not in note and "Dezhou" not in note, note
    english = run_cli("show", "29").stdout
    assert "Linyi County" in english and "山东" not in english  # an English screen: the note as kept


def _divisions(level: str, limit: int) -> list[Division]:
    gazetteer = open_gazetteer()
    rows = gazetteer.rows("SELECT code, name, level, parent, province, english, latitude, longitude, place, population "
                          "FROM cn_division WHERE level = ? AND code GLOB '[0-9]*' ORDER BY code", (level,))
    return [Division(*row) for row in rows[::max(1, len(rows) // limit)]]


@pytest.mark.parametrize("level", ["prefecture", "county"])
def test_every_english_label_of_a_division_reads_back_as_its_chinese_label(level: str) -> None:
    """The class: any division's English label (Name, City, Province (官方名)), as the import writes
    it into a note, is said as the Chinese notice writes that division."""
    gazetteer = open_gazetteer()
    for division in _divisions(level, 150):
        english, chinese = _label(division, gazetteer, "en"), _label(division, gazetteer, "zh")
        assert label_zh(english, gazetteer) == chinese, (english, chinese)


@pytest.mark.parametrize("key, values, absent", [
    ("placed.namesakes.state", {"city": "'Linyi'", "count": "2", "state": "Shandong", "used": "Linyi, Shandong (临沂市)",
                                "named": "Linyi County, Dezhou, Shandong (临邑县)", "more": "", "s": ""}, "Shandong"),
    ("placed.division_seat", {"city": "'Huhehaote'", "used": "Hohhot, Inner Mongolia (呼和浩特市)"}, "Inner Mongolia"),
    ("placed.close_spelling", {"city": "'Hanzhou'", "place": "Hangzhou", "region": "Zhejiang",
                               "countries": "China, Hong Kong, Macao"}, "Hong Kong"),
    ("placed.namesakes", {"city": "'Jinzhou'", "where": "China", "best": "Jinzhou (锦州), Liaoning",
                          "named": "Jinzhou (金州), Liaoning", "more": ""}, "Liaoning"),
])
def test_a_notes_places_are_said_in_chinese(key: str, values: dict[str, str], absent: str) -> None:
    from conftest import make_site
    from sitefinder.queries import note_names_zh

    note = str(said(key, **values))
    site = make_site(1, city="X", province="", location_note=note)
    shown = note_words(note, "zh", note_names_zh([site], open_gazetteer()))
    assert absent not in shown and "(" not in shown, shown
