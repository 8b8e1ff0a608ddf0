"""`fix` against a hostile or busy file system: OS errors are reported and the
run goes on, an edit made during the run is never lost, hard links and mode
bits survive, symbolic links do not lead writes out of the tree."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from copylint import default_rules
from copylint.fixes.files import fix_paths
from copylint.cli import main
from copylint.fixes import writer
from copylint.fixes.writer import SourceFile, WriteError

ROOT = Path(__file__).resolve().parent.parent
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and links")


def _unprivileged_prefix() -> list[str]:
    """How to run a command as a normal user: as is when we are one; as
    ``nobody`` through ``setpriv`` when we are root (CI)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and setpriv is not installed: cannot drop privileges")
    prefix = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    probe = subprocess.run([*prefix, sys.executable, "-c", "import copylint, click, yaml"], cwd="/",
                           capture_output=True, text=True, env={**os.environ, "COPYLINT_NO_CACHE": "1"})
    if probe.returncode != 0:
        pytest.skip(f"user nobody cannot run this Python: {probe.stderr.strip()[-200:]}")
    return prefix


@pytest.fixture
def shared_dir():
    """A folder a normal user (nobody, when we are root) owns and can write."""
    path = Path(tempfile.mkdtemp(prefix="copylint-fix-"))
    os.chmod(path, 0o755)
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)
    try:
        yield path
    finally:
        for folder, _, _ in os.walk(path):
            os.chmod(folder, 0o755)
        shutil.rmtree(path, ignore_errors=True)


@posix_only
def test_a_writable_file_in_a_read_only_folder_is_reported_and_the_run_goes_on(shared_dir: Path):
    prefix = _unprivileged_prefix()
    locked, free = shared_dir / "locked", shared_dir / "free"
    for folder in (locked, free):
        folder.mkdir()
        (folder / "story.txt").write_text("Shelling hit Kiev.\n", encoding="utf-8")
        os.chmod(folder / "story.txt", 0o666)
        if os.geteuid() == 0:
            os.chown(folder, 65534, 65534)
            os.chown(folder / "story.txt", 65534, 65534)
    os.chmod(locked, 0o555)
    proc = subprocess.run([*prefix, sys.executable, "-m", "copylint", "fix", "--no-config",
                           str(locked), str(free)], cwd=shared_dir, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "COPYLINT_NO_CACHE": "1"})
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.splitlines()[0] == (
        f"copylint: {locked / 'story.txt'}: cannot write: cannot create a file in {locked}: "
        "permission denied")
    assert (locked / "story.txt").read_text(encoding="utf-8") == "Shelling hit Kiev.\n"
    assert (free / "story.txt").read_text(encoding="utf-8") == "Shelling hit Kyiv.\n"
    assert "locked/story.txt:1:14: warning" in proc.stdout  # its finding is still reported


@posix_only
def test_an_os_error_while_writing_is_a_one_line_error_not_a_traceback(tmp_path: Path, monkeypatch):
    import errno

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    for path in (first, second):
        path.write_text("Shelling hit Kiev.\n", encoding="utf-8")
    real_replace = os.replace

    def full_disk(src, dst):
        if str(dst).endswith("a.txt"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_disk)
    report = fix_paths([tmp_path], default_rules())
    assert [str(e) for e in report.failed] == [f"{first}: cannot write: no space left on device"]
    assert first.read_text(encoding="utf-8") == "Shelling hit Kiev.\n"
    assert second.read_text(encoding="utf-8") == "Shelling hit Kyiv.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


APPENDER = """
import sys, time
path, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"Line {i} was filed from Kiev.\\n")
    time.sleep(0.1 if i % 15 == 14 else 0.001)  # bursts, with pauses a fix can land in
"""


@posix_only
def test_lines_appended_while_fix_runs_are_never_lost(tmp_path: Path):
    story = tmp_path / "wire.txt"
    story.write_text("Shelling hit Kiev.\n", encoding="utf-8")
    count = 300
    appender = subprocess.Popen([sys.executable, "-c", APPENDER, str(story), str(count)])
    rules = default_rules()
    written = 0
    while appender.poll() is None:
        report = fix_paths([story], rules)
        written += report.changed_files
        assert all("changed on disk" in str(e) or "open for writing" in str(e) for e in report.failed)
    appender.wait(60)
    fix_paths([story], rules)
    lines = story.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Shelling hit Kyiv."
    assert lines[1:] == [f"Line {i} was filed from Kyiv." for i in range(count)]
    assert written >= 1  # fixes did land while the appends went on


@posix_only
def test_a_write_noticed_after_the_rename_brings_the_original_back(tmp_path: Path, monkeypatch):
    story = tmp_path / "story.txt"
    story.write_text("Shelling hit Kiev.\n", encoding="utf-8")
    source = SourceFile.read(story)
    # Without a lease (not Linux, or not the file's owner) only the check after the rename can see it.
    monkeypatch.setattr(writer, "_F_SETLEASE", None)
    real_replace = os.replace
    calls = []

    def replace_then_append(src, dst):
        real_replace(src, dst)
        if not calls:  # a writer that had opened the old file appends to it now
            calls.append(dst)
            old = next(p for p in tmp_path.iterdir() if ".old" in p.name)
            with open(old, "a", encoding="utf-8") as handle:
                handle.write("A late line.\n")

    monkeypatch.setattr(os, "replace", replace_then_append)
    with pytest.raises(WriteError, match="the original .with that change. is back, not fixed"):
        source.write("Shelling hit Kyiv.\n")
    assert story.read_text(encoding="utf-8") == "Shelling hit Kiev.\nA late line.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]


@posix_only
def test_hard_links_are_kept_and_written_in_place(tmp_path: Path):
    story = tmp_path / "story.txt"
    story.write_text("Shelling hit Kiev.\n", encoding="utf-8")
    twin = tmp_path / "published.txt"
    os.link(story, twin)
    inode = story.stat().st_ino
    report = fix_paths([story], default_rules())
    assert not report.errors
    assert twin.read_text(encoding="utf-8") == "Shelling hit Kyiv.\n"
    assert story.stat().st_ino == inode and story.stat().st_nlink == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["published.txt", "story.txt"]


@posix_only
@pytest.mark.parametrize("mode", [0o2664, 0o2775, 0o4755, 0o1640, 0o600])
def test_mode_bits_including_setgid_are_kept(shared_dir: Path, mode: int):
    story = shared_dir / "story.txt"
    story.write_text("Shelling hit Kiev.\n", encoding="utf-8")
    os.chmod(story, mode)
    assert stat.S_IMODE(story.stat().st_mode) == mode
    SourceFile.read(story).write("Shelling hit Kyiv.\n")
    assert stat.S_IMODE(story.stat().st_mode) == mode
    assert story.read_text(encoding="utf-8") == "Shelling hit Kyiv.\n"


@posix_only
def test_setgid_and_group_are_kept_for_a_normal_user(shared_dir: Path):
    prefix = _unprivileged_prefix()
    story = shared_dir / "story.txt"
    story.write_text("Shelling hit Kiev.\n", encoding="utf-8")
    os.chmod(story, 0o2664)
    if os.geteuid() == 0:
        os.chown(story, 65534, 65534)
    before = story.stat()
    proc = subprocess.run([*prefix, sys.executable, "-m", "copylint", "fix", "--no-config", str(story)],
                          cwd=shared_dir, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "COPYLINT_NO_CACHE": "1"})
    assert proc.returncode == 0, proc.stderr
    after = story.stat()
    assert story.read_text(encoding="utf-8") == "Shelling hit Kyiv.\n"
    assert (stat.S_IMODE(after.st_mode), after.st_uid, after.st_gid) == (
        stat.S_IMODE(before.st_mode), before.st_uid, before.st_gid)


@posix_only
def test_a_file_another_program_holds_open_for_writing_waits_or_is_reported(tmp_path: Path):
    story = tmp_path / "story.txt"
    story.write_text("Shelling hit Kiev.\n", encoding="utf-8")
    source = SourceFile.read(story)
    with open(story, "a", encoding="utf-8"):
        if sys.platform == "linux":
            with pytest.raises(WriteError, match="another program has it open for writing, not fixed"):
                source.write("Shelling hit Kyiv.\n")
            assert story.read_text(encoding="utf-8") == "Shelling hit Kiev.\n"
    source.write("Shelling hit Kyiv.\n")  # once it is closed, the fix goes in
    assert story.read_text(encoding="utf-8") == "Shelling hit Kyiv.\n"


@pytest.fixture
def linked_repo(tmp_path: Path) -> tuple[Path, Path]:
    """A repository with links into itself and out of it."""
    outside, repo = tmp_path / "home", tmp_path / "repo"
    (outside / "diary").mkdir(parents=True)
    (repo / "sub").mkdir(parents=True)
    for path in (outside / "secret.md", outside / "diary" / "day.md", repo / "sub" / "real.md",
                 repo / "story.md"):
        path.write_text("Shelling hit Kiev.\n", encoding="utf-8")
    (repo / "escape.md").symlink_to(outside / "secret.md")
    (repo / "archive").symlink_to(outside / "diary", target_is_directory=True)
    (repo / "alias.md").symlink_to(Path("sub") / "real.md")
    (repo / "sub" / "up.md").symlink_to(Path("..") / "story.md")
    return repo, outside


def _texts(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.md"))
            if not p.is_symlink()}


@posix_only
def test_fix_does_not_follow_links_out_of_the_tree(linked_repo, monkeypatch):
    repo, outside = linked_repo
    before = _texts(outside)
    result = CliRunner().invoke(main, ["fix", "--no-config", str(repo)])
    assert "Traceback" not in result.output and result.exit_code == 0, result.output
    assert _texts(outside) == before  # nothing outside was read or written
    assert _texts(repo) == {"story.md": "Shelling hit Kyiv.\n", "sub/real.md": "Shelling hit Kyiv.\n"}
    assert (repo / "alias.md").is_symlink() and (repo / "sub" / "up.md").is_symlink()
    assert sorted(result.stderr.splitlines()) == [
        f"copylint: {repo / 'archive'}: symbolic link to {outside / 'diary'}, outside the linted "
        "tree, skipped (see --follow-symlinks)",
        f"copylint: {repo / 'escape.md'}: symbolic link to {outside / 'secret.md'}, outside the "
        "linted tree, skipped (see --follow-symlinks)",
    ]
    # A file named on the command line (as pre-commit does, from the repository's root) too.
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["fix", "--no-config", "escape.md", "story.md"])
    assert result.exit_code == 0 and _texts(outside) == before
    assert "copylint: escape.md: symbolic link to" in result.stderr


@posix_only
def test_check_skips_links_out_of_the_tree_and_follows_them_when_asked(linked_repo):
    repo, outside = linked_repo
    result = CliRunner().invoke(main, ["check", "--no-config", "--format", "json", str(repo)])
    assert result.exit_code == 0  # warnings only; the notes do not make it an error
    import json

    paths = sorted({f["path"] for f in json.loads(result.stdout)["findings"]})
    assert paths == [str(repo / name) for name in ("alias.md", "story.md", "sub/real.md", "sub/up.md")]
    assert result.stderr.count("outside the linted tree, skipped") == 2
    result = CliRunner().invoke(main, ["check", "--no-config", "--follow-symlinks", "--format", "json",
                                       str(repo)])
    assert len({f["path"] for f in json.loads(result.stdout)["findings"]}) == 6
    assert "outside the linted tree" not in result.stderr
    result = CliRunner().invoke(main, ["fix", "--no-config", "--follow-symlinks", str(repo)])
    assert result.exit_code == 0
    assert set(_texts(outside).values()) == {"Shelling hit Kyiv.\n"}


@posix_only
def test_a_killed_runs_second_name_is_cleaned_up_not_taken_for_a_hard_link(tmp_path: Path):
    story = tmp_path / "story.txt"
    story.write_text("Shelling hit Kiev.\n", encoding="utf-8")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    os.link(story, tmp_path / f".story.txt.{dead}.old1234abcd.copylint-tmp")  # left by a kill
    inode = story.stat().st_ino
    SourceFile.read(story).write("Shelling hit Kyiv.\n")
    assert story.read_text(encoding="utf-8") == "Shelling hit Kyiv.\n"
    assert story.stat().st_ino != inode  # replaced by a rename, as a file with one name is
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]
