"""Helpers the rule tests share: sentences with marks, where a rule is applied, and which
rules of a module lack a test.

A ``|`` in a test sentence marks where a name ends or starts; a word in ``[brackets]`` is
the word a table must hold.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path


def cut(sentence: str) -> tuple[str, list[int]]:
    """The sentence without its ``|`` marks, and the offsets where they stood."""
    parts = sentence.split("|")
    offsets, at = [], 0
    for part in parts[:-1]:
        at += len(part)
        offsets.append(at)
    return "".join(parts), offsets


def after(rule: re.Pattern, sentence: str) -> re.Match | None:
    """``rule`` matched right after the mark: what follows a name."""
    text, (at,) = cut(sentence)
    return rule.match(text, at)


def before(rule: re.Pattern, sentence: str) -> re.Match | None:
    """``rule`` searched in the text up to the mark: what comes before a name."""
    text, (at,) = cut(sentence)
    return rule.search(text, 0, at)


def between(rule: re.Pattern, sentence: str) -> re.Match | None:
    """``rule`` matched on the whole gap between the two marks."""
    text, (a, b) = cut(sentence)
    return rule.fullmatch(text, a, b)


def expect(apply, rule: re.Pattern, cases: dict[str, bool | str]) -> None:
    """Each case: whether ``apply(rule, sentence)`` matches, or the text of its group 1."""
    wrong = {}
    for sentence, expected in cases.items():
        found = apply(rule, sentence)
        if isinstance(expected, bool):
            got = found is not None
        else:
            got = found.group(1).strip() if found else None
        if got != expected:
            wrong[sentence] = got
    assert not wrong, f"cases that went wrong (sentence: what the rule gave): {wrong}"


def marked(sentence: str, *, lower: bool = False) -> str:
    """The word in [brackets] (in lower case with ``lower``)."""
    word = re.search(r"\[(.+?)\]", sentence).group(1)
    return word.lower() if lower else word


def public_names(module) -> list[str]:
    """The module's own public upper-case names (not the ones it imports)."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    return sorted(
        name
        for name in vars(module)
        if name.isupper() and not name.startswith("_") and name not in imported
    )


def untested(module, alias: str, test_file: str) -> list[str]:
    """The module's rules that the test file never names as ``alias.NAME``."""
    source = Path(test_file).read_text(encoding="utf-8")
    return [n for n in public_names(module) if not re.search(rf"\b{alias}\.{n}\b", source)]
