"""A geopy geocoder over the offline gazetteer, with an optional online fallback."""

from __future__ import annotations

import contextlib
import inspect
import json
import os
import sqlite3
import threading
import time
import warnings
from pathlib import Path

from geopy.exc import GeocoderRateLimited
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from .._cache import cache_folder, check_private
from .._errors import GeoEventsWarning, InvalidInputError
from .._validate import checked_number
from . import search
from .gazetteer import Gazetteer
from .sources import KINDS

__all__ = ["OfflineGeocoder"]

# geopy's RateLimiter waits this long after an error (its default); the slowest request
# rate accepted (one a minute: a longer wait is a slip, hours for a batch); a late answer
_ERROR_WAIT, _MAX_MIN_DELAY = 5.0, 60.0
_LATE = object()


# SQLite's codes for a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB): such a file is set
# aside, never used; any other error (a locked file, a full disk) is raised as it is
_DAMAGED_DB = (11, 26)
_ANSWER_COLUMNS = ("provider", "query", "address", "latitude", "longitude", "raw")


class _NotAnAnswerCache(sqlite3.DatabaseError):
    """A SQLite file whose ``answers`` table is not the one geoevents writes: set aside
    as a damaged one is, never read."""


def _strings(value) -> list | None:
    """A str or a list/tuple/set of them as a list; None for anything else."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple, set, frozenset)) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def _check_options(country, kind, timeout, fallback_cache, gazetteer) -> None:
    """OfflineGeocoder's options, checked when it is made rather than at its first query
    (country codes as every look-up checks them: of a country GeoNames lists, or one the
    given gazetteer's places bear)."""
    search.country_codes(country, None if gazetteer is None else gazetteer.index)
    if kind is not None and (not _strings(kind) or any(k not in KINDS for k in _strings(kind))):
        raise InvalidInputError(f"kind must be one of {', '.join(KINDS)} or a list of them, "
                                f"not {kind!r}"[:200])  # fmt: skip
    if timeout is not DEFAULT_SENTINEL and timeout is not None:
        checked_number("timeout", timeout, above=True)
    if fallback_cache is not None and not isinstance(fallback_cache, (bool, str, os.PathLike)):
        raise InvalidInputError(f"fallback_cache must be a path, True or False, not "
                                f"{fallback_cache!r}"[:200])  # fmt: skip


class _AnswerCache:
    """Answers of an online geocoder kept in SQLite (misses too), keyed by provider.

    A damaged file is renamed ``*.damaged-<time>`` with a warning and a fresh one
    started; a file another user owns or may write is refused (planted answers)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        check_private(path)
        self._path = path
        self._lock = threading.Lock()
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError as exc:
            self._db = self._set_aside(exc)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self._path, check_same_thread=False, timeout=30)
        try:
            with db:
                db.execute(
                    "CREATE TABLE IF NOT EXISTS answers (provider TEXT, query TEXT, "
                    "address TEXT, latitude REAL, longitude REAL, raw TEXT, "
                    "PRIMARY KEY (provider, query))"
                )
            columns = tuple(row[1] for row in db.execute("PRAGMA table_info(answers)"))
        except sqlite3.Error:
            db.close()
            raise
        if columns != _ANSWER_COLUMNS:
            db.close()
            raise _NotAnAnswerCache(f"its answers table has the columns {', '.join(columns)}")
        return db

    def _set_aside(self, exc: sqlite3.DatabaseError) -> sqlite3.Connection:
        """Rename a damaged database (and its journals) and connect to a fresh one."""
        damaged = (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in _DAMAGED_DB
        if not (damaged or isinstance(exc, _NotAnAnswerCache)):
            raise exc
        with contextlib.suppress(AttributeError, sqlite3.Error):
            self._db.close()
        aside = self._path.with_name(f"{self._path.name}.damaged-{time.strftime('%Y%m%d%H%M%S')}")
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.replace(f"{self._path}{suffix}", f"{aside}{suffix}")
        warnings.warn(
            f"the geocoder answer cache {self._path} is damaged ({exc}); moved to {aside.name}, "
            "starting a fresh one",
            GeoEventsWarning,
            stacklevel=4,
        )
        return self._connect()

    def get(self, provider: str, query: str):
        try:
            with self._lock:
                row = self._db.execute(
                    "SELECT address, latitude, longitude, raw FROM answers "
                    "WHERE provider = ? AND query = ?",
                    (provider, query),
                ).fetchone()
        except sqlite3.DatabaseError as exc:
            with self._lock:
                self._db = self._set_aside(exc)
            return False, None
        if row is None:
            return False, None
        address, lat, lon, raw = row
        if lat is None:
            return True, None
        return True, Location(address, (lat, lon), json.loads(raw))

    def put(self, provider: str, query: str, location: Location | None) -> None:
        if location is None:
            values = (provider, query, None, None, None, None)
        else:
            try:
                raw = json.dumps(location.raw, default=str)
            except (TypeError, ValueError):
                raw = "{}"
            values = (provider, query, location.address, location.latitude,
                      location.longitude, raw)  # fmt: skip
        sql = "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?)"
        try:
            with self._lock, self._db:
                self._db.execute(sql, values)
        except sqlite3.DatabaseError as exc:
            with self._lock:
                self._db = self._set_aside(exc)
                with self._db:
                    self._db.execute(sql, values)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()


class OfflineGeocoder(Geocoder):
    """A geopy geocoder answered by the offline gazetteer.

    It drops into anything that takes a geopy geocoder, for example
    ``geopandas.tools.geocode(names, provider=geoevents.OfflineGeocoder)``.
    Optionally, names the gazetteer does not know are passed to an online
    geopy geocoder (``fallback``), rate-limited with geopy's ``RateLimiter``, with
    a timeout, and remembered in an on-disk cache so each is asked once.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to :meth:`Gazetteer.load` (loaded once per process).
    country, kind : str or list of str, optional
        Restrict answers, as in :meth:`Gazetteer.lookup`.
    fallback : geopy.geocoders.base.Geocoder, optional
        Asked only when the gazetteer has no match, e.g.
        ``Nominatim(user_agent="my-project")``. Never used unless given.
    min_delay_seconds : float, default 1.0
        Minimum time between two fallback requests (Nominatim's policy is 1 s), at most
        60 s.
    fallback_cache : path, False or None
        SQLite file for fallback answers; ``None`` uses the geoevents cache folder,
        ``False`` disables the cache.
    timeout : float, optional
        Timeout in seconds for each fallback request (geopy's default otherwise).
    deadline : float, default 30
        Seconds a fallback answer may take in all, retries and waits a server asks
        for included (past ``min_delay_seconds``): a server that trickles bytes or
        answers HTTP 429 "retry after an hour" switches the fallback off, with a warning.

    Examples
    --------
    >>> import geopandas
    >>> from geoevents import OfflineGeocoder
    >>> gdf = geopandas.tools.geocode(["Mariupol", "Kremena"], provider=OfflineGeocoder)
    >>> gdf["address"].tolist()
    ['Mariupol, Donetska oblast, Ukraine', 'Kreminna, Luhanska oblast, Ukraine']
    """

    def __init__(
        self,
        *,
        gazetteer: Gazetteer | None = None,
        country=None,
        kind=None,
        fallback: Geocoder | None = None,
        min_delay_seconds: float = 1.0,
        fallback_cache: str | Path | bool | None = None,
        timeout=DEFAULT_SENTINEL,
        deadline: float = 30.0,
        user_agent: str | None = None,
        **kwargs,
    ) -> None:
        unknown = sorted(set(kwargs) - _GEOPY_OPTIONS)
        if unknown:  # geopy's own TypeError would name its class, not this one
            raise InvalidInputError(f"OfflineGeocoder takes no argument {unknown[0]!r}; it takes "
                                    f"{', '.join(_OPTIONS)}")  # fmt: skip
        super().__init__(timeout=timeout, user_agent=user_agent or "geoevents", **kwargs)
        if gazetteer is not None and not isinstance(gazetteer, Gazetteer):
            raise InvalidInputError(f"gazetteer must be a Gazetteer, not {gazetteer!r}")
        if fallback is not None and not callable(getattr(fallback, "geocode", None)):
            raise InvalidInputError(f"fallback must be a geopy geocoder, not {fallback!r}")
        min_delay_seconds = checked_number("min_delay_seconds", min_delay_seconds)
        if min_delay_seconds > _MAX_MIN_DELAY:
            raise InvalidInputError(f"min_delay_seconds must be at most {_MAX_MIN_DELAY:g} "
                                    f"seconds, not {min_delay_seconds!r}")  # fmt: skip
        self._deadline = checked_number("deadline", deadline, above=True) + min_delay_seconds
        _check_options(country, kind, timeout, fallback_cache, gazetteer)
        self._off = False  # set once the fallback has failed its deadline or been refused
        self._gazetteer = gazetteer
        self._country = country
        self._kind = kind
        self.fallback = fallback
        self._limited = None
        self._cache = None
        if fallback is not None:
            from geopy.extra.rate_limiter import RateLimiter

            self._limited = RateLimiter(
                fallback.geocode,
                min_delay_seconds=min_delay_seconds,
                # geopy asserts that it waits after an error at least as long as between calls
                error_wait_seconds=max(_ERROR_WAIT, min_delay_seconds),
                max_retries=1,
                swallow_exceptions=False,
            )
            if fallback_cache is not False:
                path = (
                    Path(fallback_cache)
                    if fallback_cache not in (None, True)
                    else cache_folder() / "online-geocoder.sqlite"
                )
                self._cache = _AnswerCache(path)
            domain = getattr(fallback, "domain", "") or ""
            self._provider = f"{type(fallback).__name__}:{domain}"

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.load()
        return self._gazetteer

    def geocode(self, query, *, exactly_one=True, timeout=DEFAULT_SENTINEL):
        """Geocode ``query``: a :class:`geopy.location.Location`, a list, or ``None``."""
        if not isinstance(query, str):
            raise InvalidInputError(f"query must be a str, not {type(query).__name__}")
        found = self.gazetteer.geocode(
            query, exactly_one=exactly_one, country=self._country, kind=self._kind
        )
        if found is not None or self._limited is None or self._off or not query.strip():
            return found
        return self._ask_fallback(query, exactly_one=exactly_one, timeout=timeout)

    def _ask_fallback(self, query: str, *, exactly_one: bool, timeout):
        key = query.strip()
        if self._cache is not None:
            hit, location = self._cache.get(self._provider, key)
            if hit:
                return location if exactly_one or location is None else [location]
        wait = self.timeout if timeout is DEFAULT_SENTINEL else timeout
        try:
            answer = self._in_time(key, wait)
        except GeocoderRateLimited as exc:  # asking again would be refused too
            after = f", retry after {exc.retry_after:g} s" if exc.retry_after else ""
            self._switch_off(f"the service refuses more requests (rate limited{after})")
            return None
        except Exception as exc:  # a geopy or network error: report, do not crash a batch
            warnings.warn(
                f"online fallback geocoder failed for {key!r}: {type(exc).__name__}: {exc}",
                GeoEventsWarning,
                stacklevel=3,
            )
            return None
        if answer is _LATE:
            self._switch_off(f"it gave no answer for {key!r} within {self._deadline:g} s")
            return None
        if isinstance(answer, list):
            answer = answer[0] if answer else None
        if self._cache is not None:
            self._cache.put(self._provider, key, answer)
        if answer is None:
            return None
        return answer if exactly_one else [answer]

    def _in_time(self, key: str, wait):
        """The fallback's answer for ``key``, or _LATE when it has none within the
        deadline (the request goes on in a daemon thread, its answer unused: geopy's
        timeout bounds each read, not a server that trickles bytes or a retry after
        the hour a 429 asks for)."""
        box: list = []

        def ask() -> None:
            try:
                box.append((True, self._limited(key, exactly_one=True, timeout=wait)))
            except Exception as exc:  # raised again in the caller's thread
                box.append((False, exc))

        worker = threading.Thread(target=ask, name="geoevents-fallback", daemon=True)
        worker.start()
        worker.join(self._deadline)
        if not box:
            return _LATE
        ok, value = box[0]
        if not ok:
            raise value
        return value

    def _switch_off(self, why: str) -> None:
        self._off = True
        warnings.warn(
            f"online fallback geocoder switched off: {why}; names the gazetteer lacks get no "
            "answer from now on (a new OfflineGeocoder asks again)",
            GeoEventsWarning,
            stacklevel=4,
        )

    def close(self) -> None:
        """Close the fallback's answer cache."""
        if self._cache is not None:
            self._cache.close()


# the keyword arguments geopy's Geocoder takes besides the two OfflineGeocoder names,
# and every argument OfflineGeocoder takes, for the message that refuses another one
_GEOPY_OPTIONS = frozenset(inspect.signature(Geocoder.__init__).parameters) - {
    "self", "timeout", "user_agent"
}  # fmt: skip
_OPTIONS = [n for n in inspect.signature(OfflineGeocoder.__init__).parameters
            if n not in ("self", "kwargs")] + sorted(_GEOPY_OPTIONS)  # fmt: skip
