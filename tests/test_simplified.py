"""Simplified characters for every place where Simplified is asked for (zh, zh-CN, zh-Hans), Taiwan's,
Hong Kong's and Macau's included; Traditional where it is (zh-TW, zh-Hant, zh-HK). Failed before its fix:
zh-CN showed 臺灣臺北, 臺灣花蓮縣, 澳門."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from sitefinder.queries import open_gazetteer
from sitefinder.text import has_cjk

TRADITIONAL_ONLY = frozenset(char for char, forms in open_gazetteer().rows("SELECT char, simple FROM simplified")
                             if char not in forms.split())
# How Simplified or Traditional is asked for: --lang, else the locale (zh_Hans, zh_Hant: the script's tags).
SIMPLIFIED = [(("--lang", "zh"), {}), (("--lang", "zh-CN"), {}), (("--lang", "zh-cn"), {}),
              ((), {"LANG": "zh_CN.UTF-8"}), ((), {"LANG": "zh_Hans.UTF-8"}), ((), {"LANG": "zh_SG.UTF-8"}),
              (("--lang", "zh-CN"), {"LANG": "zh_TW.UTF-8"})]
TRADITIONAL = [(("--lang", "zh-TW"), {}), (("--lang", "zh-tw"), {}), (("--lang", "zh-HK"), {}),
               ((), {"LANG": "zh_TW.UTF-8"}), ((), {"LANG": "zh_Hant.UTF-8"}), ((), {"LANG": "zh_HK.UTF-8"}),
               (("--lang", "zh"), {"LANG": "zh_TW.UTF-8"})]
PLACES = [("台北", "台湾台北", "臺灣臺北"), ("臺北市", "台湾台北", "臺灣臺北"), ("花蓮", "台湾花莲县", "臺灣花蓮縣"),
          ("Hualien", "台湾花莲县", "臺灣花蓮縣"), ("高雄", "台湾高雄", "臺灣高雄"), ("Taichung", "台湾台中", "臺灣臺中"),
          ("澳門", "澳门", "澳門"), ("九龍", "香港九龙", "香港九龍"), ("Kowloon", "香港九龙", "香港九龍")]


def _title(run) -> str:
    assert run.exit_code == 0, run.stderr
    return run.stdout.splitlines()[0]


@pytest.mark.parametrize("query, simplified, traditional", PLACES)
@pytest.mark.parametrize("lang, env", SIMPLIFIED)
def test_simplified_is_asked_for_every_place(query: str, simplified: str, traditional: str, lang: tuple[str, ...],
                                             env: dict[str, str]) -> None:
    title = _title(run_cli("near", query, *lang, "--limit", "1", env=env))
    assert title.startswith(f"离 {simplified} "), title
    assert not set(title) & TRADITIONAL_ONLY, title


@pytest.mark.parametrize("query, simplified, traditional", PLACES)
@pytest.mark.parametrize("lang, env", TRADITIONAL)
def test_traditional_where_it_is_asked_for(query: str, simplified: str, traditional: str, lang: tuple[str, ...],
                                           env: dict[str, str]) -> None:
    title = _title(run_cli("near", query, *lang, "--limit", "1", env=env))
    assert title.startswith(f"離 {traditional} "), title


@pytest.mark.parametrize("args", [["near", "花蓮"], ["near", "花蓮", "--by", "hospital"], ["map", "花蓮"],
                                  ["near", "臺北", "--within", "1"], ["map", "九龍"], ["list", "--city", "臺北"],
                                  ["near", "臺灣"], ["near", "澳門"]])
@pytest.mark.parametrize("lang, env", SIMPLIFIED[:4])
def test_every_view_says_taiwans_places_in_simplified(args: list[str], lang: tuple[str, ...],
                                                      env: dict[str, str]) -> None:
    import re

    run = run_cli(*args, *lang, env=env)
    shown = run.stdout + run.stderr
    assert any(map(has_cjk, shown)), shown  # Chinese words to check, an answer's or a notice's
    # a command suggested keeps the words typed into it as typed (pasted, it answers the same place:
    # test_a_suggested_command_keeps_the_characters_it_was_typed_in); all else is Simplified
    typed = [word for word in args if has_cjk(word)]
    prose = re.sub(r"sitefinder [a-z]+ (" + "|".join(map(re.escape, typed)) + ")", "", shown)
    assert not set(prose) & TRADITIONAL_ONLY, shown


def test_json_keeps_the_names_as_the_data_write_them() -> None:
    run = run_cli("near", "台北", "--lang", "zh-CN", "--json", "--limit", "1")
    assert run.exit_code == 0, run.stderr
    assert run.json()["origin"]["province_zh"] == "臺灣"  # data for scripts: the gazetteer's own name


def test_the_shipped_table_is_what_its_script_builds() -> None:
    import importlib.util

    import sys

    root = Path(__file__).resolve().parents[1]
    if str(root / "scripts") not in sys.path:  # the script imports its neighbours (build_china), as run from there
        sys.path.insert(0, str(root / "scripts"))
    spec = importlib.util.spec_from_file_location("build_simplified", root / "scripts" / "build_simplified.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == (root / "data" / "simplified.tsv").read_text(encoding="utf-8")


def test_the_table_converts_as_the_gazetteers_reading_of_queries() -> None:
    """The same OpenCC table china.py reads Traditional queries by: every character it changes alone."""
    from sitefinder.output.simplified import simplified

    for char, forms in open_gazetteer().rows("SELECT char, simple FROM simplified"):
        assert simplified(char) == (char if char in forms.split() else forms.split()[0]), char


@pytest.mark.parametrize("typed, locale", [("九龍", "zh_CN.UTF-8"), ("九龙", "zh_TW.UTF-8"), ("臺北", "zh_CN.UTF-8")])
def test_a_suggested_command_keeps_the_characters_it_was_typed_in(typed: str, locale: str) -> None:
    """`list --city 九龍` suggested `sitefinder near 九龙` on a Simplified screen: pasted, that is
    Sichuan's county, not Kowloon. The prose around it is converted; the command never is."""
    run = run_cli("list", "--city", typed, env={"LANG": locale, "LC_ALL": "", "LANGUAGE": ""})
    line = next(line for line in run.stderr.splitlines() if "sitefinder near" in line)
    assert f"sitefinder near {typed}" in line, line
    asked = run_cli("near", typed, "--json", env={"LANG": locale, "LC_ALL": "", "LANGUAGE": ""})
    direct = run_cli("list", "--city", typed, "--json", env={"LANG": locale, "LC_ALL": "", "LANGUAGE": ""})
    assert asked.exit_code == 0 and direct.json()["city_read"]["latitude"] == asked.json()["origin"]["latitude"]
