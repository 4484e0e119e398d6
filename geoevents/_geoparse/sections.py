"""Sections of long texts: where a long text is cut for resolving and for parsing, and span checks.

Resolution reads a text's other places as context; a very long text is resolved in
sections of about ``CONTEXT_CHARS`` characters, so that time stays linear in its
length, and parsed in sections of about ``SECTION_CHARS``, so that memory stays bounded.
"""

from __future__ import annotations

import itertools

import numpy as np

from .._errors import InvalidInputError

__all__ = ["CONTEXT_CHARS", "SECTION_CHARS", "check_spans", "context_sections", "sections"]

CONTEXT_CHARS = 30_000  # resolution context of a long text: sections of this size
SECTION_CHARS = 200_000  # a longer text is parsed in sections of about this size


def context_sections(text: str, mentions: list):
    """The mentions (in text order) in sections of about ``CONTEXT_CHARS`` characters:
    one section for a text no longer than that."""
    if len(text) <= CONTEXT_CHARS:
        yield mentions
        return
    section: list = []
    end = CONTEXT_CHARS
    for m in mentions:
        if m.start >= end and section:
            yield section
            section = []
            end = m.start + CONTEXT_CHARS
        section.append(m)
    yield section


def sections(text: str, spans) -> list[tuple[int, int]]:
    """Cut points of a long text: after a line break (else a space) near every
    ``SECTION_CHARS`` characters, never inside a given span."""
    covered = sorted(spans or [])
    bounds = []
    a = 0
    n = len(text)
    while a < n:
        cut = a + SECTION_CHARS
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


def check_spans(text: str, spans) -> list[tuple[int, int]] | None:
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
