"""The trials of a dataset: trials.json beside a sites file, one object per study.

A dataset of many trials (an import of the registry's export, a search page, a bulk download) keeps
each study's own facts, data date and contacts. They are stored as JSON, one object per study in
the shape of trial.json, rather than in SQLite: one reader (`trial.trial_from_dict`) serves both
files, the file is published by the same atomic version switch as the sites (datasets.py), and it
stays readable and diffable by hand. What JSON costs at scale (1,000 studies are about 9 MB, 0.15 s
to parse) is paid once per file change: a large dataset is read through its cached SQLite index
(sitestore.py), which holds each trial's row and its condition terms, indexed.

A single-trial file written by an earlier version has only trial.json: its sites carry no
`nct_id`, and their trial is the one in trial.json.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sitefinder.errors import DataFileError, TrialNotFound, UsageError
from sitefinder.models import Site, Trial
from sitefinder.text import fold, has_cjk, quoted

TRIALS_FILE = "trials.json"
MAX_TRIALS_BYTES = 256 * 1024 * 1024  # 1,000 studies take about 9 MB; eligibility texts are the bulk
MAX_TRIALS = 100_000
NCT_ID = re.compile(r"^NCT\d{8}$")
MAX_IDS_SAID = 10  # the trials a message names; an import command of more is cut with "…"


def trials_path_for(sites_path: Path) -> Path:
    return sites_path.with_name(TRIALS_FILE)


def trials_beside(sites_path: Path, shown: Path | None = None,
                  named: Iterable[str] | None = ()) -> tuple[Trial, tuple[Trial, ...]]:
    """The trial facts beside a sites file: (its one trial, or an empty Trial for a dataset of
    several; every trial). trials.json when there is one, else trial.json (an older single-trial file).

    `shown`: as for trial.read_trial_beside, the dataset's DIR/sites.csv when `sites_path` is the
    file of its version in use (every file is read from that one version). `named`: the trials the
    sites name. A dataset whose sites name more trials than its trials.json describes (an entry
    edited out) is one of several, not one missing its trial.json: every command, `update` among
    them, still reads it. None: the sites are not read yet (an index being built), and the check
    of the dataset's facts files is left to the caller (one_trial, once every trial is known)."""
    from sitefinder.trial import read_trial_beside, trial_path_for

    trials = read_trials_beside(sites_path, shown)
    if trials is None:
        if named is None and shown is not None and not trial_path_for(sites_path).exists():
            return Trial(), ()  # one trial missing its trial.json, or several their trials.json: one_trial says which
        several = {nct for nct in named or () if nct}
        if len(several) > 1:
            return one_trial(sites_path, shown, sorted(several), Trial), ()
        trial = read_trial_beside(sites_path, shown)
        return trial, ((trial,) if trial.nct_id else ())
    found = trials
    if named is None:
        return (found[0] if len(found) == 1 else Trial()), found
    ids = sorted({trial.nct_id for trial in found} | {nct for nct in named if nct})
    return one_trial(sites_path, shown, ids, lambda: found[0]), found


def one_trial(sites_path: Path, shown: Path | None, ids: Sequence[str], first: Callable[[], Trial]) -> Trial:
    """The trial of a file of the trials `ids`: an empty Trial for several; for one, its trial.json,
    which every dataset of one trial has (beside trials.json, when it has one), so that a dataset
    missing it says so; a plain file with only trials.json: `first()`, the one trials.json describes.
    A dataset of several missing its trials.json says that, and the import that makes it again (not
    "trial.json is missing", which it never had, nor `update`, which reads the same files)."""
    from sitefinder.trial import read_trial_beside, trial_path_for

    if len(ids) > 1:
        if shown is not None and not trials_path_for(sites_path).exists():
            from sitefinder.wording import command

            again = command("import", "--online", "--out", str(shown.parent), *ids[:MAX_IDS_SAID])
            raise DataFileError(trials_path_for(shown), key="data.trials_missing", count=len(ids),
                                command=again + (" …" if len(ids) > MAX_IDS_SAID else ""))
        return Trial()
    if len(ids) == 1 and shown is None and not trial_path_for(sites_path).exists():
        return first()
    return read_trial_beside(sites_path, shown)


def read_trials_beside(sites_path: Path, shown: Path | None = None) -> tuple[Trial, ...] | None:
    """The trials of trials.json beside a sites file; None when there is none (an older single-trial
    file). Messages name the file beside `shown`, when given (see trials_beside)."""
    from sitefinder.trial import read_json_file, trial_from_dict

    opened = trials_path_for(sites_path)
    path = trials_path_for(shown) if shown is not None else opened
    try:
        data = read_json_file(opened, path, MAX_TRIALS_BYTES, "data.what.trials")
    except FileNotFoundError:
        return None
    items = data.get("trials") if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise DataFileError(path, key="data.trials_shape")
    if len(items) > MAX_TRIALS:
        raise DataFileError(path, key="data.too_many_trials", count=len(items), most=MAX_TRIALS)
    trials = tuple(trial_from_dict(item, path) for item in items)
    seen: set[str] = set()
    for trial in trials:
        if not NCT_ID.match(trial.nct_id):
            raise DataFileError(path, key="data.bad_nct_id", value=quoted(trial.nct_id))
        if trial.nct_id in seen:
            raise DataFileError(path, key="data.trial_twice", nct_id=trial.nct_id)
        seen.add(trial.nct_id)
    return trials


def trials_json_text(trials: Iterable[Trial], countries: Iterable[str] | None = None) -> str:
    """`countries`: the ISO codes an import kept (--country), so that `update` keeps to them too."""
    from sitefinder.trial import trial_to_dict

    data: dict[str, Any] = {"trials": [trial_to_dict(trial) for trial in trials]}
    if countries is not None:
        data["countries"] = sorted(countries)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def import_countries(sites_path: Path) -> frozenset[str] | None:
    """The countries (ISO codes) the dataset's import kept; None when it kept all. Read from the
    version in use (a dataset's DIR/sites.csv), as its sites are."""
    from sitefinder.paths import read_bounded
    from sitefinder.versions import pinned_version

    try:
        data = json.loads(read_bounded(trials_path_for(pinned_version(sites_path)),
                                       MAX_TRIALS_BYTES).decode("utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        return None
    codes = data.get("countries") if isinstance(data, dict) else None
    if not isinstance(codes, list) or not all(isinstance(code, str) and len(code) == 2 for code in codes):
        return None
    return frozenset(codes)


def trial_id_of(site: Site, default: Trial) -> str:
    """A site of an older single-trial file names no trial: its trial is the one in trial.json."""
    return site.nct_id or default.nct_id


def trial_name(trial: Trial) -> str:
    """A trial's name (JSON and CSV `trial`, a table's cell): its acronym, else its whole brief
    title, never cut here (a table cuts it to its column's width: views.Column.lines)."""
    return trial.acronym or " ".join(trial.brief_title.split())


def words(text: str) -> tuple[str, ...]:
    """Folded words ("Non-Small-Cell" → non, small, cell): case, accents and punctuation ignored."""
    return tuple(word for word in (fold(part) for part in re.split(r"[\W_]+", text)) if word)


# --condition reads a disease as people and registries write it (README, "Conditions"): one rule
# for the registry's terms and the words typed, so that each side is read the same way.
# An abbreviation is its words; "non" stays a word of its own, so that the negation rule of
# term_matches holds for it too (SCLC is "small cell lung cancer", never found in NSCLC's "non
# small cell lung cancer").
_ABBREVIATIONS = {
    "nsclc": "non small cell lung cancer", "sclc": "small cell lung cancer", "crc": "colorectal cancer",
    "hcc": "hepatocellular cancer", "rcc": "renal cell cancer", "tnbc": "triple negative breast cancer",
    "aml": "acute myeloid leukemia", "cml": "chronic myeloid leukemia", "cll": "chronic lymphocytic leukemia",
    "copd": "chronic obstructive pulmonary disease",
}
# Words written joined that are two: "Nonsmall Cell Lung Cancer", "smallcell".
_JOINED = {"nonsmall": "non small", "smallcell": "small cell"}
# One word for one meaning: plurals, British spellings, and the registry's words for cancer
# (carcinoma, and MeSH's neoplasms, its heading for a cancer: "Lung Neoplasms"). A tumour is
# not made a cancer: a tumour may be benign ("Tumor" of the spine among disc diseases).
_SAME_WORD = {
    **dict.fromkeys(("cancers", "carcinoma", "carcinomas", "neoplasm", "neoplasms", "malignancy",
                     "malignancies"), "cancer"),
    **dict.fromkeys(("tumors", "tumour", "tumours"), "tumor"),
    **dict.fromkeys(("leukaemia", "leukaemias", "leukemias"), "leukemia"),
    "lymphomas": "lymphoma", "myelogenous": "myeloid", "oesophageal": "esophageal", "oesophagus": "esophagus",
    "haematologic": "hematologic", "haematological": "hematologic", "hematological": "hematologic",
}


def condition_words(text: str) -> tuple[str, ...]:
    """The folded words of a condition, each read as one meaning (see _ABBREVIATIONS, _JOINED,
    _SAME_WORD): "NSCLCs" → non small cell lung cancer, "Small-cell lung carcinoma" → small cell
    lung cancer."""
    read: list[str] = []
    for word in words(text):
        short = word[:-1] if word.endswith("s") and word[:-1] in _ABBREVIATIONS else word
        spelled = _ABBREVIATIONS.get(short) or _JOINED.get(word) or _SAME_WORD.get(word, word)
        read += spelled.split(" ")
    return tuple(read)


def _in_either_order(text: str) -> tuple[str, ...]:
    """A heading written inverted, as MeSH writes them ("Carcinoma, Non-Small-Cell Lung"), as it is
    and in the order people say it ("Non-Small-Cell Lung Carcinoma")."""
    head, comma, rest = text.partition(",")
    return (text, f"{rest} {head}") if comma and "," not in rest else (text,)


def condition_terms(trial: Trial) -> tuple[str, ...]:
    """What --condition is matched against: conditions, keywords and MeSH terms (those in either
    order), as their condition_words joined by single spaces (so that a word sequence can be found
    in them, in SQL too)."""
    terms = [*trial.conditions, *trial.keywords, *(form for term in trial.mesh_terms for form in _in_either_order(term))]
    return tuple(dict.fromkeys(" ".join(condition_words(term)) for term in terms if words(term)))


def condition_keys(wanted: str) -> tuple[str, ...]:
    """The words typed for --condition as term_matches looks for them, joined by single spaces: as
    typed, and in the other order when typed as a MeSH heading is written; a disease typed in
    Chinese as the registry's English terms for it (肺癌 → lung cancer; 肝癌 → liver cancer or
    hepatocellular cancer: data/conditions_zh.csv)."""
    return tuple(dict.fromkeys(" ".join(condition_words(form)) for english in _in_english(wanted)
                               for form in _in_either_order(english) if condition_words(form)))


# A disease written in Chinese is read by its longest known names, left to right; its readings are
# every combination of their English terms, up to this many (a name has one to three terms).
MAX_CHINESE_READINGS = 16


def _in_english(wanted: str) -> tuple[str, ...]:
    """`wanted` with each Chinese disease name in it as its English terms (its readings); as typed
    when it has no Chinese characters. A Chinese word not in the table stays as typed (and matches
    no English term: the answer says the registry's terms are English)."""
    if not has_cjk(wanted):
        return (wanted,)
    from sitefinder.output.simplified import simplified

    names = _chinese_conditions()
    text, readings, start = simplified(wanted), [""], 0
    longest = max(map(len, names), default=0)
    while start < len(text):
        end = next((end for end in range(min(len(text), start + longest), start, -1) if text[start:end] in names),
                   None)
        terms = names[text[start:end]] if end is not None else (text[start],)
        readings = [f"{reading} {term}" if end is not None else reading + term
                    for reading in readings for term in terms][:MAX_CHINESE_READINGS]
        start = end if end is not None else start + 1
    return tuple(" ".join(reading.split()) for reading in readings)


@functools.lru_cache(maxsize=1)
def _chinese_conditions() -> dict[str, tuple[str, ...]]:
    """data/conditions_zh.csv: a Chinese disease name → its English terms; read when one is typed."""
    import csv

    from sitefinder.paths import data_dir

    with (data_dir() / "conditions_zh.csv").open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(line for line in handle if not line.startswith("#"))
        next(rows, None)  # its header
        return {row[0]: tuple(row[1].split("|")) for row in rows if len(row) == 2 and row[0] and row[1]}


def term_matches(term: str, wanted: str) -> bool:
    """Whether a term (of condition_terms) holds the words typed, in order, as whole words, and not
    negated: "small cell lung" is in "small cell lung carcinoma" but not in "non small cell lung
    cancer" (non-small-cell lung cancer is another disease, as non-Hodgkin lymphoma is not
    Hodgkin's), nor is SCLC in NSCLC."""
    have = term.split(" ")
    for typed in condition_keys(wanted):
        key = typed.split(" ")
        for start in range(len(have) - len(key) + 1):
            if have[start:start + len(key)] == key and (start == 0 or have[start - 1] != "non"):
                return True
    return False


def matches_condition(trial: Trial, wanted: str) -> bool:
    """`--condition lung`: a term of the trial holds the words typed (term_matches), in any case."""
    return any(term_matches(term, wanted) for term in condition_terms(trial))


def parse_trial_options(values: Iterable[str], known: Sequence[str] = ()) -> frozenset[str]:
    """--trial values as NCT ids (any case); a bad one is a usage error whose example is the
    dataset's own id closest to it (`known`: NCT0584364 → NCT05843643), not the shipped trial's."""
    ids = set()
    for value in values:
        # "-t NCT1,NCT2" or "-t 'NCT1 NCT2'" as a script pastes a list: each id as a -t of its own;
        # a bad one is named alone (the list whole is no id, and its closest id drops the rest)
        for typed in [part for part in re.split(r"[\s,;]+", value) if part] or [value]:
            nct = typed.upper()
            if not NCT_ID.match(nct):
                raise UsageError(key="usage.trial_id", value=quoted(typed), example=_closest_id(nct, known))
            ids.add(nct)
    return frozenset(ids)


def _closest_id(typed: str, known: Sequence[str]) -> str:
    from difflib import get_close_matches

    return next(iter(get_close_matches(typed, list(known), n=1, cutoff=0.6)), known[0] if known else "NCT07010263")


def check_condition(text: str | None) -> str | None:
    if text is None:
        return None
    if not words(text):
        raise UsageError(key="usage.condition_empty")
    return text


def chosen_trials(trials: Mapping[str, Trial], nct_ids: frozenset[str], condition: str | None,
                  sites_path: Path | None = None) -> frozenset[str] | None:
    """The NCT ids --trial and --condition leave; None when neither narrows. An id the dataset lacks
    is an error, whose hint lists the dataset's trials (`info`, with the --sites that chose it)."""
    if not nct_ids and condition is None:
        return None
    missing = sorted(nct for nct in nct_ids if nct not in trials)
    if missing:
        import os
        from difflib import get_close_matches

        from sitefinder.wording import command, data_options, said

        close = get_close_matches(missing[0], list(trials), n=3, cutoff=0.8)  # a digit off: named first
        named = [*close, *(nct for nct in trials if nct not in close)]
        known = ", ".join(named[:5]) + (" …" if len(named) > 5 else "")
        # a well-formed id the data lack is no result (exit 1, as `show 999`); a malformed one was usage
        raise TrialNotFound(key="error.no_trial", nct_id=missing[0], known=known or said("notice.none"),
                         command=command("info", options=data_options(sites_path, os.environ.get("SITEFINDER_SITES"))))
    chosen = set(nct_ids or trials)
    if condition is not None:
        chosen = {nct for nct in chosen if matches_condition(trials[nct], condition)}
    return frozenset(chosen)


def trial_record_short(trial: Trial) -> dict[str, Any]:
    """The trial a site belongs to, as JSON carries it beside the site."""
    return {"nct_id": trial.nct_id or None, "label": trial_name(trial) or None}
