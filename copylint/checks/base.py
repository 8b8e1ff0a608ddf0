"""What every check kind provides, and the helpers they share.

How a rule author's pattern is compiled, bounded in time and made fast is
the regex layer's (:mod:`copylint.patterns`); the names kinds use from it
are imported here, so that a kind imports its tools from one place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Iterable, Iterator, NamedTuple

from ..document.model import Document
from ..findings import Applicability, Level
from ..patterns.anchored import anchored_finditer  # noqa: F401 - the kinds' helpers
from ..patterns.budget import (  # noqa: F401 - the kinds' helpers
    REGEX_TIMEOUT,
    BoundedRegex,
    RuleTimeout,
    bounded_finditer,
    leading_finditer,
    may_match,
)
from ..patterns.lazy import LazyRe, LazyRegex, compile_user_regex  # noqa: F401 - the kinds' helpers
from ..patterns.literals import match_starts
from ..ruleset.fields import Field
from ..ruleset.model import Rule
from .fastscan import Trigger, literal_trigger


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
    #: The message as the check formatted it (None: the engine fills the
    #: rule's ``message`` with ``args``).
    message: str | None = None
    #: The level in this document (None: the rule's ``level``; a front end's
    #: switch may set a rule's level per file).
    level: Level | None = None


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
    #: names (see :mod:`copylint.engine.fixcontext`).
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
    #: True when the check places its hits the way its front end does (the
    #: ``scoped`` kind: Vale's placement): the engine then skips the steps
    #: that would move, drop or merge them (see
    #: :meth:`copylint.engine.core.Engine.lint`).
    placed: ClassVar[bool] = False
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

    def see_front(self, front: Any) -> None:
        """Called by the engine with the rule set's front end
        (``RuleSet.scoped_front``; None for copylint's own rules): the
        ``scoped`` kind takes Vale's matching and policy from it."""

    def skipped(self, doc: Document) -> list[Rule]:
        """The rules this check skipped for ``doc`` after a run because a
        rule author's regex ran out of time (a check that raises
        :class:`RuleTimeout` instead has none)."""
        return []

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
            if not self.prepare(rule, doc, state):
                continue
            for start, end in scope_spans(doc, rule.scope):
                for hit in self.scan(rule, doc.prose[start:end], state):
                    hit.start += start
                    hit.end += start
                    yield hit

    def prepare(self, rule: Rule, doc: Document, state: dict) -> bool:
        """Called before ``rule``'s units of ``doc`` are scanned; False skips
        the rule for the document (say, when its pattern's trigger shows
        it has no match there).  ``state`` is then handed to :meth:`scan`."""
        return True

    def scan(self, rule: Rule, text: str, state: Any = None) -> list[Hit]:
        raise NotImplementedError


class RulePattern(NamedTuple):
    """A rule author's pattern as the engine runs it.  A kind says only which
    pattern a rule has and what a match means; how the search is made fast and
    safe is decided here, once: a document without the pattern's trigger is
    skipped, a whole-text search is screened by the pattern's prefilter, and
    the pattern runs in RE2 where RE2 finds exactly its matches, else in
    ``regex`` under the rule's time budget (see :mod:`copylint.patterns`),
    tried only where one of the literals every match starts with is found,
    when it has a few (:func:`~copylint.patterns.literals.match_starts`)."""

    rule: Rule
    regex: LazyRegex
    trigger: Trigger | None
    #: the pattern under the rule's time budget for a document, for searches
    #: of parts of it (scope units, a dateline, a word): together they may
    #: take the owning check's ``regex_timeout``
    bounded: BoundedRegex
    #: the literals every match starts with, and whether they are
    #: lower-cased (None: a match can start otherwise)
    starts: tuple[tuple[str, ...], bool] | None = None

    @classmethod
    def of(cls, rule: Rule, pattern: str, trigger: "Trigger | None | bool" = True, *,
           owner: "Check | None" = None, ignorecase: bool | None = None) -> "RulePattern":
        """``rule``'s ``pattern``, with its literal trigger (``trigger=True``),
        the one given, or none; matched case-insensitively as the rule says
        unless ``ignorecase`` is given.  ``owner``: the check whose
        ``regex_timeout`` bounds the searches of parts of a document."""
        if ignorecase is None:
            ignorecase = rule.ignorecase
        if trigger is True:
            trigger = literal_trigger(pattern, ignorecase)
        lazy = compile_user_regex(pattern, ignorecase)
        return cls(rule, lazy, trigger or None, BoundedRegex(lazy, rule, owner), match_starts(pattern, ignorecase))

    def absent(self, doc: Document) -> bool:
        """Does the trigger show that the pattern has no match in ``doc``?"""
        return self.trigger is not None and self.trigger.absent(doc)

    def finditer(self, doc: Document, timeout: float) -> Iterator[Any]:
        """The pattern's matches in the document's prose (none when its
        trigger shows there are none)."""
        if self.absent(doc):
            return iter(())
        starts = self.starts
        if starts is not None:
            hay = doc.lower_prose if starts[1] else doc.prose
            if hay is not None:  # (None: lower-casing is not a faithful view of it)
                return leading_finditer(self.rule, self.regex, doc.prose, hay, starts[0], timeout)
        return bounded_finditer(self.rule, self.regex, doc.prose, timeout=timeout)

    def finditer_in(self, text: str) -> list[Any]:
        """The matches in ``text``, a part of the document being linted (its
        trigger is the caller's to ask), under the rule's budget."""
        if not may_match(self.regex, text):
            return []
        return list(self.bounded.finditer(text))

    def search_in(self, text: str) -> Any:
        """The first match in ``text`` (a part of the document, or a word of
        it), under the rule's budget."""
        if not may_match(self.regex, text):
            return None
        return self.bounded.search(text)

    def match_at(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        """A match starting at ``pos`` (ending by ``endpos``), under the rule's budget."""
        return self.bounded.match(text, pos, len(text) if endpos is None else endpos)

    def sub_in(self, replacement: str, text: str, count: int = 0) -> str:
        """``text`` with matches replaced, under the rule's budget."""
        return self.bounded.sub(replacement, text, count=count)


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
