"""Hostile frames at the public boundary: refused in one clear line, or read as they are.

Frames pandas allows but geoevents cannot read as written (repeated column names, a
MultiIndex of areas, dates as numbers, area dates with junk after them) are refused
naming the argument, the column or the row; cells holding lists or dicts are shown as
their text; dates with a time zone count on their own calendar day, so frames with and
without zones compare and merge; NumPy and pandas values pass as arguments where
Python's do. Every row, area and sentence here is invented.
"""

from __future__ import annotations

import warnings
from decimal import Decimal
from fractions import Fraction

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import geoevents as ge
from geoevents import GeoEventsWarning, Geoparser, InvalidInputError
from geoevents._maps import EventsLayer
from geoevents._validate import day_numbers

# three invented ACLED rows: two at one place four months apart, one elsewhere
ACLED_CSV = """\
event_id_cnty,event_date,event_type,latitude,longitude,fatalities,iso,country,admin1,\
location,source,notes,time_precision,geo_precision
INV1,2022-05-02,Battles,46.63,32.61,4,804,Ukraine,Kherson,Riverside,Wire A,Invented one.,1,1
INV2,2022-09-02,Battles,46.63,32.61,1,804,Ukraine,Kherson,Riverside,Wire B,Invented two.,1,1
INV3,2022-05-03,Protests,50.45,30.52,0,804,Ukraine,Kyiv,Hillside,Wire C,Invented three.,1,1
"""
SOUTH = shapely.box(32.0, 46.0, 33.0, 47.0)  # holds INV1 and INV2
NORTH = shapely.box(30.0, 50.0, 31.0, 51.0)  # holds INV3


@pytest.fixture(scope="module")
def acl(tmp_path_factory):
    path = tmp_path_factory.mktemp("acled") / "acled.csv"
    path.write_text(ACLED_CSV, encoding="utf-8")
    return ge.read_acled(path)


@pytest.fixture
def areas() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"held_by": ["Blue", "Green"], "valid_from": ["2022-01-01", "2022-03-01"],
         "valid_to": [None, None], "controller": ["RU", "UA"]},
        geometry=[SOUTH, NORTH], crs="EPSG:4326",
    )  # fmt: skip


def one_line(message: str) -> str:
    assert "\n" not in message, message
    return message


def payload(m: folium.Map) -> dict:
    return next(c for c in m._children.values() if isinstance(c, EventsLayer)).payload


def refused(call, *needles: str) -> str:
    """The one-line message of the InvalidInputError ``call`` raises; it holds ``needles``."""
    with pytest.raises(InvalidInputError) as info:
        call()
    message = one_line(str(info.value))
    for needle in needles:
        assert needle in message, message
    return message


# ------------------------------------------------------------------ 1. repeated column names


def _twice(frame, column):
    return pd.concat([frame, frame[[column]]], axis=1)


REPEATS = [
    ("merge_events", lambda ev, ar: ge.merge_events(_twice(ev, "notes")), "gdf", "notes"),
    ("map_events", lambda ev, ar: ge.map_events(_twice(ev, "notes")), "gdf", "notes"),
    ("map_events type", lambda ev, ar: ge.map_events(_twice(ev, "event_type")), "gdf",
     "event_type"),
    ("map_events areas", lambda ev, ar: ge.map_events(ev, areas=_twice(ar, "valid_from")),
     "areas", "valid_from"),
    ("compare ours", lambda ev, ar: ge.compare_events(_twice(ev, "notes"), ev), "ours", "notes"),
    ("compare theirs", lambda ev, ar: ge.compare_events(ev, _twice(ev, "admin1")), "theirs",
     "admin1"),
    ("events_in_areas events", lambda ev, ar: ge.events_in_areas(_twice(ev, "notes"), ar),
     "events", "notes"),
    ("events_in_areas areas", lambda ev, ar: ge.events_in_areas(ev, _twice(ar, "valid_from")),
     "areas", "valid_from"),
    ("control_view events", lambda ev, ar: ge.control_view(_twice(ev, "country")), "events",
     "country"),
    ("control_view areas", lambda ev, ar: ge.control_view(ev, areas=_twice(ar, "controller")),
     "areas", "controller"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "call", "name", "column"), REPEATS, ids=[r[0] for r in REPEATS])
def test_repeated_column_names_are_refused_naming_them(acl, areas, case, call, name, column):
    message = refused(lambda: call(acl, areas), f"{name} has repeated column names",
                      f"'{column}' 2 times")  # fmt: skip
    assert message.startswith(name)


def test_every_repeated_name_is_named_once(acl):
    frame = pd.concat([acl, acl[["notes", "notes", "source"]]], axis=1)
    message = refused(lambda: ge.merge_events(frame), "'notes' 3 times", "'source' 2 times")
    assert message.count("'notes'") == 1


# ------------------------------------------------------------------ 2. lists and dicts in cells


def test_map_shows_lists_and_dicts_in_text_columns_as_text(acl):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        frame = acl.assign(notes=[{"a": 1}, ["x", "y"], None],
                           source=[["Wire A", "Wire B"], "Wire B", {"b": 2}])  # fmt: skip
        m = ge.map_events(frame)
    texts = payload(m)["text"]
    values, codes = texts["notes"]
    assert [values[c] if c >= 0 else None for c in codes] == ["{'a': 1}", "['x', 'y']", None]
    values, codes = texts["source"]
    assert [values[c] for c in codes] == ["['Wire A', 'Wire B']", "Wire B", "{'b': 2}"]


def test_text_from_a_dict_in_a_cell_is_escaped_like_all_text(acl):
    attack = "</script><script>alert(1)</script>"
    m = ge.map_events(acl.assign(notes=[{"say": attack}, None, None]))
    html = m.get_root().render()
    assert "<script>alert(1)" not in html
    assert "alert(1)" in html  # shown, as text


def test_a_category_column_of_lists_colours_by_their_text(acl):
    m = ge.map_events(acl.assign(side=[["Blue", "Green"], ["Blue", "Green"], {"who": "Red"}]),
                      color_by="side")  # fmt: skip
    doc = payload(m)
    assert doc["cats"] == ["['Blue', 'Green']", "{'who': 'Red'}"]
    assert doc["counts"] == [2, 1]


def test_area_labels_holding_lists_are_shown_as_text(acl, areas):
    labels = [["Blue", "Navy"], None]
    m = ge.map_events(acl, areas=areas.assign(held_by=labels), area_label="held_by")
    drawn = payload(m)["areas"]
    assert [a["label"] for a in drawn["areas"]] == ["['Blue', 'Navy']", "(none)"]
    held = ge.events_in_areas(acl, areas.assign(held_by=labels), label="held_by")
    assert held["area_label"].iloc[0] == ["Blue", "Navy"]  # given back as it is


def test_a_controller_cell_holding_a_list_is_refused_naming_the_row(acl, areas):
    frame = areas.assign(controller=[["RU", "UA"], "UA"])
    message = refused(lambda: ge.control_view(acl, areas=frame), "row 0", "'controller'",
                      "is not a country")  # fmt: skip
    assert "['RU', 'UA']" in message


def test_control_view_reads_a_list_or_an_array_in_a_name_column_as_text(acl):
    cells = pd.Series([["Crimea", "x"], np.array(["Crimea", "y"]), "Crimea"], dtype=object)
    out = ge.control_view(acl.assign(admin1=cells))
    # "['Crimea', 'x']" names no unit; the third row is in Crimea, Russia's in fact
    assert out["country"].tolist() == ["Ukraine", "Ukraine", "Russia"]


def test_merged_sources_keep_a_list_as_its_text(acl):
    twin = acl.iloc[[0]].assign(source=[["Wire X", "Wire Y"]])
    merged = ge.merge_events(pd.concat([acl.iloc[[0]], twin], ignore_index=True))
    assert merged["source"].tolist() == ["Wire A | ['Wire X', 'Wire Y']"]
    assert merged["n_reports"].tolist() == [2]


# ------------------------------------------------------------------ 3. time zones


def test_compare_reads_each_frames_dates_on_their_own_calendar_day(acl):
    aware = acl.assign(event_date=acl["event_date"].dt.tz_localize("UTC"))
    cmp = ge.compare_events(aware, acl, days=0)
    assert cmp.matched[["ours", "theirs"]].values.tolist() == [[0, 0], [1, 1], [2, 2]]
    assert cmp.matched["days"].tolist() == [0, 0, 0]
    # 01:00 at +03:00 on 3 May is 2 May in UTC; it is 3 May where it was written
    kyiv = acl.iloc[[2]].assign(event_date=pd.Timestamp("2022-05-03 01:00", tz="Europe/Kyiv"))
    assert len(ge.compare_events(kyiv, acl.iloc[[2]], days=0).matched) == 1


def test_merge_reads_zoned_and_plain_dates_alike(acl):
    aware = acl.assign(event_date=acl["event_date"].dt.tz_localize("Asia/Tokyo"))
    merged = ge.merge_events(pd.concat([aware, acl], ignore_index=True), days=0)
    assert merged["n_reports"].tolist() == [2, 2, 2]
    assert merged["source"].tolist() == ["Wire A", "Wire B", "Wire C"]


def test_day_numbers_keep_every_zone_mixed_with_plain_stamps():
    cells = pd.Series([pd.Timestamp("2022-05-02 23:30", tz="UTC"),
                       pd.Timestamp("2022-05-02 23:30"), "2022-05-03T00:30-05:00"],
                      dtype=object)  # fmt: skip
    days, dated, unreadable = day_numbers(cells)
    assert dated.all() and unreadable == 0
    assert (days - days[0]).tolist() == [0, 0, 1]


# ------------------------------------------------------------------ 4. areas with a MultiIndex


@pytest.mark.parametrize(
    "call",
    [lambda ev, ar: ge.events_in_areas(ev, ar),
     lambda ev, ar: ge.map_events(ev, areas=ar),
     lambda ev, ar: ge.control_view(ev, areas=ar)],
    ids=["events_in_areas", "map_events", "control_view"],
)  # fmt: skip
def test_areas_with_a_multiindex_are_refused_with_the_way_out(acl, areas, call):
    frame = areas.assign(zone=["south", "north"]).set_index(["held_by", "zone"])
    refused(lambda: call(acl, frame), "areas has a MultiIndex", "'held_by'", "reset_index()")


def test_a_multiindex_reset_is_read(acl, areas):
    frame = areas.set_index(["held_by", "controller"]).reset_index()
    assert ge.events_in_areas(acl, frame)["area"].tolist() == [0, 0, 1]


# ------------------------------------------------------------------ 5. dates given as numbers

NUMBERS = [
    ("merge_events", lambda ev, ar: ge.merge_events(ev), "gdf"),
    ("map_events", lambda ev, ar: ge.map_events(ev), "gdf"),
    ("events_in_areas", lambda ev, ar: ge.events_in_areas(ev, ar), "events"),
    ("control_view", lambda ev, ar: ge.control_view(ev), "events"),
    ("compare ours", lambda ev, ar: ge.compare_events(ev, ev.assign(event_date=None)), "ours"),
]


@pytest.mark.parametrize("dates", [[20220502, 20220902, 20220503], [20220502.0, np.nan, 1.0],
                                   pd.array([20220502, None, 1], dtype="Int64")],
                         ids=["int64", "float64", "Int64"])  # fmt: skip
@pytest.mark.parametrize(("case", "call", "name"), NUMBERS, ids=[n[0] for n in NUMBERS])
def test_an_event_date_column_of_numbers_is_refused(acl, areas, dates, case, call, name):
    frame = acl.assign(event_date=dates)
    refused(lambda: call(frame, areas), f"{name}: column 'event_date' holds numbers",
            "give dates such as 2022-05-02")  # fmt: skip


def test_merge_no_longer_joins_numbers_read_as_nanoseconds(acl):
    # 20220502 and 20220902 are both 1970-01-01 as nanoseconds: one event, before
    with pytest.raises(InvalidInputError, match="holds numbers"):
        ge.merge_events(acl.assign(event_date=[20220502, 20220902, 20220503]), days=1)
    text = acl.assign(event_date=["2022-05-02", "2022-09-02", "2022-05-03"])
    assert len(ge.merge_events(text, days=1)) == 3


def test_a_number_among_dates_counts_as_no_date_with_a_warning(acl, areas):
    frame = acl.assign(event_date=pd.Series(["2022-05-02", 20220902, "2022-05-03"],
                                            dtype=object))  # fmt: skip
    _days, dated, unreadable = day_numbers(frame["event_date"])
    assert dated.tolist() == [True, False, True] and unreadable == 1
    with pytest.warns(GeoEventsWarning, match="1 event.*not a date"):
        held = ge.events_in_areas(frame, areas.assign(valid_from=[None, None]))
    assert held["area"].tolist() == [0, 0, 1]  # undated areas hold it still
    with pytest.warns(GeoEventsWarning, match="1 event.*not a date.*merged with none"):
        assert len(ge.merge_events(frame, days=200)) == 3


def test_a_column_of_nothing_but_nan_is_undated_not_numbers(acl, areas):
    empty = acl.assign(event_date=np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(ge.merge_events(empty)) == 3  # no date: never merged
        held = ge.events_in_areas(empty, areas.assign(valid_from=None))
    assert held["area"].tolist() == [0, 0, 1]


# ------------------------------------------------------------------ 6. area dates read strictly


@pytest.mark.parametrize(
    "junk",
    ["2022-05-01 garbage", "2022-05-01T10:00 and later", "2022-05-01x", "May 2022", "10 Jan",
     "2022", "2022-13-01", "01/05/2022"],
)  # fmt: skip
@pytest.mark.parametrize("call", [lambda ev, ar: ge.events_in_areas(ev, ar),
                                  lambda ev, ar: ge.map_events(ev, areas=ar)],
                         ids=["events_in_areas", "map_events"])  # fmt: skip
def test_an_area_date_with_junk_is_refused_naming_row_and_column(acl, areas, call, junk):
    frame = areas.assign(valid_to=[None, junk]).set_axis(["south", "north"])
    refused(lambda: call(acl, frame), "row 'north'", "column 'valid_to'", repr(junk),
            "not a date", "2022-05-02")  # fmt: skip


@pytest.mark.parametrize(
    ("text", "day"),
    [("2022-05-02", "2022-05-02"), ("20220502", "2022-05-02"),
     ("2022-05-02T23:30+03:00", "2022-05-02"), ("2022-05-02 06:00", "2022-05-02"),
     ("2022-05-02T23:30Z", "2022-05-02"), ("  2022-05-02 ", "2022-05-02"),
     ("2 May 2022", "2022-05-02"), ("May 2, 2022", "2022-05-02"),
     ("02 may 2022", "2022-05-02")],
)  # fmt: skip
def test_an_area_date_is_read_as_written(acl, areas, text, day):
    held = ge.events_in_areas(acl, areas.assign(valid_to=[text, None]))
    assert held["area_to"].iloc[0] == pd.Timestamp(day)


# ------------------------------------------------------------------ 7. arguments


@pytest.mark.parametrize("jobs", [np.int64(1), np.int32(1), np.uint8(1)])
def test_n_jobs_takes_numpy_whole_numbers(fixture_gaz, jobs):
    text = "Invented: shelling hit Kherson on 3 May 2022."
    ev = ge.extract_events(text, gazetteer=fixture_gaz, n_jobs=jobs)
    assert ev["location"].tolist() == ["Kherson"]


@pytest.mark.parametrize("jobs", [np.bool_(True), np.float64(1.0), np.int64(0),
                                  pd.Series([1, 2])])  # fmt: skip
def test_n_jobs_refuses_the_rest_in_one_line(jobs):
    refused(lambda: ge.extract_events("Invented: calm.", n_jobs=jobs),
            "n_jobs must be None or a whole number from 1")  # fmt: skip


@pytest.mark.parametrize("area", [np.array(["US"]), pd.Series(["US"]), pd.Index(["US"]),
                                  pd.Series(["US"], dtype=object)])  # fmt: skip
def test_area_codes_in_an_array_or_series_are_read_as_a_list(fixture_gaz, area):
    text = "Invented: shelling hit Moscow on 3 May 2022."  # Russia's, unless in the US
    ev = ge.extract_events(text, gazetteer=fixture_gaz, area=area)
    assert ev[["location", "country_code"]].values.tolist() == [["Moscow", "US"]]
    places = Geoparser(fixture_gaz).parse(text, area=area)
    assert places["country_code"].tolist() == ["US"]


@pytest.mark.parametrize("box", [np.array([-120, 40, -110, 50]),
                                 pd.Series([-120.0, 40.0, -110.0, 50.0])])  # fmt: skip
def test_a_bounding_box_in_an_array_is_read_as_a_tuple(fixture_gaz, box):
    places = Geoparser(fixture_gaz).parse("Invented: a drill near Moscow.", area=box)
    assert places[["name", "country_code", "admin1"]].values.tolist() == [["Moscow", "US", "Idaho"]]


@pytest.mark.parametrize("area", [pd.Series(["UA", 5]), np.array([[22, 44], [41, 53]]),
                                  pd.Series(range(40)),
                                  np.array([np.nan, 44, 41, 53])])  # fmt: skip
def test_an_area_refused_is_said_in_one_short_line(fixture_gaz, area):
    message = refused(lambda: ge.extract_events("Invented: calm.", gazetteer=fixture_gaz,
                                                area=area), "area")  # fmt: skip
    assert len(message) < 320


@pytest.mark.parametrize("km", [Decimal("10"), Fraction(10), np.float32(10), np.int64(10)])
def test_km_takes_any_real_number(acl, km):
    twin = acl.iloc[[0]].assign(latitude=46.64)  # about 1 km north
    frame = pd.concat([acl, twin], ignore_index=True)
    assert ge.merge_events(frame, km=km)["n_reports"].tolist() == [2, 1, 1]
    assert len(ge.compare_events(acl, twin, km=km).matched) == 1
    ge.map_events(acl, aggregate=True, cell_km=km)


@pytest.mark.parametrize("km", [Decimal("NaN"), Decimal("-1"), Decimal("Infinity"), True])
def test_km_refuses_what_is_no_distance(acl, km):
    refused(lambda: ge.merge_events(acl, km=km), "km must be")


def test_compare_counts_and_matches_types_held_as_lists_by_their_text(acl):
    ours = acl.assign(event_type=pd.Series([["Battles", "x"], np.array(["y"]), None],
                                           dtype=object))  # fmt: skip
    cmp = ge.compare_events(ours, acl, types="same")
    assert len(cmp.matched) == 0  # no type of ours is one of theirs
    table = cmp.summary()
    assert table.loc["['Battles', 'x']", "ours_only"] == 1
    assert table.loc["['y']", "ours_only"] == 1
    assert table.loc["(no type)", "ours_only"] == 1


# ------------------------------------------------------------------ frames that are broken


def _broken_geometry(frame):
    out = frame.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # geopandas: "does not contain geometry"
        out["geometry"] = pd.Series([[30.5, 46.5]] + [None] * (len(out) - 1), index=out.index,
                                    dtype=object)  # fmt: skip
    return out


@pytest.mark.parametrize(
    ("call", "name"),
    [(lambda ev, ar: ge.map_events(_broken_geometry(ev)), "gdf"),
     (lambda ev, ar: ge.merge_events(_broken_geometry(ev)), "gdf"),
     (lambda ev, ar: ge.compare_events(ev, _broken_geometry(ev)), "theirs"),
     (lambda ev, ar: ge.events_in_areas(_broken_geometry(ev), ar), "events"),
     (lambda ev, ar: ge.events_in_areas(ev, _broken_geometry(ar)), "areas"),
     (lambda ev, ar: ge.control_view(_broken_geometry(ev), areas=ar), "events")],
    ids=["map", "merge", "compare", "events_in_areas", "areas", "control_view"],
)  # fmt: skip
def test_a_geometry_column_of_other_values_is_refused_naming_the_row(acl, areas, call, name):
    refused(lambda: call(acl, areas), f"{name}'s geometry column 'geometry'",
            "not geometries (row 0: [30.5, 46.5])")  # fmt: skip


@pytest.mark.parametrize("cells", [["north", " ", 50.45], [[46.6], None, 50.45]])
def test_merge_keeps_a_point_that_is_no_number_unmerged_with_a_warning(acl, cells):
    frame = pd.concat([acl, acl], ignore_index=True).assign(latitude=cells * 2)
    with pytest.warns(GeoEventsWarning, match=r"^2 event\(s\) have a latitude that is not a num"):
        merged = ge.merge_events(frame)
    # the rows with a point merge with their twins; the others are kept as they are
    assert merged["n_reports"].tolist() == [1, 1, 2, 1, 1]


def test_a_reports_frame_with_two_text_columns_is_refused(fixture_gaz):
    """pandas' to_dict keeps one of two 'text' columns: the other report would be lost."""
    import geoevents as ge

    frame = pd.DataFrame([["Invented: shelling hit Kherson on 3 May 2022.",
                           "Invented: drones struck Bakhmut on 4 May 2022."]],
                         columns=["text", "text"])  # fmt: skip
    with pytest.raises(ge.InvalidInputError, match=r"items.*'text'"):
        ge.extract_events(frame, gazetteer=fixture_gaz)


def test_the_geocoder_names_an_argument_it_does_not_take():
    import geoevents as ge

    with pytest.raises(ge.InvalidInputError, match=r"OfflineGeocoder takes no argument 'bogus'"):
        ge.OfflineGeocoder(bogus=1)


def test_every_number_argument_takes_a_decimal():
    """A Decimal is read at the one shared check, not at some call sites only."""
    from decimal import Decimal

    import geoevents as ge
    from geoevents._validate import checked_number

    assert checked_number("tolerance", Decimal("0.5")) == 0.5
    assert ge.OfflineGeocoder(min_delay_seconds=Decimal("2"), deadline=Decimal("5")) is not None
    with pytest.raises(ge.InvalidInputError, match="km must be a finite number"):
        checked_number("km", Decimal("NaN"))
