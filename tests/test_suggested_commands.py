"""Every command a notice or an error suggests is one to type back as it is: it repeats the option
that chose the data (`--sites PATH`), whichever module made the phrase (China's notices, the
resolver's hints, `show`'s errors), in English and in Chinese, on stderr and in JSON's notices; and
typed back it is understood (no usage error, no "no place called").

A value typed for the wrong option (`list --city 广东`: a province) is a usage error that names the
option to use, in the answer's language, not "no place called 广东 is known" with an English hint."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]

# A command suggested ends where its clause does: at a bracket, a semicolon or a full stop.
SUGGESTED = re.compile(r"sitefinder [^（）()；;。\n]*")
PLACEHOLDERS = ("ID", "NCT_ID", "CITY", "COMMAND", "编号", "城市")  # a pattern shown, not a command to type


@pytest.fixture
def copied(tmp_path: Path) -> Path:
    """The shipped trial, as a dataset of its own somewhere else: hints must name it."""
    folder = tmp_path / "my trial"  # a space: the path is quoted in the command
    folder.mkdir()
    for name in ("sites.csv", "trial.json"):
        shutil.copy(ROOT / "data" / name, folder / name)
    return folder / "sites.csv"


def suggested_commands(text: str) -> list[str]:
    commands = [found.group(0).strip().rstrip(",，:：") for found in SUGGESTED.finditer(text)]
    return [line for line in commands if not any(word in PLACEHOLDERS for word in line.split())]


ASKED = [
    ("near", "吉林"),                     # China: the city, and the province of that name (its list)
    ("list", "--city", "吉林"),
    ("near", "Jilin"),
    ("show", "Hospital"),                 # several sites: give the id
    ("show", "医院"),
    ("show", "Zhifang Yao"),              # the trial's central contact: its info
    ("near", "广东省人民路八号"),          # a province with a street: its sites
    ("list", "--country", "Japan"),       # a filter that empties the answer alone: where the sites are
    ("map", "Japan"),                     # a country is no point to map around: its list
    ("map", "日本"),
    ("near", "东北"),                     # a part of China: one of its provinces to list (an error)
    ("map", "华南"),
    ("show", "Hospita"),                  # a miss: the listing of the data asked
    ("show", "99"),                       # an id no site has
]


@pytest.mark.parametrize("asked", ASKED, ids=" ".join)
def test_every_suggested_command_repeats_the_data_in_use_and_works_typed_back(asked: tuple[str, ...],
                                                                              copied: Path) -> None:
    run = run_cli(*asked, "--sites", str(copied))
    commands = suggested_commands(run.stderr)
    assert commands, run.stderr  # each of these suggests a command to type
    for line in commands:
        assert line.endswith(f"--sites {shlex.quote(str(copied))}"), (line, run.stderr)
        again = run_cli(*shlex.split(line)[1:])
        assert again.exit_code in (0, 1), (line, again.stderr)
        assert "no place called" not in again.stderr and "找不到名为" not in again.stderr, (line, again.stderr)


@pytest.mark.parametrize("asked", [("near", "吉林"), ("near", "广东省人民路八号")], ids=" ".join)
def test_json_notices_suggest_the_same_commands(asked: tuple[str, ...], copied: Path) -> None:
    run = run_cli(*asked, "--sites", str(copied), "--json")
    notices = [notice["text"] if isinstance(notice, dict) else notice for notice in run.json()["notices"]]
    commands = suggested_commands("\n".join(notices))
    assert commands and all(line.endswith(f"--sites {shlex.quote(str(copied))}") for line in commands), notices


def test_a_province_suggested_on_a_chinese_screen_is_named_in_chinese(copied: Path) -> None:
    run = run_cli("near", "吉林", "--sites", str(copied))
    assert "sitefinder list --province 吉林 --sites" in run.stderr, run.stderr


@pytest.mark.parametrize(("city", "option", "value", "lang"), [
    ("广东", "--province", "广东", "zh"),
    ("广东省", "--province", "广东", "zh"),
    ("Guangdong", "--province", "Guangdong", "en"),
    ("Shandong Province", "--province", "Shandong", "en"),
    ("山东省人民路八号", "--province", "山东", "zh"),
    ("Japan", "--country", "Japan", "en"),
    ("日本", "--country", "日本", "zh"),
])
def test_a_region_given_as_a_city_is_a_usage_error_naming_the_option(city: str, option: str, value: str,
                                                                     lang: str, copied: Path) -> None:
    run = run_cli("list", "--city", city, "--sites", str(copied))
    assert run.exit_code == 2, run.stderr
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert "no place called" not in run.stderr and "找不到名为" not in run.stderr, run.stderr
    assert f"sitefinder list {option} {value} --sites {shlex.quote(str(copied))}" in run.stderr, run.stderr
    if lang == "zh":
        prose = SUGGESTED.sub("", run.stderr).replace("--city", "")  # the commands and the option typed aside
        assert not re.search(r"[A-Za-z]{3,}", prose), run.stderr
    else:
        assert not re.search(r"[\u4e00-\u9fff]", run.stderr), run.stderr
    listed = run_cli("list", option, value, "--sites", str(copied))
    assert listed.exit_code in (0, 1) and "Error" not in listed.stderr and "错误" not in listed.stderr, listed.stderr


def test_show_of_a_province_says_how_to_list_its_sites(copied: Path) -> None:
    run = run_cli("show", "广东", "--sites", str(copied))
    assert run.exit_code == 1
    assert f"sitefinder list --province 广东 --sites {shlex.quote(str(copied))}" in run.stderr, run.stderr


@pytest.mark.parametrize("typed", ["--sites={path}", "--sites {path}"])
def test_an_error_suggests_the_data_typed_in_either_form(typed: str, copied: Path) -> None:
    words = typed.format(path=copied).split(" ", 1) if " " in typed else [typed.format(path=copied)]
    run = run_cli("near", "东北", *words)
    assert run.exit_code == 1
    assert suggested_commands(run.stderr) == [f"sitefinder list --province 辽宁 --sites {shlex.quote(str(copied))}"]


@pytest.mark.parametrize(("asked", "lang"), [(("near", "吉林"), "en"), (("near", "Jilin"), "zh"), (("near", "东北"), "en"),
                                             (("show", "Hospital"), "zh"), (("list", "--city", "广东"), "en")])
def test_a_language_asked_for_goes_with_every_suggested_command(asked: tuple[str, ...], lang: str, copied: Path) -> None:
    """`near 吉林 --lang en` suggested `list --province Jilin`: typed back under a Chinese locale, Chinese
    again. --lang, as --sites, is repeated by a command of any kind a notice or an error suggests."""
    run = run_cli(*asked, "--sites", str(copied), "--lang", lang, env={"LANG": "zh_CN.UTF-8" if lang == "en" else "C"})
    commands = suggested_commands(run.stderr)
    assert commands and all(line.endswith(f"--sites {shlex.quote(str(copied))} --lang {lang}") for line in commands), \
        run.stderr
