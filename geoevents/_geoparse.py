"""Find the places a report names and decide which place each one is.

Recognition reads runs of capitalised words (``New York``, ``Sea of Azov``,
``Mykhalchyna-Sloboda``, ``U.S.``), matches the longest gazetteer names inside
them, and keeps or drops each match by its context with a small logistic model
(prepositions, titles, speech verbs, names of people and organisations, how
prominent and how trustworthy the matched name is). Adjectival forms (Ukrainian,
European) are kept with ``role="adjectival"``, and speakers such as "Moscow said"
with ``role="metonym"``.

Resolution scores every candidate place of a mention with what the document
offers: explicit qualifiers ("Paris, Texas", "Mykolaivka, Donetsk region"), the
countries and first-level divisions the document names, distance to its other
places, population, kind and name quality.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from . import _lexicon as lex
from . import _text
from ._errors import InvalidInputError
from ._gazetteer import Gazetteer
from ._sources import KINDS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["COLUMNS", "Geoparser", "geoparse"]

COLUMNS = (
    "start", "end", "mention", "name", "kind", "country_code", "admin1", "latitude",
    "longitude", "geonameid", "precision", "confidence", "role",
)  # fmt: skip

_K = {k: i for i, k in enumerate(KINDS)}
_PRECISION_BY_KIND = np.array(
    [{"city": 1, "facility": 1, "natural": 2, "admin3": 2, "admin2": 2}.get(k, 3) for k in KINDS]
)
_MAX_TOKENS = 6
_STRING_COLUMNS = ("mention", "name", "kind", "country_code", "admin1", "role")
_QUALITY_BONUS = np.array([0.0, 1.0, 0.0, -0.1, -0.2, -1.5])
RESOLVER_FEATURES = (
    "prior", "quality", "kind_country", "kind_admin1", "kind_admin2", "kind_city",
    "kind_region", "kind_continent", "ctx_country", "ctx_admin1", "qual_country",
    "qual_admin1", "log_dist", "log_candidates", "has_dist", "same_as_other",
    "q_primary", "q_curated", "q_alias", "q_alternate", "q_script", "q_weak",
)  # fmt: skip
_POINT_LIKE = np.array([k in ("city", "facility", "natural", "admin2", "admin3") for k in KINDS])
_KIND_COLUMNS = (
    (2, "country"), (3, "admin1"), (4, "admin2"), (5, "city"), (6, "region"), (7, "continent"),
)  # fmt: skip
_CACHE_LIMIT = 200_000


def _upper_class() -> str:
    chars = [chr(c) for c in range(0x41, 0x0530) if chr(c).isupper() or chr(c).istitle()]
    chars += [chr(c) for c in range(0x1E00, 0x1F00) if chr(c).isupper()]
    return "".join(re.escape(c) for c in chars)


_U = _upper_class()
_CONNECTORS = (
    "of|de|del|della|di|da|do|dos|das|du|des|la|le|les|el|al|am|upon|sur|van|von|der|den|y|and the"
)
_WORD = rf"(?:[{_U}]\.(?:[{_U}]\.)+|[{_U}](?:\w|['’\-](?=\w))*)"
_SEP = rf"(?:[ \t\u00a0]+(?:(?:{_CONNECTORS})[ \t\u00a0]+){{0,2}})"
_RUN = re.compile(rf"{_WORD}(?:{_SEP}{_WORD})*")
_TOKEN = re.compile(_WORD)
_PREV_WORD = re.compile(r"([\w’'.]+)[^\w]*$")
_NEXT_WORD = re.compile(r"[ \t\u00a0]*([,.;:!?)”\"]?)[ \t\u00a0]*([\w’'\-]*)")
_POSSESSIVE = ("'s", "’s", "'", "’")
_LIST_GAP = re.compile(r"\s*(?:,|and|or|&|, and|, or|/)\s*")
_PLACE_OF = re.compile(
    r"\b(?:city|town|village|villages|towns|cities|region|oblast|district|province|county|"
    r"state|settlement|outskirts|suburbs?|port|capital|area|island|republic|municipality|"
    r"hamlet|neighbourhood|neighborhood)\s+of\s*$",
    re.IGNORECASE,
)
_SENTENCE_END = '.!?\n\r"“”‘:;•|'


@dataclass(slots=True)
class _Hit:
    places: np.ndarray
    quality: np.ndarray
    tier: int  # 0 exact, 1 folded, 2 adjective, 3 fuzzy
    role: str


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    hit: _Hit
    feats: dict = field(default_factory=dict)
    logit: float = 0.0
    choice: int = -1
    share: float = 0.0
    given: bool = False
    role: str = "place"


class _Model:
    """Logistic model over named features: keep a candidate mention when p >= cut."""

    def __init__(self, weights: dict[str, float], bias: float, cut: float) -> None:
        self.weights = weights
        self.bias = bias
        self.cut = cut

    @classmethod
    def default(cls) -> _Model:
        data = json.loads(
            resources.files("geoevents").joinpath("data", "recognizer.json").read_text("utf-8")
        )
        return cls(data["weights"], data["bias"], data["threshold"])

    @property
    def logit_cut(self) -> float:
        return math.log(self.cut / (1 - self.cut))

    def logit(self, feats: dict[str, float]) -> float:
        w = self.weights
        return self.bias + sum(w.get(k, 0.0) * v for k, v in feats.items())


class Geoparser:
    """Recognise and resolve place mentions with a gazetteer (see :func:`geoparse`).

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to :meth:`Gazetteer.load`.

    Examples
    --------
    >>> parser = Geoparser()
    >>> parser.parse("Shelling hit Kharkiv and Izium overnight.")["name"].tolist()
    ['Kharkiv', 'Izyum']
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, model: _Model | None = None):
        if gazetteer is not None and not isinstance(gazetteer, Gazetteer):
            raise InvalidInputError(f"gazetteer must be a Gazetteer, not {gazetteer!r}")
        self.gazetteer = gazetteer or Gazetteer.load()
        self.index = self.gazetteer._index
        self.model = model or _Model.default()
        self.resolver = _resolver_weights()
        self._cache: dict[str, _Hit | None] = {}
        ix = self.index
        self._kind = np.asarray(ix.kind)
        self._prior = np.asarray(ix.prior, dtype=np.float64)
        self._country = np.asarray(ix.country)
        self._admin1 = np.asarray(ix.admin1)
        self._lat = np.asarray(ix.latitude)
        self._lon = np.asarray(ix.longitude)
        self._pop = np.asarray(ix.population)
        self._name_ids: dict[str, int] = {}

    # ------------------------------------------------------------ gazetteer hits

    def _lookup(self, surface: str) -> _Hit | None:
        hit = self._cache.get(surface, False)
        if hit is not False:
            return hit
        key = _text.exact_key(surface)
        hit = None
        if key:
            ix = self.index
            p, q = ix.exact.get(key)
            if len(p):
                hit = _Hit(p, q, 0, "place")
            else:
                p, q = ix.adjective.get(key)
                if len(p):
                    hit = _Hit(p, q, 2, "adjectival")
                else:
                    parts = [ix.folded.get(k) for k in _text.fold(key, is_exact_key=True).keys]
                    parts = [pq for pq in parts if len(pq[0])]
                    if parts:
                        p = np.concatenate([pp for pp, _ in parts])
                        q = np.concatenate([qq for _, qq in parts])
                        hit = _Hit(p, q, 1, "place")
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[surface] = hit
        return hit

    def _lookup_span(self, surface: str) -> _Hit | None:
        """A given span: exact, adjective, folded, then fuzzy."""
        hit = self._lookup(surface)
        if hit is not None:
            return hit
        tiers = self.gazetteer._tiers(surface, None, None, all_tiers=False)
        if not tiers:
            return None
        tier = tiers[0]
        quality = np.full(len(tier.places), 3, dtype=np.uint8)
        return _Hit(tier.places, quality, 3, "place")

    # -------------------------------------------------------------- recognition

    def _candidates(self, text: str) -> list[_Mention]:
        out: list[_Mention] = []
        stop = lex.CAPITALISED_NOT_PLACES
        for run in _RUN.finditer(text):
            tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text, run.start(), run.end())]
            n = len(tokens)
            i = 0
            while i < n:
                matched = False
                for j in range(min(n, i + _MAX_TOKENS) - 1, i - 1, -1):
                    s, e = tokens[i][0], tokens[j][1]
                    surface = text[s:e]
                    for suffix in _POSSESSIVE:
                        if surface.endswith(suffix) and len(surface) > len(suffix) + 1:
                            surface = surface[: -len(suffix)]
                            e -= len(suffix)
                            break
                    if j == i and surface in stop:
                        continue
                    hit = self._lookup(surface)
                    if hit is None and j == i and "-" in surface:
                        # "Kyiv-based", "Russian-backed": the part before the hyphen
                        head = surface.split("-", 1)[0]
                        if head not in stop:
                            hit = self._lookup(head)
                            if hit is not None:
                                e = s + len(head)
                    if hit is None:
                        continue
                    m = _Mention(s, e, hit)
                    m.feats = {"_before": i, "_after": n - 1 - j, "_tokens": j - i + 1}
                    m.feats["_run"] = (tokens[0][0], tokens[-1][1], tokens, i, j)
                    out.append(m)
                    i = j + 1
                    matched = True
                    break
                if not matched:
                    i += 1
        return out

    def _features(self, text: str, m: _Mention) -> None:
        hit = m.hit
        places = hit.places
        rank = self._prior[places] - 0.2 * hit.quality
        best = int(places[int(np.argmax(rank))])
        kind = KINDS[self._kind[best]]
        surface = text[m.start : m.end]
        f: dict[str, float] = {}
        raw = m.feats
        _run_start, _run_end, tokens, i, j = raw["_run"]
        f[f"kind_{kind}"] = 1.0
        if hit.role == "adjectival":
            f["adjectival"] = 1.0
        f["prior"] = float(self._prior[best])
        f["log_candidates"] = math.log10(len(places))
        q = int(hit.quality.min())
        f[f"quality_{q}"] = 1.0
        if hit.tier == 1:
            f["folded"] = 1.0
        f["tokens"] = float(raw["_tokens"])
        if surface.isupper() and len(surface) > 1:
            f["all_caps"] = 1.0
            if len(surface.replace(".", "")) <= 3:
                f["short_caps"] = 1.0
        # before the mention
        before = text[max(0, m.start - 40) : m.start]
        stripped = before.rstrip(" \t\u00a0")
        sentence_start = not stripped or stripped[-1] in _SENTENCE_END
        pm = _PREV_WORD.search(before)
        prev = pm.group(1).lower().rstrip(".") if pm else ""
        if sentence_start and raw["_before"] == 0:
            f["sentence_start"] = 1.0
        elif prev in lex.SPATIAL_PREPOSITIONS and raw["_before"] == 0:
            f["prev_spatial"] = 1.0
        if prev in lex.PERSON_TITLES:
            f["prev_title"] = 1.0
        if stripped.endswith(("the", "The")):
            f["prev_the"] = 1.0
        if raw["_before"] == 0 and _PLACE_OF.search(before):
            f["prev_place_of"] = 1.0
        # inside a longer capitalised run
        if raw["_before"]:
            s0, e0 = tokens[i - 1]
            word = text[s0:e0]
            if word.lower().rstrip(".") in lex.PERSON_TITLES:
                f["prev_title"] = 1.0
            elif lex.first_name_share(word) > 0.0005:
                f["after_first_name"] = 1.0
            else:
                f["run_before"] = 1.0
        if raw["_after"]:
            s1, e1 = tokens[j + 1]
            word = text[s1:e1].lower()
            if word in lex.ORG_WORDS:
                f["run_after_org"] = 1.0
            elif word in lex.PLACE_NOUNS:
                f["next_place_noun"] = 1.0
            else:
                f["run_after"] = 1.0
        # after the mention
        nm = _NEXT_WORD.match(text, m.end, min(len(text), m.end + 40))
        punct, nxt = (nm.group(1), nm.group(2)) if nm else ("", "")
        low = nxt.lower()
        if not punct:
            if low in lex.SPEECH_VERBS:
                f["next_speech"] = 1.0
            elif low in lex.PLACE_NOUNS:
                f["next_place_noun"] = 1.0
            elif low in lex.ORG_WORDS:
                f["next_org"] = 1.0
        elif punct == "," and nxt[:1].isupper():
            f["comma_capital"] = 1.0
        if raw["_tokens"] == 1:
            if lex.first_name_share(surface) > 0.0005:
                f["first_name"] = 1.0
            if lex.surname_share(surface) > 0.00005:
                f["surname"] = 1.0
            if not f.get("all_caps") and lex.is_common_word(surface):
                f["common_word"] = 1.0
        if low in lex.NOT_PLACE_NEXT:
            f["next_not_place"] = 1.0
        if text.startswith("$", m.end):
            f["currency"] = 1.0
        m.feats = f
        m.role = hit.role

    # --------------------------------------------------------------- resolution

    def _context(self, text: str, mentions: list[_Mention], choices: list[int]):
        """What the document says about where it is.

        For each distinct name (surface) in the document: its weight by country and by
        first-level division, so that a mention's context can leave out every
        occurrence of its own name.
        """
        kind = self._kind
        by_surface: dict[str, tuple[dict[int, float], dict[int, float]]] = {}
        total_c: dict[int, float] = {}
        total_a: dict[int, float] = {}
        keys = []
        for m, b in zip(mentions, choices, strict=True):
            key = _text.exact_key(text[m.start : m.end])
            keys.append(key)
            if b < 0:
                continue
            weight = 1.0 if (m.logit > 1.0 or m.given) else 0.5
            k = kind[b]
            c = int(self._country[b])
            cw = weight if k == _K["country"] else 0.3 * weight
            own_c, own_a = by_surface.setdefault(key, ({}, {}))
            own_c[c] = own_c.get(c, 0.0) + cw
            total_c[c] = total_c.get(c, 0.0) + cw
            if k in (_K["admin1"], _K["admin2"], _K["city"]):
                a = int(self._admin1[b])
                aw = (1.0 if k == _K["admin1"] else 0.3) * weight
                own_a[a] = own_a.get(a, 0.0) + aw
                total_a[a] = total_a.get(a, 0.0) + aw
        return total_c, total_a, by_surface, keys

    def _cand_features(self, text, k, mentions, choices, ctx) -> np.ndarray:
        """Feature matrix (candidates x RESOLVER_FEATURES) of mention ``k``."""
        m = mentions[k]
        p = m.hit.places
        n = len(p)
        total_c, total_a, by_surface, keys = ctx
        own_c, own_a = by_surface.get(keys[k], ({}, {}))
        X = np.zeros((n, len(RESOLVER_FEATURES)))
        X[:, 0] = self._prior[p]
        X[:, 1] = _QUALITY_BONUS[m.hit.quality]
        kinds = self._kind[p]
        for col, kname in _KIND_COLUMNS:
            X[:, col] = kinds == _K[kname]
        if n > 1:
            cc = self._country[p]
            cvals = np.array([total_c.get(c, 0.0) - own_c.get(c, 0.0) for c in cc.tolist()])
            X[:, 8] = np.log1p(np.maximum(cvals, 0.0))
            a1 = self._admin1[p]
            avals = np.array([total_a.get(a, 0.0) - own_a.get(a, 0.0) for a in a1.tolist()])
            X[:, 9] = np.log1p(np.maximum(avals, 0.0))
            qual = self._qualifier(text, m)
            if qual is not None:
                qc, qa = qual
                X[:, 10] = cc == qc
                if qa >= 0:
                    X[:, 11] = a1 == qa
            # distance to the other places named, for point-like candidates and
            # point-like others only: a country's or region's point says little
            others = [
                choices[j]
                for j in range(len(mentions))
                if choices[j] >= 0 and keys[j] != keys[k] and _POINT_LIKE[self._kind[choices[j]]]
            ]
            taken = {choices[j] for j in range(len(mentions)) if keys[j] != keys[k]}
            if taken:
                X[:, 15] = np.isin(p, np.fromiter(taken, dtype=np.int64))
            pointlike = _POINT_LIKE[kinds]
            if others and pointlike.any():
                others_arr = np.array(others)
                d = _min_dist_km(self._lat[p], self._lon[p], self._lat[others_arr],
                                 self._lon[others_arr])  # fmt: skip
                X[:, 12] = np.where(pointlike, np.log10(1.0 + d / 10.0), 0.0)
                X[:, 14] = pointlike
        X[:, 13] = np.log10(len(p))
        X[np.arange(n), 16 + m.hit.quality.astype(np.int64)] = 1.0
        return X

    def _resolve(self, text: str, mentions: list[_Mention]) -> None:
        if not mentions:
            return
        w = self.resolver
        choices = []
        for m in mentions:
            p = m.hit.places
            rank = self._prior[p] + _QUALITY_BONUS[m.hit.quality]
            choices.append(int(p[int(np.argmax(rank))]))
        for _round in range(2):
            ctx = self._context(text, mentions, choices)
            new = []
            for k, m in enumerate(mentions):
                p = m.hit.places
                if len(p) == 1:
                    new.append(int(p[0]))
                    m.share = 1.0
                    continue
                score = self._cand_features(text, k, mentions, choices, ctx) @ w
                best = int(np.argmax(score))
                new.append(int(p[best]))
                m.share = float(1.0 / np.exp(score - score[best]).sum())
            choices = new
        for m, b in zip(mentions, choices, strict=True):
            m.choice = b

    def _qualifier(self, text: str, m: _Mention) -> tuple[int, int] | None:
        """`X, Texas` / `X, Donetsk region` / `X (Ukraine)`: (country id, admin1 id)."""
        tail = text[m.end : m.end + 60]
        qm = re.match(r"\s*[,(]\s*((?:[A-Z][\w’'\-.]*\s?){1,3})", tail)
        if not qm:
            return None
        words = qm.group(1).strip().rstrip(".")
        hit = self._lookup(words)
        if hit is None:
            return None
        p = hit.places
        b = int(p[int(np.argmax(self._prior[p]))])
        if self._kind[b] == _K["country"]:
            return int(self._country[b]), -1
        return int(self._country[b]), int(self._admin1[b])

    # -------------------------------------------------------------------- parse

    def _scored(self, text: str) -> list[_Mention]:
        """Every gazetteer match with its features and recogniser logit.

        Two passes: the second adds what neighbours say ("Kharkiv and Izium": a name
        listed beside a likely place is likely a place too).
        """
        found = self._candidates(text)
        for m in found:
            self._features(text, m)
            m.logit = self.model.logit(m.feats)
        cut = self.model.logit_cut
        for a, b in itertools.pairwise(found):
            gap = text[a.end : b.start]
            if len(gap) <= 7 and _LIST_GAP.fullmatch(gap):
                if a.logit >= cut:
                    b.feats["list_after_place"] = 1.0
                if b.logit >= cut:
                    a.feats["list_before_place"] = 1.0
        for m in found:
            if "list_after_place" in m.feats or "list_before_place" in m.feats:
                m.logit = self.model.logit(m.feats)
        return found

    def _recognise(self, text: str) -> list[_Mention]:
        """Gazetteer matches kept by the recogniser (one sense per discourse applied)."""
        found = self._scored(text)
        # one sense per discourse: a name kept confidently once is kept elsewhere
        best_by_surface: dict[str, float] = {}
        for m in found:
            s = text[m.start : m.end]
            best_by_surface[s] = max(best_by_surface.get(s, -99.0), m.logit)
        cut = self.model.logit_cut
        for m in found:
            top = best_by_surface[text[m.start : m.end]]
            if top > cut + 1.0 and m.logit < top:
                m.logit = max(m.logit, min(top, m.logit + 1.5))
        return [m for m in found if m.logit >= cut]

    def _given(self, text: str, spans, kept: list[_Mention]):
        given = []
        for s, e in spans:
            m = _Mention(s, e, self._lookup_span(text[s:e]))
            m.given = True
            m.logit = 5.0
            if m.hit is not None:
                m.role = m.hit.role
            given.append(m)
        resolvable = [m for m in given if m.hit is not None]
        context = [m for m in kept if not any(m.start < g.end and g.start < m.end for g in given)]
        return given, resolvable, context

    def _mentions(self, text: str, spans=None) -> list[_Mention]:
        kept = self._recognise(text)
        if spans is None:
            self._resolve(text, kept)
            return kept
        given, resolvable, context = self._given(text, spans, kept)
        self._resolve(text, resolvable + context)
        return given

    # ------------------------------------------------- for benchmarks/fit_geoparser.py

    def _training_recognition(self, text: str):
        """(features, start, end) of every gazetteer match, before the recogniser."""
        for m in self._scored(text):
            yield m.feats, m.start, m.end

    def _training_resolution(self, text: str, spans, golds):
        """(candidate features, candidates, gold) per given span, in the first round's
        context (as at inference)."""
        given, _resolvable, context = self._given(text, spans, self._recognise(text))
        mentions = [m for m in given if m.hit is not None]
        golds_by_span = {(g["start"], g["end"]): g for g in golds}
        allm = mentions + context
        choices = []
        for m in allm:
            p = m.hit.places
            rank = self._prior[p] + _QUALITY_BONUS[m.hit.quality]
            choices.append(int(p[int(np.argmax(rank))]))
        ctx = self._context(text, allm, choices)
        for k, m in enumerate(mentions):
            if len(m.hit.places) < 2:
                continue
            X = self._cand_features(text, k, allm, choices, ctx)
            yield X, m.hit.places, golds_by_span[(m.start, m.end)]

    def parse(self, text: str, *, spans=None) -> pd.DataFrame:
        """Place mentions in ``text`` as a DataFrame (see :func:`geoparse`)."""
        if not isinstance(text, str):
            raise InvalidInputError(f"text must be a str, not {type(text).__name__}")
        spans = _check_spans(text, spans)
        return self._frame(text, self._mentions(text, spans))

    def _frame(self, text: str, mentions: list[_Mention]) -> pd.DataFrame:
        import pandas as pd

        global _STR_DTYPE
        if _STR_DTYPE is None:
            _STR_DTYPE = _str_dtype()

        ix = self.index
        rows: dict[str, list] = {c: [] for c in COLUMNS}
        for m in mentions:
            rows["start"].append(m.start)
            rows["end"].append(m.end)
            rows["mention"].append(text[m.start : m.end])
            b = m.choice
            if b < 0:
                for c in ("name", "kind", "country_code", "admin1", "role"):
                    rows[c].append(None)
                for c in ("latitude", "longitude", "confidence"):
                    rows[c].append(math.nan)
                rows["geonameid"].append(None)
                rows["precision"].append(None)
                continue
            rows["name"].append(ix.name(b))
            rows["kind"].append(KINDS[self._kind[b]])
            rows["country_code"].append(ix.strings[int(self._country[b])])
            rows["admin1"].append(ix.strings[int(self._admin1[b])])
            rows["latitude"].append(float(self._lat[b]))
            rows["longitude"].append(float(self._lon[b]))
            gid = int(ix.geonameid[b])
            rows["geonameid"].append(gid if gid >= 0 else None)
            precision = int(_PRECISION_BY_KIND[self._kind[b]])
            before = text[max(0, m.start - 25) : m.start].lower().split()
            if before and (before[-1] in lex.NEAR_WORDS or (
                len(before) >= 2 and before[-1] == "of" and before[-2] in lex.DIRECTIONS
            )):  # fmt: skip
                precision = max(precision, 2)
            rows["precision"].append(precision)
            p_keep = 1.0 / (1.0 + math.exp(-m.logit))
            rows["confidence"].append(round(p_keep * m.share, 4))
            role = m.role
            if (
                role == "place"
                and m.feats.get("next_speech")
                and KINDS[self._kind[b]] in ("country", "city", "admin1")
            ):
                role = "metonym"
            rows["role"].append(role)
        data = {
            "start": np.array(rows["start"], dtype=np.int64),
            "end": np.array(rows["end"], dtype=np.int64),
            "latitude": np.array(rows["latitude"], dtype=np.float64),
            "longitude": np.array(rows["longitude"], dtype=np.float64),
            "geonameid": pd.array(rows["geonameid"], dtype="Int64"),
            "precision": pd.array(rows["precision"], dtype="Int64"),
            "confidence": np.array(rows["confidence"], dtype=np.float64),
        }
        for c in ("mention", "name", "kind", "country_code", "admin1", "role"):
            data[c] = rows[c]
        frame = pd.DataFrame(data, columns=list(COLUMNS))
        strings = [c for c in _STRING_COLUMNS if frame[c].dtype != _STR_DTYPE]
        if strings:
            frame = frame.astype({c: "str" for c in strings})
        return frame


def _str_dtype():
    import pandas as pd

    return pd.Series(["x"], dtype="str").dtype


_STR_DTYPE = None


def _resolver_weights() -> np.ndarray:
    data = json.loads(
        resources.files("geoevents").joinpath("data", "resolver.json").read_text("utf-8")
    )
    return np.array([float(data["weights"].get(f, 0.0)) for f in RESOLVER_FEATURES])


def _min_dist_km(lat, lon, lat2, lon2) -> np.ndarray:
    """For each (lat, lon), the distance to the nearest of (lat2, lon2), in km."""
    la1 = np.radians(lat)[:, None]
    lo1 = np.radians(lon)[:, None]
    la2 = np.radians(lat2)[None, :]
    lo2 = np.radians(lon2)[None, :]
    h = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    d = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
    return d.min(axis=1)


def _check_spans(text: str, spans) -> list[tuple[int, int]] | None:
    if spans is None:
        return None
    try:
        items = list(spans)
    except TypeError:
        raise InvalidInputError(
            f"spans must be a list of (start, end) pairs, not {spans!r}"
        ) from None
    out = []
    for n, span in enumerate(items):
        try:
            s, e = span
        except (TypeError, ValueError):
            raise InvalidInputError(f"span {n} {span!r} is not a (start, end) pair") from None
        if not all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in (s, e)):
            raise InvalidInputError(f"span {n} {span!r}: start and end must be integers")
        s, e = int(s), int(e)
        if not 0 <= s < e <= len(text):
            raise InvalidInputError(
                f"span {n} ({s}, {e}) is out of range for a text of {len(text)} characters "
                "or has start >= end"
            )
        out.append((s, e))
    for (s0, e0), (s1, e1) in itertools.pairwise(sorted(out)):
        if s1 < e0:
            raise InvalidInputError(f"spans ({s0}, {e0}) and ({s1}, {e1}) overlap")
    return out


_default_parser: Geoparser | None = None


def geoparse(text: str, *, spans=None) -> pd.DataFrame:
    """Find the places ``text`` names and resolve each one, offline.

    Parameters
    ----------
    text : str
        English news text (place names in any script inside it are fine).
    spans : list of (start, end), optional
        Resolve exactly these character spans instead of finding mentions: one
        row each, in the given order, NaN coordinates where no place matches.

    Returns
    -------
    pandas.DataFrame
        One row per place mention in text order: start, end, mention, name, kind,
        country_code, admin1, latitude, longitude, geonameid, precision (1 the
        place itself, 2 near it or part of it, 3 a region), confidence (0-1) and
        role: ``place``, ``adjectival`` ("Ukrainian forces") or ``metonym``
        ("Moscow said"). Empty, with every column, when there is none.

    Examples
    --------
    >>> df = geoparse("Russian forces shelled Kharkiv overnight, officials in Kyiv said.")
    >>> df[["mention", "name", "role"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['Russian', 'Russia', 'adjectival'], ['Kharkiv', 'Kharkiv', 'place'],
     ['Kyiv', 'Kyiv', 'metonym']]
    >>> geoparse("Paris, Texas", spans=[(0, 5)])["admin1"].tolist()
    ['Texas']
    """
    global _default_parser
    if _default_parser is None:
        _default_parser = Geoparser()
    return _default_parser.parse(text, spans=spans)
