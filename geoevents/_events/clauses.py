"""Clauses: a report in, its sentences (start, end) out, abbreviations and line breaks respected."""

from __future__ import annotations

from . import rules

__all__ = ["sentences"]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence (a line break also ends one).

    Examples
    --------
    >>> t = "Mr. Smith arrived. Strikes hit Kyiv! Gen. Ivanov said so."
    >>> [t[s:e] for s, e in sentences(t)]
    ['Mr. Smith arrived.', 'Strikes hit Kyiv!', 'Gen. Ivanov said so.']
    """
    out = []
    start = 0
    for m in rules.BOUNDARY.finditer(text):
        cut = m.start()
        # the words before the boundary (not all the sentence: it may run on for pages)
        before = text[max(start, cut - _TAIL) : cut].rstrip()
        if not before and cut - _TAIL > start:
            before = text[start:cut].rstrip()
        last = before.rsplit(None, 1)[-1] if before.strip() else ""
        word = last.rstrip(".").lower()
        if "\n" not in m.group() and (
            word in rules.ABBREVIATIONS or (len(word) == 1 and word.isalpha())
        ):
            continue  # "Mr. Smith", "J. Smith"
        if before.strip():
            out.append((start + len(text[start:cut]) - len(text[start:cut].lstrip()), cut))
        start = m.end()
    rest = text[start:]
    if rest.strip():
        lead = len(rest) - len(rest.lstrip())
        out.append((start + lead, len(text.rstrip())))
    return [piece for s, e in out if e > s for piece in _pieces(text, s, e)]


_TAIL = 64  # characters before a boundary that hold its last word (none is longer)


def _pieces(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """``text[s:e]``, or, when longer than rules.MAX_SENTENCE_CHARS, its pieces of at
    most that length, each cut after the last comma (else space) of its second half.

    Examples
    --------
    >>> t = "shelling near Sumy, " * 150
    >>> [(a, b - a) for a, b in _pieces(t, 0, len(t) - 2)]
    [(0, 1999), (2000, 998)]
    """
    limit = rules.MAX_SENTENCE_CHARS
    out = []
    while e - s > limit:
        cut = clause = None
        for m in rules.PIECE_CUT.finditer(text, s + limit // 2, s + limit):
            cut = m
            if m.group()[0] in ",;:":
                clause = m
        cut = clause or cut
        if cut is None:
            out.append((s, s + limit))  # no space in a thousand characters: cut anywhere
            s += limit
        else:
            out.append((s, cut.start() + (cut.group()[0] in ",;:")))
            s = cut.end()
    out.append((s, e))
    return [(a, b) for a, b in out if b > a]
