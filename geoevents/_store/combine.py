"""Merged events from their sources: one row per event from the extractions that support it.

As ACLED merges: the most precise place (then the most confident reading), the
earliest of the most precise dates, the lowest stated fatalities; the most confident
reading's type, actors (filled from the others where it names none), notes and status;
every source, link and report id kept (" | "-separated), ``n_sources`` the number of
reports.
"""

from __future__ import annotations

import itertools

import numpy as np

__all__ = ["combine"]

_PLACE = ("location", "admin1", "country", "country_code", "geonameid", "latitude",
          "longitude", "geo_precision", "mention")  # fmt: skip
_READING = ("event_type", "sub_event_type", "status", "notes", "lang", "confidence")
_ACTORS = ("actor1", "actor2")
_LISTED = ("source", "source_url", "article_id")
BAND_DEGREES = 0.1  # the latitude band events are blocked by (about 11 km: above rules.KM)


def lat_band(latitude):
    """The block of latitude an event is looked up in (NaN for no point: band -1).

    Examples
    --------
    >>> import numpy as np
    >>> lat_band(np.array([50.45, -0.05, np.nan])).tolist()
    [504, -1, -1]
    """
    lat = np.asarray(latitude, dtype=float)
    out = np.floor(np.nan_to_num(lat, nan=-0.1) / BAND_DEGREES)
    return np.where(np.isfinite(lat), out, -1).astype(np.int64)


def _first(frame, by: list[str], ascending: list[bool]):
    """Each event's first row when its rows are sorted by ``by`` (missing values last)."""
    ordered = frame.sort_values(["event_id", *by], ascending=[True, *ascending],
                                na_position="last", kind="stable")  # fmt: skip
    return ordered.drop_duplicates("event_id").set_index("event_id")


def _listed(frame, column: str):
    """Each event's distinct non-empty values of ``column``, in order, " | "-joined."""
    import pandas as pd

    values = frame[["event_id", column]].dropna()
    values = values[values[column].astype(str) != ""].drop_duplicates()
    if not len(values):
        return pd.Series(dtype=object)
    # rows grouped by event (in order within each), cut where the event changes
    values = values.sort_values("event_id", kind="stable")
    ids, texts = values["event_id"].to_numpy(), values[column].astype(str).tolist()
    cuts = [0, *(np.flatnonzero(ids[1:] != ids[:-1]) + 1).tolist(), len(ids)]
    joined = {ids[a]: " | ".join(texts[a:b]) for a, b in itertools.pairwise(cuts)}
    return pd.Series(joined, dtype=object)


def combine(members, run_id: int):
    """One row per event_id of ``members`` (extraction rows with ``event_id``,
    ``report_id``, ``run_id`` and ``order``: the order they were linked in).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"event_id": ["e", "e"], "report_id": ["r1", "r2"],
    ...     "run_id": [1, 2], "order": [0, 1], "event_date": pd.to_datetime(["2022-05-03",
    ...     "2022-05-02"]), "time_precision": [1, 1], "event_type": ["Battles"] * 2,
    ...     "sub_event_type": ["Armed clash"] * 2, "actor1": [None, "Russian forces"],
    ...     "actor2": [None, None], "location": ["Izium", "Kapytolivka"],
    ...     "admin1": ["Kharkiv"] * 2, "country": ["Ukraine"] * 2,
    ...     "country_code": ["UA"] * 2, "geonameid": [1, 2], "latitude": [49.2, 49.1],
    ...     "longitude": [37.3, 37.2], "geo_precision": [2, 1], "fatalities": [4, 3],
    ...     "status": ["reported"] * 2, "confidence": [0.9, 0.7], "notes": ["a", "b"],
    ...     "mention": ["Izium", "Kapytolivka"], "lang": ["en"] * 2,
    ...     "source": ["A", "B"], "source_url": [None, None], "article_id": ["1", "2"]})
    >>> row = combine(m, 2).iloc[0]
    >>> row["location"], str(row["event_date"].date()), int(row["fatalities"]), row["actor1"]
    ('Kapytolivka', '2022-05-02', 3, 'Russian forces')
    >>> row["source"], int(row["n_sources"]), int(row["first_run"])
    ('A | B', 2, 1)
    """
    import pandas as pd

    frame = members.sort_values(["event_id", "order"], kind="stable")
    place = _first(frame, ["geo_precision", "confidence", "order"], [True, False, True])
    date = _first(frame, ["time_precision", "event_date", "order"], [True, True, True])
    best = _first(frame, ["confidence", "order"], [False, True])
    out = pd.DataFrame(index=best.index)
    out["event_date"] = date["event_date"]
    out["time_precision"] = date["time_precision"]
    for col in _READING:
        out[col] = best[col]
    groups = frame.groupby("event_id", sort=False)
    for col in _ACTORS:
        # the best reading's actor, else the first another reading names
        out[col] = best[col].fillna(groups[col].first())
    for col in _PLACE:
        out[col] = place[col]
    out["fatalities"] = groups["fatalities"].min()
    for col in _LISTED:
        out[col] = _listed(frame, col)
    out["n_sources"] = groups["report_id"].nunique()
    out["lat_band"] = lat_band(out["latitude"].to_numpy(dtype=float))
    out["first_run"] = groups["run_id"].min()
    out["updated_run"] = run_id
    return out.reset_index()
