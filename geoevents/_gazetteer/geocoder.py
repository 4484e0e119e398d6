"""A geopy geocoder over the offline gazetteer, with an optional online fallback."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import warnings
from pathlib import Path

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from .._cache import cache_dir
from .._errors import GeoEventsWarning, InvalidInputError
from .gazetteer import Gazetteer

__all__ = ["OfflineGeocoder"]


class _AnswerCache:
    """Answers of an online geocoder kept in SQLite (misses too), keyed by provider."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, timeout=30)
        with self._db:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS answers (provider TEXT, query TEXT, "
                "address TEXT, latitude REAL, longitude REAL, raw TEXT, "
                "PRIMARY KEY (provider, query))"
            )

    def get(self, provider: str, query: str):
        with self._lock:
            row = self._db.execute(
                "SELECT address, latitude, longitude, raw FROM answers "
                "WHERE provider = ? AND query = ?",
                (provider, query),
            ).fetchone()
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
        with self._lock, self._db:
            self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?)", values)

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
        Minimum time between two fallback requests (Nominatim's policy is 1 s).
    fallback_cache : path, False or None
        SQLite file for fallback answers; ``None`` uses the geoevents cache folder,
        ``False`` disables the cache.
    timeout : float, optional
        Timeout in seconds for each fallback request (geopy's default otherwise).

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
        user_agent: str | None = None,
        **kwargs,
    ) -> None:
        super().__init__(timeout=timeout, user_agent=user_agent or "geoevents", **kwargs)
        if gazetteer is not None and not isinstance(gazetteer, Gazetteer):
            raise InvalidInputError(f"gazetteer must be a Gazetteer, not {gazetteer!r}")
        if fallback is not None and not callable(getattr(fallback, "geocode", None)):
            raise InvalidInputError(f"fallback must be a geopy geocoder, not {fallback!r}")
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
                max_retries=1,
                swallow_exceptions=False,
            )
            if fallback_cache is not False:
                path = (
                    Path(fallback_cache)
                    if fallback_cache not in (None, True)
                    else cache_dir() / "online-geocoder.sqlite"
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
        if found is not None or self._limited is None or not query.strip():
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
            answer = self._limited(key, exactly_one=True, timeout=wait)
        except Exception as exc:  # a geopy or network error: report, do not crash a batch
            warnings.warn(
                f"online fallback geocoder failed for {key!r}: {type(exc).__name__}: {exc}",
                GeoEventsWarning,
                stacklevel=3,
            )
            return None
        if isinstance(answer, list):
            answer = answer[0] if answer else None
        if self._cache is not None:
            self._cache.put(self._provider, key, answer)
        if answer is None:
            return None
        return answer if exactly_one else [answer]

    def close(self) -> None:
        """Close the fallback's answer cache."""
        if self._cache is not None:
            self._cache.close()
