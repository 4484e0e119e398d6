"""Write the README's pictures of the map: clusters, playback, regions and areas (PNG, in docs/).

The map is the demo's (the sample reports in ``examples/reports`` read, extracted and
merged as ``make demo`` does) with an invented areas layer beside it (three made-up
polygons labelled as invented, two of them dated), saved as one offline page and opened
in headless Chromium (Playwright) with the network cut off: the Natural Earth country
outlines stand in for the map tiles, so the pictures tell no tile server anything and
come out the same on every machine. Each picture is 1200x800 and stays under 400 KB.

* ``map_clusters.png``: the first view, every date: clusters as rings of their types,
  the legend with the areas' toggle, the key and the time controls;
* ``map_playback.png``: playback stopped at a month's window (May 2022);
* ``map_regions.png``: the east and south closer up: events known only to their oblast
  as that oblast's outline, the invented areas under the events, one area's popup.

Usage (needs the gazetteer, ``make gazetteer``, and Chromium)::

    .venv/bin/python tools/screenshots.py [--out docs]
"""

from __future__ import annotations

import argparse
import re
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE = {"width": 1200, "height": 800}
MAX_BYTES = 400_000


def demo_events():
    """The demo's events: the sample reports, extracted and merged (as examples/demo.py)."""
    import geoevents

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", geoevents.GeoEventsWarning)
        reports = geoevents.read_articles(ROOT / "examples" / "reports", progress=False)
        return geoevents.merge_events(geoevents.extract_events(reports))


def invented_areas():
    """Three made-up areas, labelled as invented: they stand for no real line."""
    import geopandas as gpd
    from shapely.geometry import Polygon

    shapes = [
        Polygon([(34.6, 46.6), (36.4, 46.3), (37.6, 47.0), (36.9, 47.6), (35.2, 47.5)]),
        Polygon([(35.6, 46.9), (37.9, 46.8), (38.6, 47.6), (37.2, 48.1), (35.9, 47.7)]),
        Polygon([(31.2, 46.7), (32.6, 46.5), (33.1, 47.2), (32.0, 47.5), (31.0, 47.2)]),
    ]
    return gpd.GeoDataFrame(
        {"label": ["Area A (invented)", "Area B (invented)", "Area C (invented, undated)"],
         "valid_from": ["2022-04-01", "2022-07-01", None],
         "valid_to": ["2022-06-30", "2022-10-31", None]},
        geometry=shapes, crs="EPSG:4326",
    )  # fmt: skip


def page_of(events, folder: Path) -> Path:
    from geoevents import map_events, save_map

    m = map_events(events, areas=invented_areas(), area_label="label",
                   area_name="Areas (invented)")  # fmt: skip
    return save_map(m, folder / "demo_with_areas.html", offline=True)


def _ready(pg) -> None:
    pg.wait_for_function(
        "window.GeoEvents && GeoEvents.instances.length > 0 && GeoEvents.instances.every("
        "function (i) { return (i.ready && !i.busy) || i.error; })",
        timeout=60_000,
    )
    error = pg.evaluate("GeoEvents.instances[0].error")
    if error:
        raise RuntimeError(f"the page could not draw: {error}")
    pg.wait_for_timeout(400)  # the last frame painted


def _shoot(pg, path: Path) -> Path:
    pg.screenshot(path=str(path))
    size = path.stat().st_size
    if size >= MAX_BYTES:
        raise RuntimeError(f"{path} is {size:,} bytes, over {MAX_BYTES:,}")
    print(f"{path} ({size / 1000:.0f} KB)")
    return path


def pictures(page: Path, out: Path) -> list[Path]:
    """Open ``page`` with the network cut off and write the three pictures into ``out``."""
    from playwright.sync_api import sync_playwright

    from geoevents._maps import CHROMIUM_ARGS, find_chromium

    browser = find_chromium()
    if browser is None:
        raise SystemExit("the pictures need Chromium (make test-deps installs it)")
    written = []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=browser, args=list(CHROMIUM_ARGS))
        try:
            pg = b.new_page(viewport=SIZE)
            pg.route(re.compile(r"^(?!file:|data:)"), lambda route: route.abort())
            pg.goto(page.as_uri())
            _ready(pg)
            written.append(_shoot(pg, out / "map_clusters.png"))

            pg.select_option(".ge-unit", "month")
            for _ in range(24):  # on from the first month to May 2022
                pg.locator(".ge-step-fwd").click()
                if "2022-05-01" in (pg.text_content(".ge-window") or ""):
                    break
            _ready(pg)
            written.append(_shoot(pg, out / "map_playback.png"))

            pg.locator(".ge-all-dates").click()
            pg.evaluate("GeoEvents.instances[0].map.fitBounds([[45.9, 31.0], [51.6, 39.8]],"
                        " {animate: false})")  # fmt: skip
            _ready(pg)
            pg.evaluate("GeoEvents.instances[0].areas.layers[1].openPopup([47.3, 37.6])")
            pg.wait_for_timeout(300)
            written.append(_shoot(pg, out / "map_regions.png"))
        finally:
            b.close()
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs", help="folder of the pictures")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    events = demo_events()
    events = events[events["latitude"].notna()]
    with tempfile.TemporaryDirectory(prefix="geoevents-pictures-") as tmp:
        pictures(page_of(events, Path(tmp)), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
