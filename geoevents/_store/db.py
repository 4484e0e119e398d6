"""The event store's tables and the two databases that hold them: DuckDB (embedded) and PostgreSQL.

Both speak the same SQL here: plain types (TEXT, BIGINT, DOUBLE PRECISION, DATE,
BOOLEAN, TIMESTAMP), no extension (DuckDB's spatial extension downloads at run time;
points are latitude and longitude columns, turned into geometries by the reader).
A backend moves pandas frames in (``insert``) and out (``frame``), runs statements,
and wraps an append in one transaction.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from pathlib import Path

from .._errors import InvalidInputError, StoreError
from .._events.frame import EVENT_COLUMNS

__all__ = ["SCHEMA", "SCHEMA_VERSION", "Backend", "connect", "store_path"]

SCHEMA_VERSION = 1

_SQL_TYPES = {"str": "TEXT", "datetime64[ns]": "DATE", "Int64": "BIGINT", "float64":
              "DOUBLE PRECISION"}  # fmt: skip
# the events columns an extraction keeps, as read from its report (event_id is the
# extraction's own)
_EVENT_FIELDS = {c: _SQL_TYPES[t] for c, t in EVENT_COLUMNS.items() if c != "event_id"}

SCHEMA: dict[str, dict[str, str]] = {
    "meta": {"key": "TEXT", "value": "TEXT"},
    "runs": {
        "run_id": "BIGINT", "action": "TEXT", "started_at": "TIMESTAMP",
        "finished_at": "TIMESTAMP", "version": "TEXT", "params": "TEXT",
        "n_reports": "BIGINT", "n_extractions": "BIGINT", "n_new_events": "BIGINT",
        "n_updated_events": "BIGINT",
    },
    # one row per report read: deduplicated by the hash of its text and by its URL
    "reports": {
        "report_id": "TEXT", "text_hash": "TEXT", "url": "TEXT", "article_id": "TEXT",
        "title": "TEXT", "published": "TEXT", "source": "TEXT", "lang": "TEXT",
        "text": "TEXT", "run_id": "BIGINT",
    },
    # one row per event as one report told it; append-only
    "extractions": {"extraction_id": "TEXT", "report_id": "TEXT", "run_id": "BIGINT",
                    **_EVENT_FIELDS},
    # one row per merged event; event_id is stable (its first extraction's id)
    "events": {"event_id": "TEXT", **_EVENT_FIELDS, "n_sources": "BIGINT",
               "lat_band": "BIGINT", "first_run": "BIGINT", "updated_run": "BIGINT"},
    # which extraction supports which event; an undone merge is kept, inactive
    "event_sources": {
        "event_id": "TEXT", "extraction_id": "TEXT", "score": "DOUBLE PRECISION",
        "rule": "TEXT", "run_id": "BIGINT", "active": "BOOLEAN", "seq": "BIGINT",
    },
}  # fmt: skip

# the indexes PostgreSQL needs to find candidates and members; DuckDB scans its columns
# fast enough and its indexes slow bulk appends, so it has none
_INDEXES = (
    "CREATE INDEX IF NOT EXISTS events_block ON events (event_type, event_date, lat_band)",
    "CREATE UNIQUE INDEX IF NOT EXISTS events_id ON events (event_id)",
    "CREATE INDEX IF NOT EXISTS sources_event ON event_sources (event_id)",
    "CREATE INDEX IF NOT EXISTS sources_extraction ON event_sources (extraction_id)",
    "CREATE UNIQUE INDEX IF NOT EXISTS extractions_id ON extractions (extraction_id)",
    "CREATE INDEX IF NOT EXISTS reports_hash ON reports (text_hash)",
    "CREATE INDEX IF NOT EXISTS reports_url ON reports (url)",
)


class Backend:
    """A connection with the few operations the store needs; subclassed per database."""

    kind = ""
    placeholder = "?"

    def __init__(self, con, where: str):
        self.con = con
        self.where = where

    def check_open(self) -> None:
        """Refuse to work on a closed store (a :class:`StoreError` naming it)."""
        if isinstance(self.con, _Closed):
            self.con.refuse()

    # -- statements
    def execute(self, sql: str, params: tuple | list = ()) -> None:
        self.con.execute(self._sql(sql), params)

    def scalar(self, sql: str, params: tuple | list = ()):
        rows = self.con.execute(self._sql(sql), params).fetchall()
        return rows[0][0] if rows else None

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    # -- the schema
    def create(self) -> None:
        for table, columns in SCHEMA.items():
            cols = ", ".join(f"{c} {t}" for c, t in columns.items())
            self.execute(f"CREATE TABLE IF NOT EXISTS {table} ({cols})")

    @contextlib.contextmanager
    def transaction(self):
        """One transaction: everything in it is written, or nothing is; appends by
        several processes at once take turns (see :meth:`lock`)."""
        raise NotImplementedError

    def lock(self) -> None:
        """Inside a transaction: wait for other appends to finish before reading the
        next run and link numbers."""

    def frame(self, sql: str, params: tuple | list = ()):
        raise NotImplementedError

    def insert(self, table: str, frame) -> None:
        raise NotImplementedError

    def temp(self, name: str, frame) -> None:
        """A temporary table ``name`` holding ``frame`` for joins, until the next call."""
        raise NotImplementedError

    def close(self) -> None:
        """Close the connection; any later use is a :class:`StoreError` naming the store."""
        con, self.con = self.con, _Closed(self.where)
        if not isinstance(con, _Closed):
            with contextlib.suppress(Exception):
                con.close()


class _Closed:
    """Stands for the connection of a closed store: any use of it is refused."""

    __slots__ = ("where",)

    def __init__(self, where: str):
        self.where = where

    def refuse(self):
        raise StoreError(f"the store {self.where} is closed; open it again with EventStore() "
                         "to read or add to it")  # fmt: skip

    def __getattr__(self, name: str):
        self.refuse()


class DuckDBBackend(Backend):
    kind = "duckdb"

    def execute(self, sql, params=()):
        # DuckDB wants every result read before the connection's next statement
        self.con.execute(sql, params).fetchall()

    @contextlib.contextmanager
    def transaction(self):
        self.execute("BEGIN TRANSACTION")
        try:
            yield self
        except BaseException:
            self.execute("ROLLBACK")
            raise
        self.execute("COMMIT")

    def frame(self, sql, params=()):
        return self.con.execute(sql, params).df()

    def insert(self, table, frame):
        if not len(frame):
            return
        self.con.register("_incoming", frame)
        try:
            cols = ", ".join(frame.columns)
            sel = ", ".join(_cast(c, SCHEMA[table][c]) for c in frame.columns)
            self.execute(f"INSERT INTO {table} ({cols}) SELECT {sel} FROM _incoming")
        finally:
            self.con.unregister("_incoming")

    def temp(self, name, frame):
        self.execute(f"DROP TABLE IF EXISTS {name}")
        self.con.register("_incoming", frame)
        try:
            self.execute(f"CREATE TEMP TABLE {name} AS SELECT * FROM _incoming")
        finally:
            self.con.unregister("_incoming")


def _cast(column: str, sql_type: str) -> str:
    return f"CAST({column} AS {sql_type})" if sql_type in ("DATE", "TIMESTAMP") else column


class PostgresBackend(Backend):
    kind = "postgresql"
    placeholder = "%s"

    def create(self):
        super().create()
        for sql in _INDEXES:
            self.execute(sql)
        if self._postgis():
            # a point column PostGIS tools (QGIS, ST_DWithin) read, kept by the database
            self.execute(
                "ALTER TABLE events ADD COLUMN IF NOT EXISTS geom geometry(Point, 4326) "
                "GENERATED ALWAYS AS (CASE WHEN longitude IS NULL OR latitude IS NULL THEN "
                "NULL ELSE ST_SetSRID(ST_MakePoint(longitude, latitude), 4326) END) STORED"
            )
            self.execute("CREATE INDEX IF NOT EXISTS events_geom ON events USING GIST (geom)")

    def _postgis(self) -> bool:
        """Whether PostGIS is (or can be made) available in this database."""
        import psycopg

        try:
            with self.con.transaction():
                self.con.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        except psycopg.Error:
            return False
        return True

    def lock(self):
        self.execute("LOCK TABLE runs IN SHARE ROW EXCLUSIVE MODE")

    @contextlib.contextmanager
    def transaction(self):
        with self.con.transaction():
            yield self

    def frame(self, sql, params=()):
        import datetime as dt

        import pandas as pd

        cur = self.con.execute(self._sql(sql), params)
        names = [d.name for d in cur.description]
        frame = pd.DataFrame(cur.fetchall(), columns=names, dtype=object)
        # the dtypes DuckDB gives: dates as datetime64, integers as Int64, text as str
        for name in names:
            values = frame[name].dropna()
            if not len(values):
                continue
            first = values.iloc[0]
            if isinstance(first, (dt.date, dt.datetime)):
                frame[name] = pd.to_datetime(frame[name])
            elif isinstance(first, bool):
                frame[name] = frame[name].astype("boolean")
            elif isinstance(first, int):
                frame[name] = frame[name].astype("Int64")
            elif isinstance(first, float):
                frame[name] = frame[name].astype("float64")
            elif isinstance(first, str):
                frame[name] = frame[name].astype("str")
        return frame

    def insert(self, table, frame):
        if not len(frame):
            return
        cols = ", ".join(frame.columns)
        with self.con.cursor().copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
            for row in _rows(frame):
                copy.write_row(row)

    def temp(self, name, frame):
        self.con.execute(f"DROP TABLE IF EXISTS {name}")
        types = {"int64": "BIGINT", "float64": "DOUBLE PRECISION", "bool": "BOOLEAN"}
        cols = []
        for c, t in frame.dtypes.items():
            sql = types.get(str(t), "TIMESTAMP" if "datetime" in str(t) else "TEXT")
            cols.append(f"{c} {sql}")
        self.con.execute(f"CREATE TEMP TABLE {name} ({', '.join(cols)})")
        if len(frame):
            with self.con.cursor().copy(f"COPY {name} FROM STDIN") as copy:
                for row in _rows(frame):
                    copy.write_row(row)


def _rows(frame):
    """Frame rows as Python values, missing values as None."""
    import pandas as pd

    columns = []
    for c in frame.columns:
        col = frame[c]
        if "datetime" in str(col.dtype):
            values = [None if pd.isna(v) else v.to_pydatetime() for v in col]
        else:
            values = [None if (v is None or v is pd.NA or v != v) else v for v in col.tolist()]
        columns.append(values)
    return zip(*columns, strict=True)


_URL = re.compile(r"^postgres(?:ql)?://", re.IGNORECASE)


def connect(where, *, create: bool = True) -> Backend:
    """A backend for a path (DuckDB; created when missing, if ``create``) or a
    ``postgresql://`` URL."""
    if isinstance(where, str) and "\x00" in where:
        raise InvalidInputError(f"the store {_redacted(where)!r} holds a NUL byte: no file or "
                                f"URL can be named so; {_GIVE}")  # fmt: skip
    if isinstance(where, str) and _URL.match(where):
        return _connect_postgres(where)
    if not isinstance(where, (str, Path)):
        raise InvalidInputError(
            f"EventStore needs a file path or a postgresql:// URL, not {type(where).__name__}"
        )
    import duckdb

    path = store_path(where, create=create)
    # DuckDB fetches extensions it wants (sqlite_scanner for a SQLite file…) from the
    # network unless told not to: a store never goes online
    config = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    target = path if path == ":memory:" else str(Path(path).absolute())  # "md:…" is a file
    try:
        con = duckdb.connect(target, config=config)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            pid = re.search(r"PID (\d+)", str(exc))
            who = f"process {pid.group(1)}" if pid else "another process"
            raise StoreError(
                f"the store {path} is open in {who}; a DuckDB store takes one process at "
                "a time (close it there, or use a PostgreSQL store for several)"
            ) from None
        raise StoreError(f"cannot open the store {path}: {exc}") from None
    except duckdb.Error as exc:
        raise StoreError(f"{path} is not an event store (DuckDB says: {exc})") from None
    return DuckDBBackend(con, str(path))


def _connect_postgres(url: str) -> PostgresBackend:
    try:
        import psycopg
    except ImportError:
        raise InvalidInputError(
            "a PostgreSQL store needs psycopg: pip install 'geoevents[postgres]'"
        ) from None
    try:
        con = psycopg.connect(url, connect_timeout=10, autocommit=True)
    except psycopg.Error as exc:
        raise StoreError(f"cannot connect to the PostgreSQL store: {exc}".strip()) from None
    return PostgresBackend(con, _redacted(url))


# extensions that name another kind of file: such a path is a slip (a report, an export)
_OTHER_KINDS = frozenset({
    ".csv", ".tsv", ".txt", ".json", ".jsonl", ".ndjson", ".geojson", ".html", ".htm",
    ".xml", ".rss", ".atom", ".gpkg", ".parquet", ".kml", ".kmz", ".shp", ".zip", ".gz",
    ".xlsx", ".pdf", ".qml", ".wal", ".sqlite", ".sqlite3",
})  # fmt: skip
_SQLITE_HEADER = b"SQLite format 3\x00"
_GIVE = "give a DuckDB file (e.g. events.duckdb) or a postgresql:// URL"


def store_path(where, *, create: bool = True) -> Path | str:
    """The DuckDB file ``where`` names (``~`` expanded; ``":memory:"`` as it is), refused
    before anything is created when it cannot be a store: blank, a folder, in a missing
    folder, named as another kind of file, a file that is not a DuckDB database (SQLite
    is not a store format), or missing when not ``create``."""
    text = os.fspath(where)
    if "\x00" in text:
        raise InvalidInputError(f"the store {text!r} holds a NUL byte: no file can be named "
                                "so; give the store's file, e.g. events.duckdb")  # fmt: skip
    if not text.strip():
        raise InvalidInputError(f"the store path {text!r} is blank: {_GIVE}")
    if text == ":memory:":
        return text
    try:
        path = Path(text).expanduser()
    except RuntimeError:  # "~someone/…" of no such user
        raise InvalidInputError(f"cannot expand the store path {text!r}: no such home "
                                f"folder; {_GIVE}") from None  # fmt: skip
    if not path.name.strip():  # "out/ ": a file of no visible name
        raise InvalidInputError(f"the store path {text!r} names a file that is blank: {_GIVE}")
    suffix = path.suffix.lower()
    if suffix in _OTHER_KINDS:
        kind = "a SQLite file; SQLite is not a store format here" if "sqlite" in suffix else (
            f"a {suffix} file")  # fmt: skip
        raise InvalidInputError(f"the store {path} is named as {kind}: {_GIVE}")
    try:
        head = _head(path)
    except OSError as exc:
        raise StoreError(f"cannot open the store {path}: {exc.strerror or exc}") from None
    if head is None and not create:
        raise StoreError(f"no event store at {path} (no such file): check the path; a store "
                         "is created by adding reports to it")  # fmt: skip
    if head is not None and head.startswith(_SQLITE_HEADER):
        raise StoreError(f"{path} is a SQLite database, not an event store (SQLite is not a "
                         f"store format here): {_GIVE}")  # fmt: skip
    if head is not None and head[8:12] != b"DUCK":
        what = "an empty file" if not head else "not a DuckDB database"
        raise StoreError(f"{path} is not an event store ({what}): give a new path or an "
                         "existing store")  # fmt: skip
    return path


def _head(path: Path) -> bytes | None:
    """The first bytes of the file at ``path`` (None when there is none), after refusing
    a folder, a missing folder and what is not a regular file (a pipe would block)."""
    if path.is_dir():
        raise InvalidInputError(f"{path} is a folder; give the store's file, e.g. events.duckdb")
    if not path.parent.is_dir():
        raise InvalidInputError(f"no such folder: {path.parent}")
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(mode):
        raise StoreError(f"{path} is not a regular file, not an event store: {_GIVE}")
    with open(path, "rb") as file:
        return file.read(16)


def _redacted(url: str) -> str:
    """A URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
