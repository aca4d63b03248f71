"""The command line: thin commands that parse options, call the core and hand results to render.

Errors are caught once, in `SitefinderGroup.main`: one line on stderr, exit 1 for a failure and
2 for a usage error, and a traceback only with --debug.
"""

# Deliberately no `from __future__ import annotations`: Typer reads every command's annotations on
# every run, and as strings they cost it 148 eval() calls, about 3 ms of each start-up.
import enum
import os
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperCommand, TyperGroup

from sitefinder import __version__
from sitefinder.errors import EXIT_FAILURE, EXIT_USAGE, SitefinderError, UsageError

try:  # Typer 0.26 and later carry their own copy of Click
    from typer._click.exceptions import ClickException, NoArgsIsHelpError
except ImportError:  # older Typer, on the Click that is installed
    from click.exceptions import ClickException

    try:
        from click.exceptions import NoArgsIsHelpError
    except ImportError:  # Click before 8.2 prints the help and exits 0 by itself

        class NoArgsIsHelpError(ClickException):  # type: ignore[no-redef]
            """Never raised by this Click."""

ATTRIBUTION = ("Place data: GeoNames (https://www.geonames.org/), CC BY 4.0. "
               "Trial data: ClinicalTrials.gov, a service of the U.S. National Library of Medicine.")
EXIT_INTERRUPTED = 130


def _flag_help_option(option: Any) -> Any:
    """-h/--help takes no value, so its help shows none (Typer would print <bool>)."""
    if option is not None:
        option.metavar = ""
    return option


class SitefinderCommand(TyperCommand):
    def get_help_option(self, ctx: Any) -> Any:
        return _flag_help_option(super().get_help_option(ctx))


class SitefinderGroup(TyperGroup):
    """Typer's group, with sitefinder's error contract around every command."""

    def get_help_option(self, ctx: Any) -> Any:
        return _flag_help_option(super().get_help_option(ctx))

    def main(self, args: Any = None, prog_name: Any = None, complete_var: Any = None,
             standalone_mode: bool = True, windows_expand_args: bool = True, **extra: Any) -> Any:
        arguments, debug = _take_debug_flag(list(sys.argv[1:] if args is None else args))
        arguments = [_not_an_option(word) for word in arguments]
        debug = debug or os.environ.get("SITEFINDER_DEBUG") == "1"
        if sys.stdout is None:  # started with stdout closed (`>&-`): there is nowhere for the answer to go
            sys.exit(_fail("standard output is closed; nothing can be written (redirect it, e.g. > file)",
                           EXIT_FAILURE, debug=False))
        _escape_what_stdout_cannot_encode()
        previous_handlers = _terminate_on_signals()
        try:
            code = super().main(arguments, prog_name or "sitefinder", complete_var, standalone_mode=False,
                                windows_expand_args=windows_expand_args, **extra)
        except SitefinderError as exc:
            code = _fail(str(exc), exc.exit_code, debug)
        except NoArgsIsHelpError as exc:  # bare `sitefinder`: the help (Rich prints it itself), not an error
            if exc.format_message():
                print(exc.format_message())
            code = 0
        except ClickException as exc:  # bad option, missing argument, unknown command
            command = f" {exc.ctx.info_name}" if getattr(exc, "ctx", None) and exc.ctx.parent else ""
            code = _fail(f"{exc.format_message()} (see: sitefinder{command} --help)", EXIT_USAGE, debug=False)
        except (KeyboardInterrupt, typer.Abort):
            code = _fail("interrupted", EXIT_INTERRUPTED, debug=False)
        except Terminated as exc:  # SIGTERM, SIGHUP: clean-ups (temporary files) have run on the way here
            code = _fail(f"terminated by signal {exc.signal_number}", 128 + exc.signal_number, debug=False)
        except BrokenPipeError:
            code = _quiet_broken_pipe()
        except Exception as exc:  # a bug: still one line, unless the user asks for the trace
            code = _fail(f"internal error: {type(exc).__name__}: {str(exc)[:200]} (run with --debug for details)",
                         EXIT_FAILURE, debug)
        finally:
            _restore_signals(previous_handlers)
        try:
            if sys.stdout is not None:
                sys.stdout.flush()
        except BrokenPipeError:
            code = _quiet_broken_pipe()
        sys.exit(code if isinstance(code, int) else 0)


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind (running every `finally`), then exit 128 + the signal."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.signal_number = signal_number


def _terminate_on_signals() -> dict[int, Any]:
    """Turn SIGTERM and SIGHUP into an exception, so that an interrupted write removes its temporary
    files instead of dying mid-way (Python's default for them is to stop without unwinding)."""
    import signal

    def handler(signal_number: int, frame: Any) -> None:
        raise Terminated(signal_number)

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            previous[number] = signal.signal(number, handler)
        except ValueError:  # not the main thread (an embedding program): leave signals alone
            pass
    return previous


def _restore_signals(previous: dict[int, Any]) -> None:
    import signal

    for number, handler in previous.items():
        signal.signal(number, handler)


def _not_an_option(word: str) -> str:
    """`near -33.87,151.21`: a word that starts with a minus and a digit is a negative number or a
    coordinate, never an option (sitefinder has no option like -3). Click would take it for one; a
    leading space keeps it an argument, and parsing ignores the space."""
    return " " + word if len(word) > 1 and word[0] == "-" and (word[1].isdigit() or word[1] == ".") else word


def _take_debug_flag(arguments: list[str]) -> tuple[list[str], bool]:
    """--debug anywhere among the options (`sitefinder near X --debug` too), but not after `--`,
    where every word is an argument (`sitefinder show -- --debug` looks for a site called --debug)."""
    end = arguments.index("--") if "--" in arguments else len(arguments)
    kept = [word for word in arguments[:end] if word != "--debug"] + arguments[end:]
    return kept, len(kept) != len(arguments)


def _escape_what_stdout_cannot_encode() -> None:
    """On a stdout that is not UTF-8 (`sitefinder near 北京 > out.txt` on a Windows code page, or
    PYTHONIOENCODING=ascii), show a character it cannot hold as `\\u5317` rather than fail."""
    from sitefinder.text import is_utf8

    for stream in (sys.stdout, sys.stderr):
        if not is_utf8(getattr(stream, "encoding", None)) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _fail(message: str, code: int, debug: bool) -> int:
    if debug:
        import traceback

        traceback.print_exc()
    from sitefinder.render import notice

    notice(f"Error: {message}")
    return code


def _quiet_broken_pipe() -> int:
    """The reader went away (`sitefinder list | head -1`): stop quietly, exit 1 as Click does.

    stdout is pointed at /dev/null so that the interpreter's last flush cannot print a traceback.
    """
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (tests capture stdout in memory)
        pass
    return EXIT_FAILURE


APP_SETTINGS: dict[str, Any] = dict(
    cls=SitefinderGroup,
    name="sitefinder",
    help="Find the sites of a clinical trial nearest to you, whether they are open, and who runs them.\n\n"
         "Offline by default: what you type never leaves this machine unless you add --online.",
    # One paragraph per example: every Typer version keeps paragraphs apart (some ignore \b).
    epilog="Examples:\n\n" + "\n\n".join(f"  {example}" for example in (
        "sitefinder near Guangzhou", "sitefinder near 台州 --json", "sitefinder list --province Shandong",
        "sitefinder show Qingdao", "sitefinder info", "sitefinder update")),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app = typer.Typer(**APP_SETTINGS)


class OutputFormat(str, enum.Enum):
    table = "table"
    json = "json"
    csv = "csv"


SitesOption = Annotated[Optional[Path], typer.Option(
    "--sites", envvar="SITEFINDER_SITES", metavar="PATH", show_default=False,
    help="Sites CSV to read (same columns as the shipped data/sites.csv); trial.json beside it is read too.")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", case_sensitive=False,
                                                    help="Output format (any case: JSON works).")]
# metavar "": a flag takes no value, so its help shows none (Typer would print <bool>).
JsonOption = Annotated[bool, typer.Option("--json", metavar="", help="Shorthand for --format json.")]


class MapView(str, enum.Enum):
    fit = "fit"
    country = "country"
    world = "world"


class Language(str, enum.Enum):
    en = "en"
    zh = "zh"


LangOption = Annotated[Optional[Language], typer.Option(
    "--lang", case_sensitive=False, show_default=False,
    help="zh: also show places in Chinese characters (the default when you type Chinese).")]


def _complete_province(incomplete: str) -> list[str]:
    """Shell completion for --province: the provinces whose English or Chinese name starts so."""
    from sitefinder.regions import PROVINCES

    typed = incomplete.casefold()
    return [name for province in PROVINCES for name in (province.name, province.chinese)
            if name.casefold().startswith(typed)]


def _complete_status(incomplete: str) -> list[str]:
    """Shell completion for --status: the registry's statuses, lower case, words joined by _ (no quoting)."""
    from sitefinder.status import SITE_STATUSES

    typed = incomplete.casefold()
    return [status.lower() for status in SITE_STATUSES if status.lower().startswith(typed)]


ProvinceOption = Annotated[Optional[str], typer.Option(
    "--province", "-p", autocompletion=_complete_province, metavar="NAME",
    help="Only sites in this province: Shandong, shandong province, 山东, 山东省.")]
StatusOption = Annotated[Optional[str], typer.Option(
    "--status", "-s", autocompletion=_complete_status, metavar="STATUS",
    help="Only sites with this status, e.g. recruiting, 'not yet recruiting'. "
         "A site without its own status has the trial's.")]


TrialOption = Annotated[Optional[list[str]], typer.Option(
    "--trial", "-t", metavar="NCT_ID", show_default=False,
    help="Only this trial's sites (repeat for several), in a dataset of many trials.")]
ConditionOption = Annotated[Optional[str], typer.Option(
    "--condition", metavar="TEXT", show_default=False,
    help="Only trials whose conditions, keywords or MeSH terms contain this (any case): 'small cell lung'.")]


class Grouping(str, enum.Enum):
    site = "site"
    hospital = "hospital"


LimitOption = Annotated[Optional[int], typer.Option(
    "--limit", "-n", metavar="N", show_default=False,
    help="How many sites to show (1 or more); default 5, or every site within --within.")]
WithinOption = Annotated[Optional[float], typer.Option("--within", "-w", metavar="KM",
                                                       help="Only sites within this many km.")]
OnlineOption = Annotated[bool, typer.Option(
    "--online", envvar="SITEFINDER_ONLINE", metavar="",
    help="If the offline gazetteer does not know the place, ask a Nominatim geocoder (sends the place "
         "name over the network).")]


def _format(output: OutputFormat, as_json: bool) -> str:
    if as_json and output not in (OutputFormat.table, OutputFormat.json):
        raise UsageError(f"--json and --format {output.value} disagree; give one of them")
    return "json" if as_json else output.value


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sitefinder {__version__}\n{ATTRIBUTION}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, metavar="",
                                          help="Show the version and data attribution, then exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", metavar="",
                                        help="Show a traceback when something fails (anywhere on the line).")] = False,
) -> None:
    """Find the sites of a clinical trial nearest to you, whether they are open, and who runs them."""


@app.command("list", cls=SitefinderCommand)
def list_sites(
    province: ProvinceOption = None,
    city: Annotated[Optional[str], typer.Option(
        "--city", "-c", metavar="CITY",
        help="Only sites in this city, however written: Jinan, jinan, 济南, or the registry's own spelling.")] = None,
    country: Annotated[Optional[str], typer.Option(
        "--country", metavar="COUNTRY", help="Only sites in this country: China, 中国, United States, USA.")] = None,
    status: StatusOption = None,
    trial: TrialOption = None,
    condition: ConditionOption = None,
    sites: SitesOption = None,
    lang: LangOption = None,
    output: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """List the trial's sites, by province then city.

    Examples:

      sitefinder list --province Shandong

      sitefinder list --province 山东 --json

      sitefinder list --city 济南

      sitefinder list --status "not yet recruiting" --format csv > sites.csv
    """
    from sitefinder import render
    from sitefinder.queries import list_sites as find_sites

    fmt = _format(output, as_json)
    result = find_sites(sites, province=province, city=city, status=status, country=country,
                        lang=lang.value if lang else None, trials=trial or (), condition=condition)
    render.show_site_list(result, fmt)


@app.command(cls=SitefinderCommand)
def near(
    place: Annotated[str, typer.Argument(
        metavar="PLACE", show_default=False,
        help="A city (Guangzhou, 广州, 'Taizhou, Jiangsu', 江苏泰州, London), coordinates LAT,LON "
             "(22.54,114.06 or -33.87,151.21), or a province or country for the sites in it.")],
    limit: LimitOption = None,
    within: WithinOption = None,
    province: ProvinceOption = None,
    status: StatusOption = None,
    trial: TrialOption = None,
    condition: ConditionOption = None,
    by: Annotated[Grouping, typer.Option(
        "--by", case_sensitive=False,
        help="hospital: each hospital once, with its trials, their statuses and whom to call.")] = Grouping.site,
    online: OnlineOption = False,
    sites: SitesOption = None,
    lang: LangOption = None,
    output: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """Show the sites nearest to a place, nearest first (of every trial of the dataset).

    Examples:

      sitefinder near Guangzhou

      sitefinder near 台州 --limit 3

      sitefinder near "Taizhou, Jiangsu" --within 300 --json

      sitefinder near 22.54,114.06 --status recruiting

      sitefinder near Guangzhou --condition "lung cancer" --by hospital --sites lung/sites.csv
    """
    from sitefinder import render
    from sitefinder.queries import near as find_near, near_by_hospital

    fmt = _format(output, as_json)
    ask = near_by_hospital if by is Grouping.hospital else find_near
    result = ask(place, sites, limit=limit, within_km=within, province=province, status=status, online=online,
                 lang=lang.value if lang else None, trials=trial or (), condition=condition)
    (render.show_hospitals if by is Grouping.hospital else render.show_nearest)(result, fmt)  # type: ignore[arg-type]


@app.command("map", cls=SitefinderCommand)
def map_command(
    place: Annotated[str, typer.Argument(
        metavar="PLACE", show_default=False,
        help="A city (Guangzhou, 广州, 'Taizhou, Jiangsu', Boston) or coordinates LAT,LON, as for near.")],
    limit: LimitOption = None,
    within: WithinOption = None,
    province: ProvinceOption = None,
    status: StatusOption = None,
    view: Annotated[MapView, typer.Option(
        "--view", case_sensitive=False,
        help="fit: the place and its sites; country: the place's country; world: the world.")] = MapView.fit,
    trial: TrialOption = None,
    condition: ConditionOption = None,
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", metavar="FILE", show_default=False,
        help="Write the map to FILE.svg or FILE.html (self-contained: nothing loads from elsewhere).")] = None,
    online: OnlineOption = False,
    sites: SitesOption = None,
    lang: LangOption = None,
    output: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """Draw the region around a place and its nearest sites, offline, in the terminal or to a file.

    Examples:

      sitefinder map Guangzhou

      sitefinder map 台州 --limit 8

      sitefinder map Harbin --view country

      sitefinder map Guangzhou --out sites.html
    """
    from sitefinder import render
    from sitefinder.queries import map_near

    fmt = _format(output, as_json)
    columns, rows, aspect = render.map_canvas(out)
    result = map_near(place, sites, limit=limit, within_km=within, province=province, status=status, online=online,
                      lang=lang.value if lang else None, view=view.value, aspect=aspect, with_land=out is not None,
                      trials=trial or (), condition=condition)
    render.show_map(result, fmt, out, columns, rows)


@app.command(cls=SitefinderCommand)
def show(
    site: Annotated[str, typer.Argument(help="A site id (see `sitefinder list`) or part of its facility name.",
                                        show_default=False)],
    sites: SitesOption = None,
    output: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """Show one site: every field, all its contacts with their roles, and the trial's central contact.

    Examples:

      sitefinder show Qingdao

      sitefinder show 23 --json
    """
    from sitefinder import render
    from sitefinder.queries import site_detail

    fmt = _format(output, as_json)
    render.show_site_detail(site_detail(site, sites), fmt)


@app.command(cls=SitefinderCommand)
def info(
    nct_id: Annotated[Optional[str], typer.Argument(
        metavar="[NCT_ID]", show_default=False,
        help="One trial of a dataset of many; without it, the list of its trials.")] = None,
    sites: SitesOption = None,
    output: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """Summarise the trial: what it tests, who may join, its status and whom to call.

    Examples:

      sitefinder info

      sitefinder info --json

      sitefinder info NCT05288205 --sites lung/sites.csv
    """
    from sitefinder import render
    from sitefinder.queries import trial_summary

    fmt = _format(output, as_json)
    render.show_trial(trial_summary(sites, nct_id), fmt)


@app.command("import", cls=SitefinderCommand)
def import_study(
    sources: Annotated[list[str], typer.Argument(
        metavar="SOURCE...", show_default=False,
        help="Study JSON files (API v2 shape), the registry's export (ctg-studies.json), saved API search "
             "pages, folders or zips of NCT*.json files, or NCT ids (with --online); all into one dataset.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory to write sites.csv and trial.json into.",
                                      show_default=False)],
    online: Annotated[bool, typer.Option("--online", metavar="", help="Fetch an NCT id from ClinicalTrials.gov "
                                                          "(SITEFINDER_CTGOV_URL to use a mirror).")] = False,
    strict: Annotated[bool, typer.Option("--strict", metavar="", help="Fail when a site cannot be placed on the map, "
                                                          "instead of keeping it out of distance ranking.")] = False,
    country: Annotated[Optional[str], typer.Option(
        "--country", metavar="COUNTRY", help="Keep only the sites in this country: China, 中国, USA.")] = None,
    output: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """Import ClinicalTrials.gov studies (one, or many into one dataset) as a sites file for every other command.

    Examples:

      sitefinder import study.json --out mytrial

      sitefinder import NCT07010263 --online --out mytrial

      sitefinder import ctg-studies.json --country China --out lung

      sitefinder near Guangzhou --sites mytrial/sites.csv
    """
    from sitefinder import render
    from sitefinder.bulkimport import import_many

    fmt = _format(output, as_json)
    render.show_import(import_many(sources, out, online=online, strict=strict, country=country,
                                   progress=render.progress_notice), fmt)


@app.command(cls=SitefinderCommand)
def update(
    nct_id: Annotated[Optional[str], typer.Argument(
        metavar="[NCT_ID]", show_default=False,
        help="The study to fetch; by default the trial of the data in use (NCT07010263 as shipped).")] = None,
    sites: SitesOption = None,
    output: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """Fetch the current registry record and say what changed: sites, statuses, contacts, the date.

    This asks ClinicalTrials.gov (SITEFINDER_CTGOV_URL to use a mirror) for the study; nothing else
    you type is sent. The data are kept in your user data directory (SITEFINDER_DATA_DIR to move
    it); from then on every command uses them. A failed download changes nothing.

    Examples:

      sitefinder update

      sitefinder update NCT07010263 --json

      sitefinder update NCT04000000 && sitefinder near Boston --sites ~/.local/share/sitefinder/NCT04000000/sites.csv
    """
    from sitefinder import render
    from sitefinder.update import update as fetch_update

    fmt = _format(output, as_json)
    render.show_update(fetch_update(nct_id, sites), fmt)


def run() -> None:
    """Console-script entry point."""
    app_for(sys.argv[1:])()


def app_for(arguments: list[str]) -> typer.Typer:
    """The app, holding only the command that the arguments name when they start with one.

    Typer builds every command's parameters on every run (about 4 ms for the six that a run does
    not use); the answer, help and errors of the one command are the same either way. Anything
    else (no command, an option first, an unknown command that wants "did you mean", shell
    completion) gets the whole app.
    """
    if not arguments or arguments[0].startswith("-") or os.environ.get("_SITEFINDER_COMPLETE"):
        return app
    wanted = [info for info in app.registered_commands
              if (info.name or getattr(info.callback, "__name__", "")) == arguments[0]]
    if len(wanted) != 1:
        return app
    single = typer.Typer(**APP_SETTINGS)
    single.registered_callback = app.registered_callback
    single.registered_commands = wanted
    return single
