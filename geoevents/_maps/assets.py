"""Offline pages: every script and stylesheet a map page loads, inlined from installed packages.

Leaflet, Leaflet.markercluster, jQuery and Font Awesome come from their XStatic
packages, Leaflet.heat from folium's own package; a page that needs anything else
from the network cannot be saved offline, and says what.
"""

from __future__ import annotations

import base64
import functools
import json
import re
from html.parser import HTMLParser
from importlib import resources

from branca.element import CssLink, JavascriptLink

from .._errors import GeoEventsError

_FOLIUM_EXTRAS = ("awesome-markers", "awesome_markers", "glyphicons", "awesome.rotate", "bootstrap")
_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$|/\*# sourceMappingURL=\S+ \*/\s*$")


def _package_text(package: str, *parts: str) -> str:
    """A text file of an installed package, without its source-map comment."""
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


_REMOTE_URL = re.compile(r"\s*(?:https?:)?//", re.I)
_REMOTE_IMPORT = re.compile(r"@import\s+(?:url\()?\s*[\"']?\s*(?:https?:)?//[^;\n]*", re.I)


class _PageAssets(HTMLParser):
    """The elements of a page that load from the network: ``<script src>``, ``<link
    href>`` and ``@import`` in a ``<style>``. Only the page's markup counts: text inside
    a script (the events' JSON, popups) is data, and escaped text is not markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._style = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        url = attrs.get("src") if tag == "script" else attrs.get("href") if tag == "link" else None
        if url and _REMOTE_URL.match(url):
            self.found.append(self.get_starttag_text())
        self._style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if self._style:
            self.found += [m.group(0).strip() for m in _REMOTE_IMPORT.finditer(data)]


def remote_assets(html: str) -> list[str]:
    """The ``<script src>``, ``<link>`` and ``<style>`` ``@import`` of a page that would
    load from the network (empty for a self-contained page); text in its data and
    popups does not count, whatever it says.

    Examples
    --------
    >>> remote_assets('<script src="https://x.org/a.js"></script><script>1</script>')
    ['<script src="https://x.org/a.js">']
    >>> remote_assets('<script>var note = "@import \\'http://x.org/a.css\\'";</script>')
    []
    """
    parser = _PageAssets()
    parser.feed(html)
    parser.close()
    return parser.found


def inline_page(m) -> str:
    """The page of ``m`` with every script and stylesheet inlined from installed packages."""
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
