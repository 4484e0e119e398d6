"""Safe files and bounded memos (``geoevents._cache``): ``atomic_write`` leaves the old
file whole when writing fails; ``BoundedCache`` empties itself past its limit."""

from __future__ import annotations

import stat

import pytest

from geoevents._cache import BoundedCache, atomic_write


def test_atomic_write_writes_bytes_creating_the_folder(tmp_path):
    target = tmp_path / "new" / "deeper" / "out.bin"
    assert atomic_write(target, b"one") == target
    assert target.read_bytes() == b"one"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.bin"]  # no leftovers


def test_a_writer_gets_a_path_with_the_same_name(tmp_path):
    target = tmp_path / "table.parquet"
    seen = []

    def writer(path):
        seen.append(path)
        path.write_text("new")

    atomic_write(target, writer)
    assert seen[0].name == "table.parquet" and seen[0] != target  # a format by its suffix
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.parquet"]


def test_a_writer_that_fails_leaves_the_old_file(tmp_path):
    target = tmp_path / "index.json"
    target.write_text("old")

    def writer(path):
        path.write_text("half of the new")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, writer)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.json"]  # nothing left behind


def test_bytes_that_cannot_be_written_leave_the_old_file(tmp_path):
    target = tmp_path / "index.json"
    target.write_text("old")
    with pytest.raises(TypeError):
        atomic_write(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.json"]


def test_bounded_cache_empties_itself_past_its_limit():
    memo = BoundedCache(3)
    assert [memo.put(k, k.upper()) for k in "abc"] == ["A", "B", "C"]
    assert memo.get("b") == "B" and len(memo) == 3
    assert memo.put("d", "D") == "D"  # full: emptied first
    assert dict(memo) == {"d": "D"}
    assert memo.get("a") is None
    for i in range(1000):
        memo.put(i, i)
        assert len(memo) <= 3


def test_bounded_cache_keeps_falsy_answers():
    memo = BoundedCache(10)
    memo.put("none", None)
    memo.put("zero", 0)
    assert "none" in memo and memo.get("none", False) is None
    assert memo.get("zero") == 0


def test_a_replaced_file_keeps_its_mode_and_a_link_stays_a_link(tmp_path):
    """A private file written again stays private (it was world-readable after the
    first save); a symbolic link to an output still points at the new output."""
    target = tmp_path / "events.html"
    target.write_text("old")
    target.chmod(0o640)
    atomic_write(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_bytes() == b"new"
    atomic_write(target, lambda tmp: tmp.write_text("newer"))
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    link = tmp_path / "latest.html"
    link.symlink_to(target)
    atomic_write(link, b"through the link")
    assert link.is_symlink() and target.read_bytes() == b"through the link"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.html", "latest.html"]


def test_a_name_longer_than_the_file_system_takes_is_one_clear_error(tmp_path):
    from geoevents import OutputError
    from geoevents._cache import check_writable

    too_long = tmp_path / ("n" * 300 + ".html")
    for call in (lambda: atomic_write(too_long, b"x"), lambda: check_writable(too_long),
                 lambda: atomic_write(tmp_path / ("d" * 300) / "x.html", b"x")):  # fmt: skip
        with pytest.raises(OutputError) as info:
            call()
        assert "nnn" in str(info.value) or "ddd" in str(info.value)
        assert "\n" not in str(info.value)
