"""Building a document's prose: the source text with non-prose blanked.

Format readers start from a copy of the source in which everything is blank
(:meth:`ProseBuilder.blank_all`) and :meth:`~ProseBuilder.keep` what a reader
reads, or start from the full text and blank what is not prose.  Blanking
never removes a line break, so lines and columns stay those of the source.

HTML character references (``&amp;``, ``&#8217;``, ``&nbsp;``) are decoded for
matching without changing any offset: the decoded character goes in the
entity's first position and the rest of the entity becomes spaces.  A finding
on a decoded entity therefore points at the entity in the source.  An entity
in the middle of a word splits the word (``Ky&#105;v`` is not matched as
``Kyiv``); editors do not write words that way.
"""

from __future__ import annotations

import re

from ..document.model import OPAQUE, Comment, Document, Span


def _unescape(entity: str) -> str:
    import html  # its table of entities is imported when an entity is met

    return html.unescape(entity)


_LINE_BREAK_CHARS = "\r\n"
_NON_BREAKS = re.compile(r"[^\r\n]+")


def _spaces(m: "re.Match[str]") -> str:
    return " " * (m.end() - m.start())


ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


class ProseBuilder:
    """Mutable prose for one source text, plus the structure a reader found."""

    def __init__(self, text: str, blank: bool = True) -> None:
        self.text = text
        # every character but a line break blanked: one regex pass per line,
        # not a Python loop per character
        self.chars = list(_NON_BREAKS.sub(_spaces, text) if blank else text)
        self.breaks: list[int] = []
        self.headings: list[Span] = []
        self.comments: list[Comment] = []
        self.protected: list[tuple[int, int]] = []

    def keep(self, start: int, end: int) -> None:
        """Make ``text[start:end]`` prose again."""
        self.chars[start:end] = self.text[start:end]

    def blank(self, start: int, end: int, fill: str = " ") -> None:
        """Blank ``start..end`` (line breaks kept) with ``fill``."""
        chars, text = self.chars, self.text
        for i in range(start, end):
            if text[i] not in _LINE_BREAK_CHARS:
                chars[i] = fill

    def opaque(self, start: int, end: int) -> None:
        """Blank a piece of content that stands in the sentence like a word."""
        self.blank(start, end, OPAQUE)

    def decode_entities(self, start: int, end: int) -> None:
        """Decode character references in ``start..end`` in place (see module doc)."""
        for m in ENTITY.finditer(self.text, start, end):
            decoded = _unescape(m.group())
            if decoded == m.group():
                continue  # not a known entity: leave the text as written
            width = m.end() - m.start()
            decoded = decoded[:width]
            for i in range(m.start(), m.end()):
                k = i - m.start()
                self.chars[i] = decoded[k] if k < len(decoded) else " "

    def protect(self, start: int, end: int) -> None:
        """``start..end`` is prose that no fix may rewrite (text inside a tag)."""
        self.protected.append((start, end))

    def add_break(self, offset: int) -> None:
        self.breaks.append(offset)

    def add_comment(self, start: int, end: int, body: str) -> None:
        self.comments.append(Comment(start, end, body))

    def document(self, path: str, inline_config: bool = True,
                 blank_line_blocks: bool = False) -> Document:
        """The document; ``blank_line_blocks`` lets blank lines delimit blocks
        (plain text) instead of the breaks the reader recorded."""
        return Document(
            self.text,
            path=path,
            prose="".join(self.chars),
            block_breaks=None if blank_line_blocks else sorted(set(self.breaks)),
            headings=self.headings,
            comments=self.comments if inline_config else [],
            protected=self.protected,
        )
