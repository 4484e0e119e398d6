"""Hostile inputs to the event store: each refused with one line naming it, nothing made or lost.

Empty batches, repeated columns, unknown filters and formats, closed stores, paths that
are not stores (too long, NUL, blank, a CSV, a SQLite file), ``~`` in exports, empty
type lists, and read-only commands on a store that does not exist.
"""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

from geoevents import EventStore, GeoEventsError, InvalidInputError, StoreError
from geoevents._cli import main
from geoevents._events.frame import events_frame
from tests.store.test_store import GAZ, add, reading

REPORT = "Invented: shelling struck Testivka on 3 May 2022."


def _one_line_error(capsys, *names: str) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("geoevents: error: "), err
    assert "Traceback" not in err[0]
    for name in names:
        assert name in err[0], err[0]
    return err[0]


# 1 -------------------------------------------------------------- an empty batch


@pytest.mark.parametrize(
    "reports",
    [[], (), pd.DataFrame(columns=["text"]), pd.DataFrame({"text": pd.Series(dtype=str)})],
    ids=["list", "tuple", "frame", "str-frame"],
)
def test_an_empty_batch_adds_nothing_and_says_so(reports):
    with EventStore(":memory:") as store:
        result = store.add(reports, progress=False)
        assert (result.run_id, result.n_reports, result.n_skipped) == (None, 0, 0)
        assert str(result) == "nothing new: no report given"
        assert (store.info()["reports"], store.info()["runs"]) == (0, 0)


# 2 ---------------------------------------------------------- repeated column names


def test_a_reports_frame_with_repeated_columns_is_refused_naming_them():
    frame = pd.DataFrame([[REPORT, "x", "a", "b"]], columns=["text", "text", "url", "url"])
    with EventStore(":memory:") as store:
        told = r"reports has repeated column names \('text' 2 times, 'url' 2 times\)"
        with pytest.raises(InvalidInputError, match=told):
            store.add(frame, progress=False)
        assert store.info()["reports"] == 0


def test_an_events_frame_with_repeated_columns_is_refused_naming_them():
    reports = pd.DataFrame({"text": [REPORT], "article_id": ["a"]})
    events = events_frame([reading("a")])
    doubled = pd.concat([events, events[["article_id"]]], axis=1)
    with EventStore(":memory:") as store:
        told = r"events has repeated column names \('article_id' 2 times\)"
        with pytest.raises(InvalidInputError, match=told):
            store.add(reports, events=doubled, gazetteer=GAZ)
        assert store.info()["reports"] == 0


# 3 and 10 ------------------------------------------------- export filters and formats


def test_export_refuses_an_unknown_filter_naming_it_and_the_known_ones(tmp_path):
    out = tmp_path / "x.gpkg"
    told = r"no filter 'bogus'.*since, until, bbox, types"
    with EventStore(":memory:") as store, pytest.raises(InvalidInputError, match=told):
        store.export(out, bogus=1)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("given", ["KML", "Kml", " kml ", ".kml"])
def test_export_formats_are_read_in_any_case(tmp_path, given):
    out = tmp_path / "events.out"
    with EventStore(":memory:") as store:
        assert store.export(out, format=given) == out
    assert "<kml" in out.read_text("utf-8")


@pytest.mark.parametrize("given", ["shp", "geojson", 5])
def test_an_unknown_export_format_is_named_with_the_known_ones(tmp_path, given):
    told = rf"unknown format {given!r}; the formats are gpkg, kml, kmz, parquet"
    with EventStore(":memory:") as store, pytest.raises(InvalidInputError, match=told):
        store.export(tmp_path / "f.kml", format=given)
    assert list(tmp_path.iterdir()) == []


# 9 ----------------------------------------------------------------- ~ in exports


def test_export_expands_the_home_folder(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "maps").mkdir(parents=True)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    with EventStore(":memory:") as store:
        assert store.export("~/maps/events.kml") == home / "maps" / "events.kml"
    assert (home / "maps" / "events.kml").is_file()
    assert list(work.iterdir()) == []  # no literal "~" folder


# 4 ----------------------------------------------------------------- a closed store


@pytest.mark.parametrize(
    "use",
    [
        lambda s, d: s.events(),
        lambda s, d: s.count(),
        lambda s, d: s.info(),
        lambda s, d: s.runs(),
        lambda s, d: s.sources("ev-invented"),
        lambda s, d: s.undo_merge("x-invented"),
        lambda s, d: s.add([REPORT], progress=False),
        lambda s, d: s.add([], progress=False),
        lambda s, d: s.export(d / "closed.kml"),
    ],
    ids=["events", "count", "info", "runs", "sources", "undo", "add", "add-empty", "export"],
)
def test_every_use_of_a_closed_store_says_it_is_closed(store_where, tmp_path, use):
    store = EventStore(store_where)
    store.close()
    with pytest.raises(StoreError, match=r"^the store .* is closed; open it again"):
        use(store, tmp_path)
    store.close()  # closing again is harmless
    assert not (tmp_path / "closed.kml").exists()


# 5, 6, 7, 8 ------------------------------------------------- paths that are no store


def test_a_store_name_too_long_for_the_file_system_is_a_store_error(tmp_path):
    path = tmp_path / ("n" * 300 + ".duckdb")
    with pytest.raises(StoreError, match=r"cannot open the store .*nnnn\.duckdb: "):
        EventStore(path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["reports.csv", "events.gpkg", "day.JSON", "events.sqlite"])
def test_a_store_named_as_another_kind_of_file_is_refused(tmp_path, name):
    path = tmp_path / name
    with pytest.raises(InvalidInputError, match=rf"the store .*{name} is named as"):
        EventStore(path)
    assert not path.exists()


def test_an_existing_csv_is_not_taken_for_a_store(tmp_path):
    csv = tmp_path / "existing.csv"
    csv.write_text("text\nInvented: drones struck Testivka.\n", "utf-8")
    with pytest.raises(InvalidInputError, match=r"existing\.csv"):
        EventStore(csv)
    assert csv.read_text("utf-8") == "text\nInvented: drones struck Testivka.\n"


@pytest.mark.parametrize(
    ("content", "told"), [(b"", "an empty file"), (b"a,b\n1,2\n" * 10, "not a DuckDB database")]
)
def test_an_existing_file_that_is_not_duckdb_is_refused(tmp_path, content, told):
    path = tmp_path / "events.store"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=rf"events.store is not an event store \({told}\)"):
        EventStore(path)
    assert path.read_bytes() == content


def test_a_sqlite_file_is_refused_without_going_online(tmp_path):
    path = tmp_path / "events.db"  # a name DuckDB files also bear: the bytes tell
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invented (a TEXT)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"events\.db is a SQLite database") as refused:
        EventStore(path)
    assert "download" not in str(refused.value).lower()
    assert path.read_bytes() == before


def test_duckdb_is_told_never_to_fetch_extensions(tmp_path):
    with EventStore(tmp_path / "events.duckdb") as store:
        for setting in ("autoinstall_known_extensions", "autoload_known_extensions"):
            assert store._db.scalar(f"SELECT current_setting('{setting}')") is False


def test_a_name_duckdb_reads_as_a_service_is_a_file_here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with EventStore("md:invented") as store:
        assert store.info()["events"] == 0
    assert (tmp_path / "md:invented").is_file()


@pytest.mark.parametrize(
    ("where", "told"),
    [("a\x00.duckdb", "NUL byte"), (" ", "is blank"), ("", "is blank"), ("\t\n", "is blank")],
)
def test_nul_and_blank_store_paths_are_refused(tmp_path, monkeypatch, where, told):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InvalidInputError, match=told):
        EventStore(where)
    with pytest.raises(InvalidInputError, match=told):
        EventStore(tmp_path / where if where else where)
    assert list(tmp_path.iterdir()) == []


def test_a_postgres_url_with_a_nul_is_refused_without_its_password():
    with pytest.raises(InvalidInputError, match="NUL byte") as refused:
        EventStore("postgresql://someone:secret@127.0.0.1:1/db\x00x")
    assert "secret" not in str(refused.value)


# 11 ------------------------------------------------------------------ list filters


def test_an_empty_list_of_types_gives_no_events_with_the_usual_columns():
    with EventStore(":memory:") as store:
        add(store, reading("a"))
        every = store.events()
        assert len(every) == 1
        for none in ([], (), set()):
            got = store.events(types=none)
            assert len(got) == 0 and list(got.columns) == list(every.columns)
            assert store.count(types=none) == 0
        assert len(store.events(types=[every["event_type"].iloc[0]])) == 1


@pytest.mark.parametrize(("types", "told"), [([3], "not 3"), (["Battles", None], "not None"),
                                             (7, "not 7")])  # fmt: skip
def test_types_that_are_not_text_are_named(types, told):
    with EventStore(":memory:") as store, pytest.raises(InvalidInputError, match=told):
        store.events(types=types)


# 6, 8, 12 ------------------------------------------------------ the command line


def test_cli_store_add_refuses_a_csv_as_the_store(tmp_path, capsys):
    csv = tmp_path / "existing.csv"
    csv.write_text("a,b\n1,2\n", "utf-8")
    report = tmp_path / "r.txt"
    report.write_text(REPORT, "utf-8")
    assert main(["store", "add", str(report), "--store", str(csv)]) == 1
    _one_line_error(capsys, "existing.csv")
    assert csv.read_text("utf-8") == "a,b\n1,2\n"


def test_cli_store_refuses_a_blank_store_path(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.txt").write_text(REPORT, "utf-8")
    assert main(["store", "add", "r.txt", "--store", " "]) == 1
    _one_line_error(capsys, "blank")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt"]


@pytest.mark.parametrize("action", [["info"], ["info", "--json"], ["export", "-o", "{tmp}/ev.kml"]])
def test_cli_read_only_commands_refuse_a_store_that_does_not_exist(tmp_path, capsys, action):
    missing = tmp_path / "new.duckdb"
    argv = ["store", *(a.format(tmp=tmp_path) for a in action), "--store", str(missing)]
    assert main(argv) == 1
    _one_line_error(capsys, str(missing), "no event store")
    assert list(tmp_path.iterdir()) == []


def test_a_store_opened_without_create_must_exist(tmp_path):
    path = tmp_path / "events.duckdb"
    with pytest.raises(StoreError, match=r"no event store at .*events\.duckdb"):
        EventStore(path, create=False)
    assert not path.exists()
    EventStore(path).close()
    with EventStore(path, create=False) as store:
        assert store.info()["events"] == 0
    with pytest.raises(StoreError, match="holds no event store"):
        EventStore(":memory:", create=False)
    with pytest.raises(InvalidInputError, match="create"):
        EventStore(path, create="no")


def test_every_refusal_here_is_a_geoevents_error(tmp_path):
    for where in ("", tmp_path / "x.csv", tmp_path / ("n" * 300)):
        with pytest.raises(GeoEventsError):
            EventStore(where)


def test_reports_without_text_are_left_out_with_a_warning():
    """A row whose text is None, NaN or blanks has nothing to read and nothing to tell
    it from another such row: it is named in a warning, not stored as the text 'None'."""
    from geoevents import GeoEventsWarning

    store = EventStore(":memory:")
    texts = [None, "Invented: shelling hit Kherson on 3 May 2022.", float("nan"), "  "]
    batch = pd.DataFrame({"text": texts, "article_id": ["a", "b", "c", None],
                          "published": "2022-05-04"})  # fmt: skip
    told = r"3 report\(s\) of this batch have no text .*a; c"
    with pytest.warns(GeoEventsWarning, match=told):
        result = store.add(batch, gazetteer=GAZ)
    assert "1 new report" in str(result) and "duplicate" not in str(result)
    assert store.count() == 1


@pytest.mark.parametrize("events", ["x", 3, [{"article_id": "a"}]])
def test_events_given_as_anything_but_a_frame_are_refused(events):
    store = EventStore(":memory:")
    texts = pd.DataFrame({"text": ["Invented: shelling hit Kherson on 3 May 2022."],
                          "article_id": ["a"], "published": "2022-05-04"})  # fmt: skip
    with pytest.raises(InvalidInputError, match="events= must be an events frame"):
        store.add(texts, events=events, gazetteer=GAZ)
