"""Lint files the way Vale does, with rules loaded from Vale styles.

For each file: the configuration's sections decide its styles and rule
switches; the file is read into scoped blocks (:mod:`copylint.formats.scoped`:
Markdown, MDX, HTML, Org, code comments, plain text, plus ``raw`` and
``summary``).  Each rule runs on the blocks its scope selects, with Vale's
own matching semantics (:mod:`copylint.checks.vale_kinds`), and each alert
is placed at the source line and column of its first character.  What is
Vale's policy is here: ``<!-- vale off -->``, ``<!-- vale Style.Rule = NO
-->``, ``<!-- vale Style = NO -->``, ``<!-- vale Style.Rule["match"] = NO
-->`` and ``<!-- vale style = A, B -->`` honoured as Vale honours them, rule
switches and levels, ``limit`` and one alert per rule and place.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from typing import Any

from ..patterns.budget import RuleTimeout, begin_document
from ..checks.vale_kinds import ValeKinds
from ..checks.vale_shortcuts import ValeShortcuts
from ..engine import TIMEOUT_RULE_MESSAGE
from ..errors import InputError
from ..findings import Level
from ..formats.blocks import Block
from ..formats.scoped import Marks, ScopeOptions, read_scoped
from ..formats.scopes import matches, wants
from ..ruleset.model import Rule
from ..sentences import split_sentences
from .config import ValeConfig
from .styles import Styles, ValeRule, load_styles

#: Formats Vale hands to external tools (asciidoctor, rst2html, xsltproc…).
UNSUPPORTED_EXTS = {".adoc", ".asciidoc", ".asc", ".rst", ".rest", ".dita", ".xml", ".tex"}

_CONTROL = re.compile(r"^vale (.+\..+|[^.]+) = (YES|NO|on|off)$")
_CONTROL_MATCH = re.compile(r"^vale (.+\..+)(\[.+\]) = (YES|NO)$")
_STYLES = re.compile(r"^vale styles? = (.*)$")


#: Seconds one call of a rule author's regex may take on one block; a rule
#: that runs out of time is skipped for that file with a note.
REGEX_TIMEOUT = 2.0


@dataclass(frozen=True)
class ValeAlert:
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


class UnsupportedFormat(InputError):
    """A format Vale hands to an external converter copylint does not have."""


@dataclass
class FileState:
    comments: dict[str, bool]
    base_styles: list[str]
    switches: dict[str, str]
    state: dict[Any, Any]


class ValeLinter:
    """Compiled once per configuration, then used for every file."""

    def __init__(self, config: ValeConfig, styles: Styles | None = None, shortcuts: bool = True) -> None:
        """``shortcuts=False`` runs every rule on every block its scope selects,
        without the prefilters that skip rules which cannot match (for tests:
        the alerts must be the same either way)."""
        self.config = config
        self.styles = styles if styles is not None else load_styles(config)
        self.rules = self.styles.rules
        self.min_level = Level.parse(config.min_level)
        #: notes for the user (a rule that timed out on a file), taken by the caller
        self.notes: list[str] = []
        self._setups: dict[tuple, tuple[list[ValeRule], bool, bool, dict]] = {}
        self.kinds = ValeKinds(self.rules, self.styles.accepted, REGEX_TIMEOUT)
        self.shortcuts = ValeShortcuts(self.rules, self.kinds.phrases, enabled=shortcuts)

    @property
    def regex_timeout(self) -> float:
        """Seconds one call of a rule author's regex may take on one block."""
        return self.kinds.regex_timeout

    def set_regex_timeout(self, seconds: float) -> None:
        self.kinds.set_regex_timeout(seconds)

    # -- which rules run ---------------------------------------------------
    def _level(self, rule: Rule, fs: FileState) -> Level:
        switch = fs.switches.get(rule.id) or self.config.global_rules.get(rule.id)
        if switch and switch not in ("YES", "NO"):
            return Level.parse(switch)
        return rule.level

    def _enabled(self, rule: Rule, fs: FileState) -> bool:
        switch = fs.switches.get(rule.id)
        if switch is None:
            switch = self.config.global_rules.get(rule.id)
        if switch == "NO":
            return False
        if switch is not None:
            return True
        return rule.id.split(".", 1)[0] in fs.base_styles

    @staticmethod
    def _disabled_by_comment(name: str, comments: dict[str, bool]) -> bool:
        if comments.get("off"):
            return True
        style = name.split(".", 1)[0]
        return bool(comments.get(style) or comments.get(name))

    # -- files -----------------------------------------------------------------
    def lint_text(self, content: str, shown: str, ext: str) -> list[ValeAlert]:
        """The alerts of one text (line breaks ``\\n``); a rule that timed
        out is left out, with a note in :attr:`notes`."""
        alerts, timed_out = self.lint_document(content, shown, ext)
        self.notes += [f"{shown}: " + TIMEOUT_RULE_MESSAGE.format(id=rule_id) for rule_id in timed_out]
        return alerts

    def lint_document(self, content: str, shown: str, ext: str) -> tuple[list[ValeAlert], list[str]]:
        """The alerts of one text and the ids of the rules that timed out on it."""
        if ext in UNSUPPORTED_EXTS:
            raise UnsupportedFormat(shown, f"{ext} files need a converter copylint does not have")
        fs = FileState(comments={}, base_styles=self.config.styles_for(shown),
                       switches=self.config.rules_for(shown), state={})
        setup = self._setup(fs)
        if not setup[0]:
            return [], []
        begin_document()  # every rule's regex time budget starts again
        run = FileRun(self, content, shown, ext, fs, setup)
        run.walk()
        return run.result()

    def _setup(self, fs: FileState) -> tuple[list[Rule], bool, bool, dict]:
        """The rules that run (and whether any wants sentences, paragraphs):
        they depend only on the file's styles and rule switches, so they are
        worked out once per combination."""
        setup_key = (tuple(fs.base_styles), tuple(sorted(fs.switches.items())))
        setup = self._setups.get(setup_key)
        if setup is None:
            enabled = [r for r in self.rules if self._enabled(r, fs)]
            setup = self._setups[setup_key] = (
                enabled,
                any(wants(r.matching.scopes, "sentence") for r in enabled),
                any(wants(r.matching.scopes, "paragraph") for r in enabled),
                {})
        return setup



class FileRun:
    """One file linted by a :class:`ValeLinter`: its blocks walked, each rule
    run on the blocks its scope selects, each alert placed and kept or
    dropped by Vale's comments, ``limit`` and de-duplication."""

    def __init__(self, linter: ValeLinter, content: str, shown: str, ext: str, fs: FileState,
                 setup: tuple[list[Rule], bool, bool, dict]) -> None:
        self.linter, self.content, self.shown, self.ext, self.fs = linter, content, shown, ext, fs
        self.active, self.need_sentences, self.need_paragraphs, self.plans = setup
        self.timed_out: list[str] = []
        self.alerts: list[ValeAlert] = []
        self.seen: set[tuple[int, int, str]] = set()
        self.counts: dict[str, int] = {}
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", content)]

    def result(self) -> tuple[list[ValeAlert], list[str]]:
        alerts = self.alerts
        if self.timed_out:
            alerts = [a for a in alerts if a.check not in self.timed_out]
        alerts.sort(key=ValeAlert.sort_key)
        return alerts, self.timed_out

    # -- placing an alert --------------------------------------------------------
    def _place(self, rule: Rule, block: Block, start: int, match: str, anchored: bool,
               comments: dict[str, bool], marks: Marks | None) -> tuple[int, int, int, dict] | None:
        """(offset, line, column, comment state) of a match in the source;
        None when it is not there or a comment switched the rule off there."""
        if match == "":
            return -1, 1, 1, comments
        content, line_starts = self.content, self.line_starts
        offset = block.source_offset(start) if anchored else -1
        if offset < 0:
            offset = _search(content, block, match, start)
        if offset < 0 and match.split():
            # not in the source as written (an entity such as &#160;):
            # like Vale, column 1 of the line where its first word is
            at = _search(content, block, match.split()[0], start)
            offset = line_starts[_bisect(line_starts, at) - 1] if at >= 0 else -1
        if offset < 0:
            return None
        if marks:
            comments = _state_at(marks, offset)
            if self.linter._disabled_by_comment(rule.id, comments):
                return None
        line = _bisect(line_starts, offset)
        return offset, line, offset - line_starts[line - 1] + 1, comments

    def emit(self, rule: Rule, block: Block, found: tuple, comments: dict[str, bool],
             marks: Marks | None) -> None:
        start, _end, message, match, anchored, *fix = found
        placed = self._place(rule, block, start, match, anchored, comments, marks)
        if placed is None:
            return
        offset, line, column, comments = placed
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
        self.alerts.append(ValeAlert(self.shown, line, column, rule.id, message,
                                     self.linter._level(rule, self.fs), match, *(proposed or (None, False))))

    # -- which rules run on a block ---------------------------------------------
    def plan(self, scope: str, parent: str | None) -> list[Rule]:
        """The rules (in order) that run on a block of this scope."""
        key = (scope, parent)
        rules = self.plans.get(key)
        if rules is None:
            linter = self.linter
            rules = self.plans[key] = [
                r for r in self.active if linter._level(r, self.fs) >= linter.min_level
                and matches(r.matching.scopes, scope, parent)]
        return rules

    def lint_block(self, block: Block, comments: dict[str, bool], parent: str | None = None,
                   marks: Marks | None = None, done: frozenset[str] = frozenset()) -> None:
        linter = self.linter
        for rule in linter.shortcuts.live(block, self.plan(block.scope, parent)):
            if rule.id in done or rule.id in self.timed_out:
                continue
            if not marks and comments and linter._disabled_by_comment(rule.id, comments):
                continue
            token_filter = rule.matching.filter
            if token_filter is not None:
                kept = token_filter.candidates(block.words(), lowered=block.lowered(),
                                              always=linter.shortcuts.possible(token_filter, block))
                if not kept:
                    continue  # no token can match here
                block.memo[("kept", rule.id)] = kept
            try:
                found = linter.kinds.find(rule, block, self.fs.state, linter.shortcuts)
            except (RuleTimeout, TimeoutError):
                # a rule author's regex ran out of time: that rule is
                # skipped for this file (its alerts dropped), with a note
                self.timed_out.append(rule.id)
                continue
            for item in found:
                self.emit(rule, block, item, comments, marks)

    def lint_prose(self, block: Block, comments: dict[str, bool], paragraphs: bool,
                   marks: Marks | None = None) -> None:
        """A text block, its paragraphs and its sentences."""
        done: frozenset[str] = frozenset()
        if self.need_paragraphs and paragraphs:
            if -1 not in block.source_map:
                # their alerts on the whole block would repeat the
                # paragraphs' (same place, same message): deduplicated
                done = frozenset(r.id for r in self.plan("paragraph." + block.scope, None)
                                 if r.id in self.linter.shortcuts.local)
            pos = 0
            for piece in re.split(r"(?<=\n\n)", block.text):
                if piece:
                    self.lint_block(Block(piece, "paragraph." + block.scope,
                                          block.source_map[pos:pos + len(piece)], parent=block),
                                    comments, marks=marks)
                pos += len(piece)
        if self.need_sentences:
            for s, e in split_sentences(block.text, 0, len(block.text)):
                piece = block.text[s:e]
                lead = len(piece) - len(piece.lstrip())
                piece = piece.strip()
                if piece:
                    self.lint_block(Block(piece, "sentence." + block.scope,
                                          block.source_map[s + lead:s + lead + len(piece)], parent=block),
                                    comments, parent=block.scope, marks=marks)
        self.lint_block(block, comments, marks=marks, done=done)

    # -- the file's blocks --------------------------------------------------------
    def walk(self) -> None:
        config = self.linter.config
        block_ignores, token_ignores = config.ignores_for(self.shown)
        options = ScopeOptions(block_ignores, token_ignores, config.skipped_scopes, config.ignored_scopes,
                               config.ignored_classes)

        def on_comment(text: str, comments: dict[str, bool]) -> None:
            update_comments(text, comments, self.fs.base_styles)

        pieces, self.fs.state["metrics"] = read_scoped(self.content, self.ext, options, on_comment)
        for piece in pieces:
            if piece.prose:
                self.lint_prose(piece.block, piece.comments, piece.paragraphs, piece.marks)
            else:
                self.lint_block(piece.block, piece.comments, marks=piece.marks)


def update_comments(text: str, comments: dict[str, bool], base_styles: list[str]) -> None:
    if text == "vale off":
        comments["off"] = True
    elif text == "vale on":
        comments["off"] = False
    elif (m := _CONTROL_MATCH.match(text)):
        try:
            parts = json.loads(m.group(2))
        except ValueError:
            return
        for part in parts if isinstance(parts, list) else []:
            comments[f"{m.group(1)}[{part}]"] = m.group(3) == "NO"
    elif (m := _CONTROL.match(text)):
        comments[m.group(1)] = m.group(2) in ("NO", "off")
    elif (m := _STYLES.match(text)):
        for style in base_styles:
            comments[style] = True
        for style in m.group(1).split(", "):
            comments[style] = False


def _search(content: str, block: Block, match: str, start: int) -> int:
    """Fallback placement: the match searched for in the source, from where
    the block (or the nearest mapped character before the match) begins."""
    known = [o for o in block.source_map[: start + 1] if o >= 0]
    origin = known[-1] - (start - len(known) + 1) if known else 0
    base = max(0, min(o for o in block.source_map if o >= 0)) if any(o >= 0 for o in block.source_map) else 0
    for begin in (max(origin, base), base, 0):
        at = content.find(match, begin)
        if at >= 0:
            return at
    return -1


def _state_at(marks: Marks, offset: int) -> dict[str, bool]:
    state = marks[0][1]
    for at, value in marks:
        if at > offset:
            break
        state = value
    return state


def _bisect(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset)
