"""HTML: lint the text a reader sees.

Text content is prose, with character references decoded in place (see
:mod:`copylint.formats.prose`).  Skipped: tags and their attributes, except
the values of ``alt`` and ``title`` (read aloud by screen readers and shown as
tooltips; each is its own block); ``script``, ``style`` and ``template``
elements; everything inside ``pre``, ``code``, ``kbd`` and ``samp``;
comments, doctype, CDATA and processing instructions.  Block-level elements
(``p``, ``li``, ``td``, ``h1``…) start a new block, so a duplicated word or an
attribution pattern never runs from one paragraph into the next; ``h1``–``h6``
are headings for ``scope: heading`` rules.
"""

from __future__ import annotations

import re

from ..document.model import Document, Span
from .prose import ProseBuilder

_TAG = re.compile(
    r"""<(/?)([A-Za-z][A-Za-z0-9:-]*)"""
    r"""((?:(?:\s+|(?<=["']))[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]{0,10000}"|'[^']{0,10000}'|[^\s"'=<>`]+))?)*)\s*(/?)>"""
)
#: A tag a browser still reads as one though its attributes are malformed
#: (``<a title="x" y" href=…>``): a known element's name, then anything up
#: to ``>`` on the line.  Never prose.
_LOOSE_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b[^<>\r\n]*>")
_ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_COMMENT = re.compile(r"<!--(.*?)(?:-->|\Z)", re.DOTALL)
_DECLARATION = re.compile(r"<!\[CDATA\[.*?(?:\]\]>|\Z)|<![A-Za-z][^>]*>|<\?.*?(?:>|\Z)", re.DOTALL)

RAW_TEXT = frozenset({"script", "style", "template"})
CODE = frozenset({"pre", "code", "kbd", "samp"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCKS = frozenset("""
    address article aside blockquote body caption dd details dialog div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html legend li
    main nav ol p section summary table tbody td tfoot th thead title tr ul
""".split())
READ_ATTRIBUTES = frozenset({"alt", "title"})
#: Elements a reader looks through inline.  In Markdown, a "tag" with another
#: name (``<Southern Cross Ltd>``, ``<name>`` placeholders) is hidden by a
#: browser but stands where a word stood, so it is blanked as opaque.
#: Inline elements that stand in a sentence where a word stands (an image, a
#: control): blanked as OPAQUE, so ``, <img …/>,`` never reads as ``, ,``.
REPLACED_ELEMENTS = frozenset("""
    img input svg video audio iframe object embed picture canvas math select textarea button
""".split())
INLINE_ELEMENTS = frozenset("""
    a abbr b bdi bdo br cite data del dfn em font i img ins kbd mark q rp rt ruby s samp
    small span strike strong sub sup time u var wbr
""".split())

KNOWN_ELEMENTS = BLOCKS | INLINE_ELEMENTS | REPLACED_ELEMENTS | CODE | RAW_TEXT | {"link", "meta", "source"}


def read_html(text: str, path: str, inline_config: bool = True, templated: bool = False) -> Document:
    """Read HTML; a ``templated`` page (a Jekyll/Hugo layout or page) has its
    front matter, Liquid / Go-template syntax and shortcodes masked first
    (:mod:`copylint.formats.sites`)."""
    if templated:
        from .sites import HUGO, LIQUID, mask, mask_front_matter

        masked, breaks = mask(mask_front_matter(text), (HUGO, LIQUID))
        builder = ProseBuilder(masked)
        builder.breaks.extend(breaks)
        extract_html(builder, 0, len(masked))
        doc = builder.document(path, inline_config)
        return Document(text, path=path, prose=doc.prose, block_breaks=doc.block_breaks,
                        headings=doc.headings, comments=doc.comments, protected=doc.protected)
    builder = ProseBuilder(text)
    extract_html(builder, 0, len(text))
    return builder.document(path, inline_config)


def extract_html(builder: ProseBuilder, start: int, end: int) -> None:
    """Keep the readable text of the HTML in ``start..end`` (already blank)."""
    text = builder.text
    pos = start
    code_depth = 0
    inline_code: int | None = None
    heading_start: int | None = None
    while pos < end:
        lt = text.find("<", pos, end)
        if lt < 0:
            lt = end
        if lt > pos and code_depth == 0:
            builder.keep(pos, lt)
            builder.decode_entities(pos, lt)
        if lt >= end:
            break
        if text.startswith("<!--", lt):
            m = _COMMENT.match(text, lt, end)
            assert m is not None  # the pattern always matches at "<!--"
            builder.add_comment(m.start(), m.end(), m.group(1).strip())
            pos = m.end()
            continue
        m = _DECLARATION.match(text, lt, end)
        if m:
            pos = m.end()
            continue
        m = _TAG.match(text, lt, end)
        if not m:
            loose = _LOOSE_TAG.match(text, lt, end)
            if loose and loose.group(1).lower() in KNOWN_ELEMENTS:
                pos = loose.end()
                continue
            if code_depth == 0:  # a lone '<' is text
                builder.keep(lt, lt + 1)
            pos = lt + 1
            continue
        closing, name, self_closing = bool(m.group(1)), m.group(2).lower(), bool(m.group(4))
        pos = m.end()
        if name in BLOCKS:
            builder.add_break(m.end())
        if closing:
            if name in CODE:
                code_depth = max(0, code_depth - 1)
                if code_depth == 0 and inline_code is not None:
                    # inline code stands for a word: ", <code>x</code>," is no ", ,"
                    builder.opaque(inline_code, m.end())
                    inline_code = None
            elif name in HEADINGS and heading_start is not None:
                builder.headings.append(Span(heading_start, m.start()))
                heading_start = None
            continue
        if code_depth == 0:
            if name in REPLACED_ELEMENTS and not closing:
                builder.opaque(m.start(), m.end())
            _keep_attributes(builder, m.start(3), m.group(3))
        if self_closing:
            continue
        if name in RAW_TEXT:
            close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(text, pos, end)
            pos = close.end() if close else end
        elif name in CODE:
            if code_depth == 0 and name != "pre":
                inline_code = m.start()
            code_depth += 1
        elif name in HEADINGS:
            heading_start = m.end()


def _keep_attributes(builder: ProseBuilder, offset: int, attributes: str) -> None:
    for a in _ATTR.finditer(attributes):
        if a.group(1).lower() not in READ_ATTRIBUTES:
            continue
        for group in (2, 3, 4):
            if a.group(group) is not None:
                start, end = offset + a.start(group), offset + a.end(group)
                builder.keep(start, end)
                builder.decode_entities(start, end)
                builder.protect(start, end)
                builder.add_break(start)
                builder.add_break(end)
                break
