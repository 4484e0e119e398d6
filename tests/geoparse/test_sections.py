"""Sections (``geoevents._geoparse.sections``): where a long text is cut for resolving and
for parsing, and the check of given spans. Invented texts; the fixture gazetteer."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import numpy as np
import pytest

from geoevents import Geoparser, InvalidInputError
from geoevents._geoparse import parser as parser_module
from geoevents._geoparse import sections as sections_module
from geoevents._geoparse.sections import (
    CONTEXT_CHARS,
    check_spans,
    context_sections,
    sections,
)


def at(*starts: int) -> list[SimpleNamespace]:
    return [SimpleNamespace(start=s) for s in starts]


def test_a_short_text_is_one_context_section():
    mentions = at(0, 10, 20)
    assert list(context_sections("x" * CONTEXT_CHARS, mentions)) == [mentions]


def test_a_long_text_is_resolved_in_sections_of_context_size_keeping_every_mention():
    text = "x" * (3 * CONTEXT_CHARS)
    mentions = at(
        5, CONTEXT_CHARS - 1, CONTEXT_CHARS + 3, CONTEXT_CHARS + 10, 2 * CONTEXT_CHARS + 10
    )
    parts = list(context_sections(text, mentions))
    assert [[m.start for m in part] for part in parts] == [
        [5, CONTEXT_CHARS - 1],
        [CONTEXT_CHARS + 3, CONTEXT_CHARS + 10],  # a section starts at its first mention
        [2 * CONTEXT_CHARS + 10],  # past its first mention + CONTEXT_CHARS
    ]
    assert [m for part in parts for m in part] == mentions


def test_parse_sections_cover_the_text_cut_after_line_breaks_never_inside_a_span(monkeypatch):
    monkeypatch.setattr(sections_module, "SECTION_CHARS", 100)
    text = ("word " * 30 + "\n") * 10  # lines of 151 characters
    bounds = sections(text, None)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a == b for (_, a), (b, _) in itertools.pairwise(bounds))  # no gaps
    assert all(text[b - 1] == "\n" for _, b in bounds[:-1])  # cut after a line break
    line = 151
    span = (line - 3, line + 5)  # across the first cut
    bounds = sections(text, [span])
    assert not any(span[0] < b < span[1] for _, b in bounds)


def test_a_text_longer_than_a_section_parses_to_the_offsets_of_the_whole(fixture_gaz, monkeypatch):
    text = "".join(
        f"Report {i}: shelling hit Bakhmut and Kherson, officials in Kyiv said.\n"
        for i in range(12)
    )
    parser = Geoparser(fixture_gaz)
    whole = parser.parse(text)
    monkeypatch.setattr(parser_module, "SECTION_CHARS", 200)
    monkeypatch.setattr(sections_module, "SECTION_CHARS", 200)
    cut = parser.parse(text)
    assert len(sections(text, None)) > 3
    assert cut[["start", "end", "mention", "name"]].equals(
        whole[["start", "end", "mention", "name"]]
    )
    assert all(
        text[s:e] == m for s, e, m in zip(cut["start"], cut["end"], cut["mention"], strict=True)
    )
    # given spans come back in the order given, whatever section holds them
    spans = [
        (whole["start"].iloc[-1], whole["end"].iloc[-1]),
        (whole["start"].iloc[0], whole["end"].iloc[0]),
    ]
    given = parser.parse(text, spans=spans)
    assert list(zip(given["start"], given["end"], strict=True)) == spans


def test_spans_are_checked_and_normalised():
    text = "Shelling hit Bakhmut."
    assert check_spans(text, None) is None
    assert check_spans(text, [(np.int64(13), np.int32(20))]) == [(13, 20)]
    assert all(type(v) is int for v in check_spans(text, [(np.int64(13), 20)])[0])
    assert check_spans(text, iter([(0, 8), (13, 20)])) == [(0, 8), (13, 20)]


@pytest.mark.parametrize(
    ("spans", "message"),
    [
        (42, "must be a list of"),
        ([(1, 2, 3)], "is not a \\(start, end\\) pair"),
        ([(0.0, 3)], "must be integers"),
        ([(True, 3)], "must be integers"),
        ([(5, 5)], "out of range"),
        ([(0, 99)], "out of range"),
        ([(-1, 3)], "out of range"),
        ([(0, 8), (5, 12)], "overlap"),
    ],
)
def test_bad_spans_are_clear_errors(spans, message):
    with pytest.raises(InvalidInputError, match=message):
        check_spans("Shelling hit Bakhmut.", spans)
