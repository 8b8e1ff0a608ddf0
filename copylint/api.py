"""The public Python API; the CLI is a thin layer over these functions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .config import Config
from .errors import CopylintError
from .files import FileFilter, discover, read_text
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
              fmt: str | None = None, min_level: Level = Level.SUGGESTION,
              inline_config: bool = True) -> list[Finding]:
    """Lint one text; findings sorted by position.  ``fmt`` (``text``,
    ``markdown``, ``html``) defaults to the one ``path``'s extension implies;
    ``inline_config=False`` ignores suppression comments."""
    ruleset = rules if rules is not None else default_rules()
    doc = make_document(text, path=path, fmt=fmt, inline_config=inline_config)
    return [f for f in ruleset.engine.lint(doc) if f.level >= min_level]


def lint_file(path: Path | str, rules: RuleSet | None = None,
              min_level: Level = Level.SUGGESTION, inline_config: bool = True) -> list[Finding]:
    """Lint one file (raises :class:`~copylint.errors.InputError` if unreadable)."""
    path = Path(path)
    return lint_text(read_text(path), rules, path=str(path), min_level=min_level,
                     inline_config=inline_config)


@dataclass
class Report:
    """The result of linting many files: findings plus per-file input errors."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[CopylintError] = field(default_factory=list)
    files: int = 0


def collect_files(paths: Iterable[Path | str], config: Config | None = None) -> list[Path]:
    """The files :func:`lint_paths` would lint: explicit files as given,
    directories walked under ``config``'s extensions, globs and ``.gitignore``."""
    config = config or Config()
    file_filter = FileFilter(extensions=config.extensions, include=config.include,
                             exclude=config.exclude, respect_gitignore=config.respect_gitignore,
                             root=config.root)
    return list(discover([Path(p) for p in paths], file_filter=file_filter))


def lint_paths(paths: Iterable[Path | str], rules: RuleSet | None = None,
               min_level: Level | None = None, *, config: Config | None = None,
               progress: Callable[[Path], None] | None = None, jobs: int = 1) -> Report:
    """Lint files and directories; unreadable inputs are collected, not raised.

    ``config`` (see :func:`load_config`) decides which files a directory walk
    finds, the rules (when ``rules`` is not given), per-path ignores, the
    minimum level and whether suppression comments count.  ``progress`` is
    called with each path once it is linted.  ``jobs`` > 1 lints in that many
    worker processes (0: one per CPU); the report is the same whatever
    ``jobs`` is.  Files are read one at a time, never all at once."""
    from .parallel import SMALL_RUN, lint_parallel, resolve_jobs

    config = config or Config()
    if rules is None:
        rules = config.build_rules() if config.path is not None else default_rules()
    minimum = config.min_level if min_level is None else min_level
    files = collect_files(paths, config)
    jobs = resolve_jobs(jobs)
    if jobs > 1 and len(files) >= SMALL_RUN:
        report = lint_parallel(files, rules, config, minimum, jobs, progress)
    else:
        report = lint_files_into(Report(), files, rules, config, minimum, progress)
    report.findings.sort(key=Finding.sort_key)
    return report


def lint_files_into(report: Report, files: Iterable[Path], rules: RuleSet, config: Config,
                    minimum: Level, progress: Callable[[Path], None] | None = None) -> Report:
    """Lint ``files`` in this process, adding to ``report``."""
    for path in files:
        report.files += 1
        try:
            report.findings.extend(lint_file(path, config.rules_for_path(rules, path), minimum,
                                             inline_config=config.inline_config))
        except CopylintError as exc:
            report.errors.append(exc)
        if progress is not None:
            progress(path)
    return report
