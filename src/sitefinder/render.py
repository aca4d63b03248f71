"""The one place that writes to the terminal: Rich tables for people, JSON and CSV for scripts.

Data goes to stdout, notices and errors to stderr. JSON and CSV are written by the standard
library and never import Rich. Tables and key/value views are `rich.table.Table`s printed by one
`Console` (see `_console`) with markup, emoji and highlighting off; every data cell is a
`rich.text.Text`, so `[bold]` in a facility name prints as those seven characters, and control
characters that Rich would pass through are made visible first by `text.printable`.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sitefinder.catalogue import short_label
from sitefinder.contacts import contact_line, contacts_to_list, dialable, lead_contact, reachable_contact
from sitefinder.models import Contact, RankedSite, Resolution, Site, Trial
from sitefinder.status import effective_status, status_words
from sitefinder.text import is_utf8, printable

if TYPE_CHECKING:  # only for annotations: these modules are not needed to print
    from pathlib import Path

    from rich.console import Console

    from sitefinder.bulkimport import BulkResult
    from sitefinder.hospitals import Hospital, HospitalTrial
    from sitefinder.queries import HospitalAnswer
    from sitefinder.queries import ChineseNames, MapResult, NearResult, RegionAnswer, SiteDetail, SiteList, TrialSummary
    from sitefinder.update import DatasetUpdate, UpdateResult

NUMBER_HEADERS = frozenset({"ID", "#", "km"})  # right-aligned and never wrapped
DISTANCE_CAPTION = "Distances are straight lines between city centres, not travel distances."
TRIAL_STATUS_NOTE = ('"(trial)": the registry gives no status for the site, so the trial\'s overall status is shown; '
                     "ask the site whether it has opened.")
# Characters that start a formula in a spreadsheet (OWASP's list): a CSV cell starting with one is
# prefixed with ' so that opening the file runs nothing. A plain negative number stays a number.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# ---------------------------------------------------------------- records (the public JSON shape)

def site_record(site: Site, trial: Trial, chinese: ChineseNames | None = None) -> dict[str, Any]:
    shown, source = effective_status(site.status, trial.overall_status)
    record = {
        "id": site.id, "facility": site.facility, "city": site.city, "province": site.province,
        "country": site.country, "status": site.status, "effective_status": shown, "status_source": source,
        "latitude": site.latitude, "longitude": site.longitude,
        "coordinate_precision": site.coordinate_precision or None,
        "coordinate_source": site.coordinate_source or None, "location_note": site.location_note or None,
        "investigators": contacts_to_list(site.contacts),
        "nct_id": site.nct_id or trial.nct_id or None, "trial": short_label(trial) or None,
    }
    if chinese is not None:  # only when asked for (a query in Chinese, --lang zh): null where unknown
        city, province = chinese.sites.get(site.id, ("", ""))
        record.update(city_zh=city or None, province_zh=province or None)
    return record

# How near a site's coordinates are to the site, by the precision the sites file records.
PRECISION_WORDS = {"city": "city centre", "division": "middle of the division, approximate",
                   "state": "the state's main city, approximate"}


def ranked_record(entry: RankedSite, trial: Trial, rank: int, chinese: ChineseNames | None = None) -> dict[str, Any]:
    return {"rank": rank, **site_record(entry.site, trial, chinese), "distance_km": round(entry.distance_km, 1)}


def place_record(resolution: Resolution, chinese: ChineseNames | None = None) -> dict[str, Any]:
    place = resolution.place
    record = {
        "query": resolution.query, "name": place.name, "province": place.province or None,
        "country": place.country or None, "latitude": place.latitude, "longitude": place.longitude,
        "source": place.source, "geonameid": place.geonameid,
        "alternatives": [{"name": alt.name, "province": alt.province or None, "country": alt.country or None,
                          "latitude": alt.latitude, "longitude": alt.longitude, "population": alt.population,
                          "geonameid": alt.geonameid}
                         for alt in resolution.alternatives],
    }
    if chinese is not None:
        record.update(name_zh=chinese.place or None, province_zh=chinese.province or None)
    return record


# ---------------------------------------------------------------- writers for scripts

def emit_json(payload: Any) -> None:
    # JSON's own \u escapes where stdout cannot hold a character: still valid JSON, and the same data.
    sys.stdout.write(json.dumps(payload, ensure_ascii=not _stdout_is_utf8(), indent=2) + "\n")
    sys.stdout.flush()


CSV_SITE_FIELDS = ("id", "facility", "city", "province", "country", "status", "effective_status", "status_source",
                   "latitude", "longitude", "coordinate_precision", "coordinate_source", "location_note",
                   "investigators", "nct_id", "trial")


def emit_csv(header: Sequence[str], records: Sequence[dict[str, Any]]) -> None:
    """One CSV row per record; the header alone when there are none."""
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(header)
    for record in records:
        writer.writerow([csv_cell(record.get(key)) for key in header])
    sys.stdout.flush()


def csv_cell(value: Any) -> str:
    """A value as a CSV cell: contacts as `Name (ROLE): phone, email; ...`, text made inert."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list):  # investigators, in the stored contact shape
        text = "; ".join(f"{item['name']} ({item['role']})"
                         + (f": {details}" if (details := ", ".join(item[key] for key in ("phone", "email")
                                                                    if item.get(key))) else "")
                         for item in value)
    else:
        text = str(value)
    text = printable(text)
    if text.startswith(_FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text and text.lstrip("+-")[:1].isdigit()


def notice(message: str) -> None:
    """A message for the person, never for a script: stderr, one line, plain text.

    Not through Rich: an error path (a typo's "did you mean") should not pay Rich's import.
    """
    if sys.stderr is not None:  # `2>&-` closes it: then there is nowhere to say anything
        print(printable(message), file=sys.stderr, flush=True)


def _stdout_is_utf8() -> bool:
    return is_utf8(getattr(sys.stdout, "encoding", None) or "utf-8")  # in-memory streams name none


# ---------------------------------------------------------------- tables for people (Rich)

def _console() -> Console:
    """The console every table is printed on, made once per command from the environment.

    Rich decides width (COLUMNS, else the terminal of stdin, stdout or stderr, else 80) and
    whether stdout shows emphasis (a terminal, or FORCE_COLOR), and draws an ASCII box where the
    encoding is not UTF-8. NO_COLOR and TERM=dumb turn every escape code off, bold included.
    """
    from rich.console import Console

    plain = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    return Console(markup=False, emoji=False, highlight=False, color_system=None if plain else "auto",
                   soft_wrap=False)


def _cell(console: Console, text: str, style: str = ""):  # type: ignore[no-untyped-def]
    """Data text as a Rich Text: controls made visible, and on a stdout that is not UTF-8 what it
    cannot hold shown as `\\u6cf0` escapes before Rich measures it, so that the columns line up."""
    from rich.text import Text

    shown = printable(text)
    encoding = console.encoding
    if not is_utf8(encoding):
        shown = shown.encode(encoding, "backslashreplace").decode(encoding)
    return Text(shown, style=style)


def emit_table(headers: Sequence[str], rows: Sequence[Sequence[str]], title: str = "",
               footer: Sequence[str] = (), keep_whole: Sequence[str] = ()) -> None:
    """A boxed Rich table; on a narrow terminal, one block of labelled lines per row, so nothing is cut off.

    `keep_whole`: columns whose cells never wrap (ids, ranks, distances, statuses), so that names wrap first.
    """
    from rich.table import Table

    console = _console()
    parts: list[Any] = [_cell(console, title, "bold")] if title else []
    cells = [[_cell(console, cell) for cell in row] for row in rows]
    whole = [header in NUMBER_HEADERS or header in keep_whole for header in headers]
    widths = _column_widths(headers, cells, whole, console.width)
    if widths is None:
        for row in rows:
            parts += [_grid(console, zip(headers, row)), ""]
    else:
        table = Table(header_style="bold", safe_box=True)
        for header, width in zip(headers, widths):
            table.add_column(header, justify="right" if header in NUMBER_HEADERS else "left", width=width,
                             overflow="fold")
        for row in cells:
            table.add_row(*row)
        parts.append(table)
    parts += [_cell(console, line, "dim") for line in footer]
    console.print(*parts, sep="\n")  # one print: one render and one write, not one per line


def _column_widths(headers: Sequence[str], rows: Sequence[Sequence[Any]], whole: Sequence[bool],
                   available: int) -> list[int] | None:
    """Column widths that fit `available` columns without breaking a word, or None when none do.

    Rich's own collapse narrows the widest columns with no regard for words ("Municipalit/y"), so
    the widths are chosen here and Rich draws with them: the widest column gives up a character
    first, never below its longest word (its longest cell where cells stay whole). Narrower than
    that, one block per row reads better than a table of broken words.
    """
    from rich.cells import cell_len

    natural, minimum = [], []
    for index, (header, keep) in enumerate(zip(headers, whole)):
        texts = [header, *(row[index].plain for row in rows)]
        natural.append(max(cell_len(text) for text in texts))
        minimum.append(natural[-1] if keep else max(cell_len(word) for text in texts for word in text.split() or [""]))
    room = available - (3 * len(headers) + 1)  # "│ " before every cell, " " after it, and the closing "│"
    if sum(minimum) > room:
        return None
    widths = list(natural)
    for _ in range(sum(widths) - room):
        widest = max((i for i in range(len(widths)) if widths[i] > minimum[i]), key=widths.__getitem__)
        widths[widest] -= 1
    return widths


def emit_fields(title: str, fields: Sequence[tuple[str, str]]) -> None:
    """A two-column key/value view, for one site or the trial."""
    console = _console()
    console.print(_cell(console, title, "bold"), _grid(console, fields), sep="\n")


def _grid(console: Console, fields: Any):  # type: ignore[no-untyped-def]
    """Names on the left (bold), values wrapped to what is left of the width."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=False, max_width=max(console.width // 3, 8))
    grid.add_column(overflow="fold")
    for name, value in fields:
        grid.add_row(_cell(console, name), _cell(console, value))
    return grid


# ---------------------------------------------------------------- table cells

def site_trial(result: Any, site: Site) -> Trial:
    """The trial a site of an answer belongs to (the answer's own, in a single-trial dataset)."""
    return result.trials.get(site.nct_id or result.trial.nct_id, result.trial)


def trial_cell(trial: Trial) -> str:
    return " ".join(part for part in (trial.nct_id, short_label(trial)) if part)


def status_cell(site: Site, trial: Trial) -> str:
    return status_words(*effective_status(site.status, trial.overall_status))


def investigator_cell(site: Site) -> str:
    contact = lead_contact(site.contacts)
    return contact.name if contact else ""


# ---------------------------------------------------------------- what every answer ends with

def distance_cell(entry: RankedSite) -> str:
    """A site's distance, marked ≈ when the site's own town is unknown offline and it was placed
    at its state's main city or its division's middle."""
    return f"{'≈' if entry.site.approximate else ''}{entry.distance_km:,.1f}"


def answer_footer(sites: Sequence[Site], trial: Trial, distances: bool = True, result: Any = None) -> list[str]:
    """Below a table of sites: what "(trial)" means, which sites are placed approximately (marked ≈
    where `distances` are shown), whom to call, and how current the data are. `result`: the answer,
    when its sites may belong to several trials (each then has its own status, contact and date)."""
    if result is not None and getattr(result, "many_trials", False):
        return _many_trials_footer(sites, result, distances)
    lines = []
    if any(effective_status(site.status, trial.overall_status)[1] == "trial" for site in sites):
        lines.append(TRIAL_STATUS_NOTE)
    approximate = [site for site in sites if site.approximate]
    if approximate:
        ids = ", ".join(str(site.id) for site in approximate)
        lines.append(f"{'≈: the' if distances else 'The'} town of site {ids} is not in the offline gazetteer, so "
                     f"where it is is approximate (sitefinder show {approximate[0].id} says how it was placed).")
    lines += whom_to_call(sites, trial)
    lines.append(data_line(trial))
    return lines


def _many_trials_footer(sites: Sequence[Site], result: Any, distances: bool) -> list[str]:
    lines = []
    if any(effective_status(site.status, site_trial(result, site).overall_status)[1] == "trial" for site in sites):
        lines.append(TRIAL_STATUS_NOTE)
    approximate = [site for site in sites if site.approximate]
    if approximate:
        ids = ", ".join(str(site.id) for site in approximate)
        lines.append(f"{'≈: the' if distances else 'The'} town of site {ids} is not in the offline gazetteer, so "
                     f"where it is is approximate (sitefinder show {approximate[0].id} says how it was placed).")
    by_trial: dict[str, list[Site]] = {}
    for site in sites:
        by_trial.setdefault(site_trial(result, site).nct_id, []).append(site)
    for nct, group in by_trial.items():
        lines += [f"{nct}: {line}" for line in whom_to_call(group, site_trial(result, group[0]))[:-1]]
    if sites:
        lines.append(f"Every contact of a site: sitefinder show ID (e.g. sitefinder show {sites[0].id}).")
    if by_trial:
        from sitefinder.trial import freshness

        oldest = min((site_trial(result, group[0]) for group in by_trial.values()),
                     key=lambda trial: freshness(trial).date or "0")
        lines.append(data_line(oldest).replace("Registry data", f"Oldest registry data ({oldest.nct_id})", 1))
    return lines


def whom_to_call(sites: Sequence[Site], trial: Trial) -> list[str]:
    """Each site's own phone or email when the registry gives one, else the trial's central contact."""
    lines, without = [], 0
    for site in sites:
        contact = reachable_contact(site.contacts)
        if contact:
            lines.append(f"Call site {site.id}: {contact.name}, {_reach_line(contact)}")
        else:
            without += 1
    central = reachable_contact(trial.central_contacts)
    if without and central:
        which = "these sites" if without == len(sites) else "the other sites"
        lines.append(f"The registry lists no phone or email for {which}: call the trial's central contact, "
                     f"{central.name}, {_reach_line(central)}.")
    elif without:
        lines.append("The registry lists no phone or email for these sites or for the trial.")
    if sites:
        lines.append(f"Every contact of a site: sitefinder show ID (e.g. sitefinder show {sites[0].id}).")
    return lines


def _reach_line(contact: Contact) -> str:
    # Hyphens between the digit groups: Rich wraps lines at every kind of space, no-break spaces
    # included, and a phone number split over two lines is misread.
    return ", ".join(part for part in (dialable(contact, group_separator="-"), contact.email) if part)


def data_line(trial: Trial) -> str:
    from sitefinder.trial import STALE_AFTER_DAYS, freshness

    fresh = freshness(trial)
    if not fresh.date:
        return "The date of these registry data is unknown; sitefinder update fetches the current record."
    line = f"Registry data {'fetched on' if trial.retrieved else 'of'} {fresh.date}"
    if fresh.age_days is not None:
        line += f", {fresh.age_days} day{'s' if fresh.age_days != 1 else ''} old"
    if fresh.stale:
        line += (f": statuses and contacts may have changed since (older than {STALE_AFTER_DAYS} days); "
                 f"run sitefinder update{' ' + trial.nct_id if trial.nct_id else ''} to refresh them")
    return line + "."


def data_record(trial: Trial) -> dict[str, Any]:
    """The JSON keys that say how current an answer's data are."""
    from sitefinder.trial import freshness

    fresh = freshness(trial)
    return {"data_date": fresh.date or None, "data_age_days": fresh.age_days, "data_stale": fresh.stale}


# ---------------------------------------------------------------- what each command shows

LIST_HEADERS = ("ID", "Facility", "City", "Province", "Status", "Investigator")
NEAR_HEADERS = ("#", "ID", "Facility", "City", "Province", "km", "Status", "Investigator")


def show_site_list(result: SiteList | RegionAnswer, fmt: str) -> None:
    sites, trial = result.sites, result.trial
    records = [site_record(site, site_trial(result, site), result.chinese) for site in sites]
    if fmt == "json":
        emit_json({"sites": records, **_answer_trial(result), **data_record(trial)})
    elif fmt == "csv":
        emit_csv(CSV_SITE_FIELDS, records)
    elif not sites:
        notice("No sites match.")
    else:
        rows = [[str(site.id), site.facility, *_where_cells(site, result.chinese),
                 status_cell(site, site_trial(result, site)), investigator_cell(site)] for site in sites]
        headers: Sequence[str] = LIST_HEADERS
        if result.many_trials:
            headers = (*LIST_HEADERS[:2], "Trial", *LIST_HEADERS[2:])
            rows = [[*row[:2], trial_cell(site_trial(result, site)), *row[2:]] for row, site in zip(rows, sites)]
        emit_table(headers, rows, title=f"{len(sites)} site{'s' if len(sites) != 1 else ''}"
                   + (f" of {trial.nct_id}" if trial.nct_id else ""),
                   footer=answer_footer(sites, trial, distances=False, result=result), keep_whole=("Status",))


def _where_cells(site: Site, chinese: ChineseNames | None) -> list[str]:
    """City and province cells: "Jiangmen 江门", "Guangdong 广东" when Chinese names are asked for."""
    if chinese is None:
        return [site.city, site.province]
    city, province = chinese.sites.get(site.id, ("", ""))
    return [" ".join(part for part in (site.city, city) if part),
            " ".join(part for part in (site.province, province) if part)]


def show_nearest(result: NearResult | RegionAnswer, fmt: str) -> None:
    from sitefinder.queries import RegionAnswer

    if isinstance(result, RegionAnswer):
        show_region(result, fmt)
        return
    place, trial = result.resolution.place, result.trial
    for message in near_notices(result):
        notice(message)
    if fmt == "json":
        emit_json(near_payload(result))
    elif fmt == "csv":
        emit_csv(("rank", "distance_km", *CSV_SITE_FIELDS), near_payload(result)["sites"])
    elif result.sites:
        rows = [[str(rank), str(entry.site.id), entry.site.facility, *_where_cells(entry.site, result.chinese),
                 distance_cell(entry), status_cell(entry.site, site_trial(result, entry.site)),
                 investigator_cell(entry.site)]
                for rank, entry in enumerate(result.sites, 1)]
        headers: Sequence[str] = NEAR_HEADERS
        if result.many_trials:  # every row names its trial
            headers = (*NEAR_HEADERS[:3], "Trial", *NEAR_HEADERS[3:])
            rows = [[*row[:3], trial_cell(site_trial(result, entry.site)), *row[3:]]
                    for row, entry in zip(rows, result.sites)]
        where = ", ".join(part for part in (place.label, place.country if place.province else "") if part)
        if result.chinese and (result.chinese.place or result.chinese.province):
            province, city = result.chinese.province, result.chinese.place
            where = f"{province if province != city else ''}{city} {where}".strip()  # 北京, not 北京北京
        emit_table(headers, rows, title=f"Sites nearest to {where} ({place.latitude:.4f}, {place.longitude:.4f})",
                   footer=[*answer_footer([entry.site for entry in result.sites], trial, result=result),
                           DISTANCE_CAPTION],
                   keep_whole=("Status",))


def show_region(result: RegionAnswer, fmt: str) -> None:
    """`near China`: the sites of a province or country, as `list` shows them, with a word on why."""
    if result.sites:
        notice(f"{result.query} is a {result.kind}, not a place to measure distances from: these are its "
               f"{len(result.sites)} site{'s' if len(result.sites) != 1 else ''} "
               f"(sitefinder list --{result.kind} {result.region!r}); give a city for the nearest.")
    else:
        notice(f"{result.query} is a {result.kind}, and this trial has no site there; "
               "give a city to see the nearest sites anywhere.")
    if fmt == "json":
        origin = {"query": result.query, "name": result.region, "source": result.kind, "latitude": None,
                  "longitude": None, "alternatives": []}
        emit_json({"origin": origin, "sites": [site_record(site, site_trial(result, site), result.chinese)
                                               for site in result.sites], **_answer_trial(result),
                   **data_record(result.trial)})
        return
    show_site_list(result, fmt)  # a region's answer has the sites, trial and names a list has


def near_payload(result: NearResult) -> dict[str, Any]:
    """`near`'s JSON object (`map --json` adds its view to it)."""
    return {"origin": place_record(result.resolution, result.chinese),
            "sites": [ranked_record(entry, site_trial(result, entry.site), rank, result.chinese)
                      for rank, entry in enumerate(result.sites, 1)],
            **_answer_trial(result), **data_record(result.trial)}


def _answer_trial(result: Any) -> dict[str, Any]:
    """`nct_id` and `trial` at the top of an answer: the dataset's one trial; null for several."""
    trial = result.trial
    return {"nct_id": trial.nct_id or None, "trial": short_label(trial) or None}


def near_notices(result: NearResult) -> list[str]:
    """What the person should know about the answer; stderr, so that stdout stays data."""
    resolution = result.resolution
    messages = list(resolution.notes)
    if resolution.ambiguous:
        used, other = resolution.place, resolution.alternatives[0]
        where = other.province or other.country
        if (where, other.country) != (used.province or used.country, used.country):
            how = f"for the one in {where} write \"{other.name}, {where}\""
        else:  # both in one state (two Newports in England): only the coordinates tell them apart
            how = f"for the one at {other.latitude:.2f},{other.longitude:.2f} give those coordinates"
        messages.append(f"{resolution.query.strip()} is ambiguous: using {used.label}; {how}")
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


def show_site_detail(result: SiteDetail, fmt: str) -> None:
    site, trial = result.site, result.trial
    record = site_record(site, trial)
    if fmt == "json":
        emit_json({"site": record, "trial": {"nct_id": trial.nct_id or None,
                                             "brief_title": trial.brief_title or None,
                                             "central_contacts": contacts_to_list(trial.central_contacts)},
                   **data_record(trial)})
        return
    if fmt == "csv":
        emit_csv(CSV_SITE_FIELDS, [record])
        return
    location = ", ".join(part for part in (site.city, site.province, site.country) if part)
    coordinates = (f"{site.latitude:.4f}, {site.longitude:.4f}" if site.has_coordinates else "unknown")
    precision = ", ".join(part for part in (PRECISION_WORDS.get(site.coordinate_precision, site.coordinate_precision),
                                            site.coordinate_source) if part)
    fields = [("Site", str(site.id)), ("Facility", site.facility), ("Location", location),
              ("Status", status_cell(site, trial)),
              ("Coordinates", coordinates + (f" ({precision})" if precision else ""))]
    if site.location_note:
        fields.append(("Note", site.location_note))
    fields += _labelled("Contacts", [contact_line(contact) for contact in site.contacts] or ["none listed"])
    fields += _labelled("Trial contact", [contact_line(contact) for contact in trial.central_contacts])
    if trial.nct_id:
        fields.append(("Trial", f"{trial.nct_id}: {trial.brief_title}"))
    fields.append(("Data", data_line(trial)))
    emit_fields(site.facility, fields)


def _labelled(label: str, values: Sequence[str]) -> list[tuple[str, str]]:
    """Several values under one label: the label on the first line only."""
    return [(label if index == 0 else "", value) for index, value in enumerate(values)]


def show_trial(summary: TrialSummary, fmt: str) -> None:
    from sitefinder.trial import trial_to_dict

    trial = summary.trial
    if summary.trials:
        show_trial_list(summary, fmt)
        return
    if not trial.nct_id:
        notice(f"No trial facts: there is no readable trial.json beside {summary.sites_name or 'the sites file'}.")
    if fmt == "json":
        emit_json({"trial": trial_to_dict(trial), "site_count": summary.site_count, "countries": summary.countries,
                   **data_record(trial)})
        return
    fields = trial_fields(summary)
    if fmt == "csv":
        emit_csv(("field", "value"), [{"field": name, "value": value} for name, value in fields])
    else:
        emit_fields(trial.nct_id or "Trial", fields)


def show_trial_list(summary: TrialSummary, fmt: str) -> None:
    """`info` on a dataset of several trials: each with its status, phase, site count and data date."""
    from sitefinder.trial import freshness

    records = [{"nct_id": row.trial.nct_id, "trial": short_label(row.trial) or None,
                "brief_title": row.trial.brief_title or None, "overall_status": row.trial.overall_status,
                "phase": row.trial.phase or None, "site_count": row.site_count,
                **data_record(row.trial)} for row in summary.trials]
    if fmt == "json":
        emit_json({"trials": records, "trial_count": len(records), "site_count": summary.site_count,
                   "countries": summary.countries})
    elif fmt == "csv":
        emit_csv(("nct_id", "trial", "brief_title", "overall_status", "phase", "site_count", "data_date",
                  "data_age_days", "data_stale"), records)
    else:
        rows = [[row.trial.nct_id, short_label(row.trial),
                 status_words(row.trial.overall_status, "site") if row.trial.overall_status else "unknown",
                 row.trial.phase.replace("PHASE", "Phase ").replace("_", " ") or "—", str(row.site_count),
                 freshness(row.trial).date or "unknown"] for row in summary.trials]
        emit_table(("Trial", "Title", "Status", "Phase", "Sites", "Data of"), rows,
                   title=f"{len(rows)} trials, {summary.site_count} sites",
                   footer=["One trial's facts: sitefinder info NCT_ID (e.g. sitefinder info "
                           f"{summary.trials[0].trial.nct_id})."], keep_whole=("Trial", "Status"))


def show_hospitals(answer: HospitalAnswer | RegionAnswer, fmt: str) -> None:
    """`near PLACE --by hospital`: each hospital once, its trials and statuses, whom to call there."""
    from sitefinder.queries import RegionAnswer

    if isinstance(answer, RegionAnswer):
        show_region(answer, fmt)
        return
    result = answer.near
    for message in near_notices(result):
        notice(message)
    records = [hospital_record(rank, hospital) for rank, hospital in enumerate(answer.hospitals, 1)]
    if fmt == "json":
        emit_json({"origin": place_record(result.resolution, result.chinese), "hospitals": records,
                   **_answer_trial(result), **data_record(result.trial)})
        return
    if fmt == "csv":
        emit_csv(("rank", "facility", "city", "province", "country", "distance_km", "nct_id", "trial", "site_id",
                  "effective_status", "call"),
                 [{**{key: record[key] for key in ("rank", "facility", "city", "province", "country", "distance_km")},
                   "nct_id": row["nct_id"], "trial": row["trial"], "site_id": row["site_id"],
                   "effective_status": row["effective_status"],
                   "call": row["call"]["line"] if row["call"] else ""}
                  for record in records for row in record["trials"]])
        return
    if not answer.hospitals:
        return
    place = result.resolution.place
    rows = []
    for rank, hospital in enumerate(answer.hospitals, 1):
        for number, row in enumerate(hospital.trials):  # one line a trial; the hospital named on its first
            where = [str(rank), hospital.facility, hospital.city,
                     f"{'≈' if hospital.approximate else ''}{hospital.distance_km:,.1f}"] if number == 0 else [""] * 4
            rows.append([*where, str(row.site.id), trial_cell(row.trial), status_cell(row.site, row.trial),
                         _call_cell(row)])
    where = ", ".join(part for part in (place.label, place.country if place.province else "") if part)
    emit_table(("#", "Hospital", "City", "km", "ID", "Trial", "Status", "Whom to call"), rows,
               title=f"Hospitals nearest to {where} ({place.latitude:.4f}, {place.longitude:.4f})",
               footer=[*([TRIAL_STATUS_NOTE] if any("(trial)" in row[6] for row in rows) else []),
                       "Every contact of a site: sitefinder show ID.", DISTANCE_CAPTION], keep_whole=("Status",))


def _call_cell(row: HospitalTrial) -> str:
    if row.call is None:
        return "no phone or email listed"
    who = "trial contact " if row.call_is_central else ""
    return f"{who}{row.call.name}, {_reach_line(row.call)}"


def hospital_record(rank: int, hospital: Hospital) -> dict[str, Any]:
    rows = []
    for row in hospital.trials:
        shown, source = effective_status(row.site.status, row.trial.overall_status)
        call = None if row.call is None else {
            **contacts_to_list([row.call])[0], "central": row.call_is_central,
            "line": f"{row.call.name}, {_reach_line(row.call)}"}
        rows.append({"nct_id": row.trial.nct_id or None, "trial": short_label(row.trial) or None,
                     "overall_status": row.trial.overall_status, "site_id": row.site.id,
                     "status": row.site.status, "effective_status": shown, "status_source": source,
                     "investigators": contacts_to_list(row.site.contacts), "call": call})
    return {"rank": rank, "facility": hospital.facility, "city": hospital.city, "province": hospital.province,
            "country": hospital.country, "distance_km": round(hospital.distance_km, 1),
            "approximate": hospital.approximate, "trials": rows}


def show_import(result: BulkResult, fmt: str) -> None:
    sites_path, trials_path = result.sites_path, result.trials_path
    one = result.trials[0] if len(result.trials) == 1 else None
    trial_path = trials_path.with_name("trial.json") if one and trials_path else trials_path
    placed = len(result.sites) - len(result.unplaced)
    summary = {"nct_id": one.nct_id if one else None, "sites_file": str(sites_path), "trial_file": str(trial_path),
               "site_count": len(result.sites), "placed_from_registry": result.from_registry,
               "placed_offline": placed - result.from_registry, "unplaced": result.unplaced,
               "trials_file": str(trials_path), "trial_count": len(result.trials),
               "trials": [{"nct_id": trial.nct_id, "label": short_label(trial) or None} for trial in result.trials],
               "skipped": [{"source": item.source, "index": item.index, "nct_id": item.nct_id or None,
                            "reason": item.reason} for item in result.skipped]}
    for item in result.skipped:
        notice(f"Skipped {item.line()}")
    for facility in result.unplaced:
        notice(f"Not placed (listed, but never ranked by distance): {facility}")
    if fmt == "csv":
        summary["trials"] = [trial.nct_id for trial in result.trials]  # type: ignore[misc]
        summary["skipped"] = [item.line() for item in result.skipped]  # type: ignore[misc]
    if fmt == "json":
        emit_json(summary)
    elif fmt == "csv":
        emit_csv(("field", "value"), [{"field": key, "value": "; ".join(value) if isinstance(value, list) else value}
                                      for key, value in summary.items()])
    else:
        emit_fields(f"Imported {one.nct_id if one else f'{len(result.trials)} trials'}", [
            ("Sites", f"{len(result.sites)}: {result.from_registry} placed by the registry, "
                      f"{summary['placed_offline']} by the offline gazetteer, {len(result.unplaced)} not placed"),
            ("Sites file", str(sites_path)), ("Trial file", str(trial_path)),
            ("Next", f"sitefinder near CITY --sites {sites_path}"),
        ])


def trial_fields(summary: TrialSummary) -> list[tuple[str, str]]:
    trial = summary.trial
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
        ("Sites", f"{summary.site_count} in {len(summary.provinces)} provinces/states of "
                  f"{', '.join(summary.countries)}"),
    ]
    fields += _labelled("Contact", [contact_line(contact) for contact in trial.central_contacts])
    fields.append(("Registry", trial.url))
    fields.append(("Data", data_line(trial)))
    return [(name, value) for name, value in fields if value]


def show_update(result: UpdateResult | DatasetUpdate, fmt: str) -> None:
    from sitefinder.trial import freshness
    from sitefinder.update import DatasetUpdate

    if isinstance(result, DatasetUpdate):
        show_dataset_update(result, fmt)
        return

    before, after = freshness(result.before).date or None, freshness(result.trial).date or None
    for facility in result.unplaced:
        notice(f"Not placed (listed, but never ranked by distance): {facility}")
    changes = [{"id": change.site.id, "facility": change.site.facility, "city": change.site.city,
                "status": {"before": change.status[0], "after": change.status[1]} if change.status else None,
                "contacts": {"before": list(change.contacts[0]), "after": list(change.contacts[1])}
                if change.contacts else None}
               for change in result.changed]
    if fmt == "json":
        emit_json({"nct_id": result.nct_id, "sites_file": str(result.sites_path), "site_count": result.site_count,
                   "data_date_before": before, "data_date": after, "default": result.is_default,
                   "overall_status_before": result.before.overall_status,
                   "overall_status": result.trial.overall_status,
                   "added": [site_record(site, result.trial) for site in result.added],
                   "removed": [site_record(site, result.before) for site in result.removed],
                   "changed": changes, "unplaced": result.unplaced})
        return
    rows = ([["added", str(site.id), site.facility, site.city, status_cell(site, result.trial)]
             for site in result.added]
            + [["removed", str(site.id), site.facility, site.city, "(was " + status_cell(site, result.before) + ")"]
               for site in result.removed])
    for change in result.changed:
        if change.status:
            rows.append(["changed", str(change.site.id), change.site.facility, change.site.city,
                         f"status: {change.status[0]} → {change.status[1]}"])
        if change.contacts:
            rows.append(["changed", str(change.site.id), change.site.facility, change.site.city,
                         "contacts: " + ("; ".join(change.contacts[0]) or "none") + " → "
                         + ("; ".join(change.contacts[1]) or "none")])
    if fmt == "csv":
        emit_csv(("change", "id", "facility", "city", "what"),
                 [dict(zip(("change", "id", "facility", "city", "what"), row)) for row in rows])
        return
    where = ("every command now uses them (--sites still wins)" if result.is_default
             else f"use them with --sites {result.sites_path}")
    footer = [f"Saved in {result.sites_path.parent}; {where}.", data_line(result.trial)]
    if result.before.overall_status != result.trial.overall_status:
        footer.insert(0, f"The trial's overall status, shown for every site that states none: "
                         f"{status_words(result.before.overall_status, 'site')} → "
                         f"{status_words(result.trial.overall_status, 'site')}.")
    title = (f"{result.nct_id}: {result.site_count} sites; {len(result.added)} added, {len(result.removed)} removed, "
             f"{len(result.changed)} changed since the data of {before or 'unknown date'}")
    if rows:
        emit_table(("Change", "ID", "Facility", "City", "What"), rows, title=title, footer=footer)
    else:
        emit_fields(title, [("", line) for line in ["Nothing changed.", *footer]])


def show_dataset_update(result: DatasetUpdate, fmt: str) -> None:
    """`update` of a dataset of several trials: per trial, its status change and its sites' changes."""
    from sitefinder.trial import freshness

    for facility in result.unplaced:
        notice(f"Not placed (listed, but never ranked by distance): {facility}")
    for change in result.trials:
        if not change.found:
            notice(f"{change.nct_id}: the registry did not return this study; its data are kept as they were")
    records = [{"nct_id": change.nct_id, "trial": short_label(change.after) or None, "found": change.found,
                "site_count": change.site_count,
                "data_date_before": freshness(change.before).date or None, "data_date": freshness(change.after).date or None,
                "overall_status_before": change.before.overall_status, "overall_status": change.after.overall_status,
                "added": [site_record(site, change.after) for site in change.added],
                "removed": [site_record(site, change.before) for site in change.removed],
                "changed": [{"id": item.site.id, "facility": item.site.facility, "city": item.site.city,
                             "status": {"before": item.status[0], "after": item.status[1]} if item.status else None,
                             "contacts": {"before": list(item.contacts[0]), "after": list(item.contacts[1])}
                             if item.contacts else None} for item in change.changed]}
               for change in result.trials]
    if fmt == "json":
        emit_json({"sites_file": str(result.sites_path), "site_count": result.site_count, "trials": records,
                   "unplaced": result.unplaced})
        return
    rows = []
    for change in result.trials:
        status = (f"{status_words(change.before.overall_status, 'site')} → "
                  f"{status_words(change.after.overall_status, 'site')}" if change.status_changed
                  else status_words(change.after.overall_status, "site"))
        sites = (f"{change.site_count} sites; {len(change.added)} added, {len(change.removed)} removed, "
                 f"{len(change.changed)} changed" if change.found else "not returned by the registry; kept")
        rows.append([change.nct_id, short_label(change.after), status, sites])
    if fmt == "csv":
        emit_csv(("nct_id", "trial", "status", "sites"),
                 [dict(zip(("nct_id", "trial", "status", "sites"), row)) for row in rows])
        return
    moved = sum(change.status_changed for change in result.trials)
    emit_table(("Trial", "Title", "Status", "Sites"), rows,
               title=f"{len(result.trials)} trials refreshed; {moved} changed status",
               footer=[f"Saved in {result.sites_path.parent}; use them with --sites {result.sites_path}.",
                       "Each trial's site changes: sitefinder update --json."], keep_whole=("Trial",))


# ---------------------------------------------------------------- maps

MAP_FILE_KINDS = (".svg", ".html", ".htm")
MAP_FILE_ASPECT = 1.6


def map_canvas(out: Path | None) -> tuple[int, int, float]:
    """Columns, rows and shape (width over height, in true distance) of the map to draw: the
    terminal's width (braille dots are square: 2 a column, 4 a row), or a file's page."""
    if out is not None:
        if out.suffix.lower() not in MAP_FILE_KINDS:
            from sitefinder.errors import UsageError

            raise UsageError(f"--out {out.name}: a map file ends in .svg or .html")
        return 0, 0, MAP_FILE_ASPECT
    columns = _console().width
    rows = max(8, min(30, columns // 4))
    return columns, rows, columns * 2 / (rows * 4)


def show_map(result: MapResult, fmt: str, out: Path | None, columns: int, rows: int) -> None:
    near, scene = result.near, result.scene
    for message in near_notices(near):
        notice(message)
    view = {"west": round(scene.view.west, 4), "south": round(scene.view.south, 4),
            "east": round(scene.view.east, 4), "north": round(scene.view.north, 4)}
    if out is not None:
        _write_map_file(result, out)
        notice(f"Map written to {out} ({len(scene.markers)} site{'s' if len(scene.markers) != 1 else ''}).")
        return
    if fmt == "json":
        emit_json({**near_payload(near), "view": view})
        return
    if fmt == "csv":
        from sitefinder.errors import UsageError

        raise UsageError("a map is drawn as a table (in the terminal) or JSON; for CSV use sitefinder near")
    _draw_map(result, columns, rows)


def _draw_map(result: MapResult, columns: int, rows: int) -> None:
    from rich.text import Text

    from sitefinder.mapdraw import CAPTION, ORIGIN_MARK, scale_words, terminal_cells

    near, scene = result.near, result.scene
    console = _console()
    styles = {"coast": "green", "border": "bright_black", "origin": "bold red", "site": "bold yellow", "": ""}
    lines: list[Any] = [_cell(console, _map_title(near), "bold")]
    for row in terminal_cells(scene, columns, rows, braille=is_utf8(console.encoding)):
        text = Text()
        for cell in row:
            text.append(cell.text, styles[cell.kind])
        lines.append(text)
    place = near.resolution.place
    lines.append(_cell(console, f"{ORIGIN_MARK} {place.label}" + ("" if scene.origin else " (outside this view)"),
                       "red"))
    shown = {marker.rank for marker in scene.markers}
    for rank, entry in enumerate(near.sites, 1):
        site = entry.site
        where = " ".join(_where_cells(site, near.chinese)[:1])
        lines.append(_cell(console, f"{rank:>2} {site.facility}, {where} · {distance_cell(entry)} km · "
                                    f"{status_cell(site, site_trial(near, site))} · id {site.id}"
                                    + ("" if rank in shown else " (outside this view)")))
    footer = [f"Map: {scale_words(scene, columns)}. {CAPTION}",
              *answer_footer([e.site for e in near.sites], near.trial, result=near)]
    lines += [_cell(console, line, "dim") for line in footer]
    console.print(*lines, sep="\n", overflow="crop", no_wrap=False)


def _map_title(near: NearResult) -> str:
    place = near.resolution.place
    count = len(near.sites)
    return f"{count} site{'s' if count != 1 else ''} nearest to {place.label}"


def _write_map_file(result: MapResult, out: Path) -> None:
    from sitefinder.errors import SitefinderError
    from sitefinder.mapdraw import SiteLabel, html, svg
    from sitefinder.paths import replace_atomically

    near, scene = result.near, result.scene
    labels = []
    for marker in scene.markers:
        site = marker.entry.site
        contact = investigator_cell(site)
        labels.append(SiteLabel(
            text=f"{marker.rank} {site.facility}, {site.city}, {distance_cell(marker.entry)} km",
            details="\n".join(part for part in (
                f"{marker.rank}. {site.facility} (id {site.id})", f"{site.city}, {site.province}, {site.country}",
                f"{distance_cell(marker.entry)} km · {status_cell(site, site_trial(near, site))}",
                f"Investigator: {contact}" if contact else "") if part)))
    labels = [label._replace(text=printable(label.text), details=printable(label.details)) for label in labels]
    title = printable(_map_title(near))
    if out.suffix.lower() == ".svg":
        text = svg(scene, title, labels)
    else:
        rows = [[str(rank), str(entry.site.id), printable(entry.site.facility), printable(entry.site.city),
                 printable(entry.site.province), distance_cell(entry), status_cell(entry.site, site_trial(near, entry.site)),
                 printable(investigator_cell(entry.site))] for rank, entry in enumerate(near.sites, 1)]
        text = html(scene, title, labels, rows, NEAR_HEADERS)
    try:
        replace_atomically(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    except OSError as exc:
        raise SitefinderError(f"cannot write {out}: {exc.strerror or exc}") from None


_last_progress = [0.0]


def progress_notice(done: int, total: int | None) -> None:
    """A long import's progress on stderr, at most once a second."""
    import time

    now = time.monotonic()
    if now - _last_progress[0] < 1.0 and done != total:
        return
    _last_progress[0] = now
    notice(f"Imported {done}{f' of {total}' if total else ''} studies…")
