"""Merge quality of the event store: the same event told twice joined, different ones kept apart.

Usage::

    .venv/bin/python benchmarks/bench_merge_quality.py

The development set is ``benchmarks/data/merge_pairs_cir.csv``: 300 pairs of map items of
the Centre for Information Resilience's "Eyes on Russia" development rows
(``../shared/data/events/cir_eyes_on_russia_dev.csv``; the file holds only their ids),
each read by a person and labelled ``same`` (150: one incident told by two items, in
different words, often from different sources) or ``different`` (150: distinct incidents
on the same or the next day within 10 km of each other, mostly in the same town).
Candidates were pairs at most a day and 10 km apart by the gold coordinates; they were
sampled over 47 towns and Feb-Nov 2022, at most 4 pairs per town and day. The matching
rules were written by reading this set's failures. The held-out set,
``merge_pairs_cir_heldout.csv`` (56 same, 98 different), was labelled in the same pass
from the same candidates but left out of the development set by its caps (so it leans
to the busiest towns and days); no rule was written looking at it.

The items' titles rarely name their town (the map shows it), so each is read as a
channel post headed by its place, as Telegram channels and Liveuamap write them
("Kharkiv: Damage to a school"), without its date prefix, published on its row's date.
Each pair is appended to a fresh in-memory store, one report after the other: the pair
counts as merged when one stored event has both reports among its sources. A pair whose
item gives no event cannot be merged (it counts against recall). No gold coordinate is
used: places come from the text, so two items of one city are the city's centre to the
store, as they would be from real posts. Also printed: ACLED's own
different events (development rows on the same day within 10 km of each other; ACLED
codes one event per place, day, type and actors, so these are different by its coding)
and how many of them the store wrongly merges.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from geoevents import EventStore, extract_events

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "data"
PAIRS = HERE / "data" / "merge_pairs_cir.csv"
HELD_OUT = HERE / "data" / "merge_pairs_cir_heldout.csv"


def merged_pairs(texts: dict, dates: dict, pairs: list[tuple[str, str]], gazetteer=None):
    """For each pair of ids, whether the store merges its two reports; and whether both
    gave an event."""
    ids = sorted({i for p in pairs for i in p})
    reports = pd.DataFrame({"article_id": ids, "text": [texts[i] for i in ids],
                            "published": [dates[i] for i in ids]})  # fmt: skip
    from geoevents import Gazetteer

    gaz = gazetteer if gazetteer is not None else Gazetteer.load(progress=False)
    events = extract_events(reports, gazetteer=gaz)
    by_report = {k: g for k, g in events.groupby("article_id")}
    out, both = [], []
    for a, b in pairs:
        if a not in by_report or b not in by_report:
            out.append(False)
            both.append(False)
            continue
        both.append(True)
        with EventStore(":memory:") as store:
            for rid in (a, b):
                store.add(reports[reports["article_id"] == rid], events=by_report[rid],
                          gazetteer=gaz)  # fmt: skip
            links = store._db.frame(
                "SELECT s.event_id, x.report_id FROM event_sources s JOIN extractions x "
                "ON x.extraction_id = s.extraction_id WHERE s.active"
            )
        per_event = links.groupby("event_id")["report_id"].nunique()
        out.append(bool((per_event >= 2).any()))
    return np.array(out), np.array(both)


def post(row) -> str:
    """A map item as a channel post: "<town>: <title without its date>"."""
    title = row["text_no_date"] if isinstance(row["text_no_date"], str) else row["text"]
    town = row["location_name"] if isinstance(row["location_name"], str) else ""
    return f"{town}: {title}" if town else title


def cir_set(path, gazetteer=None):
    rows = pd.read_csv(SHARED / "events" / "cir_eyes_on_russia_dev.csv", dtype=str)
    rows = rows.drop_duplicates("id", keep=False).set_index("id")
    labels = pd.read_csv(path)
    pairs = list(zip(labels["id_a"], labels["id_b"], strict=True))
    texts = {i: post(r) for i, r in rows.iterrows()}
    merged, both = merged_pairs(texts, rows["date"].to_dict(), pairs, gazetteer)
    same = (labels["label"] == "same").to_numpy()
    return same, merged, both


def acled_different(gazetteer=None, limit: int = 300):
    """ACLED rows on the same day within 10 km of each other: different events."""
    from geoevents._geo import paired_km

    rows = pd.read_csv(SHARED / "events" / "acled_ukraine_dev.csv", dtype=str)
    rows = rows.dropna(subset=["id", "date", "text"]).drop_duplicates("id", keep=False)
    pairs = []
    for _, day in rows.groupby("date"):
        ids = day["id"].tolist()
        lat, lon = (
            day["latitude"].astype(float).to_numpy(),
            day["longitude"].astype(float).to_numpy(),
        )
        for x, y in itertools.combinations(range(len(ids)), 2):
            if paired_km(lat[[x]], lon[[x]], lat[[y]], lon[[y]])[0] <= 10:
                pairs.append((ids[x], ids[y]))
    pairs = sorted(pairs)[:limit]
    rows = rows.set_index("id")
    merged, both = merged_pairs(rows["text"].to_dict(), rows["date"].to_dict(), pairs, gazetteer)
    return merged, both


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.parse_args()
    if not (SHARED / "events").is_dir():
        sys.exit(f"needs the evaluation data in {SHARED}")
    gazetteer = None
    print("| measure | development pairs | held-out pairs | goal |\n|---|---|---|---|")
    found = {name: _scores(*cir_set(path, gazetteer)) for name, path in
             (("dev", PAIRS), ("held", HELD_OUT))}  # fmt: skip
    dev, held = found["dev"], found["held"]
    print(f"| pairs (same / different) | {dev['n']} | {held['n']} | |")
    print(
        f"| precision (merged pairs that are the same event) | {dev['p']:.3f} | "
        f"{held['p']:.3f} | ≥ 0.95 |"
    )
    print(f"| recall (same-event pairs merged) | {dev['r']:.3f} | {held['r']:.3f} | ≥ 0.90 |")
    print(f"| recall where both items give an event | {dev['rc']} | {held['rc']} | |")
    print(f"| merged: true, false; missed | {dev['counts']} | {held['counts']} | |")
    a_merged, a_both = acled_different(gazetteer)
    print(
        f"| ACLED's different events merged ({len(a_merged)} pairs, {int(a_both.sum())} with "
        f"events on both sides) | {int(a_merged.sum())} ({a_merged.mean():.1%}) | | |"
    )


def _scores(same, merged, both) -> dict:
    tp = int((same & merged).sum())
    fp = int((~same & merged).sum())
    fn = int((same & ~merged).sum())
    covered = same & both
    return {
        "n": f"{int(same.sum())} / {int((~same).sum())}",
        "p": tp / (tp + fp) if tp + fp else float("nan"),
        "r": tp / (tp + fn) if tp + fn else float("nan"),
        "rc": f"{int((covered & merged).sum()) / max(int(covered.sum()), 1):.3f} "
        f"({int(covered.sum())} pairs)",
        "counts": f"{tp}, {fp}; {fn}",
    }


if __name__ == "__main__":
    main()
