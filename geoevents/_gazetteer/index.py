"""The compiled gazetteer index, memory-mapped: candidate retrieval by name key.

This is the low-level layer under :class:`geoevents.Gazetteer`. Place attributes
are NumPy arrays indexed by place number; names meet through two hash tables
(exact and folded keys, see :mod:`geoevents._text`) and a lazily built fuzzy
matcher over the folded keys. Every file of the index has its size and CRC-32
recorded in ``checksums.json`` when it is built; :meth:`Index.open` checks them all
and refuses a damaged index.
"""

from __future__ import annotations

import itertools
import json
import mmap
import zlib
from pathlib import Path

import numpy as np

from .._errors import GazetteerError
from . import keys as _text
from .sources import KINDS, Place

_PLACE_ARRAYS = (
    "latitude", "longitude", "population", "geonameid", "kind", "country", "admin1",
    "admin2", "source", "feature", "prior",
)  # fmt: skip
_TABLE_ARRAYS = ("keys", "offsets", "places", "quality")
_ARRAYS = (
    *_PLACE_ARRAYS,
    "name_blob", "name_offsets", "fuzzy_blob", "fuzzy_offsets", "exact_prefix2",
    *(f"{t}_{a}" for t in ("exact", "folded", "adjective") for a in _TABLE_ARRAYS),
)  # fmt: skip

# CRC-32 finds damage (a zeroed or overwritten block, a cut file) and is cheap enough to
# run on every load; it does not stop tampering, which the private cache
# folder does (see geoevents._cache.check_private)
CHECKSUMS = "checksums.json"
META = "meta.json"

_EMPTY_I = np.zeros(0, dtype=np.int32)
_EMPTY_Q = np.zeros(0, dtype=np.uint8)


def file_checksum(path: Path) -> list[int]:
    """[size, CRC-32] of a file, read through a memory map (no copy)."""
    with open(path, "rb") as fh:
        size = fh.seek(0, 2)
        if size == 0:
            return [0, 0]
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as view:
            return [size, zlib.crc32(view)]


def index_files() -> list[str]:
    """Names of the files an index folder holds (besides ``checksums.json``)."""
    return [META, *(f"{name}.npy" for name in _ARRAYS)]


def write_checksums(folder: Path) -> None:
    """Record the checksum of every index file in ``folder`` (once they are written)."""
    sums = {name: file_checksum(folder / name) for name in index_files()}
    (folder / CHECKSUMS).write_text(json.dumps({"crc32": sums}, indent=1), "utf-8")


def damaged_files(folder: Path) -> list[str]:
    """Index files in ``folder`` missing, or unlike their recorded checksum (all when
    the record itself is missing or unreadable)."""
    try:
        sums = json.loads((folder / CHECKSUMS).read_text("utf-8"))["crc32"]
    except (OSError, ValueError, KeyError, TypeError):
        return [CHECKSUMS]
    bad = []
    for name in index_files():
        try:
            if file_checksum(folder / name) != sums.get(name):
                bad.append(name)
        except (OSError, ValueError):
            bad.append(name)
    return bad


class _Table:
    """One hash table: sorted key hashes -> runs of (place, quality) postings."""

    __slots__ = ("keys", "offsets", "overlay", "places", "quality")

    def __init__(self, keys, offsets, places, quality, overlay=None):
        self.keys = keys
        self.offsets = offsets
        self.places = places
        self.quality = quality
        self.overlay: dict[str, tuple[np.ndarray, np.ndarray]] = overlay or {}

    def slot(self, key: str) -> int:
        """Position of ``key`` in ``keys``, or -1."""
        h = np.uint64(_text.key_hash(key))
        pos = int(self.keys.searchsorted(h))
        if pos < len(self.keys) and self.keys[pos] == h:
            return pos
        return -1

    def get(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        pos = self.slot(key)
        if pos >= 0:
            a, b = int(self.offsets[pos]), int(self.offsets[pos + 1])
            places, quality = self.places[a:b], self.quality[a:b]
        else:
            places, quality = _EMPTY_I, _EMPTY_Q
        extra = self.overlay.get(key)
        if extra is not None:
            places = np.concatenate([places, extra[0]])
            quality = np.concatenate([quality, extra[1]])
        return places, quality


class Index:
    """A loaded index (see :func:`Index.open`)."""

    def __init__(self, arrays: dict[str, np.ndarray], meta: dict, folder: Path | None):
        self.folder = folder
        self.meta = meta
        self.strings: list[str] = list(meta["strings"])
        self._string_ids = {s: i for i, s in enumerate(self.strings)}
        self.kinds: list[str] = list(meta["kinds"])
        for name in _PLACE_ARRAYS:
            setattr(self, name, arrays[name])
        self.name_blob = arrays["name_blob"]
        self.name_offsets = arrays["name_offsets"]
        self._fuzzy_blob = arrays["fuzzy_blob"]
        self._fuzzy_offsets = arrays["fuzzy_offsets"]
        self.exact_prefix2 = arrays["exact_prefix2"]
        self.exact = _Table(*(arrays[f"exact_{a}"] for a in _TABLE_ARRAYS))
        self.folded = _Table(*(arrays[f"folded_{a}"] for a in _TABLE_ARRAYS))
        self.adjective = _Table(*(arrays[f"adjective_{a}"] for a in _TABLE_ARRAYS))
        self._extra_names: list[str] = []
        self._fuzzy = None

    # -- loading -------------------------------------------------------------

    @classmethod
    def open(cls, folder: Path) -> Index:
        """Memory-map the index in ``folder``; :class:`GazetteerError` if unusable or
        if any file differs from its checksum."""
        bad = damaged_files(folder)
        if bad:
            raise GazetteerError(
                f"the gazetteer index in {folder} is damaged: {', '.join(bad)} "
                "missing or unlike the checksum recorded when it was built"
            )
        try:
            meta = json.loads((folder / META).read_text("utf-8"))
            arrays = {}
            for name in _ARRAYS:
                arr = np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False)
                arrays[name] = arr.view(np.ndarray)
        except (OSError, ValueError, KeyError) as exc:
            raise GazetteerError(f"the gazetteer index in {folder} is unreadable ({exc})") from exc
        n = int(meta.get("places", -1))
        bad = [k for k in _PLACE_ARRAYS if len(arrays[k]) != n]
        if bad or len(arrays["name_offsets"]) != n + 1:
            raise GazetteerError(f"the gazetteer index in {folder} is inconsistent ({bad})")
        for t in ("exact", "folded", "adjective"):
            if len(arrays[f"{t}_offsets"]) != len(arrays[f"{t}_keys"]) + 1 or int(
                arrays[f"{t}_offsets"][-1]
            ) != len(arrays[f"{t}_places"]):
                raise GazetteerError(f"the gazetteer index in {folder} is inconsistent ({t})")
        return cls(arrays, meta, folder)

    def __len__(self) -> int:
        return len(self.latitude)

    def load_tables(self) -> None:
        """Read the hash tables into memory (instead of paging them in lookup by lookup)."""
        for table in (self.exact, self.folded, self.adjective):
            for attr in ("keys", "offsets", "places", "quality"):
                setattr(table, attr, np.array(getattr(table, attr)))

    # -- place attributes ----------------------------------------------------

    def name(self, i: int) -> str:
        n_base = len(self.name_offsets) - 1
        if i >= n_base:
            return self._extra_names[i - n_base]
        a, b = int(self.name_offsets[i]), int(self.name_offsets[i + 1])
        return self.name_blob[a:b].tobytes().decode("utf-8")

    def string(self, column: str, i: int) -> str:
        return self.strings[int(getattr(self, column)[i])]

    def kind_name(self, i: int) -> str:
        return self.kinds[int(self.kind[i])]

    def string_id(self, value: str) -> int:
        """Id of a string in the table, or -1 when no place uses it."""
        return self._string_ids.get(value, -1)

    def holds_country(self, code: str) -> bool:
        """Whether some place of this index bears the country code ``code``."""
        sid = self.string_id(code)
        return sid >= 0 and bool(np.any(self.country == sid))

    def ids_of(self, weights: dict[str, float]) -> dict[int, float]:
        """The same weights keyed by string id (-1 for strings no place uses)."""
        ids = self._string_ids
        return dict(zip(map(ids.get, weights, itertools.repeat(-1)), weights.values(), strict=True))

    # -- overlay of user places ----------------------------------------------

    def extended(self, places: list[Place]) -> Index:
        """A new index with ``places`` layered on top (this one is unchanged)."""
        from .build import _prior

        new = object.__new__(Index)
        new.__dict__.update(self.__dict__)
        new.strings = list(self.strings)
        new._string_ids = dict(self._string_ids)
        new._extra_names = list(self._extra_names)
        new._fuzzy = None

        def sid(s: str) -> int:
            if s not in new._string_ids:
                new._string_ids[s] = len(new.strings)
                new.strings.append(s)
            return new._string_ids[s]

        start = len(self)
        cols = {
            "latitude": [p.latitude for p in places],
            "longitude": [p.longitude for p in places],
            "population": [p.population for p in places],
            "geonameid": [p.geonameid for p in places],
            "kind": [KINDS.index(p.kind) for p in places],
            "country": [sid(p.country_code) for p in places],
            "admin1": [sid(p.admin1) for p in places],
            "admin2": [sid(p.admin2) for p in places],
            "source": [sid(p.source) for p in places],
            "feature": [sid(p.feature_code) for p in places],
            "prior": [_prior(p) for p in places],
        }
        for name, values in cols.items():
            base = getattr(self, name)
            setattr(new, name, np.concatenate([base, np.asarray(values, dtype=base.dtype)]))
        new._extra_names.extend(p.name for p in places)
        exact: dict[str, list[tuple[int, int]]] = {}
        folded: dict[str, list[tuple[int, int]]] = {}
        for offset, p in enumerate(places):
            i = start + offset
            for name, quality in p.names:
                ek = _text.exact_key(name)
                if not ek:
                    continue
                exact.setdefault(ek, []).append((i, quality))
                for fk in _text.fold(ek, is_exact_key=True).keys:
                    folded.setdefault(fk, []).append((i, quality))

        def overlay(table: _Table, entries: dict[str, list[tuple[int, int]]]) -> _Table:
            merged = dict(table.overlay)
            for key, pairs in entries.items():
                ids = np.array([p for p, _ in pairs], dtype=np.int32)
                qs = np.array([q for _, q in pairs], dtype=np.uint8)
                if key in merged:
                    ids = np.concatenate([merged[key][0], ids])
                    qs = np.concatenate([merged[key][1], qs])
                merged[key] = (ids, qs)
            return _Table(table.keys, table.offsets, table.places, table.quality, merged)

        new.exact = overlay(self.exact, exact)
        new.folded = overlay(self.folded, folded)
        return new

    # -- fuzzy ---------------------------------------------------------------

    def fuzzy(self, key: str, *, limit: int = 20, cutoff: float = 80.0):
        """Folded keys close to ``key``: list of (key, ratio 0-100), best first."""
        if self._fuzzy is None:
            self._fuzzy = _FuzzyMatcher(self)
        return self._fuzzy.match(key, limit=limit, cutoff=cutoff)


class _FuzzyMatcher:
    """Typo-tolerant match over the folded keys, bucketed by first letter and length."""

    def __init__(self, index: Index) -> None:
        blob = index._fuzzy_blob.tobytes()
        offsets = index._fuzzy_offsets.tolist()
        keys = [blob[a:b].decode("utf-8") for a, b in itertools.pairwise(offsets)]
        keys.extend(k for k in index.folded.overlay if k)
        buckets: dict[str, list[str]] = {}
        tails: dict[str, list[str]] = {}
        for k in keys:
            buckets.setdefault(k[0], []).append(k)
            if len(k) >= 4:
                tails.setdefault(k[-2:], []).append(k)
        self._buckets = {c: self._by_length(ks) for c, ks in buckets.items()}
        self._tails = {c: self._by_length(ks) for c, ks in tails.items()}

    @staticmethod
    def _by_length(keys: list[str]) -> tuple[list[str], np.ndarray]:
        keys.sort(key=len)
        return keys, np.array([len(k) for k in keys], dtype=np.int32)

    @staticmethod
    def _window(bucket, length: int, spread: int) -> list[str]:
        keys, lengths = bucket
        a = int(lengths.searchsorted(length - spread, "left"))
        b = int(lengths.searchsorted(length + spread, "right"))
        return keys[a:b]

    def match(self, key: str, *, limit: int, cutoff: float) -> list[tuple[str, float]]:
        from rapidfuzz import fuzz, process

        if not key:
            return []
        spread = 1 if len(key) <= 5 else 2
        found: dict[str, float] = {}
        for buckets, label in ((self._buckets, key[0]), (self._tails, key[-2:])):
            bucket = buckets.get(label)
            if bucket is None:
                continue
            choices = self._window(bucket, len(key), spread)
            for choice, score, _ in process.extract(
                key, choices, scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff
            ):
                found[choice] = max(score, found.get(choice, 0.0))
            if found:
                break
        return sorted(found.items(), key=lambda kv: -kv[1])[:limit]
