"""How much the locator weighs per event word on the development data: the bounds of
``rules.LOCATOR_MAX_PLACES`` and ``rules.LOCATOR_WEIGHINGS`` checked against real text.

Usage::

    .venv/bin/python benchmarks/bench_locator_load.py

Every call of the locator while ``bench_events`` reads its development sets (ACLED
notes, CIR titles, UCDP headlines, Halterman's sentences, the seed) is counted, in this
process (one process, so that every call is seen): the places it may weigh and the
event words of the sentence. Prints the largest of each, and how many calls a bound
would have cut.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_events

import geoevents._events.extract as extract
import geoevents._events.locate as locate
from geoevents._events import rules


def main() -> None:
    seen: collections.Counter = collections.Counter()
    features = locate.Locator.features

    def counted(self, text, s, e, ts, te, etype, places, triggers=(), **kw):
        seen[(sum(p.role == "place" for p in places), len(triggers))] += 1
        return features(self, text, s, e, ts, te, etype, places, triggers, **kw)

    locate.Locator.features = counted
    extract._jobs = lambda n_jobs, n: 1  # every call in this process, where it is counted
    for kind in bench_events.DEV_FILES:
        bench_events.dev_rows(kind, None)
    bench_events.halterman(None)
    bench_events.seed()
    calls = sum(seen.values())
    places = max(p for p, _ in seen)
    words = max(t for _, t in seen)
    over = sum(n for (p, _), n in seen.items() if p > rules.LOCATOR_MAX_PLACES)
    shared = sum(n for (_, t), n in seen.items()
                 if t and rules.LOCATOR_WEIGHINGS // t < rules.LOCATOR_MAX_PLACES)  # fmt: skip
    print(f"\n| locator calls on the development data | {calls:,} |\n|---|---:|")
    print(f"| most places one event word may weigh | {places} |")
    print(f"| calls with more than LOCATOR_MAX_PLACES ({rules.LOCATOR_MAX_PLACES}) | {over} |")
    print(f"| most event words in one sentence | {words} |")
    print(f"| calls whose share of LOCATOR_WEIGHINGS is under the maximum | {shared} |")


if __name__ == "__main__":
    main()
