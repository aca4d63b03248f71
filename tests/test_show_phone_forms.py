"""A text that is a phone number, in any written form, is looked up as a phone number: `show
+8613800138000` (a number typed with + and no spaces) said "no site has id '+8613800138000'",
while "+86 138 0013 8000" found the site. A site id is digits (as text.site_id_written reads one);
a number with a + or a separator is a number to call."""

from __future__ import annotations

import pytest

from conftest import make_site, run_cli
from sitefinder.models import Contact

MOBILE = "+86 138 0013 8000"
WRITTEN = ["+8613800138000", "+86 138 0013 8000", "+86-138-0013-8000", "+86 13800138000", "8613800138000",
           "13800138000", "138-0013-8000", "138 0013 8000", "(+86) 138 0013 8000", "+86.138.0013.8000",
           "008613800138000", "＋8613800138000", "+86 (138) 0013-8000"]


@pytest.mark.parametrize("written", WRITTEN)
def test_a_phone_number_in_any_written_form_finds_its_site(sites_file, written: str) -> None:
    path = sites_file(make_site(1, facility="Hospital One"),
                      make_site(2, facility="Hospital Two",
                                contacts=(Contact(name="Doctor Two", role="PRIMARY", phone=MOBILE),)))
    run = run_cli("show", written, "--sites", str(path), "--json")
    assert run.exit_code == 0, (written, run.stderr)
    assert run.json()["site"]["id"] == 2


@pytest.mark.parametrize("written", ["+7", "-1", "7.5", "1e3", "+12"])
def test_a_short_signed_number_is_still_no_id(sites_file, written: str) -> None:
    path = sites_file(make_site(1, facility="Hospital One"))
    run = run_cli("show", written, "--sites", str(path))
    assert run.exit_code == 1 and "an id is a whole number" in run.stderr, run.stderr


def test_a_phone_number_no_site_has_is_not_said_to_be_an_id(sites_file) -> None:
    path = sites_file(make_site(1, facility="Hospital One"))
    run = run_cli("show", "+8613900139000", "--sites", str(path))
    assert run.exit_code == 1 and "no site has id" not in run.stderr and "an id is" not in run.stderr, run.stderr


@pytest.mark.parametrize("written", ["+8613800138000", "+86 138 0013 8000", "138-0013-8000"])
def test_a_phone_number_typed_as_a_command_is_a_number_to_show(written: str) -> None:
    run = run_cli(written)
    assert run.exit_code == 2 and "sitefinder show " in run.stderr and "sitefinder near" not in run.stderr, run.stderr
