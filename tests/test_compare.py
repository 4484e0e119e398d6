"""compare_events: one-to-one matches by place and date, each side's own rows, the map."""

from __future__ import annotations

import warnings

import folium
import geopandas as gpd
import pandas as pd
import pytest

from geoevents import GeoEventsWarning, InvalidInputError, compare_events, map_events

KYIV = (50.45, 30.52)
DONETSK = (48.00, 37.80)


def frame(*rows, geo=False):
    """Events from (date, type, lat, lon) tuples."""
    df = pd.DataFrame(rows, columns=["event_date", "event_type", "latitude", "longitude"])
    df["event_date"] = pd.to_datetime(df["event_date"])
    if geo:
        return gpd.GeoDataFrame(df.drop(columns=["latitude", "longitude"]),
                                geometry=gpd.points_from_xy(df["longitude"], df["latitude"]),
                                crs="EPSG:4326")  # fmt: skip
    return df


def test_rows_within_the_tolerances_match_and_the_rest_stand_alone():
    ours = frame(("2022-05-01", "Battles", *DONETSK), ("2022-05-03", "Protests", *KYIV),
                 ("2022-05-10", "Battles", *DONETSK))  # fmt: skip
    theirs = frame(("2022-05-02", "Battles", DONETSK[0] + 0.03, DONETSK[1]),
                   ("2022-05-03", "Riots", KYIV[0], KYIV[1] + 0.3))  # 21 km away  # fmt: skip
    cmp = compare_events(ours, theirs)
    assert cmp.matched[["ours", "theirs", "days", "same_type"]].to_dict("records") == [
        {"ours": 0, "theirs": 0, "days": 1, "same_type": True}
    ]
    assert 3.0 < cmp.matched["km"].iloc[0] < 3.6
    assert cmp.ours_only.index.tolist() == [1, 2]
    assert cmp.theirs_only.index.tolist() == [1]
    wider = compare_events(ours, theirs, km=25)
    assert len(wider.matched) == 2 and wider.matched["same_type"].tolist() == [True, False]
    assert len(compare_events(ours, theirs, km=25, types="same").matched) == 1
    assert len(compare_events(ours, theirs, days=0).matched) == 0


def test_each_row_matches_at_most_once_nearest_first():
    # three reports of one busy day in one city against two dataset rows: two pairs,
    # the nearest in days first, then in km; the third report stands alone
    ours = frame(("2022-03-01", "Battles", *KYIV), ("2022-03-02", "Battles", *KYIV),
                 ("2022-03-02", "Battles", KYIV[0] + 0.05, KYIV[1]))  # fmt: skip
    theirs = frame(("2022-03-02", "Battles", *KYIV), ("2022-03-02", "Battles", KYIV[0] + 0.06,
                                                      KYIV[1]))  # fmt: skip
    cmp = compare_events(ours, theirs)
    pairs = zip(cmp.matched["ours"], cmp.matched["theirs"], strict=True)
    assert sorted(pairs) == [(1, 0), (2, 1)]
    assert cmp.ours_only.index.tolist() == [0]
    assert cmp.theirs_only.empty
    assert cmp.ours_matched.index.tolist() == cmp.matched["ours"].tolist()


def test_index_labels_name_rows_and_geometries_are_read():
    ours = frame(("2022-05-01", "Battles", *DONETSK), geo=True).set_axis(["report-7"])
    theirs = frame(("2022-05-01", "Battles", *DONETSK)).set_axis([41])
    cmp = compare_events(ours.to_crs(3857), theirs)  # any CRS, reprojected
    assert cmp.matched[["ours", "theirs"]].values.tolist() == [["report-7", 41]]
    assert cmp.matched["km"].iloc[0] == 0.0


def test_rows_without_date_or_point_are_kept_apart_with_a_warning():
    ours = frame(("2022-05-01", "Battles", *DONETSK), (None, "Battles", *KYIV),
                 ("2022-05-01", "Battles", float("nan"), 30.0),
                 ("2022-05-01", "Battles", 95.0, 30.0))  # fmt: skip
    with pytest.warns(GeoEventsWarning, match="3 row.* of ours"):
        cmp = compare_events(ours, ours.iloc[:1].copy())
    assert cmp.skipped["ours"].index.tolist() == [1, 2, 3]
    assert len(cmp.matched) == 1
    assert "3 skipped" in repr(cmp)


def test_summary_counts_each_side_by_its_own_types():
    ours = frame(("2022-05-01", "Battles", *DONETSK), ("2022-05-03", "Protests", *KYIV))
    theirs = frame(("2022-05-01", "Explosions/Remote violence", *DONETSK),
                   ("2022-06-01", "Battles", *KYIV))  # fmt: skip
    table = compare_events(ours, theirs).summary()
    assert table.loc["all"].to_dict() == {
        "ours": 2,
        "ours_matched": 1,
        "ours_only": 1,
        "theirs": 2,
        "theirs_matched": 1,
        "theirs_only": 1,
    }
    assert table.loc["Battles", "ours_matched"] == 1
    assert table.loc["Battles", "theirs_only"] == 1
    assert table.loc["Explosions/Remote violence", "theirs_matched"] == 1


def test_the_comparison_draws_as_three_groups():
    ours = frame(("2022-05-01", "Battles", *DONETSK), ("2022-05-03", "Protests", *KYIV))
    theirs = frame(("2022-05-01", "Battles", *DONETSK), ("2022-05-09", "Battles", 47.1, 37.5))
    cmp = compare_events(ours, theirs)
    groups = cmp.groups()
    assert groups["comparison"].tolist() == ["matched", "ours only", "theirs only"]
    assert groups["side"].tolist() == ["ours", "ours", "theirs"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m = map_events(cmp, tiles=None, outlines=False)
    html = m.get_root().render()
    for label in ("matched", "ours only", "theirs only"):
        assert label in html
    assert isinstance(cmp.map(m=folium.Map(tiles=None), outlines=False), folium.Map)


def test_empty_sides_compare_to_nothing():
    empty = frame()
    cmp = compare_events(empty, frame(("2022-05-01", "Battles", *KYIV)))
    assert cmp.matched.empty and cmp.ours_only.empty and len(cmp.theirs_only) == 1
    assert cmp.summary().loc["all", "theirs_only"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([1, 2], None), "ours must be a DataFrame"),
        ((pd.DataFrame({"x": [1]}), None), "no 'event_date'"),
        ((pd.DataFrame({"event_date": ["2022-01-01"]}), None), "neither a geometry"),
    ],
)
def test_bad_frames_are_refused_clearly(args, message):
    theirs = frame(("2022-05-01", "Battles", *KYIV))
    with pytest.raises(InvalidInputError, match=message):
        compare_events(args[0], theirs)


@pytest.mark.parametrize(
    ("option", "message"),
    [({"km": -1}, "km"), ({"days": "two"}, "days"), ({"types": "similar"}, "types")],
)
def test_bad_options_are_refused_naming_them(option, message):
    one = frame(("2022-05-01", "Battles", *KYIV))
    with pytest.raises(InvalidInputError, match=message):
        compare_events(one, one.copy(), **option)
