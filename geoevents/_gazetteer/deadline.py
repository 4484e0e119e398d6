"""Downloads with a total deadline: a server that stalls, or trickles bytes, is cut off in time.

``urllib``'s ``timeout`` bounds each read of a socket, not a download: a server that
sends a byte every few seconds holds it for ever. :class:`Watch` opens a request
with ``urllib`` (proxies and redirects as usual) on connections it keeps a hand on,
and a watcher thread shuts their sockets when the deadline passes or when less than
``MIN_BYTES_PER_SECOND`` arrived over the last ``window`` seconds: a read blocked on
them returns at once, and :attr:`Watch.why` says why it was cut.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
import urllib.request

__all__ = ["MIN_BYTES_PER_SECOND", "Watch"]

# A download slower than this is a server trickling bytes, not a slow line: GeoNames'
# UA.zip (about 30 MB) would take 8 hours at this rate, a phone line sends 5 KB/s.
MIN_BYTES_PER_SECOND = 1024
_POLL_SECONDS = 0.1


class Watch:
    """One download's deadline and rate floor (see the module docstring).

    Parameters
    ----------
    deadline : float
        Seconds the whole download may take, connection and headers included.
    window : float
        Seconds over which at least ``floor`` bytes per second must arrive (also each
        socket operation's timeout).
    floor : float
        Bytes per second.
    """

    def __init__(self, deadline: float, window: float, floor: float = MIN_BYTES_PER_SECOND):
        self.deadline, self.window, self.floor = deadline, window, floor
        self.why: str | None = None
        self._received = 0
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="geoevents-watch", daemon=True)

    def __enter__(self) -> Watch:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._done.set()
        self._thread.join()

    def open(self, request: urllib.request.Request):
        """The response to ``request``, on connections this watch can cut."""
        opener = urllib.request.build_opener(_HTTPHandler(self), _HTTPSHandler(self))
        return opener.open(request, timeout=min(self.window, self.deadline))

    def count(self, n: int) -> None:
        """Note ``n`` more bytes of the body received."""
        self._received += n

    def hold(self, sock: socket.socket) -> None:
        """Keep a hand on a connection's socket (its connection calls this)."""
        with self._lock:
            self._sockets.append(sock)
            cut = self.why is not None
        if cut:
            _shut(sock)

    def _cut(self, why: str) -> None:
        with self._lock:
            self.why = why
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)

    def _watch(self) -> None:
        start = mark_time = time.monotonic()
        mark_bytes = 0
        while not self._done.wait(_POLL_SECONDS):
            now = time.monotonic()
            if now - start > self.deadline:
                self._cut(f"not finished within its deadline of {self.deadline:g} s")
                return
            if now - mark_time >= self.window:
                got = self._received - mark_bytes
                if got < self.floor * self.window:
                    self._cut(
                        f"the server sent {got:,} bytes in {self.window:g} s, less than "
                        f"{self.floor:g} bytes a second (a stalled or trickling server)"
                    )
                    return
                mark_time, mark_bytes = now, self._received


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _watched(base: type, watch: Watch) -> type:
    """A connection class that hands its socket to ``watch`` once connected."""

    class Watched(base):
        def connect(self) -> None:
            super().connect()
            watch.hold(self.sock)

    return Watched


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, watch: Watch) -> None:
        super().__init__()
        self.connection = _watched(http.client.HTTPConnection, watch)

    def http_open(self, req):
        return self.do_open(self.connection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, watch: Watch) -> None:
        super().__init__()
        self.connection = _watched(http.client.HTTPSConnection, watch)

    def https_open(self, req):  # as the base class opens, with its TLS context
        return self.do_open(self.connection, req, context=self._context)
