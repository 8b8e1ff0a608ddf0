"""The public Python API; the CLI is a thin layer over these functions."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .errors import CopylintError, InputError, InternalError
from .files import DEFAULT_READ, ReadOptions, discover, read_text
from .findings import Finding, Level
from .formats import make_document
from .ruleset import RuleSet, load_rules

_default_rules: RuleSet | None = None


def default_rules() -> RuleSet:
    """The built-in rule packs, loaded once per process."""
    global _default_rules
    if _default_rules is None:
        _default_rules = load_rules()
    return _default_rules


def lint_text(text: str, rules: RuleSet | None = None, path: str = "<text>",
              fmt: str | None = None, min_level: Level = Level.SUGGESTION) -> list[Finding]:
    """Lint one text; findings sorted by position."""
    ruleset = rules if rules is not None else default_rules()
    doc = make_document(text, path=path, fmt=fmt)
    return [f for f in ruleset.engine.lint(doc) if f.level >= min_level]


def lint_file(path: Path | str, rules: RuleSet | None = None,
              min_level: Level = Level.SUGGESTION, read: ReadOptions = DEFAULT_READ) -> list[Finding]:
    """Lint one file (raises :class:`~copylint.errors.InputError` if unreadable)."""
    path = Path(path)
    return lint_text(read_text(path, options=read), rules, path=str(path), min_level=min_level)


@dataclass
class Report:
    """The result of linting many files: findings plus per-file input errors."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[CopylintError] = field(default_factory=list)
    files: int = 0

    @property
    def failed(self) -> list[CopylintError]:
        """Inputs that could not be linted, not counting skipped non-text files."""
        return [e for e in self.errors if not getattr(e, "skipped", False)]

    @property
    def skipped(self) -> list[CopylintError]:
        return [e for e in self.errors if getattr(e, "skipped", False)]

    def sort(self) -> None:
        """Put findings and errors in a canonical order, so that the same
        inputs give the same output whatever order they were given in."""
        self.findings.sort(key=Finding.sort_key)
        self.errors.sort(key=lambda e: (str(getattr(e, "path", "")), str(e)))


def lint_paths(paths: Iterable[Path | str], rules: RuleSet | None = None,
               min_level: Level = Level.SUGGESTION, read: ReadOptions = DEFAULT_READ) -> Report:
    """Lint files and directories; unreadable inputs are collected, not raised.
    A file reached twice (named twice, or named and inside a named directory)
    is linted once."""
    report = Report()
    walk_errors: list[InputError] = []
    seen: set[str] = set()
    for path in discover([Path(p) for p in paths], errors=walk_errors):
        key = os.path.normpath(path)
        if key in seen:
            continue
        seen.add(key)
        report.files += 1
        try:
            report.findings.extend(lint_file(path, rules, min_level, read))
        except CopylintError as exc:
            report.errors.append(exc)
        except Exception as exc:  # a bug: report it for this file, lint the others
            if os.environ.get("COPYLINT_DEBUG"):
                raise
            report.errors.append(InternalError(
                str(path), f"internal error: {type(exc).__name__}: {' '.join(str(exc).split())} "
                           "(please report this; set COPYLINT_DEBUG=1 for a traceback)"))
    report.errors.extend(walk_errors)
    report.sort()
    return report
