"""geoevents: reports of armed conflict into places, events and maps, offline.

Importing the package does no work and no I/O: each public name loads its
module on first use, and the gazetteer is compiled or memory-mapped on first
lookup.

Examples
--------
>>> import geoevents
>>> geoevents.Gazetteer.load().best("Kremena").name
'Kreminna'
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from ._version import __version__

__all__ = [
    "Candidate",
    "CuratedDataError",
    "DownloadError",
    "EventLexicon",
    "EventStore",
    "Gazetteer",
    "GazetteerError",
    "GeoEventsError",
    "GeoEventsWarning",
    "GeoNamesDumpError",
    "Geoparser",
    "InvalidInputError",
    "OfflineGeocoder",
    "OutputError",
    "StoreError",
    "__version__",
    "add_geonames",
    "compare_events",
    "control_view",
    "download_geonames",
    "events_in_areas",
    "extract_events",
    "geoparse",
    "map_events",
    "merge_events",
    "read_acled",
    "read_articles",
    "read_ucdp",
    "save_map",
]

_LAZY = {
    "Candidate": "._gazetteer",
    "Gazetteer": "._gazetteer",
    "OfflineGeocoder": "._gazetteer.geocoder",
    "Geoparser": "._geoparse",
    "geoparse": "._geoparse",
    "EventLexicon": "._events.lexicon",
    "EventStore": "._store",
    "extract_events": "._events",
    "merge_events": "._events",
    "map_events": "._maps",
    "compare_events": "._compare",
    "events_in_areas": "._areas",
    "control_view": "._control",
    "save_map": "._maps",
    "read_acled": "._readers",
    "read_articles": "._readers",
    "read_ucdp": "._readers",
    "add_geonames": "._gazetteer.dumps",
    "download_geonames": "._gazetteer.dumps",
    "CuratedDataError": "._errors",
    "DownloadError": "._errors",
    "GazetteerError": "._errors",
    "GeoEventsError": "._errors",
    "GeoEventsWarning": "._errors",
    "GeoNamesDumpError": "._errors",
    "InvalidInputError": "._errors",
    "OutputError": "._errors",
    "StoreError": "._errors",
}

if TYPE_CHECKING:  # pragma: no cover
    from ._areas import events_in_areas
    from ._compare import compare_events
    from ._control import control_view
    from ._errors import (
        CuratedDataError,
        DownloadError,
        GazetteerError,
        GeoEventsError,
        GeoEventsWarning,
        GeoNamesDumpError,
        InvalidInputError,
        OutputError,
        StoreError,
    )
    from ._events import extract_events, merge_events
    from ._events.lexicon import EventLexicon
    from ._gazetteer.dumps import add_geonames, download_geonames
    from ._gazetteer.gazetteer import Candidate, Gazetteer
    from ._gazetteer.geocoder import OfflineGeocoder
    from ._geoparse import Geoparser, geoparse
    from ._maps import map_events, save_map
    from ._readers import read_acled, read_articles, read_ucdp
    from ._store import EventStore


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'geoevents' has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
