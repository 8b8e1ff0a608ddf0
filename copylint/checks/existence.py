"""``existence``: words or patterns that should not appear.

Literal ``tokens`` of every existence rule share one trie matcher; tokens
that contain regex syntax (and ``raw`` patterns) run as that rule's own regex
under a timeout.  Matches are whole words unless ``nonword: true``.
"""

from __future__ import annotations

from typing import Iterable

from ..document.model import Document
from ..ruleset import fields as f
from ..ruleset.model import Rule
from .base import Check, Hit, RulePattern
from .fastscan import line_start_trigger, literal_trigger
from .terms import TermMatcher

_REGEX_SYNTAX = set("\\.^$*+?{}[]|()")


def is_literal(token: str) -> bool:
    return token.isalnum() or not (_REGEX_SYNTAX & set(token))


class ExistenceCheck(Check):
    kind = "existence"
    fields = {
        "tokens": f.Field(f.string_list, doc="words or regex patterns that should not appear"),
        "raw": f.Field(f.string_list, doc="regex pieces joined into one pattern, used as written"),
        "nonword": f.Field(f.boolean, default=False, doc="do not add word boundaries"),
    }
    default_message = "Avoid '%s'."

    @classmethod
    def validate(cls, options: dict) -> None:
        if not options.get("tokens") and not options.get("raw"):
            raise ValueError("tokens: give 'tokens' or 'raw'")
        if options.get("raw"):
            f.check_regex("".join(options["raw"]), "raw")

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(rules)
        self.terms: TermMatcher[Rule] = TermMatcher()
        self.patterns = []
        for rule in rules:
            literal = [t for t in rule.options.get("tokens") or [] if is_literal(t)]
            pattern = [t for t in rule.options.get("tokens") or [] if not is_literal(t)]
            if rule.options.get("nonword"):
                pattern += [_escape_literal(t) for t in literal]
                literal = []
            for token in literal:
                self.terms.add(token, rule, rule.ignorecase)
            parts = []
            if pattern:
                body = "|".join(f"(?:{p})" for p in pattern)
                parts.append(body if rule.options.get("nonword") else rf"(?<!\w)(?:{body})(?!\w)")
            if rule.options.get("raw"):
                parts.append("".join(rule.options["raw"]))
            if parts:
                joined = "|".join(f"(?:{p})" for p in parts)
                trigger = line_start_trigger(joined, rule.ignorecase) \
                    or literal_trigger(joined, rule.ignorecase)
                self.patterns.append(RulePattern.of(rule, joined, trigger))
        self.terms.compile()

    def triggers(self) -> list:
        return self.terms.triggers() + [p.trigger for p in self.patterns if p.trigger is not None]

    def run(self, doc: Document) -> Iterable[Hit]:
        for hit in self.terms.find_in(doc):
            for rule in hit.payloads:
                yield Hit(rule, hit.start, hit.end, (hit.text,))
        for pattern in self.patterns:
            for m in pattern.finditer(doc, self.regex_timeout):
                if m.end() > m.start():
                    yield Hit(pattern.rule, m.start(), m.end(), (m.group(),))


def _escape_literal(token: str) -> str:
    import regex

    return regex.escape(token)
