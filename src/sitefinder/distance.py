"""Every distance sitefinder computes, and the one Earth radius it uses.

`geodesic_km` is the answer shown to people (WGS-84, as geopy's `geodesic`); `sphere_km` is a
cheap bound used to rule sites out before the exact distance is computed, and to tell one city
from another in the gazetteer; `box_degrees` turns a radius into the one latitude/longitude box
that SQL searches (`bounding_box` as a condition); `distinct_places` is the one "same place" rule.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable

from sitefinder.models import Place, RankedSite, Site

EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG), for the spherical approximations
# A sphere is at most about 0.56 % off the WGS-84 ellipsoid; with this margin the cheap distance
# can only rule out sites that the exact one would rule out too.
SPHERE_MARGIN = 1.01
SPHERE_SLACK_KM = 1.0
_KM_PER_DEGREE_LATITUDE = 110.574  # the shortest degree of latitude, at the equator
_KM_PER_DEGREE_LONGITUDE = 111.320  # a degree of longitude at the equator
# Same-name records closer than this are one place (GeoNames often has a city and its core district).
SAME_PLACE_KM = 30.0


def geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance on the WGS-84 ellipsoid (Karney's algorithm, the one geopy's `geodesic` uses)."""
    from geographiclib.geodesic import Geodesic  # 2 ms; only `near` needs it

    return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE)["s12"] / 1000.0


def sphere_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance: about 50 times cheaper than the geodesic."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi, half_dlambda = (phi2 - phi1) / 2, math.radians(lon2 - lon1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def spread_around(latitude: float, longitude: float, people: Iterable[tuple[float, float, int]],
                  within_km: float) -> tuple[float, float]:
    """How a division's people (latitude, longitude, population of each place) lie around a point:
    the share within `within_km` of it, and the distance within which nine in ten of them live."""
    by_distance = sorted((sphere_km(latitude, longitude, lat, lon), population) for lat, lon, population in people)
    total = sum(population for _, population in by_distance)
    if not by_distance or not total:
        return 0.0, 0.0
    near = sum(population for km, population in by_distance if km <= within_km)
    counted = 0
    for km, population in by_distance:
        counted += population
        if counted >= 0.9 * total:
            return near / total, km
    return near / total, by_distance[-1][0]


# The order of sites at the same shown distance, by a key of their sites (queries.tie_order); None: as given.
TieOrder = Callable[[Site], tuple[bool, bool, int]] | None


def shown_km(km: float) -> float:
    """A distance as every view and JSON show it (to 0.1 km): sites at the same shown distance are
    as near as each other, whatever metres apart their points are."""
    return round(km, 1)


def nearest_first(ranked: Iterable[RankedSite], tie_order: TieOrder = None,
                  limit: int | None = None) -> list[RankedSite]:
    """Ranked sites nearest first, the first `limit`; those at the same shown distance (one hospital's
    point, one city's centre) in `tie_order`, else as given. Only the ties the limit reaches are ordered."""
    ordered = sorted(ranked, key=lambda entry: entry.distance_km)  # stable: ties stay as given
    if tie_order is None:
        return ordered[:limit] if limit is not None else ordered
    end = len(ordered) if limit is None else min(limit, len(ordered))
    kept: list[RankedSite] = []
    start = 0
    while start < end:
        km = shown_km(ordered[start].distance_km)
        stop = start + 1
        while stop < len(ordered) and shown_km(ordered[stop].distance_km) == km:
            stop += 1
        group = ordered[start:stop]
        kept += sorted(group, key=lambda entry: tie_order(entry.site)) if len(group) > 1 else group
        start = stop
    return kept[:limit] if limit is not None else kept


def rank_sites(origin: Place, sites: Iterable[Site], limit: int | None = None,
               within_km: float | None = None, tie_order: TieOrder = None) -> list[RankedSite]:
    """Sites with coordinates, nearest first on the ellipsoid; sites at the same shown distance in
    `tie_order` (nearest_first), else in file order.

    The exact geodesic is computed only for sites that the spherical distance cannot rule out (with
    a slack of a kilometre: every site tied with the last kept, to 0.1 km, is among them).
    """
    # (site, latitude, longitude): the point spelt out, so that the types say it is there
    placed = [(site, site.latitude, site.longitude) for site in sites
              if site.latitude is not None and site.longitude is not None]
    rough = [sphere_km(origin.latitude, origin.longitude, latitude, longitude) for _, latitude, longitude in placed]
    cutoff = math.inf
    if limit is not None and len(rough) > limit:
        cutoff = heapq.nsmallest(limit, rough)[-1] * SPHERE_MARGIN + SPHERE_SLACK_KM
    if within_km is not None:
        cutoff = min(cutoff, within_km * SPHERE_MARGIN + SPHERE_SLACK_KM)
    ranked = [RankedSite(site, geodesic_km(origin.latitude, origin.longitude, latitude, longitude))
              for (site, latitude, longitude), distance in zip(placed, rough) if distance <= cutoff]
    if within_km is not None:
        ranked = [entry for entry in ranked if entry.distance_km <= within_km]
    return nearest_first(ranked, tie_order, limit)


def box_degrees(latitude: float, longitude: float, radius_km: float) -> tuple[float, float, float, float]:
    """South, north, west, east of a latitude/longitude box holding every point within `radius_km`
    (with the sphere's margin): the one box sitefinder draws. Longitude is scaled by the cosine of
    the box's widest latitude: at 60°N a degree of longitude is 56 km, so a box of `km / 111` on
    both axes reaches half the distance east and west (Västerås is 60 km from Örebro county)."""
    dlat = radius_km * SPHERE_MARGIN / _KM_PER_DEGREE_LATITUDE
    south, north = latitude - dlat, latitude + dlat
    if south <= -90 or north >= 90:
        return max(south, -90.0), min(north, 90.0), -180.0, 180.0
    widest = math.cos(math.radians(max(abs(south), abs(north))))
    dlon = radius_km * SPHERE_MARGIN / (_KM_PER_DEGREE_LONGITUDE * widest)
    if dlon >= 180:
        return south, north, -180.0, 180.0
    return south, north, longitude - dlon, longitude + dlon


def bounding_box(latitude: float, longitude: float, radius_km: float) -> tuple[str, list[float]]:
    """A SQL condition on `latitude`/`longitude` columns that holds every point within `radius_km`
    (box_degrees), and its parameters; a box across the antimeridian is two longitude ranges."""
    south, north, west, east = box_degrees(latitude, longitude, radius_km)
    if west <= -180 and east >= 180:
        return "latitude BETWEEN ? AND ?", [south, north]
    if west < -180:
        return ("latitude BETWEEN ? AND ? AND (longitude >= ? OR longitude <= ?)", [south, north, west + 360, east])
    if east > 180:
        return ("latitude BETWEEN ? AND ? AND (longitude >= ? OR longitude <= ?)", [south, north, west, east - 360])
    return "latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?", [south, north, west, east]


def in_box(latitude: float, longitude: float, radius_km: float, point_latitude: float, point_longitude: float) -> bool:
    """Whether a point is inside the box bounding_box draws around (latitude, longitude): the same
    test in Python as the SQL condition, so that a file read into memory and its index agree."""
    south, north, west, east = box_degrees(latitude, longitude, radius_km)
    if not south <= point_latitude <= north:
        return False
    if west <= -180 and east >= 180:
        return True
    if west < -180:
        return point_longitude >= west + 360 or point_longitude <= east
    if east > 180:
        return point_longitude >= west or point_longitude <= east - 360
    return west <= point_longitude <= east


def distinct_places(ranked: Iterable[Place]) -> list[Place]:
    """Same-name places that are really different places, in the order given (the first of each
    stands for it): records of one country within SAME_PLACE_KM of one kept before are one place,
    a city and its core district, which GeoNames often lists both. `near`'s ambiguity notice and
    import's namesake rules both count namesakes with this."""
    distinct: list[Place] = []
    for place in ranked:
        if not any(other.country == place.country and sphere_km(other.latitude, other.longitude, place.latitude,
                                                                 place.longitude) < SAME_PLACE_KM
                   for other in distinct):
            distinct.append(place)
    return distinct
