"""``copylint archive`` with Parquet in and out (pyarrow)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from archive_stories import archive_records, read_jsonl, stories, write_jsonl  # noqa: E402
from copylint.archive import Columns, plan  # noqa: E402
from copylint.cli import main  # noqa: E402

ROWS = stories(40)


def write_parquet(path: Path, rows: list[dict], row_group_size: int = 8) -> Path:
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group_size)
    return path


def test_parquet_in_gives_the_jsonl_findings_one_partition_per_row_group(tmp_path) -> None:
    source = write_parquet(tmp_path / "a.parquet", ROWS)
    assert [p.start for p in plan([source], Columns())] == [0, 1, 2, 3, 4]
    assert [p.first_line for p in plan([source], Columns())] == [1, 9, 17, 25, 33]
    jsonl = write_jsonl(tmp_path / "a.jsonl", ROWS)
    out_p, out_j = tmp_path / "p.jsonl", tmp_path / "j.jsonl"
    for src, out, jobs in ((source, out_p, "2"), (jsonl, out_j, "1")):
        result = CliRunner().invoke(main, ["archive", "--no-config", str(src), "-o", str(out),
                                           "--format-column", "format", "-j", jobs,
                                           "--text-column", "headline", "--text-column", "body"])
        assert result.exit_code == 1, result.stderr
    assert out_p.read_bytes() == out_j.read_bytes() and out_p.stat().st_size > 0


def test_parquet_out_holds_the_same_records(tmp_path) -> None:
    source = write_jsonl(tmp_path / "a.jsonl", ROWS)
    out_p, out_j = tmp_path / "o.parquet", tmp_path / "o.jsonl"
    for out in (out_p, out_j):
        CliRunner().invoke(main, ["archive", "--no-config", str(source), "-o", str(out)])
    table = pq.read_table(out_p)
    assert table.schema.field("line").type == pa.int32()
    assert archive_records(table.to_pylist()) == archive_records(read_jsonl(out_j))


def test_parquet_rows_with_null_or_bad_values_and_files_without_the_column(tmp_path) -> None:
    source = write_parquet(tmp_path / "a.parquet", [
        {"id": "a", "body": "In Kiev.", "format": None},
        {"id": None, "body": "In Kiev.", "format": None},
        {"id": "c", "body": None, "format": None},
        {"id": "d", "body": "In Kiev.", "format": "docx"},
    ])
    wrong = write_parquet(tmp_path / "w.parquet", [{"id": 1, "text": "x"}])
    out = tmp_path / "o.jsonl"
    result = CliRunner().invoke(main, ["archive", "--no-config", str(source), str(wrong), "-o",
                                       str(out), "--format-column", "format"])
    assert result.exit_code == 2
    assert f"{source}:2: the id ('id') is null" in result.stderr
    assert f"{source}:4: id 'd': column 'format' is 'docx', not a format" in result.stderr
    assert f"{wrong}: no column 'body' (columns: id, text)" in result.stderr
    assert [r["id"] for r in read_jsonl(out)] == ["a"]  # c: a null body is an empty story
    assert "2 stories" in result.stderr
