"""``consistency``: one spelling per document.

Each group lists the variants of one name (``[Zelenskyy, Zelensky,
Zelenskiy]``; Vale's ``either`` map is a group of two).  When a document uses
more than one variant, one spelling wins and every other occurrence is
flagged, pointing at where the winning spelling appears.  With ``prefer:
majority`` the spelling used most often wins (ties go to the variant listed
first); with ``prefer: first`` the first variant of the group wins whenever it
appears (a house spelling).

Consistency rules look at the whole document unless they set ``scope``: with
``paragraph``, ``sentence`` or ``heading`` each unit is judged on its own.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from ..document.model import Document
from ..findings import Applicability
from ..ruleset import fields as f
from ..ruleset.model import Rule
from .base import Check, Hit, preserve_case
from .terms import TermMatcher, normalize


class ConsistencyCheck(Check):
    kind = "consistency"
    message_values = 2  # the match, the spelling used first
    #: The spelling that wins is a vote of this one text, and a minority
    #: spelling may be another person or place: an editor decides.
    default_applicability = Applicability.UNSAFE
    fields = {
        "groups": f.Field(f.string_groups, doc="lists of variants of one spelling"),
        "either": f.Field(f.string_map, doc="Vale's form: pairs of variants"),
        "prefer": f.Field(f.choice("majority", "first"), default="majority",
                          doc="which spelling wins: the one used most, or the first of its group"),
        "autofix": f.Field(f.boolean, default=True, doc="may --fix apply the winning spelling"),
    }
    default_scope = "document"
    context_downgrade = True
    default_message = "'%s' is spelled '%s' elsewhere in this document ({other}); use one spelling."

    @classmethod
    def validate(cls, options: dict) -> None:
        if not options.get("groups") and not options.get("either"):
            raise ValueError("groups: give 'groups' or 'either'")

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(rules)
        self.terms: TermMatcher[tuple[Rule, int, int]] = TermMatcher()
        for rule in rules:
            groups = list(rule.options.get("groups") or [])
            groups += [[a, b] for a, b in (rule.options.get("either") or {}).items()]
            for g, group in enumerate(groups):
                for v, variant in enumerate(group):
                    self.terms.add(variant, (rule, g, v), rule.ignorecase)
        self.terms.compile()
        self._variants = {
            (rule.id, g, v): normalize(variant)
            for rule in rules
            for g, group in enumerate(
                list(rule.options.get("groups") or [])
                + [[a, b] for a, b in (rule.options.get("either") or {}).items()]
            )
            for v, variant in enumerate(group)
        }

    def triggers(self) -> list:
        return self.terms.triggers()

    def run(self, doc: Document) -> Iterable[Hit]:
        seen: dict[tuple[str, int, int], dict[int, list]] = defaultdict(lambda: defaultdict(list))
        rules: dict[str, Rule] = {}
        for hit in self.terms.find_in(doc):
            for rule, g, v in hit.payloads:
                unit = doc.unit_of(rule.scope, hit.start)
                if unit is None:
                    continue
                rules[rule.id] = rule
                seen[(rule.id, g, unit)][v].append(hit)
        for (rule_id, g, _unit), by_variant in seen.items():
            if len(by_variant) < 2:
                continue
            rule = rules[rule_id]
            if rule.options.get("prefer") == "first":
                winner = min(by_variant)
            else:
                winner = max(by_variant, key=lambda v: (len(by_variant[v]), -v))
            first = by_variant[winner][0]
            line, _ = doc.position(first.start)
            right = self._variants[(rule_id, g, winner)]
            for v, hits in by_variant.items():
                if v == winner:
                    continue
                for hit in hits:
                    fix = preserve_case(hit.text, right)
                    yield Hit(
                        rule, hit.start, hit.end, (hit.text, first.text), fix,
                        fix if rule.options.get("autofix", True) else None,
                        other=f"line {line}",
                    )
