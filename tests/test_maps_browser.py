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

    def __enter__(self) -> Opened:
        return self

    def __exit__(self, *exc) -> None:
        self.page.close()

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
    with Opened(browser, page_file) as o:
        yield o


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
    with Opened(browser, events) as o:
        assert o.shown() == n and o.page.locator(".marker-cluster").count() > 0
        o.check_clean()
    with Opened(browser, cells) as o:
        assert o.page.evaluate("GeoEvents.instances[0].events()") == n
        assert o.count_text().endswith(f"{n} of {n} events")
        o.check_clean()


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
    with Opened(browser, path) as o:
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


def test_no_show_all_button_when_the_first_view_holds_everything(opened):
    assert opened.page.locator(".ge-fit-button").count() == 0


# ------------------------------------------------------------------ clusters and playback

RING_JS = """() => Array.from(document.querySelectorAll(".ge-cluster")).map((d) => ({
    count: d.querySelector(".ge-ring-n").textContent,
    aria: d.getAttribute("aria-label"),
    arcs: Array.from(d.querySelectorAll(".ge-ring-seg"))
        .map((c) => [c.getAttribute("stroke"), parseFloat(c.getAttribute("stroke-dasharray")),
                     parseFloat(c.getAttribute("stroke-dashoffset") || "0"),
                     2 * Math.PI * parseFloat(c.getAttribute("r"))])
        .filter((a) => a[1] > 0),
}))"""


def playback_rows() -> list[dict]:
    """Invented events in two tight places and one alone, over four weeks (2023-05-01 is
    a Monday): near Vellmar four battles (one undated), two explosions and a protest;
    near Osterby two riots and a strategic development; a lone attack on civilians."""
    near = [("b1", "Battles", "2023-05-01"), ("b2", "Battles", "2023-05-02"),
            ("b3", "Battles", "2023-05-09"), ("n1", "Battles", None),
            ("e1", "Explosions/Remote violence", "2023-05-03"),
            ("e2", "Explosions/Remote violence", "2023-05-10"),
            ("p1", "Protests", "2023-05-16")]  # fmt: skip
    rows = [{"event_id": i, "event_type": t, "event_date": d, "latitude": 48.5 + k * 0.001,
             "longitude": 37.0 + k * 0.001, "geo_precision": 1}
            for k, (i, t, d) in enumerate(near)]  # fmt: skip
    far = [("r1", "Riots", "2023-05-04"), ("r2", "Riots", "2023-05-20"),
           ("s1", "Strategic developments", "2023-05-05")]  # fmt: skip
    rows += [{"event_id": i, "event_type": t, "event_date": d, "latitude": 50.0 + k * 0.001,
              "longitude": 30.0, "geo_precision": 1}
             for k, (i, t, d) in enumerate(far)]  # fmt: skip
    rows.append({"event_id": "v1", "event_type": "Violence against civilians",
                 "event_date": "2023-05-25", "latitude": 46.5, "longitude": 32.5,
                 "geo_precision": 1})  # fmt: skip
    return rows


@pytest.fixture(scope="module")
def playback_file(tmp_path_factory):
    m = map_events(events_frame(playback_rows()))
    return save_map(m, tmp_path_factory.mktemp("playback") / "events.html", offline=True)


@pytest.fixture
def played(browser, playback_file):
    with Opened(browser, playback_file) as o:
        yield o


def _rings(page) -> list[tuple[str, dict[str, float]]]:
    """Each cluster drawn: its count, and the share of each type on its ring, read from
    the arcs as drawn (dash length over the circle's length), checked to follow one
    another around the whole ring without gaps or overlaps."""
    from geoevents._maps import ACLED_COLORS

    names = {color: name for name, color in ACLED_COLORS.items()}
    out = []
    for ring in page.evaluate(RING_JS):
        done = 0.0
        shares = {}
        for color, dash, offset, length in ring["arcs"]:
            assert offset == pytest.approx(-done * length, abs=0.05)
            shares[names[color]] = round(dash / length, 2)
            done += dash / length
        assert done == pytest.approx(1.0, abs=0.002)
        assert ring["aria"].startswith(f"Cluster of {ring['count']} events: ")
        out.append((ring["count"], shares))
    return sorted(out, key=lambda r: (r[0], sorted(r[1])))


def _ring(counts: dict[str, int]) -> tuple[str, dict[str, float]]:
    total = sum(counts.values())
    return str(total), {name: round(n / total, 2) for name, n in counts.items()}


def _both(*rings) -> list:
    return sorted(rings, key=lambda r: (r[0], sorted(r[1])))


BATTLES, BLASTS = "Battles", "Explosions/Remote violence"
RIOTS, STRATEGIC = "Riots", "Strategic developments"


def _legend_box(page, name: str):
    return page.locator(".ge-layers label", has_text=name).locator("input")


def test_cluster_rings_show_the_shares_of_types_in_the_legend_colours(played):
    page = played.page
    assert played.shown() == 11
    assert _rings(page) == _both(_ring({RIOTS: 2, STRATEGIC: 1}),
                                 _ring({BATTLES: 4, BLASTS: 2, "Protests": 1}))  # fmt: skip
    aria = page.get_attribute(".ge-cluster[aria-label*='Battles']", "aria-label")
    assert aria == ("Cluster of 7 events: 4 Battles, 2 Explosions/Remote violence, "
                    "1 Protests. Enter zooms in.")  # fmt: skip
    assert page.locator(".ge-cluster[role=button][tabindex='0']").count() == 2
    assert page.locator(".ge-pin").count() == 1  # the lone attack, its own pin
    played.check_clean()


def test_cluster_rings_and_counts_follow_the_type_filter(played):
    page = played.page
    _legend_box(page, BATTLES).uncheck()
    played.wait()
    assert played.shown() == 7
    assert _rings(page) == _both(_ring({BLASTS: 2, "Protests": 1}),
                                 _ring({RIOTS: 2, STRATEGIC: 1}))  # fmt: skip
    _legend_box(page, STRATEGIC).uncheck()
    played.wait()
    assert _rings(page) == _both(_ring({BLASTS: 2, "Protests": 1}), _ring({RIOTS: 2}))
    _legend_box(page, BATTLES).check()
    _legend_box(page, STRATEGIC).check()
    played.wait()
    assert _rings(page)[-1] == _ring({BATTLES: 4, BLASTS: 2, "Protests": 1})
    played.check_clean()


def _slide(opened, selector: str, day: str) -> None:
    opened.page.evaluate(
        """([sel, iso]) => {
            const input = document.querySelector(sel);
            input.value = String(Math.round(Date.parse(iso) / 86400000));
            input.dispatchEvent(new Event("input", {bubbles: true}));
        }""",
        [selector, day],
    )
    opened.wait()


def test_cluster_rings_and_counts_follow_the_date_filter(played):
    page = played.page
    _slide(played, ".ge-to", "2023-05-07")  # the first week; the undated battle goes too
    assert played.shown() == 5
    assert _rings(page) == _both(_ring({BATTLES: 2, BLASTS: 1}), _ring({RIOTS: 1, STRATEGIC: 1}))
    _slide(played, ".ge-from", "2023-05-02")
    assert _rings(page) == _both(_ring({BATTLES: 1, BLASTS: 1}), _ring({RIOTS: 1, STRATEGIC: 1}))
    assert page.text_content(".ge-window") == "Dates from the sliders"
    played.check_clean()


def _window(page) -> str:
    return page.text_content(".ge-window")


def _day(iso: str) -> str:
    """The value of a date slider at that day (days since 1970-01-01)."""
    import datetime as dt

    return str((dt.date.fromisoformat(iso) - dt.date(1970, 1, 1)).days)


def test_play_moves_a_week_window_through_the_period_and_pause_stops_it(played):
    page = played.page
    play = page.locator(".ge-play-button")
    assert play.get_attribute("aria-label") == "Play"
    assert play.get_attribute("aria-pressed") == "false"
    assert _window(page) == "All dates"
    play.click()
    assert play.get_attribute("aria-pressed") == "true"
    assert _window(page) == "Week 2023-05-01 to 2023-05-07"
    page.wait_for_function(
        "document.querySelector('.ge-window').textContent.indexOf('2023-05-08') > 0",
        timeout=5_000,
    )
    play.click()  # pause
    assert play.get_attribute("aria-pressed") == "false"
    played.wait()
    assert _window(page) == "Week 2023-05-08 to 2023-05-14"
    assert played.shown() == 2  # b3 and e2
    assert page.input_value(".ge-from") == _day("2023-05-08")
    assert page.input_value(".ge-to") == _day("2023-05-14")
    page.wait_for_timeout(2_000)
    assert _window(page) == "Week 2023-05-08 to 2023-05-14"
    play.click()  # on to the end, where it stops by itself
    page.wait_for_function(
        "document.querySelector('.ge-play-button').getAttribute('aria-pressed') === 'false'",
        timeout=10_000,
    )
    played.wait()
    assert _window(page) == "Week 2023-05-22 to 2023-05-28"
    assert played.shown() == 1
    assert page.evaluate("GeoEvents.instances[0].playback.window()") == [
        int(_day("2023-05-22")), int(_day("2023-05-28"))]  # fmt: skip
    played.check_clean()


def test_step_buttons_and_keys_move_the_window(played):
    page = played.page
    forward = page.locator(".ge-step-fwd")
    forward.focus()
    page.keyboard.press("Enter")  # a real <button>: Enter and Space work it
    assert _window(page) == "Week 2023-05-01 to 2023-05-07"
    page.keyboard.press("Space")
    assert _window(page) == "Week 2023-05-08 to 2023-05-14"
    page.keyboard.press("ArrowRight")  # arrows step while the controls have focus
    assert _window(page) == "Week 2023-05-15 to 2023-05-21"
    played.wait()
    assert played.shown() == 2
    assert _rings(page) == []  # p1 and r2, each alone
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert _window(page) == "Week 2023-05-01 to 2023-05-07"
    page.keyboard.press("End")
    assert _window(page) == "Week 2023-05-22 to 2023-05-28"
    page.keyboard.press("ArrowRight")  # no week after the last: it stays
    assert _window(page) == "Week 2023-05-22 to 2023-05-28"
    page.keyboard.press("Home")
    page.locator(".ge-step-back").click()  # nor before the first
    assert _window(page) == "Week 2023-05-01 to 2023-05-07"
    page.select_option(".ge-unit", "month")
    assert _window(page) == "Month 2023-05-01 to 2023-05-31"
    played.wait()
    assert played.shown() == 10  # every dated event
    page.select_option(".ge-unit", "day")
    assert _window(page) == "Day 2023-05-01"
    assert page.get_attribute(".ge-step-fwd", "aria-label") == "Step forward one day"
    forward.click()
    played.wait()
    assert _window(page) == "Day 2023-05-02" and played.shown() == 1
    page.locator(".ge-all-dates").click()
    played.wait()
    assert _window(page) == "All dates" and played.shown() == 11
    assert played.count_text() == "Showing 11 of 11 events"
    played.check_clean()


def test_playback_controls_are_labelled_for_screen_readers(played):
    page = played.page
    group = page.locator(".ge-play")
    assert group.get_attribute("role") == "group"
    assert group.get_attribute("aria-label") == "Time playback"
    buttons = group.locator("button")
    assert buttons.count() == 4
    labels = [buttons.nth(i).get_attribute("aria-label") for i in range(4)]
    assert labels == ["Step back one week", "Play", "Step forward one week", "Show all dates"]
    assert all(buttons.nth(i).get_attribute("type") == "button" for i in range(4))
    assert page.get_attribute(".ge-unit", "aria-label") == "Playback window"
    live = page.locator(".ge-window")
    assert live.get_attribute("aria-live") == "polite" and live.get_attribute("role") == "status"
    assert page.get_attribute(".ge-to", "aria-valuetext") == "2023-05-25"
    # the focus is seen: a keyboard user reaching a button sees an outline around it
    page.locator(".ge-to").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Step back one week"
    )
    style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                          " return s.outlineStyle + ' ' + s.outlineWidth; })()")  # fmt: skip
    assert style == "solid 2px"
    played.check_clean()


def test_a_cluster_zooms_in_and_one_at_a_single_place_spreads_its_events(browser, tmp_path):
    rows = [{"event_id": f"s{i}", "event_type": "Battles" if i % 2 else "Protests",
             "event_date": f"2023-05-0{i + 1}", "latitude": 48.5, "longitude": 37.0,
             "geo_precision": 1} for i in range(5)]  # fmt: skip
    rows += [{"event_id": f"t{i}", "event_type": "Riots", "event_date": "2023-05-02",
              "latitude": 50.0 + i * 0.05, "longitude": 30.0, "geo_precision": 1}
             for i in range(3)]  # fmt: skip
    path = save_map(map_events(events_frame(rows)), tmp_path / "spider.html", offline=True)
    with Opened(browser, path) as o:
        page = o.page
        assert [r[0] for r in _rings(page)] == ["3", "5"]
        zoom = page.evaluate("GeoEvents.instances[0].map.getZoom()")
        page.locator(".ge-cluster[aria-label*='Riots']").focus()
        page.keyboard.press("Enter")  # zooms to the riots, which then stand apart
        page.wait_for_function("(z) => GeoEvents.instances[0].map.getZoom() > z + 1", arg=zoom)
        page.wait_for_function("document.querySelectorAll('.ge-pin').length === 3")
        page.evaluate("GeoEvents.instances[0].map.setView([48.5, 37.0], 8, {animate: false})")
        page.locator(".ge-cluster").click()  # five at one place: no zoom separates them
        assert page.locator("path.ge-leg").count() == 5
        assert page.locator(".ge-pin").count() == 5 and page.locator(".ge-cluster").count() == 0
        page.locator(".ge-pin").first.click()  # each can be opened
        popup = page.locator(".leaflet-popup-content .ge-popup")
        popup.wait_for()
        assert "2023-05-0" in popup.text_content()
        page.evaluate("GeoEvents.instances[0].map.closePopup()")
        page.mouse.click(600, 150)  # a click on the map folds them back
        assert page.locator("path.ge-leg").count() == 0
        assert [r[0] for r in _rings(page)] == ["5"]
        o.check_clean()


# ------------------------------------------------------------------ region outlines and areas

KHARKIV_OBLAST = 706482  # the GeoNames id of Kharkivska oblast (a first-level division)
KHARKIV_CITY = 706483  # of the city: a precision-3 event there stands for its oblast


def shape_rows() -> list[dict]:
    """Invented events: a battle and a protest known only to Kharkiv oblast (one by the
    division's id, one by the city's id and its admin1), a riot known only to a division
    with no outline, and a battle at a named place."""
    at_kharkiv = {"latitude": 49.99, "longitude": 36.23, "geo_precision": 3,
                  "country_code": "UA", "admin1": "Kharkivska oblast"}  # fmt: skip
    return [
        {"event_id": "k1", "event_date": "2023-05-01", "event_type": "Battles",
         "geonameid": KHARKIV_OBLAST, "location": "Kharkivska oblast", **at_kharkiv},
        {"event_id": "k2", "event_date": "2023-05-20", "event_type": "Protests",
         "geonameid": KHARKIV_CITY, "location": "Kharkiv", **at_kharkiv},
        {"event_id": "n1", "event_date": "2023-05-05", "event_type": "Riots",
         "latitude": 52.0, "longitude": 29.0, "geo_precision": 3, "country_code": "UA",
         "admin1": "Invented oblast"},
        {"event_id": "p1", "event_date": "2023-05-03", "event_type": "Battles",
         "latitude": 48.5, "longitude": 37.0, "geo_precision": 1},
    ]  # fmt: skip


def invented_areas():
    """Three invented areas: "Blue" from 2023-05-01 to 2023-05-10, one whose label is
    markup from 2023-05-15 to 2023-05-31 (inside Kharkiv oblast, under its outline, away
    from the events), and one undated."""
    import geopandas as gpd
    import shapely

    return gpd.GeoDataFrame(
        {"held_by": ["Blue", SCRIPT, "Undated"],
         "valid_from": ["2023-05-01", "2023-05-15", None],
         "valid_to": ["2023-05-10", "2023-05-31", None]},
        geometry=[shapely.box(30, 46, 32, 48), shapely.box(34.9, 49.0, 35.7, 49.6),
                  shapely.box(24, 48, 26, 50)],
        crs="EPSG:4326",
    )  # fmt: skip


@pytest.fixture(scope="module")
def shapes_file(tmp_path_factory):
    m = map_events(events_frame(shape_rows()), areas=invented_areas(), area_label="held_by",
                   area_name="Control")  # fmt: skip
    return save_map(m, tmp_path_factory.mktemp("shapes") / "events.html", offline=True)


@pytest.fixture
def shaped(browser, shapes_file):
    with Opened(browser, shapes_file) as o:
        yield o


# each region outline drawn: its division and the colour of its type
OUTLINES_JS = """() => GeoEvents.instances[0].regions.shown()"""


def _outlines(page) -> list[list[str]]:
    drawn = sorted(page.evaluate(OUTLINES_JS))
    strokes = sorted(p.get_attribute("stroke") for p in page.locator("path.ge-region").all())
    colors = {"Battles": "#d62728", "Protests": "#1f77b4"}
    assert strokes == sorted(colors[t] for _name, t in drawn)  # what is drawn, in its colour
    return drawn


def test_a_region_level_event_draws_its_divisions_outline_not_a_circle(shaped):
    page = shaped.page
    assert _outlines(page) == [["Kharkivska oblast", "Battles"], ["Kharkivska oblast", "Protests"]]
    # the outline is Kharkiv oblast's shape, not a circle around the event
    south, west, north, east = page.evaluate(
        "(() => { const b = GeoEvents.instances[0].regions.group.getLayers()[0].getBounds();"
        " return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; })()"
    )
    assert 48.2 < south < 48.8 and 34.8 < west < 35.3 and 50.2 < north < 50.6 and 38 < east < 38.4
    assert page.evaluate("GeoEvents.instances[0].regions.group.getLayers()[0]"
                         ".getLayers()[0] instanceof L.Polygon")  # fmt: skip
    for k in (0, 1):  # the Kharkiv events are dots, not 200 km circles
        assert page.evaluate(f"GeoEvents.instances[0].layers[{k}] instanceof L.CircleMarker")
        assert not page.evaluate(f"GeoEvents.instances[0].layers[{k}] instanceof L.Circle")
    # drawn lightly, under the events, and taking no clicks
    style = page.locator("path.ge-region").first
    assert float(style.get_attribute("fill-opacity")) <= 0.15
    assert float(style.get_attribute("stroke-width")) <= 1.5
    assert page.evaluate("getComputedStyle(document.querySelector('path.ge-region'))"
                         ".pointerEvents") == "none"  # fmt: skip
    assert "Regions: Natural Earth" in page.text_content(".leaflet-control-attribution")
    assert "Dot and shaded outline" in page.text_content(".ge-time")
    page.evaluate("GeoEvents.instances[0].map.setView([49.99, 36.23], 12, {animate: false})")
    page.locator(".ge-cluster").click()  # the two at one place: spread around it
    page.wait_for_function("document.querySelectorAll('path.ge-region-dot').length === 2")
    page.locator("path.ge-region-dot").first.click()
    popup = page.locator(".leaflet-popup-content .ge-popup")
    popup.wait_for()
    assert "only the region is known: Kharkivska oblast (outlined)" in popup.text_content()
    shaped.check_clean()


def test_a_region_level_event_without_an_outline_stays_a_circle(shaped):
    page = shaped.page
    assert page.locator("path.ge-area").count() == 1
    assert page.evaluate("GeoEvents.instances[0].layers[2] instanceof L.Circle")
    assert page.evaluate("GeoEvents.instances[0].layers[2].getRadius()") == 200_000
    assert page.evaluate("GeoEvents.instances[0].regions.of[2]") == -1
    shaped.check_clean()


def test_outlines_follow_the_type_and_date_filters(shaped):
    page = shaped.page
    _legend_box(page, "Battles").uncheck()
    shaped.wait()
    assert _outlines(page) == [["Kharkivska oblast", "Protests"]]
    _legend_box(page, "Protests").uncheck()
    shaped.wait()
    assert _outlines(page) == [] and page.locator("path.ge-region").count() == 0
    _legend_box(page, "Battles").check()
    _legend_box(page, "Protests").check()
    shaped.wait()
    assert len(_outlines(page)) == 2
    _slide(shaped, ".ge-to", "2023-05-10")  # the protest of 2023-05-20 is left out
    assert _outlines(page) == [["Kharkivska oblast", "Battles"]]
    page.locator(".ge-all-dates").click()
    page.locator(".ge-step-fwd").click()  # playback: the week of 2023-05-01
    shaped.wait()
    assert _outlines(page) == [["Kharkivska oblast", "Battles"]]
    page.locator(".ge-step-fwd").click()
    page.locator(".ge-step-fwd").click()  # the week of 2023-05-15
    shaped.wait()
    assert _outlines(page) == [["Kharkivska oblast", "Protests"]]
    _legend_box(page, "Events").uncheck()  # the events' own layer takes its outlines along
    shaped.wait()
    assert page.locator("path.ge-region").count() == 0
    shaped.check_clean()


def _areas_drawn(page) -> list[str]:
    return sorted(page.evaluate(
        "GeoEvents.instances[0].areas.layers.filter((l) => l._map)"
        ".map((l) => l.getLayers()[0].options.color)"
    ))  # fmt: skip


BLUE, MARKUP, UNDATED = "#66c2a5", "#fc8d62", "#8da0cb"  # AREA_COLORS, in order of labels


def test_areas_are_drawn_under_the_events_with_their_own_legend_entry(shaped):
    page = shaped.page
    assert page.locator("path.ge-area-shape").count() == 3
    assert _areas_drawn(page) == sorted([BLUE, MARKUP, UNDATED])
    z = page.evaluate("[getComputedStyle(document.querySelector('.leaflet-geoevents-areas-pane'))"
                      ".zIndex, getComputedStyle(document.querySelector('.leaflet-overlay-pane'))"
                      ".zIndex]")  # fmt: skip
    assert int(z[0]) < int(z[1])  # under the events' circles (and their pins, higher still)
    button = page.locator(".ge-legend .ge-areas-toggle")
    assert button.count() == 1 and button.get_attribute("aria-pressed") == "true"
    assert button.evaluate("(b) => b.tagName") == "BUTTON"
    assert page.text_content(".ge-areas-toggle") == "Control (3)"
    key = page.text_content(".ge-areas-key")
    assert "Blue (1)" in key and f"{SCRIPT} (1)" in key and "Undated (1)" in key
    assert page.locator(".ge-legend script, .ge-legend img").count() == 0
    # the dates of the page take in the areas' too
    assert page.text_content(".ge-time").count("2023-05-31") == 1
    shaped.check_clean()


def test_the_areas_legend_button_works_from_the_keyboard(shaped):
    page = shaped.page
    button = page.locator(".ge-areas-toggle")
    button.focus()
    style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                          " return s.outlineStyle + ' ' + s.outlineWidth; })()")  # fmt: skip
    assert style == "solid 2px"  # the focus is seen
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "false"
    assert page.locator("path.ge-area-shape").count() == 0
    assert shaped.shown() == 4  # the events stay
    page.keyboard.press("Space")
    assert button.get_attribute("aria-pressed") == "true"
    assert page.locator("path.ge-area-shape").count() == 3
    shaped.check_clean()


def test_the_date_filter_and_playback_hide_areas_outside_the_dates(shaped):
    page = shaped.page
    _slide(shaped, ".ge-to", "2023-05-10")
    assert _areas_drawn(page) == sorted([BLUE, UNDATED])  # the markup area starts 05-15
    _slide(shaped, ".ge-to", "2023-05-31")
    _slide(shaped, ".ge-from", "2023-05-12")
    assert _areas_drawn(page) == sorted([MARKUP, UNDATED])  # Blue ended 05-10
    page.locator(".ge-all-dates").click()
    shaped.wait()
    assert len(_areas_drawn(page)) == 3
    page.locator(".ge-step-fwd").click()  # the week of 2023-05-08: Blue's last days
    page.locator(".ge-step-fwd").click()
    shaped.wait()
    assert _areas_drawn(page) == sorted([BLUE, UNDATED])
    page.locator(".ge-step-fwd").click()  # the week of 2023-05-15
    shaped.wait()
    assert _areas_drawn(page) == sorted([MARKUP, UNDATED])
    page.locator(".ge-areas-toggle").click()  # hidden stays hidden through playback
    page.locator(".ge-step-back").click()
    shaped.wait()
    assert _areas_drawn(page) == []
    shaped.check_clean()


def test_area_popups_show_label_and_dates_as_text(shaped):
    page = shaped.page
    page.evaluate("GeoEvents.instances[0].map.setView([49.3, 35.3], 9, {animate: false})")
    box = page.locator("path.ge-area-shape[stroke='#fc8d62']").bounding_box()
    # a click inside the area, under Kharkiv oblast's outline, opens the area's popup
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    popup = page.locator(".leaflet-popup-content .ge-area-popup")
    popup.wait_for()
    text = popup.text_content()
    assert SCRIPT in text and "Control" in text
    assert "Dates: 2023-05-15 to 2023-05-31" in text
    assert popup.locator("script, img").count() == 0
    page.evaluate("GeoEvents.instances[0].map.closePopup()")
    page.evaluate("GeoEvents.instances[0].areas.layers[2].openPopup()")
    assert "undated" in page.locator(".leaflet-popup-content .ge-area-popup").text_content()
    shaped.check_clean()


# ------------------------------------------------------------------ the keyboard alone


def _tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focus is on an element that matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def _focused(page, attribute: str = "aria-label") -> str | None:
    return page.evaluate("(a) => document.activeElement.getAttribute(a)", attribute)


# whether the element with the focus lies wholly inside the map
IN_VIEW_JS = """(() => {
    const a = document.activeElement.getBoundingClientRect();
    const b = GeoEvents.instances[0].map.getContainer().getBoundingClientRect();
    return a.left >= b.left && a.right <= b.right && a.top >= b.top && a.bottom <= b.bottom;
})()"""


def keyboard_rows() -> list[dict]:
    """Invented events: three riots close together (a zoom parts them) and five events
    at one place (no zoom parts them: they are spread)."""
    rows = [{"event_id": f"r{i}", "event_type": "Riots", "event_date": f"2023-05-0{i + 2}",
             "location": f"Osterby {i}", "latitude": 50.0 + i * 0.05, "longitude": 30.0,
             "geo_precision": 1} for i in range(3)]  # fmt: skip
    rows += [{"event_id": f"s{i}", "event_type": "Battles" if i % 2 else "Protests",
              "event_date": f"2023-05-0{i + 1}", "location": "Vellmar", "latitude": 48.5,
              "longitude": 37.0, "geo_precision": 1} for i in range(5)]  # fmt: skip
    return rows


@pytest.fixture(scope="module")
def keyboard_file(tmp_path_factory):
    m = map_events(events_frame(keyboard_rows()))
    return save_map(m, tmp_path_factory.mktemp("keys") / "events.html", offline=True)


def test_the_keyboard_alone_opens_a_cluster_reaches_an_event_and_its_popup(browser, keyboard_file):
    with Opened(browser, keyboard_file) as o:
        page = o.page
        _tab_to(page, ".ge-cluster[aria-label*='Riots']")
        zoom = page.evaluate("GeoEvents.instances[0].map.getZoom()")
        page.keyboard.press("Enter")  # zooms in: the focus goes to the map, not to <body>
        assert page.evaluate("document.activeElement.classList.contains('leaflet-container')")
        page.wait_for_function("(z) => GeoEvents.instances[0].map.getZoom() > z + 1", arg=zoom)
        page.wait_for_function("document.querySelectorAll('.ge-pin').length === 3")
        _tab_to(page, ".ge-pin", limit=5)  # the events shown come first in the map
        label = _focused(page)
        assert re.fullmatch(r"Riots, Osterby [0-2], 2023-05-0[2-4]", label)
        assert _focused(page, "role") == "button" and _focused(page, "tabindex") == "0"
        page.keyboard.press("Enter")
        popup = page.locator(".leaflet-popup-content .ge-popup")
        popup.wait_for()
        for part in label.split(", "):  # what was read out is what the popup says
            assert part in popup.text_content()
        page.keyboard.press("Escape")  # closes the popup; the focus stays on the event
        popup.wait_for(state="detached")
        assert _focused(page) == label
        o.check_clean()


def test_the_keyboard_spreads_a_cluster_at_one_place_and_escape_folds_it(browser, keyboard_file):
    with Opened(browser, keyboard_file) as o:
        page = o.page
        _tab_to(page, ".ge-cluster[aria-label*='Protests']")
        page.keyboard.press("Enter")  # five at one place: spread, the focus on the first
        assert page.locator("path.ge-leg").count() == 5
        assert page.evaluate("document.activeElement.classList.contains('ge-pin')")
        first = _focused(page)
        assert first.startswith(("Battles, Vellmar, 2023-05-0", "Protests, Vellmar, 2023-05-0"))
        assert page.evaluate(IN_VIEW_JS)  # brought into view, at the same zoom: still spread
        page.keyboard.press("Tab")  # on to the next event spread
        second = _focused(page)
        assert second != first and ", Vellmar, 2023-05-0" in second
        page.keyboard.press("Space")
        popup = page.locator(".leaflet-popup-content .ge-popup")
        popup.wait_for()
        assert second.rsplit(", ", 1)[1] in popup.text_content()
        page.keyboard.press("Escape")  # first the popup
        popup.wait_for(state="detached")
        assert page.locator("path.ge-leg").count() == 5
        page.keyboard.press("Escape")  # then the spread, back to its cluster
        assert page.locator("path.ge-leg").count() == 0
        assert _focused(page).startswith("Cluster of 5 events: ")
        o.check_clean()


def test_region_dots_and_circles_are_reached_and_opened_from_the_keyboard(shaped):
    page = shaped.page
    _tab_to(page, "path.ge-area")  # the riot in a division with no outline: a circle
    assert _focused(page) == "Riots, Invented oblast, 2023-05-05"
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content .ge-popup")
    popup.wait_for()
    assert "Riots" in popup.text_content()
    page.keyboard.press("Escape")
    popup.wait_for(state="detached")
    page.evaluate("GeoEvents.instances[0].map.setView([49.99, 36.23], 12, {animate: false})")
    _tab_to(page, ".ge-cluster")  # the two at Kharkiv: spread, the focus on a dot
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('ge-region-dot')")
    assert _focused(page).startswith(("Battles, Kharkivska oblast, ", "Protests, Kharkiv, "))
    page.keyboard.press("Enter")
    popup.wait_for()
    assert "only the region is known: Kharkivska oblast" in popup.text_content()
    shaped.check_clean()


# ------------------------------------------------------------------ pages with little in them


def _edge_page(kind: str, tmp_path):
    """A page with no events, only undated events, events of one single day, or areas
    and no events; invented rows."""
    from geoevents._events import empty_events

    rows = [{"event_id": f"u{i}", "event_type": ("Battles", "Protests")[i % 2],
             "latitude": 48.5 + i, "longitude": 37.0, "geo_precision": 1 + i % 3}
            for i in range(4)]  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GeoEventsWarning)  # "no events to draw"
        if kind == "no events":
            m = map_events(empty_events())
        elif kind == "undated":
            m = map_events(events_frame(rows))
        elif kind == "one day":
            m = map_events(events_frame([{**r, "event_date": "2023-05-01"} for r in rows]))
        else:
            m = map_events(empty_events(), areas=invented_areas(), area_label="held_by")
    return save_map(m, tmp_path / "edge.html", offline=True)


@pytest.mark.parametrize(
    ("kind", "events", "types", "playback"),
    [
        ("no events", 0, 0, False),
        ("undated", 4, 2, False),
        ("one day", 4, 2, False),
        ("areas only", 0, 0, True),
    ],
)
def test_pages_with_little_in_them_draw_and_their_controls_work(
    browser, tmp_path, kind, events, types, playback
):
    with Opened(browser, _edge_page(kind, tmp_path)) as o:
        page = o.page
        assert o.shown() == events and o.count_text() == f"Showing {events} of {events} events"
        assert page.locator(".ge-play-button").count() == int(playback)
        if kind == "one day":
            assert "Date: 2023-05-01" in page.text_content(".ge-time")
        for button in (".ge-play-button", ".ge-step-fwd", ".ge-step-fwd", ".ge-step-back",
                       ".ge-play-button", ".ge-all-dates"):  # fmt: skip
            if page.locator(button).count():
                page.locator(button).click()
                o.wait()
        boxes = page.locator(".ge-layers input[type=checkbox]")
        assert boxes.count() == 1 + types  # the events' own layer, and one per type
        for k in range(boxes.count()):
            boxes.nth(k).uncheck()
            o.wait()
            boxes.nth(k).check()
            o.wait()
        assert o.shown() == events
        if kind == "areas only":
            assert page.locator("path.ge-area-shape").count() == 3
        o.check_clean()
