"""The command line: called through main(argv), as a user would type it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from geoevents import Gazetteer
from geoevents._cli import main

from .conftest import FIXTURES


@pytest.fixture
def cli_gaz(fixture_gaz, monkeypatch):
    monkeypatch.setattr(Gazetteer, "_default", fixture_gaz)
    return fixture_gaz


def test_lookup_table(cli_gaz, capsys):
    assert main(["lookup", "Nikolaev"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["name", "kind", "country_code"]
    assert "Mykolaivska oblast" in out.splitlines()[1]


def test_lookup_json_with_filters(cli_gaz, capsys):
    assert main(["lookup", "Moscow", "--country", "US", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["admin1"], r["country_code"]) for r in rows] == [
        ("Moscow", "Idaho", "US")
    ]
    assert rows[0]["geonameid"] is None and isinstance(rows[0]["population"], int)


def test_lookup_with_no_match_exits_1(cli_gaz, capsys):
    assert main(["lookup", "Atlantis"]) == 1
    assert "no place matches 'Atlantis'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["lookup", "Kyiv", "--country", "Ukraine"], "alpha-2"),
        (["lookup", "Kyiv", "--kind", "town"], "is not one of"),
        (["lookup", "Kyiv", "--limit", "0"], "--limit"),
        # the option, not the API's argument (which may also be None)
        (["lookup", "Kyiv", "--limit", "99999999999"], "--limit must be a whole number from 1"),
        (["lookup", "Kyiv", "--places", "/nonexistent/places.csv"], "no such places file"),
    ],
)
def test_bad_input_is_one_line_and_nonzero(cli_gaz, capsys, argv, message):
    assert main(argv) != 0
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["lookup"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2
    assert main([]) == 2


def test_gazetteer_info(cli_gaz, capsys):
    assert main(["gazetteer", "info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["places"] == len(cli_gaz)
    assert main(["gazetteer", "info"]) == 0
    assert "GeoNames" in capsys.readouterr().out


def test_help_has_examples():
    out = subprocess.run(
        [sys.executable, "-m", "geoevents", "lookup", "--help"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "examples:" in out and "geoevents lookup Zaporizhia" in out


# ------------------------------------------------------------- parse, extract, map

SHELLING = "Russian forces shelled Mykolaiv on Monday, killing two civilians."
CLASH = "Fighting went on near Bakhmut on 3 May 2022."


@pytest.fixture
def small_parser(cli_gaz, monkeypatch):
    """parse/extract over the fixture gazetteer (fast, and independent of GeoNames)."""
    from geoevents import Geoparser
    from geoevents._events import extract
    from geoevents._geoparse import parser

    monkeypatch.setattr(parser, "_default_parser", Geoparser(cli_gaz))
    monkeypatch.setattr(extract, "_default_extractor", None)
    return cli_gaz


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.json").write_text(
        json.dumps({"text": f"{SHELLING} {CLASH}", "published": "2022-05-04",
                    "source": "Steppe Wire", "url": "https://example.org/a"}),
        encoding="utf-8",
    )  # fmt: skip
    (folder / "b.jsonl").write_text(
        json.dumps({"text": "Shelling hit Kherson on 1 May 2022.", "date": "2022-05-02"}) + "\n",
        encoding="utf-8",
    )
    return folder


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    return err


def test_parse_table_json_and_csv(small_parser, tmp_path, capsys):
    report = tmp_path / "r.txt"
    report.write_text("Shelling in Mykolaiv\nOfficials in Kyiv said Moscow denied it.\n")
    assert main(["parse", str(report)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["start", "end", "mention", "name"]
    assert [line.split()[2] for line in lines[1:]] == ["Mykolaiv", "Kyiv", "Moscow"]

    assert main(["parse", str(report), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["country_code"]) for r in rows] == [
        ("Mykolaiv", "UA"), ("Kyiv", "UA"), ("Moscow", "RU")
    ]  # fmt: skip
    assert rows[-1]["role"] == "metonym" and isinstance(rows[0]["latitude"], float)

    assert main(["parse", str(report), "--csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("start,end,mention,name,") and len(out) == 4


def test_parse_reads_stdin_and_says_when_nothing_is_found(small_parser, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("Drones flew over Kherson at night."))
    assert main(["parse", "-", "--csv"]) == 0
    assert ",Kherson,Kherson," in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("Nothing happened anywhere."))
    assert main(["parse", "-"]) == 1  # nothing found, as lookup: the README's exit codes
    assert "no place names found in 1 report" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".gpkg", ".parquet", ".geojson", ".csv"])
def test_extract_writes_each_format(small_parser, reports, tmp_path, capsys, suffix):
    import geopandas as gpd
    import pandas as pd

    out = tmp_path / f"events{suffix}"
    assert main(["extract", str(reports), "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"3 events from 2 reports → {out}"
    if suffix == ".csv":
        got = pd.read_csv(out)
        assert "geometry" not in got and got["event_date"].str.len().eq(10).all()
    elif suffix == ".parquet":
        got = gpd.read_parquet(out)
    else:
        got = gpd.read_file(out)
    assert sorted(got["location"]) == ["Bakhmut", "Kherson", "Mykolaiv"]
    assert set(got["source"].dropna()) == {"Steppe Wire"}
    shelled = got[got["location"] == "Mykolaiv"].iloc[0]
    assert str(shelled["event_date"])[:10] == "2022-05-02" and int(shelled["fatalities"]) == 2
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    if suffix == ".gpkg":  # a real DATE column, for QGIS's temporal controller
        import pyogrio

        info = pyogrio.read_info(out)
        assert info["ogr_types"][list(info["fields"]).index("event_date")] == "OFTDate"


def test_extract_writes_kml_with_a_time_per_placemark(small_parser, reports, tmp_path, capsys):
    out = tmp_path / "events.kml"
    assert main(["extract", str(reports), "-o", str(out)]) == 0
    kml = out.read_text("utf-8")
    assert kml.count("<Placemark>") == 3 and kml.count("<TimeStamp>") == 3
    assert "<when>2022-05-02</when>" in kml


def test_extract_without_output_prints_csv(small_parser, reports, capsys):
    assert main(["extract", str(reports / "a.json")]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].startswith("event_id,event_date,time_precision,event_type,")
    assert len(lines) == 3
    assert captured.err.strip() == "2 events from 1 report"


def test_extract_stdin_with_defaults(small_parser, monkeypatch, tmp_path, capsys):
    import pandas as pd

    monkeypatch.setattr("sys.stdin", io.StringIO(SHELLING))
    out = tmp_path / "ev.csv"
    argv = ["extract", "-", "--published", "2022-05-04", "--source", "My notes", "-o", str(out)]
    assert main(argv) == 0
    got = pd.read_csv(out)
    assert got[["location", "event_date", "source"]].values.tolist() == [
        ["Mykolaiv", "2022-05-02", "My notes"]
    ]
    assert got["article_id"].iloc[0].startswith("stdin-")


def test_extract_merge(small_parser, tmp_path, capsys):
    import pandas as pd

    for name, source in (("a", "Steppe Wire"), ("b", "Dnipro Ledger")):
        (tmp_path / f"{name}.json").write_text(json.dumps(
            {"text": "Drones struck Kherson on 3 May 2022.", "source": source}
        ))  # fmt: skip
    out = tmp_path / "merged.csv"
    assert main(["extract", str(tmp_path / "a.json"), str(tmp_path / "b.json"),
                 "--merge", "-o", str(out)]) == 0  # fmt: skip
    got = pd.read_csv(out)
    assert len(got) == 1 and int(got["n_reports"].iloc[0]) == 2
    assert got["source"].iloc[0] == "Steppe Wire | Dnipro Ledger"


def test_extract_failed_write_keeps_the_old_file(small_parser, reports, tmp_path, monkeypatch,
                                                 capsys):  # fmt: skip
    import geopandas as gpd

    out = tmp_path / "events.gpkg"
    out.write_bytes(b"old")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    import pyogrio

    monkeypatch.setattr(gpd.GeoDataFrame, "to_file", broken)
    monkeypatch.setattr(pyogrio, "write_arrow", broken)
    assert main(["extract", str(reports), "-o", str(out)]) == 1
    assert "disk full" in one_line_error(capsys)
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.gpkg", "reports"]


def test_extract_warns_in_one_line(small_parser, tmp_path, capsys):
    report = tmp_path / "undated.txt"
    report.write_text("Shelling in Mykolaiv\nRussian forces shelled Mykolaiv on Monday.\n")
    assert main(["extract", str(report)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("geoevents: warning: 1 report(s) without a publication date")
    assert err[1].endswith(" from 1 report") and len(err) == 2


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["extract", "{tmp}/missing.txt"], 1, "no such file or folder"),
        (["extract", "{tmp}/empty"], 1, "no reports in"),
        (["extract", "{reports}", "--published", "May Day"], 2, "cannot read date 'May Day'"),
        (["extract", "{reports}", "-o", "{tmp}/ev.shp"], 2, "use one of .csv, .geojson"),
        (["extract", "{reports}", "-o", "{tmp}/nowhere/ev.gpkg"], 1, "no such folder"),
        (["extract", "{tmp}/bad.json"], 1, "not valid JSON"),
        (["extract", "-"], 1, "no report on standard input"),
        (["parse", "{tmp}/notes.md"], 1, "unsupported file type '.md'"),
        (["map", "{reports}", "-o", "{tmp}/map.svg"], 2, "use one of .htm, .html, .png"),
        (["map", "-o", "{tmp}/map.html"], 2, "give reports to read"),
    ],
)
def test_extract_bad_input_is_one_line(small_parser, reports, tmp_path, monkeypatch, capsys,
                                       argv, code, message):  # fmt: skip
    (tmp_path / "empty").mkdir()
    (tmp_path / "bad.json").write_text("{not json")
    (tmp_path / "notes.md").write_text("Shelling in Kherson.")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    argv = [a.format(tmp=tmp_path, reports=reports) for a in argv]
    if code == 2 and argv[-2] == "--published":
        with pytest.raises(SystemExit) as info:  # argparse rejects the value itself
            main(argv)
        assert info.value.code == 2
    else:
        assert main(argv) == code
    assert message in one_line_error(capsys)


@pytest.mark.parametrize("command", ["lookup", "parse", "extract", "map", "gazetteer"])
def test_every_command_has_help_with_examples(command, capsys):
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out and f"geoevents {command} " in out


# ---------------------------------------------------------------------- map


class FakeMaps(types.ModuleType):
    """Stands in for geoevents._maps: records what the command passes on."""

    def __init__(self):
        super().__init__("geoevents._maps")
        self.calls = []

    def map_events(self, gdf, *, m=None, color_by="event_type", heat=False):
        self.calls.append(("map_events", gdf, color_by, heat))
        return "the map"

    def save_map(self, m, path, *, offline=False, fetch_tiles=False):
        self.calls.append(("save_map", m, Path(path).name, offline))
        Path(path).write_text("<html>map</html>")


@pytest.fixture
def fake_maps(monkeypatch):
    fake = FakeMaps()
    monkeypatch.setitem(sys.modules, "geoevents._maps", fake)
    return fake


def test_map_passes_events_and_options_on(small_parser, fake_maps, reports, tmp_path, capsys):
    out = tmp_path / "map.html"
    argv = ["map", str(reports), "-o", str(out), "--offline", "--heat", "--color-by", "source"]
    assert main(argv) == 0
    assert capsys.readouterr().out.strip() == f"3 events from 2 reports → {out}"
    (_, gdf, color_by, heat), (_, m, name, offline) = fake_maps.calls
    assert sorted(gdf["location"]) == ["Bakhmut", "Kherson", "Mykolaiv"]
    assert (color_by, heat, m, name, offline) == ("source", True, "the map", "map.html", True)
    assert out.read_text() == "<html>map</html>"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_map_recognises_acled_and_ucdp_exports(small_parser, fake_maps, reports, tmp_path,
                                               capsys):  # fmt: skip
    out = tmp_path / "map.html"
    argv = ["map", str(reports), str(FIXTURES / "acled_invented.csv"),
            "--ucdp", str(FIXTURES / "ucdp_invented.csv"), "-o", str(out)]  # fmt: skip
    assert main(argv) == 0
    assert "7 events from 2 reports and 4 dataset rows (2 files)" in capsys.readouterr().out
    gdf = fake_maps.calls[0][1]
    assert {"XUKR0001", "ucdp-990001"} <= set(gdf["event_id"])
    assert gdf.crs == "EPSG:4326"


def test_map_errors_are_one_line(small_parser, fake_maps, reports, tmp_path, monkeypatch,
                                 capsys):  # fmt: skip
    out = str(tmp_path / "map.html")
    assert main(["map", str(reports), "-o", out, "--color-by", "colour"]) == 2
    assert "--color-by: no column 'colour'" in one_line_error(capsys)
    (tmp_path / "quiet.txt").write_text("Talks are expected to resume next week.")
    assert main(["map", str(tmp_path / "quiet.txt"), "-o", out]) == 1
    assert "nothing to map: 0 events from 1 report" in one_line_error(capsys)
    monkeypatch.setitem(sys.modules, "geoevents._maps", None)
    assert main(["map", str(reports), "-o", out]) == 1
    assert "the map command is not available" in one_line_error(capsys)
    assert not Path(out).exists()


def test_map_with_folium(small_parser, reports, tmp_path, capsys):
    """The real map module (skipped until geoevents._maps and folium are installed)."""
    pytest.importorskip("folium")
    pytest.importorskip("geoevents._maps")
    out = tmp_path / "map.html"
    assert main(["map", str(reports), "-o", str(out), "--offline"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Mykolaiv" in html and "Kherson" in html
    assert "3 events from 2 reports" in capsys.readouterr().out


# ----------------------------------------------------- with the full gazetteer

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.integration
def test_extract_the_example_reports(tmp_path, capsys):
    import geopandas as gpd

    out = tmp_path / "events.gpkg"
    assert main(["extract", str(EXAMPLES_DIR / "reports"), "-o", str(out)]) == 0
    summary = capsys.readouterr().out
    assert summary.startswith(f"{len(gpd.read_file(out))} events from ")
    events = gpd.read_file(out)
    assert events["article_id"].nunique() >= 20
    assert {"Mariupol", "Kherson"} <= set(events["location"])


def test_parse_and_extract_take_the_reports_language(small_parser, monkeypatch, capsys):
    """Issue 13: --lang reads every report in that language (an English report read as
    Ukrainian has no Ukrainian place name in it); a language geoevents does not read is
    a usage error."""
    monkeypatch.setattr("sys.stdin", io.StringIO("Drones flew over Kherson at night."))
    assert main(["parse", "-", "--lang", "uk"]) == 1  # nothing found
    assert "no place names found in 1 report" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["extract", "-", "--lang", "de"])
    assert "invalid choice: 'de'" in capsys.readouterr().err
