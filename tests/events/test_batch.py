"""A batch of reports as one context (issue 12): the places a collection names with
confidence make a far foreign namesake of a common word, a venue's name or a mine's name
no event place. A small invented gazetteer: Ukrainian towns, a Turkish town called Cargo,
a Bulgarian village called Avalon, a Japanese town called Mine; invented sentences."""

from __future__ import annotations

import pandas as pd
import pytest

from geoevents import Gazetteer, extract_events

HEADER = "id,name,aliases,kind,country_code,admin1,latitude,longitude,population,source\n"
PLACES = """\
b-ua,Ukraine,,country,UA,,49.0,32.0,41000000,
b-tr,Turkey,,country,TR,,39.0,35.0,85000000,
b-so,Sumska oblast,Sumy Oblast|Sumy,admin1,UA,Sumska oblast,50.9,34.8,1000000,
b-sumy,Sumy,,city,UA,Sumska oblast,50.9077,34.7981,260000,
b-lubny,Lubny,,city,UA,Poltavska oblast,50.0186,32.9869,45000,
b-hadiach,Hadiach,,city,UA,Poltavska oblast,50.3713,33.9903,22000,
b-konotop,Konotop,,city,UA,Sumska oblast,51.2403,33.2026,85000,
b-romny,Romny,,city,UA,Sumska oblast,50.7515,33.4746,39000,
b-cargo,Cargo,,city,TR,Kars,40.6,43.1,80000,
b-avalon,Avalon,,city,BG,Burgas,42.5,27.4,1500,
b-mine,Mine,,city,JP,Yamaguchi,34.17,131.2,23000,
"""
TOWNS = ["Lubny", "Hadiach", "Konotop", "Romny"]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory) -> Gazetteer:
    path = tmp_path_factory.mktemp("batch") / "places.csv"
    path.write_text(HEADER + PLACES, encoding="utf-8")
    return Gazetteer.from_places(path)


def batch(gaz, texts: list[str]):
    frame = pd.DataFrame(
        {
            "text": texts,
            "published": "2023-05-02",
            "article_id": [f"r{i}" for i in range(len(texts))],
        }
    )
    return extract_events(frame, gazetteer=gaz, n_jobs=1)


def about_ukraine(n: int) -> list[str]:
    return [f"Artillery shelled {TOWNS[i % 4]} overnight." for i in range(n)]


@pytest.mark.parametrize(
    "title",
    [
        "Cargo depot hit by drones",  # a common word, a town in Turkey
        "Airborne assault on the Avalon airport",  # a venue, a village in Bulgaria
    ],
)
def test_a_stranger_to_the_batch_is_no_event_place(gaz, title):
    alone = extract_events(title, published="2023-05-02", gazetteer=gaz)
    assert len(alone) == 1  # read alone, nothing says the name is a stranger
    events = batch(gaz, [*about_ukraine(60), title])
    assert "r60" not in set(events["article_id"])
    assert len(events) == 60


def test_a_stranger_read_first_is_a_stranger_too(gaz):
    """The collection's seed, learnt from a sample spread over it, is ready before the
    first report; a lone far place read into the seed is left out of it."""
    events = batch(gaz, ["Cargo depot hit by drones", *about_ukraine(60)])
    assert "r0" not in set(events["article_id"])


def test_a_qualified_stranger_keeps_its_event(gaz):
    events = batch(gaz, [*about_ukraine(60), "Shelling hit Cargo, Turkey."])
    assert events.loc[events["article_id"] == "r60", "location"].tolist() == ["Cargo"]


def test_a_mine_is_named_by_its_number_not_by_a_town(gaz):
    """ "Mine 4/5, Sumy": the event is in Sumy (the region its address names), not in
    Mine, Japan."""
    events = extract_events(
        "Shelling hit the positions in Mine 4/5, Sumy, overnight.",
        published="2023-05-02",
        gazetteer=gaz,
    )
    assert events["admin1"].tolist() == ["Sumska oblast"]
    assert events["mention"].tolist() == ["Sumy"]


NAMESAKES = """\
c-zo,Zaporizka oblast,Zaporizhzhia Oblast|Zaporizhzhia,admin1,UA,Zaporizka oblast,47.5,35.5,1600000,
c-orikhiv,Orikhiv,,city,UA,Zaporizka oblast,47.57,35.78,14000,
c-mala,Mala Tokmachka,,city,UA,Zaporizka oblast,47.53,35.86,3000,
c-rob,Robotyne,,city,UA,Zaporizka oblast,47.45,35.84,500,
c-nov-front,Novoselivka,,city,UA,Zaporizka oblast,47.60,35.90,600,
c-nov-rear,Novoselivka,,city,UA,Zaporizka oblast,46.80,34.80,900,
c-nov-far,Novoselivka,,city,UA,Volynska oblast,51.0,25.0,5000,
"""


@pytest.fixture(scope="module")
def namesakes(tmp_path_factory) -> Gazetteer:
    path = tmp_path_factory.mktemp("namesakes") / "places.csv"
    path.write_text(HEADER + NAMESAKES, encoding="utf-8")
    return Gazetteer.from_places(path)


def _row(gaz, name: str, lat: float, date: str, precision: int) -> dict:
    place = next(
        int(i) for i in gaz.place_ids(name, match="exact") if gaz.place(int(i)).latitude == lat
    )
    info = gaz.place(place)
    return {"_place": place, "mention": name, "location": info.name, "latitude": info.latitude,
            "longitude": info.longitude, "geonameid": info.geonameid, "event_date": date,
            "geo_precision": precision}  # fmt: skip


@pytest.mark.parametrize(
    ("front_date", "moves"),
    [("2023-06-01", True), ("2021-06-01", False)],  # fronts move: another year does not pull
)
def test_the_collection_places_a_village_among_its_namesakes(namesakes, front_date, moves):
    """Fighting at Orikhiv, Mala Tokmachka and Robotyne in the same months: the event
    "near Novoselivka, Zaporizhzhia" read at the larger Novoselivka, 130 km behind the
    front, moves to the one beside them."""
    from geoevents._events.batch import rechoose_namesakes
    from geoevents._geoparse import Geoparser

    rows = [
        _row(namesakes, n, lat, front_date, 1)
        for n, lat in (("Orikhiv", 47.57), ("Mala Tokmachka", 47.53), ("Robotyne", 47.45))
    ]
    rows.append(_row(namesakes, "Novoselivka", 46.80, "2023-06-10", 3))
    assert rechoose_namesakes(rows, Geoparser(namesakes)) == int(moves)
    assert rows[-1]["latitude"] == (47.60 if moves else 46.80)
    assert rows[-1]["location"] == "Novoselivka"


def test_an_event_that_claims_its_village_does_not_move(namesakes):
    from geoevents._events.batch import rechoose_namesakes
    from geoevents._geoparse import Geoparser

    rows = [_row(namesakes, "Orikhiv", 47.57, "2023-06-01", 1)] * 3
    rows = [dict(r) for r in rows] + [_row(namesakes, "Novoselivka", 46.80, "2023-06-10", 1)]
    assert rechoose_namesakes(rows, Geoparser(namesakes)) == 0


def test_the_collection_does_not_move_a_village_across_its_region(namesakes):
    """The Volyn Novoselivka is the larger, but "Zaporizhzhia" keeps the event in its
    region: namesakes are weighed only inside it."""
    texts = ["Russian forces shelled Orikhiv, Zaporizhzhia."] * 5
    events = batch(namesakes, [*texts, "Drones hit near Novoselivka, Zaporizhzhia."])
    assert events["admin1"].iloc[-1] == "Zaporizka oblast"


def test_a_common_word_of_a_foreign_country_is_no_event_place(tmp_path):
    """Issue 12: "Crater ..." in a batch about Ukraine is no event in a town called
    Crater abroad, however near; read alone it is."""
    path = tmp_path / "places.csv"
    path.write_text(
        HEADER + PLACES + "b-crater,Crater,,city,MD,Chisinau,47.0,28.8,3000,\n", encoding="utf-8"
    )
    gaz = Gazetteer.from_places(path)
    title = "Explosion at Crater overnight"
    alone = extract_events(title, published="2023-05-02", gazetteer=gaz)
    assert alone["location"].tolist() == ["Crater"]
    events = batch(gaz, [*about_ukraine(60), title])
    assert "r60" not in set(events["article_id"])


@pytest.mark.parametrize(
    ("title", "mention"),
    [
        ("Smoke rising in sumy", "sumy"),  # a town written in lower case
        ("Images of the Konotop Airport destruction", "Konotop"),  # a site named by its town
    ],
)
def test_a_title_that_names_its_town_weakly_gets_its_event_in_a_batch(gaz, title, mention):
    """Issue 12: a title with no place at the usual cut is read again: a town of a
    country the batch is about, written in lower case or inside a site's name."""
    events = batch(gaz, [*about_ukraine(60), title])
    last = events[events["article_id"] == "r60"]
    assert last["mention"].tolist() == [mention]
    assert last["country_code"].tolist() == ["UA"]


def test_a_lower_case_word_is_no_town_in_a_batch_about_elsewhere(gaz):
    """ "sumy" read in lower case only stands in a batch about its country."""
    events = batch(gaz, [*[f"Shelling hit Cargo, Turkey, on day {i}." for i in range(30)],
                         "Smoke rising in sumy"])  # fmt: skip
    assert "r30" not in set(events["article_id"])


def test_a_plural_common_word_counts_as_a_common_word():
    """ "Cars on fire": the plural of a common word reads as that word for the stranger
    test; a town's name does not."""
    from geoevents._events.places import _common_word

    assert _common_word("Cars") and _common_word("Dam") and not _common_word("Kharkiv")
    assert not _common_word("Sumy")
