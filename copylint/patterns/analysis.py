"""One analysis of a rule author's pattern: what every match must contain.

:func:`analyse` walks Python's parse tree of a pattern once and derives,
bottom-up, for every node what is known of its matches:

- ``exact``: the few strings the node matches, when it matches nothing else;
- ``prefix`` / ``suffix``: strings one of which every match starts / ends with;
- ``required``: strings one of which every match contains (the most
  selective of the candidates met on the way: a node's own, a branch union,
  and where two neighbours meet, the end of one joined to the start of the
  next: ``ab+c`` requires ``ab`` and ``bc``);
- ``head``: the literal beginning of every match, with a run of blanks
  written as one space (for patterns anchored at a line start);
- ``local``: no match can contain a line break.

:class:`Facts` is what one pattern gets, read by both rule families:

- the engine's triggers (:mod:`.literals`: :func:`~.literals.required_literals`,
  :func:`~.literals.line_start_prefixes`, searched in the document's
  lower-cased prose);
- Vale mode's block skipping (:mod:`.requirement`: a :class:`~.requirement.Requirement`
  checked against a block, with its whole words looked up in the block's
  word set, and :func:`~.shape.stays_in_paragraph`).

``strings`` may carry :data:`BOUNDARY` marks where the pattern has ``\\b``
(the words between marks are whole words wherever the string occurs).  Look-
behinds at the start of the pattern and look-aheads at its end count as
consumed (their text sits next to the match in the searched text); every
other assertion is zero-width (the text around it stays contiguous).
Characters matched case-insensitively are lower-cased and the facts say
``folded`` (then compare with a lower-cased text, see :func:`.casefold.hay`);
a case-insensitive character outside ASCII that has case is lower-cased
only where :func:`.casefold.foldable` says lower-casing is exact for it, and
the facts then say ``folded_beyond_ascii``: the comparison is exact only for
a text without case traps (:func:`.casefold.has_case_traps`).  Back-references, categories,
``.``, negated classes, large classes and syntax only the ``regex`` module
reads (:func:`.syntax.parse`) end what is known: a pattern made only of them
requires nothing, and every shortcut leaves it running as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from .casefold import foldable
from .syntax import ATOMIC, LINE_FLAGS, REPEATS, C, available, class_chars, parse

#: Stands for a ``\\b`` inside derived strings: no text contains it, and it
#: is not a word character, so the words next to it are whole words.
BOUNDARY = "\x00"
#: At most this many strings in a joined set (a product of neighbours).
MAX_PRODUCT = 64
#: At most this many strings in one set (an alternation of many words).
MAX_SET = 256
#: Larger character classes are not listed.
MAX_CLASS = 16
#: Longer repeat counts are not spelt out.
_MAX_COUNT = 8

Strings = frozenset[str]
_NOTHING: Strings = frozenset({""})
#: How a node's case-insensitive characters were lower-cased: ASCII only,
#: or also others (see :attr:`Facts.folded_beyond_ascii`).
_ASCII_FOLD, _WIDE_FOLD = 1, 2


@dataclass(frozen=True)
class Facts:
    """What every match of one pattern must contain (see the module's text)."""

    #: one of these occurs in every text with a match (:data:`BOUNDARY`-marked);
    #: None when nothing useful is known
    strings: tuple[str, ...] | None
    #: the strings are lower-cased: compare them with a lower-cased text
    folded: bool
    #: ... and a case-insensitive character outside ASCII was lower-cased:
    #: only a text without case traps (:func:`.casefold.has_case_traps`)
    #: compares exactly
    folded_beyond_ascii: bool
    #: for a pattern anchored at a line start: the literal beginnings of a
    #: matching line after blanks (a space stands for a run of blanks)
    line_starts: tuple[str, ...] | None
    #: no match is empty or contains a line break, and every assertion reads a
    #: paragraph's start as it reads a line break (see :func:`.shape.stays_in_paragraph`)
    local: bool

    def plain(self) -> tuple[str, ...]:
        """:attr:`strings` without :data:`BOUNDARY` marks."""
        return tuple(sorted({s.replace(BOUNDARY, "") for s in self.strings or ()}))


@dataclass(frozen=True)
class _Node:
    exact: Strings | None
    prefix: Strings
    suffix: Strings
    required: Strings | None
    head: Strings | None  # the literal beginning (a space: a run of blanks)
    complete: bool  # ``head`` is all of every match
    local: bool
    folded: int = 0  # _ASCII_FOLD, _WIDE_FOLD: lower-cased case-insensitive characters
    blanks: bool = False  # a run (one or more) of spaces and tabs


_UNKNOWN = _Node(None, _NOTHING, _NOTHING, None, None, False, False)
_UNKNOWN_LOCAL = _Node(None, _NOTHING, _NOTHING, None, None, False, True)


def _exact(strings: Strings, local: bool, folded: int = 0) -> _Node:
    return _Node(strings, strings, strings, strings, strings, True, local, folded)


_EMPTY = _exact(_NOTHING, True)


def _parsed(pattern: str, ignorecase: bool) -> tuple[Any, int] | None:
    """The parse tree the readers share and the flags it runs with (an inline
    ``(?i)`` and ``ignorecase`` alike), or None when it cannot be read."""
    if not available():
        return None
    # Line and dot-all flags in the middle of a pattern apply to all of it
    # in the ``regex`` module (version 0); Python's parser refuses them there.
    extra = re.IGNORECASE if ignorecase else 0
    for m in LINE_FLAGS.finditer(pattern):
        extra |= (re.MULTILINE if "m" in m.group() else 0) | (re.DOTALL if "s" in m.group() else 0)
    parsed = parse(pattern)
    if parsed is None and extra & (re.MULTILINE | re.DOTALL):
        parsed = parse(LINE_FLAGS.sub("", pattern))
    if parsed is None:
        return None
    return parsed, parsed.state.flags | extra


@lru_cache(maxsize=4096)
def analyse(pattern: str, ignorecase: bool = False) -> Facts | None:
    """The facts of ``pattern`` run with ``ignorecase`` (an inline ``(?i)``
    counts too), or None when it cannot be read (see :func:`.syntax.parse`)."""
    read = _parsed(pattern, ignorecase)
    if read is None:
        return None
    parsed, flags = read
    fold = bool(flags & re.IGNORECASE)
    walk = _Walk(bool(flags & re.DOTALL))
    items = list(parsed)
    node = walk.sequence(items, fold, at_start=True, at_end=True)
    strings = node.required
    if strings is not None and node.folded:
        strings = frozenset(s.lower() for s in strings)
    # (a verbose pattern is not taken to stay in a paragraph, as before the one analysis)
    local = node.local and parsed.getwidth()[0] >= 1 and flags & (re.MULTILINE | re.VERBOSE) == re.MULTILINE
    return Facts(None if _useless(strings) else tuple(sorted(strings)),  # type: ignore[arg-type]
                 bool(node.folded), node.folded == _WIDE_FOLD, walk.line_starts(items, fold), local)


#: At most this many literals in a set of match starts (each a ``str.find``
#: over the text: more would cost more than the regex scan they replace).
MAX_STARTS = 16


@dataclass(frozen=True)
class Starts:
    """The literals every match of a pattern starts with (after zero-width
    assertions), for finding where to try it (see :func:`match_starts`)."""

    #: one of these begins every match, shortest first, none a prefix of
    #: another; look for them in the text (lower-cased when :attr:`folded`)
    literals: tuple[str, ...]
    #: the literals are lower-cased: search a faithful lower-cased text
    #: (:attr:`copylint.document.model.Document.lower_prose`)
    folded: bool


@lru_cache(maxsize=4096)
def match_starts(pattern: str, ignorecase: bool = False, min_length: int = 2) -> Starts | None:
    """The literals one of which every match of ``pattern`` begins with,
    read from the same parse tree and walk as :func:`analyse` but with
    assertions zero-width wherever they stand (a leading look-behind, ``\\b``,
    ``^`` read the text before the match; they consume none of it); None
    when a match can start otherwise, when a literal is shorter than
    ``min_length`` or there are more than :data:`MAX_STARTS`."""
    read = _parsed(pattern, ignorecase)
    if read is None:
        return None
    parsed, flags = read
    node = _Walk(bool(flags & re.DOTALL), starts_only=True).sequence(
        list(parsed), bool(flags & re.IGNORECASE), False, False)
    plain = {s.replace(BOUNDARY, "") for s in node.prefix}
    if node.folded:
        if not all(foldable(s) for s in plain):
            return None
        plain = {s.lower() for s in plain}
    if not plain or min(map(len, plain)) < max(min_length, 1):
        return None
    # a literal that begins with another adds no start of its own
    kept: list[str] = []
    for literal in sorted(plain, key=lambda s: (len(s), s)):
        if not any(literal.startswith(k) for k in kept):
            kept.append(literal)
    if len(kept) > MAX_STARTS:
        return None
    return Starts(tuple(kept), bool(node.folded))


def _useless(strings: Strings | None) -> bool:
    """No strings, or one that is empty (always present)."""
    return not strings or any(not s.replace(BOUNDARY, "") for s in strings)


def _rank(strings: Strings | None) -> tuple[int, int, int]:
    """How selective a set is: searchable at all, then its least rare string
    (punctuation and digits are rarer in prose than letters, so they count
    extra), then the fewest strings."""
    if _useless(strings):
        return (-1, 0, 0)
    assert strings is not None
    rarity = min(map(_rarity, strings))
    shortest = min(len(s.replace(BOUNDARY, "")) for s in strings)
    return (int(shortest >= 2), rarity, -len(strings))


def _rarity(string: str) -> int:
    plain = string.replace(BOUNDARY, "")
    return len(plain) + 4 * sum(1 for c in plain if not (c.isalpha() or c.isspace()))


def _best(*options: Strings | None) -> Strings | None:
    best = max(options, key=_rank)
    return None if _useless(best) else best


def _product(left: Strings, right: Strings, limit: int = MAX_PRODUCT) -> Strings | None:
    """Each of ``left`` followed by each of ``right``; None when that makes
    more than ``limit`` strings (joining to a single string is always done:
    it does not multiply, up to :data:`MAX_SET`)."""
    size = len(left) * len(right)
    if size > limit and (min(len(left), len(right)) > 1 or size > MAX_SET):
        return None
    return frozenset(x + y for x in left for y in right)


def _union(sets: list[Strings]) -> Strings | None:
    union = frozenset().union(*sets)
    return union if len(union) <= MAX_SET else None


class _Walk:
    """One walk of a parse tree (see :func:`analyse`)."""

    def __init__(self, dotall: bool, starts_only: bool = False) -> None:
        self.dotall = dotall
        #: derive only how matches start (``exact`` and ``prefix``): no
        #: ``required`` strings, no ``head`` (see :func:`match_starts`)
        self.starts_only = starts_only

    def sequence(self, items: list[tuple[Any, Any]], fold: bool, at_start: bool, at_end: bool) -> _Node:
        """A run of items one after another.  ``at_start``: nothing is
        consumed before it (a leading look-behind then counts as consumed);
        ``at_end``: nothing after it (so does a final look-ahead)."""
        whole: Strings | None = _NOTHING  # every match, while exactly known
        prefix: Strings = _NOTHING  # how every match starts, once ``whole`` is lost
        run: Strings = _NOTHING  # what every match has just before this point
        best: Strings | None = None
        head: Strings | None = _NOTHING
        complete = local = True
        folded = 0
        leading = at_start
        items = _runs(items, fold)
        for index, (op, av) in enumerate(items):
            node = self.item(op, av, fold, leading, at_end and index == len(items) - 1)
            leading = leading and op in (C.AT, C.ASSERT_NOT)
            local = local and node.local
            folded = max(folded, node.folded)
            if complete and not self.starts_only:
                head, complete = _extend_head(head, node)
            if node.exact is not None:
                joined = _product(run, node.exact)
                if joined is None:  # too many: what came before is one candidate
                    best = None if self.starts_only else _best(best, run)
                    joined = node.exact
                run = joined
                if whole is not None:
                    prefix = whole
                    whole = _product(whole, node.exact)
                continue
            if not self.starts_only:
                best = _best(best, _product(run, node.prefix), node.prefix, node.required, run)
            if whole is not None:
                prefix = _product(whole, node.prefix) or whole
                whole = None
            run = node.suffix
        if self.starts_only:
            return _Node(whole, whole if whole is not None else prefix, run, None, None, False, local, folded)
        if whole is not None:
            return _Node(whole, whole, whole, _best(best, whole), head, complete, local, folded)
        return _Node(None, prefix, run, _best(best, run), head, False, local, folded)

    def item(self, op: Any, av: Any, fold: bool, at_start: bool, at_end: bool) -> _Node:
        if op is _RUN:  # characters one after another (see _runs)
            string, level = av
            return _exact(frozenset({string}), "\n" not in string, level)
        if op is C.LITERAL:
            return self.chars(frozenset(chr(av)), fold, av != 10)
        if op is C.IN:
            chars = class_chars(av, MAX_CLASS)
            local = _class_has_line_break(av) is False
            if chars is None:
                return _UNKNOWN_LOCAL if local else _UNKNOWN
            return replace(self.chars(chars, fold, local), blanks=chars <= _BLANKS)
        if op is C.BRANCH:
            return self.branch([list(b) for b in av[1]], fold, at_start, at_end)
        if op is C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            inner_fold = (fold or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
            node = self.sequence(list(sub), inner_fold, at_start, at_end)
            # a scoped flag: not read by the paragraph test
            return replace(node, local=False) if add_flags or del_flags else node
        if op is ATOMIC:
            return self.sequence(list(av), fold, at_start, at_end)
        if op in REPEATS:
            return self.repeat(av, fold)
        if op is C.AT:
            local = av in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY, C.AT_BEGINNING, C.AT_END)
            return _exact(frozenset({BOUNDARY}), True) if av is C.AT_BOUNDARY else _exact(_NOTHING, local)
        if op is C.ASSERT:
            direction, sub = av
            if direction < 0 and at_start:  # a leading look-behind: its text ends where the match starts
                return _context(self.sequence(list(sub), fold, True, False))
            if direction > 0 and at_end:  # a final look-ahead: its text follows the match
                return _context(self.sequence(list(sub), fold, False, True))
            return _exact(_NOTHING, False)  # zero-width: the neighbours stay adjacent
        if op is C.ASSERT_NOT:
            return _exact(_NOTHING, False)
        if op is C.NOT_LITERAL:
            return _UNKNOWN_LOCAL if av == 10 else _UNKNOWN
        if op is C.ANY:
            return _UNKNOWN if self.dotall else _UNKNOWN_LOCAL
        return _UNKNOWN  # back-references, conditionals

    def chars(self, chars: Strings, fold: bool, local: bool) -> _Node:
        """One character out of ``chars``."""
        cased = [c for c in chars if c.lower() != c.upper()]
        if fold and cased:
            if not all(c.isascii() or foldable(c) for c in cased):
                return _UNKNOWN_LOCAL if local else _UNKNOWN  # lower-casing is not exact for it
            level = _ASCII_FOLD if all(c.isascii() for c in cased) else _WIDE_FOLD
            return _exact(frozenset(c.lower() for c in chars), local, level)
        return _exact(chars, local)

    def branch(self, branches: list[list[tuple[Any, Any]]], fold: bool, at_start: bool, at_end: bool) -> _Node:
        nodes = [self.sequence(b, fold, at_start, at_end) for b in branches]
        local = all(n.local for n in nodes)
        folded = max(n.folded for n in nodes)
        exact = _union([n.exact for n in nodes if n.exact is not None]) \
            if all(n.exact is not None for n in nodes) else None
        heads = [n.head for n in nodes]
        head = _union([h for h in heads if h is not None]) if all(h is not None for h in heads) else None
        complete = head is not None and all(n.complete for n in nodes)
        if exact is not None:
            return _Node(exact, exact, exact, exact, head, complete, local, folded)
        prefix = _union([n.prefix for n in nodes]) or _NOTHING
        suffix = _union([n.suffix for n in nodes]) or _NOTHING
        parts = [n.required for n in nodes]
        required = _union([p for p in parts if p is not None]) if all(parts) else None
        if self.starts_only:
            return _Node(None, prefix, suffix, None, None, False, local, folded)
        return _Node(None, prefix, suffix, _best(required, prefix, suffix), head, complete, local, folded)

    def repeat(self, av: Any, fold: bool) -> _Node:
        low, high, sub = av
        if high == 0:
            return _EMPTY
        inner = self.sequence(list(sub), fold, False, False)
        blanks = inner.exact is not None and inner.exact <= _BLANKS  # one or more blanks
        if low == 0:
            return _Node(None, _NOTHING, _NOTHING, None, None, False, inner.local, inner.folded)
        if inner.exact is None:
            return _Node(None, inner.prefix, inner.suffix, inner.required, inner.head, False,
                         inner.local, inner.folded)
        repeated, count = _NOTHING, 0
        while count < min(low, _MAX_COUNT):
            longer = _product(repeated, inner.exact)
            if longer is None:
                break
            repeated, count = longer, count + 1
        if not count:
            repeated = inner.exact
        exact = repeated if low == high == count else None
        return _Node(exact, repeated, repeated, repeated, repeated, exact is not None, inner.local,
                     inner.folded, blanks)

    def line_starts(self, items: list[tuple[Any, Any]], fold: bool) -> tuple[str, ...] | None:
        """For a pattern anchored at a line (or text) start, then optional
        blanks, then literal words: those words' beginnings (see :attr:`Facts.line_starts`)."""
        while len(items) == 1 and items[0][0] is C.SUBPATTERN and not items[0][1][1] and not items[0][1][2]:
            items = list(items[0][1][3])
        if not items or items[0] not in ((C.AT, C.AT_BEGINNING), (C.AT, C.AT_BEGINNING_STRING)):
            return None
        items = items[1:]
        if items and items[0][0] in (C.MAX_REPEAT, C.MIN_REPEAT) \
                and self.repeat((1, C.MAXREPEAT, items[0][1][2]), fold).blanks:
            items = items[1:]  # optional blanks
        head = self.sequence(items, fold, False, False).head
        if not head or any(len(h) < _MIN_LINE_START for h in head) or len(head) > MAX_SET:
            return None
        return tuple(sorted(head))


#: A pseudo-operator: consecutive literal characters as one string.
_RUN = object()


def _runs(items: list[tuple[Any, Any]], fold: bool) -> list[tuple[Any, Any]]:
    """``items`` with each stretch of two or more literal characters (that
    case folding leaves alone or lower-cases within ASCII) as one ``_RUN``
    item (the string, lower-cased under ``fold``, and its fold level): a
    word list's thousands of characters are then a few strings."""
    out: list[tuple[Any, Any]] = []
    run: list[str] = []

    def close() -> None:
        if len(run) == 1:
            out.append((C.LITERAL, ord(run[0])))
        elif run:
            string = "".join(run)
            cased = fold and any(c.lower() != c.upper() for c in string)
            out.append((_RUN, (string.lower() if cased else string, _ASCII_FOLD if cased else 0)))
        run.clear()

    for op, av in items:
        if op is C.LITERAL and (chr(av).isascii() or chr(av).lower() == chr(av).upper()):
            run.append(chr(av))
        else:
            close()
            out.append((op, av))
    close()
    return out


def _context(inner: _Node) -> _Node:
    """A look-around whose text counts as consumed (next to the match)."""
    return _Node(inner.exact, inner.prefix, inner.suffix, inner.required, None, False, False, inner.folded)


_BLANKS = frozenset(" \t")
#: A line-start beginning shorter than this is not worth a trigger.
_MIN_LINE_START = 3


def _extend_head(head: Strings | None, node: _Node) -> tuple[Strings | None, bool]:
    """``head`` (the literal beginning so far, all of the match so far) with
    ``node`` after it, and whether it still is all of the match."""
    if head is None:
        return None, False
    if node.blanks and node.exact is None:  # a run of blanks between words: one space
        if head and all(h and not h.endswith(" ") for h in head):
            return frozenset(h + " " for h in head), True
        return head or None, False
    if node.head is None:
        return (head if head != _NOTHING else None), False
    heads = frozenset(h.replace(BOUNDARY, "") for h in node.head)
    joined = _product(head, heads, MAX_SET)
    if joined is None:
        return (head if head != _NOTHING else None), False
    return joined, node.complete


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
