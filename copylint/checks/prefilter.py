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

try:  # the parser behind re.compile (Python >= 3.11)
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: no prefilter
    _parser = None

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
    if _parser is None:
        return None
    try:
        parsed = _parser.parse(pattern, re.IGNORECASE if ignorecase else 0)
        # an inline (?i) at the start makes the whole pattern ignore case
        ignorecase = ignorecase or bool(parsed.state.flags & re.IGNORECASE)
        pieces = _sequence(list(parsed), at_end=True)
        run = _best_run(pieces)
        if run is None:
            return None
        literals = _literals(run)
        if literals and ignorecase and any(c.lower() != c.upper() for lit in literals for c in lit):
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


def required_literals(pattern: str, ignorecase: bool) -> tuple[str, ...] | None:
    """A few strings one of which every text that ``pattern`` matches
    contains, when both are lower-cased (as :mod:`.fastscan` triggers compare
    them: case flags, inline or not, then make no difference); None when no
    such set is found.  Remembered, in the process and in the rule cache
    (:mod:`copylint.ruleset.derived`): parsing patterns is slow."""
    from ..ruleset.derived import memoized

    return memoized("required_literals", _derive_required_literals, pattern, bool(ignorecase))


def _derive_required_literals(pattern: str, ignorecase: bool) -> tuple[str, ...] | None:
    if _parser is None:
        return None
    # Line and dot-all flags change no literal; Python refuses them inside
    # a pattern (the regex module allows it), so they are dropped here.
    pattern = _LINE_FLAGS.sub("", pattern)
    try:
        parsed = _parser.parse(pattern, re.IGNORECASE if ignorecase else 0)
        found = _required(list(parsed), at_end=True)
    except Exception:  # noqa: BLE001 - any surprise means: none
        return None
    return tuple(sorted(found)) if found else None


_LINE_FLAGS = re.compile(r"(?<!\\)\(\?[ms]+\)")
#: At most this many literals for one pattern (an alternation of many words).
_MAX_REQUIRED = 256


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
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
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


def _sequence(items: list[tuple[Any, Any]], at_end: bool = False) -> list[_Piece | None]:
    """Pieces of a sequence; ``at_end``: nothing is consumed after it."""
    out: list[_Piece | None] = []
    for index, (op, av) in enumerate(items):
        last = at_end and index == len(items) - 1
        if op is C.LITERAL:
            out.append(_Piece(frozenset(chr(av)), 1, 1))
        elif op is C.IN:
            chars = _class(av)
            out.append(_Piece(chars, 1, 1) if chars else _GAP)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            low, high, sub = av
            inner = _sequence(list(sub))
            if len(inner) == 1 and isinstance(inner[0], _Piece) and inner[0].low == inner[0].high == 1:
                out.append(_Piece(inner[0].chars, low, None if high == C.MAXREPEAT else high))
            else:
                out.append(_GAP)
        elif op is C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if (add_flags | del_flags) & ~(re.MULTILINE | re.DOTALL | re.VERBOSE):
                out.append(_GAP)  # a flag that changes what characters match
            else:
                out.extend(_sequence(list(sub), at_end=last))
        elif op is C.ASSERT:
            direction, sub = av
            if direction == 1 and last:
                # a final look-ahead: its text follows what was consumed
                out.extend(_sequence(list(sub), at_end=True))
            elif direction == -1 and all(o in (C.ASSERT_NOT, C.AT) for o, _ in items[:index]):
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
        return _class(av)
    if op is C.SUBPATTERN and not (av[1] | av[2]) & ~(re.MULTILINE | re.DOTALL | re.VERBOSE):
        return _first_of(list(av[3]))
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
        return _first_of(list(av[2]))
    if op is C.BRANCH:
        return _first_chars(list(av[1]))
    return None


def _class(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:  # NEGATE, CATEGORY, big ranges
            return None
        if len(chars) > _MAX_CLASS:
            return None
    return frozenset(chars)


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
    if ignorecase and any(c.lower() != c.upper() for c in first.chars):
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


#: A line-start prefix shorter than this is not worth a trigger.
_MIN_PREFIX = 3


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
    from ..ruleset.derived import memoized

    return memoized("line_start_prefixes", _derive_line_start_prefixes, pattern)


def _derive_line_start_prefixes(pattern: str) -> tuple[str, ...] | None:
    if _parser is None or "^" not in pattern and "\\A" not in pattern:
        return None
    try:
        parsed = _parser.parse(_LINE_FLAGS.sub("", pattern), 0)
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
