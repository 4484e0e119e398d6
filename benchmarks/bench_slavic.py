"""Place names in Ukrainian and Russian news: recognition, cross-lingual resolution, speed.

Usage::

    .venv/bin/python benchmarks/bench_slavic.py
    .venv/bin/python benchmarks/bench_slavic.py --limit 50 --failures /tmp/slavic_fail

Reads the SlavicNER development documents in ../shared (evaluation only: nothing of
them is kept in this repository) and prints, per language:

* place recognition: precision, recall and F1 of spans. A predicted span that overlaps
  a gold span matches it, one to one (each gold span and each prediction used once);
  a prediction that overlaps any gold span is not a false positive, even when that
  gold span was already matched (a name split in two costs no precision);
* cross-lingual resolution: for each matched mention, whether our point lies within
  161 km of the point ``geoparse`` gives for the English name of the gold entity
  ("GPE-Kharkiv" -> "Kharkiv"), parsed alone (or after "in " when alone it finds
  nothing); mentions of entities whose English name it cannot resolve are skipped
  and counted;
* speed: words per second of ``geoparse`` over every document of the language (best
  of 2 passes after one warm-up document, name caches emptied before each pass).

``geoparse`` is called with ``lang=`` when it takes that keyword. ``--failures DIR``
writes, per language, a CSV of missed gold spans, spurious predictions (with 60
characters of context either side) and mentions resolved more than 161 km away.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import inspect
import json
import math
import re
import sys
import time
import warnings
from pathlib import Path

import geo_eval

import geoevents
from geoevents import GeoEventsWarning, geoparse

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "data" / "geoparsing" / "slavicner_ukru_dev.jsonl.gz"
LANGS = {"uk": "Ukrainian", "ru": "Russian"}
F1_GOALS = {"uk": 0.85, "ru": 0.88}
RESOLVED_GOAL = 0.95
WORDS_GOAL = 50_000
KM = 161.0
CONTEXT = 60
# the data's own misspelt entity ids, read as the place they name
ALIASES = {
    "Brussles": "Brussels",
    "Solt Lake City": "Salt Lake City",
    "United States Captiol": "United States Capitol",
}
TAKES_LANG = "lang" in inspect.signature(geoparse).parameters


def parse(text: str, lang: str | None = None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GeoEventsWarning)
        if lang is not None and TAKES_LANG:
            return geoparse(text, lang=lang)
        return geoparse(text)


def load(limit: int | None) -> dict[str, list[dict]]:
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    by_lang = {lang: [d for d in docs if d["lang"] == lang] for lang in LANGS}
    return {lang: ds[:limit] if limit else ds for lang, ds in by_lang.items()}


def english_name(entity: str) -> str:
    """ "GPE-Georgia-US-state" -> "Georgia, USA"; "GPE-WashingtonDC" -> "Washington DC"."""
    name = entity.split("-", 1)[1] if "-" in entity else entity
    name = re.sub(r"[-_]+", " ", name)
    name = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).strip()
    name = re.sub(r"\s+US state$", ", USA", name, flags=re.IGNORECASE)
    return ALIASES.get(name, name)


_REFERENCE: dict[str, tuple[str, float, float] | None] = {}


def reference(entity: str) -> tuple[str, float, float] | None:
    """The first place ``geoparse`` finds in the entity's English name, or None."""
    if entity not in _REFERENCE:
        name = english_name(entity)
        found = None
        for text in (name, f"in {name}"):
            frame = parse(text)
            frame = frame[frame["latitude"].notna() & frame["longitude"].notna()]
            if len(frame):
                row = frame.iloc[0]
                found = (str(row["name"]), float(row["latitude"]), float(row["longitude"]))
                break
        _REFERENCE[entity] = found
    return _REFERENCE[entity]


def _clear_caches() -> None:
    """Empty the default parser's name caches, as for text it has not seen."""
    try:
        from geoevents._geoparse import default_parser
    except ImportError:
        return
    parser = default_parser()
    for part in ("finder", "resolver"):
        clear = getattr(getattr(parser, part, None), "clear", None)
        if callable(clear):
            clear()


def _context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - CONTEXT) : start]
    right = text[end : end + CONTEXT]
    return " ".join(f"{left}[[{text[start:end]}]]{right}".split())


def _pass(docs: list[dict], lang: str) -> tuple[float, list]:
    _clear_caches()
    start = time.perf_counter()
    frames = [parse(d["text"], lang) for d in docs]
    return time.perf_counter() - start, frames


def run(lang: str, docs: list[dict], failures: Path | None) -> dict:
    parse(docs[0]["text"], lang)  # warm-up: word lists and gazetteer load on first use
    seconds, frames = _pass(docs, lang)
    seconds = min(seconds, _pass(docs, lang)[0])
    words = sum(len(d["text"].split()) for d in docs)

    n_gold = n_pred = pred_on_gold = 0
    pairs = []  # (doc, predicted row, gold span)
    rows = []  # for --failures
    for doc, frame in zip(docs, frames, strict=True):
        text, golds = doc["text"], doc["places"]
        n_gold += len(golds)
        n_pred += len(frame)
        used: set[int] = set()
        for p in sorted(frame.itertuples(), key=lambda r: (r.start, r.end)):
            overlapping = [
                i for i, g in enumerate(golds) if p.start < g["end"] and g["start"] < p.end
            ]
            pred_on_gold += bool(overlapping)
            free = [i for i in overlapping if i not in used]
            if free:
                used.add(free[0])
                pairs.append((doc, p, golds[free[0]]))
            elif not overlapping:
                rows.append({"error": "spurious", "id": doc["id"], "start": p.start, "end": p.end,
                             "surface": text[p.start : p.end], "name": p.name, "kind": p.kind,
                             "country_code": p.country_code, "latitude": p.latitude,
                             "longitude": p.longitude,
                             "context": _context(text, p.start, p.end)})  # fmt: skip
        for i, g in enumerate(golds):
            if i not in used:
                rows.append({"error": "missed", "id": doc["id"], "start": g["start"],
                             "end": g["end"], "surface": g["surface"], "lemma": g["lemma"],
                             "entity": g["entity"],
                             "context": _context(text, g["start"], g["end"])})  # fmt: skip

    near = compared = 0
    skipped_entities: set[str] = set()
    skipped = 0
    for doc, p, g in pairs:
        ref = reference(g["entity"])
        if ref is None:
            skipped += 1
            skipped_entities.add(g["entity"])
            continue
        compared += 1
        d = geo_eval.haversine_km(p.latitude, p.longitude, ref[1], ref[2])
        if not math.isfinite(d):
            d = geo_eval.MAX_KM
        near += d <= KM
        if d > KM:
            rows.append({"error": "misresolved", "id": doc["id"], "start": g["start"],
                         "end": g["end"], "surface": g["surface"], "lemma": g["lemma"],
                         "entity": g["entity"], "name": p.name, "kind": p.kind,
                         "country_code": p.country_code, "latitude": p.latitude,
                         "longitude": p.longitude, "reference_name": ref[0],
                         "reference_latitude": ref[1], "reference_longitude": ref[2],
                         "km": round(d, 1),
                         "context": _context(doc["text"], g["start"], g["end"])})  # fmt: skip

    if failures is not None:
        failures.mkdir(parents=True, exist_ok=True)
        fields = ["error", "id", "start", "end", "surface", "lemma", "entity", "name", "kind",
                  "country_code", "latitude", "longitude", "reference_name",
                  "reference_latitude", "reference_longitude", "km", "context"]  # fmt: skip
        with open(failures / f"slavic_{lang}.csv", "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)

    precision = pred_on_gold / n_pred if n_pred else 0.0
    recall = len(pairs) / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "docs": len(docs),
        "gold": n_gold,
        "pred": n_pred,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "matched": len(pairs),
        "compared": compared,
        "near": near / compared if compared else None,
        "skipped": skipped,
        "skipped_entities": len(skipped_entities),
        "words": words,
        "words_per_s": words / seconds if seconds else 0.0,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, help="only the first N documents of each language")
    ap.add_argument(
        "--failures", type=Path, help="write missed, spurious and mis-resolved spans here"
    )
    args = ap.parse_args()
    if not DATA.is_file():
        print(f"{DATA} not found: this benchmark needs ../shared beside the repository; skipped.")
        return 0
    print(f"## Place names in Ukrainian and Russian news (geoevents {geoevents.__version__}, "
          f"benchmarks/bench_slavic.py)\n")  # fmt: skip
    print(f"geoparse called {'with' if TAKES_LANG else 'without'} lang=\n")
    results = {lang: run(lang, docs, args.failures) for lang, docs in load(args.limit).items()}
    print("| check | result | goal |")
    print("|---|---|---|")
    for lang, r in results.items():
        name = f"{LANGS[lang]} ({r['docs']:,} documents, {r['gold']:,} gold spans)"
        print(f"| {name}: place recognition precision / recall / F1 ({r['pred']:,} predicted "
              f"spans) | {r['precision']:.3f} / {r['recall']:.3f} / {r['f1']:.3f} "
              f"| F1 >= {F1_GOALS[lang]:.2f} |")  # fmt: skip
        near = "–" if r["near"] is None else f"{r['near']:.3f}"
        print(f"| {name}: recognised mentions resolved to the place of the entity's English "
              f"name (within {KM:.0f} km; {r['compared']:,} of {r['matched']:,} compared, "
              f"{r['skipped']:,} mentions of {r['skipped_entities']} entities skipped: "
              f"English name not resolved) | {near} | >= {RESOLVED_GOAL:.2f} |")  # fmt: skip
        print(f"| {name}: speed ({r['words']:,} words, best of 2) | {r['words_per_s']:,.0f} "
              f"words/s | >= {WORDS_GOAL:,} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
