"""Lint files the way Vale does, with rules loaded from Vale styles.

For each file: the configuration's sections decide its styles and rule
switches (Vale's enable policy); the file is read into scoped blocks
(:mod:`copylint.formats.scoped`: Markdown, MDX, HTML, Org, code comments,
plain text, plus ``raw`` and ``summary``) with Vale's comments followed as
the walk passes them, and the rules run over the blocks
(:class:`copylint.checks.scoped_rules.BlockRun`: Vale's matching
semantics, placement, ``limit``, one alert per rule and place).  What is
Vale's policy is here: ``<!-- vale off -->``, ``<!-- vale Style.Rule = NO
-->``, ``<!-- vale Style = NO -->``, ``<!-- vale Style.Rule["match"] = NO
-->`` and ``<!-- vale style = A, B -->`` honoured as Vale honours them, rule
switches and levels.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ..checks.scoped_rules import BlockRun, RuleSetup, RunPolicy, ScopedAlert
from ..checks.vale_kinds import ValeKinds
from ..checks.vale_shortcuts import ValeShortcuts
from ..engine.core import TIMEOUT_RULE_MESSAGE
from ..errors import InputError
from ..findings import Level
from ..formats.scoped import ScopeOptions, read_scoped
from ..formats.scopes import wants
from ..patterns.budget import begin_document
from ..ruleset.model import Rule
from .config import ValeConfig
from .styles import Styles, load_styles

#: Formats Vale hands to external tools (asciidoctor, rst2html, xsltproc…).
UNSUPPORTED_EXTS = {".adoc", ".asciidoc", ".asc", ".rst", ".rest", ".dita", ".xml", ".tex"}

_CONTROL = re.compile(r"^vale (.+\..+|[^.]+) = (YES|NO|on|off)$")
_CONTROL_MATCH = re.compile(r"^vale (.+\..+)(\[.+\]) = (YES|NO)$")
_STYLES = re.compile(r"^vale styles? = (.*)$")


#: Seconds one call of a rule author's regex may take on one block; a rule
#: that runs out of time is skipped for that file with a note.
REGEX_TIMEOUT = 2.0


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
        self._setups: dict[tuple, RuleSetup] = {}
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
    def lint_text(self, content: str, shown: str, ext: str) -> list[ScopedAlert]:
        """The alerts of one text (line breaks ``\\n``); a rule that timed
        out is left out, with a note in :attr:`notes`."""
        alerts, timed_out = self.lint_document(content, shown, ext)
        self.notes += [f"{shown}: " + TIMEOUT_RULE_MESSAGE.format(id=rule_id) for rule_id in timed_out]
        return alerts

    def lint_document(self, content: str, shown: str, ext: str) -> tuple[list[ScopedAlert], list[str]]:
        """The alerts of one text and the ids of the rules that timed out on it."""
        if ext in UNSUPPORTED_EXTS:
            raise UnsupportedFormat(shown, f"{ext} files need a converter copylint does not have")
        fs = FileState(comments={}, base_styles=self.config.styles_for(shown),
                       switches=self.config.rules_for(shown), state={})
        setup = self._setup(fs)
        if not setup.active:
            return [], []
        begin_document()  # every rule's regex time budget starts again
        config = self.config
        block_ignores, token_ignores = config.ignores_for(shown)
        options = ScopeOptions(block_ignores, token_ignores, config.skipped_scopes, config.ignored_scopes,
                               config.ignored_classes)

        def on_comment(text: str, comments: dict[str, bool]) -> None:
            update_comments(text, comments, fs.base_styles)

        pieces, fs.state["metrics"] = read_scoped(content, ext, options, on_comment)
        policy = RunPolicy(lambda rule: self._level(rule, fs), self._disabled_by_comment, self.min_level)
        return BlockRun(self.kinds, self.shortcuts, policy, content, shown, setup, fs.state).run(pieces)

    def _setup(self, fs: FileState) -> RuleSetup:
        """The rules that run: they depend only on the file's styles and rule
        switches, so they are worked out once per combination."""
        setup_key = (tuple(fs.base_styles), tuple(sorted(fs.switches.items())))
        setup = self._setups.get(setup_key)
        if setup is None:
            enabled = [r for r in self.rules if self._enabled(r, fs)]
            setup = self._setups[setup_key] = RuleSetup(
                enabled,
                any(wants(r.matching.scopes, "sentence") for r in enabled),
                any(wants(r.matching.scopes, "paragraph") for r in enabled))
        return setup


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
