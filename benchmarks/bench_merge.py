"""merge_events at scale: invented events in, the time to merge them out.

Usage::

    .venv/bin/python benchmarks/bench_merge.py [--million]

Events are invented: 60 towns over Ukraine, points scattered about 10 km around them,
dates over a year, three event types, 40% of them told by a second or third report a
few km and at most a day apart. Prints the seconds ``merge_events`` takes (best of 3)
and the rows it gives, beside issue 14's goals (20,000 events in 2 s; 1,000,000 in 60 s
with ``--million``).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from geoevents import merge_events


def invented_events(n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` invented events (see the module's docstring)."""
    rng = np.random.default_rng(seed)
    towns = rng.uniform([46.0, 23.0], [52.0, 40.0], size=(60, 2))
    base = n * 10 // 14  # the events; the rest are second and third tellings of them
    town = rng.integers(0, len(towns), base)
    lat = towns[town, 0] + rng.normal(0, 0.09, base)
    lon = towns[town, 1] + rng.normal(0, 0.13, base)
    day = rng.integers(0, 365, base)
    kind = rng.integers(0, 3, base)
    again = rng.integers(0, base, n - base)
    lat = np.concatenate([lat, lat[again] + rng.normal(0, 0.02, len(again))])
    lon = np.concatenate([lon, lon[again] + rng.normal(0, 0.03, len(again))])
    day = np.concatenate([day, day[again] + rng.integers(0, 2, len(again))])
    kind = np.concatenate([kind, kind[again]])
    types = np.array(["Battles", "Explosions/Remote violence", "Protests"])
    return pd.DataFrame({
        "event_type": types[kind],
        "event_date": pd.Timestamp("2023-01-01") + pd.to_timedelta(day, unit="D"),
        "latitude": lat, "longitude": lon,
        "confidence": rng.random(n).round(3),
        "fatalities": pd.array(rng.integers(0, 4, n), dtype="Int64"),
        "source": rng.choice(["Agency A", "Agency B", "Outlet C", "Channel D"], n),
        "article_id": [f"r{i}" for i in range(n)],
    })  # fmt: skip


def timed(frame: pd.DataFrame, runs: int = 3) -> tuple[float, int]:
    best, rows = float("inf"), 0
    for _ in range(runs):
        start = time.perf_counter()
        rows = len(merge_events(frame))
        best = min(best, time.perf_counter() - start)
    return best, rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--million", action="store_true", help="also merge 1,000,000 events")
    args = ap.parse_args()
    sizes = [(20_000, 2.0, 3)] + ([(1_000_000, 60.0, 1)] if args.million else [])
    print("| events | merged rows | seconds | goal |")
    print("|---:|---:|---:|---:|")
    for n, goal, runs in sizes:
        seconds, rows = timed(invented_events(n), runs)
        print(f"| {n:,} | {rows:,} | {seconds:.2f} | <= {goal:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
