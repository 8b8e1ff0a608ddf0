"""Every shipped rule's own examples, in every built-in style: bad ones are
flagged by it, good ones are not, and no rule ships without both."""

import pytest

from copylint import lint_text, load_rules
from copylint.ruleset import BUILTIN_RULES_DIR, builtin_styles

STYLES = {name: load_rules(style=name) for name in builtin_styles(BUILTIN_RULES_DIR)}
# Each rule once, in the style that defines it (an override changes level or options,
# so overridden rules are also checked in the style that overrides them).
CASES = []
for _style, _rules in STYLES.items():
    for _rule in _rules:
        if _rule.pack == _style or _rule.overridden_by and _style != "newsroom":
            CASES.append((_style, _rule))


def _id(case):
    return f"{case[0]}:{case[1].id}"


def test_every_style_is_covered():
    assert {"newsroom", "ap", "reuters", "bbc"} <= set(STYLES)
    assert len(CASES) >= len(STYLES["newsroom"])


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_rule_has_examples(case):
    _style, rule = case
    assert rule.examples["bad"], f"{rule.id} has no bad example"
    assert rule.examples["good"], f"{rule.id} has no good example"
    assert rule.source, f"{rule.id} has no source"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_rule_examples(case):
    style, rule = case
    alone = STYLES[style].select(lambda r: r is rule)
    for text in rule.examples["bad"]:
        assert any(f.rule == rule.id for f in lint_text(text, alone)), f"not flagged: {text!r}"
    for text in rule.examples["good"]:
        found = [f.message for f in lint_text(text, alone) if f.rule == rule.id]
        assert not found, f"flagged good example {text!r}: {found}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_good_examples_are_clean_under_all_rules_at_error_level(case):
    style, rule = case
    for text in rule.examples["good"]:
        errors = [f.rule for f in lint_text(text, STYLES[style]) if f.level >= 3 and f.rule != rule.id]
        assert not errors, f"{text!r} trips {errors}"
