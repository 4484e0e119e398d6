"""One append: new reports and their extractions in, merged events written, in one transaction.

The caller has read and extracted the reports; here they are deduplicated against the
store (by text hash and by URL), their extractions matched against the stored events
near them (found by an equi-join on type, day and latitude band), every touched event
recomputed from all its sources, and everything written or nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

import numpy as np

from .._events.frame import EVENT_COLUMNS
from .._events.merge import near_pairs
from .._version import __version__
from . import rules
from .combine import combine, lat_band
from .db import SCHEMA, Backend
from .match import assign
from .story import stories

__all__ = [
    "AddResult",
    "append",
    "empty_extractions",
    "members_of",
    "new_reports",
    "prepare_reports",
    "text_hash",
    "write_events",
]

_REPORT_COLUMNS = ("article_id", "text", "published", "source", "url", "title", "lang")
_CANDIDATE = ("event_id", "event_type", "sub_event_type", "event_date", "latitude",
              "longitude", "actor1", "actor2", "fatalities", "notes", "geonameid",
              "geo_precision", "location", "mention", "admin1")  # fmt: skip


@dataclass(frozen=True)
class AddResult:
    """What one :meth:`EventStore.add` did. ``n_skipped``: reports the store already
    held; ``n_batch_duplicates``: reports that repeat an earlier one of the same batch
    (its words, or its URL), not added."""

    run_id: int | None
    n_reports: int
    n_skipped: int
    n_extractions: int
    n_new_events: int
    n_updated_events: int
    n_batch_duplicates: int = 0

    def __str__(self) -> str:
        dup = self.n_batch_duplicates
        if self.run_id is None:
            if not (self.n_skipped or dup):
                return "nothing new: no report given"
            held = f"{self.n_skipped:,} report(s) already in the store"
            if not dup:
                return f"nothing new: {held}"
            return f"nothing new: {held}, {dup:,} duplicate(s) in this batch"
        dups = f", {dup:,} duplicate(s) in this batch" if dup else ""
        return (
            f"run {self.run_id}: {self.n_reports:,} new report(s) ({self.n_skipped:,} already "
            f"stored{dups}), {self.n_extractions:,} extraction(s), {self.n_new_events:,} new "
            f"event(s), {self.n_updated_events:,} updated"
        )


def text_hash(text: str) -> str:
    """The hash a report is known by: of its words, whatever the spacing.

    Examples
    --------
    >>> text_hash("Drones hit  Odesa.\\n") == text_hash("Drones hit Odesa.")
    True
    """
    words = " ".join(str(text).split())
    return hashlib.sha256(words.encode("utf-8", "surrogatepass")).hexdigest()


def prepare_reports(reports):
    """The reports as read_articles' frame plus ``text_hash`` and ``report_id``, each
    text once (the first of a batch's copies) and each URL once; a report whose URL an
    earlier one of the batch has, with other words, is left out with a
    :class:`GeoEventsWarning` naming it (called by ``EventStore.add``)."""
    frame = reports.copy()
    for col in _REPORT_COLUMNS:
        if col not in frame:
            frame[col] = None
    frame = frame[list(_REPORT_COLUMNS)].astype(object)
    frame = frame.where(frame.notna(), None)
    empty = np.array([not (isinstance(t, str) and t.strip()) for t in frame["text"]], dtype=bool)
    if empty.any():  # no words to read or to tell it from another report by
        _warn_without_text(frame[empty])
        frame = frame[~empty]
    hashes = [text_hash(t) for t in frame["text"]]  # object dtype, even for no report
    frame["text_hash"] = np.array(hashes, dtype=object)
    frame["report_id"] = np.array([h[:20] for h in hashes], dtype=object)
    frame = frame.drop_duplicates("text_hash")
    url = frame["url"].map(lambda u: u.strip() if isinstance(u, str) and u.strip() else None)
    frame["url"] = url
    same_url = url.notna() & url.duplicated()
    if same_url.any():
        _warn_same_url(frame[same_url])
    frame = frame[~same_url]
    return frame.reset_index(drop=True)


def _warn_without_text(dropped) -> None:
    """Warn of reports left out because they have no text (None, NaN or blanks)."""
    import warnings

    from .._errors import GeoEventsWarning

    named = [str(a) if a is not None else f"row {i}" for i, a in
             zip(dropped.index, dropped["article_id"], strict=True)]  # fmt: skip
    more = f" and {len(named) - 3:,} more" if len(named) > 3 else ""
    warnings.warn(f"{len(named):,} report(s) of this batch have no text and are not added: "
                  f"{'; '.join(named[:3])}{more}", GeoEventsWarning, stacklevel=4)  # fmt: skip


def _warn_same_url(dropped) -> None:
    """Warn of reports left out because an earlier one of the batch has their URL."""
    import warnings

    from .._errors import GeoEventsWarning

    named = [f"{u} (article_id {a})" if a is not None else str(u)
             for u, a in zip(dropped["url"], dropped["article_id"], strict=True)]  # fmt: skip
    more = f" and {len(named) - 3:,} more" if len(named) > 3 else ""
    warnings.warn(
        f"{len(named):,} report(s) of this batch have the URL of an earlier report of the "
        f"batch but other words, and are not added (a store keeps one report per URL): "
        f"{'; '.join(named[:3])}{more}. Give each its own url to keep them",
        GeoEventsWarning,
        stacklevel=4,
    )


def new_reports(db: Backend, frame):
    """The rows of a prepared frame the store does not hold (by text hash or URL)."""
    import pandas as pd

    if not len(frame):
        return frame
    db.temp("_incoming_reports", pd.DataFrame({"h": frame["text_hash"], "u": frame["url"]}))
    seen = db.frame(
        "SELECT r.text_hash AS h, r.url AS u FROM reports r WHERE r.text_hash IN "
        "(SELECT h FROM _incoming_reports) OR r.url IN (SELECT u FROM _incoming_reports "
        "WHERE u IS NOT NULL)"
    )
    known = frame["text_hash"].isin(set(seen["h"])) | frame["url"].isin(set(seen["u"].dropna()))
    return frame[~known].reset_index(drop=True)


def _days(values) -> np.ndarray:
    """Day numbers, 0 where there is no date (such readings are never compared)."""
    import pandas as pd

    d = pd.to_datetime(pd.Series(values).reset_index(drop=True))
    out = d.to_numpy().astype("datetime64[D]").astype(np.int64)
    return np.where(d.isna().to_numpy(), 0, out)


def _candidates(db: Backend, new):
    """Stored events near the new extractions (same type, day within rules.DAYS,
    within rules.KM): (stored frame, i, k)."""
    import pandas as pd

    from .._geo import paired_km

    ok = new["event_date"].notna() & new["latitude"].notna() & new["longitude"].notna()
    idx = np.flatnonzero(ok.to_numpy())
    empty = pd.DataFrame(columns=list(_CANDIDATE))
    if not len(idx):
        return empty, np.zeros(0, np.int64), np.zeros(0, np.int64)
    sub = new.iloc[idx]
    band = lat_band(sub["latitude"].to_numpy(dtype=float))
    day = pd.to_datetime(sub["event_date"]).dt.normalize()
    # each reading probes the (type, day, band) blocks it may join: its group's types and
    # the generic one; a generic reading probes every type stored
    stored_types = None
    kinds = []
    for t, st, note in zip(sub["event_type"].astype(str), sub["sub_event_type"], sub["notes"],
                           strict=True):  # fmt: skip
        allowed = rules.block_types(t, st if isinstance(st, str) else None, note)
        if "*" in allowed:
            if stored_types is None:
                stored_types = db.frame("SELECT DISTINCT event_type FROM events")
                stored_types = frozenset(stored_types["event_type"].dropna())
            allowed = stored_types
        kinds.append(sorted(allowed))
    n_kinds = np.array([len(k) for k in kinds])
    rows_i = np.repeat(idx, n_kinds)
    rows_t = [t for k in kinds for t in k]
    rows_day = np.repeat(day.to_numpy(), n_kinds)
    rows_band = np.repeat(band, n_kinds)
    probes = []
    for dd in range(-rules.DAYS, rules.DAYS + 1):
        for db_ in (-1, 0, 1):
            probes.append(pd.DataFrame({
                "i": rows_i, "event_type": rows_t,
                "day": rows_day + np.timedelta64(dd, "D"), "band": rows_band + db_,
            }))  # fmt: skip
    db.temp("_probe", pd.concat(probes, ignore_index=True))
    cols = ", ".join(f"e.{c}" for c in _CANDIDATE)
    found = db.frame(
        f"SELECT p.i AS _i, {cols} FROM events e JOIN _probe p ON e.event_type = p.event_type "
        "AND e.event_date = p.day AND e.lat_band = p.band"
    )
    if not len(found):
        return found[list(_CANDIDATE)], np.zeros(0, np.int64), np.zeros(0, np.int64)
    k, _ = pd.factorize(found["event_id"])
    first = np.unique(k, return_index=True)[1]
    stored = found.iloc[first].drop(columns="_i").reset_index(drop=True)
    i = found["_i"].to_numpy(dtype=np.int64)
    nd, sd = _days(new["event_date"]), _days(stored["event_date"])
    km = paired_km(new["latitude"].to_numpy(float)[i], new["longitude"].to_numpy(float)[i],
                   stored["latitude"].to_numpy(float)[k],
                   stored["longitude"].to_numpy(float)[k])  # fmt: skip
    near = (np.abs(nd[i] - sd[k]) <= rules.DAYS) & (km <= rules.KM)
    return stored, i[near], k[near]


def _extraction_rows(extractions, run_id: int):
    import pandas as pd

    frame = pd.DataFrame({c: extractions[c] for c in SCHEMA["extractions"] if c in extractions})
    frame["run_id"] = run_id
    return frame[[c for c in SCHEMA["extractions"] if c in frame]]


def members_of(db: Backend, event_ids, new_members=None):
    """Every active source row of these events: the stored ones and ``new_members``
    (readings not yet linked, if any)."""
    import pandas as pd

    fields = [c for c in SCHEMA["extractions"] if c != "run_id"]
    if len(event_ids):
        db.temp("_touched", pd.DataFrame({"event_id": list(event_ids)}))
        cols = ", ".join(f"x.{c}" for c in fields)
        old = db.frame(
            f'SELECT s.event_id, s.seq AS "order", x.run_id, {cols} FROM event_sources s '
            "JOIN extractions x ON x.extraction_id = s.extraction_id "
            "WHERE s.active AND s.event_id IN (SELECT event_id FROM _touched)"
        )
    else:
        old = pd.DataFrame(columns=["event_id", "order", "run_id", *fields])
    if new_members is None or not len(new_members):
        return old
    return pd.concat([old, new_members], ignore_index=True) if len(old) else new_members


def write_events(db: Backend, members, run_id: int, replace) -> None:
    """Recompute the events of ``members`` and write them over the stored ones."""
    import pandas as pd

    merged = combine(members, run_id)  # first_run: the earliest run among the members
    if len(replace):
        db.temp("_replace", pd.DataFrame({"event_id": list(replace)}))
        prior = db.frame(
            "SELECT event_id, first_run FROM events WHERE event_id IN "
            "(SELECT event_id FROM _replace)"
        )
        keep = dict(zip(prior["event_id"], prior["first_run"], strict=True))
        pairs = zip(merged["event_id"], merged["first_run"], strict=True)
        merged["first_run"] = [keep.get(e, f) for e, f in pairs]
        db.execute("DELETE FROM events WHERE event_id IN (SELECT event_id FROM _replace)")
    db.insert("events", merged[list(SCHEMA["events"])])


def append(db: Backend, reports, extractions, params: dict, *, populations=None,
           on_stage=None) -> AddResult:  # fmt: skip
    """Write new (prepared, deduplicated) ``reports`` and their ``extractions`` (an
    events frame whose ``report_id`` column names each row's report) in one
    transaction. ``populations(geonameids)`` gives the places' populations (the rules
    treat towns and villages differently); ``on_stage(name)`` is called between the
    steps (for progress)."""
    import pandas as pd

    stage = on_stage or (lambda name: None)
    started = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    ex = extractions.reset_index(drop=True).copy()
    ex["extraction_id"] = [
        hashlib.sha1(f"{r}|{e}".encode()).hexdigest()[:16]
        for r, e in zip(ex["report_id"], ex["event_id"], strict=True)
    ]
    ex = ex.drop_duplicates("extraction_id").reset_index(drop=True)
    texts = dict(zip(reports["report_id"], reports["text"], strict=True))
    ex["notes"] = stories(texts, ex["report_id"], ex["notes"])
    with db.transaction():
        db.lock()
        run_id = int(db.scalar("SELECT COALESCE(MAX(run_id), 0) FROM runs")) + 1
        seq0 = int(db.scalar("SELECT COALESCE(MAX(seq), 0) FROM event_sources")) + 1
        rows = reports.assign(run_id=run_id)[list(SCHEMA["reports"])]
        db.insert("reports", rows)
        db.insert("extractions", _extraction_rows(ex, run_id))
        stage("matching")
        stored, si, sk = _candidates(db, ex)
        # every type in one block: the rules say which types may be one event's
        ni, nj = (near_pairs(ex.assign(event_type="*"), rules.DAYS, rules.KM) if len(ex) > 1
                  else (np.zeros(0),) * 2)  # fmt: skip
        new = ex.assign(day=_days(ex["event_date"]))
        old = stored.assign(day=_days(stored["event_date"]), report_id=None)
        if populations is not None:
            new["population"] = populations(new["geonameid"])
            old["population"] = populations(old["geonameid"]) if len(old) else []
        got = assign(new, old, (si, sk), (ni, nj))
        own = ex["extraction_id"].tolist()
        event_of = [t if t is not None else own[int(f)]
                    for t, f in zip(got.target, got.founder, strict=True)]  # fmt: skip
        links = pd.DataFrame({
            "event_id": event_of, "extraction_id": ex["extraction_id"], "score": got.score,
            "rule": got.rule, "run_id": run_id, "active": True,
            "seq": np.arange(seq0, seq0 + len(ex), dtype=np.int64),
        })  # fmt: skip
        db.insert("event_sources", links)
        stage("merging")
        touched = sorted({t for t in got.target if t is not None})
        fields = [c for c in SCHEMA["extractions"] if c != "run_id"]
        new_members = ex[fields].assign(event_id=event_of, order=links["seq"], run_id=run_id)
        members = members_of(db, touched, new_members)
        write_events(db, members, run_id, touched)
        n_new = int((got.founder == np.arange(len(ex))).sum())
        db.insert("runs", pd.DataFrame([{
            "run_id": run_id, "action": "add", "started_at": started,
            "finished_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
            "version": __version__, "params": json.dumps(params, sort_keys=True, default=str),
            "n_reports": len(reports), "n_extractions": len(ex), "n_new_events": n_new,
            "n_updated_events": len(touched),
        }]))  # fmt: skip
    return AddResult(run_id, len(reports), 0, len(ex), n_new, len(touched))


def empty_extractions():
    """An extractions frame with no rows (a batch whose reports tell of no event)."""
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype=object) for c in [*EVENT_COLUMNS, "report_id"]})
