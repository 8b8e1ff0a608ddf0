"""The per-story shortcuts of issue 16 (round 4, the corpus throughput) give
what the plain scans give: sentence ends found by a literal full-stop scan,
fragment starts by one scan per mark, attribution verbs by ``str.find``."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.document import sentences

END_PIECES = ["word", "Mr", "U.S", "e.g", "a", "J", " ", "  ", "\n", "\t", ".", "..", "...", "!", "?", "…",
              "\"", "'", "”", "’", ")", "]", "\u00a0", "\u2028", "é", "x"]


def _plain_ends(text: str, start: int, end: int):
    return sentences._END.finditer(text, start, end)


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(END_PIECES), max_size=40).map("".join), data=st.data())
def test_sentence_ends_are_those_of_the_class_scan(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    fast = [(m.span(), m.group()) for m in sentences.sentence_ends(text, start, end)]
    plain = [(m.span(), m.group()) for m in _plain_ends(text, start, end)]
    assert fast == plain
    assert sentences.split_sentences(text, start, end) == sentences.split_sentences(text, start, end, _plain_ends)


@pytest.mark.parametrize("text, spans", [
    ("He left. She stayed.", [(0, 8), (9, 20)]),
    ("Mr. Smith left... then came back. Why? No.", [(0, 33), (34, 38), (39, 42)]),
    ("It was over.” Then rain.", [(0, 13), (14, 24)]),
])
def test_sentence_split_by_example(text, spans):
    assert sentences.split_sentences(text, 0, len(text)) == spans
    assert sentences.split_sentences(text, 0, len(text), _plain_ends) == spans


FRAGMENT_PIECES = ["bomb", "Bomb", "bombings", "a", "x", "U.S", "7", " ", "  ", "\n", "\n\n", "\t", ".", "..",
                   "!", "?", "…", "\"", "'", "”", "’", ")", "]", "\u00a0", "é", "É"]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(FRAGMENT_PIECES), max_size=40).map("".join))
def test_fragment_starts_are_those_of_the_class_scan(text):
    from copylint.checks import repetition

    fast = [m.span() for m in repetition.fragment_starts(text)]
    assert fast == [m.span() for m in repetition._FRAGMENT_START.finditer(text)]


@pytest.mark.parametrize("text, found", [
    ("A series of bombings. bomb. Then more.", 1),
    ("Was it a series of bombings? bomb. Then more.", 1),
    ("A series of bombings. Bomb. Then more.", 0),
])
def test_fragments_found_with_and_without_other_marks(text, found):
    from copylint.engine.linting import lint_text

    hits = [f for f in lint_text(text) if f.rule == "repetition.fragment"]
    assert len(hits) == found


LOADED_PIECES = ["claimed", "Claimed", "CLAIMED", "insisted", "insists", "admitted", "was", "who", " ", "\n",
                 "x", "responsibility", "reclaimed", ",", ".", "the title", "İ", "ſ", "é"]


@functools.lru_cache(maxsize=None)
def _attribution(mode: str):
    from copylint.checks.attribution import AttributionCheck
    from copylint.ruleset import load_rules

    rules = [r for r in load_rules() if r.kind == "attribution" and r.options["mode"] == mode]
    ((rule, pattern, anchor, _),) = AttributionCheck(rules).compiled
    return rule, pattern, anchor


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(LOADED_PIECES), max_size=30).map("".join))
def test_loaded_verbs_found_from_their_words_equal_the_full_scan(text):
    from copylint.checks.attribution import matches_at
    from copylint.document.model import Document

    rule, pattern, anchor = _attribution("loaded")
    lower = Document(text).lower_prose
    if lower is None:  # the check scans the whole text then
        return
    expected = [m.span() for m in pattern.finditer(text)]
    assert [m.span() for m in matches_at(pattern, anchor.starts(lower), text)] == expected


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["said", "says", "sai", "add", "added", "adds", " ", "x", "a"]),
                     max_size=20).map("".join), pos=st.integers(0, 10))
def test_literal_starts_are_the_offsets_of_the_alternation(text, pos):
    import re

    from copylint.checks.fastscan import LiteralStarts

    words = ["added", "said", "says", "adds", "pointed out"]
    alternation = re.compile("|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words))
    expected = sorted({i for i in range(pos, len(text) + 1) if alternation.match(text, i)})
    found = LiteralStarts(words).starts(text, pos)
    assert set(expected) <= set(found) and found == sorted(set(found))
    assert found == sorted({i for i in range(pos, len(text)) if any(text.startswith(w, i)
                                                                     for w in ["added", "said", "says", "adds", "pointed"])})


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(["Jens", "Stoltenberg", "O’Neill", "x", "’", "'", "-", "_", "7", " ", "\n",
                                      "A", "É", "said", "Mr"]), max_size=20).map("".join))
def test_name_pairs_are_those_of_the_plain_pattern(text):
    import re

    from copylint.checks import attribution

    def found(pattern):
        return [(m.span(), m.groups()) for m in pattern.finditer(text)]

    assert found(attribution._NAME_PAIR) == found(re.compile(attribution._NAME_PAIR_PLAIN))


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["According to", "according to", " ", "the ministry", ",", ", he said",
                                      "said", "the ministry said", ".", "x", "\n", "“", "on Monday"]),
                     max_size=14).map("".join))
def test_a_double_attribution_holds_two_commas(text):
    _, pattern, _ = _attribution("double")
    if pattern.search(text) is not None:
        assert text.count(",") >= 2


def test_a_double_attribution_by_example():
    from copylint.engine.linting import lint_text

    text = "According to the ministry, the talks failed, the ministry said.\n"
    assert [f.rule for f in lint_text(text) if f.rule.startswith("attribution.double")]


@settings(max_examples=500, deadline=None)
@given(text=st.lists(st.sampled_from(["the", "the", "a", "an", "don't", "don’t", "x1", "-", "_", "'", "’", " ", "\t",
                                      "\n", "\u00a0", ".", ",", "“", "é", "café", "ß", "\u2028", "\x1c", "\udc80"]),
                     max_size=30).map("".join))
def test_repeated_runs_are_those_of_the_split(text):
    from copylint.checks import repetition

    lower = text.lower()
    assert repetition._repeated_runs(lower) == repetition._repeated_runs_plain(lower)


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(["He", "he", "She", "she", "Smith", "(Smith", "“Smith", "x-Smith", "_Smith",
                                      "5Smith", "ÉSmith", "O’Neill", "said", "says", "added", "Xsaid", " ", "\n",
                                      "\u00a0", ",", ".", "Dr", "Mr."]), max_size=14).map("".join),
       pos=st.integers(0, 6))
def test_tense_matches_from_filtered_speaker_offsets_equal_the_full_scan(text, pos):
    from copylint.checks.attribution import tense_matches

    _, pattern, verbs = _attribution("tense")
    expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text, pos)]
    assert [(m.span(), m.groupdict()) for m in tense_matches(pattern, verbs, text, pos)] == expected


def test_spans_and_sentences_built_directly_are_the_dataclasses():
    import dataclasses

    from copylint.document.model import Sentence, Span, make_sentence, make_span

    for fast, plain in [(make_span(3, 9), Span(3, 9)), (make_sentence(1, 4, "abc"), Sentence(1, 4, "abc"))]:
        assert type(fast) is type(plain)
        assert fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)
        assert dataclasses.astuple(fast) == dataclasses.astuple(plain)
        with pytest.raises(dataclasses.FrozenInstanceError):
            fast.start = 5  # type: ignore[misc]


def _plain_blocks(prose: str, breaks: list[int]):
    from copylint.document.model import Span

    edges = [0, *breaks, len(prose)]
    spans = []
    for start, end in zip(edges, edges[1:]):
        chunk = prose[start:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            spans.append(Span(start + lead, start + lead + len(stripped)))
    return spans


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["word", "Mr. Smith", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r", "\n \n",
                                      "\u00a0", "\u2028", "\x0b", "\x1c", ". ", "x"]), max_size=30).map("".join))
def test_blocks_are_those_of_the_plain_strip(text):
    from copylint.document.model import Document

    doc = Document(text)
    assert doc.blocks == _plain_blocks(doc.prose, doc.block_breaks)
    assert [(s.start, s.end, s.text) for s in doc.sentences] == \
        [(a, b, doc.prose[a:b]) for block in doc.blocks
         for a, b in sentences.split_sentences(doc.prose, block.start, block.end)]
