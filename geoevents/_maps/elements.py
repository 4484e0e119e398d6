"""The folium elements of a map page: the events layer, the country outlines, the page code.

Each element is a :class:`folium.elements.JSCSSMixin` with a Jinja template and its
declared scripts and stylesheets, as folium's own plugins are. Text from the data
never becomes template source: it reaches the page as a Jinja *variable*, and JSON
is escaped for a ``<script>`` element.
"""

from __future__ import annotations

import base64
import functools
import gzip
import json
from importlib import resources
from typing import ClassVar

from branca.element import Element, Figure
from folium.elements import JSCSSMixin
from folium.template import Template

from .._errors import GeoEventsError

_GZIP_ABOVE = 3_000_000  # characters of JSON; larger payloads travel compressed

_HEAT_URL = (
    "https://cdn.jsdelivr.net/gh/python-visualization/folium@main/"
    "folium/templates/leaflet_heat.min.js"
)


class _Raw(Element):
    """Text put into the page as it is: rendered as a Jinja variable, never parsed
    as a template (so ``{{ }}`` in the data stays text)."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "GeoEventsRaw"
        self.text = text


def _script_json(obj) -> str:
    r"""JSON that is safe inside a ``<script>`` element and as a JavaScript literal.

    Examples
    --------
    >>> print(_script_json({"notes": "</script>&"}))
    {"notes":"\u003c/script\u003e\u0026"}
    """
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
    """A file of ``geoevents/_mapassets`` (the page's own script and stylesheet)."""
    return resources.files("geoevents").joinpath("_mapassets", name).read_text("utf-8")


# the page's own scripts, in the order they load: the drawing code, then the
# clusters, the time controls and the shapes (region outlines, areas) it draws with
_PAGE_SCRIPTS = (
    "geoevents_map.js",
    "geoevents_clusters.js",
    "geoevents_time.js",
    "geoevents_shapes.js",
)


def _add_page_code(figure: Figure) -> None:
    """The drawing scripts and their stylesheet, once per page (named header entries)."""
    figure.header.add_child(
        _Raw(f"<style>{_asset('geoevents_map.css')}</style>"), name="geoevents_map_css"
    )
    for name in _PAGE_SCRIPTS:
        figure.header.add_child(
            _Raw(f"<script>{_asset(name)}</script>"), name=name.replace(".", "_")
        )


class EventsLayer(JSCSSMixin):
    """The folium element that carries an events payload and draws it in the page.

    Made by :func:`map_events`; add it to a map yourself only to reuse a payload.
    ``fit``, ``[[south, west], [north, east]]``, is the view the page sets before it
    draws (at once, without an animation, so that clusters are made at that zoom);
    ``fit_all`` the view of every event, which a "show all" button sets when the first
    view leaves ``left_out`` events out.
    Leaflet.heat, with ``heat=True``, is declared in ``default_js``; the drawing code
    (clusters and time controls included) is inlined once per page.
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

    default_js: ClassVar[list[tuple[str, str]]] = []
    default_css: ClassVar[list[tuple[str, str]]] = []

    def __init__(
        self,
        payload: dict,
        *,
        name: str = "Events",
        cluster: bool = True,
        heat: bool = False,
        fit: list | None = None,
        fit_all: list | None = None,
        left_out: int = 0,
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
            {"name": name, "cluster": cluster, "heat": heat, "fit": fit, "fit_all": fit_all,
             "left_out": int(left_out)}
        )  # fmt: skip
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
    """Natural Earth's 1:110m countries (as geoevents ships them), simplified, as
    compact GeoJSON: the basemap of last resort."""
    import numpy as np
    import shapely

    from .._gazetteer.sources import country_outlines

    geometries = np.array([geom for _iso3, _name, geom in country_outlines()], dtype=object)
    shapes = shapely.simplify(geometries, tolerance, preserve_topology=True)
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
