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

    def __reduce__(self):  # picklable (process pools)
        return type(self), (self.path, self.line, self.rule_id, self.problem)


class InputError(CopylintError):
    """A document that cannot be read as text.  ``skipped`` marks a file that
    is not text at all (binary, a FIFO, over the size limit): reported as a
    note, not counted as an error for the exit code."""

    def __init__(self, path: str, problem: str, skipped: bool = False):
        self.path = path
        self.problem = problem
        self.skipped = skipped
        super().__init__(f"{path}: {problem}")

    def __reduce__(self):  # picklable (process pools)
        return type(self), (self.path, self.problem, self.skipped)


class InternalError(InputError):
    """A bug in copylint met while linting one file: reported for that file,
    the other files are still linted (exit code 3)."""

    def __init__(self, path: str, problem: str, skipped: bool = False):
        super().__init__(path, problem, skipped)
