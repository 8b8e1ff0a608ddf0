"""Symbolic links that lead out of the linted tree.

A repository can commit a link to any path on the machine (``notes.md ->
/home/editor/diary.md``, ``archive -> /``).  Followed, ``check`` would read
and report files outside the repository and ``fix`` would rewrite them.  By
default such a link is skipped with a note (not an error: exit codes are not
affected); ``--follow-symlinks`` (``follow_symlinks=True``) follows it.

The *tree* of a directory named on the command line is that directory (its
real path, so naming a link to a folder is fine).  The tree of a file named on
the command line is the current directory when the file's name is under it
(pre-commit passes such names), else the file's own folder.  A link is
followed when its target, fully resolved, is inside the tree; a link to a
folder outside is not entered at all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError
from .files import FileFilter, discover


def inside(path: str, tree: str) -> bool:
    """Is the (resolved) ``path`` ``tree`` itself or under it?"""
    try:
        return os.path.commonpath([path, tree]) == tree
    except ValueError:  # different drives
        return False


def _note(shown: str, target: str) -> InputError:
    return InputError(shown, f"symbolic link to {target}, outside the linted tree, skipped "
                             "(see --follow-symlinks)", skipped=True)


@dataclass
class TreeFilter(FileFilter):
    """A :class:`~copylint.inputs.files.FileFilter` that also excludes links leading
    out of ``tree``, noting each in ``notes``; ``top`` is the walked folder as
    named (to show paths as the walk yields them)."""

    top: Path = field(default_factory=Path)
    tree: str = ""
    notes: list[InputError] = field(default_factory=list)

    judges_links = True

    def __post_init__(self) -> None:
        super().__post_init__()
        self._top_abs = self.top.absolute()

    def excluded(self, path: Path, is_dir: bool, is_link: bool | None = None) -> bool:
        if super().excluded(path, is_dir, is_link):
            return True
        if is_link is None:
            is_link = os.path.islink(path)
        if not is_link or (not is_dir and not self.wanted(path)):
            return False
        real = os.path.realpath(path)
        if inside(real, self.tree):
            return False
        try:
            shown = self.top / path.relative_to(self._top_abs)
        except ValueError:
            shown = path
        self.notes.append(_note(str(shown), real))
        return True


def file_tree(path: "str | os.PathLike[str]", cwd: str | None = None,
              real_cwd: str | None = None) -> str:
    """The tree a file named on the command line belongs to (see module doc);
    ``cwd`` and its real path may be given (asked once for many files)."""
    cwd = cwd or os.getcwd()
    absolute = os.path.abspath(path)
    if inside(absolute, cwd):
        return real_cwd or os.path.realpath(cwd)
    return os.path.realpath(os.path.dirname(absolute))


def discover_within(paths: "Iterable[str | os.PathLike[str]]", file_filter: FileFilter,
                    errors: list[InputError] | None = None) -> Iterator[str]:
    """:func:`copylint.inputs.files.discover`, without following links out of each
    path's tree; each link skipped adds a note to ``errors``."""
    notes: list[InputError] = []
    cwd = os.getcwd()
    real_cwd = os.path.realpath(cwd)
    for path in paths:
        try:
            is_dir = os.path.isdir(path)
        except (OSError, ValueError):
            is_dir = False
        if is_dir:
            tree_filter = TreeFilter(
                extensions=file_filter.extensions, include=file_filter.include,
                exclude=file_filter.exclude, respect_gitignore=file_filter.respect_gitignore,
                root=file_filter.root, top=Path(path), tree=os.path.realpath(path), notes=notes)
            yield from discover([path], file_filter=tree_filter, errors=errors)
            continue
        real = os.path.realpath(path)  # the file, or a folder on its way, may be a link
        if not inside(real, file_tree(path, cwd, real_cwd)):
            notes.append(_note(str(Path(path)), real))
            continue
        yield str(Path(path))  # as given, in the form ``Path`` gives it
    if errors is not None:
        errors.extend(notes)
