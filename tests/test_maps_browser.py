"""Saved offline maps, opened from file:// in headless Chromium (Playwright).

Skipped only when Playwright or Chromium is missing; ``make test`` installs both.
Requests to the network are answered here with an empty tile, so that the page's
console stays clean, and recorded, so that we know it asked for nothing but tiles.
"""

from __future__ import annotations

import re
import warnings

import pytest

from geoevents import GeoEventsWarning, map_events, save_map
from geoevents._events import events_frame
from geoevents._maps import CHROMIUM_ARGS, find_chromium

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
BROWSER = find_chromium()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(BROWSER is None, reason="Chromium is not installed"),
]

# 1x1 transparent PNG, given to every tile request
EMPTY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
PAYLOAD = "<img src=x onerror=window.__pwned=1>"
SCRIPT = "<script>window.__pwned=1</script>"


def invented_rows() -> list[dict]:
    """Invented events: three battles close together (a cluster), an explosion and a
    protest known only roughly, and a far-away riot full of markup and template
    syntax that must stay text."""
    return [
        {
            "event_id": "b1",
            "event_date": "2023-05-01",
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": "Blue forces",
            "actor2": "Red forces",
            "location": "Vellmar",
            "latitude": 48.50,
            "longitude": 37.00,
            "geo_precision": 1,
            "status": "reported",
            "notes": "Blue forces clashed with Red forces at Vellmar.",
            "source": "Test Wire",
            "source_url": "https://example.org/report/1",
        },
        {
            "event_id": "b2",
            "event_date": "2023-05-02",
            "event_type": "Battles",
            "latitude": 48.51,
            "longitude": 37.01,
            "geo_precision": 1,
        },
        {
            "event_id": "b3",
            "event_date": "2023-05-20",
            "event_type": "Battles",
            "latitude": 48.52,
            "longitude": 37.02,
            "geo_precision": 1,
        },
        {
            "event_id": "e1",
            "event_date": "2023-05-10",
            "event_type": "Explosions/Remote violence",
            "latitude": 50.5,
            "longitude": 33.0,
            "geo_precision": 2,
            "status": "unconfirmed",
            "notes": "Blasts were heard.",
        },
        {
            "event_id": "p1",
            "event_date": "2023-06-15",
            "event_type": "Protests",
            "latitude": 52.0,
            "longitude": 29.0,
            "geo_precision": 3,
            "status": "claimed",
        },
        {
            "event_id": "x1",
            "event_date": "2023-06-30",
            "event_type": f"Riots {PAYLOAD}",
            "sub_event_type": "{{ 7*7 }}",
            "actor1": SCRIPT,
            "actor2": "{% raw %}",
            "location": "{{ 7*7 }} " + PAYLOAD,
            "latitude": 44.0,
            "longitude": 41.0,
            "geo_precision": 1,
            "status": "claimed",
            "notes": f"Rioters {PAYLOAD} {SCRIPT} </script> {{{{ 7*7 }}}} shouted.",
            "source": f"Source {PAYLOAD}",
            "source_url": "javascript:window.__pwned=1",
        },
        {"event_id": "n1", "event_type": "Battles", "latitude": None, "longitude": None},
    ]


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=BROWSER, args=list(CHROMIUM_ARGS))
        yield b
        b.close()


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GeoEventsWarning)  # the row without a location
        m = map_events(events_frame(invented_rows()), heat=True)
    return save_map(m, tmp_path_factory.mktemp("maps") / "events.html", offline=True)


class Opened:
    """A page with its console errors and its requests beyond file:// and data:."""

    def __init__(self, browser, path):
        self.errors: list[str] = []
        self.network: list[tuple[str, str]] = []
        self.page = browser.new_page(viewport={"width": 1100, "height": 800})
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on(
            "console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None
        )
        self.page.route(re.compile(r"^https?://"), self._answer)
        self.page.goto(path.as_uri())
        self.wait()

    def _answer(self, route):
        self.network.append((route.request.resource_type, route.request.url))
        route.fulfill(status=200, content_type="image/png", body=EMPTY_PNG)

    def wait(self):
        self.page.wait_for_function(
            "window.GeoEvents && GeoEvents.instances.length > 0 && GeoEvents.instances"
            ".every(function (i) { return (i.ready && !i.busy) || i.error; })",
            timeout=30_000,
        )
        assert self.page.evaluate("GeoEvents.instances[0].error") is None

    def shown(self) -> int:
        return self.page.evaluate("GeoEvents.instances[0].shown()")

    def count_text(self) -> str:
        return self.page.text_content(".ge-count")

    def check_clean(self):
        assert self.errors == []
        assert self.page.evaluate("typeof window.__pwned") == "undefined"
        assert {kind for kind, _url in self.network} <= {"image"}
        assert all("tile.openstreetmap.org" in url for _kind, url in self.network)


@pytest.fixture
def opened(browser, page_file):
    o = Opened(browser, page_file)
    yield o
    o.page.close()


def test_draws_markers_clusters_areas_legend_and_controls(opened):
    page = opened.page
    assert opened.shown() == 6
    assert opened.count_text() == "Showing 6 of 6 events"
    assert page.locator(".marker-cluster").count() >= 1  # the three battles
    assert page.locator(".ge-pin").count() >= 1  # the riot
    areas = page.locator("path.ge-area")
    assert areas.count() == 2  # the explosion (25 km) and the protest (200 km)
    assert page.locator("path.ge-area[stroke-dasharray]").count() == 2  # unconfirmed, claimed
    legend = page.text_content(".ge-legend")
    assert page.locator(".ge-legend .ge-swatch").count() == 4
    for name in ("Battles", "Explosions/Remote violence", "Protests", f"Riots {PAYLOAD}"):
        assert name in legend
    assert page.locator(".ge-legend img").count() == 0
    assert "Pin: at the named place" in page.text_content(".ge-time")
    assert "GeoNames" in page.text_content(".leaflet-control-attribution")
    assert page.locator(".leaflet-heatmap-layer").count() == 1
    assert page.locator(".leaflet-pane path.leaflet-interactive").count() >= 2
    assert page.locator(".leaflet-geoevents-outlines-pane path").count() > 100
    opened.check_clean()


def test_type_filter_takes_events_out_of_the_clusters(opened):
    page = opened.page
    battles = page.locator(".ge-layers label", has_text="Battles").locator("input")
    battles.uncheck()
    opened.wait()
    assert opened.shown() == 3
    assert page.evaluate("GeoEvents.instances[0].group.getLayers().length") == 3
    page.wait_for_function("!document.querySelector('.marker-cluster')", timeout=5_000)
    assert opened.count_text() == "Showing 3 of 6 events"
    battles.check()
    opened.wait()
    assert opened.shown() == 6 and page.locator(".marker-cluster").count() >= 1
    opened.check_clean()


def test_time_filter_runs_in_the_page(opened):
    page = opened.page

    def slide(selector: str, day: str) -> None:
        page.evaluate(
            """([sel, iso]) => {
                const input = document.querySelector(sel);
                input.value = String(Math.round(Date.parse(iso) / 86400000));
                input.dispatchEvent(new Event("input", {bubbles: true}));
            }""",
            [selector, day],
        )
        opened.wait()

    slide(".ge-to", "2023-05-10")
    assert opened.shown() == 3  # b1, b2, e1 (undated events wait for the whole range)
    assert page.text_content(".ge-time").count("2023-05-10") == 1
    slide(".ge-from", "2023-05-02")
    assert opened.shown() == 2
    assert opened.count_text() == "Showing 2 of 6 events"
    slide(".ge-from", "2023-05-01")
    slide(".ge-to", "2023-06-30")
    assert opened.shown() == 6
    opened.check_clean()


def test_popups_show_escaped_text_and_only_http_links(opened):
    page = opened.page
    page.evaluate("GeoEvents.instances[0].map.setView([44.0, 41.0], 8, {animate: false})")
    page.wait_for_function("GeoEvents.instances[0].layers[5].getElement()")
    riot = page.evaluate_handle("GeoEvents.instances[0].layers[5].getElement()")
    riot.as_element().click()
    popup = page.locator(".leaflet-popup-content .ge-popup")
    popup.wait_for()
    text = popup.text_content()
    assert f"Riots {PAYLOAD}" in text and "{{ 7*7 }}" in text and SCRIPT in text
    assert "{% raw %}" in text and "</script>" in text and "49" not in text
    assert "\u26a0 Claimed" in text and "Precision: 1" in text
    assert popup.locator("img, script").count() == 0
    assert popup.locator("a").count() == 0  # the javascript: URL is shown as text
    assert f"Source {PAYLOAD}" in popup.locator(".ge-source").text_content()

    def open_popup(i: int) -> None:
        page.evaluate(
            """(i) => {
                const api = GeoEvents.instances[0];
                api.map.closePopup();
                api.map.setView(api.layers[i].getLatLng(), 13, {animate: false});
            }""",
            i,
        )
        page.wait_for_function("(i) => GeoEvents.instances[0].layers[i]._map", arg=i)
        page.evaluate("(i) => GeoEvents.instances[0].layers[i].openPopup()", i)

    open_popup(3)  # the explosion
    text = page.locator(".leaflet-popup-content .ge-popup").text_content()
    assert "\u26a0 Unconfirmed" in text and "within ~25 km" in text
    open_popup(0)  # a battle
    popup = page.locator(".leaflet-popup-content .ge-popup")
    link = popup.locator(".ge-source a")
    assert link.get_attribute("href") == "https://example.org/report/1"
    assert link.get_attribute("rel") == "noopener noreferrer"
    text = popup.text_content()
    for part in (
        "Battles",
        "Armed clash",
        "2023-05-01",
        "Blue forces",
        "Red forces",
        "Vellmar",
        "clashed with Red forces",
        "Test Wire",
    ):
        assert part in text
    assert "\u26a0" not in text
    opened.check_clean()


def test_large_compressed_and_aggregated_pages_draw(browser, tmp_path, monkeypatch):
    import numpy as np
    import pandas as pd

    from geoevents._maps import elements

    rng = np.random.default_rng(7)
    n = 3_000
    frame = pd.DataFrame(
        {
            "event_type": rng.choice(["Battles", "Protests", "Riots"], n),
            "event_date": pd.Timestamp("2023-01-01")
            + pd.to_timedelta(rng.integers(0, 200, n), unit="D"),
            "latitude": rng.uniform(45, 52, n),
            "longitude": rng.uniform(25, 40, n),
            "geo_precision": rng.choice([1, 2, 3], n),
            "notes": [f"Invented note {i} <b>bold?</b>" for i in range(n)],
        }
    )
    monkeypatch.setattr(elements, "_GZIP_ABOVE", 1_000)
    events = save_map(map_events(frame), tmp_path / "gz.html", offline=True)
    assert '{"gzip":"' in events.read_text(encoding="utf-8")
    cells = save_map(
        map_events(frame, aggregate=True, cell_km=100, heat=True),
        tmp_path / "agg.html",
        offline=True,
    )
    o = Opened(browser, events)
    assert o.shown() == n and o.page.locator(".marker-cluster").count() > 0
    o.check_clean()
    o.page.close()
    o = Opened(browser, cells)
    assert o.page.evaluate("GeoEvents.instances[0].events()") == n
    assert o.count_text().endswith(f"{n} of {n} events")
    o.check_clean()
    o.page.close()


def test_save_png_with_headless_chromium(tmp_path):
    m = map_events(events_frame(invented_rows()[:5]))
    out = save_map(m, tmp_path / "map.png", size=(640, 480), timeout=60)
    data = out.read_bytes()
    assert data[:8] == bytes.fromhex("89504e470d0a1a0a")
    assert int.from_bytes(data[16:20], "big") == 640 and int.from_bytes(data[20:24], "big") == 480
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png"]


def _view(page) -> tuple[float, float, float, float]:
    return tuple(page.evaluate(
        "(() => { const b = GeoEvents.instances[0].map.getBounds();"
        " return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; })()"
    ))  # fmt: skip


def test_first_view_holds_the_bulk_and_a_button_shows_the_rest(browser, tmp_path):
    # thirty invented events spread over eastern Ukraine, and two far away in Iberia
    rows = [{"event_id": f"u{i}", "event_date": "2023-05-01", "event_type": "Battles",
             "latitude": 46.5 + (i % 6) * 0.8, "longitude": 31.0 + (i // 6) * 1.6,
             "geo_precision": 1} for i in range(30)]  # fmt: skip
    rows += [{"event_id": "far1", "event_date": "2023-05-01", "event_type": "Protests",
              "latitude": 40.4, "longitude": -3.7, "geo_precision": 1},
             {"event_id": "far2", "event_date": "2023-05-02", "event_type": "Protests",
              "latitude": 38.7, "longitude": -9.1, "geo_precision": 1}]  # fmt: skip
    path = save_map(map_events(events_frame(rows)), tmp_path / "bulk.html", offline=True)
    o = Opened(browser, path)
    try:
        south, west, north, east = _view(o.page)
        inside = [south <= r["latitude"] <= north and west <= r["longitude"] <= east
                  for r in rows]  # fmt: skip
        assert sum(inside) >= 0.9 * len(rows) and not inside[-1] and not inside[-2]
        box = (50.5 - 46.5) * (31.0 + 4 * 1.6 - 31.0)  # the bulk's bounding box, degrees²
        assert (north - south) * (east - west) <= 4 * box
        button = o.page.locator(".ge-fit-button")
        assert "2 events far from the rest" in button.get_attribute("aria-label")
        button.focus()
        o.page.keyboard.press("Enter")  # a real <button>: the keyboard works it
        south, west, north, east = _view(o.page)
        assert all(south <= r["latitude"] <= north and west <= r["longitude"] <= east
                   for r in rows)  # fmt: skip
        assert button.get_attribute("aria-pressed") == "true"
        o.page.keyboard.press("Enter")
        assert _view(o.page)[1] > -3.7  # back to the bulk
        o.check_clean()
    finally:
        o.page.close()


def test_no_show_all_button_when_the_first_view_holds_everything(opened):
    assert opened.page.locator(".ge-fit-button").count() == 0
