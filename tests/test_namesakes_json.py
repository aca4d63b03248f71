"""A script told the namesakes of a place can tell them apart and ask for each (#20): every JSON
that reads a place (near, map, --by hospital, list --city, show PLACE) carries the reading, and each
alternative says which place it is (`label`) and what to type to be answered with it (`query`)."""

from __future__ import annotations

import sqlite3

import pytest

from conftest import ROOT
from sitefinder.distance import sphere_km


def _shared_county_names() -> list[str]:
    """County-level names that two or more prefectures of one province share (鼓楼区 of Nanjing and
    Xuzhou, both Jiangsu): name and province alone cannot tell those apart. Computed from the table."""
    with sqlite3.connect(ROOT / "data" / "gazetteer.sqlite") as db:
        rows = db.execute("SELECT name FROM cn_division WHERE level = 'county' AND code GLOB '[0-9]*' "
                          "GROUP BY name, substr(code, 1, 2) HAVING count(*) > 1 ORDER BY name").fetchall()
    return sorted({name for (name,) in rows})


SHARED_IN_ONE_PROVINCE = _shared_county_names()


def test_names_shared_within_a_province_are_found() -> None:
    assert {"鼓楼区", "新华区", "市中区"} <= set(SHARED_IN_ONE_PROVINCE)


def _alternatives(origin: dict) -> list[dict]:
    return [alt for alt in origin["alternatives"] if alt["country"] == "China"]


@pytest.mark.parametrize("name", SHARED_IN_ONE_PROVINCE)
def test_each_alternative_says_which_place_it_is_and_how_to_ask(cli, name: str) -> None:
    origin = cli("near", name, "--json").json()["origin"]
    alternatives = _alternatives(origin)
    assert len(alternatives) >= 1, origin
    labelled = [alt for alt in alternatives if alt["label"]]
    # two namesakes in one province are told apart by their label (it names their city)
    assert len({alt["label"] for alt in labelled}) == len(labelled)
    assert origin["label"] and origin["label"] not in {alt["label"] for alt in labelled}
    for alt in alternatives:
        if alt["query"] is None:
            continue
        asked = cli("near", alt["query"], "--json").json()["origin"]
        # the query offered answers that very place, not the first namesake again
        assert sphere_km(asked["latitude"], asked["longitude"], alt["latitude"], alt["longitude"]) < 1, (alt, asked)


def test_gulou_alternatives_name_their_cities(cli) -> None:
    origin = cli("near", "鼓楼区", "--json").json()["origin"]
    labels = [alt["label"] for alt in _alternatives(origin)]
    assert any("Xuzhou" in label for label in labels) and any("Nanjing" in label for label in labels)
    assert origin["within"] == "Fuzhou" and origin["within_zh"] == "福州"


def test_a_place_that_is_no_district_has_no_within(cli) -> None:
    origin = cli("near", "Guangzhou", "--json").json()["origin"]
    assert origin["within"] is None and origin["within_zh"] is None


@pytest.mark.parametrize("args", [("list", "--city", "鼓楼区", "--json"), ("show", "鼓楼区", "--json"),
                                  ("list", "--city", "Gulou", "--json")])
def test_list_and_show_carry_the_reading_with_its_alternatives(cli, args: tuple[str, ...]) -> None:
    """`list --city 鼓楼区 --json` said the namesakes in a notice only: a script could not ask for them."""
    near = cli("near", args[-2], "--json").json()["origin"]
    answer = cli(*args)
    assert answer.exit_code == 0, answer.stderr
    read = answer.json()["city_read"]
    assert read == near


def test_a_city_not_given_or_only_a_registry_spelling_reads_null(cli) -> None:
    assert cli("list", "--json").json()["city_read"] is None
    assert cli("show", "7", "--json").json()["city_read"] is None


def test_the_reading_in_csv_paths_is_untouched(cli) -> None:
    """CSV has no place for the reading: its rows stay the sites (the notices say the namesakes)."""
    run = cli("list", "--city", "鼓楼区", "-f", "csv")
    assert run.exit_code == 0 and run.stdout.splitlines()[0].startswith("id,")


@pytest.mark.parametrize("name", ["鼓楼", "tianhe", "nansha", "朝阳", "城关", "新华", "xihu", "gulou"])
def test_every_alternative_a_notice_names_has_a_label_and_a_query_in_json(cli, name: str) -> None:
    """A town named like a district (Gulou, a town of Beijing) was offered on stderr ("type 'Gulou,
    Beijing'") but carried label and query null in JSON."""
    origin = cli("near", name, "--json").json()["origin"]
    assert origin["alternatives"], origin
    for alt in origin["alternatives"]:
        assert alt["label"] and alt["query"], alt
        asked = cli("near", alt["query"], "--json").json()["origin"]
        assert sphere_km(asked["latitude"], asked["longitude"], alt["latitude"], alt["longitude"]) < 1, (alt, asked)
