"""Distances from a place to the sites, and the filters `list` and `near` share."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sitefinder.models import Place, RankedSite, Site, Trial
from sitefinder.regions import same_region
from sitefinder.status import effective_status
from sitefinder.text import fold


def geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance on the WGS-84 ellipsoid (Karney's algorithm, the one geopy's `geodesic` uses)."""
    from geographiclib.geodesic import Geodesic  # 2 ms; only `near` needs it

    return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE)["s12"] / 1000.0


def rank_sites(origin: Place, sites: Iterable[Site], limit: int | None = None,
               within_km: float | None = None) -> list[RankedSite]:
    """Sites with coordinates, nearest first; sites at equal distance keep their file order."""
    ranked = [RankedSite(site, geodesic_km(origin.latitude, origin.longitude, site.latitude, site.longitude))
              for site in sites if site.has_coordinates]
    ranked.sort(key=lambda entry: entry.distance_km)  # stable: ties stay in registry order
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
    """Province, then city, then file order: how people scan a list of sites."""
    return sorted(sites, key=lambda site: (fold(site.province), fold(site.city), site.id))
