"""Lookups on the small fixture gazetteer: ranking, filters, contracts, bad input."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from geoevents import Candidate, CuratedDataError, Gazetteer, InvalidInputError
from geoevents._gazetteer.gazetteer import COLUMNS


def test_lookup_returns_every_column_best_first(fixture_gaz):
    frame = fixture_gaz.lookup("Mykolaiv")
    assert list(frame.columns) == list(COLUMNS)
    assert frame.iloc[0]["admin1"] == "Mykolaivska oblast"
    assert frame.iloc[0]["kind"] == "city"
    assert frame["score"].iloc[0] == frame["score"].max()
    assert frame["population"].dtype == "int64"
    assert frame["latitude"].dtype == "float64"


def test_empty_result_keeps_columns_and_dtypes(fixture_gaz):
    full = fixture_gaz.lookup("Kyiv")
    for name in ("", "   ", "Atlantis", "!!!"):
        empty = fixture_gaz.lookup(name)
        assert empty.empty
        assert list(empty.columns) == list(COLUMNS)
        assert dict(empty.dtypes) == dict(full.dtypes)


@pytest.mark.parametrize(
    ("query", "expected", "match"),
    [
        ("Nikolaev", "Mykolaiv", "exact"),
        ("nikolaev", "Mykolaiv", "exact"),
        ("Artemivsk", "Bakhmut", "exact"),
        ("Артемівськ", "Bakhmut", "folded"),  # Cyrillic is transliterated
        ("Запоріжжя", "Zaporizhzhia", "exact"),
        ("Zaporizhia", "Zaporizhzhia", "folded"),
        ("ZAPORIZHZHYA", "Zaporizhzhia", "folded"),
        ("Ciudad Juarez", "Ciudad Juárez", "exact"),
        ("Donbass", "Donbas", "exact"),
        ("Kiev", "Kyiv", "exact"),
        ("Kyjiw", "Kyiv", "folded"),
        ("Zaporizhzhiaa", "Zaporizhzhia", "folded"),
        ("Zaporishzhia", "Zaporizhzhia", "fuzzy"),
        ("Bakhmutt", "Bakhmut", "folded"),
        ("Bakmut", "Bakhmut", "fuzzy"),
    ],
)
def test_spellings_find_the_place(fixture_gaz, query, expected, match):
    best = fixture_gaz.best(query)
    if expected is None:
        assert best is None
        return
    assert best is not None, query
    assert best.name == expected
    assert best.match == match


def test_exact_ranks_before_folded_before_fuzzy(fixture_gaz):
    # "Mykolaiv" matches two cities and an oblast exactly; nothing else may precede them
    frame = fixture_gaz.lookup("Mykolaiv", limit=None)
    order = {"exact": 0, "folded": 1, "fuzzy": 2}
    ranks = [order[m] for m in frame["match"]]
    assert ranks == sorted(ranks)


def test_population_and_kind_break_ties(fixture_gaz):
    assert fixture_gaz.best("Moscow").country_code == "RU"
    assert fixture_gaz.best("Paris").country_code == "FR"
    # a bare name prefers the city over the oblast named after it
    assert fixture_gaz.best("Donetsk").kind == "city"
    assert fixture_gaz.best("Kherson").kind == "city"


def test_type_words_prefer_divisions(fixture_gaz):
    assert fixture_gaz.best("Donetsk Oblast").kind == "admin1"
    assert fixture_gaz.best("Kherson region").kind == "admin1"
    assert fixture_gaz.best("the Kherson region").kind == "admin1"
    assert fixture_gaz.best("Kherson city").kind == "city"


def test_country_and_kind_filters(fixture_gaz):
    moscow_us = fixture_gaz.lookup("Moscow", country="US")
    assert moscow_us["country_code"].tolist() == ["US"]
    assert moscow_us.iloc[0]["admin1"] == "Idaho"
    assert fixture_gaz.best("Paris", country=["us", "MX"]).admin1 == "Texas"
    assert fixture_gaz.best("Mykolaiv", kind="admin1").name == "Mykolaivska oblast"
    assert fixture_gaz.best("Mykolaiv", kind=["region", "facility"]) is None
    assert fixture_gaz.lookup("Moscow", country="FR").empty


def test_limit(fixture_gaz):
    assert len(fixture_gaz.lookup("Mykolaiv", limit=1)) == 1
    assert len(fixture_gaz.lookup("Mykolaiv", limit=None)) >= 3
    for bad in (0, -1, 1.5, True, "3"):
        with pytest.raises(InvalidInputError, match="limit"):
            fixture_gaz.lookup("Mykolaiv", limit=bad)


@pytest.mark.parametrize("bad", [None, 42, b"Kyiv", ["Kyiv"], math.nan])
def test_non_string_names_are_clear_errors(fixture_gaz, bad):
    with pytest.raises(InvalidInputError, match="must be a str"):
        fixture_gaz.lookup(bad)
    with pytest.raises(InvalidInputError, match="must be a str"):
        fixture_gaz.best(bad)
    with pytest.raises(InvalidInputError):
        fixture_gaz.geocode(bad)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"country": "Ukraine"}, "alpha-2"),
        ({"country": 7}, "country"),
        ({"country": ["UA", None]}, "country"),
        ({"kind": "town"}, "is not one of"),
        ({"kind": 3}, "kind"),
    ],
)
def test_bad_filters_are_clear_errors(fixture_gaz, kwargs, message):
    with pytest.raises(InvalidInputError, match=message):
        fixture_gaz.lookup("Kyiv", **kwargs)


def test_scores_are_probabilities_within_a_tier(fixture_gaz):
    frame = fixture_gaz.lookup("Mykolaiv", limit=None)
    exact = frame[frame["match"] == "exact"]["score"]
    assert exact.between(0, 1).all()
    assert exact.sum() == pytest.approx(1.0, abs=1e-3)
    assert fixture_gaz.best("Bakmut").score < 0.8  # fuzzy matches never look certain


def test_best_returns_a_candidate(fixture_gaz):
    c = fixture_gaz.best("Donbass")
    assert isinstance(c, Candidate)
    assert (c.kind, c.country_code, c.latitude, c.longitude) == ("region", "UA", 48.3, 38.4)
    assert c.geonameid is None  # curated rows without an id


def test_geocode_follows_geopy_contract(fixture_gaz):
    from geopy.location import Location

    loc = fixture_gaz.geocode("Kiev")
    assert isinstance(loc, Location)
    assert (loc.latitude, loc.longitude) == (50.4501, 30.5234)
    assert loc.address.startswith("Kyiv")
    assert loc.raw["kind"] == "city"
    address, (lat, lon) = loc  # geopandas unpacks it like this
    assert address == loc.address and (lat, lon) == (50.4501, 30.5234)
    assert fixture_gaz.geocode("Atlantis") is None
    many = fixture_gaz.geocode("Moscow", exactly_one=False)
    assert [m.raw["country_code"] for m in many] == ["RU", "US"]


def test_with_places_layers_without_changing_the_original(fixture_gaz, tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text(
        "name,kind,latitude,longitude,aliases,country_code\n"
        "Hill 204,natural,48.71,37.55,Height 204|Висота 204,UA\n"
        "Kyiv,facility,10.0,10.0,,XX\n",
        encoding="utf-8",
    )
    mine = fixture_gaz.with_places(extra)
    assert mine.best("Height 204").latitude == 48.71
    assert mine.best("висота 204").name == "Hill 204"
    assert mine.best("Hill 204", country="UA").kind == "natural"
    assert fixture_gaz.best("Hill 204") is None
    assert len(mine) == len(fixture_gaz) + 2
    # fuzzy matching sees the layered names too
    assert mine.best("Hil 204").name == "Hill 204"
    assert set(mine.lookup("Kyiv", limit=None)["country_code"]) == {"UA", "XX"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,kind,latitude\nX,city,1\n", "missing column"),
        ("name,kind,latitude,longitude\nX,town,1,2\n", "kind 'town'"),
        ("name,kind,latitude,longitude\nX,city,north,2\n", "latitude 'north'"),
        ("name,kind,latitude,longitude\nX,city,91,2\n", "outside"),
        ("name,kind,latitude,longitude\n,city,1,2\n", "empty name"),
        ("name,kind,latitude,longitude,country_code\nX,city,1,2,UKR\n", "alpha-2"),
        ("name,kind,latitude,longitude\nX,city,1,2,3\n", "more fields"),
    ],
)
def test_malformed_rows_name_file_and_line(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text, "utf-8")
    with pytest.raises(CuratedDataError, match=message) as info:
        Gazetteer.from_places(path)
    assert "bad.csv, line " in str(info.value)


def test_malformed_row_reports_its_line_number(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text("name,kind,latitude,longitude\nA,city,1,2\nB,city,3,4\nC,city,x,5\n", "utf-8")
    with pytest.raises(CuratedDataError, match=r"places.csv, line 4: latitude 'x'"):
        Gazetteer.from_places(path)


def test_missing_places_file_is_clear(fixture_gaz, tmp_path):
    with pytest.raises(InvalidInputError, match="no such places file"):
        fixture_gaz.with_places(tmp_path / "nope.csv")
    with pytest.raises(InvalidInputError, match="CSV path"):
        fixture_gaz.with_places([42])


def test_lookup_frame_is_a_fresh_object(fixture_gaz):
    a = fixture_gaz.lookup("Kyiv")
    a.loc[0, "name"] = "changed"
    assert fixture_gaz.lookup("Kyiv").loc[0, "name"] == "Kyiv"
    assert isinstance(a, pd.DataFrame)
