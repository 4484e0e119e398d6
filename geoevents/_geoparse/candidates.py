"""Candidate retrieval: a name as written in, the gazetteer places it may be out.

:class:`CandidateFinder` is the only part of the geoparser that reads the gazetteer's
name tables. It answers for a surface form (exact key, then demonym, then folded key;
fuzzy only for spans a caller gives), knows which two words can start a multi-word
name, reads US postal codes and finds first-level divisions by name. Every answer is
memoised per name. Ranking never happens here: see :mod:`.resolve`.
"""

from __future__ import annotations

import numpy as np

from .. import _lexicon as lex
from .._cache import BoundedCache
from .._gazetteer import keys as _text
from .._gazetteer.gazetteer import Gazetteer
from .._gazetteer.sources import KINDS, Q_ALTERNATE, Q_CURATED, Q_SCRIPT, Q_WEAK
from . import rules
from .records import Hit

__all__ = ["POINT_LIKE", "CandidateFinder"]

_K = {k: i for i, k in enumerate(KINDS)}
# kinds whose point stands for the place (a town, a site, a district), not for an area
POINT_LIKE = np.array([k in ("city", "facility", "natural", "admin2", "admin3") for k in KINDS])
_CACHE_LIMIT = 200_000
# the kinds a type word the fold dropped asks for ("X Oblast", "X city")
_HINT_KINDS = {
    "admin": np.array([_K[k] for k in ("admin1", "admin2", "admin3", "region")]),
    "city": np.array([_K["city"]]),
}


class CandidateFinder:
    """The gazetteer places a name may be, fast and memoised.

    ``kind``, ``prior``, ``country``, ``admin1``, ``lat``, ``lon``, ``pop`` are the
    gazetteer's place attributes as arrays by place id, shared with the other stages
    of the geoparser.

    Examples
    --------
    >>> finder = CandidateFinder(Gazetteer.load())
    >>> hit = finder.lookup("Kharkiv")
    >>> hit.role, hit.tier, len(hit.places) > 1
    ('place', 0, True)
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.index = ix = gazetteer.index
        self.kind = np.asarray(ix.kind)
        self.prior = np.asarray(ix.prior, dtype=np.float64)
        self.country = np.asarray(ix.country)
        self.admin1 = np.asarray(ix.admin1)
        self.lat = np.asarray(ix.latitude)
        self.lon = np.asarray(ix.longitude)
        self.pop = np.asarray(ix.population)
        self._hits = BoundedCache(_CACHE_LIMIT)
        self._may_start = BoundedCache(_CACHE_LIMIT)
        # hashes of the first two words of multi-word names, as the keys of a dict: a
        # dict of ints is left alone by the garbage collector, a set of half a million is
        # read whole at each full collection, in every report's reading
        self._prefixes: dict[int, None] | None = None
        self._us: int | None = None
        self._check_start("A B")  # builds the prefix set now, not on the first report
        ix.load_tables()

    def clear(self) -> None:
        """Forget every memoised answer (as for text never seen)."""
        self._hits.clear()
        self.gazetteer.clear_caches()
        self._may_start.clear()

    def may_start_name(self, two_words: str) -> bool:
        """Whether a known multi-word name starts with these two capitalised words."""
        known = self._may_start.get(two_words)
        if known is None:
            known = self._may_start.put(two_words, self._check_start(two_words))
        return known

    def exact_prefix(self, two_words: str) -> bool:
        """Whether a gazetteer name starts with exactly these two words ("The Hague",
        "A Coruña"), articles included."""
        self._check_start("A B")  # builds the prefix set
        return _text.key_hash(_text.exact_key(two_words)) in self._prefixes

    def _check_start(self, two_words: str) -> bool:
        for suffix in rules.POSSESSIVE:
            if two_words.endswith(suffix):
                two_words = two_words[: -len(suffix)]
                break
        prefixes = self._prefixes
        if prefixes is None:
            prefixes = dict.fromkeys(self.index.exact_prefix2.tolist())
            for key in self.index.exact.overlay:
                if " " in key:
                    prefixes[_text.key_hash(" ".join(key.split()[:2]))] = None
            self._prefixes = prefixes
        words = _text.exact_key(two_words).split()
        if len(words) < 2:
            return False
        if words[0] == "the" or words[1] in _text.PLACE_TYPE_WORDS:
            return True  # folded keys drop these words: "the Donetsk region"
        return _text.key_hash(f"{words[0]} {words[1]}") in prefixes

    def lookup(self, surface: str) -> Hit | None:
        hit = self._hits.get(surface, False)
        if hit is not False:
            return hit
        key = _text.exact_key(surface)
        hit = None
        if key:
            ix = self.index
            p, q = ix.exact.get(key)
            if len(p):
                hit = Hit(p, q, 0, "place")
            else:
                p, q = ix.adjective.get(key)
                if len(p):
                    hit = Hit(p, q, 2, "adjectival")
                else:
                    folded = _text.fold(key, is_exact_key=True)
                    parts = [ix.folded.get(k) for k in folded.keys]
                    parts = [pq for pq in parts if len(pq[0])]
                    if not parts:  # "Veselogorovka": the Russian form of Veselohorivka
                        parts = [ix.folded.get(v) for v in _slavic_variants(folded.keys)]
                        parts = [(pp, np.maximum(qq, Q_ALTERNATE)) for pp, qq in parts
                                 if len(pp)]  # fmt: skip
                    if parts:
                        p = np.concatenate([pp for pp, _ in parts])
                        q = np.concatenate([qq for _, qq in parts])
                        # "Zaporizhia Oblast": the type word the fold dropped still
                        # chooses the kind ("Zaporizhia" alone may be the city)
                        kinds = _HINT_KINDS.get(folded.hint)
                        if kinds is not None:
                            keep = np.isin(self.kind[p], kinds)
                            if keep.any():
                                p, q = p[keep], q[keep]
                        hit = Hit(p, q, 1, "place")
        if hit is not None and len(surface) <= 4 and not surface.isupper():
            # "Are", "Sen.", "Car": a code (ARE, SEN, CAR) is written in capitals
            strong = hit.quality != Q_WEAK
            if not strong.all():
                hit = Hit(hit.places[strong], hit.quality[strong], hit.tier, hit.role) if (
                    strong.any()) else None  # fmt: skip
        if hit is not None and hit.tier > 0 and surface.isupper() and len(surface) <= 5:
            # "TV", "CCTV", "APC": an acronym whose folded spelling is only another
            # script's or a weak name of a town (Ottawa, Cottonwood) names no place
            sure = hit.quality < Q_SCRIPT
            if any(ord(c) > 0x24F for c in surface):
                sure[:] = False  # "ХАИ" (a university) folded to Latin is Hay, not a place
            hit = Hit(hit.places[sure], hit.quality[sure], hit.tier, hit.role) if (
                sure.any()) else None  # fmt: skip
        abbreviation = rules.ABBREVIATED_START.match(surface)
        if abbreviation is not None and (hit is None or hit.role == "place"):
            # "Mt. Vernon, Ohio": GeoNames gives "Mt. Vernon" to one Mount Vernon only
            full = rules.EXPANSIONS[abbreviation.group(1).lower()] + surface[abbreviation.end() :]
            other = self.lookup(full)
            if other is not None and other.role == "place":
                if hit is None:
                    hit = other
                else:
                    new = ~np.isin(other.places, hit.places)
                    hit = Hit(np.concatenate([hit.places, other.places[new]]),
                               np.concatenate([hit.quality, other.quality[new]]),
                               hit.tier, "place")  # fmt: skip
        return self._hits.put(surface, hit)

    def lookup_span(self, surface: str) -> Hit | None:
        """A given span: exact, adjective, folded, then fuzzy."""
        hit = self.lookup(surface)
        if hit is not None:
            return hit
        places = np.sort(self.gazetteer.place_ids(surface)).astype(np.int32)
        if not len(places):
            return None
        quality = np.full(len(places), 3, dtype=np.uint8)
        return Hit(places, quality, 3, "place")

    def us_state(self, code: str) -> int:
        """The US state a postal code names ("IL" → Illinois), or -1: for a code that
        names none, or a gazetteer without the US (cached by :meth:`admin1_named`)."""
        state = lex.US_STATE_CODES.get(code)
        if state is None:
            return -1
        if self._us is None:
            strings = self.index.strings
            self._us = strings.index("US") if "US" in strings else -1
        return self.admin1_named(state, self._us) if self._us >= 0 else -1

    def state_hit(self, code: str) -> Hit | None:
        """The US state a postal code names, as a curated-quality hit."""
        region = self.us_state(code)
        if region < 0:
            return None
        return Hit(np.array([region], dtype=np.int64), np.array([Q_CURATED], dtype=np.uint8),
                    0, "place")  # fmt: skip

    def admin1_named(self, name: str, country: int) -> int:
        """The first-level division called ``name`` in the country with string id
        ``country`` ("Zaporizhia" → Zaporizka oblast), or -1 (see
        :meth:`Gazetteer.division_named`)."""
        code = self.index.strings[country] if country >= 0 else None
        return self.gazetteer.division_named(name, code or None)

    def best_area(self, hit: Hit) -> int:
        """The most prominent area (country, division, county, region) a name can be:
        "Texas", "Ukraine", "Donetsk" the oblast; -1 when it names only towns."""
        p = hit.places
        areas = p[~POINT_LIKE[self.kind[p]] | (self.kind[p] == _K["admin2"])]
        return int(areas[int(np.argmax(self.prior[areas]))]) if len(areas) else -1


def _slavic_variants(keys: tuple[str, ...]) -> list[str]:
    """Other spellings of a folded Ukrainian or Russian place name (rules.SLAVIC_VARIANTS)
    the gazetteer may hold it under, when it holds none of ``keys``: each rewrite alone,
    then all of them; only for names with a Slavic place-name ending."""
    out: list[str] = []
    for key in keys:
        if not rules.SLAVIC_ENDING.search(key):
            continue
        every = key
        for pattern, repl in rules.SLAVIC_VARIANTS:
            one = pattern.sub(repl, key)
            every = pattern.sub(repl, every)
            if one != key and one not in out:
                out.append(one)
        if every != key and every not in out:
            out.append(every)
    return out
