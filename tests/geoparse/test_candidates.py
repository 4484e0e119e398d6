"""CandidateFinder (``geoevents._geoparse.candidates``): a name as written in, the
gazetteer places it may be out. Small gazetteers written here; no full index."""

from __future__ import annotations

import numpy as np
import pytest

from geoevents import Gazetteer
from geoevents._gazetteer.build import compile_places
from geoevents._gazetteer.index import Index
from geoevents._gazetteer.sources import Q_ALIAS, Q_PRIMARY, read_places_csv
from geoevents._geoparse.candidates import CandidateFinder

HEADER = "id,name,aliases,kind,country_code,admin1,latitude,longitude,population,source\n"
# US states and two abbreviated names, beside the fixture's Ukrainian places
PLACES = """\
c-texas,Texas,,admin1,US,Texas,31.0,-99.0,29000000,test
c-us,United States,,country,US,,39.0,-98.0,330000000,test
c-paris-tx,Paris,,city,US,Texas,33.66,-95.55,25000,test
c-hope,Mount Hope,,city,US,Texas,32.1,-97.1,900,test
c-anne,Saint Anne,,city,US,Texas,32.2,-97.2,800,test
c-ua,Ukraine,,country,UA,,49.0,32.0,41000000,test
c-bakhmut,Bakhmut,,city,UA,,48.6,38.0,73000,test
"""


def place_ids(gaz: Gazetteer, name: str, admin1: str | None = None) -> list[int]:
    """Ids of the places called ``name`` (in ``admin1`` when given), by scanning."""
    return [
        i
        for i in range(len(gaz))
        if gaz.place(i).name == name and (admin1 is None or gaz.place(i).admin1 == admin1)
    ]


def one_id(gaz: Gazetteer, name: str, admin1: str | None = None) -> int:
    (found,) = place_ids(gaz, name, admin1)
    return found


@pytest.fixture(scope="module")
def finder(fixture_gaz) -> CandidateFinder:
    return CandidateFinder(fixture_gaz)


@pytest.fixture(scope="module")
def us_finder(tmp_path_factory) -> CandidateFinder:
    path = tmp_path_factory.mktemp("us") / "places.csv"
    path.write_text(HEADER + PLACES, encoding="utf-8")
    return CandidateFinder(Gazetteer.from_places(path))


def described(finder: CandidateFinder, hit) -> set[tuple[str, str]]:
    gaz = finder.gazetteer
    return {(gaz.place(int(i)).name, gaz.place(int(i)).admin1) for i in hit.places}


def test_an_exact_name_gives_every_place_so_named_with_how_it_was_named(finder):
    hit = finder.lookup("Mykolaiv")
    assert (hit.tier, hit.role) == (0, "place")
    assert described(finder, hit) == {
        ("Mykolaiv", "Mykolaivska oblast"),
        ("Mykolaiv", "Lvivska oblast"),
        ("Mykolaivska oblast", "Mykolaivska oblast"),  # "Mykolaiv" is the oblast's alias
    }
    quality = dict(zip(hit.places.tolist(), hit.quality.tolist(), strict=True))
    gaz = finder.gazetteer
    assert quality[one_id(gaz, "Mykolaiv", "Lvivska oblast")] == Q_PRIMARY
    assert quality[one_id(gaz, "Mykolaivska oblast")] == Q_ALIAS


def test_other_scripts_and_romanisations_find_the_same_place(finder):
    gaz = finder.gazetteer
    kyiv = one_id(gaz, "Kyiv")
    assert finder.lookup("Київ").places.tolist() == [kyiv]  # an alias: exact
    folded = finder.lookup("Zaporizhia")  # not a listed spelling: found after folding
    assert folded.tier == 1
    assert folded.places.tolist() == [one_id(gaz, "Zaporizhzhia")]


def test_a_name_no_place_has_finds_nothing(finder):
    assert finder.lookup("Atlantis") is None
    assert finder.lookup("") is None


def test_only_a_given_span_is_matched_fuzzily(finder):
    assert finder.lookup("Bahkmut") is None  # a recognised word: no guessing
    hit = finder.lookup_span("Bahkmut")  # a span a caller says is a place
    assert hit.tier == 3
    assert described(finder, hit) == {("Bakhmut", "Donetska oblast")}
    assert finder.lookup_span("Qwxzplk") is None


def test_a_demonym_names_its_country_as_an_adjective(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text(HEADER + PLACES, encoding="utf-8")
    places = read_places_csv(path)
    ukraine = next(i for i, p in enumerate(places) if p.name == "Ukraine")
    arrays, meta = compile_places(places, adjectives=[("Ukrainian", ukraine)])
    finder = CandidateFinder(Gazetteer(Index(arrays, meta, None)))
    hit = finder.lookup("Ukrainian")
    assert (hit.tier, hit.role) == (2, "adjectival")
    assert described(finder, hit) == {("Ukraine", "")}
    assert finder.lookup("Ukraine").role == "place"


def test_which_two_words_can_start_a_known_name(finder):
    assert finder.may_start_name("Northgate Steel")
    assert not finder.may_start_name("Northgate Iron")
    assert not finder.may_start_name("Kyiv")  # one word starts no multi-word name
    assert finder.may_start_name("the Donetsk")  # "the Donetsk region": the article goes
    assert finder.may_start_name("Northgate Steel's")  # a possessive still starts it
    # exact_prefix: the name itself starts with these words, articles included
    assert finder.exact_prefix("Northgate Steel")
    assert not finder.exact_prefix("the Donetsk")


def test_abbreviated_mount_and_saint_find_the_full_name(us_finder):
    gaz = us_finder.gazetteer
    assert us_finder.lookup("Mt. Hope").places.tolist() == [one_id(gaz, "Mount Hope")]
    assert us_finder.lookup("St Anne").places.tolist() == [one_id(gaz, "Saint Anne")]


def test_first_level_divisions_by_name_in_one_country(finder):
    gaz = finder.gazetteer
    strings = gaz.index.strings
    ua, ru = strings.index("UA"), strings.index("RU")
    oblast = one_id(gaz, "Mykolaivska oblast")
    assert finder.admin1_named("Mykolaiv", ua) == oblast  # named after its capital
    assert finder.admin1_named("Mykolaiv", ru) == -1  # not in that country
    assert finder.admin1_named("Bakhmut", ua) == -1  # a town, no division


def test_us_postal_codes_name_states_only_where_the_gazetteer_has_them(us_finder, finder):
    texas = one_id(us_finder.gazetteer, "Texas")
    assert us_finder.us_state("TX") == texas
    assert us_finder.state_hit("TX").places.tolist() == [texas]
    assert us_finder.us_state("ZZ") == -1  # no state has that code
    assert finder.us_state("TX") == -1  # the fixture holds no US state
    assert finder.state_hit("TX") is None


def test_the_most_prominent_area_a_name_can_be(finder):
    gaz = finder.gazetteer
    assert finder.best_area(finder.lookup("Donetsk")) == one_id(gaz, "Donetska oblast")
    assert finder.best_area(finder.lookup("Ukraine")) == one_id(gaz, "Ukraine")
    assert finder.best_area(finder.lookup("Bakhmut")) == -1  # only a town


def test_answers_are_memoised_until_cleared(fixture_gaz):
    finder = CandidateFinder(fixture_gaz)
    first = finder.lookup("Bakhmut")
    assert finder.lookup("Bakhmut") is first  # the stages annotate the memoised hit
    finder.clear()
    again = finder.lookup("Bakhmut")
    assert again is not first
    assert np.array_equal(again.places, first.places)


def test_a_russian_spelling_finds_the_ukrainian_name(tmp_path):
    """Issue 12: "Veselogorovka" is Veselohorivka when the gazetteer holds no other
    reading; a name it holds is never rewritten."""
    path = tmp_path / "places.csv"
    path.write_text(
        "id,name,aliases,kind,country_code,admin1,latitude,longitude,population,source\n"
        "v-ves,Veselohorivka,,city,UA,Luhanska oblast,48.7,38.9,900,\n"
        "v-log,Lohvynove,,city,UA,Donetska oblast,48.4,38.1,300,\n"
        "v-lohv,Logvinovo,,city,RU,Belgorodskaya oblast,50.6,36.6,300,\n",
        encoding="utf-8",
    )
    finder = CandidateFinder(Gazetteer.from_places(path))
    hit = finder.lookup("Veselogorovka")
    assert [finder.gazetteer.place(int(i)).name for i in hit.places] == ["Veselohorivka"]
    assert hit.tier == 1
    found = finder.lookup("Logvinovo")  # held as written: that place, no guess
    assert [finder.gazetteer.place(int(i)).name for i in found.places] == ["Logvinovo"]


def test_a_cyrillic_acronym_is_no_town_its_letters_spell_in_latin(tmp_path):
    """Issue 12: "ХАИ" (a Kharkiv university) folds to "hai", a town's name; written in
    capitals of another script and found only by folding, it names no place. The same
    letters in lower case still find the town."""
    path = tmp_path / "places.csv"
    path.write_text(
        "id,name,aliases,kind,country_code,admin1,latitude,longitude,population,source\n"
        "h-hai,Hai,,city,CN,Henan,34.0,113.0,5000,\n",
        encoding="utf-8",
    )
    finder = CandidateFinder(Gazetteer.from_places(path))
    assert finder.lookup("ХАИ") is None
    assert finder.lookup("Хаи") is not None
