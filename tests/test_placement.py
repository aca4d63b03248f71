"""Placing registry locations offline, class by class (placement.py), and the benchmark on real records.

Each case stands for a class of what registry staff write; none is a record of the benchmark's set
special-cased (the rules are in placement.py's docstring).
"""

from __future__ import annotations

import re

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, run_cli
from sitefinder.distance import geodesic_km
from sitefinder.importer import Fields, site_from_location
from sitefinder.placement import place_location
from sitefinder.queries import open_gazetteer


def placed(city: str, state: str, country: str):
    return place_location(city, state, country, open_gazetteer())


@pytest.mark.parametrize(("city", "state", "country", "latitude", "longitude"), [
    # towns of a few thousand people
    ("Lebanon", "New Hampshire", "United States", 43.64, -72.25),
    ("Stanford", "California", "United States", 37.42, -122.17),
    ("Hershey", "Pennsylvania", "United States", 40.29, -76.65),
    ("La Tronche", "", "France", 45.21, 5.75),
    ("Pierre-Bénite", "", "France", 45.70, 4.82),
    ("Nedlands", "Western Australia", "Australia", -31.98, 115.81),
    ("Parkville", "Victoria", "Australia", -37.78, 144.95),
    # below city level, and what registries add to a city
    ("Shinjuku-ku", "Tokyo", "Japan", 35.69, 139.71),
    ("Praha 2", "", "Czechia", 50.09, 14.42),
    ("1105 AZ Amsterdam", "", "Netherlands", 52.37, 4.89),  # a postal code before the town
    ("D-69120 Heidelberg", "", "Germany", 49.41, 8.69),
    ("128 08 Praha 2", "", "Czechia", 50.09, 14.42),
    ("Strasbourg Cedex", "", "France", 48.58, 7.75),
    ("TOULOUSE Cedex 9", "Haute-Garonne", "France", 43.60, 1.44),
    ("Caba", "", "Argentina", -34.61, -58.38),
    ("Ciudad Autónoma de Buenos Aires", "", "Argentina", -34.61, -58.38),
    ("Taichung City", "", "Taiwan", 24.15, 120.68),
    ("Ft. Myers", "Florida", "United States", 26.62, -81.84),  # small places keep one spelling in GeoNames
    ("Mt. Kisco", "New York", "United States", 41.20, -73.73),
    ("Saint Louis", "Missouri", "United States", 38.63, -90.20),
    ("St-Jérôme", "Quebec", "Canada", 45.78, -74.00),  # Québec's hyphenated St-, not Montréal
    ("W. Palm Beach", "Florida", "United States", 26.72, -80.05),  # compass points abbreviated
    ("E. Lansing", "Michigan", "United States", 42.74, -84.48),  # not read as Lansing
    ("Zolynia", "", "Poland", 50.16, 22.31),  # small places keep their own letters only: ł, ø typed plain
    ("Stovring", "", "Denmark", 56.89, 9.84),
    ("Kargopol", "Arkhangelsk", "Russian Federation", 61.50, 38.95),  # GeoNames writes Kargopol’, with a ’
    # a ward (-ku) stays in the state the registry gives, even when GeoNames has a namesake elsewhere
    ("Koto-ku", "Tokyo", "Japan", 35.67, 139.82),
    ("Bunkyo-ku", "Tokyo", "Japan", 35.71, 139.75),
    ("Haidian District", "Beijing", "China", 39.96, 116.30),
    ("Zhongzheng Dist.", "Taipei", "Taiwan", 25.03, 121.52),
    # a suburb or district the gazetteer lacks, in a state whose people mostly live in one city
    ("Altindag", "Ankara", "Turkey", 39.94, 32.86),
    ("Surquillo", "Lima", "Peru", -12.11, -77.02),
    ("Cukurova", "Adana", "Turkey", 37.05, 35.30),  # not read as Çukuroba, a village of another province
    # a hospital's quarter in a compact province given by its code: the province's main city
    ("Torrette", "AN", "Italy", 43.60, 13.45),
    ("Borgo Trento", "VR", "Italy", 45.45, 10.99),
    ("Cisanello", "PI", "Italy", 43.71, 10.42),
    ("Outram", "", "Singapore", 1.28, 103.84),  # a country that is mostly one city
    ("Lai Chi Kok", "", "Hong Kong", 22.34, 114.15),
    # two fields in one: the state, a district or a postal code written with the city
    ("Milano (MI)", "", "Italy", 45.46, 9.19),
    ("Porto Alegre - RS", "", "Brazil", -30.03, -51.23),
    ("Guangzhou, Guangdong", "", "China", 23.12, 113.25),
    ("Praha 5 - Motol", "", "Czech Republic", 50.08, 14.34),
    ("Ostrava-Poruba", "", "Czechia", 49.82, 18.17),
    ("75013 Paris", "", "France", 48.83, 2.36),
    ("CURITIBA PR", "", "Brazil", -25.43, -49.27),
    # an alias of a city that is also a division's name: the city when it is the larger ("Kiev")
    ("Kiev", "", "Ukraine", 50.45, 30.52),
    # a district of a city that is nearly all its state, though the name is a city elsewhere
    ("Chaoyang", "Beijing", "China", 39.92, 116.44),
    ("Xicheng", "Beijing", "China", 39.91, 116.37),  # not Gejiu, Yunnan, which GeoNames also calls Xicheng
    # a state slip next door: Bogotá is its own district, inside Cundinamarca
    ("Bogota", "Cundinamarca", "Colombia", 4.61, -74.08),
    ("Krasnogorsk", "Moscow Region", "Russian Federation", 55.82, 37.33),  # the oblast, read as the city
    # the registry's country names
    ("Ede", "", "Netherlands", 52.03, 5.66),
    ("Anyang-si", "", "Korea, Republic of", 37.39, 126.93),
    ("Tehran", "", "Iran, Islamic Republic of", 35.69, 51.42),
    ("Istanbul", "", "Turkey (Türkiye)", 41.01, 28.95),
    ("Moscow", "", "Russian Federation", 55.75, 37.62),
    ("Hong Kong", "", "China", 22.28, 114.17),
    ("Skopje", "", "Macedonia, The Former Yugoslav Republic of", 42.00, 21.43),  # names from before a renaming
    ("Belgrade", "", "Former Serbia and Montenegro", 44.80, 20.47),
    # states and provinces everywhere, and their codes
    ("Saint John", "New Brunswick", "Canada", 45.27, -66.06),
    ("Ota-shi", "Gunma", "Japan", 36.30, 139.37),
    ("Milano", "MI", "Italy", 45.46, 9.19),
    ("Palermo", "PA", "Italy", 38.12, 13.36),
    ("Ulm", "BW", "Germany", 48.40, 9.99),
    ("Pune", "MH", "India", 18.52, 73.86),
    ("Curitiba", "PR", "Brazil", -25.43, -49.27),
    # states in the country's own language, and second-level divisions (provinces, départements,
    # counties) standing for the state: each decides between namesakes
    ("Friedberg", "Hessen", "Germany", 50.34, 8.76),
    ("Langen", "Niedersachsen", "Germany", 53.61, 8.60),
    ("Vernouillet", "Yvelines", "France", 48.97, 1.98),
    ("Newport", "Isle of Wight", "United Kingdom", 50.70, -1.29),
    ("Salamanca", "Salamanca", "Spain", 40.97, -5.66),
    # namesakes: a town, not a district of another city; an exact name, not an alias
    ("Salamanca", "", "Spain", 40.97, -5.66),
    ("Mirano", "", "Italy", 45.49, 12.11),
    ("Franklin", "Ohio", "United States", 39.56, -84.30),
    ("Fuzhou", "Jiangxi", "China", 27.96, 116.33),
    # northern latitudes: a town next to the county written, 58-77 km off it (east-west, where a
    # degree of longitude is half a degree of latitude)
    ("Västerås", "Örebro", "Sweden", 59.61, 16.55),
    ("Uppsala", "Västmanland", "Sweden", 59.86, 17.64),
    ("Umeå", "Västernorrland", "Sweden", 63.83, 20.26),
])
def test_a_class_of_location_is_placed_where_it_is(city: str, state: str, country: str, latitude: float,
                                                    longitude: float) -> None:
    place, note, _ = placed(city, state, country)
    assert place is not None, note
    assert geodesic_km(place.latitude, place.longitude, latitude, longitude) < 15, (place, note)


@pytest.mark.parametrize(("city", "state", "latitude", "longitude"), [
    # townships and census-designated places: postal towns, no GeoNames place of 1,000
    ("Macomb Township", "Michigan", 42.67, -82.92),
    ("Shelby Township", "MI", 42.67, -83.03),
    ("Chesterfield", "Michigan", 42.66, -82.84),  # not Chesterfield, Missouri
    ("Brownstown", "Michigan", 42.15, -83.26),
    ("Southampton", "Pennsylvania", 40.18, -75.04),
    ("Haverford", "PA", 40.01, -75.30),
    ("Neptune", "New Jersey", 40.20, -74.03),
    ("Verona", "New York", 43.14, -75.57),
    ("Summit", "Wisconsin", 43.06, -88.47),
    # neighbourhoods that are their own postal towns, and a base
    ("Flushing", "New York", 40.77, -73.83),
    ("Harbor City", "California", 33.79, -118.30),
    ("Panorama City", "CA", 34.22, -118.45),
    ("Greenbrae", "California", 37.95, -122.52),
    ("Wellesley Hills", "Massachusetts", 42.31, -71.27),
    ("West Chester", "Ohio", 39.33, -84.41),  # not West Chester, Pennsylvania
    ("Fort Sam Houston", "Texas", 29.46, -98.44),
])
def test_a_postal_town_is_placed_at_its_postal_codes(city: str, state: str, latitude: float, longitude: float) -> None:
    place, note, precision = placed(city, state, "United States")
    assert place is not None, note
    assert geodesic_km(place.latitude, place.longitude, latitude, longitude) < 15, (place, note)
    assert "postal town" in note and place.source == "postal" and precision == "city"


@pytest.mark.parametrize(("city", "country", "official", "latitude", "longitude"), [
    ("Halle", "Germany", "Halle (Saale)", 51.48, 11.97),  # not Halle (Westf.), 257 km off
    ("Newcastle", "United Kingdom", "Newcastle upon Tyne", 54.97, -1.61),  # not Newcastle, County Down
])
def test_a_big_city_written_short_is_the_city_with_a_qualified_name(city: str, country: str, official: str,
                                                                     latitude: float, longitude: float) -> None:
    place, note, _ = placed(city, "", country)
    assert place is not None and place.name == official, note
    assert geodesic_km(place.latitude, place.longitude, latitude, longitude) < 15
    assert "far larger than" in note and "exactly that name" in note


@pytest.mark.parametrize(("city", "country", "latitude", "longitude"), [
    ("Frankfurt", "Germany", 50.11, 8.68), ("Freiburg", "Germany", 47.99, 7.85), ("Mülheim", "Germany", 51.43, 6.88),
    ("Brandenburg", "Germany", 52.41, 12.53), ("Newport", "United Kingdom", 51.58, -2.99),
])
def test_a_city_written_short_stays_the_big_one(city: str, country: str, latitude: float, longitude: float) -> None:
    place, note, _ = placed(city, "", country)
    assert place is not None and geodesic_km(place.latitude, place.longitude, latitude, longitude) < 15, (place, note)


@pytest.mark.parametrize(("city", "latitude", "longitude"), [
    ("Koto-Ku", 35.67, 139.82),  # not Kotō in Kumamoto, 893 km off
    ("Minato-ku", 35.66, 139.75),  # not Minato in Wakayama
    ("Bunkyo-ku", 35.71, 139.75),  # not "Bunkyo" in Kanagawa
    ("Kita-ku", 35.75, 139.73),
])
def test_a_japanese_ward_without_a_prefecture_is_tokyos(city: str, latitude: float, longitude: float) -> None:
    place, note, _ = placed(city, "", "Japan")
    assert place is not None and place.province == "Tokyo", note
    assert geodesic_km(place.latitude, place.longitude, latitude, longitude) < 25
    assert "one of Tokyo's 23 special wards" in note


@pytest.mark.parametrize(("city", "latitude", "longitude", "prefecture"), [
    ("Tennoji-ku", 34.65, 135.52, "Osaka"), ("Chikusa-ku", 35.17, 136.95, "Aichi"),
    ("Hakata-ku", 33.59, 130.42, "Fukuoka"), ("Kohoku-ku", 35.52, 139.63, "Kanagawa"),
    ("Sakyo-ku", 35.05, 135.79, "Kyoto"), ("Shiroishi-ku", 43.05, 141.40, "Hokkaido"),
])
def test_a_designated_citys_ward_without_a_prefecture_is_that_citys(city: str, latitude: float, longitude: float,
                                                                    prefecture: str) -> None:
    place, note, _ = placed(city, "", "Japan")
    assert place is not None and place.province == prefecture, note
    assert geodesic_km(place.latitude, place.longitude, latitude, longitude) < 25
    assert "of no other designated city" in note


def test_a_ward_of_several_designated_cities_without_a_prefecture_stays_unplaced_and_says_why() -> None:
    place, note, _ = placed("Naka-ku", "", "Japan")  # Yokohama's, Nagoya's, Hiroshima's: not Naka, Ibaraki
    assert place is None and "Could not be placed" in note and "Nagoya" in note


@pytest.mark.parametrize(("city", "state", "country", "latitude", "longitude", "said"), [
    ("Dongjak-gu", "", "Korea, Republic of", 37.51, 126.94, "one of Seoul's 25 districts"),  # a gu with no state
    ("Jakarta Pusat", "", "Indonesia", -6.18, 106.83, "placed at Jakarta"),  # a city's quarter after its name
    ("Jakarta Selatan", "DKI Jakarta", "Indonesia", -6.26, 106.81, "placed at Jakarta"),
    ("Montevil", "Gijón", "Spain", 43.53, -5.66, "is the city Gijón"),  # a city written where the state goes
    ("Pumarín", "Gijón", "Spain", 43.53, -5.66, "is the city Gijón"),  # not the postal Pumarín 150 km off
])
def test_a_part_of_a_big_city_is_placed_at_the_city_with_a_note(city: str, state: str, country: str, latitude: float,
                                                                 longitude: float, said: str) -> None:
    site = site_from_location(1, Fields({"facility": "H", "city": city, "state": state, "country": country},
                                        "location"), open_gazetteer())
    assert site.has_coordinates, site.location_note
    assert geodesic_km(site.latitude, site.longitude, latitude, longitude) < 25 and said in site.location_note


@pytest.mark.parametrize(("city", "state", "country", "latitude", "longitude"), [
    # a district's name that GeoNames gives only another city's part (Paris's 3rd): the city written is meant
    ("3e Arrondissement", "Lyon", "France", 45.75, 4.85),
    ("2e Arrondissement", "Marseille", "France", 43.30, 5.38),
    ("7e Arrondissement", "Lyon", "France", 45.75, 4.85),
    # a quarter read as a misspelling of a town across the country ("Menteng": not Genteng, East Java)
    ("Menteng", "Jakarta", "Indonesia", -6.21, 106.85),
    # but a place in the division of that city, far from it, is kept (an oblast written as its capital)
    ("Kotlas", "Arkhangelsk", "Russian Federation", 61.26, 46.65),
    ("Kotlass", "Arkhangelsk", "Russian Federation", 61.26, 46.65),  # and so is its close spelling
])
def test_a_city_written_as_the_state_keeps_the_place_near_it(city: str, state: str, country: str, latitude: float,
                                                            longitude: float) -> None:
    place, note, _ = placed(city, state, country)
    assert place is not None and geodesic_km(place.latitude, place.longitude, latitude, longitude) < 25, (place, note)


@pytest.mark.parametrize(("city", "latitude", "longitude"), [
    ("Lyon 3e Arrondissement", 45.75, 4.85),  # an arrondissement GeoNames does not name so: the city
    ("Lyon 4ème arrondissement", 45.77, 4.83),
    ("Lyon 8e arr.", 45.73, 4.87),
    ("Marseille 13ème", 43.32, 5.41),
    ("Paris 14e", 48.83, 2.33),  # one it does name stays that arrondissement
])
def test_a_french_arrondissement_after_the_city_is_that_city(city: str, latitude: float, longitude: float) -> None:
    place, note, _ = placed(city, "", "France")
    assert place is not None and geodesic_km(place.latitude, place.longitude, latitude, longitude) < 10, (place, note)


@pytest.mark.parametrize(("city", "state", "postal_code", "latitude", "longitude"), [
    ("Columbia", "", "21044", 39.24, -76.84),  # Maryland's, not Columbia, South Carolina
    ("Portland", "", "04101", 43.66, -70.26),  # Maine's, not Oregon's
    ("Columbia", "", "29201", 34.00, -81.03),  # and the usual choice when the code agrees
])
def test_a_us_zip_code_chooses_between_namesakes(city: str, state: str, postal_code: str, latitude: float,
                                                 longitude: float) -> None:
    place, note, _ = place_location(city, state, "United States", open_gazetteer(), postal_code)
    assert place is not None and geodesic_km(place.latitude, place.longitude, latitude, longitude) < 15, (place, note)


def test_a_us_zip_code_places_a_town_no_list_holds() -> None:
    place, note, _ = place_location("Nowhere Special", "Michigan", "United States", open_gazetteer(), "48044")
    assert place is not None and geodesic_km(place.latitude, place.longitude, 42.64, -82.90) < 10, note
    assert "postal code 48044" in note
    other_state, note, _ = place_location("Nowhere Special", "Ohio", "United States", open_gazetteer(), "48044")
    assert other_state is None and "Could not be placed" in note  # a ZIP of another state is not trusted


@pytest.mark.parametrize(("city", "state", "country", "latitude", "longitude"), [
    # a postal locality abroad that is no GeoNames place of 1,000: a comuna, a partido's town, a pedanía,
    # a commune, a post town, with or without its state (GeoNames' postal codes, build_postal.py)
    ("Vitacura", "Región Metropolitana", "Chile", -33.39, -70.57),
    ("Vitacura", "", "Chile", -33.39, -70.57),
    ("Ramos Mejía", "Buenos Aires", "Argentina", -34.65, -58.56),
    ("Ramos Mejia", "Provincia de Buenos Aires", "Argentina", -34.65, -58.56),
    ("Florencio Varela", "Buenos Aires", "Argentina", -34.81, -58.28),
    ("Temperley", "Buenos Aires", "Argentina", -34.78, -58.39),
    ("Martínez", "Buenos Aires", "Argentina", -34.49, -58.51),  # not Martínez de la Torre, Mexico
    ("El Palmar", "Murcia", "Spain", 37.94, -1.16),  # "Palmar, El (El Palmar)" in Spain's list
    ("Cabueñes", "Gijón", "Spain", 43.52, -5.61),  # the quarter itself, not Gijón's centre
    ("Ambilly", "", "France", 46.20, 6.22),
    ("Ambilly", "Haute-Savoie", "France", 46.20, 6.22),
    ("Deurne", "", "Netherlands", 51.46, 5.79),  # not Deurne, Antwerp
    ("Vällingby", "", "Sweden", 59.36, 17.87),
    ("Umhlanga Rocks", "KwaZulu-Natal", "South Africa", -29.73, 31.08),
    ("Umhlanga", "Kwazulu-Natal", "South Africa", -29.73, 31.08),  # a post town written short, in its state
    ("162 68 Vällingby", "", "Sweden", 59.36, 17.87),  # its postal code before it, as a letter is addressed
])
def test_a_postal_locality_abroad_is_placed_at_its_postal_codes(city: str, state: str, country: str,
                                                                 latitude: float, longitude: float) -> None:
    place, note, _ = placed(city, state, country)
    assert place is not None and geodesic_km(place.latitude, place.longitude, latitude, longitude) < 15, (place, note)
    assert place.source == "postal" and "postal town" in note


def test_a_post_town_written_short_is_read_only_within_the_state_given() -> None:
    place, note, _ = placed("Umhlanga", "", "South Africa")
    assert place is None and note.startswith("Could not be placed")
    place, note, _ = placed("Cukurova", "Adana", "Turkey")  # a locality's own name, not "Çukurova Üniversitesi"
    assert place is not None and "written short" not in note


@pytest.mark.parametrize(("state", "country", "admin1"), [
    # a division word before the name, as Spanish and Portuguese write it, and Chile's capital region
    ("Región Metropolitana", "CL", "Santiago Metropolitan"),
    ("Region Metropolitana de Santiago", "CL", "Santiago Metropolitan"),
    ("Región de Valparaíso", "CL", "Valparaiso"),
    ("Región del Biobío", "CL", "Biobio"),
    ("Provincia de Buenos Aires", "AR", "Buenos Aires"),
    ("Pcia. de Buenos Aires", "AR", "Buenos Aires"),
    ("Estado de São Paulo", "BR", "Sao Paulo"),
    ("State of Rio de Janeiro", "BR", "Rio de Janeiro"),
    ("Departamento de Antioquia", "CO", "Antioquia"),
    # an ISO 3166-2 name that puts its kind after a comma ("Valenciana, Comunidad"), as it is written
    ("Comunidad Valenciana", "ES", "Valencia"),
    ("Comunitat Valenciana", "ES", "Valencia"),
    ("Région wallonne", "BE", "Wallonia"),
    ("Principado de Asturias", "ES", "Asturias"),
    ("Comunidad Foral de Navarra", "ES", "Navarre"),
    ("País Vasco", "ES", "Basque Country"),
    ("Euskadi", "ES", "Basque Country"),
    ("Respublika Tatarstan", "RU", "Tatarstan"),
])
def test_a_state_written_after_a_division_word_is_that_division(state: str, country: str, admin1: str) -> None:
    assert (country, admin1) in open_gazetteer().divisions(state)


@pytest.mark.parametrize(("city", "state", "country", "latitude", "longitude"), [
    ("Puente Alto", "Región Metropolitana", "Chile", -33.61, -70.58),  # the state decides between namesakes
    ("Viña del Mar", "Región de Valparaíso", "Chile", -33.02, -71.55),
    ("Kecamatan Cibinong", "Jawa Barat", "Indonesia", -6.48, 106.85),  # Indonesia's division words before a name
    ("Kabupaten Bogor", "", "Indonesia", -6.59, 106.79),
    ("Kota Bandung", "", "Indonesia", -6.92, 107.61),
    ("Central Jakarta", "", "Indonesia", -6.19, 106.83),
    ("Jakarta Selatan", "", "Indonesia", -6.26, 106.81),
    ("Partido de Pilar", "Buenos Aires", "Argentina", -34.46, -58.91),
])
def test_a_division_word_before_a_name_is_read_past(city: str, state: str, country: str, latitude: float,
                                                    longitude: float) -> None:
    place, note, _ = placed(city, state, country)
    assert place is not None and geodesic_km(place.latitude, place.longitude, latitude, longitude) < 15, (place, note)


@pytest.mark.parametrize(("city", "state", "country", "latitude", "longitude"), [
    # a second-level division written as the city, whose towns all lie around its largest: that town
    ("Vicente López", "Buenos Aires", "Argentina", -34.52, -58.48),  # the partido of Olivos, Florida, Munro
    ("Partido de General San Martín", "Buenos Aires", "Argentina", -34.58, -58.54),
])
def test_a_second_level_division_written_as_the_city_is_placed_at_its_town(city: str, state: str, country: str,
                                                                           latitude: float, longitude: float) -> None:
    place, note, precision = placed(city, state, country)
    assert place is not None and geodesic_km(place.latitude, place.longitude, latitude, longitude) < 15, (place, note)
    assert precision == "state" and "second-level division" in note


@pytest.mark.parametrize(("city", "state", "postal_code", "latitude", "longitude", "said"), [
    # a Korean -gu of one city other than Seoul, with or without its state: that city, saying so
    ("Haeundae-gu", "", "", 35.16, 129.16, "a district of Busan"),
    ("Suseong-gu", "", "", 35.86, 128.63, "a district of Daegu"),
    ("Bundang-gu", "Gyeonggi-do", "", 37.38, 127.12, "a district of Seongnam"),  # not Suwon, Gyeonggi's main city
    ("Ilsandong-gu", "", "", 37.66, 126.77, "a district of Goyang"),
    # a -gu several cities have: the state or the postal code's zone decides
    ("Seo-gu", "Daejeon", "", 36.35, 127.38, "a district of Daejeon"),
    ("Seo-gu", "", "49241", 35.10, 129.02, "a district of Busan"),
    ("Nam-gu", "Gyeongsangbuk-do", "", 36.01, 129.36, "a district of Pohang"),
    # Seoul's own districts stay the capital's, the note saying others share the name
    ("Dongjak-gu", "", "", 37.50, 126.94, "one of Seoul's 25 districts"),
    ("Jung-gu", "", "", 37.56, 126.99, "the largest of the"),
])
def test_a_korean_district_is_placed_at_its_city(city: str, state: str, postal_code: str, latitude: float,
                                                 longitude: float, said: str) -> None:
    place, note, _ = place_location(city, state, "Korea, Republic of", open_gazetteer(), postal_code)
    assert place is not None and geodesic_km(place.latitude, place.longitude, latitude, longitude) < 15, (place, note)
    assert said in note


@pytest.mark.parametrize(("city", "cities"), [
    ("Seo-gu", "Busan, Daegu, Incheon, Gwangju and Daejeon"),
    ("Dong-gu", "Busan, Daegu, Incheon, Gwangju, Daejeon and Ulsan"),
    ("Buk-gu", "Busan, Daegu, Gwangju, Ulsan and Pohang"),
])
def test_a_korean_district_of_several_cities_without_a_state_says_which(city: str, cities: str) -> None:
    place, note, _ = placed(city, "", "South Korea")
    assert place is None and f"is a district of {cities}" in note and "no state or postal code" in note


@pytest.mark.parametrize(("city", "state", "meant", "said"), [
    ("Zhengzhou", "Hainan", "Henan", "but Zhengzhou is in Henan"),
    ("Taiyuan", "Shaanxi", "Shanxi", "but Taiyuan is in Shanxi"),
    ("Xi'an", "Shanxi", "Shaanxi", "is in Shaanxi"),
])
def test_a_city_in_the_wrong_province_is_placed_with_a_note(city: str, state: str, meant: str, said: str) -> None:
    place, note, _ = placed(city, state, "China")
    assert place is not None and place.province == meant and said in note


@pytest.mark.parametrize(("city", "country", "postal_code", "latitude", "longitude"), [
    ("Saint-Denis", "France", "93200", 48.94, 2.35),  # not Saint-Denis on Réunion, the larger namesake
    ("Saint-Denis", "France", "97400", -20.88, 55.45),
    ("Campo Grande", "Brazil", "79002-000", -20.44, -54.65),  # a CEP of Mato Grosso do Sul
    ("Santa Maria", "Brazil", "97015-000", -29.68, -53.81),
])
def test_a_postal_code_says_where_a_row_without_a_state_is(city: str, country: str, postal_code: str,
                                                          latitude: float, longitude: float) -> None:
    place, note, _ = place_location(city, "", country, open_gazetteer(), postal_code)
    assert place is not None and geodesic_km(place.latitude, place.longitude, latitude, longitude) < 15, note


@pytest.mark.parametrize(("city", "state", "country"), [
    ("Nowhere Special", "Michigan", "United States"),  # unknown, in a state of many towns: not put at Detroit
    ("Observatory", "Western Cape", "South Africa"),  # 0.69 of the state by Cape Town, but towns 186 km out
    ("Bakirkoy", "", "Turkey"),  # an Istanbul district GeoNames lacks, not the village Kırköy 1,500 km east
    ("Springfield", "Hawaii", "United States"),  # a Springfield elsewhere, not Honolulu (0.77 of Hawaii)
])
def test_what_cannot_be_placed_safely_stays_unplaced_and_says_why(city: str, state: str, country: str) -> None:
    place, note = placed(city, state, country)[:2]
    assert place is None and note.startswith("Could not be placed: ")


@pytest.mark.parametrize(("city", "state", "code"), [
    ("Yuzhong", "Chongqing", "500103"),  # 渝中区, not "corrected" to a hamlet Yuzhong in Gansu
    ("Wuzhong", "Jiangsu", "320506"),  # Suzhou's 吴中区, not the city Wuzhong 1,500 km away in Ningxia
    ("Tianhe District", "Guangdong", "440106"),  # the one Tianhe District of Guangdong: Guangzhou's
])
def test_a_district_unique_in_its_province_is_placed_at_its_seat(city: str, state: str, code: str) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import china as benchmark

    seat = next(row for row in benchmark.divisions() if row["code"] == code)
    place, note = placed(city, state, "China")[:2]
    assert place is not None, note
    assert geodesic_km(place.latitude, place.longitude, float(seat["latitude"]), float(seat["longitude"])) < 10
    assert f"is the division {place.name}" in note


def test_a_place_put_at_its_states_main_city_says_so_and_is_marked_approximate() -> None:
    place, note, precision = placed("Cukurambar", "Ankara", "Turkey")  # a quarter no list here holds
    assert (place.name, precision) == ("Ankara", "state")
    assert note == ("The registry's city 'Cukurambar' is a place the offline gazetteer does not know in Ankara: "
                    "placed at Ankara, its main city (approximate).")


def test_every_main_city_the_gazetteer_stores_is_the_one_its_places_give() -> None:
    """The build's main_city table (a state's or country's main city, the share of its people within
    30 km, the distance nine in ten live within) against the same rule over the places themselves,
    read as placement would read them, for every country and every division: exact, not rounded."""
    from sitefinder.gazetteer import main_city_spread

    gazetteer = open_gazetteer()
    codes = [code for (code,) in gazetteer._db.execute("SELECT DISTINCT country FROM place")]
    divisions = gazetteer._db.execute("SELECT DISTINCT country, admin1 FROM place").fetchall()
    assert len(codes) > 200 and len(divisions) > 3000
    for country, admin1 in [*((code, None) for code in codes), *divisions]:
        places = gazetteer.division_places(country, admin1)
        spread = main_city_spread((place.geonameid or 0, place.latitude, place.longitude, place.population)
                                  for place in places)
        stored = gazetteer.main_city(country, admin1)
        assert spread is not None and stored is not None, (country, admin1)
        assert (stored[0], *stored[1:]) == (places[0], *spread[1:]), (country, admin1)
    assert gazetteer.main_city("ZZ") is None and gazetteer.main_city("TR", "No Such Province") is None


def test_a_place_with_no_state_is_put_at_the_main_city_only_of_a_country_that_is_mostly_one() -> None:
    place, note, precision = placed("Bukit Timah Clinic Road", "", "Singapore")
    assert (place.name, precision) == ("Singapore", "state") and "placed at Singapore, its main city" in note
    assert placed("Xqzvy Yurt", "", "Turkey")[0] is None  # Turkey is many cities: not put at Istanbul
    assert placed("Meram Konya", "", "Turkey")[0].province == "Konya"  # a place and its state, at a space


def test_a_misspelt_city_is_placed_when_one_spelling_is_clearly_closest() -> None:
    place, note, _ = placed("Hanzhou", "Zhejiang", "China")
    assert (place.name, place.province) == ("Hangzhou", "Zhejiang") and "read as Hangzhou" in note


def test_a_division_given_as_the_city_is_placed_at_its_middle_with_a_note() -> None:
    place, note, precision = placed("Hokkaido", "", "Japan")
    assert place is not None and place.province == "Hokkaido" and "is the division Hokkaido" in note
    assert precision == "division"
    assert 42 < place.latitude < 45 and 140 < place.longitude < 145


# What registry staff might put in a field: words, codes, separators, digits, stray punctuation.
_FIELD = st.lists(st.sampled_from([*"aeiouSt.-,()/ 0123456789’'ıłøÆ", "Tokyo", "-ku", "Cedex", "Saint", "RM",
                                   "Beijing", "District", "São", "Paulo", "France", "Brazil", "China", "97400"]),
                  max_size=8).map("".join)


@settings(max_examples=100, deadline=None)  # a misspelling is looked for among a country's names: ~40 ms a row
@given(city=_FIELD, state=_FIELD, country=st.sampled_from(["", "France", "Brazil", "China", "Japan", "Atlantis"]),
       postal_code=_FIELD)
def test_any_row_is_placed_or_says_why_it_is_not(city: str, state: str, country: str, postal_code: str) -> None:
    place, note, precision = place_location(city, state, country, open_gazetteer(), postal_code)
    assert (place is None and note.startswith("Could not be placed: ")) or \
        (place is not None and precision in ("city", "division", "state"))


def test_an_unknown_country_is_an_unplaced_row_that_says_why() -> None:
    place, note, _ = placed("Springfield", "", "Atlantis")
    assert place is None and note == "Could not be placed: the offline gazetteer does not know the country 'Atlantis'."


def test_several_namesakes_in_a_wrong_state_stay_unplaced_and_say_why() -> None:
    place, note, _ = placed("Springfield", "Hawaii", "United States")
    assert place is None and "there is no 'Springfield' in 'Hawaii'" in note and "places of that name" in note


@pytest.mark.parametrize(("state", "country", "admin1"), [
    ("Lazio", "IT", "Latium"), ("RM", "IT", "Latium"), ("Roma", "IT", "Latium"), ("LU", "IT", "Tuscany"),
    ("Sachsen", "DE", "Saxony"), ("Baden-Württemberg", "DE", "Baden-Wuerttemberg"), ("Hessen", "DE", "Hesse"),
    ("Isère", "FR", "Auvergne-Rhône-Alpes"), ("Midi-Pyrénées", "FR", "Occitanie"), ("Barcelona", "ES", "Catalonia"), ("Greater London", "GB", "England"),
    ("Attiki", "GR", "Attica"), ("Harjumaa", "EE", "Harju"), ("Wielkopolskie", "PL", "Greater Poland Voivodeship"),
    ("Seoul Teugbyeolsi", "KR", "Seoul"), ("Osjecko-baranjska Zupanija", "HR", "Osjecko-Baranjska"),
    ("Västra Götaland", "SE", "Vaestra Goetaland"), ("Noord-Holland", "NL", "North Holland"),
    ("Aichi-ken", "JP", "Aichi"), ("Osaka-fu", "JP", "Osaka"), ("Taipei City", "TW", "Taipei"),
    ("Free State", "ZA", "Orange Free State"), ("Islas Baleares", "ES", "Balearic Islands"),
])
def test_a_state_as_registries_write_it_is_known(state: str, country: str, admin1: str) -> None:
    """Local names, ISO 3166-2 codes, and second-level divisions standing for their state."""
    assert (country, admin1) in open_gazetteer().divisions(state)


def test_a_translation_never_takes_a_name_another_division_bears() -> None:
    """"Ciudad Autónoma de Buenos Aires" is "Buenos Aires" in some languages: that is the province's name."""
    assert ("AR", "Buenos Aires") not in open_gazetteer().divisions("Ciudad Autónoma de Buenos Aires")


@pytest.mark.parametrize(("query", "province"), [("Lebanon, NH", "New Hampshire"), ("Parkville, Victoria", "Victoria"),
                                                 ("Stanford, CA", "California"), ("Ft. Myers, FL", "Florida"),
                                                 ("Friedberg, Hessen", "Hesse"), ("Halle, Sachsen-Anhalt", "Saxony-Anhalt"),
                                                 ("Shinjuku-ku, Tokyo", "Tokyo"), ("Praha 2", "Praha"),
                                                 ("Zolynia", "Subcarpathian Voivodeship"),
                                                 ("Lyon 3e Arrondissement", "Auvergne-Rhône-Alpes"),
                                                 ("Marseille 8ème arrondissement", "Provence-Alpes-Cote d'Azur")])
def test_near_learns_what_the_gazetteer_learns(query: str, province: str) -> None:
    origin = run_cli("near", query, "--json").json()["origin"]
    assert origin["province"] == province and origin["source"] == "gazetteer"


@pytest.mark.parametrize(("query", "city"), [("Gangnam-gu, Seoul", "Seoul"), ("Bunkyo-ku, Tokyo", "Tokyo"),
                                             ("Torrette, Ancona", "Ancona")])
def test_near_puts_a_ward_it_lacks_at_its_states_main_city_and_says_so(query: str, city: str) -> None:
    run = run_cli("near", query, "--json")
    assert run.exit_code == 0 and run.json()["origin"]["name"] == city
    assert f"{query.split(',')[0]} is not in the offline gazetteer: using {city}, the main city of" in run.stderr


@pytest.mark.parametrize(("query", "latitude", "longitude"), [("Flushing, NY", 40.77, -73.83),
                                                          ("Macomb Township, Michigan", 42.67, -82.92),
                                                          ("Fort Sam Houston, TX", 29.46, -98.44),
                                                          ("Vitacura, Chile", -33.39, -70.57),
                                                          ("Ramos Mejía, Buenos Aires", -34.65, -58.56),
                                                          ("Vällingby, Sweden", 59.36, 17.87),
                                                          ("El Palmar, Murcia", 37.94, -1.16)])
def test_near_knows_a_postal_town_as_import_does_and_says_so(query: str, latitude: float, longitude: float) -> None:
    """US ZIP places and postal localities abroad, typed with their state or country."""
    run = run_cli("near", query, "--json")
    assert run.exit_code == 0, run.stderr
    origin = run.json()["origin"]
    assert origin["source"] == "postal" and geodesic_km(origin["latitude"], origin["longitude"], latitude, longitude) < 15
    assert "is a postal town" in run.stderr


@pytest.mark.parametrize(("query", "town"), [("Vicente López, Buenos Aires", "Olivos"),
                                             ("Vicente Lopez, Argentina", "Olivos")])
def test_near_puts_a_district_of_one_town_at_that_town_as_import_does(query: str, town: str) -> None:
    run = run_cli("near", query, "--json")
    assert run.exit_code == 0 and run.json()["origin"]["name"] == town, run.stderr
    assert "is a district the offline gazetteer has no place of that name for" in run.stderr


@pytest.mark.parametrize(("query", "official", "namesake"), [
    ("Halle, Germany", "Halle (Saale)", "Halle, North Rhine-Westphalia"),
    ("Newcastle, United Kingdom", "Newcastle upon Tyne", "Newcastle, Northern Ireland"),
])
def test_near_reads_a_big_city_written_short_as_import_does_and_names_the_namesake(query: str, official: str,
                                                                                    namesake: str) -> None:
    run = run_cli("near", query, "--json")
    assert run.exit_code == 0 and run.json()["origin"]["name"] == official
    assert f"far larger than {namesake}" in run.stderr


def test_near_does_not_guess_in_a_state_of_many_towns() -> None:
    run = run_cli("near", "Nowhere Special, Michigan")
    assert run.exit_code == 1 and "no place called 'Nowhere Special, Michigan' is known" in run.stderr


def test_an_import_says_where_each_site_was_placed_and_why(tmp_path) -> None:
    study = {"protocolSection": {"identificationModule": {"nctId": "NCT01234567"},
                                 "contactsLocationsModule": {"locations": [
                                     {"facility": "A", "city": "Taiyuan", "state": "Shaanxi", "country": "China"},
                                     {"facility": "B", "city": "Springfield", "state": "", "country": "Atlantis"},
                                     {"facility": "C", "city": "Praha 2", "country": "Czechia"},
                                     {"facility": "D", "city": "Cukurambar", "state": "Ankara",
                                      "country": "Turkey"}]}}}
    path = tmp_path / "study.json"
    path.write_text(json.dumps(study), encoding="utf-8")
    run = run_cli("import", str(path), "--out", str(tmp_path / "out"), "--json")
    assert run.exit_code == 0 and run.json()["unplaced"] == ["B"]
    sites = {site["facility"]: site for site in run_cli("list", "--json", "--sites",
                                                        str(tmp_path / "out" / "sites.csv")).json()["sites"]}
    assert "Taiyuan is in Shanxi" in sites["A"]["location_note"]
    assert "does not know the country 'Atlantis'" in sites["B"]["location_note"]
    assert sites["C"]["location_note"].startswith("Registry city 'Praha 2' is placed at Prague")
    assert (sites["A"]["coordinate_precision"], sites["D"]["coordinate_precision"]) == ("city", "state")
    shown = run_cli("show", str(sites["D"]["id"]), "--sites", str(tmp_path / "out" / "sites.csv")).stdout
    assert "the state's main city, approximate" in shown and "placed at Ankara, its main city" in " ".join(shown.split())


def test_a_site_placed_approximately_shows_its_distance_as_approximate(tmp_path) -> None:
    study = {"protocolSection": {"identificationModule": {"nctId": "NCT01234567"},
                                 "contactsLocationsModule": {"locations": [
                                     {"facility": "Hacettepe", "city": "Ankara", "state": "Ankara",
                                      "country": "Turkey"},
                                     {"facility": "Cukurambar Clinic", "city": "Cukurambar", "state": "Ankara",
                                      "country": "Turkey"}]}}}
    path = tmp_path / "study.json"
    path.write_text(json.dumps(study), encoding="utf-8")
    assert run_cli("import", str(path), "--out", str(tmp_path / "out")).exit_code == 0
    run = run_cli("near", "Kirikkale", "--sites", str(tmp_path / "out" / "sites.csv"), env={"COLUMNS": "140"})
    rows = {name: line for line in run.stdout.splitlines() for name in ("Hacettepe", "Cukurambar Clinic")
            if re.match(rf" *\d+  {name} ", line)}
    assert "≈" not in rows["Hacettepe"] and "≈" in rows["Cukurambar Clinic"]
    assert "≈: the town of site 2 is not in the offline gazetteer, so where it is is approximate" in " ".join(run.stdout.split())
    listed = run_cli("list", "--sites", str(tmp_path / "out" / "sites.csv"), env={"COLUMNS": "140"}).stdout
    assert "≈" not in listed and "The town of site 2 is not in the offline gazetteer" in " ".join(listed.split())


def test_the_placement_benchmark_runs_on_the_real_records() -> None:
    """The benchmark in the repository: 1,347 real locations. Its floor is what this code reached
    (README: 98.9 % within 25 km, 0.1 % unplaced; 99.8 % and none over 100 km with the checked
    registry points set aside); the test guards against going back, not the target."""
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "placement.py"), "--json"],
                         capture_output=True, text=True, timeout=300, check=True)
    result = json.loads(run.stdout)
    assert result["locations"] == 1347
    assert result["within_25"] >= 0.988 and result["unplaced"] <= 0.001 and result["over_100"] <= 0.006
    assert result["within_25_without_checked"] >= 0.997 and result["over_100_without_checked"] == 0
    assert result["unplaced_without_reason"] == 0


@pytest.mark.parametrize("query", ["Sun Yat-sen", "Yat-sen Sun", "Mao Ze-dong", "Lin Wei-ming"])
def test_a_persons_name_is_no_place_not_a_states_main_city(query: str) -> None:
    """A short word without a comma is a state only when written as its code is (NY, SP): "Sun"
    (Surigao del Sur's code) in a person's name put "Sun Yat-sen" at Surigao, Philippines."""
    run = run_cli("near", query)
    assert run.exit_code == 1 and "no place called" in run.stderr, run.stderr


@pytest.mark.parametrize(("query", "latitude", "longitude"), [("Vällingby", 59.36, 17.87),
                                                          ("Vitacura", -33.39, -70.57),
                                                          ("Florencio Varela", -34.81, -58.28),
                                                          ("Macomb Township", 42.67, -82.92)])
def test_near_knows_a_postal_locality_typed_alone_when_there_is_one_of_that_name(query: str, latitude: float,
                                                                                 longitude: float) -> None:
    run = run_cli("near", query, "--json")
    assert run.exit_code == 0, run.stderr
    origin = run.json()["origin"]
    assert origin["source"] == "postal" and geodesic_km(origin["latitude"], origin["longitude"], latitude, longitude) < 15
    assert "is a postal town" in run.stderr and origin["country"] in run.stderr


def test_a_postal_locality_of_several_places_typed_alone_is_asked_back() -> None:
    """Several postal localities of one name far apart (Agincourt in Ontario and in France), or one
    spelt like a place (Audincourt): never one picked silently; the error offers them with their state."""
    run = run_cli("near", "Agincourt", "--json")
    assert run.exit_code == 2 and run.stdout == ""  # asked back: a usage error
    assert run.stderr.count('"Agincourt, ') >= 2 and "Agincourt, Ontario" in run.stderr


@pytest.mark.parametrize("typo", ["Guangzou", "Beijng", "Hangzou", "Chengdo", "Wuhn"])
def test_a_typo_of_a_city_is_still_a_suggestion_not_a_postal_locality(typo: str) -> None:
    run = run_cli("near", typo, "--json")
    assert run.exit_code == 1 and "did you mean" in run.stderr


# A registry's city written as a county-level division of mainland China ("Tianhe District",
# "Yuelu District", 海淀区), with its province: placed at the division's seat, as `near` reads it
# (one resolver of China's divisions), never unplaced because GeoNames has no place of that name.
def _mainland_districts() -> list[tuple[str, str, float, float]]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import china as benchmark

    gazetteer = open_gazetteer()
    rows = [row for row in benchmark.divisions() if row["level"] == "county"][::41]
    cases = []
    for row in rows:
        english = gazetteer.rows("SELECT english, province FROM cn_division WHERE code = ?", (row["code"],))
        if english:
            cases.append((english[0][0], english[0][1], float(row["latitude"]), float(row["longitude"])))
            cases.append((row["name"], english[0][1], float(row["latitude"]), float(row["longitude"])))
    return cases


@pytest.mark.parametrize(("city", "state", "latitude", "longitude"), _mainland_districts())
def test_a_mainland_county_level_division_is_placed_at_its_seat(city: str, state: str, latitude: float,
                                                                longitude: float) -> None:
    site = site_from_location(1, Fields({"facility": "H", "city": city, "state": state, "country": "China"},
                                        "location"), open_gazetteer())
    assert site.has_coordinates, site.location_note
    assert geodesic_km(site.latitude, site.longitude, latitude, longitude) < 25, (site.latitude, site.longitude)
    assert "None" not in site.coordinate_source


# A city with namesakes of a size in its country, and no state to tell which: placed at the most
# populous, and the note names the others (never silently, as `near` says its namesakes).
@pytest.mark.parametrize(("city", "country", "other"), [
    ("Taizhou", "China", "Zhejiang"), ("Suzhou", "China", "Anhui"), ("Fuzhou", "China", "Jiangxi"),
    ("Portland", "United States", "Maine"), ("Springfield", "United States", "Massachusetts"),
])
def test_namesakes_without_a_state_are_said_in_the_note(city: str, country: str, other: str) -> None:
    place, note = placed(city, "", country)[:2]
    assert place is not None and place.province != other
    assert other in note and place.province in note, note


def test_a_city_without_namesakes_of_its_size_has_no_note() -> None:
    assert placed("Guangzhou", "", "China")[1] == "" and placed("Chicago", "", "United States")[1] == ""
