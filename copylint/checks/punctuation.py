"""``punctuation``: stray, doubled or misplaced punctuation.

Each rule is a regex ``pattern`` with an optional ``replace`` template
(``\\1`` back-references), so the desk can add its own cases as data.  With
``after-abbreviation: false`` a match right after an abbreviation or initial
(``U.S..`` is still wrong, but ``Feb. .`` is handled by the rule's pattern) is
skipped; ellipses are never matched as doubled stops by the shipped patterns.
"""

from __future__ import annotations

from typing import Iterable

from ..document import Document
from ..ruleset import fields as f
from ..ruleset.model import Rule
from ..sentences import _is_abbreviation
from .base import Check, Hit, bounded_finditer, compile_user_regex
from .fastscan import Trigger, literal_trigger


class PunctuationCheck(Check):
    kind = "punctuation"
    fields = {
        "pattern": f.Field(f.regex_pattern, required=True, doc="regex for the bad punctuation"),
        "replace": f.Field(f.string, doc="replacement template; omit when no safe fix exists"),
        "after-abbreviation": f.Field(f.boolean, default=True,
                                      doc="also flag a match right after an abbreviation's full stop"),
    }
    default_message = "Stray punctuation: '%s'."

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(rules)
        self.patterns = [(r, compile_user_regex(r.options["pattern"], r.ignorecase),
                          literal_trigger(r.options["pattern"], r.ignorecase)) for r in rules]

    def triggers(self) -> list[Trigger]:
        return [trigger for _, _, trigger in self.patterns if trigger is not None]

    def run(self, doc: Document) -> Iterable[Hit]:
        text = doc.prose
        for rule, pattern, trigger in self.patterns:
            if trigger is not None and trigger.absent(doc):
                continue
            replace = rule.options.get("replace")
            for m in bounded_finditer(rule, pattern, text, timeout=self.regex_timeout):
                if m.end() == m.start() or not doc.same_block(m.start(), m.end()):
                    continue
                if not rule.options.get("after-abbreviation", True) and _is_abbreviation(text, m.start()):
                    continue
                fix = m.expand(replace) if replace is not None else None
                yield Hit(rule, m.start(), m.end(), (m.group().strip() or m.group(),), fix, fix)
