"""Recruitment statuses: the registry's enum in data and JSON, words for people."""

from __future__ import annotations

from sitefinder.errors import UsageError
from sitefinder.text import quoted

# ClinicalTrials.gov API v2 values, for a site (the first nine) and for a trial (all of them).
STATUS_WORDS = {
    "RECRUITING": "Recruiting",
    "NOT_YET_RECRUITING": "Not yet recruiting",
    "ACTIVE_NOT_RECRUITING": "Active, not recruiting",
    "ENROLLING_BY_INVITATION": "Enrolling by invitation",
    "COMPLETED": "Completed",
    "SUSPENDED": "Suspended",
    "TERMINATED": "Terminated",
    "WITHDRAWN": "Withdrawn",
    "AVAILABLE": "Available",
    "NO_LONGER_AVAILABLE": "No longer available",
    "TEMPORARILY_NOT_AVAILABLE": "Temporarily not available",
    "APPROVED_FOR_MARKETING": "Approved for marketing",
    "WITHHELD": "Withheld",
    "UNKNOWN": "Unknown",
}


# What a site can be (the registry's site enum); the rest of STATUS_WORDS are trial statuses only.
SITE_STATUSES = tuple(STATUS_WORDS)[:9]


def normalize_status(text: str) -> str | None:
    """The enum value for "not yet recruiting", "Not_Yet_Recruiting", "active, not recruiting"; else None."""
    words = text.replace(",", " ").replace("-", " ").replace("_", " ").split()
    key = "_".join(words).upper()
    return key if key in STATUS_WORDS else None


def parse_status_option(text: str) -> str:
    """`--status` value to enum ("active, not recruiting", "Not_Yet_Recruiting", "COMPLETED"), or a
    usage error that suggests the closest value and lists every accepted one, each quoted."""
    status = normalize_status(text)
    if status is None:
        accepted = ", ".join(f'"{STATUS_WORDS[status].lower()}"' for status in SITE_STATUSES)
        hint = ""
        key = "_".join(text.replace(",", " ").replace("-", " ").replace("_", " ").split()).upper()
        if key:
            from rapidfuzz import fuzz, process  # only on this error path

            best = process.extractOne(key, list(STATUS_WORDS), scorer=fuzz.ratio, score_cutoff=70)
            hint = f'did you mean "{STATUS_WORDS[best[0]].lower()}"? ' if best else ""
        raise UsageError(f"unknown status {quoted(text)}; {hint}use one of: {accepted}")
    return status


def effective_status(site_status: str | None, trial_status: str | None) -> tuple[str | None, str | None]:
    """The status to show and where it comes from: the site's own, else the trial's overall one."""
    if site_status:
        return site_status, "site"
    if trial_status:
        return trial_status, "trial"
    return None, None


def site_statuses_shown_as(status: str, trial_status: str | None) -> tuple[str | None, ...]:
    """The site statuses (None: the registry states none) that `effective_status` shows as `status`.

    Derived from `effective_status` itself, so that a SQL filter on the stored site status keeps
    to the same rule as the in-memory filter.
    """
    return tuple(value for value in (*STATUS_WORDS, None) if effective_status(value, trial_status)[0] == status)


def status_words(status: str | None, source: str | None) -> str:
    """"Recruiting", or "Not yet recruiting (trial)" when only the trial's status is known."""
    if status is None:
        return "Unknown"
    words = STATUS_WORDS.get(status, status.replace("_", " ").capitalize())
    return f"{words} (trial)" if source == "trial" else words
