"""events_in_areas, area_payload and control_view, on small invented areas and events.

Every polygon, date and label here is invented for the test (boxes over made-up
coordinates, "Blue" and "Green" holders); the one test that reads ../shared counts the
development files' labels and skips when they are absent.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import geoevents
from geoevents import InvalidInputError, control_view, events_in_areas
from geoevents import _areas as amod
from geoevents import _control as cmod
from geoevents._areas import area_payload
from geoevents._errors import GeoEventsWarning
from tests.rules_support import public_names, untested

from .conftest import SHARED

# ------------------------------------------------------------------ invented fixtures

WEST = shapely.box(30.0, 46.0, 31.0, 47.0)
EAST = shapely.box(31.0, 46.0, 32.0, 47.0)  # shares the x = 31 border with WEST
BIG = shapely.box(29.0, 45.0, 33.0, 48.0)  # holds both


def areas_frame(**columns) -> gpd.GeoDataFrame:
    geometry = columns.pop("geometry")
    return gpd.GeoDataFrame(columns, geometry=geometry, crs="EPSG:4326")


def events_frame(dates, points, index=None) -> pd.DataFrame:
    return pd.DataFrame({
        "event_date": pd.to_datetime(dates),
        "latitude": [p[1] if p else np.nan for p in points],
        "longitude": [p[0] if p else np.nan for p in points],
    }, index=index)  # fmt: skip


@pytest.fixture
def dated_areas() -> gpd.GeoDataFrame:
    return areas_frame(
        held_by=["Blue", "Green", "Grey"],
        valid_from=["2022-01-01", "2022-03-01", None],
        valid_to=["2022-02-28", None, None],
        geometry=[WEST, WEST, EAST],
    )


# ------------------------------------------------------------------ events_in_areas


def test_each_event_gets_the_area_that_held_it_on_its_day(dated_areas):
    events = events_frame(
        ["2022-02-28", "2022-03-01", "2021-12-31", "2025-01-01", "2022-02-01"],
        [(30.5, 46.5), (30.5, 46.5), (30.5, 46.5), (31.5, 46.5), (35.0, 40.0)],
    )
    held = events_in_areas(events, dated_areas, label="held_by")
    assert held.index.equals(events.index)
    # both ends are included; before the first area began nothing held the point
    assert held["area"].tolist() == [0, 1, pd.NA, 2, pd.NA]
    assert held["area_label"].tolist()[:2] == ["Blue", "Green"]
    assert held["area_from"].iloc[0] == pd.Timestamp("2022-01-01")
    assert held["area_to"].iloc[0] == pd.Timestamp("2022-02-28")
    assert pd.isna(held["area_to"].iloc[1])  # an open end
    assert pd.isna(held["area_from"].iloc[3])  # an undated area
    assert held["area_count"].tolist() == [1, 1, 0, 1, 0]
    assert held.dtypes["area_count"] == np.int64


def test_overlap_latest_takes_the_latest_start_then_the_later_row():
    areas = areas_frame(
        name=["old", "newer", "undated", "newer too"],
        valid_from=["2020-01-01", "2022-01-01", None, "2022-01-01"],
        geometry=[BIG, WEST, WEST, WEST],
    )
    events = events_frame(["2022-06-01", "2021-06-01", "2022-06-01"],
                          [(30.5, 46.5), (30.5, 46.5), (32.5, 47.5)])  # fmt: skip
    held = events_in_areas(events, areas, label="name", end=None)
    assert held["area_label"].tolist() == ["newer too", "old", "old"]
    assert held["area_count"].tolist() == [4, 2, 1]


def test_overlap_all_gives_one_row_per_area_in_order_of_first_day():
    areas = areas_frame(
        name=["b", "a", "c"], valid_from=["2022-01-01", "2020-01-01", "2023-01-01"],
        geometry=[WEST, BIG, WEST],
    )  # fmt: skip
    points = [(30.5, 46.5), (40.0, 40.0), (32.5, 47.5)]
    events = events_frame(["2022-06-01"] * 3, points, index=["x", "y", "z"])
    held = events_in_areas(events, areas, label="name", end=None, overlap="all")
    assert held.index.tolist() == ["x", "x", "y", "z"]
    assert held["area_label"].fillna("-").tolist() == ["a", "b", "-", "a"]
    assert held["area_count"].tolist() == [2, 2, 0, 1]


def test_events_without_a_date_or_a_point(dated_areas):
    events = events_frame([None, None, "2022-02-01"], [(30.5, 46.5), (31.5, 46.5), None])
    held = events_in_areas(events, dated_areas)
    # no dated area can be said to have held an undated event; an undated area holds
    # at every date; no area holds an event without a point
    assert held["area"].tolist() == [pd.NA, 2, pd.NA]


def test_a_point_on_an_outline_is_held_and_a_shared_border_counts_both(dated_areas):
    events = events_frame(["2022-02-01", "2022-02-01"], [(30.0, 46.5), (31.0, 46.5)])
    held = events_in_areas(events, dated_areas)
    # on the shared border the dated area wins over the undated one (the oldest)
    assert held["area"].tolist() == [0, 0]
    assert held["area_count"].tolist() == [1, 2]


def test_geodataframe_events_in_another_crs_and_areas_in_another_crs(dated_areas):
    events = gpd.GeoDataFrame(
        {"event_date": pd.to_datetime(["2022-02-01", "2022-02-01"])},
        geometry=[shapely.Point(30.5, 46.5), None], crs="EPSG:4326",
    ).to_crs("EPSG:3857")  # fmt: skip
    held = events_in_areas(events, dated_areas.to_crs("EPSG:3857"))
    assert held["area"].tolist() == [0, pd.NA]


def test_areas_without_a_crs():
    events = events_frame(["2022-02-01"], [(30.5, 46.5)])
    lonlat = gpd.GeoDataFrame({"n": [1]}, geometry=[WEST])
    assert events_in_areas(events, lonlat, start=None, end=None)["area"].tolist() == [0]
    metres = gpd.GeoDataFrame({"n": [1]}, geometry=[shapely.box(3e6, 5e6, 3.1e6, 5.1e6)])
    with pytest.raises(InvalidInputError, match=r"no CRS.*set_crs"):
        events_in_areas(events, metres, start=None, end=None)


def test_labels_of_both_frames_are_kept():
    areas = areas_frame(valid_from=["2022-01-01"], valid_to=["2022-12-31"], geometry=[WEST])
    areas.index = ["front-7"]
    events = events_frame(["2022-05-05", "2023-05-05"], [(30.5, 46.5)] * 2, index=[10, 20])
    held = events_in_areas(events, areas, prefix="zone")
    assert held.index.tolist() == [10, 20]
    assert held["zone"].fillna("-").tolist() == ["front-7", "-"]
    assert list(held.columns) == ["zone", "zone_from", "zone_to", "zone_count"]
    joined = events.join(held).join(areas.drop(columns="geometry"), on="zone")
    assert joined["valid_from"].fillna("-").tolist() == ["2022-01-01", "-"]


@pytest.mark.parametrize(
    "first",
    [
        pd.to_datetime(["2022-01-10"]),
        pd.to_datetime(["2022-01-10 23:00"]).tz_localize("UTC"),
        [dt.date(2022, 1, 10)],
        [dt.datetime(2022, 1, 10, 8, 30)],
        ["10 January 2022"],
        [np.datetime64("2022-01-10")],
    ],
)
def test_dates_of_every_kind(first):
    areas = areas_frame(valid_from=first, valid_to=["9999-12-31"], geometry=[WEST])
    events = events_frame(["2022-01-09", "2022-01-10", "2400-01-01"], [(30.5, 46.5)] * 3)
    events["event_date"] = events["event_date"].astype(object)  # text and dates alike
    held = events_in_areas(events, areas)
    assert held["area"].tolist() == [pd.NA, 0, 0]  # far dates too: "9999-12-31" is a date


def test_an_event_date_that_is_not_a_date_is_undated_with_a_warning(dated_areas):
    events = events_frame(["2022-02-01"], [(31.5, 46.5)])
    events["event_date"] = ["not a day"]
    with pytest.warns(GeoEventsWarning, match="1 event.*not a date"):
        held = events_in_areas(events, dated_areas)
    assert held["area"].tolist() == [2]  # the undated area still holds it


def test_multipolygons_invalid_rings_and_missing_geometries():
    bowtie = shapely.Polygon([(30, 46), (31, 47), (31, 46), (30, 47)])  # crosses itself
    areas = areas_frame(
        n=[1, 2, 3],
        geometry=[shapely.MultiPolygon([WEST, shapely.box(33, 46, 34, 47)]), bowtie, None],
    )
    events = events_frame(["2022-01-01"] * 2, [(33.5, 46.5), (30.9, 46.5)])
    with pytest.warns(GeoEventsWarning) as caught:
        held = events_in_areas(events, areas, start=None, end=None)
    said = " ".join(str(w.message) for w in caught)
    assert "1 area(s) of areas are not valid polygons" in said
    assert "1 area(s) of areas have no geometry" in said
    # the repaired bow-tie holds the second point with the multipolygon; both undated,
    # the later row wins
    assert held["area"].tolist() == [0, 1]
    assert held["area_count"].tolist() == [1, 2]


def test_arguments_are_not_modified(dated_areas):
    events = events_frame(["2022-02-01"], [(30.5, 46.5)])
    events["event_date"] = events["event_date"].astype(object)
    areas_before, events_before = dated_areas.copy(), events.copy()
    events_in_areas(events, dated_areas.to_crs("EPSG:3857"), label="held_by")
    area_payload(dated_areas, label="held_by")
    control_view(events.assign(country="Ukraine", country_code="UA", admin1="Crimea"),
                 areas=dated_areas.assign(controller="RU"))  # fmt: skip
    pd.testing.assert_frame_equal(dated_areas, areas_before)
    pd.testing.assert_frame_equal(events, events_before)


def test_agrees_with_a_brute_force_answer():
    rng = np.random.default_rng(7)
    n_areas, n_events = 40, 600
    x, y = rng.uniform(0, 10, n_areas), rng.uniform(0, 10, n_areas)
    boxes = [shapely.box(a, b, a + rng.uniform(0.5, 4), b + rng.uniform(0.5, 4))
             for a, b in zip(x, y, strict=True)]  # fmt: skip
    first = rng.integers(0, 300, n_areas)
    last = first + rng.integers(0, 100, n_areas)
    undated = rng.random(n_areas) < 0.2
    day0 = pd.Timestamp("2021-01-01")
    areas = areas_frame(
        valid_from=[None if u else day0 + pd.Timedelta(days=int(f))
                    for u, f in zip(undated, first, strict=True)],
        valid_to=[None if u else day0 + pd.Timedelta(days=int(t))
                  for u, t in zip(undated, last, strict=True)],
        geometry=boxes,
    )  # fmt: skip
    days = rng.integers(0, 400, n_events)
    points = list(zip(rng.uniform(0, 12, n_events), rng.uniform(0, 12, n_events), strict=True))
    events = events_frame([day0 + pd.Timedelta(days=int(d)) for d in days], points)
    held = events_in_areas(events, areas)
    expected = []
    for (px, py), d in zip(points, days, strict=True):
        holding = [
            i for i in range(n_areas)
            if boxes[i].intersects(shapely.Point(px, py))
            and (undated[i] or first[i] <= d <= last[i])
        ]  # fmt: skip
        key = {i: (-1 if undated[i] else first[i], i) for i in holding}
        expected.append(max(holding, key=key.get) if holding else pd.NA)
    assert held["area"].tolist() == expected
    assert (held["area"].notna()).sum() > 100  # the test holds real work


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda ev, ar: events_in_areas(ev, pd.DataFrame(ar)), "areas must be a GeoDataFrame"),
        (lambda ev, ar: events_in_areas(ev, ar, start="from"),
         r"start='from' is not a column of areas .*pass start=None"),
        (lambda ev, ar: events_in_areas(ev, ar, label="who"), r"label='who' is not a column"),
        (lambda ev, ar: events_in_areas(ev, ar, label="geometry"), "not a column"),
        (lambda ev, ar: events_in_areas(ev, ar, overlap="first"), "overlap must be one of"),
        (lambda ev, ar: events_in_areas(ev, ar, date="day"), r"date='day' is not a column"),
        (lambda ev, ar: events_in_areas(ev.to_numpy(), ar), "events must be a DataFrame"),
        (lambda ev, ar: events_in_areas(ev, ar, prefix=""), "prefix must be"),
        (lambda ev, ar: events_in_areas(ev, ar.assign(valid_to="someday")),
         r"row 0: end column 'valid_to' holds 'someday', which is not a date"),
        (lambda ev, ar: events_in_areas(ev, ar.assign(valid_from="today")),
         "a day relative to today"),
        (lambda ev, ar: events_in_areas(ev, ar.assign(valid_from=2022)), "a int, not a date"),
        (lambda ev, ar: events_in_areas(ev, ar.assign(valid_to="2021-01-01")),
         r"row 0: valid_from .* is after valid_to"),
        (lambda ev, ar: events_in_areas(ev, ar.set_geometry(ar.centroid)),
         "areas must hold polygons: row 0 is a Point"),
        (lambda ev, ar: events_in_areas(ev, gpd.GeoDataFrame({"a": [1]})),
         "no active geometry column"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_naming_the_argument(dated_areas, call, message):
    events = events_frame(["2022-02-01"], [(30.5, 46.5)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # geopandas' centroid-in-degrees note
        with pytest.raises(InvalidInputError, match=message):
            call(events, dated_areas)


def test_empty_frames():
    events = events_frame([], [])
    areas = areas_frame(n=[], geometry=[])
    assert events_in_areas(events, areas, start=None, end=None).empty
    held = events_in_areas(events_frame(["2022-01-01"], [(30.5, 46.5)]), areas,
                           start=None, end=None)  # fmt: skip
    assert held["area"].tolist() == [pd.NA]


# ------------------------------------------------------------------ area_payload


def test_area_payload_is_small_json_with_labels_colours_and_days(dated_areas):
    doc = area_payload(dated_areas.assign(held_by=["Blue", "Blue", None]), label="held_by",
                       colors={"Blue": "navy"})  # fmt: skip
    json.dumps(doc, allow_nan=False)
    assert [a["label"] for a in doc["areas"]] == ["Blue", "Blue", amod.MISSING_LABEL]
    assert [a["color"] for a in doc["areas"]] == ["navy", "navy", amod.MISSING_COLOR]
    assert doc["legend"] == [
        {"label": "Blue", "color": "navy", "count": 2},
        {"label": amod.MISSING_LABEL, "color": amod.MISSING_COLOR, "count": 1},
    ]
    day = (dt.date(2022, 1, 1) - dt.date(1970, 1, 1)).days
    assert (doc["areas"][0]["start"], doc["areas"][0]["end"]) == (day, day + 58)
    assert (doc["areas"][2]["start"], doc["areas"][2]["end"]) == (None, None)
    assert (doc["first"], doc["last"]) == (day, day + 59)  # the last day named: a start
    assert doc["bounds"] == [30.0, 46.0, 32.0, 47.0]
    assert doc["areas"][0]["geometry"]["type"] == "Polygon"
    assert [a["row"] for a in doc["areas"]] == ["0", "1", "2"]


def test_area_payload_colours_and_legend_without_labels(dated_areas):
    doc = area_payload(dated_areas)
    assert doc["legend"] == [{"label": amod.NO_LABEL, "color": amod.AREA_COLORS[0], "count": 3}]
    many = area_payload(dated_areas.assign(held_by=["a", "b", "a"]), label="held_by")
    assert [e["color"] for e in many["legend"]] == list(amod.AREA_COLORS[:2])
    from geoevents._maps import ACLED_COLORS

    # a shaded area never takes an event type's colour
    assert not set(amod.AREA_COLORS) & {c.lower() for c in ACLED_COLORS.values()}
    assert len(set(amod.AREA_COLORS)) == len(amod.AREA_COLORS)
    with pytest.raises(InvalidInputError, match="colors"):
        area_payload(dated_areas, colors={"Areas": "not a colour!"})
    with pytest.raises(InvalidInputError, match="tolerance"):
        area_payload(dated_areas, tolerance=-1)


def test_area_payload_simplifies_and_rounds_outlines():
    ring = [(30 + 0.5 * np.cos(a), 46 + 0.5 * np.sin(a))
            for a in np.linspace(0, 2 * np.pi, 2000, endpoint=False)]  # fmt: skip
    areas = areas_frame(n=[1, 2], geometry=[shapely.Polygon(ring), None])
    with pytest.warns(GeoEventsWarning, match="no geometry"):
        fine = area_payload(areas, start=None, end=None, tolerance=0)
    with pytest.warns(GeoEventsWarning, match="no geometry"):
        coarse = area_payload(areas, start=None, end=None)
    assert len(fine["areas"]) == 1  # the row without a geometry is left out
    n_fine = len(fine["areas"][0]["geometry"]["coordinates"][0])
    n_coarse = len(coarse["areas"][0]["geometry"]["coordinates"][0])
    assert n_fine == 2001 and n_coarse < 200
    xs = [x for x, _ in fine["areas"][0]["geometry"]["coordinates"][0]]
    assert all(round(x, 5) == x for x in xs)
    # the drawn outline stays within the tolerance of the given one
    drawn = shapely.geometry.shape(coarse["areas"][0]["geometry"])
    assert shapely.Polygon(ring).hausdorff_distance(drawn) <= amod.SIMPLIFY_DEGREES + 1e-5


# ------------------------------------------------------------------ control_view


def crimea_events() -> pd.DataFrame:
    return pd.DataFrame({
        "event_date": pd.to_datetime(["2014-03-17", "2014-03-18", "2023-06-01", "2023-06-01",
                                      "2023-06-01", None, "2023-06-01"]),
        "admin1": ["Avtonomna Respublika Krym", "Autonomous Republic of Crimea", "Sevastopol",
                   "Kharkivska oblast", None, "Crimea", "SEVASTOPOL’ city"],
        "location": ["Town A", "Town B", "Sevastopol", "Kharkiv", "Crimean Peninsula",
                     "Town C", "Port D"],
        "country": "Ukraine", "country_code": "UA",
    })  # fmt: skip


def test_de_facto_view_of_crimea_and_sevastopol():
    events = crimea_events()
    out = control_view(events)
    assert out["country"].tolist() == ["Ukraine", "Russia", "Russia", "Ukraine", "Russia",
                                       "Ukraine", "Russia"]  # fmt: skip
    assert out["country_code"].tolist() == ["UA", "RU", "RU", "UA", "RU", "UA", "RU"]
    assert out["country_de_jure"].tolist() == ["Ukraine"] * 7
    assert out["country_code_de_jure"].tolist() == ["UA"] * 7
    marked = out[cmod.RULE_COLUMN].notna().tolist()
    assert marked == [False, True, True, False, True, False, True]
    assert out[cmod.RULE_COLUMN].iloc[1].startswith("Crimea (UA-43): Ukraine by law, Russia "
                                                    "in fact from 2014-03-18")  # fmt: skip
    assert out[cmod.RULE_COLUMN].iloc[2].startswith("Sevastopol (UA-40)")
    assert out["admin1"].equals(events["admin1"])  # admin1 is never changed
    cols = list(out.columns)
    assert cols[cols.index("country_code") + 1 :][:3] == [
        "country_de_jure", "country_code_de_jure", cmod.RULE_COLUMN]  # fmt: skip


def test_de_jure_view_turns_a_frame_labelled_by_control_back():
    labelled = crimea_events().assign(country="Russia", country_code="RU")
    labelled.loc[3, ["country", "country_code"]] = ["Ukraine", "UA"]
    out = control_view(labelled, cmod.VIEWS[0])
    assert out["country_code"].tolist() == ["UA"] * 7
    # the de facto country stays beside it; a row without a date keeps what it was given
    assert out["country_code_de_facto"].tolist() == ["UA", "RU", "RU", "UA", "RU", "RU", "RU"]
    assert out[cmod.RULE_COLUMN].notna().tolist() == [True, True, True, False, True, True, True]


def test_views_switch_to_and_fro():
    events = crimea_events()
    de_facto = control_view(events)
    back = control_view(de_facto, "de_jure")
    assert back["country"].tolist() == events["country"].tolist()
    assert "country_de_jure" not in back.columns
    assert back["country_de_facto"].tolist() == de_facto["country"].tolist()
    again = control_view(back, "de_facto")
    pd.testing.assert_frame_equal(again, de_facto)


def test_de_facto_view_from_areas_of_control():
    areas = areas_frame(
        controller=["RU", "Ukraine", None],
        valid_from=["2022-03-01", "2022-11-11", None],
        geometry=[WEST, WEST, EAST],
    )
    events = pd.DataFrame({
        "event_date": pd.to_datetime(["2022-02-27", "2022-05-01", "2022-12-01", "2022-05-01",
                                      "2022-05-01"]),
        "latitude": 46.5, "longitude": [30.5, 30.5, 30.5, 31.5, 30.5],
        "admin1": ["Oblast X"] * 4 + ["Crimea"], "country": "Ukraine", "country_code": "UA",
    })  # fmt: skip
    out = control_view(events, areas=areas.assign(geometry=[WEST, WEST, EAST]), end=None)
    assert out["country_code"].tolist() == ["UA", "RU", "UA", "UA", "RU"]
    assert out[cmod.RULE_COLUMN].iloc[1] == "areas, row 0: controller Russia"
    assert out[cmod.RULE_COLUMN].notna().tolist() == [False, True, False, False, True]
    # areas come before the table: an area held by Ukraine overrides the Crimea row
    over = control_view(events.assign(event_date=pd.Timestamp("2022-12-01")), areas=areas,
                        end=None)  # fmt: skip
    assert over["country_code"].tolist() == ["UA", "UA", "UA", "UA", "UA"]
    only_areas = control_view(events, areas=areas, end=None, annexed=False)
    assert only_areas["country_code"].tolist() == ["UA", "RU", "UA", "UA", "RU"]
    assert only_areas[cmod.RULE_COLUMN].iloc[4] == "areas, row 0: controller Russia"


def test_control_view_keeps_a_geodataframe():
    events = gpd.GeoDataFrame(crimea_events(), geometry=[shapely.Point(34, 45)] * 7,
                              crs="EPSG:4326")  # fmt: skip
    out = control_view(events)
    assert isinstance(out, gpd.GeoDataFrame) and out.crs == "EPSG:4326"
    assert out.geometry.equals(events.geometry)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda ev: control_view(ev, "de facto"), "view must be one of de_jure, de_facto"),
        (lambda ev: control_view(ev, annexed="yes"), "annexed must be True or False"),
        (lambda ev: control_view(ev.drop(columns="country_code")), "no 'country_code' column"),
        (lambda ev: control_view(ev.drop(columns="event_date")), "annexed=False"),
        (lambda ev: control_view(ev.drop(columns=["admin1", "location"])),
         "neither an 'admin1' nor a 'location'"),
        (lambda ev: control_view(ev.to_dict()), "events must be a DataFrame"),
        (lambda ev: control_view(ev, areas=areas_frame(owner=["RU"], geometry=[WEST])),
         r"controller='controller' is not a column of areas"),
        (lambda ev: control_view(ev, areas=areas_frame(controller=["Narnia"], geometry=[WEST]),
                                 start=None, end=None),
         r"areas, row 0, column 'controller': 'Narnia' is not a country"),
        (lambda ev: control_view(ev, areas=pd.DataFrame({"controller": ["RU"]})),
         "areas must be a GeoDataFrame"),
    ],
)  # fmt: skip
def test_control_view_refuses_bad_input(call, message):
    events = crimea_events().assign(latitude=45.0, longitude=34.0)
    with pytest.raises(InvalidInputError, match=message):
        call(events)


def test_country_of_and_name_key():
    assert cmod.country_of("ru", "x") == ("Russia", "RU")
    assert cmod.country_of("  russia ", "x") == ("Russia", "RU")
    assert cmod.country_of(None, "x") is None and cmod.country_of(" ", "x") is None
    assert cmod.country_of(float("nan"), "x") is None
    assert cmod.name_key("Sevastopol’-City") == cmod.name_key("sevastopol  city")


def test_the_units_table_is_sound():
    units = cmod.occupied_units()
    assert cmod.UNITS_FILE == "occupied_units.csv"
    assert {u.unit for u in units} == {"Crimea", "Sevastopol"}
    keys = [k for u in units for k in u.keys]
    assert len(keys) == len(set(keys)), "a spelling names two units"
    for unit in units:
        assert len(unit.reason) > 80, f"{unit.unit}: the row needs its reason"
        assert cmod.name_key(unit.admin1) in unit.keys
        assert unit.since == dt.date(2014, 3, 18)
        assert cmod.country_of(unit.de_jure, "t") == ("Ukraine", "UA")
        assert cmod.country_of(unit.de_facto, "t") == ("Russia", "RU")


def test_every_rule_has_a_test():
    names = public_names(amod) + public_names(cmod)
    assert {"OVERLAP_RULES", "VIEWS", "UNITS_FILE"} <= set(names)
    missing = untested(amod, "amod", __file__) + untested(cmod, "cmod", __file__)
    assert not missing, f"rules without a test here: {missing}"
    assert amod.OVERLAP_RULES == ("latest", "all")
    assert cmod.VIEWS == ("de_jure", "de_facto")


# ------------------------------------------------------------------ on real data


@pytest.mark.integration
def test_geoevents_default_view_matches_the_convention():
    texts = {
        "Drones struck an oil depot in Simferopol on Tuesday.": "Crimea",
        "Explosions were heard at the naval base in Sevastopol on Tuesday.": "Sevastopol",
        "Shelling hit a market in Donetsk on Tuesday.": None,
        "A missile struck a warehouse in Luhansk on Tuesday.": None,
    }
    units = {u.unit: u for u in cmod.occupied_units()}
    frames = []
    for text, unit in texts.items():
        events = geoevents.extract_events(text, published="2023-05-04")
        assert len(events) == 1, text
        assert events["country_code"].tolist() == ["UA"], text
        if unit:  # the table names the unit as the gazetteer does
            assert events["admin1"].tolist() == [units[unit].admin1]
        frames.append(events)
    out = control_view(pd.concat(frames, ignore_index=True))
    assert out["country_code"].tolist() == ["RU", "RU", "UA", "UA"]


@pytest.mark.integration
@pytest.mark.parametrize(
    ("name", "date"),
    [("acled_ukraine_dev.csv", "date"), ("ucdp_ged_ukraine_2014_2021.csv", "date")],
)
def test_the_datasets_label_by_recognised_borders_as_geoevents_does(name, date):
    path = SHARED / "data" / "events" / name
    if not path.is_file():
        pytest.skip(f"{path} is absent: no dataset rows to compare the convention with")
    rows = pd.read_csv(path, usecols=[date, "admin1", "country"], dtype=str)
    codes = {"Ukraine": "UA", "Russia (Soviet Union)": "RU"}
    events = rows.assign(event_date=pd.to_datetime(rows[date]),
                         country_code=rows["country"].map(codes))  # fmt: skip
    donbas = events["admin1"].str.contains("Donetsk|Luhansk", na=False)
    assert donbas.sum() > 50 and (events.loc[donbas, "country"] == "Ukraine").all()
    out = control_view(events, "de_jure")  # already the de jure view: nothing changes
    assert out["country"].tolist() == events["country"].tolist()
    assert out[cmod.RULE_COLUMN].isna().all()


def test_a_zoned_date_counts_on_its_own_calendar_day_everywhere(dated_areas):
    """An event at 01:00 on 1 March in UTC+3 (28 February in UTC) is on 1 March for
    events_in_areas and for the map's date filter alike, whatever the zones of other
    rows (they may differ row by row)."""
    from geoevents._validate import day_numbers

    written = ["2022-03-01T01:00+03:00", "2022-02-28T23:30-05:00"]
    events = pd.DataFrame({"event_date": written, "latitude": [46.5] * 2,
                           "longitude": [30.5] * 2})  # fmt: skip
    held = events_in_areas(events, dated_areas, label="held_by")
    assert held["area_label"].tolist() == ["Green", "Blue"]
    days, dated, unreadable = day_numbers(pd.Series(written))
    march_first = (dt.date(2022, 3, 1) - dt.date(1970, 1, 1)).days
    assert days.tolist() == [march_first, march_first - 1] and dated.all() and not unreadable
    from tests import test_maps

    page = geoevents.map_events(events.assign(event_type="Battles"))
    # mixed zones no longer stop the map, and its date filter counts the same days
    assert test_maps.payload_of(page)["day"] == [march_first, march_first - 1]


def test_a_unit_name_in_another_country_is_another_place():
    """A "Sevastopol" filed under another country is not the Crimean city."""
    events = pd.DataFrame({"event_date": pd.to_datetime(["2023-06-01"] * 3),
                           "admin1": [None] * 3, "location": ["Sevastopol"] * 3,
                           "country": ["United States", "Ukraine", None],
                           "country_code": ["US", "UA", None]})  # fmt: skip
    out = control_view(events)
    assert out["country_code"].tolist() == ["US", "RU", "RU"]


def test_control_view_reads_dates_from_the_column_named_and_warns_of_bad_ones():
    events = pd.DataFrame({"day": ["2023-06-01", "not a day"], "admin1": ["Sevastopol"] * 2,
                           "country": ["Ukraine"] * 2, "country_code": ["UA"] * 2})  # fmt: skip
    with pytest.raises(InvalidInputError, match="date='event_date' is not a column"):
        control_view(events)
    with pytest.warns(GeoEventsWarning, match="1 event.*not a date"):
        out = control_view(events, date="day")
    assert out["country_code"].tolist() == ["RU", "UA"]


def test_an_area_with_no_surface_left_is_named_and_the_warning_points_at_the_caller():
    flat = shapely.Polygon([(30, 46), (31, 46), (30.5, 46), (30, 46)])  # a ring of no area
    areas = areas_frame(held_by=["Flat", "Blue"], geometry=[flat, WEST])
    events = events_frame(["2022-03-01"], [(30.5, 46.5)])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        held = events_in_areas(events, areas, label="held_by", start=None, end=None)
    (warning,) = [w for w in caught if issubclass(w.category, GeoEventsWarning)]
    assert "1 of them enclose no area once repaired (rows 0)" in str(warning.message)
    assert warning.filename == __file__
    assert held["area_label"].tolist() == ["Blue"]
