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

from ..ruleset import fields as f
from ..ruleset.model import Rule
from .base import Hit, RuleTimeout, UnitCheck, compile_user_regex


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
            rule.id: (compile_user_regex(rule.options["first"], rule.ignorecase),
                      compile_user_regex(rule.options["second"], rule.ignorecase),
                      has_capture_group(rule.options["second"]))
            for rule in rules
        }


    def scan(self, rule: Rule, text: str, state: Any = None) -> list[Hit]:
        """Hits for one unit; ``state`` (a dict kept across the units of one
        document) remembers what has been defined so far."""
        first, second, grouped = self.compiled[rule.id]
        defined: set[str] = (state if state is not None else {}).setdefault(
            ("defined", rule.id), set())
        try:
            if not grouped:
                if second.search(text, timeout=self.regex_timeout):
                    return []
                return [Hit(rule, m.start(), m.end(), (m.group(),))
                        for m in first.finditer(text, timeout=self.regex_timeout) if m.group()]
            for m in second.finditer(text, timeout=self.regex_timeout):
                defined.update(g for g in m.groups() if g)
            return [Hit(rule, m.start(), m.end(), (m.group(),))
                    for m in first.finditer(text, timeout=self.regex_timeout)
                    if m.group() and m.group() not in defined]
        except TimeoutError:
            raise RuleTimeout(rule) from None
