"""The public gazetteer: offline place-name lookup and geocoding."""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from .._cache import BoundedCache, cache_folder
from .._errors import InvalidInputError
from .._validate import MAX_ROWS, checked_count, checked_flag
from . import build as _build
from . import keys as _text
from . import search
from . import seats as _seats
from .index import Index
from .search import ranked
from .sources import KINDS, Place, read_places_csv

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from geopy.location import Location

__all__ = ["Candidate", "Gazetteer", "PlaceInfo", "populations_of"]

_Location = None  # geopy's Location class, imported on first use

COLUMNS = (
    "name", "kind", "country_code", "admin1", "admin2", "latitude", "longitude",
    "population", "geonameid", "score", "match", "source",
)  # fmt: skip


class Candidate(NamedTuple):
    """One gazetteer place as returned by :meth:`Gazetteer.best`."""

    name: str
    kind: str
    country_code: str
    admin1: str
    admin2: str
    latitude: float
    longitude: float
    population: int
    geonameid: int | None
    score: float
    match: str
    source: str


class PlaceInfo(NamedTuple):
    """One gazetteer place by its ``place_id`` (see :meth:`Gazetteer.place`).

    ``place_id`` numbers the places of one gazetteer (it is what the geoparser's
    mention table points to); ``prominence`` is the static score candidates rank by
    (log10 of the population with a floor per kind, plus bonuses for capitals, curated
    places and the kind).
    """

    place_id: int
    name: str
    kind: str
    country_code: str
    admin1: str
    admin2: str
    latitude: float
    longitude: float
    population: int
    geonameid: int | None
    prominence: float
    source: str


_MATCH_TIERS = ("exact", "folded", "fuzzy")


def _check_name(name: object) -> str:
    if not isinstance(name, str):
        raise InvalidInputError(
            f"a place name must be a str, not {type(name).__name__}: {name!r:.60}"
        )
    return name


class Gazetteer:
    """An offline gazetteer: GeoNames places, admin divisions, countries and curated
    conflict places, searchable by any spelling.

    Get the default one with :meth:`Gazetteer.load`; it is compiled into the cache
    on first use and memory-mapped afterwards.

    Examples
    --------
    >>> from geoevents import Gazetteer
    >>> gaz = Gazetteer.load()
    >>> gaz.best("Zaporizhia").name
    'Zaporizhzhya'
    >>> gaz.lookup("Moscow", country="US").iloc[0][["name", "admin1"]].tolist()
    ['Moscow', 'Idaho']
    """

    _default: Gazetteer | None = None
    _lock = threading.Lock()

    def __init__(self, index: Index) -> None:
        if not isinstance(index, Index):
            raise InvalidInputError("use Gazetteer.load() or Gazetteer.from_places()")
        self._index = index
        self._country_names: dict[str, str] | None = None
        self._places: BoundedCache = BoundedCache(200_000)
        self._divisions: BoundedCache = BoundedCache(100_000)
        self._seats: dict[int, int] = {}
        self._seat_towns: dict[str, np.ndarray] = {}

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(
        cls,
        *,
        extra_places: str | Path | Iterable[str | Path] | None = None,
        rebuild: bool = False,
        progress: bool = True,
    ) -> Gazetteer:
        """Load the default gazetteer, building its index first if needed.

        Parameters
        ----------
        extra_places : path or list of paths, optional
            CSV files of your own places (columns name, kind, latitude, longitude;
            optional aliases, country_code, admin1, population, source, geonameid)
            layered on top of the default gazetteer.
        rebuild : bool, default False
            Rebuild the index even if it is up to date.
        progress : bool, default True
            Show a progress bar when the index has to be built.

        Returns
        -------
        Gazetteer
            Without ``extra_places``, the same object on every call.

        Examples
        --------
        >>> gaz = Gazetteer.load()
        >>> len(gaz) > 200_000
        True
        """
        rebuild, progress = checked_flag("rebuild", rebuild), checked_flag("progress", progress)
        with cls._lock:
            if cls._default is None or rebuild:
                cls._default = cls(_open_default_index(rebuild=rebuild, progress=progress))
            gaz = cls._default
        if extra_places is not None:
            gaz = gaz.with_places(extra_places)
        return gaz

    @classmethod
    def from_places(cls, places: str | Path | Iterable[str | Path]) -> Gazetteer:
        """A gazetteer of only the places in the given CSV file(s) (no GeoNames data).

        Useful for tests and for closed lists of sites.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "sites.csv"
        >>> _ = path.write_text("name,kind,latitude,longitude\\nCamp Alpha,facility,48.1,37.2\\n")
        >>> Gazetteer.from_places(path).best("camp alpha").latitude
        48.1
        """
        from .build import compile_places

        arrays, meta = compile_places(_read_many(places))
        return cls(Index(arrays, meta, None))

    def with_places(self, places: str | Path | Iterable[str | Path]) -> Gazetteer:
        """A new gazetteer with the places of the CSV file(s) layered on top of this one.

        Your places rank like curated places; this gazetteer is unchanged.
        """
        return type(self)(self._index.extended(_read_many(places)))

    def __len__(self) -> int:
        return len(self._index)

    @property
    def index(self) -> Index:
        """The compiled index under this gazetteer: place attributes as arrays by
        ``place_id`` and the name tables, for stages that read many places fast."""
        return self._index

    def __repr__(self) -> str:
        where = self._index.folder or "memory"
        return f"<Gazetteer: {len(self):,} places, index in {where}>"

    def info(self) -> dict:
        """Facts about the loaded index: counts by kind, sources, where and when built."""
        meta = self._index.meta
        return {
            "places": len(self),
            "by_kind": dict(meta.get("by_kind", {})),
            "names": meta.get("names"),
            "exact_keys": meta.get("exact_keys"),
            "folded_keys": meta.get("folded_keys"),
            "index": str(self._index.folder) if self._index.folder else None,
            "built": meta.get("built"),
            "build_seconds": meta.get("seconds"),
            "packages": meta.get("packages", {}),
            "dumps": meta.get("dumps", []),
        }

    # ---------------------------------------------------------------- searching

    def _candidate(self, i: int, score: float, label: str) -> Candidate:
        p = self.place(i)
        return Candidate(
            name=p.name,
            kind=p.kind,
            country_code=p.country_code,
            admin1=p.admin1,
            admin2=p.admin2,
            latitude=p.latitude,
            longitude=p.longitude,
            population=p.population,
            geonameid=p.geonameid,
            score=round(score, 6),
            match=label,
            source=p.source,
        )

    def best(self, name: str, *, country=None, kind=None) -> Candidate | None:
        """The single best place for ``name``, or ``None`` (fast: tens of µs).

        Parameters
        ----------
        name : str
            A place name in any spelling or script.
        country : str or list of str, optional
            ISO 3166 alpha-2 code(s) the place must be in.
        kind : str or list of str, optional
            Kind(s) the place must be: country, continent, admin1, admin2, admin3,
            region, city, facility, natural.

        Examples
        --------
        >>> gaz = Gazetteer.load()
        >>> c = gaz.best("Nikolaev")
        >>> c.name, c.country_code, c.admin1
        ('Mykolayiv', 'UA', 'Mykolaivska oblast')
        >>> gaz.best("Atlantis-on-Sea") is None
        True
        """
        tiers = search.tiers(self._index, _check_name(name), country, kind, all_tiers=False)
        if not tiers:
            return None
        tier = tiers[0]
        i = int(np.argmax(tier.rank))
        share = 1.0 / float(np.power(10.0, tier.rank - tier.rank[i]).sum())
        return self._candidate(int(tier.places[i]), float(tier.weight[i]) * share, tier.label)

    def lookup(self, name: str, *, country=None, kind=None, limit: int | None = 10):
        """Candidate places for ``name``, best first, as a DataFrame.

        Exact matches (ignoring case, accents and punctuation) come first, then
        matches after folding romanisation variants (Zaporizhia ~ Zaporizhzhia ~
        Запоріжжя), then, only when neither found anything, typo-tolerant fuzzy
        matches. Within each, places rank by kind, population and how good the
        matched name is; ``score`` (0–1) is the match quality times the place's
        share among the candidates.

        Parameters
        ----------
        name : str
            A place name as written. Blank gives an empty frame.
        country : str or list of str, optional
            Keep only places in these ISO 3166 alpha-2 countries.
        kind : str or list of str, optional
            Keep only these kinds (see :meth:`best`).
        limit : int or None, default 10
            At most this many rows; ``None`` for all.

        Returns
        -------
        pandas.DataFrame
            Columns name, kind, country_code, admin1, admin2, latitude, longitude,
            population, geonameid, score, match (exact/folded/fuzzy), source.
            Empty (with every column) when nothing matches.

        Examples
        --------
        >>> gaz = Gazetteer.load()
        >>> gaz.lookup("Kremena").iloc[0]["name"]
        'Kreminna'
        >>> gaz.lookup("Donetsk Oblast").iloc[0]["kind"]
        'admin1'
        >>> gaz.lookup("").empty
        True
        """
        _check_name(name)
        limit = _checked_limit(limit, none=True)
        tiers = search.tiers(self._index, name, country, kind, all_tiers=True)
        rows = []
        for i, score, label in ranked(tiers):
            rows.append(self._candidate(i, score, label))
            if limit is not None and len(rows) >= limit:
                break
        return _frame(rows)

    # ------------------------------------------------------------ by place id

    def place_ids(self, name: str, *, country=None, kind=None, match: str = "fuzzy"):
        """Ids of the places ``name`` names at its best match, best first.

        Only the best tier that finds anything counts (exact, else folded, else
        fuzzy), as in :meth:`best`; ``match`` is the loosest tier allowed: ``"exact"``,
        ``"folded"`` or ``"fuzzy"``.

        Examples
        --------
        >>> gaz = Gazetteer.load()
        >>> gaz.place(int(gaz.place_ids("Donetsk", kind="admin1")[0])).name
        'Donetska oblast'
        >>> len(gaz.place_ids("Zaporizhzhe", match="exact"))  # only a folded spelling
        0
        >>> gaz.place(int(gaz.place_ids("Zaporizhzhe")[0])).name
        'Zaporizhzhya'
        """
        _check_name(name)
        if match not in _MATCH_TIERS:
            raise InvalidInputError(f"match must be one of {_MATCH_TIERS}, not {match!r}")
        if match == "exact":
            tiers = search.tiers(self._index, name, country, kind, all_tiers=False, fuzzy=False)
            tiers = [t for t in tiers if t.label == "exact"]
        else:
            fuzzy = match == "fuzzy"
            tiers = search.tiers(self._index, name, country, kind, all_tiers=False, fuzzy=fuzzy)
        if not tiers:
            return np.zeros(0, dtype=np.int64)
        tier = tiers[0]
        return tier.places[np.argsort(-tier.rank, kind="stable")].astype(np.int64)

    def place(self, place_id: int) -> PlaceInfo:
        """The place with this id (ids come from :meth:`place_ids` and the geoparser).

        Examples
        --------
        >>> gaz = Gazetteer.load()
        >>> gaz.place(int(gaz.place_ids("Kremena")[0]))[1:4]
        ('Kreminna', 'city', 'UA')
        """
        found = self._places.get(place_id)
        if found is not None:
            return found
        index = self._index
        i = checked_count("place_id", place_id, minimum=-(2**63))
        if not 0 <= i < len(index):
            raise InvalidInputError(f"no place has id {place_id!r} in this gazetteer")
        gid = int(index.geonameid[i])
        info = PlaceInfo(
            place_id=i,
            name=index.name(i),
            kind=index.kind_name(i),
            country_code=index.string("country", i),
            admin1=index.string("admin1", i),
            admin2=index.string("admin2", i),
            latitude=float(index.latitude[i]),
            longitude=float(index.longitude[i]),
            population=int(index.population[i]),
            geonameid=gid if gid >= 0 else None,
            prominence=float(index.prior[i]),
            source=index.string("source", i),
        )
        return self._places.put(place_id, info)

    def division_named(self, name: str, country: str | None = None) -> int:
        """The best of :meth:`divisions_named`, or -1."""
        ids = self.divisions_named(name, country)
        return ids[0] if ids else -1

    def divisions_named(self, name: str, country: str | None = None) -> tuple[int, ...]:
        """The ids of every first-level division called ``name`` (in ``country``, an ISO
        code, when given), best first: exact or folded names only, no fuzzy guess
        (memoised). Usually one; "Kyiv" names two, the city of Kyiv (a division of its
        own) and Kyiv Oblast around it.

        Examples
        --------
        >>> gaz = Gazetteer.load()
        >>> gaz.place(gaz.division_named("Zaporizhia", "UA")).name
        'Zaporizka oblast'
        >>> sorted(gaz.place(i).name for i in gaz.divisions_named("Kyiv", "UA"))
        ['Kyiv', 'Kyivska oblast']
        """
        key = (_check_name(name), search.country_codes(country, self._index))  # hashable
        found = self._divisions.get(key)
        if found is None:
            ids = self.place_ids(name, country=key[1], kind="admin1", match="folded")
            found = self._divisions.put(key, tuple(int(i) for i in ids))
        return found

    def seat_of(self, place_id: int) -> int:
        """The id of the town that seats a first-level division, else -1 (memoised): the
        country's most populous town bearing one of its names (Kyiv for Kyiv Oblast),
        else its own most populous town (Simferopol for Crimea). ACLED codes an event
        that only a region locates at its seat; so does :func:`extract_events`.

        Examples
        --------
        >>> gaz = Gazetteer.load()
        >>> gaz.place(gaz.seat_of(gaz.division_named("Kyiv Oblast", "UA"))).name
        'Kyiv'
        """
        i = int(self.place(place_id).place_id)
        if i not in self._seats:
            self._seats[i] = _seats.seat_of(self, i, self._seat_towns)
        return self._seats[i]

    def clear_caches(self) -> None:
        """Forget every memoised answer (for timing look-ups on text never seen)."""
        self._places.clear()
        self._divisions.clear()
        self._seats.clear()

    def demonym_of(self, name: str):
        """Ids of the places a demonym or adjective names ("Ukrainian" → Ukraine);
        empty when ``name`` is none.

        Examples
        --------
        >>> gaz = Gazetteer.load()
        >>> [gaz.place(int(i)).name for i in gaz.demonym_of("Ukrainian")]
        ['Ukraine']
        """
        key = _text.exact_key(_check_name(name))
        if not key:
            return np.zeros(0, dtype=np.int64)
        return np.asarray(self._index.adjective.get(key)[0], dtype=np.int64)

    def country_name(self, code: str) -> str:
        """The name of the country with ISO code ``code`` (the code itself if unknown).

        Examples
        --------
        >>> Gazetteer.load().country_name("UA")
        'Ukraine'
        """
        if not isinstance(code, str):
            raise InvalidInputError(f"code must be an ISO 3166 alpha-2 code, not {code!r}"[:99])
        if self._country_names is None:
            index = self._index
            country_kind = KINDS.index("country")
            ids = np.flatnonzero(index.kind == country_kind)
            self._country_names = {index.string("country", i): index.name(i) for i in ids}
        return self._country_names.get(code, code)

    # ---------------------------------------------------------------- geocoding

    def geocode(self, query: str, exactly_one: bool = True, *, country=None, kind=None,
                limit: int = 10):  # fmt: skip
        """Geocode with geopy's contract: a :class:`geopy.location.Location` or ``None``.

        With ``exactly_one=False``, a list of up to ``limit`` locations (or ``None``).
        ``Location.raw`` holds the candidate's fields (kind, country_code, score…).

        Examples
        --------
        >>> loc = Gazetteer.load().geocode("Kiev")
        >>> loc.address, round(loc.latitude, 1), round(loc.longitude, 1)
        ('Kyiv, Ukraine', 50.5, 30.5)
        """
        exactly_one, limit = _geocode_args(query, exactly_one, limit)
        if exactly_one:
            c = self.best(query, country=country, kind=kind)
            return None if c is None else _location(self, c)
        tiers = search.tiers(self._index, query, country, kind, all_tiers=True)
        out = []
        for i, score, label in ranked(tiers):
            out.append(_location(self, self._candidate(i, score, label)))
            if len(out) >= limit:
                break
        return out or None


_BY_GEONAMEID: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def populations_of(index: Index, geonameids) -> np.ndarray:
    """The population of each GeoNames id's place in a gazetteer's ``index``, -1 where
    it has no such id or no population; many at once (the ids are sorted once per
    index).

    Examples
    --------
    >>> gaz = Gazetteer.load()
    >>> populations_of(gaz.index, [gaz.best("Kharkiv").geonameid, -5])[0] > 1_000_000
    np.True_
    """
    import pandas as pd

    ids = pd.to_numeric(pd.Series(list(geonameids), dtype=object), errors="coerce")
    ids = ids.fillna(-1).to_numpy(dtype=np.int64)
    by_id = _BY_GEONAMEID.get(index)
    if by_id is None:
        gid = np.asarray(index.geonameid, dtype=np.int64)
        order = np.argsort(gid, kind="stable")
        by_id = _BY_GEONAMEID.setdefault(index, (gid[order], order))
    keys, order = by_id
    if not len(keys):
        return np.full(len(ids), -1, dtype=np.int64)
    pos = np.clip(np.searchsorted(keys, ids), 0, len(keys) - 1)
    found = (keys[pos] == ids) & (ids >= 0)
    pop = np.asarray(index.population, dtype=np.int64)[order[pos]]
    return np.where(found & (pop > 0), pop, -1)


def _location(gaz: Gazetteer, c: Candidate) -> Location:
    """A candidate as geopy's Location, its address "name, division, country"."""
    global _Location
    if _Location is None:
        from geopy.location import Location as _Location
    parts = [c.name]
    if c.admin1 and c.admin1 != c.name:
        parts.append(c.admin1)
    country = gaz.country_name(c.country_code)
    if country and country != c.name:
        parts.append(country)
    raw = c._asdict()
    raw["address"] = ", ".join(parts)
    return _Location(raw["address"], (c.latitude, c.longitude), raw)


_FLOAT_COLUMNS = ("latitude", "longitude", "score")
_STRING_COLUMNS = ("name", "kind", "country_code", "admin1", "admin2", "match", "source")


def _frame(rows: list[Candidate]) -> pd.DataFrame:
    """Rows as a DataFrame with fixed dtypes (pandas' ``str`` for text)."""
    import pandas as pd

    data: dict[str, object] = {}
    for pos, column in enumerate(COLUMNS):
        values = [r[pos] for r in rows]
        if column in _FLOAT_COLUMNS:
            data[column] = np.array(values, dtype=np.float64)
        elif column == "population":
            data[column] = np.array(values, dtype=np.int64)
        elif column == "geonameid":
            data[column] = pd.array(values, dtype="Int64")
        else:
            data[column] = values
    frame = pd.DataFrame(data)
    if rows:
        return frame
    return frame.astype({c: "str" for c in _STRING_COLUMNS})


def _read_many(places) -> list[Place]:
    if isinstance(places, (str, os.PathLike)):
        places = [places]
    elif isinstance(places, (bytes, bytearray, dict)) or hasattr(places, "columns"):
        # bytes would be read as numbers, a frame or a dict as its column names
        raise InvalidInputError(f"places (extra_places) must be a CSV path or a list of "
                                f"paths, not a {type(places).__name__}")  # fmt: skip
    out: list[Place] = []
    try:
        paths = list(places)
    except TypeError:
        raise InvalidInputError(f"places (extra_places) must be a CSV path or a list of paths, "
                                f"not {places!r}"[:200]) from None  # fmt: skip
    for path in paths:
        if isinstance(path, os.PathLike):
            path = os.fspath(path)
        if not isinstance(path, (str, Path)):
            raise InvalidInputError(f"places (extra_places) must be CSV paths, not {path!r}"[:200])
        if not Path(path).is_file():
            raise InvalidInputError(f"no such places file: {path}")
        out.extend(read_places_csv(path, source=f"user: {Path(path).name}"))
    return out


def _checked_limit(limit, *, none: bool) -> int | None:
    """``limit`` of a look-up: a whole number from 1 to MAX_ROWS (or None, for all rows,
    with ``none``); refused otherwise, naming it and the form wanted."""
    if limit is None and none:
        return None
    try:
        return checked_count("limit", limit, minimum=1, maximum=MAX_ROWS)
    except InvalidInputError:
        also = " or None (every row)" if none else ""
        raise InvalidInputError(f"limit must be a whole number from 1 to {MAX_ROWS:,}{also}, "
                                f"not {limit!r}"[:200]) from None  # fmt: skip


def _geocode_args(query, exactly_one, limit) -> tuple[bool, int]:
    """:meth:`Gazetteer.geocode`'s arguments, checked."""
    _check_name(query)
    return checked_flag("exactly_one", exactly_one), _checked_limit(limit, none=False)


def _open_default_index(*, rebuild: bool, progress: bool) -> Index:
    cache_folder()  # refuses a cache folder that is not private to this user
    folder = _build.index_dir()
    if not rebuild:
        index = _build.current_index(folder, _build.fingerprint(), stacklevel=4)
        if index is not None:
            return index
    _build.build(progress=progress, force=True)
    return Index.open(folder)
