"""Bounded work (issue 15): long reports in linear time, merges, zip bombs, slow servers.

Every text here is invented. The servers are fake ones on 127.0.0.1 that trickle bytes,
stall, or answer HTTP 429 with "Retry-After: 3600"; each call must end with a clear
error (or a warning, for the geocoder's fallback) within its deadline.
"""

from __future__ import annotations

import gzip
import http.server
import os
import random
import threading
import time
import tracemalloc
import zipfile

import numpy as np
import pandas as pd
import pytest
from geopy.geocoders import Nominatim

from geoevents import (
    DownloadError,
    GeoEventsWarning,
    GeoNamesDumpError,
    Geoparser,
    InvalidInputError,
    OfflineGeocoder,
    extract_events,
    merge_events,
)
from geoevents._events import EventExtractor
from geoevents._events.merge import _components, _linking_pairs, near_pairs
from geoevents._frames import calendar_days
from geoevents._gazetteer.dumps import MAX_LINE_BYTES, add_geonames, download_geonames

# ------------------------------------------------------------------ long reports

_TOWNS = ["Bakhmut", "Kherson", "Mykolaiv", "Zaporizhzhia", "Donetsk", "Kyiv"]
_SENTENCES = [
    # a site named after its town, a list after its region: readings that once looked
    # through the whole report's places (and its text) for each place or sentence
    "A missile hit the {a} port on Friday, starting a fire in two warehouses.",
    "Fire crews worked for hours at the {a} power plant after the shelling.",
    "Troops shelled positions in the Donetska oblast near {a} and {b} all week.",
    "Artillery crews shelled {a} before dawn, damaging a grain store and two garages.",
    "Officials in {a} said a drone hit a fuel depot on the edge of town overnight.",
    "Volunteers brought blankets and stoves to families in {a} and {b} this week.",
    "Soldiers repelled an assault north of {a}, the regional governor reported.",
    "A rocket struck a school in {a}, killing two guards and wounding five.",
    "People in {a} queued for water after the pumping station lost power.",
    "Engineers cleared mines from the fields between {a} and {b} on Thursday.",
    "The bakery in {a} opened again although the windows are still boarded.",
    "Heavy fighting went on near {a} while aid lorries drove towards {b}.",
]


def _report(n_chars: int, seed: int = 3) -> str:
    """A long invented report: varied sentences naming the fixture towns, in paragraphs."""
    rnd = random.Random(seed)
    parts, size = [], 0
    while size < n_chars:
        s = rnd.choice(_SENTENCES).format(a=rnd.choice(_TOWNS), b=rnd.choice(_TOWNS))
        parts.append(s + ("\n\n" if rnd.random() < 0.15 else " "))
        size += len(parts[-1])
    return "".join(parts)


def _seconds(text: str) -> float:
    start = time.perf_counter()
    extract_events(text, published="2023-03-07")
    return time.perf_counter() - start


@pytest.mark.integration  # the full index: its many namesakes are what made it quadratic
def test_a_long_report_reads_in_linear_time():
    small, large = _report(50_000), _report(500_000)
    _seconds(small[:5_000])  # the gazetteer's and the models' first use
    t_small = min(_seconds(small) for _ in range(2))
    t_large = _seconds(large)
    # ten times the text: ten times the time when linear (it was 100 times and more)
    assert t_large / t_small < 30, (t_small, t_large)


@pytest.mark.slow
def test_a_text_without_full_stops_reads_in_linear_time(fixture_gaz):
    """A scraped page with no full stops is one "sentence": it is read in pieces, not
    with every event word weighed against every place of the page (8 KB took 15 s)."""

    extractor = EventExtractor(Geoparser(fixture_gaz))

    def seconds(n: int) -> float:
        text = _report(n, seed=4).replace(".", "").replace("\n", " ")
        start = time.perf_counter()
        assert len(extractor.extract(text, published="2023-03-07"))
        return time.perf_counter() - start

    seconds(1_000)
    t_small = min(seconds(3_000) for _ in range(2))
    t_large = seconds(30_000)
    assert t_large < 20 and t_large / t_small < 30, (t_small, t_large)


@pytest.mark.slow
def test_a_page_of_event_words_and_places_without_full_stops_reads_quickly(fixture_gaz):
    """ "troops shelled Kherson, troops shelled Bakhmut, ..." with no full stop: each
    piece of 2,000 characters names a hundred places and a hundred event words, which
    once weighed every place for every word: it must stay within a few times a report
    of ordinary sentences of the same length."""
    extractor = EventExtractor(Geoparser(fixture_gaz))

    def seconds(text: str) -> float:
        start = time.perf_counter()
        assert len(extractor.extract(text, published="2023-03-07", n_jobs=1))
        return time.perf_counter() - start

    page = "".join(f"troops shelled {_TOWNS[k % len(_TOWNS)]}, " for k in range(4_000))
    ordinary = _report(len(page))
    seconds(ordinary[:5_000])
    t_page, t_ordinary = seconds(page), min(seconds(ordinary) for _ in range(2))
    assert t_page / t_ordinary < 6, (t_page, t_ordinary)


def test_a_long_report_gives_each_event_once(fixture_gaz):
    ev = extract_events(_report(30_000), published="2023-03-07", gazetteer=fixture_gaz)
    assert len(ev) and not ev.duplicated(["event_type", "location", "event_date"]).any()
    assert set(ev["location"]) <= {*_TOWNS, "Donetska oblast"}


# ----------------------------------------------------------------------- merging


def _events(n: int, lat, lon, seed: int = 5) -> pd.DataFrame:
    rnd = np.random.default_rng(seed)
    return pd.DataFrame({
        "event_type": rnd.choice(["Battles", "Explosions/Remote violence"], n),
        "event_date": pd.Timestamp("2023-03-07"),
        "latitude": lat, "longitude": lon, "confidence": rnd.uniform(0, 1, n),
        "source": [f"agency {i % 40}" for i in range(n)],
        "fatalities": rnd.integers(0, 4, n),
    })  # fmt: skip


@pytest.mark.parametrize("towns", [1, 30, 6000])
def test_merging_6000_events_of_one_day_is_quick(towns):
    rnd = np.random.default_rng(towns)
    lat, lon = rnd.uniform(46, 52, towns), rnd.uniform(24, 40, towns)
    pick = rnd.integers(0, towns, 6000)
    frame = _events(6000, lat[pick], lon[pick])
    start = time.perf_counter()
    merged = merge_events(frame)
    assert time.perf_counter() - start < 1  # 18 million pairs in one town took 7 s
    assert merged["n_reports"].sum() == 6000
    if towns == 1:  # one town, one day: one event per type
        assert sorted(merged["event_type"]) == ["Battles", "Explosions/Remote violence"]


def test_merging_joins_the_same_chains_as_every_pair():
    rnd = np.random.default_rng(11)
    points = rnd.uniform(0, 0.3, (40, 2)) + np.array([48.0, 37.0])
    pick = rnd.integers(0, 40, 500)
    frame = _events(500, points[pick, 0], points[pick, 1])
    frame["event_date"] = pd.Timestamp("2023-03-07") + pd.to_timedelta(
        rnd.integers(0, 4, 500), unit="D"
    )
    frame.loc[::37, "event_date"] = pd.NaT  # never merged
    for days, km in ((0, 0.0), (1, 10.0), (2, 3.0)):
        every = _components(len(frame), near_pairs(frame, days, km))
        day = calendar_days(frame, "gdf")[0]
        linked = _components(len(frame), _linking_pairs(frame, day, days, km))
        assert (every == linked).all(), (days, km)


# --------------------------------------------------------------------- zip bombs


def test_a_zip_bomb_is_refused_before_it_is_read(small_world, tmp_path):
    bomb = tmp_path / "XX.zip"
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf,
        zf.open("XX.txt", "w") as fh,
    ):
        block = b"7" * (8 << 20)
        for _ in range(32):  # 256 MB of one line, packed into about a megabyte
            fh.write(block)
    assert bomb.stat().st_size < 2 << 20
    start = time.perf_counter()
    with pytest.raises(GeoNamesDumpError, match=r"XX\.zip:XX\.txt expands .* times"):
        add_geonames(bomb, progress=False)
    assert time.perf_counter() - start < 2


@pytest.mark.parametrize("suffix", [".txt", ".txt.gz", ".zip"])
def test_a_line_longer_than_any_row_is_refused_with_memory_bounded(small_world, tmp_path,
                                                                   suffix):  # fmt: skip
    row = "1\tLong Field\tLong Field\t\t48.1\t37.2\tP\tPPL\tUA" + "\t" * 10 + "\n"
    # 4 MB in one line, of letters that pack no better than a dump's (no bomb by its ratio)
    body = (row + "2\t" + os.urandom(2 << 20).hex() + "\n").encode()
    path = tmp_path / f"XX{suffix}"
    if suffix == ".zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("XX.txt", body)
    elif suffix == ".txt.gz":
        path.write_bytes(gzip.compress(body))
    else:
        path.write_bytes(body)
    tracemalloc.start()
    try:
        with pytest.raises(GeoNamesDumpError, match=r"line 2: longer than 65,536 bytes"):
            add_geonames(path, progress=False)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * MAX_LINE_BYTES + (1 << 20)


# ------------------------------------------------------------------- slow servers


class _Hostile(http.server.BaseHTTPRequestHandler):
    """Under ``/trickle/``: a byte every 0.05 s of a promised 10 MB; ``/steady/``: 8 KB
    every 0.1 s (above the rate floor, past any short deadline); ``/mute/``: the status
    line a byte a second; ``/busy/``: HTTP 429, retry after an hour; ``/search`` (a
    geocoder's): as /trickle/, or as /busy/ when ``busy``."""

    protocol_version = "HTTP/1.1"
    busy = False

    def do_GET(self):
        route = self.path.split("?")[0].strip("/").split("/")[0]
        try:
            if route == "busy" or (route == "search" and self.busy):
                self.send_response(429)
                self.send_header("Retry-After", "3600")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route == "mute":
                for byte in b"HTTP/1.1 200 OK\r\n":
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(1.0)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(10 << 20))
            self.end_headers()
            steady = route == "steady"
            for _ in range(2000):
                self.wfile.write(b"x" * (8192 if steady else 1))
                self.wfile.flush()
                time.sleep(0.1 if steady else 0.05)
        except OSError:  # the client hung up: what it should do
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def hostile():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _download(server: str, route: str, **kwargs):
    start = time.perf_counter()
    with pytest.raises(DownloadError) as caught:
        download_geonames("UA", base_url=f"http://{server}/{route}", progress=False, **kwargs)
    return str(caught.value), time.perf_counter() - start


@pytest.mark.slow
def test_a_trickling_server_is_cut_off(hostile):
    message, seconds = _download(hostile, "trickle", timeout=1.0, deadline=60)
    assert "less than 1024 bytes a second" in message and seconds < 4


@pytest.mark.slow
def test_a_download_past_its_deadline_is_cut_off(hostile):
    message, seconds = _download(hostile, "steady", timeout=1.0, deadline=1.5)
    assert "deadline of 1.5 s" in message and seconds < 4


@pytest.mark.slow
def test_a_server_that_never_finishes_its_headers_is_cut_off(hostile):
    message, seconds = _download(hostile, "mute", timeout=1.0, deadline=2.0)
    assert "cannot download" in message and seconds < 4


def test_a_429_with_a_long_retry_after_fails_at_once(hostile):
    message, seconds = _download(hostile, "busy", timeout=5.0)
    assert "HTTP 429" in message and "retry after 3600" in message and seconds < 3


def test_the_cli_download_takes_a_deadline(small_world, hostile, capsys):
    from geoevents._cli import main

    code = main(["gazetteer", "add-geonames", "--download", "UA",
                 "--base-url", f"http://{hostile}/busy", "--deadline", "5"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1 and "HTTP 429" in err and "Traceback" not in err
    # refused before any request is made (no --base-url: it would be GeoNames itself)
    assert main(["gazetteer", "add-geonames", "--download", "UA", "--deadline", "-1"]) == 1
    assert "deadline must be a positive number" in capsys.readouterr().err


def _geocoder(fixture_gaz, hostile, **kwargs) -> OfflineGeocoder:
    fallback = Nominatim(domain=hostile, scheme="http", user_agent="geoevents-tests", timeout=1)
    return OfflineGeocoder(gazetteer=fixture_gaz, fallback=fallback, fallback_cache=False,
                           **kwargs)  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("busy", [False, True], ids=["trickle", "429-retry-after-3600"])
def test_the_fallback_geocoder_keeps_its_deadline(fixture_gaz, hostile, busy, monkeypatch):
    monkeypatch.setattr(_Hostile, "busy", busy)
    geocoder = _geocoder(fixture_gaz, hostile, min_delay_seconds=0, deadline=1.5)
    start = time.perf_counter()
    with pytest.warns(GeoEventsWarning, match="online fallback geocoder switched off"):
        assert geocoder.geocode("Hlyboka Balka") is None
    assert time.perf_counter() - start < 4
    start = time.perf_counter()  # switched off: not asked again
    assert geocoder.geocode("Sukhyi Yar") is None
    assert time.perf_counter() - start < 0.5
    assert geocoder.geocode("Kyiv").raw["kind"] == "city"  # the gazetteer still answers


def test_the_fallback_geocoder_takes_a_long_delay_or_refuses_it(fixture_gaz, hostile):
    # geopy's RateLimiter asserts that it waits after an error as long as between calls
    assert _geocoder(fixture_gaz, hostile, min_delay_seconds=6).geocode("Kyiv") is not None
    with pytest.raises(InvalidInputError, match="min_delay_seconds must be at most 60"):
        _geocoder(fixture_gaz, hostile, min_delay_seconds=3600)
    with pytest.raises(InvalidInputError, match="deadline"):
        _geocoder(fixture_gaz, hostile, deadline=0)
