"""Distances (``geoevents._geo``): one pair, the nearest of many, all pairs; the three
agree, so that a point is the same distance from another wherever it is measured."""

from __future__ import annotations

import math

import numpy as np
import pytest

from geoevents._geo import EARTH_RADIUS_KM, km, nearest_km, pairwise_km

DEGREE_KM = 2 * math.pi * EARTH_RADIUS_KM / 360  # 111.19 km


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ((0.0, 0.0), (0.0, 1.0), DEGREE_KM),  # a degree along the equator
        ((0.0, 0.0), (1.0, 0.0), DEGREE_KM),  # a degree along a meridian
        ((60.0, 0.0), (60.0, 1.0), 55.597),  # about half as far at 60° north
        ((90.0, 0.0), (-90.0, 0.0), math.pi * EARTH_RADIUS_KM),  # pole to pole
        ((0.0, 0.0), (0.0, 180.0), math.pi * EARTH_RADIUS_KM),  # antipodes
        ((0.0, 179.5), (0.0, -179.5), DEGREE_KM),  # across the date line
        ((48.6, 38.0), (48.6, 38.0), 0.0),
    ],
)
def test_known_distances(a, b, distance):
    assert km(*a, *b) == pytest.approx(distance, rel=1e-4, abs=1e-9)
    assert km(*b, *a) == pytest.approx(distance, rel=1e-4, abs=1e-9)


def test_another_radius_scales_the_distance():
    assert km(0.0, 0.0, 0.0, 1.0, radius=6378.137) == pytest.approx(DEGREE_KM * 6378.137 / 6371)


def points(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(-80, 80, n), rng.uniform(-180, 180, n)


@pytest.mark.parametrize(("n", "m"), [(1, 1), (3, 8), (24, 1), (30, 40)])  # both code paths
def test_nearest_agrees_with_km(n, m):
    lat, lon = points(n, 1)
    lat2, lon2 = points(m, 2)
    expected = [
        min(km(a, b, c, d) for c, d in zip(lat2, lon2, strict=True))
        for a, b in zip(lat, lon, strict=True)
    ]
    assert nearest_km(lat, lon, lat2, lon2) == pytest.approx(expected, rel=1e-9, abs=1e-6)


def test_a_point_among_the_others_is_zero_from_the_nearest():
    lat, lon = points(30, 3)
    assert nearest_km(lat, lon, lat, lon) == pytest.approx(np.zeros(30), abs=1e-6)


def test_pairwise_agrees_with_km_and_is_symmetric():
    lat, lon = points(12, 4)
    d = pairwise_km(lat, lon)
    assert d.shape == (12, 12)
    assert np.allclose(d, d.T) and np.allclose(np.diag(d), 0.0)
    for i in range(12):
        for j in range(12):
            assert d[i, j] == pytest.approx(km(lat[i], lon[i], lat[j], lon[j]), abs=1e-6)
