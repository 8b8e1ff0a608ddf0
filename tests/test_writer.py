"""Safe writing of fixed files: encoding, BOM and line endings kept, atomic
replace with permissions kept, read-only and concurrently changed files left alone."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest

from copylint.errors import InputError
from copylint.fixes.writer import SourceFile, WriteError, decode_with_encoding, is_read_only

TEXT = "Crews in Kyiv worked. Ça va.\r\nNext line 🙂\rLast\n"


@pytest.mark.parametrize("raw", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    codecs.BOM_UTF8 + "\ufeffa second BOM is content".encode("utf-8"),
], ids=["utf8", "utf8-bom", "utf16le", "utf16be", "double-bom"])
def test_round_trip_is_byte_exact(tmp_path: Path, raw: bytes):
    path = tmp_path / "story.txt"
    path.write_bytes(raw)
    source = SourceFile.read(path)
    assert not source.text.startswith("\ufeff") or raw.count(codecs.BOM_UTF8) == 2
    source.write(source.text)
    assert path.read_bytes() == raw


def test_write_replaces_only_the_text_and_keeps_encoding(tmp_path: Path):
    path = tmp_path / "story.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"))
    source = SourceFile.read(path)
    source.write(source.text.replace("Kyiv", "Odesa"))
    assert path.read_bytes() == codecs.BOM_UTF16_LE + TEXT.replace("Kyiv", "Odesa").encode("utf-16-le")


def test_permissions_kept_and_no_temporary_file_left(tmp_path: Path):
    path = tmp_path / "story.txt"
    path.write_text("old\n")
    os.chmod(path, 0o640)
    inode = path.stat().st_ino
    SourceFile.read(path).write("new\n")
    assert path.read_text() == "new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.stat().st_ino != inode  # replaced by rename, not rewritten in place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]


def test_symlink_target_is_written_and_link_kept(tmp_path: Path):
    target = tmp_path / "real.txt"
    target.write_text("old\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    SourceFile.read(link).write("new\n")
    assert link.is_symlink() and target.read_text() == "new\n"


def test_read_only_file_is_reported_not_forced(tmp_path: Path):
    path = tmp_path / "story.txt"
    path.write_text("old\n")
    os.chmod(path, 0o444)
    assert is_read_only(path)
    with pytest.raises(WriteError, match="read-only file, not fixed"):
        SourceFile.read(path).write("new\n")
    assert path.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]


def test_file_changed_after_reading_is_not_overwritten(tmp_path: Path):
    path = tmp_path / "story.txt"
    path.write_text("old\n")
    source = SourceFile.read(path)
    path.write_text("an editor saved this meanwhile\n")
    with pytest.raises(WriteError, match="changed on disk"):
        source.write("new\n")
    assert path.read_text() == "an editor saved this meanwhile\n"


def test_same_size_same_mtime_change_is_caught_by_hash(tmp_path: Path):
    path = tmp_path / "story.txt"
    path.write_text("aaaa\n")
    source = SourceFile.read(path)
    info = path.stat()
    path.write_text("bbbb\n")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    with pytest.raises(WriteError, match="changed on disk"):
        source.write("new\n")


def test_unreadable_inputs_are_one_line_errors(tmp_path: Path):
    with pytest.raises(InputError, match="no such file or directory"):
        SourceFile.read(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        SourceFile.read(tmp_path)
    with pytest.raises(InputError, match="not valid UTF-8 at byte 3"):
        decode_with_encoding(b"caf\xe9", "x.txt")


def test_stale_temporaries_of_killed_runs_are_removed_live_ones_kept(tmp_path):
    import subprocess
    import sys

    from copylint.fixes.writer import SourceFile

    story = tmp_path / "story.txt"
    story.write_text("Shelling hit Kiev.\n", encoding="utf-8")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f".story.txt.{dead}.abcd1234.copylint-tmp"
    live = tmp_path / f".story.txt.{os.getpid()}.efgh5678.copylint-tmp"
    other = tmp_path / f".notes.txt.{dead}.abcd1234.copylint-tmp"
    for leftover in (stale, live, other):
        leftover.write_bytes(b"half-written")
    SourceFile.read(story).write("Shelling hit Kyiv.\n")
    assert story.read_text(encoding="utf-8") == "Shelling hit Kyiv.\n"
    assert not stale.exists()  # its process is gone
    assert live.exists() and other.exists()  # a running process's, and another file's
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".copylint-tmp")) == sorted(
        [live.name, other.name])
