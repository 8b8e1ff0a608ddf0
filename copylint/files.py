"""Reading documents from disk and finding them in directories."""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

from .errors import InputError
from .formats import DEFAULT_EXTENSIONS

_SNIFF = 8192


def decode(data: bytes, path: str, errors: str = "strict") -> str:
    """Bytes -> text: UTF-8 (BOM allowed) or UTF-16 with a BOM; binary refused."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"not valid UTF-16 at byte {exc.start + 2}") from None
    if b"\x00" in data[:_SNIFF]:
        raise InputError(path, "binary file (NUL bytes), skipped")
    try:
        return data.decode("utf-8-sig", errors=errors)
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)
        raise InputError(path, f"not valid UTF-8 at byte {offset}") from None


def read_text(path: Path, errors: str = "strict") -> str:
    name = str(path)
    if path.is_dir():
        raise InputError(name, "is a directory")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file or directory") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    return decode(data, name, errors)


def _spec_of(lines: list[str]) -> "GitIgnoreSpec":
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(lines)


@dataclass
class FileFilter:
    """Which files a directory walk yields.  Globs are gitignore-style and
    matched against paths relative to ``root`` (the configuration's folder)."""

    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    root: Path = field(default_factory=Path)

    def __post_init__(self) -> None:
        # pathspec is imported only when globs or a .gitignore need it
        self._include = _spec_of(self.include) if self.include else None
        self._exclude = _spec_of(self.exclude) if self.exclude else None
        self._root = self.root.absolute()

    def _relative(self, path: Path) -> str:
        try:
            return path.relative_to(self._root).as_posix()
        except ValueError:
            return path.as_posix()

    def excluded(self, path: Path, is_dir: bool) -> bool:
        if self._exclude is None:
            return False
        return self._exclude.match_file(self._relative(path) + ("/" if is_dir else ""))

    def wanted(self, path: Path) -> bool:
        if path.suffix.lower() not in self.extensions:
            return False
        return self._include is None or self._include.match_file(self._relative(path))


class _Gitignores:
    """The ``.gitignore`` files that apply under a directory walk: those of
    the walked folders, and of their parents up to the repository's root."""

    def __init__(self, top: Path) -> None:
        self.base = top
        for directory in (top, *top.parents):
            if (directory / ".git").exists():
                self.base = directory
                break
        self._specs: dict[Path, GitIgnoreSpec | None] = {}

    def _spec(self, directory: Path) -> GitIgnoreSpec | None:
        if directory not in self._specs:
            lines: list[str] = []
            sources = [directory / ".gitignore"]
            if directory == self.base:
                sources.append(directory / ".git" / "info" / "exclude")
            for source in sources:
                try:
                    lines += source.read_text(encoding="utf-8", errors="replace").splitlines()
                except OSError:
                    pass
            self._specs[directory] = _spec_of(lines) if lines else None
        return self._specs[directory]

    def ignored(self, path: Path, is_dir: bool) -> bool:
        """Does a ``.gitignore`` exclude ``path`` (absolute)?  Deeper files win."""
        try:
            parts = path.relative_to(self.base).parts
        except ValueError:
            return False
        result = False
        directory = self.base
        for depth in range(len(parts)):
            spec = self._spec(directory)
            if spec is not None:
                rel = "/".join(parts[depth:]) + ("/" if is_dir else "")
                decision = spec.check_file(rel).include
                if decision is not None:
                    result = decision
            directory = directory / parts[depth]
        return result


def discover(paths: list[Path], extensions: tuple[str, ...] = DEFAULT_EXTENSIONS,
             file_filter: FileFilter | None = None) -> Iterator[Path]:
    """Files to lint.  A file given explicitly is always linted.  A directory
    is walked recursively for files with one of the extensions, skipping hidden
    entries (``.git``), ``.gitignore``d paths and ``exclude`` globs, keeping
    only ``include`` globs when some are set.  Symbolic links to folders are
    followed, but a folder is never entered twice, so a link loop cannot hang
    the walk.  Sorted within each directory."""
    flt = file_filter or FileFilter(extensions=extensions)
    for path in paths:
        if path.is_dir():
            yield from _walk(path, flt)
        else:
            yield path


def _walk(top: Path, flt: FileFilter) -> Iterator[Path]:
    absolute_top = top.absolute()
    ignores = _Gitignores(absolute_top) if flt.respect_gitignore else None
    seen: set[tuple[int, int]] = set()
    stack = [(top, absolute_top)]
    while stack:
        directory, absolute = stack.pop()
        try:
            st = os.stat(absolute)
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(absolute) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError:
            continue
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
            except OSError:
                continue
            entry_abs = absolute / entry.name
            if ignores is not None and ignores.ignored(entry_abs, is_dir):
                continue
            if flt.excluded(entry_abs, is_dir):
                continue
            if is_dir:
                subdirs.append((directory / entry.name, entry_abs))
            elif is_file and flt.wanted(entry_abs):
                yield directory / entry.name
        stack.extend(reversed(subdirs))
