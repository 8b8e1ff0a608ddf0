"""``dateline``: the story's dateline against the house pattern.

The dateline is found as described in :mod:`copylint.datelines` (an upper-case
place at the start of one of the first paragraphs, then a date, an agency in
brackets or a dash).  When a story has one, it must match ``pattern`` (a regex
matched at the start of the dateline, e.g. Reuters' ``KYIV, Feb 14 (Reuters) -``);
``expected`` is an example shown in the message.  Stories without a dateline
are not checked.
"""

from __future__ import annotations

from typing import Iterable

from ..datelines import find_dateline
from ..document import Document
from ..ruleset import fields as f
from ..ruleset.model import Rule
from .base import Check, Hit, RuleTimeout, compile_user_regex


class DatelineCheck(Check):
    kind = "dateline"
    fields = {
        "pattern": f.Field(f.regex_pattern, required=True,
                           doc="regex the dateline must match (from its first character)"),
        "expected": f.Field(f.nonempty_string, doc="an example of a correct dateline, for the message"),
    }
    default_message = "Dateline '%s' does not match the house pattern."

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(rules)
        self.patterns = [(r, compile_user_regex(r.options["pattern"], r.ignorecase)) for r in rules]

    def run(self, doc: Document) -> Iterable[Hit]:
        dateline = find_dateline(doc)
        if dateline is None:
            return
        block_end = next((b.end for b in doc.blocks if b.start <= dateline.start < b.end), len(doc.prose))
        for rule, pattern in self.patterns:
            try:
                ok = pattern.match(doc.prose, dateline.start, block_end, timeout=2.0)
            except TimeoutError:
                raise RuleTimeout(rule) from None
            if not ok:
                shown = dateline.text.rstrip(" -–—:")
                yield Hit(rule, dateline.start, dateline.start + len(shown),
                          (shown, rule.options.get("expected") or ""),
                          rule.options.get("expected"))
