"""`import --country` says what it left out, and the dataset remembers it: `import … --country
China` said only "Imported 25 trials, 106 sites" of 190 trials and 1,371 sites, and `info
NCT05843643` then said 35 sites in 15 provinces of China of a trial the registry lists at 258 sites
in 36 countries. The counts here are worked out from an import of everything, never written in."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

EXPORT = ROOT / "tests" / "fixtures" / "export"

FIXTURES = ROOT / "tests" / "fixtures"
SOURCES = [str(FIXTURES / "export"), str(FIXTURES / "regions"), str(FIXTURES / "NCT03433391.json")]
WIDE = "NCT05843643"  # sites in many countries, China among them
WHOLE = "NCT05288205"  # every site in China


@pytest.fixture(scope="module")
def datasets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from conftest import run_cli

    folder = tmp_path_factory.mktemp("left-out")
    made = {}
    for name, extra in (("all", []), ("china", ["--country", "China"])):
        run = run_cli("import", *SOURCES, *extra, "--out", str(folder / name), "--json")
        assert run.exit_code == 0, run.stderr
        made[name] = folder / name
        made[name + ".json"] = run.json()
    return made


def test_import_says_what_country_left_out(cli, datasets, tmp_path: Path) -> None:
    every, china = datasets["all.json"], datasets["china.json"]
    trials = every["trial_count"] - china["trial_count"]
    sites = every["site_count"] - china["site_count"]
    assert trials > 0 and sites > 0
    assert china["left_out"] == {"filter": "--country China", "trials": trials, "sites": sites}
    assert every["left_out"] is None
    run = cli("import", *SOURCES, "--country", "China", "--out", str(tmp_path / "again"))
    assert run.exit_code == 0
    said = run.stdout + run.stderr
    assert f"{trials} trials and {sites} sites" in said and "--country China" in said


def test_import_says_it_in_chinese(cli, tmp_path: Path, datasets) -> None:
    every, china = datasets["all.json"], datasets["china.json"]
    run = cli("import", *SOURCES, "--country", "中国", "--out", str(tmp_path / "zh"), "--lang", "zh")
    assert run.exit_code == 0
    said = run.stdout + run.stderr
    assert f"{every['trial_count'] - china['trial_count']} 个试验" in said
    assert f"{every['site_count'] - china['site_count']} 个研究中心" in said


def registry(cli, dataset: Path, nct: str) -> dict:
    run = cli("info", nct, "--sites", str(dataset), "--json")
    assert run.exit_code == 0, run.stderr
    return run.json()


def test_info_of_a_trial_cut_by_country_says_the_registry_lists_more(cli, datasets) -> None:
    whole = registry(cli, datasets["all"], WIDE)
    cut = registry(cli, datasets["china"], WIDE)
    assert cut["site_count"] < whole["site_count"]
    assert cut["trial"]["registry_site_count"] == whole["site_count"]
    assert cut["trial"]["registry_country_count"] == len(whole["countries"])
    for lang, words in (("en", [f"{whole['site_count']} sites in {len(whole['countries'])} countries",
                                "--country"]),
                        ("zh", [f"{len(whole['countries'])} 个国家的 {whole['site_count']} 个研究中心", "--country"])):
        run = cli("info", WIDE, "--sites", str(datasets["china"]), "--lang", lang)
        assert run.exit_code == 0
        for word in words:
            assert word in run.stdout, (lang, word)


@pytest.mark.parametrize("dataset", ["all", "china"])
def test_info_of_a_whole_trial_says_nothing_more(cli, datasets, dataset: str) -> None:
    document = registry(cli, datasets[dataset], WHOLE)
    assert document["trial"]["registry_site_count"] is None
    assert "registry lists" not in cli("info", WHOLE, "--sites", str(datasets[dataset])).stdout


@pytest.mark.parametrize("value", ["many", -1, True, 2.5])
def test_a_bad_count_in_trials_json_is_a_data_error(cli, datasets, tmp_path: Path, value) -> None:
    import shutil

    folder = tmp_path / "bad"
    shutil.copytree(datasets["china"], folder, symlinks=True)
    path = (folder / "trials.json").resolve()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["trials"][0]["registry_site_count"] = value
    path.unlink()
    path.write_text(json.dumps(data), encoding="utf-8")
    run = cli("info", "--sites", str(folder))
    assert run.exit_code == 1
    assert "registry_site_count" in run.stderr and len(run.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("lang, words", [("en", "only its sites in China"), ("zh", "只导入了在中国的研究中心")])
def test_info_of_a_dataset_cut_by_country_says_so(cli, datasets, lang: str, words: str) -> None:
    """The trials table's site counts are the dataset's, not the registry's: said under it."""
    run = cli("info", "--sites", str(datasets["china"]), "--lang", lang)
    assert run.exit_code == 0
    assert words in " ".join(run.stdout.split()).replace("： ", "：")
    document = cli("info", "--sites", str(datasets["china"]), "--json").json()
    assert document["import_countries"] == ["China"]
    whole = cli("info", "--sites", str(datasets["all"]), "--json").json()
    assert whole["import_countries"] is None
    assert words not in cli("info", "--sites", str(datasets["all"]), "--lang", lang).stdout


def test_a_study_with_no_location_is_never_said_left_out_by_a_country(cli, tmp_path: Path) -> None:
    """Without --country, a study that lists no location was said "Left out 1 study with no site in :";
    with --country, the studies it names are the ones it counts."""
    data = json.loads((ROOT / "data" / "registry" / "NCT07010263.json").read_text(encoding="utf-8"))
    data["protocolSection"]["contactsLocationsModule"]["locations"] = []
    data["protocolSection"]["identificationModule"]["nctId"] = "NCT00000042"
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps(data), encoding="utf-8")
    other = str(FIXTURES / "export" / f"{WHOLE}.json")
    run = cli("import", str(empty), other, "--out", str(tmp_path / "a"), "--json")
    assert run.exit_code == 0 and "no site in" not in run.stderr, run.stderr
    assert run.json()["no_site_in_country"] == [] and run.json()["left_out"] is None
    cut = cli("import", str(empty), other, str(FIXTURES / "regions" / f"{WIDE}.json"), "--country", "Japan",
              "--out", str(tmp_path / "b"), "--json").json()
    assert cut["left_out"]["trials"] == len(cut["no_site_in_country"]) == 1  # NCT05288205: all in China


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_study_with_no_location_among_others_is_named_as_skipped(tmp_path: Path, lang: str) -> None:
    """`import FOLDER` of 2 studies, one listing no location, said "Imported 1 trial" and nothing of
    the other: each study read is imported, left out by --country, or skipped with its reason."""
    folder = tmp_path / "studies"
    folder.mkdir()
    study = json.loads((EXPORT / "NCT05288205.json").read_text(encoding="utf-8"))
    (folder / "NCT05288205.json").write_text(json.dumps(study), encoding="utf-8")
    empty = copy.deepcopy(study)
    empty["protocolSection"]["identificationModule"]["nctId"] = "NCT09999991"
    empty["protocolSection"]["contactsLocationsModule"]["locations"] = []
    (folder / "NCT09999991.json").write_text(json.dumps(empty), encoding="utf-8")
    run = run_cli("import", str(folder), "--out", str(tmp_path / "out"), "--lang", lang)
    assert run.exit_code == 0, run.stderr
    skipped = next(line for line in run.stderr.splitlines() if "NCT09999991" in line)
    assert ("no locations" if lang == "en" else "没有列出任何地点") in skipped, run.stderr
    document = run_cli("import", str(folder), "--out", str(tmp_path / "again"), "--json").json()
    assert [item["nct_id"] for item in document["skipped"]] == ["NCT09999991"]
    assert document["studies_read"] == len(document["trials"]) + len(document["skipped"])
