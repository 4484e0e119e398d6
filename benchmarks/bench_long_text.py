"""Time extract_events on one very long report: the work must grow linearly with its length.

Usage::

    .venv/bin/python benchmarks/bench_long_text.py [--sizes 1,10]

Two invented reports per size (in MB), built from varied sentences that name towns of
the default gazetteer: a *dense* one, where every sentence tells of an event (shelling,
drones, fighting, a strike on a named site), and a *mixed* one, where one sentence in
three does and the others tell of aid, repairs and queues, as a long article or a
transcript does. Each is read once, warm (the gazetteer loaded and a short report
read first): as a call reads it by default (a report over 200 kB is read in sections
by as many processes as the machine has cores) and with ``n_jobs=1`` (one process).
A third report, one megabyte of a page without full stops that names a town and an
event word every few words, is the worst case of the locator. Goal (issue 15): 10 MB
of text in under a minute.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import time

from geoevents import extract_events

TOWNS = ("Bakhmut", "Kherson", "Mykolaiv", "Zaporizhzhia", "Donetsk", "Kharkiv", "Sumy",
         "Izium", "Kramatorsk", "Nikopol", "Odesa", "Chernihiv")  # fmt: skip
EVENTS = (
    "Artillery shelled the outskirts of {a} before dawn, damaging a grain store.",
    "A drone hit a fuel depot near {a} overnight, the regional governor said.",
    "Heavy fighting went on south of {a} as troops tried to reach {b}.",
    "A missile struck the {a} railway station, killing three workers.",
    "Soldiers repelled an assault on positions east of {a} on Tuesday.",
    "Rockets fell on a market in {a} and on houses near {b}.",
)
CALM = (
    "Volunteers brought stoves and blankets to families in {a} this week.",
    "Engineers repaired the water main in {a} while people queued at a well.",
    "The school in {a} moved its lessons online for another month.",
    "Buses left {a} for {b} every morning with people who wanted to leave.",
    "A bakery in {a} opened again although its windows are still boarded.",
    "Farmers near {a} said the harvest would be late after a wet spring.",
)


def report(megabytes: float, dense: bool, seed: int = 7) -> str:
    """An invented report of about ``megabytes`` MB, in paragraphs."""
    rnd = random.Random(seed)
    parts, size, target = [], 0, int(megabytes * 1_000_000)
    while size < target:
        kind = EVENTS if dense or rnd.random() < 1 / 3 else CALM
        s = rnd.choice(kind).format(a=rnd.choice(TOWNS), b=rnd.choice(TOWNS))
        parts.append(s + ("\n\n" if rnd.random() < 0.15 else " "))
        size += len(parts[-1])
    return "".join(parts)


def page(megabytes: float) -> str:
    """A page without full stops that names a town and an event word every 25
    characters or so: "troops shelled Izium, troops shelled Sumy, ..." (a scraped table
    or list), the densest text the locator is given."""
    parts, size, k = [], 0, 0
    while size < int(megabytes * 1_000_000):
        parts.append(f"troops shelled {TOWNS[k % len(TOWNS)]}, ")
        size += len(parts[-1])
        k += 1
    return "".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,10", help="report sizes in MB")
    args = parser.parse_args()
    extract_events("Shelling hit Kharkiv on 3 May 2022.", published="2022-05-04")  # warm
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    print("| report | MB | processes | seconds | MB/s | events |\n"
          "|---|---:|---:|---:|---:|---:|")  # fmt: skip
    for size in (float(s) for s in args.sizes.split(",")):
        for dense in (False, True):
            text = report(size, dense)
            for n_jobs in (None, 1):
                start = time.perf_counter()
                events = extract_events(text, published="2023-03-07", n_jobs=n_jobs)
                seconds = time.perf_counter() - start
                name = "dense (every sentence an event)" if dense else "mixed (one in three)"
                how = f"{cores} (default)" if n_jobs is None else "1 (`n_jobs=1`)"
                print(f"| {name} | {len(text) / 1e6:.1f} | {how} | {seconds:.1f} | "
                      f"{len(text) / 1e6 / seconds:.2f} | {len(events):,} |")  # fmt: skip
    text = page(1.0)  # one size: the worst case's speed, not its growth
    for n_jobs in (None, 1):
        start = time.perf_counter()
        events = extract_events(text, published="2023-03-07", n_jobs=n_jobs)
        seconds = time.perf_counter() - start
        how = f"{cores} (default)" if n_jobs is None else "1 (`n_jobs=1`)"
        print(f"| a page without full stops | {len(text) / 1e6:.1f} | {how} | {seconds:.1f} | "
              f"{len(text) / 1e6 / seconds:.2f} | {len(events):,} |")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\npeak memory of the process: {peak:,.0f} MB; of its largest worker: {workers:,.0f} MB")


if __name__ == "__main__":
    main()
