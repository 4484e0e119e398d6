"""The shared word lists (``geoevents._lexicon``), each shown on sentences we made up.

Every table gets a sentence where one of its words does its job (the word in [brackets]),
the words its reason names, and ordinary words it must not hold. ``first_name_share``,
``surname_share`` and ``is_common_word`` have doctests. No gazetteer, no network.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geoevents import _lexicon as lex
from tests.rules_support import cut, marked, public_names, untested


@pytest.mark.parametrize(
    ("table", "sentence", "inside", "outside"),
    [
        pytest.param(lex.SPATIAL_PREPOSITIONS, "Sirens sounded [near] Vyshneve.",
                     ["in", "near", "across", "shelled", "captured"], ["said", "and", "mayor"],
                     id="SPATIAL_PREPOSITIONS"),
        pytest.param(lex.NEAR_WORDS, "A drone fell [outside] Bucha.",
                     ["near", "outside", "outskirts", "nearby"], ["in", "at", "of"],
                     id="NEAR_WORDS"),
        pytest.param(lex.DIRECTIONS, "Fires burned [east] of Hadiach.",
                     ["east", "northern", "southwest", "central"], ["in", "near", "upper"],
                     id="DIRECTIONS"),
        pytest.param(lex.PLACE_ADJECTIVES, "Power failed in [occupied] Dubivka.",
                     ["central", "occupied", "nearby", "frontline", "north-eastern"],
                     ["beautiful", "old", "big"], id="PLACE_ADJECTIVES"),
        pytest.param(lex.SPEECH_VERBS, "Vilnius [denied] the report.",
                     ["said", "denied", "warned", "tweeted"], ["shelled", "city", "burned"],
                     id="SPEECH_VERBS"),
        pytest.param(lex.FORCE_NOUNS, "Lithuanian [troops] crossed the bridge.",
                     ["forces", "troops", "officials", "drones"], ["cuisine", "language"],
                     id="FORCE_NOUNS"),
        pytest.param(lex.PERSON_TITLES, "[Mayor] Dubenko of Lubny spoke.",
                     ["mayor", "gen", "president", "sheikh"], ["village", "river"],
                     id="PERSON_TITLES"),
        pytest.param(lex.ORG_WORDS, "The Lutsk [University] reopened.",
                     ["times", "university", "ministry", "fc", "hospital"],
                     ["village", "river", "oblast"], id="ORG_WORDS"),
        pytest.param(lex.SETTLEMENT_WORDS, "Dunmore is a [hamlet] in Kerry.",
                     ["hamlet", "township", "commune", "suburb"], ["river", "street"],
                     id="SETTLEMENT_WORDS"),
        pytest.param(lex.PLACE_OF_WORDS, "after the [fall] of Dubivka",
                     ["city", "town", "east", "fall", "outskirts", "hamlet"],
                     ["minister", "ministry", "university"], id="PLACE_OF_WORDS"),
        pytest.param(lex.PEOPLE_ADJECTIVES, "a [Druze] farming village in the hills",
                     ["shiite", "kurdish", "tatar", "druze"], ["ukrainian", "kherson"],
                     id="PEOPLE_ADJECTIVES"),
        pytest.param(lex.PLACE_NOUNS, "Shelling hit the Volyn [region] again.",
                     ["region", "oblast", "city", "bridge", "raion"], ["minister", "people"],
                     id="PLACE_NOUNS"),
        pytest.param(lex.NOT_PLACE_NEXT, "a case of Marburg [fever] at the clinic",
                     ["virus", "fever", "flu", "variant", "vaccine"], ["river", "region"],
                     id="NOT_PLACE_NEXT"),
    ],
)  # fmt: skip
def test_word_tables(table, sentence, inside, outside):
    assert marked(sentence, lower=True) in table
    assert [w for w in inside if w not in table] == []
    assert [w for w in outside if w in table] == []


def test_tables_that_extend_others():
    # "in eastern Lubny": every direction also describes a place; "the township of X"
    assert lex.DIRECTIONS <= lex.PLACE_ADJECTIVES
    assert lex.SETTLEMENT_WORDS <= lex.PLACE_OF_WORDS


def test_capitalised_not_places():
    """ "On Monday the NATO envoy ...": capitalised, and never a place."""
    sentence = "On Monday the NATO envoy met Reuters staff in May"
    stop = [w for w in sentence.split() if w in lex.CAPITALISED_NOT_PLACES]
    assert stop == ["On", "Monday", "NATO", "Reuters", "May"]
    assert {"Kherson", "Odesa", "Salem", "the"}.isdisjoint(lex.CAPITALISED_NOT_PLACES)
    assert {m.title() for m in lex.MONTHS} <= lex.CAPITALISED_NOT_PLACES


def test_not_place_phrases():
    """ "El Niño dried the fields", "Agence France-Presse reported": no town meant."""
    assert {"El Niño", "La Nina", "Agence France-Presse"} <= lex.NOT_PLACE_PHRASES
    assert "El Paso" not in lex.NOT_PLACE_PHRASES
    assert "France" not in lex.NOT_PLACE_PHRASES


def test_months():
    """ "on 3 Sept. the town ...", "in May": read as dates, never as a place's name."""
    date = re.search(r"\d+ (\w+)\.?", "Convoys left on 3 Sept. the town emptied")
    assert lex.MONTHS[date.group(1).lower()] == 9
    assert lex.MONTHS["may"] == 5
    assert lex.MONTHS["december"] == lex.MONTHS["dec"] == 12
    assert "mon" not in lex.MONTHS  # a weekday, not a month
    assert sorted(set(lex.MONTHS.values())) == list(range(1, 13))


def test_month_names_and_abbreviations():
    assert lex.MONTH_NAMES[0] == "january"
    assert lex.MONTH_NAMES[4] == "may"
    assert len(lex.MONTH_NAMES) == 12
    assert {"jan", "sep", "sept", "dec"} <= lex.MONTH_ABBREVIATIONS
    assert not {"may", "january"} & lex.MONTH_ABBREVIATIONS  # "may" is a whole name
    assert lex.MONTH_ABBREVIATIONS | set(lex.MONTH_NAMES) == set(lex.MONTHS)


def test_month_prefixes():
    """A dateline writes "LUBNY, Mar. 3 (Newswire) —"."""
    assert lex.MONTH_PREFIXES[:3] == ("Jan", "Feb", "Mar")
    assert len(lex.MONTH_PREFIXES) == 12
    month = re.search(r", (\w+)\. \d", "LUBNY, Mar. 3 (Newswire) — Sirens sounded").group(1)
    assert month in lex.MONTH_PREFIXES
    assert "Mon" not in lex.MONTH_PREFIXES


def test_us_state_codes():
    """ "Peoria, IL": the code after a town names its state."""
    code = re.search(r", ([A-Z]{2})\b", "A storm hit Peoria, IL, overnight").group(1)
    assert lex.US_STATE_CODES[code] == "Illinois"
    assert lex.US_STATE_CODES["OH"] == "Ohio"
    assert lex.US_STATE_CODES["DC"] == "District of Columbia"
    assert len(lex.US_STATE_CODES) == 52  # 50 states, DC, Puerto Rico
    assert "UK" not in lex.US_STATE_CODES and "EU" not in lex.US_STATE_CODES
    assert all(re.fullmatch("[A-Z]{2}", c) for c in lex.US_STATE_CODES)


@pytest.mark.parametrize(
    ("sentence", "passive"),
    [
        pytest.param("Lubny| was hit by drones", True, id="PASSIVE_AFTER-was"),
        pytest.param("Hadiach| came under fire overnight", True, id="PASSIVE_AFTER-came-under"),
        pytest.param("Myrhorod| has been shelled", True, id="PASSIVE_AFTER-has-been"),
        pytest.param("Lubny| remains under shelling", True, id="PASSIVE_AFTER-remains-under"),
        pytest.param("Lubny| said it was hit", False, id="PASSIVE_AFTER-not-speech"),
        pytest.param("Lubny| wasted no time", False, id="PASSIVE_AFTER-whole-word"),
        pytest.param("Lubny|'s depot was hit", False, id="PASSIVE_AFTER-not-a-possession"),
    ],
)
def test_passive_after(sentence, passive):
    text, (at,) = cut(sentence)
    assert bool(lex.PASSIVE_AFTER.match(text, at)) is passive


@pytest.mark.parametrize(
    ("pattern", "sentence", "matches"),
    [
        pytest.param(lex.LIST_SEPARATOR, "Lubny|, and |Hadiach", True, id="LIST_SEPARATOR-and"),
        pytest.param(lex.LIST_SEPARATOR, "the Lubny|/|Hadiach road", True,
                     id="LIST_SEPARATOR-slash"),
        pytest.param(lex.LIST_SEPARATOR, "Lubny| near |Hadiach", False,
                     id="LIST_SEPARATOR-not-near"),
        pytest.param(lex.LIST_SEPARATOR, "по Лубнах| та |Гадячу", True,
                     id="LIST_SEPARATOR-ukrainian"),
        pytest.param(lex.LIST_SEPARATOR, "Лубны| и |Гадяч", True, id="LIST_SEPARATOR-russian"),
        pytest.param(lex.LIST_SEPARATOR, "Лубни| під |Гадячем", False,
                     id="LIST_SEPARATOR-not-pid"),
        pytest.param(lex.LIST_CONTINUES, "Лубни, Гадяч| та Ромни", True,
                     id="LIST_CONTINUES-ukrainian"),
        pytest.param(lex.LIST_CONTINUES, "Lubny, Myrhorod| or Hadiach", True,
                     id="LIST_CONTINUES-or"),
        pytest.param(lex.LIST_CONTINUES, "Lubny, Myrhorod| ordered", False,
                     id="LIST_CONTINUES-whole-word"),
        pytest.param(lex.QUALIFIER_GAP, "Lisove| village, |Volyn region", True,
                     id="QUALIFIER_GAP-type-word-comma"),
        pytest.param(lex.QUALIFIER_GAP, "Lisove| (|Volyn)", True, id="QUALIFIER_GAP-bracket"),
        pytest.param(lex.QUALIFIER_GAP, "Lisove| in |Volyn", False, id="QUALIFIER_GAP-not-in"),
        pytest.param(lex.DIVISION_QUALIFIER_GAP, "Vesele, Pokrovskyi| district, |Donetsk", True,
                     id="DIVISION_QUALIFIER_GAP-district"),
        pytest.param(lex.QUALIFIER_GAP, "Vesele, Pokrovskyi| district, |Donetsk", False,
                     id="QUALIFIER_GAP-no-district"),
    ],
)  # fmt: skip
def test_list_and_qualifier_gaps(pattern, sentence, matches):
    """How names follow each other in a list, and the gap before a qualifier: the rule
    spans the gap between two marks, or starts at a single one."""
    text, marks = cut(sentence)
    rule = re.compile(pattern)
    found = rule.fullmatch(text, *marks) if len(marks) == 2 else rule.match(text, marks[0])
    assert bool(found) is matches


def test_words_pattern_prefers_the_longest_word():
    pattern = lex.words_pattern(lex.words("north north-east"))
    assert re.match(pattern, "north-east of Lubny").group() == "north-east"


# ---------------------------------------------------------------------------- meta


def test_every_word_list_has_a_test():
    assert len(public_names(lex)) > 15
    missing = untested(lex, "lex", __file__)
    assert not missing, f"word lists without a test in {Path(__file__).name}: {missing}"


def test_near_phrases_and_axis_after_put_the_event_by_the_town():
    """Issue 12: "in the direction of Izium", "the Izium axis": near the town, not in it."""
    assert {"direction of", "highway to", "outskirts of"} <= lex.NEAR_PHRASES
    assert "in" not in lex.NEAR_PHRASES
    assert lex.AXIS_AFTER.match("Izium axis", len("Izium"))
    assert lex.AXIS_AFTER.match("Bakhmut direction", len("Bakhmut"))
    assert not lex.AXIS_AFTER.match("Bakhmut directly", len("Bakhmut"))
    assert not lex.AXIS_AFTER.match("Izium was hit", len("Izium"))
    assert lex.AXIS_AFTER.match("Бахмутському напрямку", len("Бахмутському"))
    assert lex.AXIS_AFTER.match("Авдіївському та Куп'янському напрямках", len("Авдіївському"))
    assert not lex.AXIS_AFTER.match("Авдіївському та Куп'янську", len("Авдіївському"))


def test_region_before_list_spans_the_list_it_qualifies():
    """Issue 12: "in the Kharkiv sector near Balakliia, Savyntsi and Izium": the
    region's name, and the whole list after it; not a list that merely follows "in"."""
    text = "Gunners hit targets in the Kharkiv sector near Balakliia, Savyntsi and Izium at dawn."
    m = lex.REGION_BEFORE_LIST.search(text)
    assert m and m.group(1).strip() == "Kharkiv"
    assert m.group(2) == "Balakliia, Savyntsi and Izium"
    m = lex.REGION_BEFORE_LIST.search("Shelling in the Donetsk region, near the village of Pisky.")
    assert m and m.group(2) == "Pisky"
    assert not lex.REGION_BEFORE_LIST.search("Shelling in the Donetsk region killed two.")
    assert not lex.REGION_BEFORE_LIST.search("Shelling in Kharkiv near Lozove and Balakliia.")


def test_listed_type_word_serves_every_name_of_a_list():
    """ "the Sumy, Poltava and Kharkiv oblasts": one plural type word for the list."""
    text = "Shells fell in the Sumy, Poltava and Kharkiv oblasts."
    m = lex.LISTED_TYPE_WORD.match(text, text.index("Sumy") + len("Sumy"))
    assert m and m.group(1) == "oblasts"
    m = lex.LISTED_TYPE_WORD.match("Belgorod and Kursk regions", len("Belgorod"))
    assert m and m.group(1) == "regions"
    assert not lex.LISTED_TYPE_WORD.match("Lozove, Kharkiv. Casualties", len("Lozove"))


def test_cyrillic_letters_and_near_words():
    """Issue 13: one definition of a Cyrillic letter; the Ukrainian and Russian words
    for "near" are near words as the English ones are."""
    assert lex.CYRILLIC_LETTER.search("Shelling in Kharkiv (Харків)")
    assert not lex.CYRILLIC_LETTER.search("Shelling in Kharkiv, Kyïv")  # Latin ï
    assert {"під", "біля", "около", "возле"} <= lex.CYRILLIC_NEAR_WORDS <= lex.NEAR_WORDS
    assert "у" not in lex.CYRILLIC_NEAR_WORDS
