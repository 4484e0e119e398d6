"""Exceptions raised by geoevents.

Every error geoevents raises on purpose derives from :class:`GeoEventsError`, and
most also derive from the matching built-in, so ``except ValueError`` keeps working::

    GeoEventsError
    ├── InvalidInputError (+ TypeError, ValueError)   a bad argument or input value
    ├── GazetteerError                                 the gazetteer cannot be built or read
    │   ├── CuratedDataError (+ ValueError)            a malformed row in a places CSV
    │   └── GeoNamesDumpError (+ ValueError)           a file that is not a GeoNames dump
    ├── DownloadError (+ OSError)                      a download failed or was refused
    └── StoreError                                     an event store cannot be opened or written

    GeoEventsWarning (UserWarning)                     something was repaired or skipped

"A place that does not exist" is not an error: lookups return an empty frame
and ``geocode`` returns ``None``.
"""

from __future__ import annotations

__all__ = [
    "CuratedDataError",
    "DownloadError",
    "GazetteerError",
    "GeoEventsError",
    "GeoEventsWarning",
    "GeoNamesDumpError",
    "InvalidInputError",
    "StoreError",
]


class GeoEventsError(Exception):
    """Root of every error that geoevents raises on purpose."""


class InvalidInputError(GeoEventsError, TypeError, ValueError):
    """An argument has the wrong type or an unusable value."""


class GazetteerError(GeoEventsError):
    """The gazetteer could not be built, loaded or extended."""


class CuratedDataError(GazetteerError, ValueError):
    """A row of a curated or user-supplied places CSV is malformed.

    The message names the file and the line.
    """

    def __init__(self, path: object, line: int, message: str) -> None:
        self.path = str(path)
        self.line = line
        super().__init__(f"{self.path}, line {line}: {message}")


class GeoNamesDumpError(GazetteerError, ValueError):
    """A file given as a GeoNames dump is not in GeoNames' 19-column format."""


class DownloadError(GeoEventsError, OSError):
    """A download failed (no network, refused, bad status, or bad content)."""


class StoreError(GeoEventsError):
    """An event store cannot be opened, is not a store, or is locked by another process."""


class GeoEventsWarning(UserWarning):
    """Something was repaired, skipped or guessed; the message says what."""
