"""``substitution``: a wrong -> right map that yields a case-preserving fix.

``swap`` keys are whole words (literal keys share one trie matcher across all
substitution rules; keys with regex syntax run as that rule's regex).  A value
with alternatives (``a|b``) is a suggestion, never an automatic fix.
"""

from __future__ import annotations

from itertools import repeat
from typing import Iterable

from ..document.model import Document
from ..ruleset import fields as f
from ..ruleset.model import Rule
from .base import Check, Hit, RulePattern, preserve_case
from .existence import is_literal
from .terms import TermMatcher


class SubstitutionCheck(Check):
    kind = "substitution"
    message_values = 2  # the suggestion, the match
    fields = {
        "swap": f.Field(f.string_map, required=True, doc="wrong -> right (Vale's field name)"),
        "nonword": f.Field(f.boolean, default=False, doc="do not add word boundaries to regex keys"),
        "autofix": f.Field(f.boolean, default=True, doc="may --fix apply the swap unattended"),
    }
    context_downgrade = True
    default_message = "Use '%s' instead of '%s'."

    @classmethod
    def validate(cls, options: dict) -> None:
        for key in options["swap"]:
            if not is_literal(key):
                f.check_regex(key, "swap")

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(rules)
        self.terms: TermMatcher[tuple[Rule, str]] = TermMatcher()
        self.patterns = []
        literal = []
        for rule in rules:
            ignorecase = rule.ignorecase
            swap = rule.options["swap"]
            if "".join(swap).isalnum():  # every key a word (a big list's usual shape): all literal
                literal += zip(swap, zip(repeat(rule), swap.values()), repeat(ignorecase))
                continue
            for wrong, right in swap.items():
                if is_literal(wrong):
                    literal.append((wrong, (rule, right), ignorecase))
                else:
                    body = wrong if rule.options.get("nonword") else rf"(?<!\w)(?:{wrong})(?!\w)"
                    self.patterns.append((right, RulePattern.of(rule, body)))
        self.terms.add_all(literal)
        self.terms.compile()

    def triggers(self) -> list:
        return self.terms.triggers() + [p.trigger for _, p in self.patterns if p.trigger is not None]

    def run(self, doc: Document) -> Iterable[Hit]:
        for hit in self.terms.find_in(doc):
            for rule, right in hit.payloads:
                found = self._hit(rule, hit.start, hit.end, hit.text, right)
                if found:
                    yield found
        for right, pattern in self.patterns:
            for m in pattern.finditer(doc, self.regex_timeout):
                found = self._hit(pattern.rule, m.start(), m.end(), m.group(), right)
                if m.end() > m.start() and found:
                    yield found

    @staticmethod
    def _hit(rule: Rule, start: int, end: int, text: str, right: str) -> Hit | None:
        # a swap that only changes case (Internet -> internet) is applied as written
        options = [r.strip() if r.strip().lower() == text.lower() else preserve_case(text, r.strip())
                   for r in right.split("|")]
        suggestion = " or ".join(f"'{o}'" for o in options) if len(options) > 1 else options[0]
        if len(options) == 1 and options[0] == text:
            return None  # the key matched the right spelling itself: nothing to change
        fix = options[0] if len(options) == 1 and rule.options.get("autofix", True) else None
        return Hit(rule, start, end, (suggestion.strip("'"), text), suggestion, fix)
