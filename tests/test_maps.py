"""Maps: the payload, escaping, warnings, reuse, offline pages and atomic writes.

Fast and without a browser; tests/test_maps_browser.py opens the pages in Chromium.
"""

from __future__ import annotations

import ast
import base64
import gzip
import json
import os
import re
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import LineString, Point, Polygon

from geoevents import (
    GeoEventsError,
    GeoEventsWarning,
    InvalidInputError,
    map_events,
    read_acled,
    read_ucdp,
    save_map,
)
from geoevents._events import empty_events, events_frame
from geoevents._maps import CountryOutlines, EventsLayer, assets, draw, elements, remote_assets
from geoevents._maps import payload as maps_payload

FIXTURES = Path(__file__).parent / "fixtures"
NASTY = "<img src=x onerror=window.__pwned=1> </script><script>window.__pwned=1</script>"


def invented(rows=None):
    """A few invented events (not from any report)."""
    base = [
        {
            "event_id": "t1",
            "event_date": "2023-03-01",
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": "Blue forces",
            "actor2": "Red forces",
            "location": "Vellmar",
            "country": "Examplestan",
            "latitude": 48.0,
            "longitude": 35.0,
            "geo_precision": 1,
            "status": "reported",
            "fatalities": 2,
            "notes": "Blue and Red forces clashed at Vellmar.",
            "source": "Test Wire",
            "source_url": "https://example.org/report/1",
        },
        {
            "event_id": "t2",
            "event_date": "2023-03-05",
            "event_type": "Explosions/Remote violence",
            "latitude": 47.0,
            "longitude": 33.0,
            "geo_precision": 2,
            "status": "unconfirmed",
        },
        {
            "event_id": "t3",
            "event_date": "2023-04-10",
            "event_type": "Protests",
            "latitude": 50.0,
            "longitude": 30.0,
            "geo_precision": 3,
            "status": "claimed",
        },
    ]
    return events_frame(base + (rows or []))


def layers_of(m) -> list[EventsLayer]:
    return [c for c in m._children.values() if isinstance(c, EventsLayer)]


def payload_of(m, k: int = 0) -> dict:
    return layers_of(m)[k].payload


class ScriptTexts(HTMLParser):
    """The text of each <script> element, cut where a browser would cut it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.texts: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._inside = True
            self.texts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.texts[-1] += data


def data_scripts(html: str) -> list[str]:
    """Contents of the page's JSON data elements, as the HTML parser would cut them."""
    return re.findall(r'<script type="application/json" id="[^"]+">(.*?)</script', html, re.S)


# ------------------------------------------------------------------ escaping


def test_payload_is_safe_inside_a_script_element_and_round_trips():
    notes = NASTY + " & {{ 7*7 }} {% if x %} \u2028line\u2029para"
    ev = invented(
        [
            {
                "event_type": "Riots",
                "latitude": 46.0,
                "longitude": 30.7,
                "notes": notes,
                "actor1": "<script>alert(1)</script>",
                "location": "{{ 7*7 }}",
                "source_url": "javascript:window.__pwned=1",
            }
        ]
    )
    m = map_events(ev, name="{{ name }} <b>")
    html = m.get_root().render()
    scripts = data_scripts(html)
    assert len(scripts) == 2  # the outlines and the events
    for text in scripts:
        assert "<" not in text and ">" not in text and "&" not in text
        assert "\u2028" not in text and "\u2029" not in text
    payload = json.loads(scripts[1])
    assert notes in payload["text"]["notes"][0]
    assert "{{ 7*7 }}" in payload["text"]["location"][0]
    assert "javascript:window.__pwned=1" in payload["text"]["source_url"][0]
    # Jinja saw the data as values, never as template source
    assert "{{ 7*7 }}" in html and "{% if x %}" in html and "{{ name }}" in html
    # the only script elements are ours: the data cannot open one
    assert html.count("<script>alert(1)") == 0
    assert "\u2028" not in html


def test_options_are_escaped_as_a_javascript_literal():
    m = map_events(invented(), name="</script><script>window.__pwned=1</script>")
    html = m.get_root().render()
    assert "</script><script>window.__pwned" not in html
    assert "\\u003c/script\\u003e" in html


def test_page_script_puts_text_in_with_text_content_only():
    folder = resources.files("geoevents").joinpath("_mapassets")
    names = sorted(f.name for f in folder.iterdir() if f.name.endswith(".js"))
    assert names == [
        "geoevents_clusters.js",
        "geoevents_map.js",
        "geoevents_shapes.js",
        "geoevents_time.js",
    ]
    for name in names:
        js = folder.joinpath(name).read_text("utf-8")
        assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "eval(" not in js
        assert "textContent" in js
    js = folder.joinpath("geoevents_map.js").read_text("utf-8")
    assert "escapeHtml(cat)" in js
    assert re.search(r"https\?:", js)  # links only for http(s)


# ------------------------------------------------------------------ input


def test_rows_without_location_are_dropped_with_a_count():
    ev = invented()
    extra = gpd.GeoDataFrame(
        {"event_type": ["Battles", "Battles", "Battles"]},
        geometry=[None, Point(), Point(np.nan, np.nan)],
        crs="EPSG:4326",
    )
    frame = pd.concat([ev, extra], ignore_index=True)
    with pytest.warns(GeoEventsWarning, match=r"3 of 6 events have no location"):
        m = map_events(frame)
    assert len(payload_of(m)["lat"]) == 3


def test_empty_frame_gives_an_empty_map_with_a_warning():
    with pytest.warns(GeoEventsWarning, match="no events to draw"):
        m = map_events(empty_events())
    assert isinstance(m, folium.Map)
    payload = payload_of(m)
    assert payload["lat"] == [] and payload["cats"] == []
    assert "GeoEvents.draw(" in m.get_root().render()


def test_caller_frame_is_not_modified():
    ev = invented().to_crs("EPSG:3857")
    ev.attrs["note"] = "kept"
    before = ev.copy(deep=True)
    map_events(ev, colors={"Battles": "#000000"}, heat=True)
    pd.testing.assert_frame_equal(
        pd.DataFrame(ev.drop(columns="geometry")), pd.DataFrame(before.drop(columns="geometry"))
    )
    assert ev.geometry.geom_equals(before.geometry).all()
    assert ev.crs == before.crs and ev.attrs == {"note": "kept"}
    assert list(ev.columns) == list(before.columns)


def test_reprojects_to_lon_lat():
    ev = invented().to_crs("EPSG:3857")
    payload = payload_of(map_events(ev))
    assert payload["lat"] == pytest.approx([48.0, 47.0, 50.0], abs=1e-4)
    assert payload["lon"] == pytest.approx([35.0, 33.0, 30.0], abs=1e-4)


def test_non_point_geometries_are_drawn_at_a_representative_point():
    square = Polygon([(30, 40), (31, 40), (31, 41), (30, 41)])
    line = LineString([(10, 10), (12, 10)])
    gdf = gpd.GeoDataFrame(
        {"event_type": ["Battles", "Riots"]}, geometry=[square, line], crs="EPSG:4326"
    )
    payload = payload_of(map_events(gdf))
    assert square.contains(Point(payload["lon"][0], payload["lat"][0]))
    assert line.distance(Point(payload["lon"][1], payload["lat"][1])) < 1e-6


def test_dates_as_text_in_any_format_or_with_time_zones():
    frame = pd.DataFrame(
        {
            "latitude": [48.0, 48.1, 48.2, 48.3],
            "longitude": [35.0, 35.1, 35.2, 35.3],
            "event_date": ["2023-03-01", "02 March 2023", "not a date", None],
        }
    )
    day = (pd.Timestamp("2023-03-01") - pd.Timestamp(0)).days
    with pytest.warns(GeoEventsWarning, match="1 of 4 events have an event_date"):
        assert payload_of(map_events(frame))["day"] == [day, day + 1, None, None]
    frame["event_date"] = pd.to_datetime(["2023-03-01"] * 4).tz_localize("Europe/Kyiv")
    assert payload_of(map_events(frame))["day"] == [day] * 4


def test_optional_columns_may_be_missing():
    frame = pd.DataFrame({"latitude": [48.5, "x"], "longitude": [35.1, 30.0]})
    with pytest.warns(GeoEventsWarning, match="1 of 2"):
        m = map_events(frame, color_by=None)
    payload = payload_of(m)
    assert payload["cats"] == ["Events"] and payload["day"] == [None]
    assert payload["prec"] == [1] and payload["text"] == {}
    m.get_root().render()


def test_reads_acled_and_ucdp_exports():
    acled = read_acled(FIXTURES / "acled_invented.csv")
    ucdp = read_ucdp(FIXTURES / "ucdp_invented.csv")
    m = map_events(acled, name="ACLED")
    m = map_events(ucdp, m=m, name="UCDP")
    assert [len(payload_of(m, k)["lat"]) for k in (0, 1)] == [len(acled), len(ucdp)]
    assert set(payload_of(m, 1)["prec"]) <= {1, 2, 3}


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (([1, 2],), {}, "not list"),
        (("events.csv",), {}, "not str"),
        ((None,), {}, "not NoneType"),
        (("GOOD",), {"color_by": "nope"}, "color_by='nope' is not a column"),
        (("GOOD",), {"m": "map"}, "m must be a folium.Map"),
        (("GOOD",), {"colors": {"Battles": "red;}</style>"}}, "is not a colour"),
        (("GOOD",), {"cell_km": -1}, "cell_km must be a positive number"),
    ],
)
def test_bad_input_is_a_clear_error(args, kwargs, message):
    if args == ("GOOD",):
        args = (invented(),)
    with pytest.raises(InvalidInputError, match=re.escape(message)):
        map_events(*args, **kwargs)


def test_frame_without_any_location_columns_is_an_error():
    with pytest.raises(InvalidInputError, match="neither a geometry column nor latitude"):
        map_events(pd.DataFrame({"event_type": ["Battles"]}))


def test_coordinates_without_crs_must_be_lon_lat():
    gdf = gpd.GeoDataFrame({"event_type": ["Battles"]}, geometry=[Point(3e6, 6e6)])
    with pytest.raises(InvalidInputError, match=r"set one with gdf\.set_crs"):
        map_events(gdf)


def test_warnings_point_at_the_caller_of_map_events(monkeypatch):
    monkeypatch.setattr(draw, "_AUTO_AGGREGATE", 1)
    nowhere = pd.DataFrame({"latitude": [None], "longitude": [35.0]})
    with pytest.warns(GeoEventsWarning) as seen:
        map_events(nowhere)  # no location, then nothing to draw
        map_events(pd.DataFrame({"latitude": [48.0, 48.1], "longitude": [35.0, 35.1]}))
    assert len(seen) == 3
    assert {Path(w.filename).name for w in seen} == {Path(__file__).name}


def test_the_maps_package_exports_what_tests_and_benchmarks_use():
    import geoevents._maps as maps

    root = Path(__file__).resolve().parents[1]
    files = [*root.glob("geoevents/*.py"), *root.glob("tests/*.py"), *root.glob("benchmarks/*.py")]
    used = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("_maps"):
                used |= {alias.name for alias in node.names}
    modules = {"assets", "draw", "elements", "payload", "render"}
    assert used - modules, "no names imported from geoevents._maps were found"
    assert used - modules <= set(maps.__all__)
    assert all(getattr(maps, name) is not None for name in maps.__all__)


# ------------------------------------------------------------------ content


def test_one_colour_per_type_with_acled_colours_and_overrides():
    payload = payload_of(map_events(invented(), colors={"Protests": "#123456"}))
    assert payload["cats"] == ["Battles", "Explosions/Remote violence", "Protests"]
    assert payload["colors"] == ["#d62728", "#ff7f0e", "#123456"]
    assert payload["counts"] == [1, 1, 1]
    assert payload["c"] == [0, 1, 2]


def test_colour_by_another_column_and_many_values_share_other():
    rows = [
        {"event_type": "Battles", "source": f"S{i:02d}", "latitude": 40 + i / 10, "longitude": 30.0}
        for i in range(25)
    ]
    payload = payload_of(map_events(events_frame(rows), color_by="source"))
    assert len(payload["cats"]) == 20 and payload["cats"][-1] == "Other"
    assert len(set(payload["colors"])) == 20
    assert payload["counts"][-1] == 6 and sum(payload["counts"]) == 25


def test_popup_fields_and_precision_travel_in_the_payload():
    payload = payload_of(map_events(invented()))
    text = {k: [v[0][c] if c >= 0 else None for c in v[1]] for k, v in payload["text"].items()}
    assert text["status"] == ["reported", "unconfirmed", "claimed"]
    assert text["actor1"][0] == "Blue forces" and text["source_url"][0].startswith("https://")
    assert payload["prec"] == [1, 2, 3]
    assert payload["fat"] == [2, None, None]
    assert payload["day"][0] == (pd.Timestamp("2023-03-01") - pd.Timestamp(0)).days


def test_precision_areas_are_drawn_with_the_stated_radii_and_fit_the_view():
    js = resources.files("geoevents").joinpath("_mapassets", "geoevents_map.js").read_text("utf-8")
    assert "AREA_M = { 2: 25000, 3: 200000 }" in js
    assert maps_payload._AREA_M == {2: 25_000, 3: 200_000}
    m = map_events(invented())
    (south, _west), (north, _east) = layers_of(m)[0].fit
    assert '"fit":[[' in m.get_root().render()
    # the first view takes in the ~25 km areas, but a region's 200 km circle may spill
    # over its edge rather than widen it (the bulk of the events stays large)
    assert 50.0 + 0.22 <= north < 50.0 + 1.79
    assert south < 47.0 - 0.2


def test_adding_to_an_existing_map():
    m = map_events(invented(), name="First")
    again = map_events(invented().iloc[:1], m=m, name="Second")
    assert again is m
    assert [layer.payload["cats"] for layer in layers_of(m)] == [
        ["Battles", "Explosions/Remote violence", "Protests"],
        ["Battles"],
    ]
    assert sum(isinstance(c, CountryOutlines) for c in m._children.values()) == 1
    other = folium.Map(tiles=None)
    assert map_events(invented(), m=other, outlines=False) is other
    assert not any(isinstance(c, CountryOutlines) for c in other._children.values())
    html = m.get_root().render()
    assert html.count("GeoEvents.draw(") == 2
    assert html.count("window.GeoEvents = {") == 1  # the page code once


def test_outlines_come_from_natural_earth_and_are_small():
    outline = json.loads(elements._outlines_json())
    assert 150 <= len(outline["features"]) <= 200
    assert len(elements._outlines_json()) < 200_000


def test_attribution_names_geonames_and_natural_earth():
    html = map_events(invented()).get_root().render()
    assert "GeoNames" in html and "Natural Earth" in html


def test_heat_layer_declares_leaflet_heat():
    m = map_events(invented(), heat=True)
    assert any("leaflet_heat" in url for _n, url in layers_of(m)[0].default_js)
    assert not any("leaflet_heat" in url for _n, url in EventsLayer.default_js)
    assert '"heat":true' in m.get_root().render()


def test_large_payloads_travel_gzipped(monkeypatch):
    plain = elements._script_json(payload_of(map_events(invented())))
    monkeypatch.setattr(elements, "_GZIP_ABOVE", 10)
    layer = layers_of(map_events(invented()))[0]
    packed = json.loads(layer.payload_json)["gzip"]
    assert gzip.decompress(base64.b64decode(packed)).decode("utf-8") == plain


# ------------------------------------------------------------------ aggregation


def many_events(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    return pd.DataFrame(
        {
            "event_type": rng.choice(["Battles", "Riots", "Protests"], n),
            "event_date": pd.Timestamp("2022-01-01")
            + pd.to_timedelta(rng.integers(0, 400, n), unit="D"),
            "latitude": rng.uniform(45, 50, n),
            "longitude": rng.uniform(30, 38, n),
            "fatalities": rng.integers(0, 3, n),
        }
    )


def test_aggregate_sums_events_per_cell_and_period():
    frame = many_events(20_000)
    payload = payload_of(map_events(frame, aggregate=True, cell_km=50))
    agg = payload["agg"]
    assert agg["period"] == "week" and agg["total"] == 20_000
    assert sum(agg["n"]) == 20_000 and len(agg["n"]) < 20_000
    assert sum(agg["fat"]) == int(frame["fatalities"].sum())
    by_cat = np.bincount(payload["c"], weights=agg["n"], minlength=len(payload["cats"]))
    assert by_cat.tolist() == payload["counts"]


def test_aggregate_coarsens_to_stay_drawable(monkeypatch):
    monkeypatch.setattr(maps_payload, "_MAX_CELLS", 200)
    agg = payload_of(map_events(many_events(5_000), aggregate=True, cell_km=5))["agg"]
    assert len(agg["n"]) <= 200 and sum(agg["n"]) == 5_000
    assert agg["cell_km"] > 5 or agg["period"] in ("month", "year")


def test_many_events_aggregate_by_default_with_a_warning(monkeypatch):
    monkeypatch.setattr(draw, "_AUTO_AGGREGATE", 1_000)
    with pytest.warns(GeoEventsWarning, match="aggregate=False"):
        m = map_events(many_events(1_500))
    assert payload_of(m)["agg"]["total"] == 1_500
    assert payload_of(map_events(many_events(1_500), aggregate=False))["agg"] is None


# ------------------------------------------------------------------ saving


def test_offline_page_loads_no_script_or_stylesheet_from_the_network(tmp_path):
    from folium.plugins import MarkerCluster

    m = map_events(invented(), heat=True)
    folium.Marker([48, 35], popup="a plain folium marker").add_to(m)
    MarkerCluster().add_to(m)  # a folium plugin beside ours: its library is inlined too
    out = save_map(m, tmp_path / "map.html", offline=True)
    html = out.read_text(encoding="utf-8")
    assert remote_assets(html) == []
    assert not re.search(r"<script[^>]*\bsrc=", html)
    assert not re.search(r"<link[^>]*stylesheet", html)
    assert "G.ClusterLayer = ClusterLayer" in html and "G.timeControl = " in html
    # the library itself, not folium's call of it
    assert "MarkerClusterGroup=L.FeatureGroup.extend" in html
    assert "simpleheat" in html  # Leaflet.heat, from folium's package
    assert 'L.Icon.Default.prototype.options.iconUrl="data:image/png' in html
    assert "url(images/" not in html
    # each inlined library is one whole script: nothing in it ends the element early
    scripts = ScriptTexts()
    scripts.feed(html)
    leaflet = assets._package_text("xstatic.pkg.leaflet", "data", "leaflet.js")
    assert any(leaflet in text for text in scripts.texts)
    assert "GeoEvents.draw(" in scripts.texts[-1]
    online = save_map(m, tmp_path / "online.html").read_text(encoding="utf-8")
    assert any("leaflet" in tag for tag in remote_assets(online))


def test_offline_refuses_what_no_package_provides(tmp_path):
    m = map_events(invented())
    m.get_root().header.add_child(
        folium.JavascriptLink("https://example.org/plugin.js"), name="plugin"
    )
    with pytest.raises(GeoEventsError, match=r"example\.org/plugin\.js"):
        save_map(m, tmp_path / "map.html", offline=True)
    icons = folium.Map()
    folium.Marker([1, 2], icon=folium.Icon(icon="cloud")).add_to(icons)
    with pytest.raises(GeoEventsError, match="awesome-markers"):
        save_map(icons, tmp_path / "icons.html", offline=True)
    assert not list(tmp_path.iterdir())


def test_save_writes_atomically(tmp_path, monkeypatch):
    target = tmp_path / "map.html"
    target.write_text("old page", encoding="utf-8")
    seen = []

    def failing_replace(src, dst):
        seen.append((Path(src), Path(dst)))
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        save_map(map_events(invented()), target)
    assert target.read_text(encoding="utf-8") == "old page"
    assert seen and seen[0][0].parent == tmp_path and seen[0][1] == target
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]
    monkeypatch.undo()
    out = save_map(map_events(invented()), target)
    assert out == target and "GeoEvents.draw(" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


def test_save_paths_and_suffixes(tmp_path):
    m = map_events(invented())
    assert save_map(m, tmp_path / "plain").name == "plain.html"
    assert save_map(m, str(tmp_path / "page.htm")).suffix == ".htm"
    with pytest.raises(InvalidInputError, match=r"\.html or \.png"):
        save_map(m, tmp_path / "map.pdf")
    with pytest.raises(InvalidInputError, match="no such folder"):
        save_map(m, tmp_path / "missing" / "map.html")
    with pytest.raises(InvalidInputError, match=r"needs a folium\.Map"):
        save_map("not a map", tmp_path / "map.html")


def test_png_without_a_browser_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOEVENTS_CHROMIUM", str(tmp_path / "no-such-browser"))
    with pytest.raises(GeoEventsError, match="needs headless Chromium"):
        save_map(map_events(invented()), tmp_path / "map.png")
    assert not (tmp_path / "map.png").exists()


# ------------------------------------------------------------------ region outlines and areas

KHARKIV_OBLAST, KHARKIV_CITY = 706482, 706483  # GeoNames ids: the division, its seat


def at_kharkiv(**row) -> dict:
    return {"event_type": "Battles", "latitude": 49.99, "longitude": 36.23, "geo_precision": 3,
            **row}  # fmt: skip


def test_each_region_outline_is_in_the_payload_once_and_events_refer_to_it():
    ev = invented([
        at_kharkiv(geonameid=KHARKIV_OBLAST),  # the division's own id
        at_kharkiv(geonameid=KHARKIV_CITY, country_code="UA", admin1="Kharkivska oblast"),
        at_kharkiv(country_code="UA", admin1="07"),  # no id: its admin1 code
        at_kharkiv(geo_precision=1, geonameid=KHARKIV_OBLAST),  # a pin: no outline
        at_kharkiv(country_code="UA", admin1="Invented oblast"),  # no outline: a circle
        at_kharkiv(geonameid=703446, event_type="Protests"),  # Kyivska oblast
    ])  # fmt: skip
    regions = payload_of(map_events(ev))["regions"]
    assert regions["names"] == ["Kharkivska oblast", "Kyivska oblast"]
    assert len(regions["shapes"]) == 2
    assert all(s["type"] in ("Polygon", "MultiPolygon") for s in regions["shapes"])
    # the three of invented() (the protest there has no admin1), then the six above
    assert regions["of"] == [-1, -1, -1, 0, 0, 0, -1, -1, 1]
    assert "Natural Earth" in regions["about"] and "public domain" in regions["license"]
    # no precision-3 event with an outline: no regions; aggregated cells: none either
    assert payload_of(map_events(invented()))["regions"] is None
    assert payload_of(map_events(ev, aggregate=True))["regions"] is None


# invented region-level events as ACLED files them: no geonameid, admin1 as ACLED spells it
# ("Kyiv" is the oblast, "Kyiv City" the city; the gazetteer's "Kyiv" is the city)
BILA_TSERKVA, BROVARY, KYIV_CENTRE = (49.80, 30.11), (50.51, 30.79), (50.45, 30.52)


def acled_style(admin1: str, at: tuple[float, float], **row) -> dict:
    return {"event_type": "Battles", "latitude": at[0], "longitude": at[1], "geo_precision": 3,
            "country_code": "UA", "admin1": admin1, **row}  # fmt: skip


def outline_of(rows) -> list[str | None]:
    """The division whose outline each event draws (None: a circle)."""
    regions = payload_of(map_events(pd.DataFrame(rows)))["regions"]
    if regions is None:
        return [None] * len(rows)
    return [regions["names"][k] if k >= 0 else None for k in regions["of"]]


def test_a_division_named_by_admin1_must_agree_with_the_events_point():
    rows = [
        acled_style("Kyiv", BILA_TSERKVA),  # the oblast, not the gazetteer's city of that name
        acled_style("Kyiv", BROVARY),  # just outside the city, inside the oblast
        acled_style("Kyiv City", KYIV_CENTRE),  # no division is named so: the point's
        acled_style("Kharkiv", (49.99, 36.23)),  # no division is named so: the point's
        acled_style("Kharkiv", (49.70, 37.60)),  # Kupiansk way, still the oblast
        acled_style("Donetsk", (48.30, 37.18)),
        acled_style("Kharkivska oblast", (46.63, 32.62)),  # named, but the point is in Kherson
        acled_style("Kharkiv", (46.63, 32.62)),  # and a spelling of it: neither
        acled_style("Kyiv", (49.99, 36.23)),  # the city, 400 km away: a circle
        acled_style("UA.07", (49.99, 36.23)),  # a code, and the point agrees
        acled_style("Kharkivska oblast", (50.35, 36.6)),  # ~10 km past its northern border
        acled_style("Kharkivska oblast", (50.55, 36.6)),  # ~31 km past it: a circle
    ]
    assert outline_of(rows) == [
        "Kyivska oblast", "Kyivska oblast", "Kyiv", "Kharkivska oblast", "Kharkivska oblast",
        "Donetska oblast", None, None, None, "Kharkivska oblast", "Kharkivska oblast", None,
    ]  # fmt: skip


def test_a_point_near_no_division_of_its_name_is_a_circle_and_a_division_id_stays():
    rows = [
        acled_style("Kyiv", (50.45, 31.05)),  # ~18 km past the city's eastern edge: oblast
        acled_style("Luhansk", (48.57, 39.33)),
        acled_style("Odesa", (46.48, 30.73)),  # ACLED's spellings end in a vowel: no matter
        acled_style("Sumy", (50.91, 34.80)),
        acled_style("Zaporizhia", (47.84, 35.14)),
        acled_style("Kyiv", BILA_TSERKVA, country_code="RU"),  # another country: none
        acled_style(None, BILA_TSERKVA),
        # a division's own id is the division whatever the point (it stands for it)
        acled_style("Kyiv", (49.99, 36.23), geonameid=703446),
    ]
    assert outline_of(rows) == ["Kyivska oblast", "Luhanska oblast", "Odeska oblast",
                                "Sumska oblast", "Zaporizka oblast", None, None,
                                "Kyivska oblast"]  # fmt: skip


def test_region_outlines_keep_a_large_page_small():
    """100,000 region-level events over Ukraine's 27 divisions: each outline once, and
    the page's document grows by its outlines and a small number per event."""
    from geoevents._regions import load_regions

    gids = [r.geonameid for key, r in load_regions().items() if key[0] == "UA"]
    assert len(gids) == 27
    n = 100_000
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({"latitude": rng.uniform(45, 52, n), "longitude": rng.uniform(23, 40, n),
                          "geo_precision": 3, "geonameid": rng.choice(gids, n)})  # fmt: skip
    with_regions = payload_of(map_events(frame, color_by=None, aggregate=False))
    regions = with_regions["regions"]
    assert len(regions["shapes"]) == 27 and len(regions["of"]) == n
    assert sorted(set(regions["of"])) == list(range(27))
    added = len(elements._script_json(regions))
    shapes = len(elements._script_json(regions["shapes"]))
    assert shapes < 150_000  # the outlines of all of Ukraine, once
    assert added < shapes + 4 * n  # and a number of at most three digits per event
    layer = layers_of(map_events(frame, color_by=None, aggregate=False))[0]
    assert len(layer.payload_json) < 15_000_000


def invented_areas(**columns):
    return gpd.GeoDataFrame(
        {"held_by": ["Blue", "Green"], "valid_from": ["2023-03-01", None],
         "valid_to": ["2023-03-31", None], **columns},
        geometry=[Polygon([(30, 46), (32, 46), (32, 48)]), Polygon([(33, 46), (34, 46), (34, 47)])],
        crs="EPSG:4326",
    )  # fmt: skip


def test_areas_travel_in_the_events_document():
    m = map_events(invented(), areas=invented_areas(), area_label="held_by",
                   area_colors={"Green": "#00aa00"}, area_name="Control")  # fmt: skip
    doc = payload_of(m)["areas"]
    assert doc["name"] == "Control"
    assert [(a["label"], a["start"], a["end"]) for a in doc["areas"]] == [
        ("Blue", 19417, 19447), ("Green", None, None)]  # fmt: skip
    assert [e["color"] for e in doc["legend"]] == ["#66c2a5", "#00aa00"]
    assert doc["first"] == 19417 and doc["last"] == 19447
    assert payload_of(map_events(invented()))["areas"] is None
    # markup in a label stays data: escaped for the <script> element, put in as text
    m = map_events(invented(), areas=invented_areas(held_by=[NASTY, "x"]), area_label="held_by")
    assert payload_of(m)["areas"]["areas"][0]["label"] == NASTY
    html = m.get_root().render()
    assert "onerror=window" in html and "<img src=x" not in html


def test_areas_alone_set_the_first_view():
    with pytest.warns(GeoEventsWarning, match="no events to draw"):
        m = map_events(empty_events(), areas=invented_areas())
    assert layers_of(m)[0].fit == [[46.0, 30.0], [48.0, 34.0]]


def test_map_events_reads_areas_with_the_defaults_of_events_in_areas():
    """map_events' signature holds its area defaults (the ones _areas' functions have),
    and shapes.AREA_COLUMNS maps its arguments to theirs."""
    import inspect

    import geoevents._maps.shapes as shapes
    from geoevents import _areas

    ours = inspect.signature(map_events).parameters
    theirs = inspect.signature(_areas.events_in_areas).parameters
    for arg, column in shapes.AREA_COLUMNS.items():
        assert ours[arg].default == theirs[column].default


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"areas": "control.gpkg"}, "areas must be a GeoDataFrame"),
        ({"areas": "AREAS", "area_label": "owner"}, "area_label='owner' is not a column of areas"),
        ({"areas": "AREAS", "area_start": 3}, "area_start must be a column name"),
        ({"areas": "AREAS", "area_end": "until"}, "area_end='until' is not a column of areas"),
        ({"areas": "AREAS", "area_colors": {"Blue": "red;}"}}, "area_colors: colors['Blue']"),
        ({"areas": "AREAS", "area_colors": ["red"]}, "area_colors: colors must be a dict"),
        ({"areas": "AREAS", "area_name": 5}, "area_name must be a str"),
        ({"area_label": "held_by"}, "area_label given without areas="),
        ({"area_start": None, "area_name": "Control"}, "area_start, area_name given without"),
        ({"areas": "AREAS", "area_label": "geometry"}, "area_label='geometry' is not a column"),
        ({"areas": "POINTS"}, "areas must hold polygons"),
    ],
)
def test_bad_areas_are_a_clear_error(kwargs, message):
    if kwargs.get("areas") == "AREAS":
        kwargs["areas"] = invented_areas()
    elif kwargs.get("areas") == "POINTS":
        kwargs["areas"] = gpd.GeoDataFrame(
            {"valid_from": [None], "valid_to": [None]}, geometry=[Point(30, 46)], crs="EPSG:4326"
        )
    with pytest.raises(InvalidInputError, match=re.escape(message)):
        map_events(invented(), **kwargs)
