"""Exceptions raised by geoevents.

Every error geoevents raises on purpose derives from :class:`GeoEventsError`, and
most also derive from the matching built-in, so ``except ValueError`` keeps working::

    GeoEventsError
    ├── InvalidInputError (+ TypeError, ValueError)   a bad argument or input value
    ├── GazetteerError                                 the gazetteer cannot be built or read
    │   ├── CuratedDataError (+ ValueError)            a malformed row in a places CSV
    │   └── GeoNamesDumpError (+ ValueError)           a file that is not a GeoNames dump
    ├── DownloadError (+ OSError)                      a download failed or was refused
    ├── OutputError (+ OSError)                        a result could not be written
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
    "OutputError",
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


class OutputError(GeoEventsError, OSError):
    """A result (a map, an export, a cache file) could not be written.

    The message is one line naming the user's path and the reason; ``errno`` and
    ``filename`` are those of the underlying :class:`OSError`, so ``except OSError``
    keeps working.
    """

    def __str__(self) -> str:  # the message, not OSError's "[Errno n] ...: filename"
        return str(self.args[0]) if self.args else ""


class StoreError(GeoEventsError):
    """An event store cannot be opened, is not a store, or is locked by another process.

    The message is one line: a database's multi-line message (PostgreSQL's "connection
    refused" followed by "Is the server running…?") has its lines joined with "; ".
    """

    def __init__(self, message: object = "", *args: object) -> None:
        lines = (line.strip() for line in str(message).splitlines())
        super().__init__("; ".join(line for line in lines if line), *args)


class GeoEventsWarning(UserWarning):
    """Something was repaired, skipped or guessed; the message says what."""
