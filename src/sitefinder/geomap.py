"""`sitefinder map`: the region around a place and its nearest sites, as a scene of lines and points.

Pure functions from the shipped geometry (data/map.json, built by scripts/build_map.py from Natural
Earth) and a `near` answer to a `Scene`: a view (a longitude/latitude box), the coast and border lines
inside it, the land rings (for files), the origin and the numbered sites, all projected to the unit
square of the view. `mapdraw` turns a scene into braille for a terminal, or into SVG and HTML.

The projection is equirectangular, its x axis scaled by the cosine of the view's middle latitude, so
that a local view is true to shape and a world view is the familiar plate carrée.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from sitefinder.distance import EARTH_RADIUS_KM
from sitefinder.errors import SitefinderError
from sitefinder.models import Place, RankedSite

VIEWS = ("fit", "country", "world")
MIN_SPAN_KM = 400.0  # a view of one nearby site still shows the land around it
PADDING = 0.18  # of the span, on every side of what must be seen
WORLD = (-180.0, -58.0, 180.0, 84.0)  # west, south, east, north: the inhabited latitudes


class View(NamedTuple):
    west: float
    south: float
    east: float
    north: float

    @property
    def x_scale(self) -> float:
        """How much shorter a degree of longitude is than one of latitude, in the middle of the view."""
        return math.cos(math.radians((self.south + self.north) / 2))

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        """(x, y) in the unit square of the view: x east, y down (as screens and SVG count)."""
        return (lon - self.west) / (self.east - self.west), (self.north - lat) / (self.north - self.south)

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north

    def aspect(self) -> float:
        """Width over height of the view, true to distance."""
        return (self.east - self.west) * self.x_scale / (self.north - self.south)


class Marker(NamedTuple):
    rank: int  # as in `near`'s table
    entry: RankedSite
    x: float
    y: float


class Scene(NamedTuple):
    view: View
    coast: list[list[tuple[float, float]]]  # projected polylines
    borders: list[list[tuple[float, float]]]
    land: list[list[tuple[float, float]]]  # projected rings, for files (terminals draw lines only)
    origin: tuple[float, float] | None  # projected; None when outside the view
    place: Place
    markers: list[Marker]


@functools.lru_cache(maxsize=1)
def _geometry() -> dict:
    from sitefinder.paths import data_dir, read_bounded

    path = data_dir() / "map.json"
    try:
        return json.loads(read_bounded(path, 4 * 1024 * 1024).decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise SitefinderError(key="error.map_unreadable", path=path, detail=exc) from None


def choose_view(kind: str, place: Place, sites: Sequence[RankedSite], aspect: float,
                country_box: tuple[float, float, float, float] | None = None) -> View:
    """The box to draw, widened to `aspect` (width over height, in true distance).

    fit: the place and the sites shown, with a margin; country: the place's country (`country_box`);
    world: the inhabited world.
    """
    if kind == "world":
        west, south, east, north = WORLD
    elif kind == "country" and country_box is not None:
        west, south, east, north = country_box
    else:
        points = list(_site_points(sites))
        lons = [place.longitude, *(longitude for _, _, longitude in points)]
        lats = [place.latitude, *(latitude for _, latitude, _ in points)]
        west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    middle = math.cos(math.radians((south + north) / 2)) or 1e-6
    min_lat_span = MIN_SPAN_KM / 111.2
    lat_span = max(north - south, min_lat_span)
    lon_span = max(east - west, min_lat_span / middle)
    if kind != "world":
        lat_span, lon_span = lat_span * (1 + 2 * PADDING), lon_span * (1 + 2 * PADDING)
    # widen the narrower side to the canvas' shape
    if lon_span * middle / lat_span < aspect:
        lon_span = lat_span * aspect / middle
    else:
        lat_span = lon_span * middle / aspect
    centre_lon, centre_lat = (west + east) / 2, (south + north) / 2
    south, north = centre_lat - lat_span / 2, centre_lat + lat_span / 2
    if south < -89.9 or north > 89.9:  # keep to the earth; the shape gives a little near the poles
        shift = (-89.9 - south) if south < -89.9 else (89.9 - north)
        south, north = max(south + shift, -89.9), min(north + shift, 89.9)
    return View(centre_lon - lon_span / 2, south, centre_lon + lon_span / 2, north)


def scene(view: View, place: Place, sites: Sequence[RankedSite], with_land: bool = False) -> Scene:
    """The lines, rings and markers inside a view, projected."""
    geometry = _geometry()
    scale = geometry["scale"]
    box = (view.west * scale, view.south * scale, view.east * scale, view.north * scale)
    boxes, arcs = geometry["boxes"], geometry["arcs"]

    def visible(index: int) -> bool:
        west, south, east, north = boxes[index]
        return west <= box[2] and east >= box[0] and south <= box[3] and north >= box[1]

    def line(index: int) -> list[tuple[float, float]]:
        return [view.project(x / scale, y / scale) for x, y in _points(arcs[index])]

    coast = [line(index) for index in geometry["coast"] if visible(index)]
    borders = [line(index) for index in geometry["borders"] if visible(index)]
    land = []
    if with_land:
        for ring in geometry["land"]:
            if any(visible(reference if reference >= 0 else ~reference) for reference in ring):
                land.append(_ring(ring, arcs, scale, view))
    origin = view.project(place.longitude, place.latitude) if view.contains(place.longitude, place.latitude) else None
    markers = [Marker(rank, entry, *view.project(longitude, latitude))
               for rank, (entry, latitude, longitude) in enumerate(_site_points(sites), 1)
               if view.contains(longitude, latitude)]
    return Scene(view, coast, borders, land, origin, place, markers)


def _site_points(sites: Iterable[RankedSite]) -> Iterator[tuple[RankedSite, float, float]]:
    """(entry, latitude, longitude) of each ranked site: rank_sites ranks only sites with a point,
    so none is skipped; the check is there for the types, which cannot follow has_coordinates."""
    for entry in sites:
        if entry.site.latitude is not None and entry.site.longitude is not None:
            yield entry, entry.site.latitude, entry.site.longitude


def _points(flat: list[int]) -> Iterator[tuple[int, int]]:
    x, y = flat[0], flat[1]
    yield x, y
    for index in range(2, len(flat), 2):
        x, y = x + flat[index], y + flat[index + 1]
        yield x, y


def _ring(ring: list[int], arcs: list[list[int]], scale: int, view: View) -> list[tuple[float, float]]:
    points: list[tuple[int, int]] = []
    for reference in ring:
        arc = list(_points(arcs[reference if reference >= 0 else ~reference]))
        if reference < 0:
            arc.reverse()
        points.extend(arc[1:] if points else arc)
    return [view.project(x / scale, y / scale) for x, y in points]


def circle(place: Place, radius_km: float, steps: int = 72) -> list[tuple[float, float]]:
    """(lon, lat) points `radius_km` from a place, all around (on a sphere: a drawing, not a survey)."""
    lat1, lon1 = math.radians(place.latitude), math.radians(place.longitude)
    angular = radius_km / EARTH_RADIUS_KM
    points = []
    for step in range(steps + 1):
        bearing = 2 * math.pi * step / steps
        lat2 = math.asin(math.sin(lat1) * math.cos(angular) + math.cos(lat1) * math.sin(angular) * math.cos(bearing))
        lon2 = lon1 + math.atan2(math.sin(bearing) * math.sin(angular) * math.cos(lat1),
                                 math.cos(angular) - math.sin(lat1) * math.sin(lat2))
        points.append((math.degrees(lon2), math.degrees(lat2)))
    return points


def nice_distance(km: float) -> float:
    """The largest of 1, 2, 5 × 10ⁿ km not above `km`: for scale bars and distance rings."""
    if km <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(km))
    return max(step * power for step in (1, 2, 5) if step * power <= km)


def view_width_km(view: View) -> float:
    return (view.east - view.west) * 111.32 * view.x_scale
