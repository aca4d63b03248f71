"""Sites at the same distance (one hospital's point, one city's centre: the same distance as shown,
to 0.1 km) come recruiting first, then those with a phone or e-mail of their own, then by id:
`near 郑州 --limit 3` showed three sites not yet recruiting and without a phone, and hid the one
recruiting with a phone behind "1 more site as near". Generated over random ties, in a sites file
read whole and through its index, by near (every limit), --by hospital and map."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from conftest import make_site, run_cli
from sitefinder.models import Contact

STATUSES = ("RECRUITING", "NOT_YET_RECRUITING", "COMPLETED", "ENROLLING_BY_INVITATION", None)
# Guangzhou's point, a point 40 m from it (shown 0.0 km too) and one 160 m off (0.2 km: not tied)
POINTS = ((23.11667, 113.25), (23.11667, 113.25039), (23.11667, 113.25156))


def _contact(site_id: int, kind: int) -> tuple[Contact, ...]:
    reach = ({}, {"phone": "+86 20 8734 3000"}, {"email": f"site{site_id}@example.org"})[kind]
    return (Contact(name=f"Doctor {site_id}", role="PRIMARY", **reach),)


def _sites(seed: int) -> list:
    chosen = random.Random(seed)
    sites = []
    for site_id in chosen.sample(range(1, 60), 14):  # ids not in file order: file order is no rule
        sites.append(make_site(site_id, facility=f"Hospital {site_id}", status=chosen.choice(STATUSES),
                               latitude=POINTS[chosen.randrange(3)][0], longitude=POINTS[chosen.randrange(3)][1],
                               contacts=_contact(site_id, chosen.randrange(3))))
    return sites


def expected_order(sites: list, shown_km: dict[int, float]) -> list[int]:
    """The rule written out: by the distance shown, then recruiting, then reachable, then id."""
    by_id = {site.id: site for site in sites}

    def key(site_id: int) -> tuple[float, bool, bool, int]:
        site = by_id[site_id]
        reachable = any(contact.phone or contact.email for contact in site.contacts)
        return shown_km[site_id], site.status != "RECRUITING", not reachable, site_id

    return sorted(shown_km, key=key)


@pytest.mark.parametrize("indexed", [False, True], ids=["read whole", "indexed"])
@pytest.mark.parametrize("seed", range(6))
def test_sites_at_one_distance_come_recruiting_then_reachable_then_by_id(
        seed: int, indexed: bool, sites_file, monkeypatch: pytest.MonkeyPatch) -> None:
    if indexed:
        monkeypatch.setattr("sitefinder.versions.INDEX_THRESHOLD_BYTES", 0)
    sites = _sites(seed)
    path = sites_file(*sites)
    every = run_cli("near", "Guangzhou", "--all", "--limit", "40", "--json", "--sites", str(path)).json()["sites"]
    assert len(every) == len(sites)
    shown_km = {site["id"]: site["distance_km"] for site in every}
    assert set(shown_km.values()) <= {0.0, 0.2}  # 40 m off is shown 0.0 km: tied with the point itself
    order = expected_order(sites, shown_km)
    assert [site["id"] for site in every] == order
    for limit in range(1, len(sites)):
        shown = run_cli("near", "Guangzhou", "--all", "--limit", str(limit), "--json", "--sites", str(path)).json()
        assert [site["id"] for site in shown["sites"]] == order[:limit], limit
    # by default the closed sites are left out; the rest keep the rule's order
    joinable = [site_id for site_id in order if {site.id: site for site in sites}[site_id].status != "COMPLETED"]
    default = run_cli("near", "Guangzhou", "--limit", "3", "--json", "--sites", str(path)).json()
    assert [site["id"] for site in default["sites"]] == joinable[:3]
    drawn = run_cli("map", "Guangzhou", "--all", "--limit", "4", "--json", "--sites", str(path)).json()
    assert [site["id"] for site in drawn["sites"]] == order[:4]


def test_the_recruiting_site_with_a_phone_is_shown_before_ties_that_are_not(sites_file) -> None:
    """The tester's case: three sites not yet recruiting and without a phone, filed first, and a
    recruiting one with a phone filed last, 40 m off (shown 0.0 km: as near)."""
    path = sites_file(*(make_site(site_id, facility=f"Henan Hospital {site_id}", status="NOT_YET_RECRUITING")
                        for site_id in (811, 836, 837)),
                      make_site(1371, facility="Henan Hospital 1371", status="RECRUITING",
                                latitude=POINTS[1][0], longitude=POINTS[1][1], contacts=_contact(1371, 1)))
    shown = run_cli("near", "Guangzhou", "--limit", "3", "--json", "--sites", str(path)).json()
    assert [site["id"] for site in shown["sites"]] == [1371, 811, 836]
    hospitals = run_cli("near", "Guangzhou", "--limit", "2", "--by", "hospital", "--json", "--sites", str(path)).json()
    assert [hospital["facility"] for hospital in hospitals["hospitals"]] == ["Henan Hospital 1371", "Henan Hospital 811"]
