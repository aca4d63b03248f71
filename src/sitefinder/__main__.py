"""The entry point, `sitefinder` and `python -m sitefinder`.

It imports the command line itself, so that Ctrl-C while Python is still loading Typer and the app
(about a fifth of a second) says "interrupted" and exits 130, as it does once a command runs,
instead of printing the traceback of an import.
"""

import sys


def run() -> None:
    try:
        from sitefinder import cli

        cli.run()
    except KeyboardInterrupt:
        from sitefinder.exits import ExitCode
        from sitefinder.output.streams import notice

        notice("Error: interrupted")
        sys.exit(ExitCode.INTERRUPTED)


if __name__ == "__main__":
    run()
