"""The full default gazetteer (built from the installed packages + gazetteer/*.csv).

`make test` builds it first; run alone, the first test builds it (about 30 s).
"""

from __future__ import annotations

import os
import socket

import pytest

from geoevents import Gazetteer
from geoevents._geo import km as great_circle_km

pytestmark = pytest.mark.integration


def km(a, b) -> float:
    return great_circle_km(*a, *b)


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load(progress=False)


TOWN, FACILITY, OBLAST, REGION = 15, 8, 130, 220

MUST_RESOLVE = [
    ("Mariupol", (47.0951, 37.5413), TOWN),
    ("Zaporizhia", (47.8517, 35.1171), TOWN),
    ("Kremena", (49.0481, 38.2155), TOWN),
    ("Mykolaiv", (46.9750, 31.9946), TOWN),
    ("Donbass", (48.3, 38.4), REGION),
    ("Azovstal", (47.098, 37.602), FACILITY),
    ("Kiev", (50.4501, 30.5234), TOWN),
    ("Nikolaev", (46.9750, 31.9946), TOWN),
    ("Artemivsk", (48.5956, 38.0000), TOWN),
    ("Moscow", (55.7558, 37.6173), TOWN),
    ("Crimea", (45.3, 34.4), REGION),
    ("Donetsk Oblast", (48.0, 37.8), OBLAST),
    ("Запоріжжя", (47.8517, 35.1171), TOWN),
    ("Dnipropetrovsk", (48.4647, 35.0462), TOWN),
    ("Kirovohrad", (48.5079, 32.2623), TOWN),
    ("Dzerzhynsk", (48.3978, 37.8471), TOWN),
    ("Sievierodonetsk", (48.9482, 38.4914), TOWN),
    ("Horlivka", (48.3000, 38.0500), TOWN),
    ("Харків", (49.9935, 36.2304), TOWN),
    ("Zaporizhzhia Nuclear Power Plant", (47.5119, 34.5853), FACILITY),
    ("Kakhovka dam", (46.7775, 33.3706), FACILITY),
    ("Luhansk Oblast", (48.75, 39.0), OBLAST),
    ("Kherson region", (46.75, 33.35), OBLAST),
    ("Donetska oblast", (48.0, 37.8), OBLAST),
]


@pytest.mark.parametrize(("name", "point", "radius"), MUST_RESOLVE, ids=lambda v: str(v))
def test_must_resolve_names(gaz, name, point, radius):
    best = gaz.best(name)
    assert best is not None, name
    assert km(point, (best.latitude, best.longitude)) <= radius, best


def test_moscow_is_in_russia_unless_asked(gaz):
    assert gaz.best("Moscow").country_code == "RU"
    assert gaz.best("Moscow", country="US").admin1 == "Idaho"


def test_mykolaiv_is_the_regional_capital_not_the_town_near_lviv(gaz):
    frame = gaz.lookup("Mykolaiv", country="UA", kind="city", limit=None)
    assert frame.iloc[0]["admin1"] == "Mykolaivska oblast"
    assert "Lvivska oblast" in set(frame["admin1"])  # the other one is still there


@pytest.mark.parametrize(
    ("country", "point", "radius"),
    [("Ukraine", (49.0, 32.0), 400), ("China", (35.0, 105.0), 400),
     ("Russia", (60.0, 100.0), 1000), ("United States", (39.8, -98.6), 400)],
)  # fmt: skip
def test_countries_sit_at_representative_points_not_capitals(gaz, country, point, radius):
    best = gaz.best(country)
    assert best.kind == "country"
    assert km(point, (best.latitude, best.longitude)) <= radius


def test_every_kind_is_present(gaz):
    counts = gaz.info()["by_kind"]
    assert counts["city"] > 200_000
    assert counts["country"] >= 240
    assert counts["admin1"] > 3000 and counts["admin2"] > 20_000
    assert counts["region"] >= 10 and counts["facility"] >= 20


def test_geopandas_geocode_offline(gaz):
    import geopandas

    from geoevents import OfflineGeocoder

    gdf = geopandas.tools.geocode(["Kremena", "Azovstal"], provider=OfflineGeocoder)
    assert gdf["address"].iloc[0].startswith("Kreminna")
    assert km((47.098, 37.602), (gdf.geometry.iloc[1].y, gdf.geometry.iloc[1].x)) <= FACILITY


@pytest.mark.skipif(
    os.environ.get("GEOEVENTS_TESTS_OFFLINE") != "1", reason="not run under tools/offline"
)
def test_the_network_is_cut_off_during_tests():
    with pytest.raises(OSError):
        socket.create_connection(("1.1.1.1", 443), timeout=2).close()
