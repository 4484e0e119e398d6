"""Saving a map: an HTML page (online or self-contained) or a PNG drawn by headless Chromium.

Every file is written next to its target and then moved into place, so readers
never see half a page. The browser that draws a PNG has no network unless the caller
asks for tiles: what it would fetch tells a tile server where the map is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import folium
from branca.element import Figure

from .._cache import atomic_write, output_error, output_path, remove_temp, temp_beside
from .._errors import GeoEventsError, InvalidInputError
from .._validate import checked_flag, checked_number
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
# no network for the browser that draws a PNG: every request goes to a proxy that is
# not there (loopback included), and no host name resolves; file: and data: still load
OFFLINE_ARGS = (
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


def _render_png(html: str, path: Path, size: tuple[int, int], timeout: float,
                fetch_tiles: bool = False) -> None:  # fmt: skip
    browser = find_chromium()
    if browser is None:
        raise GeoEventsError(
            "saving a map as PNG needs headless Chromium, and none was found: install it "
            "(e.g. apt-get install chromium) or set GEOEVENTS_CHROMIUM to its path"
        )
    tmp = temp_beside(path, folder=True)  # removed below, or by the next write after a kill
    try:
        page = tmp / "map.html"
        shot = tmp / "map.png"
        page.write_text(html, encoding="utf-8")
        cmd = [
            browser,
            *CHROMIUM_ARGS,
            *(() if fetch_tiles else OFFLINE_ARGS),
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
        try:
            os.replace(shot, path)
        except OSError as exc:  # told of the user's path, not of the temporary one
            raise output_error(exc, tmp, path) from None
    finally:
        remove_temp(tmp)


def _target(m, path) -> tuple[Path, str]:
    """The absolute path to write and its suffix, or an error that says what is wrong."""
    from branca.element import Element as BrancaElement

    if not isinstance(m, BrancaElement) or not hasattr(m, "get_root"):
        raise InvalidInputError(f"save_map needs a folium.Map, not {type(m).__name__}")
    if not isinstance(path, (str, os.PathLike)):
        raise InvalidInputError(f"path must be a str or Path, not {type(path).__name__}")
    path = output_path(path).expanduser().absolute()  # no NUL byte, not a folder
    suffix = path.suffix.lower()
    if suffix == "":
        path = path.with_name(path.name + ".html")
        suffix = ".html"
    if suffix not in (".html", ".htm", ".png"):
        raise InvalidInputError(f"{path}: save a map as .html or .png, not {suffix!r}")
    if path.is_dir():
        raise InvalidInputError(f"path {path} is a folder: give a file name (inside it)")
    if not path.parent.is_dir():
        raise InvalidInputError(f"no such folder: {path.parent}")
    if not isinstance(m.get_root(), Figure):
        raise InvalidInputError("the map is not part of a page (folium.Figure)")
    return path, suffix


# the sides of a PNG, in pixels: a browser window far past 10,000 px crashes Chromium
PNG_SIDE_MIN, PNG_SIDE_MAX = 100, 10_000


def _checked_size(size) -> tuple[int, int]:
    """``size`` as (width, height), each a whole number of pixels in 100..10,000."""
    if not (
        isinstance(size, (tuple, list))
        and len(size) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in size)
    ):
        raise InvalidInputError(f"size must be (width, height) in pixels, not {size!r}")
    if not all(PNG_SIDE_MIN <= v <= PNG_SIDE_MAX for v in size):
        raise InvalidInputError(
            f"size={tuple(size)!r}: each side of a PNG must be {PNG_SIDE_MIN} to "
            f"{PNG_SIDE_MAX:,} pixels"
        )
    return int(size[0]), int(size[1])


def save_map(
    m: folium.Map,
    path,
    *,
    offline: bool = False,
    size: tuple[int, int] = (1200, 800),
    timeout: float = 120.0,
    fetch_tiles: bool = False,
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
        Width and height of a PNG, in pixels: each from 100 to 10,000.
    timeout : float, default 120
        Seconds to wait for the browser that draws a PNG.
    fetch_tiles : bool, default False
        Let the browser that draws a PNG fetch the map's tiles from their server.
        By default it has no network at all (the country outlines stand in for the
        tiles), since the tiles it would ask for tell the server the map's area.
        No effect on an HTML page: the browser that opens it loads the tiles.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    InvalidInputError
        ``m`` is not a folium map, the suffix is neither .html nor .png, ``offline``
        is not a bool, ``size`` not two ints in 100..10,000, ``timeout`` not a positive
        number of seconds, ``path`` a folder or a name with a NUL byte.
    OutputError
        The file cannot be written (no permission, a read-only folder, disk full).
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
    offline = checked_flag("offline", offline)
    timeout = checked_number("timeout", timeout, above=True)
    if suffix == ".png":
        size = _checked_size(size)
        _render_png(inline_page(m), path, size, timeout,
                    checked_flag("fetch_tiles", fetch_tiles))  # fmt: skip
        return path
    html = inline_page(m) if offline else m.get_root().render()
    atomic_write(path, html.encode("utf-8"))
    return path
