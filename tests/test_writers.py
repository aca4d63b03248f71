"""Round three: one writer at a time per dataset, readers that read one version, and what a
command says when it stops, checked in-process (each test failed before its fix)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from conftest import CTGOV_STUDY, run_cli, shipped_study, snapshot, write_study


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    out = tmp_path / "mytrial"
    assert run_cli("import", str(CTGOV_STUDY), "--out", str(out)).exit_code == 0
    return out


@pytest.fixture
def other_study(tmp_path: Path) -> Path:
    return write_study(tmp_path / "other.json", shipped_study("NCT99999999", 3))


def info(folder: Path) -> tuple[str, int]:
    report = run_cli("info", "--json", "--sites", str(folder / "sites.csv")).json()
    return report["trial"]["nct_id"], report["site_count"]


def test_a_second_writer_waits_then_says_another_is_running(dataset: Path, other_study: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import fcntl

    import sitefinder.datasets as datasets

    monkeypatch.setattr(datasets, "LOCK_WAIT_SECONDS", 0.3)
    before = snapshot(dataset)
    with open(dataset / ".sitefinder" / "lock", "a") as held:  # another process is writing
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        run = run_cli("import", str(other_study), "--out", str(dataset), "--replace")
    # the wait said at once (a minute of silence looked like a hang), then the error: a line each
    assert run.exit_code == 1 and run.stdout == "" and run.stderr.count("\n") == 2, run.stderr
    assert run.stderr.startswith(f"Waiting for another import or update in {dataset} to finish (at most 0 s)")
    assert f"another import or update is running in {dataset}" in run.stderr
    assert "try again when it has finished" in run.stderr
    assert snapshot(dataset) == before
    assert run_cli("import", str(other_study), "--out", str(dataset), "--replace").exit_code == 0  # once it has finished
    assert info(dataset) == ("NCT99999999", 3)


@pytest.mark.parametrize("replaced", ["trial.json", "sites.csv"])
def test_what_would_fail_after_the_switch_fails_before_it(dataset: Path, other_study: Path, replaced: str) -> None:
    (dataset / replaced).unlink()
    (dataset / replaced).mkdir()
    before = snapshot(dataset)
    current = os.readlink(dataset / ".sitefinder" / "current")
    run = run_cli("import", str(other_study), "--out", str(dataset), "--replace")
    assert run.exit_code == 1 and run.stderr.count("\n") == 1, run.stderr
    assert f"{dataset / replaced} is a directory" in run.stderr and "nothing was written" in run.stderr
    assert os.readlink(dataset / ".sitefinder" / "current") == current  # "as they were" is true
    assert snapshot(dataset) == before


def _signal_at(monkeypatch: pytest.MonkeyPatch, name: str, number: int) -> None:
    """Send this process `number` at the moment datasets.`name` is called (after the switch)."""
    import sitefinder.datasets as datasets

    real = getattr(datasets, name)

    def signalling(*args, **kwargs):
        result = real(*args, **kwargs)
        if name != "_replace_with_link" or args[0].name == "current":
            os.kill(os.getpid(), number)
        return result

    monkeypatch.setattr(datasets, name, signalling)


@pytest.mark.parametrize("moment", ["_replace_with_link", "_remove_old_versions"])
@pytest.mark.parametrize("number, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_after_the_switch_says_the_new_data_are_in_use(tmp_path: Path, dataset: Path, other_study: Path,
                                                               monkeypatch: pytest.MonkeyPatch, moment: str,
                                                               number: int, code: int) -> None:
    fresh = tmp_path / "fresh"  # a first import: the fixed links do not exist yet at the switch
    for folder in (dataset, fresh):
        with monkeypatch.context() as patch:
            _signal_at(patch, moment, number)
            run = run_cli("import", str(other_study), "--out", str(folder), "--replace")
        assert run.exit_code == code and run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
        assert "after the new data were published" in run.stderr and "in use" in run.stderr
        assert info(folder) == ("NCT99999999", 3)  # not dangling, and the new pair
        assert len(list((folder / ".sitefinder").glob("v-*"))) == 1


def test_a_reader_reads_both_files_of_one_version(dataset: Path, other_study: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """An update that publishes between the reading of sites.csv and of trial.json: before, the reader
    paired the old sites with the new trial facts."""
    import sitefinder.trial as trial_module
    from sitefinder.sitesfile import read_sites_file

    real = trial_module.read_trial_beside
    published = []

    def publish_first(*args, **kwargs):
        if not published:  # once: the import reads the dataset's trials too (what it would replace)
            published.append(None)
            published[0] = run_cli("import", str(other_study), "--out", str(dataset), "--replace").exit_code
        return real(*args, **kwargs)

    monkeypatch.setattr(trial_module, "read_trial_beside", publish_first)
    data = read_sites_file(dataset / "sites.csv")
    assert published == [0]
    assert (data.trial.nct_id, len(data.sites)) in (("NCT07010263", 42), ("NCT99999999", 3))


def test_a_dataset_missing_its_trial_json_says_so(dataset: Path) -> None:
    (dataset / ".sitefinder" / "current" / "trial.json").unlink()
    run = run_cli("near", "Guangzhou", "--sites", str(dataset / "sites.csv"))
    assert run.exit_code == 1 and run.stdout == "" and run.stderr.count("\n") == 1, run.stdout
    assert f"{dataset / 'trial.json'}: is missing from this dataset" in run.stderr


def test_a_plain_sites_file_without_trial_json_is_not_said_to_be_the_registrys(sites_file) -> None:
    from conftest import make_site

    path = sites_file(make_site(1, contacts=()))
    run = run_cli("near", "Guangzhou", "--sites", str(path))
    assert run.exit_code == 0
    words = " ".join(run.stdout.split())
    assert "or for the trial" not in words and "no trial.json beside the sites file" in words


def test_a_study_whose_files_readers_would_refuse_for_size_is_not_published(dataset: Path, other_study: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import sitefinder.sitesfile as sitesfile
    import sitefinder.trial as trial_module

    before = snapshot(dataset)
    for module, name, cap in ((trial_module, "MAX_TRIAL_BYTES", 100), (sitesfile, "MAX_FILE_BYTES", 100)):
        with monkeypatch.context() as patch:  # the readers' own caps, made small: the writer must follow them
            patch.setattr(module, name, cap)
            run = run_cli("import", str(other_study), "--out", str(dataset), "--replace")
        assert run.exit_code == 1 and run.stderr.count("\n") == 1, run.stderr
        assert "would be" in run.stderr and "MB every command reads" in run.stderr and "nothing was written" in run.stderr
        assert snapshot(dataset) == before


def test_the_readers_caps_are_the_writers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real constants: trial.json 8 MB, sites.csv 64 MB; a 9.5 MB eligibility text is refused."""
    from sitefinder.datasets import write_dataset
    from sitefinder.errors import ImportFailed
    from sitefinder.models import Trial
    from sitefinder.sitesfile import MAX_FILE_BYTES
    from sitefinder.trial import MAX_TRIAL_BYTES
    from conftest import make_site

    assert (MAX_TRIAL_BYTES, MAX_FILE_BYTES) == (8 * 2**20, 64 * 2**20)
    with pytest.raises(ImportFailed, match="trial.json would be 9.5 MB, over the 8 MB"):
        write_dataset(Path("/nonexistent/never-written"), [make_site(1)],
                      Trial(nct_id="NCT07010263", eligibility="x" * int(9.5 * 2**20)))


def test_import_into_a_directory_name_that_is_not_utf8_is_refused_before_writing(tmp_path: Path) -> None:
    out = tmp_path / "d\udcff"
    run = run_cli("import", str(CTGOV_STUDY), "--out", str(out))
    assert run.exit_code == 2 and run.stderr.count("\n") == 1, run.stderr
    assert "not UTF-8" in run.stderr and not os.path.lexists(os.fsencode(out))


def test_a_reader_whose_version_is_being_cleaned_up_reads_the_new_one(dataset: Path, other_study: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer switches `current`, then removes the old version's files one by one: a reader that
    pinned the old version can find its trial.json gone while the directory still stands. It reads
    the version now in use (it used to say the dataset was missing its trial.json)."""
    import os

    import sitefinder.trial as trial_module
    from sitefinder.sitesfile import read_sites_file

    real = trial_module.read_trial_beside
    switched = []

    def clean_up_half_way(sites_path: Path, *args, **kwargs):
        if not switched:
            old_version = Path(sites_path).parent
            store = dataset / ".sitefinder"
            new_version = store / "v-new"
            new_version.mkdir()
            for name in os.listdir(old_version):
                (new_version / name).write_bytes((old_version / name).read_bytes())
            (store / "current-next").symlink_to("v-new")
            os.replace(store / "current-next", store / "current")  # the switch
            (old_version / "trial.json").unlink()  # the clean-up, half way
            switched.append(old_version)
        return real(sites_path, *args, **kwargs)

    monkeypatch.setattr(trial_module, "read_trial_beside", clean_up_half_way)
    data = read_sites_file(dataset / "sites.csv")
    assert switched and (data.trial.nct_id, len(data.sites)) == ("NCT07010263", 42)
