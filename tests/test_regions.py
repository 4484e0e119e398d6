"""The shipped outlines of first-level divisions (geoevents/_regions.py, issue 16 part 4)."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pytest
import shapely
from shapely.geometry import Point

from geoevents import Gazetteer
from geoevents._regions import (
    find_region,
    load_regions,
    region_by_geonameid,
    region_outline,
    region_outlines_path,
    regions_geojson,
)

# GeoNames' admin1 codes of Ukraine: 24 oblasts, Crimea (11), Kyiv (12), Sevastopol (20)
UA_CODES = [f"UA.{n:02d}" for n in range(1, 28)]


def test_the_file_is_small_and_names_its_source_and_licence():
    path = region_outlines_path()
    assert path.stat().st_size < 1_500_000
    doc = json.loads(gzip.decompress(path.read_bytes()))
    assert "Natural Earth" in doc["about"] and "qgis-common" in doc["about"]
    assert "public domain (Natural Earth)" in doc["license"] and "GeoNames" in doc["license"]
    assert len(doc["features"]) > 3000


def test_every_division_of_ukraine_has_an_outline():
    regions = load_regions()
    assert [code for code in UA_CODES if ("UA", code) not in regions] == []
    for code in UA_CODES:
        outline = region_outline("UA", code)
        assert outline.is_valid and outline.geom_type in ("Polygon", "MultiPolygon")
        assert outline.bounds[0] >= 20 and outline.bounds[2] <= 41  # inside Ukraine's span


@pytest.mark.parametrize(
    ("point", "code"),
    [
        ((36.23, 49.99), "UA.07"),  # Kharkiv, in Kharkiv oblast
        ((37.80, 48.02), "UA.05"),  # Donetsk
        ((34.10, 44.95), "UA.11"),  # Simferopol, Crimea
        ((33.52, 44.60), "UA.20"),  # Sevastopol
        ((30.52, 50.45), "UA.12"),  # Kyiv, the city
        ((30.23, 50.80), "UA.13"),  # north of it, Kyiv oblast (around the city)
        ((24.03, 49.84), "UA.15"),  # Lviv
    ],
)
def test_a_city_lies_in_its_divisions_outline(point, code):
    assert region_outline("UA", code).contains(Point(point))


def test_the_city_of_kyiv_is_a_hole_in_kyiv_oblast():
    assert not region_outline("UA", "UA.13").contains(Point(30.52, 50.45))


def test_neighbouring_outlines_share_borders_without_overlapping():
    outlines = [region_outline("UA", code) for code in UA_CODES]
    assert shapely.coverage_is_valid(outlines)


def test_a_division_is_found_by_code_iso_code_name_or_geonames_id():
    kharkiv = find_region("UA", "UA.07")
    assert kharkiv.name == "Kharkivska oblast" and kharkiv.geonameid == 706482
    assert find_region("UA", "07") == kharkiv
    assert find_region("ua", " UA-63 ") == kharkiv
    assert find_region("UA", "kharkivska OBLAST") == kharkiv
    assert region_by_geonameid(706482) == kharkiv
    assert region_by_geonameid(np.int64(706482)) == kharkiv


@pytest.mark.parametrize(
    ("country", "admin1"),
    [("UA", "UA.99"), ("UA", "99"), ("XX", "07"), ("UA", ""), ("UA", "Atlantis"), (None, "07")],
)
def test_a_missing_division_gives_none(country, admin1):
    assert find_region(country, admin1) is None
    assert region_outline(country, admin1) is None


@pytest.mark.parametrize("geonameid", [0, -1, None, float("nan"), "x"])
def test_an_unknown_geonames_id_gives_none(geonameid):
    assert region_by_geonameid(geonameid) is None


def test_outside_ukraine_too():
    assert region_outline("PL", find_region("PL", "PL-14").admin1_code).contains(
        Point(21.01, 52.23)  # Warsaw, in Masovia
    )
    assert region_outline("US", "CA").contains(Point(-118.24, 34.05))  # Los Angeles
    assert region_outline("RU", "Belgorodskaya oblast'").contains(Point(36.59, 50.60))


def test_geojson_of_a_set_of_divisions():
    doc = regions_geojson([("UA", "07"), 706442, ("UA", "UA.07"), ("UA", "99"), 1])
    assert doc["type"] == "FeatureCollection" and "Natural Earth" in doc["about"]
    assert [f["properties"]["admin1"] for f in doc["features"]] == ["UA.07", "UA.08"]
    feature = doc["features"][0]
    assert feature["properties"] == {
        "cc": "UA", "admin1": "UA.07", "geonameid": 706482, "name": "Kharkivska oblast",
        "iso": "UA-63",
    }  # fmt: skip
    assert shapely.geometry.shape(feature["geometry"]).equals(region_outline("UA", "07"))
    json.dumps(doc, allow_nan=False)  # ready to serialise
    feature["properties"]["name"] = "changed"  # the caller's copy, not the cache
    assert find_region("UA", "07").name == "Kharkivska oblast"
    assert regions_geojson([])["features"] == []


def _ukrainian_rows(index, kind: str, min_population: int = 0) -> np.ndarray:
    """The index rows of Ukrainian places of ``kind`` with at least ``min_population``."""
    return np.flatnonzero(
        (np.asarray(index.kind) == index.kinds.index(kind))
        & (np.asarray(index.country) == index.string_id("UA"))
        & (np.asarray(index.population) >= min_population)
    )


@pytest.mark.integration  # the full gazetteer index
def test_every_ukrainian_division_the_gazetteer_knows_has_an_outline():
    gaz = Gazetteer.load()
    index = gaz.index
    rows = _ukrainian_rows(index, "admin1")
    places = [gaz.place(int(i)) for i in rows]
    assert len(places) == 27
    for place in places:
        region = region_by_geonameid(place.geonameid)
        assert region is not None, place
        assert find_region("UA", place.admin1) == region


@pytest.mark.integration  # the full gazetteer index
def test_kharkiv_from_the_gazetteer_lies_in_its_oblast():
    city = Gazetteer.load().best("Kharkiv", kind="city")
    assert city.country_code == "UA"
    outline = region_outline(city.country_code, city.admin1)
    assert outline.contains(Point(city.longitude, city.latitude))


@pytest.mark.integration  # the full gazetteer index
def test_ukrainian_towns_lie_in_their_divisions_outlines():
    gaz = Gazetteer.load()
    index = gaz.index
    rows = _ukrainian_rows(index, "city", min_population=10_000)
    places = [gaz.place(int(i)) for i in rows]
    distance = np.array([
        region_outline("UA", p.admin1).distance(Point(p.longitude, p.latitude))
        for p in places
        if p.admin1
    ])  # fmt: skip
    assert len(distance) > 300
    # Natural Earth's generalised coast leaves a few ports (Kherson, Ochakiv) just
    # outside, and its city of Kyiv reaches over suburbs (Irpin) that belong to the oblast
    assert (distance == 0).mean() > 0.95
    assert (distance < 0.05).mean() > 0.99  # degrees: about 5 km


def test_the_shipped_country_outlines_follow_the_recognised_borders():
    """README, "Occupied areas": the basemap draws Crimea and Sevastopol in Ukraine, as
    the events' country says, and leaves Russia's own towns in Russia."""
    from shapely.geometry import Point

    from geoevents._gazetteer.sources import country_outlines

    shapes = {iso3: geom for iso3, _name, geom in country_outlines()}
    for lon, lat in (
        (34.10, 44.95),
        (33.52, 44.60),
        (36.47, 45.36),
    ):  # Simferopol, Sevastopol, Kerch
        assert shapes["UKR"].contains(Point(lon, lat))
        assert not shapes["RUS"].contains(Point(lon, lat))
    for lon, lat in ((38.97, 45.03), (39.70, 47.23)):  # Krasnodar, Rostov-on-Don
        assert shapes["RUS"].contains(Point(lon, lat))
