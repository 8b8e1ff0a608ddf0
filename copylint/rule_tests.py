"""Running rules' own examples as tests (``copylint test``).

Every rule may carry ``examples``::

    examples:
      bad:
        - 'Shelling hit [[Kiev]] overnight.'                  # must be flagged there
        - {text: 'Shelling hit [[Kiev]].', fix: 'Shelling hit Kyiv.'}
      good: ['Shelling hit Kyiv overnight.']                  # must not be flagged

* a **bad** example must be flagged by that rule (run alone, so another rule
  cannot hide a miss).  When it marks spans with ``[[`` and ``]]``, the rule
  must flag exactly those spans: each marked span, and nothing else.  The
  marks are removed before the text is linted;
* a bad example given as ``{text, fix}`` must become ``fix`` when the rule's
  fixes (safe and unsafe) are applied;
* a **good** example must not be flagged by the rule.

A failure names the file and line where the example is written.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .findings import Finding
from .fixes.apply import fix_text
from .engine.linting import lint_text
from .ruleset.fields import MARK_CLOSE, MARK_OPEN
from .ruleset.model import Rule, RuleSet


def unmark(example: str) -> tuple[str, list[tuple[int, int]]]:
    """The example without its ``[[``/``]]`` marks, and the marked spans
    (code-point offsets into the unmarked text)."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    i = 0
    while i < len(example):
        if start is None and example.startswith(MARK_OPEN, i):
            start, i = length, i + len(MARK_OPEN)
        elif start is not None and example.startswith(MARK_CLOSE, i):
            spans.append((start, length))
            start, i = None, i + len(MARK_CLOSE)
        else:
            out.append(example[i])
            length += 1
            i += 1
    return "".join(out), spans


@dataclass
class Outcome:
    """One example of one rule, tested."""

    rule: Rule
    label: str          # "bad" or "good"
    example: str        # as written (marks included)
    path: str
    line: int
    problem: str = ""   # empty when the example passed

    @property
    def passed(self) -> bool:
        return not self.problem


@dataclass
class TestRun:
    outcomes: list[Outcome] = field(default_factory=list)
    #: rules tested that have no bad or no good example
    incomplete: list[Rule] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.passed]

    @property
    def ok(self) -> bool:
        return not self.failures


def _describe(f: Finding) -> str:
    return f"{f.match!r} at column {f.column}"


def test_rule(rule: Rule, ruleset: RuleSet) -> list[Outcome]:
    """Run ``rule``'s examples with ``rule`` alone (from ``ruleset``)."""

    alone = ruleset.select(lambda r: r is rule)
    lines = _ExampleLines(rule)
    outcomes = []
    fixed = rule.examples.get("fixed") or [None] * len(rule.examples["bad"])
    for example, wanted_fix in zip(rule.examples["bad"], fixed):
        text, spans = unmark(example)
        found = [f for f in lint_text(text, alone) if f.rule == rule.id]
        problem = ""
        if not found:
            problem = f"bad example not flagged by {rule.id}"
        elif spans:
            got = {(f.offset, f.end_offset) for f in found}
            missing = [s for s in spans if s not in got]
            extra = [f for f in found if (f.offset, f.end_offset) not in spans]
            if missing:
                s, e = missing[0]
                problem = (f"marked span {text[s:e]!r} at column {s + 1} not flagged; "
                           f"flagged: {', '.join(_describe(f) for f in found)}")
            elif extra:
                problem = f"flagged outside the marked spans: {', '.join(_describe(f) for f in extra)}"
        if not problem and wanted_fix is not None:
            result = fix_text(text, alone, unsafe=True).text
            if result != wanted_fix:
                problem = (f"the fix gives {result!r}, the example says {wanted_fix!r}"
                           if result != text else
                           f"no fix applied; the example says it gives {wanted_fix!r}")
        outcomes.append(Outcome(rule, "bad", example, lines.path, lines.find("bad", example), problem))
    for example in rule.examples["good"]:
        found = [f for f in lint_text(example, alone) if f.rule == rule.id]
        problem = (f"good example flagged by {rule.id}: {found[0].message} ({_describe(found[0])})"
                   if found else "")
        outcomes.append(Outcome(rule, "good", example, lines.path, lines.find("good", example), problem))
    return outcomes


test_rule.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


def run_tests(rules: Iterable[tuple[Rule, RuleSet]],
              progress: Callable[[Outcome], None] | None = None) -> TestRun:
    """Test each ``(rule, the rule set it belongs to)``; ``progress`` is called
    after each example."""
    started = time.perf_counter()
    run = TestRun()
    for rule, ruleset in rules:
        if not rule.examples["bad"] or not rule.examples["good"]:
            run.incomplete.append(rule)
        for outcome in test_rule(rule, ruleset):
            run.outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
    run.seconds = time.perf_counter() - started
    return run


def rules_of_style(ruleset: RuleSet, style_name: str, manifest: str | None = None) -> list[Rule]:
    """The rules a style itself answers for: those it defines and those it overrides."""
    mine = []
    for rule in ruleset:
        overridden_here = manifest is not None and any(
            where.rsplit(":", 1)[0] == manifest for where in rule.overridden_by)
        if rule.pack == style_name or overridden_here:
            mine.append(rule)
    return mine


class _ExampleLines:
    """Finds the line of an example in the file that holds it (YAML lists do
    not keep item lines): the first line from the ``bad:``/``good:`` key on
    that shows the start of the example as YAML writes it."""

    _cache: dict[str, list[str]] = {}

    def __init__(self, rule: Rule):
        self.path = rule.examples_path or rule.path
        self.keys = rule.examples_lines or {}
        self.default = rule.line
        if self.path not in self._cache:
            try:
                self._cache[self.path] = Path(self.path).read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                self._cache[self.path] = []
        self.lines = self._cache[self.path]
        self._used: set[int] = set()

    def find(self, label: str, example: str) -> int:
        start = self.keys.get(label, self.default) or 1
        words = re.findall(r"\w+", example)[:4]
        for number in range(start, len(self.lines) + 1):
            line = self.lines[number - 1]
            if words and number not in self._used and all(w in line for w in words):
                if not line.strip().startswith("-") and number != start:
                    continue
                self._used.add(number)
                return number
        return self.keys.get(label, self.default)


def render_failure(outcome: Outcome) -> str:
    rule = outcome.rule
    text = f"{outcome.path}:{outcome.line}: {rule.id}: {outcome.problem}\n    {outcome.label}: {outcome.example}"
    inherited = rule.overridden_by and not any(
        where.rsplit(":", 1)[0] == outcome.path for where in rule.overridden_by)
    if inherited:
        text += (f"\n    note: these examples are inherited; the override at {rule.overridden_by[-1]} "
                 "changed the rule: give it its own 'examples:'")
    return text


def summary(run: TestRun) -> str:
    failed, passed = len(run.failures), len(run.outcomes) - len(run.failures)
    parts = [f"{failed} failed"] if failed else []
    parts.append(f"{passed} passed")
    return f"{', '.join(parts)} ({len({id(o.rule) for o in run.outcomes})} rules) in {run.seconds:.2f}s"
