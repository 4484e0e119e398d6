"""Events out to files GIS tools read: GeoPackage with DATE and a style, GeoParquet, KML, KMZ.

Every writer is atomic: the file (or folder) appears whole or not at all, and an
earlier one stays until the new one is complete. Text goes into KML and the QGIS style
escaped, with the characters XML 1.0 forbids (control characters, lone surrogates)
replaced, so both always parse.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
from pathlib import Path
from xml.sax.saxutils import escape

from ._cache import atomic_write, output_error, output_path, replace_dir, temp_beside
from ._decoding import SURROGATE
from ._errors import GeoEventsWarning, InvalidInputError

__all__ = ["flat", "qgis_style", "to_geopackage", "to_kml", "to_partitioned_parquet"]

# the columns a KML placemark describes its event with, in this order
_KML_FIELDS = ("event_type", "sub_event_type", "event_date", "location", "admin1", "country",
               "actor1", "actor2", "fatalities", "geo_precision", "confidence", "n_sources",
               "source", "source_url", "notes")  # fmt: skip


# characters XML 1.0 forbids (besides surrogates): C0 controls but tab, LF and CR; FFFE/FFFF
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str, entities: dict[str, str] | None = None) -> str:
    r"""``text`` escaped for XML (``entities`` as for :func:`xml.sax.saxutils.escape`),
    with every character XML 1.0 forbids replaced: a control character by U+FFFD, a
    lone surrogate by "?" (as in the other exports), so the file always parses.

    >>> _xml("a\x01b<c>") == "a\N{REPLACEMENT CHARACTER}b&lt;c&gt;"
    True
    """
    text = SURROGATE.sub("?", _XML_FORBIDDEN.sub("\ufffd", text))
    return escape(text, entities or {})


def flat(frame):
    """A copy whose cells a GeoPackage, GeoJSON or CSV can store: lists, tuples and sets
    become "a | b" text, dicts JSON, and a lone surrogate in text "?".

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
        broken = values.map(lambda v: isinstance(v, str) and SURROGATE.search(v) is not None)
        if broken.any():  # a lone surrogate cannot be written as UTF-8: "?" stands for it
            values = values.map(lambda v: SURROGATE.sub("?", v) if isinstance(v, str) else v)
            out[column] = values
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


def to_geopackage(events, path, *, layer: str = "events", style: bool = True) -> Path:
    """Write events to a GeoPackage whose ``event_date`` is a real DATE column (QGIS's
    temporal controller reads it as a date, not as text).

    With ``style`` (the default), a QGIS style is written beside it as ``<name>.qml``
    (:func:`qgis_style`: points coloured by ``event_type`` as on the maps, the temporal
    controller set to ``event_date``); QGIS applies a style file of the data file's name
    when it opens the layer. The GeoPackage holds the events layer alone.

    Examples
    --------
    >>> import geopandas as gpd, pandas as pd, pyogrio, tempfile, pathlib
    >>> ev = gpd.GeoDataFrame({"event_date": pd.to_datetime(["2022-05-03"])},
    ...     geometry=gpd.points_from_xy([30.7], [46.5]), crs="EPSG:4326")
    >>> out = to_geopackage(ev, pathlib.Path(tempfile.mkdtemp()) / "ev.gpkg")
    >>> pyogrio.read_info(out)["ogr_types"], out.with_suffix(".qml").exists()
    (['OFTDate'], True)
    """
    import pyogrio

    _check(events)
    table = _arrow(events)
    qml = qgis_style(events) if style else None

    def write(tmp: Path) -> None:
        pyogrio.write_arrow(table, tmp, layer=layer, driver="GPKG", geometry_name="geometry",
                            geometry_type="Point", crs="EPSG:4326")  # fmt: skip

    out = atomic_write(Path(path), write)
    if qml is not None:
        atomic_write(out.with_suffix(".qml"), qml.encode("utf-8"))
    return out


# how big a point QGIS draws (mm) and its outline: small, as dense event layers need
QML_POINT_MM, QML_OUTLINE = 2.4, "35,35,35,255"


def _rgb(color: str) -> str:
    c = color.lstrip("#")
    if len(c) == 3:
        c = "".join(ch * 2 for ch in c)
    return ",".join(str(int(c[i : i + 2], 16)) for i in (0, 2, 4)) + ",255"


def _qml_symbol(name: str, color: str) -> str:
    return (f'<symbol type="marker" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0">'
            '<layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map">'
            f'<Option name="color" type="QString" value="{_rgb(color)}"/>'
            '<Option name="name" type="QString" value="circle"/>'
            f'<Option name="size" type="QString" value="{QML_POINT_MM}"/>'
            '<Option name="size_unit" type="QString" value="MM"/>'
            f'<Option name="outline_color" type="QString" value="{QML_OUTLINE}"/>'
            '<Option name="outline_width" type="QString" value="0.2"/>'
            "</Option></layer></symbol>")  # fmt: skip


def qgis_style(events) -> str:
    """A QGIS style (QML) for an events layer: one colour per ``event_type`` present, as
    on the maps (ACLED's types keep their colours; others share grey), and the temporal
    controller set to show each event on its ``event_date`` (one day long).

    Examples
    --------
    >>> import pandas as pd
    >>> qml = qgis_style(pd.DataFrame({"event_type": ["Battles", "<odd & type>"],
    ...                                "event_date": pd.to_datetime(["2022-05-03"] * 2)}))
    >>> 'value="Battles"' in qml, "&lt;odd &amp; type&gt;" in qml, 'startField="event_date"' in qml
    (True, True, True)
    """
    import pandas as pd

    from ._maps import ACLED_COLORS

    kinds = []
    if "event_type" in events:
        kinds = sorted({str(v) for v in events["event_type"] if not pd.isna(v)})
    categories, symbols = [], [_qml_symbol("0", "#7f7f7f")]
    for i, kind in enumerate(kinds, start=1):
        value = _xml(kind, {'"': "&quot;"})
        categories.append(f'<category render="true" symbol="{i}" value="{value}" '
                          f'label="{value}" type="string"/>')  # fmt: skip
        symbols.append(_qml_symbol(str(i), ACLED_COLORS.get(kind, "#7f7f7f")))
    categories.append('<category render="true" symbol="0" value="" label="other" type="string"/>')
    temporal = ('<temporal enabled="1" mode="1" startField="event_date" endField="" '
                'durationField="" durationUnit="d" fixedDuration="1" accumulate="0" '
                'startExpression="" endExpression="" limitMode="0"><fixedRange><start></start>'
                "<end></end></fixedRange></temporal>"
                if "event_date" in events else "")  # fmt: skip
    return ("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
            '<qgis version="3.28" styleCategories="Symbology|Temporal">\n'
            f"{temporal}\n"
            '<renderer-v2 type="categorizedSymbol" attr="event_type" symbollevels="0" '
            'enableorderby="0" forceraster="0" referencescale="-1">\n'
            f"<categories>{''.join(categories)}</categories>\n"
            f"<symbols>{''.join(symbols)}</symbols>\n"
            "</renderer-v2>\n</qgis>\n")  # fmt: skip


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

    folder = output_path(folder, folder_ok=True)
    if folder.exists() and not folder.is_dir():
        raise InvalidInputError(f"{folder} is a file; GeoParquet partitions go in a folder")
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = temp_beside(folder, folder=True)  # one a kill -9 leaves goes at the next write
    except OSError as exc:
        raise output_error(exc, folder, folder) from None
    try:
        for key, part in events.groupby(keys.to_numpy(), sort=True):
            where = tmp / f"event_{by}={key}"
            where.mkdir()
            flat(part).to_parquet(where / "part-0.parquet", index=False)
        tmp.chmod(0o755)
        replace_dir(tmp, folder)
    except OSError as exc:  # OutputError: one line naming the folder, not the temporary one
        raise output_error(exc, tmp, folder) from None
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


def to_kml(events, path, *, name: str = "geoevents", zipped: bool | None = None) -> Path:
    """Write events to KML (or KMZ, its zipped form, with ``zipped`` or when ``path``
    ends in ``.kmz``) for Google Earth: one placemark per event with a
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
    unplaced = int((points.isna() | points.is_empty).sum())
    if unplaced:
        warnings.warn(f"{unplaced} event(s) without a point are not in {Path(path).name} "
                      "(KML places every placemark)", GeoEventsWarning, stacklevel=2)  # fmt: skip
    fields = [f for f in _KML_FIELDS if f in events.columns]
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n',
             '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>',
             f"<name>{_xml(str(name))}</name>\n"]  # fmt: skip
    for (_, row), point in zip(events.iterrows(), points, strict=True):
        if point is None or point.is_empty:
            continue
        title = _kml_value(row.get("event_type")) or "event"
        where = _kml_value(row.get("location"))
        label = f"{title}: {where}" if where else title
        parts.append(f"<Placemark><name>{_xml(label)}</name>")
        when = _kml_value(row.get("event_date"))
        if when:
            parts.append(f"<TimeStamp><when>{_xml(when)}</when></TimeStamp>")
        if "notes" in fields and _kml_value(row.get("notes")):
            parts.append(f"<description>{_xml(_kml_value(row.get('notes')))}</description>")
        parts.append("<ExtendedData>")
        for f in fields:
            parts.append(f'<Data name="{f}"><value>{_xml(_kml_value(row.get(f)))}</value></Data>')
        parts.append("</ExtendedData>")
        parts.append(f"<Point><coordinates>{point.x:.6f},{point.y:.6f}</coordinates></Point>"
                     "</Placemark>\n")  # fmt: skip
    parts.append("</Document></kml>\n")
    # a lone surrogate (broken text) cannot be UTF-8: it becomes "?" rather than a file
    # Google Earth refuses
    body = "".join(parts).encode("utf-8", "replace")
    path = Path(path)
    if not (path.suffix.lower() == ".kmz" if zipped is None else zipped):
        return atomic_write(path, body)

    def write_kmz(tmp: Path) -> None:  # KMZ: the KML zipped, as doc.kml, first in the archive
        import zipfile

        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("doc.kml", body)

    return atomic_write(path, write_kmz)
