"""EventStore: reports appended day by day, events merged with every source, DuckDB or Postgres."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import numbers
import os
from pathlib import Path

from .._errors import InvalidInputError, StoreError
from .._events.frame import EVENT_COLUMNS
from .._frames import checked_frame
from .._validate import CLOCK_WORDS, checked_flag
from .._version import __version__
from .append import (
    AddResult,
    append,
    empty_extractions,
    members_of,
    new_reports,
    prepare_reports,
    write_events,
)
from .db import SCHEMA, SCHEMA_VERSION, connect

__all__ = ["EventStore"]

_EXPORTS = {".gpkg": "gpkg", ".parquet": "parquet", ".kml": "kml", ".kmz": "kmz"}
_FILTERS = ("since", "until", "bbox", "types")  # what events() and count() take


class EventStore:
    """An incremental store of events read from reports, with every source kept.

    Parameters
    ----------
    where : path or str
        A DuckDB file (created when missing; embedded, nothing to install), or a
        ``postgresql://user@host/db`` URL (needs ``pip install 'geoevents[postgres]'``).
        A path named as another kind of file (``.csv``, ``.gpkg``, ``.sqlite``…) or an
        existing file that is not a DuckDB database is refused.
    create : bool, default True
        Whether to create the store when there is none; with False, a missing file (or
        a database without the store's tables) is a :class:`StoreError`, and nothing is
        created.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> store = EventStore(pathlib.Path(tempfile.mkdtemp()) / "events.duckdb")
    >>> print(store.add(["Drones struck Odesa on 3 May 2022.",
    ...                  "Odesa was hit by drones on 3 May 2022, officials said."]))
    run 1: 2 new report(s) (0 already stored), 2 extraction(s), 1 new event(s), 0 updated
    >>> ev = store.events()
    >>> ev[["location", "n_sources"]].values.tolist()
    [['Odesa', 2]]
    >>> print(store.add(["Drones struck Odesa on 3 May 2022."]))
    nothing new: 1 report(s) already in the store
    >>> store.close()
    """

    def __init__(self, where, *, create: bool = True):
        create = checked_flag("create", create)
        self._db = connect(where, create=create)
        self.where = self._db.where
        try:
            self._open(create)
        except BaseException:
            self._db.close()
            raise

    def _open(self, create: bool) -> None:
        tables = set(self._tables())
        if not tables and not create:
            raise StoreError(f"{self.where} holds no event store: check the path; a store is "
                             "created by adding reports to it")  # fmt: skip
        if not tables:
            with self._db.transaction():
                self._db.create()
                self._db.execute("INSERT INTO meta VALUES (?, ?)",
                                 ("schema_version", str(SCHEMA_VERSION)))  # fmt: skip
            return
        missing = [t for t in SCHEMA if t not in tables]
        if missing:
            raise StoreError(
                f"{self.where} holds other tables, not an event store (missing {missing})"
            )
        version = self._db.scalar("SELECT value FROM meta WHERE key = 'schema_version'")
        if version != str(SCHEMA_VERSION):
            raise StoreError(f"{self.where} is an event store of schema {version}; this "
                             f"geoevents reads schema {SCHEMA_VERSION}")  # fmt: skip

    def _tables(self) -> list[str]:
        rows = self._db.frame(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema NOT IN ('information_schema', 'pg_catalog')"
        )
        return [t for t in rows["table_name"].tolist() if t in SCHEMA]

    # ------------------------------------------------------------------ adding

    def add(self, reports, *, events=None, published=None, source=None, lang=None, area=None,
            n_jobs: int | None = None, gazetteer=None, lexicon=None, scheduler=None,
            progress: bool = True) -> AddResult:  # fmt: skip
        """Read the reports the store does not hold yet and merge their events in.

        Reports the store holds (the same words, or the same URL) are skipped before
        any work, so adding a folder again adds no row anywhere. The new reports are
        read with :func:`extract_events`; each event read (an *extraction*) joins the
        stored event it matches (same type, dates within a day, within 10 km, actors
        compatible, stated tolls not in conflict; the wording breaks ties) or becomes a
        new event. Everything is written in one transaction: an append that fails or
        is killed leaves the store as it was.

        Parameters
        ----------
        reports : DataFrame, path(s), or list of texts or records
            A frame like :func:`read_articles`', files and folders to read with it, or
            texts and records as :func:`extract_events` takes them.
        events : GeoDataFrame, optional
            The reports' events already extracted (for instance on a cluster with
            :mod:`geoevents.dask`): each row's ``article_id`` names its report.
        scheduler : str or distributed.Client, optional
            Read the new reports on this Dask cluster (``tcp://host:8786``; see
            :mod:`geoevents.dask`) instead of in this machine's processes.
        published, source, lang, area, n_jobs, gazetteer, lexicon
            As for :func:`extract_events`; recorded in the run's parameters. The
            gazetteer (default: geoevents' own) also tells towns from villages for the
            matching rules, with ``events=`` too.

        Returns
        -------
        AddResult
            The run's id and counts; ``print`` it for a summary.
        """
        self._db.check_open()
        frame = _reports_frame(reports, checked_flag("progress", progress))
        prepared = prepare_reports(frame)
        fresh = new_reports(self._db, prepared)
        textless = sum(not (isinstance(t, str) and t.strip()) for t in frame["text"])
        skipped, dup = len(prepared) - len(fresh), len(frame) - len(prepared) - textless
        if not len(fresh):
            return AddResult(None, 0, skipped, 0, 0, 0, dup)
        params = {"published": published, "source": source, "lang": lang, "area": area,
                  "n_jobs": n_jobs, "events_given": events is not None,
                  "scheduler": None if scheduler is None else str(scheduler),
                  "gazetteer": getattr(gazetteer, "fingerprint", None)}  # fmt: skip
        if events is None:
            extractions = self._extract(fresh, published=published, source=source, lang=lang,
                                        area=area, n_jobs=n_jobs, gazetteer=gazetteer,
                                        lexicon=lexicon, scheduler=scheduler)  # fmt: skip
        else:
            extractions = _given_events(events, fresh, frame)
        from .._gazetteer.gazetteer import Gazetteer, populations_of

        index = (gazetteer or Gazetteer.load(progress=False)).index
        result = append(self._db, fresh, extractions, params,
                        populations=lambda ids: populations_of(index, ids))  # fmt: skip
        return AddResult(result.run_id, result.n_reports, skipped, result.n_extractions,
                         result.n_new_events, result.n_updated_events, dup)  # fmt: skip

    @staticmethod
    def _extract(fresh, *, scheduler=None, **options):
        kwargs = {k: v for k, v in options.items() if v is not None}
        # the reports are read under their store ids, which are unique, then given back
        # their own article ids
        articles = fresh.assign(article_id=fresh["report_id"]).drop(
            columns=["text_hash", "report_id"]
        )
        if scheduler is not None:
            from .. import dask as gdask

            if {"n_jobs", "gazetteer", "lexicon"} & set(kwargs):
                raise InvalidInputError(
                    "with scheduler=, the workers read with geoevents' "
                    "own gazetteer and lexicon in their own processes"
                )
            events = gdask.extract_frame(articles, scheduler=scheduler, **kwargs)
        else:
            from .._events import extract_events

            events = extract_events(articles, **kwargs)
        if not len(events):
            return empty_extractions()
        events = events.assign(report_id=events["article_id"])
        own = dict(zip(fresh["report_id"], fresh["article_id"], strict=True))
        events["article_id"] = events["report_id"].map(own)
        return events

    # ----------------------------------------------------------------- reading

    def events(self, *, since=None, until=None, bbox=None, types=None):
        """The merged events as a GeoDataFrame (EPSG:4326), earliest first.

        Parameters
        ----------
        since, until : date or str, optional
            Only events dated on or after ``since`` and on or before ``until``.
        bbox : (west, south, east, north), optional
            Only events inside this box (degrees).
        types : str or list of str, optional
            Only these event types (ACLED's names, e.g. "Battles").

        Returns
        -------
        geopandas.GeoDataFrame
            The events columns of :func:`extract_events` (``source``, ``source_url`` and
            ``article_id`` list every source, " | "-separated) plus ``n_sources`` (the
            number of reports), ``first_run`` and ``updated_run``.
        """
        where, params = _filters(since, until, bbox, types)
        cols = [c for c in SCHEMA["events"] if c != "lat_band"]
        frame = self._db.frame(
            f"SELECT {', '.join(cols)} FROM events{where} ORDER BY event_date, event_id", params
        )
        return _events_frame(frame)

    def count(self, *, since=None, until=None, bbox=None, types=None) -> int:
        """How many merged events :meth:`events` with these filters gives, counted by
        the database."""
        where, params = _filters(since, until, bbox, types)
        return int(self._db.scalar(f"SELECT COUNT(*) FROM events{where}", params))

    def sources(self, event_id: str):
        """The readings that support one event: each extraction with its report's title,
        URL and publication date, the match score and the rule that joined it; undone
        merges are listed with ``active`` False."""
        _check_id("event_id", event_id, "events()")
        frame = self._db.frame(
            "SELECT s.extraction_id, s.active, s.score, s.rule, s.run_id, x.event_date, "
            "x.location, x.geo_precision, x.fatalities, x.notes, r.title, r.url, "
            "r.published, r.source FROM event_sources s "
            "JOIN extractions x ON x.extraction_id = s.extraction_id "
            "JOIN reports r ON r.report_id = x.report_id WHERE s.event_id = ? "
            "ORDER BY s.seq",
            [event_id],
        )
        if not len(frame):
            raise InvalidInputError(f"no event {event_id!r} in {self.where}")
        return frame

    def runs(self):
        """One row per append or undo: when, with which version and parameters, and
        what it changed."""
        return self._db.frame("SELECT * FROM runs ORDER BY run_id")

    def info(self) -> dict:
        """Counts of what the store holds, and its first and last event dates."""
        count = {t: int(self._db.scalar(f"SELECT COUNT(*) FROM {t}"))
                 for t in ("reports", "extractions", "events", "runs")}  # fmt: skip
        first = self._db.scalar("SELECT MIN(event_date) FROM events")
        last = self._db.scalar("SELECT MAX(event_date) FROM events")
        return {"store": self.where, "backend": self._db.kind, **count,
                "first_date": None if first is None else str(first)[:10],
                "last_date": None if last is None else str(last)[:10],
                "schema_version": SCHEMA_VERSION}  # fmt: skip

    # ------------------------------------------------------------------ undoing

    def undo_merge(self, extraction_id: str) -> str:
        """Take one reading out of the event it was merged into: it becomes an event of
        its own, the event it left is recomputed from the readings that remain (and
        keeps its id). The old link stays in ``event_sources``, inactive. Returns the new
        event's id."""
        import pandas as pd

        _check_id("extraction_id", extraction_id, "sources(event_id)")
        link = self._db.frame(
            "SELECT event_id FROM event_sources WHERE extraction_id = ? AND active",
            [extraction_id],
        )
        if not len(link):
            raise InvalidInputError(f"no reading {extraction_id!r} in {self.where}")
        event_id = link["event_id"].iloc[0]
        n = self._db.scalar(
            "SELECT COUNT(*) FROM event_sources WHERE event_id = ? AND active", [event_id]
        )
        if n < 2:
            raise InvalidInputError(f"reading {extraction_id!r} is event {event_id!r}'s only "
                                    "source: it is merged with nothing")  # fmt: skip
        new_id = hashlib.sha1(f"split|{extraction_id}".encode()).hexdigest()[:16]
        started = _now()
        with self._db.transaction():
            self._db.lock()
            run_id = int(self._db.scalar("SELECT COALESCE(MAX(run_id), 0) FROM runs")) + 1
            seq = int(self._db.scalar("SELECT COALESCE(MAX(seq), 0) FROM event_sources")) + 1
            self._db.execute(
                "UPDATE event_sources SET active = FALSE WHERE extraction_id = ? AND active",
                [extraction_id],
            )
            self._db.insert("event_sources", pd.DataFrame([{
                "event_id": new_id, "extraction_id": extraction_id, "score": 1.0,
                "rule": "undo", "run_id": run_id, "active": True, "seq": seq}]))  # fmt: skip
            members = members_of(self._db, [event_id, new_id])
            write_events(self._db, members, run_id, [event_id, new_id])
            self._db.insert("runs", pd.DataFrame([{
                "run_id": run_id, "action": "undo_merge", "started_at": started,
                "finished_at": _now(), "version": __version__,
                "params": json.dumps({"extraction_id": extraction_id, "from": event_id}),
                "n_reports": 0, "n_extractions": 0, "n_new_events": 1,
                "n_updated_events": 1}]))  # fmt: skip
        return new_id

    # ---------------------------------------------------------------- exporting

    def export(self, path, *, format: str | None = None, **filters) -> Path:
        """Write the merged events (filtered as :meth:`events`) to a GeoPackage with a
        DATE column and a QGIS style beside it (``.gpkg``), a folder of GeoParquet
        partitioned by month (``.parquet`` or ``format="parquet"``), or KML with a
        TimeStamp per placemark (``.kml``; zipped: ``.kmz``). The file appears whole or
        not at all. ``format`` (in any case) says the format when the extension does not;
        ``~`` is the home folder; the filters are those of :meth:`events`, and no other."""
        from .. import _export

        path, fmt = export_target(path, format)
        unknown = sorted(set(filters) - set(_FILTERS))
        if unknown:
            raise InvalidInputError(f"export: no filter {', '.join(map(repr, unknown))}; the "
                                    f"filters are {', '.join(_FILTERS)}")  # fmt: skip
        events = self.events(**filters)
        if fmt == "gpkg":
            return _export.to_geopackage(events, path)
        if fmt in ("kml", "kmz"):
            return _export.to_kml(events, path, name=f"geoevents: {Path(self.where).name}",
                                  zipped=fmt == "kmz")  # fmt: skip
        return _export.to_partitioned_parquet(events, path)

    # ---------------------------------------------------------------- lifecycle

    def close(self) -> None:
        """Close the database; the store's file stays as written."""
        self._db.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"EventStore({self.where!r})"


def _now():
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def export_target(path, format) -> tuple[Path, str]:
    """An export's path (``~`` expanded) and format (given in any case, or read from the
    path's extension); refused naming them when neither tells a format the store writes."""
    text = os.fspath(path) if isinstance(path, (str, os.PathLike)) else None
    if not isinstance(text, str):
        raise InvalidInputError(f"export needs a file path (str or Path), not {path!r}"[:200])
    try:
        path = Path(text).expanduser()
    except RuntimeError:  # "~someone/…" of no such user
        raise InvalidInputError(f"cannot expand the export path {text!r}: no such home "
                                "folder") from None  # fmt: skip
    known = ", ".join(sorted(set(_EXPORTS.values())))
    if format is not None:
        fmt = format.strip().lower().lstrip(".") if isinstance(format, str) else None
        if fmt not in _EXPORTS.values():
            raise InvalidInputError(f"export: unknown format {format!r}; the formats are "
                                    f"{known}")  # fmt: skip
        return path, fmt
    fmt = _EXPORTS.get(path.suffix.lower())
    if fmt is None:
        raise InvalidInputError(f"cannot tell the format of {path.name!r}: name it .gpkg, .kml, "
                                f".kmz or .parquet, or give the format ({known})")  # fmt: skip
    return path, fmt


def _reports_frame(reports, progress: bool):
    """Reports as read_articles' frame, from a frame, paths or texts/records."""
    import pandas as pd

    from .._readers import read_articles

    if isinstance(reports, pd.DataFrame):
        checked_frame(reports, "reports")
        if "text" not in reports:
            raise InvalidInputError("the reports frame has no 'text' column")
        return reports
    if isinstance(reports, Path) or (isinstance(reports, str) and _looks_like_path(reports)):
        return read_articles(reports, progress=progress)  # a clear error when missing
    if isinstance(reports, (str, dict)):
        reports = [reports]
    if reports is None or isinstance(reports, bytes) or not hasattr(reports, "__iter__"):
        raise InvalidInputError(
            "reports must be a frame of reports, a file or folder path, or a list of texts "
            f"or records with 'text', not {type(reports).__name__}"
        )
    items = list(reports)
    if items and all(isinstance(x, Path) for x in items):
        return read_articles(items, progress=progress)
    rows = []
    for n, item in enumerate(items):
        if isinstance(item, str):
            rows.append({"text": item})
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            rows.append(item)
        else:
            raise InvalidInputError(f"report {n} is neither a text nor a record with 'text'")
    return pd.DataFrame(rows, columns=sorted({k for r in rows for k in r} | {"text"}))


def _check_id(name: str, value, where: str) -> None:
    """Refuse an id that is not a string (the stores' ids are text, e.g. "ev-…")."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"{name} must be a string id (see {where}['{name}']), not "
                                f"{value!r}")  # fmt: skip


def _looks_like_path(text: str) -> bool:
    """A string that names a file or folder rather than a report: one that exists, or one
    word with a slash or a report file's suffix ("reports/2022-05-03/", "day.jsonl")."""
    from .._readers import SUFFIXES

    if Path(text).expanduser().exists():
        return True
    word = text.strip()
    return (
        bool(word)
        and not any(c.isspace() for c in word)
        and ("/" in word or word.lower().endswith(SUFFIXES))
    )


def _given_events(events, fresh, given):
    """Events the caller extracted, tied to the new reports by ``article_id``."""
    if not (hasattr(events, "columns") and hasattr(events, "loc")):
        raise InvalidInputError(f"events= must be an events frame (a DataFrame of "
                                f"extract_events), not {type(events).__name__}")  # fmt: skip
    checked_frame(events, "events")
    if "article_id" not in events:
        raise InvalidInputError("events given to add() need an 'article_id' column")
    ids = fresh["article_id"]
    if ids.isna().any() or ids.duplicated().any():
        raise InvalidInputError("with events=, every report needs its own article_id")
    stray = set(events["article_id"].dropna()) - set(given["article_id"].dropna())
    if stray or events["article_id"].isna().any():
        named = ", ".join(sorted(map(str, stray))[:3]) or "none"
        raise InvalidInputError(f"events= has rows of no given report (article_id {named})")
    report_of = dict(zip(ids, fresh["report_id"], strict=True))
    known = events["article_id"].isin(report_of)
    # events of reports the store already holds are not new readings
    return events[known].assign(report_id=events.loc[known, "article_id"].map(report_of))


def _filters(since, until, bbox, types) -> tuple[str, list]:
    import pandas as pd

    clauses, params = [], []
    for bound, op in ((since, ">="), (until, "<=")):
        if bound is not None:
            name = "since" if op == ">=" else "until"
            if isinstance(bound, numbers.Number):  # 5 or 2022 would be nanoseconds of 1970
                raise InvalidInputError(f"{name}={bound!r}: a number is not a date: give a "
                                        "date or a text such as '2022-05-02'")  # fmt: skip
            if isinstance(bound, str) and bound.strip().lower() in CLOCK_WORDS:
                raise InvalidInputError(f"{name}={bound!r} is a day relative to today: give "
                                        "the date itself (e.g. 2022-05-02)")  # fmt: skip
            try:
                day = pd.Timestamp(bound).date()
            except (ValueError, TypeError, OverflowError):
                raise InvalidInputError(f"{name}: cannot read the date {bound!r}") from None
            if day is pd.NaT:
                raise InvalidInputError(f"{name}: cannot read the date {bound!r}")
            clauses.append(f"event_date {op} ?")
            params.append(day)
    if bbox is not None:
        try:
            west, south, east, north = (float(v) for v in bbox)
        except (TypeError, ValueError):
            raise InvalidInputError("bbox must be (west, south, east, north) in degrees") from None
        if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
            raise InvalidInputError(f"bbox {bbox!r} is not (west, south, east, north)")
        clauses.append("latitude BETWEEN ? AND ?")
        params += [south, north]
        if west <= east:
            clauses.append("longitude BETWEEN ? AND ?")
            params += [west, east]
        else:  # across the antimeridian
            clauses.append("(longitude >= ? OR longitude <= ?)")
            params += [west, east]
    if types is not None:
        if isinstance(types, str):
            types = [types]
        elif not isinstance(types, (list, tuple, set, frozenset)):
            raise InvalidInputError(f"types must be an event type or a list of them, not "
                                    f"{types!r}"[:200])  # fmt: skip
        odd = [t for t in types if not isinstance(t, str)]
        if odd:
            raise InvalidInputError(f"types must be event types (str), not {odd[0]!r}"[:200])
        types = sorted(types)
        # no type named, no event: an empty list filters everything out (None: every type)
        clauses.append(f"event_type IN ({', '.join('?' * len(types))})" if types else "FALSE")
        params += types
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _events_frame(frame):
    """Stored rows as an events GeoDataFrame with the events frame's dtypes."""
    import geopandas as gpd
    import pandas as pd

    from .._events.frame import events_frame

    base = events_frame(frame.to_dict(orient="records"))
    for col in ("n_sources", "first_run", "updated_run"):
        values = frame.get(col, [])
        base[col] = pd.array(list(values), dtype="Int64")
    cols = [*EVENT_COLUMNS, "n_sources", "first_run", "updated_run", "geometry"]
    return gpd.GeoDataFrame(base[cols], geometry="geometry", crs="EPSG:4326")
