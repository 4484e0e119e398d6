"""Which area held each event on its date: dated polygons (areas of control) joined to events.

An *areas* frame is a GeoDataFrame the user loads from a file (``geopandas.read_file``):
one polygon per row, optionally a first and a last day (``valid_from``/``valid_to``)
and a label (who controls it, what it is). :func:`events_in_areas` tells for each
event which area held it on its date; :func:`area_payload` turns the areas into the
small JSON document a map draws. Both read an areas frame through
:func:`prepared_areas`, so a frame means the same to the analysis and to the map.

Dates are compared by calendar day, both ends included: an area valid from 2022-03-01
to 2022-03-31 holds an event of 2022-03-31. An empty date is an open end; an area
with neither date holds at every date.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from ._errors import GeoEventsWarning, InvalidInputError
from ._frames import checked_frame, frame_days, is_missing, short_repr
from ._validate import CLOCK_WORDS, checked_number, day_numbers

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "AREA_COLORS",
    "MISSING_LABEL",
    "NO_LABEL",
    "OVERLAP_RULES",
    "SIMPLIFY_DEGREES",
    "Areas",
    "Held",
    "area_payload",
    "callers_level",
    "check_column",
    "events_in_areas",
    "held_by",
    "prepared_areas",
]

# how overlapping areas answer: "latest" gives each event the one area whose period
# began last (the newest line drawn), "all" gives every area that held it
OVERLAP_RULES = ("latest", "all")
# colours of area labels the caller gives none for: ColorBrewer's Set2 and Dark2, none of
# them one of ACLED's event-type colours, so a shaded area never reads as a type of event
AREA_COLORS = (
    "#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494",
    "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
)  # fmt: skip
# the legend entry of areas whose label cell is empty, and its colour (a neutral grey)
MISSING_LABEL, MISSING_COLOR = "(none)", "#b3b3b3"
# the one legend entry of areas drawn without a label column
NO_LABEL = "Areas"
# outlines drawn on a map are simplified to this many degrees (about 100 m north-south):
# finer than a map of a region can show, and it keeps a 10,000-vertex frontline small
SIMPLIFY_DEGREES = 0.001
# coordinates in the map document: 5 decimals are about 1 m, as for the events
_DECIMALS = 5
# day numbers (days since 1970-01-01) standing for an open first and an open last day
_OPEN_START = np.iinfo(np.int64).min
_OPEN_END = np.iinfo(np.int64).max
_POLYGONAL = (3, 6)  # shapely type ids of Polygon and MultiPolygon
# a date cell is read strictly, the whole text: an ISO 8601 day (2022-05-02, 20220502),
# optionally with a time and zone (2022-05-02T06:00+03:00: its own calendar day), or a
# day written out with the month's English name and the year ("2 May 2022", "May 2,
# 2022"); anything more ("2022-05-01 garbage") or less ("May 2022") is refused
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}|\d{8}")
_ISO_TIME = re.compile(r"(?:\d{4}-\d{2}-\d{2}|\d{8})[T ]\S.*")
_WRITTEN = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%B %d, %Y", "%b %d, %Y")


class Areas(NamedTuple):
    """An areas frame as every function here reads it (see :func:`prepared_areas`)."""

    geoms: np.ndarray  # polygonal shapely geometries in EPSG:4326; None where a row has none
    start: np.ndarray  # first day (days since 1970-01-01), int64; _OPEN_START where open
    end: np.ndarray  # last day, int64; _OPEN_END where open
    labels: pd.Series | None  # the label column by position, or None
    index: pd.Index  # the areas' row labels


# ------------------------------------------------------------------ the areas frame


def prepared_areas(areas, *, label=None, start="valid_from", end="valid_to", name="areas"):
    """``areas`` checked and read: polygons in EPSG:4326, day numbers, labels.

    Refused with an :class:`InvalidInputError` that names ``name`` (the argument):
    anything but a GeoDataFrame with an active geometry column; a ``label``, ``start``
    or ``end`` that is not one of its columns (pass ``None`` for none); a row whose
    geometry is not a polygon or multipolygon; a CRS that cannot be reprojected to
    EPSG:4326, or no CRS with coordinates that are not longitude/latitude; a date cell
    that is not a date (read strictly: an ISO day, optionally with a time, or a day
    written out such as "2 May 2022"; "2022-05-01 garbage" is refused); a first day
    after the last; repeated column names; a MultiIndex (its row labels could not name
    areas in a result: ``reset_index()`` it). Rows without a geometry hold no
    event and invalid polygons are repaired (``shapely.make_valid``), each with a
    :class:`GeoEventsWarning`. ``areas`` itself is never modified.

    Examples
    --------
    >>> import geopandas as gpd, shapely
    >>> areas = gpd.GeoDataFrame({"valid_from": ["2022-03-01"], "valid_to": [None]},
    ...     geometry=[shapely.box(30, 46, 31, 47)], crs="EPSG:4326")
    >>> prepared = prepared_areas(areas)
    >>> int(prepared.start[0]), bool(prepared.end[0] == np.iinfo(np.int64).max)
    (19052, True)
    """
    import geopandas as gpd

    if not isinstance(areas, gpd.GeoDataFrame):
        raise InvalidInputError(f"{name} must be a GeoDataFrame of polygons (as "
                                "geopandas.read_file gives), not "
                                f"{type(areas).__name__}")  # fmt: skip
    checked_frame(areas, name)
    if areas.index.nlevels > 1:
        raise InvalidInputError(f"{name} has a MultiIndex (levels "
                                f"{short_repr(list(areas.index.names))}): give it one level, "
                                f"e.g. {name}.reset_index(), which keeps the levels as "
                                "columns")  # fmt: skip
    if areas.active_geometry_name is None:
        raise InvalidInputError(f"{name} has no active geometry column: choose one with "
                                f"{name}.set_geometry(column)")  # fmt: skip
    for arg, column in (("label", label), ("start", start), ("end", end)):
        check_column(areas, name, arg, column)
    geoms = _polygons(areas, name)
    first = _day_numbers(areas, start, "start", name, _OPEN_START)
    last = _day_numbers(areas, end, "end", name, _OPEN_END)
    wrong = np.flatnonzero(first > last)
    if len(wrong):
        row = areas.index[wrong[0]]
        raise InvalidInputError(f"{name}, row {row!r}: {start} {areas[start].iloc[wrong[0]]!r} "
                                f"is after {end} {areas[end].iloc[wrong[0]]!r} "
                                f"({len(wrong)} such row(s)); correct the dates")  # fmt: skip
    labels = None if label is None else areas[label].reset_index(drop=True)
    return Areas(geoms, first, last, labels, areas.index)


def check_column(areas, name: str, arg: str, column) -> None:
    """``column``, given as argument ``arg``, names a column of the areas frame ``name``
    other than its geometry, or is None; refused naming ``arg`` otherwise."""
    if column is None:
        return
    if not isinstance(column, str):
        raise InvalidInputError(f"{arg} must be a column name (str) or None, not {column!r}")
    if column not in areas.columns or column == areas.active_geometry_name:
        what = {"label": "no label", "start": "no first day", "end": "no last day"}.get(
            arg.removeprefix("area_"), "none"
        )
        columns = [c for c in areas.columns if c != areas.active_geometry_name]
        raise InvalidInputError(f"{arg}={column!r} is not a column of {name} (columns: "
                                f"{', '.join(map(str, columns)) or 'none'}); pass {arg}=None "
                                f"for {what}")  # fmt: skip


def _polygons(areas, name: str) -> np.ndarray:
    """The areas' geometries in EPSG:4326 as an object array (None where a row has none)."""
    import shapely

    geoms = areas.geometry
    if geoms.crs is not None and not geoms.crs.equals("EPSG:4326"):
        try:
            geoms = geoms.to_crs("EPSG:4326")
        except Exception as exc:  # pyproj's errors, which vary by version
            raise InvalidInputError(f"{name}: cannot reproject from {geoms.crs} to EPSG:4326 "
                                    f"({exc}); reproject it yourself with "
                                    f"{name}.to_crs(...)") from None  # fmt: skip
    arr = np.array(geoms.values, dtype=object)  # a copy: the caller's frame stays as it is
    missing = shapely.is_missing(arr) | shapely.is_empty(arr)
    arr[missing] = None
    kinds = shapely.get_type_id(arr)
    wrong = np.flatnonzero(~missing & ~np.isin(kinds, _POLYGONAL))
    if len(wrong):
        first = wrong[0]
        raise InvalidInputError(f"{name} must hold polygons: row {areas.index[first]!r} is a "
                                f"{arr[first].geom_type} ({len(wrong)} row(s) are not "
                                "polygons or multipolygons)")  # fmt: skip
    if geoms.crs is None and not missing.all():
        west, south, east, north = shapely.total_bounds(arr[~missing])
        if min(west, south) < -180 or east > 180 or south < -90 or north > 90:
            raise InvalidInputError(f"{name} has no CRS and its coordinates are not "
                                    "longitude/latitude: set its CRS with "
                                    f"{name}.set_crs(...)")  # fmt: skip
    broken = ~missing & ~shapely.is_valid(arr)
    if broken.any():
        arr[broken] = [_polygonal(g) for g in shapely.make_valid(arr[broken])]
        flat = [areas.index[i] for i in np.flatnonzero(broken) if arr[i] is None]
        lost = (f"; {len(flat)} of them enclose no area once repaired (rows "
                f"{', '.join(map(repr, flat[:5]))}{', …' if len(flat) > 5 else ''}) and hold "
                "no event" if flat else "")  # fmt: skip
        warnings.warn(f"{int(broken.sum())} area(s) of {name} are not valid polygons (a "
                      "ring that crosses itself, for one) and were repaired with "
                      f"shapely.make_valid{lost}", GeoEventsWarning,
                      stacklevel=callers_level())  # fmt: skip
    if missing.any():
        warnings.warn(f"{int(missing.sum())} area(s) of {name} have no geometry and hold no "
                      "event", GeoEventsWarning, stacklevel=callers_level())  # fmt: skip
    return arr


def callers_level() -> int:
    """The ``stacklevel`` that points a warning at the first caller outside geoevents
    (its public functions reach here by different paths)."""
    import os
    import sys

    package = os.path.dirname(os.path.abspath(__file__)) + os.sep
    frame, level = sys._getframe(1), 1
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(package):
        frame, level = frame.f_back, level + 1
    return level


def _polygonal(geom):
    """The polygonal part of a repaired geometry (make_valid may add lines and points)."""
    import shapely

    if shapely.get_type_id(geom) in _POLYGONAL:
        return geom
    parts = [p for p in shapely.get_parts(geom) if shapely.get_type_id(p) in _POLYGONAL]
    return shapely.union_all(parts) if parts else None


def _day_numbers(areas, column, arg: str, name: str, open_end: int) -> np.ndarray:
    """Days since 1970-01-01 of each cell of ``column``; ``open_end`` where empty."""
    import pandas as pd

    out = np.full(len(areas), open_end, dtype=np.int64)
    if column is None:
        return out
    values = areas[column]
    if pd.api.types.is_datetime64_any_dtype(values):
        days, known, _unreadable = day_numbers(values)
        out[known] = days[known]
        return out
    for pos, value in enumerate(values.to_numpy(dtype=object)):
        try:
            day = _cell_day(value)
        except ValueError as exc:
            raise InvalidInputError(f"{name}, row {areas.index[pos]!r}: {arg} column "
                                    f"{column!r} holds {short_repr(value)}, {exc} (write an "
                                    "ISO date such as 2022-05-02, optionally with a time, or "
                                    "leave the cell empty for an open end)") from None  # fmt: skip
        if day is not None:
            out[pos] = day
    return out


def _cell_day(value) -> int | None:
    """The day number of one date cell: None when empty, ValueError when not a date."""
    import pandas as pd

    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else int(value.astype("datetime64[D]").astype(np.int64))
    if isinstance(value, pd.Timestamp):
        return (value.date() - dt.date(1970, 1, 1)).days  # its own calendar day
    if isinstance(value, (dt.date, dt.datetime)):
        day = value.date() if isinstance(value, dt.datetime) else value
        return (day - dt.date(1970, 1, 1)).days
    if not isinstance(value, str):
        raise ValueError(f"a {type(value).__name__}, not a date")
    text = value.strip()
    if not text:
        return None
    if text.lower() in CLOCK_WORDS:
        raise ValueError("a day relative to today, not a date")
    return (_text_day(text) - dt.date(1970, 1, 1)).days


def _text_day(text: str) -> dt.date:
    """The day a date cell's text names, read whole (see ``_ISO_DAY``); ValueError else."""
    try:
        if _ISO_DAY.fullmatch(text):
            return dt.date.fromisoformat(text)
        if _ISO_TIME.fullmatch(text):
            return dt.datetime.fromisoformat(text).date()  # its own calendar day
    except ValueError:
        raise ValueError("which is not a date") from None
    for form in _WRITTEN:
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            pass
    raise ValueError("which is not a date")


# ------------------------------------------------------------------ the events


def _event_points_and_days(events, date: str):
    """(longitudes, latitudes, day numbers, usable) of the events, by position."""
    import pandas as pd

    from ._maps.payload import lon_lat  # the points a map draws: the same rows are held

    if not isinstance(events, pd.DataFrame):
        raise InvalidInputError(f"events must be a DataFrame or GeoDataFrame of events, not "
                                f"{type(events).__name__}")  # fmt: skip
    checked_frame(events, "events")
    if not isinstance(date, str) or date not in events.columns:
        raise InvalidInputError(f"date={date!r} is not a column of events (columns: "
                                f"{', '.join(map(str, events.columns))}); name the column of "
                                "event dates with date=")  # fmt: skip
    try:
        lon, lat = lon_lat(events)
    except InvalidInputError as exc:
        raise InvalidInputError(f"events: {exc}") from None
    with np.errstate(invalid="ignore"):
        located = np.isfinite(lon) & np.isfinite(lat) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
    days, dated, unreadable = frame_days(events, date, "events")
    if unreadable:
        warnings.warn(f"{unreadable} event(s) have a {date} that is not a date; no dated "
                      "area holds them", GeoEventsWarning, stacklevel=callers_level())  # fmt: skip
    return lon, lat, days, dated, located


def _held_pairs(areas: Areas, lon, lat, days, dated, located) -> tuple[np.ndarray, np.ndarray]:
    """(event position, area position) of every area that held an event on its date."""
    import shapely

    has = np.flatnonzero(~shapely.is_missing(areas.geoms))
    where = np.flatnonzero(located)
    if not len(has) or not len(where):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    # 1. a tree of the points, queried by each area's bounding box; 2. the dates, which
    # cheaply drop most pairs; 3. only then the exact test, each polygon prepared once
    # (copies: the caller's geometries are not touched); a point on an outline is held
    tree = shapely.STRtree(shapely.points(lon[where], lat[where]))
    area_at, point_at = tree.query(areas.geoms[has])
    ev, ar = where[point_at], has[area_at]
    first, last = areas.start[ar], areas.end[ar]
    day = days[ev]
    always = (first == _OPEN_START) & (last == _OPEN_END)
    keep = np.where(dated[ev], (first <= day) & (day <= last), always)
    ev, ar = ev[keep], ar[keep]
    polygons = np.empty(len(areas.geoms), dtype=object)
    polygons[has] = shapely.transform(areas.geoms[has], lambda xy: xy)
    shapely.prepare(polygons[has])
    inside = shapely.intersects_xy(polygons[ar], lon[ev], lat[ev])
    return ev[inside], ar[inside]


# ------------------------------------------------------------------ public


def events_in_areas(events, areas, *, label=None, start="valid_from", end="valid_to",
                    date="event_date", overlap="latest", prefix="area"):  # fmt: skip
    """Which area held each event on its date.

    Parameters
    ----------
    events : GeoDataFrame or DataFrame
        Events with a point (a geometry in any CRS, or ``latitude``/``longitude``) and a
        date column: the output of :func:`extract_events`, :func:`read_acled`,
        :func:`read_ucdp`, or any such frame. Not modified.
    areas : GeoDataFrame
        Polygons or multipolygons, one area per row (for example dated areas of
        control loaded with ``geopandas.read_file``), in any CRS (reprojected to
        EPSG:4326; without a CRS, coordinates must be longitude/latitude). Not modified.
    label : str, optional
        The column of ``areas`` that names each area (who controls it, what it is);
        its values come back in ``<prefix>_label``.
    start, end : str or None, default "valid_from", "valid_to"
        The columns of ``areas`` with each area's first and last day (dates, or text
        such as "2022-03-01"); both days are included, compared by calendar day. An
        empty cell is an open end; ``None`` for a frame without such a column. A
        column named here must exist: a frame with other names is refused rather than
        read as undated.
    date : str, default "event_date"
        The column of ``events`` with each event's date.
    overlap : {"latest", "all"}, default "latest"
        Where areas overlap on an event's day: ``"latest"`` gives the area whose
        period began last (an area without a first day counts as the oldest), and of
        areas that began on the same day the later row of ``areas`` (drawn on top, as
        on a map); ``"all"`` gives one row per area that held the event.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``events`` (with ``"all"``, an event's label repeats once per
        area, in order of first day, and an event no area held has one row), with
        columns ``<prefix>`` (the row label in ``areas`` of the area that held the
        event; missing when none did), ``<prefix>_label`` (with ``label``),
        ``<prefix>_from`` and ``<prefix>_to`` (its first and last day; NaT where open)
        and ``<prefix>_count`` (how many areas held the event that day: more than one
        shows where the overlap rule chose). Join it with ``events.join(result)``,
        and the areas' other columns with ``result.join(areas, on="area")``.

    Notes
    -----
    An event without a point is held by no area. An event without a date is held
    only by areas with neither a first nor a last day (they hold at every date): no
    dated area can be said to have held it. A point on an outline is held by the
    area. Areas are found through a spatial index (shapely's ``STRtree``), the dates
    sifted before the exact test: 100,000 events in 1,000 areas of 200 vertices take
    about half a second (``benchmarks/bench_areas.py``).

    Examples
    --------
    >>> import geopandas as gpd, pandas as pd, shapely
    >>> areas = gpd.GeoDataFrame(
    ...     {"held_by": ["Blue", "Green"], "valid_from": ["2022-01-01", "2022-03-01"],
    ...      "valid_to": ["2022-02-28", None]},
    ...     geometry=[shapely.box(30, 46, 32, 48), shapely.box(31, 46, 33, 48)],
    ...     crs="EPSG:4326")
    >>> events = pd.DataFrame({"event_date": pd.to_datetime(["2022-02-10", "2022-04-02",
    ...     "2022-04-02"]), "latitude": [47.0, 47.0, 47.0], "longitude": [31.5, 31.5, 30.5]})
    >>> events_in_areas(events, areas, label="held_by")[["area", "area_label", "area_count"]]
       area area_label  area_count
    0     0       Blue           1
    1     1      Green           1
    2  <NA>        NaN           0
    """
    if not isinstance(prefix, str) or not prefix:
        raise InvalidInputError(f"prefix must be a non-empty str, not {prefix!r}")
    held = held_by(events, areas, label=label, start=start, end=end, date=date,
                   overlap=overlap)  # fmt: skip
    return _result(events.index.take(held.rows), held.areas, held.chosen, held.counts, prefix)


class Held(NamedTuple):
    """Which area held which event, by position (see :func:`held_by`)."""

    areas: Areas  # the areas as read
    rows: np.ndarray  # event positions, one per result row (each once with "latest")
    chosen: np.ndarray  # the area position of each result row; -1 where none held it
    counts: np.ndarray  # how many areas held the event of each result row


def held_by(events, areas, *, label=None, start="valid_from", end="valid_to",
            date="event_date", overlap="latest") -> Held:  # fmt: skip
    """:func:`events_in_areas` by position: the areas as read, and which held each event.

    Arguments are checked, and mean, as for :func:`events_in_areas`.
    """
    if overlap not in OVERLAP_RULES:
        raise InvalidInputError(f"overlap must be one of {', '.join(OVERLAP_RULES)}, not "
                                f"{overlap!r}")  # fmt: skip
    lon, lat, days, dated, located = _event_points_and_days(events, date)
    prepared = prepared_areas(areas, label=label, start=start, end=end)
    ev, ar = _held_pairs(prepared, lon, lat, days, dated, located)
    n = len(events)
    counts = np.bincount(ev, minlength=n)
    order = np.lexsort((ar, prepared.start[ar], ev))  # by event, then first day, then row
    ev, ar = ev[order], ar[order]
    if overlap == "latest":
        last = np.r_[ev[1:] != ev[:-1], True] if len(ev) else np.zeros(0, bool)
        rows, chosen = np.arange(n), np.full(n, -1)
        chosen[ev[last]] = ar[last]
    else:
        alone = np.flatnonzero(counts == 0)
        rows = np.concatenate([ev, alone])
        chosen = np.concatenate([ar, np.full(len(alone), -1)])
        keep = np.argsort(rows, kind="stable")
        rows, chosen = rows[keep], chosen[keep]
    return Held(prepared, rows, chosen, counts[rows])


def _result(index, areas: Areas, chosen: np.ndarray, counts: np.ndarray, prefix: str):
    """The result frame: one row per ``index`` label, the area at ``chosen`` (-1: none)."""
    import pandas as pd

    out = pd.DataFrame(index=index)
    row_labels = pd.Series(areas.index)
    if pd.api.types.is_integer_dtype(row_labels.dtype):
        row_labels = row_labels.astype("Int64")
    out[prefix] = row_labels.reindex(chosen).set_axis(index)
    if areas.labels is not None:
        out[f"{prefix}_label"] = areas.labels.reindex(chosen).set_axis(index)
    held = chosen >= 0
    for suffix, days, open_end in (("from", areas.start, _OPEN_START),
                                   ("to", areas.end, _OPEN_END)):  # fmt: skip
        stamps = np.full(len(chosen), np.datetime64("NaT"), dtype="datetime64[s]")
        bounded = held & (days[np.where(held, chosen, 0)] != open_end) if len(days) else held
        stamps[bounded] = days[chosen[bounded]].astype("datetime64[D]")
        out[f"{prefix}_{suffix}"] = stamps
    out[f"{prefix}_count"] = counts.astype(np.int64)
    return out


def area_payload(areas, *, label=None, start="valid_from", end="valid_to", colors=None,
                 tolerance=SIMPLIFY_DEGREES) -> dict:  # fmt: skip
    """The areas as a small JSON-ready document for a map.

    Parameters
    ----------
    areas : GeoDataFrame
        As for :func:`events_in_areas` (checked the same way; not modified).
    label, start, end :
        As for :func:`events_in_areas`. Without ``label`` every area is one legend
        entry, ``NO_LABEL``; an empty label cell is ``MISSING_LABEL``.
    colors : dict, optional
        Label -> CSS colour; other labels take :data:`AREA_COLORS` in order of first
        appearance (repeating past 14 labels).
    tolerance : float, default :data:`SIMPLIFY_DEGREES`
        How far (degrees) a simplified outline may stray from the given one; 0 keeps
        every vertex. Coordinates are rounded to 5 decimals (about 1 m).

    Returns
    -------
    dict
        ``{"areas": [...], "legend": [...], "first": day, "last": day, "bounds":
        [west, south, east, north]}``. Each area (rows without a geometry are left
        out) is ``{"row": its row label as text, "label": text, "color": CSS colour,
        "start": day, "end": day, "geometry": GeoJSON}``; a day is a number of days
        since 1970-01-01, ``None`` for an open end. ``legend`` holds one ``{"label",
        "color", "count"}`` per label, in order of first appearance; ``first`` and
        ``last`` are the earliest and latest bounded days (``None`` when none);
        ``bounds`` is ``None`` when no area has a geometry. Every number is finite, so
        ``json.dumps(payload, allow_nan=False)`` works.

    Examples
    --------
    >>> import geopandas as gpd, shapely
    >>> areas = gpd.GeoDataFrame({"held_by": ["Blue"], "valid_from": ["1970-01-11"]},
    ...     geometry=[shapely.box(30, 46, 31, 47)], crs="EPSG:4326")
    >>> doc = area_payload(areas, label="held_by", end=None)
    >>> doc["areas"][0]["label"], doc["areas"][0]["start"], doc["areas"][0]["end"]
    ('Blue', 10, None)
    >>> doc["legend"]
    [{'label': 'Blue', 'color': '#66c2a5', 'count': 1}]
    """
    import json

    import shapely

    from ._maps.payload import check_colors

    colors = check_colors(colors)
    tolerance = checked_number("tolerance", tolerance)
    prepared = prepared_areas(areas, label=label, start=start, end=end)
    has = np.flatnonzero(~shapely.is_missing(prepared.geoms))
    texts = _label_texts(prepared, has)
    legend: dict[str, dict] = {}
    palette = iter(AREA_COLORS * (len(set(texts)) // len(AREA_COLORS) + 1))
    for text in texts:
        if text not in legend:
            color = colors.get(text) or (MISSING_COLOR if text == MISSING_LABEL else next(palette))
            legend[text] = {"label": text, "color": color, "count": 0}
        legend[text]["count"] += 1
    geoms = _drawn_outlines(prepared.geoms[has], tolerance)
    shapes = shapely.to_geojson(geoms) if len(geoms) else []
    items = [{"row": str(prepared.index[pos]), "label": text, "color": legend[text]["color"],
              "start": _day(prepared.start[pos], _OPEN_START),
              "end": _day(prepared.end[pos], _OPEN_END), "geometry": json.loads(shape)}
             for pos, text, shape in zip(has, texts, shapes, strict=True)]  # fmt: skip
    bounded = [d for a in items for d in (a["start"], a["end"]) if d is not None]
    bounds = None
    if len(geoms):
        bounds = [round(float(b), _DECIMALS) for b in shapely.total_bounds(geoms)]
    return {"areas": items, "legend": list(legend.values()),
            "first": min(bounded) if bounded else None, "last": max(bounded) if bounded else None,
            "bounds": bounds}  # fmt: skip


def _label_texts(prepared: Areas, positions: np.ndarray) -> list[str]:
    if prepared.labels is None:
        return [NO_LABEL] * len(positions)
    values = prepared.labels.take(positions)
    return [MISSING_LABEL if _blank(v) else str(v) for v in values.to_numpy(dtype=object)]


def _blank(value) -> bool:
    """Whether a label cell is empty (a list or a dict is a label, shown as its text)."""
    return is_missing(value) or (isinstance(value, str) and not value.strip())


def _drawn_outlines(geoms: np.ndarray, tolerance: float) -> np.ndarray:
    """Outlines simplified by ``tolerance`` and rounded to 5 decimals, still polygons."""
    import shapely

    simple = shapely.simplify(geoms, tolerance, preserve_topology=True) if tolerance else geoms
    rounded = shapely.set_precision(simple, 10.0**-_DECIMALS)
    gone = shapely.is_empty(rounded)  # a sliver thinner than 1 m: keep it unrounded
    return np.where(gone, simple, rounded)


def _day(value: int, open_end: int) -> int | None:
    return None if value == open_end else int(value)
