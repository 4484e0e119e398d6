"""The compiled index: built into the cache, reused, rebuilt when inputs change or
the cache is damaged. Uses small inputs (see conftest.small_world)."""

from __future__ import annotations

import json
import os

import pytest

from geoevents import CuratedDataError, Gazetteer, GeoEventsWarning
from geoevents._gazetteer import build as _build


def test_builds_into_the_cache_folder_from_the_environment(small_world, tmp_path):
    gaz = Gazetteer.load(progress=False)
    folder = tmp_path / "cache" / _build.INDEX_DIRNAME
    assert (folder / "meta.json").exists()
    assert gaz.info()["index"] == str(folder)
    assert gaz.best("Camp Orion").kind == "facility"  # curated row
    assert gaz.best("Mykolaiv").admin1 == "Mykolaivska oblast"  # "GeoNames" row
    assert Gazetteer.load() is gaz  # loaded once per process


def test_index_is_reused_when_nothing_changed(small_world):
    Gazetteer.load(progress=False)
    meta = _build.read_meta(_build.index_dir())
    folder = _build.build(progress=False)
    assert _build.read_meta(folder)["built"] == meta["built"]
    assert _build.read_meta(folder)["fingerprint"] == meta["fingerprint"]


def test_rebuilds_when_a_curated_file_changes(small_world, monkeypatch):
    before = Gazetteer.load(progress=False)
    assert before.best("Camp Vega") is None
    with open(small_world / "places.csv", "a", encoding="utf-8") as fh:
        fh.write("t-vega,Camp Vega,,facility,UA,,48.5,37.5,,test fixture\n")
    monkeypatch.setattr(Gazetteer, "_default", None)
    after = Gazetteer.load(progress=False)
    assert after.best("Camp Vega").latitude == 48.5


def test_a_damaged_cache_is_rebuilt_with_a_message(small_world, monkeypatch):
    Gazetteer.load(progress=False)
    folder = _build.index_dir()
    (folder / "exact_keys.npy").write_bytes(b"not an array")
    monkeypatch.setattr(Gazetteer, "_default", None)
    with pytest.warns(GeoEventsWarning, match="damaged"):
        gaz = Gazetteer.load(progress=False)
    assert gaz.best("Kyiv").country_code == "UA"


def test_a_truncated_meta_file_means_rebuild(small_world, monkeypatch):
    Gazetteer.load(progress=False)
    (_build.index_dir() / "meta.json").write_text("{", "utf-8")
    monkeypatch.setattr(Gazetteer, "_default", None)
    with pytest.warns(GeoEventsWarning, match=r"meta\.json is damaged"):
        gaz = Gazetteer.load(progress=False)  # unreadable meta: rebuilt, no crash, a warning
    assert json.loads((_build.index_dir() / "meta.json").read_text("utf-8"))["places"] == len(gaz)


def test_missing_array_file_is_rebuilt(small_world, monkeypatch):
    Gazetteer.load(progress=False)
    os.unlink(_build.index_dir() / "latitude.npy")
    monkeypatch.setattr(Gazetteer, "_default", None)
    with pytest.warns(GeoEventsWarning, match="damaged"):
        assert Gazetteer.load(progress=False).best("Paris").country_code == "FR"


def test_malformed_curated_row_stops_the_build_with_file_and_line(small_world):
    with open(small_world / "places.csv", "a", encoding="utf-8") as fh:
        fh.write("t-bad,Bad Place,,facility,UA,,95.0,37.5,,test fixture\n")
    with pytest.raises(CuratedDataError, match=r"places.csv, line 3: latitude 95.0"):
        Gazetteer.load(progress=False)


def test_alias_rows_are_checked_against_their_target(small_world):
    aliases = small_world / "aliases.csv"
    with open(aliases, "a", encoding="utf-8") as fh:
        fh.write("Old Kyiv Name,107,Kyiv,UA,test\n")  # 107 = 8th fixture row = Kyiv
    assert Gazetteer.load(progress=False).best("Old Kyiv Name").name == "Kyiv"


def test_alias_with_wrong_target_is_reported(small_world):
    with open(small_world / "aliases.csv", "a", encoding="utf-8") as fh:
        fh.write("Wrong,107,Lviv,UA,test\n")
    with pytest.raises(CuratedDataError, match=r"aliases.csv, line 2: .*'Kyiv', not 'Lviv'"):
        Gazetteer.load(progress=False)


def test_alias_with_unknown_id_is_reported(small_world):
    with open(small_world / "aliases.csv", "a", encoding="utf-8") as fh:
        fh.write("Nowhere,999999999,Nowhere,UA,test\n")
    with pytest.raises(CuratedDataError, match="no place has geonameid 999999999"):
        Gazetteer.load(progress=False)
