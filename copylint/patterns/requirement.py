"""Strings every match of a Vale rule's regex must contain.

Most Vale rules find nothing in most blocks, yet running a regex over a
block costs a scan of it (and, for a rule made of many alternatives, a try
of each alternative at each position).  :func:`required_strings` reads a
pattern (with Python's own regex parser) and derives a small set of strings
such that every match of the pattern contains at least one of them:
``[a-z]*[!]{2,}|[a-z]*\\?{2,}`` needs ``!!`` or ``??``;
``(?:bunch|group|pack|flock) of crows`` needs `` of crows``;
``air(?:m[ae]n|wom[ae]n)`` needs ``airman``, ``airmen``, ``airwoman`` or
``airwomen``.  A block containing none of them cannot match, so the rule is
not run on it: a necessary condition, never a change to what is found.

Where a string is known to sit between word boundaries (``\\b``, as Vale's
word template puts around every token), its whole words must be words of
the block: that is checked against the block's set of lower-cased words (an
index lookup) instead of searching the text.

Case-insensitive patterns are checked against the lower-cased block, which
is exact for ASCII letters; the few other characters that Unicode case
folding makes equal to an ASCII character (``İ``, ``ı``, ``ſ``, the Kelvin
sign) switch the shortcut off for a block that contains them (:func:`.casefold.hay`).
Non-ASCII literals of a case-insensitive pattern, character categories,
back-references, scoped flags and syntax only the ``regex`` module knows are
not modelled: where they are all a pattern has, it gets no requirement and
always runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from .syntax import ATOMIC, REPEATS, C, class_chars, parse
from .trie import trie_pattern as _trie

_MAX_SET = 64
_MAX_CLASS = 8
#: Stands for a ``\\b`` inside derived strings: no text contains it, and it
#: is not a word character, so the words next to it are whole words.
BOUNDARY = "\x00"
_WORD_RUNS = regex.compile(r"\w+")


def whole_words(string: str) -> frozenset[str]:
    """The lower-cased words of a derived string that are whole words wherever
    it occurs: all but a first or last word that touches the string's edge
    (it may continue outside).  :data:`BOUNDARY` is an edge that does not."""
    lowered = string.lower()
    runs = list(_WORD_RUNS.finditer(lowered))
    if runs and runs[0].start() == 0:
        runs = runs[1:]
    if runs and runs[-1].end() == len(lowered):
        runs = runs[:-1]
    return frozenset(m.group() for m in runs)


class Requirement:
    """Every match contains one of ``strings`` (lower-cased when ``ignorecase``)."""

    def __init__(self, strings: "tuple[str, ...] | list[str]", ignorecase: bool) -> None:
        #: as derived, with :data:`BOUNDARY` marks
        self.marked = tuple(sorted(set(strings)))
        self.strings = tuple(sorted({s.replace(BOUNDARY, "") for s in strings}))
        self.ignorecase = ignorecase
        self._search = re.compile(trie_pattern(self.strings)).search
        # strings with whole words: looked up in a block's word set
        self._index: dict[str, list[frozenset[str]]] = {}
        rest: list[str] = []
        for string in self.marked:
            words = whole_words(string)
            if words:
                self._index.setdefault(max(words, key=len), []).append(words)
            else:
                rest.append(string.replace(BOUNDARY, ""))
        self._keys = frozenset(self._index)
        self._search_rest = re.compile(trie_pattern(rest)).search if rest else None

    def __repr__(self) -> str:
        return f"Requirement({self.strings!r}, ignorecase={self.ignorecase})"

    def met_by(self, text: str, lowered: str | None, words: frozenset[str] | None = None) -> bool:
        """Could a match occur in ``text``?  ``lowered`` is :func:`.casefold.hay` of it;
        ``words``, when given, its lower-cased words (``\\w+`` runs)."""
        if self.ignorecase:
            if lowered is None:
                return True
            text = lowered
        if words is None or not self._keys:
            return self._search(text) is not None
        for key in self._keys & words:
            for needed in self._index[key]:
                if needed <= words:
                    return True
        return self._search_rest is not None and self._search_rest(text) is not None


def any_of(requirements: "list[Requirement]") -> "Requirement | None":
    """A requirement met whenever one of ``requirements`` is (all of one case mode)."""
    if not requirements or len({r.ignorecase for r in requirements}) != 1:
        return None
    return Requirement([s for r in requirements for s in r.marked], requirements[0].ignorecase)


def trie_pattern(strings: "tuple[str, ...] | list[str]") -> str:
    """A ``re`` pattern that finds an occurrence of any of ``strings``: the
    shared trie (:func:`copylint.patterns.trie.trie_pattern`), stopping at the
    first complete string, since a string with another string of the set as
    its prefix adds nothing."""
    return _trie(strings, presence=True)


@dataclass(frozen=True)
class _Info:
    exact: frozenset[str] | None  # the item matches exactly one of these
    required: frozenset[str] | None  # every match of the item contains one of these


_UNKNOWN = _Info(None, None)
_EMPTY = _Info(frozenset({""}), None)
_BOUNDARY = _Info(frozenset({BOUNDARY}), None)


def required_strings(pattern: str) -> Requirement | None:
    """What every match of ``pattern`` contains, or None when nothing useful
    is known (the pattern must then always run)."""
    parsed = parse(pattern)
    if parsed is None:
        return None
    ignorecase = bool(parsed.state.flags & re.IGNORECASE)
    if parsed.state.flags & re.VERBOSE:
        return None
    info = _sequence(list(parsed), ignorecase)
    required = info.required
    if _useless(required):
        return None
    return Requirement(tuple(sorted(required)), ignorecase)  # type: ignore[arg-type]


def _useless(strings: frozenset[str] | None) -> bool:
    """No strings, or one that is empty (always present)."""
    return not strings or any(not s.replace(BOUNDARY, "") for s in strings)


def _length(strings: frozenset[str]) -> tuple[int, int]:
    return (min(len(s.replace(BOUNDARY, "")) for s in strings), -len(strings))


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two requirements (longest shortest string, then fewest)."""
    if _useless(a):
        return None if _useless(b) else b
    if _useless(b):
        return a
    return a if _length(a) >= _length(b) else b  # type: ignore[arg-type]


def _product(left: frozenset[str], right: frozenset[str]) -> frozenset[str] | None:
    if len(left) * len(right) > _MAX_SET:
        return None
    return frozenset(x + y for x in left for y in right)


def _sequence(items: list, ignorecase: bool) -> _Info:
    best: frozenset[str] | None = None
    run: frozenset[str] | None = frozenset({""})
    whole: frozenset[str] | None = frozenset({""})
    for op, av in items:
        info = _item(op, av, ignorecase)
        if info.exact is not None and run is not None:
            joined = _product(run, info.exact)
            if joined is not None:
                run = joined
                whole = _product(whole, info.exact) if whole is not None else None
                continue
        # the run of exactly known text ends here
        best = _better(best, run)
        whole = None
        if info.exact is not None:
            run = info.exact
        else:
            run = frozenset({""})
            best = _better(best, info.required)
    best = _better(best, run)
    return _Info(whole, best)


def _item(op, av, ignorecase: bool) -> _Info:
    if op is C.LITERAL:
        return _chars({chr(av)}, ignorecase)
    if op is C.IN:
        chars = class_chars(av, _MAX_CLASS)
        return _chars(set(chars), ignorecase) if chars else _UNKNOWN
    if op is C.BRANCH:
        if len(av[1]) > _MAX_SET:
            return _UNKNOWN  # more strings than a requirement may have
        infos = [_sequence(list(branch), ignorecase) for branch in av[1]]
        exact: frozenset[str] | None = None
        if all(i.exact is not None for i in infos):
            union = frozenset().union(*(i.exact for i in infos if i.exact is not None))
            exact = union if len(union) <= _MAX_SET else None
        required: frozenset[str] | None = None
        if all(i.required or i.exact for i in infos):
            parts = [i.required or i.exact for i in infos]
            union = frozenset().union(*(p for p in parts if p is not None))
            required = union if not _useless(union) and len(union) <= _MAX_SET else None
        return _Info(exact, required)
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            return _UNKNOWN
        return _sequence(list(sub), ignorecase)
    if op is ATOMIC:
        return _sequence(list(av), ignorecase)
    if op in REPEATS:
        low, high, sub = av
        if high == 0:
            return _EMPTY
        if low == 0:
            return _UNKNOWN
        inner = _sequence(list(sub), ignorecase)
        if inner.exact is None:
            return _Info(None, inner.required)
        repeated: frozenset[str] | None = frozenset({""})
        for _ in range(min(low, 8)):
            repeated = _product(repeated, inner.exact) if repeated is not None else None
        if repeated is None:
            return _Info(None, inner.exact)
        if low == high and low <= 8:
            return _Info(repeated, repeated)
        return _Info(None, repeated)
    if op is C.AT and av is C.AT_BOUNDARY:
        return _BOUNDARY
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return _EMPTY  # consumes nothing: the text around it stays contiguous
    return _UNKNOWN


def _chars(chars: set[str], ignorecase: bool) -> _Info:
    if ignorecase:
        if not all(ch.isascii() for ch in chars):
            return _UNKNOWN
        chars = {ch.lower() for ch in chars}
    exact = frozenset(chars)
    return _Info(exact, exact)
