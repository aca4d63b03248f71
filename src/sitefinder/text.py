"""Text folding for matching what people type, and neutralising what data files contain.

Every comparison of names in sitefinder goes through `name_key`, so that the gazetteer built at
data-build time and the query typed at run time are folded by the same rules.
"""

from __future__ import annotations

import re
import unicodedata

# Administrative suffixes that people add or leave out at will: 江苏省 = 江苏, 泰州市 = 泰州.
# Longest first, so that 自治区 is removed whole rather than leaving 自治.
CJK_SUFFIXES = ("特别行政区", "特別行政區", "自治区", "自治區", "自治州", "地区", "地區", "省", "市", "盟")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NOT_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
# C0/C1 control characters and the Unicode bidi controls that can reorder a terminal line.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def has_cjk(text: str) -> bool:
    """True when the text contains a Chinese character."""
    return bool(_CJK.search(text))


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form: "Xi'an" and "Ürümqi" become "xian", "urumqi"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_ALNUM.sub("", stripped.casefold())


def strip_cjk_suffix(text: str) -> str:
    """Drop one administrative suffix, keeping at least two characters (沙市 must not become 沙)."""
    for suffix in CJK_SUFFIXES:
        if text.endswith(suffix) and len(text) - len(suffix) >= 2:
            return text[: -len(suffix)]
    return text


def name_key(text: str) -> str:
    """The key under which a place or region name is stored and looked up."""
    key = fold(text)
    if has_cjk(key):
        key = strip_cjk_suffix(key)
    return key


def clean_query(text: str) -> str:
    """What a person typed, with control characters removed and white space collapsed."""
    without_controls = _UNSAFE.sub(" ", unicodedata.normalize("NFC", text))
    return " ".join(without_controls.split())


def printable(text: str) -> str:
    """Data text made safe for a terminal: control characters are shown, never interpreted.

    An ESC byte in a facility name would otherwise start an escape sequence in the user's
    terminal; it is printed as the four characters `\\x1b` instead.
    """
    return _UNSAFE.sub(lambda match: f"\\x{ord(match.group()):02x}" if ord(match.group()) < 0x100
                       else f"\\u{ord(match.group()):04x}", text)
