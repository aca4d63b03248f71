"""What a person typed is said back exactly as typed: never re-punctuated, never read as markup,
and bounded. Each test failed before its fix."""

from __future__ import annotations

import pytest

from conftest import run_cli


@pytest.mark.parametrize("query, rest", [
    ("广州天河区 [bold red]x", "[bold red]x"),
    ("广州天河区 [bold 好 red]x", "[bold 好 red]x"),
    ("广州天河区 好 [bold red]x", "好 [bold red]x"),
    ("广州天河区 ab，cd", "ab，cd"),
    ("广州天河区 ab; cd", "ab; cd"),
    ("广州天河区 [link=http://x]y[/link]", "[link=http://x]y[/link]"),
    ("天河区, 广州, [bold red]x", "[bold red]x"),  # 广州 read as the district's city, written after it
    ("某路, 广州市, 广东省", "某路"),
    ("广州市天河区某某路100号 [i]x[/i]", "某某路100号 [i]x[/i]"),
])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_unread_rest_of_a_chinese_address_is_echoed_as_typed(query: str, rest: str, lang: str) -> None:
    run = run_cli("near", query, "--lang", lang)
    assert run.exit_code == 0, run.stderr
    said = {"zh": "其后的部分未使用：", "en": "ignored what follows: "}[lang]
    lines = [line for line in run.stderr.splitlines() if said in line]
    assert len(lines) == 1, run.stderr
    assert lines[0].split(said, 1)[1] == rest


def test_the_unread_rest_in_json_notices_is_as_typed() -> None:
    run = run_cli("near", "广州天河区 [bold red]x, y", "--json")
    assert run.exit_code == 0, run.stderr
    notices = [notice["text"] for notice in run.json()["notices"] if notice["key"] == "notice.china.rest_ignored"]
    assert [text.split("：")[-1] for text in notices] == ["[bold red]x, y"]


def test_a_long_unread_rest_is_cut() -> None:
    run = run_cli("near", "广州天河区 " + "[bold red]x " * 15)
    assert run.exit_code == 0, run.stderr
    line = next(line for line in run.stderr.splitlines() if "其后的部分未使用" in line)
    rest = line.split("：", 1)[1]
    assert rest.startswith("[bold red]x [bold red]x") and rest.endswith("…") and len(rest) <= 60
