"""The one way sitefinder reads from the network: a bounded HTTP GET.

Used only when the user asks (`import --online`, `update`, `near --online`), for the registry and,
through `GeopyAdapter`, for the geocoder. What an answer can cost is bounded:
- time: SITEFINDER_TIMEOUT seconds for the whole request, not for each read (a server that sends
  one byte every half second cannot hold the command longer);
- size: at most `max_bytes`, whatever the server claims;
- place: a redirect to another host is refused (the query would leave for a host the user did not
  choose); credentials written in a URL are never repeated in a message.
"""

from __future__ import annotations

import os
import time
from typing import Any
from urllib.parse import unquote_plus, urljoin, urlsplit

from sitefinder.errors import NetworkError
from sitefinder.text import clipped

DEFAULT_TIMEOUT_SECONDS = 10.0
MAX_TIMEOUT_SECONDS = 3600.0  # an hour: beyond that a socket timeout is no bound at all
MAX_REDIRECTS = 3
_CHUNK = 64 * 1024


class HTTPStatusError(NetworkError):
    """The server answered with an error status."""

    def __init__(self, status: int, message: str = "", *, key: str = "", **values: object) -> None:
        self.status = status
        super().__init__(message, key=key, **values)


def timeout_seconds() -> float:
    """SITEFINDER_TIMEOUT, for a whole request; 10 seconds when unset or empty. Anything but a
    positive finite number of seconds (`abc`, `-1`, `0`, `inf`, `nan`, `1_0`) is a UsageError that
    names the variable: a silent default would hide the mistake."""
    from sitefinder.errors import UsageError
    from sitefinder.numbers import decimal

    text = os.environ.get("SITEFINDER_TIMEOUT", "")
    if not text.strip():
        return DEFAULT_TIMEOUT_SECONDS
    try:
        value = decimal(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= MAX_TIMEOUT_SECONDS:
        from sitefinder.text import quoted

        raise UsageError(key="usage.timeout", most=MAX_TIMEOUT_SECONDS, value=quoted(text, 40))
    return value


def service_url(variable: str, default: str) -> str:
    """The http(s) base URL in environment variable `variable` (`default` when unset or empty); anything
    else (no scheme, ftp://, a bare word, a bad port) is a UsageError that names the variable."""
    from sitefinder.errors import UsageError
    from sitefinder.text import quoted

    value = os.environ.get(variable)
    if value is None or not value.strip():
        return default
    text = value.strip().rstrip("/")
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - a bad port raises here
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise UsageError(key="usage.service_url", variable=variable, default=default, value=quoted(value, 40))
    return text


def shown_url(url: str) -> str:
    """The service's host (and port) as a message names it: where to look and what to check, never
    the whole request (an update of a dataset asks for 2,000 characters of ids at once) nor a
    user:password@ in it. A URL without a host (a mistyped SITEFINDER_CTGOV_URL) is cut short."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:  # "host:abc": no port to name
        port = None
    host = parts.hostname or ""
    if host:
        return f"{host}:{port}" if port else host
    return clipped(url)


def os_problem(exc: OSError) -> str:
    """Why a connection failed, in the catalogue's words where its errno is a common one (a message
    in Chinese says it in Chinese), else the system's own words, cut short."""
    import errno
    import socket

    from sitefinder.wording import said

    if isinstance(exc, socket.gaierror):
        return said("net.os.unknown_host")
    known = {errno.ECONNREFUSED: "refused", errno.ENETUNREACH: "no_network", errno.EHOSTUNREACH: "no_host",
             errno.ECONNRESET: "reset", errno.ETIMEDOUT: "timed_out"}
    if exc.errno in known:
        return said(f"net.os.{known[exc.errno]}")
    return clipped(str(exc.strerror or exc))


def url_key(url: str) -> str:
    """The URL without any user:password@ in it and its query as typed, to key what was asked of it
    (the geocoder's cache): never written in a message (see shown_url)."""
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        host = parts.hostname or ""
        parts = parts._replace(netloc=f"{host}:{parts.port}" if parts.port else host)
    shown = parts._replace(query="").geturl()
    return f"{shown}?{unquote_plus(parts.query)}" if parts.query else shown


def get(url: str, *, max_bytes: int, service: str, headers: dict[str, str] | None = None,
        timeout: float | None = None) -> bytes:
    """The body of a GET, or a NetworkError that says what went wrong in one line.

    `service` names the server in messages ("the registry").
    """
    import http.client
    import socket

    deadline = time.monotonic() + (timeout if timeout is not None else timeout_seconds())
    origin = urlsplit(url)
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise NetworkError(key="net.not_http", service=service, url=shown_url(url))
        connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        connection = connection_class(parts.hostname, parts.port, timeout=_remaining(deadline, url))
        try:
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            connection.request("GET", path, headers={"Host": parts.netloc.rpartition("@")[2], **(headers or {})})
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                target = urljoin(url, response.getheader("Location") or "")
                if urlsplit(target).netloc != origin.netloc:
                    raise NetworkError(key="net.redirect_host", service=service, url=shown_url(url),
                                       host=clipped(urlsplit(target).hostname or ""))
                url = target
                continue
            body = _read_bounded(response, connection, deadline, max_bytes, url, service)
            if response.status >= 400:
                raise HTTPStatusError(response.status, key="net.http_status", service=service, url=shown_url(url),
                                      code=response.status)
            return body
        except (TimeoutError, socket.timeout):
            raise NetworkError(key="net.timeout", service=service, url=shown_url(url),
                               seconds=timeout if timeout is not None else timeout_seconds()) from None
        except http.client.HTTPException as exc:
            raise NetworkError(key="net.broken", service=service, url=shown_url(url), name=type(exc).__name__) from None
        except OSError as exc:
            raise NetworkError(key="net.unreachable", service=service, url=shown_url(url), what=os_problem(exc)) from None
        finally:
            connection.close()
    raise NetworkError(key="net.redirects", service=service, url=shown_url(url), most=MAX_REDIRECTS)


def _remaining(deadline: float, url: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    return left


def _read_bounded(response: Any, connection: Any, deadline: float, max_bytes: int, url: str,
                  service: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        if connection.sock is not None:  # each read may only wait for what is left of the whole request
            connection.sock.settimeout(_remaining(deadline, url))
        # read1: at most one read of the socket, so that a trickling server cannot keep one call
        # waiting for a whole chunk past the deadline (read() loops until it has all it asked for).
        chunk = response.read1(min(_CHUNK, max_bytes + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise NetworkError(key="net.too_large", service=service, url=shown_url(url), most=max_bytes // (1024 * 1024))
        _remaining(deadline, url)
