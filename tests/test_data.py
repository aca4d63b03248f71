"""The shipped data against the registry record, which is its single source of truth."""

from __future__ import annotations

import csv
import json
import re

import pytest

from conftest import ROOT, SEED, SHIPPED_SITES
from sitefinder.resolver import resolve
from sitefinder.regions import find_province
from sitefinder.queries import open_gazetteer
from sitefinder.sitesfile import COLUMNS, read_sites_file

seed_text = SEED.read_text(encoding="utf-8")
# Read the record with patterns of its own rather than with the build script's parser, so that a
# mistake in one is caught by the other.
REGISTRY_LOCATIONS = re.findall(r"^(.+)\n\n(.+), (.+), (China)\n\nSite Status$", seed_text, re.MULTILINE)
REGISTRY_CONTACTS = re.findall(r"^(.+, M\.D\.)\n\nRole: (primary|backup)$", seed_text, re.MULTILINE)


@pytest.fixture(scope="module")
def shipped():
    return read_sites_file(SHIPPED_SITES)


def test_registry_record_has_42_locations_and_43_contacts() -> None:
    assert len(REGISTRY_LOCATIONS) == 42
    assert len(REGISTRY_CONTACTS) == 43


def test_every_location_in_registry_order(shipped) -> None:
    rows = [(site.facility, site.city, site.province, site.country) for site in shipped.sites]
    assert rows == [tuple(location) for location in REGISTRY_LOCATIONS]
    assert [site.id for site in shipped.sites] == list(range(1, 43))


def test_every_contact_in_registry_order_with_its_role(shipped) -> None:
    flattened = [(contact.name, contact.role.lower()) for site in shipped.sites for contact in site.contacts]
    assert flattened == [tuple(contact) for contact in REGISTRY_CONTACTS]
    assert all(site.contacts[0].role == "PRIMARY" for site in shipped.sites)


def test_the_qingdao_site_keeps_its_backup_contact(shipped) -> None:
    qingdao = next(site for site in shipped.sites if site.city == "Qingdao")
    assert [(c.name, c.role) for c in qingdao.contacts] == [("Zhen Zhang, M.D.", "PRIMARY"),
                                                             ("Xiaotao Zhang, M.D.", "BACKUP")]


def test_no_site_status_is_invented(shipped) -> None:
    assert "Site Status\n\n" in seed_text  # the page shows the label with no value
    assert all(site.status is None for site in shipped.sites)


def test_header_is_the_documented_schema() -> None:
    with SHIPPED_SITES.open(encoding="utf-8") as handle:
        # the shipped file names one trial (trial.json): without the nct_id column that imports add
        assert tuple(next(csv.reader(handle))) == tuple(column for column in COLUMNS if column != "nct_id")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"`{column}`" in readme, f"column {column} is not documented in the README"


@pytest.mark.parametrize("index", range(42))
def test_coordinates_are_the_gazetteer_city_in_the_registry_province(shipped, index: int) -> None:
    site = shipped.sites[index]
    found = resolve(f"{site.city}, {site.province}", open_gazetteer())
    place = found.place
    assert place.province == find_province(site.province).name
    assert (site.latitude, site.longitude) == pytest.approx((place.latitude, place.longitude), abs=1e-5)
    assert site.coordinate_source == f"GeoNames {place.geonameid} ({place.name})"
    assert site.coordinate_precision == "city"
    # A corrected city name is said in the data, and so is a namesake the province does not rule out
    # (临邑县 beside 临沂市 in Shandong: the note names the one used and the other).
    namesakes = any(other.country == "China" for other in found.alternatives)
    assert bool(site.location_note) == (place.name != site.city or namesakes)
    assert (" the other" in site.location_note) == namesakes


def test_gannan_is_placed_at_ganzhou_and_says_so(shipped) -> None:
    site = next(site for site in shipped.sites if site.city == "Gannan")
    assert "Ganzhou" in site.location_note
    assert site.latitude == pytest.approx(25.85, abs=0.05)  # Ganzhou, Jiangxi; not Gannan in Heilongjiang


def test_trial_facts_match_the_registry_record() -> None:
    trial = json.loads((ROOT / "data" / "trial.json").read_text(encoding="utf-8"))
    for key in ("nct_id", "overall_status", "phase", "start_date", "completion_date", "last_update", "sponsor",
                "acronym_or_code", "brief_title", "minimum_age", "sex"):
        assert str(trial[key]) in seed_text, key
    assert f"{trial['enrollment']} participants" in seed_text
    assert trial["conditions"] == ["Small Cell Lung Cancer"]
    contact = trial["central_contacts"][0]
    assert contact["name"] in seed_text and contact["phone"] in seed_text


@pytest.mark.rebuild
def test_build_script_reproduces_the_shipped_sites(tmp_path) -> None:
    import subprocess
    import sys

    out = tmp_path / "sites.csv"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_sites.py"), "--seed", str(SEED), "--out", str(out)],
                   check=True, capture_output=True)
    assert out.read_bytes() == SHIPPED_SITES.read_bytes()
