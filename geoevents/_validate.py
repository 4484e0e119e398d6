"""One validation layer: arguments and rows of files checked at the public boundary, or refused.

Every public function checks its arguments here, and the dataset readers check every
row they read here, so that a bad value meets one clear :class:`InvalidInputError`
that names the argument (or the file and line), says what is wrong and what to do,
instead of a ``TypeError``, an ``OverflowError`` or an ``OutOfBoundsDatetime`` from
deep inside pandas, and is never silently changed.

The policy, by kind of value:

* an **argument** of the wrong type, a negative or NaN number, an unknown choice:
  refused, naming the argument;
* a **row of a dataset file** (ACLED, UCDP GED) with a value the events frame cannot
  hold as it is (a date outside :data:`DATE_MIN`..:data:`DATE_MAX`, a date word such
  as "now", a point outside [-90, 90] × [-180, 180], fatalities that are not a whole
  number in 0..:data:`MAX_FATALITIES`, a precision code the dataset does not define):
  the file is refused, naming the file, the line, the column and the value;
* a **date or a number read from a report's text** that the frame cannot hold: the
  event is kept, with that value left empty, and a :class:`GeoEventsWarning` names
  the reports (see :func:`geoevents._events.frame.events_frame`);
* a **frame drawn on a map** with points outside the range: those rows are not drawn,
  and a warning counts them;
* a **link** that is no http(s) URL ("javascript:…"), in a report file or given to
  ``extract_events``: left empty, and one warning names each (:func:`kept_url`).

One bound, one check: :func:`holds_fatalities` is the only range check of fatalities
(dataset cells, tolls read from text, tolls drawn on a map).

Examples
--------
>>> checked_count("days", 2, maximum=10)
2
>>> checked_count("days", "two")
Traceback (most recent call last):
...
geoevents._errors.InvalidInputError: days must be a whole number, not 'two'
>>> date_cell("9999-12-31", "ev.csv, line 7", "event_date")
Traceback (most recent call last):
...
geoevents._errors.InvalidInputError: ev.csv, line 7: event_date '9999-12-31' is outside \
the dates an events frame can hold (1677-09-22 to 2262-04-11); correct the row or remove \
it from the file
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import os
import warnings
from pathlib import Path
from urllib.parse import urlsplit

from ._errors import GeoEventsWarning, InvalidInputError

__all__ = [
    "CLOCK_WORDS",
    "DATE_MAX",
    "DATE_MIN",
    "DATE_RANGE",
    "FORMULA_STARTS",
    "MAX_DAYS",
    "MAX_FATALITIES",
    "MAX_ROWS",
    "MAX_WORKERS",
    "checked_count",
    "checked_date",
    "checked_flag",
    "checked_number",
    "checked_path",
    "code_cell",
    "count_cell",
    "date_cell",
    "day_numbers",
    "holds_date",
    "holds_fatalities",
    "kept_url",
    "point_cell",
    "safe_url",
    "spreadsheet_safe",
    "warn_dropped_urls",
]

# ------------------------------------------------------------------ the limits, with reasons

# event_date is a datetime64[ns] column: pandas' nanosecond timestamps reach from
# 1677-09-21 00:12 to 2262-04-11 23:47, so these are the first and last whole days it holds
DATE_MIN = dt.date(1677, 9, 22)
DATE_MAX = dt.date(2262, 4, 11)
DATE_RANGE = f"{DATE_MIN} to {DATE_MAX}"
# a merge window longer than every date the frame can hold is no window: refused as a slip
MAX_DAYS = (DATE_MAX - DATE_MIN).days
# fatalities of ONE event: the deadliest rows of ACLED and UCDP GED count tens of thousands;
# ten million is far above any, and far below what float64, int64 and a browser's numbers
# hold exactly (2**53), so a larger count is a shifted cell or a typing slip, not a count
MAX_FATALITIES = 10_000_000
# words pandas reads as a date against the machine's clock: "now" in a file's date column
# would become the day the file is read, a different date each day
CLOCK_WORDS = frozenset({"now", "today", "tomorrow", "yesterday"})
# rows of one gazetteer look-up: the commonest place names (Andriivka, San Antonio) name
# a few thousand places at most; a million is far above any, so a larger limit is a slip
# (limit=None asks for every row)
MAX_ROWS = 1_000_000
# processes to read reports with: no machine this runs on has more than a few hundred
# cores, and each process holds its own copy of the gazetteer, so a larger number is a
# slip that would try to fork that many (it is refused, naming the argument)
MAX_WORKERS = 1024
# a spreadsheet runs a cell that starts with one of these as a formula (OWASP's CSV
# injection list: =, +, -, @, tab, carriage return); such text cells get a leading "'"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

FIX_ROW = "correct the row or remove it from the file"


# ------------------------------------------------------------------ arguments


def checked_flag(name: str, value, *, none: bool = False) -> bool | None:
    """``value`` as a bool: True or False (numpy's too); ``None`` too with ``none``."""
    if value is None and none:
        return None
    if isinstance(value, bool) or (
        type(value).__module__ == "numpy" and type(value).__name__ in ("bool", "bool_")
    ):
        return bool(value)
    also = " or None" if none else ""
    raise InvalidInputError(f"{name} must be True or False{also}, not {value!r}")


def checked_count(name: str, value, *, minimum: int = 0, maximum: int | None = None) -> int:
    """``value`` as a whole number in ``minimum``..``maximum`` (a bool is no number)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InvalidInputError(f"{name} must be a whole number, not {value!r}")
    value = int(value)
    if value < minimum or (maximum is not None and value > maximum):
        top = f" and at most {maximum:,}" if maximum is not None else ""
        raise InvalidInputError(f"{name} must be at least {minimum}{top}, not {value:,}")
    return value


def checked_number(name: str, value, *, above: bool = False) -> float:
    """``value`` as a finite float of 0 or more (more than 0 with ``above``).

    >>> checked_number("km", float("nan"))
    Traceback (most recent call last):
    ...
    geoevents._errors.InvalidInputError: km must be a finite number of 0 or more, not nan
    """
    what = "a positive number" if above else "a finite number of 0 or more"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidInputError(f"{name} must be {what}, not {value!r}")
    value = float(value)
    if not math.isfinite(value) or (value <= 0 if above else value < 0):
        raise InvalidInputError(f"{name} must be {what}, not {value!r}")
    return value


def checked_path(name: str, value) -> Path:
    """``value`` (a str or an ``os.PathLike`` of str) as a ``Path``."""
    if (isinstance(value, str) and value.strip()) or isinstance(value, os.PathLike):
        try:
            return Path(value).expanduser()
        except TypeError:  # a PathLike that gives bytes
            pass
    raise InvalidInputError(f"{name} must be a file path (a str or a Path), not {value!r}")


def holds_date(date: dt.date) -> bool:
    """Whether the events frame's ``event_date`` can hold ``date``."""
    return DATE_MIN <= date <= DATE_MAX


def holds_fatalities(count):
    """Whether ``count`` is a death toll one event can have: 0..:data:`MAX_FATALITIES`
    (NaN is none). ``count`` is a number or a NumPy array of them (then elementwise).

    Every check of fatalities asks here: a dataset's cell (:func:`count_cell`), a toll
    read from a report's text (the events frame) and a toll drawn on a map.

    >>> holds_fatalities(3), holds_fatalities(-1), holds_fatalities(1e30)
    (True, False, False)
    >>> import numpy as np
    >>> holds_fatalities(np.array([7.0, float("nan"), float("inf")])).tolist()
    [True, False, False]
    """
    return (count >= 0) & (count <= MAX_FATALITIES)


def checked_date(date: dt.date | None, what: str = "") -> dt.date | None:
    """``date`` if the events frame can hold it; ``what`` names it in the refusal.

    >>> checked_date(dt.date(1500, 5, 3), "published")
    Traceback (most recent call last):
    ...
    geoevents._errors.InvalidInputError: published '1500-05-03' is outside the dates an \
events frame can hold (1677-09-22 to 2262-04-11): give a date in that range
    """
    if date is not None and not holds_date(date):
        name = f"{what} " if what else ""
        raise InvalidInputError(f"{name}{date.isoformat()!r} is outside the dates an events "
                                f"frame can hold ({DATE_RANGE}): give a date in that "
                                "range")  # fmt: skip
    return date


# ------------------------------------------------------------------ cells of dataset files


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def date_cell(value, where: str, column: str) -> dt.date | None:
    """The date in a dataset cell (``None`` when empty); ``where`` is "file, line n"."""
    import pandas as pd

    text = _text(value)
    if not text:
        return None
    if text.lower() in CLOCK_WORDS:
        raise InvalidInputError(f"{where}: {column} {text!r} is a day relative to today, not "
                                "a date: write the date itself (e.g. 2022-05-02)")  # fmt: skip
    try:
        date = dt.date.fromisoformat(text[:10])  # any year, before pandas' own limits
    except ValueError:
        try:
            stamp = pd.Timestamp(text)
            date = None if stamp is pd.NaT else stamp.date()
        except (ValueError, TypeError, OverflowError, NotImplementedError):
            date = None  # pandas' own errors, and "-1", a year before Python's dates
        if date is None:
            raise InvalidInputError(f"{where}: cannot read date {text!r} in {column} (use e.g. "
                                    f"2022-05-02); {FIX_ROW}") from None  # fmt: skip
    if not holds_date(date):
        raise InvalidInputError(f"{where}: {column} {text!r} is outside the dates an events "
                                f"frame can hold ({DATE_RANGE}); {FIX_ROW}")  # fmt: skip
    return date


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def point_cell(lat, lon, where: str) -> tuple[float, float]:
    """(latitude, longitude) of a dataset row: finite, in [-90, 90] × [-180, 180]."""
    y, x = _float(_text(lat)), _float(_text(lon))
    if y is None or x is None or not (math.isfinite(y) and math.isfinite(x)):
        raise InvalidInputError(f"{where}: latitude/longitude are not numbers "
                                f"({_text(lat)!r}, {_text(lon)!r}); {FIX_ROW}")  # fmt: skip
    if not (-90 <= y <= 90 and -180 <= x <= 180):
        raise InvalidInputError(f"{where}: latitude/longitude ({y:g}, {x:g}) are outside "
                                f"[-90, 90] × [-180, 180]; {FIX_ROW}")  # fmt: skip
    return y, x


def count_cell(value, where: str, column: str) -> int | None:
    """Fatalities from a dataset cell ("3" or "3.0"): a whole number that
    :func:`holds_fatalities`; ``None`` when empty."""
    text = _text(value)
    if not text:
        return None
    number = _float(text)
    if number is None or not math.isfinite(number) or number != int(number):
        raise InvalidInputError(f"{where}: {column} {text!r} is not a whole number; {FIX_ROW}")
    if not holds_fatalities(number):
        raise InvalidInputError(f"{where}: {column} {text!r} is not in 0..{MAX_FATALITIES:,}; "
                                f"{FIX_ROW}")  # fmt: skip
    return int(number)


def code_cell(value, where: str, column: str, codes) -> int | None:
    """A code of a dataset's column (one of ``codes``); ``None`` when empty."""
    text = _text(value)
    if not text:
        return None
    number = _float(text)
    if number is None or not math.isfinite(number) or number not in codes:
        allowed = ", ".join(str(c) for c in sorted(codes))
        raise InvalidInputError(f"{where}: {column} {text!r} is not one of {allowed}; {FIX_ROW}")
    return int(number)


# ------------------------------------------------------------------ links


def safe_url(value) -> str | None:
    """The link when it is an absolute http(s) URL, else None: the only links geoevents
    keeps (a map makes links of them; "javascript:" would run in the page).

    Examples
    --------
    >>> safe_url("https://t.me/c/1/2"), safe_url("javascript:alert(1)"), safe_url("/a")
    ('https://t.me/c/1/2', None, None)
    """
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(c.isspace() or ord(c) < 32 for c in value):
        return None
    return value


def kept_url(value, where: str, dropped: list[str]) -> str | None:
    """``value`` when it is an http(s) URL (:func:`safe_url`), None when it is empty; any
    other link ("javascript:…", a file path, a relative link) is None too, and goes to
    ``dropped`` as "``where`` 'value'" for :func:`warn_dropped_urls`: never silently.

    >>> dropped = []
    >>> kept_url("javascript:alert(1)", "url", dropped), dropped
    (None, ["url 'javascript:alert(1)'"])
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    url = safe_url(value)
    if url is None:
        text = str(value)
        dropped.append(f"{where} {text if len(text) <= 80 else text[:79] + '…'!r}")
    return url


def warn_dropped_urls(dropped: list[str], field: str, *, stacklevel: int) -> None:
    """One :class:`GeoEventsWarning` naming the links :func:`kept_url` left out (none:
    no warning); ``field`` is the column left empty, ``stacklevel`` as for
    :func:`warnings.warn`, counted from the caller."""
    if not dropped:
        return
    n = len(dropped)
    shown = "; ".join(dropped[:5]) + (f" and {n - 5:,} more" if n > 5 else "")
    warnings.warn(f"{field} left empty where the url is no http(s) link (only http and https "
                  f"links are kept): {shown}", GeoEventsWarning,
                  stacklevel=stacklevel + 1)  # fmt: skip


# ------------------------------------------------------------------ output


def spreadsheet_safe(frame):
    """A copy of ``frame`` whose text cells a spreadsheet cannot run: a cell that starts
    with =, +, -, @, a tab or a carriage return gets a leading single quote (OWASP's
    advice against CSV injection). Numbers and dates are left as they are.

    Examples
    --------
    >>> import pandas as pd
    >>> spreadsheet_safe(pd.DataFrame({"notes": ["=1+1", "ok"], "n": [-3, 4]})).values.tolist()
    [["'=1+1", -3], ['ok', 4]]
    """
    import pandas as pd

    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if not (values.dtype == object or pd.api.types.is_string_dtype(values.dtype)):
            continue
        risky = values.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_STARTS))
        risky = risky.fillna(False).astype(bool)
        if risky.any():
            out.loc[risky, column] = "'" + values[risky]
    return out


def day_numbers(values) -> tuple:
    """(days since 1970-01-01, dated, how many given values are no date) of a column of
    dates; an undated row's day number is 0. A date with a time zone counts on its own
    calendar day, as written ("2023-05-01T01:00+03:00" is 1 May), whatever the other
    rows' zones: the maps, ``events_in_areas`` and ``control_view`` all read days so.

    >>> import pandas as pd
    >>> day_numbers(pd.Series(["1970-01-03", None, "soon", "1970-01-02T01:00+03:00"]))[0]
    array([2, 0, 0, 1])
    """
    import numpy as np
    import pandas as pd

    unreadable = 0
    if not pd.api.types.is_datetime64_any_dtype(values):
        given = values.notna().to_numpy()
        cells = values.astype(object)
        try:
            values = pd.to_datetime(cells, errors="coerce", format="mixed")
        except ValueError:  # zones differ from row to row: each row on its own day
            values = pd.Series([_wall_time(v) for v in cells], index=cells.index,
                               dtype="datetime64[ns]")  # fmt: skip
        unreadable = int((given & values.isna().to_numpy()).sum())
    if getattr(values.dt, "tz", None) is not None:
        values = values.dt.tz_localize(None)
    stamps = values.to_numpy()  # in the column's own unit: year 9999 fits in seconds
    dated = ~np.isnat(stamps)
    days = np.zeros(len(values), dtype=np.int64)
    days[dated] = stamps[dated].astype("datetime64[D]").astype(np.int64)
    return days, dated, unreadable


def _wall_time(value):
    """One cell as a zone-less timestamp of its own clock; NaT when no date."""
    import pandas as pd

    stamp = pd.to_datetime(value, errors="coerce")
    if stamp is pd.NaT or not isinstance(stamp, pd.Timestamp):
        return pd.NaT
    return stamp.tz_localize(None) if stamp.tz is not None else stamp
