"""The output: `emit(answer, format)` is the one place that chooses between table, JSON and CSV.

Every command parses its options, asks `choose_format` which format (a bad combination is a usage
error before any work), makes one core call that returns an answer record (answers.py) and
hands it to `emit`. Under it, one module per concern:

- `schema`: the public JSON objects and CSV columns, from one field list, with one null policy;
- `views`: people's words (titles, declared columns, footers, notices) as data;
- `terminal`: Rich, and only there (the one Console, cells, tables, widths);
- `streams`: JSON, CSV and notices with the standard library only; which characters people read (`for_people`);
- `traditional`: people's words in Traditional characters, under a Traditional locale only;
- `mapfiles`: the map's canvas and its SVG and HTML files.

Nothing under `output` imports the modules that compute answers (queries, importer, update).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from pathlib import Path

from sitefinder.answers import Answer, MapResult
from sitefinder.errors import UsageError
from sitefinder.exits import ExitCode


class Format(str, enum.Enum):
    table = "table"
    json = "json"
    csv = "csv"

    @property
    def streamed(self) -> bool:
        """Whether an answer in this format is written as it is read (a listing of a large file's
        index is then never held whole): JSON and CSV are; a table measures every row first."""
        return self is not Format.table

    @property
    def for_scripts(self) -> bool:
        """Whether the answer is data for a script (JSON, CSV): then its keys, columns and values are
        the same in every language, the Chinese names included (README, Output contract)."""
        return self is not Format.table


# The formats a command can answer in, where it is not every one.
MAP_FORMATS = (Format.table, Format.json)


def choose_format(requested: Format, as_json: bool, command: str = "", out: Path | None = None,
                  bom: bool = False) -> Format:
    """The format a command line asks for, or a usage error when its options disagree (before any work)."""
    if as_json and requested not in (Format.table, Format.json):
        raise UsageError(key="usage.json_and_format", format=requested.value)
    chosen = Format.json if as_json else requested
    if bom and chosen is not Format.csv:
        raise UsageError(key="usage.bom")
    if command == "map":
        if chosen not in MAP_FORMATS:
            raise UsageError(key="usage.map_csv")
        if out is not None:
            from sitefinder.output.mapfiles import check_map_file

            if chosen is not Format.table:
                raise UsageError(key="usage.map_out_and_format", name=out, format=chosen.value)  # the path as typed
            check_map_file(out)
    return chosen


def written_as(fmt: Format, bom: bool = False, out: Path | None = None, view: str = "") -> tuple[str, ...]:
    """The options that ask for an answer written so: the format (--json, --format csv), --bom,
    and map's --out and --view, each only when not the default (--lang goes with every command
    suggested, as --sites does: the options `emit` is given). A command that a
    notice suggests of the same command repeats them after the filters the core repeats (the
    answer's `asked`), so that typed back it answers as this one did: `map X --out m.html --all`
    suggested `map X --limit 13`, drawn in the terminal."""
    words: list[str] = []
    if fmt is Format.json:
        words.append("--json")
    elif fmt is not Format.table:
        words += ["--format", fmt.value]
    if bom:
        words.append("--bom")
    if out is not None:
        words += ["--out", str(out)]
    if view and view != "fit":
        words += ["--view", view]
    return tuple(words)


def map_aspect(fmt: Format, out: Path | None) -> float:
    """The shape (width over height) of the map to compute: a file's page; for JSON, a terminal of
    Rich's default 80 columns, whatever the terminal (the same view at every width, and no Rich);
    else the terminal's."""
    from sitefinder.output.mapfiles import JSON_MAP_COLUMNS, MAP_FILE_ASPECT, terminal_canvas

    if out is not None:
        return MAP_FILE_ASPECT
    if fmt is not Format.table:
        return terminal_canvas(JSON_MAP_COLUMNS)[2]
    from sitefinder.output.terminal import width

    return terminal_canvas(width())[2]


def _listed(answer: Answer) -> tuple[bool, int | None]:
    """Whether an answer is a listing of sites or hospitals (with none in it, nothing was found:
    exit 1), and how many it holds (None when not counted before it is written: a streamed one,
    counted as it is written)."""
    from sitefinder.answers import HospitalAnswer, NearResult, RegionAnswer, SiteList

    if isinstance(answer, HospitalAnswer):
        return True, len(answer.hospitals)
    if isinstance(answer, MapResult):
        return True, len(answer.near.sites)
    if isinstance(answer, (NearResult, RegionAnswer, SiteList)):
        return True, len(answer.sites) if isinstance(answer.sites, list) else None
    return False, None


def emit(answer: Answer, fmt: Format, options: str = "", bom: bool = False, again: tuple[str, ...] = ()) -> ExitCode:
    """Say an answer: its notices on stderr, then the answer on stdout (or in its map file); return
    the run's exit code: FAILURE for a listing with nothing in it (after saying why: a script
    tells "nothing found" from an answer by the code, as with grep) and for an update that
    refreshed no trial, else OK.
    `options`: the options that chose the data (`--sites PATH`), for the commands a hint suggests;
    `again`: those that say how the answer is written (`--json`, `--lang zh`, map's `--out`), for
    the commands a notice suggests of the same command (views.notices)."""
    from sitefinder.output import streams, views

    read = views.as_read(answer)  # what people read: in the language asked; JSON and CSV: `answer`, whole
    messages = views.notices(read, options, again)
    for message in messages:
        streams.notice(message)
    listing, written = _listed(answer)
    if isinstance(read, MapResult) and read.out is not None and read.near.sites:  # no file of no site
        from sitefinder.output.mapfiles import write_map_file

        write_map_file(read, read.out, options)
        streams.notice(views.map_written(read))
    elif fmt is Format.json:
        from sitefinder.output.schema import json_object, streamed_json

        streamed = streamed_json(answer, messages)
        if streamed is not None:  # item by item: the same bytes as one dump
            written = streams.write_json_streamed(*streamed)
        else:
            streams.write_json(json_object(answer, messages))
    elif fmt is Format.csv:
        from sitefinder.output.schema import csv_table

        rows = streams.write_csv(*csv_table(answer), bom=bom)
        if written is None:
            written = rows
    else:
        canvas = (0, 0)
        if isinstance(read, MapResult):
            from sitefinder.output.mapfiles import terminal_canvas
            from sitefinder.output.terminal import width

            canvas = terminal_canvas(width())[:2]
        shown = views.view(read, canvas, options)
        if isinstance(shown, views.Message):
            streams.notice(shown.text)
        elif shown is not None:
            from sitefinder.output.terminal import draw

            draw(shown)
    return ExitCode.FAILURE if listing and written == 0 or _refreshed_nothing(answer) else ExitCode.OK


def _refreshed_nothing(answer: Answer) -> bool:
    """An update of a dataset that the registry answered without any of its trials: nothing was
    refreshed, and a script must not read that as success (the notices name the trials)."""
    from sitefinder.answers import DatasetUpdate

    return isinstance(answer, DatasetUpdate) and answer.refreshed == 0


_last_progress = [0.0]


def progress_notice(done: int, total: int | None, lang: str | None = None) -> None:
    """A long import's progress on stderr, at most once a second, in `lang` (the locale's), and
    only to a person watching a terminal (as streams.progress): a log or a pipe keeps every line,
    and kept a count that was never the end ("Studies imported: 29…" of 190). The last call
    (`done == total`) is always said, so the last line a terminal shows is the true count."""
    import time

    from sitefinder.output import streams, views

    if not streams.stderr_is_terminal():
        return
    now = time.monotonic()
    if now - _last_progress[0] < 1.0 and done != total:
        return
    _last_progress[0] = now
    streams.notice(views.progress_line(done, total, lang))


def wait_notice(lang: str | None = None) -> Callable[[str], None]:
    """What a writer waiting for another's lock says (datasets.waits_told): one line on stderr at
    once, in `lang`, to a terminal or a log alike (a script's log shows why the run took a minute)."""
    from sitefinder.output import streams
    from sitefinder.wording import spoken

    return lambda message: streams.notice(spoken(message, lang))
