"""The document model: text -> lines, blocks (paragraphs), sentences and word tokens.

Every piece carries character offsets into ``Document.text`` (the decoded
source, BOM removed).  Checks scan ``Document.prose``: the same string with
everything that is not prose (code, URLs, markup — decided by the format
reader) blanked to spaces, so that an offset found in the prose is an offset in
the source.  Line and column numbers are derived from offsets only at the end.

Two blanks exist.  Markup a reader looks straight through (emphasis markers,
link brackets and destinations, inline tags, the rest of an entity) becomes a
space.  Content that stands in the sentence like a word but is not prose (a
code span, a URL, an autolink) becomes :data:`OPAQUE`, a character that is
neither a word character nor white space, so that no word, gap or punctuation
pattern matches across it (``e.g. `code`.`` is not a stray full stop).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..patterns.casefold import has_case_traps
from .sentences import split_sentences

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: A run of two or more line breaks with only blanks between them.  It starts at
#: a line break (a literal-prefixed scan, much faster than starting at any
#: blank); only the end of a run is used, and that is where a block starts.
_BLANK_LINES = re.compile(r"(?:\r\n|\r(?!\n)|\n)(?:[ \t\f\v]*(?:\r\n|\r(?!\n)|\n))+")
_BLANK_LINES_LF = re.compile(r"\n(?:[ \t\f\v]*\n)+")



WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
#: Fill for non-prose content that takes the place of a word (U+FFFC OBJECT
#: REPLACEMENT CHARACTER: not ``\w``, not ``\s``).
OPAQUE = "\ufffc"
SCOPES = ("sentence", "paragraph", "document", "heading")


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


_NEW = object.__new__
_SET_START = Span.__dict__["start"].__set__
_SET_END = Span.__dict__["end"].__set__
_SET_TEXT = Sentence.__dict__["text"].__set__


def make_span(start: int, end: int) -> Span:
    """``Span(start, end)``, built without the frozen dataclass's
    ``__init__`` (two ``object.__setattr__`` calls): a third cheaper, for the
    blocks of every document."""
    span = _NEW(Span)
    _SET_START(span, start)
    _SET_END(span, end)
    return span


def _stripped(prose: str, start: int, end: int) -> Span | None:
    """``prose[start:end]`` without its blanks at either end, as a span
    (None when it is all blanks).  The blanks before it end where its first
    character first occurs: no copy of the chunk without its leading blanks."""
    chunk = prose[start:end]
    stripped = chunk.strip()
    if not stripped:
        return None
    lead = start + chunk.find(stripped[0])
    return make_span(lead, lead + len(stripped))


def make_sentence(start: int, end: int, text: str) -> Sentence:
    """``Sentence(start, end, text)``, built as :func:`make_span` builds a span."""
    sentence = _NEW(Sentence)
    _SET_START(sentence, start)
    _SET_END(sentence, end)
    _SET_TEXT(sentence, text)
    return sentence


@dataclass(frozen=True, slots=True)
class Comment(Span):
    """A comment in the source (``<!-- … -->``, or a plain-text directive
    line); ``body`` is its inner text.  Inline suppressions live in comments."""

    body: str


def find_line_starts(text: str) -> list[int]:
    """Where each line of ``text`` starts (after ``\r\n``, ``\r`` or ``\n``).
    Text without a ``\r`` has its ``\n`` found by ``str.find``: the
    pattern's alternation is tried by the regex engine at every character
    (20 µs for a 2 kB story of seven lines)."""
    if "\r" in text:
        return line_starts_by_pattern(text)
    starts = [0]
    at = text.find("\n")
    while at >= 0:
        at += 1
        starts.append(at)
        at = text.find("\n", at)
    return starts


def line_starts_by_pattern(text: str) -> list[int]:
    """:func:`find_line_starts` by the line-break pattern (the plain path)."""
    return [0] + [m.end() for m in _LINE_BREAK.finditer(text)]


class Document:
    """A text to lint, with the positions of its lines, blocks and sentences."""

    def __init__(
        self,
        text: str,
        path: str = "<text>",
        prose: str | None = None,
        block_breaks: list[int] | None = None,
        headings: list[Span] | None = None,
        comments: list[Comment] | None = None,
        protected: list[tuple[int, int]] | None = None,
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
        #: Heading spans (Markdown ``#``/setext headings, HTML ``h1``–``h6``).
        self.headings: list[Span] = sorted(headings or [], key=lambda h: h.start)
        #: Comments that may hold inline configuration (empty when disabled).
        self.comments: list[Comment] = list(comments or [])
        #: Spans linted as prose that no fix may rewrite (an HTML ``alt`` or
        #: ``title`` attribute: text inside a tag).
        self.protected: list[tuple[int, int]] = list(protected or [])
        #: Per-document results that checks share (keyed by the object computing them).
        self.memo: dict[object, object] = {}
        #: True when the site renderer turns straight quotes into curly ones
        #: (Hugo's Goldmark Typographer, Jekyll's kramdown ``smart_quotes``):
        #: a straight ``"`` or ``'`` in the prose is read as the curly mark it
        #: becomes.  Set by :func:`copylint.formats.make_document`.
        self.typographer: bool = False
        #: The format it was read as (``text``, ``markdown``…; set by
        #: :func:`copylint.formats.make_document`).
        self.source_format: str = "text"
        #: Its scoped blocks (``heading.h2``, ``list``, ``table.cell``,
        #: ``alt``, ``raw``, ``summary``…: a
        #: :class:`copylint.formats.scoped.ScopedBlocks`) once a front end
        #: whose rules match by block scope has had them read
        #: (:func:`copylint.formats.scoped.read_document`); else None.
        self.scoped: Any = None

    # -- lines -------------------------------------------------------------
    @cached_property
    def line_starts(self) -> list[int]:
        return find_line_starts(self.text)

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
        prose = self.prose
        # without CR, the same runs start with a literal LF: a faster scan
        scan = _BLANK_LINES if "\r" in prose else _BLANK_LINES_LF
        return [m.end() for m in scan.finditer(prose)]

    def same_block(self, start: int, end: int) -> bool:
        """True when no block boundary lies strictly inside ``start..end``."""
        breaks = self.block_breaks
        i = bisect.bisect_right(breaks, start)
        return i >= len(breaks) or breaks[i] >= end

    @cached_property
    def blocks(self) -> list[Span]:
        prose = self.prose
        edges = [0, *self.block_breaks, len(prose)]
        spans = []
        for start, end in zip(edges, edges[1:]):
            span = _stripped(prose, start, end)
            if span is not None:
                spans.append(span)
        return spans

    def block_around(self, offset: int) -> Span:
        """:meth:`block_at`, without finding every block of a document whose
        blocks are not known yet: the block is the stripped run of prose
        between the two block breaks around ``offset`` (as :attr:`blocks`
        builds each) when it starts at or before ``offset``; otherwise
        (blank prose, ``offset`` in the blanks before a block) :meth:`block_at`."""
        if "blocks" not in vars(self):
            breaks = self.block_breaks
            i = bisect.bisect_right(breaks, offset)
            span = _stripped(self.prose, breaks[i - 1] if i else 0, breaks[i] if i < len(breaks) else len(self.prose))
            if span is not None and span.start <= offset:
                return span
        return self.block_at(offset)

    def block_at(self, offset: int) -> Span:
        """The block that contains ``offset`` (or the nearest one before it)."""
        blocks = self.blocks
        starts = self._block_starts
        index = max(bisect.bisect_right(starts, offset) - 1, 0)
        return blocks[index] if blocks else Span(0, 0)

    @cached_property
    def _block_starts(self) -> list[int]:
        return [block.start for block in self.blocks]

    # -- case-folded view ----------------------------------------------------
    @cached_property
    def lower_prose(self) -> str | None:
        """``prose.lower()`` when a case-sensitive search of it finds exactly
        what a case-insensitive search of ``prose`` finds, else ``None``.

        Matchers scan this with case-sensitive patterns, which the regex engine
        searches much faster.  It is ``None`` when lower-casing changes a
        length (``İ``) or the text holds a character that case-insensitive
        matching treats specially (``ſ`` matches ``s``; Greek and Cyrillic
        variants): then the caller falls back to a case-insensitive scan.
        """
        prose = self.prose
        if has_case_traps(prose):
            return None
        lower = prose.lower()
        return lower if len(lower) == len(prose) else None

    @cached_property
    def lower_utf8(self) -> bytes | None:
        """:attr:`lower_prose` encoded as UTF-8 (what RE2 searches), or None."""
        lower = self.lower_prose
        if lower is None:
            return None
        try:
            return lower.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate from the API
            return None

    # -- sentences and tokens ----------------------------------------------
    @cached_property
    def sentences(self) -> list[Sentence]:
        found: list[Sentence] = []
        for block in self.blocks:
            found.extend(self.sentences_in(block))
        return found

    def sentences_in(self, block: Span) -> list[Sentence]:
        """The sentences of one block (what :attr:`sentences` holds for it)."""
        prose = self.prose
        return [make_sentence(start, end, prose[start:end])
                for start, end in split_sentences(prose, block.start, block.end)]

    @cached_property
    def tokens(self) -> list[Token]:
        return [Token(m.start(), m.end(), m.group()) for m in WORD.finditer(self.prose)]

    # -- scopes ----------------------------------------------------------------
    def unit_of(self, scope: str, offset: int) -> int | None:
        """Index of the ``scope`` unit (sentence, paragraph, heading; the
        document is unit 0) that holds ``offset``; None outside any heading."""
        if scope == "document":
            return 0
        if scope == "paragraph":
            return bisect.bisect_right(self.block_breaks, offset)
        if scope == "sentence":
            return bisect.bisect_right(self._sentence_starts, offset)
        if scope == "heading":
            i = bisect.bisect_right(self._heading_starts, offset) - 1
            if i >= 0 and offset < self.headings[i].end:
                return i
            return None
        raise ValueError(f"unknown scope {scope!r}")

    def in_scope(self, scope: str, start: int, end: int) -> bool:
        """Does ``start..end`` lie inside one unit of ``scope``?"""
        first = self.unit_of(scope, start)
        return first is not None and first == self.unit_of(scope, max(start, end - 1))

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def _heading_starts(self) -> list[int]:
        return [h.start for h in self.headings]
