"""Every shipped rule's own examples, in every built-in style, through the
library function behind ``copylint test`` (bad ones flagged at their marked
spans, good ones not, stated fixes giving the stated text), and no rule ships
without both kinds of example."""

import pytest

from copylint import lint_text, load_rules
from copylint.rule_tests import render_failure, rules_of_style, test_rule
from copylint.ruleset import BUILTIN_RULES_DIR, builtin_styles
from copylint.ruleset.packs import manifest_in

STYLES = {name: load_rules(style=name) for name in builtin_styles(BUILTIN_RULES_DIR)}
# Each rule once in the style that defines it, and again in each style that overrides it:
# exactly what `copylint test STYLE` runs.
CASES = [(style, rule) for style, rules in STYLES.items()
         for rule in rules_of_style(rules, style, str(manifest_in(BUILTIN_RULES_DIR / style).resolve()))]


def _id(case):
    return f"{case[0]}:{case[1].id}"


def test_every_style_and_every_rule_is_covered():
    assert {"newsroom", "ap", "reuters", "bbc"} <= set(STYLES)
    covered = {rule.id for _, rule in CASES}
    for style, rules in STYLES.items():
        assert {r.id for r in rules} <= covered, style


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_rule_has_examples(case):
    _style, rule = case
    assert rule.examples["bad"], f"{rule.id} has no bad example"
    assert rule.examples["good"], f"{rule.id} has no good example"
    assert rule.source, f"{rule.id} has no source"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_rule_examples(case):
    style, rule = case
    failures = [render_failure(o) for o in test_rule(rule, STYLES[style]) if not o.passed]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_good_examples_are_clean_under_all_rules_at_error_level(case):
    style, rule = case
    for text in rule.examples["good"]:
        errors = [f.rule for f in lint_text(text, STYLES[style]) if f.level >= 3 and f.rule != rule.id]
        assert not errors, f"{text!r} trips {errors}"
