"""Write ``geoevents/data/country_outlines.geojson.gz``: Natural Earth's 1:110m countries.

Natural Earth (https://www.naturalearthdata.com/) is in the public domain. Its 1:110m
"Admin 0 - Countries" layer reaches this machine inside pyogrio's wheel, among its test
fixtures (``naturalearth_lowres``), a file pyogrio does not promise to keep; this script
copies the layer once into a file geoevents ships and owns, at full precision, so that
the gazetteer's country points and the maps' offline outlines no longer depend on
another package's tests. Run it only to refresh the file (it needs pyogrio 0.7+):

    .venv/bin/python tools/write_country_outlines.py

Natural Earth's 1:110m layer draws Crimea and Sevastopol inside Russia. geoevents
places events by the internationally recognised borders (README, "Occupied areas"), so
its basemap does too: the two divisions' outlines, from the first-level division file
geoevents ships (``region_outlines.geojson.gz``, also Natural Earth), are taken from
Russia's shape and added to Ukraine's (:data:`RECOGNISED`).
"""

from __future__ import annotations

import gzip
import json
from importlib import metadata, resources
from pathlib import Path

# (GeoNames admin1 code, the country that holds it by the recognised borders, the one
# Natural Earth's 1:110m countries put it in)
RECOGNISED = (("UA.11", "UKR", "RUS"), ("UA.20", "UKR", "RUS"))

OUT = Path(__file__).resolve().parents[1] / "geoevents" / "data" / "country_outlines.geojson.gz"


def recognised_borders(frame):
    """The countries with each division of :data:`RECOGNISED` moved to its country."""
    import shapely

    from geoevents._regions import region_outline

    frame = frame.copy()
    for code, to, away in RECOGNISED:
        part = shapely.buffer(region_outline(code[:2], code), 0.01)  # closes slivers
        for iso3, op in ((away, shapely.difference), (to, shapely.union)):
            row = frame.index[frame["iso_a3"] == iso3]
            frame.loc[row, "geometry"] = [op(g, part) for g in frame.loc[row, "geometry"]]
    return frame


def main() -> int:
    import pyogrio
    from shapely.geometry import mapping

    source = Path(str(resources.files("pyogrio"))) / "tests/fixtures/naturalearth_lowres"
    frame = pyogrio.read_dataframe(source / "naturalearth_lowres.shp")
    frame = recognised_borders(frame)
    features = [
        {"type": "Feature", "properties": {"iso_a3": iso3, "name": name},
         "geometry": mapping(geom)}
        for iso3, name, geom in zip(frame["iso_a3"], frame["name"], frame.geometry, strict=True)
    ]  # fmt: skip
    doc = {
        "type": "FeatureCollection",
        "about": "Natural Earth 1:110m Admin 0 - Countries (public domain, "
        "https://www.naturalearthdata.com/), as pyogrio "
        f"{metadata.version('pyogrio')} distributes it (naturalearth_lowres), with Crimea "
        "and Sevastopol in Ukraine as the recognised borders have them; written by "
        "tools/write_country_outlines.py",
        "license": "public domain (Natural Earth)",
        "features": features,
    }
    data = json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    OUT.write_bytes(gzip.compress(data, mtime=0))
    print(f"{OUT}: {len(features)} countries, {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
