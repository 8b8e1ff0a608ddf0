"""Every kind of bad input gets one line, a documented exit code, and the
other files are still linted.  Nothing here may produce a traceback."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from copylint import InputError, lint_file, lint_paths, lint_text
from copylint.cli import main
from copylint.inputs.files import ReadOptions, decode, read_text

ROOT = Path(__file__).resolve().parent.parent
STRAY = "It ended. .\n"  # one error: punctuation.stray-stop at 1:10
posix_only = pytest.mark.skipif(os.name != "posix", reason="needs POSIX file types")


def run(*args: str, input: bytes | None = None):
    result = CliRunner().invoke(main, list(args), input=input)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def errors_of(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("copylint: ")]


def deny(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """Make ``target`` unreadable: chmod for a normal user; root ignores
    permissions, so there the open is made to fail as the kernel would."""
    if os.geteuid() != 0:
        target.chmod(0)
        return
    real_open = os.open

    def fake_open(path, flags, *args, **kwargs):
        if os.path.abspath(path) == str(target):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)


# -- text that is fine but unusual -------------------------------------------

def test_empty_and_whitespace_only(tmp_path: Path):
    assert lint_text("") == []
    assert lint_text(" \n\t\r\n\r\r\n  \u00a0\u2003\n") == []
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \r\n\t\n\n")
    result = run("check", str(tmp_path))
    assert result.exit_code == 0 and "No problems found in 2 files." in result.stdout


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_columns_exact_with_every_line_ending(newline: str):
    text = newline.join(["First line.", "", "Shelling hit Kiev. .", "Then Kiev again."]) + newline
    found = [(f.rule, f.line, f.column, f.end_line, f.end_column) for f in lint_text(text)]
    assert found == [
        ("places.kyiv", 3, 14, 3, 18),
        ("punctuation.stray-stop", 3, 19, 3, 21),
        ("places.kyiv", 4, 6, 4, 10),
    ]


def test_mixed_line_endings():
    text = "One.\r\nTwo.\rThree Kiev.\nFour. .\r\n\rSix Kiev."
    found = [(f.match, f.line, f.column) for f in lint_text(text)]
    assert found == [("Kiev", 3, 7), (" .", 4, 6), ("Kiev", 6, 5)]


def test_columns_count_code_points():
    # 'Cafe' + COMBINING ACUTE is 5 code points, the thumbs-up with a skin
    # tone is 2, the family emoji (ZWJ sequence) is 5: columns count each.
    text = "Cafe\u0301 \U0001F44D\U0001F3FD \U0001F468\u200D\U0001F469\u200D\U0001F467 hit Kiev."
    (finding,) = lint_text(text)
    assert finding.column == 5 + 1 + 2 + 1 + 5 + 1 + 4 + 1 == 20
    assert text[finding.offset:finding.end_offset] == "Kiev"
    assert finding.end_column == 24


def test_byte_order_marks_do_not_shift_columns(tmp_path: Path):
    text = "Hit Kiev. .\n"
    for name, data in [("utf8.txt", b"\xef\xbb\xbf" + text.encode()),
                       ("le.txt", text.encode("utf-16")),  # BOM + little-endian
                       ("be.txt", b"\xfe\xff" + text.encode("utf-16-be")),
                       ("u32.txt", text.encode("utf-32"))]:
        (tmp_path / name).write_bytes(data)
        assert [(f.line, f.column) for f in lint_file(tmp_path / name)] == [(1, 5), (1, 10)], name


def test_single_line_over_a_megabyte(tmp_path: Path):
    line = "The the " + "quiet words " * 100_000 + "and then Kiev. ."
    big = tmp_path / "big.txt"
    big.write_text(line)
    found = {f.rule: (f.line, f.column) for f in lint_file(big)}
    assert found == {"repetition.words": (1, 1), "places.kyiv": (1, len(line) - 6),
                     "punctuation.stray-stop": (1, len(line) - 1)}


def test_fifty_megabyte_file_is_skipped_by_default_not_read(tmp_path: Path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # sparse: the size is checked before reading
    (tmp_path / "good.txt").write_text(STRAY)
    result = run("check", str(big), str(tmp_path / "good.txt"))
    assert result.exit_code == 1  # a skipped file is a note, not an error
    assert errors_of(result) == [
        f"copylint: {big}: larger than the size limit (52428800 > 10485760 bytes), "
        "skipped (see --max-file-size)"]
    assert "good.txt:1:10: error punctuation.stray-stop" in result.stdout
    # Raising the limit makes copylint read it (here: NUL bytes, so a binary note).
    raised = run("check", "--max-file-size", "60M", str(big))
    assert errors_of(raised) == [f"copylint: {big}: binary file (NUL bytes), skipped"]
    assert run("check", "--max-file-size", "ten", str(big)).exit_code == 2


# -- encodings ---------------------------------------------------------------

def test_invalid_utf8_names_the_byte_and_other_files_go_on(tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Kyiv said: ".encode() + b"caf\xe9. .\n")
    (tmp_path / "good.txt").write_text(STRAY)
    result = run("check", str(bad), str(tmp_path / "good.txt"))
    assert result.exit_code == 2
    assert errors_of(result) == [f"copylint: {bad}: not valid UTF-8 at byte 14"]
    assert "good.txt:1:10: error punctuation.stray-stop" in result.stdout
    assert "1 file could not be linted." in result.stdout
    with pytest.raises(InputError, match=r"bad\.txt: not valid UTF-8 at byte 14$"):
        read_text(bad)


def test_encoding_errors_replace_lints_with_replacement_characters(tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 in Kiev. .\n")
    result = run("check", "--encoding-errors", "replace", "--format", "json", str(bad))
    data = json.loads(result.stdout)
    assert [(f["match"], f["column"]) for f in data["findings"]] == [("Kiev", 9), (" .", 14)]
    assert result.exit_code == 1 and data["errors"] == []


def test_latin1_is_an_error_unless_asked_for(tmp_path: Path):
    story = tmp_path / "latin.txt"
    story.write_bytes("Le café à Kiev. .\n".encode("latin-1"))
    assert errors_of(run("check", str(story))) == [f"copylint: {story}: not valid UTF-8 at byte 6"]
    result = run("check", "--encoding", "latin-1", "--format", "json", str(story))
    assert [(f["match"], f["column"]) for f in json.loads(result.stdout)["findings"]] == [
        ("Kiev", 11), (" .", 16)]
    assert run("check", "--encoding", "klingon", str(story)).exit_code == 2


def test_decode_refuses_nul_anywhere_not_only_at_the_start():
    with pytest.raises(InputError, match="binary file"):
        decode(b"words " * 5000 + b"\x00", "late-nul.txt")
    with pytest.raises(InputError, match="not valid UTF-16 at byte"):
        decode(b"\xff\xfeK\x00\x00\xd8", "broken-utf16.txt")  # a lone surrogate
    assert decode(b"\xff\xfeK\x00\x00\xd8", "x", errors="replace") == "K\ufffd"


def test_binary_files_are_skipped_with_a_note(tmp_path: Path):
    (tmp_path / "a.txt").write_bytes(b"PK\x03\x04\x00\x00zip")
    (tmp_path / "b.txt").write_text("Officials in Kyiv said the talks would resume.\n")
    result = run("check", str(tmp_path))
    assert result.exit_code == 0
    assert errors_of(result) == [f"copylint: {tmp_path / 'a.txt'}: binary file (NUL bytes), skipped"]
    assert result.stdout.strip() == "No problems found in 1 file. 1 file skipped."
    data = json.loads(run("check", "--format", "json", str(tmp_path)).stdout)
    assert (data["files"], data["failed"], data["skipped"]) == (1, 0, 1)
    assert data["errors"] == [{"path": str(tmp_path / "a.txt"), "skipped": True,
                               "message": f"{tmp_path / 'a.txt'}: binary file (NUL bytes), skipped"}]


# -- paths that are not readable files ---------------------------------------

def test_permission_denied(tmp_path: Path, normal_user: list[str]):
    """Run as a normal user (see the ``normal_user`` fixture: as root, the
    right to read any file is dropped): an unreadable file named on the
    command line is reported and the other files are linted."""
    secret = tmp_path / "secret.txt"
    secret.write_text(STRAY)
    (tmp_path / "good.txt").write_text(STRAY)
    secret.chmod(0)
    result = subprocess.run([*normal_user, sys.executable, "-m", "copylint", "check", str(secret),
                             str(tmp_path / "good.txt")], capture_output=True, text=True, timeout=60,
                            cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT), "COPYLINT_NO_CACHE": "1"})
    assert "Traceback" not in result.stderr
    assert result.returncode == 2, result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("copylint: ")] == [
        f"copylint: {secret}: permission denied"]
    assert "good.txt:1:10:" in result.stdout


def test_unlistable_directory_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(STRAY)
    (tmp_path / "good.txt").write_text(STRAY)
    if os.geteuid() == 0:
        real_scandir = os.scandir

        def fake_scandir(path="."):
            if os.fspath(path) == str(locked):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", fake_scandir)
    else:
        locked.chmod(0)
    try:
        report = lint_paths([tmp_path])
    finally:
        locked.chmod(0o755)
    assert [str(e) for e in report.errors] == [f"{locked}: permission denied"]
    assert [f.path for f in report.findings] == [str(tmp_path / "good.txt")]


def test_missing_paths_and_directories_given_as_files(tmp_path: Path):
    (tmp_path / "good.txt").write_text(STRAY)
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(InputError, match=r"folder: is a directory$"):
        lint_file(folder)
    result = run("check", str(tmp_path / "missing.txt"), str(tmp_path / "good.txt" / "child.txt"),
                 str(tmp_path / "good.txt"))
    assert result.exit_code == 2
    assert errors_of(result) == [
        f"copylint: {tmp_path / 'good.txt' / 'child.txt'}: not a directory (a part of the path is a file)",
        f"copylint: {tmp_path / 'missing.txt'}: no such file or directory",
    ]
    assert "good.txt:1:10:" in result.stdout


@posix_only
def test_symlink_loops_and_dangling_links(tmp_path: Path):
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "ping.txt").symlink_to("pong.txt")
    (tmp_path / "pong.txt").symlink_to("ping.txt")
    (tmp_path / "dangling.txt").symlink_to("nowhere.txt")
    (tmp_path / "good.txt").write_text(STRAY)
    (tmp_path / "self").symlink_to(tmp_path, target_is_directory=True)  # never followed
    result = run("check", str(tmp_path))
    loop = "symbolic link loop (too many levels of symbolic links)"
    assert errors_of(result) == [
        f"copylint: {tmp_path / 'dangling.txt'}: broken symbolic link",
        f"copylint: {tmp_path / 'loop.txt'}: {loop}",
        f"copylint: {tmp_path / 'ping.txt'}: {loop}",
        f"copylint: {tmp_path / 'pong.txt'}: {loop}",
    ]
    assert result.exit_code == 2 and result.stdout.count("good.txt:1:10:") == 1


@posix_only
def test_fifos_and_devices_are_skipped_without_blocking(tmp_path: Path):
    # In a subprocess with a timeout, so that a regression fails instead of hanging.
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "good.txt").write_text(STRAY)
    proc = subprocess.run([sys.executable, "-m", "copylint", "check", str(fifo), "/dev/zero",
                           str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.stderr.splitlines() == [
        "copylint: /dev/zero: a character device, not a regular file, skipped",
        f"copylint: {fifo}: a FIFO, not a regular file, skipped",
    ]
    assert proc.returncode == 1  # skipped files are notes; good.txt has an error
    assert proc.stdout.count("good.txt:1:10:") == 1


def test_a_file_named_twice_is_linted_once(tmp_path: Path):
    (tmp_path / "good.txt").write_text(STRAY)
    report = lint_paths([tmp_path / "good.txt", tmp_path, f"{tmp_path}/./good.txt"])
    assert report.files == 1 and len(report.findings) == 1


def test_internal_error_in_one_file_does_not_stop_the_run(tmp_path: Path, monkeypatch):
    from copylint.engine import core as engine

    (tmp_path / "a.txt").write_text("Boom here.\n")
    (tmp_path / "b.txt").write_text(STRAY)
    real_lint = engine.Engine.lint

    def flaky(self, doc):
        if doc.path.endswith("a.txt"):
            raise RuntimeError("simulated bug\nwith two lines")
        return real_lint(self, doc)

    monkeypatch.setattr(engine.Engine, "lint", flaky)
    monkeypatch.delenv("COPYLINT_DEBUG", raising=False)
    result = run("check", str(tmp_path))
    assert result.exit_code == 3
    assert errors_of(result) == [
        f"copylint: {tmp_path / 'a.txt'}: internal error: RuntimeError: simulated bug with two lines "
        "(please report this; set COPYLINT_DEBUG=1 for a traceback)"]
    assert "b.txt:1:10:" in result.stdout


def test_read_options_are_validated():
    with pytest.raises(ValueError, match="unknown encoding"):
        ReadOptions(encoding="no-such-codec")
    with pytest.raises(ValueError, match="encoding errors"):
        ReadOptions(errors="ignore")


# -- the whole zoo, through a real process -----------------------------------

def _zoo(tmp_path: Path) -> list[str]:
    """Every bad input at once; returns the paths to name on the command line."""
    z = tmp_path / "zoo"
    z.mkdir()
    files = {
        "empty.txt": b"", "blank.txt": b" \t\r\n\n", "crlf.txt": b"Kiev. .\r\nThe the end.\r\n",
        "cr.txt": b"Kiev. .\rThe the end.\r", "mixed.md": b"a\r\nb\rc\nKiev. .",
        "emoji.txt": "e\u0301 \U0001F44D\U0001F3FD Kiev. .\n".encode(),
        "bom8.txt": b"\xef\xbb\xbfKiev. .\n", "utf16.txt": "Kiev. .\n".encode("utf-16"),
        "latin1.txt": "caf\u00e9. .\n".encode("latin-1"), "badutf8.txt": b"ok \xff\xfe\xfd\n",
        "truncated.txt": "Kyiv \u20ac".encode()[:-1], "nul.txt": b"text\x00more",
        "surrogate.txt": b"\xed\xa0\x80 lone surrogate\n", "long.txt": b"word " * 40_000 + b"Kiev. .",
    }
    for name, data in files.items():
        (z / name).write_bytes(data)
    (z / "folder.txt").mkdir()
    paths = [str(z), str(z / "folder.txt"), str(tmp_path / "missing.txt"),
             str(z / "empty.txt" / "child.txt")]
    if os.name == "posix":
        (z / "loop.txt").symlink_to("loop.txt")
        (z / "dangling.txt").symlink_to("nowhere.txt")
        os.mkfifo(z / "fifo.txt")
        paths += [str(z / "loop.txt"), str(z / "fifo.txt"), "/dev/null"]
        if os.geteuid() != 0:
            (z / "secret.txt").write_text(STRAY)
            (z / "secret.txt").chmod(0)
    return paths


def test_the_cli_never_prints_a_traceback(tmp_path: Path):
    paths = _zoo(tmp_path)
    bad_rules = tmp_path / "bad.yml"
    bad_rules.write_text("rules:\n  - !!python/object/apply:os.system ['echo pwned']\n")
    rule_dir = tmp_path / "ruledir"
    rule_dir.mkdir()
    (rule_dir / "binary.yml").write_bytes(b"rules:\x00\xff\n")
    if os.name == "posix":
        os.mkfifo(rule_dir / "fifo.yml")  # not a regular file: not read, never blocks
    runs = [
        (["check", *paths], None, 2),
        (["check", "--format", "json", "--encoding-errors", "replace", *paths], None, 2),
        (["check", "--encoding", "latin-1", str(tmp_path / "zoo" / "latin1.txt")], None, 1),
        (["check", "--rules", str(bad_rules), *paths], None, 2),
        (["check", "--rules", str(tmp_path / "zoo" / "nul.txt"), *paths], None, 2),
        (["check", "--max-file-size", "nonsense", *paths], None, 2),
        (["check", "--encoding", "no-such-codec", *paths], None, 2),
        (["check", "-"], b"\xff\xfe\x00", 2),
        (["check", "-"], b"caf\xe9 \x00", 0),  # binary on stdin: a note
        (["check", "-", "--encoding-errors", "replace"], b"caf\xe9. .\n", 1),
        (["check"], None, 2),
        (["rules", "--rules", str(rule_dir)], None, 2),
    ]
    for args, stdin, code in runs:
        proc = subprocess.run([sys.executable, "-m", "copylint", *args], cwd=ROOT, input=stdin or b"",
                              capture_output=True, timeout=120)
        out = (proc.stdout + proc.stderr).decode("utf-8", "replace")
        assert "Traceback" not in out, (args, out)
        assert proc.returncode == code, (args, proc.returncode, out[-2000:])
        for line in proc.stderr.decode("utf-8", "replace").splitlines():
            assert line == "" or line.startswith(("copylint: ", "Usage: ", "Try ", "Error: ")), line


# -- counts: linted, failed and skipped files apart ----------------------------

def test_summary_counts_linted_failed_and_skipped_files_apart(tmp_path: Path):
    missing = tmp_path / "missing.txt"
    result = run("check", str(missing))
    assert result.exit_code == 2
    assert result.stdout.strip() == "Nothing linted. 1 file could not be linted."  # not "in 1 file"
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "ok.txt").write_text("Officials in Kyiv said the talks would resume.\n")
    (tmp_path / "bad.txt").write_text("Shelling hit Kiev again.\n")
    args = [str(tmp_path / "ok.txt"), str(tmp_path / "bad.txt"), str(tmp_path / "bin.txt"), str(missing)]
    result = run("check", *args)
    assert result.stdout.strip().splitlines()[-1] == (
        "Found 1 warning in 2 files (1 fixable with --fix). 1 file could not be linted. 1 file skipped.")
    data = json.loads(run("check", "--format", "json", *args).stdout)
    assert (data["files"], data["failed"], data["skipped"]) == (2, 1, 1)
