"""Fit the geoparser's three small models on the development corpora in ../shared/data.

* The recogniser (``geoevents/data/recognizer.json``): logistic regression over the
  context features of each gazetteer match, labelled by whether it overlaps a gold
  toponym (GeoVirus, GeoWebNews).
* The resolver (``geoevents/data/resolver.json``): a conditional logit over each
  mention's candidate places, the target being the candidate nearest the gold
  point (GeoVirus, GeoWebNews, WikToR; gold spans given). Each corpus weighs the same.
* The stand-in gate (``geoevents/data/stand_in.json``): logistic regression deciding
  whether a mention is better placed at the main cluster of the text's other places
  than at its gazetteer reading, labelled by which of the two is within 161 km of the
  gold point when only one is (WikToR, gold spans given: the gate weighs only the
  spans a caller gives).

Each is checked by two-fold cross-validation over documents before the final fit
on everything; the printed held-out figures are the honest ones.

Usage::

    .venv/bin/python benchmarks/fit_geoparser.py            # fit, report, write weights
    .venv/bin/python benchmarks/fit_geoparser.py --dry-run  # report only
"""

from __future__ import annotations

import argparse
import json
import math
import zlib
from pathlib import Path

import geo_eval
import numpy as np

from geoevents._geoparse import RESOLVER_FEATURES, STAND_IN_FEATURES, Geoparser, training

DATA_DIR = Path(__file__).resolve().parents[1] / "geoevents" / "data"
CORPORA = ("GeoVirus", "GeoWebNews", "WikToR")
QUALIFIER_FLOORS = {"qual_country": 2.0, "qual_admin1": 3.0}


def _docs(corpus: str, limit: int | None) -> list[dict]:
    docs = geo_eval.load(corpus)
    return docs[:limit] if limit else docs


def fold_of(doc_id: str) -> int:
    return zlib.crc32(doc_id.encode()) % 2


# ----------------------------------------------------------------- resolution


def resolution_rows(parser: Geoparser, corpus: str, limit: int | None):
    """(fold, X, distances of candidates to gold) per gold mention with >1 candidate."""
    rows = []
    docs = _docs(corpus, limit)
    for doc in docs:
        text = doc["text"]
        golds = geo_eval.gold_spans(doc)
        if not golds:
            continue
        spans = [(g["start"], g["end"]) for g in golds]
        for X, places, g in training.resolution_rows(parser, text, spans, golds):
            lat = parser.finder.lat[places]
            lon = parser.finder.lon[places]
            d = np.array(
                [
                    geo_eval.haversine_km(a, b, g["lat"], g["lon"])
                    for a, b in zip(lat, lon, strict=True)
                ]
            )
            rows.append((fold_of(doc["doc_id"]), X, d))
    return rows


def fit_conditional_logit(groups, weights, l2=3e-2, steps=30):
    """Maximise sum_g w_g log softmax(X_g beta)[target_g] - l2/2 |beta|^2 (Newton)."""
    nfeat = groups[0][0].shape[1]
    allx = np.vstack([g[0] for g in groups])
    scale = allx.std(axis=0)
    scale[scale == 0] = 1.0
    Zs = [(X / scale, t) for X, t in groups]
    w = np.asarray(weights) / np.sum(weights)
    beta = np.zeros(nfeat)
    for _ in range(steps):
        grad = -l2 * beta
        hess = -l2 * np.eye(nfeat)
        for (Z, target), wg in zip(Zs, w, strict=True):
            s = Z @ beta
            p = np.exp(s - s.max())
            p /= p.sum()
            mean = p @ Z
            grad += wg * (Z[target] - mean)
            hess -= wg * ((Z * p[:, None]).T @ Z - np.outer(mean, mean))
        step = np.linalg.solve(hess, -grad)
        beta += step
        if np.abs(step).max() < 1e-6:
            break
    return beta / scale


def resolution_accuracy(groups_d, beta):
    hits = 0
    for X, d in groups_d:
        hits += d[int(np.argmax(X @ beta))] <= 161
    return hits / max(1, len(groups_d))


def fit_resolver(parser, limit, dry_run):
    data = {c: resolution_rows(parser, c, limit) for c in CORPORA}
    print("resolution training mentions:", {c: len(r) for c, r in data.items()})
    print(
        "  reachable (a candidate within 161 km):",
        {
            c: round(sum(1 for r in rows if r[2].min() <= 161) / max(1, len(rows)), 3)
            for c, rows in data.items()
        },
    )

    def groups(rows):
        out = []
        for _fold, X, d in rows:
            if d.min() > 161 or len(d) < 2:
                continue
            out.append((X, int(np.argmin(d))))
        return out

    def weights_for(per_corpus):
        total = {c: max(1, len(g)) for c, g in per_corpus.items()}
        return [1.0 / total[c] for c, g in per_corpus.items() for _ in g]

    # two-fold cross-validation
    print("held-out acc@161 over mentions with >1 candidate (reachable or not):")
    for test_fold in (0, 1):
        train = {c: groups([r for r in rows if r[0] != test_fold]) for c, rows in data.items()}
        flat = [g for c in CORPORA for g in train[c]]
        beta = fit_conditional_logit(flat, weights_for(train))
        for c in CORPORA:
            test = [(X, d) for f, X, d in data[c] if f == test_fold]
            base = resolution_accuracy(test, np.eye(len(RESOLVER_FEATURES))[0])
            fitted = resolution_accuracy(test, beta)
            print(f"  fold {test_fold} {c:<11} prior only {base:.3f}  fitted {fitted:.3f}")
    everything = {c: groups(rows) for c, rows in data.items()}
    flat = [g for c in CORPORA for g in everything[c]]
    beta = fit_conditional_logit(flat, weights_for(everything))
    result = {f: round(float(b), 4) for f, b in zip(RESOLVER_FEATURES, beta, strict=True)}
    # An explicit qualifier ("Paris, Texas", "Kyrylivka, Donetsk region") is rare in these
    # corpora, so its fitted weight is small and noisy; a reader trusts it. Floors:
    for feature, floor in QUALIFIER_FLOORS.items():
        if result[feature] < floor:
            print(f"  {feature}: fitted {result[feature]:.3f}, raised to the floor {floor}")
            result[feature] = floor
    print("resolver weights:", result)
    if not dry_run:
        (DATA_DIR / "resolver.json").write_text(
            json.dumps(
                {
                    "about": "conditional logit over candidate places; fitted by "
                    "benchmarks/fit_geoparser.py on GeoVirus, GeoWebNews and WikToR",
                    "weights": result,
                },
                indent=2,
            )
            + "\n",
            "utf-8",
        )


# ---------------------------------------------------------------- recognition


def recognition_rows(parser: Geoparser, corpus: str, limit: int | None):
    rows = []
    docs = _docs(corpus, limit)
    for doc in docs:
        text = doc["text"]
        golds = geo_eval.gold_spans(doc)
        for feats, start, end in training.recognition_rows(parser, text):
            label = any(start < g["end"] and g["start"] < end for g in golds)
            rows.append((fold_of(doc["doc_id"]), doc["doc_id"], feats, label, start, end))
    return rows


def fit_logistic(X, y, w, l2=1.0, steps=300):
    """Weighted L2 logistic regression by Newton's method."""
    n, k = X.shape
    Xb = np.hstack([X, np.ones((n, 1))])
    beta = np.zeros(k + 1)
    reg = np.full(k + 1, l2)
    reg[-1] = 0.0
    for _ in range(steps):
        z = np.clip(Xb @ beta, -30, 30)
        p = 1 / (1 + np.exp(-z))
        g = Xb.T @ (w * (y - p)) - reg * beta
        H = (Xb * (w * p * (1 - p))[:, None]).T @ Xb + np.diag(reg)
        step = np.linalg.solve(H, g)
        beta += step
        if np.abs(step).max() < 1e-8:
            break
    return beta[:-1], beta[-1]


def f1_at(rows, scores, cut, n_gold):
    kept = [r for r, s in zip(rows, scores, strict=True) if s >= cut]
    tp = sum(1 for r in kept if r[3])
    fp = len(kept) - tp
    p = tp / max(1, tp + fp)
    rc = tp / max(1, n_gold)
    return 2 * p * rc / max(1e-9, p + rc), p, rc


def fit_recognizer(parser, limit, dry_run):
    corpora = ("GeoVirus", "GeoWebNews")
    data = {c: recognition_rows(parser, c, limit) for c in corpora}
    gold = {}
    for c in corpora:
        docs = _docs(c, limit)
        gold[c] = {d["doc_id"]: len(geo_eval.gold_spans(d)) for d in docs}
    names = sorted({k for c in corpora for r in data[c] for k in r[2]})
    print(
        f"recognition candidates: { {c: len(r) for c, r in data.items()} }, {len(names)} features"
    )

    def matrix(rows):
        X = np.zeros((len(rows), len(names)))
        col = {n: i for i, n in enumerate(names)}
        for i, r in enumerate(rows):
            for k, v in r[2].items():
                X[i, col[k]] = v
        return X

    def fit(rows_by_corpus):
        rows = [r for c in corpora for r in rows_by_corpus[c]]
        w = np.array([1.0 / len(rows_by_corpus[c]) for c in corpora for _ in rows_by_corpus[c]])
        w *= len(rows) / w.sum()
        y = np.array([1.0 if r[3] else 0.0 for r in rows])
        return fit_logistic(matrix(rows), y, w)

    cuts = np.arange(-2.0, 2.01, 0.25)
    heldout = {c: np.zeros(len(cuts)) for c in corpora}
    for test_fold in (0, 1):
        train = {c: [r for r in data[c] if r[0] != test_fold] for c in corpora}
        coef, bias = fit(train)
        for c in corpora:
            test = [r for r in data[c] if r[0] == test_fold]
            scores = matrix(test) @ coef + bias
            n_gold = sum(n for d, n in gold[c].items() if fold_of(d) == test_fold)
            for i, cut in enumerate(cuts):
                heldout[c][i] += f1_at(test, scores, cut, n_gold)[0] / 2
    mean = sum(heldout.values()) / len(corpora)
    best = int(np.argmax(mean))
    print("held-out recognition F1 (candidates only, before discourse smoothing):")
    for c in corpora:
        print(f"  {c:<11} F1 {heldout[c][best]:.3f} at logit cut {cuts[best]:+.2f}")
    coef, bias = fit(data)
    cut = float(cuts[best])
    weights = {n: round(float(v), 4) for n, v in zip(names, coef, strict=True) if abs(v) > 1e-6}
    print("recognizer weights:", weights, "bias", round(float(bias), 4))
    if not dry_run:
        (DATA_DIR / "recognizer.json").write_text(
            json.dumps(
                {
                    "about": "logistic regression over gazetteer matches; fitted by "
                    "benchmarks/fit_geoparser.py on GeoVirus and GeoWebNews",
                    "bias": round(float(bias), 4),
                    "threshold": round(1 / (1 + math.exp(-cut)), 4),
                    "weights": weights,
                },
                indent=2,
            )
            + "\n",
            "utf-8",
        )


# ------------------------------------------------------------------ stand-ins


def stand_in_rows(parser: Geoparser, limit: int | None):
    """WikToR's given spans as the gate weighs them (it weighs only spans a caller
    gives): (fold, features, label) per span, label 1 when only the cluster point is
    within 161 km of the gold point, 0 when only the gazetteer reading is, None when
    both or neither are; and the number of gold mentions in each fold."""
    rows = []
    n_gold = [0, 0]
    for doc in _docs("WikToR", limit):
        text = doc["text"]
        golds = geo_eval.gold_spans(doc)
        fold = fold_of(doc["doc_id"])
        n_gold[fold] += len(golds)
        if not golds:
            continue
        by_span = {(g["start"], g["end"]): g for g in golds}
        spans = list(by_span)
        for start, end, feats, chosen, center in training.stand_in_rows(parser, text, spans):
            gold = by_span[start, end]
            ok_chosen = chosen is not None and (
                geo_eval.haversine_km(*chosen, gold["lat"], gold["lon"]) <= 161
            )
            ok_center = geo_eval.haversine_km(*center, gold["lat"], gold["lon"]) <= 161
            label = None if ok_chosen == ok_center else int(ok_center)
            rows.append((fold, feats, label))
    return rows, n_gold


def fit_stand_in(parser, limit, dry_run):
    """Fit the gate on WikToR; print, per held-out fold, how acc@161 over that fold's
    gold mentions changes."""
    rows, n_gold = stand_in_rows(parser, limit)

    def fit(part):
        useful = [(f, lab) for _fold, f, lab in part if lab is not None]
        X = np.array([f for f, _ in useful])
        y = np.array([lab for _, lab in useful], dtype=float)
        return fit_logistic(X, y, np.ones(len(y)), l2=1.0)

    print("stand-in gate: WikToR spans weighed:", len(rows),
          "useful:", sum(r[2] is not None for r in rows))  # fmt: skip
    print("held-out change in acc@161 (gold mentions set right / set wrong):")
    for test_fold in (0, 1):
        beta, bias = fit([r for r in rows if r[0] != test_fold])
        gain = loss = 0
        for fold, f, lab in rows:
            if fold == test_fold and lab is not None and float(np.dot(beta, f)) + bias >= 0:
                gain += lab == 1
                loss += lab == 0
        change = (gain - loss) / max(1, n_gold[test_fold])
        print(f"  fold {test_fold}: +{gain} -{loss} of {n_gold[test_fold]}  {change:+.3f}")
    beta, bias = fit(rows)
    result = {f: round(float(b), 4) for f, b in zip(STAND_IN_FEATURES, beta, strict=True)}
    print("stand-in weights:", result, "bias", round(float(bias), 4))
    if not dry_run:
        path = DATA_DIR / "stand_in.json"
        data = json.loads(path.read_text("utf-8"))
        data["weights"] = result
        data["bias"] = round(float(bias), 4)
        path.write_text(json.dumps(data, indent=2) + "\n", "utf-8")


GOALS = {"GeoVirus": (0.88, 0.80), "GeoWebNews": (0.70, 0.92)}  # (F1, acc@161), issue 3
# a cut must clear every goal by this much: a cut that meets a goal by 0.001 on these
# corpora may miss it on others
MARGIN = 0.005


def choose_cut(dry_run: bool) -> None:
    """Pick the recogniser's cut end to end (one scalar; the weights stay as fitted):
    among the cuts that meet every goal of issue 3 (F1 and acc@161 on GeoVirus and
    GeoWebNews) by at least ``MARGIN``, the one with the best mean of F1 + acc@161 (a
    higher cut buys accuracy with recall, which the reports users map need); if none
    does, the one whose worst margin is least bad."""
    import bench_geoparse

    parser = Geoparser()
    best = None
    for logit_cut in np.arange(-0.5, 1.51, 0.25):
        parser.recogniser.model.cut = 1 / (1 + math.exp(-logit_cut))
        scores = []
        sums = []
        line = []
        for corpus in ("GeoVirus", "GeoWebNews"):
            r = bench_geoparse.run(corpus, parser, limit=None, show_errors=0)
            goal_f1, goal_acc = GOALS[corpus]
            scores.append(min(r["f1"] - goal_f1, r["acc161"] - goal_acc))
            sums.append(r["f1"] + r["acc161"])
            line.append(f"{corpus} F1 {r['f1']:.3f} acc@161 {r['acc161']:.3f}")
        worst = float(min(scores))
        value = (1, float(np.mean(sums))) if worst >= MARGIN else (0, worst)
        print(f"  cut {logit_cut:+.2f}: " + "; ".join(line))
        if best is None or value > best[0]:
            best = (value, logit_cut)
    print(f"chosen logit cut {best[1]:+.2f}")
    if not dry_run:
        path = DATA_DIR / "recognizer.json"
        data = json.loads(path.read_text("utf-8"))
        data["threshold"] = round(1 / (1 + math.exp(-best[1])), 4)
        data["threshold_chosen_by"] = (
            f"best mean of F1 + acc@161 end to end on GeoVirus, GeoWebNews among the cuts "
            f"that clear every goal by {MARGIN}"
        )
        path.write_text(json.dumps(data, indent=2) + "\n", "utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    ap.add_argument("--limit", type=int, help="only the first N documents per corpus")
    ap.add_argument("--only", choices=("recognizer", "resolver", "stand-in", "cut"))
    args = ap.parse_args()
    parser = Geoparser()
    if args.only in (None, "recognizer"):
        fit_recognizer(parser, args.limit, args.dry_run)
    if args.only in (None, "resolver"):
        parser = Geoparser()  # reload the recogniser just written
        fit_resolver(parser, args.limit, args.dry_run)
    if args.only in (None, "stand-in"):
        parser = Geoparser()  # with the resolver just written
        fit_stand_in(parser, args.limit, args.dry_run)
    if args.only in (None, "cut"):
        choose_cut(args.dry_run)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
