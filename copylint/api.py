"""The public Python API; the CLI is a thin layer over these functions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .errors import CopylintError
from .files import discover, read_text
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
              min_level: Level = Level.SUGGESTION) -> list[Finding]:
    """Lint one file (raises :class:`~copylint.errors.InputError` if unreadable)."""
    path = Path(path)
    return lint_text(read_text(path), rules, path=str(path), min_level=min_level)


@dataclass
class Report:
    """The result of linting many files: findings plus per-file input errors."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[CopylintError] = field(default_factory=list)
    files: int = 0


def lint_paths(paths: Iterable[Path | str], rules: RuleSet | None = None,
               min_level: Level = Level.SUGGESTION, jobs: int = 1) -> Report:
    """Lint files and directories; unreadable inputs are collected, not raised.

    ``jobs`` > 1 lints in that many worker processes (0: one per CPU); the
    report is the same whatever ``jobs`` is.  Files are read one at a time,
    never all at once."""
    from .parallel import lint_parallel, resolve_jobs

    ruleset = rules if rules is not None else default_rules()
    files = discover([Path(p) for p in paths])
    jobs = resolve_jobs(jobs)
    report = lint_parallel(files, ruleset, min_level, jobs) if jobs > 1 else Report()
    if jobs <= 1:
        lint_files_into(report, files, ruleset, min_level)
    report.findings.sort(key=Finding.sort_key)
    return report


def lint_files_into(report: Report, files: Iterable[Path], rules: RuleSet,
                    min_level: Level = Level.SUGGESTION) -> Report:
    """Lint ``files`` in this process, adding to ``report``."""
    for path in files:
        report.files += 1
        try:
            report.findings.extend(lint_file(path, rules, min_level))
        except CopylintError as exc:
            report.errors.append(exc)
    return report
