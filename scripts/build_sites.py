"""Build data/sites.csv from the registry record of NCT07010263 (data/registry/NCT07010263.txt).

The record is the single source of truth: facilities, cities, provinces and contacts are copied in
registry order. Coordinates are the GeoNames centre of each site's city, found in the shipped
gazetteer with the province as qualifier, so a Taizhou in Zhejiang can never land in Jiangsu.
Where the registry's city is not the city's real name, the row says so in `location_note`.

    python scripts/build_sites.py [--seed PATH] [--out data/sites.csv]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitefinder.gazetteer import Gazetteer  # noqa: E402
from sitefinder.importer import gazetteer_source, placement_note  # noqa: E402
from sitefinder.placement import place_location  # noqa: E402
from sitefinder.models import Contact, Site  # noqa: E402
from sitefinder.regions import find_province  # noqa: E402
from sitefinder.sitesfile import write_sites_file  # noqa: E402

DEFAULT_SEED = ROOT / "data" / "registry" / "NCT07010263.txt"


def section(lines: list[str], title: str, end: str) -> list[str]:
    """The non-blank lines between a section title and the next section's title."""
    start = lines.index(title) + 1
    stop = lines.index(end, start)
    body = [line for line in lines[start:stop] if line]
    return body[1:]  # the first line is the page's one-sentence explanation of the section


def parse_locations(lines: list[str]) -> list[tuple[str, str, str, str]]:
    body = section(lines, "Locations", "Countries")
    locations = []
    for index in range(0, len(body), 3):
        facility, place, status_label = body[index:index + 3]
        if status_label != "Site Status":
            raise SystemExit(f"unexpected line in Locations: {status_label!r}")
        city, province, country = (part.strip() for part in place.rsplit(",", 2))
        locations.append((facility, city, province, country))
    return locations


def parse_contacts(lines: list[str]) -> list[Contact]:
    body = section(lines, "Facility Contacts", "Other Identifiers")
    contacts = []
    for index in range(0, len(body), 2):
        name, role = body[index], body[index + 1]
        if not role.startswith("Role: "):
            raise SystemExit(f"unexpected line in Facility Contacts: {role!r}")
        contacts.append(Contact(name=name, role=role.removeprefix("Role: ").upper()))
    return contacts


def assign_contacts(location_count: int, contacts: list[Contact]) -> list[list[Contact]]:
    """In registry order each location has one primary contact; a backup belongs to the location before it."""
    assigned: list[list[Contact]] = []
    for contact in contacts:
        if contact.role == "PRIMARY":
            assigned.append([contact])
        elif assigned:
            assigned[-1].append(contact)
        else:
            raise SystemExit(f"{contact.name} ({contact.role}) comes before any primary contact")
    if len(assigned) != location_count:
        raise SystemExit(f"{len(assigned)} primary contacts for {location_count} locations")
    return assigned


def build_sites(seed: Path, gazetteer: Gazetteer) -> list[Site]:
    lines = [line.strip() for line in seed.read_text(encoding="utf-8").splitlines()]
    locations = parse_locations(lines)
    contacts = assign_contacts(len(locations), parse_contacts(lines))
    sites = []
    for site_id, ((facility, city, province, country), site_contacts) in enumerate(zip(locations, contacts), 1):
        expected = find_province(province)
        if expected is None:
            raise SystemExit(f"{facility}: unknown province {province!r}")
        placed = place_location(city, province, country, gazetteer)
        place = placed.place
        if place is None or place.province != expected.name:
            raise SystemExit(f"{facility}: {city} resolved to {place and place.label}, outside {province}")
        sites.append(Site(
            id=site_id, facility=facility, city=city, province=province, country=country, status=None,
            latitude=place.latitude, longitude=place.longitude, coordinate_precision="city",
            coordinate_source=gazetteer_source(place), geonameid=place.geonameid,
            location_note=placed.note or placement_note(city, place, gazetteer),  # as `import` writes it
            contacts=tuple(site_contacts),
        ))
    return sites


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "sites.csv")
    args = parser.parse_args()
    sites = build_sites(args.seed, Gazetteer(ROOT / "data" / "gazetteer.sqlite"))
    write_sites_file(args.out, sites)
    print(f"{args.out}: {len(sites)} sites", file=sys.stderr)


if __name__ == "__main__":
    main()
