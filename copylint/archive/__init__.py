"""Auditing archives of stories (JSON lines, Parquet) rather than files:
:func:`run_archive` locally or on Dask, :mod:`.dask` for a Dask dataframe.
See docs/archives.md."""

from __future__ import annotations

from .readers import DEFAULT_PARTITION_SIZE, Partition, plan
from .records import Columns, MalformedRecord
from .runner import ArchiveSummary, run_archive
from .work import RecordError
from .writers import OUTPUT_KEYS, open_writer

__all__ = ["ArchiveSummary", "Columns", "DEFAULT_PARTITION_SIZE", "MalformedRecord", "OUTPUT_KEYS",
           "Partition", "RecordError", "open_writer", "plan", "run_archive"]
