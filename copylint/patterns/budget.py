"""Time budgets for rule authors' patterns run by the ``regex`` module.

A rule author's pattern can backtrack catastrophically.  Every ``regex``
call of a rule on a document runs under what is left of the rule's budget
for that document (:class:`BoundedRegex`, :func:`bounded_finditer`); past it
:class:`RuleTimeout` is raised and the engine skips that rule for that
document with a note.  A pattern RE2 runs exactly (:mod:`.re2_exact`) runs
there instead, in linear time, with no budget and no clock read.  Whole-text
searches are first screened by the pattern's :mod:`.prefilter`, and a
pattern whose every match starts with one of a few literals
(:func:`.literals.match_starts`: say, one led by a look-behind, which
``regex`` would try at every character) is tried only where ``str.find``
finds one of them (:func:`leading_finditer`).
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from time import perf_counter
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .lazy import LazyRegex
from .prefilter import prefilter

if TYPE_CHECKING:
    import regex

    from ..ruleset.model import Rule

#: The calls RE2 answers for a whole text.
_LINEAR_METHODS = frozenset({"search", "finditer"})
#: Default wall-clock bound for one rule's regex work on one document
#: (seconds); a rule set can change it (``RuleSet.regex_timeout``).
REGEX_TIMEOUT = 2.0


class RuleTimeout(Exception):
    """A rule's regex work on one document ran past its budget."""

    def __init__(self, rule: "Rule"):
        self.rule = rule
        super().__init__(rule.id)


#: (pattern, flags) -> the pattern's prefilter (see :mod:`.prefilter`), or None.
_PREFILTERS: dict[tuple[str, int], Callable[[str], bool] | None] = {}


#: What each :class:`BoundedRegex` has spent on the document being linted in
#: this thread or task (a desk lints several documents at once with one engine,
#: so the budget belongs to the document, not to the shared pattern).
_SPENT: ContextVar["dict[BoundedRegex, float] | None"] = ContextVar("copylint_regex_spent", default=None)


def begin_document() -> None:
    """A new document starts (in this thread): every :class:`BoundedRegex`
    gets its whole time budget again."""
    _SPENT.set({})


class BoundedRegex:
    """A rule author's pattern (``LazyRegex`` or compiled :mod:`regex`) whose
    every call runs under the rule's time budget for the current document:
    the calls of one rule on one document together may take ``timeout``
    seconds; past that :class:`RuleTimeout` is raised, and the engine skips
    that rule for that document with a note and keeps every other finding."""

    __slots__ = ("pattern", "rule", "owner")

    def __init__(self, pattern: Any, rule: "Rule", owner: Any = None) -> None:
        self.pattern = pattern
        self.rule = rule
        #: the check whose ``regex_timeout`` is the budget (set by the engine
        #: after the check is built)
        self.owner = owner

    @property
    def timeout(self) -> float:
        return self.owner.regex_timeout if self.owner is not None else REGEX_TIMEOUT

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        if method in _LINEAR_METHODS and len(args) == 1 and not kwargs \
                and isinstance(self.pattern, LazyRegex) and self.pattern.linear_for(args[0]) is not None:
            found = getattr(self.pattern.linear, method)(args[0])  # RE2: linear time, no budget
            return found if method == "search" else iter(found)
        spent = _SPENT.get()
        if spent is None:  # used outside the engine: this thread's first document
            spent = {}
            _SPENT.set(spent)
        left = self.timeout - spent.get(self, 0.0)
        if left <= 0:
            raise RuleTimeout(self.rule)
        start = perf_counter()
        try:
            result = getattr(self.pattern, method)(*args, timeout=left, **kwargs)
            return list(result) if method == "finditer" else result
        except TimeoutError:
            raise RuleTimeout(self.rule) from None
        finally:
            spent[self] = spent.get(self, 0.0) + perf_counter() - start

    def search(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("search", *args, **kwargs)

    def match(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("match", *args, **kwargs)

    def fullmatch(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("fullmatch", *args, **kwargs)

    def sub(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("sub", *args, **kwargs)

    def findall(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("findall", *args, **kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Any:
        """The matches, all found under the budget before any is returned."""
        return iter(self._call("finditer", *args, **kwargs))


def _prefilter_of(pattern: "LazyRegex | regex.Pattern[str]") -> Callable[[str], bool] | None:
    ignorecase = pattern.ignorecase if isinstance(pattern, LazyRegex) \
        else bool(pattern.flags & re.IGNORECASE)  # the same flag value in regex
    key = (pattern.pattern, ignorecase)
    if key not in _PREFILTERS:
        _PREFILTERS[key] = prefilter(pattern.pattern, ignorecase)
    return _PREFILTERS[key]


def may_match(pattern: "LazyRegex | regex.Pattern[str]", text: str) -> bool:
    """False only when the pattern's prefilter shows it has no match in ``text``."""
    quick = _prefilter_of(pattern)
    return quick is None or quick(text)


def bounded_finditer(
    rule: "Rule", pattern: "LazyRegex | regex.Pattern[str]", text: str, pos: int = 0, endpos: int | None = None,
    timeout: float = REGEX_TIMEOUT,
) -> Iterator["regex.Match[str]"]:
    """``finditer`` with a wall-clock bound: a rule author's catastrophic regex
    raises :class:`RuleTimeout` instead of stalling a CI job.  The matches are
    collected before any is yielded, so the bound measures the regex alone,
    not the work the caller does with each match.  A whole-text search is
    skipped when the pattern's prefilter shows it cannot match, and run by
    RE2, with no bound needed, where RE2 finds exactly its matches."""
    if pos == 0 and endpos is None:
        if not may_match(pattern, text):
            return
        linear = pattern.linear_for(text) if isinstance(pattern, LazyRegex) else None
        if linear is not None:
            yield from linear.finditer(text)
            return
    compiled = pattern.compiled if isinstance(pattern, LazyRegex) else pattern
    try:
        matches = list(compiled.finditer(
            text, pos, len(text) if endpos is None else endpos, timeout=timeout))
    except TimeoutError:
        raise RuleTimeout(rule) from None
    yield from matches


def leading_finditer(rule: "Rule", pattern: LazyRegex, text: str, hay: str, literals: tuple[str, ...],
                     timeout: float = REGEX_TIMEOUT) -> Iterator["regex.Match[str]"]:
    """Exactly :func:`bounded_finditer` of the whole ``text`` for a pattern
    every match of which starts with one of ``literals`` (none empty), found
    in ``hay``: ``text`` itself, or its lower-cased copy with the same
    offsets for lower-cased literals (see :func:`.literals.match_starts`).
    A text the prefilter refuses is skipped and RE2 runs the pattern where
    it finds exactly its matches, as there; else ``regex`` tries it only
    where a literal starts (:func:`starts_finditer`)."""
    if not may_match(pattern, text):
        return iter(())
    linear = pattern.linear_for(text)
    if linear is not None:
        return iter(linear.finditer(text))
    return iter(starts_finditer(rule, pattern.compiled, text, find_starts(literals, hay), timeout))


def find_starts(literals: Iterable[str], text: str, pos: int = 0) -> list[int]:
    """Every offset of ``text`` from ``pos`` where one of ``literals``
    starts, in order (``str.find``: C speed, where a regex alternation led
    by a look-behind is tried at every character)."""
    found: set[int] = set()
    find = text.find
    for literal in literals:
        at = find(literal, pos)
        while at >= 0:
            found.add(at)
            at = find(literal, at + 1)
    return sorted(found)


def starts_finditer(rule: "Rule", compiled: "regex.Pattern[str]", text: str, starts: list[int],
                    timeout: float = REGEX_TIMEOUT) -> list["regex.Match[str]"]:
    """Exactly ``compiled.finditer(text)`` when every match starts at one of
    ``starts`` (sorted) and none is empty: the pattern is tried there only,
    as ``finditer`` reaches them (a look-behind still reads the text before
    the start), all the tries together within ``timeout`` seconds
    (:class:`RuleTimeout` past it)."""
    matches: list[Any] = []
    if not starts:
        return matches
    match = compiled.match
    deadline = perf_counter() + timeout
    pos = 0
    try:
        for start in starts:
            if start < pos:
                continue
            left = deadline - perf_counter()
            if left <= 0:
                raise RuleTimeout(rule)
            m = match(text, start, timeout=left)
            if m is not None:
                matches.append(m)
                pos = max(m.end(), start + 1)
    except TimeoutError:
        raise RuleTimeout(rule) from None
    return matches
