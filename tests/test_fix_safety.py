"""--fix cannot lose a byte: a run killed at any moment leaves every file
either untouched or fully fixed; non-text files are never rewritten."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from copylint import default_rules
from copylint.cli import main
from copylint.fixes.apply import fix_text

ROOT = Path(__file__).resolve().parent.parent
# Three stories with many fixable problems each (and one that is never fixed:
# the attribution order is a suggestion), in three line-ending styles.
PARAGRAPH = ("Shelling hit Kiev overnight. . The the governor said Ukrainian early on Monday "
             "that power was back in Odessa,, and Kharkov. ")
STORIES = [
    (PARAGRAPH * 40 + "\n").encode(),
    ("\ufeff" + (PARAGRAPH + "\r\n") * 40).encode(),
    (PARAGRAPH + "\r") .encode() * 40,
]


def expected_fixed(data: bytes) -> bytes:
    text = data.decode("utf-8")
    return fix_text(text, default_rules()).text.encode("utf-8")


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_killed_fix_run_leaves_every_file_original_or_fully_fixed(tmp_path: Path):
    fixed = {story: expected_fixed(story) for story in STORIES}
    assert all(fixed[s] != s for s in STORIES)
    content = tmp_path / "content"
    content.mkdir()
    originals = {}
    for i in range(60):
        path = content / f"story{i:02}.txt"
        path.write_bytes(STORIES[i % 3])
        originals[path] = STORIES[i % 3]

    def state() -> tuple[int, int]:
        done = untouched = 0
        for path, original in originals.items():
            data = path.read_bytes()
            if data == fixed[original]:
                done += 1
            elif data == original:
                untouched += 1
            else:
                pytest.fail(f"{path.name} is neither original nor fully fixed ({len(data)} bytes)")
        return done, untouched

    kills = 0
    for _ in range(4):  # kill each run as soon as it has written something new
        before, _ = state()
        proc = subprocess.Popen([sys.executable, "-m", "copylint", "fix", str(content)],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if sum(1 for p in originals if p.stat().st_size != len(originals[p])) > before:
                proc.send_signal(signal.SIGKILL)
                kills += 1
                break
            time.sleep(0.002)
        proc.wait(timeout=60)
        done, untouched = state()  # every file whole, after every kill
    assert kills >= 2, "the runs finished before they could be killed"
    assert 0 < done < len(originals)  # the kills did land mid-run
    # The next run completes the job.
    proc = subprocess.run([sys.executable, "-m", "copylint", "fix", str(content)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert "Traceback" not in proc.stdout + proc.stderr
    assert state() == (len(originals), 0)
    # A kill can orphan a temporary file; it is hidden (never linted) and named for copylint.
    leftovers = [p.name for p in content.iterdir() if p not in originals]
    assert all(name.startswith(".story") and name.endswith(".copylint-tmp") for name in leftovers)
    # Fixing again changes nothing.
    result = CliRunner().invoke(main, ["fix", str(content)])
    assert "Traceback" not in result.output and state() == (len(originals), 0)


def test_fix_never_rewrites_non_text_or_undecodable_files(tmp_path: Path):
    binary = tmp_path / "late-nul.txt"
    binary.write_bytes(b"Shelling hit Kiev. . " * 1000 + b"\x00")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\u00e9 in Kiev. .\n".encode("latin-1"))
    utf32 = tmp_path / "utf32.txt"
    utf32.write_bytes("Shelling hit Kiev. .\n".encode("utf-32"))
    before = {p: p.read_bytes() for p in (binary, latin)}
    result = CliRunner().invoke(main, ["fix", str(tmp_path)])
    assert "Traceback" not in result.output
    assert {p: p.read_bytes() for p in before} == before
    assert result.exit_code == 2  # the Latin-1 file could not be read as UTF-8
    assert f"copylint: {binary}: binary file (NUL bytes), skipped" in result.stderr
    assert f"copylint: {latin}: not valid UTF-8 at byte 3" in result.stderr
    # a UTF-32 file is fixed and stays UTF-32, byte order mark included
    assert utf32.read_bytes() == "Shelling hit Kyiv.\n".encode("utf-32")


@pytest.mark.skipif(os.name != "posix", reason="FIFO")
def test_fix_does_not_block_on_a_fifo(tmp_path: Path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "copylint", "fix", str(fifo)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.stderr.splitlines() == [f"copylint: {fifo}: a FIFO, not a regular file, skipped"]
    assert proc.returncode == 0 and "Traceback" not in proc.stdout


class Killed(BaseException):
    """Stands for SIGKILL at one precise step (not an Exception: nothing may catch it)."""


@pytest.mark.parametrize("step", ["write", "fsync", "chmod", "replace"])
def test_a_crash_at_any_step_of_writing_leaves_the_original(tmp_path: Path, monkeypatch, step: str):
    from copylint.fixes.files import fix_paths

    story = tmp_path / "story.txt"
    story.write_bytes(STORIES[1])
    real_fdopen = os.fdopen

    def crash(*args, **kwargs):
        raise Killed(step)

    if step == "write":
        def half_writer(fd, *args, **kwargs):
            handle = real_fdopen(fd, *args, **kwargs)
            real_write = handle.write

            def write(data):
                real_write(data[: len(data) // 2])
                handle.flush()
                raise Killed(step)

            handle.write = write
            return handle

        monkeypatch.setattr(os, "fdopen", half_writer)
    else:
        monkeypatch.setattr(os, step, crash)
    with pytest.raises(Killed):
        fix_paths([story], default_rules())
    monkeypatch.undo()
    assert story.read_bytes() == STORIES[1]
    fix_paths([story], default_rules())  # the next run fixes it in full
    assert story.read_bytes() == expected_fixed(STORIES[1])
