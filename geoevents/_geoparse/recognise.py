"""Recognition: text in, the gazetteer names in it that are places here, with their roles.

Runs of capitalised words are matched against the gazetteer, longest name first
(:meth:`Recogniser.matches`); each match gets context features (prepositions, titles,
first names, organisation words, speech verbs, lists, datelines) and a logit from the
fitted recogniser model (:meth:`Recogniser.scored`); :meth:`Recogniser.recognise`
keeps the matches above the model's cut, one sense per discourse applied, with the
rescues the events stage asks for. The patterns live in :mod:`.rules`.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from .. import _lexicon as lex
from .._gazetteer.sources import KINDS
from .._models import load_model
from . import rules
from .candidates import CandidateFinder
from .records import Hit, Match

__all__ = ["RECOGNISER_FEATURES", "Recogniser", "RecognitionModel", "after_anchor", "is_dateline"]

_MAX_TOKENS = 6  # the longest gazetteer name looked for, in words
_LIST_LIKELY = 0.0  # recogniser logit of "a likely place" for list neighbours

# The recogniser's features, by name (see Recogniser._features).
RECOGNISER_FEATURES = (
    *(f"kind_{k}" for k in KINDS), *(f"quality_{q}" for q in range(6)),
    "prior", "log_candidates", "adjectival", "folded", "tokens", "all_caps", "short_caps",
    "sentence_start", "prev_spatial", "prev_title", "prev_the", "prev_place_of",
    "after_first_name", "run_before", "run_after_org", "next_place_noun", "run_after",
    "next_speech", "speech_major", "adjective_force", "next_org", "comma_capital",
    "first_name", "surname", "common_word", "next_not_place", "currency", "dateline",
    "list_after_place", "list_before_place",
)  # fmt: skip


class RecognitionModel:
    """Logistic model over named features: keep a candidate mention when p >= cut."""

    def __init__(self, weights: dict[str, float], bias: float, cut: float) -> None:
        self.weights = weights
        self.bias = bias
        self.cut = cut

    @classmethod
    def default(cls) -> RecognitionModel:
        """The model fitted into ``geoevents/data/recognizer.json``."""
        model = load_model("recognizer", RECOGNISER_FEATURES)
        return cls(model.by_name, model.bias, model.settings["threshold"])

    @property
    def logit_cut(self) -> float:
        return math.log(self.cut / (1 - self.cut))

    def logit(self, feats: dict[str, float]) -> float:
        w = self.weights
        return self.bias + sum(w.get(k, 0.0) * v for k, v in feats.items())


class Recogniser:
    """Finds the gazetteer names in a text and decides which are places.

    Examples
    --------
    >>> from geoevents import Gazetteer
    >>> rec = Recogniser(CandidateFinder(Gazetteer.load()))
    >>> text = "Mr Kyiv met officials in Lviv."
    >>> [text[m.start : m.end] for m in rec.recognise(text)]
    ['Lviv']
    """

    def __init__(self, finder: CandidateFinder, model: RecognitionModel | None = None) -> None:
        self.finder = finder
        self.model = model or RecognitionModel.default()
        # pay one-time costs here, not on the first report: the word lists
        lex.first_name_share("x")
        lex.surname_share("x")
        lex.is_common_word("x")

    def matches(self, text: str) -> list[Match]:
        """Longest gazetteer names inside each run of capitalised words, left to right."""
        out: list[Match] = []
        stop = lex.CAPITALISED_NOT_PLACES
        lookup = self.finder.lookup
        for run in rules.RUN.finditer(text):
            rs, re_ = run.span()
            if " " not in run.group() and "\u00a0" not in run.group() and "\t" not in run.group():
                tokens = [(rs, re_)]  # one word: the common case
            else:
                tokens = [t.span() for t in rules.TOKEN.finditer(text, rs, re_)]
                # "In Frankfurt, ...", "The Hague": a sentence's first word is capitalised
                # for the sentence, not for the name, unless the name holds it
                while len(tokens) > 1 and text[tokens[0][0] : tokens[0][1]] in rules.LEADING_WORDS:
                    tokens.pop(0)
                # "A Lake County deputy", "The Marion County sheriff": an article
                # opens the sentence, not the name, unless a name starts with it (The Hague)
                if (
                    len(tokens) > 1
                    and text[tokens[0][0] : tokens[0][1]] in rules.ARTICLES
                    and not self.finder.exact_prefix(text[tokens[0][0] : tokens[1][1]])
                ):
                    tokens.pop(0)
                # "Bombed Izium", "Burned Russian trucks": a title's first word,
                # unless a known name starts with it ("New York", "Great Britain")
                before = text[max(0, rs - 40) : rs].rstrip()
                if (
                    len(tokens) > 1
                    and (not before or before[-1] in rules.SENTENCE_END or before[-1].isdigit())
                    and tokens[0][0] == rs
                    and lex.is_common_word(text[tokens[0][0] : tokens[0][1]])
                    and not self.finder.may_start_name(text[tokens[0][0] : tokens[1][1]])
                ):
                    tokens.pop(0)
                rs = tokens[0][0]
            n = len(tokens)
            i = 0
            while i < n:
                top = min(n, i + _MAX_TOKENS) - 1
                if top > i and not self.finder.may_start_name(
                    text[tokens[i][0] : tokens[i + 1][1]]
                ):
                    top = i
                for j in range(top, i - 1, -1):
                    s, e = tokens[i][0], tokens[j][1]
                    surface = text[s:e]
                    last = surface[-1]
                    if last in "s'’" and len(surface) > 3:
                        for suffix in rules.POSSESSIVE:
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
                        and rules.TOWN_COMMA_BEFORE.search(text, max(0, s - 40), s)
                    ):
                        hit = self.finder.state_hit(surface) or hit  # "Portland, ME": Maine
                    if hit is None and j == i and "-" in surface:
                        # "Kyiv-based", "Russian-backed": the part before the hyphen
                        head, tail = surface.split("-", 1)
                        if head not in stop and surface not in lex.NOT_PLACE_PHRASES:
                            hit = lookup(head)
                            if (
                                hit is not None
                                and tail[:1].isupper()
                                and (hit.tier or hit.quality.min())
                            ):
                                # "Orikhovo-Vasylivka": a compound name the gazetteer
                                # lacks, not Orikhove; "Mexico-US" keeps Mexico
                                hit = None
                            if hit is not None:
                                e = s + len(head)
                    if hit is None:
                        continue
                    m = Match(s, e, hit)
                    m.feats = {"_before": i, "_after": n - 1 - j, "_tokens": j - i + 1,
                               "_run": (rs, re_, tokens, i, j)}  # fmt: skip
                    out.append(m)
                    i = j
                    break
                i += 1
        return out

    def _hit_features(self, hit: Hit) -> dict[str, float]:
        """Features of a gazetteer hit itself (cached with the hit, per name)."""
        if hit.feats is None:
            places = hit.places
            rank = self.finder.prior[places] - 0.2 * hit.quality
            best = int(places[int(np.argmax(rank))])
            f = {
                f"kind_{KINDS[self.finder.kind[best]]}": 1.0,
                "prior": float(self.finder.prior[best]),
                "log_candidates": math.log10(len(places)),
                f"quality_{int(hit.quality.min())}": 1.0,
            }
            if hit.role == "adjectival":
                f["adjectival"] = 1.0
            if hit.tier == 1:
                f["folded"] = 1.0
            hit.feats = f
        return hit.feats

    def _features(self, text: str, m: Match) -> None:
        """The recogniser's features of one match (``m.feats``), in a fixed order: the
        hit's own, then its context before, inside its run of capitalised words, after."""
        hit = m.hit
        surface = text[m.start : m.end]
        f = dict(self._hit_features(hit))
        raw = m.feats
        f["tokens"] = float(raw["_tokens"])
        if surface.isupper() and len(surface) > 1:
            f["all_caps"] = 1.0
            if len(surface.replace(".", "")) <= 3:
                f["short_caps"] = 1.0
        before = self._before_features(text, m, f, raw)
        self._run_features(text, f, raw)
        self._after_features(text, m, f, raw, surface)
        caps = "all_caps" in f and "short_caps" not in f
        if is_dateline(text, m, before, caps):
            f["dateline"] = 1.0
        m.feats = f
        m.role = hit.role

    def _before_features(self, text: str, m: Match, f: dict, raw: dict) -> str:
        """Features of the words before a match; returns the 40 characters before it."""
        before = text[max(0, m.start - 40) : m.start]
        stripped = before.rstrip(" \t\u00a0")
        sentence_start = not stripped or stripped[-1] in rules.SENTENCE_END
        words = stripped.rsplit(None, 2)
        while words and not words[-1].strip(rules.PUNCT):
            words.pop()  # "in (Kyiv": the word before the bracket
        if words and words[-1].lower() in lex.PLACE_ADJECTIVES:
            # "in north west London", "in eastern Ukraine": the preposition before them
            words = stripped.rsplit(None, 4)
            while len(words) > 2 and words[-1].lower() in lex.PLACE_ADJECTIVES:
                words.pop()
        prev = words[-1].strip(rules.PUNCT).lower() if words else ""
        if sentence_start and raw["_before"] == 0:
            f["sentence_start"] = 1.0
        elif prev in lex.SPATIAL_PREPOSITIONS and raw["_before"] == 0:
            f["prev_spatial"] = 1.0
        elif raw["_before"] == 0 and ("'" in before or "’" in before):
            pm = rules.POSSESSOR_BEFORE.search(before)
            if pm is not None:
                owner = self.finder.lookup(pm.group(1))
                if (
                    owner is not None
                    and owner.role == "place"
                    and rules.POSSESSOR_KINDS.intersection(self.finder.kind[owner.places].tolist())
                ):
                    f["prev_spatial"] = 1.0  # "Chile's Atacama desert": in Chile
        if prev in lex.PERSON_TITLES:
            f["prev_title"] = 1.0
        if stripped.endswith(("the", "The")):
            f["prev_the"] = 1.0
        if (
            raw["_before"] == 0
            and prev == "of"
            and len(words) >= 2
            and words[-2].strip(rules.PUNCT).lower() in lex.PLACE_OF_WORDS
        ):
            f["prev_place_of"] = 1.0
        return before

    def _run_features(self, text: str, f: dict, raw: dict) -> None:
        """Features of the capitalised words around a match inside a longer run."""
        _run_start, _run_end, tokens, i, j = raw["_run"]
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

    def _after_features(self, text: str, m: Match, f: dict, raw: dict, surface: str) -> None:
        """Features of the words after a match, and of the name itself."""
        hit = m.hit
        nm = rules.NEXT_WORD.match(text, m.end, min(len(text), m.end + 40))
        punct, nxt = (nm.group(1), nm.group(2)) if nm else ("", "")
        low = nxt.lower()
        if not punct:
            if low in lex.SPEECH_VERBS and "prev_spatial" not in f:
                # "Moscow said"; but "officials in Lviv said" speak from a place
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
                nm2 = rules.NEXT_WORD.match(text, nm.end(), min(len(text), nm.end() + 30))
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
        if low in ("is", "was") and rules.IS_A_PLACE.match(text, m.end, min(len(text), m.end + 60)):
            f["next_place_noun"] = 1.0  # "Mytilene is a port on Lesbos"
        if low in lex.NOT_PLACE_NEXT:
            f["next_not_place"] = 1.0
        if text.startswith("$", m.end):
            f["currency"] = 1.0

    def scored(self, text: str) -> list[Match]:
        """Every gazetteer match with its features and recogniser logit.

        Two passes: the second adds what neighbours say ("Kharkiv and Izium": a name
        listed beside a likely place is likely a place too).
        """
        found = self.matches(text)
        for m in found:
            self._features(text, m)
            m.logit = self.model.logit(m.feats)
        cut = _LIST_LIKELY  # a likely place passes the word on, whatever the final cut
        listed = [
            (a, b)
            for a, b in itertools.pairwise(found)
            if rules.LIST_GAP.fullmatch(text, a.end, b.start) and b.start - a.end <= 7
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

    def recognise(self, text: str, *, rescue: float = 0.0, anchors=(), cut_shift: float = 0.0
                   ) -> list[Match]:  # fmt: skip
        """Gazetteer matches kept by the recogniser (one sense per discourse applied).

        ``cut_shift`` lowers the recogniser's cut everywhere: the event extractor, whose
        locator still chooses among the mentions of a sentence, keeps more of them.

        ``rescue`` lowers the cut by that much for matches in a plainly locative
        context ("in X", "the village of X", "X region"); event extraction uses it,
        because a trigger word next to them vouches for a place. ``anchors``: offsets
        where such words end ("shelled", "captured"): a match right after one is rescued.
        """
        anchor_set = set(anchors)
        found = self.scored(text)
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
                and (rules.LOCATIVE_FEATURES.intersection(m.feats)
                     or lex.PASSIVE_AFTER.match(text, m.end)
                     or rules.PAREN_QUALIFIER.search(text, max(0, m.start - 40), m.start)
                     or rules.LOCATIVE_BEFORE.search(text, max(0, m.start - 40), m.start)
                     or after_anchor(text, m.start, anchor_set))
                and not rules.PART_OF_NAME.intersection(m.feats)
                # "Park complex in Odesa": a common word that is only some town's
                # alternate name needs more than a nearby trigger
                and not ("common_word" in m.feats and "quality_0" not in m.feats))
            # a report's dateline: "WASHINGTON (AP) —"
            or ("dateline" in m.feats and m.logit >= cut - 2.5 and m.hit.role == "place")
            # a title's place and what befell it: "Sumy depot on fire"
            or (rescue and m.logit >= cut - rescue and m.hit.role == "place"
                and rules.TITLE_EVENT_AFTER.match(text, m.end)
                and not rules.NAME_INSIDE.intersection(m.feats)
                and "common_word" not in m.feats)
        ]  # fmt: skip
        for m in kept:
            # "Moscow said" speaks for a government; "officials in Kyiv said" does not
            m.speech = "next_speech" in m.feats  # never set after "in", "near"...
            m.partial = "run_after" in m.feats  # "Zelenyi Hai Druhyi": only part of a name
            m.feats = None  # memory: a long report has many mentions
        return kept


def is_dateline(text: str, m, before: str, all_caps: bool) -> bool:
    """Whether the mention opens a news dateline: "WASHINGTON (AP) —", "ST. LOUIS -",
    "Kyiv, Ukraine — " at the start of a line. A name in capitals needs a news agency in
    brackets or a dash after it; any other name must start a line (``before``: the
    text up to 40 characters before it) and needs an agency or a long dash ("Nova -
    Petrivka" may be one place, "Stara-Sil" is one name)."""
    if not all_caps:  # the cheap test first: most names do not start a line
        _, newline, line = before.rpartition("\n")
        if line.strip() or not (newline or m.start == len(before)):
            return False
    tail = rules.DATELINE_TAIL.match(text, m.end, min(len(text), m.end + 80))
    if tail is None:
        return False
    if all_caps:
        return bool(tail.group("agency") or tail.group("dash") or tail.group("hyphen"))
    return bool(tail.group("agency") or tail.group("dash"))


def after_anchor(text: str, start: int, anchors: set[int]) -> bool:
    """Whether ``start`` follows an anchor word with only spaces, "the", "city of" between."""
    if not anchors:
        return False
    window = text[max(0, start - 20) : start]
    for k in range(len(window)):
        if (start - len(window) + k) in anchors and rules.ANCHOR_GAP.fullmatch(window, k):
            return True
    return False
