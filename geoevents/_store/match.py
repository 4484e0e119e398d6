"""Matching: new extractions against stored events and each other, to the event each joins.

Candidates come in blocks (same type, dates within :data:`rules.DAYS`, points within
:data:`rules.KM`): stored ones from the database, new ones from :func:`merge.near_pairs`.
Extractions are then taken in order, each joining the best-scoring event it is
compatible with (a stored event, or one an earlier new extraction founded) or founding
its own. Stored events never merge with each other here, so their ids stay stable.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._geo import km
from . import rules

__all__ = ["Assignment", "assign"]

# the columns a reading is compared on
FIELDS = ("event_type", "sub_event_type", "day", "latitude", "longitude", "actor1", "actor2",
          "fatalities", "notes", "report_id", "geonameid", "geo_precision", "location",
          "mention", "admin1", "population")  # fmt: skip


@dataclass(frozen=True)
class Assignment:
    """Where each new extraction went: ``target[i]`` is a stored event's id, or
    ``None`` when it founded an event (then ``founder[i] == i``); ``founder[i]`` is the
    founding extraction of the new event it joined, else -1."""

    target: list
    founder: np.ndarray
    score: np.ndarray
    rule: list


def _records(frame) -> list[dict]:
    """The rows' :data:`FIELDS` as dicts, missing values as None."""
    import pandas as pd

    columns = []
    for name in FIELDS:
        if name not in frame:  # a population the gazetteer did not give
            columns.append([None] * len(frame))
            continue
        values = frame[name].astype(object).tolist()
        columns.append([None if v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v)
                        else v for v in values])  # fmt: skip
    return [dict(zip(FIELDS, row, strict=True)) for row in zip(*columns, strict=True)]


def _similarity(a, b) -> float:
    if not a or not b:
        return 0.0
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio(a, b) / 100.0


def _allowed(a: dict, b: dict) -> bool:
    """Whether readings ``a`` and ``b`` (already near in time and place) can be one
    event's: types and actors compatible, tolls not in conflict, no two kinds of site
    hit, no two points of their own apart, and two readings of one report only at the
    same place (a report's list of villages names several events)."""
    if not rules.types_compatible((a["event_type"], a["sub_event_type"], a["notes"]),
                                  (b["event_type"], b["sub_event_type"], b["notes"])):  # fmt: skip
        return False
    if rules.sites_conflict(a["notes"], b["notes"]) or rules.places_differ(a, b):
        return False
    if rules.names_differ(a, b) or rules.ordinals_differ(a["notes"], b["notes"]):
        return False
    if rules.points_differ(a, b):
        return False
    if rules.vague(a, b) and not rules.same_story(a, b):
        return False
    if not rules.actors_compatible(a["event_type"], a["actor1"], a["actor2"], b["actor1"],
                                   b["actor2"]):  # fmt: skip
        return False
    if rules.fatalities_conflict(a["fatalities"], b["fatalities"]):
        return False
    return not (
        a["report_id"] is not None
        and a["report_id"] == b["report_id"]
        and a["geonameid"] != b["geonameid"]
    )


def _score(a: dict, b: dict) -> float:
    d = km(a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    return rules.score(d, int(a["day"]) - int(b["day"]), _similarity(a["notes"], b["notes"]))


def assign(new, stored, stored_pairs, new_pairs) -> Assignment:
    """Assign each row of ``new`` (extractions, in order) to an event.

    ``stored`` holds candidate stored events (columns :data:`FIELDS` and ``event_id``;
    a stored event's ``report_id`` is None); ``stored_pairs`` is (i, k): new row i near
    stored row k; ``new_pairs`` is (i, j): new rows i and j near each other. ``day`` is
    the date as an integer day number.
    """
    n = len(new)
    news = _records(new)
    olds = _records(stored) if len(stored) else []
    old_ids = stored["event_id"].tolist() if len(stored) else []
    near_old: list[list[int]] = [[] for _ in range(n)]
    for i, k in zip(*stored_pairs, strict=True):
        near_old[int(i)].append(int(k))
    near_new: list[list[int]] = [[] for _ in range(n)]
    for i, j in zip(*new_pairs, strict=True):
        i, j = int(i), int(j)
        near_new[max(i, j)].append(min(i, j))  # an extraction looks back at earlier ones
    target: list = [None] * n
    founder = np.full(n, -1, dtype=np.int64)
    score = np.ones(n)
    rule = ["founder"] * n
    members: dict[int, list[int]] = {}  # a new event's founder -> its extractions
    for i in range(n):
        a = news[i]
        best, best_score = None, -1.0
        for k in near_old[i]:
            if _allowed(a, olds[k]):
                s = _score(a, olds[k])
                if s > best_score:
                    best, best_score = ("stored", k), s
        for j in near_new[i]:
            if target[j] is not None:  # j joined a stored event: i may join it too
                s = _score(a, news[j]) if _allowed(a, news[j]) else -1.0
                if s > best_score:
                    best, best_score = ("via", j), s
                continue
            f = int(founder[j])
            if all(_allowed(a, news[m]) for m in members[f]):
                s = _score(a, news[j])
                if s > best_score:
                    best, best_score = ("new", f), s
        if best is None:
            founder[i] = i
            members[i] = [i]
            continue
        kind, x = best
        score[i] = round(best_score, 4)
        rule[i] = "place-date"
        if kind == "stored":
            target[i] = old_ids[x]
        elif kind == "via":
            target[i] = target[x]
        else:
            founder[i] = x
            members[x].append(i)
    return Assignment(target=target, founder=founder, score=score, rule=rule)
