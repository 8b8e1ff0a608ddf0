"""Inline suppression comments, and warnings for the ones that hide nothing."""

import pytest

from copylint import lint_text


def rules_at(src: str, path: str = "a.md", **kw) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in lint_text(src, path=path, **kw)]


def test_disable_enable_block():
    src = ("Kiev one.\n\n<!-- copylint-disable places.kyiv -->\n\nKiev two.\n\n"
           "<!-- copylint-enable places.kyiv -->\n\nKiev three.\n")
    assert rules_at(src) == [("places.kyiv", 1), ("places.kyiv", 9)]


def test_disable_without_ids_is_every_rule_and_lasts_to_the_end():
    src = "Kiev one.\n\n<!-- copylint-disable -->\n\nKiev and the the end.\n"
    assert rules_at(src) == [("places.kyiv", 1)]


def test_disable_glob_and_several_ids():
    src = "<!-- copylint-disable places.*, repetition.words -->\nKiev and Odessa and the the end. .\n"
    assert rules_at(src) == [("punctuation.stray-stop", 2)]


def test_enable_without_ids_closes_every_disable():
    src = ("<!-- copylint-disable places.kyiv -->\n<!-- copylint-disable repetition.words -->\n"
           "Kiev the the.\n<!-- copylint-enable -->\nKiev the the.\n")
    assert rules_at(src) == [("places.kyiv", 5), ("repetition.words", 5)]


def test_enable_one_rule_inside_a_wider_disable():
    src = ("<!-- copylint-disable -->\nKiev the the.\n<!-- copylint-enable places.kyiv -->\n"
           "Kiev the the.\n<!-- copylint-disable places.* -->\nKiev the the.\n"
           "<!-- copylint-enable places.kyiv -->\nKiev and Odessa.\n")
    # the last directive naming a rule (or naming every rule) decides
    assert rules_at(src) == [("places.kyiv", 4), ("places.kyiv", 8)]


def test_disable_next_line_only_affects_the_next_line():
    src = "<!-- copylint-disable-next-line places.kyiv -->\nKiev here.\nKiev there.\n"
    assert rules_at(src) == [("places.kyiv", 3)]


def test_disable_line_at_end_of_a_line():
    src = "Kiev here. <!-- copylint-disable-line places.kyiv -->\nKiev there.\n"
    assert rules_at(src) == [("places.kyiv", 2)]


def test_html_file_comments():
    src = "<p>Kiev</p>\n<!-- copylint-disable-next-line places.kyiv -->\n<p>Kiev</p>\n"
    assert rules_at(src, path="a.html") == [("places.kyiv", 1)]


@pytest.mark.parametrize("directive", [
    "# copylint-disable-next-line places.kyiv",
    "<!-- copylint-disable-next-line places.kyiv -->",
])
def test_plain_text_equivalents(directive):
    src = f"Kiev one.\n{directive}\nKiev two.\n"
    assert rules_at(src, path="a.txt") == [("places.kyiv", 1)]
    # the directive line itself is not prose
    from copylint.formats import make_document

    doc = make_document(f"{directive}\nText.\n", "a.txt")
    assert doc.prose.strip() == "Text." and len(doc.comments) == 1


def test_comment_inside_code_is_not_a_directive():
    src = "```\n<!-- copylint-disable -->\n```\nKiev here.\n"
    assert rules_at(src) == [("places.kyiv", 4)]


def test_no_inline_config_ignores_comments():
    src = "<!-- copylint-disable places.kyiv -->\nKiev here.\n"
    assert rules_at(src) == []
    assert rules_at(src, inline_config=False) == [("places.kyiv", 2)]


def test_unknown_rule_id_is_a_warning_at_the_id():
    src = "<!-- copylint-disable plces.kyiv -->\nKiev here.\n"
    findings = lint_text(src, path="a.md")
    assert [(f.rule, str(f.level), f.line, f.column, f.match) for f in findings] == [
        ("suppression.unknown-rule", "warning", 1, 23, "plces.kyiv"),
        ("places.kyiv", "warning", 2, 1, "Kiev"),
    ]
    assert "did you mean 'places.kyiv'?" in findings[0].message


def test_glob_matching_nothing_is_reported_too():
    assert rules_at("<!-- copylint-disable-next-line nosuch.* -->\nok\n") == [
        ("suppression.unknown-rule", 1)]


def test_misspelt_directive_is_reported():
    findings = lint_text("<!-- copylint-disabel places.kyiv -->\nKiev.\n", path="a.md")
    assert [f.rule for f in findings] == ["suppression.unknown-directive", "places.kyiv"]
    assert "copylint-disable" in findings[0].message


def test_rule_deselected_by_configuration_is_not_unknown(make_rules):
    from copylint import load_rules

    rules = load_rules().select(lambda r: r.id != "places.kyiv")
    assert rules_at("<!-- copylint-disable places.kyiv -->\nKiev.\n", rules=rules) == []


def test_ordinary_comments_are_left_alone():
    assert rules_at("<!-- TODO: check the figures -->\nText.\n") == []


def test_suppressed_findings_are_not_fixed():
    from copylint.api import default_rules
    from copylint.fixes.apply import fix_text

    src = "<!-- copylint-disable-next-line places.* -->\nKiev and Kiev.\nKiev.\n"
    assert fix_text(src, default_rules(), path="a.md").text == (
        "<!-- copylint-disable-next-line places.* -->\nKiev and Kiev.\nKyiv.\n")
