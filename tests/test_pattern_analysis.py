"""The one analysis of a rule author's pattern (copylint.patterns.analysis)
never claims more than is true, as each of its readers uses it.

Patterns are generated from a small grammar (characters, classes, groups,
alternations, repeats, look-arounds, ``\\b``, anchors, scoped case flags)
and texts from pieces chosen to meet them, including the characters case
folding treats specially.  For every pair: a document that lacks the
engine's trigger (literals or line-start words) has no match; a block that
does not meet Vale's requirement has no match; a pattern said to stay in a
paragraph finds in a text what it finds in its paragraphs; and a text the
prefilter refuses has no match.
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copylint.checks import fastscan
from copylint.document.model import Document
from copylint.formats.blocks import block_words
from copylint.patterns.analysis import BOUNDARY, analyse
from copylint.patterns.casefold import foldable, hay
from copylint.patterns.literals import line_start_prefixes, required_literals
from copylint.patterns.prefilter import prefilter
from copylint.patterns.requirement import required_strings
from copylint.patterns.shape import stays_in_paragraph
from regex_strategies import nested_patterns

ATOMS = ["a", "b", "c", "ab", "ba", "K", "s", "i", " ", r"\.", "!", r"\n", "é", "É", "σ", "ǅ", "[éÉ]", "[ab]", "[a-c]",
         "[ \t]", "[!.]", r"\w", r"\d", r"\s", ".", "[^a]", r"\b", "^", "$", r"\A", r"\Z",
         "(?<=a)", "(?<!b)", "(?=b)", "(?!a)", "(?<=ab)"]


def _patterns() -> st.SearchStrategy[str]:
    body = nested_patterns(ATOMS, ["*", "+", "?", "{2}", "{1,3}", "{2,}", "+?"])
    return st.tuples(st.sampled_from(["", "(?i)", "(?m)", "(?i)(?m)", "(?s)", "(?x)", "(?ix)"]), body).map("".join)


PIECES = ["a", "b", "c", "ab", "ba", "abc", "A", "B", "AB", "k", "K", "\u212a", "s", "S", "\u017f", "i", "I",
          "\u0130", "\u0131", " ", "  ", "\t", ".", "!", "\n", "\n\n", "é", "É", "1", "x", "σ", "Σ", "ς",
          "ǅ", "Ǆ", "ǆ"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)
SLOW = dict(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _matches(pattern: str, text: str, ignorecase: bool = False) -> list[tuple[int, int]] | None:
    """The matches as rules run them (``regex``, version 0), None when the
    pattern is not valid or takes too long."""
    try:
        found = regex.finditer(pattern, text, regex.V0 | (regex.IGNORECASE if ignorecase else 0), timeout=0.5)
        return [m.span() for m in found]
    except (regex.error, TimeoutError, ValueError):
        return None


@settings(**SLOW)
@given(pattern=_patterns(), ignorecase=st.booleans(), text=TEXTS)
def test_the_engine_literals_are_in_every_text_with_a_match(pattern, ignorecase, text):
    literals = required_literals(pattern, ignorecase)
    lower = Document(text).lower_prose  # what triggers search (None: they answer "maybe")
    if literals is None or lower is None or not all(foldable(lit) for lit in literals):
        return
    if _matches(pattern, text, ignorecase):
        assert any(lit in lower for lit in literals)


@pytest.mark.skipif(not fastscan.available(), reason="google-re2 is not installed")
@settings(**SLOW)
@given(pattern=_patterns(), ignorecase=st.booleans(), text=TEXTS)
def test_a_document_without_the_trigger_has_no_match(pattern, ignorecase, text):
    triggers = [t for t in (fastscan.literal_trigger(pattern, ignorecase),
                            fastscan.line_start_trigger(pattern, ignorecase)) if t is not None]
    if any(t.absent(Document(text)) for t in triggers):
        assert not _matches(pattern, text, ignorecase)


@settings(**SLOW)
@given(pattern=_patterns(), text=TEXTS)
def test_a_block_that_does_not_meet_the_requirement_has_no_match(pattern, text):
    requirement = required_strings(pattern)
    if requirement is None:
        return
    for words in (None, block_words(text)):
        if not requirement.met_by(text, hay(text), words):
            assert not _matches(pattern, text)


@settings(**SLOW)
@given(pattern=_patterns(), text=TEXTS)
def test_a_paragraph_local_pattern_finds_what_it_finds_in_the_paragraphs(pattern, text):
    if not stays_in_paragraph(pattern):
        return
    whole = _matches(pattern, text)
    if whole is None:
        return
    out, pos = [], 0
    for piece in regex.split(r"(?<=\n\n)", text):
        out += [(pos + s, pos + e) for s, e in _matches(pattern, piece) or []]
        pos += len(piece)
    assert whole == out


@settings(**SLOW)
@given(pattern=_patterns(), ignorecase=st.booleans(), text=TEXTS)
def test_a_text_the_prefilter_refuses_has_no_match(pattern, ignorecase, text):
    quick = prefilter(pattern, ignorecase)
    if quick is not None and not quick(text):
        assert not _matches(pattern, text, ignorecase)


def test_a_look_behind_inside_a_group_is_not_read_as_text_before_the_group():
    assert prefilter(r"qq((?<=q)b)c", False)("xx qqbc")
    assert not prefilter(r"qq((?<=q)b)c", False)("xx qbc")


def test_one_analysis_gives_each_reader_its_part():
    facts = analyse(r"(?i)(?m)\b(?:bunch|herd) of cats\b")
    assert facts is not None and facts.folded and facts.local
    assert facts.strings == (f"{BOUNDARY}bunch of cats{BOUNDARY}", f"{BOUNDARY}herd of cats{BOUNDARY}")
    assert required_literals(r"(?i)(?m)\b(?:bunch|herd) of cats\b", False) == ("bunch of cats", "herd of cats")
    # where a repeat meets its neighbours, and a look-behind at the start
    assert analyse(r"x\.y+z").strings == ("x.y",)
    assert analyse(r"(?<=a\.m\.)[ \t]+this").strings == ("a.m.\t", "a.m. ")
    # a look-behind that is not at the start of the pattern is zero-width
    assert analyse(r"xa((?<=xa)b)c").strings == ("xabc",)
    assert required_literals(r"qq((?<=q)b)c", False) == ("qqbc",)
    # a case-insensitive part folds the whole; a cased non-ASCII letter there is not modelled
    assert analyse(r"Kiev(?i: cake)").strings == ("kiev cake",) and analyse(r"Kiev(?i: cake)").folded
    # outside ASCII, lower-casing is exact only in a text without case traps (σ, ς and Σ are one letter)
    facts = analyse(r"(?i)caf\u00e9")
    assert facts.strings == ("caf\u00e9",) and facts.folded_beyond_ascii
    assert required_strings(r"(?i)caf\u00e9").met_by("CAF\u00c9 \u03c3", hay("CAF\u00c9 \u03c3"))
    assert not required_strings(r"(?i)caf\u00e9").met_by("CAFE", hay("CAFE"))
    assert analyse(r"(?i)\u03c3").strings is None  # a case trap itself: not modelled
    assert analyse(r"caf\u00e9").strings == ("caf\u00e9",)
    # the line-start words: a run of blanks between words is one space; an optional one is not
    assert line_start_prefixes(r"(?m)^[ \t]*(?:Filed|Posted)[ \t]+(?:in|under)[ \t]*:") == (
        "Filed in", "Filed under", "Posted in", "Posted under")
    assert analyse(r"[[:alpha:]]+x") is None  # regex-module syntax: nothing is claimed
    assert analyse(r"\w+").strings is None
