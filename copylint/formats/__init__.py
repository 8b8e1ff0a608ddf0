"""Format readers: source text -> :class:`Document` whose ``prose`` keeps only
what a reader reads (markup, code and URLs blanked, offsets unchanged)."""

from __future__ import annotations

from pathlib import PurePath

from ..document import Document

#: File extensions linted when a directory is walked.
DEFAULT_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")


def format_for(path: str) -> str:
    suffix = PurePath(path).suffix.lower()
    if suffix in (".md", ".markdown"):
        return "markdown"
    if suffix in (".html", ".htm"):
        return "html"
    return "text"


FORMATS = ("text", "markdown", "html")


def make_document(text: str, path: str = "<text>", fmt: str | None = None,
                  inline_config: bool = True) -> Document:
    """Build the document for ``text``; ``fmt`` defaults to the one ``path``
    implies.  With ``inline_config=False`` suppression comments are still
    left out of the prose but have no effect."""
    from .html import read_html
    from .markdown import read_markdown
    from .text import read_text

    if text.startswith("\ufeff"):
        text = text[1:]
    reader = {"markdown": read_markdown, "html": read_html}.get(fmt or format_for(path), read_text)
    return reader(text, path, inline_config)
