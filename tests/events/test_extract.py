"""EventExtractor (``geoevents._events.extract``): a report in, one row per event. A small
gazetteer of invented villages; invented sentences; no full index."""

from __future__ import annotations

import pytest

from geoevents import Gazetteer, GeoEventsError, extract_events

HEADER = "id,name,aliases,kind,country_code,admin1,latitude,longitude,population,source\n"
PLACES = """\
x-do,Donetska oblast,Donetsk Oblast,admin1,UA,Donetska oblast,48.0,37.8,4100000,t
x-zy,Zelenyi Yar,,city,UA,Donetska oblast,48.10,37.50,2100,t
x-so,Sokilky,,city,UA,Donetska oblast,48.20,37.60,1800,t
x-lo,Lozuvatka,,city,UA,Donetska oblast,48.30,37.70,1500,t
"""


def small_gazetteer(tmp_path_factory, rows: str) -> Gazetteer:
    path = tmp_path_factory.mktemp("extract") / "places.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return Gazetteer.from_places(path)


@pytest.fixture(scope="module")
def gaz(tmp_path_factory) -> Gazetteer:
    return small_gazetteer(tmp_path_factory, PLACES)


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("Artillery shelled Zelenyi Yar, Sokilky and Lozuvatka overnight.", 1),
        # issue 12: "near" the first place of a list widened it into a copy of itself, and
        # the list was lost; now each place gets its event, near each of them
        ("Artillery fired near Zelenyi Yar, Sokilky and Lozuvatka overnight.", 2),
    ],
)
def test_every_listed_village_gets_its_event(gaz, text, precision):
    events = extract_events(text, published="2023-05-02", gazetteer=gaz)
    assert sorted(events["location"]) == ["Lozuvatka", "Sokilky", "Zelenyi Yar"]
    assert set(events["geo_precision"]) == {precision}
    assert events["event_date"].nunique() == 1


def test_an_event_a_landmark_places_stands_at_its_offset(gaz):
    """Issue 12: "10 km south of Zelenyi Yar" is 10 km due south of its point, and
    claims 25 km; the location stays the town the report names."""
    events = extract_events(
        "Shelling hit a farm 10 km south of Zelenyi Yar.", published="2023-05-02", gazetteer=gaz
    )
    row = events.iloc[0]
    assert (row["location"], row["geo_precision"]) == ("Zelenyi Yar", 2)
    assert row["latitude"] == pytest.approx(48.10 - 10 / 111.2, abs=1e-3)
    assert row["longitude"] == pytest.approx(37.50, abs=1e-6)


@pytest.mark.parametrize(
    "text",
    [
        "Artillery shelled Zelenyi Yar, Sokilky, Novyi Dim and Lozuvatka overnight.",
        # a region named after the list holds its unknown names too
        "Artillery shelled Zelenyi Yar and Novyi Dim in the Donetsk region overnight.",
    ],
)
def test_a_listed_village_the_gazetteer_lacks_gets_its_event_at_the_lists_region(gaz, text):
    """Issue 12: every listed place gets its event; Novyi Dim, unknown, stands at the
    region its list lies in, precision 3, its mention its own name."""
    events = extract_events(text, published="2023-05-02", gazetteer=gaz)
    unknown = events[events["mention"] == "Novyi Dim"]
    assert unknown[["location", "geo_precision"]].values.tolist() == [["Donetska oblast", 3]]
    assert events["event_date"].nunique() == 1
    assert "Zelenyi Yar" in set(events["location"])


def test_a_person_named_after_one_place_is_no_listed_village(gaz):
    events = extract_events(
        "Artillery shelled Sokilky and Petro Ivanenko said two died.",
        published="2023-05-02",
        gazetteer=gaz,
    )
    assert events["mention"].tolist() == ["Sokilky"]


def test_an_acled_note_codes_its_event_to_the_place_it_says(gaz):
    """Issue 12: "the Sokilky district (coded to Lozuvatka, Donetsk)" is an event at
    Lozuvatka, the place the note says it is coded to."""
    events = extract_events(
        "Russian forces shelled the Sokilky district (coded to Lozuvatka, Donetsk).",
        published="2023-05-02",
        gazetteer=gaz,
    )
    assert events["location"].tolist() == ["Lozuvatka"]


def test_a_landmark_locates_a_village_whose_namesake_lies_far_from_it(tmp_path):
    """Issue 12: "Lozuvatka, just south of Zelenyi Yar" when the gazetteer's Lozuvatka
    lies 150 km away: that is another village, and the event stands by Zelenyi Yar
    (precision 2), the mention still the village's name."""
    path = tmp_path / "places.csv"
    path.write_text(
        HEADER + "x-zy,Zelenyi Yar,,city,UA,Donetska oblast,48.10,37.50,2100,t\n"
        "x-far,Lozuvatka,,city,UA,Zaporizka oblast,47.20,35.90,1500,t\n",
        encoding="utf-8",
    )
    events = extract_events(
        "Troops attacked positions near Lozuvatka, just south of Zelenyi Yar, on Sunday.",
        published="2023-05-02",
        gazetteer=Gazetteer.from_places(path),
    )
    assert events[["location", "mention", "geo_precision"]].values.tolist() == [
        ["Zelenyi Yar", "Lozuvatka", 2]
    ]


# A second small world: two oblasts with their seats, and namesakes outside them.
WORLD = """\
x-lu,Luhanska oblast,Luhansk Oblast|Luhansk,admin1,UA,Luhanska oblast,48.6,39.3,2100000,t
x-lc,Luhansk,,city,UA,Luhanska oblast,48.57,39.31,400000,t
x-kr,Kirovohradska oblast,Kirovohrad,admin1,UA,Kirovohradska oblast,48.5,32.3,900000,t
x-kc,Kropyvnytskyi,Kirovograd,city,UA,Kirovohradska oblast,48.51,32.27,220000,t
x-dl,Dolynska,,city,UA,Kirovohradska oblast,48.11,32.77,18000,t
x-od,Odeska oblast,Odesa Oblast,admin1,UA,Odeska oblast,46.5,30.7,2400000,t
x-km,Komyshivka,,city,UA,Odeska oblast,45.52,29.12,3500,t
x-lz,Lozove,,city,UA,Odeska oblast,46.0,30.0,900,t
x-tr,Troitske,,city,UA,Luhanska oblast,49.0,38.9,1200,t
x-ov,Orikhove,Orikhovo,city,UA,Odeska oblast,46.2,30.4,1500,t
x-po,Pokrovskoye,Pokrovskyi,city,RU,Dagestan,43.0,47.0,5000,t
x-ve,Vesele,,city,UA,Luhanska oblast,48.9,39.0,1100,t
"""


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Gazetteer:
    return small_gazetteer(tmp_path_factory, WORLD)


def test_a_bare_name_keeps_the_region_its_report_gave_it(world):
    """Issue 12: "Komyshivka, Luhansk region" names no Komyshivka the gazetteer holds
    in that region; the same report's bare "in Komyshivka" is that village too, not the
    one in Odesa Oblast."""
    events = extract_events(
        "Troops shelled positions near Komyshivka, Luhansk region. Later a house in "
        "Komyshivka was damaged by shelling.",
        published="2023-03-15",
        gazetteer=world,
    )
    assert set(events["admin1"]) == {"Luhanska oblast"}
    assert set(events["geo_precision"]) == {3}


def test_a_seats_old_name_qualifies_without_an_event_of_its_own(world):
    """ "Dolynska, Kirovograd": the old name of the oblast's seat names the oblast;
    it is the address of Dolynska, not a second event at Kropyvnytskyi."""
    events = extract_events(
        "Rockets hit the rail yard in Dolynska, Kirovograd, overnight.",
        published="2022-05-03",
        gazetteer=world,
    )
    assert events[["location", "geo_precision"]].values.tolist() == [["Dolynska", 1]]


def test_a_district_between_a_village_and_its_region_is_qualified_too(world):
    """ "Vesele, Pokrovskyi district, Luhansk": the district is in Luhansk Oblast, so
    the Pokrovskoye of Dagestan is never its reading."""
    events = extract_events(
        "Russian forces shelled near Vesele, Pokrovskyi district, Luhansk.",
        published="2022-10-29",
        gazetteer=world,
    )
    assert set(events["admin1"]) == {"Luhanska oblast"}


def test_a_compound_name_the_gazetteer_lacks_is_not_its_first_half(world):
    """ "Orikhovo-Vasylivka, Luhansk": not Orikhove (a spelling of its first half)
    in another oblast; the event stands at the region the note names."""
    events = extract_events(
        "Russian forces shelled near Orikhovo-Vasylivka, Luhansk, with mortars.",
        published="2023-10-10",
        gazetteer=world,
    )
    assert events[["location", "geo_precision"]].values.tolist() == [["Luhanska oblast", 3]]


@pytest.mark.parametrize("word", ["region", "sector"])
def test_a_region_before_a_list_qualifies_each_name(world, word):
    """ "in the Luhansk region near Lozove, Troitske and Novyi Dim": Lozove of Odesa
    Oblast is not this Lozove, Novyi Dim is unknown; both stand at the region, and
    Troitske, which lies in it, stays itself."""
    events = extract_events(
        f"Rebels fired on army positions in the Luhansk {word} near Lozove, Troitske "
        "and Novyi Dim with mortars.",
        published="2018-02-17",
        gazetteer=world,
    )
    got = {m: (loc, p) for m, loc, p in events[["mention", "location", "geo_precision"]].values}
    assert got["Lozove"] == ("Luhanska oblast", 3)
    assert got["Novyi Dim"] == ("Luhanska oblast", 3)
    assert got["Troitske"][0] == "Troitske"


def test_every_event_says_the_language_its_report_was_read_in(gaz):
    """Issue 13: the ``lang`` column; ``lang=`` reads every report in that language (an
    English report read as Ukrainian finds no Ukrainian place name, so no event), and a
    language geoevents does not read is a clear error."""
    text = "Artillery shelled Zelenyi Yar overnight."
    events = extract_events(text, published="2023-05-02", gazetteer=gaz)
    assert events["lang"].tolist() == ["en"]
    assert extract_events(text, published="2023-05-02", gazetteer=gaz, lang="uk").empty
    with pytest.raises(GeoEventsError, match="lang must be one of"):
        extract_events(text, published="2023-05-02", gazetteer=gaz, lang="pl")


CYRILLIC_WORLD = """\
y-kh,Kharkiv,Харків|Харьков,city,UA,Kharkivska oblast,50.0,36.23,1400000,t
y-ks,Kherson,Херсон,city,UA,Khersonska oblast,46.64,32.62,280000,t
y-zp,Zaporizhzhia,Запоріжжя|Запорожье,city,UA,Zaporizka oblast,47.84,35.14,710000,t
"""


@pytest.fixture(scope="module")
def cyrillic_world(tmp_path_factory) -> Gazetteer:
    return small_gazetteer(tmp_path_factory, CYRILLIC_WORLD)


@pytest.mark.parametrize(
    ("text", "location", "deaths"),
    [
        # the target after "по", before the trigger: "at Zaporizhzhia"
        ("Вчора ввечері росіяни випустили по Запоріжжю чотири ракети, загинула одна людина.",
         "Zaporizhzhia", 1),
        # "в самом Херсоне", then the event after a comma and a source
        ("В самом Херсоне, по данным местных властей, ночью был обстрелян жилой квартал, "
         "погибли три человека.", "Kherson", 3),
        ("Ворог обстріляв Харків, загиблих немає.", "Kharkiv", 0),
        # the speakers' seat is no event place
        ("Про обстріл Херсона, де загинули двоє, повідомили у Харкові.", "Kherson", 2),
    ],
)  # fmt: skip
def test_a_ukrainian_or_russian_report_gives_its_event(cyrillic_world, text, location, deaths):
    """Issue 13: where, what, when and how many died, read from the original language."""
    events = extract_events(text, published="2022-06-03", gazetteer=cyrillic_world)
    assert events[["location", "event_type"]].values.tolist() == [
        [location, "Explosions/Remote violence"]
    ]
    assert events["fatalities"].iloc[0] == deaths
    assert events["lang"].iloc[0] in ("uk", "ru")


def test_every_place_of_a_ukrainian_or_russian_list_gets_its_event(cyrillic_world):
    """Issue 13: "та", "і", "и" join a list as "and" does."""
    for text in ("Ворог обстріляв Харків, Херсон та Запоріжжя.",
                 "Противник обстрелял Харьков и Запорожье."):  # fmt: skip
        events = extract_events(text, published="2022-06-03", gazetteer=cyrillic_world)
        assert len(events) == (3 if "Херсон" in text else 2), text
        assert set(events["event_type"]) == {"Explosions/Remote violence"}


def test_the_calls_language_wins_and_a_night_is_dated_by_its_start(cyrillic_world):
    """Issue 13: ``lang=`` overrides a record's own ``lang``; "в ночь с 30 апреля на 1
    мая" is dated 30 April, as "в ночь на 1 мая" is."""
    record = {"text": "Ворог обстріляв Харків.", "lang": "ru", "published": "2023-05-01"}
    events = extract_events([record], gazetteer=cyrillic_world, lang="uk")
    assert events["lang"].tolist() == ["uk"]
    for text in ("В ночь с 30 апреля на 1 мая беспилотники атаковали Харьков.",
                 "В ночь на 1 мая беспилотники атаковали Харьков."):  # fmt: skip
        events = extract_events(text, published="2023-05-01", gazetteer=cyrillic_world)
        assert events["event_date"].dt.strftime("%Y-%m-%d").tolist() == ["2023-04-30"], text


def test_what_is_read_of_a_report_once_is_kept_only_while_it_is_read(gaz):
    """The memo of a report's places and of the locator's sentence (ReportMemo) is there
    while the report is read, and holds nothing (not its text) afterwards."""
    from geoevents import Geoparser
    from geoevents._events.extract import EventExtractor

    extractor = EventExtractor(Geoparser(gaz))
    places = extractor.places
    text = "Artillery shelled Zelenyi Yar overnight. Drones hit Sokilky near the river."
    seen = []
    is_water = places.is_water

    def spy(report_text, p):
        seen.append(places.memo.of(report_text) is not None)
        return is_water(report_text, p)

    places.is_water = spy
    events = extractor.extract(text, published="2023-05-02")
    assert sorted(events["location"]) == ["Sokilky", "Zelenyi Yar"]
    assert seen and all(seen)  # read with the memo
    assert getattr(places.memo._local, "memo", None) is None  # and nothing kept after
    with places.memo.reading(text):
        assert places.memo.of(text) == {}
        with places.memo.reading("another report"):
            assert places.memo.of(text) is None
        assert places.memo.of(text) == {}  # the outer report's memo again
    assert places.memo.of(text) is None
