"""``conditional``: if ``first`` appears, ``second`` must too.

The classic use is an acronym defined on first use::

    first: '\\b([A-Z]{3,5})\\b'
    second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'

When ``second`` has capture groups, every text it captures (``WHO`` in
``World Health Organization (WHO)``) counts as defined from that scope unit
on, and each match of ``first`` that has not been defined yet is flagged
(defining it later does not help: it must be defined on first use).  When
``second`` has no capture group the rule is a plain presence check: a unit
that contains ``first`` but not ``second`` has every ``first`` flagged.
Same fields and semantics as Vale's ``conditional``.
"""

from __future__ import annotations

from typing import Any

from ..document.model import Document
from ..ruleset import fields as f
from ..ruleset.model import Rule
from .base import Hit, RulePattern, UnitCheck


def has_capture_group(pattern: str) -> bool:
    """An unescaped ``(`` that does not start ``(?...)``: Vale's test."""
    return pattern.count("(") > pattern.count("(?") + pattern.count("\\(")


class ConditionalCheck(UnitCheck):
    kind = "conditional"
    fields = {
        "first": f.Field(f.regex_pattern, required=True, doc="the antecedent (e.g. an acronym)"),
        "second": f.Field(f.regex_pattern, required=True,
                          doc="the consequent; its capture groups name what is defined"),
    }
    default_message = "'%s' has no definition."

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(rules)
        self.compiled = {
            rule.id: (RulePattern.of(rule, rule.options["first"], owner=self),
                      RulePattern.of(rule, rule.options["second"], owner=self),
                      has_capture_group(rule.options["second"]))
            for rule in rules
        }

    def triggers(self) -> list[Any]:
        return [p.trigger for first, second, _ in self.compiled.values() for p in (first, second)
                if p.trigger is not None]

    def prepare(self, rule: Rule, doc: Document, state: dict) -> bool:
        first, second, _grouped = self.compiled[rule.id]
        if first.absent(doc):
            return False  # only a match of 'first' is ever flagged
        state["second-absent"] = second.absent(doc)
        return True

    def scan(self, rule: Rule, text: str, state: Any = None) -> list[Hit]:
        """Hits for one unit; ``state`` (a dict kept across the units of one
        document) remembers what has been defined so far."""
        first, second, grouped = self.compiled[rule.id]
        state = state if state is not None else {}
        defined: set[str] = state.setdefault(("defined", rule.id), set())
        seconds = [] if state.get("second-absent") else None
        if not grouped:
            if seconds is None and second.search_in(text):
                return []
            return [Hit(rule, m.start(), m.end(), (m.group(),)) for m in first.finditer_in(text) if m.group()]
        for m in second.finditer_in(text) if seconds is None else seconds:
            defined.update(g for g in m.groups() if g)
        return [Hit(rule, m.start(), m.end(), (m.group(),))
                for m in first.finditer_in(text) if m.group() and m.group() not in defined]
