"""Qualifiers: the words after a name in, the (country, division, twin) ids they name out."""

from __future__ import annotations

from bisect import bisect_right

import numpy as np

from .. import _lexicon as lex
from .._gazetteer import keys as _text
from .._gazetteer.seats import seated_division
from .._gazetteer.sources import KINDS
from .._gazetteer.sources import Q_ALTERNATE as _ALTERNATE
from . import rules
from .candidates import CandidateFinder

__all__ = [
    "adjacent_regions", "definition_qualifier", "division", "listed_after_region",
    "named_after_qualifier", "named_qualifier", "region_lists",
]  # fmt: skip

_COUNTRY = KINDS.index("country")
_ADMIN1 = KINDS.index("admin1")


def named_qualifier(finder: CandidateFinder, words: str, coded: bool, list_after: bool,
                    bracketed: bool) -> tuple[int, int, int] | None:  # fmt: skip
    """The area ``words`` names after a comma or in brackets ("Lozove, Kharkiv"):
    ``coded``, after a comma or a bracket (a US state code may stand there);
    ``list_after``, a list goes on after it; ``bracketed``, it stands in brackets. A
    name of towns only qualifies as the region named after its capital, unless a list
    goes on ("Kramatorsk, Sloviansk and Bakhmut")."""
    if coded:
        region = finder.us_state(words)  # "Springfield, IL", "Fresno (CA)"
        if region >= 0:
            return int(finder.country[region]), int(finder.admin1[region]), -1
    hit = finder.lookup(words)
    if hit is None:
        return None
    p = hit.places
    b = finder.best_area(hit)
    if b < 0:
        if list_after:
            return None
        b = int(p[int(np.argmax(finder.prior[p]))])
        region = finder.admin1_named(words, int(finder.country[b]))
        if region < 0:
            # "Dolynska, Kirovograd": the old name of Kropyvnytskyi, seat of its region
            region = seated_division(finder.gazetteer, b)
        if region >= 0:
            b = region
        elif not bracketed:
            return None
    if finder.kind[b] == _COUNTRY:
        return int(finder.country[b]), -1, -1
    return division(finder, b, p)


def division(finder: CandidateFinder, b: int, places: np.ndarray) -> tuple[int, int, int]:
    """(country id, admin1 id, twin admin1 id or -1) of area ``b``, one of ``places``
    (a name's candidates): the twin is another division among them in that country."""
    a = int(finder.admin1[b])
    p = places
    twins = p[(finder.kind[p] == _ADMIN1) & (finder.country[p] == finder.country[b])
              & (finder.admin1[p] != a)]  # fmt: skip
    return int(finder.country[b]), a, int(finder.admin1[twins[0]]) if len(twins) else -1


def definition_qualifier(finder: CandidateFinder, names: str) -> tuple[int, int, int] | None:
    """The finest area among "Dutchess County, New York, United States"."""
    best = None
    for part in names.split(","):
        part = part.strip().rstrip(".")
        if not part or not part[0].isupper():
            break
        hit = finder.lookup(part)
        b = -1 if hit is None else finder.best_area(hit)
        if b < 0:
            continue
        if finder.kind[b] == _COUNTRY:
            best = best or (int(finder.country[b]), -1, -1)
        elif int(finder.admin1[b]) >= 0:
            return division(finder, b, hit.places)
    return best


def named_after_qualifier(text: str, m, b: int) -> bool:
    """ "Donetske, Donetsk": a village named after its region's seat, which the
    gazetteer holds only as an alternate name of the seat itself. A name found only
    as an alternate of place ``b``, in the words of its own qualifier plus an ending,
    is another place than the one the qualifier names."""
    qm = rules.QUALIFIER_TAIL.match(text, m.end, min(len(text), m.end + 60))
    if qm is None:
        return False
    stem = _text.exact_key(qm.group(1).split()[0].rstrip(".,"))
    own = _text.exact_key(text[m.start : m.end])
    if len(stem) < 4 or own == stem or not own.startswith(stem):
        return False
    k = int(np.flatnonzero(m.hit.places == b)[0])
    return int(m.hit.quality[k]) >= _ALTERNATE


def region_lists(finder: CandidateFinder, text: str) -> list[tuple[int, int, tuple]]:
    """(start, end, qualifier) of each list of names that follows its region in
    ``text``, in text order (the lexicon's REGION_BEFORE_LIST; see
    :func:`listed_after_region`)."""
    if "in the " not in text:
        return []
    spans = []
    for lm in lex.REGION_BEFORE_LIST.finditer(text):
        qual = definition_qualifier(finder, lm.group(1).strip())
        if qual is not None and qual[1] >= 0:
            spans.append((lm.start(2), lm.end(2), qual))
    return spans


def listed_after_region(finder: CandidateFinder, text: str, mentions: list, quals: list,
                        lists: list | None = None) -> list:  # fmt: skip
    """The qualifiers, with the region a list follows for each name of the list
    that has none of its own: "in the Kharkiv sector near Balakliia, Savyntsi
    and Izium" (the lexicon's REGION_BEFORE_LIST). ``lists``: the text's
    :func:`region_lists`, when a long text's sections have found them once."""
    spans = region_lists(finder, text) if lists is None else lists
    if not spans:
        return quals
    starts = [a for a, _b, _q in spans]  # the lists do not overlap: one can hold a name
    out = list(quals)
    for k, m in enumerate(mentions):
        if out[k] is None and m.hit.role != "adjectival":
            j = bisect_right(starts, m.start) - 1
            if j >= 0 and m.start < spans[j][1]:
                out[k] = spans[j][2]
    return out


def adjacent_regions(finder: CandidateFinder, text: str, mentions: list, quals: list) -> list:
    """The qualifiers, with the region named right after a Cyrillic name for each that
    has none of its own: "Петрівку Харківської області", "Петрівка, Харківська
    область", "Петрівка (Харківщина)" (rules.CYRILLIC_REGION_GAP between them). Ukrainian
    and Russian reports name the oblast after the village, in its case, with no comma."""
    out = list(quals)
    for k in range(len(mentions) - 1):
        a, b = mentions[k], mentions[k + 1]
        if out[k] is not None or not rules.CYRILLIC_START.match(text, a.start):
            continue
        if not rules.CYRILLIC_REGION_GAP.fullmatch(text, a.end, b.start):
            continue
        if rules.LIST_AFTER.match(text, b.end):
            continue  # "Нікополь, Харківщину і Сумщину": a list, not an address
        p = b.hit.places
        areas = p[finder.kind[p] == _ADMIN1]
        if len(areas) and len(areas) == len(p):
            best = int(areas[int(np.argmax(finder.prior[areas]))])
            out[k] = division(finder, best, p)
    return out
