"""Check kinds: one module per kind of rule.  ``KINDS`` maps a rule's
``kind:`` to the class that runs it."""

from __future__ import annotations

from .attribution import AttributionCheck
from .base import Check, Hit, RuleTimeout
from .consistency import ConsistencyCheck
from .existence import ExistenceCheck
from .punctuation import PunctuationCheck
from .repetition import RepetitionCheck
from .substitution import SubstitutionCheck

KINDS: dict[str, type[Check]] = {
    cls.kind: cls
    for cls in (
        ExistenceCheck,
        SubstitutionCheck,
        ConsistencyCheck,
        RepetitionCheck,
        PunctuationCheck,
        AttributionCheck,
    )
}

__all__ = ["KINDS", "Check", "Hit", "RuleTimeout"]
