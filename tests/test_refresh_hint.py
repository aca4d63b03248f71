"""The command that refreshes stale data is built in one place and names the data the answer read.

An imported dataset is refreshed where it is (`update --sites DIR/sites.csv`); `update NCT…` would
fetch that trial into the default data instead, so no view of an imported dataset may say it.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import run_cli, listing_exit

FIXTURES = Path(__file__).parent / "fixtures" / "export"


@pytest.fixture(scope="module", params=["many", "one"])
def dataset(request, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("refresh")
    names = ["NCT05288205.json", "NCT04547049.json"] if request.param == "many" else ["NCT05288205.json"]
    for name in names:
        shutil.copy(FIXTURES / name, folder / name)
    out = folder / "d"
    assert run_cli("import", *(str(folder / name) for name in names), "--out", str(out)).exit_code == 0
    return out / "sites.csv", [name.removesuffix(".json") for name in names]


def _views(sites: Path, nct_ids: list[str]) -> list[list[str]]:
    first = json.loads(run_cli("list", "--all", "--json", "--sites", str(sites)).stdout)["sites"][0]
    return [["show", str(first["id"])], ["info"], *(["info", nct_id] for nct_id in nct_ids),
            *(["list", "--trial", nct_id] for nct_id in nct_ids), ["list"], ["near", "Wuhan"],
            ["list", "--status", "withdrawn"], ["map", "Wuhan"]]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_view_of_an_imported_dataset_names_its_own_refresh(dataset, lang: str) -> None:
    sites, nct_ids = dataset
    said = 0
    for view in _views(sites, nct_ids):
        run = run_cli(*view, "--sites", str(sites), "--lang", lang)
        assert run.exit_code == (1 if "withdrawn" in view else 0), (view, run.stderr)  # no site is withdrawn
        text = re.sub(r"\s+", " ", run.stdout + run.stderr)
        assert not re.search(r"sitefinder update NCT", text), (view, text)
        if "sitefinder update" in text:
            assert f"sitefinder update --sites {sites}" in text, (view, text)
            said += 1
    assert said >= 6  # every view above that shows the data's date says how to refresh them


def test_the_shipped_data_are_refreshed_by_their_trial(tmp_path: Path) -> None:
    for view in (["show", "7"], ["info"], ["list"], ["near", "Guangzhou"]):
        text = re.sub(r"\s+", " ", run_cli(*view).stdout + run_cli(*view).stderr)
        assert "sitefinder update NCT07010263" in text and "--sites" not in text, view


def test_refresh_command_is_one_rule() -> None:
    from sitefinder.wording import refresh_command

    assert refresh_command("NCT07010263", "") == "sitefinder update NCT07010263"
    assert refresh_command("NCT07010263", "--sites d/sites.csv") == "sitefinder update --sites d/sites.csv"
    assert refresh_command("", "") == "sitefinder update"
