"""Fast paths give what the plain paths they stand in for give: a finding's
context."""

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

