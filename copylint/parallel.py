"""Linting many files in worker processes (``--jobs``).

Files are handed out in chunks; each worker compiles the rule set once (in its
initializer) and reads and lints its files one at a time.  At most a few
chunks per worker are in flight, so a repository is streamed, never held in
memory.  Results are collected in submission order and the caller sorts the
findings, so the report does not depend on the number of workers.
"""

from __future__ import annotations

import os
from collections import deque
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from .config import Config
from .errors import CopylintError
from .files import DEFAULT_READ, ReadOptions
from .findings import Finding, Level
from .linting import Report, lint_files_into
from .ruleset import RuleSet

if TYPE_CHECKING:
    from concurrent.futures import Future

#: Files per task: large enough to amortise the inter-process round trip.
CHUNK = 32
#: Below this many files a pool costs more to start than it saves.
SMALL_RUN = 2 * CHUNK
#: Tasks in flight per worker.
IN_FLIGHT = 4

_worker_rules: RuleSet | None = None
_worker_config: Config | None = None
_worker_read: ReadOptions = DEFAULT_READ

#: Findings, errors (picklable, kept whole so that skipped notes and internal
#: errors stay what they are), and the number of files.
ChunkResult = tuple[list[Finding], list[CopylintError], int]


def cpu_count() -> int:
    """CPUs this process may run on."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def resolve_jobs(jobs: int) -> int:
    """``0`` means one job per CPU."""
    if jobs < 0:
        raise ValueError("jobs must be 0 (one per CPU) or more")
    return cpu_count() if jobs == 0 else jobs


def lint_parallel(files: Iterable[Path], rules: RuleSet, config: Config, minimum: Level, jobs: int,
                  progress: Callable[[Path], None] | None = None,
                  read: ReadOptions = DEFAULT_READ) -> Report:
    """Lint ``files`` in ``jobs`` worker processes (the caller sorts the findings)."""
    from concurrent.futures import ProcessPoolExecutor  # only for a large run

    report = Report()
    rules.engine.compile_all()  # compiled here, a forked worker inherits it
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker,
                             initargs=(rules, config, read)) as pool:
        pending: "deque[tuple[list[str], Future[ChunkResult]]]" = deque()
        for chunk in _chunks(iter(files)):
            pending.append((chunk, pool.submit(_lint_chunk, chunk, minimum)))
            if len(pending) >= jobs * IN_FLIGHT:
                _collect(report, *pending.popleft(), progress)
        while pending:
            _collect(report, *pending.popleft(), progress)
    return report


def _chunks(files: Iterator[Path]) -> Iterator[list[str]]:
    while chunk := [str(path) for path in islice(files, CHUNK)]:
        yield chunk


def _collect(report: Report, chunk: list[str], future: "Future[ChunkResult]",
             progress: Callable[[Path], None] | None) -> None:
    findings, errors, count = future.result()
    report.findings.extend(findings)
    report.errors.extend(errors)
    report.files += count
    if progress is not None:
        for path in chunk:
            progress(Path(path))


def _start_worker(rules: RuleSet, config: Config, read: ReadOptions = DEFAULT_READ) -> None:
    global _worker_rules, _worker_config, _worker_read
    _worker_rules, _worker_config, _worker_read = rules, config, read
    _worker_rules.engine  # compile once per worker (if not inherited), not per file  # noqa: B018


def _lint_chunk(paths: list[str], min_level: Level) -> ChunkResult:
    assert _worker_rules is not None and _worker_config is not None
    report = lint_files_into(Report(), [Path(p) for p in paths], _worker_rules, _worker_config,
                             min_level, read=_worker_read)
    return report.findings, report.errors, report.files
