"""Lists: a list of places in, its names the gazetteer lacks (each at the list's region) out."""

from __future__ import annotations

from collections import Counter

from . import rules
from .places import _name_in_match, region_lists
from .quick import QuickTest
from .records import EventPlace

__all__ = ["listed_unknowns"]

_REGION_AFTER = QuickTest(rules.LIST_REGION_AFTER)  # its words, looked for first


def listed_unknowns(places, text: str, s: int, e: int, members: list[EventPlace],
                sent_places: list[EventPlace]) -> list[EventPlace]:  # fmt: skip
    """The names the gazetteer lacks in the list of ``members`` (places of the
    sentence ``text[s:e]`` listed together): "Novokalynove, Stepove, Avdiivka and
    Keramik" with no Novokalynove nor Keramik. Each stands at the list's region,
    precision 3, with its own span (the mention keeps the village's name): the
    region named after the list ("... in the Donetsk region"), else the one that
    holds two in three of the listed towns; none without one, nor for a list of
    one known place and no region (issue 12)."""
    known = [m for m in members if m.index >= 0 and m.role == "place"]
    before = region_lists(places.gazetteer, text, s, e)  # "in the Donetsk region near A, B and C"
    if not known or (len(known) < 2 and not before
                     and not (_REGION_AFTER.may_match(text, s, e)
                              and rules.LIST_REGION_AFTER.search(text, s, e))):  # fmt: skip
        return []
    first = min(m.start for m in known)
    run = next((r for r in rules.NAME_RUN.finditer(text, s, e)
                if r.start() <= first < r.end()), None)  # fmt: skip
    if run is None:
        return []
    region = next((r for a, b, r in before if a <= run.start() < b), -1)
    if len(known) < 2 and region < 0 and not rules.LIST_REGION_AFTER.match(text, run.end()):
        return []  # "Kharkiv and Oleh Syniehubov": one place is no list of places
    spans = sorted((p.start, p.end) for p in sent_places)
    names = [
        found
        for m in rules.RUN_NAME.finditer(text, run.start(), run.end())
        if (found := _name_in_match(text, m, spans)) is not None
        and not rules.SAID_AFTER.match(text, found[1])  # a speaker, not a place
        and not all(w.lower() in rules.FACILITY_WORDS for w in text[slice(*found)].split())
    ]
    if names and region < 0:
        region = _list_region(places.gazetteer, text, run.end(), known, sent_places)
    if not names or region < 0:
        return []
    confidence = min(m.confidence for m in known)
    return [EventPlace(a, b, region, "admin1", "place", 3, confidence, listed_unknown=True)
            for a, b in names]  # fmt: skip


def _list_region(gaz, text: str, end: int, known: list[EventPlace],
             sent_places: list[EventPlace]) -> int:  # fmt: skip
    """The region of a list ending at ``end``: the one named right after it, else
    the one its towns share, else -1."""
    after = rules.LIST_REGION_AFTER.match(text, end)
    if after is not None:
        named = [p for p in sent_places
                 if end <= p.start < after.end() and p.kind == "admin1"]  # fmt: skip
        return named[0].index if named else -1
    towns = [gaz.place(m.index) for m in known if m.kind == "city"]
    if not towns:
        return -1
    divisions = Counter((t.country_code, t.admin1) for t in towns)
    (country, admin1), n = divisions.most_common(1)[0]
    if 3 * n < 2 * len(towns) or not admin1:
        return -1  # no region holds two in three of them
    return gaz.division_named(admin1, country)
