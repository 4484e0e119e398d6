"""Shapes beside the events: outlines of the divisions region-level events stand for, and areas.

Both travel in the events' document, so that the page's filters and playback reach
them. An outline is put in the document once, however many events stand for its
division; each event refers to it by index. Everything here computes; nothing draws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._errors import InvalidInputError
from .._regions import find_region, region_by_geonameid, regions_geojson

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

REGION_PRECISION = 3  # geo_precision of events known only to their first-level division
# the columns of area_payload that map_events takes under these names, with their defaults
AREA_COLUMNS = {"area_label": None, "area_start": "valid_from", "area_end": "valid_to"}


def _division_keys(frame: pd.DataFrame, rows) -> list:
    """For each row (positions in ``frame``): the (country, admin1 code) of the division
    it stands for, or None. Its ``geonameid`` when that is a division's; else its
    ``country_code`` and ``admin1`` (an id, code or name), since at precision 3 only
    the division is known whatever place the event was filed under."""
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
        seen: dict = {}
        for k in left:
            pair = (cc[k], a1[k])
            if pair not in seen:
                ok = isinstance(pair[0], str) and isinstance(pair[1], str)
                region = find_region(*pair) if ok else None
                seen[pair] = None if region is None else (region.country_code, region.admin1_code)
            keys[k] = seen[pair]
    return keys


def region_payload(frame: pd.DataFrame, prec: list[int]) -> dict | None:
    """The outlines of the divisions that the frame's events of ``geo_precision`` 3
    stand for, each once, and each event's index into them (-1: no outline, drawn as
    a circle); None when no event has one. ``prec``: each row's precision as drawn.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"geonameid": [706482, 706482, 1, None],
    ...     "country_code": ["UA", "UA", "UA", "UA"],
    ...     "admin1": [None, None, "Nowhere", "Kharkivska oblast"]})
    >>> doc = region_payload(frame, [3, 3, 3, 1])
    >>> doc["names"], doc["of"]
    (['Kharkivska oblast'], [0, 0, -1, -1])
    """
    import numpy as np

    rows = np.flatnonzero(np.asarray(prec, dtype=np.int64) == REGION_PRECISION)
    if not len(rows):
        return None
    keys = _division_keys(frame, rows)
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
    :func:`geoevents._areas.area_payload`), with ``name``, the title of their legend
    entry. ``columns``: ``area_label``, ``area_start`` and ``area_end`` as given, each
    checked here so that an error names the argument of ``map_events``."""
    import geopandas as gpd

    from .._areas import area_payload
    from .payload import check_colors

    if not isinstance(areas, gpd.GeoDataFrame):
        raise InvalidInputError(f"areas must be a GeoDataFrame of polygons (as "
                                "geopandas.read_file gives), not "
                                f"{type(areas).__name__}")  # fmt: skip
    for arg, column in columns.items():
        if column is None:
            continue
        if not isinstance(column, str):
            raise InvalidInputError(f"{arg} must be a column name (str) or None, not {column!r}")
        if column not in areas.columns or column == areas.active_geometry_name:
            others = [c for c in areas.columns if c != areas.active_geometry_name]
            raise InvalidInputError(f"{arg}={column!r} is not a column of areas (columns: "
                                    f"{', '.join(map(str, others)) or 'none'}); pass "
                                    f"{arg}=None for none")  # fmt: skip
    if not isinstance(name, str):
        raise InvalidInputError(f"area_name must be a str, not {type(name).__name__}")
    try:
        colors = check_colors(colors)
    except InvalidInputError as exc:
        raise InvalidInputError(f"area_{exc}") from None
    doc = area_payload(areas, label=columns["area_label"], start=columns["area_start"],
                       end=columns["area_end"], colors=colors)  # fmt: skip
    return {"name": name, **doc}
