"""Events out to files GIS tools read: GeoPackage with a DATE column, GeoParquet partitions, KML.

Every writer is atomic: the file (or folder) appears whole or not at all, and an
earlier one stays until the new one is complete. Text goes into KML escaped.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from xml.sax.saxutils import escape

from ._cache import atomic_write, replace_dir
from ._errors import InvalidInputError

__all__ = ["flat", "to_geopackage", "to_kml", "to_partitioned_parquet"]

# the columns a KML placemark describes its event with, in this order
_KML_FIELDS = ("event_type", "sub_event_type", "event_date", "location", "admin1", "country",
               "actor1", "actor2", "fatalities", "geo_precision", "confidence", "n_sources",
               "source", "source_url", "notes")  # fmt: skip


def flat(frame):
    """A copy whose cells a GeoPackage, GeoJSON or CSV can store: lists, tuples and sets
    become "a | b" text, dicts JSON.

    Examples
    --------
    >>> import pandas as pd
    >>> flat(pd.DataFrame({"a": [["x", "y"], {"k": 1}]}))["a"].tolist()
    ['x | y', '{"k": 1}']
    """
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype != object:
            continue
        values = out[column]
        if not values.map(lambda v: isinstance(v, (list, tuple, set, dict))).any():
            continue

        def cell(v):
            if isinstance(v, dict):
                return json.dumps(v, ensure_ascii=False, default=str)
            if isinstance(v, (list, tuple, set)):
                return " | ".join(map(str, v))
            return v

        out[column] = values.map(cell)
    return out


def _check(events) -> None:
    import geopandas as gpd

    if not isinstance(events, gpd.GeoDataFrame):
        raise InvalidInputError(f"expected an events GeoDataFrame, not {type(events).__name__}")


def _arrow(events):
    """The frame as an Arrow table: dates as DATE, points as WKB."""
    import pyarrow as pa
    import shapely

    frame = flat(events.drop(columns=events.geometry.name))
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for i, name in enumerate(table.column_names):
        if pa.types.is_timestamp(table.schema.field(name).type) and name.endswith("_date"):
            table = table.set_column(i, name, table.column(name).cast(pa.date32()))
    wkb = shapely.to_wkb(events.geometry.to_crs("EPSG:4326").values)
    return table.append_column("geometry", pa.array(wkb, type=pa.binary()))


def to_geopackage(events, path, *, layer: str = "events") -> Path:
    """Write events to a GeoPackage whose ``event_date`` is a real DATE column (QGIS's
    temporal controller reads it as a date, not as text).

    Examples
    --------
    >>> import geopandas as gpd, pandas as pd, pyogrio, tempfile, pathlib
    >>> ev = gpd.GeoDataFrame({"event_date": pd.to_datetime(["2022-05-03"])},
    ...     geometry=gpd.points_from_xy([30.7], [46.5]), crs="EPSG:4326")
    >>> out = to_geopackage(ev, pathlib.Path(tempfile.mkdtemp()) / "ev.gpkg")
    >>> pyogrio.read_info(out)["ogr_types"]
    ['OFTDate']
    """
    import pyogrio

    _check(events)
    table = _arrow(events)

    def write(tmp: Path) -> None:
        pyogrio.write_arrow(table, tmp, layer=layer, driver="GPKG", geometry_name="geometry",
                            geometry_type="Point", crs="EPSG:4326")  # fmt: skip

    return atomic_write(Path(path), write)


def to_partitioned_parquet(events, folder, *, by: str = "month") -> Path:
    """Write events to a folder of GeoParquet files, one per month (``by="month"``) or
    year of ``event_date`` (``event_month=2022-05/part-0.parquet``; events without a
    date in ``event_month=none``). Read it back whole with
    ``geopandas.read_parquet(folder)``.
    """
    import pandas as pd

    _check(events)
    if by not in ("month", "year"):
        raise InvalidInputError(f"by must be 'month' or 'year', not {by!r}")
    fmt = "%Y-%m" if by == "month" else "%Y"
    dates = pd.to_datetime(events["event_date"]) if "event_date" in events else None
    keys = (dates.dt.strftime(fmt).fillna("none") if dates is not None
            else pd.Series("none", index=events.index))  # fmt: skip

    import shutil
    import tempfile

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InvalidInputError(f"{folder} is a file; GeoParquet partitions go in a folder")
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        for key, part in events.groupby(keys.to_numpy(), sort=True):
            where = tmp / f"event_{by}={key}"
            where.mkdir()
            flat(part).to_parquet(where / "part-0.parquet", index=False)
        tmp.chmod(0o755)
        replace_dir(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return folder


def _kml_value(value) -> str:
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, (pd.Timestamp, dt.date)):
        return value.strftime("%Y-%m-%d")
    return str(value)


def to_kml(events, path, *, name: str = "geoevents") -> Path:
    """Write events to KML for Google Earth: one placemark per event with a
    ``<TimeStamp>`` of its date (the time slider plays them), its type as the name and
    its fields in ExtendedData. Text is escaped; nothing in it can run.

    Examples
    --------
    >>> import geopandas as gpd, pandas as pd, tempfile, pathlib
    >>> ev = gpd.GeoDataFrame({"event_date": pd.to_datetime(["2022-05-03"]),
    ...     "event_type": ["Explosions/Remote violence"], "notes": ["<b>Odesa</b> & port"]},
    ...     geometry=gpd.points_from_xy([30.7], [46.5]), crs="EPSG:4326")
    >>> text = to_kml(ev, pathlib.Path(tempfile.mkdtemp()) / "ev.kml").read_text()
    >>> "<when>2022-05-03</when>" in text, "&lt;b&gt;Odesa&lt;/b&gt; &amp; port" in text
    (True, True)
    """
    _check(events)
    points = events.geometry.to_crs("EPSG:4326")
    fields = [f for f in _KML_FIELDS if f in events.columns]
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n',
             '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>',
             f"<name>{escape(name)}</name>\n"]  # fmt: skip
    for (_, row), point in zip(events.iterrows(), points, strict=True):
        if point is None or point.is_empty:
            continue
        title = _kml_value(row.get("event_type")) or "event"
        where = _kml_value(row.get("location"))
        label = f"{title}: {where}" if where else title
        parts.append(f"<Placemark><name>{escape(label)}</name>")
        when = _kml_value(row.get("event_date"))
        if when:
            parts.append(f"<TimeStamp><when>{escape(when)}</when></TimeStamp>")
        if "notes" in fields and _kml_value(row.get("notes")):
            parts.append(f"<description>{escape(_kml_value(row.get('notes')))}</description>")
        parts.append("<ExtendedData>")
        for f in fields:
            parts.append(f'<Data name="{f}"><value>{escape(_kml_value(row.get(f)))}</value></Data>')
        parts.append("</ExtendedData>")
        parts.append(f"<Point><coordinates>{point.x:.6f},{point.y:.6f}</coordinates></Point>"
                     "</Placemark>\n")  # fmt: skip
    parts.append("</Document></kml>\n")
    return atomic_write(Path(path), "".join(parts).encode("utf-8", "surrogatepass"))
