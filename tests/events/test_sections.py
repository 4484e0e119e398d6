"""A long report read in sections (``geoevents._events.sections``): where it is cut, and
the same events whether the sections are read in this process or by forked ones."""

from __future__ import annotations

import itertools
import random

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geoevents import extract_events
from geoevents._events import sections
from geoevents._events.sections import merge_rows, report_sections

_TOWNS = ["Bakhmut", "Kherson", "Mykolaiv", "Zaporizhzhia", "Donetsk"]
_EVENTS = [
    "Artillery shelled a depot in {a} on {d} March, killing {n} workers.",
    "A drone hit a fuel store near {a} on {d} March and {n} people were hurt.",
    "Troops repelled an attack on positions east of {a} overnight.",
    "Rockets fell on houses in {a} and {b}, officials said.",
]
_UNDATED = (
    "Rockets fell on houses in {a} and {b}, officials said.",
    "Soldiers repelled an assault north of {a}, the governor said.",
)
_CALM = [
    "Volunteers brought blankets to families in {a} this week.",
    "The bakery in {a} opened again although its windows are boarded.",
]


def _report(n_chars: int, seed: int = 11, head: str = "", events=tuple(_EVENTS)) -> str:
    """An invented long report: event sentences about the fixture towns (dated and
    undated), calm sentences between them, in paragraphs."""
    rnd = random.Random(seed)
    parts, size = [head] if head else [], len(head)
    while size < n_chars:
        kind = events if rnd.random() < 0.6 else _CALM
        s = rnd.choice(kind).format(a=rnd.choice(_TOWNS), b=rnd.choice(_TOWNS),
                                    d=rnd.randint(1, 9), n=rnd.randint(1, 30))  # fmt: skip
        parts.append(s + ("\n\n" if rnd.random() < 0.1 else " "))
        size += len(parts[-1])
    return "".join(parts)


@pytest.fixture
def small_sections(monkeypatch):
    """Sections of 3,000 characters, so that a report of a few pages has many."""
    monkeypatch.setattr(sections, "SECTION_CHARS", 3_000)
    monkeypatch.setattr(sections, "_PARAGRAPH_REACH", 400)
    import geoevents._events.extract as extract

    monkeypatch.setattr(extract, "SECTION_CHARS", 3_000)
    return 3_000


# ------------------------------------------------------------------ where it is cut


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .\n")), min_size=0, max_size=9_000))
def test_sections_cover_the_text_in_order_without_gaps(text):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sections, "SECTION_CHARS", 1_000)
        mp.setattr(sections, "_PARAGRAPH_REACH", 300)
        mp.setattr(sections, "_SENTENCE_REACH", 200)
        bounds = report_sections(text)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(b == c for (_a, b), (c, _d) in itertools.pairwise(bounds))
    assert all(a < b for a, b in bounds) or text == ""
    assert all(b - a <= 1_000 + 300 for a, b in bounds[:-1])


def test_a_section_ends_where_a_paragraph_starts(small_sections, monkeypatch):
    monkeypatch.setattr(sections, "_PARAGRAPH_REACH", 2_000)  # a paragraph is always near
    text = _report(20_000)
    bounds = report_sections(text)
    assert len(bounds) >= 6
    for _a, b in bounds[:-1]:
        assert text[b - 1] == "\n", repr(text[b - 20 : b + 20])


def test_without_paragraphs_a_section_ends_where_a_sentence_starts(small_sections):
    text = _report(20_000).replace("\n\n", " ")
    for _a, b in report_sections(text)[:-1]:
        assert text[b - 2 : b] == ". " and text[b].isupper(), repr(text[b - 20 : b + 20])


def test_a_short_report_is_one_section():
    assert report_sections("Drones hit Kherson.") == [(0, 19)]


# ------------------------------------------------- the same events for any n_jobs


def _frame(events) -> pd.DataFrame:
    return pd.DataFrame(events.drop(columns="geometry"))


@pytest.mark.parametrize("jobs", [2, 3])
def test_a_long_report_gives_the_same_events_in_one_process_or_many(
    fixture_gaz, small_sections, jobs
):
    text = _report(40_000)
    one = extract_events(text, published="2023-03-20", gazetteer=fixture_gaz, n_jobs=1)
    many = extract_events(text, published="2023-03-20", gazetteer=fixture_gaz, n_jobs=jobs)
    assert len(one) >= 20  # towns x types x dates: many distinct events
    pd.testing.assert_frame_equal(_frame(one), _frame(many))
    assert one["event_id"].is_unique


def test_an_event_told_in_several_sections_keeps_the_largest_toll(fixture_gaz, small_sections):
    told = "Artillery shelled a depot in Kherson on 4 March, killing {n} workers. "
    filler = "Volunteers brought blankets to families in Mykolaiv this week. " * 60
    text = "".join(told.format(n=n) + "\n\n" + filler + "\n\n" for n in (3, 12, 5))
    bounds = report_sections(text)
    told_in = {next(k for k, (a, b) in enumerate(bounds) if a <= i < b)
               for i in range(len(text)) if text.startswith("Artillery", i)}  # fmt: skip
    assert len(told_in) == 3
    for jobs in (1, 2):
        ev = extract_events(text, published="2023-03-20", gazetteer=fixture_gaz, n_jobs=jobs)
        kherson = ev[(ev["location"] == "Kherson") & (ev["event_date"] == "2023-03-04")]
        assert len(kherson) == 1 and kherson["fatalities"].iloc[0] == 12


def test_later_sections_take_the_reports_lead_date(fixture_gaz, small_sections):
    head = "KHERSON, 2 March 2023. Shelling went on through the night in Kherson. "
    text = _report(20_000, seed=5, head=head, events=_UNDATED)
    ev = extract_events(text, published="2023-03-20", gazetteer=fixture_gaz, n_jobs=2)
    assert len(ev) > 5
    assert set(ev["event_date"].dt.strftime("%Y-%m-%d")) == {"2023-03-02"}


def test_a_report_read_in_sections_finds_what_it_finds_read_whole(fixture_gaz, small_sections):
    """Sections of a long report read as it is read whole where nothing crosses a cut:
    the same events, places and dates (a check that the cut loses nothing)."""
    text = _report(20_000, seed=8)
    cut = extract_events(text, published="2023-03-20", gazetteer=fixture_gaz, n_jobs=1)
    with pytest.MonkeyPatch.context() as mp:
        import geoevents._events.extract as extract

        mp.setattr(extract, "SECTION_CHARS", 10**9)
        whole = extract_events(text, published="2023-03-20", gazetteer=fixture_gaz, n_jobs=1)
    keys = ["event_type", "location", "event_date"]
    assert set(map(tuple, cut[keys].astype(str).values)) == set(
        map(tuple, whole[keys].astype(str).values)
    )


def test_merging_rows_keeps_the_first_surest_reading():
    first = {"k": {"confidence": 0.6, "fatalities": None, "notes": "first"}}
    merge_rows(first, {"k": {"confidence": 0.6, "fatalities": 4, "notes": "second"}})
    assert first["k"] == {"confidence": 0.6, "fatalities": 4, "notes": "first"}
    merge_rows(first, {"k": {"confidence": 0.7, "fatalities": 1, "notes": "third"}})
    assert first["k"] == {"confidence": 0.7, "fatalities": 4, "notes": "third"}
