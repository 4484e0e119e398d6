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


# ------------------------------------------------------------ Ukrainian and Russian

THURSDAY = dt.date(2022, 5, 5)
UK_MONTHS = ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
             "вересня", "жовтня", "листопада", "грудня"]  # fmt: skip
RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря"]  # fmt: skip


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_name_in_ukrainian_and_russian(month):
    """ "3 квітня", "3 апреля": genitive after a day; the year from the report, as in
    English (a date more than a day after the report is last year's)."""
    year = 2022 if month <= 5 else 2021
    for name in (UK_MONTHS[month - 1], RU_MONTHS[month - 1]):
        text = f"Обстріл 3 {name} зруйнував школу."
        assert dates(text, THURSDAY) == [(f"3 {name}", dt.date(year, month, 3), 1)]


@pytest.mark.parametrize(
    ("text", "said", "date", "precision"),
    [
        ("Ворог обстріляв Лубни 26 квітня 2022 року.", "26 квітня 2022 року",
         dt.date(2022, 4, 26), 1),
        ("Обстрел 26 апреля 2021 года попал в школу.", "26 апреля 2021 года",
         dt.date(2021, 4, 26), 1),
        ("У квітні 2022 бої точилися щодня.", "У квітні 2022", dt.date(2022, 4, 1), 3),
        ("В апреле 2022 года бои шли каждый день.", "В апреле 2022 года", dt.date(2022, 4, 1), 3),
        ("Вчора ворог обстріляв Лубни.", "Вчора", dt.date(2022, 5, 4), 1),
        ("Учора ввечері пролунали вибухи.", "Учора ввечері", dt.date(2022, 5, 4), 1),
        ("Вчера дроны атаковали Гадяч.", "Вчера", dt.date(2022, 5, 4), 1),
        ("Позавчора ракета влучила в склад.", "Позавчора", dt.date(2022, 5, 3), 1),
        ("Позавчера ракета попала в склад.", "Позавчера", dt.date(2022, 5, 3), 1),
        ("Сьогодні ворог атакував Лубни.", "Сьогодні", THURSDAY, 1),
        ("Сегодня утром дроны атаковали Гадяч.", "Сегодня утром", THURSDAY, 1),
        # the night just passed began the day before, as English "last night"
        ("Минулої ночі дрони атакували Гадяч.", "Минулої ночі", dt.date(2022, 5, 4), 1),
        ("Прошлой ночью дроны атаковали Гадяч.", "Прошлой ночью", dt.date(2022, 5, 4), 1),
        ("Вночі ворог запустив шахеди.", "Вночі", dt.date(2022, 5, 4), 1),
        # "the night on 5 May" is the night of 4 to 5 May: dated the day it began
        ("В ночь на 5 мая дроны атаковали Гадяч.", "В ночь на 5 мая", dt.date(2022, 5, 4), 1),
        ("У ніч на 5 травня дрони атакували Гадяч.", "У ніч на 5 травня", dt.date(2022, 5, 4), 1),
        ("В ночь с 3 на 4 мая дроны атаковали Гадяч.", "В ночь с 3 на 4 мая",
         dt.date(2022, 5, 3), 1),
        ("У ніч проти неділі дрони атакували Гадяч.", "У ніч проти неділі",
         dt.date(2022, 4, 30), 1),
        ("За минулу добу ворог 40 разів обстріляв громаду.", "За минулу добу", THURSDAY, 1),
        ("За прошедшие сутки сбито 20 дронов.", "За прошедшие сутки", THURSDAY, 1),
        ("Минулого тижня ворог обстріляв Лубни.", "Минулого тижня", dt.date(2022, 4, 28), 2),
        ("На прошлой неделе обстрелы усилились.", "На прошлой неделе", dt.date(2022, 4, 28), 2),
    ],
)  # fmt: skip
def test_ukrainian_and_russian_dates_resolve_as_the_english_ones(text, said, date, precision):
    assert dates(text, THURSDAY) == [(said, date, precision)]


@pytest.mark.parametrize(
    ("said", "date"),
    [
        ("у понеділок", dt.date(2022, 5, 2)),
        ("у вівторок", dt.date(2022, 5, 3)),
        ("у середу", dt.date(2022, 5, 4)),
        ("у четвер", THURSDAY),  # the report's own day
        ("у п'ятницю", dt.date(2022, 4, 29)),
        ("у пʼятницю", dt.date(2022, 4, 29)),  # the apostrophe as a letter
        ("у суботу", dt.date(2022, 4, 30)),
        ("у неділю", dt.date(2022, 5, 1)),
        ("в понедельник", dt.date(2022, 5, 2)),
        ("во вторник", dt.date(2022, 5, 3)),
        ("в среду", dt.date(2022, 5, 4)),
        ("в четверг", THURSDAY),
        ("в пятницу", dt.date(2022, 4, 29)),
        ("в субботу", dt.date(2022, 4, 30)),
        ("в воскресенье", dt.date(2022, 5, 1)),
        ("минулого четверга", dt.date(2022, 4, 28)),  # "last": a week before
        ("в прошлый четверг", dt.date(2022, 4, 28)),
        ("минулої п'ятниці", dt.date(2022, 4, 29)),
    ],
)
def test_ukrainian_and_russian_weekdays_count_back_from_the_report(said, date):
    assert dates(f"Обстріл {said} зруйнував школу.", THURSDAY) == [(said, date, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "Забруднення довкілля шкодить середовищу.",
        "Охрана окружающей среды важна.",  # "среда": the environment, not Wednesday
        "Среда обитания изменилась.",
        "Лютий мороз сковав річку.",  # "лютий": fierce, not February, without a year
        "Добу тому все було тихо, за годину добу не змінити.",
    ],
)
def test_words_that_only_look_like_dates(text):
    assert dates(text, THURSDAY) == []


def test_without_a_publication_date_cyrillic_relative_dates_are_never_guessed():
    text = "Обстріли 26 квітня, у вівторок, вчора і минулого тижня."
    assert [(s, d) for s, d, _ in dates(text, None)] == [
        ("26 квітня", None),
        ("у вівторок", None),
        ("вчора", None),
        ("минулого тижня", None),
    ]
    assert dates("Обстрел 26 апреля 2021 года.", None) == [
        ("26 апреля 2021 года", dt.date(2021, 4, 26), 1)
    ]


def test_a_date_that_bounds_a_period_is_found_the_event_date_rules_skip_it():
    """ "з 24 лютого" is found; rules.SINCE (tests/events/test_rules.py) keeps it from the
    event, as "since 24 February"."""
    assert dates("Обстріли тривають з 24 лютого.", THURSDAY) == [
        ("24 лютого", dt.date(2022, 2, 24), 1)
    ]


def test_english_and_cyrillic_dates_in_one_text():
    text = "On 2 May 2022 (2 травня) and yesterday (вчора)."
    assert dates(text, THURSDAY) == [
        ("2 May 2022", dt.date(2022, 5, 2), 1),
        ("2 травня", dt.date(2022, 5, 2), 1),
        ("yesterday", dt.date(2022, 5, 4), 1),
        ("вчора", dt.date(2022, 5, 4), 1),
    ]


@pytest.mark.parametrize("value", ["3 травня 2022 року", "3 мая 2022 г.", "03.05.2022"])
def test_publication_dates_in_ukrainian_and_russian(value):
    assert parse_published(value) == dt.date(2022, 5, 3)


@pytest.mark.parametrize(
    "text", ["on ſunday", "3 ſeptember 2022", "on Frıday", "on FRİDAY", "on Frİday"]
)
def test_letters_re_reads_as_latin_ones_are_looked_up_as_such(text):
    """re's case-insensitive matching takes "ſ" for "s" and "ı" and "İ" for "i" ("İ" is
    two characters in lower case); the tables must too, or a date word spelled so
    raises instead of being read (issue 15)."""
    found = find_dates(text, 0, len(text), dt.date(2022, 9, 7))
    assert found and found[0].date is not None
