"""The package's shape: small modules with a contract each, and no stage reading another's privates.

Issue 11's limits: no module over 800 lines, no class over 400, no function over 100;
each module opens with one line that says its contract; stages (``_gazetteer``,
``_geoparse``, ``_events``, ``_maps``) talk through documented tables and public
names, never through another stage's private attributes or names.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "geoevents"
STAGES = ("_gazetteer", "_geoparse", "_events", "_maps")
MODULE_LINES, CLASS_LINES, FUNCTION_LINES = 800, 400, 100


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _unit(path: Path) -> str:
    """The stage a module belongs to: its stage package, or the module itself."""
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 and parts[0] in STAGES else str(path.relative_to(PACKAGE))


def _defined_private_names(tree: ast.AST) -> set[str]:
    """Private names a module defines: functions, classes, assignments, attributes of
    ``self``."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {n for n in names if n.startswith("_") and not n.startswith("__")}


def _private_reads(tree: ast.AST):
    """(line, name, how) of every private name a module reads from elsewhere."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            if node.attr.startswith("__"):
                continue
            base = node.value
            if isinstance(base, ast.Name) and base.id in ("self", "cls"):
                continue
            yield node.lineno, node.attr, f"attribute of {ast.unparse(base)[:40]}"
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    yield node.lineno, alias.name, f"import from {'.' * node.level}{node.module}"


def _limit_violations(path: Path) -> list[str]:
    source = path.read_text("utf-8")
    out = []
    n = len(source.splitlines())
    if n > MODULE_LINES:
        out.append(f"{path.name}: module of {n} lines")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            size, limit, what = node.end_lineno - node.lineno + 1, CLASS_LINES, "class"
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            size, limit, what = node.end_lineno - node.lineno + 1, FUNCTION_LINES, "function"
        else:
            continue
        if size > limit:
            out.append(f"{path.name}:{node.lineno}: {what} {node.name} of {size} lines")
    return out


def test_modules_classes_and_functions_stay_small():
    violations = [v for path in _modules() for v in _limit_violations(path)]
    assert not violations, "\n".join(violations)


def test_the_size_check_can_fail(tmp_path):
    big = tmp_path / "big.py"
    big.write_text("def f():\n" + "    x = 1\n" * FUNCTION_LINES, "utf-8")
    assert _limit_violations(big) == ["big.py:1: function f of 101 lines"]


def test_every_module_opens_with_its_contract():
    missing = []
    for path in _modules():
        doc = ast.get_docstring(ast.parse(path.read_text("utf-8")))
        first = doc.splitlines()[0] if doc else ""
        if not first.strip() or len(first) > 100:
            missing.append(str(path.relative_to(PACKAGE)))
    assert not missing, f"modules without a one-line contract: {missing}"


def test_no_module_reads_a_private_name_of_another_stage():
    trees = {path: ast.parse(path.read_text("utf-8")) for path in _modules()}
    defined: dict[str, set[str]] = {}
    for path, tree in trees.items():
        defined.setdefault(_unit(path), set()).update(_defined_private_names(tree))
    elsewhere = {
        name: {unit for unit, names in defined.items() if name in names}
        for names in defined.values()
        for name in names
    }
    violations = []
    for path, tree in trees.items():
        unit = _unit(path)
        for line, name, how in _private_reads(tree):
            owners = elsewhere.get(name, set())
            if owners and unit not in owners:  # defined by another stage only
                violations.append(f"{path.relative_to(PACKAGE)}:{line}: {name} ({how})")
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize(
    ("code", "found"),
    [
        ("def f(gp):\n    return gp._kind\n", [(2, "_kind", "attribute of gp")]),
        ("from .._geoparse import _Hit\n", [(1, "_Hit", "import from .._geoparse")]),
        ("def f(self):\n    return self._kind\n", []),
    ],
)
def test_the_private_read_check_sees_reads(code, found):
    assert list(_private_reads(ast.parse(code))) == found
