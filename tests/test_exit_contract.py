"""The exit and stderr contract on bad or fruitless input: a malformed value is usage (2), a
well-formed one the data lack is no result (1); an error is one line, and an empty answer whose
notice says why says it once, without a second "No sites match"; a suggested command quotes a
value of several words; the system's reason for a failure is said in the answer's language."""

from __future__ import annotations

import errno
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest


SCRIPT = Path(sys.executable).parent / "sitefinder"


@pytest.mark.parametrize("args, code", [
    (["info", "NCT12345678"], 1), (["info", "nct12345678"], 1), (["info", "NCT1234"], 2),
    (["show", "999"], 1), (["list", "--trial", "NCT12345678"], 1), (["near", "Beijing", "--trial", "NCT12345678"], 1),
    (["list", "--trial", "NCT123"], 2)])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_absent_well_formed_id_is_no_result_and_a_malformed_one_usage(cli, args: list, code: int,
                                                                         lang: str) -> None:
    run = cli(*args, "--lang", lang)
    assert run.exit_code == code, run.stderr
    assert run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
    assert run.stderr.startswith("错误：" if lang == "zh" else "Error: ")
    if "NCT12345678" in args:
        assert ("数据集中没有试验 NCT12345678" if lang == "zh" else "the dataset has no trial NCT12345678") in run.stderr


@pytest.mark.parametrize("args", [["near", "广州", "--condition", "zzz"], ["list", "--province", "内蒙古"],
                                  ["list", "--condition", "zzz"], ["near", "Guangzhou", "--condition", "zzz"],
                                  ["near", "山东", "--condition", "zzz"], ["list", "--province", "Inner Mongolia"]])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_empty_answer_that_says_why_says_it_once(cli, args: list, lang: str) -> None:
    run = cli(*args, "--lang", lang)
    assert run.exit_code == 1 and run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == len(set(lines)), run.stderr  # no notice twice
    assert not [line for line in lines if line in ("No sites match.", "No sites match the filters.",
                                                   "没有符合条件的研究中心。", "没有符合筛选条件的研究中心。")], run.stderr
    if args[1] != "山东":  # 山东 also says it answers from its capital: a second notice, of its own
        assert len(lines) == 1, run.stderr


def test_an_empty_answer_without_a_reason_still_says_it_found_nothing(cli, sites_file) -> None:
    from conftest import make_site

    path = sites_file(make_site(1, latitude=None, longitude=None))
    run = cli("near", "Guangzhou", "--sites", str(path))
    assert run.exit_code == 1 and run.stderr.strip()


@pytest.mark.parametrize("args, suggested", [
    (["list", "--province", "Guangxi", "Zhuang"], ["list", "--province", "Guangxi Zhuang"]),
    (["list", "Jinan", "--province", "Shandong"], ["list", "--city", "Jinan", "--province", "Shandong"]),
    (["near", "广州", "--province", "Guangxi", "Zhuang"], ["near", "广州", "--province", "Guangxi Zhuang"]),
    (["near", "Hong", "Kong", "--limit", "3"], ["near", "Hong Kong", "--limit", "3"]),
])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_suggested_command_keeps_a_value_of_several_words_one_word(cli, args: list, suggested: list,
                                                                     lang: str) -> None:
    """`list --province Guangxi Zhuang` suggested `--city Zhuang --province Guangxi`."""
    run = cli(*args, "--lang", lang)
    assert run.exit_code == 2 and run.stderr.count("\n") == 1, run.stderr
    line = re.search(r"sitefinder [^?？]*?(?=[?？]|$)", run.stderr.strip()).group(0)
    words = shlex.split(line)
    assert words[1:len(suggested) + 1] == suggested, line
    assert cli(*words[1:]).exit_code in (0, 1)  # as typed, it runs


@pytest.mark.parametrize("number", ["ENOSPC", "EACCES", "ENOENT", "EISDIR", "EROFS", "EPIPE", "EDQUOT"])
def test_the_systems_reason_is_said_in_the_answers_language(number: str) -> None:
    from sitefinder.process import os_failure
    from sitefinder.wording import say

    code = getattr(errno, number)
    failure = os_failure(OSError(code, os.strerror(code)))
    chinese = say(failure.key, "zh", **failure.values)
    assert chinese.startswith("无法写出结果：") and not re.search(r"[A-Za-z]", chinese), chinese
    assert os.strerror(code) in say(failure.key, "en", **failure.values)  # English: the system's own words


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_said_in_chinese_for_a_chinese_answer(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        run = subprocess.run([str(SCRIPT), "near", "广州"], cwd=tmp_path, stdout=full, stderr=subprocess.PIPE,
                             text=True, timeout=60)
    assert run.returncode == 1 and run.stderr.count("\n") == 1
    assert run.stderr.startswith("错误：") and "磁盘空间不足" in run.stderr and "No space" not in run.stderr
