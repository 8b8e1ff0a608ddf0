"""Reading a file for fixing and writing the fixed text back safely.

A fixed file keeps its encoding (UTF-8, UTF-8 with a byte order mark, UTF-16
with a BOM), its line endings (fixes never touch a line break they did not
match) and its permissions.  The write is atomic: the new bytes go to a
temporary file in the same directory, which then replaces the original with
``os.replace``, so a reader never sees half a file.  A read-only file is
reported, never forced; a file that changed on disk after it was read is not
overwritten, and a write by another program during the rename is never lost
(see :func:`write_atomic`).  A hard-linked file is rewritten in place, so its
links survive.  Every failure is a one-line :class:`WriteError`.
"""

from __future__ import annotations

import codecs
import errno
import os
import signal
import stat
import sys
import time
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from ..errors import InputError
from ..inputs.files import DEFAULT_READ, ReadOptions, decode, describe_os_error, read_bytes
from ..ruleset.signed_store import sha256


def _sha256(data: bytes) -> str:
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
    """Decode ``data`` as :func:`copylint.inputs.files.decode` does (BOM removed) and
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


#: Linux file leases (``fcntl(2)``): while copylint holds a read lease on a
#: file, another process that opens it for writing waits, and copylint sees it.
_F_SETLEASE = getattr(fcntl, "F_SETLEASE", None) if fcntl else None
_F_GETLEASE = getattr(fcntl, "F_GETLEASE", None) if fcntl else None
_F_SETSIG = 10  # Linux; the lease-break signal becomes SIGURG, which is ignored by default
#: How long a file that another program holds open for writing is waited for.
_BUSY_WAIT = 0.5
#: The suffix of the copy of a hard-linked file's original, kept until its
#: in-place rewrite is complete (after a crash, it holds the original).
ORIGINAL_SUFFIX = ".copylint-orig"


class _Watch:
    """An open read-only descriptor of the file being replaced, with a read
    lease when the system grants one.  ``disturbed()`` says whether another
    process wrote to the file, or is waiting to open it for writing, since
    the file was found unchanged."""

    def __init__(self, target: Path):
        self.fd = os.open(target, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0))
        self.leased = False
        self._stat: os.stat_result | None = None

    def lease(self) -> bool:
        """Take a read lease; False when another process has the file open for
        writing right now (the lease is refused).  Without lease support the
        watch still compares the file's size and time stamps."""
        if _F_SETLEASE is None or sys.platform != "linux":
            return True
        deadline = time.monotonic() + _BUSY_WAIT
        while True:
            try:
                fcntl.fcntl(self.fd, _F_SETSIG, signal.SIGURG)
                fcntl.fcntl(self.fd, _F_SETLEASE, fcntl.F_RDLCK)
            except OSError as exc:
                if exc.errno != errno.EAGAIN:
                    return True  # not ours, or not supported here: size and time checks only
                if time.monotonic() > deadline:
                    return False
                time.sleep(0.01)
                continue
            self.leased = True
            return True

    def matches(self, source: "SourceFile", path: Path) -> bool:
        """The descriptor's file is still at ``path`` and holds what was read."""
        info = os.fstat(self.fd)
        try:
            named = os.stat(path)
        except OSError:
            return False
        if (named.st_dev, named.st_ino) != (info.st_dev, info.st_ino):
            return False
        if info.st_size != source.size or info.st_mtime_ns != source.mtime_ns:
            return False
        if _sha256(self.read_all()) != source.digest:
            return False
        self._stat = info
        return True

    def read_all(self) -> bytes:
        os.lseek(self.fd, 0, os.SEEK_SET)
        chunks = []
        while chunk := os.read(self.fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)

    def disturbed(self) -> bool:
        if self.fd < 0:
            return False  # closed before the rename (Windows): nothing more to see
        if self.leased and fcntl.fcntl(self.fd, _F_GETLEASE) != fcntl.F_RDLCK:
            return True  # a process is waiting to open the file for writing
        info = os.fstat(self.fd)
        assert self._stat is not None
        return (info.st_size, info.st_mtime_ns) != (self._stat.st_size, self._stat.st_mtime_ns)

    def release(self) -> None:
        """Give the lease back (the size and time checks remain)."""
        if self.leased:
            fcntl.fcntl(self.fd, _F_SETLEASE, fcntl.F_UNLCK)
            self.leased = False

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)  # releases the lease: a waiting writer goes on
            self.fd = -1


def _describe(exc: OSError, what: str = "") -> str:
    reason = {errno.EACCES: "permission denied", errno.EPERM: "operation not permitted",
              errno.EROFS: "read-only file system", errno.ENOSPC: "no space left on device",
              errno.EDQUOT: "disk quota exceeded"}.get(exc.errno or 0, (exc.strerror or str(exc)).lower())
    return f"{what}: {reason}" if what else reason


def write_atomic(source: SourceFile, data: bytes) -> None:
    """Write ``data`` over ``source.path`` via a temporary file and ``os.replace``.

    The target of a symbolic link is replaced (the link stays a link).  Mode
    bits (setuid, setgid and sticky included) are copied, ownership too when
    permitted.  A file with more than one hard link is rewritten in place (see
    :func:`_write_in_place`), so that every name keeps seeing it.

    The file must still hold what was read: checked under a read lease (Linux)
    just before the rename, and again after it; a write by another process in
    between puts the original (with that write) back.  Every failure is a
    :class:`WriteError`, never an ``OSError``."""
    name = str(source.path)
    target = Path(os.path.realpath(source.path))
    if is_read_only(target):
        raise WriteError(name, "read-only file, not fixed")
    remove_stale_temporaries(target)  # first: a killed run's second name would count as a hard link
    try:
        watch = _Watch(target)
    except OSError as exc:
        raise WriteError(name, f"cannot write: {_describe(exc)}") from None
    try:
        if not watch.lease():
            raise WriteError(name, "another program has it open for writing, not fixed")
        if not watch.matches(source, target):
            raise WriteError(name, "changed on disk while copylint was fixing it, not overwritten")
        info = os.fstat(watch.fd)
        if info.st_nlink > 1:
            _write_in_place(name, target, data, watch)
        else:
            _replace(name, target, data, info, watch)
    except OSError as exc:
        raise WriteError(name, f"cannot write: {_describe(exc)}") from None
    finally:
        watch.close()


def _temporary(name: str, target: Path, suffix: str = TEMP_SUFFIX) -> tuple[int, str]:
    import tempfile  # with random: only when a fix is written

    try:
        return tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=suffix)
    except OSError as exc:
        raise WriteError(name, "cannot write: " + _describe(exc, f"cannot create a file in {target.parent}")) from None


def _write_synced(fd: int, data: bytes) -> None:
    """Write ``data`` to the new file open at ``fd``, on disk before it is closed."""
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _replace(name: str, target: Path, data: bytes, info: os.stat_result, watch: _Watch) -> None:
    fd, tmp_name = _temporary(name, target)
    backup = None
    try:
        _write_synced(fd, data)
        if hasattr(os, "chown"):  # before chmod: changing the owner clears setuid and setgid
            try:
                os.chown(tmp_name, info.st_uid, info.st_gid)
            except OSError:
                try:
                    os.chown(tmp_name, -1, info.st_gid)
                except OSError:
                    pass  # not permitted: the file now belongs to whoever fixed it
        os.chmod(tmp_name, stat.S_IMODE(info.st_mode))
        # A second name for the original: if a write reaches it around the
        # rename, it comes back, that write included.
        backup = _link_backup(target)
        if watch.disturbed():
            raise WriteError(name, "changed on disk while copylint was fixing it, not overwritten")
        if os.name == "nt":
            watch.close()  # Windows cannot rename over an open file
        os.replace(tmp_name, target)
        tmp_name = None
        if watch.disturbed():
            if backup is not None:
                os.replace(backup, target)
                backup = None
                raise WriteError(name, "changed on disk while copylint was writing it; "
                                       "the original (with that change) is back, not fixed")
            raise WriteError(name, "changed on disk while copylint was writing it (that change "
                                   "may be lost: the file system keeps no second name)")
        _sync_directory(target.parent)
    finally:
        for leftover in (tmp_name, backup):
            if leftover is not None:
                try:
                    os.unlink(leftover)
                except OSError:
                    pass


def _link_backup(target: Path) -> str | None:
    import secrets

    backup = str(target.parent / f".{target.name}.{os.getpid()}.old{secrets.token_hex(4)}{TEMP_SUFFIX}")
    try:
        os.link(target, backup)
    except OSError:
        return None  # no hard links here: the check after the rename still reports
    return backup


def _write_in_place(name: str, target: Path, data: bytes, watch: _Watch) -> None:
    """Rewrite a hard-linked file in its own inode, so every link sees the fix
    (a rename would give this name a new file and leave the others behind).

    The original bytes are first copied to ``.NAME.PID.….copylint-orig``
    beside it, removed once the new bytes are on disk: a write that fails (or
    a crash) mid-way leaves that copy to restore from.  Unlike a rename, this
    is not atomic, and another program's write between the last check and
    the rewrite would be lost (the window is a few system calls long)."""
    original = watch.read_all()
    keep_fd, keep = _temporary(name, target, ORIGINAL_SUFFIX)
    started = False
    try:
        _write_synced(keep_fd, original)
        if watch.disturbed():
            raise WriteError(name, "changed on disk while copylint was fixing it, not overwritten")
        watch.release()  # our own open for writing would break the lease and wait for it
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            if watch.disturbed():
                raise WriteError(name, "changed on disk while copylint was fixing it, not overwritten")
            started = True
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.ftruncate(fd, len(data))
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        if started:
            raise WriteError(name, f"cannot write: {_describe(exc)} while rewriting it in place; "
                                   f"its original is in {keep}") from None
        raise
    finally:
        if not started or os.path.exists(keep) and _complete(target, data):
            os.unlink(keep)


def _complete(target: Path, data: bytes) -> bool:
    try:
        return target.read_bytes() == data
    except OSError:
        return False
