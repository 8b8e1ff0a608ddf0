"""Which rules could match a block, for all rules in one pass (RE2).

Each Vale rule's regex is translated into a *relaxed* RE2 pattern that
matches wherever the original could: assertions (``\\b``, ``^``, look-arounds)
are dropped, back-references match anything, a character category becomes
its ASCII part plus every non-ASCII character, and case-insensitive letters
become the classes of every character ``regex`` treats as equal to them.
Every text in which the rule finds a match therefore contains a match of the
relaxed pattern (its strings are a superset, and the search is unanchored).
The relaxed patterns of all rules form one RE2 set (``google-re2``, a
linear-time automaton), searched once per block: a rule whose pattern is not
found there cannot match, and is not run.  A member that matches everything
is added as a canary: if RE2 gives up on a block (memory), every rule runs.
Without ``google-re2`` nothing is skipped.
"""

from __future__ import annotations

import re

from .casefold import REGEX_FOLDS
from .syntax import ATOMIC, REPEATS, C, parse

try:  # optional: a wheel-distributed binding of Google's RE2
    from re2 import _re2  # type: ignore[import-not-found]
except Exception:  # noqa: BLE001 - not installed, or an incompatible version
    _re2 = None

_NON_ASCII = (0x80, 0x10FFFF)
_MAX_REPEAT = 1000  # RE2's limit
#: for each ASCII letter, every character ``(?i)`` makes equal to it
_CASE_VARIANTS = REGEX_FOLDS
#: ASCII members certainly in each category (for negated classes), and a
#: superset of each (for plain classes): (ranges, with every non-ASCII char?)
_ASCII_WORD = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)]
_ASCII_SPACE = [(0x09, 0x0D), (0x20, 0x20)]
_ASCII_DIGIT = [(0x30, 0x39)]


def _complement(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, start = [], 0
    for low, high in sorted(ranges):
        if low > start:
            out.append((start, low - 1))
        start = max(start, high + 1)
    if start <= 0x7F:
        out.append((start, 0x7F))
    return out


if C is not None:
    _SUBSET = {  # ASCII characters certainly in the category
        C.CATEGORY_WORD: _ASCII_WORD, C.CATEGORY_UNI_WORD: _ASCII_WORD,
        C.CATEGORY_NOT_WORD: _complement(_ASCII_WORD), C.CATEGORY_UNI_NOT_WORD: _complement(_ASCII_WORD),
        C.CATEGORY_SPACE: _ASCII_SPACE, C.CATEGORY_UNI_SPACE: _ASCII_SPACE,
        C.CATEGORY_NOT_SPACE: [(0x21, 0x7E)], C.CATEGORY_UNI_NOT_SPACE: [(0x21, 0x7E)],
        C.CATEGORY_DIGIT: _ASCII_DIGIT, C.CATEGORY_UNI_DIGIT: _ASCII_DIGIT,
        C.CATEGORY_NOT_DIGIT: _complement(_ASCII_DIGIT), C.CATEGORY_UNI_NOT_DIGIT: _complement(_ASCII_DIGIT),
    }
    _SUPERSET = {  # ASCII characters possibly in the category (plus all non-ASCII)
        C.CATEGORY_WORD: _ASCII_WORD, C.CATEGORY_UNI_WORD: _ASCII_WORD,
        C.CATEGORY_NOT_WORD: _complement(_ASCII_WORD), C.CATEGORY_UNI_NOT_WORD: _complement(_ASCII_WORD),
        C.CATEGORY_SPACE: _ASCII_SPACE + [(0x1C, 0x1F)], C.CATEGORY_UNI_SPACE: _ASCII_SPACE + [(0x1C, 0x1F)],
        C.CATEGORY_NOT_SPACE: _complement(_ASCII_SPACE), C.CATEGORY_UNI_NOT_SPACE: _complement(_ASCII_SPACE),
        C.CATEGORY_DIGIT: _ASCII_DIGIT, C.CATEGORY_UNI_DIGIT: _ASCII_DIGIT,
        C.CATEGORY_NOT_DIGIT: _complement(_ASCII_DIGIT), C.CATEGORY_UNI_NOT_DIGIT: _complement(_ASCII_DIGIT),
    }


class _Unknown(Exception):
    pass


def relaxed_pattern(pattern: str) -> str | None:
    """An RE2 pattern found in every text ``pattern`` (``regex`` syntax)
    matches in, or None when it cannot be derived."""
    parsed = parse(pattern)
    if parsed is None or C is None:
        return None
    flags = parsed.state.flags
    try:
        return _sequence(list(parsed), bool(flags & re.IGNORECASE), bool(flags & re.DOTALL))
    except (_Unknown, KeyError, TypeError, ValueError):
        return None


def _char(code: int) -> str:
    return f"\\x{{{code:x}}}"


def _class(ranges: list[tuple[int, int]]) -> str:
    if not ranges:
        raise _Unknown("empty class")
    merged: list[list[int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return "[" + "".join(_char(lo) if lo == hi else f"{_char(lo)}-{_char(hi)}" for lo, hi in merged) + "]"


def _letters(code: int, ignorecase: bool) -> list[tuple[int, int]]:
    """The characters a literal character matches (as ranges)."""
    ch = chr(code)
    if not ignorecase:
        return [(code, code)]
    if ch in _CASE_VARIANTS:
        return [(ord(c), ord(c)) for c in _CASE_VARIANTS[ch]]
    if code < 0x80:
        return [(code, code)]
    return [(0, 0x10FFFF)]  # a non-ASCII letter: any character, to be safe


def _sequence(items: list, ignorecase: bool, dotall: bool) -> str:
    return "".join(_item(op, av, ignorecase, dotall) for op, av in items)


def _item(op, av, ignorecase: bool, dotall: bool) -> str:  # noqa: C901 - one case per node kind
    if op is C.LITERAL:
        return _class(_letters(av, ignorecase))
    if op is C.NOT_LITERAL:
        return "[^" + _char(av) + "]"
    if op is C.ANY:
        return "(?s:.)" if dotall else "[^\\n]"
    if op is C.IN:
        return _in(av, ignorecase)
    if op is C.BRANCH:
        return "(?:" + "|".join(_sequence(list(b), ignorecase, dotall) for b in av[1]) + ")"
    if op is C.SUBPATTERN:
        _group, add, remove, sub = av
        if add & re.IGNORECASE:
            ignorecase = True
        if remove & re.IGNORECASE:
            ignorecase = False
        if add & re.DOTALL:
            dotall = True
        if remove & re.DOTALL:
            dotall = False
        return "(?:" + _sequence(list(sub), ignorecase, dotall) + ")"
    if op is ATOMIC:
        return "(?:" + _sequence(list(av), ignorecase, dotall) + ")"
    if op in REPEATS:
        low, high, sub = av
        inner = "(?:" + _sequence(list(sub), ignorecase, dotall) + ")"
        low = min(low, _MAX_REPEAT)
        if high is C.MAXREPEAT or high > _MAX_REPEAT:
            return inner + f"{{{low},}}"
        return inner + f"{{{low},{high}}}"
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return ""  # assertions only narrow the matches
    if op in (C.GROUPREF, C.GROUPREF_EXISTS):
        return "(?s:.*)"
    raise _Unknown(str(op))


def _in(items: list, ignorecase: bool) -> str:
    negated = any(kind is C.NEGATE for kind, _v in items)
    ranges: list[tuple[int, int]] = []
    for kind, value in items:
        if kind is C.NEGATE:
            continue
        if kind is C.LITERAL:
            ranges += [(value, value)] if negated else _letters(value, ignorecase)
        elif kind is C.RANGE:
            low, high = value
            if negated or not ignorecase:
                ranges.append((low, high))
            else:
                for code in range(low, min(high, 0x7F) + 1):
                    ranges += _letters(code, True)
                if high >= 0x80:
                    ranges.append(_NON_ASCII)
                    ranges += _letters(ord("i"), True) + _letters(ord("I"), True)
                    ranges += _letters(ord("s"), True) + _letters(ord("k"), True)
        elif kind is C.CATEGORY:
            if negated:
                ranges += _SUBSET[value]
            else:
                ranges += _SUPERSET[value] + [_NON_ASCII]
        else:
            raise _Unknown(str(kind))
    if negated:
        # characters outside a subset of the class: a superset of its complement
        return "[^" + _class(ranges)[1:] if ranges else "(?s:.)"
    return _class(ranges)


class Screen:
    """The relaxed patterns of many rules, searched in one pass per text."""

    def __init__(self, patterns: list[str]) -> None:
        self._set = None
        self.size = 0
        if _re2 is None or not patterns:
            return
        options = _re2.RE2.Options()
        options.never_capture = True
        options.max_mem = 256 << 20
        options.log_errors = False
        compiled = _re2.Set(_re2.RE2.Anchor.UNANCHORED, options)
        self._canary = compiled.Add(b"")
        indexes = [compiled.Add(p.encode("utf-8")) for p in patterns]
        if self._canary < 0 or any(i < 0 for i in indexes) or not compiled.Compile():
            return
        self._set = compiled
        self.size = len(patterns)
        self._position = {index: n for n, index in enumerate(indexes)}

    @property
    def available(self) -> bool:
        return self._set is not None

    def found(self, text: str) -> frozenset[int] | None:
        """Positions (in the list given) of the patterns found in ``text``;
        None when unknown (no RE2, or RE2 gave up)."""
        if self._set is None:
            return None
        hits = self._set.Match(text.encode("utf-8"))
        if not hits or self._canary not in hits:
            return None
        position = self._position
        return frozenset(position[h] for h in hits if h in position)
