"""Locating an event (``geoevents._events.locate``): the Locator picks, among a sentence's
places, where its trigger happened; the functions read how places relate in a sentence
(a part of another, a landmark, a list). Invented sentences; a small gazetteer for the
Locator, hand-made places for the functions; no full index."""

from __future__ import annotations

import dataclasses
import random

import pytest

from geoevents import Gazetteer, Geoparser
from geoevents._events.lexicon import EventLexicon
from geoevents._events.locate import (
    LOCATOR_FEATURES,
    Locator,
    around_landmark,
    as_landmark,
    gap_km,
    listed_with,
    possessed,
    stand_in,
)
from geoevents._events.places import EventPlaces
from geoevents._events.records import EventPlace

HEADER = "id,name,aliases,kind,country_code,admin1,latitude,longitude,population,source\n"
PLACES = """\
l-ua,Ukraine,,country,UA,,49.0,32.0,41000000,test
l-kyiv,Kyiv,,city,UA,Kyiv,50.4501,30.5234,2950000,test
l-bakhmut,Bakhmut,,city,UA,Donetska oblast,48.5956,37.9999,73000,test
l-dnipro,Dnipro,,city,UA,Dnipropetrovska oblast,48.4647,35.0462,980000,test
l-dnipro-r,Dnipro River,,natural,UA,,47.0,33.0,,test
"""


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    path = tmp_path_factory.mktemp("locate") / "places.csv"
    path.write_text(HEADER + PLACES, encoding="utf-8")
    lexicon = EventLexicon.default()
    places = EventPlaces(Geoparser(Gazetteer.from_places(path)), lexicon)
    return lexicon, places, Locator(places)


def located(world, text: str, **options) -> list[str | None]:
    """Where the locator puts the event of each trigger of a one-sentence text."""
    lexicon, places, locator = world
    triggers = lexicon.triggers_in(text)
    assert triggers, text
    found = places.of_report(text, triggers=triggers)
    out = []
    for ts, te, trig in triggers:
        got = locator.locate(text, 0, len(text), ts, te, trig.event_type, found, triggers,
                             **options)  # fmt: skip
        out.append(None if got is None else text[got[0].start : got[0].end])
    return out


@pytest.mark.parametrize(
    "text",
    [
        "The governor said in Kyiv that artillery shelled Bakhmut overnight.",
        "Speaking in Kyiv, the governor said shelling hit Bakhmut.",
        "Artillery shelled Bakhmut, officials in Kyiv said.",
    ],
)
def test_the_event_is_where_it_happened_not_where_a_speaker_sits(world, text):
    assert set(located(world, text)) == {"Bakhmut"}


def test_a_speakers_seat_is_a_feature_of_its_own(world):
    lexicon, places, locator = world
    text = "The governor said in Kyiv that artillery shelled Bakhmut overnight."
    triggers = lexicon.triggers_in(text)
    ts, te, trig = next(t for t in triggers if text[t[0] : t[1]] == "shelled")
    found = places.of_report(text, triggers=triggers)
    cands, X = locator.features(text, 0, len(text), ts, te, trig.event_type, found, triggers)
    assert X.shape == (len(cands), len(LOCATOR_FEATURES))
    seat = {text[p.start : p.end]: x[LOCATOR_FEATURES.index("speaker_seat")] for p, x in
            zip(cands, X, strict=True)}  # fmt: skip
    assert seat == {"Kyiv": 1.0, "Bakhmut": 0.0}


def test_what_an_attack_happened_to_is_where_it_happened(world):
    assert located(world, "Bakhmut was shelled on Monday, while talks went on in Kyiv.") == [
        "Bakhmut",  # the shelling
        "Kyiv",  # the talks
    ]


def test_fighting_is_no_point_in_a_whole_country_unless_asked(world):
    assert located(world, "Fighting raged in Ukraine.") == [None]
    assert located(world, "Fighting raged in Ukraine.", countries=True) == ["Ukraine"]
    assert located(world, "Protesters rallied in Ukraine.") == ["Ukraine"]  # not a conflict


def test_a_river_is_not_where_an_attack_happened(world):
    assert set(located(world, "Troops shelled boats on the Dnipro near Bakhmut.")) == {"Bakhmut"}
    assert set(located(world, "Artillery shelled boats on the Dnipro.")) == {None}


def test_adjectives_and_metonyms_are_never_candidates(world):
    lexicon, places, locator = world
    text = "Kyiv has sent troops to shell Bakhmut."
    triggers = lexicon.triggers_in(text)
    found = places.of_report(text, triggers=triggers)
    assert [(text[p.start : p.end], p.role) for p in found] == [
        ("Kyiv", "metonym"),
        ("Bakhmut", "place"),
    ]
    ts, te, trig = triggers[0]
    cands, _ = locator.features(text, 0, len(text), ts, te, trig.event_type, found, triggers)
    assert [text[p.start : p.end] for p in cands] == ["Bakhmut"]


# ------------------------------------------------------------ how places relate


def place(text: str, surface: str, kind: str = "city", index: int = 7, *, nth: int = 0,
          precision: int = 1) -> EventPlace:  # fmt: skip
    """The place named ``surface`` (its ``nth`` occurrence) in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return EventPlace(start, start + len(surface), index, kind, "place", precision, 0.9)


def unknown(text: str, surface: str) -> EventPlace:
    return place(text, surface, "unknown", -1)


@pytest.mark.parametrize(
    ("text", "known", "precision"),
    [
        ("Shelling hit the Obolon district of Kyiv.", "Kyiv", 2),  # a part of the city
        ("Shelling hit Kyiv's Obolon district.", "Kyiv", 2),
        ("Shelling hit Obolon (Kyiv) overnight.", "Kyiv", 1),  # the place it is said to be in
        ("Shelling hit Obolon near Kyiv overnight.", "Kyiv", 2),
        # issue 12: 40 km due south of the city's point, as near as a compass point allows
        ("Shelling hit Obolon, 40 km south of Kyiv.", "Kyiv", 2),
        ("Shelling hit Obolon, 40 km from Kyiv.", "Kyiv", 3),  # no direction: the region
        ("Shelling hit Obolon, 200 km south of Kyiv.", "Kyiv", None),  # too far to say
        ("Shelling hit Obolon as Kyiv slept.", "Kyiv", None),  # nothing relates them
    ],
)
def test_stand_in_the_known_place_that_says_where_an_unknown_one_is(text, known, precision):
    q = place(text, known)
    got = stand_in(text, unknown(text, "Obolon"), [q])
    if precision is None:
        assert got is None
    else:
        assert (got.start, got.index, got.precision) == (q.start, q.index, precision)


def test_a_country_or_a_metonym_stands_in_for_nothing():
    text = "Shelling hit Obolon (Ukraine) overnight."
    assert stand_in(text, unknown(text, "Obolon"), [place(text, "Ukraine", "country")]) is None
    text = "Shelling hit Obolon near Kyiv overnight."
    seat = dataclasses.replace(place(text, "Kyiv"), role="metonym")
    assert stand_in(text, unknown(text, "Obolon"), [seat]) is None


@pytest.mark.parametrize(
    ("text", "kind", "precision"),
    [
        ("Shelling hit Orlivka, 70 km northeast of Bakhmut.", "city", 3),
        ("Shelling hit Orlivka, 5 km from Bakhmut.", "city", 2),
        ("Shelling hit Orlivka near Bakhmut.", "city", 2),
        ("Shelling hit Orlivka near Bakhmut.", "admin1", 3),  # a region: only the region
        ("Shelling hit Orlivka, 300 km from Bakhmut.", "city", None),  # too far
    ],
)
def test_a_landmark_claims_only_what_its_distance_allows(text, kind, precision):
    landmark = place(text, "Bakhmut", kind)
    got = as_landmark(text, landmark)
    assert (got if got is None else got.precision) == precision


def test_a_place_named_for_itself_is_no_landmark():
    text = "Shelling hit homes in Bakhmut."
    p = place(text, "Bakhmut")
    assert as_landmark(text, p) is p


def test_possessed_reads_a_part_and_its_whole_both_ways():
    text = "Shelling hit Kyiv's Obolon district and the Sviatoshyn area of Kyiv."
    first, second = place(text, "Kyiv"), place(text, "Kyiv", nth=1)
    assert possessed(text, first, place(text, "Obolon"))
    assert possessed(text, second, place(text, "Sviatoshyn"))
    assert not possessed(text, second, place(text, "Obolon"))


def test_listed_with_gives_the_other_places_of_a_list():
    text = "Shelling hit Dnipro, Bakhmut and Kherson overnight."
    dnipro, bakhmut, kherson = (place(text, n) for n in ("Dnipro", "Bakhmut", "Kherson"))
    others = listed_with(text, bakhmut, [dnipro, bakhmut, kherson])
    assert sorted(text[p.start : p.end] for p in others) == ["Dnipro", "Kherson"]
    # a bracketed address does not end the list
    text = "Shelling hit Orikhiv (Zaporizhzhia Oblast) and Polohy."
    orikhiv, polohy = place(text, "Orikhiv"), place(text, "Polohy")
    assert listed_with(text, orikhiv, [orikhiv, polohy]) == [polohy]


def test_listed_with_stops_at_qualifiers_sentences_and_strangers():
    text = "Shelling hit Bakhmut, Donetsk region."
    bakhmut, region = place(text, "Bakhmut"), place(text, "Donetsk", "admin1")
    assert listed_with(text, bakhmut, [bakhmut, region]) == []  # an address, not a list
    text = "Shelling hit Bakhmut; Kherson was quiet."
    bakhmut, kherson = place(text, "Bakhmut"), place(text, "Kherson")
    assert listed_with(text, bakhmut, [bakhmut, kherson]) == []
    # a place carried over from an earlier sentence is in no list of this one
    assert listed_with(text, place("Kyiv.", "Kyiv"), [bakhmut, kherson]) == []


@pytest.mark.parametrize(
    ("gap", "km"),
    [
        (", 10 km east of ", 10.0),
        (", 2.5 kilometres from ", 2.5),
        (", 1,200 km from ", 1200.0),
        (", 5 miles from ", 5 * 1.609),
        (", a small village about five kilometres west of ", 5.0),
        (" near ", None),
    ],
)
def test_gap_km_reads_the_distance_of_a_landmark_phrase(gap, km):
    assert gap_km(gap) == (km if km is None else pytest.approx(km))


@pytest.mark.parametrize(
    ("gap", "precision", "offset"),
    [
        (", 10 km south of ", 2, (10.0, 180.0)),
        (", 80 km east of ", 3, (80.0, 90.0)),  # a compass point is too wide to claim 25 km
        (", 10 km from ", 2, None),  # no direction: the town itself, as near as that
        (" near ", 2, None),
        (", 200 km west of ", None, None),  # too far for any claim
    ],
)
def test_a_landmark_with_distance_and_direction_puts_the_event_at_that_offset(
    gap, precision, offset
):
    """Issue 12: "10 km south of Kramatorsk" stands 10 km south of the town's point."""
    town = EventPlace(30, 40, 7, "city", "place", 1, 0.9)
    got = around_landmark(town, gap)
    if precision is None:
        assert got is None
    else:
        assert (got.precision, got.offset, got.index) == (precision, offset, 7)


def test_the_landmark_search_finds_what_the_rule_finds():
    """``as_landmark`` tries LANDMARK_BEFORE only where a match may begin (the first
    letter of a run of name characters, after the last run no landmark phrase holds):
    the search of every letter was most of a long report's time. Same matches."""
    from geoevents._events import rules
    from geoevents._events.locate import _GAP_WORD_RUN, _landmark_before

    assert _GAP_WORD_RUN is not None  # the quick way is on for today's REFERENCE_GAP
    words = ["near", "Near", "south", "north-east", "NE", "N", "of", "the", "city", "town", "5",
             "10km", "5..", "-km", "five", "fivekm", "miles", "kilometer", "(approx)", "(", ",",
             "in", "about", "lies", "village", "not", "far", "from", "close", "to", "outside",
             "capital", "Bakhmut", "houses", "on", "and", "sesese", "Xnear", "'", "_", "é",
             "ſome", "\u212am", "İn"]  # fmt: skip
    rnd = random.Random(11)
    found = 0
    for _ in range(4000):
        text = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 16))) + " Kharkiv"
        end = len(text) - len("Kharkiv")
        start = max(0, end - 90) if rnd.random() < 0.7 else rnd.randint(0, end)
        want = rules.LANDMARK_BEFORE.search(text, start, end)
        got = _landmark_before(text, start, end)
        assert (want is None) == (got is None), text
        if want is not None:
            found += 1
            assert (got.span(), got.group(0)) == (want.span(), want.group(0)), text
    assert found > 100
