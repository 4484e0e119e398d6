"""geoevents.dask against one process: throughput on 20,000 reports, same rows, worker start-up.

Usage::

    .venv/bin/python benchmarks/bench_dask.py [--reports 20000] [--runs 2]

The reports are the ACLED development notes (``../shared/data/events``) repeated to
``--reports`` (each copy with its own id), or, without ``../shared``, invented notes.
Both sides are measured warm, best of ``--runs``: one process (``extract_events(...,
n_jobs=1)`` after a first call has opened the gazetteer) against
``geoevents.dask.extract_events(...).compute()`` on the default local cluster (one
single-threaded worker process per core) after its workers have opened theirs. Worker
start-up is the time from nothing to a cluster whose every worker has read a report:
processes started, geoevents imported, the default gazetteer opened. Prints the table
the README quotes, beside issue 14's goals (≥ 1.6×; identical rows; start-up ≤ 3 s).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import pandas as pd

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "events"


def reports(n: int) -> pd.DataFrame:
    path = SHARED / "acled_ukraine_dev.csv"
    if path.is_file():
        rows = pd.read_csv(path, dtype=str)
        base = pd.DataFrame({"text": rows["text"], "published": rows["date"]})
    else:  # invented notes of the same shape
        towns = ["Kharkiv", "Izium", "Bakhmut", "Kherson", "Mykolaiv", "Sumy", "Avdiivka"]
        base = pd.DataFrame({
            "text": [f"On {d} May 2022, Russian forces shelled {t}. Casualties unknown."
                     for d in range(1, 29) for t in towns],
            "published": "2022-05-30",
        })  # fmt: skip
    out = pd.concat([base] * (n // len(base) + 1), ignore_index=True).head(n)
    out["article_id"] = [f"r{i}" for i in range(len(out))]
    return out


def _warm() -> None:
    from geoevents import extract_events

    extract_events("Drones hit Odesa on 3 May 2022.", n_jobs=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    from distributed import Client, LocalCluster

    import geoevents.dask as gd
    from geoevents import extract_events

    frame = reports(args.reports)
    cores = len(os.sched_getaffinity(0))
    start = time.perf_counter()
    cluster = LocalCluster(n_workers=cores, threads_per_worker=1, processes=True,
                           dashboard_address=None)  # fmt: skip
    client = Client(cluster)
    client.run(_warm)
    startup = time.perf_counter() - start
    _warm()
    single, dask_s = [], []
    one = many = None
    for _ in range(args.runs):
        t = time.perf_counter()
        one = extract_events(frame, n_jobs=1)
        single.append(time.perf_counter() - t)
        t = time.perf_counter()
        many = gd.extract_events(frame, scheduler=client).compute()
        dask_s.append(time.perf_counter() - t)
    a = one.sort_values("event_id").reset_index(drop=True)
    b = many.sort_values("event_id").reset_index(drop=True)
    try:
        pd.testing.assert_frame_equal(a, b)
        same = "identical"
    except AssertionError as exc:
        same = f"DIFFERENT ({str(exc).splitlines()[0]})"
    client.close()
    cluster.close()
    n = len(frame)
    print(f"{n:,} reports, {len(one):,} events; {cores} cores; best of {args.runs}\n")
    print("| measure | value | goal |\n|---|---|---|")
    print(f"| one process (n_jobs=1) | {min(single):.1f} s ({n / min(single):,.0f} reports/s) | |")
    print(
        f"| geoevents.dask, {cores} workers | {min(dask_s):.1f} s "
        f"({n / min(dask_s):,.0f} reports/s) | |"
    )
    print(f"| speed-up | {min(single) / min(dask_s):.2f}× | ≥ 1.6× |")
    print(f"| rows, sorted by event_id | {same} | identical |")
    print(f"| cluster start-up, every worker ready to read | {startup:.1f} s | ≤ 3 s |")


if __name__ == "__main__":
    main()
