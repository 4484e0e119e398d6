"""Stand-ins (``geoevents._geoparse.stand_ins``): a given span whose only reading lies far
from the text's other places is placed among them when the gate says so. A small
gazetteer: three towns in Zaporizhzhia Oblast, Kyiv, Ukraine, and a hamlet "Zelenyi
Hai" known only in Volyn, 600 km away; invented sentences; no full index."""

from __future__ import annotations

import math
import statistics

import pytest

from geoevents import Gazetteer, Geoparser
from geoevents._geoparse.stand_ins import STAND_IN_FEATURES, StandInGate, StandIns

HEADER = "id,name,aliases,kind,country_code,admin1,latitude,longitude,population,source\n"
PLACES = """\
s-ua,Ukraine,,country,UA,,49.0,32.0,41000000,test
s-zapor,Zaporizka oblast,Zaporizhzhia Oblast,admin1,UA,Zaporizka oblast,47.5,35.5,1600000,test
s-orikhiv,Orikhiv,,city,UA,Zaporizka oblast,47.57,35.78,14000,test
s-polohy,Polohy,,city,UA,Zaporizka oblast,47.48,36.25,18000,test
s-huliaipole,Huliaipole,,city,UA,Zaporizka oblast,47.66,36.26,13000,test
s-kyiv,Kyiv,,city,UA,Kyiv,50.4501,30.5234,2950000,test
s-zh,Zelenyi Hai,,city,UA,Volynska oblast,51.2,24.7,300,test
"""
AMONG = "Zelenyi Hai lies between Orikhiv, Polohy and Huliaipole."
HAMLET = [(0, 11)]
YES = StandInGate({}, 30.0, 250.0)  # always says the cluster knows better
NO = StandInGate({}, -30.0, 250.0)  # never does


@pytest.fixture(scope="module")
def gaz(tmp_path_factory) -> Gazetteer:
    path = tmp_path_factory.mktemp("stand_ins") / "places.csv"
    path.write_text(HEADER + PLACES, encoding="utf-8")
    return Gazetteer.from_places(path)


@pytest.fixture(scope="module")
def parser(gaz) -> Geoparser:
    return Geoparser(gaz)


def with_gate(parser: Geoparser, gate: StandInGate) -> Geoparser:
    """A parser sharing ``parser``'s components but weighing stand-ins with ``gate``."""
    other = object.__new__(Geoparser)
    other.__dict__.update(parser.__dict__)
    other.stand_ins = StandIns(parser.finder, gate)
    return other


def test_a_far_given_span_stands_at_the_median_of_the_cluster_around_it(parser, gaz):
    (row,) = parser.mentions(AMONG, spans=HAMLET)
    assert (row.kind, row.place_id, row.precision, row.geonameid) == ("unknown", -1, 3, None)
    assert (row.name, row.mention, row.role) == ("Zelenyi Hai", "Zelenyi Hai", "place")
    towns = [gaz.place(int(gaz.place_ids(n)[0])) for n in ("Orikhiv", "Polohy", "Huliaipole")]
    assert row.latitude == statistics.median(t.latitude for t in towns)
    assert row.longitude == statistics.median(t.longitude for t in towns)
    # the country and division of the cluster's central place, not of the far reading
    assert (row.country_code, row.admin1) == ("UA", "Zaporizka oblast")
    assert 0.5 <= row.confidence <= 1.0


def test_a_given_span_inside_the_cluster_keeps_its_own_reading(parser):
    rows = parser.mentions(AMONG, spans=[(0, 11), (25, 32)])
    assert [(r.mention, r.kind) for r in rows] == [("Zelenyi Hai", "unknown"), ("Orikhiv", "city")]


def test_without_a_cluster_of_other_places_the_reading_stays(parser):
    for text in ("Zelenyi Hai lies far from anything.", "Zelenyi Hai lies in Ukraine."):
        (row,) = with_gate(parser, YES).mentions(text, spans=HAMLET)
        assert (row.kind, row.admin1) == ("city", "Volynska oblast"), text


def test_the_gate_decides(parser):
    (row,) = with_gate(parser, NO).mentions(AMONG, spans=HAMLET)
    assert (row.kind, row.admin1) == ("city", "Volynska oblast")
    (row,) = with_gate(parser, YES).mentions("Zelenyi Hai lies near Kyiv.", spans=HAMLET)
    assert (row.kind, row.latitude, row.admin1) == ("unknown", 50.4501, "Kyiv")


def test_a_span_like_no_gazetteer_name_stays_unresolved(parser):
    text = "Qwxzplk lies between Orikhiv, Polohy and Huliaipole."
    (row,) = with_gate(parser, YES).mentions(text, spans=[(0, 7)])
    assert row.place_id == -1 and row.kind is None and math.isnan(row.latitude)


def test_countries_and_divisions_never_stand_in(parser):
    text = "Ukraine and Zaporizhzhia Oblast lie near Orikhiv, Polohy and Huliaipole."
    rows = with_gate(parser, YES).mentions(text, spans=[(0, 7), (12, 31)])
    assert [r.kind for r in rows] == ["country", "admin1"]


def test_only_spans_a_caller_gave_are_weighed(parser):
    text = "Shelling hit Zelenyi Hai, Orikhiv, Polohy and Huliaipole."
    found = parser.recogniser.recognise(text)
    parser.resolver.resolve(text, found)
    assert "Zelenyi Hai" in [text[m.start : m.end] for m in found]
    StandIns(parser.finder, YES).weigh(text, found)
    assert all(m.stand_in is None for m in found)  # recognised names are gazetteer names


def test_the_gate_names_only_the_features_the_stage_computes():
    with pytest.raises(ValueError, match="log_distance"):
        StandInGate({"log_distance": 1.0}, 0.0, 250.0)
    gate = StandInGate({"share": -2.0}, 1.0, 100.0)
    zeros = [0.0] * len(STAND_IN_FEATURES)
    assert gate.probability(zeros) == pytest.approx(1 / (1 + math.exp(-1.0)))
    share = [1.0 if f == "share" else 0.0 for f in STAND_IN_FEATURES]
    assert gate.probability(share) == pytest.approx(1 / (1 + math.exp(1.0)))
    assert YES.probability([1e9] * len(STAND_IN_FEATURES)) == pytest.approx(1.0)  # no overflow
