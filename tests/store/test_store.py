"""The event store (issue 14, part 2): incremental appends, matching, undo, filters, exports.

Unit tests hand the store their own extractions (``events=``), so they need no
gazetteer; the integration tests at the end read invented reports for real.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pandas as pd
import pyogrio
import pytest

from geoevents import EventStore, Gazetteer, InvalidInputError, StoreError
from geoevents._events.frame import events_frame
from tests.conftest import FIXTURES

# a small gazetteer of our own: the rules ask it which places are towns
GAZ = Gazetteer.from_places(FIXTURES / "places.csv")

LAT, LON = 49.0, 36.0  # an invented spot in eastern Ukraine
EAST_3KM, EAST_30KM = LON + 0.041, LON + 0.41
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")


def reading(article_id, *, date="2022-05-03", lat=LAT, lon=LON, etype=SHELLING, actor1=None,
            actor2=None, fatalities=None, precision=1, place="Testivka", geonameid=1,
            confidence=0.8, notes=None, source=None, n=0) -> dict:  # fmt: skip
    return {
        "event_id": f"{article_id}-{n}", "event_date": date, "time_precision": 1,
        "event_type": etype[0], "sub_event_type": etype[1], "actor1": actor1,
        "actor2": actor2, "location": place, "admin1": "Testska", "country": "Ukraine",
        "country_code": "UA", "geonameid": geonameid, "latitude": lat, "longitude": lon,
        "geo_precision": precision, "fatalities": fatalities, "status": "reported",
        "confidence": confidence, "notes": notes or f"report {article_id} tells of it",
        "mention": place, "lang": "en", "source": source or f"Agency {article_id}",
        "source_url": f"https://example.org/{article_id}", "article_id": article_id,
    }  # fmt: skip


def add(store, *readings, texts=None, gazetteer=None):
    """Append reports (one per distinct article id) with these readings."""
    ids = list(dict.fromkeys(r["article_id"] for r in readings))
    reports = pd.DataFrame({
        "article_id": ids,
        "text": [texts.get(i, f"text of {i}") if texts else f"text of {i}" for i in ids],
        "url": [f"https://example.org/{i}" for i in ids],
    })  # fmt: skip
    return store.add(reports, events=events_frame(list(readings)), gazetteer=gazetteer or GAZ)


def counts(store) -> dict:
    info = store.info()
    links = int(store._db.scalar("SELECT COUNT(*) FROM event_sources"))
    return {k: info[k] for k in ("reports", "extractions", "events", "runs")} | {"links": links}


@pytest.fixture
def store(store_where):
    with EventStore(store_where) as s:
        yield s


def test_the_same_strike_from_two_reports_is_one_event_and_adding_again_adds_nothing(store):
    result = add(store, reading("a"), reading("b", lon=EAST_3KM, date="2022-05-04"))
    assert (result.n_reports, result.n_extractions, result.n_new_events) == (2, 2, 1)
    (event,) = store.events().itertuples()
    assert event.n_sources == 2 and event.source == "Agency a | Agency b"
    before = counts(store)
    again = add(store, reading("a"), reading("b", lon=EAST_3KM, date="2022-05-04"))
    assert again.run_id is None and again.n_skipped == 2
    assert counts(store) == before


def test_a_report_is_known_by_its_words_and_by_its_url(store):
    add(store, reading("a"), texts={"a": "Shelling  hit\nTestivka."})
    same_words = pd.DataFrame({"text": ["Shelling hit Testivka."], "article_id": ["z"]})
    assert store.add(same_words, events=events_frame([reading("z")]), gazetteer=GAZ).run_id is None
    same_url = pd.DataFrame({"text": ["An update."], "url": ["https://example.org/a"],
                             "article_id": ["y"]})  # fmt: skip
    assert store.add(same_url, events=events_frame([reading("y")]), gazetteer=GAZ).run_id is None


def test_events_apart_in_place_time_or_type_stay_apart(store):
    add(store, reading("a"), reading("b", lon=EAST_30KM), reading("c", date="2022-05-06"),
        reading("d", etype=("Battles", "Armed clash")))  # fmt: skip
    assert len(store.events()) == 4


def test_opposite_actors_and_conflicting_tolls_are_never_merged(store):
    add(store, reading("a", actor1="Russian forces"), reading("b", actor1="Ukrainian forces"),
        reading("c", fatalities=2, actor1="Russian forces"),
        reading("d", fatalities=40, actor1="Russian forces"))  # fmt: skip
    groups = sorted(store.events()["n_sources"].tolist())
    assert groups == [1, 1, 2]  # a+c; b alone; d alone (40 is not 2)


def test_a_battle_told_from_either_side_is_one_event(store):
    clash = ("Battles", "Armed clash")
    add(store, reading("a", etype=clash, actor1="Ukrainian forces", actor2="Russian forces"),
        reading("b", etype=clash, actor1="Russian forces", actor2="Ukrainian forces"))  # fmt: skip
    assert store.events()["n_sources"].tolist() == [2]


def test_one_reports_list_of_villages_stays_several_events(store):
    add(store, reading("a", geonameid=1, n=0),
        reading("a", geonameid=2, lon=EAST_3KM, place="Otherivka", n=1))  # fmt: skip
    assert len(store.events()) == 2


def test_merged_event_takes_the_precise_place_the_best_date_and_the_lowest_toll(store):
    add(store, reading("a", precision=3, place="Testska", fatalities=5, date="2022-05-04"))
    first_id = store.events()["event_id"].iloc[0]
    add(store, reading("b", precision=1, place="Testivka", lon=EAST_3KM, fatalities=4,
                       date="2022-05-03"))  # fmt: skip
    (event,) = store.events().itertuples()
    assert event.event_id == first_id  # a stored event keeps its id through updates
    assert (event.location, event.geo_precision, event.fatalities) == ("Testivka", 1, 4)
    assert str(event.event_date.date()) == "2022-05-03"
    assert (event.first_run, event.updated_run, event.n_sources) == (1, 2, 2)
    runs = store.runs()
    assert runs["action"].tolist() == ["add", "add"]
    assert runs["n_updated_events"].tolist() == [0, 1]


def test_undo_merge_splits_a_reading_off_and_keeps_the_history(store):
    add(store, reading("a", fatalities=3), reading("b", fatalities=4), reading("c"))
    event_id = store.events()["event_id"].iloc[0]
    sources = store.sources(event_id)
    assert len(sources) == 3 and sources["active"].all()
    moved = sources["extraction_id"].iloc[0]  # the founder: the event keeps its id
    new_id = store.undo_merge(moved)
    ev = store.events().set_index("event_id")
    assert ev.loc[event_id, "n_sources"] == 2 and ev.loc[new_id, "n_sources"] == 1
    assert ev.loc[event_id, "fatalities"] == 4 and ev.loc[new_id, "fatalities"] == 3
    assert store.sources(event_id)["active"].tolist() == [False, True, True]
    assert store.runs()["action"].tolist() == ["add", "undo_merge"]
    with pytest.raises(InvalidInputError, match="merged with nothing"):
        store.undo_merge(moved)
    with pytest.raises(InvalidInputError, match="no reading"):
        store.undo_merge("nope")


def test_geolocated_points_join_only_within_a_neighbourhood(store):
    # two verification-map items of one day in one town: spots 3 km apart are two
    # strikes, spots 300 m apart one; a town's centre still joins by the town's rules
    spot = {"geonameid": None, "place": "Testivka"}
    add(store, reading("a", **spot), reading("b", lon=EAST_3KM, **spot))
    assert store.count() == 2
    add(store, reading("c", lon=LON + 0.004, **spot))  # ~300 m east of a
    assert sorted(store.events()["n_sources"].tolist()) == [1, 2]


def test_events_filters(store):
    add(
        store,
        reading("a"),
        reading("b", date="2022-06-01", lon=EAST_30KM),
        reading("c", date="2022-06-02", lat=LAT + 2, etype=("Battles", "Armed clash")),
    )
    assert len(store.events(since="2022-06-01")) == 2 == store.count(since="2022-06-01")
    assert len(store.events(until="2022-05-31")) == 1
    assert len(store.events(bbox=(LON - 0.1, LAT - 0.1, LON + 0.1, LAT + 0.1))) == 1
    assert store.events(types="Battles")["latitude"].tolist() == [LAT + 2]
    assert len(store.events(types=["Battles", SHELLING[0]])) == 3
    assert store.count(bbox=(LON - 0.1, LAT - 0.1, LON + 0.1, LAT + 0.1), types="Battles") == 0
    for bad in ({"bbox": (1, 2)}, {"bbox": (0, 50, 1, 40)}, {"since": "someday"},
                {"types": [3]}, {"types": 3}, {"since": "now"}, {"until": "Today"},
                {"until": 1e30}, {"since": "NaT"}, {"bbox": (0, 0, float("nan"), 1)}):  # fmt: skip
        with pytest.raises(InvalidInputError, match=f"{next(iter(bad))}"):
            store.events(**bad)


def test_exports_give_gis_tools_dates_and_times(store, tmp_path):
    add(store, reading("a"), reading("b", date="2022-06-01", lon=EAST_30KM,
                                     notes="<script>x()</script> & more"))  # fmt: skip
    gpkg = store.export(tmp_path / "ev.gpkg")
    info = pyogrio.read_info(gpkg)
    assert info["features"] == 2
    assert info["ogr_types"][list(info["fields"]).index("event_date")] == "OFTDate"
    kml = store.export(tmp_path / "ev.kml").read_text("utf-8")
    assert kml.count("<Placemark>") == 2 and "<when>2022-06-01</when>" in kml
    assert "<script>" not in kml and "&lt;script&gt;" in kml
    folder = store.export(tmp_path / "ev.parquet")
    assert sorted(p.name for p in folder.iterdir()) == ["event_month=2022-05",
                                                         "event_month=2022-06"]  # fmt: skip
    import geopandas as gpd

    assert len(gpd.read_parquet(folder)) == 2
    with pytest.raises(InvalidInputError, match="format"):
        store.export(tmp_path / "ev.txt")


def test_opening_what_is_not_a_store(tmp_path):
    with pytest.raises(InvalidInputError, match="folder"):
        EventStore(tmp_path)
    with pytest.raises(InvalidInputError, match="no such folder"):
        EventStore(tmp_path / "missing" / "ev.duckdb")
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError):
        EventStore(junk)
    with pytest.raises(InvalidInputError, match="file path"):
        EventStore(3)


def test_given_events_need_their_reports_ids(store):
    reports = pd.DataFrame({"text": ["one", "two"], "article_id": ["x", "x"]})
    with pytest.raises(InvalidInputError, match="article_id"):
        store.add(reports, events=events_frame([reading("x")]), gazetteer=GAZ)
    with pytest.raises(InvalidInputError, match="text"):
        store.add(pd.DataFrame({"body": ["x"]}))
    with pytest.raises(InvalidInputError, match="report 1"):
        store.add(["a text", 5])


_KILLED_APPEND = """
import os, signal, sys
import pandas as pd
sys.path.insert(0, {root!r})
from geoevents import EventStore
from geoevents._events.frame import events_frame
from geoevents._store import append as ap
from tests.store.test_store import GAZ, reading

store = EventStore({path!r})
real = ap.write_events
def write_then_die(db, *args, **kwargs):
    real(db, *args, **kwargs)  # the events are rewritten: the append is nearly done
    print("writing", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
ap.write_events = write_then_die
store.add(pd.DataFrame({{"text": ["late report"], "article_id": ["k"]}}),
          events=events_frame([reading("k", fatalities=1)]), gazetteer=GAZ)
"""


def test_an_append_killed_midway_leaves_the_store_as_it_was(store, store_where):
    from pathlib import Path

    add(store, reading("a", fatalities=2))
    before, events_before = counts(store), store.events()
    store.close()
    root = str(Path(__file__).parents[2])
    script = _KILLED_APPEND.format(root=root, path=store_where)
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(script)],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == -9 and "writing" in done.stdout, done.stderr
    with EventStore(store_where) as again:
        assert counts(again) == before
        pd.testing.assert_frame_equal(again.events(), events_before)


def test_in_a_city_readings_join_only_when_their_words_tell_one_story(store):
    city = {"precision": 2, "place": "Testograd"}
    add(store, reading("a", notes="Missiles hit a school in Testograd", **city),
        reading("b", notes="A market burned in Testograd after shelling", **city),
        reading("c", notes="Shelling of Testograd overnight", **city),
        reading("d", notes="Testograd: a strike destroyed the school gym", **city))  # fmt: skip
    groups = sorted(store.events()["n_sources"].tolist())
    assert groups == [1, 1, 2]  # school a+d; the market and the vague report alone


def test_an_aftermath_reading_joins_the_strike_it_follows(store):
    aftermath = ("Strategic developments", "Other")
    add(store, reading("a", notes="Drones struck the fuel depot"),
        reading("b", etype=aftermath, notes="The fuel depot is still on fire"),
        reading("c", etype=aftermath, notes="A convoy passed through the village"))  # fmt: skip
    assert sorted(store.events()["n_sources"].tolist()) == [1, 2]


def test_strikes_on_two_named_villages_are_two_events(store):
    add(store, reading("a", geonameid=1), reading("b", geonameid=2, lon=EAST_3KM))
    assert len(store.events()) == 2


@pytest.mark.parametrize("store_where", ["postgresql"], indirect=True)
def test_postgis_keeps_a_point_column_beside_latitude_and_longitude(store):
    add(store, reading("a"), reading("b", date=None, lon=EAST_30KM))
    rows = store._db.frame("SELECT ST_X(geom) AS x, ST_Y(geom) AS y FROM events ORDER BY x")
    assert rows["x"].round(3).tolist() == [round(LON, 3), round(EAST_30KM, 3)]
    assert rows["y"].round(3).tolist() == [LAT, LAT]


def test_a_missing_folder_is_an_error_not_a_report(store, tmp_path):
    with pytest.raises(InvalidInputError, match="no such file or folder"):
        store.add(str(tmp_path / "reports" / "2022-05-03") + "/")
    with pytest.raises(InvalidInputError, match="no such file or folder"):
        store.add("day.jsonl")
    assert store.info()["reports"] == 0


def test_given_events_of_no_given_report_are_an_error(store):
    reports = pd.DataFrame({"text": ["one"], "article_id": ["x"]})
    with pytest.raises(InvalidInputError, match="no given report"):
        store.add(reports, events=events_frame([reading("x"), reading("typo")]), gazetteer=GAZ)
    assert store.info()["reports"] == 0


def test_a_duckdb_store_open_elsewhere_is_a_clear_error(tmp_path):
    path = tmp_path / "busy.duckdb"
    EventStore(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from geoevents import EventStore; "
         f"s = EventStore({str(path)!r}); print('open', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match=f"open in process {holder.pid}"):
            EventStore(path)
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
