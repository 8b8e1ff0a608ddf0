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


def make_document(text: str, path: str = "<text>", fmt: str | None = None) -> Document:
    """Build the document for ``text``; ``fmt`` defaults to the one ``path`` implies."""
    # Markdown and HTML readers plug in here; plain text is the fallback.
    return Document(text, path=path)
