"""Paths as CI systems want them: relative to the working directory, with
forward slashes, when the file lies under it."""

from __future__ import annotations

import os
from pathlib import Path, PurePath


def relative_posix(path: str) -> str:
    """``path`` relative to the current directory when it lies under it, in
    POSIX form; other paths (and ``-``) unchanged apart from the slashes."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return PurePath(path).as_posix()
    return PurePath(os.path.normpath(p)).as_posix() if str(p) not in ("", ".") else path
