"""geoevents.dask (issue 14): the same rows as one process, on a local cluster. Invented reports."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from geoevents import InvalidInputError, extract_events, read_articles

dd = pytest.importorskip("dask.dataframe", reason="needs the dask extra")
gd = pytest.importorskip("geoevents.dask")

TOWNS = ("Kharkiv", "Izium", "Kupiansk", "Balakliia", "Chuhuiv", "Lozova", "Bakhmut",
         "Kramatorsk", "Sloviansk", "Kostiantynivka", "Avdiivka", "Pokrovsk", "Kherson",
         "Mykolaiv", "Nikopol", "Zaporizhzhia", "Orikhiv", "Huliaipole", "Sumy",
         "Okhtyrka")  # fmt: skip
SHAPES = (
    "Russian forces shelled {t} on {d} May 2022, killing two civilians.",
    "Drones struck an oil depot near {t} overnight, officials said on {d} May 2022.",
    "Ukrainian troops repelled an assault near {t} on {d} May 2022.",
    "A missile hit a school in {t}. No casualties were reported.",
    "Residents of {t} protested against the occupation on {d} May 2022.",
)


@pytest.fixture(scope="module")
def reports() -> pd.DataFrame:
    texts = [s.format(t=t, d=d) for d in range(1, 13) for t in TOWNS for s in SHAPES]
    return pd.DataFrame({"article_id": [f"r{i}" for i in range(len(texts))], "text": texts,
                         "published": "2022-05-20"})  # fmt: skip


@pytest.fixture(scope="module")
def local_client():
    client = gd.client(n_workers=2)
    yield client


def _sorted(frame):
    return frame.sort_values("event_id").reset_index(drop=True)


@pytest.mark.integration
def test_dask_gives_the_rows_of_one_call_in_any_partitioning(reports, local_client):
    assert len(reports) == 1200  # three blocks of 500, so the seed and the blocks matter
    one = extract_events(reports, n_jobs=1)
    lazy = gd.extract_events(dd.from_pandas(reports, npartitions=7), scheduler=local_client,
                             reports_per_task=500)  # fmt: skip
    import dask_geopandas

    assert isinstance(lazy, dask_geopandas.GeoDataFrame)
    many = lazy.compute()
    assert list(many.columns) == list(one.columns)
    assert dict(many.dtypes) == dict(one.dtypes)
    pd.testing.assert_frame_equal(_sorted(one), _sorted(many))
    # a pandas frame, cut into tasks of two blocks
    again = gd.extract_events(reports, scheduler=local_client).compute()
    pd.testing.assert_frame_equal(_sorted(one), _sorted(again))


@pytest.mark.integration
def test_dask_read_articles_and_partitioned_parquet(tmp_path, local_client):
    folder = tmp_path / "reports"
    folder.mkdir()
    for i, town in enumerate(TOWNS):
        (folder / f"{i:02d}.txt").write_text(f"Shelling in {town}\nArtillery hit {town} on "
                                             f"3 May 2022.", "utf-8")  # fmt: skip
    (folder / "more.jsonl").write_text(
        "\n".join(json.dumps({"text": f"Drones hit {t} on 4 May 2022."}) for t in TOWNS), "utf-8"
    )
    lazy = gd.read_articles(folder, files_per_partition=6)
    assert lazy.npartitions == 4
    pd.testing.assert_frame_equal(lazy.compute().reset_index(drop=True), read_articles(folder))
    events = gd.extract_events(lazy, scheduler=local_client)
    events.to_parquet(tmp_path / "events.parquet")
    import geopandas as gpd

    back = gpd.read_parquet(tmp_path / "events.parquet")
    assert len(back) == len(extract_events(read_articles(folder), n_jobs=1)) > 0


def test_dask_refuses_what_it_cannot_read():
    with pytest.raises(InvalidInputError, match="scheduler"):
        gd.client("localhost:8786")
    with pytest.raises(InvalidInputError, match="DataFrame"):
        gd.extract_events(["a text"])
    with pytest.raises(InvalidInputError, match="text"):
        gd.extract_events(pd.DataFrame({"body": ["x"]}))
    with pytest.raises(InvalidInputError, match="reports_per_task"):
        gd.extract_events(pd.DataFrame({"text": ["x"]}), reports_per_task=0)
    with pytest.raises(InvalidInputError, match="no report files"):
        gd.read_articles([])


@pytest.mark.integration
def test_a_store_reads_new_reports_on_the_cluster(reports, local_client, tmp_path):
    from geoevents import EventStore

    day = reports.head(60)
    with EventStore(tmp_path / "a.duckdb") as here, EventStore(tmp_path / "b.duckdb") as there:
        here.add(day, n_jobs=1)
        there.add(day, scheduler=local_client)
        cols = ["event_id", "event_type", "location", "n_sources", "fatalities"]
        pd.testing.assert_frame_equal(here.events()[cols], there.events()[cols])
        assert there.runs()["params"].str.contains("scheduler").all()
        with pytest.raises(InvalidInputError, match="scheduler="):
            there.add(reports.tail(3), scheduler=local_client, n_jobs=2)
