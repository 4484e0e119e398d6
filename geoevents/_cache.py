"""Where geoevents keeps what it builds, and how it writes files safely.

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
from pathlib import Path

__all__ = ["atomic_write_bytes", "cache_dir", "replace_dir"]

ENV_CACHE_DIR = "GEOEVENTS_CACHE_DIR"


def cache_dir() -> Path:
    """Return the cache folder (not created).

    Examples
    --------
    >>> import os
    >>> os.environ["GEOEVENTS_CACHE_DIR"] = "/tmp/my-geoevents-cache"
    >>> str(cache_dir())
    '/tmp/my-geoevents-cache'
    >>> del os.environ["GEOEVENTS_CACHE_DIR"]
    """
    env = os.environ.get(ENV_CACHE_DIR)
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "geoevents"


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically: readers see the old file or the new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


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
