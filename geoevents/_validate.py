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
  number in 0..:data:`MAX_FATALITIES`, a precision code the dataset does not define),
  or a value that could be read more than one way (a date not written YYYY-MM-DD or
  "3 May 2022", a number not written in digits: "1_000", "infinity"): the file is
  refused, naming the file, the line, the column and the value;
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
import decimal
import math
import numbers
import os
import re
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
    "not_a_path",
    "number_text",
    "path_text",
    "point_cell",
    "safe_url",
    "spreadsheet_safe",
    "warn_dropped_urls",
    "whole_cell",
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

# a date cell of a dataset file is read strictly, as ISO 8601 (YYYY-MM-DD, which ACLED and
# UCDP GED write) with an optional valid time of day ("2022-09-10 00:00:00.000"): pandas'
# lenient reader took "2022-05-03 garbage", "2022-05-03T25:99" and "2022-05-03/2022-05-09"
# for 3 May, "2022" for 1 January, and all-number dates month first or day first as each
# row's numbers allowed ("05/12/2022" 12 May, "13/05/2022" 13 May); the day is the
# calendar day as written, whatever the zone
_ISO_CELL = re.compile(
    r"(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})"
    r"(?:[T ](?P<H>[0-9]{2}):(?P<M>[0-9]{2})(?::(?P<S>[0-9]{2})(?:\.[0-9]{1,9})?)?"
    r"(?:Z|[+-](?P<zh>[0-9]{2}):?(?P<zm>[0-9]{2}))?)?"
)
# and a day, an English month's name or abbreviation and a four-digit year, as ACLED's
# older exports and spreadsheets write them ("02 May 2022", "3-May-2022", "3 Sept. 2022");
# a two-digit year ("3-May-22") is refused: ACLED reaches back to 1997, so it names no
# century by itself
_NAMED_MONTH_CELL = re.compile(
    r"(?P<d>[0-9]{1,2})(?P<sep>[ -])(?P<mon>[A-Za-z]{3,9})\.?(?P=sep)(?P<y>[0-9]{4})"
)
# what a refused date cell is told to become: the one form every tool writes and reads alike
FIX_DATE = "give dates as YYYY-MM-DD (e.g. 2022-05-02)"
# a number cell is digits, a decimal point and an exponent, and nothing else: Python's
# float() and int() also take "4_6.48" (46.48), "1_000", "infinity", "nan" and digits of
# other scripts ("٤٦"), which no dataset writes for a number: a slip, or a damaged cell
_NUMBER_CELL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


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
    """``value`` (any real number, a ``Decimal`` too) as a finite float of 0 or more
    (more than 0 with ``above``).

    >>> checked_number("km", float("nan"))
    Traceback (most recent call last):
    ...
    geoevents._errors.InvalidInputError: km must be a finite number of 0 or more, not nan
    """
    what = "a positive number" if above else "a finite number of 0 or more"
    if isinstance(value, decimal.Decimal) and value.is_finite():
        value = float(value)  # a Decimal is no numbers.Real, but a number all the same
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidInputError(f"{name} must be {what}, not {value!r}")
    value = float(value)
    if not math.isfinite(value) or (value <= 0 if above else value < 0):
        raise InvalidInputError(f"{name} must be {what}, not {value!r}")
    return value


def path_text(value) -> str | None:
    """``value`` as a path's text when it is one: a str or any ``os.PathLike`` of str (a
    ``Path``, a ``PurePosixPath``); None for anything else, a blank str, and bytes (whose
    decoding is the caller's to choose: ``os.fsdecode``).

    >>> from pathlib import PurePosixPath
    >>> path_text(PurePosixPath("reports/a.txt")), path_text(b"a.txt"), path_text("  ")
    ('reports/a.txt', None, None)
    """
    if isinstance(value, os.PathLike):
        try:
            value = os.fspath(value)
        except TypeError:  # a __fspath__ that gives neither str nor bytes
            return None
    if isinstance(value, str) and value.strip():
        return value
    return None


def not_a_path(name: str, value) -> str:
    """The message that refuses ``value`` as the path ``name``; bytes are told to decode.

    >>> not_a_path("path", b"ev.csv")
    "path must be a file path (a str or an os.PathLike such as a Path), not bytes \
(b'ev.csv'): decode it first, e.g. with os.fsdecode()"
    """
    what = "must be a file path (a str or an os.PathLike such as a Path)"
    try:
        given = os.fspath(value) if isinstance(value, os.PathLike) else value
    except TypeError:
        given = None
    if isinstance(given, (bytes, bytearray)):
        return f"{name} {what}, not bytes ({value!r}): decode it first, e.g. with os.fsdecode()"
    return f"{name} {what}, not {value!r}"


def checked_path(name: str, value) -> Path:
    """``value`` (a str or an ``os.PathLike``: :func:`path_text`) as a ``Path``."""
    text = path_text(value)
    if text is None:
        raise InvalidInputError(not_a_path(name, value))
    return Path(text).expanduser()


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


def _iso_cell(text: str) -> dt.date | None:
    """The calendar day of an ISO date cell with an optional valid time; None when
    ``text`` is no such cell (a date that does not exist, "2022-02-30", is none)."""
    found = _ISO_CELL.fullmatch(text)
    if found is None:
        return None
    hour, minute, second = (int(found.group(g) or 0) for g in ("H", "M", "S"))
    zone_h, zone_m = int(found.group("zh") or 0), int(found.group("zm") or 0)
    if hour > 23 or minute > 59 or second > 59 or zone_h > 23 or zone_m > 59:
        return None
    return _day(int(found.group("y")), int(found.group("m")), int(found.group("d")))


def _named_month_cell(text: str) -> dt.date | None:
    """The day of a "3 May 2022" or "03-May-2022" cell; None when ``text`` is none."""
    from ._lexicon import MONTHS

    found = _NAMED_MONTH_CELL.fullmatch(text)
    month = MONTHS.get(found.group("mon").lower()) if found else None
    if month is None:
        return None
    return _day(int(found.group("y")), month, int(found.group("d")))


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # no such day, or year 0
        return None


def date_cell(value, where: str, column: str) -> dt.date | None:
    """The date in a dataset cell (``None`` when empty); ``where`` is "file, line n".

    Read strictly: ``YYYY-MM-DD`` with an optional valid time ("2022-05-03T07:00:00",
    "2022-05-03 00:00:00.000"), or a day, a month's name and a four-digit year ("3 May
    2022", "03-May-2022"). Anything else is refused, naming the cell: all-number dates
    whose day and month could be either way round, two-digit years, ranges, a year alone.

    >>> date_cell("2022-05-03 00:00:00", "ev.csv, line 2", "event_date")
    datetime.date(2022, 5, 3)
    >>> date_cell("03-May-2022", "ev.csv, line 3", "event_date")
    datetime.date(2022, 5, 3)
    >>> date_cell("05/03/2022", "ev.csv, line 4", "event_date")
    Traceback (most recent call last):
    ...
    geoevents._errors.InvalidInputError: ev.csv, line 4: cannot read date '05/03/2022' in \
event_date: give dates as YYYY-MM-DD (e.g. 2022-05-02); correct the row or remove it from \
the file
    """
    text = _text(value)
    if not text:
        return None
    if text.lower() in CLOCK_WORDS:
        raise InvalidInputError(f"{where}: {column} {text!r} is a day relative to today, not "
                                "a date: write the date itself (e.g. 2022-05-02)")  # fmt: skip
    date = _iso_cell(text) or _named_month_cell(text)
    if date is None:
        shown = text if len(text) <= 80 else text[:79] + "…"
        raise InvalidInputError(f"{where}: cannot read date {shown!r} in {column}: "
                                f"{FIX_DATE}; {FIX_ROW}")  # fmt: skip
    if not holds_date(date):
        raise InvalidInputError(f"{where}: {column} {text!r} is outside the dates an events "
                                f"frame can hold ({DATE_RANGE}); {FIX_ROW}")  # fmt: skip
    return date


def number_text(text: str) -> float | None:
    """``text`` as a float when it is a number written in ASCII digits (an optional sign,
    a decimal point, an exponent); None for anything else, "nan", "inf", "1_000" too.

    >>> number_text("46.48"), number_text("1e3"), number_text("4_6.48"), number_text("nan")
    (46.48, 1000.0, None, None)
    """
    if _NUMBER_CELL.fullmatch(text) is None:
        return None
    return float(text)


def point_cell(lat, lon, where: str) -> tuple[float, float]:
    """(latitude, longitude) of a dataset row: finite, in [-90, 90] × [-180, 180]."""
    y, x = number_text(_text(lat)), number_text(_text(lon))
    if y is None or x is None or not (math.isfinite(y) and math.isfinite(x)):
        raise InvalidInputError(f"{where}: latitude/longitude are not numbers written in "
                                f"digits ({_text(lat)!r}, {_text(lon)!r}); {FIX_ROW}")  # fmt: skip
    if not (-90 <= y <= 90 and -180 <= x <= 180):
        raise InvalidInputError(f"{where}: latitude/longitude ({y:g}, {x:g}) are outside "
                                f"[-90, 90] × [-180, 180]; {FIX_ROW}")  # fmt: skip
    return y, x


def whole_cell(value, where: str, column: str) -> int | None:
    """A whole number written in digits in a dataset cell ("804" or "804.0"); ``None``
    when empty.

    >>> whole_cell("804.0", "ev.csv, line 2", "iso")
    804
    """
    text = _text(value)
    if not text:
        return None
    number = number_text(text)
    if number is None or not math.isfinite(number) or number != int(number):
        raise InvalidInputError(f"{where}: {column} {text!r} is not a whole number written "
                                f"in digits (e.g. 3); {FIX_ROW}")  # fmt: skip
    return int(number)


def count_cell(value, where: str, column: str) -> int | None:
    """Fatalities from a dataset cell ("3" or "3.0"): a whole number (:func:`whole_cell`)
    that :func:`holds_fatalities`; ``None`` when empty."""
    number = whole_cell(value, where, column)
    if number is not None and not holds_fatalities(number):
        raise InvalidInputError(f"{where}: {column} {_text(value)!r} is not in "
                                f"0..{MAX_FATALITIES:,}; {FIX_ROW}")  # fmt: skip
    return number


def code_cell(value, where: str, column: str, codes) -> int | None:
    """A code of a dataset's column (one of ``codes``); ``None`` when empty."""
    text = _text(value)
    if not text:
        return None
    number = number_text(text)
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
    rows' zones: the maps, ``events_in_areas``, ``control_view``, ``merge_events`` and
    ``compare_events`` all read days so. A number is no date (pandas would read 20220502
    as nanoseconds after 1970): a column of numbers is refused, naming the column, and a
    number among other cells counts as no date.

    >>> import pandas as pd
    >>> day_numbers(pd.Series(["1970-01-03", None, "soon", "1970-01-02T01:00+03:00"]))[0]
    array([2, 0, 0, 1])
    >>> day_numbers(pd.Series([20220502], name="event_date"))
    Traceback (most recent call last):
    ...
    geoevents._errors.InvalidInputError: column 'event_date' holds numbers (int64), not \
dates: give dates such as 2022-05-02 (numbers such as 20220502 are read by \
pd.to_datetime(column.astype(str), format='%Y%m%d'))
    """
    import numpy as np
    import pandas as pd

    if pd.api.types.is_numeric_dtype(values.dtype) and values.notna().any():
        column = "the date column" if values.name is None else f"column {values.name!r}"
        raise InvalidInputError(f"{column} holds numbers ({values.dtype}), not dates: give "
                                "dates such as 2022-05-02 (numbers such as 20220502 are read "
                                "by pd.to_datetime(column.astype(str), "
                                "format='%Y%m%d'))")  # fmt: skip
    unreadable = 0
    if not pd.api.types.is_datetime64_any_dtype(values):
        given = values.notna().to_numpy()
        # a number is no date (pandas reads it as nanoseconds): counted as none; a date
        # with a zone as its own clock's, before pandas drops the ones whose zone differs
        cells = pd.Series([None if isinstance(v, numbers.Number) else v.replace(tzinfo=None)
                           if isinstance(v, dt.datetime) and v.tzinfo is not None else v
                           for v in values.astype(object)], index=values.index,
                          dtype=object)  # fmt: skip
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
