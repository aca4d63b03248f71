"""The one place that writes to the terminal: tables for people, JSON and CSV for scripts.

Data goes to stdout, notices and errors to stderr. JSON and CSV are written by the standard
library; tables and key/value views are laid out by `layout` (plain text: no markup language to
escape) after control characters in data have been made visible by `text.printable`.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from sitefinder.layout import emphasised, field_lines, table_lines, wrap
from sitefinder.models import Contact, RankedSite, Resolution, Site, Trial
from sitefinder.status import effective_status, status_words
from sitefinder.text import is_utf8, printable

if TYPE_CHECKING:  # search pulls in the gazetteer (sqlite3), which `list` never needs
    from pathlib import Path

    from sitefinder.importer import ImportResult
    from sitefinder.search import NearResult
    from sitefinder.sources import IndexedSource, MemorySource

FORMATS = ("table", "json", "csv")
LEAD_ROLES = ("PRINCIPAL_INVESTIGATOR", "PRIMARY", "CONTACT")
ROLE_WORDS = {"PRINCIPAL_INVESTIGATOR": "principal investigator", "SUB_INVESTIGATOR": "sub-investigator",
              "STUDY_CHAIR": "study chair", "STUDY_DIRECTOR": "study director", "CONTACT": "contact",
              "PRIMARY": "primary", "BACKUP": "backup"}
NARROW_WIDTH = 90  # below this a seven-column table wraps every cell: one block per site reads better
RIGHT_ALIGNED = frozenset({"ID", "#", "km"})  # numbers line up on their last digit
DISTANCE_CAPTION = "Distances are straight lines between city centres, not travel distances."


# ---------------------------------------------------------------- records (the public JSON shape)

def lead_contact(contacts: Sequence[Contact]) -> Contact | None:
    """The person to name in a table: a principal investigator, else a primary contact, else anyone."""
    for role in LEAD_ROLES:
        for contact in contacts:
            if contact.role == role:
                return contact
    return contacts[0] if contacts else None


def contact_record(contact: Contact) -> dict[str, str]:
    record = {"name": contact.name, "role": contact.role}
    record.update({key: value for key in ("phone", "phone_ext", "email") if (value := getattr(contact, key))})
    return record


def site_record(site: Site, trial: Trial) -> dict[str, Any]:
    shown, source = effective_status(site.status, trial.overall_status)
    return {
        "id": site.id, "facility": site.facility, "city": site.city, "province": site.province,
        "country": site.country, "status": site.status, "effective_status": shown, "status_source": source,
        "latitude": site.latitude, "longitude": site.longitude,
        "coordinate_precision": site.coordinate_precision or None,
        "coordinate_source": site.coordinate_source or None, "location_note": site.location_note or None,
        "investigators": [contact_record(contact) for contact in site.contacts],
    }


def ranked_record(entry: RankedSite, trial: Trial, rank: int) -> dict[str, Any]:
    return {"rank": rank, **site_record(entry.site, trial), "distance_km": round(entry.distance_km, 1)}


def trial_contact_records(trial: Trial) -> list[dict[str, str]]:
    return [contact_record(contact) for contact in trial.central_contacts]


# ---------------------------------------------------------------- writers

def emit_json(payload: Any) -> None:
    # JSON's own \u escapes where stdout cannot hold a character: still valid JSON, and the same data.
    sys.stdout.write(json.dumps(payload, ensure_ascii=not _stdout_is_utf8(), indent=2) + "\n")
    sys.stdout.flush()


CSV_SITE_FIELDS = ("id", "facility", "city", "province", "country", "status", "effective_status", "status_source",
                   "latitude", "longitude", "coordinate_precision", "coordinate_source", "location_note",
                   "investigators")


def emit_csv(header: Sequence[str], records: Sequence[dict[str, Any]]) -> None:
    """One CSV row per record; the header alone when there are none."""
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(header)
    for record in records:
        writer.writerow([_csv_cell(record.get(key)) for key in header])
    sys.stdout.flush()


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):  # investigators
        return "; ".join(f"{item['name']} ({item['role']})" for item in value)
    return printable(str(value))


def emit_table(headers: Sequence[str], rows: Sequence[Sequence[str]], title: str = "", caption: str = "") -> None:
    """A boxed table; on a narrow terminal, one block of labelled lines per row, so nothing is cut off."""
    width, (bold, dim, reset), shown = terminal_width(), _styles(), _shown_on_stdout()
    lines = _emphasised(wrap(shown(title), width), bold, reset) if title else []
    if width < NARROW_WIDTH:
        for row in rows:
            lines += field_lines([(header, shown(cell)) for header, cell in zip(headers, row)], width,
                                 bold=bold, reset=reset)
            lines.append("")
    else:
        lines += table_lines(headers, [[shown(cell) for cell in row] for row in rows], width,
                             right=[header in RIGHT_ALIGNED for header in headers], bold=bold, reset=reset,
                             ascii_only=shown is not printable)
    if caption:
        lines += _emphasised(wrap(caption, width), dim, reset)
    _write_lines(lines)


def emit_fields(title: str, fields: Sequence[tuple[str, str]]) -> None:
    """A two-column key/value view, for one site or the trial."""
    width, (bold, _, reset), shown = terminal_width(), _styles(), _shown_on_stdout()
    lines = _emphasised(wrap(shown(title), width), bold, reset)
    lines += field_lines([(name, shown(value)) for name, value in fields], width, bold=bold, reset=reset)
    _write_lines(lines)


def notice(message: str) -> None:
    """A message for the person, never for a script: stderr, one line."""
    print(printable(message), file=sys.stderr)


def terminal_width() -> int:
    """COLUMNS, else the width of whichever of stdout, stderr, stdin is a terminal (so that
    `sitefinder list | less` is as wide as the screen), else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    for descriptor in (1, 2, 0):
        try:
            return os.get_terminal_size(descriptor).columns or 80
        except (OSError, ValueError):
            continue
    return 80


def _styles() -> tuple[str, str, str]:
    """Bold, dim and reset codes, or empty strings: emphasis only on a terminal that shows it.

    The rules are Rich's and clig.dev's: FORCE_COLOR asks for it even through a pipe, NO_COLOR and
    TERM=dumb turn it off, and otherwise stdout must be a terminal.
    """
    environ = os.environ
    if environ.get("NO_COLOR") or environ.get("TERM") == "dumb":
        return "", "", ""
    if environ.get("FORCE_COLOR") or sys.stdout.isatty():
        return "\x1b[1m", "\x1b[2m", "\x1b[0m"
    return "", "", ""


def _stdout_is_utf8() -> bool:
    return is_utf8(getattr(sys.stdout, "encoding", None) or "utf-8")  # in-memory streams name none


def _shown_on_stdout() -> Callable[[str], str]:
    """How data text is shown: control characters made visible, and on a stdout that is not UTF-8
    (a Windows code page, PYTHONIOENCODING=ascii) what it cannot hold as `\\u6cf0` escapes, before
    the layout measures it, so that the columns still line up."""
    if _stdout_is_utf8():
        return printable
    encoding = sys.stdout.encoding
    return lambda text: printable(text).encode(encoding, "backslashreplace").decode(encoding)


def _emphasised(lines: list[str], start: str, reset: str) -> list[str]:
    return [emphasised(line, start, reset) for line in lines]


def _write_lines(lines: Sequence[str]) -> None:
    sys.stdout.write("".join(line + "\n" for line in lines))
    sys.stdout.flush()


# ---------------------------------------------------------------- table rows

def status_cell(site: Site, trial: Trial) -> str:
    return status_words(*effective_status(site.status, trial.overall_status))


def investigator_cell(site: Site) -> str:
    contact = lead_contact(site.contacts)
    return contact.name if contact else ""


def contact_line(contact: Contact) -> str:
    details = ", ".join(part for part in (contact.phone + (f" ext. {contact.phone_ext}" if contact.phone_ext else ""),
                                          contact.email) if part)
    role = ROLE_WORDS.get(contact.role, contact.role.lower())
    return f"{contact.name} ({role})" + (f": {details}" if details else "")


# ---------------------------------------------------------------- what each command shows

LIST_HEADERS = ("ID", "Facility", "City", "Province", "Status", "Investigator")
NEAR_HEADERS = ("#", "Facility", "City", "Province", "km", "Status", "Investigator")


def show_site_list(sites: Sequence[Site], trial: Trial, fmt: str) -> None:
    records = [site_record(site, trial) for site in sites]
    if fmt == "json":
        emit_json({"sites": records})
    elif fmt == "csv":
        emit_csv(CSV_SITE_FIELDS, records)
    elif not sites:
        notice("No sites match.")
    else:
        rows = [[str(site.id), site.facility, site.city, site.province, status_cell(site, trial),
                 investigator_cell(site)] for site in sites]
        emit_table(LIST_HEADERS, rows, title=f"{len(sites)} site{'s' if len(sites) != 1 else ''}"
                   + (f" of {trial.nct_id}" if trial.nct_id else ""))


def place_record(resolution: Resolution) -> dict[str, Any]:
    place = resolution.place
    return {
        "query": resolution.query, "name": place.name, "province": place.province or None,
        "country": place.country or None, "latitude": place.latitude, "longitude": place.longitude,
        "source": place.source, "geonameid": place.geonameid,
        "alternatives": [{"name": alt.name, "province": alt.province or None, "country": alt.country or None,
                          "latitude": alt.latitude, "longitude": alt.longitude, "population": alt.population,
                          "geonameid": alt.geonameid}
                         for alt in resolution.alternatives],
    }


def show_nearest(result: NearResult, trial: Trial, fmt: str) -> None:
    resolution, place = result.resolution, result.resolution.place
    for message in near_notices(result):
        notice(message)
    records = [ranked_record(entry, trial, rank) for rank, entry in enumerate(result.sites, 1)]
    if fmt == "json":
        emit_json({"origin": place_record(resolution), "sites": records})
    elif fmt == "csv":
        emit_csv(("rank", "distance_km", *CSV_SITE_FIELDS), records)
    elif result.sites:
        rows = [[str(rank), entry.site.facility, entry.site.city, entry.site.province, f"{entry.distance_km:,.1f}",
                 status_cell(entry.site, trial), investigator_cell(entry.site)]
                for rank, entry in enumerate(result.sites, 1)]
        where = ", ".join(part for part in (place.label, place.country if place.province else "") if part)
        emit_table(NEAR_HEADERS, rows, title=f"Sites nearest to {where} ({place.latitude:.4f}, {place.longitude:.4f})",
                   caption=DISTANCE_CAPTION)


def near_notices(result: NearResult) -> list[str]:
    """What the person should know about the answer; stderr, so that stdout stays data."""
    resolution = result.resolution
    messages = list(resolution.notes)
    if resolution.ambiguous:
        used, other = resolution.place, resolution.alternatives[0]
        where = other.province or other.country
        messages.append(f"{resolution.query.strip()} is ambiguous: using {used.label}; "
                        f"for the one in {where} write \"{other.name}, {where}\"")
    if result.unplaced:
        messages.append(f"{result.unplaced} matching site(s) have no coordinates and are not ranked "
                        "(see: sitefinder list)")
    if not result.sites:
        if result.nearest_outside_km is not None:
            messages.append(f"No site within that distance; the nearest is {result.nearest_outside_km:,.1f} km away.")
        elif result.considered == 0:
            messages.append("No sites match the filters.")
        else:
            messages.append("No site has coordinates to rank.")
    return messages


def show_site_detail(site: Site, trial: Trial, fmt: str) -> None:
    record = site_record(site, trial)
    if fmt == "json":
        emit_json({"site": record, "trial": {"nct_id": trial.nct_id or None,
                                             "brief_title": trial.brief_title or None,
                                             "central_contacts": trial_contact_records(trial)}})
        return
    if fmt == "csv":
        emit_csv(CSV_SITE_FIELDS, [record])
        return
    location = ", ".join(part for part in (site.city, site.province, site.country) if part)
    coordinates = (f"{site.latitude:.4f}, {site.longitude:.4f}" if site.has_coordinates else "unknown")
    precision = ", ".join(part for part in (site.coordinate_precision and f"{site.coordinate_precision} centre",
                                            site.coordinate_source) if part)
    fields = [("Site", str(site.id)), ("Facility", site.facility), ("Location", location),
              ("Status", status_cell(site, trial)),
              ("Coordinates", coordinates + (f" ({precision})" if precision else ""))]
    if site.location_note:
        fields.append(("Note", site.location_note))
    for index, contact in enumerate(site.contacts):
        fields.append(("Contacts" if index == 0 else "", contact_line(contact)))
    if not site.contacts:
        fields.append(("Contacts", "none listed"))
    for index, contact in enumerate(trial.central_contacts):
        fields.append(("Trial contact" if index == 0 else "", contact_line(contact)))
    if trial.nct_id:
        fields.append(("Trial", f"{trial.nct_id}: {trial.brief_title}"))
    emit_fields(site.facility, fields)


def show_trial(source: MemorySource | IndexedSource, fmt: str) -> None:
    from sitefinder.trial import trial_to_dict

    trial = source.trial
    if not trial.nct_id:
        notice(f"No trial facts: there is no readable trial.json beside {source.name or 'the sites file'}.")
    provinces = sorted(province for province in source.provinces() if province)
    countries = sorted(country for country in source.countries() if country)
    if fmt == "json":
        emit_json({"trial": trial_to_dict(trial), "site_count": source.count(), "countries": countries})
        return
    fields = trial_fields(trial, source.count(), provinces, countries)
    if fmt == "csv":
        emit_csv(("field", "value"), [{"field": name, "value": value} for name, value in fields])
    else:
        emit_fields(trial.nct_id or "Trial", fields)


def show_import(result: ImportResult, sites_path: Path, trial_path: Path, fmt: str) -> None:
    placed = len(result.sites) - len(result.unplaced)
    summary = {"nct_id": result.trial.nct_id or None, "sites_file": str(sites_path), "trial_file": str(trial_path),
               "site_count": len(result.sites), "placed_from_registry": result.from_registry,
               "placed_offline": placed - result.from_registry, "unplaced": result.unplaced}
    for facility in result.unplaced:
        notice(f"Not placed (listed, but never ranked by distance): {facility}")
    if fmt == "json":
        emit_json(summary)
    elif fmt == "csv":
        emit_csv(("field", "value"), [{"field": key, "value": "; ".join(value) if isinstance(value, list) else value}
                                      for key, value in summary.items()])
    else:
        emit_fields(f"Imported {result.trial.nct_id or 'study'}", [
            ("Sites", f"{len(result.sites)}: {result.from_registry} placed by the registry, "
                      f"{summary['placed_offline']} by the offline gazetteer, {len(result.unplaced)} not placed"),
            ("Sites file", str(sites_path)), ("Trial file", str(trial_path)),
            ("Next", f"sitefinder near CITY --sites {sites_path}"),
        ])


def trial_fields(trial: Trial, site_count: int, provinces: list[str], countries: list[str]) -> list[tuple[str, str]]:
    status = status_words(trial.overall_status, "site") if trial.overall_status else "unknown"
    ages = " to ".join(age for age in (trial.minimum_age, trial.maximum_age) if age) or "any"
    if trial.minimum_age and not trial.maximum_age:
        ages = f"{trial.minimum_age} and older"
    sex = {"ALL": "all", "FEMALE": "female only", "MALE": "male only"}.get(trial.sex, trial.sex.lower())
    fields = [
        ("Trial", " / ".join(part for part in (trial.nct_id, trial.acronym_or_code) if part)),
        ("Title", trial.brief_title), ("Status", status),
        ("Phase", trial.phase.replace("PHASE", "Phase ").replace("_", " ")),
        ("Conditions", "; ".join(trial.conditions)), ("Treatments", "; ".join(trial.interventions)),
        ("Arms", "; ".join(trial.arms)),
        ("Enrollment", f"{trial.enrollment} participants" if trial.enrollment is not None else ""),
        ("Who may join", trial.eligibility),
        ("Ages, sex", f"{ages}; {sex}" if sex else ages),
        ("Sponsor", trial.sponsor), ("Dates", " to ".join(d for d in (trial.start_date, trial.completion_date) if d)),
        ("Sites", f"{site_count} in {len(provinces)} provinces/states of {', '.join(countries)}"),
    ]
    for index, contact in enumerate(trial.central_contacts):
        fields.append(("Contact" if index == 0 else "", contact_line(contact)))
    fields.append(("Registry", trial.url))
    if trial.last_update:
        fields.append(("Data as of", f"{trial.last_update} (last registry update); check the registry for changes"))
    return [(name, value) for name, value in fields if value]
