"""Quick tests before a rule's regex: the words every match of it holds, looked for first.

Most of a long report's time went to rules read over every sentence (a hedge, a date,
a death) that match in few of them. :class:`QuickTest` reads, from the parsed regex,
words one of which every match holds ("claim", "asserted", "purported"), a digit, or a
Cyrillic letter, and looks for them in the text in lower case (:func:`folded`), which
is many times faster than the regex; only where one is found does the regex run. The
test never says no where the regex would match: Python's case-insensitive matching
also takes "ı" and "İ" for "i", "ſ" for "s" and the Kelvin sign for "k", which
:func:`folded` writes so, and a Cyrillic letter of a rule is one of
``[\u0400-\u04ff]`` read case-insensitively, which the test looks for as such. A regex
whose words cannot be read (a class of letters, an optional start) gets a test that
always says yes.
"""

from __future__ import annotations

import re
from re import _constants as _c
from re import _parser as _sre_parse

__all__ = ["QuickTest", "folded"]

_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})
_CYRILLIC = re.compile("[\u0400-\u04ff]", re.IGNORECASE)
_DIGIT, _CYR = "\\d", "cyrillic"  # a digit, a Cyrillic letter: needs other than a word
_ANY_DIGIT = re.compile(r"\d")  # a digit of any script, in text that is not ASCII
_FEW_WORDS = 4  # more words than this are looked for with an Aho-Corasick automaton


def folded(text: str) -> str:
    """``text`` in lower case, one character for one: every character that Python's
    case-insensitive matching takes for an ASCII letter is that letter."""
    if text.isascii() or not ("\u0130" in text or "\u0131" in text or "\u017f" in text):
        return text.lower()  # (İ is the one letter whose lower case is two characters)
    return text.translate(_FOLD).lower()


class QuickTest:
    """Whether ``pattern`` may match in a stretch of text (see the module docstring).

    Examples
    --------
    >>> claim = QuickTest(re.compile(r"\\b(?:claim(?:s|ed)?|asserted)\\b", re.IGNORECASE))
    >>> claim.words, claim.may_match("The army CLAIMED the town."), claim.may_match("It fell.")
    (('asserted', 'claim'), True, False)
    """

    def __init__(self, pattern: re.Pattern) -> None:
        needs = _needs(list(_sre_parse.parse(pattern.pattern, pattern.flags)))
        self.always = needs is None
        needs = needs or set()
        self.cyrillic = _CYR in needs
        self.digit = _DIGIT in needs
        self.words = tuple(sorted(w for w in needs if w not in (_DIGIT, _CYR)))
        # what is looked for in the text in lower case: the words, and the ASCII digits
        self._looked_for = self.words + (tuple("0123456789") if self.digit else ())
        self._automaton = None  # many are looked for in one pass
        if len(self._looked_for) > _FEW_WORDS:
            import ahocorasick

            self._automaton = ahocorasick.Automaton()
            for word in self._looked_for:
                self._automaton.add_word(word, word)
            self._automaton.make_automaton()

    def may_match(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """False only when no match of the pattern lies in ``text[start:end]``."""
        if self.always:
            return True
        part = text[start:end]
        if part.isascii():
            low = part.lower()
        elif (self.cyrillic and _CYRILLIC.search(part)) or (self.digit and _ANY_DIGIT.search(part)):
            return True
        else:
            low = folded(part)
        if self._automaton is not None:
            return next(self._automaton.iter(low), None) is not None
        return any(word in low for word in self._looked_for)


def _needs(items: list) -> set[str] | None:
    """What every match of the parsed sequence ``items`` holds, one of: its words (ASCII,
    lower case), _DIGIT, _CYR; or None when that cannot be read. Of what each part of
    the sequence needs, the surest to be rare is kept (the longest shortest word)."""
    options: list[set[str]] = []
    run = ""
    for op, arg in [*items, (None, None)]:
        if op is _c.LITERAL and arg < 128:
            run += chr(arg)
            continue
        if run:
            options.append({run.lower()})
            run = ""
        if op is _c.LITERAL and 0x400 <= arg <= 0x4FF:
            options.append({_CYR})
        elif op is _c.IN:
            got = _class_needs(arg)
            if got is not None:
                options.append(got)
        elif op is _c.SUBPATTERN:
            got = _needs(list(arg[-1]))
            if got is not None:
                options.append(got)
        elif op is _c.BRANCH:
            branches = [_needs(list(b)) for b in arg[1]]
            if all(b is not None for b in branches):
                options.append(set().union(*branches))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and arg[0] >= 1:
            got = _needs(list(arg[2]))
            if got is not None:
                options.append(got)
        elif op is _c.ASSERT and arg[0] == 1:  # a lookahead: what it reads is in the text
            got = _needs(list(arg[1]))
            if got == {_CYR}:
                options.append(got)
    if not options:
        return None
    return max(options, key=lambda o: (min(3 if w in (_DIGIT, _CYR) else len(w) for w in o),
                                       -len(o)))  # fmt: skip


def _class_needs(arg) -> set[str] | None:
    """What a character class needs: a digit (``\\d``), one of its ASCII characters, a
    Cyrillic letter (``[\u0400-\u04ff]``); None for any other class."""
    if arg == [(_c.CATEGORY, _c.CATEGORY_DIGIT)]:
        return {_DIGIT}
    if arg == [(_c.RANGE, (0x400, 0x4FF))]:
        return {_CYR}
    if all(op is _c.LITERAL and a < 128 for op, a in arg):
        return {chr(a).lower() for _op, a in arg}
    return None
