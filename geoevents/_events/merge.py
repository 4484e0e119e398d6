"""Merging: events read from many reports in, one row per event with every source kept out."""

from __future__ import annotations

import contextlib

import numpy as np

from .._errors import InvalidInputError
from .._geo import km as great_circle_km

__all__ = ["merge_events"]


def merge_events(gdf, *, days: int = 1, km: float = 10.0):
    """Merge the same event reported by several reports.

    Two events are the same when they have the same ``event_type``, dates at most
    ``days`` apart and points at most ``km`` apart (chains of such pairs merge too).
    The merged row keeps the most confident report's reading, the largest stated
    fatalities, and every source: ``source``, ``source_url`` and ``article_id``
    list all of them (separated by " | "), and ``n_reports`` counts them.

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
    import geopandas as gpd
    import pandas as pd

    if not isinstance(gdf, pd.DataFrame):
        raise InvalidInputError(f"merge_events needs an events frame, not {type(gdf).__name__}")
    missing = [c for c in ("event_type", "event_date", "latitude", "longitude") if c not in gdf]
    if missing:
        raise InvalidInputError(f"merge_events: the frame has no column(s) {missing}")
    if not len(gdf):
        out = gdf.copy()
        out["n_reports"] = pd.array([], dtype="Int64")
        return out
    frame = gdf.reset_index(drop=True)
    n = len(frame)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    dates = pd.to_datetime(frame["event_date"]).to_numpy()
    lat = frame["latitude"].to_numpy(dtype=float)
    lon = frame["longitude"].to_numpy(dtype=float)
    types = frame["event_type"].astype(str).to_numpy()
    window = np.timedelta64(days, "D")
    for etype in np.unique(types):
        idx = np.flatnonzero(types == etype)
        order = idx[np.argsort(dates[idx], kind="stable")]
        for a_pos, i in enumerate(order):
            if np.isnat(dates[i]) or np.isnan(lat[i]):
                continue
            for j in order[a_pos + 1 :]:
                if np.isnat(dates[j]):
                    continue
                if dates[j] - dates[i] > window:
                    break
                if great_circle_km(lat[i], lon[i], lat[j], lon[j]) <= km:
                    parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    rows = []
    conf = frame["confidence"].to_numpy(dtype=float) if "confidence" in frame else np.zeros(n)
    for members in groups.values():
        best = max(members, key=lambda i: (np.nan_to_num(conf[i], nan=-1), -i))
        row = frame.iloc[best].to_dict()
        for col in ("source", "source_url", "article_id"):
            if col in frame:
                seen = []
                for i in members:
                    v = frame.iloc[i][col]
                    if isinstance(v, str) and v and v not in seen:
                        seen.append(v)
                row[col] = " | ".join(seen) if seen else None
        if "fatalities" in frame:
            vals = [frame.iloc[i]["fatalities"] for i in members]
            vals = [int(v) for v in vals if v is not None and not pd.isna(v)]
            row["fatalities"] = max(vals) if vals else None
        row["n_reports"] = len(members)
        rows.append((min(members), row))
    rows.sort(key=lambda r: r[0])
    merged = pd.DataFrame([r for _, r in rows])
    for col in frame.columns:
        if col in merged and col != "geometry":
            with contextlib.suppress(TypeError, ValueError):
                merged[col] = merged[col].astype(frame[col].dtype)
    merged["n_reports"] = merged["n_reports"].astype("Int64")
    if "geometry" in merged:
        return gpd.GeoDataFrame(merged, geometry="geometry", crs=getattr(gdf, "crs", "EPSG:4326"))
    return merged
