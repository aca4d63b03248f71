"""--condition as people type a disease: its common abbreviations (NSCLC, SCLC), hyphens and
joined words (small-cell, nonsmall), plurals and the registry's words for cancer (carcinoma,
neoplasms) match both ways; a MeSH heading is read in either order ("Carcinoma, Non-Small-Cell
Lung"); and "small cell" never matches "non-small cell", however either is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitefinder.catalogue import matches_condition, trials_json_text
from sitefinder.models import Trial

from conftest import make_site

TRIALS = {
    "NCT00000001": Trial(nct_id="NCT00000001", conditions=("NSCLC",)),
    "NCT00000002": Trial(nct_id="NCT00000002", conditions=("Non-small Cell Lung Cancer",)),
    "NCT00000003": Trial(nct_id="NCT00000003", conditions=("SCLC",)),
    "NCT00000004": Trial(nct_id="NCT00000004", conditions=("Small-cell lung carcinoma",)),
    "NCT00000005": Trial(nct_id="NCT00000005", conditions=("Asthma",), mesh_terms=("Lung Neoplasms",)),
    "NCT00000006": Trial(nct_id="NCT00000006", conditions=("Breast Cancer",)),
    "NCT00000007": Trial(nct_id="NCT00000007", conditions=("Nonsmall Cell Lung Cancers",)),
    "NCT00000008": Trial(nct_id="NCT00000008", conditions=("Adenocarcinoma",),
                         mesh_terms=("Carcinoma, Non-Small-Cell Lung",)),
}
NSCLC = {"NCT00000001", "NCT00000002", "NCT00000007", "NCT00000008"}
SCLC = {"NCT00000003", "NCT00000004"}
LUNG = NSCLC | SCLC | {"NCT00000005"}


def matching(typed: str) -> set[str]:
    return {nct for nct, trial in TRIALS.items() if matches_condition(trial, typed)}


@pytest.mark.parametrize("typed, wanted", [
    ("lung cancer", LUNG), ("Lung Carcinoma", LUNG), ("lung neoplasms", LUNG), ("lung cancers", LUNG),
    ("NSCLC", NSCLC), ("nsclc", NSCLC), ("non-small cell lung cancer", NSCLC), ("Non-Small-Cell Lung", NSCLC),
    ("non small cell lung carcinoma", NSCLC), ("nonsmall cell", NSCLC), ("NSCLCs", NSCLC),
    ("SCLC", SCLC), ("small cell lung cancer", SCLC), ("small-cell lung", SCLC), ("smallcell lung", SCLC),
    ("small cell", SCLC), ("breast carcinoma", {"NCT00000006"}), ("carcinoma, non-small-cell lung", NSCLC)])
def test_a_condition_matches_its_abbreviations_and_word_forms_both_ways(typed: str, wanted: set[str]) -> None:
    assert matching(typed) == wanted


@pytest.fixture(params=["memory", "index"])
def dataset(request, sites_file, monkeypatch: pytest.MonkeyPatch) -> Path:
    if request.param == "index":
        monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    path = sites_file(*(make_site(number, f"Hospital {number}", status="RECRUITING", nct_id=nct)
                        for number, nct in enumerate(TRIALS, start=1)))
    (path.parent / "trials.json").write_text(trials_json_text(TRIALS.values()), encoding="utf-8")
    return path


@pytest.mark.parametrize("typed, wanted", [("lung cancer", LUNG), ("NSCLC", NSCLC), ("SCLC", SCLC),
                                           ("small cell lung cancer", SCLC)])
def test_list_and_near_read_a_condition_so_from_memory_and_from_the_index(cli, dataset: Path, typed: str,
                                                                          wanted: set[str]) -> None:
    for command in (["list"], ["near", "Guangzhou", "--limit", "20"]):
        run = cli(*command, "--condition", typed, "--sites", str(dataset), "--json")
        assert run.exit_code == 0, run.stderr
        assert {site["nct_id"] for site in run.json()["sites"]} == wanted


# A disease typed in Chinese is read as the registry's English terms (data/conditions_zh.csv), with
# the same rules: 小细胞肺癌 is not 非小细胞肺癌; Traditional characters read as Simplified.
@pytest.mark.parametrize("typed, wanted", [
    ("肺癌", LUNG), ("非小细胞肺癌", NSCLC), ("小细胞肺癌", SCLC), ("乳腺癌", {"NCT00000006"}),
    ("乳癌", {"NCT00000006"}), ("哮喘", {"NCT00000005"}), ("肺癌 ", LUNG), ("非小細胞肺癌", NSCLC)])
def test_a_condition_typed_in_chinese_is_read_as_the_registrys_terms(typed: str, wanted: set[str]) -> None:
    assert matching(typed) == wanted


def test_every_chinese_name_of_a_disease_reads_as_words_that_can_match() -> None:
    from sitefinder.catalogue import _chinese_conditions, condition_keys

    names = _chinese_conditions()
    assert len(names) > 100
    for name, terms in names.items():
        keys = condition_keys(name)
        assert keys and all(key.isascii() for key in keys), (name, keys)
        assert set(keys) == {" ".join(condition_keys(term)[0].split()) for term in terms}, name


@pytest.mark.parametrize("typed, wanted", [("肺癌", LUNG), ("小细胞肺癌", SCLC)])
def test_list_reads_a_chinese_condition_from_memory_and_from_the_index(cli, dataset: Path, typed: str,
                                                                      wanted: set[str]) -> None:
    run = cli("list", "--condition", typed, "--sites", str(dataset), "--json")
    assert run.exit_code == 0, run.stderr
    assert {site["nct_id"] for site in run.json()["sites"]} == wanted
