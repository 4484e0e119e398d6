"""What the fitting scripts learn from: the geoparser's models' features on development text.

``benchmarks/fit_geoparser.py`` fits the recogniser, the resolver and the stand-in gate
on rows these functions give, computed exactly as :meth:`Geoparser.parse` computes them.
"""

from __future__ import annotations

from .._gazetteer import keys as _text
from .parser import Geoparser

__all__ = ["recognition_rows", "resolution_rows", "stand_in_rows"]


def recognition_rows(parser: Geoparser, text: str):
    """(features, start, end) of every gazetteer match, before the recogniser's cut."""
    for m in parser.recogniser.scored(text):
        yield m.feats, m.start, m.end


def resolution_rows(parser: Geoparser, text: str, spans, golds):
    """(candidate features, candidates, gold) per given span with two candidates or
    more, in the first round's context (as at inference)."""
    resolver = parser.resolver
    given, _resolvable, context = parser.given(text, spans, parser.recogniser.recognise(text))
    mentions = [m for m in given if m.hit is not None]
    golds_by_span = {(g["start"], g["end"]): g for g in golds}
    allm = mentions + context
    keys = [_text.exact_key(text[m.start : m.end]) for m in allm]
    view = resolver._context(allm, resolver._initial_choices(allm), keys)
    for k, m in enumerate(mentions):
        if len(m.hit.places) < 2:
            continue
        X = resolver._cand_features(m, view(keys[k]), resolver._qualifier(text, m))
        yield X, m.hit.places, golds_by_span[(m.start, m.end)]


def stand_in_rows(parser: Geoparser, text: str, spans):
    """(start, end, features, chosen (lat, lon) or None, cluster (lat, lon)) of every
    given span the stand-in gate weighs, as :meth:`Geoparser.parse` reads ``text``."""
    rows: list = []
    parser._matches(text, spans, stand_ins=True, stand_in_rows=rows)
    lat, lon = parser.finder.lat, parser.finder.lon
    for m, feats, center in rows:
        chosen = None
        if m.choice >= 0:
            chosen = (float(lat[m.choice]), float(lon[m.choice]))
        yield m.start, m.end, feats, chosen, center
