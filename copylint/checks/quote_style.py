"""``quote-style``: straight and curly quotation marks mixed in one story.

``marks: double`` compares ``"`` with ``“ ”``; ``marks: single`` compares the
straight ``'`` with the curly ``’ ‘`` (apostrophes included, since they are the
same keys on a keyboard and the same characters in a CMS).  The style used
more often wins (curly on a tie); every mark of the other style is flagged,
with the winning character as the fix.  Inch and foot marks after a digit
(``5'10"``) are left alone.

When the document's renderer curls straight quotes (``Document.typographer``:
Hugo and Jekyll sources by default, ``typographer:`` in the configuration), a
straight mark counts as the curly one it will become, so it is never mixed
with curly ones: the reader of the page sees one style.

Strays or two styles.  A few marks of the other style in a story (a pasted
quotation) are strays: each is reported, with its fix.  When the less used
style has at least :data:`BOTH_STYLES_MIN` marks and at least
:data:`BOTH_STYLES_SHARE` of all the marks, the document is written in two
styles (a page many hands edited, a policy document pasted together from
several sources): that is one problem, reported once, at the first mark of the
less used style, with the counts in the message and no automatic fix, since
the majority is then no clear house style (which one the page should use is
an editor's choice).
"""

from __future__ import annotations

import re
from typing import Iterable

from ..document.model import Document
from ..document.quotes import CLOSING, OPENING, document_marks
from ..ruleset import fields as f
from .base import Check, Hit

_OPEN_BEFORE = set(" \t\r\n([{—–-/\u00a0\"“")


_SINGLE_QUOTE = re.compile("['’‘]")

#: The less used style is a second style of the document, not strays, when it
#: has at least this many marks ...
BOTH_STYLES_MIN = 5
#: ... and at least this share of all the marks (the majority is less than
#: three times the minority).
BOTH_STYLES_SHARE = 0.25


class QuoteStyleCheck(Check):
    kind = "quote-style"
    message_values = 3  # the mark, its style, the style used elsewhere
    fields = {
        "marks": f.Field(f.choice("double", "single"), required=True,
                         doc="'double': \" vs “ ”; 'single': ' vs ’ ‘ (apostrophes included)"),
    }
    default_message = "'%s' is a %s mark, but this story uses %s marks elsewhere ({other})."

    def run(self, doc: Document) -> Iterable[Hit]:
        prose = doc.prose
        for rule in self.rules:
            # one style missing altogether: nothing to compare (C-speed tests)
            if rule.options["marks"] == "double":
                if '"' not in prose or (OPENING not in prose and CLOSING not in prose):
                    continue
            elif "'" not in prose or ("’" not in prose and "‘" not in prose):
                continue
            marks = _doubles(doc) if rule.options["marks"] == "double" else _singles(doc)
            if doc.typographer:  # each straight mark is rendered as its curly equivalent
                marks = [(offset, curly, "curly") for offset, curly, _style in marks]
            straight = [m for m in marks if m[2] == "straight"]
            curly = [m for m in marks if m[2] == "curly"]
            if not straight or not curly:
                continue
            losers, winner = (curly, straight) if len(straight) > len(curly) else (straight, curly)
            line, _ = doc.position(winner[0][0])
            win_style, lose_style = winner[0][2], losers[0][2]
            if len(losers) >= BOTH_STYLES_MIN and len(losers) >= BOTH_STYLES_SHARE * len(marks):
                offset, replacement, _style = losers[0]
                first = doc.position(min(offset, winner[0][0]))[0]
                last = doc.position(max(losers[-1][0], winner[-1][0]))[0]
                yield Hit(rule, offset, offset + 1, (doc.prose[offset], lose_style, win_style),
                          replacement if win_style == "curly" else _straight(doc.prose[offset]), None,
                          other=f"line {line}; the document mixes {len(losers)} {lose_style} and "
                                f"{len(winner)} {win_style} marks, lines {first}-{last}: reported once, "
                                "no automatic fix")
                continue
            for offset, replacement, _style in losers:
                yield Hit(rule, offset, offset + 1, (doc.prose[offset], lose_style, win_style),
                          replacement if win_style == "curly" else _straight(doc.prose[offset]),
                          replacement if win_style == "curly" else _straight(doc.prose[offset]),
                          other=f"line {line}")


def _straight(ch: str) -> str:
    return '"' if ch in (OPENING, CLOSING) else "'"


def _doubles(doc: Document) -> list[tuple[int, str, str]]:
    """(offset, curly equivalent, 'straight'|'curly') for every double mark."""
    out = []
    for mark in document_marks(doc):
        if mark.ambiguous:
            continue
        style = "straight" if mark.char == '"' else "curly"
        out.append((mark.offset, OPENING if mark.opens else CLOSING, style))
    return out


def _singles(doc: Document) -> list[tuple[int, str, str]]:
    text = doc.prose
    out = []
    for found in _SINGLE_QUOTE.finditer(text):
        i = found.start()
        ch = found.group()
        if ch == "'":
            before = text[i - 1] if i else " "
            if before.isdigit():
                continue  # a foot mark or minutes
            after = text[i + 1] if i + 1 < len(text) else " "
            opens = before in _OPEN_BEFORE and not after.isspace() and not after.isdigit()
            out.append((i, "‘" if opens else "’", "straight"))
        elif ch in "’‘":
            out.append((i, ch, "curly"))
    return out
