"""Finding records out: JSON lines (``.jsonl``, ``.jsonl.gz``, ``-`` for
standard output) or Parquet (``.parquet``), written as they come."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path
from typing import Any, Iterable, Protocol

from ..errors import InputError

#: Columns of the output, in order.
OUTPUT_KEYS = ("id", "field", "line", "column", "end_line", "end_column", "rule", "level",
               "message", "match", "suggestion", "fix", "fix_applicability")
#: Rows buffered before a Parquet row group is written.
PARQUET_ROWS = 50_000


class Writer(Protocol):
    def write(self, records: Iterable[dict[str, Any]]) -> None: ...

    def close(self) -> None: ...


def ordered(record: dict[str, Any]) -> dict[str, Any]:
    return {key: record.get(key) for key in OUTPUT_KEYS}


class JsonLinesWriter:
    def __init__(self, target: str) -> None:
        self.target = target
        if target == "-":
            self.stream: io.TextIOBase = sys.stdout
        elif target.lower().endswith(".gz"):
            self.stream = io.TextIOWrapper(gzip.open(target, "wb"), encoding="utf-8", newline="\n")
        else:
            self.stream = open(target, "w", encoding="utf-8", newline="\n")

    def write(self, records: Iterable[dict[str, Any]]) -> None:
        self.stream.writelines(json.dumps(ordered(r), ensure_ascii=False) + "\n" for r in records)

    def close(self) -> None:
        if self.stream is sys.stdout:
            self.stream.flush()
        else:
            self.stream.close()


class ParquetWriter:
    """Every column a string except the positions (int32); ``id`` is written
    as a string whatever its type in the input."""

    def __init__(self, target: str) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise InputError(target, "writing Parquet needs pyarrow: pip install 'copylint[parquet]'") from None
        self._pa = pa
        ints = {"line", "column", "end_line", "end_column"}
        self.schema = pa.schema([(key, pa.int32() if key in ints else pa.string())
                                 for key in OUTPUT_KEYS])
        self.writer = pq.ParquetWriter(target, self.schema, compression="zstd")
        self.buffer: list[dict[str, Any]] = []

    def write(self, records: Iterable[dict[str, Any]]) -> None:
        for record in records:
            row = ordered(record)
            row["id"] = None if row["id"] is None else str(row["id"])
            self.buffer.append(row)
        if len(self.buffer) >= PARQUET_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self.buffer:
            self.writer.write_table(self._pa.Table.from_pylist(self.buffer, schema=self.schema))
            self.buffer = []

    def close(self) -> None:
        self._flush()
        self.writer.close()


def open_writer(target: str | Path) -> Writer:
    """A writer for ``target``: Parquet for ``.parquet``/``.pq``, else JSON lines."""
    name = str(target)
    if name.lower().endswith((".parquet", ".pq")):
        return ParquetWriter(name)
    return JsonLinesWriter(name)
