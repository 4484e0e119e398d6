"""map_events: an events frame -> one more set of layers on a folium map (checked, then drawn).

The checks and the warnings happen here, at the boundary; the payload module
computes the document the page draws, the elements module carries it into the page.
"""

from __future__ import annotations

import math
import warnings

import folium

from .._errors import GeoEventsWarning, InvalidInputError
from .elements import CountryOutlines, EventsLayer
from .payload import (
    aggregate_payload,
    categories,
    check_colors,
    event_payload,
    lon_lat,
    view_bounds,
)

_AUTO_AGGREGATE = 250_000  # above this many events, aggregate=None draws grid cells


def map_events(
    gdf,
    *,
    m: folium.Map | None = None,
    color_by: str | None = "event_type",
    colors: dict | None = None,
    name: str = "Events",
    cluster: bool = True,
    heat: bool = False,
    aggregate: bool | None = None,
    cell_km: float = 10.0,
    outlines: bool = True,
    tiles: str | None = "OpenStreetMap",
    fit: bool = True,
) -> folium.Map:
    """Draw events on an interactive map.

    Parameters
    ----------
    gdf : GeoDataFrame or DataFrame
        Events: the output of :func:`extract_events`, :func:`read_acled` or
        :func:`read_ucdp`, or any frame with a geometry (any CRS; reprojected to
        EPSG:4326; non-point geometries are drawn at a representative point) or with
        ``latitude``/``longitude`` columns. Every other column is optional. Rows
        without a location are left out, with a :class:`GeoEventsWarning` that
        counts them. The frame is not modified.
    m : folium.Map, optional
        A map to add to (the events become one more set of layers); else a new one.
    color_by : str or None, default "event_type"
        The column whose values get one colour each (ACLED's types have fixed
        colours; past 20 values, the rarest share "Other"). ``None``, or a frame
        without ``event_type``: one colour.
    colors : dict, optional
        Colours for some values, e.g. ``{"Battles": "#000000"}``.
    name : str, default "Events"
        Title of this set of layers in the layer control and the legend.
    cluster : bool, default True
        Group nearby events into clusters (Leaflet.markercluster).
    heat : bool, default False
        Add a heat layer (Leaflet.heat) that follows the same filters.
    aggregate : bool or None, default None
        Draw counts per grid cell, category and period (day, week or month, by the
        span of dates) instead of single events: for millions of events. ``None``
        aggregates above 250,000 events (with a warning saying so).
    cell_km : float, default 10
        Size of the aggregation cells.
    outlines : bool, default True
        Draw Natural Earth country outlines under the tiles: the map still shows
        where things are with no network. Added once per map.
    tiles : str or None, default "OpenStreetMap"
        Tiles of a new map (see :class:`folium.Map`); ignored with ``m``.
    fit : bool, default True
        Fit the view to the events.

    Returns
    -------
    folium.Map
        ``m`` if given, else a new map. Save it with :func:`save_map`.

    Raises
    ------
    InvalidInputError
        ``gdf`` is not a frame, ``color_by`` is not one of its columns, or an
        option has a bad value.

    Notes
    -----
    An empty frame (or one whose rows all lack a location) gives a map with no
    events, and a :class:`GeoEventsWarning` saying so, rather than an error.

    The page shows one colour per category with a legend, a layer control with one
    entry per category (unchecking one also takes its events out of the clusters), a
    date-range filter over ``event_date``, and popups with the date, type and
    sub-type, actors, place and ``geo_precision``, a mark for unconfirmed or claimed
    events, the notes and the source linked to ``source_url``. Events with
    ``geo_precision`` 2 or 3 are drawn as circles of ~25 km or ~200 km. Events with
    no date are shown only while the whole date range is selected.

    Examples
    --------
    >>> from geoevents._events import events_frame
    >>> ev = events_frame([
    ...     {"event_id": "a", "event_date": "2022-05-02", "event_type": "Battles",
    ...      "latitude": 48.6, "longitude": 38.0, "geo_precision": 1, "notes": "Clashes."},
    ...     {"event_id": "b", "event_date": "2022-05-03", "event_type": "Protests",
    ...      "latitude": 50.4, "longitude": 30.5, "geo_precision": 2, "status": "claimed"},
    ... ])
    >>> m = map_events(ev)
    >>> layer = next(c for c in m._children.values() if isinstance(c, EventsLayer))
    >>> layer.payload["cats"], layer.payload["colors"]
    (['Battles', 'Protests'], ['#d62728', '#1f77b4'])
    >>> m2 = map_events(ev.iloc[:1], m=m, name="Battles only")  # one more set of layers
    >>> m2 is m
    True
    """
    color_by, palette = _checked_options(gdf, m, color_by, colors, name, cell_km)
    frame, x, y = _located_rows(gdf)
    payload = _payload(frame, x, y, color_by, palette, name, aggregate, cell_km)
    m = _base_map(m, tiles=tiles, outlines=outlines)
    return _add_events(m, payload, x, y, name=name, cluster=cluster, heat=heat, fit=fit)


# Each helper below is called by map_events itself: stacklevel=3 names its caller.


def _checked_options(gdf, m, color_by, colors, name, cell_km) -> tuple[str | None, dict]:
    """The column to colour by (None: one colour) and the caller's colours, checked."""
    import pandas as pd

    if not isinstance(gdf, pd.DataFrame):
        raise InvalidInputError(
            f"map_events needs an events GeoDataFrame or DataFrame, not {type(gdf).__name__}"
        )
    if m is not None and not isinstance(m, folium.Map):
        raise InvalidInputError(f"m must be a folium.Map, not {type(m).__name__}")
    if color_by == "event_type" and color_by not in gdf.columns:
        color_by = None  # the default, on a frame without types: one colour
    if color_by is not None and (not isinstance(color_by, str) or color_by not in gdf.columns):
        raise InvalidInputError(
            f"color_by={color_by!r} is not a column of the frame "
            f"(columns: {', '.join(map(str, gdf.columns))})"
        )
    if not isinstance(name, str):
        raise InvalidInputError(f"name must be a str, not {type(name).__name__}")
    if not (isinstance(cell_km, (int, float)) and math.isfinite(cell_km) and cell_km > 0):
        raise InvalidInputError(f"cell_km must be a positive number, not {cell_km!r}")
    return color_by, check_colors(colors)


def _located_rows(gdf):
    """The rows with a location and their longitudes and latitudes; warns about the rest."""
    import numpy as np

    x, y = lon_lat(gdf)
    ok = np.isfinite(x) & np.isfinite(y)
    n_all = len(gdf)
    if not ok.all():
        warnings.warn(
            f"{int((~ok).sum())} of {n_all} events have no location (missing or empty "
            "geometry, or no coordinates) and are not drawn",
            GeoEventsWarning,
            stacklevel=3,
        )
    frame = gdf.iloc[np.flatnonzero(ok)] if not ok.all() else gdf
    x, y = x[ok], y[ok]
    if not len(frame):
        warnings.warn("no events to draw: the map is empty", GeoEventsWarning, stacklevel=3)
    return frame, x, y


def _payload(frame, x, y, color_by, colors, name, aggregate, cell_km) -> dict:
    """One entry per event, or (``aggregate``, or past 250,000 events) sums per cell."""
    import pandas as pd

    if color_by is None:
        values = pd.Series([name] * len(frame), index=frame.index, dtype="object")
    else:
        values = frame[color_by]
    cats, chosen, counts, codes = categories(values, colors)
    if aggregate is None:
        aggregate = len(frame) > _AUTO_AGGREGATE
        if aggregate:
            warnings.warn(
                f"{len(frame):,} events: drawn as counts per {cell_km:g} km cell "
                "(pass aggregate=False to draw each event)",
                GeoEventsWarning,
                stacklevel=3,
            )
    if aggregate:
        return aggregate_payload(frame, x, y, cats, chosen, counts, codes, float(cell_km))
    return event_payload(frame, x, y, cats, chosen, counts, codes)


def _base_map(m, *, tiles, outlines: bool) -> folium.Map:
    """``m``, or a new world map; with the country outlines (once) if asked."""
    if m is None:
        m = folium.Map(location=[20, 0], zoom_start=2, tiles=tiles, control_scale=True)
    if outlines and not any(isinstance(c, CountryOutlines) for c in m._children.values()):
        m.add_child(CountryOutlines())
    return m


def _add_events(m, payload: dict, x, y, *, name: str, cluster, heat, fit) -> folium.Map:
    """``m`` with the events layer, its view fitted to the events if asked."""
    bounds = view_bounds(x, y, payload) if fit and len(x) else None
    m.add_child(EventsLayer(payload, name=name, cluster=bool(cluster), heat=bool(heat), fit=bounds))
    return m
