"""Per-document skip tests at C speed.

Most documents contain none of a rule pack's place names, no loaded
attribution verb and no ``verb + modifier`` pair.  Python's :mod:`re` engine
cannot find out cheaply: a pattern that does not start with one literal string
is tried at every offset (15–25 ns a character).  A :class:`Trigger` is a
*necessary condition* for a check's matches: a pattern of lower-case literals
(and white space) that every document with a match contains.  It is searched
in the lower-cased prose by RE2 (``google-re2``, a linear-time automaton, about
1–3 ns a character for hundreds of alternatives at once); a document without
it is skipped, a document with it is scanned exactly as before.  Findings are
therefore the same with or without RE2: without the package (or for a
document whose lower-cased prose is not a faithful case-folded view, see
:attr:`Document.lower_prose`) every trigger answers "maybe" and the check runs.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from ..document.model import Document
from ..patterns.budget import find_starts
from ..patterns.casefold import foldable
from ..patterns.literals import line_start_prefixes, required_literals

try:  # optional: a wheel-distributed binding of Google's RE2
    from re2 import _re2  # type: ignore[import-not-found]

    _UNANCHORED = _re2.RE2.Anchor.UNANCHORED
except Exception:  # noqa: BLE001 - not installed, or an incompatible version
    _re2 = None

#: Every character Python's ``\s`` matches in a ``str`` pattern (the highest is U+3000).
WHITESPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace())
#: RE2 syntax for ``\s+`` with Python's meaning of ``\s``.
SPACES = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in WHITESPACE) + "]+"


def available() -> bool:
    """Is RE2 installed (so that triggers can skip documents)?"""
    return _re2 is not None


def escape(literal: str) -> str:
    """``literal`` as RE2 syntax: letters and digits as they are, anything
    else as ``\\x{…}``."""
    if literal.isalnum():  # most terms are words: nothing to escape (C speed)
        return literal
    return "".join(c if c.isalnum() or c == "_" else f"\\x{{{ord(c):x}}}" for c in literal)


def phrase(words: str) -> str:
    """A lower-case phrase whose spaces stand for any run of white space."""
    return SPACES.join(escape(w) for w in words.split())


def literal_trigger(pattern: str, ignorecase: bool) -> "Trigger | None":
    """A trigger for a rule author's regex, from the literals every match of
    it contains (see :func:`copylint.patterns.literals.required_literals`);
    None when there are none to find."""
    literals = required_literals(pattern, ignorecase)
    if not literals or not all(foldable(lit) for lit in literals):
        return None
    return Trigger.any_of(escape(lit.lower()) for lit in literals)


def line_start_trigger(pattern: str, ignorecase: bool) -> "Trigger | None":
    """A trigger for a rule author's regex anchored at the start of a line:
    a line that starts (after blanks) with one of the pattern's literal
    beginnings (see :func:`copylint.patterns.literals.line_start_prefixes`);
    None when the pattern has no such shape."""
    prefixes = line_start_prefixes(pattern)
    if not prefixes or not all(foldable(p) for p in prefixes):
        return None
    # a space in a prefix stands for a run of blanks (see ``_prefixes``)
    body = "|".join(sorted({"[ \t]+".join(escape(word) for word in p.lower().split(" "))
                            for p in prefixes}))
    return Trigger(f"(?m)^[ \t]*(?:{body})")


def words_trigger(patterns: Iterable[str], ignorecase: bool) -> "Trigger | None":
    """A trigger for an alternation of rule authors' regexes (or words): the
    union of what each one requires; None when one of them requires nothing
    that can be searched for."""
    alternatives: list[str] = []
    for pattern in patterns:
        literals = required_literals(pattern, ignorecase)
        if not literals or not all(foldable(lit) for lit in literals):
            return None
        alternatives += [escape(lit.lower()) for lit in literals]
    return Trigger.any_of(alternatives)


class LiteralStarts:
    """Where any of some literal words starts in a text, found by
    ``str.find`` (C speed) instead of a regex alternation of them, which
    ``re`` tries at every character that can start one.  A word with a space
    (a phrase whose space a pattern reads as any white space) is looked for
    by its first word: more offsets, never fewer."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(sorted({w.split(" ", 1)[0] for w in words}))

    def starts(self, text: str, pos: int = 0) -> list[int]:
        """Every offset from ``pos`` where one of the words starts, in order."""
        return find_starts(self.words, text, pos)


def matches_at(pattern: Any, starts: list[int], text: str) -> Iterator[Any]:
    """Exactly ``pattern.finditer(text)`` when every match starts at one of
    ``starts`` (sorted): ``pattern`` is tried there only, as ``finditer``
    reaches them (what :func:`~copylint.patterns.anchored.anchored_finditer`
    does with a regex anchor)."""
    match = pattern.match
    pos = 0
    for start in starts:
        if start < pos:
            continue
        m = match(text, start)
        if m is not None:
            yield m
            pos = max(m.end(), start + 1)


class Trigger:
    """A pattern of lower-case literals; :meth:`absent` is true only when a
    document's lower-cased prose certainly does not contain it."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._regexp = None
        #: (the set this trigger was compiled into, its index there)
        self._bundle: tuple[TriggerSet, int] | None = None
        if _re2 is not None:
            regexp = _re2.RE2(pattern.encode("utf-8"), _options())
            if regexp.ok():
                self._regexp = regexp

    @classmethod
    def any_of(cls, alternatives: Iterable[str]) -> "Trigger | None":
        """A trigger for any of ``alternatives`` (RE2 syntax); None when there
        are none."""
        unique = sorted(set(alternatives))
        return cls("|".join(unique)) if unique else None

    @property
    def searchable(self) -> bool:
        """Can this trigger ever skip a document (is RE2 there to search)?"""
        return self._regexp is not None

    def absent(self, doc: Document) -> bool:
        bundle = self._bundle
        if bundle is not None:  # (only a trigger RE2 compiled is in a set)
            # asked about every rule of every document: the memo first
            fired = doc.memo.get(bundle[0], _UNKNOWN)
            if fired is _UNKNOWN:
                fired = bundle[0].fired(doc)
            if fired is not None:
                return bundle[1] not in fired
        regexp = self._regexp
        if regexp is None:
            return False
        data = doc.lower_utf8
        if data is None:
            return False
        return regexp.Match(_UNANCHORED, data, 0, len(data))[0][0] < 0


_UNKNOWN = object()


class TriggerSet:
    """The triggers of every check of an engine, searched in one pass (an
    RE2 set) the first time one of them is asked about a document."""

    def __init__(self, triggers: Iterable[Trigger]) -> None:
        self._set = None
        if _re2 is None:
            return
        members = [t for t in triggers if t._regexp is not None and t._bundle is None]
        if len(members) < 2:
            return
        compiled = _re2.Set(_UNANCHORED, _options())
        indexes = [compiled.Add(t.pattern.encode("utf-8")) for t in members]
        if any(i < 0 for i in indexes) or not compiled.Compile():
            return
        self._set = compiled
        for trigger, index in zip(members, indexes):
            trigger._bundle = (self, index)

    def fired(self, doc: Document) -> frozenset[int] | None:
        """Indexes of the triggers ``doc`` contains (None: unknown)."""
        if self._set is None:
            return None
        memo = doc.memo
        if self in memo:
            return memo[self]
        data = doc.lower_utf8
        fired = None if data is None else frozenset(self._set.Match(data))
        memo[self] = fired
        return fired


def _options():  # noqa: ANN202 - an RE2 options object
    options = _re2.RE2.Options()
    options.never_capture = True
    options.max_mem = 256 << 20  # 10,000 place names compile within this
    options.log_errors = False
    return options
