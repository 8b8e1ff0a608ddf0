"""Questions about the shape of a rule author's pattern that decide how it
may be run: can it backtrack catastrophically (:func:`is_linear`), can a
match cross a paragraph break (:func:`stays_in_paragraph`)?"""

from __future__ import annotations

import re

from .syntax import ATOMIC, REPEATS, C, available, parse

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
    scoped flags make it False."""
    parsed = parse(pattern)
    if parsed is None or parsed.getwidth()[0] < 1:
        return False
    flags = parsed.state.flags
    if flags & re.VERBOSE or not flags & re.MULTILINE:
        return False
    return _local(list(parsed), bool(flags & re.DOTALL))


_LINE_BREAK_CATEGORIES = {C.CATEGORY_SPACE, C.CATEGORY_NOT_DIGIT, C.CATEGORY_NOT_WORD, C.CATEGORY_LINEBREAK,
                          C.CATEGORY_UNI_SPACE, C.CATEGORY_UNI_NOT_DIGIT, C.CATEGORY_UNI_NOT_WORD,
                          C.CATEGORY_UNI_LINEBREAK} if available() else set()
_OTHER_CATEGORIES = {C.CATEGORY_NOT_SPACE, C.CATEGORY_DIGIT, C.CATEGORY_WORD, C.CATEGORY_NOT_LINEBREAK,
                     C.CATEGORY_UNI_NOT_SPACE, C.CATEGORY_UNI_DIGIT, C.CATEGORY_UNI_WORD,
                     C.CATEGORY_UNI_NOT_LINEBREAK} if available() else set()


def _class_has_line_break(items: list) -> bool | None:
    """Does a character class contain ``\\n``?  None when unsure."""
    negated = False
    found = False
    for kind, value in items:
        if kind is C.NEGATE:
            negated = True
        elif kind is C.LITERAL:
            found = found or value == 10
        elif kind is C.RANGE:
            found = found or value[0] <= 10 <= value[1]
        elif kind is C.CATEGORY:
            if value in _LINE_BREAK_CATEGORIES:
                found = True
            elif value not in _OTHER_CATEGORIES:
                return None
        else:
            return None
    return found != negated


def _local(items: list, dotall: bool) -> bool:
    for op, av in items:
        if op is C.LITERAL:
            if av == 10:
                return False
        elif op is C.NOT_LITERAL:
            if av != 10:
                return False
        elif op is C.ANY:
            if dotall:
                return False
        elif op is C.IN:
            if _class_has_line_break(av) is not False:
                return False
        elif op is C.BRANCH:
            if not all(_local(list(branch), dotall) for branch in av[1]):
                return False
        elif op is C.SUBPATTERN:
            if av[1] or av[2] or not _local(list(av[3]), dotall):
                return False
        elif op is ATOMIC:
            if not _local(list(av), dotall):
                return False
        elif op in REPEATS:
            if not _local(list(av[2]), dotall):
                return False
        elif op is C.AT:
            if av not in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY, C.AT_BEGINNING, C.AT_END):
                return False
        else:  # look-arounds, back-references, conditionals
            return False
    return True
