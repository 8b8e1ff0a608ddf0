"""Linting one partition: what this process, a pool worker or a Dask worker does.

``iter_partition`` streams (for a run in this process); ``lint_partition``
collects one partition's results into a :class:`PartitionResult`, a small
picklable value sent back to whoever writes the output."""

from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterator

from ..errors import CopylintError
from ..linter import Linter, to_record
from .readers import Partition, read_rows
from .records import Columns, MalformedRecord, extract


@dataclass
class RecordError:
    """A record that could not be linted (``internal``: a bug in copylint)."""

    source: str
    line: int
    id: Any
    problem: str
    internal: bool = False

    def __str__(self) -> str:
        who = f"id {self.id!r}: " if self.id is not None else ""
        return f"{self.source}:{self.line}: {who}{self.problem}"


@dataclass
class PartitionResult:
    findings: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)
    stories: int = 0
    stories_by_year: Counter = field(default_factory=Counter)
    findings_by_year: Counter = field(default_factory=Counter)
    size: int = 0
    #: The process that linted it and its peak resident memory so far (KiB).
    pid: int = 0
    peak_rss_kib: int = 0


#: One event of a partition: a story's finding records and year, or an error.
Event = tuple[list[dict[str, Any]], int | None] | RecordError


def iter_partition(linter: Linter, partition: Partition, columns: Columns) -> Iterator[Event]:
    """For each record of ``partition``: its finding records (ordered by text
    column, then position) and year, or a :class:`RecordError`."""
    source = partition.path
    check_surrogates = partition.kind != "parquet"  # Arrow strings are valid UTF-8
    for line, row, problem in read_rows(partition, columns):
        if problem is not None:
            yield RecordError(source, line, None, problem)
            continue
        try:
            story = extract(row, columns, check_surrogates)
        except MalformedRecord as exc:
            yield RecordError(source, line, exc.record_id, exc.problem)
            continue
        records: list[dict[str, Any]] = []
        try:
            for name, text in story.texts:
                for finding in linter.findings(text, story.fmt):
                    record = to_record(story.id, finding)
                    record["field"] = name
                    records.append(record)
        except CopylintError as exc:
            yield RecordError(source, line, story.id, str(exc))
            continue
        except Exception as exc:  # a bug: report it for this story, lint the others
            if os.environ.get("COPYLINT_DEBUG"):
                raise
            yield RecordError(source, line, story.id,
                              f"internal error: {type(exc).__name__}: {' '.join(str(exc).split())} "
                              "(please report this; set COPYLINT_DEBUG=1 for a traceback)", True)
            continue
        yield records, story.year


def lint_partition(linter: Linter, partition: Partition, columns: Columns) -> PartitionResult:
    """Lint a whole partition (in a worker) and return what the writer needs."""
    result = PartitionResult(size=partition.size)
    for event in iter_partition(linter, partition, columns):
        if isinstance(event, RecordError):
            result.errors.append(event)
            continue
        records, year = event
        result.stories += 1
        result.findings.extend(records)
        result.stories_by_year[year] += 1
        result.findings_by_year[year] += len(records)
    result.pid, result.peak_rss_kib = os.getpid(), peak_rss_kib()
    return result


def peak_rss_kib() -> int:
    """This process's peak resident memory in KiB (0 where unknown): Linux's
    ``VmHWM`` (``ru_maxrss`` would carry the peak of a parent across exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
    except ImportError:  # Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak
