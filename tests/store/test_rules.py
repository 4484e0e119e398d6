"""The event store's matching rules (``geoevents._store.rules``), one test per rule."""

from __future__ import annotations

import math

import pytest

from geoevents._store import rules

STRIKE = "Explosions/Remote violence"


def test_km_and_days_hold_one_strike_told_apart():
    assert (rules.KM, rules.DAYS) == (10.0, 1)


@pytest.mark.parametrize(
    ("kind", "a", "b", "ok"),
    [
        (STRIKE, ("Russian forces", None), ("Russian forces", "Civilians"), True),
        (STRIKE, ("Russian forces", None), (None, None), True),
        (STRIKE, ("Russian forces", None), ("Ukrainian forces", None), False),
        # UNORDERED_TYPES: a strike's direction matters, a battle's does not
        (STRIKE, ("Russian forces", "Ukrainian forces"), ("Ukrainian forces", "Russian forces"),
         False),
        ("Battles", ("Russian forces", "Ukrainian forces"), ("Ukrainian forces", "Russian forces"),
         True),
        ("Battles", ("Ukrainian forces", None), ("Russian forces", None), True),
        ("Battles", ("Ukrainian forces", "Russian forces"), ("DPR forces", "Ukrainian forces"),
         False),
        # spacing and case are no difference
        (STRIKE, ("russian  forces", None), ("Russian forces", None), True),
        (STRIKE, (math.nan, None), ("Russian forces", None), True),
    ],
)  # fmt: skip
def test_actors_compatible(kind, a, b, ok):
    assert "Battles" in rules.UNORDERED_TYPES
    assert rules.actors_compatible(kind, *a, *b) is ok


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [(0, 2, False), (0, 3, True), (10, 22, False), (10, 23, True), (None, 50, False),
     (math.nan, 4, False), ("x", 4, False), (7, 7, False)],
)  # fmt: skip
def test_fatalities_conflict_uses_ratio_and_slack(a, b, conflict):
    assert (rules.FATALITY_RATIO, rules.FATALITY_SLACK) == (2, 2)
    assert rules.fatalities_conflict(a, b) is conflict
    assert rules.fatalities_conflict(b, a) is conflict


def test_score_weighs_place_then_time_then_words():
    assert rules.WEIGHT_KM > rules.WEIGHT_DAYS > rules.WEIGHT_TEXT
    assert math.isclose(rules.WEIGHT_KM + rules.WEIGHT_DAYS + rules.WEIGHT_TEXT, 1.0)
    assert rules.score(0, 0, 1.0) == pytest.approx(1.0)
    # nearer wins over better-worded
    assert rules.score(1, 0, 0.0) > rules.score(6, 0, 1.0)
    # the words break a tie of place and time
    assert rules.score(2, 1, 0.9) > rules.score(2, 1, 0.2)
    assert rules.score(50, 5, 0.0) == 0.0
