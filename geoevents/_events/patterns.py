"""A caller's trigger or actor pattern checked: it compiles, needs a word, cannot run for ever.

Python's regular expressions backtrack: a pattern that repeats a repeat of the same
text ("(a+)+", "(\\w+\\s?)+") or repeats alternatives that overlap ("(a|aa)+") takes
time exponential in the length of a text it almost matches, so that one report can
hold a call for hours. The lexicon's own patterns are written without such shapes;
:func:`checked_pattern` refuses a caller's pattern that has one, before any text is
read, and one that matches an empty text (it would make every position of every
report an event word).
"""

from __future__ import annotations

import re
from re import _constants as _c
from re import _parser as _p

from .._errors import InvalidInputError

__all__ = ["MAX_PATTERN_CHARS", "checked_pattern"]

# a trigger or an actor is a word or a phrase: a pattern longer than this is no word list
# (the lexicon's longest is under 300 characters)
MAX_PATTERN_CHARS = 2_000

_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)
# a repeat of at most this many ("(?:\\w+\\s+){0,2}": up to two words) can only try a
# few ways to cut a text: no shape inside it takes long
_FEW = 4


def checked_pattern(pattern, where: str) -> str:
    """``pattern`` stripped, once it is a str that compiles, matches no empty text, and
    has no repeat that can match the same text in exponentially many ways; else an
    :class:`InvalidInputError` naming ``where`` (e.g. "triggers, line 3").

    Examples
    --------
    >>> checked_pattern(" sabotag(?:e|ed) ", "triggers, line 1")
    'sabotag(?:e|ed)'
    >>> checked_pattern("(?:heavy\\\\s+)+shelling", "x")  # a repeat, but of a word
    '(?:heavy\\\\s+)+shelling'
    >>> checked_pattern("(a+)+$", "triggers, line 2")
    Traceback (most recent call last):
    ...
    geoevents._errors.InvalidInputError: triggers, line 2: pattern '(a+)+$' repeats a \
repeat that can match the same text in many ways, which can take hours on one report; \
write it with one repeat (e.g. 'a+' for '(a+)+')
    """
    if not isinstance(pattern, str):
        raise InvalidInputError(f"{where}: pattern must be text, not {type(pattern).__name__}")
    pattern = pattern.strip()
    shown = repr(pattern[:60] + ("…" if len(pattern) > 60 else ""))
    if len(pattern) > MAX_PATTERN_CHARS:
        raise InvalidInputError(
            f"{where}: pattern {shown} is longer than {MAX_PATTERN_CHARS:,} characters: "
            f"give a word or a phrase"
        )
    try:
        re.compile(pattern)
        tree = _p.parse(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        raise InvalidInputError(f"{where}: bad pattern {shown}: {exc}") from None
    if _min_width(list(tree)) == 0:  # "", ".*", "\\b", "(?:raid)?"
        raise InvalidInputError(
            f"{where}: pattern {shown} matches an empty text, so every position of every "
            f"report would match; make it need a word"
        )
    if _ambiguous(list(tree)):
        raise InvalidInputError(
            f"{where}: pattern {shown} repeats a repeat that can match the same text in many "
            f"ways, which can take hours on one report; write it with one repeat (e.g. 'a+' "
            f"for '(a+)+')"
        )
    return pattern


def _ambiguous(items: list) -> bool:
    """Whether a parsed sequence has a repeat of many (more than _FEW) whose body can
    match the same text in many ways: one repeat of many whose neighbours in the body
    can all be empty ("(a+)+", "((a+)?)+", "(\\w+\\s?)+"), or alternatives that may
    start alike ("(a|aa)+")."""
    for op, av in items:
        if op in _REPEATS:
            _low, high, body = av
            body = list(body)
            if high > _FEW and (_loose_body(body) or _overlapping_branch(body)):
                return True
            if _ambiguous(body):
                return True
        elif op == _c.SUBPATTERN:
            if _ambiguous(list(av[-1])):
                return True
        elif op == _c.BRANCH:
            if any(_ambiguous(list(alt)) for alt in av[1]):
                return True
        elif op in (_c.ASSERT, _c.ASSERT_NOT) and _ambiguous(list(av[1])):
            return True
    return False


def _loose_body(body: list) -> bool:
    """A repeat's body with a repeat of more than one item whose neighbours can all be
    empty, or with two repeats of the same item: each text it matches can be cut into
    runs in many ways. (Two runs of different items that overlap, "(\\w+\\d+)+", are
    not told apart: the lexicon reads word lists, where such shapes are rare.)"""
    parts = _parts(body)
    runs = [k for k, (op, av) in enumerate(parts) if op in _REPEATS and av[1] > 1]
    for k in runs:
        others = parts[:k] + parts[k + 1 :]
        if all(_min_width([item]) == 0 for item in others):
            return True
    # two runs of the same thing side by side ("(x+x+)+"): where one ends is anyone's guess
    bodies = [repr(list(parts[k][1][2])) for k in runs]
    return len(set(bodies)) < len(bodies)


def _parts(items: list) -> list:
    """A sequence with its groups opened, and an optional item ("x?") opened as well
    when it holds a repeat (its own width is 0 either way)."""
    out = []
    for op, av in items:
        if op == _c.SUBPATTERN:
            out.extend(_parts(list(av[-1])))
        elif op in _REPEATS and av[1] == 1 and any(o in _REPEATS for o, _ in _parts(list(av[2]))):
            out.extend(_optional(_parts(list(av[2]))))
        else:
            out.append((op, av))
    return out


def _optional(parts: list) -> list:
    """``parts`` each made optional (min 0): what an optional group's items are."""
    return [(op, (0, av[1], av[2])) if op in _REPEATS else (_c.MAX_REPEAT, (0, 1, [(op, av)]))
            for op, av in parts]  # fmt: skip


def _overlapping_branch(body: list) -> bool:
    """A repeat's body of alternatives two of which may start with the same character
    ("(a|aa)+", "(?:shell|shelled)+")."""
    for op, av in _parts(body):
        if op == _c.BRANCH:
            starts = [_first(list(alt)) for alt in av[1]]
            if any(s is None for s in starts) or len(set(starts)) < len(starts):
                return True
    return False


def _first(items: list):
    """The literal character a sequence must start with, or None when it may start with
    a class, a repeat, a group or nothing."""
    parts = _parts(items)
    if parts and parts[0][0] == _c.LITERAL:
        return parts[0][1]
    return None


def _min_width(items: list) -> int:
    """The fewest characters a parsed sequence can match."""
    try:
        return _p.SubPattern(_p.State(), items).getwidth()[0]
    except Exception:  # an unusual shape: take the careful answer
        return 0
