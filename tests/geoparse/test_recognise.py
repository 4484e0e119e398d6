"""Recogniser (``geoevents._geoparse.recognise``): text in, the gazetteer names in it that
are places here, with their roles. Invented sentences, the fixture places plus a town
named like a woman (Victoria) and one demonym; no full index."""

from __future__ import annotations

import pytest

from geoevents import Gazetteer
from geoevents._gazetteer.build import compile_places
from geoevents._gazetteer.index import Index
from geoevents._gazetteer.sources import read_places_csv
from geoevents._geoparse.candidates import CandidateFinder
from geoevents._geoparse.recognise import Recogniser

from ..conftest import FIXTURES

VICTORIA = "t-victoria,Victoria,,city,UA,Donetska oblast,48.3,37.7,900,test fixture\n"


@pytest.fixture(scope="module")
def rec(tmp_path_factory) -> Recogniser:
    path = tmp_path_factory.mktemp("rec") / "places.csv"
    path.write_text((FIXTURES / "places.csv").read_text("utf-8") + VICTORIA, encoding="utf-8")
    places = read_places_csv(path)
    ukraine = next(i for i, p in enumerate(places) if p.name == "Ukraine")
    arrays, meta = compile_places(places, adjectives=[("Ukrainian", ukraine)])
    return Recogniser(CandidateFinder(Gazetteer(Index(arrays, meta, None))))


def surfaces(text: str, found) -> list[str]:
    return [text[m.start : m.end] for m in found]


def kept(rec: Recogniser, text: str, **options) -> list[str]:
    return surfaces(text, rec.recognise(text, **options))


def test_the_longest_known_name_is_matched_and_an_opening_article_left_out(rec):
    text = "Shelling hit the Donetsk Oblast overnight."
    assert surfaces(text, rec.matches(text)) == ["Donetsk Oblast"]
    text = "The Northgate Steel Works closed."
    assert surfaces(text, rec.matches(text)) == ["Northgate Steel Works"]


def test_possessives_and_hyphenated_words_match_the_name_alone(rec):
    text = "Drones struck Bakhmut's outskirts and a Kyiv-based crew left."
    assert surfaces(text, rec.matches(text)) == ["Bakhmut", "Kyiv"]


def test_people_named_like_places_are_not_places(rec):
    assert kept(rec, "Mr Kyiv met officials in Bakhmut.") == ["Bakhmut"]
    assert kept(rec, "Paris Hilton visited Kherson.") == ["Kherson"]


def test_a_place_that_speaks_is_flagged_but_one_spoken_from_is_not(rec):
    text = "The talks failed, Moscow said on Monday."
    (moscow,) = rec.recognise(text)
    assert text[moscow.start : moscow.end] == "Moscow" and moscow.speech
    (kyiv,) = rec.recognise("Officials in Kyiv said the talks failed.")
    assert not kyiv.speech


def test_a_demonym_is_matched_as_an_adjective_of_its_country(rec):
    text = "He said Ukrainian troops entered Bakhmut and Ukraine."
    roles = [(text[m.start : m.end], m.role) for m in rec.scored(text)]
    assert roles == [("Ukrainian", "adjectival"), ("Bakhmut", "place"), ("Ukraine", "place")]
    (adjective,) = [m for m in rec.recognise(text, cut_shift=1.0) if m.role == "adjectival"]
    assert text[adjective.start : adjective.end] == "Ukrainian"


def test_a_dateline_is_a_place_though_it_opens_the_text(rec):
    assert kept(rec, "BAKHMUT (Reuters) - Shelling continued.") == ["BAKHMUT"]


def test_a_name_kept_confidently_once_is_kept_elsewhere(rec):
    assert kept(rec, "Kyiv-based analysts disagreed.") == []
    assert kept(rec, "Kyiv-based analysts disagreed. Drones later hit Kyiv.") == ["Kyiv", "Kyiv"]


def test_a_part_of_a_longer_capitalised_name_is_flagged_partial(rec):
    (kherson,) = rec.recognise("Volunteers from Kherson Smith arrived.")
    assert kherson.partial
    (kherson,) = rec.recognise("Volunteers from Kherson arrived.")
    assert not kherson.partial


def test_rescue_lowers_the_cut_only_in_a_locative_context(rec):
    # a town named like a woman: below the recogniser's own cut
    assert kept(rec, "Fighting continued in Victoria overnight.") == []
    assert kept(rec, "Fighting continued in Victoria overnight.", rescue=2.0) == ["Victoria"]
    assert kept(rec, "Yesterday Victoria met the mayor.", rescue=2.0) == []


def test_an_event_word_right_before_a_name_is_an_anchor(rec):
    text = "Drones pounded Victoria overnight."
    anchor = text.index(" Victoria")  # where "pounded" ends
    assert kept(rec, text, rescue=4.0) == []
    assert kept(rec, text, rescue=4.0, anchors=[anchor]) == ["Victoria"]
    assert kept(rec, text, anchors=[anchor]) == []  # an anchor alone lowers nothing


def test_cut_shift_lowers_the_cut_everywhere(rec):
    text = "Residents said Victoria was quiet."
    assert kept(rec, text) == []
    assert kept(rec, text, cut_shift=4.0) == ["Victoria"]


def test_scored_gives_every_match_a_logit_and_recognise_keeps_those_above_the_cut(rec):
    text = "Mr Kyiv met officials in Bakhmut."
    scored = {text[m.start : m.end]: m.logit for m in rec.scored(text)}
    cut = rec.model.logit_cut
    assert scored["Kyiv"] < cut <= scored["Bakhmut"]
