"""The events frame: event rows in, a GeoDataFrame with ACLED's columns and fixed dtypes out."""

from __future__ import annotations

import datetime as dt
import hashlib
import numbers
import warnings
from typing import TYPE_CHECKING

import numpy as np

from .._errors import GeoEventsWarning
from .._geo import destination
from .._validate import DATE_RANGE, MAX_FATALITIES, holds_date, holds_fatalities
from .records import EventPlace

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

__all__ = ["EVENT_COLUMNS", "empty_events", "event_row", "events_frame"]


# column -> pandas dtype (geometry is added last); ACLED's names where ACLED has them
EVENT_COLUMNS: dict[str, str] = {
    "event_id": "str",
    "event_date": "datetime64[ns]",
    "time_precision": "Int64",
    "event_type": "str",
    "sub_event_type": "str",
    "actor1": "str",
    "actor2": "str",
    "location": "str",
    "admin1": "str",
    "country": "str",
    "country_code": "str",
    "geonameid": "Int64",
    "latitude": "float64",
    "longitude": "float64",
    "geo_precision": "Int64",
    "fatalities": "Int64",
    "status": "str",
    "confidence": "float64",
    "notes": "str",
    "mention": "str",
    "lang": "str",
    "source": "str",
    "source_url": "str",
    "article_id": "str",
}


def event_row(gazetteer, art, text, s, e, trig, place: EventPlace, date, precision, actor1, actor2,
          deaths, status, confidence) -> dict:  # fmt: skip
    """One row of the events frame (``EVENT_COLUMNS``): the event read from the sentence
    ``text[s:e]`` of report ``art``, at gazetteer place ``place.index``. Its
    ``event_id`` is a hash of what makes it this event: the same input, the same id.

    An event that only a first-level division locates (geo_precision 3) keeps the
    division as its location and stands at the division's seat, as ACLED codes it
    ("Kherson region" at Kherson), when the gazetteer knows the seat. An event a
    landmark phrase places ("10 km south of Kramatorsk") keeps the town as its
    location and stands at that offset from it."""
    b = place.index
    info = gazetteer.place(b)
    lat, lon = info.latitude, info.longitude
    if info.kind == "admin1" and place.precision >= 3:
        seat = gazetteer.seat_of(b)
        if seat >= 0:
            at = gazetteer.place(seat)
            lat, lon = at.latitude, at.longitude
    if place.offset is not None:  # "10 km south of Kramatorsk"
        lat, lon = destination(lat, lon, *place.offset)
    code = info.country_code
    key = f"{art.article_id}|{trig.event_type}|{trig.sub_event_type}|{b}|{date}|{s + art.offset}"
    return {
        "event_id": hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
        "event_date": date,
        "time_precision": precision if date is not None else None,
        "event_type": trig.event_type,
        "sub_event_type": trig.sub_event_type,
        "actor1": actor1,
        "actor2": actor2,
        "location": info.name,
        "admin1": info.admin1 or None,
        "country": gazetteer.country_name(code) if code else None,
        "country_code": code or None,
        "geonameid": info.geonameid,
        "latitude": lat,
        "longitude": lon,
        "geo_precision": place.precision,
        "fatalities": deaths,
        "status": status,
        "confidence": round(float(confidence), 4),
        "notes": " ".join(text[s:e].split()),
        "mention": text[place.start : place.end],
        "lang": art.lang or "en",
        "source": art.source,
        "source_url": art.url,
        "article_id": art.article_id,
        "_place": b,  # the gazetteer place, for the collection pass (not a column)
    }


def events_frame(rows: list[dict]) -> gpd.GeoDataFrame:
    """Rows (dicts with EVENT_COLUMNS keys) as an events GeoDataFrame in EPSG:4326.

    A date or a fatalities count a row's column cannot hold (a date outside
    1677-09-22..2262-04-11, what ``datetime64[ns]`` holds; fatalities outside
    0..10,000,000), as a report's text may give ("on 3 May 1500"), is left empty
    (with the row's ``time_precision``), and a :class:`GeoEventsWarning` names the
    reports: the event is kept, the value is not changed into another one."""
    import geopandas as gpd
    import pandas as pd

    rows = _held(rows)
    data = {}
    for column, dtype in EVENT_COLUMNS.items():
        values = [r.get(column) for r in rows]
        if dtype == "datetime64[ns]":
            data[column] = pd.to_datetime(pd.Series(values, dtype="object"), errors="coerce")
        elif dtype == "Int64":
            data[column] = pd.array(values, dtype="Int64")
        elif dtype == "float64":
            data[column] = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
        else:
            data[column] = pd.array(values, dtype="str")
    frame = pd.DataFrame(data)
    frame["event_date"] = frame["event_date"].astype("datetime64[ns]")
    geometry = gpd.points_from_xy(frame["longitude"], frame["latitude"], crs="EPSG:4326")
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def _unheld_date(value) -> bool:
    if isinstance(value, dt.datetime):  # a Timestamp too; NaT is no date
        return value == value and not holds_date(value.date())
    return isinstance(value, dt.date) and not holds_date(value)


def _unheld_count(value) -> bool:
    if value is None or isinstance(value, bool) or not isinstance(value, numbers.Real):
        return False
    return value == value and not holds_fatalities(value)


def _held(rows: list[dict]) -> list[dict]:
    """``rows``, with the dates and fatalities the frame cannot hold left empty (in
    copies of those rows), and one warning naming their reports."""
    out, named = [], []
    for r in rows:
        bad_date = _unheld_date(r.get("event_date"))
        bad_count = _unheld_count(r.get("fatalities"))
        if bad_date or bad_count:
            r = dict(r)
            if bad_date:
                r["event_date"] = r["time_precision"] = None
            if bad_count:
                r["fatalities"] = None
            named.append(str(r.get("article_id") or r.get("event_id") or "?"))
        out.append(r)
    if named:
        ids = sorted(set(named))
        warnings.warn(
            f"{len(named)} event(s) had a date outside {DATE_RANGE} or fatalities outside "
            f"0..{MAX_FATALITIES:,}, which an events frame cannot hold: those values are "
            f"left empty; reports: {', '.join(ids[:5])}{' …' if len(ids) > 5 else ''}",
            GeoEventsWarning,
            stacklevel=3,
        )
    return out


def empty_events() -> gpd.GeoDataFrame:
    """An events GeoDataFrame with every column and no rows."""
    return events_frame([])
