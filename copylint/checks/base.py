"""What every check kind provides, and the helpers they share."""

from __future__ import annotations

import re
import weakref
from contextvars import ContextVar
from dataclasses import dataclass
from time import perf_counter
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterable, Iterator

from ..document import Document
from ..findings import Applicability
from ..ruleset.fields import Field
from ..ruleset.model import Rule
from .prefilter import prefilter

if TYPE_CHECKING:  # imported when a pattern is first compiled
    import regex

#: Default wall-clock bound for one rule's regex work on one document
#: (seconds); a rule set can change it (``RuleSet.regex_timeout``).
REGEX_TIMEOUT = 2.0


@dataclass(slots=True)
class Hit:
    """A raw match of one rule: offsets into the document, message arguments."""

    rule: Rule
    start: int
    end: int
    args: tuple[str, ...] = ()
    suggestion: str | None = None
    fix: str | None = None
    other: str = ""
    #: None: the rule's ``fix-applicability`` (a check may say UNSAFE where
    #: the context makes its fix uncertain).
    applicability: Applicability | None = None


class RuleTimeout(Exception):
    def __init__(self, rule: Rule):
        self.rule = rule
        super().__init__(rule.id)


class Check:
    """A rule kind.  One instance serves every rule of its kind in a rule set,
    so that word lists can be merged into a single matcher."""

    kind: ClassVar[str]
    fields: ClassVar[dict[str, Field]] = {}
    #: The scope of a rule of this kind that does not set ``scope:``.
    default_scope: ClassVar[str] = "paragraph"
    #: How far this kind's fixes can be trusted when a rule does not say
    #: (``fix-applicability:``).
    default_applicability: ClassVar[Applicability] = Applicability.SAFE
    #: Whether a rule of this kind that does not say (``context-downgrade:``)
    #: is downgraded in quotations and titles and silent in URLs and file
    #: names (see :mod:`copylint.fixcontext`).
    context_downgrade: ClassVar[bool] = False
    #: Fields of this kind whose change in a pack's override cannot make the
    #: inherited message untrue (the message names no choice they make), so
    #: the override need not restate it (see ``ruleset.validate``).
    message_neutral_fields: ClassVar[frozenset[str]] = frozenset()
    #: How many ``%s``/``%d`` values this kind fills into a message (a
    #: message with more is refused at load: it would show a bare ``%s``).
    message_values: ClassVar[int] = 1
    #: Default message when a rule gives none.
    default_message: ClassVar[str] = "'%s' is flagged by this rule."
    #: Bound for each rule's regex work on one document (set by the engine).
    regex_timeout: float = REGEX_TIMEOUT

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules

    @classmethod
    def values_in_message(cls, options: dict[str, Any]) -> int:
        """:attr:`message_values` for a rule with these ``options`` (a kind
        whose mode changes it says so here)."""
        return cls.message_values

    @classmethod
    def validate(cls, options: dict[str, Any]) -> None:
        """Cross-field checks; raise ``ValueError("field: problem")``."""

    def run(self, doc: Document) -> Iterable[Hit]:
        raise NotImplementedError

    def see_rules(self, rules: list[Rule]) -> None:
        """Called by the engine with every rule of the rule set (a check that
        defers to the style's word lists reads them here)."""

    def triggers(self) -> list[Any]:
        """The :class:`~.fastscan.Trigger` objects this check consults, so
        that the engine can search for all of them in one pass."""
        return []


class UnitCheck(Check):
    """A kind that judges each scope unit (sentence, paragraph, heading or the
    whole document) on its own: subclasses implement :meth:`scan` over the
    unit's text, with offsets relative to it; ``state`` is a dict kept across
    the units of one document for one rule (e.g. acronyms defined so far)."""

    def run(self, doc: Document) -> Iterable[Hit]:
        for rule in self.rules:
            state: dict = {}
            for start, end in scope_spans(doc, rule.scope):
                for hit in self.scan(rule, doc.prose[start:end], state):
                    hit.start += start
                    hit.end += start
                    yield hit

    def scan(self, rule: Rule, text: str, state: Any = None) -> list[Hit]:
        raise NotImplementedError


def scope_spans(doc: Document, scope: str) -> list[tuple[int, int]]:
    """The character spans of ``doc`` a rule with ``scope`` looks at, in order:
    each sentence, each paragraph (block), each heading, or the whole document."""
    if scope == "sentence":
        return [(s.start, s.end) for s in doc.sentences]
    if scope == "document":
        return [(0, len(doc.prose))]
    if scope == "heading":
        return [(h.start, h.end) for h in getattr(doc, "headings", [])]
    return [(b.start, b.end) for b in doc.blocks]


#: (pattern, flags) -> the pattern's prefilter (see :mod:`.prefilter`), or None.
_PREFILTERS: dict[tuple[str, int], Callable[[str], bool] | None] = {}


class LazyRegex:
    """A rule author's pattern, compiled by the :mod:`regex` module when it
    is first used: most documents of a run (and every document of a short
    pre-commit run) are skipped by a trigger or prefilter before a pattern is
    needed, so start-up does not pay for compiling them all.  Rules are
    validated (their patterns compiled) when they are loaded."""

    __slots__ = ("pattern", "ignorecase", "_compiled")

    def __init__(self, pattern: str, ignorecase: bool) -> None:
        self.pattern = pattern
        self.ignorecase = ignorecase
        self._compiled: "regex.Pattern[str] | None" = None

    @property
    def compiled(self) -> "regex.Pattern[str]":
        if self._compiled is None:
            import regex

            self._compiled = regex.compile(
                self.pattern, regex.V0 | (regex.IGNORECASE if self.ignorecase else 0))
        return self._compiled

    def __getattr__(self, name: str) -> Any:  # finditer, search, sub, flags...
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.compiled, name)

    def __getstate__(self) -> tuple[str, bool]:
        return self.pattern, self.ignorecase

    def __setstate__(self, state: tuple[str, bool]) -> None:
        self.pattern, self.ignorecase = state
        self._compiled = None


def compile_user_regex(pattern: str, ignorecase: bool) -> "LazyRegex":
    return LazyRegex(pattern, ignorecase)


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

    def __init__(self, pattern: Any, rule: Rule, owner: "Check | None" = None) -> None:
        self.pattern = pattern
        self.rule = rule
        #: the check whose ``regex_timeout`` is the budget (set by the engine
        #: after the check is built)
        self.owner = owner

    @property
    def timeout(self) -> float:
        return self.owner.regex_timeout if self.owner is not None else REGEX_TIMEOUT

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
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


class LazyRe:
    """One of the engine's own patterns, compiled by :mod:`re` when first
    used (``search``, ``finditer``… are those of the compiled pattern).
    Python's regex compiler is pure Python: a check's patterns cost about a
    millisecond each, and most documents never need most of them."""

    __slots__ = ("_source", "_flags", "_compiled", "__weakref__")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = pattern
        self._flags = flags
        self._compiled: "re.Pattern[str] | None" = None
        _LAZY_RE.add(self)

    @property
    def compiled(self) -> "re.Pattern[str]":
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled, name)

    def __reduce__(self):  # noqa: ANN204 - pickled uncompiled
        return LazyRe, (self._source, self._flags)


#: Every :class:`LazyRe` alive (see :func:`compile_lazy_patterns`).
_LAZY_RE: "weakref.WeakSet[LazyRe]" = weakref.WeakSet()


def compile_lazy_patterns() -> None:
    """Compile every :class:`LazyRe` now (before forking workers, which
    then share them, or before a benchmark's clock)."""
    for lazy in list(_LAZY_RE):
        lazy.compiled  # noqa: B018


def _prefilter_of(pattern: "LazyRegex | regex.Pattern[str]") -> Callable[[str], bool] | None:
    ignorecase = pattern.ignorecase if isinstance(pattern, LazyRegex) \
        else bool(pattern.flags & re.IGNORECASE)  # the same flag value in regex
    key = (pattern.pattern, ignorecase)
    if key not in _PREFILTERS:
        _PREFILTERS[key] = prefilter(pattern.pattern, ignorecase)
    return _PREFILTERS[key]


def bounded_finditer(
    rule: Rule, pattern: "regex.Pattern[str]", text: str, pos: int = 0, endpos: int | None = None,
    timeout: float = REGEX_TIMEOUT,
) -> Iterator["regex.Match[str]"]:
    """``finditer`` with a wall-clock bound: a rule author's catastrophic regex
    raises :class:`RuleTimeout` instead of stalling a CI job.  The matches are
    collected before any is yielded, so the bound measures the regex alone,
    not the work the caller does with each match.  A whole-text search is
    skipped when the pattern's prefilter shows it cannot match."""
    if pos == 0 and endpos is None:
        quick = _prefilter_of(pattern)
        if quick is not None and not quick(text):
            return
    try:
        matches = list(pattern.finditer(
            text, pos, len(text) if endpos is None else endpos, timeout=timeout))
    except TimeoutError:
        raise RuleTimeout(rule) from None
    yield from matches


def anchored_finditer(exact: "re.Pattern[str]", anchor: "re.Pattern[str]", text: str,
                      anchor_text: str | None = None, lead: int = 0) -> Iterator["re.Match[str]"]:
    r"""Exactly the matches of ``exact.finditer(text)``, found faster.

    ``anchor`` must match (in ``anchor_text``, by default ``text``; it may be a
    lower-cased copy with the same offsets) at every offset where a match of
    ``exact`` can start.  A pattern that begins with look-behinds is tried by
    the regex engine at every character; a literal anchor is found by a fast
    scan, and ``exact`` is then tried only there.  Look-behinds of ``exact``
    still see the text before the candidate.  With ``lead=1`` the anchor
    starts one character early (it matches the character before a word, as
    in ``\W(?:terms)``), and offset 0 is tried first.
    """
    search = anchor.search
    match = exact.match
    source = text if anchor_text is None else anchor_text
    pos = 0
    if lead:
        first = match(text, 0)
        if first is not None:
            yield first
        pos = max(first.end(), 1) if first is not None else 1
    while True:
        candidate = search(source, max(pos - lead, 0))
        if candidate is None:
            return
        start = candidate.start() + lead
        m = match(text, start)
        if m is None:
            pos = start + 1
            continue
        yield m
        pos = max(m.end(), start + 1)


class FirstOf:
    """Several anchors searched as one (for :func:`anchored_finditer`): the
    leftmost match of any.  The regex engine scans quickly for a pattern
    that starts with a literal or a small class, but not for an alternation
    of such patterns; each is searched on its own and its next match kept
    until the scan passes it, so every character is scanned once per anchor."""

    def __init__(self, *anchors: "re.Pattern[str]") -> None:
        self.anchors = anchors
        self._text: str | None = None
        self._next: list[tuple[int, "re.Match[str] | None"]] = []

    def search(self, text: str, pos: int = 0) -> "re.Match[str] | None":
        if text is not self._text:
            self._text = text
            self._next = [(-1, None)] * len(self.anchors)
        best = None
        for i, anchor in enumerate(self.anchors):
            searched_from, found = self._next[i]
            # the leftmost match from ``searched_from`` is also the leftmost
            # from any later ``pos`` up to its start
            if searched_from < 0 or pos < searched_from or (found is not None and found.start() < pos):
                found = anchor.search(text, pos)
                self._next[i] = (pos, found)
            if found is not None and (best is None or found.start() < best.start()):
                best = found
        return best


def preserve_case(match: str, replacement: str) -> str:
    """Give ``replacement`` the case pattern of ``match``: KIEV->KYIV, Kiev->Kyiv."""
    if match.isupper() and len(match) > 1:
        return replacement.upper()
    if match[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    if match.islower() and replacement[:1].isupper() and not replacement[1:].islower():
        return replacement
    if match.islower() and replacement[:1].isupper():
        return replacement[:1].lower() + replacement[1:]
    return replacement
