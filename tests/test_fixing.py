from copylint import default_rules
from copylint.fixing import apply_fixes, fix_text


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
