"""CSV opened in a spreadsheet: no cell of text is read as a formula or a number, whatever it looks
like; a number of the data stays a number. One rule, for the CSV answers and for the sites file an
import writes (which sitefinder reads back exactly)."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

import pytest

from conftest import CTGOV_STUDY, make_site, run_cli, write_study
from sitefinder.models import Contact


@pytest.mark.parametrize(("value", "cell"), [
    ("+8618117275173", "'+8618117275173"),   # a phone the registry wrote whole: a spreadsheet's 8.6E+12
    ("+33", "'+33"),                          # an extension the registry wrote as a country code
    ("-12.5", "'-12.5"), ("+3", "'+3"), ("=1+1", "'=1+1"), ("@cmd", "'@cmd"),
    (-33.87, "-33.87"), (151.21, "151.21"), (7, "7"),  # numbers of the data stay numbers
    ("1e5", "1e5"), ("'s-Hertogenbosch", "'s-Hertogenbosch"),
])
def test_one_rule_for_every_text_cell(value: object, cell: str) -> None:
    from sitefinder.output.streams import csv_cell

    assert csv_cell(value) == cell


def test_phone_cells_of_a_listing_are_text(sites_file) -> None:
    path = sites_file(make_site(1, latitude=-33.87, longitude=151.21, contacts=(
        Contact(name="Li Wei", role="CONTACT", phone="+8618117275173", phone_ext="+33", email="li@example.org"),)))
    for command in (("list",), ("near", "Sydney"), ("show", "1")):
        rows = list(csv.DictReader(io.StringIO(run_cli(*command, "--format", "csv", "--sites", str(path)).stdout)))
        assert rows[0]["contact_phone"] == "'+8618117275173" and rows[0]["contact_phone_ext"] == "'+33"
        assert rows[0]["latitude"] == "-33.87"
        for row in rows:
            for key, text in row.items():
                if text[:1] in ("=", "+", "@") or text[:1] == "-" and key not in ("latitude", "longitude"):
                    pytest.fail(f"{command}: {key} {text!r} would be read by a spreadsheet")


def _study_with(tmp_path: Path, **location: str) -> Path:
    data = copy.deepcopy(json.loads(CTGOV_STUDY.read_text(encoding="utf-8")))
    first = data["protocolSection"]["contactsLocationsModule"]["locations"][0]
    first.update(location)
    return write_study(tmp_path / "study.json", data)


def test_the_sites_file_an_import_writes_runs_no_formula_and_reads_back_exact(tmp_path: Path) -> None:
    facility = '=HYPERLINK("http://evil.example","Call us")'
    study = _study_with(tmp_path, facility=facility)
    out = tmp_path / "out"
    assert run_cli("import", str(study), "--out", str(out)).exit_code == 0
    with (out / "sites.csv").open(encoding="utf-8", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert f"'{facility}" in cells and facility not in cells
    shown = run_cli("show", "1", "--json", "--sites", str(out / "sites.csv")).json()
    assert shown["site"]["facility"] == facility  # the data, exact
    listed = list(csv.DictReader(io.StringIO(run_cli("list", "--all", "--format", "csv", "--sites",
                                                     str(out / "sites.csv")).stdout)))
    assert [row["facility"] for row in listed if row["id"] == "1"] == [f"'{facility}"]  # quoted once, not twice


@pytest.mark.parametrize("facility", ["'=already quoted", "''", "'s-Hertogenbosch Hospital", "@Home Clinic",
                                      "-Minus Clinic"])
def test_sites_file_cells_round_trip(facility: str, tmp_path: Path) -> None:
    from sitefinder.sitesfile import parse_sites, sites_csv_text

    site = make_site(1, facility=facility, city="+City", province="-Prov")
    text = sites_csv_text([site])
    assert parse_sites(tmp_path / "sites.csv", text) == [site]
    for row in csv.reader(io.StringIO(text)):
        assert not any(cell[:1] in ("=", "+", "@") for cell in row)
