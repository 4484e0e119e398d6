"""Locating an event: a trigger and its sentence's places in, the place where it happened out.

:class:`Locator` computes ``LOCATOR_FEATURES`` for each candidate place of a trigger
(a locative word before it, a speaker's seat, a background year, a landmark phrase, how
near the trigger...) and scores them with the locator fitted on Halterman's sentences
(``geoevents/data/locator.json``). The functions below read how places relate in a
sentence: a part of another ("the Kyivskyi district of Poltava"), a landmark ("10 km east of
Siversk"), a list ("in Izium, Lyman and Bakhmut").
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right

import numpy as np

from .. import _lexicon as lex
from .._geo import km as great_circle_km
from .._lexicon import PASSIVE_AFTER
from .._models import columns, load_model
from . import rules
from .lexicon import CONFLICT_TYPES
from .places import EventPlaces
from .quick import QuickTest
from .records import EventPlace

__all__ = [
    "LOCATOR_FEATURES", "Locator", "as_landmark", "landmark_over_namesake", "listed_with",
    "possessed", "stand_in",
]  # fmt: skip

LOCATOR_FEATURES = (
    "locative", "inside_of", "qualifier", "has_inner", "prev_from", "prev_of", "speaker_seat",
    "speaker_seat_diplomacy", "country_finer", "country_alone", "region_finer", "region_alone",
    "after_trigger", "gap_words", "nearer_other_trigger", "semicolon_between", "background",
    "place_confidence", "unknown_name", "comma_between", "subject_before", "passive_subject",
    "reference_point", "first_after", "first_before", "locative_before", "prev_on",
)  # fmt: skip
_C = columns(LOCATOR_FEATURES)
_SPEECH, _BACKGROUND = QuickTest(rules.SPEECH_BEFORE), QuickTest(rules.BACKGROUND)
# "Odesa was hit by drones": what an attack happened to is where it happened. Halterman's
# verbs are of every kind (a country "was accused"), so the fitted weight of
# passive_subject says little about attacks; this bonus is ours
PASSIVE_ATTACK_BONUS = 1.5


class Locator:
    """Chooses the place of an event among its sentence's places."""

    def __init__(self, places: EventPlaces) -> None:
        self.places = places
        model = load_model("locator", LOCATOR_FEATURES)
        self.weights = model.weights
        self.floor = float(model.settings["floor"])

    def features(self, text: str, s: int, e: int, ts: int, te: int, etype: str,
                         places: list[EventPlace], triggers=(), *, countries: bool | None = None,
                         ) -> tuple[list[EventPlace], np.ndarray]:  # fmt: skip
        """Candidate places of the event whose trigger is text[ts:te] in sentence
        text[s:e], with their LOCATOR_FEATURES (conflict events never at a whole country
        unless ``countries``)."""
        conflict = etype in CONFLICT_TYPES
        if countries is None:
            countries = not conflict
        cands: list[EventPlace] = []
        rows: list[list[float]] = []
        read = self._sentence_places(text, s, e, places, conflict)
        places, layout, weighed, starts, finer = read
        # the nearest to the event word, fewer when the sentence has many event words
        share = rules.LOCATOR_WEIGHINGS // max(1, len(triggers))
        most = max(rules.LOCATOR_MIN_PLACES, min(rules.LOCATOR_MAX_PLACES, share))
        if len(weighed) > most:
            weighed = _nearest(weighed, starts, ts, te, most)
        memo = self._sentence_memo(text, s, e)
        hit = memo.get(("ends", id(triggers)))
        if hit is None or hit[0] is not triggers:  # once for the sentence's event words
            ends = sorted((oe, k) for k, (_os, oe, _t) in enumerate(triggers))
            hit = memo[("ends", id(triggers))] = (triggers, ends)
        ends = hit[1]
        for p in weighed:
            if not countries and self.places.whole_country(p):
                continue  # fighting "in Ukraine" (or "across the EU") is not a point on a map
            cands.append(p)
            rows.append(self._place_features(text, s, e, ts, te, etype, p, places, triggers,
                                             conflict=conflict, finer=finer, layout=layout,
                                             ends=ends))  # fmt: skip
        for x, p in zip(rows, cands, strict=True):
            # a locative phrase opening the sentence: "In Sumy, residents protested ..."
            x[_C.locative_before] = x[_C.locative] and p.start < ts
        # the nearest candidate on each side of the trigger
        after = [k for k, p in enumerate(cands) if p.start >= te]
        before = [k for k, p in enumerate(cands) if p.start < te]
        if after:
            rows[min(after, key=lambda k: cands[k].start)][_C.first_after] = 1.0
        if before:
            rows[max(before, key=lambda k: cands[k].start)][_C.first_before] = 1.0
        return cands, np.array(rows, dtype=float).reshape(len(rows), len(LOCATOR_FEATURES))

    def _sentence_places(self, text: str, s: int, e: int, places: list[EventPlace],
                         conflict: bool) -> tuple:  # fmt: skip
        """(the places a conflict event may be at or all of them, their
        :meth:`_sentence_memo`, those the locator weighs, their starts, whether any is
        finer than a region) of the list of places ``places`` of sentence ``text[s:e]``,
        read once for its event words."""
        memo = self._sentence_memo(text, s, e)
        given = places
        hit = memo.get((id(given), conflict))
        if hit is not None and hit[0] is given:
            return hit[1]
        finer = any(p.kind not in ("country", "continent", "region") for p in places)
        if conflict:
            # "across the Dnipro", "the Irpin river near Moshchun", "in the Black Sea": a
            # river or a sea is where a town is shelled from, not the town (nor, alone, a
            # point for fighting along hundreds of kilometres of it)
            places = [p for p in places if not self.places.is_water(text, p)]
        layout = memo.setdefault(tuple((q.start, q.end) for q in places), {})
        # not an adjectival, a metonym, a part of a site's name
        weighed = sorted((p for p in places if p.role == "place"), key=lambda p: p.start)
        read = (places, layout, weighed, [p.start for p in weighed], finer)
        memo[(id(given), conflict)] = (given, read)
        return read

    def _sentence_memo(self, text: str, s: int, e: int) -> dict:
        """The memo of what the locator reads of the places of sentence ``text[s:e]``
        whatever the event word (:func:`_facts` of each, by the list of places it is
        weighed among), kept while the sentence's event words are located one by one: a
        sentence of many places and event words costs their product, not that times the
        places again. It lives in the memo of the report being read (:class:`ReportMemo`),
        which is dropped after it; outside one, it is a new one each time."""
        memo = self.places.memo.of(text)
        if memo is None:
            return {}
        last = memo.get("sentence")
        if last is None or last[0] != (s, e):
            last = memo["sentence"] = ((s, e), {})
        return last[1]

    def _place_features(self, text: str, s: int, e: int, ts: int, te: int, etype: str,
                        p: EventPlace, places: list[EventPlace], triggers, *, conflict: bool,
                        finer: bool, layout: dict, ends: list) -> list[float]:  # fmt: skip
        """``LOCATOR_FEATURES`` of one candidate place (``first_after``,
        ``first_before`` and ``locative_before`` are set by :meth:`features`);
        ``layout``: the :meth:`_sentence_memo` of these ``places``; ``ends``: (end, index) of the
        ``triggers``, sorted."""
        x = [0.0] * len(LOCATOR_FEATURES)
        facts = layout.get((p.start, p.end))
        if facts is None:
            facts = layout[(p.start, p.end)] = _facts(text, s, e, p, places)
        locative, prev, (inside, inner, reference), seat, background, passive_end = facts
        x[_C.locative] = locative
        x[_C.inside_of] = not locative and inside  # "Chile's northern Atacama"
        x[_C.qualifier] = p.qualifier  # stands for the unknown village named before it
        x[_C.has_inner] = inner
        x[_C.prev_from] = prev == "from"
        x[_C.prev_of] = prev == "of" and not locative
        x[_C.prev_on] = prev in (
            "on",
            "against",
        )  # "a war on Ruritania": a target, not always a place
        x[_C.speaker_seat] = seat and etype != "Strategic developments"  # "said in Warsaw"
        x[_C.speaker_seat_diplomacy] = seat and etype == "Strategic developments"
        if p.kind in ("country", "continent"):
            x[_C.country_finer if finer else _C.country_alone] = 1.0
        elif p.kind in ("region", "admin1") and not p.listed_unknown:
            # (a listed village standing at its region is named as a village)
            x[_C.region_finer if finer else _C.region_alone] = 1.0
        after = p.start >= te
        gap = _words(text, te, p.start, 26) if after else _words(text, p.end, ts, 26)
        x[_C.after_trigger] = after
        x[_C.gap_words] = min(gap, 25)
        # "after talks in Minsk ... the shelling of Sumy": Minsk is the talks' place
        x[_C.nearer_other_trigger] = _nearer_other(text, p.start, ts, etype, gap, triggers, ends)
        between = (min(te, p.end), max(ts, p.start))
        x[_C.semicolon_between] = text.find(";", *between) >= 0
        x[_C.background] = conflict and background
        x[_C.place_confidence] = p.confidence
        x[_C.unknown_name] = p.kind == "unknown"
        x[_C.comma_between] = text.find(",", *between) >= 0
        # a subject before the trigger: "Kyiv was hit"
        x[_C.subject_before] = not after and not locative and not x[_C.inside_of]
        # ... and the place the trigger happened to: "Odesa was hit by drones"
        x[_C.passive_subject] = passive_end is not None and not after and ts - passive_end <= 25
        x[_C.reference_point] = reference
        return x

    def locate(self, text: str, s: int, e: int, ts: int, te: int, etype: str,
                places: list[EventPlace], triggers=(), *, countries: bool | None = None,
                floor: bool = True) -> tuple[EventPlace, float] | None:  # fmt: skip
        """The place of the event whose trigger is text[ts:te] in sentence text[s:e], or
        ``None`` when no candidate scores above the locator's floor."""
        cands, X = self.features(text, s, e, ts, te, etype, places, triggers,
                                         countries=countries)  # fmt: skip
        if not cands:
            return None
        weights, lowest = self.weights, self.floor
        scores = X @ weights
        if etype in CONFLICT_TYPES:
            # "Odesa was hit by drones": what an attack happened to is where it happened.
            # Halterman's verbs are of every kind (a country "was accused"), so the
            # fitted weight says little about attacks; this rule is ours
            scores = scores + PASSIVE_ATTACK_BONUS * X[:, _C.passive_subject]
        i = int(np.argmax(scores))
        if floor and scores[i] < lowest:
            return None
        return cands[i], float(scores[i] - lowest)

    # ------------------------------------------------------------------- events


def _facts(text: str, s: int, e: int, p: EventPlace, places: list[EventPlace]) -> tuple:
    """What the locator reads of place ``p`` in sentence ``text[s:e]`` whatever the
    event word: (locative, the word before it, :func:`_relations`, a speaker's seat,
    a background phrase around it, the end of a passive verb after it or None)."""
    before = text[max(s, p.start - 40) : p.start]
    raw = before.split()
    words = [w.lower() for w in raw]
    while len(words) > 1 and words[-1] in lex.PLACE_ADJECTIVES:
        words.pop()  # "in occupied Melitopol", "in central Kherson"
    if len(words) > 1 and words[-1] in rules.APPOSITION_NOUNS:
        # "in the capital Vilnius", "in the Latvian capital Riga"
        words.pop()
        while len(words) > 1 and raw[len(words) - 1][:1].isupper():
            words.pop()
        while len(words) > 1 and words[-1] in lex.PLACE_ADJECTIVES:
            words.pop()
        if len(words) > 1 and words[-1] in ("the", "a", "its", "their"):
            words.pop()
    prev = words[-1].strip("\"'“”(,«»") if words else ""
    prev = rules.CYRILLIC_PREPOSITIONS.get(prev, prev)  # "у Харкові": in Kharkiv
    prev2 = words[-2] if len(words) > 1 else ""
    locative = (
        prev in rules.LOCATIVE
        or (prev == "of" and prev2 in lex.PLACE_OF_WORDS)
        or (prev2 in rules.LOCATIVE and prev in ("the", "a"))
    )
    said = text[max(s, p.start - 45) : p.start]
    seat = locative and _SPEECH.may_match(said) and bool(rules.SPEECH_BEFORE.search(said))
    around = text[max(s, p.start - 60) : min(e, p.end + 40)]
    background = _BACKGROUND.may_match(around) and bool(rules.BACKGROUND.search(around))
    pm = PASSIVE_AFTER.match(text, p.end)
    return (locative, prev, _relations(text, p, places), seat, background,
            None if pm is None else pm.end())  # fmt: skip


def _relations(text: str, p: EventPlace, places: list[EventPlace]) -> tuple[bool, bool, bool]:
    """(inside_of, has_inner, reference_point) of ``p`` among ``places``: whether it
    is named as part of another, the possessor of another, and a landmark saying
    where the place before it is ("Bilohorivka, 10 km east of Siversk", "Hrakove near
    Chuhuiv")."""
    # only places named within 70 characters of it can be in these relations: a
    # sentence of a page without full stops may name a hundred
    places = [q for q in places if q.start - p.end <= 70 and p.start - q.end <= 70]
    reference = any(
        q is not p
        and q.end <= p.start
        and p.start - q.end <= 70
        and rules.REFERENCE_GAP.fullmatch(text, q.end, p.start)
        for q in places
    )
    return inside_of(text, p, places), has_inner(text, p, places), reference


def _nearer_other(text: str, start: int, ts: int, etype: str, gap: int, triggers,
                  ends: list) -> float:  # fmt: skip
    """1.0 when an event word of another type than the one at ``ts`` ends at most 3
    words before ``start``, and nearer than ``gap`` words ("after talks in Minsk ...
    the shelling of Sumy"); ``ends``: (end, index) of ``triggers``, sorted. Only the
    words ending just before ``start`` are read: the further back, the more words."""
    for j in range(bisect_right(ends, (start, len(triggers))) - 1, -1, -1):
        oe, k = ends[j]
        words = _words(text, oe, start, 4)
        if words > 3:
            return 0.0
        os_, _oe, other = triggers[k]
        if os_ != ts and other.event_type != etype and words < gap:
            return 1.0
    return 0.0


def _nearest(places: list[EventPlace], starts: list[int], ts: int, te: int,
             most: int) -> list[EventPlace]:  # fmt: skip
    """The ``most`` places nearest to the event word ``text[ts:te]``, in text order
    (``places`` in text order, ``starts`` their starts): outwards from the word, the
    nearer of the next one on each side first (the one before it on a tie)."""
    lo = bisect_right(starts, ts) - 1
    hi = lo + 1
    chosen: list[int] = []
    while len(chosen) < most and (lo >= 0 or hi < len(places)):
        if hi >= len(places) or (
            lo >= 0 and max(ts - places[lo].end, 0) <= max(places[hi].start - te, 0)
        ):
            chosen.append(lo)
            lo -= 1
        else:
            chosen.append(hi)
            hi += 1
    return [places[k] for k in sorted(chosen)]


# a gap that is one comma and spaces (read without copying what may be a page of text)
_COMMA_GAP = re.compile(r"\s*,\s*")
_FIRST_WORDS = {n: re.compile(rf"(?:\s*\S+){{0,{n}}}") for n in (4, 26)}


def _words(text: str, a: int, b: int, most: int) -> int:
    """How many words ``text[a:b]`` holds, counted up to ``most`` (4 or 26: a sentence
    may be long, only its first words decide)."""
    if b <= a:
        return 0
    return len(_FIRST_WORDS[most].match(text, a, b).group().split())


def possessed(text: str, owner: EventPlace, place: EventPlace) -> bool:
    """``place`` is named as part of ``owner``: "Chile's northern Atacama", "the Poltava
    district of Kyivskyi", or the other way round, "the Kyivskyi district of
    Poltava", "the Moskovskyi area of Kharkiv"."""
    if owner.end <= place.start:
        if _COMMA_GAP.fullmatch(text, owner.end, place.start) and rules.CAPITAL_OF.search(
            text, max(0, owner.start - 25), owner.start
        ):
            return True  # "the capital of Moldova, Chisinau"
        return place.start - owner.end <= 25 and bool(
            rules.POSSESSIVE_GAP.fullmatch(text, owner.end, place.start)
        )
    return (
        place.end <= owner.start
        and owner.start - place.end <= 40
        and bool(rules.PART_OF_GAP.fullmatch(text, place.end, owner.start))
    )


def stand_in(text: str, unknown: EventPlace, places: list[EventPlace]) -> EventPlace | None:
    """The known place that says where an unknown one is, at the precision that
    allows: "the Kyivskyi district of Poltava" → Kyiv (2), "Zelenyi Hai, 40 km south of
    Kherson" → Kherson (3), "Zelenyi Hai near Izium" → Izium (2); else ``None``."""
    for q in places:
        if q.index < 0 or q.role != "place" or q.kind in ("country", "continent"):
            continue
        if q.start >= unknown.end and rules.QUALIFIER_GAP.fullmatch(text, unknown.end, q.start):
            return q  # "Zelenyi Hai (Kherson)": the region it is said to be in
        if possessed(text, q, unknown):
            fine = 2 if q.kind in ("city", "facility", "natural") else 3
            return dataclasses.replace(q, precision=max(q.precision, fine))
        if unknown.end <= q.start <= unknown.end + 70:
            gap = rules.REFERENCE_GAP.fullmatch(text, unknown.end, q.start)
            if gap is not None:
                return around_landmark(q, gap.group(0))
    return None


def as_landmark(text: str, p: EventPlace) -> EventPlace | None:
    """``p``, with the precision it can claim when it is named only as the landmark of
    the place before it ("X, 70 km northeast of Baghdad"); ``None`` when too far."""
    before = text[max(0, p.start - 20) : p.start].split()
    if not before or before[-1].lower() not in rules.LANDMARK_LAST_WORDS:
        return p  # the phrase ends "near", "of", "from", "outside"... or it is not one
    start = max(0, p.start - 90)
    if not rules.LANDMARK_TAIL.search(text, start, p.start):
        return p  # "the mayor of Sumy": no landmark phrase ends here
    gap = _landmark_before(text, start, p.start)
    return p if gap is None else around_landmark(p, gap.group(0))


# a run of the characters LANDMARK_BEFORE's name is made of, and the letter it opens with
_NAME_RUN = re.compile(r"[\w'’.-]+")
_NAME_LETTER = re.compile(r"[A-Z]", rules.LANDMARK_BEFORE.flags)


def _gap_word_run() -> re.Pattern | None:
    """A run of name characters that may lie whole inside a REFERENCE_GAP phrase: one
    made of the letters its words are written with (cut where a letter is optional:
    "miles?" gives "mile" and "s"), digits, hyphens and dots. ``None`` (every run may)
    when the phrase has a class or an escape that could match other word characters,
    but for the parenthesis "(...)", which :func:`_landmark_before` reads the slow way."""
    pattern = rules.REFERENCE_GAP.pattern
    classes = set(re.findall(r"\\[^sd,.()]|\[[^\]]*\]|(?<!\\)\.", pattern))
    if not classes <= {r"[\s,(]", r"[\d,.]", r"[^)]"} or re.search(r"[_'’]", pattern):
        return None
    words = re.sub(r"\(\?[a-zA-Z-]*:|\\.", " ", pattern)  # no group flags, no escapes
    words = re.sub(r"([^\W\d_])[?*+{]", r" \1 ", words)
    pieces = sorted(set(re.findall(r"[^\W\d_]+", words)), key=len, reverse=True)
    return re.compile(r"[-.]*(?:(?:" + "|".join(map(re.escape, pieces)) + r"|\d+)[-.]*)*",
                      rules.REFERENCE_GAP.flags)  # fmt: skip


_GAP_WORD_RUN = _gap_word_run()
# longer runs are taken as ones a phrase may hold, unread: their letters may split into
# its words in many ways, which the test above would try one by one
_GAP_WORD_RUN_MAX = 16


def _landmark_before(text: str, start: int, end: int) -> re.Match | None:
    """``rules.LANDMARK_BEFORE.search(text, start, end)``, tried only where a match can
    begin (the search itself tries every letter and, from each, every split of the rest
    of its word: most of a long report's time). A match begins at the first letter of a
    run of name characters (one from a later letter of the run is one from the first
    too), and the phrase after the name holds no run that no phrase may hold
    (:func:`_gap_word_run`: "houses" in "on houses near "), so the runs before the last
    such run are not tried."""
    runs = list(_NAME_RUN.finditer(text, start, end))
    first = 0
    if _GAP_WORD_RUN is not None and text.find("(", start, end) < 0:
        for k in range(len(runs) - 1, -1, -1):
            run = runs[k].group()
            if len(run) <= _GAP_WORD_RUN_MAX and not _GAP_WORD_RUN.fullmatch(run):
                first = k  # the name ends in this run at the earliest
                break
    for run in runs[first:]:
        letter = _NAME_LETTER.search(text, run.start(), run.end())
        if letter is not None:
            gap = rules.LANDMARK_BEFORE.match(text, letter.start(), end)
            if gap is not None:
                return gap
    return None


def around_landmark(landmark: EventPlace, gap: str) -> EventPlace | None:
    """``landmark`` standing for a place the ``gap`` phrase puts near it ("near",
    "50 km south of"); ``None`` past 150 km, too far for any precision we claim.

    With a distance and a direction from a town ("10 km south of Kramatorsk") the
    event stands at that offset from the town's point (``offset``), precision 2 up to
    rules.OFFSET_FINE_KM, else 3; otherwise at the landmark, precision 2 within 20 km,
    else 3."""
    km = gap_km(gap)
    if km is not None and km > 150:
        return None
    direction = rules.DIRECTION.search(gap)
    if km is not None and direction is not None and landmark.kind in ("city", "facility"):
        bearing = rules.BEARINGS[direction.group(1).lower().replace("-", "")]
        fine = 2 if km <= rules.OFFSET_FINE_KM else 3
        return dataclasses.replace(landmark, precision=max(landmark.precision, fine),
                                   offset=(km, bearing))  # fmt: skip
    fine = 2 if (km is None or km <= 20) and landmark.kind != "admin1" else 3
    return dataclasses.replace(landmark, precision=max(landmark.precision, fine))


def landmark_over_namesake(gaz, text: str, p: EventPlace, sent_places) -> EventPlace:
    """``p``, or the landmark the text names right after it ("Pavlivka, just south
    of Vuhledar") when ``p`` lies farther from it than the phrase allows (twice its
    distance, or rules.LANDMARK_NEAR_KM): the gazetteer's namesake is another
    village, and the landmark is what locates this one."""
    for q in sent_places:
        if q.start < p.end or q.start > p.end + 70 or q.index < 0 or q.role != "place":
            continue
        gap = rules.REFERENCE_GAP.fullmatch(text, p.end, q.start)
        if gap is None or q.kind not in ("city", "facility"):
            return p
        km = gap_km(gap.group(0))
        allowed = 2 * km if km is not None else rules.LANDMARK_NEAR_KM
        a, b = gaz.place(p.index), gaz.place(q.index)
        if great_circle_km(a.latitude, a.longitude, b.latitude, b.longitude) <= allowed:
            return p
        near = around_landmark(q, gap.group(0))
        if near is None:
            return p
        return dataclasses.replace(near, start=p.start, end=p.end)
    return p


def gap_km(gap: str) -> float | None:
    """The distance a landmark phrase gives, in km ("five kilometres", "3 miles")."""
    m = rules.DISTANCE.search(gap)
    if not m:
        return None
    number = m.group(1).lower()
    try:
        value = float(rules.NUMBER_WORDS.get(number) or number.replace(",", ""))
    except ValueError:
        return None
    return value * (1.609 if m.group(2).lower().startswith("mi") else 1.0)


def inside_of(text: str, p: EventPlace, places: list[EventPlace]) -> bool:
    """``p`` is named as part of another place: "Chile's northern Atacama"."""
    return any(possessed(text, q, p) for q in places)


def has_inner(text: str, p: EventPlace, places: list[EventPlace]) -> bool:
    """``p`` is the possessor of a place named right after it."""
    return any(possessed(text, p, q) for q in places)


def listed_with(text: str, place: EventPlace, places: list[EventPlace]) -> list[EventPlace]:
    """Places listed with ``place``: "in Donetsk and Luhansk", "Kramatorsk, Sloviansk"."""
    out = []
    ordered = sorted(places, key=lambda p: p.start)
    # by span: the place may have been widened ("near X") into a copy of itself
    k = next((i for i, p in enumerate(ordered) if (p.start, p.end) == (place.start, place.end)),
             None)  # fmt: skip
    if k is None:  # a place carried over from an earlier sentence
        return out
    for step in (1, -1):
        j = k
        while 0 <= j + step < len(ordered):
            a, b = (ordered[j], ordered[j + step]) if step == 1 else (ordered[j + step], ordered[j])
            # "Orikhiv (Zaporizhzhia Oblast) and Huliaipole": an address does not end a list
            gap = rules.PARENTHETICAL.sub("", text[a.end : b.start])
            if len(gap) > 7 or not rules.LIST_GAP.fullmatch(gap):
                break
            other = ordered[j + step]
            if other.role != "place" or other.kind in ("country", "continent"):
                pass
            elif ("," in gap and " and " not in f" {gap} "
                  and other.kind in ("admin1", "admin2", "region")
                  and not other.listed_unknown  # a listed village standing at its region
                  and not lex.LISTED_TYPE_WORD.match(text, a.end)):  # fmt: skip
                break  # "Zelenyi Yar, Donetsk region": a qualifier, not a list
            else:
                out.append(other)
            j += step
    return out
