"""Rule authors' patterns run by RE2 give exactly the matches ``regex`` gives."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.patterns import re2_exact
from copylint.patterns.lazy import LazyRegex
from copylint.patterns.unicode_classes import CLASSES

pytestmark = pytest.mark.skipif(not re2_exact.enabled(), reason="google-re2 is not installed")

TEXTS = [
    "Kiev and KIEV, kiev; the Kelvin sign \u212a and long \u017f and \u0130stanbul \u0131.",
    "Caf\u00e9 owners said:  \u201cno\u201d \u2014 3 a.m. \u2019twas; 42 \u0661\u0662 \u00bd.\nNext line\n\nNew para.",
    "plain ASCII text, with words and 12 numbers.\r\nand CRLF lines",
    "na\u00efve r\u00e9sum\u00e9 co\u00f6perate e\u0301 \u24b6 \u2167 _under_score \u200d",
    "tabs\tand\u00a0no-break\u2003em space\u3000ideographic\u0085next",
]

PATTERNS = [
    (r"Kiev", True), (r"k[a-z]+", True), (r"[^a-z ]+", True), (r"\w+", False), (r"\W+", False),
    (r"\d+", False), (r"\D\d", False), (r"\s+", False), (r"\S+", False), (r"[\w\s]+", False),
    (r"\bis\b", True), (r"\Bi", False), (r"(?m)^\w+", False), (r"(?m)\w+$", False), (r"\A\w+", False),
    (r"(?P<word>[A-Z]\w*) (\w+)", False), (r"a\.m\.|p\.m\.", False), (r"(?i:caf)\u00e9", False),
    (r"(?s)line.next", False), (r"line.\w", False), (r"[^\n]{3,5}?\b", False), (r"(?:ab|a)(?:c|bcd)", False),
    (r"(co)(?:\u00f6|o)perate|(r)\u00e9sum", False), (r"[\u2018\u2019\u201c\u201d]+", False),
    (r"x{2,}", True), (r"s|k", True), (r"[i-k]+", True),
    (r"(?<!\w)(?:Kiev|sum|is)(?!\w)", True), (r"(?<!\w)(?:\d+ (?:am|pm)s?)(?!\w)", True),
    (r"(?<!\w)(?:(?:true|actual) facts?)(?!\w)", True), (r"(?<!\w)Kiev", False), (r"ne(?!\w)\.", False),
    (r"(?<!\w)(?:[a-z]+ly)\s+unique(?!\w)", False),
]


def _spans(matches) -> list[tuple]:
    return [(m.span(), m.groups(), m.lastindex) for m in matches]


@pytest.mark.parametrize(("pattern", "ignorecase"), PATTERNS)
def test_re2_and_regex_give_identical_matches(pattern, ignorecase):
    lazy = LazyRegex(pattern, ignorecase)
    assert lazy.linear is not None, pattern
    compiled = regex.compile(pattern, regex.V0 | (regex.IGNORECASE if ignorecase else 0))
    for text in TEXTS:
        expected = _spans(compiled.finditer(text))
        if lazy.linear.usable(text):
            assert _spans(lazy.linear.finditer(text)) == expected, (pattern, text)
        assert _spans(lazy.finditer(text)) == expected, (pattern, text)
        first = lazy.search(text)
        assert (first.span() if first else None) == (expected[0][0] if expected else None)


@pytest.mark.parametrize("pattern", [
    r"Kiev(?=\W)", r"(\w)\1", r"(?>ab)", r"a*+", r"\w*", r"(a*)+b", r"(?:(a)|b)+",
    r"(?<!\w)\.net", r"\.(?!\w)", r"(?<!\w)(?:a|\.b)", r"end$", r"x{1001}", r"(?a)\w+", r"[\W\d]",
    r"[[:alpha:]]", r"(?(1)a|b)", r"(?i)\u017ftop|\u212a",
])
def test_what_re2_cannot_run_exactly_stays_in_regex(pattern):
    assert re2_exact.translate(pattern, False) is None
    assert LazyRegex(pattern, False).linear is None


def test_a_word_guard_next_to_a_word_character_is_a_word_boundary():
    assert re2_exact.translate(r"(?<!\w)(?:Kiev|Kyiv)(?!\w)", False)[1] is True
    assert re2_exact.translate(r"(?<!\w)(?:Kiev|\.NET)(?!\w)", False) is None  # '.' is no word character
    assert re2_exact.translate(r"(?<!\w)(?:fact[.]?)(?!\w)", False) is None  # may end with '.'
    assert re2_exact.translate(r"(?<!\w)(?:\d+ facts?)(?!\w)", False)[1] is True


def test_case_folding_outside_ascii_stays_in_regex_unless_uncased():
    assert re2_exact.translate("caf\u00e9", True) is None  # é has case
    assert re2_exact.translate("a\u2019s", True) is not None  # ’ has none


def test_word_boundaries_run_in_re2_only_on_text_without_non_ascii_word_characters():
    lazy = LazyRegex(r"\bsum\b", False)
    assert lazy.linear is not None and lazy.linear.boundaries
    assert lazy.linear_for("the sum \u201cis\u201d \u2014 right") is not None
    assert lazy.linear_for("r\u00e9sum\u00e9 sum") is None  # é is a word character
    assert [m.span() for m in lazy.finditer("r\u00e9sum\u00e9 sum")] == [(7, 10)]


@pytest.mark.parametrize(("name", "category"), [("DIGIT", r"\d"), ("SPACE", r"\s"), ("WORD", r"\w")])
def test_unicode_classes_mean_what_regex_means_on_every_code_point(name, category):
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    pattern = re2_exact.Re2Pattern(f"[{CLASSES[name]}]+", False, None)
    assert [m.span() for m in pattern.finditer(every)] == \
        [m.span() for m in regex.finditer(category + "+", every)]


def test_case_folded_letters_match_what_regex_folds_to_them():
    from copylint.patterns.casefold import CASE_FOLDS_TO_ASCII, EXTRA_FOLDS

    assert set("".join(EXTRA_FOLDS.values())) == set(CASE_FOLDS_TO_ASCII)
    for letter in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ":
        (translated, _boundaries) = re2_exact.translate(letter, True)
        pattern = re2_exact.Re2Pattern(translated, False, None)
        for char in letter.lower() + letter.upper() + CASE_FOLDS_TO_ASCII:
            assert (pattern.search(char) is not None) == (regex.fullmatch("(?i)" + letter, char) is not None)


def test_expand_reads_templates_as_regex_does():
    lazy = LazyRegex(r"(\w+) (?P<second>\w+)", False)
    (m,) = lazy.linear.finditer("ab cd")
    expected = regex.compile(lazy.pattern).search("ab cd")
    for template in (r"\2 \1", r"\g<second>-\g<1>\n", "plain"):
        assert m.expand(template) == expected.expand(template)


def test_a_text_with_a_lone_surrogate_is_searched_by_regex():
    lazy = LazyRegex("so,,", False)
    assert lazy.linear is not None and lazy.linear_for("so,, \ud800") is None
    assert [m.span() for m in lazy.finditer("so,, \ud800 so,,")] == [(0, 4), (7, 11)]


def test_the_regex_only_switch_keeps_every_pattern_in_regex(monkeypatch):
    monkeypatch.setenv("COPYLINT_REGEX_ONLY", "1")
    assert LazyRegex("Kiev", False).linear is None


_PIECES = st.sampled_from([
    "a", "b", "ab", "K", "s", ".", r"\w", r"\d", r"\s", r"\W", "[a-c]", "[^ab]", "é", "’", " ",
    "(a|b)", "(?:ab|a)", "a+", "b*?", "[ks]{1,3}", r"\b", "(?m)^", "x?", r"(?<!\w)", r"(?!\w)",
])
_TEXT = st.text(alphabet="abcksKSé’ \n1\u212a\u017f\u0130\u0131x", max_size=30)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=5), st.booleans(), st.lists(_TEXT, min_size=1, max_size=4))
def test_any_translated_pattern_gives_regex_matches(pieces, ignorecase, texts):
    pattern = "".join(pieces)
    if pattern.count("(?m)^") and not pattern.startswith("(?m)^"):
        pattern = pattern.replace("(?m)^", "^")
    try:
        compiled = regex.compile(pattern, regex.V0 | (regex.IGNORECASE if ignorecase else 0))
    except regex.error:
        return
    lazy = LazyRegex(pattern, ignorecase)
    for text in texts:
        assert _spans(lazy.finditer(text)) == _spans(compiled.finditer(text)), (pattern, text)
