"""The table and key/value layout, through plain function calls: widths, wrapping, the box."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitefinder.layout import cell_width, field_lines, fit_columns, table_lines, wrap

# Latin and Chinese words, a combining accent and an emoji: what sites files and queries hold.
WORDS = st.lists(st.sampled_from(["Hospital", "of", "Zhejiang", "泰州", "第一人民医院", "Ürümqi", "e\u0301", "🏥",
                                  "The", "Affiliated", "University", "x" * 40, "M.D.", "(trial)", "1,234.5"]),
                 max_size=12).map(" ".join)


@pytest.mark.parametrize(("text", "width"), [
    ("Taizhou", 7), ("泰州", 4), ("江苏泰州 Hospital", 17), ("e\u0301", 1), ("🏥", 2), ("", 0), ("Ürümqi", 6),
    ("ＡＢ１", 6),  # fullwidth Latin and digits, as Chinese input methods type them
])
def test_cell_width_counts_terminal_columns(text: str, width: int) -> None:
    assert cell_width(text) == width


def test_wrap_breaks_between_words_and_folds_what_cannot_fit() -> None:
    assert wrap("The First Affiliated Hospital", 12) == ["The First", "Affiliated", "Hospital"]
    assert wrap("Rehabilitation", 6) == ["Rehabi", "litati", "on"]
    assert wrap("浙江省台州医院", 6) == ["浙江省", "台州医", "院"]  # three wide characters fill six columns
    assert wrap("", 10) == [""]
    assert wrap("泰州", 1) == ["泰", "州"]  # a column too narrow for one character still moves on


@settings(max_examples=300, derandomize=True, deadline=None)
@given(text=WORDS, width=st.integers(min_value=2, max_value=50))
def test_wrap_keeps_every_character_and_the_width(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cell_width(line) <= width for line in lines)
    assert "".join("".join(line.split()) for line in lines) == "".join(text.split())


def test_fit_columns_takes_from_the_widest_first_and_keeps_words_whole() -> None:
    # natural widths 2, 40, 8, 20; longest words 2, 10, 8, 6; 50 columns to spare
    assert fit_columns([2, 40, 8, 20], [2, 10, 8, 6], 50) == [2, 20, 8, 20]
    assert fit_columns([2, 40, 8, 20], [2, 10, 8, 6], 30) == [2, 10, 8, 10]
    assert fit_columns([2, 40, 8, 20], [2, 10, 8, 6], 100) == [2, 40, 8, 20]  # room: nothing wraps
    assert sum(fit_columns([2, 40, 8, 20], [2, 10, 8, 6], 12)) == 12  # no room even for words: fold them


def test_table_is_drawn_whole_with_numbers_on_the_right() -> None:
    lines = table_lines(["#", "Name", "km"], [["1", "Alpha Beta", "5.0"], ["10", "泰州 Hospital", "123.4"]],
                        width=80, right=[True, False, True])
    assert lines == [
        "┏━━━━┳━━━━━━━━━━━━━━━┳━━━━━━━┓",
        "┃  # ┃ Name          ┃    km ┃",
        "┡━━━━╇━━━━━━━━━━━━━━━╇━━━━━━━┩",
        "│  1 │ Alpha Beta    │   5.0 │",
        "│ 10 │ 泰州 Hospital │ 123.4 │",
        "└────┴───────────────┴───────┘",
    ]


def test_a_narrow_table_wraps_the_widest_column_and_stays_aligned() -> None:
    lines = table_lines(["#", "Name", "km"], [["1", "Alpha Beta", "5.0"], ["10", "泰州 Hospital", "123.4"]],
                        width=26, right=[True, False, True], ascii_only=True)
    assert lines == [
        "+----+-----------+-------+",
        "|  # | Name      |    km |",
        "+====+===========+=======+",
        "|  1 | Alpha     |   5.0 |",
        "|    | Beta      |       |",
        "| 10 | 泰州      | 123.4 |",
        "|    | Hospital  |       |",
        "+----+-----------+-------+",
    ]


def test_emphasis_wraps_header_text_only() -> None:
    lines = table_lines(["Name"], [["x"]], width=40, right=[False], bold="<b>", reset="</b>")
    assert lines[1] == "┃ <b>Name</b> ┃" and lines[3] == "│ x    │"


@settings(max_examples=200, derandomize=True, deadline=None)
@given(rows=st.lists(st.lists(WORDS, min_size=3, max_size=3), min_size=1, max_size=4),
       extra=st.integers(min_value=0, max_value=150))
def test_every_table_line_has_the_same_width_within_the_terminal(rows: list[list[str]], extra: int) -> None:
    width = 3 * 3 + 1 + 2 * 3 + extra  # the frame, and room for one wide character per column
    lines = table_lines(["A", "B", "C"], rows, width=max(width, 20), right=[False, True, False])
    widths = {cell_width(line) for line in lines}
    assert len(widths) == 1 and widths.pop() <= max(width, 20)


def test_fields_wrap_values_under_their_column() -> None:
    lines = field_lines([("Site", "30"), ("Facility", "Qingdao Central Hospital of Health"), ("", "second")],
                        width=25)
    assert lines == [
        "Site      30",
        "Facility  Qingdao Central",
        "          Hospital of",
        "          Health",
        "          second",
    ]
