"""Size and speed of event maps: geoevents' one-payload layer against folium's
one Marker per event.

Prints a table: events, method, seconds to build and save the page, page size, and
(with Chromium installed) seconds until the page has drawn the events in headless
Chromium. Then, for 100,000 events opened with the network cut off, the goals of
issue 16 beside what was measured: the first draw, one step of time playback (a week
window), the page's size, and the console errors; that page also draws 240 dated areas
(``map_events(areas=...)``). The events are invented here (random places, types, actors,
dates and a unique sentence each; a tenth known only to their region, each filed under
the Ukrainian division nearest it, so that the page draws those divisions' outlines),
so the numbers speak of the drawing, not of any data set.

    python benchmarks/bench_maps.py [--no-browser] [--sizes 1000,10000,100000]
    python benchmarks/bench_maps.py --playback-only
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geoevents import GeoEventsWarning
from geoevents._events import EVENT_COLUMNS
from geoevents._maps import CHROMIUM_ARGS, find_chromium, map_events, save_map
from geoevents._regions import load_regions, region_outline

TYPES = {
    "Battles": [
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ],
    "Explosions/Remote violence": [
        "Shelling/artillery/missile attack",
        "Air/drone strike",
        "Remote explosive/landmine/IED",
    ],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": ["Looting/property destruction", "Arrests", "Other"],
}
ACTORS = [
    "North forces",
    "South forces",
    "Militia of the Hills",
    "Civilians",
    "Protesters",
    "Police",
    "Unidentified armed group",
    "Coast guard",
    None,
]
VERBS = [
    "shelled",
    "struck",
    "clashed near",
    "advanced on",
    "attacked",
    "gathered in",
    "withdrew from",
    "fired on",
]


def ukraine_divisions() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """GeoNames ids, longitudes and latitudes (a point inside each) of Ukraine's divisions."""
    ids, xs, ys = [], [], []
    for (cc, code), region in sorted(load_regions().items()):
        if cc == "UA":
            point = region_outline(cc, code).representative_point()
            ids.append(region.geonameid)
            xs.append(point.x)
            ys.append(point.y)
    return np.array(ids), np.array(xs), np.array(ys)


def invented_areas(n_months: int = 24, per_month: int = 10, seed: int = 0):
    """Invented dated areas (as areas of control would be): ``per_month`` polygons of 101
    vertices a month from 2022-02, each valid for its calendar month, a tenth undated."""
    import geopandas as gpd
    import shapely

    rng = np.random.default_rng(seed)
    n = n_months * per_month
    start = np.datetime64("2022-02") + (np.arange(n) // per_month).astype("timedelta64[M]")
    first = start.astype("datetime64[D]")
    last = (start + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
    undated = rng.random(n) < 0.1
    centres = shapely.points(rng.uniform(24, 39, n), rng.uniform(45, 51.5, n))
    return gpd.GeoDataFrame(
        {"held_by": rng.choice(["North", "South", "Contested"], n),
         "valid_from": pd.Series(first).where(~undated),
         "valid_to": pd.Series(last).where(~undated)},
        geometry=shapely.buffer(centres, rng.uniform(0.2, 0.8, n), quad_segs=25),
        crs="EPSG:4326",
    )  # fmt: skip


def invented_events(n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` invented events in the events schema (a plain frame with lat/lon)."""
    rng = np.random.default_rng(seed)
    n_places = max(50, min(20_000, n // 5))
    place_lat = rng.uniform(44.0, 52.0, n_places)
    place_lon = rng.uniform(22.0, 40.0, n_places)
    syll = np.array(["ka", "ro", "vi", "lan", "mir", "do", "sel", "no", "ta", "bur", "ga", "ze"])
    names = ["".join(rng.choice(syll, 3)).capitalize() for _ in range(n_places)]
    place = rng.integers(0, n_places, n)
    types = list(TYPES)
    t = rng.choice(len(types), n, p=[0.3, 0.35, 0.1, 0.12, 0.05, 0.08])
    day0 = np.datetime64("2022-02-24")
    days = day0 + rng.integers(0, 730, n).astype("timedelta64[D]")
    a1 = rng.integers(0, len(ACTORS), n)
    a2 = rng.integers(0, len(ACTORS), n)
    verb = rng.integers(0, len(VERBS), n)
    killed = rng.integers(0, 40, n)
    articles = rng.integers(0, max(1, n // 3), n)
    rows = {
        "event_id": [f"ev-{i}" for i in range(n)],
        "event_date": days,
        "time_precision": rng.choice([1, 2, 3], n, p=[0.85, 0.1, 0.05]),
        "event_type": [types[i] for i in t],
        "sub_event_type": [
            TYPES[types[i]][j % len(TYPES[types[i]])]
            for i, j in zip(t, rng.integers(0, 3, n), strict=True)
        ],
        "actor1": [ACTORS[i] for i in a1],
        "actor2": [ACTORS[i] for i in a2],
        "location": [names[i] for i in place],
        "admin1": [f"Province {i % 24}" for i in place],
        "country": "Examplestan",
        "latitude": place_lat[place] + rng.normal(0, 0.01, n),
        "longitude": place_lon[place] + rng.normal(0, 0.01, n),
        "geo_precision": rng.choice([1, 2, 3], n, p=[0.7, 0.2, 0.1]),
        "fatalities": np.where(rng.random(n) < 0.4, killed, -1),
        "status": rng.choice(["reported", "unconfirmed", "claimed"], n, p=[0.8, 0.12, 0.08]),
        "notes": [
            f"{ACTORS[a] or 'Unknown forces'} {VERBS[v]} {names[p]} on {d!s}, the "
            f"regional office said, adding that {k} people were reported hurt or killed."
            for a, v, p, d, k in zip(a1, verb, place, days, killed, strict=True)
        ],
        "source": [f"Agency {i % 40}" for i in articles],
        "source_url": [f"https://news.example.org/{i % 40}/report-{i}" for i in articles],
    }
    frame = pd.DataFrame(rows)
    frame["fatalities"] = frame["fatalities"].where(frame["fatalities"] >= 0).astype("Int64")
    # events known only to their region stand for the Ukrainian division nearest them
    ids, dx, dy = ukraine_divisions()
    nearest = np.argmin((frame["longitude"].to_numpy()[:, None] - dx) ** 2
                        + (frame["latitude"].to_numpy()[:, None] - dy) ** 2, axis=1)  # fmt: skip
    regional = frame["geo_precision"].to_numpy() == 3
    frame["geonameid"] = pd.array(np.where(regional, ids[nearest], 0), dtype="Int64")
    frame.loc[~regional, "geonameid"] = pd.NA
    return frame[[c for c in EVENT_COLUMNS if c in frame.columns]]


def folium_markers(frame: pd.DataFrame, path: Path) -> None:
    """The folium way without geoevents: one Marker with a Popup per event."""
    import folium

    m = folium.Map(location=[48, 31], zoom_start=5)
    for row in frame.itertuples(index=False):
        folium.Marker(
            [row.latitude, row.longitude],
            popup=folium.Popup(f"{row.event_type}<br>{row.event_date:%Y-%m-%d}<br>{row.notes}"),
        ).add_to(m)
    save_map(m, path, offline=True)  # its scripts inlined too, so that both draw offline


@contextlib.contextmanager
def _chromium_page():
    """A new 1200 x 800 page in headless Chromium, closed with its browser after the
    block; ``None`` when Chromium or playwright is missing."""
    browser = find_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        browser = None
    if browser is None:
        yield None
        return
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=browser, args=list(CHROMIUM_ARGS))
        try:
            yield b.new_page(viewport={"width": 1200, "height": 800})
        finally:
            b.close()


def draw_seconds(page: Path) -> float | None:
    """Seconds until the saved page has drawn its events in headless Chromium."""
    with _chromium_page() as pg:
        if pg is None:
            return None
        pg.route("http*://**", lambda route: route.abort())  # no tiles: time the drawing
        start = time.perf_counter()
        pg.goto(page.as_uri(), timeout=120_000)
        pg.wait_for_function(
            "window.GeoEvents ? GeoEvents.instances.length > 0 && "
            "GeoEvents.instances.every(function (i) { return i.ready || i.error; }) : "
            "document.querySelectorAll('.leaflet-marker-icon').length > 0",
            timeout=180_000,
            polling=100,
        )
        error = pg.evaluate("window.GeoEvents ? GeoEvents.instances[0].error : null")
        if error:
            raise RuntimeError(f"{page}: {error}")
        return time.perf_counter() - start


# one playback step: a click on "step forward", until the next frame has been drawn
_STEPS_JS = """async (count) => {
    const pick = document.querySelector(".ge-unit");
    pick.value = "week";
    pick.dispatchEvent(new Event("change"));
    const forward = document.querySelector(".ge-step-fwd");
    const drawn = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    forward.click();  // the first week
    await drawn();
    const times = [];
    for (let i = 0; i < count; i++) {
        const start = performance.now();
        forward.click();
        await drawn();
        times.push(performance.now() - start);
    }
    return times;
}"""


def playback_figures(n: int = 100_000, steps: int = 10) -> dict | None:
    """A page of ``n`` invented events opened in headless Chromium with the network cut
    off: seconds until it has drawn them, the median milliseconds of ``steps`` playback
    steps of a week, its size in MB, and the console errors other than the tiles the
    cut network refused."""
    with _chromium_page() as pg:
        return None if pg is None else _playback_on(pg, n, steps)


def _playback_on(pg, n: int, steps: int) -> dict:
    """:func:`playback_figures` on an open Chromium page."""
    page = Path(tempfile.mkdtemp(prefix="bench-playback-")) / "events.html"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GeoEventsWarning)
        m = map_events(invented_events(n), aggregate=False, areas=invented_areas(),
                       area_label="held_by")  # fmt: skip
        save_map(m, page, offline=True)
    errors: list[str] = []
    try:
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error"
              and "Failed to load resource" not in msg.text else None)  # fmt: skip
        pg.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
            ("file:", "data:")) else route.abort("internetdisconnected"))  # fmt: skip
        start = time.perf_counter()
        pg.goto(page.as_uri(), timeout=120_000)
        pg.wait_for_function(
            "window.GeoEvents && GeoEvents.instances.length > 0 && "
            "GeoEvents.instances.every(function (i) { return i.ready || i.error; })",
            timeout=180_000,
            polling=50,
        )
        drawn = time.perf_counter() - start
        error = pg.evaluate("GeoEvents.instances[0].error")
        if error:
            raise RuntimeError(f"{page}: {error}")
        times = pg.evaluate(_STEPS_JS, steps)
        size = page.stat().st_size
    finally:
        shutil.rmtree(page.parent, ignore_errors=True)
    return {"n": n, "drawn": drawn, "step_ms": float(np.median(times)), "steps": len(times),
            "mb": size / 1e6, "errors": len(errors)}  # fmt: skip


def print_playback(fig: dict) -> None:
    print(f"\n| {fig['n']:,} events, network cut off | measured | goal |\n|---|---|---|")
    print(f"| first draw in headless Chromium, s | {fig['drawn']:.1f} | ≤ 5 |")
    print(f"| one playback step (a week), median of {fig['steps']}, ms "
          f"| {fig['step_ms']:.0f} | ≤ 250 |")  # fmt: skip
    print(f"| page, MB | {fig['mb']:.1f} | ≤ 15 |")
    print(f"| console errors | {fig['errors']} | 0 |")


def first_view() -> tuple[int, int, float, float] | None:
    """The demo's map (the sample reports, extracted and merged, as ``make demo`` draws
    them) opened in headless Chromium at 1200x800: events in the first view, events,
    the view's area over the bounding box of the events in it, and over that of all."""
    import geoevents

    browser = find_chromium()
    if browser is None:
        return None
    from playwright.sync_api import sync_playwright

    here = Path(__file__).resolve().parents[1] / "examples" / "reports"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GeoEventsWarning)
        events = geoevents.merge_events(geoevents.extract_events(geoevents.read_articles(
            here, progress=False)))  # fmt: skip
    events = events[events["latitude"].notna()]
    page = Path(tempfile.mkdtemp(prefix="bench-view-")) / "demo.html"
    save_map(map_events(events), page, offline=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=browser, args=list(CHROMIUM_ARGS))
        try:
            pg = b.new_page(viewport={"width": 1200, "height": 800})
            pg.route("http*://**", lambda route: route.abort())
            pg.goto(page.as_uri())
            pg.wait_for_function("window.GeoEvents && GeoEvents.instances.length > 0 && "
                                 "GeoEvents.instances[0].ready")  # fmt: skip
            south, west, north, east = pg.evaluate(
                "(() => { const b = GeoEvents.instances[0].map.getBounds();"
                " return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; })()"
            )
        finally:
            b.close()
            shutil.rmtree(page.parent, ignore_errors=True)
    lat, lon = events["latitude"].to_numpy(), events["longitude"].to_numpy()
    inside = (lat >= south) & (lat <= north) & (lon >= west) & (lon <= east)

    def area(la, lo):  # degrees of longitude shrink with latitude
        return (la.max() - la.min()) * (lo.max() - lo.min()) * np.cos(np.radians(la.mean()))

    view = (north - south) * (east - west) * np.cos(np.radians((north + south) / 2))
    return (int(inside.sum()), len(events), view / area(lat[inside], lon[inside]),
            view / area(lat, lon))  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000,1000000")
    ap.add_argument("--folium-sizes", default="1000,10000")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument(
        "--playback-only",
        action="store_true",
        help="only the table of 100,000 events: first draw, playback step, size",
    )
    args = ap.parse_args(argv)
    if args.playback_only:
        fig = playback_figures()
        if fig is None:
            print("playback figures need Playwright and Chromium")
            return 1
        print_playback(fig)
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    folium_sizes = [int(s) for s in args.folium_sizes.split(",") if s]
    browse = not args.no_browser and find_chromium() is not None
    out = Path(tempfile.mkdtemp(prefix="bench-maps-"))
    rows = []
    try:
        for n in sorted(set(sizes) | set(folium_sizes)):
            frame = invented_events(n)
            if n in folium_sizes:
                page = out / f"folium-{n}.html"
                start = time.perf_counter()
                folium_markers(frame, page)
                secs = time.perf_counter() - start
                rows.append(
                    (
                        n,
                        "folium, one Marker per event",
                        secs,
                        page.stat().st_size,
                        draw_seconds(page) if browse else None,
                    )
                )
            if n in sizes:
                aggregate = n > 250_000
                page = out / f"geoevents-{n}.html"
                start = time.perf_counter()
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", GeoEventsWarning)
                    m = map_events(frame, aggregate=aggregate)
                save_map(m, page, offline=True)
                secs = time.perf_counter() - start
                how = "geoevents, aggregate=True" if aggregate else "geoevents, offline=True"
                rows.append(
                    (n, how, secs, page.stat().st_size, draw_seconds(page) if browse else None)
                )
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(
        f"| {'events':>9} | {'map':<30} | {'build+save s':>12} | {'HTML MB':>8} "
        f"| {'drawn in Chromium s':>19} |"
    )
    print(f"|{'-' * 11}|{'-' * 32}|{'-' * 14}|{'-' * 10}|{'-' * 21}|")
    for n, how, secs, size, drawn in rows:
        shown = "—" if drawn is None else f"{drawn:.1f}"
        print(f"| {n:>9,} | {how:<30} | {secs:>12.2f} | {size / 1e6:>8.2f} | {shown:>19} |")
    fig = playback_figures() if browse else None
    if fig is not None:
        print_playback(fig)
    view = first_view() if browse else None
    if view is not None:
        inside, total, over_inside, over_all = view
        print("\n| the demo map's first view (1200x800) | value | goal |\n|---|---|---|")
        print(f"| events in it | {inside} of {total} ({inside / total:.0%}) | ≥ 90% |")
        print(f"| its area / the bounding box of the events in it | {over_inside:.2f} | ≤ 4 |")
        print(f"| its area / the bounding box of all events | {over_all:.2f} | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
