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


# Which statuses a patient can still act on, and how a view colours them (open green, not yet
# yellow, closed dim). The one place this rule lives: queries filter by it, views colour by it.
# "Available" is expanded access a patient can ask for; "Unknown" (the registry lost track) is not
# known to be closed, so it is shown, uncoloured, rather than hidden.
STATUS_CLASSES = {
    "RECRUITING": "open", "ENROLLING_BY_INVITATION": "open", "AVAILABLE": "open",
    "NOT_YET_RECRUITING": "not_yet",
    "ACTIVE_NOT_RECRUITING": "closed", "COMPLETED": "closed", "SUSPENDED": "closed", "TERMINATED": "closed",
    "WITHDRAWN": "closed", "NO_LONGER_AVAILABLE": "closed", "TEMPORARILY_NOT_AVAILABLE": "closed",
    "APPROVED_FOR_MARKETING": "closed", "WITHHELD": "closed",
}
# Rich styles for each class, for the views that colour (phase 2 of issue 21 uses them in tables).
CLASS_STYLES = {"open": "green", "not_yet": "yellow", "closed": "dim", "unknown": ""}
CLOSED_STATUSES = frozenset(status for status, kind in STATUS_CLASSES.items() if kind == "closed")
# The default status filter: every effective status but the closed ones (None: no status known).
JOINABLE_FILTER: frozenset[str | None] = frozenset((*(s for s in STATUS_WORDS if s not in CLOSED_STATUSES), None))

def status_class(status: str | None) -> str:
    """"open", "not_yet", "closed" or "unknown": what a patient can do about a site with this status."""
    return STATUS_CLASSES.get(status or "", "unknown")


def joinable(status: str | None) -> bool:
    """Whether a site with this effective status is shown by default: every one not known to be closed."""
    return status not in CLOSED_STATUSES


def status_matches(shown: str | None, wanted: str | frozenset[str | None] | None) -> bool:
    """Whether an effective status passes a filter: one status, a set of them, or None for any."""
    if wanted is None:
        return True
    return shown in wanted if isinstance(wanted, frozenset) else shown == wanted


def normalize_status(text: str) -> str | None:
    """The enum value for "not yet recruiting", "Not_Yet_Recruiting", "active, not recruiting"; else None."""
    words = text.replace(",", " ").replace("-", " ").replace("_", " ").split()
    key = "_".join(words).upper()
    return key if key in STATUS_WORDS else None


def parse_status_option(text: str) -> str:
    """`--status` value to enum ("active, not recruiting", "Not_Yet_Recruiting", "COMPLETED"), or a
    usage error that suggests the closest value and lists every accepted one, each quoted. The words
    sitefinder shows (尚未开始招募) are read before this, by shown_status."""
    status = normalize_status(text)
    if status is None:
        accepted = ", ".join(f'"{STATUS_WORDS[status].lower()}"' for status in SITE_STATUSES)
        hint = ""
        key = "_".join(text.replace(",", " ").replace("-", " ").replace("_", " ").split()).upper()
        if key:
            from rapidfuzz import fuzz, process  # only on this error path

            best = process.extractOne(key, list(STATUS_WORDS), scorer=fuzz.ratio, score_cutoff=70)
            if best:
                from sitefinder.wording import said

                hint = said("usage.status_meant", status=STATUS_WORDS[best[0]].lower())
        raise UsageError(key="usage.unknown_status", query=quoted(text), hint=hint, accepted=accepted)
    return status


def effective_status(site_status: str | None, trial_status: str | None) -> tuple[str | None, str | None]:
    """The status to show and where it comes from: the site's own, else the trial's overall one."""
    if site_status:
        return site_status, "site"
    if trial_status:
        return trial_status, "trial"
    return None, None


def site_statuses_shown_as(status: str | frozenset[str | None], trial_status: str | None) -> tuple[str | None, ...]:
    """The site statuses (None: the registry states none) that `effective_status` shows as `status`
    (or as any status of a set).

    Derived from `effective_status` itself, so that a SQL filter on the stored site status keeps
    to the same rule as the in-memory filter.
    """
    return tuple(value for value in (*STATUS_WORDS, None)
                 if status_matches(effective_status(value, trial_status)[0], status))


def status_words(status: str | None, source: str | None) -> str:
    """"Recruiting", or "Not yet recruiting (trial)" when only the trial's status is known."""
    if status is None:
        return "Unknown"
    words = STATUS_WORDS.get(status, status.replace("_", " ").capitalize())
    return f"{words} (trial)" if source == "trial" else words


def status_word(status: str | None, lang: str | None = "en") -> str:
    """One status in words: "Recruiting", "正在招募"; "Unknown" / "状态不明" when none is known."""
    key = status or "UNKNOWN"
    if lang == "zh":
        from sitefinder.wording import STATUS_WORDS_ZH

        if key in STATUS_WORDS_ZH:
            return STATUS_WORDS_ZH[key]
    return STATUS_WORDS.get(key, key.replace("_", " ").capitalize())


def shown_status(text: str) -> str | None:
    """The enum value of a status as sitefinder shows it, in either language: "尚未开始招募",
    "进行中，不再招募", "Not yet recruiting (trial)", "正在招募（试验）" (the trial's status shown for a
    site): what a person copies from a table into --status. The words are the catalogue's own
    (status_word and "status.trial_suffix"), so a label added there is read here too."""
    from sitefinder.text import fold
    from sitefinder.wording import say

    written = fold(text)
    for lang in ("en", "zh"):
        trial = fold(say("status.trial_suffix", lang, status=""))  # "(trial)", "（试验）"
        if written.endswith(trial) and len(written) > len(trial):
            written = written[: -len(trial)]
    for status in STATUS_WORDS:
        if written in (fold(status_word(status, "zh")), fold(status_word(status, "en"))):
            return status
    return None


def trial_status_note(trial_status: str | None, lang: str | None = "en") -> str:
    """What "(trial)" beside a status means, by what the trial's own status lets a patient do: only
    a trial not yet recruiting invites "ask the site whether it has opened"."""
    from sitefinder.wording import say

    return say(f"note.trial_status.{status_class(trial_status)}", lang)
