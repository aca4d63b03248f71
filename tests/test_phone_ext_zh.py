"""A phone extension on a Chinese screen is written as Chinese writes it, 转 and the number at once
("0755-1234 5678 转123"), wherever a number is shown: a contact's own number and the other numbers
of a contact listed twice (kept as "… ext. N" in the data, the same in every language)."""

from __future__ import annotations

import pytest

from sitefinder.contacts import contact_line, contacts_from_list, dialable, people
from sitefinder.models import Contact

PHONES = [
    {"phone": "020-8888 1234", "phone_ext": "123"},
    {"phone": "+886 4 2359 2525", "phone_ext": "4755"},
    {"phone": "+1 210 632 5444", "phone_ext": "12"},
]


@pytest.mark.parametrize("phone", PHONES, ids=[phone["phone"] for phone in PHONES])
def test_an_extension_is_zhuan_and_its_number_in_chinese(phone: dict[str, str]) -> None:
    contact = Contact(name="A. Li", role="CONTACT", **phone)
    assert dialable(contact, "zh").endswith(f" 转{phone['phone_ext']}"), dialable(contact, "zh")
    assert "ext." not in dialable(contact, "zh") and "ext." not in contact_line(contact, lang="zh")
    assert dialable(contact, "en").endswith(f" ext. {phone['phone_ext']}")


def test_the_other_numbers_of_a_contact_listed_twice_say_their_extension_in_chinese() -> None:
    merged, = people(contacts_from_list([{"name": "A. Li", "role": "PRIMARY", "phone": "020-8888 1234", "phone_ext": "1"},
                                  {"name": "A. Li", "role": "CONTACT", "phone": "020-8888 9999", "phone_ext": "2"}]))
    assert merged.more_phones == ("020-8888 9999 ext. 2",)  # the data: as in every language
    line = contact_line(merged, lang="zh")
    assert "020-8888 9999 转2" in line and "ext." not in line, line
    assert "020-8888 9999 ext. 2" in contact_line(merged, lang="en")
