"""The one error hierarchy. The core raises these; the CLI catches them once and prints one line."""

from __future__ import annotations

from sitefinder.exits import ExitCode
from sitefinder.text import quoted


class SitefinderError(Exception):
    """Something the user can act on; the message says what to do."""

    exit_code: int = ExitCode.FAILURE

    def __init__(self, message: str = "", *, key: str = "", **values: object) -> None:
        """`key`: the wording catalogue's phrase (wording.MESSAGES) this error says, with `values`
        filled in. The message is then its English (for --debug and for callers of the core), and
        the CLI boundary says it in the answer's language (`words`): a patient whose terminal is
        Chinese reads a bad --limit in Chinese, as every other line of the answer. A `message` that
        is a phrase already (wording.said) is that phrase."""
        said_key: object = getattr(message, "key", None)  # a wording.Said (not imported here: no circle)
        if not key and isinstance(said_key, str) and said_key:
            key, values = said_key, dict(getattr(message, "values"))
        self.key = key
        self.values = values
        super().__init__(_say(key, "en", values) if key else message)

    def words(self, lang: str) -> str:
        """The message in `lang` ("en", "zh"); a message without a catalogue phrase as it is."""
        return _say(self.key, lang, self.values) if self.key else str(self)

    def with_options(self, options: str) -> None:
        """Complete the commands it suggests (wording.Suggestion) with the options that chose the data
        (`--sites PATH`), which the CLI boundary that says it knows, and the core that raised it not."""
        from sitefinder.wording import with_options

        self.values = with_options(self.values, options) or self.values


def phrase_of(exc: SitefinderError) -> str:
    """An error as a value of another phrase ("the study cannot be used: {problem}"): a phrase of the
    catalogue (wording.said), said again in that phrase's language, when the error has one; else its text."""
    if not exc.key:
        return str(exc)
    from sitefinder.wording import said

    problem = said(exc.key, **exc.values)
    return said("data.at", where=exc.where, problem=problem) if isinstance(exc, DataFileError) else problem


def _say(key: str, lang: str, values: dict[str, object]) -> str:
    from sitefinder.wording import say  # only when an error is raised: start-up never pays for the catalogue

    return say(key, lang, **values)


class UsageError(SitefinderError):
    """The command line asks for something that cannot be: a bad option value or argument."""

    exit_code = ExitCode.USAGE


class DataFileError(SitefinderError):
    """A sites or trial file is missing or malformed; the message names the file and line."""

    def __init__(self, path: object, message: str = "", line: int | None = None, *, key: str = "",
                 **values: object) -> None:
        self.where = f"{path}:{line}" if line is not None else f"{path}"
        super().__init__(message, key=key, **values)
        self.args = (f"{self.where}: {self.args[0]}",)

    def words(self, lang: str) -> str:
        """"data/x.csv:7: " and what is wrong there, in `lang`."""
        return _say("data.at", lang, {"where": self.where, "problem": _say(self.key, lang, self.values)}) if self.key \
            else str(self)


class MissingInput(DataFileError, UsageError):
    """A file the command line names to read is not there (import's study file or folder, --sites,
    SITEFINDER_SITES, a sites file gone since): a usage error (exit 2) wherever it is found missing,
    one line naming the file first ("PATH: no such file; …"). A DataFileError too, so that a reader
    that retries a file replaced while read (sitesfile.read_pinned) retries this one."""

    exit_code = ExitCode.USAGE


class PlaceNotFound(SitefinderError):
    """The gazetteer (and the online geocoder, when asked) knows no such place."""

    def __init__(self, query: str, suggestions: list[str] | None = None, hint: str = "",
                 lang: str | None = None) -> None:
        """`lang`: the answer's language ("zh", "en"; None: the script of the query), in which the
        CLI boundary says it (process.error_words, with the wording catalogue); the message here
        is the English one, for --debug and for callers of the core."""
        self.query = query
        self.suggestions = list(suggestions or [])
        self.hint = hint
        self.lang = lang
        message = f"no place called {quoted(query)} is known"
        if self.suggestions:
            names = self.suggestions if len(self.suggestions) == 1 else [f'"{s}"' for s in self.suggestions]
            message += "; did you mean " + " or ".join(names) + "?"
        if hint:  # a hint of the catalogue (wording.said) is its English here, said again at the boundary
            message += f" ({hint})"
        super().__init__(message)

    def words(self, lang: str) -> str:
        """In the language the core chose (the `lang` it was given), else `lang`, the boundary's."""
        from sitefinder.wording import place_not_found

        return place_not_found(self.query, self.suggestions, self.hint, self.lang if self.lang is not None else lang)

    def with_options(self, options: str) -> None:
        """Its hint's commands too (`list --province 辽宁 --sites mine.csv`)."""
        from sitefinder.wording import Said, said, with_options

        super().with_options(options)
        hint = self.hint
        if isinstance(hint, Said) and (completed := with_options(hint.values, options)) is not None:
            self.hint = said(hint.key, **completed)


class RegionNotPlace(PlaceNotFound):
    """The query names a province, state or country rather than a city: `regions` says which."""

    def __init__(self, query: str, regions: set[tuple[str, str]], hint: str, notes: tuple[str, ...] = (),
                 meant: str = "") -> None:
        self.regions = regions  # (country code, admin1 name or "" for the whole country)
        self.notes = notes  # what else the name means (河北 is also Tianjin's 河北区), said with the answer
        self.meant = meant  # the name a code stands for ("HK": "Hong Kong"), read as that name; "" for a name
        super().__init__(query, hint=hint)


class NotOnePlace(PlaceNotFound):
    """A name that is no one place to measure from, nor a region abroad named alike: a part of China
    (东北, 华南: its provinces said) or a direction (北部, 中部). Not found (exit 1), in its own words."""

    def __init__(self, query: str, key: str, lang: str | None = None, **values: object) -> None:
        super().__init__(query, lang=lang)
        self.key, self.values = key, values
        self.args = (_say(key, "en", values),)

    def words(self, lang: str) -> str:
        return _say(self.key, self.lang if self.lang is not None else lang, self.values)


class AskedBack(PlaceNotFound):
    """The query names several places at once (two cities, "Guangzhou Shenzhen"; a code that is
    also pinyin initials, BJ; a postal name of several localities): asked back which one. A usage
    error (exit 2), as an ambiguous `show` fragment is: the command line must name one place; a
    place that names nothing is not found (exit 1)."""

    exit_code = ExitCode.USAGE


class CodeOrInitials(AskedBack):
    """Capitals that are a country's code and the pinyin initials of a Chinese place (BJ: Benin or 北京?)."""

    def __init__(self, query: str, country: str, places: tuple[str, ...], lang: str | None = None) -> None:
        """`country`: the code's country, as shown (a wording.Said in each language); `places`: the
        Chinese places, as shown ("北京 (Beijing)")."""
        self.country, self.places = country, places
        super().__init__(query, [str(country), *places], lang=lang)
        self.args = (_say("error.code_or_initials", "en", self._values()),)

    def _values(self) -> dict[str, object]:
        return {"code": self.query, "country": self.country, "places": self.places}

    def words(self, lang: str) -> str:
        from sitefinder.wording import language_of

        return _say("error.code_or_initials", language_of(self.lang if self.lang is not None else lang, self.query),
                    self._values())


class AmbiguousSite(UsageError):
    """A facility-name fragment matches more than one site."""


class TrialNotFound(SitefinderError):
    """A well-formed NCT id that the data hold no trial of: no result (exit 1), not a usage error."""


class NetworkError(SitefinderError):
    """An online service could not be reached or answered badly."""


class ImportFailed(SitefinderError):
    """A registry study could not be turned into a sites file."""
