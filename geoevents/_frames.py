"""Shared checks of the frames public functions take: each column named once, dates as dates.

Every public function that takes a frame of events or of areas (``merge_events``,
``compare_events``, ``map_events``, ``events_in_areas``, ``control_view``) asks
:func:`checked_frame` first, so that a frame pandas allows but geoevents cannot read as
written (``pd.concat([a, b], axis=1)`` repeats names; a GeoDataFrame's geometry column
overwritten with other values) meets one clear :class:`InvalidInputError` naming the
argument and the columns, never an ``AttributeError`` from deep inside pandas. Cells
that hold lists or dicts are shown as text (:func:`cell_text`), never hashed.

Examples
--------
>>> import pandas as pd
>>> checked_frame(pd.DataFrame([[1, 2]], columns=["a", "b"]), "events")
>>> checked_frame(pd.DataFrame([[1, 2]], columns=["a", "a"]), "events")
Traceback (most recent call last):
...
geoevents._errors.InvalidInputError: events has repeated column names ('a' 2 times): give \
each column one name (rename or drop the repeats; events.loc[:, \
~events.columns.duplicated()] keeps the first of each)
"""

from __future__ import annotations

import decimal
import math

from ._errors import InvalidInputError
from ._validate import day_numbers

__all__ = [
    "calendar_days", "cell_text", "checked_frame", "frame_days", "is_missing",
    "short_repr",
]  # fmt: skip


def short_repr(value, limit: int = 60) -> str:
    """``repr(value)`` on one line (runs of white space as one space), cut to ``limit``
    characters with "…": a Series' or an array's repr fits in a one-line message.

    >>> import numpy as np
    >>> short_repr(np.array([[1, 2], [3, 4]])), short_repr("x" * 80, 8)
    ('array([[1, 2], [3, 4]])', "'xxxxxx…")
    """
    text = " ".join(repr(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def checked_frame(frame, name: str) -> None:
    """Refuse ``frame`` (a DataFrame given as the argument ``name``) when a column name
    repeats, or when it is a GeoDataFrame whose geometry column holds other values."""
    _unique_columns(frame, name)
    _geometry_cells(frame, name)


def _unique_columns(frame, name: str) -> None:
    columns = frame.columns
    if columns.is_unique:
        return
    counts = columns.value_counts(sort=False)
    repeated = [(column, int(n)) for column, n in counts.items() if n > 1]
    shown = ", ".join(f"{short_repr(c, 40)} {n} times" for c, n in repeated[:5])
    more = f" and {len(repeated) - 5} more" if len(repeated) > 5 else ""
    raise InvalidInputError(f"{name} has repeated column names ({shown}{more}): give each "
                            f"column one name (rename or drop the repeats; {name}.loc[:, "
                            f"~{name}.columns.duplicated()] keeps the first of each)")  # fmt: skip


def _geometry_cells(frame, name: str) -> None:
    """A GeoDataFrame's active geometry column holds geometries (or nothing) only."""
    import sys

    gpd = sys.modules.get("geopandas")
    if gpd is None or not isinstance(frame, gpd.GeoDataFrame):
        return
    column = frame.active_geometry_name
    if column is None or column not in frame.columns:
        return  # no active geometry: each function says what it needs instead
    if isinstance(frame[column].dtype, gpd.array.GeometryDtype):
        return
    import shapely

    shown = short_repr(column, 40)
    for label, value in frame[column].items():
        if not (is_missing(value) or isinstance(value, shapely.Geometry)):
            raise InvalidInputError(f"{name}'s geometry column {shown} holds values that are "
                                    f"not geometries (row {short_repr(label, 40)}: "
                                    f"{short_repr(value, 40)}): give shapely geometries or None "
                                    "there (geopandas.points_from_xy makes points)")  # fmt: skip
    raise InvalidInputError(f"{name}'s geometry column {shown} is of dtype "
                            f"{frame[column].dtype}, not geometry: make it one with "
                            f"{name}.set_geometry({shown}, crs=...)")  # fmt: skip


def frame_days(frame, column: str, name: str) -> tuple:
    """:func:`geoevents._validate.day_numbers` of ``frame[column]``: (day numbers,
    dated, how many given values are no date); a column of numbers is refused with a
    message that starts with ``name``, the argument."""
    try:
        return day_numbers(frame[column])
    except InvalidInputError as exc:
        raise InvalidInputError(f"{name}: {exc}") from None


def calendar_days(frame, name: str) -> tuple:
    """Each row's ``event_date`` as its own calendar day (datetime64[D], NaT where it
    has none, in whatever zone it was given) and how many given values are no date
    (see :func:`frame_days`)."""
    import numpy as np

    days, dated, unreadable = frame_days(frame, "event_date", name)
    return np.where(dated, days, np.iinfo(np.int64).min).astype("datetime64[D]"), unreadable


def is_missing(value) -> bool:
    """Whether one cell holds nothing: None, NaN (a float's, NumPy's or a Decimal's), NA
    or NaT (pandas' or NumPy's); a list or a dict is a value. Read without pandas, as
    it is asked of every field of every report.

    >>> import numpy as np, pandas as pd
    >>> [is_missing(v) for v in (None, float("nan"), pd.NA, pd.NaT, np.datetime64("NaT"))]
    [True, True, True, True, True]
    >>> is_missing([1, 2]), is_missing(""), is_missing(np.float32("nan"))
    (False, False, True)
    """
    if value is None:
        return True
    if isinstance(value, float):  # numpy's float64 too
        return math.isnan(value)
    if isinstance(value, decimal.Decimal):
        return value.is_nan()
    module = type(value).__module__
    if module.startswith("numpy"):
        import numpy as np

        if isinstance(value, (np.datetime64, np.timedelta64)):
            return bool(np.isnat(value))
        return isinstance(value, np.floating) and bool(np.isnan(value))
    if module.startswith("pandas"):
        import pandas as pd

        return value is pd.NA or value is pd.NaT
    return False


def cell_text(value) -> str | None:
    """One cell as the text a map or a label shows: None when it holds nothing, the
    text itself, else ``str(value)`` (a list or a dict too).

    >>> cell_text({"a": 1}), cell_text(None), cell_text("x")
    ("{'a': 1}", None, 'x')
    """
    if isinstance(value, str):
        return value
    return None if is_missing(value) else str(value)
