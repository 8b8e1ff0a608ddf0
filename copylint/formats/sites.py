"""Static-site syntax: Hugo shortcodes, Liquid (Jekyll, Eleventy, GitHub
Pages), MDX / Docusaurus, and the Markdown extensions CommonMark lacks.

None of it is prose.  Before a document is read, its site syntax is *masked*
in a copy of the source of the same length: a construct that stands alone on
its lines becomes spaces (a blank line, which also ends a paragraph), one
inside a line becomes :data:`~copylint.document.OPAQUE` (it stands where a
word stands, so ``, {{< img >}},`` never reads as ``, ,`` and a quotation mark
next to it keeps its side).  The Markdown or HTML reader then reads the masked
copy; the document keeps the original source, so every finding points at the
source and the engine never fixes a masked character (its prose differs from
the source there).

What each syntax masks:

* Hugo: shortcodes ``{{< … >}}`` and ``{{% … %}}`` (paired, self-closing,
  nested, spanning lines; the escaped ``{{</* … */>}}`` form too).  The
  content between a paired shortcode's tags stays prose, except for code
  shortcodes (:data:`HUGO_CODE_SHORTCODES`), whose content is masked.
* Liquid: ``{% … %}`` tags and ``{{ … }}`` output (``{%-``/``-%}`` trimming
  forms too); the whole of ``highlight``, ``comment`` and ``capture`` blocks;
  Kramdown attribute lists (``{: .class}``, ``{:toc}``).
* MDX: ``import``/``export`` statements (to the next blank line), JSX
  elements with capitalised names and fragments (``<Tabs groupId="x">``,
  ``</TabItem>``, ``<>``), HTML tags carrying JSX attributes
  (``style={{…}}``), ``{…}`` expressions and ``{/* comments */}``, and the
  fence lines of Docusaurus admonitions (``:::note Title`` … ``:::``).  The
  content of a component is prose unless it is a code component
  (:data:`MDX_CODE_COMPONENTS`).
* Markdown extensions (every Markdown flavour): the ``[^label]:`` marker of
  a footnote definition (its text is prose, not a link reference) and the
  ``:`` marker of a definition-list definition (a block of its own).

Nothing is masked inside fenced code (it is code already), and MDX braces
inside code spans are literal.
"""

from __future__ import annotations

import re

from .prose import ProseBuilder

HUGO = "hugo"
LIQUID = "liquid"
MDX = "mdx"

#: Hugo shortcodes whose inner content is code or data, not prose.
HUGO_CODE_SHORTCODES = frozenset("""
    highlight code code-toggle codeblock code-block raw html math katex mermaid diagram
    chart csv json yaml toml datatable qr asciinema gist output
""".split())
#: MDX components whose children are code.
MDX_CODE_COMPONENTS = frozenset({"CodeBlock", "Code", "Snippet", "Mermaid", "pre", "code"})

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FENCE_OPEN = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)*[ \t]*(`{3,}|~{3,})", re.M)

_SHORTCODE = re.compile(r"\{\{<.*?>\}\}|\{\{%.*?%\}\}", re.S)
_SHORTCODE_NAME = re.compile(r"\{\{[<%]-?\s*(/?)\s*([\w./-]+)")

_LIQUID_BLOCK = re.compile(
    r"\{%-?\s*(highlight|comment|capture|raw)\b.*?-?%\}.*?\{%-?\s*end\1\s*-?%\}", re.S)
_LIQUID = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
_IAL = re.compile(r"\{:[^{}\r\n]*\}")
#: Goldmark/Kramdown attributes after a block or heading: ``{.class #id key="v"}``.
_ATTRIBUTES = re.compile(r"\{[ \t]*(?:[.#][\w-]|[\w-]+=)[^{}\r\n]*\}[ \t]*$", re.M)

_MDX_STATEMENT = re.compile(r"^(?:import|export)\b[^\r\n]*(?:(?:\r\n|\r|\n)(?![ \t]*(?:\r\n|\r|\n|$))[^\r\n]*)*",
                            re.M)
_ADMONITION = re.compile(r"^[ \t]*(?:>[ \t]?)*:::[^\r\n]*$", re.M)
_JSX_OPEN = re.compile(r"<(/?)([A-Za-z][\w.:-]*)?")
_PATH_AFTER = re.compile(r"[/#?][^\s<>\"'()\[\]{}]*")
_PATH_BEFORE = re.compile(r"(?:[\w.~:%-]*/)+\Z")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)

#: Raw-text and preformatted HTML elements, wherever they stand in Markdown
#: (indented, inside a list, spanning blank lines): never prose.
_RAW_ELEMENT = re.compile(r"<(pre|script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_RAW_ELEMENT_SIGN = re.compile(r"<(?:pre|script|style)\b", re.I)
_FOOTNOTE_DEF = re.compile(r"^([ \t]{0,3})(\[\^[^\]\r\n]+\]:)", re.M)
_DEFINITION = re.compile(r"^([ \t]{0,3})(:)[ \t]+(?=\S)", re.M)


class Masker:
    """The masked copy of one source, and the block breaks masking adds."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.builder = ProseBuilder(text, blank=False)
        self.code = _fenced_code(text)

    @property
    def masked(self) -> str:
        return "".join(self.builder.chars)

    @property
    def breaks(self) -> list[int]:
        return self.builder.breaks

    def in_code(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.code)

    def mask(self, start: int, end: int) -> None:
        """Mask ``start..end``: spaces when it has its lines to itself, else OPAQUE."""
        text = self.text
        line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
        m = _LINE_BREAK.search(text, end)
        line_end = m.start() if m else len(text)
        if self.in_tag(start):
            self.builder.blank(start, end)  # inside an HTML tag: between its attributes
        elif text[line_start:start].strip(" \t>") or text[end:line_end].strip():
            # a path or URL built around the output (``{{ site.url }}/Kiev/``) is part of it
            if m := _PATH_AFTER.match(text, end):
                end = m.end()
            if m := _PATH_BEFORE.search(text, line_start, start):
                start = m.start()
            self.builder.opaque(start, end)
        else:
            self.builder.blank(start, end)
            self.builder.add_break(line_start)
            self.builder.add_break(line_end)

    def in_tag(self, offset: int) -> bool:
        """Is ``offset`` inside an HTML tag (``<li {% if x %}class="a"{% endif %}>``)?"""
        text = self.text
        lo = max(0, offset - 2000)
        lt = text.rfind("<", lo, offset)
        return lt >= 0 and text.rfind(">", lt, offset) < 0 and bool(re.match(r"<[A-Za-z]", text[lt:lt + 2]))

    def blank(self, start: int, end: int) -> None:
        self.builder.blank(start, end)
        self.builder.add_break(start)
        self.builder.add_break(end)


def mask(text: str, syntaxes: frozenset[str] | tuple[str, ...]) -> tuple[str, list[int]]:
    """The masked copy of ``text`` and its extra block breaks."""
    masker = Masker(text)
    if HUGO in syntaxes:
        _hugo(masker)
    if LIQUID in syntaxes:
        _liquid(masker)
    if MDX in syntaxes:
        _mdx(masker)
    _markdown_extensions(masker)
    return masker.masked, masker.breaks


def _fenced_code(text: str) -> list[tuple[int, int]]:
    """Spans of fenced code blocks (fence lines included)."""
    if "```" not in text and "~~~" not in text:
        return []
    spans = []
    pos = 0
    while m := _FENCE_OPEN.search(text, pos):
        fence = m.group(1)
        close = re.compile(rf"^[ \t]*(?:>[ \t]?)*[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$",
                           re.M).search(text, m.end())
        end = close.end() if close else len(text)
        spans.append((m.start(), end))
        pos = max(end, m.end() + 1)
    return spans


# -- Hugo -------------------------------------------------------------------
def _hugo(masker: Masker) -> None:
    text = masker.text
    if "{{<" not in text and "{{%" not in text:
        return
    codes: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for m in _SHORTCODE.finditer(text):
        name = _SHORTCODE_NAME.match(m.group())
        if name is None:
            masker.mask(*m.span())
            continue
        closing, label = bool(name.group(1)), name.group(2)
        if closing:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == label:
                    if label in HUGO_CODE_SHORTCODES:
                        codes.append((stack[k][1], m.start()))
                    del stack[k:]
                    break
        elif not m.group().rstrip("}>%").rstrip().endswith("/"):
            stack.append((label, m.end()))
        masker.mask(*m.span())
    for start, end in codes:
        masker.blank(start, end)


# -- Liquid -------------------------------------------------------------------
def _liquid(masker: Masker) -> None:
    text = masker.text
    if "{%" in text:
        for m in _LIQUID_BLOCK.finditer(text):
            masker.mask(*m.span())
    if "{%" in text or "{{" in text:
        for m in _LIQUID.finditer(text):
            masker.mask(*m.span())
    if "{:" in text:
        for m in _IAL.finditer(text):
            if not masker.in_code(m.start()):
                masker.blank(m.start(), m.end())


def _attributes(masker: Masker) -> None:
    """Blank block attribute lists (Goldmark in Hugo, Kramdown in Jekyll)."""
    text = masker.text
    if "{" not in text:
        return
    for m in _ATTRIBUTES.finditer(text):
        if not masker.in_code(m.start()):
            masker.blank(m.start(), m.end())


# -- MDX ----------------------------------------------------------------------
def _mdx(masker: Masker) -> None:
    text = masker.text
    protected = list(masker.code)
    for m in _MDX_STATEMENT.finditer(text):
        if not masker.in_code(m.start()):
            masker.blank(*m.span())
            protected.append(m.span())
    for m in _ADMONITION.finditer(text):
        if not masker.in_code(m.start()):
            masker.blank(*m.span())
    protected.extend(m.span() for m in _CODE_SPAN.finditer(text)
                     if "`" in text and not _inside(protected, m.start()))
    protected.sort()
    i, n = 0, len(text)
    component_code: list[tuple[str, int]] = []
    while i < n:
        c = text[i]
        if c not in "<{":
            nxt = min((k for k in (text.find("<", i), text.find("{", i)) if k >= 0), default=n)
            i = nxt
            continue
        span = _inside(protected, i)
        if span:
            i = span[1]
            continue
        if c == "{":
            end = _balanced(text, i)
            if end is None:
                i += 1
                continue
            masker.mask(i, end)
            i = end
            continue
        m = _JSX_OPEN.match(text, i)
        if m is None:
            i += 1
            continue
        closing, name = bool(m.group(1)), m.group(2) or ""
        if name and not (name[0].isupper() or "." in name):
            end = _tag_end(text, m.end())
            if end is not None and "{" in text[i:end]:
                masker.mask(i, end)  # an HTML tag with JSX attributes
                i = end
            else:
                i = m.end()
            continue
        end = _tag_end(text, m.end())
        if end is None:
            i = m.end()
            continue
        masker.mask(i, end)
        if name in MDX_CODE_COMPONENTS:
            if closing:
                for k in range(len(component_code) - 1, -1, -1):
                    if component_code[k][0] == name:
                        masker.blank(component_code[k][1], i)
                        del component_code[k:]
                        break
            elif not text[i:end].endswith("/>"):
                component_code.append((name, end))
        i = end


def _inside(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    for a, b in spans:
        if a <= offset < b:
            return a, b
        if a > offset:
            break
    return None


def _balanced(text: str, start: int) -> int | None:
    """End of the ``{…}`` expression at ``start`` (strings and nesting respected)."""
    depth, i, n = 0, start, len(text)
    quote = ""
    while i < n:
        c = text[i]
        if c == "/" and text.startswith("/*", i) and not quote:
            close = text.find("*/", i + 2)
            if close < 0:
                return None
            i = close + 2
            continue
        if quote:
            if c == "\\":
                i += 2
                continue
            if c == quote:
                quote = ""
        elif c in "\"'`" and depth:
            quote = c
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        elif c in "\r\n" and text.startswith(("\n\n", "\r\n\r\n"), i):
            return None  # a paragraph break: a lone brace, not an expression
        i += 1
    return None


def _tag_end(text: str, i: int) -> int | None:
    """End of a JSX tag whose name ends at ``i`` (quotes and braces respected)."""
    n = len(text)
    while i < n:
        c = text[i]
        if c == ">":
            return i + 1
        if c in "\"'":
            close = text.find(c, i + 1)
            if close < 0:
                return None
            i = close + 1
            continue
        if c == "{":
            end = _balanced(text, i)
            if end is None:
                return None
            i = end
            continue
        if c == "<" or text.startswith(("\n\n", "\r\n\r\n"), i):
            return None
        i += 1
    return None


# -- Markdown extensions -----------------------------------------------------------
def _markdown_extensions(masker: Masker) -> None:
    text = masker.text
    if _RAW_ELEMENT_SIGN.search(text):
        for m in _RAW_ELEMENT.finditer(text):
            if not masker.in_code(m.start()):
                masker.mask(*m.span())
    if "[^" in text:
        for m in _FOOTNOTE_DEF.finditer(text):
            if not masker.in_code(m.start()):
                # OPAQUE, not spaces: blanks would indent the text into a code block
                masker.builder.opaque(m.start(2), m.end(2))
                masker.builder.add_break(m.start(2))
                masker.builder.add_break(m.end(2))
    _attributes(masker)
    if ":" in text:
        for m in _DEFINITION.finditer(text):
            if m.start() > 0 and not masker.in_code(m.start()) and _after_term(text, m.start()):
                masker.blank(m.start(2), m.end(2))


def _after_term(text: str, line_start: int) -> bool:
    """Is the line before ``line_start`` a definition-list term (a short
    line of text, or another definition)?"""
    prev_end = line_start - 1
    if text[prev_end] == "\n" and prev_end > 0 and text[prev_end - 1] == "\r":
        prev_end -= 1
    prev_start = max(text.rfind("\n", 0, prev_end), text.rfind("\r", 0, prev_end)) + 1
    prev = text[prev_start:prev_end].strip()
    return bool(prev) and not prev.endswith((".", ",", ";"))


_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n.*?^(?:\1|\.\.\.)[ \t]*$", re.M | re.S)


def mask_front_matter(text: str) -> str:
    """``text`` with its YAML (``---``) or TOML (``+++``) front matter blanked."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return text
    builder = ProseBuilder(text, blank=False)
    builder.blank(0, m.end())
    return "".join(builder.chars)


def needs_masking(text: str) -> bool:
    """Could :func:`mask` change ``text`` when no site syntax is asked for?"""
    return ("[^" in text or "\n:" in text or "\r:" in text or _RAW_ELEMENT_SIGN.search(text) is not None
            or "{" in text and _ATTRIBUTES.search(text) is not None)
