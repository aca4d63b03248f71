"""--within reads a distance as sitefinder prints one: "1,671.4 公里" in a table, so `--within
1,000` (refused as "需要一个数字") is 1000 km. Thousands are grouped by commas in threes, as the
tables write them (views.distance_cell, f"{km:,.1f}"); a comma that cannot be a thousands separator
("1,5", a decimal comma to some, 1.5 or 15 to others) is refused in a line that says how to write it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
import pytest

from conftest import run_cli
from sitefinder.errors import UsageError
from sitefinder.numbers import distance_km


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0.1, max_value=20_000_000, allow_nan=False), st.sampled_from(["", "km", " 公里", "千米"]))
def test_a_distance_as_the_tables_print_it_is_read_back(km: float, unit: str) -> None:
    printed = f"{km:,.1f}"
    assert distance_km(printed + unit) == float(printed.replace(",", ""))
    assert distance_km(f"{km:,.0f}{unit}") == round(km)  # grouped without decimals too


@pytest.mark.parametrize("typed", ["1,5", "1,50", "10,00", "1,0000", "1,000,00", ",500", "1,,000", "1,000,", "12,5km",
                                   "1,5 公里", "１，５"])
def test_a_comma_that_cannot_group_thousands_is_refused_saying_how_to_write_it(typed: str) -> None:
    with pytest.raises(UsageError) as caught:
        distance_km(typed)
    assert "1.5" in str(caught.value) and "1,500" in str(caught.value), str(caught.value)


def test_the_command_line_reads_a_grouped_distance() -> None:
    grouped = run_cli("near", "Guangzhou", "--within", "1,000", "--json")
    plain = run_cli("near", "Guangzhou", "--within", "1000", "--json")
    assert grouped.exit_code == 0 and grouped.stdout == plain.stdout, grouped.stderr
    zh = run_cli("near", "Guangzhou", "--within", "1,5", env={"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": "",
                                                               "LANGUAGE": ""})
    assert zh.exit_code == 2 and zh.stderr.startswith("错误：") and "1.5" in zh.stderr and "1,500" in zh.stderr, zh.stderr
