"""The events frame (``geoevents._events.frame``): one row per event with ACLED's columns,
an id that is the same for the same event, and fixed dtypes. The fixture gazetteer;
invented sentences."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from geoevents import Gazetteer
from geoevents._events.frame import EVENT_COLUMNS, empty_events, event_row, events_frame
from geoevents._events.lexicon import Trigger
from geoevents._events.records import EventPlace, Report

TEXT = "Intro.  Shelling   hit\nBakhmut on 3 May."
SENTENCE = (8, len(TEXT))
SHELLING = Trigger("Explosions/Remote violence", "Shelling/artillery/missile attack", 1.0)
REPORT = Report("a1", TEXT, dt.date(2022, 5, 4), "Agency A", "https://example.org/a1")


def at(gaz, name: str, text: str = TEXT, precision: int = 1) -> EventPlace:
    index = int(gaz.place_ids(name, match="exact")[0])
    start = text.index(name)
    kind = gaz.place(index).kind
    return EventPlace(start, start + len(name), index, kind, "place", precision, 0.8)


def row(gaz, place=None, *, date=dt.date(2022, 5, 3), report=REPORT, trigger=SHELLING,
        sentence=SENTENCE) -> dict:  # fmt: skip
    place = place or at(gaz, "Bakhmut")
    return event_row(gaz, report, report.text, *sentence, trigger, place, date, 1,
                     "Russian forces", None, 2, "reported", 0.812345)  # fmt: skip


def test_a_row_reads_the_place_from_the_gazetteer_and_the_words_from_the_report(fixture_gaz):
    place = at(fixture_gaz, "Bakhmut", precision=2)
    r = row(fixture_gaz, place)
    # every column, and the gazetteer place for the collection pass (not a column)
    assert list(r) == [*EVENT_COLUMNS, "_place"]
    assert r["_place"] == place.index
    assert (r["location"], r["admin1"], r["country"], r["country_code"]) == (
        "Bakhmut", "Donetska oblast", "Ukraine", "UA",
    )  # fmt: skip
    assert (r["latitude"], r["longitude"], r["geo_precision"]) == (48.5956, 37.9999, 2)
    assert r["notes"] == "Shelling hit Bakhmut on 3 May."  # its sentence, spaces collapsed
    assert (r["mention"], r["confidence"], r["time_precision"]) == ("Bakhmut", 0.8123, 1)
    assert (r["source"], r["source_url"], r["article_id"]) == (
        "Agency A", "https://example.org/a1", "a1",
    )  # fmt: skip


def test_a_place_in_no_country_has_no_country_and_no_date_no_precision(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text("name,kind,latitude,longitude\nBlack Sea,natural,43.0,34.0\n", encoding="utf-8")
    gaz = Gazetteer.from_places(path)
    text = "Drones fell into the Black Sea."
    report = Report("a2", text, None, None, None)
    r = row(gaz, at(gaz, "Black Sea", text), report=report, sentence=(0, len(text)), date=None)
    assert (r["location"], r["country"], r["country_code"], r["admin1"]) == (
        "Black Sea", None, None, None,
    )  # fmt: skip
    assert (r["event_date"], r["time_precision"]) == (None, None)


def test_the_event_id_is_the_same_for_the_same_event_and_only_for_it(fixture_gaz):
    first = row(fixture_gaz)["event_id"]
    assert first == row(fixture_gaz)["event_id"]
    assert len(first) == 16 and int(first, 16) >= 0
    kyiv = int(fixture_gaz.place_ids("Kyiv")[0])
    others = {
        row(fixture_gaz, date=dt.date(2022, 5, 2))["event_id"],
        row(fixture_gaz, dataclasses.replace(at(fixture_gaz, "Bakhmut"), index=kyiv))["event_id"],
        row(fixture_gaz, trigger=Trigger("Battles", "Armed clash", 1.0))["event_id"],
        row(fixture_gaz, report=Report("a9", TEXT, None, None, None))["event_id"],
        row(fixture_gaz, sentence=(0, len(TEXT)))["event_id"],
    }
    assert first not in others and len(others) == 5


def test_the_frame_has_acleds_columns_with_fixed_dtypes_and_points(fixture_gaz):
    frame = events_frame([row(fixture_gaz), row(fixture_gaz, date=None)])
    assert list(frame.columns) == [*EVENT_COLUMNS, "geometry"]
    for column, dtype in EVENT_COLUMNS.items():
        if dtype == "str":
            assert pd.api.types.is_string_dtype(frame[column]), column
        else:
            assert str(frame[column].dtype) == dtype, column
    assert frame.crs == "EPSG:4326"
    point = frame.geometry.iloc[0]
    assert (point.x, point.y) == (37.9999, 48.5956)  # x is the longitude
    assert frame["event_date"].iloc[0] == pd.Timestamp("2022-05-03")
    assert pd.isna(frame["event_date"].iloc[1]) and pd.isna(frame["time_precision"].iloc[1])
    assert pd.isna(frame["geonameid"].iloc[0])  # the fixture places have no GeoNames id
    assert pd.isna(frame["actor2"].iloc[0])


def test_no_rows_give_an_empty_frame_with_the_same_columns_and_dtypes(fixture_gaz):
    empty = empty_events()
    full = events_frame([row(fixture_gaz)])
    assert len(empty) == 0
    assert empty.dtypes.equals(full.dtypes)
    assert empty.crs == full.crs


@pytest.mark.parametrize("missing", ["latitude", "fatalities", "source"])
def test_a_row_without_a_value_gives_a_missing_value(fixture_gaz, missing):
    r = row(fixture_gaz)
    del r[missing]
    frame = events_frame([r])
    assert pd.isna(frame[missing].iloc[0])
