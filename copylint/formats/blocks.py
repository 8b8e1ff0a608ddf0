"""Markup -> scoped blocks: the block attributes of a document as Vale
names them (``heading.h2``, ``list``, ``blockquote``, ``table.cell``, ``alt``,
``raw``, ``summary``…), for the rules that select blocks by scope (Vale mode).

Vale lints a Markdown or HTML file block by block: it renders the document to
HTML, walks the tags and lints each block's text under a *scope* built from
the tags around it (``text.heading.h2.md``, ``text.list.md``,
``text.blockquote.md``, ``text.table.cell.md``, plain ``text.md``).  Inline
code is masked with ``*``, inline elements are joined with a space, code
blocks (``pre``) are skipped, and ``<!-- vale ... -->`` comments switch rules
off and on as the walk passes them.

This module reproduces that walk over an event stream (start tag, end tag,
text, comment) produced from markdown-it tokens for Markdown and from
:mod:`html.parser` for HTML.  Every piece of block text is mapped back to its
offset in the source as it is read, so a match inside a block is placed at
its real line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Callable

import regex

from ..patterns.casefold import hay

SKIP_TAGS = ("script", "style", "pre", "figure", "noscript", "iframe")
SKIP_CLASSES = ("problematic", "pre", "code")
INLINE_TAGS = ("b", "big", "i", "small", "abbr", "acronym", "cite", "dfn", "em", "kbd", "strong",
               "a", "br", "img", "span", "sub", "sup", "code", "tt", "del", "s")
IGNORED_SCOPES = ("tt", "code", "kbd")
TAG_TO_SCOPE = {"th": "text.table.header", "td": "text.table.cell", "caption": "text.table.caption",
                "li": "text.list", "blockquote": "text.blockquote", "figcaption": "text.figure.caption"}
_HEADING = re.compile(r"^h[1-6]$")
_PUNCT_STARTERS = (".", "?", "!", ",", ":", ";", ")", "]", "}", "—", "–")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]")
_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


#: ``regex``'s ``\w`` (Unicode's word characters, marks included), as in
#: :func:`~copylint.checks.token_filter.literal_words`
_WORDS = regex.compile(r"\w+")


def block_words(text: str) -> frozenset[str]:
    """The lower-cased words of a block (``\\w+`` runs), for the word-list
    index of :class:`~copylint.checks.token_filter.TokenFilter`."""
    return frozenset(_WORDS.findall(text.lower()))


@dataclass
class Event:
    kind: str  # start, end, text, comment
    name: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    data: str = ""
    lines: tuple[int, int] | None = None  # 0-based source line range (Markdown)
    raw: str = ""  # an HTML start tag as written in the source


@dataclass
class Block:
    """Text linted as one unit, its Vale scope, and where its characters are."""

    text: str
    scope: str
    source_map: list[int]  # per character of text: source offset, or -1
    _words: frozenset[str] | None = field(default=None, repr=False, compare=False)
    _lowered: str | None = field(default=None, repr=False, compare=False)
    _lowered_known: bool = field(default=False, repr=False, compare=False)
    #: the block this one's text was cut from (a paragraph's or sentence's
    #: text block): what cannot occur there cannot occur here either
    parent: "Block | None" = field(default=None, repr=False, compare=False)
    #: per-block results of rule prefilters, computed once
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    def words(self) -> frozenset[str]:
        """Lower-cased words of the text (computed once), for token prefilters."""
        if self._words is None:
            self._words = block_words(self.text)
        return self._words

    def lowered(self) -> str | None:
        """:func:`~copylint.patterns.casefold.hay` of the text (computed once), for
        rules' required strings."""
        if not self._lowered_known:
            self._lowered = hay(self.text)
            self._lowered_known = True
        return self._lowered

    def source_offset(self, index: int) -> int:
        if 0 <= index < len(self.source_map):
            return self.source_map[index]
        return -1


def blank(text: str) -> str:
    return "".join(ch if ch == "\n" else " " for ch in text)


def strip_front_matter(content: str) -> str:
    m = _FRONT_MATTER.match(content)
    return blank(m.group()) + content[m.end():] if m else content


# -- event sources ----------------------------------------------------------------


class _HtmlEvents(HTMLParser):
    def __init__(self, lines: tuple[int, int] | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[Event] = []
        self.lines = lines

    def handle_starttag(self, tag, attrs):
        self.events.append(Event("start", tag, {k: v or "" for k, v in attrs}, lines=self.lines,
                                 raw=self.get_starttag_text() or ""))

    def handle_startendtag(self, tag, attrs):
        if tag == "img":
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.events.append(Event("end", tag, lines=self.lines))

    def handle_data(self, data):
        if self.events and self.events[-1].kind == "text":
            self.events[-1].data += data
        else:
            self.events.append(Event("text", data=data, lines=self.lines))

    def handle_comment(self, data):
        self.events.append(Event("comment", data=data, lines=self.lines))


def html_events(source: str, lines: tuple[int, int] | None = None) -> list[Event]:
    parser = _HtmlEvents(lines)
    parser.feed(source)
    parser.close()
    return parser.events


def _markdown_parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    return MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough").use(
        footnote_plugin)


_MD = None


def markdown_events(source: str) -> list[Event]:
    global _MD
    if _MD is None:
        _MD = _markdown_parser()
    events: list[Event] = []
    for tok in _MD.parse(source):
        lines = tuple(tok.map) if tok.map else None
        if tok.type == "inline":
            events += _inline_events(tok.children or [], lines)
        elif tok.type in ("fence", "code_block"):
            events += [Event("start", "pre", lines=lines), Event("text", data=tok.content, lines=lines),
                       Event("end", "pre", lines=lines)]
        elif tok.type == "html_block":
            events += html_events(tok.content, lines)
        elif tok.type == "hr":
            events.append(Event("start", "hr", lines=lines))
        elif tok.type.endswith("_open") and tok.tag and not tok.hidden:
            events.append(Event("start", tok.tag, dict(tok.attrs or {}), lines=lines))
        elif tok.type.endswith("_close") and tok.tag and not tok.hidden:
            events.append(Event("end", tok.tag, lines=lines))
    return events


def _inline_events(children, lines) -> list[Event]:
    events: list[Event] = []
    text: list[str] = []

    def flush() -> None:
        if text:
            events.extend(_text_with_links("".join(text), lines))
            text.clear()

    for child in children:
        t = child.type
        if t == "text":
            text.append(child.content)
        elif t in ("softbreak", "hardbreak"):
            text.append("\n")
        elif t == "code_inline":
            flush()
            events += [Event("start", "code", lines=lines), Event("text", data=child.content, lines=lines),
                       Event("end", "code", lines=lines)]
        elif t == "image":
            flush()
            events.append(Event("start", "img", {"alt": child.content, "src": str(child.attrs.get("src", ""))},
                                lines=lines))
        elif t == "html_inline":
            flush()
            events += html_events(child.content, lines)
        elif t.endswith("_open") and child.tag:
            flush()
            events.append(Event("start", child.tag, {k: str(v) for k, v in (child.attrs or {}).items()},
                                lines=lines))
        elif t.endswith("_close") and child.tag:
            flush()
            events.append(Event("end", child.tag, lines=lines))
    flush()
    return events


def _text_with_links(data: str, lines) -> list[Event]:
    """Bare URLs become links, as GFM's autolink extension makes them."""
    events: list[Event] = []
    last = 0
    for m in _URL.finditer(data):
        if m.start() > last:
            events.append(Event("text", data=data[last:m.start()], lines=lines))
        events += [Event("start", "a", {"href": m.group()}, lines=lines),
                   Event("text", data=m.group(), lines=lines), Event("end", "a", lines=lines)]
        last = m.end()
    if last < len(data):
        events.append(Event("text", data=data[last:], lines=lines))
    return events


# -- the walk -------------------------------------------------------------------


@dataclass
class WalkResult:
    blocks: list[tuple[Block, dict[str, bool]]]  # each block with the comment state at its end
    summary: str
    metrics: dict[str, int]
    final_comments: dict[str, bool]
    #: (source offset, comment state from there on), one per comment met.
    marks: list[tuple[int, dict[str, bool]]] = field(default_factory=list)


@dataclass
class _WalkState:
    """What :meth:`Walker.walk` carries from one event to the next."""

    comments: dict[str, bool] = field(default_factory=dict)
    blocks: list[tuple["Block", dict[str, bool]]] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    metrics: dict[str, int] = field(default_factory=dict)
    buf: list[str] = field(default_factory=list)
    bufmap: list[int] = field(default_factory=list)
    history: list[str] = field(default_factory=list)
    in_block: bool = False
    inline: bool = False
    skip: bool = False
    active_cls: str = ""
    depth: int = 0
    attr: str = ""
    parent_class: str = ""
    cls: str = ""
    separate: bool = False
    marks: list[tuple[int, dict[str, bool]]] = field(default_factory=list)

    def last_tag(self) -> str:
        return self.history[-1] if self.history else ""

    def nested_list(self) -> bool:
        return (self.last_tag() == "li" and len(self.history) > 3 and self.history[-2] in ("ol", "ul")
                and self.history[-3] == "li")


class Walker:
    """Vale's walk over an event stream, producing scoped, source-mapped blocks."""

    def __init__(self, source: str, ext: str, skipped_scopes: list[str], ignored_scopes: list[str],
                 ignored_classes: list[str], on_comment: Callable[[str, dict[str, bool]], None]) -> None:
        self.source = source
        self.ext = ext
        self.skip_tags = tuple(skipped_scopes) or SKIP_TAGS
        self.skipped = tuple(ignored_scopes) or IGNORED_SCOPES
        self.skip_classes = SKIP_CLASSES + tuple(ignored_classes)
        self.on_comment = on_comment
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.cursor = 0

    def _line_offset(self, line: int) -> int:
        return self.line_starts[min(line, len(self.line_starts) - 1)]

    def _find(self, piece: str, lines: tuple[int, int] | None) -> int:
        start = self.cursor
        if lines is not None:
            start = max(start, self._line_offset(lines[0]))
        at = self.source.find(piece, start)
        if at < 0 and lines is not None:
            at = self.source.find(piece, self._line_offset(lines[0]))
        return at

    def _map(self, text: str, lines) -> list[int]:
        """Source offsets of each character of ``text`` (a text token)."""
        mapping = [-1] * len(text)
        at = self._find(text, lines)
        if at >= 0:
            self.cursor = at + len(text)
            return list(range(at, at + len(text)))
        pos = 0
        for piece in text.split("\n"):
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                found = self._find(stripped, lines)
                if found >= 0:
                    self.cursor = found + len(stripped)
                    for i in range(len(stripped)):
                        mapping[pos + lead + i] = found + i
            pos += len(piece) + 1
        return mapping

    def walk(self, events: list[Event]) -> WalkResult:
        st = _WalkState()
        for ev in events:
            name = self._open_or_close(ev, st)
            if ev.kind == "text" and not st.in_block:
                self._text(ev, st)
            self._after(ev, st, name)
        return WalkResult(st.blocks, "".join(st.summary), st.metrics, st.comments, st.marks)

    def _open_or_close(self, ev: Event, st: "_WalkState") -> str:
        """Skipped regions, tags and comments; the tag's name as read."""
        name = ev.name
        cls = ev.attrs.get("class", "") if ev.kind == "start" else ""
        st.cls = cls
        skip_class = any(c in self.skip_classes for c in cls.split())
        block_skip = skip_class and name not in INLINE_TAGS
        closed = False
        if st.active_cls and name == st.active_cls and ev.kind in ("start", "end"):
            st.depth += 1 if ev.kind == "start" else -1
            closed = st.depth == 0
        if ev.kind == "start" and (name in self.skip_tags or block_skip):
            if block_skip:
                st.active_cls, st.depth = name, 1
            st.in_block = True
            st.metrics[name] = st.metrics.get(name, 0) + 1
        elif st.in_block and ((ev.kind in ("start", "end") and name in self.skip_tags) or closed):
            st.in_block = False
            st.separate = name in INLINE_TAGS  # keep the words around skipped inline code apart
            if closed:
                st.active_cls, st.depth = "", 0
        elif ev.kind == "start":
            if name in ("em", "b") and st.last_tag() == "code":
                name = "code"
            st.inline = name in INLINE_TAGS
            st.skip = name in self.skipped
            st.history.append(name)
            if name == "img" and ev.attrs.get("alt") and "alt" not in self.skip_tags:
                alt = ev.attrs["alt"]
                st.blocks.append((Block(alt, "text.attr.alt", self._map(alt, ev.lines)), dict(st.comments)))
        elif ev.kind == "text" and st.in_block and ev.data.strip():
            self._map(ev.data.strip(), ev.lines)  # skipped, but the source moves on
        elif ev.kind == "comment":
            self.on_comment(ev.data.strip(), st.comments)
            st.marks.append((self.cursor, dict(st.comments)))
        return name

    def _text(self, ev: Event, st: "_WalkState") -> None:
        """Prose: added to the block being built, with its source map."""
        txt = ev.data.strip()
        if not txt:
            return
        mapping = self._map(txt, ev.lines)
        prefix = ""
        if st.nested_list() and not st.inline:
            prefix = " "
        shown = txt
        masked = st.skip or any(c in self.skip_classes for c in st.parent_class.split())
        starter = txt[:1] in _PUNCT_STARTERS and not masked
        if masked or st.attr == txt:
            shown = "".join("\n" if ch == "\n" else "*" for ch in txt)
            st.skip = False
        if (st.inline or st.separate) and not starter and st.buf:
            prefix = " "
        elif st.inline and not starter:
            prefix = " "
        st.separate = False
        if prefix and st.buf and st.buf[-1][-1:] in ("(", "[", "{", "—", "–"):
            prefix = ""
        st.buf.append(prefix + shown)
        st.bufmap.extend([-1] * len(prefix) + mapping)

    def _after(self, ev: Event, st: "_WalkState", name: str) -> None:
        """A block ends at the end of a block tag; the cursor moves past a tag."""
        if ev.kind == "end" and name not in INLINE_TAGS:
            content = "".join(st.buf)
            if content.strip():
                block = self._scope_block(content, st.bufmap, st.history, st.summary, st.metrics)
                st.blocks.append((block, dict(st.comments)))
            st.buf, st.bufmap, st.history = [], [], []
        if ev.kind == "start" and ev.raw:
            # text after a tag is after its attributes (a word may repeat in them)
            at = self._find(ev.raw, ev.lines)
            if at >= 0:
                self.cursor = at + len(ev.raw)
        if ev.kind == "start":
            st.attr = ev.attrs.get("href", "")
            st.parent_class = st.cls
        elif ev.kind == "end":
            st.attr = ""
            st.parent_class = ""

    def _scope_block(self, text: str, mapping: list[int], history: list[str], summary: list[str],
                     metrics: dict[str, int]) -> Block:
        for tag in history:
            scope = TAG_TO_SCOPE.get(tag)
            if scope or _HEADING.match(tag):
                if scope in ("text.blockquote", "text.list"):
                    summary.append(text + "\n\n")
                if not scope:
                    scope = "text.heading." + tag
                key = scope[len("text."):]
                metrics[key] = metrics.get(key, 0) + 1
                trimmed = text.lstrip(" ")
                cut = len(text) - len(trimmed)
                return Block(trimmed, scope + self.ext, mapping[cut:])
        summary.append(text + "\n\n")
        return Block(text, "text" + self.ext, mapping)
