"""Quotation marks: which double quotes open and which close, and the spans
of prose that are someone else's words.

Curly quotes say which way they face.  A straight ``"`` opens when it follows
the start of the text, a space or an opening bracket or dash and is followed by
a non-space, or follows the end of a sentence and is followed by a letter
(``carpet."It's``); otherwise it closes.  A ``"`` between two letters
(``don"t``, a mangled apostrophe) is no quotation mark.  A ``"`` right after a
digit may be an inch mark (``5'10"``): it is marked ``ambiguous`` and only
closes a quotation that is open.  A value assigned with ``=`` (``alias
ll="ls -l"``, ``rm="rm -i"``: a ``"`` right after a word and ``=``, and the
next straight ``"`` on its line) is code the writer quotes as written, not
a quotation: neither of its marks is one.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple

if TYPE_CHECKING:
    from .model import Document

OPENING = "“"
CLOSING = "”"
STRAIGHT = '"'
_OPEN_BEFORE = set(" \t\r\n([{—–-/\u00a0")
#: Any double quotation mark (a character-class scan: C speed).
_DOUBLE_QUOTES = '“”"'


def has_double_quotes(text: str) -> bool:
    return '"' in text or OPENING in text or CLOSING in text


class Mark(NamedTuple):
    offset: int
    char: str
    opens: bool
    ambiguous: bool = False


def double_quote_marks(text: str, start: int = 0, end: int | None = None) -> Iterator[Mark]:
    """Every double quotation mark in ``text[start:end]``, classified."""
    return iter(quote_marks(text, start, end))


def find_all(text: str, chars: str, start: int = 0, end: int | None = None) -> list[int]:
    """The offsets of every one of ``chars`` in ``text[start:end]``, in order:
    one ``str.find`` scan per character (several times faster than a
    character-class regex, which Python's ``re`` tries at every offset)."""
    end = len(text) if end is None else end
    offsets: list[int] = []
    append = offsets.append
    find = text.find
    for ch in chars:
        i = find(ch, start, end)
        while i >= 0:
            append(i)
            i = find(ch, i + 1, end)
    offsets.sort()
    return offsets


def _quote_offsets(text: str, start: int, end: int) -> list[int]:
    """The offsets of the double quotation marks of ``text[start:end]``, in
    order (about 7x faster than a class scan)."""
    return find_all(text, _DOUBLE_QUOTES, start, end)


def quote_marks(text: str, start: int = 0, end: int | None = None,
                source: str | None = None) -> list[Mark]:
    """:func:`double_quote_marks` as a list (built in one tight loop).

    With ``source`` (the document's source, of which ``text`` is the prose),
    a mark next to blanked markup is judged by the prose beyond the markup:
    in ``"[the guide](x.md)."`` the first mark opens (a link follows it, not
    a space) and in ``"<a href=…>text</a>"`` the last one closes."""
    end = len(text) if end is None else end
    marks: list[Mark] = []
    append = marks.append
    new = tuple.__new__  # a Mark without the Python-level __new__ of a NamedTuple
    last = len(text) - 1
    offsets = _quote_offsets(text, start, end)
    values = _assigned_values(text, offsets) if "=" in text else ()
    for i in offsets:
        if i in values:
            continue
        ch = text[i]
        if ch == OPENING:
            append(new(Mark, (i, ch, True, False)))
        elif ch == CLOSING:
            append(new(Mark, (i, ch, False, False)))
        else:
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i < last else " "
            if source is not None:
                if before == " " and i > 0 and not source[i - 1].isspace():
                    before = _through_markup(text, source, i - 1, -1)
                if after == " " and i < last and not source[i + 1].isspace():
                    after = _through_markup(text, source, i + 1, 1)
            if before.isalpha() and after.isalpha():
                pass  # a mangled apostrophe: don"t
            elif before.isdigit():
                append(new(Mark, (i, ch, False, True)))  # an inch mark, or a quote closing after a figure
            elif (before in _OPEN_BEFORE or before in ".!?,;:") and after.isalpha() \
                    or before in _OPEN_BEFORE and not after.isspace():
                append(new(Mark, (i, ch, True, False)))
            else:
                append(new(Mark, (i, ch, False, False)))
    return marks


def _assigned_values(text: str, offsets: list[int]) -> set[int]:
    """The offsets of the two straight marks around each ``name="value"``."""
    skip: set[int] = set()
    for k, i in enumerate(offsets[:-1]):
        if i < 2 or text[i] != STRAIGHT or text[i - 1] != "=" or i in skip:
            continue
        name = text[i - 2]
        if not (name.isalnum() or name == "_") or i + 1 >= len(text) or text[i + 1].isspace():
            continue
        j = offsets[k + 1]
        if text[j] == STRAIGHT and "\n" not in text[i:j] and "\r" not in text[i:j]:
            skip.update((i, j))
    return skip


def _through_markup(text: str, source: str, k: int, step: int) -> str:
    """The first character of ``text`` from ``k`` on (going ``step``) past
    the blanked markup at ``k`` (a space in the prose where the source has
    none); a space typed after the markup ends the walk, one inside a tag
    does not."""
    n = len(text)
    while 0 <= k < n and text[k] == " ":
        if source[k].isspace():
            # a blank the writer typed, unless the markup goes on past it
            # (the space between a tag's name and its attributes)
            j = k
            while 0 <= j < n and text[j] == " " and source[j] in " \t":
                j += step
            if 0 <= j < n and text[j] == " " and not source[j].isspace():
                k = j
                continue
            return " "
        k += step
    return text[k] if 0 <= k < n else " "


def quoted_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans between an opening and its closing quotation mark (marks
    included).  An opening mark left unclosed runs to ``end`` (a quotation
    that continues into the next paragraph)."""
    end = len(text) if end is None else end
    return _spans_of(double_quote_marks(text, start, end), end)


def _spans_of(marks: Iterable[Mark], end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for mark in marks:
        if mark.ambiguous and open_at is None:
            continue
        if mark.opens and open_at is None:
            open_at = mark.offset
        elif not mark.opens and open_at is not None:
            spans.append((open_at, mark.offset + 1))
            open_at = None
    if open_at is not None:
        spans.append((open_at, end))
    return spans


_MARKS = object()  # doc.memo keys
_QUOTED = object()


def document_marks(doc: "Document") -> list[Mark]:
    """Every double quotation mark of ``doc.prose``, classified once per
    document (a mark's class depends only on its neighbouring characters)."""
    marks = doc.memo.get(_MARKS)
    if marks is None:
        prose = doc.prose
        source = doc.text if prose is not doc.text and prose != doc.text else None
        marks = quote_marks(prose, source=source) if has_double_quotes(prose) else []
        doc.memo[_MARKS] = marks
    return marks  # type: ignore[return-value]


def marks_by_block(doc: "Document") -> Iterator[tuple[int, list[Mark]]]:
    """(block index, the block's marks) for each block of ``doc`` that holds any."""
    marks = document_marks(doc)
    if not marks:
        return
    offsets = [mark.offset for mark in marks]
    lo = 0
    for i, block in enumerate(doc.blocks):
        lo = bisect_left(offsets, block.start, lo)
        hi = bisect_left(offsets, block.end, lo)
        if lo < hi:
            yield i, marks[lo:hi]
            lo = hi


def quoted_spans_by_block(doc: "Document") -> list[tuple[int, int]]:
    """:func:`quoted_spans` of every block of ``doc``, in order (once per document)."""
    spans = doc.memo.get(_QUOTED)
    if spans is None:
        blocks = doc.blocks
        spans = [span for i, marks in marks_by_block(doc) for span in _spans_of(marks, blocks[i].end)]
        doc.memo[_QUOTED] = spans
    return spans  # type: ignore[return-value]


def block_quoted_spans(doc: "Document", start: int, end: int) -> list[tuple[int, int]] | None:
    """The spans of :func:`quoted_spans_by_block` that lie in the block
    ``start..end`` of ``doc``, from that block's marks alone (a story with
    one finding need not classify every mark of the story), or None when
    they could differ: a mark's class depends only on its neighbouring
    characters, read in the whole prose either way, but the marks of a
    ``name="value"`` are paired across blocks (a prose with ``=`` takes the
    whole story's path, and so does a story whose quotations are known)."""
    prose = doc.prose
    if "=" in prose or _QUOTED in doc.memo:
        return None
    if not has_double_quotes(prose[start:end]):
        return []
    source = doc.text if prose is not doc.text and prose != doc.text else None
    return _spans_of(quote_marks(prose, start, end, source=source), end)


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)
