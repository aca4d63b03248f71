"""Turning a ClinicalTrials.gov study (API v2 JSON) into a sites file and a trial file.

Offline from a file; from the registry's API only when the user asks (`--online`).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, NamedTuple

from sitefinder.errors import ImportFailed, NetworkError, SitefinderError, UsageError
from sitefinder.gazetteer import Gazetteer, resolve
from sitefinder.models import Contact, Place, Site, Trial
from sitefinder.paths import replace_atomically
from sitefinder.contacts import contact_from_registry
from sitefinder.sitesfile import write_sites_file
from sitefinder.status import normalize_status
from sitefinder.text import name_key

CTGOV_URL = "https://clinicaltrials.gov"
NCT_ID = re.compile(r"^NCT\d{8}$", re.IGNORECASE)
DEFAULT_TIMEOUT_SECONDS = 10.0


class ImportResult(NamedTuple):
    trial: Trial
    sites: list[Site]
    unplaced: list[str]  # facilities that could not be placed: listed, never ranked
    from_registry: int  # sites whose coordinates are the registry's own geoPoint


def timeout_seconds() -> float:
    try:
        return max(0.1, float(os.environ.get("SITEFINDER_TIMEOUT", DEFAULT_TIMEOUT_SECONDS)))
    except ValueError:
        return DEFAULT_TIMEOUT_SECONDS


def read_study_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ImportFailed(f"{path}: no such file; give a study JSON file, or an NCT id with --online") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFailed(f"{path}: cannot be read as UTF-8 text ({exc})") from None
    return _parse_study(text, str(path))


def fetch_study(nct_id: str) -> dict[str, Any]:
    """GET {SITEFINDER_CTGOV_URL}/api/v2/studies/{nct_id}. Only called with --online."""
    import urllib.error
    import urllib.request

    from sitefinder import __version__

    base = os.environ.get("SITEFINDER_CTGOV_URL", CTGOV_URL).rstrip("/")
    url = f"{base}/api/v2/studies/{nct_id.upper()}"
    request = urllib.request.Request(url, headers={"Accept": "application/json",
                                                   "User-Agent": f"sitefinder/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout_seconds()) as response:
            body = response.read(50 * 1024 * 1024)
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            raise ImportFailed(f"the registry has no study {nct_id.upper()}; check the NCT id") from None
        raise NetworkError(f"the registry at {base} answered HTTP {exc.code}; try again later") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise NetworkError(f"cannot reach the registry at {base}: {reason}") from None
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ImportFailed(f"the registry's answer for {nct_id.upper()} is not UTF-8 text") from None
    return _parse_study(text, f"the registry's answer for {nct_id.upper()}")


def _parse_study(text: str, where: str) -> dict[str, Any]:
    try:
        study = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(f"{where}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(study, dict) or not isinstance(study.get("protocolSection"), dict):
        raise ImportFailed(f"{where}: not a ClinicalTrials.gov API v2 study (no protocolSection)")
    return study


def load_study(source: str, online: bool) -> dict[str, Any]:
    """A study from a file, or, for an NCT id and only with `online`, from the registry."""
    path = Path(source)
    if NCT_ID.match(source.strip()) and not path.exists():
        if not online:
            raise UsageError(f"fetching {source.strip().upper()} from the registry needs --online "
                             "(or give a study JSON file)")
        return fetch_study(source.strip())
    return read_study_file(path)


def import_study(study: dict[str, Any], gazetteer: Gazetteer, retrieved: str = "") -> ImportResult:
    """The sites and trial facts of a registry study. `retrieved`: the day it was read from the registry."""
    protocol = study["protocolSection"]
    locations = _module(protocol, "contactsLocationsModule").get("locations") or []
    if not isinstance(locations, list):
        raise ImportFailed("contactsLocationsModule.locations is not a list")
    first_country = next((_text(item.get("country")) for item in locations if isinstance(item, dict)), "")
    trial = trial_from_study(protocol, country_code(first_country, gazetteer))._replace(retrieved=retrieved)
    sites, unplaced, from_registry = [], [], 0
    for site_id, location in enumerate(locations, start=1):
        if not isinstance(location, dict):
            raise ImportFailed(f"location {site_id} is not an object")
        site = site_from_location(site_id, location, gazetteer)
        sites.append(site)
        from_registry += site.coordinate_source == "registry"
        if not site.has_coordinates:
            unplaced.append(site.facility)
    return ImportResult(trial=trial, sites=sites, unplaced=unplaced, from_registry=from_registry)


def site_from_location(site_id: int, location: dict[str, Any], gazetteer: Gazetteer) -> Site:
    text = {key: _text(location.get(key)) for key in ("facility", "city", "state", "country", "status")}
    facility = text["facility"] or f"Unnamed site {site_id}"
    status = normalize_status(text["status"]) if text["status"] else None
    contacts = _contacts(location.get("contacts"), country_code(text["country"], gazetteer))
    common = dict(id=site_id, facility=facility, city=text["city"], province=text["state"], country=text["country"],
                  status=status, contacts=contacts)
    point = location.get("geoPoint")
    if isinstance(point, dict) and _is_coordinate(point.get("lat"), 90) and _is_coordinate(point.get("lon"), 180):
        return Site(**common, latitude=float(point["lat"]), longitude=float(point["lon"]),
                    coordinate_precision="city", coordinate_source="registry")
    place = locate_city(text["city"], text["state"], text["country"], gazetteer)
    if place is None:
        where = ", ".join(part for part in (text["city"], text["state"], text["country"]) if part)
        return Site(**common, latitude=None, longitude=None,
                    location_note=f"Could not be placed: the offline gazetteer does not know {where!r}.")
    return Site(**common, latitude=place.latitude, longitude=place.longitude, coordinate_precision="city",
                coordinate_source=f"GeoNames {place.geonameid} ({place.name})",
                location_note=placement_note(text["city"], place, gazetteer))


def locate_city(city: str, state: str, country: str, gazetteer: Gazetteer) -> Place | None:
    """The gazetteer city for a registry location. A state or country the gazetteer knows must match
    (Fuzhou, Jiangxi never lands in Fujian); one it does not know is left out of the query."""
    if not city:
        return None
    qualifiers = [part for part in (state, country) if part and gazetteer.regions(part)]
    try:
        return resolve(", ".join([city, *qualifiers]), gazetteer).place
    except SitefinderError:  # a miss or unusable text: "not placed", reported by facility
        return None


def placement_note(city: str, place: Place, gazetteer: Gazetteer) -> str:
    """Say so in the data when the registry's city is not the name of the place used."""
    if name_key(place.name) == name_key(city):
        return ""
    reason = gazetteer.alias_note(city, place.geonameid) if place.geonameid else ""
    return f"Registry city {city!r} is placed at {place.name}, {place.province or place.country}. {reason}".strip()


def country_code(country: str, gazetteer: Gazetteer) -> str | None:
    """The ISO code of a country name the gazetteer knows ("China" → "CN"), for reading phone numbers."""
    codes = sorted(code for code, admin1 in gazetteer.regions(country) if not admin1) if country else []
    return codes[0] if codes else None


def trial_from_study(protocol: dict[str, Any], region: str | None = None) -> Trial:
    ident = _module(protocol, "identificationModule")
    status = _module(protocol, "statusModule")
    design = _module(protocol, "designModule")
    arms = _module(protocol, "armsInterventionsModule")
    eligibility = _module(protocol, "eligibilityModule")
    contacts = _module(protocol, "contactsLocationsModule")
    nct_id = _text(ident.get("nctId"))
    enrollment = _module(design, "enrollmentInfo").get("count")
    healthy = eligibility.get("healthyVolunteers")
    return Trial(
        nct_id=nct_id, brief_title=_text(ident.get("briefTitle")), official_title=_text(ident.get("officialTitle")),
        acronym_or_code=_text(_module(ident, "orgStudyIdInfo").get("id")),
        overall_status=normalize_status(_text(status.get("overallStatus"))),
        phase="/".join(_text(phase) for phase in design.get("phases") or []),
        study_type=_text(design.get("studyType")),
        enrollment=enrollment if isinstance(enrollment, int) and not isinstance(enrollment, bool) else None,
        start_date=_text(_module(status, "startDateStruct").get("date")),
        completion_date=_text(_module(status, "completionDateStruct").get("date")),
        last_update=_text(_module(status, "lastUpdatePostDateStruct").get("date")),
        sponsor=_text(_module(_module(protocol, "sponsorCollaboratorsModule"), "leadSponsor").get("name")),
        conditions=tuple(_text(c) for c in _module(protocol, "conditionsModule").get("conditions") or []),
        interventions=tuple(
            ": ".join(part for part in (_text(item.get("name")), _text(item.get("description"))) if part)
            for item in arms.get("interventions") or [] if isinstance(item, dict)),
        arms=tuple(f"{_text(item.get('label'))} ({_text(item.get('type')).replace('_', ' ').lower()})"
                   for item in arms.get("armGroups") or [] if isinstance(item, dict)),
        eligibility=_text(eligibility.get("eligibilityCriteria")),
        minimum_age=_text(eligibility.get("minimumAge")), maximum_age=_text(eligibility.get("maximumAge")),
        sex=_text(eligibility.get("sex")), healthy_volunteers=healthy if isinstance(healthy, bool) else None,
        central_contacts=_contacts(contacts.get("centralContacts"), region),
        url=f"https://clinicaltrials.gov/study/{nct_id}" if nct_id else "",
    )


def write_import(result: ImportResult, out_dir: Path) -> tuple[Path, Path]:
    """Write DIR/sites.csv and DIR/trial.json, each atomically (a reader never sees half a file)."""
    from sitefinder.trial import TRIAL_FILE, write_trial_file

    sites_path, trial_path = out_dir / "sites.csv", out_dir / TRIAL_FILE
    try:
        replace_atomically(sites_path, lambda tmp: write_sites_file(tmp, result.sites))
        replace_atomically(trial_path, lambda tmp: write_trial_file(tmp, result.trial))
    except OSError as exc:
        raise ImportFailed(f"cannot write to {out_dir}: {exc.strerror or exc}") from None
    return sites_path, trial_path


def _module(parent: dict[str, Any], key: str) -> dict[str, Any]:
    value = parent.get(key)
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ("" if value is None else str(value))


def _is_coordinate(value: Any, limit: float) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and -limit <= value <= limit


def _contacts(items: Any, region: str | None) -> tuple[Contact, ...]:
    """The registry's contacts that have a name, in registry order."""
    if not isinstance(items, list):
        return ()
    found = (contact_from_registry(item, region) for item in items if isinstance(item, dict))
    return tuple(contact for contact in found if contact is not None)
