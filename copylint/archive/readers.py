"""Archive inputs split into partitions that a worker reads by itself.

* plain JSON lines (``.jsonl``, ``.ndjson``): byte ranges of about
  ``partition_size`` bytes, cut after a newline;
* gzip JSON lines (``.jsonl.gz``): one partition per file (gzip cannot be
  entered in the middle);
* Parquet (``.parquet``, ``.pq``): one partition per row group.

Planning reads Parquet footers and, for plain JSON lines, counts newlines once
(so that every partition knows the line number it starts at); it never holds
more than one block of a file.  A partition is a small picklable value: a
process pool or a Dask worker opens the file itself."""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from ..errors import InputError
from .records import Columns

DEFAULT_PARTITION_SIZE = 4 * 1024 * 1024
_BLOCK = 1 << 20
#: Rows converted to Python at a time when reading a Parquet row group.
PARQUET_BATCH = 1024


@dataclass(frozen=True)
class Partition:
    path: str
    kind: str  # "jsonl", "jsonl.gz" or "parquet"
    #: jsonl: byte range [start, end); parquet: start is the row group.
    start: int = 0
    end: int = -1
    #: Line (JSON lines) or row (Parquet) number of the partition's first record, 1-based.
    first_line: int = 1
    #: Bytes on disk (for the progress bar).
    size: int = 0


def input_kind(path: str) -> str | None:
    name = path.lower()
    if name.endswith((".jsonl.gz", ".ndjson.gz", ".json.gz")):
        return "jsonl.gz"
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    return None


def plan(paths: list[Path | str], columns: Columns,
         partition_size: int = DEFAULT_PARTITION_SIZE,
         errors: list[InputError] | None = None) -> list[Partition]:
    """The partitions of ``paths`` in order; an input that cannot be read
    (missing, unknown type, a Parquet file without a needed column) goes to
    ``errors`` (or is raised when ``errors`` is None)."""
    partitions: list[Partition] = []
    for given in paths:
        path = os.path.abspath(given)
        try:
            kind = input_kind(path)
            if kind is None:
                raise InputError(str(given), "not an archive (expected .jsonl, .jsonl.gz or .parquet)")
            if not os.path.isfile(path):
                raise InputError(str(given), "no such file" if not os.path.exists(path) else "not a file")
            if kind == "jsonl":
                partitions.extend(_plan_jsonl(path, partition_size))
            elif kind == "jsonl.gz":
                partitions.append(Partition(path, kind, size=os.path.getsize(path)))
            else:
                partitions.extend(_plan_parquet(path, str(given), columns))
        except OSError as exc:
            error = InputError(str(given), exc.strerror or str(exc))
            if errors is None:
                raise error from None
            errors.append(error)
        except InputError as exc:
            if errors is None:
                raise
            errors.append(exc)
    return partitions


def _plan_jsonl(path: str, partition_size: int) -> list[Partition]:
    size = os.path.getsize(path)
    cuts = [(0, 1)]  # (byte offset, line number) of each partition's start
    target = partition_size
    position = lines = 0
    with open(path, "rb") as stream:
        while block := stream.read(_BLOCK):
            while target < position + len(block):
                found = block.find(b"\n", max(target - position, 0))
                if found < 0:
                    break
                cut = position + found + 1
                if cut < size:
                    cuts.append((cut, lines + block.count(b"\n", 0, found + 1) + 1))
                target = cut + partition_size
            lines += block.count(b"\n")
            position += len(block)
    ends = [start for start, _ in cuts[1:]] + [size]
    return [Partition(path, "jsonl", start, end, line, end - start)
            for (start, line), end in zip(cuts, ends)]


def _plan_parquet(path: str, given: str, columns: Columns) -> list[Partition]:
    try:
        import pyarrow.parquet as pq
        import pyarrow.types as pat
    except ImportError:
        raise InputError(given, "reading Parquet needs pyarrow: pip install 'copylint[parquet]'") from None
    try:
        metadata = pq.ParquetFile(path).metadata
        schema = pq.read_schema(path)
    except (OSError, ValueError) as exc:  # pyarrow raises ArrowInvalid (a ValueError) on a bad file
        raise InputError(given, f"not a readable Parquet file ({' '.join(str(exc).split())})") from None
    for name in [columns.id, *columns.text]:
        if name not in schema.names:
            raise InputError(given, f"no column '{name}' (columns: {', '.join(schema.names)})")
    for name in columns.text:
        kind = schema.field(name).type
        if not (pat.is_string(kind) or pat.is_large_string(kind) or pat.is_null(kind)):
            raise InputError(given, f"column '{name}' holds {kind}, not strings")
    partitions = []
    row = 1
    for index in range(metadata.num_row_groups):
        group = metadata.row_group(index)
        partitions.append(Partition(path, "parquet", index, -1, row, group.total_byte_size))
        row += group.num_rows
    return partitions


# -- reading ---------------------------------------------------------------------
Row = tuple[int, Any, str | None]  # (line, the row as a dict or None, problem or None)


def read_rows(partition: Partition, columns: Columns) -> Iterator[Row]:
    """The rows of ``partition``: ``(line, row, None)``, or ``(line, None,
    problem)`` for a line that is not a JSON object in valid UTF-8.  Blank
    lines are skipped (their line numbers still count)."""
    if partition.kind == "parquet":
        yield from _read_parquet(partition, columns)
    elif partition.kind == "jsonl.gz":
        with gzip.open(partition.path, "rb") as stream:
            yield from _parse_lines(stream, partition.first_line, None)
    else:
        with open(partition.path, "rb") as stream:
            stream.seek(partition.start)
            yield from _parse_lines(stream, partition.first_line, partition.end - partition.start)


def _parse_lines(stream, first_line: int, length: int | None) -> Iterator[Row]:
    consumed = 0
    line = first_line - 1
    for raw in stream:
        line += 1
        consumed += len(raw)
        if raw.strip():
            yield _parse_line(raw, line)
        if length is not None and consumed >= length:
            break


def _parse_line(raw: bytes, line: int) -> Row:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return line, None, f"invalid UTF-8 at byte {exc.start + 1} of the line"
    try:
        return line, json.loads(text), None
    except json.JSONDecodeError as exc:
        return line, None, f"not valid JSON ({exc.msg} at column {exc.colno})"
    except RecursionError:
        return line, None, "not valid JSON (nested too deeply)"


def _read_parquet(partition: Partition, columns: Columns) -> Iterator[Row]:
    import pyarrow.parquet as pq

    source = pq.ParquetFile(partition.path)
    wanted = [name for name in columns.needed if name in source.schema_arrow.names]
    line = partition.first_line
    # one thread: the other cores run the other workers (and Arrow's reading
    # threads double a worker's peak memory)
    for batch in source.iter_batches(batch_size=PARQUET_BATCH, row_groups=[partition.start],
                                     columns=wanted, use_threads=False):
        for row in batch.to_pylist():
            yield line, row, None
            line += 1
