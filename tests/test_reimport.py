"""An import into a dataset that is already there keeps its site ids, as an update does.

`import A B --out d` and then `import C A B --out d` ("it and more", accepted without --replace)
numbered every site again from 1 in the order of the files given: the id someone wrote down
("site 1") then named another hospital, and swapping two files moved every id. Now a site the
dataset had keeps its id (same trial, and the same site by the rule update matches sites by), a new
site gets the next id above the dataset's high-water mark, a removed one's id is never given out
again, and the order of the files changes no id.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import ROOT

EXPORT = ROOT / "tests" / "fixtures" / "export"
A, B, C = (EXPORT / f"{nct}.json" for nct in ("NCT05288205", "NCT04547049", "NCT02856893"))


def ids_of(out: Path) -> dict[tuple[str, str, str], int]:
    """Each site of a dataset by its identity (trial, facility, city) → its id."""
    with (out / "sites.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    found = {(row["nct_id"], row["facility"], row["city"]): int(row["id"]) for row in rows}
    assert len(found) == len(rows)  # the fixtures' sites are told apart by these three
    return found


def without_site(path: Path, tmp_path: Path, index: int) -> Path:
    """The study of `path` with its `index`th location gone (a site that closed)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["protocolSection"]["contactsLocationsModule"]["locations"][index]
    changed = tmp_path / f"changed-{path.name}"
    changed.write_text(json.dumps(data), encoding="utf-8")
    return changed


def test_importing_it_and_more_keeps_every_sites_id_and_numbers_the_new_above(cli, tmp_path: Path) -> None:
    out = tmp_path / "ab"
    first = cli("import", str(A), str(B), "--out", str(out), "--json")
    assert first.exit_code == 0, first.stderr
    before = ids_of(out)
    top = max(before.values())
    assert first.json()["earlier_dataset"] is False and first.json()["id_high_water"] == top
    more = cli("import", str(C), str(A), str(B), "--out", str(out), "--json")
    assert more.exit_code == 0, more.stderr
    after = ids_of(out)
    assert {key: after[key] for key in before} == before  # every site it had: the same id
    new = {key: number for key, number in after.items() if key not in before}
    assert new and all(key[0] == C.stem for key in new)
    assert sorted(new.values()) == list(range(top + 1, top + 1 + len(new)))  # above the mark, none reused
    answer = more.json()
    assert answer["earlier_dataset"] is True
    assert answer["kept_ids"] == sorted(before.values())
    assert answer["added_ids"] == sorted(new.values()) and answer["removed_ids"] == []
    assert answer["id_high_water"] == top + len(new)
    # `show ID` is the same hospital before and after
    some_key, some_id = next(iter(before.items()))
    show = cli("show", str(some_id), "--sites", str(out / "sites.csv"), "--json")
    assert show.exit_code == 0 and show.json()["site"]["facility"] == some_key[1]


@pytest.mark.parametrize("order", [(B, C, A), (C, B, A), (A, C, B)])
def test_the_order_of_the_files_changes_no_id(cli, tmp_path: Path, order: tuple[Path, ...]) -> None:
    out = tmp_path / "d"
    assert cli("import", str(A), str(B), str(C), "--out", str(out)).exit_code == 0
    before = ids_of(out)
    again = cli("import", *map(str, order), "--out", str(out), "--json")
    assert again.exit_code == 0, again.stderr
    assert ids_of(out) == before
    assert again.json()["added_ids"] == [] and again.json()["removed_ids"] == []
    assert len(again.json()["kept_ids"]) == len(before)
    fresh = tmp_path / "fresh"  # a new dataset of the same studies in another order: the same ids too
    assert cli("import", *map(str, order), "--out", str(fresh)).exit_code == 0
    assert ids_of(fresh) == before


def test_a_removed_sites_id_is_never_given_to_another_site(cli, tmp_path: Path) -> None:
    out = tmp_path / "d"
    assert cli("import", str(A), str(B), "--out", str(out)).exit_code == 0
    before = ids_of(out)
    top = max(before.values())
    # the trial's last site by id closes: its id is the highest, and still never given out again
    last = max(before, key=before.__getitem__)
    locations = json.loads((A if last[0] == A.stem else B).read_text(encoding="utf-8"))[
        "protocolSection"]["contactsLocationsModule"]["locations"]
    index = next(i for i, location in enumerate(locations) if location.get("facility") == last[1])
    source = A if last[0] == A.stem else B
    changed = without_site(source, tmp_path, index)
    other = B if source == A else A
    fewer = cli("import", str(changed), str(other), "--out", str(out), "--json")
    assert fewer.exit_code == 0, fewer.stderr
    assert fewer.json()["removed_ids"] == [top] and fewer.json()["added_ids"] == []
    assert fewer.json()["id_high_water"] == top  # the mark stays where it was
    assert last not in ids_of(out)
    back = cli("import", str(source), str(other), "--out", str(out), "--json")  # it opens again
    assert back.exit_code == 0, back.stderr
    assert back.json()["added_ids"] == [top + 1] and ids_of(out)[last] == top + 1
    assert {key: number for key, number in ids_of(out).items() if key != last} == \
        {key: number for key, number in before.items() if key != last}


def test_replace_removes_the_trials_left_out_and_their_ids_stay_used(cli, tmp_path: Path) -> None:
    out = tmp_path / "d"
    assert cli("import", str(A), str(B), "--out", str(out)).exit_code == 0
    before = ids_of(out)
    run = cli("import", str(A), "--out", str(out), "--replace", "--json")
    assert run.exit_code == 0, run.stderr
    gone = sorted(number for key, number in before.items() if key[0] == B.stem)
    assert run.json()["removed_ids"] == gone
    assert ids_of(out) == {key: number for key, number in before.items() if key[0] == A.stem}
    again = cli("import", str(A), str(B), "--out", str(out), "--json")  # B back: new ids, above the mark
    assert again.exit_code == 0, again.stderr
    assert min(again.json()["added_ids"]) == max(before.values()) + 1


def test_an_update_after_an_import_keeps_the_imports_mark(cli, tmp_path: Path) -> None:
    """The mark an import leaves is the one update numbers above (and the other way round)."""
    from fake_services import FakeServices

    out = tmp_path / "d"
    assert cli("import", str(A), "--out", str(out)).exit_code == 0
    top = max(ids_of(out).values())
    changed = without_site(A, tmp_path, len(json.loads(A.read_text(encoding="utf-8"))[
        "protocolSection"]["contactsLocationsModule"]["locations"]) - 1)
    run = cli("import", str(changed), "--out", str(out), "--json")
    assert run.exit_code == 0 and run.json()["removed_ids"] == [top]
    with FakeServices() as fake:
        fake.studies[A.stem] = json.loads(A.read_text(encoding="utf-8"))  # the site is back in the registry
        update = cli("update", "--sites", str(out / "sites.csv"), "--json", env={"SITEFINDER_CTGOV_URL": fake.url})
    assert update.exit_code == 0, update.stderr
    assert update.json()["added_ids"] == [top + 1]


@pytest.mark.parametrize("lang, words", [("en", ["Site ids", "kept", "added", "removed", "never reused"]),
                                         ("zh", ["研究中心编号", "不变", "新增", "移除", "不再使用"])])
def test_the_summary_says_what_became_of_the_ids(cli, tmp_path: Path, lang: str, words: list[str]) -> None:
    out = tmp_path / "d"
    first = cli("import", str(A), "--out", str(out), "--lang", lang)
    assert first.exit_code == 0 and words[0] not in first.stdout  # a new dataset: nothing kept, nothing said
    before = ids_of(out)
    changed = without_site(A, tmp_path, 0)
    run = cli("import", str(changed), str(B), "--out", str(out), "--lang", lang)
    assert run.exit_code == 0, run.stderr
    line = next(line for line in run.stdout.splitlines() if line.startswith(words[0]))
    kept, added = len(before) - 1, len(ids_of(out)) - (len(before) - 1)
    assert all(word in run.stdout for word in words), run.stdout
    assert str(kept) in line and str(added) in line
    top = max(before.values())
    assert f"{top + 1}–{top + added}" in run.stdout  # the new ids, as a run
    csv_run = cli("import", str(changed), str(B), "--out", str(out), "-f", "csv")
    assert csv_run.exit_code == 0
    cells = dict(row for row in csv.reader(csv_run.stdout.splitlines()))
    assert cells["removed_ids"] == "" and cells["added_ids"] == "" and len(cells["kept_ids"].split("; ")) == len(ids_of(out))


def test_the_numbering_in_plain_calls() -> None:
    """siteids.dataset_ids: the one rule, without files."""
    from conftest import make_site
    from sitefinder.siteids import dataset_ids

    def site(number: int, nct: str, facility: str) -> object:
        return make_site(number, facility, city="Jinan", nct_id=nct, contacts=())

    old = [site(1, "NCT00000002", "X"), site(2, "NCT00000002", "Y"), site(3, "NCT00000001", "Z")]
    new = [site(0, "NCT00000003", "W"), site(0, "NCT00000001", "Z"), site(0, "NCT00000002", "Y"),
           site(0, "NCT00000002", "X")]
    numbered = dataset_ids(old, new, 5)  # a mark above every id left: 4 and 5 were removed before
    by_name = {(s.nct_id, s.facility): s.id for s in numbered.sites}
    assert by_name == {("NCT00000001", "Z"): 3, ("NCT00000002", "Y"): 2, ("NCT00000002", "X"): 1,
                       ("NCT00000003", "W"): 6}
    assert (numbered.kept, numbered.added, numbered.removed, numbered.high_water) == ([1, 2, 3], [6], [], 6)
    # the same site of another trial is another site; a trial gone takes its ids with it
    moved = dataset_ids(old, [site(0, "NCT00000009", "X")], 6)
    assert moved.added == [7] and moved.removed == [1, 2, 3] and moved.high_water == 7
    assert {(s.nct_id, s.facility): s.id for s in dataset_ids(old, list(reversed(new)), 5).sites} == by_name


def test_sites_new_to_a_dataset_are_numbered_without_working_out_their_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """A first import (and a trial new to its dataset) has nothing to match its sites against: they
    are numbered in registry order above the mark, and no site's folded facility, city or people
    are worked out for it (6.5 M instructions of NCT05843643's import). A trial that was there still
    matches by them."""
    from conftest import make_site
    from sitefinder import siteids, text

    folded: list[str] = []
    fold = text.fold
    monkeypatch.setattr(text, "fold", lambda value: (folded.append(value), fold(value))[1])
    new = [make_site(0, name, nct_id="NCT00000003") for name in ("W", "V", "W")]
    numbered = siteids.dataset_ids([], new, 4)
    assert [site.id for site in numbered.sites] == [5, 6, 7] and numbered.added == [5, 6, 7]
    assert [site.facility for site in numbered.sites] == ["W", "V", "W"]
    assert (numbered.kept, numbered.removed, numbered.high_water) == ([], [], 7)
    assert folded == []
    again = siteids.dataset_ids(numbered.sites, list(reversed(new)), 7)
    assert folded and again.kept == [5, 6, 7] and again.added == []


def test_a_dataset_published_meanwhile_is_the_one_numbered_against(cli, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Another import publishing between this one's reading of the dataset and its switch: this one
    numbers again, under the writer lock, against what the other published (its ids are kept)."""
    from sitefinder import datasets

    out = tmp_path / "d"
    assert cli("import", str(A), "--out", str(out)).exit_code == 0
    real, raced = datasets.earlier_dataset, []

    def racing(out_dir: Path) -> datasets.Earlier:
        found = real(out_dir)
        if not raced:
            raced.append(out_dir)
            assert cli("import", str(A), str(B), "--out", str(out)).exit_code == 0  # the other writer
        return found

    monkeypatch.setattr(datasets, "earlier_dataset", racing)
    run = cli("import", str(C), str(B), str(A), "--out", str(out), "--json")
    assert run.exit_code == 0, run.stderr
    assert raced
    published = ids_of(out)
    monkeypatch.undo()
    assert len(run.json()["kept_ids"]) == sum(key[0] != C.stem for key in published)
    assert run.json()["added_ids"] == sorted(number for key, number in published.items() if key[0] == C.stem)


def test_an_update_numbers_new_sites_whatever_the_order_the_trials_were_imported_in(cli, tmp_path: Path) -> None:
    """Two datasets of the same trials imported in other orders (the same ids), each trial with a
    site opened since: the update gives both the same new ids, trial by trial in NCT id order."""
    from fake_services import FakeServices

    grown = {}
    for path in (A, B):
        data = json.loads(path.read_text(encoding="utf-8"))
        locations = data["protocolSection"]["contactsLocationsModule"]["locations"]
        locations.append({**locations[0], "facility": f"New Hospital of {path.stem}", "contacts": []})
        grown[path.stem] = data
    answers = []
    for name, order in (("ab", (A, B)), ("ba", (B, A))):
        assert cli("import", *map(str, order), "--out", str(tmp_path / name)).exit_code == 0
        with FakeServices() as fake:
            fake.studies.update(grown)
            run = cli("update", "--sites", str(tmp_path / name / "sites.csv"), "--json",
                      env={"SITEFINDER_CTGOV_URL": fake.url})
        assert run.exit_code == 0, run.stderr
        answers.append(ids_of(tmp_path / name))
    assert answers[0] == answers[1]
