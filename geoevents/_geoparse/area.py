"""Areas of interest: country codes, a bounding box or polygons in, which places lie inside out."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from .._countries import country_code
from .._errors import InvalidInputError
from .._frames import short_repr

__all__ = ["Area"]


class Area:
    """Where a collection of reports is about, as the user says (see ``area=`` of
    :func:`geoparse` and :func:`extract_events`).

    Build one with :meth:`of` from what a user passes: ISO 3166 alpha-2 country codes
    (``"UA"``, ``["UA", "RU"]``, as Nominatim's ``countrycodes``), a bounding box
    ``(west, south, east, north)`` in degrees (as GeoPandas' ``total_bounds``;
    Nominatim's ``viewbox``), or polygons: a shapely geometry, a GeoSeries or a
    GeoDataFrame (in any CRS; read in EPSG:4326).

    Examples
    --------
    >>> Area.of("UA")
    Area(countries=['UA'])
    >>> Area.of((22.1, 44.3, 40.2, 52.4)).box
    (22.1, 44.3, 40.2, 52.4)
    """

    def __init__(self, countries: Iterable[str] = (), box=None, shape=None) -> None:
        self.countries = frozenset(countries)
        self.box = box
        self.shape = shape
        self._ids: tuple[object, np.ndarray] | None = None

    def __repr__(self) -> str:
        if self.countries:
            return f"Area(countries={sorted(self.countries)})"
        if self.box is not None:
            return f"Area(box={self.box})"
        return "Area(polygons)"

    @classmethod
    def of(cls, value) -> Area | None:
        """The area ``value`` names, or None for None; a clear error for anything else.
        A NumPy array or a pandas Series (or Index) of codes or of four numbers is read
        as the list of its values."""
        if value is None or isinstance(value, Area):
            return value
        if isinstance(value, str):
            return cls(countries=[_code(value)])
        geometry = _geometry_of(value)
        if geometry is not None:
            return cls(shape=geometry)
        items = _listed(value)
        if items:
            if all(isinstance(v, str) for v in items):
                return cls(countries=[_code(v) for v in items])
            if len(items) == 4 and all(_number(v) for v in items):
                return cls(box=_box(items))
        raise InvalidInputError(
            f"area must be country codes ('UA' or ['UA', 'RU']), a bounding box "
            f"(west, south, east, north) or polygons (a shapely geometry, GeoSeries or "
            f"GeoDataFrame), not {short_repr(value)}"
        )

    def contains(self, lat: np.ndarray, lon: np.ndarray, country: np.ndarray, index) -> np.ndarray:
        """Which points lie inside: ``lat``, ``lon`` in degrees and ``country`` the
        places' country string ids in gazetteer ``index``."""
        if self.countries:
            if self._ids is None or self._ids[0] is not index:
                ids = [index.string_id(c) for c in self.countries]
                self._ids = (index, np.array([i for i in ids if i >= 0], dtype=np.int64))
            return np.isin(country, self._ids[1])
        if self.box is not None:
            west, south, east, north = self.box
            return (lat >= south) & (lat <= north) & (lon >= west) & (lon <= east)
        import shapely

        return shapely.contains_xy(self.shape, np.asarray(lon), np.asarray(lat))


def _listed(value) -> list | None:
    """The items of a list, tuple or set, or of a one-dimensional NumPy array or pandas
    Series or Index; None for anything else."""
    import sys

    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    pd = sys.modules.get("pandas")
    if pd is not None and isinstance(value, (pd.Series, pd.Index)):
        return value.tolist()
    if isinstance(value, np.ndarray) and value.ndim == 1:
        return value.tolist()
    return None


def _code(value: str) -> str:
    return country_code(value, "area")  # a code of a country GeoNames lists


def _number(value) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def _box(items: list) -> tuple[float, float, float, float]:
    west, south, east, north = (float(v) for v in items)
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise InvalidInputError(f"area: the bounding box {short_repr(tuple(items))} holds a "
                                "non-finite number")  # fmt: skip
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise InvalidInputError(
            f"area: the bounding box must be (west, south, east, north) in degrees with "
            f"west < east and south < north, not {short_repr(tuple(items))}"
        )
    return (west, south, east, north)


def _geometry_of(value):
    """The union of the polygons ``value`` holds (in EPSG:4326), or None when it holds
    no geometry at all."""
    import sys

    shapely = sys.modules.get("shapely")
    gpd = sys.modules.get("geopandas")
    geometry = None
    if gpd is not None and isinstance(value, (gpd.GeoDataFrame, gpd.GeoSeries)):
        series = value.geometry if isinstance(value, gpd.GeoDataFrame) else value
        if series.crs is not None and series.crs.to_epsg() != 4326:
            series = series.to_crs(4326)
        series = series[series.notna() & ~series.is_empty]
        if series.empty:
            raise InvalidInputError("area: the GeoDataFrame holds no geometry")
        geometry = series.union_all()
    elif shapely is not None and isinstance(value, shapely.Geometry):
        geometry = value
    if geometry is None:
        return None
    if geometry.is_empty or geometry.area == 0:
        raise InvalidInputError("area: the geometry encloses no area (give polygons)")
    import shapely as _shapely

    _shapely.prepare(geometry)
    return geometry
