"""Shared fixtures: a small gazetteer we wrote, and an isolated cache folder."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from geoevents import Gazetteer
from geoevents._gazetteer import sources as _sources

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def fixture_gaz() -> Gazetteer:
    """A gazetteer of only tests/fixtures/places.csv (no GeoNames data)."""
    return Gazetteer.from_places(FIXTURES / "places.csv")


@pytest.fixture
def small_world(tmp_path, monkeypatch):
    """Point the real build at small inputs: fixture places instead of GeoNames,
    a temporary curated folder and a temporary cache. Returns the curated folder."""
    curated = tmp_path / "curated"
    curated.mkdir()
    shutil.copy(FIXTURES / "places.csv", curated / "places.csv")
    (curated / "aliases.csv").write_text(
        "alias,geonameid,target,country_code,source\n", encoding="utf-8"
    )
    base = _sources.read_places_csv(FIXTURES / "places.csv", source="geonames")
    for i, place in enumerate(base):  # give the fixture places GeoNames-style ids
        place.geonameid = 100 + i

    def fake_geonames(progress=None):
        fresh = _sources.read_places_csv(FIXTURES / "places.csv", source="geonames")
        for i, place in enumerate(fresh):
            place.geonameid = 100 + i
        return fresh, {"UA.05": "Donetska oblast"}

    monkeypatch.setattr(_sources, "read_geonames_places", fake_geonames)
    monkeypatch.setattr(_sources, "curated_dir", lambda: curated)
    monkeypatch.setenv("GEOEVENTS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(Gazetteer, "_default", None)
    # the curated copy would duplicate the fixture places: keep it to one extra site
    (curated / "places.csv").write_text(
        "id,name,aliases,kind,country_code,admin1,latitude,longitude,population,source\n"
        "t-camp,Camp Orion,Orion base,facility,UA,Donetska oblast,48.2,37.9,,test fixture\n",
        encoding="utf-8",
    )
    return curated


# ------------------------------------------------------------------------ test tiers
# `make test-fast` runs the tests without the `integration` mark: they use fixture
# gazetteers and never the full index. Test functions carry the mark themselves; doctests
# (pytest --doctest-modules over geoevents/) are marked here by what their examples call.

_DEFAULT_INDEX_CALLS = re.compile(
    r"\b(?:Gazetteer\.load|Geoparser|geoparse|extract_events|EventExtractor"
    r"|OfflineGeocoder|read_acled|read_ucdp|EventStore)\b"
)


def pytest_collection_modifyitems(config, items):
    for item in items:
        dtest = getattr(item, "dtest", None)  # a doctest item
        if dtest is None:
            continue
        source = "".join(example.source for example in dtest.examples)
        if _DEFAULT_INDEX_CALLS.search(source):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(autouse=True)
def _fast_tests_stay_off_the_full_index(request, tmp_path_factory, monkeypatch):
    """A test without the integration mark sees an empty cache folder, and building the
    full index from GeoNames fails at once, naming the test (small_world replaces both
    for its small builds)."""
    if request.node.get_closest_marker("integration") is not None:
        return

    def refuse(*args, **kwargs):
        raise RuntimeError(
            f"{request.node.nodeid} needs the full gazetteer index: give it a fixture "
            "gazetteer or mark it @pytest.mark.integration"
        )

    monkeypatch.setenv("GEOEVENTS_CACHE_DIR", str(tmp_path_factory.mktemp("empty-cache")))
    monkeypatch.setattr(_sources, "read_geonames_places", refuse)
    monkeypatch.setattr(Gazetteer, "_default", None)


@pytest.fixture
def cli_parser(fixture_gaz, monkeypatch):
    """The command line over the fixture gazetteer."""
    from geoevents import Geoparser
    from geoevents._events import extract
    from geoevents._geoparse import parser

    monkeypatch.setattr(Gazetteer, "_default", fixture_gaz)
    monkeypatch.setattr(parser, "_default_parser", Geoparser(fixture_gaz))
    monkeypatch.setattr(extract, "_default_extractor", None)
