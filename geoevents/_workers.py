"""Forked worker processes that stop with their parent: results in order, no orphans, no tracebacks.

:func:`fork_map` is what ``extract_events(n_jobs=...)`` reads blocks of reports with.
It replaces :class:`multiprocessing.pool.Pool`, whose shutdown can wait forever on a
queue lock that a killed worker held, and which leaves its first workers running when
a Ctrl-C comes while it starts them. Here each worker has a pipe of its own, so there is
no shared lock; the workers ignore Ctrl-C (SIGINT), so that the parent alone decides,
and take SIGTERM's default action, so that they end without a word; the parent stops
them all on any exception (a ``KeyboardInterrupt`` too) and joins them before it goes
on; a worker whose parent died sees its pipe close and ends too.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
from collections.abc import Callable, Iterator
from multiprocessing.connection import wait

from ._errors import GeoEventsError

__all__ = ["fork_map"]

_HELD = (signal.SIGINT, signal.SIGTERM)
_JOIN_SECONDS = 5.0  # a worker given SIGTERM that is still there after this gets SIGKILL


def fork_map(func: Callable[[int], object], n: int, jobs: int) -> Iterator:
    """``func(0)``, ..., ``func(n - 1)``, in this order, computed by ``jobs`` forked
    processes (each takes the next index when it is free).

    An exception ``func`` raises in a worker is raised here. On any exception in the
    parent while the results are read (``KeyboardInterrupt``, ``SystemExit``, the
    generator closed early), every worker is stopped and joined before it propagates.
    Needs the ``fork`` start method (POSIX).
    """
    ctx = multiprocessing.get_context("fork")
    workers: list = []  # (process, the parent's end of its pipe)
    finished = False
    try:
        with _signals_held():  # a Ctrl-C waits until the new worker ignores it
            for _ in range(max(1, min(jobs, n))):
                ours, theirs = ctx.Pipe()
                inherited = [conn for _, conn in workers] + [ours]
                proc = ctx.Process(target=_serve, args=(func, theirs, inherited), daemon=True)
                workers.append((proc, ours))
                proc.start()
                theirs.close()
        yield from _results(workers, n)
        finished = True
    finally:
        _stop(workers, finished)


def _results(workers: list, n: int) -> Iterator:
    """The results of indices 0..n-1 in order, handing out the next index to each worker
    that answers."""
    todo = iter(range(n))
    busy = {}  # connection -> process
    for proc, conn in workers:
        k = next(todo, None)
        if k is None:
            break
        conn.send(k)
        busy[conn] = proc
    done: dict[int, object] = {}
    for want in range(n):
        while want not in done:
            for conn in wait(list(busy)):
                try:
                    k, ok, value = conn.recv()
                except (EOFError, OSError):
                    raise _lost(busy[conn]) from None
                if not ok:
                    raise value
                done[k] = value
                k = next(todo, None)
                if k is None:
                    del busy[conn]  # idle until its pipe closes
                else:
                    conn.send(k)
        yield done.pop(want)


def _lost(proc) -> BaseException:
    """The error to raise for a worker that ended without its answer."""
    proc.join(0.5)  # a signal that stopped it as well as us is handled meanwhile
    code = proc.exitcode
    how = f"exit code {code}" if code is None or code >= 0 else signal.Signals(-code).name
    return GeoEventsError(f"a worker process ended before it finished its part ({how})")


def _stop(workers: list, finished: bool) -> None:
    """Close the pipes (an idle worker then ends), stop the workers still busy unless
    all went well, and join them all."""
    with _signals_held():
        for _, conn in workers:
            conn.close()
        for proc, _ in workers:
            if not finished and proc.pid is not None and proc.exitcode is None:
                proc.terminate()
        for proc, _ in workers:
            if proc.pid is None:
                continue
            proc.join(_JOIN_SECONDS if finished else 1.0)
            if proc.exitcode is None:
                proc.kill()
                proc.join()


@contextlib.contextmanager
def _signals_held():
    """SIGINT and SIGTERM held back in this thread (and in processes forked meanwhile)
    until the block ends; then delivered."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _serve(func, conn, inherited: list) -> None:
    """A worker: compute ``func(k)`` for each index the parent sends, until its pipe
    closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent alone decides
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # ended without a traceback
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
    for other in inherited:  # so that the parent's death closes our pipe
        other.close()
    while True:
        try:
            k = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer = (k, True, func(k))
        except Exception as exc:
            answer = (k, False, exc)
        try:
            conn.send(answer)
        except (BrokenPipeError, ConnectionResetError):
            return  # the parent has gone
        except Exception as exc:  # an answer that cannot be pickled
            with contextlib.suppress(OSError):
                conn.send((k, False, GeoEventsError(f"{type(exc).__name__}: {exc}")))
            return
