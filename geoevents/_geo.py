"""Great-circle distances on a sphere of radius 6371 km: one pair, nearest of many, all pairs.

Every distance geoevents computes goes through this module, so that a point is the same
distance from another wherever it is measured.

Examples
--------
>>> round(km(50.45, 30.52, 49.99, 36.23))  # Kyiv to Kharkiv
409
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["EARTH_RADIUS_KM", "destination", "km", "nearest_km", "paired_km", "pairwise_km"]

EARTH_RADIUS_KM = 6371.0


def km(lat1: float, lon1: float, lat2: float, lon2: float, *,
       radius: float = EARTH_RADIUS_KM) -> float:  # fmt: skip
    """Great-circle distance between two points given in degrees, in km (``radius``:
    another mean Earth radius, as an evaluation that follows a paper may use)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * radius * math.asin(math.sqrt(min(1.0, max(0.0, h))))


def pairwise_km(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Distances (km) between every pair of the points (degrees): an n x n matrix."""
    la = np.radians(lat)
    lo = np.radians(lon)
    h = (
        np.sin((la[None, :] - la[:, None]) / 2) ** 2
        + np.cos(la)[:, None] * np.cos(la)[None, :] * np.sin((lo[None, :] - lo[:, None]) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def paired_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Distances (km) between the points of two equal-length arrays, pair by pair.

    Examples
    --------
    >>> paired_km(np.array([0.0, 0.0]), np.array([0.0, 0.0]), np.array([0.0, 1.0]),
    ...           np.array([1.0, 0.0])).round(3)
    array([111.195, 111.195])
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    h = (
        np.sin((p2 - p1) / 2) ** 2
        + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def nearest_km(lat, lon, lat2, lon2) -> np.ndarray:
    """For each point (lat, lon), the distance (km) to the nearest of (lat2, lon2).

    Examples
    --------
    >>> nearest_km(np.array([0.0]), np.array([0.0]), np.array([0.0, 1.0]), np.array([1.0, 0.0]))
    array([111.19492664])
    """
    if len(lat) * len(lat2) <= 24:  # a short note: plain floats beat array set-up
        r = math.radians
        others = [
            (r(a), math.cos(r(a)), r(b)) for a, b in zip(lat2.tolist(), lon2.tolist(), strict=True)
        ]
        out = []
        sin, cos = math.sin, math.cos
        for a, b in zip(lat.tolist(), lon.tolist(), strict=True):
            la, lo = r(a), r(b)
            cos_la = cos(la)
            best = 1.0
            for la2, c2, lo2 in others:
                h = sin((la2 - la) / 2) ** 2 + cos_la * c2 * sin((lo2 - lo) / 2) ** 2
                if h < best:
                    best = h
            out.append(2 * EARTH_RADIUS_KM * math.asin(math.sqrt(max(best, 0.0))))
        return np.array(out)
    la1 = np.radians(lat)[:, None]
    lo1 = np.radians(lon)[:, None]
    la2 = np.radians(lat2)[None, :]
    lo2 = np.radians(lon2)[None, :]
    h = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    d = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
    return d.min(axis=1)


def destination(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point ``km`` from (lat, lon) along a great circle leaving at ``bearing``
    degrees clockwise from north, rounded to 5 decimals (about a metre).

    Examples
    --------
    >>> destination(48.7, 37.5, 10.0, 180.0)  # 10 km due south
    (48.61007, 37.5)
    """
    r = km / 6371.0088
    p1, l1, b = math.radians(lat), math.radians(lon), math.radians(bearing)
    p2 = math.asin(math.sin(p1) * math.cos(r) + math.cos(p1) * math.sin(r) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(r) * math.cos(p1),
                         math.cos(r) - math.sin(p1) * math.sin(p2))  # fmt: skip
    return round(math.degrees(p2), 5), round((math.degrees(l2) + 540) % 360 - 180, 5)
