"""Errors a user can act on.  The CLI prints ``str(error)`` on one line, exit 2."""

from __future__ import annotations


class CopylintError(Exception):
    """Base class: a problem with the user's input, rules or configuration."""


class RuleError(CopylintError):
    """A rule file that cannot be loaded: ``file:line: rule-id: what is wrong``."""

    def __init__(self, path: str, line: int | None, rule_id: str | None, problem: str):
        self.path = path
        self.line = line
        self.rule_id = rule_id
        self.problem = problem
        where = f"{path}:{line}" if line else path
        who = f" {rule_id}:" if rule_id else ""
        super().__init__(f"{where}:{who} {problem}")


class InputError(CopylintError):
    """A document that cannot be read as text."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")
