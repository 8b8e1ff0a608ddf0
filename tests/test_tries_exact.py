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
