"""Rule files are validated on load; every problem names file, line and rule."""

import pytest

from copylint import RuleError, load_rules


def load_error(make_rules, text: str) -> str:
    with pytest.raises(RuleError) as info:
        make_rules(text)
    return str(info.value)


def test_unknown_key(make_rules, tmp_path):
    msg = load_error(make_rules, """
        rules:
          - id: t.a
            kind: existence
            level: error
            description: d
            tokens: [x]
            tokenz: [y]
    """)
    assert msg == f"{tmp_path / 'rules.yml'}:8: t.a: unknown key 'tokenz' for an existence rule; did you mean 'tokens'?"


def test_wrong_type(make_rules):
    msg = load_error(make_rules, """
        rules:
          - {id: t.a, kind: existence, level: error, description: d, tokens: [x], ignorecase: "yes please"}
    """)
    assert msg.endswith(":3: t.a: ignorecase: must be true or false, not a string")


def test_bad_level_and_kind(make_rules):
    assert "level: must be one of error, warning, suggestion" in load_error(make_rules, """
        rules:
          - {id: t.a, kind: existence, level: fatal, description: d, tokens: [x]}
    """)
    assert "unknown kind 'spelling-ish'" in load_error(make_rules, """
        rules:
          - {id: t.b, kind: spelling-ish, level: error, description: d}
    """)


def test_bad_regex_names_line_and_rule(make_rules):
    msg = load_error(make_rules, """
        rules:
          - id: t.ok
            kind: existence
            level: error
            description: d
            tokens: [fine]
          - id: t.bad
            kind: punctuation
            level: error
            description: d
            pattern: '(unclosed'
    """)
    assert ":12: t.bad: pattern: bad regex '(unclosed'" in msg


def test_missing_required_field(make_rules):
    assert "t.a: missing required key 'description'" in load_error(make_rules, """
        rules:
          - {id: t.a, kind: existence, level: error, tokens: [x]}
    """)


def test_duplicate_ids_across_files(tmp_path):
    rule = "rules:\n  - {id: t.a, kind: existence, level: error, description: d, tokens: [x]}\n"
    (tmp_path / "a.yml").write_text(rule)
    (tmp_path / "b.yml").write_text(rule)
    with pytest.raises(RuleError, match=r"b\.yml:2: t\.a: duplicate rule id \(first defined at .*a\.yml:2\)"):
        load_rules([tmp_path], builtin=False)


def test_malformed_yaml(make_rules):
    assert ":4: invalid YAML" in load_error(make_rules, "rules:\n  - id: [\n  kind: x\n")


def test_python_tags_are_refused(make_rules, tmp_path):
    marker = tmp_path / "pwned"
    msg = load_error(make_rules, f"""
        rules:
          - !!python/object/apply:os.system ["touch {marker}"]
    """)
    assert "invalid YAML" in msg and "python/object" in msg
    assert not marker.exists()


def test_builtin_rules_load_and_have_examples():
    rules = load_rules()
    assert len(rules) > 40
    for rule in rules:
        assert rule.examples["bad"] and rule.examples["good"], f"{rule.id} has no examples"
        assert rule.description.strip()
