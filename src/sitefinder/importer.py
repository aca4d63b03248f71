"""Turning a ClinicalTrials.gov study (API v2 JSON) into a sites file and a trial file.

Offline from a file; from the registry's API only when the user asks (`--online`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitefinder.answers import ImportResult, PointSetAside
from sitefinder.errors import ImportFailed, MissingInput, NetworkError, UsageError
from sitefinder.gazetteer import Gazetteer
from sitefinder.models import Contact, Place, Site, Trial
from sitefinder.contacts import contact_from_registry
from sitefinder.status import normalize_status
from sitefinder.text import entered, entered_lines, name_key, quoted
from sitefinder.wording import json_reason, said, say

if TYPE_CHECKING:
    from collections.abc import Callable

    from sitefinder.placement import Placement, Placer

CTGOV_URL = "https://clinicaltrials.gov"
NCT_ID = re.compile(r"^NCT[0-9]{8}$", re.IGNORECASE)
MAX_STUDY_BYTES = 50 * 1024 * 1024  # the largest registry records are a few MB


def nct_id_of(text: str) -> str | None:
    """The NCT id written in `text` ("nct07010263", full-width "ＮＣＴ０７０１０２６３"), upper-case, or None."""
    import unicodedata

    folded = unicodedata.normalize("NFKC", text).strip().upper()
    return folded if NCT_ID.match(folded) else None


def registry_id(source: str) -> str | None:
    """The NCT id `source` names when it is one and no file of that name exists, else None."""
    nct_id = nct_id_of(source)
    if nct_id is None:
        return None
    try:
        exists = Path(source).exists()
    except (OSError, ValueError):  # a name too long to be a file, a NUL: not a file
        exists = False
    return None if exists else nct_id


def _shown(path: Path | str, limit: int = 120) -> str:
    """A path for a message, cut (a 5,000-character name is not repeated whole)."""
    from sitefinder.text import clipped

    return clipped(str(path), limit)


def not_a_study_record(where: str, raw: bytes, failed: Exception | None = None) -> ImportFailed:
    """The one-line error for a file that holds no study record: what it holds instead, and what
    `import` takes. A file that begins like JSON keeps the parser's line and reason (`failed`, the
    caller's own parse: a study file cut short is still a study file; None when it parsed); anything
    else is named by what it looks like."""
    text = raw.decode("utf-8-sig", "replace")
    begins = text.lstrip()[:1]
    if not begins:
        what = said("import.what.empty")
    elif b"\x00" in raw[:4096] or (begins not in "{[" and _undecodable(raw)):
        what = said("import.what.binary")
    elif begins in "{[":
        if _undecodable(raw):
            what = said("import.what.not_utf8")
        elif isinstance(failed, json.JSONDecodeError):
            what = said("import.what.bad_json", line=failed.lineno, detail=json_reason(failed))
        elif isinstance(failed, RecursionError):
            what = said("import.what.too_deep")
        else:
            what = said("import.what.no_protocol")
    elif _looks_like_csv(text):
        what = said("import.what.csv")
    else:
        what = said("import.what.text")
    return ImportFailed(key="import.not_a_study", where=where, what=what)  # then what import takes


def _undecodable(raw: bytes) -> bool:
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return True
    return False


def _looks_like_csv(text: str) -> bool:
    """Two or more lines at the start with the same number (one or more) of commas or tabs."""
    lines = [line for line in text[:4096].splitlines()[:5] if line.strip()]
    return len(lines) >= 2 and any(lines[0].count(mark) > 0 and all(line.count(mark) == lines[0].count(mark)
                                                                    for line in lines[1:])
                                   for mark in ",\t;")


def _today() -> str:
    import datetime

    return datetime.date.today().isoformat()


def read_study_file(path: Path) -> dict[str, Any]:
    from sitefinder.paths import read_bounded

    try:
        raw = read_bounded(path, MAX_STUDY_BYTES)
    except FileNotFoundError:
        raise MissingInput(_shown(path), key="import.no_study_file") from None
    except OSError as exc:
        from sitefinder.wording import os_reason
        raise ImportFailed(key="import.unreadable", path=_shown(path), what=os_reason(exc)) from None
    try:
        study = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise not_a_study_record(_shown(path), raw, exc) from None
    if not isinstance(study, dict) or not isinstance(study.get("protocolSection"), dict):
        raise not_a_study_record(_shown(path), raw)
    return study


def fetch_study(nct_id: str) -> dict[str, Any]:
    """GET {SITEFINDER_CTGOV_URL}/api/v2/studies/{nct_id}. Only when the user asks for the network."""
    from sitefinder import __version__
    from sitefinder.web import HTTPStatusError, get, service_url, shown_url

    base = service_url("SITEFINDER_CTGOV_URL", CTGOV_URL)  # before anything else: junk there is a usage error
    nct_id = nct_id_of(nct_id) or nct_id.upper()
    try:
        body = get(f"{base}/api/v2/studies/{nct_id}", max_bytes=MAX_STUDY_BYTES, service=said("service.registry"),
                   headers={"Accept": "application/json", "User-Agent": f"sitefinder/{__version__}"})
    except HTTPStatusError as exc:
        if exc.status == 404:
            raise ImportFailed(key="import.no_such_study", nct_id=nct_id) from None
        raise NetworkError(key="import.http_status", url=shown_url(base), status=exc.status) from None
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ImportFailed(key="import.answer_not_utf8", nct_id=nct_id) from None
    study = _parse_study(text, said("import.answer_for", nct_id=nct_id))
    answered = study["protocolSection"].get("identificationModule")
    answered = answered.get("nctId") if isinstance(answered, dict) else None
    if not isinstance(answered, str) or answered.strip().upper() != nct_id:
        # A registry (or a proxy, or a cache) that answers with another study would make every
        # command answer with that study's sites under this one's name.
        raise ImportFailed(key="import.other_study", url=shown_url(base), nct_id=nct_id,
                           answered=said("import.answered_study", value=quoted(answered, 20)) if isinstance(answered, str)
                           else said("import.answered_none"))
    return study


def _parse_study(text: str, where: str) -> dict[str, Any]:
    try:
        study = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(key="import.where_bad_json", where=where, line=exc.lineno, detail=json_reason(exc)) from None
    except RecursionError:
        raise ImportFailed(key="import.where_too_deep", where=where) from None
    if not isinstance(study, dict) or not isinstance(study.get("protocolSection"), dict):
        raise ImportFailed(key="import.where_no_protocol", where=where)
    return study


def load_study(source: str, online: bool) -> dict[str, Any]:
    """A study from a file, or, for an NCT id and only with `online`, from the registry."""
    path = Path(source)
    nct_id = registry_id(source)
    if nct_id is not None:
        if not online:
            raise UsageError(key="import.needs_online", nct_id=nct_id)
        return fetch_study(nct_id)
    return read_study_file(path)


MAX_UNREAD_SAID = 20  # statuses not read, said of one study: bounded, as every list from the registry is


def more_unread(unread: list[tuple[str, str]], result: ImportResult) -> list[tuple[str, str]]:
    """The statuses not read of several studies (an import of many, an update of a dataset), one
    study's added to those before: MAX_UNREAD_SAID in all, as for one study."""
    return [*unread, *result.statuses_unread][:MAX_UNREAD_SAID]


def import_study(study: dict[str, Any], gazetteer: Gazetteer, retrieved: str = "", first_id: int = 1,
                 countries: frozenset[str] | None = None, placer: Placer | None = None) -> ImportResult:
    """The sites and trial facts of a registry study. `retrieved`: the day it was read from the registry;
    `first_id`: the id of its first site (a dataset of many studies numbers all its sites once);
    `countries`: ISO codes of the countries whose sites are kept (None: all); `placer`: the memo of
    placements shared by the studies of one import (bulkimport passes one for all its studies).

    A field of the wrong JSON type is an ImportFailed that names it (`designModule.phases`).
    """
    protocol = Fields(study, "").object("protocolSection")
    locations = protocol.object("contactsLocationsModule").objects("locations")
    first_country = next((location.text("country") for location in locations), "")
    trial = trial_from_study(protocol, country_code(first_country, gazetteer))._replace(
        retrieved=retrieved, mesh_terms=mesh_terms(Fields(study, "")))
    left_out = 0
    if countries is not None:  # the sites that lie there, by the rule list --country follows
        from sitefinder.countries import site_area

        areas = [site_area(location.text("country"), location.text("state"), location.text("city"), gazetteer)
                 for location in locations]
        kept = [location for location, area in zip(locations, areas) if area in countries]
        left_out = len(locations) - len(kept)
        if left_out:  # the registry's whole, kept with the part: info says the part is not all
            trial = trial._replace(registry_site_count=len(locations), registry_country_count=len(set(areas)))
        locations = kept
    if placer is None:
        from sitefinder.placement import Placer

        placer = Placer(gazetteer)
    sites, unplaced, from_registry, set_aside = [], [], 0, []
    # a status the registry wrote that is none sitefinder knows: said, never dropped silently (the
    # site is then shown with its trial's status, and "no status for the site" would be untrue)
    unread = ([(trial.nct_id, written)] if (written := protocol.object("statusModule").text("overallStatus"))
              and trial.overall_status is None else [])
    for site_id, location in enumerate(locations, start=first_id):
        site = site_from_location(site_id, location, gazetteer, placer, nct_id=trial.nct_id.upper())
        sites.append(site)
        if site.status is None and (written := location.text("status")):
            unread.append((site.facility, written))
        from_registry += site.coordinate_source == "registry"
        if not site.has_coordinates:
            unplaced.append(site.facility)
        elif site.coordinate_source != "registry" and (point := registry_point(location)) is not None:
            stated = placer.point_outside(*point, site.city, site.province, site.country, location.text("zip"))
            set_aside.append(PointSetAside(site.facility, stated, _stated_zh(stated, site.country, gazetteer)))
    return ImportResult(trial=trial, sites=sites, unplaced=unplaced, from_registry=from_registry,
                        points_set_aside=set_aside, statuses_unread=unread[:MAX_UNREAD_SAID], left_out=left_out)


def _stated_zh(stated: str, country: str, gazetteer: Gazetteer) -> dict[str, str]:
    """The Chinese names of what placement.point_outside names ("Aichi", "Liguria or Piedmont", a
    country part: "Reunion"), by their English, where the gazetteer has them: a first-level
    division of the row's country (Gazetteer.region_name_zh, every Chinese screen's source of a
    state abroad: 爱知县), else a country (留尼汪). China's provinces are the province table's."""
    codes = sorted(gazetteer.country_codes(country)) if country else []
    found = {}
    for part in stated.split(" or "):
        zh = next((name for code in codes if (name := gazetteer.region_name_zh(code, part))), "") or \
            next((name for code in sorted(gazetteer.country_codes(part)) if (name := gazetteer.country_name_zh(code))), "")
        if zh:
            found[part] = zh
    return found


def mesh_terms(study: Fields) -> tuple[str, ...]:
    """The MeSH terms the registry derived for the study's conditions (derivedSection), where present."""
    browse = study.object("derivedSection").object("conditionBrowseModule")
    # the study's own terms, not their ancestors ("Neoplasms" would match every cancer trial)
    terms = [item.text("term") for item in browse.objects("meshes")]
    return tuple(dict.fromkeys(term for term in terms if term))


def site_from_location(site_id: int, location: Fields, gazetteer: Gazetteer, placer: Placer | None = None,
                       nct_id: str = "") -> Site:
    text = {key: location.text(key) for key in ("facility", "city", "state", "zip", "country", "status")}
    from sitefinder.sitesfile import MAX_FIELD_CHARS

    for key, value in text.items():  # what sites.csv would refuse, named where the registry wrote it
        if len(value) > MAX_FIELD_CHARS:
            raise ImportFailed(key="import.too_long", where=location.where(key), length=len(value), most=MAX_FIELD_CHARS)
    facility = text["facility"] or f"Unnamed site {site_id}"
    status = normalize_status(text["status"]) if text["status"] else None
    region = country_code(text["country"], gazetteer)
    contacts = _contacts(location.objects("contacts"), region)

    def site(latitude: float | None = None, longitude: float | None = None, precision: str = "", source: str = "",
             note: str = "", geonameid: int | None = None) -> Site:
        # Each row's Site is built once, with its place (typed, unlike a **dict): a Site filled in
        # by _replace afterwards cost a pass over its 14 fields per call (NCT05843643's 258 rows).
        return Site(id=site_id, facility=facility, city=text["city"], province=text["state"], country=text["country"],
                    status=status, latitude=latitude, longitude=longitude, coordinate_precision=precision,
                    coordinate_source=source, location_note=note, contacts=contacts, geonameid=geonameid,
                    nct_id=nct_id)

    if placer is None:
        from sitefinder.placement import Placer

        placer = Placer(gazetteer)
    where = (text["city"], text["state"], text["country"], text["zip"])
    point = registry_point(location)
    if point is None:
        return _placed_site(site, text["city"], placer.place(*where), gazetteer)
    latitude, longitude = point
    outside = placer.point_outside(latitude, longitude, *where)
    if not outside:
        return site(latitude, longitude, "city", "registry",
                    geonameid=_city_of_point(latitude, longitude, region, where, placer))
    # A point that contradicts the row's own state ("Hanzhou, Zhejiang" put in Yunnan) is the
    # registry's geocoding gone wrong, not the site: the text says where it is.
    from sitefinder.placement import POINT_OUTSIDE_KM

    point_words = {"latitude": str(latitude), "longitude": str(longitude), "km": f"{POINT_OUTSIDE_KM:g}",
                   "outside": outside}
    placed = placer.place(*where)
    if placed.place is None:  # nothing better known: kept, and said
        return site(latitude, longitude, "city", "registry",
                    note=said("placed.point_kept", note=placed.note, **point_words))
    return _placed_site(site, text["city"], placed, gazetteer, said("placed.point_set_aside", **point_words))


def registry_point(location: Fields) -> tuple[float, float] | None:
    """The location's geoPoint (latitude, longitude), when it is one the number reader accepts."""
    if location.data.get("geoPoint") is None:  # most rows placed offline: asked twice a row, nothing to read
        return None
    point = location.object("geoPoint").data
    if not (_is_coordinate(point.get("lat"), 90) and _is_coordinate(point.get("lon"), 180)):
        return None
    from sitefinder.numbers import decimal

    return decimal(point["lat"]), decimal(point["lon"])


def _placed_site(site: Callable[..., Site], city: str, placed: Placement, gazetteer: Gazetteer,
                 doubt: str = "") -> Site:
    """A site placed offline from its text (placement.py), or unplaced with the reason; `site` builds
    the row's Site with its place, `doubt` says why the registry's point was set aside."""
    place, note, precision = placed
    if place is None:
        return site(note=note)
    note = note or placement_note(city, place, gazetteer)
    return site(place.latitude, place.longitude, precision, gazetteer_source(place),
                f"{doubt} {note}".strip() if doubt else note, place.geonameid)


def _city_of_point(latitude: float, longitude: float, region: str | None, where: tuple[str, str, str, str],
                   placer: Placer) -> int | None:
    """The gazetteer city of a site in China, Hong Kong, Macau or Taiwan (`region`, its country's
    code) that keeps the registry's point: the city its text names, placed offline as any row is,
    when that city is within SAME_PLACE_KM of the point (else none: the point is the registry's
    word, and the text's city is elsewhere). Its Chinese names, `list --city 杭州` and the
    preference for cities with a site all read a site's city by this id, as for a site placed
    offline. Elsewhere the city its text names at the point, by the name alone (placer.city_at):
    placing every row abroad would cost an import of points its placement time, and a name found
    at the point needs no placement's judgement; its Chinese name (波士顿 in a Chinese table) and
    --city read it."""
    from sitefinder.regions import CHINA_AREA
    from sitefinder.distance import SAME_PLACE_KM, sphere_km

    if region not in CHINA_AREA:
        return placer.city_at(latitude, longitude, where[0], where[1], region) if region else None
    place = placer.place(*where).place
    if place is None or place.geonameid is None:
        return None
    near = sphere_km(latitude, longitude, place.latitude, place.longitude) <= SAME_PLACE_KM
    return place.geonameid if near else None


def gazetteer_source(place: Place) -> str:
    """A site's coordinate_source when its coordinates are a gazetteer place's, in words (the id
    has its own column, geonameid; it stays in the words for readers of files before the column)."""
    if place.source == "postal":
        return say("source.postal", place=place.name, state=place.province)
    if place.geonameid is None:  # a division of China's tables (gazetteer/china_*.csv), at its seat
        return say("source.seat", place=place.name)
    return say("source.gazetteer", geonameid=place.geonameid, place=place.name)


def placement_note(city: str, place: Place, gazetteer: Gazetteer) -> str:
    """Say so in the data when the registry's city is not the name of the place used."""
    if name_key(place.name) == name_key(city):
        return ""
    reason = gazetteer.alias_note(city, place.geonameid) if place.geonameid else ""
    placed = said("placed.placed_at", city=repr(city), place=place.name, region=place.province or place.country)
    return f"{placed} {reason}".strip()


def country_code(country: str, gazetteer: Gazetteer) -> str | None:
    """The ISO code of a country name the gazetteer knows ("China" → "CN"), for reading phone numbers
    and a registry point's city: the country itself where its name also covers its territories
    ("France" is FR, not Saint Barthélemy's BL, whose numbers are +590; "United States" US, not AS)."""
    from sitefinder.countries import own_codes

    own = sorted(own_codes(frozenset(gazetteer.country_codes(country)))) if country else []
    return own[0] if own else None


def trial_from_study(protocol: Fields, region: str | None = None) -> Trial:
    ident = protocol.object("identificationModule")
    status = protocol.object("statusModule")
    design = protocol.object("designModule")
    arms = protocol.object("armsInterventionsModule")
    eligibility = protocol.object("eligibilityModule")
    nct_id = ident.text("nctId")
    enrollment = design.object("enrollmentInfo").data.get("count")
    healthy = eligibility.data.get("healthyVolunteers")
    return Trial(
        nct_id=nct_id, brief_title=ident.text("briefTitle"), official_title=ident.text("officialTitle"),
        acronym=ident.text("acronym"), keywords=tuple(protocol.object("conditionsModule").texts("keywords")),
        acronym_or_code=ident.object("orgStudyIdInfo").text("id"),
        overall_status=normalize_status(status.text("overallStatus")),
        phase="/".join(design.texts("phases")),
        study_type=design.text("studyType"),
        enrollment=enrollment if isinstance(enrollment, int) and not isinstance(enrollment, bool) else None,
        start_date=status.object("startDateStruct").text("date"),
        completion_date=status.object("completionDateStruct").text("date"),
        last_update=status.object("lastUpdatePostDateStruct").text("date"),
        sponsor=protocol.object("sponsorCollaboratorsModule").object("leadSponsor").text("name"),
        conditions=tuple(protocol.object("conditionsModule").texts("conditions")),
        interventions=tuple(": ".join(part for part in (item.text("name"), item.text("description")) if part)
                            for item in arms.objects("interventions")),
        arms=tuple(_arm(item.text("label"), item.text("type")) for item in arms.objects("armGroups")),
        eligibility=eligibility.lines("eligibilityCriteria"),
        minimum_age=eligibility.text("minimumAge"), maximum_age=eligibility.text("maximumAge"),
        sex=eligibility.text("sex"), healthy_volunteers=healthy if isinstance(healthy, bool) else None,
        central_contacts=_contacts(protocol.object("contactsLocationsModule").objects("centralContacts"), region),
        url=f"https://clinicaltrials.gov/study/{nct_id}" if nct_id else "",
    )


def _arm(label: str, kind: str) -> str:
    """"Cohort B (placebo comparator)": an arm and its registry type in words; without a type, its label
    alone (not "Cohort A ()")."""
    return f"{label} ({kind.replace('_', ' ').lower()})" if kind else label


class Fields:
    """One JSON object of a study, read with its path, so that a wrong type names the field.

    Absent fields and nulls read as empty; a list where an object belongs (or a string where a list
    belongs, which would otherwise be split into letters) is an ImportFailed.
    """

    def __init__(self, data: Any, path: str) -> None:
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise ImportFailed(key="import.must_be_object", where=path or said("import.the_study"), type=_json_type(data))
        self.data, self.path = data, path

    def where(self, key: str) -> str:
        """The JSON path of a field, to name it in an error: protocolSection…locations[6].facility."""
        return f"{self.path}.{key}" if self.path else key

    def object(self, key: str) -> Fields:
        return Fields(self.data.get(key), self.where(key))

    def array(self, key: str) -> list[Any]:
        """A JSON list field (named so that `list` in this class's annotations stays the builtin)."""
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise ImportFailed(key="import.must_be_list", where=self.where(key), type=_json_type(value))
        return value

    def objects(self, key: str) -> list[Fields]:
        return [Fields(item, f"{self.where(key)}[{index}]") for index, item in enumerate(self.array(key))]

    def texts(self, key: str) -> list[str]:
        return [_text(item, f"{self.where(key)}[{index}]") for index, item in enumerate(self.array(key))]

    def text(self, key: str) -> str:
        """A one-line text field, as stored (text.entered: no control character)."""
        value = self.data.get(key)
        if value is None or isinstance(value, str):  # most fields: no path built, only an error names it
            return _text(value, "")
        return _text(value, self.where(key))

    def lines(self, key: str) -> str:
        """A multi-line text field (eligibility criteria), its line breaks kept (text.entered_lines)."""
        value = self.data.get(key)
        return entered_lines(value) if isinstance(value, str) else self.text(key)


def _text(value: Any, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):  # the one entry of the registry's text: see text.entered
        return entered(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise ImportFailed(key="import.must_be_text", where=where, type=_json_type(value))


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}
    return names.get(type(value), f"the number {value}" if isinstance(value, (int, float)) else type(value).__name__)


def _is_coordinate(value: Any, limit: float) -> bool:
    from sitefinder.numbers import is_coordinate

    return is_coordinate(value, limit)  # the one number reader: no true, no `1_0`, finite, in range


def _contacts(items: list[Fields], region: str | None) -> tuple[Contact, ...]:
    """The registry's contacts that have a name, in registry order."""
    from sitefinder.contacts import MAX_CONTACT_CHARS

    for item in items:  # every field of a contact that is read must be text, and not cut short: a
        for key in ("name", "role", "phone", "phoneExt", "email"):  # phone cut is a wrong number
            value = item.text(key)
            if len(value) > MAX_CONTACT_CHARS:
                raise ImportFailed(key="import.too_long", where=item.where(key), length=len(value),
                                   most=MAX_CONTACT_CHARS)
    found = (contact_from_registry(item.data, region) for item in items)
    return tuple(contact for contact in found if contact is not None)
