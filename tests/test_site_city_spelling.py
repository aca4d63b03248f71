"""A registry's own spelling of a site's city, typed by the site's patients, over a stray other name
of a small place: `near Hanzhou` on the 190 real trials answered from Ganzhou District, Gansu
(a GeoNames alternate name of 甘州区) with the Hangzhou site 817 wrote it for 921 km away. A name
that is a place's own (Gannan, Gansu's prefecture) stays that place, the site named beside it."""

from __future__ import annotations

from conftest import make_site
from sitefinder.models import Site


def _hangzhou_site(site_id: int, city: str) -> Site:
    return make_site(site_id, facility="Zhejiang Hospital", city=city, province="Zhejiang",
                     latitude=30.29365, longitude=120.16142)._replace(geonameid=1808926)


def test_a_registry_spelling_beats_another_name_of_a_small_place(cli, sites_file) -> None:
    path = sites_file(_hangzhou_site(1, "Hanzhou"), make_site(2, facility="Lanzhou Hospital", city="Lanzhou",
                                                              province="Gansu", latitude=36.06, longitude=103.83))
    for language in ("en", "zh"):
        run = cli("near", "Hanzhou", "--sites", str(path), "--json", "--lang", language)
        assert run.exit_code == 0, run.stderr
        origin = run.json()["origin"]
        assert origin["name"] == "Hangzhou" and origin["province"] == "Zhejiang", origin
        assert run.json()["sites"][0]["id"] == 1
        assert any("Gansu" in alt["province"] for alt in origin["alternatives"] if alt["province"])
        said = run.stderr
        assert ("Ganzhou District" in said or "甘州区" in said) and "did you mean" not in said, said
    listed = cli("list", "--city", "Hanzhou", "--sites", str(path))
    assert "Ganzhou District" not in listed.stdout and "listed with the sites of Ganzhou" not in listed.stderr


def test_a_name_that_is_a_places_own_stays_that_place(cli, sites_file) -> None:
    path = sites_file(make_site(23, facility="Gannan Medical University Hospital", city="Gannan", province="Jiangxi",
                                latitude=25.85, longitude=114.93))
    origin = cli("near", "Gannan", "--sites", str(path), "--json").json()["origin"]
    assert origin["province"] == "Gansu"
