"""A contact person: the one shape it has in every file and output, and the one list of roles.

Sites files (the `contacts` column), trial.json (`central_contacts`) and JSON output all hold a
contact as `{"name", "role", "phone"?, "phone_ext"?, "email"?}`; the registry's API writes
`phoneExt` instead, which `contact_from_registry` reads. Nothing else builds or parses a contact.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sitefinder.models import Contact
from sitefinder.text import quoted

# The registry page's PRIMARY/BACKUP, then the API's values; ROLE_WORDS says each for people.
ROLE_WORDS = {
    "PRINCIPAL_INVESTIGATOR": "principal investigator", "SUB_INVESTIGATOR": "sub-investigator",
    "STUDY_CHAIR": "study chair", "STUDY_DIRECTOR": "study director", "CONTACT": "contact",
    "PRIMARY": "primary", "BACKUP": "backup",
}
CONTACT_ROLES = tuple(ROLE_WORDS)
# Whom a table names for a site: a principal investigator, else the primary contact, else a contact.
LEAD_ROLES = ("PRINCIPAL_INVESTIGATOR", "PRIMARY", "CONTACT")
OPTIONAL_FIELDS = ("phone", "phone_ext", "email", "phone_international")
MAX_CONTACT_CHARS = 300


def contact_to_dict(contact: Contact) -> dict[str, str]:
    """The stored and printed shape: name and role always, the other fields when they are known."""
    record = {"name": contact.name, "role": contact.role}
    record.update({key: value for key in OPTIONAL_FIELDS if (value := getattr(contact, key))})
    return record


def contacts_to_list(contacts: Iterable[Contact]) -> list[dict[str, str]]:
    return [contact_to_dict(contact) for contact in contacts]


def contact_from_dict(item: Any) -> Contact:
    """Read the stored shape strictly; a ValueError says what is wrong (the caller adds file and line)."""
    if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
        raise ValueError('each contact needs a "name"')
    role = item.get("role", "CONTACT")
    if not isinstance(role, str) or role.upper() not in CONTACT_ROLES:
        raise ValueError(f"contact role {quoted(role)} is not one of " + ", ".join(CONTACT_ROLES))
    extra = {key: item.get(key) or "" for key in OPTIONAL_FIELDS}
    if not all(isinstance(value, str) for value in extra.values()):
        raise ValueError("contact " + ", ".join(OPTIONAL_FIELDS) + " must be text")
    values = {"name": item["name"].strip(), **{key: value.strip() for key, value in extra.items()}}
    for key, value in values.items():
        if len(value) > MAX_CONTACT_CHARS:
            raise ValueError(f"contact {key} is {len(value)} characters long; at most {MAX_CONTACT_CHARS}")
    return Contact(role=role.upper(), **values)


def contacts_from_list(items: Any) -> tuple[Contact, ...]:
    if not isinstance(items, list):
        raise ValueError('contacts must be a JSON list like [{"name": "A. Li", "role": "PRIMARY"}]')
    return tuple(contact_from_dict(item) for item in items)


def contact_from_registry(item: dict[str, Any], region: str | None = None) -> Contact | None:
    """A contact in the registry's API shape; an unknown role becomes CONTACT, a nameless one None.

    `region`: the ISO code of the site's country, for a phone number written without its country code.
    """
    def text(key: str) -> str:
        value = item.get(key)
        return value.strip()[:MAX_CONTACT_CHARS] if isinstance(value, str) else ""

    if not text("name"):
        return None
    role = text("role").upper()
    return Contact(name=text("name"), role=role if role in CONTACT_ROLES else "CONTACT", phone=text("phone"),
                   phone_ext=text("phoneExt"), email=text("email"),
                   phone_international=international_number(text("phone"), region))


def international_number(phone: str, region: str | None = None) -> str:
    """The number as dialled from abroad, "+86 760 8987 3999" for "+86-0760-89873999" (the trunk 0
    goes), by Google's libphonenumber rules; "" when it is not a valid number.

    Called when data are imported, so that printing a table never pays phonenumbers' 30 ms import.
    """
    if not phone:
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(phone, region)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def dialable(contact: Contact, group_separator: str = " ") -> str:
    """The phone number to show people: the international form when known, else the registry's text."""
    phone = (contact.phone_international or contact.phone).replace(" ", group_separator)
    return phone + (f" ext. {contact.phone_ext}" if phone and contact.phone_ext else "")


def lead_contact(contacts: Sequence[Contact]) -> Contact | None:
    """The person to name in a table for a site."""
    for role in LEAD_ROLES:
        for contact in contacts:
            if contact.role == role:
                return contact
    return contacts[0] if contacts else None


def how_to_reach(contact: Contact, group_separator: str = " ") -> str:
    """Phone (with extension) and email, as one phrase; "" when the registry gives neither.

    `group_separator` "-" where Rich wraps the line: it breaks at every kind of space, no-break
    spaces included, and a phone number split over two lines is misread.
    """
    return ", ".join(part for part in (dialable(contact, group_separator), contact.email) if part)


def reachable_contact(contacts: Sequence[Contact]) -> Contact | None:
    """The contact to call for a site: the first, in lead-role order, with a phone or an email."""
    ordered = sorted(contacts, key=lambda c: LEAD_ROLES.index(c.role) if c.role in LEAD_ROLES else len(LEAD_ROLES))
    return next((contact for contact in ordered if how_to_reach(contact)), None)


def contact_line(contact: Contact, role_words: bool = True) -> str:
    """"Name (role): phone ext. N, email": the one way a contact is written as a line, for people
    (`show`, `info`, `update`) and, with the role's enum (`role_words` False), in CSV cells."""
    details = how_to_reach(contact)
    role = ROLE_WORDS.get(contact.role, contact.role.lower()) if role_words else contact.role
    return f"{contact.name} ({role})" + (f": {details}" if details else "")
