"""Outlines of first-level divisions (oblasts, states), by GeoNames admin1 code, offline.

The outlines come from ``geoevents/data/region_outlines.geojson.gz``, which
``tools/write_region_outlines.py`` writes from Natural Earth's 1:10m "Admin 1 - States,
Provinces" (public domain) as QGIS generalised it and Debian's ``qgis-common`` ships it.
Each feature is one GeoNames first-level division, the kind the gazetteer calls
``admin1``, with these properties:

* ``cc``: the country's ISO 3166-1 alpha-2 code (``UA``);
* ``admin1``: GeoNames' admin1 code (``UA.07``);
* ``geonameid``: the division's GeoNames id (what an event at the division carries);
* ``name``: the division's name as the gazetteer gives it (``Kharkivska oblast``);
* ``iso``: its ISO 3166-2 code (``UA-63``).

Every division of Ukraine has an outline, Crimea and Sevastopol among them (filed under
Ukraine, as GeoNames files them); elsewhere about 85% of GeoNames' divisions do (where
Natural Earth's units are coarser or older than GeoNames', a division has none). The
outlines are simplified for drawing (about 1 km in and around Ukraine, coarser
elsewhere): good for showing an area, not for deciding on which side of a border a
point lies.
"""

from __future__ import annotations

import copy
import functools
import gzip
import json
import unicodedata
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "Region",
    "find_region",
    "load_regions",
    "names_agree",
    "region_by_geonameid",
    "region_outline",
    "region_outlines_path",
    "regions_geojson",
]

ABOUT_KEYS = ("about", "license")


class Region(NamedTuple):
    """One division's entry in the outlines file (its geometry is built on demand)."""

    country_code: str  # ISO 3166-1 alpha-2, "UA"
    admin1_code: str  # GeoNames admin1 code, "UA.07"
    geonameid: int | None
    name: str  # as the gazetteer names it, "Kharkivska oblast"
    iso_3166_2: str  # "UA-63"


class _Outlines(NamedTuple):
    regions: dict[tuple[str, str], Region]  # (country, admin1 code) -> region
    features: dict[tuple[str, str], dict]  # (country, admin1 code) -> GeoJSON feature
    by_other: dict[tuple[str, str], tuple[str, str] | None]  # (country, ISO or name) -> key
    by_geonameid: dict[int, tuple[str, str]]
    about: dict[str, str]


def region_outlines_path() -> Path:
    """Path of the shipped outlines: gzipped GeoJSON, one feature per division."""
    return Path(str(resources.files("geoevents").joinpath("data", "region_outlines.geojson.gz")))


def _fold(text: str) -> str:
    """Case and accents dropped, for matching a division's name."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@functools.cache
def _outlines() -> _Outlines:
    doc = json.loads(gzip.decompress(region_outlines_path().read_bytes()))
    regions, features, by_other, by_gid = {}, {}, {}, {}
    for feature in doc["features"]:
        p = feature["properties"]
        region = Region(p["cc"], p["admin1"], p.get("geonameid"), p["name"], p.get("iso") or "")
        key = (region.country_code, region.admin1_code)
        regions[key], features[key] = region, feature
        if region.geonameid is not None:
            by_gid[int(region.geonameid)] = key
        for other in {region.iso_3166_2.upper(), _fold(region.name)} - {""}:
            # a name two divisions of one country share points to neither
            by_other[(region.country_code, other)] = (
                key if by_other.get((region.country_code, other), key) == key else None
            )
    about = {k: doc[k] for k in ABOUT_KEYS if k in doc}
    return _Outlines(regions, features, by_other, by_gid, about)


def load_regions() -> dict[tuple[str, str], Region]:
    """Every division that has an outline, by (country code, GeoNames admin1 code);
    read once, then cached.

    Examples
    --------
    >>> regions = load_regions()
    >>> regions[("UA", "UA.07")].name
    'Kharkivska oblast'
    """
    return dict(_outlines().regions)


def find_region(country_code: str, admin1: str) -> Region | None:
    """The division of ``country_code`` (ISO2) that ``admin1`` names: a GeoNames admin1
    code (``"07"`` or ``"UA.07"``), an ISO 3166-2 code (``"UA-63"``) or the division's
    name as the gazetteer gives it (``"Kharkivska oblast"``, any case or accents);
    None when no division with an outline answers to it, or when two do.

    Examples
    --------
    >>> find_region("UA", "07").name
    'Kharkivska oblast'
    >>> find_region("ua", "Kharkivska Oblast").admin1_code
    'UA.07'
    >>> find_region("UA", "nowhere") is None
    True
    """
    if not isinstance(country_code, str) or not isinstance(admin1, str):
        return None
    cc, text = country_code.strip().upper(), admin1.strip()
    outlines = _outlines()
    for key in ((cc, text.upper()), (cc, f"{cc}.{text.upper()}")):
        if key in outlines.regions:
            return outlines.regions[key]
    key = outlines.by_other.get((cc, text.upper())) or outlines.by_other.get((cc, _fold(text)))
    return outlines.regions[key] if key else None


def names_agree(spelling: str, name: str, letters: int = 5) -> bool:
    """Whether ``spelling`` (a division's name as a source writes it: ACLED's
    ``"Kharkiv"``, ``"Odesa"``) may stand for ``name`` (as the gazetteer gives it:
    ``"Kharkivska oblast"``, ``"Odeska oblast"``): their first ``letters`` letters agree,
    case, accents and final vowels aside (the shorter, of at least three letters, begins
    the longer). Weak alone: take it with a place inside the division.

    Examples
    --------
    >>> names_agree("Kharkiv", "Kharkivska oblast"), names_agree("Kyiv City", "Kyiv")
    (True, True)
    >>> names_agree("Sumy", "Sumska oblast"), names_agree("Kherson", "Kharkivska oblast")
    (True, False)
    """
    if not isinstance(spelling, str) or not isinstance(name, str):
        return False
    short, long = sorted((_fold(t)[:letters].rstrip(" -aeiouy") for t in (spelling, name)), key=len)
    return len(short) >= 3 and long.startswith(short)


def region_by_geonameid(geonameid: int) -> Region | None:
    """The division with this GeoNames id (an event at a division carries it), or None.

    Examples
    --------
    >>> region_by_geonameid(706482).admin1_code
    'UA.07'
    """
    try:
        key = _outlines().by_geonameid.get(int(geonameid))
    except (TypeError, ValueError):
        return None
    return _outlines().regions[key] if key else None


@functools.lru_cache(maxsize=512)
def _geometry(key: tuple[str, str]):
    from shapely.geometry import shape

    return shape(_outlines().features[key]["geometry"])


def region_outline(country_code: str, admin1_code: str):
    """The outline (a shapely Polygon or MultiPolygon, lon/lat) of a division, named as
    :func:`find_region` takes it; None when there is none.

    Examples
    --------
    >>> region_outline("UA", "UA.07").geom_type
    'Polygon'
    >>> region_outline("UA", "99") is None
    True
    """
    region = find_region(country_code, admin1_code)
    return None if region is None else _geometry((region.country_code, region.admin1_code))


def regions_geojson(keys: Iterable) -> dict:
    """A GeoJSON FeatureCollection (a new dict, ready for ``json.dumps``) of the divisions
    that ``keys`` name: (country code, admin1) pairs as :func:`find_region` takes them,
    or GeoNames ids. Each division appears once, in the order first named; keys that
    name no outline are left out. The collection's ``about`` and ``license`` tell the
    source, for a map's attribution.

    Examples
    --------
    >>> doc = regions_geojson([("UA", "07"), ("UA", "UA.07"), 706442, ("UA", "99")])
    >>> [f["properties"]["admin1"] for f in doc["features"]]
    ['UA.07', 'UA.08']
    """
    outlines = _outlines()
    chosen: dict[tuple[str, str], None] = {}
    for item in keys:
        if isinstance(item, tuple | list) and len(item) == 2:
            region = find_region(item[0], item[1])
        else:
            region = region_by_geonameid(item)
        if region is not None:
            chosen.setdefault((region.country_code, region.admin1_code))
    features = [copy.deepcopy(outlines.features[key]) for key in chosen]
    return {"type": "FeatureCollection", **outlines.about, "features": features}
