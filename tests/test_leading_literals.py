"""A rule author's pattern whose every match starts with one of a few
literals (after a look-behind, ``\\b``, ``^``…) is tried only where
``str.find`` finds one of them (:func:`copylint.patterns.analysis.match_starts`,
:func:`copylint.patterns.budget.leading_finditer`, ``RulePattern.finditer``).

Generated patterns and texts (with the characters case folding treats
specially) check that every match starts at an offset found, and that the
matches are exactly those of the plain ``finditer`` (overlaps, groups,
look-behinds reading the text before a start); the built-in rules give the
same findings on generated stories with the shortcut off; a catastrophic
pattern still times out.
"""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copylint.checks import base
from copylint.document.model import Document
from copylint.patterns import budget
from copylint.patterns.analysis import match_starts
from copylint.patterns.casefold import has_case_traps
from copylint.patterns.literals import match_starts as remembered_starts
from regex_strategies import nested_patterns

ATOMS = ["ab", "ba", "abc", "a", "b", "c", "K", "s", "i", "é", "É", "σ", " ", r"\.", r"\s", r"\w", r"\d", "[ab]",
         "[éÉ]", ".", "[^a]", r"\b", r"\B", "^", "$", r"\A", "(?<=a)", "(?<!b)", "(?<=ab)", r"(?<!\w)", "(?=b)",
         "(?!a)", "(?<=a|bc)", r"(?<=\s)"]


def _patterns() -> st.SearchStrategy[str]:
    body = nested_patterns(ATOMS, ["*", "+", "?", "{2}", "{1,3}", "+?"])
    # led by a zero-width assertion, as the patterns this is for are
    lead = st.sampled_from(["", r"(?<!\w)", r"\b", "(?<=a)", "(?<=b|ca)", "^", r"(?<![a-c])"])
    flags = st.sampled_from(["", "(?i)", "(?m)", "(?s)", "(?x)"])
    return st.tuples(flags, lead, body).map("".join)


PIECES = ["a", "b", "c", "ab", "ba", "abc", "A", "B", "AB", "Ab", "k", "K", "\u212a", "s", "S", "\u017f", "i", "I",
          "\u0130", "\u0131", " ", "  ", "\t", ".", "\n", "é", "É", "1", "x", "σ", "Σ", "ς"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)
SETTINGS = dict(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _compiled(pattern: str, ignorecase: bool) -> "regex.Pattern[str] | None":
    try:
        return regex.compile(pattern, regex.V0 | (regex.IGNORECASE if ignorecase else 0))
    except (regex.error, ValueError):
        return None


def _faithful_lower(text: str) -> str | None:
    """What ``Document.lower_prose`` gives."""
    if has_case_traps(text):
        return None
    lower = text.lower()
    return lower if len(lower) == len(text) else None


def _shape(matches) -> list:
    return [(m.span(), m.groups(), m.regs) for m in matches]


def _text(data: st.DataObject, pattern: str, ignorecase: bool) -> str:
    """Generated pieces around a text Python's ``re`` would match (when
    hypothesis can write one), so that most patterns have matches."""
    try:
        middle = data.draw(st.from_regex(re.compile(pattern, re.IGNORECASE if ignorecase else 0)))
    except Exception:  # noqa: BLE001 - syntax only ``regex`` reads, or a construct hypothesis cannot write
        middle = ""
    return data.draw(TEXTS) + middle + data.draw(TEXTS)


@settings(**SETTINGS)
@given(pattern=_patterns(), ignorecase=st.booleans(), data=st.data(), min_length=st.sampled_from([1, 2]))
def test_matches_from_the_starts_are_the_plain_matches(pattern, ignorecase, data, min_length):
    compiled = _compiled(pattern, ignorecase)
    starts = match_starts(pattern, ignorecase, min_length)
    if compiled is None or starts is None:
        return
    text = _text(data, pattern, ignorecase)
    try:
        plain = list(compiled.finditer(text, timeout=1.0))
    except TimeoutError:
        return
    # every literal is lower-cased text when folded, and none is empty or too short
    assert all(len(lit) >= min_length for lit in starts.literals)
    assert not starts.folded or all(lit == lit.lower() for lit in starts.literals)
    hay = _faithful_lower(text) if starts.folded else text
    if hay is None:
        return  # RulePattern then runs the plain path
    found = budget.find_starts(starts.literals, hay)
    assert {m.start() for m in plain} <= set(found), (pattern, text, starts)
    assert _shape(budget.starts_finditer(None, compiled, text, found)) == _shape(plain)


def test_the_relative_day_rule_is_led_by_its_words():
    from copylint.engine.linting import default_rules

    rule = next(r for r in default_rules().rules if r.id == "dates.relative-day")
    body = "|".join(f"(?:{w})" for w in rule.options["words"])
    starts = remembered_starts(rf"(?<!\w)(?:{body})(?!\w)", rule.ignorecase)
    assert starts is not None
    literals, _folded = starts
    assert {"yesterday", "tomorrow", "today", "tonight", "last", "this", "early", "earlier", "late"} == set(literals)
    # one literal is left to ``regex``'s own search for a required string
    assert remembered_starts(r"(?<!\w)Jan\b", False) is None and match_starts(r"(?<!\w)Jan\b")


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?<!\w)(?:said|told)\b", ("said", "told")),
    (r"\b(?:Mr|Ms)\. [A-Z]", ("Mr. ", "Ms. ")),
    (r"(?i)(?<=\s)(?:North|Nor)(?:th)?", ("nor",)),  # 'north' begins with 'nor': one find
    (r"^(?:ab|cd)+x", ("ab", "cd")),
    (r"(?<=x)a", None),  # one character: too short to be worth a search
    (r"(?<=x)(?:ab)?c", None),  # a match can start with 'c'
    (r"(?<=x)(?:ab|)c", None),
    (r"\w+said", None),
    (r"(?<=said\s)(?=today)\w+", None),  # a look-ahead is not a start
    ("(?i)(?:stra\u00dfe|\u017fun)", None),  # 'ſ' is not searched for lower-cased
    ("|".join(f"w{i:02d}" for i in range(20)), None),  # too many to search one by one
])
def test_which_patterns_have_starts(pattern, expected):
    starts = match_starts(pattern)
    assert (starts.literals if starts else None) == expected


RULES = """\
rules:
  - id: t.led
    kind: dates
    level: warning
    description: d
    mode: relative
    datelined-only: false
    words: ['yesterday', '(?<=said\\s)today', 'last\\s+night', '(?<=(?:said|told\\s+\\w+)\\s)tonight']
    ignorecase: true
  - id: t.led-case
    kind: dates
    level: warning
    description: d
    mode: relative
    datelined-only: false
    words: ['Yesterday', '(?<=said\\s)today', '(?<=(?:said|told\\s+\\w+)\\s)tonight']
"""
PARTS = ["Officials said ", "said today", "said\ttoday", "told them tonight", "Yesterday", "yesterday",
         "YESTERDAY", "last  night", "last\nnight", "\u017fays", "\u212a", "\u0130", "x", " ", ". ", "\n\n",
         "“yesterday”", "today", "Said today", "SAID TODAY"]
STORY = st.lists(st.sampled_from(PARTS), max_size=20).map("".join)


@pytest.fixture(scope="module")
def led_rules(tmp_path_factory):
    from copylint.ruleset.loader import load_rules

    path = tmp_path_factory.mktemp("rules") / "rules.yml"
    path.write_text(RULES, encoding="utf-8")
    return load_rules([path], builtin=False)


def _plain_leading(rule, pattern, text, hay, literals, timeout=budget.REGEX_TIMEOUT):
    return budget.bounded_finditer(rule, pattern, text, timeout=timeout)


def _key(findings):
    return [(f.rule, f.offset, f.end_offset, f.message) for f in findings]


@settings(max_examples=200, deadline=None)
@given(text=STORY)
def test_a_rule_led_by_a_look_behind_finds_what_the_plain_path_finds(led_rules, text):
    from copylint import lint_text

    found = _key(lint_text(text, led_rules))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(base, "leading_finditer", _plain_leading)
        assert _key(lint_text(text, led_rules)) == found


def test_a_text_whose_lower_case_is_not_faithful_takes_the_plain_path(make_rules, monkeypatch):
    from copylint import lint_text

    led_rules = make_rules(RULES.split("  - id: t.led-case")[0])

    calls: list[str] = []
    monkeypatch.setattr(base, "leading_finditer", lambda *args, **kwargs: calls.append("starts") or iter(()))
    # 'ſ' matches 's' case-insensitively: str.find in the lower-cased text would miss 'ſaid today'
    found = lint_text("Officials \u017faid today and yesterday.\n", led_rules)
    assert calls == [] and [f.match for f in found] == ["today", "yesterday"]
    assert "t.led-case" not in [r.id for r in led_rules.rules]
    lint_text("Officials said today.\n", led_rules)
    assert calls == ["starts"]


STORY_PARTS = ["KYIV, Feb 14 (Reuters) - ", "LONDON (AP) — ", "Officials said ", "said yesterday", "told reporters ",
               "today", "Today", "later today", "earlier  today", "tonight", "last night", "this morning", "the ",
               "mayor ", "“We will not give up tomorrow,” ", "said on Monday", ". ", "\n\n", ", ", "(", ")",
               "Feb. 30", "Tuesday, March 3, 2026", "yesterday's", "todays", "this\nevening", "\u212a", "\u0130"]
STORIES = st.lists(st.sampled_from(STORY_PARTS), max_size=30).map("".join)


@settings(max_examples=150, deadline=None)
@given(text=STORIES, style=st.sampled_from(["newsroom", "ap"]))
def test_the_built_in_rules_find_the_same_with_and_without_the_starts(text, style):
    from copylint import lint_text

    rules = _styles(style)
    found = _key(lint_text(text, rules))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(base, "leading_finditer", _plain_leading)
        assert _key(lint_text(text, rules)) == found


_LOADED: dict = {}


def _styles(style: str):
    from copylint.ruleset.loader import load_rules

    if style not in _LOADED:
        _LOADED[style] = load_rules(style=style)
    return _LOADED[style]


def test_a_catastrophic_pattern_led_by_literals_still_times_out(make_rules):
    from copylint import lint_text

    assert remembered_starts(r"(?<!\w)(?:(?:(?<=said )ab(a|aa)+c)|(?:(?<=told )cd(a|aa)+c))(?!\w)", False)

    rules = make_rules("rules:\n  - id: house.slow\n    level: warning\n    description: d\n"
                       "    kind: dates\n    mode: relative\n    datelined-only: false\n"
                       "    words: ['(?<=said )ab(a|aa)+c', '(?<=told )cd(a|aa)+c']\n")
    rules.regex_timeout = 0.05
    # every start is slow; the budget is the rule's for the whole document
    text = " ".join(f"They said ab{'a' * 32}." for _ in range(30)) + " They said abac.\n"
    found = [(f.rule, f.message) for f in lint_text(text, rules)]
    assert found == [("house.slow", "rule 'house.slow' timed out on this document and was skipped; "
                                    "simplify its pattern")]


def test_the_budget_covers_all_the_tries(led_rules):
    compiled, rule = regex.compile("ab"), led_rules.rules[0]
    with pytest.raises(budget.RuleTimeout) as raised:
        budget.starts_finditer(rule, compiled, "ab ab", [0, 3], timeout=-1.0)
    assert raised.value.rule is rule
    assert budget.starts_finditer(rule, compiled, "ab ab", [], timeout=-1.0) == []
