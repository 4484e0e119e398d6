"""Shapes beside the events: outlines of the divisions region-level events stand for, and areas.

Both travel in the events' document, so that the page's filters and playback reach
them. An outline is put in the document once, however many events stand for its
division; each event refers to it by index. Everything here computes; nothing draws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._errors import InvalidInputError
from .._geo import paired_km
from .._regions import (
    find_region,
    load_regions,
    names_agree,
    region_by_geonameid,
    region_outline,
    regions_geojson,
)

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd

REGION_PRECISION = 3  # geo_precision of events known only to their first-level division
# how far (km) outside the outline of the division its admin1 names an event may lie:
# the outlines are simplified (about 1 km), and a place on a border may be filed either side
NEAR_KM = 25.0
# the arguments of map_events that name columns of its areas, and the argument of
# geoevents._areas.area_payload each stands for (their defaults: map_events' signature)
AREA_COLUMNS = {"area_label": "label", "area_start": "start", "area_end": "end"}


def _division_keys(frame: pd.DataFrame, rows, lon, lat) -> list:
    """For each row (positions in ``frame``, whose points are ``lon``/``lat``): the
    (country, admin1 code) of the division it stands for, or None. Its ``geonameid``
    when that is a division's; else the division its ``country_code`` and ``admin1``
    (an id, code or name) give that agrees with its point (see :func:`_named`), since
    at precision 3 only the division is known whatever place the event was filed under."""
    import numpy as np
    import pandas as pd

    keys: list = [None] * len(rows)
    if "geonameid" in frame.columns:
        gids = pd.to_numeric(frame["geonameid"].iloc[rows], errors="coerce")
        codes, uniques = pd.factorize(gids)
        found = [region_by_geonameid(int(g)) if np.isfinite(g) else None for g in uniques]
        for k, code in enumerate(codes.tolist()):
            region = found[code] if code >= 0 else None
            if region is not None:
                keys[k] = (region.country_code, region.admin1_code)
    if "country_code" in frame.columns and "admin1" in frame.columns:
        left = [k for k, key in enumerate(keys) if key is None]
        cc = frame["country_code"].iloc[rows].to_numpy(dtype=object)
        a1 = frame["admin1"].iloc[rows].to_numpy(dtype=object)
        groups: dict = {}
        for k in left:
            if isinstance(cc[k], str) and isinstance(a1[k], str):
                groups.setdefault((cc[k], a1[k]), []).append(k)
        divisions: dict = {}  # country -> its divisions, read when first needed
        for (country, admin1), ks in groups.items():
            at = np.asarray(rows)[ks]
            for k, key in zip(ks, _named(country, admin1, lon[at], lat[at], divisions),
                              strict=True):  # fmt: skip
                keys[k] = key
    return keys


def _named(country: str, admin1: str, lon: np.ndarray, lat: np.ndarray, divisions: dict) -> list:
    """The division (country, admin1 code) of each point filed under ``admin1`` of
    ``country``, or None. A name is weak evidence (ACLED's "Kyiv" is the oblast, the
    gazetteer's "Kyiv" the city; its "Kharkiv" matches no name), so the point decides:
    1. the division ``admin1`` names (:func:`find_region`), if its outline holds the point;
    2. else a division of the country whose name agrees (:func:`names_agree`) and whose
       outline holds it; 3. else the named division, if within ``NEAR_KM`` of it."""
    import numpy as np
    import shapely

    named = find_region(country, admin1)
    if country not in divisions:
        cc = country.strip().upper()
        divisions[country] = [r for key, r in load_regions().items() if key[0] == cc]
    agreeing = [r for r in divisions[country] if names_agree(admin1, r.name) and r != named]
    tried = ([named] if named else []) + agreeing
    chosen = np.full(len(lon), -1)  # into tried
    for c, region in enumerate(tried):
        todo = np.flatnonzero(chosen < 0)
        geom = region_outline(region.country_code, region.admin1_code)
        chosen[todo[shapely.intersects_xy(geom, lon[todo], lat[todo])]] = c
    todo = np.flatnonzero(chosen < 0)
    if named and len(todo):
        geom = region_outline(named.country_code, named.admin1_code)
        chosen[todo[_km_from(geom, lon[todo], lat[todo]) <= NEAR_KM]] = 0
    keys = [(r.country_code, r.admin1_code) for r in tried]
    return [keys[c] if c >= 0 else None for c in chosen.tolist()]


def _km_from(geom, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Great-circle distance (km) of each point from the nearest point of ``geom``."""
    import shapely

    lines = shapely.shortest_line(geom, shapely.points(lon, lat))
    ends = shapely.get_coordinates(lines).reshape(-1, 2, 2)  # (lon, lat) of both ends
    return paired_km(ends[:, 0, 1], ends[:, 0, 0], ends[:, 1, 1], ends[:, 1, 0])


def region_payload(frame: pd.DataFrame, prec: list[int], lon, lat) -> dict | None:
    """The outlines of the divisions that the frame's events of ``geo_precision`` 3
    stand for, each once, and each event's index into them (-1: no outline, drawn as
    a circle); None when no event has one. ``prec``: each row's precision as drawn;
    ``lon``, ``lat``: each row's point, which a division found by name must agree with.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"geonameid": [706482, 706482, 1, None, None],
    ...     "country_code": ["UA"] * 5,
    ...     "admin1": [None, None, "Nowhere", "Kharkivska oblast", "Kharkiv"]})
    >>> lon, lat = [36.23, 36.23, 36.23, 36.23, 30.5], [49.99, 49.99, 49.99, 49.99, 50.4]
    >>> doc = region_payload(frame, [3, 3, 3, 1, 3], lon, lat)
    >>> doc["names"], doc["of"]  # the last is in Kyiv, not in Kharkiv oblast: a circle
    (['Kharkivska oblast'], [0, 0, -1, -1, -1])
    """
    import numpy as np

    rows = np.flatnonzero(np.asarray(prec, dtype=np.int64) == REGION_PRECISION)
    if not len(rows):
        return None
    keys = _division_keys(frame, rows, np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    order: dict = {}
    for key in keys:
        if key is not None:
            order.setdefault(key, len(order))
    if not order:
        return None
    doc = regions_geojson(list(order))
    by_key = {(f["properties"]["cc"], f["properties"]["admin1"]): f for f in doc["features"]}
    features = [by_key[key] for key in order]
    of = np.full(len(frame), -1, dtype=np.int64)
    of[rows] = [-1 if key is None else order[key] for key in keys]
    return {
        "shapes": [f["geometry"] for f in features],
        "names": [f["properties"]["name"] for f in features],
        "of": of.tolist(),
        "about": doc.get("about"),
        "license": doc.get("license"),
    }


def area_document(areas, name: str, colors, columns: dict) -> dict:
    """The areas of ``map_events(areas=...)`` as the page draws them (see
    :func:`geoevents._areas.area_payload`, which reads and checks the frame), with
    ``name``, the title of their legend entry. ``columns``: the ``AREA_COLUMNS``
    arguments of ``map_events`` as given; an error names the argument at fault."""
    import geopandas as gpd

    from .._areas import area_payload, check_column
    from .payload import check_colors

    if not isinstance(name, str):
        raise InvalidInputError(f"area_name must be a str, not {type(name).__name__}")
    try:
        colors = check_colors(colors)
    except InvalidInputError as exc:
        raise InvalidInputError(f"area_colors: {exc}") from None
    if isinstance(areas, gpd.GeoDataFrame):  # anything else area_payload refuses
        for arg, column in columns.items():
            check_column(areas, "areas", arg, column)
    chosen = {AREA_COLUMNS[arg]: column for arg, column in columns.items()}
    return {"name": name, **area_payload(areas, colors=colors, **chosen)}
