"""Control characters of untrusted data: removed or made spaces where registry data enter (import,
update), shown one visible way (`\\x0a`) by every view people read, and kept, JSON-escaped, in JSON.
Each test failed before its fix."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import CTGOV_STUDY, make_site, run_cli, write_study
from sitefinder.models import Contact
from sitefinder.text import UNSAFE

# Every control the rule is about: C0 (tab, line breaks, ESC, BEL), DEL, C1 (NEL, CSI), bidi
# overrides and isolates, zero-width characters, the line and paragraph separators, the BOM.
CONTROLS = "\t\n\r\x0b\x0c\x1b\x07\x00\x7f\x85\x9b\u200b\u200e\u202e\u2066\u2028\u2029\ufeff"
UNSAFE_CHARS = frozenset(map(chr, UNSAFE))


def _raw_controls(text: str, allowed: str = "") -> set[str]:
    return {char for char in text if char in UNSAFE_CHARS and char not in allowed}


def _study_with(controls: str) -> dict:
    study = json.loads(CTGOV_STUDY.read_text(encoding="utf-8"))
    protocol = study["protocolSection"]
    location = protocol["contactsLocationsModule"]["locations"][0]
    location["facility"] = f"Beijing{controls}Cancer Hospital"
    location["city"] = f"Bei{controls}jing"
    location["state"] = f"Beijing{controls}Municipality"
    location["contacts"] = [{"name": f"Rong{controls}Yu", "role": "PRIMARY", "phone": f"+86 10 8819{controls}6114"}]
    protocol["identificationModule"]["briefTitle"] = f"A{controls}title"
    protocol["eligibilityModule"]["eligibilityCriteria"] = f"Inclusion Criteria:\n\n* Adults{controls}aged 18\r\n* Two"
    return study


@pytest.mark.parametrize("control", list(CONTROLS))
def test_import_writes_no_control_character(tmp_path: Path, control: str) -> None:
    """The rule where data enter: white-space controls are one space, every other is removed."""
    out = tmp_path / "out"
    run = run_cli("import", str(write_study(tmp_path / "s.json", _study_with(control + control))), "--out", str(out))
    assert run.exit_code == 0, run.stderr
    sites_csv = (out / "sites.csv").read_text(encoding="utf-8")
    assert _raw_controls(sites_csv, "\n") == set()
    rows = list(csv.DictReader(sites_csv.splitlines()))
    space = control.isspace()  # tab, line breaks, NEL, U+2028: a space
    assert rows[0]["facility"] == ("Beijing Cancer Hospital" if space else "BeijingCancer Hospital")
    assert rows[0]["city"] == ("Bei jing" if space else "Beijing")
    assert json.loads(rows[0]["contacts"])[0]["name"] == ("Rong Yu" if space else "RongYu")
    trial = json.loads((out / "trial.json").read_text(encoding="utf-8"))
    assert trial["brief_title"] == ("A title" if space else "Atitle")
    criteria = trial["eligibility"]
    assert _raw_controls(criteria, "\n") == set() and "\r" not in criteria
    assert criteria.count("\n") >= 3  # its own line breaks kept: the lists still read as lists


def _hostile_sites(sites_file) -> Path:
    """A sites file written by hand (not by import), its text holding controls."""
    return sites_file(
        make_site(1, facility="Bei\njing\tHosp \x1b[31mX\x07\u202eY", city="Guang\nzhou", province="Guang\x85dong",
                  contacts=(Contact(name="Dr\nA\x1b]0;t\x07", role="PRIMARY", phone="+86 20 1234 5678"),)),
        make_site(2, facility="Other Hospital", city="Guangzhou", contacts=()))


@pytest.mark.parametrize("args", [["show", "1"], ["show", "Bei"], ["list"], ["near", "Guangzhou"],
                                  ["near", "Guangzhou", "--by", "hospital"], ["map", "Guangzhou"],
                                  ["list", "--lang", "zh"], ["show", "1", "--lang", "zh"],
                                  ["near", "广州"]])
@pytest.mark.parametrize("columns", ["100", "40"])
def test_every_view_shows_a_control_one_visible_way(sites_file, monkeypatch: pytest.MonkeyPatch,
                                                    args: list[str], columns: str) -> None:
    """`show` printed a line break and a tab of a name raw while `list` showed `\\x0a`: one way, everywhere."""
    monkeypatch.setenv("COLUMNS", columns)
    run = run_cli(*args, "--sites", str(_hostile_sites(sites_file)))
    assert run.exit_code == 0, run.stderr
    assert _raw_controls(run.stdout, "\n") == set()
    assert _raw_controls(run.stderr, "\n") == set()
    shown = run.stdout.replace("\n", "")  # a narrow view may wrap a long name: the visible form is whole
    assert "Bei\\x0ajing" in shown.replace(" ", "")
    assert "Guang\\x0azhou" in shown.replace(" ", "")
    for line in run.stdout.split("\n"):
        assert not line.startswith(("jing", "zhou", "A\\x1b")), run.stdout  # no line begun by a name's break


@pytest.mark.parametrize("kind", [".svg", ".html"])
def test_a_map_file_shows_a_control_of_the_data_visibly(sites_file, tmp_path: Path, kind: str) -> None:
    page = tmp_path / f"map{kind}"
    run = run_cli("map", "Guangzhou", "--sites", str(_hostile_sites(sites_file)), "--out", str(page))
    assert run.exit_code == 0, run.stderr
    text = page.read_text(encoding="utf-8")
    assert _raw_controls(text, "\n") == set()
    assert "Guang\\x0azhou" in text and "Guang\nzhou" not in text


@pytest.mark.parametrize("args", [["show", "1"], ["list"], ["near", "Guangzhou"]])
def test_json_keeps_the_data_and_escapes_every_control(sites_file, args: list[str]) -> None:
    run = run_cli(*args, "--json", "--sites", str(_hostile_sites(sites_file)))
    assert run.exit_code == 0, run.stderr
    assert _raw_controls(run.stdout, "\n") == set()  # \u202e and NEL too, not only what json escapes
    assert "Bei\njing\tHosp \x1b[31mX\x07\u202eY" in _texts(run.json())  # the data as they are


def _texts(value: object) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return [value] if isinstance(value, str) else []
