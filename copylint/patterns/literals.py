"""The literals every match of a rule author's pattern contains, for the
engine's triggers (:mod:`copylint.checks.fastscan`).

:func:`required_literals` gives a few strings one of which every text the
pattern matches contains (compared lower-cased, so that one search of the
lower-cased prose serves case-sensitive and case-insensitive rules alike);
:func:`line_start_prefixes` gives, for a pattern anchored at a line start,
the literal words a matching line begins with.  Both are necessary
conditions, never a change to what is found, and both are remembered in the
process and in the rule cache (:mod:`.memo`): parsing patterns is slow.
"""

from __future__ import annotations

import re
from typing import Any

from .memo import memoized
from .prefilter import _MAX_ALTERNATIVES, _MIN_LENGTH, _Piece, _sequence
from .syntax import LINE_FLAGS, REPEATS, C, available, parse_tree

#: At most this many literals for one pattern (an alternation of many words).
_MAX_REQUIRED = 256
#: A line-start prefix shorter than this is not worth a trigger.
_MIN_PREFIX = 3


def required_literals(pattern: str, ignorecase: bool) -> tuple[str, ...] | None:
    """A few strings one of which every text that ``pattern`` matches
    contains, when both are lower-cased (as :mod:`.fastscan` triggers compare
    them: case flags, inline or not, then make no difference); None when no
    such set is found.  Remembered, in the process and in the rule cache
    (:mod:`.memo`): parsing patterns is slow."""
    return memoized("required_literals", _derive_required_literals, pattern, bool(ignorecase))


def _derive_required_literals(pattern: str, ignorecase: bool) -> tuple[str, ...] | None:
    if not available():
        return None
    # Line and dot-all flags change no literal; Python refuses them inside
    # a pattern (the regex module allows it), so they are dropped here.
    pattern = LINE_FLAGS.sub("", pattern)
    try:
        parsed = parse_tree(pattern, re.IGNORECASE if ignorecase else 0)
        found = _required(list(parsed), at_end=True)
    except Exception:  # noqa: BLE001 - any surprise means: none
        return None
    return tuple(sorted(found)) if found else None


def _required(items: list[tuple[Any, Any]], at_end: bool = False) -> set[str] | None:
    """Literals one of which every match of the sequence ``items`` contains:
    those of its best run of characters (see :func:`_literals`), or, when
    better, of an alternation every branch of which requires some (their
    union), or of a group.  Only what the match itself must contain counts."""
    options = _segments(_sequence(items, at_end=at_end))
    for op, av in items:
        if op is C.SUBPATTERN:  # also (?i:…): the literals are compared lower-cased
            inner = _required(list(av[3]))
            if inner:
                options.append(inner)
        elif op is C.BRANCH:
            union: set[str] = set()
            for branch in av[1]:
                inner = _required(list(branch))
                if not inner:
                    break
                union |= inner
            else:
                if len(union) <= _MAX_REQUIRED:
                    options.append(union)
        elif op in REPEATS and av[0] >= 1:
            inner = _required(list(av[2]))
            if inner:
                options.append(inner)
    if not options:
        return None
    # the most selective: punctuation and digits are rarer in prose than
    # letters, so they count extra; then the fewest literals
    return max(options, key=lambda o: (min(map(_rarity, o)), -len(o)))


def _rarity(literal: str) -> int:
    return len(literal) + 4 * sum(1 for c in literal if not (c.isalpha() or c.isspace()))


def _segments(pieces: list[_Piece | None]) -> list[set[str]]:
    """For each stretch of characters the match must contain verbatim, the
    set of strings it can be (a small character class multiplies them).  A
    repeated piece (``x{2,}``) ends a stretch with one character and starts
    the next with its minimum number; an optional piece or anything not
    modelled just ends it."""
    found: list[set[str]] = []
    current: list[str] = [""]

    def close() -> None:
        if current and len(current[0]) >= _MIN_LENGTH:
            found.append(set(current))

    for piece in pieces:
        if piece is None or piece.low == 0:
            close()
            current = [""]
            continue
        chars = sorted(piece.chars)
        if len(current) * len(chars) > _MAX_ALTERNATIVES * 2:
            close()
            current = [""]
            if len(chars) > _MAX_ALTERNATIVES * 2:
                continue
        if piece.low == piece.high:
            for _ in range(piece.low):
                current = [lit + c for lit in current for c in chars]
                if len(current) > _MAX_ALTERNATIVES * 2:
                    break
        else:  # its first character ends this stretch, its last `low` start the next
            current = [lit + c for lit in current for c in chars]
            close()
            current = [""]
            for _ in range(piece.low):
                current = [lit + c for lit in current for c in chars]
                if len(current) > _MAX_ALTERNATIVES * 2:
                    current = list(chars)
                    break
    close()
    return found



def line_start_prefixes(pattern: str) -> tuple[str, ...] | None:
    """For a pattern anchored at the start of a line (or of the text) and
    then, after optional blanks, beginning with one of a few literal words
    (``(?m)^[ \\t]*(?:Tags|Read more)…``): those words' literal beginnings.
    Every match then starts a line with blanks and one of them, which the
    :mod:`.fastscan` trigger ``^[ \\t]*(?:…)`` looks for (far rarer than the
    words anywhere).  None when the pattern does not have that shape.
    Remembered like :func:`required_literals`."""
    if "^" not in pattern and "\\A" not in pattern:
        return None  # the common case: no parsing, nothing to remember
    return memoized("line_start_prefixes", _derive_line_start_prefixes, pattern)


def _derive_line_start_prefixes(pattern: str) -> tuple[str, ...] | None:
    if not available() or "^" not in pattern and "\\A" not in pattern:
        return None
    try:
        parsed = parse_tree(LINE_FLAGS.sub("", pattern), 0)
        items = _unwrap(list(parsed))
        if not items or items[0] not in ((C.AT, C.AT_BEGINNING), (C.AT, C.AT_BEGINNING_STRING)):
            return None
        items = items[1:]
        if items and items[0][0] in (C.MAX_REPEAT, C.MIN_REPEAT) and _blanks(items[0][1][2]):
            items = items[1:]
        found = _prefixes(items)
    except Exception:  # noqa: BLE001 - any surprise means: none
        return None
    if not found or any(len(p) < _MIN_PREFIX for p in found) or len(found) > _MAX_REQUIRED:
        return None
    return tuple(sorted(found))


def _unwrap(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """The contents of groups that make up the whole sequence, without flags."""
    while len(items) == 1 and items[0][0] is C.SUBPATTERN and not items[0][1][1] and not items[0][1][2]:
        items = list(items[0][1][3])
    return items


def _blanks(items: Any) -> bool:
    """Is the repeated ``items`` one character out of space and tab?"""
    items = list(items)
    if len(items) != 1:
        return False
    op, av = items[0]
    if op is C.LITERAL:
        return av in (9, 32)
    return op is C.IN and all(o is C.LITERAL and a in (9, 32) for o, a in av)


def _prefixes(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The literal beginnings of every match of the sequence ``items`` (one
    or more per alternative), or None when an alternative does not start
    with one.  A group or alternation after a literal run extends it (the
    parser factors ``Posted|Printed`` into ``P`` then ``osted|rinted``), and
    so does a run of blanks (``Read[ \t]+more``), written as one space: the
    trigger reads a space as ``[ \t]+``, so a wrapped line that merely
    starts with ``more`` or ``read`` is not taken for CMS residue."""
    prefix = ""
    for op, av in items:
        if op is C.LITERAL:
            prefix += chr(av)
            continue
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1 and prefix \
                and not prefix.endswith(" ") and _blanks(av[2]):
            prefix += " "  # a run of blanks between words: ``[ \t]+`` in the trigger
            continue
        inner: set[str] | None = None
        if op is C.SUBPATTERN and not av[1] and not av[2]:
            inner = _prefixes(list(av[3]))
        elif op is C.BRANCH:
            inner = set()
            for branch in av[1]:
                found = _prefixes(list(branch))
                if not found:
                    inner = None
                    break
                inner |= found
        if not inner:
            return {prefix} if prefix else None
        return {prefix + rest for rest in inner}
    return {prefix} if prefix else None
