"""The one error hierarchy. The core raises these; the CLI catches them once and prints one line."""

from __future__ import annotations

from sitefinder.exits import ExitCode
from sitefinder.text import quoted


class SitefinderError(Exception):
    """Something the user can act on; the message says what to do."""

    exit_code: int = ExitCode.FAILURE


class UsageError(SitefinderError):
    """The command line asks for something that cannot be: a bad option value or argument."""

    exit_code = ExitCode.USAGE


class DataFileError(SitefinderError):
    """A sites or trial file is missing or malformed; the message names the file and line."""

    def __init__(self, path: object, message: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else f"{path}"
        super().__init__(f"{where}: {message}")


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
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class RegionNotPlace(PlaceNotFound):
    """The query names a province, state or country rather than a city: `regions` says which."""

    def __init__(self, query: str, regions: set[tuple[str, str]], hint: str, notes: tuple[str, ...] = ()) -> None:
        self.regions = regions  # (country code, admin1 name or "" for the whole country)
        self.notes = notes  # what else the name means (河北 is also Tianjin's 河北区), said with the answer
        super().__init__(query, hint=hint)


class AmbiguousSite(UsageError):
    """A facility-name fragment matches more than one site."""


class NetworkError(SitefinderError):
    """An online service could not be reached or answered badly."""


class ImportFailed(SitefinderError):
    """A registry study could not be turned into a sites file."""
