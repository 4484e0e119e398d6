"""events_in_areas and area_payload at scale: invented events and areas in, seconds out.

Usage::

    .venv/bin/python benchmarks/bench_areas.py [--events N] [--areas N]

Everything is invented: events scattered over a box the size of Ukraine, dated over a
year; areas are irregular polygons of 200 vertices each (about 30-120 km across) over the
same box, each valid for a random stretch of the year, a tenth of them undated, so that
areas overlap in place and in time. Prints the seconds (best of 3) that
``events_in_areas`` takes with each overlap rule, the events held, and the seconds and
JSON size of ``area_payload``, beside issue 16's need (100,000 events × 1,000 polygons,
fast enough to run inside a map call).
"""

from __future__ import annotations

import argparse
import json
import time

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geoevents import events_in_areas
from geoevents._areas import area_payload

BOX = (22.0, 44.5, 40.0, 52.3)  # west, south, east, north
DAY0 = pd.Timestamp("2023-01-01")


def invented_events(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    west, south, east, north = BOX
    return pd.DataFrame({
        "event_date": DAY0 + pd.to_timedelta(rng.integers(0, 365, n), unit="D"),
        "latitude": rng.uniform(south, north, n),
        "longitude": rng.uniform(west, east, n),
    })  # fmt: skip


def invented_areas(n: int, vertices: int = 200, seed: int = 1) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    west, south, east, north = BOX
    cx, cy = rng.uniform(west, east, n), rng.uniform(south, north, n)
    angle = np.linspace(0, 2 * np.pi, vertices, endpoint=False)
    shapes = []
    for x, y in zip(cx, cy, strict=True):
        radius = rng.uniform(0.2, 0.8) * (1 + 0.3 * np.sin(angle * rng.integers(2, 7)))
        ring = np.column_stack([x + radius * np.cos(angle) * 1.5, y + radius * np.sin(angle)])
        shapes.append(shapely.Polygon(ring))
    first = rng.integers(0, 300, n)
    last = first + rng.integers(10, 120, n)
    undated = rng.random(n) < 0.1
    return gpd.GeoDataFrame({
        "held_by": rng.choice(["Blue", "Green", "Grey"], n),
        "valid_from": pd.Series(DAY0 + pd.to_timedelta(first, unit="D")).where(~undated),
        "valid_to": pd.Series(DAY0 + pd.to_timedelta(last, unit="D")).where(~undated),
    }, geometry=shapes, crs="EPSG:4326")  # fmt: skip


def best_of(runs: int, call) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        out = call()
        best = min(best, time.perf_counter() - start)
    return best, out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--areas", type=int, default=1_000)
    args = parser.parse_args(argv)
    events, areas = invented_events(args.events), invented_areas(args.areas)
    print(f"{len(events):,} events × {len(areas):,} areas of 200 vertices (best of 3)")
    for rule in ("latest", "all"):
        seconds, held = best_of(3, lambda r=rule: events_in_areas(
            events, areas, label="held_by", overlap=r))  # fmt: skip
        inside = int(held["area"].notna().sum())
        most = held["area_count"].max()
        print(f"  events_in_areas(overlap={rule!r}): {seconds:6.3f} s, {len(held):,} rows, "
              f"{inside:,} held by an area, up to {most} areas at once")  # fmt: skip
    seconds, doc = best_of(3, lambda: area_payload(areas, label="held_by"))
    size = len(json.dumps(doc, allow_nan=False))
    print(f"  area_payload: {seconds:6.3f} s, {size / 1e6:.2f} MB of JSON")
    seconds, doc = best_of(3, lambda: area_payload(areas, label="held_by", tolerance=0.01))
    size = len(json.dumps(doc, allow_nan=False))
    print(f"  area_payload(tolerance=0.01): {seconds:6.3f} s, {size / 1e6:.2f} MB of JSON")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
