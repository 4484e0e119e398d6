"""A report read sentence by sentence: its memos, and a long one read in sections by forks.

A report longer than ``SECTION_CHARS`` characters is read in sections of about that
size, cut where a paragraph (else a sentence) starts, as :func:`~geoevents.geoparse`
reads a long text: each section has the context of its own places, the report's lead
date and what the collection was about before the report. Sections are read by forked
processes when more than one core may be used; their rows are joined as reading them
one after the other does (:func:`merge_rows`), so that the events are the same for any
``n_jobs`` (issue 15: a 10 MB report in under a minute, memory bounded by a section).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator

from .._geoparse.sections import SECTION_CHARS  # the geoparser's section, shared
from . import dates as _dates
from . import rules
from .clauses import sentences
from .places import EventPlaces
from .records import EventPlace
from .status import hedges

__all__ = [
    "SECTION_CHARS", "Hedges", "ReportDates", "Spans", "event_sentences", "max_none", "merge_rows",
    "read_parts", "report_sections",
]  # fmt: skip

# (a report longer than SECTION_CHARS, the geoparser's section, is read in sections
# of about that size: a second or two of reading each on one core)
# how far past a section's size its cut may go to fall where a paragraph starts
_PARAGRAPH_REACH = 20_000
_SENTENCE_REACH = 5_000  # ... else where a sentence starts

_STATE: Callable | None = None  # what reads part k, for the forked workers


def report_sections(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sections of a report: one for a report of at most
    ``SECTION_CHARS`` characters; else cut where a paragraph starts past every
    ``SECTION_CHARS`` characters, else where a sentence starts, else after a space.

    Examples
    --------
    >>> report_sections("Shelling hit Kharkiv.")
    [(0, 21)]
    >>> text = "Drones hit Sumy. " * 20_000
    >>> parts = report_sections(text)
    >>> len(parts), parts[0][1] % 17, parts[-1][1] == len(text)
    (2, 0, True)
    """
    bounds = []
    a, n = 0, len(text)
    while n - a > SECTION_CHARS:
        cut = a + SECTION_CHARS
        nl = text.find("\n", cut, cut + _PARAGRAPH_REACH)
        if nl >= 0:
            cut = nl + 1
        else:
            starts = [s for s, _e in sentences(text[cut : cut + _SENTENCE_REACH])[1:2]]
            if starts:
                cut += starts[0]
            else:
                space = text.find(" ", cut, cut + _PARAGRAPH_REACH)
                cut = space + 1 if space >= 0 else cut
        if cut >= n:
            break
        bounds.append((a, cut))
        a = cut
    bounds.append((a, n))
    return bounds


def read_parts(read: Callable[[int], object], n: int, jobs: int) -> Iterator:
    """``read(0)``, ..., ``read(n - 1)`` in order (the sections of a report, the blocks
    of a collection): in this process, or by ``jobs`` forked ones when ``jobs`` > 1 and
    there are two parts or more (see :func:`~geoevents._workers.fork_map`: they share
    this process's memory as it was, ignore Ctrl-C and stop with this process).

    >>> list(read_parts(lambda k: k * k, 3, jobs=1))
    [0, 1, 4]
    """
    if jobs <= 1 or n <= 1:
        yield from map(read, range(n))
        return
    from .._workers import fork_map

    global _STATE
    _STATE = read
    try:
        yield from fork_map(_read_forked, n, jobs)
    finally:
        _STATE = None


def _read_forked(k: int):
    """Read part ``k`` in a forked worker (see :func:`read_parts`)."""
    return _STATE(k)


def merge_rows(rows: dict, later: dict) -> None:
    """Add the rows of a later section to ``rows``: for a key both have, the later row
    replaces only a less sure one (the first surest reading stands, as in one pass),
    and the row kept has the larger stated fatalities of the two.

    Examples
    --------
    >>> rows = {"a": {"confidence": 0.5, "fatalities": 3}}
    >>> merge_rows(rows, {"a": {"confidence": 0.5, "fatalities": 7},
    ...                   "b": {"confidence": 0.2, "fatalities": None}})
    >>> rows
    {'a': {'confidence': 0.5, 'fatalities': 7}, 'b': {'confidence': 0.2, 'fatalities': None}}
    """
    for key, row in later.items():
        old = rows.get(key)
        if old is None:
            rows[key] = row
        elif row["confidence"] > old["confidence"]:
            row["fatalities"] = max_none(row["fatalities"], old["fatalities"])
            rows[key] = row
        else:
            old["fatalities"] = max_none(old["fatalities"], row["fatalities"])


def event_sentences(reader: EventPlaces, text: str, sents: list[tuple[int, int]],
                    places: list[EventPlace], in_sentence) -> list[tuple]:  # fmt: skip
    """The report's sentences that may tell of an event, in order: (number, start,
    end, triggers, places, the place named last before it) of each sentence with an
    event word and a place, or a phrase that points back to the last one ("in the
    area"); ``reader`` reads the places of reports, ``in_sentence(s, e)`` gives the
    event words of ``text[s:e]``."""
    steps = []
    pi = 0
    last_place: EventPlace | None = None
    for n, (s, e) in enumerate(sents):
        triggers = in_sentence(s, e)
        if not triggers:
            continue
        while pi < len(places) and places[pi].start < s:
            pi += 1
        k = pi
        while k < len(places) and places[k].start < e:
            k += 1
        anchors = [te for _ts, te, _t in triggers]
        sent_places = reader.qualified(text, s, e, places[pi:k], anchors)
        previous_place = last_place
        for p in sent_places:  # the latest place named, for "in the area" later on
            if (p.role == "place" and not reader.whole_country(p)
                    and not reader.is_water(text, p)):  # fmt: skip
                last_place = p
        if sent_places or (previous_place is not None and rules.ANAPHORA.search(text[s:e])):
            steps.append((n, s, e, triggers, sent_places, previous_place))
    return steps


def max_none(a, b):
    """The larger of two numbers either of which may be ``None`` (unknown).

    >>> max_none(None, 3), max_none(2, None), max_none(2, 5), max_none(None, None)
    (3, 2, 5, None)
    """
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


class ReportDates:
    """The date expressions of one report, found once per sentence; ``lead`` is the
    first date of its first two sentences (a dateline, a lead), or the one given (a
    section's report's lead, which may be None)."""

    def __init__(self, text: str, published, sents: list[tuple[int, int]],
                 lead=False) -> None:  # fmt: skip
        self.text = text
        self.published = published
        self._found: dict[tuple[int, int], list] = {}
        self.lead = None if lead is False else lead  # given: the lead of the whole report
        for s, e in sents[:2] if lead is False else ():
            found = self.found(s, e)
            if found:
                self.lead = found[0]
                break

    def found(self, s: int, e: int) -> list:
        """Every date expression in ``text[s:e]``."""
        if (s, e) not in self._found:
            self._found[(s, e)] = _dates.find_dates(self.text, s, e, self.published)
        return self._found[(s, e)]

    def in_sentence(self, s: int, e: int) -> list:
        """The dates of ``text[s:e]`` an event there may have (not those bounding a
        period: "since 3 May")."""
        text = self.text
        return [d for d in self.found(s, e)
                if not rules.SINCE.search(text[max(s, d.start - 60) : d.start])]  # fmt: skip


class Hedges:
    """Whether the sentences of a report hedge (rules.HEDGE_UNCONFIRMED), read once each
    and only for those asked about (a long report's event sentences and the ones after
    them)."""

    def __init__(self, text: str, sents: list[tuple[int, int]], in_sentence) -> None:
        self.text = text
        self.sents = sents
        self.in_sentence = in_sentence  # the triggers of a sentence
        self._hedged: dict[int, bool] = {}

    def unconfirmed(self, n: int) -> bool:
        """Whether sentence ``n`` hedges."""
        if n not in self._hedged:
            s, e = self.sents[n]
            self._hedged[n] = hedges(self.text[s:e])
        return self._hedged[n]

    def after(self, n: int) -> bool:
        """Whether a hedge standing alone after sentence ``n`` qualifies it: the next
        sentence hedges and tells of no event itself."""
        return (n + 1 < len(self.sents) and self.unconfirmed(n + 1)
                and not self.in_sentence(*self.sents[n + 1]))  # fmt: skip


class Spans:
    """A report's place spans, sorted, with those that touch a sentence found by bisection
    (a long report has thousands: a sentence must not read them all)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _b in self.spans]
        self.longest = max((b - a for a, b in self.spans), default=0)

    def about(self, s: int, e: int) -> list[tuple[int, int]]:
        """The spans that start before ``e`` and end at ``s`` or later, in order: all
        that :func:`~.places.unresolved_names` reads for the sentence ``text[s:e]``."""
        lo = bisect_left(self.starts, s - self.longest)
        hi = bisect_left(self.starts, e)
        return [(a, b) for a, b in self.spans[lo:hi] if b >= s]
