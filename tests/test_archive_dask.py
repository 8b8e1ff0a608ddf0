"""Archives on a Dask cluster of two local worker processes: the same
findings as ``--jobs 2`` and as ``check``; a killed worker's partition is run
again, nothing lost or doubled; ``lint_dataframe``."""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner

distributed = pytest.importorskip("distributed")

from archive_stories import (archive_records, check_records, read_jsonl, stories,  # noqa: E402
                             write_files, write_jsonl)
from copylint import Linter, lint_paths  # noqa: E402
from copylint.archive import Columns, plan  # noqa: E402
from copylint.archive.dask import _submit, lint_dataframe  # noqa: E402
from copylint.archive.work import lint_partition  # noqa: E402
from copylint.cli import main  # noqa: E402
from copylint.config.model import Config  # noqa: E402

ROWS = stories(48, seed=11)


@pytest.fixture(scope="module")
def client():
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import tests/
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=50)
    with distributed.Client(cluster) as dask_client:
        yield dask_client
    cluster.close()


def test_dask_findings_equal_jobs_2_and_check(client, tmp_path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", ROWS)
    outputs = {}
    for mode in (["-j", "2"], ["--scheduler", client.scheduler.address]):
        out = tmp_path / f"{mode[0].strip('-')}.jsonl"
        result = CliRunner().invoke(main, ["archive", "--no-config", str(archive), "-o", str(out),
                                           "--format-column", "format", "--partition-size", "1K",
                                           *mode])
        assert result.exit_code == 1, result.stderr
        assert f"{len(ROWS)} stories" in result.stderr
        outputs[mode[0]] = out.read_bytes()
    assert outputs["-j"] == outputs["--scheduler"]
    files = write_files(tmp_path / "files", ROWS)
    checked = check_records(lint_paths([files], config=Config(), jobs=1).findings)
    assert archive_records(read_jsonl(tmp_path / "scheduler.jsonl")) == checked


def die_once(linter, partition, columns, markers=""):
    """Kill the worker process once, the first time a partition after the first comes."""
    marker = Path(markers) / "killed"
    if partition.first_line > 1 and not marker.exists():
        marker.write_text("killed")
        os._exit(1)
    return lint_partition(linter, partition, columns)


def test_a_killed_workers_partition_is_run_again_nothing_lost_or_doubled(client, tmp_path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", ROWS)
    parts = plan([archive], Columns(), 4096)
    assert len(parts) >= 3
    markers = tmp_path / "markers"
    markers.mkdir()
    linter = Linter()
    expected = [r for p in parts for r in lint_partition(linter, p, Columns()).findings]
    results = list(_submit(client, parts, linter, Columns(),
                           task=partial(die_once, markers=str(markers))))
    assert (markers / "killed").exists()  # a worker was killed
    assert [r for result in results for r in result.findings] == expected
    assert sum(result.stories for result in results) == len(ROWS)


def test_lint_dataframe_matches_lint_texts(client) -> None:
    import dask.dataframe as dd
    import pandas as pd

    frame = pd.DataFrame([{"id": r["id"], "body": r["body"]} for r in ROWS]
                         + [{"id": None, "body": "In Kiev."}])
    findings = lint_dataframe(dd.from_pandas(frame, npartitions=3), text="body", id="id").compute()
    malformed = findings[findings["rule"] == "copylint.malformed-record"]
    assert list(malformed["message"]) == ["the id ('id') is null, not a string or an integer"]
    found = findings[findings["rule"] != "copylint.malformed-record"].to_dict("records")
    expected = [dict(r, field="body") for r in Linter().lint_texts((r["id"], r["body"]) for r in ROWS)]
    assert archive_records(found) == archive_records(expected)
