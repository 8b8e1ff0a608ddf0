"""Positions: copylint counts in code points, an LSP client in the units of
the negotiated position encoding (UTF-16 code units unless the client offers
UTF-8 or UTF-32).

Lines are split as the protocol splits them (``\\n``, ``\\r\\n``, ``\\r``; a
U+2028 or a form feed does not end a line), so a highlight after an emoji, a
CJK supplementary character or a pasted line separator lands where the editor
shows the text.  Nothing here imports the LSP library: the conversions are
plain functions over a text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
ENCODINGS = (UTF8, UTF16, UTF32)

_BREAK = re.compile(r"\r\n|\r|\n")
_ASTRAL = re.compile(r"[\U00010000-\U0010FFFF]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def units(text: str, encoding: str) -> int:
    """Length of ``text`` in the encoding's code units."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF16:
        return len(text) + len(_ASTRAL.findall(text))
    if not _NON_ASCII.search(text):
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


def code_points(line: str, count: int, encoding: str) -> int:
    """How many code points of ``line`` the first ``count`` code units cover.
    A count that falls inside a character (half a surrogate pair, part of a
    UTF-8 sequence) is rounded down to the character's start; a count past the
    line's end is clamped to it, as the protocol asks."""
    if count <= 0:
        return 0
    if encoding == UTF32 or (encoding == UTF16 and not _ASTRAL.search(line)) or (
            encoding == UTF8 and not _NON_ASCII.search(line)):
        return min(count, len(line))
    used = 0
    for i, char in enumerate(line):
        width = units(char, encoding)
        if used + width > count:
            return i
        used += width
    return len(line)


@dataclass
class LineIndex:
    """Start offset (in code points) of every line of a text."""

    text: str
    starts: list[int]

    @classmethod
    def of(cls, text: str) -> "LineIndex":
        return cls(text, [0, *(m.end() for m in _BREAK.finditer(text))])

    def line_of(self, offset: int) -> int:
        """0-based line of a code-point offset (a line break belongs to its line)."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def line_text(self, line: int) -> str:
        """The line without its line break."""
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        text = self.text[start:end]
        return text.rstrip("\r\n") if text.endswith(("\r", "\n")) else text

    def line_end(self, line: int) -> int:
        """Offset of the end of the line, before its line break."""
        return self.starts[line] + len(self.line_text(line))

    def position(self, offset: int, encoding: str = UTF16) -> tuple[int, int]:
        """(line, character) in the encoding's units for a code-point offset."""
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        start = self.starts[line]
        return line, units(self.text[start:offset], encoding)

    def offset(self, line: int, character: int, encoding: str = UTF16) -> int:
        """Code-point offset of an LSP position; a line past the end is the
        end of the text, a character past the line's end is the line's end."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        return self.starts[line] + code_points(self.line_text(line), character, encoding)


def apply_change(text: str, start: tuple[int, int], end: tuple[int, int], new_text: str,
                 encoding: str = UTF16) -> str:
    """``text`` with the range ``start``-``end`` (LSP line/character pairs)
    replaced by ``new_text``: one incremental ``didChange`` event."""
    index = LineIndex.of(text)
    a = index.offset(*start, encoding)
    b = index.offset(*end, encoding)
    if b < a:
        a, b = b, a
    return text[:a] + new_text + text[b:]
