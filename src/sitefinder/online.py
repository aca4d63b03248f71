"""Opt-in online geocoding through geopy's Nominatim, with a cache in the user's cache directory.

Only reached with --online (or SITEFINDER_ONLINE=1), and only when the offline gazetteer missed:
that is the one moment a place name leaves the machine. geopy's requests go through `web.get`
(`_BoundedAdapter`), so the whole request is bounded in time and size and never follows a redirect
to another host. Only valid places are cached; a bad cache entry is ignored.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sitefinder.errors import NetworkError, PlaceNotFound
from sitefinder.models import Place, Resolution
from sitefinder.paths import cache_dir, replace_atomically
from sitefinder.text import clean_query, quoted
from sitefinder.wording import said

NOMINATIM_URL = "https://nominatim.openstreetmap.org"
CACHE_FILE = "geocode-cache.json"
CACHE_VERSION = 1
MAX_ANSWER_BYTES = 2 * 1024 * 1024  # Nominatim's answer for one place is a few KB
MAX_CACHE_BYTES = 16 * 1024 * 1024


def geocode_online(query: str, suggestions: list[str] | None = None) -> Resolution:
    from sitefinder.web import service_url, shown_url, timeout_seconds, url_key

    text = clean_query(query)
    key = text.casefold()
    endpoint = service_url("SITEFINDER_NOMINATIM_URL", NOMINATIM_URL)
    timeout_seconds()  # junk in SITEFINDER_TIMEOUT is said before the cache is read
    shown = shown_url(endpoint)  # its host: no password, no whole URL in a message
    cache = GeocodeCache(cache_dir() / CACHE_FILE)
    cached = cache.get(url_key(endpoint), key)
    if cached is not None:
        return Resolution(query=query, place=cached, notes=cache.notes)
    place = _ask_nominatim(text, endpoint, shown)
    if place is None:
        raise PlaceNotFound(text, suggestions, hint=f"neither the offline gazetteer nor {shown} knows it")
    cache.put(url_key(endpoint), key, place)
    return Resolution(query=query, place=place, notes=cache.notes)


def _ask_nominatim(text: str, endpoint: str, shown: str) -> Place | None:
    from geopy.exc import GeopyError
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim

    from sitefinder import __version__
    from sitefinder.web import timeout_seconds

    parts = urlsplit(endpoint if "://" in endpoint else f"https://{endpoint}")
    geocoder = Nominatim(user_agent=f"sitefinder/{__version__} (clinical trial site finder)",
                         domain=parts.netloc + parts.path, scheme=parts.scheme or "https", timeout=timeout_seconds(),
                         adapter_factory=_bounded_adapter)
    # Nominatim's usage policy allows one request a second; the rate limiter keeps to it, and
    # errors are raised rather than retried so that a failing server costs one timeout, not three.
    geocode = RateLimiter(geocoder.geocode, min_delay_seconds=1.0, max_retries=0, swallow_exceptions=False)
    import warnings

    try:
        with warnings.catch_warnings():  # geopy warns on stderr about odd coordinates: they are refused below
            warnings.simplefilter("ignore")
            location = geocode(text, exactly_one=True, addressdetails=True, language="en")
    except GeopyError as exc:
        raise NetworkError(key="geocoder.failed", url=shown, name=type(exc).__name__) from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:  # a malformed answer
        raise NetworkError(key="geocoder.malformed", url=shown, detail=type(exc).__name__) from None
    if location is None:
        return None
    return _place_from(location.raw, location.latitude, location.longitude, text, shown)


def _bounded_adapter(**options: Any) -> Any:
    """A geopy adapter whose every request is `web.get`'s: one deadline, a size cap, no cross-host redirect."""
    from geopy.adapters import BaseSyncAdapter

    from sitefinder.web import get, shown_url

    class BoundedAdapter(BaseSyncAdapter):
        def get_text(self, url: str, *, timeout: float, headers: dict[str, str]) -> str:
            body = get(url, max_bytes=MAX_ANSWER_BYTES, service=said("service.geocoder"), headers=headers, timeout=timeout)
            return body.decode("utf-8", "replace")

        def get_json(self, url: str, *, timeout: float, headers: dict[str, str]) -> Any:
            text = self.get_text(url, timeout=timeout, headers=headers)
            try:
                return json.loads(text)
            except (ValueError, RecursionError):
                raise NetworkError(key="geocoder.not_json", url=shown_url(url)) from None

    return BoundedAdapter(**options)


def valid_coordinates(latitude: Any, longitude: Any) -> bool:
    """Finite numbers in range, by the one number reader (numbers.py): what may be shown, ranked or cached."""
    from sitefinder.numbers import is_coordinate

    return is_coordinate(latitude, 90) and is_coordinate(longitude, 180)


ADDRESS_FIELDS = ("city", "town", "village", "municipality", "county", "state", "country")


def _place_from(raw: Any, latitude: Any, longitude: Any, text: str, shown: str) -> Place:
    """The answer's own `lat`/`lon` (geopy reads null as 0 and `1_0` as 10), and its names, checked
    before anything is shown or cached; a malformed answer is a NetworkError that says which field."""
    from sitefinder.numbers import coordinate

    if not isinstance(raw, dict):
        raise NetworkError(key="geocoder.malformed", url=shown, detail=said("geocoder.detail.not_object"))
    numbers = {}
    for key, limit in (("lat", 90), ("lon", 180)):
        try:
            numbers[key] = coordinate(raw.get(key), limit)
        except ValueError as exc:
            raise NetworkError(key="geocoder.off_earth", url=shown, key_name=key, value=quoted(raw.get(key), 30),
                               problem=exc.args[0]) from None
    address = raw.get("address")
    if address is None:
        address = {}
    if not isinstance(address, dict):
        raise NetworkError(key="geocoder.malformed", url=shown, detail=said("geocoder.detail.address"))
    for key in ADDRESS_FIELDS:
        if address.get(key) is not None and not isinstance(address[key], str):
            raise NetworkError(key="geocoder.malformed", url=shown,
                               detail=said("geocoder.detail.field", field=key, type=type(address[key]).__name__))
    display = raw.get("display_name")
    if display is not None and not isinstance(display, str):
        raise NetworkError(key="geocoder.malformed", url=shown, detail=said("geocoder.detail.display"))
    name = next((address[key].strip() for key in ADDRESS_FIELDS[:5] if (address.get(key) or "").strip()),
                (display or text).split(",")[0].strip() or text)
    return Place(name=name[:200], province=(address.get("state") or "").strip()[:200],
                 country=(address.get("country") or "").strip()[:200],
                 latitude=numbers["lat"], longitude=numbers["lon"], source="nominatim")


class GeocodeCache:
    """A JSON file of past answers. Writes are atomic and merge with what another run wrote
    meanwhile (under a lock), so concurrent lookups keep each other's entries; a corrupt file is
    set aside with a notice, and a bad entry is ignored."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.notes: tuple[str, ...] = ()

    def _read(self, say: bool) -> dict[str, Any]:
        from sitefinder.paths import read_bounded

        try:
            data = json.loads(read_bounded(self.path, MAX_CACHE_BYTES).decode("utf-8"))
            if not isinstance(data, dict) or data.get("version") != CACHE_VERSION \
                    or not isinstance(data.get("entries"), dict):
                raise ValueError("unexpected layout")
            return data["entries"]
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, RecursionError) as exc:
            if say:
                self.notes = (f"Discarded the unreadable geocoding cache {self.path} ({exc.__class__.__name__}); "
                              "it will be rebuilt.",)
            return {}

    def get(self, endpoint: str, key: str) -> Place | None:
        entry = self._read(say=True).get(f"{endpoint} {key}")
        if not isinstance(entry, dict) or not valid_coordinates(entry.get("latitude"), entry.get("longitude")):
            return None  # absent or bad: ask again, and overwrite it
        if not all(isinstance(entry.get(field), str) for field in ("name", "province", "country")):
            return None
        return Place(name=entry["name"], province=entry["province"], country=entry["country"],
                     latitude=float(entry["latitude"]), longitude=float(entry["longitude"]), source="nominatim")

    def put(self, endpoint: str, key: str, place: Place) -> None:
        if not valid_coordinates(place.latitude, place.longitude):
            return
        try:
            with _locked(self.path):
                entries = self._read(say=False)  # what other runs wrote since this one read
                entries[f"{endpoint} {key}"] = {"name": place.name, "province": place.province,
                                                "country": place.country, "latitude": place.latitude,
                                                "longitude": place.longitude}
                text = json.dumps({"version": CACHE_VERSION, "entries": entries}, ensure_ascii=False, indent=1,
                                  allow_nan=False)
                replace_atomically(self.path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        except OSError as exc:  # an unwritable cache costs a repeat request later, nothing more
            self.notes += (f"Could not write the geocoding cache {self.path}: {exc.strerror or exc}",)


class _locked:
    """An exclusive lock on `<path>.lock` (POSIX flock); where there is no flock, no lock."""

    def __init__(self, path: Path) -> None:
        self.lock_path = path.with_name(path.name + ".lock")
        self.handle: Any = None

    def __enter__(self) -> None:
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = self.lock_path.open("a")
        try:
            import fcntl

            fcntl.flock(self.handle.fileno(), fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - Windows
            pass

    def __exit__(self, *exc: object) -> None:
        self.handle.close()  # closing releases the lock
