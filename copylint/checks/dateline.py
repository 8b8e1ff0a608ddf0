"""``dateline``: the story's dateline against the house pattern.

The dateline is found as described in :mod:`copylint.document.datelines` (an upper-case
place at the start of one of the first paragraphs, then a date, an agency in
brackets or a dash).  When a story has one, it must match ``pattern`` (a regex
matched at the start of the dateline, e.g. Reuters' ``KYIV, Feb 14 (Reuters) -``);
``expected`` is an example shown in the message.  Stories without a dateline
are not checked.

``expected`` is the house form as a template filled with the story's own
dateline: ``{place}`` (as written, with a country or state when the story gives
one), ``{city}`` (the place before any comma), ``{month}`` (the month, named as
``month-names`` says; default the full English name), ``{day}``, ``{year}``.
Reuters writes ``'{place}, {month} {day} (Reuters) - '`` with ``month-names``
``[Jan, Feb, March, ...]``, so a March 12 story is told ``KYIV, March 12
(Reuters) -``, never an unrelated example date.  A part the story's dateline
does not give is shown as ``<month>``, ``<day>``..., and then the form is not
offered as a suggestion (there is nothing to paste).
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from ..document.datelines import Dateline, find_dateline
from ..document.model import Document
from ..ruleset import fields as f
from ..ruleset.model import Rule
from .base import Check, Hit, RulePattern


class DatelineCheck(Check):
    kind = "dateline"
    message_values = 2  # the story's dateline, the house form filled with its place and date
    fields = {
        "pattern": f.Field(f.regex_pattern, required=True,
                           doc="regex the dateline must match (from its first character)"),
        "expected": f.Field(f.nonempty_string,
                            doc="the house form: a template with {place}, {city}, {month}, {day}, "
                                "{year}, filled from the story's dateline for the message"),
        "month-names": f.Field(f.string_list, doc="the 12 month names {month} uses (default: January...)"),
    }
    default_message = "Dateline '%s' does not match the house pattern."

    @classmethod
    def validate(cls, options: dict) -> None:
        names = options.get("month-names")
        if names is not None and len(names) != 12:
            raise ValueError(f"month-names: give the 12 months, January first, not {len(names)} names")
        for name in _FIELD.findall(options.get("expected") or ""):
            if name not in PLACEHOLDERS:
                raise ValueError(f"expected: unknown placeholder '{{{name}}}' (known: "
                                 f"{', '.join('{' + p + '}' for p in PLACEHOLDERS)})")

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(rules)
        self.patterns = [(r, RulePattern.of(r, r.options["pattern"], owner=self)) for r in rules]

    def triggers(self) -> list[Any]:
        return [p.trigger for _rule, p in self.patterns if p.trigger is not None]

    def run(self, doc: Document) -> Iterable[Hit]:
        dateline = find_dateline(doc)
        if dateline is None:
            return
        block_end = next((b.end for b in doc.blocks if b.start <= dateline.start < b.end), len(doc.prose))
        for rule, pattern in self.patterns:
            # a story without the pattern's trigger cannot match it
            ok = not pattern.absent(doc) and pattern.match_at(doc.prose, dateline.start, block_end)
            if not ok:
                shown = dateline.text.rstrip(" -–—:")
                form, complete = house_form(rule, dateline)
                # offered as a suggestion only when it is this story's own dateline in house form
                # (without the dash, as the flagged span is shown without it)
                suggestion = form.rstrip(" -–—:") if complete and form and pattern.match_at(form) else None
                yield Hit(rule, dateline.start, dateline.start + len(shown),
                          (shown, form.rstrip()), suggestion)


PLACEHOLDERS = ("place", "city", "month", "day", "year")
_FIELD = re.compile(r"\{([^{}]*)\}")
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]


def house_form(rule: Rule, dateline: Dateline) -> tuple[str, bool]:
    """``expected`` filled with the story's dateline, and whether every
    placeholder could be filled (a literal ``expected`` counts as not filled:
    it is an example, not this story's dateline)."""
    template = rule.options.get("expected") or ""
    if not _FIELD.search(template):
        return template, False
    names = rule.options.get("month-names") or MONTH_NAMES
    values = {
        "place": dateline.place,
        "city": dateline.place.split(",")[0],
        "month": names[dateline.month - 1] if dateline.month else None,
        "day": str(dateline.day) if dateline.day else None,
        "year": str(dateline.year) if dateline.year else None,
    }
    missing = False

    def fill(m: re.Match[str]) -> str:
        nonlocal missing
        value = values.get(m.group(1))
        if value is None:
            missing = True
            return f"<{m.group(1)}>"
        return value

    return _FIELD.sub(fill, template), not missing
