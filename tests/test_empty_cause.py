"""An answer emptied by its filters names the filter, or the filters together, that empty it, and
never one that is not the cause: `list --condition headache --country China` said no site of the
dataset is in China although 106 were (no headache trial has one). The rule is one for list, near
and map, and is checked here over every pair of filters, against what each filter alone lists."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"

# Filters of the fixture dataset's trials (11 trials, 349 sites): the headache trial (NCT04014634)
# is in the Netherlands alone; China, Zhejiang and Hangzhou have sites of other trials.
FILTERS = [("--trial", "NCT04014634"), ("--trial", "NCT05843643"), ("--condition", "headache"),
           ("--condition", "NSCLC"), ("--country", "China"), ("--country", "Netherlands"),
           ("--country", "Mongolia"), ("--province", "浙江"), ("--province", "Catalonia"), ("--city", "杭州"),
           ("--city", "Wuhan")]
PAIRS = [pair for pair in itertools.combinations(FILTERS, 2) if pair[0][0] != pair[1][0]]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import run_cli

    folder = tmp_path_factory.mktemp("empty-cause") / "all"
    run = run_cli("import", str(FIXTURES / "export"), str(FIXTURES / "regions"), str(FIXTURES / "NCT03433391.json"),
                  "--out", str(folder), "--json")
    assert run.exit_code == 0, run.stderr
    return folder


def listed(cli, dataset: Path, *filters: tuple[str, str]) -> int:
    """How many sites `list` gives for these filters, closed ones too."""
    words = [word for pair in filters for word in pair]
    run = cli("list", *words, "--all", "--sites", str(dataset), "--json")
    assert run.exit_code in (0, 1), run.stderr
    return len(run.json()["sites"])


def typed(pair: tuple[str, str]) -> str:
    return f"{pair[0]} {pair[1]}"


@pytest.mark.parametrize("first, second", PAIRS, ids=lambda pair: typed(pair))
def test_list_names_the_filter_or_the_pair_that_empties_it(cli, dataset: Path, first, second) -> None:
    if listed(cli, dataset, first, second):
        pytest.skip("these two match sites together")
    run = cli("list", *first, *second, "--all", "--sites", str(dataset), "--json", "--lang", "en")
    assert run.exit_code == 1
    document = run.json()
    alone = {typed(pair): listed(cli, dataset, pair) for pair in (first, second)}
    empty_alone = [name for name, count in alone.items() if not count]
    if empty_alone:
        # the first that matches none by itself (a --city of none: near finds the nearest instead)
        if document.get("try"):
            assert empty_alone[0].startswith("--city")
        else:
            assert document["unmatched_filter"] == empty_alone[0]
        assert "conflicting_filters" not in document
    else:
        assert "unmatched_filter" not in document
        assert sorted(document["conflicting_filters"]) == sorted(alone)
        assert document["conflicting_filters_sites"] == alone
        notice = " ".join(item["text"] for item in document["notices"])
        for name, count in alone.items():
            assert name in notice and f"{count} site" in notice


def test_the_pairs_include_both_causes(cli, dataset: Path) -> None:
    """The test above proves something: some pairs conflict, some hold a filter of no site at all."""
    empty = [pair for pair in PAIRS if not listed(cli, dataset, *pair)]
    conflicting = [pair for pair in empty if all(listed(cli, dataset, one) for one in pair)]
    assert len(conflicting) >= 8 and len(empty) - len(conflicting) >= 8


def test_the_tester_question_in_english_and_chinese(cli, dataset: Path) -> None:
    china = listed(cli, dataset, ("--country", "China"))
    headache = listed(cli, dataset, ("--condition", "headache"))
    run = cli("list", "--condition", "headache", "--country", "China", "--sites", str(dataset))
    assert run.exit_code == 1 and run.stdout == ""
    assert "whatever the other filters" not in run.stderr
    assert "--condition headache" in run.stderr and "--country China" in run.stderr
    assert f"{china} sites" in run.stderr and f"{headache} sites" in run.stderr
    chinese = cli("list", "--condition", "headache", "--city", "杭州", "--sites", str(dataset), "--lang", "zh")
    assert chinese.exit_code == 1
    assert "该城市都没有研究中心" not in chinese.stderr
    assert "--condition headache" in chinese.stderr and "--city 杭州" in chinese.stderr


NEAR_FILTERS = [pair for pair in FILTERS if pair[0] != "--city"]
NEAR_PAIRS = [pair for pair in itertools.combinations(NEAR_FILTERS, 2) if pair[0][0] != pair[1][0]]


@pytest.mark.parametrize("verb", ["near", "map"])
@pytest.mark.parametrize("first, second", NEAR_PAIRS, ids=lambda pair: typed(pair))
def test_near_and_map_name_the_filter_or_the_pair_as_list_does(cli, dataset: Path, verb: str, first, second) -> None:
    if listed(cli, dataset, first, second):
        pytest.skip("these two match sites together")
    run = cli(verb, "Hangzhou", *first, *second, "--all", "--sites", str(dataset), "--json")
    assert run.exit_code == 1
    document = run.json()
    shown = cli("list", *first, *second, "--all", "--sites", str(dataset), "--json").json()
    assert document.get("unmatched_filter") == shown.get("unmatched_filter")
    assert document.get("conflicting_filters") == shown.get("conflicting_filters")
    assert document.get("conflicting_filters_sites") == shown.get("conflicting_filters_sites")


@pytest.mark.parametrize("verb", ["near", "map"])
def test_near_and_map_say_the_pair_in_words(cli, dataset: Path, verb: str) -> None:
    run = cli(verb, "杭州", "--condition", "headache", "--country", "China", "--sites", str(dataset))
    assert run.exit_code == 1
    assert "与其他筛选条件无关" not in run.stderr
    assert "--condition headache" in run.stderr and "--country China" in run.stderr


@pytest.mark.parametrize("region", ["China", "中国", "浙江"])
def test_a_region_with_sites_of_other_trials_is_not_said_to_have_none(cli, dataset: Path, region: str) -> None:
    run = cli("near", region, "--condition", "headache", "--sites", str(dataset))
    assert "没有本数据集任何试验" not in run.stderr and "no trial of this dataset" not in run.stderr
    assert "without a site of any trial" not in run.stderr
    assert "--condition headache" in run.stderr


def test_a_region_without_any_site_is_still_said_to_have_none(cli, dataset: Path) -> None:
    run = cli("near", "Mongolia", "--condition", "headache", "--sites", str(dataset))
    assert run.exit_code == 1
    assert "no trial of this dataset has a site there" in run.stderr


def test_a_condition_of_no_trial_is_said_once_and_no_other_filter_blamed(cli, dataset: Path) -> None:
    run = cli("list", "--condition", "zzzz", "--country", "China", "--sites", str(dataset), "--json")
    assert run.exit_code == 1
    document = run.json()
    assert document["unmatched_filter"] == "--condition zzzz"
    texts = [item["text"] for item in document["notices"]]
    assert not any("--country China" in text for text in texts)


@pytest.mark.parametrize("lang, country", [("en", "Netherlands"), ("zh", "荷兰")])
def test_the_trials_of_a_conflicting_filter_are_said_where_they_are(cli, dataset: Path, lang: str,
                                                                    country: str) -> None:
    """Where the sites of --condition headache are, so that the person sees it is not China."""
    countries = {site["country"] for site in cli("list", "--condition", "headache", "--all", "--sites", str(dataset),
                                                  "--json").json()["sites"]}
    assert countries == {"Netherlands"}
    run = cli("list", "--condition", "headache", "--country", "China", "--sites", str(dataset), "--lang", lang)
    assert run.exit_code == 1
    line = next(line for line in run.stderr.splitlines() if "--country China" in line)
    assert country in line


def test_the_index_of_a_large_file_gives_the_same_causes(cli, dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A large file is read through its index (counted in SQL): the causes and their words are the same."""
    questions = [["list", *first, *second] for first, second in PAIRS] + [
        ["near", "China", "--condition", "headache"], ["near", "浙江", "--condition", "headache"],
        ["near", "杭州", "--condition", "headache", "--country", "China"]]

    def causes() -> list[tuple]:
        answers = []
        for question in questions:
            document = cli(*question, "--all", "--sites", str(dataset), "--json").json()
            answers.append((document.get("unmatched_filter"), document.get("conflicting_filters_sites"),
                            [item["text"] for item in document["notices"]]))
        return answers

    in_memory = causes()
    monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    assert causes() == in_memory
    assert sum(bool(sites) for _, sites, _ in in_memory) >= 8


@pytest.mark.parametrize("extra", [[], ["--condition", "lupus"], ["--trial", "NCT04014634", "--status", "completed"],
                                   ["--country", "China", "--all"]], ids=" ".join)
def test_the_near_a_city_without_a_site_suggests_keeps_the_other_filters(cli, dataset: Path, extra: list[str]) -> None:
    """`list --city 拉萨 --condition headache` suggested `near 拉萨`: the nearest sites of every trial."""
    import shlex

    run = cli("list", "--city", "拉萨", *extra, "--sites", str(dataset), "--json")
    assert run.exit_code == 1
    suggested = shlex.split(run.json()["try"])
    assert suggested[:3] == ["sitefinder", "near", "拉萨"]
    assert sorted(suggested[3:]) == sorted(extra)
    assert cli(*suggested[1:], "--sites", str(dataset)).exit_code == 0  # it finds sites


def test_near_by_hospital_names_the_pair_as_list_does(cli, dataset: Path) -> None:
    filters = ["--condition", "headache", "--country", "China"]
    shown = cli("list", *filters, "--all", "--sites", str(dataset), "--json").json()
    run = cli("near", "杭州", *filters, "--by", "hospital", "--all", "--sites", str(dataset), "--json")
    assert run.exit_code == 1
    assert run.json()["hospitals"] == []
    assert run.json()["conflicting_filters_sites"] == shown["conflicting_filters_sites"]
