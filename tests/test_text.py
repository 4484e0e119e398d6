"""Name keys: which spellings meet and which do not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geoevents._gazetteer.keys import exact_key, fold, key_hash

SAME_PLACE = [
    ("Zaporizhia", "Zaporizhzhia", "Запоріжжя"),
    ("Mykolaiv", "Mykolayiv", "Mikolajiv", "Миколаїв"),
    ("Kharkiv", "Harkiv", "Харків"),
    ("Donbass", "Donbas", "DONBAS"),
    ("Sievierodonetsk", "Severodonetsk"),
    ("Lysychansk", "Lisichansk", "Лисичанськ"),
    ("Horlivka", "Горлівка"),
    ("Gorlovka", "Горловка"),
    ("Artemivs'k", "Artemivsk", "Artemivs’k", "ARTEMIVSK"),
    ("Donetsk Oblast", "Donetska oblast", "Donets'ka oblast'", "the Donetsk region"),
    ("Kyiv", "Kyjiw", "Київ"),
    ("Khmelnytskyi", "Khmelnytskyy", "Khmelnytskii", "Хмельницький"),
]


@pytest.mark.parametrize("names", SAME_PLACE, ids=lambda names: names[0])
def test_variants_share_a_folded_key(names):
    keys = [set(fold(n).keys) for n in names]
    assert all(k & keys[0] for k in keys), keys


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kyiv", "Kiel"),
        ("Donetsk", "Donets"),
        ("Sumy", "Summit"),
        ("Paris", "Perth"),
        ("Lviv", "Lima"),
    ],
)
def test_different_names_do_not_meet(a, b):
    assert not set(fold(a).keys) & set(fold(b).keys)


def test_exact_key_ignores_case_accents_and_punctuation():
    assert exact_key("Ciudad Juárez") == exact_key("CIUDAD JUAREZ")
    assert exact_key("Mykhalchyna-Sloboda") == "mykhalchyna sloboda"
    assert exact_key("Kam’yans'ke") == "kamyanske"
    assert exact_key("  St. Louis ") == "st louis"
    assert exact_key("Запоріжжя") == "запоріжжя"  # script is kept at this level
    assert exact_key("...") == ""


def test_place_type_words_become_hints():
    assert fold("Kherson region") == fold("Kherson Oblast")
    assert fold("Kherson region").hint == "admin"
    assert fold("Kherson city").hint == "city"
    assert fold("Kherson").hint is None
    # a lone type word is a name, not a hint
    assert fold("Oblast").keys == ("oblast",)


def test_key_hash_is_stable_across_processes():
    # blake2b, not Python's salted hash(): this value must never change
    assert key_hash("kyiv") == 0x33FCF35E2B8D8763
    assert key_hash("kyiv") != key_hash("kiev")
    assert 0 <= key_hash("kyiv") < 2**64


@given(st.text(max_size=40))
def test_keys_are_normalised_for_any_text(text):
    key = exact_key(text)
    assert key == key.strip()
    assert "  " not in key
    assert exact_key(key) == key  # idempotent
    for folded in fold(text).keys:
        assert folded.isascii()
        assert folded == folded.strip()
