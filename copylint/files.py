"""Reading documents from disk and finding them in directories."""

from __future__ import annotations

import codecs
import os
from pathlib import Path
from typing import Iterator

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


def discover(paths: list[Path], extensions: tuple[str, ...] = DEFAULT_EXTENSIONS) -> Iterator[Path]:
    """Files to lint: explicit files as given, directories walked recursively
    (hidden entries skipped, symlinked directories not followed) for files
    with one of ``extensions``.  Sorted within each directory."""
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and os.path.splitext(name)[1].lower() in extensions:
                        yield Path(root) / name
        else:
            yield path
