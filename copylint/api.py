"""The public Python API; the CLI is a thin layer over these functions.

``lint_text``, ``lint_file``, ``default_rules`` and ``Report`` come from
:mod:`copylint.engine.linting`; ``iter_files`` (the one streaming discovery, which
the CLI uses too), ``collect_files`` and ``lint_paths`` (which picks this
process or a worker pool) are here."""

from __future__ import annotations

import os
from itertools import chain, islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .config.model import Config
from .errors import InputError
from .inputs.files import DEFAULT_READ, FileFilter, ReadOptions, discover
from .findings import Level
from .engine.linting import Report, default_rules, lint_file, lint_files_into, lint_text
from .ruleset import RuleSet


def iter_files(paths: Iterable[Path | str], config: Config | None = None,
               errors: list[InputError] | None = None, *,
               follow_symlinks: bool = False) -> Iterator[str]:
    """The files :func:`lint_paths` lints, one at a time, as path strings: a
    generator, so that memory does not grow with the number of files.
    Explicit files as given, directories walked under ``config``'s
    extensions, globs and ``.gitignore``.  A file reached twice (named twice,
    or named and inside a named folder) is yielded once; folders that cannot
    be listed go to ``errors`` (as the walk reaches them).  Symbolic links
    leading out of the tree are skipped with a note in ``errors`` unless
    ``follow_symlinks`` (see :mod:`copylint.inputs.symlinks`)."""
    config = config or Config()
    file_filter = FileFilter(extensions=config.extensions, include=config.include,
                             exclude=config.exclude, respect_gitignore=config.respect_gitignore,
                             root=config.root)
    if follow_symlinks:
        walk = discover
    else:
        from .inputs.symlinks import discover_within as walk
    given = paths if isinstance(paths, (list, tuple)) else list(paths)
    found = walk(given, file_filter=file_filter, errors=errors)
    if len(given) < 2:
        # one path: a walk never yields a path twice (each folder is entered once)
        yield from found
        return
    seen: set[str] = set()
    for path in found:
        key = os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            yield path


def collect_files(paths: Iterable[Path | str], config: Config | None = None,
                  errors: list[InputError] | None = None, *,
                  follow_symlinks: bool = False) -> list[Path]:
    """The files :func:`lint_paths` would lint, as a list (see :func:`iter_files`,
    which yields them one at a time)."""
    return [Path(p) for p in iter_files(paths, config, errors, follow_symlinks=follow_symlinks)]


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
    ``jobs`` is.  Files are found and read one at a time, never listed or
    read all at once, as ``read`` says (encoding, undecodable bytes, size
    limit); links out of the tree are skipped with a note unless
    ``follow_symlinks``."""
    config = config or Config()
    walk_errors: list[InputError] = []
    files = iter_files(paths, config, walk_errors, follow_symlinks=follow_symlinks)
    report = lint_files(files, rules, min_level, config=config, progress=progress, jobs=jobs,
                        read=read)
    report.errors.extend(walk_errors)
    report.sort()
    return report


def lint_files(files: Iterable[str | Path], rules: RuleSet | None = None,
               min_level: Level | None = None, *, config: Config | None = None,
               progress: Callable[[Path], None] | None = None, jobs: int = 1,
               read: ReadOptions = DEFAULT_READ) -> Report:
    """Lint files already found (by :func:`iter_files`, say): each is read
    as it comes, never walked or stat'ed again.  The report is not sorted."""
    from .engine.parallel import SMALL_RUN, lint_parallel, resolve_jobs

    config = config or Config()
    if rules is None:
        rules = config.build_rules() if config.path is not None else default_rules()
    minimum = config.min_level if min_level is None else min_level
    jobs = resolve_jobs(jobs)
    stream = iter(files)
    if jobs > 1:
        head = list(islice(stream, SMALL_RUN))
        if len(head) >= SMALL_RUN:
            return lint_parallel(chain(head, stream), rules, config, minimum, jobs, progress, read)
        stream = iter(head)
    return lint_files_into(Report(), stream, rules, config, minimum, progress, read)


__all__ = ["Report", "collect_files", "default_rules", "iter_files", "lint_file", "lint_files",
           "lint_files_into", "lint_paths", "lint_text"]
