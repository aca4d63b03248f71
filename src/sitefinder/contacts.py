"""A contact person: the one shape it has in every file and output, and the one list of roles.

Sites files (the `contacts` column), trial.json (`central_contacts`) and JSON output all hold a
contact as `{"name", "role", "phone"?, "phone_ext"?, "email"?}`; the registry's API writes
`phoneExt` instead, which `contact_from_registry` reads. Nothing else builds or parses a contact.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from sitefinder.models import Contact
from sitefinder.text import MIN_NUMBER_DIGITS, entered, quoted

# The registry page's PRIMARY/BACKUP, then the API's values; ROLE_WORDS says each for people.
ROLE_WORDS = {
    "PRINCIPAL_INVESTIGATOR": "principal investigator", "SUB_INVESTIGATOR": "sub-investigator",
    "STUDY_CHAIR": "study chair", "STUDY_DIRECTOR": "study director", "CONTACT": "contact",
    "PRIMARY": "primary", "BACKUP": "backup",
}
CONTACT_ROLES = tuple(ROLE_WORDS)
# Whom a table names for a site: a principal investigator, else the primary contact, else a contact.
LEAD_ROLES = ("PRINCIPAL_INVESTIGATOR", "PRIMARY", "CONTACT")
OPTIONAL_FIELDS = ("phone", "phone_ext", "email", "phone_international", "phone_national")
# Between the two forms of a number, and in no other place: people copy one of them whole.
ABROAD_WORDS = "from abroad"
MAX_CONTACT_CHARS = 300
_ROLES = frozenset(CONTACT_ROLES)
_NAME_AND_ROLE = frozenset(("name", "role"))


def contact_to_dict(contact: Contact) -> dict[str, str]:
    """The stored and printed shape: name and role always, the other fields when they are known."""
    record = {"name": contact.name, "role": contact.role}
    record.update({key: value for key in OPTIONAL_FIELDS if (value := getattr(contact, key))})
    return record


def contacts_to_list(contacts: Iterable[Contact]) -> list[dict[str, str]]:
    return [contact_to_dict(contact) for contact in contacts]


def person_to_dict(contact: Contact) -> dict[str, Any]:
    """A contact as JSON output gives it: the stored shape and, for a person the registry listed
    more than once (people), `roles` (every role held, `role` first) when there are several, and
    `more_phones` and `more_emails` when the other entries had other numbers or emails: optional
    keys, absent when there is nothing to say, as the stored shape's are."""
    record: dict[str, Any] = {"name": contact.name, "role": contact.role}
    if contact.roles:
        record["roles"] = list(contact.roles)
    record.update({key: value for key in OPTIONAL_FIELDS if (value := getattr(contact, key))})
    if contact.more_phones:
        record["more_phones"] = list(contact.more_phones)
    if contact.more_emails:
        record["more_emails"] = list(contact.more_emails)
    return record


def people_to_list(contacts: Sequence[Contact]) -> list[dict[str, Any]]:
    """The people of a list of contacts as JSON output gives them: each person once (people)."""
    return [person_to_dict(contact) for contact in people(contacts)]


# The roles of one person, the most telling first: the person's `role` when entries are merged.
ROLE_ORDER = ("PRINCIPAL_INVESTIGATOR", "SUB_INVESTIGATOR", "STUDY_CHAIR", "STUDY_DIRECTOR", "PRIMARY", "BACKUP",
              "CONTACT")
# Degrees, titles and posts written after a name (", M.D.", ", Postdoc") or before it ("Dr.", "Prof."),
# folded and without their dots: "Ph.D" is phd. Not a name's own words ("Jr", a given name after a comma).
DEGREES = frozenset((
    "md", "phd", "mdphd", "dr", "prof", "professor", "doctor", "postdoc", "mph", "msc", "ms", "msci", "mbbs", "mbchb",
    "mr", "mrs", "miss", "mba", "rn", "bsn", "msn", "np", "pa", "pac", "pharmd", "do", "dds", "dmd", "dphil",
    "mphil", "facp", "facs", "frcp", "frcpc", "frcs", "mrcp", "bs", "ba", "bsc", "ma", "mmed", "mm", "crc",
    "ccrp", "ccrc", "aprn", "msce", "mhs", "mhsc", "assoc", "associate", "assistant", "chief", "physician",
    "attending", "director", "investigator", "principal", "pi", "sir", "madam",
    # as Chinese records write them after a name: 博士 (PhD), 教授, 主任, 医生, 主任医师, …
    "博士", "硕士", "教授", "副教授", "主任", "副主任", "医生", "医师", "主任医师", "副主任医师", "主治医师", "研究员",
))


def _degree(word: str) -> bool:
    from sitefinder.text import fold

    return fold(word.replace(".", "").replace("-", "")) in DEGREES


def person_key(name: str) -> tuple[str, ...]:
    """Who a contact's name names: its words, folded, without the degrees and titles written with
    it ("Yang Liang, Postdoc", "Dr. Yang Liang" and "YANG LIANG" are one person; "Li, Wei" and
    "Li, Na" two: a given name after a comma is no degree). A name of nothing but titles is itself."""
    from sitefinder.text import fold

    parts = [part.strip() for part in name.replace("，", ",").split(",")]  # a full-width comma too
    while len(parts) > 1 and all(_degree(word) for word in parts[-1].split()):
        parts.pop()
    words = [word for word in re.split(r"[\s.]+", " ".join(parts)) if word]
    while len(words) > 1 and _degree(words[0]):
        words.pop(0)
    while len(words) > 1 and _degree(words[-1]):
        words.pop()
    return tuple(fold(word) for word in words) or (fold(name),)


def people(contacts: Sequence[Contact]) -> tuple[Contact, ...]:
    """The contacts of a site or trial, each person once: the registry lists a site's investigator
    as CONTACT ("Yang Liang", with the phone) and again as PRINCIPAL_INVESTIGATOR ("Yang Liang,
    Postdoc"). Entries of one person (person_key) are one contact, where the first came: the
    richer (longer) form of the name, every role (the most telling first, as `role`), the first
    phone and email and the others beside them; exact duplicates are one. Every view and output
    reads contacts through this, so that show, near, JSON and CSV agree."""
    if len(contacts) < 2:
        return tuple(contacts)
    groups: dict[tuple[str, ...], list[Contact]] = {}
    for contact in contacts:
        groups.setdefault(person_key(contact.name), []).append(contact)
    if len(groups) == len(contacts):
        return tuple(contacts)
    return tuple(_merged(group) for group in groups.values())


def _merged(group: list[Contact]) -> Contact:
    first = group[0]
    if all(contact == first for contact in group):
        return first
    roles = tuple(sorted({role for contact in group for role in (contact.roles or (contact.role,))},
                         key=lambda role: ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER)))
    phoned = next((contact for contact in group if contact.phone), first)
    phones = [_phone_text(contact.phone, contact.phone_ext) for contact in group if contact.phone]
    phones += [phone for contact in group for phone in contact.more_phones]
    emails = [contact.email for contact in group if contact.email] + [e for c in group for e in c.more_emails]
    return Contact(name=max((contact.name for contact in group), key=len), role=roles[0], phone=phoned.phone,
                   phone_ext=phoned.phone_ext, email=emails[0] if emails else "",
                   phone_international=phoned.phone_international, phone_national=phoned.phone_national,
                   roles=roles if len(roles) > 1 else (), more_phones=_others(phones, _digits),
                   more_emails=_others(emails, str.casefold))


def _phone_text(phone: str, ext: str, lang: str | None = "en") -> str:
    """A number with its extension, the one way: "020-8888 1234 ext. 12" (the data's and English
    form), on a Chinese screen as Chinese writes it, 转 and the number at once ("… 转12")."""
    if not ext:
        return phone
    return f"{phone} ext. {ext}" if lang != "zh" else _say("phone.ext", lang, phone=phone, ext=ext)


def _phone_said(text: str, lang: str | None) -> str:
    """One of a contact's other numbers (`more_phones`, kept as _phone_text writes it in English) in `lang`."""
    phone, ext_word, ext = text.rpartition(" ext. ")
    return _phone_text(phone, ext, lang) if ext_word and lang == "zh" else text


def _others(values: list[str], key: Any) -> tuple[str, ...]:
    """The values after the first that differ from it and from each other (by `key`)."""
    seen, others = set(), []
    for index, value in enumerate(values):
        if key(value) not in seen:
            seen.add(key(value))
            if index:
                others.append(value)
    return tuple(others)


def contact_from_dict(item: Any) -> Contact:
    """Read the stored shape strictly; a ValueError says what is wrong (the caller adds file and line)."""
    name, role, (phone, phone_ext, email, phone_international, phone_national) = _checked_contact(item)
    return Contact(name=name, role=role, phone=phone, phone_ext=phone_ext, email=email,
                   phone_international=phone_international, phone_national=phone_national)


def contact_record(item: Any) -> dict[str, str]:
    """contact_to_dict(contact_from_dict(item)) by the same checks, without a Contact built and taken
    apart again: a large sites file's index stores each row's contacts in this shape (at 1M rows the
    round trip cost about 3 s of CPU)."""
    name, role, extra = _checked_contact(item)
    record = {"name": name, "role": role}
    if any(extra):
        record.update({key: value for key, value in zip(OPTIONAL_FIELDS, extra) if value})
    return record


def _checked_contact(item: Any) -> tuple[str, str, list[str]]:
    """The name, the role and the OPTIONAL_FIELDS ("" when absent) of a contact in the stored shape,
    stripped; a ValueError says what is wrong. The one place that shape's rules are checked."""
    if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
        from sitefinder.wording import said

        raise ValueError(said("contact.no_name"))
    role = item.get("role", "CONTACT")
    if not isinstance(role, str) or role.upper() not in _ROLES:
        from sitefinder.wording import said

        raise ValueError(said("contact.bad_role", role=quoted(role), roles=", ".join(CONTACT_ROLES)))
    name = item["name"].strip()
    if item.keys() <= _NAME_AND_ROLE:  # most contacts of a sites file: nothing optional to look at
        extra = [""] * len(OPTIONAL_FIELDS)
        values = [name]
    else:
        # lists, not dicts, and one length check for all: a sites file's index build reads a contact a
        # row (at 100k rows this function took 2.6 s of a 21 s cProfile'd build, now about half)
        extra = [item.get(key) or "" for key in OPTIONAL_FIELDS]
        if not all(isinstance(value, str) for value in extra):
            from sitefinder.wording import said

            raise ValueError(said("contact.not_text", fields=", ".join(OPTIONAL_FIELDS)))
        extra = [value.strip() for value in extra]
        values = [name, *extra]
    if max(map(len, values)) > MAX_CONTACT_CHARS:
        key, value = next((key, value) for key, value in zip(("name", *OPTIONAL_FIELDS), values)
                          if len(value) > MAX_CONTACT_CHARS)
        from sitefinder.wording import said
        raise ValueError(said("contact.too_long", field=key, length=len(value), most=MAX_CONTACT_CHARS))
    return name, role.upper(), extra


def contacts_from_list(items: Any) -> tuple[Contact, ...]:
    return tuple(contact_from_dict(item) for item in _listed(items))


def contact_records(items: Any) -> list[dict[str, str]]:
    """contacts_to_list(contacts_from_list(items)): the same checks, the stored shape (contact_record)."""
    return [contact_record(item) for item in _listed(items)]


def _listed(items: Any) -> list[Any]:
    if not isinstance(items, list):
        from sitefinder.wording import said
        raise ValueError(said("contact.not_list"))
    return items


# The stored text of a row's contacts (a large sites file's index keeps it): their stored shape as
# JSON, ensure_ascii=False with the default separators, "" for none. json.dumps builds its encoder
# for every call, and JSONEncoder.encode its C encoder: the same C encoder, built once, writes the
# same text.
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)
_C_ENCODER = getattr(json.encoder, "c_make_encoder", None)
_LIST_ENCODER = None if _C_ENCODER is None else _C_ENCODER(
    None, _ENCODER.default, json.encoder.encode_basestring, None, ": ", ", ", False, False, True)
_JSON_SCAN = json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # what json.loads applies after skipping _JSON_SPACE
_JSON_SPACE = " \t\n\r"


# Compiled the first time a batch of contacts columns is read (an index build): compiling it took
# about 11 M instructions (3-4 ms) of every command that imports this module, `import` and `show`
# included, which never use it.
@functools.cache
def _stored_form() -> re.Pattern[str]:
    """The text of a contacts column that is already its stored text: a list of contacts, each its
    name, its role as CONTACT_ROLES spell it, then the OPTIONAL_FIELDS it has in their order, every
    value stripped, not empty, at most MAX_CONTACT_CHARS long and written as the encoder writes it
    (no quote, backslash or control character to escape). Such a text passes _checked_contact as it
    stands, and contact_records then the encoder give it back unchanged; any other text is parsed."""
    # \s is what str.strip removes (both ask Py_UNICODE_ISSPACE)
    plain, edge = r'[^"\\\x00-\x1f]', r'[^"\\\x00-\x1f\s]'
    value = f'"{edge}(?:{plain}{{0,{MAX_CONTACT_CHARS - 2}}}{edge})?"'
    roles = "|".join(CONTACT_ROLES)
    contact = (f'\\{{"name": {value}, "role": "(?:{roles})"'
               + "".join(f'(?:, "{key}": {value})?' for key in OPTIONAL_FIELDS) + "\\}")
    return re.compile(f"\\[{contact}(?:, {contact})*\\]")


def stored_text(records: list[dict[str, str]]) -> str:
    """The stored text of contacts in their stored shape (contact_records'), "" for none."""
    if not records:
        return ""
    return _ENCODER.encode(records) if _LIST_ENCODER is None else "".join(_LIST_ENCODER(records, 0))


def stored_texts(texts: Sequence[str]) -> list[str] | None:
    """The stored text of each contacts column's text (a JSON list of contacts, or blank for none),
    by the checks of contact_records; None when one is not a list of contacts, which the caller
    then reads by the full checks (they say what is wrong). A text already in its stored form is
    matched by one precompiled pattern, neither parsed nor written again: at 100k rows of the
    synthetic file parsing, checking and writing each row's contacts took about a quarter of the build."""
    stored = _stored_form().fullmatch
    if all(map(stored, texts)):
        return list(texts)
    results: list[str] = []
    for text in texts:
        if stored(text):
            results.append(text)
        elif not text.strip():
            results.append("")
        else:
            # json.loads(text), without its three Python calls: the value, then nothing but JSON's white space
            text = text.strip(_JSON_SPACE)
            try:
                items, end = _JSON_SCAN(text, 0)
                if end != len(text):
                    return None
                results.append(stored_text(contact_records(items)))
            except (ValueError, RecursionError, StopIteration):  # StopIteration: no JSON value at all
                return None
    return results


def contact_from_registry(item: dict[str, Any], region: str | None = None) -> Contact | None:
    """A contact in the registry's API shape; an unknown role becomes CONTACT, a nameless one None.

    `region`: the ISO code of the site's country, for a phone number written without its country code.
    """
    def text(key: str) -> str:
        value = item.get(key)
        return entered(value)[:MAX_CONTACT_CHARS] if isinstance(value, str) else ""  # as importer's fields

    if not text("name"):
        return None
    role = text("role").upper()
    international, national = phone_forms(text("phone"), region)
    return Contact(name=text("name"), role=role if role in CONTACT_ROLES else "CONTACT", phone=text("phone"),
                   phone_ext=text("phoneExt"), email=text("email"),
                   phone_international=international, phone_national=national)


def phone_forms(phone: str, region: str | None = None) -> tuple[str, str]:
    """The number as dialled from abroad and, for a Chinese number, as dialled inside China:
    ("+86 760 8987 3999", "0760-8987 3999") for "+86-0760-89873999"; ("", "") when it is not a
    valid number. By Google's libphonenumber rules; the area code is joined by a hyphen as Chinese
    hospitals write it (0760-8987 3999), a mobile number (138 0013 8000) has none.

    Called when data are imported, so that printing a table never pays phonenumbers' import.
    Each distinct (number, region) is worked out once per process (a study repeats its central
    contact's number at many sites).
    """
    if not phone:
        return "", ""
    return _phone_forms(phone, region)


@functools.lru_cache(maxsize=4096)  # bounded: a hostile answer of distinct numbers is worked out again
def _phone_forms(phone: str, region: str | None) -> tuple[str, str]:
    import phonenumbers

    try:
        number = phonenumbers.parse(phone, region)
    except phonenumbers.NumberParseException:
        return "", ""
    if not phonenumbers.is_valid_number(number):
        return "", ""
    international = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    if number.country_code != 86:
        return international, ""
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    if national.startswith("0"):
        national = national.replace(" ", "-", 1)
    return international, national


def international_number(phone: str, region: str | None = None) -> str:
    """The number as dialled from abroad (see phone_forms); "" when it is not a valid number."""
    return phone_forms(phone, region)[0]


def dialable(contact: Contact, lang: str | None = "en") -> str:
    """The phone number to show people, one way in every view: "0760-8987 3999 (from abroad +86 760
    8987 3999)" for a Chinese number, else the international form, else the registry's text."""
    if contact.phone_national and contact.phone_international:
        abroad = ABROAD_WORDS if lang != "zh" else _say("call.abroad", lang)
        phone = f"{contact.phone_national} ({abroad} {contact.phone_international})"
    else:
        phone = contact.phone_international or contact.phone
    return _phone_text(phone, contact.phone_ext, lang) if phone else phone


# Where a line may break inside what a person copies from a contact: the one rule, read by every
# view's wrapping (lines.wrap_words: table cells, key/value fields, footers, notices, map legends).
# A phone number is never broken: its words are one piece ("+86 760 8987 3999", "1 (210) 632-5444").
# An e-mail address or a URL is one word, on a line of its own where it does not fit beside other
# words; only one wider than the whole line is broken, and only where a reader rejoins it without
# doubt: an address after its "@" and before a "." of its domain (never in its local part, where a
# "." or "-" is part of the name), a URL after a "/" of its path. No hyphen is added at a break.

def number_goes_on(before: str, word: str) -> bool:
    """Whether `word` goes on with the phone number that the word `before` ends, so that no line
    breaks at the space between them: "8987" and "3999", "1" and "(210)", "(0)4" and "66"."""
    return (before[-1:].isdigit() or before[-1:] == ")" and before[-2:-1].isdigit()) \
        and (word[:1].isdigit() or word[:1] == "(" and word[1:2].isdigit())


def copy_pieces(word: str) -> list[str]:
    """The pieces a word wider than its line may be broken into (see the rule above), joined they
    are the word: ["franck-emmanuel.nicolini@", "lyon", ".unicancer", ".fr"]; [word] for any other."""
    local, at, domain = word.rpartition("@")  # the last "@": what comes before it is the local part
    if at and local and "." in domain:
        labels = domain.split(".")
        return [local + at, labels[0], *("." + label for label in labels[1:])]
    if "://" in word:
        scheme, _, rest = word.partition("://")
        host, slash, path = rest.partition("/")
        folders = path.split("/")
        return [f"{scheme}://{host}{slash}", *(folder + "/" for folder in folders[:-1]), folders[-1]] if path \
            else [word]
    return [word]


def _say(key: str, lang: str, **values: object) -> str:
    from sitefinder.wording import say  # only for words in Chinese: English lines never import the catalogue

    return say(key, lang, **values)


def lead_contact(contacts: Sequence[Contact]) -> Contact | None:
    """The person to name in a table for a site (each person once: people)."""
    contacts = people(contacts)
    for role in LEAD_ROLES:
        for contact in contacts:
            if contact.role == role:
                return contact
    return contacts[0] if contacts else None


def how_to_reach(contact: Contact, lang: str | None = "en") -> str:
    """Phone (with extension) and email, as one phrase; "" when the registry gives neither. A view
    that wraps it keeps the number and the address whole (number_goes_on, copy_pieces)."""
    return ", ".join(part for part in (dialable(contact, lang), contact.email) if part)


def reachable_contact(contacts: Sequence[Contact]) -> Contact | None:
    """The contact to call for a site: the first, in lead-role order, with a phone or an email."""
    contacts = people(contacts)
    ordered = sorted(contacts, key=lambda c: LEAD_ROLES.index(c.role) if c.role in LEAD_ROLES else len(LEAD_ROLES))
    return next((contact for contact in ordered if how_to_reach(contact)), None)


def contact_line(contact: Contact, role_words: bool = True, lang: str | None = "en") -> str:
    """"Name (role): phone ext. N, email": the one way a contact is written as a line, for people
    (`show`, `info`, `update`) and, with the role's enum (`role_words` False), in CSV cells. For
    people a plain contact's role says nothing and is left out ("Contact" beside "(contact)").
    `lang` "zh": the role and the extension in Chinese (主要研究者, 转12), for people only."""
    details = ", ".join(part for part in (how_to_reach(contact, lang),
                                          *(_phone_said(phone, lang) for phone in contact.more_phones),
                                          *contact.more_emails) if part)

    def said(role: str) -> str:
        if not role_words:
            return role
        if lang == "zh" and role in ROLE_WORDS:
            return _say(f"role.{role}", lang)
        return ROLE_WORDS.get(role, role.lower())

    roles = contact.roles or (contact.role,)
    shown = f" ({', '.join(map(said, roles))})" if not role_words or roles != ("CONTACT",) else ""
    return contact.name + shown + (f": {details}" if details else "")


# What a person's name is written with besides the name: titles and degrees (", M.D.", "Prof.").
_TITLES = frozenset(("md", "phd", "dr", "prof", "professor", "mph", "msc", "ms", "mbbs", "mr", "mrs"))
# MIN_NUMBER_DIGITS (text's, beside the rule of a number as written: text.written_as_number):
# fewer digits are part of every number; seven are a local number


def _name_words(text: str) -> frozenset[str]:
    import re

    from sitefinder.text import fold

    return frozenset(word for part in re.split(r"[\W_]+", text) if (word := fold(part)) and word not in _TITLES)


def names_contact(contact: Contact, text: str) -> bool:
    """Whether `text` names this contact: every word of it a whole part of the name (a given or a
    family name alone, or both in any order: family name first or last, as Chinese names are said
    either way), without case or tones (Lǐ is Li), titles aside; a part written with a hyphen is
    also that part whole ("Gengsheng" of Geng-Sheng). A piece of a part is not ("Yu" is not Yun):
    one word names many people, so `show` lists them all (queries.find_site)."""
    words = _name_words(text)
    return bool(words) and words <= _name_parts(contact.name)


def _name_parts(name: str) -> frozenset[str]:
    """The parts of a person's name, folded: its words, and each hyphenated part whole."""
    from sitefinder.text import fold

    joined = {fold(part) for part in name.split() if "-" in part}
    return _name_words(name) | (joined - _TITLES - {""})


def has_email(contact: Contact, text: str) -> bool:
    """Whether `text` is this contact's e-mail address, in any case, as copied from a screen (with
    a "mailto:" or angle brackets around it): a whole address, never a part of one."""
    typed = text.strip().strip("<>").removeprefix("mailto:").strip().casefold()
    return "@" in typed and bool(contact.email) and contact.email.strip().casefold() == typed


def has_number(contact: Contact, text: str) -> bool:
    """Whether `text` is one of this contact's numbers, whole or its last seven digits or more,
    written with any spaces, dashes, trunk 0 or country code ("020-8734 3088", "+86 20 8734 3088",
    "87343088" all name +86-20-87343088)."""
    typed = _digits(text).lstrip("0")  # the trunk 0 of a national form, the 00 of an international one
    if len(typed) < MIN_NUMBER_DIGITS:
        return False
    for number in (contact.phone, contact.phone_international, contact.phone_national):
        known = _digits(number).lstrip("0")
        if len(known) >= MIN_NUMBER_DIGITS and (typed in known or known in typed):
            return True
    return False


def _digits(text: str) -> str:
    return "".join(character for character in text if character.isascii() and character.isdigit())
