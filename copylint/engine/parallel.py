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

from ..config.model import Config
from ..errors import CopylintError, InternalError
from ..findings import Finding, Level
from ..inputs.files import DEFAULT_READ, ReadOptions
from ..ruleset import RuleSet
from .linting import Report, engine_for, lint_files_into

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


#: Pools restarted after a worker died before the rest of a run is given up.
MAX_RESTARTS = 8
LOST_MESSAGE = "not linted: the worker process linting it died (killed by a signal or out of memory)"


def lint_parallel(files: Iterable[str | Path], rules: RuleSet, config: Config, minimum: Level, jobs: int,
                  progress: Callable[[Path], None] | None = None,
                  read: ReadOptions = DEFAULT_READ) -> Report:
    """Lint ``files`` in ``jobs`` worker processes (the caller sorts the findings).

    A worker that dies (``kill -9``, the out-of-memory killer) breaks the
    pool and every chunk in flight with it: the files of those chunks are
    linted again one at a time in a fresh worker, so that only a file that
    kills its worker again is lost, and reported as not linted (an internal
    error, exit 3); the rest of the run goes on in a new pool."""
    report = Report()
    engine_for(rules).compile_all()  # compiled here, a forked worker inherits it
    stream = _chunks(iter(files))
    setup = (rules, config, read)
    for _restart in range(MAX_RESTARTS):
        lost = _run_pool(report, stream, setup, minimum, jobs, progress)
        if lost is None:
            return report
        _one_by_one(report, [path for chunk in lost for path in chunk], setup, minimum, progress)
    for chunk in stream:  # workers keep dying: give the rest up, each file reported
        _report_lost(report, chunk, progress, "not linted: worker processes kept dying")
    return report


def _run_pool(report: Report, stream: Iterator[list[str]], setup: tuple, minimum: Level, jobs: int,
              progress: Callable[[Path], None] | None) -> list[list[str]] | None:
    """Lint the chunks of ``stream`` in a pool; the chunks lost when a worker
    died (None: none, the stream is done)."""
    from concurrent.futures import ProcessPoolExecutor  # only for a large run
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=setup) as pool:
        pending: "deque[tuple[list[str], Future[ChunkResult] | None]]" = deque()
        try:
            for chunk in stream:
                pending.append((chunk, None))  # lost if the pool is already broken
                pending[-1] = (chunk, pool.submit(_lint_chunk, chunk, minimum))
                if len(pending) >= jobs * IN_FLIGHT:
                    _collect(report, *pending[0], progress)  # type: ignore[arg-type]
                    pending.popleft()
            while pending:
                _collect(report, *pending[0], progress)  # type: ignore[arg-type]
                pending.popleft()
        except BrokenProcessPool:
            lost = []
            for chunk, future in pending:  # those done before the death still count
                if future is not None and future.done() and not future.cancelled() \
                        and future.exception() is None:
                    _collect(report, chunk, future, progress)
                else:
                    lost.append(chunk)
            return lost
    return None


def _one_by_one(report: Report, paths: list[str], setup: tuple, minimum: Level,
                progress: Callable[[Path], None] | None) -> None:
    """Lint each of ``paths`` alone in a one-worker pool: a death now names
    its file."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    todo = deque(paths)
    while todo:
        with ProcessPoolExecutor(max_workers=1, initializer=_start_worker, initargs=setup) as pool:
            while todo:
                path = todo.popleft()
                future = pool.submit(_lint_chunk, [path], minimum)
                try:
                    _collect(report, [path], future, progress)
                except BrokenProcessPool:
                    _report_lost(report, [path], progress, LOST_MESSAGE)
                    break  # a new pool for the rest


def _report_lost(report: Report, paths: list[str], progress: Callable[[Path], None] | None,
                 problem: str) -> None:

    for path in paths:
        report.files += 1
        report.errors.append(InternalError(path, problem))
        if progress is not None:
            progress(Path(path))


def _chunks(files: Iterator[str | Path]) -> Iterator[list[str]]:
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
    engine_for(_worker_rules)  # compile once per worker (if not inherited), not per file


def _lint_chunk(paths: list[str], min_level: Level) -> ChunkResult:
    assert _worker_rules is not None and _worker_config is not None
    report = lint_files_into(Report(), paths, _worker_rules, _worker_config,
                             min_level, read=_worker_read)
    return report.findings, report.errors, report.files
