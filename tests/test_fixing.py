from copylint import default_rules
from copylint.fixes.apply import apply_fixes, fix_text
from copylint.engine.linting import engine_for


def test_fix_text_applies_safe_fixes_only_and_is_idempotent():
    text = "\ufeffKIEV - The the army said Ukrainian early on Monday. It ended. .\r\nIt hit Odessa.\r\n"
    result = fix_text(text, default_rules())
    assert result.text == "\ufeffKYIV - The army said Ukrainian early on Monday. It ended.\r\nIt hit Odesa.\r\n"
    assert [f.rule for f in result.remaining] == ["attribution.orphaned-modifier"]
    again = fix_text(result.text, default_rules())
    assert again.text == result.text and not again.applied


def test_overlapping_fixes_are_deferred_not_corrupting():
    text = "to to to the east"
    result = fix_text(text, default_rules())
    assert result.text == "to the east"


def test_apply_fixes_skips_stale_findings():
    (f,) = [f for f in fix_text("Kiev", default_rules()).applied]
    new, done = apply_fixes("Kyiv", [f])
    assert new == "Kyiv" and done == []


def test_text_outside_fixed_spans_is_untouched():
    text = "Α\u0301 tab\there. Shelling hit Kiev.  Two  spaces stay. 🙂\n"
    result = fix_text(text, default_rules())
    assert result.text == text.replace("Kiev", "Kyiv")



def _swap_rules(tmp_path, applicability: str | None):
    from copylint.ruleset import load_rules

    extra = f"    fix-applicability: {applicability}\n" if applicability else ""
    (tmp_path / "r.yml").write_text(
        "rules:\n  - id: t.colour\n    kind: substitution\n    level: warning\n"
        "    description: d\n    swap: {colour: color}\n" + extra)
    return load_rules([tmp_path], builtin=False)


def test_rule_fix_applicability_defaults_to_the_kinds_and_is_carried_to_findings(tmp_path):
    from copylint.findings import Applicability

    from copylint.formats import make_document

    rules = _swap_rules(tmp_path, None)
    assert rules.rules[0].fix_applicability is Applicability.SAFE
    (finding,) = engine_for(rules).lint(make_document("A colour."))
    assert finding.applicability is Applicability.SAFE and finding.safe_fix
    assert finding.to_dict()["fix_applicability"] == "safe"


def test_unsafe_fixes_are_applied_only_when_asked(tmp_path):
    from copylint.findings import Applicability

    rules = _swap_rules(tmp_path, "unsafe")
    assert rules.rules[0].fix_applicability is Applicability.UNSAFE
    kept = fix_text("A colour.\n", rules)
    assert kept.text == "A colour.\n" and not kept.applied
    assert [f.applicability for f in kept.remaining] == [Applicability.UNSAFE]
    assert fix_text("A colour.\n", rules, unsafe=True).text == "A color.\n"


def test_bad_fix_applicability_is_a_rule_error(tmp_path):
    import pytest

    from copylint.errors import RuleError

    with pytest.raises(RuleError, match="fix-applicability"):
        _swap_rules(tmp_path, "maybe")
