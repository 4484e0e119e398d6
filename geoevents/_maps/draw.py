"""map_events: an events frame -> one more set of layers on a folium map (checked, then drawn).

The checks and the warnings happen here, at the boundary; the payload module
computes the document the page draws, the elements module carries it into the page.
"""

from __future__ import annotations

import inspect
import re
import warnings

import folium

from .._errors import GeoEventsWarning, InvalidInputError
from .._frames import checked_frame
from .._validate import checked_flag, checked_number
from .elements import CountryOutlines, EventsLayer
from .payload import (
    aggregate_payload,
    categories,
    check_colors,
    drawn_values,
    event_payload,
    lon_lat,
    view_bounds,
)
from .shapes import AREA_COLUMNS, area_document, region_payload

_AUTO_AGGREGATE = 250_000  # above this many events, aggregate=None draws grid cells


def map_events(gdf, *, m: folium.Map | None = None, color_by: str | None = "event_type",
               colors: dict | None = None, name: str = "Events", cluster: bool = True,
               heat: bool = False, aggregate: bool | None = None, cell_km: float = 10.0,
               outlines: bool = True, tiles: str | None = "OpenStreetMap",
               attr: str | None = None, fit: bool = True, areas=None,
               area_label: str | None = None, area_start: str | None = "valid_from",
               area_end: str | None = "valid_to", area_colors: dict | None = None,
               area_name: str = "Areas") -> folium.Map:  # fmt: skip
    """Draw events on an interactive map.

    Parameters
    ----------
    gdf : GeoDataFrame, DataFrame or Comparison
        Events: the output of :func:`extract_events`, :func:`read_acled` or :func:`read_ucdp`,
        or any frame with a geometry (any CRS; reprojected to EPSG:4326; non-point geometries
        drawn at a representative point) or ``latitude``/``longitude`` columns; any other
        column is optional. Rows without a location or outside [-90, 90] × [-180, 180] are
        left out, with a :class:`GeoEventsWarning` that counts them; the frame is not
        modified. A :func:`compare_events` result is drawn as its groups, one colour each.
    m : folium.Map, optional
        A map to add to (the events become one more set of layers); else a new one.
    color_by : str or None, default "event_type"
        The column whose values get one colour each (ACLED's types have fixed colours; past
        20 values, the rarest share "Other"); ``None`` (or no ``event_type``): one colour.
    colors : dict, optional
        Colours for some values, e.g. ``{"Battles": "#000000"}``.
    name : str, default "Events"
        Title of this set of layers in the layer control and the legend.
    cluster : bool, default True
        Group nearby events into clusters: a ring of their types' shares around the count.
    heat : bool, default False
        Add a heat layer (Leaflet.heat) that follows the same filters.
    aggregate : bool or None, default None
        Draw counts per grid cell, category and period (day, week or month, by the span of
        dates) instead of single events: for millions. ``None``: above 250,000 (warned).
    cell_km : float, default 10
        Size of the aggregation cells.
    outlines : bool, default True
        Draw Natural Earth country outlines under the tiles (once per map), seen offline.
    tiles : str or None, default "OpenStreetMap"
        Tiles of a new map (not with ``m``): a folium (xyzservices) name, a TileLayer, or
        an http(s) URL template (``https://…/{z}/{x}/{y}.png``) with ``attr``.
    attr : str, optional
        The attribution tiles from a URL template must show (HTML, as Leaflet shows it).
    fit : bool, default True
        Fit the view to the events (to the areas when no event has a place).
    areas : GeoDataFrame, optional
        Polygons drawn under the events, e.g. dated areas of control from
        ``geopandas.read_file``; read and checked as :func:`events_in_areas` reads them.
        An area shows while its period overlaps the dates shown (undated: always).
    area_label, area_start, area_end : str or None, default None, "valid_from", "valid_to"
        Columns of ``areas``: the label that colours an area and titles its popup (none:
        one colour), and its first and last day (``None``: no such column).
    area_colors : dict, optional
        Colours for some labels; the others take :data:`geoevents._areas.AREA_COLORS`.
    area_name : str, default "Areas"
        Title of the areas' legend entry, a button that hides and shows them all.

    Returns
    -------
    folium.Map
        ``m`` if given, else a new map. Save it with :func:`save_map`.

    Raises
    ------
    InvalidInputError
        ``gdf`` not a frame, ``color_by`` not a column, an option a bad value, tiles from a
        URL without ``attr``, ``areas`` not polygons or an ``area_*`` not one of its columns
        (an empty frame: a map with no events and a warning).

    Notes
    -----
    Events at ``geo_precision`` 2 are ~25 km circles; at 3, their division's outline (one per
    division and type, shown while one of its events is), else a ~200 km circle. Undated
    events show while every date is selected (see the README's Maps section for the page).

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
    >>> map_events(ev.iloc[:1], m=m, name="Battles only") is m  # one more set of layers
    True
    """
    gdf, color_by, colors = _compared(gdf, color_by, colors)
    color_by, palette, cell_km = _checked_options(gdf, m, color_by, colors, name, cell_km)
    _check_switches(cluster, heat, outlines, fit, aggregate, tiles, attr)
    shapes = _areas(areas, area_name, area_colors, area_label, area_start, area_end)
    frame, x, y = _located_rows(gdf)
    payload = {**_payload(frame, x, y, color_by, palette, name, aggregate, cell_km), **shapes}
    m = _base_map(m, tiles=tiles, attr=attr, outlines=outlines)
    return _add_events(m, payload, x, y, name=name, cluster=cluster, heat=heat, fit=fit)


# Each helper below is called by map_events itself: stacklevel=3 names its caller.


def _compared(gdf, color_by, colors):
    """A :class:`~geoevents._compare.Comparison` as one frame coloured by its groups
    (matched, ours only, theirs only); any other input as it is."""
    from .._compare import GROUP_COLORS, Comparison

    if not isinstance(gdf, Comparison):
        return gdf, color_by, colors
    return gdf.groups(), "comparison", {**GROUP_COLORS, **(colors or {})}


def _checked_options(gdf, m, color_by, colors, name, cell_km) -> tuple[str | None, dict, float]:
    """The column to colour by (None: one colour), the caller's colours and ``cell_km``
    (any real number above 0, as a float), checked; a frame whose column names repeat
    is refused."""
    import pandas as pd

    if not isinstance(gdf, pd.DataFrame):
        raise InvalidInputError(
            f"map_events needs an events GeoDataFrame or DataFrame, not {type(gdf).__name__}"
        )
    checked_frame(gdf, "gdf")
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
    cell_km = checked_number("cell_km", cell_km, above=True)
    return color_by, check_colors(colors), cell_km


def _check_switches(cluster, heat, outlines, fit, aggregate, tiles, attr) -> None:
    """The flags are True or False (``aggregate`` None too); tiles are what folium draws
    (see :func:`_check_tiles`)."""
    for name, value in (("cluster", cluster), ("heat", heat), ("outlines", outlines),
                        ("fit", fit)):  # fmt: skip
        checked_flag(name, value)
    checked_flag("aggregate", aggregate, none=True)
    _check_tiles(tiles, attr)


# an http(s) URL template of map tiles: Leaflet fills in {z}, {x} and {y} (or {-y})
_TILE_URL = re.compile(r"https?://[^\s/?#]+\S*", re.IGNORECASE)


def _check_tiles(tiles, attr) -> None:
    """Tiles are None, a TileLayer, a tile provider, a folium (xyzservices) name, or an
    http(s) URL template with ``{z}``, ``{x}`` and ``{y}`` and an ``attr`` to show."""
    if attr is not None and not isinstance(attr, str):
        raise InvalidInputError(f"attr must be a str (the tiles' attribution), not {attr!r}")
    if tiles is None or isinstance(tiles, folium.TileLayer) or hasattr(tiles, "build_url"):
        return
    if not isinstance(tiles, str):
        raise InvalidInputError(f"tiles must be a tile name or URL template (str), a "
                                f"folium.TileLayer or None, not {tiles!r}")  # fmt: skip
    if _tile_name(tiles):
        return
    has_keys = "{z}" in tiles and "{x}" in tiles and ("{y}" in tiles or "{-y}" in tiles)
    if not (_TILE_URL.fullmatch(tiles) and has_keys):
        raise InvalidInputError(
            f"tiles={tiles[:80]!r} is neither a tile name folium knows (e.g. "
            "'OpenStreetMap', 'OpenTopoMap') nor an http(s) URL template with {z}, {x} "
            "and {y}"
        )
    if not (attr or "").strip():
        raise InvalidInputError(
            f"tiles={tiles[:80]!r} is a URL template: pass attr= with the attribution its "
            "provider asks for (e.g. attr='© OpenStreetMap contributors')"
        )


def _tile_name(tiles: str) -> bool:
    """Whether folium knows ``tiles`` by name (it looks names up in xyzservices)."""
    import xyzservices

    if tiles.lower() == "openstreetmap":
        return True
    try:
        xyzservices.providers.query_name(tiles)
    except ValueError:
        return False
    return True


def _areas(areas, area_name, area_colors, label, start, end) -> dict:
    """``{"areas": the areas' document}`` (None without ``areas``), the arguments checked;
    ``area_*`` arguments given other than as map_events' signature defaults them, without
    ``areas``, are an error."""
    given = {"area_label": label, "area_start": start, "area_end": end,
             "area_colors": area_colors, "area_name": area_name}  # fmt: skip
    if areas is None:
        defaults = {k: p.default for k, p in inspect.signature(map_events).parameters.items()}
        # the defaults are None or text: a value is one if it is that object or that text
        changed = [
            k
            for k, v in given.items()
            if v is not defaults[k] and not (isinstance(v, str) and v == defaults[k])
        ]
        if changed:
            raise InvalidInputError(f"{', '.join(changed)} given without areas=: pass the "
                                    "areas (a GeoDataFrame of polygons) too")  # fmt: skip
        return {"areas": None}
    columns = {arg: given[arg] for arg in AREA_COLUMNS}
    return {"areas": area_document(areas, area_name, area_colors, columns)}


def _located_rows(gdf):
    """The rows with a location and their longitudes and latitudes; warns about the rest:
    rows with no location, and rows whose point is outside [-90, 90] × [-180, 180]."""
    import numpy as np

    x, y = lon_lat(gdf)
    known = np.isfinite(x) & np.isfinite(y)
    ok = known & (np.abs(x) <= 180) & (np.abs(y) <= 90)
    n_all = len(gdf)
    if not known.all():
        warnings.warn(
            f"{int((~known).sum())} of {n_all} events have no location (missing or empty "
            "geometry, or no coordinates) and are not drawn",
            GeoEventsWarning,
            stacklevel=3,
        )
    if not (ok | ~known).all():
        warnings.warn(
            f"{int((known & ~ok).sum())} of {n_all} events have a point outside [-90, 90] "
            "× [-180, 180] (latitude, longitude) and are not drawn: correct their "
            "coordinates, or set the frame's CRS if they are not degrees",
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
    drawn = drawn_values(frame)
    _warn_undrawable(drawn, len(frame))
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
        doc = aggregate_payload(frame, x, y, cats, chosen, counts, codes, float(cell_km), drawn)
        return {**doc, "regions": None}
    doc = event_payload(frame, x, y, cats, chosen, counts, codes, drawn)
    return {**doc, "regions": region_payload(frame, doc["prec"], x, y)}


def _warn_undrawable(drawn, n_all: int) -> None:
    """Say what the page cannot draw as given (called by _payload: stacklevel=4)."""
    from .._validate import MAX_FATALITIES

    told = []
    if drawn.unreadable_dates:
        told.append(f"{drawn.unreadable_dates} of {n_all} events have an event_date the map "
                    "cannot place in time (not a date, or one pandas cannot hold such as "
                    "0001-01-01): they are drawn undated")  # fmt: skip
    if drawn.bad_fat:
        told.append(f"{drawn.bad_fat} of {n_all} events have fatalities that are not a number "
                    f"in 0..{MAX_FATALITIES:,} (negative, not finite or too large): they are "
                    "shown as unknown")  # fmt: skip
    for message in told:
        warnings.warn(message, GeoEventsWarning, stacklevel=4)


def _base_map(m, *, tiles, attr, outlines: bool) -> folium.Map:
    """``m``, or a new world map; with the country outlines (once) if asked."""
    if m is None:
        m = folium.Map(location=[20, 0], zoom_start=2, tiles=tiles, attr=attr or None,
                       control_scale=True)  # fmt: skip
    if outlines and not any(isinstance(c, CountryOutlines) for c in m._children.values()):
        m.add_child(CountryOutlines())
    return m


def _add_events(m, payload: dict, x, y, *, name: str, cluster, heat, fit) -> folium.Map:
    """``m`` with the events layer, its view fitted to the events if asked."""
    first, every, left_out = view_bounds(x, y, payload) if fit and len(x) else (None, None, 0)
    bounds = (payload["areas"] or {}).get("bounds")
    if fit and not len(x) and bounds:  # no event to fit to: the areas
        first = [[bounds[1], bounds[0]], [bounds[3], bounds[2]]]
    m.add_child(EventsLayer(payload, name=name, cluster=bool(cluster), heat=bool(heat), fit=first,
                            fit_all=every if left_out else None, left_out=left_out))  # fmt: skip
    return m
