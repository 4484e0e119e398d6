"""`make demo`: the bundled sample reports, read offline, as events on an HTML map.

Reads every report in ``examples/reports/`` (wire copy we wrote, with dates and
sources), extracts the events (what happened, where, when, who, how sure), merges
the same event told by several reports, and writes a self-contained map page that
opens with no network. Prints where the page is and what it shows.

Usage::

    .venv/bin/python examples/demo.py [--out PATH] [--png PATH]
"""

from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path

import geoevents

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE.parent / "demo-output" / "geoevents_demo_map.html"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the HTML page to write")
    ap.add_argument("--png", type=Path, help="also draw the map to this PNG (needs Chromium)")
    args = ap.parse_args()

    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.png:
        args.png.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    reports = geoevents.read_articles(HERE / "reports")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", geoevents.GeoEventsWarning)
        events = geoevents.extract_events(reports)
    merged = geoevents.merge_events(events)
    m = geoevents.map_events(merged)
    page = geoevents.save_map(m, args.out, offline=True)
    seconds = time.perf_counter() - start

    for w in caught:
        print(f"note: {w.message}")
    print(f"\n{len(reports)} reports -> {len(events)} events -> {len(merged)} after merging")
    by_type = merged["event_type"].value_counts()
    for event_type, n in by_type.items():
        print(f"  {n:4d}  {event_type}")
    precise = int((merged["geo_precision"] == 1).sum())
    print(
        f"  ({precise} placed at the named town itself; the rest drawn as areas "
        f"around a town or region, as their reports allow)"
    )
    print(f"\nmap with {len(merged)} events written in {seconds:.1f} s:\n  {page}")
    print("open it in a browser; it needs no network (tiles show when one is reachable)")
    if args.png:
        print(f"picture: {geoevents.save_map(m, args.png)}")


if __name__ == "__main__":
    main()
