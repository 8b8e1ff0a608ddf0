"""Running an archive audit: plan the partitions, lint them here, in a process
pool (``jobs``) or on a Dask cluster, and write the findings in archive order
as each partition finishes.

Memory stays flat in the archive's size: this process holds at most a few
partitions' findings at a time (``IN_FLIGHT`` per worker), never the texts of
more than the partition it reads itself."""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from ..errors import InputError
from ..findings import Level
from ..linter import Linter
from .readers import DEFAULT_PARTITION_SIZE, Partition, plan
from .records import Columns
from .work import PartitionResult, RecordError, iter_partition, lint_partition, peak_rss_kib
from .writers import Writer

if TYPE_CHECKING:
    from concurrent.futures import Future

#: Partitions in flight per worker.
IN_FLIGHT = 2


@dataclass
class ArchiveSummary:
    stories: int = 0
    findings: int = 0
    by_rule: Counter = field(default_factory=Counter)
    by_level: Counter = field(default_factory=Counter)
    stories_by_year: Counter = field(default_factory=Counter)
    findings_by_year: Counter = field(default_factory=Counter)
    #: Malformed records and internal errors.
    record_errors: int = 0
    internal_errors: int = 0
    #: Inputs that could not be read at all.
    input_errors: list[InputError] = field(default_factory=list)
    partitions: int = 0
    #: Peak resident memory (KiB) of every process that linted, by process id.
    peak_rss_kib: dict[int, int] = field(default_factory=dict)

    def add(self, result: PartitionResult) -> None:
        self.partitions += 1
        self.stories += result.stories
        self.findings += len(result.findings)
        for record in result.findings:
            self.by_rule[record["rule"]] += 1
            self.by_level[record["level"]] += 1
        self.stories_by_year.update(result.stories_by_year)
        self.findings_by_year.update(result.findings_by_year)
        self.record_errors += len(result.errors)
        self.internal_errors += sum(error.internal for error in result.errors)
        if result.pid:
            self.peak_rss_kib[result.pid] = max(self.peak_rss_kib.get(result.pid, 0),
                                                result.peak_rss_kib)

    def exit_code(self, fail_level: Level) -> int:
        """As ``copylint check``: 3 internal error, 2 unreadable input or
        malformed record, 1 findings at ``fail_level`` or above, else 0."""
        if self.internal_errors:
            return 3
        if self.input_errors or self.record_errors:
            return 2
        if any(Level.parse(name) >= fail_level for name in self.by_level):
            return 1
        return 0


def run_archive(inputs: Iterable[Path | str], writer: Writer, linter: Linter | None = None,
                columns: Columns | None = None, *, jobs: int = 1, scheduler: str | None = None,
                workers: int | None = None, partition_size: int = DEFAULT_PARTITION_SIZE,
                on_error: Callable[[RecordError | InputError], None] | None = None,
                progress: Callable[[int], None] | None = None,
                on_plan: Callable[[list[Partition]], None] | None = None) -> ArchiveSummary:
    """Lint every story of ``inputs`` and write the finding records to ``writer``.

    ``jobs`` > 1 lints in that many worker processes; ``scheduler`` (``local``
    or a Dask scheduler address such as ``tcp://host:8786``) lints on Dask
    instead (``workers``: the local cluster's size).  The output is the same
    whatever the mode.  ``on_error`` is called with each unreadable input
    and malformed record as it is met, ``progress`` with the bytes of each
    partition done, ``on_plan`` with the partitions before the run starts."""
    linter = linter or Linter()
    columns = columns or Columns()
    summary = ArchiveSummary()
    partitions = plan(list(inputs), columns, partition_size, summary.input_errors)
    if on_error is not None:
        for error in summary.input_errors:
            on_error(error)
    if on_plan is not None:
        on_plan(partitions)
    if scheduler is not None:
        from .dask import lint_on_dask

        results: Iterator[PartitionResult] = lint_on_dask(partitions, linter, columns, scheduler,
                                                         workers)
    elif jobs > 1 and len(partitions) > 1:
        results = _lint_in_pool(partitions, linter, columns, jobs)
    else:
        results = _lint_here(partitions, linter, columns, writer, on_error, progress, summary)
    for result in results:
        writer.write(result.findings)
        summary.add(result)
        if on_error is not None:
            for error in result.errors:
                on_error(error)
        if progress is not None:
            progress(result.size)
    return summary


def _lint_here(partitions: list[Partition], linter: Linter, columns: Columns, writer: Writer,
               on_error: Callable[[Any], None] | None, progress: Callable[[int], None] | None,
               summary: ArchiveSummary) -> Iterator[PartitionResult]:
    """In this process, streaming: findings are written story by story (a
    single gzip file is one partition however large it is)."""
    import os

    linter.compile()
    for partition in partitions:
        result = PartitionResult(size=partition.size)
        for event in iter_partition(linter, partition, columns):
            if isinstance(event, RecordError):
                result.errors.append(event)
                if on_error is not None:
                    on_error(event)
                continue
            records, year = event
            writer.write(records)
            result.stories += 1
            result.stories_by_year[year] += 1
            result.findings_by_year[year] += len(records)
            for record in records:
                summary.by_rule[record["rule"]] += 1
                summary.by_level[record["level"]] += 1
            summary.findings += len(records)
        errors, result.errors = result.errors, []  # already reported
        summary.record_errors += len(errors)
        summary.internal_errors += sum(error.internal for error in errors)
        result.pid, result.peak_rss_kib = os.getpid(), peak_rss_kib()
        yield result  # counted by run_archive; its findings were written above


# -- a local process pool (the pattern of copylint.engine.parallel) ----------------------
_worker: tuple[Linter, Columns] | None = None


def _start_worker(linter: Linter, columns: Columns) -> None:
    global _worker
    _worker = (linter.compile(), columns)


def _lint_in_worker(partition: Partition) -> PartitionResult:
    assert _worker is not None
    return lint_partition(_worker[0], partition, _worker[1])


def _lint_in_pool(partitions: list[Partition], linter: Linter, columns: Columns,
                  jobs: int) -> Iterator[PartitionResult]:
    from concurrent.futures import ProcessPoolExecutor

    linter.compile()  # compiled here, a forked worker inherits it
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker,
                             initargs=(linter, columns)) as pool:
        pending: "deque[Future[PartitionResult]]" = deque()
        for partition in partitions:
            pending.append(pool.submit(_lint_in_worker, partition))
            if len(pending) >= jobs * IN_FLIGHT:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
