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
    if text.startswith("\ufeff"):
        text = text[1:]
    fmt = fmt or format_for(path)
    # each reader is imported when a document of its format first comes
    # (markdown-it is a large import that a plain-text run does not need)
    if fmt == "markdown":
        from .markdown import read_markdown as reader
    elif fmt == "html":
        from .html import read_html as reader
    else:
        from .text import read_text as reader
    return reader(text, path, inline_config)
