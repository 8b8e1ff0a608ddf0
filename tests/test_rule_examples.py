"""Every shipped rule's own examples: bad ones are flagged by it, good ones are not."""

import pytest

from copylint import lint_text, load_rules

RULES = load_rules()


@pytest.mark.parametrize("rule", list(RULES), ids=lambda r: r.id)
def test_rule_examples(rule):
    alone = RULES.select(lambda r: r is rule)
    for text in rule.examples["bad"]:
        assert any(f.rule == rule.id for f in lint_text(text, alone)), f"not flagged: {text!r}"
    for text in rule.examples["good"]:
        found = [f.message for f in lint_text(text, alone) if f.rule == rule.id]
        assert not found, f"flagged good example {text!r}: {found}"


@pytest.mark.parametrize("rule", list(RULES), ids=lambda r: r.id)
def test_good_examples_are_clean_under_all_rules_at_error_level(rule):
    for text in rule.examples["good"]:
        errors = [f.rule for f in lint_text(text, RULES) if f.level >= 3 and f.rule != rule.id]
        assert not errors, f"{text!r} trips {errors}"
