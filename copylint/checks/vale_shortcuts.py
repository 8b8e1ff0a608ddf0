"""Why a Vale rule can skip a block: necessary conditions, never a change to
what is found (``tests/test_vale_shortcuts.py`` checks each against plain
matching).

- what every match of a rule's regex contains (``required_strings``): a
  block without any of it skips the rule, and so do the blocks cut from it;
- every other rule's regex relaxed into an RE2 pattern, all of them one RE2
  set searched once per block (``Screen``);
- a long token list's index (``TokenFilter.possible``);
- a rule whose matches cannot cross a paragraph (``stays_in_paragraph``) is
  not run again on the whole text after its paragraphs;
- a repetition token pattern that cannot backtrack (``is_linear``) runs
  without a timeout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from ..patterns.requirement import Requirement, required_strings
from ..patterns.screen import Screen, relaxed_pattern
from ..patterns.shape import is_linear, stays_in_paragraph
from .vale_kinds import ValeRule

if TYPE_CHECKING:
    from ..formats.blocks import Block
    from .token_filter import TokenFilter

_MATCHERS = ("existence", "substitution")
#: A word-list rule's requirement with more strings than this is left to its
#: token filter, which looks up the same whole words per token.
_FILTERED = 64


class ValeShortcuts:
    """The shortcuts of a set of Vale rules (``enabled=False``: none, every
    rule runs on every block its scope selects)."""

    def __init__(self, rules: Sequence[ValeRule], phrases: dict[str, Any], enabled: bool = True) -> None:
        self.enabled = enabled
        #: what every match of a rule's regex contains (None: unknown), and
        #: the same for each step of a consistency rule
        self.requires: dict[str, Requirement | None] = {}
        self.step_requires: dict[str, list[Requirement | None]] = {}
        self.linear: dict[str, bool] = {}
        #: rules whose matches in a text block are exactly their matches in
        #: its paragraphs (so a text block whose paragraphs they have been
        #: run on gives them nothing new)
        self.local: set[str] = set()
        #: each rule's (and consistency step's) member of the RE2 screen
        self.member: dict[str, int] = {}
        self.step_member: dict[str, list[int | None]] = {}
        relaxed: list[str] = []
        for rule in rules if enabled else ():
            self._learn(rule, phrases.get(rule.id), relaxed)
        self.screen = Screen(relaxed)

    def _learn(self, rule: ValeRule, phrases: Any, relaxed: list[str]) -> None:
        matching = rule.matching
        pattern = matching.pattern
        if matching.extends in _MATCHERS and pattern is not None:
            requirement = required_strings(pattern.pattern)
            if matching.filter is not None and requirement is not None and len(requirement.marked) > _FILTERED:
                requirement = None  # the word list's own index (TokenFilter) answers for each token
            self.requires[rule.id] = requirement
            if stays_in_paragraph(pattern.pattern) and (phrases is None or stays_in_paragraph(phrases.pattern)):
                self.local.add(rule.id)
            if matching.filter is None:  # word lists have their own index
                member = relaxed_pattern(pattern.pattern)
                if member is not None:
                    self.member[rule.id] = len(relaxed)
                    relaxed.append(member)
        elif matching.extends == "repetition" and pattern is not None:
            self.linear[rule.id] = is_linear(pattern.pattern)
        elif matching.extends == "consistency":
            self.step_requires[rule.id] = [required_strings(step[0].pattern) for step in matching.steps]
            members: list[int | None] = []
            for step in matching.steps:
                member = relaxed_pattern(step[0].pattern)
                members.append(len(relaxed) if member is not None else None)
                if member is not None:
                    relaxed.append(member)
            self.step_member[rule.id] = members

    def live(self, block: "Block", rules: list[ValeRule]) -> list[ValeRule]:
        """``rules`` without those whose required strings are not in the
        block (or in the block it was cut from): they would find nothing."""
        if not (self.requires or self.member):
            return rules
        if block.parent is not None:
            dead = self._dead(block.parent, rules)
            rules = [r for r in rules if r.id not in dead]
        dead = self._dead(block, rules)
        return [r for r in rules if r.id not in dead]

    def meets(self, requirement: Requirement, block: "Block") -> bool:
        """Does the block contain one of the strings every match contains?
        (Not when the block it was cut from does not.)"""
        key = id(requirement)
        met = block.memo.get(key)
        if met is None:
            if block.parent is not None and not self.meets(requirement, block.parent):
                met = False
            else:
                met = requirement.met_by(block.text, block.lowered() if requirement.ignorecase else None,
                                         block.words())
            block.memo[key] = met
        return met

    def _dead(self, block: "Block", rules: list[ValeRule]) -> set[str]:
        """Ids of the rules (of ``rules`` and any asked before) whose required
        strings the block does not contain."""
        known: dict[str, bool] | None = block.memo.get("met")
        if known is None:
            known = block.memo["met"] = {}
            block.memo["dead"] = set()
        dead: set[str] = block.memo["dead"]
        found = self.found(block)
        for rule in rules:
            if rule.id in known:
                continue
            member = self.member.get(rule.id)
            if found is not None and member is not None and member not in found:
                met = False
            else:
                requirement = self.requires.get(rule.id)
                met = requirement is None or requirement.met_by(
                    block.text, block.lowered() if requirement.ignorecase else None, block.words())
            known[rule.id] = met
            if not met:
                dead.add(rule.id)
        return dead

    def found(self, block: "Block") -> frozenset[int] | None:
        """The members of the RE2 screen found in the block (None: unknown)."""
        if "screen" not in block.memo:
            block.memo["screen"] = self.screen.found(block.text)
        return block.memo["screen"]

    def possible(self, token_filter: "TokenFilter", block: "Block") -> list[int]:
        """The filter's non-literal tokens that can match the block (looked for
        only among those that can match the block it was cut from)."""
        if not self.enabled:
            return token_filter.always
        key = id(token_filter)
        kept = block.memo.get(key)
        if kept is None:
            among = self.possible(token_filter, block.parent) if block.parent is not None else None
            kept = block.memo[key] = token_filter.possible(block.text, block.lowered(), among, block.words())
        return kept

    def step_may_match(self, rule_id: str, block: "Block") -> "StepScreen":
        return StepScreen(self, rule_id, block)


class StepScreen:
    """Can step ``index`` of a consistency rule match this block?"""

    def __init__(self, shortcuts: ValeShortcuts, rule_id: str, block: "Block") -> None:
        self.shortcuts, self.block = shortcuts, block
        self.requires = shortcuts.step_requires.get(rule_id) or []
        self.members = shortcuts.step_member.get(rule_id) or []
        self.screened = shortcuts.found(block) if self.members else None

    def __call__(self, index: int) -> bool:
        member = self.members[index] if index < len(self.members) else None
        if member is not None and self.screened is not None and member not in self.screened:
            return False
        requirement = self.requires[index] if index < len(self.requires) else None
        return requirement is None or self.shortcuts.meets(requirement, self.block)
