"""Resolution: each recognised mention in, the one place it names in this text out.

A conditional logit (``geoevents/data/resolver.json``, features ``RESOLVER_FEATURES``)
scores every candidate place of a mention with what the document says about where it
is: explicit qualifiers ("Lozove, Kharkiv", "Dayton, OH", "X is a village in Y
County"), type words ("the Sumy region"), the countries and first-level divisions the
other mentions name, the distance to their places, population, kind and how good the
matched name is. Two rounds: the second reads the context the first chose.
"""

from __future__ import annotations

import functools
import math
import operator

import numpy as np

from .._gazetteer import keys as _text
from .._gazetteer.search import QUALITY_BONUS
from .._gazetteer.sources import KINDS
from .._geo import nearest_km
from .._models import columns, load_model
from . import namesakes as _namesakes
from . import qualifiers as _quals
from . import rules
from .candidates import POINT_LIKE as _POINT_LIKE
from .candidates import CandidateFinder
from .records import BatchPrior, Hit, Match
from .sections import context_sections

__all__ = ["RESOLVER_FEATURES", "Resolver"]

RESOLVER_FEATURES = (
    "prior", "quality", "kind_country", "kind_admin1", "kind_admin2", "kind_city",
    "kind_region", "kind_continent", "ctx_country", "ctx_admin1", "qual_country",
    "qual_admin1", "log_dist", "log_candidates", "has_dist", "same_as_other",
    "q_primary", "q_curated", "q_alias", "q_alternate", "q_script", "q_weak",
    "log_dist_area",
)  # fmt: skip
_C = columns(RESOLVER_FEATURES)
# name quality (sources.Q_*) -> its feature: both kinds of curated names (aliases.csv
# and the aliases of curated places) share one weight, each a deliberate statement
_QUALITY_COLUMN = np.array([
    _C.q_primary, _C.q_alias, _C.q_alias, _C.q_alternate, _C.q_script, _C.q_weak,
])  # fmt: skip
_KIND_COLUMNS = tuple(
    (getattr(_C, f"kind_{k}"), k) for k in ("country", "admin1", "admin2", "city", "region",
                                            "continent")
)  # fmt: skip
_K = {k: i for i, k in enumerate(KINDS)}
_RIVAL_SHARE = 0.15  # an alternative this likely counts as plausible
_QUALIFIER_MEMO = 100_000  # qualifiers read, by their words (Resolver._qualifier)
_ROUNDS = 2
_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_F = np.zeros(0)


class Resolver:
    """Chooses one place per mention (``Match.choice``), with how sure it is.

    Examples
    --------
    >>> from geoevents import Gazetteer
    >>> from .recognise import Recogniser
    >>> finder = CandidateFinder(Gazetteer.load())
    >>> text = "Troops left Paris, Texas for Moscow, Idaho."
    >>> found = Recogniser(finder).recognise(text)
    >>> Resolver(finder).resolve(text, found)
    >>> [(text[m.start : m.end], finder.gazetteer.place(m.choice).admin1) for m in found]
    [('Paris', 'Texas'), ('Texas', 'Texas'), ('Moscow', 'Idaho'), ('Idaho', 'Idaho')]
    """

    def __init__(self, finder: CandidateFinder) -> None:
        self.finder = finder
        self.weights = load_model("resolver", RESOLVER_FEATURES).weights
        self._kind = finder.kind
        self._prior = finder.prior
        self._country = finder.country
        self._admin1_of = finder.admin1
        self._lat = finder.lat
        self._lon = finder.lon
        self._qualifiers: dict[tuple, tuple[int, int, int] | None] = {}

    def clear(self) -> None:
        """Forget the qualifiers read so far (as for text never seen)."""
        self._qualifiers.clear()

    def _context(self, mentions: list[Match], choices: list[int], keys: list[str],
                 prior: BatchPrior | None = None):  # fmt: skip
        """What the document says about where it is, as seen by each distinct name.

        Returns a function ``view(key)`` giving, for the mentions of one name, the
        context of every *other* name: weights by country and by first-level
        division (sorted id arrays + weights), the points of the point-like places
        chosen for them, and the set of places chosen for them.
        """
        kind = self._kind
        # what each name adds, in the order of its mentions: the weights it adds to each
        # country and to each first-level division, and the places chosen for it
        contrib: dict[str, tuple[dict[int, list[float]], dict[int, list[float]], list[int]]] = {}
        for m, b, key in zip(mentions, choices, keys, strict=True):
            if b < 0:
                continue
            weight = 1.0 if (m.logit > 1.0 or m.given) else 0.5
            k = kind[b]
            by_country, by_admin1, chosen = contrib.setdefault(key, ({}, {}, []))
            by_country.setdefault(int(self._country[b]), []).append(
                weight if k == _K["country"] else 0.3 * weight
            )
            a = int(self._admin1_of[b]) if k in (_K["admin1"], _K["admin2"], _K["city"]) else -1
            if a >= 0:
                by_admin1.setdefault(a, []).append((1.0 if k == _K["admin1"] else 0.3) * weight)
            chosen.append(b)
        views: dict[str, tuple] = {}

        def view(key: str):
            if key in views:
                return views[key]
            if not any(other != key for other in contrib):
                if "" not in views:  # nothing else named: only what the batch is about
                    views[""] = (  # read only: the batch's own tables, not copies
                        prior.countries if prior else {},
                        prior.admin1 if prior else {},
                        _EMPTY_IDS, _EMPTY_F, _EMPTY_F,
                    )  # fmt: skip
                views[key] = views[""]
                return views[key]
            countries: dict[int, float] = dict(prior.countries) if prior else {}
            admin1: dict[int, float] = dict(prior.admin1) if prior else {}
            taken: set[int] = set()
            # the weights of the other names, added one by one in their order (the same
            # sums to the last bit), each name's run of a country's weights in one call
            for other, (by_country, by_admin1, chosen) in contrib.items():
                if other == key:
                    continue
                for c, weights in by_country.items():
                    countries[c] = functools.reduce(operator.add, weights, countries.get(c, 0.0))
                for a, weights in by_admin1.items():
                    admin1[a] = functools.reduce(operator.add, weights, admin1.get(a, 0.0))
                taken.update(chosen)
            points = np.fromiter((b for b in taken if _POINT_LIKE[kind[b]]), dtype=np.int64)
            result = (
                countries,
                admin1,
                np.sort(np.fromiter(taken, dtype=np.int64)),
                self._lat[points],
                self._lon[points],
            )
            views[key] = result
            return result

        return view

    def _cand_features(self, m: Match, ctx_view, qual) -> np.ndarray:
        """Feature matrix (candidates x RESOLVER_FEATURES) of one mention."""
        p = m.hit.places
        n = len(p)
        countries, admin1, taken, olat, olon = ctx_view
        X = np.zeros((n, len(RESOLVER_FEATURES)))
        X[:, _C.prior] = self._prior[p]
        kinds = self._kind[p]
        for col, kname in _KIND_COLUMNS:
            X[:, col] = kinds == _K[kname]
        cc = self._country[p]
        X[:, _C.ctx_country] = _log1p_values(countries, cc)
        a1 = self._admin1_of[p]
        X[:, _C.ctx_admin1] = _log1p_values(admin1, a1)
        if qual is not None:
            qc, qa, twin = qual
            X[:, _C.qual_country] = cc == qc
            if qa >= 0:
                X[:, _C.qual_admin1] = (a1 == qa) | (a1 == twin)
        if len(taken):
            pos = np.minimum(np.searchsorted(taken, p), len(taken) - 1)
            X[:, _C.same_as_other] = taken[pos] == p
        # distance to the other places named, for point-like candidates and
        # point-like others only: a country's or region's point says little
        pointlike = _POINT_LIKE[kinds]
        if len(olat):
            d = np.log10(1.0 + nearest_km(self._lat[p], self._lon[p], olat, olon) / 10.0)
            X[:, _C.log_dist] = np.where(pointlike, d, 0.0)
            X[:, _C.has_dist] = pointlike
            X[:, _C.log_dist_area] = np.where(pointlike, 0.0, d)
        X[:, _C.log_candidates] = math.log10(n)
        X[np.arange(n), _QUALITY_COLUMN[m.hit.quality]] = 1.0
        return X

    def _static_score(self, hit: Hit) -> np.ndarray:
        """The part of each candidate's score that does not depend on the document."""
        if hit.static is None:
            p = hit.places
            n = len(p)
            X = np.zeros((n, len(RESOLVER_FEATURES)))
            X[:, _C.prior] = self._prior[p]
            kinds = self._kind[p]
            for col, kname in _KIND_COLUMNS:
                X[:, col] = kinds == _K[kname]
            X[:, _C.log_candidates] = math.log10(n)
            X[np.arange(n), _QUALITY_COLUMN[hit.quality]] = 1.0
            hit.static = X @ self.weights
        return hit.static

    def _geo(self, hit: Hit) -> tuple:
        """(country ids, admin1 ids, point-like, latitudes, longitudes) of a hit's
        candidates, read once per name."""
        if hit.geo is None:
            p = hit.places
            hit.geo = (self._country[p], self._admin1_of[p], _POINT_LIKE[self._kind[p]],
                       self._lat[p], self._lon[p])  # fmt: skip
        return hit.geo

    def _score(self, m: Match, ctx_view, qual) -> np.ndarray:
        """Candidate scores of a mention: the same as ``_cand_features(...) @ weights``."""
        w = self.weights
        p = m.hit.places
        countries, admin1, taken, olat, olon = ctx_view
        score = self._static_score(m.hit).copy()
        cc, a1, pointlike, lat, lon = self._geo(m.hit)
        if countries:
            score += w[_C.ctx_country] * _log1p_values(countries, cc)
        if admin1:
            score += w[_C.ctx_admin1] * _log1p_values(admin1, a1)
        if qual is not None:
            qc, qa, twin = qual
            score += w[_C.qual_country] * (cc == qc)
            if qa >= 0:
                score += w[_C.qual_admin1] * ((a1 == qa) | (a1 == twin))
        if len(taken):
            pos = np.minimum(np.searchsorted(taken, p), len(taken) - 1)
            score += w[_C.same_as_other] * (taken[pos] == p)
        if len(olat):
            d = np.log10(1.0 + nearest_km(lat, lon, olat, olon) / 10.0)
            score += np.where(
                pointlike, w[_C.log_dist] * d + w[_C.has_dist], w[_C.log_dist_area] * d
            )
        return score

    def _initial_choices(self, mentions: list[Match]) -> list[int]:
        choices = []
        for m in mentions:
            hit = m.hit
            if hit.initial < 0:
                p = hit.places
                if len(p) == 1:
                    hit.initial = int(p[0])
                else:
                    rank = self._prior[p] + QUALITY_BONUS[hit.quality]
                    hit.initial = int(p[int(np.argmax(rank))])
            choices.append(hit.initial)
        return choices

    def resolve(self, text: str, mentions: list[Match], prior=None, area=None,
                lists=None) -> None:  # fmt: skip
        """Choose a place for each mention. ``prior``: what other reports of the same
        batch were about (:class:`BatchPrior`, keyed by string ids); ``area``: an
        :class:`~.area.Area` whose places a name means when it can; ``lists``: the
        text's :func:`~.qualifiers.region_lists` (found here when None)."""
        if not mentions:
            return
        for m in mentions:
            self._apply_type_word(text, m)
            if text.startswith(",", m.end):
                self._apply_state_code(text, m)
            if area is not None:
                self._apply_area(m, area)
        keys = [_text.exact_key(text[m.start : m.end]) for m in mentions]
        # an adjective ("Russian") has no qualifier: "Russian (Ukraine)" does not occur
        quals = [None if m.hit.role == "adjectival" else self._qualifier(text, m)
                 for m in mentions]  # fmt: skip
        quals = _quals.listed_after_region(self.finder, text, mentions, quals, lists)
        quals = _quals.adjacent_regions(self.finder, text, mentions, quals)
        quals = _namesakes.own_qualified(mentions, keys, quals)
        if prior is not None:
            quals = _namesakes.remembered(prior.names, mentions, keys, quals)
        for m, qual in zip(mentions, quals, strict=True):
            if qual is not None and qual[1] >= 0:
                _namesakes.prefer_own_names(self.finder, m, qual)
        choices = self._initial_choices(mentions)
        cells = prior.cells if prior is not None else None
        for round_ in range(_ROUNDS):
            view = self._context(mentions, choices, keys, prior)
            done: dict[tuple, tuple[int, float]] = {}
            new = []
            for k, m in enumerate(mentions):
                p = m.hit.places
                if len(p) == 1:
                    new.append(int(p[0]))
                    m.share = 1.0
                    continue
                if round_ and m.share >= 0.95:
                    new.append(choices[k])  # settled in the first round
                    continue
                memo = (keys[k], quals[k], m.hit.tier)
                if memo not in done:
                    score = self._score(m, view(keys[k]), quals[k])
                    prob = _softmax(score)
                    if cells:
                        # the batch picks among namesakes, but the spread of the text's own
                        # plausible readings stays: a pull is not proof
                        own = prob
                        prob = _softmax(
                            score
                            + _namesakes.batch_pull(
                                self.finder, m.hit, self._static_score(m.hit), cells, quals[k]
                            )
                        )
                    best = int(np.argmax(prob))
                    # how far the plausible alternatives lie: an honest precision needs it
                    plausible = prob >= _RIVAL_SHARE if prob[best] < 1.0 - _RIVAL_SHARE else None
                    if cells and own.max() < 1.0 - _RIVAL_SHARE:
                        mine = own >= _RIVAL_SHARE
                        plausible = mine if plausible is None else plausible | mine
                    rivals = _EMPTY_IDS if plausible is None else np.flatnonzero(plausible)
                    spread = 0.0
                    if len(rivals) > 1:
                        _cc, _a1, _pl, lat, lon = self._geo(m.hit)
                        spread = float(
                            nearest_km(lat[rivals], lon[rivals], lat[[best]], lon[[best]]).max()
                        )
                    done[memo] = (int(p[best]), float(prob[best]), spread)
                choice, m.share, m.spread_km = done[memo]
                new.append(choice)
            # the context did not move (or there is none): another round changes nothing
            settled = new == choices or len(set(keys)) == 1
            choices = new
            if settled:
                break
        for m, b, qual in zip(mentions, choices, quals, strict=True):
            m.choice = b
            m.qualified = qual is not None
            if qual is not None and (
                int(self._country[b]) != qual[0]
                or (qual[1] >= 0 and int(self._admin1_of[b]) not in (qual[1], qual[2]))
            ):
                m.partial = True  # "Zelenyi Yar, Donetsk region" but no Zelenyi Yar there: unknown
            elif qual is not None and _quals.named_after_qualifier(text, m, b):
                m.partial = True

    def _apply_area(self, m: Match, area) -> None:
        """Keep the candidates inside the user's area when some are: "Tokmak" in an
        area of Ukraine is Tokmak, Zaporizhzhia, not Tokmok, Kyrgyzstan. A name with no
        candidate inside keeps them all ("Moscow said")."""
        p = m.hit.places
        if len(p) < 2:
            return
        inside = area.contains(self._lat[p], self._lon[p], self._country[p], self.finder.index)
        if inside.any() and not inside.all():
            hit = m.hit
            m.hit = Hit(p[inside], hit.quality[inside], hit.tier, hit.role)

    def _apply_state_code(self, text: str, m: Match) -> None:
        """ "Springfield, IL", "Paris, TX": keep the candidates in that US state."""
        cm = rules.STATE_CODE_AFTER.match(text, m.end, min(len(text), m.end + 8))
        region = -1 if cm is None else self.finder.us_state(cm.group(1))
        if region < 0:
            return
        p = m.hit.places
        keep = (self._country[p] == self._country[region]) & (
            self._admin1_of[p] == self._admin1_of[region]
        )
        if keep.any() and not keep.all():
            m.hit = Hit(p[keep], m.hit.quality[keep], m.hit.tier, m.hit.role)

    def _apply_type_word(self, text: str, m: Match) -> None:
        """ "the Zaporizhzhia region", "Kherson city": keep the candidates of that kind."""
        nm = rules.NEXT_WORD.match(text, m.end, min(len(text), m.end + 30))
        if not nm or nm.group(1) not in ("", ","):
            return
        word = nm.group(2).lower()
        if nm.group(1) == "," or word in ("and", "or"):
            # "the Belgorod and Kursk regions", "the Sumy, Poltava and Kharkiv oblasts":
            # the word serves every name of the list
            lm = rules.LISTED_TYPE_WORD.match(text, m.end, min(len(text), m.end + 120))
            if lm is None and nm.group(1):
                return
            word = lm.group(1).lower() if lm else word
        kinds = rules.TYPE_WORD_KINDS.get(word)
        if kinds is None:
            return
        places = m.hit.places
        if self._kind[places[int(np.argmax(self._prior[places]))]] == _K["country"]:
            return  # "a frontline Ukraine village": a village in that country
        keep = np.isin(self._kind[places], kinds)
        if word in rules.REGION_WORDS:
            keep &= ~_namesakes.city_divisions(self.finder, places)
        if keep.any() and not keep.all():
            hit = m.hit
            m.hit = Hit(hit.places[keep], hit.quality[keep], hit.tier, hit.role)
        elif not keep.any() and word.rstrip("s") in ("region", "oblast", "province"):
            # "the Kursk region" when the name alone finds only the city: the region's
            # own name ("Kursk Oblast") is found with its type word
            region = self.finder.lookup(f"{text[m.start : m.end]} {word.rstrip('s')}")
            if region is not None:
                inside = np.isin(self._kind[region.places], kinds)
                if inside.any():
                    m.hit = Hit(region.places[inside], region.quality[inside], region.tier,
                                 m.hit.role)  # fmt: skip

    def _qualifier(self, text: str, m: Match) -> tuple[int, int, int] | None:
        """`X, Texas` / `X, Donetsk region` / `X (Ukraine)` / "X is a village in Dutchess
        County, New York": (country id, admin1 id, its twin's admin1 id or -1). A twin
        is a division of the same name in the same country: "Hostomel, Kyiv" may mean
        the city of Kyiv (a division of its own) or Kyiv Oblast around it."""
        tail = text[m.end : m.end + 60]
        if rules.LISTED_TYPE_WORD.match(text, m.end, min(len(text), m.end + 120)):
            return None  # "the Sumy, Poltava and Kharkiv oblasts": a list, no qualifier
        qm = rules.QUALIFIER_TAIL.match(tail)
        if not qm:
            im = rules.IN_REGION_TAIL.match(text, m.end, min(len(text), m.end + 100)) or (
                rules.LISTED_IN_REGION.match(text, m.end, min(len(text), m.end + 400))
            )
            if im:
                return _quals.definition_qualifier(self.finder, im.group(1).strip())
            dm = rules.DEFINED_IN.match(text, m.end, min(len(text), m.end + 160))
            return _quals.definition_qualifier(self.finder, dm.group(1)) if dm else None
        # the qualifier ends with its sentence: "Lozove, Kharkiv. Shells fell ..."
        words = rules.SENTENCE_AFTER_WORD.split(qm.group(1).strip(), maxsplit=1)[0].rstrip(".")
        key = (words, tail.startswith((",", " (")), bool(rules.LIST_AFTER.match(tail, qm.end(1))),
               "(" in tail[: qm.start(1)])  # fmt: skip
        if key not in self._qualifiers:
            if len(self._qualifiers) > _QUALIFIER_MEMO:
                self._qualifiers.clear()
            self._qualifiers[key] = _quals.named_qualifier(self.finder, *key)
        return self._qualifiers[key]

    # -------------------------------------------------------------------- parse

    def resolve_chunked(self, text: str, mentions: list[Match], prior=None, area=None) -> None:
        """Resolve with the document as context (``prior``, ``area`` as for
        :meth:`resolve`); a very long text is read in sections of about
        ``_CONTEXT_CHARS`` characters, so time stays linear in its length (the text's
        lists of names after a region are found once, not once per section)."""
        lists = _quals.region_lists(self.finder, text)
        for section in context_sections(text, mentions):
            self.resolve(text, section, prior, area, lists)


def _softmax(score: np.ndarray) -> np.ndarray:
    prob = np.exp(score - score.max())
    return prob / prob.sum()


def _log1p_values(weights: dict[int, float], query: np.ndarray) -> np.ndarray:
    """log(1 + weight) of each id in ``query`` (weight 0 for ids it does not hold)."""
    get = weights.get
    log1p = math.log1p
    return np.fromiter(
        (log1p(get(q, 0.0)) for q in query.tolist()), dtype=np.float64, count=len(query)
    )
