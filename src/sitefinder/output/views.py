"""The views: what people read, as data. Titles, columns (declared with their alignment and whether
they wrap), rows of text, footers as lists of lines, and the notices said on stderr.

Nothing here draws: `terminal.py` draws a view with Rich, `mapfiles.py` writes one into a page.
Changing what a table shows is changing a list here (`LIST_COLUMNS`, `NEAR_COLUMNS`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Union

from sitefinder.answers import (Answer, BulkResult, ChineseNames, DatasetUpdate, Hospital, HospitalAnswer, ImportResult,
                                MapResult, NearResult, RegionAnswer, SearchPages, SiteDetail, SiteList, Skipped,
                                TrialChange, TrialSummary, UpdateResult)
from sitefinder.catalogue import trial_name
from sitefinder.contacts import contact_line, dialable, lead_contact, people, reachable_contact
from sitefinder.models import Contact, RankedSite, Resolution, Site, Trial, contenders
from sitefinder.status import effective_status, status_words
from sitefinder.text import quoted

if TYPE_CHECKING:
    from sitefinder.geomap import Scene


# The wording catalogue is imported when words are first needed: `--json` and `--format csv` answers
# mostly need none (measured: 0.4 ms of import with bytecode, 1.5 ms without).
def say(key: str, lang: str | None = "en", **values: object) -> str:
    from sitefinder.wording import say as catalogue_say

    return catalogue_say(key, lang, **values)


def ids_named(ids: Sequence[str]) -> str:
    from sitefinder.wording import ids_named as catalogue_ids_named

    return catalogue_ids_named(ids)


def plural(count: int, singular: str, many: str | None = None) -> str:
    from sitefinder.wording import plural as catalogue_plural

    return catalogue_plural(count, singular, many)


def spoken_notes(notes: Sequence[str], lang: str, options: str = "") -> list[str]:
    """The core's notices in the answer's language: a phrase of the catalogue (wording.said) is said
    again in it; China's notices are made in it already; the commands either suggests with the
    `options` that chose the data."""
    if not notes:
        return []
    from sitefinder.wording import spoken

    return [spoken(note, lang, options) for note in notes]


def closed_note(count: int, suggested: str, lang: str | None = "en") -> str:
    from sitefinder.wording import closed_note as catalogue_note

    return catalogue_note(count, suggested, lang)


def for_trials(key: str, many: bool) -> str:
    from sitefinder.wording import for_trials as catalogue_for_trials

    return catalogue_for_trials(key, many)


def command(*words: str, options: str = "") -> str:
    from sitefinder.wording import command as catalogue_command

    return catalogue_command(*words, options=options)


class Column(NamedTuple):
    """A table column: its header, `right` alignment for numbers, and whether its cells may wrap
    (ids, ranks, distances and statuses stay whole, so that names wrap first). `lines`: at most this
    many lines a cell (0: as many as it takes), the rest cut at a word with "…" (lines.wrap_cut): a
    trial's title is given whole and cut to the width its column gets, never to a fixed length."""

    header: str
    align: str = "left"
    wrap: bool = True
    lines: int = 0


class TableView(NamedTuple):
    """A table: `lead` lines are said between the title and the table (a status every row shares,
    said once), each with its style; `styles` parallel `rows` ("" for none: a status's colour).
    `then`: tables drawn under this one, each with its title, before this one's footer (an update
    of many trials: the trials, then every trial's site changes)."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]
    footer: Sequence[str] = ()
    lead: Sequence[tuple[str, str]] = ()
    styles: Sequence[Sequence[str]] = ()
    then: Sequence["TableView"] = ()


class FieldsView(NamedTuple):
    """A key/value view (one site, the trial); a label of "" continues the line above. `lines`: the
    indexes of the fields whose values are text of several lines (eligibility criteria), whose line
    breaks are shown as breaks; in every other value a line break is data, shown as `\\x0a` as in a table."""

    title: str
    fields: Sequence[tuple[str, str]]
    lines: frozenset[int] = frozenset()


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


def written(view: TableView | FieldsView | MapView, convert: Callable[[str], str]) -> TableView | FieldsView | MapView:
    """The view with every word people read in it passed through `convert` (Traditional characters:
    streams.for_people), before it is measured and wrapped; the map's scene is no words."""
    if isinstance(view, TableView):
        return view._replace(title=convert(view.title),
                             columns=[column._replace(header=convert(column.header)) for column in view.columns],
                             rows=[[convert(text) for text in row] for row in view.rows],
                             footer=[convert(line) for line in view.footer],
                             lead=[(convert(line), style) for line, style in view.lead],
                             then=[written(table, convert) for table in view.then])  # type: ignore[misc]
    if isinstance(view, FieldsView):
        return view._replace(title=convert(view.title),
                             fields=[(convert(name), convert(value)) for name, value in view.fields])
    return view._replace(title=convert(view.title), origin_line=convert(view.origin_line),
                         site_lines=[convert(line) for line in view.site_lines],
                         footer=[convert(line) for line in view.footer])

# How near a site's coordinates are to the site, by the precision the sites file records: the
# catalogue's "precision.city" and so on.
PRECISIONS = ("city", "division", "state")

ID = Column("ID", align="right", wrap=False)
STATUS = Column("Status", wrap=False)
LIST_COLUMNS = (ID, Column("Facility"), Column("City"), Column("Province"), STATUS, Column("Investigator"))
NEAR_COLUMNS = (Column("#", align="right", wrap=False), ID, Column("Facility"), Column("City"), Column("Province"),
                Column("km", align="right", wrap=False), STATUS, Column("Investigator"))
# The terminal's near table: the id first (what `show ID` takes), the rank is the order of the rows.
NEAR_TABLE_COLUMNS = (ID, Column("Facility"), Column("City"), Column("Province"),
                      Column("km", align="right", wrap=False), STATUS, Column("Investigator"))
UPDATE_COLUMNS = (Column("Change"), ID, Column("Facility"), Column("City"), Column("What"))
_HEADER_KEYS = {"ID": "id", "Facility": "facility", "City": "city", "Province": "province", "km": "km",
                "Status": "status", "Investigator": "investigator", "Trial": "trial", "Hospital": "hospital",
                "Whom to call": "whom_to_call", "Title": "title", "Phase": "phase", "Sites": "sites",
                "Data of": "data_of", "Change": "change", "What": "what"}


def columns_in(columns: Sequence[Column], lang: str) -> tuple[Column, ...]:
    """The columns with their headers in `lang` (the wording catalogue's labels)."""
    if lang == "en":
        return tuple(columns)
    return tuple(column._replace(header=say(f"label.{_HEADER_KEYS[column.header]}", lang))
                 if column.header in _HEADER_KEYS else column for column in columns)


def as_read(answer: Answer) -> Answer:
    """The answer as people read it: without Chinese names that are data only (an English question
    answered in JSON or CSV has them, for its keys and values never to depend on the language), so
    that its notices and any view are in the language asked."""
    if isinstance(answer, MapResult):
        near = as_read(answer.near)
        return answer if near is answer.near else answer._replace(near=near)  # type: ignore[arg-type]
    if isinstance(answer, HospitalAnswer):
        near = as_read(answer.near)
        return answer if near is answer.near else answer._replace(near=near)  # type: ignore[arg-type]
    if isinstance(answer, (NearResult, RegionAnswer, SiteList, SiteDetail)) and answer.chinese is not None \
            and not answer.chinese.shown:
        return answer._replace(chinese=None)
    return answer


def lang_of(chinese: ChineseNames | None) -> str:
    """The language of an answer's words: Chinese when Chinese names were asked for (or typed)."""
    return "zh" if chinese is not None else "en"
# A trial's title takes two lines at most: a wide terminal shows it whole, a narrow one its start;
# a site's trial three, its id and its name, since a narrow column gives the id a line of its own
# (at 100 columns the Trial column is 13 cells, as wide as the facility's: "NCT05288205 / Phase
# 1/2a Study / of…"). A block of lines (below a table's width) gives a cut cell two of the
# terminal's lines (terminal.BLOCK_LINES).
TITLE_LINES = 2
TRIAL = Column("Trial", lines=3)  # in a dataset of several trials, after the facility: whose site it is
HOSPITAL_COLUMNS = (Column("#", align="right", wrap=False), Column("Hospital"), Column("City"),
                    Column("km", align="right", wrap=False), ID, TRIAL, STATUS, Column("Whom to call"))
TRIAL_LIST_COLUMNS = (Column("Trial", wrap=False), Column("Title", lines=TITLE_LINES), STATUS, Column("Phase"), Column("Sites"),
                      Column("Data of"))
DATASET_UPDATE_COLUMNS = (Column("Trial", wrap=False), Column("Title", lines=TITLE_LINES), Column("Status"),
                          Column("Sites"))
DATASET_CHANGE_COLUMNS = (Column("Trial", wrap=False), *UPDATE_COLUMNS)


# ---------------------------------------------------------------- cells

def site_trial(answer: NearResult | RegionAnswer | SiteList, site: Site) -> Trial:
    """The trial a site of an answer belongs to (the answer's own, in a single-trial dataset)."""
    return answer.trials.get(site.nct_id or answer.trial.nct_id, answer.trial)


def trial_cell(trial: Trial) -> str:
    """A site's trial, its id and its whole name: the table cuts it to its column (Column.lines)."""
    return " ".join(part for part in (trial.nct_id, trial_name(trial)) if part)


def status_cell(site: Site, trial: Trial, chinese: ChineseNames | None = None) -> str:
    """"Not yet recruiting (trial)"; in Chinese words when Chinese is asked for. `trial`: the site's
    own trial (site_trial), whose status stands in when the site gives none."""
    shown, source = effective_status(site.status, trial.overall_status)
    if chinese is None:
        return status_words(shown, source)
    from sitefinder.status import status_word

    words = status_word(shown, "zh")
    return say("status.trial_suffix", "zh", status=words) if source == "trial" else words


def facility_cell(site: Site, chinese: ChineseNames | None) -> str:
    """"江门市中心医院 Jiangmen Central Hospital" when Chinese is asked for and the name is known:
    the name the reader asked in first (a table wraps after it), the registry's English beside it."""
    name = chinese.facilities.get(site.id, "") if chinese else ""
    return f"{name} {site.facility}" if name else site.facility


def investigator_cell(site: Site) -> str:
    contact = lead_contact(site.contacts)
    return contact.name if contact else ""


def distance_cell(entry: RankedSite) -> str:
    """A site's distance, marked ≈ when the site's own town is unknown offline and it was placed
    at its state's main city or its division's middle."""
    return f"{'≈' if entry.site.approximate else ''}{entry.distance_km:,.1f}"


def where_cells(site: Site, chinese: ChineseNames | None, provinces: Mapping[int, str] | None = None) -> list[str]:
    """City and province cells, the province in its short word ("Beijing", not "Beijing
    Municipality"); "江门", "广东" when Chinese names are asked for and known (the facility cell
    keeps the registry's English beside the Chinese name, and JSON has both). `provinces`: the
    province each site is kept under (queries.kept_provinces), shown in place of the registry's."""
    from sitefinder.regions import short_province

    if chinese is None:
        city, province = site.city, short_province((provinces or {}).get(site.id, site.province))
    else:
        city, province = chinese.sites.get(site.id, ("", ""))
        city, province = city or site.city, province or short_province((provinces or {}).get(site.id, site.province))
    return [city or no_city(site, lang_of(chinese)), province]


def no_city(site: Site, lang: str) -> str:
    """The city cell of a row the registry gave no city: that it gave none, and the site's country
    (in the row's language: 未给出城市（拉脱维亚）), which no other cell of the row names."""
    if not site.country:
        return say("site.no_city", lang)
    return say("site.no_city_in", lang, country=country_shown(site.country, lang))


def status_style(site: Site, trial: Trial) -> str:
    """The Rich style of a site's status where colour is on: open green, not yet yellow, closed dim."""
    from sitefinder.status import CLASS_STYLES, status_class

    return CLASS_STYLES[status_class(effective_status(site.status, trial.overall_status)[0])]


def site_table(title: str, columns: Sequence[Column], rows: Sequence[list[str]], sites: Sequence[Site],
               trial: Trial, chinese: ChineseNames | None, footer: Sequence[str],
               trial_of: Callable[[Site], Trial] | None = None) -> TableView:
    """A table of sites that reads at 80 columns: a status every row shares is said once above the
    table (in its colour) instead of in a column. Whom to call is the footer's first lines, right
    under the rows (a number in a narrow column would take three lines a row). `trial_of`: each
    site's own trial, in a dataset of several (its status is that trial's when the site has none)."""
    lang = lang_of(chinese)
    own_trial = trial_of or (lambda site: trial)
    styles = [[""] * len(columns) for _ in rows]
    status_at = list(columns).index(STATUS)
    for site, row_styles in zip(sites, styles):
        row_styles[status_at] = status_style(site, own_trial(site))
    style = status_style(sites[0], own_trial(sites[0])) if sites else ""
    return said_once(TableView(title, columns_in(columns, lang), rows, footer, (), styles),
                     {columns_in([STATUS], lang)[0]: ("status", style), columns_in([TRIAL], lang)[0]: ("trial", "")},
                     lang)


def said_once(view: TableView, shared: Mapping[Column, tuple[str, str]], lang: str) -> TableView:
    """A table without the width of what no row tells apart: a column empty in every row (no
    investigator known) is left out; one of `shared` (column: the catalogue's word, "status" or
    "trial", and the style of its line) whose filled cells all say one thing is said once above the
    table ("Status of all 5 sites: …", "Trial: NCT…"), its cells left out. Every view of sites
    (list, near, near --by hospital) keeps to this one rule."""
    rows = view.rows
    if not rows:
        return view
    keep, lead = [], list(view.lead)
    for index, column in enumerate(view.columns):
        filled = {row[index] for row in rows} - {""}
        if column in shared and len(filled) == 1:
            word, style = shared[column]
            key = f"{word}.every" if len(rows) > 1 else f"{word}.one"
            lead.append((say(key, lang, count=len(rows), **{word: next(iter(filled))}), style))
        elif filled or index == 0:
            keep.append(index)
    if len(keep) == len(view.columns):
        return view
    styles = [[row_styles[index] for index in keep] for row_styles in view.styles] if view.styles else view.styles
    return view._replace(columns=[view.columns[index] for index in keep],
                         rows=[[row[index] for index in keep] for row in rows], lead=lead, styles=styles)


# ---------------------------------------------------------------- what every answer ends with

def answer_footer(sites: Sequence[Site], trial: Trial, distances: bool = True, options: str = "",
                  lang: str = "en", answer: NearResult | RegionAnswer | SiteList | None = None) -> list[str]:
    """Below a table of sites: whom to call (first, right under the rows: on an 80×24 screen it
    stays in view), what "(trial)" means, which sites are placed approximately (marked ≈ where
    `distances` are shown), and how current the data are; in `lang`. `options`: the options that
    chose the data (`--sites PATH`), repeated in every command a line suggests. `answer`: the
    answer, when its sites may belong to several trials (each then has its own status, contact and
    date)."""
    from sitefinder.status import trial_status_note

    if answer is not None and answer.many_trials:
        return _many_trials_footer(sites, answer, distances, options, lang)
    lines = whom_to_call(sites, trial, options, lang)
    lines += dict.fromkeys(trial_status_note(trial.overall_status, lang, site.status) for site in sites
                           if effective_status(site.status, trial.overall_status)[1] == "trial")
    approximate = [site for site in sites if site.approximate]
    if approximate:
        ids = ", ".join(str(site.id) for site in approximate)
        lines.append(say("approximate.marked" if distances else "approximate.plain", lang,
                         ids=ids, command=command("show", str(approximate[0].id), options=options)))
    lines.append(data_line(trial, lang, options))
    return lines


def _approximate_line(sites: Sequence[Site], distances: bool, options: str, lang: str) -> list[str]:
    approximate = [site for site in sites if site.approximate]
    if not approximate:
        return []
    ids = ", ".join(str(site.id) for site in approximate)
    return [say("approximate.marked" if distances else "approximate.plain", lang,
                ids=ids, command=command("show", str(approximate[0].id), options=options))]


def _many_trials_footer(sites: Sequence[Site], answer: NearResult | RegionAnswer | SiteList,
                        distances: bool, options: str, lang: str) -> list[str]:
    """answer_footer for sites of several trials: "(trial)" explained by each shown trial's own
    status (one line per distinct meaning), whom to call per trial, the oldest trial's data date."""
    from sitefinder.status import trial_status_note

    notes = [trial_status_note(site_trial(answer, site).overall_status, lang, site.status) for site in sites
             if effective_status(site.status, site_trial(answer, site).overall_status)[1] == "trial"]
    lines = [*dict.fromkeys(notes), *_approximate_line(sites, distances, options, lang)]
    by_trial: dict[str, list[Site]] = {}
    for site in sites:
        by_trial.setdefault(site_trial(answer, site).nct_id, []).append(site)
    for nct, group in by_trial.items():
        lines += [f"{nct}: {line}" for line in whom_to_call(group, site_trial(answer, group[0]), options, lang)[:-1]]
    if sites:
        lines.append(say("call.every_contact", lang, command=command("show", str(sites[0].id), options=options)))
    if by_trial:
        lines.append(trials_data_line([site_trial(answer, group[0]) for group in by_trial.values()], lang, options))
    return lines


def trials_data_line(trials: Sequence[Trial], lang: str = "en", options: str = "") -> str:
    """data_line for the trials of one answer: the one trial's, else the oldest's, named."""
    from sitefinder.trial import oldest_data

    distinct = list({trial.nct_id: trial for trial in trials}.values())
    if len(distinct) == 1:
        return data_line(distinct[0], lang, options)
    oldest = oldest_data(distinct)
    head = say("data.line", lang, how="", date="").rstrip()  # "Registry data"
    return data_line(oldest, lang, options, every_trial=True).replace(
        head, say("data.oldest", lang, nct_id=oldest.nct_id), 1)


def data_notice(trials: Sequence[Trial], lang: str = "en", options: str = "") -> str:
    """trials_data_line as a notice of its own, under the key of its phrase (JSON's `notices`)."""
    from sitefinder.wording import Phrase

    return Phrase(trials_data_line(trials, lang, options), "data.line")


def whom_to_call(sites: Sequence[Site], trial: Trial, options: str = "", lang: str = "en") -> list[str]:
    """Each site's own phone or email when the registry gives one, else the trial's central contact."""
    lines, without = [], 0
    for site in sites:
        contact = reachable_contact(site.contacts)
        if contact:
            lines.append(say("call.site", lang, id=site.id, name=contact.name, reach=reach_line(contact, lang)))
        else:
            without += 1
    central = reachable_contact(trial.central_contacts)
    if without and central:
        which = say("call.which.all" if without == len(sites) else "call.which.other", lang)
        lines.append(say("call.central", lang, which=which, name=central.name, reach=reach_line(central, lang)))
    elif without and not trial.nct_id:  # no trial facts at all: nothing is known of the trial's contacts
        lines.append("The registry lists no phone or email for these sites, and there is no trial.json beside "
                     "the sites file to name the trial's contacts.")
    elif without:
        lines.append(say("call.nobody", lang))
    if sites:
        lines.append(say("call.every_contact", lang, command=command("show", str(sites[0].id), options=options)))
    return lines


def call_for_site(site: Site, trial: Trial, lang: str = "en") -> str:
    """Whom to call about one site: its own contact with a phone or email, else the trial's central one."""
    contact = reachable_contact(site.contacts)
    if contact:
        return f"{contact.name}, {reach_line(contact, lang)}"
    central = reachable_contact(trial.central_contacts)
    if central:
        return say("call.one_site_none", lang, name=central.name, reach=reach_line(central, lang))
    return say("call.one_site_nobody", lang)


def reach_line(contact: Contact, lang: str = "en") -> str:
    # The terminal wraps footers and fields itself (lines.wrap_words), never between two digits: the
    # number is printed as in every other view, and never split over two lines.
    return ", ".join(part for part in (dialable(contact, lang), contact.email) if part)


def data_line(trial: Trial, lang: str = "en", options: str = "", every_trial: bool = False) -> str:
    """How current the data are, and when stale, the command that refreshes them: the data the
    options chose (`update --sites DIR/sites.csv` refreshes DIR itself), else the trial by its id
    (inside the dataset SITEFINDER_SITES names, when it holds it), or with `every_trial` (an answer
    of several trials) every trial of the data in use (`update`, no id)."""
    from sitefinder.trial import STALE_AFTER_DAYS, freshness
    from sitefinder.wording import refresh_command

    fresh = freshness(trial)
    nct_id = "" if every_trial else trial.nct_id
    if not fresh.date:
        return say("data.unknown", lang, command=refresh_command(nct_id, options))
    line = say("data.line", lang, how=say("data.fetched_on" if trial.retrieved else "data.of", lang), date=fresh.date)
    if fresh.age_days is not None:
        line += say("data.age", lang, count=fresh.age_days)
    elif fresh.ahead:
        line += say("data.ahead", lang)
    if fresh.stale:
        line += say("data.stale", lang, days=STALE_AFTER_DAYS, command=refresh_command(nct_id, options))
    return line + say("data.end", lang)


# ---------------------------------------------------------------- notices (stderr, every format)

def notices(answer: object, options: str = "", again: tuple[str, ...] = ()) -> list[str]:
    """What the person should know about an answer, said on stderr before it, whatever the format.
    `options`: the options that chose the data, repeated in every command suggested; `again`: those
    that say how the answer is written (--json, --lang, map's --out), repeated in every command
    suggested of this same command after the filters it repeats (the answer's `asked`): typed
    back, it answers as this one did, with more."""
    said = _notices(answer, options, again)
    if isinstance(answer, (MapResult, NearResult, HospitalAnswer, RegionAnswer, SiteList)):
        said += facts_missing_notices(answer.near if isinstance(answer, (MapResult, HospitalAnswer)) else answer)
    # each once: a province without a site answered from its capital carried its filters' notes twice
    return list(dict.fromkeys(said))


def facts_missing_notices(answer: NearResult | RegionAnswer | SiteList) -> list[str]:
    """The trials of an answer known by their id alone (a sites file without its trials.json):
    their statuses and contacts are unknown, said so rather than shown as if there were none."""
    unknown = [nct_id for nct_id, trial in answer.trials.items()
               if nct_id and not (trial.brief_title or trial.overall_status or trial.last_update or trial.retrieved)]
    if not unknown:
        return []
    lang = lang_of(answer.chinese)
    shown = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
    return [say("notice.trial_facts_missing", lang, count=len(unknown), trials=shown,
                have="have" if len(unknown) != 1 else "has")]


def _region_said(answer: RegionAnswer, lang: str) -> str:
    """A region's answer names it as typed, and in Chinese with its Chinese name beside a Latin query
    ("Tochigi（栃木县）是一个一级行政区"; 山东 as typed)."""
    from sitefinder.text import has_cjk

    zh = answer.chinese.place if answer.chinese else ""
    if lang != "zh" or not zh or has_cjk(answer.query) or answer.meant:
        return answer.named
    return f"{answer.named}（{zh}）"


def _notices(answer: object, options: str = "", again: tuple[str, ...] = ()) -> list[str]:
    if isinstance(answer, MapResult):
        return near_notices(answer.near, options, verb="map", again=again)
    if isinstance(answer, NearResult):
        return near_notices(answer, options, again=again)
    if isinstance(answer, HospitalAnswer):
        return near_notices(answer.near, options, hospitals=answer.hospitals, again=again)
    if isinstance(answer, RegionAnswer):
        from sitefinder.regions import region_asked

        lang = lang_of(answer.chinese)
        closed = ([closed_note(answer.closed_left_out, command("near", answer.query, *answer.asked, "--all", *again, options=options), lang)]
                  if answer.closed_left_out else [])
        # China's provinces are provinces; a first-level division abroad is said as what it may be
        abroad = answer.kind == "province" and answer.country not in ("", "China")
        kind = say("kind.division" if abroad else f"kind.{answer.kind}", lang)
        # --limit and --within measure from a point: a region's answer is every site in it, said so
        distances = ([say("notice.region_no_distance", lang, options=" ".join(
            option for option in ("--limit", "--within") if option in answer.asked))]
            if {"--limit", "--within"} & set(answer.asked) else [])
        if answer.sites:
            return [*spoken_notes(answer.notes, lang, options),  # what else the name means (河北 is also Tianjin's 河北区)
                    say("notice.region_sites." + ("one" if len(answer.sites) == 1 else "many"), lang,
                        query=_region_said(answer, lang), kind=kind, count=len(answer.sites),
                        command=command("list", f"--{answer.option}", region_asked(answer.region, answer.kind, lang),
                                        options=options)), *distances,
                    *closed]
        if answer.status_counts:  # sites there, none with the status asked for
            return [*spoken_notes(answer.notes, lang, options),
                    say("notice.no_status", lang, counts=status_counts_text(answer.status_counts, lang)),
                    data_notice(list(answer.trials.values()) or [answer.trial], lang, options)]
        if answer.together:  # sites there, none that the filters keep: those filters, never "no site there"
            filters = {typed: count for typed, count in answer.together.items() if typed != answer.query}
            return [*spoken_notes(answer.notes, lang, options),
                    say("notice.region_filtered", lang, query=_region_said(answer, lang), kind=kind,
                        count=answer.together.get(answer.query, 0), filters=say("list.and", lang).join(filters),
                        counts=filter_counts(filters, lang, answer.together_where)), *closed]
        return [*spoken_notes(answer.notes, lang, options),
                say(for_trials("notice.region_none", answer.many_trials), lang, query=_region_said(answer, lang),
                    kind=kind), *closed]
    if isinstance(answer, SiteList):
        # the closed sites left out, on stderr as near's (and in JSON's notices): once in the list's footer
        closed = ([closed_note(answer.closed_left_out, command("list", *answer.asked, "--all", *again, options=options),
                               lang_of(answer.chinese))] if answer.closed_left_out and answer.sites else [])
        lang = lang_of(answer.chinese)
        return [*(place_notices(answer.place, answer.chinese, lang, options) if answer.place else []),
                *spoken_notes(answer.notes, lang, options), *(empty_list_notices(answer, options, again) if not answer.sites else closed)]
    if isinstance(answer, SiteDetail):
        lang = lang_of(answer.chinese)
        return [*(place_notices(answer.place, answer.chinese, lang, options) if answer.place else []),
                *spoken_notes(answer.notes, lang, options)]
    if isinstance(answer, TrialSummary) and not answer.trial.nct_id and not answer.trials:
        lang = answer.lang or "en"
        return [say("info.no_trial_facts", lang, name=answer.sites_name or say("info.the_sites_file", lang))]
    if isinstance(answer, BulkResult):
        replaced = ([say("import.replaced_notice", answer.lang, trials=ids_named(answer.replaced),
                         out=answer.sites_path.parent if answer.sites_path else "")] if answer.replaced else [])
        search = [search_notice(answer.search, answer.lang)] if answer.search and not answer.search.complete else []
        outside = answer.outside_country
        left_out = ([say("import.outside_country_notice", answer.lang, count=len(outside), country=answer.country,
                         ids=ids_named(outside))] if outside else [])
        return [*search, *replaced, *(say("import.skipped_notice", answer.lang, line=skipped_line(item, answer.lang))
                                      for item in answer.skipped), *left_out, *record_notices(answer, answer.lang)]
    if isinstance(answer, ImportResult):
        return record_notices(answer)
    if isinstance(answer, UpdateResult):
        return [*spoken_notes(answer.notes, answer.lang, options), *record_notices(answer, answer.lang)]
    if isinstance(answer, DatasetUpdate):
        missing = answer.not_returned
        kept = say("update.kept" if answer.written else "update.nothing_written", answer.lang)
        return [*spoken_notes(answer.notes, answer.lang, options), *record_notices(answer, answer.lang),
                *([say("update.not_returned_notice", answer.lang, count=len(missing), total=len(answer.trials),
                       ids=ids_named(missing), kept=kept)] if missing else [])]
    return []


def search_notice(search: SearchPages, lang: str) -> str:
    """Saved search pages that hold only part of their search: how much, and how to get the rest
    (an import of one page said "Imported 2 trials" of a search of 57, and nothing more)."""
    pages = search.pages
    where = (say("import.search_one", lang, source=pages[0].source) if len(pages) == 1 else
             say("import.search_many", lang, count=len(pages), sources=", ".join(page.source for page in pages)))
    token = next((page.next_token for page in reversed(pages) if page.next_token), None)
    how = say("import.search_rest.token", lang, token=token) if token else say("import.search_rest", lang)
    if search.total is None:
        return say("import.search_more", lang, where=where, given=search.given, how=how)
    return say("import.search_partial", lang, where=where, given=search.given, total=search.total,
               missing=search.missing, how=how)


def regions_in(stated: str, lang: str | None, known: Mapping[str, str] | None = None) -> str:
    """Provinces or states as placement names them ("Zhejiang", "Zhejiang or Jiangsu"), in Chinese
    by their Chinese names where they have one (浙江或江苏; abroad those the core found, `known`:
    华盛顿州): a Chinese notice says no English name of a place that has a Chinese one."""
    if lang != "zh":
        return stated
    from sitefinder.regions import find_province, shown_chinese

    def chinese(part: str) -> str:
        province = find_province(part)
        return shown_chinese(province) if province else (known or {}).get(part, part)

    return say("error.or", lang).join(chinese(part) for part in stated.split(" or "))


def said_why_empty(answer: SiteList | RegionAnswer | NearResult) -> bool:
    """Whether the notices of an answer with no site already say why (the filter that matched
    nothing, the sites by status, a --condition that matched no trial): then the generic "No
    sites match" is not said after it, and the empty answer is one line on stderr."""
    return bool(getattr(answer, "try_instead", "") or getattr(answer, "alone", "") or getattr(answer, "together", ())
                or answer.status_counts is not None
                or any(getattr(note, "key", "") == "notice.condition_none" for note in answer.notes))


def cause_notices(answer: SiteList | NearResult, options: str = "") -> list[str]:
    """The filter that empties an answer by itself, or the filters that do together, each with the
    sites it matches alone (queries.empty_cause); nothing more for a --condition of no trial, whose
    own note (the dataset's conditions) said it."""
    lang = lang_of(answer.chinese)
    if answer.alone:
        if answer.alone.startswith("--condition ") and any(
                getattr(note, "key", "") == "notice.condition_none" for note in answer.notes):
            return []
        return [say(for_trials("notice.filter_alone", answer.many_trials), lang, filter=answer.alone,
                    command=command("info", options=options))]
    if answer.together:
        return [say("notice.filters_together", lang, filters=say("list.and", lang).join(answer.together),
                    counts=filter_counts(answer.together, lang, answer.together_where))]
    return []


def filter_counts(together: Mapping[str, int], lang: str, where: Mapping[str, Sequence[str]] | None = None) -> str:
    """"--condition headache: 6 sites, in Netherlands; --country China: 106 sites": what each filter
    matches by itself, and where a --trial's or --condition's sites are."""
    from sitefinder.wording import spoken

    def one(name: str, count: int) -> str:
        places = (where or {}).get(name)
        if not places:
            return say("notice.filter_sites", lang, filter=name, count=count)
        more = " …" if places[-1] == "…" else ""  # more countries than are named
        named = [spoken(place, lang) for place in places if place != "…"]
        return say("notice.filter_sites.where", lang, filter=name, count=count,
                   where=say("list.comma", lang).join(named) + more)

    return say("list.semicolon", lang).join(one(name, count) for name, count in together.items())


def empty_list_notices(answer: SiteList, options: str = "", again: tuple[str, ...] = ()) -> list[str]:
    """Why `list` found nothing, and what to try: `near` for a city without a site, the sites by
    status when --status left none, the closed sites that --all shows."""
    lang = lang_of(answer.chinese)
    lines = []
    if answer.try_instead:  # `near CITY` with list's filters (the core's words), then how it is written
        from sitefinder.wording import shell_word

        tried = " ".join([answer.try_instead, *map(shell_word, again), *([options] if options else [])])
        lines.append(say(for_trials("notice.city_no_site", answer.many_trials), lang, command=tried))
    lines.extend(cause_notices(answer, options))
    if answer.status_counts is not None:
        lines.append(say("notice.no_status", lang, counts=status_counts_text(answer.status_counts, lang)))
        # the data date of the trials counted (the oldest, named, of several), on its own line
        lines.append(data_notice(list(answer.trials.values()) or [answer.trial], lang, options))
    if answer.closed_left_out:
        lines.append(closed_note(answer.closed_left_out, command("list", *answer.asked, "--all", *again, options=options),
                                 lang))
    return lines


def country_shown(country: str, lang: str) -> str:
    """A country's name as a notice in `lang` says it: 中国 in Chinese (where its name is known)."""
    if lang == "zh":
        from sitefinder.regions import region_chinese

        return region_chinese(country, "country") or country
    return country


def status_counts_text(counts: dict[str | None, int], lang: str) -> str:
    """"Not yet recruiting: 42, Recruiting: 3": the sites by status, as an empty answer names them."""
    from sitefinder.status import status_word

    colon, comma = ("：", "，") if lang == "zh" else (": ", ", ")
    return (comma.join(f"{status_word(status, lang)}{colon}{count}" for status, count in counts.items())
            or say("notice.none", lang))


def record_notices(answer: ImportResult | BulkResult | UpdateResult | DatasetUpdate, lang: str = "en") -> list[str]:
    """What reading the registry's records found, said the same by import and update: the sites not
    placed, the registry points set aside, the statuses not read."""
    return [*unplaced_notices(answer.unplaced, lang),
            *(say("import.point_set_aside", lang, facility=point.facility,
                  stated=regions_in(point.stated, lang, point.stated_zh)) for point in answer.points_set_aside),
            *(say("import.status_unread", lang, who=who, status=quoted(status)) for who, status in answer.statuses_unread)]


def unplaced_notices(unplaced: Sequence[str], lang: str = "en") -> list[str]:
    return [say("import.not_placed", lang, facility=facility) for facility in unplaced]


def skipped_said(item: Skipped) -> str:
    """A study an import left out, as wording.skipped_phrase says it."""
    from sitefinder.wording import skipped_phrase

    return skipped_phrase(item.source, item.position, item.nct_id, item.reason)


def skipped_line(item: Skipped, lang: str = "en") -> str:
    from sitefinder.wording import spoken

    return spoken(skipped_said(item), lang)


def progress_line(done: int, total: int | None, lang: str | None = None) -> str:
    if total:
        return say("progress.imported_of", lang, count=done, total=total)
    return say("progress.imported", lang, count=done)


def place_notices(resolution: Resolution, chinese: ChineseNames | None, lang: str, options: str = "") -> list[str]:
    """How a place typed was read, in the answer's language: its namesakes, the county read as its
    city, the part of an address used. The one wording of every command that reads a place (near,
    map, near --by hospital, list --city, show PLACE), so that a name is never shared silently."""
    messages = spoken_notes(resolution.notes, lang, options)
    if resolution.ambiguous:
        used = resolution.place
        hows = []
        asks = {place: ask for place, ask in zip(resolution.alternatives, resolution.asks) if ask}
        from sitefinder.regions import abroad_chinese, say_where

        for other in contenders(resolution):  # every real contender (Cambridge: Massachusetts and Ontario)
            where = other.province or other.country
            # in Chinese by its region's Chinese name, and asked for so (温哥华, 华盛顿州: the resolver
            # reads a state abroad by that name too)
            zh = chinese.regions.get((where, other.country), "") if chinese and lang == "zh" else ""
            shown_where = regions_in(where, lang, {where: zh} if zh else None)
            name = (chinese.others.get(other.geonameid or 0, "") if zh and chinese else "") or other.name
            if (where, other.country) != (used.province or used.country, used.country) or other in asks:
                # in Chinese, a place abroad by its country and state in Chinese (美国亚拉巴马州), as
                # the English names its state; China's by the province table (浙江); asked for by
                # its Chinese names (温哥华, 华盛顿州: the resolver reads a state abroad by that name too)
                said_where = (lang == "zh" and abroad_chinese(other.province, other.country, zh)) or shown_where
                hows.append(say("notice.ambiguous.where", lang, where=said_where,
                                ask=asks.get(other) or f"{name}, {shown_where}"))
            else:  # both in one state (two Newports in England): only the coordinates tell them apart
                hows.append(say("notice.ambiguous.coordinates", lang, latitude=other.latitude,
                                longitude=other.longitude))
        # in Chinese, the place used as its Chinese name says it (广西南宁, not "Nanning, Guangxi"); one
        # abroad with where it is, as its English label says ("伯明翰（英国英格兰）": "Birmingham, England")
        named = lang == "zh" and chinese is not None and bool(chinese.place)
        abroad = abroad_chinese(used.province, used.country, chinese.province) if named and chinese else ""
        shown = ((say_where(chinese.place, abroad) if abroad else chinese_origin(resolution, chinese))
                 if named and chinese else "") or used.label
        messages.append(say("notice.ambiguous", lang, query=resolution.name_read, used=shown,
                            how=say("list.semicolon", lang).join(dict.fromkeys(hows))))
    return messages


def near_notices(result: NearResult, options: str = "", verb: str = "near",
                 hospitals: Sequence[Hospital] | None = None, again: tuple[str, ...] = ()) -> list[str]:
    """The notices of `near`, `map` and `--by hospital` (`hospitals`: those shown, whose count and
    farthest the limit's notice says, in hospital words), in the answer's language (Chinese for a
    Chinese query): the fixed words around the place typed and the names found."""
    resolution = result.resolution
    lang = lang_of(result.chinese)
    messages = [*place_notices(resolution, result.chinese, lang, options), *spoken_notes(result.notes, lang, options)]
    if result.limit_left_out:
        more = command(verb, resolution.query.strip(), *result.more_asked, *again, options=options)
        distances = [hospital.distance_km for hospital in hospitals] if hospitals is not None else \
            [entry.distance_km for entry in result.sites]
        within = next((result.more_asked[at + 1] for at, word in enumerate(result.more_asked) if word == "--within"), None)
        key = "notice.limit_left_out" + (".hospitals" if hospitals is not None else "") + ("" if within else ".tied")
        messages.append(say(key, lang, count=result.limit_left_out, km=within or f"{max(distances):,.1f}",
                            limit=len(distances), command=more))
    if result.closed_left_out:
        messages.append(closed_note(result.closed_left_out,
                                    command(verb, resolution.query.strip(), *result.asked, "--all", *again,
                                            options=options),
                                    lang))
    if result.unplaced:
        many = result.unplaced != 1
        where = (say("notice.unplaced_where" + (".or_unknown" if result.unplaced_unknown else ""), lang,
                     country=country_shown(result.unplaced_in, lang)) if result.unplaced_in else "")
        messages.append(say("notice.unplaced_count", lang, count=result.unplaced, have="have" if many else "has",
                            are="are" if many else "is", where=where, command=command("list", options=options)))
    if not result.sites:
        if result.nearest_outside_km is not None:
            messages.append(say("notice.none_within", lang, km=result.nearest_outside_km))
        elif result.alone or result.together:
            messages.extend(cause_notices(result, options))
        elif result.status_counts is not None:
            messages.append(say("notice.no_status", lang, counts=status_counts_text(result.status_counts, lang)))
        elif result.considered == 0:
            if not said_why_empty(result):  # else the note that emptied it said why (--condition zzz)
                messages.append(say("notice.no_filter_match", lang))
        else:
            messages.append(say("notice.no_coordinates", lang))
    return messages


# ---------------------------------------------------------------- each answer's view

def view(answer: object, canvas: tuple[int, int] = (0, 0), options: str = "") -> View | None:
    """The view of an answer for people; None when the notices already said everything.
    `canvas`: a terminal map's columns and rows; `options`: those that chose the data (--sites)."""
    if isinstance(answer, MapResult):  # no site: near's notices say why, and nothing is drawn (exit 1)
        return map_view(answer, *canvas, options=options) if answer.near.sites else None
    if isinstance(answer, NearResult):
        return near_view(answer, options) if answer.sites else None
    if isinstance(answer, HospitalAnswer):
        return hospital_view(answer, options) if answer.hospitals else None
    if isinstance(answer, (SiteList, RegionAnswer)):
        return list_view(answer, options)
    if isinstance(answer, SiteDetail):
        return site_view(answer, options)
    if isinstance(answer, TrialSummary):
        if answer.trials:
            return trial_list_view(answer, options)
        fields = trial_fields(answer, options)
        return FieldsView(answer.trial.nct_id or ("试验" if answer.lang == "zh" else "Trial"),
                          [(label, value) for _, label, value in fields],
                          frozenset(index for index, (key, _, _) in enumerate(fields) if key in MULTILINE_FIELDS))
    if isinstance(answer, BulkResult):
        return import_view(answer)
    if isinstance(answer, UpdateResult):
        return update_view(answer)
    if isinstance(answer, DatasetUpdate):
        return dataset_update_view(answer)
    raise TypeError(f"no view for {type(answer).__name__}")


def list_view(answer: SiteList | RegionAnswer, options: str = "") -> View | None:
    sites, trial, chinese = answer.sites, answer.trial, answer.chinese
    lang = lang_of(chinese)
    if not sites:  # "No sites match." only where no notice said why: one line, not the why and this
        return None if said_why_empty(answer) else Message(say("empty.no_sites", lang))
    rows = [[str(site.id), facility_cell(site, chinese), *where_cells(site, chinese, answer.provinces),
             status_cell(site, site_trial(answer, site), chinese), investigator_cell(site)] for site in sites]
    columns: Sequence[Column] = LIST_COLUMNS
    if answer.many_trials:  # every row names its trial
        columns = (*columns[:2], TRIAL, *columns[2:])
        rows = [[*row[:2], trial_cell(site_trial(answer, site)), *row[2:]] for row, site in zip(rows, sites)]
    title = say("title.list", lang, count=len(sites),
                of=say("title.of", lang, nct_id=trial.nct_id) if trial.nct_id else "")
    return site_table(title, columns, rows, sites, trial, chinese,
                      answer_footer(sites, trial, distances=False, options=options, lang=lang, answer=answer),
                      trial_of=lambda site: site_trial(answer, site))


def near_title(result: NearResult, key: str = "title.near") -> str:
    """The title of an answer measured from a place ("title.near", "title.hospitals"): one builder,
    so that every such answer names its place alike (origin_words), in Chinese too."""
    place = result.resolution.place
    return say(key, lang_of(result.chinese), where=origin_words(result), latitude=place.latitude,
               longitude=place.longitude)


def origin_words(result: NearResult) -> str:
    """Where an answer is from, as its title says it (near's, map's): a district with its city
    (Tianhe District, Guangzhou, Guangdong, China), and in Chinese before it when Chinese is asked
    for (广东广州天河区); Taiwan, Hong Kong, Macau named once."""
    from sitefinder.regions import place_words, province_namesake

    resolution = result.resolution
    place = resolution.place
    namesake = province_namesake(place.name, place.province)  # 吉林市 in 吉林省: Jilin City, Jilin
    where = place_words(f"{place.name} City" if namesake else place.name, resolution.within, place.province,
                        place.country)
    return f"{chinese_origin(resolution, result.chinese)} {where}".strip()


def chinese_origin(resolution: Resolution, chinese: ChineseNames | None) -> str:
    """The place answered in Chinese from its province down (广东广州天河区), "" without a Chinese name.
    Each part said once: a county named as its city says the city in its own name (湖北恩施市,
    湖南长沙县, 臺灣臺東市; never 湖北恩施恩施); so does a city named as its region (澳門, 北京); a city
    named as its province, not its capital, says both levels (吉林省吉林市)."""
    from sitefinder.regions import province_namesake

    if not chinese or not (chinese.place or chinese.province):
        return ""
    place = resolution.place
    province, place_zh, within_zh = chinese.province, chinese.place, resolution.within_zh
    if province_namesake(place.name, place.province) and place_zh == province:
        province, place_zh = f"{province}省", f"{place_zh}市"
    stem = place_zh[:-1] if len(place_zh) >= 3 else place_zh  # 臺東市 without its level: 臺東
    named_as_city = bool(within_zh) and (place_zh.startswith(within_zh) or within_zh.startswith(stem))
    city = place_zh if named_as_city else within_zh + place_zh
    return f"{province if not city.startswith(province) else ''}{city}"


def near_rows(result: NearResult) -> list[list[str]]:
    """The rows of NEAR_TABLE_COLUMNS, nearest first (the order is the rank)."""
    return [[str(entry.site.id), facility_cell(entry.site, result.chinese),
             *where_cells(entry.site, result.chinese, result.provinces), distance_cell(entry),
             status_cell(entry.site, site_trial(result, entry.site), result.chinese), investigator_cell(entry.site)]
            for entry in result.sites]


def near_view(result: NearResult, options: str = "") -> TableView:
    lang = lang_of(result.chinese)
    columns: Sequence[Column] = NEAR_TABLE_COLUMNS
    rows = near_rows(result)
    if result.many_trials:  # every row names its trial, after the facility
        columns = (*columns[:2], TRIAL, *columns[2:])
        rows = [[*row[:2], trial_cell(site_trial(result, entry.site)), *row[2:]]
                for row, entry in zip(rows, result.sites)]
    sites = [entry.site for entry in result.sites]
    return site_table(near_title(result), columns, rows, sites, result.trial, result.chinese,
                      [*answer_footer(sites, result.trial, options=options, lang=lang, answer=result),
                       say("distance.caption", lang)],
                      trial_of=lambda site: site_trial(result, site))


def hospital_view(answer: HospitalAnswer, options: str = "") -> TableView:
    """`near PLACE --by hospital`: one line a listing, the hospital named on its first (its most
    open listing: the hospital's status, and which site it is), a trial named on its first listing."""
    from sitefinder.status import trial_status_note

    near = answer.near
    lang = lang_of(near.chinese)
    rows, notes = [], []
    for rank, hospital in enumerate(answer.hospitals, 1):
        first = hospital.status_site
        named = [str(rank), facility_cell(first, near.chinese), where_cells(first, near.chinese)[0],
                 f"{'≈' if hospital.approximate else ''}{hospital.distance_km:,.1f}"]
        for row in hospital.trials:
            for number, listing in enumerate(row.listings):
                rows.append([*named, str(listing.site.id), trial_cell(row.trial) if number == 0 else "",
                             status_cell(listing.site, row.trial, near.chinese),
                             call_cell(listing.call, listing.call_is_central, lang)])
                named = [""] * 4
                if effective_status(listing.site.status, row.trial.overall_status)[1] == "trial":
                    notes.append(trial_status_note(row.trial.overall_status, lang, listing.site.status))
    first_id = next((row.site.id for hospital in answer.hospitals for row in hospital.trials), None)
    every = say("call.every_contact", lang, command=command("show", str(first_id), options=options)) if first_id else ""
    trials = [row.trial for hospital in answer.hospitals for row in hospital.trials]
    view = TableView(near_title(near, "title.hospitals"), columns_in(HOSPITAL_COLUMNS, lang), rows,
                     [*dict.fromkeys(notes), *([every] if every else []),
                      *([trials_data_line(trials, lang, options)] if trials else []), say("distance.caption", lang)])
    # as in near's table: one trial (named on its first listing only) or one status in every row, said once
    listed = next(((listing.site, row.trial) for hospital in answer.hospitals for row in hospital.trials
                   for listing in row.listings), None)
    style = status_style(*listed) if listed else ""
    return said_once(view, {columns_in([TRIAL], lang)[0]: ("trial", ""), columns_in([STATUS], lang)[0]: ("status", style)},
                     lang)


def call_cell(call: Contact | None, central: bool, lang: str = "en") -> str:
    if call is None:
        return say("call.none_listed", lang)
    line = call_line_of(call, lang)
    return say("call.trial_contact", lang, line=line) if central else line


def call_line_of(call: Contact, lang: str = "en") -> str:
    """A contact to call, and how: "Name, +86 …, email"."""
    return f"{call.name}, {reach_line(call, lang)}"


def site_view(result: SiteDetail, options: str = "") -> FieldsView:
    from sitefinder.wording import note_words, source_words

    site, trial = result.site, result.trial
    location = ", ".join(part for part in (site.city, site.province, site.country) if part)
    if result.chinese:
        from sitefinder.regions import abroad_chinese
        from sitefinder.text import has_cjk

        city, province = result.chinese.sites.get(site.id, ("", ""))
        # abroad from its country down, as a Chinese address is written (日本爱知县冈崎, 法国): the
        # country is the one place every site's row names, city or none (China's area by its province)
        nation = abroad_chinese("", site.country)
        head = (nation if has_cjk(nation) else "") + (province if province != city else "")
        location += f"（{head}{city}）" if head or city else ""
    lang = lang_of(result.chinese)
    coordinates = (f"{site.latitude:.4f}, {site.longitude:.4f}" if site.has_coordinates else say("site.unknown", lang))
    how_near = (say(f"precision.{site.coordinate_precision}", lang) if site.coordinate_precision in PRECISIONS
                else site.coordinate_precision)
    # where the point came from in the answer's language (the file keeps the English: "registry", "GeoNames 1854376 (Okazaki)")
    source = source_words(site.coordinate_source, lang, result.chinese.notes if result.chinese else None)
    # in Chinese with its own marks, as its other fields: 34.9500, 137.1667（城市中心；离线地名库：冈崎，编号 1854376）
    precision = ("；" if lang == "zh" else ", ").join(part for part in (how_near, source) if part)
    precision = (f"（{precision}）" if lang == "zh" else f" ({precision})") if precision else ""

    def label(key: str) -> str:  # the field's label in the answer's language
        return say(f"label.{key}", lang)

    fields = [(label("site"), str(site.id)), (label("facility"), facility_cell(site, result.chinese)),
              (label("location"), location), (label("status"), status_cell(site, trial, result.chinese)),
              (label("call"), call_for_site(site, trial, lang)),
              (label("coordinates"), coordinates + precision)]
    if effective_status(site.status, trial.overall_status)[1] == "trial":
        # what "(trial)" means for this site: none of its own, or its own set aside (a table's footnote)
        from sitefinder.status import trial_status_note

        fields.insert(4, ("", trial_status_note(trial.overall_status, lang, site.status)))
    if result.same_hospital:  # right under whom to call: another trial's listing may give a phone this one lacks
        after_call = next(index for index, (key, _) in enumerate(fields) if key == label("call")) + 1
        fields[after_call:after_call] = labelled(label("same_hospital"), same_hospital_lines(result, lang, options))
    if site.location_note:

        fields.append((label("note"), note_words(site.location_note, lang, result.chinese.notes if result.chinese else {})))
    fields += labelled(label("contacts"), [contact_line(contact, lang=lang) for contact in people(site.contacts)]
                       or [say("site.no_contacts", lang)])
    fields += labelled(label("trial_contact"), [contact_line(contact, lang=lang) for contact in people(trial.central_contacts)])
    if trial.nct_id:
        fields.append((label("trial"), f"{trial.nct_id}: {trial.brief_title}"))
    fields.append((label("data"), data_line(trial, lang, options)))
    return FieldsView(facility_cell(site, result.chinese) if result.chinese else site.facility, fields)


SAME_HOSPITAL_SHOWN = 5  # a hospital of many trials (a dataset of a whole registry) fills no screen; JSON has all


def same_hospital_lines(result: SiteDetail, lang: str = "en", options: str = "") -> list[str]:
    """The hospital's other listings, as `show` says them: "site 8 of NCT00399243: Name, phone"."""
    listed = result.same_hospital
    lines = [say("site.same_hospital", lang, id=other.site.id, nct_id=other.trial.nct_id or other.site.nct_id,
                 call=call_cell(other.call, other.call_is_central, lang)) for other in listed[:SAME_HOSPITAL_SHOWN]]
    if len(listed) > SAME_HOSPITAL_SHOWN:
        lines.append(say("site.same_hospital_more", lang, count=len(listed) - SAME_HOSPITAL_SHOWN,
                         id=f"{result.site.id}{' ' + options if options else ''}"))
    return lines


def labelled(label: str, values: Sequence[str]) -> list[tuple[str, str]]:
    """Several values under one label: the label on the first line only."""
    return [(label if index == 0 else "", value) for index, value in enumerate(values)]


def trial_fields(summary: TrialSummary, options: str = "") -> list[tuple[str, str, str]]:
    """`info`'s facts as (key, label, value), what a patient needs first at the top: the status as
    of the data date, whom to call, the dates; then who may join, as lists. CSV uses the keys."""
    from sitefinder.status import status_class
    from sitefinder.trial import ages_and_sex, eligibility_lists, freshness

    trial, lang = summary.trial, summary.lang
    zh = lang == "zh"
    fresh = freshness(trial)
    if zh:
        from sitefinder.status import status_word
        from sitefinder.wording import INFO_LABELS_ZH, ages_and_sex_zh

        status = status_word(trial.overall_status, "zh")
        if fresh.date:
            status = say("status.as_of", "zh", status=status, date=fresh.date,
                         age=say("age.days", "zh", count=fresh.age_days) if fresh.age_days is not None else "")
    else:
        status = status_words(trial.overall_status, "site") if trial.overall_status else "Unknown"
        if fresh.date:
            age = f", {plural(fresh.age_days, 'day')} old" if fresh.age_days is not None else ""
            status += f" as of {fresh.date}{age}"
    central = reachable_contact(trial.central_contacts)
    finished = status_class(trial.overall_status) == "closed"
    fields = [
        ("status", "Status", status),
        ("call", "Call", f"{central.name}, {reach_line(central, lang)}" if central else ""),
        ("title", "Title", trial.brief_title),
        ("trial", "Trial", " / ".join(part for part in (trial.nct_id, trial.acronym_or_code) if part)),
        ("start", "Start", trial.start_date),
        ("completion", "Completion" if finished else "Expected completion", trial.completion_date),
        ("summary", "In short", trial.plain_summary),
    ]
    lists = eligibility_lists(trial.eligibility)
    fields.append(("who_may_join", "Who may join", lists.other))
    for key, label, items in (("can_join", "Can join", lists.can_join), ("cannot_join", "Cannot join",
                                                                        lists.cannot_join)):
        fields += [(key, shown, f"  ◦ {item.strip()}" if item.startswith("  ") else f"• {item}")
                   for shown, item in labelled(label, items)]
    countries = ", ".join(summary.countries)
    from sitefinder.regions import display_region, find_province, region_apart, shown_chinese

    # China's are provinces; Hong Kong's, Macau's and Taiwan's are no provinces (regions.py), said
    # neutrally; elsewhere a state or a province. Counted only when every site names its own.
    apart = bool(summary.countries) and all(region_apart(country) for country in summary.countries)
    one, many = (("province", "provinces") if summary.countries == ["China"] else ("division", "divisions")
                 if apart else ("province or state", "provinces or states"))
    counted = not summary.without_province
    regions = plural(len(summary.provinces), one, many)
    if zh:
        from sitefinder.output.streams import shown_in

        def chinese(country: str) -> str:
            province = find_province(country) if region_apart(country) else None
            if province is not None and len(summary.countries) > 1 and shown_in() is None:
                return "中国" + province.chinese  # among countries, as the mainland writes them: 中国台湾
            return "中国" if country == "China" else shown_chinese(province) if province \
                else summary.countries_zh.get(country) or display_region(country)

        where = "、".join(chinese(country) for country in summary.countries)
        level = "个行政区" if apart else "个省级行政区"
        sites = (str(summary.site_count) if not countries else
                 f"{summary.site_count} 个，分布于{where}的 {len(summary.provinces)} {level}" if counted
                 else f"{summary.site_count} 个，分布于{where}")
        ages = ages_and_sex_zh(trial.minimum_age, trial.maximum_age, trial.sex)
        enrollment = f"{trial.enrollment} 人" if trial.enrollment is not None else ""
    else:
        sites = (str(summary.site_count) if not countries else f"{summary.site_count} in {regions} of {countries}"
                 if counted else f"{summary.site_count} in {', '.join(map(display_region, summary.countries))}")
        ages = ages_and_sex(trial.minimum_age, trial.maximum_age, trial.sex)
        enrollment = plural(trial.enrollment, "participant") if trial.enrollment is not None else ""
    if trial.registry_site_count is not None and trial.registry_site_count > summary.site_count:
        sites = say("info.registry_more", lang, sites=sites, total=trial.registry_site_count,
                    countries=trial.registry_country_count or 0)
    fields += [
        ("ages_sex", "Ages, sex", ages),
        ("phase", "Phase", phase_words(trial.phase, lang)),
        ("conditions", "Conditions", "; ".join(trial.conditions)),
        ("treatments", "Treatments", "; ".join(trial.interventions)),
        ("arms", "Arms", "; ".join(arm_words(arm, lang) for arm in trial.arms)),
        ("enrollment", "Enrollment", enrollment),
        ("sponsor", "Sponsor", trial.sponsor),
        ("sites", "Sites", sites),
    ]
    others = [contact for contact in people(trial.central_contacts) if contact != central]
    fields += [("contact", label, line) for label, line in labelled("Also", [contact_line(c, lang=lang) for c in others])]
    fields.append(("registry", "Registry", trial.url))
    fields.append(("data", "Data", data_line(trial, lang, options)))
    if zh:  # the same facts, labelled in Chinese (a label of "" continues the line above)
        fields = [(key, INFO_LABELS_ZH["completed" if key == "completion" and finished else key] if label else "",
                   value) for key, label, value in fields]
    return [(key, label, value) for key, label, value in fields if value]


# `info`'s fields that are text of several lines, as the registry or a person wrote them.
MULTILINE_FIELDS = frozenset({"summary", "who_may_join"})


def phase_words(phase: str, lang: str = "en") -> str:
    """The registry's phase ("PHASE2/PHASE3", "EARLY_PHASE1", "NA") for people, each enum value by
    the catalogue in either language: "Phase 2/Phase 3", "Early phase 1", "Not applicable"; in
    Chinese "2 期/3 期", "早期 1 期", "不适用" (never "EARLY Phase 1" or "NA" as the registry spells them)."""
    import re

    def words(found: re.Match[str]) -> str:
        early, number = found.group(1), found.group(2)
        if number is None:
            return say("phase.na", lang)
        return say("phase.early" if early else "phase.number", lang, number=number)

    return re.sub(r"(EARLY_)?PHASE\s*(\d)|\bNA\b", words, phase).replace("_", " ")


def arm_words(arm: str, lang: str = "en") -> str:
    """An arm as the importer stored it ("Cohort B (placebo comparator)"), its registry type in the
    reader's language: "Cohort B（安慰剂对照）". A label that ends in no known type is shown as stored."""
    from sitefinder.wording import MESSAGES

    label, bracket, kind = arm.rpartition(" (")
    key = f"arm.{kind[:-1]}"
    if lang != "zh" or not bracket or not kind.endswith(")") or key not in MESSAGES:
        return arm
    return f"{label}（{say(key, lang)}）"


def trial_list_view(summary: TrialSummary, options: str = "") -> TableView:
    """`info` on a dataset of several trials: each with its status, phase, site count and data date."""
    from sitefinder.status import status_word
    from sitefinder.trial import freshness

    lang = summary.lang or "en"
    unknown = say("info.unknown", lang)

    def status(trial: Trial) -> str:
        if lang == "zh":
            return status_word(trial.overall_status, lang) if trial.overall_status else unknown
        return status_words(trial.overall_status, "site") if trial.overall_status else unknown

    rows = [[row.trial.nct_id, trial_name(row.trial), status(row.trial), phase_words(row.trial.phase, lang) or "—",
             str(row.site_count), freshness(row.trial).date or unknown] for row in summary.trials]
    return TableView(say("info.trials_title", lang, trials=len(rows), sites=summary.site_count),
                     columns_in(TRIAL_LIST_COLUMNS, lang), rows,
                     # the example with the options that chose the data: without --sites it asks the shipped trial
                     [*([say("info.imported_in", lang, countries=say("list.comma", lang).join(
                         summary.countries_zh.get(name, name) if lang == "zh" else name
                         for name in summary.import_countries))] if summary.import_countries else []),
                      say("info.one_trial", lang, command=command("info", summary.trials[0].trial.nct_id,
                                                                 options=options))])


def single_trial(result: BulkResult) -> Trial | None:
    """The one trial of an import of one study (None for several)."""
    return result.trials[0] if len(result.trials) == 1 else None


def import_trial_path(result: BulkResult) -> Path | None:
    """The trial file to name: trial.json for one study, trials.json for several."""
    trials_path = result.trials_path
    return trials_path.with_name("trial.json") if single_trial(result) and trials_path else trials_path


def import_view(result: BulkResult) -> FieldsView:
    placed = len(result.sites) - len(result.unplaced)
    one, lang = single_trial(result), result.lang
    title = say("import.title.one", lang, nct_id=one.nct_id) if one else \
        say("import.title.many", lang, count=len(result.trials))
    return FieldsView(title, [
        (say("import.label.sites", lang), say("import.placed", lang, count=len(result.sites),
                                              registry=result.from_registry,
                                              gazetteer=placed - result.from_registry, unplaced=len(result.unplaced))),
        *([(say("import.label.left_out", lang), say("import.left_out", lang, filter=result.left_out.filter,
                                                    trials=result.left_out.trials, sites=result.left_out.sites))]
          if result.left_out and (result.left_out.trials or result.left_out.sites) else []),
        *([(say("import.label.ids", lang), import_ids_line(result))] if result.earlier else []),
        *labelled(say("import.label.changes", lang), import_change_lines(result)),
        (say("import.label.sites_file", lang), str(result.sites_path)),
        (say("import.label.trial_file", lang), str(import_trial_path(result))),
        (say("import.label.next", lang), say("import.next", lang, path=result.sites_path)),
    ])


def import_change_lines(result: BulkResult) -> list[str]:
    """What an import into a dataset already there changed, as update says it (trial_status_cell,
    trial_change_rows): each trial whose status changed, then each site added, removed or changed,
    named by its id, facility and city."""
    lang = result.lang
    lines = [say("import.change", lang, nct_id=change.nct_id, what=say(
        "update.status", lang, before=overall_words(change.before.overall_status, lang),
        after=overall_words(change.after.overall_status, lang))) for change in result.changes if change.status_changed]
    for nct_id, what, site_id, facility, city, detail in trial_change_rows(
            result.changes, result.sites_path or Path(), result.chinese, lang):
        lines.append(say("import.change", lang, nct_id=nct_id, what=f"{what} {site_id} {facility}, {city} {detail}"))
    return lines


def import_ids_line(result: BulkResult) -> str:
    """How many sites of the dataset already in --out kept their ids, and which ids were added and
    removed: an import there numbers as update does, and says so as update does."""
    ids, lang = result.ids, result.lang
    return say("import.ids", lang, kept=len(ids.kept), added=len(ids.added), removed=len(ids.removed),
               added_ids=say("import.ids_added", lang, ids=id_ranges(ids.added)) if ids.added else "",
               removed_ids=say("import.ids_removed", lang, ids=id_ranges(ids.removed)) if ids.removed else "")


def id_ranges(ids: Sequence[int]) -> str:
    """Ids as runs: "3, 45–58" (a whole trial's new sites are one run, not fourteen numbers)."""
    runs: list[list[int]] = []
    for number in sorted(ids):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ", ".join(str(first) if first == last else f"{first}–{last}" for first, last in runs)


def update_rows(result: UpdateResult, lang: str = "en") -> list[list[str]]:
    """One row per change: added, removed, and for a changed site its status and its people apart.
    `lang`: the words of the table (CSV's cells are the English ones)."""
    chinese = ChineseNames("", "", {}) if lang == "zh" else None  # statuses in the table's language (no names)

    def status(shown: tuple[str | None, str | None]) -> str:
        if lang == "zh":
            from sitefinder.status import status_word

            word = status_word(shown[0], lang)
            return say("status.trial_suffix", lang, status=word) if shown[1] == "trial" else word
        return status_words(*shown)

    names = result.chinese if lang == "zh" else None  # the sites' names as near shows them (江门市中心医院)

    def named(site: Site) -> list[str]:
        return [str(site.id), facility_cell(site, names), where_cells(site, names)[0]]

    added, removed, changed = (say(f"update.{what}", lang) for what in ("added", "removed", "changed"))
    rows = ([[added, *named(site), status_cell(site, result.trial, chinese)] for site in result.added]
            + [[removed, *named(site), say("update.was", lang, status=status_cell(site, result.before, chinese))]
               for site in result.removed])
    for change in result.changed:
        if change.status:
            rows.append([changed, *named(change.site),
                         say("update.status", lang, before=status(change.status[0]), after=status(change.status[1]))])
        if change.contacts:
            before, after = ("; ".join(contact_line(person, lang=lang) for person in people(listed))
                             or say("update.nobody", lang) for listed in change.contacts)
            rows.append([changed, *named(change.site), say("update.contacts", lang, before=before, after=after)])
    return rows


def update_view(result: UpdateResult) -> View:
    from sitefinder.status import status_word
    from sitefinder.trial import freshness

    lang = result.lang

    def overall(status: str | None) -> str:
        return status_word(status, lang) if lang == "zh" else status_words(status, "site")

    where = (say("update.every_command", lang) if result.is_default
             else say("update.use_with", lang, path=result.sites_path))
    footer = [say("update.saved", lang, folder=result.sites_path.parent, where=where), data_line(result.trial, lang)]
    if result.added or result.removed:  # ids are stable: say which are new and which are gone for good
        footer.insert(0, ids_line(result.added, result.removed, lang))
    if result.before.overall_status != result.trial.overall_status:
        footer.insert(0, say("update.trial_status", lang, before=overall(result.before.overall_status),
                             after=overall(result.trial.overall_status)))
    before = freshness(result.before).date
    title = say("update.title", lang, nct_id=result.nct_id, count=result.site_count, added=len(result.added),
                removed=len(result.removed), changed=len(result.changed),
                before=before or say("update.unknown_date", lang))
    rows = update_rows(result, lang)
    if rows:
        return TableView(title, columns_in(UPDATE_COLUMNS, lang), rows, footer)
    return FieldsView(title, [("", line) for line in [say("update.nothing", lang), *footer]])


def ids_line(added: Sequence[Site], removed: Sequence[Site], lang: str = "en") -> str:
    """Which site ids are new and which are gone for good (ids are stable across updates)."""
    return say("update.ids", lang, parts="; ".join(part for part in (
        say("update.ids_added", lang, ids=", ".join(str(site.id) for site in added)) if added else "",
        say("update.ids_removed", lang, ids=", ".join(str(site.id) for site in removed)) if removed else "")
        if part))


def dataset_change_rows(result: DatasetUpdate, lang: str = "en") -> list[list[str]]:
    """Every site change of every trial, as update_rows says them for one, each row led by its trial:
    what a coordinator reads after the run that found them (another run would find none)."""
    return trial_change_rows(result.trials, result.sites_path, result.chinese, lang)


def trial_change_rows(changes: Sequence[TrialChange], sites_path: Path, chinese: ChineseNames | None,
                      lang: str = "en") -> list[list[str]]:
    """The site changes of trials, as update_rows says them for one, each row led by its trial: the
    one rule of update and of an import into a dataset already there."""
    rows = []
    for change in changes:
        one = UpdateResult(nct_id=change.nct_id, trial=change.after, before=change.before, sites_path=sites_path,
                           site_count=change.site_count, added=change.added, removed=change.removed,
                           changed=change.changed, unplaced=[], is_default=False, lang=lang, chinese=chinese)
        rows += [[change.nct_id, *row] for row in update_rows(one, lang)]
    return rows


def overall_words(status: str | None, lang: str = "en") -> str:
    """A trial's overall status in an update's words."""
    from sitefinder.status import status_word

    return status_word(status, lang) if lang == "zh" else status_words(status, "site")


def trial_status_cell(change: TrialChange, lang: str = "en") -> str:
    """A trial's overall status, with its change ("Recruiting → Completed") when it changed."""
    return (f"{overall_words(change.before.overall_status, lang)} → {overall_words(change.after.overall_status, lang)}"
            if change.status_changed else overall_words(change.after.overall_status, lang))


def dataset_update_rows(result: DatasetUpdate, lang: str = "en") -> list[list[str]]:
    """One row a trial: its status (and its change), its sites' changes. `lang`: as update_rows'.
    The trial's name is whole (a table cuts it to its column, Column.lines; CSV keeps it)."""
    rows = []
    for change in listed_trials(result):
        status = trial_status_cell(change, lang)
        sites = (say("update.trial_sites", lang, count=change.site_count, added=len(change.added),
                     removed=len(change.removed), changed=len(change.changed)) if change.found
                 else say("update.not_returned", lang))
        rows.append([change.nct_id, trial_name(change.after), status, sites])
    return rows


def listed_trials(result: DatasetUpdate) -> list[TrialChange]:
    """The trials a table of an update lists: those that changed and those the registry did not
    return; the unchanged ones are counted in one line (update.unchanged_not_listed), not 180 rows of
    "0 added, 0 removed, 0 changed". JSON and CSV keep every trial: they are data."""
    return [change for change in result.trials if change.differs or not change.found]


def dataset_update_view(result: DatasetUpdate) -> TableView:
    """`update` of a dataset of several trials: per trial, its status change and its sites' changes."""
    moved = sum(change.status_changed for change in result.trials)
    added = [site for change in result.trials for site in change.added]
    removed = [site for change in result.trials for site in change.removed]
    lang = result.lang
    if result.written:
        footer = [say("update.dataset_saved", lang, folder=result.sites_path.parent, path=result.sites_path)]
    else:
        footer = [say("update.dataset_unchanged" if result.refreshed else "update.dataset_unwritten", lang,
                      path=result.sites_path)]
    if added or removed:
        footer.insert(0, ids_line(added, removed, lang))
    if result.trials_unchanged:
        footer.insert(0, say("update.unchanged_not_listed", lang, count=result.trials_unchanged))
    changes = dataset_change_rows(result, lang)
    changed = len({row[0] for row in changes})
    then = [TableView(say("update.site_changes", lang, count=changed), columns_in(DATASET_CHANGE_COLUMNS, lang),
                      changes)] if changes else []
    return TableView(say("update.dataset_title", lang, refreshed=result.refreshed, count=len(result.trials),
                         changed=result.trials_changed, unchanged=result.trials_unchanged,
                         missing=len(result.not_returned), moved=moved,
                         sites_moved=sum(site.status is not None for change in result.trials for site in change.changed)),
                     columns_in(DATASET_UPDATE_COLUMNS, lang), dataset_update_rows(result, lang), footer, then=then)


# ---------------------------------------------------------------- the map's words

def map_title(near: NearResult) -> str:
    if near.chinese is not None:
        return say("title.map", "zh", count=len(near.sites), where=origin_words(near))
    return f"{plural(len(near.sites), 'site')} nearest to {origin_words(near)}"


def map_view(result: MapResult, columns: int, rows: int, options: str = "") -> MapView:
    from sitefinder.mapdraw import ORIGIN_MARK, scale_words

    near, scene = result.near, result.scene
    place = near.resolution.place
    lang = lang_of(near.chinese)
    shown = {marker.rank for marker in scene.markers}
    site_lines = []
    for rank, entry in enumerate(near.sites, 1):
        site = entry.site
        where = " ".join(where_cells(site, near.chinese)[:1])
        site_lines.append(say("map.site_line", lang, rank=rank, facility=facility_cell(site, near.chinese), where=where,
                              km=distance_cell(entry), status=status_cell(site, site_trial(near, site), near.chinese),
                              id=site.id) + ("" if rank in shown else say("map.outside", lang)))
    footer = [say("map.footer", lang, scale=scale_words(scene, columns, lang), caption=say("map.caption", lang)),
              *answer_footer([e.site for e in near.sites], near.trial, options=options, lang=lang_of(near.chinese),
                             answer=near)]
    # the place's Chinese names first in a Chinese answer (广东广州 Guangzhou, …), as the title says it
    origin = origin_words(near) if near.chinese is not None else place.label
    return MapView(map_title(near), scene, columns, rows,
                   f"{ORIGIN_MARK} {origin}" + ("" if scene.origin else say("map.outside", lang_of(near.chinese))),
                   site_lines, footer)


def map_written(result: MapResult) -> str:
    return say("map.written", lang_of(result.near.chinese), path=result.out, count=len(result.scene.markers))
