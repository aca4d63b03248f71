"""Lines people read: text wrapped to a width (in terminal cells, as `length` measures), for every
view (table cells, key/value fields, footers, notices on stderr, map legends and files).

Where a line may break inside what a person copies from a contact (a phone number, an e-mail
address, a URL) is the contacts' rule (`contacts.number_goes_on`, `contacts.copy_pieces`), read here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from sitefinder.contacts import copy_pieces, number_goes_on
from sitefinder.text import ELLIPSIS, UNBROKEN_SPACE, has_cjk

# Chinese punctuation that never starts a line (closing) or ends one (opening): the rule every
# Chinese typesetter follows, so that "（超过 30 天）" never leaves "）" alone on the next line.
_NO_LINE_START = set("，。、；：？！）》」』”’％·…),;:!?]")
_NO_LINE_END = set("（《「『“‘([")
# A Chinese word this short is a name (屯門, 广州, 乌鲁木齐, "(山东青岛)"): one piece, as an English
# word is, where a longer run (a sentence, a hospital's name) may break between any two characters.
SHORT_CHINESE_NAME = 4
# A full-width mark a line may break after, as after a space: the names of a list in Chinese prose
# ("Australia、台湾、Estonia") have no space between them, and a Latin name is never broken inside
# (the middle dot joins the parts of one name: 约翰·史密斯).
_BREAK_AFTER = {mark for mark in _NO_LINE_START if not mark.isascii() and mark != "·"}


def _keep_punctuation(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Join a closing mark to the piece before it, an opening mark to the piece after it."""
    kept: list[tuple[str, str]] = []
    for joiner, piece in pieces:
        if kept and not joiner and piece and (piece[0] in _NO_LINE_START or kept[-1][1][-1:] in _NO_LINE_END):
            kept[-1] = (kept[-1][0], kept[-1][1] + piece)
        else:
            kept.append((joiner, piece))
    return kept


# Units a figure is written with: Chinese ones of two characters (a one-character measure word,
# 个, 天, 期, 号, is the character after the figure), and the English ones sitefinder writes.
_CHINESE_UNITS = ("公里", "千米", "小时", "分钟", "个月", "字符")
_LATIN_UNITS = frozenset(("km", "MB", "%"))
_LATIN_UNIT = re.compile(r"([A-Za-z]+|%)(?![A-Za-z0-9])")  # "km", "km,", "km）": a unit, "kmh" none
# A piece that ends with a figure: digits no letter runs into (1267, 61.5, 期/3), not an id (NCT07010263)
_FIGURE_END = re.compile(r"(?<![A-Za-z0-9_.,])[0-9]+(?:[.,][0-9]+)*$")


# The characters a view's Chinese is in when it is wrapped (a view is converted first:
# output.streams.for_people): "tw", "hk" or None for Simplified; output.streams.show_in sets it.
_script: list[str | None] = [None]


def wrapped_in(script: str | None) -> None:
    """Wrap Chinese written in `script` from now on (output.streams.show_in, once a run)."""
    _script[0] = script


def _labels() -> tuple[str, ...]:
    """sitefinder's own short Chinese labels that a line never breaks inside, however long the run
    they stand in ("440.2 公里 · 尚未开始招募（试验）"), in the characters the run is written in."""
    return _labels_in(_script[0])


@functools.lru_cache(maxsize=4)
def _labels_in(script: str | None) -> tuple[str, ...]:
    """_labels in `script`: the statuses (not one with its own comma, 进行中，不再招募, which may break
    after it as prose does) and the trial's mark, （试验）; longest first. Read only for a text with
    Chinese in it: English lines never import the catalogue."""
    from sitefinder.wording import STATUS_WORDS_ZH, say

    suffix = say("status.trial_suffix", "zh", status="")
    words = {word for word in STATUS_WORDS_ZH.values() if not any(mark in word for mark in _BREAK_AFTER)} | {suffix}
    if script is not None:
        from sitefinder.output.traditional import convert

        words = {convert(word, script) for word in words}
    return tuple(sorted(words, key=len, reverse=True))


def _is_latin_unit(piece: str) -> bool:
    found = _LATIN_UNIT.match(piece)
    return found is not None and found.group(1) in _LATIN_UNITS


def _with_units(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Join a figure to its unit or measure word after it, as one piece: "2 期/3 期", "61.5 公里",
    "1267 天", "3 个", "50 km" never break at their space ("2 期/3" on one line, "期" on the next
    reads as another figure; "50 公" then "里" as no unit at all). The one rule besides a phone
    number's (contacts.number_goes_on) where a space is no place for a line to break."""
    kept: list[tuple[str, str]] = []
    unit_open = False  # the last piece kept ends with the first character of a unit of two
    for joiner, piece in pieces:
        before = kept[-1][1] if kept else ""
        after_figure = joiner == " " and _FIGURE_END.search(before) is not None
        if after_figure and (has_cjk(piece[:1]) or _is_latin_unit(piece)):
            kept[-1] = (kept[-1][0], before + joiner + piece)
            unit_open = len(piece) == 1 and any(unit.startswith(piece) for unit in _CHINESE_UNITS)
        elif unit_open and not joiner and any(unit == before[-1] + piece[:1] for unit in _CHINESE_UNITS):
            kept[-1] = (kept[-1][0], before + piece)
            unit_open = False
        else:
            kept.append((joiner, piece))
            unit_open = False
    return kept


def wrap_cut(text: str, width: int, lines: int, length: Callable[[str], int] = len) -> list[str]:
    """`text` wrapped as wrap_words does, in `lines` lines at most: what does not fit is cut at a
    word, and the last line kept ends with "…" (a title in a column as wide as the table can give).
    A word wider than the column, after the first, ends the text there, cut inside with "…"."""
    wrapped = wrap_words(text, width, length)
    long = next((index for index, line in enumerate(wrapped) if index and length(line) > width), len(wrapped))
    if len(wrapped) <= lines and long == len(wrapped):
        return wrapped
    end = min(lines, long + 1)
    kept, last = wrapped[:end - 1], wrapped[end - 1]
    while length(last + ELLIPSIS) > width and " " in last:
        last = last.rsplit(" ", 1)[0]
    last = last.rstrip(" ,;:-–(")
    while last and length(last + ELLIPSIS) > width:  # one word wider than the column: cut inside it
        last = last[:-1]
    return [*kept, last + ELLIPSIS]


def wrap_words(text: str, width: int, length: Callable[[str], int] = len, whole: bool = False) -> list[str]:
    """`text` in lines of at most `width` (as `length` measures: terminal cells for Rich), broken
    at spaces, after a full-width mark (、，) and between Chinese characters (which need none; not
    in a word that holds an UNBROKEN_SPACE, which is one piece), never inside a Latin word nor
    inside a phone number (contacts.number_goes_on), so that "+86 760 8987 3999" stays on one line
    whole (Rich breaks at any space, no-break spaces included). A word longer than the width gets
    a line of its own, broken where contacts.copy_pieces lets an e-mail address or a URL break
    (after its "@", before a "." of its domain), else whole, for the terminal to fold; `whole`:
    never broken (its own line, wider than `width`: what a table's column must hold, and what a
    key/value field moves out to the terminal's width).
    """
    if length(text) <= width:  # what fits is one line as it is (the rule joins it back so): most cells
        return [text.rstrip()]
    return _broken_at_words(text, width, length, whole)


def _broken_at_words(text: str, width: int, length: Callable[[str], int], whole: bool = False) -> list[str]:
    """wrap_words' rule, for a text wider than `width` (a test holds it to [text] for one that fits)."""
    words: list[str] = []
    for word in text.split(" "):
        if words and number_goes_on(words[-1], word):
            words[-1] += " " + word
        else:
            words.append(word)
    pieces: list[tuple[str, str]] = []  # (what joins it to the piece before, the piece)
    labels = () if text.isascii() else _labels()
    for word in words:
        if word.isascii():  # no Chinese character, no full-width mark, no unbroken space: one piece
            pieces.append((" ", word))
            continue
        joiner = " "
        run = ""
        whole_name = UNBROKEN_SPACE in word or sum(map(has_cjk, word)) <= SHORT_CHINESE_NAME  # "61.5 公里", "编号 7"
        at = 0
        while at < len(word):
            char = word[at]
            label = "" if whole_name else next((label for label in labels if word.startswith(label, at)), "")
            if label:  # 尚未开始招募, （试验）: one piece, as a name is, within a longer run
                if run:
                    pieces.append((joiner, run))
                    joiner, run = "", ""
                pieces.append((joiner, label))
                joiner = ""
                at += len(label)
                continue
            if (char in _BREAK_AFTER or char == "/" and has_cjk(word[at - 1:at])) and UNBROKEN_SPACE not in word:
                # "Estonia、France": a line may break after 、, never in a name; "2 期/3 期" after its
                # "/", between two figures each whole with its unit (_with_units)
                pieces.append((joiner, run + char))
                joiner, run = "", ""
            elif has_cjk(char) and not whole_name:
                if run:
                    pieces.append((joiner, run))
                    joiner, run = "", ""
                pieces.append((joiner, char))
                joiner = ""
            else:
                run += char
            at += 1
        if run or not word:
            pieces.append((joiner, run))
    pieces = _with_units(_keep_punctuation(pieces))
    lines: list[str] = []
    for joiner, piece in pieces:
        parts = [piece] if whole or length(piece) <= width else copy_pieces(piece)
        for part in parts:
            if lines and length(lines[-1]) + length(joiner) + length(part) <= width:
                lines[-1] += joiner + part
            else:
                lines.append(part)
            joiner = ""  # the pieces of one word join with nothing between them
    return [line.rstrip() for line in lines] or [""]
