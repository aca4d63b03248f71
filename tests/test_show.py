"""`show` through the command line: one site by id or name, its contacts, in all three formats."""

from __future__ import annotations

import pytest


def test_show_qingdao_has_both_contacts_with_roles_and_the_trial_contact(cli) -> None:
    run = cli("show", "Qingdao")
    assert run.exit_code == 0
    assert "Zhen Zhang, M.D. (primary)" in run.stdout
    assert "Xiaotao Zhang, M.D. (backup)" in run.stdout
    assert "Zhifang Yao, M.D.: 0760-8987 3999 (from abroad +86 760 8987 3999)" in run.stdout  # from abroad: no trunk 0
    data = cli("show", "qingdao", "--json").json()
    assert [c["role"] for c in data["site"]["investigators"]] == ["PRIMARY", "BACKUP"]
    central = data["trial"]["central_contacts"][0]
    assert (central["name"], central["phone"], central["phone_international"]) == \
        ("Zhifang Yao, M.D.", "+86-0760-89873999", "+86 760 8987 3999")  # the registry's text is kept


def test_show_by_id_and_the_gannan_note(cli) -> None:
    site = cli("show", "23", "--json").json()["site"]
    assert site["facility"] == "The First Affiliated Hospital of Gannan Medical University"
    assert "Ganzhou" in site["location_note"]


def test_show_ambiguous_fragment_lists_matches_and_exits_2(cli) -> None:
    run = cli("show", "Hunan Cancer")
    assert run.exit_code == 2 and run.stdout == ""
    assert "20 Hunan Cancer Hospital" in run.stderr and "21 Hunan Cancer Hospital" in run.stderr


@pytest.mark.parametrize("args", [["show", "99"], ["show", "no such hospital"]])
def test_show_unknown_site_exits_1(cli, args) -> None:
    run = cli(*args)
    assert run.exit_code == 1 and run.stdout == "" and run.stderr.startswith("Error: ")


@pytest.mark.parametrize("english, chinese", [("No Such Hospital", "不存在的医院")])
def test_a_site_query_in_chinese_that_matches_nothing_says_so_in_chinese(cli, english: str, chinese: str) -> None:
    said = cli("show", english)
    assert said.exit_code == 1 and "no site matches" in said.stderr
    asked = cli("show", chinese)
    assert asked.exit_code == 1 and asked.stdout == "" and asked.stderr.startswith("错误：")
    assert "no site matches" not in asked.stderr and chinese in asked.stderr and "sitefinder list" in asked.stderr
