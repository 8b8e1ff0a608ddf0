"""Static-site syntax: Hugo shortcodes, Liquid (Jekyll, Eleventy, GitHub
Pages), MDX / Docusaurus, and the Markdown extensions CommonMark lacks.

None of it is prose.  Before a document is read, its site syntax is *masked*
in a copy of the source of the same length: a construct that stands alone on
its lines becomes spaces (a blank line, which also ends a paragraph), one
inside a line becomes :data:`~copylint.document.model.OPAQUE` (it stands where a
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

import bisect
import re

from ..document.model import find_line_starts
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

_FENCE_OPEN = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)*[ \t]*(`{3,}|~{3,})", re.M)

#: A shortcode's start: its delimiter, ``/*`` when escaped for display
#: (``{{</* img */>}}``), ``/`` when closing, and its name.
_SHORTCODE_NAME = re.compile(r"\{\{[<%]-?\s*(?:/\*\s*)?(/?)\s*([\w./-]+)")

_IAL = re.compile(r"\{:[^{}\r\n]*\}")
#: Goldmark/Kramdown attributes after a block or heading: ``{.class #id key="v"}``.
_ATTRIBUTES = re.compile(r"\{[ \t]*(?:[.#][\w-]|[\w-]+=)[^{}\r\n]*\}[ \t]*$", re.M)

_MDX_STATEMENT = re.compile(r"^(?:import|export)\b[^\r\n]*(?:(?:\r\n|\r|\n)(?![ \t]*(?:\r\n|\r|\n|$))[^\r\n]*)*",
                            re.M)
_ADMONITION = re.compile(r"^[ \t]*(?:>[ \t]?)*:::[^\r\n]*$", re.M)
_JSX_OPEN = re.compile(r"<(/?)([A-Za-z][\w.:-]*)?")
_BLANK_REST = re.compile(r"[ \t]*(?:\r\n|\r|\n|\Z)")
_SOLID = re.compile(r"[^ \t>]")
_PATH_AFTER = re.compile(r"[/#?][\w/.%~-][^\s<>\"'()\[\]{}]*")
_PATH_BEFORE = re.compile(r"(?:[\w.~:%-]*/)+\Z")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:(?!(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)).)+?(?<!`)\1(?!`)", re.S)

#: Raw-text and preformatted HTML elements, wherever they stand in Markdown
#: (indented, inside a list, spanning blank lines): never prose.
_RAW_OPEN = re.compile(r"<(pre|script|style)\b[^>]*>", re.I)
_RAW_ELEMENT_SIGN = re.compile(r"<(?:pre|script|style)\b", re.I)
_FOOTNOTE_DEF = re.compile(r"^([ \t]{0,3})(\[\^[^\]\r\n]+\]:)", re.M)
_DEFINITION = re.compile(r"^([ \t]{0,3})(:)[ \t]+(?=\S)", re.M)


class Masker:
    """The masked copy of one source, and the block breaks masking adds."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.builder = ProseBuilder(text, blank=False)
        self.code = _fenced_code(text)
        self._line_starts: list[int] | None = None
        self._first_solid: dict[int, int] = {}

    @property
    def masked(self) -> str:
        return "".join(self.builder.chars)

    @property
    def breaks(self) -> list[int]:
        return self.builder.breaks

    def in_code(self, offset: int) -> bool:
        return _inside(self.code, offset) is not None

    def mask(self, start: int, end: int) -> None:
        """Mask ``start..end``: spaces when it has its lines to itself, else OPAQUE."""
        text = self.text
        line_start = self.line_start(start)
        rest = _BLANK_REST.match(text, end)
        if self.in_tag(start):
            self.builder.blank(start, end)  # inside an HTML tag: between its attributes
        elif self.first_solid(line_start) < start or rest is None:
            # a path or URL built around the output (``{{ site.url }}/Kiev/``) is part of it
            if m := _PATH_AFTER.match(text, end):
                end = m.end()
            if m := _PATH_BEFORE.search(text, max(line_start, start - 300), start):
                start = m.start()
            self.builder.opaque(start, end)
        else:
            line_end = rest.end()
            while line_end > end and text[line_end - 1] in "\r\n":
                line_end -= 1
            self.builder.blank(start, end)
            self.builder.add_break(line_start)
            self.builder.add_break(line_end)

    def line_start(self, offset: int) -> int:
        if self._line_starts is None:
            self._line_starts = find_line_starts(self.text)
        return self._line_starts[bisect.bisect_right(self._line_starts, offset) - 1]

    def first_solid(self, line_start: int) -> int:
        """Offset of the first character of a line that is not a blank or a
        block-quote marker (cached per line)."""
        found = self._first_solid.get(line_start)
        if found is None:
            m = _SOLID.search(self.text, line_start)
            found = self._first_solid[line_start] = m.start() if m else len(self.text)
        return found

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
def _delimited(text: str, opener: str, closer: str, limit: int = 4000,
               starts: "re.Pattern[str] | None" = None) -> list[tuple[int, int]]:
    """Spans ``opener … closer`` (no nesting; at most ``limit`` characters),
    found in one pass: the closer searched for is reused by every opener
    before it, and when none is left no later opener can close.  With
    ``starts``, an opener that pattern does not match at is no opener (a
    ``{{<`` written in prose about Hugo opens no shortcode)."""
    spans: list[tuple[int, int]] = []
    width = len(opener)
    i = text.find(opener)
    close = -1
    while i >= 0:
        if starts is not None and starts.match(text, i) is None:
            i = text.find(opener, i + 1)
            continue
        if close < i + width:
            close = text.find(closer, i + width)
            if close < 0:
                break
        if close - i <= limit:
            end = close + len(closer)
            spans.append((i, end))
            i = text.find(opener, end)
        else:
            i = text.find(opener, i + 1)
    return spans


def _hugo(masker: Masker) -> None:
    text = masker.text
    if "{{<" not in text and "{{%" not in text:
        return
    shortcodes = sorted(_delimited(text, "{{<", ">}}", starts=_SHORTCODE_NAME)
                        + _delimited(text, "{{%", "%}}", starts=_SHORTCODE_NAME))
    codes: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    last = 0
    for start, end in shortcodes:
        if start < last:
            continue  # inside the previous one (``{{< x "{{%" >}}``)
        last = end
        name = _SHORTCODE_NAME.match(text, start, end)
        masker.mask(start, end)
        if name is None:
            continue
        closing, label = bool(name.group(1)), name.group(2)
        if closing:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == label:
                    if label in HUGO_CODE_SHORTCODES:
                        codes.append((stack[k][1], start))
                    del stack[k:]
                    break
        elif not text[start:end].rstrip("}>%").rstrip().endswith("/"):
            stack.append((label, end))
    for start, end in codes:
        masker.blank(start, end)


# -- Liquid -------------------------------------------------------------------
_LIQUID_NAME = re.compile(r"\{%-?\s*(\w+)")
#: A real Liquid tag's start: ``{%`` (or ``{%-``), then its name (a known tag
#: or a plugin's: an identifier) or Liquid 5's ``#`` comment, with no blank
#: line and no other ``{%`` before its ``%}``.  A ``{%`` written in prose (``{% 40 …``, ``the {%
#: delimiter``) opens no tag and masks nothing.
_LIQUID_TAG = re.compile(r"\{%-?[ \t]*(?:(?:\r\n|\r|\n)[ \t]*)?(?:#|[A-Za-z_][\w-]*(?![\w-]))"
                         r"(?:(?!%\}|\{%|(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)).){0,4000}?-?%\}", re.S)
_LIQUID_BLOCKS = ("highlight", "comment", "capture", "raw")


def _liquid(masker: Masker) -> None:
    text = masker.text
    if "{%" in text:
        tags = _delimited(text, "{%", "%}", starts=_LIQUID_TAG)
        unclosed: set[str] = set()
        skip_to = 0
        for start, end in tags:
            if start < skip_to:
                continue
            name = _LIQUID_NAME.match(text, start, end)
            label = name.group(1) if name else ""
            if label in _LIQUID_BLOCKS and label not in unclosed:
                close = re.compile(rf"\{{%-?\s*end{label}\s*-?%\}}").search(text, end)
                if close is None:
                    unclosed.add(label)  # no later block of this name can close either
                else:
                    masker.mask(start, close.end())
                    skip_to = close.end()
                    continue
            masker.mask(start, end)
    if "{{" in text:
        for start, end in _delimited(text, "{{", "}}"):
            masker.mask(start, end)
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
    protected.sort()
    protected.extend(_code_spans(text, protected))
    protected.sort()
    expressions = _expressions(text, protected)
    component_code: list[tuple[str, int]] = []
    n = len(text)
    trigger = _MDX_TRIGGER.search(text)
    while trigger:
        i = trigger.start()
        span = _inside(protected, i)
        if span:
            trigger = _MDX_TRIGGER.search(text, span[1])
            continue
        if text[i] == "{":
            end = expressions.get(i)
            if end is not None:
                masker.mask(i, end)
            trigger = _MDX_TRIGGER.search(text, end or i + 1)
            continue
        m = _JSX_OPEN.match(text, i)
        assert m is not None  # the trigger is "<"
        closing, name = bool(m.group(1)), m.group(2) or ""
        end = _tag_end(text, m.end(), expressions)
        if name and not (name[0].isupper() or "." in name):
            if end is not None and "{" in text[i:end]:
                masker.mask(i, end)  # an HTML tag with JSX attributes
            else:
                end = None
        elif end is not None:
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
        trigger = _MDX_TRIGGER.search(text, end if end is not None else min(n, i + 1))


_MDX_TRIGGER = re.compile(r"[<{]")
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")
_EXPRESSION_TOKEN = re.compile(r"[{}\"'`]|/\*|(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")


def _expressions(text: str, protected: list[tuple[int, int]]) -> dict[int, int]:
    """Start -> end of every outermost ``{…}`` expression outside
    ``protected`` spans, found in one pass: braces nest, strings and
    ``/* comments */`` inside an expression are skipped, a blank line ends
    every expression still open (its ``{`` is then a literal brace)."""
    found: dict[int, int] = {}
    stack: list[int] = []
    pending: list[tuple[int, int, int]] = []  # closed pairs (depth, start, end) while unclosed ones wait
    pos = 0
    n = len(text)
    while pos < n:
        m = _EXPRESSION_TOKEN.search(text, pos)
        if m is None:
            break
        tok, k = m.group(), m.start()
        pos = m.end()
        span = _inside(protected, k)
        if span and not stack:
            pos = max(pos, span[1])
            continue
        if tok == "{":
            stack.append(k)
        elif tok == "}":
            if stack:
                start = stack.pop()
                if stack:
                    pending.append((len(stack), start, k + 1))
                else:
                    found[start] = k + 1
                    pending.clear()
        elif tok in "\"'`":
            if stack:
                close = text.find(tok, pos, min(n, pos + _MAX_EXPRESSION))
                if close >= 0 and _BLANK_LINE.search(text, pos, close) is None:
                    pos = close + 1  # a string: its braces are no braces
        elif tok == "/*":
            if stack:
                close = text.find("*/", pos)
                if close >= 0:
                    pos = close + 2
        else:  # a blank line: what is still open was never an expression
            if stack:
                _promote(found, pending, stack)
            stack.clear()
            pending.clear()
    if stack:
        _promote(found, pending, stack)
    return found


def _promote(found: dict[int, int], pending: list[tuple[int, int, int]], stack: list[int]) -> None:
    """Unclosed braces are literal: the closed expressions inside them are
    outermost after all."""
    outer_end = -1
    for _, start, end in sorted(pending, key=lambda p: (p[1], -p[2])):
        if start >= outer_end:
            found[start] = end
            outer_end = end


def _code_spans(text: str, fences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Code spans outside fenced code, in order."""
    if "`" not in text:
        return []
    return [m.span() for m in _CODE_SPAN.finditer(text) if not _inside(fences, m.start())]


_END = float("inf")


def _inside(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The span of ``spans`` (sorted by start) that holds ``offset``, if any."""
    i = bisect.bisect_right(spans, (offset, _END)) - 1
    while i >= 0:
        a, b = spans[i]
        if a <= offset < b:
            return a, b
        if i and spans[i - 1][1] > offset:  # an earlier, longer span may hold it
            i -= 1
            continue
        break
    return None


#: The longest JSX tag or string looked for (a bound on the work a stray
#: ``<`` or quotation mark can cause).
_MAX_EXPRESSION = 5_000


def _tag_end(text: str, i: int, expressions: dict[int, int]) -> int | None:
    """End of a JSX tag whose name ends at ``i`` (quotes and braces respected)."""
    n = min(len(text), i + _MAX_EXPRESSION)
    while i < n:
        c = text[i]
        if c == ">":
            return i + 1
        if c in "\"'":
            close = text.find(c, i + 1, n)
            if close < 0:
                return None
            i = close + 1
            continue
        if c == "{":
            end = expressions.get(i)
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
        spans = _code_spans(text, masker.code)
        closers: dict[str, "re.Match[str] | None"] = {}
        pos = 0
        while m := _RAW_OPEN.search(text, pos):
            a, name = m.start(), m.group(1).lower()
            pos = m.end()
            close = closers.get(name, False)
            if close is not None and (close is False or close.start() < pos):  # type: ignore[union-attr]
                close = closers[name] = re.compile(rf"</{name}\s*>", re.I).search(text, pos)
            if close is None:
                continue  # never closed: no later one closes either
            b = close.end()
            k = bisect.bisect_right(masker.code, (a, _END))
            if masker.in_code(a) or _inside(spans, a) or (k < len(masker.code) and masker.code[k][0] < b):
                continue  # `<script>` in a code span, or an element running into a fence
            masker.mask(a, b)
            pos = b
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
    return ("[^" in text or "\n:" in text or "\r:" in text
            or "<" in text and _RAW_ELEMENT_SIGN.search(text) is not None
            or "{" in text and _ATTRIBUTES.search(text) is not None)
