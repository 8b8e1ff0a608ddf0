"""A Vale configuration as a copylint rule set: Vale mode's front end.

:class:`ValeRuleSet` is a :class:`~copylint.ruleset.RuleSet` whose rules are
the translated Vale rules.  copylint's one engine runs them
(:func:`copylint.engine.linting.engine_for`): every rule has a
``matching``, so the engine sends it to the ``scoped`` kind, which asks the
rule set's ``scoped_front`` (:class:`~.runner.ValeLinter`: Vale's block
scopes, comments, switches and levels) how to run each document; each
alert becomes a :class:`~copylint.findings.Finding` placed in the
document's own text.  Everything built on rule sets therefore works in
Vale mode as it does with copylint's rules: ``--jobs`` (the rule set is
rebuilt from its configuration in a spawned worker), ``--fix``/``--diff``
(a substitution with a single literal replacement carries a fix), every
reporter, the desk and the language server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from ..ruleset.model import Rule, RuleSet
from .config import ValeConfig, ValeConfigError, find_config, read_config
from .runner import EXTENSIONS, STDIN_NAME, ValeLinter

__all__ = ["EXTENSIONS", "STDIN_NAME", "ValeRuleSet", "load_vale_rules"]


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
        self.scoped_front = self.linter

    def select(self, keep: Callable[[Rule], bool]) -> "ValeRuleSet":
        return ValeRuleSet(self.config, self.linter, frozenset(r.id for r in self.rules if keep(r)))

    def __getstate__(self) -> dict[str, Any]:
        # a spawned worker translates the styles again rather than unpickling them
        return {"config": self.config, "selected": self.selected, "regex_timeout": self._regex_timeout}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["config"], None, state["selected"])  # type: ignore[misc]
        self._regex_timeout = state.get("regex_timeout")


def load_vale_rules(config_path: Path | None, start: Path | None = None) -> ValeRuleSet:
    """The rule set of ``config_path`` or, when None, of the nearest Vale
    configuration above ``start`` (raises :class:`ValeConfigError`)."""
    if config_path is None:
        config_path = find_config(start or Path.cwd())
        if config_path is None:
            raise ValeConfigError("no .vale.ini (or _vale.ini, .vale, _vale) found here or in a parent folder")
    return ValeRuleSet(read_config(config_path))
