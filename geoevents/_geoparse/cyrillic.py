"""Cyrillic names: an inflected Ukrainian or Russian word in, the base forms a gazetteer holds out.

Ukrainian and Russian decline place names: "у Харкові", "під Бахмутом", "в Мариуполе",
"Запорізькою областю". The gazetteer holds the nominative ("Харків", "Мариуполь",
"Запорізька область"), so each word is reduced by the ending rules of
``geoevents/data/cyrillic_endings.csv`` (each with an example and its reason), every
reduction a candidate that the gazetteer then confirms or not. Ukrainian also alternates
the vowel of a closed last syllable (Харків, Харкова; Київ, Києва; Ріг, Рогу), so a
reduced stem is tried with "і"/"ї" there too. "Харківщина" and "Донеччина" name their
oblasts ("Харківська область").

Country names come from the Unicode CLDR through Babel (``babel``, BSD): every
territory's Ukrainian and Russian name, with the short forms news use
(``geoevents/data/cyrillic_names.csv``: США, РФ, Великобританія ...). The names of
first-level divisions (US states, the UK's nations, oblasts) come from the iso-codes
translations that ``pycountry`` (LGPL) ships. Adjectives of countries ("американські")
are not read as places: in the SlavicNER development texts they are not annotated as
places in 9 of 10 cases (measured: F1 0.80 / 0.84 without them, 0.72 / 0.81 with).
"""

from __future__ import annotations

import csv
import functools
import re
from importlib import resources

__all__ = [
    "base_forms", "continent_name", "country_codes", "division_names", "first_names",
    "region_forms",
]  # fmt: skip

# A closed last syllable whose vowel Ukrainian alternates with "і" (о, е) or "ї" (є).
_ALTERNATING = re.compile(r"([оеє])([бвгґджзклмнпрстфхцчшщ]+ь?)$")
_ALTERNATE = {"о": "і", "е": "і", "є": "ї"}
# "-щина"/"-ччина" in any case form: the region named after its centre (Харківщина,
# Донеччина), in Ukrainian and Russian.
_REGION = re.compile(r"(?:(?<=[а-яіїєґ])щин|ччин)(?:а|и|і|у|ою|е|ы|ой)$")
_REGION_WORD = {"uk": "ська область", "ru": "ская область"}
_REGION_WORD_CH = {"uk": "цька область", "ru": "цкая область"}


@functools.cache
def _endings() -> dict[str, list[tuple[str, str]]]:
    """{lang: [(ending, base), ...]}, longest ending first."""
    path = resources.files("geoevents").joinpath("data", "cyrillic_endings.csv")
    out: dict[str, list[tuple[str, str]]] = {"uk": [], "ru": []}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[row["lang"]].append((row["ending"], row["base"]))
    for rules in out.values():
        rules.sort(key=lambda r: -len(r[0]))
    return out


@functools.lru_cache(maxsize=200_000)
def base_forms(word: str, lang: str) -> tuple[str, ...]:
    """The forms the gazetteer may hold ``word`` under, in ``lang`` ("uk" or "ru"),
    the word itself first; a stem keeps two letters at least, a form three.

    Examples
    --------
    >>> "Харків" in base_forms("Харкові", "uk")
    True
    >>> "Мариуполь" in base_forms("Мариуполе", "ru")
    True
    >>> "Запорізька" in base_forms("Запорізькою", "uk")
    True
    """
    out = [word]
    low = word.lower()
    for ending, base in _endings().get(lang, ()):
        if len(low) - len(ending) >= 2 and low.endswith(ending):
            form = word[: len(word) - len(ending)] + base
            if len(form) >= 3 and form not in out:
                out.append(form)
    if lang == "uk":
        for form in [*out[1:], word]:
            m = _ALTERNATING.search(form)
            if m:
                changed = form[: m.start()] + _ALTERNATE[m.group(1)] + m.group(2)
                if changed not in out:
                    out.append(changed)
    return tuple(out)


@functools.lru_cache(maxsize=20_000)
def region_forms(word: str, lang: str) -> tuple[str, ...]:
    """ "Харківщині" → ("Харківська область",): the oblast a "-щина" word names.

    Examples
    --------
    >>> region_forms("Донеччини", "uk")
    ('Донецька область',)
    >>> region_forms("Харків", "uk")
    ()
    """
    m = _REGION.search(word.lower())
    if m is None:
        return ()
    stem = word[: m.start()]
    if m.group(0).startswith("ччин"):
        return (stem + _REGION_WORD_CH.get(lang, _REGION_WORD_CH["uk"]),)
    return (stem + _REGION_WORD.get(lang, _REGION_WORD["uk"]),)


# CLDR's codes for the continents and world regions the gazetteer holds, by their
# English names ("Центральна Азія", "Latin America").
_CONTINENTS = {"150": "Europe", "142": "Asia", "002": "Africa", "009": "Oceania",
               "019": "Americas", "003": "North America", "005": "South America",
               "013": "Central America", "029": "Caribbean", "143": "Central Asia",
               "035": "Southeast Asia", "151": "Eastern Europe", "155": "Western Europe",
               "419": "Latin America"}  # fmt: skip


@functools.cache
def country_codes() -> dict[str, str]:
    """{Ukrainian or Russian name: territory code}: ISO 3166 codes for countries, "EU",
    and CLDR's numeric codes for continents ("150" Europe, "142" Asia)."""
    from babel import Locale

    out: dict[str, str] = {}
    for lang in ("uk", "ru"):
        for code, name in Locale(lang).territories.items():
            # (the EU only by the names of cyrillic_names.csv)
            if (len(code) == 2 and code.isalpha() and code != "EU") or code in _CONTINENTS:
                out.setdefault(name, code)
    path = resources.files("geoevents").joinpath("data", "cyrillic_names.csv")
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[row["name"]] = row["code"]
    return out


def continent_name(code: str) -> str | None:
    """The English name of a CLDR continent or region code ("150" → "Europe"), else
    None."""
    return _CONTINENTS.get(code)


@functools.cache
def division_names() -> dict[str, tuple[tuple[str, str], ...]]:
    """{Ukrainian or Russian name of a first-level division: ((country code, its English
    name), ...)}, from pycountry's iso-codes translations ("Пенсільванія": (("US",
    "Pennsylvania"),); "Пенджаб" names a state of India and a province of Pakistan).
    A name that is also a country's (Грузія) stays the country's."""
    import gettext

    import pycountry

    out: dict[str, tuple[tuple[str, str], ...]] = {}
    countries = country_codes()
    for lang in ("uk", "ru"):
        try:
            tr = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:  # an installation without the translations
            continue
        for sub in pycountry.subdivisions:
            if getattr(sub, "parent_code", None):
                continue
            name = tr.gettext(sub.name)
            if name != sub.name and name not in countries:
                known = out.get(name, ())
                if (sub.country_code, sub.name) not in known:
                    out[name] = (*known, (sub.country_code, sub.name))
    return out


@functools.cache
def first_names() -> frozenset[str]:
    """First names in Ukrainian and Russian spelling (``cyrillic_first_names.txt``)."""
    path = resources.files("geoevents").joinpath("data", "cyrillic_first_names.txt")
    words = (
        w
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
        for w in line.split()
    )
    return frozenset(words)
