"""An answer with nothing in it: exit 1 in every format, and a notice that names the filter that
emptied it (never a reason that is not the reason); counts in notices are of the answer asked
for, never of the whole file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from sitefinder.status import CLOSED_STATUSES

from conftest import SHIPPED_SITES, make_site


def shipped_rows() -> list[dict[str, str]]:
    with SHIPPED_SITES.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# Questions with no site in the answer, each emptied by another filter.
EMPTY_QUESTIONS = [
    ["list", "--province", "西藏"],
    ["list", "--province", "Tibet"],
    ["list", "--city", "Jinan", "--status", "completed"],
    ["list", "--province", "Guangdong", "--city", "济南"],
    ["near", "广州", "--status", "completed"],
    ["near", "Guangzhou", "--province", "Tibet"],
    ["near", "Lhasa", "--within", "100"],
    ["near", "Guangzhou", "--status", "withdrawn", "--by", "hospital"],
]


@pytest.mark.parametrize("question", EMPTY_QUESTIONS, ids=" ".join)
@pytest.mark.parametrize("fmt", [[], ["--json"], ["--format", "csv"]], ids=["table", "json", "csv"])
def test_an_empty_answer_exits_1_in_every_format_and_says_why(cli, question: list[str], fmt: list[str]) -> None:
    run = cli(*question, *fmt)
    assert run.exit_code == 1, (run.stdout, run.stderr)
    assert run.stderr.strip()  # why, on stderr
    if fmt == ["--json"]:
        document = run.json()
        assert document.get("sites", document.get("hospitals")) == []
    elif fmt:
        rows = list(csv.reader(io.StringIO(run.stdout)))
        assert len(rows) == 1 and rows[0]  # the header alone: a script reads the same columns
    else:
        assert run.stdout == ""  # nothing on stdout but data


def test_an_answer_with_sites_still_exits_0(cli) -> None:
    for question in (["list"], ["near", "Guangzhou"], ["near", "山东"], ["near", "广州", "--by", "hospital"],
                     ["list", "--json"], ["near", "Guangzhou", "--format", "csv"]):
        assert cli(*question).exit_code == 0, question


def wrong_province_pairs() -> list[tuple[str, str]]:
    """(a site's city, the province of another site in another province): every city of the
    shipped data that has sites, against a province that has sites too but not this city."""
    rows = shipped_rows()
    provinces = sorted({row["province"] for row in rows})
    pairs = []
    for city in sorted({row["city"] for row in rows}):
        own = {row["province"] for row in rows if row["city"] == city}
        other = next(province for province in provinces if province not in own)
        pairs.append((city, other))
    return pairs


@pytest.mark.parametrize("city, province", wrong_province_pairs())
def test_a_city_and_a_province_that_exclude_each_other_are_named_together(cli, city: str, province: str) -> None:
    run = cli("list", "--city", city, "--province", province, "--json")
    assert run.exit_code == 1
    document = run.json()
    assert document["sites"] == []
    assert sorted(document["conflicting_filters"]) == sorted([f"--city {city}", f"--province {province}"])
    assert "try" not in document  # not "no site in that city": the city has sites
    notice = " ".join(item["text"] for item in document["notices"])
    assert f"--city {city}" in notice and f"--province {province}" in notice
    assert "no site in that city" not in notice
    alone = cli("list", "--city", city, "--json")
    assert alone.exit_code == 0 and alone.json()["sites"]  # each filter alone has sites


@pytest.mark.parametrize("command, option, value", [
    (["list"], "--province", "西藏"), (["list"], "--province", "Hainan"), (["list"], "--country", "Japan"),
    (["near", "Guangzhou"], "--province", "西藏"), (["near", "Guangzhou"], "--province", "Hainan"),
    (["near", "成都"], "--province", "Qinghai")])
def test_a_filter_that_matches_nothing_by_itself_is_the_one_named(cli, command: list[str], option: str,
                                                                   value: str) -> None:
    run = cli(*command, option, value, "--status", "not yet recruiting", "--json")
    assert run.exit_code == 1
    document = run.json()
    assert document["unmatched_filter"] == f"{option} {value}"
    assert "conflicting_filters" not in document


def test_a_status_that_no_site_has_gives_the_sites_by_status_for_near_as_for_list(cli) -> None:
    statuses: dict[str, int] = {}
    for site in cli("list", "--all", "--json").json()["sites"]:
        statuses[site["effective_status"]] = statuses.get(site["effective_status"], 0) + 1
    for command in (["list"], ["near", "广州"], ["near", "Guangzhou", "--by", "hospital"]):
        run = cli(*command, "--status", "completed", "--json")
        assert run.exit_code == 1
        assert run.json()["status_counts"] == statuses, command


def test_the_data_date_of_an_empty_status_answer_is_its_own_line(cli) -> None:
    run = cli("list", "--city", "Jinan", "--status", "completed")
    lines = run.stderr.splitlines()
    counts = next(line for line in lines if "by status" in line)
    assert "Registry data" not in counts  # not spliced into the counts
    assert any(line.startswith("Registry data of") for line in lines)


def ring_of_sites(sites_file) -> Path:
    """Sites at 0, 30, 80, 200 and 600 km north of Guangzhou (about 0.27 degrees of latitude to
    30 km), half of them closed: what a notice counts can be told from what the file holds."""
    sites = []
    for number, (km, status) in enumerate([(0, "RECRUITING"), (0, "COMPLETED"), (30, "TERMINATED"), (30, "RECRUITING"),
                                           (80, "COMPLETED"), (200, "RECRUITING"), (200, "WITHDRAWN"),
                                           (600, "COMPLETED"), (600, "RECRUITING"), (600, "COMPLETED")], 1):
        sites.append(make_site(number, facility=f"Hospital {number}", latitude=23.11667 + km / 111.2,
                               longitude=113.25, status=status))
    return sites_file(*sites)


@pytest.mark.parametrize("extra", [["--within", "50"], ["--within", "100"], ["--within", "1000"], ["--limit", "1"],
                                   ["--limit", "3"], ["--limit", "5"], ["--limit", "100"]], ids=" ".join)
@pytest.mark.parametrize("by", [[], ["--by", "hospital"]], ids=["sites", "hospitals"])
def test_closed_sites_left_out_are_those_the_answer_would_have_shown(cli, sites_file, extra: list[str],
                                                                   by: list[str]) -> None:
    path = ring_of_sites(sites_file)
    shown = cli("near", "Guangzhou", "--sites", str(path), *extra, *by, "--json").json()
    every = cli("near", "Guangzhou", "--sites", str(path), "--all", "--limit", "100", "--json").json()["sites"]
    distances = [site["distance_km"] for site in (shown["sites"] if not by else
                                                   [{"distance_km": hospital["distance_km"]} for hospital in shown["hospitals"]])]
    if extra[0] == "--within":
        radius = float(extra[1])
    elif len(distances) >= int(extra[1]):  # full: as far as the farthest shown
        radius = max(distances)
    else:  # not full: --all would add every closed site
        radius = float("inf")
    expected = sum(site["effective_status"] in CLOSED_STATUSES and site["distance_km"] <= radius for site in every)
    assert shown["closed_left_out"] == expected


def test_a_near_answer_never_counts_the_whole_files_closed_sites(cli, sites_file) -> None:
    path = ring_of_sites(sites_file)
    whole = cli("list", "--sites", str(path), "--json").json()["closed_left_out"]
    near = cli("near", "Guangzhou", "--sites", str(path), "--within", "50", "--json").json()
    assert 0 < near["closed_left_out"] < whole
    run = cli("near", "Guangzhou", "--sites", str(path), "--within", "50")
    assert f"{near['closed_left_out']} closed site" in run.stderr


@pytest.fixture(params=["memory", "index"])
def two_trials(request, sites_file, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Sites of two trials, one closed as a whole: each site's status is its own trial's when it gives none."""
    from sitefinder.catalogue import trials_json_text
    from sitefinder.models import Trial

    if request.param == "index":
        monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    sites = [make_site(1, "A", nct_id="NCT00000001"), make_site(2, "B", nct_id="NCT00000001", status="RECRUITING"),
             make_site(3, "C", nct_id="NCT00000002"), make_site(4, "D", nct_id="NCT00000002"),
             make_site(5, "E", nct_id="NCT00000002", status="RECRUITING")]
    path = sites_file(*sites)
    trials = [Trial(nct_id="NCT00000001", overall_status="NOT_YET_RECRUITING"),
              Trial(nct_id="NCT00000002", overall_status="COMPLETED")]
    (path.parent / "trials.json").write_text(trials_json_text(trials), encoding="utf-8")
    return path


def test_sites_by_status_are_counted_by_one_rule_for_list_near_and_a_region(two_trials: Path, cli) -> None:
    """list, near and a region's answer count by each site's own trial (a site of a completed trial
    that says it recruits shows the trial's status), from memory as from the index."""
    wanted = {"COMPLETED": 3, "NOT_YET_RECRUITING": 1, "RECRUITING": 1}
    for command in (["list"], ["list", "--city", "Guangzhou"], ["near", "Guangzhou"], ["near", "Guangdong"],
                    ["list", "--province", "Guangdong"]):
        run = cli(*command, "--status", "withdrawn", "--sites", str(two_trials), "--json")
        assert run.exit_code == 1, run.stderr
        assert run.json()["status_counts"] == wanted, command
        assert list(run.json()["status_counts"]) == sorted(wanted, key=lambda status: (-wanted[status], status))


def test_the_index_counts_sites_by_status_without_reading_them(sites_file, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted in SQL: an empty --status answer over a large file decoded every site it counted."""
    from sitefinder import sitestore

    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    path = sites_file(*(make_site(number, f"Hospital {number}") for number in range(1, 41)))
    assert cli("list", "--sites", str(path), "--json").exit_code == 0  # the index built
    decoded: list[int] = []
    original = sitestore.IndexedSource._decoded

    def counting(self, where_and_order, params):
        for site in original(self, where_and_order, params):
            decoded.append(site.id)
            yield site

    monkeypatch.setattr(sitestore.IndexedSource, "_decoded", counting)
    # places that no site is read to name (a city's registry sites are: queries.MAX_SITE_CITY_SITES)
    for command in (["list"], ["list", "--province", "Guangdong"], ["near", "23.1,113.2"], ["near", "Guangdong"]):
        run = cli(*command, "--status", "withdrawn", "--sites", str(path), "--json")
        assert run.exit_code == 1 and run.json()["status_counts"] == {"UNKNOWN": 40}, command
    assert decoded == []
