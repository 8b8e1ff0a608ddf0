"""The same inputs give byte-identical output whatever order they are named in."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from click.testing import CliRunner

from copylint.cli import main


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Shelling hit Kiev. .\nThe the army said so.\n")
    (tmp_path / "sub" / "b.md").write_text("It ended. .\r\nZelensky met Zelenskyy.\r\n")
    (tmp_path / "sub" / "c.txt").write_bytes(b"caf\xe9\n")  # not UTF-8: an error line
    (tmp_path / "sub" / "d.txt").write_bytes(b"\x00\x01")  # binary: a note
    (tmp_path / "z.txt").write_text("Odessa, Kiev and Odessa again. .\n")
    return [str(tmp_path / "z.txt"), str(tmp_path / "sub"), str(tmp_path / "missing.txt"),
            str(tmp_path / "a.txt")]


def output(args: list[str]) -> tuple[int, bytes, bytes]:
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.stdout_bytes, result.stderr_bytes


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_output_is_identical_in_any_argument_order(inputs: list[str], fmt: str):
    outputs = {output(["check", "--no-color", "--format", fmt, *order])
               for order in itertools.permutations(inputs)}
    assert len(outputs) == 1
    ((code, stdout, stderr),) = outputs
    assert code == 2 and stdout and stderr.count(b"\n") == 3


def test_output_is_identical_when_a_file_is_also_named_inside_a_directory(inputs: list[str]):
    once = output(["check", *inputs])
    twice = output(["check", *inputs, inputs[1] + "/b.md", inputs[0]])
    assert once == twice


def test_output_is_identical_with_any_number_of_jobs(tmp_path: Path):
    from copylint.engine.parallel import SMALL_RUN

    for i in range(SMALL_RUN + 6):  # enough files for the worker pool to be used
        (tmp_path / f"story{i:03}.txt").write_text(
            "Shelling hit Kiev. .\n" if i % 3 else "Officials in Kyiv said so.\n")
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9\n")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01")
    (tmp_path / "huge.txt").write_text("x" * 2048)
    for fmt in ("text", "json"):
        runs = {output(["check", "--no-color", "--format", fmt, "--max-file-size", "1K",
                        "--jobs", str(jobs), str(tmp_path)]) for jobs in (1, 2, 3, 0)}
        assert len(runs) == 1, fmt
        ((code, stdout, stderr),) = runs
        assert code == 2
        assert stderr.decode().splitlines() == [
            f"copylint: {tmp_path / 'bad.txt'}: not valid UTF-8 at byte 3",
            f"copylint: {tmp_path / 'bin.txt'}: binary file (NUL bytes), skipped",
            f"copylint: {tmp_path / 'huge.txt'}: larger than the size limit (2048 > 1024 bytes), "
            "skipped (see --max-file-size)"]
        if fmt == "text":  # skipped notes keep their kind across the worker pool
            assert stdout.decode().endswith("1 file could not be linted. 2 files skipped.\n")
