"""copylint.Linter and ``copylint archive`` over JSON lines (Parquet: test_archive_parquet.py)."""

from __future__ import annotations

import gzip
import json
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive_stories import (KEYS, archive_records, check_records, read_jsonl, stories,
                             write_files, write_jsonl)
from copylint import Linter, lint_paths
from copylint.archive import Columns, open_writer, plan, run_archive
from copylint.cli import main
from copylint.engine.linting import _ENGINES
from copylint.config.model import Config

ROWS = stories(60)


def run_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["archive", "--no-config", *args])
    return result.exit_code, result.stderr if hasattr(result, "stderr") else result.output


@pytest.fixture(scope="module")
def check_findings(tmp_path_factory) -> list[tuple]:
    folder = write_files(tmp_path_factory.mktemp("files"), ROWS)
    return check_records(lint_paths([folder], config=Config(), jobs=1).findings)


# -- the batch API -------------------------------------------------------------------
def test_lint_texts_gives_the_findings_of_check_on_the_same_stories(check_findings) -> None:
    linter = Linter()
    records = list(linter.lint_texts((row["id"], row["body"], row["format"]) for row in ROWS))
    assert records and set(records[0]) == {k for k in KEYS if k != "field"}
    assert sorted((r["id"], "body") + tuple(r[k] for k in KEYS[2:]) for r in records) == check_findings


def test_lint_texts_records_are_plain_and_ordered() -> None:
    records = list(Linter().lint_texts([("a", "The mayor of Kiev left,, early."), ("b", "Fine.")]))
    assert [(r["id"], r["rule"], r["column"]) for r in records] == [
        ("a", "places.kyiv", 14), ("a", "punctuation.doubled-comma", 23)]
    assert records[0]["fix"] == "Kyiv" and records[0]["fix_applicability"] == "safe"
    assert json.loads(json.dumps(records)) == records  # plain values only


def test_linter_pickles_without_its_engine_and_reuses_the_compiled_one() -> None:
    linter = Linter(min_level="warning").compile()
    data = pickle.dumps(linter)
    assert b"Engine" not in data  # the compiled engine is not shipped
    again = pickle.loads(data)
    assert again.rules is linter.rules and again.rules in _ENGINES  # same hash: cached
    assert again.min_level == linter.min_level
    text = [("x", "It it was the the end.")]
    assert list(again.lint_texts(text)) == list(linter.lint_texts(text))


def test_linter_settings_change_the_hash_and_the_findings() -> None:
    everything, selected = Linter(), Linter(config=Config(select=["places.*"]))
    assert everything.key != selected.key
    rules = {r["rule"] for r in selected.lint_texts([("x", "In Kiev it it rained,, again.")])}
    assert rules == {"places.kyiv"}


def test_lint_texts_rejects_a_text_that_is_not_a_string() -> None:
    with pytest.raises(TypeError):
        list(Linter().lint_texts([("x", 42)]))


# -- the command ----------------------------------------------------------------------
def test_archive_jsonl_matches_check_and_is_the_same_with_two_jobs(tmp_path, check_findings) -> None:
    archive = write_jsonl(tmp_path / "stories.jsonl", ROWS)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    code, _ = run_cli(str(archive), "-o", str(one), "--format-column", "format", "-j", "1")
    assert code == 1  # findings at error level
    code, _ = run_cli(str(archive), "-o", str(two), "--format-column", "format", "-j", "2",
                      "--partition-size", "2K")
    assert code == 1
    assert len(plan([archive], Columns(), 2048)) > 3
    assert one.read_bytes() == two.read_bytes()  # same order too
    assert archive_records(read_jsonl(one)) == check_findings


def test_partitions_cover_every_line_once(tmp_path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", ROWS)
    for size in (1, 100, 999, 4096, 10 ** 9):
        parts = plan([archive], Columns(), size)
        assert parts[0].start == 0 and parts[-1].end == archive.stat().st_size
        assert all(a.end == b.start for a, b in zip(parts, parts[1:]))
        lines = archive.read_bytes().split(b"\n")
        for part in parts:
            assert lines[part.first_line - 1].startswith(b'{"id"')


def test_two_text_columns_each_position_counts_in_its_own_column(tmp_path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", [
        {"id": 1, "headline": "Talks in Kiev", "body": "Line one.\nThe the end."}])
    out = tmp_path / "out.jsonl"
    code, _ = run_cli(str(archive), "-o", str(out), "--text-column", "headline",
                      "--text-column", "body")
    found = [(r["field"], r["line"], r["column"], r["rule"]) for r in read_jsonl(out)]
    assert ("headline", 1, 10, "places.kyiv") in found
    assert any(f[0] == "body" and f[1] == 2 and f[2] == 1 for f in found)


def test_malformed_records_are_reported_with_id_and_line_and_the_run_goes_on(tmp_path) -> None:
    archive = tmp_path / "bad.jsonl"
    archive.write_bytes(b"\n".join([
        b'{"id": "ok1", "body": "The mayor of Kiev spoke."}',
        b'{"id": "nobody", "headline": "x"}',
        b'{"id": "num", "body": 12}',
        b'{"id": "bytes", "body": "caf\xe9 au lait"}',
        b'{"id": "lone", "body": "bad \\ud800 escape"}',
        b'[1, 2]',
        b'{"id": ',
        b'',
        b'{"id": "ok2", "body": "Back in Kiev."}',
    ]) + b"\n")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["archive", "--no-config", str(archive), "-o", str(out)])
    assert result.exit_code == 2
    err = result.stderr
    assert f"{archive}:2: id 'nobody': missing column 'body'" in err
    assert f"{archive}:3: id 'num': column 'body' is a number, not a string" in err
    assert f"{archive}:4: invalid UTF-8" in err
    assert f"{archive}:5: id 'lone': column 'body' is not valid UTF-8" in err
    assert f"{archive}:6: a record must be an object" in err
    assert f"{archive}:7: not valid JSON" in err
    assert [(r["id"], r["rule"]) for r in read_jsonl(out)] == [("ok1", "places.kyiv"),
                                                              ("ok2", "places.kyiv")]
    assert "2 stories, 2 findings, 6 records or inputs not linted" in err


def test_gzip_in_and_out_and_summary_by_year(tmp_path) -> None:
    archive = tmp_path / "a.jsonl.gz"
    with gzip.open(archive, "wt", encoding="utf-8") as stream:
        for row in ROWS[:20]:
            stream.write(json.dumps(row) + "\n")
    out = tmp_path / "out.jsonl.gz"
    result = CliRunner().invoke(main, ["archive", "--no-config", str(archive), "-o", str(out),
                                       "--date-column", "date", "--min-level", "warning"])
    assert result.exit_code in (0, 1)
    records = [json.loads(line) for line in gzip.open(out, "rt", encoding="utf-8")]
    assert records and all(r["level"] != "suggestion" for r in records)
    assert "2016" in result.stderr and "2019" in result.stderr and "per story" in result.stderr
    assert f"20 stories, {len(records)} findings" in result.stderr


def test_clean_archive_exits_0_and_unreadable_inputs_exit_2(tmp_path) -> None:
    clean = write_jsonl(tmp_path / "c.jsonl", [{"id": 1, "body": "The council met on Monday."}])
    out = tmp_path / "o.jsonl"
    assert run_cli(str(clean), "-o", str(out))[0] == 0 and out.read_text() == ""
    result = CliRunner().invoke(main, ["archive", "--no-config", str(clean), str(tmp_path / "no.jsonl"),
                                       str(tmp_path / "x.csv"), "-o", str(out)])
    assert result.exit_code == 2
    assert "no.jsonl: no such file" in result.stderr and "x.csv: not an archive" in result.stderr


def test_stdout_output_and_quiet(tmp_path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", [{"id": 7, "body": "In Kiev."}])
    result = CliRunner().invoke(main, ["archive", "--no-config", "-q", str(archive), "-o", "-"])
    assert result.exit_code == 0  # a warning, below the default fail level
    assert json.loads(result.stdout)["id"] == 7 and result.stderr == ""


def test_run_archive_api_reports_memory_per_process(tmp_path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", ROWS)
    out = tmp_path / "o.jsonl"
    writer = open_writer(out)
    summary = run_archive([archive], writer, Linter(), Columns(), jobs=1)
    writer.close()
    assert summary.stories == len(ROWS) and summary.findings == len(read_jsonl(out))
    assert summary.peak_rss_kib and all(v > 0 for v in summary.peak_rss_kib.values())


def test_usage_errors_exit_2(tmp_path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", ROWS[:2])
    out = str(tmp_path / "o.jsonl")
    for args in (["--workers", "2"], ["--scheduler", "tcp://127.0.0.1:1", "--workers", "2"],
                 ["--partition-size", "0"], ["--select", "no.such-rule"]):
        result = CliRunner().invoke(main, ["archive", "--no-config", str(archive), "-o", out, *args])
        assert result.exit_code == 2, args
        assert result.stderr.startswith("copylint: ") and "Traceback" not in result.stderr
