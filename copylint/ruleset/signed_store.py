"""Files of plain data in a private directory, signed with a per-user secret.

The rule cache must not be a way to run code as the user running copylint:

- the directory is created ``0700`` whatever the umask, and refused (a
  one-line note on standard error, once per process) when it is not a
  directory owned by the user or is writable by its group or others;
- a file holds :mod:`marshal` data of plain values only (str, int, float,
  bool, None, bytes, tuple, list, dict) — never pickles, whose loading calls
  arbitrary code — behind an HMAC-SHA256 keyed by a secret of 32 random
  bytes in ``<dir>/secret`` (created ``0600``; refused when it is not the
  user's own or is readable by others).  A file whose signature does not match
  is ignored, so nothing another user (or a copied cache) writes is loaded.

Every failure (missing, corrupt, unsigned, unwritable) reads as "not cached".
"""

from __future__ import annotations

import marshal
import os
import stat
import sys
from _operator import _compare_digest
from pathlib import Path
from typing import Any

MAGIC = b"copylint-signed-1\n"
SECRET_NAME = "secret"
_DIGEST = 32
_BLOCK = 64
#: Directories already checked in this process (path -> usable?), and the
#: notes already printed.
_checked: dict[str, bool] = {}
_secrets: dict[str, bytes] = {}


def sha256(data: bytes = b""):  # noqa: ANN201 - a hashlib-style hash object
    """SHA-256 from CPython's built-in module when there is one: importing
    :mod:`hashlib` loads OpenSSL, a few milliseconds of every start."""
    try:
        from _sha2 import sha256 as built_in  # type: ignore[import-not-found]  # Python >= 3.12
    except ImportError:
        try:
            from _sha256 import sha256 as built_in  # type: ignore[import-not-found,no-redef]
        except ImportError:
            from hashlib import sha256 as built_in  # type: ignore[assignment]
    return built_in(data)


def note(message: str) -> None:
    """One line on standard error, once per process."""
    if message not in _noted:
        _noted.add(message)
        try:
            sys.stderr.write(f"copylint: note: {message}\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass


_noted: set[str] = set()


def _sha256(data: bytes = b""):  # noqa: ANN202
    return sha256(data)


def _hmac(key: bytes, data: bytes) -> bytes:
    """HMAC-SHA256 (RFC 2104) with the built-in SHA-256: :mod:`hmac` imports
    :mod:`hashlib` and OpenSSL, milliseconds of every start."""
    if len(key) > _BLOCK:
        key = _sha256(key).digest()
    key = key.ljust(_BLOCK, b"\0")
    inner = _sha256(bytes(b ^ 0x36 for b in key))
    inner.update(data)
    outer = _sha256(bytes(b ^ 0x5C for b in key))
    outer.update(inner.digest())
    return outer.digest()


def _unsafe_reason(info: os.stat_result, what: str) -> str | None:
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        return f"{what} is owned by another user (uid {info.st_uid})"
    if info.st_mode & 0o022:
        return f"{what} is writable by others (mode {stat.S_IMODE(info.st_mode):04o})"
    return None


def private_dir(directory: Path, create: bool = True) -> bool:
    """Is ``directory`` safe to keep signed files in (creating it ``0700``
    when missing)?  Says why not, once, on standard error."""
    key = str(directory)
    if key in _checked:
        return _checked[key]
    usable = False
    try:
        try:
            info = os.stat(directory)
        except FileNotFoundError:
            if not create:
                return False  # not remembered: a write may create it
            _make_private(directory)
            info = os.stat(directory)
        if not stat.S_ISDIR(info.st_mode):
            reason: str | None = "it is not a directory"
        else:
            reason = _unsafe_reason(info, "the directory")
        if reason is None:
            usable = True
        else:
            hint = f" (chmod go-w {directory} to use it)" if "writable" in reason \
                and info.st_uid == getattr(os, "geteuid", lambda: info.st_uid)() else ""
            note(f"not using the rule cache {directory}: {reason}; rules are read from their YAML files{hint}")
    except OSError:
        usable = False  # cannot be created (read-only file system…): silently uncached
    _checked[key] = usable
    return usable


def _make_private(directory: Path) -> None:
    """``mkdir -p`` whose every new directory is ``0700`` (the umask cannot
    widen it, and a new ``~/.cache`` is private too)."""
    missing = []
    current = directory
    while not os.path.exists(current):
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue
        os.chmod(path, 0o700)


def _secret(directory: Path) -> bytes | None:
    key = str(directory)
    if key in _secrets:
        return _secrets[key]
    path = directory / SECRET_NAME
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:  # another copylint made it just now
            return _secret(directory)
        except OSError:
            return None
        try:
            secret = os.urandom(32)
            os.write(fd, secret)
            os.fsync(fd)
        finally:
            os.close(fd)
        _secrets[key] = secret
        return secret
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        reason = _unsafe_reason(info, "its secret")
        if reason is None and info.st_mode & 0o044:
            reason = f"its secret is readable by others (mode {stat.S_IMODE(info.st_mode):04o})"
        if reason is None and not stat.S_ISREG(info.st_mode):
            reason = "its secret is not a regular file"
        data = os.read(fd, 64)
    finally:
        os.close(fd)
    if reason is not None:
        note(f"not using the rule cache {directory}: {reason}; rules are read from their YAML files")
        return None
    if len(data) < 32:
        return None
    _secrets[key] = data
    return data


def read_signed(path: Path) -> Any:
    """The value stored in ``path`` by :func:`write_signed`, or ``None`` when
    there is none (or it is not signed with this user's secret)."""
    directory = path.parent
    if not private_dir(directory, create=False):
        return None
    secret = _secret(directory)
    if secret is None:
        return None
    try:
        with open(path, "rb") as handle:
            blob = handle.read()
    except OSError:
        return None
    start = len(MAGIC) + _DIGEST
    if not blob.startswith(MAGIC) or len(blob) < start:
        return None
    payload = blob[start:]

    if not _compare_digest(blob[len(MAGIC):start], _hmac(secret, payload)):
        return None

    try:
        return marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None


def write_signed(path: Path, value: Any) -> bool:
    """Store ``value`` (plain data) in ``path``, signed; never fails (False
    when it could not)."""

    directory = path.parent
    if not private_dir(directory):
        return False
    secret = _secret(directory)
    if secret is None:
        return False
    try:
        payload = marshal.dumps(value)
    except ValueError:  # not plain data
        return False
    import tempfile  # with random: only when a cache file is written

    temp = None
    try:
        fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{path.stem}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(MAGIC + _hmac(secret, payload) + payload)
        os.replace(temp, path)
        return True
    except OSError:
        if temp is not None:
            try:
                os.unlink(temp)
            except OSError:
                pass
        return False
