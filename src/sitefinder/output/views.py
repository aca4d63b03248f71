"""The views: what people read, as data. Titles, columns (declared with their alignment and whether
they wrap), rows of text, footers as lists of lines, and the notices said on stderr.

Nothing here draws: `terminal.py` draws a view with Rich, `mapfiles.py` writes one into a page.
Changing what a table shows is changing a list here (`LIST_COLUMNS`, `NEAR_COLUMNS`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Union

from sitefinder.answers import (BulkResult, ChineseNames, DatasetUpdate, HospitalAnswer, HospitalTrial, ImportResult,
                                MapResult, NearResult, RegionAnswer, SiteDetail, SiteList, Skipped, TrialSummary,
                                UpdateResult)
from sitefinder.catalogue import short_label
from sitefinder.contacts import contact_line, how_to_reach, lead_contact, reachable_contact
from sitefinder.models import Contact, RankedSite, Site, Trial
from sitefinder.status import effective_status, status_words

if TYPE_CHECKING:
    from sitefinder.geomap import Scene


class Column(NamedTuple):
    """A table column: its header, `right` alignment for numbers, and whether its cells may wrap
    (ids, ranks, distances and statuses stay whole, so that names wrap first)."""

    header: str
    align: str = "left"
    wrap: bool = True


class TableView(NamedTuple):
    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]
    footer: Sequence[str] = ()


class FieldsView(NamedTuple):
    """A key/value view (one site, the trial); a label of "" continues the line above."""

    title: str
    fields: Sequence[tuple[str, str]]


class MapView(NamedTuple):
    """The terminal map: a canvas of `columns` × `rows` cells drawn from `scene`, then its legend."""

    title: str
    scene: Scene
    columns: int
    rows: int
    origin_line: str
    site_lines: Sequence[str]
    footer: Sequence[str]


class Message(NamedTuple):
    """Nothing to draw: one line for the person instead (stderr)."""

    text: str


View = Union[TableView, FieldsView, MapView, Message]

DISTANCE_CAPTION = "Distances are straight lines between city centres, not travel distances."
TRIAL_STATUS_NOTE = ('"(trial)": the registry gives no status for the site, so the trial\'s overall status is shown; '
                     "ask the site whether it has opened.")
# How near a site's coordinates are to the site, by the precision the sites file records.
PRECISION_WORDS = {"city": "city centre", "division": "middle of the division, approximate",
                   "state": "the state's main city, approximate"}

ID = Column("ID", align="right", wrap=False)
STATUS = Column("Status", wrap=False)
LIST_COLUMNS = (ID, Column("Facility"), Column("City"), Column("Province"), STATUS, Column("Investigator"))
NEAR_COLUMNS = (Column("#", align="right", wrap=False), ID, Column("Facility"), Column("City"), Column("Province"),
                Column("km", align="right", wrap=False), STATUS, Column("Investigator"))
UPDATE_COLUMNS = (Column("Change"), ID, Column("Facility"), Column("City"), Column("What"))
TRIAL = Column("Trial")  # in a dataset of several trials, after the facility: whose site it is
HOSPITAL_COLUMNS = (Column("#", align="right", wrap=False), Column("Hospital"), Column("City"),
                    Column("km", align="right", wrap=False), ID, TRIAL, STATUS, Column("Whom to call"))
TRIAL_LIST_COLUMNS = (Column("Trial", wrap=False), Column("Title"), STATUS, Column("Phase"), Column("Sites"),
                      Column("Data of"))
DATASET_UPDATE_COLUMNS = (Column("Trial", wrap=False), Column("Title"), Column("Status"), Column("Sites"))


# ---------------------------------------------------------------- cells

def site_trial(answer: NearResult | RegionAnswer | SiteList, site: Site) -> Trial:
    """The trial a site of an answer belongs to (the answer's own, in a single-trial dataset)."""
    return answer.trials.get(site.nct_id or answer.trial.nct_id, answer.trial)


def trial_cell(trial: Trial) -> str:
    return " ".join(part for part in (trial.nct_id, short_label(trial)) if part)


def status_cell(site: Site, trial: Trial) -> str:
    return status_words(*effective_status(site.status, trial.overall_status))


def investigator_cell(site: Site) -> str:
    contact = lead_contact(site.contacts)
    return contact.name if contact else ""


def distance_cell(entry: RankedSite) -> str:
    """A site's distance, marked ≈ when the site's own town is unknown offline and it was placed
    at its state's main city or its division's middle."""
    return f"{'≈' if entry.site.approximate else ''}{entry.distance_km:,.1f}"


def where_cells(site: Site, chinese: ChineseNames | None) -> list[str]:
    """City and province cells: "Jiangmen 江门", "Guangdong 广东" when Chinese names are asked for."""
    if chinese is None:
        return [site.city, site.province]
    city, province = chinese.sites.get(site.id, ("", ""))
    return [" ".join(part for part in (site.city, city) if part),
            " ".join(part for part in (site.province, province) if part)]


# ---------------------------------------------------------------- what every answer ends with

def answer_footer(sites: Sequence[Site], trial: Trial, distances: bool = True,
                  answer: NearResult | RegionAnswer | SiteList | None = None) -> list[str]:
    """Below a table of sites: what "(trial)" means, which sites are placed approximately (marked ≈
    where `distances` are shown), whom to call, and how current the data are. `answer`: the answer,
    when its sites may belong to several trials (each then has its own status, contact and date)."""
    if answer is not None and answer.many_trials:
        return _many_trials_footer(sites, answer, distances)
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


def _many_trials_footer(sites: Sequence[Site], answer: NearResult | RegionAnswer | SiteList,
                        distances: bool) -> list[str]:
    lines = []
    if any(effective_status(site.status, site_trial(answer, site).overall_status)[1] == "trial" for site in sites):
        lines.append(TRIAL_STATUS_NOTE)
    approximate = [site for site in sites if site.approximate]
    if approximate:
        ids = ", ".join(str(site.id) for site in approximate)
        lines.append(f"{'≈: the' if distances else 'The'} town of site {ids} is not in the offline gazetteer, so "
                     f"where it is is approximate (sitefinder show {approximate[0].id} says how it was placed).")
    by_trial: dict[str, list[Site]] = {}
    for site in sites:
        by_trial.setdefault(site_trial(answer, site).nct_id, []).append(site)
    for nct, group in by_trial.items():
        lines += [f"{nct}: {line}" for line in whom_to_call(group, site_trial(answer, group[0]))[:-1]]
    if sites:
        lines.append(f"Every contact of a site: sitefinder show ID (e.g. sitefinder show {sites[0].id}).")
    if by_trial:
        from sitefinder.trial import freshness

        oldest = min((site_trial(answer, group[0]) for group in by_trial.values()),
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
    elif without and not trial.nct_id:  # no trial facts at all: nothing is known of the trial's contacts
        lines.append("The registry lists no phone or email for these sites, and there is no trial.json beside "
                     "the sites file to name the trial's contacts.")
    elif without:
        lines.append("The registry lists no phone or email for these sites or for the trial.")
    if sites:
        lines.append(f"Every contact of a site: sitefinder show ID (e.g. sitefinder show {sites[0].id}).")
    return lines


def _reach_line(contact: Contact) -> str:
    return how_to_reach(contact, group_separator="-")  # a footer line that Rich wraps


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


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


# ---------------------------------------------------------------- notices (stderr, every format)

def notices(answer: object) -> list[str]:
    """What the person should know about an answer, said on stderr before it, whatever the format."""
    if isinstance(answer, MapResult):
        return near_notices(answer.near)
    if isinstance(answer, NearResult):
        return near_notices(answer)
    if isinstance(answer, HospitalAnswer):
        return near_notices(answer.near)
    if isinstance(answer, RegionAnswer):
        if answer.sites:
            return [f"{answer.query} is a {answer.kind}, not a place to measure distances from: these are its "
                    f"{_plural(len(answer.sites), 'site')} (sitefinder list --{answer.kind} {answer.region!r}); "
                    "give a city for the nearest."]
        return [f"{answer.query} is a {answer.kind}, and this trial has no site there; "
                "give a city to see the nearest sites anywhere."]
    if isinstance(answer, TrialSummary) and not answer.trial.nct_id and not answer.trials:
        return [f"No trial facts: there is no readable trial.json beside {answer.sites_name or 'the sites file'}."]
    if isinstance(answer, BulkResult):
        return [*(f"Skipped {skipped_line(item)}" for item in answer.skipped), *unplaced_notices(answer.unplaced)]
    if isinstance(answer, ImportResult):
        return unplaced_notices(answer.unplaced)
    if isinstance(answer, UpdateResult):
        return [*answer.notes, *unplaced_notices(answer.unplaced)]
    if isinstance(answer, DatasetUpdate):
        return [*answer.notes, *unplaced_notices(answer.unplaced),
                *(f"{change.nct_id}: the registry did not return this study; its data are kept as they were"
                  for change in answer.trials if not change.found)]
    return []


def unplaced_notices(unplaced: Sequence[str]) -> list[str]:
    return [f"Not placed (listed, but never ranked by distance): {facility}" for facility in unplaced]


def skipped_line(item: Skipped) -> str:
    """A study an import left out: where it was, its NCT id, and why."""
    where = f"{item.source}" + (f" study {item.position}" if item.position is not None else "")
    return f"{where}{' (' + item.nct_id + ')' if item.nct_id else ''}: {item.reason}"


def progress_line(done: int, total: int | None) -> str:
    return f"Imported {done}{f' of {total}' if total else ''} studies…"


def near_notices(result: NearResult) -> list[str]:
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


# ---------------------------------------------------------------- each answer's view

def view(answer: object, canvas: tuple[int, int] = (0, 0)) -> View | None:
    """The view of an answer for people; None when the notices already said everything.
    `canvas`: a terminal map's columns and rows."""
    if isinstance(answer, MapResult):
        return map_view(answer, *canvas)
    if isinstance(answer, NearResult):
        return near_view(answer) if answer.sites else None
    if isinstance(answer, HospitalAnswer):
        return hospital_view(answer) if answer.hospitals else None
    if isinstance(answer, (SiteList, RegionAnswer)):
        return list_view(answer)
    if isinstance(answer, SiteDetail):
        return site_view(answer)
    if isinstance(answer, TrialSummary):
        if answer.trials:
            return trial_list_view(answer)
        return FieldsView(answer.trial.nct_id or "Trial", trial_fields(answer))
    if isinstance(answer, BulkResult):
        return import_view(answer)
    if isinstance(answer, UpdateResult):
        return update_view(answer)
    if isinstance(answer, DatasetUpdate):
        return dataset_update_view(answer)
    raise TypeError(f"no view for {type(answer).__name__}")


def list_view(answer: SiteList | RegionAnswer) -> View:
    sites, trial = answer.sites, answer.trial
    if not sites:
        return Message("No sites match.")
    rows = [[str(site.id), site.facility, *where_cells(site, answer.chinese), status_cell(site, site_trial(answer, site)),
             investigator_cell(site)] for site in sites]
    columns: Sequence[Column] = LIST_COLUMNS
    if answer.many_trials:  # every row names its trial
        columns = (*LIST_COLUMNS[:2], TRIAL, *LIST_COLUMNS[2:])
        rows = [[*row[:2], trial_cell(site_trial(answer, site)), *row[2:]] for row, site in zip(rows, sites)]
    return TableView(_plural(len(sites), "site") + (f" of {trial.nct_id}" if trial.nct_id else ""), columns,
                     rows, answer_footer(sites, trial, distances=False, answer=answer))


def near_title(result: NearResult) -> str:
    place = result.resolution.place
    where = ", ".join(part for part in (place.label, place.country if place.province else "") if part)
    if result.chinese and (result.chinese.place or result.chinese.province):
        province, city = result.chinese.province, result.chinese.place
        where = f"{province if province != city else ''}{city} {where}".strip()  # 北京, not 北京北京
    return f"Sites nearest to {where} ({place.latitude:.4f}, {place.longitude:.4f})"


def near_rows(result: NearResult) -> list[list[str]]:
    return [[str(rank), str(entry.site.id), entry.site.facility, *where_cells(entry.site, result.chinese),
             distance_cell(entry), status_cell(entry.site, site_trial(result, entry.site)),
             investigator_cell(entry.site)]
            for rank, entry in enumerate(result.sites, 1)]


def near_view(result: NearResult) -> TableView:
    columns: Sequence[Column] = NEAR_COLUMNS
    rows = near_rows(result)
    if result.many_trials:  # every row names its trial
        columns = (*NEAR_COLUMNS[:3], TRIAL, *NEAR_COLUMNS[3:])
        rows = [[*row[:3], trial_cell(site_trial(result, entry.site)), *row[3:]]
                for row, entry in zip(rows, result.sites)]
    return TableView(near_title(result), columns, rows,
                     [*answer_footer([entry.site for entry in result.sites], result.trial, answer=result),
                      DISTANCE_CAPTION])


def hospital_view(answer: HospitalAnswer) -> TableView:
    """`near PLACE --by hospital`: one line a trial, the hospital named on its first."""
    place = answer.near.resolution.place
    rows = []
    for rank, hospital in enumerate(answer.hospitals, 1):
        for number, row in enumerate(hospital.trials):
            named = [str(rank), hospital.facility, hospital.city,
                     f"{'≈' if hospital.approximate else ''}{hospital.distance_km:,.1f}"] if number == 0 else [""] * 4
            rows.append([*named, str(row.site.id), trial_cell(row.trial), status_cell(row.site, row.trial),
                         call_cell(row)])
    where = ", ".join(part for part in (place.label, place.country if place.province else "") if part)
    return TableView(f"Hospitals nearest to {where} ({place.latitude:.4f}, {place.longitude:.4f})",
                     HOSPITAL_COLUMNS, rows,
                     [*([TRIAL_STATUS_NOTE] if any("(trial)" in row[6] for row in rows) else []),
                      "Every contact of a site: sitefinder show ID.", DISTANCE_CAPTION])


def call_cell(row: HospitalTrial) -> str:
    if row.call is None:
        return "no phone or email listed"
    who = "trial contact " if row.call_is_central else ""
    return f"{who}{call_line(row)}"


def call_line(row: HospitalTrial) -> str:
    """Whom to call at a hospital about a trial, and how ("" when the registry gives no one)."""
    return f"{row.call.name}, {_reach_line(row.call)}" if row.call is not None else ""


def site_view(result: SiteDetail) -> FieldsView:
    site, trial = result.site, result.trial
    location = ", ".join(part for part in (site.city, site.province, site.country) if part)
    coordinates = (f"{site.latitude:.4f}, {site.longitude:.4f}" if site.has_coordinates else "unknown")
    precision = ", ".join(part for part in (PRECISION_WORDS.get(site.coordinate_precision, site.coordinate_precision),
                                            site.coordinate_source) if part)
    fields = [("Site", str(site.id)), ("Facility", site.facility), ("Location", location),
              ("Status", status_cell(site, trial)),
              ("Coordinates", coordinates + (f" ({precision})" if precision else ""))]
    if site.location_note:
        fields.append(("Note", site.location_note))
    fields += labelled("Contacts", [contact_line(contact) for contact in site.contacts] or ["none listed"])
    fields += labelled("Trial contact", [contact_line(contact) for contact in trial.central_contacts])
    if trial.nct_id:
        fields.append(("Trial", f"{trial.nct_id}: {trial.brief_title}"))
    fields.append(("Data", data_line(trial)))
    return FieldsView(site.facility, fields)


def labelled(label: str, values: Sequence[str]) -> list[tuple[str, str]]:
    """Several values under one label: the label on the first line only."""
    return [(label if index == 0 else "", value) for index, value in enumerate(values)]


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
    fields += labelled("Contact", [contact_line(contact) for contact in trial.central_contacts])
    fields.append(("Registry", trial.url))
    fields.append(("Data", data_line(trial)))
    return [(name, value) for name, value in fields if value]


def trial_list_view(summary: TrialSummary) -> TableView:
    """`info` on a dataset of several trials: each with its status, phase, site count and data date."""
    from sitefinder.trial import freshness

    rows = [[row.trial.nct_id, short_label(row.trial),
             status_words(row.trial.overall_status, "site") if row.trial.overall_status else "unknown",
             row.trial.phase.replace("PHASE", "Phase ").replace("_", " ") or "—", str(row.site_count),
             freshness(row.trial).date or "unknown"] for row in summary.trials]
    return TableView(f"{len(rows)} trials, {summary.site_count} sites", TRIAL_LIST_COLUMNS, rows,
                     ["One trial's facts: sitefinder info NCT_ID (e.g. sitefinder info "
                      f"{summary.trials[0].trial.nct_id})."])


def single_trial(result: BulkResult) -> Trial | None:
    """The one trial of an import of one study (None for several)."""
    return result.trials[0] if len(result.trials) == 1 else None


def import_trial_path(result: BulkResult) -> Path | None:
    """The trial file to name: trial.json for one study, trials.json for several."""
    trials_path = result.trials_path
    return trials_path.with_name("trial.json") if single_trial(result) and trials_path else trials_path


def import_view(result: BulkResult) -> FieldsView:
    placed = len(result.sites) - len(result.unplaced)
    one = single_trial(result)
    return FieldsView(f"Imported {one.nct_id if one else f'{len(result.trials)} trials'}", [
        ("Sites", f"{len(result.sites)}: {result.from_registry} placed by the registry, "
                  f"{placed - result.from_registry} by the offline gazetteer, {len(result.unplaced)} not placed"),
        ("Sites file", str(result.sites_path)), ("Trial file", str(import_trial_path(result))),
        ("Next", f"sitefinder near CITY --sites {result.sites_path}"),
    ])


def update_rows(result: UpdateResult) -> list[list[str]]:
    """One row per change: added, removed, and for a changed site its status and its people apart."""
    rows = ([["added", str(site.id), site.facility, site.city, status_cell(site, result.trial)]
             for site in result.added]
            + [["removed", str(site.id), site.facility, site.city, "(was " + status_cell(site, result.before) + ")"]
               for site in result.removed])
    for change in result.changed:
        if change.status:
            rows.append(["changed", str(change.site.id), change.site.facility, change.site.city,
                         f"status: {status_words(*change.status[0])} → {status_words(*change.status[1])}"])
        if change.contacts:
            before, after = ("; ".join(map(contact_line, people)) or "none" for people in change.contacts)
            rows.append(["changed", str(change.site.id), change.site.facility, change.site.city,
                         f"contacts: {before} → {after}"])
    return rows


def update_view(result: UpdateResult) -> View:
    from sitefinder.trial import freshness

    where = ("every command now uses them (--sites still wins)" if result.is_default
             else f"use them with --sites {result.sites_path}")
    footer = [f"Saved in {result.sites_path.parent}; {where}.", data_line(result.trial)]
    if result.added or result.removed:  # ids are stable: say which are new and which are gone for good
        footer.insert(0, ids_line(result.added, result.removed))
    if result.before.overall_status != result.trial.overall_status:
        footer.insert(0, f"The trial's overall status, shown for every site that states none: "
                         f"{status_words(result.before.overall_status, 'site')} → "
                         f"{status_words(result.trial.overall_status, 'site')}.")
    before = freshness(result.before).date
    title = (f"{result.nct_id}: {result.site_count} sites; {len(result.added)} added, {len(result.removed)} removed, "
             f"{len(result.changed)} changed since the data of {before or 'unknown date'}")
    rows = update_rows(result)
    if rows:
        return TableView(title, UPDATE_COLUMNS, rows, footer)
    return FieldsView(title, [("", line) for line in ["Nothing changed.", *footer]])


def ids_line(added: Sequence[Site], removed: Sequence[Site]) -> str:
    """Which site ids are new and which are gone for good (ids are stable across updates)."""
    return "Site ids: " + "; ".join(part for part in (
        "added " + ", ".join(str(site.id) for site in added) if added else "",
        "removed " + ", ".join(str(site.id) for site in removed) + " (never reused)"
        if removed else "") if part) + "; every other site keeps its id."


def dataset_update_rows(result: DatasetUpdate) -> list[list[str]]:
    """One row a trial: its status (and its change), its sites' changes."""
    rows = []
    for change in result.trials:
        status = (f"{status_words(change.before.overall_status, 'site')} → "
                  f"{status_words(change.after.overall_status, 'site')}" if change.status_changed
                  else status_words(change.after.overall_status, "site"))
        sites = (f"{change.site_count} sites; {len(change.added)} added, {len(change.removed)} removed, "
                 f"{len(change.changed)} changed" if change.found else "not returned by the registry; kept")
        rows.append([change.nct_id, short_label(change.after), status, sites])
    return rows


def dataset_update_view(result: DatasetUpdate) -> TableView:
    """`update` of a dataset of several trials: per trial, its status change and its sites' changes."""
    moved = sum(change.status_changed for change in result.trials)
    added = [site for change in result.trials for site in change.added]
    removed = [site for change in result.trials for site in change.removed]
    footer = [f"Saved in {result.sites_path.parent}; use them with --sites {result.sites_path}.",
              "Each trial's site changes: sitefinder update --json."]
    if added or removed:
        footer.insert(0, ids_line(added, removed))
    return TableView(f"{len(result.trials)} trials refreshed; {moved} changed status", DATASET_UPDATE_COLUMNS,
                     dataset_update_rows(result), footer)


# ---------------------------------------------------------------- the map's words

def map_title(near: NearResult) -> str:
    return f"{_plural(len(near.sites), 'site')} nearest to {near.resolution.place.label}"


def map_view(result: MapResult, columns: int, rows: int) -> MapView:
    from sitefinder.mapdraw import CAPTION, ORIGIN_MARK, scale_words

    near, scene = result.near, result.scene
    place = near.resolution.place
    shown = {marker.rank for marker in scene.markers}
    site_lines = []
    for rank, entry in enumerate(near.sites, 1):
        site = entry.site
        where = " ".join(where_cells(site, near.chinese)[:1])
        site_lines.append(f"{rank:>2} {site.facility}, {where} · {distance_cell(entry)} km · "
                          f"{status_cell(site, site_trial(near, site))} · id {site.id}"
                          + ("" if rank in shown else " (outside this view)"))
    footer = [f"Map: {scale_words(scene, columns)}. {CAPTION}",
              *answer_footer([e.site for e in near.sites], near.trial, answer=near)]
    return MapView(map_title(near), scene, columns, rows,
                   f"{ORIGIN_MARK} {place.label}" + ("" if scene.origin else " (outside this view)"),
                   site_lines, footer)


def map_written(result: MapResult) -> str:
    return f"Map written to {result.out} ({_plural(len(result.scene.markers), 'site')})."
