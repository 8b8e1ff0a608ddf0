"""The compile-free paths of the word-list and duplicate scans give exactly
the matches of the regex paths they replace (generated texts)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.checks import repetition
from copylint.patterns.anchored import anchored_finditer

_PIECES = ["the", "The", "THE", "a", "A", "in", "is", "it's", "it’s", "then", "there", "ea", "é", "É",
           "ß", "-", "'", "’", "_", "1", " ", "  ", "   ", "\t", "\n", "\r\n", ".", ",", "+", "#", "\u00a0"]
_texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


def _spans(matches):
    return [(m.start(), m.end(), m.groups()) for m in matches]


@settings(max_examples=600, deadline=None)
@given(_texts, st.lists(st.sampled_from(["the", "a", "in", "is", "it's", "it’s", "then", "é", "ß", "ea", "e"]),
                        min_size=1, max_size=4, unique=True))
def test_duplicates_found_by_str_find_are_the_anchored_regex_matches(text, words):
    lower = text.lower()
    if len(lower) != len(text):
        return  # the check only takes this path when offsets agree (Document.lower_prose)
    anchor = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    expected = _spans(anchored_finditer(repetition._DUPLICATE, anchor, text, lower))
    assert _spans(repetition._matches_at_words(text, lower, words)) == expected


def test_duplicates_by_str_find_find_overlapping_words():
    text = "the the the then then a a a"
    words = ["the", "then", "a"]
    got = [m.group() for m in repetition._matches_at_words(text, text, words)]
    assert got == ["the the", "then then", "a a"]


_TERMS = [("Kiev", True), ("Kyiv", False), ("New York", True), ("New York City", True), ("Newark", False),
          ("Ivory Coast", True), ("O'Neill", True), ("Kiev-based", False), ("St. Louis", True), ("St", True)]
_TERM_PIECES = ["Kiev", "kiev", "KYIV", "Kyiv", "New", "new", "York", "City", "Newark", "Ivory", "Coast",
                "O'Neill", "-based", "St", "st.", "Louis", "'s", " ", "\n", "\u00a0", ".", ",", "é", "x"]
_term_texts = st.lists(st.sampled_from(_TERM_PIECES), max_size=30).map("".join)


def _term_matcher():
    from term_matchers import matcher_of

    return matcher_of(_TERMS)


@settings(max_examples=300, deadline=None)
@given(st.lists(_term_texts, min_size=1, max_size=6))
def test_one_matchers_cached_subset_tries_find_what_the_whole_trie_finds(texts):
    from copylint.document import Document

    shared = _term_matcher()  # one matcher for the run: subsets compiled once, reused
    for text in texts + texts:
        whole = [(h.start, h.end, h.payloads) for h in _term_matcher().finditer(text)]
        assert [(h.start, h.end, h.payloads) for h in shared.find_in(Document(text))] == whole


def test_a_document_with_more_terms_does_not_reuse_a_smaller_subsets_trie():
    from copylint.document import Document

    matcher = _term_matcher()
    for text, found in (("Newark.", ["Newark"]), ("Kiev.", ["Kiev"]), ("Kiev, Newark.", ["Kiev", "Newark"]),
                        ("Newark, Kiev.", ["Newark", "Kiev"])):
        assert [h.text for h in matcher.find_in(Document(text))] == found
    assert matcher._pattern is None and len(matcher._subset_tries) == 3
