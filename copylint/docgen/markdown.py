"""Small Markdown helpers for the generated reference pages: code spans that
survive any content, table cells, and docstrings turned from reST into
Markdown."""

from __future__ import annotations

import html
import inspect
import re

_ROLE = re.compile(r":(?:mod|class|func|meth|attr|data|obj):`~?\.?([^`]+)`")
_DOUBLE_BACKTICK = re.compile(r"``(.+?)``", re.S)


def code(text: str) -> str:
    """``text`` as an inline code span, whatever backticks it holds."""
    text = " ".join(text.split("\n"))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def fenced(text: str, info: str = "text") -> str:
    """``text`` as a fenced code block, with a fence longer than any inside."""
    longest = max((len(run) for run in re.findall(r"^`{3,}", text, re.M)), default=2)
    fence = "`" * (longest + 1)
    return f"{fence}{info}\n{text.rstrip(chr(10))}\n{fence}"


#: A quoted fragment in a description ('on Monday evening. .', "said Ukrainian"):
#: an example of what a rule flags, shown as code so that it reads as a quotation
#: of copy, not as the page's own prose (which copylint lints).
_QUOTED = re.compile(
    r"""(?<![\w'"])'((?:[^'\n]|(?<=\w)'(?=\w))+?)'(?![\w'])"""
    r"""|(?<![\w"])"([^"\n]+?)"(?![\w"])"""
    r"|‘([^’\n]+?)’(?!\w)|“([^”\n]+?)”")
_CODE_SPAN = re.compile(r"(`+).+?\1", re.S)


def quotes_as_code(text: str) -> str:
    """Every quoted fragment of ``text`` outside code spans as a code span."""
    out, last = [], 0
    for span in _CODE_SPAN.finditer(text):
        out += [_quoted(text[last:span.start()]), span.group()]
        last = span.end()
    return "".join(out + [_quoted(text[last:])])


def _quoted(text: str) -> str:
    return _QUOTED.sub(lambda m: code(next(g for g in m.groups() if g is not None)), text)


def cell_code(text: str) -> str:
    """``text`` as code inside a table cell: a ``|`` in a code span would end
    the cell for one Markdown reader and not another, so it is HTML code
    with ``|`` as an entity (the same in every reader)."""
    if "|" not in text:
        return code(text)
    return "<code>" + html.escape(" ".join(text.split()), quote=False).replace("|", "&#124;") + "</code>"


def cell(text: str) -> str:
    """Prose for one table cell: one line, ``|`` escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def from_rst(text: str) -> str:
    """A docstring's reST markup as Markdown: ``x`` and :role:`x` become code spans."""
    text = _ROLE.sub(lambda m: "``" + m.group(1).rsplit(".", 1)[-1] + "``", text)
    return _DOUBLE_BACKTICK.sub(lambda m: code(m.group(1)), text)


def paragraphs(docstring: str | None) -> list[str]:
    """A docstring's paragraphs, dedented and joined into single lines
    (an indented literal block ends the prose: it is code, not text)."""
    out: list[str] = []
    for block in inspect.cleandoc(docstring or "").split("\n\n"):
        if not block.strip() or block.startswith((" ", "\t")):
            continue
        if block.rstrip().endswith("::"):
            block = block.rstrip()[:-1]
        items = _LIST_ITEM.split(block)
        if len(items) > 1 and not items[0].strip():  # a bullet list: one line per item
            out.append("\n".join("- " + _prose(item) for item in items[1:]))
        else:
            out.append(_prose(block))
    return out


_LIST_ITEM = re.compile(r"^[*-] ", re.M)


def _prose(text: str) -> str:
    return quotes_as_code(from_rst(" ".join(text.split())))


def slug(text: str) -> str:
    """A file-name-safe form of a rule id or kind (letters, digits, ``.-_``)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "page"
