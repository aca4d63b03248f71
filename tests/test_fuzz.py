"""Fuzzing the command line: whatever people type or scripts pipe, the contract holds.

Fixed seed (derandomize), bounded examples. The normal test run tries about 1,200 command lines;
`.ci/run` sets SITEFINDER_FUZZ_SCALE=5 for about 6,000 (the README's reliability section).
"""

from __future__ import annotations

import json
import os
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import listing_exit, run_cli

from sitefinder.text import has_cjk

SCALE = float(os.environ.get("SITEFINDER_FUZZ_SCALE", "1"))
FUZZ = settings(derandomize=True, deadline=None, max_examples=int(250 * SCALE),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
# What one run may cost: the CPU time of this process (CliRunner runs in it), not the wall clock,
# which a loaded machine stretches (load 15 failed a 0.4 s run); a runaway input still exceeds it.
PER_RUN_SECONDS = 1.0

junk_text = st.text(max_size=40)
number_like = st.one_of(st.integers(-10**12, 10**12).map(str), st.floats(allow_nan=True).map(str),
                        st.sampled_from(["", "nan", "inf", "-inf", "1e400", "0x10", "五", "١٢", " 3 ", "--json"]),
                        junk_text)
statuses = st.one_of(st.sampled_from(["recruiting", "Not Yet Recruiting", "not_yet_recruiting", "COMPLETED",
                                      "active, not recruiting", ""]), junk_text)
formats = st.one_of(st.sampled_from(["table", "json", "csv", "JSON", "xml", ""]), junk_text)
provinces = st.one_of(st.sampled_from(["Shandong", "山东省", "shanxi", "Shaanxi", "Hong Kong", "Oregon", ""]), junk_text)
coordinates = st.one_of(
    st.tuples(st.floats(-200, 200), st.floats(-400, 400)).map(lambda p: f"{p[0]},{p[1]}"),
    st.tuples(st.integers(-1000, 1000), st.integers(-1000, 1000)).map(lambda p: f"{p[0]} {p[1]}"),
)
trial_ids = st.one_of(st.sampled_from(["NCT07010263", "nct07010263", "NCT00000001", "NCT1", ""]), junk_text)
conditions = st.one_of(st.sampled_from(["lung", "small cell lung", "NON-small-cell", ",;", ""]), junk_text)
groupings = st.one_of(st.sampled_from(["hospital", "site", "HOSPITAL", ""]), junk_text)
places = st.one_of(junk_text, coordinates, st.sampled_from(
    ["Guangzhou", "广州", "Taizhou", "江苏泰州", "Guangzou", "Xi'an", "", " ", "\x1b[31m", "🏥", "a" * 300]))


def options(draw, names: dict[str, st.SearchStrategy]) -> list[str]:
    args: list[str] = []
    for flag, values in names.items():
        if draw(st.booleans()):
            args += [flag, draw(values)]
    if draw(st.booleans()):
        args.append("--json")
    return args


@st.composite
def near_command(draw) -> list[str]:
    return ["near", draw(places)] + options(draw, {"--limit": number_like, "--within": number_like,
                                                   "--status": statuses, "--format": formats,
                                                   "--province": provinces, "--trial": trial_ids,
                                                   "--condition": conditions, "--by": groupings})


@st.composite
def list_command(draw) -> list[str]:
    return ["list"] + options(draw, {"--province": provinces, "--city": junk_text, "--status": statuses,
                                     "--format": formats, "--trial": trial_ids, "--condition": conditions})


@st.composite
def show_command(draw) -> list[str]:
    site = draw(st.one_of(st.integers(-5, 60).map(str), junk_text, st.sampled_from(["Qingdao", "Hunan", "hospital"])))
    return ["show", site] + options(draw, {"--format": formats})


@st.composite
def any_words(draw) -> list[str]:
    return draw(st.lists(st.one_of(junk_text, st.sampled_from(["near", "list", "show", "info", "--json", "-n",
                                                                "--limit", "--within", "--sites", "-h"])),
                         max_size=5))


def check_contract(args: list[str]) -> None:
    started = time.process_time()
    run = run_cli(*args)
    elapsed = time.process_time() - started
    assert run.exit_code in (0, 1, 2), (args, run.exit_code, run.stderr)
    assert run.exception is None or isinstance(run.exception, SystemExit), (args, repr(run.exception))
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout, args
    # the prefix of an error in the answer's language: Chinese when anything typed is (the locale is C here)
    prefix = "错误：" if has_cjk(" ".join(args)) else "Error: "
    if run.exit_code == 1 and not run.stderr.startswith(prefix):
        # nothing found: why, on stderr; on stdout only an empty listing (a table prints nothing)
        assert run.stderr.strip(), args
        if "--json" in args and not run.stdout.lstrip().startswith("Usage"):
            assert listing_exit(json.loads(run.stdout)) == 1, (args, run.stdout)
        elif "--format" not in args:
            assert run.stdout == "", (args, run.stdout)
    elif run.exit_code != 0:
        assert run.stdout == "", (args, run.stdout)
        assert run.stderr.startswith(prefix) and run.stderr.count("\n") == 1, (args, run.stderr)
        assert len(run.stderr) < 600, (args, run.stderr)
    elif "--json" in args and args[0] in ("near", "list", "show", "info") and not run.stdout.lstrip().startswith("Usage"):
        json.loads(run.stdout)  # valid JSON, whatever went in (-h and --help print help, as they should)
    assert elapsed < PER_RUN_SECONDS, (args, elapsed)


@FUZZ
@given(near_command())
def test_fuzz_near(args: list[str]) -> None:
    check_contract(args)


@FUZZ
@given(list_command())
def test_fuzz_list(args: list[str]) -> None:
    check_contract(args)


@FUZZ
@given(show_command())
def test_fuzz_show(args: list[str]) -> None:
    check_contract(args)


@settings(FUZZ, max_examples=int(400 * SCALE))
@given(any_words())
def test_fuzz_any_command_line(args: list[str]) -> None:
    check_contract(args)


@settings(FUZZ, max_examples=int(40 * SCALE))
@given(st.lists(number_like, min_size=0, max_size=1))
def test_fuzz_info(extra: list[str]) -> None:
    check_contract(["info", "--json", *extra])


# The network's environment variables: junk in them is one line naming the variable (exit 2), a
# good value reaches only the fake services on 127.0.0.1 (nothing else is ever contacted).
def _offline_url(text: str) -> bool:
    from urllib.parse import urlsplit

    if not text.strip():
        return False  # empty is unset: the real service's default address
    try:
        parts = urlsplit(text.strip())
        host = parts.hostname
    except ValueError:
        return True
    return parts.scheme.lower() not in ("http", "https") or not host or host == "127.0.0.1"


urls = st.one_of(junk_text, st.sampled_from(["ftp://example.org", "example.org", "registry", "http://", "https://:80",
                                             "http://[::1", "file:///etc/passwd", " ", "http://127.0.0.1:0"]))


_SERVICES: list = []


def _services():
    """One fake registry and geocoder for every example (starting and stopping one costs half a second)."""
    from fake_services import FakeServices

    if not _SERVICES:
        fake = FakeServices().__enter__()
        module = fake.studies["NCT07010263"]["protocolSection"]["contactsLocationsModule"]
        module["locations"] = module["locations"][:3]  # quick to place: the contract's second holds
        _SERVICES.append(fake)
    return _SERVICES[0]


@settings(FUZZ, max_examples=int(60 * SCALE))
@given(st.sampled_from(["SITEFINDER_CTGOV_URL", "SITEFINDER_NOMINATIM_URL", "SITEFINDER_TIMEOUT"]),
       st.one_of(urls, number_like), st.booleans())
def test_fuzz_network_variables(variable: str, value: str, good_url: bool) -> None:
    if "URL" in variable and not _offline_url(value):
        return  # a real host: never contacted from the tests
    fake = _services()
    env = {"SITEFINDER_CTGOV_URL": fake.url, "SITEFINDER_NOMINATIM_URL": fake.url, "SITEFINDER_TIMEOUT": "2"}
    env[variable] = value if not good_url or "URL" not in variable else fake.url
    args = ["update", "--json"] if "NOMINATIM" not in variable else ["near", "Atlantis Springs", "--online"]
    started = time.perf_counter()
    run = run_cli(*args, env=env)
    assert run.exit_code in (0, 1, 2), (variable, value, run.stderr)
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, (variable, value, run.stderr)
    if run.exit_code != 0:
        assert run.stdout == "" and run.stderr.startswith("Error: ") and run.stderr.count("\n") == 1, run.stderr
    if run.exit_code == 2:
        assert variable in run.stderr, (variable, value, run.stderr)
    assert time.perf_counter() - started < 3 * PER_RUN_SECONDS, (variable, value)
