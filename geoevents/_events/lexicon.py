"""The event lexicon: trigger words (what happened) and actor names (who), as data.

Both live in CSV files in ``geoevents/data`` (``triggers.csv``, ``actors.csv``)
and can be extended: :meth:`EventLexicon.extend` takes CSV paths or DataFrames
with the same columns.

``triggers.csv``: ``pattern`` (a regular expression, matched case-insensitively at
word boundaries; ``|`` separates alternatives), ``event_type`` and
``sub_event_type`` (ACLED's taxonomy), ``weight`` (0-1: how surely the word means
that event) and ``note``. Where alternatives of several rows match at the same
place, the longest match wins ("air strikes" beats "strikes").

``actors.csv``: ``pattern`` and the normalised ``actor`` name (case matters: "DPR").

Both files hold Ukrainian and Russian rows beside the English ones, mapped to the same
event types and actor names. An alternative written in Cyrillic letters is matched
case-insensitively (also as an actor: "Ворог" opens a sentence, "ворог" goes on), and
only in text that has a Cyrillic letter, so English reads as fast as without them.
"""

from __future__ import annotations

import csv
import functools
import io
import numbers
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .._errors import InvalidInputError
from .patterns import checked_pattern
from .rules import CYRILLIC

__all__ = ["EVENT_TYPES", "EventLexicon"]

EVENT_TYPES = {  # ACLED's event types and sub-event types
    "Battles": (
        "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": (
        "Excessive force against protesters", "Protest with intervention", "Peaceful protest",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}  # fmt: skip
CONFLICT_TYPES = frozenset(("Battles", "Explosions/Remote violence", "Violence against civilians"))


@dataclass(frozen=True, slots=True)
class Trigger:
    event_type: str
    sub_event_type: str
    weight: float


def _alternatives(pattern: str) -> list[str]:
    """Split a regex at its top-level ``|``."""
    out, depth, start = [], 0, 0
    escaped = False
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return [p.strip() for p in out if p.strip()]


def _parse(pattern: str):
    try:
        from re import _parser as sre_parse
    except ImportError:  # pragma: no cover - Python < 3.11
        import sre_parse  # type: ignore[no-redef]
    return sre_parse.parse(pattern)


def _required_literals(pattern: str, fold: bool = True) -> list[str]:
    """Literal texts one of which every match of ``pattern`` contains ([] if none is
    known): the longest literal run, or one run per branch of an alternation
    ("(?:people|residents) gathered" needs "gathered"; "(?:shot|beat) a man" needs
    "shot" or "beat").

    Lets the matcher skip patterns none of whose literals occur in a sentence.
    """
    from re import _constants as c

    def runs_of(items) -> list[str]:
        """Literal runs that every match of the sequence ``items`` contains."""
        runs: list[str] = []
        current = ""
        for op, arg in items:
            if op is c.LITERAL:
                current += chr(arg)
                continue
            if op is c.SUBPATTERN and arg[-1]:
                sub = list(arg[-1])
                if all(o is c.LITERAL for o, _ in sub):
                    current += "".join(chr(a) for _, a in sub)
                    continue
                runs.append(current)
                current = ""
                runs.extend(runs_of(sub))
                continue
            if op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
                runs.append(current)
                current = ""
                runs.extend(runs_of(list(arg[2])))
                continue
            runs.append(current)
            current = ""
        runs.append(current)
        return [r for r in runs if r]

    def branch_sets(items) -> list[list[str]]:
        """For each alternation in the sequence, the best literal of each branch."""
        sets = []
        for op, arg in items:
            if op is c.SUBPATTERN and arg[-1]:
                sets.extend(branch_sets(list(arg[-1])))
            elif op is c.BRANCH:
                best = [max(runs_of(list(b)), key=len, default="") for b in arg[1]]
                if all(len(x) >= 3 for x in best):
                    sets.append(best)
        return sets

    try:
        items = list(_parse(pattern))
    except Exception:  # pragma: no cover - an unusual pattern: no filtering
        return []
    single = max(runs_of(items), key=len, default="")
    if len(single) >= 3:
        found = [single]
    else:
        options = branch_sets(items)
        if not options:
            return []
        found = min(options, key=len)
    return sorted({x.lower() if fold else x for x in found})


def _max_width(pattern: str) -> int:
    """The longest text ``pattern`` can match, with what its lookaheads read after it
    ("звільнили(?! з посади)" must see " з посади"), or -1 when unbounded (or unknown)."""
    # a word is taken to be at most 40 characters long and a run of spaces at most 10, so
    # that "(?:\\w+ ){0,3}" has a bound
    bounded = (
        pattern.replace(r"\w+", r"\w{1,40}")
        .replace(r"\s+", r"\s{1,10}")
        .replace(r"\d+", r"\d{1,12}")
    )
    try:
        parsed = _parse(bounded)
        width = parsed.getwidth()[1] + _lookahead_width(list(parsed))
    except Exception:  # pragma: no cover - an unusual pattern: scan the whole window
        return -1
    return width if width < 4096 else -1


def _lookahead_width(items) -> int:
    """The most text any lookahead in the parsed ``items`` reads."""
    from re import _constants as c

    widest = 0
    for op, arg in items:
        if op in (c.ASSERT, c.ASSERT_NOT) and arg[0] == 1:
            widest = max(widest, arg[1].getwidth()[1] + _lookahead_width(list(arg[1])))
        elif op is c.SUBPATTERN:
            widest = max(widest, _lookahead_width(list(arg[-1])))
        elif op is c.BRANCH:
            widest = max([widest] + [_lookahead_width(list(b)) for b in arg[1]])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            widest = max(widest, _lookahead_width(list(arg[2])))
    return widest


class _Matcher:
    """Many regex alternatives, matched fast.

    An Aho-Corasick automaton finds, in one pass, which required literals occur;
    only the alternatives holding one of them run, and a bounded alternative runs
    only on the stretch of text around each occurrence that a match could cover.
    Overlapping matches resolve to the longest.
    """

    def __init__(self, alternatives: list[str], flags: int) -> None:
        import ahocorasick

        self._patterns = [re.compile(rf"\b(?:{p})\b", flags) for p in alternatives]
        self._fold = bool(flags & re.IGNORECASE)
        literals = [_required_literals(p, self._fold) for p in alternatives]
        self._width = [_max_width(p) for p in alternatives]
        self._always = [i for i, lits in enumerate(literals) if not lits]
        by_literal: dict[str, list[int]] = {}
        for i, lits in enumerate(literals):
            for lit in lits:
                by_literal.setdefault(lit, []).append(i)
        self._automaton = ahocorasick.Automaton()
        for lit, ids in by_literal.items():
            self._automaton.add_word(lit, (len(lit), tuple(ids)))
        if by_literal:
            self._automaton.make_automaton()
        self._any = bool(by_literal)

    def _windows(self, text: str, start: int, end: int) -> dict[int, list[tuple[int, int]]]:
        """For each alternative worth running, the stretches of text to run it on."""
        window = text[start:end]
        haystack = window.lower() if self._fold else window
        exact = len(haystack) == len(window)  # str.lower() keeps offsets for nearly all text
        runs: dict[int, list[tuple[int, int]]] = {i: [(start, end)] for i in self._always}
        if not self._any:
            return runs
        for last, (n, ids) in self._automaton.iter(haystack):
            lit_start = start + last + 1 - n
            for i in ids:
                w = self._width[i]
                if w < 0 or not exact:
                    runs[i] = [(start, end)]
                    continue
                spans = runs.setdefault(i, [])
                if spans and spans[-1] == (start, end):
                    continue
                a = max(start, lit_start + n - w)
                b = min(end, lit_start + w)
                while b < end and (text[b].isalnum() or text[b] == "_"):
                    b += 1  # never cut a word: a boundary at the cut would be false
                if spans and a <= spans[-1][1]:
                    spans[-1] = (spans[-1][0], max(b, spans[-1][1]))
                else:
                    spans.append((a, b))
        return runs

    def finditer(self, text: str, start: int, end: int) -> list[tuple[int, int, int]]:
        """(start, end, alternative) of non-overlapping matches, leftmost-longest."""
        found = []
        for i, spans in self._windows(text, start, end).items():
            pattern = self._patterns[i]
            seen_end = -1
            for a, b in spans:
                for m in pattern.finditer(text, max(a, seen_end), b):
                    found.append((m.start(), m.end(), i))
                    seen_end = m.end()
        return _leftmost_longest(found)


def _leftmost_longest(found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The non-overlapping ones of (start, end, alternative) matches: at each place the
    longest (then the first alternative), left to right."""
    if len(found) < 2:
        return found
    found.sort(key=lambda x: (x[0], -(x[1] - x[0]), x[2]))
    out = []
    last_end = -1
    for s, e, i in found:
        if s >= last_end:
            out.append((s, e, i))
            last_end = e
    return out


class _Scripts:
    """A :class:`_Matcher` for the Latin-script alternatives and one for the Cyrillic
    ones (Ukrainian, Russian: matched case-insensitively), built on first use and run
    only on text that has a Cyrillic letter: English never pays for them, not even to
    compile them. Alternatives are numbered Latin first, then Cyrillic."""

    def __init__(self, alternatives: list[str], flags: int) -> None:
        latin = [i for i, p in enumerate(alternatives) if not CYRILLIC.search(p)]
        cyrillic = [i for i, p in enumerate(alternatives) if CYRILLIC.search(p)]
        self.order = latin + cyrillic  # the alternatives' numbers, as matched
        self._latin = _shared_matcher(tuple(alternatives[i] for i in latin), flags)
        self._n_latin = len(latin)
        self._cyrillic_alternatives = tuple(alternatives[i] for i in cyrillic)
        self._cyrillic_flags = flags | re.IGNORECASE

    def cyrillic(self) -> _Matcher:
        """The matcher of the Cyrillic alternatives."""
        return _shared_matcher(self._cyrillic_alternatives, self._cyrillic_flags)

    def finditer(self, text: str, start: int, end: int) -> list[tuple[int, int, int]]:
        """(start, end, alternative) of non-overlapping matches, leftmost-longest."""
        found = self._latin.finditer(text, start, end)
        if not self._cyrillic_alternatives or not CYRILLIC.search(text, start, end):
            return found
        more = self.cyrillic().finditer(text, start, end)
        if not more:
            return found
        n = self._n_latin
        return _leftmost_longest(found + [(s, e, i + n) for s, e, i in more])


@functools.lru_cache(maxsize=16)
def _shared_matcher(alternatives: tuple[str, ...], flags: int) -> _Matcher:
    """The matcher of ``alternatives``, compiled once per process and shared by every
    lexicon that has them (a matcher never changes): hundreds of patterns overflow
    ``re``'s own cache, and each extractor would compile them again."""
    return _Matcher(list(alternatives), flags)


def _read_rows(source, required: tuple[str, ...], label: str) -> list[tuple[int, dict]]:
    """Rows of a CSV path, a CSV text or a DataFrame, with their line numbers."""
    if hasattr(source, "to_dict") and hasattr(source, "columns"):
        missing = [c for c in required if c not in source.columns]
        if missing:
            raise InvalidInputError(
                f"{label}: missing column(s) {missing}; has {list(source.columns)}"
            )
        return [(i + 2, {k: ("" if v is None else str(v)) for k, v in row.items()})
                for i, row in enumerate(source.to_dict(orient="records"))]  # fmt: skip
    if isinstance(source, str) and "\n" in source:
        name, text = label, source
    elif isinstance(source, (str, Path)) and Path(source).is_file():
        name = str(source)
        text = Path(source).read_text("utf-8-sig")
    else:
        raise InvalidInputError(f"{label}: expected a CSV path or a DataFrame, not {source!r:.80}")
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise InvalidInputError(
            f"{name}: missing column(s) {missing}; header is {reader.fieldnames}"
        )
    return [(reader.line_num, {k: (v or "") for k, v in row.items()}) for row in reader]


class EventLexicon:
    """Trigger and actor patterns, compiled for fast matching.

    Examples
    --------
    >>> lex = EventLexicon.default()
    >>> [(t.event_type, t.sub_event_type) for _, _, t in lex.triggers_in("Drones struck a depot.")]
    [('Explosions/Remote violence', 'Air/drone strike'), ('Explosions/Remote violence', \
'Shelling/artillery/missile attack')]
    >>> [a for _, _, a in lex.actors_in("Ukrainian forces repelled Russian troops.")]
    ['Ukrainian forces', 'Russian forces']
    >>> [t.sub_event_type for _, _, t in lex.triggers_in("Ворог атакував Лубни дронами.")]
    ['Armed clash', 'Air/drone strike']
    >>> [a for _, _, a in lex.actors_in("Ворог атакував позиції ЗСУ.")]
    ['Russian forces', 'Ukrainian forces']
    """

    def __init__(self, triggers: list[tuple[str, Trigger]], actors: list[tuple[str, str]]):
        self._trigger_rows = list(triggers)
        self._actor_rows = list(actors)
        self._compile()

    def _compile(self) -> None:
        alts: list[tuple[str, Trigger]] = []
        for pattern, trig in self._trigger_rows:
            alts.extend((alt, trig) for alt in _alternatives(pattern))
        self._triggers = _Scripts([p for p, _ in alts], re.IGNORECASE)
        self._trigger_of = [alts[i][1] for i in self._triggers.order]
        acts: list[tuple[str, str]] = []
        for pattern, actor in self._actor_rows:
            acts.extend((alt, actor) for alt in _alternatives(pattern))
        self._actors = _Scripts([p for p, _ in acts], 0)
        self._actor_of = [acts[i][1] for i in self._actors.order]

    @classmethod
    def default(cls) -> EventLexicon:
        """The lexicon shipped with geoevents."""
        base = resources.files("geoevents").joinpath("data")
        lex = cls([], [])
        lex = lex.extend(
            triggers=base.joinpath("triggers.csv").read_text("utf-8"),
            actors=base.joinpath("actors.csv").read_text("utf-8"),
        )
        return lex

    def extend(self, *, triggers=None, actors=None) -> EventLexicon:
        """A new lexicon with more triggers and/or actors (CSV path, CSV text or DataFrame).

        Examples
        --------
        >>> import pandas as pd
        >>> more = pd.DataFrame({"pattern": ["sabotag(?:e|ed)"], "event_type": ["Explosions/Remote \
violence"], "sub_event_type": ["Remote explosive/landmine/IED"], "weight": [0.7]})
        >>> lex = EventLexicon.default().extend(triggers=more)
        >>> [t.sub_event_type for _, _, t in lex.triggers_in("Rail lines were sabotaged.")]
        ['Remote explosive/landmine/IED']
        """
        trig_rows = list(self._trigger_rows)
        actor_rows = list(self._actor_rows)
        if triggers is not None:
            for line, row in _read_rows(triggers, ("pattern", "event_type", "sub_event_type"),
                                        "triggers"):  # fmt: skip
                etype, sub = row["event_type"].strip(), row["sub_event_type"].strip()
                if etype not in EVENT_TYPES:
                    raise InvalidInputError(
                        f"triggers, line {line}: event_type {etype!r} is not "
                        f"one of ACLED's: {', '.join(EVENT_TYPES)}"
                    )
                if sub not in EVENT_TYPES[etype]:
                    raise InvalidInputError(
                        f"triggers, line {line}: sub_event_type {sub!r} is not "
                        f"one of {etype}'s: {', '.join(EVENT_TYPES[etype])}"
                    )
                try:
                    weight = float(row.get("weight") or 0.7)
                except ValueError as exc:
                    raise InvalidInputError(f"triggers, line {line}: bad weight: {exc}") from None
                pattern = checked_pattern(row["pattern"], f"triggers, line {line}")
                trig_rows.append((pattern, Trigger(etype, sub, weight)))
        if actors is not None:
            for line, row in _read_rows(actors, ("pattern", "actor"), "actors"):
                pattern = checked_pattern(row["pattern"], f"actors, line {line}")
                actor_rows.append((pattern, row["actor"].strip()))
        return EventLexicon(trig_rows, actor_rows)

    def triggers_in(self, text: str, start: int = 0, end: int | None = None):
        """(start, end, Trigger) for every trigger word in ``text[start:end]``."""
        end = _span(text, start, end)
        return [
            (s, e, self._trigger_of[i]) for s, e, i in self._triggers.finditer(text, start, end)
        ]

    def actors_in(self, text: str, start: int = 0, end: int | None = None):
        """(start, end, actor) for every actor name in ``text[start:end]``."""
        end = _span(text, start, end)
        return [(s, e, self._actor_of[i]) for s, e, i in self._actors.finditer(text, start, end)]


def _span(text, start, end) -> int:
    """``end`` (the text's length for None), once ``text`` is a str and ``start`` and
    ``end`` are whole numbers."""
    if not isinstance(text, str):
        raise InvalidInputError(f"text must be a str, not {type(text).__name__}")
    for name, value in (("start", start), ("end", end)):
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, numbers.Integral)
        ):
            raise InvalidInputError(f"{name} must be an int, not {value!r}")
    end = len(text) if end is None else int(end)
    if not 0 <= int(start) <= end <= len(text):
        raise InvalidInputError(f"start and end must satisfy 0 <= start <= end <= len(text) "
                                f"({len(text):,}), not {start!r} and {end!r}")  # fmt: skip
    return end
