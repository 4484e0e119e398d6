"""Merging: events read from many reports in, one row per event with every source kept out.

Pairs are found by blocks: each event is put in a cell of a 3-D grid over the sphere
(cells as wide as the distance allowed) and in a bucket of days (as long as the days
allowed), all in one sorted integer key; only events of the same type in neighbouring
cells and buckets are compared (found by binary search on the key), all at once with
numpy. The pairs' connected components (chains of pairs merge too) are
found by label propagation, and each group becomes one row with pandas' group-by.
"""

from __future__ import annotations

import contextlib
import itertools
import warnings

import numpy as np

from .._errors import GeoEventsWarning, InvalidInputError
from .._frames import calendar_days, cell_text, checked_frame
from .._geo import EARTH_RADIUS_KM, paired_km
from .._validate import MAX_DAYS, checked_count, checked_number

__all__ = ["merge_events", "near_pairs"]

_SOURCE_COLUMNS = ("source", "source_url", "article_id")
# the 14 neighbour offsets of a 3-D cell that, with their opposites, make all 27: each
# pair of cells is visited once
_HALF = [d for d in itertools.product((-1, 0, 1), repeat=3) if d >= (0, 0, 0)]


def merge_events(gdf, *, days: int = 1, km: float = 10.0):
    """Merge the same event reported by several reports.

    Two events are the same when they have the same ``event_type``, dates at most
    ``days`` apart and points at most ``km`` apart (chains of such pairs merge too).
    The merged row keeps the most confident report's reading, the largest stated
    fatalities, and every source: ``source``, ``source_url`` and ``article_id``
    list all of them (separated by " | "), and ``n_reports`` counts them. Events
    without a date or a point are never merged (a given date that is not one is
    counted in a :class:`GeoEventsWarning`); each date counts on its own calendar day,
    whatever its time zone. ``days`` is a whole number of days (0 or more), ``km`` a
    finite distance (0 or more, any real number); anything else, a frame whose column
    names repeat, or an ``event_date`` of numbers (20220502 is no date), is an
    :class:`InvalidInputError` naming the argument. Work is linear in the number of events
    for events spread over places and days (20,000 in well under a second).

    Examples
    --------
    >>> from geoevents import extract_events
    >>> a = extract_events("Drones struck Odesa on 3 May 2022.", source="Agency A")
    >>> b = extract_events("Odesa was hit by drones on 3 May 2022.", source="Agency B")
    >>> import pandas as pd
    >>> merged = merge_events(pd.concat([a, b]))
    >>> len(merged), merged.iloc[0]["source"], int(merged.iloc[0]["n_reports"])
    (1, 'Agency A | Agency B', 2)
    """
    import pandas as pd

    if not isinstance(gdf, pd.DataFrame):
        raise InvalidInputError(f"merge_events needs an events frame, not {type(gdf).__name__}")
    checked_frame(gdf, "gdf")
    days = checked_count("days", days, maximum=MAX_DAYS)
    km = checked_number("km", km)
    missing = [c for c in ("event_type", "event_date", "latitude", "longitude") if c not in gdf]
    if missing:
        raise InvalidInputError(f"merge_events: the frame has no column(s) {missing}")
    if not len(gdf):
        out = gdf.copy()
        out["n_reports"] = pd.array([], dtype="Int64")
        return out
    frame = gdf.reset_index(drop=True)
    day, unreadable = calendar_days(frame, "gdf")
    _warn_unmergeable(frame, unreadable)
    group = _components(len(frame), _linking_pairs(frame, day, days, km))
    return _merged(gdf, frame, group)


def _numbers(column) -> np.ndarray:
    """A column of numbers as floats; NaN where a cell holds no number (text, a list)."""
    import pandas as pd

    return pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _warn_unmergeable(frame, unreadable: int) -> None:
    """One warning (called by merge_events: stacklevel=3) for the events kept unmerged
    because a given date is not a date or a given latitude/longitude not a number."""
    told = [f"{unreadable} event(s) have an event_date that is not a date"] if unreadable else []
    for column in ("latitude", "longitude"):
        values = frame[column]
        bad = values.notna().to_numpy() & np.isnan(_numbers(values))
        if bad.any():  # of those, a blank cell is an empty one, not a wrong one
            bad &= ~values.map(lambda v: isinstance(v, str) and not v.strip()).to_numpy(bool)
        bad = int(bad.sum())
        if bad:
            told.append(f"{bad} event(s) have a {column} that is not a number")
    if told:
        warnings.warn(f"{'; '.join(told)}: they are kept, and merged with none",
                      GeoEventsWarning, stacklevel=3)  # fmt: skip


def _linking_pairs(frame, day, days: int, km: float) -> tuple[np.ndarray, np.ndarray]:
    """Pairs that join the same chains as all of :func:`near_pairs`: events of one type,
    day and point are joined to the first of them, and only those first ones are
    compared (a town's 6,000 events of one day are 6,000 links, not 18 million pairs).
    ``day``: each event's, as :func:`~geoevents._frames.calendar_days` gives it."""
    import pandas as pd

    lat, lon = _numbers(frame["latitude"]), _numbers(frame["longitude"])
    rows = np.flatnonzero(~np.isnat(day) & np.isfinite(lat) & np.isfinite(lon))
    if len(rows) < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    types = pd.factorize(frame["event_type"].astype(str).to_numpy()[rows])[0]
    key = np.stack([types.astype(np.int64), day[rows].astype(np.int64),
                    lat[rows].view(np.int64), lon[rows].view(np.int64)], axis=1)  # fmt: skip
    _u, first, inverse = np.unique(key, axis=0, return_index=True, return_inverse=True)
    firsts = rows[np.sort(first)]
    i, j = near_pairs(frame.iloc[firsts], days, km)
    lead = rows[first[inverse.reshape(-1)]]
    same = lead != rows
    return np.concatenate([firsts[i], lead[same]]), np.concatenate([firsts[j], rows[same]])


def near_pairs(frame, days: int, km: float) -> tuple[np.ndarray, np.ndarray]:
    """(i, j) of the events that are the same by type, date and place."""
    import pandas as pd

    day = calendar_days(frame, "events")[0]
    lat, lon = _numbers(frame["latitude"]), _numbers(frame["longitude"])
    ok = ~np.isnat(day) & np.isfinite(lat) & np.isfinite(lon)
    idx = np.flatnonzero(ok)
    if len(idx) < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    types = pd.factorize(frame["event_type"].astype(str).to_numpy()[idx])[0]
    d = day[idx].astype(np.int64)
    la, lo = np.radians(lat[idx]), np.radians(lon[idx])
    xyz = np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=1)
    span = int(d.max() - d.min()) // max(days, 1) + 3
    # cells as wide as the radius, coarser when a tiny radius would overflow the key
    limit = (2**62 / ((int(types.max()) + 1) * span)) ** (1 / 3) - 3
    size = max(km / EARTH_RADIUS_KM, 2.0 / max(limit, 1.0))
    cell = np.floor(xyz / size).astype(np.int64)
    cell -= cell.min(axis=0) - 1  # from 1: a neighbour's coordinate stays >= 0
    bucket = d // max(days, 1)
    bucket -= bucket.min() - 1
    width = [int(w) + 2 for w in cell.max(axis=0)] + [int(bucket.max()) + 2]
    # one integer per (type, cell, bucket); a neighbour's is that plus a fixed step
    step = [width[1] * width[2] * width[3], width[2] * width[3], width[3], 1]
    key = ((types * width[0] + cell[:, 0]) * width[1] + cell[:, 1]) * width[2] + cell[:, 2]
    key = key * width[3] + bucket
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    plat, plon = lat[idx], lon[idx]
    found_i, found_j = [], []
    for db in (0, 1):
        for dx, dy, dz in _HALF if db == 0 else itertools.product((-1, 0, 1), repeat=3):
            target = key + (dx * step[0] + dy * step[1] + dz * step[2] + db * step[3])
            lo = np.searchsorted(sorted_key, target, "left")
            count = np.searchsorted(sorted_key, target, "right") - lo
            a = np.repeat(np.arange(len(key)), count)
            first = np.repeat(lo - (np.cumsum(count) - count), count)
            b = order[np.arange(len(a)) + first]
            keep = a != b
            if db == 0 and (dx, dy, dz) == (0, 0, 0):
                keep &= a < b  # the same cell: each pair once
            a, b = a[keep], b[keep]
            near = (np.abs(d[a] - d[b]) <= days) & (
                paired_km(plat[a], plon[a], plat[b], plon[b]) <= km
            )
            found_i.append(idx[a[near]])
            found_j.append(idx[b[near]])
    return np.concatenate(found_i), np.concatenate(found_j)


def _components(n: int, pairs: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """For each of ``n`` events, the smallest index of its chain of pairs: the pairs'
    roots are hooked, the larger under the smaller, and paths are halved until every
    event points at its root, again until no pair joins two roots (a few rounds even
    for long chains)."""
    parent = np.arange(n)
    i, j = pairs
    while len(i):
        ri, rj = parent[i], parent[j]
        apart = ri != rj
        if not apart.any():
            break
        i, j, ri, rj = i[apart], j[apart], ri[apart], rj[apart]
        np.minimum.at(parent, np.maximum(ri, rj), np.minimum(ri, rj))
        while True:  # every event to its root
            up = parent[parent]
            if np.array_equal(up, parent):
                break
            parent = up
    return parent


def _merged(gdf, frame, group: np.ndarray):
    """One row per group: the most confident member's reading, every source, the largest
    stated fatalities, the number of reports; in the order of each group's first row."""
    import geopandas as gpd
    import pandas as pd

    n = len(frame)
    # a confidence that is no number ranks below every number
    conf = _numbers(frame["confidence"]) if "confidence" in frame else np.zeros(n)
    rank = pd.DataFrame({"g": group, "c": np.nan_to_num(conf, nan=-1.0), "i": np.arange(n)})
    # the most confident, the first of equals
    best = rank.sort_values(["g", "c", "i"], ascending=[True, False, True]).drop_duplicates("g")
    best = best.sort_values("g")
    merged = frame.iloc[best["i"].to_numpy()].reset_index(drop=True)
    by_group = pd.Series(np.arange(n)).groupby(group)
    groups = best["g"].to_numpy()
    for col in _SOURCE_COLUMNS:
        if col in frame:
            # each group's distinct non-empty texts, in the order of its rows
            # a list or a dict in a cell is listed as its text, never dropped
            values = np.array([cell_text(v) for v in frame[col]], dtype=object)
            text = np.fromiter((isinstance(v, str) and v != "" for v in values), bool, n)
            listed = pd.DataFrame({"g": group[text], "v": values[text]}).drop_duplicates()
            listed = listed.sort_values("g", kind="stable")  # rows keep their order
            gs, vs = listed["g"].to_numpy(), listed["v"].tolist()
            cuts = [0, *(np.flatnonzero(np.diff(gs)) + 1).tolist(), len(gs)] if len(gs) else []
            joined = {int(gs[a]): " | ".join(vs[a:b]) for a, b in itertools.pairwise(cuts)}
            merged[col] = [joined.get(int(k)) for k in groups]
    if "fatalities" in frame:
        deaths = pd.to_numeric(frame["fatalities"], errors="coerce").groupby(group).max()
        merged["fatalities"] = deaths.reindex(groups).to_numpy()
    merged["n_reports"] = by_group.size().reindex(groups).to_numpy()
    for col in frame.columns:
        if col in merged and col != "geometry":
            with contextlib.suppress(TypeError, ValueError):
                merged[col] = merged[col].astype(frame[col].dtype)
    merged["n_reports"] = merged["n_reports"].astype("Int64")
    if "geometry" in merged:
        return gpd.GeoDataFrame(merged, geometry="geometry", crs=getattr(gdf, "crs", "EPSG:4326"))
    return merged
