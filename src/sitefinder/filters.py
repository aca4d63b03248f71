"""The filter options people type (--city, --province, --country, --status, --condition, --trial):
the rules that hold for every one of them, in one place.

- A filter given empty (`--city ""`, `--status "  "`) is a usage error, the same one for every
  filter: it was once ignored for some (the answer was then every site, as if no filter had been
  asked for) and an error for others.
- A filter word in Chinese makes the answer Chinese, as a Chinese place does (`list --status
  正在招募` answers in Chinese): the language of an answer is read from everything typed to choose it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sitefinder.errors import UsageError

# The example each filter's error gives: a value it takes.
EXAMPLES = {"--city": "济南", "--province": "Shandong", "--country": "China", "--status": "recruiting",
            "--condition": "'small cell lung'", "--trial": "NCT07010263"}


def check_given(**filters: str | Iterable[str] | None) -> None:
    """A usage error for the first filter given but empty; `filters` by option name without its
    dashes (`city="..."`, `trials=[...]` for the repeatable --trial), None when not given."""
    for name, value in filters.items():
        values = [value] if value is None or isinstance(value, str) else list(value)
        if any(item is not None and not item.strip() for item in values):
            option = "--trial" if name == "trials" else f"--{name}"
            raise UsageError(key="usage.empty_filter", option=option, example=EXAMPLES[option])


def typed_words(*typed: str | Iterable[str] | None) -> str:
    """Everything typed to choose an answer, as one text whose script says the answer's language
    (wording.wants_chinese): the place and every filter word."""
    parts: list[str] = []
    for value in typed:
        if isinstance(value, str):
            parts.append(value)
        elif value is not None:
            parts.extend(value)
    return " ".join(parts)


def typed_options(**filters: str | float | bool | Iterable[str] | None) -> tuple[str, ...]:
    """The filters of a command line as words to repeat in a command a notice suggests
    (`near Guangzhou --country Germany --all`: with --all alone it showed other sites), by option
    name without its dashes (`trial=[...]` for the repeatable --trial, `all=True` for a flag);
    None or False: not given."""
    words: list[str] = []
    for name, value in filters.items():
        if value is None or value is False:
            continue
        if value is True:
            words.append(f"--{name}")
            continue
        values = [value] if isinstance(value, (str, int, float)) else list(value)
        for one in values:
            words += [f"--{name}", f"{one:g}" if isinstance(one, float) else str(one)]
    return tuple(words)
