"""Comparison of two event sets: which rows match one-to-one, and what each side alone has.

Researchers check what reports say against curated datasets (ACLED, UCDP) and one
dataset against another. Two rows *match* when they are at most ``km`` apart and
``days`` apart (and of the same type with ``types="same"``); each row matches at most
one row of the other side, the nearest pairs first (fewest days apart, then fewest
km), so a busy day in one city does not let one row vouch for ten. Rows without a
date or a point cannot be compared: they are kept apart in :attr:`Comparison.skipped`
with a warning, never dropped silently.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np

from ._errors import GeoEventsWarning, InvalidInputError
from ._frames import calendar_days, cell_text, checked_frame
from ._validate import MAX_DAYS, checked_count, checked_number

__all__ = ["Comparison", "compare_events"]

# how the layers of a comparison map are named and coloured: matched rows in a neutral
# dark grey, each side's own rows in the colours notebook 04 gives "ours" and "theirs"
GROUPS = ("matched", "ours only", "theirs only")
GROUP_COLORS = {"matched": "#444444", "ours only": "#d62728", "theirs only": "#1f77b4"}
# the columns of each side that the table of matched pairs shows
PAIR_COLUMNS = ("event_date", "event_type", "location", "geo_precision", "fatalities")
TYPE_RULES = ("any", "same")


@dataclass(frozen=True, repr=False)
class Comparison:
    """What :func:`compare_events` found.

    Attributes
    ----------
    matched : pandas.DataFrame
        One row per matched pair: ``ours`` and ``theirs`` (the rows' index labels),
        ``km``, ``days`` (theirs minus ours), ``same_type``, and each side's
        :data:`PAIR_COLUMNS` with the suffixes ``_ours`` and ``_theirs``.
    ours_only, theirs_only : GeoDataFrame
        The rows of each side that match no row of the other (index kept).
    ours_matched, theirs_matched : GeoDataFrame
        The rows of each side that match, in the order of ``matched``.
    skipped : dict
        ``{"ours": frame, "theirs": frame}``: rows without a date or a point.
    km, days, types :
        The tolerances the comparison used.
    """

    matched: object
    ours_only: object = field(repr=False)
    theirs_only: object = field(repr=False)
    ours_matched: object = field(repr=False)
    theirs_matched: object = field(repr=False)
    skipped: dict = field(repr=False)
    km: float = 10.0
    days: int = 1
    types: str = "any"

    def __repr__(self) -> str:
        skipped = sum(len(v) for v in self.skipped.values())
        return (f"Comparison({len(self.matched)} matched, {len(self.ours_only)} ours only, "
                f"{len(self.theirs_only)} theirs only, {skipped} skipped; km={self.km:g}, "
                f"days={self.days}, types={self.types!r})")  # fmt: skip

    def summary(self):
        """Counts per event type, each side's rows by their own type: rows compared,
        matched and alone, and the share of each side the other confirms.

        Examples
        --------
        >>> compare_events(ours, theirs).summary()  # doctest: +SKIP
        """
        import pandas as pd

        def by_type(frame):
            if not len(frame):
                return pd.Series(dtype=int)
            kinds = frame["event_type"] if "event_type" in frame else pd.Series("", frame.index)
            return pd.Series(_type_texts(kinds), dtype=object).fillna("(no type)").value_counts()

        table = pd.DataFrame({
            "ours_matched": by_type(self.ours_matched), "ours_only": by_type(self.ours_only),
            "theirs_matched": by_type(self.theirs_matched),
            "theirs_only": by_type(self.theirs_only),
        }).fillna(0).astype(int).sort_index()  # fmt: skip
        table.loc["all"] = table.sum()
        table.insert(0, "ours", table["ours_matched"] + table["ours_only"])
        table.insert(3, "theirs", table["theirs_matched"] + table["theirs_only"])
        table.index.name = "event_type"
        return table

    def groups(self):
        """Both sides in one GeoDataFrame with a ``comparison`` column: "matched" (our
        row of each pair), "ours only" or "theirs only"; ``side`` says whose row it is."""
        import geopandas as gpd
        import pandas as pd

        parts = [
            self.ours_matched.assign(comparison="matched", side="ours"),
            self.ours_only.assign(comparison="ours only", side="ours"),
            self.theirs_only.assign(comparison="theirs only", side="theirs"),
        ]
        parts = [p.reset_index(drop=True) for p in parts if len(p)]
        if not parts:
            return gpd.GeoDataFrame({"comparison": [], "side": []}, geometry=[], crs="EPSG:4326")
        return gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs="EPSG:4326")

    def map(self, *, m=None, name: str = "Comparison", **options):
        """The three groups as one set of layers of a map, one colour each (see
        :data:`GROUP_COLORS`); ``options`` go to :func:`geoevents.map_events`.

        Examples
        --------
        >>> cmp = compare_events(ours, theirs)  # doctest: +SKIP
        >>> cmp.map().save("comparison.html")  # doctest: +SKIP
        """
        from ._maps import map_events

        return map_events(self, m=m, name=name, **options)


def _usable(frame, side: str):
    """(the comparable rows' positions, points, dates and types; the other rows)."""
    import pandas as pd

    from ._maps.payload import lon_lat  # the points a map draws: the same rows compare

    if not isinstance(frame, pd.DataFrame):
        raise InvalidInputError(f"{side} must be a DataFrame or GeoDataFrame of events, "
                                f"not {type(frame).__name__}")  # fmt: skip
    checked_frame(frame, side)
    if "event_date" not in frame:
        raise InvalidInputError(f"{side} has no 'event_date' column")
    try:
        lon, lat = lon_lat(frame)
    except InvalidInputError as exc:
        raise InvalidInputError(f"{side}: {exc}") from None
    # each date on its own calendar day, whatever its zone (one side's may have one)
    dates, _unreadable = calendar_days(frame, side)
    dated = ~np.isnat(dates)
    ok = (dated & np.isfinite(lat) & np.isfinite(lon)
          & (np.abs(lat) <= 90) & (np.abs(lon) <= 180))  # fmt: skip
    points = pd.DataFrame({"row": np.arange(len(frame)), "latitude": lat, "longitude": lon,
                           "event_date": dates,
                           "event_type": _type_texts(frame["event_type"])
                           if "event_type" in frame else None}, index=frame.index)  # fmt: skip
    return points[ok], frame[~ok]


def _type_texts(column) -> np.ndarray:
    """Event types as text (a list or a dict in a cell too), NaN where none is given."""
    texts = (cell_text(v) for v in column.to_numpy(dtype=object))
    return np.array([np.nan if t is None else t for t in texts], dtype=object)


def _as_geoframe(frame):
    import geopandas as gpd

    if isinstance(frame, gpd.GeoDataFrame):
        return frame
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["longitude"],
                            frame["latitude"]), crs="EPSG:4326")  # fmt: skip


def compare_events(ours, theirs, *, km: float = 10.0, days: int = 1, types: str = "any"):
    """Match two event sets one-to-one by place and date; say what each side alone has.

    Parameters
    ----------
    ours, theirs : GeoDataFrame or DataFrame
        Events with ``event_date`` and a point (a geometry, or ``latitude``/
        ``longitude``): the output of :func:`extract_events`, :func:`read_acled`,
        :func:`read_ucdp`, or any such frame. Neither is modified; their index labels
        name the rows in the result. Each date counts on its own calendar day, whatever
        its time zone; a frame whose column names repeat, or whose ``event_date`` holds
        numbers (20220502 is no date), is refused.
    km : float, default 10
        The farthest two matching rows may be apart (great-circle km). Datasets place
        an event at its town; widen it (25 km) for events placed at a district.
    days : int, default 1
        The most days two matching rows may be apart ("overnight", "yesterday").
    types : {"any", "same"}, default "any"
        Whether two rows of different ``event_type`` may match. With ``"any"``, the
        ``same_type`` column of :attr:`Comparison.matched` still tells.

    Returns
    -------
    Comparison
        ``matched`` pairs, ``ours_only`` and ``theirs_only`` rows, rows ``skipped``;
        ``summary()`` counts them by type and ``map()`` draws them.

    Examples
    --------
    >>> import pandas as pd
    >>> ours = pd.DataFrame({"event_date": ["2022-05-01", "2022-05-03"],
    ...     "event_type": ["Battles", "Protests"], "latitude": [48.0, 50.45],
    ...     "longitude": [37.8, 30.52]})
    >>> theirs = pd.DataFrame({"event_date": ["2022-05-02", "2022-05-09"],
    ...     "event_type": ["Battles", "Battles"], "latitude": [48.03, 47.1],
    ...     "longitude": [37.82, 37.55]})
    >>> cmp = compare_events(ours, theirs)
    >>> cmp.matched[["ours", "theirs", "days", "same_type"]].to_dict("records")
    [{'ours': 0, 'theirs': 0, 'days': 1, 'same_type': True}]
    >>> len(cmp.ours_only), len(cmp.theirs_only)
    (1, 1)
    """
    import pandas as pd

    from ._events.merge import near_pairs

    km = checked_number("km", km)
    days = checked_count("days", days, maximum=MAX_DAYS)
    if types not in TYPE_RULES:
        raise InvalidInputError(f"types must be one of {', '.join(TYPE_RULES)}, not {types!r}")
    a, skipped_a = _usable(ours, "ours")
    b, skipped_b = _usable(theirs, "theirs")
    for side, skipped in (("ours", skipped_a), ("theirs", skipped_b)):
        if len(skipped):
            warnings.warn(f"{len(skipped)} row(s) of {side} have no usable date or point and "
                          "are not compared (Comparison.skipped)", GeoEventsWarning,
                          stacklevel=2)  # fmt: skip
    both = pd.concat([a, b], ignore_index=True)
    both["event_type"] = "any" if types == "any" else both["event_type"].astype(str)
    i, j = near_pairs(both, days, km) if len(both) > 1 else (np.zeros(0, int), np.zeros(0, int))
    n = len(a)
    cross = (i < n) != (j < n)
    i, j = i[cross], j[cross]
    x, y = _one_to_one(a, b, np.where(i < n, i, j), np.where(i < n, j, i) - n)
    matched = _matched_table(ours, theirs, a, b, (x, y))
    rows_a, rows_b = a["row"].to_numpy(), b["row"].to_numpy()
    alone_a = np.setdiff1d(rows_a, rows_a[x])
    alone_b = np.setdiff1d(rows_b, rows_b[y])
    return Comparison(matched=matched, ours_only=_as_geoframe(ours.iloc[alone_a]),
                      theirs_only=_as_geoframe(theirs.iloc[alone_b]),
                      ours_matched=_as_geoframe(ours.iloc[rows_a[x]]),
                      theirs_matched=_as_geoframe(theirs.iloc[rows_b[y]]),
                      skipped={"ours": skipped_a, "theirs": skipped_b}, km=km, days=days,
                      types=types)  # fmt: skip


def _one_to_one(a, b, mine: np.ndarray, yours: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The candidate pairs taken greedily, nearest first (days apart, then km, then
    row order), each row at most once."""
    from ._geo import paired_km

    if not len(mine):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    gap = np.abs((b["event_date"].to_numpy()[yours] - a["event_date"].to_numpy()[mine])
                 .astype("timedelta64[D]").astype(np.int64))  # fmt: skip
    dist = paired_km(a["latitude"].to_numpy()[mine], a["longitude"].to_numpy()[mine],
                     b["latitude"].to_numpy()[yours], b["longitude"].to_numpy()[yours])  # fmt: skip
    order = np.lexsort((yours, mine, dist, gap))
    taken_a, taken_b = np.zeros(len(a), bool), np.zeros(len(b), bool)
    out_a, out_b = [], []
    for k in order:
        x, y = mine[k], yours[k]
        if not taken_a[x] and not taken_b[y]:
            taken_a[x] = taken_b[y] = True
            out_a.append(x)
            out_b.append(y)
    out_a, out_b = np.array(out_a, dtype=np.int64), np.array(out_b, dtype=np.int64)
    by_ours = np.argsort(out_a, kind="stable")
    return out_a[by_ours], out_b[by_ours]


def _matched_table(ours, theirs, a, b, pairs):
    import pandas as pd

    from ._geo import paired_km

    x, y = pairs
    rows_a, rows_b = a["row"].to_numpy()[x], b["row"].to_numpy()[y]
    table = pd.DataFrame({
        "ours": ours.index[rows_a], "theirs": theirs.index[rows_b],
        "km": np.round(paired_km(a["latitude"].to_numpy()[x], a["longitude"].to_numpy()[x],
                                 b["latitude"].to_numpy()[y], b["longitude"].to_numpy()[y]), 2),
        "days": ((b["event_date"].to_numpy()[y] - a["event_date"].to_numpy()[x])
                 .astype("timedelta64[D]").astype(np.int64)),
        "same_type": (a["event_type"].to_numpy()[x] == b["event_type"].to_numpy()[y])
        if len(x) else np.zeros(0, bool),
    })  # fmt: skip
    for side, frame, rows in (("ours", ours, rows_a), ("theirs", theirs, rows_b)):
        for column in PAIR_COLUMNS:
            if column in frame:
                table[f"{column}_{side}"] = frame[column].to_numpy()[rows]
    return table
