"""Fast paths give what the plain paths they stand in for give: a finding's
context."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.engine import fixcontext
from copylint.document.model import Document

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



def test_compile_all_leaves_a_big_list_to_its_documents_words(tmp_path):
    """Before worker processes fork, a big list's whole trie is not compiled
    (Python's regex compiler: about 0.7 s for 10,000 terms); the findings are
    those of the serial run."""
    from copylint.checks import terms
    from copylint.engine.linting import engine_for
    from copylint.ruleset.loader import load_rules

    swaps = "".join(f"      Zorv{i}ka: Zorv{i}ia\n" for i in range(terms.BIG_LIST))
    (tmp_path / "big.yml").write_text(
        "rules:\n  - id: test.big\n    kind: substitution\n    level: warning\n"
        "    ignorecase: true\n    description: generated names\n    swap:\n" + swaps, encoding="utf-8")
    text = "We went to Zorv7ka and to zorv1999KA, not to Zorv7kas."
    serial = [(f.offset, f.message) for f in engine_for(load_rules([tmp_path], builtin=False)).lint(Document(text))]
    engine = engine_for(load_rules([tmp_path], builtin=False))
    engine.compile_all()
    matcher = next(c.terms for c in engine.checks if hasattr(c, "terms"))
    assert len(matcher) == terms.BIG_LIST and matcher._pattern is None
    assert [(f.offset, f.message) for f in engine.lint(Document(text))] == serial and len(serial) == 2
