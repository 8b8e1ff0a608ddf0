"""The cheaper context of a finding (issue 16, round 5) gives what the plain
path gives: a match's double quotation found from the marks of its block
alone, and the patterns compiled on first use."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.document.model import Document
from copylint.document.quotes import block_quoted_spans, quoted_spans_by_block
from copylint.engine import fixcontext
from copylint.formats import make_document
from copylint.patterns.lazy import LazyRe

PIECES = ["Kiev", "Kyiv", "word", " ", ", ", ". ", "\n\n", "\n", "(", "—", "'", "2", "\"", "“", "”",
          "\" ", " \"", "*", "**", "[", "](x.md)", "<q>", "</q>", "<b>", "</b>", "`code`", "=", "a=\"",
          "- ", "# ", "> "]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _every_span(text: str) -> list[tuple[int, int]]:
    return [(s, e) for s in range(len(text)) for e in range(s + 1, min(len(text), s + 6) + 1)]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@settings(max_examples=200, deadline=None)
@given(text=TEXTS)
def test_a_blocks_double_quotation_is_that_of_the_whole_story(fmt, text):
    for start, end in _every_span(text):
        fresh = make_document(text, fmt=fmt)  # nothing classified yet: only the block is
        plain = make_document(text, fmt=fmt)
        expected = fixcontext._double_quoted_plain(plain, start, end)
        assert fixcontext._double_quoted(fresh, start, end, fresh.block_at(start)) == expected
        # a story whose quotations are already known takes the whole story's path
        assert fixcontext._double_quoted(plain, start, end, plain.block_at(start)) == expected


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@settings(max_examples=200, deadline=None)
@given(text=TEXTS)
def test_a_blocks_spans_are_the_whole_storys_in_that_block(fmt, text):
    doc = make_document(text, fmt=fmt)
    whole = quoted_spans_by_block(make_document(text, fmt=fmt))
    for block in doc.blocks:
        spans = block_quoted_spans(doc, block.start, block.end)
        if "=" in doc.prose:
            assert spans is None
        else:
            assert spans == [(s, e) for s, e in whole if block.start <= s < block.end]
    quoted_spans_by_block(doc)
    assert all(block_quoted_spans(doc, b.start, b.end) is None for b in doc.blocks)


@pytest.mark.parametrize("text, start, quoted", [
    ('He said "Kiev is old" twice.', 9, (8, 21)),
    ('"Kiev\n\nstill open', 1, (0, 5)),  # an unclosed quotation runs to its block's end
    ('Kiev said "no".', 0, None),
    ('x="Kiev" and "Kiev"', 3, None),  # a value assigned with = is no quotation
])
def test_double_quotation_by_example(text, start, quoted):
    doc = Document(text)
    assert fixcontext._double_quoted(doc, start, start + 4, doc.block_at(start)) == quoted
    assert fixcontext._double_quoted_plain(Document(text), start, start + 4) == quoted


def _contexts(text: str) -> list[fixcontext.Context]:
    doc = make_document(text, fmt="markdown")
    return [fixcontext.context_of(doc, m.start(), m.end(), "Kyiv")
            for m in re.finditer(r"(?<!\w)Kiev(?!\w)", text)]


@settings(max_examples=200, deadline=None)
@given(text=TEXTS)
def test_contexts_are_those_of_the_whole_storys_quotations(text):
    fast = _contexts(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fixcontext, "_double_quoted", lambda doc, s, e, block: fixcontext._double_quoted_plain(doc, s, e))
        assert _contexts(text) == fast


def test_lazy_patterns_are_the_plain_ones():
    lazy = [v for v in (*vars(fixcontext).values(), *fixcontext._EMPHASIS) if isinstance(v, LazyRe)]
    assert len(lazy) == 3  # the two Markdown emphasis patterns and the words between two spellings
    for pattern in lazy:
        assert pattern.compiled == re.compile(pattern._source, pattern._flags)
    assert fixcontext._next_to_right_spelling("Kyiv (Kiev)", 0, 11, 6, 10, "Kyiv")
    assert not fixcontext._next_to_right_spelling("Kyiv is far from Kiev", 0, 21, 17, 21, "Kyiv")


BLOCK_PIECES = [*PIECES, "\n\n\n", "  \n\n  ", "\t", "\n   \n", "1. ", "* ", "<p>", "</p>", "<br>", "```\n", "\r\n\r\n"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(BLOCK_PIECES), max_size=30).map("".join))
def test_the_block_at_an_offset_is_the_documents(fmt, text):
    doc = make_document(text, fmt=fmt)
    for offset in range(len(text) + 1):
        fresh = make_document(text, fmt=fmt)  # blocks not found yet
        fresh.block_breaks  # noqa: B018  (as the scope test has them when a hit is checked)
        found = fresh.block_around(offset)
        expected = doc.block_at(offset)
        assert (found.start, found.end) == (expected.start, expected.end)
        assert (doc.block_around(offset).start, doc.block_around(offset).end) == (
            expected.start, expected.end)


def test_the_block_at_an_offset_by_example():
    text = "First para.\n\n  Second one.  \n\n\nThird."
    doc = Document(text)
    assert doc.block_around(3) == doc.block_at(3) == doc.blocks[0]
    assert "blocks" in vars(doc)
    for offset, block in [(16, (15, 26)), (26, (15, 26)), (14, (0, 11)), (33, (31, 37))]:
        fresh = Document(text)
        found = fresh.block_around(offset)
        assert (found.start, found.end) == block
        assert "blocks" not in vars(fresh) or offset == 14  # in the blanks before a block: the story's blocks
