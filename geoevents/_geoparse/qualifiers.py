"""Qualifiers: the words after a name in, the (country, division, twin) ids they name out."""

from __future__ import annotations

import numpy as np

from .._gazetteer.seats import seated_division
from .._gazetteer.sources import KINDS
from .candidates import CandidateFinder

__all__ = ["definition_qualifier", "division", "named_qualifier"]

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
