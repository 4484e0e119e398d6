"""Collection pass: one call's events in, village namesakes re-chosen by its other events out."""

from __future__ import annotations

import math

import numpy as np

from .._geo import nearest_km
from .._geoparse import grid_cell
from . import rules

__all__ = ["collection_points", "join_points", "rechoose_namesakes"]


def collection_points(rows: list[dict]) -> tuple:
    """(latitude, longitude, day, number of rows) of the events a collection pass
    scores namesakes by: those claiming 25 km or better, before any moves. Gathered
    from the parts of a collection read apart and joined with :func:`join_points`,
    they are the whole collection's."""
    points = [r for r in rows if r["geo_precision"] <= 2]
    lat = np.array([r["latitude"] for r in points], dtype=np.float64)
    lon = np.array([r["longitude"] for r in points], dtype=np.float64)
    day = np.array([_day(r["event_date"]) for r in points], dtype=np.float64)
    return lat, lon, day, len(rows)


def join_points(parts) -> tuple:
    """The points of a collection's parts (see :func:`collection_points`), in order."""
    parts = list(parts)
    if not parts:
        return np.zeros(0), np.zeros(0), np.zeros(0), 0
    lat, lon, day = (np.concatenate([p[k] for p in parts]) for k in range(3))
    return lat, lon, day, sum(p[3] for p in parts)


def rechoose_namesakes(rows: list[dict], geoparser, points=None) -> int:
    """Move each event at a village whose name other villages of its region share to
    the namesake nearest the collection's other events of the same months; return how
    many moved.

    Only events that claim no more than their surroundings (geo_precision 2 or 3: an
    ambiguous name, "near X") at a village (under rules.NAMESAKE_TOWN_FLOOR people)
    move, and only among the places of the same kind their mention
    names in the same first-level division (a qualifier stays a hard limit). A namesake
    scores sum(exp(-(d / rules.NAMESAKE_KERNEL_KM)^2)) over the collection's events
    claiming 25 km or better within rules.NAMESAKE_WINDOW_DAYS of its date, d their
    distances; the best moves the event when it scores over rules.NAMESAKE_MIN_SCORE.
    The event's own point counts, so a tie keeps it. ``rows`` are event rows (see
    :func:`~.frame.event_row`), changed in place. ``points`` are the whole collection's
    (see :func:`collection_points`) when ``rows`` are only a part of it.
    """
    lat, lon, day, n_rows = collection_points(rows) if points is None else points
    if n_rows < 2 or not len(lat):
        return 0
    gaz = geoparser.gazetteer
    finder = geoparser.finder
    by_cell: dict[tuple[int, int], list[int]] = {}
    for i, (a, b) in enumerate(zip(lat.tolist(), lon.tolist(), strict=True)):
        by_cell.setdefault(grid_cell(a, b), []).append(i)
    cells = {c: np.array(ix) for c, ix in by_cell.items()}
    moved = 0
    for r in rows:
        b = r.get("_place", -1)
        if r["geo_precision"] < 2 or b < 0:
            continue
        info = gaz.place(b)
        if info.kind != "city" or info.population >= rules.NAMESAKE_TOWN_FLOOR:
            continue  # "Zaporizhzhia" is the city, whatever hamlet shares its name
        hit = finder.lookup(r["mention"])
        if hit is None or len(hit.places) < 2:
            continue
        p = hit.places
        same = (finder.admin1[p] == finder.admin1[b]) & (finder.country[p] == finder.country[b])
        namesakes = p[same & (finder.kind[p] == finder.kind[b])]
        if len(namesakes) < 2 or b not in namesakes:
            continue
        when = _day(r["event_date"])
        scores = [_score(finder.lat[c], finder.lon[c], when, cells, lat, lon, day)
                  for c in namesakes.tolist()]  # fmt: skip
        best = int(namesakes[int(np.argmax(scores))])
        if best != b and max(scores) > rules.NAMESAKE_MIN_SCORE:
            info = gaz.place(best)
            r.update(_place=best, location=info.name, geonameid=info.geonameid,
                     latitude=info.latitude, longitude=info.longitude)  # fmt: skip
            moved += 1
    return moved


def _day(value) -> float:
    """Days since 1970 of an event date, NaN when there is none."""
    if value is None:
        return math.nan
    try:
        return float(np.datetime64(value, "D").astype(np.int64))
    except (TypeError, ValueError):
        return math.nan


def _score(clat: float, clon: float, when: float, cells, lat, lon, day) -> float:
    """The kernel score of a point among the collection's events near it (see above)."""
    a, b = grid_cell(clat, clon)
    near = [cells[k] for k in ((a + i, b + j) for i in (-1, 0, 1) for j in (-1, 0, 1))
            if k in cells]  # fmt: skip
    if not near:
        return 0.0
    ix = np.concatenate(near)
    if not math.isnan(when):
        d = day[ix]
        ix = ix[np.isnan(d) | (np.abs(d - when) <= rules.NAMESAKE_WINDOW_DAYS)]
    if not len(ix):
        return 0.0
    km = nearest_km(lat[ix], lon[ix], np.array([clat]), np.array([clon]))
    return float(np.exp(-((km / rules.NAMESAKE_KERNEL_KM) ** 2)).sum())
