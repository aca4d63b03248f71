"""`near --country` keeps the sites of a country or region, as `list --country` does; and the
command a notice suggests (`--all` to see the closed sites) repeats every filter typed, so that
it shows the answer asked for with the closed sites in it, not another answer."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from sitefinder.status import CLOSED_STATUSES

from conftest import CTGOV_STUDY, ROOT

EXPORT = ROOT / "tests" / "fixtures" / "export"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import run_cli

    folder = tmp_path_factory.mktemp("near-filters")
    studies = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(EXPORT.glob("NCT*.json"))]
    export = folder / "ctg-studies.json"
    export.write_text(json.dumps(studies), encoding="utf-8")
    run = run_cli("import", str(export), str(CTGOV_STUDY), "--out", str(folder / "many"), "--json")
    assert run.exit_code == 0, run.stderr
    return folder / "many" / "sites.csv"


def countries_of(cli, dataset: Path) -> list[str]:
    return sorted({site["country"] for site in cli("list", "--all", "--sites", str(dataset), "--json").json()["sites"]})


@pytest.mark.parametrize("command", [["near", "Paris"], ["near", "Guangzhou"], ["near", "Paris", "--by", "hospital"]],
                         ids=" ".join)
def test_near_country_keeps_the_sites_list_country_lists(cli, dataset: Path, command: list[str]) -> None:
    countries = countries_of(cli, dataset)
    assert len(countries) >= 3
    for country in countries:
        listed = cli("list", "--country", country, "--all", "--sites", str(dataset), "--json").json()["sites"]
        placed = {site["id"] for site in listed if site["latitude"] is not None}
        run = cli(*command, "--country", country, "--all", "--limit", "500", "--sites", str(dataset), "--json")
        assert run.exit_code == (0 if placed else 1), run.stderr
        if "hospital" in command:
            shown = {row["site_id"] for hospital in run.json()["hospitals"] for row in hospital["trials"]}
            assert shown <= placed and shown
        else:
            assert {site["id"] for site in run.json()["sites"]} == placed, country


def test_map_takes_country_as_near_does(cli, dataset: Path) -> None:
    near = cli("near", "Paris", "--country", "Spain", "--all", "--sites", str(dataset), "--json").json()
    drawn = cli("map", "Paris", "--country", "Spain", "--all", "--sites", str(dataset), "--json").json()
    assert [site["id"] for site in drawn["sites"]] == [site["id"] for site in near["sites"]]
    assert {site["country"] for site in near["sites"]} == {"Spain"}


def test_an_unknown_country_is_a_usage_error_for_near(cli, dataset: Path) -> None:
    run = cli("near", "Paris", "--country", "Fance", "--sites", str(dataset))
    assert run.exit_code == 2 and "did you mean France" in run.stderr and run.stdout == ""


def test_a_country_without_a_site_is_named_as_the_reason(cli, dataset: Path) -> None:
    run = cli("near", "Paris", "--country", "Japan", "--sites", str(dataset), "--json")
    assert run.exit_code == 1 and run.json()["unmatched_filter"] == "--country Japan"


def suggested(stderr: str) -> list[str]:
    """The command of the closed-sites notice, as words (without `sitefinder`)."""
    match = re.search(r"to see (?:it|them): sitefinder (.*?)$", stderr, re.M)
    assert match, stderr
    return shlex.split(match.group(1))


@pytest.mark.parametrize("command", [
    ["near", "Guangzhou", "--country", "France"], ["near", "Paris", "--within", "800"],
    ["near", "Paris", "--country", "France", "--by", "hospital"], ["list", "--country", "France"],
    ["list", "--condition", "headache"], ["near", "Amsterdam", "--condition", "headache"],
], ids=" ".join)
def test_the_all_a_notice_suggests_keeps_every_filter_typed(cli, dataset: Path, command: list[str]) -> None:
    asked = cli(*command, "--sites", str(dataset), "--json")
    answer = asked.json()
    assert answer["closed_left_out"] > 0, "the case must leave closed sites out"
    words = suggested(asked.stderr)
    for word in command[1:]:
        assert word in words  # every filter typed is repeated
    again = cli(*words, "--json").json()
    key = "hospitals" if "hospital" in command else "sites"

    def ids(document: dict) -> set[int]:
        if key == "hospitals":
            return {row["site_id"] for hospital in document["hospitals"] for row in hospital["trials"]}
        return {site["id"] for site in document["sites"]}

    shown_again = [site for site in again.get("sites", [])] if key == "sites" else []
    assert ids(answer) <= ids(again)
    if key == "sites":
        added = [site for site in shown_again if site["id"] not in ids(answer)]
        assert added and all(site["effective_status"] in CLOSED_STATUSES for site in added)
        assert len(added) == answer["closed_left_out"]


def test_sites_without_coordinates_are_counted_in_the_places_country_only(cli, sites_file) -> None:
    from sitefinder.models import Site

    def abroad(site_id: int, country: str) -> Site:
        return Site(id=site_id, facility=f"Unplaced {site_id}", city="Nowhere", province="", country=country,
                    status="RECRUITING", latitude=None, longitude=None)

    from conftest import make_site

    path = sites_file(make_site(1), make_site(2, latitude=None, longitude=None, city="Nowhere"),
                      abroad(3, "Turkey"), abroad(4, "Turkey"), abroad(5, "Germany"))
    china = cli("near", "Guangzhou", "--sites", str(path))
    assert "1 matching site in China has no coordinates" in china.stderr
    turkey = cli("near", "Ankara", "--sites", str(path))
    assert "2 matching sites in Turkey have no coordinates" in turkey.stderr
    anywhere = cli("near", "40.0,30.0", "--sites", str(path))  # coordinates: no country, every one counted
    assert "4 matching sites have no coordinates" in anywhere.stderr
    chinese = cli("near", "广州", "--sites", str(path))
    assert "中国有 1 个符合条件的研究中心没有坐标" in chinese.stderr


def test_lists_closed_sites_are_a_notice_as_nears_are(cli, dataset: Path) -> None:
    table = cli("list", "--sites", str(dataset))
    document = cli("list", "--sites", str(dataset), "--json").json()
    assert document["closed_left_out"] > 0
    note = f"{document['closed_left_out']} closed sites"
    assert note in table.stderr and note not in table.stdout
    assert any(note in notice["text"] and notice["key"] == "note.closed_left_out" for notice in document["notices"])


def test_map_suggests_map(cli, dataset: Path) -> None:
    run = cli("map", "Paris", "--sites", str(dataset))
    assert run.exit_code == 0 and suggested(run.stderr)[0] == "map"


@pytest.mark.parametrize("option", [["--limit", "2"], ["--within", "50"]])
def test_a_regions_answer_says_distance_options_do_not_apply(cli, option: list[str]) -> None:
    run = cli("near", "山东", *option)
    every = cli("near", "山东", "--json").json()["sites"]
    assert run.exit_code == 0 and option[0] in run.stderr and "按到某地的距离" in run.stderr
    assert len(cli("near", "山东", *option, "--json").json()["sites"]) == len(every)


def test_the_hospitals_all_keeps_every_hospital_shown(cli, dataset: Path) -> None:
    asked = cli("near", "Paris", "--by", "hospital", "--limit", "2", "--sites", str(dataset), "--json")
    assert asked.json()["closed_left_out"] > 0
    again = cli(*suggested(asked.stderr), "--json").json()
    shown = [hospital["facility"] for hospital in asked.json()["hospitals"]]
    assert set(shown) <= {hospital["facility"] for hospital in again["hospitals"]}
    assert len(again["hospitals"]) > len(shown)


def test_sites_without_their_trials_facts_say_so(cli, dataset: Path, tmp_path: Path) -> None:
    import shutil

    alone = tmp_path / "sites.csv"
    shutil.copy(dataset, alone)  # without trials.json beside it
    for command in (["near", "Paris"], ["list"], ["near", "France"], ["near", "Paris", "--by", "hospital"]):
        run = cli(*command, "--sites", str(alone), "--all")
        assert "no facts beside the sites file" in run.stderr, command
    with_facts = cli("near", "Paris", "--sites", str(dataset))
    assert "no facts" not in with_facts.stderr
