"""Linting on a Dask cluster (``pip install 'copylint[dask]'``).

* :func:`lint_on_dask` (``copylint archive --scheduler``): one task per
  partition; the client sends each worker a partition's *name* (a path and a
  byte range or row group), the worker reads it itself, so the workers need
  the archive at the same path (a shared or network file system).  The
  linter is sent to the cluster once and compiled once per worker
  process.  A task whose worker dies is run again by Dask; the client takes
  each partition's result once, in archive order, so no finding is lost or
  doubled.
* :func:`lint_dataframe`, for a Dask dataframe you already hold: a dataframe
  of findings, one row per finding, partition by partition.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from ..linter import Linter
from .readers import Partition
from .records import Columns, MalformedRecord, extract
from .work import PartitionResult, lint_partition
from .writers import OUTPUT_KEYS

if TYPE_CHECKING:
    import pandas as pd

#: Partitions in flight per worker thread.
IN_FLIGHT = 2
#: Times Dask reruns a partition whose worker died (on top of its own allowed-failures).
RETRIES = 2


def _require() -> Any:
    try:
        import distributed
    except ImportError:
        raise RuntimeError("the Dask scheduler needs dask[distributed]: "
                           "pip install 'copylint[dask]'") from None
    return distributed


def connect(scheduler: str, workers: int | None = None) -> tuple[Any, Any]:
    """A Dask client: ``local`` starts a local cluster of ``workers``
    single-threaded worker processes (default: one per CPU), anything else is
    the address of a running scheduler.  Returns (client, cluster or None)."""
    distributed = _require()
    if scheduler == "local":
        from ..engine.parallel import cpu_count

        cluster = distributed.LocalCluster(n_workers=workers or cpu_count(), threads_per_worker=1,
                                           processes=True, dashboard_address=None,
                                           silence_logs=40)
        return distributed.Client(cluster), cluster
    return distributed.Client(scheduler), None


def lint_on_dask(partitions: list[Partition], linter: Linter, columns: Columns,
                 scheduler: str | Any, workers: int | None = None) -> Iterator[PartitionResult]:
    """The partitions' results in order, linted on ``scheduler`` (``local``, an
    address, or a :class:`distributed.Client`)."""
    distributed = _require()
    own = not isinstance(scheduler, distributed.Client)
    client, cluster = connect(scheduler, workers) if own else (scheduler, None)
    try:
        yield from _submit(client, partitions, linter, columns)
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()


def _submit(client: Any, partitions: list[Partition], linter: Linter,
            columns: Columns, task: Any = lint_partition) -> Iterator[PartitionResult]:
    threads = max(sum(client.nthreads().values()), 1)
    # the linter goes to the cluster once, as the result of a task (not
    # scattered data): a worker that dies holding it is not a lost input,
    # the scheduler computes it again; every worker fetches it once.
    shared = client.submit(_identity, linter, key=f"copylint-linter-{linter.key[:16]}")
    pending: deque[Any] = deque()
    for partition in partitions:
        pending.append(client.submit(task, shared, partition, columns, pure=False,
                                     retries=RETRIES))
        if len(pending) >= threads * IN_FLIGHT:
            yield _take(pending.popleft())
    while pending:
        yield _take(pending.popleft())


def _identity(value: Any) -> Any:
    return value


def _take(future: Any) -> PartitionResult:
    result = future.result()
    future.release()
    return result


# -- a dataframe you already hold ---------------------------------------------------
def lint_dataframe(ddf: Any, text: str | Sequence[str] = "body", id: str = "id",  # noqa: A002
                   *, linter: Linter | None = None, fmt: str = "text",
                   format_column: str | None = None) -> Any:
    """A Dask dataframe of the findings of ``ddf``'s stories, one row per
    finding with the columns of ``copylint archive``'s output (``id``,
    ``field``, ``line``, ``column``, ... ``fix_applicability``).  ``text``
    names one text column or several (each linted as its own document),
    ``id`` the id column.  Lazy, as Dask is: call ``.compute()`` or write it
    with ``.to_parquet()``.  A malformed row (a text that is not a string)
    gives one row with ``rule`` ``copylint.malformed-record`` and the problem
    as ``message``."""
    import pandas as pd

    columns = Columns(id=id, text=(text,) if isinstance(text, str) else tuple(text), fmt=fmt,
                      format_column=format_column)
    linter = linter or Linter()
    meta = pd.DataFrame({key: pd.Series(dtype="int64" if key in _INTS else "object")
                         for key in OUTPUT_KEYS})
    return ddf.map_partitions(_lint_pandas, linter, columns, meta=meta)


_INTS = ("line", "column", "end_line", "end_column")
MALFORMED_RULE = "copylint.malformed-record"


def _lint_pandas(frame: "pd.DataFrame", linter: Linter, columns: Columns) -> "pd.DataFrame":
    import pandas as pd

    rows: list[dict[str, Any]] = []
    names = [name for name in columns.needed if name in frame.columns]
    for values in frame[names].itertuples(index=False, name=None):
        row = {name: (None if _missing(value) else value) for name, value in zip(names, values)}
        try:
            story = extract(row, columns)
        except MalformedRecord as exc:
            rows.append({"id": exc.record_id, "rule": MALFORMED_RULE, "level": "error",
                         "message": exc.problem, "line": 0, "column": 0, "end_line": 0,
                         "end_column": 0})
            continue
        for name, body in story.texts:
            for record in linter.lint_record(story.id, body, story.fmt):
                record["field"] = name
                rows.append(record)
    out = pd.DataFrame([{key: row.get(key) for key in OUTPUT_KEYS} for row in rows],
                       columns=list(OUTPUT_KEYS))
    for key in _INTS:
        out[key] = out[key].astype("int64")
    return out


def _missing(value: Any) -> bool:
    try:
        import pandas as pd

        return value is None or (not isinstance(value, str) and bool(pd.isna(value)))
    except (TypeError, ValueError):
        return False
