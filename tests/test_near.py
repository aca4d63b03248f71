"""`sitefinder near`: the question users come with."""

from __future__ import annotations

import csv
import io

import pytest

from conftest import make_site, listing_exit


def nearest(cli, *args: str) -> list[dict]:
    run = cli("near", *args, "--json")
    assert run.exit_code == listing_exit(run.json()), run.stderr
    return run.json()["sites"]


@pytest.mark.parametrize("query", ["Guangzhou", "广州", "guangzhou"])
def test_guangzhou_nearest_is_jiangmen_about_65_km(cli, query: str) -> None:
    first = nearest(cli, query)[0]
    assert first["facility"] == "Jiangmen Central Hospital"
    assert 55 <= first["distance_km"] <= 75
    assert first["rank"] == 1


def test_taizhou_in_zhejiang(cli) -> None:
    assert nearest(cli, "台州")[0]["facility"] == "Taizhou Hospital of Zhejiang Province"


@pytest.mark.parametrize("query", ["泰州", "Taizhou, Jiangsu", "江苏泰州"])
def test_taizhou_in_jiangsu_is_nearest_to_shanghai(cli, query: str) -> None:
    assert nearest(cli, query)[0]["city"] == "Shanghai"


def test_fuzhou_and_fuzhou(cli) -> None:
    assert nearest(cli, "福州")[0]["facility"] == "Fujian Cancer Hospital"
    assert nearest(cli, "抚州")[0]["facility"] == "The First Affiliated Hospital of Nanchang University"


def test_taizhou_alone_uses_zhejiang_and_says_how_to_get_jiangsu(cli) -> None:
    run = cli("near", "Taizhou", "--json")
    assert run.exit_code == 0
    data = run.json()
    assert data["origin"]["province"] == "Zhejiang"
    assert data["sites"][0]["facility"] == "Taizhou Hospital of Zhejiang Province"
    assert 'Taizhou is ambiguous: using Taizhou, Zhejiang; for the one in Jiangsu write "Taizhou, Jiangsu"' in run.stderr
    assert any(alt["province"] == "Jiangsu" for alt in data["origin"]["alternatives"])


def test_a_county_bounds_its_namesakes(cli) -> None:
    """A county narrows "Newport" to the one in it, not to its state: it was England, where two
    Newports are of a size, and the answer called the Isle of Wight's ambiguous with Shropshire's
    (52.77,-2.38), which is not on the island."""
    run = cli("near", "Newport, Isle of Wight", "--json")
    assert run.exit_code == 0 and run.json()["origin"]["latitude"] == pytest.approx(50.70, abs=0.05)
    assert "ambiguous" not in run.stderr and "52.77" not in run.stderr


@pytest.mark.parametrize("query", ["Hong Kong", "香港", "Macau", "澳门"])
def test_hong_kong_and_macau_resolve(cli, query: str) -> None:
    assert nearest(cli, query)[0]["facility"] == "Jiangmen Central Hospital"


def test_xian_equals_xi_an(cli) -> None:
    assert nearest(cli, "Xian") == nearest(cli, "Xi'an")


def test_typo_exits_1_with_a_suggestion(cli) -> None:
    run = cli("near", "Guangzou", "--json")
    assert run.exit_code == 1 and run.stdout == ""
    assert "did you mean Guangzhou, Guangdong?" in run.stderr
    assert "--online" in run.stderr
    assert run.stderr.count("\n") == 1


def test_beijing_three_sites_first(cli) -> None:
    sites = nearest(cli, "Beijing")
    assert {site["id"] for site in sites[:3]} == {1, 2, 3}
    assert [site["id"] for site in sites[:3]] == [1, 2, 3]  # equal distances keep registry order
    assert all(site["distance_km"] == 0 for site in sites[:3])


def test_world_cities_and_coordinates(cli) -> None:
    assert nearest(cli, "Taipei")[0]["province"] == "Fujian"
    assert nearest(cli, "London")[0]["distance_km"] > 7000
    data = cli("near", "22.54,114.06", "--json").json()
    assert data["origin"]["source"] == "coordinates"
    assert data["sites"][0]["facility"] == "Jiangmen Central Hospital"


def test_json_origin_shape(cli) -> None:
    origin = cli("near", "Kunshan", "--json").json()["origin"]
    assert origin["query"] == "Kunshan"
    assert {"query", "name", "province", "country", "latitude", "longitude", "alternatives"} <= set(origin)
    assert (origin["name"], origin["province"], origin["country"]) == ("Kunshan", "Jiangsu", "China")


def test_limit_and_within(cli) -> None:
    assert len(nearest(cli, "Beijing")) == 5
    assert len(nearest(cli, "Beijing", "--limit", "12")) == 12
    within = nearest(cli, "Beijing", "--within", "200", "--limit", "42")
    assert within and all(site["distance_km"] <= 200 for site in within)
    distances = [site["distance_km"] for site in nearest(cli, "Wuhan", "--limit", "42")]
    assert distances == sorted(distances) and len(distances) == 42


def test_nothing_within_radius_is_empty_with_the_nearest_distance(cli) -> None:
    run = cli("near", "Urumqi", "--within", "100", "--json")
    assert run.exit_code == 1 and run.json()["sites"] == []
    assert "nearest is" in run.stderr and "km away" in run.stderr


@pytest.mark.parametrize("args", [["--limit", "0"], ["--limit", "-3"], ["--within", "0"], ["--within", "-5"],
                                  ["--within", "nan"], ["--limit", "many"], ["--status", "open"],
                                  ["--province", "Atlantis"], ["--format", "xml"]])
def test_bad_options_are_usage_errors(cli, args) -> None:
    run = cli("near", "Guangzhou", *args, "--json")
    assert run.exit_code == 2, run.stderr
    assert run.stdout == "" and run.stderr.startswith("Error: ") and run.stderr.count("\n") == 1


def test_province_and_status_filters(cli) -> None:
    sites = nearest(cli, "Guangzhou", "--province", "Fujian")
    assert {site["province"] for site in sites} == {"Fujian"} and len(sites) == 3
    assert nearest(cli, "Guangzhou", "--status", "recruiting") == []
    assert len(nearest(cli, "Guangzhou", "--status", "not_yet_recruiting")) == 5


def test_status_filter_uses_the_sites_own_status(cli, sites_file) -> None:
    path = sites_file(make_site(1, status="RECRUITING"), make_site(2, status="NOT_YET_RECRUITING"),
                      make_site(3, status="ACTIVE_NOT_RECRUITING"))
    sites = nearest(cli, "Guangzhou", "--sites", str(path), "--status", "Recruiting")
    assert [site["id"] for site in sites] == [1]


def test_table_has_title_caption_and_columns(cli) -> None:
    run = cli("near", "Guangzhou", env={"COLUMNS": "140"})
    assert run.exit_code == 0
    assert "Sites nearest to Guangzhou, Guangdong, China (23.1167, 113.2500)" in run.stdout
    for header in ("ID", "Facility", "City", "Province", "km", "Investigator"):
        assert header in run.stdout
    assert "Status of all 5 sites: Not yet recruiting (trial)" in run.stdout  # one status: said once
    assert "Not yet recruiting" in run.stdout and "(trial)" in run.stdout and "Gengsheng Yu, M.D." in run.stdout
    assert "between city centres" in run.stdout


def test_csv_has_rank_and_distance(cli) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("near", "Guangzhou", "--format", "csv").stdout)))
    assert rows[0]["rank"] == "1" and float(rows[0]["distance_km"]) < 75


def test_sites_without_coordinates_are_not_ranked_but_counted(cli, sites_file) -> None:
    path = sites_file(make_site(1), make_site(2, latitude=None, longitude=None, city="Nowhere"))
    run = cli("near", "Guangzhou", "--sites", str(path), "--json")
    assert [site["id"] for site in run.json()["sites"]] == [1]
    assert "1 matching site in China has no coordinates" in run.stderr


def _cjk(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


@pytest.mark.parametrize("english, chinese, phrase", [
    (["near", "Guangdong"], ["near", "广东"], "not a place to measure distances from"),
    (["near", "Xinjiang"], ["near", "新疆"], "is an autonomous region without a site"),
    (["near", "Lhasa", "--within", "10"], ["near", "拉萨", "--within", "10"], "No site within that distance"),
    (["near", "Guangzhou", "--condition", "asthma"], ["near", "广州", "--condition", "asthma"],
     "has a condition matching"),
])
def test_a_chinese_query_gets_its_notices_in_chinese(cli, english: list, chinese: list, phrase: str) -> None:
    """#21: Chinese in, Chinese out, on stderr too: the fixed words of each notice."""
    said = cli(*english)
    code = listing_exit(cli(*english, "--json").json())
    assert said.exit_code == code and phrase in said.stderr
    asked = cli(*chinese)
    assert asked.exit_code == code and asked.stderr.strip()
    assert phrase not in asked.stderr and _cjk(asked.stderr)


def test_closed_and_unplaced_sites_are_said_in_chinese_for_a_chinese_query(cli, sites_file) -> None:
    path = sites_file(make_site(1), make_site(2, status="COMPLETED"), make_site(3, latitude=None, longitude=None),
                      make_site(4, latitude=None, longitude=None))
    english = cli("near", "Guangzhou", "--sites", str(path))
    assert "left out" in english.stderr and "not ranked" in english.stderr
    chinese = cli("near", "广州", "--sites", str(path))
    assert chinese.exit_code == 0, chinese.stderr
    assert "left out" not in chinese.stderr and "not ranked" not in chinese.stderr
    assert "--all" in chinese.stderr and _cjk(chinese.stderr)  # the command to try stays as typed


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("args, more, radius", [
    (["北京", "-w", "10", "-n", "1"], 2, True),  # sites 2 and 3 are also 0.0 km away, within 10 km
    (["Beijing", "-n", "2"], 1, False),  # no radius: site 3 is as near as site 2, the last shown
    (["Beijing", "-w", "200", "-n", "2"], None, True),  # every site within 200 km, however many
])
def test_a_limit_that_hides_sites_within_the_radius_says_how_many_and_how_to_see_them(
        cli, args: list, more: int | None, radius: bool, lang: str) -> None:
    run = cli("near", *args, "--lang", lang, "--json")
    assert run.exit_code == 0, run.stderr
    shown = len(run.json()["sites"])
    wanted = ["--within", args[2]] if radius else []
    every = cli("near", args[0], *wanted, "--limit", "42", "--json").json()["sites"]
    last = run.json()["sites"][-1]["distance_km"]
    hidden = len([site for site in every if (radius or site["distance_km"] <= last)]) - shown
    assert hidden > 0 and (more is None or hidden == more)
    assert run.json()["limit_left_out"] == hidden
    notes = [line for line in run.stderr.splitlines() if f"--limit {shown + hidden}" in line]
    assert len(notes) == 1, run.stderr
    assert str(hidden) in notes[0]
    assert ("另有" in notes[0]) == (lang == "zh") and ("more" in notes[0]) == (lang == "en")
    suggested = notes[0].split("sitefinder ", 1)[1].rstrip("。").split()
    again = cli(*suggested, "--json")
    assert again.exit_code == 0 and len(again.json()["sites"]) == shown + hidden
    assert again.json()["limit_left_out"] == 0
    assert not [line for line in again.stderr.splitlines() if "--limit" in line]


def test_a_limit_that_hides_nothing_near_says_nothing(cli) -> None:
    run = cli("near", "Beijing", "-n", "3", "--json")
    assert run.exit_code == 0 and run.json()["limit_left_out"] == 0  # site 4 is farther than site 3
    assert "--limit" not in run.stderr


def test_a_hospital_csv_names_each_concept_in_one_column(cli) -> None:
    """`--by hospital` CSV had both `id` and `site_id` (the listing's site): near's `id` alone now,
    so that a script reading near's CSV reads this one; and near's province, not the registry's."""
    run = cli("near", "Beijing", "--by", "hospital", "--format", "csv")
    assert run.exit_code == 0, run.stderr
    header, *rows = list(csv.reader(io.StringIO(run.stdout)))
    assert len(header) == len(set(header)) and "id" in header and "site_id" not in header
    near = {row["id"]: row for row in csv.DictReader(io.StringIO(cli("near", "Beijing", "--limit", "42",
                                                                       "--format", "csv").stdout))}
    for row in (dict(zip(header, cells)) for cells in rows):
        site = near[row["id"]]
        assert (row["province"], row["province_registry"]) == (site["province"], site["province_registry"])


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("args, more, radius", [
    (["北京", "-w", "10", "-n", "1"], 2, True),  # two more of Beijing's three hospitals within 10 km
    (["Beijing", "-n", "2"], 1, False),  # no radius: the third is as near as the second, the last shown
    (["Beijing", "-w", "200", "-n", "2"], None, True),
])
def test_a_limit_that_hides_hospitals_says_how_many_in_hospital_words(
        cli, args: list, more: int | None, radius: bool, lang: str) -> None:
    """`--by hospital` said nothing of what --limit hid, where plain near says "N more sites within…":
    the same notice, counting hospitals (a hospital of two trials is one), in table, JSON and CSV."""
    run = cli("near", *args, "--by", "hospital", "--lang", lang, "--json")
    assert run.exit_code == 0, run.stderr
    shown = len(run.json()["hospitals"])
    wanted = ["--within", args[2]] if radius else []
    every = cli("near", args[0], *wanted, "--by", "hospital", "--limit", "42", "--json").json()["hospitals"]
    last = run.json()["hospitals"][-1]["distance_km"]
    hidden = len([hospital for hospital in every if (radius or hospital["distance_km"] <= last)]) - shown
    assert hidden > 0 and (more is None or hidden == more)
    assert run.json()["limit_left_out"] == hidden
    notes = [line for line in run.stderr.splitlines() if f"--limit {shown + hidden}" in line]
    assert len(notes) == 1, run.stderr
    assert str(hidden) in notes[0] and "--by hospital" in notes[0]
    if lang == "zh":
        assert "另有" in notes[0] and "家医院" in notes[0] and "研究中心" not in notes[0]
    else:
        assert "more hospital" in notes[0] and "site" not in notes[0].split(";")[0]
    assert [notice["key"] for notice in run.json()["notices"] if "--limit" in notice["text"]][0].startswith(
        "notice.limit_left_out.hospitals")
    for output in (["--format", "csv"], []):  # the same notice whatever the format, its command in that format
        other = cli("near", *args, "--by", "hospital", "--lang", lang, *output)
        assert other.exit_code == 0, other.stderr
        assert notes[0].replace(" --json", "".join(" " + word for word in output)) in other.stderr.splitlines()
    suggested = notes[0].split("sitefinder ", 1)[1].rstrip("。").split()
    assert "--json" in suggested
    again = cli(*suggested)
    assert again.exit_code == 0 and len(again.json()["hospitals"]) == shown + hidden
    assert again.json()["limit_left_out"] == 0
    assert not [line for line in again.stderr.splitlines() if "--limit" in line]


def test_a_hospital_limit_that_hides_nothing_says_nothing(cli) -> None:
    run = cli("near", "Guangzhou", "--by", "hospital", "-n", "3", "--json")
    assert run.exit_code == 0 and run.json()["limit_left_out"] == 0
    assert "--limit" not in run.stderr
