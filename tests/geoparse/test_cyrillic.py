"""Cyrillic names (``geoevents._geoparse.cyrillic``): an inflected word in, the base forms
a gazetteer may hold out; country and division names in Ukrainian and Russian. Invented
words and sentences; no gazetteer."""

from __future__ import annotations

import pytest

from geoevents._geoparse.cyrillic import (
    base_forms,
    continent_name,
    country_codes,
    division_names,
    region_forms,
)


@pytest.mark.parametrize(
    ("word", "lang", "base"),
    [
        ("Харкові", "uk", "Харків"),  # locative, with the і/о alternation
        ("Києва", "uk", "Київ"),  # genitive, ї/є
        ("Бахмутом", "uk", "Бахмут"),
        ("Одесою", "uk", "Одеса"),
        ("Маріуполі", "uk", "Маріуполь"),
        ("Запоріжжі", "uk", "Запоріжжя"),
        ("Розі", "uk", "Ріг"),  # г becomes з, then the alternation
        ("Америці", "uk", "Америка"),
        ("Росії", "uk", "Росія"),
        ("Запорізькою", "uk", "Запорізька"),
        ("областю", "uk", "область"),
        ("Мариуполе", "ru", "Мариуполь"),
        ("Москве", "ru", "Москва"),
        ("Белгородской", "ru", "Белгородская"),
        ("России", "ru", "Россия"),
        ("Кривого", "ru", "Кривой"),
        ("Штатах", "ru", "Штаты"),
        ("Китаю", "ru", "Китай"),
        ("Балтийскому", "ru", "Балтийское"),
        ("морю", "ru", "море"),
        ("Соединенными", "ru", "Соединенные"),
        ("Китаю", "uk", "Китай"),
    ],
)
def test_a_declined_name_reduces_to_its_base_form(word, lang, base):
    forms = base_forms(word, lang)
    assert forms[0] == word
    assert base in forms


def test_short_words_and_other_languages_keep_their_form():
    assert base_forms("Ром", "uk") == ("Ром", "Рім")  # a stem keeps two letters: no "Р"
    assert base_forms("Харкові", "en") == ("Харкові",)


@pytest.mark.parametrize(
    ("word", "lang", "region"),
    [
        ("Херсонщині", "uk", "Херсонська область"),
        ("Одещину", "uk", "Одеська область"),
        ("Донеччини", "uk", "Донецька область"),
        ("Харьковщине", "ru", "Харьковская область"),
    ],
)
def test_a_shchyna_word_names_its_oblast(word, lang, region):
    assert region_forms(word, lang) == (region,)


def test_a_town_is_no_shchyna_word():
    assert region_forms("Харків", "uk") == ()
    assert region_forms("Щина", "uk") == ()  # nothing before the ending


def test_country_names_in_both_languages():
    codes = country_codes()
    assert codes["Україна"] == codes["Украина"] == "UA"
    assert codes["США"] == codes["Сполучені Штати"] == "US"
    assert codes["РФ"] == "RU"
    assert codes["ЄС"] == "EU" and codes["ЕС"] == "-"  # see cyrillic_names.csv
    assert continent_name(codes["Європа"]) == "Europe"
    assert codes["Джорджія"] == "US:Georgia" and codes["Грузія"] == "GE"  # state, country
    assert codes["Мэриленд"] == "US:Maryland"  # iso-codes has no Russian name for it
    assert continent_name(codes["Центральна Азія"]) == "Central Asia"
    assert continent_name(codes["Латинская Америка"]) == "Latin America"
    assert continent_name("UA") is None


def test_division_names_from_the_iso_code_translations():
    names = division_names()
    assert names["Пенсільванія"] == (("US", "Pennsylvania"),)
    assert names["Пенсильвания"] == (("US", "Pennsylvania"),)
    assert {cc for cc, _ in names["Пенджаб"]} == {"IN", "PK"}
    assert "Грузія" not in names  # the country's name stays the country's
