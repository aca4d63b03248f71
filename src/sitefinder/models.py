"""The small immutable records the core passes around. None of them knows how it is printed.

They are NamedTuples rather than frozen dataclasses for start-up time alone: on Python 3.11 a
frozen dataclass costs about a millisecond to define (it compiles six methods), a NamedTuple a
third of that, and every run of sitefinder defines them all before it answers. Their annotations
are objects, not strings (no `from __future__ import annotations`): a NamedTuple compiles each
string annotation into a ForwardRef, which costs more than the class itself.
"""

from typing import NamedTuple

from sitefinder.placenames import called_by
from sitefinder.text import fold


class Contact(NamedTuple):
    name: str
    role: str  # registry enum: PRIMARY, BACKUP, CONTACT, PRINCIPAL_INVESTIGATOR, ...
    phone: str = ""  # as the registry writes it ("+86-0760-89873999")
    phone_ext: str = ""
    email: str = ""
    phone_international: str = ""  # dialable from abroad ("+86 760 8987 3999"); see contacts.dialable
    phone_national: str = ""  # a Chinese number as dialled inside China ("0760-8987 3999"); see contacts.phone_forms
    # A person the registry lists more than once at a place (contacts.people merges them, for output
    # only; files keep the registry's entries): every role held, `role` first; the numbers and
    # emails of the other entries that differ from `phone` and `email`. Empty for one entry.
    roles: tuple[str, ...] = ()
    more_phones: tuple[str, ...] = ()
    more_emails: tuple[str, ...] = ()


class Site(NamedTuple):
    id: int
    facility: str
    city: str  # as the registry gives it
    province: str  # as the registry gives it ("Beijing Municipality")
    country: str
    status: str | None  # the site's own registry status, None when the registry states none
    latitude: float | None  # None when the site could not be placed (kept, but never ranked)
    longitude: float | None
    coordinate_precision: str = ""
    coordinate_source: str = ""  # where the coordinates come from, in words ("registry", "GeoNames 1797929 (Qingdao)")
    location_note: str = ""
    contacts: tuple[Contact, ...] = ()
    geonameid: int | None = None  # the GeoNames city whose centre the coordinates are, when they are one's
    nct_id: str = ""  # the site's trial; "" in single-trial files of earlier versions (their trial is trial.json's)

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def approximate(self) -> bool:
        """Placed at a division's middle or its state's main city, its own town unknown offline."""
        return self.coordinate_precision in ("division", "state")


class Trial(NamedTuple):
    """Trial-level facts; the keys of trial.json, which is documented in the README."""

    nct_id: str = ""
    brief_title: str = ""
    official_title: str = ""
    acronym_or_code: str = ""
    overall_status: str | None = None
    phase: str = ""
    study_type: str = ""
    enrollment: int | None = None
    start_date: str = ""
    completion_date: str = ""
    last_update: str = ""
    sponsor: str = ""
    conditions: tuple[str, ...] = ()
    interventions: tuple[str, ...] = ()
    arms: tuple[str, ...] = ()
    eligibility: str = ""
    minimum_age: str = ""
    maximum_age: str = ""
    sex: str = ""
    healthy_volunteers: bool | None = None
    central_contacts: tuple[Contact, ...] = ()
    url: str = ""
    retrieved: str = ""  # the day (YYYY-MM-DD) the record was read from the registry, when known
    plain_summary: str = ""  # who may join, in plain words, written by people (kept by `update`)
    acronym: str = ""  # the registry's acronym (identificationModule.acronym), when it gives one
    keywords: tuple[str, ...] = ()  # the registry's keywords (conditionsModule.keywords)
    mesh_terms: tuple[str, ...] = ()  # MeSH terms of its conditions (derivedSection), where the record has them
    # What the registry lists when an import kept only some of its sites (--country): all its sites
    # and the countries they are in, so that `info` never says a part is the whole; None: all kept
    registry_site_count: int | None = None
    registry_country_count: int | None = None


class Place(NamedTuple):
    """A resolved location: a gazetteer city, an online geocoder's answer, or typed coordinates."""

    name: str
    province: str
    country: str
    latitude: float
    longitude: float
    population: int = 0
    geonameid: int | None = None
    source: str = "gazetteer"

    @property
    def label(self) -> str:
        from sitefinder.regions import place_words  # Taiwan, Hong Kong and Macau named one way

        return place_words(self.name, self.province or self.country)


class Resolution(NamedTuple):
    """What a query resolved to, and the other places it could have meant."""

    query: str
    place: Place
    alternatives: tuple[Place, ...] = ()
    ambiguous: bool = False  # an alternative is a real contender: tell the user how to pick it
    notes: tuple[str, ...] = ()  # things the user should hear about how the place was found
    name_zh: str = ""  # the official Chinese name of a Chinese division it resolved to (china.py), else ""
    # the city a county-level division is in ("Guangzhou", "广州"), said in the answer's title:
    # 天河区 alone names four places' districts less surely than 广东广州天河区
    within: str = ""
    within_zh: str = ""
    # the GeoNames place of the city a county-level division is in (北京 for 海淀区 too): a registry
    # names a site's city, never its district, so `list --city 芙蓉区` lists that city's sites
    city_geonameid: int = 0
    # What to type for each alternative that answers it, in the answer's language, where the resolver
    # knows better than "name, province" (China's divisions: 江苏南通市通州区, "Tongzhou District,
    # Nantong"); in the order of `alternatives`, and shorter where the rest have none.
    asks: tuple[str, ...] = ()
    # China's divisions: the answer, then the first china.MAX_LABELLED namesake divisions among
    # `alternatives`, in their order, as English notices name them (Gulou District, Fuzhou, Fujian
    # (鼓楼区)); the towns and places abroad after those have none. An import's note names them so.
    labels: tuple[str, ...] = ()
    # the part of the query read as the place, when it is not the whole (an address's "Chaoyang
    # District"): what a notice about the place's namesakes quotes, never the street and postcode
    read: str = ""

    @property
    def name_read(self) -> str:
        return (self.read or self.query).strip()


# A runner-up with at least this share of the leader's population is a real contender.
CONTENDER_SHARE = 0.10
MAX_CONTENDERS = 4  # named in one notice line: more would not be read


def contenders(resolution: Resolution) -> tuple[Place, ...]:
    """The alternatives of an ambiguous answer that are real contenders (CONTENDER_SHARE of the
    leader's people or more), at least the first, then those of the leader's own name (Cambridge:
    Ontario, Massachusetts; not Kamyanobridskyi, which GeoNames also calls Cambridge), at most
    MAX_CONTENDERS: each is named in the notice."""
    if not resolution.ambiguous or not resolution.alternatives:
        return ()
    leader = resolution.place
    first, *others = resolution.alternatives
    if first.source == DIVISION_SOURCE:  # a region a city's name is also (resolver._beside_regions): said apart
        return ()
    return (first, *(other for other in others if other.population >= CONTENDER_SHARE * leader.population
                     and _namesakes(leader, other) and other.source != DIVISION_SOURCE))[:MAX_CONTENDERS]


# China's divisions are named with their level ("Wushan County"), and their namesakes are ranked and
# named by china.py's rules (a town of the name is no contender of a county): names compared whole.
_OWN_NAMESAKE_RULES = frozenset({"China", "Hong Kong", "Macau", "Macao", "Taiwan"})


def _namesakes(leader: "Place", other: "Place") -> bool:
    """Whether two places of one answer share a name: the same name, or abroad one called by the
    other's (placenames.called_by: Newcastle upon Tyne is a Newcastle, St. Louis a Saint-Louis)."""
    if fold(other.name) == fold(leader.name):
        return True
    if leader.country in _OWN_NAMESAKE_RULES or other.country in _OWN_NAMESAKE_RULES:
        return False
    return called_by(other.name, fold(leader.name)) or called_by(leader.name, fold(other.name))


# The source of an alternative that is a first-level region of the name answered as a city (Portland
# Parish beside Portland, Oregon): at the region's middle, named in its own notice, no contender.
DIVISION_SOURCE = "division"


class RankedSite(NamedTuple):
    site: Site
    distance_km: float


class SiteData(NamedTuple):
    """A loaded sites file with the trial facts found beside it (trials.json, else trial.json)."""

    sites: tuple[Site, ...]
    trial: Trial = Trial()  # the dataset's one trial; an empty Trial when it holds several
    source: str = ""
    trials: tuple[Trial, ...] = ()  # every trial of the dataset, in file order
