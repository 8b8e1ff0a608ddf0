"""Check kinds: one module per kind of rule.  ``KINDS`` maps a rule's
``kind:`` to the class that runs it.

A kind's module is imported when something first asks for its class (a rule
of that kind is validated or compiled): ``copylint check`` with a rule set
that uses ten kinds does not pay for importing the other six.  Membership,
iteration and ``sorted(KINDS)`` need no import.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module

from .base import Check, Hit, RuleTimeout

#: kind -> (module under ``copylint.checks``, class name)
_WHERE: dict[str, tuple[str, str]] = {
    "existence": ("existence", "ExistenceCheck"),
    "substitution": ("substitution", "SubstitutionCheck"),
    "consistency": ("consistency", "ConsistencyCheck"),
    "repetition": ("repetition", "RepetitionCheck"),
    "punctuation": ("punctuation", "PunctuationCheck"),
    "attribution": ("attribution", "AttributionCheck"),
    "dates": ("dates", "DatesCheck"),
    "dateline": ("dateline", "DatelineCheck"),
    "balance": ("balance", "BalanceCheck"),
    "quote-style": ("quote_style", "QuoteStyleCheck"),
    "person": ("person", "PersonCheck"),
    "occurrence": ("occurrence", "OccurrenceCheck"),
    "conditional": ("conditional", "ConditionalCheck"),
    "capitalization": ("capitalization", "CapitalizationCheck"),
    "metric": ("metric", "MetricCheck"),
    "spelling": ("spelling", "SpellingCheck"),
    "variants": ("variants", "VariantsCheck"),
    # rules translated from Vale styles (a rule file cannot use it)
    "scoped": ("scoped_rules", "ScopedCheck"),
}


class _Kinds(Mapping[str, type[Check]]):
    """A read-only ``kind -> Check class`` mapping that imports on lookup."""

    def __init__(self, where: dict[str, tuple[str, str]]) -> None:
        self._where = where
        self._loaded: dict[str, type[Check]] = {}

    def __getitem__(self, kind: str) -> type[Check]:
        cls = self._loaded.get(kind)
        if cls is None:
            module, name = self._where[kind]  # KeyError for an unknown kind
            cls = getattr(import_module(f"{__name__}.{module}"), name)
            self._loaded[kind] = cls
        return cls

    def __contains__(self, kind: object) -> bool:
        return kind in self._where

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def __repr__(self) -> str:
        return f"KINDS({', '.join(self._where)})"


KINDS: Mapping[str, type[Check]] = _Kinds(_WHERE)

__all__ = ["KINDS", "Check", "Hit", "RuleTimeout"]
