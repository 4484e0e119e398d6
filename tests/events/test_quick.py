"""Quick tests before a rule's regex (``geoevents._events.quick``): the words every match
holds, looked for first, never say no where the rule matches; invented texts, with the
letters Python's case-insensitive matching takes for others."""

from __future__ import annotations

import random
import re
import string

import pytest

from geoevents import _lexicon as lex
from geoevents._events import dates, rules
from geoevents._events.quick import QuickTest, folded

EVERY = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


def test_folded_keeps_offsets_and_writes_the_letters_regex_takes_for_others():
    assert folded("KHARKIV") == "kharkiv"
    assert folded("claİmed ſaid ıt \u212a") == "claimed said it k"
    assert len(folded(EVERY)) == len(EVERY)  # one character for one: offsets hold


def test_every_letter_case_insensitive_matching_takes_for_an_ascii_one_folds_to_it():
    for letter in string.ascii_lowercase:
        taken = {m.group() for m in re.finditer(letter, EVERY, re.IGNORECASE)}
        assert {folded(c) for c in taken} == {letter}


def test_a_cyrillic_letter_of_a_rule_is_one_of_the_range_read_case_insensitively():
    cyrillic = {m.group() for m in re.finditer("[\u0400-\u04ff]", EVERY, re.IGNORECASE)}
    for code in range(0x400, 0x500):
        taken = {m.group() for m in re.finditer(re.escape(chr(code)), EVERY, re.IGNORECASE)}
        assert taken <= cyrillic, hex(code)


def test_the_words_are_read_from_the_rule():
    claimed = QuickTest(rules.HEDGE_CLAIMED)
    assert (claimed.words, claimed.cyrillic) == (("asserted", "claim", "purported"), True)
    assert claimed.may_match("Moscow CLAİMED the village.")
    assert claimed.may_match("Сили оборони стверджують, що відбили атаку.")
    assert not claimed.may_match("Shelling hit the village.")
    assert QuickTest(rules.PAST_YEAR).words == ()  # a digit, nothing else
    assert not QuickTest(rules.PAST_YEAR).may_match("since the war began")
    assert QuickTest(re.compile(r"[A-Z]\w+ said")).words == (" said",)
    assert QuickTest(re.compile(r"[A-Z]\w+")).always  # no word to look for: always yes


# each rule, with a text it matches
RULES = {
    "HEDGE_UNCONFIRMED": (rules.HEDGE_UNCONFIRMED, "could not be independently verified"),
    "HEDGE_CLAIMED": (rules.HEDGE_CLAIMED, "the army claimed"),
    "DEATH_HINT": (rules.DEATH_HINT, "two were killed"),
    "BACKGROUND": (rules.BACKGROUND, "annexed in 2014"),
    "SPEECH_BEFORE": (rules.SPEECH_BEFORE, "the governor said in "),
    "ORIGIN_BEFORE": (rules.ORIGIN_BEFORE, "drones launched from "),
    "CODED_TO_BEFORE": (rules.CODED_TO_BEFORE, "(coded to the "),
    "PAST_YEAR": (rules.PAST_YEAR, "since 2014"),
    "LIST_REGION_AFTER": (rules.LIST_REGION_AFTER, ", in the Donetsk Oblast"),
    "REGION_BEFORE_LIST": (lex.REGION_BEFORE_LIST, "in the Donetsk Oblast near Lozove"),
    "OWNER_NOUN": (rules.OWNER_NOUN, "the city’s Podil district"),
    "dates": (dates._REGEX, "on 3 May 2022"),
}


@pytest.mark.parametrize(("rule", "example"), RULES.values(), ids=RULES.keys())
def test_no_match_of_the_rule_is_missed(rule, example):
    test = QuickTest(rule)
    assert not test.always
    assert rule.search(example) and test.may_match(example)
    pieces = set(re.findall(r"[^\W\d_]{2,}|\d+", rule.pattern)) | set(example.split())
    pool = [" ", " ", ",", ".", "(", "-", "’", "\n", "2022", "5", "Kharkiv", "ᲀ", "в", "the",
            example, example]  # fmt: skip
    for p in pieces:  # each word of the rule, also as case-insensitive matching reads it
        pool += [p, p.upper(), p.capitalize(), p.replace("i", "ı"), p.replace("i", "İ"),
                 p.replace("s", "ſ"), p.replace("k", "\u212a")]  # fmt: skip
    rnd = random.Random(7)
    found = 0
    for _ in range(4000):
        parts = (rnd.choice(pool) + rnd.choice(("", " ", " ")) for _ in range(rnd.randint(1, 8)))
        text = "".join(parts)
        s = rnd.choice((0, rnd.randint(0, len(text))))
        e = rnd.choice((len(text), rnd.randint(s, len(text))))
        if rule.search(text, s, e):
            found += 1
            assert test.may_match(text, s, e), (text, s, e)
    assert found  # the texts were ones the rule matches
