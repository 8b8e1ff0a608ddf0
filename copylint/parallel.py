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
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from .api import Report, lint_files_into
from .errors import InputError
from .findings import Finding, Level
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

ChunkResult = tuple[list[Finding], list[tuple[str, str]], int]


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


def lint_parallel(files: Iterable[Path], rules: RuleSet, min_level: Level, jobs: int) -> Report:
    report = Report()
    stream = iter(files)
    head = list(islice(stream, SMALL_RUN))
    if len(head) < SMALL_RUN:  # a pre-commit run: lint in this process
        return lint_files_into(report, head, rules, min_level)
    from concurrent.futures import ProcessPoolExecutor  # only for a large run

    rules.engine  # noqa: B018 - compiled here, a forked worker inherits it
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker,
                             initargs=(rules,)) as pool:
        pending: "deque[Future[ChunkResult]]" = deque()
        for chunk in _chunks(chain(head, stream)):
            pending.append(pool.submit(_lint_chunk, chunk, min_level))
            if len(pending) >= jobs * IN_FLIGHT:
                _collect(report, pending.popleft().result())
        while pending:
            _collect(report, pending.popleft().result())
    return report


def _chunks(files: Iterator[Path]) -> Iterator[list[str]]:
    while chunk := [str(path) for path in islice(files, CHUNK)]:
        yield chunk


def _collect(report: Report, result: ChunkResult) -> None:
    findings, errors, count = result
    report.findings.extend(findings)
    report.errors.extend(InputError(path, problem) for path, problem in errors)
    report.files += count


def _start_worker(rules: RuleSet) -> None:
    global _worker_rules
    _worker_rules = rules
    _worker_rules.engine  # compile once per worker (if not inherited), not per file  # noqa: B018


def _lint_chunk(paths: list[str], min_level: Level) -> ChunkResult:
    assert _worker_rules is not None
    report = lint_files_into(Report(), [Path(p) for p in paths], _worker_rules, min_level)
    errors = [(getattr(e, "path", ""), getattr(e, "problem", str(e))) for e in report.errors]
    return report.findings, errors, report.files
