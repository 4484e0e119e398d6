"""The records the events stage passes along: a report as read, and a place as events see it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["EventPlace", "Report"]


@dataclass(slots=True)
class Report:
    """One report to read: its text and provenance (``published`` resolves relative dates)."""

    article_id: str
    text: str
    published: dt.date | None
    source: str | None
    url: str | None
    lang: str | None = None  # "en", "uk" or "ru"; None: told from the text when read
    offset: int = 0  # where ``text`` starts in its report (a section of a long one)


@dataclass(slots=True)
class EventPlace:
    """A place as the events stage weighs it: a row of the geoparser's mention table
    (``index`` is its gazetteer ``place_id``, -1 for a name the gazetteer lacks), with
    the precision an event there may claim."""

    start: int
    end: int
    index: int  # gazetteer place
    kind: str
    role: str
    precision: int
    confidence: float
    partial: bool = False  # the gazetteer matched only part of a longer name
    qualifier: bool = False  # the region of an unknown place named just before it
    # (km, bearing in degrees) from the place's point: "10 km south of Kramatorsk"
    offset: tuple[float, float] | None = None
    # a listed name the gazetteer lacks, standing at its list's region ("Novokalynove,
    # Stepove and Avdiivka" with no Novokalynove): one event of its own
    listed_unknown: bool = False
