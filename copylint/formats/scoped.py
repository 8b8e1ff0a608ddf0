"""A document read as Vale reads it: its scoped blocks, in order.

Markdown, MDX, HTML and Org are walked into blocks whose scope names where
they stand (``text.heading.h2.md``, ``text.list.md``, ``text.attr.alt``…,
:mod:`.blocks`, :mod:`.org`); a plain text is one ``text`` block; a source
file is its comments (:mod:`.code_comments`); every document also has a
``summary`` block (its prose, for metrics) where Vale has one, and a
``raw`` block (the file as it is).  ``BlockIgnores`` are blanked and
``TokenIgnores`` masked first.  Comments (``<!-- vale … -->``) are handed to
``on_comment`` as the walk passes them; each block carries the comment state
at its end and, when a comment changes it inside the block, the states over
it (``marks``).  :func:`place` finds a block's match in the source (line
and column), :func:`comments_at` the comment state at a source offset.

A front end asks for a document's blocks with a reader option,
:class:`ScopedReading` (the extension the scopes go by, what of its
configuration shapes the blocks, its comment policy);
:func:`read_document` reads them once and the document carries them
(``Document.scoped``, a :class:`ScopedBlocks`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Callable

import regex

from ..document.model import Document
from .blocks import Block, Walker, blank, html_events, markdown_events, strip_front_matter
from .code_comments import LINE_COMMENT, code_comment_blocks
from .org import org_events

MARKDOWN_EXTS = {".md", ".markdown", ".mdown", ".mkd", ".mkdn"}
MDX_EXTS = {".mdx"}
HTML_EXTS = {".html", ".htm", ".xhtml"}
ORG_EXTS = {".org"}
MARKUP_EXTS = MARKDOWN_EXTS | MDX_EXTS | HTML_EXTS | ORG_EXTS
TEXT_EXTS = {".txt", ".text"}
_MDX_COMMENT = re.compile(r"\{/\*(.*?)\*/\}", re.S)
_DISPLAY_MATH = re.compile(r"(?ms)^[ \t]*\$\$.*?\$\$[ \t]*$")

#: (source offset, comment state from there on)
Marks = list[tuple[int, dict[str, bool]]]


@dataclass
class Piece:
    """One block to lint, with the comment state it is linted under."""

    block: Block
    comments: dict[str, bool]
    marks: Marks | None = None
    #: running text: its paragraphs (when ``paragraphs``) and sentences too
    prose: bool = False
    paragraphs: bool = True


@dataclass
class ScopeOptions:
    """What of Vale's configuration shapes the blocks of one file."""

    block_ignores: list[str]
    token_ignores: list[str]
    skipped_scopes: list[str]
    ignored_scopes: list[str]
    ignored_classes: list[str]


@dataclass(frozen=True)
class ScopedReading:
    """The reader option of a document read into scoped blocks."""

    #: the extension Vale's sections and scopes go by (``.md``, ``.txt``…)
    ext: str
    options: ScopeOptions
    #: called with each comment's text and the comment state, as the walk passes it
    on_comment: Callable[[str, dict[str, bool]], None]


@dataclass
class ScopedBlocks:
    """A document's scoped blocks, as :func:`read_scoped` reads them."""

    #: the text they were read from (every line break ``\n``)
    content: str
    pieces: list[Piece]
    #: the markup's metrics (how many headings, lists…)
    metrics: dict[str, int]


def read_document(doc: Document, reading: ScopedReading) -> ScopedBlocks:
    """The scoped blocks of ``doc`` (read on the first call, then carried
    by the document as ``doc.scoped``).  Line breaks are read as ``\n``,
    as Vale reads them: lines, and so columns, are the same."""
    if doc.scoped is None:
        content = doc.text.replace("\r\n", "\n").replace("\r", "\n")
        pieces, metrics = read_scoped(content, reading.ext, reading.options, reading.on_comment)
        doc.scoped = ScopedBlocks(content, pieces, metrics)
    blocks: ScopedBlocks = doc.scoped
    return blocks


def read_scoped(content: str, ext: str, options: ScopeOptions,
                on_comment: Callable[[str, dict[str, bool]], None]) -> tuple[list[Piece], dict[str, int]]:
    """The pieces of a text (line breaks ``\\n``) in the order Vale lints
    them, and the markup's metrics (how many headings, lists… for
    ``metric`` rules)."""
    whole = list(range(len(content)))
    pieces: list[Piece] = []
    metrics: dict[str, int] = {}
    if ext in MARKUP_EXTS:
        metrics = _markup(content, ext, options, on_comment, pieces)
    elif ext in TEXT_EXTS:
        pieces.append(Piece(Block(content, "text" + ext, whole), {}, prose=True))
        pieces.append(Piece(Block(content, "summary" + ext, whole), {}))
    elif ext in LINE_COMMENT:
        ignored = set(options.ignored_scopes)
        pieces += [Piece(block, {}, prose=True, paragraphs=False) for block in code_comment_blocks(content, ext)
                   if block.scope[: -len(ext)] not in ignored]
    else:
        pieces.append(Piece(Block(content, "text" + ext, whole), {}))
    pieces.append(Piece(Block(content, "raw" + ext, whole), {"off": False}))
    return pieces, metrics


def _markup(content: str, ext: str, options: ScopeOptions, on_comment: Callable[[str, dict[str, bool]], None],
            pieces: list[Piece]) -> dict[str, int]:
    scope_ext = ".md" if ext in MARKDOWN_EXTS else ext
    walker = Walker(content, scope_ext, options.skipped_scopes, options.ignored_scopes,
                    options.ignored_classes, on_comment)
    result = walker.walk(_events(_apply_ignores(content, ext, options), ext))
    for block, comments in result.blocks:
        pieces.append(Piece(block, comments, _marks_within(result.marks, block),
                            prose=block.scope == "text" + scope_ext))
    comments = {k: (v if k == "off" else False) for k, v in result.final_comments.items()}
    pieces.append(Piece(Block(result.summary, "summary" + scope_ext, [-1] * len(result.summary)), comments))
    return result.metrics


def _events(prepared: str, ext: str) -> list:
    if ext in MDX_EXTS:
        prepared = _MDX_COMMENT.sub(lambda m: "<!--" + m.group(1) + "-->", prepared)
    if ext in HTML_EXTS:
        return html_events(prepared)
    if ext in ORG_EXTS:
        return org_events(prepared)
    return markdown_events(_DISPLAY_MATH.sub(lambda m: blank(m.group()), strip_front_matter(prepared)))


def _apply_ignores(content: str, ext: str, options: ScopeOptions) -> str:
    """``BlockIgnores`` blanked, ``TokenIgnores`` masked as inline code."""
    for pattern in options.block_ignores:
        try:
            content = regex.sub(pattern, lambda m: blank(m.group()), content, flags=regex.M)
        except regex.error:
            continue
    for pattern in options.token_ignores:
        try:
            content = regex.sub(pattern, _org_code if ext in ORG_EXTS else _code_span, content)
        except regex.error:
            continue
    return content


def _org_code(m: "regex.Match[str]") -> str:
    text = m.group()
    if len(text) < 3 or "\n" in text:
        return blank(text)
    return "=" + "x" * (len(text) - 2) + "="


def _code_span(m: "regex.Match[str]") -> str:
    text = m.group()
    if len(text) < 3 or "\n" in text:
        return blank(text)
    return "`" + "x" * (len(text) - 2) + "`"


def _marks_within(marks: Marks, block: Block) -> Marks | None:
    """When comments change the state inside a block: the states over it
    (the one at its start first), else None (the block-end state holds)."""
    mapped = [o for o in block.source_map if o >= 0]
    if not mapped or not marks:
        return None
    first, last = min(mapped), max(mapped)
    inside = [m for m in marks if first < m[0] <= last]
    if not inside:
        return None
    before = [m for m in marks if m[0] <= first]
    return [(-1, before[-1][1] if before else {})] + inside


def place(content: str, line_starts: list[int], block: Block, start: int, match: str,
          anchored: bool) -> tuple[int, int, int] | None:
    """(offset, line, column) in ``content`` of ``match`` found at ``start``
    in ``block`` (``anchored``: the block's source map places it), or None
    when it is not in the source; an empty match is at line 1, column 1
    (offset -1)."""
    if match == "":
        return -1, 1, 1
    offset = block.source_offset(start) if anchored else -1
    if offset < 0:
        offset = _search(content, block, match, start)
    if offset < 0 and match.split():
        # not in the source as written (an entity such as &#160;):
        # like Vale, column 1 of the line where its first word is
        at = _search(content, block, match.split()[0], start)
        offset = line_starts[bisect.bisect_right(line_starts, at) - 1] if at >= 0 else -1
    if offset < 0:
        return None
    line = bisect.bisect_right(line_starts, offset)
    return offset, line, offset - line_starts[line - 1] + 1


def _search(content: str, block: Block, match: str, start: int) -> int:
    """Fallback placement: the match searched for in the source, from where
    the block (or the nearest mapped character before the match) begins."""
    known = [o for o in block.source_map[: start + 1] if o >= 0]
    origin = known[-1] - (start - len(known) + 1) if known else 0
    base = max(0, min(o for o in block.source_map if o >= 0)) if any(o >= 0 for o in block.source_map) else 0
    for begin in (max(origin, base), base, 0):
        at = content.find(match, begin)
        if at >= 0:
            return at
    return -1


def comments_at(marks: Marks, offset: int) -> dict[str, bool]:
    """The comment state at a source offset."""
    state = marks[0][1]
    for at, value in marks:
        if at > offset:
            break
        state = value
    return state
