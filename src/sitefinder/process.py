"""The process around a command: its argv words, --debug, signals, closed streams and exit codes.

`guarded` runs a parsed command line under sitefinder's error contract: every failure is one
line on stderr and an `ExitCode` (1 a failure, 2 a usage error, 130 Ctrl-C, 128 + N a signal),
a traceback only with --debug. Nothing here knows a command, a format or Rich.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sitefinder.errors import SitefinderError, UsageError
from sitefinder.exits import ExitCode

from typer import Abort

if TYPE_CHECKING:
    from sitefinder.wording import Said


def said(key: str, **values: object) -> Said:
    """A phrase of the catalogue, said by `fail` in the answer's language (the catalogue is imported
    only on the way out)."""
    from sitefinder.wording import said as catalogue_said

    return catalogue_said(key, **values)

try:  # Typer 0.26 and later carry their own copy of Click
    from typer._click import exceptions as click_exceptions
except ImportError:  # older Typer, on the Click that is installed
    from click import exceptions as click_exceptions  # type: ignore[no-redef]

ClickException = click_exceptions.ClickException


class _NeverRaised(ClickException):
    """Click before 8.2 prints the help for a bare `sitefinder` and exits 0 by itself."""


NoArgsIsHelpError = getattr(click_exceptions, "NoArgsIsHelpError", _NeverRaised)


class Interrupted(BaseException):
    """Ctrl-C: a KeyboardInterrupt carried past Typer, which would turn it into a silent exit 130."""


class ReaderGone(BaseException):
    """The reader of stdout went away (a BrokenPipeError), carried past Typer, which exits 1 for it."""


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind (running every `finally`), then exit 128 + the signal."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.signal_number = signal_number


def _typed_value(words: Sequence[str], names: Sequence[str], option: str) -> str | None:
    """The value typed for an option: the word after any of its `names`, else after "`option`="."""
    value = next((words[i + 1] for i, word in enumerate(words[:-1]) if word in names), None)
    return value if value is not None else next((word.split("=", 1)[1] for word in words
                                                 if word.startswith(option + "=")), None)


def our_usage_words(exc: Exception, words: Sequence[str], lang: str = "en") -> str | None:
    """The parser's error in sitefinder's words where its own leak a library's ("Value error, …",
    "Input should be a valid number"), an unknown option with only the close spellings of it (Click's
    "Possible options" can name an unrelated one), or a suggestion for a place or `help` typed as the command."""
    from sitefinder.wording import command_meant, say, unknown_command_words, unknown_option_words, usage_words

    message = getattr(exc, "format_message", lambda: str(exc))()
    context = getattr(exc, "ctx", None)
    param = getattr(exc, "param", None)
    named = command_named(exc, words)
    if isinstance(exc, click_exceptions.NoSuchOption):
        # the command's arguments by name ("NCT_ID"), for `info --trial NCT…`: the trial is info's argument
        params = context.command.params if context is not None else ()
        arguments = tuple(str(declared.name).upper() for declared in params
                          if getattr(declared, "param_type_name", "") == "argument")
        return unknown_option_words(exc.option_name, exc.possibilities or (), named, lang, arguments,
                                    _typed_value(words, [exc.option_name], exc.option_name))
    if param is not None and getattr(param, "opts", None) and not isinstance(exc, click_exceptions.MissingParameter):
        option = max(param.opts, key=len)
        value = _typed_value(words, param.opts, option)
        declared = getattr(getattr(param, "type", None), "choices", None) or ()
        ours = usage_words(message, option, value, lang, tuple(str(choice) for choice in declared))
        return say("usage.see_help", lang, message=ours, command=named) if ours else click_words(exc, named, lang)
    if message.startswith("Got unexpected extra argument") and context is not None and context.parent:
        return _several_words(context, words, lang)
    if message.startswith("No such command") and words and context is not None and not context.parent:
        commands = sorted(getattr(context.command, "commands", {}) or [])
        at = next((index for index, word in enumerate(words) if not word.startswith("-")), None)
        first = words[at] if at is not None else ""
        if first and first not in commands and ("Did you mean" not in message
                                                or command_meant(first.strip(), commands)[0] is not None):
            return unknown_command_words(first.strip(), commands, words[at + 1:] if at is not None else (), lang)
    return click_words(exc, named, lang)


def command_named(exc: Exception, words: Sequence[str]) -> str:
    """" near" for an error of `sitefinder near …`, "" for one of `sitefinder` itself: the command
    whose --help says what to type. Click's parser raises an option's error without its context
    (`near Guangzhou --limit`); the command is then the first word that is no option, as
    sitefinder's own options take no value."""
    context = getattr(exc, "ctx", None)
    if context is not None:
        return f" {context.info_name}" if context.parent else ""
    first = next((word for word in words if not word.startswith("-")), "")
    return f" {first}" if first and first.isascii() and first.isalpha() and first.islower() else ""


def click_words(exc: Exception, named: str, lang: str) -> str | None:
    """Click's error in the catalogue's words in Chinese, by its kind (the exception and its
    parameter, not its English sentence: Click's sentences change, and "Missing option '--out' /
    '-o'." matched none of the patterns once kept); None in English (Click's own words). Every
    kind has a phrase, the last a line that only says where the options are listed."""
    from sitefinder.wording import say

    if lang != "zh":
        return None
    message = getattr(exc, "format_message", lambda: str(exc))()
    param = getattr(exc, "param", None)
    opts = getattr(param, "opts", None) or ()
    option = max(opts, key=len) if opts else ""
    if isinstance(exc, click_exceptions.MissingParameter):
        kind = getattr(param, "param_type_name", None) or exc.param_type or "parameter"
        name = option if kind == "option" else (getattr(param, "human_readable_name", "") or "").upper()
        key = {"option": "usage.click.missing_option", "argument": "usage.click.missing_argument"}.get(kind)
        ours = say(key, lang, name=name) if key and name else say("usage.click.missing_parameter", lang)
    elif isinstance(exc, click_exceptions.BadOptionUsage):
        name = exc.option_name
        ours = say("usage.click.takes_no_value" if "does not take" in message else "usage.click.needs_value"
                   if "requires" in message else "usage.click.bad_option", lang, name=name)
    elif isinstance(exc, click_exceptions.BadParameter):
        hint = option or (getattr(param, "human_readable_name", "") or "").upper()
        ours = say("usage.click.invalid_value", lang, name=hint) if hint else say("usage.click.invalid", lang)
    elif isinstance(exc, click_exceptions.BadArgumentUsage):
        ours = say("usage.click.bad_argument", lang)
    else:
        import re

        found = re.fullmatch(r"No such command '([^']+)'\.(?: Did you mean '([^']+)'\?)?", message.strip())
        if found:
            ours = say("usage.click.no_command", lang, name=found.group(1))
            if found.group(2):
                ours += say("error.did_you_mean", lang, names=found.group(2))
        else:
            ours = say("usage.click.invalid", lang)
    return say("usage.see_help", lang, message=ours, command=named)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _several_words(context: Any, words: Sequence[str], lang: str) -> str:
    """`near Hong Kong`, `show Beijing Chest`, `near 广州 天河`: a place or a name of several words
    typed without quotes reaches the command as several arguments; said as the one it is, with the
    line to type (Click's "Got unexpected extra argument(s) (Kong)" said nothing of the kind). A
    command without a place says what it takes instead."""
    from sitefinder.wording import command, say

    takes_value = {name for param in context.command.params if getattr(param, "param_type_name", "") == "option"
                   and not getattr(param, "is_flag", False) for name in param.opts}
    # a choice's value is one word (--lang zh, --by hospital): the words after it are never more of it
    one_word = {name for param in context.command.params if getattr(param.type, "choices", None)
                for name in getattr(param, "opts", ())}
    rest = list(words[words.index(context.info_name) + 1:]) if context.info_name in words else list(words)
    together, options = [], []
    stray: list[str] = []  # every word that is no option nor an option's value, as typed
    glued = -1  # the index in `options` of the value the words just read follow, else -1
    valued: list[int] = []  # the values that took such words
    index = 0
    while index < len(rest):
        word = rest[index]
        if word == "--":  # the end of options: what follows was meant as options all the same
            index += 1
            glued = -1
            continue
        if word.startswith("-") and len(word) > 1 and not word[1:2].isdigit():
            options.append(word)
            glued = -1
            if word in takes_value and index + 1 < len(rest):
                options.append(rest[index + 1])
                glued = -1 if word in one_word else len(options) - 1
                index += 1
        elif glued >= 0 and not _is_number(options[glued]):
            # `--province Guangxi Zhuang`: the rest of a text value, typed without quotes (`--limit 3 x`: no)
            options[glued] += " " + word
            stray.append(word)
            valued.append(glued)
        else:
            together.append(word)
            stray.append(word)
        index += 1
    if not any(getattr(param, "param_type_name", "") == "argument" for param in context.command.params):
        # `list Jinan`: a command that takes no place; list's place is its --city (a value's words
        # stay that value's, quoted: `--province 'Guangxi Zhuang'`, not `--city Zhuang`)
        city = ("--city", " ".join(together)) if together else ()
        return say("usage.no_argument", lang, text=" ".join(stray), name=context.info_name,
                   command=command(context.info_name, *city, *options)
                   if context.info_name == "list" else command(context.info_name, "--help"))
    if context.info_name not in ("near", "show", "map"):  # `info NCT07010263 extra`: one id, one too many
        return say("usage.extra_argument", lang, name=context.info_name, text=" ".join(together[1:]),
                   command=command(context.info_name, "--help"))
    if not together:  # `near -- --limit 1`: no place among the words, and none to make up (never `near ''`)
        return say("usage.double_dash_no_place", lang, what=say(f"usage.argument.{context.info_name}", lang),
                   command=command(context.info_name, "--help"))
    line = command(context.info_name, " ".join(together), *options)
    if len(together) == 1 and valued:  # the place is one word: the value of several is what to quote
        return say("usage.several_words", lang, text=options[valued[0]], command=line)
    if "--" in rest and len(together) == 1:  # `near 广州 -- --limit 1`: one place, options read as words
        return say("usage.after_double_dash", lang, command=line)
    return say("usage.several_words", lang, text=" ".join(together), command=line)


def guarded(command: Callable[[list[str]], Any], arguments: Sequence[str], debug_from_env: bool = False) -> int:
    """Run `command` on the words of a command line (without --debug) and return the exit code.
    What people read is shown in the characters the command line and the locale ask for (the
    output's `streams.show_in`), the errors said here too; as it was again after the run."""
    from sitefinder.output.streams import show_in

    words, debug = take_debug_flag(list(arguments))
    before = show_in(answer_script(words, os.environ), words)
    try:
        return _guarded(command, words, debug or debug_from_env)
    finally:
        show_in(before)


def _data_options(words: list[str]) -> str:
    """The options every command an error suggests repeats, as typed: `--sites PATH` (wording.data_options:
    none when SITEFINDER_SITES names them) and `--lang`, as cli._options gives a notice's."""
    from sitefinder.wording import data_options

    sites = None
    for at, word in enumerate(words):
        if word == "--":
            break
        if word == "--sites" and at + 1 < len(words):
            sites = words[at + 1]
        elif word.startswith("--sites="):
            sites = word.partition("=")[2]
    return data_options(sites, os.environ.get("SITEFINDER_SITES"), asked_language(words))


def _guarded(command: Callable[[list[str]], Any], words: list[str], debug: bool) -> int:
    """`guarded`'s error ladder, once the characters are chosen."""

    def language() -> str:  # asked only on the way out: an answer never imports the catalogue for it
        return answer_language(words, os.environ)

    if sys.stdout is None:  # started with stdout closed (`>&-`): there is nowhere for the answer to go
        return fail(said("error.stdout_closed"), ExitCode.FAILURE, debug=False, lang=language())
    escape_what_streams_cannot_encode()
    previous_handlers = terminate_on_signals()
    try:
        check_words(words)
        code = command(words)
        if code == ExitCode.INTERRUPTED:  # Typer turns a Ctrl-C while parsing into a silent `return 130`
            raise Interrupted
    except SitefinderError as exc:
        lang = language()
        exc.with_options(_data_options(words))
        code = fail(exc.words(lang), exc.exit_code, debug, lang)
    except NoArgsIsHelpError as exc:  # bare `sitefinder`: the help (Click formats it), not an error
        if exc.format_message():
            print(exc.format_message())
        code = ExitCode.OK
    except ClickException as exc:  # bad option, missing argument, unknown command
        named = command_named(exc, words)
        ours = our_usage_words(exc, words, language())  # else Click's own words, with where the options are listed
        code = fail(ours or said("usage.see_help", message=exc.format_message(), command=named), ExitCode.USAGE,
                    debug=False, lang=language())
    except (KeyboardInterrupt, Interrupted, Abort):
        code = fail(said("error.interrupted"), ExitCode.INTERRUPTED, debug=False, lang=language())
    except Terminated as exc:  # SIGTERM, SIGHUP: clean-ups (temporary files) have run on the way here
        code = fail(said("error.terminated", signal=exc.signal_number), ExitCode.for_signal(exc.signal_number),
                    debug=False, lang=language())
    except (BrokenPipeError, ReaderGone):
        code = quiet_broken_pipe()
    except OSError as exc:  # the system refused: a full disk, a directory that cannot be written
        code = fail(os_failure(exc), ExitCode.FAILURE, debug, language())
        silence_stdout()
    except Exception as exc:  # a bug: still one line, unless the user asks for the trace
        code = fail(said("error.internal", name=type(exc).__name__, detail=str(exc)[:200]), ExitCode.FAILURE, debug,
                    language())
    finally:
        restore_signals(previous_handlers)
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        code = quiet_broken_pipe()
    except OSError as exc:
        code = fail(os_failure(exc), ExitCode.FAILURE, debug, language())
        silence_stdout()
    return code if isinstance(code, int) else ExitCode.OK


def answer_language(words: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language of what the boundary says (errors, usage errors), by the one rule every answer
    follows (wording.language_of): `--lang` on the command line, else the locale, else the script
    of what was typed. Read from the words themselves: a usage error comes before Click has parsed
    --lang, and an error of the core carries no language (its words are the catalogue's phrase)."""
    from sitefinder.wording import language_of, locale_language, spoken_language

    asked = asked_language(words)
    return language_of(spoken_language(asked) if asked else locale_language(environ), " ".join(words))


def answer_script(words: Sequence[str], environ: Mapping[str, str]) -> str | None:
    """The Traditional characters people's words are shown in ("tw", "hk"), or None: by `--lang`,
    else the locale (wording.chosen_script)."""
    from sitefinder.wording import chosen_script

    return chosen_script(asked_language(words), environ)


def asked_language(words: Sequence[str]) -> str | None:
    """The last `--lang` value of the command line that is one (wording.LANG_CHOICES), before any `--`."""
    from sitefinder.wording import LANG_CHOICES

    choices = {choice.casefold(): choice for choice in LANG_CHOICES}
    end = list(words).index("--") if "--" in words else len(words)
    asked = None
    for index, word in enumerate(words[:end]):
        value = words[index + 1] if word == "--lang" and index + 1 < end else (
            word.split("=", 1)[1] if word.startswith("--lang=") else None)
        if value is not None and value.casefold() in choices:
            asked = choices[value.casefold()]
    return asked


def check_words(words: Sequence[str]) -> None:
    """Every word of the command line as text: a byte that is not UTF-8 (a file name from another
    system, a terminal set to Latin-1) arrives as a lone surrogate, which nothing can print or match."""
    for word in words:
        try:
            word.encode("utf-8")
        except UnicodeEncodeError:
            shown = word.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise UsageError(key="error.not_utf8", shown=shown) from None


def os_failure(exc: OSError) -> Said:
    """What the system refused, and what to do about it."""
    from sitefinder.wording import os_reason

    what = os_reason(exc)
    if exc.filename is not None:
        return said("error.os_path", path=exc.filename, what=what)
    return said("error.os_output", what=what)


def silence_stdout() -> None:
    """Point a failed stdout at /dev/null, so that the interpreter's last flush says nothing more."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests capture stdout in memory)
        pass


def terminate_on_signals() -> dict[int, Any]:
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


def restore_signals(previous: dict[int, Any]) -> None:
    import signal

    for number, handler in previous.items():
        signal.signal(number, handler)


def looks_like_a_number(word: str) -> bool:
    """`-33.87,151.21`, `-5`, `-.5`: a word that starts with a minus and a digit (or a point) is a
    negative number or a coordinate, never an option (sitefinder has no option like -3)."""
    return len(word) > 1 and word[0] == "-" and (word[1].isdigit() or word[1] == ".")


PROTECTED = " "  # what `protect_arguments` puts before a word, and `unprotect` takes off again


def protect_arguments(words: Sequence[str], value_options: frozenset[str]) -> list[str]:
    """Keep a negative-number argument an argument: Click would take `-33.87,151.21` (a PLACE) or
    `-3.json` (a study file) for an option; a leading space stops it, and `unprotect` removes the
    space once Click has parsed, so the command sees the word as typed. Arguments only: the word
    after an option that takes a value (`--out -1.svg`) is that value, left alone, and after `--`
    every word is an argument already."""
    kept: list[str] = []
    after_option = False
    for index, word in enumerate(words):
        if word == "--":
            return kept + list(words[index:])
        kept.append(PROTECTED + word if looks_like_a_number(word) and not after_option else word)
        after_option = word in value_options
    return kept


def unprotect(value: Any) -> Any:
    """An argument's value as typed (see `protect_arguments`)."""
    if isinstance(value, str) and value.startswith(PROTECTED) and looks_like_a_number(value[len(PROTECTED):]):
        return value[len(PROTECTED):]
    return value


def take_debug_flag(arguments: list[str]) -> tuple[list[str], bool]:
    """--debug anywhere among the options (`sitefinder near X --debug` too), but not after `--`,
    where every word is an argument (`sitefinder show -- --debug` looks for a site called --debug)."""
    end = arguments.index("--") if "--" in arguments else len(arguments)
    kept = [word for word in arguments[:end] if word != "--debug"] + arguments[end:]
    return kept, len(kept) != len(arguments)


def escape_what_streams_cannot_encode() -> None:
    """On a stdout that is not UTF-8 (`sitefinder near 北京 > out.txt` on a Windows code page, or
    PYTHONIOENCODING=ascii), show a character it cannot hold as `\\u5317` rather than fail."""
    from sitefinder.text import is_utf8

    for stream in (sys.stdout, sys.stderr):
        if not is_utf8(getattr(stream, "encoding", None)) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def fail(message: str | Said, code: int, debug: bool, lang: str = "en") -> int:
    """Say what failed on stderr (one line, and the traceback with --debug), in `lang`; return the exit code."""
    if debug:
        import traceback

        traceback.print_exc()
    from sitefinder.output.streams import notice
    from sitefinder.wording import say

    notice(say("error.prefix", lang, message=message))
    return code


def quiet_broken_pipe() -> int:
    """The reader went away (`sitefinder list | head -1`): stop quietly, exit 0.

    0, not Click's 1: whether a write sees the closed pipe depends on whether the kernel had taken
    the whole output before the reader left (a table of 42 sites fits in a pipe, CSV written row by
    row, a large file's listing do not), so 1 came and went with the format and the size. The reader
    had what it asked for; a failure to write elsewhere (a full disk) is still 1.
    stdout is pointed at /dev/null so that the interpreter's last flush cannot print a traceback.
    """
    silence_stdout()
    return ExitCode.OK
