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
places, population, kind and name quality. A span the caller gives whose readings
all lie far from the text's other places may be a place the gazetteer lacks: it is
then placed among them (``kind="unknown"``, precision 3).
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
import statistics
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from . import _lexicon as lex
from ._errors import InvalidInputError
from ._gazetteer import keys as _text
from ._gazetteer.gazetteer import QUALITY_BONUS, Gazetteer
from ._gazetteer.sources import KINDS, Q_CURATED, Q_WEAK

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["COLUMNS", "BatchPrior", "Geoparser", "Mention", "geoparse"]

COLUMNS = (
    "start", "end", "mention", "name", "kind", "country_code", "admin1", "latitude",
    "longitude", "geonameid", "precision", "confidence", "role",
)  # fmt: skip

_K = {k: i for i, k in enumerate(KINDS)}
_PRECISION_BY_KIND = np.array(
    [{"city": 1, "facility": 1, "natural": 2, "admin3": 2, "admin2": 2}.get(k, 3) for k in KINDS]
)
_MAX_TOKENS = 6
_RIVAL_SHARE = 0.15  # an alternative this likely counts as plausible
_CONTEXT_CHARS = 30_000  # resolution context of a long text: sections of this size
_SECTION_CHARS = 200_000  # a longer text is parsed in sections of about this size
_ROUNDS = 2
_STRING_COLUMNS = ("mention", "name", "kind", "country_code", "admin1", "role")
_METONYM_KINDS = frozenset(("country", "city", "admin1"))
_LOCATIVE_FEATURES = frozenset(("prev_spatial", "prev_place_of", "next_place_noun"))
_PAREN_QUALIFIER = re.compile(r"[A-Za-z’']\s*[(,]\s*$")  # "Pryvillia (Luhansk)", "X, Kherson"
_PART_OF_NAME = frozenset(("run_after", "run_before", "after_first_name", "run_after_org"))
_NAME_INSIDE = frozenset(("run_before", "after_first_name"))  # a name ends with it
_ADMIN_KIND_IDS = [KINDS.index(k) for k in ("admin1", "admin2", "admin3")]
_LISTED_TYPE_WORD = re.compile(
    r"\s+(?:and|or)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+(regions|oblasts|provinces|districts)\b"
)
_TYPE_WORD_KINDS = {
    **{w: _ADMIN_KIND_IDS for w in (
        "region", "oblast", "province", "district", "county", "raion", "rayon", "governorate",
        "prefecture", "state", "krai", "municipality", "regions", "oblasts", "provinces",
        "republic")},
    **{w: [KINDS.index("city")] for w in ("city", "town", "village", "settlement")},
}  # fmt: skip
RESOLVER_FEATURES = (
    "prior", "quality", "kind_country", "kind_admin1", "kind_admin2", "kind_city",
    "kind_region", "kind_continent", "ctx_country", "ctx_admin1", "qual_country",
    "qual_admin1", "log_dist", "log_candidates", "has_dist", "same_as_other",
    "q_primary", "q_curated", "q_alias", "q_alternate", "q_script", "q_weak",
    "log_dist_area",
)  # fmt: skip
# name quality -> feature column; both kinds of curated names (aliases.csv and the
# aliases of curated places) share one weight: each is a deliberate statement
_QUALITY_COLUMN = np.array([16, 18, 18, 19, 20, 21])
_POINT_LIKE = np.array([k in ("city", "facility", "natural", "admin2", "admin3") for k in KINDS])
_KIND_COLUMNS = (
    (2, "country"), (3, "admin1"), (4, "admin2"), (5, "city"), (6, "region"), (7, "continent"),
)  # fmt: skip
_CACHE_LIMIT = 200_000
# A place the gazetteer lacks (a hamlet under 500 people, a township) is often named
# among places it has ("a village in Craven district, near Skipton and Settle"). When
# its readings lie far from the main cluster of the text's other places, a small
# logistic gate (fitted by benchmarks/fit_geoparser.py) decides whether the cluster
# says more about where it is than the gazetteer does.
STAND_IN_FEATURES = (
    "log_dist_center", "share", "partial", "qualified", "prior", "log_cluster",
    "log_context", "cluster_share", "fuzzy",
)  # fmt: skip
_CLUSTER_KIND = np.array(
    [k in ("admin2", "admin3", "region", "city", "facility", "natural") for k in KINDS]
)


def _upper_class() -> str:
    chars = [chr(c) for c in range(0x41, 0x0530) if chr(c).isupper() or chr(c).istitle()]
    chars += [chr(c) for c in range(0x1E00, 0x1F00) if chr(c).isupper()]
    return "".join(re.escape(c) for c in chars)


_U = _upper_class()
_CONNECTORS = (
    "of|de|del|della|di|da|do|dos|das|du|des|la|le|les|el|al|am|upon|sur|van|von|der|den|y|and the"
)
# "St. Louis", "Mt. Vernon", "Ft. Worth": an abbreviated first word keeps its dot;
# "U.S.", "N.H.", "W.Va.": dotted initials are one word.
# Every alternative starts with the one capital letter, which keeps the scan fast.
_ABBREVIATED_START = re.compile(r"(St|Ste|Mt|Ft|Pt)\.?[ \t\u00a0]+(?=\S)", re.IGNORECASE)
_EXPANSIONS = {"st": "Saint ", "ste": "Sainte ", "mt": "Mount ", "ft": "Fort ", "pt": "Point "}
_WORD = (
    rf"(?:[{_U}](?:(?<=[SMFP])(?:t|T|te|TE)\.(?=[ \t\u00a0]+[A-Z])"
    rf"|[a-z]?\.(?:[{_U}][a-z]?\.)+|(?:\w|['’\-](?=\w))*))"
)
# between the words of a name: spaces, connectors ("Sea of Azov", "Rio de Janeiro"),
# or an elided article ("Côte d'Ivoire", "Val d'Isère")
_SEP = (
    rf"(?:[ \t\u00a0]+(?:(?:{_CONNECTORS})[ \t\u00a0]+){{0,2}}"
    rf"|[ \t\u00a0]+[dl]['’](?=[{_U}]))"
)
_RUN = re.compile(rf"{_WORD}(?:{_SEP}{_WORD})*")
_TOKEN = re.compile(_WORD)
# capitalised words that open a sentence without belonging to a name after them
_LEADING_WORDS = lex.words(
    "In At On From Near Outside Inside Into Across Around Toward Towards Throughout After "
    "Before During Since Until While When Where If But And Or So As By For To With Without "
    "Meanwhile Also Elsewhere Later Earlier Yesterday Today Overnight Residents Officials "
    "Although Because However Still Even Then Now Amid Despite Over Under Along Beyond "
    "Within Via Among Following"
)
_ARTICLES = frozenset(("The", "A", "An", "THE"))
_STATE_CODE_AFTER = re.compile(r",[ \t]*([A-Z]{2})(?!\w)")  # "Springfield, IL", "... ID."
_TOWN_COMMA_BEFORE = re.compile(r"[A-Z][\w'’.-]*[a-z.],[ \t]*$")  # "Springfield, " before "IL"
_NEXT_WORD = re.compile(r"[ \t\u00a0]*([,.;:!?)”\"]?)[ \t\u00a0]*([\w’'\-]*)")
_POSSESSIVE = ("'s", "’s", "'", "’")
_LIST_GAP = re.compile(r"\)?\s*(?:,|and|or|&|, and|, or|/)\s*")
# "X, Texas" / "X (Ukraine)" / "X village, Donetsk Oblast"
_QUALIFIER_TAIL = re.compile(
    r"\s*(?:village|town|city|settlement)?\s*[,(]\s*#?((?:[A-Z][\w’'\-.]*\s?){1,3}"
    r"(?:oblast|region|province|district|raion|governorate|county)?)"
)
# a definition: "X is a town in Grafton County, New Hampshire, United States", "X is a
# municipality in the Honduran department of Lempira"
_DEFINED_IN = re.compile(
    r"\s+(?:is|was)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?(?:in|of)\s+(?:the\s+)?"
    r"(?:[a-z][\w-]*\s+){0,3}?(?:of\s+)?((?:[A-Z][\w'’.-]*\s?)+(?:,\s*(?:[A-Z][\w'’.-]*\s?)+){0,2})"
)
# a news dateline after a place: "WASHINGTON (AP) —", "KYIV, Ukraine, April 5 (Reuters) -",
# "ST. LOUIS –"
_DATELINE_TAIL = re.compile(
    r"(?:,[ \t]*[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,2})?"
    r"(?:,?[ \t]*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}"
    r"(?:,[ \t]*\d{4})?)?"
    r"(?:[ \t]*(?P<agency>\((?:[A-Z][\w&.]*[ \t]?){1,4}\)))?"
    r"(?:[ \t]*(?P<dash>[—–])|[ \t]+(?P<hyphen>--?)(?=[ \t])|[ \t]*(?P<colon>:))?"
    r"(?<=[)—–\-:])"  # it ends with the agency or the dash: what comes before must lead there
)
# "Kaohsiung is a county in southern Taiwan", "Esperance was a small port"
_IS_A_PLACE = re.compile(
    r"[ \t]+(?:is|was)[ \t]+(?:a|an|the)[ \t]+(?:[a-z][\w-]*[ \t]+){0,3}?"
    rf"(?:{lex.words_pattern(lex.PLACE_NOUNS | lex.SETTLEMENT_WORDS)})\b"
)
# "Kenya's overcrowded Dadaab camps", "China's Hubei province": a place's possession
_POSSESSOR_BEFORE = re.compile(
    r"\b([A-Z][\w’'-]+(?:[ \t][A-Z][\w’'-]+)?)['’]s[ \t]+(?:[a-z][\w-]*[ \t]+){0,2}$"
)
_POSSESSOR_KINDS = frozenset(KINDS.index(k) for k in ("country", "continent", "admin1"))
_LIST_LIKELY = 0.0  # recogniser logit of "a likely place" for list neighbours
_LIST_AFTER = re.compile(r"\s*(?:,|\band\b|\bor\b|&)")
_PLACE_OF_WORDS = lex.PLACE_OF_WORDS
_PUNCT = "\"'“”‘’()[]{}:;,.!?—–-"
_SENTENCE_END = '.!?\n\r"“”‘:;•|'


@dataclass(slots=True)
class BatchPrior:
    """What the reports read so far in one batch were about: weights by country code and
    by first-level division name, which ambiguous names in later reports lean towards
    ("Pavlivka" in a set of reports from Donetsk Oblast). The events stage keeps one per
    block of reports and passes it to :meth:`Geoparser.mentions`."""

    countries: dict[str, float] = field(default_factory=dict)
    admin1: dict[str, float] = field(default_factory=dict)


class Mention(NamedTuple):
    """One row of the mention table (see :meth:`Geoparser.mentions`).

    ``start``/``end`` are offsets into the text and ``mention`` the text there;
    ``role`` is ``place``, ``adjectival`` ("Ukrainian forces") or ``metonym`` ("Moscow
    said"). ``place_id`` is the chosen gazetteer place (``Gazetteer.place(place_id)``),
    -1 when none was chosen or when the row stands for a place the gazetteer lacks
    (``kind="unknown"``); ``name`` to ``geonameid`` describe it. ``precision`` is 1 for
    the place itself, 2 near it or part of it, 3 a region. ``confidence`` (0-1) is how
    sure the recogniser is that this is a place times ``share``, the resolver's
    probability for the chosen place among ``candidates`` (the place ids it weighed);
    ``spread_km`` is how far the plausible alternatives lie from it. ``partial``: the
    gazetteer matched only part of a longer name ("Novoselivka" of "Novoselivka
    Druha"), or a qualifier named a region the place is not in; ``qualified``: a
    qualifier ("X, Texas") was read.
    """

    start: int
    end: int
    mention: str
    role: str | None
    place_id: int
    name: str | None
    kind: str | None
    country_code: str | None
    admin1: str | None
    latitude: float
    longitude: float
    geonameid: int | None
    precision: int | None
    confidence: float
    candidates: np.ndarray
    share: float
    spread_km: float
    partial: bool
    qualified: bool


@dataclass(slots=True)
class _Hit:
    places: np.ndarray
    quality: np.ndarray
    tier: int  # 0 exact, 1 folded, 2 adjective, 3 fuzzy
    role: str
    feats: dict | None = None
    static: np.ndarray | None = None
    initial: int = -1  # the place chosen before context is weighed


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
    speech: bool = False
    partial: bool = False
    spread_km: float = 0.0  # distance to the farthest plausible alternative place
    qualified: bool = False  # "X, Texas", "X is a town in Y County"
    # a place the gazetteer lacks, placed among the others: (lat, lon, anchor, p)
    stand_in: tuple[float, float, int, float] | None = None


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
        self.index = self.gazetteer.index
        self.model = model or _Model.default()
        self.resolver = _resolver_weights()
        self.stand_in = _StandInGate.default()
        self._cache: dict[str, _Hit | None] = {}
        self._admin1_cache: dict[tuple[str, int], int] = {}
        ix = self.index
        self._kind = np.asarray(ix.kind)
        self._prior = np.asarray(ix.prior, dtype=np.float64)
        self._country = np.asarray(ix.country)
        self._admin1 = np.asarray(ix.admin1)
        self._lat = np.asarray(ix.latitude)
        self._lon = np.asarray(ix.longitude)
        self._pop = np.asarray(ix.population)
        self._prefixes: set[int] | None = None
        # pay one-time costs here, not on the first report: word lists, the prefix
        # set, and the hash tables read into memory
        lex.first_name_share("x")
        lex.surname_share("x")
        lex.is_common_word("x")
        self._check_start("A B")
        self.index.load_tables()
        self._may_start: dict[str, bool] = {}
        self._place_rows: dict[int, tuple] = {}
        self._us: int | None = None

    # ------------------------------------------------------------ gazetteer hits

    def _may_start_name(self, two_words: str) -> bool:
        """Whether a known multi-word name starts with these two capitalised words."""
        known = self._may_start.get(two_words)
        if known is None:
            known = self._may_start[two_words] = self._check_start(two_words)
            if len(self._may_start) > _CACHE_LIMIT:
                self._may_start.clear()
        return known

    def _exact_prefix(self, two_words: str) -> bool:
        """Whether a gazetteer name starts with exactly these two words ("The Hague",
        "A Coruña"), articles included."""
        self._check_start("A B")  # builds the prefix set
        return _text.key_hash(_text.exact_key(two_words)) in self._prefixes

    def _check_start(self, two_words: str) -> bool:
        for suffix in _POSSESSIVE:
            if two_words.endswith(suffix):
                two_words = two_words[: -len(suffix)]
                break
        prefixes = self._prefixes
        if prefixes is None:
            prefixes = set(self.index.exact_prefix2.tolist())
            for key in self.index.exact.overlay:
                if " " in key:
                    prefixes.add(_text.key_hash(" ".join(key.split()[:2])))
            self._prefixes = prefixes
        words = _text.exact_key(two_words).split()
        if len(words) < 2:
            return False
        if words[0] == "the" or words[1] in _text.PLACE_TYPE_WORDS:
            return True  # folded keys drop these words: "the Donetsk region"
        return _text.key_hash(f"{words[0]} {words[1]}") in prefixes

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
        if hit is not None and len(surface) <= 4 and not surface.isupper():
            # "Are", "Sen.", "Car": a code (ARE, SEN, CAR) is written in capitals
            strong = hit.quality != Q_WEAK
            if not strong.all():
                hit = _Hit(hit.places[strong], hit.quality[strong], hit.tier, hit.role) if (
                    strong.any()) else None  # fmt: skip
        abbreviation = _ABBREVIATED_START.match(surface)
        if abbreviation is not None and (hit is None or hit.role == "place"):
            # "Mt. Vernon, Ohio": GeoNames gives "Mt. Vernon" to one Mount Vernon only
            full = _EXPANSIONS[abbreviation.group(1).lower()] + surface[abbreviation.end() :]
            other = self._lookup(full)
            if other is not None and other.role == "place":
                if hit is None:
                    hit = other
                else:
                    new = ~np.isin(other.places, hit.places)
                    hit = _Hit(np.concatenate([hit.places, other.places[new]]),
                               np.concatenate([hit.quality, other.quality[new]]),
                               hit.tier, "place")  # fmt: skip
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[surface] = hit
        return hit

    def _lookup_span(self, surface: str) -> _Hit | None:
        """A given span: exact, adjective, folded, then fuzzy."""
        hit = self._lookup(surface)
        if hit is not None:
            return hit
        places = np.sort(self.gazetteer.place_ids(surface)).astype(np.int32)
        if not len(places):
            return None
        quality = np.full(len(places), 3, dtype=np.uint8)
        return _Hit(places, quality, 3, "place")

    # -------------------------------------------------------------- recognition

    def _candidates(self, text: str) -> list[_Mention]:
        """Longest gazetteer names inside each run of capitalised words, left to right."""
        out: list[_Mention] = []
        stop = lex.CAPITALISED_NOT_PLACES
        lookup = self._lookup
        for run in _RUN.finditer(text):
            rs, re_ = run.span()
            if " " not in run.group() and "\u00a0" not in run.group() and "\t" not in run.group():
                tokens = [(rs, re_)]  # one word: the common case
            else:
                tokens = [t.span() for t in _TOKEN.finditer(text, rs, re_)]
                # "In Frankfurt, ...", "The Hague": a sentence's first word is capitalised
                # for the sentence, not for the name, unless the name holds it
                while len(tokens) > 1 and text[tokens[0][0] : tokens[0][1]] in _LEADING_WORDS:
                    tokens.pop(0)
                # "A McCracken County deputy", "The Jefferson County sheriff": an article
                # opens the sentence, not the name, unless a name starts with it (The Hague)
                if (
                    len(tokens) > 1
                    and text[tokens[0][0] : tokens[0][1]] in _ARTICLES
                    and not self._exact_prefix(text[tokens[0][0] : tokens[1][1]])
                ):
                    tokens.pop(0)
                # "Shelled Lysychansk", "Destroyed Russian tanks": a title's first word,
                # unless a known name starts with it ("New York", "Great Britain")
                before = text[max(0, rs - 40) : rs].rstrip()
                if (
                    len(tokens) > 1
                    and (not before or before[-1] in _SENTENCE_END or before[-1].isdigit())
                    and tokens[0][0] == rs
                    and lex.is_common_word(text[tokens[0][0] : tokens[0][1]])
                    and not self._may_start_name(text[tokens[0][0] : tokens[1][1]])
                ):
                    tokens.pop(0)
                rs = tokens[0][0]
            n = len(tokens)
            i = 0
            while i < n:
                top = min(n, i + _MAX_TOKENS) - 1
                if top > i and not self._may_start_name(text[tokens[i][0] : tokens[i + 1][1]]):
                    top = i
                for j in range(top, i - 1, -1):
                    s, e = tokens[i][0], tokens[j][1]
                    surface = text[s:e]
                    last = surface[-1]
                    if last in "s'’" and len(surface) > 3:
                        for suffix in _POSSESSIVE:
                            if surface.endswith(suffix):
                                surface = surface[: -len(suffix)]
                                e -= len(suffix)
                                break
                    if surface in stop if j == i else surface in lex.NOT_PLACE_PHRASES:
                        continue
                    hit = None
                    if j == i and e < len(text) and text[e] == "." and len(surface) <= 5:
                        hit = lookup(surface + ".")  # "Calif.", "Ky."
                        if hit is not None and hit.tier == 0:
                            e += 1
                        else:
                            hit = None
                    if hit is None:
                        hit = lookup(surface)
                    if (
                        j == i
                        and surface in lex.US_STATE_CODES
                        and _TOWN_COMMA_BEFORE.search(text, max(0, s - 40), s)
                    ):
                        hit = self._state_hit(surface) or hit  # "Portland, ME": Maine
                    if hit is None and j == i and "-" in surface:
                        # "Kyiv-based", "Russian-backed": the part before the hyphen
                        head = surface.split("-", 1)[0]
                        if head not in stop and surface not in lex.NOT_PLACE_PHRASES:
                            hit = lookup(head)
                            if hit is not None:
                                e = s + len(head)
                    if hit is None:
                        continue
                    m = _Mention(s, e, hit)
                    m.feats = {"_before": i, "_after": n - 1 - j, "_tokens": j - i + 1,
                               "_run": (rs, re_, tokens, i, j)}  # fmt: skip
                    out.append(m)
                    i = j
                    break
                i += 1
        return out

    def _hit_features(self, hit: _Hit) -> dict[str, float]:
        """Features of a gazetteer hit itself (cached with the hit, per name)."""
        if hit.feats is None:
            places = hit.places
            rank = self._prior[places] - 0.2 * hit.quality
            best = int(places[int(np.argmax(rank))])
            f = {
                f"kind_{KINDS[self._kind[best]]}": 1.0,
                "prior": float(self._prior[best]),
                "log_candidates": math.log10(len(places)),
                f"quality_{int(hit.quality.min())}": 1.0,
            }
            if hit.role == "adjectival":
                f["adjectival"] = 1.0
            if hit.tier == 1:
                f["folded"] = 1.0
            hit.feats = f
        return hit.feats

    def _features(self, text: str, m: _Mention) -> None:
        hit = m.hit
        surface = text[m.start : m.end]
        f = dict(self._hit_features(hit))
        raw = m.feats
        _run_start, _run_end, tokens, i, j = raw["_run"]
        f["tokens"] = float(raw["_tokens"])
        if surface.isupper() and len(surface) > 1:
            f["all_caps"] = 1.0
            if len(surface.replace(".", "")) <= 3:
                f["short_caps"] = 1.0
        # before the mention
        before = text[max(0, m.start - 40) : m.start]
        stripped = before.rstrip(" \t\u00a0")
        sentence_start = not stripped or stripped[-1] in _SENTENCE_END
        words = stripped.rsplit(None, 2)
        while words and not words[-1].strip(_PUNCT):
            words.pop()  # "in (Kyiv": the word before the bracket
        if words and words[-1].lower() in lex.PLACE_ADJECTIVES:
            # "in north west London", "in eastern Ukraine": the preposition before them
            words = stripped.rsplit(None, 4)
            while len(words) > 2 and words[-1].lower() in lex.PLACE_ADJECTIVES:
                words.pop()
        prev = words[-1].strip(_PUNCT).lower() if words else ""
        if sentence_start and raw["_before"] == 0:
            f["sentence_start"] = 1.0
        elif prev in lex.SPATIAL_PREPOSITIONS and raw["_before"] == 0:
            f["prev_spatial"] = 1.0
        elif raw["_before"] == 0 and ("'" in before or "’" in before):
            pm = _POSSESSOR_BEFORE.search(before)
            if pm is not None:
                owner = self._lookup(pm.group(1))
                if (
                    owner is not None
                    and owner.role == "place"
                    and _POSSESSOR_KINDS.intersection(self._kind[owner.places].tolist())
                ):
                    f["prev_spatial"] = 1.0  # "Kenya's Dadaab camps": in Kenya
        if prev in lex.PERSON_TITLES:
            f["prev_title"] = 1.0
        if stripped.endswith(("the", "The")):
            f["prev_the"] = 1.0
        if (
            raw["_before"] == 0
            and prev == "of"
            and len(words) >= 2
            and words[-2].strip(_PUNCT).lower() in _PLACE_OF_WORDS
        ):
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
            if low in lex.SPEECH_VERBS and "prev_spatial" not in f:
                # "Moscow said"; but "officials in Gaza said" speak from a place
                f["next_speech"] = 1.0
                if f.get("kind_country") or f["prior"] >= 6.0:
                    f["speech_major"] = 1.0  # "Moscow denied": a metonym, still a place
            elif hit.role == "adjectival" and low in lex.FORCE_NOUNS:
                f["adjective_force"] = 1.0  # "Ukrainian troops"
            elif low in lex.PLACE_NOUNS:
                f["next_place_noun"] = 1.0
            elif low in lex.ORG_WORDS:
                f["next_org"] = 1.0
            else:  # "the Azovstal steel plant", "Mykolaiv's nuclear power plant"
                nm2 = _NEXT_WORD.match(text, nm.end(), min(len(text), nm.end() + 30))
                if nm2 and not nm2.group(1) and nm2.group(2).lower() in lex.PLACE_NOUNS:
                    f["next_place_noun"] = 1.0
        elif punct == "," and nxt[:1].isupper():
            f["comma_capital"] = 1.0
        if raw["_tokens"] == 1:
            if lex.first_name_share(surface) > 0.0005:
                f["first_name"] = 1.0
            if lex.surname_share(surface) > 0.00005:
                f["surname"] = 1.0
            if not f.get("all_caps") and lex.is_common_word(surface):
                f["common_word"] = 1.0
        if low in ("is", "was") and _IS_A_PLACE.match(text, m.end, min(len(text), m.end + 60)):
            f["next_place_noun"] = 1.0  # "Kaohsiung is a county in southern Taiwan"
        if low in lex.NOT_PLACE_NEXT:
            f["next_not_place"] = 1.0
        if text.startswith("$", m.end):
            f["currency"] = 1.0
        caps = "all_caps" in f and "short_caps" not in f
        if _is_dateline(text, m, before, caps):
            f["dateline"] = 1.0
        m.feats = f
        m.role = hit.role

    # --------------------------------------------------------------- resolution

    def _context(self, mentions: list[_Mention], choices: list[int], keys: list[str],
                 prior: BatchPrior | None = None):  # fmt: skip
        """What the document says about where it is, as seen by each distinct name.

        Returns a function ``view(key)`` giving, for the mentions of one name, the
        context of every *other* name: weights by country and by first-level
        division (sorted id arrays + weights), the points of the point-like places
        chosen for them, and the set of places chosen for them.
        """
        kind = self._kind
        contrib: dict[str, list[tuple[int, float, int, float, int]]] = {}
        for m, b, key in zip(mentions, choices, keys, strict=True):
            if b < 0:
                continue
            weight = 1.0 if (m.logit > 1.0 or m.given) else 0.5
            k = kind[b]
            cw = weight if k == _K["country"] else 0.3 * weight
            a = -1
            aw = 0.0
            if k in (_K["admin1"], _K["admin2"], _K["city"]):
                a = int(self._admin1[b])
                aw = (1.0 if k == _K["admin1"] else 0.3) * weight
            contrib.setdefault(key, []).append((int(self._country[b]), cw, a, aw, b))
        views: dict[str, tuple] = {}

        def view(key: str):
            if key in views:
                return views[key]
            if not any(other != key for other in contrib):
                if "" not in views:  # nothing else named: only what the batch is about
                    views[""] = (
                        dict(prior.countries) if prior else {},
                        dict(prior.admin1) if prior else {},
                        _EMPTY_IDS, _EMPTY_F, _EMPTY_F,
                    )  # fmt: skip
                views[key] = views[""]
                return views[key]
            countries: dict[int, float] = dict(prior.countries) if prior else {}
            admin1: dict[int, float] = dict(prior.admin1) if prior else {}
            taken: set[int] = set()
            for other, items in contrib.items():
                if other == key:
                    continue
                for c, cw, a, aw, b in items:
                    countries[c] = countries.get(c, 0.0) + cw
                    if a >= 0:
                        admin1[a] = admin1.get(a, 0.0) + aw
                    taken.add(b)
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

    def _cand_features(self, m: _Mention, ctx_view, qual) -> np.ndarray:
        """Feature matrix (candidates x RESOLVER_FEATURES) of one mention."""
        p = m.hit.places
        n = len(p)
        countries, admin1, taken, olat, olon = ctx_view
        X = np.zeros((n, len(RESOLVER_FEATURES)))
        X[:, 0] = self._prior[p]
        kinds = self._kind[p]
        for col, kname in _KIND_COLUMNS:
            X[:, col] = kinds == _K[kname]
        cc = self._country[p]
        X[:, 8] = _log1p_values(countries, cc)
        a1 = self._admin1[p]
        X[:, 9] = _log1p_values(admin1, a1)
        if qual is not None:
            qc, qa = qual
            X[:, 10] = cc == qc
            if qa >= 0:
                X[:, 11] = a1 == qa
        if len(taken):
            pos = np.minimum(np.searchsorted(taken, p), len(taken) - 1)
            X[:, 15] = taken[pos] == p
        # distance to the other places named, for point-like candidates and
        # point-like others only: a country's or region's point says little
        pointlike = _POINT_LIKE[kinds]
        if len(olat):
            d = np.log10(1.0 + _min_dist_km(self._lat[p], self._lon[p], olat, olon) / 10.0)
            X[:, 12] = np.where(pointlike, d, 0.0)
            X[:, 14] = pointlike
            X[:, 22] = np.where(pointlike, 0.0, d)
        X[:, 13] = math.log10(n)
        X[np.arange(n), _QUALITY_COLUMN[m.hit.quality]] = 1.0
        return X

    def _static_score(self, hit: _Hit) -> np.ndarray:
        """The part of each candidate's score that does not depend on the document."""
        if hit.static is None:
            p = hit.places
            n = len(p)
            X = np.zeros((n, len(RESOLVER_FEATURES)))
            X[:, 0] = self._prior[p]
            kinds = self._kind[p]
            for col, kname in _KIND_COLUMNS:
                X[:, col] = kinds == _K[kname]
            X[:, 13] = math.log10(n)
            X[np.arange(n), _QUALITY_COLUMN[hit.quality]] = 1.0
            hit.static = X @ self.resolver
        return hit.static

    def _score(self, m: _Mention, ctx_view, qual) -> np.ndarray:
        """Candidate scores of a mention: the same as ``_cand_features(...) @ weights``."""
        w = self.resolver
        p = m.hit.places
        countries, admin1, taken, olat, olon = ctx_view
        score = self._static_score(m.hit).copy()
        cc = self._country[p]
        if countries:
            score += w[8] * _log1p_values(countries, cc)
        a1 = self._admin1[p]
        if admin1:
            score += w[9] * _log1p_values(admin1, a1)
        if qual is not None:
            qc, qa = qual
            score += w[10] * (cc == qc)
            if qa >= 0:
                score += w[11] * (a1 == qa)
        if len(taken):
            pos = np.minimum(np.searchsorted(taken, p), len(taken) - 1)
            score += w[15] * (taken[pos] == p)
        if len(olat):
            pointlike = _POINT_LIKE[self._kind[p]]
            d = np.log10(1.0 + _min_dist_km(self._lat[p], self._lon[p], olat, olon) / 10.0)
            score += np.where(pointlike, w[12] * d + w[14], w[22] * d)
        return score

    def _initial_choices(self, mentions: list[_Mention]) -> list[int]:
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

    def _resolve(self, text: str, mentions: list[_Mention], prior=None) -> None:
        """Choose a place for each mention. ``prior``: extra weight by country id
        (the countries of other reports in the same batch)."""
        if not mentions:
            return
        for m in mentions:
            self._apply_type_word(text, m)
            if text.startswith(",", m.end):
                self._apply_state_code(text, m)
        keys = [_text.exact_key(text[m.start : m.end]) for m in mentions]
        # an adjective ("Russian") has no qualifier: "Russian (Ukraine)" does not occur
        quals = [None if m.hit.role == "adjectival" else self._qualifier(text, m)
                 for m in mentions]  # fmt: skip
        choices = self._initial_choices(mentions)
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
                    best = int(np.argmax(score))
                    prob = np.exp(score - score[best])
                    prob /= prob.sum()
                    # how far the plausible alternatives lie: an honest precision needs it
                    spread = 0.0
                    rivals = (
                        np.flatnonzero(prob >= _RIVAL_SHARE)
                        if prob[best] < 1.0 - _RIVAL_SHARE
                        else ()
                    )
                    if len(rivals) > 1:
                        rp, b = p[rivals], p[[best]]
                        spread = float(
                            _min_dist_km(
                                self._lat[rp], self._lon[rp], self._lat[b], self._lon[b]
                            ).max()
                        )
                    done[memo] = (int(p[best]), float(prob[best]), spread)
                choice, m.share, m.spread_km = done[memo]
                new.append(choice)
            if new == choices or len(set(keys)) == 1:
                break  # the context did not move (or there is none): a round changes nothing
            choices = new
        for m, b, qual in zip(mentions, choices, quals, strict=True):
            m.choice = b
            m.qualified = qual is not None
            if qual is not None and (
                int(self._country[b]) != qual[0]
                or (qual[1] >= 0 and int(self._admin1[b]) != qual[1])
            ):
                m.partial = True  # "Kyrylivka, Donetsk region" but no Kyrylivka there: unknown

    def _us_state(self, code: str) -> int:
        """The US state a postal code names ("IL" → Illinois), or -1: for a code that
        names none, or a gazetteer without the US (cached by :meth:`_admin1_named`)."""
        state = lex.US_STATE_CODES.get(code)
        if state is None:
            return -1
        if self._us is None:
            strings = self.index.strings
            self._us = strings.index("US") if "US" in strings else -1
        return self._admin1_named(state, self._us) if self._us >= 0 else -1

    def _state_hit(self, code: str) -> _Hit | None:
        """The US state a postal code names, as a curated-quality hit."""
        region = self._us_state(code)
        if region < 0:
            return None
        return _Hit(np.array([region], dtype=np.int64), np.array([Q_CURATED], dtype=np.uint8),
                    0, "place")  # fmt: skip

    def _apply_state_code(self, text: str, m: _Mention) -> None:
        """ "Springfield, IL", "Paris, TX": keep the candidates in that US state."""
        cm = _STATE_CODE_AFTER.match(text, m.end, min(len(text), m.end + 8))
        region = -1 if cm is None else self._us_state(cm.group(1))
        if region < 0:
            return
        p = m.hit.places
        keep = (self._country[p] == self._country[region]) & (
            self._admin1[p] == self._admin1[region]
        )
        if keep.any() and not keep.all():
            m.hit = _Hit(p[keep], m.hit.quality[keep], m.hit.tier, m.hit.role)

    def _apply_type_word(self, text: str, m: _Mention) -> None:
        """ "the Zaporizhzhia region", "Kherson city": keep the candidates of that kind."""
        nm = _NEXT_WORD.match(text, m.end, min(len(text), m.end + 30))
        if not nm or nm.group(1):
            return
        word = nm.group(2).lower()
        if word in ("and", "or"):  # "the Belgorod and Kursk regions": the word serves both
            lm = _LISTED_TYPE_WORD.match(text, m.end, min(len(text), m.end + 60))
            word = lm.group(1).lower() if lm else word
        kinds = _TYPE_WORD_KINDS.get(word)
        if kinds is None:
            return
        places = m.hit.places
        if self._kind[places[int(np.argmax(self._prior[places]))]] == _K["country"]:
            return  # "a frontline Ukraine village": a village in that country
        keep = np.isin(self._kind[places], kinds)
        if keep.any() and not keep.all():
            hit = m.hit
            m.hit = _Hit(hit.places[keep], hit.quality[keep], hit.tier, hit.role)
        elif not keep.any() and word.rstrip("s") in ("region", "oblast", "province"):
            # "the Kursk region" when the name alone finds only the city: the region's
            # own name ("Kursk Oblast") is found with its type word
            region = self._lookup(f"{text[m.start : m.end]} {word.rstrip('s')}")
            if region is not None:
                inside = np.isin(self._kind[region.places], kinds)
                if inside.any():
                    m.hit = _Hit(region.places[inside], region.quality[inside], region.tier,
                                 m.hit.role)  # fmt: skip

    def _admin1_named(self, name: str, country: int) -> int:
        """The first-level division called ``name`` in the country with string id
        ``country`` ("Zaporizhia" → Zaporizka oblast), or -1 (cached)."""
        key = (name, country)
        found = self._admin1_cache.get(key)
        if found is None:
            code = self.index.strings[country] if country >= 0 else None
            ids = self.gazetteer.place_ids(name, country=code or None, kind="admin1",
                                           match="folded")  # fmt: skip
            found = int(ids[0]) if len(ids) else -1
            if len(self._admin1_cache) > 100_000:
                self._admin1_cache.clear()
            self._admin1_cache[key] = found
        return found

    def _qualifier(self, text: str, m: _Mention) -> tuple[int, int] | None:
        """`X, Texas` / `X, Donetsk region` / `X (Ukraine)` / "X is a town in Grafton
        County, New Hampshire": (country id, admin1 id)."""
        tail = text[m.end : m.end + 60]
        qm = _QUALIFIER_TAIL.match(tail)
        if not qm:
            dm = _DEFINED_IN.match(text, m.end, min(len(text), m.end + 160))
            return self._definition_qualifier(dm.group(1)) if dm else None
        words = qm.group(1).strip().rstrip(".")
        if tail.startswith((",", " (")):
            region = self._us_state(words)  # "Springfield, IL", "Fresno (CA)"
            if region >= 0:
                return int(self._country[region]), int(self._admin1[region])
        hit = self._lookup(words)
        if hit is None:
            return None
        p = hit.places
        b = self._best_area(hit)
        if b < 0:
            # only towns of that name: "Kramatorsk, Sloviansk and Bakhmut" is a list, but
            # "Novozlatopil, Zaporizhia" and "Pisky (Donetsk)" name the region after its
            # capital
            if _LIST_AFTER.match(tail, qm.end(1)):
                return None
            b = int(p[int(np.argmax(self._prior[p]))])
            region = self._admin1_named(words, int(self._country[b]))
            if region >= 0:
                b = region
            elif "(" not in tail[: qm.start(1)]:
                return None
        if self._kind[b] == _K["country"]:
            return int(self._country[b]), -1
        return int(self._country[b]), int(self._admin1[b])

    def _best_area(self, hit: _Hit) -> int:
        """The most prominent area (country, division, county, region) a name can be:
        "Texas", "Ukraine", "Donetsk" the oblast; -1 when it names only towns."""
        p = hit.places
        areas = p[~_POINT_LIKE[self._kind[p]] | (self._kind[p] == _K["admin2"])]
        return int(areas[int(np.argmax(self._prior[areas]))]) if len(areas) else -1

    def _definition_qualifier(self, names: str) -> tuple[int, int] | None:
        """The finest area among "Grafton County, New Hampshire, United States"."""
        best = None
        for part in names.split(","):
            part = part.strip().rstrip(".")
            if not part or not part[0].isupper():
                break
            hit = self._lookup(part)
            b = -1 if hit is None else self._best_area(hit)
            if b < 0:
                continue
            if self._kind[b] == _K["country"]:
                best = best or (int(self._country[b]), -1)
            elif int(self._admin1[b]) >= 0:
                return int(self._country[b]), int(self._admin1[b])
        return best

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
        cut = _LIST_LIKELY  # a likely place passes the word on, whatever the final cut
        listed = [
            (a, b)
            for a, b in itertools.pairwise(found)
            if _LIST_GAP.fullmatch(text, a.end, b.start) and b.start - a.end <= 7
        ]
        # along a list in both directions, so that "A, B and C" passes the word on
        for a, b in listed:
            if a.logit >= cut and "list_after_place" not in b.feats:
                b.feats["list_after_place"] = 1.0
                b.logit = self.model.logit(b.feats)
        for a, b in reversed(listed):
            if b.logit >= cut and "list_before_place" not in a.feats:
                a.feats["list_before_place"] = 1.0
                a.logit = self.model.logit(a.feats)
        return found

    def _recognise(self, text: str, *, rescue: float = 0.0, anchors=(), cut_shift: float = 0.0
                   ) -> list[_Mention]:  # fmt: skip
        """Gazetteer matches kept by the recogniser (one sense per discourse applied).

        ``cut_shift`` lowers the recogniser's cut everywhere: the event extractor, whose
        locator still chooses among the mentions of a sentence, keeps more of them.

        ``rescue`` lowers the cut by that much for matches in a plainly locative
        context ("in X", "the village of X", "X region"); event extraction uses it,
        because a trigger word next to them vouches for a place. ``anchors``: offsets
        where such words end ("shelled", "captured"): a match right after one is rescued.
        """
        anchor_set = set(anchors)
        found = self._scored(text)
        # one sense per discourse: a name kept confidently once is kept elsewhere
        best_by_surface: dict[str, float] = {}
        for m in found:
            s = text[m.start : m.end]
            best_by_surface[s] = max(best_by_surface.get(s, -99.0), m.logit)
        cut = self.model.logit_cut - cut_shift
        for m in found:
            top = best_by_surface[text[m.start : m.end]]
            if top > cut + 1.0 and m.logit < top:
                m.logit = max(m.logit, min(top, m.logit + 1.5))
        kept = [
            m
            for m in found
            if m.logit >= cut
            # "the Azovstal plant", "in Kherson region": a place noun vouches for it
            or (m.logit >= cut - 1.0 and "next_place_noun" in m.feats
                and ("prev_the" in m.feats or "prev_spatial" in m.feats))
            or (rescue and m.logit >= cut - rescue and m.hit.role == "place"
                and (_LOCATIVE_FEATURES.intersection(m.feats)
                     or lex.PASSIVE_AFTER.match(text, m.end)
                     or _PAREN_QUALIFIER.search(text, max(0, m.start - 40), m.start)
                     or _LOCATIVE_BEFORE.search(text, max(0, m.start - 40), m.start)
                     or _after_anchor(text, m.start, anchor_set))
                and not _PART_OF_NAME.intersection(m.feats)
                # "Market complex in Kharkiv": a common word that is only some town's
                # alternate name needs more than a nearby trigger
                and not ("common_word" in m.feats and "quality_0" not in m.feats))
            # a report's dateline: "WASHINGTON (AP) —"
            or ("dateline" in m.feats and m.logit >= cut - 2.5 and m.hit.role == "place")
            # a title's place and what befell it: "Chuhuiv Airbase on fire"
            or (rescue and m.logit >= cut - rescue and m.hit.role == "place"
                and _TITLE_EVENT_AFTER.match(text, m.end)
                and not _NAME_INSIDE.intersection(m.feats)
                and "common_word" not in m.feats)
        ]  # fmt: skip
        for m in kept:
            # "Moscow said" speaks for a government; "officials in Kyiv said" does not
            m.speech = "next_speech" in m.feats  # never set after "in", "near"...
            m.partial = "run_after" in m.feats  # "Novoselivka Druha": only part of a name
            m.feats = None  # memory: a long report has many mentions
        return kept

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

    def _mentions(self, text: str, spans=None, *, rescue: float = 0.0, prior=None, anchors=(),
                  cut_shift: float = 0.0, stand_ins: bool = False, stand_in_rows=None
                  ) -> list[_Mention]:  # fmt: skip
        """Recognised (or given) mentions, resolved. ``stand_ins``: also decide which
        given spans are places the gazetteer lacks (see :meth:`_stand_ins`, which
        ``stand_in_rows`` is passed on to)."""
        kept = self._recognise(text, rescue=rescue, anchors=anchors, cut_shift=cut_shift)
        if spans is None:
            if prior is not None and len(text) <= _CONTEXT_CHARS:
                self._resolve(text, kept, prior)
            else:
                self._resolve_chunked(text, kept)
            return kept
        given, resolvable, context = self._given(text, spans, kept)
        self._resolve_chunked(text, sorted(resolvable + context, key=lambda m: m.start))
        if stand_ins:
            self._stand_ins_chunked(text, sorted(given + context, key=lambda m: m.start),
                                    stand_in_rows)  # fmt: skip
        return given

    def _resolve_chunked(self, text: str, mentions: list[_Mention]) -> None:
        """Resolve with the document as context; a very long text is read in sections
        of about ``_CONTEXT_CHARS`` characters, so time stays linear in its length."""
        for section in _context_sections(text, mentions):
            self._resolve(text, section)

    def _stand_ins_chunked(self, text: str, mentions: list[_Mention], rows=None) -> None:
        """:meth:`_stand_ins` over the sections :meth:`_resolve_chunked` reads."""
        for section in _context_sections(text, mentions):
            self._stand_ins(text, section, rows)

    def _stand_ins(self, text: str, mentions: list[_Mention], rows=None) -> None:
        """Mark the given spans that are better placed by the places around them.

        The text's other places (towns, districts, landmarks; not countries or
        first-level divisions) are clustered: the place with the most others within
        ``cluster_km``, with those others, is the main cluster, and its median point
        stands for a place among them that the gazetteer lacks. A span whose reading
        lies far from that cluster gets the cluster's point when the gate says so
        (``m.stand_in``). ``rows``, a list, receives ``(mention, features, center)``
        for every span weighed (for fitting).

        Only spans a caller gave are weighed: they may name any place, while a
        recognised mention is a gazetteer name by construction. On GeoVirus and
        GeoWebNews, letting the gate weigh recognised mentions as well set a few
        mentions wrong in each fold and almost none right. A span that no gazetteer
        name resembles stays unresolved.
        """
        if not any(m.given for m in mentions):
            return
        gate = self.stand_in
        # each place once per name that chose it, with how often it is named: a place
        # named ten times is one place, not a cluster
        keys = [_text.exact_key(text[m.start : m.end]) for m in mentions]
        named: dict[tuple[str, int], int] = {}
        for m, key in zip(mentions, keys, strict=True):
            if m.choice >= 0 and m.role == "place" and _CLUSTER_KIND[self._kind[m.choice]]:
                named[key, m.choice] = named.get((key, m.choice), 0) + 1
        if not named:
            return
        pkeys = [k for k, _ in named]
        b = np.fromiter((c for _, c in named), dtype=np.int64, count=len(named))
        times = np.fromiter(named.values(), dtype=np.float64, count=len(named))
        lat, lon = self._lat[b], self._lon[b]
        near = _pairwise_km(lat, lon) <= gate.cluster_km
        clusters: dict[str, tuple | None] = {}
        weighed: dict[tuple, tuple] = {}
        for m, key in zip(mentions, keys, strict=True):
            if not m.given:
                continue  # found by the gazetteer: a known place (measured, see above)
            if m.choice < 0:
                continue  # no gazetteer name is like it: nothing says it is a place here
            if m.role != "place" or not _CLUSTER_KIND[self._kind[m.choice]]:
                continue  # a country, a state, an adjective: never an unknown place
            cluster = clusters.get(key, False)
            if cluster is False:
                cluster = clusters[key] = self._cluster(key, pkeys, near, times, lat, lon, b)
            if cluster is None:
                continue
            clat, clon, size, n_context, anchor = cluster
            memo = (key, m.choice, m.share, m.partial, m.qualified, m.hit.tier)
            decided = weighed.get(memo)
            if decided is None:
                km = _km(float(self._lat[m.choice]), float(self._lon[m.choice]), clat, clon)
                feats = (
                    math.log10(1.0 + km / 10.0),
                    m.share,
                    float(m.partial),
                    float(m.qualified),
                    float(self._prior[m.choice]),
                    math.log1p(size),
                    math.log1p(n_context),
                    size / n_context,
                    float(m.hit.tier >= 2),
                )
                decided = weighed[memo] = (feats, gate.probability(feats))
            feats, p = decided
            if rows is not None:
                rows.append((m, feats, (clat, clon)))
            if p >= 0.5:
                m.stand_in = (clat, clon, anchor, p)

    def _cluster(self, key, pkeys, near, times, lat, lon, b):
        """(lat, lon, size, n_context, anchor) of the main cluster of the places named
        other than ``key``: the place with the most others near it (then the most
        often named, then the first), with those others. ``None`` when there are none."""
        own = np.fromiter((k == key for k in pkeys), dtype=bool, count=len(pkeys))
        if own.all():
            return None
        others = near[:, ~own]
        count = others.sum(axis=1) * 1e6 + others @ times[~own]
        count[own] = -1.0
        i = int(np.argmax(count))
        members = near[i] & ~own
        idx = np.flatnonzero(members)
        la, lo = lat[idx].tolist(), lon[idx].tolist()
        clat, clon = statistics.median(la), statistics.median(lo)
        nearest = min(range(len(idx)), key=lambda j: _km(la[j], lo[j], clat, clon))
        return clat, clon, len(idx), int((~own).sum()), int(b[idx[nearest]])

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
        keys = [_text.exact_key(text[m.start : m.end]) for m in allm]
        view = self._context(allm, self._initial_choices(allm), keys)
        for k, m in enumerate(mentions):
            if len(m.hit.places) < 2:
                continue
            X = self._cand_features(m, view(keys[k]), self._qualifier(text, m))
            yield X, m.hit.places, golds_by_span[(m.start, m.end)]

    def _training_stand_in(self, text: str, spans):
        """(start, end, features, chosen (lat, lon) or None, cluster (lat, lon)) of
        every given span the stand-in gate weighs, as :meth:`parse` reads ``text``."""
        rows: list = []
        self._mentions(text, spans, stand_ins=True, stand_in_rows=rows)
        for m, feats, center in rows:
            chosen = None
            if m.choice >= 0:
                chosen = (float(self._lat[m.choice]), float(self._lon[m.choice]))
            yield m.start, m.end, feats, chosen, center

    def mentions(self, text: str, *, spans=None, prior: BatchPrior | None = None,
                 anchors=(), rescue: float = 0.0, cut_shift: float = 0.0,
                 ) -> list[Mention]:  # fmt: skip
        """The mention table of ``text``: one :class:`Mention` per place mention, in
        text order (or one per given span, in the given order).

        This is the seam between the geoparser and later stages: everything the
        events stage knows of places it reads here and in the public
        :class:`Gazetteer` (``Gazetteer.place(row.place_id)``). The text is read as one
        context; :meth:`parse` reads a very long text in sections.

        Parameters
        ----------
        text : str
        spans : list of (start, end), optional
            Resolve exactly these spans (see :func:`geoparse`).
        prior : BatchPrior, optional
            What earlier reports of the same batch were about.
        anchors : offsets, optional
            Where event words end ("shelled", "captured"): a name right after one is
            kept at a cut lowered by ``rescue``.
        rescue : float, default 0
            How much lower the recogniser's cut is for names in a plainly locative
            context ("in X", "the village of X", "X region", after an anchor).
        cut_shift : float, default 0
            How much lower the recogniser's cut is everywhere.

        Examples
        --------
        >>> rows = Geoparser().mentions("Shelling hit Kharkiv overnight.")
        >>> [(r.mention, r.kind, r.country_code, r.precision) for r in rows]
        [('Kharkiv', 'city', 'UA', 1)]
        """
        if not isinstance(text, str):
            raise InvalidInputError(f"text must be a str, not {type(text).__name__}")
        spans = _check_spans(text, spans)
        if prior is not None:
            sid = self.index.string_id
            prior = BatchPrior({sid(k): v for k, v in prior.countries.items()},
                               {sid(k): v for k, v in prior.admin1.items()})  # fmt: skip
        found = self._mentions(text, spans, rescue=rescue, prior=prior, anchors=anchors,
                               cut_shift=cut_shift, stand_ins=spans is not None)  # fmt: skip
        return self._table(text, found)

    def parse(self, text: str, *, spans=None) -> pd.DataFrame:
        """Place mentions in ``text`` as a DataFrame (see :func:`geoparse`)."""
        if not isinstance(text, str):
            raise InvalidInputError(f"text must be a str, not {type(text).__name__}")
        spans = _check_spans(text, spans)
        if len(text) <= _SECTION_CHARS:
            return _frame(self.mentions(text, spans=spans))
        # a long text is read section by section: memory stays bounded by the result
        import pandas as pd

        frames = []
        for a, b in _sections(text, spans):
            section = text[a:b]
            inside = None if spans is None else [(s - a, e - a) for s, e in spans if a <= s < b]
            frame = _frame(self.mentions(section, spans=inside))
            frame["start"] += a
            frame["end"] += a
            frames.append(frame)
        out = pd.concat(frames, ignore_index=True)
        if spans is not None:  # back to the order the spans were given in
            position = {span: i for i, span in enumerate(spans)}
            order = [position[(s, e)] for s, e in zip(out["start"], out["end"], strict=True)]
            out = out.iloc[np.argsort(order, kind="stable")].reset_index(drop=True)
        return out

    def _place_row(self, b: int) -> tuple:
        """(name, kind, country_code, admin1, lat, lon, geonameid, precision) of a place."""
        row = self._place_rows.get(b)
        if row is None:
            ix = self.index
            gid = int(ix.geonameid[b])
            row = (
                ix.name(b),
                KINDS[self._kind[b]],
                ix.strings[int(self._country[b])],
                ix.strings[int(self._admin1[b])],
                float(self._lat[b]),
                float(self._lon[b]),
                gid,
                int(_PRECISION_BY_KIND[self._kind[b]]),
            )
            if len(self._place_rows) > _CACHE_LIMIT:
                self._place_rows.clear()
            self._place_rows[b] = row
        return row

    @staticmethod
    def _precision(text: str, m: _Mention, precision: int) -> int:
        """1 the place itself; 2 near it ("near X", "east of X"); 3 a region."""
        if precision < 2:
            before = text[max(0, m.start - 25) : m.start].lower().split()
            if before and (
                before[-1] in lex.NEAR_WORDS
                or (len(before) >= 2 and before[-1] == "of" and before[-2] in lex.DIRECTIONS)
            ):
                return 2
        return precision

    @staticmethod
    def _confidence(m: _Mention) -> float:
        return round(m.share / (1.0 + math.exp(-m.logit)), 4)

    @staticmethod
    def _role(m: _Mention, kind: str) -> str:
        if m.role == "place" and m.speech and kind in _METONYM_KINDS:
            return "metonym"
        return m.role

    def _table(self, text: str, mentions: list[_Mention]) -> list[Mention]:
        """The rows of the mention table (see :class:`Mention`)."""
        rows = []
        nan = math.nan
        for m in mentions:
            surface = text[m.start : m.end]
            candidates = m.hit.places if m.hit is not None else _EMPTY_IDS
            if m.stand_in is not None:
                # a place the gazetteer lacks: where the places around it are
                la, lo, anchor, p = m.stand_in
                _name, _kind, cc, admin1, *_ = self._place_row(anchor)
                rows.append(Mention(
                    m.start, m.end, surface, "place", -1, surface, "unknown", cc, admin1, la,
                    lo, None, 3, round(p / (1.0 + math.exp(-m.logit)), 4), candidates,
                    m.share, m.spread_km, m.partial, m.qualified,
                ))  # fmt: skip
                continue
            b = m.choice
            if b < 0:
                rows.append(Mention(
                    m.start, m.end, surface, None, -1, None, None, None, None, nan, nan, None,
                    None, nan, candidates, m.share, m.spread_km, m.partial, m.qualified,
                ))  # fmt: skip
                continue
            name, kind, cc, admin1, la, lo, g, precision = self._place_row(b)
            rows.append(Mention(
                m.start, m.end, surface, self._role(m, kind), b, name, kind, cc, admin1, la, lo,
                g if g >= 0 else None, self._precision(text, m, precision), self._confidence(m),
                candidates, m.share, m.spread_km, m.partial, m.qualified,
            ))  # fmt: skip
        return rows


def _frame(rows: list[Mention]) -> pd.DataFrame:
    """The mention table as geoparse's DataFrame (``COLUMNS``, fixed dtypes)."""
    import pandas as pd

    n = len(rows)
    starts = np.empty(n, dtype=np.int64)
    ends = np.empty(n, dtype=np.int64)
    lat = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    conf = np.full(n, np.nan)
    gid = np.zeros(n, dtype=np.int64)
    gid_na = np.ones(n, dtype=bool)
    prec = np.zeros(n, dtype=np.int64)
    prec_na = np.ones(n, dtype=bool)
    strings: dict[str, list] = {c: [None] * n for c in _STRING_COLUMNS}
    for i, r in enumerate(rows):
        starts[i] = r.start
        ends[i] = r.end
        strings["mention"][i] = r.mention
        if r.kind is None:
            continue
        strings["name"][i] = r.name
        strings["kind"][i] = r.kind
        strings["country_code"][i] = r.country_code
        strings["admin1"][i] = r.admin1
        strings["role"][i] = r.role
        lat[i] = r.latitude
        lon[i] = r.longitude
        if r.geonameid is not None:
            gid[i] = r.geonameid
            gid_na[i] = False
        prec[i] = r.precision
        prec_na[i] = False
        conf[i] = r.confidence
    data = {
        "start": starts,
        "end": ends,
        "latitude": lat,
        "longitude": lon,
        "geonameid": pd.arrays.IntegerArray(gid, gid_na),
        "precision": pd.arrays.IntegerArray(prec, prec_na),
        "confidence": conf,
    }
    for c, values in strings.items():
        data[c] = pd.array(values, dtype=_str_dtype())
    return _frame_from_arrays(data)


def _frame_from_arrays(data: dict):
    """A DataFrame of ``COLUMNS`` from ready-made arrays (no copies, no inference)."""
    import pandas as pd

    arrays = [data[c] for c in COLUMNS]
    try:  # pandas' fast path for already-typed columns
        return pd.DataFrame._from_arrays(
            arrays, columns=list(COLUMNS), index=pd.RangeIndex(len(arrays[0])),
            verify_integrity=False,
        )  # fmt: skip
    except (AttributeError, TypeError):  # pragma: no cover - other pandas versions
        return pd.DataFrame(data, columns=list(COLUMNS), copy=False)


@functools.lru_cache(maxsize=1)
@functools.lru_cache(maxsize=1)
def _str_dtype():
    """pandas' dtype for text (``str``; object before pandas 3), stored as Python
    strings: many small frames are built several times faster than with pyarrow
    storage, and the values read the same."""
    import pandas as pd

    dtype = pd.Series(["x"], dtype="str").dtype
    if getattr(dtype, "storage", None) == "pyarrow":
        dtype = pd.StringDtype(storage="python", na_value=dtype.na_value)
    return dtype


class _StandInGate:
    """Logistic gate over ``STAND_IN_FEATURES``: does the cluster of the text's other
    places say more about where a mention is than its gazetteer reading?"""

    def __init__(self, weights: dict[str, float], bias: float, cluster_km: float) -> None:
        unknown = set(weights) - set(STAND_IN_FEATURES)
        if unknown:
            raise ValueError(f"unknown stand-in features: {sorted(unknown)}")
        self.weights = np.array([float(weights.get(f, 0.0)) for f in STAND_IN_FEATURES])
        self.bias = float(bias)
        self.cluster_km = float(cluster_km)

    @classmethod
    def default(cls) -> _StandInGate:
        data = json.loads(
            resources.files("geoevents").joinpath("data", "stand_in.json").read_text("utf-8")
        )
        return cls(data["weights"], data["bias"], data["cluster_km"])

    def probability(self, feats) -> float:
        z = self.bias + float(np.dot(self.weights, feats))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _resolver_weights() -> np.ndarray:
    data = json.loads(
        resources.files("geoevents").joinpath("data", "resolver.json").read_text("utf-8")
    )
    return np.array([float(data["weights"].get(f, 0.0)) for f in RESOLVER_FEATURES])


# a title's event after its place: "Port of Odessa struck by missiles", "Chuhuiv
# Airbase on fire", "Izyum mass grave", "Mariupol Drama Theater destroyed"
_TITLE_EVENT_AFTER = re.compile(
    r"(?:['’]s)?(?:\s+[A-Z][\w'’-]*){0,3}\s+(?:(?:was|were|is|are|has been|have been)\s+)?"
    r"(?:struck|hit|shelled|destroyed|destoryed|damaged|bombed|attacked|targeted|captured|"
    r"liberated|on fire|ablaze|in ruins|burning|mass graves?|airbase|air base|airport|"
    r"theat(?:er|re)|museum|university|school|hospital|station|substation|market|bridge|"
    r"port|plant|factory|depot|church|monastery|cathedral|police|administration)\b",
    re.IGNORECASE,
)
# "in central Kramatorsk", "in occupied Melitopol", "took control of Kherson"
_ADJECTIVES = lex.words_pattern(lex.PLACE_ADJECTIVES)
_LOCATIVE_BEFORE = re.compile(
    rf"(?:\b(?:in|at|near|into|across|outside|around|on|of|to|from)\s+(?:the\s+)?"
    rf"(?:(?:{_ADJECTIVES})\s+)+"
    r"|\b(?:control|outskirts|centre|center|edge|suburbs?|residents|mayor|governor)\s+of\s+)$",
    re.IGNORECASE,
)
# "shelled the occupied city of X": what may lie between an event word and its place
_ANCHOR_GAP = re.compile(
    rf"\s+(?:the\s+|a\s+)?(?:(?:{_ADJECTIVES})\s+)?(?:(?:city|town|village|port)\s+of\s+)?$",
    re.IGNORECASE,
)


def _is_dateline(text: str, m, before: str, all_caps: bool) -> bool:
    """Whether the mention opens a news dateline: "WASHINGTON (AP) —", "ST. LOUIS -",
    "Kyiv, Ukraine — " at the start of a line. A name in capitals needs a news agency in
    brackets or a dash after it; any other name must start a line (``before``: the
    text up to 40 characters before it) and needs an agency or a long dash ("Orlovo -
    Ivanivka" is one place, "Savur-Mohyla" one name)."""
    if not all_caps:  # the cheap test first: most names do not start a line
        _, newline, line = before.rpartition("\n")
        if line.strip() or not (newline or m.start == len(before)):
            return False
    tail = _DATELINE_TAIL.match(text, m.end, min(len(text), m.end + 80))
    if tail is None:
        return False
    if all_caps:
        return bool(tail.group("agency") or tail.group("dash") or tail.group("hyphen"))
    return bool(tail.group("agency") or tail.group("dash"))


def _after_anchor(text: str, start: int, anchors: set[int]) -> bool:
    """Whether ``start`` follows an anchor word with only spaces, "the", "city of" between."""
    if not anchors:
        return False
    window = text[max(0, start - 20) : start]
    for k in range(len(window)):
        if (start - len(window) + k) in anchors and _ANCHOR_GAP.fullmatch(window, k):
            return True
    return False


_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_F = np.zeros(0)


def _log1p_values(weights: dict[int, float], query: np.ndarray) -> np.ndarray:
    """log(1 + weight) of each id in ``query`` (weight 0 for ids it does not hold)."""
    get = weights.get
    log1p = math.log1p
    return np.fromiter(
        (log1p(get(q, 0.0)) for q in query.tolist()), dtype=np.float64, count=len(query)
    )


def _context_sections(text: str, mentions: list):
    """The mentions (in text order) in sections of about ``_CONTEXT_CHARS`` characters:
    one section for a text no longer than that."""
    if len(text) <= _CONTEXT_CHARS:
        yield mentions
        return
    section: list = []
    end = _CONTEXT_CHARS
    for m in mentions:
        if m.start >= end and section:
            yield section
            section = []
            end = m.start + _CONTEXT_CHARS
        section.append(m)
    yield section


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, max(0.0, h))))


def _pairwise_km(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Great-circle distances (km) between every pair of points."""
    la = np.radians(lat)
    lo = np.radians(lon)
    h = (
        np.sin((la[None, :] - la[:, None]) / 2) ** 2
        + np.cos(la)[:, None] * np.cos(la)[None, :] * np.sin((lo[None, :] - lo[:, None]) / 2) ** 2
    )
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def _min_dist_km(lat, lon, lat2, lon2) -> np.ndarray:
    """For each (lat, lon), the distance to the nearest of (lat2, lon2), in km."""
    if len(lat) * len(lat2) <= 24:  # a short note: plain floats beat array set-up
        r = math.radians
        others = [
            (r(a), math.cos(r(a)), r(b)) for a, b in zip(lat2.tolist(), lon2.tolist(), strict=True)
        ]
        out = []
        sin, cos = math.sin, math.cos
        for a, b in zip(lat.tolist(), lon.tolist(), strict=True):
            la, lo = r(a), r(b)
            cos_la = cos(la)
            best = 1.0
            for la2, c2, lo2 in others:
                h = sin((la2 - la) / 2) ** 2 + cos_la * c2 * sin((lo2 - lo) / 2) ** 2
                if h < best:
                    best = h
            out.append(2 * 6371.0 * math.asin(math.sqrt(max(best, 0.0))))
        return np.array(out)
    la1 = np.radians(lat)[:, None]
    lo1 = np.radians(lon)[:, None]
    la2 = np.radians(lat2)[None, :]
    lo2 = np.radians(lon2)[None, :]
    h = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    d = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
    return d.min(axis=1)


def _sections(text: str, spans) -> list[tuple[int, int]]:
    """Cut points of a long text: after a line break (else a space) near every
    ``_SECTION_CHARS`` characters, never inside a given span."""
    covered = sorted(spans or [])
    bounds = []
    a = 0
    n = len(text)
    while a < n:
        cut = a + _SECTION_CHARS
        if cut >= n:
            bounds.append((a, n))
            break
        nl = text.find("\n", cut, cut + 20_000)
        if nl < 0:
            nl = text.find(" ", cut, cut + 20_000)
        cut = nl + 1 if nl >= 0 else cut
        for s, e in covered:
            if s < cut < e:
                cut = e
        bounds.append((a, cut))
        a = cut
    return bounds


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
        row each, in the given order, NaN coordinates where no place matches. A
        span may name a place the gazetteer lacks (a hamlet, a township): when its
        readings all lie far from the main cluster of the text's other places, and
        a gate fitted on WikToR judges the cluster the better guess, it is placed
        at the cluster's median point with ``kind="unknown"``, ``precision=3``,
        no geonameid, and the country and division of the cluster's central place.

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
    >>> df = geoparse("Drones hit Kharkiv overnight, officials in Kyiv said. Moscow denied it.")
    >>> df[["mention", "name", "role"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['Kharkiv', 'Kharkiv', 'place'], ['Kyiv', 'Kyiv', 'place'],
     ['Moscow', 'Moscow', 'metonym']]
    >>> geoparse("Paris, Texas", spans=[(0, 5)])["admin1"].tolist()
    ['Texas']
    """
    return default_parser().parse(text, spans=spans)


def default_parser() -> Geoparser:
    """The process's shared Geoparser over the default gazetteer (built on first use)."""
    global _default_parser
    if _default_parser is None:
        _default_parser = Geoparser()
    return _default_parser
