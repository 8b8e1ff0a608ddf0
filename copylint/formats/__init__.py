"""Format readers: source text -> :class:`Document` whose ``prose`` keeps only
what a reader reads (markup, code, site syntax and URLs blanked, offsets
unchanged).

Formats: ``text``, ``markdown``, ``html``, and the static-site flavours of
Markdown, ``hugo`` (shortcodes), ``jekyll`` (Liquid, Kramdown attribute
lists; also Eleventy and GitHub Pages) and ``mdx`` (MDX / Docusaurus).  A
file's format comes from the configuration's ``format:`` setting, else from
its extension, and for Markdown from its content (:func:`detect_format`).

A format name may end in ``+smart`` or ``-smart`` (pandoc's spelling for its
smart-punctuation extension): whether the site's renderer curls straight
quotes.  Without it, ``hugo`` and ``jekyll`` do (Goldmark's Typographer and
kramdown's smart quotes are on by default) and the others do not; a format of
just ``+smart``/``-smart`` is detected as usual and gets that setting.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ..document.model import Document

#: File extensions linted when a directory is walked.
DEFAULT_EXTENSIONS = (".txt", ".md", ".markdown", ".mdx", ".html", ".htm")

FORMATS = ("text", "markdown", "html", "hugo", "jekyll", "mdx")
#: Extensions read as Markdown (their flavour detected from the text and the site).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
#: The site syntax each Markdown flavour masks (see :mod:`copylint.formats.sites`).
SITE_SYNTAX: dict[str, tuple[str, ...]] = {
    "markdown": (),
    "hugo": ("hugo",),
    "jekyll": ("liquid",),
    "mdx": ("mdx",),
}

#: Formats whose default renderer turns straight quotes into curly ones.
TYPOGRAPHER_FORMATS = frozenset({"hugo", "jekyll"})
SMART_SUFFIXES = ("+smart", "-smart")

#: A whole shortcode (a page that only mentions ``{{<`` in prose, a guide to
#: Hugo for instance, is not a Hugo page): an opening delimiter, a name, and
#: its closing delimiter within a bounded stretch (linear time).
_HUGO_SIGN = re.compile(r"\{\{[<%]-?\s*(?:/\*\s*)?/?\s*[\w./-]+(?:\s[^{}]{0,4000}?)?-?[>%]\}\}")
_MDX_LINE = re.compile(r"^(?:import\s[^\r\n]*\bfrom\s+['\"]|export\s+(?:const|default|function|let)\b|:::[A-Za-z]"
                       r"|<[A-Z][\w.]*[\s/>])", re.M)
_JSX_ATTRIBUTE = re.compile(r"<[A-Za-z][^<>\r\n]*=\{")
_LIQUID_SIGN = re.compile(r"\{%-?\s*[a-z]|\{\{-?\s*[\w.\"']|^\{:", re.M)
_TEMPLATE_SIGN = re.compile(r"\{%|\{\{")


def format_for(path: str, text: str | None = None) -> str:
    """The format of ``path``: by extension, and for a Markdown file by its
    ``text`` when given (a ``.md`` file full of ``{{<`` is a Hugo file), and
    for a Markdown file with no sign of a flavour by the site it lies in
    (:func:`copylint.formats.site_root.site_format`: a Hugo or Jekyll site's
    configuration file in a folder above it)."""
    suffix = PurePath(path).suffix.lower()
    if suffix == ".mdx":
        return "mdx"
    if suffix in MARKDOWN_SUFFIXES:
        found = detect_format(text) if text is not None else "markdown"
        if found == "markdown":  # no sign in the text: the site it lies in decides
            from .site_root import site_format

            return site_format(path) or "markdown"
        return found
    if suffix in (".html", ".htm"):
        return "html"
    return "text"


def split_format(fmt: str | None) -> tuple[str | None, bool | None]:
    """``hugo-smart`` -> ``("hugo", False)``; ``+smart`` -> ``(None, True)``;
    ``mdx`` -> ``("mdx", None)`` (None: the format's default / detect it)."""
    if not fmt:
        return None, None
    for suffix in SMART_SUFFIXES:
        if fmt.endswith(suffix):
            return fmt[:-len(suffix)] or None, suffix[0] == "+"
    return fmt, None


def resolve_format(fmt: str | None, path: str, text: str) -> str:
    """``fmt`` with its base format filled in (detected from ``path`` and
    ``text`` when missing), its ``+smart``/``-smart`` setting kept."""
    base, smart = split_format(fmt)
    base = base or format_for(path, text)
    return base if smart is None else base + ("+smart" if smart else "-smart")


def detect_format(text: str) -> str:
    """The Markdown flavour ``text`` is written in: ``hugo`` when it holds
    shortcodes, else ``mdx`` when it has MDX imports/exports, admonitions
    or JSX components at the start of a line, else ``jekyll`` when it holds
    Liquid tags, output or Kramdown attribute lists, else ``markdown``."""
    if "{{" in text and _HUGO_SIGN.search(text):
        return "hugo"
    if ("import" in text or "export" in text or ":::" in text or "<" in text) and _MDX_LINE.search(text) \
            or "={" in text and _JSX_ATTRIBUTE.search(text) or "{' '}" in text:
        return "mdx"
    if "{" in text and _LIQUID_SIGN.search(text):
        return "jekyll"
    return "markdown"


def make_document(text: str, path: str = "<text>", fmt: str | None = None,
                  inline_config: bool = True) -> Document:
    """Build the document for ``text``; ``fmt`` defaults to the one ``path``
    (and, for Markdown, the text) implies.  With ``inline_config=False``
    suppression comments are still left out of the prose but have no effect."""
    if text.startswith("\ufeff"):
        text = text[1:]
    base, smart = split_format(fmt)
    fmt = base or format_for(path, text)
    doc = _read(text, path, fmt, inline_config)
    doc.typographer = fmt in TYPOGRAPHER_FORMATS if smart is None else smart
    doc.source_format = fmt
    return doc


def _read(text: str, path: str, fmt: str, inline_config: bool) -> Document:
    # each reader is imported when a document of its format first comes
    # (markdown-it is a large import that a plain-text run does not need)
    if fmt in SITE_SYNTAX:
        from .markdown import read_markdown

        return read_markdown(text, path, inline_config, SITE_SYNTAX[fmt])
    if fmt == "html":
        from .html import read_html

        templated = text.startswith(("---", "+++")) or _TEMPLATE_SIGN.search(text) is not None
        return read_html(text, path, inline_config, templated)
    from .text import read_text

    return read_text(text, path, inline_config)
