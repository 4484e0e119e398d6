"""The user's area of interest (issue 12, ``area=`` of geoparse and extract_events):
country codes, a bounding box or polygons; names resolve inside it when they can, and
events stand only inside it. A small invented gazetteer with two Troitsks (one in
Ukraine, a larger one in Russia); invented sentences; no full index."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import Point, box

from geoevents import Gazetteer, InvalidInputError, extract_events
from geoevents._geoparse import Area, Geoparser

HEADER = "id,name,aliases,kind,country_code,admin1,latitude,longitude,population,source\n"
PLACES = """\
a-lo,Luhanska oblast,Luhansk Oblast|Luhansk,admin1,UA,Luhanska oblast,48.6,39.0,2100000,
a-ko,Kharkivska oblast,Kharkiv Oblast,admin1,UA,Kharkivska oblast,49.6,36.4,2600000,
a-kharkiv,Kharkiv,,city,UA,Kharkivska oblast,49.9935,36.2304,1400000,
a-belgorod,Belgorod,,city,RU,Belgorodskaya oblast,50.6,36.6,340000,
a-tr-ua,Troitsk,,city,UA,Luhanska oblast,49.9,38.3,7000,
a-tr-ru,Troitsk,,city,RU,Chelyabinskaya oblast,54.1,61.6,78000,
"""
UKRAINE_BOX = (22.1, 44.3, 40.2, 52.4)


@pytest.fixture(scope="module")
def gaz(tmp_path_factory) -> Gazetteer:
    path = tmp_path_factory.mktemp("area") / "places.csv"
    path.write_text(HEADER + PLACES, encoding="utf-8")
    return Gazetteer.from_places(path)


@pytest.mark.parametrize(
    "area",
    [
        "UA",
        ["ua", "MD"],
        UKRAINE_BOX,
        box(*UKRAINE_BOX),
        gpd.GeoSeries([box(*UKRAINE_BOX)], crs=4326),
        # any CRS: read in EPSG:4326
        gpd.GeoDataFrame(geometry=[box(*UKRAINE_BOX)], crs=4326).to_crs(3857),
    ],
    ids=["code", "codes", "box", "shapely", "geoseries", "geodataframe-3857"],
)
def test_a_name_means_its_namesake_inside_the_area(gaz, area):
    parser = Geoparser(gaz)
    text = "Drones hit Troitsk overnight."
    assert parser.parse(text)["country_code"].tolist() == ["RU"]  # the larger, alone
    assert parser.parse(text, area=area)["country_code"].tolist() == ["UA"]


def test_a_name_with_nothing_inside_keeps_its_reading(gaz):
    rows = Geoparser(gaz).parse("Officials in Belgorod said so.", area="UA")
    assert rows["name"].tolist() == ["Belgorod"]


def test_events_stand_only_inside_the_area(gaz):
    text = "Shelling of Kharkiv and Belgorod overnight."
    everywhere = extract_events(text, published="2023-05-02", gazetteer=gaz)
    assert sorted(everywhere["location"]) == ["Belgorod", "Kharkiv"]
    inside = extract_events(text, published="2023-05-02", gazetteer=gaz, area="UA")
    assert inside["location"].tolist() == ["Kharkiv"]
    troitsk = extract_events(
        "Drones hit Troitsk overnight.", published="2023-05-02", gazetteer=gaz, area="UA"
    )
    assert troitsk["country_code"].tolist() == ["UA"]


def test_contains(gaz):
    ix = gaz.index
    lat, lon = ix.latitude, ix.longitude
    by_code = Area.of("UA").contains(lat, lon, ix.country, ix)
    by_box = Area.of(UKRAINE_BOX).contains(lat, lon, ix.country, ix)
    by_shape = Area.of(box(*UKRAINE_BOX)).contains(lat, lon, ix.country, ix)
    names = [gaz.place(i).name for i in range(len(gaz))]
    ukrainian = np.array([gaz.place(i).country_code == "UA" for i in range(len(gaz))])
    assert (by_code == ukrainian).all()
    # Belgorod lies inside the box around Ukraine, though not in Ukraine
    assert [n for n, inside in zip(names, by_box, strict=True) if inside and n == "Belgorod"]
    assert (by_box == by_shape).all()
    assert Area.of(Point(36.2, 50.0).buffer(1.0)).contains(
        np.array([50.0, 54.1]), np.array([36.2, 61.6]), ix.country[:2], ix
    ).tolist() == [True, False]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("Ukraine", "alpha-2"),
        (["UA", 3], "country codes"),
        ((1, 2, 3), "bounding box"),
        ((40.2, 44.3, 22.1, 52.4), "west < east"),
        ((22.1, 44.3, 40.2, float("nan")), "non-finite"),
        ((0, -95, 10, 10), "degrees"),
        (Point(30, 50), "no area"),
        (gpd.GeoDataFrame(geometry=[None], crs=4326), "no geometry"),
        (42, "country codes"),
        ([], "country codes"),
        ("UK", "no country's ISO 3166 alpha-2 code: the United Kingdom is 'GB'"),
        (["UA", "ZZ"], "'ZZ' is no country's"),
    ],
)
def test_bad_areas_are_clear_errors(bad, message):
    with pytest.raises(InvalidInputError, match=message):
        Area.of(bad)


def test_a_bad_area_fails_before_any_work():
    with pytest.raises(InvalidInputError, match="alpha-2"):
        extract_events("Shelling hit Kharkiv.", area="Ukraine")
