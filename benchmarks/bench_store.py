"""The event store at scale: appending a day's reports to a store of a million events.

Usage::

    .venv/bin/python benchmarks/bench_store.py [--stored 1000000] [--new 10000]

A DuckDB store in a temporary folder is filled with ``--stored`` invented events (each
with its report, extraction and source link, written straight into the tables: filling
is set-up, not measured). Then ``--new`` new reports, each with one extraction already
made (extraction time is excluded, as issue 14 states the goal), are appended with
``EventStore.add(..., events=...)``: half retell a stored event (a few km and at most a
day from it, same type and actors), half are new events. Invented events: 200 towns over
Ukraine, points about 10 km around them, dates over three years, six event types, three
attackers. Prints the append's seconds, what it matched, the same append again (which
must add no row), and the store's size, beside the goals (≤ 10 s; no row).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from geoevents import EventStore
from geoevents._events.frame import EVENT_COLUMNS, events_frame
from geoevents._store.combine import lat_band
from geoevents._store.db import SCHEMA

TYPES = np.array(["Battles", "Explosions/Remote violence", "Violence against civilians",
                  "Strategic developments", "Protests", "Riots"])  # fmt: skip
ACTORS = np.array(["Russian forces", "Ukrainian forces", None], dtype=object)
START = pd.Timestamp("2022-02-24")
DAYS = 1095


def invented(n: int, rng, days=(0, DAYS), towns=None) -> pd.DataFrame:
    """``n`` invented readings (see the module's docstring)."""
    if towns is None:
        towns = np.random.default_rng(7).uniform([45.0, 23.0], [52.0, 40.0], size=(200, 2))
    town = rng.integers(0, len(towns), n)
    day = rng.integers(days[0], days[1], n)
    return pd.DataFrame({
        "event_date": START + pd.to_timedelta(day, unit="D"),
        "time_precision": 1,
        "event_type": TYPES[rng.integers(0, len(TYPES), n)],
        "sub_event_type": None,
        "actor1": ACTORS[rng.integers(0, 3, n)],
        "actor2": None,
        "location": [f"Town {t}" for t in town],
        "admin1": "Region", "country": "Ukraine", "country_code": "UA",
        "geonameid": town,
        "latitude": towns[town, 0] + rng.normal(0, 0.09, n),
        "longitude": towns[town, 1] + rng.normal(0, 0.13, n),
        "geo_precision": 1,
        "fatalities": pd.array(rng.integers(0, 3, n), dtype="Int64"),
        "status": "reported",
        "confidence": rng.random(n).round(3),
        "notes": [f"invented reading {i}" for i in rng.integers(0, 10**9, n)],
        "mention": [f"Town {t}" for t in town],
        "lang": "en", "source": "Agency", "source_url": None, "article_id": None,
    })  # fmt: skip


def fill(store: EventStore, n: int, rng) -> None:
    """Write ``n`` events straight into the store's tables, one report each."""
    db = store._db
    chunk = 250_000
    for start in range(0, n, chunk):
        m = min(chunk, n - start)
        ids = [hashlib.sha1(f"stored-{start + i}".encode()).hexdigest()[:20] for i in range(m)]
        ev = invented(m, rng)
        reports = pd.DataFrame({
            "report_id": ids, "text_hash": ids, "url": None, "article_id": ids,
            "title": None, "published": None, "source": "Agency", "lang": "en",
            "text": [f"stored report {start + i}" for i in range(m)], "run_id": 1,
        })  # fmt: skip
        ext = ev.assign(extraction_id=[i[:16] for i in ids], report_id=ids, run_id=1)
        ext["article_id"] = ids
        events = ev.assign(event_id=ext["extraction_id"], n_sources=1,
                           lat_band=lat_band(ev["latitude"].to_numpy()), first_run=1,
                           updated_run=1)  # fmt: skip
        links = pd.DataFrame({
            "event_id": ext["extraction_id"], "extraction_id": ext["extraction_id"],
            "score": 1.0, "rule": "founder", "run_id": 1, "active": True,
            "seq": np.arange(start + 1, start + m + 1),
        })  # fmt: skip
        with db.transaction():
            db.insert("reports", reports[list(SCHEMA["reports"])])
            db.insert("extractions", ext[list(SCHEMA["extractions"])])
            db.insert("events", events[list(SCHEMA["events"])])
            db.insert("event_sources", links)
    db.insert("runs", pd.DataFrame([{"run_id": 1, "action": "add", "version": "bench",
                                     "n_reports": n}]))  # fmt: skip


def day_of_news(store: EventStore, n: int, rng):
    """``n`` new reports and their readings: half retell stored events of the last two
    months, half are new events in those months."""
    recent = store._db.frame(
        "SELECT * FROM events WHERE event_date >= ?",
        [(START + pd.Timedelta(days=DAYS - 60)).date()],
    )
    again = recent.sample(n // 2, random_state=int(rng.integers(1 << 31)))
    retold = again[[c for c in EVENT_COLUMNS if c in again]].copy()
    retold["latitude"] += rng.normal(0, 0.015, len(retold))
    retold["longitude"] += rng.normal(0, 0.02, len(retold))
    retold["event_date"] = pd.to_datetime(retold["event_date"]) + pd.to_timedelta(
        rng.integers(0, 2, len(retold)), unit="D"
    )
    fresh = invented(n - len(retold), rng, days=(DAYS - 60, DAYS))
    readings = pd.concat([retold, fresh], ignore_index=True)
    ids = [f"new-{i}" for i in range(len(readings))]
    readings["article_id"] = ids
    readings["event_id"] = ids
    readings["source"] = "Channel"
    reports = pd.DataFrame({"article_id": ids, "text": [f"new report {i}" for i in ids]})
    return reports, events_frame(readings.to_dict(orient="records"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stored", type=int, default=1_000_000)
    parser.add_argument("--new", type=int, default=10_000)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.duckdb"
        with EventStore(path) as store:
            t = time.perf_counter()
            fill(store, args.stored, rng)
            filled = time.perf_counter() - t
            reports, readings = day_of_news(store, args.new, rng)
        with EventStore(path) as store:
            t = time.perf_counter()
            result = store.add(reports, events=readings)
            took = time.perf_counter() - t
            before = store.info()
            t = time.perf_counter()
            again = store.add(reports, events=readings)
            again_took = time.perf_counter() - t
            after = store.info()
            size = os.path.getsize(path) / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"store: {args.stored:,} events filled in {filled:.1f} s (set-up, not measured)\n")
    print("| measure | value | goal |")
    print("|---|---|---|")
    print(
        f"| append {args.new:,} new reports' extractions to {args.stored:,} stored events "
        f"| {took:.2f} s | ≤ 10 s |"
    )
    print(
        f"| of them joined a stored event | {result.n_updated_events:,} events updated; "
        f"{result.n_new_events:,} new | about half retell |"
    )
    unchanged = {k: before[k] for k in ("reports", "extractions", "events", "runs")} == {
        k: after[k] for k in ("reports", "extractions", "events", "runs")
    }
    print(
        f"| the same append again | {again_took:.2f} s, "
        f"{'no row added' if unchanged and again.run_id is None else 'ROWS ADDED'} "
        "| no row |"
    )
    print(f"| store file | {size:,.0f} MB | |")
    print(f"| peak memory of this process | {peak:,.0f} MB | |")


if __name__ == "__main__":
    main()
