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

Also printed: cross-source pairs, ``merge_pairs_acled_cir.csv`` (ids only): every ACLED
development row and CIR map item at most a day and 10 km apart by their gold points,
each pair read by a person and labelled ``same`` (one incident; where either names a
target, the targets agree), ``different`` (another target, village or kind of event, or
an item that is no event) or ``unsure`` (left out). The ACLED note is read whole as a
report, the item as a channel post; the labels were made before the store's verdicts on
these pairs were seen.

Also printed: the same pairs with each item's readings placed at its geolocated point
(the map item's gold coordinates, geo_precision 1 and no gazetteer place, as a
verification map's items come), which is how an analyst merging verified items would
use the store; the wording and every other rule stay the same.

The second table asks how far any weighing of the evidence could go on these pairs. A
logistic regression (L2, fitted by Newton's method here, no extra dependency) is fitted
on each kind of evidence, and the best recall any threshold reaches at precision 0.90
and 0.95 is printed: cross-validated (5 folds) on the development pairs, and fitted on
them and applied to the held-out pairs (at the threshold best there, so an upper bound).
The kinds: the store's own evidence (content words, sites, types, place, days, tolls);
that and the hours between the two items' posts where both are tweets (a tweet's id
holds its posting time); and, for comparison, the distance between the two items' gold
geolocated points alone, which the labellers saw and the captions do not carry.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from geoevents import EventStore, extract_events

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "data"
PAIRS = HERE / "data" / "merge_pairs_cir.csv"
HELD_OUT = HERE / "data" / "merge_pairs_cir_heldout.csv"
CROSS = HERE / "data" / "merge_pairs_acled_cir.csv"


def read_events(texts: dict, dates: dict, ids, gazetteer=None) -> tuple:
    """The reports (one per id) and each report's extracted events."""
    ids = sorted(ids)
    reports = pd.DataFrame({"article_id": ids, "text": [texts[i] for i in ids],
                            "published": [dates[i] for i in ids]})  # fmt: skip
    from geoevents import Gazetteer

    gaz = gazetteer if gazetteer is not None else Gazetteer.load(progress=False)
    events = extract_events(reports, gazetteer=gaz)
    return reports, {k: g for k, g in events.groupby("article_id")}, gaz


def merged_pairs(texts: dict, dates: dict, pairs: list[tuple[str, str]], gazetteer=None,
                 read=None):  # fmt: skip
    """For each pair of ids, whether the store merges its two reports; and whether both
    gave an event."""
    reports, by_report, gaz = read or read_events(texts, dates, {i for p in pairs for i in p},
                                                  gazetteer)  # fmt: skip
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
    """The labels of one pair file, the store's verdicts, and what the ceiling needs."""
    rows = pd.read_csv(SHARED / "events" / "cir_eyes_on_russia_dev.csv", dtype=str)
    rows = rows.drop_duplicates("id", keep=False).set_index("id")
    labels = pd.read_csv(path)
    pairs = list(zip(labels["id_a"], labels["id_b"], strict=True))
    texts = {i: post(r) for i, r in rows.iterrows()}
    dates = rows["date"].to_dict()
    read = read_events(texts, dates, {i for p in pairs for i in p}, gazetteer)
    merged, both = merged_pairs(texts, dates, pairs, read=read)
    same = (labels["label"] == "same").to_numpy()
    geolocated = {k: _at_gold_point(g, rows.loc[k]) for k, g in read[1].items()}
    merged_geo, _ = merged_pairs(texts, dates, pairs, read=(read[0], geolocated, read[2]))
    return same, merged, both, {"pairs": pairs, "events": read[1], "rows": rows,
                                "merged_geolocated": merged_geo}  # fmt: skip


def _at_gold_point(events, row):
    """An item's readings placed at its geolocated point, as a verification map gives
    them: a point of its own (geo_precision 1, no gazetteer place)."""
    import geopandas as gpd

    lat, lon = float(row["latitude"]), float(row["longitude"])
    out = events.assign(latitude=lat, longitude=lon, geo_precision=1, geonameid=pd.NA)
    return out.set_geometry(gpd.points_from_xy([lon] * len(out), [lat] * len(out)),
                            crs="EPSG:4326")  # fmt: skip


def acled_cir_set(gazetteer=None):
    """The cross-source pairs: an ACLED note and a map item, labelled by reading both."""
    acled = pd.read_csv(SHARED / "events" / "acled_ukraine_dev.csv", dtype=str)
    acled = acled.dropna(subset=["id", "date", "text"]).drop_duplicates("id", keep=False)
    acled = acled.set_index("id")
    cir = pd.read_csv(SHARED / "events" / "cir_eyes_on_russia_dev.csv", dtype=str)
    cir = cir.drop_duplicates("id", keep=False).set_index("id")
    labels = pd.read_csv(CROSS)
    labels = labels[labels["label"].isin(["same", "different"])]
    labels = labels[labels["acled_id"].isin(acled.index) & labels["cir_id"].isin(cir.index)]
    pairs = list(zip(labels["acled_id"], labels["cir_id"], strict=True))
    texts = {**acled["text"].to_dict(), **{i: post(r) for i, r in cir.iterrows()}}
    dates = {**acled["date"].to_dict(), **cir["date"].to_dict()}
    read = read_events(texts, dates, {i for p in pairs for i in p}, gazetteer)
    merged, both = merged_pairs(texts, dates, pairs, read=read)
    rows = pd.concat([acled[["latitude", "longitude"]], cir[["latitude", "longitude"]]])
    precise = set(acled.index[pd.to_numeric(acled["geo_precision"], errors="coerce") == 1])
    precise |= set(cir.index)
    geolocated = {k: (_at_gold_point(g, rows.loc[k]) if k in precise else g)
                  for k, g in read[1].items()}  # fmt: skip
    merged_geo, _ = merged_pairs(texts, dates, pairs, read=(read[0], geolocated, read[2]))
    same = (labels["label"] == "same").to_numpy()
    return same, merged, both, merged_geo


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
    sets = {name: cir_set(path, gazetteer) for name, path in
            (("dev", PAIRS), ("held", HELD_OUT))}  # fmt: skip
    found = {name: _scores(*got[:3]) for name, got in sets.items()}
    dev, held = found["dev"], found["held"]
    print(f"| pairs (same / different) | {dev['n']} | {held['n']} | |")
    print(
        f"| precision (merged pairs that are the same event) | {dev['p']:.3f} | "
        f"{held['p']:.3f} | ≥ 0.95 |"
    )
    print(f"| recall (same-event pairs merged) | {dev['r']:.3f} | {held['r']:.3f} | ≥ 0.90 |")
    print(f"| recall where both items give an event | {dev['rc']} | {held['rc']} | |")
    print(f"| merged: true, false; missed | {dev['counts']} | {held['counts']} | |")
    geo = {name: _scores(got[0], got[3]["merged_geolocated"], got[2])
           for name, got in sets.items()}  # fmt: skip
    print(f"| with the items' geolocated points: precision | {geo['dev']['p']:.3f} | "
          f"{geo['held']['p']:.3f} | |")  # fmt: skip
    print(f"| with the items' geolocated points: recall | {geo['dev']['r']:.3f} | "
          f"{geo['held']['r']:.3f} | |")  # fmt: skip
    cross = acled_cir_set(gazetteer)
    text, geo = _scores(*cross[:3]), _scores(cross[0], cross[3], cross[2])
    print(f"| cross-source pairs, an ACLED note and a map item (same / different: {text['n']})"
          f": precision, recall | text only {text['p']:.3f}, {text['r']:.3f} | with points "
          f"{geo['p']:.3f}, {geo['r']:.3f} | ≥ 0.95, ≥ 0.90 |")  # fmt: skip
    print(f"| cross-source pairs: merged true, false; missed | text only {text['counts']} | "
          f"with points {geo['counts']} | |")  # fmt: skip
    a_merged, a_both = acled_different(gazetteer)
    print(
        f"| ACLED's different events merged ({len(a_merged)} pairs, {int(a_both.sum())} with "
        f"events on both sides) | {int(a_merged.sum())} ({a_merged.mean():.1%}) | | |"
    )
    ceiling(sets["dev"][3], sets["held"][3], sets["dev"][0], sets["held"][0])


# -- the ceiling: how far any weighing of the same evidence could go on these pairs

_TWEET = re.compile(r"(?:twitter|x)\.com/[^/]+/status(?:es)?/(\d+)")
_TWITTER_EPOCH_MS = 1288834974657  # a tweet id's top bits count milliseconds from it


def _posted_hours(link) -> float:
    """Hours since 1970 a tweet was posted, read from its id; NaN for other links."""
    m = _TWEET.search(str(link))
    return ((int(m.group(1)) >> 22) + _TWITTER_EPOCH_MS) / 3.6e6 if m else np.nan


def pair_features(found: dict) -> dict[str, np.ndarray]:
    """Per pair, the evidence the store's rules weigh (``words``), the hours between the
    two items' posts where both are tweets (``posted``), and the distance between the
    two items' geolocated points, which the labellers saw and the text does not carry
    (``point``)."""
    from geoevents._geo import paired_km
    from geoevents._store import rules

    rows, events = found["rows"], found["events"]
    words, posted, point = [], [], []
    for a, b in found["pairs"]:
        x = events[a].iloc[0].to_dict() if a in events else None
        y = events[b].iloc[0].to_dict() if b in events else None
        f = [0.0] * 12
        if x is not None and y is not None:
            wx = rules.content_words(x["notes"], rules._place_words(x))
            wy = rules.content_words(y["notes"], rules._place_words(y))
            sx, sy = rules.sites_in(x["notes"]), rules.sites_in(y["notes"])
            tx, ty = (x["event_type"], x["sub_event_type"], x["notes"]), (
                y["event_type"], y["sub_event_type"], y["notes"])  # fmt: skip
            days = (x["event_date"] - y["event_date"]).days if (
                pd.notna(x["event_date"]) and pd.notna(y["event_date"])) else 2  # fmt: skip
            tolls = (x["fatalities"], y["fatalities"])
            f = [1.0, len(wx & wy) / len(wx | wy) if wx | wy else 0.0,
                 float(not wx) + float(not wy), float(bool(sx & sy)),
                 float(rules.sites_conflict(x["notes"], y["notes"])),
                 float(x["event_type"] == y["event_type"]),
                 float(x["sub_event_type"] == y["sub_event_type"]),
                 float(rules.types_compatible(tx, ty)),
                 float(max(x["geo_precision"], y["geo_precision"])),
                 float(x["location"] == y["location"]), float(abs(days)),
                 float(all(pd.notna(t) for t in tolls) and tolls[0] == tolls[1] > 0)]  # fmt: skip
        words.append(f)
        gap = abs(_posted_hours(rows.at[a, "link"]) - _posted_hours(rows.at[b, "link"]))
        posted.append([np.log1p(min(gap, 1e4)) if gap == gap else -1.0, float(gap == gap)])
        lat = rows.loc[[a, b], "latitude"].astype(float).to_numpy()
        lon = rows.loc[[a, b], "longitude"].astype(float).to_numpy()
        point.append([np.log1p(paired_km(lat[:1], lon[:1], lat[1:], lon[1:])[0])])
    words, posted, point = np.array(words), np.array(posted), np.array(point)
    return {"the store's evidence": words,
            "the store's evidence and posting hours": np.hstack([words, posted]),
            "the geolocated points' distance alone": point}  # fmt: skip


def _fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> tuple:
    """An L2-penalised logistic regression by Newton's method: (mean, scale, weights)."""
    mean, scale = x.mean(0), x.std(0) + 1e-9
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-z @ w))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return mean, scale, w


def _predict(model: tuple, x: np.ndarray) -> np.ndarray:
    mean, scale, w = model
    return 1 / (1 + np.exp(-(w[0] + ((x - mean) / scale) @ w[1:])))


def _cross_validated(x: np.ndarray, y: np.ndarray, folds: int = 5, seed: int = 0):
    """Out-of-fold probabilities of a stratified k-fold cross-validation."""
    rng = np.random.default_rng(seed)
    fold = np.empty(len(y), dtype=int)
    for label in (False, True):
        idx = np.flatnonzero(y == label)
        fold[rng.permutation(idx)] = np.arange(len(idx)) % folds
    out = np.empty(len(y))
    for k in range(folds):
        out[fold == k] = _predict(_fit_logistic(x[fold != k], y[fold != k]), x[fold == k])
    return out


def best_recall(p: np.ndarray, y: np.ndarray, precision: float) -> float:
    """The highest recall any threshold on ``p`` reaches at ``precision`` or more."""
    order = np.argsort(-p, kind="stable")
    tp = np.cumsum(y[order])
    keep = np.r_[p[order][1:] != p[order][:-1], True]  # thresholds between distinct values
    prec, rec = (tp / np.arange(1, len(y) + 1))[keep], (tp / max(y.sum(), 1))[keep]
    ok = prec >= precision
    return float(rec[ok].max()) if ok.any() else 0.0


def ceiling(dev: dict, held: dict, same_dev, same_held) -> None:
    """Print the best recall at precision 0.90 and 0.95 that a logistic regression over
    each kind of evidence reaches: cross-validated on the development pairs, and fitted
    on them then applied to the held-out pairs (its best threshold there, an upper
    bound)."""
    fd, fh = pair_features(dev), pair_features(held)
    print("\n| evidence weighed by a logistic regression | development, 5-fold CV: recall at "
          "P ≥ 0.90 / 0.95 | held-out (fitted on development): recall at P ≥ 0.90 / 0.95 |"
          "\n|---|---|---|")  # fmt: skip
    for name in fd:
        cv = _cross_validated(fd[name], same_dev)
        out = _predict(_fit_logistic(fd[name], same_dev), fh[name])
        print(f"| {name} | {best_recall(cv, same_dev, 0.90):.3f} / "
              f"{best_recall(cv, same_dev, 0.95):.3f} | {best_recall(out, same_held, 0.90):.3f}"
              f" / {best_recall(out, same_held, 0.95):.3f} |")  # fmt: skip


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
