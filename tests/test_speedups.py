"""The fast paths find exactly what the plain scans find.

Each speed-up (anchored scans, the lower-cased view, the prefilter of rule
authors' regexes, the block-break scan) is compared with the straightforward
version it replaces, on hand-picked and on generated text.
"""

from __future__ import annotations

import re

import pytest
import regex
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from copylint import Document, default_rules, lint_text
from copylint.checks.base import anchored_finditer
from copylint.checks.prefilter import prefilter
from copylint.checks.terms import TermMatcher
from copylint.ruleset import BUILTIN_RULES_DIR

# Text made of the pieces the rules care about, so that matches are frequent.
PIECES = ["Kiev", "KIEV", "kiev", "Kyiv", "the", "The", "Ukraine", "said", "claimed", "was",
          "Ukrainian", "early", "on", " ", "  ", "\t", "\n", "\n\n", ".", ",", ";", ":", "…",
          "'s", "-", "İ", "ſ", "é", "x", "chicken", "Zelensky", "Zelenskiy", "bomb", "bombings"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def punctuation_patterns() -> list[str]:
    data = yaml.safe_load((BUILTIN_RULES_DIR / "newsroom" / "punctuation.yml").read_text("utf-8"))
    return [rule["pattern"] for rule in data["rules"]]


EXTRA_PATTERNS = [r",[ \t]*,", r"x{2,3}yz", r"(a(?=b))c", r"colou?r", r"\bthe\s+Ukraine",
                  r"[.;]\s*(?=[a-z]{2})", r"(?<=\w)\s+(?=[,.])", r"\.{2,}(?!\.)"]


@pytest.mark.parametrize("pattern", punctuation_patterns() + EXTRA_PATTERNS)
@settings(max_examples=150, deadline=None)
@given(text=texts)
def test_prefilter_never_rejects_a_text_the_pattern_matches(pattern, text):
    quick = prefilter(pattern, ignorecase=False)
    if quick is not None and regex.search(pattern, text):
        assert quick(text)


def test_prefilter_rejects_clean_text_and_declines_what_it_cannot_model():
    stray = punctuation_patterns()[0]
    quick = prefilter(stray, ignorecase=False)
    assert quick is not None and not quick("A clean sentence. Another one.")
    assert quick("It ended. .")
    assert prefilter(r"\w+", False) is None  # no literal run: always runs
    assert prefilter(r"a|b", False) is None
    assert prefilter(r"(\w)\1", False) is None
    assert prefilter(r"Kiev", ignorecase=True) is None  # a cased first letter


LOADED = re.compile(r"(?<!(?<!\w)was\s)(?<!\w)(claimed|insisted)(?!\w)(?!\s+(?:responsibility)(?!\w))")


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["claimed", "insisted", "was", " ", "\n", "x", "responsibility",
                                      "reclaimed", ","]), max_size=30).map("".join))
def test_anchored_finditer_equals_finditer(text):
    anchor = re.compile("claimed|insisted")
    expected = [m.span() for m in LOADED.finditer(text)]
    assert [m.span() for m in anchored_finditer(LOADED, anchor, text)] == expected


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_term_matcher_fast_path_equals_plain_scan(text):
    matcher: TermMatcher[str] = TermMatcher()
    for term, ignorecase in [("Kiev", True), ("the Ukraine", True), ("Kyiv", False), ("s", True),
                             ("chicken Kiev", True), ("bomb", False)]:
        matcher.add(term, term, ignorecase)
    doc = Document(text)
    plain = [(h.start, h.end, h.payloads) for h in matcher.finditer(text)]
    fast = [(h.start, h.end, h.payloads) for h in matcher.finditer(text, lower=doc.lower_prose)]
    assert fast == plain


def test_lower_prose_is_withheld_when_case_folding_could_mislead():
    assert Document("Kiev and KIEV").lower_prose == "kiev and kiev"
    assert Document("İstanbul").lower_prose is None  # lower-casing changes the length
    assert Document("ſtop").lower_prose is None  # 'ſ' matches 's' case-insensitively
    # and the results stay right on such text
    assert [f.match for f in lint_text("İ went to KIEV.")] == ["KIEV"]


OLD_BLANK_LINES = re.compile(r"(?:[ \t\f\v]*(?:\r\n|\r(?!\n)|\n)){2,}")


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(["a", " ", "\t", "\n", "\r", "\r\n", "\f"]), max_size=30).map("".join))
def test_block_breaks_match_the_plain_blank_line_scan(text):
    assert Document(text).block_breaks == [m.end() for m in OLD_BLANK_LINES.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(["It fell", "bombings", "bomb", ".", ". ", " ", "\n\n", "Mr.",
                                      "sanctions", "e.g.", "He", "...", "x"]), max_size=30).map("".join))
def test_fragments_found_lazily_equal_a_scan_of_every_sentence(text):
    from copylint.checks.repetition import RepetitionCheck

    rules = default_rules().select(lambda r: r.id == "repetition.fragment")
    check = RepetitionCheck(rules.rules)
    doc = Document(text)
    lazy = [(h.start, h.end) for h in check._fragments(doc, rules.rules[0])]
    every = [(h.start, h.end) for h in check._fragments_in(doc, rules.rules[0], doc.sentences, 2)]
    assert lazy == every
