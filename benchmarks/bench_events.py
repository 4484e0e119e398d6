"""Event extraction: the seed report, Halterman's event locations, UCDP/CIR dev rows, speed.

Usage::

    .venv/bin/python benchmarks/bench_events.py

Prints, beside the goals of issue 4:

* seed: every gold event found with its type near its place; no conflict event on a
  ``not_events`` place;
* Halterman (2019) sentences: for each event verb that has a gold location, whether
  the location we choose overlaps it (accuracy);
* UCDP GED headlines and CIR map-item titles (development rows in ../shared): the
  most confident event within 10 km of the gold point, and within the distance its
  own geo_precision claims;
* speed: words/s on long reports and on thousands of short notes in one frame.

``--dump ../shared/data/gazetteer/UA.zip`` runs everything with that GeoNames dump added
to a gazetteer of its own (kept in ``~/.cache/geoevents-bench-<dump>``, built on the
first run), for the "with the Ukraine dump" column. ``--failures DIR`` writes, per data
set, the rows whose most confident event lies more than 10 km away or outside the
distance it claims.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import sys
import time
import warnings
from pathlib import Path


def _dump_cache_from_argv() -> None:
    """Point the cache at a benchmark gazetteer of its own before geoevents is imported."""
    if "--dump" in sys.argv[1:-1]:
        dump = Path(sys.argv[sys.argv.index("--dump") + 1])
        stem = dump.name.split(".")[0]
        os.environ["GEOEVENTS_CACHE_DIR"] = str(Path.home() / ".cache" / f"geoevents-bench-{stem}")


_dump_cache_from_argv()

import geo_eval  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from geoevents import GeoEventsWarning, extract_events  # noqa: E402
from geoevents._events import EventExtractor  # noqa: E402
from geoevents._events.records import EventPlace  # noqa: E402
from geoevents._geoparse import default_parser  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CLAIM_KM = {1: 10.0, 2: 25.0, 3: 200.0}


def km(lat1, lon1, lat2, lon2) -> float:
    return geo_eval.haversine_km(lat1, lon1, lat2, lon2)


def seed() -> tuple[int, int, int]:
    gold = json.loads((SHARED / "seed" / "gold.json").read_text("utf-8"))
    text = (SHARED / "seed" / "article.txt").read_text("utf-8")
    ev = extract_events(text, published=gold["published"])
    found = 0
    for g in gold["events"]:
        ok = any(
            row.event_type == g["event_type"]
            and any(km(row.latitude, row.longitude, a, b) <= g["radius_km"] for a, b in g["accept"])
            for row in ev.itertuples()
        )
        found += ok
        print(f"  seed event {g['id']:<24} {'found' if ok else 'MISSING'}")
    wrong = 0
    conflict = ev[ev["event_type"].isin(
        ["Battles", "Explosions/Remote violence", "Violence against civilians"])]  # fmt: skip
    for g in gold["not_events"]:
        name = g["place"]
        hits = conflict[conflict["mention"].str.contains(name, regex=False) | (
            conflict["location"] == name)]  # fmt: skip
        if len(hits):
            wrong += 1
            print(f"  conflict event on not_events place {name}: {hits['notes'].iloc[0][:80]}")
    return found, len(gold["events"]), wrong


def halterman(limit: int | None) -> tuple[float, int]:
    """Accuracy of the location chosen for each event verb with a gold location."""
    path = SHARED / "data/events/halterman_event_location.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = json.loads(fh.read())
    ex = EventExtractor()
    right = total = 0
    for r in rows[:limit] if limit else rows:
        spans = r.get("spans") or []
        toks = r["tokens"]
        locs = [s for s in spans if s["label"] == "LOCATION"]
        verbs = [s for s in spans if s["label"] == "VERB"]
        if not locs or not verbs:
            continue
        text = r["text"]
        n_tok = len(toks)
        if any(x["token_end"] >= n_tok or x["token_start"] < 0 for x in locs + verbs):
            continue  # a row whose token indices do not fit its tokens
        gold = [(toks[s["token_start"]]["start"], toks[s["token_end"]]["end"]) for s in locs]
        verb = verbs[0]
        ts, te = toks[verb["token_start"]]["start"], toks[verb["token_end"]]["end"]
        places = ex.places.of_report(text)
        # names the gazetteer does not know still count as candidate spans here
        known = [(p.start, p.end) for p in places]
        for s, e in ex.places.unknown_names(text, known, anchors=[te]):
            places.append(EventPlace(s, e, -1, "unknown", "place", 1, 0.5))
        total += 1
        chosen = ex.locator.locate(text, 0, len(text), ts, te, "Strategic developments",
                            places, countries=True, floor=False)  # fmt: skip
        if chosen is not None:
            p = chosen[0]
            right += any(p.start < b and a < p.end for a, b in gold)
    return right / max(1, total), total


DEV_FILES = {
    "ucdp": "ucdp_ged_ukraine_2014_2021.csv",
    "cir": "cir_eyes_on_russia_dev.csv",
    "acled": "acled_ukraine_dev.csv",
}
WILD_KM = 500.0  # an event this far from the true place is in the wrong region or country


FAILURES: Path | None = None  # --failures DIR


def dev_rows(kind: str, limit: int | None, *, named_only: bool = True) -> dict:
    """Most confident event per row against the gold point; CIR rows only where the title
    names its town unless ``named_only`` is false (honesty counts for every event)."""
    path = SHARED / "data/events" / DEV_FILES[kind]
    with open(path, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if not r.get("qc_flag")]
    if kind == "cir" and named_only:
        rows = [r for r in rows if r.get("location_in_text") == "True"]
    rows = rows[:limit] if limit else rows
    frame = pd.DataFrame(
        {
            "article_id": [r["id"] for r in rows],
            "text": [r["text"].replace(";", ". ") for r in rows],
            "published": [r["date"] for r in rows],
        }
    )
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GeoEventsWarning)
        ev = extract_events(frame)
    seconds = time.perf_counter() - start
    best = ev.sort_values("confidence", ascending=False).drop_duplicates("article_id")
    by_id = {r["id"]: r for r in rows}
    # every event, not only the most confident of its row, must hold its claim too
    every = sum(
        km(e.latitude, e.longitude, float(by_id[e.article_id]["latitude"]),
           float(by_id[e.article_id]["longitude"])) <= CLAIM_KM.get(int(e.geo_precision), 200)
        for e in ev.itertuples()
    )  # fmt: skip
    within10 = within_claim = wild = same_type = 0
    claims = {1: [0, 0], 2: [0, 0], 3: [0, 0]}  # geo_precision -> [events, within its claim]
    failed = []
    for row in best.itertuples():
        g = by_id[row.article_id]
        d = km(row.latitude, row.longitude, float(g["latitude"]), float(g["longitude"]))
        within10 += d <= 10
        ok = d <= CLAIM_KM.get(int(row.geo_precision), 200)
        within_claim += ok
        claims[int(row.geo_precision)][0] += 1
        claims[int(row.geo_precision)][1] += ok
        wild += d > WILD_KM
        same_type += row.event_type == g.get("event_type")
        if not ok or d > 10:
            failed.append({"id": row.article_id, "km": round(d, 1), "within_claim": ok,
                           "precision": row.geo_precision, "location": row.location,
                           "mention": row.mention, "gold_location": g.get("location_name", ""),
                           "gold_admin1": g.get("admin1", ""), "text": g["text"]})  # fmt: skip
    if FAILURES is not None:
        FAILURES.mkdir(parents=True, exist_ok=True)
        suffix = "" if named_only else "_all"
        pd.DataFrame(failed).to_csv(FAILURES / f"{kind}{suffix}.csv", index=False)
    n = len(rows)
    words = int(frame["text"].str.split().str.len().sum())
    return {
        "rows": n,
        "with_event": len(best) / n,
        "within_10km": within10 / n,
        "within_claim": within_claim / max(1, len(best)),
        "within_claim_every": every / max(1, len(ev)),
        "events": len(ev),
        "wild": wild / max(1, len(best)),
        "type": same_type / n,
        "claims": {k: (e, ok / max(1, e)) for k, (e, ok) in claims.items()},
        "words_per_s": words / seconds,
    }


def note_types(name: str, limit: int | None) -> dict | None:
    """Event-type agreement on ACLED-style notes we wrote (benchmarks/data): the type
    of the most confident event of each note against the type coded by hand."""
    path = Path(__file__).resolve().parent / "data" / name
    if not path.is_file():
        return None
    gold = pd.read_csv(path)
    gold = gold.head(limit) if limit else gold
    frame = pd.DataFrame(
        {"article_id": gold["id"], "text": gold["note"], "published": gold["published"]}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GeoEventsWarning)
        ev = extract_events(frame)
    best = ev.sort_values("confidence", ascending=False).drop_duplicates("article_id")
    claim = _note_claims(gold, best)
    got = dict(zip(best["article_id"], best["event_type"], strict=True))
    sub = dict(zip(best["article_id"], best["sub_event_type"], strict=True))
    agree = sum(got.get(i) == t for i, t in zip(gold["id"], gold["event_type"], strict=True))
    agree_sub = sum(
        sub.get(i) == t for i, t in zip(gold["id"], gold["sub_event_type"], strict=True)
    )
    return {"rows": len(gold), "type": agree / len(gold), "sub_type": agree_sub / len(gold),
            **claim}  # fmt: skip


def _note_claims(gold: pd.DataFrame, best: pd.DataFrame) -> dict:
    """The notes carry a town and its oblast, not coordinates: the gold point is the
    gazetteer's one place of that name in that oblast (rows where it has none, or
    several, are left out). Within 10 km, and within the distance the event's own
    geo_precision claims."""
    from geoevents import Gazetteer

    gaz = Gazetteer.load()
    by_id = best.set_index("article_id")
    n = near = claimed = 0
    for r in gold.itertuples():
        cands = gaz.lookup(r.location, limit=20)
        cands = cands[cands["country_code"].isin(["UA", "RU"])]
        oblast = cands["admin1"].fillna("").str.lower().str[:5] == str(r.admin1).lower()[:5]
        cands = cands[oblast]
        if len(cands) != 1 or r.id not in by_id.index:
            continue
        e = by_id.loc[r.id]
        d = km(e.latitude, e.longitude, float(cands.latitude.iloc[0]),
               float(cands.longitude.iloc[0]))  # fmt: skip
        n += 1
        near += d <= 10
        claimed += d <= CLAIM_KM.get(int(e.geo_precision), 200)
    return {"claim_rows": n, "within_10km": near / max(1, n), "within_claim": claimed / max(1, n)}


def _best_of(n: int, fn) -> float:
    """The fastest of ``n`` runs, in seconds (as timeit reports: the least disturbed)."""
    best = float("inf")
    for _ in range(n):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def speed() -> dict:
    text = (SHARED / "seed" / "article.txt").read_text("utf-8")
    long_report = " ".join([text] * 20)
    default_parser()
    extract_events("warm up: shelling in Kyiv", published="2022-04-26")
    t_long = _best_of(3, lambda: extract_events(long_report, published="2022-04-26"))
    notes = [
        f"On {d} May 2022, Russian forces shelled {place} ({oblast}). {n} civilians were "
        f"reported killed and several houses were damaged, according to local officials."
        for d, (place, oblast), n in zip(
            np.arange(1, 5001) % 28 + 1,
            [("Kharkiv", "Kharkiv"), ("Mykolaiv", "Mykolaiv"), ("Avdiivka", "Donetsk"),
             ("Nikopol", "Dnipropetrovsk"), ("Orikhiv", "Zaporizhzhia")] * 1000,
            np.arange(5000) % 4,
            strict=True,
        )
    ]  # fmt: skip
    frame = pd.DataFrame({"text": notes, "published": "2022-05-31"})
    t_notes = _best_of(3, lambda: extract_events(frame))
    t_notes_1 = _best_of(3, lambda: extract_events(frame, n_jobs=1))
    words = sum(len(n.split()) for n in notes)
    return {
        "long_words_per_s": len(long_report.split()) / t_long,
        "notes_words_per_s": words / t_notes,
        "notes_words_per_s_1": words / t_notes_1,
        "notes": len(notes),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, help="only the first N rows of each data set")
    ap.add_argument("--dump", type=Path, help="run with this GeoNames dump added (UA.zip)")
    ap.add_argument("--failures", type=Path,
                    help="write rows more than 10 km off or outside their claim here")  # fmt: skip
    args = ap.parse_args()
    global FAILURES
    FAILURES = args.failures
    if args.dump:
        from geoevents import add_geonames
        from geoevents._gazetteer.dumps import dump_files

        if not any(p.name.split(".")[0] == args.dump.name.split(".")[0] for p in dump_files()):
            add_geonames(args.dump)
        cache = os.environ["GEOEVENTS_CACHE_DIR"]
        print(f"with the GeoNames dump {args.dump.name} (cache {cache})\n")
    print("## Event extraction (benchmarks/bench_events.py)\n")
    found, total, wrong = seed()
    acc, n_h = halterman(args.limit)
    ucdp = dev_rows("ucdp", args.limit)
    cir = dev_rows("cir", args.limit)
    acled = dev_rows("acled", args.limit)
    cir_all = dev_rows("cir", args.limit, named_only=False)
    notes_dev = note_types("acled_style_notes.csv", args.limit)
    notes_held = note_types("acled_style_notes_b.csv", args.limit)
    sp = speed()
    print("\n| check | result | goal |")
    print("|---|---|---|")
    print(f"| seed events found with type near place | {found}/{total} | all |")
    print(f"| seed conflict events on not_events places | {wrong} | 0 |")
    print(
        f"| Halterman: location chosen for event verbs ({n_h:,} sentences) | {acc:.3f} | >= 0.85 |"
    )
    # issue 12's goals: the default gazetteer's, or with the Ukraine dump added
    deep = args.dump is not None
    honest = ">= 0.97" if deep else ">= 0.95"
    for name, r, goal in (("UCDP GED headlines (notes-like)", ucdp, ">= 0.50"),
                          ("CIR titles naming their town", cir, ">= 0.90" if deep else ">= 0.82"),
                          ("ACLED notes (real, Ukraine)", acled,
                           ">= 0.88" if deep else ">= 0.50")):  # fmt: skip
        print(
            f"| {name}: most confident event within 10 km ({r['rows']:,} rows) | "
            f"{r['within_10km']:.3f} | {goal} |"
        )
        print(
            f"| {name}: within the distance its geo_precision claims | "
            f"{r['within_claim']:.3f} | {honest} |"
        )
        print(
            f"| {name}: every event (not only the most confident of its row, "
            f"{r['events']:,}) within its claim | {r['within_claim_every']:.3f} | {honest} |"
        )
        print(f"| {name}: rows with an event | {r['with_event']:.3f} | |")
        print(f"| {name}: more than {WILD_KM:.0f} km from the true place | {r['wild']:.3f} "
              f"| <= 0.005 |")  # fmt: skip
        by_level = ", ".join(
            f"{k}: {ok:.2f} of {e}" for k, (e, ok) in r["claims"].items() if e
        )  # fmt: skip
        print(f"| {name}: within its claim, by geo_precision (1: 10 km, 2: 25 km, 3: 200 km) "
              f"| {by_level} | |")  # fmt: skip
        if name.startswith("ACLED"):
            print(f"| {name}: event type agrees | {r['type']:.3f} | >= 0.85 |")
        if name.startswith("CIR"):
            print(f"| CIR titles, all ({cir_all['rows']:,}, naming their town or not): within "
                  f"the distance its geo_precision claims | {cir_all['within_claim']:.3f} "
                  f"| {honest} |")  # fmt: skip
            print(f"| CIR titles, all: more than {WILD_KM:.0f} km from the true place "
                  f"| {cir_all['wild']:.3f} | <= 0.005 |")  # fmt: skip
    for label, r in (("written for development", notes_dev),
                     ("held out: written apart, never tuned on", notes_held)):  # fmt: skip
        if r is None:
            continue
        print(
            f"| ACLED-style notes we wrote, {label} ({r['rows']} rows): event type agrees | "
            f"{r['type']:.3f} | >= 0.85 |"
        )
        print(f"| ... and sub-event type agrees | {r['sub_type']:.3f} | |")
        print(
            f"| ... most confident event within 10 km of the town ({r['claim_rows']} rows "
            f"whose town and oblast name one gazetteer place) | {r['within_10km']:.3f} | >= 0.50 |"
        )
        print(
            f"| ... within the distance its geo_precision claims | {r['within_claim']:.3f} | "
            f">= 0.95 |"
        )
    print(
        f"| speed, long reports (best of 3) | {sp['long_words_per_s']:,.0f} words/s | >= 50,000 |"
    )
    print(
        f"| speed, {sp['notes']:,} short notes in one frame (best of 3; default: every core, "
        f"{os.cpu_count()} here) | {sp['notes_words_per_s']:,.0f} words/s | >= 50,000 |"
    )
    print(
        f"| ... the same in one process (n_jobs=1) | {sp['notes_words_per_s_1']:,.0f} words/s | |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
