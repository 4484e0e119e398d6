"""The mention table (``Geoparser.mentions``), the seam between the geoparser and later
stages: every field of a ``Mention`` row, the same rows as ``parse()``'s DataFrame, ids
that ``Gazetteer.place`` reads, a ``BatchPrior`` by country code and division name, and
given spans. A small gazetteer with three villages called Pavlivka (two in Ukraine, one
in Russia) and one demonym; invented sentences; no full index."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from geoevents import Gazetteer, Geoparser, InvalidInputError
from geoevents._gazetteer.build import compile_places
from geoevents._gazetteer.index import Index
from geoevents._gazetteer.sources import read_places_csv
from geoevents._geoparse import COLUMNS, BatchPrior, Mention

HEADER = "id,name,aliases,kind,country_code,admin1,latitude,longitude,population,source,geonameid\n"
PLACES = """\
m-ua,Ukraine,,country,UA,,49.0,32.0,41000000,test,9001
m-europe,Europe,,continent,,,50.0,15.0,740000000,test,
m-donetska,Donetska oblast,Donetsk Oblast,admin1,UA,Donetska oblast,48.0,37.8,4100000,test,9003
m-zapor,Zaporizka oblast,Zaporizhzhia Oblast,admin1,UA,Zaporizka oblast,47.5,35.5,1600000,test,9004
m-belg,Belgorodskaya oblast,,admin1,RU,Belgorodskaya oblast,50.7,37.0,1500000,test,9005
m-pav-d,Pavlivka,,city,UA,Donetska oblast,47.77,37.23,2000,test,9006
m-pav-z,Pavlivka,,city,UA,Zaporizka oblast,47.55,35.95,1500,test,9007
m-pav-r,Pavlivka,,city,RU,Belgorodskaya oblast,50.9,36.9,1900,test,9008
m-bakhmut,Bakhmut,,city,UA,Donetska oblast,48.5956,37.9999,73000,test,9009
m-moscow,Moscow,,city,RU,Moscow,55.7558,37.6173,12500000,test,9010
m-kyiv,Kyiv,,city,UA,Kyiv,50.4501,30.5234,2950000,test,
"""
# a place (with and without a geonameid), a metonym, a division, "near"
REPORT = "He said Ukrainian troops entered Bakhmut while Moscow denied it. Kyiv was quiet."
NEAR = "Troops fired at Pavlivka near Bakhmut in Donetsk Oblast."


@pytest.fixture(scope="module")
def gaz(tmp_path_factory) -> Gazetteer:
    path = tmp_path_factory.mktemp("mentions") / "places.csv"
    path.write_text(HEADER + PLACES, encoding="utf-8")
    places = read_places_csv(path)
    ukraine = next(i for i, p in enumerate(places) if p.name == "Ukraine")
    arrays, meta = compile_places(places, adjectives=[("Ukrainian", ukraine)])
    return Gazetteer(Index(arrays, meta, None))


@pytest.fixture(scope="module")
def parser(gaz) -> Geoparser:
    return Geoparser(gaz)


def test_every_field_of_a_row(parser, gaz):
    text = "Shelling hit Bakhmut overnight."
    (row,) = parser.mentions(text)
    assert isinstance(row, Mention)
    bakhmut = int(gaz.place_ids("Bakhmut")[0])
    assert row[:14] == (
        13, 20, "Bakhmut", "place", bakhmut, "Bakhmut", "city", "UA", "Donetska oblast",
        48.5956, 37.9999, 9009, 1, row.confidence,
    )  # fmt: skip
    assert 0.5 < row.confidence <= 1.0
    assert isinstance(row.candidates, np.ndarray) and row.candidates.tolist() == [bakhmut]
    assert (row.share, row.spread_km, row.partial, row.qualified) == (1.0, 0.0, False, False)


def test_rows_are_in_text_order_and_their_spans_hold_their_mentions(parser):
    rows = parser.mentions(REPORT, cut_shift=1.0)
    assert [r.start for r in rows] == sorted(r.start for r in rows)
    assert all(REPORT[r.start : r.end] == r.mention for r in rows)
    assert [(r.mention, r.role) for r in rows] == [
        ("Ukrainian", "adjectival"),
        ("Bakhmut", "place"),
        ("Moscow", "metonym"),  # "Moscow denied": a government, still a place
        ("Kyiv", "place"),
    ]
    kyiv = rows[-1]
    assert kyiv.geonameid is None  # a place without a GeoNames id


def test_precision_says_the_place_near_it_or_a_region(parser):
    rows = {r.mention: r for r in parser.mentions(NEAR)}
    assert rows["Pavlivka"].precision == 1
    assert rows["Bakhmut"].precision == 2  # "near Bakhmut"
    assert rows["Donetsk Oblast"].precision == 3


def test_the_candidates_weighed_hold_the_choice_and_share_is_its_probability(parser, gaz):
    (row, _europe) = parser.mentions("Shelling hit Pavlivka in Europe.")
    assert sorted(row.candidates.tolist()) == sorted(gaz.place_ids("Pavlivka").tolist())
    assert row.place_id in row.candidates
    assert 1 / 3 < row.share < 0.9  # three villages, nothing to tell them apart
    assert row.spread_km > 300  # the Russian one is far from the chosen one
    assert row.confidence <= row.share


def frame_value(value):
    return None if value is pd.NA or (isinstance(value, float) and math.isnan(value)) else value


def row_value(value):
    return None if isinstance(value, float) and math.isnan(value) else value


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        (REPORT, None),
        (NEAR, None),
        ("Qwxzplk and Pavlivka lie near Bakhmut.", [(30, 37), (0, 7), (12, 20)]),
        ("", None),
    ],
)
def test_parse_gives_the_same_rows_as_a_dataframe(parser, text, spans):
    rows = parser.mentions(text, spans=spans)
    frame = parser.parse(text, spans=spans)
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == len(rows)
    for row, (_, record) in zip(rows, frame.iterrows(), strict=True):
        expected = row._asdict()
        if row.kind is None:
            expected["role"] = None  # an unresolved row has no role in the frame
        for column in COLUMNS:
            assert frame_value(record[column]) == row_value(expected[column]), column


def test_every_place_id_reads_the_same_place_from_the_gazetteer(parser, gaz):
    for row in parser.mentions(REPORT + " " + NEAR, cut_shift=1.0):
        place = gaz.place(row.place_id)
        assert (place.name, place.kind, place.country_code, place.admin1) == (
            row.name, row.kind, row.country_code, row.admin1,
        )  # fmt: skip
        assert (place.latitude, place.longitude, place.geonameid) == (
            row.latitude, row.longitude, row.geonameid,
        )  # fmt: skip


@pytest.mark.parametrize(
    ("prior", "country", "admin1"),
    [
        (None, "UA", "Donetska oblast"),  # the most prominent one
        (BatchPrior(countries={"RU": 1.0}), "RU", "Belgorodskaya oblast"),
        (BatchPrior(admin1={"Zaporizka oblast": 1.0}), "UA", "Zaporizka oblast"),
        # names no place has weigh nothing
        (BatchPrior({"RU": 1.0, "XX": 5.0}, {"Nowhere": 5.0}), "RU", "Belgorodskaya oblast"),
    ],
)
def test_a_batch_prior_tips_an_ambiguous_name(parser, prior, country, admin1):
    before = None if prior is None else (dict(prior.countries), dict(prior.admin1))
    # "Europe" is named too, and says nothing of which Pavlivka
    row = parser.mentions("Shelling hit Pavlivka in Europe.", prior=prior)[0]
    assert (row.country_code, row.admin1) == (country, admin1)
    if prior is not None:  # the caller's prior is read, not changed
        assert (prior.countries, prior.admin1) == before


def test_a_batch_prior_tips_the_only_name_of_a_text(parser):
    """Regression (issue 12): a text naming one place reads the batch prior too."""
    (row,) = parser.mentions("Shelling hit Pavlivka.", prior=BatchPrior(countries={"RU": 1.0}))
    assert row.country_code == "RU"


def test_given_spans_one_row_each_in_the_given_order(parser):
    text = "Qwxzplk and Pavlivka lie near Bakhmut, Kyiv said."
    spans = [(30, 37), (0, 7), (12, 20)]
    rows = parser.mentions(text, spans=spans)
    assert [(r.start, r.end) for r in rows] == spans  # Kyiv, not given, has no row
    bakhmut, unknown, pavlivka = rows
    assert (bakhmut.name, pavlivka.admin1) == ("Bakhmut", "Donetska oblast")  # by Bakhmut
    # a span like no gazetteer name: a row with nothing resolved
    assert (unknown.place_id, unknown.role, unknown.kind, unknown.geonameid) == (
        -1, None, None, None,
    )  # fmt: skip
    assert math.isnan(unknown.latitude) and math.isnan(unknown.confidence)
    assert len(unknown.candidates) == 0


def test_no_places_no_rows(parser):
    assert parser.mentions("") == []
    assert parser.mentions("nothing here is capitalised.") == []
    assert parser.parse("").empty


@pytest.mark.parametrize("bad", [None, 42, b"Kyiv", ["Kyiv"]])
def test_text_must_be_a_string(parser, bad):
    with pytest.raises(InvalidInputError, match="text must be a str"):
        parser.mentions(bad)
    with pytest.raises(InvalidInputError, match="text must be a str"):
        parser.parse(bad)
