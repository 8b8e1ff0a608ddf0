"""Which files a directory walk lints."""

import os
from pathlib import Path

import pytest

from copylint import Config, collect_files


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Text.\n")


def found(root: Path, config: Config | None = None, paths=None, **options) -> list[str]:
    files = collect_files(paths or [root], config, **options)
    return [Path(f).relative_to(root).as_posix() if Path(f).is_absolute() else str(f) for f in files]


def test_default_extensions_hidden_and_git_skipped(tmp_path: Path):
    touch(tmp_path, "a.txt", "b.md", "c.markdown", "d.html", "e.htm", "f.rst", "g.MD",
          ".hidden.md", ".drafts/x.md", ".git/y.md", "sub/h.md")
    assert found(tmp_path) == ["a.txt", "b.md", "c.markdown", "d.html", "e.htm", "g.MD", "sub/h.md"]


def test_gitignore_respected_with_negation_and_nested_files(tmp_path: Path):
    (tmp_path / ".git").mkdir()
    touch(tmp_path, "keep.md", "build/out.md", "notes.md", "important.md", "sub/local.md", "sub/other.md")
    (tmp_path / ".gitignore").write_text("build/\n*.md\n!keep.md\n!sub/\n")
    (tmp_path / "sub" / ".gitignore").write_text("!other.md\n")
    assert found(tmp_path) == ["keep.md", "sub/other.md"]
    assert len(found(tmp_path, Config(respect_gitignore=False))) == 6


def test_gitignore_of_a_parent_applies_when_walking_a_subfolder(tmp_path: Path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("generated/\n")
    touch(tmp_path, "content/a.md", "content/generated/b.md")
    files = collect_files([tmp_path / "content"])
    assert [f.name for f in files] == ["a.md"]


def test_explicit_files_always_linted(tmp_path: Path):
    (tmp_path / ".gitignore").write_text("*.md\n")
    touch(tmp_path, "ignored.md", "odd.rst")
    config = Config(exclude=["*.md"], root=tmp_path)
    assert collect_files([tmp_path / "ignored.md", tmp_path / "odd.rst"], config) == [
        tmp_path / "ignored.md", tmp_path / "odd.rst"]
    assert collect_files([tmp_path], config) == []


def test_include_exclude_extensions_relative_to_config_root(tmp_path: Path):
    touch(tmp_path, "news/a.md", "news/archive/b.md", "features/c.md", "news/d.rst")
    config = Config(root=tmp_path, include=["news/"], exclude=["archive/"], extensions=(".md", ".rst"))
    assert found(tmp_path, config) == ["news/a.md", "news/d.rst"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_loop_does_not_hang_and_links_are_followed_once(tmp_path: Path):
    touch(tmp_path, "a/x.md", "b/y.md")
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")  # a/loop -> a
    os.symlink(tmp_path / "b", tmp_path / "a" / "to-b")  # a/to-b -> b (outside the walk)
    errors: list = []
    assert found(tmp_path / "a", errors=errors) == ["x.md"]  # not followed out of the tree by default
    assert [e.skipped for e in errors] == [True] and "outside the linted tree" in str(errors[0])
    files = found(tmp_path / "a", follow_symlinks=True)
    assert files[0] == "x.md" and len(files) == 2 and files[1].endswith("y.md")
    assert len(found(tmp_path)) == 2  # b reached directly and through the link: once


def test_missing_explicit_file_is_reported_not_dropped(tmp_path: Path):
    from copylint import lint_paths

    report = lint_paths([tmp_path / "missing.md"])
    # counted as failed, not as a file linted
    assert report.files == 0 and len(report.failed) == 1 and "no such file" in str(report.errors[0])
