"""``metric``: a formula over text counts, and a condition on its value.

Readability scores are metric rules::

    formula: (0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59
    condition: "> 8"

Variables: ``words``, ``sentences``, ``syllables``, ``characters``,
``paragraphs``, ``long_words``, ``complex_words``, ``polysyllabic_words``
(see :mod:`copylint.checks.text_stats`), and structure counts when the
document reader provides them (``heading_h1`` … ``heading_h6`` — also
written ``heading.h1`` —, ``list``, ``blockquote``, ``pre``; 0 otherwise).
Functions: ``math.sqrt``, ``math.pow``, ``math.log``, ``math.abs``…, numbers,
``+ - * / % **`` and parentheses.  The formula is parsed once into a small
expression tree (never ``eval``), so a rule file cannot run code.  The
finding sits at the start of the scope unit (the document by default) and
the message's ``%s`` is the value with two decimals.  Same fields and
semantics as Vale's ``metric``.
"""

from __future__ import annotations

import ast
import math
import operator
import re
from typing import Any, Callable, Iterable

from ..document.model import Document
from ..ruleset import fields as f
from ..ruleset.model import Rule
from .base import Check, Hit, scope_spans
from .text_stats import text_stats

STRUCTURE_VARIABLES = ("pre", "list", "blockquote", "heading_h1", "heading_h2", "heading_h3",
                       "heading_h4", "heading_h5", "heading_h6")
_HEADING = re.compile(r"heading\.(h[1-6])")
_CONDITION = re.compile(r"^\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$")
_BINARY: dict[type, Callable[[float, float], float]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.Div: operator.truediv, ast.Mod: operator.mod, ast.Pow: operator.pow,
}
_COMPARE = {"<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge,
            "==": operator.eq, "!=": operator.ne}
_FUNCTIONS: dict[str, Callable[..., float]] = {
    "sqrt": math.sqrt, "pow": math.pow, "log": math.log, "log10": math.log10, "exp": math.exp,
    "abs": abs, "floor": math.floor, "ceil": math.ceil, "round": round,
    "min": min, "max": max,
}


class FormulaError(ValueError):
    pass


def compile_formula(text: str) -> Callable[[dict[str, float]], float]:
    """Parse a formula into a function of the variables (raises FormulaError)."""
    source = _HEADING.sub(r"heading_\1", " ".join(text.split()))
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"bad formula {text.strip()!r}: {exc.msg}") from None

    def build(node: ast.AST) -> Callable[[dict[str, float]], float]:
        if isinstance(node, ast.Expression):
            return build(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) \
                and not isinstance(node.value, bool):
            value = float(node.value)
            return lambda v: value
        if isinstance(node, ast.Name):
            name = node.id
            return lambda v: v.get(name, 0.0)
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            op, left, right = _BINARY[type(node.op)], build(node.left), build(node.right)

            def binary(v: dict[str, float]) -> float:
                try:
                    return op(left(v), right(v))
                except ZeroDivisionError:
                    return math.nan
            return binary
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            inner = build(node.operand)
            sign = -1.0 if isinstance(node.op, ast.USub) else 1.0
            return lambda v: sign * inner(v)
        if isinstance(node, ast.Call) and not node.keywords:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) \
                and func.value.id == "math" else func.id if isinstance(func, ast.Name) else None
            if name in _FUNCTIONS:
                fn, args = _FUNCTIONS[name], [build(a) for a in node.args]

                def call(v: dict[str, float]) -> float:
                    try:
                        return float(fn(*(a(v) for a in args)))
                    except (ValueError, OverflowError, TypeError):
                        return math.nan
                return call
            raise FormulaError(f"unknown function in formula {text.strip()!r}")
        raise FormulaError(f"unsupported expression in formula {text.strip()!r}")

    return build(tree)


def compile_condition(text: str) -> Callable[[float], bool]:
    m = _CONDITION.match(text)
    if not m:
        raise FormulaError(f"bad condition {text!r}: use an operator and a number, e.g. '> 8'")
    op, bound = _COMPARE[m.group(1)], float(m.group(2))
    return lambda value: not math.isnan(value) and op(value, bound)


def _formula(value: Any) -> str:
    text = f.nonempty_string(value)
    compile_formula(text)
    return text


def _condition(value: Any) -> str:
    text = f.nonempty_string(value)
    compile_condition(text)
    return text


class MetricCheck(Check):
    kind = "metric"
    fields = {
        "formula": f.Field(_formula, required=True, doc="arithmetic over the text counts"),
        "condition": f.Field(_condition, required=True, doc="when to flag, e.g. '> 8'"),
    }
    default_message = "The score is %s."

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(rules)
        self.compiled = {rule.id: (compile_formula(rule.options["formula"]),
                                   compile_condition(rule.options["condition"]))
                         for rule in rules}

    def run(self, doc: Document) -> Iterable[Hit]:
        structure = dict(getattr(doc, "metrics", {}) or {})
        for rule in self.rules:
            scope = "document" if rule.scope == "paragraph" else rule.scope
            for start, end in scope_spans(doc, scope):
                for hit in self.scan(rule, doc.prose[start:end], {"metrics": structure}):
                    hit.start += start
                    hit.end += start
                    yield hit

    def value(self, rule: Rule, text: str, structure: dict[str, float] | None = None) -> float | None:
        stats = text_stats(text)
        if stats.words == 0:
            return None
        variables = {name: 0.0 for name in STRUCTURE_VARIABLES}
        variables.update({k.replace(".", "_"): float(v) for k, v in (structure or {}).items()})
        variables.update(stats.as_variables())
        return self.compiled[rule.id][0](variables)

    def scan(self, rule: Rule, text: str, state: Any = None) -> list[Hit]:
        structure = state.get("metrics") if isinstance(state, dict) else None
        result = self.value(rule, text, structure)
        if result is None or not self.compiled[rule.id][1](result):
            return []
        return [Hit(rule, 0, 0, (f"{result:.2f}",))]
