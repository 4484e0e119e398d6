"""The gazetteer stage: place names in, candidate places out, offline.

:class:`Gazetteer` is the public face; the modules behind it are:

``keys``
    the name keys under which names meet (exact and folded);
``sources``
    reading the inputs: GeoNames via PyPI packages, the curated CSVs, country points;
``build``
    compiling them into the memory-mapped index in the cache;
``index``
    the compiled index: place attributes and candidate retrieval by key;
``dumps``
    GeoNames country dumps a user adds for village depth;
``geocoder``
    the geopy geocoder over the gazetteer.
"""

from .gazetteer import Candidate, Gazetteer

__all__ = ["Candidate", "Gazetteer"]
