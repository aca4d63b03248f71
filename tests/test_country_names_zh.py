"""Every country a Chinese screen names is named in Chinese, by one naming of countries
(data/countries_zh.csv through regions.country_chinese and Gazetteer.country_name_zh): `info` on a
dataset of many trials said "分布于Argentina、澳大利亚、Belgium、…", the gazetteer knowing the
Chinese names of 13 countries only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import make_site, run_cli
from sitefinder.gazetteer import open_shipped
from sitefinder.regions import country_chinese, display_region, province_key, region_chinese

GAZETTEER = open_shipped()
CODES = sorted({GAZETTEER.country_code_of(name) for name in GAZETTEER.country_names()})


def han(text: str) -> bool:
    return bool(text) and all("\u4e00" <= char <= "\u9fff" or char in "·（）" for char in text)


@pytest.mark.parametrize("code", CODES)
def test_every_country_of_the_gazetteer_has_one_chinese_name(code: str) -> None:
    name = GAZETTEER.country_name_zh(code)
    assert han(name), (code, name)
    assert country_chinese(code) == name  # one naming, asked by code
    english = GAZETTEER.country_name(code)
    assert region_chinese(english, "country") == name or code == "CN"  # and by the name shown
    assert region_chinese(display_region(english), "country") == name


@pytest.mark.parametrize("code", CODES)
def test_a_name_the_gazetteer_reads_is_the_name_shown(code: str) -> None:
    """Where `--country` reads a Chinese name of the country (德国), the screens show that one."""
    typed = GAZETTEER.region_table_name_zh(code)
    if code in ("HK", "MO", "TW"):  # named as the province table shows their sites' region (澳門, 臺灣)
        assert region_chinese(GAZETTEER.country_name(code), "country") == GAZETTEER.country_name_zh(code)
        return
    # as a key of the region table: 刚果（金） is read as 刚果金, its brackets dropped
    assert not typed or province_key(GAZETTEER.country_name_zh(code)) == typed


def test_info_names_every_country_of_the_gazetteer_in_chinese(cli, sites_file) -> None:
    # one site in each country, as a registry writes the country (its name as the gazetteer has it)
    sites = [make_site(number, city=f"Town {number}", province="", latitude=0.0, longitude=0.0)._replace(
        country=GAZETTEER.country_name(code).strip()) for number, code in enumerate(CODES, start=1)]
    path: Path = sites_file(*sites)
    for lang in ("zh", "zh-TW"):
        run = cli("info", "--sites", str(path), "--lang", lang, env={"COLUMNS": "1000"})
        assert run.exit_code == 0, run.stderr
        lines = run.stdout.splitlines()
        at = next(index for index, line in enumerate(lines) if line.startswith("研究中心"))
        line = lines[at] + "".join(line.strip() for line in
                                   __import__("itertools").takewhile(lambda line: line.startswith(" "), lines[at + 1:]))
        where = line.split("分布于" if lang == "zh" else "分佈於", 1)[1]
        assert re.findall(r"[A-Za-z]{2,}", where) == [], where
        assert len(where.split("、")) >= len(CODES) - len(CODES) // 20, where  # each named (parts counted with their country)
    assert GAZETTEER.country_name_zh("AR") in cli("info", "--sites", str(path), "--lang", "zh").stdout.replace("\n", "")


def test_a_chinese_notice_names_a_country_in_chinese(cli, sites_file) -> None:
    """`near Argentina` in Chinese, the sites of a country with no Chinese name in the gazetteer's table."""
    path = sites_file(make_site(1, city="Buenos Aires", province="Buenos Aires F.D.", latitude=-34.61,
                                longitude=-58.38)._replace(country="Argentina"))
    run = cli("list", "--country", "Argentina", "--sites", str(path), "--lang", "zh")
    assert run.exit_code == 0, run.stderr


def _traditional(text: str) -> str:
    """`text` in Traditional characters, by OpenCC's STCharacters (first form), as a reader in Taiwan types it."""
    table = {}
    with open(Path(__file__).resolve().parents[1] / "gazetteer" / "opencc_STCharacters.txt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                char, forms = line.rstrip("\n").split("\t")
                table[char] = forms.split()[0]
    return "".join(table.get(char, char) for char in text)


@pytest.mark.parametrize("code", CODES)
def test_a_country_is_read_by_the_chinese_name_shown(code: str) -> None:
    """`--country 阿根廷` is Argentina: the name a Chinese screen shows is a name --country reads,
    in Simplified and in Traditional characters (阿根廷, 德國, 澳大利亞)."""
    from sitefinder.countries import area_named

    shown = GAZETTEER.country_name_zh(code)
    for typed in (shown, _traditional(shown)):
        assert code in area_named(typed, GAZETTEER).codes, (code, typed)


@pytest.mark.parametrize(("typed", "city"), [("阿根廷", "Buenos Aires"), ("德國", "Berlin"), ("巴西", "São Paulo"),
                                             ("澳大利亞", "Sydney"), ("日本", "Osaka"), ("AR", "Buenos Aires"),
                                             ("Argentina", "Buenos Aires")])
def test_list_and_near_read_a_country_in_chinese(cli, sites_file, typed: str, city: str) -> None:
    places = {"Buenos Aires": ("Argentina", -34.61, -58.38), "Berlin": ("Germany", 52.52, 13.40),
              "São Paulo": ("Brazil", -23.55, -46.63), "Sydney": ("Australia", -33.87, 151.21),
              "Osaka": ("Japan", 34.69, 135.50)}
    sites = [make_site(number, facility=f"{name} Hospital", city=name, province="", latitude=latitude,
                       longitude=longitude)._replace(country=country)
             for number, (name, (country, latitude, longitude)) in enumerate(sorted(places.items()), start=1)]
    path: Path = sites_file(*sites)
    listed = cli("list", "--sites", str(path), "--country", typed, "--lang", "zh", "--json")
    assert listed.exit_code == 0, listed.stderr
    assert [site["city"] for site in __import__("json").loads(listed.stdout)["sites"]] == [city]
    near = cli("near", "Tokyo", "--sites", str(path), "--country", typed, "--lang", "zh", "--json")
    assert near.exit_code == 0, near.stderr
    assert [site["city"] for site in __import__("json").loads(near.stdout)["sites"]] == [city]


@pytest.mark.parametrize("typed", ["Germny", "Frnace", "Japn", "Brazill", "Itlay"])
def test_a_misspelt_country_is_suggested_in_chinese_on_a_chinese_screen(typed: str) -> None:
    """"未知的国家或地区 'Germny'；您是否要找 Germany 或 Guernsey？": each suggestion in Chinese (德国), and
    what it offers, typed back, is a country --country reads."""
    run = run_cli("list", "--country", typed, env={"LANG": "zh_CN.UTF-8"})
    assert run.exit_code == 2, run.stderr
    offered = run.stderr.split("您是否要找 ", 1)[1].split("？")[0].split(" 或 ")
    assert offered and not any(re.search(r"[A-Za-z]", name) for name in offered), run.stderr
    for name in offered:
        assert run_cli("list", "--country", name.strip('"')).exit_code in (0, 1), name
