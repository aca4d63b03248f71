"""Text folding for matching what people type, and neutralising what data files contain.

Every comparison of names in sitefinder goes through `name_key`, so that the gazetteer built at
data-build time and the query typed at run time are folded by the same rules.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from itertools import filterfalse

# Administrative suffixes that people add or leave out at will: 江苏省 = 江苏, 泰州市 = 泰州.
# Longest first, so that 自治区 is removed whole rather than leaving 自治.
# Korea's metropolitan and special cities (仁川广域市, 首尔特别市, 世宗特别自治市) drop the whole word, as
# Chinese writes them (仁川, 首尔): 市 alone left the fragment 仁川广域, shown and typed for Incheon.
CJK_SUFFIXES = ("特别行政区", "特別行政區", "特别自治市", "特別自治市", "广域市", "廣域市", "広域市", "特别市",
                "特別市", "自治区", "自治區", "自治州", "地区", "地區", "省", "市", "盟")
# Translation tables rather than regular expressions: compiling a Unicode regex costs about a
# millisecond at every start, and startup time is this tool's main cost.
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
# C0/C1 control characters and the Unicode bidi controls that can reorder a terminal line.
# Zero-width characters too: in a table they would hide a difference ("Beijing" and "Bei\u200bjing").
# The line and paragraph separators too: a terminal or an editor may break the line at them.
UNSAFE = [*range(0x00, 0x20), *range(0x7F, 0xA0), *range(0x200B, 0x2010), 0x2028, 0x2029, *range(0x202A, 0x202F),
          *range(0x2060, 0x2065), *range(0x2066, 0x206A), 0xFEFF]
_UNSAFE_TO_SPACE = dict.fromkeys(UNSAFE, " ")
_UNSAFE_VISIBLE = {code: (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}") for code in UNSAFE}
# Multi-line data (eligibility criteria): line breaks kept, every other control shown. A registry
# text writes its breaks as \n, \r\n or \r; they become \n before this table applies.
_UNSAFE_VISIBLE_LINES = {**_UNSAFE_VISIBLE, 0x0A: "\n"}
# Where registry data enter (an import, an update): the controls that only space or break text
# (tab, line breaks, NEL, the line and paragraph separators) are a space in a one-line field (a
# facility's name, a city, a person's name); every other control (ESC, BEL, bidi overrides,
# zero-width characters) is removed, so that no sites file or trial file holds one.
_WHITESPACE_CONTROLS = (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029)
_ENTERED = {**dict.fromkeys(UNSAFE), **dict.fromkeys(_WHITESPACE_CONTROLS, " ")}
# A multi-line field (eligibility criteria) keeps its line breaks, as \n.
_ENTERED_LINES = {**_ENTERED, 0x0A: "\n", 0x0B: "\n", 0x0C: "\n", 0x85: "\n", 0x2028: "\n", 0x2029: "\n"}


def has_cjk(text: str) -> bool:
    """True when the text contains a Chinese character."""
    if text.isascii():  # most text: one C call, not a loop (placing 248 rows called this 2,472 times, 0.3 s)
        return False
    return any(low <= ord(ch) <= high for ch in text for low, high in _CJK_RANGES)


# ASCII text (most of it) folds by one bytes.translate: every character that is not a letter or a digit
# goes, and the letters are lowered (0.4 us for a facility name; str.lower and str.translate took 1.8).
_ASCII_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
_ASCII_NOT_ALNUM = bytes(code for code in range(128) if not chr(code).isalnum())
# Latin letters that Unicode does not decompose into a base letter and an accent, written as their
# base letter by people without the key: "Zolynia" for Żołynia, "Kirikkale" for Kırıkkale.
_UNDECOMPOSED_LATIN = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t",
                                      "þ": "th", "æ": "ae", "œ": "oe", "ŀ": "l"})


# How alike (rapidfuzz's ratio, 0-100) a mistyped Chinese option value and a known one must be to
# be offered: a character carries a syllable, often a word, and one slipped in a name of two (山栋
# for 山东, 中过 for 中国: the homophone an input method offers first) scores 50, below every cutoff
# for Latin letters, where one slipped letter in five scores 80.
CJK_CLOSE_SCORE = 50


def close_score(text: str, latin: int) -> int:
    """The score a known value must reach to be offered for `text`: `latin` for letters, CJK_CLOSE_SCORE for Chinese."""
    return CJK_CLOSE_SCORE if has_cjk(text) else latin


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form: "Xi'an" and "Ürümqi" become "xian", "urumqi"."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_LOWER, _ASCII_NOT_ALNUM).decode("ascii")
    # a text's fold is its characters' folds one after the other (_fold_apart), so one translate by
    # the remembered fold of each character (a facility name of 30 characters: 7.0 us apart, 1.7 so)
    return text.translate(_FOLDED_CHARACTERS)


def _fold_apart(text: str) -> str:
    """fold by its rule: compatibility decomposition, its combining marks dropped, case folded, then
    letters and digits only. Each step maps one character at a time (NFKD reorders only combining
    marks, which are dropped), so the fold of a text is its characters' folds joined."""
    # filter, not a generator expression: one C loop a text
    stripped = "".join(filterfalse(unicodedata.combining, unicodedata.normalize("NFKD", text)))
    return "".join(filter(str.isalnum, stripped.casefold().translate(_UNDECOMPOSED_LATIN)))


_MAX_FOLDED_CHARACTERS = 1 << 16  # a text of every character there is is only slower, never larger


class _FoldedCharacters(dict[int, str]):
    """The fold of each character, by code point as str.translate asks, worked out when first asked."""

    def __missing__(self, code: int) -> str:
        folded = _fold_apart(chr(code))
        if len(self) < _MAX_FOLDED_CHARACTERS:
            self[code] = folded
        return folded


_FOLDED_CHARACTERS = _FoldedCharacters()


def strip_cjk_suffix(text: str) -> str:
    """Drop one administrative suffix, keeping at least two characters (沙市 must not become 沙)."""
    for suffix in CJK_SUFFIXES:
        if text.endswith(suffix) and len(text) - len(suffix) >= 2:
            return text[: -len(suffix)]
    return text


# Remembered: placing a registry's rows folds the same city, state and country names again and again
# (NCT05843643's 248 rows: 2,544 calls of 421 names, 2.2 us a fold, 0.1 a remembered one); bounded,
# so that a hostile answer of made-up names cannot grow it.
@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The key under which a place or region name is stored and looked up."""
    key = fold(text)
    if has_cjk(key):
        key = strip_cjk_suffix(key)
    return key


# A site id as people write it: with a word before it ("site 7", "Site #7", "No. 7", "ID 7", 编号7,
# 第7号), with leading zeros (007), or as the whole number a spreadsheet or a program writes (7.0,
# 7.00); its digits in ASCII or full width (７). 7.5, -7 and 1e3 are no id (error.site_id_number).
_SITE_ID = r"^(?:(?:site|id|no)\s*\.?\s*|编号\s*|編號\s*|第\s*)*[#＃]?\s*([0-9０-９]+)(?:[.．][0０]*)?\s*[号號]?$"


@functools.cache
def _site_id_pattern() -> re.Pattern[str]:
    """_SITE_ID, compiled when first used (2.5 M instructions, case-blind over CJK): every command
    imports this module, only `show` and a mistyped command read an id."""
    return re.compile(_SITE_ID, re.IGNORECASE)


def site_id_written(query: str) -> str:
    """The digits of a site id as typed ("site 7", 编号7, 007, 7.0 → "7"...), else the text as it is:
    `show` reads an id so, and `sitefinder 7` suggests `show 7`."""
    return ascii_number(_site_id_pattern().sub(r"\1", query.strip()))


# Fewer digits are part of every phone number; seven are a local number (contacts.has_number).
MIN_NUMBER_DIGITS = 7


def written_as_number(text: str) -> bool:
    """Whether a text is a phone number as people write one: digits with a "+" or "00" before them,
    spaces, dashes, dots, slashes or brackets among them ("+8613800138000", "+86 (138) 0013-8000"),
    MIN_NUMBER_DIGITS of them or more. `show` looks such a text up as a number, never as an id
    (an id is digits alone, site_id_written) nor as a number that is no id ("+7", "7.5")."""
    return re.fullmatch(r"[+(\s]*[0-9][0-9\s().\-/]*", text) is not None \
        and sum(character.isdigit() for character in text) >= MIN_NUMBER_DIGITS


def ascii_number(word: str) -> str:
    """A number typed with a Chinese keyboard's full-width characters (７, １０．５, －３) in ASCII
    (NFKC), as ids, --limit and --within are read; any other word as it is."""
    if word.isascii():
        return word
    folded = unicodedata.normalize("NFKC", word)
    return folded if folded.isascii() else word


def clean_query(text: str) -> str:
    """What a person typed, with control characters removed and white space collapsed."""
    without_controls = unicodedata.normalize("NFC", text).translate(_UNSAFE_TO_SPACE)
    return " ".join(without_controls.split())


def entered(text: str) -> str:
    """A one-line field of imported data, as it is stored: white-space controls (tab, line breaks)
    are one space, every other control character is removed (see _ENTERED), ends stripped."""
    if text.isprintable():  # most text: one C loop, nothing to do (U+3000 and U+00A0 are not printable)
        return text.strip()
    cleaned = text.translate(_ENTERED)
    return " ".join(filter(None, cleaned.split(" "))) if cleaned != text else cleaned.strip()


def entered_lines(text: str) -> str:
    """A multi-line field of imported data (eligibility criteria), as it is stored: its line breaks
    (\\n, \\r\\n, \\r, NEL, U+2028) as \\n, a tab as a space, every other control character removed."""
    if text.isprintable():
        return text.strip()
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_ENTERED_LINES).strip()


def printable(text: str) -> str:
    """Data text made safe for a terminal: control characters are shown, never interpreted.

    An ESC byte in a facility name would otherwise start an escape sequence in the user's
    terminal; it is printed as the four characters `\\x1b` instead.
    """
    return text.translate(_UNSAFE_VISIBLE)


def printable_lines(text: str) -> str:
    """As `printable`, but the text's own line breaks (\n, \r\n, \r) stay line breaks."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_UNSAFE_VISIBLE_LINES)


# Characters that start a formula in a spreadsheet (OWASP's list). A CSV cell of text starting with
# one is written with ' before it, whatever follows: "+8618117275173" or "-12.5" read as numbers
# would be numbers to a spreadsheet (8.6E+12, the + and the digits lost), "=HYPERLINK(…)" a formula.
# Only a number of the data (a float or int, as a coordinate is) is written as the number it is.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CELL_QUOTE = "'"  # the quote inert_cell puts before a formula start (readers look for it)


def inert_cell(text: str) -> str:
    """A text as a CSV cell a spreadsheet shows as that text: a formula start quoted. A text that
    starts with the quote and then a formula start or another quote is quoted too, so that
    `cell_text` takes off exactly the one this put on ("'s-Hertogenbosch" is left as it is)."""
    if text.startswith(FORMULA_STARTS) or (text.startswith(CELL_QUOTE) and text[1:2] in (*FORMULA_STARTS, CELL_QUOTE)
                                           and len(text) > 1):
        return CELL_QUOTE + text
    return text


def cell_text(cell: str) -> str:
    """The text `inert_cell` wrote a cell for (a sites file read back)."""
    if cell.startswith(CELL_QUOTE) and cell[1:2] in (*FORMULA_STARTS, CELL_QUOTE) and len(cell) > 1:
        return cell[1:]
    return cell


# The most of a text a message echoes (a value it rejects, a URL, what a query left unread).
ECHO_LIMIT = 60


ELLIPSIS = "…"  # where a text is cut


def clipped(text: str, limit: int = ECHO_LIMIT) -> str:
    """A text a message echoes, cut to `limit` characters (… at the cut)."""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def quoted(value: object, limit: int = ECHO_LIMIT) -> str:
    """A value quoted for a message, cut to `limit` characters: an error quotes what it rejects,
    never a whole 5,000-character field or a line of another file."""
    text = value if isinstance(value, str) else str(value)
    return repr(clipped(text.replace("\n", " "), limit))


def is_utf8(encoding: str | None) -> bool:
    """Whether a stream's encoding, however Python spells it ("UTF-8", "utf_8", "utf-8-sig"), is UTF-8."""
    return (encoding or "").lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig")


# A width below MIN_COLUMNS (0 from a pty that reports its size as 0×0, COLUMNS=0, COLUMNS=5) is no
# width to lay text out in: it is taken as unknown and DEFAULT_COLUMNS are used, as for a terminal
# that says nothing; wider than MAX_COLUMNS is laid out MAX_COLUMNS wide (COLUMNS=100000000 would
# have Rich allocate a line of that many cells). The one rule for tables, maps and notices alike.
MIN_COLUMNS, DEFAULT_COLUMNS, MAX_COLUMNS = 20, 80, 1000


def usable_columns(columns: int) -> int:
    """The width to lay text out in for a terminal said to be `columns` wide (see MIN_COLUMNS)."""
    return DEFAULT_COLUMNS if columns < MIN_COLUMNS else min(columns, MAX_COLUMNS)


# A space a line is never broken at, in text made for the terminal ("id 27" of a map's legend): the
# terminal wraps at the other spaces (wrap_words splits at " " only), then prints it as a space.
UNBROKEN_SPACE = "\u00a0"


def written_in(text: str, encoding: str) -> bool:
    """Whether `text` can be written in a character set: GB 2312 holds Simplified characters only
    (广州, not 廣州 nor the Japanese 広州), Big5-HKSCS the Traditional written in Hong Kong and Taiwan."""
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True
