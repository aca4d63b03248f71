"""Every e-mail address and phone number of real registry records is on the screen whole, at a
phone's 40 columns as at 80: at 40, `near 广州 --by hospital` showed "clinical-trials-contact@bayer.co"
and "m" on the next line, `info` "clinical-trials-contact@b" / "ayer.com". A person copies a
contact whole: one that fits a line is on one line; one wider than the terminal is broken only
where contacts.copy_pieces says (after its "@", before a "." of its domain), never in its local part.

The dataset (tests/fixtures/contacts) is every site of the development set's 190 real records
with a phone or an e-mail, and a site of each trial whose central contact alone has one.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import run_cli

DATASET = Path(__file__).parent / "fixtures" / "contacts"
SITES = DATASET / "sites.csv"
WIDTHS = [40, 80]


def _contacts() -> tuple[list[tuple[int, dict]], list[tuple[str, dict]]]:
    with SITES.open(encoding="utf-8", newline="") as file:
        sites = [(int(row["id"]), contact) for row in csv.DictReader(file) for contact in json.loads(row["contacts"])]
    trials = json.loads((DATASET / "trials.json").read_text(encoding="utf-8"))["trials"]
    return sites, [(trial["nct_id"], contact) for trial in trials for contact in trial.get("central_contacts", [])]


SITE_CONTACTS, CENTRAL_CONTACTS = _contacts()


def copied(contact: dict) -> list[str]:
    """What a person copies of a contact: its e-mail, and its number in each form shown (the
    registry's text where no form was worked out, when it is a number: not "only use Email")."""
    numbers = [contact.get("phone_national"), contact.get("phone_international")] \
        if contact.get("phone_international") else [contact.get("phone")]
    numbers = [number for number in numbers if number and sum(map(str.isdigit, number)) >= 7]
    return [value for value in (contact.get("email"), *numbers) if value]


def whole_in(screen: str, value: str, width: int) -> bool:
    """`value` on one line of the screen; an address wider than the value column of a key/value
    field (the terminal's width less the names', a third of it at most: terminal._names_width) may
    run on over the lines below, in that column, each break after its "@" or before a "." of its
    domain, its local part on one line (folded in the column only when it is wider than that)."""
    lines = [line.strip() for line in screen.splitlines()]
    if any(value in line for line in lines):
        return True
    room = width - max(width // 3, 8) - 2
    if len(value) <= room or "@" not in value:
        return False
    local = value.rpartition("@")[0] + "@"
    for index, line in enumerate(lines):  # each line whose last word begins the value, till one rejoins it
        words = line.split()
        last = words[-1] if words else ""
        joined = next((last[at:] for at in range(len(last)) if value.startswith(last[at:])), "")
        if not joined.startswith(local[:min(len(local), room)]):
            continue
        for following in lines[index + 1:]:
            if len(joined) >= len(value) or not following:
                break
            at = len(joined)  # where the line broke the value
            if not (value[at - 1] == "@" or value[at] == "." or (len(local) > room and at < len(local))):
                break
            joined += following.split()[0]
        if joined.startswith(value):
            return True
    return False


def screen(*args: str, width: int) -> str:
    run = run_cli(*args, "--sites", str(SITES), env={"COLUMNS": str(width)})
    assert run.exit_code == 0, run.stderr
    return run.stdout


@pytest.mark.parametrize("width", WIDTHS)
def test_show_gives_every_sites_contacts_whole(width: int) -> None:
    missing = []
    for site_id in sorted({site_id for site_id, _ in SITE_CONTACTS}):
        shown = screen("show", str(site_id), width=width)
        missing += [(site_id, value) for each_id, contact in SITE_CONTACTS if each_id == site_id
                    for value in copied(contact) if not whole_in(shown, value, width)]
    assert not missing, missing


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", WIDTHS)
def test_info_gives_every_central_contact_whole(width: int, lang: str) -> None:
    missing = []
    for nct_id in sorted({nct_id for nct_id, _ in CENTRAL_CONTACTS}):
        shown = screen("info", nct_id, "--lang", lang, width=width)
        missing += [(nct_id, value) for each_id, contact in CENTRAL_CONTACTS if each_id == nct_id
                    for value in copied(contact) if not whole_in(shown, value, width)]
    assert not missing, missing


@pytest.mark.parametrize("place", ["Guangzhou", "广州", "Paris", "Boston"])
@pytest.mark.parametrize("width", WIDTHS)
def test_near_by_hospital_gives_whom_to_call_whole(width: int, place: str) -> None:
    """Every hospital of the dataset, whom to call about each listing (its own contact, else the trial's)."""
    run = run_cli("near", place, "--by", "hospital", "--all", "--limit", "1000", "--sites", str(SITES), "--json")
    calls = [listing["call"] for hospital in run.json()["hospitals"] for trial in hospital["trials"]
             for listing in trial["listings"] if listing.get("call")]
    assert len(calls) > 100
    shown = screen("near", place, "--by", "hospital", "--all", "--limit", "1000", width=width)
    missing = {value for call in calls for value in copied(call) if not whole_in(shown, value, width)}
    assert not missing, sorted(missing)


@pytest.mark.parametrize("width", WIDTHS)
def test_near_says_whom_to_call_whole(width: int) -> None:
    run = run_cli("near", "Paris", "--all", "--limit", "1000", "--sites", str(SITES), env={"COLUMNS": str(width)})
    assert run.exit_code == 0, run.stderr
    values = {value for _, contact in SITE_CONTACTS for value in copied(contact) if value in
              " ".join(run.stdout.split()).replace("@ ", "@").replace(" .", ".")}
    assert len(values) > 20  # the footer names whom to call at many sites
    assert not [value for value in values if not whole_in(run.stdout, value, width)]


def test_the_widest_address_is_broken_only_where_a_reader_rejoins_it() -> None:
    """Wider than a phone's line (50 characters): after its "@", the rest before a "." of its
    domain, every line of it in the value column (its local part, wider than that column, folded there)."""
    widest = max((value for _, contact in SITE_CONTACTS + CENTRAL_CONTACTS for value in copied(contact)
                  if "@" in value), key=len)
    assert len(widest) > 40
    site_id = next(site_id for site_id, contact in SITE_CONTACTS if contact.get("email") == widest)
    shown = screen("show", str(site_id), width=40)
    assert widest not in shown and whole_in(shown, widest, 40)
    lines = shown.splitlines()
    first = next(index for index, line in enumerate(lines) if widest.startswith(line.split()[-1] if line.split() else "-"))
    column = len(lines[first]) - len(lines[first].split()[-1])
    domain = widest.rpartition("@")[2]
    rest = lines[first + 1:first + 4]
    assert all(len(line) - len(line.lstrip()) == column for line in rest if line.strip() in widest), (column, lines)
    assert any(lines[at].rstrip().endswith("@") and lines[at + 1].strip().startswith(domain.split(".")[0])
               for at in range(first, first + 3)), shown  # broken after the "@"


def test_an_address_breaks_only_after_its_at_or_before_a_dot_of_its_domain() -> None:
    """The rule itself (contacts.copy_pieces), over every address of the dataset and a URL."""
    from sitefinder.contacts import copy_pieces

    addresses = {contact["email"] for _, contact in SITE_CONTACTS + CENTRAL_CONTACTS if contact.get("email")}
    assert len(addresses) > 150
    for address in addresses:
        pieces = copy_pieces(address)
        local = address.rpartition("@")[0]
        assert "".join(pieces) == address and pieces[0] == local + "@", pieces
        assert all(piece.startswith(".") for piece in pieces[2:]), pieces
    assert copy_pieces("https://clinicaltrials.gov/study/NCT07010263") == [
        "https://clinicaltrials.gov/", "study/", "NCT07010263"]
    assert copy_pieces("Supercalifragilisticexpialidocious") == ["Supercalifragilisticexpialidocious"]


def test_a_number_is_one_piece_however_it_is_written() -> None:
    from sitefinder.lines import wrap_words

    for number in ("1 (210) 632-5444", "+33 (0)4 66 68 32 21", "+86 760 8987 3999", "01 42 11 40 79"):
        for width in range(5, 30):
            lines = wrap_words(f"Call Dr Li, {number}, or the desk", width)
            assert number + "," in lines or any(number in line for line in lines), (width, lines)
