"""The cheaper context of a finding (issue 16, round 3b) gives what the plain
scans give: single quotation marks and emphasis searched only where their
marks stand, the sentence around a match found by splitting its block only,
the text report's width of ASCII text."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.document.model import Document, find_line_starts, line_starts_by_pattern
from copylint.engine import fixcontext
from copylint.reporters.text import display_width, display_width_by_character

PIECES = ["Kiev", "Kyiv", "word", " ", ", ", ". ", "! ", "\n\n", "\n", "(", "[", "—", "-", "'", "‘", "’",
          "\"", "“", "”", "*", "**", "_", "__", "<i>", "</i>", "<em>", "</EM>", "<cite x=1>", "</cite>",
          "<q>", "</q>", "Mr. ", "U.S. ", "... ", "…", " formerly known as ", " not ", "snake_case", "2"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@pytest.mark.parametrize("fast, plain", [
    (fixcontext._single_spans, fixcontext._single_spans_plain),
    (fixcontext._emphasis_spans, fixcontext._emphasis_spans_plain),
], ids=["single-quotation-marks", "emphasis"])
@settings(max_examples=300, deadline=None)
@given(text=TEXTS, data=st.data())
def test_spans_in_a_range_are_those_of_the_plain_scan(fast, plain, text, data):
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    assert fast(text, lo, hi) == plain(text, lo, hi)


@pytest.mark.parametrize("text, spans", [
    ("He said 'Kiev' twice.", [(8, 14)]),
    ("(‘Kiev is old,’ she wrote)", [(1, 15)]),
    ("Kiev’s streets and 'Lviv's squares'", [(19, 35)]),  # an apostrophe inside a word closes nothing
    ("No quotation marks here.", []),
])
def test_single_quotation_spans_by_example(text, spans):
    assert fixcontext._single_spans(text, 0, len(text)) == spans == fixcontext._single_spans_plain(text, 0, len(text))


@settings(max_examples=200, deadline=None)
@given(text=TEXTS)
def test_sentence_bounds_of_one_block_are_those_of_the_whole_split(text):
    for offset in range(len(text) + 1):
        end = min(len(text), offset + 4)
        fresh = Document(text)  # nothing split yet: only the block is
        expected = fixcontext._sentence_bounds_plain(Document(text), offset, end)
        assert fixcontext._sentence_bounds(fresh, offset, end) == expected
        assert "sentences" not in vars(fresh)
        split = Document(text)
        split.sentences  # noqa: B018  (already split: the whole split is used)
        assert fixcontext._sentence_bounds(split, offset, end) == expected


def _contexts(text: str) -> list[fixcontext.Context]:
    doc = Document(text)
    return [fixcontext.context_of(doc, m.start(), m.end(), "Kyiv")
            for m in re.finditer(r"(?<!\w)Kiev(?!\w)", text)]


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_contexts_are_those_of_the_plain_scans(text):
    fast = _contexts(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fixcontext, "_single_spans", fixcontext._single_spans_plain)
        patch.setattr(fixcontext, "_emphasis_spans", fixcontext._emphasis_spans_plain)
        patch.setattr(fixcontext, "_sentence_bounds", fixcontext._sentence_bounds_plain)
        assert _contexts(text) == fast


def _width_per_character(text: str) -> int:
    """The width as the reporter measured it before (one character at a time)."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def test_ascii_width_is_the_per_character_width():
    every_ascii = "".join(map(chr, range(128)))
    assert display_width(every_ascii) == _width_per_character(every_ascii) == 128
    for text in ("Kyiv, not Kiev", "Kyiv — “Kiev”", "東京 Kiev 東", "e\u0301 Kiev", "a\u200bb", "👍🏽 ok"):
        assert display_width(text) == display_width_by_character(text) == _width_per_character(text)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=60))
def test_width_of_distinct_characters_is_the_per_character_width(text):
    assert display_width(text) == display_width_by_character(text) == _width_per_character(text)


@pytest.mark.parametrize("text, spans", [
    ("*Kiev* rises", [(1, 5)]),  # a mark at the block's first character
    ("the __Kiev Nights__ show", [(6, 17)]),
    ("<cite>Kiev</cite> and *Lviv*", [(23, 27), (6, 10)]),  # pattern by pattern, as the plain scan
    ("no marks at all", []),
])
def test_emphasis_spans_by_example(text, spans):
    assert fixcontext._emphasis_spans(text, 0, len(text)) == spans == fixcontext._emphasis_spans_plain(text, 0, len(text))


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["a", "word ", "\n", "\r", "\r\n", "\n\n", "\u2028", "\x0b", "é"]),
                     max_size=30).map("".join))
def test_line_starts_are_those_of_the_line_break_pattern(text):
    assert find_line_starts(text) == line_starts_by_pattern(text) == Document(text).line_starts


def test_line_starts_by_example():
    assert find_line_starts("one\ntwo\n\nthree") == [0, 4, 8, 9]
    assert find_line_starts("one\r\ntwo\rthree\n") == [0, 5, 9, 15]
    assert find_line_starts("") == [0]


MENTION_PIECES = ["formerly", "previously", "originally", "spelled", "spelt", "spellings", "transliterated",
                  "romanised", "romanizations", "renamed", "from", "known", "written", "as", "named", "then",
                  "once", "was", "called", "dubbed", "knew", "know", "it", "the", "city", "old", "Soviet-era",
                  "name", "spelling", "form", "of", " ", "  ", "\n", ",", ":", "(", "“", "'", "Kiev", "ſpelt",
                  "\u212anown", "FORMERLY", "Spelled", "x"]


@settings(max_examples=500, deadline=None)
@given(text=st.lists(st.sampled_from(MENTION_PIECES), max_size=14).map("".join), data=st.data())
def test_the_mention_test_before_a_match_is_the_pattern_search(text, data):
    hi = data.draw(st.integers(0, len(text)))
    lo = max(0, hi - 40)
    assert fixcontext._mention_before(text, lo, hi) == (fixcontext._MENTION_BEFORE.search(text, lo, hi) is not None)


@pytest.mark.parametrize("before", ["Kyiv, formerly ", "the city once called ", "its Soviet-era name ",
                                    "what they knew it as ", "transliterated as ", "known as ",
                                    "\u212anown as "])
def test_the_mention_test_finds_each_kind_of_mention(before):
    text = before + "Kiev"
    assert fixcontext._mention_before(text, 0, len(before))
    assert not fixcontext._mention_before("the road to " + "Kiev", 0, 12)
