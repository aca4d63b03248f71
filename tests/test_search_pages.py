"""A saved search page that holds only part of its search says so, and how to get the rest.

Importing `{"studies": [2 studies], "nextPageToken": "abc", "totalCount": 57}` printed "Imported 2
trials" and nothing else: nobody learnt that 55 studies of the search were on other pages. Now a
notice (in the answer's language) and the JSON's `search` say how many the pages hold of how many,
and how to fetch the rest; what the file held is imported, exit 0. The same for every form that
can carry such a page: a file, a folder of them, a zip.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

EXPORT = ROOT / "tests" / "fixtures" / "export"
STUDIES = sorted(EXPORT.glob("NCT*.json"))


def study(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def page(path: Path, studies: list[Path], token: str | None = None, total: int | None = None) -> Path:
    data: dict = {"studies": [study(item) for item in studies]}
    if token is not None:
        data["nextPageToken"] = token
    if total is not None:
        data["totalCount"] = total
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_one_page_of_a_larger_search_is_imported_and_the_rest_said(cli, tmp_path: Path) -> None:
    saved = page(tmp_path / "search.json", STUDIES[:2], token="abc", total=57)
    run = cli("import", str(saved), "--out", str(tmp_path / "d"))
    assert run.exit_code == 0, run.stderr
    assert run.stdout.startswith("Imported 2 trials")
    said = " ".join(run.stderr.split())
    assert "2 of the 57 studies" in said and "55" in said and "not imported" in said
    assert "pageToken=abc" in said and "ctg-studies.json" in said and "--online" in said
    answer = cli("import", str(saved), "--out", str(tmp_path / "d"), "--json")
    assert answer.exit_code == 0
    search = answer.json()["search"]
    assert search == {"complete": False, "total": 57, "studies_given": 2, "missing": 55,
                      "pages": [{"source": str(saved), "studies": 2, "total": 57, "next_page_token": "abc"}]}
    assert answer.json()["trial_count"] == 2
    keys = [notice["key"] for notice in answer.json()["notices"]]
    assert "import.search_partial" in keys


def test_the_notice_is_chinese_under_lang_zh(cli, tmp_path: Path) -> None:
    saved = page(tmp_path / "search.json", STUDIES[:2], token="abc", total=57)
    run = cli("import", str(saved), "--out", str(tmp_path / "d"), "--lang", "zh")
    assert run.exit_code == 0, run.stderr
    said = "".join(run.stderr.split())
    assert "57个研究中的2个" in said and "其余55个" in said and "pageToken=abc" in said
    answer = cli("import", str(saved), "--out", str(tmp_path / "d"), "--json", "--lang", "zh")
    notice = next(item for item in answer.json()["notices"] if item["key"] == "import.search_partial")
    assert "未导入" in notice["text"]


def test_a_page_with_a_token_and_no_count_says_that_more_pages_follow(cli, tmp_path: Path) -> None:
    saved = page(tmp_path / "search.json", STUDIES[:1], token="next-one")
    run = cli("import", str(saved), "--out", str(tmp_path / "d"), "--json")
    assert run.exit_code == 0, run.stderr
    search = run.json()["search"]
    assert search["complete"] is False and search["total"] is None and search["missing"] is None
    assert search["pages"][0]["next_page_token"] == "next-one"
    assert "pageToken=next-one" in " ".join(run.stderr.split())
    assert [item["key"] for item in run.json()["notices"]].count("import.search_more") == 1


def test_the_last_page_alone_is_part_of_its_search_too(cli, tmp_path: Path) -> None:
    saved = page(tmp_path / "last.json", STUDIES[:1], total=40)  # no token: nothing after it, but 39 before
    run = cli("import", str(saved), "--out", str(tmp_path / "d"), "--json")
    assert run.exit_code == 0, run.stderr
    assert run.json()["search"]["missing"] == 39
    said = " ".join(run.stderr.split())
    assert "39" in said and "pageToken=" not in said


def test_every_page_of_a_search_given_together_is_complete_and_says_nothing(cli, tmp_path: Path) -> None:
    half = len(STUDIES) // 2
    first = page(tmp_path / "p1.json", STUDIES[:half], token="t2", total=len(STUDIES))
    last = page(tmp_path / "p2.json", STUDIES[half:])
    run = cli("import", str(first), str(last), "--out", str(tmp_path / "d"), "--json")
    assert run.exit_code == 0, run.stderr
    assert run.json()["search"]["complete"] is True and run.json()["search"]["missing"] == 0
    assert not any(item["key"].startswith("import.search") for item in run.json()["notices"])
    only_first = cli("import", str(first), "--out", str(tmp_path / "e"), "--json")
    assert only_first.json()["search"]["missing"] == len(STUDIES) - half
    # without counts: the page with no token is the last, so the pages given are the whole search
    untold = [page(tmp_path / "u1.json", STUDIES[:half], token="t2"), page(tmp_path / "u2.json", STUDIES[half:])]
    run = cli("import", *map(str, untold), "--out", str(tmp_path / "f"), "--json")
    assert run.json()["search"]["complete"] is True and run.stderr == ""


@pytest.mark.parametrize("name", ["page1.json", "NCT-page.json"])
def test_a_folder_of_saved_pages_imports_them_and_says_what_is_missing(cli, tmp_path: Path, name: str) -> None:
    folder = tmp_path / "pages"
    page(folder / name, STUDIES[:2], token="abc", total=57)
    (folder / "notes.json").write_text('{"what": "my notes"}', encoding="utf-8")  # no page: not a study file
    run = cli("import", str(folder), "--out", str(tmp_path / "d"), "--json")
    assert run.exit_code == 0, run.stderr
    assert run.json()["trial_count"] == 2 and run.json()["skipped"] == []
    assert run.json()["search"]["missing"] == 55
    assert "55" in " ".join(run.stderr.split())


def test_a_zip_of_saved_pages_says_what_is_missing(cli, tmp_path: Path) -> None:
    saved = page(tmp_path / "p.json", STUDIES[:2], token="abc", total=57)
    archive = tmp_path / "pages.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.write(saved, "search/page1.json")
        handle.write(STUDIES[3], f"search/{STUDIES[3].name}")
    run = cli("import", str(archive), "--out", str(tmp_path / "d"), "--json")
    assert run.exit_code == 0, run.stderr
    assert run.json()["trial_count"] == 3 and run.json()["search"]["studies_given"] == 2
    assert run.json()["search"]["pages"][0]["source"].endswith("search/page1.json")


def test_exports_and_study_files_carry_no_search(cli, tmp_path: Path) -> None:
    export = tmp_path / "ctg-studies.json"
    export.write_text(json.dumps([study(path) for path in STUDIES[:2]]), encoding="utf-8")
    for source in (export, STUDIES[2]):
        run = cli("import", str(source), "--out", str(tmp_path / source.stem), "--json")
        assert run.exit_code == 0 and run.json()["search"] is None and run.stderr == ""
    table = cli("import", str(export), "--out", str(tmp_path / "t"), "-f", "csv")
    assert table.exit_code == 0 and "\nsearch,\n" in table.stdout.replace("\r\n", "\n")


def test_search_of_in_plain_calls() -> None:
    from sitefinder.answers import SearchPage
    from sitefinder.bulkimport import search_of

    assert search_of([]) is None
    one = search_of([SearchPage("a.json", 2, 57, "abc")])
    assert one is not None and (one.complete, one.total, one.given, one.missing) == (False, 57, 2, 55)
    both = search_of([SearchPage("a.json", 50, 57, "abc"), SearchPage("b.json", 7, None, None)])
    assert both is not None and both.complete and both.missing == 0
    untold = search_of([SearchPage("a.json", 10, None, "abc")])
    assert untold is not None and not untold.complete and untold.missing is None
