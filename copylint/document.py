"""The document model: text -> lines, blocks (paragraphs), sentences and word tokens.

Every piece carries character offsets into ``Document.text`` (the decoded
source, BOM removed).  Checks scan ``Document.prose``: the same string with
everything that is not prose (code, URLs, markup — decided by the format
reader) blanked to spaces, so that an offset found in the prose is an offset in
the source.  Line and column numbers are derived from offsets only at the end.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from .sentences import split_sentences

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BLANK_LINES = re.compile(r"(?:[ \t\f\v]*(?:\r\n|\r(?!\n)|\n)){2,}")
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Token(Span):
    text: str


@dataclass(frozen=True, slots=True)
class Sentence(Span):
    text: str


class Document:
    """A text to lint, with the positions of its lines, blocks and sentences."""

    def __init__(
        self,
        text: str,
        path: str = "<text>",
        prose: str | None = None,
        block_breaks: list[int] | None = None,
    ) -> None:
        if text.startswith("\ufeff"):
            text = text[1:]
            if prose is not None and prose.startswith("\ufeff"):
                prose = prose[1:]
        self.text = text
        self.path = path
        self.prose = text if prose is None else prose
        if len(self.prose) != len(self.text):
            raise ValueError("prose must have the same length as text")
        self._block_breaks = block_breaks

    # -- lines -------------------------------------------------------------
    @cached_property
    def line_starts(self) -> list[int]:
        return [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset, counted in characters."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_text(self, line: int) -> str:
        """Line ``line`` (1-based) without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    # -- blocks --------------------------------------------------------------
    @cached_property
    def block_breaks(self) -> list[int]:
        """Offsets where a new block (paragraph, heading, list item…) starts."""
        if self._block_breaks is not None:
            return sorted(self._block_breaks)
        return [m.end() for m in _BLANK_LINES.finditer(self.prose)]

    def same_block(self, start: int, end: int) -> bool:
        """True when no block boundary lies strictly inside ``start..end``."""
        breaks = self.block_breaks
        i = bisect.bisect_right(breaks, start)
        return i >= len(breaks) or breaks[i] >= end

    @cached_property
    def blocks(self) -> list[Span]:
        edges = [0, *self.block_breaks, len(self.prose)]
        spans = []
        for start, end in zip(edges, edges[1:]):
            chunk = self.prose[start:end]
            stripped = chunk.strip()
            if stripped:
                lead = len(chunk) - len(chunk.lstrip())
                spans.append(Span(start + lead, start + lead + len(stripped)))
        return spans

    # -- sentences and tokens ----------------------------------------------
    @cached_property
    def sentences(self) -> list[Sentence]:
        found: list[Sentence] = []
        for block in self.blocks:
            for start, end in split_sentences(self.prose, block.start, block.end):
                found.append(Sentence(start, end, self.prose[start:end]))
        return found

    @cached_property
    def tokens(self) -> list[Token]:
        return [Token(m.start(), m.end(), m.group()) for m in WORD.finditer(self.prose)]
