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
