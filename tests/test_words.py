"""Every sentence a person reads is in the catalogue in English and Chinese, and the answer's
language chooses it (issue #20): a patient whose terminal says zh_CN.UTF-8, or who types Chinese,
reads Chinese in errors, usage errors, notices and footers too, not only in the tables.

The English of each message is pinned by the golden files and screens; here each class of
message moved into the catalogue is run under a Chinese locale, and the Chinese words must appear
and the English sentence must not.
"""

from __future__ import annotations

import string

import pytest

from sitefinder.errors import DataFileError, PlaceNotFound, UsageError
from sitefinder.process import answer_language
from sitefinder.wording import MESSAGES, said, say, spoken
from tests.conftest import make_site, run_cli

ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}


def chinese(text: str) -> bool:
    """A Chinese character, or Chinese punctuation (（）、：。“”) or a full-width form."""
    return any("\u4e00" <= char <= "\u9fff" or "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef"
               for char in text)


def fields(text: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_phrase_has_both_languages_and_its_chinese_is_chinese(key: str) -> None:
    phrases = MESSAGES[key]
    assert set(phrases) == {"en", "zh"}, key
    assert phrases["en"].strip() and phrases["zh"].strip(), key
    if key == "name.either":  # a name's own form in each language (呼和浩特, Hohhot): no words of ours
        assert fields(phrases["zh"]) == {"zh"} and fields(phrases["en"]) == {"en"}
        return
    assert chinese(phrases["zh"]) and phrases["zh"] != phrases["en"], (key, phrases["zh"])
    # the Chinese never needs a value the English is not given (the same call fills both)
    assert fields(phrases["zh"]) <= fields(phrases["en"]) | {"s"}, key


def test_a_phrase_inside_a_phrase_is_said_in_the_outer_ones_language() -> None:
    hint = said("hint.country")
    assert hint == "that is a country: give a city in it"  # as text, its English (for the core's callers)
    assert say("error.hint", "zh", hint=hint) == "（这是一个国家：请给出其中的城市）"
    assert spoken(hint, "zh") == "这是一个国家：请给出其中的城市" and spoken("plain text", "zh") == "plain text"
    assert say("usage.province_meant", "zh", names=("山东", "Shandong")) == "您是否要找 山东 或 Shandong？"


def test_an_error_of_the_core_is_english_as_text_and_chinese_in_its_words() -> None:
    error = UsageError(key="usage.limit", limit=0)
    assert str(error) == "--limit must be 1 or more, not 0"
    assert error.words("zh") == "--limit 须为 1 或以上，而不是 0" and error.words("en") == str(error)
    bad_row = DataFileError("x.csv", line=3, key="data.field_empty", name="facility")
    assert str(bad_row) == "x.csv:3: facility is empty" and bad_row.words("zh") == "x.csv:3：facility 为空"
    assert UsageError("plain").words("zh") == "plain"  # a message without a phrase stays as it is
    # a place not found keeps the language the core chose for it (--lang en stays English)
    assert PlaceNotFound("广洲", lang="en").words("zh").startswith("no place called")


@pytest.mark.parametrize("words, environ, expected", [
    (["near", "Guangzhou"], {"LANG": "C.UTF-8"}, "en"),
    (["near", "Guangzhou"], ZH, "zh"),                                         # the locale
    (["near", "广州"], {"LANG": "en_US.UTF-8"}, "zh"),                          # the script typed
    (["near", "广州", "--lang", "en"], ZH, "en"),                               # --lang first
    (["near", "Guangzhou", "--lang=zh"], {"LANG": "C.UTF-8"}, "zh"),
    (["show", "--", "--lang", "zh"], {"LANG": "C.UTF-8"}, "en"),               # after --: an argument
])
def test_the_boundary_chooses_the_language_by_the_one_rule(words, environ, expected) -> None:
    assert answer_language(words, environ) == expected


def error_line(run) -> str:
    assert run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
    assert run.stderr.startswith("错误："), run.stderr
    return run.stderr


# (command line, Chinese words that must appear, the English sentence that must not)
USAGE_ERRORS = [
    (["near", "Guangzhou", "--limit", "0"], "须为 1 或以上", "must be 1 or more"),
    (["near", "Guangzhou", "--within", "-5"], "须为大于 0 的公里数", "must be a distance"),
    (["near", "Guangzhou", "--within", "abc"], "需要一个数字", "takes a number"),
    (["near", "Guangzhou", "--limit", "2.5"], "需要一个整数", "takes a whole number"),
    (["near", "Guangzhou", "--by", "city"], "只能是以下之一", "takes one of"),
    (["near", "Guangzhou", "--limt", "3"], "没有选项 --limt", "no option"),
    (["nearby", "Guangzhou"], "没有 nearby 这个命令；您是否要找 near", "No such command"),  # Click's, said in Chinese
    (["near"], "缺少参数 PLACE", "Missing argument"),
    (["Guangzhou"], "没有命令 'Guangzhou'；您是否要运行：sitefinder near Guangzhou", "there is no command"),
    (["807"], "您是否要运行：sitefinder show 807", "did you mean: sitefinder show 807"),  # an id is a site to show
    (["Site#7"], "您是否要运行：sitefinder show 7", "did you mean: sitefinder show 7"),
    (["help"], "查看帮助", "for help"),
    (["near", "Guangzhou", "--json", "--format", "csv"], "相互矛盾", "disagree"),
    (["list", "--bom"], "仅用于 CSV", "is for CSV"),
    (["map", "Guangzhou", "--format", "csv"], "地图只能以表格", "a map is drawn"),
    (["map", "Guangzhou", "--out", "map.png"], "地图文件名须以 .svg 或 .html 结尾", "a map file ends in"),
    (["map", "China"], "是一个国家：请给出城市或坐标", "give a city or coordinates"),
    (["list", "--status", "recruting"], "未知的状态 'recruting'；您是否要找", "unknown status"),
    (["list", "--province", "Shandog"], "未知的省份 'Shandog'；您是否要找 Shandong", "unknown province"),
    (["near", "Guangzhou", "--trial", "NCT123"], "不是 NCT 编号", "is not an NCT id"),
    (["near", "Guangzhou", "--condition", "!!"], "需要给出词语", "needs some words"),
    (["near", "91,200"], "纬度 91 超出范围", "out of range"),
    (["near", " "], "地点为空", "the place is empty"),
    (["show", " "], "请给出研究中心编号", "give a site id"),
    (["show", "x" * 300], "请给出研究中心编号（sitefinder show 7）", "give a site's id (sitefinder show 7)"),
    (["show", "Beijing"], "与 3 个研究中心匹配", "matches 3 sites"),
    (["import", "study.json", "--out", "x", "--country", "Atlantis"], "未知的国家或地区 'Atlantis'", "unknown country"),
    (["update", "NCT123"], "不是 NCT 编号", "is not an NCT id"),
]


@pytest.mark.parametrize("args, zh, en", USAGE_ERRORS, ids=[" ".join(case[0]) for case in USAGE_ERRORS])
def test_usage_errors_of_our_own_are_said_in_chinese_under_a_chinese_locale(args, zh: str, en: str) -> None:
    run = run_cli(*args, env=ZH)
    assert run.exit_code == 2
    if zh == "Usage":  # Click's "No such command": its words, our prefix and where the help is
        assert "No such command" in run.stderr and "（参见：sitefinder --help）" in error_line(run)
        return
    line = error_line(run)
    assert zh in line and en not in line, line
    english = run_cli(*args)  # the same line in a C locale: English, as before
    assert english.exit_code == 2 and english.stderr.startswith("Error: ") and en in english.stderr


@pytest.mark.parametrize("args, zh, en, code", [
    (["show", "9999"], "没有编号为 9999 的研究中心；编号从 1 到 42", "no site has id", 1),
    (["show", "12.5"], "编号是整数", "an id is a whole number", 1),
    (["show", "Atlantis Clinic"], "没有医院名称、城市、联系人、电话或邮箱与 'Atlantis Clinic' 匹配的研究中心", "no site matches", 1),
    (["near", "Guangzou"], "找不到名为 'Guangzou' 的地点", "no place called", 1),
    (["near", "Chang"], "这只是中文地名中的一个音节", "one syllable", 1),
    (["near", "Agincourt"], "您是否要找", "did you mean", 2),  # asked back: a usage error
    (["near", "EU"], "EU 是欧盟，不是一个地点", "the European Union", 1),
])
def test_no_result_errors_are_said_in_chinese(args, zh: str, en: str, code: int) -> None:
    run = run_cli(*args, env=ZH)
    assert run.exit_code == code, run.stderr
    line = error_line(run)
    assert zh in line and en not in line, line


def test_a_sites_file_with_a_bad_row_or_missing_is_said_in_chinese(tmp_path) -> None:
    bad = tmp_path / "sites.csv"
    bad.write_text("id,facility,city,province,country,status,latitude,longitude\n"
                   "1,A,Guangzhou,Guangdong,China,,23.1,113.2\n2,B,X,,China,,abc,113\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()  # a directory without a sites file (one with one is read: test_sites_file)
    for args, zh, en, code in (
            (["near", "Guangzhou", "--sites", str(bad)], f"{bad}:3：latitude 的值 'abc' 不是数字", "is not a number", 1),
            (["list", "--sites", str(tmp_path / "none.csv")], "没有这个文件；请给出研究中心 CSV 文件的路径", "no such file", 2),
            (["info", "--sites", str(tmp_path / "empty")], "是一个目录", "is a directory", 2)):
        run = run_cli(*args, env=ZH)
        assert run.exit_code == code, run.stderr
        line = error_line(run)
        assert zh in line and en not in line, line
    bad.write_text("id,facility,city,province,country,status,latitude,longitude,contacts\n"
                   '1,A,Guangzhou,Guangdong,China,,23.1,113.2,"[{""role"": ""PRIMARY""}]"\n', encoding="utf-8")
    line = error_line(run_cli("list", "--sites", str(bad), env=ZH))
    assert '每个联系人都需要 "name"' in line and "each contact needs" not in line


@pytest.mark.parametrize("query, zh, en", [
    ("Batang", "也是 四川甘孜藏族自治州巴塘县", "is also the name of"),                             # a namesake abroad
    ("Flushing, NY", "是邮政地名，不在离线地名库中", "is a postal town"),           # a postal locality abroad
    ("Vällingby", "是邮政地名", "is a postal town"),
    ("Gangnam-gu, Seoul", "离线地名库中没有 Gangnam-gu：使用 Seoul 的主要城市 首尔（韩国", "is not in the offline gazetteer"),
    ("Xyzzy, Milano", "使用 Milano 的主要城市 米兰（意大利", "is not in the offline gazetteer"),  # named in Chinese
    ("Beijing Cancer Hospital", "是研究中心 1 的医院：从该医院起测量距离", "measuring from it"),
    ("Gannan", "研究中心 23 的 Gannan 是 江西赣州", "for the site's city"),
    ("Ii", "名称正好是它的地点", "a place of exactly that name"),                   # a two-letter name abroad
    ("1600 Pennsylvania Ave NW, Washington, DC 20500", "按地址读取", "read as an address"),
])
def test_notices_of_places_abroad_and_namesakes_are_said_in_chinese(query: str, zh: str, en: str) -> None:
    run = run_cli("near", query, "--limit", "1", env=ZH)
    assert run.exit_code == 0, run.stderr
    assert zh in run.stderr and en not in run.stderr, run.stderr
    english = run_cli("near", query, "--limit", "1")
    assert en in english.stderr and zh not in english.stderr


def test_a_province_mapped_from_its_capital_says_so_in_chinese() -> None:
    run = run_cli("map", "山东", "--limit", "1")
    assert run.exit_code == 0 and "山东是一个省：它的 5 个研究中心，从其省会 济南 起测量距离" in run.stderr
    assert "is a province" not in run.stderr


def test_show_and_info_say_their_words_in_chinese() -> None:
    shown = run_cli("show", "7", env=ZH).stdout
    assert "城市中心" in shown and "(主要联系人)" in shown and "境外拨打" in shown
    for english in ("city centre", "(primary)", "from abroad"):
        assert english not in shown
    info = run_cli("info", env=ZH).stdout
    assert "3 期" in info and "Phase 3" not in info


def test_a_datasets_trial_list_is_said_in_chinese(tmp_path) -> None:
    import json

    from sitefinder.sitesfile import write_sites_file

    sites = tmp_path / "sites.csv"
    write_sites_file(sites, [make_site(1, nct_id="NCT00000001"), make_site(2, nct_id="NCT00000002")])
    (tmp_path / "trials.json").write_text(json.dumps({"trials": [
        {"nct_id": "NCT00000001", "brief_title": "One", "phase": "PHASE2"},
        {"nct_id": "NCT00000002", "brief_title": "Two", "phase": "EARLY_PHASE1"}]}), encoding="utf-8")
    run = run_cli("info", "--sites", str(sites), env=ZH)
    assert run.exit_code == 0, run.stderr
    assert "2 个试验，2 个研究中心" in run.stdout and "2 期" in run.stdout and "早期 1 期" in run.stdout
    assert "查看某个试验的信息" in run.stdout
    for english in ("2 trials", "Phase", "One trial's facts", "Data of"):
        assert english not in run.stdout


def test_the_maps_legend_caption_and_file_notice_are_said_in_chinese(tmp_path) -> None:
    drawn = run_cli("map", "Guangzhou", "--limit", "2", env={**ZH, "COLUMNS": "120"})
    assert drawn.exit_code == 0, drawn.stderr
    assert "地图：每列约" in drawn.stdout and "边界仅为示意" in drawn.stdout and "· 编号 7" in drawn.stdout
    for english in ("Map: one column", "Boundaries are illustrative", "· id 7"):
        assert english not in drawn.stdout
    out = tmp_path / "map.svg"
    written = run_cli("map", "Guangzhou", "--limit", "2", "--out", str(out), env=ZH)
    assert written.exit_code == 0 and f"地图已写入 {out}（2 个研究中心）。" in written.stderr
    page = out.read_text(encoding="utf-8")
    assert "边界仅为示意" in page and "公里" in page and "Boundaries are illustrative" not in page


@pytest.mark.parametrize("args, escape_shown", [
    (["near", "[bold red]火星[/bold red]\x1b[2J"], False),  # a place typed is read without its controls
    (["show", "[link=file:///etc]广州[/link]\x1b]0;title\x07"], True),
    (["list", "--status", "[blink]招募[/blink]\x1b[31m"], True),
    (["map", "Guangzhou", "--out", "[red]地图\x1b[2J.png"], True),
    (["[b]广州[/b]\x1b[5m"], True),
])
def test_markup_and_escapes_typed_are_shown_literally_inside_a_chinese_message(args: list[str],
                                                                              escape_shown: bool) -> None:
    """What the person typed is echoed as typed: Rich's markup stays brackets, a terminal escape is
    shown as \\x1b (or, in a place, read as a space), never interpreted by the terminal."""
    run = run_cli(*args, env=ZH)
    assert run.exit_code in (1, 2), run.stderr
    line = error_line(run)
    typed = next(word for word in args if "[" in word)
    markup = typed[typed.index("["):typed.index("]") + 1]
    assert markup in line, line  # the tag itself, not its effect
    assert "\x1b" not in line and "\x07" not in line, repr(line)
    assert ("\\x1b" in line) is escape_shown, repr(line)
    assert chinese(line.replace(typed, ""))


def test_import_and_update_errors_are_said_in_chinese(tmp_path) -> None:
    csv_file = tmp_path / "sites.csv"
    csv_file.write_text("id,facility,city\n1,A,B\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    for args, zh, en in (
            (["import", str(tmp_path / "none.json"), "--out", str(tmp_path / "o")], "没有这个文件", "no such file"),
            (["import", str(csv_file), "--out", str(tmp_path / "o")], "是 CSV 表格，不是 JSON", "is a CSV table"),
            (["import", str(tmp_path / "empty"), "--out", str(tmp_path / "o")], "此文件夹中没有 NCT*.json 文件",
             "no NCT*.json files"),
            (["import", "NCT07010263", "--out", str(tmp_path / "o")], "需要加 --online", "needs --online")):
        run = run_cli(*args, env=ZH)
        assert run.exit_code in (1, 2), run.stderr
        line = error_line(run)
        assert zh in line and en not in line, line
        assert en in run_cli(*args).stderr


@pytest.mark.parametrize("mode, zh, en", [
    ("ok", "登记处没有研究 NCT00000000", "has no study"),
    ("fail", "登记处（", "answered HTTP 503"),
    ("slow", "秒内没有回答", "did not answer within"),
])
def test_the_registrys_failures_are_said_in_chinese(tmp_path, mode: str, zh: str, en: str) -> None:
    from tests.fake_services import FakeServices

    nct = "NCT00000000" if mode == "ok" else "NCT07010263"
    with FakeServices() as fake:
        fake.mode = mode
        run = run_cli("import", nct, "--online", "--out", str(tmp_path),
                      env={**ZH, "SITEFINDER_CTGOV_URL": fake.url, "SITEFINDER_TIMEOUT": "0.5"})
    assert run.exit_code == 1
    line = error_line(run)
    assert zh in line and en not in line, line


def test_a_bad_timeout_or_service_url_is_said_in_chinese(tmp_path) -> None:
    from tests.fake_services import FakeServices

    with FakeServices() as fake:
        run = run_cli("import", "NCT07010263", "--online", "--out", str(tmp_path),
                      env={**ZH, "SITEFINDER_CTGOV_URL": fake.url, "SITEFINDER_TIMEOUT": "soon"})
    line = error_line(run)
    assert "SITEFINDER_TIMEOUT 须为大于 0" in line and "must be a number of seconds" not in line
    line = error_line(run_cli("update", env={**ZH, "SITEFINDER_CTGOV_URL": "ftp://x"}))
    assert "须为 http:// 或 https:// 网址" in line and "must be an http" not in line


def test_what_import_wrote_is_said_in_chinese(tmp_path) -> None:
    from tests.conftest import CTGOV_STUDY

    run = run_cli("import", str(CTGOV_STUDY), "--out", str(tmp_path / "zh"), env=ZH)
    assert run.exit_code == 0, run.stderr
    assert "已导入 NCT07010263" in run.stdout and "个由离线地名库定位" in run.stdout and "下一步" in run.stdout
    for english in ("Imported", "placed by the registry", "Sites file", "Next"):
        assert english not in run.stdout
    english = run_cli("import", str(CTGOV_STUDY), "--out", str(tmp_path / "en"), "--lang", "en", env=ZH)
    assert english.stdout.startswith("Imported NCT07010263") and "已导入" not in english.stdout
    # the data contract: the same JSON under any locale (its paths aside)
    zh_json = run_cli("import", str(CTGOV_STUDY), "--out", str(tmp_path / "j"), "--json", env=ZH).stdout
    c_json = run_cli("import", str(CTGOV_STUDY), "--out", str(tmp_path / "k"), "--json").stdout
    assert zh_json.replace(str(tmp_path / "j"), "DIR") == c_json.replace(str(tmp_path / "k"), "DIR")


@pytest.mark.parametrize("done, total", [(3, 10), (7, None)])
def test_a_long_imports_progress_is_said_in_the_locales_language(done: int, total: int | None) -> None:
    from sitefinder.output.views import progress_line
    from sitefinder.text import has_cjk

    english, chinese = progress_line(done, total, "en"), progress_line(done, total, "zh")
    assert str(done) in english and str(done) in chinese and not has_cjk(english) and has_cjk(chinese)
    assert total is None or (str(total) in english and str(total) in chinese)


@pytest.mark.parametrize("words, meant", [
    (["NEAR", "广州"], "sitefinder near 广州"), (["List", "--city", "Jinan"], "sitefinder list --city Jinan"),
    (["附近", "广州"], "sitefinder near 广州"), (["地图", "台州"], "sitefinder map 台州"),
    (["显示", "7"], "sitefinder show 7"), (["列表"], "sitefinder list"), (["导入", "study.json"], "sitefinder import study.json"),
    (["广州"], "sitefinder near 广州"), (["Guangzhou", "--json"], "sitefinder near Guangzhou --json"),
    (["near广州"], "sitefinder near 广州"), (["nearGuangzhou", "--json"], "sitefinder near Guangzhou --json"),
    (["附近广州"], "sitefinder near 广州"), (["version"], "sitefinder --version"),
])
def test_a_mistyped_command_is_answered_with_the_command_meant_and_the_rest_kept(words: list[str], meant: str) -> None:
    """`sitefinder NEAR 广州` was told "did you mean: sitefinder near NEAR", `sitefinder 附近 广州`
    "sitefinder near 附近": a command in capitals or in Chinese is that command, a place is near's,
    and the rest of the line is kept."""
    run = run_cli(*words)
    assert run.exit_code == 2 and run.stdout == ""
    assert meant in run.stderr, run.stderr


@pytest.mark.parametrize("words, meant", [
    (["near", "Hong", "Kong"], "sitefinder near 'Hong Kong'"),
    (["show", "Beijing", "Chest", "--json"], "sitefinder show 'Beijing Chest' --json"),
    (["near", "广州", "天河", "--limit", "3"], "sitefinder near '广州 天河' --limit 3"),
    (["map", "New", "York", "--out", "x.svg"], "sitefinder map 'New York' --out x.svg"),
])
def test_a_place_of_several_words_without_quotes_is_said_with_the_line_to_type(words: list[str], meant: str) -> None:
    """`near Hong Kong` said Click's "Got unexpected extra argument(s) (Kong)", in English under zh too."""
    run = run_cli(*words)
    assert run.exit_code == 2 and run.stdout == ""
    assert meant in run.stderr and "unexpected extra argument" not in run.stderr, run.stderr
    chinese = run_cli(*words, env={"LANG": "zh_CN.UTF-8"})
    assert chinese.stderr.startswith("错误：") and "加引号" in chinese.stderr


@pytest.mark.parametrize("words, meant", [
    (["near", "广州", "--", "--limit", "1"], "sitefinder near 广州 --limit 1"),
    (["show", "--", "7", "--json"], "sitefinder show 7 --json"),
    (["map", "Jinan", "--", "--within", "50"], "sitefinder map Jinan --within 50"),
])
def test_options_after_a_double_dash_are_answered_with_a_line_that_works(words: list[str], meant: str) -> None:
    """`near 广州 -- --limit 1` was told to type `sitefinder near 广州 -- --limit 1`, the line that failed."""
    run = run_cli(*words)
    assert run.exit_code == 2 and run.stdout == ""
    line = "sitefinder " + run.stderr.strip().rsplit("sitefinder ", 1)[-1]
    assert line == meant, run.stderr
    assert run_cli(*line.split()[1:]).exit_code == 0  # the line it gives works


def test_a_place_given_to_list_is_answered_with_its_city_option() -> None:
    run = run_cli("list", "Jinan", "--json")
    assert run.exit_code == 2 and "sitefinder list --city Jinan --json" in run.stderr, run.stderr


def test_an_argument_too_many_for_a_command_without_a_place_is_said_so() -> None:
    run = run_cli("info", "NCT07010263", "extra")
    assert run.exit_code == 2 and "one argument too many" in run.stderr and "extra" in run.stderr, run.stderr


@pytest.mark.parametrize("count", [1, 2])
def test_the_closed_sites_note_says_it_of_one_and_them_of_several(count: int) -> None:
    """"1 closed site … left out; to see them": the pronoun follows the count, as the noun does."""
    from sitefinder.wording import closed_note

    said = closed_note(count, "sitefinder near X --all")
    assert said.startswith(f"{count} closed site{'s' if count > 1 else ''} ")
    assert ("to see it:" if count == 1 else "to see them:") in said, said
