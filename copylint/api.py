"""The public Python API; the CLI is a thin layer over these functions.

``lint_text``, ``lint_file``, ``default_rules`` and ``Report`` come from
:mod:`copylint.linting`; ``collect_files`` and ``lint_paths`` (which picks
this process or a worker pool) are here."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable

from .config import Config
from .errors import InputError
from .files import DEFAULT_READ, FileFilter, ReadOptions, discover
from .findings import Level
from .linting import Report, default_rules, lint_file, lint_files_into, lint_text
from .ruleset import RuleSet


def collect_files(paths: Iterable[Path | str], config: Config | None = None,
                  errors: list[InputError] | None = None, *,
                  follow_symlinks: bool = False) -> list[Path]:
    """The files :func:`lint_paths` would lint: explicit files as given,
    directories walked under ``config``'s extensions, globs and ``.gitignore``.
    A file reached twice (named twice, or named and inside a named folder) is
    listed once; folders that cannot be listed go to ``errors``.  Symbolic
    links leading out of the tree are skipped with a note in ``errors`` unless
    ``follow_symlinks`` (see :mod:`copylint.symlinks`)."""
    from .symlinks import discover_within

    config = config or Config()
    file_filter = FileFilter(extensions=config.extensions, include=config.include,
                             exclude=config.exclude, respect_gitignore=config.respect_gitignore,
                             root=config.root)
    seen: set[str] = set()
    files = []
    walk = discover if follow_symlinks else discover_within
    for path in walk([Path(p) for p in paths], file_filter=file_filter, errors=errors):
        key = os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            files.append(path)
    return files


def lint_paths(paths: Iterable[Path | str], rules: RuleSet | None = None,
               min_level: Level | None = None, *, config: Config | None = None,
               progress: Callable[[Path], None] | None = None, jobs: int = 1,
               read: ReadOptions = DEFAULT_READ, follow_symlinks: bool = False) -> Report:
    """Lint files and directories; unreadable inputs are collected, not raised.

    ``config`` (see :func:`load_config`) decides which files a directory walk
    finds, the rules (when ``rules`` is not given), per-path ignores, the
    minimum level and whether suppression comments count.  ``progress`` is
    called with each path once it is linted.  ``jobs`` > 1 lints in that many
    worker processes (0: one per CPU); the report is the same whatever
    ``jobs`` is.  Files are read one at a time, never all at once, as ``read``
    says (encoding, undecodable bytes, size limit); links out of the tree are
    skipped with a note unless ``follow_symlinks``."""
    from .parallel import SMALL_RUN, lint_parallel, resolve_jobs

    config = config or Config()
    if rules is None:
        rules = config.build_rules() if config.path is not None else default_rules()
    minimum = config.min_level if min_level is None else min_level
    walk_errors: list[InputError] = []
    files = collect_files(paths, config, walk_errors, follow_symlinks=follow_symlinks)
    jobs = resolve_jobs(jobs)
    if jobs > 1 and len(files) >= SMALL_RUN:
        report = lint_parallel(files, rules, config, minimum, jobs, progress, read)
    else:
        report = lint_files_into(Report(), files, rules, config, minimum, progress, read)
    report.errors.extend(walk_errors)
    report.sort()
    return report


__all__ = ["Report", "collect_files", "default_rules", "lint_file", "lint_files_into",
           "lint_paths", "lint_text"]
