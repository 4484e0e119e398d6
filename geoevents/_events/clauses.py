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
    return [(s, e) for s, e in out if e > s]
