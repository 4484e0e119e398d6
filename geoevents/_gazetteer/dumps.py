"""GeoNames country dumps: depth on demand for villages the default gazetteer lacks.

The default gazetteer holds populated places of 500+ people. Reports name
smaller villages; a GeoNames dump (``UA.zip``, ``UA.txt``, ``allCountries.zip``,
GeoNames' 19-column tab-separated format) adds them. :func:`add_geonames` checks
a dump and copies the rows it keeps into the cache; the index then rebuilds
itself on the next load. :func:`download_geonames` fetches a dump when the
machine is online.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .._cache import atomic_write, cache_dir, cache_folder, record_file, recorded_files
from .._countries import country_code
from .._errors import DownloadError, GeoNamesDumpError, InvalidInputError
from .._validate import checked_flag, checked_number, checked_path
from .deadline import Watch
from .sources import Place, name_quality, population

__all__ = ["add_geonames", "download_geonames", "dump_files", "read_dump_places"]

GEONAMES_URL = "https://download.geonames.org/export/dump"
ENV_GEONAMES_URL = "GEOEVENTS_GEONAMES_URL"
FEATURE_CLASSES = "ADHLPRSTUV"
_DUMP_NAME = re.compile(r"^(?:[A-Z]{2}|allCountries|cities(?:500|1000|5000|15000))$")
_N_COLUMNS = 19
# What a dump may hold, so that a damaged file or a zip bomb fails early with memory
# bounded: a GeoNames row is at most about 11,000 bytes (its alternate names are cut at
# 10,000 characters); allCountries.txt is about 1.6 GB; GeoNames text packs about 4 to 1
# (a member of a few hundred KB that expands to 600 MB is no dump).
MAX_LINE_BYTES = 1 << 16
MAX_DUMP_BYTES = 8 << 30
MAX_ZIP_RATIO = 50


def dumps_dir() -> Path:
    """Folder in the cache where added dumps are kept."""
    return cache_dir() / "geonames"


def dump_files() -> list[Path]:
    """The dumps added so far, in a stable order (files that :func:`add_geonames` did not
    write are skipped with a warning; see :func:`geoevents._cache.recorded_files`)."""
    return recorded_files(dumps_dir(), "*.txt.gz")


def _kind(feature_class: str, feature_code: str) -> str:
    if feature_class == "P":
        return "city"
    if feature_class == "A":
        if feature_code.startswith("PCL"):
            return "country"
        if feature_code == "ADM1":
            return "admin1"
        if feature_code == "ADM2":
            return "admin2"
        return "admin3"
    if feature_class in "SR":
        return "facility"
    if feature_class == "L" and feature_code in ("RGN", "RGNE", "RGNH", "AREA", "ZN"):
        return "region"
    return "natural"


def _open_binary(path: Path) -> tuple[BinaryIO, str]:
    """Open a dump (.txt, .txt.gz or GeoNames .zip) for reading; return it and its name.
    A zip member that would expand past MAX_DUMP_BYTES, or MAX_ZIP_RATIO times its packed
    size, is refused before any of it is read."""
    if path.suffix == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise GeoNamesDumpError(f"{path}: not a zip archive") from None
        members = [
            m for m in archive.namelist()
            if m.endswith(".txt") and not m.lower().startswith(("readme", "iso-languagecodes"))
        ]  # fmt: skip
        if not members:
            raise GeoNamesDumpError(f"{path}: the archive holds no GeoNames .txt file")
        preferred = f"{path.stem}.txt"
        member = (
            preferred
            if preferred in members
            else max(members, key=lambda m: archive.getinfo(m).file_size)
        )
        info = archive.getinfo(member)
        label = f"{path.name}:{member}"
        if info.file_size > MAX_DUMP_BYTES:
            raise GeoNamesDumpError(
                f"{label} expands to {info.file_size:,} bytes, more than the "
                f"{MAX_DUMP_BYTES:,} a GeoNames dump may hold"
            )
        if info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1) + (1 << 20):
            raise GeoNamesDumpError(
                f"{label} expands {info.file_size // max(info.compress_size, 1):,} times its "
                f"packed size ({info.file_size:,} bytes); a GeoNames dump packs about 4 to 1, "
                "so this is no GeoNames dump (a zip bomb?)"
            )
        return archive.open(member), label
    if path.name.endswith(".gz"):
        return gzip.open(path, "rb"), path.name
    return open(path, "rb"), path.name


def _lines(fh: BinaryIO, label: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line of an open dump, none read past MAX_LINE_BYTES
    and no more than MAX_DUMP_BYTES in all (a gzip member may expand without bound)."""
    total = 0
    line_no = 0
    while raw := fh.readline(MAX_LINE_BYTES + 1):
        line_no += 1
        total += len(raw)
        if len(raw) > MAX_LINE_BYTES:
            raise GeoNamesDumpError(
                f"{label}, line {line_no}: longer than {MAX_LINE_BYTES:,} bytes; a GeoNames "
                "row is at most about 11,000"
            )
        if total > MAX_DUMP_BYTES:
            raise GeoNamesDumpError(
                f"{label}: more than {MAX_DUMP_BYTES:,} bytes, more than a GeoNames dump holds"
            )
        try:
            yield line_no, raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise GeoNamesDumpError(f"{label}, line {line_no}: not UTF-8 ({exc.reason})") from None


def iter_dump(path: str | Path) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, 19 fields) for each row of a dump, checking the format."""
    path = Path(path)
    if not path.exists():
        raise InvalidInputError(f"no such file: {path}")
    fh, label = _open_binary(path)
    with fh:
        line_no = 0
        try:
            for line_no, line in _lines(fh, label):
                line = line.rstrip("\r\n")
                if not line or line.startswith("#"):
                    continue
                fields = line.split("\t")
                if len(fields) != _N_COLUMNS:
                    raise GeoNamesDumpError(
                        f"{label}, line {line_no}: {len(fields)} tab-separated fields, "
                        f"a GeoNames dump has {_N_COLUMNS}"
                    )
                if not fields[0].isdigit():
                    raise GeoNamesDumpError(
                        f"{label}, line {line_no}: geonameid {fields[0]!r} is not a number"
                    )
                try:
                    lat, lon = float(fields[4]), float(fields[5])
                except ValueError:
                    raise GeoNamesDumpError(
                        f"{label}, line {line_no}: latitude/longitude "
                        f"{fields[4]!r}, {fields[5]!r} are not numbers"
                    ) from None
                if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    raise GeoNamesDumpError(
                        f"{label}, line {line_no}: coordinates {lat}, {lon} out of range"
                    )
                yield line_no, fields
        except (zipfile.BadZipFile, EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
            raise GeoNamesDumpError(f"{label}: cannot read ({exc})") from None
    if line_no == 0:
        raise GeoNamesDumpError(f"{label}: empty file")


def add_geonames(
    path: str | Path, *, feature_classes: str = FEATURE_CLASSES, progress: bool = True
) -> Path:
    """Add a GeoNames dump to the gazetteer (kept in the cache; index rebuilds on load).

    Parameters
    ----------
    path : str or Path
        ``XX.zip``, ``XX.txt`` (optionally ``.gz``) or ``allCountries.zip`` as
        downloaded from https://download.geonames.org/export/dump/.
    feature_classes : str, default all
        GeoNames feature classes to keep, e.g. ``"PA"`` for populated places and
        administrative divisions only (useful for ``allCountries``).
    progress : bool, default True
        Show a progress bar while reading (when stderr is a terminal).

    Returns
    -------
    Path
        The file written in the cache.

    Examples
    --------
    >>> add_geonames("UA.zip")  # doctest: +SKIP
    PosixPath('/home/me/.cache/geoevents/geonames/UA.txt.gz')
    """
    from tqdm.auto import tqdm

    path, progress = checked_path("path", path), checked_flag("progress", progress)
    if not isinstance(feature_classes, str):
        raise InvalidInputError(f"feature_classes must be a str of letters from "
                                f"{FEATURE_CLASSES}, not {feature_classes!r}")  # fmt: skip
    classes = set(feature_classes.upper())
    if not classes or not classes <= set(FEATURE_CLASSES):
        raise InvalidInputError(
            f"feature_classes {feature_classes!r}: use letters from {FEATURE_CLASSES}"
        )
    stem = path.name.split(".")[0] or "dump"
    folder = cache_folder(dumps_dir().name)  # private: mode 700, checked

    def write(tmp: Path) -> None:  # streamed: memory stays bounded for allCountries too
        kept = 0
        with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
            rows = iter_dump(path)
            for line, fields in tqdm(rows, desc=f"reading {path.name}", unit=" rows",
                                     disable=None if progress else True, leave=False):  # fmt: skip
                if fields[6] in classes:
                    try:
                        population(fields[14])
                    except ValueError as exc:
                        raise GeoNamesDumpError(f"{path.name}, line {line}: {exc}") from None
                    out.write(("\t".join(fields) + "\n").encode("utf-8"))
                    kept += 1
        if kept == 0:
            raise GeoNamesDumpError(f"{path.name}: no rows of feature classes {feature_classes}")

    return record_file(atomic_write(folder / f"{stem}.txt.gz", write))


def read_dump_places(path: Path, admin1_names: dict[str, str]) -> list[Place]:
    """Places of a dump kept in the cache (see :func:`add_geonames`)."""
    out = []
    for _line, f in iter_dump(path):
        alternates = [(f[1], 0)]
        for alt in (f[2], *f[3].split(",")):
            alt = alt.strip()
            if alt and all(alt != a for a, _ in alternates):
                alternates.append((alt, name_quality(alt)))
        out.append(
            Place(
                name=f[1],
                kind=_kind(f[6], f[7]),
                country_code=f[8],
                latitude=float(f[4]),
                longitude=float(f[5]),
                population=population(f[14]),
                geonameid=int(f[0]),
                admin1=admin1_names.get(f"{f[8]}.{f[10]}", ""),
                source=f"geonames dump {path.name.split('.')[0]}",
                feature_code=f"{f[6]}.{f[7]}",
                names=alternates,
            )
        )
    return out


def download_geonames(
    name: str,
    *,
    base_url: str | None = None,
    timeout: float = 60.0,
    progress: bool = True,
    deadline: float = 3600.0,
) -> Path:
    """Download a GeoNames dump (``"UA"``, ``"allCountries"``…) into a temporary file.

    The base URL is GeoNames' dump folder, or ``$GEOEVENTS_GEONAMES_URL``, or
    ``base_url``. Only http(s) URLs are accepted. Raises :class:`DownloadError`
    when the machine is offline or the server refuses, when the download is not done
    within ``deadline`` seconds, or when less than 1 KB a second arrives over
    ``timeout`` seconds (a stalled or trickling server; ``timeout`` also bounds the
    connection).

    Examples
    --------
    >>> path = download_geonames("UA")  # doctest: +SKIP
    >>> add_geonames(path)  # doctest: +SKIP
    """
    from tqdm.auto import tqdm

    if not isinstance(name, str) or not _DUMP_NAME.match(name.strip()):
        raise InvalidInputError(
            f"{name!r} is not a GeoNames dump name: use an ISO 3166 alpha-2 code "
            "(UA, RU, ...) or allCountries"
        )
    name = name.strip()
    if len(name) == 2:
        name = country_code(name, "name")  # a dump per country GeoNames lists: no "ZZ"
    timeout = checked_number("timeout", timeout, above=True)
    deadline = checked_number("deadline", deadline, above=True)
    progress = checked_flag("progress", progress)
    base = (base_url or os.environ.get(ENV_GEONAMES_URL) or GEONAMES_URL).rstrip("/")
    parsed = urllib.parse.urlsplit(base)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InvalidInputError(f"base URL {base!r} must be an http(s) URL")
    url = f"{base}/{name}.zip"
    final = Path(tempfile.mkdtemp(prefix="geoevents-download-")) / f"{name}.zip"
    tmp = final.with_suffix(".part")
    watch = Watch(deadline, timeout)
    try:
        with watch, open(tmp, "wb") as fh:
            request = urllib.request.Request(url, headers={"User-Agent": "geoevents"})
            with watch.open(request) as resp:
                total = int(resp.headers.get("Content-Length") or 0) or None
                with tqdm(total=total, unit="B", unit_scale=True, desc=f"{name}.zip",
                          disable=None if progress else True, leave=False) as bar:  # fmt: skip
                    while chunk := resp.read1(1 << 16):  # what one read gives: counted
                        watch.count(len(chunk))
                        fh.write(chunk)
                        bar.update(len(chunk))
        if watch.why is not None:
            raise DownloadError(f"cannot download {url}: {watch.why}")
        if not zipfile.is_zipfile(tmp):
            raise DownloadError(f"{url} did not return a zip archive")
        os.replace(tmp, final)
        return final
    except DownloadError:
        shutil.rmtree(final.parent, ignore_errors=True)
        raise
    except urllib.error.HTTPError as exc:
        shutil.rmtree(final.parent, ignore_errors=True)
        exc.close()  # its connection
        after = exc.headers.get("Retry-After") if exc.headers is not None else None
        later = f" (the server asks to retry after {after.strip()[:40]})" if after else ""
        raise DownloadError(f"{url}: HTTP {exc.code} {exc.reason}{later}") from None
    except BaseException as exc:
        shutil.rmtree(final.parent, ignore_errors=True)
        if watch.why is not None and isinstance(exc, (OSError, http.client.HTTPException)):
            raise DownloadError(f"cannot download {url}: {watch.why}") from None  # cut off
        if isinstance(exc, (urllib.error.URLError, TimeoutError, ConnectionError,
                            http.client.HTTPException)):  # fmt: skip
            reason = getattr(exc, "reason", exc)
            raise DownloadError(f"cannot download {url}: {reason} (is the machine online?)"
                                ) from None  # fmt: skip
        raise
