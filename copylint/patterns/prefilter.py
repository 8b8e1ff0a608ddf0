"""A cheap necessary condition for a rule author's regex.

Most documents contain no match of most punctuation or existence patterns,
yet a pattern that starts with a look-behind or an optional part (``[ \\t]*,``)
is tried by the regex engine at every character.  :func:`prefilter` derives
from the pattern a *relaxed* search that every document with a match also
satisfies: look-arounds are dropped (a final look-ahead is kept as if it were
consumed), optional leading parts are trimmed, and the longest run of plain
characters and character classes is kept.  The run is compiled as a few
alternatives that each start with one literal character, which the standard
:mod:`re` engine finds with a fast scan.  A document where none of them occurs
cannot match the full pattern, so the full pattern is not run on it.

Anything the analysis does not understand (back-references, categories such
as ``\\w``, regex-module-only syntax) ends a run, and so does an alternation,
after the character it must start with when every branch starts with a known
one (``[ \\t]+(?:,…|[.!?]…)`` keeps ``[ \\t][,.!?]``); a pattern
with no run of at least two characters gets no prefilter and always runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from .casefold import cased
from .syntax import REPEATS, C, available, class_chars, parse_tree

#: Larger classes are not worth expanding.
_MAX_CLASS = 16
_MAX_ALTERNATIVES = 8
_MIN_LENGTH = 2


@dataclass(frozen=True)
class _Piece:
    chars: frozenset[str]
    low: int
    high: int | None  # None: unbounded


_GAP = None  # an element the analysis does not model: ends a run


def prefilter(pattern: str, ignorecase: bool) -> Callable[[str], bool] | None:
    """A function ``text -> bool`` that is true whenever ``pattern`` could
    match ``text``, or ``None`` when no useful one can be derived."""
    if not available():
        return None
    try:
        parsed = parse_tree(pattern, re.IGNORECASE if ignorecase else 0)
        # an inline (?i) at the start makes the whole pattern ignore case
        ignorecase = ignorecase or bool(parsed.state.flags & re.IGNORECASE)
        pieces = _sequence(list(parsed), at_end=True)
        run = _best_run(pieces)
        if run is None:
            return None
        literals = _literals(run)
        if literals and ignorecase and any(cased(c) for lit in literals for c in lit):
            literals = None  # a cased character would have to match case-insensitively
        if literals:
            # plain substring tests: C speed, far faster than a regex scan
            return lambda text: any(literal in text for literal in literals)
        searches = [re.compile(alternative, re.IGNORECASE if ignorecase else 0).search
                    for alternative in _alternatives(run, ignorecase)]
    except Exception:  # noqa: BLE001 - any surprise means: no prefilter
        return None
    if not searches:
        return None
    return lambda text: any(search(text) is not None for search in searches)


def _literals(run: list[_Piece]) -> tuple[str, ...] | None:
    """A few strings one of which every match of ``run`` contains: the last
    character of the first piece, then the run's fixed start (a repeated piece
    contributes one character and ends it).  None when that is a single
    character or when there would be too many."""
    literals = [c for c in sorted(run[0].chars)]
    for piece in run[1:]:
        if piece.low == 0:
            break
        count = piece.low if piece.low == piece.high else 1
        for _ in range(count):
            literals = [lit + c for lit in literals for c in sorted(piece.chars)]
            if len(literals) > _MAX_ALTERNATIVES * 2:
                return None
        if piece.low != piece.high:
            break
    if len(literals[0]) < _MIN_LENGTH:
        return None
    return tuple(literals)


def _sequence(items: list[tuple[Any, Any]], at_end: bool = False, at_start: bool = True) -> list[_Piece | None]:
    """Pieces of a sequence; ``at_end``: nothing is consumed after it;
    ``at_start``: nothing before it (a leading look-behind then reads the
    text before the match)."""
    out: list[_Piece | None] = []
    for index, (op, av) in enumerate(items):
        last = at_end and index == len(items) - 1
        first = at_start and all(o in (C.ASSERT_NOT, C.AT) for o, _ in items[:index])
        if op is C.LITERAL:
            out.append(_Piece(frozenset(chr(av)), 1, 1))
        elif op is C.IN:
            chars = class_chars(av, _MAX_CLASS)
            out.append(_Piece(chars, 1, 1) if chars else _GAP)
        elif op in REPEATS:
            low, high, sub = av
            inner = _sequence(list(sub), at_start=False)
            if len(inner) == 1 and isinstance(inner[0], _Piece) and inner[0].low == inner[0].high == 1:
                out.append(_Piece(inner[0].chars, low, None if high == C.MAXREPEAT else high))
            else:
                out.append(_GAP)
        elif op is C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if (add_flags | del_flags) & ~(re.MULTILINE | re.DOTALL | re.VERBOSE):
                out.append(_GAP)  # a flag that changes what characters match
            else:
                out.extend(_sequence(list(sub), at_end=last, at_start=first))
        elif op is C.ASSERT:
            direction, sub = av
            if direction == 1 and last:
                # a final look-ahead: its text follows what was consumed
                out.extend(_sequence(list(sub), at_end=True, at_start=False))
            elif direction == -1 and first:
                # a leading look-behind: its text ends where the match starts
                out.extend(_sequence(list(sub)))
            # otherwise zero-width: the neighbours stay adjacent
        elif op in (C.ASSERT_NOT, C.AT):
            pass  # zero-width
        elif op is C.BRANCH:
            # an alternation whose every branch starts with a known character:
            # the union of those characters comes next, then what is not modelled
            first = _first_chars(list(av[1]))
            out.extend((_Piece(first, 1, 1), _GAP) if first else (_GAP,))
        else:  # GROUPREF, ANY, NOT_LITERAL, CATEGORY, ...
            out.append(_GAP)
    return out


def _first_chars(branches: list[Any]) -> frozenset[str] | None:
    """The characters one of which every branch consumes first (each branch
    starting with a literal, a class, a group or a repeat of at least one of
    them), or None."""
    union: set[str] = set()
    for branch in branches:
        chars = _first_of(list(branch))
        if not chars:
            return None
        union |= chars
        if len(union) > _MAX_CLASS:
            return None
    return frozenset(union)


def _first_of(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    if not items:
        return None
    op, av = items[0]
    if op is C.LITERAL:
        return frozenset(chr(av))
    if op is C.IN:
        return class_chars(av, _MAX_CLASS)
    if op is C.SUBPATTERN and not (av[1] | av[2]) & ~(re.MULTILINE | re.DOTALL | re.VERBOSE):
        return _first_of(list(av[3]))
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
        return _first_of(list(av[2]))
    if op is C.BRANCH:
        return _first_chars(list(av[1]))
    return None


def _best_run(pieces: list[_Piece | None]) -> list[_Piece] | None:
    runs: list[list[_Piece]] = [[]]
    for piece in pieces:
        if piece is None:
            runs.append([])
        else:
            runs[-1].append(piece)
    best: list[_Piece] | None = None
    best_length = _MIN_LENGTH - 1
    for run in runs:
        while run and run[0].low == 0:
            run = run[1:]
        while run and run[-1].low == 0:
            run = run[:-1]
        length = sum(piece.low for piece in run)
        if run and length > best_length and len(run[0].chars) <= _MAX_ALTERNATIVES:
            best, best_length = run, length
    return best


def _alternatives(run: list[_Piece], ignorecase: bool) -> list[str]:
    first, rest = run[0], run[1:]
    if ignorecase and any(cased(c) for c in first.chars):
        raise ValueError("a cased first character cannot be a literal prefix")
    tail = "".join(_emit(piece) for piece in rest)
    # Only the last character of a repeated first piece must be followed by
    # the rest; as a literal, the regex engine scans for it quickly.
    return [re.escape(c) + tail for c in sorted(first.chars)]


def _emit(piece: _Piece) -> str:
    chars = sorted(piece.chars)
    body = re.escape(chars[0]) if len(chars) == 1 else \
        "[" + "".join(_class_char(c) for c in chars) + "]"
    if piece.low == piece.high == 1:
        return body
    high = "" if piece.high is None else str(piece.high)
    return f"{body}{{{piece.low},{high}}}"


def _class_char(char: str) -> str:
    return "\\" + char if char in "\\]^-[" else char

