"""Questions about the shape of a rule author's pattern that decide how it
may be run: can it backtrack catastrophically (:func:`is_linear`), can a
match cross a paragraph break (:func:`stays_in_paragraph`)?"""

from __future__ import annotations

from .analysis import analyse
from .syntax import REPEATS, C, parse


def is_linear(pattern: str) -> bool:
    """Is the pattern a plain sequence of characters, classes and at most one
    repeated character or class (``[\\w]+``, ``\\S+``)?  Such a pattern
    cannot backtrack catastrophically, so it needs no timeout."""
    parsed = parse(pattern)
    if parsed is None:
        return False
    single = (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY)
    repeats = 0
    items = list(parsed)
    while items:
        op, av = items.pop(0)
        if op is C.SUBPATTERN and not av[1] and not av[2]:
            items = list(av[3]) + items
        elif op in REPEATS:
            inner = list(av[2])
            repeats += 1
            if repeats > 1 or len(inner) != 1 or inner[0][0] not in single:
                return False
        elif op not in single and op is not C.AT:
            return False
    return True


def stays_in_paragraph(pattern: str) -> bool:
    """Are the pattern's matches in a text exactly its matches in the text's
    paragraphs (pieces cut after each blank line, ``\\n\\n``)?

    True when no match can be empty or contain a line break (so none
    crosses a cut, and a scan reaches each cut with nothing pending) and the
    only assertions are ``\\b``, ``\\B`` and multi-line ``^``/``$``, which read
    a line break before a piece's first character exactly as they read the
    start of a string.  Look-arounds, ``\\A``/``\\Z``, back-references and
    scoped flags make it False.  Read from the one analysis of the pattern
    (:attr:`.analysis.Facts.local`)."""
    facts = analyse(pattern)
    return facts is not None and facts.local
