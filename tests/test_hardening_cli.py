"""Clean interrupts, and the command line's smaller promises: outputs, temporary files, PNGs.

Issue 15: Ctrl-C and SIGTERM, an output path checked before the work, temporary files
that a kill -9 leaves behind, progress bars only on a terminal, ``parse``'s exit code,
a PNG drawn with no network, and an offline check that reads assets, not text.

The interrupt tests start the real command line in a process of its own, over the
fixture gazetteer, on enough invented reports for two worker processes, and signal it
the way a terminal does (SIGINT to the whole process group) or the way ``kill`` does
(to the parent alone).
"""

from __future__ import annotations

import http.server
import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from geoevents import GeoEventsError, extract_events, map_events, save_map
from geoevents._cache import atomic_write, check_writable
from geoevents._cli import main
from geoevents._events import events_frame
from geoevents._maps import find_chromium, remote_assets
from geoevents._workers import fork_map

from .conftest import FIXTURES

LINUX = sys.platform.startswith("linux") and Path("/proc/self/stat").exists()
needs_proc = pytest.mark.skipif(not LINUX, reason="counts worker processes in /proc")

TOWNS = ("Mykolaiv", "Bakhmut", "Kherson", "Zaporizhzhia", "Kyiv")
VERBS = ("shelled", "struck", "attacked", "bombed")

# the command line over the fixture gazetteer; SIGINT as a terminal's foreground job has
# it (a shell that starts jobs in the background would have it ignored)
LAUNCHER = """\
import signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
from geoevents import Gazetteer, Geoparser
from geoevents._geoparse import parser
gaz = Gazetteer.from_places(sys.argv[1])
Gazetteer._default = gaz
parser._default_parser = Geoparser(gaz)
from geoevents._cli import main
sys.exit(main(sys.argv[2:]))
"""


def invented_report(i: int) -> str:
    """An invented report of a few sentences: made-up units striking fixture towns."""
    sentences = [
        f"The invented {i}th column {VERBS[(i + k) % 4]} {TOWNS[(i + k) % 5]} on "
        f"{1 + (i + k) % 27} May 2022, and the garrison of {TOWNS[(i + 2 * k) % 5]} "
        "answered with mortars."
        for k in range(5)
    ]
    return " ".join(sentences)


# this process's children from before the test (a browser, a database server, a
# kernel that other tests of the session started): not the test's to account for
_OLDER: set[int] = set()


@pytest.fixture(autouse=True)
def _children_from_before():
    _OLDER.clear()
    if LINUX:
        _OLDER.update(children(os.getpid()))
    yield


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (zombies included), but for this
    process's children from before the test."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return [p for p in found if pid != os.getpid() or p not in _OLDER]


def running(pid: int) -> bool:
    """Whether ``pid`` exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_for(predicate, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


# ------------------------------------------------------------------ interrupts


@pytest.fixture(scope="module")
def many_reports(tmp_path_factory) -> Path:
    """1,100 invented reports in one JSONL file: three blocks, two worker processes."""
    folder = tmp_path_factory.mktemp("interrupts")
    lines = [json.dumps({"text": invented_report(i), "published": "2022-05-30",
                         "source": "Invented Wire"}) for i in range(1100)]  # fmt: skip
    (folder / "reports.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "launch.py").write_text(LAUNCHER, encoding="utf-8")
    return folder


def interrupt_extract(folder: Path, out: Path, *, sig: int, group: bool, delay: float):
    """Start ``geoevents extract --workers 2``, wait until both workers run, wait
    ``delay`` seconds more, send ``sig``; (exit code, stderr lines, worker pids)."""
    out.write_text("old\n", encoding="utf-8")
    cmd = [sys.executable, str(folder / "launch.py"), str(FIXTURES / "places.csv"),
           "extract", str(folder / "reports.jsonl"), "--workers", "2", "-o", str(out)]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)  # fmt: skip
    try:
        assert wait_for(lambda: len(children(proc.pid)) >= 2, 60), "no workers started"
        workers = children(proc.pid)
        time.sleep(delay)
        if group:
            os.killpg(proc.pid, sig)  # as a terminal sends Ctrl-C
        else:
            os.kill(proc.pid, sig)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:  # a hang: end it and its group, and fail below
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    return proc.returncode, err.strip().splitlines(), workers


def check_clean_interrupt(folder, tmp_path, *, sig, group, delay):
    out = tmp_path / "events.csv"
    code, err, workers = interrupt_extract(folder, out, sig=sig, group=group, delay=delay)
    expected = (130, "geoevents: interrupted") if sig == signal.SIGINT else (
        143, "geoevents: terminated")  # fmt: skip
    assert (code, err) == (expected[0], [expected[1]])  # one line, no worker traceback
    assert wait_for(lambda: not any(running(w) for w in workers), 3), "a worker outlived us"
    assert out.read_text(encoding="utf-8") == "old\n"  # the old output survives
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]  # no temporary file


@pytest.fixture(scope="module")
def one_long_report(tmp_path_factory) -> Path:
    """One invented report of about 1 MB in one JSONL file: read in sections by two
    worker processes."""
    folder = tmp_path_factory.mktemp("long_interrupts")
    text = "\n\n".join(invented_report(i) for i in range(2500))
    line = json.dumps({"text": text, "published": "2022-05-30", "source": "Invented Wire"})
    (folder / "reports.jsonl").write_text(line + "\n", encoding="utf-8")
    (folder / "launch.py").write_text(LAUNCHER, encoding="utf-8")
    return folder


@needs_proc
def test_ctrl_c_to_the_process_group_ends_all_cleanly(many_reports, tmp_path):
    check_clean_interrupt(many_reports, tmp_path, sig=signal.SIGINT, group=True, delay=0.3)


@needs_proc
@pytest.mark.parametrize(("group", "delay"), [(True, 0.3), (False, 0.5)])
def test_ctrl_c_while_a_long_report_is_read_in_sections_ends_all_cleanly(
    one_long_report, tmp_path, group, delay
):
    check_clean_interrupt(one_long_report, tmp_path, sig=signal.SIGINT, group=group, delay=delay)


@needs_proc
@pytest.mark.slow
@pytest.mark.parametrize(
    ("sig", "group", "delay"),
    [
        (signal.SIGINT, True, 0.0),  # right after the workers started
        (signal.SIGINT, True, 0.9),  # in the middle of the work
        (signal.SIGINT, False, 0.1),  # the parent alone: it stops its workers
        (signal.SIGINT, False, 0.8),
        (signal.SIGTERM, True, 0.5),  # a service manager stopping the whole group
        (signal.SIGTERM, False, 0.4),  # kill PID
    ],
)
def test_interrupts_in_every_way_end_cleanly(many_reports, tmp_path, sig, group, delay):
    check_clean_interrupt(many_reports, tmp_path, sig=sig, group=group, delay=delay)


@needs_proc
def test_ctrl_c_in_extract_events_stops_its_workers(fixture_gaz):
    reports = [{"text": invented_report(i), "published": "2022-05-30"} for i in range(1100)]
    main_thread = threading.main_thread().ident
    me = os.getpid()

    seen = []

    def interrupt_when_workers_run() -> None:
        seen.append(wait_for(lambda: len(children(me)) >= 2, 60))
        time.sleep(0.2)
        signal.pthread_kill(main_thread, signal.SIGINT)  # wakes the waiting parent

    watcher = threading.Thread(target=interrupt_when_workers_run, daemon=True)
    started = time.monotonic()
    watcher.start()
    with pytest.raises(KeyboardInterrupt):
        extract_events(reports, gazetteer=fixture_gaz, n_jobs=2)
    watcher.join()
    assert seen == [True], "the workers never started: nothing was interrupted"
    assert time.monotonic() - started < 60
    assert children(me) == []  # stopped and joined before the interrupt went on


# -------------------------------------------------------------------- fork_map


def _square_slowly(k: int) -> int:
    time.sleep(0.01 * (5 - k % 5))  # later indices finish first
    return k * k


def _fails_on_two(k: int) -> int:
    if k == 2:
        raise ValueError("part two is broken")
    return k


def _dies_on_one(k: int) -> int:
    if k == 1:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
    return k


def _signal_dispositions(k: int):
    return signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)


@needs_proc
def test_fork_map_keeps_order_and_leaves_no_process():
    assert list(fork_map(_square_slowly, 11, 3)) == [k * k for k in range(11)]
    assert children(os.getpid()) == []


@needs_proc
def test_fork_map_raises_a_workers_error_and_stops_the_others():
    with pytest.raises(ValueError, match="part two"):
        list(fork_map(_fails_on_two, 6, 2))
    assert children(os.getpid()) == []


@needs_proc
def test_fork_map_says_when_a_worker_is_killed_instead_of_waiting():
    started = time.monotonic()
    with pytest.raises(GeoEventsError, match=r"ended before it finished.*SIGKILL"):
        list(fork_map(_dies_on_one, 4, 2))
    assert time.monotonic() - started < 10 and children(os.getpid()) == []


@needs_proc
def test_fork_map_closed_early_stops_its_workers():
    parts = fork_map(_square_slowly, 200, 2)
    assert next(parts) == 0
    parts.close()
    assert children(os.getpid()) == []


@needs_proc
def test_fork_map_workers_ignore_ctrl_c_and_die_quietly_on_sigterm():
    (dispositions,) = fork_map(_signal_dispositions, 1, 1)
    assert dispositions == (signal.SIG_IGN, signal.SIG_DFL)


# --------------------------------------------------------------- the commands


def one_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    return err[0]


@pytest.mark.parametrize("form", [[], ["--json"], ["--csv"]])
def test_parse_exits_1_when_it_finds_no_place(cli_parser, tmp_path, capsys, form):
    quiet = tmp_path / "quiet.txt"
    quiet.write_text("The harvest festival went ahead without incident.\n", encoding="utf-8")
    busy = tmp_path / "busy.txt"
    busy.write_text("Artillery struck Kherson before dawn.\n", encoding="utf-8")
    assert main(["parse", str(quiet), *form]) == 1
    capsys.readouterr()
    assert main(["parse", str(busy), *form]) == 0
    assert "Kherson" in capsys.readouterr().out


def test_progress_bars_only_on_a_terminal(monkeypatch):
    from geoevents._events.progress import Progress

    bar = Progress([100] * 600, long=200_000)  # pytest's stderr is no terminal
    assert bar.bar.disable
    bar.close()

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    bar = Progress([100] * 600, long=200_000)
    for _ in range(600):
        bar.report(100)
    bar.close()
    assert "extracting events" in screen.getvalue() and bar.bar.n == 600


def test_a_few_long_reports_show_their_progress_in_characters(monkeypatch):
    """A 10 MB report does not sit at 0/1 for a minute: its sections count as read."""
    from geoevents._events.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    assert Progress([100] * 3, long=200_000).bar is None  # a short call: no bar
    bar = Progress([3_000_000, 500], long=200_000)
    for _ in range(15):
        bar.section(200_000)  # the long report, section by section
        bar.bar.refresh()
    assert "1.60M/3.00M" in screen.getvalue()  # counted before the report ends
    bar.report(3_000_000)  # counted already
    bar.report(500)
    assert bar.bar.n == 3_000_500
    bar.close()


def test_gazetteer_build_shows_no_bar_into_a_pipe(small_world, capsys):
    assert main(["gazetteer", "build", "--force"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out.startswith("gazetteer index: ")


def _store_export(tmp_path, out):
    return ["store", "export", "--store", str(tmp_path / "events.duckdb"), "-o", str(out)]


COMMANDS = {
    "extract": (".csv", lambda tmp, out: ["extract", str(tmp / "r.txt"), "-o", str(out)]),
    "map": (".html", lambda tmp, out: ["map", str(tmp / "r.txt"), "-o", str(out)]),
    "store export": (".gpkg", _store_export),
}


def unwritable_folder(tmp_path: Path) -> Path:
    """A folder this process cannot create files in (root may write anywhere a mode
    forbids, not in sysfs)."""
    if os.geteuid() == 0:
        if not Path("/sys").is_dir():
            pytest.skip("no folder that root cannot write")
        return Path("/sys")
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    return folder


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("where", ["missing folder", "a folder", "read-only folder"])
def test_an_unwritable_output_is_refused_before_any_work(cli_parser, tmp_path, capsys,
                                                        monkeypatch, command, where):  # fmt: skip
    from geoevents import _cli

    def no_work(*args, **kwargs):
        raise AssertionError("the reports were read before the output was checked")

    monkeypatch.setattr(_cli, "_read_reports", no_work)
    (tmp_path / "r.txt").write_text("Artillery struck Kherson before dawn.\n", encoding="utf-8")
    suffix, argv = COMMANDS[command]
    if where == "missing folder":
        out = tmp_path / "no-such-folder" / f"out{suffix}"
    elif where == "a folder":
        out = tmp_path / f"out{suffix}"
        out.mkdir()
    else:
        out = unwritable_folder(tmp_path) / f"out{suffix}"
    assert main(argv(tmp_path, out)) == 1
    err = one_line(capsys)
    assert err.startswith(f"geoevents: error: cannot write {out}: ")
    assert "geoevents-tmp" not in err
    assert not (tmp_path / "events.duckdb").exists()  # the store was not even opened


def test_a_failed_move_names_the_users_file_not_the_temporary_one(cli_parser, tmp_path,
                                                                  capsys, monkeypatch):  # fmt: skip
    from geoevents import _cache

    (tmp_path / "r.txt").write_text("Artillery struck Kherson before dawn.\n", encoding="utf-8")
    out = tmp_path / "events.csv"

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(src), str(dst))

    monkeypatch.setattr(_cache.os, "replace", refuse)
    argv = ["extract", str(tmp_path / "r.txt"), "--published", "2023-04-02", "-o", str(out)]
    assert main(argv) == 1
    assert one_line(capsys) == f"geoevents: error: {out}: Permission denied"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt"]


def test_workers_option_is_checked(capsys):
    with pytest.raises(SystemExit) as stop:  # argparse's usage error: one line, exit 2
        main(["extract", "x.txt", "--workers", "0"])
    assert stop.value.code == 2 and "--workers" in one_line(capsys)


# ---------------------------------------------------------- temporary files


def dead_pid() -> int:
    """The pid of a process that has just ended (and been reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_temporary_files_are_named_for_us(tmp_path):
    seen = []
    atomic_write(tmp_path / "events.csv", lambda tmp: seen.append(tmp) or tmp.write_text("x"))
    holder = seen[0].parent.name
    assert holder.startswith(f".events.csv.geoevents-tmp-{os.getpid()}-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]


def test_stale_temporary_files_of_ended_processes_are_removed(tmp_path):
    gone = dead_pid()
    stale_file = tmp_path / f".events.csv.geoevents-tmp-{gone}-0a1b2c3d"
    stale_folder = tmp_path / f".map.png.geoevents-tmp-{gone}-99887766"
    stale_file.write_bytes(b"half")
    stale_folder.mkdir()
    (stale_folder / "map.html").write_text("half")
    kept = [
        tmp_path / f".events.csv.geoevents-tmp-{os.getppid()}-0a1b2c3d",  # still running
        tmp_path / f"events.csv.geoevents-tmp-{gone}-0a1b2c3d",  # not hidden: not ours
        tmp_path / f".events.csv.geoevents-tmp-{gone}-0a1b2c3",  # not our exact pattern
        tmp_path / "notes.txt",
    ]
    for path in kept:
        path.write_text("keep")
    atomic_write(tmp_path / "other.csv", b"new")
    assert not stale_file.exists() and not stale_folder.exists()
    assert all(path.exists() for path in kept)


@needs_proc
def test_what_a_kill_9_leaves_is_cleared_by_the_next_write(tmp_path):
    target = tmp_path / "events.csv"
    script = textwrap.dedent(f"""\
        import time
        from geoevents._cache import atomic_write

        def slow(tmp):
            tmp.write_text("half")
            print("writing", flush=True)
            time.sleep(60)

        atomic_write({str(target)!r}, slow)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "writing"
        left = [p.name for p in tmp_path.iterdir()]
        assert len(left) == 1 and left[0].startswith(f".events.csv.geoevents-tmp-{proc.pid}-")
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
    assert [p.name for p in tmp_path.iterdir()] == left  # kill -9: nothing cleaned up
    atomic_write(target, b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]


def test_check_writable_allows_a_folder_output_when_asked(tmp_path):
    (tmp_path / "events.parquet").mkdir()
    assert check_writable(tmp_path / "events.parquet", folder_ok=True) == (
        tmp_path / "events.parquet"
    )
    with pytest.raises(GeoEventsError, match="it is a folder"):
        check_writable(tmp_path / "events.parquet")
    assert [p.name for p in tmp_path.iterdir()] == ["events.parquet"]


# --------------------------------------------------------------------- maps


def invented_events(note: str = "A patrol reported shots.") -> object:
    return events_frame([
        {"event_id": "x1", "event_date": "2023-04-02", "event_type": "Battles",
         "latitude": 47.2, "longitude": 36.1, "geo_precision": 1, "notes": note},
        {"event_id": "x2", "event_date": "2023-04-03", "event_type": "Protests",
         "latitude": 46.9, "longitude": 35.4, "geo_precision": 2},
    ])  # fmt: skip


HOSTILE_NOTE = (
    "The clerk typed @import 'http://tracker.invalid/a.css'; then "
    '<link rel="stylesheet" href="https://tracker.invalid/b.css"> and '
    "<script src=//tracker.invalid/c.js></script> and <style>@import url(http://x.invalid/d.css)"
)


def test_offline_save_looks_at_the_pages_assets_not_at_its_text(tmp_path):
    out = save_map(map_events(invented_events(HOSTILE_NOTE)), tmp_path / "m.html", offline=True)
    page = out.read_text(encoding="utf-8")
    assert remote_assets(page) == [] and "tracker.invalid/a.css" in page  # kept, as text


@pytest.mark.parametrize(
    "asset",
    [
        '<link rel="stylesheet" href="https://assets.invalid/extra.css">',
        "<style>@import url('http://assets.invalid/extra.css');</style>",
        '<script src="//assets.invalid/extra.js"></script>',
    ],
)
def test_offline_save_still_refuses_a_remote_asset(tmp_path, asset):
    from branca.element import Element

    m = map_events(invented_events())
    m.get_root().header.add_child(Element(asset))
    with pytest.raises(GeoEventsError, match=r"assets\.invalid"):
        save_map(m, tmp_path / "m.html", offline=True)
    assert list(tmp_path.iterdir()) == []


class _TileServer:
    """An HTTP server on 127.0.0.1 that answers every request with an empty PNG and
    counts them."""

    PNG = bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
        "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )

    def __init__(self) -> None:
        hits = self.hits = []
        body = self.PNG

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/{{z}}/{{x}}/{{y}}.png"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.browser
@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")
def test_png_is_drawn_offline_unless_tiles_are_asked_for(tmp_path):
    import folium

    server = _TileServer()
    try:
        tiles = folium.TileLayer(tiles=server.url, attr="invented tiles")
        m = map_events(invented_events(), tiles=tiles)
        quiet = save_map(m, tmp_path / "quiet.png", size=(400, 300), timeout=60)
        assert quiet.read_bytes()[:4] == b"\x89PNG" and server.hits == []
        shown = save_map(m, tmp_path / "tiles.png", size=(400, 300), timeout=60,
                         fetch_tiles=True)  # fmt: skip
        assert shown.read_bytes()[:4] == b"\x89PNG" and len(server.hits) > 0
    finally:
        server.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quiet.png", "tiles.png"]
