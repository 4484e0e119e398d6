"""``geoevents store add|export|info`` (issue 14): the store from the command line."""

from __future__ import annotations

import json

import pyogrio
import pytest

from geoevents._cli import main
from tests.test_cli import cli_gaz, small_parser  # noqa: F401  (fixtures)


@pytest.fixture
def day_one(tmp_path):
    folder = tmp_path / "day1"
    folder.mkdir()
    (folder / "a.txt").write_text("Artillery shelled Bakhmut on 3 May 2022.", "utf-8")
    (folder / "b.json").write_text(json.dumps({
        "text": "Bakhmut came under artillery fire on 3 May 2022, the mayor said.",
        "url": "https://example.org/b"}), "utf-8")  # fmt: skip
    return folder


def test_store_add_twice_then_info_and_export(small_parser, day_one, tmp_path, capsys):  # noqa: F811
    store = str(tmp_path / "ev.duckdb")
    assert main(["store", "add", str(day_one), "--store", store]) == 0
    assert capsys.readouterr().out.startswith("run 1: 2 new report(s)")
    assert main(["store", "add", str(day_one), "--store", store]) == 0
    assert capsys.readouterr().out.startswith("nothing new: 2 report(s)")
    assert main(["store", "info", "--store", store, "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert (info["reports"], info["runs"], info["first_date"]) == (2, 1, "2022-05-03")
    out = tmp_path / "ev.gpkg"
    assert main(["store", "export", "--store", store, "-o", str(out)]) == 0
    assert pyogrio.read_info(out)["features"] == info["events"]
    assert main(["store", "export", "--store", store, "-o", str(tmp_path / "x.kml"),
                 "--since", "2023-01-01"]) == 0  # fmt: skip
    assert "<Placemark>" not in (tmp_path / "x.kml").read_text("utf-8")
    assert main(["store", "export", "--store", store, "-o", str(tmp_path / "x.kmz")]) == 0
    import zipfile

    with zipfile.ZipFile(tmp_path / "x.kmz") as kmz:
        assert kmz.read("doc.kml").count(b"<Placemark>") == info["events"]
    assert (tmp_path / "ev.qml").exists()  # the GeoPackage's QGIS style beside it


def test_store_usage_errors_are_one_line(tmp_path, capsys):
    assert main(["store"]) == 2
    assert (
        capsys.readouterr().err.strip() == "geoevents: error: choose an action: add, export or info"
    )
    assert main(["store", "info", "--store", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "is a folder" in err[0]
    with pytest.raises(SystemExit) as stop:
        main(["store", "add", "x.txt", "--store", "s.duckdb", "--workers", "0"])
    assert stop.value.code == 2
    assert main(["store", "export", "--store", str(tmp_path / "s.duckdb"), "-o",
                 str(tmp_path / "ev.txt")]) == 1  # fmt: skip
    assert "name it .gpkg, .kml, .kmz or .parquet" in capsys.readouterr().err


def test_store_add_reads_as_extract_does(small_parser, day_one, tmp_path, capsys):  # noqa: F811
    # bytes that are not UTF-8: refused naming the file, or read with --encoding-errors
    (day_one / "c.txt").write_bytes(b"Shelling hit Bakhmut on 4 May 2022 \xff.")
    store = str(tmp_path / "ev.duckdb")
    assert main(["store", "add", str(day_one), "--store", store]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "c.txt" in err[0]
    assert main(["store", "add", str(day_one), "--store", store,
                 "--encoding-errors", "replace"]) == 0  # fmt: skip
    assert capsys.readouterr().out.startswith("run 1: 3 new report(s)")
