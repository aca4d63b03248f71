"""People's words in Simplified characters, wherever Traditional ones are not asked for.

The catalogue and the mainland's names are Simplified; the names of Taiwan, Hong Kong and Macau
are kept in the gazetteer as written there (臺北市, 花蓮縣, 澳門), and a hospital's Chinese name may
be too. A person who reads Simplified (`--lang zh`, zh-CN, a zh_CN locale, a Chinese query under
any other) reads every place so (台北市, 花莲县, 澳门): by OpenCC's TSCharacters, a character at a
time (data/simplified.tsv, built by scripts/build_simplified.py; the table china.py reads Traditional
queries by). A character that is a Simplified form itself (乾 of 乾安县, 於) is kept.

JSON and CSV are data for scripts and keep the names as the data write them.
"""

from __future__ import annotations

import functools

from sitefinder.paths import data_dir

TABLE_FILE = "simplified.tsv"


@functools.lru_cache(maxsize=1)
def table() -> dict[int, str]:
    """Traditional character → its Simplified form, by code point as str.translate asks; read once
    (26 KB, 3,203 characters: about a millisecond), and only when a Chinese text is shown."""
    with open(data_dir() / TABLE_FILE, encoding="utf-8") as handle:
        return {ord(line[0]): line[2] for line in handle if not line.startswith("#")}


def simplified(text: str) -> str:
    """`text` with every Traditional character that is not also Simplified in its Simplified form."""
    return text if text.isascii() else text.translate(table())
