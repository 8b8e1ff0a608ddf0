"""``punctuation``: stray, doubled or misplaced punctuation.

Each rule is a regex ``pattern`` with an optional ``replace`` template
(``\\1`` back-references), so the desk can add its own cases as data.  With
``after-abbreviation: false`` a match right after an abbreviation or initial
(``U.S..`` is still wrong, but ``Feb. .`` is handled by the rule's pattern) is
skipped; ellipses are never matched as doubled stops by the shipped patterns.
With ``skip-columns: true`` a match inside a column layout is skipped: a
line holding a tab, a line with three or more runs of blanks, or two one of
which touches a number (a table row), or a run of blanks that ends at the same
column as a run of blanks on the line above or below (aligned columns).
A match that starts with blanks the format reader left for markup (``[a
link](url) .``) is skipped: those are not the writer's spaces.
"""

from __future__ import annotations

import bisect
import re
from typing import Iterable

from ..document.model import Document
from ..ruleset import fields as f
from ..ruleset.model import Rule
from ..document.sentences import _is_abbreviation
from ..patterns.budget import bounded_finditer
from .base import Check, Hit, RulePattern
from .fastscan import Trigger


class PunctuationCheck(Check):
    kind = "punctuation"
    fields = {
        "pattern": f.Field(f.regex_pattern, required=True, doc="regex for the bad punctuation"),
        "replace": f.Field(f.string, doc="replacement template; omit when no safe fix exists"),
        "after-abbreviation": f.Field(f.boolean, default=True,
                                      doc="also flag a match right after an abbreviation's full stop"),
        "skip-columns": f.Field(f.boolean, default=False,
                                doc="skip matches inside tables and columns aligned with blanks"),
    }
    default_message = "Stray punctuation: '%s'."

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(rules)
        self.patterns = [RulePattern.of(r, r.options["pattern"]) for r in rules]

    def triggers(self) -> list[Trigger]:
        return [p.trigger for p in self.patterns if p.trigger is not None]

    def run(self, doc: Document) -> Iterable[Hit]:
        text = doc.prose
        for pattern in self.patterns:
            # most rules' triggers are absent: asked here, not through two
            # more calls (``RulePattern.finditer`` asks it the same way)
            trigger = pattern.trigger
            if trigger is not None and trigger.absent(doc):
                continue
            rule = pattern.rule
            replace = rule.options.get("replace")
            for m in bounded_finditer(rule, pattern.regex, text, timeout=self.regex_timeout):
                if m.end() == m.start() or not doc.same_block(m.start(), m.end()):
                    continue
                if not rule.options.get("after-abbreviation", True) and _is_abbreviation(text, m.start()):
                    continue
                if _blank_is_markup(doc, m.start(), m.group()):
                    continue
                if rule.options.get("skip-columns") and _columns_of(doc).contains(m.start(), m.end()):
                    continue
                fix = m.expand(replace) if replace is not None else None
                yield Hit(rule, m.start(), m.end(), (m.group().strip() or m.group(),), fix, fix)


def _blank_is_markup(doc: Document, start: int, match: str) -> bool:
    """Does the match start with blanks the format reader made (a link's
    ``](url)`` or ``**`` before a full stop), not spaces the writer typed?"""
    lead = len(match) - len(match.lstrip())
    return lead > 0 and lead < len(match) and not doc.text[start:start + lead].isspace()


#: A run of two or more blanks between non-blanks on one line.
_GAP = re.compile(r"(?<=\S)(?:[ ]{2,}|\t[ \t]*)(?=\S)")
_NUMERIC = re.compile(r"[\d%$€£¥]")


def _line(text: str, offset: int) -> tuple[int, int]:
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    ends = [i for i in (text.find("\n", offset), text.find("\r", offset)) if i >= 0]
    return start, min(ends) if ends else len(text)


def _gap_ends(text: str, start: int, end: int) -> set[int]:
    """Columns (from the line start) where runs of blanks end on this line."""
    return {m.end() - start for m in _GAP.finditer(text, start, end)}


def _in_columns(text: str, match_start: int, match_end: int) -> bool:
    """Does ``text[match_start:match_end]`` lie in a table or in columns
    aligned with blanks (see the module doc)?

    The plain form, scanning the line and its neighbours on every call: the
    reference that :class:`_Columns` (what :meth:`PunctuationCheck.run` uses)
    must agree with."""
    start, end = _line(text, match_start)
    if "\t" in text[start:end]:
        return True
    gaps = list(_GAP.finditer(text, start, end))
    if len(gaps) >= 3:
        return True
    if len(gaps) >= 2 and any(_NUMERIC.match(text, g.end()) or _NUMERIC.match(text, g.start() - 1)
                              for g in gaps):
        return True
    column = match_end - start
    neighbours = []
    if start > 0:  # the line above: step back over its line break (CRLF, LF or CR)
        above_end = start - 2 if text[start - 2:start] == "\r\n" else start - 1
        neighbours.append(_line(text, above_end))
    if end < len(text):
        neighbours.append(_line(text, end + (2 if text[end:end + 2] == "\r\n" else 1)))
    return any(column in _gap_ends(text, a, b) for a, b in neighbours)


def _columns_of(doc: Document) -> "_Columns":
    """The document's :class:`_Columns`, built once and shared by the rules."""
    columns = doc.memo.get(_Columns)
    if columns is None:
        columns = doc.memo[_Columns] = _Columns(doc)
    return columns  # type: ignore[return-value]


class _Columns:
    """:func:`_in_columns` with each line scanned at most once.

    The plain form rescans the whole line (and its neighbours) for every
    match, which is quadratic on one long line with many gaps (an HTML
    paragraph of a thousand links, whose tags the reader blanks); this reads
    each line's layout and gap ends once, on first use, so a document costs
    time linear in its length whatever its line lengths."""

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        self.starts = doc.line_starts
        self._layout: dict[int, bool] = {}
        self._ends: dict[int, set[int]] = {}

    def _bounds(self, line: int) -> tuple[int, int]:
        start = self.starts[line]
        if line + 1 == len(self.starts):
            return start, len(self.text)
        end = self.starts[line + 1]
        return start, end - (2 if self.text[end - 2:end] == "\r\n" and end - 2 >= start else 1)

    def _gap_ends(self, line: int) -> set[int]:
        ends = self._ends.get(line)
        if ends is None:
            start, end = self._bounds(line)
            ends = self._ends[line] = _gap_ends(self.text, start, end)
        return ends

    def _is_layout(self, line: int) -> bool:
        """A tab, three or more gaps, or two of which one touches a number."""
        layout = self._layout.get(line)
        if layout is None:
            text = self.text
            start, end = self._bounds(line)
            gaps = list(_GAP.finditer(text, start, end))
            layout = self._layout[line] = (
                "\t" in text[start:end] or len(gaps) >= 3
                or (len(gaps) >= 2 and any(_NUMERIC.match(text, g.end()) or _NUMERIC.match(text, g.start() - 1)
                                           for g in gaps)))
        return layout

    def contains(self, match_start: int, match_end: int) -> bool:
        line = bisect.bisect_right(self.starts, match_start) - 1
        if self._is_layout(line):
            return True
        column = match_end - self.starts[line]
        return any(column in self._gap_ends(near) for near in (line - 1, line + 1)
                   if 0 <= near < len(self.starts))
