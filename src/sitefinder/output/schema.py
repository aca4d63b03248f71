"""The public shape of every answer: JSON objects and CSV columns, made from one field list each.

Null policy (README, "Output contract"), decided here once:
- a key that an object of its kind has, it always has; an unknown value is `null`, never `""`;
- a key is absent only in a contact object, whose optional keys (`roles`, `phone`, `phone_ext`,
  `email`, `phone_international`, `phone_national`, `more_phones`, `more_emails`) are absent when
  there is nothing to say (the stored shape, and contacts.person_to_dict);
- a list with nothing in it is `[]`; in CSV, null is an empty cell.
- an answer's shape never depends on what the question turned out to be: a province's sites have
  `near`'s keys and columns (`rank`, `distance_km` null), its `origin` a place's (one builder,
  `origin_record`), and every answer ends with the `notices` said about it.
- nor on the language: keys, columns and values are the same whatever `--lang`, the locale or the
  script of the query (the Chinese names, `*_zh`, are always there); only the `text` of a notice
  is in the answer's language. Nothing is cut for display (catalogue.trial_name, whole).
Values are data: statuses and roles as the registry's enums, contacts as objects (each person once:
contacts.people), numbers as numbers with the unit in the key. Words for people are added beside
them (`*_words`), never instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, NamedTuple, TypeVar

from sitefinder.answers import (BulkResult, SearchPages, ChineseNames, DatasetUpdate, Hospital, HospitalAnswer,
                                HospitalListing, MapResult,
                                NearResult, RegionAnswer, SameHospital, SiteChange, SiteDetail, SiteList, TrialChange, TrialSummary,
                                UpdateResult)
from sitefinder.catalogue import trial_name
from sitefinder.contacts import contact_line, people, people_to_list, person_to_dict
from sitefinder.countries import shown_province
from sitefinder.models import Contact, RankedSite, Resolution, Site, Trial
from sitefinder.output.streams import csv_cell
from sitefinder.output.views import call_line_of, site_trial, skipped_line
from sitefinder.status import effective_status


def known(value: Any) -> Any:
    """The null policy for text: "" (unknown) is null."""
    return None if value == "" else value


class SiteRow(NamedTuple):
    """One site as an answer shows it: with its trial (for the status) and, in `near`, its rank."""

    site: Site
    trial: Trial
    chinese: ChineseNames | None = None
    entry: RankedSite | None = None
    rank: int | None = None  # None where nothing was ranked (a province's or country's sites)


class Field(NamedTuple):
    """One key of an object and column of a CSV: its JSON value, and its CSV value where that differs."""

    key: str
    value: Callable[[SiteRow], Any]
    cell: Callable[[SiteRow], Any] | None = None


def _contacts_cell(row: SiteRow) -> str:
    """`Name (ROLE): phone ext. N, email; ...`, the number as `show` writes it (dialable from abroad)."""
    return "; ".join(contact_line(contact, role_words=False) for contact in people(row.site.contacts))


SITE_FIELDS: tuple[Field, ...] = (
    Field("id", lambda row: row.site.id),
    Field("facility", lambda row: known(row.site.facility)),
    Field("city", lambda row: known(row.site.city)),
    Field("province", lambda row: known(shown_province(row.site))),  # the table's, as --province reads it
    Field("province_registry", lambda row: known(row.site.province)),
    Field("country", lambda row: known(row.site.country)),
    Field("status", lambda row: row.site.status),
    Field("effective_status", lambda row: effective_status(row.site.status, row.trial.overall_status)[0]),
    Field("status_source", lambda row: effective_status(row.site.status, row.trial.overall_status)[1]),
    Field("latitude", lambda row: row.site.latitude),
    Field("longitude", lambda row: row.site.longitude),
    Field("coordinate_precision", lambda row: known(row.site.coordinate_precision)),
    Field("coordinate_source", lambda row: known(row.site.coordinate_source)),
    Field("geonameid", lambda row: row.site.geonameid),
    Field("location_note", lambda row: known(row.site.location_note)),
    Field("investigators", lambda row: people_to_list(row.site.contacts), _contacts_cell),
    Field("nct_id", lambda row: known(row.site.nct_id or row.trial.nct_id)),  # the site's own trial
    Field("trial", lambda row: known(trial_name(row.trial))),
)
R = TypeVar("R")


def per_row(compute: Callable[[SiteRow], R]) -> Callable[[SiteRow], R]:
    """`compute`, worked out once for a row however many of its fields read it (a CSV row reads
    whom to call 8 times, its people 23): the last row's answer is kept, with the row itself
    (so that no other row can take its identity while it is kept)."""
    last: list[Any] = [None, None]

    def once(row: SiteRow) -> R:
        if last[0] is not row:
            last[0], last[1] = row, compute(row)
        return last[1]

    once.__doc__ = compute.__doc__
    return once


@per_row
def _call(row: SiteRow) -> tuple[Any, str | None]:
    """The one contact a spreadsheet row names, and whose it is: whom the tables say to call (the
    site's contact with a phone or email, else the trial's central contact with one), else the
    site's lead without a number."""
    from sitefinder.contacts import lead_contact, reachable_contact

    if (own := reachable_contact(row.site.contacts)) is not None:
        return own, "site"
    if (central := reachable_contact(row.trial.central_contacts)) is not None:
        return central, "trial"
    lead = lead_contact(row.site.contacts)
    return lead, ("site" if lead is not None else None)


def _contact_field(key: str, attribute: str) -> Field:
    return Field(key, lambda row: known(getattr(_call(row)[0], attribute, "")))


# CSV only: a cell per fact of the contact to call, so that a spreadsheet can sort and dial them
# (JSON has every contact whole, in `investigators`).
CONTACT_FIELDS: tuple[Field, ...] = (
    _contact_field("contact_name", "name"), _contact_field("contact_role", "role"),
    _contact_field("contact_phone", "phone"), _contact_field("contact_phone_ext", "phone_ext"),
    _contact_field("contact_phone_national", "phone_national"),
    _contact_field("contact_phone_international", "phone_international"),
    _contact_field("contact_email", "email"),
    Field("contact_of", lambda row: _call(row)[1]),  # "site" or "trial": whose number it is
)
# CSV only: every person of a site (people: each once) in columns of their own, the same columns
# whatever a site has: the first CSV_PEOPLE with a column per fact, `contact_count` how many there
# are, `contacts` all of them whole as JSON (person_to_dict's shape), however many there are.
CSV_PEOPLE = 3
PERSON_FACTS = ("name", "roles", "phone", "phone_ext", "phone_national", "phone_international", "email")


@per_row
def people_of(row: SiteRow) -> tuple[Contact, ...]:
    """people(row.site.contacts): each person of the site once."""
    return people(row.site.contacts)


def _person_field(number: int, fact: str) -> Field:
    def value(row: SiteRow) -> Any:
        listed = people_of(row)
        if len(listed) < number:
            return None
        person = listed[number - 1]
        if fact == "roles":
            return "; ".join(person.roles or (person.role,))
        return known(getattr(person, fact))

    return Field(f"contact_{number}_{fact}", value)


def _json_text(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


PEOPLE_FIELDS: tuple[Field, ...] = (
    Field("contact_count", lambda row: len(people_of(row))),
    *(_person_field(number, fact) for number in range(1, CSV_PEOPLE + 1) for fact in PERSON_FACTS),
    Field("contacts", lambda row: _json_text([person_to_dict(person) for person in people_of(row)])),
    # the trial's central contacts, as the table's lines name them for its sites
    Field("central_contacts", lambda row: "; ".join(contact_line(contact, role_words=False)
                                                    for contact in people(row.trial.central_contacts))),
)
@per_row
def chinese_of(row: SiteRow) -> tuple[Any, Any, Any]:
    """The site's facility, city and province in Chinese, null where unknown (or not worked out:
    an answer of the core without names, such as `update`'s)."""
    if row.chinese is None:
        return None, None, None
    facility, city, province = row.chinese.site_names(row.site)
    return known(facility), known(city), known(province)


# In every answer of sites, whatever the language (the data never depend on it): null where unknown.
CHINESE_FIELDS: tuple[Field, ...] = (
    Field("facility_zh", lambda row: chinese_of(row)[0]),
    Field("city_zh", lambda row: chinese_of(row)[1]),
    Field("province_zh", lambda row: chinese_of(row)[2]),
)


def csv_site_fields(chinese: ChineseNames | None = None) -> tuple[Field, ...]:
    """A site's CSV columns, the same in every answer and language: the JSON's, the contact to call's,
    every person's, and the Chinese names."""
    return (*SITE_FIELDS, *CONTACT_FIELDS, *PEOPLE_FIELDS, *CHINESE_FIELDS)


def trial_header(trial: Trial) -> dict[str, Any]:
    """Which trial an answer is about, first in its JSON object: a script reading many knows."""
    return {"nct_id": known(trial.nct_id), "central_contacts": people_to_list(trial.central_contacts)}


RANK_FIELDS: tuple[Field, ...] = (
    Field("rank", lambda row: row.rank),
    Field("distance_km", lambda row: round(row.entry.distance_km, 1) if row.entry else None),
)


def site_record(row: SiteRow) -> dict[str, Any]:
    record = {field.key: field.value(row) for field in SITE_FIELDS}
    record["facility_zh"], record["city_zh"], record["province_zh"] = chinese_of(row)  # in every language
    return record


def ranked_record(row: SiteRow) -> dict[str, Any]:
    rank, distance = RANK_FIELDS
    return {rank.key: rank.value(row), **site_record(row), distance.key: distance.value(row)}


def csv_row(fields: Sequence[Field], row: SiteRow) -> list[str]:
    return [csv_cell(field.cell(row) if field.cell else field.value(row)) for field in fields]


def place_record(resolution: Resolution, chinese: ChineseNames | None = None) -> dict[str, Any]:
    """A place read from what was typed, with its namesakes: each says which place it is (`label`,
    "Gulou District, Xuzhou, Jiangsu (鼓楼区)": name and province alone leave Nanjing's and Xuzhou's
    alike) and what to type to be answered with it (`query`), null where the resolver has neither."""
    place, labels, asks = resolution.place, resolution.labels, resolution.asks

    def nth(texts: tuple[str, ...], index: int) -> str | None:
        return (texts[index] or None) if index < len(texts) else None

    return origin_record(resolution.query, place.name, place.province, place.country, place.latitude,
                         place.longitude, place.source, place.geonameid, [
                             {"name": alt.name, "province": known(alt.province), "country": known(alt.country),
                              "latitude": alt.latitude, "longitude": alt.longitude, "population": alt.population,
                              "geonameid": alt.geonameid, "label": nth(labels, number + 1), "query": nth(asks, number)}
                             for number, alt in enumerate(resolution.alternatives)], chinese,
                         label=nth(labels, 0) or "", within=resolution.within, within_zh=resolution.within_zh)


def region_origin(answer: RegionAnswer) -> dict[str, Any]:
    """A province's or country's `origin`: the keys of a place's, no point (null coordinates and id)."""
    province = answer.region if answer.kind == "province" else ""
    country = answer.country or (answer.region if answer.kind == "country" else "")
    return origin_record(answer.query, answer.region, province, country, None, None, answer.kind, None, [],
                         answer.chinese)


def origin_record(query: str, name: str, province: str, country: str, latitude: float | None,
                  longitude: float | None, source: str, geonameid: int | None, alternatives: list[dict[str, Any]],
                  chinese: ChineseNames | None, label: str = "", within: str = "", within_zh: str = "") -> dict[str, Any]:
    """Where a near answer is from: one builder, so that every answer's `origin` has the same keys.
    `within`: the city a county-level division is in (Fuzhou for its 鼓楼区), `label` the place as
    notices name it beside its namesakes."""
    from sitefinder.regions import display_region  # Taiwan, Hong Kong and Macau named one way

    record = {"query": query, "name": name, "province": known(display_region(province)),
              "country": known(display_region(country)), "latitude": latitude, "longitude": longitude,
              "source": source, "geonameid": geonameid, "alternatives": alternatives}
    # in every language: null where unknown
    record.update(name_zh=known(chinese.place) if chinese else None,
                  province_zh=known(chinese.province) if chinese else None,
                  label=known(label), within=known(within), within_zh=known(within_zh))
    return record


def notice_records(notices: Sequence[str]) -> list[dict[str, Any]]:
    """The notices said on stderr, as JSON carries them: the text in the answer's language, and the
    catalogue's key of its phrase (wording.Phrase), null for a text made of several."""
    return [{"key": getattr(notice, "key", None), "text": str(notice)} for notice in notices]


def data_record(trial: Trial) -> dict[str, Any]:
    """The JSON keys that say how current an answer's data are."""
    from sitefinder.trial import freshness

    fresh = freshness(trial)
    return {"data_date": known(fresh.date), "data_age_days": fresh.age_days, "data_stale": fresh.stale}


def answer_data_record(answer: NearResult | RegionAnswer | SiteList) -> dict[str, Any]:
    """data_record of an answer: its one trial's, or of many trials' the oldest's (as the table's
    footer says), not the empty Trial of a dataset of several (a null date where each has one)."""
    if not answer.many_trials or not answer.trials:
        return data_record(answer.trial)
    from sitefinder.trial import oldest_data

    return data_record(oldest_data(list(answer.trials.values())))


def rows_of(answer: SiteList | RegionAnswer) -> Iterator[SiteRow]:
    """Each site with its own trial, one at a time: a listing read from a large file's index is never held whole."""
    return (SiteRow(site, site_trial(answer, site), answer.chinese) for site in answer.sites)


def ranked_rows(result: NearResult) -> list[SiteRow]:
    return [SiteRow(entry.site, site_trial(result, entry.site), result.chinese, entry, rank)
            for rank, entry in enumerate(result.sites, 1)]


def answer_trial(answer: NearResult | RegionAnswer | SiteList) -> dict[str, Any]:
    """The top of near/list/map JSON, one rule: the answer's one trial (nct_id, central_contacts, its
    name as `trial`): the dataset's only one, or of a dataset of several the one its sites belong to
    (a --trial, or any filter that leaves one trial's sites: queries names an answer's trials);
    for sites of several, null, [] and null (each site names its own, and `trials`, after the
    sites, names each with its central contacts: TrialsSeen)."""
    trial = answer.trial
    if answer.many_trials:
        trial = next(iter(answer.trials.values())) if len(answer.trials) == 1 else Trial()
    return {**trial_header(trial), "trial": known(trial_name(trial))}


# ---------------------------------------------------------------- each answer's JSON

class TrialsSeen:
    """The trials of the rows of an answer, in the order their first site comes: `trials` of a
    near/list/map JSON, each trial's identity and central contacts (what the table's lines say of
    each trial), collected as the rows are written (a streamed listing is never held whole)."""

    def __init__(self) -> None:
        self.seen: dict[str, Trial] = {}

    def rows(self, rows: Iterable[SiteRow]) -> Iterator[SiteRow]:
        for row in rows:
            self.add(row.trial)
            yield row

    def add(self, trial: Trial) -> None:
        if trial.nct_id and trial.nct_id not in self.seen:  # a sites file without trial facts: nothing to name
            self.seen[trial.nct_id] = trial

    def records(self) -> list[dict[str, Any]]:
        return [trial_record(trial) for trial in self.seen.values()]


def trial_record(trial: Trial) -> dict[str, Any]:
    """A trial as an answer of sites names it in `trials`: who it is, its status, whom to call."""
    return {"nct_id": known(trial.nct_id), "trial": known(trial_name(trial)), "brief_title": known(trial.brief_title),
            "overall_status": known(trial.overall_status), "phase": known(trial.phase),
            "central_contacts": people_to_list(trial.central_contacts), **data_record(trial)}


def near_object(result: NearResult) -> dict[str, Any]:
    """`near`'s JSON object (`map --json` adds its view to it)."""
    seen = TrialsSeen()
    return {**answer_trial(result), "origin": place_record(result.resolution, result.chinese),
            "sites": [ranked_record(row) for row in seen.rows(ranked_rows(result))], "trials": seen.records(),
            "closed_left_out": result.closed_left_out, "limit_left_out": result.limit_left_out,
            **answer_data_record(result), **why_empty_record(result)}


def why_empty_record(answer: NearResult | SiteList | RegionAnswer) -> dict[str, Any]:
    """Why an answer with no site is empty (README: Output contract): the filter that matches no
    site by itself, the filters that match apart but not together, the sites by status when
    --status left none; no key for an answer that has sites."""
    record: dict[str, Any] = {}
    if not isinstance(answer, RegionAnswer) and answer.alone:
        record["unmatched_filter"] = answer.alone
    if answer.together:
        record["conflicting_filters"] = list(answer.together)
        record["conflicting_filters_sites"] = dict(answer.together)  # the sites each matches by itself
    if answer.status_counts is not None:
        record["status_counts"] = {status or "UNKNOWN": count for status, count in answer.status_counts.items()}
    return record


def view_object(result: MapResult) -> dict[str, float]:
    view = result.scene.view
    return {"west": round(view.west, 4), "south": round(view.south, 4), "east": round(view.east, 4),
            "north": round(view.north, 4)}


def call_record(call: Contact | None, central: bool) -> dict[str, Any] | None:
    """Whom to call about a listing: the contact object, whether it is the trial's central one, its line."""
    if call is None:
        return None
    return {**people_to_list([call])[0], "central": central, "line": call_line_of(call)}


def chinese_names_of(site: Site, chinese: ChineseNames | None) -> dict[str, Any]:
    """`facility_zh`, `city_zh`, `province_zh` of a site, in every language (null where unknown)."""
    facility, city, province = chinese_of(SiteRow(site, Trial(), chinese))
    return {"facility_zh": facility, "city_zh": city, "province_zh": province}


def listing_record(listing: HospitalListing, trial: Trial, chinese: ChineseNames | None = None) -> dict[str, Any]:
    shown, source = effective_status(listing.site.status, trial.overall_status)
    return {"site_id": listing.site.id, "facility": known(listing.site.facility), "status": listing.site.status,
            "effective_status": shown, "status_source": source, "distance_km": round(listing.distance_km, 1),
            "investigators": people_to_list(listing.site.contacts),
            "call": call_record(listing.call, listing.call_is_central),
            "facility_zh": chinese_of(SiteRow(listing.site, trial, chinese))[0]}


def same_hospital_record(other: SameHospital, chinese: ChineseNames | None = None) -> dict[str, Any]:
    """Another listing of a shown site's hospital (`show`'s `same_hospital`): its site, trial, status and whom to call."""
    shown, source = effective_status(other.site.status, other.trial.overall_status)
    return {"site_id": other.site.id, "nct_id": known(other.trial.nct_id or other.site.nct_id),
            "trial": known(trial_name(other.trial)), "facility": known(other.site.facility),
            "effective_status": shown, "status_source": source,
            "call": call_record(other.call, other.call_is_central),
            "facility_zh": chinese_of(SiteRow(other.site, other.trial, chinese))[0]}


def hospital_record(rank: int, hospital: Hospital, chinese: ChineseNames | None = None) -> dict[str, Any]:
    """A hospital of `near --by hospital`: where it is, its status (its most open listing's, and
    which listing that is), and a row for each trial it runs, with every listing of that trial;
    its names in Chinese are its most open listing's, as the table names it."""
    rows = []
    for row in hospital.trials:
        shown, source = effective_status(row.site.status, row.trial.overall_status)
        rows.append({"nct_id": known(row.trial.nct_id), "trial": known(trial_name(row.trial)),
                     "overall_status": known(row.trial.overall_status), "site_id": row.site.id,
                     "status": row.site.status, "effective_status": shown, "status_source": source,
                     "investigators": people_to_list(row.site.contacts),
                     "call": call_record(row.call, row.call_is_central),
                     "listings": [listing_record(listing, row.trial, chinese) for listing in row.listings]})
    best = hospital.trials[0]
    shown, source = effective_status(best.site.status, best.trial.overall_status)
    return {"rank": rank, "facility": known(hospital.facility), "city": known(hospital.city),
            "province": known(hospital.province), "country": known(hospital.country),
            "distance_km": round(hospital.distance_km, 1), "approximate": hospital.approximate,
            "effective_status": shown, "status_source": source, "status_site_id": best.site.id, "trials": rows,
            **chinese_names_of(hospital.status_site, chinese)}


HOSPITAL_CSV_FIELDS = ("rank", "facility", "city", "province", "country", "distance_km")
# the listing's site as near's CSV names it, `id` (a `site_id` beside it said the one id twice)
HOSPITAL_TRIAL_CSV_FIELDS = ("nct_id", "trial", "id", "effective_status")


def hospitals_object(answer: HospitalAnswer) -> dict[str, Any]:
    result = answer.near
    seen = TrialsSeen()
    for hospital in answer.hospitals:
        for row in hospital.trials:
            seen.add(row.trial)
    return {**answer_trial(result), "origin": place_record(result.resolution, result.chinese),
            "hospitals": [hospital_record(rank, hospital, result.chinese)
                          for rank, hospital in enumerate(answer.hospitals, 1)],
            "trials": seen.records(), "closed_left_out": result.closed_left_out,
            "limit_left_out": result.limit_left_out,  # hospitals, as `hospitals` counts them
            **answer_data_record(result), **why_empty_record(result)}


def hospital_csv(answer: HospitalAnswer) -> tuple[list[str], list[list[str]]]:
    """One row a listing (a hospital's site in a trial): the hospital's columns, then every column
    of near's CSV that they do not name, of the listing's site (one column set: a script reading
    near's CSV reads this one). `effective_status` and `id` are the listing's own (its site's id in one
    column, as near's: JSON's `site_id`)."""
    site_fields = [field for field in csv_site_fields(answer.near.chinese)
                   if field.key not in (*HOSPITAL_CSV_FIELDS, *HOSPITAL_TRIAL_CSV_FIELDS, "call")]
    header = [*HOSPITAL_CSV_FIELDS, *HOSPITAL_TRIAL_CSV_FIELDS, "call", *(field.key for field in site_fields)]
    rows = []
    for rank, hospital in enumerate(answer.hospitals, 1):
        place = [rank, known(hospital.facility), known(hospital.city), known(hospital.province),
                 known(hospital.country), round(hospital.distance_km, 1)]
        for row in hospital.trials:
            for listing in row.listings:
                site_row = SiteRow(listing.site, row.trial, answer.near.chinese)
                shown = effective_status(listing.site.status, row.trial.overall_status)[0]
                rows.append([*(csv_cell(value) for value in place), csv_cell(known(row.trial.nct_id)),
                             csv_cell(known(trial_name(row.trial))), csv_cell(listing.site.id), csv_cell(shown),
                             csv_cell(call_line_of(listing.call) if listing.call else None),
                             *csv_row(site_fields, site_row)])
    return header, rows


def trial_list_object(summary: TrialSummary) -> dict[str, Any]:
    return {"trials": trial_list_records(summary), "trial_count": len(summary.trials),
            "site_count": summary.site_count, "countries": summary.countries,
            # the countries an import --country kept (null: every site imported)
            "import_countries": list(summary.import_countries) if summary.import_countries is not None else None}


TRIAL_LIST_FIELDS = ("nct_id", "trial", "brief_title", "overall_status", "phase", "site_count", "data_date",
                     "data_age_days", "data_stale")


def trial_list_records(summary: TrialSummary) -> list[dict[str, Any]]:
    return [{"nct_id": known(row.trial.nct_id), "trial": known(trial_name(row.trial)),
             "brief_title": known(row.trial.brief_title), "overall_status": known(row.trial.overall_status),
             "phase": known(row.trial.phase), "site_count": row.site_count, **data_record(row.trial)}
            for row in summary.trials]


def trial_csv_record(summary: TrialSummary) -> dict[str, Any]:
    """`info -f csv` of one trial, one row of machine values (it was field,value prose: "Not yet
    recruiting as of 2025-06-08, 543 days old"): the many-trial CSV's columns first, then every other
    key of `info --json`'s trial and its countries; a list of names joined by "; ", the central
    contacts as lines (as list's `central_contacts`), other lists as JSON text. The same in every language."""
    from sitefinder.trial import trial_to_dict

    trial = summary.trial
    record: dict[str, Any] = {"nct_id": known(trial.nct_id), "trial": known(trial_name(trial)),
                              "brief_title": known(trial.brief_title), "overall_status": known(trial.overall_status),
                              "phase": known(trial.phase), "site_count": summary.site_count, **data_record(trial)}
    for key, value in trial_to_dict(trial).items():
        if key in record:
            continue
        if key == "central_contacts":
            value = "; ".join(contact_line(contact, role_words=False) for contact in people(trial.central_contacts))
        elif isinstance(value, list):
            value = ("; ".join(value) if all(isinstance(item, str) for item in value)
                     else _json_text(value))
        record[key] = known(value)
    record["countries"] = "; ".join(summary.countries)
    return record


def import_object(result: BulkResult) -> dict[str, Any]:
    from sitefinder.output.views import import_trial_path, single_trial

    placed = len(result.sites) - len(result.unplaced)
    one = single_trial(result)
    return {"nct_id": known(one.nct_id) if one else None, "sites_file": str(result.sites_path),
            "trial_file": str(import_trial_path(result)), "site_count": len(result.sites),
            "placed_from_registry": result.from_registry, "placed_offline": placed - result.from_registry,
            "unplaced": result.unplaced, "trials_file": str(result.trials_path), "trial_count": len(result.trials),
            "trials": [{"nct_id": trial.nct_id, "label": known(trial_name(trial))} for trial in result.trials],
            "skipped": [{"source": item.source, "index": item.position, "nct_id": known(item.nct_id),
                         "reason": item.reason} for item in result.skipped],
            "no_site_in_country": list(result.outside_country), "studies_read": result.studies_read,
            **record_findings(result), **ids_record(result), "search": search_record(result.search),
            # the trials the dataset there held that this import changed, each as update's record of it
            "changes": [trial_change_record(change, result.chinese) for change in result.changes],
            # what --country kept out (null without it): studies with no site it keeps, sites it kept out
            "left_out": result.left_out._asdict() if result.left_out else None}


def search_record(search: SearchPages | None) -> dict[str, Any] | None:
    """The saved search pages an import read, and whether they hold the whole search (`missing`:
    the studies on pages not given; `next_page_token`: the API's token of the page after one,
    which with the same query fetches it); null when no search page was given."""
    if search is None:
        return None
    return {"complete": search.complete, "total": search.total, "studies_given": search.given,
            "missing": search.missing,
            "pages": [{"source": page.source, "studies": page.studies, "total": page.total,
                       "next_page_token": page.next_token} for page in search.pages]}


def ids_record(result: BulkResult) -> dict[str, Any]:
    """What became of the site ids: those that name the same site as before the import (a dataset
    was in --out: `earlier`), those given out now, those gone for good, and the high-water mark."""
    ids = result.ids
    return {"earlier_dataset": result.earlier, "kept_ids": ids.kept, "added_ids": ids.added,
            "removed_ids": ids.removed, "id_high_water": ids.high_water}


def record_findings(result: BulkResult | UpdateResult | DatasetUpdate) -> dict[str, Any]:
    """What reading the registry's records found, in the JSON of import and update alike (the
    notices say the same: views.record_notices)."""
    return {"registry_points_set_aside": [point.facility for point in result.points_set_aside],
            "statuses_not_read": [{"of": who, "status": status} for who, status in result.statuses_unread]}


def import_cells(result: BulkResult) -> dict[str, Any]:
    """The import's summary as CSV field/value pairs: the trials by id, the skipped studies as lines."""
    return {**import_object(result), "trials": [trial.nct_id for trial in result.trials],
            "skipped": [skipped_line(item) for item in result.skipped],
            **{key: [str(number) for number in value] for key, value in ids_record(result).items()
               if isinstance(value, list)},
            "search": search_cell(result.search)}


def search_cell(search: SearchPages | None) -> str:
    """The search pages' record as one CSV cell: "57 found, 2 given, 55 missing" ("" for none)."""
    if search is None:
        return ""
    found = "unknown" if search.total is None else str(search.total)
    missing = "more pages" if search.total is None and not search.complete else str(search.missing or 0)
    return f"{found} found, {search.given} given, {missing} missing"


def change_records(changed: Sequence[SiteChange]) -> list[dict[str, Any]]:
    """Sites whose own status or people changed: the values before and after, and their words beside."""
    from sitefinder.status import status_words

    def status(change: SiteChange) -> dict[str, Any] | None:
        if not change.status:
            return None
        (before, before_source), (after, after_source) = change.status
        return {"before": before, "before_source": before_source, "after": after, "after_source": after_source,
                "before_words": status_words(before, before_source), "after_words": status_words(after, after_source)}

    def contacts(change: SiteChange) -> dict[str, Any] | None:
        if not change.contacts:
            return None
        before, after = change.contacts
        return {"before": people_to_list(before), "after": people_to_list(after),
                "before_lines": [contact_line(contact) for contact in people(before)],
                "after_lines": [contact_line(contact) for contact in people(after)]}

    return [{"id": change.site.id, "facility": known(change.site.facility), "city": known(change.site.city),
             "status": status(change), "contacts": contacts(change)} for change in changed]


def update_object(result: UpdateResult) -> dict[str, Any]:
    from sitefinder.trial import freshness

    changes = change_records(result.changed)
    return {"nct_id": result.nct_id, "sites_file": str(result.sites_path), "site_count": result.site_count,
            "data_date_before": known(freshness(result.before).date), "data_date": known(freshness(result.trial).date),
            "default": result.is_default, "overall_status_before": known(result.before.overall_status),
            "overall_status": known(result.trial.overall_status),
            "added": [site_record(SiteRow(site, result.trial, result.chinese)) for site in result.added],
            "removed": [site_record(SiteRow(site, result.before, result.chinese)) for site in result.removed],
            "changed": changes, "unplaced": result.unplaced,
            "added_ids": [site.id for site in result.added], "removed_ids": [site.id for site in result.removed],
            "id_high_water": result.id_high_water, **record_findings(result)}


def trial_change_record(change: TrialChange, chinese: ChineseNames | None = None) -> dict[str, Any]:
    from sitefinder.trial import freshness

    return {"nct_id": change.nct_id, "trial": known(trial_name(change.after)), "found": change.found,
            "site_count": change.site_count,
            "data_date_before": known(freshness(change.before).date), "data_date": known(freshness(change.after).date),
            "overall_status_before": known(change.before.overall_status),
            "overall_status": known(change.after.overall_status),
            "added": [site_record(SiteRow(site, change.after, chinese)) for site in change.added],
            "removed": [site_record(SiteRow(site, change.before, chinese)) for site in change.removed],
            "changed": change_records(change.changed),
            "added_ids": [site.id for site in change.added], "removed_ids": [site.id for site in change.removed]}


# An update of many trials as CSV: each trial's JSON record (trial_change_record), the site lists as
# counts and the id lists as cells ("24; 31"); which site changed how is the JSON's (`--json`)
DATASET_UPDATE_CSV = ("nct_id", "trial", "found", "overall_status_before", "overall_status", "data_date_before",
                      "data_date", "site_count", "added", "removed", "changed", "added_ids", "removed_ids")


def _update_cell(key: str, value: Any) -> Any:
    if key.endswith("_ids"):
        return "; ".join(map(str, value))
    return len(value) if isinstance(value, list) else value


def dataset_update_object(result: DatasetUpdate) -> dict[str, Any]:
    """Ids are the dataset's (unique across its trials): added_ids and removed_ids of every trial together."""
    return {"sites_file": str(result.sites_path), "site_count": result.site_count,
            "refreshed": result.refreshed, "not_returned": result.not_returned, "written": result.written,
            "trials_asked": len(result.trials), "trials_changed": result.trials_changed,
            "trials_unchanged": result.trials_unchanged,
            "trials": [trial_change_record(change, result.chinese) for change in result.trials],
            "unplaced": result.unplaced,
            "added_ids": [site.id for change in result.trials for site in change.added],
            "removed_ids": [site.id for change in result.trials for site in change.removed],
            "id_high_water": result.id_high_water, **record_findings(result)}


def json_object(answer: Any, notices: Sequence[str] = ()) -> Any:
    """The JSON of any answer record, with the notices said about it (`notices`, last)."""
    return {**answer_object(answer), "notices": notice_records(notices)}


def answer_object(answer: Any) -> Any:
    """The JSON of an answer record, without its notices."""
    if isinstance(answer, MapResult):
        return {**near_object(answer.near), "view": view_object(answer)}
    if isinstance(answer, NearResult):
        return near_object(answer)
    if isinstance(answer, HospitalAnswer):
        return hospitals_object(answer)
    if isinstance(answer, RegionAnswer):
        head, key, records, rest = region_parts(answer)
        return {**head, key: list(records), **rest()}
    if isinstance(answer, SiteList):
        head, key, records, rest = list_parts(answer)
        return {**head, key: list(records), **rest()}
    if isinstance(answer, SiteDetail):
        trial = answer.trial
        return {"site": site_record(SiteRow(answer.site, trial, answer.chinese)),
                "trial": {"nct_id": known(trial.nct_id), "brief_title": known(trial.brief_title),
                          "central_contacts": people_to_list(trial.central_contacts)},
                "same_hospital": [same_hospital_record(other, answer.chinese) for other in answer.same_hospital],
                "city_read": city_read(answer.place, answer.chinese), **data_record(trial)}
    if isinstance(answer, TrialSummary):
        from sitefinder.trial import trial_to_dict

        if answer.trials:
            return trial_list_object(answer)
        facts = {key: known(value) for key, value in trial_to_dict(answer.trial).items()}
        facts["central_contacts"] = people_to_list(answer.trial.central_contacts)  # each person once, as shown
        return {"trial": facts,
                "site_count": answer.site_count,
                "countries": answer.countries, **data_record(answer.trial)}
    if isinstance(answer, BulkResult):
        return import_object(answer)
    if isinstance(answer, UpdateResult):
        return update_object(answer)
    if isinstance(answer, DatasetUpdate):
        return dataset_update_object(answer)
    raise TypeError(f"no JSON shape for {type(answer).__name__}")


# A listing's JSON object in parts: the keys before its long list, the list's key, its records one
# at a time, and the keys after it, made once the records are written (`trials`: those they named).
Parts = tuple[dict[str, Any], str, Iterator[dict[str, Any]], Callable[[], dict[str, Any]]]


def list_parts(answer: SiteList) -> Parts:
    """`list`'s JSON object in parts."""
    seen = TrialsSeen()

    def rest() -> dict[str, Any]:
        after = {"trials": seen.records(), "closed_left_out": answer.closed_left_out, **answer_data_record(answer)}
        if answer.try_instead:  # why the list is empty, and what to try (README: Output contract)
            after["try"] = answer.try_instead
        after.update(why_empty_record(answer))
        return after

    return ({**answer_trial(answer), "city_read": city_read(answer.place, answer.chinese)}, "sites",
            (site_record(row) for row in seen.rows(rows_of(answer))), rest)


def city_read(place: Resolution | None, chinese: ChineseNames | None) -> dict[str, Any] | None:
    """How `list --city` or `show PLACE` read the place typed, in `origin`'s shape (its namesakes in
    `alternatives`, as near's); null when none was typed or the text is only a registry's spelling."""
    return place_record(place, chinese) if place is not None else None


def region_parts(answer: RegionAnswer) -> Parts:
    """`near REGION`'s JSON object in the parts list_parts gives for `list`."""
    seen = TrialsSeen()
    return ({**answer_trial(answer), "origin": region_origin(answer)}, "sites",
            (ranked_record(row) for row in seen.rows(rows_of(answer))),  # near's shape: rank and distance_km null
            # no limit applies to a region's sites: none is hidden by one
            lambda: {"trials": seen.records(), "closed_left_out": answer.closed_left_out, "limit_left_out": 0,
                     **answer_data_record(answer), **why_empty_record(answer)})


def streamed_json(answer: Any, notices: Sequence[str] = ()) -> Parts | None:
    """The JSON of an answer that is written item by item (streams.write_json_streamed), or None
    for one written whole. `list` and a region's `near` are: they alone can answer with every
    site of a large file (`near Japan`)."""
    if not isinstance(answer, (SiteList, RegionAnswer)):
        return None
    head, key, records, rest = list_parts(answer) if isinstance(answer, SiteList) else region_parts(answer)
    return head, key, records, lambda: {**rest(), "notices": notice_records(notices)}


# ---------------------------------------------------------------- each answer's CSV

def csv_table(answer: Any) -> tuple[list[str], Iterable[list[str]]]:
    """The CSV header and rows of any answer record that has them (a map has none: see output.FORMATS).
    A listing's rows come one at a time, as they are read (a large file's index is never held whole)."""
    if isinstance(answer, NearResult):
        fields = (*RANK_FIELDS, *csv_site_fields(answer.chinese))
        return [field.key for field in fields], [csv_row(fields, row) for row in ranked_rows(answer)]
    if isinstance(answer, HospitalAnswer):  # one row a listing of a hospital
        return hospital_csv(answer)
    if isinstance(answer, RegionAnswer):  # near's columns: rank and distance_km empty (nothing ranked)
        fields = (*RANK_FIELDS, *csv_site_fields(answer.chinese))
        return ([field.key for field in fields], (csv_row(fields, row) for row in rows_of(answer)))
    if isinstance(answer, SiteList):
        fields = csv_site_fields(answer.chinese)
        return ([field.key for field in fields], (csv_row(fields, row) for row in rows_of(answer)))
    if isinstance(answer, SiteDetail):
        fields = csv_site_fields(answer.chinese)
        return [field.key for field in fields], [csv_row(fields, SiteRow(answer.site, answer.trial, answer.chinese))]
    if isinstance(answer, TrialSummary):
        if answer.trials:
            return list(TRIAL_LIST_FIELDS), [[csv_cell(record[key]) for key in TRIAL_LIST_FIELDS]
                                             for record in trial_list_records(answer)]
        record = trial_csv_record(answer)
        return list(record), [[csv_cell(value) for value in record.values()]]
    if isinstance(answer, BulkResult):
        return ["field", "value"], [[csv_cell(key), csv_cell("; ".join(value) if isinstance(value, list) else value)]
                                    for key, value in import_cells(answer).items()]
    if isinstance(answer, UpdateResult):
        from sitefinder.output.views import update_rows

        return ["change", "id", "facility", "city", "what"], [[csv_cell(cell) for cell in row]
                                                              for row in update_rows(answer)]
    if isinstance(answer, DatasetUpdate):  # one row a trial: its record's fields, each site list as its count
        records = [trial_change_record(change) for change in answer.trials]
        return list(DATASET_UPDATE_CSV), [[csv_cell(_update_cell(key, record[key])) for key in DATASET_UPDATE_CSV]
                                          for record in records]
    raise TypeError(f"no CSV shape for {type(answer).__name__}")
