"""OfflineGeocoder: geopy's contract, geopandas integration, and the online fallback
tested against a fake Nominatim on 127.0.0.1 (tests never reach the internet)."""

from __future__ import annotations

import http.server
import json
import threading
import time
import typing
import urllib.parse

import geopandas
import pytest
from geopy.geocoders import Nominatim

from geoevents import GeoEventsWarning, InvalidInputError, OfflineGeocoder


def test_geopandas_geocode_with_the_offline_provider(fixture_gaz):
    gdf = geopandas.tools.geocode(
        ["Kiev", "Zaporizhia", "Nowhere-on-Sea"], provider=OfflineGeocoder, gazetteer=fixture_gaz
    )
    assert gdf.crs.to_epsg() == 4326
    assert gdf.geometry.iloc[0].y == pytest.approx(50.4501)
    assert gdf["address"].iloc[1].startswith("Zaporizhzhia")
    assert gdf.geometry.iloc[2].is_empty and gdf["address"].isna().iloc[2]


def test_restrictions_pass_through(fixture_gaz):
    geocoder = OfflineGeocoder(gazetteer=fixture_gaz, country="US")
    assert geocoder.geocode("Moscow").raw["admin1"] == "Idaho"
    assert geocoder.geocode("Kyiv") is None
    assert len(OfflineGeocoder(gazetteer=fixture_gaz).geocode("Paris", exactly_one=False)) == 2


def test_bad_arguments(fixture_gaz):
    with pytest.raises(InvalidInputError):
        OfflineGeocoder(gazetteer="not a gazetteer")
    with pytest.raises(InvalidInputError):
        OfflineGeocoder(gazetteer=fixture_gaz, fallback=object())
    with pytest.raises(InvalidInputError):
        OfflineGeocoder(gazetteer=fixture_gaz).geocode({"city": "Kyiv"})


class _FakeNominatim(http.server.BaseHTTPRequestHandler):
    queries: typing.ClassVar[list[str]] = []
    delay = 0.0

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(url.query).get("q", [""])[0]
        type(self).queries.append(q)
        time.sleep(self.delay)
        if q == "Hlyboke Yar":
            body = [{"lat": "48.61", "lon": "38.02", "display_name": "Hlyboke Yar, Ukraine",
                     "place_id": 1, "osm_type": "node"}]  # fmt: skip
        else:
            body = []
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def nominatim():
    _FakeNominatim.queries = []
    _FakeNominatim.delay = 0.0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FakeNominatim)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Nominatim(
        domain=f"127.0.0.1:{server.server_address[1]}", scheme="http", user_agent="geoevents-tests"
    )
    server.shutdown()
    server.server_close()


def test_fallback_is_asked_only_on_a_miss_and_cached_on_disk(fixture_gaz, nominatim, tmp_path):
    cache = tmp_path / "answers.sqlite"
    geocoder = OfflineGeocoder(
        gazetteer=fixture_gaz, fallback=nominatim, min_delay_seconds=0.0, fallback_cache=cache
    )
    assert geocoder.geocode("Kyiv").raw["kind"] == "city"  # offline hit
    assert _FakeNominatim.queries == []
    found = geocoder.geocode("Hlyboke Yar")
    assert (found.latitude, found.longitude) == (48.61, 38.02)
    assert geocoder.geocode("Nowhere at all") is None
    assert _FakeNominatim.queries == ["Hlyboke Yar", "Nowhere at all"]
    geocoder.close()
    # a new geocoder (a new session) answers both from the disk cache
    again = OfflineGeocoder(
        gazetteer=fixture_gaz, fallback=nominatim, min_delay_seconds=0.0, fallback_cache=cache
    )
    assert again.geocode("Hlyboke Yar").address == "Hlyboke Yar, Ukraine"
    assert again.geocode("Nowhere at all") is None
    assert _FakeNominatim.queries == ["Hlyboke Yar", "Nowhere at all"]
    again.close()


def test_fallback_is_rate_limited(fixture_gaz, nominatim):
    geocoder = OfflineGeocoder(
        gazetteer=fixture_gaz, fallback=nominatim, min_delay_seconds=0.3, fallback_cache=False
    )
    start = time.perf_counter()
    for name in ("Place A", "Place B", "Place C"):
        geocoder.geocode(name)
    assert time.perf_counter() - start >= 0.55  # two waits of 0.3 s between three calls


@pytest.mark.slow  # geopy's RateLimiter waits 5 s (error_wait_seconds) before its retry
def test_fallback_timeout_warns_and_returns_none(fixture_gaz, nominatim):
    _FakeNominatim.delay = 1.0
    geocoder = OfflineGeocoder(
        gazetteer=fixture_gaz, fallback=nominatim, min_delay_seconds=0.0,
        fallback_cache=False, timeout=0.2,
    )  # fmt: skip
    with pytest.warns(GeoEventsWarning, match="online fallback geocoder failed"):
        assert geocoder.geocode("Slow Village") is None
