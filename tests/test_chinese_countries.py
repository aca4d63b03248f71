"""`info --lang zh` names the countries of its sites in Chinese (test_country_names_zh.py: every
one), and its prose of names joined by 、 is wrapped between names, never inside a Latin word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import make_site
from sitefinder.gazetteer import open_shipped
from sitefinder.lines import wrap_words

NAMES = ["Argentina", "Belgium", "Bulgaria", "Chile", "Colombia", "Croatia", "Estonia", "Greece",
         "Hungary", "Israel", "Italy", "Latvia", "Lithuania", "Mexico", "Poland", "Portugal", "Romania"]

SEPARATORS = r"[、，\s]|分布于|的"  # what the prose puts between names: a name is each piece whole


@pytest.mark.parametrize("width", range(12, 60, 5))
def test_a_list_joined_by_a_chinese_comma_breaks_between_names(width: int) -> None:
    text = "258 个，分布于" + "、".join(NAMES) + "的 3 个行政区"
    lines = wrap_words(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert set(NAMES) <= {word for line in lines for word in re.split(SEPARATORS, line)}
    assert all(len(line) <= width for line in lines if "、" in line[:-1])


def test_info_names_countries_in_chinese(cli, sites_file) -> None:
    path: Path = sites_file(
        make_site(1, city="Sydney", province="New South Wales", latitude=-33.8688, longitude=151.2093)._replace(
            country="Australia"),
        make_site(2, city="Taipei", province="", latitude=25.0478, longitude=121.5319)._replace(country="Taiwan"))
    australia = open_shipped().country_name_zh("AU")
    assert australia  # the gazetteer's own name: no table in the test
    run = cli("info", "--sites", str(path), "--lang", "zh")
    assert run.exit_code == 0, run.stderr
    line = next(line for line in run.stdout.splitlines() if line.startswith("研究中心"))
    assert australia in line and "台湾" in line and "Australia" not in line
    english = cli("info", "--sites", str(path))
    assert "Australia" in english.stdout


def test_info_wraps_its_countries_between_names(cli, sites_file) -> None:
    sites = [make_site(index, city="Capital", province="", latitude=None, longitude=None)._replace(country=name)
             for index, name in enumerate(NAMES, 1)]
    path: Path = sites_file(*sites)
    run = cli("info", "--sites", str(path), "--lang", "zh", env={"COLUMNS": "60"})
    assert run.exit_code == 0, run.stderr
    lines = run.stdout.splitlines()
    start = next(at for at, line in enumerate(lines) if line.startswith("研究中心"))
    field = [lines[start][len("研究中心"):].strip()] + [line.strip() for line in lines[start + 1:start + 8]
                                                     if line.startswith(" ")]
    gazetteer = open_shipped()
    shown = {gazetteer.country_name_zh(gazetteer.country_code_of(name)) or name for name in NAMES}
    pieces = {word for line in field for word in re.split(SEPARATORS, line)}
    # a Latin name is never broken; a Chinese one breaks between characters, as Chinese text does
    assert {name for name in shown if name.isascii()} <= pieces
    assert all(name in "".join(field) for name in shown), field
