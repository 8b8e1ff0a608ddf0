"""Check kinds: one module per kind of rule.  ``KINDS`` maps a rule's
``kind:`` to the class that runs it."""

from __future__ import annotations

from .attribution import AttributionCheck
from .balance import BalanceCheck
from .base import Check, Hit, RuleTimeout
from .capitalization import CapitalizationCheck
from .conditional import ConditionalCheck
from .consistency import ConsistencyCheck
from .dateline import DatelineCheck
from .dates import DatesCheck
from .existence import ExistenceCheck
from .person import PersonCheck
from .metric import MetricCheck
from .occurrence import OccurrenceCheck
from .punctuation import PunctuationCheck
from .quote_style import QuoteStyleCheck
from .repetition import RepetitionCheck
from .spelling import SpellingCheck
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
        DatesCheck,
        DatelineCheck,
        BalanceCheck,
        QuoteStyleCheck,
        PersonCheck,
        OccurrenceCheck,
        ConditionalCheck,
        CapitalizationCheck,
        MetricCheck,
        SpellingCheck,
    )
}

__all__ = ["KINDS", "Check", "Hit", "RuleTimeout"]
