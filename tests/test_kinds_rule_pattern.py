"""The dates, dateline, occurrence, conditional and capitalization kinds run
their rule authors' patterns as :class:`copylint.checks.base.RulePattern`:
a trigger, the prefilter, RE2 where it is exact, else ``regex`` under the
rule's time budget for the document.

Findings are those of plain matching (every fast path off), and a pattern
that backtracks catastrophically on a crafted document gives the timeout
finding: the rule is skipped for that document, the others still run.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.checks import base, fastscan
from copylint.document.model import Document
from copylint.engine.core import Engine
from copylint.patterns import budget, re2_exact

RULES = """\
rules:
  - id: t.said
    kind: occurrence
    level: warning
    description: d
    scope: sentence
    token: '\\bsaid\\b'
    max: 1
  - id: t.commas
    kind: occurrence
    level: warning
    description: d
    scope: paragraph
    token: '(?:, ){2}'
    min: 1
  - id: t.acronym
    kind: conditional
    level: warning
    description: d
    scope: document
    first: '\\b(?:WHO|NATO|UN)\\b'
    second: '(?:\\b[A-Z][a-z]+ )+\\((WHO|NATO|UN)\\)'
  - id: t.plain-conditional
    kind: conditional
    level: warning
    description: d
    scope: paragraph
    first: 'ceasefire'
    second: 'truce'
  - id: t.heading-match
    kind: capitalization
    level: warning
    description: d
    scope: paragraph
    match: '^(?:Breaking|Update): '
  - id: t.title
    kind: capitalization
    level: warning
    description: d
    scope: sentence
    match: $title
    prefix: '^(?:Update|Breaking): '
    exceptions: [NATO, '(?i)kyiv']
  - id: t.relative
    kind: dates
    level: warning
    description: d
    mode: relative
    words: [yesterday, 'last\\s+week', '(?:this|next) (?:morning|evening)']
  - id: t.dateline
    kind: dateline
    level: warning
    description: d
    pattern: '[A-Z][A-Z.'' -]*[A-Z.], (?:Jan|Feb|March) \\d{1,2} \\(Reuters\\) [-–] '
    expected: '{place}, {month} {day} (Reuters) - '
"""

PIECES = ["KYIV, Feb 14 (Reuters) - ", "KYIV (AP) — ", "LONDON, Feb. 3 (Reuters) - ", "Officials said ",
          "he said", "said", ", ", ",", ". ", "\n\n", "\n", " ", "WHO", "NATO", "World Health Organization (WHO)",
          "North Atlantic Treaty Organization (NATO)", "ceasefire", "truce", "Update: ", "Breaking: ",
          "the war in kyiv", "Kyiv", "yesterday", "Yesterday", "last  week", "last\nweek", "this morning",
          "next evening", "“", "”", "a", "The Mayor Of London", "x"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=24).map("".join)


def _key(findings):
    return [(f.rule, f.offset, f.end_offset, f.message, f.suggestion) for f in findings]


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    from copylint.ruleset.loader import load_rules

    path = tmp_path_factory.mktemp("rules") / "rules.yml"
    path.write_text(RULES, encoding="utf-8")
    rules = load_rules([path], builtin=False)
    fast = Engine(rules.rules, rules.known_ids)
    # every fast path off: no trigger (no RE2 search), no prefilter, no pattern run by RE2
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fastscan, "_re2", None)
        patch.setattr(re2_exact, "enabled", lambda: False)
        plain = Engine(rules.rules, rules.known_ids)
    assert not any(t.searchable for c in plain.checks for t in c.triggers())
    return fast, plain


def test_the_moved_kinds_have_triggers(engines):
    fast, _ = engines
    kinds = {check.kind for check in fast.checks if check.triggers()}
    assert kinds == {"occurrence", "conditional", "capitalization", "dates", "dateline"} or not fastscan.available()


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_fast_paths_never_change_the_findings(engines, text):
    fast, plain = engines
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(base, "may_match", lambda pattern, text: True)
        patch.setattr(budget, "may_match", lambda pattern, text: True)
        patch.setattr(re2_exact, "enabled", lambda: False)
        expected = _key(plain.lint(Document(text)))
    assert _key(fast.lint(Document(text))) == expected


@pytest.mark.skipif(not fastscan.available(), reason="google-re2 is not installed")
def test_a_document_without_the_triggers_runs_no_author_pattern(engines, monkeypatch):
    fast, _ = engines

    def refuse(*args, **kwargs):
        raise AssertionError("a rule author's pattern ran")

    monkeypatch.setattr(budget.BoundedRegex, "_call", refuse)
    monkeypatch.setattr(budget, "bounded_finditer", refuse)
    found = fast.lint(Document("Crews repaired the bridge on Monday.\n"))
    # what needs no match is still found: 'min' not reached, a heading not matching, title case
    assert sorted(f.rule for f in found) == ["t.commas", "t.heading-match", "t.title"]


BACKTRACKS = "(a|aa)+b"  # exponential on a run of a's with no b; not run by RE2 (a group in a repeat)
RUN = "a" * 32
SLOW = {
    "occurrence": f"kind: occurrence\n    scope: sentence\n    max: 1\n    token: '{BACKTRACKS}'\n",
    "conditional-first": f"kind: conditional\n    scope: sentence\n    first: '{BACKTRACKS}'\n    second: okapi\n",
    "conditional-second": f"kind: conditional\n    scope: sentence\n    first: zebra\n    second: '{BACKTRACKS}'\n",
    "capitalization-match": f"kind: capitalization\n    scope: sentence\n    match: '{BACKTRACKS}'\n",
    "capitalization-prefix": f"kind: capitalization\n    scope: sentence\n    match: $title\n"
                             f"    prefix: '{BACKTRACKS}'\n",
    "capitalization-exceptions": f"kind: capitalization\n    scope: sentence\n    match: $title\n"
                                 f"    exceptions: ['{BACKTRACKS}']\n",
    "dates": f"kind: dates\n    mode: relative\n    datelined-only: false\n    words: ['{BACKTRACKS}']\n",
    "dateline": f"kind: dateline\n    pattern: '[A-Z]+, [^\\n]*?{BACKTRACKS}'\n",
}


@pytest.mark.parametrize("kind", sorted(SLOW))
def test_a_catastrophic_pattern_in_a_moved_kind_times_out(make_rules, kind):
    rules = make_rules("rules:\n  - id: house.slow\n    level: warning\n    description: d\n    "
                       + SLOW[kind] + "  - id: house.zebra\n    kind: existence\n    level: warning\n"
                       "    description: d\n    tokens: [zebra]\n")
    rules.regex_timeout = 0.05
    # many sentences, each a run of a's: the budget is the rule's for the whole document
    # (the last sentence has what the pattern's trigger looks for)
    text = "KYIV, Feb 14 (Reuters) - A zebra " + " ".join(f"{RUN} zebra." for _ in range(30)) + " Crabs.\n"
    from copylint import lint_text

    found = [(f.rule, f.message) for f in lint_text(text, rules)]
    assert ("house.slow", "rule 'house.slow' timed out on this document and was skipped; "
                          "simplify its pattern") in found
    assert [rule for rule, _ in found].count("house.slow") == 1
    assert "house.zebra" in [rule for rule, _ in found]
