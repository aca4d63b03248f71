"""The command line: thin commands that parse options, make one core call and hand its answer to
`output.emit`.

The process around a command (argv words, --debug, signals, closed streams, exit codes) is
`process.py`; errors are caught once there, in `process.guarded`.
"""

# Deliberately no `from __future__ import annotations`: Typer reads every command's annotations on
# every run, and as strings they cost it 148 eval() calls, about 3 ms of each start-up.
import enum
import os
import shutil
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperCommand, TyperGroup

from sitefinder import __version__
from sitefinder.output import Format

def _flag_help_option(option: Any) -> Any:
    """-h/--help takes no value, so its help shows none (Typer would print <bool>)."""
    if option is not None:
        option.metavar = ""
    return option


# Click wraps help by characters; a Chinese character takes two cells. Each such character is
# followed, while Click wraps, by a word joiner (zero cells, no break, one character), so that
# characters and cells agree; the joiners are taken out of the finished text, so a copied
# example is the example.
_CELL_MARK = "\u2060"


def _cells(text: str) -> int:
    """The terminal cells of a text as Click is made to count them here (_cell_counted): without Rich."""
    return len(_cell_counted(text))  # a wide character and its mark: two


def _cell_counted(text: str) -> str:
    if text.isascii():
        return text
    import unicodedata

    return "".join(character + _CELL_MARK if unicodedata.east_asian_width(character) in "WF" else character
                   for character in text)


# A command named inline in prose (`sitefinder list`) is one piece for Click's wrapping: its spaces
# are held by this mark (a space to the eye, no break for textwrap) and given back in the text.
_INLINE_SPACE = "\u00a0"


def _inline_commands_kept(text: str) -> str:
    if "`" not in text:
        return text
    parts = text.split("`")
    return "`".join(part.replace(" ", _INLINE_SPACE) if index % 2 else part for index, part in enumerate(parts))


# An example of a help (a paragraph that starts with "sitefinder ") is what people copy and paste:
# Click would fill it like prose, breaking it anywhere ("--by" / "hospital", a path inside), so
# that the lines pasted run another command. It is one line where it fits, else broken between
# shell words only, each line but the last ending in " \\" (the shell joins them: what is
# pasted is the command written), the lines after the first two cells further in; an option
# keeps its value on its line where they fit together, and a word wider than the line stays
# whole on a line of its own (the terminal folds it and copies it as one line). Click is
# given the lines as a paragraph it keeps as it is (\b).
_EXAMPLE = "sitefinder "
_CONTINUED = " \\"
_CONTINUATION = "  "


def _shell_words(command: str) -> list[str]:
    """The words of an example as the shell splits them: at spaces outside quotes, quotes kept."""
    words, word, quote = [], "", ""
    for character in command:
        if quote:
            quote = "" if character == quote else quote
        elif character in "\"'":
            quote = character
        elif character == " ":
            if word:
                words.append(word)
            word = ""
            continue
        word += character
    return [*words, word] if word else words


def _example_lines(command: str, width: int) -> list[str]:
    """An example in lines of at most `width` cells (see _EXAMPLE)."""
    if _cells(command) <= width:
        return [command]
    units: list[list[str]] = []  # what stays on one line where it can: an option and its value, > and its file
    for word in _shell_words(command):
        if units and (word in ("&&", "|") or len(units[-1]) == 1 and units[-1][0].startswith(("-", ">"))
                      and not word.startswith("-") and word != ">"):
            units[-1].append(word)
        else:
            units.append([word])
    lines: list[str] = []

    def put(words: list[str], last: bool) -> None:
        end = "" if last else _CONTINUED
        if lines and _cells(f"{lines[-1]} {' '.join(words)}{end}") <= width:
            lines[-1] += " " + " ".join(words)
        elif len(words) > 1 and _cells(_CONTINUATION + " ".join(words) + end) > width:
            for number, word in enumerate(words):  # an option and a value too wide together: apart
                put([word], last and number == len(words) - 1)
        else:
            lines.append((_CONTINUATION if lines else "") + " ".join(words))

    for index, unit in enumerate(units):
        put(unit, index == len(units) - 1)
    return [line + _CONTINUED for line in lines[:-1]] + lines[-1:]


def _examples_kept(text: str, width: int) -> str:
    """`text` (a help or an epilog) with each example paragraph laid out by _example_lines and
    marked for Click to keep as it is; every other paragraph as it was. Paragraphs are read as
    Click reads them (lines apart from an empty one; the first line's indent is the paragraph's)."""
    if _EXAMPLE not in text:
        return text
    paragraphs = text.expandtabs().split("\n\n")
    for number, paragraph in enumerate(paragraphs):
        command = " ".join(paragraph.split())
        if command.startswith(_EXAMPLE) and "\n" not in paragraph.strip("\n"):
            indent = paragraph[:len(paragraph) - len(paragraph.lstrip(" "))]
            paragraphs[number] = "\n".join((indent + "\b", *_example_lines(command, width - len(indent))))
    return "\n\n".join(paragraphs)


_Context: Any = TyperCommand.context_class  # the Click this Typer uses: its own or the click package
_Formatter: Any = _Context.formatter_class


class _CellFormatter(_Formatter):
    """Click's help formatter (of the Click this Typer uses), wrapping in terminal cells, examples
    whole (_EXAMPLE)."""

    def write_text(self, text: str) -> None:
        laid_out = _examples_kept(text, self.width - self.current_indent)
        super().write_text(_cell_counted(_inline_commands_kept(laid_out)))

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        # on a phone, an option longer than a third of the width has its words on the lines below
        # it (Click's own layout for a long option), not in a column of ten cells
        narrow = col_max if self.width >= 60 else max(10, self.width // 3)
        super().write_dl([(first, _cell_counted(_inline_commands_kept(second))) for first, second in rows],
                         narrow, col_spacing)

    def getvalue(self) -> str:
        return str(super().getvalue()).replace(_CELL_MARK, "").replace(_INLINE_SPACE, " ")


class _CellContext(_Context):
    formatter_class = _CellFormatter


class SitefinderCommand(TyperCommand):
    context_class = _CellContext

    def get_help_option(self, ctx: Any) -> Any:
        return _flag_help_option(super().get_help_option(ctx))

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """`near [OPTIONS] PLACE`, `update [OPTIONS] [NCT_ID]`: this Typer writes a required argument
        as {PLACE}, which reads as a set; plain names as Click and every man page write them."""
        return [piece[1:-1] if piece.startswith("{") and piece.endswith("}") else piece
                for piece in super().collect_usage_pieces(ctx)]

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """`near -33.87,151.21`, `import -3.json`: a command's arguments kept arguments, and given to it
        as typed (`process.protect_arguments`); its options' values are never touched."""
        from sitefinder.process import protect_arguments, unprotect

        takes_value = frozenset(name for param in self.params if getattr(param, "param_type_name", "") == "option"
                                and not getattr(param, "is_flag", False) and not getattr(param, "count", False)
                                for name in (*param.opts, *param.secondary_opts))
        rest = super().parse_args(ctx, protect_arguments(_ascii_numbers(args, self.params), takes_value))
        for param in self.params:
            if getattr(param, "param_type_name", "") == "argument" and param.name in ctx.params:
                ctx.params[param.name] = unprotect(ctx.params[param.name])
        return rest


def _ascii_numbers(args: list[str], params: list[Any]) -> list[str]:
    """The values of the options that take a number (--limit ２, --within=１０．５) in ASCII digits
    (text.ascii_number): Click's float() does not read a full-width point. Other values as typed."""
    from sitefinder.text import ascii_number

    numeric = frozenset(name for param in params if getattr(param, "param_type_name", "") == "option"
                        and getattr(param.type, "name", "") in ("integer", "float", "integer range", "float range")
                        for name in param.opts)
    kept: list[str] = []
    for index, word in enumerate(args):
        if word == "--":
            return kept + args[index:]
        name, equals, value = word.partition("=")
        if equals and name in numeric:
            word = f"{name}={ascii_number(value)}"
        elif index and args[index - 1] in numeric:
            word = ascii_number(word)
        kept.append(word)
    return kept


class SitefinderGroup(TyperGroup):
    """Typer's group, run under sitefinder's error contract (`process.guarded`)."""

    context_class = _CellContext

    def get_help_option(self, ctx: Any) -> Any:
        return _flag_help_option(super().get_help_option(ctx))

    def get_params(self, ctx: Any) -> Any:
        """--install-completion and --show-completion are flags: their help shows no <bool>."""
        params = super().get_params(ctx)
        for param in params:
            if param.name in ("install_completion", "show_completion"):
                param.metavar = ""
        return params

    def main(self, args: Any = None, prog_name: Any = None, complete_var: Any = None,
             standalone_mode: bool = True, windows_expand_args: bool = True, **extra: Any) -> Any:
        from sitefinder.process import guarded

        # Click's own width rule, worked out here so that a test runner (which forces 80) and a terminal
        # agree; down to a phone's 40 columns (Click's floor is 50), 20 as every view's
        extra.setdefault("terminal_width", max(min(shutil.get_terminal_size().columns, 80) - 2, 18))

        def command(words: list[str]) -> Any:
            return super(SitefinderGroup, self).main(words, prog_name or "sitefinder", complete_var,
                                                     standalone_mode=False, windows_expand_args=windows_expand_args,
                                                     **extra)

        sys.exit(guarded(command, list(sys.argv[1:] if args is None else args),
                         debug_from_env=os.environ.get("SITEFINDER_DEBUG") == "1"))

    def invoke(self, ctx: Any) -> Any:
        """Carry Ctrl-C past Typer, which would end the run with a silent 130 (`process.Interrupted`),
        and a reader gone away, which it would end with 1 (`process.ReaderGone`)."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            from sitefinder.process import Interrupted

            raise Interrupted from None
        except BrokenPipeError:
            from sitefinder.process import ReaderGone

            raise ReaderGone from None


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
    # Click's plain help, not Typer's Rich panels: those import rich.markdown (markdown_it), rich.traceback
    # and the rest of typer.rich_utils, 60-70 ms, which put `--help` at 4.2x the start-up limit (2.2x without).
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app = typer.Typer(**APP_SETTINGS)


def _sites_path(text: str) -> Path:
    from sitefinder.paths import sites_option

    return sites_option(text)


def _map_file(text: str) -> Path:
    from sitefinder.paths import map_file_option

    return map_file_option(text)


SitesOption = Annotated[Optional[Path], typer.Option(
    "--sites", envvar="SITEFINDER_SITES", metavar="PATH", show_default=False, parser=_sites_path,
    help="Sites CSV to read (same columns as the shipped data/sites.csv); trial.json beside it is read too.")]
FormatOption = Annotated[Format, typer.Option("--format", "-f", case_sensitive=False,
                                                    help="Output format (any case: JSON works).")]
# metavar "": a flag takes no value, so its help shows none (Typer would print <bool>).
JsonOption = Annotated[bool, typer.Option("--json", metavar="", help="Shorthand for --format json.")]


class MapView(str, enum.Enum):
    fit = "fit"
    country = "country"
    world = "world"


class Language(str, enum.Enum):  # wording.LANG_CHOICES
    en = "en"
    zh = "zh"
    zh_CN = "zh-CN"
    zh_TW = "zh-TW"
    zh_HK = "zh-HK"


LangOption = Annotated[Optional[Language], typer.Option(
    "--lang", case_sensitive=False, show_default=False,
    help="zh: words and places in Chinese characters (Traditional under a zh_TW, zh_HK or zh_MO locale; zh-CN Simplified, zh-TW Taiwan's Traditional, zh-HK Hong Kong's); en: English only. Default: zh when the locale (LC_ALL, LC_MESSAGES, LANG) is Chinese or you type Chinese.")]


def chosen_language(lang: Language | None) -> str | None:
    """`--lang` ("zh" for each Chinese one: the characters are the output's, see process.answer_script),
    else the locale's (LC_ALL, LC_MESSAGES, LANG: wording.locale_language), else None."""
    from sitefinder.wording import locale_language, spoken_language

    return spoken_language(lang.value) if lang else locale_language(os.environ)


def chosen_area(lang: Language | None) -> str:
    """The region of China whose namesakes come first ("HK", "MO", "TW", ""): by `--lang`, else the
    locale (wording.locale_area)."""
    from sitefinder.wording import locale_area

    return locale_area(lang.value if lang else None, os.environ)


def _complete_province(incomplete: str) -> list[str]:
    """Shell completion for --province: the provinces whose English or Chinese name starts so."""
    from sitefinder.regions import PROVINCES

    typed = incomplete.casefold()
    return [name for province in PROVINCES for name in (province.name, province.chinese)
            if name.casefold().startswith(typed)]


def complete_site(incomplete: str) -> list[str]:
    """Shell completion for `show`: the site ids and cities of the data in use (SITEFINDER_SITES or
    the shipped trial) that start with what was typed."""
    from sitefinder.queries import open_sites

    typed = incomplete.casefold()
    given = os.environ.get("SITEFINDER_SITES")
    try:
        sites = list(open_sites(Path(given) if given else None).sites())
    except Exception:  # completion must never print a traceback into the shell
        return []
    words = [str(site.id) for site in sorted(sites, key=lambda site: site.id)]
    words += sorted({site.city for site in sites if site.city})
    return [word for word in words if word.casefold().startswith(typed)]


def _complete_status(incomplete: str) -> list[str]:
    """Shell completion for --status: the registry's statuses, lower case, words joined by _ (no quoting)."""
    from sitefinder.status import SITE_STATUSES

    typed = incomplete.casefold()
    return [status.lower() for status in SITE_STATUSES if status.lower().startswith(typed)]


ProvinceOption = Annotated[Optional[str], typer.Option(
    "--province", "-p", autocompletion=_complete_province, metavar="NAME",
    help="Only sites in this province: Shandong, shandong province, 山东, 山东省.")]
CountryOption = Annotated[Optional[str], typer.Option(
    "--country", metavar="COUNTRY",
    help="Only sites in this country or region: China (the mainland), 中国, Hong Kong, 臺灣, USA.")]
StatusOption = Annotated[Optional[str], typer.Option(
    "--status", "-s", autocompletion=_complete_status, metavar="STATUS",
    help="Only sites with this status, e.g. recruiting, 'not yet recruiting'. "
         "A site without its own status has the trial's.")]


BomOption = Annotated[bool, typer.Option(
    "--bom", metavar="", help="With --format csv: start with a byte-order mark, so that a spreadsheet in a "
                              "Chinese locale reads the file as UTF-8.")]
AllOption = Annotated[bool, typer.Option(
    "--all", "-a", metavar="",
    help="Also the closed sites (completed, withdrawn, active but not recruiting...); by default only "
         "those a patient can still join are shown.")]


def _options(sites: Optional[Path], lang: Optional[Language] = None) -> str:
    """The options every command a hint suggests repeats, whichever command it is: --sites when it
    was typed (SITEFINDER_SITES is read again anyway), and --lang (`near 吉林 --lang en` suggested
    `list --province Jilin`, Chinese again under a Chinese locale)."""
    if sites is None and lang is None:  # most runs: no need to import the wording catalogue for nothing
        return ""
    from sitefinder.wording import data_options

    return data_options(sites, os.environ.get("SITEFINDER_SITES"), lang.value if lang else None)


def _written_as(fmt: Format, lang: Optional[Language], bom: bool = False, out: Optional[Path] = None,
                view: Optional[MapView] = None, online: bool = False) -> tuple[str, ...]:
    """The options typed that say how the answer is written (output.written_as) and --online (not
    when SITEFINDER_ONLINE asked: the next command reads it too): what a command that a notice
    suggests of this same command repeats (`emit`'s `again`)."""
    from sitefinder.output import written_as

    again = written_as(fmt, bom, out, view.value if view else "")  # --lang: with the data's options (_options)
    return (*again, "--online") if online and not os.environ.get("SITEFINDER_ONLINE") else again


TrialOption = Annotated[Optional[list[str]], typer.Option(
    "--trial", "-t", metavar="NCT_ID", show_default=False,
    help="Only this trial's sites (repeat, or list them: NCT1,NCT2), in a dataset of many trials.")]
ConditionOption = Annotated[Optional[str], typer.Option(
    "--condition", metavar="TEXT", show_default=False,
    help="Only trials whose conditions, keywords or MeSH terms contain this (any case): 'small cell lung'.")]


class Grouping(str, enum.Enum):
    site = "site"
    hospital = "hospital"


LimitOption = Annotated[Optional[int], typer.Option(
    "--limit", "-n", metavar="N", show_default=False,
    help="How many sites to show (1 or more); default 5, or every site within --within.")]
def _kilometres(text: str) -> float:
    from sitefinder.numbers import distance_km

    return distance_km(text)


WithinOption = Annotated[Optional[float], typer.Option("--within", "-w", metavar="KM", parser=_kilometres,
                                                       help="Only sites within this many km (300, 300km, 300公里).")]
OnlineOption = Annotated[bool, typer.Option(
    "--online", envvar="SITEFINDER_ONLINE", metavar="",
    help="If the offline gazetteer does not know the place, ask a Nominatim geocoder (sends the place "
         "name over the network).")]


def _version(value: bool) -> None:
    if value:  # the attribution in the locale's language (eager: before --lang is read)
        from sitefinder.output.streams import for_people
        from sitefinder.wording import locale_language, say

        typer.echo(f"sitefinder {__version__}\n{for_people(say('about.attribution', locale_language(os.environ)))}")
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
def list_command(
    province: ProvinceOption = None,
    city: Annotated[Optional[str], typer.Option(
        "--city", "-c", metavar="CITY",
        help="Only sites in this city, however written: Jinan, jinan, 济南, or the registry's own spelling.")] = None,
    country: CountryOption = None,
    status: StatusOption = None,
    all_statuses: AllOption = False,
    trial: TrialOption = None,
    condition: ConditionOption = None,
    sites: SitesOption = None,
    lang: LangOption = None,
    output: FormatOption = Format.table,
    as_json: JsonOption = False,
    bom: BomOption = False,
) -> int:
    """List the trial's sites, by province then city.

    Examples:

      sitefinder list --province Shandong

      sitefinder list --province 山东 --json

      sitefinder list --city 济南

      sitefinder list --status "not yet recruiting" --format csv > sites.csv
    """
    from sitefinder.output import choose_format, emit
    from sitefinder.queries import matching_sites

    fmt = choose_format(output, as_json, bom=bom)
    return emit(matching_sites(sites, province=province, city=city, status=status, country=country,
                        lang=chosen_language(lang), all_statuses=all_statuses, stream=fmt.streamed,
                        trials=trial or (), condition=condition, names=fmt.for_scripts),
         fmt, _options(sites, lang), bom, _written_as(fmt, lang, bom))


@app.command("near", cls=SitefinderCommand)
def near_command(
    place: Annotated[str, typer.Argument(
        metavar="PLACE", show_default=False,
        help="A city (Guangzhou, 广州, 'Taizhou, Jiangsu', 江苏泰州, London), coordinates LAT,LON "
             "(22.54,114.06 or -33.87,151.21), or a province or country for the sites in it.")],
    limit: LimitOption = None,
    within: WithinOption = None,
    province: ProvinceOption = None,
    country: CountryOption = None,
    status: StatusOption = None,
    all_statuses: AllOption = False,
    trial: TrialOption = None,
    condition: ConditionOption = None,
    by: Annotated[Grouping, typer.Option(
        "--by", case_sensitive=False,
        help="hospital: each hospital once, with its trials, their statuses and whom to call.")] = Grouping.site,
    online: OnlineOption = False,
    sites: SitesOption = None,
    lang: LangOption = None,
    output: FormatOption = Format.table,
    as_json: JsonOption = False,
    bom: BomOption = False,
) -> int:
    """Show the sites nearest to a place, nearest first (of every trial of the dataset).

    Examples:

      sitefinder near Guangzhou

      sitefinder near 台州 --limit 3

      sitefinder near "Taizhou, Jiangsu" --within 300 --json

      sitefinder near 22.54,114.06 --status "not yet recruiting"

      sitefinder near Guangzhou --condition "lung cancer" --by hospital
    """
    from sitefinder.output import choose_format, emit
    from sitefinder.queries import near_by_hospital, nearest_sites

    fmt = choose_format(output, as_json, bom=bom)
    ask = near_by_hospital if by is Grouping.hospital else nearest_sites
    return emit(ask(place, sites, limit=limit, within_km=within, province=province, status=status, online=online,
             lang=chosen_language(lang), all_statuses=all_statuses, trials=trial or (), condition=condition,
             stream=fmt.streamed, area=chosen_area(lang), names=fmt.for_scripts, country=country),
         fmt, _options(sites, lang), bom, _written_as(fmt, lang, bom, online=online))


@app.command("map", cls=SitefinderCommand)
def map_command(
    place: Annotated[str, typer.Argument(
        metavar="PLACE", show_default=False,
        help="A city (Guangzhou, 广州, 'Taizhou, Jiangsu', Boston) or coordinates LAT,LON, as for near.")],
    limit: LimitOption = None,
    within: WithinOption = None,
    province: ProvinceOption = None,
    country: CountryOption = None,
    status: StatusOption = None,
    all_statuses: AllOption = False,
    view: Annotated[MapView, typer.Option(
        "--view", case_sensitive=False,
        help="fit: the place and its sites; country: the place's country; world: the world.")] = MapView.fit,
    trial: TrialOption = None,
    condition: ConditionOption = None,
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", metavar="FILE", show_default=False, parser=_map_file,
        help="Write the map to FILE.svg or FILE.html (self-contained: nothing loads from elsewhere).")] = None,
    online: OnlineOption = False,
    sites: SitesOption = None,
    lang: LangOption = None,
    output: FormatOption = Format.table,
    as_json: JsonOption = False,
) -> int:
    """Draw the region around a place and its nearest sites, offline, in the terminal or to a file.

    Examples:

      sitefinder map Guangzhou

      sitefinder map 台州 --limit 8

      sitefinder map Harbin --view country

      sitefinder map Guangzhou --out sites.html
    """
    from sitefinder.output import choose_format, emit, map_aspect
    from sitefinder.queries import map_near

    fmt = choose_format(output, as_json, command="map", out=out)
    return emit(map_near(place, sites, limit=limit, within_km=within, province=province, status=status, online=online,
                  lang=chosen_language(lang), view=view.value, aspect=map_aspect(fmt, out), out=out,
                  all_statuses=all_statuses, trials=trial or (), condition=condition, area=chosen_area(lang),
                  names=fmt.for_scripts and out is None, country=country),
         fmt, _options(sites, lang), again=_written_as(fmt, lang, out=out, view=view, online=online))


@app.command("show", cls=SitefinderCommand)
def show_command(
    site: Annotated[str, typer.Argument(help="A site id (see `sitefinder list`), a city, part of its facility "
                                             "name (English or Chinese), an investigator's name or a phone number.", metavar="SITE",
                                        show_default=False, autocompletion=complete_site)],
    sites: SitesOption = None,
    lang: LangOption = None,
    output: FormatOption = Format.table,
    as_json: JsonOption = False,
    bom: BomOption = False,
) -> int:
    """Show one site: every field, all its contacts with their roles, and the trial's central contact.

    Examples:

      sitefinder show Qingdao

      sitefinder show 江门中心医院

      sitefinder show "Gengsheng Yu"

      sitefinder show 23 --json
    """
    from sitefinder.output import choose_format, emit
    from sitefinder.queries import site_detail

    fmt = choose_format(output, as_json, bom=bom)
    return emit(site_detail(site, sites, lang=chosen_language(lang), names=fmt.for_scripts), fmt, _options(sites, lang),
                bom)


@app.command("info", cls=SitefinderCommand)
def info_command(
    nct_id: Annotated[Optional[str], typer.Argument(
        metavar="[NCT_ID]", show_default=False,
        help="One trial of a dataset of many; without it, the list of its trials.")] = None,
    sites: SitesOption = None,
    output: FormatOption = Format.table,
    as_json: JsonOption = False,
    lang: LangOption = None,
    bom: BomOption = False,
) -> int:
    """Summarise the trial: what it tests, who may join, its status and whom to call.

    Examples:

      sitefinder info

      sitefinder info --json

      sitefinder info NCT07010263

      sitefinder info --lang zh
    """
    from sitefinder.output import choose_format, emit
    from sitefinder.queries import trial_summary

    fmt = choose_format(output, as_json, bom=bom)
    return emit(trial_summary(sites, nct_id, chosen_language(lang)), fmt, _options(sites, lang), bom)


@app.command("import", cls=SitefinderCommand)
def import_command(
    sources: Annotated[list[str], typer.Argument(
        metavar="SOURCE...", show_default=False,
        help="Study JSON files (API v2 shape), the registry's export (ctg-studies.json), saved API search "
             "pages, folders or zips of NCT*.json files, or NCT ids (with --online); all into one dataset.")],
    out: Annotated[str, typer.Option("--out", "-o", metavar="DIR", show_default=False,
                                     help="Directory to write sites.csv and trial.json into (a new one, or "
                                          "one an earlier import wrote).")],
    online: Annotated[bool, typer.Option("--online", metavar="", help="Fetch an NCT id from ClinicalTrials.gov "
                                                          "(SITEFINDER_CTGOV_URL to use a mirror).")] = False,
    strict: Annotated[bool, typer.Option("--strict", metavar="", help="Fail when a site cannot be placed on the map, "
                                                          "instead of keeping it out of distance ranking.")] = False,
    country: Annotated[Optional[str], typer.Option(
        "--country", metavar="COUNTRY", help="Keep only the sites in this country or region: China (the mainland), 中国, Hong Kong, USA.")] = None,
    replace: Annotated[bool, typer.Option("--replace", metavar="", help="Replace a dataset in --out whose trials "
                                                                        "this import leaves out (else refused).")] = False,
    lang: LangOption = None,
    output: FormatOption = Format.table,
    as_json: JsonOption = False,
    bom: BomOption = False,
) -> int:
    """Import ClinicalTrials.gov studies (one, or many into one dataset) as a sites file for every other command.

    Examples:

      sitefinder import study.json --out mytrial

      sitefinder import NCT07010263 --online --out mytrial

      sitefinder import ctg-studies.json --country China --out lung

      sitefinder near Guangzhou --sites mytrial/sites.csv
    """
    from sitefinder.bulkimport import import_many
    from sitefinder.datasets import waits_told
    from sitefinder.output import choose_format, emit, progress_notice, wait_notice

    fmt = choose_format(output, as_json, bom=bom)
    language = chosen_language(lang)
    with waits_told(wait_notice(language)):
        return emit(import_many(sources, out, online=online, strict=strict, country=country,
                                progress=lambda done, total: progress_notice(done, total, language), lang=language,
                                replace=replace), fmt, bom=bom)


@app.command("update", cls=SitefinderCommand)
def update_command(
    nct_id: Annotated[Optional[str], typer.Argument(
        metavar="NCT_ID", show_default=False,
        help="The study to fetch; by default the trial of the data in use (NCT07010263 as shipped).")] = None,
    sites: SitesOption = None,
    lang: LangOption = None,
    output: FormatOption = Format.table,
    as_json: JsonOption = False,
    bom: BomOption = False,
) -> int:
    """Fetch the current registry record and say what changed: sites, statuses, contacts, the date.

    This asks ClinicalTrials.gov (SITEFINDER_CTGOV_URL to use a mirror) for the study; nothing else
    you type is sent. The data are kept in your user data directory (SITEFINDER_DATA_DIR to move
    it); from then on every command uses them. A dataset that import --out made is refreshed where
    it is: every trial with --sites DIR/sites.csv, one of its trials with NCT_ID --sites
    DIR/sites.csv (or SITEFINDER_SITES). A failed download changes nothing.

    Examples:

      sitefinder update

      sitefinder update NCT07010263 --json

      sitefinder update NCT02856893 --sites lung/sites.csv

      sitefinder update NCT04000000 && sitefinder near Boston --sites ~/.local/share/sitefinder/NCT04000000/sites.csv
    """
    from sitefinder.datasets import waits_told
    from sitefinder.output import choose_format, emit, wait_notice
    from sitefinder.update import refresh_from_registry

    fmt = choose_format(output, as_json, bom=bom)
    with waits_told(wait_notice(chosen_language(lang))):
        return emit(refresh_from_registry(nct_id, sites, chosen_language(lang)), fmt, bom=bom)


def run() -> None:
    """Run the command line in `sys.argv` (the console script's `sitefinder.__main__.run` calls this)."""
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
