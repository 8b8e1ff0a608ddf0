"""``occurrence``: too many (or too few) of a token in one scope.

Counts the matches of ``token`` (a regex) in each scope unit — a sentence, a
paragraph, a heading, the document — and flags the unit when the count is
above ``max`` or below ``min`` (a bound of 0 is no bound).  Sentence length
is ``token: '[^\\s]+'`` with ``max: 35``; commas per sentence ``token: ','``.

The finding sits on the first match that is not masked code; when there are
no matches at all (``min`` not reached), on the first word of the unit.  The
message's ``%d`` (or ``%s``) is the count.  Same fields and semantics as
Vale's ``occurrence`` (Vale calls the token field ``token``).
"""

from __future__ import annotations

from typing import Any

import regex

from ..document.model import Document
from ..ruleset import fields as f
from ..ruleset.model import Rule
from .base import Hit, RulePattern, UnitCheck

_FIRST_WORD = regex.compile(r"\w+")


def is_code(text: str) -> bool:
    """Text masked as code by a markup reader (only ``*`` and ``@``)."""
    return all(ch in "*@" for ch in text)


class OccurrenceCheck(UnitCheck):
    kind = "occurrence"
    fields = {
        "token": f.Field(f.regex_pattern, required=True, doc="the regex whose matches are counted"),
        "max": f.Field(f.integer, default=0, doc="flag a unit with more matches than this (0: no bound)"),
        "min": f.Field(f.integer, default=0, doc="flag a unit with fewer matches than this (0: no bound)"),
    }
    default_message = "Found %d occurrences."

    @classmethod
    def validate(cls, options: dict) -> None:
        if options["max"] < 0 or options["min"] < 0:
            raise ValueError("max: 'max' and 'min' cannot be negative")
        if not options["max"] and not options["min"]:
            raise ValueError("max: give 'max' or 'min' (a positive bound)")

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(rules)
        self.patterns = {rule.id: RulePattern.of(rule, rule.options["token"], owner=self) for rule in rules}

    def triggers(self) -> list[Any]:
        return [p.trigger for p in self.patterns.values() if p.trigger is not None]

    def prepare(self, rule: Rule, doc: Document, state: dict) -> bool:
        # without the token's trigger no unit has a match: only 'min' can flag then
        state["absent"] = self.patterns[rule.id].absent(doc)
        return not state["absent"] or rule.options["min"] > 0

    def scan(self, rule: Rule, text: str, state: Any = None) -> list[Hit]:
        """Hits for one scope unit ``text`` (offsets relative to it)."""
        absent = state is not None and state.get("absent", False)
        spans = [] if absent else [m.span() for m in self.patterns[rule.id].finditer_in(text)]
        count = len(spans)
        too_many = rule.options["max"] > 0 and count > rule.options["max"]
        too_few = rule.options["min"] > 0 and count < rule.options["min"]
        if not (too_many or too_few):
            return []
        if count == 0:
            word = _FIRST_WORD.search(text)
            start, end = word.span() if word else (0, 0)
        else:
            found = [(s, e) for s, e in spans if text[s:e].strip() and not is_code(text[s:e])]
            if not found:
                return []
            start, end = found[0]
        return [Hit(rule, start, end, (str(count),))]
