"""Recruitment statuses: the registry's enum in data and JSON, words for people."""

from __future__ import annotations

from sitefinder.errors import UsageError
from sitefinder.text import fold, quoted

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


# The order of "most open": what a patient can join now, then what opens later, then what is not
# known, then what is closed (a hospital listed by one trial twice shows its most open listing).
OPENNESS = ("open", "not_yet", "unknown", "closed")


def openness(status: str | None) -> int:
    """A status's place in OPENNESS: 0 for the most open."""
    return OPENNESS.index(status_class(status))


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


# `--status unknown` (状态不明): the sites shown as Unknown, whose status the registry states nowhere
# (None) and those whose trial's status is the registry's UNKNOWN.
UNKNOWN_FILTER: frozenset[str | None] = frozenset(("UNKNOWN", None))
# How alike a mistyped status and a status word must be to be offered (rapidfuzz's ratio, 0-100):
# "recuiting" 95, "尚未开始招幕" 83; "bogus" and "open" are offered nothing.
STATUS_MEANT_SCORE = 70  # for Chinese, text.close_score's: 招幕中 for 招募中 scores 67, 已开始 (已完成 33) nothing


def parse_status_option(text: str, forms: tuple[str, ...] = ()) -> str | frozenset[str | None]:
    """`--status` value to the filter it means: an enum ("active, not recruiting", "Not_Yet_Recruiting",
    "COMPLETED"), or for "unknown" every status shown as Unknown; the words sitefinder shows in
    either language, with or without "(trial)" (尚未开始招募, "正在招募（试验）"), and other wordings
    of them (招募中). `forms`: the text in Simplified characters, when it has Traditional ones
    (尚未開始招募), read as it is.

    Else a usage error that offers the closest word, in the script typed (尚未开始招幕: 尚未开始招募),
    and lists every accepted status, in the error's language."""
    for form in (text, *forms):
        status = shown_status(form) or normalize_status(form)
        if status is not None:
            return UNKNOWN_FILTER if status == "UNKNOWN" else status
    from sitefinder.wording import STATUS_WORDS_ZH, said

    hint = ""
    meant = closest_status_word([fold(form) for form in (text, *forms)])
    if meant:
        hint = said("usage.status_meant", status=meant)
    accepted = said("name.either", en=", ".join(f'"{word.lower()}"' for word in STATUS_WORDS.values()),
                    zh="、".join(f"“{word}”" for word in STATUS_WORDS_ZH.values()))
    raise UsageError(key="usage.unknown_status", query=quoted(text), hint=hint, accepted=accepted)


def status_vocabulary() -> dict[str, str]:
    """Every word --status reads, folded, to its status: the registry's enums as words, the words
    shown in English and Chinese, and the other Chinese wordings (wording.STATUS_ALIASES_ZH)."""
    from sitefinder.wording import STATUS_ALIASES_ZH, STATUS_WORDS_ZH

    words = {fold(word): status for status, word in STATUS_WORDS.items()}
    words.update((fold(word), status) for status, word in STATUS_WORDS_ZH.items())
    words.update((fold(word), status) for word, status in STATUS_ALIASES_ZH.items())
    return words


def closest_status_word(typed: list[str]) -> str:
    """The status word most like one of the folded texts, as people write it ("not yet recruiting",
    "尚未开始招募"); "" when none is close. Only words of the script typed are offered."""
    from rapidfuzz import fuzz, process  # only on this error path

    from sitefinder.text import close_score, has_cjk
    from sitefinder.wording import STATUS_ALIASES_ZH, STATUS_WORDS_ZH

    shown = {fold(word): word.lower() for word in STATUS_WORDS.values()}
    shown.update((fold(word), word) for word in (*STATUS_WORDS_ZH.values(), *STATUS_ALIASES_ZH))
    best: tuple[str, float] = ("", 0.0)
    for text in typed:
        if not text:
            continue
        choices = [key for key in shown if has_cjk(key) == has_cjk(text)]
        found = process.extractOne(text, choices, scorer=fuzz.ratio,
                                   score_cutoff=close_score(text, STATUS_MEANT_SCORE))
        if found and found[1] > best[1]:
            best = (shown[found[0]], found[1])
    return best[0]


# A trial's overall statuses that end what any of its sites says of enrolling: closed, or UNKNOWN
# (the registry's word for a study past its completion date and not verified for two years). Its
# site's RECRUITING is then the record left behind, not an open door.
ENDS_ENROLMENT = CLOSED_STATUSES | {"UNKNOWN"}


def effective_status(site_status: str | None, trial_status: str | None) -> tuple[str | None, str | None]:
    """The status to show and where it comes from: the site's own, else the trial's overall one.
    A site's own status is the more precise while its trial may still enrol; a site that says it
    enrols in a trial that as a whole no longer does (ENDS_ENROLMENT) shows the trial's status."""
    if site_status and not (trial_status in ENDS_ENROLMENT and status_class(site_status) in ("open", "not_yet")):
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
    site): what a person copies from a table into --status; and the other Chinese wordings of a
    status (招募中). The words are the catalogue's own (status_vocabulary and "status.trial_suffix"),
    so a label added there is read here too."""
    from sitefinder.wording import say

    written = fold(text)
    for lang in ("en", "zh"):
        trial = fold(say("status.trial_suffix", lang, status=""))  # "(trial)", "（试验）"
        if written.endswith(trial) and len(written) > len(trial):
            written = written[: -len(trial)]
    return status_vocabulary().get(written) if written else None


def trial_status_note(trial_status: str | None, lang: str | None = "en", site_status: str | None = None) -> str:
    """What "(trial)" beside a status means, by what the trial's own status lets a patient do: only
    a trial not yet recruiting invites "ask the site whether it has opened". A site that has a status
    of its own, set aside because its trial no longer enrols (effective_status), is said to have it:
    "the registry gives no status for the site" would be untrue."""
    from sitefinder.wording import say

    if site_status:
        return say(f"note.trial_status.set_aside.{status_class(trial_status)}", lang,
                   site_status=status_word(site_status, lang), trial_status=status_word(trial_status, lang))
    return say(f"note.trial_status.{status_class(trial_status)}", lang)
