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
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .errors import InputError
from .formats import DEFAULT_EXTENSIONS

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
    name = codecs.lookup(encoding).name
    if name == "utf-8":
        try:
            return data.decode("utf-8-sig", errors=errors)
        except UnicodeDecodeError as exc:
            offset = exc.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)
            raise InputError(path, f"not valid UTF-8 at byte {offset}") from None
    try:
        return data.decode(encoding, errors=errors)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid {encoding} at byte {exc.start}") from None


def _os_error(name: str, exc: OSError) -> InputError:
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


def read_bytes(path: Path, max_size: int = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """The bytes of a regular file.  Never blocks on a FIFO or device: the
    type is checked before opening, the file is opened non-blocking, and the
    type is checked again on the open descriptor (it may have been swapped)."""
    name = str(path)
    try:
        _check_stat(name, os.stat(path), max_size)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _os_error(name, exc) from None
    try:
        with os.fdopen(fd, "rb") as handle:
            _check_stat(name, os.fstat(handle.fileno()), max_size)
            data = handle.read(max_size + 1) if max_size else handle.read()
    except OSError as exc:
        raise _os_error(name, exc) from None
    if max_size and len(data) > max_size:  # grew after the size was checked
        raise InputError(name, f"larger than the size limit ({max_size} bytes), "
                               "skipped (see --max-file-size)", skipped=True)
    return data


def read_text(path: Path, errors: str = "strict", options: ReadOptions | None = None) -> str:
    """The decoded text of ``path`` (raises :class:`InputError`)."""
    opts = options or ReadOptions(errors=errors)
    return decode(read_bytes(path, opts.max_size), str(path), opts.errors, opts.encoding)


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False  # reading it will say what is wrong


def discover(paths: list[Path], extensions: tuple[str, ...] = DEFAULT_EXTENSIONS,
             errors: list[InputError] | None = None) -> Iterator[Path]:
    """Files to lint: explicit files as given, directories walked recursively
    (hidden entries skipped, symlinked directories not followed) for files
    with one of ``extensions``.  Sorted within each directory.  A directory
    that cannot be listed is appended to ``errors`` (when given)."""

    def unreadable(exc: OSError) -> None:
        if errors is not None:
            errors.append(_os_error(exc.filename or "?", exc))

    for path in paths:
        if _is_dir(path):
            for root, dirs, files in os.walk(path, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and os.path.splitext(name)[1].lower() in extensions:
                        yield Path(root) / name
        else:
            yield path
