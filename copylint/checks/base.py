"""What every check kind provides, and the helpers they share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Iterable, Iterator

import regex

from ..document import Document
from ..ruleset.fields import Field
from ..ruleset.model import Rule

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


class RuleTimeout(Exception):
    def __init__(self, rule: Rule):
        self.rule = rule
        super().__init__(rule.id)


class Check:
    """A rule kind.  One instance serves every rule of its kind in a rule set,
    so that word lists can be merged into a single matcher."""

    kind: ClassVar[str]
    fields: ClassVar[dict[str, Field]] = {}
    #: Default message when a rule gives none.
    default_message: ClassVar[str] = "'%s' is flagged by this rule."
    #: Bound for each rule's regex work on one document (set by the engine).
    regex_timeout: float = REGEX_TIMEOUT

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules

    @classmethod
    def validate(cls, options: dict[str, Any]) -> None:
        """Cross-field checks; raise ``ValueError("field: problem")``."""

    def run(self, doc: Document) -> Iterable[Hit]:
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


def compile_user_regex(pattern: str, ignorecase: bool) -> "regex.Pattern[str]":
    flags = regex.V0 | (regex.IGNORECASE if ignorecase else 0)
    return regex.compile(pattern, flags)


def bounded_finditer(
    rule: Rule, pattern: "regex.Pattern[str]", text: str, pos: int = 0, endpos: int | None = None,
    timeout: float = REGEX_TIMEOUT,
) -> Iterator["regex.Match[str]"]:
    """``finditer`` with a wall-clock bound: a rule author's catastrophic regex
    raises :class:`RuleTimeout` instead of stalling a CI job.  The matches are
    collected before any is yielded, so the bound measures the regex alone,
    not the work the caller does with each match."""
    try:
        matches = list(pattern.finditer(
            text, pos, len(text) if endpos is None else endpos, timeout=timeout))
    except TimeoutError:
        raise RuleTimeout(rule) from None
    yield from matches


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
