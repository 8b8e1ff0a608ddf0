"""Quotation marks: which double quotes open and which close, and the spans
of prose that are someone else's words.

Curly quotes say which way they face.  A straight ``"`` opens when it follows
the start of the text, a space or an opening bracket or dash and is followed by
a non-space, or follows the end of a sentence and is followed by a letter
(``carpet."It's``); otherwise it closes.  A ``"`` between two letters
(``don"t``, a mangled apostrophe) is no quotation mark.  A ``"`` right after a
digit may be an inch mark (``5'10"``): it is marked ``ambiguous`` and only
closes a quotation that is open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

OPENING = "“"
CLOSING = "”"
STRAIGHT = '"'
_OPEN_BEFORE = set(" \t\r\n([{—–-/\u00a0")
#: Any double quotation mark (a character-class scan: C speed).
_DOUBLE_QUOTE = re.compile('[“”"]')


def has_double_quotes(text: str) -> bool:
    return '"' in text or OPENING in text or CLOSING in text


@dataclass(frozen=True, slots=True)
class Mark:
    offset: int
    char: str
    opens: bool
    ambiguous: bool = False


def double_quote_marks(text: str, start: int = 0, end: int | None = None) -> Iterator[Mark]:
    """Every double quotation mark in ``text[start:end]``, classified."""
    end = len(text) if end is None else end
    for found in _DOUBLE_QUOTE.finditer(text, start, end):
        i = found.start()
        ch = text[i]
        if ch == OPENING:
            yield Mark(i, ch, True)
        elif ch == CLOSING:
            yield Mark(i, ch, False)
        else:
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if before.isalpha() and after.isalpha():
                pass  # a mangled apostrophe: don"t
            elif before.isdigit():
                yield Mark(i, ch, False, ambiguous=True)  # an inch mark, or a quote closing after a figure
            elif (before in _OPEN_BEFORE or before in ".!?,;:") and after.isalpha() \
                    or before in _OPEN_BEFORE and not after.isspace():
                yield Mark(i, ch, True)
            else:
                yield Mark(i, ch, False)


def quoted_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans between an opening and its closing quotation mark (marks
    included).  An opening mark left unclosed runs to ``end`` (a quotation
    that continues into the next paragraph)."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for mark in double_quote_marks(text, start, end):
        if mark.ambiguous and open_at is None:
            continue
        if mark.opens and open_at is None:
            open_at = mark.offset
        elif not mark.opens and open_at is not None:
            spans.append((open_at, mark.offset + 1))
            open_at = None
    if open_at is not None:
        spans.append((open_at, end))
    return spans


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)
