"""Name normalisation: the keys under which names meet in the gazetteer.

Two levels, applied the same way to the names in the index and to queries:

``exact_key``
    Case-, accent- and punctuation-insensitive, script kept: ``"Mariupol'"`` and
    ``"MARIUPOL"`` meet, ``"Запоріжжя"`` stays Cyrillic.
``fold``
    Transliterates (Ukrainian/Russian Cyrillic with our own table, other scripts
    with ``anyascii``), drops a trailing place-type word (``Oblast``, ``region``,
    ``raion``, ``city``…) and folds romanisation variants so that spellings of the
    same name meet: zh/z, kh/h, shch/sh, y/i/j, ie/ye/e, w/v, doubled letters.
    ``"Zaporizhia"``, ``"Zaporizhzhia"`` and ``"Запоріжжя"`` share one key.

Examples
--------
>>> exact_key("  Kam’yans'ke ")
'kamyanske'
>>> fold("Zaporizhia").keys == fold("Запоріжжя").keys
True
>>> fold("Donetsk Oblast")
Folded(keys=('donetsk',), hint='admin')
"""

from __future__ import annotations

import re
import unicodedata
from hashlib import blake2b
from typing import NamedTuple

__all__ = ["Folded", "exact_key", "fold", "key_hash"]

_APOSTROPHES = "'’‘ʼʹ`´ʻ′ʽ"
_DELETE_APOSTROPHES = str.maketrans("", "", _APOSTROPHES)
_NON_WORD = re.compile(r"[\W_]+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_DOUBLED = re.compile(r"([a-z])\1+")
_ABBREVIATION = re.compile(r"\s*([^\W\d_]{1,5})\.\s*")

# Ukrainian and Russian Cyrillic, lower case, after accents are stripped
# (so й has become и, ї has become і and ё has become е).  г is decided per name.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "",
    "ъ": "", "ы": "y", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip
_CYR_H = str.maketrans({**_CYRILLIC, "г": "h"})
_CYR_G = str.maketrans({**_CYRILLIC, "г": "g"})
_UKRAINIAN_ONLY = frozenset("іє")
_RUSSIAN_ONLY = frozenset("ыэъ")
_CYRILLIC_RANGE = re.compile("[\u0400-\u04ff]")

# Words that say what kind of place a name is, not which one.
_ADMIN_WORDS = frozenset(
    [
        "oblast", "oblasti", "region", "raion", "rayon", "district", "province", "krai",
        "kray", "governorate", "county", "state", "prefecture", "municipality", "okrug",
        "voivodeship", "canton",
    ]
)  # fmt: skip
_CITY_WORDS = frozenset(["city", "town", "village", "settlement"])
PLACE_TYPE_WORDS = _ADMIN_WORDS | _CITY_WORDS
_ADJECTIVAL = re.compile(r"(sk)(aia|a|ii|i|oi|oie|e)$")
_FOLDS = (("shch", "sh"), ("sch", "sh"), ("zh", "z"), ("kh", "h"), ("y", "i"), ("j", "i"),
          ("w", "v"), ("ie", "e"))  # fmt: skip


class Folded(NamedTuple):
    """Result of :func:`fold`: the folded keys and a place-type hint.

    ``keys`` has one key, or two when a Cyrillic ``г`` could be read as h
    (Ukrainian) or g (Russian). ``hint`` is ``"admin"`` when the name carried an
    administrative word (``Oblast``, ``region``, ``county``…), ``"city"`` for
    ``city``/``town``/``village``, else ``None``.
    """

    keys: tuple[str, ...]
    hint: str | None


def exact_key(name: str) -> str:
    """Return the case-, accent- and punctuation-insensitive key of ``name``.

    Apostrophes are deleted, other punctuation becomes a space, runs of spaces
    collapse. Non-Latin scripts are kept.

    Examples
    --------
    >>> exact_key("Mykhalchyna-Sloboda")
    'mykhalchyna sloboda'
    >>> exact_key("Ciudad Juárez")
    'ciudad juarez'
    >>> exact_key("Calif."), exact_key("U.S.")
    ('calif.', 'u s')
    """
    if not name.isascii():
        name = _COMBINING.sub("", unicodedata.normalize("NFKD", name))
        name = unicodedata.normalize("NFC", name)
    name = name.casefold().translate(_DELETE_APOSTROPHES)
    abbreviation = _ABBREVIATION.fullmatch(name)
    if abbreviation:  # "Ky.", "Calif.": the dot is what makes them abbreviations
        return abbreviation.group(1) + "."
    return _NON_WORD.sub(" ", name).strip()


def _to_ascii(key: str) -> tuple[str, ...]:
    if key.isascii():
        return (key,)
    if _CYRILLIC_RANGE.search(key):
        chars = set(key)
        if chars & _UKRAINIAN_ONLY or "г" not in chars:
            variants = (key.translate(_CYR_H),)
        elif chars & _RUSSIAN_ONLY:
            variants = (key.translate(_CYR_G),)
        else:
            variants = (key.translate(_CYR_H), key.translate(_CYR_G))
    else:
        variants = (key,)
    if all(v.isascii() for v in variants):
        return variants
    from anyascii import anyascii

    return tuple(_NON_WORD.sub(" ", anyascii(v).lower()).strip() for v in variants)


def _fold_ascii(text: str) -> tuple[str, str | None]:
    tokens = text.split()
    hint = None
    if len(tokens) > 1 and tokens[0] == "the":
        del tokens[0]
    if len(tokens) > 1:
        if tokens[-1] in _ADMIN_WORDS:
            hint = "admin"
            del tokens[-1]
            if len(tokens) > 1 and tokens[-1] == "autonomous":
                del tokens[-1]
        elif tokens[-1] in _CITY_WORDS:
            hint = "city"
            del tokens[-1]
        elif tokens[0] in _ADMIN_WORDS and len(tokens) > 2 and tokens[1] == "of":
            hint = "admin"
            del tokens[:2]
        elif tokens[0] in _CITY_WORDS and len(tokens) > 2 and tokens[1] == "of":
            hint = "city"
            del tokens[:2]
    text = " ".join(tokens)
    for old, new in _FOLDS:
        if old in text:
            text = text.replace(old, new)
    text = _DOUBLED.sub(r"\1", text)
    if hint == "admin":
        text = _ADJECTIVAL.sub(r"\1", text)
    return text, hint


def fold(name: str, *, is_exact_key: bool = False) -> Folded:
    """Fold ``name`` so that romanisation variants of one name meet.

    Parameters
    ----------
    name : str
        A place name as written, in any script.
    is_exact_key : bool, default False
        Set when ``name`` is already the output of :func:`exact_key`.

    Examples
    --------
    >>> fold("Kharkiv").keys == fold("Harkiv").keys == fold("Харків").keys
    True
    >>> fold("Kherson region")
    Folded(keys=('herson',), hint='admin')
    """
    key = name if is_exact_key else exact_key(name)
    key = key.rstrip(".")
    keys: list[str] = []
    hint = None
    for variant in _to_ascii(key):
        folded, hint = _fold_ascii(variant)
        if folded and folded not in keys:
            keys.append(folded)
    return Folded(tuple(keys), hint)


def key_hash(key: str) -> int:
    """Stable 64-bit hash of a key (the same in every process and platform).

    Examples
    --------
    >>> key_hash("kyiv") == key_hash("kyiv")
    True
    """
    return int.from_bytes(blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")
