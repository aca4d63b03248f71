"""Resolving what people type to a place, offline."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from sitefinder.errors import PlaceNotFound, SitefinderError, UsageError
from sitefinder.resolver import resolve
from sitefinder.queries import open_gazetteer, open_sites
from sitefinder.text import name_key


def place_of(query: str, preferred: frozenset[int] = frozenset()):
    return resolve(query, open_gazetteer(), preferred).place


@pytest.mark.parametrize("query", ["Guangzhou", "guangzhou", "GUANGZHOU", "广州", "广州市", "廣州", "Guangzhou City",
                                   "Guangzhou, Guangdong", "广东广州", "广东省广州市", "Guangzhou China"])
def test_guangzhou_spellings(query: str) -> None:
    place = place_of(query)
    assert (place.name, place.province) == ("Guangzhou", "Guangdong")


@pytest.mark.parametrize("a, b", [("Xi'an", "Xian"), ("Ürümqi", "Urumqi"), ("Xi-an", "xi an"), ("北京", "Beijing")])
def test_accents_apostrophes_and_scripts_do_not_matter(a: str, b: str) -> None:
    assert place_of(a) == place_of(b)


@pytest.mark.parametrize("written, typed", [("Kırıkkale", "Kirikkale"), ("Żołynia", "Zolynia"), ("Støvring", "Stovring"),
                                            ("Đakovo", "Dakovo"), ("Ærøskøbing", "Aeroskobing")])
def test_letters_that_do_not_decompose_fold_to_the_letter_people_type(written: str, typed: str) -> None:
    assert name_key(written) == name_key(typed)


# What a text folds to by the rule applied to it whole (text._fold_apart) is what fold gives by its
# characters' folds: decomposed letters, marks in any order and stacked, Hangul, compatibility forms,
# case foldings that grow (ß, İ, ﬁ), the final sigma, digits of other scripts, punctuation, ASCII among them.
_FOLD_CHARACTERS = ("aAzZ09 -'.,\x00\t\u00a0ÄäÉéØøßẞİıŁłĐđÞþÆæŒœ\u0301\u0308\u0323\u0345\u0951\u302a"
                    "가힣각ﬁﬀ①Ⅻ㎏ｱｶﾞ℃ΣσςΆᾳ٣२〇李廣州Ǆǅ\U0001d400\U0001f600\ud800")


@pytest.mark.parametrize("text", ["Ürümqi", "Xi'an", "Keur Médoune Research Hospital 2", "İstanbul", "Straße", "ΟΔΟΣ",
                                  "ﬁnal ①", "a\u0323\u0301b", "한국 병원", "廣州市第一人民醫院", "Ǆemal", "", "\u0301", "\ud800x"])
def test_a_text_folds_as_its_characters_fold_one_after_the_other(text: str) -> None:
    from sitefinder.text import _fold_apart, fold

    assert fold(text) == _fold_apart(text)


@given(st.text(st.sampled_from(_FOLD_CHARACTERS) | st.characters(), max_size=12))
@settings(max_examples=500, deadline=None)
def test_any_text_folds_as_its_characters_fold_one_after_the_other(text: str) -> None:
    from sitefinder.text import _fold_apart, fold

    assert fold(text) == _fold_apart(text)


def test_the_remembered_folds_of_characters_stay_bounded_and_right(monkeypatch) -> None:
    from sitefinder import text

    monkeypatch.setattr(text, "_MAX_FOLDED_CHARACTERS", len(text._FOLDED_CHARACTERS) + 10)
    many = "".join(map(chr, range(0x4e00, 0x4e00 + 500))) + "Äé"
    assert text.fold(many) == text._fold_apart(many)
    assert len(text._FOLDED_CHARACTERS) <= text._MAX_FOLDED_CHARACTERS


@pytest.mark.parametrize("query, province", [
    ("台州", "Zhejiang"), ("泰州", "Jiangsu"), ("福州", "Fujian"), ("抚州", "Jiangxi"),
    ("Taizhou, Jiangsu", "Jiangsu"), ("Taizhou Jiangsu", "Jiangsu"), ("江苏泰州", "Jiangsu"), ("Jiangsu Taizhou", "Jiangsu"),
    ("Taizhou, Zhejiang", "Zhejiang"), ("Fuzhou, Jiangxi", "Jiangxi"), ("Fuzhou, Fujian", "Fujian"),
    ("Kunshan", "Jiangsu"), ("Portland, Oregon", "Oregon"), ("Gannan, Jiangxi", "Jiangxi"),
])
def test_chinese_characters_and_qualifiers_pick_the_right_city(query: str, province: str) -> None:
    assert place_of(query).province == province


@pytest.mark.parametrize("query, country", [("Hong Kong", "Hong Kong"), ("香港", "Hong Kong"), ("Macau", "Macao"),
                                            ("澳门", "Macao"), ("Taipei", "Taiwan"), ("London", "United Kingdom"),
                                            ("Paris, France", "France")])
def test_places_outside_mainland_china(query: str, country: str) -> None:
    assert place_of(query).country == country


def test_same_name_places_rank_by_population_with_alternatives() -> None:
    resolution = resolve("Taizhou", open_gazetteer())
    assert resolution.place.province == "Jiangsu"  # the more populous, when no trial is in view
    assert resolution.ambiguous
    assert resolution.alternatives[0].province == "Zhejiang"


def test_a_city_hosting_a_site_comes_first_among_same_name_places() -> None:
    preferred = open_sites(None).preferred_cities()
    resolution = resolve("Taizhou", open_gazetteer(), preferred)
    assert resolution.place.province == "Zhejiang"
    assert resolution.ambiguous and resolution.alternatives[0].province == "Jiangsu"


def test_a_minor_namesake_is_not_a_contender() -> None:
    resolution = resolve("London", open_gazetteer())
    assert not resolution.ambiguous
    assert any(alternative.country == "Canada" for alternative in resolution.alternatives)


def test_coordinates() -> None:
    place = place_of("22.54,114.06")
    assert (place.latitude, place.longitude, place.source) == (22.54, 114.06, "coordinates")
    assert place_of(" -33.87  151.21 ").longitude == 151.21


@pytest.mark.parametrize("query", ["91,10", "10,181", "-90.5,0"])
def test_coordinates_out_of_range_are_a_usage_error(query: str) -> None:
    with pytest.raises(UsageError, match="out of range"):
        place_of(query)


def test_typo_is_not_corrected_but_suggested() -> None:
    with pytest.raises(PlaceNotFound) as caught:
        place_of("Guangzou")
    assert caught.value.suggestions[0] == "Guangzhou, Guangdong"


def test_a_province_is_not_a_city() -> None:
    with pytest.raises(PlaceNotFound, match="province or country"):
        place_of("Shandong")


@pytest.mark.parametrize("query", ["", "   ", "\x00\x1b", "x" * 5000, "广" * 5000, "🏥🏥", "Guang\x1b[31mzhou"])
def test_any_string_gets_an_answer_or_a_clean_error(query: str) -> None:
    try:
        place_of(query)
    except SitefinderError as error:
        assert "\n" not in str(error) and len(str(error)) < 400


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(max_size=60))
def test_resolver_never_raises_anything_but_its_own_errors(query: str) -> None:
    try:
        place_of(query)
    except SitefinderError:
        pass


@pytest.mark.rebuild
def test_the_gazetteer_build_is_reproducible(tmp_path) -> None:
    out = tmp_path / "gazetteer.sqlite"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_gazetteer.py"), "--out", str(out)],
                   check=True, capture_output=True)
    assert out.read_bytes() == (ROOT / "data" / "gazetteer.sqlite").read_bytes()


def test_hong_kong_macau_and_taiwan_places_are_named_in_the_characters_written_there() -> None:
    """銅鑼湾 and 観塘 (Japanese forms) and 华富邨 (Simplified) were shown for Hong Kong: a place there is
    named in Traditional characters (Big5 with Hong Kong's own, HKSCS), else by its English name."""
    import sqlite3

    from sitefinder.paths import gazetteer_path

    db = sqlite3.connect(f"file:{gazetteer_path()}?mode=ro", uri=True)
    named = db.execute("SELECT name, zh FROM place WHERE country IN ('HK', 'MO', 'TW') AND zh != ''").fetchall()
    assert len(named) > 100
    unwritten = []
    for name, zh in named:
        try:
            zh.encode("big5hkscs")
        except UnicodeEncodeError:
            unwritten.append((name, zh))
    assert unwritten == []
