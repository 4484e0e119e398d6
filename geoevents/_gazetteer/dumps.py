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
import io
import os
import re
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

from .._cache import atomic_write, cache_dir
from .._errors import DownloadError, GeoNamesDumpError, InvalidInputError
from .sources import Place, name_quality

__all__ = ["add_geonames", "download_geonames", "dump_files", "read_dump_places"]

GEONAMES_URL = "https://download.geonames.org/export/dump"
ENV_GEONAMES_URL = "GEOEVENTS_GEONAMES_URL"
FEATURE_CLASSES = "ADHLPRSTUV"
_DUMP_NAME = re.compile(r"^(?:[A-Z]{2}|allCountries|cities(?:500|1000|5000|15000))$")
_N_COLUMNS = 19


def dumps_dir() -> Path:
    """Folder in the cache where added dumps are kept."""
    return cache_dir() / "geonames"


def dump_files() -> list[Path]:
    """The dumps added so far, in a stable order."""
    folder = dumps_dir()
    return sorted(folder.glob("*.txt.gz")) if folder.exists() else []


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


def _open_text(path: Path) -> tuple[io.TextIOBase, str]:
    """Open a dump (.txt, .txt.gz or GeoNames .zip) as text; return it and its name."""
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
        raw = archive.open(member)
        return io.TextIOWrapper(raw, encoding="utf-8", newline="\n"), f"{path.name}:{member}"
    if path.name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", newline="\n"), path.name
    return open(path, encoding="utf-8", newline="\n"), path.name


def iter_dump(path: str | Path) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, 19 fields) for each row of a dump, checking the format."""
    path = Path(path)
    if not path.exists():
        raise InvalidInputError(f"no such file: {path}")
    fh, label = _open_text(path)
    with fh:
        line_no = 0
        try:
            for line_no, line in enumerate(fh, start=1):
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
        except UnicodeDecodeError as exc:
            raise GeoNamesDumpError(
                f"{label}, line {line_no + 1}: not UTF-8 ({exc.reason})"
            ) from None
        except (zipfile.BadZipFile, EOFError, gzip.BadGzipFile, OSError) as exc:
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
        Show a progress bar while reading.

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

    path = Path(path)
    classes = set(feature_classes.upper())
    if not classes or not classes <= set(FEATURE_CLASSES):
        raise InvalidInputError(
            f"feature_classes {feature_classes!r}: use letters from {FEATURE_CLASSES}"
        )
    stem = path.name.split(".")[0] or "dump"
    buf = io.BytesIO()
    kept = 0
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as out:
        rows = iter_dump(path)
        for _line, fields in tqdm(rows, desc=f"reading {path.name}", unit=" rows",
                                  disable=not progress, leave=False):  # fmt: skip
            if fields[6] in classes:
                out.write(("\t".join(fields) + "\n").encode("utf-8"))
                kept += 1
    if kept == 0:
        raise GeoNamesDumpError(f"{path.name}: no rows of feature classes {feature_classes}")
    return atomic_write(dumps_dir() / f"{stem}.txt.gz", buf.getvalue())


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
                population=int(f[14]) if f[14].isdigit() else 0,
                geonameid=int(f[0]),
                admin1=admin1_names.get(f"{f[8]}.{f[10]}", ""),
                source=f"geonames dump {path.name.split('.')[0]}",
                feature_code=f"{f[6]}.{f[7]}",
                names=alternates,
            )
        )
    return out


def download_geonames(
    name: str, *, base_url: str | None = None, timeout: float = 60.0, progress: bool = True
) -> Path:
    """Download a GeoNames dump (``"UA"``, ``"allCountries"``…) into a temporary file.

    The base URL is GeoNames' dump folder, or ``$GEOEVENTS_GEONAMES_URL``, or
    ``base_url``. Only http(s) URLs are accepted. Raises :class:`DownloadError`
    when the machine is offline or the server refuses.

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
    base = (base_url or os.environ.get(ENV_GEONAMES_URL) or GEONAMES_URL).rstrip("/")
    parsed = urllib.parse.urlsplit(base)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InvalidInputError(f"base URL {base!r} must be an http(s) URL")
    url = f"{base}/{name}.zip"
    final = Path(tempfile.mkdtemp(prefix="geoevents-download-")) / f"{name}.zip"
    tmp = final.with_suffix(".part")
    try:
        with open(tmp, "wb") as fh:
            request = urllib.request.Request(url, headers={"User-Agent": "geoevents"})
            with urllib.request.urlopen(request, timeout=timeout) as resp:
                total = int(resp.headers.get("Content-Length") or 0) or None
                with tqdm(total=total, unit="B", unit_scale=True, desc=f"{name}.zip",
                          disable=not progress, leave=False) as bar:  # fmt: skip
                    while chunk := resp.read(1 << 16):
                        fh.write(chunk)
                        bar.update(len(chunk))
        if not zipfile.is_zipfile(tmp):
            raise DownloadError(f"{url} did not return a zip archive")
        os.replace(tmp, final)
        return final
    except urllib.error.HTTPError as exc:
        shutil.rmtree(final.parent, ignore_errors=True)
        raise DownloadError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        shutil.rmtree(final.parent, ignore_errors=True)
        reason = getattr(exc, "reason", exc)
        raise DownloadError(f"cannot download {url}: {reason} (is the machine online?)") from None
    except BaseException:
        shutil.rmtree(final.parent, ignore_errors=True)
        raise
