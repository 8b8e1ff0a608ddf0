"""copylint's import graph has no circle (imports inside functions count),
and every import inside a function is one listed in copylint.lazy_imports."""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

from copylint.lazy_imports import LAZY_IMPORTS

PACKAGE = Path(__file__).resolve().parent.parent / "copylint"


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(tree: ast.AST):
    """(import node, inside a function?) for every import not under ``if TYPE_CHECKING``."""
    def walk(node: ast.AST, in_function: bool):
        for child in ast.iter_child_nodes(node):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test) and child in node.body:
                continue
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                yield child, inner
            yield from walk(child, inner)
    yield from walk(tree, False)


def _targets(module: str, node: ast.Import | ast.ImportFrom, package: bool) -> list[str]:
    """The copylint modules an import statement loads."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        if node.level:
            base = module.split(".") if package else module.split(".")[:-1]
            base = base[:len(base) - node.level + 1]
            source = ".".join(base + ([node.module] if node.module else []))
        else:
            source = node.module or ""
        names = [f"{source}.{alias.name}" if f"{source}.{alias.name}" in MODULES else source
                 for alias in node.names]
    found = []
    for name in names:
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name and name != module:
            found.append(name)
    return found


def _written(node: ast.Import | ast.ImportFrom) -> str:
    if isinstance(node, ast.Import):
        return node.names[0].name
    return "." * node.level + (node.module or "")


@lru_cache(maxsize=1)
def _graph() -> tuple[dict[str, set[str]], list[tuple[str, str, int]]]:
    edges: dict[str, set[str]] = {name: set() for name in MODULES}
    deferred = []
    for name, path in MODULES.items():
        for node, in_function in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            edges[name].update(_targets(name, node, path.name == "__init__.py"))
            if in_function:
                deferred.append((name, _written(node), node.lineno))
    return edges, deferred


def _circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_the_import_graph_has_no_circle_counting_imports_inside_functions():
    edges, _deferred = _graph()
    assert len(edges) > 100
    assert _circles(edges) == []


def test_a_circle_would_be_found():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]


def test_every_import_inside_a_function_is_a_listed_one():
    _edges, deferred = _graph()
    unlisted = [f"{module}:{line}: {written}" for module, written, line in deferred
                if written not in LAZY_IMPORTS.get(module, {})]
    assert unlisted == []
    listed = {(module, written) for module, written, _line in deferred}
    stale = [(m, w) for m, names in LAZY_IMPORTS.items() for w in names if (m, w) not in listed]
    assert stale == []  # the table lists nothing that is no longer there


def test_the_rule_model_knows_nothing_of_the_engine():
    edges, _deferred = _graph()
    reached, todo = set(), ["copylint.ruleset.model"]
    while todo:
        module = todo.pop()
        if module not in reached:
            reached.add(module)
            todo.extend(edges[module])
    assert not any(m == "copylint.engine" or m.startswith(("copylint.engine.", "copylint.checks")) for m in reached)
