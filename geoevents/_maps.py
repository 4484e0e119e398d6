"""Maps of events: one folium layer that draws a whole events frame in the page.

:func:`map_events` turns an events frame (``extract_events``, ``read_acled``,
``read_ucdp`` or any frame with a point per row) into a :class:`folium.Map`;
:func:`save_map` writes it as HTML (optionally self-contained, for machines with no
network) or PNG.

The events travel as ONE JSON document in the page, drawn by a small script
(``geoevents/_mapassets/geoevents_map.js``) rather than as one folium object per
event, so that 100,000 events make a page of a few megabytes that opens in seconds.
The document is columnar: numbers as arrays, text columns as a table of distinct
values plus one index per event. Past a few megabytes it is gzip-compressed and
base64-encoded, and the page inflates it with the browser's ``DecompressionStream``.

What the page shows:

* one colour per event type (or per value of ``color_by``);
* clusters (Leaflet.markercluster) whose content follows the filters;
* a layer control with one entry per type, which is also the legend (a colour swatch
  and a count each), a key to the symbols, and a date range filter;
* pins for events at the named place (``geo_precision`` 1), translucent circles of
  ~25 km (precision 2) or ~200 km (precision 3) for events known only roughly; dashed
  for unconfirmed or claimed events;
* popups with date, type and sub-type, actors, place and precision, status,
  fatalities, the notes and the source (a link only for http(s) URLs);
* optionally a heat layer (``heat=True``);
* country outlines from Natural Earth under the tiles, seen when no tiles load.

Text from the data never becomes HTML or template source: the JSON is escaped for a
``<script>`` element, it reaches the page as a Jinja *variable* (never as template
text), and the page script puts text in with ``textContent``.
"""

from __future__ import annotations

import base64
import functools
import gzip
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
import warnings
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import folium
from branca.element import CssLink, Element, Figure, JavascriptLink
from folium.elements import JSCSSMixin
from folium.template import Template

from ._errors import GeoEventsError, GeoEventsWarning, InvalidInputError

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd

__all__ = ["CountryOutlines", "EventsLayer", "map_events", "save_map"]

ACLED_COLORS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#1f77b4",
    "Riots": "#bcbd22",
    "Strategic developments": "#2ca02c",
}
_PALETTE = (  # for values other than ACLED's types; none of ACLED_COLORS
    "#17becf",
    "#e377c2",
    "#8c564b",
    "#393b79",
    "#637939",
    "#8c6d31",
    "#843c39",
    "#7b4173",
    "#3182bd",
    "#e6550d",
    "#31a354",
    "#756bb1",
    "#636363",
    "#6baed6",
    "#fd8d3c",
    "#74c476",
    "#9e9ac8",
    "#bd9e39",
    "#ad494a",
    "#a55194",
    "#5254a3",
    "#8ca252",
    "#de9ed6",
    "#e7ba52",
)
_OTHER, _OTHER_COLOR = "Other", "#7f7f7f"
_MISSING, _MISSING_COLOR = "(none)", "#a6a6a6"
_MAX_CATEGORIES = 20
_COLOR = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}")
_TEXT_FIELDS = (
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "admin1",
    "country",
    "status",
    "notes",
    "source",
    "source_url",
)
_AUTO_AGGREGATE = 250_000  # above this many events, aggregate=None draws grid cells
_GZIP_ABOVE = 3_000_000  # characters of JSON; larger payloads travel compressed
_KM_PER_DEGREE = 111.32
_AREA_M = {2: 25_000, 3: 200_000}  # radius drawn for geo_precision 2 and 3 (as in the page)

_MC = "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.4.1/"
_HEAT_URL = (
    "https://cdn.jsdelivr.net/gh/python-visualization/folium@main/"
    "folium/templates/leaflet_heat.min.js"
)


# --------------------------------------------------------------- page elements


class _Raw(Element):
    """Text put into the page as it is: rendered as a Jinja variable, never parsed
    as a template (so ``{{ }}`` in the data stays text)."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "GeoEventsRaw"
        self.text = text


def _script_json(obj) -> str:
    """JSON that is safe inside a ``<script>`` element and as a JavaScript literal."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@functools.cache
def _asset(name: str) -> str:
    return resources.files("geoevents").joinpath("_mapassets", name).read_text("utf-8")


def _add_page_code(figure: Figure) -> None:
    """The drawing script and its stylesheet, once per page (named header entries)."""
    figure.header.add_child(
        _Raw(f"<style>{_asset('geoevents_map.css')}</style>"), name="geoevents_map_css"
    )
    figure.header.add_child(
        _Raw(f"<script>{_asset('geoevents_map.js')}</script>"), name="geoevents_map_js"
    )


class EventsLayer(JSCSSMixin):
    """The folium element that carries an events payload and draws it in the page.

    Made by :func:`map_events`; add it to a map yourself only to reuse a payload.
    ``fit``, ``[[south, west], [north, east]]``, is the view the page sets before it
    draws (at once, without an animation, so that clusters are made at that zoom).
    Its scripts and stylesheets are declared in ``default_js``/``default_css``
    (Leaflet.markercluster, and Leaflet.heat with ``heat=True``); the drawing code
    itself is inlined once per page.
    """

    _template = Template(
        """
        {% macro data_html(this, kwargs) %}
        <script type="application/json" id="{{ this.data_id }}">{{ this.payload_json }}</script>
        {% endmacro %}
        {% macro draw_script(this, kwargs) %}
            var {{ this.get_name() }} = GeoEvents.draw(
                {{ this._parent.get_name() }},
                document.getElementById({{ this.data_id|tojson }}),
                {{ this.options_json }}
            );
        {% endmacro %}
        """
    )

    default_js: ClassVar[list[tuple[str, str]]] = [
        ("markerclusterjs", _MC + "leaflet.markercluster.js"),
    ]
    default_css: ClassVar[list[tuple[str, str]]] = [
        ("markerclustercss", _MC + "MarkerCluster.css"),
        ("markerclusterdefaultcss", _MC + "MarkerCluster.Default.css"),
    ]

    def __init__(
        self,
        payload: dict,
        *,
        name: str = "Events",
        cluster: bool = True,
        heat: bool = False,
        fit: list | None = None,
    ) -> None:
        super().__init__()
        self._name = "GeoEventsLayer"
        self.payload = payload
        self.data_id = self.get_name() + "_data"
        text = _script_json(payload)
        if len(text) > _GZIP_ABOVE:
            packed = gzip.compress(text.encode("utf-8"), compresslevel=5, mtime=0)
            text = _script_json({"gzip": base64.b64encode(packed).decode("ascii")})
        self.payload_json = text
        self.fit = fit
        self.options_json = _script_json(
            {"name": name, "cluster": cluster, "heat": heat, "fit": fit}
        )
        if heat:
            self.default_js = [*type(self).default_js, ("leaflet-heat.js", _HEAT_URL)]

    def render(self, **kwargs):
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise GeoEventsError("an EventsLayer can only be rendered on a map in a page")
        _add_page_code(figure)
        module = self._template.module
        figure.html.add_child(_Raw(module.data_html(self, kwargs)), name=self.get_name())
        figure.script.add_child(_Raw(module.draw_script(self, kwargs)), name=self.get_name())
        super().render(**kwargs)  # the declared scripts and stylesheets, then children


@functools.cache
def _outlines_json(tolerance: float = 0.08) -> str:
    """Natural Earth's 1:110m countries (as shipped by pyogrio), simplified, as
    compact GeoJSON: the basemap of last resort."""
    import pyogrio
    import shapely

    from ._sources import natural_earth_countries

    frame = pyogrio.read_dataframe(natural_earth_countries(), columns=[])
    shapes = shapely.simplify(frame.geometry.values, tolerance, preserve_topology=True)
    shapes = shapely.set_precision(shapes, 0.01)
    shapes = shapes[~shapely.is_empty(shapes)]
    features = [
        f'{{"type":"Feature","properties":{{}},"geometry":{g}}}' for g in shapely.to_geojson(shapes)
    ]
    return '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"


class CountryOutlines(JSCSSMixin):
    """Country outlines drawn under the tiles, so that a map with no network still
    shows where things are. Added once per map by :func:`map_events`."""

    _template = Template(
        """
        {% macro data_html(this, kwargs) %}
        <script type="application/json" id="{{ this.data_id }}">{{ this.geojson }}</script>
        {% endmacro %}
        {% macro draw_script(this, kwargs) %}
            GeoEvents.outlines(
                {{ this._parent.get_name() }},
                document.getElementById({{ this.data_id|tojson }})
            );
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "GeoEventsOutlines"
        self.data_id = self.get_name() + "_data"
        self.geojson = _outlines_json().replace("<", "\\u003c")

    def render(self, **kwargs):
        figure = self.get_root()
        _add_page_code(figure)
        module = self._template.module
        figure.html.add_child(_Raw(module.data_html(self, kwargs)), name=self.get_name())
        figure.script.add_child(_Raw(module.draw_script(self, kwargs)), name=self.get_name())
        super().render(**kwargs)


# ------------------------------------------------------------ frame -> payload


def _points(gdf) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes and latitudes (EPSG:4326) of each row; NaN where there is none."""
    import geopandas as gpd
    import numpy as np
    import shapely

    geom_col = (
        getattr(gdf, "_geometry_column_name", None) if isinstance(gdf, gpd.GeoDataFrame) else None
    )
    if geom_col is not None and geom_col in gdf.columns:
        geoms = gdf[geom_col]
        if geoms.crs is not None and not geoms.crs.equals("EPSG:4326"):
            try:
                geoms = geoms.to_crs("EPSG:4326")
            except Exception as exc:  # pyproj's errors, which vary by version
                raise InvalidInputError(
                    f"cannot reproject from {geoms.crs} to EPSG:4326: {exc}"
                ) from None
        arr = np.array(geoms.values, dtype=object)  # a copy: the frame's stays as it is
        arr[shapely.is_missing(arr) | shapely.is_empty(arr)] = None
        other = shapely.get_type_id(arr) > 0  # not a point (and not missing, which is -1)
        if other.any():
            arr[other] = shapely.point_on_surface(arr[other])
        x, y = shapely.get_x(arr), shapely.get_y(arr)
        if geoms.crs is None:
            ok = np.isfinite(x) & np.isfinite(y)
            if ok.any() and (np.abs(x[ok]).max() > 180 or np.abs(y[ok]).max() > 90):
                raise InvalidInputError(
                    "the frame has no CRS and its coordinates are not longitude/latitude; "
                    "set one with gdf.set_crs(...)"
                )
        return np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if "latitude" in gdf.columns and "longitude" in gdf.columns:
        import pandas as pd

        x = pd.to_numeric(gdf["longitude"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        y = pd.to_numeric(gdf["latitude"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        bad = (np.abs(x) > 180) | (np.abs(y) > 90)
        return np.where(bad, np.nan, x), np.where(bad, np.nan, y)
    raise InvalidInputError(
        "the frame has neither a geometry column nor latitude/longitude columns "
        f"(columns: {list(gdf.columns)})"
    )


def _categories(values: pd.Series, colors: dict) -> tuple[list, list, list, np.ndarray]:
    """Category names, colours, counts and each row's category index."""
    import numpy as np

    labels = values.astype("object").where(values.notna(), None)
    labels = labels.map(lambda v: _MISSING if v is None or v == "" else str(v))
    counts = labels.value_counts(sort=False)
    known = [c for c in ACLED_COLORS if c in counts.index]
    rest = sorted(
        (c for c in counts.index if c not in ACLED_COLORS),
        key=lambda c: (c == _MISSING, -counts[c], c),
    )
    order = known + rest
    if len(order) > _MAX_CATEGORIES:
        order = [*order[: _MAX_CATEGORIES - 1], _OTHER]
    index = {c: i for i, c in enumerate(order)}
    other = index.get(_OTHER, len(order) - 1)
    codes = labels.map(lambda c: index.get(c, other)).to_numpy(dtype=np.int32)
    n_per = np.bincount(codes, minlength=len(order)).tolist()
    palette = iter(_PALETTE)
    chosen = []
    for cat in order:
        if cat in colors:
            chosen.append(colors[cat])
        elif cat in ACLED_COLORS:
            chosen.append(ACLED_COLORS[cat])
        elif cat == _MISSING:
            chosen.append(_MISSING_COLOR)
        elif cat == _OTHER:
            chosen.append(_OTHER_COLOR)
        else:
            chosen.append(next(palette, _OTHER_COLOR))
    return order, chosen, n_per, codes


def _days(frame) -> np.ndarray:
    """Days since 1970-01-01 of event_date (NaN where unknown)."""
    import numpy as np
    import pandas as pd

    if "event_date" not in frame.columns:
        return np.full(len(frame), np.nan)
    dates = frame["event_date"]
    if not pd.api.types.is_datetime64_any_dtype(dates):  # text or dates: read each one
        dates = pd.to_datetime(dates.astype("object"), errors="coerce", format="mixed")
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    days = dates.to_numpy(dtype="datetime64[ns]")
    out = days.astype("datetime64[D]").astype("float64")
    out[np.isnat(days)] = np.nan
    return out


def _ints(frame, column: str) -> list:
    """A column as a list of ints with None for missing."""
    import numpy as np
    import pandas as pd

    if column not in frame.columns:
        return [None] * len(frame)
    values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return _nullable(values)


def _nullable(values: np.ndarray) -> list:
    import numpy as np

    ok = np.isfinite(values)
    if ok.all():
        return values.astype(np.int64).tolist()
    out = np.where(ok, values, 0).astype(np.int64).tolist()
    for i in np.flatnonzero(~ok).tolist():
        out[i] = None
    return out


def _text_column(series) -> list:
    import pandas as pd

    codes, uniques = pd.factorize(series.astype("object").where(series.notna(), None))
    return [[str(u) for u in uniques], codes.tolist()]


def _event_payload(frame, x, y, cats, colors, counts, codes) -> dict:
    import numpy as np

    days = _days(frame)
    payload = {
        "cats": cats,
        "colors": colors,
        "counts": counts,
        "lat": np.round(y, 5).tolist(),
        "lon": np.round(x, 5).tolist(),
        "c": codes.tolist(),
        "day": _nullable(days),
        "tp": [v if v in (1, 2, 3) else 1 for v in _ints(frame, "time_precision")],
        "prec": [v if v in (1, 2, 3) else 1 for v in _ints(frame, "geo_precision")],
        "fat": _ints(frame, "fatalities"),
        "text": {f: _text_column(frame[f]) for f in _TEXT_FIELDS if f in frame.columns},
        "agg": None,
    }
    return payload


_PERIODS = ("day", "week", "month", "year")
_PERIOD_TEXT = {"day": None, "week": "week of", "month": "month of", "year": "year"}
_MAX_CELLS = 60_000  # aggregated markers the page draws at most (about 3 s in Chromium)
_NO_DAY = -10_000_000  # an unknown date, before any real one


def _period_start(days: np.ndarray, period: str) -> np.ndarray:
    """Day number of the start of each day's period; _NO_DAY where the date is unknown."""
    import numpy as np

    known = np.isfinite(days)
    d = np.where(known, days, 0).astype(np.int64)
    if period == "week":  # weeks start on Monday (1970-01-01 was a Thursday)
        d = (d + 3) // 7 * 7 - 3
    elif period in ("month", "year"):
        unit = "M" if period == "month" else "Y"
        d = d.astype("datetime64[D]").astype(f"datetime64[{unit}]").astype("datetime64[D]")
        d = d.astype(np.int64)
    return np.where(known, d, _NO_DAY)


def _groups(x, y, codes, start, cell_deg: float):
    """Group rows by grid cell, category and period: (first row, group of each row)."""
    import numpy as np

    gx = np.floor(x / cell_deg).astype(np.int64)
    gy = np.floor(y / cell_deg).astype(np.int64)
    gx -= gx.min()
    gy -= gy.min()
    d = start - start.min()
    key = ((gy * (int(gx.max()) + 1) + gx) * (int(codes.max()) + 1) + codes) * (
        int(d.max()) + 1
    ) + d
    _uniq, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return first, inverse.ravel()


def _aggregate_payload(frame, x, y, cats, colors, counts, codes, cell_km: float) -> dict:
    """Events summed per grid cell, category and period.

    The period follows the span of dates (a day up to three months, a week up to
    two years, else a month); when that gives more than 60,000 groups, periods and
    then cells grow until it does not.
    """
    import numpy as np
    import pandas as pd

    days = _days(frame)
    known = days[np.isfinite(days)]
    span = float(known.max() - known.min()) if known.size else 0.0
    period = "day" if span <= 92 else "week" if span <= 732 else "month"
    base_km = cell_km
    codes = codes.astype(np.int64)
    first = inverse = np.zeros(0, dtype=np.int64)
    start = np.zeros(0, dtype=np.int64)
    while len(x):
        start = _period_start(days, period)
        first, inverse = _groups(x, y, codes, start, cell_km / _KM_PER_DEGREE)
        if len(first) <= _MAX_CELLS:
            break
        p = _PERIODS.index(period)
        if p < 2:
            period = _PERIODS[p + 1]
        elif cell_km < 8 * base_km or period == "year":
            cell_km *= 2
        else:
            period = "year"
    k = len(first)
    n = np.bincount(inverse, minlength=k)
    lat = np.bincount(inverse, weights=y, minlength=k) / np.maximum(n, 1)
    lon = np.bincount(inverse, weights=x, minlength=k) / np.maximum(n, 1)
    if "fatalities" in frame.columns:
        fat = pd.to_numeric(frame["fatalities"], errors="coerce").to_numpy(
            dtype=float, na_value=np.nan
        )
    else:
        fat = np.full(len(frame), np.nan)
    has = np.isfinite(fat)
    fsum = np.bincount(inverse, weights=np.where(has, fat, 0), minlength=k)
    fcount = np.bincount(inverse, weights=has.astype(float), minlength=k)
    d = start[first].astype(float) if k else np.zeros(0)
    return {
        "cats": cats,
        "colors": colors,
        "counts": counts,
        "lat": np.round(lat, 4).tolist(),
        "lon": np.round(lon, 4).tolist(),
        "c": codes[first].tolist(),
        "day": _nullable(np.where(d == _NO_DAY, np.nan, d)),
        "prec": [],
        "fat": [],
        "text": {},
        "agg": {
            "n": n.tolist(),
            "fat": _nullable(np.where(fcount > 0, fsum, np.nan)),
            "total": len(frame),
            "cell_km": round(cell_km, 3),
            "period": period,
            "period_text": _PERIOD_TEXT[period],
        },
    }


def _bounds(x, y, payload) -> list[list[float]]:
    """South-west and north-east corners around the events and their areas."""
    import numpy as np

    km = np.zeros(len(x))
    if payload["prec"]:
        prec = np.asarray(payload["prec"])
        for p, meters in _AREA_M.items():
            km[prec == p] = meters / 1000
    dlat = km / _KM_PER_DEGREE
    dlon = dlat / np.maximum(np.cos(np.radians(y)), 0.05)
    south = max(-85.0, float((y - dlat).min()))
    north = min(85.0, float((y + dlat).max()))
    west = max(-180.0, float((x - dlon).min()))
    east = min(180.0, float((x + dlon).max()))
    return [[south, west], [north, east]]


def _check_colors(colors) -> dict:
    if colors is None:
        return {}
    if not isinstance(colors, dict):
        raise InvalidInputError(
            f"colors must be a dict of category -> colour, not {type(colors).__name__}"
        )
    out = {}
    for key, value in colors.items():
        if not isinstance(value, str) or not _COLOR.fullmatch(value):
            raise InvalidInputError(
                f"colors[{key!r}] = {value!r} is not a colour ('#rrggbb' or a CSS name)"
            )
        out[str(key)] = value
    return out


# ----------------------------------------------------------------- public API


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
    import numpy as np
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
    palette = _check_colors(colors)

    x, y = _points(gdf)
    ok = np.isfinite(x) & np.isfinite(y)
    n_all = len(gdf)
    if not ok.all():
        warnings.warn(
            f"{int((~ok).sum())} of {n_all} events have no location (missing or empty "
            "geometry, or no coordinates) and are not drawn",
            GeoEventsWarning,
            stacklevel=2,
        )
    frame = gdf.iloc[np.flatnonzero(ok)] if not ok.all() else gdf
    x, y = x[ok], y[ok]
    if not len(frame):
        warnings.warn("no events to draw: the map is empty", GeoEventsWarning, stacklevel=2)

    if color_by is None:
        values = pd.Series([name] * len(frame), index=frame.index, dtype="object")
    else:
        values = frame[color_by]
    cats, chosen, counts, codes = _categories(values, palette)

    if aggregate is None:
        aggregate = len(frame) > _AUTO_AGGREGATE
        if aggregate:
            warnings.warn(
                f"{len(frame):,} events: drawn as counts per {cell_km:g} km cell "
                "(pass aggregate=False to draw each event)",
                GeoEventsWarning,
                stacklevel=2,
            )
    if aggregate:
        payload = _aggregate_payload(frame, x, y, cats, chosen, counts, codes, float(cell_km))
    else:
        payload = _event_payload(frame, x, y, cats, chosen, counts, codes)

    if m is None:
        m = folium.Map(location=[20, 0], zoom_start=2, tiles=tiles, control_scale=True)
    if outlines and not any(isinstance(c, CountryOutlines) for c in m._children.values()):
        m.add_child(CountryOutlines())
    bounds = _bounds(x, y, payload) if fit and len(x) else None
    m.add_child(EventsLayer(payload, name=name, cluster=bool(cluster), heat=bool(heat), fit=bounds))
    return m


# --------------------------------------------------------------------- saving

_FOLIUM_EXTRAS = ("awesome-markers", "awesome_markers", "glyphicons", "awesome.rotate", "bootstrap")
_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$|/\*# sourceMappingURL=\S+ \*/\s*$")


def _package_text(package: str, *parts: str) -> str:
    try:
        base = resources.files(package)
    except ModuleNotFoundError:
        raise GeoEventsError(
            f"offline maps need the package {package!r}: pip install "
            f"{package.replace('xstatic.pkg.', 'xstatic-').replace('_', '-')}"
        ) from None
    return _SOURCE_MAP.sub("", base.joinpath(*parts).read_text("utf-8"))


def _data_uri(package: str, *parts: str, mime: str) -> str:
    raw = resources.files(package).joinpath(*parts).read_bytes()
    return f"data:{mime};base64,{base64.b64encode(raw).decode('ascii')}"


@functools.cache
def _leaflet_js() -> str:
    # Leaflet finds its default marker images through its stylesheet's URL, which an
    # inlined stylesheet does not have: give it the images themselves.
    pkg = "xstatic.pkg.leaflet"
    icons = {
        "iconUrl": _data_uri(pkg, "data", "images", "marker-icon.png", mime="image/png"),
        "iconRetinaUrl": _data_uri(pkg, "data", "images", "marker-icon-2x.png", mime="image/png"),
        "shadowUrl": _data_uri(pkg, "data", "images", "marker-shadow.png", mime="image/png"),
    }
    fix = "".join(
        f"L.Icon.Default.prototype.options.{k}={json.dumps(v)};" for k, v in icons.items()
    )
    return _package_text(pkg, "data", "leaflet.js") + ';\nL.Icon.Default.imagePath="";' + fix


@functools.cache
def _leaflet_css() -> str:
    pkg = "xstatic.pkg.leaflet"

    def image(match: re.Match) -> str:
        return "url(" + _data_uri(pkg, "data", "images", match.group(1), mime="image/png") + ")"

    return re.sub(r"url\(images/([\w.-]+\.png)\)", image, _package_text(pkg, "data", "leaflet.css"))


@functools.cache
def _font_awesome_css() -> str:
    # the icon fonts are left out (see save_map): only their rules are dropped
    css = _package_text("xstatic.pkg.font_awesome", "data", "css", "all.min.css")
    return re.sub(r"@font-face\s*\{[^}]*\}", "", css)


def _bootstrap(kind: str) -> str | None:
    try:
        import xstatic.pkg.bootstrap as xb  # optional: only its sdist exists for v5
    except ImportError:
        return None
    if not str(getattr(xb, "VERSION", "")).startswith("5."):
        return None
    path = ("css", "bootstrap.min.css") if kind == "css" else ("js", "bootstrap.bundle.min.js")
    return _package_text("xstatic.pkg.bootstrap", "data", *path)


def _local_asset(url: str, kind: str) -> str | None:
    """The text of a script or stylesheet from an installed package, by its URL;
    None when no package has it."""
    base = url.rsplit("/", 1)[-1].split("?", 1)[0].lower()
    low = url.lower()
    if kind == "js":
        if base in ("leaflet.js", "leaflet-src.js") and "leaflet" in low:
            return _leaflet_js()
        if re.fullmatch(r"jquery(-\d[\d.]*)?(\.min)?\.js", base):
            return _package_text("xstatic.pkg.jquery", "data", "jquery.min.js")
        if base in ("leaflet.markercluster.js", "leaflet.markercluster-src.js"):
            return _package_text(
                "xstatic.pkg.leaflet_markercluster", "data", "leaflet.markercluster.js"
            )
        if base in ("leaflet_heat.min.js", "leaflet-heat.js"):
            return _package_text("folium", "templates", "leaflet_heat.min.js")
        if "bootstrap" in base:
            return _bootstrap("js")
        return None
    if base == "leaflet.css":
        return _leaflet_css()
    if base in ("markercluster.css", "markercluster.default.css"):
        name = "MarkerCluster.css" if base == "markercluster.css" else "MarkerCluster.Default.css"
        return _package_text("xstatic.pkg.leaflet_markercluster", "data", name)
    if base in ("all.min.css", "all.css") and ("fontawesome" in low or "font-awesome" in low):
        return _font_awesome_css()
    if "bootstrap" in base and "glyphicons" not in base:
        return _bootstrap("css")
    return None


_REMOTE_SCRIPT = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>", re.I)
_REMOTE_STYLE = re.compile(
    r"<link\b(?=[^>]*\brel\s*=\s*[\"']?stylesheet)[^>]*\bhref\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>"
    r"|@import\s+(?:url\()?\s*[\"']?\s*(?:https?:)?//",
    re.I,
)


def remote_assets(html: str) -> list[str]:
    """The ``<script src>``, stylesheet ``<link>`` and ``@import`` that would load
    from the network in a page (empty for a self-contained page).

    Examples
    --------
    >>> remote_assets('<script src="https://x.org/a.js"></script><script>1</script>')
    ['<script src="https://x.org/a.js">']
    """
    return [m.group(0) for m in _REMOTE_SCRIPT.finditer(html)] + [
        m.group(0) for m in _REMOTE_STYLE.finditer(html)
    ]


def _inline_page(m) -> str:
    """The page with every script and stylesheet inlined from installed packages."""
    root = m.get_root()
    html = root.render()
    uses_awesome = "L.AwesomeMarkers" in html
    missing = []
    for child in list(root.header._children.values()):
        if not isinstance(child, (JavascriptLink, CssLink)):
            continue
        kind = "js" if isinstance(child, JavascriptLink) else "css"
        tag = child.render()
        if tag not in html:  # pragma: no cover - a branca that renders links differently
            continue
        code = _local_asset(child.url, kind)
        if code is None:
            if any(x in child.url.lower() for x in _FOLIUM_EXTRAS) and not uses_awesome:
                html = html.replace(tag, "", 1)  # folium's extras this page does not use
                continue
            missing.append(child.url)
            continue
        end = "</script" if kind == "js" else "</style"
        code = re.sub(re.escape(end), end.replace("</", "<\\/"), code, flags=re.I)
        inline = type(child)(child.url)
        inline.code = code
        html = html.replace(tag, inline.render(embedded=True), 1)
    left = remote_assets(html)
    if missing or left:
        raise GeoEventsError(
            "cannot save the map offline: no installed package provides "
            + ", ".join(missing or left)
            + " (use offline=False, or leave out the element that needs it)"
        )
    return html


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def find_chromium() -> str | None:
    """A headless-capable Chromium or Chrome: ``$GEOEVENTS_CHROMIUM``, else the
    first of chromium, chromium-browser, google-chrome on the PATH."""
    env = os.environ.get("GEOEVENTS_CHROMIUM")
    if env:
        return env if Path(env).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def _render_png(html: str, path: Path, size: tuple[int, int], timeout: float) -> None:
    browser = find_chromium()
    if browser is None:
        raise GeoEventsError(
            "saving a map as PNG needs headless Chromium, and none was found: install it "
            "(e.g. apt-get install chromium) or set GEOEVENTS_CHROMIUM to its path"
        )
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".geoevents-png-") as tmp:
        page = Path(tmp) / "map.html"
        shot = Path(tmp) / "map.png"
        page.write_text(html, encoding="utf-8")
        cmd = [
            browser,
            *CHROMIUM_ARGS,
            f"--user-data-dir={tmp}/profile",
            f"--window-size={size[0]},{size[1]}",
            "--virtual-time-budget=8000",
            f"--screenshot={shot}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise GeoEventsError(
                f"{browser} took more than {timeout:g} s to draw the map"
            ) from None
        if not shot.is_file():
            raise GeoEventsError(
                f"{browser} did not write a screenshot (exit {done.returncode}): "
                + (done.stderr.strip().splitlines() or ["no message"])[-1]
            )
        os.replace(shot, path)


def save_map(
    m: folium.Map,
    path,
    *,
    offline: bool = False,
    size: tuple[int, int] = (1200, 800),
    timeout: float = 120.0,
) -> Path:
    """Write a map to an HTML page or a PNG picture, atomically.

    Parameters
    ----------
    m : folium.Map
        A map, e.g. from :func:`map_events`.
    path : str or Path
        ``.html`` (or ``.htm``; the default when there is no suffix) or ``.png``.
        The file is written to a temporary file in the same folder and then moved
        into place, so readers never see half a page.
    offline : bool, default False
        Put every script and stylesheet into the page itself, taken from installed
        packages (XStatic-Leaflet, XStatic-Leaflet-MarkerCluster, XStatic-jQuery,
        XStatic-Font-Awesome, folium's Leaflet.heat), so that the page loads nothing
        but map tiles from the network. With no network, the Natural Earth country
        outlines of :func:`map_events` stand in for the tiles. folium's extras that
        no package ships (Bootstrap 5, glyphicons, Leaflet.awesome-markers) are left
        out when the page does not use awesome-marker icons, as pages made by
        :func:`map_events` do not; icon fonts are left out. A PNG is always drawn
        from the self-contained page.
    size : (int, int), default (1200, 800)
        Width and height of a PNG, in pixels.
    timeout : float, default 120
        Seconds to wait for the browser that draws a PNG.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    InvalidInputError
        ``m`` is not a folium map, or the suffix is neither .html nor .png.
    GeoEventsError
        Offline: the page needs a script no installed package provides. PNG: no
        headless Chromium was found (set ``GEOEVENTS_CHROMIUM``), or it failed.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from geoevents._events import events_frame
    >>> ev = events_frame([{"event_date": "2022-05-02", "event_type": "Battles",
    ...                     "latitude": 48.6, "longitude": 38.0}])
    >>> out = save_map(map_events(ev), pathlib.Path(tempfile.mkdtemp()) / "events",
    ...                offline=True)
    >>> out.name, remote_assets(out.read_text(encoding="utf-8"))
    ('events.html', [])
    """
    from branca.element import Element as BrancaElement

    if not isinstance(m, BrancaElement) or not hasattr(m, "get_root"):
        raise InvalidInputError(f"save_map needs a folium.Map, not {type(m).__name__}")
    if not isinstance(path, (str, os.PathLike)):
        raise InvalidInputError(f"path must be a str or Path, not {type(path).__name__}")
    path = Path(path).expanduser().absolute()
    suffix = path.suffix.lower()
    if suffix == "":
        path = path.with_name(path.name + ".html")
        suffix = ".html"
    if suffix not in (".html", ".htm", ".png"):
        raise InvalidInputError(f"{path}: save a map as .html or .png, not {suffix!r}")
    if not path.parent.is_dir():
        raise InvalidInputError(f"no such folder: {path.parent}")
    if not isinstance(m.get_root(), Figure):
        raise InvalidInputError("the map is not part of a page (folium.Figure)")
    if suffix == ".png":
        if not (
            isinstance(size, tuple)
            and len(size) == 2
            and all(isinstance(v, int) and v > 0 for v in size)
        ):
            raise InvalidInputError(f"size must be (width, height) in pixels, not {size!r}")
        _render_png(_inline_page(m), path, size, timeout)
        return path
    html = _inline_page(m) if offline else m.get_root().render()
    _write_atomic(path, html.encode("utf-8"))
    return path
