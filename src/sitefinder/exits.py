"""The exit codes of sitefinder, one enum for every place that ends a run."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    OK = 0
    FAILURE = 1  # no result, bad data, a runtime failure (the message says which)
    USAGE = 2  # the command line itself is wrong
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as shells report it
    SIGNALLED = 128  # SIGTERM, SIGHUP: 128 + the signal's number is returned

    @staticmethod
    def for_signal(number: int) -> int:
        return ExitCode.SIGNALLED + number
