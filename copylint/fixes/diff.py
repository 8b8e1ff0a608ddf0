"""Unified diffs of fixed text, line endings kept exactly as in the file."""

from __future__ import annotations

import difflib
import re

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
NO_NEWLINE = "\\ No newline at end of file\n"


def split_lines(text: str) -> list[str]:
    """Lines with their own line break (CRLF, CR or LF; nothing else splits)."""
    return _LINE.findall(text)


def unified_diff(before: str, after: str, path: str, context: int = 3) -> str:
    """``diff -u`` style: ``--- path`` / ``+++ path`` headers (apply with
    ``patch -p0``); a last line without a line break is marked as diff does."""
    out: list[str] = []
    for line in difflib.unified_diff(split_lines(before), split_lines(after),
                                     fromfile=path, tofile=path, n=context, lineterm="\n"):
        if line.startswith(("---", "+++", "@@")) and line.endswith("\n"):
            out.append(line)
        elif line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n" + NO_NEWLINE)
    return "".join(out)
