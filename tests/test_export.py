"""Exports GIS tools read: a GeoPackage with its QGIS style beside it, KML and KMZ."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest

from geoevents import GeoEventsWarning
from geoevents._export import qgis_style, to_geopackage, to_kml
from geoevents._maps import ACLED_COLORS


def events(n_unplaced=0):
    frame = gpd.GeoDataFrame(
        {"event_date": pd.to_datetime(["2022-05-03", "2022-05-04", "2022-05-04"]),
         "event_type": ["Battles", "Protests", "A kind of our own"],
         "location": ["Izium", "Kherson", "Odesa"],
         "notes": pd.Series(["One", "Two", "Three \ud800"], dtype=object)},
        geometry=gpd.points_from_xy([37.25, 32.6, 30.7], [49.2, 46.6, 46.5]), crs="EPSG:4326",
    )  # fmt: skip
    if n_unplaced:
        frame.loc[frame.index[:n_unplaced], "geometry"] = None
    return frame


def test_the_geopackage_gets_a_qgis_style_beside_it(tmp_path):
    out = to_geopackage(events(), tmp_path / "ev.gpkg")
    assert pyogrio.list_layers(out).tolist() == [["events", "Point"]]  # the events alone
    qml = (tmp_path / "ev.qml").read_text("utf-8")
    root = ET.fromstring(qml.split("\n", 1)[1])
    temporal = root.find("temporal")
    assert temporal.get("startField") == "event_date" and temporal.get("enabled") == "1"
    renderer = root.find("renderer-v2")
    assert renderer.get("attr") == "event_type"
    values = [c.get("value") for c in renderer.iter("category")]
    assert values == ["A kind of our own", "Battles", "Protests", ""]
    colors = {c.get("value"): c.get("symbol") for c in renderer.iter("category")}
    symbol = {s.get("name"): s for s in renderer.iter("symbol")}[colors["Battles"]]
    rgb = next(o.get("value") for o in symbol.iter("Option") if o.get("name") == "color")
    assert ACLED_COLORS["Battles"] == "#d62728" and rgb == "214,39,40,255"  # the map's red
    to_geopackage(events(), tmp_path / "plain.gpkg", style=False)
    assert not (tmp_path / "plain.qml").exists()


def test_style_text_is_escaped_and_without_dates_has_no_time_control():
    qml = qgis_style(pd.DataFrame({"event_type": ['x" onload="y', "<b>&"]}))
    root = ET.fromstring(qml.split("\n", 1)[1])  # well-formed whatever the types say
    assert {c.get("value") for c in root.iter("category")} == {'x" onload="y', "<b>&", ""}
    assert root.find("temporal") is None


def test_kmz_is_the_kml_zipped_and_unplaced_events_are_named(tmp_path):
    with pytest.warns(GeoEventsWarning, match="1 event.* without a point"):
        kmz = to_kml(events(n_unplaced=1), tmp_path / "ev.kmz")
    with zipfile.ZipFile(kmz) as archive:
        assert archive.namelist() == ["doc.kml"]
        body = archive.read("doc.kml").decode("utf-8")  # valid UTF-8: the lone surrogate is "?"
    root = ET.fromstring(body)
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    assert len(root.findall(".//k:Placemark", ns)) == 2
    assert [w.text for w in root.findall(".//k:when", ns)] == ["2022-05-04", "2022-05-04"]
    assert "Three ?" in body
