"""Fast paths give what the plain paths they stand in for give: a finding's
context, a document's block bounds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copylint import fixcontext
from copylint.document import Document

PIECES = ["Kiev", "Kyiv", " ", ", ", ". ", "\n\n", "\n", " formerly known as ", " was renamed ",
          " as it was then spelled", " which was called ", " not ", " (", ")", " is ", " has been ",
          "\"", "“", "”", "'", " spelled ", " the old name of ", " Mr. ", "A. ", "now ", " → ",
          "*", "Old", " in ", "was ", "As ", "Which", "kiev_map.png", " example.com/kiev "]


def _contexts(text: str) -> list[fixcontext.Context]:
    doc = Document(text)
    return [fixcontext.context_of(doc, m.start(), m.end(), "Kyiv")
            for m in re.finditer(r"(?<!\w)Kiev(?!\w)", text)]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_the_precheck_never_changes_a_context(text):
    fast = _contexts(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fixcontext, "_may_name_spelling", lambda *args: True)
        assert _contexts(text) == fast


@pytest.mark.parametrize("text, context", [
    ("Kyiv, formerly known as Kiev, is the capital.", "mention"),
    ("Kiev, as it was then spelled, fell.", "mention"),
    ("Kyiv, not Kiev, is right.", "mention"),
    ("Kiev. Kyiv is the capital.", "prose"),  # the right spelling is in the next sentence
    ("The road to Kiev is long.", "prose"),
])
def test_the_precheck_keeps_the_named_spelling_cases(text, context):
    assert [str(c) for c in _contexts(text)] == [context]


def _plain_blocks(doc: Document) -> list[tuple[int, int]]:
    edges = [0, *doc.block_breaks, len(doc.prose)]
    spans = []
    for start, end in zip(edges, edges[1:]):
        chunk = doc.prose[start:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((start + lead, start + lead + len(stripped)))
    return spans


BLOCK_PIECES = ["word", " ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\t", "\u00a0", "\u2003", "x.", " " * 20,
                "\n" * 20, "\n \n", "# Head\n"]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(BLOCK_PIECES), max_size=40).map("".join))
def test_block_bounds_without_slicing_are_the_stripped_blocks(text):
    doc = Document(text)
    assert [(b.start, b.end) for b in doc.blocks] == _plain_blocks(doc)


def test_block_bounds_of_long_trailing_space():
    text = "First block." + " " * 40 + "\n\n" + "  Second.\n" + "\n" * 30 + "Third"
    doc = Document(text)
    assert [(b.start, b.end) for b in doc.blocks] == _plain_blocks(doc)
    assert [text[b.start:b.end] for b in doc.blocks] == ["First block.", "Second.", "Third"]
