"""Trial-level facts: trial.json, which lives beside a sites file."""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from sitefinder.contacts import contacts_from_list, contacts_to_list
from sitefinder.errors import DataFileError
from sitefinder.models import Trial
from sitefinder.status import normalize_status
from sitefinder.text import quoted

TRIAL_FILE = "trial.json"
MAX_TRIAL_BYTES = 8 * 1024 * 1024  # a trial's facts; eligibility texts run to tens of KB
_LIST_FIELDS = {"conditions", "interventions", "arms", "keywords", "mesh_terms"}


def trial_path_for(sites_path: Path) -> Path:
    return sites_path.with_name(TRIAL_FILE)


def read_trial_beside(sites_path: Path, shown: Path | None = None) -> Trial:
    """The trial facts beside a sites file; an empty Trial when there is no trial.json.

    `shown`: the dataset's DIR/sites.csv when `sites_path` is the file of its version in use; a
    dataset always has its trial.json, so one that is missing is said, not read as "no facts"."""
    opened = trial_path_for(sites_path)
    path = trial_path_for(shown) if shown is not None else opened
    try:
        data = read_json_file(opened, path, MAX_TRIAL_BYTES, "data.what.trial")
    except FileNotFoundError:
        if shown is not None:
            raise DataFileError(path, key="data.trial_missing") from None
        return Trial()
    if not isinstance(data, dict):
        raise DataFileError(path, key="data.trial_not_object")
    return trial_from_dict(data, path)


def read_json_file(opened: Path, path: Path, limit: int, what: str) -> Any:
    """The JSON value of a facts file (trial.json, trials.json), read up to `limit` bytes; every
    failure but a missing file (FileNotFoundError, for the caller to say) a DataFileError naming
    `path`, the file as the user knows it (`opened` may be its version's own file). `what`: the
    catalogue's phrase for what the file holds ("data.what.trial"), said only in an error."""
    from sitefinder.paths import read_bounded

    try:
        text = read_bounded(opened, limit).decode("utf-8-sig")
    except FileNotFoundError:
        raise
    except UnicodeDecodeError:
        raise DataFileError(path, key="data.not_utf8") from None
    except OSError as exc:
        raise DataFileError(path, key="data.unreadable", what=exc.strerror or exc) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        from sitefinder.wording import json_reason

        raise DataFileError(path, line=exc.lineno, key="data.bad_json", detail=json_reason(exc)) from None
    except RecursionError:
        from sitefinder.wording import said

        raise DataFileError(path, key="data.json_too_deep", what=said(what)) from None


def trial_from_dict(data: dict[str, Any], path: Path | str = TRIAL_FILE) -> Trial:
    values: dict[str, Any] = {}
    for name in Trial._fields:
        if name not in data or data[name] is None:
            continue
        value = data[name]
        if name in _LIST_FIELDS:
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise DataFileError(path, key="data.list_of_strings", name=name)
            value = tuple(value)
        elif name == "central_contacts":
            try:
                value = contacts_from_list(value)
            except ValueError as exc:
                raise DataFileError(path, key="data.central_contacts", problem=exc.args[0]) from None
        elif name == "enrollment":
            if not isinstance(value, int) or isinstance(value, bool):
                raise DataFileError(path, key="data.enrollment")
        elif name in ("registry_site_count", "registry_country_count"):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise DataFileError(path, key="data.count", name=name, value=quoted(str(value)))
        elif name == "healthy_volunteers":
            if not isinstance(value, bool):
                raise DataFileError(path, key="data.healthy_volunteers")
        elif name == "overall_status":
            if not isinstance(value, str) or normalize_status(value) is None:
                raise DataFileError(path, key="data.overall_status", value=quoted(value))
            value = normalize_status(value)
        elif not isinstance(value, str):
            raise DataFileError(path, key="data.must_be_text", name=name)
        values[name] = value
    return Trial(**values)


def trial_to_dict(trial: Trial) -> dict[str, Any]:
    data = trial._asdict()
    for name in _LIST_FIELDS:
        data[name] = list(data[name])
    data["central_contacts"] = contacts_to_list(trial.central_contacts)
    return data


def trial_json_text(trial: Trial) -> str:
    return json.dumps(trial_to_dict(trial), ensure_ascii=False, indent=2) + "\n"


STALE_AFTER_DAYS = 30


class Freshness(NamedTuple):
    """How current the registry data in use are."""

    date: str  # YYYY-MM-DD: the day the record was read, else the registry's last update; "" if unknown
    age_days: int | None
    ahead: bool = False  # the date is after tomorrow: the record or this machine's clock is wrong

    @property
    def stale(self) -> bool:
        return self.age_days is not None and self.age_days > STALE_AFTER_DAYS


def freshness(trial: Trial, today: datetime.date | None = None) -> Freshness:
    """The date of the data: when it was read from the registry, else the registry's last update."""
    text = trial.retrieved or trial.last_update
    try:
        day = datetime.date.fromisoformat(text[:10])
    except ValueError:
        return Freshness(text, None)
    # A date from a registry ahead in its time zone makes the data no older than today: never "-1
    # days old"; one past tomorrow (2099-01-01) is no age at all, and said so (data_line).
    age = ((today or _today()) - day).days
    if age < -1:
        return Freshness(day.isoformat(), None, ahead=True)
    return Freshness(day.isoformat(), max(0, age))


def oldest_data(trials: Sequence[Trial]) -> Trial:
    """Of the trials of one answer, the one whose data are the oldest (an unknown date first): how
    current an answer of many trials is, said by its oldest; an empty Trial for none."""
    distinct = list({trial.nct_id: trial for trial in trials}.values())
    return min(distinct, key=lambda trial: freshness(trial).date or "0") if distinct else Trial()


def _today() -> datetime.date:
    return datetime.date.today()  # one place, so that tests can pin the day


# ---------------------------------------------------------------- what `info` says about the trial

class EligibilityLists(NamedTuple):
    """A registry's eligibility text as the two lists a patient reads: whom the trial takes and whom
    it does not. `other`: text outside those sections (all of it when the text has no sections)."""

    can_join: tuple[str, ...]
    cannot_join: tuple[str, ...]
    other: str


_SECTION_WORDS = {"inclusion": "can_join", "exclusion": "cannot_join"}
_BULLETS = ("* ", "- ", "• ", "+ ")
MAX_CRITERIA = 500  # items kept of each list: a registry text runs to tens of KB, never to this many items


def _section(line: str) -> str | None:
    """"can_join" for a heading like "Inclusion Criteria:" or "Key Inclusion Criteria", and so on."""
    words = line.strip().rstrip(":").lower().split()
    if 1 <= len(words) <= 4 and words[-1] == "criteria":
        return next((section for word, section in _SECTION_WORDS.items() if word in words), None)
    return None


def _item(line: str) -> str | None:
    """A list item's text without its marker ("1. ", "2) ", "* ", "a. "); None when the line is not one."""
    text = line.strip()
    if text.startswith(_BULLETS):
        return text[2:].strip()
    head, dot, rest = text.partition(" ")
    if dot and len(head) >= 2 and head[-1] in ".)" and (head[:-1].isdigit() or (len(head) == 2 and head[0].isalpha())):
        return rest.strip()
    return None


def _unescape(text: str) -> str:
    """The registry writes its text as Markdown: `\\>10 mg\\/day` means `>10 mg/day`."""
    out, index = [], 0
    while index < len(text):
        if text[index] == "\\" and index + 1 < len(text) and not text[index + 1].isalnum() \
                and not text[index + 1].isspace():
            index += 1
        out.append(text[index])
        index += 1
    return "".join(out)


def eligibility_lists(text: str) -> EligibilityLists:
    """Split "Inclusion Criteria: 1. ... Exclusion Criteria: * ..." into lists; an item under another
    one (indented) is kept with two spaces before it; a line that is not an item continues the last."""
    lists: dict[str, list[str]] = {"can_join": [], "cannot_join": []}
    other: list[str] = []
    section: str | None = None
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not raw.strip():
            continue
        heading = _section(raw)
        if heading:
            section = heading
            continue
        if section is None:
            other.append(raw.strip())
            continue
        items = lists[section]
        item = _item(raw)
        if item is None and items:
            items[-1] += " " + raw.strip()
        elif len(items) < MAX_CRITERIA:
            nested = len(raw) - len(raw.lstrip()) >= 2
            items.append(("  " if nested else "") + (item if item is not None else raw.strip()))
    if not lists["can_join"] and not lists["cannot_join"]:
        return EligibilityLists((), (), text.strip())
    return EligibilityLists(tuple(map(_unescape, lists["can_join"])), tuple(map(_unescape, lists["cannot_join"])),
                            _unescape("\n".join(other)))


def _age(text: str) -> tuple[str, str]:
    """"18 Years" → ("18", "years")."""
    number, _, unit = text.strip().partition(" ")
    return number, unit.lower() or "years"


def ages_and_sex(minimum: str, maximum: str, sex: str) -> str:
    """"18 years and older; any sex", "18 to 75 years; women only": the registry's enums in words."""
    if minimum and maximum:
        (low, low_unit), (high, high_unit) = _age(minimum), _age(maximum)
        ages = f"{low} to {high} {high_unit}" if low_unit == high_unit else f"{low} {low_unit} to {high} {high_unit}"
    elif minimum:
        ages = "{} {} and older".format(*_age(minimum))
    elif maximum:
        ages = "up to {} {}".format(*_age(maximum))
    else:
        ages = "any age"
    who = {"FEMALE": "women only", "MALE": "men only"}.get(sex.upper(), "any sex")
    return f"{ages}; {who}"
