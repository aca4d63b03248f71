"""Every error about a sites file, a trial file or an import is a phrase of the catalogue, so that a
Chinese screen says it in Chinese: "错误：hdr.csv:1: has a header but no sites" and "id 3 is used
again (first on line 4)" were English among rows whose every other error was Chinese.

Two checks of the one class: every bad sites file of test_sites_file's table, read under a Chinese
locale, is said without an English sentence; and every place in the code that makes such an error
gives it a phrase (a key, or a value said with `said`), so that a kind added later cannot be English.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from test_sites_file import BAD_FILES, write
from sitefinder.text import has_cjk

ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}
SOURCE = Path(__file__).resolve().parents[1] / "src" / "sitefinder"
# three English words in a row: a sentence left in English (field names and values are single words)
ENGLISH_SENTENCE = re.compile(r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}")


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_every_bad_sites_file_is_said_in_chinese_under_a_chinese_locale(tmp_path, cli, case: str) -> None:
    path = write(tmp_path, BAD_FILES[case][0])
    run = cli("list", "--sites", str(path), env=ZH)
    assert run.exit_code == 1 and run.stderr.startswith(f"错误：{path}:"), run.stderr
    said = run.stderr.removeprefix(f"错误：{path}")
    assert said.startswith(("：", ":")) and said[1:].lstrip("0123456789").startswith("："), said  # "path:3：…"
    assert has_cjk(said) and not ENGLISH_SENTENCE.search(said), said


def test_a_duplicate_id_and_a_header_only_file_say_their_lines_in_chinese(tmp_path, cli) -> None:
    header = "id,facility,city,province,country,status,latitude,longitude\n"
    row = "{},A,Guangzhou,Guangdong,China,,23.1,113.2\n"
    path = write(tmp_path, header + row.format(3) + row.format(4) + row.format(3))
    assert cli("list", "--sites", str(path), env=ZH).stderr == f"错误：{path}:4：id 3 重复出现（首次在第 2 行）；每个 id 只能用一次\n"
    path = write(tmp_path, header)
    assert cli("list", "--sites", str(path), env=ZH).stderr == f"错误：{path}:1：有表头，但没有任何研究中心\n"


# The errors of data files and imports, and the modules whose ValueErrors become a row's error
# (sitesfile reads contacts' and numbers' reasons into "path:line: …").
DATA_ERRORS = {"DataFileError", "MissingInput", "ImportFailed", "DatasetBusy", "IndexDamaged",
               "StoppedAfterPublishing"}
REASON_MODULES = {"contacts.py", "numbers.py"}


def _made_errors() -> list[tuple[str, ast.Call]]:
    made = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes = {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef) and node.name in DATA_ERRORS}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            is_super = name == "__init__" and isinstance(func, ast.Attribute) and classes \
                and isinstance(func.value, ast.Call) and getattr(func.value.func, "id", "") == "super"
            if name in DATA_ERRORS or is_super or (name == "ValueError" and path.name in REASON_MODULES):
                made.append((f"{path.relative_to(SOURCE)}:{node.lineno}", node))
    return made


MADE = _made_errors()


def test_the_scan_finds_the_errors_it_checks() -> None:
    assert len(MADE) > 50 and any(where.startswith("sitesfile.py") for where, _ in MADE)


@pytest.mark.parametrize("where, call", MADE, ids=[where for where, _ in MADE])
def test_every_data_and_import_error_is_made_with_a_phrase_of_the_catalogue(where: str, call: ast.Call) -> None:
    """A key (`key="data.bad_id"`), or a message that is a phrase (`said(...)`, a variable holding
    one); never English text written where the error is made."""
    if any(keyword.arg == "key" for keyword in call.keywords):
        return
    texts = [arg for arg in call.args if isinstance(arg, ast.JoinedStr)
             or (isinstance(arg, ast.Constant) and isinstance(arg.value, str))]
    assert not texts, f"{where}: {ast.unparse(call)}"


@pytest.mark.parametrize("taken, zh, en", [
    ("sites.csv/", "是一个目录；请将它移走", "is a directory; move it away"),
    (".sitefinder", "不是 sitefinder 的目录", "is not sitefinder's directory"),
])
def test_an_imports_target_taken_is_said_in_chinese(tmp_path, cli, taken: str, zh: str, en: str) -> None:
    from conftest import CTGOV_STUDY

    out = tmp_path / "out"
    out.mkdir()
    if taken.endswith("/"):
        (out / taken.rstrip("/")).mkdir()
    else:
        (out / taken).write_text("mine", encoding="utf-8")
    run = cli("import", str(CTGOV_STUDY), "--out", str(out), env=ZH)
    assert run.exit_code == 1 and zh in run.stderr and en not in run.stderr, run.stderr
    assert en in cli("import", str(CTGOV_STUDY), "--out", str(out)).stderr
