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


def test_an_event_without_a_point_or_a_date_is_never_merged():
    """Issue 14: a missing latitude used to read as 0 km from everything of its type."""
    frame = events_frame([event("A"), event("B", lat=float("nan")), event("C", date=None)])
    merged = merge_events(frame)
    assert merged["n_reports"].tolist() == [1, 1, 1]


def _reference_sizes(frame, days=1, radius=10.0) -> list[int]:
    """The groups' sizes by brute force (every pair compared, chains joined): the oracle."""
    from collections import Counter

    n = len(frame)
    parent = list(range(n))

    def root(i):
        while parent[i] != i:
            i = parent[i]
        return i

    day = pd.to_datetime(frame["event_date"]).tolist()
    kind, lat, lon = (frame[c].tolist() for c in ("event_type", "latitude", "longitude"))
    for i in range(n):
        for j in range(i + 1, n):
            if kind[i] != kind[j] or abs((day[i] - day[j]).days) > days:
                continue
            if km(lat[i], lon[i], lat[j], lon[j]) <= radius:
                parent[root(j)] = root(i)
    return sorted(Counter(root(k) for k in range(n)).values())


def test_blocking_finds_the_pairs_brute_force_finds():
    """Issue 14: events in neighbouring grid cells and day buckets are compared, across
    cell borders and the date line, and the groups are those every pair gives."""
    import numpy as np

    rng = np.random.default_rng(7)
    rows = []
    for k in range(160):
        town = rng.integers(0, 6)
        lat = [48.0, 48.05, 50.0, -33.9, 0.0, 60.0][town] + rng.normal(0, 0.05)
        lon = [37.8, 37.85, 36.2, 151.2, 179.99, -179.99][town] + rng.normal(0, 0.05)
        date = pd.Timestamp("2022-05-01") + pd.Timedelta(days=int(rng.integers(0, 6)))
        rows.append(event(f"S{k}", lat=lat, lon=float((lon + 180) % 360 - 180),
                          date=str(date.date()), etype=["Battles", "Protests"][k % 2]))  # fmt: skip
    frame = events_frame(rows)
    merged = merge_events(frame)
    assert sorted(merged["n_reports"].tolist()) == _reference_sizes(frame)


def test_a_source_column_with_no_text_stays_empty():
    """No report of the group gives a URL: the merged row has none either."""
    frame = events_frame([event("A"), event("B", lon=EAST_3KM)])
    frame["source_url"] = None
    merged = merge_events(frame)
    assert merged["n_reports"].tolist() == [2]
    assert merged["source_url"].isna().all()


def test_a_tiny_radius_and_a_long_span_of_days_still_merge_what_they_should():
    """The grid coarsens when cells as small as the radius would overflow its key."""
    old = "1950-01-01"
    frame = events_frame([event("A"), event("B"), event("C", lon=EAST_3KM),
                          event("D", date=old), event("E", date=old)])  # fmt: skip
    merged = merge_events(frame, km=1e-6)
    assert merged["n_reports"].tolist() == [2, 1, 2]
