"""Dates (``geoevents._events.dates``): what tests/test_events.py does not show (it reads
dates through extract_events, on the full index): the year of a date without one, no
guesses without a publication date, which date an event takes, and publication dates
in every form a frame of reports holds. Invented sentences."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from geoevents._events.dates import event_date, find_dates, parse_published
from geoevents._events.records import Report

TUESDAY = dt.date(2022, 5, 3)
NEW_YEAR = dt.date(2023, 1, 3)


def dates(text: str, published: dt.date | None) -> list[tuple[str, dt.date | None, int]]:
    return [(text[d.start : d.end], d.date, d.precision) for d in
            find_dates(text, 0, len(text), published)]  # fmt: skip


@pytest.mark.parametrize(
    ("day", "date"),
    [
        ("26 December", dt.date(2022, 12, 26)),  # in a January report: last December
        ("2 January", dt.date(2023, 1, 2)),
        ("4 January", dt.date(2023, 1, 4)),  # a day after: a report's time zone allows it
        ("10 January", dt.date(2022, 1, 10)),  # a week after: last year's
    ],
)
def test_a_date_without_a_year_is_the_latest_one_not_after_the_report(day, date):
    assert dates(f"Shelling on {day} hit the port.", NEW_YEAR) == [(day, date, 1)]


def test_without_a_publication_date_relative_dates_are_never_guessed():
    text = "Shelling on 26 December, on Tuesday, yesterday and last week."
    assert [(s, d) for s, d, _ in dates(text, None)] == [
        ("26 December", None),
        ("on Tuesday", None),
        ("yesterday", None),
        ("last week", None),
    ]
    # a date that says its year needs no publication date
    assert dates("Shelling on 26 December 2021.", None) == [
        ("26 December 2021", dt.date(2021, 12, 26), 1)
    ]


def test_weekdays_count_back_from_the_report():
    text = "Shelling on Tuesday, on Sunday and last Tuesday."
    assert [d for _, d, _ in dates(text, TUESDAY)] == [
        TUESDAY,  # the report's own day
        dt.date(2022, 5, 1),
        dt.date(2022, 4, 26),  # "last": a week before
    ]


def test_explicit_dates_their_forms_and_precisions():
    text = "Shelling in March 2022, on 02/05/22, on 31/02/2022 and on May 3rd, 2022."
    assert dates(text, None) == [
        ("in March 2022", dt.date(2022, 3, 1), 3),  # a month
        ("02/05/22", dt.date(2022, 5, 2), 1),  # day first, two-digit year
        ("May 3rd, 2022", dt.date(2022, 5, 3), 1),  # 31 February is no date: skipped
    ]


def test_may_in_lower_case_after_a_number_is_a_verb():
    assert dates("Officials said 5 may leave by 6 May.", TUESDAY) == [
        ("6 May", dt.date(2021, 5, 6), 1)  # three days after the report: last year's
    ]


def report(published: dt.date | None) -> Report:
    return Report("a1", "text", published, None, None)


def test_an_event_takes_the_date_nearest_its_trigger_then_the_lead_then_publication():
    text = "After shelling on 1 May, troops attacked on 2 May 2022."
    found = find_dates(text, 0, len(text), TUESDAY)
    warn: list[str] = []
    at = text.index("attacked")
    assert event_date(found, None, report(TUESDAY), at, warn) == (dt.date(2022, 5, 2), 1)
    lead = find_dates("Last week", 0, 9, TUESDAY)[0]
    assert event_date([], lead, report(TUESDAY), at, warn) == (dt.date(2022, 4, 26), 2)
    assert event_date([], None, report(TUESDAY), at, warn) == (TUESDAY, 2)  # its week
    assert warn == []


def test_an_event_left_without_a_date_names_its_report():
    warn: list[str] = []
    assert event_date([], None, report(None), 0, warn) == (None, 2)
    relative = find_dates("yesterday", 0, 9, None)
    assert event_date(relative, None, report(None), 0, warn) == (None, 1)
    assert warn == ["a1", "a1"]


@pytest.mark.parametrize(
    "value",
    [
        "2022-05-03",
        "2022-05-03T10:00:00Z",
        " 3 May 2022 ",
        "May 3, 2022",
        "03/05/2022",  # day first, as in report text
        "Tue, 03 May 2022 10:00:00 GMT",
        dt.datetime(2022, 5, 3, 23, 59),
        dt.date(2022, 5, 3),
        pd.Timestamp("2022-05-03 10:00"),
    ],
)
def test_publication_dates_in_every_form(value):
    assert parse_published(value) == dt.date(2022, 5, 3)


@pytest.mark.parametrize("value", [None, "", "  ", pd.NaT, float("nan")])
def test_a_missing_publication_date_is_none(value):
    assert parse_published(value) is None


@pytest.mark.parametrize("value", ["soon", "yesterday", "2022-13-45", 42])
def test_an_unreadable_publication_date_is_an_error_naming_it(value):
    with pytest.raises(ValueError, match=f"cannot read {value!r}"):
        parse_published(value)
