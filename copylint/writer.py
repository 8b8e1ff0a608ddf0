"""Reading a file for fixing and writing the fixed text back safely.

A fixed file keeps its encoding (UTF-8, UTF-8 with a byte order mark, UTF-16
with a BOM), its line endings (fixes never touch a line break they did not
match) and its permissions.  The write is atomic: the new bytes go to a
temporary file in the same directory, which then replaces the original with
``os.replace``, so a reader never sees half a file.  A read-only file is
reported, never forced; a file that changed on disk after it was read is not
overwritten.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .files import DEFAULT_READ, ReadOptions, decode, describe_os_error, read_bytes


def _sha256(data: bytes) -> str:
    from .ruleset.cache import sha256  # without OpenSSL's start-up cost

    return sha256(data).hexdigest()

_BOMS = (  # UTF-32 first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class WriteError(InputError):
    """A fixed file that could not (or must not) be written back."""


def sniff_encoding(data: bytes, default: str = "utf-8") -> tuple[str, bytes]:
    """The codec to re-encode fixed text with, and the BOM to put back."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return ("utf-8" if codec == "utf-8-sig" else codec), bom
    return default, b""


def decode_with_encoding(data: bytes, name: str, encoding: str = "utf-8") -> tuple[str, str, bytes]:
    """Decode ``data`` as :func:`copylint.files.decode` does (BOM removed) and
    return ``(text, codec, bom)`` so that ``bom + text.encode(codec)`` gives the
    original bytes back; a text whose bytes would not come back is refused."""
    text = decode(data, name, "strict", encoding)  # strips exactly one BOM, as ``bom`` records
    codec, bom = sniff_encoding(data, encoding)
    try:
        same = encode(text, codec, bom) == data
    except UnicodeEncodeError:
        same = False
    if not same:
        raise InputError(name, f"its bytes do not survive decoding as {codec}: not fixed")
    return text, codec, bom


def encode(text: str, codec: str, bom: bytes) -> bytes:
    return bom + text.encode(codec)


@dataclass(frozen=True)
class SourceFile:
    """A file as read for fixing: its text (BOM removed), how to encode it
    again, and what it looked like on disk when read."""

    path: Path
    text: str
    codec: str
    bom: bytes
    size: int
    mtime_ns: int
    digest: str

    @classmethod
    def read(cls, path: Path, read: ReadOptions = DEFAULT_READ) -> "SourceFile":
        name = str(path)
        try:
            info = os.stat(path)
        except OSError as exc:
            raise describe_os_error(name, exc) from None
        # Never blocks on a FIFO or device; binary and oversized files are
        # skipped, so they are never rewritten.
        data = read_bytes(path, read.max_size)
        text, codec, bom = decode_with_encoding(data, name, read.encoding)
        return cls(path, text, codec, bom, info.st_size, info.st_mtime_ns,
                   _sha256(data))

    def encode(self, text: str) -> bytes:
        return encode(text, self.codec, self.bom)

    def unchanged_on_disk(self) -> bool:
        try:
            info = self.path.stat()
            if info.st_size != self.size or info.st_mtime_ns != self.mtime_ns:
                return False
            return _sha256(self.path.read_bytes()) == self.digest
        except OSError:
            return False

    def write(self, text: str) -> None:
        """Atomically replace the file with ``text`` in the original encoding."""
        write_atomic(self, self.encode(text))


def is_read_only(path: Path) -> bool:
    """True when the file is not writable: no owner write bit (checked even
    for root, who could write anyway), or no write access for this user."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not mode & stat.S_IWUSR or not os.access(path, os.W_OK)


TEMP_SUFFIX = ".copylint-tmp"


def remove_stale_temporaries(target: Path) -> None:
    """Delete temporary files a killed copylint left beside ``target``
    (``.NAME.PID.xxxx.copylint-tmp`` whose process no longer runs); a live
    run's temporary file is never touched."""
    prefix = f".{target.name}."
    try:
        names = [n for n in os.listdir(target.parent) if n.startswith(prefix) and n.endswith(TEMP_SUFFIX)]
    except OSError:
        return
    for name in names:
        pid = name[len(prefix):].split(".", 1)[0]
        if pid.isdigit() and not _process_alive(int(pid)):
            try:
                os.unlink(target.parent / name)
            except OSError:
                pass


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but not ours to signal
    return True


def _sync_directory(directory: Path) -> None:
    """Make the rename durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(source: SourceFile, data: bytes) -> None:
    """Write ``data`` over ``source.path`` via a temporary file and ``os.replace``.

    The target of a symbolic link is replaced (the link stays a link).  Mode
    bits are copied; ownership too when permitted."""
    name = str(source.path)
    target = Path(os.path.realpath(source.path))
    if is_read_only(target):
        raise WriteError(name, "read-only file, not fixed")
    if not source.unchanged_on_disk():
        raise WriteError(name, "changed on disk while copylint was fixing it, not overwritten")
    info = target.stat()
    import tempfile  # only when a file is written

    remove_stale_temporaries(target)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.",
                                    suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, stat.S_IMODE(info.st_mode))
        if hasattr(os, "chown"):
            try:
                os.chown(tmp_name, info.st_uid, info.st_gid)
            except OSError:
                pass  # not permitted: the file now belongs to whoever fixed it
        os.replace(tmp_name, target)
        _sync_directory(target.parent)
    except OSError as exc:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise WriteError(name, f"cannot write: {exc.strerror or exc}") from None
