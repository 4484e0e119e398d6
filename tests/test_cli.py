"""The command line: called through main(argv), as a user would type it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from geoevents import Gazetteer
from geoevents._cli import main


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
