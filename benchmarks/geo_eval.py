"""Geoparsing metrics as the field reports them (see ../shared/data/README.md).

Recognition: precision, recall and F1 of predicted spans against the gold spans
that have coordinates; a prediction overlapping a gold span matches it (one to
one). Resolution, over matched pairs: acc@161 (share of errors under 161 km), AUC
(area under the curve of log(error + 1), normalised by log(20039); 0 best), and
the median error. A matched span without coordinates counts as 20,039 km.
"""

from __future__ import annotations

import gzip
import json
import math
from pathlib import Path

import numpy as np

from geoevents._geo import km as great_circle_km

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
MAX_KM = 20039.0

PUBLISHED = {
    "GeoVirus": [
        ("CamCoder", 0.953, 0.812, 0.877, 0.769, 0.338),
        ("Edinburgh Geoparser", 0.903, 0.587, 0.711, 0.793, 0.325),
        ("CLAVIN", 0.941, 0.655, 0.773, 0.778, 0.326),
    ],
    "GeoWebNews": [
        ("CamCoder", 0.922, 0.535, 0.677, 0.824, 0.162),
        ("Edinburgh Geoparser", 0.855, 0.519, 0.646, 0.895, 0.096),
        ("CLAVIN", 0.960, 0.384, 0.549, 0.916, 0.079),
    ],
    "WikToR": [
        ("CamCoder", None, None, None, 0.65, None),
        ("Edinburgh Geoparser", None, None, None, 0.42, None),
        ("CLAVIN", None, None, None, 0.16, None),
        ("population baseline", None, None, None, 0.22, None),
    ],
}


def load(corpus: str) -> list[dict]:
    path = DATA / "geoparsing" / f"{corpus}.jsonl.gz"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: the benchmarks need ../shared beside the repo")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def gold_spans(doc: dict) -> list[dict]:
    return [t for t in doc["toponyms"] if t.get("lat") is not None]


def haversine_km(lat1, lon1, lat2, lon2) -> float:
    if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in (lat1, lon1)):
        return MAX_KM
    # the mean Earth radius the field's evaluations use (Gritta et al.)
    return great_circle_km(lat1, lon1, lat2, lon2, radius=6371.0088)


def match(preds: list[tuple], golds: list[dict]) -> tuple[list[tuple[tuple, dict]], int, int]:
    """One-to-one overlap matching. preds: (start, end, lat, lon, ...)."""
    used = set()
    pairs = []
    fp = 0
    for p in sorted(preds, key=lambda x: x[0]):
        best = None
        for gi, g in enumerate(golds):
            if gi in used:
                continue
            if p[0] < g["end"] and g["start"] < p[1]:
                best = gi
                break
        if best is None:
            fp += 1
        else:
            used.add(best)
            pairs.append((p, golds[best]))
    fn = len(golds) - len(used)
    return pairs, fp, fn


def summarise(errors: list[float], tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    out = {"precision": precision, "recall": recall, "f1": f1, "n": tp}
    if errors:
        e = np.array(errors)
        out["acc161"] = float((e <= 161).mean())
        logs = np.sort(np.log(e + 1))
        if len(logs) > 1:
            auc = float(np.trapezoid(logs, dx=1.0 / (len(logs) - 1)) / np.log(MAX_KM))
        else:
            auc = float(logs[0] / np.log(MAX_KM))
        out["auc"] = auc
        out["median_km"] = float(np.median(e))
    return out
