"""When: date expressions in report text, resolved against the publication date.

``find_dates(text, start, end, published)`` returns each expression with the date it
names and its precision (1 day, 2 week, 3 month), following ACLED's
``time_precision``. Explicit dates are read day first ("02/05/2022" is 2 May).
Relative expressions ("on Tuesday", "yesterday", "overnight", "in the past 24
hours", "last week") need ``published``; without it they give no date (``None``),
never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from .._lexicon import MONTHS, words_pattern

__all__ = ["DateMention", "event_date", "find_dates", "parse_published"]

WEEKDAYS = {d: i for i, d in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}  # fmt: skip

_MONTH = rf"(?:{words_pattern(frozenset(MONTHS))})\.?"
_PATTERNS = [
    ("iso", r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    ("dmy_num", r"\b(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4}|\d{2})\b"),
    (
        "d_month_y",
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH})(?:,?\s+(?P<y>\d{{4}}))?\b",
    ),
    (
        "month_d_y",
        rf"\b(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?\b",
    ),
    (
        "weekday",
        r"\b(?:(?P<last>last|this|on|early|late)\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s)?\b",
    ),
    ("yesterday", r"\b(?:yesterday|last night|overnight|the previous day|the day before)\b"),
    ("today", r"\b(?:today|tonight|this morning|this afternoon|this evening|earlier today)\b"),
    (
        "past24",
        r"\b(?:in|over|during) the (?:past|last) (?:24|twenty-four) hours\b|\bover the past day\b",
    ),
    (
        "lastweek",
        r"\b(?:last week|past week|this week|earlier this week|over the past week|"
        r"in recent days|in the past few days)\b",
    ),
    ("month_y", rf"\b(?:in\s+)?(?P<mon>{_MONTH})\s+(?P<y>\d{{4}})\b"),
]


def _prefixed(kind: str, pattern: str) -> str:
    """Rename the pattern's groups to ``<kind>_<name>``: group names must be unique."""
    return re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{kind}_{m.group(1)}>", pattern)


# every pattern starts at a word boundary: saying so once up front lets the engine skip
# the middle of words without trying each pattern there
_REGEX = re.compile(
    r"\b(?:" + "|".join(f"(?P<{k}>{_prefixed(k, p)})" for k, p in _PATTERNS) + ")", re.IGNORECASE
)


_GROUP_NAMES = {k: re.findall(r"\(\?P<(\w+)>", p) for k, p in _PATTERNS}


def _groups(m: re.Match) -> dict[str, str]:
    """The named groups of the alternative that matched, without their prefix."""
    kind = m.lastgroup
    out = {}
    for name in _GROUP_NAMES[kind]:
        value = m.group(f"{kind}_{name}")
        if value:
            out[name] = value
    return out


class DateMention(NamedTuple):
    start: int
    end: int
    date: dt.date | None  # None: relative, and no publication date to resolve it
    precision: int  # 1 day, 2 week, 3 month
    relative: bool


def parse_published(value) -> dt.date | None:
    """A publication date from a str, date, datetime or pandas Timestamp (``None`` for
    missing). Raises ``ValueError`` naming the value when it cannot be read."""
    if value is None:
        return None
    try:
        import pandas as pd

        if value is pd.NaT or (isinstance(value, float) and value != value):
            return None
    except ImportError:  # pragma: no cover
        pass
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            pass
        found = _REGEX.search(text)
        if found and found.lastgroup in ("iso", "dmy_num", "d_month_y", "month_d_y"):
            date = _explicit(found, None)
            if date is not None:
                return date
        try:
            import pandas as pd

            return pd.Timestamp(text).date()
        except (ValueError, TypeError, OverflowError):
            pass
    raise ValueError(f"cannot read {value!r} as a date (use e.g. 2022-04-26)")


def _year(y: str | None, month: int, day: int, published: dt.date | None) -> int | None:
    if y:
        year = int(y)
        return year + 2000 if year < 100 else year
    if published is None:
        return None
    year = published.year
    try:
        if dt.date(year, month, day) > published + dt.timedelta(days=1):
            year -= 1  # "26 December" in a January report is last December
    except ValueError:
        return None
    return year


def _explicit(m: re.Match, published: dt.date | None) -> dt.date | None:
    kind = m.lastgroup
    g = _groups(m)
    try:
        if kind == "iso":
            return dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
        if kind == "dmy_num":
            year = int(g["y"])
            return dt.date(year + 2000 if year < 100 else year, int(g["m"]), int(g["d"]))
        month = MONTHS[g["mon"].lower().rstrip(".")]
        day = int(g["d"])
        year = _year(g.get("y"), month, day, published)
        return None if year is None else dt.date(year, month, day)
    except (ValueError, KeyError):
        return None


def find_dates(text: str, start: int, end: int, published: dt.date | None) -> list[DateMention]:
    """Date expressions in ``text[start:end]``, resolved against ``published``.

    Examples
    --------
    >>> import datetime as dt
    >>> pub = dt.date(2022, 4, 26)  # a Tuesday
    >>> [(d.date.isoformat(), d.precision) for d in
    ...  find_dates("Shelling on Sunday and on 2 May 2022, and last week.", 0, 53, pub)]
    [('2022-04-24', 1), ('2022-05-02', 1), ('2022-04-19', 2)]
    """
    out = []
    for m in _REGEX.finditer(text, start, end):
        kind = m.lastgroup
        g = _groups(m)
        if kind in ("iso", "dmy_num", "d_month_y", "month_d_y"):
            if (
                kind == "d_month_y"
                and "y" not in g
                and "May" not in m.group(0)
                and g.get("mon", "").lower() == "may"
            ):
                continue  # "5 may": more often a verb than a month
            date = _explicit(m, published)
            relative = "y" not in g
            if date is None and not relative:
                continue
            out.append(DateMention(m.start(), m.end(), date, 1, relative))
        elif kind == "month_y":
            try:
                month = MONTHS[g["mon"].lower().rstrip(".")]
                date = dt.date(int(g["y"]), month, 1)
            except (ValueError, KeyError):
                continue
            out.append(DateMention(m.start(), m.end(), date, 3, False))
        elif kind == "weekday":
            wd = WEEKDAYS[g["wd"].lower()]
            date = None
            if published is not None:
                back = (published.weekday() - wd) % 7
                if g.get("last", "").lower() == "last" and back == 0:
                    back = 7
                date = published - dt.timedelta(days=back)
            out.append(DateMention(m.start(), m.end(), date, 1, True))
        else:
            offset, precision = {"yesterday": (1, 1), "today": (0, 1), "past24": (0, 1),
                                 "lastweek": (7, 2)}[kind]  # fmt: skip
            date = None if published is None else published - dt.timedelta(days=offset)
            out.append(DateMention(m.start(), m.end(), date, precision, True))
    return out


def event_date(dates: list[DateMention], lead_date: DateMention | None, report, at: int,
               warn: list[str]) -> tuple[dt.date | None, int]:  # fmt: skip
    """(date, time precision) of an event whose trigger starts at ``at``: the date
    named nearest to it in its sentence (``dates``), else the report's lead date, else
    the publication date at week precision. A report whose event keeps no date for
    want of a publication date is added to ``warn``."""
    if dates:
        d = min(dates, key=lambda x: abs(x.start - at))
    elif lead_date is not None:
        d = lead_date
    else:
        if report.published is None:
            warn.append(report.article_id)
            return None, 2
        return report.published, 2
    if d.date is None:
        warn.append(report.article_id)
    return d.date, d.precision
