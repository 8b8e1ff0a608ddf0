"""Vale's policy for each file, as the front end of copylint's engine.

:class:`ValeLinter` is a rule set's ``scoped_front``
(:class:`copylint.checks.scoped_rules.ScopedFront`): for each document the
engine's ``scoped`` kind asks it for a :class:`DocumentRun`.  The
configuration's sections decide the file's styles and rule switches (Vale's
enable policy); the file is read into scoped blocks by the format readers
(:func:`copylint.formats.scoped.read_document`: Markdown, MDX, HTML, Org,
code comments, plain text, plus ``raw`` and ``summary``) with Vale's
comments followed as the walk passes them, and the rules run over the
blocks (:class:`copylint.checks.scoped_rules.BlockRun`: Vale's matching
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
from pathlib import Path

from ..checks.scoped_rules import DocumentRun, RuleSetup, RunPolicy
from ..checks.vale_kinds import ValeKinds
from ..checks.vale_shortcuts import ValeShortcuts
from ..document.model import Document
from ..errors import InputError
from ..findings import Level
from ..formats.scoped import ScopedReading, ScopeOptions
from ..formats.scopes import wants
from ..ruleset.model import Rule
from .config import ValeConfig
from .styles import Styles, load_styles

#: The name Vale gives standard input (its default ``--ext`` is ``.txt``).
STDIN_NAME = "stdin.txt"
#: copylint format -> the extension Vale's sections and scopes go by, for a
#: document whose name has none (the desk's draft, an unsaved buffer).
EXTENSIONS = {"markdown": ".md", "hugo": ".md", "jekyll": ".md", "mdx": ".mdx", "html": ".html",
              "text": ".txt"}
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
    """What the configuration's sections decide for one file."""

    base_styles: list[str]
    switches: dict[str, str]


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
    @staticmethod
    def shown_name(doc: Document) -> str:
        """The path Vale shows for ``doc`` (``stdin.txt`` for standard input;
        a draft with no name is ``untitled`` with its format's extension)."""
        if doc.path == "<text>":
            return "untitled" + EXTENSIONS.get(doc.source_format, ".txt")
        return STDIN_NAME if doc.path == "-" else doc.path.replace("\\", "/")

    def document_run(self, doc: Document, rule_ids: frozenset[str]) -> DocumentRun | None:
        """How the rules ``rule_ids`` run on ``doc`` (None: none is on for
        it): its blocks' reader option, with Vale's comments followed as the
        walk passes them, its rules' levels and switches."""
        shown = self.shown_name(doc)
        ext = Path(shown).suffix.lower()
        if ext in UNSUPPORTED_EXTS:
            raise UnsupportedFormat(shown, f"{ext} files need a converter copylint does not have")
        fs = FileState(base_styles=self.config.styles_for(shown), switches=self.config.rules_for(shown))
        setup = self._setup(fs, rule_ids)
        if not setup.active:
            return None
        config = self.config
        block_ignores, token_ignores = config.ignores_for(shown)
        options = ScopeOptions(block_ignores, token_ignores, config.skipped_scopes, config.ignored_scopes,
                               config.ignored_classes)

        def on_comment(text: str, comments: dict[str, bool]) -> None:
            update_comments(text, comments, fs.base_styles)

        policy = RunPolicy(lambda rule: self._level(rule, fs), self._disabled_by_comment, self.min_level)
        return DocumentRun(ScopedReading(ext, options, on_comment), policy, setup, shown)

    def _setup(self, fs: FileState, rule_ids: frozenset[str]) -> RuleSetup:
        """The rules that run: they depend only on the file's styles and rule
        switches (and the rule set's selection), so they are worked out once
        per combination."""
        setup_key = (tuple(fs.base_styles), tuple(sorted(fs.switches.items())), rule_ids)
        setup = self._setups.get(setup_key)
        if setup is None:
            enabled = [r for r in self.rules if r.id in rule_ids and self._enabled(r, fs)]
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
