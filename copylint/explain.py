"""``copylint explain RULE-ID``: what a rule checks, why, where the fact comes
from, and its own examples run through the rule (so what is shown is what the
rule really does)."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from typing import Any

from .api import lint_text
from .errors import CopylintError
from .findings import Finding
from .rule_tests import test_rule, unmark
from .ruleset.model import Rule, RuleSet


class UnknownRule(CopylintError):
    def __init__(self, rule_id: str, known: list[str]):
        close = difflib.get_close_matches(rule_id, known, n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(close)}?)" if close else " (see 'copylint rules')"
        super().__init__(f"no rule {rule_id!r} in this style{hint}")


@dataclass
class Example:
    text: str
    findings: list[Finding] = field(default_factory=list)
    #: Why the example fails its test (``copylint test``), or "" when it passes.
    problem: str = ""


@dataclass
class Explanation:
    rule: Rule
    bad: list[Example]
    good: list[Example]

    def as_dict(self) -> dict[str, Any]:
        r = self.rule
        return {
            "id": r.id, "kind": r.kind, "level": str(r.level), "style": r.pack or None,
            "description": " ".join(r.description.split()), "message": r.message,
            "source": r.source, "link": r.link, "path": r.path, "line": r.line,
            "overridden_by": r.overridden_by,
            "fix_applicability": str(r.fix_applicability), "context_downgrade": r.context_downgrade,
            "examples": {
                "bad": [{"text": e.text, "findings": [_brief(f) for f in e.findings],
                         "passes": not e.problem, "problem": e.problem or None} for e in self.bad],
                "good": [{"text": e.text, "findings": [_brief(f) for f in e.findings],
                          "passes": not e.problem, "problem": e.problem or None} for e in self.good],
            },
        }


def explain(rule_id: str, ruleset: RuleSet) -> Explanation:
    rule = ruleset.by_id.get(rule_id)
    if rule is None:
        raise UnknownRule(rule_id, list(ruleset.by_id))
    alone = ruleset.select(lambda r: r is rule)


    verdicts = test_rule(rule, ruleset)

    def run(written: str, label: str) -> Example:
        text = unmark(written)[0]
        problem = next((o.problem for o in verdicts if o.label == label and o.example == written), "")
        return Example(text, [f for f in lint_text(text, alone) if f.rule == rule.id], problem)

    return Explanation(rule, [run(t, "bad") for t in rule.examples["bad"]],
                       [run(t, "good") for t in rule.examples["good"]])


def render_text(ex: Explanation) -> str:
    r = ex.rule
    style = f", style {r.pack}" if r.pack else ""
    lines = [f"{r.id} ({r.kind}, {r.level}{style})", f"  defined at {display_path(r.path)}:{r.line}"]
    lines += [f"  overridden at {display_path(where)}" for where in r.overridden_by]
    lines += ["", _wrap(" ".join(r.description.split()), "")]
    lines += ["", f"message: {r.message}"]
    lines.append(f"source:  {r.source or '(none given)'}")
    if r.link:
        lines.append(f"link:    {r.link}")
    lines.append("fixes:   " + ("safe (applied by copylint fix)" if r.fix_applicability == "safe"
                                else "unsafe (applied only with --unsafe-fixes)")
                 + ("; in quotations and titles at most a suggestion, in file names and URLs silent"
                    if r.context_downgrade else ""))
    for label, examples in (("bad", ex.bad), ("good", ex.good)):
        for example in examples:
            lines += ["", f"{label + ':':<6}{example.text}"]
            for f in example.findings:
                if f.line == 1:
                    lines.append(" " * (5 + f.column) + "^" * max(1, f.end_column - f.column))
                lines.append(f"      -> {f.message}")
            if label == "good" and not example.findings:
                lines.append("      (not flagged)")
            if example.problem:
                lines.append(f"      FAILS: {example.problem} (copylint test)")
    return "\n".join(lines) + "\n"


def display_path(path: str) -> str:
    """A path relative to the working directory when it lies below it, else as given."""

    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


def _brief(f: Finding) -> dict[str, Any]:
    return {"line": f.line, "column": f.column, "end_column": f.end_column, "match": f.match,
            "message": f.message, "fix": f.fix,
            "fix_applicability": str(f.applicability) if f.fix is not None else None}


def _wrap(text: str, indent: str, width: int = 88) -> str:
    import textwrap

    return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent)
