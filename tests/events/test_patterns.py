"""A caller's trigger and actor patterns (``geoevents._events.patterns``): refused when
they match an empty text or can backtrack for ever, before any report is read."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from geoevents import EventLexicon, InvalidInputError
from geoevents._events.patterns import MAX_PATTERN_CHARS, checked_pattern


def _triggers(pattern: str) -> pd.DataFrame:
    return pd.DataFrame({"pattern": [pattern], "event_type": ["Battles"],
                         "sub_event_type": ["Armed clash"]})  # fmt: skip


@pytest.mark.parametrize(
    "pattern",
    ["(a+)+$", "(a*)*b", "((a+)?)+b", "(\\w+\\s?)+!", "(a|aa)+b", "(?:shell|shelled)+ing",
     "(x+x+)+y", "(?:(?:raid)+)+"],
)  # fmt: skip
def test_a_pattern_that_can_backtrack_for_ever_is_refused(pattern):
    with pytest.raises(InvalidInputError, match=r"triggers, line \d+: pattern .* repeats a repeat"):
        EventLexicon.default().extend(triggers=_triggers(pattern))
    with pytest.raises(InvalidInputError, match=r"actors, line \d+: pattern"):
        EventLexicon.default().extend(
            actors=pd.DataFrame({"pattern": [pattern], "actor": ["Invented Brigade"]})
        )


@pytest.mark.parametrize("pattern", ["", "   ", ".*", "a*", "(?:raid)?", "\\b"])
def test_a_pattern_that_matches_an_empty_text_is_refused(pattern):
    with pytest.raises(InvalidInputError, match=r"matches an empty text|bad pattern"):
        EventLexicon.default().extend(triggers=_triggers(pattern))


@pytest.mark.parametrize(
    "pattern",
    ["(?:heavy\\s+)+shelling", "(?:\\s|-)+raid", "shell(?:ed|ing)", "(?:\\w+ ){0,3}ambush",
     "(?:[A-Z][a-z]+ )+Brigade", "(\\w+\\s+)+fought", "x{2,5}y", "skirmish(?:es)?"],
)  # fmt: skip
def test_ordinary_patterns_are_kept(pattern):
    assert checked_pattern(f" {pattern} ", "triggers, line 1") == pattern
    EventLexicon.default().extend(triggers=_triggers(pattern))


def test_the_lexicons_own_patterns_pass_the_check():
    lexicon = EventLexicon.default()
    for pattern, _ in [*lexicon._trigger_rows, *lexicon._actor_rows]:
        assert checked_pattern(pattern, "default") == pattern.strip()


def test_a_refused_pattern_would_have_hung_and_a_kept_one_does_not():
    """What the check stands for: the refused shape takes exponential time; a kept
    pattern reads the same text at once."""
    import re

    text = "Battle " + "a" * 22 + "!"
    start = time.perf_counter()
    re.search("(a+)+$", text)
    slow = time.perf_counter() - start
    lexicon = EventLexicon.default().extend(triggers=_triggers("a+(?:b|c)"))
    start = time.perf_counter()
    lexicon.triggers_in(text * 100)
    assert time.perf_counter() - start < slow < 60


def test_a_long_or_non_text_pattern_is_refused():
    with pytest.raises(InvalidInputError, match="longer than"):
        checked_pattern("raid|" * MAX_PATTERN_CHARS, "triggers, line 4")
    with pytest.raises(InvalidInputError, match="triggers, line 2: pattern must be text"):
        checked_pattern(7, "triggers, line 2")
    with pytest.raises(InvalidInputError, match="bad pattern"):
        checked_pattern("(raid", "triggers, line 3")


@pytest.mark.parametrize(("start", "end"), [(-5, None), (0, 10**9), (8, 3), (100, 200)])
def test_triggers_in_refuses_a_span_outside_the_text(start, end):
    with pytest.raises(InvalidInputError, match="0 <= start <= end <= len"):
        EventLexicon.default().triggers_in("Shelling hit Kharkiv.", start, end)
    assert EventLexicon.default().triggers_in("Shelling hit Kharkiv.", 0, 8)
