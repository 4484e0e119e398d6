"""Record every row ``geoparse`` and ``extract_events`` give on the development data, and
compare two such records: the check that a refactoring changed no output.

Usage::

    .venv/bin/python benchmarks/snapshot.py record /tmp/snap-before
    ... change the code ...
    .venv/bin/python benchmarks/snapshot.py record /tmp/snap-after
    .venv/bin/python benchmarks/snapshot.py compare /tmp/snap-before /tmp/snap-after

``record`` writes one CSV per corpus (the rows hold development data: keep the folder
out of the repository). ``compare`` prints, per corpus, the rows only in one record
and the first few of them, and exits 1 when any differ.
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

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"


def _jsonl(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        text = fh.read()
    if text.lstrip().startswith("["):
        return json.loads(text)
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _geoparse_rows(parser, docs, *, spans: bool) -> pd.DataFrame:
    frames = []
    for doc in docs:
        text = doc["text"]
        given = None
        if spans:
            given = [(t["start"], t["end"]) for t in doc["toponyms"] if t.get("lat") is not None]
        frame = parser.parse(text, spans=given)
        frame.insert(0, "doc", doc.get("doc_id") or doc.get("id"))
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _csv_reports(path: Path, *, text="text", published="date", ident="id") -> pd.DataFrame:
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return pd.DataFrame(
        {
            "article_id": [r[ident] for r in rows],
            "text": [r[text] for r in rows],
            "published": [r.get(published) or None for r in rows],
        }
    )


def record(out: Path) -> int:
    os.environ.setdefault("TQDM_DISABLE", "1")  # no progress bars in the log
    from geoevents import extract_events, read_articles
    from geoevents._geoparse import Geoparser

    out.mkdir(parents=True, exist_ok=True)
    parser = Geoparser()
    jobs = {
        "geoparse_GeoVirus": lambda: _geoparse_rows(
            parser, _jsonl(DATA / "geoparsing/GeoVirus.jsonl.gz"), spans=False
        ),
        "geoparse_GeoWebNews": lambda: _geoparse_rows(
            parser, _jsonl(DATA / "geoparsing/GeoWebNews.jsonl.gz"), spans=False
        ),
        "geoparse_WikToR_spans": lambda: _geoparse_rows(
            parser, _jsonl(DATA / "geoparsing/WikToR.jsonl.gz"), spans=True
        ),
        "geoparse_WikToR_found": lambda: _geoparse_rows(
            parser, _jsonl(DATA / "geoparsing/WikToR.jsonl.gz")[:1000], spans=False
        ),
        "geoparse_slavicner": lambda: _geoparse_rows(
            parser, _jsonl(DATA / "geoparsing/slavicner_ukru_dev.jsonl.gz"), spans=False
        ),
        "events_seed": lambda: extract_events(
            (SHARED / "seed/article.txt").read_text("utf-8"),
            published=json.loads((SHARED / "seed/gold.json").read_text("utf-8"))["published"],
        ),
        "events_acled": lambda: extract_events(
            _csv_reports(DATA / "events/acled_ukraine_dev.csv"), n_jobs=1
        ),
        "events_cir": lambda: extract_events(
            _csv_reports(DATA / "events/cir_eyes_on_russia_dev.csv"), n_jobs=1
        ),
        "events_ucdp": lambda: extract_events(
            _csv_reports(DATA / "events/ucdp_ged_ukraine_2014_2021.csv"), n_jobs=1
        ),
        "events_halterman": lambda: extract_events(
            pd.DataFrame(
                {
                    "text": [
                        r["text"] for r in _jsonl(DATA / "events/halterman_event_location.jsonl.gz")
                    ]
                }
            ),
            published="2019-01-01",
            n_jobs=1,
        ),
        "events_notes": lambda: extract_events(
            pd.concat(
                [
                    pd.read_csv(ROOT / "benchmarks/data" / name).rename(
                        columns={"id": "article_id", "note": "text"}
                    )[["article_id", "text", "published"]]
                    for name in ("acled_style_notes.csv", "acled_style_notes_b.csv")
                ]
            ),
            n_jobs=1,
        ),
        "events_examples": lambda: extract_events(
            read_articles(ROOT / "examples/reports", progress=False), n_jobs=1
        ),
    }
    for name, job in jobs.items():
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = job()
        frame = pd.DataFrame(frame.drop(columns="geometry", errors="ignore"))
        frame.to_csv(out / f"{name}.csv", index=False)
        print(f"{name:<24} {len(frame):>8,} rows  {time.perf_counter() - start:6.1f} s")
    return 0


def compare(a: Path, b: Path, show: int) -> int:
    names = sorted({p.name for p in a.glob("*.csv")} | {p.name for p in b.glob("*.csv")})
    differ = 0
    for name in names:
        if not (a / name).exists() or not (b / name).exists():
            print(f"{name:<28} only in {'the second' if (b / name).exists() else 'the first'}")
            differ += 1
            continue
        left = (a / name).read_text("utf-8").splitlines()
        right = (b / name).read_text("utf-8").splitlines()
        if left[:1] != right[:1]:
            print(f"{name:<28} columns differ: {left[:1]} vs {right[:1]}")
            differ += 1
            continue
        only_a = sorted(set(left) - set(right))
        only_b = sorted(set(right) - set(left))
        same = len(left) == len(right) and not only_a and not only_b and left == right
        status = "same" if same else f"{len(only_a)} rows only before, {len(only_b)} only after"
        if not same and not only_a and not only_b:
            status = "same rows, another order"
        print(f"{name:<28} {len(left) - 1:>8,} rows  {status}")
        if not same:
            differ += 1
            for line in only_a[:show]:
                print(f"    - {line[:300]}")
            for line in only_b[:show]:
                print(f"    + {line[:300]}")
    return 1 if differ else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record", help="write every output row into a folder")
    rec.add_argument("folder", type=Path)
    cmp_ = sub.add_parser("compare", help="compare two recorded folders")
    cmp_.add_argument("before", type=Path)
    cmp_.add_argument("after", type=Path)
    cmp_.add_argument("--show", type=int, default=5, help="rows to print per corpus")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"{DATA} not found: the snapshot needs ../shared beside the repository")
        return 2
    if args.command == "record":
        return record(args.folder)
    return compare(args.before, args.after, args.show)


if __name__ == "__main__":
    sys.exit(main())
