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
from copylint.patterns.anchored import anchored_finditer
from copylint.patterns.prefilter import prefilter
from copylint.checks.terms import TermMatcher
from copylint.ruleset import BUILTIN_RULES_DIR

# Text made of the pieces the rules care about, so that matches are frequent.
PIECES = ["Kiev", "KIEV", "kiev", "Kyiv", "the", "The", "Ukraine", "said", "claimed", "was",
          "Ukrainian", "early", "on", " ", "  ", "\t", "\n", "\n\n", ".", ",", ";", ":", "…",
          "'s", "-", "İ", "ſ", "é", "x", "chicken", "Zelensky", "Zelenskiy", "bomb", "bombings", "?",
          "Later"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def punctuation_patterns() -> list[str]:
    data = yaml.safe_load((BUILTIN_RULES_DIR / "newsroom" / "punctuation.yml").read_text("utf-8"))
    return [rule["pattern"] for rule in data["rules"]]


EXTRA_PATTERNS = [r",[ \t]*,", r"x{2,3}yz", r"(a(?=b))c", r"colou?r", r"\bthe\s+Ukraine",
                  r"[.;]\s*(?=[a-z]{2})", r"(?<=\w)\s+(?=[,.])", r"\.{2,}(?!\.)",
                  r"[ \t]+(?:([,;])t|([.…])(?=T))", r"e(?:a|r|\.)", r"(?:on|the)[ ,]", r"[ ](?:x*,|\.)",
                  r"\s(?:(?=,),|(?:\.|…)+)", r"a(?:r|l)l"]


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
    # an alternation: the character every branch starts with
    spaced = next(p for p in punctuation_patterns() if p.startswith("(?<=[^\\W\\d_][\"'”’)\\]]?)[ \\t]+(?:"))
    quick = prefilter(spaced, ignorecase=False)
    assert quick is not None and not quick("A clean sentence, and another. Then more!")
    assert quick("full ,and") and quick("so .Later")
    assert prefilter(r"[ ](?:x*,|\.)", False) is None  # a branch that may start with x or ,
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


# -- per-document skip tests (checks/fastscan.py) and C-speed rewrites -----------------

from copylint.checks import fastscan  # noqa: E402
from copylint.patterns.literals import required_literals  # noqa: E402
from copylint.engine.core import Engine  # noqa: E402

# Pieces that make every shipped check fire now and then: dates, weekdays,
# attribution in both tenses, quotes, brackets, duplicated words, place names.
NEWS_PIECES = ["Kiev", "kiev", "Kyiv", "Zelensky", "Zelenskiy", "Volodymyr", "the", "The", "said",
               "says", "told", "tells", "claimed", "He", "Smith", "John", "according to",
               "Ukrainian", "early", "on", "Tuesday", "Feb.", "February", "March", "31", "30",
               "15", "2023", "yesterday", "today", "this morning", "a.m.", "p.m.", "WASHINGTON,",
               "(Reuters)", "-", "“", "”", '"', "'", "’", "(", ")", "[", "]", "1)", "don't", "x",
               " ", " ", " ", "  ", "\n", "\n\n", ".", ". ", ",", ";", ":", "..", " .", "İ", "ſ", "é",
               "٣", "Advertisement", "\u00a0", "bomb", "bombings"]
news_texts = st.lists(st.sampled_from(NEWS_PIECES), max_size=60).map("".join)


def _key(findings):
    return [(f.rule, f.offset, f.end_offset, f.message, f.fix) for f in findings]


@pytest.fixture(scope="module")
def engines():
    """The default rules compiled with the triggers, and without RE2 (every
    trigger then answers 'maybe', so each check scans every document)."""
    rules = default_rules()
    fast = Engine(rules.rules, rules.known_ids)
    saved = fastscan._re2
    fastscan._re2 = None
    try:
        plain = Engine(rules.rules, rules.known_ids)
    finally:
        fastscan._re2 = saved
    return fast, plain


@pytest.mark.skipif(not fastscan.available(), reason="google-re2 is not installed")
@settings(max_examples=300, deadline=None)
@given(text=news_texts)
def test_triggers_never_change_the_findings(engines, text):
    fast, plain = engines
    assert _key(fast.lint(Document(text))) == _key(plain.lint(Document(text)))


@pytest.mark.skipif(not fastscan.available(), reason="google-re2 is not installed")
def test_triggers_skip_documents_without_their_words(engines):
    fast, _ = engines
    doc = Document("Crews repaired the bridge on Monday, officials said.")
    checks = {c.kind: c for c in fast.checks}
    assert checks["substitution"].terms.absent_from(doc)
    assert not checks["substitution"].terms.absent_from(Document("Shelling hit Kiev."))
    # one RE2 pass answered every trigger of the engine
    assert len(doc.memo) == 1


@pytest.mark.parametrize("pattern", punctuation_patterns() + EXTRA_PATTERNS + [
    r"(?<=\d[ ]?a\.m\.)[ \t]+(?:in[ \t]+the[ \t]+morning|this[ \t]+morning)",
    r"(?:foo|bar)baz", r"x(?:ab|cd)+y", r"(?m)^Tags[ \t]*:.*", r"(?i)kiev", r"a[bc]{2,}d",
    r"(?<![.])\.\.(?![.])", r"[ ]{2,}(?=\S)", r"colou?r|flavou?r"])
@settings(max_examples=150, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES + ["a.m.", "9", " morning", "in the morning", "foo",
                                               "barbaz", "xaby", "Tags:", "abcbd", "colour"]),
                     max_size=40).map("".join))
def test_required_literals_are_in_every_matching_text(pattern, text):
    literals = required_literals(pattern, ignorecase=False)
    if literals is not None and regex.search(pattern, text):
        assert any(lit.lower() in text.lower() for lit in literals)


def test_required_literals_see_through_groups_alternations_and_look_behinds():
    assert required_literals(r"x(?:foo|bar)y", False) == ("xbary", "xfooy")
    assert required_literals(r"ab+c", False) in (("ab",), ("bc",))  # where a repeat meets its neighbours
    assert required_literals(r"(?<=a\.m\.)[ \t]+this", False) == ("a.m.\t", "a.m. ")
    assert required_literals(r"[ ]{2,}", False) == ("  ",)
    assert required_literals(r"(?:foo|b)", False) is None  # 'b' alone is too short to search for
    assert required_literals(r"\w+", False) is None


DATE_PIECES = ["March", "Feb", "Feb.", "May", "Sept", " ", "\t", "31", "30", "1", "٣", "2023", "1999",
               ",", ".", "x", "\n", "per cent", "%", "Tuesday"]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(DATE_PIECES), max_size=30).map("".join))
def test_date_scan_from_the_month_names_equals_the_plain_scan(text):
    from copylint.checks.dates import _DATE, date_matches

    fast = [m.span() for m in date_matches(text)]
    assert fast == [m.span() for m in _DATE.finditer(text)]


DUP_PIECES = ["the", "The", "THE", "don't", "don’t", "a", "had", "x1", "-", "'", "’", " ", "\t", "\n",
              "\n\n", "\u00a0", ".", "“", "é", "café", "İ", "Walla"]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(DUP_PIECES), max_size=30).map("".join))
def test_duplicated_words_found_after_the_run_test_equal_the_plain_scan(text):
    from copylint.checks.repetition import RepetitionCheck

    rules = default_rules().select(lambda r: r.id == "repetition.words")
    check = RepetitionCheck(rules.rules)
    fast_doc, plain_doc = Document(text), Document(text)
    plain_doc.__dict__["lower_prose"] = None  # forces the plain back-reference scan
    fast = [(h.start, h.end) for h in check._duplicates(fast_doc)]
    assert fast == [(h.start, h.end) for h in check._duplicates(plain_doc)]


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="ab \t\r\n\u2028é", max_size=30))
def test_blanked_prose_keeps_only_line_breaks(text):
    from copylint.formats.prose import ProseBuilder

    chars = ProseBuilder(text).chars
    assert chars == [c if c in "\r\n" else " " for c in text]


EDGE_TEXTS = [
    "Crews arrived on Tuesday ٣ February 2023, officials said.",  # Arabic-Indic: \d for Python
    "Crews arrived on Tuesday, Feb. 15, 2023, officials said.",
    "The meeting ran from 9 a.m.  in the morning to noon.",
    "Shelling hit KIEV\u00a0overnight, the army said Ukrainian early on Tuesday.",
    "He said the the army left.\n\nThe minister claimed victory. Smith said so. Smith says so.",
    "Volodymyr Zelensky spoke. Later Zelenskiy left.",
]


@pytest.mark.skipif(not fastscan.available(), reason="google-re2 is not installed")
@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_triggers_keep_the_findings_of_edge_cases(engines, text):
    fast, plain = engines
    expected = _key(plain.lint(Document(text)))
    assert expected  # each case has something to find
    assert _key(fast.lint(Document(text))) == expected


# -- round 4: per-document sharing and narrower triggers ---------------------

QUOTE_PIECES = ["“", "”", '"', "'", "He said", " ", "\n\n", "\n", ".", "5", "don", "t", "(", "—",
                "It was", "x", "A", "?"]
quote_texts = st.lists(st.sampled_from(QUOTE_PIECES), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=quote_texts)
def test_marks_classified_once_equal_the_per_block_classification(text):
    from copylint.checks.balance import _pair_quotes
    from copylint.document.quotes import double_quote_marks, quoted_spans, quoted_spans_by_block
    from copylint.checks.balance import _quote_problems_by_block

    doc = Document(text)
    blocks = doc.blocks
    per_block = [s for b in blocks for s in quoted_spans(doc.prose, b.start, b.end)]
    assert quoted_spans_by_block(doc) == per_block
    expected = []
    for i, b in enumerate(blocks):  # the per-block pairing the shared marks replace
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        first = next(iter(double_quote_marks(doc.prose, nxt.start, nxt.start + 1)), None) if nxt else None
        continues = first is not None and first.opens
        expected += _pair_quotes(doc.prose, double_quote_marks(doc.prose, b.start, b.end), continues)
    assert _quote_problems_by_block(doc) == expected


@pytest.mark.parametrize("text", [
    "According to the ministry, the bridge is shut, he said. Later, according to him, it opened, he said.",
    "ACCORDING TO X, y, she said.\n\nNothing here.\n\nAccording to the court, it was over, the judge said.",
    "According to İstanbul police, it was over, they said.",  # no plain lower-cased view
])
def test_sentences_with_a_word_are_those_of_the_full_split(text):
    from copylint.checks.attribution import _sentences_with

    fresh = Document(text)
    found = [(s.start, s.end) for s in _sentences_with(fresh, "according")]
    full = Document(text)
    everything = full.sentences
    again = [(s.start, s.end) for s in _sentences_with(full, "according")]  # sentences cached
    lower = full.lower_prose
    wanted = [(s.start, s.end) for s in everything if lower is None or "according" in lower[s.start:s.end]]
    assert found == again == wanted


def test_impossible_date_trigger_skips_only_documents_without_an_impossible_day(monkeypatch):
    """Only a day of 0 or 30+ can be impossible: the narrower trigger must not
    lose one, in either order, with ASCII or other digits."""
    from copylint.checks import fastscan
    from copylint.document.datelines import MONTHS

    rules = default_rules()
    days = ["0", "00", "01", "1", "9", "29", "30", "31", "32", "39", "\u0660", "\u0663", "3\u0665",
            "0\u0660", "\u0660\u0660", "35", "3"]
    texts = [t for m in sorted(MONTHS) for name in (m.capitalize(), m.capitalize() + ".") for d in days
             for t in (f"It was {name} {d}, 2024.", f"It was {name} {d}.", f"On {d} {name} 2024 it was.")]

    def impossible() -> list[list[int]]:
        return [[f.offset for f in lint_text(t, rules) if f.rule == "dates.impossible"] for t in texts]

    narrow = impossible()
    monkeypatch.setattr(fastscan.Trigger, "absent", lambda self, doc: False)
    assert narrow == impossible()
    assert sum(map(len, narrow)) > 100  # the texts do hold impossible dates


BRACKET_PIECES = ["(", ")", "[", "]", "{", "}", "1)", " a) ", ":-)", "\n\n", " ", "x", "2", "\n"]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(BRACKET_PIECES), max_size=30).map("".join))
def test_bracket_problems_of_blocks_with_brackets_equal_those_of_every_block(text):
    from copylint.checks.balance import _bracket_problems, _bracket_problems_by_block

    doc = Document(text)
    every = [p for b in doc.blocks for p in _bracket_problems(doc.prose, b.start, b.end)]
    assert _bracket_problems_by_block(doc) == every


def _cms_residue_pattern() -> str:
    data = yaml.safe_load((BUILTIN_RULES_DIR / "newsroom" / "hygiene.yml").read_text("utf-8"))
    return next("".join(r["raw"]) for r in data["rules"] if r["id"] == "hygiene.cms-residue")


LINE_START_PATTERNS = [_cms_residue_pattern(), r"(?m)^[ \t]*(?:Tags|Read[ \t]+more|Topics)[ \t]*:.*",
                       r"^Filed under", r"\A[ ]*(?:Posted|Printed) (?:in|on)", r"(?i)^[ \t]*tags:"]
LINE_PIECES = ["Tags", "tags", "TAGS", "Read more", "Read\tmore", ":", "\n", "\r\n", " ", "\t", "x",
               "Advertisement", "ADVERTISEMENT", "Comments (3)", "Share this story", "Filed under",
               "Posted in", "Printed on", "Topics", "Categorised in", "ſ", "İ"]


@pytest.mark.parametrize("pattern", LINE_START_PATTERNS)
@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(LINE_PIECES), max_size=12).map("".join))
def test_line_start_trigger_never_skips_a_text_the_pattern_matches(pattern, text):
    from copylint.checks.fastscan import line_start_trigger

    trigger = line_start_trigger(pattern, ignorecase=False)
    assert trigger is not None and trigger.searchable
    if regex.search(pattern, text):
        assert not trigger.absent(Document(text))


def test_line_start_trigger_shape():
    from copylint.checks.fastscan import line_start_trigger
    from copylint.patterns.literals import line_start_prefixes

    assert line_start_prefixes(r"(?m)^[ \t]*(?:Tags|Read[ \t]+more):") == ("Read more", "Tags")
    assert line_start_prefixes(r"Tags:") is None  # not anchored
    assert line_start_prefixes(r"(?m)^\s*Tags:") is None  # blanks it does not model
    assert line_start_prefixes(r"(?m)^(?:Tags|[A-Z]+):") is None  # an alternative with no literal
    assert line_start_prefixes(r"(?m)^(?:Tags|To)\w") is None  # too short to be worth it
    assert line_start_prefixes(r"(?m)^(?:Tags|To):") == ("Tags:", "To:")  # the colon makes it long enough
    assert line_start_prefixes(r"(?m)^Filed[ \t]+under[ \t]*:") == ("Filed under",)  # no blank needed before ':'
    trigger = line_start_trigger(_cms_residue_pattern(), ignorecase=False)
    assert trigger.absent(Document("She read more than 40 reports; tags and comments followed.\n"))
    assert not trigger.absent(Document("Prices rose.\n\n  Read more: bread\n"))
    assert not trigger.absent(Document("Prices rose.\n\nRead \t more: bread\n"))
    # a wrapped line that starts with one of the words is not residue
    assert trigger.absent(Document("Prices rose, and the bank's\nstory was that prices\nmore than "
                                   "doubled, it\nalso said, to\nread the report.\n"))
