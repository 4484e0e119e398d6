"""The public namespace: exactly the intended names, and a cheap import."""

from __future__ import annotations

import subprocess
import sys

import geoevents

EXPECTED = {
    "Candidate", "CuratedDataError", "DownloadError", "GazetteerError", "Gazetteer",
    "GeoEventsError", "GeoEventsWarning", "GeoNamesDumpError", "InvalidInputError",
    "OfflineGeocoder", "__version__", "add_geonames", "download_geonames", "Geoparser",
    "geoparse", "EventLexicon", "extract_events", "merge_events", "read_acled",
    "read_articles", "read_ucdp", "map_events", "save_map", "EventStore", "StoreError",
    "compare_events", "OutputError", "events_in_areas", "control_view",
}  # fmt: skip


def test_exported_names_are_exactly_the_intended_ones():
    assert set(geoevents.__all__) == EXPECTED
    for name in geoevents.__all__:
        assert getattr(geoevents, name) is not None


def test_errors_share_one_root_and_match_builtins():
    from geoevents import (
        CuratedDataError,
        DownloadError,
        GazetteerError,
        GeoEventsError,
        GeoNamesDumpError,
        InvalidInputError,
        StoreError,
    )  # fmt: skip

    for cls in (CuratedDataError, DownloadError, GazetteerError, GeoNamesDumpError,
                InvalidInputError, StoreError):  # fmt: skip
        assert issubclass(cls, GeoEventsError)
    assert issubclass(InvalidInputError, TypeError) and issubclass(InvalidInputError, ValueError)
    assert issubclass(DownloadError, OSError)
    from geoevents import OutputError

    assert issubclass(OutputError, GeoEventsError) and issubclass(OutputError, OSError)
    assert issubclass(CuratedDataError, ValueError)


def test_unknown_attribute_is_an_attribute_error():
    try:
        geoevents.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_import_does_no_heavy_work():
    code = (
        "import sys, geoevents\n"
        "heavy = [m for m in ('pandas', 'numpy', 'geopandas', 'geopy', 'rapidfuzz', "
        "'geoevents._gazetteer') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
