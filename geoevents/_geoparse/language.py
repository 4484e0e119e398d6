"""Language: a report's text in, "en", "uk" or "ru" out (by its letters, then its words)."""

from __future__ import annotations

import re

from .. import _lexicon as lex
from .._errors import InvalidInputError

__all__ = ["LANGUAGES", "checked_language", "detect_language"]

# The languages geoevents reads: English, Ukrainian, Russian.
LANGUAGES = ("en", "uk", "ru")

_LATIN = re.compile(r"[A-Za-z]")
# Letters only one of the two languages writes: Ukrainian і ї є ґ, Russian ы э ъ ё.
_UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN_LETTERS = re.compile(r"[ыэъёЫЭЪЁ]")
# Short words frequent in one language and absent from the other, for texts too short to
# show their letters ("В Херсоне взрывы" has none of them): Ukrainian conjunctions and
# prepositions ("та", "що", "від"), Russian ones ("что", "это", "или").
_UKRAINIAN_WORDS = re.compile(
    r"(?<!\w)(?:та|що|від|його|також|вже|після|під час|через|або|це|який|яка|було|були|буде"
    r"|зараз|сьогодні|вчора|області|ворог|обстріл\w*)(?!\w)",
    re.IGNORECASE,
)
_RUSSIAN_WORDS = re.compile(
    r"(?<!\w)(?:что|это|или|его|также|уже|после|во время|который|которая|было|были|будет"
    r"|сейчас|сегодня|вчера|области|противник|обстрел\w*|был|она|они|не было)(?!\w)",
    re.IGNORECASE,
)


def detect_language(text: str) -> str:
    """The language of a report: "uk" or "ru" when most of its letters are Cyrillic
    (Ukrainian and Russian told apart by the letters only one of them has, then by
    frequent words), else "en".

    Examples
    --------
    >>> detect_language("Ворог обстріляв Херсон, поранено двох цивільних.")
    'uk'
    >>> detect_language("ВСУ атаковали Белгород беспилотниками.")
    'ru'
    >>> detect_language("Shelling hit Kharkiv (Харків) overnight.")
    'en'
    """
    sample = text[:4000]
    if lex.CYRILLIC_LETTER.search(sample) is None:
        return "en"  # the common case, decided without counting
    cyrillic = len(lex.CYRILLIC_LETTER.findall(sample))
    if cyrillic <= len(_LATIN.findall(sample)):
        return "en"
    uk = len(_UKRAINIAN_LETTERS.findall(sample))
    ru = len(_RUSSIAN_LETTERS.findall(sample))
    if uk != ru:
        return "uk" if uk > ru else "ru"
    uk = len(_UKRAINIAN_WORDS.findall(sample))
    ru = len(_RUSSIAN_WORDS.findall(sample))
    # "и" (Russian "and") is frequent and Ukrainian writes "і": with no other sign, Russian
    return "uk" if uk > ru else "ru"


def checked_language(lang) -> str | None:
    """``lang`` as given to the public functions: None (detect it per report) or one of
    :data:`LANGUAGES`; anything else is an :class:`InvalidInputError`."""
    if lang is None:
        return None
    if not isinstance(lang, str) or lang.lower() not in LANGUAGES:
        raise InvalidInputError(
            f"lang must be one of {', '.join(repr(x) for x in LANGUAGES)} or None (detect "
            f"it per report), not {lang!r}"
        )
    return lang.lower()
