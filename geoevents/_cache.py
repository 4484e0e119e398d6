"""Where geoevents keeps what it builds, how it writes files safely, and how it memoises.

The cache folder is ``$GEOEVENTS_CACHE_DIR`` when set, else
``$XDG_CACHE_HOME/geoevents``, else ``~/.cache/geoevents``. It holds the
compiled gazetteer index (``index/``), GeoNames dumps the user added
(``geonames/``) and the answers of an online fallback geocoder
(``online-geocoder.sqlite``). Deleting it is always safe: it is rebuilt.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["BoundedCache", "atomic_write", "cache_dir", "replace_dir"]

ENV_CACHE_DIR = "GEOEVENTS_CACHE_DIR"


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
    by the suffix still do). The folder is created when missing; the file is readable
    by all (mode 644), like any file a program saves.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> atomic_write(target, b"one").read_bytes()
    b'one'
    >>> atomic_write(target, lambda tmp: tmp.write_text("two")).read_text()
    'two'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if callable(data):
        folder = tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            tmp = Path(folder) / path.name
            data(tmp)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return path
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
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
