"""Validated rule objects and the rule set that holds them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any, Iterable

from ..findings import Applicability, Level
from ..patterns.budget import REGEX_TIMEOUT

#: Vale-style positional placeholders: ``%s`` (text) and ``%d`` (a count).
_PLACEHOLDER = re.compile(r"%[sd]")


@dataclass(eq=False)
class Rule:
    """One rule from a YAML file, validated.  ``options`` holds the fields that
    belong to its kind (``swap``, ``tokens``…), already converted."""

    id: str
    kind: str
    level: Level
    message: str
    description: str
    options: dict[str, Any]
    link: str | None = None
    source: str | None = None
    scope: str = "paragraph"
    ignorecase: bool = False
    #: Whether this rule's fixes are applied by a plain ``copylint fix``.
    fix_applicability: Applicability = Applicability.SAFE
    #: In a quotation, a title or a mention of the word itself the finding is
    #: at most a suggestion with no safe fix; in a URL or file name it is
    #: dropped (``context-downgrade:``; see :mod:`copylint.engine.fixcontext`).
    context_downgrade: bool = False
    exceptions: list[str] = field(default_factory=list)
    #: Ids or globs of rules whose ``exceptions`` this rule honours too.
    exceptions_from: list[str] = field(default_factory=list)
    #: Those rules' exceptions, resolved once when the rule set is built
    #: (each keeps its own rule's case setting); ``None`` until then.
    borrowed_exceptions: list[str] | None = None

    def exception_patterns(self) -> list[str]:
        """Every exception regex of this rule, with its case flag made explicit."""
        flag = "(?i:" if self.ignorecase else "(?-i:"
        return [f"{flag}{e})" for e in self.exceptions] + (self.borrowed_exceptions or [])
    examples: dict[str, list[str]] = field(default_factory=lambda: {"bad": [], "good": []})
    #: Where the examples are written (a pack's override may replace them):
    #: the file and the line of its ``bad:`` and ``good:`` keys.
    examples_path: str = ""
    examples_lines: dict[str, int] = field(default_factory=dict)
    path: str = "<rules>"
    line: int = 0
    #: The style pack that supplied the rule ("" for a loose rule file).
    pack: str = ""
    #: ``file:line`` of each pack manifest that overrode fields of this rule.
    overridden_by: list[str] = field(default_factory=list)
    #: The rule's YAML fields after ``defaults:`` were merged (for overrides).
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    def __getitem__(self, name: str) -> Any:
        return self.options[name]

    def format_message(self, *args: str, match: str = "", suggestion: str | None = None,
                       other: str = "") -> str:
        """Fill ``%s``/``%d`` placeholders (Vale style, positional) and ``{match}``,
        ``{suggestion}``, ``{other}`` (named)."""
        text = self.message
        for arg in args:
            placeholder = _PLACEHOLDER.search(text)
            if placeholder is None:
                break
            text = text[:placeholder.start()] + arg + text[placeholder.end():]
        return (
            text.replace("{match}", match)
            .replace("{suggestion}", suggestion or "")
            .replace("{other}", other)
        )


class RuleSet:
    """The rules of one run, in load order.  (The engine that runs them is
    built from it by :func:`copylint.engine.linting.engine_for`.)"""

    def __init__(self, rules: list[Rule], known_ids: Iterable[str] | None = None,
                 regex_timeout: float | None = None, derived: Any = None):
        self.rules = list(rules)
        #: Where what the engine derives from these rules is kept between runs
        #: (a :class:`~.derived.DerivedStore`; None: nowhere).
        self.derived = derived
        self.by_id = {rule.id: rule for rule in self.rules}
        #: Every rule id loaded for this run, selected or not (a suppression
        #: comment naming a rule switched off by configuration is no typo).
        self.known_ids: frozenset[str] = frozenset(self.by_id if known_ids is None else known_ids) | frozenset(self.by_id)
        self._regex_timeout = regex_timeout
        #: The front end of rules that match block by block (Vale mode's: a
        #: :class:`copylint.checks.scoped_rules.ScopedFront`, which the
        #: engine's ``scoped`` kind asks for each document's blocks and
        #: policy); None for copylint's own rules.
        self.scoped_front: Any = None
        _resolve_borrowed_exceptions(self.rules)

    @property
    def regex_timeout(self) -> float:
        """Seconds one rule's regular expressions may spend on one document
        before the rule is reported and skipped for it."""
        return REGEX_TIMEOUT if self._regex_timeout is None else self._regex_timeout

    @regex_timeout.setter
    def regex_timeout(self, seconds: float) -> None:
        if not seconds > 0:
            raise ValueError("the regex timeout must be a positive number of seconds")
        self._regex_timeout = float(seconds)

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self):
        return iter(self.rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self.by_id

    def select(self, keep) -> "RuleSet":
        """A new rule set with the rules for which ``keep(rule)`` is true."""
        return RuleSet([rule for rule in self.rules if keep(rule)], self.known_ids,
                       self._regex_timeout, self.derived)


def _resolve_borrowed_exceptions(rules: list[Rule]) -> None:
    """Fill ``borrowed_exceptions`` from the rules ``exceptions-from`` names.
    Done on the full rule set; a selected subset keeps what was resolved."""

    for rule in rules:
        if rule.borrowed_exceptions is not None:
            continue
        rule.borrowed_exceptions = [
            pattern
            for glob in rule.exceptions_from
            for other in rules
            if other is not rule and fnmatchcase(other.id, glob)
            for pattern in other.exception_patterns()[: len(other.exceptions)]
        ]
