"""Merging (``geoevents._events.merge``): the same event from several reports is one row
that keeps every source. Invented events."""

from __future__ import annotations

import pandas as pd
import pytest

from geoevents import InvalidInputError
from geoevents._events.frame import events_frame
from geoevents._events.merge import merge_events
from geoevents._geo import km

# a point in Donetsk Oblast, and ones about 3 km and 8 km east of it
LAT, LON = 48.0, 37.8
EAST_3KM, EAST_8KM = LON + 0.04, LON + 0.107


def event(source: str, *, etype="Explosions/Remote violence", date="2022-05-03", lon=LON,
          confidence=0.5, fatalities=None, lat=LAT) -> dict:  # fmt: skip
    return {
        "event_id": f"id-{source}",
        "event_type": etype,
        "event_date": None if date is None else pd.Timestamp(date),
        "latitude": lat,
        "longitude": lon,
        "confidence": confidence,
        "fatalities": fatalities,
        "notes": f"as {source} tells it",
        "source": source,
        "source_url": f"https://example.org/{source}",
        "article_id": f"art-{source}",
    }


def merged(*rows: dict, **options):
    return merge_events(events_frame(list(rows)), **options)


def test_the_same_event_from_two_reports_is_one_row_with_both_sources():
    out = merged(
        event("A", confidence=0.4, fatalities=2),
        event("B", lon=EAST_3KM, confidence=0.9, fatalities=5),
    )
    assert len(out) == 1
    row = out.iloc[0]
    assert row["notes"] == "as B tells it"  # the most confident report's reading
    assert row["fatalities"] == 5  # the largest stated
    assert row["source"] == "A | B"
    assert row["source_url"] == "https://example.org/A | https://example.org/B"
    assert row["article_id"] == "art-A | art-B"
    assert row["n_reports"] == 2
    assert out.crs == "EPSG:4326" and out.geometry.iloc[0].x == EAST_3KM


@pytest.mark.parametrize(
    "other",
    [
        event("B", etype="Battles"),  # another kind of event
        event("B", date="2022-05-05"),  # two days later
        event("B", lon=LON + 0.5),  # 37 km away
        event("B", date=None),  # no date to compare
    ],
)
def test_events_that_differ_in_type_day_or_place_stay_apart(other):
    out = merged(event("A"), other)
    assert out["source"].tolist() == ["A", "B"]
    assert out["n_reports"].tolist() == [1, 1]


def test_pairs_chain_into_one_event():
    assert km(LAT, LON, LAT, EAST_8KM) < 10 < km(LAT, LON, LAT, EAST_8KM + 0.107)
    out = merged(event("A"), event("B", lon=EAST_8KM), event("C", lon=EAST_8KM + 0.107))
    assert out["source"].tolist() == ["A | B | C"]


def test_the_window_and_the_radius_are_options():
    a, b = event("A"), event("B", date="2022-05-05", lon=LON + 0.5)
    assert len(merged(a, b)) == 2
    assert len(merged(a, b, days=2, km=40)) == 1


def test_a_source_named_twice_is_listed_once():
    out = merged(event("A"), event("A", lon=EAST_3KM))
    assert out.iloc[0]["source"] == "A"
    assert out.iloc[0]["n_reports"] == 2


def test_the_input_frame_is_not_changed():
    frame = events_frame([event("A"), event("B", lon=EAST_3KM)])
    before = frame.copy()
    merge_events(frame)
    pd.testing.assert_frame_equal(frame, before)


def test_an_empty_frame_gets_the_count_column():
    out = merge_events(events_frame([]))
    assert len(out) == 0 and "n_reports" in out.columns
    assert str(out["n_reports"].dtype) == "Int64"


def test_not_an_events_frame_is_a_clear_error():
    with pytest.raises(InvalidInputError, match="needs an events frame"):
        merge_events([event("A")])
    with pytest.raises(InvalidInputError, match="latitude"):
        merge_events(pd.DataFrame({"event_type": [], "event_date": [], "longitude": []}))
