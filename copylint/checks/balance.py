"""``balance``: quotation marks and brackets that do not pair up within a
paragraph.

``marks: quotes`` pairs double quotation marks (curly or straight; see
:mod:`copylint.document.quotes`).  News style lets a quotation run over several
paragraphs by leaving the closing mark off every paragraph but the last, each
continuation opening with a new mark: an unclosed quotation followed by a
paragraph that starts with an opening mark is therefore correct.  So is an
unclosed quotation followed by an opening mark at the start of a new sentence
inside the same block: the same continuation in text whose paragraph breaks
were lost (plain-text exports join them).  A quotation inside a quotation
with double marks (``“the sign read “stop” at the gate”``) is one finding, at
the inner opening mark (it takes single marks), not two.

``marks: brackets`` pairs ``()``, ``[]`` and ``{}``; a list marker at the start
of a paragraph or inside it when no bracket is open (``1) cost and 2) time``)
and a smiley are not brackets; nor is a half-open interval or version range
(``[0, 1)``, ``(0, 1]``, ``[2.1, *)``, ``[1.0,)``), whose mismatched ends are
the notation, not a slip: two endpoints (a number, a version, a letter, ``*``,
``∞``, or nothing) separated by a comma, between ``[``/``(`` and ``)``/``]``.

An ``alt`` or ``title`` attribute inside a paragraph (``(see <a title="The
guide">the guide</a>)``) is a block of its own, paired by itself, but it does
not cut the paragraph around it in two: the brackets and quotation marks on
either side of the tag are paired as one paragraph, as the reader reads it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Iterable

from ..document.model import Document
from ..document.quotes import Mark, document_marks, find_all, has_double_quotes, marks_by_block
from ..ruleset import fields as f
from .base import Check, Hit

_PAIRS = {")": "(", "]": "[", "}": "{"}
_OPENERS = set(_PAIRS.values())
_LIST_MARKER = re.compile(r"[ \t]*(?:\w{1,3}|\d+(?:\.\d+)*)\)")
#: An inline list marker, ``(?<!\S)(?:\d{1,2}|[a-z]|[ivx]{1,4})\)(?=\s)``,
#: is found from its ``)`` (:func:`_inline_marker_at`); this is its body.
_MARKER_BODY = re.compile(r"\d{1,2}|[a-z]|[ivx]{1,4}")
#: A half-open interval or version range: ``[0, 1)``, ``(a, b]``, ``[2.1, *)``.
_ENDPOINT = r"[ \t]*(?:[-+−]?(?:\d[\d._]*|[A-Za-z]|∞|inf)|\*)?[ \t]*"
_INTERVAL = re.compile(rf"\[{_ENDPOINT},{_ENDPOINT}\)|\({_ENDPOINT},{_ENDPOINT}\]")
#: The brackets, found by :func:`find_all` (``str.find``: C speed).
_BRACKETS = "()[]{}"


class BalanceCheck(Check):
    kind = "balance"
    message_values = 2  # the mark, the problem
    fields = {
        "marks": f.Field(f.choice("quotes", "brackets"), required=True,
                         doc="'quotes': double quotation marks; 'brackets': () [] {}"),
    }
    default_message = "Unbalanced '%s' in this paragraph."

    def run(self, doc: Document) -> Iterable[Hit]:
        prose = doc.prose
        for rule in self.rules:
            if rule.options["marks"] == "quotes":
                # no mark at all: nothing can be unbalanced
                if not has_double_quotes(prose):
                    continue
                problems = _quote_problems_by_unit(doc) if doc.protected else _quote_problems_by_block(doc)
            else:
                offsets = find_all(prose, _BRACKETS)  # the one bracket scan of the document
                if not offsets:
                    continue
                problems = _bracket_problems_by_unit(doc) if doc.protected else _bracket_problems_by_block(doc, offsets)
            for offset, problem in problems:
                yield Hit(rule, offset, offset + 1, (prose[offset], problem))


def _quote_problems_by_block(doc: Document) -> list[tuple[int, str]]:
    """The quotation problems of every block that holds a mark, in order."""
    prose = doc.prose
    blocks = doc.blocks
    last = len(blocks) - 1
    problems: list[tuple[int, str]] = []
    opening_at: set[int] | None = None
    for i, marks in marks_by_block(doc):
        if opening_at is None:
            opening_at = {mark.offset for mark in document_marks(doc) if mark.opens}
        # the next paragraph continues the quotation when it opens with a mark
        continues = i < last and blocks[i + 1].start in opening_at
        problems.extend(_pair_quotes(prose, marks, continues))
    return problems


NESTED = "a quotation inside a quotation takes single marks"


def _pair_quotes(text: str, group: Iterable[Mark], continues: bool) -> list[tuple[int, str]]:
    marks = list(group)
    problems: list[tuple[int, str]] = []
    open_at: int | None = None
    k = 0
    while k < len(marks):
        mark = marks[k]
        k += 1
        if mark.ambiguous and open_at is None:
            continue  # an inch mark
        if mark.opens:
            if open_at is not None and not _after_sentence_end(text, mark.offset):
                if _nested_at(marks, k):
                    # ``“the sign read “stop” at the gate”``: one quotation
                    # inside another, with double marks: one finding, at the
                    # inner opening mark
                    problems.append((mark.offset, NESTED))
                    k += 2
                    open_at = None
                    continue
                problems.append((open_at, "this quotation is never closed before the next one opens"))
            open_at = mark.offset
        elif open_at is None:
            problems.append((mark.offset, "closing quotation mark without an opening one"))
        else:
            open_at = None
    if open_at is not None and not continues:
        problems.append((open_at, "quotation mark opened but not closed in this paragraph"))
    return problems


def _nested_at(marks: list[Mark], k: int) -> bool:
    """Do the two marks from ``k`` on close first the inner quotation (opened
    by ``marks[k - 1]``) and then the outer one?"""
    return k + 1 < len(marks) and not marks[k].opens and not marks[k + 1].opens


def _after_sentence_end(text: str, offset: int) -> bool:
    i = offset - 1
    while i >= 0 and text[i] in " \t\r\n\u00a0":
        i -= 1
    return i >= 0 and i < offset - 1 and text[i] in ".!?…:"


def _bracket_problems_by_block(doc: Document, offsets: list[int] | None = None) -> list[tuple[int, str]]:
    """The bracket problems of every block that holds a bracket, in order
    (the brackets are found in one scan of the document, shared by every
    block; a block without any has none)."""
    prose = doc.prose
    if offsets is None:
        offsets = find_all(prose, _BRACKETS)
    problems: list[tuple[int, str]] = []
    lo = 0
    for block in doc.blocks:
        lo = bisect_left(offsets, block.start, lo)
        if lo == len(offsets):
            break
        if offsets[lo] < block.end:
            hi = bisect_left(offsets, block.end, lo)
            problems.extend(_bracket_problems(prose, block.start, block.end, offsets[lo:hi]))
            lo = hi
    return problems


def _inline_marker_at(text: str, i: int, start: int, end: int) -> bool:
    """Does ``_INLINE_MARKER.finditer(text, start, end)`` have a match ending
    with the ``)`` at ``i``?  Its body has no white space and must follow
    white space (or the text's start), so it is the run of non-space
    characters before ``i`` (anchored on the ``)``: no look-behind tried at
    every offset)."""
    if i + 1 >= end or not text[i + 1].isspace():
        return False
    p = i
    while p > start and i - p < 5 and not text[p - 1].isspace():
        p -= 1
    if p == i or (p > 0 and not text[p - 1].isspace()):
        return False
    return _MARKER_BODY.fullmatch(text, p, i) is not None


def _smiley_at(text: str, i: int, start: int) -> bool:
    """Does ``_SMILEY.finditer(text, start, …)`` have a match ending with the
    bracket at ``i``? (``:)``, ``;-(``, ``=]``: a mark, an optional dash, the bracket)."""
    if i - 1 >= start and text[i - 1] in ":;=":
        return True
    return i - 2 >= start and text[i - 1] == "-" and text[i - 2] in ":;="


def _bracket_problems(text: str, start: int, end: int,
                      brackets: list[int] | None = None) -> list[tuple[int, str]]:
    problems: list[tuple[int, str]] = []
    if brackets is None:
        brackets = find_all(text, _BRACKETS, start, end)
    if not brackets:
        return problems
    stack: list[int] = []
    skip: set[int] = set()
    marker = _LIST_MARKER.match(text, start, end)
    if marker:
        skip.add(marker.end() - 1)
    markers = {i for i in brackets if text[i] == ")" and _inline_marker_at(text, i, start, end)}
    skip.update(i for i in brackets if text[i] in "()[]" and _smiley_at(text, i, start))
    for i in brackets:
        if text[i] in "([" and (interval := _INTERVAL.match(text, i, end)):
            skip.update((i, interval.end() - 1))
    for i in brackets:
        ch = text[i]
        if i in skip:
            continue
        if ch in _OPENERS:
            stack.append(i)
        elif ch in _PAIRS:
            if i in markers and not (stack and text[stack[-1]] == "("):
                continue  # an inline list marker: "1) cost and 2) time"
            if stack and text[stack[-1]] == _PAIRS[ch]:
                stack.pop()
            elif stack:
                problems.append((i, f"'{ch}' closes '{text[stack[-1]]}'"))
                stack.pop()
            else:
                problems.append((i, f"'{ch}' has no opening '{_PAIRS[ch]}'"))
    problems.extend((i, f"'{text[i]}' is never closed") for i in stack)
    return sorted(problems)


# -- paragraphs with insets (alt/title attributes) --------------------------------
def _units(doc: Document) -> list[tuple[int, int, bool]]:
    """(start, end, is_inset) of every unit marks are paired in: the blocks of
    ``doc``, except that a paragraph an ``alt``/``title`` attribute cuts (the
    attribute is a block between two pieces of it) is one unit again, and the
    attribute a unit of its own.  The attribute's text lies inside the joined
    unit's span: pair the unit's marks without it (:func:`_without_insets`)."""
    edges = [0, *doc.block_breaks, len(doc.prose)]
    prose = doc.prose
    inside = _Insets(doc.protected)
    chunks: list[tuple[int, int, str]] = []  # (start, end, "text" | "inset" | "blank")
    for a, b in zip(edges, edges[1:]):
        chunk = prose[a:b]
        stripped = chunk.strip()
        if not stripped:
            chunks.append((a, b, "blank"))
            continue
        start = a + len(chunk) - len(chunk.lstrip())
        end = start + len(stripped)
        inset = inside.holds(start, end)
        chunks.append((start, end, "inset" if inset else "text"))
    units: list[tuple[int, int, bool]] = []
    open_text: int | None = None  # index in units of a paragraph an inset may continue
    i = 0
    while i < len(chunks):
        start, end, kind = chunks[i]
        if kind == "text":
            units.append((start, end, False))
            open_text = len(units) - 1
            i += 1
            continue
        if kind == "blank":
            open_text = None
            i += 1
            continue
        # a run of insets (blank chunks between them: the rest of one tag)
        j = i
        insets = []
        while j < len(chunks) and chunks[j][2] != "text":
            if chunks[j][2] == "inset":
                insets.append(chunks[j])
            elif j + 1 < len(chunks) and chunks[j + 1][2] == "inset":
                pass  # between two attributes of one tag
            else:
                break
            j += 1
        units.extend((a, b, True) for a, b, _ in insets)
        if open_text is not None and j < len(chunks) and chunks[j][2] == "text":
            # the paragraph goes on after the tag: one unit again
            a, _, _ = units[open_text]
            units[open_text] = (a, chunks[j][1], False)
            i = j + 1
            continue
        open_text = None
        i = j
    return sorted(units)


class _Insets:
    """The ``alt``/``title`` spans of a document, for containment tests."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def holds(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and self.spans[i][0] <= start and end <= self.spans[i][1]


def _without_insets(doc: Document) -> str:
    """``doc.prose`` with its ``alt``/``title`` attributes blanked."""
    chars = list(doc.prose)
    for a, b in doc.protected:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _bracket_problems_by_unit(doc: Document) -> list[tuple[int, str]]:
    outer = _without_insets(doc)
    problems: list[tuple[int, str]] = []
    for start, end, inset in _units(doc):
        problems.extend(_bracket_problems(doc.prose if inset else outer, start, end))
    return sorted(set(problems))


def _quote_problems_by_unit(doc: Document) -> list[tuple[int, str]]:
    marks = document_marks(doc)
    if not marks:
        return []
    units = _units(doc)
    inside = _Insets(doc.protected)
    opening_at = {mark.offset for mark in marks if mark.opens}
    offsets = [mark.offset for mark in marks]
    problems: list[tuple[int, str]] = []
    for k, (start, end, inset) in enumerate(units):
        lo, hi = bisect_left(offsets, start), bisect_left(offsets, end)
        group = [m for m in marks[lo:hi] if inset or not inside.holds(m.offset, m.offset + 1)]
        if group:
            continues = k + 1 < len(units) and units[k + 1][0] in opening_at
            problems.extend(_pair_quotes(doc.prose, group, continues))
    return sorted(set(problems))
