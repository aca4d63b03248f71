"""Lines people read: text wrapped to a width (in terminal cells, as `length` measures), for every
view (table cells, key/value fields, footers, notices on stderr, map legends and files).

Where a line may break inside what a person copies from a contact (a phone number, an e-mail
address, a URL) is the contacts' rule (`contacts.number_goes_on`, `contacts.copy_pieces`), read here.
"""

from __future__ import annotations

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
    for word in words:
        if word.isascii():  # no Chinese character, no full-width mark, no unbroken space: one piece
            pieces.append((" ", word))
            continue
        joiner = " "
        run = ""
        whole_name = UNBROKEN_SPACE in word or sum(map(has_cjk, word)) <= SHORT_CHINESE_NAME  # "61.5 公里", "编号 7"
        for char in word:
            if char in _BREAK_AFTER and UNBROKEN_SPACE not in word:
                pieces.append((joiner, run + char))  # "Estonia、France": a line may break after 、, never in a name
                joiner, run = "", ""
            elif has_cjk(char) and not whole_name:
                if run:
                    pieces.append((joiner, run))
                    joiner, run = "", ""
                pieces.append((joiner, char))
                joiner = ""
            else:
                run += char
        if run or not word:
            pieces.append((joiner, run))
    pieces = _keep_punctuation(pieces)
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
