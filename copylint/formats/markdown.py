"""Markdown: lint what a reader reads, at the source's own lines and columns.

markdown-it-py (CommonMark, plus GFM tables) finds the
blocks and the source lines each one spans.  Prose: paragraphs, headings,
list items, block quotes, table cells, link text, image alt text, and the
text of HTML blocks (read as HTML, see :mod:`copylint.formats.html`).  Not
prose: front matter (YAML ``---`` or TOML ``+++``), fenced and indented code,
reference definitions, container markers (``>``, ``-``, ``1.``), and, inside
a block, code spans, HTML comments, raw HTML tags, autolinks, bare URLs and
e-mail addresses, link destinations and titles, footnote references,
emphasis markers and backslashes of escapes.

markdown-it-py does not give inline positions, so each block's content lines
are located in the source line they came from, and the inline constructs are
found by a small scanner over that content (the same precedence as
CommonMark: code spans, autolinks and raw HTML before links and emphasis).
Every block is a block of the document, so no check runs across a boundary.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference

from ..document.model import Document, Span
from .html import _LOOSE_TAG, _TAG, BLOCKS, _keep_attributes, CODE, INLINE_ELEMENTS, KNOWN_ELEMENTS, REPLACED_ELEMENTS, extract_html
from .prose import ENTITY, ProseBuilder
from .sites import mask, needs_masking

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_PREFIX = re.compile(r"[\s>#*+\-\d.)]*")
_ROW_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*|[\w.!#$%&'*+/=?^`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9.\-]*[A-Za-z0-9])?)>")
_CLOSING_TAG = re.compile(r"</[A-Za-z][A-Za-z0-9\-]*\s*>")
_BARE_URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\ufffc]*[^\s<>\ufffc.,;:!?'\")\]*_]")
_URL_CLOSERS = {")": "(", "]": "["}


def _is_punct(ch: str) -> bool:
    return ch in _ASCII_PUNCT or unicodedata.category(ch).startswith(("P", "S"))


def _url_end(text: str, start: int, end: int) -> int:
    """The end of the bare URL ``text[start:end]``, taking in a closing
    bracket it opened (GFM's rule for parentheses, also for square
    brackets): ``…#getRealPath(java.lang.String)``, ``…?q=[nginx]``; a
    bracket the URL did not open is the sentence's (``(see https://x.org)``)."""
    while end < len(text) and (closer := text[end]) in _URL_CLOSERS:
        url = text[start:end]
        if url.count(_URL_CLOSERS[closer]) <= url.count(closer):
            break
        end += 1
    return end


_EMAIL = re.compile(r"\b[\w.+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+\b")
_DELIMITERS = re.compile(r"\*+|_+|~~+")
#: Anything the inline scanner acts on; a block without any is plain prose.
_INLINE_SYNTAX = re.compile(r"[\\`<&\[*_~@]|(?:https?|ftp)://|www\.")
_FRONT_MATTER_OPEN = {"---": ("---", "..."), "+++": ("+++",), "{": ("}",)}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Only the block structure is needed (inline content is scanned here, with
    # positions), so markdown-it's own inline pass is switched off.
    return MarkdownIt("commonmark").enable("table").disable("inline")


def read_markdown(text: str, path: str, inline_config: bool = True,
                  syntaxes: tuple[str, ...] = ()) -> Document:
    """Read Markdown; ``syntaxes`` names the site syntax it may hold
    (:mod:`copylint.formats.sites`), masked before the Markdown is read."""
    if syntaxes or needs_masking(text):
        masked, breaks = mask(text, syntaxes)
        if masked != text or breaks:
            doc = _read(masked, path, inline_config, breaks)
            return Document(text, path=path, prose=doc.prose, block_breaks=doc.block_breaks,
                            headings=doc.headings, comments=doc.comments, protected=doc.protected)
    return _read(text, path, inline_config)


def _read(text: str, path: str, inline_config: bool, breaks: list[int] = ()) -> Document:  # type: ignore[assignment]
    builder = ProseBuilder(text)
    builder.breaks.extend(breaks)
    lines = _Lines(text)
    skip = _front_matter_lines(text, lines)
    source = "\n" * skip + text[lines.start(skip):] if skip else text
    env: dict[str, Any] = {}
    tokens = _parser().parse(source, env)
    references = set(env.get("references", {}))
    in_table = 0
    quote_depth = 0
    heading: list[tuple[int, int]] | None = None
    for token in tokens:
        if token.type == "table_open":
            in_table += 1
        elif token.type == "table_close":
            in_table -= 1
        elif token.type == "tr_open" and token.map:
            _table_row(builder, lines, token.map[0], references)
        elif token.type == "heading_open":
            heading = []
        elif token.type == "heading_close" and heading is not None:
            if heading:
                builder.headings.append(Span(heading[0][0], heading[-1][1]))
            heading = None
        elif token.type == "inline" and not in_table and token.map:
            segments = _segments(text, lines, token.map, token.content)
            _inline(builder, segments, references)
            if heading is not None:
                heading.extend(segments)
        elif token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.type == "html_block" and token.map:
            start, end = lines.start(token.map[0]), lines.start(token.map[1])
            builder.add_break(start)
            extract_html(builder, start, end)
            if quote_depth:  # an HTML block inside a block quote: its '>' markers are no text
                _blank_quote_markers(builder, lines, token.map, quote_depth)
            _html_block_text(builder, lines, token.map, references)
    return builder.document(path, inline_config)


class _Lines:
    """Line starts of the source, counted the way :class:`Document` counts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def start(self, index: int) -> int:
        return self.starts[index] if index < len(self.starts) else len(self.text)

    def span(self, index: int) -> tuple[int, int]:
        """The line's characters, without its line break."""
        start, end = self.start(index), self.start(index + 1)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end


def _front_matter_lines(text: str, lines: _Lines) -> int:
    """How many lines of front matter open the file (0 if none)."""
    first = text[slice(*lines.span(0))].rstrip()
    closers = _FRONT_MATTER_OPEN.get(first)
    if not closers:
        return 0
    for index in range(1, len(lines.starts)):
        if text[slice(*lines.span(index))].rstrip() in closers:
            return index + 1
    return 0  # never closed: a thematic break, not front matter


def _segments(text: str, lines: _Lines, line_map: list[int], content: str) -> list[tuple[int, int]]:
    """Source spans of an inline token's content, one per line."""
    segments = []
    for i, piece in enumerate(content.split("\n")):
        index = line_map[0] + i
        if index >= line_map[1]:
            break
        piece = piece.strip()
        if not piece:
            continue
        start, end = lines.span(index)
        k = text.find(piece, start, end)
        while k >= 0 and not _PREFIX.fullmatch(text, start, k):
            k = text.find(piece, k + 1, end)
        if k < 0:  # content rewritten by the parser (tabs, NUL): take the line
            k = start + len(text[start:end]) - len(text[start:end].lstrip())
            segments.append((k, len(text[:end].rstrip()) if end > k else end))
        else:
            segments.append((k, k + len(piece)))
    return segments


_QUOTE_MARKER = re.compile(r"[ \t]{0,3}>[ \t]?")


def _blank_quote_markers(builder: ProseBuilder, lines: _Lines, line_map: list[int], depth: int) -> None:
    """Blank the ``>`` markers (``depth`` of them) opening each line of a block."""
    text = builder.text
    for index in range(line_map[0], line_map[1]):
        a, b = lines.span(index)
        k = a
        for _ in range(depth):
            m = _QUOTE_MARKER.match(text, k, b)
            if m is None:
                break  # a lazy continuation line
            k = m.end()
        if k > a:
            builder.blank(a, k)


def _html_block_text(builder: ProseBuilder, lines: _Lines, line_map: list[int],
                     references: set[str]) -> None:
    """Markdown syntax in the text of an HTML block (code spans, links, URLs,
    emphasis markers) is no prose either: the text runs the HTML reader kept
    get the inline scan of a paragraph, so that no fix reaches into a code
    span or a link's destination written inside ``<p>…</p>``."""
    text, chars = builder.text, builder.chars
    segments: list[tuple[int, int]] = []
    for index in range(line_map[0], line_map[1]):
        a, b = lines.span(index)
        k = a
        while k < b:
            if chars[k] == text[k] and not text[k].isspace():
                run = k
                while k < b and chars[k] == text[k]:
                    k += 1
                segments.append((run, len(text[run:k].rstrip()) + run))
            else:
                k += 1
    if segments and _INLINE_SYNTAX.search("".join(text[a:b] for a, b in segments)):
        _InlineScanner(builder, segments, references).run()


def _table_row(builder: ProseBuilder, lines: _Lines, index: int, references: set[str]) -> None:
    text = builder.text
    start, end = lines.span(index)
    start = _ROW_PREFIX.match(text, start, end).end()  # type: ignore[union-attr]
    edges = [start - 1] + [m.start() for m in _CELL_SPLIT.finditer(text, start, end)] + [end]
    for left, right in zip(edges, edges[1:]):
        cell = text[left + 1:right]
        stripped = cell.strip()
        if stripped:
            lead = left + 1 + len(cell) - len(cell.lstrip())
            _inline(builder, [(lead, lead + len(stripped))], references)


def _inline(builder: ProseBuilder, segments: list[tuple[int, int]], references: set[str]) -> None:
    """Keep one block's content, then blank its inline non-prose."""
    if not segments:
        return
    for start, end in segments:
        builder.keep(start, end)
    builder.add_break(segments[0][0])
    _InlineScanner(builder, segments, references).run()


class _InlineScanner:
    """Inline constructs of one block.  Works on the block's content joined
    with ``\\n`` (``self.s``); ``self.at[i]`` is the source offset of ``s[i]``."""

    def __init__(self, builder: ProseBuilder, segments: list[tuple[int, int]], references: set[str]):
        self.builder = builder
        self.references = references
        text = builder.text
        self.s = "\n".join(text[a:b] for a, b in segments)
        self.at: list[int] = []
        for n, (a, b) in enumerate(segments):
            if n:
                self.at.append(-1)
            self.at.extend(range(a, b))
        self.done = bytearray(len(self.s))  # 1 = claimed by a construct (literal or markup)

    # -- applying ---------------------------------------------------------
    def _apply(self, i: int, j: int, how: str) -> None:
        for k in range(i, j):
            self.done[k] = 1
        pieces: list[tuple[int, int]] = []
        for k in range(i, j):
            src = self.at[k]
            if src < 0:
                continue
            if pieces and pieces[-1][1] == src:
                pieces[-1] = (pieces[-1][0], src + 1)
            else:
                pieces.append((src, src + 1))
        for a, b in pieces:
            if how == "opaque":
                self.builder.opaque(a, b)
            elif how == "entity":
                self.builder.decode_entities(a, b)
            elif how == "space":
                self.builder.blank(a, b)
            # "literal": claimed, left as prose

    def run(self) -> None:
        if not _INLINE_SYNTAX.search(self.s):
            return
        self._code_html_escapes()
        self._links()
        self._urls()
        self._delimiters()

    # -- phase 1: escapes, code spans, comments, autolinks, raw HTML, entities
    def _code_html_escapes(self) -> None:
        s, n = self.s, len(self.s)
        i = 0
        while i < n:
            c = s[i]
            if c == "\\" and i + 1 < n and (s[i + 1] in _ASCII_PUNCT or s[i + 1] == "\n"):
                self._apply(i, i + 1, "space")
                self._apply(i + 1, i + 2, "literal")
                i += 2
            elif c == "`":
                run = 1
                while i + run < n and s[i + run] == "`":
                    run += 1
                close = re.compile(rf"(?<!`)`{{{run}}}(?!`)").search(s, i + run)
                if close:
                    self._apply(i, close.end(), "opaque")
                    i = close.end()
                else:
                    self._apply(i, i + run, "literal")
                    i += run
            elif c == "<":
                i = self._angle(i)
            elif c == "&" and (m := ENTITY.match(s, i)):
                self._apply(i, m.end(), "entity")
                i = m.end()
            else:
                i += 1

    def _angle(self, i: int) -> int:
        s = self.s
        if m := _COMMENT.match(s, i):
            self._apply(i, m.end(), "space")
            start, end = self.at[i], self.at[m.end() - 1] + 1
            self.builder.add_comment(start, end, m.group(1).strip())
            return m.end()
        if m := _AUTOLINK.match(s, i):
            self._apply(i, m.end(), "opaque")
            return m.end()
        loose = None
        if not (_TAG.match(s, i) or _CLOSING_TAG.match(s, i)):
            loose = _LOOSE_TAG.match(s, i)
            if loose and loose.group(1).lower() not in KNOWN_ELEMENTS:
                loose = None
        if m := (_TAG.match(s, i) or _CLOSING_TAG.match(s, i) or loose):
            name = m.group().lstrip("</").split(None, 1)[0].rstrip("/>").lower()
            if name in CODE and not m.group().startswith("</") and not m.group().endswith("/>"):
                close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(s, m.end())
                if close:  # inline <code>…</code>: like a code span, it stands for a word
                    self._apply(i, close.end(), "opaque")
                    return close.end()
            transparent = (name in INLINE_ELEMENTS or name in BLOCKS) and name not in REPLACED_ELEMENTS
            self._apply(i, m.end(), "space" if transparent else "opaque")
            if m.re is _TAG and not m.group(1) and m.group(3):
                self._read_attributes(m)
            return m.end()
        return i + 1

    def _read_attributes(self, m: "re.Match[str]") -> None:
        """An inline tag's ``alt`` and ``title`` are prose a reader sees (or
        hears): linted, and never rewritten, as in an HTML block.  A tag that
        spans lines of a quote or list item (whose prefixes are not in the
        joined text) is left blanked."""
        a, b = m.start(3), m.end(3)
        src = self.at[a]
        if src < 0 or self.at[b - 1] - src != b - 1 - a:
            return
        _keep_attributes(self.builder, src, m.group(3))

    # -- phase 2: links, images, footnote references ----------------------------
    def _links(self) -> None:
        s, done = self.s, self.done
        for i, c in enumerate(s):
            if c != "[" or done[i]:
                continue
            if i + 1 < len(s) and s[i + 1] == "^":
                close = self._free_find("]", i + 2)
                if close is not None and "\n" not in s[i:close]:
                    self._apply(i, close + 1, "opaque")
                continue
            close = self._matching_bracket(i)
            if close is None:
                continue
            opener = i - 1 if i > 0 and s[i - 1] == "!" and not done[i - 1] else i
            nxt = s[close + 1] if close + 1 < len(s) else ""
            tail: int | None = None
            if nxt == "(":
                tail = self._destination_end(close + 1)
            elif nxt == "[":
                label_end = self._free_find("]", close + 2)
                if label_end is not None:
                    label = s[close + 2:label_end] or s[i + 1:close]
                    if normalizeReference(label) in self.references:
                        tail = label_end
            elif normalizeReference(s[i + 1:close]) in self.references:
                tail = close
            if tail is None:
                continue
            self._apply(opener, i + 1, "space")
            self._apply(close, tail + 1, "space")

    def _free_find(self, char: str, start: int) -> int | None:
        for k in range(start, len(self.s)):
            if self.s[k] == char and not self.done[k]:
                return k
        return None

    def _matching_bracket(self, i: int) -> int | None:
        depth = 0
        for k in range(i, len(self.s)):
            if self.done[k]:
                continue
            if self.s[k] == "[":
                depth += 1
            elif self.s[k] == "]":
                depth -= 1
                if depth == 0:
                    return k
        return None

    def _destination_end(self, paren: int) -> int | None:
        s = self.s
        depth, k = 0, paren
        in_angle = False
        while k < len(s):
            c = s[k]
            if c == "\\":
                k += 2
                continue
            if c == "<" and k == paren + 1:
                in_angle = True
            elif c == ">" and in_angle:
                in_angle = False
            elif not in_angle and c == "(":
                depth += 1
            elif not in_angle and c == ")":
                depth -= 1
                if depth == 0:
                    return k
            k += 1
        return None

    # -- phase 3: bare URLs and e-mail addresses --------------------------------
    def _free_text(self) -> str:
        if not any(self.done):
            return self.s
        return "".join([" " if d else c for c, d in zip(self.s, self.done)])

    def _urls(self) -> None:
        free = self._free_text()
        for pattern in (_BARE_URL, _EMAIL):
            for m in pattern.finditer(free):
                if not any(self.done[m.start():m.end()]):
                    end = _url_end(free, m.start(), m.end()) if pattern is _BARE_URL else m.end()
                    self._apply(m.start(), end, "opaque")

    # -- phase 4: emphasis and strikethrough markers --------------------------
    def _delimiters(self) -> None:
        free = self._free_text()
        runs: list[tuple[int, int, str, bool, bool]] = []  # start, end, char, can open, can close
        s = self.s  # neighbours as written: ``*[link](x)*`` flanks a bracket
        for m in _DELIMITERS.finditer(free):
            before = s[m.start() - 1] if m.start() else " "
            after = s[m.end()] if m.end() < len(s) else " "
            if before.isspace() and after.isspace():
                continue  # a literal '*' between spaces
            if m.group()[0] == "_" and before.isalnum() and after.isalnum():
                continue  # snake_case: intraword underscores are text
            # CommonMark's flanking rules: which side of a word the run stands on
            opens = not after.isspace() and (not _is_punct(after) or before.isspace() or _is_punct(before))
            closes = not before.isspace() and (not _is_punct(before) or after.isspace() or _is_punct(after))
            runs.append((m.start(), m.end(), m.group()[0], opens, closes))
        # the first run of each character that can open, the last that can
        # close: one pass, not a rescan of the runs for each run (quadratic
        # on a long paragraph full of emphasis)
        first_opener: dict[str, int] = {}
        last_closer: dict[str, int] = {}
        for k, (_, _, char, opens, closes) in enumerate(runs):
            if opens:
                first_opener.setdefault(char, k)
            if closes:
                last_closer[char] = k
        for k, (start, end, char, opens, closes) in enumerate(runs):
            # a run is markup when a run of the same character pairs with it
            # (``+, -, *, /`` holds a lone '*': text, as a reader sees it)
            if opens and last_closer.get(char, -1) > k \
                    or closes and first_opener.get(char, k) < k:
                self._apply(start, end, "space")
