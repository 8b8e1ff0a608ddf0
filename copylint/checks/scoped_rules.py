"""`scoped`: rules translated from Vale styles, run over a document's
scoped blocks, each hit placed where Vale places it.

A scoped rule (a Vale rule: its kind matches per block, :mod:`.vale_kinds`)
runs on the blocks its scope selects (``heading.h2``, ``list``,
``table.cell``, ``alt``, ``raw``, ``summary``…, as
:func:`copylint.formats.scoped.read_scoped` reads them), on a running text's
paragraphs and sentences too.  :class:`BlockRun` does that for one document:
which rules run on a block, the shortcuts that skip a rule which cannot
match (:mod:`.vale_shortcuts`, :mod:`.token_filter`), the timeout that skips
a rule for the document, the place of each hit in the source
(:func:`copylint.formats.scoped.place`), a rule's ``limit`` and one alert per
rule and place.  What the front end decides (a rule's level in this file,
whether a comment switched it off, the lowest level reported) comes in as a
:class:`RunPolicy`.

:class:`ScopedCheck` is the ``scoped`` kind: the engine
(:class:`copylint.engine.core.Engine`) sends it every rule that has a
``matching`` (a :class:`~.vale_kinds.ValeRule`), and it takes the compiled
kinds, the shortcuts and each document's policy from the rule set's front
end (:class:`ScopedFront`, ``RuleSet.scoped_front``), so that the engine
knows nothing of Vale.  Each alert becomes a :class:`~.base.Hit` with its
message, its level in the file and the applicability of its fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Iterable, Protocol

from ..document.model import Document
from ..findings import Applicability, Level
from ..formats.blocks import Block
from ..formats.scoped import Marks, Piece, ScopedReading, comments_at, place, read_document
from ..formats.scopes import matches
from ..patterns.budget import RuleTimeout
from ..ruleset.model import Rule
from ..document.sentences import split_sentences
from .base import Check, Hit
from .vale_kinds import ValeKinds
from .vale_shortcuts import ValeShortcuts


@dataclass(frozen=True)
class ScopedAlert:
    """One hit of a scoped rule, at the source line and column of its first character."""

    path: str
    line: int
    column: int
    check: str
    message: str
    level: Level
    match: str
    #: the replacement a substitution proposes, when it is one literal text
    #: and the match is the source as written; ``safe``: it only changes case
    fix: str | None = None
    safe: bool = False

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.check, self.message)


@dataclass(frozen=True)
class RunPolicy:
    """What the front end decides for one document."""

    #: a rule's level in this document (its own, or a switch's)
    level: Callable[[Rule], Level]
    #: whether a comment state switches the rule with this id off
    disabled: Callable[[str, dict[str, bool]], bool]
    #: rules below this level do not run
    min_level: Level


@dataclass
class RuleSetup:
    """The rules that run on a document (and whether any wants sentences,
    paragraphs), plus the rules of each scope: they depend only on the
    document's styles and rule switches, so a front end keeps one per
    combination."""

    active: list[Rule]
    need_sentences: bool
    need_paragraphs: bool
    plans: dict[tuple[str, str | None], list[Rule]] = field(default_factory=dict)


class BlockRun:
    """One document's scoped blocks linted: each rule run on the blocks its
    scope selects, each alert placed and kept or dropped by the comment
    state, ``limit`` and de-duplication."""

    def __init__(self, kinds: ValeKinds, shortcuts: ValeShortcuts, policy: RunPolicy, content: str,
                 shown: str, setup: RuleSetup, state: dict[Any, Any]) -> None:
        self.kinds, self.shortcuts, self.policy = kinds, shortcuts, policy
        self.content, self.shown, self.setup, self.state = content, shown, setup, state
        self.timed_out: list[str] = []
        self.alerts: list[ScopedAlert] = []
        self.seen: set[tuple[int, int, str]] = set()
        self.counts: dict[str, int] = {}
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", content)]

    def run(self, pieces: list[Piece]) -> tuple[list[ScopedAlert], list[str]]:
        """The alerts (sorted) of the document's pieces and the ids of the
        rules that timed out on it (their alerts left out)."""
        for piece in pieces:
            if piece.prose:
                self.lint_prose(piece.block, piece.comments, piece.paragraphs, piece.marks)
            else:
                self.lint_block(piece.block, piece.comments, marks=piece.marks)
        alerts = self.alerts
        if self.timed_out:
            alerts = [a for a in alerts if a.check not in self.timed_out]
        alerts.sort(key=ScopedAlert.sort_key)
        return alerts, self.timed_out

    # -- keeping an alert --------------------------------------------------------
    def emit(self, rule: Rule, block: Block, found: tuple, comments: dict[str, bool],
             marks: Marks | None) -> None:
        start, _end, message, match, anchored, *fix = found
        placed = place(self.content, self.line_starts, block, start, match, anchored)
        if placed is None:
            return
        offset, line, column = placed
        if marks and offset >= 0:
            comments = comments_at(marks, offset)
            if self.policy.disabled(rule.id, comments):
                return
        if comments.get(f"{rule.id}[{match}]"):
            return
        key = (line, column, rule.id)
        if key in self.seen:
            return
        limit = rule.matching.limit
        if limit and self.counts.get(rule.id, 0) >= limit:
            return
        self.seen.add(key)
        if limit:
            self.counts[rule.id] = self.counts.get(rule.id, 0) + 1
        proposed = fix[0] if fix else None
        if proposed is not None and (offset < 0 or self.content[offset:offset + len(match)] != match):
            proposed = None  # not the source as written (markup, an entity): no fix
        self.alerts.append(ScopedAlert(self.shown, line, column, rule.id, message, self.policy.level(rule),
                                       match, *(proposed or (None, False))))

    # -- which rules run on a block ---------------------------------------------
    def plan(self, scope: str, parent: str | None) -> list[Rule]:
        """The rules (in order) that run on a block of this scope."""
        key = (scope, parent)
        rules = self.setup.plans.get(key)
        if rules is None:
            policy = self.policy
            rules = self.setup.plans[key] = [
                r for r in self.setup.active if policy.level(r) >= policy.min_level
                and matches(r.matching.scopes, scope, parent)]
        return rules

    def lint_block(self, block: Block, comments: dict[str, bool], parent: str | None = None,
                   marks: Marks | None = None, done: frozenset[str] = frozenset()) -> None:
        shortcuts = self.shortcuts
        for rule in shortcuts.live(block, self.plan(block.scope, parent)):
            if rule.id in done or rule.id in self.timed_out:
                continue
            if not marks and comments and self.policy.disabled(rule.id, comments):
                continue
            token_filter = rule.matching.filter
            if token_filter is not None:
                kept = token_filter.candidates(block.words(), lowered=block.lowered(),
                                              always=shortcuts.possible(token_filter, block))
                if not kept:
                    continue  # no token can match here
                block.memo[("kept", rule.id)] = kept
            try:
                found = self.kinds.find(rule, block, self.state, shortcuts)
            except (RuleTimeout, TimeoutError):
                # a rule author's regex ran out of time: that rule is
                # skipped for this document (its alerts dropped), with a note
                self.timed_out.append(rule.id)
                continue
            for item in found:
                self.emit(rule, block, item, comments, marks)

    def lint_prose(self, block: Block, comments: dict[str, bool], paragraphs: bool,
                   marks: Marks | None = None) -> None:
        """A text block, its paragraphs and its sentences."""
        done: frozenset[str] = frozenset()
        if self.setup.need_paragraphs and paragraphs:
            if -1 not in block.source_map:
                # their alerts on the whole block would repeat the
                # paragraphs' (same place, same message): deduplicated
                done = frozenset(r.id for r in self.plan("paragraph." + block.scope, None)
                                 if r.id in self.shortcuts.local)
            pos = 0
            for piece in re.split(r"(?<=\n\n)", block.text):
                if piece:
                    self.lint_block(Block(piece, "paragraph." + block.scope,
                                          block.source_map[pos:pos + len(piece)], parent=block),
                                    comments, marks=marks)
                pos += len(piece)
        if self.setup.need_sentences:
            for s, e in split_sentences(block.text, 0, len(block.text)):
                piece = block.text[s:e]
                lead = len(piece) - len(piece.lstrip())
                piece = piece.strip()
                if piece:
                    self.lint_block(Block(piece, "sentence." + block.scope,
                                          block.source_map[s + lead:s + lead + len(piece)], parent=block),
                                    comments, parent=block.scope, marks=marks)
        self.lint_block(block, comments, marks=marks, done=done)


@dataclass
class DocumentRun:
    """What a front end decides for one document before its rules run."""

    #: how the format readers read its scoped blocks
    reading: ScopedReading
    policy: RunPolicy
    #: the rules that run on it (the rule set's selection among them)
    setup: RuleSetup
    #: its path as the front end shows it (Vale's ``stdin.txt``…)
    shown: str


class ScopedFront(Protocol):
    """The typed hook a rule set of scoped rules gives the engine
    (``RuleSet.scoped_front``): Vale mode's :class:`copylint.vale.runner.ValeLinter`."""

    kinds: ValeKinds
    shortcuts: ValeShortcuts

    def shown_name(self, doc: Document) -> str:
        """The path findings in ``doc`` are reported under."""
        ...

    def document_run(self, doc: Document, rule_ids: frozenset[str]) -> DocumentRun | None:
        """The run of the rules ``rule_ids`` on ``doc`` (None: none is on
        for it); raises an :class:`~copylint.errors.InputError` for a
        document the front end cannot read."""
        ...


#: ``doc.memo`` key: the rules a scoped check skipped on the document (timed out).
_TIMED_OUT = "scoped-timed-out"


class ScopedCheck(Check):
    """Rules that match block by block, as Vale's do: each runs on the
    blocks its scopes select (``heading.h2``, ``list``, ``table.cell``,
    ``alt``, ``raw``, ``summary``, a paragraph or sentence of a text…), with
    Vale's comments, switches, levels and ``limit``, and its hits placed
    where Vale places them.  Rules of this kind come from Vale styles
    (``copylint check --vale``), never from a rule file."""

    kind = "scoped"
    placed: ClassVar[bool] = True
    #: a substitution's fix is safe only when it changes letter case alone
    #: (each hit says which)
    default_applicability = Applicability.UNSAFE
    default_message = "'%s' is flagged by this rule."

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(rules)
        self.front: ScopedFront | None = None
        self.rule_ids = frozenset(rule.id for rule in rules)
        self.by_id = {rule.id: rule for rule in rules}

    @classmethod
    def validate(cls, options: dict[str, Any]) -> None:
        raise ValueError("kind: 'scoped' is the kind of rules translated from Vale styles "
                         "(copylint check --vale); a rule file cannot use it")

    def see_front(self, front: Any) -> None:
        self.front = front
        if front is not None:
            front.kinds.set_regex_timeout(self.regex_timeout)  # --regex-timeout

    def run(self, doc: Document) -> Iterable[Hit]:
        front = self.front
        if front is None:
            raise TypeError("scoped rules need their rule set's front end (RuleSet.scoped_front)")
        run = front.document_run(doc, self.rule_ids)
        if run is None:
            return []
        kinds = front.kinds
        if kinds.regex_timeout != self.regex_timeout:  # another selection of the rules set another
            kinds.set_regex_timeout(self.regex_timeout)
        blocks = read_document(doc, run.reading)
        alerts, timed_out = BlockRun(kinds, front.shortcuts, run.policy, blocks.content, run.shown,
                                     run.setup, {"metrics": blocks.metrics}).run(blocks.pieces)
        if timed_out:
            doc.memo[(_TIMED_OUT, id(self))] = [self.by_id[rule_id] for rule_id in timed_out]
        return [alert_hit(doc, alert, self.by_id[alert.check]) for alert in alerts]

    def skipped(self, doc: Document) -> list[Rule]:
        found: list[Rule] = doc.memo.get((_TIMED_OUT, id(self)), [])  # type: ignore[assignment]
        return found


def alert_hit(doc: Document, alert: ScopedAlert, rule: Rule) -> Hit:
    """An alert (line and column as Vale counts them, every line break one
    character) as a hit with offsets in ``doc.text``."""
    starts, text = doc.line_starts, doc.text
    line = min(max(alert.line - 1, 0), len(starts) - 1)
    line_end = starts[line + 1] if line + 1 < len(starts) else len(text)
    while line_end > starts[line] and text[line_end - 1] in "\r\n":
        line_end -= 1
    start = min(starts[line] + alert.column - 1, line_end)
    end = min(start + len(alert.match), len(text))
    fix = alert.fix if alert.fix is not None and text[start:end] == alert.match else None
    return Hit(rule, start, end, suggestion=fix, fix=fix, message=alert.message, level=alert.level,
               applicability=Applicability.SAFE if alert.safe else Applicability.UNSAFE)
