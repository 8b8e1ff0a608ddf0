"""Reading documents from disk and finding them in directories.

Every way a path can fail to be a readable text file ends in an
:class:`~copylint.errors.InputError` with a one-line message; nothing here
raises anything else for a bad input.  Files that are not text at all (binary,
FIFOs, devices, oversized) are *skipped* (``InputError.skipped``): reported
with a note but not counted as errors.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

from ..errors import InputError
from ..formats import DEFAULT_EXTENSIONS

#: Files larger than this are skipped with a note unless the limit is raised.
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
ENCODING_ERRORS = ("strict", "replace")

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How bytes on disk become text.

    ``encoding`` is any Python codec name (``utf-8``, ``latin-1``, ``cp1252``…);
    a UTF-16 or UTF-32 byte order mark overrides it.  ``errors`` is ``strict``
    (undecodable bytes make the file an error) or ``replace`` (they become
    U+FFFD and the file is linted).  ``max_size`` in bytes, 0 for no limit.
    """

    encoding: str = "utf-8"
    errors: str = "strict"
    max_size: int = DEFAULT_MAX_FILE_SIZE

    def __post_init__(self) -> None:
        try:
            codecs.lookup(self.encoding)
        except LookupError:
            raise ValueError(f"unknown encoding {self.encoding!r}") from None
        if self.errors not in ENCODING_ERRORS:
            raise ValueError(f"encoding errors must be one of {', '.join(ENCODING_ERRORS)}")
        if self.max_size < 0:
            raise ValueError("the maximum file size must be 0 (no limit) or more")


DEFAULT_READ = ReadOptions()


def decode(data: bytes, path: str, errors: str = "strict", encoding: str = "utf-8") -> str:
    """Bytes -> text.  A UTF-16/UTF-32 byte order mark decides the encoding;
    otherwise a NUL byte anywhere means binary (refused, never linted as text),
    and the rest is decoded with ``encoding`` (a UTF-8 BOM is allowed)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec, errors=errors)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"not valid {codec.upper()} at byte {exc.start}") from None
    if b"\x00" in data:
        raise InputError(path, "binary file (NUL bytes), skipped", skipped=True)
    if encoding == "utf-8" or _codec_name(encoding) == "utf-8":
        try:
            return data.decode("utf-8-sig", errors=errors)
        except UnicodeDecodeError as exc:
            offset = exc.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)
            raise InputError(path, f"not valid UTF-8 at byte {offset}") from None
    try:
        return data.decode(encoding, errors=errors)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid {encoding} at byte {exc.start}") from None


@lru_cache(maxsize=None)
def _codec_name(encoding: str) -> str:
    return codecs.lookup(encoding).name


def describe_os_error(name: str, exc: OSError) -> InputError:
    """One line for every way ``open``/``stat`` can fail."""
    code = exc.errno
    if code == errno.ENOENT:
        return InputError(name, "broken symbolic link" if os.path.islink(name)
                          else "no such file or directory")
    if code in (errno.EACCES, errno.EPERM):
        return InputError(name, "permission denied")
    if code == errno.ELOOP:
        return InputError(name, "symbolic link loop (too many levels of symbolic links)")
    if code == errno.EISDIR:
        return InputError(name, "is a directory")
    if code == errno.ENOTDIR:
        return InputError(name, "not a directory (a part of the path is a file)")
    if code == errno.ENAMETOOLONG:
        return InputError(name, "file name too long")
    return InputError(name, f"cannot read: {exc.strerror or exc}")


def _file_type(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return kind
    return "not a regular file"


def _check_stat(name: str, st: os.stat_result, max_size: int) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise InputError(name, "is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(name, f"{_file_type(st.st_mode)}, not a regular file, skipped", skipped=True)
    if max_size and st.st_size > max_size:
        raise InputError(name, f"larger than the size limit ({st.st_size} > {max_size} bytes), "
                               "skipped (see --max-file-size)", skipped=True)


_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def read_bytes(path: "str | os.PathLike[str]", max_size: int = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """The bytes of a regular file, with plain ``os`` calls (no file object,
    no buffer of its own).  Never blocks on a FIFO or device: the type is
    checked before opening (opening some devices has side effects), the file
    is opened non-blocking, and the type is checked again on the open
    descriptor (it may have been swapped)."""
    try:
        _check_stat(os.fspath(path), os.stat(path), max_size)
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise describe_os_error(os.fspath(path), exc) from None
    try:
        st = os.fstat(fd)
        _check_stat(os.fspath(path), st, max_size)
        # Ask for the size fstat reports plus one byte (to see growth), not for
        # max_size + 1: a read of n bytes allocates n bytes first.
        want = st.st_size + 1 if not max_size else min(st.st_size, max_size) + 1
        data = os.read(fd, want)
        if len(data) == want:  # it grew since fstat: read on to the limit (or the end)
            parts = [data]
            size = len(data)
            while not max_size or size <= max_size:
                more = os.read(fd, max_size + 1 - size if max_size else max(size, 65536))
                if not more:
                    break
                parts.append(more)
                size += len(more)
            data = b"".join(parts)
    except OSError as exc:
        raise describe_os_error(os.fspath(path), exc) from None
    finally:
        os.close(fd)
    if max_size and len(data) > max_size:  # grew after the size was checked
        raise InputError(os.fspath(path), f"larger than the size limit ({max_size} bytes), "
                                          "skipped (see --max-file-size)", skipped=True)
    return data


def read_text(path: "str | os.PathLike[str]", errors: str = "strict",
              options: ReadOptions | None = None) -> str:
    """The decoded text of ``path`` (raises :class:`InputError`): one read, one decode."""
    opts = options or ReadOptions(errors=errors)
    return decode(read_bytes(path, opts.max_size), os.fspath(path), opts.errors, opts.encoding)


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

    #: :meth:`excluded` may exclude a symbolic link that no glob excludes
    judges_links = False

    @property
    def excludes(self) -> bool:
        """Can :meth:`excluded` exclude an entry that is not a symbolic link?
        (A walk builds no path to ask it otherwise.)"""
        return self._exclude is not None

    def excluded(self, path: Path, is_dir: bool, is_link: bool | None = None) -> bool:
        """Is ``path`` (absolute) excluded?  ``is_link``: whether it is a
        symbolic link, when the caller knows (a directory entry does)."""
        if self._exclude is None:
            return False
        return self._exclude.match_file(self._relative(path) + ("/" if is_dir else ""))

    def has_extension(self, name: str) -> bool:
        """Does the file name ``name`` end in one of the extensions?"""
        return os.path.splitext(name)[1].lower() in self.extensions

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

    def chain(self, directory: Path) -> "tuple[tuple[str, ...], tuple[tuple[int, GitIgnoreSpec], ...]] | None":
        """Where ``directory`` (absolute) is under the base (its path parts)
        and the ``.gitignore`` specs that apply to its entries, with the
        number of parts of the folder each belongs to; None when it is not
        under the base.  Computed once for the top of a walk; each subfolder
        then extends its parent's (:meth:`descend`), so the walk costs the
        same per entry however deep it is."""
        try:
            parts = directory.relative_to(self.base).parts
        except ValueError:
            return None
        specs: list[tuple[int, GitIgnoreSpec]] = []
        folder = self.base
        for depth in range(len(parts) + 1):
            spec = self._spec(folder)
            if spec is not None:
                specs.append((depth, spec))
            if depth < len(parts):
                folder = folder / parts[depth]
        return parts, tuple(specs)

    def descend(self, chain: "tuple[tuple[str, ...], tuple[tuple[int, GitIgnoreSpec], ...]]",
                name: str, absolute: Path) -> "tuple[tuple[str, ...], tuple[tuple[int, GitIgnoreSpec], ...]]":
        parts, specs = chain
        spec = self._spec(absolute)
        return (*parts, name), (specs if spec is None else (*specs, (len(parts) + 1, spec)))

    @staticmethod
    def ignored_in(chain: "tuple[tuple[str, ...], tuple[tuple[int, GitIgnoreSpec], ...]]",
                   name: str, is_dir: bool) -> bool:
        """Does a ``.gitignore`` of ``chain`` exclude its entry ``name``?  Deeper files win."""
        parts, specs = chain
        result = False
        for depth, spec in specs:
            rel = "/".join((*parts[depth:], name)) + ("/" if is_dir else "")
            decision = spec.check_file(rel).include
            if decision is not None:
                result = decision
        return result

    def decides_under(self, directory: Path) -> bool:
        """Could a ``.gitignore`` exclude an entry of ``directory`` (absolute)?"""
        chain = self.chain(directory)
        return chain is not None and bool(chain[1])

    def ignored(self, path: Path, is_dir: bool) -> bool:
        """Does a ``.gitignore`` exclude ``path`` (absolute)?  Deeper files win."""
        chain = self.chain(path.parent)
        return chain is not None and self.ignored_in(chain, path.name, is_dir)


def _is_dir(path: "str | os.PathLike[str]") -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False  # reading it will say what is wrong


def discover(paths: "Iterable[str | os.PathLike[str]]", extensions: tuple[str, ...] = DEFAULT_EXTENSIONS,
             file_filter: FileFilter | None = None,
             errors: list[InputError] | None = None) -> Iterator[str]:
    """Files to lint, as path strings, one at a time (a generator: nothing
    is listed ahead).  A file given explicitly is always linted.  A directory
    is walked recursively for files with one of the extensions, skipping hidden
    entries (``.git``), ``.gitignore``d paths and ``exclude`` globs, keeping
    only ``include`` globs when some are set.  Symbolic links to folders are
    followed, but a folder is never entered twice, so a link loop cannot hang
    the walk.  Sorted within each directory.  An entry with a wanted extension
    that is not a regular file (a FIFO, a broken or looping link) is yielded
    too, so that reading it reports why it is not linted; a folder that cannot
    be listed is appended to ``errors`` (when given)."""
    flt = file_filter or FileFilter(extensions=extensions)
    for path in paths:
        if _is_dir(path):
            yield from _walk(os.fspath(path), flt, errors)
        else:
            yield str(Path(path))  # as given, in the form ``Path`` gives it


def _walk(top: str, flt: FileFilter, errors: list[InputError] | None = None) -> Iterator[str]:
    """The files under ``top``, as ``os.path.join(top, ...)`` strings.  Per
    entry the walk costs a name test and, for a folder, a ``stat``: a
    ``Path`` is built only for entries a glob or a link policy must judge."""
    top_path = Path(top)  # shown as ``Path`` shows it: "./news/" is "news", "." joins as ""
    absolute_top = top_path.absolute()
    ignores = _Gitignores(absolute_top) if flt.respect_gitignore else None
    seen: set[tuple[int, int]] = set()
    shown_top = str(top_path)
    stack = [("" if shown_top == "." else shown_top, str(absolute_top),
              ignores.chain(absolute_top) if ignores is not None else None)]
    include = flt._include is not None
    excludes = flt.excludes
    judges_links = flt.judges_links
    while stack:
        directory, absolute, chain = stack.pop()
        try:
            st = os.stat(absolute)
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(absolute) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            if errors is not None:
                errors.append(describe_os_error(directory or ".", exc))
            continue
        subdirs = []
        check_ignores = chain is not None and bool(chain[1])
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False  # a link loop: reading it says so
            if not is_dir and not flt.has_extension(name):
                continue  # never wanted, whatever the globs say
            if check_ignores and _Gitignores.ignored_in(chain, name, is_dir):  # type: ignore[arg-type]
                continue
            entry_abs = None
            try:
                is_link = judges_links and entry.is_symlink()
            except OSError:
                is_link = True  # let the filter look for itself
            if excludes or is_link:
                entry_abs = Path(absolute, name)
                if flt.excluded(entry_abs, is_dir, None if is_link else False):
                    continue
            if is_dir:
                below = ignores.descend(chain, name, Path(absolute, name)) \
                    if ignores is not None and chain is not None else None
                subdirs.append((os.path.join(directory, name), os.path.join(absolute, name), below))
            elif not include or flt.wanted(entry_abs or Path(absolute, name)):
                yield os.path.join(directory, name)
        stack.extend(reversed(subdirs))
