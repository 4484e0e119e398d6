"""The records the geoparser's stages pass along: gazetteer hits, matches in the text, table rows.

``Hit`` is what the gazetteer holds for one name (candidate places and how each name
was matched); ``Match`` is one gazetteer name found in a text, which recognition,
resolution and stand-ins annotate in turn; ``Mention`` is one row of the mention table
the geoparser hands to later stages; ``BatchPrior`` is what a batch of reports is about.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

__all__ = ["GRID_DEGREES", "BatchPrior", "Hit", "Match", "Mention", "grid_cell"]


@dataclass(slots=True)
class BatchPrior:
    """What the reports read so far in one batch were about: weights by country code and
    by first-level division name, which ambiguous names in later reports lean towards
    ("Pavlivka" in a set of reports from Donetsk Oblast), and ``cells``: how many places
    named with confidence lie in each cell of a grid (:func:`grid_cell`), which namesakes
    inside one division lean towards (the Chervone near the front the batch reports on,
    not the one 150 km behind it). The events stage keeps one per block of reports and
    passes it to :meth:`Geoparser.mentions`."""

    countries: dict[str, float] = field(default_factory=dict)
    admin1: dict[str, float] = field(default_factory=dict)
    cells: dict[tuple[int, int], float] = field(default_factory=dict)
    # names a report of the batch qualified ("Andriivka village in Kyiv Oblast"): the
    # region they were given (country, division, twin division ids), which later reports
    # naming them bare inherit
    names: dict[str, tuple[int, int, int]] = field(default_factory=dict)


# the grid of BatchPrior.cells: 0.2 degrees, about 22 km north-south; a candidate sees its
# own cell and the eight around it, so "near" means within about 20-45 km
GRID_DEGREES = 0.2


def grid_cell(lat: float, lon: float) -> tuple[int, int]:
    """The BatchPrior grid cell of a point.

    Examples
    --------
    >>> grid_cell(48.1, 37.9)
    (240, 189)
    """
    return (math.floor(lat / GRID_DEGREES), math.floor(lon / GRID_DEGREES))


class Mention(NamedTuple):
    """One row of the mention table (see :meth:`Geoparser.mentions`).

    ``start``/``end`` are offsets into the text and ``mention`` the text there;
    ``role`` is ``place``, ``adjectival`` ("Ukrainian forces") or ``metonym`` ("Moscow
    said"). ``place_id`` is the chosen gazetteer place (``Gazetteer.place(place_id)``),
    -1 when none was chosen or when the row stands for a place the gazetteer lacks
    (``kind="unknown"``); ``name`` to ``geonameid`` describe it. ``precision`` is 1 for
    the place itself, 2 near it or part of it, 3 a region. ``confidence`` (0-1) is how
    sure the recogniser is that this is a place times ``share``, the resolver's
    probability for the chosen place among ``candidates`` (the place ids it weighed);
    ``spread_km`` is how far the plausible alternatives lie from it. ``partial``: the
    gazetteer matched only part of a longer name ("Zelenyi Hai" of "Zelenyi Hai
    Druhyi"), or a qualifier named a region the place is not in; ``qualified``: a
    qualifier ("X, Texas") was read.
    """

    start: int
    end: int
    mention: str
    role: str | None
    place_id: int
    name: str | None
    kind: str | None
    country_code: str | None
    admin1: str | None
    latitude: float
    longitude: float
    geonameid: int | None
    precision: int | None
    confidence: float
    candidates: np.ndarray
    share: float
    spread_km: float
    partial: bool
    qualified: bool


@dataclass(slots=True)
class Hit:
    """The gazetteer's answer for one name: candidate places (ids) with the quality of
    the name each was matched by, and the match tier. ``feats``, ``static`` and
    ``initial`` are computed once per name by recognition and resolution."""

    places: np.ndarray
    quality: np.ndarray
    tier: int  # 0 exact, 1 folded, 2 adjective, 3 fuzzy
    role: str
    feats: dict | None = None
    static: np.ndarray | None = None
    initial: int = -1  # the place chosen before context is weighed
    own: dict | None = None  # qualifier -> the hit in its region (namesakes.prefer_own_names)
    # the candidates' country and admin1 ids, point-likeness, latitude and longitude
    # (Resolver._geo: read once per name, not once per mention)
    geo: tuple | None = None


@dataclass(slots=True)
class Match:
    """A gazetteer name found (or a span given) in a text, annotated by each stage:
    recognition sets ``feats``, ``logit``, ``role``, ``speech``, ``partial``;
    resolution ``choice``, ``share``, ``spread_km``, ``qualified``; stand-ins
    ``stand_in``."""

    start: int
    end: int
    hit: Hit | None
    feats: dict = field(default_factory=dict)
    logit: float = 0.0
    choice: int = -1
    share: float = 0.0
    given: bool = False
    role: str = "place"
    speech: bool = False
    partial: bool = False
    spread_km: float = 0.0  # distance to the farthest plausible alternative place
    qualified: bool = False  # "X, Texas", "X is a town in Y County"
    # a place the gazetteer lacks, placed among the others: (lat, lon, anchor, p)
    stand_in: tuple[float, float, int, float] | None = None
