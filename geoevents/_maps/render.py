"""Saving a map: an HTML page (online or self-contained) or a PNG drawn by headless Chromium.

Every file is written next to its target and then moved into place, so readers
never see half a page.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import folium
from branca.element import Figure

from .._cache import atomic_write
from .._errors import GeoEventsError, InvalidInputError
from .assets import inline_page


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


def _target(m, path) -> tuple[Path, str]:
    """The absolute path to write and its suffix, or an error that says what is wrong."""
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
    return path, suffix


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
    >>> from geoevents import map_events
    >>> from geoevents._events import events_frame
    >>> from geoevents._maps import remote_assets
    >>> ev = events_frame([{"event_date": "2022-05-02", "event_type": "Battles",
    ...                     "latitude": 48.6, "longitude": 38.0}])
    >>> out = save_map(map_events(ev), pathlib.Path(tempfile.mkdtemp()) / "events",
    ...                offline=True)
    >>> out.name, remote_assets(out.read_text(encoding="utf-8"))
    ('events.html', [])
    """
    path, suffix = _target(m, path)
    if suffix == ".png":
        if not (
            isinstance(size, tuple)
            and len(size) == 2
            and all(isinstance(v, int) and v > 0 for v in size)
        ):
            raise InvalidInputError(f"size must be (width, height) in pixels, not {size!r}")
        _render_png(inline_page(m), path, size, timeout)
        return path
    html = inline_page(m) if offline else m.get_root().render()
    atomic_write(path, html.encode("utf-8"))
    return path
