"""Traditional characters under a Traditional locale (zh_TW: Taiwan's standard; zh_HK, zh_MO: Hong Kong's).

What people read (tables, notices, errors, map files) is converted as OpenCC's s2tw and s2hk convert
it; JSON and CSV stay as the data are. The reference is OpenCC's way over its whole tables
(scripts/build_traditional.OpenCC, checked against the opencc package when it was written), the
subject the shipped, trimmed table (data/traditional.tsv) read by output/traditional.py.
"""

from __future__ import annotations

import re

import sqlite3
import sys

import pytest

from conftest import ROOT, run_cli
from sitefinder.output import streams
from sitefinder.output.traditional import convert
from sitefinder.process import answer_script
from sitefinder.wording import chosen_script, traditional_script

sys.path.insert(0, str(ROOT / "scripts"))
import build_traditional  # noqa: E402

VARIANTS = {"zh_TW.UTF-8": "tw", "zh_HK.UTF-8": "hk"}


@pytest.fixture(scope="module")
def opencc() -> build_traditional.OpenCC:
    """OpenCC's conversion, over its whole tables."""
    return build_traditional.OpenCC()


@pytest.fixture(scope="module")
def kept(opencc) -> list[str]:
    return build_traditional.kept_names(opencc)


@pytest.fixture(scope="module")
def reference(kept) -> build_traditional.OpenCC:
    """OpenCC's conversion, the names of Hong Kong, Macau and Taiwan in their own script kept as written."""
    return build_traditional.OpenCC(kept=kept)


@pytest.fixture(scope="module")
def simplified_only(opencc) -> dict[str, frozenset[str]]:
    """By region: the characters its Traditional text never writes (STCharacters gives them no form of
    themselves, and the region's variants do not bring them back: 温 is Hong Kong's own)."""
    forms = build_traditional.all_forms("STCharacters")
    return {variant: build_traditional.simplified_only(forms, [opencc.variants[variant]]) for variant in ("tw", "hk")}


def left_simplified(text: str, simple: frozenset[str]) -> str:
    """The characters of `text` that no Traditional text of the region writes."""
    return "".join(sorted(set(text) & simple))


# ---------------------------------------------------------------- which locale asks for which characters

@pytest.mark.parametrize("name, expected", [
    ("zh_TW.UTF-8", "tw"), ("zh_TW", "tw"), ("zh_TW.Big5", "tw"), ("zh-TW", "tw"), ("zh_Hant", "tw"),
    ("zh-Hant-TW", "tw"), ("zh_Hant_TW.UTF-8", "tw"), ("ZH_tw.utf8", "tw"),
    ("zh_HK.UTF-8", "hk"), ("zh_HK.big5hkscs", "hk"), ("zh_MO.UTF-8", "hk"), ("zh-Hant-HK", "hk"), ("zh_Hant_MO", "hk"),
    ("zh_CN.UTF-8", None), ("zh_SG.UTF-8", None), ("zh", None), ("zh-Hans", None), ("zh_Hans_HK", None),
    ("en_US.UTF-8", None), ("en_HK.UTF-8", None), ("", None), ("C.UTF-8", None),
])
def test_a_locale_name_says_which_traditional_characters(name: str, expected: str | None) -> None:
    assert traditional_script(name) == expected


@pytest.mark.parametrize("asked, environ, expected", [
    (None, {"LANG": "zh_TW.UTF-8"}, "tw"),
    (None, {"LANG": "zh_MO.UTF-8"}, "hk"),
    (None, {"LANGUAGE": "zh_TW:zh_CN", "LANG": "en_US.UTF-8"}, "tw"),  # GNU's list, first entry
    (None, {"LANGUAGE": "zh_TW", "LANG": "C.UTF-8"}, None),             # ignored in the C locale
    (None, {"LC_ALL": "zh_HK.UTF-8", "LANG": "zh_CN.UTF-8"}, "hk"),
    (None, {"LC_ALL": "zh_CN.UTF-8", "LANG": "zh_TW.UTF-8"}, None),
    (None, {"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "tw"),  # messages are what we print
    ("zh", {"LANG": "zh_TW.UTF-8"}, "tw"),                              # Chinese, in the locale's characters
    ("zh", {"LANG": "en_US.UTF-8"}, None),
    ("zh-CN", {"LANG": "zh_TW.UTF-8"}, None),                           # Simplified asked for
    ("en", {"LANG": "zh_TW.UTF-8"}, "tw"),                              # English words; a Chinese name among them
    ("en", {"LANG": "en_US.UTF-8"}, None),
    ("zh-TW", {"LANG": "C.UTF-8"}, "tw"),
    ("zh-HK", {"LANG": "zh_TW.UTF-8"}, "hk"),
])
def test_lang_before_the_locale(asked: str | None, environ: dict[str, str], expected: str | None) -> None:
    assert chosen_script(asked, environ) == expected


@pytest.mark.parametrize("words, expected", [
    (["near", "Guangzhou", "--lang", "zh-tw"], "tw"), (["near", "Guangzhou", "--lang=ZH-HK"], "hk"),
    (["near", "Guangzhou", "--lang", "zh-TW", "--lang", "zh-CN"], None), (["show", "--", "--lang", "zh-TW"], None),
])
def test_the_boundary_reads_lang_from_the_words(words: list[str], expected: str | None) -> None:
    assert answer_script(words, {"LANG": "C.UTF-8"}) == expected


# ---------------------------------------------------------------- the table converts as OpenCC does

def corpus() -> list[str]:
    return build_traditional.corpus()


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return corpus()


@pytest.mark.parametrize("variant", ["tw", "hk"])
def test_every_chinese_text_sitefinder_shows_converts_as_opencc_does(texts: list[str], reference,
                                                                     variant: str) -> None:
    """Every phrase of the catalogue and of China's notices, every division of China, every Chinese
    place name of the gazetteer and every facility's name: the trimmed table gives OpenCC's text,
    over its whole tables (names of Hong Kong, Macau and Taiwan in their own script kept: see below)."""
    wrong = [(text, convert(text, variant), reference.convert(text, variant)) for text in texts
             if convert(text, variant) != reference.convert(text, variant)]
    assert not wrong, f"{len(wrong)} differ (rebuild: python scripts/build_traditional.py): {wrong[:5]}"
    assert len(texts) > 15_000


def test_every_prefecture_of_china_reads_as_s2tw_and_s2hk(opencc) -> None:
    """Mainland prefectures by phrase, not by character: 台州 stays 台州 where 台 alone is 臺. Read
    from the gazetteer's divisions, not a list, against OpenCC alone; the phrases must matter for
    some (else this proves nothing)."""
    with sqlite3.connect(ROOT / "data" / "gazetteer.sqlite") as db:
        names = [row[0] for row in db.execute("SELECT name FROM cn_division WHERE level = 'prefecture' "
                                              f"AND province NOT IN {build_traditional.OWN_SCRIPT}")]
    assert len(names) > 300
    for variant in ("tw", "hk"):
        assert [convert(name, variant) for name in names] == [opencc.convert(name, variant) for name in names]
    by_characters = [name for name in names if build_traditional.by_characters(opencc, name, "tw") != opencc.convert(name, "tw")]
    assert "台州市" in by_characters, by_characters


def test_ambiguous_characters_follow_their_phrase(opencc) -> None:
    """发 is 發 or 髮, 后 後 or 后, 台 臺 or 台: which, the phrase says (OpenCC's answers, not ours)."""
    for text in ("头发", "发现", "以后", "皇后", "台湾", "天台", "台州", "干部", "乾坤", "里面", "公里"):
        assert convert(text, "tw") == opencc.convert(text, "tw")
    assert len({convert(text, "tw")[-1] for text in ("头发", "发现")}) == 2


@pytest.mark.parametrize("variant", ["tw", "hk"])
def test_the_catalogue_leaves_no_simplified_character(simplified_only, variant: str) -> None:
    """Every Chinese string of the code (wording's catalogue, views', China's notices), converted: no
    character is left that only Simplified text writes. The same check finds hundreds unconverted."""
    code = build_traditional.code_texts()
    simple = simplified_only[variant]
    assert sum(bool(left_simplified(text, simple)) for text in code) > 300  # the check can fail
    left = {text: left_simplified(convert(text, variant), simple) for text in code}
    assert not {text: chars for text, chars in left.items() if chars}


def test_names_of_hong_kong_macau_and_taiwan_are_shown_as_written(opencc, simplified_only) -> None:
    """Already in their own script: 東涌 is not made 東湧, nor 臺北 Hong Kong's 台北. A name GeoNames mixes
    (銅鑼湾) has a Simplified-only character and is converted like any text."""
    with sqlite3.connect(ROOT / "data" / "gazetteer.sqlite") as db:
        names = {row[0] for row in db.execute("SELECT zh FROM place WHERE country IN ('HK', 'MO', 'TW') AND zh != ''")}
        names |= {row[0] for row in db.execute(f"SELECT name FROM cn_division WHERE province IN "
                                               f"{build_traditional.OWN_SCRIPT}")}
    either = simplified_only["tw"] & simplified_only["hk"]
    written = {name for name in names if not set(name) & either}
    changed = {name for name in written if any(opencc.convert(name, variant) != name for variant in ("tw", "hk"))}
    assert len(changed) > 10  # OpenCC alone would change these
    for variant in ("tw", "hk"):
        assert [name for name in written if convert(name, variant) != name] == []
        assert not [name for name in names - written if left_simplified(convert(name, variant), either)]


def test_text_around_a_kept_name_is_still_converted() -> None:
    assert convert("臺北没有该试验的研究中心", "hk") == "臺北" + convert("没有该试验的研究中心", "hk")


@pytest.mark.rebuild
def test_the_shipped_table_is_what_the_build_makes() -> None:
    assert build_traditional.build() == (ROOT / "data" / "traditional.tsv").read_text(encoding="utf-8")


# ---------------------------------------------------------------- through the CLI

COMMANDS = [["near", "广州", "--limit", "3"], ["near", "Guangzhou", "--limit", "3"], ["list", "--province", "广东"],
            ["show", "7"], ["info"], ["map", "广州", "--limit", "3"], ["near", "山东"]]


def _without_typed_in_commands(text: str, typed: list[str]) -> str:
    """`text` less the person's own Chinese words inside the commands it suggests, which stay as
    typed (streams.for_people: pasted, `sitefinder list --province 山东` answers what 山东 did)."""
    words = [word for word in typed if not word.isascii()]
    return re.sub(r"sitefinder(?: [^\s，。；：、）)」]+)+",
                  lambda found: " ".join(part for part in found.group(0).split(" ") if part not in words), text)


@pytest.mark.parametrize("locale", VARIANTS)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_reads_in_traditional_characters(command: list[str], locale: str, simplified_only) -> None:
    run = run_cli(*command, env={"LANG": locale})
    simplified = run_cli(*command, env={"LANG": "zh_CN.UTF-8"})
    simple = simplified_only[VARIANTS[locale]]
    assert run.exit_code == simplified.exit_code == 0, run.stderr
    assert left_simplified(simplified.stdout + simplified.stderr, simple)  # there was something to convert
    assert left_simplified(_without_typed_in_commands(run.stdout + run.stderr, command), simple) == ""
    # Hong Kong's: the same words in other characters (OpenCC's are one for one), wrapped alike, lines
    # of the same lengths; Taiwan's has words of its own (電子郵件 for 郵箱), one line as the other
    for converted, written in ((run.stdout, simplified.stdout), (run.stderr, simplified.stderr)):
        if VARIANTS[locale] == "hk":
            assert [len(line) for line in converted.split("\n")] == [len(line) for line in written.split("\n")]
        else:
            assert len(converted.split("\n")) == len(written.split("\n"))


@pytest.mark.parametrize("locale", VARIANTS)
def test_the_region_standard_is_its_own(locale: str, opencc) -> None:
    """溫州 in Taiwan, 温州 in Hong Kong: each region's variants, as OpenCC's s2tw and s2hk."""
    run = run_cli("near", "温州", "--limit", "1", env={"LANG": locale})
    assert run.exit_code == 0, run.stderr
    assert opencc.convert("温州医科大学", VARIANTS[locale]) in run.stdout


@pytest.mark.parametrize("locale", VARIANTS)
@pytest.mark.parametrize("command, code", [(["near", "广洲"], 1), (["near", "Guangzhou", "--limit", "0"], 2),
                                           (["show", "999"], 1), (["near", "--nope"], 2)])
def test_errors_are_in_traditional_characters(command: list[str], code: int, locale: str, opencc,
                                              simplified_only) -> None:
    run = run_cli(*command, env={"LANG": locale})
    simplified = run_cli(*command, env={"LANG": "zh_CN.UTF-8"})
    assert run.exit_code == simplified.exit_code == code and run.stdout == ""
    simple = simplified_only[VARIANTS[locale]]
    assert run.stderr.startswith(opencc.convert("错误：", VARIANTS[locale])) and run.stderr.count("\n") == 1
    assert left_simplified(simplified.stderr, simple) and not left_simplified(run.stderr, simple)


def test_lang_asks_for_the_characters_too(opencc) -> None:
    def asked(lang: str, env: dict[str, str]) -> str:  # its suggested commands repeat --lang, as typed
        return " ".join(run_cli("show", "7", "--lang", lang, env=env).stdout.replace(f" --lang {lang}", "").split())

    def shown(env: dict[str, str] | None = None) -> str:  # the same words, whatever the lines they wrap to
        return " ".join(run_cli("show", "7", env=env).stdout.split())

    taiwan = run_cli("show", "7", "--lang", "zh-TW").stdout
    assert opencc.convert("联系电话", "tw") in taiwan
    assert asked("zh-CN", {"LANG": "zh_TW.UTF-8"}) == shown({"LANG": "zh_CN.UTF-8"})
    assert asked("zh", {"LANG": "zh_HK.UTF-8"}) == shown({"LANG": "zh_HK.UTF-8"})
    assert asked("en", {"LANG": "zh_TW.UTF-8"}) == shown()
    # English words, and a Chinese name shown back among them in the locale's characters
    english = run_cli("near", "广洲", "--lang", "en", env={"LANG": "zh_TW.UTF-8"})
    assert english.exit_code == 1 and english.stderr.startswith("Error: ") and "廣洲" in english.stderr


@pytest.mark.parametrize("command", [["near", "广州", "--json"], ["list", "--province", "广东", "--json"],
                                     ["show", "7", "--json"], ["map", "广州", "--json"],
                                     ["list", "--format", "csv", "--lang", "zh"], ["info", "--json"]], ids=" ".join)
def test_json_and_csv_stay_as_the_data_are(command: list[str]) -> None:
    """For scripts: the official names (name_zh, city_zh) as the gazetteer writes them, in every locale,
    as their words are the same in every language; the notices on stderr are for people."""
    runs = [run_cli(*command, env={"LANG": locale}) for locale in ("zh_CN.UTF-8", *VARIANTS)]
    assert runs[0].exit_code == 0, runs[0].stderr
    assert ("广" in runs[0].stdout) is (command[0] != "info")  # info's JSON holds no Chinese name
    assert all(run.stdout == runs[0].stdout for run in runs)


def test_a_map_file_is_in_traditional_characters(tmp_path, simplified_only) -> None:
    out = tmp_path / "map.html"
    run = run_cli("map", "广州", "--out", str(out), env={"LANG": "zh_TW.UTF-8"})
    assert run.exit_code == 0, run.stderr
    page = out.read_text(encoding="utf-8")
    assert '<html lang="zh-Hant-TW">' in page and "廣州" in page
    assert not left_simplified(page + run.stderr, simplified_only["tw"])


def test_the_choice_ends_with_the_run() -> None:
    """A run under zh_TW leaves the next (and any caller in the same process) as it found it."""
    assert run_cli("show", "7", env={"LANG": "zh_TW.UTF-8"}).exit_code == 0
    assert streams.shown_in() is None
    assert streams.for_people("联系电话") == "联系电话"


# Mainland words whose Taiwan word is another (OpenCC's TWPhrases), as s2t alone leaves them
MAINLAND_WORDS = ("聯繫", "郵箱", "數據", "運行")


def test_taiwan_reads_its_own_words_not_the_mainlands() -> None:
    """聯繫, 郵箱, 數據, 運行 are the mainland's words in Traditional characters: Taiwan writes 聯絡,
    電子郵件, 資料, 執行 (OpenCC's TWPhrases, as its s2twp); Hong Kong's standard keeps them (s2hk)."""
    taiwan = run_cli("near", "台北", env={"LANG": "zh_TW.UTF-8"})
    assert taiwan.exit_code == 0, taiwan.stderr
    shown = taiwan.stdout + taiwan.stderr
    assert [word for word in MAINLAND_WORDS if word in shown] == []
    assert [word for word in ("聯絡", "電子郵件", "資料", "執行") if word not in shown] == []
    hong_kong = run_cli("near", "台北", env={"LANG": "zh_HK.UTF-8"})
    assert "聯繫" in hong_kong.stdout + hong_kong.stderr


def test_taiwan_words_are_only_our_own_wordings() -> None:
    """TWPhrases has 1,000 entries, place names among them (悉尼 is 雪梨 there): only those the
    catalogue's words hold are applied, so that no facility's or place's name is rewritten."""
    phrases = build_traditional.OpenCC().region_phrases["tw"]
    assert {"聯繫", "郵箱", "數據", "運行"} <= set(phrases)
    assert "悉尼" not in phrases and len(phrases) < 100
