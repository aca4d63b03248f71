"""`near --online`: geopy's Nominatim against a local fake, with the cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fake_services import FakeServices
from sitefinder.paths import cache_dir


def online_env(fake: FakeServices, **extra: str) -> dict[str, str]:
    return {"SITEFINDER_NOMINATIM_URL": fake.url, "SITEFINDER_TIMEOUT": "1", **extra}


def test_resolves_a_place_the_gazetteer_lacks_caches_it_and_needs_no_server_the_second_time(cli) -> None:
    offline = cli("near", "Atlantis Springs")
    assert offline.exit_code == 1 and "--online" in offline.stderr
    with FakeServices() as fake:
        first = cli("near", "Atlantis Springs", "--online", "--json", env=online_env(fake))
        assert first.exit_code == 0, first.stderr
        assert len(fake.requests) == 1 and fake.requests[0].startswith("/search?")
        url = fake.url
    origin = first.json()["origin"]
    assert (origin["name"], origin["source"], origin["latitude"]) == ("Atlantis Springs", "nominatim", 40.7128)
    assert (cache_dir() / "geocode-cache.json").exists()
    # The server is gone: the answer now comes from the cache.
    second = cli("near", "atlantis springs", "--json", env=online_env(fake, SITEFINDER_NOMINATIM_URL=url,
                                                                       SITEFINDER_ONLINE="1"))
    assert second.exit_code == 0, second.stderr
    assert second.json()["sites"] == first.json()["sites"]


def test_online_is_never_used_when_the_gazetteer_knows_the_place(cli) -> None:
    with FakeServices() as fake:
        run = cli("near", "Guangzhou", "--online", "--json", env=online_env(fake))
        assert run.exit_code == 0 and fake.requests == []


def test_unknown_online_too_is_not_found(cli) -> None:
    with FakeServices() as fake:
        run = cli("near", "Qwxzyville", "--online", env=online_env(fake))
    assert run.exit_code == 1 and "neither the offline gazetteer nor" in run.stderr


@pytest.mark.parametrize("mode", ["fail", "malformed", "slow"])
def test_network_failures_are_one_line_and_exit_1(cli, mode: str) -> None:
    with FakeServices() as fake:
        fake.mode = mode
        run = cli("near", "Atlantis Springs", "--online", "--json", env=online_env(fake))
    assert run.exit_code == 1, run.stderr
    assert run.stdout == "" and run.stderr.startswith("Error: the geocoder at") and run.stderr.count("\n") == 1


def test_corrupt_cache_is_discarded_with_a_notice(cli) -> None:
    path: Path = cache_dir() / "geocode-cache.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{half a json", encoding="utf-8")
    with FakeServices() as fake:
        run = cli("near", "Atlantis Springs", "--online", "--json", env=online_env(fake))
    assert run.exit_code == 0, run.stderr
    assert "Discarded the unreadable geocoding cache" in run.stderr
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1  # rewritten whole
