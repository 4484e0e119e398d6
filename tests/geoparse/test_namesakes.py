"""Namesakes (issue 12): the batch's pull among villages of one name, regions named with
"in", divisions of the same name (the city of Kyiv and Kyiv Oblast around it) and the
seat an event that only its region locates stands at. A small invented gazetteer: two
Novoselivkas in one oblast 110 km apart, a town of 60,000 and a hamlet that share a name,
two Hostomels; invented sentences; no full index."""

from __future__ import annotations

import numpy as np
import pytest

from geoevents import Gazetteer, extract_events
from geoevents._geoparse import BatchPrior, Geoparser, grid_cell
from geoevents._geoparse.records import GRID_DEGREES

HEADER = "id,name,aliases,kind,country_code,admin1,latitude,longitude,population,source\n"
PLACES = """\
n-zo,Zaporizka oblast,Zaporizhzhia Oblast|Zaporizhzhia,admin1,UA,Zaporizka oblast,47.5,35.5,1600000,
n-ko,Khersonska oblast,Kherson Oblast|Kherson,admin1,UA,Khersonska oblast,46.7,33.5,1000000,t
n-vo,Volynska oblast,Volyn Oblast|Volyn,admin1,UA,Volynska oblast,51.0,25.0,1000000,t
n-kyiv-div,Kyiv,,admin1,UA,Kyiv,50.44,30.53,2950000,t
n-kyiv-obl,Kyivska oblast,Kyiv Oblast|Kyiv,admin1,UA,Kyivska oblast,50.36,30.60,1700000,t
n-kyiv,Kyiv,,city,UA,Kyiv,50.4501,30.5234,2950000,t
n-zap,Zaporizhzhia,,city,UA,Zaporizka oblast,47.84,35.14,710000,t
n-kherson,Kherson,,city,UA,Khersonska oblast,46.6354,32.6169,280000,t
n-lutsk,Lutsk,,city,UA,Volynska oblast,50.75,25.33,215000,t
n-kovel,Kovel,,city,UA,Volynska oblast,51.21,24.71,68000,t
n-orikhiv,Orikhiv,,city,UA,Zaporizka oblast,47.57,35.78,14000,t
n-nov-front,Novoselivka,,city,UA,Zaporizka oblast,47.60,35.90,600,t
n-nov-rear,Novoselivka,,city,UA,Zaporizka oblast,46.80,34.80,900,t
n-lym-town,Lymanka,,city,UA,Khersonska oblast,46.90,33.20,60000,t
n-lym-front,Lymanka,,city,UA,Zaporizka oblast,47.62,35.85,300,t
n-host-kyiv,Hostomel,,city,UA,Kyivska oblast,50.57,30.27,16000,t
n-host-vol,Hostomel,,city,UA,Volynska oblast,51.10,25.10,30000,t
n-slav,Slavutych,,city,UA,Kyivska oblast,51.52,30.75,24000,t
n-slav-metro,Slavutych,,facility,UA,Kyiv,50.39,30.60,0,t
"""


@pytest.fixture(scope="module")
def gaz(tmp_path_factory) -> Gazetteer:
    path = tmp_path_factory.mktemp("namesakes") / "places.csv"
    path.write_text(HEADER + PLACES, encoding="utf-8")
    return Gazetteer.from_places(path)


@pytest.fixture(scope="module")
def parser(gaz) -> Geoparser:
    return Geoparser(gaz)


def first(parser: Geoparser, text: str, name: str, prior=None):
    return next(r for r in parser.mentions(text, prior=prior) if r.mention == name)


def near_orikhiv(n: float) -> BatchPrior:
    """A batch that has named ``n`` places with confidence around Orikhiv."""
    return BatchPrior(cells={grid_cell(47.57, 35.78): n})


def test_grid_cells_are_a_fifth_of_a_degree():
    assert GRID_DEGREES == 0.2
    assert grid_cell(47.61, 35.81) == grid_cell(47.79, 35.99) != grid_cell(47.81, 35.81)
    assert grid_cell(-0.1, -0.1) == (-1, -1)


def test_the_batch_pulls_a_namesake_towards_what_it_reports_on(parser):
    text = "Shelling hit Novoselivka, Zaporizhzhia region."
    alone = first(parser, text, "Novoselivka")
    assert (alone.latitude, alone.longitude) == (46.80, 34.80)  # the larger, by default
    pulled = first(parser, text, "Novoselivka", near_orikhiv(10))
    assert (pulled.latitude, pulled.longitude) == (47.60, 35.90)
    # a pull is no proof: the other reading is still a plausible one, 130 km away
    assert pulled.spread_km > 100


def test_a_qualifier_outweighs_the_batch(parser):
    """The batch reports on Volyn, but the text says Kyiv Oblast."""
    volyn = BatchPrior(cells={grid_cell(51.10, 25.10): 20.0})
    m = first(parser, "Drones hit Hostomel, Kyiv Oblast.", "Hostomel", volyn)
    assert m.admin1 == "Kyivska oblast"


def test_the_batch_pulls_no_station_named_like_a_town(parser):
    """A batch about Kyiv does not pull "Slavutych" to the metro station of that name
    when a town of 24,000 bears it."""
    from geoevents._geoparse.namesakes import batch_pull

    finder = parser.finder
    hit = finder.lookup("Slavutych")
    kinds = [parser.gazetteer.place(int(i)).kind for i in hit.places]
    assert sorted(kinds) == ["city", "facility"]
    kyiv = {grid_cell(50.39, 30.60): 30.0, grid_cell(51.52, 30.75): 1.0}
    pull = batch_pull(finder, hit, np.zeros(len(hit.places)), kyiv)
    by_kind = dict(zip(kinds, pull.tolist(), strict=True))
    assert by_kind["facility"] == 0.0 and by_kind["city"] > 0.0


def test_the_batch_never_pulls_a_name_off_a_town_of_its_size(parser):
    """ "Lymanka" is the town of 60,000 however many events the batch has near the
    hamlet of that name."""
    m = first(parser, "Shelling hit Lymanka overnight.", "Lymanka", near_orikhiv(50))
    assert (m.latitude, m.longitude) == (46.90, 33.20)


@pytest.mark.parametrize(
    "text",
    [
        "Drones hit Hostomel in the Kyiv region.",
        "Drones hit Hostomel, a village in Kyiv Oblast.",
        "Drones hit Hostomel village in Kyiv Oblast.",
        pytest.param("Looting was reported in Hostomel, Kyiv.", id="twin-divisions"),
    ],
)
def test_a_region_named_after_the_village_chooses_it(parser, text):
    m = first(parser, text, "Hostomel")
    assert (m.admin1, m.latitude) == ("Kyivska oblast", 50.57)
    assert not m.partial


def test_a_region_without_the_village_leaves_it_unknown(parser):
    """No Hostomel in Zaporizhzhia Oblast: the place the text means is not listed."""
    assert first(parser, "Drones hit Hostomel in the Zaporizhzhia region.", "Hostomel").partial


def test_the_kyiv_region_is_the_oblast_not_the_city(parser):
    m = first(parser, "Drones were shot down over the Kyiv region.", "Kyiv")
    assert (m.name, m.kind) == ("Kyivska oblast", "admin1")
    assert first(parser, "Drones hit Kyiv overnight.", "Kyiv").kind == "city"


@pytest.mark.parametrize(
    ("division", "seat"),
    [
        ("Kherson", "Kherson"),
        ("Zaporizhzhia", "Zaporizhzhia"),
        ("Kyiv Oblast", "Kyiv"),  # the city, a division of its own, seats the oblast
        ("Volyn", "Lutsk"),  # no town bears the region's name: its largest town
    ],
)
def test_the_seat_of_a_division(gaz, division, seat):
    assert gaz.place(gaz.seat_of(gaz.division_named(division, "UA"))).name == seat


def test_only_a_division_has_a_seat(gaz):
    assert gaz.seat_of(int(gaz.place_ids("Orikhiv")[0])) == -1


def test_an_event_only_its_region_locates_stands_at_the_seat(gaz):
    """As ACLED codes it: the location is the region, the point its seat, precision 3."""
    events = extract_events(
        "Air defence shot down four drones over the Kherson region.",
        published="2023-05-02",
        gazetteer=gaz,
    )
    row = events.iloc[0]
    assert (row["location"], row["geo_precision"]) == ("Khersonska oblast", 3)
    assert (row["latitude"], row["longitude"]) == (46.6354, 32.6169)


def test_a_batch_learns_where_its_reports_are(gaz):
    """Reports about Orikhiv first: a later "Novoselivka, Zaporizhzhia" is the one near
    it, where the same report alone gets the other."""
    import pandas as pd

    later = "Shelling hit Novoselivka, Zaporizhzhia region."
    texts = ["Artillery shelled Orikhiv overnight."] * 6 + [later]
    batch = extract_events(
        pd.DataFrame({"text": texts, "published": "2023-05-02"}), gazetteer=gaz, n_jobs=1
    )
    alone = extract_events(later, published="2023-05-02", gazetteer=gaz)
    assert alone["latitude"].iloc[0] == 46.80
    assert batch["latitude"].iloc[-1] == 47.60


def test_in_a_named_region_a_place_of_that_name_beats_an_old_name(parser):
    """ "Novoselivka, Zaporizhzhia": were Zaporizhzhia city once called Novoselivka (an
    alternate name), the villages of that name in the region still win; outside the
    region nothing is dropped."""
    from geoevents._gazetteer.sources import Q_ALTERNATE, Q_PRIMARY
    from geoevents._geoparse.namesakes import prefer_own_names
    from geoevents._geoparse.records import Hit, Match

    gaz = parser.gazetteer
    ids = {(gaz.place(i).name, gaz.place(i).latitude): i for i in range(len(gaz))}
    city = ids[("Zaporizhzhia", 47.84)]
    villages = [ids[("Novoselivka", 47.60)], ids[("Novoselivka", 46.80)]]
    hit = Hit(np.array([city, *villages]), np.array([Q_ALTERNATE, Q_PRIMARY, Q_PRIMARY]), 0,
              "place")  # fmt: skip
    m = Match(0, 11, hit)
    zap = parser.finder.admin1[city]
    prefer_own_names(parser.finder, m, (int(parser.finder.country[city]), int(zap), -1))
    assert sorted(m.hit.places.tolist()) == sorted(villages)
    # another region named: nothing of this one is touched
    m = Match(0, 11, hit)
    kyiv = parser.finder.admin1[ids[("Hostomel", 50.57)]]
    prefer_own_names(parser.finder, m, (int(parser.finder.country[city]), int(kyiv), -1))
    assert len(m.hit.places) == 3


def test_a_large_town_of_another_region_is_no_reading_of_a_qualified_name(parser):
    """ "Lymanka, Zaporizhzhia": not the town of 60,000 in Kherson Oblast, which a report
    would name with its own region; the hamlet in Zaporizhzhia Oblast is the reading."""
    from geoevents._geoparse.namesakes import prefer_own_names
    from geoevents._geoparse.records import Match

    finder = parser.finder
    hit = finder.lookup("Lymanka")
    zap = finder.admin1[next(int(i) for i in hit.places if finder.lat[i] == 47.62)]
    m = Match(0, 7, hit)
    prefer_own_names(finder, m, (int(finder.country[hit.places[0]]), int(zap), -1))
    assert [float(finder.lat[i]) for i in m.hit.places] == [47.62]


def test_a_qualifier_bounds_the_batch_pull(parser):
    """The batch pulls only the namesakes inside the region the text names."""
    from geoevents._geoparse.namesakes import batch_pull

    finder = parser.finder
    hit = finder.lookup("Novoselivka")
    cells = {grid_cell(47.60, 35.90): 10.0, grid_cell(46.80, 34.80): 10.0}
    free = batch_pull(finder, hit, np.zeros(len(hit.places)), cells)
    assert (free > 0).sum() == 2
    volyn = finder.admin1[parser.gazetteer.division_named("Volyn", "UA")]
    bound = batch_pull(finder, hit, np.zeros(len(hit.places)), cells,
                       (int(finder.country[hit.places[0]]), int(volyn), -1))  # fmt: skip
    assert (bound > 0).sum() == 0


def test_a_batch_remembers_the_region_a_report_gave_a_name(parser):
    """Issue 12: "Hostomel, Kyiv Oblast" in one report; a later bare "Hostomel" is the
    same village, not the larger one in Volyn Oblast it reads as alone."""
    text = "Drones hit Hostomel overnight."
    assert first(parser, text, "Hostomel").admin1 == "Volynska oblast"
    prior = BatchPrior()
    first(parser, "Shelling hit Hostomel, Kyiv Oblast.", "Hostomel", prior)
    assert list(prior.names) == ["hostomel"]
    assert first(parser, text, "Hostomel", prior).admin1 == "Kyivska oblast"
    # a name the text qualifies itself keeps its own region
    assert first(parser, "Drones hit Hostomel, Volyn.", "Hostomel", prior).admin1 == (
        "Volynska oblast")  # fmt: skip
