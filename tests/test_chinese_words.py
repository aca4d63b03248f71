"""A Chinese answer (--lang zh, or a Chinese query) says no English: no word of the catalogue's
English prose ("无法连接the registry" was one), no English name of a place that has a Chinese one
said alone ("您是否要找 Guangzhou, Guangdong"; "远在 Zhejiang 之外"; the map's "@ Guangzhou, Guangdong").
What may stay: the registry's own data (a facility's English name beside its Chinese one, a
person's name, a trial's title), names without a Chinese form, ids, numbers, URLs, commands and
options, file paths. Each test failed before its fix."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from conftest import CTGOV_STUDY, SHIPPED_SITES, run_cli, write_study
from sitefinder.catalogue import trial_name
from sitefinder.trial import eligibility_lists, trial_from_dict
from sitefinder.wording import MESSAGES

ROOT = Path(__file__).resolve().parents[1]


def _prose_words() -> frozenset[str]:
    """Every lower-case word of the catalogue's English phrases (its slots taken out): the words of
    English prose sitefinder itself writes. Proper names (capitalised) are not among them."""
    words: set[str] = set()
    for phrases in MESSAGES.values():
        english = re.sub(r"\{[^}]*\}", " ", phrases["en"])
        english = re.sub(r"sitefinder [^;:()]*|--[a-z-]+|[A-Z_]{4,}", " ", english)  # commands, options, variables
        words |= {word for word in re.findall(r"[A-Za-z]+", english) if word.islower() and len(word) >= 2}
    commands = {"near", "list", "show", "map", "info", "import", "update", "help"}  # a command's name is no prose
    return frozenset(words - commands - {"km", "id", "http", "https", "json", "csv", "zip", "svg", "html", "utf", "nct",
                                         "sqlite"})


PROSE = _prose_words()


def _data_texts() -> list[str]:
    """The registry's own texts the answers may show as they are (longest first)."""
    texts = set()
    with open(SHIPPED_SITES, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            texts.add(row["facility"])
            texts |= {contact["name"] for contact in json.loads(row["contacts"] or "[]")}
    trial = trial_from_dict(json.loads((ROOT / "data" / "trial.json").read_text(encoding="utf-8")), "trial.json")
    texts |= {trial.brief_title, trial.official_title, trial.sponsor, trial.acronym_or_code, trial_name(trial),
              trial.eligibility, trial.plain_summary, trial.minimum_age, trial.maximum_age,
              *trial.conditions, *trial.interventions, *trial.arms, *trial.keywords,
              *(contact.name for contact in trial.central_contacts)}
    lists = eligibility_lists(trial.eligibility)  # the criteria as info lists them
    texts |= {*lists.can_join, *lists.cannot_join, *(item.strip() for item in (*lists.can_join, *lists.cannot_join)),
              *lists.other.splitlines()}
    texts |= {line.strip(" •◦") for text in list(texts) for line in text.splitlines()}
    return sorted((text for text in texts if text), key=len, reverse=True)


DATA = _data_texts()


def english_left(text: str) -> list[str]:
    """The words of English prose in a Chinese answer, what may stay taken out first."""
    for data in DATA:
        text = text.replace(data, " ")
    text = re.sub(r"https?://\S+|\S+@\S+|NCT\d{8}|(?:/[^\s/（）：；，。]+)+/?|\b[\w-]+(?:\.[\w-]+)*\.(?:gov|org|com)\b",
                  " ", text)
    text = re.sub(r"sitefinder(?: [^\s（）：；，。、“”]+)*", " ", text)  # a command, its words and options
    text = re.sub(r"--[a-z-]+|\b[A-Z_]{4,}\b", " ", text)
    return [word for word in re.findall(r"[A-Za-z]+", text) if word in PROSE]


def test_the_check_finds_english_prose() -> None:
    """The check can fail: the reported lines fail it, their Chinese does not."""
    assert english_left("错误：无法连接the registry（clinicaltrials.gov）：Connection refused") == ["the", "registry",
                                                                                                "refused"]
    assert english_left("错误：找不到名为 'Zzyzx' 的地点（可加 --online 在线查询：sitefinder near X --online）") == []
    assert english_left("离 广东广州 Guangzhou, Guangdong, China 最近的研究中心") == []
    assert "placed" in PROSE and "the" in PROSE and "Guangzhou" not in PROSE


ZH_RUNS = [
    ["near", "广州"], ["near", "Guangzhou", "--lang", "zh"], ["near", "广州市天河区 某路 1 号"],
    ["near", "杭州", "--by", "hospital"], ["near", "Jinan", "--lang", "zh"], ["near", "浙江"],
    ["near", "北京", "--within", "1"], ["near", "台北"], ["near", "香港"], ["near", "Cambridge", "--lang", "zh"],
    ["near", "广洲"], ["near", "Guangzou", "--lang", "zh"], ["near", "Zzyzx", "--lang", "zh"],
    ["near", "BJ", "--lang", "zh"], ["near", "广州 深圳"], ["near", "23.1,113.2", "--lang", "zh"],
    ["near", "广州", "--status", "recruiting"], ["near", "广州", "--limit", "0"],
    ["map", "广州"], ["map", "Jinan", "--lang", "zh"], ["map", "北京", "--view", "country"],
    ["list", "--lang", "zh"], ["list", "--province", "广东"], ["list", "--city", "济南"],
    ["list", "--status", "completed", "--lang", "zh"], ["list", "--province", "Shandog", "--lang", "zh"],
    ["list", "--country", "中国"], ["show", "7", "--lang", "zh"], ["show", "江门"], ["show", "999", "--lang", "zh"],
    ["show", "Hospital", "--lang", "zh"], ["info", "--lang", "zh"], ["info", "--format", "csv", "--lang", "zh"],
    ["near", "广州", "--format", "csv"], ["near", "广州", "--json", "--lang", "zh"],
    ["list", "--limt", "3", "--lang", "zh"], ["near", "--lang", "zh"], ["lst", "--lang", "zh"],
    ["update", "--lang", "zh"], ["import", "NCT07010263", "--out", "{tmp}/o", "--lang", "zh"],
]


@pytest.mark.parametrize("args", ZH_RUNS, ids=" ".join)
def test_a_chinese_answer_says_no_english(args: list[str], tmp_path: Path) -> None:
    run = run_cli(*(arg.format(tmp=tmp_path) for arg in args),
                  env={"SITEFINDER_CTGOV_URL": "http://127.0.0.1:9", "COLUMNS": "1000"})  # the data's lines whole
    shown = run.stdout if "--json" not in args and "--format" not in args else ""
    assert english_left(shown + run.stderr) == [], shown + run.stderr


def _study_pointing_outside() -> dict:
    """A site in Hangzhou, Zhejiang whose registry point lies in Yunnan: set aside, and said."""
    study = json.loads(CTGOV_STUDY.read_text(encoding="utf-8"))
    location = study["protocolSection"]["contactsLocationsModule"]["locations"][0]
    location.update(city="Hangzhou", state="Zhejiang", geoPoint={"lat": 25.04, "lon": 102.71})
    return study


def test_an_import_says_in_chinese_which_province_a_point_is_outside(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s.json", _study_pointing_outside())
    run = run_cli("import", str(study), "--out", str(tmp_path / "out"), "--lang", "zh")
    assert run.exit_code == 0, run.stderr
    line = next(line for line in run.stderr.splitlines() if "远在" in line)
    assert "远在 浙江 之外" in line and "Zhejiang" not in line, line
    assert english_left(run.stdout + run.stderr) == []


@pytest.mark.parametrize("typed, chinese", [("Guangzou", "广东广州"), ("Hangzou", "浙江杭州"), ("Beijng", "北京"),
                                            ("Zhengzou", "河南郑州"), ("Wuhn", "湖北武汉"), ("Kunmng", "云南昆明")])
def test_a_suggestion_in_a_chinese_answer_is_its_chinese_name(typed: str, chinese: str) -> None:
    run = run_cli("near", typed, "--lang", "zh")
    assert run.exit_code == 1
    assert re.search(f'您是否要找 "?{chinese}', run.stderr), run.stderr  # the first suggestion
    english = run_cli("near", typed, "--lang", "en").stderr
    assert chinese not in english  # in English, the English name


@pytest.mark.parametrize("kind", ["", ".svg", ".html"])
def test_the_maps_legend_names_its_place_in_chinese(tmp_path: Path, kind: str) -> None:
    args = ["map", "Jinan", "--lang", "zh", *(["--out", str(tmp_path / f"m{kind}")] if kind else [])]
    run = run_cli(*args)
    assert run.exit_code == 0, run.stderr
    shown = (tmp_path / f"m{kind}").read_text(encoding="utf-8") if kind else run.stdout
    assert "山东济南 Jinan, Shandong" in shown
    assert not re.search(r"[>@] ?Jinan, Shandong", shown), shown  # never the English name alone
    if kind:
        assert "Jinan, Shandong, China" not in shown.replace("山东济南 Jinan, Shandong, China", "")


def test_a_registry_point_is_said_so_in_chinese(sites_file) -> None:
    from conftest import make_site

    path = sites_file(make_site(1, coordinate_precision="city", coordinate_source="registry"))
    run = run_cli("show", "1", "--lang", "zh", "--sites", str(path))
    assert run.exit_code == 0, run.stderr
    assert "登记处给出" in run.stdout and english_left(run.stdout) == [], run.stdout  # was "(城市中心, registry)"
