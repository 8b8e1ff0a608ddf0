"""Fixing files: read each file with its encoding, apply every safe fix (and,
with ``unsafe=True``, every unsafe one) until
nothing fixable remains (:mod:`copylint.fixes.apply`), then write the result back
atomically (:mod:`copylint.fixes.writer`) or describe it as a diff."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..api import collect_files
from ..config.model import Config
from ..engine.linting import Report, engine_for, lint_text
from ..errors import CopylintError, InputError
from ..findings import Finding, Level
from ..inputs.files import DEFAULT_READ, ReadOptions
from ..ruleset import RuleSet
from .apply import fix_text
from .writer import SourceFile


@dataclass
class FileFix:
    """What fixing did to one document."""

    path: str
    before: str
    after: str
    applied: list[Finding] = field(default_factory=list)
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.after != self.before


@dataclass
class FixReport(Report):
    """A :class:`~copylint.engine.linting.Report` whose ``findings`` are what remains after
    fixing, plus one :class:`FileFix` per document that had something to fix."""

    fixed: list[FileFix] = field(default_factory=list)

    @property
    def applied(self) -> int:
        return sum(len(f.applied) for f in self.fixed if f.changed)

    @property
    def changed_files(self) -> int:
        return sum(1 for f in self.fixed if f.changed)


def fixing_rules(rules: RuleSet, min_level: Level) -> RuleSet:
    """Only the rules whose findings are reported are allowed to fix."""
    if all(rule.level >= min_level for rule in rules):
        return rules
    return rules.select(lambda rule: rule.level >= min_level)


def fix_document(text: str, rules: RuleSet, path: str, report: FixReport,
                 inline_config: bool = True, unsafe: bool = False,
                 fmt: str | None = None) -> FileFix:
    """Fix one text (BOM already removed) and record the outcome in ``report``;
    unsafe fixes are applied only when ``unsafe``; ``fmt`` defaults to the
    format the path and text imply."""
    result = fix_text(text, rules, path=path, fmt=fmt, inline_config=inline_config, unsafe=unsafe)
    outcome = FileFix(path, text, result.text, result.applied)
    report.files += 1
    report.findings.extend(result.remaining)
    if outcome.changed:
        report.fixed.append(outcome)
    return outcome


def fix_paths(paths: Iterable[Path | str], rules: RuleSet, write: bool = True,
              min_level: Level | None = None, *, config: Config | None = None,
              read: ReadOptions = DEFAULT_READ, follow_symlinks: bool = False,
              unsafe: bool = False, jobs: int = 1) -> FixReport:
    """Fix files and directories: the safe fixes, and the unsafe ones too
    when ``unsafe`` (``--unsafe-fixes``).  With ``write=False`` nothing is written (the
    caller shows :attr:`FileFix.before`/``after`` as a diff).  A file that cannot
    be read or written is reported in ``errors`` with its findings as they are.
    ``config`` picks the files (as for linting), per-path ignores, the minimum
    level (only reported findings are fixed) and inline suppression.  Symbolic
    links leading out of the tree are skipped with a note unless
    ``follow_symlinks`` (:mod:`copylint.inputs.symlinks`).  ``jobs`` > 1 (0: one per
    CPU) fixes a large run in that many worker processes, each file read,
    fixed and written back atomically by one of them; the report is the same."""
    from ..engine.parallel import SMALL_RUN, resolve_jobs

    config = config or Config()
    rules = fixing_rules(rules, config.min_level if min_level is None else min_level)
    report = FixReport()
    walk_errors: list[InputError] = []
    files = collect_files(paths, config, walk_errors, follow_symlinks=follow_symlinks)
    jobs = resolve_jobs(jobs)
    if jobs > 1 and len(files) >= SMALL_RUN:
        _fix_parallel(files, rules, config, write, read, unsafe, jobs, report)
    else:
        for path in files:
            _fix_file(path, rules, config, write, read, unsafe, report)
    report.errors.extend(walk_errors)
    report.sort()
    return report


def _fix_file(path: Path, rules: RuleSet, config: Config, write: bool, read: ReadOptions,
              unsafe: bool, report: FixReport) -> None:
    """Read, fix and (if ``write``) write back one file, recording it in ``report``."""
    try:
        source = SourceFile.read(path, read)
    except CopylintError as exc:  # not linted: counted as failed or skipped, not as a file
        report.errors.append(exc)
        return
    path_rules = config.rules_for_path(rules, path)
    fmt = config.format_for(path)
    outcome = fix_document(source.text, path_rules, str(path), report, config.inline_config, unsafe, fmt)
    if write and outcome.changed:
        try:
            source.write(outcome.after)
            outcome.written = True
        except CopylintError as exc:
            report.errors.append(exc)
            report.fixed.remove(outcome)
            report.findings = [f for f in report.findings if f.path != str(path)]
            report.findings.extend(lint_text(source.text, path_rules, path=str(path),
                                             inline_config=config.inline_config, fmt=fmt))


_worker: tuple[RuleSet, Config, bool, ReadOptions, bool] | None = None


def _start_fix_worker(rules: RuleSet, config: Config, write: bool, read: ReadOptions,
                      unsafe: bool) -> None:
    global _worker
    _worker = (rules, config, write, read, unsafe)
    engine_for(rules)  # compile once per worker (if not inherited), not per file


def _fix_chunk(paths: list[str]) -> FixReport:
    assert _worker is not None
    rules, config, write, read, unsafe = _worker
    report = FixReport()
    for path in paths:
        _fix_file(Path(path), rules, config, write, read, unsafe, report)
    return report


def _fix_parallel(files: list[Path], rules: RuleSet, config: Config, write: bool, read: ReadOptions,
                  unsafe: bool, jobs: int, report: FixReport) -> None:
    """Fix ``files`` in ``jobs`` worker processes, a chunk of files per task."""
    from concurrent.futures import ProcessPoolExecutor

    from ..engine.parallel import CHUNK

    engine_for(rules).compile_all()  # compiled here, a forked worker inherits it
    chunks = [[str(p) for p in files[i:i + CHUNK]] for i in range(0, len(files), CHUNK)]
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_fix_worker,
                             initargs=(rules, config, write, read, unsafe)) as pool:
        for part in pool.map(_fix_chunk, chunks):
            report.files += part.files
            report.findings.extend(part.findings)
            report.errors.extend(part.errors)
            report.fixed.extend(part.fixed)
