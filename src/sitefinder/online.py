"""Opt-in online geocoding through geopy's Nominatim, with a cache in the user's cache directory.

Only reached with --online (or SITEFINDER_ONLINE=1), and only when the offline gazetteer missed:
that is the one moment a place name leaves the machine.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sitefinder.errors import NetworkError, PlaceNotFound
from sitefinder.models import Place, Resolution
from sitefinder.paths import cache_dir, replace_atomically
from sitefinder.text import clean_query

NOMINATIM_URL = "https://nominatim.openstreetmap.org"
CACHE_FILE = "geocode-cache.json"
CACHE_VERSION = 1


def geocode_online(query: str, suggestions: list[str] | None = None) -> Resolution:
    text = clean_query(query)
    key = text.casefold()
    endpoint = os.environ.get("SITEFINDER_NOMINATIM_URL", NOMINATIM_URL).rstrip("/")
    cache = GeocodeCache(cache_dir() / CACHE_FILE)
    cached = cache.get(endpoint, key)
    if cached is not None:
        return Resolution(query=query, place=cached, notes=cache.notes)
    place = _ask_nominatim(text, endpoint)
    if place is None:
        raise PlaceNotFound(text, suggestions, hint=f"neither the offline gazetteer nor {endpoint} knows it")
    cache.put(endpoint, key, place)
    return Resolution(query=query, place=place, notes=cache.notes)


def _ask_nominatim(text: str, endpoint: str) -> Place | None:
    from geopy.exc import GeopyError
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim

    from sitefinder import __version__
    from sitefinder.importer import timeout_seconds

    parts = urlsplit(endpoint if "://" in endpoint else f"https://{endpoint}")
    geocoder = Nominatim(user_agent=f"sitefinder/{__version__} (clinical trial site finder)",
                         domain=parts.netloc + parts.path, scheme=parts.scheme or "https", timeout=timeout_seconds())
    # Nominatim's usage policy allows one request a second; the rate limiter keeps to it, and
    # errors are raised rather than retried so that a failing server costs one timeout, not three.
    geocode = RateLimiter(geocoder.geocode, min_delay_seconds=1.0, max_retries=0, swallow_exceptions=False)
    try:
        location = geocode(text, exactly_one=True, addressdetails=True, language="en")
    except GeopyError as exc:
        raise NetworkError(f"the geocoder at {endpoint} failed: {type(exc).__name__}: {exc}".rstrip(": ")) from None
    except (ValueError, KeyError, TypeError) as exc:  # a malformed answer
        raise NetworkError(f"the geocoder at {endpoint} gave a malformed answer ({type(exc).__name__})") from None
    if location is None:
        return None
    return _place_from(location.raw, location.latitude, location.longitude, text)


def _place_from(raw: Any, latitude: float, longitude: float, text: str) -> Place:
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise NetworkError("the geocoder answered coordinates out of range")
    address = raw.get("address", {}) if isinstance(raw, dict) else {}
    display = str(raw.get("display_name", text)) if isinstance(raw, dict) else text
    name = next((str(address[key]) for key in ("city", "town", "village", "municipality", "county")
                 if address.get(key)), display.split(",")[0].strip())
    return Place(name=name, province=str(address.get("state", "")), country=str(address.get("country", "")),
                 latitude=float(latitude), longitude=float(longitude), source="nominatim")


class GeocodeCache:
    """A JSON file of past answers. Writes are atomic; a corrupt file is set aside with a notice."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.notes: tuple[str, ...] = ()
        self._entries: dict[str, dict[str, Any]] | None = None

    def _load(self) -> dict[str, dict[str, Any]]:
        if self._entries is None:
            self._entries = {}
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if not isinstance(data, dict) or data.get("version") != CACHE_VERSION \
                        or not isinstance(data.get("entries"), dict):
                    raise ValueError("unexpected layout")
                self._entries = data["entries"]
            except FileNotFoundError:
                pass
            except (OSError, ValueError) as exc:
                self.notes = (f"Discarded the unreadable geocoding cache {self.path} ({exc.__class__.__name__}); "
                              "it will be rebuilt.",)
        return self._entries

    def get(self, endpoint: str, key: str) -> Place | None:
        entry = self._load().get(f"{endpoint} {key}")
        try:
            return Place(name=entry["name"], province=entry["province"], country=entry["country"],
                         latitude=float(entry["latitude"]), longitude=float(entry["longitude"]),
                         source="nominatim") if entry else None
        except (KeyError, TypeError, ValueError):
            return None  # one bad entry: ask again, and overwrite it

    def put(self, endpoint: str, key: str, place: Place) -> None:
        entries = self._load()
        entries[f"{endpoint} {key}"] = {"name": place.name, "province": place.province, "country": place.country,
                                        "latitude": place.latitude, "longitude": place.longitude}
        text = json.dumps({"version": CACHE_VERSION, "entries": entries}, ensure_ascii=False, indent=1)
        try:
            replace_atomically(self.path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        except OSError as exc:  # an unwritable cache costs a repeat request later, nothing more
            self.notes += (f"Could not write the geocoding cache {self.path}: {exc.strerror or exc}",)
