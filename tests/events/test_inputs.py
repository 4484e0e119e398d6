"""Inputs (``geoevents._events.inputs``): a text, a record, a frame of reports or a list of
them in, checked reports out. Invented reports."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from geoevents import InvalidInputError
from geoevents._events.inputs import reports_of
from geoevents._events.records import Report

TEXT = "Shelling hit Bakhmut on Tuesday."
DEFAULTS = {"published": None, "source": None, "url": None}


def test_a_text_is_one_report_with_the_defaults_and_an_id_from_its_words():
    (report,) = reports_of(TEXT, published="2022-05-03", source="Agency A", url="https://a.example")
    assert isinstance(report, Report)
    assert (report.text, report.published, report.source, report.url) == (
        TEXT, dt.date(2022, 5, 3), "Agency A", "https://a.example",
    )  # fmt: skip
    (again,) = reports_of(TEXT, **DEFAULTS)
    (other,) = reports_of(TEXT + " ", **DEFAULTS)
    assert report.article_id == again.article_id != other.article_id  # the same words, the same id


def test_a_record_overrides_the_defaults_field_by_field():
    record = {"text": TEXT, "published": "3 May 2022", "article_id": " r1 ", "source": "B"}
    (report,) = reports_of(record, published="2022-01-01", source="A", url="https://a.example")
    assert (report.article_id, report.published, report.source, report.url) == (
        "r1", dt.date(2022, 5, 3), "B", "https://a.example",
    )  # fmt: skip
    # empty fields fall back to the defaults
    blank = {"text": TEXT, "published": "", "source": "  ", "article_id": None}
    (report,) = reports_of(blank, published="2022-01-01", source="A", url=None)
    assert (report.published, report.source) == (dt.date(2022, 1, 1), "A")
    assert report.article_id == reports_of(TEXT, **DEFAULTS)[0].article_id


def test_a_frame_gives_one_report_per_row_in_order():
    frame = pd.DataFrame(
        {
            "text": ["First report.", None, "Third report."],
            "published": ["2022-05-01", float("nan"), pd.Timestamp("2022-05-03")],
            "source": ["A", "B", None],
        }
    )
    reports = reports_of(frame, published="2022-01-01", source="Z", url=None)
    assert [r.text for r in reports] == ["First report.", "", "Third report."]
    assert [r.published for r in reports] == [
        dt.date(2022, 5, 1), dt.date(2022, 1, 1), dt.date(2022, 5, 3),
    ]  # fmt: skip
    assert [r.source for r in reports] == ["A", "B", "Z"]


def test_a_list_may_mix_texts_and_records():
    reports = reports_of([TEXT, {"text": "Another."}], **DEFAULTS)
    assert [r.text for r in reports] == [TEXT, "Another."]


@pytest.mark.parametrize(
    ("items", "options", "message"),
    [
        (42, {}, "expected a report text"),
        ({"body": TEXT}, {}, "no 'text' field \\(fields: \\['body'\\]\\)"),
        ([TEXT, 7], {}, "item 1: expected a report text"),
        ([{"text": 7}], {}, "item 0: text must be a str"),
        (pd.DataFrame({"body": [TEXT]}), {}, "no 'text' column"),
        ({"text": TEXT, "published": "soon"}, {}, "report: published cannot read 'soon'"),
        (TEXT, {"published": "soon"}, "argument: published cannot read"),
        (TEXT, {"source": 3}, "source must be a str"),
        (TEXT, {"url": b"x"}, "url must be a str"),
    ],
)
def test_bad_input_is_a_clear_error_that_says_where(items, options, message):
    with pytest.raises(InvalidInputError, match=message):
        reports_of(items, **{**DEFAULTS, **options})


def test_a_record_may_give_its_language():
    """Issue 13: a record's ``lang`` is checked; a report without one is read in the
    language its text shows (None until it is read)."""
    uk, plain = reports_of([{"text": "Вибухи у Херсоні.", "lang": "UK"}, TEXT], **DEFAULTS)
    assert (uk.lang, plain.lang) == ("uk", None)
    with pytest.raises(InvalidInputError, match=r"item 0: lang must be one of"):
        reports_of([{"text": TEXT, "lang": "de"}], **DEFAULTS)
