"""Distances from a place to the sites, and the filters `list` and `near` share."""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence

from sitefinder.models import Place, RankedSite, Site, Trial
from sitefinder.regions import same_region
from sitefinder.status import effective_status
from sitefinder.text import fold


def geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance on the WGS-84 ellipsoid (Karney's algorithm, the one geopy's `geodesic` uses)."""
    from geographiclib.geodesic import Geodesic  # 2 ms; only `near` needs it

    return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE)["s12"] / 1000.0


# A sphere is at most about 0.56 % off the WGS-84 ellipsoid; with this margin the cheap distance
# can only rule out sites that the exact one would rule out too.
SPHERE_MARGIN = 1.01
SPHERE_SLACK_KM = 1.0


def sphere_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance: about 50 times cheaper than the geodesic, for pre-filtering."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi, half_dlambda = (phi2 - phi1) / 2, math.radians(lon2 - lon1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def rank_sites(origin: Place, sites: Iterable[Site], limit: int | None = None,
               within_km: float | None = None) -> list[RankedSite]:
    """Sites with coordinates, nearest first on the ellipsoid; sites at equal distance keep their file order.

    The exact geodesic is computed only for sites that the spherical distance cannot rule out.
    """
    placed = [site for site in sites if site.has_coordinates]
    rough = [sphere_km(origin.latitude, origin.longitude, site.latitude, site.longitude) for site in placed]
    cutoff = math.inf
    if limit is not None and len(rough) > limit:
        cutoff = heapq.nsmallest(limit, rough)[-1] * SPHERE_MARGIN + SPHERE_SLACK_KM
    if within_km is not None:
        cutoff = min(cutoff, within_km * SPHERE_MARGIN + SPHERE_SLACK_KM)
    ranked = [RankedSite(site, geodesic_km(origin.latitude, origin.longitude, site.latitude, site.longitude))
              for site, distance in zip(placed, rough) if distance <= cutoff]
    ranked.sort(key=lambda entry: entry.distance_km)  # stable: ties stay in file order
    if within_km is not None:
        ranked = [entry for entry in ranked if entry.distance_km <= within_km]
    return ranked[:limit] if limit is not None else ranked


def filter_sites(sites: Iterable[Site], trial: Trial, province: str | None = None, city: str | None = None,
                 status: str | None = None) -> list[Site]:
    """The sites matching every filter given; `status` compares the status shown (site's, else trial's)."""
    city_key = fold(city) if city else None
    return [
        site for site in sites
        if (province is None or same_region(site.province, province))
        and (city_key is None or fold(site.city) == city_key)
        and (status is None or effective_status(site.status, trial.overall_status)[0] == status)
    ]


def sort_by_region(sites: Sequence[Site]) -> list[Site]:
    """Province, then city, then id: how people scan a list of sites."""
    return sorted(sites, key=lambda site: (fold(site.province), fold(site.city), site.id))
