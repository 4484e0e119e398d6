"""How sure and how bad: a sentence in, its status, its dead, and whether a trigger tells news."""

from __future__ import annotations

from . import rules
from .quick import QuickTest

__all__ = ["fatalities_in", "hedges", "is_news", "status_of"]

# the words every match of these rules holds, looked for first (most sentences hold none)
_UNCONFIRMED, _CLAIMED, _DEATHS, _PAST_YEAR = (
    QuickTest(rules.HEDGE_UNCONFIRMED), QuickTest(rules.HEDGE_CLAIMED),
    QuickTest(rules.DEATH_HINT), QuickTest(rules.PAST_YEAR),
)  # fmt: skip


def hedges(text: str) -> bool:
    """Whether ``text`` hedges what it tells (rules.HEDGE_UNCONFIRMED)."""
    return _UNCONFIRMED.may_match(text) and bool(rules.HEDGE_UNCONFIRMED.search(text))


def status_of(sentence: str, *, unconfirmed: bool | None = None) -> str:
    """``unconfirmed`` when the sentence hedges, ``claimed`` when a side claims, else
    ``reported`` (``unconfirmed``: whether it hedges, when that has been read already).

    Examples
    --------
    >>> status_of("Drones reportedly hit a depot."), status_of("The army claimed the town.")
    ('unconfirmed', 'claimed')
    """
    if unconfirmed is None:
        unconfirmed = hedges(sentence)
    if unconfirmed:
        return "unconfirmed"
    if _CLAIMED.may_match(sentence) and rules.HEDGE_CLAIMED.search(sentence):
        return "claimed"
    return "reported"


def _number(token: str) -> int | None:
    token = token.lower().replace(",", "")
    if token.isdigit():
        return int(token)
    return rules.NUMBER_WORDS.get(token)


def fatalities_in(text: str) -> int | None:
    """The number of people a sentence says were killed, or ``None`` if it says none.

    Examples
    --------
    >>> fatalities_in("The strike killed at least 12 people and wounded 30.")
    12
    >>> fatalities_in("Three civilians were killed."), fatalities_in("No fatalities reported.")
    (3, 0)
    """
    if rules.CYRILLIC.search(text):
        found = _cyrillic_fatalities(text)
        if found is not None:
            return found  # else an English sentence naming a place in Cyrillic
    if not (_DEATHS.may_match(text) and rules.DEATH_HINT.search(text)):
        return None  # quick exit: most sentences speak of no deaths
    if rules.NO_FATALITIES.search(text):
        return 0
    best = None
    for m in rules.FATALITIES.finditer(text):
        n = _number(m.group("n") or m.group("n2") or m.group("n3") or "")
        if n is None:
            continue
        around = text[m.start() : m.end() + 25]
        if m.group("n") and not rules.KILL_WORD.search(around):
            continue
        best = n if best is None else max(best, n)
    return best


def _cyrillic_fatalities(text: str) -> int | None:
    """:func:`fatalities_in` of a Ukrainian or Russian sentence ("загинули двоє
    цивільних", "погибли три человека", "Загиблих немає")."""
    if rules.CYRILLIC_NO_FATALITIES.search(text):
        return 0
    best = None
    for m in rules.CYRILLIC_FATALITIES.finditer(text):
        token = (m.group("n") or m.group("n2")).lower()
        n = int(token) if token.isdigit() else rules.CYRILLIC_NUMBERS.get(token)
        if n is not None:
            best = n if best is None else max(best, n)
    return best


def is_news(text: str, s: int, e: int, ts: int, te: int, art) -> bool:
    """Whether the trigger at ``ts:te`` (in the sentence ``s:e``) tells of something
    that happened: not what might ("could strike", "preparing for another attack"),
    not how a place is ("in occupied Melitopol"), not history ("Crimea, which Moscow
    annexed in 2014", older than the report)."""
    if rules.HYPOTHETICAL.search(text[max(s, ts - 45) : ts]):
        return False
    if text[ts:te].lower() in rules.DESCRIPTOR_WORDS and rules.DESCRIPTOR_BEFORE.search(
        text, max(s, ts - 25), ts
    ):
        return False
    a, b = max(s, ts - 40), min(e, te + 25)
    old = rules.PAST_YEAR.search(text, a, b) if _PAST_YEAR.may_match(text, a, b) else None
    return not (old and art.published is not None and int(old.group(1)) < art.published.year)
