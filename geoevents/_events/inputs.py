"""Inputs: a text, a record, a frame of reports or a list of them in, checked reports out.

A report's text is ``str``: bytes are refused, naming the item, with the advice to
decode them (their encoding is the caller's to know). A publication date given as text
is a date or a timestamp and nothing more ("2022-05-04", "2022-05-04T07:00:00+03:00",
"4 May 2022", "26 квітня 2022 року"): "2022-05-04garbage" or "2022-05-04T25:00" is
refused rather than read as 2022-05-04; None, NaN, NaT and ``pd.NA`` are no date, and a
NumPy ``datetime64`` is its calendar day. A refusal names the row or item, and its
article_id when it has one. A url that is no http(s) link ("javascript:…") is left
empty, with one warning that names it, as :func:`geoevents.read_articles` does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import warnings
from collections.abc import Iterable, Mapping

from .._cache import BoundedCache
from .._decoding import clean_text, readable
from .._errors import GeoEventsWarning, InvalidInputError
from .._frames import checked_frame, is_missing
from .._geoparse.language import checked_language
from .._validate import DATE_RANGE, checked_date, holds_date, kept_url, warn_dropped_urls
from . import dates as _dates
from .records import Report

__all__ = ["published_date", "reports_of"]

# a published text must be a date and nothing more: the lenient reader takes an ISO
# date's first ten characters and finds a date in words anywhere in a text, so a damaged
# field ("2022-05-04garbage", "2022-05-04T25:00") would pass as 2022-05-04
_ISO_START = re.compile(r"[+-]?\d{4}-\d{1,2}-\d{1,2}")
_AROUND_DATE = " \t\r\n,;"
_TOO_LONG_ID = 80  # characters of an article_id shown in a message
_NOT_TEXT = (bytes, bytearray, memoryview)
_DECODE = "decode them first (e.g. data.decode('utf-8'))"


def _article_id(text: str) -> str:
    return "a" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:11]


def _clean(value) -> str | None:
    if is_missing(value):
        return None
    text = str(value).strip()
    return text or None


def _numpy_day(value) -> dt.date:
    """The calendar day of a NumPy datetime64, if the events frame can hold it."""
    day = value.astype("datetime64[D]")
    date = day.item()  # a date, or an int when the year is one Python has no date for
    if not (isinstance(date, dt.date) and holds_date(date)):
        raise InvalidInputError(f"{str(day)!r} is outside the dates an events frame can hold "
                                f"({DATE_RANGE}): give a date in that range")  # fmt: skip
    return date


def _whole_date(text: str) -> bool:
    """Whether ``text`` is a date or a timestamp and nothing else."""
    import pandas as pd

    text = text.strip(_AROUND_DATE)
    try:
        dt.datetime.fromisoformat(text)
        return True
    except ValueError:
        pass
    try:
        pd.Timestamp(text)  # "2022-05-04 07:00 UTC", "4 May 2022", "Wed, 04 May 2022 …"
        return True
    except (ValueError, TypeError, OverflowError, NotImplementedError):
        pass
    if _ISO_START.match(text):
        return False  # an ISO date with something after it that is no time
    # a date in words the reader knows ("26 квітня 2022 року"), and nothing more
    return bool(_dates._REGEX.fullmatch(text) or _dates._CYR_REGEX.fullmatch(text))


def published_date(value) -> dt.date | None:
    """A publication date (``None`` when missing: None, NaN, NaT, ``pd.NA``), read
    strictly: text must be a date or a timestamp and nothing more ("NaT" or "nan" as
    text is refused, as any text that names no date is); a ``datetime64`` is its calendar
    day. Raises ``ValueError`` (an :class:`InvalidInputError` when the date is outside
    what the events frame holds) that says what is wrong.

    >>> import numpy as np, pandas as pd
    >>> published_date("2022-05-04T07:00:00+03:00"), published_date(pd.NA)
    (datetime.date(2022, 5, 4), None)
    >>> published_date(np.datetime64("2022-05-04T23:30"))
    datetime.date(2022, 5, 4)
    >>> published_date("2022-05-04T25:00")
    Traceback (most recent call last):
    ...
    ValueError: cannot read '2022-05-04T25:00' as a date: it is not a date or a timestamp \
and nothing more (use e.g. 2022-04-26 or 2022-04-26T07:00:00+03:00)
    """
    import numpy as np
    import pandas as pd

    if is_missing(value):
        return None
    if isinstance(value, np.datetime64):
        return _numpy_day(value)
    date = _dates.parse_published(value)
    if date is pd.NaT:  # text that pandas reads as "no date": "NaT", "nan"
        raise ValueError(f"cannot read {str(value)[:100]!r} as a date: it names no date (leave "
                         "it empty when there is none, or use e.g. 2022-04-26)")  # fmt: skip
    if date is not None and isinstance(value, str) and not _whole_date(value):
        raise ValueError(f"cannot read {value[:100]!r} as a date: it is not a date or a "
                         "timestamp and nothing more (use e.g. 2022-04-26 or "
                         "2022-04-26T07:00:00+03:00)")  # fmt: skip
    return checked_date(date)


def _published(value, where: str) -> dt.date | None:
    if isinstance(value, str):  # a frame of notes often shares a handful of dates
        found = _PUBLISHED_SEEN.get(value)
        if found is not None:
            return found
    try:
        date = published_date(value)
    except ValueError as exc:
        raise InvalidInputError(f"{where}: published {exc}") from None
    if isinstance(value, str) and date is not None:
        _PUBLISHED_SEEN.put(value, date)
    return date


_PUBLISHED_SEEN = BoundedCache(10_000)


def _without_surrogates(reports: list[Report]) -> list[Report]:
    """The reports with each lone surrogate (half of a character pair: no character, and
    nothing a UTF-8 output can hold) read as U+FFFD, and one warning naming them; and
    each control character of a text that is no whitespace (NUL, ESC...) read as a
    space, as the geoparser reads it: it parts words and sentences as the space it
    stands for does (notes, whose whitespace is one space, show it so); invisible
    format characters (a soft hyphen, a zero-width joiner, a byte-order mark) are read
    as nothing and a zero-width space as a space (see :func:`~geoevents._decoding.readable`)."""
    named = []
    for i, report in enumerate(reports):
        report.text = readable(report.text)[0]  # its article_id is the text's as given
        replaced = 0
        for field in ("article_id", "text", "source", "url"):
            value = getattr(report, field)
            if isinstance(value, str):
                clean, n = clean_text(value, "", "replace")
                if n:
                    setattr(report, field, clean)
                    replaced += n
        if replaced:
            named.append(f"report {i}")
    if named:
        shown = ", ".join(named[:5]) + (f" and {len(named) - 5:,} more" if len(named) > 5 else "")
        warnings.warn(f"lone surrogates (half of a character pair, which no UTF-8 output "
                      f"can hold) read as U+FFFD in {shown}", GeoEventsWarning,
                      stacklevel=4)  # fmt: skip
    return reports


def _named(where: str, record) -> str:
    """``where`` ("row 3") with the record's article_id, which names its report (and,
    for a report read from a file, the file): "row 3 (article_id 'date9999-1a2b3c')"."""
    aid = _clean(record.get("article_id"))
    if aid is None:
        return where
    shown = aid if len(aid) <= _TOO_LONG_ID else aid[: _TOO_LONG_ID - 1] + "…"
    return f"{where} (article_id {shown!r})"


def reports_of(items, *, published, source, url) -> list[Report]:
    default_pub = _published(published, "argument")
    if source is not None and not isinstance(source, str):
        raise InvalidInputError(f"source must be a str, not {type(source).__name__}")
    if url is not None and not isinstance(url, str):
        raise InvalidInputError(f"url must be a str, not {type(url).__name__}")
    dropped: list[str] = []  # links that are no http(s) URL: left empty, with a warning
    url = kept_url(url, "url", dropped)

    def record(obj, where: str) -> Report:
        if isinstance(obj, str):
            return Report(_article_id(obj), obj, default_pub, source, url)
        if isinstance(obj, _NOT_TEXT):
            raise InvalidInputError(f"{where}: a report is {type(obj).__name__}, not text "
                                    f"(str): {_DECODE}")  # fmt: skip
        if isinstance(obj, Mapping):
            where = _named(where, obj)
            if "text" not in obj:
                raise InvalidInputError(f"{where}: no 'text' field (fields: {sorted(obj)})")
            text = obj["text"]
            if text is None or (isinstance(text, float) and math.isnan(text)):
                text = ""
            if isinstance(text, _NOT_TEXT):
                raise InvalidInputError(f"{where}: text is {type(text).__name__}, not text "
                                        f"(str): {_DECODE}")  # fmt: skip
            if not isinstance(text, str):
                raise InvalidInputError(f"{where}: text must be a str, not {type(text).__name__}")
            pub = obj.get("published")
            pub = _published(pub, where) if _clean(pub) is not None else default_pub
            aid = _clean(obj.get("article_id")) or _article_id(text)
            lang = _clean(obj.get("lang"))
            if lang is not None:
                try:
                    lang = checked_language(str(lang))
                except InvalidInputError as err:
                    raise InvalidInputError(f"{where}: {err}") from None
            own = _clean(obj.get("url"))
            link = url if own is None else kept_url(own, f"{where}: url", dropped)
            return Report(aid, text, pub, _clean(obj.get("source")) or source, link, lang)
        raise InvalidInputError(
            f"{where}: expected a report text (str) or a record with a 'text' field, "
            f"not {type(obj).__name__}"
        )

    if hasattr(items, "columns") and hasattr(items, "to_dict"):  # a DataFrame
        checked_frame(items, "items")  # two 'text' columns: which to read is unclear
        if "text" not in items.columns:
            raise InvalidInputError(
                f"the frame has no 'text' column (columns: {list(items.columns)})"
            )
        rows = items.to_dict(orient="records")
        reports = [record(row, f"row {i}") for i, row in enumerate(rows)]
    elif isinstance(items, (str, Mapping)):
        reports = [record(items, "report")]
    elif isinstance(items, _NOT_TEXT):
        raise InvalidInputError(f"reports must be text (str), not {type(items).__name__}: "
                                f"{_DECODE}")  # fmt: skip
    elif isinstance(items, Iterable):
        reports = [record(obj, f"item {i}") for i, obj in enumerate(items)]
    else:
        raise InvalidInputError(
            f"expected a report text, a record, a frame of reports or a list of them, "
            f"not {type(items).__name__}"
        )
    warn_dropped_urls(dropped, "source_url", stacklevel=3)
    return _without_surrogates(reports)
