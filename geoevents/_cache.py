"""Where geoevents keeps what it builds, how it writes files safely, and how it memoises.

The cache folder is ``$GEOEVENTS_CACHE_DIR`` when set, else
``$XDG_CACHE_HOME/geoevents``, else ``~/.cache/geoevents``. It holds the
compiled gazetteer index (``index/``), GeoNames dumps the user added
(``geonames/``) and the answers of an online fallback geocoder
(``online-geocoder.sqlite``). Deleting it is always safe: it is rebuilt.

The cache is trusted only when it is private: :func:`cache_folder` creates folders
with mode 700 and refuses one that another user owns or may write. Files the package
adds to a folder (GeoNames dumps) are noted with their SHA-256 in the folder's
``manifest.json``; :func:`recorded_files` skips, with a warning, any file not noted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import stat
import warnings
from collections.abc import Callable
from pathlib import Path

from ._errors import (
    GazetteerError,
    GeoEventsError,
    GeoEventsWarning,
    InvalidInputError,
    OutputError,
)

__all__ = [
    "BoundedCache",
    "atomic_write",
    "cache_dir",
    "cache_folder",
    "check_private",
    "check_writable",
    "output_error",
    "output_path",
    "record_file",
    "recorded_digest",
    "recorded_files",
    "replace_dir",
    "temp_beside",
    "verify_recorded",
]

ENV_CACHE_DIR = "GEOEVENTS_CACHE_DIR"
MANIFEST = "manifest.json"
# group/others may read the cache (it holds public data) but never write it: a file
# they could plant would become gazetteer places or geocoding answers
_FOREIGN_WRITE = stat.S_IWGRP | stat.S_IWOTH


def cache_dir() -> Path:
    """Return the cache folder (not created).

    Examples
    --------
    >>> import os
    >>> saved = os.environ.get("GEOEVENTS_CACHE_DIR")
    >>> os.environ["GEOEVENTS_CACHE_DIR"] = "/tmp/my-geoevents-cache"
    >>> str(cache_dir())
    '/tmp/my-geoevents-cache'
    >>> if saved is None:
    ...     del os.environ["GEOEVENTS_CACHE_DIR"]
    ... else:
    ...     os.environ["GEOEVENTS_CACHE_DIR"] = saved
    """
    env = os.environ.get(ENV_CACHE_DIR)
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "geoevents"


def atomic_write(path: str | Path, data: bytes | Callable[[Path], None]) -> Path:
    """Write ``path`` atomically: readers see the old file or the new one, never half.

    ``data`` is the file's bytes, or a function that writes the file at the path it is
    given (a temporary path with the same name, so that writers which choose a format
    by the suffix still do). The folder is created when missing; a new file is readable
    by all (mode 644), like any file a program saves, and a file replaced keeps its
    mode (a private 600 file stays private); a symbolic link stays one, to the new
    file. The temporary file or folder lies beside ``path``, named
    ``.<name>.geoevents-tmp-<pid>-<random>`` (see :func:`temp_beside`); an error names
    ``path``, never the temporary file.

    A ``path`` with a NUL byte, or one that is a folder, is an
    :class:`~geoevents.InvalidInputError`; a file that cannot be written (no permission,
    disk full, a read-only folder) is an :class:`~geoevents.OutputError` (an
    :class:`OSError` too) of one line naming ``path`` and the reason.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> atomic_write(target, b"one").read_bytes()
    b'one'
    >>> atomic_write(target, lambda tmp: tmp.write_text("two")).read_text()
    'two'
    """
    path = output_path(path)
    try:
        if path.is_symlink():  # the file it links to is replaced; the link stays
            path = Path(os.path.realpath(path))
        mode = stat.S_IMODE(path.stat().st_mode) if path.is_file() else 0o644
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = temp_beside(path, folder=callable(data))
    except OSError as exc:
        raise output_error(exc, path, path) from None
    try:
        if callable(data):
            data(tmp / path.name)
            os.chmod(tmp / path.name, mode)
            os.replace(tmp / path.name, path)
        else:
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, path)
    except Exception as exc:
        raise output_error(exc, tmp, path) from (None if isinstance(exc, OSError) else exc)
    finally:
        remove_temp(tmp)
    return path


TEMP_MARK = ".geoevents-tmp-"
# .<name>.geoevents-tmp-<pid>-<8 hex>: the only names stale-temporary cleaning removes
_TEMP_NAME = re.compile(r"\..+\.geoevents-tmp-(\d+)-[0-9a-f]{8}", re.S)


def temp_beside(path: Path, *, folder: bool = False) -> Path:
    """A new empty temporary file (or folder) beside ``path``, private to this user,
    named ``.<name>.geoevents-tmp-<pid>-<random>``; the caller removes it. First
    removes such files left in that folder by processes that no longer run (a
    ``kill -9`` in the middle of a write)."""
    _remove_stale_temps(path.parent)
    while True:
        tmp = path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{os.urandom(4).hex()}")
        try:
            if folder:
                tmp.mkdir(mode=0o700)
            else:
                os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:  # pragma: no cover - 32 random bits taken already
            continue
        return tmp


def _remove_stale_temps(folder: Path) -> None:
    """Remove the temporary files of :func:`temp_beside` in ``folder`` whose process
    has ended (on POSIX, where a process can be asked whether it runs)."""
    if os.name != "posix":  # pragma: no cover - os.kill(pid, 0) would end it on Windows
        return
    try:
        names = [e.name for e in os.scandir(folder) if TEMP_MARK in e.name]
    except OSError:
        return
    for name in names:
        match = _TEMP_NAME.fullmatch(name)
        if match and int(match.group(1)) != os.getpid() and not _pid_alive(int(match.group(1))):
            remove_temp(folder / name)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OverflowError, OSError):
        pass  # another user's process (or a pid we cannot ask about): kept
    return True


def remove_temp(path: Path) -> None:
    """Remove a file, link or folder tree, quietly (gone already is fine)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def output_path(path: str | Path, *, folder_ok: bool = False) -> Path:
    """``path`` as a :class:`Path` a file can be written at: an
    :class:`~geoevents.InvalidInputError` naming it when it holds a NUL byte (no file
    system takes one) or is a folder (a file name inside it is wanted; unless
    ``folder_ok``: outputs that are folders)."""
    text = os.fspath(path) if isinstance(path, (str, os.PathLike)) else None
    if not isinstance(text, str):
        raise InvalidInputError(f"path must be a file path (str or Path), not {path!r}")
    if "\x00" in text:
        raise InvalidInputError(f"path {text!r} holds a NUL byte: no file can be named so")
    path = Path(text)
    if is_folder(path) and not folder_ok:
        raise InvalidInputError(f"path {path} is a folder: give a file name (inside it)")
    return path


def is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder; an :class:`~geoevents.OutputError` naming it when
    the system cannot even say (a name longer than the file system takes)."""
    try:
        return path.is_dir()
    except OSError as exc:
        raise OutputError(f"{path}: {exc.strerror or exc}") from None


def output_error(exc: Exception, tmp: Path, path: Path) -> Exception:
    """``exc`` told of the user's ``path``, not of the temporary ``tmp`` beside it: an
    :class:`OSError` becomes an :class:`~geoevents.OutputError` of one line naming
    ``path`` and the reason; an error geoevents raised on purpose stays as it is."""
    if isinstance(exc, GeoEventsError):
        return exc
    if isinstance(exc, OSError):
        reason = exc.strerror or str(exc) or type(exc).__name__
        for name in (str(tmp / path.name), str(tmp)):
            reason = reason.replace(name, str(path))
        error = OutputError(f"{path}: {' '.join(reason.split())}")  # as the CLI tells OSErrors
        error.errno, error.filename = exc.errno, str(path)
        return error
    if str(tmp) in str(exc):
        told = str(exc).replace(str(tmp / path.name), str(path)).replace(str(tmp), str(path))
        return GeoEventsError(f"cannot write {path}: {told}")
    return exc


def check_writable(path: str | Path, *, folder_ok: bool = False) -> Path:
    """Refuse, before any work, an output path that cannot be written: a
    :class:`~geoevents.GeoEventsError` naming it when its folder is missing or not
    writable, or when it is a folder (unless ``folder_ok``: outputs that are folders).
    Returns the path, with ``~`` expanded."""
    path = Path(path).expanduser()
    folder = path.parent
    if not is_folder(folder):
        raise GeoEventsError(f"cannot write {path}: no such folder {folder}")
    if is_folder(path) and not folder_ok:
        raise GeoEventsError(f"cannot write {path}: it is a folder")
    try:
        remove_temp(temp_beside(path))  # what the write will do, tried at once
    except OSError as exc:
        raise GeoEventsError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


class BoundedCache(dict):
    """A memo of a pure function's answers that empties itself past ``limit`` entries.

    Reading is a plain ``dict.get``; :meth:`put` stores an answer, first emptying the
    memo when it is full, so memory stays bounded on any stream of inputs.

    Examples
    --------
    >>> memo = BoundedCache(2)
    >>> memo.put("a", 1), memo.put("b", 2), memo.put("c", 3)
    (1, 2, 3)
    >>> sorted(memo)
    ['c']
    """

    __slots__ = ("limit",)

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def put(self, key, value):
        """Store ``value`` for ``key`` and return it."""
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value


def replace_dir(new: Path, target: Path) -> None:
    """Move the finished folder ``new`` to ``target``, replacing what was there.

    Processes that already memory-mapped files of the old folder keep reading
    them (the files live on until closed).
    """
    old = None
    if target.exists():
        old = target.with_name(f"{target.name}.old-{os.getpid()}-{os.urandom(4).hex()}")
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def check_private(path: Path) -> None:
    """Refuse ``path`` (a cache folder or file) unless this user owns it and no one
    else may write it: :class:`GazetteerError` saying what to do. No-op where it does
    not exist, and on Windows (no POSIX owners)."""
    if os.name == "nt" or not hasattr(os, "getuid"):  # pragma: no cover - POSIX here
        return
    try:
        st = path.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise GazetteerError(f"cannot read the geoevents cache {path}: {exc}") from exc
    where = f"set {ENV_CACHE_DIR} to a folder of your own"
    if st.st_uid != os.getuid():
        raise GazetteerError(
            f"the geoevents cache {path} belongs to another user (uid {st.st_uid}), so its "
            f"contents cannot be trusted: {where}, or delete it"
        )
    mode = stat.S_IMODE(st.st_mode)
    if mode & _FOREIGN_WRITE:
        raise GazetteerError(
            f"the geoevents cache {path} may be written by other users (mode {mode:o}), so "
            f"its contents cannot be trusted: run `chmod go-w {path}`, or {where}"
        )


def cache_folder(*parts: str) -> Path:
    """The cache folder (or a subfolder ``parts``), created with mode 700 when
    missing and checked with :func:`check_private` (the top folder and each part)."""
    root = cache_dir()
    folders = [root, *(root.joinpath(*parts[: i + 1]) for i in range(len(parts)))]
    for i, folder in enumerate(folders):
        try:
            folder.mkdir(mode=0o700, parents=i == 0, exist_ok=True)
        except OSError as exc:
            raise GazetteerError(f"cannot create the geoevents cache {folder}: {exc}") from exc
        check_private(folder)
    return folders[-1]


def _sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _read_manifest(folder: Path) -> dict[str, dict]:
    try:
        files = json.loads((folder / MANIFEST).read_text("utf-8")).get("files", {})
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, AttributeError) as exc:
        warnings.warn(
            f"the manifest {folder / MANIFEST} is unreadable ({exc}); files of {folder} are "
            "ignored until added again",
            GeoEventsWarning,
            stacklevel=3,
        )
        return {}
    return files if isinstance(files, dict) else {}


def record_file(path: Path) -> Path:
    """Note ``path``, a file geoevents has just written, in its folder's manifest."""
    path = Path(path)
    files = _read_manifest(path.parent)
    files[path.name] = {"sha256": _sha256(path), "size": path.stat().st_size}
    body = json.dumps({"files": dict(sorted(files.items()))}, indent=1)
    atomic_write(path.parent / MANIFEST, body.encode("utf-8"))
    return path


def recorded_digest(path: Path) -> str | None:
    """The SHA-256 the manifest notes for ``path``, or ``None``."""
    entry = _read_manifest(path.parent).get(path.name)
    return entry.get("sha256") if isinstance(entry, dict) else None


def recorded_files(folder: Path, pattern: str) -> list[Path]:
    """Files of ``folder`` matching ``pattern`` that its manifest notes with their size
    (cheap: no hashing); any other is left out with a :class:`GeoEventsWarning`."""
    if not folder.exists():
        return []
    check_private(folder)
    files = _read_manifest(folder)
    kept = []
    for path in sorted(folder.glob(pattern)):
        entry = files.get(path.name)
        if not isinstance(entry, dict):
            why = "was not added by geoevents"
        elif entry.get("size") != path.stat().st_size:
            why = "changed after geoevents added it"
        else:
            kept.append(path)
            continue
        warnings.warn(
            f"{path} {why}: ignored (delete it, or add the dump again with "
            "`geoevents gazetteer add-geonames`)",
            GeoEventsWarning,
            stacklevel=2,
        )
    return kept


def verify_recorded(path: Path) -> bool:
    """Whether ``path``'s content still has the SHA-256 its manifest notes (a
    :class:`GeoEventsWarning` when not); reads the whole file."""
    if recorded_digest(path) == _sha256(path):
        return True
    warnings.warn(
        f"{path} changed after geoevents added it: ignored (delete it, or add the dump "
        "again with `geoevents gazetteer add-geonames`)",
        GeoEventsWarning,
        stacklevel=2,
    )
    return False
