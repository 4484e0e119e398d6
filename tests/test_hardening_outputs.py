"""Hostile outputs: every write fails in one clear line, and every file written parses.

Issue 15: a path that is a folder or holds a NUL byte is an ``InvalidInputError``; a
write the system refuses is an ``OutputError`` (an ``OSError`` too) naming the user's
path, never the temporary file; KML and QGIS styles stay well-formed XML whatever the
text; map tiles, PNG sizes and store arguments are checked at the boundary; values a
map cannot draw are counted in a warning. Every row and sentence here is invented.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import warnings
import xml.etree.ElementTree as ET
import zipfile

import folium
import numpy as np
import pandas as pd
import pytest

import geoevents as ge
from geoevents import (
    EventStore,
    GeoEventsError,
    GeoEventsWarning,
    InvalidInputError,
    OutputError,
    StoreError,
)
from geoevents._cache import atomic_write
from geoevents._events import events_frame
from geoevents._export import qgis_style, to_geopackage, to_kml, to_partitioned_parquet
from geoevents._maps import EventsLayer
from tests.conftest import FIXTURES
from tests.test_cli import cli_gaz, small_parser  # noqa: F401  (fixtures)

GAZ = ge.Gazetteer.from_places(FIXTURES / "places.csv")  # towns for the store's rules
CONTROL = "".join(map(chr, [*range(0, 9), 11, 12, *range(14, 32)])) + "\ufffe\uffff"


def _events(**extra) -> pd.DataFrame:
    rows = [
        {"event_id": "a", "event_date": "2022-05-02", "event_type": "Battles",
         "latitude": 48.6, "longitude": 38.0, "fatalities": 2, "notes": "Clashes near Testivka."},
        {"event_id": "b", "event_date": "2022-05-03", "event_type": "Protests",
         "latitude": 50.4, "longitude": 30.5, "fatalities": 0, "notes": "A rally."},
    ]  # fmt: skip
    for row in rows:
        row.update(extra)
    return events_frame(rows)


def _payload(m: folium.Map) -> dict:
    return next(c for c in m._children.values() if isinstance(c, EventsLayer)).payload


# ------------------------------------------------------------------ 1. writes


def test_output_error_is_a_geoevents_error_and_an_oserror():
    assert issubclass(OutputError, GeoEventsError) and issubclass(OutputError, OSError)
    assert ge.OutputError is OutputError and "OutputError" in ge.__all__


@pytest.mark.parametrize("suffix", ["html", "png"])
def test_save_map_to_a_folder_or_a_nul_path_names_the_path(tmp_path, suffix):
    m = ge.map_events(_events())
    folder = tmp_path / f"adir.{suffix}"
    folder.mkdir()
    with pytest.raises(InvalidInputError, match=r"path .*adir\.\w+ is a folder"):
        ge.save_map(m, folder)
    with pytest.raises(InvalidInputError, match=r"path .* NUL byte"):
        ge.save_map(m, str(tmp_path / f"a\x00b.{suffix}"))
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name]


@pytest.mark.parametrize("name", ["f.gpkg", "f.kml", "f.kmz"])
def test_store_export_to_a_folder_names_the_path(tmp_path, name):
    (tmp_path / name).mkdir()
    with EventStore(":memory:") as store, pytest.raises(InvalidInputError, match=name):
        store.export(tmp_path / name)
    with EventStore(":memory:") as store, pytest.raises(InvalidInputError, match="NUL"):
        store.export(str(tmp_path / f"x\x00{name}"))


def test_a_refused_write_is_one_output_error_naming_the_path_not_the_temporary(
    tmp_path, monkeypatch
):
    target = tmp_path / "map.html"

    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(src))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError) as caught:
        atomic_write(target, b"<html></html>")
    message = str(caught.value)
    assert message == f"{target}: Permission denied"
    assert caught.value.errno == errno.EACCES and caught.value.filename == str(target)
    assert isinstance(caught.value, OSError) and "geoevents-tmp" not in message
    assert list(tmp_path.iterdir()) == []  # the temporary file is gone


def test_a_writer_whose_disk_fills_is_an_output_error(tmp_path):
    def writer(path):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    with pytest.raises(OutputError, match=r"out\.gpkg: No space left on device"):
        atomic_write(tmp_path / "out.gpkg", writer)
    try:
        atomic_write(tmp_path / "out.gpkg", writer)
    except OSError as exc:  # ``except OSError`` keeps working
        assert exc.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("writer", ["kml", "gpkg", "parquet"])
def test_exports_under_a_file_are_output_errors_naming_the_path(tmp_path, writer):
    (tmp_path / "plain").write_text("a file, not a folder")
    target = tmp_path / "plain" / f"out.{writer}"
    write = {"kml": to_kml, "gpkg": to_geopackage, "parquet": to_partitioned_parquet}[writer]
    with pytest.raises(OutputError, match=f"^{target}: "):
        write(_events(), target)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_is_an_output_error(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        with pytest.raises(OutputError, match=r"ro/m\.html: Permission denied"):
            ge.save_map(ge.map_events(_events()), ro / "m.html")
        with pytest.raises(OutputError, match=r"ro/x\.parquet"):
            to_partitioned_parquet(_events(), ro / "x.parquet")
    finally:
        ro.chmod(0o755)


# ------------------------------------------------------------------ 2. XML


@pytest.mark.parametrize("suffix", ["kml", "kmz"])
def test_kml_with_control_characters_is_well_formed(tmp_path, suffix):
    ev = _events(notes=f"Shelling{CONTROL} hit\tTestivka.\r\n", source="Agency\x01\x0b",
                 event_type="Battles\x02")  # fmt: skip
    out = to_kml(ev, tmp_path / f"ev.{suffix}", name="run\x07")
    body = zipfile.ZipFile(out).read("doc.kml") if suffix == "kmz" else out.read_bytes()
    root = ET.fromstring(body)
    text = "".join(root.itertext())
    assert "Shelling\ufffd" in text and "hit\tTestivka" in text and "Agency\ufffd\ufffd" in text
    assert not any(ch in text for ch in CONTROL)


def test_qgis_style_with_control_characters_is_well_formed():
    types = pd.Series(["Bat\x01tles", "Odd\x0b <&> \ud800"], dtype=object)
    qml = qgis_style(pd.DataFrame({"event_type": types}))
    root = ET.fromstring(qml.split("\n", 1)[1].encode("utf-8"))  # past the DOCTYPE line
    values = [c.get("value") for c in root.iter("category")]
    assert values == ["Bat\ufffdtles", "Odd\ufffd <&> ?", ""]


# ------------------------------------------------------------------ 3. tiles

TEMPLATE = "https://tiles.example.org/{z}/{x}/{y}.png"


def test_custom_tiles_need_an_attribution():
    with pytest.raises(InvalidInputError, match="pass attr="):
        ge.map_events(_events(), tiles=TEMPLATE)
    html = ge.map_events(_events(), tiles=TEMPLATE, attr="© Example tiles").get_root().render()
    assert "tiles.example.org" in html and "Example tiles" in html


@pytest.mark.parametrize(
    "tiles", ["<script>alert(1)</script>", "javascript:alert(1)//{z}/{x}/{y}", "no such tiles",
              "ftp://tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org/map.png"]
)  # fmt: skip
def test_tiles_that_are_no_name_nor_url_template_are_refused(tiles):
    with pytest.raises(InvalidInputError, match="tiles="):
        ge.map_events(_events(), tiles=tiles, attr="x")


def test_named_tiles_and_a_bad_attr():
    assert isinstance(ge.map_events(_events(), tiles="OpenTopoMap"), folium.Map)
    assert isinstance(ge.map_events(_events(), tiles="openstreetmap"), folium.Map)
    with pytest.raises(InvalidInputError, match="attr"):
        ge.map_events(_events(), tiles=TEMPLATE, attr=5)


# ------------------------------------------------------------------ 4. values a map cannot draw


def test_an_event_date_the_map_cannot_place_is_counted_in_a_warning():
    ev = _events()
    ev["event_date"] = ev["event_date"].astype(object)
    ev.loc[1, "event_date"] = dt.date(1, 1, 1)
    with pytest.warns(GeoEventsWarning, match="1 of 2 events have an event_date"):
        payload = _payload(ge.map_events(ev))
    assert payload["day"][0] is not None and payload["day"][1] is None


@pytest.mark.parametrize("aggregate", [False, True])
def test_fatalities_outside_the_range_are_unknown_with_a_warning(aggregate):
    ev = pd.concat([_events(), _events(), _events()], ignore_index=True)
    ev["fatalities"] = pd.Series([-5, 1e30, np.inf, 3, None, 10_000_000], dtype=float)
    with pytest.warns(GeoEventsWarning, match=r"3 of 6 events have fatalities .* unknown"):
        payload = _payload(ge.map_events(ev, aggregate=aggregate))
    if aggregate:
        assert sum(v for v in payload["agg"]["fat"] if v is not None) == 10_000_003
    else:
        assert payload["fat"] == [None, None, None, 3, None, 10_000_000]


def test_a_clean_frame_draws_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        payload = _payload(ge.map_events(_events()))
    assert payload["fat"] == [2, 0]


# ------------------------------------------------------------------ 5. PNG size


@pytest.mark.parametrize("size", [(10**6, 10**6), (50, 50), (1200, 10_001), ("a", 2), (800,)])
def test_png_sizes_a_browser_cannot_draw_are_refused_before_it_starts(tmp_path, size,
                                                                      monkeypatch):  # fmt: skip
    from geoevents._maps import render

    monkeypatch.setattr(render, "_render_png", lambda *a, **k: pytest.fail("browser started"))
    with pytest.raises(InvalidInputError, match="size"):
        ge.save_map(ge.map_events(_events()), tmp_path / "s.png", size=size)


# ------------------------------------------------------------------ 6. the store


@pytest.mark.parametrize("reports", [None, 5, b"bytes"])
def test_store_add_of_no_reports_names_reports(reports):
    with EventStore(":memory:") as store, pytest.raises(InvalidInputError, match="reports"):
        store.add(reports)


def test_store_ids_must_be_strings():
    with EventStore(":memory:") as store:
        with pytest.raises(InvalidInputError, match="event_id must be a string id"):
            store.sources(None)
        with pytest.raises(InvalidInputError, match="extraction_id must be a string id"):
            store.undo_merge(7)


@pytest.mark.parametrize("bound", [5, 2022, 2022.5, np.int64(2022), True, float("nan")])
def test_store_dates_are_never_numbers(bound):
    with EventStore(":memory:") as store:
        with pytest.raises(InvalidInputError, match=r"since=.*a number is not a date"):
            store.events(since=bound)
        with pytest.raises(InvalidInputError, match=r"until=.*a number is not a date"):
            store.count(until=bound)
        assert store.count(since="2022-01-01", until=dt.date(2022, 12, 31)) == 0


def test_store_errors_are_one_line():
    exc = StoreError(
        'connection to server at "127.0.0.1", port 1 failed: Connection refused\n'
        "\tIs the server running on that host and accepting TCP/IP connections?\n"
    )
    assert str(exc) == ('connection to server at "127.0.0.1", port 1 failed: Connection '
                        "refused; Is the server running on that host and accepting TCP/IP "
                        "connections?")  # fmt: skip


def _reading(article_id: str) -> dict:
    return {"event_id": f"{article_id}-0", "event_date": "2022-05-03", "time_precision": 1,
            "event_type": "Explosions/Remote violence", "latitude": 49.0, "longitude": 36.0,
            "geo_precision": 1, "location": "Testivka", "country_code": "UA",
            "notes": f"report {article_id}", "article_id": article_id}  # fmt: skip


def test_reports_of_one_batch_with_one_url_are_duplicates_not_already_stored():
    reports = pd.DataFrame({
        "article_id": ["tg-1", "tg-2", "tg-3"],
        "text": ["Drones hit Testivka.", "Shelling hit Testivka at night.", "Drones hit Testivka."],
        "url": ["https://t.me/chan/9", "https://t.me/chan/9", None],
    })  # fmt: skip
    events = events_frame([_reading("tg-1"), _reading("tg-2")])
    with EventStore(":memory:") as store:
        with pytest.warns(GeoEventsWarning, match=r"1 report\(s\).*https://t.me/chan/9 "
                                                  r"\(article_id tg-2\)"):  # fmt: skip
            result = store.add(reports, events=events, gazetteer=GAZ)
        assert (result.n_reports, result.n_skipped, result.n_batch_duplicates) == (1, 0, 2)
        assert "(0 already stored, 2 duplicate(s) in this batch)" in str(result)
        again = store.add(reports.iloc[:1], events=events.iloc[:1], gazetteer=GAZ)
        assert str(again) == "nothing new: 1 report(s) already in the store"


def test_cli_store_add_does_not_call_batch_duplicates_already_stored(
    small_parser,  # noqa: F811
    tmp_path,
    capsys,
):
    folder = tmp_path / "day"
    folder.mkdir()
    texts = {"a": "Artillery shelled Bakhmut on 3 May 2022.",
             "b": "Bakhmut came under fire on 3 May 2022, the mayor said."}  # fmt: skip
    for name, text in texts.items():
        (folder / f"{name}.json").write_text(
            json.dumps({"text": text, "url": "https://example.org/same"}), "utf-8"
        )
    from geoevents._cli import main

    assert main(["store", "add", str(folder), "--store", str(tmp_path / "s.duckdb")]) == 0
    told = capsys.readouterr()
    assert "(0 already stored, 1 duplicate(s) in this batch)" in told.out
    assert "warning: 1 report(s) of this batch have the URL" in told.err
    assert "https://example.org/same" in told.err


def test_store_add_checks_its_progress_switch():
    with EventStore(":memory:") as store, pytest.raises(InvalidInputError, match="progress must"):
        store.add(["Invented: shelling near Kherson."], progress="x")
