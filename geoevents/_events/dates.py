"""When: date expressions in report text, resolved against the publication date.

``find_dates(text, start, end, published)`` returns each expression with the date it
names and its precision (1 day, 2 week, 3 month), following ACLED's
``time_precision``. Explicit dates are read day first ("02/05/2022" is 2 May).
Relative expressions ("on Tuesday", "yesterday", "overnight", "in the past 24
hours", "last week") need ``published``; without it they give no date (``None``),
never a guess.

Ukrainian and Russian dates are read the same way, in text that has Cyrillic letters:
"26 квітня", "26 апреля 2022 года", "у квітні 2022", "вчора", "позавчера" (two days
before), "минулої ночі", "у понеділок", "в прошлую среду", and "в ночь на 5 мая" (the
night before 5 May: dated 4 May, the day it began, as "overnight" in a report of 5 May).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from .._lexicon import MONTHS, words_pattern
from .._validate import CLOCK_WORDS
from .quick import QuickTest, folded
from .rules import CYRILLIC

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
# the words every match of _REGEX holds (a digit, "yesterday", a weekday...): a
# sentence without one has no date, and is not read with _REGEX (see quick)
_DATE_WORDS = QuickTest(_REGEX)

# ------------------------------------------------------------ Ukrainian and Russian

# Month names as a date writes them: genitive after a day ("26 квітня", "26 апреля"),
# nominative in a heading ("квітень 2022"), locative after "у", "в" ("у квітні 2022",
# "в апреле 2022"). Ukrainian twelve, then Russian twelve.
_CYRILLIC_MONTH_FORMS = (
    "січня січень січні", "лютого лютий лютому", "березня березень березні",
    "квітня квітень квітні", "травня травень травні", "червня червень червні",
    "липня липень липні", "серпня серпень серпні", "вересня вересень вересні",
    "жовтня жовтень жовтні", "листопада листопад листопаді", "грудня грудень грудні",
    "января январь январе", "февраля февраль феврале", "марта март марте",
    "апреля апрель апреле", "мая май мае", "июня июнь июне", "июля июль июле",
    "августа август августе", "сентября сентябрь сентябре", "октября октябрь октябре",
    "ноября ноябрь ноябре", "декабря декабрь декабре",
)  # fmt: skip
CYRILLIC_MONTHS = {form: i % 12 + 1 for i, forms in enumerate(_CYRILLIC_MONTH_FORMS)
                   for form in forms.split()}  # fmt: skip
# Weekdays: nominative, accusative after "у", "в" ("у середу", "в среду"), genitive after
# "минулого", "минулої" ("минулої п'ятниці"). Written here without the Ukrainian
# apostrophe, which texts write as ', ’, ʼ or not at all.
_CYRILLIC_WEEKDAY_FORMS = (
    "понеділок понеділка", "вівторок вівторка", "середа середу середи", "четвер четверга",
    "пятниця пятницю пятниці", "субота суботу суботи", "неділя неділю неділі",
    "понедельник понедельника", "вторник вторника", "среда среду среды", "четверг четверга",
    "пятница пятницу пятницы", "суббота субботу субботы", "воскресенье воскресенья",
)  # fmt: skip
CYRILLIC_WEEKDAYS = {form: i % 7 for i, forms in enumerate(_CYRILLIC_WEEKDAY_FORMS)
                     for form in forms.split()}  # fmt: skip
_APOSTROPHE = re.compile(r"['’ʼ]")

_CYR_MONTH = f"(?:{words_pattern(frozenset(CYRILLIC_MONTHS))})"
_CYR_WEEKDAY = "(?:" + words_pattern(frozenset(CYRILLIC_WEEKDAYS)).replace("пят", "п['’ʼ]?ят") + ")"
_CYR_YEAR = r"(?:\s+(?P<y>\d{4})\b(?:\s+(?:року|рік|году|года)\b|\s*(?:р|г)\.)?)?"
_CYR_DAY_MONTH = rf"(?P<d>\d{{1,2}})(?:-?го)?\s+(?P<mon>{_CYR_MONTH})\b" + _CYR_YEAR
# "у ніч на 5 травня", "в ночь с 4 на 5 мая", "у ніч проти неділі"
_CYR_NIGHT = (
    r"(?:у|в)\s+(?:ніч|ночь)\s+"
    rf"(?:(?:з|із|с)\s+\d{{1,2}}(?:-?го)?(?:\s+{_CYR_MONTH})?\s+)?(?:на|проти)\s+"
)
# before a weekday a word must say it is one: "среда" is also the environment
_CYR_WEEKDAY_BEFORE = (
    r"(?:(?:у|в|во)\s+)?(?P<last>минул\w*|прошл\w*|минувш\w*)|у|в|во|цього|цієї|цей|цю|"
    r"(?:в\s+)?(?:этот|эту|это)"
)  # not "до" (until), "на" (for): those bound or plan
_CYR_PATTERNS = [
    ("night_date", _CYR_NIGHT + _CYR_DAY_MONTH),
    ("night_weekday", _CYR_NIGHT + rf"(?P<wd>{_CYR_WEEKDAY})\b"),
    ("d_month_y", _CYR_DAY_MONTH),
    ("month_y", rf"(?:(?:у|в)\s+)?(?P<mon>{_CYR_MONTH})\s+(?P<y>\d{{4}})\b"
                r"(?:\s+(?:року|году|года)\b|\s*(?:р|г)\.)?"),
    ("weekday", rf"(?:{_CYR_WEEKDAY_BEFORE})\s+(?P<wd>{_CYR_WEEKDAY})\b"),
    ("daybefore", r"(?:позавчора|позавчера)\b"),
    ("yesterday", r"(?:учора|вчора|вчера)(?:\s+(?:вранці|вдень|ввечері|вночі|утром|днём|днем|"
                  r"вечером|ночью))?\b|(?:минулої|цієї)\s+ночі\b|вночі\b|уночі\b|"
                  r"(?:прошлой|минувшей|этой)\s+ночью\b|ночью\b"),
    ("today", r"(?:сьогодні|сегодня)(?:\s+(?:вранці|вдень|ввечері|вночі|утром|днём|днем|"
              r"вечером|ночью))?\b|(?:цього|этим)\s+(?:ранку|вечора|утром|вечером)\b"),
    ("past24", r"(?:за|протягом|в\s+течение)\s+(?:минулу|останню|попередню|минулої|останньої|"
               r"прошедшие|последние|минувшие|прошедших|последних|минувших)\s+(?:добу|доби|"
               r"сутки|суток)\b|минулої\s+доби\b|минулу\s+добу\b|"
               r"за\s+(?:добу|сутки)\b"),
    ("lastweek", r"(?:минулого|цього)\s+тижня\b|на\s+(?:минулому|цьому)\s+тижні\b|"
                 r"за\s+(?:минулий|останній)\s+тиждень\b|останніми\s+днями\b|"
                 r"(?:за|протягом)\s+(?:останніх|останні|кількох|минулих)\s+(?:кілька\s+)?днів\b|"
                 r"на\s+(?:прошлой|этой|минувшей)\s+неделе\b|"
                 r"за\s+(?:прошлую|последнюю|прошедшую|минувшую)\s+неделю\b|"
                 r"в\s+последние\s+(?:несколько\s+)?дни\b|"
                 r"за\s+последние\s+(?:несколько\s+)?дней\b"),
]  # fmt: skip
_CYR_REGEX = re.compile(
    r"\b(?:" + "|".join(f"(?P<{k}>{_prefixed(k, p)})" for k, p in _CYR_PATTERNS) + ")",
    re.IGNORECASE,
)
_CYR_GROUP_NAMES = {k: re.findall(r"\(\?P<(\w+)>", p) for k, p in _CYR_PATTERNS}
# days back from the report of a relative expression, and its precision
_OFFSETS = {"yesterday": (1, 1), "today": (0, 1), "past24": (0, 1), "lastweek": (7, 2),
            "daybefore": (2, 1)}  # fmt: skip


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
        if CYRILLIC.search(text):  # "26 квітня 2022 року"
            said = [d for d in _cyrillic_dates(text, 0, len(text), None)
                    if d.date is not None and d.precision == 1]  # fmt: skip
            if said:
                return said[0].date
        try:
            import pandas as pd

            if text.lower() not in CLOCK_WORDS:  # "now": the clock's day, no date
                return pd.Timestamp(text).date()
        except (ValueError, TypeError, OverflowError, NotImplementedError):
            pass
    raise ValueError(f"cannot read {value!r} as a date (use e.g. 2022-04-26)")


def _year(y: str | None, month: int, day: int, published: dt.date | None) -> int | None:
    if y:
        year = int(y)
        return year + 2000 if len(y) <= 2 else year  # "'22" is 2022, "0022" is not
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
            return dt.date(year + 2000 if len(g["y"]) <= 2 else year, int(g["m"]), int(g["d"]))
        month = MONTHS[folded(g["mon"]).rstrip(".")]
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
    >>> [d.date.isoformat() for d in find_dates("Вчора і в неділю, 20 квітня.", 0, 28, pub)]
    ['2022-04-25', '2022-04-24', '2022-04-20']
    """
    out = _english_dates(text, start, end, published)
    if CYRILLIC.search(text, start, end):
        more = _cyrillic_dates(text, start, end, published)
        if more:
            taken = [(d.start, d.end) for d in out]
            out = sorted(
                out + [d for d in more if not any(a < d.end and d.start < b for a, b in taken)]
            )
    return out


def _english_dates(text: str, start: int, end: int, published: dt.date | None
                   ) -> list[DateMention]:  # fmt: skip
    """The English date expressions (and numeric dates) in ``text[start:end]``."""
    out: list[DateMention] = []
    if not _DATE_WORDS.may_match(text, start, end):
        return out
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
                month = MONTHS[folded(g["mon"]).rstrip(".")]
                date = dt.date(int(g["y"]), month, 1)
            except (ValueError, KeyError):
                continue
            out.append(DateMention(m.start(), m.end(), date, 3, False))
        elif kind == "weekday":
            wd = WEEKDAYS[folded(g["wd"])]
            date = None
            if published is not None:
                back = (published.weekday() - wd) % 7
                if g.get("last", "").lower() == "last" and back == 0:
                    back = 7
                date = published - dt.timedelta(days=back)
            out.append(DateMention(m.start(), m.end(), date, 1, True))
        else:
            offset, precision = _OFFSETS[kind]
            date = None if published is None else published - dt.timedelta(days=offset)
            out.append(DateMention(m.start(), m.end(), date, precision, True))
    return out


def _back_to(published: dt.date | None, weekday: int, last: bool) -> dt.date | None:
    """The latest ``weekday`` not after ``published`` (a week before it with ``last``)."""
    if published is None:
        return None
    back = (published.weekday() - weekday) % 7
    if last and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def _cyrillic_dates(text: str, start: int, end: int, published: dt.date | None
                    ) -> list[DateMention]:  # fmt: skip
    """The Ukrainian and Russian date expressions in ``text[start:end]``, read as their
    English counterparts are; a night "на" a day is dated the day before."""
    out = []
    for m in _CYR_REGEX.finditer(text, start, end):
        kind = m.lastgroup
        g = {n: m.group(f"{kind}_{n}") for n in _CYR_GROUP_NAMES[kind]
             if m.group(f"{kind}_{n}")}  # fmt: skip
        night = kind.startswith("night_")
        date = None
        if kind in ("night_date", "d_month_y"):
            month, day = CYRILLIC_MONTHS[folded(g["mon"])], int(g["d"])
            year = _year(g.get("y"), month, day, published)
            try:
                date = None if year is None else dt.date(year, month, day)
            except ValueError:
                continue  # "31 лютого": no such day
            if date is None and "y" in g:
                continue
            relative = "y" not in g
        elif kind == "month_y":
            month = CYRILLIC_MONTHS[folded(g["mon"])]
            out.append(DateMention(m.start(), m.end(), dt.date(int(g["y"]), month, 1), 3, False))
            continue
        elif kind in ("night_weekday", "weekday"):
            wd = CYRILLIC_WEEKDAYS[_APOSTROPHE.sub("", folded(g["wd"]))]
            date, relative = _back_to(published, wd, "last" in g), True
        else:
            offset, precision = _OFFSETS[kind]
            date = None if published is None else published - dt.timedelta(days=offset)
            out.append(DateMention(m.start(), m.end(), date, precision, True))
            continue
        if night and date is not None and date > dt.date.min:
            date -= dt.timedelta(days=1)
        out.append(DateMention(m.start(), m.end(), date, 1, relative))
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
