"""A Vale configuration as a copylint rule set: Vale mode's front end.

:class:`ValeRuleSet` is a :class:`~copylint.ruleset.RuleSet` whose rules are
the translated Vale rules and whose engine lints a document the way Vale
does (:class:`~.runner.ValeLinter`: Vale's block scopes, comments and
switches), each alert becoming a :class:`~copylint.findings.Finding` placed
in the document's own text.  Everything built on rule sets therefore works
in Vale mode as it does with copylint's rules: ``--jobs`` (the rule set is
rebuilt from its configuration in a spawned worker), ``--fix``/``--diff``
(a substitution with a single literal replacement carries a fix), every
reporter, the desk and the language server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from ..document.model import Document
from ..engine.core import TIMEOUT_RULE_MESSAGE
from ..checks.scoped_rules import alert_finding
from ..findings import Finding, Level
from ..ruleset.model import Rule, RuleSet
from .config import ValeConfig, ValeConfigError, find_config, read_config
from .runner import ValeLinter

#: The name Vale gives standard input (its default ``--ext`` is ``.txt``).
STDIN_NAME = "stdin.txt"
#: copylint format -> the extension Vale's sections and scopes go by, for a
#: document whose name has none (the desk's draft, an unsaved buffer).
EXTENSIONS = {"markdown": ".md", "hugo": ".md", "jekyll": ".md", "mdx": ".mdx", "html": ".html",
              "text": ".txt"}


class ValeRuleSet(RuleSet):
    """The rules of a Vale configuration, linted with Vale's semantics."""

    def __init__(self, config: ValeConfig, linter: ValeLinter | None = None,
                 selected: frozenset[str] | None = None) -> None:
        self.config = config
        self.linter = linter if linter is not None else ValeLinter(config)
        every = self.linter.rules
        self.selected = selected
        super().__init__([r for r in every if selected is None or r.id in selected],
                         known_ids=[r.id for r in every])

    def build_engine(self) -> "ValeEngine":
        """The engine of these rules (:func:`copylint.engine.linting.engine_for` calls
        this for a Vale rule set instead of building copylint's
        :class:`~copylint.engine.core.Engine`)."""
        if self._regex_timeout is not None:  # --regex-timeout
            self.linter.set_regex_timeout(self._regex_timeout)
        return ValeEngine(self.linter, self.selected)

    def select(self, keep: Callable[[Rule], bool]) -> "ValeRuleSet":
        return ValeRuleSet(self.config, self.linter, frozenset(r.id for r in self.rules if keep(r)))

    def __getstate__(self) -> dict[str, Any]:
        # a spawned worker translates the styles again rather than unpickling them
        return {"config": self.config, "selected": self.selected}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["config"], None, state["selected"])  # type: ignore[misc]


def load_vale_rules(config_path: Path | None, start: Path | None = None) -> ValeRuleSet:
    """The rule set of ``config_path`` or, when None, of the nearest Vale
    configuration above ``start`` (raises :class:`ValeConfigError`)."""
    if config_path is None:
        config_path = find_config(start or Path.cwd())
        if config_path is None:
            raise ValeConfigError("no .vale.ini (or _vale.ini, .vale, _vale) found here or in a parent folder")
    return ValeRuleSet(read_config(config_path))


class ValeEngine:
    """The engine of a :class:`ValeRuleSet`: a document in, findings out."""

    def __init__(self, linter: ValeLinter, selected: frozenset[str] | None = None) -> None:
        self.linter = linter
        self.selected = selected
        self.links = {rule.id: rule.link for rule in linter.rules}

    def compile_all(self) -> None:
        """Nothing is left to compile: the styles are compiled when loaded."""

    def lint(self, doc: Document) -> list[Finding]:
        shown = STDIN_NAME if doc.path == "-" else doc.path.replace("\\", "/")
        if doc.path == "<text>":  # a draft with no name: its format picks the extension
            shown = "untitled" + EXTENSIONS.get(doc.source_format, ".txt")
        ext = Path(shown).suffix.lower()
        # Vale reads every line break as "\n"; lines (and so columns) are the same
        content = doc.text.replace("\r\n", "\n").replace("\r", "\n")
        alerts, timed_out = self.linter.lint_document(content, shown, ext)
        findings = [self._timeout(doc, shown, rule_id) for rule_id in timed_out]
        findings += [alert_finding(doc, alert, self.links.get(alert.check)) for alert in alerts
                     if self.selected is None or alert.check in self.selected]
        return findings

    @staticmethod
    def _timeout(doc: Document, shown: str, rule_id: str) -> Finding:
        return Finding(rule=rule_id, level=Level.WARNING, message=TIMEOUT_RULE_MESSAGE.format(id=rule_id),
                       offset=0, end_offset=0, line=1, column=1, end_line=1, end_column=1, match="",
                       path=shown)
