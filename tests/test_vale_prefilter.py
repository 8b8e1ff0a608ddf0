"""The Vale token prefilter finds exactly what the full alternation finds."""

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.checks.token_filter import DEFAULT_TEMPLATE, TokenFilter, literal_words
from copylint.formats.blocks import block_words

TOKENS = ["a", "a lot", "lot of", "in order to", "order", "e-mail", "at the end of the day",
          "the end", r"thinks?", r"(?:big|large) deal", "don't", r"end\.", "of"]
WORDS = ["a", "lot", "of", "in", "order", "to", "e-mail", "mail", "at", "the", "end", "day",
         "think", "thinks", "big", "large", "deal", "don't", "End.", "LOT", "Order", "\n", ",", "."]


def build(prefix: str):
    return lambda kept: regex.compile(prefix + "(?m)" + DEFAULT_TEMPLATE.replace("%s", "|".join(kept)))


def test_literal_words_only_for_plain_literals():
    assert literal_words("at the end of the day") == {"at", "the", "end", "of", "day"}
    assert literal_words(r"end\.") == {"end"}
    assert literal_words("thinks?") is None
    assert literal_words("a.m.") is None  # '.' matches any character


def test_alternation_order_decides_the_winner():
    text = "We had a lot of fun in order to win."
    flt = TokenFilter(TOKENS, build("(?i)"))
    got = [(m.span(), TOKENS[i]) for m, i in flt.finditer(text, block_words(text))]
    assert got == [((7, 8), "a"), ((9, 15), "lot of"), ((20, 31), "in order to")]


def test_nothing_to_try_when_no_token_can_match():
    flt = TokenFilter(["in order to", "at the end of the day"], build(""))
    assert flt.finditer("In order, the day ends.", block_words("In order, the day ends.")) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25), st.booleans())
def test_same_matches_as_the_full_regex(words, ignorecase):
    text = " ".join(words)
    prefix = "(?i)" if ignorecase else ""
    full = build(prefix)(TOKENS)
    flt = TokenFilter(TOKENS, build(prefix))
    expected = [(m.span(), m.group()) for m in full.finditer(text)]
    got = [(m.span(), m.group()) for m, _i in flt.finditer(text, block_words(text))]
    assert got == expected
