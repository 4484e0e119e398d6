"""Events frame -> the JSON-ready document the page draws: one entry per event, or sums per cell.

The document is columnar: numbers as lists, text columns as a table of distinct
values plus one index per event, categories (with their colours and counts) once.
Everything here computes; nothing draws, warns or touches folium.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from .._errors import InvalidInputError

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd

ACLED_COLORS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#1f77b4",
    "Riots": "#bcbd22",
    "Strategic developments": "#2ca02c",
}
_PALETTE = (  # for values other than ACLED's types; none of ACLED_COLORS
    "#17becf",
    "#e377c2",
    "#8c564b",
    "#393b79",
    "#637939",
    "#8c6d31",
    "#843c39",
    "#7b4173",
    "#3182bd",
    "#e6550d",
    "#31a354",
    "#756bb1",
    "#636363",
    "#6baed6",
    "#fd8d3c",
    "#74c476",
    "#9e9ac8",
    "#bd9e39",
    "#ad494a",
    "#a55194",
    "#5254a3",
    "#8ca252",
    "#de9ed6",
    "#e7ba52",
)
_OTHER, _OTHER_COLOR = "Other", "#7f7f7f"
_MISSING, _MISSING_COLOR = "(none)", "#a6a6a6"
_MAX_CATEGORIES = 20
_COLOR = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}")
_TEXT_FIELDS = (
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "admin1",
    "country",
    "status",
    "notes",
    "source",
    "source_url",
)
_KM_PER_DEGREE = 111.32
_AREA_M = {2: 25_000, 3: 200_000}  # radius drawn for geo_precision 2 and 3 (as in the page)


# ------------------------------------------------------------------ input


def check_colors(colors) -> dict:
    """The caller's ``colors`` as a new dict of str -> CSS colour; an error for anything else.

    Examples
    --------
    >>> check_colors({"Battles": "#000"}), check_colors(None)
    ({'Battles': '#000'}, {})
    """
    if colors is None:
        return {}
    if not isinstance(colors, dict):
        raise InvalidInputError(
            f"colors must be a dict of category -> colour, not {type(colors).__name__}"
        )
    out = {}
    for key, value in colors.items():
        if not isinstance(value, str) or not _COLOR.fullmatch(value):
            raise InvalidInputError(
                f"colors[{key!r}] = {value!r} is not a colour ('#rrggbb' or a CSS name)"
            )
        out[str(key)] = value
    return out


def lon_lat(gdf) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes and latitudes (EPSG:4326) of each row; NaN where there is none."""
    import geopandas as gpd
    import numpy as np

    geom_col = (
        getattr(gdf, "_geometry_column_name", None) if isinstance(gdf, gpd.GeoDataFrame) else None
    )
    if geom_col is not None and geom_col in gdf.columns:
        return _geometry_lon_lat(gdf[geom_col])
    if "latitude" in gdf.columns and "longitude" in gdf.columns:
        import pandas as pd

        x = pd.to_numeric(gdf["longitude"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        y = pd.to_numeric(gdf["latitude"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        return x, y  # points outside the range: the caller counts them
    raise InvalidInputError(
        "the frame has neither a geometry column nor latitude/longitude columns "
        f"(columns: {list(gdf.columns)})"
    )


def _geometry_lon_lat(geoms) -> tuple[np.ndarray, np.ndarray]:
    """A point per geometry (a representative one for lines and areas), in EPSG:4326."""
    import numpy as np
    import shapely

    if geoms.crs is not None and not geoms.crs.equals("EPSG:4326"):
        try:
            geoms = geoms.to_crs("EPSG:4326")
        except Exception as exc:  # pyproj's errors, which vary by version
            raise InvalidInputError(
                f"cannot reproject from {geoms.crs} to EPSG:4326: {exc}"
            ) from None
    arr = np.array(geoms.values, dtype=object)  # a copy: the frame's stays as it is
    arr[shapely.is_missing(arr) | shapely.is_empty(arr)] = None
    other = shapely.get_type_id(arr) > 0  # not a point (and not missing, which is -1)
    if other.any():
        arr[other] = shapely.point_on_surface(arr[other])
    x, y = shapely.get_x(arr), shapely.get_y(arr)
    if geoms.crs is None:
        ok = np.isfinite(x) & np.isfinite(y)
        if ok.any() and (np.abs(x[ok]).max() > 180 or np.abs(y[ok]).max() > 90):
            raise InvalidInputError(
                "the frame has no CRS and its coordinates are not longitude/latitude; "
                "set one with gdf.set_crs(...)"
            )
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


# ------------------------------------------------------------------ columns


def categories(values: pd.Series, colors: dict) -> tuple[list, list, list, np.ndarray]:
    """Category names, colours, counts and each row's category index.

    ACLED's types come first in their fixed order, then the other values by count;
    past 20 categories the rarest share "Other".

    Examples
    --------
    >>> import pandas as pd
    >>> names, colours, counts, codes = categories(
    ...     pd.Series(["Riots", "Zeta", "Battles", None]), {"Zeta": "red"})
    >>> names, codes.tolist()
    (['Battles', 'Riots', 'Zeta', '(none)'], [1, 2, 0, 3])
    >>> colours
    ['#d62728', '#bcbd22', 'red', '#a6a6a6']
    """
    import numpy as np

    labels = values.astype("object").where(values.notna(), None)
    # a list or a dict in a cell is a category shown as its text, never hashed
    labels = labels.map(lambda v: _MISSING if v is None or (isinstance(v, str) and v == "")
                        else str(v))  # fmt: skip
    counts = labels.value_counts(sort=False)
    known = [c for c in ACLED_COLORS if c in counts.index]
    rest = sorted(
        (c for c in counts.index if c not in ACLED_COLORS),
        key=lambda c: (c == _MISSING, -counts[c], c),
    )
    order = known + rest
    if len(order) > _MAX_CATEGORIES:
        order = [*order[: _MAX_CATEGORIES - 1], _OTHER]
    index = {c: i for i, c in enumerate(order)}
    other = index.get(_OTHER, len(order) - 1)
    codes = labels.map(lambda c: index.get(c, other)).to_numpy(dtype=np.int32)
    n_per = np.bincount(codes, minlength=len(order)).tolist()
    return order, _category_colors(order, colors), n_per, codes


def _category_colors(order: list[str], colors: dict) -> list[str]:
    """The caller's colour, else ACLED's, else the next of the palette, per category."""
    palette = iter(_PALETTE)
    chosen = []
    for cat in order:
        if cat in colors:
            chosen.append(colors[cat])
        elif cat in ACLED_COLORS:
            chosen.append(ACLED_COLORS[cat])
        elif cat == _MISSING:
            chosen.append(_MISSING_COLOR)
        elif cat == _OTHER:
            chosen.append(_OTHER_COLOR)
        else:
            chosen.append(next(palette, _OTHER_COLOR))
    return chosen


def _days(frame) -> np.ndarray:
    """Days since 1970-01-01 of event_date (NaN where unknown), each on its own calendar
    day (:func:`geoevents._validate.day_numbers`); a column of numbers is refused."""
    import numpy as np

    from .._frames import frame_days

    if "event_date" not in frame.columns:
        return np.full(len(frame), np.nan)
    days, dated, _unreadable = frame_days(frame, "event_date", "gdf")  # numbers refused
    return np.where(dated, days.astype("float64"), np.nan)


class Drawn(NamedTuple):
    """The values of each event the page draws, and how many given ones it cannot."""

    days: np.ndarray  # days since 1970-01-01, NaN where unknown
    fat: np.ndarray  # fatalities, NaN where unknown or not a toll
    unreadable_dates: int  # given, but not a date pandas holds: drawn undated
    bad_fat: int  # given, but negative, not a number, or over MAX_FATALITIES: unknown


def _given(series) -> np.ndarray:
    """Where a cell holds something (not missing, not blank text)."""
    import numpy as np

    given = np.array(series.notna().to_numpy(), dtype=bool)
    if series.dtype == object:
        blank = series.map(lambda v: isinstance(v, str) and not v.strip()).to_numpy(dtype=bool)
        given &= ~blank
    return given


def drawn_values(frame) -> Drawn:
    """Each event's day and fatalities as the page draws them (see :class:`Drawn`):
    fatalities outside 0..MAX_FATALITIES (as a dataset file may hold, see
    ``geoevents._validate``) are unknown rather than drawn as -5 or 1e30."""
    import numpy as np
    import pandas as pd

    from .._validate import holds_fatalities

    days = _days(frame)
    unreadable = bad = 0
    if "event_date" in frame.columns:
        unreadable = int((_given(frame["event_date"]) & np.isnan(days)).sum())
    fat = np.full(len(frame), np.nan)
    if "fatalities" in frame.columns:
        column = frame["fatalities"]
        fat = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            ok = holds_fatalities(fat)
        bad = int((_given(column) & ~ok).sum())
        fat = np.where(ok, fat, np.nan)
    return Drawn(days, fat, unreadable, bad)


def _ints(frame, column: str) -> list:
    """A column as a list of ints with None for missing."""
    import numpy as np
    import pandas as pd

    if column not in frame.columns:
        return [None] * len(frame)
    values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return _nullable(values)


# the largest whole number a float64 (and the page's JavaScript) holds exactly
_EXACT = 2**53


def _nullable(values: np.ndarray) -> list:
    """Floats as a list of numbers as they are: ints for whole numbers a browser holds
    exactly, else floats (2.5, 1e+30: never wrapped around into int64), None where
    not finite."""
    import numpy as np

    values = np.asarray(values, dtype=float)
    ok = np.isfinite(values)
    whole = ok & (np.abs(values) <= _EXACT)
    whole &= np.floor(np.where(whole, values, 0)) == np.where(whole, values, 0)
    if whole.all():
        return values.astype(np.int64).tolist()
    out = np.where(whole, values, 0).astype(np.int64).tolist()
    for i in np.flatnonzero(~whole).tolist():
        out[i] = float(values[i]) if ok[i] else None
    return out


def _text_column(series) -> list:
    """``[distinct values, index of each row's value (-1 for missing)]``; a cell that
    holds a list, a dict or any other value is shown as its text (``str``)."""
    import pandas as pd

    values = series.astype("object").where(series.notna(), None)
    if values.dtype == object:  # text as it is, anything else as its text: all hashable
        values = values.map(lambda v: v if v is None or isinstance(v, str) else str(v))
    codes, uniques = pd.factorize(values)
    return [[str(u) for u in uniques], codes.tolist()]


# ------------------------------------------------------------------ documents


def event_payload(frame, x, y, cats, colors, counts, codes, drawn: Drawn) -> dict:
    """The document with one entry per event (``agg`` is None); ``drawn``: the frame's
    :func:`drawn_values`."""
    import numpy as np

    days = drawn.days
    payload = {
        "cats": cats,
        "colors": colors,
        "counts": counts,
        "lat": np.round(y, 5).tolist(),
        "lon": np.round(x, 5).tolist(),
        "c": codes.tolist(),
        "day": _nullable(days),
        "tp": [v if v in (1, 2, 3) else 1 for v in _ints(frame, "time_precision")],
        "prec": [v if v in (1, 2, 3) else 1 for v in _ints(frame, "geo_precision")],
        "fat": _nullable(drawn.fat),
        "text": {f: _text_column(frame[f]) for f in _TEXT_FIELDS if f in frame.columns},
        "agg": None,
    }
    return payload


_PERIODS = ("day", "week", "month", "year")
_PERIOD_TEXT = {"day": None, "week": "week of", "month": "month of", "year": "year"}
_MAX_CELLS = 60_000  # aggregated markers the page draws at most (about 3 s in Chromium)
_NO_DAY = -10_000_000  # an unknown date, before any real one


def _period_start(days: np.ndarray, period: str) -> np.ndarray:
    """Day number of the start of each day's period; _NO_DAY where the date is unknown."""
    import numpy as np

    known = np.isfinite(days)
    d = np.where(known, days, 0).astype(np.int64)
    if period == "week":  # weeks start on Monday (1970-01-01 was a Thursday)
        d = (d + 3) // 7 * 7 - 3
    elif period in ("month", "year"):
        unit = "M" if period == "month" else "Y"
        d = d.astype("datetime64[D]").astype(f"datetime64[{unit}]").astype("datetime64[D]")
        d = d.astype(np.int64)
    return np.where(known, d, _NO_DAY)


def _groups(x, y, codes, start, cell_deg: float):
    """Group rows by grid cell, category and period: (first row, group of each row)."""
    import numpy as np

    gx = np.floor(x / cell_deg).astype(np.int64)
    gy = np.floor(y / cell_deg).astype(np.int64)
    gx -= gx.min()
    gy -= gy.min()
    d = start - start.min()
    key = ((gy * (int(gx.max()) + 1) + gx) * (int(codes.max()) + 1) + codes) * (
        int(d.max()) + 1
    ) + d
    _uniq, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return first, inverse.ravel()


def aggregate_payload(
    frame, x, y, cats, colors, counts, codes, cell_km: float, drawn: Drawn
) -> dict:
    """The document with events summed per grid cell, category and period.

    The period follows the span of dates (a day up to three months, a week up to
    two years, else a month); when that gives more than 60,000 groups, periods and
    then cells grow until it does not. ``drawn``: as for :func:`event_payload`.
    """
    import numpy as np

    days = drawn.days
    known = days[np.isfinite(days)]
    span = float(known.max() - known.min()) if known.size else 0.0
    period = "day" if span <= 92 else "week" if span <= 732 else "month"
    base_km = cell_km
    codes = codes.astype(np.int64)
    first = inverse = np.zeros(0, dtype=np.int64)
    start = np.zeros(0, dtype=np.int64)
    while len(x):
        start = _period_start(days, period)
        first, inverse = _groups(x, y, codes, start, cell_km / _KM_PER_DEGREE)
        if len(first) <= _MAX_CELLS:
            break
        p = _PERIODS.index(period)
        if p < 2:
            period = _PERIODS[p + 1]
        elif cell_km < 8 * base_km or period == "year":
            cell_km *= 2
        else:
            period = "year"
    k = len(first)
    n = np.bincount(inverse, minlength=k)
    lat = np.bincount(inverse, weights=y, minlength=k) / np.maximum(n, 1)
    lon = np.bincount(inverse, weights=x, minlength=k) / np.maximum(n, 1)
    fat = drawn.fat
    has = np.isfinite(fat)
    fsum = np.bincount(inverse, weights=np.where(has, fat, 0), minlength=k)
    fcount = np.bincount(inverse, weights=has.astype(float), minlength=k)
    d = start[first].astype(float) if k else np.zeros(0)
    return {
        "cats": cats,
        "colors": colors,
        "counts": counts,
        "lat": np.round(lat, 4).tolist(),
        "lon": np.round(lon, 4).tolist(),
        "c": codes[first].tolist(),
        "day": _nullable(np.where(d == _NO_DAY, np.nan, d)),
        "prec": [],
        "fat": [],
        "text": {},
        "agg": {
            "n": n.tolist(),
            "fat": _nullable(np.where(fcount > 0, fsum, np.nan)),
            "total": len(frame),
            "cell_km": round(cell_km, 3),
            "period": period,
            "period_text": _PERIOD_TEXT[period],
        },
    }


# The first view shows the bulk of the events: those within BULK_FACTOR times the
# distance that holds BULK_SHARE of them from their median point (never nearer than
# BULK_MIN_KM). Two events in another country must not shrink a war to a patch of a
# continent's map; the "show all" control brings them into view.
BULK_SHARE, BULK_FACTOR, BULK_MIN_KM = 0.9, 2.0, 100.0


def _bulk(x, y):
    """Which events are the bulk (see BULK_SHARE)."""
    import numpy as np

    from .._geo import paired_km

    if len(x) < 10:  # too few to call any of them far from the rest
        return np.ones(len(x), dtype=bool)
    cx, cy = np.full(len(x), np.median(x)), np.full(len(y), np.median(y))
    km = paired_km(y, x, cy, cx)
    reach = max(BULK_FACTOR * float(np.quantile(km, BULK_SHARE)), BULK_MIN_KM)
    return km <= reach


def _corners(x, y, km) -> list[list[float]]:
    import numpy as np

    dlat = km / _KM_PER_DEGREE
    dlon = dlat / np.maximum(np.cos(np.radians(y)), 0.05)
    south = max(-85.0, float((y - dlat).min()))
    north = min(85.0, float((y + dlat).max()))
    west = max(-180.0, float((x - dlon).min()))
    east = min(180.0, float((x + dlon).max()))
    return [[south, west], [north, east]]


def view_bounds(x, y, payload) -> tuple[list[list[float]], list[list[float]], int]:
    """The first view (south-west and north-east corners around the bulk of the events
    and their ~25 km areas), the view of every event and area, and how many events
    the first view leaves out.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.r_[np.linspace(30, 38, 20), -3.7]  # twenty in Ukraine, one in Madrid
    >>> y = np.r_[np.linspace(46, 50, 20), 40.4]
    >>> first, every, left_out = view_bounds(x, y, {"prec": []})
    >>> first, left_out
    ([[46.0, 30.0], [50.0, 38.0]], 1)
    >>> every[0][1]
    -3.7
    """
    import numpy as np

    km = np.zeros(len(x))
    if payload["prec"]:
        prec = np.asarray(payload["prec"])
        for p, meters in _AREA_M.items():
            km[prec == p] = meters / 1000
    bulk = _bulk(x, y)
    near = np.minimum(km, _AREA_M[2] / 1000)[bulk]  # a region's circle may spill over
    return _corners(x[bulk], y[bulk], near), _corners(x, y, km), int((~bulk).sum())
