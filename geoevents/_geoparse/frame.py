"""The mention table: annotated matches in, its rows (and geoparse's DataFrame) out.

:class:`TableWriter` turns the stages' working records into the rows of the mention
table (:class:`~.records.Mention`), the documented seam to later stages; :func:`frame`
makes :func:`geoparse`'s DataFrame of them (``COLUMNS``).
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING

import numpy as np

from .. import _lexicon as lex
from .._gazetteer.gazetteer import Gazetteer
from .._gazetteer.sources import KINDS
from . import rules
from .records import Match, Mention

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["COLUMNS", "TableWriter", "frame"]

COLUMNS = (
    "start", "end", "mention", "name", "kind", "country_code", "admin1", "latitude",
    "longitude", "geonameid", "precision", "confidence", "role",
)  # fmt: skip
_STRING_COLUMNS = ("mention", "name", "kind", "country_code", "admin1", "role")
# precision a place of each kind claims by itself: 1 the place, 2 near it, 3 a region
_PRECISION_BY_KIND = {
    k: {"city": 1, "facility": 1, "natural": 2, "admin3": 2, "admin2": 2}.get(k, 3) for k in KINDS
}
_EMPTY_IDS = np.zeros(0, dtype=np.int64)


class TableWriter:
    """Writes the rows of the mention table from resolved matches; the chosen places'
    attributes come from :meth:`Gazetteer.place`."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    @staticmethod
    def precision(text: str, m: Match, precision: int) -> int:
        """1 the place itself; 2 near it ("near X", "east of X", "in the direction of
        X", "the X axis"); 3 a region."""
        if precision < 2:
            before = text[max(0, m.start - 25) : m.start].lower().split()
            if before and (
                before[-1] in lex.NEAR_WORDS
                or (len(before) >= 2 and before[-1] == "of" and before[-2] in lex.DIRECTIONS)
                or " ".join(before[-2:]) in lex.NEAR_PHRASES
            ):
                return 2
            if lex.AXIS_AFTER.match(text, m.end):
                return 2
        return precision

    @staticmethod
    def confidence(m: Match) -> float:
        return round(m.share / (1.0 + math.exp(-m.logit)), 4)

    @staticmethod
    def role(m: Match, kind: str) -> str:
        if m.role == "place" and m.speech and kind in rules.METONYM_KINDS:
            return "metonym"
        return m.role

    def rows(self, text: str, mentions: list[Match]) -> list[Mention]:
        """The rows of the mention table (see :class:`Mention`)."""
        rows = []
        nan = math.nan
        for m in mentions:
            surface = text[m.start : m.end]
            candidates = m.hit.places if m.hit is not None else _EMPTY_IDS
            if m.stand_in is not None:
                # a place the gazetteer lacks: where the places around it are
                la, lo, anchor, p = m.stand_in
                near = self.gazetteer.place(anchor)
                rows.append(Mention(
                    m.start, m.end, surface, "place", -1, surface, "unknown", near.country_code,
                    near.admin1, la,
                    lo, None, 3, round(p / (1.0 + math.exp(-m.logit)), 4), candidates,
                    m.share, m.spread_km, m.partial, m.qualified,
                ))  # fmt: skip
                continue
            b = m.choice
            if b < 0:
                rows.append(Mention(
                    m.start, m.end, surface, None, -1, None, None, None, None, nan, nan, None,
                    None, nan, candidates, m.share, m.spread_km, m.partial, m.qualified,
                ))  # fmt: skip
                continue
            place = self.gazetteer.place(b)
            rows.append(Mention(
                m.start, m.end, surface, self.role(m, place.kind), b, place.name, place.kind,
                place.country_code, place.admin1, place.latitude, place.longitude,
                place.geonameid, self.precision(text, m, _PRECISION_BY_KIND[place.kind]),
                self.confidence(m), candidates, m.share, m.spread_km, m.partial, m.qualified,
            ))  # fmt: skip
        return rows


def frame(rows: list[Mention]) -> pd.DataFrame:
    """The mention table as geoparse's DataFrame (``COLUMNS``, fixed dtypes)."""
    import pandas as pd

    n = len(rows)
    starts = np.empty(n, dtype=np.int64)
    ends = np.empty(n, dtype=np.int64)
    lat = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    conf = np.full(n, np.nan)
    gid = np.zeros(n, dtype=np.int64)
    gid_na = np.ones(n, dtype=bool)
    prec = np.zeros(n, dtype=np.int64)
    prec_na = np.ones(n, dtype=bool)
    strings: dict[str, list] = {c: [None] * n for c in _STRING_COLUMNS}
    for i, r in enumerate(rows):
        starts[i] = r.start
        ends[i] = r.end
        strings["mention"][i] = r.mention
        if r.kind is None:
            continue
        strings["name"][i] = r.name
        strings["kind"][i] = r.kind
        strings["country_code"][i] = r.country_code
        strings["admin1"][i] = r.admin1
        strings["role"][i] = r.role
        lat[i] = r.latitude
        lon[i] = r.longitude
        if r.geonameid is not None:
            gid[i] = r.geonameid
            gid_na[i] = False
        prec[i] = r.precision
        prec_na[i] = False
        conf[i] = r.confidence
    data = {
        "start": starts,
        "end": ends,
        "latitude": lat,
        "longitude": lon,
        "geonameid": pd.arrays.IntegerArray(gid, gid_na),
        "precision": pd.arrays.IntegerArray(prec, prec_na),
        "confidence": conf,
    }
    for c, values in strings.items():
        data[c] = pd.array(values, dtype=_str_dtype())
    return _frame_from_arrays(data)


def _frame_from_arrays(data: dict):
    """A DataFrame of ``COLUMNS`` from ready-made arrays (no copies, no inference)."""
    import pandas as pd

    arrays = [data[c] for c in COLUMNS]
    try:  # pandas' fast path for already-typed columns
        return pd.DataFrame._from_arrays(
            arrays, columns=list(COLUMNS), index=pd.RangeIndex(len(arrays[0])),
            verify_integrity=False,
        )  # fmt: skip
    except (AttributeError, TypeError):  # pragma: no cover - other pandas versions
        return pd.DataFrame(data, columns=list(COLUMNS), copy=False)


@functools.lru_cache(maxsize=1)
@functools.lru_cache(maxsize=1)
def _str_dtype():
    """pandas' dtype for text (``str``; object before pandas 3), stored as Python
    strings: many small frames are built several times faster than with pyarrow
    storage, and the values read the same."""
    import pandas as pd

    dtype = pd.Series(["x"], dtype="str").dtype
    if getattr(dtype, "storage", None) == "pyarrow":
        dtype = pd.StringDtype(storage="python", na_value=dtype.na_value)
    return dtype
