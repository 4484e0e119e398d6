"""Reports and events on Dask: the same rows as :func:`geoevents.extract_events`, read by a cluster.

Needs the ``dask`` extra: ``pip install 'geoevents[dask]'`` (dask, distributed and
dask-geopandas of matching versions).

Work runs on a Dask ``distributed`` cluster: by default a :class:`~distributed.LocalCluster`
of one single-threaded process per core (made on first use and kept for the session);
give ``scheduler="tcp://host:8786"`` or ``client=`` for a real cluster. Every worker
process opens geoevents' own gazetteer once (memory-mapped from its cache, built there
if missing) and keeps it.

A collection read here gives the rows one :func:`geoevents.extract_events` call gives
for the same reports, in any partitioning: reports are regrouped into tasks of whole
blocks of 500 (each block reads from the same seed context, learnt from the same
sample of the collection), and the collection pass that re-chooses village namesakes
scores them against the whole collection's points.

Examples
--------
>>> import geoevents.dask as gd  # doctest: +SKIP
>>> reports = gd.read_articles("reports/")  # doctest: +SKIP
>>> events = gd.extract_events(reports, published="2022-05-04")  # doctest: +SKIP
>>> events.to_parquet("events.parquet")  # partitioned GeoParquet  # doctest: +SKIP
"""

from __future__ import annotations

import atexit
import contextlib
import os
import threading
from typing import TYPE_CHECKING

from ._errors import InvalidInputError

if TYPE_CHECKING:  # pragma: no cover
    import dask.dataframe as dd

__all__ = ["client", "extract_events", "extract_frame", "read_articles"]

_FILES_PER_PARTITION = 200
_LOCAL: dict = {}
_LOCK = threading.Lock()


def _need_dask():
    try:
        import dask  # noqa: F401
        import dask_geopandas  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise InvalidInputError(
            "geoevents.dask needs Dask: pip install 'geoevents[dask]'"
        ) from None


def client(scheduler=None, *, n_workers: int | None = None):
    """The Dask client work goes to: one for ``scheduler`` (a ``tcp://`` address or a
    :class:`distributed.Client`), else this session's local cluster (one
    single-threaded worker process per core, or ``n_workers``), made on first use."""
    _need_dask()
    from distributed import Client, LocalCluster

    if isinstance(scheduler, Client):
        return scheduler
    if scheduler is not None:
        if not isinstance(scheduler, str) or not scheduler.startswith(("tcp://", "tls://")):
            raise InvalidInputError(
                f"scheduler must be a tcp:// or tls:// address or a Client, not {scheduler!r}"
            )
        try:
            return Client(scheduler, timeout="10s")
        except OSError as exc:
            raise InvalidInputError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
    with _LOCK:
        found = _LOCAL.get("client")
        if found is None or found.status in ("closed", "closing"):
            cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
            cluster = LocalCluster(n_workers=n_workers or cores, threads_per_worker=1,
                                   processes=True, dashboard_address=None)  # fmt: skip
            found = Client(cluster)
            _LOCAL.update(client=found, cluster=cluster)
            atexit.register(_close_local)
        return found


def _close_local() -> None:
    """Close this session's local cluster (at exit, before the interpreter tears down)."""
    with _LOCK:
        for key in ("client", "cluster"):
            thing = _LOCAL.pop(key, None)
            if thing is not None:
                with contextlib.suppress(Exception):
                    thing.close()


# ---------------------------------------------------------------------- reading


def _read_files(paths: list[str]):
    from ._readers import read_articles as read

    return read(paths, progress=False)


def read_articles(paths, *, files_per_partition: int = _FILES_PER_PARTITION) -> dd.DataFrame:
    """:func:`geoevents.read_articles` as a Dask DataFrame: the files found (in the
    same order), ``files_per_partition`` to a partition, read lazily by the workers.

    The rows, columns and dtypes are those of ``geoevents.read_articles(paths)``.
    """
    _need_dask()
    import dask
    import dask.dataframe as dd

    from ._readers import ARTICLE_COLUMNS, expand_paths

    if not isinstance(files_per_partition, int) or files_per_partition < 1:
        raise InvalidInputError("files_per_partition must be a positive int")
    files = [str(p) for p in expand_paths(paths)]
    if not files:
        raise InvalidInputError(f"no report files in {paths!r}")
    import pandas as pd

    meta = pd.DataFrame({c: pd.Series(dtype="str") for c in ARTICLE_COLUMNS})
    groups = [files[i : i + files_per_partition] for i in range(0, len(files),
                                                                 files_per_partition)]  # fmt: skip
    parts = [dask.delayed(_read_files)(g) for g in groups]
    return dd.from_delayed(parts, meta=meta, verify_meta=False)


# --------------------------------------------------------------------- extracting


def _extractor(options: dict):
    """This worker's extractor (made once per process), set for this collection."""
    from ._events.extract import default_extractor

    extractor = default_extractor()
    extractor.configure(**options)
    return extractor


def _articles(frame, given: dict):
    from ._events.inputs import reports_of

    return reports_of(frame, **given)


def _sample(frame, positions: list[int]):
    return frame.iloc[positions]


def _read_task(slices: list, given: dict, options: dict, seed):
    import pandas as pd

    frame = pd.concat(slices, ignore_index=True) if len(slices) > 1 else slices[0]
    return _extractor(options).read_part(_articles(frame, given), seed)


def _seed(sample, given: dict, options: dict):
    return _extractor(options).seed_from(_articles(sample, given) if sample is not None else [])


def _cut(frame, start: int, stop: int):
    return frame.iloc[start:stop]


def _points(part):
    from ._events.batch import collection_points

    return collection_points(part[0])


def _finish(part, points, options: dict):
    return _extractor(options).finish(part[0], points)


def _check_reports(reports) -> None:
    """A Dask or pandas frame of reports with a text column, or a clear error."""
    import dask.dataframe as dd
    import pandas as pd

    if not isinstance(reports, (dd.DataFrame, pd.DataFrame)):
        raise InvalidInputError(
            f"extract_events needs a Dask or pandas DataFrame of reports, not "
            f"{type(reports).__name__}"
        )
    if "text" not in reports.columns:
        raise InvalidInputError("the reports frame has no 'text' column")


def extract_events(reports, *, published=None, source=None, url=None, lang=None, area=None,
                   countries: bool = False, scheduler=None,
                   reports_per_task: int = 1000):  # fmt: skip
    """:func:`geoevents.extract_events` on a Dask cluster: a lazy
    ``dask_geopandas.GeoDataFrame`` with the same rows (event ids included), columns
    and dtypes as the single-process call on the same reports.

    Parameters
    ----------
    reports : dask or pandas DataFrame
        Reports as :func:`read_articles` (this module's or geoevents') gives them.
    published, source, url, lang, area, countries
        As for :func:`geoevents.extract_events`.
    scheduler : str or distributed.Client, optional
        Where to run (see :func:`client`); by default a local cluster.
    reports_per_task : int, default 1000
        Reports read by one task, rounded up to whole blocks of 500.

    Returns
    -------
    dask_geopandas.GeoDataFrame
        Lazy: ``.compute()`` gives a GeoDataFrame, ``.to_parquet(folder)`` writes
        partitioned GeoParquet. The reports are read once at this call (kept in the
        cluster's memory) to count them and to learn the collection's seed context;
        the events are read when computed. Reports without a publication date whose
        events have relative dates are not warned about here (the single-process call
        warns).
    """
    _need_dask()
    import dask
    import dask.dataframe as dd
    import pandas as pd

    from ._events.extract import BLOCK, seed_positions
    from ._events.frame import empty_events
    from ._geoparse.area import Area
    from ._geoparse.language import checked_language

    options = {"countries": bool(countries), "area": Area.of(area), "lang": checked_language(lang)}
    given = {"published": published, "source": source, "url": url}
    if not isinstance(reports_per_task, int) or reports_per_task < 1:
        raise InvalidInputError("reports_per_task must be a positive int")
    per_task = -(-reports_per_task // BLOCK) * BLOCK
    _check_reports(reports)
    local = reports if isinstance(reports, pd.DataFrame) else None
    client(scheduler)  # the default scheduler from here on
    if local is not None:
        # a pandas frame is cut here; its slices travel with the tasks
        parts = [local]
        lengths = [len(local)]
    else:
        parts = reports.to_delayed()
        lengths = dask.compute(*[dask.delayed(len)(p) for p in parts])
    starts = [0]
    for n in lengths:
        starts.append(starts[-1] + n)
    total = starts[-1]
    # the seed context from the collection's sample, learnt here as the whole call would
    wanted = seed_positions(total)
    picks = []
    for j, p in enumerate(parts):
        mine = [i - starts[j] for i in wanted if starts[j] <= i < starts[j + 1]]
        if mine:
            picks.append(_sample(p, mine) if local is not None else dask.delayed(_sample)(p, mine))
    sample_rows = picks if local is not None else dask.compute(*picks)
    sample = pd.concat(sample_rows, ignore_index=True) if len(sample_rows) else None
    # learnt by a worker, whose gazetteer is open already: one task all others wait for
    seed_ref = dask.delayed(_seed)(sample, given, options)
    tasks = []
    for a in range(0, total, per_task):
        b = min(total, a + per_task)
        slices = []
        for j, p in enumerate(parts):
            lo, hi = max(a, starts[j]), min(b, starts[j + 1])
            if lo < hi:
                lo, hi = lo - starts[j], hi - starts[j]
                slices.append(p.iloc[lo:hi] if local is not None
                              else dask.delayed(_cut)(p, lo, hi))  # fmt: skip
        tasks.append(dask.delayed(_read_task)(slices, given, options, seed_ref))
    meta = empty_events()
    if not tasks:
        return dd.from_pandas(meta, npartitions=1)
    points = dask.delayed(_join)([dask.delayed(_points)(t) for t in tasks])
    done = [dask.delayed(_finish)(t, points, options) for t in tasks]
    return dd.from_delayed(done, meta=meta, verify_meta=False)


def _join(parts):
    from ._events.batch import join_points

    return join_points(parts)


def extract_frame(reports, **kwargs):
    """:func:`extract_events` computed: a GeoDataFrame (for the command line's
    ``--scheduler``)."""
    return extract_events(reports, **kwargs).compute()
