"""Recruitment statuses: the registry's enum in data and JSON, words for people."""

from __future__ import annotations

from sitefinder.errors import UsageError

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


def normalize_status(text: str) -> str | None:
    """The enum value for "not yet recruiting", "Not_Yet_Recruiting", "active, not recruiting"; else None."""
    words = text.replace(",", " ").replace("-", " ").replace("_", " ").split()
    key = "_".join(words).upper()
    return key if key in STATUS_WORDS else None


def parse_status_option(text: str) -> str:
    """`--status` value to enum, or a usage error that lists the accepted values."""
    status = normalize_status(text)
    if status is None:
        accepted = ", ".join(word.lower() for word in list(STATUS_WORDS.values())[:9])
        raise UsageError(f"unknown status {text!r}; use one of: {accepted}")
    return status


def effective_status(site_status: str | None, trial_status: str | None) -> tuple[str | None, str | None]:
    """The status to show and where it comes from: the site's own, else the trial's overall one."""
    if site_status:
        return site_status, "site"
    if trial_status:
        return trial_status, "trial"
    return None, None


def status_words(status: str | None, source: str | None) -> str:
    """"Recruiting", or "Not yet recruiting (trial)" when only the trial's status is known."""
    if status is None:
        return "Unknown"
    words = STATUS_WORDS.get(status, status.replace("_", " ").capitalize())
    return f"{words} (trial)" if source == "trial" else words
