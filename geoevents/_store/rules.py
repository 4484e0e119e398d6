"""When two readings are one event: the event store's matching rules, each with its reason.

A new extraction joins a stored (or just created) event when every rule below allows
it; among the events that allow it, the one with the highest :func:`score` wins.
"""

from __future__ import annotations

import math

__all__ = ["DAYS", "KM", "actors_compatible", "fatalities_conflict", "score"]

# ACLED codes one event per place and day; reports of one strike put it at the town, the
# district or the village, and in the night before or the morning after: 10 km and a day
# either side hold the same strike told by different sources (issue 14).
KM = 10.0
DAYS = 1

# Event types whose actors have a direction (who did it to whom): a report of Russian
# shelling of a town and one of Ukrainian shelling of the same town are two events.
# A battle has two sides, told in either order ("Ukrainian forces repelled a Russian
# attack" and "Russian troops attacked Ukrainian positions" are one clash).
UNORDERED_TYPES = frozenset({"Battles"})

# Tolls grow as the dead are found and differ between sources, and ACLED keeps the lowest;
# but one report of 2 dead and one of 40 are not one strike. Two stated tolls conflict
# when the larger is more than twice the smaller plus 2 (0 and 2 agree, 0 and 3 do not;
# 10 and 22 agree, 10 and 23 do not).
FATALITY_RATIO = 2
FATALITY_SLACK = 2

# How much each part weighs in a match's score: the distance first, then the days
# apart; the wording only breaks near-ties (issue 14: "text similarity as a tiebreak").
WEIGHT_KM, WEIGHT_DAYS, WEIGHT_TEXT = 0.55, 0.3, 0.15


def _norm(actor) -> str | None:
    if actor is None or (isinstance(actor, float) and math.isnan(actor)):
        return None
    text = " ".join(str(actor).split()).lower()
    return text or None


def actors_compatible(event_type: str, a1, a2, b1, b2) -> bool:
    """Whether two readings' actors can be one event's: no actor known on both sides
    differs; for battles, the two readings name no more than two sides between them, in
    either order.

    Examples
    --------
    >>> kind = "Explosions/Remote violence"
    >>> actors_compatible(kind, "Russian forces", "Civilians", "Russian forces", None)
    True
    >>> actors_compatible(kind, "Russian forces", None, "Ukrainian forces", None)
    False
    >>> actors_compatible("Battles", "Ukrainian forces", "Russian forces",
    ...                   "Russian forces", "Ukrainian forces")
    True
    """
    a1, a2, b1, b2 = _norm(a1), _norm(a2), _norm(b1), _norm(b2)
    if event_type in UNORDERED_TYPES:
        # a battle has two sides: together the readings may name no third
        return len({x for x in (a1, a2, b1, b2) if x}) <= 2
    return (a1 is None or b1 is None or a1 == b1) and (a2 is None or b2 is None or a2 == b2)


def fatalities_conflict(a, b) -> bool:
    """Whether two stated tolls cannot be one event's (see FATALITY_RATIO).

    Examples
    --------
    >>> fatalities_conflict(3, 5), fatalities_conflict(2, 40), fatalities_conflict(None, 9)
    (False, True, False)
    """
    if a is None or b is None:
        return False
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    if math.isnan(a) or math.isnan(b):
        return False
    low, high = min(a, b), max(a, b)
    return high > FATALITY_RATIO * low + FATALITY_SLACK


def score(km: float, days: int, text_similarity: float) -> float:
    """A match's score in [0, 1]: near in place and time first, alike in words last.

    Examples
    --------
    >>> score(0.0, 0, 1.0), round(score(5.0, 1, 0.0), 3)
    (1.0, 0.425)
    """
    near = max(0.0, 1.0 - km / KM)
    soon = max(0.0, 1.0 - abs(days) / (DAYS + 1))
    return WEIGHT_KM * near + WEIGHT_DAYS * soon + WEIGHT_TEXT * text_similarity
