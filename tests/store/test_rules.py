"""The event store's matching rules (``geoevents._store.rules``), one test per rule."""

from __future__ import annotations

import math

import pytest

from geoevents._store import rules

STRIKE = "Explosions/Remote violence"


def test_km_and_days_hold_one_strike_told_apart():
    assert (rules.KM, rules.DAYS) == (10.0, 1)


@pytest.mark.parametrize(
    ("kind", "a", "b", "ok"),
    [
        (STRIKE, ("Russian forces", None), ("Russian forces", "Civilians"), True),
        (STRIKE, ("Russian forces", None), (None, None), True),
        (STRIKE, ("Russian forces", None), ("Ukrainian forces", None), False),
        # UNORDERED_TYPES: a strike's direction matters, a battle's does not
        (STRIKE, ("Russian forces", "Ukrainian forces"), ("Ukrainian forces", "Russian forces"),
         False),
        ("Battles", ("Russian forces", "Ukrainian forces"), ("Ukrainian forces", "Russian forces"),
         True),
        ("Battles", ("Ukrainian forces", None), ("Russian forces", None), True),
        ("Battles", ("Ukrainian forces", "Russian forces"), ("DPR forces", "Ukrainian forces"),
         False),
        # spacing and case are no difference
        (STRIKE, ("russian  forces", None), ("Russian forces", None), True),
        (STRIKE, (math.nan, None), ("Russian forces", None), True),
    ],
)  # fmt: skip
def test_actors_compatible(kind, a, b, ok):
    assert "Battles" in rules.UNORDERED_TYPES
    assert rules.actors_compatible(kind, *a, *b) is ok


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [(0, 2, False), (0, 3, True), (10, 22, False), (10, 23, True), (None, 50, False),
     (math.nan, 4, False), ("x", 4, False), (7, 7, False)],
)  # fmt: skip
def test_fatalities_conflict_uses_ratio_and_slack(a, b, conflict):
    assert (rules.FATALITY_RATIO, rules.FATALITY_SLACK) == (2, 2)
    assert rules.fatalities_conflict(a, b) is conflict
    assert rules.fatalities_conflict(b, a) is conflict


def test_score_weighs_place_then_time_then_words():
    assert rules.WEIGHT_KM > rules.WEIGHT_DAYS > rules.WEIGHT_TEXT
    assert math.isclose(rules.WEIGHT_KM + rules.WEIGHT_DAYS + rules.WEIGHT_TEXT, 1.0)
    assert rules.score(0, 0, 1.0) == pytest.approx(1.0)
    # nearer wins over better-worded
    assert rules.score(1, 0, 0.0) > rules.score(6, 0, 1.0)
    # the words break a tie of place and time
    assert rules.score(2, 1, 0.9) > rules.score(2, 1, 0.2)
    assert rules.score(50, 5, 0.0) == 0.0


STRIKE_READING = (STRIKE, "Shelling/artillery/missile attack", "Missiles hit the depot")


@pytest.mark.parametrize(
    ("other", "ok"),
    [
        # TYPE_GROUPS: a strike that kills civilians is told either way
        (("Violence against civilians", "Attack", "Two civilians killed"), True),
        (("Battles", "Armed clash", "Fighting near the depot"), False),
        (("Protests", "Peaceful protest", "A rally"), False),
        # GENERIC and AFTERMATH: damage told alone joins any kind of event
        (("Strategic developments", "Other", "The depot burned all night"), True),
        (("Strategic developments", "Other", "Пошкоджено склад"), True),
        # ... but troops seen are no aftermath
        (("Strategic developments", "Other", "A convoy was seen"), False),
        (("Strategic developments", "Arrests", "Damage to the depot"), False),
    ],
)  # fmt: skip
def test_types_compatible(other, ok):
    assert rules.types_compatible(STRIKE_READING, other) is ok
    assert rules.types_compatible(other, STRIKE_READING) is ok
    assert frozenset({"Protests", "Riots"}) in rules.TYPE_GROUPS


def test_block_types_probe_what_a_reading_may_join():
    assert rules.block_types(STRIKE, "Air/drone strike", "x") == {
        STRIKE, "Violence against civilians", "Strategic developments"}  # fmt: skip
    assert rules.block_types("Strategic developments", "Other", "A fire at the mill") == {"*"}
    battle = rules.block_types("Battles", "Armed clash", "x")
    assert battle == {"Battles", "Strategic developments"}


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        ("Missiles hit a kindergarten", {"education"}),
        ("Shelling of the central hospital", {"medical"}),
        ("A strike on the market and a pharmacy", {"retail"}),
        ("An appartment block burned", {"residential"}),  # a common misspelling
        ("The brewery and a warehouse", {"industry"}),
        ("Fire at the oil depot", {"fuel"}),
        ("Drones hit a substation", {"energy"}),
        ("The nuclear power plant", {"energy"}),  # not a factory's plant
        ("A hit near the railwaystation", {"transport"}),
        ("The TV tower was struck", {"media"}),
        ("The regional administration building", {"government"}),
        ("Damage to the drama theatre", {"culture"}),
        ("A strike on a humanitarian aid center", {"shelter"}),
        ("Cars burned in the street", {"vehicles"}),
        ("A Russian convoy was destroyed", {"military"}),
        ("Ракета влучила в школу", {"education"}),
        ("Удар по рынку", {"retail"}),
        ("Shelling was reported overnight", set()),
        ("Reports of an airport strike", {"transport"}),  # "report" holds no port
    ],
)  # fmt: skip
def test_sites_in_reads_data_sites_csv(text, sites):
    assert rules.sites_in(text) == sites


def test_sites_conflict_needs_sites_on_both_sides():
    assert rules.sites_conflict("A strike on a school", "Damage to a market")
    assert not rules.sites_conflict("A strike on a school", "A school and houses hit")
    assert not rules.sites_conflict("A strike on a school", "Heavy shelling overnight")


def test_places_differ_only_for_two_precise_places():
    village = {"geo_precision": 1, "geonameid": 10}
    assert rules.places_differ(village, {"geo_precision": 1, "geonameid": 11})
    assert not rules.places_differ(village, {"geo_precision": 1, "geonameid": 10})
    assert not rules.places_differ(village, {"geo_precision": 3, "geonameid": 11})
    assert not rules.places_differ(village, {"geo_precision": 1, "geonameid": None})


def test_vague_places_are_cities_regions_and_towns():
    assert rules.VAGUE_PRECISION == 2 and rules.TOWN_POPULATION == 10_000
    assert rules.vague({"geo_precision": 2}, {"geo_precision": 1})
    assert rules.vague({"geo_precision": None}, {"geo_precision": 1})  # unknown: vague
    assert rules.vague({"geo_precision": 1, "population": 10_000}, {"geo_precision": 1})
    assert not rules.vague({"geo_precision": 1, "population": 9_999},
                           {"geo_precision": 1, "population": -1})  # fmt: skip


def story(notes, *, fatalities=None, event_type=STRIKE, day=0, location="Testograd"):
    return {"notes": notes, "fatalities": fatalities, "event_type": event_type, "day": day,
            "location": location, "mention": location, "admin1": "Testska oblast"}  # fmt: skip


def test_same_story_signs():
    # a kind of site in common
    assert rules.same_story(story("Strike on a kindergarten"), story("Kindergarten burned"))
    # the same toll above zero
    assert rules.same_story(story("Shelling, 4 dead", fatalities=4), story("A blast", fatalities=4))
    assert not rules.same_story(story("Shelling", fatalities=0), story("A blast", fatalities=0))
    # content words shared (OVERLAP, by STEM): firefighters and firefighter agree
    assert rules.STEM == 6 and rules.OVERLAP == 0.25
    assert rules.same_story(story("Firefighters battled the blaze"),
                            story("A firefighter was hurt"))  # fmt: skip
    # _NOT_EVIDENCE and the place's own names are no sign
    assert "aftermath" in rules._NOT_EVIDENCE
    assert not rules.same_story(story("Aftermath of a missile strike in Testograd"),
                                story("Video of the strike, Testska oblast"))  # fmt: skip
    # ONE_A_DAY: one town's protests on one day are one gathering, not on the next
    rally = story("A rally", event_type="Protests")
    assert rules.same_story(rally, story("Police used gas", event_type="Riots"))
    assert not rules.same_story(rally, story("A march", event_type="Protests", day=1))


def test_content_words_leave_out_place_names_by_their_stem():
    words = rules.content_words("Damage to a bakery in Luhansk", "Luhanska oblast")
    assert words == {"bakery"[: rules.STEM]}


def place(mention, location=None, admin1="Testska oblast"):
    return {"mention": mention, "location": location or mention, "admin1": admin1}


def test_names_differ_as_written():
    assert rules.NAME_LIKENESS == 80
    region = place("Testska region", "Testska oblast")
    # two villages the gazetteer lacks, both standing at their region: two events
    assert rules.names_differ(place("Ivanivka", "Testska oblast"),
                              place("Petrivka", "Testska oblast"))  # fmt: skip
    # spellings of one name, in either script
    assert not rules.names_differ(place("Mariupol"), place("Mariupol'"))
    assert not rules.names_differ(place("Маріуполь"), place("Mariupol"))
    # a region and a place in it
    assert not rules.names_differ(region, place("Ivanivka", "Testska oblast"))
    assert not rules.names_differ(place("Ivanivka"), place("Testska region"))
    assert not rules.names_differ(place(None), place("Ivanivka"))


def test_boilerplate_dates_and_tolls_are_no_evidence():
    for word in ("march", "березня", "unknown", "casualties", "tuesday"):
        assert word in rules._NOT_EVIDENCE
    one = story("On 3 March Russian forces shelled near Ivanivka. Casualties unknown.")
    two = story("On 3 March Russian forces shelled near Petrivka. Casualties unknown.")
    assert not rules.same_story(one, two)


def test_a_site_that_speaks_is_a_source_not_a_target():
    assert rules.sites_in("Five were killed, the city's administration said.") == set()
    assert rules.sites_in("The regional administration building was hit.") == {"government"}
    assert rules.SPEAKER.search("повідомили в обласній адміністрації")


def test_ordinals_number_the_items_of_a_series():
    assert rules.ordinals_differ("The second strike hit the depot", "A 7th strike at dawn")
    assert not rules.ordinals_differ("The second strike hit the depot", "A 2nd strike")
    assert not rules.ordinals_differ("The second strike", "Strikes on the depot")
    assert not rules.ordinals_differ("The first day of talks", "The third day of talks")


def test_generic_words_are_no_evidence():
    for word in ("building", "civilians", "infrastructure"):
        assert word in rules._NOT_EVIDENCE
    assert not rules.same_story(story("A civilian building hit"), story("Building on a street hit"))


@pytest.mark.parametrize(
    ("a", "b", "north", "differ"),
    [
        # two geolocated spots (no gazetteer place) more than POINT_KM apart: two events
        ((1, None), (1, None), 0.0225, True),  # 2.5 km
        ((1, None), (1, None), 0.0036, False),  # 0.4 km
        # a town's centre is no measured spot: the town's rules apply, not POINT_KM
        ((1, None), (1, 706483), 0.0225, False),
        ((2, None), (1, None), 0.0225, False),
    ],
)
def test_points_of_their_own_apart_are_two_events(a, b, north, differ):
    assert rules.POINT_KM == 1.0
    ra = {"geo_precision": a[0], "geonameid": a[1], "latitude": 48.0, "longitude": 37.8}
    rb = {"geo_precision": b[0], "geonameid": b[1], "latitude": 48.0 + north,
          "longitude": 37.8}  # fmt: skip
    assert rules.points_differ(ra, rb) is differ
